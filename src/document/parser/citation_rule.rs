//! The grammar's `citation` rule written out by hand: it is tried at every
//! type word of a line with a symbol, and a pest run costs far more than
//! the few bytes it reads. Same result as the grammar (`grammar/plan.pest`,
//! the reference), checked against it in the tests.

use super::reader::{Case, Reader};
use std::ops::Range;

/// What `citation` matched at the start of a window (byte ranges of it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CitationParts {
    pub cite_type: Range<usize>,
    pub symbol: Range<usize>,
    /// `cite_date`, with its day, month and year.
    pub date: Option<DateParts>,
    /// End of `issuer_of` (`của` and the spaces after it).
    pub issuer_at: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct DateParts {
    pub whole: Range<usize>,
    pub day: Range<usize>,
    pub month: Range<usize>,
    pub year: Range<usize>,
}

/// `cite_type`'s choices after `("kế hoạch" | "chương trình") ~ (" hành động")?`, in order.
pub(super) const OTHER_TYPES: &[&str] = &[
    "quyết định",
    "nghị quyết",
    "chỉ thị",
    "công văn",
    "thông tư liên tịch",
    "thông tư",
    "nghị định",
    "luật",
    "kết luận",
    "thông báo",
    "hướng dẫn",
    "báo cáo",
    "đề án",
    "quy định",
    "quy chế",
    "tờ trình",
    "văn bản",
    "công điện",
    "pháp lệnh",
    "chiến lược",
];

/// `citation = { cite_type ~ sp ~ ("số" ~ sp)? ~ symbol ~ sp ~ ","? ~ sp ~
/// ("ngày" ~ sp ~ cite_date)? ~ sp ~ ","? ~ sp ~ issuer_of? }` at the start
/// of `window` (folded text).
#[cfg(test)]
pub(super) fn citation(window: &str) -> Option<CitationParts> {
    citation_in(Reader::folded(window))
}

/// [`citation`] of `fold_case(window)`, folding only the characters it
/// compares with a literal (most of the window is never read as one).
pub(super) fn citation_unfolded(window: &str) -> Option<CitationParts> {
    citation_in(Reader(window, Case::Unfolded))
}

fn citation_in(p: Reader) -> Option<CitationParts> {
    let type_end = cite_type(p)?;
    let mut at = p.sp(type_end);
    if let Some(after) = p.literal(at, "số") {
        at = p.sp(after);
    }
    let symbol_end = symbol(p, at)?;
    let symbol = at..symbol_end;
    at = p.sp(symbol_end);
    at = p.literal(at, ",").unwrap_or(at);
    at = p.sp(at);
    let date = p
        .literal(at, "ngày")
        .and_then(|after| cite_date(p, p.sp(after)));
    if let Some(date) = &date {
        at = date.whole.end;
    }
    at = p.sp(at);
    at = p.literal(at, ",").unwrap_or(at);
    at = p.sp(at);
    // issuer_of = { "của" ~ sp1 }
    let issuer_at = p.literal(at, "của").and_then(|after| {
        let end = p.sp(after);
        (end > after).then_some(end)
    });
    Some(CitationParts {
        cite_type: 0..type_end,
        symbol,
        date,
        issuer_at,
    })
}

/// End of `cite_type` at the start of `text`.
fn cite_type(p: Reader) -> Option<usize> {
    if let Some(end) = p
        .literal(0, "kế hoạch")
        .or_else(|| p.literal(0, "chương trình"))
    {
        return Some(p.literal(end, " hành động").unwrap_or(end));
    }
    OTHER_TYPES.iter().find_map(|t| p.literal(0, t))
}

/// `symbol = @{ ASCII_DIGIT{1,6} ~ ("/" ~ ASCII_DIGIT{4})? ~ ("/" | "-") ~ " "? ~
/// code ~ (("/" | "-") ~ code){0,3} }`, its end.
fn symbol(p: Reader, start: usize) -> Option<usize> {
    let text = p.0;
    let digits = p.digits(start, 6);
    if digits == 0 {
        return None;
    }
    let mut at = start + digits;
    if p.byte(at) == Some(b'/') && p.digits(at + 1, 4) == 4 {
        at += 5;
    }
    if !matches!(p.byte(at), Some(b'/' | b'-')) {
        return None;
    }
    at += 1;
    if p.byte(at) == Some(b' ') {
        at += 1;
    }
    at = code(text, at)?;
    for _ in 0..3 {
        match p.byte(at) {
            Some(b'/' | b'-') => match code(text, at + 1) {
                Some(end) => at = end,
                None => break,
            },
            _ => break,
        }
    }
    Some(at)
}

/// `code = @{ (LETTER | ASCII_DIGIT | "&")+ }`, its end.
fn code(text: &str, start: usize) -> Option<usize> {
    let rest = text.get(start..)?;
    let len: usize = rest
        .chars()
        .take_while(|&c| c.is_ascii_digit() || c == '&' || pest::unicode::LETTER(c))
        .map(char::len_utf8)
        .sum();
    (len > 0).then_some(start + len)
}

/// `cite_date = { (cdate_day ~ "/" ~ cdate_month ~ "/" ~ cdate_year) |
/// (cdate_day ~ sp1 ~ "tháng" ~ sp1 ~ cdate_month ~ sp1 ~ "năm" ~ sp1 ~ cdate_year) }`
/// with `ASCII_DIGIT{1,2}` days and months and `ASCII_DIGIT{4}` years.
fn cite_date(p: Reader, start: usize) -> Option<DateParts> {
    let number = |at: usize, max: usize, min: usize| {
        let n = p.digits(at, max);
        (n >= min).then_some(at..at + n)
    };
    let day = number(start, 2, 1)?;
    let slashed = || {
        let month = number(p.literal(day.end, "/")?, 2, 1)?;
        let year = number(p.literal(month.end, "/")?, 4, 4)?;
        Some((month, year))
    };
    let worded = || {
        let month_at = p.sp1(p.literal(p.sp1(day.end)?, "tháng")?)?;
        let month = number(month_at, 2, 1)?;
        let year_at = p.sp1(p.literal(p.sp1(month.end)?, "năm")?)?;
        let year = number(year_at, 4, 4)?;
        Some((month, year))
    };
    let (month, year) = slashed().or_else(worded)?;
    Some(DateParts {
        whole: start..year.end,
        day,
        month,
        year,
    })
}

#[cfg(test)]
mod tests;
