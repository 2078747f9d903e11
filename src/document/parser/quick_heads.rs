//! The grammar's two shortest entry rules, `bullet_line` and `number_line`,
//! written out by hand: they read a third of a plan's lines (every `- …`
//! and `1. …`), and a pest run costs far more than the few bytes they look
//! at. So are the commonest heads of `line` ([`common_head`]: bases,
//! headings, type words, recipients, signatures). Same result as the
//! grammar, checked against it in the tests; the grammar
//! (`grammar/plan.pest`) stays the reference.

use std::ops::Range;

use super::lines::{letter_heading, roman_heading, starts_with_folded, Head, HeadingHead};
use crate::document::markup::fold_one;
use crate::document::model::NumberingStyle;

/// The grammar's `bullet_mark`.
pub(super) const BULLET_MARKS: [char; 8] = ['-', '+', '•', '–', '●', '○', '▪', '◦'];

/// `bullet_line = { SOI ~ sp ~ (bullet | text) }` with
/// `bullet = { bullet_mark ~ (sp1 | EOI) ~ (bullet_mark ~ (sp1 | EOI))? }`.
pub(super) fn bullet_line(line: &str) -> Head {
    let start = skip_sp(line, 0);
    let Some(end) = mark_then_space(line, start) else {
        return Head::Text;
    };
    let end = mark_then_space(line, end).unwrap_or(end);
    Head::Bullet { rest: end }
}

/// `number_line = { SOI ~ sp ~ (dotted_heading | arabic_heading | text) }`.
pub(super) fn number_line(line: &str) -> Head {
    let start = skip_sp(line, 0);
    let bytes = line.as_bytes();
    // dotted_heading = { dotted_label ~ "."? ~ (sp1 | EOI) },
    // dotted_label = @{ ASCII_DIGIT{1,3} ~ ("." ~ ASCII_DIGIT{1,2}){1,4} }
    let first = digits(bytes, start, 3);
    if first > 0 {
        let mut end = start + first;
        let mut groups = 0;
        while groups < 4 && bytes.get(end) == Some(&b'.') {
            let more = digits(bytes, end + 1, 2);
            if more == 0 {
                break;
            }
            end += 1 + more;
            groups += 1;
        }
        if groups > 0 {
            let after_dot = end + usize::from(bytes.get(end) == Some(&b'.'));
            if let Some(rest) = space_or_end(line, after_dot) {
                return heading(NumberingStyle::Dotted, start..end, rest);
            }
        }
    }
    // arabic_heading = { arabic_label ~ "." ~ (sp1 | EOI) }, arabic_label = @{ ASCII_DIGIT{1,3} }
    if first > 0 && bytes.get(start + first) == Some(&b'.') {
        if let Some(rest) = space_or_end(line, start + first + 1) {
            return heading(NumberingStyle::Arabic, start..start + first, rest);
        }
    }
    Head::Text
}

/// What `undated_line` (the grammar's `line` where `place_date` cannot
/// match) gives for `text` (cleaned, not folded) when its head is one of
/// the common kinds; `None` leaves the line to the grammar. `text` starts,
/// after white space, with neither a bullet mark nor a digit.
///
/// Each answer is the first alternative of `line` that matches: the
/// earlier ones all start with a literal that differs from these heads
/// within their first two characters (`cộng hòa`, `độc lập`, `số`, `(`,
/// `nơi nhận`, `tm`/`kt`/`tl`/`tuq`/`q` then `.`, `phụ lục`, the type
/// words), which the tests check line by line.
pub(super) fn common_head(text: &str) -> Option<Head> {
    let start = skip_sp(text, 0);
    let rest = &text[start..];
    let bytes = rest.as_bytes();
    let first = bytes.first()?.to_ascii_lowercase();
    // letter_heading = { letter_label ~ ")" ~ (sp1 | EOI) }
    let label_len = if first.is_ascii_lowercase() {
        1
    } else if starts_with_folded(rest, "đ") {
        "đ".len()
    } else {
        0
    };
    if label_len > 0 && bytes.get(label_len) == Some(&b')') {
        let end = space_or_end(text, start + label_len + 1)?;
        return Some(letter_heading(text, start..start + label_len, end));
    }
    // roman_heading = { roman_label ~ "." ~ (sp1 | EOI) }, roman_label = @{ ("i" | "v" | "x" | "l" | "c"){1,7} }
    let roman = bytes
        .iter()
        .take_while(|b| matches!(b.to_ascii_lowercase(), b'i' | b'v' | b'x' | b'l' | b'c'))
        .count();
    if (1..=7).contains(&roman) && bytes.get(roman) == Some(&b'.') {
        let end = space_or_end(text, start + roman + 1)?;
        return Some(roman_heading(text, start..start + roman, end));
    }
    // basis = { basis_verb ~ sp1 }, basis_verb = @{ "căn cứ" | "thực hiện" }
    if let Some(verb) = ["căn cứ", "thực hiện"]
        .into_iter()
        .find(|v| v.as_bytes()[0] == first && starts_with_folded(rest, v))
    {
        let verb = start..start + verb.len();
        let end = space_or_end(text, verb.end).filter(|&end| end > verb.end)?;
        return Some(Head::Basis { verb, rest: end });
    }
    // type_word = @{ (…) ~ !(LETTER | MARK) }
    // A word starting with an ASCII letter needs that letter first (nothing
    // but ASCII folds to ASCII): most type words are skipped on one byte.
    let may_start = |w: &str| w.as_bytes()[0] >= 0x80 || w.as_bytes()[0] == first;
    if let Some(word) = TYPE_WORDS
        .iter()
        .find(|w| may_start(w) && starts_with_folded(rest, w))
    {
        let end = start + word.len();
        let next = text[end..].chars().next().map(fold_one);
        if next.is_some_and(|c| pest::unicode::LETTER(c) || pest::unicode::MARK(c)) {
            return None;
        }
        return Some(Head::TypeWord { word: start..end });
    }
    // recipients_head = { "nơi nhận" ~ sp ~ ":" }
    if starts_with_folded(rest, "nơi nhận") {
        let at = skip_sp(text, start + "nơi nhận".len());
        return (text.as_bytes().get(at) == Some(&b':'))
            .then_some(Head::Recipients { rest: at + 1 });
    }
    // signature_head = { ("tm" | "kt" | "tl" | "tuq" | "q") ~ sp ~ "." ~ sp }
    let marker = ["tm", "kt", "tl", "tuq", "q"]
        .into_iter()
        .find(|m| bytes.len() >= m.len() && bytes[..m.len()].eq_ignore_ascii_case(m.as_bytes()))?;
    let at = skip_sp(text, start + marker.len());
    // Without the `.`, no alternative after `signature_head` can match:
    // those not tried above start with `p`, a digit or a bullet mark.
    Some(if text.as_bytes().get(at) == Some(&b'.') {
        Head::Signatory
    } else {
        Head::Text
    })
}

/// The grammar's `type_word` choices, in order.
pub(super) const TYPE_WORDS: [&str; 13] = [
    "kế hoạch",
    "quyết định",
    "báo cáo",
    "chương trình",
    "đề án",
    "tờ trình",
    "thông báo",
    "hướng dẫn",
    "quy chế",
    "quy định",
    "nghị quyết",
    "chỉ thị",
    "công văn",
];

fn heading(style: NumberingStyle, label: Range<usize>, rest: usize) -> Head {
    Head::Heading(HeadingHead { style, label, rest })
}

/// After `sp = _{ (" " | "\t" | "\u{a0}")* }` from `at`.
fn skip_sp(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or("");
    at + rest.len() - rest.trim_start_matches([' ', '\t', '\u{a0}']).len()
}

/// After `(sp1 | EOI)` at `at`, if it matches.
fn space_or_end(text: &str, at: usize) -> Option<usize> {
    let end = skip_sp(text, at);
    (end > at || at == text.len()).then_some(end)
}

/// After `bullet_mark ~ (sp1 | EOI)` at `at`, if it matches.
fn mark_then_space(text: &str, at: usize) -> Option<usize> {
    let mark = text.get(at..)?.chars().next()?;
    if !BULLET_MARKS.contains(&mark) {
        return None;
    }
    space_or_end(text, at + mark.len_utf8())
}

/// How many ASCII digits end `bytes`.
pub(super) fn digits_before(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count()
}

/// How many ASCII digits (at most `max`) start at `at`.
pub(super) fn digits(bytes: &[u8], at: usize, max: usize) -> usize {
    bytes
        .get(at..)
        .unwrap_or(&[])
        .iter()
        .take(max)
        .take_while(|b| b.is_ascii_digit())
        .count()
}

#[cfg(test)]
mod tests {
    use super::super::grammar::Rule;
    use super::super::lines::classify_with;
    use super::*;

    #[test]
    fn same_heads_as_the_grammar() {
        let mut lines: Vec<String> = Vec::new();
        let pieces = [
            "", " ", "\t", "\u{a0}", "-", "+", "•", "–", "●", "○", "▪", "◦", "1", "12", "123",
            "1234", ".", "..", "1.2", "1.23", "1.234", "a", "x", "—", "(", "ạ",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    lines.push(format!("{a}{b}{c}"));
                    lines.push(format!("{a}{b}{c} tiêu đề"));
                }
            }
        }
        for made in [
            "1.2.3.4.5.6 x",
            "1.2.3.4.5 x",
            "1.2.3.4.5. x",
            "7.1. Kinh tế số",
            "7.1 Kinh tế số",
            "7.1.",
            "12. Mục",
            "1234. x",
            "  - + điểm",
            "- -",
            "--",
            "-\u{a0}\t• x",
            "1.\t",
            "01.02.",
        ] {
            lines.push(made.to_owned());
        }
        for line in &lines {
            let by_hand = format!("{:?}", bullet_line(line));
            let grammar = format!("{:?}", classify_with(Rule::bullet_line, line, line));
            assert_eq!(by_hand, grammar, "bullet_line {line:?}");
            let by_hand = format!("{:?}", number_line(line));
            let grammar = format!("{:?}", classify_with(Rule::number_line, line, line));
            assert_eq!(by_hand, grammar, "number_line {line:?}");
        }
    }
}
