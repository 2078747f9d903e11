//! `year` rules: phrases and deadlines bound to the plan year. The plan's
//! period comes from its subject line (`… năm 2026`, or `đến năm 2030` for a
//! multi-year plan); references to past results (review sections, bases)
//! are legitimate and skipped.

use regex_automata::util::captures::Captures;

use crate::document::model::{RowKind, Span};
use crate::rules::engine::{Check, CheckContext, Emitter};
use crate::rules::kinds::check_name;
use crate::rules::kinds::header::extract;
use crate::rules::kinds::outline::{self, fold, head, lines, strip_markup};
use crate::rules::lazy_regex::{LazyRegex, StaticRegex};
use crate::rules::loader::RuleSpec;
use crate::templates::fold::folded_starts_with;

mod field;
mod phrases;
use phrases::PhraseRegex;

const CHECKS: [&str; 4] = ["national-day", "plan-name", "deadline", "date-line"];

#[derive(Debug)]
struct YearCheck {
    check: &'static str,
}

pub fn compile(spec: &RuleSpec) -> Result<Box<dyn Check>, String> {
    spec.only_params(&["check"])?;
    let name = check_name(spec, &CHECKS)?;
    let check = CHECKS.iter().find(|c| **c == name).copied().unwrap_or("");
    Ok(Box::new(YearCheck { check }))
}

/// The years a plan covers and when it was issued.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Period {
    first: u16,
    last: u16,
    /// Year and month of the plan's own date, when written.
    issued: Option<(u16, Option<u8>)>,
}

impl Period {
    fn covers(&self, year: u16) -> bool {
        (self.first..=self.last).contains(&year)
    }
    fn label(&self) -> String {
        if self.first == self.last {
            self.first.to_string()
        } else {
            format!("{}–{}", self.first, self.last)
        }
    }
}

/// The plan's period, computed once per checked plan.
fn period(ctx: &CheckContext) -> Option<Period> {
    *ctx.period.get_or_init(|| compute_period(ctx))
}

fn compute_period(ctx: &CheckContext) -> Option<Period> {
    // Searched in the subject only: quick to build is what counts.
    static HORIZON: StaticRegex =
        StaticRegex::new(r"(?i)(?:đến năm|giai đoạn \d{4}\s*[-–]\s*)\s*(\d{4})");
    static YEAR: StaticRegex = StaticRegex::new(r"(?i)(?:^|\s)năm\s+(\d{4})(?-u:\b)");
    // Shared with the header rules: read once per plan.
    let header = ctx.header.get_or_init(|| extract::header(ctx, &[]));
    let as_issue = |d: &extract::DateLine| {
        Some((
            u16::try_from(d.year.number()?).ok()?,
            d.month.number().and_then(|m| u8::try_from(m).ok()),
        ))
    };
    // Without a date line, the appendix caption may still carry the date.
    let issued = header.date.as_ref().and_then(as_issue).or_else(|| {
        extract::attachments(ctx)
            .iter()
            .find_map(|a| a.date.as_ref().and_then(as_issue))
    });
    let subject = subject_text(ctx);
    let group = |text: &str, caps: &Captures| -> Option<u16> {
        text.get(caps.get_group(1)?.range())?.parse().ok()
    };
    if let Some(end) = subject
        .as_deref()
        .and_then(|s| group(s, &HORIZON.captures(s)?))
    {
        let first = issued.map(|(y, _)| y).unwrap_or(end).min(end);
        return Some(Period {
            first,
            last: end,
            issued,
        });
    }
    let year = ctx
        .plan_year()
        .or_else(|| {
            let subject = subject.as_deref()?;
            let caps = YEAR.captures_iter(subject).last()?;
            group(subject, &caps)
        })
        .or(issued.map(|(y, _)| y))?;
    Some(Period {
        first: year,
        last: year,
        issued,
    })
}

/// The subject line(s) under the type word `KẾ HOẠCH`.
fn subject_text(ctx: &CheckContext) -> Option<String> {
    if let Some(subject) = &ctx.doc.header.subject {
        return Some(subject.value.clone());
    }
    let all: Vec<&str> = lines(ctx.text).take(40).map(|(_, l)| l).collect();
    let at = all
        .iter()
        .position(|l| strip_markup(head(l, 400)).starts_with("KẾ HOẠCH"))?;
    let after_type = strip_markup(head(all.get(at)?, 600))
        .trim_start_matches("KẾ HOẠCH")
        .trim()
        .to_owned();
    if !after_type.is_empty() {
        return Some(after_type);
    }
    all.iter()
        .skip(at + 1)
        .map(|l| strip_markup(head(l, 600)))
        .find(|l| !l.is_empty())
}

/// Review sections (`ĐÁNH GIÁ KẾT QUẢ …`), sections of bases (`CĂN CỨ …`)
/// and the basis lines before the first heading, where other years are
/// facts, not mistakes.
fn exempt_ranges<'c>(ctx: &'c CheckContext) -> &'c [Span] {
    ctx.year_exempt.get_or_init(|| find_exempt_ranges(ctx))
}

fn find_exempt_ranges(ctx: &CheckContext) -> Vec<Span> {
    const REVIEW: [&str; 4] = [
        "danh gia ket qua",
        "tinh hinh thuc hien",
        "ket qua thuc hien",
        "ket qua dat duoc",
    ];
    let headings = outline::headings(ctx);
    let mut ranges = outline::section_ranges(headings, ctx.text.len(), |h| {
        if folded_starts_with(&h.title, "can cu") {
            return true;
        }
        let title = fold(&h.title);
        REVIEW.iter().any(|r| title.contains(r))
    });
    let body_start = headings.first().map_or(ctx.text.len(), |h| h.line.start);
    for (start, line) in lines(ctx.text).take_while(|(start, _)| *start < body_start) {
        let content = strip_markup(head(line, 40));
        if content.starts_with("Căn cứ") || content.starts_with("Thực hiện") {
            ranges.push(Span::new(start, start + line.len()));
        }
    }
    ranges
}

fn exempt(ranges: &[Span], at: usize) -> bool {
    ranges.iter().any(|r| r.contains(at))
}

impl Check for YearCheck {
    fn check(&self, ctx: &CheckContext, out: &mut Emitter) {
        let Some(period) = period(ctx) else {
            return;
        };
        match self.check {
            "national-day" => national_day(ctx, &period, out),
            "plan-name" => plan_name(ctx, &period, out),
            "deadline" => deadlines(ctx, &period, out),
            "date-line" => date_line(ctx, &period, out),
            _ => {}
        }
    }
}

/// Report each `(phrase, year)` match whose year is outside the period.
fn phrase_years(
    ctx: &CheckContext,
    regex: &'static PhraseRegex,
    period: &Period,
    out: &mut Emitter,
) {
    // Computed at the first year outside the period (most plans have none).
    let mut ranges: Option<&[Span]> = None;
    for found in regex.year_matches(ctx.views()) {
        let (whole, year) = (found.whole, found.year);
        // Other digits than ASCII ones (`٢٠٢٥`) are no year.
        let Ok(value) = ctx.text[year.clone()].parse::<u16>() else {
            continue;
        };
        if period.covers(value)
            || exempt(
                ranges.get_or_insert_with(|| exempt_ranges(ctx)),
                whole.start,
            )
        {
            continue;
        }
        let expected = format!("{}{}", &ctx.text[whole.start..year.start], period.label());
        out.emit(
            Span::new(whole.start, whole.end),
            &[("found", &ctx.text[whole]), ("expected", &expected)],
        );
    }
}

/// `Ngày Chuyển đổi số quốc gia năm 2025` in a 2026 plan.
fn national_day(ctx: &CheckContext, period: &Period, out: &mut Emitter) {
    phrase_years(ctx, &phrases::DAY, period, out);
}

/// This plan's own name (`Kế hoạch Chuyển đổi số xã … năm 2025`) in its body.
fn plan_name(ctx: &CheckContext, period: &Period, out: &mut Emitter) {
    phrase_years(ctx, &phrases::NAME, period, out);
}

/// A deadline written with years: `Quý III/2026`, `Tháng 02/2026`, `2026-2028`.
struct Deadline {
    span: Span,
    text: String,
}

/// The deadline field of a line, as [`field::field_values`] reads it.
#[cfg_attr(not(test), allow(dead_code))]
const FIELD_PATTERN: &str = r"(?i)thời gian (?:hoàn thành|thực hiện)\s*:\s*(.+)";

fn deadline_texts(ctx: &CheckContext) -> Vec<Deadline> {
    let mut out: Vec<Deadline> = field::field_values(ctx.text)
        .into_iter()
        .map(|value| Deadline {
            span: Span::new(value.start, value.end),
            text: ctx.text[value].to_owned(),
        })
        .collect();
    let mut by_column = false;
    for table in outline::tables(ctx) {
        let Some(column) = table
            .header
            .iter()
            .position(|h| fold(h).contains("thoi gian"))
        else {
            continue;
        };
        by_column = true;
        for row in &table.rows {
            if let Some((text, span)) = row.cells.get(column) {
                out.push(Deadline {
                    span: *span,
                    text: text.clone(),
                });
            }
        }
    }
    // The parser may know a task row's deadline without a `Thời gian` header.
    if !by_column {
        for table in &ctx.doc.tables {
            for row in &table.rows {
                if let RowKind::Task(task) = &row.kind {
                    if let Some(deadline) = &task.deadline {
                        out.push(Deadline {
                            span: deadline.span,
                            text: deadline.value.clone(),
                        });
                    }
                }
            }
        }
    }
    out
}

fn deadlines(ctx: &CheckContext, period: &Period, out: &mut Emitter) {
    static PAREN: LazyRegex = LazyRegex::new(r"\([^)]*\)?");
    static YEARS: LazyRegex = LazyRegex::new(
        r"(?:(?i:tháng)\s*(\d{1,2})\s*/\s*)?(?-u:\b)(20\d{2})(?-u:\b)(?:\s*[-–]\s*(20\d{2})(?-u:\b))?",
    );
    // Computed at the first deadline outside the period (most plans have none).
    let mut ranges: Option<&[Span]> = None;
    for deadline in deadline_texts(ctx) {
        // A document cited in brackets beside the deadline carries its own date.
        let text = PAREN.replace_all(&deadline.text, "");
        for caps in YEARS.captures_iter(&text) {
            let month: Option<u8> = caps.get(1).and_then(|m| m.as_str().parse().ok());
            let Some(low) = caps.get(2).and_then(|m| m.as_str().parse::<u16>().ok()) else {
                continue;
            };
            let high = caps
                .get(3)
                .and_then(|m| m.as_str().parse::<u16>().ok())
                .unwrap_or(low);
            let before = high < period.first && !after_issue(period, high, month);
            let after = low > period.last;
            if before || after {
                if exempt(
                    ranges.get_or_insert_with(|| exempt_ranges(ctx)),
                    deadline.span.start,
                ) {
                    break;
                }
                out.emit(
                    deadline.span,
                    &[
                        ("found", deadline.text.trim().trim_end_matches(['.', ';'])),
                        ("expected", &period.label()),
                    ],
                );
                break;
            }
        }
    }
}

/// A plan issued late in the year before its period may set a deadline in
/// that same month or after (`Tháng 12/2025` in a plan dated 31/12/2025).
fn after_issue(period: &Period, year: u16, month: Option<u8>) -> bool {
    match (period.issued, month) {
        (Some((issued_year, Some(issued_month))), Some(month)) => {
            (year, month) >= (issued_year, issued_month)
        }
        _ => false,
    }
}

/// The plan's own date must fall in its year, or late in the year before.
fn date_line(ctx: &CheckContext, period: &Period, out: &mut Emitter) {
    let header = ctx.header.get_or_init(|| extract::header(ctx, &[]));
    let Some(date) = &header.date else {
        return;
    };
    let Some(year) = date.year.number().and_then(|y| u16::try_from(y).ok()) else {
        return;
    };
    let previous = period.first.saturating_sub(1);
    if year > period.last || year < previous {
        out.emit(
            date.year.span,
            &[
                ("found", date.year.text.as_str()),
                ("expected", &period.label()),
            ],
        );
    }
}
