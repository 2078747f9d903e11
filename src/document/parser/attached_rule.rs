//! The grammar's `attached_to` rule (`(Kèm theo Kế hoạch số …/KH-UBND ngày
//! …)`) written out by hand: a pest run costs thousands of instructions
//! and every plan has a few such lines. Reads text that folds to what the
//! grammar reads (cleaned or folded). Same result as the grammar
//! (`grammar/plan.pest`, the reference), checked against it in the tests.

use std::ops::Range;

use super::citation_rule::OTHER_TYPES;
use super::lines::{starts_with_folded, AttachedHead};
use crate::document::markup::fold_one;

/// `attached_to = { "(" ~ sp ~ ("ban hành" ~ sp1)? ~ "kèm theo" ~ sp1 ~
/// cite_type ~ sp ~ ("số" ~ blank)? ~ att_symbol? ~ sp ~ ","? ~ sp ~
/// ("ngày" ~ blank ~ att_date)? }` at `start`.
pub(super) fn attached_to(text: &str, start: usize) -> Option<AttachedHead> {
    if text.as_bytes().get(start) != Some(&b'(') {
        return None;
    }
    let mut at = sp(text, start + 1);
    if let Some(after) = literal(text, at, "ban hành") {
        let end = sp(text, after);
        if end > after {
            at = end;
        }
    }
    let after = literal(text, at, "kèm theo")?;
    let at = sp(text, after);
    if at == after {
        return None;
    }
    let mut at = sp(text, cite_type(text, at)?);
    if let Some(after) = literal(text, at, "số") {
        at = blank(text, after);
    }
    let symbol = att_symbol(text, at).map(|end| at..end);
    if let Some(symbol) = &symbol {
        at = symbol.end;
    }
    at = sp(text, at);
    if text.as_bytes().get(at) == Some(&b',') {
        at += 1;
    }
    at = sp(text, at);
    let mut date = Date::default();
    if let Some(after) = literal(text, at, "ngày") {
        if let Some(found) = att_date(text, blank(text, after)) {
            at = found.end;
            date = found;
        }
    }
    Some(AttachedHead {
        whole: start..at,
        symbol,
        day: date.day,
        month: date.month,
        year: date.year,
    })
}

#[derive(Default)]
struct Date {
    end: usize,
    day: Option<Range<usize>>,
    month: Option<Range<usize>>,
    year: Option<Range<usize>>,
}

/// `att_date = _{ (day? ~ blank ~ "/" ~ blank ~ month? ~ blank ~ "/" ~ blank ~ year)
/// | (day? ~ blank ~ "tháng" ~ blank ~ month? ~ blank ~ "năm" ~ blank ~ year?) }`
fn att_date(text: &str, start: usize) -> Option<Date> {
    let slashed = || {
        let (day, at) = digits(text, start, 1, 2);
        let at = byte(text, blank(text, at), b'/')?;
        let (month, at) = digits(text, blank(text, at), 1, 2);
        let at = byte(text, blank(text, at), b'/')?;
        let (year, end) = digits(text, blank(text, at), 4, 4);
        Some(Date {
            end,
            day,
            month,
            year: Some(year?),
        })
    };
    let worded = || {
        let (day, at) = digits(text, start, 1, 2);
        let at = literal(text, blank(text, at), "tháng")?;
        let (month, at) = digits(text, blank(text, at), 1, 2);
        let at = literal(text, blank(text, at), "năm")?;
        let (year, end) = digits(text, blank(text, at), 4, 4);
        Some(Date {
            end,
            day,
            month,
            year,
        })
    };
    slashed().or_else(worded)
}

/// End of `att_symbol = @{ ASCII_DIGIT{0,6} ~ ("/" ~ ASCII_DIGIT{4})? ~ "/" ~
/// code ~ (dash ~ code)? }` at `start`.
fn att_symbol(text: &str, start: usize) -> Option<usize> {
    let (_, mut at) = digits(text, start, 1, 6);
    if let Some(after) = byte(text, at, b'/') {
        if let (Some(_), end) = digits(text, after, 4, 4) {
            at = end;
        }
    }
    let at = code(text, byte(text, at, b'/')?)?;
    Some(
        dash(text, at)
            .and_then(|after| code(text, after))
            .unwrap_or(at),
    )
}

/// End of `code = @{ (LETTER | ASCII_DIGIT | "&")+ }` at `at`.
fn code(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    let mut end = at;
    for c in rest.chars() {
        if !(c.is_ascii_digit() || c == '&' || pest::unicode::LETTER(fold_one(c))) {
            break;
        }
        end += c.len_utf8();
    }
    (end > at).then_some(end)
}

/// End of `cite_type` at `at`: `(("kế hoạch" | "chương trình") ~ (" hành
/// động")?)` or the first of the other types.
fn cite_type(text: &str, at: usize) -> Option<usize> {
    if let Some(end) = literal(text, at, "kế hoạch").or_else(|| literal(text, at, "chương trình"))
    {
        return Some(literal(text, end, " hành động").unwrap_or(end));
    }
    OTHER_TYPES.iter().find_map(|t| literal(text, at, t))
}

/// `ASCII_DIGIT{min,max}` at `at`: its range and where it ends (`at` when it does not match).
fn digits(text: &str, at: usize, min: usize, max: usize) -> (Option<Range<usize>>, usize) {
    let n = super::quick_heads::digits(text.as_bytes(), at, max);
    if n >= min {
        (Some(at..at + n), at + n)
    } else {
        (None, at)
    }
}

fn byte(text: &str, at: usize, b: u8) -> Option<usize> {
    (text.as_bytes().get(at) == Some(&b)).then_some(at + 1)
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

/// After `sp = _{ (" " | "\t" | "\u{a0}")* }` from `at`.
fn sp(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or("");
    at + rest.len() - rest.trim_start_matches([' ', '\t', '\u{a0}']).len()
}

/// After `blank = _{ (" " | "\t" | "\u{a0}" | "." | "…" | "_")* }` from `at`.
fn blank(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or("");
    at + rest.len()
        - rest
            .trim_start_matches([' ', '\t', '\u{a0}', '.', '…', '_'])
            .len()
}

#[cfg(test)]
mod tests {
    use super::super::grammar::{PlanParser, Rule};
    use super::*;
    use crate::document::markup::fold_case;
    use pest::Parser;

    fn by_grammar(folded: &str) -> Option<String> {
        let pair = PlanParser::parse(Rule::attached_to, folded).ok()?.next()?;
        let find = |rule| {
            pair.clone()
                .into_inner()
                .flatten()
                .find(|p| p.as_rule() == rule)
                .map(|p| p.as_span().start()..p.as_span().end())
        };
        let span = pair.as_span();
        Some(format!(
            "{:?}",
            AttachedHead {
                whole: span.start()..span.end(),
                symbol: find(Rule::att_symbol),
                day: find(Rule::day),
                month: find(Rule::month),
                year: find(Rule::year),
            }
        ))
    }

    #[test]
    fn same_as_the_grammar() {
        let openings = [
            "(Kèm theo",
            "(kèm theo",
            "( Ban hành kèm theo",
            "(ban hànhkèm theo",
            "(ban hành  kèm theo",
            "(Kèm  theo",
            "(Kèm theo\u{a0}",
            "(kèm",
            "x(kèm theo",
        ];
        let types = [
            " Kế hoạch",
            " Kế hoạch hành động",
            " kế hoạch  hành động",
            " Chương trình hành động",
            " Thông tư liên tịch",
            " thông tư",
            " Quyết định",
            " CÔNG ĐIỆN",
            " Chiến lược",
            "Kế hoạch",
            " Phụ lục",
            "",
        ];
        let numbers = [
            "",
            " số",
            " số ",
            " Số …",
            " số_",
            " số12",
            " 12/KH-UBND",
            " số 12/KH-UBND",
            " số /KH-UBND",
            " số 1234567/KH",
            " số 12/2026/NQ-HĐND",
            " số 12/20265/NQ",
            " số 12/202/NQ",
            " số 12/QĐ–UBND&1",
            " số 12/KH—",
            " số 12/",
            " số 12-KH",
            " số 12/KH-UBND,",
            " số 12/KH-UBND ,",
        ];
        let dates = [
            "",
            " ngày",
            " ngày /01/2026",
            " ngày 1/1/2026",
            " ngày 123/1/2026",
            " ngày 12 / 1 / 2026",
            " ngày 1/1/202",
            " ngày 1//2026",
            " ngày …/…/2026",
            " ngày 1 tháng 2 năm 2026",
            " ngày … tháng … năm …",
            " ngày 1 tháng 2 năm 20",
            " ngày 1 tháng 2",
            " ngày 12345",
            " NGÀY 1 THÁNG 2 NĂM 2026",
            "ngày 1/2/2026",
        ];
        let mut checked = 0;
        for opening in openings {
            for cite in types {
                for number in numbers {
                    for date in dates {
                        for tail in ["", " của UBND xã)", ")"] {
                            let line = format!("{opening}{cite}{number}{date}{tail}");
                            let folded = fold_case(&line);
                            let grammar = by_grammar(&folded);
                            for text in [&line, &folded] {
                                let by_hand = attached_to(text, 0).map(|h| format!("{h:?}"));
                                assert_eq!(by_hand, grammar, "{text:?}");
                            }
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 10_000);
    }
}
