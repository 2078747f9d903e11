//! The heads of `line` that [`super::quick_heads::common_head`] leaves to the
//! grammar, written out by hand where that is short: the national title,
//! the motto, `Phần I`, `Phụ lục …` and the place and date line, and the
//! lines starting with `(` or `Số` that no alternative but `text` matches.
//! A pest run costs about 17,000 instructions a line; these read a few
//! bytes. Same result as the grammar (`grammar/plan.pest`, the reference),
//! checked in `parser::tests::classify_shortcuts_agree_with_line_rule`.

use std::ops::Range;

use super::lines::{starts_with_folded, DocNumberHead, Head, HeadingHead, PlaceDateHead};
use crate::document::markup::fold_one;
use crate::document::model::NumberingStyle;

/// What `undated_line` gives for `text` (cleaned, not folded) when its head
/// is one of the kinds above, or `None` (ask the grammar). Call it only
/// when `common_head` answered `None`: the alternatives before these
/// (`national_title` … `signature_head`) start with other literals.
pub(super) fn rare_head(text: &str) -> Option<Head> {
    let start = skip_sp(text, 0);
    let rest = &text[start..];
    if starts_with_folded(rest, "cộng h") {
        return national_title(text, start).then_some(Head::NationalTitle);
    }
    if starts_with_folded(rest, "độc lập") {
        return motto(text, start).then_some(Head::Motto);
    }
    if starts_with_folded(rest, "phần") {
        // Nothing after `part_heading` starts with `p` then `h`: `text`.
        return Some(part_heading(text, start).unwrap_or(Head::Text));
    }
    if starts_with_folded(rest, "phụ lục") {
        // `type_word`, `basis` and the rest cannot start with `phụ lục`.
        return Some(appendix_head(text, start).unwrap_or(Head::Text));
    }
    if rest.starts_with('(') {
        // Only `attached_to` starts with `(`: it needs `ban hành` or `kèm theo` next.
        let at = skip_sp(text, start + 1);
        let after = &text[at..];
        let attached =
            starts_with_folded(after, "ban hành") || starts_with_folded(after, "kèm theo");
        if !attached {
            return Some(Head::Text);
        }
        let head = super::attached_rule::attached_to(text, start);
        return Some(head.map_or(Head::Text, |h| Head::AttachedTo(Box::new(h))));
    }
    if starts_with_folded(rest, "số") {
        // Only `document_number` starts with `s`: it needs `:` after `sp`.
        return Some(number_line_head(text).unwrap_or(Head::Text));
    }
    None
}

/// `line`'s answer for a line starting (after `sp`) with `số`, `sp` and
/// `:`, or `None` for any other line. No alternative of `line` but
/// `document_number` and `text` can match it: the earlier ones start with
/// `cộng h` and `độc lập`, and `place_date`'s `place` stops at the `:`
/// where its comma should be.
pub(super) fn number_line_head(text: &str) -> Option<Head> {
    let start = skip_sp(text, 0);
    let at = literal(text, start, "số")?;
    let at = skip_sp(text, at);
    if text.as_bytes().get(at) != Some(&b':') {
        return None;
    }
    Some(document_number(text, start, at + 1).unwrap_or(Head::Text))
}

/// `document_number = { "số" ~ sp ~ ":" ~ blank ~ doc_symbol ~ (sp ~ place_date)? }`
/// from `start`, read up to the colon (`after_colon`).
fn document_number(text: &str, start: usize, after_colon: usize) -> Option<Head> {
    // doc_symbol = { doc_num? ~ blank ~ "/" ~ sp ~ type_code ~ (sp ~ dash ~ sp ~ issuer_code)? }
    let symbol_start = skip_blank(text, after_colon);
    // doc_num = @{ ASCII_DIGIT{1,6} }
    let (number, at) = number(text, symbol_start, 1, 6);
    let at = skip_blank(text, at);
    if text.as_bytes().get(at) != Some(&b'/') {
        return None;
    }
    // type_code = @{ LETTER{1,8} }
    let code_start = skip_sp(text, at + 1);
    let code_end = run_of(text, code_start, 8, pest::unicode::LETTER);
    if code_end == code_start {
        return None;
    }
    let mut symbol_end = code_end;
    let mut issuer_code = None;
    if let Some(after_dash) = dash(text, skip_sp(text, code_end)) {
        // issuer_code = @{ (LETTER | ASCII_DIGIT | "&" | "-")+ }
        let issuer_start = skip_sp(text, after_dash);
        let issuer_end = run_of(text, issuer_start, usize::MAX, |c| {
            pest::unicode::LETTER(c) || c.is_ascii_digit() || matches!(c, '&' | '-')
        });
        if issuer_end > issuer_start {
            issuer_code = Some(issuer_start..issuer_end);
            symbol_end = issuer_end;
        }
    }
    let place_date = place_date(text, skip_sp(text, symbol_end));
    let end = place_date.as_ref().map_or(symbol_end, |p| p.whole.end);
    Some(Head::DocumentNumber(Box::new(DocNumberHead {
        whole: start..end,
        symbol: symbol_start..symbol_end,
        number,
        type_code: Some(code_start..code_end),
        issuer_code,
        place_date,
    })))
}

/// End of the longest run (at most `max` characters) from `at` of
/// characters whose fold `is` accepts.
fn run_of(text: &str, at: usize, max: usize, is: impl Fn(char) -> bool) -> usize {
    let rest = text.get(at..).unwrap_or("");
    let mut end = at;
    for c in rest.chars().take(max) {
        if !is(fold_one(c)) {
            break;
        }
        end += c.len_utf8();
    }
    end
}

/// `line`'s answer for a line where `place_date` can match (see
/// `lines::may_be_place_date`) and the three alternatives before it
/// cannot (the line does not start with `cộng h`, `độc lập` nor `số`):
/// the place and date, or `None` when `place_date` fails too (then `line`
/// answers what `undated_line` does).
pub(super) fn dated_head(text: &str) -> Option<Head> {
    let start = skip_sp(text, 0);
    place_date(text, start).map(|head| Head::PlaceDate(Box::new(head)))
}

/// Whether the first three alternatives of `line` cannot match `rest` (the
/// line after `sp`).
pub(super) fn before_place_date_fail(rest: &str) -> bool {
    !["cộng h", "độc lập", "số"]
        .iter()
        .any(|w| starts_with_folded(rest, w))
}

/// `national_title = { ("cộng hòa" | "cộng hoà") ~ sp1 ~ "xã hội chủ nghĩa việt nam" }`
fn national_title(text: &str, at: usize) -> bool {
    let Some(at) = ["cộng hòa", "cộng hoà"]
        .iter()
        .find_map(|w| literal(text, at, w))
    else {
        return false;
    };
    let after = skip_sp(text, at);
    after > at && literal(text, after, "xã hội chủ nghĩa việt nam").is_some()
}

/// `motto = { "độc lập" ~ sp ~ dash ~ sp ~ "tự do" ~ sp ~ dash ~ sp ~ "hạnh phúc" }`
fn motto(text: &str, at: usize) -> bool {
    let motto = || {
        let at = literal(text, at, "độc lập")?;
        let at = dash(text, skip_sp(text, at))?;
        let at = literal(text, skip_sp(text, at), "tự do")?;
        let at = dash(text, skip_sp(text, at))?;
        literal(text, skip_sp(text, at), "hạnh phúc")
    };
    motto().is_some()
}

/// `part_heading = { "phần" ~ sp1 ~ roman_label ~ !(LETTER | MARK) ~ sp ~ ((":" | "." | dash) ~ sp)? }`
fn part_heading(text: &str, at: usize) -> Option<Head> {
    let at = literal(text, at, "phần")?;
    let label_start = skip_sp(text, at);
    if label_start == at {
        return None;
    }
    // roman_label = @{ ("i" | "v" | "x" | "l" | "c"){1,7} }
    let roman = text.as_bytes()[label_start..]
        .iter()
        .take(7)
        .take_while(|b| matches!(b.to_ascii_lowercase(), b'i' | b'v' | b'x' | b'l' | b'c'))
        .count();
    if roman == 0 {
        return None;
    }
    let label = label_start..label_start + roman;
    if letter_or_mark_at(text, label.end) {
        return None;
    }
    let at = skip_sp(text, label.end);
    let end = punctuation(text, at).map_or(at, |after| skip_sp(text, after));
    Some(Head::Heading(HeadingHead {
        style: NumberingStyle::Part,
        label,
        rest: end,
    }))
}

/// `appendix_head = { "phụ lục" ~ (sp ~ appendix_label ~ !(LETTER | MARK))? ~ !(LETTER | MARK) ~ sp ~ (":" | "." | dash)? ~ sp }`
fn appendix_head(text: &str, start: usize) -> Option<Head> {
    let mut at = literal(text, start, "phụ lục")?;
    let label_at = skip_sp(text, at);
    if let Some(label_end) = appendix_label(text, label_at) {
        if !letter_or_mark_at(text, label_end) {
            at = label_end;
        }
    }
    if letter_or_mark_at(text, at) {
        return None;
    }
    let at = skip_sp(text, at);
    let end = skip_sp(text, punctuation(text, at).unwrap_or(at));
    let label_end = start
        + text[start..end]
            .trim_end_matches([' ', ':', '.', '-', '–'])
            .len();
    Some(Head::AppendixLabel {
        label: start..label_end,
        rest: end,
    })
}

/// End of `appendix_label = @{ ASCII_DIGIT{1,3} | ("i" | "v" | "x"){1,5} | ASCII_ALPHA_LOWER }` at `at`.
fn appendix_label(text: &str, at: usize) -> Option<usize> {
    let bytes = &text.as_bytes()[at..];
    let digits = bytes
        .iter()
        .take(3)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits > 0 {
        return Some(at + digits);
    }
    let roman = bytes
        .iter()
        .take(5)
        .take_while(|b| matches!(b.to_ascii_lowercase(), b'i' | b'v' | b'x'))
        .count();
    if roman > 0 {
        return Some(at + roman);
    }
    bytes
        .first()
        .is_some_and(u8::is_ascii_alphabetic)
        .then_some(at + 1)
}

/// `place_date = { place? ~ sp ~ "," ~ sp ~ date_words }` at `start`.
fn place_date(text: &str, start: usize) -> Option<PlaceDateHead> {
    let place_end = place(text, start);
    let at = skip_sp(text, place_end);
    if text.as_bytes().get(at) != Some(&b',') {
        return None;
    }
    // date_words = _{ "ngày" ~ blank ~ day? ~ blank ~ "tháng" ~ blank ~ month? ~ blank ~ "năm" ~ blank ~ year? }
    let at = literal(text, skip_sp(text, at + 1), "ngày")?;
    let (day, at) = number(text, skip_blank(text, at), 1, 2);
    let at = literal(text, skip_blank(text, at), "tháng")?;
    let (month, at) = number(text, skip_blank(text, at), 1, 2);
    let at = literal(text, skip_blank(text, at), "năm")?;
    let (year, end) = number(text, skip_blank(text, at), 4, 4);
    Some(PlaceDateHead {
        whole: start..end,
        place: (place_end > start).then_some(start..place_end),
        day,
        month,
        year,
    })
}

/// End of `place = @{ (LETTER | MARK) ~ (LETTER | MARK | " " | "." | "-" | "'"){0,60} }`
/// at `at` (`at` itself when it does not match).
fn place(text: &str, at: usize) -> usize {
    let mut chars = text[at..].char_indices();
    match chars.next() {
        Some((_, c)) if letter_or_mark(c) => {}
        _ => return at,
    }
    let mut end = at + text[at..].chars().next().map_or(0, char::len_utf8);
    for (offset, c) in chars.take(60) {
        if !(letter_or_mark(c) || matches!(c, ' ' | '.' | '-' | '\'')) {
            break;
        }
        end = at + offset + c.len_utf8();
    }
    end
}

/// `ASCII_DIGIT{min,max}` at `at`: its range and where it ends (`at` when it does not match).
fn number(text: &str, at: usize, min: usize, max: usize) -> (Option<Range<usize>>, usize) {
    let n = text.as_bytes()[at..]
        .iter()
        .take(max)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if n >= min {
        (Some(at..at + n), at + n)
    } else {
        (None, at)
    }
}

/// After the folded `word` at `at`, if it is there.
fn literal(text: &str, at: usize, word: &str) -> Option<usize> {
    starts_with_folded(text.get(at..)?, word).then_some(at + word.len())
}

/// After `dash = _{ "-" | "–" | "—" }` at `at`.
fn dash(text: &str, at: usize) -> Option<usize> {
    let c = text.get(at..)?.chars().next()?;
    matches!(c, '-' | '–' | '—').then_some(at + c.len_utf8())
}

/// After `(":" | "." | dash)` at `at`.
fn punctuation(text: &str, at: usize) -> Option<usize> {
    match text.as_bytes().get(at) {
        Some(b':' | b'.') => Some(at + 1),
        _ => dash(text, at),
    }
}

/// Whether `(LETTER | MARK)` matches at `at` of the folded text.
fn letter_or_mark_at(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|s| s.chars().next())
        .is_some_and(letter_or_mark)
}

/// pest's `LETTER | MARK` of the folded character.
fn letter_or_mark(c: char) -> bool {
    let c = fold_one(c);
    pest::unicode::LETTER(c) || pest::unicode::MARK(c)
}

/// After `sp = _{ (" " | "\t" | "\u{a0}")* }` from `at`.
fn skip_sp(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or("");
    at + rest.len() - rest.trim_start_matches([' ', '\t', '\u{a0}']).len()
}

/// After `blank = _{ (" " | "\t" | "\u{a0}" | "." | "…" | "_")* }` from `at`.
fn skip_blank(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or("");
    at + rest.len()
        - rest
            .trim_start_matches([' ', '\t', '\u{a0}', '.', '…', '_'])
            .len()
}
