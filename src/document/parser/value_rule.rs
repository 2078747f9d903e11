//! The grammar's `value` rule written out by hand: every indicator cell is
//! read with it, and a pest run cost ten times the rest of reading a cell.
//! Same result as the grammar (`grammar/plan.pest`, the reference), checked
//! against it in the tests of [`super::values`].

use super::reader::Reader;
use std::ops::Range;

/// What `value` matched (byte ranges of the folded text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ValueParts {
    pub body: Body,
    /// `period_from` and `period_to`.
    pub period: Option<(Range<usize>, Range<usize>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Body {
    /// `number_value = { comparator? ~ sp ~ num ~ sp ~ unit? }`
    Number {
        comparator: Option<Range<usize>>,
        num: Range<usize>,
        unit: Option<Range<usize>>,
    },
    /// `range = { num ~ sp ~ unit? ~ sp ~ (dash | "÷" | "đến") ~ sp ~ num ~ sp ~ unit? }`
    Range {
        low: Range<usize>,
        high: Range<usize>,
        /// The last `unit` matched.
        unit: Option<Range<usize>>,
    },
}

/// `value = { SOI ~ sp ~ (range | number_value) ~ sp ~ period? ~ sp ~
/// ("." | ";" | ",")? ~ sp ~ EOI }` over all of `folded`.
pub(super) fn value(folded: &str) -> Option<ValueParts> {
    let r = Reader::folded(folded);
    let start = r.sp(0);
    let (body, end) = range(r, start).or_else(|| number_value(r, start))?;
    let mut at = r.sp(end);
    let period = period(r, at).map(|(from, to, end)| {
        at = end;
        (from, to)
    });
    at = r.sp(at);
    if matches!(r.byte(at), Some(b'.' | b';' | b',')) {
        at += 1;
    }
    at = r.sp(at);
    (at == folded.len()).then_some(ValueParts { body, period })
}

fn range(r: Reader, at: usize) -> Option<(Body, usize)> {
    let low = num(r, at)?;
    let mut at = r.sp(low.end);
    let first_unit = unit(r, at);
    if let Some(u) = &first_unit {
        at = u.end;
    }
    at = r.sp(at);
    at = r
        .one_of(at, &["-", "–", "—", "÷", "đến"])
        .map(|(_, end)| end)?;
    at = r.sp(at);
    let high = num(r, at)?;
    at = r.sp(high.end);
    let second_unit = unit(r, at);
    if let Some(u) = &second_unit {
        at = u.end;
    }
    let unit = second_unit.or(first_unit);
    Some((Body::Range { low, high, unit }, at))
}

fn number_value(r: Reader, at: usize) -> Option<(Body, usize)> {
    // No comparator starts with a digit (most values do).
    let comparator = if r.byte(at).is_some_and(|b| b.is_ascii_digit()) {
        None
    } else {
        r.one_of(at, COMPARATORS).map(|(_, end)| at..end)
    };
    let mut at = r.sp(comparator.as_ref().map_or(at, |c| c.end));
    let num = num(r, at)?;
    at = r.sp(num.end);
    let unit = unit(r, at);
    if let Some(u) = &unit {
        at = u.end;
    }
    Some((
        Body::Number {
            comparator,
            num,
            unit,
        },
        at,
    ))
}

/// The grammar's `comparator`, its choices in order.
const COMPARATORS: &[&str] = &[
    "≥",
    "≤",
    ">=",
    "<=",
    "=>",
    "=<",
    ">",
    "<",
    "=",
    "≧",
    "≦",
    "tối thiểu",
    "ít nhất",
    "không dưới",
    "không thấp hơn",
    "từ",
    "tối đa",
    "không quá",
    "không vượt quá",
    "trên",
    "hơn",
    "dưới",
    "đạt",
];

/// `num = @{ ASCII_DIGIT ~ (ASCII_DIGIT | "." | ",")* }`
fn num(r: Reader, at: usize) -> Option<Range<usize>> {
    if !r.byte(at)?.is_ascii_digit() {
        return None;
    }
    let len = r.0.as_bytes()[at..]
        .iter()
        .take_while(|b| b.is_ascii_digit() || matches!(b, b'.' | b','))
        .count();
    Some(at..at + len)
}

/// `unit = @{ "%" | unit_word ~ (" " ~ unit_word){0,2} }`
fn unit(r: Reader, at: usize) -> Option<Range<usize>> {
    if r.byte(at) == Some(b'%') {
        return Some(at..at + 1);
    }
    let mut end = unit_word(r, at)?;
    for _ in 0..2 {
        match r.byte(end) {
            Some(b' ') => match unit_word(r, end + 1) {
                Some(next) => end = next,
                None => break,
            },
            _ => break,
        }
    }
    Some(at..end)
}

/// `unit_word = @{ (LETTER | MARK | "/")+ }`, its end.
fn unit_word(r: Reader, at: usize) -> Option<usize> {
    let len: usize =
        r.0.get(at..)?
            .chars()
            .take_while(|&c| {
                if c.is_ascii() {
                    c.is_ascii_alphabetic() || c == '/'
                } else {
                    pest::unicode::LETTER(c) || pest::unicode::MARK(c)
                }
            })
            .map(char::len_utf8)
            .sum();
    (len > 0).then_some(at + len)
}

/// `period = { "(" ~ sp ~ ("giai đoạn" ~ sp)? ~ period_from ~ sp ~ dash ~ sp ~
/// period_to ~ sp ~ ")" }` with four-digit years: the years and the end.
fn period(r: Reader, at: usize) -> Option<(Range<usize>, Range<usize>, usize)> {
    let mut at = r.sp(r.literal(at, "(")?);
    if let Some(end) = r.literal(at, "giai đoạn") {
        at = r.sp(end);
    }
    let from = r.year(at)?;
    at = r.sp(from.end);
    at = r.one_of(at, &["-", "–", "—"]).map(|(_, end)| end)?;
    at = r.sp(at);
    let to = r.year(at)?;
    at = r.sp(to.end);
    let end = r.literal(at, ")")?;
    Some((from, to, end))
}
