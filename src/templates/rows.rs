//! The rows of a plan that may state an indicator: rows of its indicator
//! tables (from the document model; read from the tab-separated lines when
//! the parser left `doc.tables` empty), or, when a plan has no indicator
//! table, the lines of its "Mục tiêu cụ thể" section (seed 004 states its
//! targets to 2030 as prose).

use super::matcher::fold;
use crate::document::model::{Comparator, RowKind, Span, TableKind, Value, ValueKind};
use crate::rules::engine::CheckContext;
use crate::rules::kinds::outline::{self, RowView, TableView};
use crate::rules::lazy_regex::{Groups, LazyRegex};

/// One row that may state an indicator.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Row number as written (`12`), if any.
    pub number: Option<String>,
    /// The indicator's name as the plan words it.
    pub name: String,
    pub name_span: Span,
    pub row_span: Span,
    pub baseline: Option<Value>,
    pub target: Option<Value>,
    /// The target column names a period (`Giai đoạn 2026-2030`), so
    /// multi-year targets are expected there.
    pub multi_year_column: bool,
    /// Whether the table has a baseline column at all (seed 002 has none).
    pub has_baseline_column: bool,
    /// Read from prose, not a table: only its presence is checked.
    pub from_prose: bool,
}

/// The rows of a plan and where a missing indicator is reported.
#[derive(Debug, Clone, Default)]
pub struct PlanRows {
    pub candidates: Vec<Candidate>,
    /// The first line of the (first) indicator table, else the heading of
    /// the objectives section, else the subject line.
    pub anchor: Span,
}

/// Gather the candidate rows of a plan.
pub fn candidates(ctx: &CheckContext) -> PlanRows {
    let mut rows = PlanRows::default();
    let mut anchor: Option<Span> = None;
    let model_tables: Vec<_> = ctx
        .doc
        .tables
        .iter()
        .filter(|t| t.kind == TableKind::Indicator)
        .collect();
    if !model_tables.is_empty() {
        for table in model_tables {
            anchor.get_or_insert(first_line(ctx.text, table.span));
            let header: Vec<String> = table.header.iter().map(|c| c.text.clone()).collect();
            let multi_year_column = target_column_is_multi_year(&header);
            let indicator_rows: Vec<_> = table
                .rows
                .iter()
                .filter_map(|row| match &row.kind {
                    RowKind::Indicator(r) => Some((row, r)),
                    _ => None,
                })
                .collect();
            let has_baseline_column = indicator_rows.iter().any(|(_, r)| r.baseline.is_some())
                || header.iter().any(|h| is_baseline_header(h));
            for (row, indicator) in indicator_rows {
                rows.candidates.push(Candidate {
                    number: indicator.number.as_ref().map(|n| n.value.clone()),
                    name: indicator.name.value.clone(),
                    name_span: indicator.name.span,
                    row_span: row.span,
                    baseline: indicator.baseline.clone(),
                    target: indicator.target.clone(),
                    multi_year_column,
                    has_baseline_column,
                    from_prose: false,
                });
            }
        }
    } else if ctx.doc.tables.is_empty() {
        for table in outline::scan_tables(ctx.text) {
            if let Some(first) = read_indicator_table(ctx.text, &table, &mut rows.candidates) {
                anchor.get_or_insert(first);
            }
        }
    }
    if rows.candidates.is_empty() {
        if let Some(heading) = prose_candidates(ctx, &mut rows.candidates) {
            anchor.get_or_insert(heading);
        }
    }
    rows.anchor = anchor.unwrap_or_else(|| fallback_anchor(ctx));
    rows
}

fn first_line(text: &str, span: Span) -> Span {
    let line_end = text
        .get(span.start..span.end)
        .and_then(|s| s.find('\n'))
        .map(|i| span.start + i)
        .unwrap_or(span.end);
    Span::new(span.start, line_end)
}

fn fallback_anchor(ctx: &CheckContext) -> Span {
    if let Some(subject) = &ctx.doc.header.subject {
        return subject.span;
    }
    outline::lines(ctx.text)
        .find(|(_, line)| !line.trim().is_empty())
        .map(|(start, line)| Span::new(start, start + line.len()))
        .unwrap_or_default()
}

/// `Kết quả năm 2025`, `Hiện trạng`, `Thực hiện năm 2025`.
fn is_baseline_header(header: &str) -> bool {
    let folded = fold(header);
    (folded.contains("ket qua") && has_year(&folded))
        || folded.contains("hien trang")
        || folded.contains("thuc hien nam")
        || folded.contains("uoc thuc hien")
}

fn has_year(text: &str) -> bool {
    static YEAR: LazyRegex = LazyRegex::new(r"\b(19|20)\d\d\b");
    YEAR.is_match(text)
}

fn names_period(text: &str) -> bool {
    static PERIOD: LazyRegex =
        LazyRegex::new(r"(?:19|20)\d\d\s*[-–—]\s*(?:19|20)\d\d|giai doan|den nam");
    PERIOD.is_match(&fold(text))
}

/// The last column naming a year is the target; it is multi-year when it
/// names a period.
fn target_column_is_multi_year(header: &[String]) -> bool {
    header
        .iter()
        .rev()
        .find(|h| has_year(h) || names_period(h))
        .is_some_and(|h| names_period(h))
}

/// Read one tab-separated table if its header says it holds indicators;
/// returns its first line.
fn read_indicator_table(text: &str, table: &TableView, out: &mut Vec<Candidate>) -> Option<Span> {
    let header: Vec<String> = table.header.iter().map(|h| fold(h)).collect();
    let name_column = header
        .iter()
        .position(|h| h.contains("chi tieu") || h.contains("muc tieu"))?;
    let unit_column = header.iter().position(|h| h.contains("don vi"));
    let baseline_column = table.header.iter().position(|h| is_baseline_header(h));
    let target_column = header
        .iter()
        .enumerate()
        .skip(name_column + 1)
        .filter(|(i, h)| {
            Some(*i) != baseline_column
                && Some(*i) != unit_column
                && (has_year(h)
                    || h.contains("muc tieu")
                    || h.contains("ke hoach")
                    || h.contains("chi tieu")
                    || h.contains("ket qua"))
        })
        .map(|(i, _)| i)
        .next_back()?;
    let multi_year_column = target_column_is_multi_year(&table.header);
    for row in &table.rows {
        let RowView::Numbered { raw, .. } = &row.kind else {
            continue;
        };
        let Some((name, name_span)) = row.cells.get(name_column) else {
            continue;
        };
        let value = |column: Option<usize>| {
            column
                .and_then(|c| row.cells.get(c))
                .map(|(_, span)| read_value(text, *span))
        };
        out.push(Candidate {
            number: Some(raw.trim_end_matches('.').to_owned()),
            name: name.trim_start_matches(['-', '+', ' ']).to_owned(),
            name_span: *name_span,
            row_span: row.row,
            baseline: value(baseline_column),
            target: value(Some(target_column)),
            multi_year_column,
            has_baseline_column: baseline_column.is_some(),
            from_prose: false,
        });
    }
    Some(first_line(text, table.span))
}

/// Lines of the "Mục tiêu cụ thể" / "chỉ tiêu" sections; returns the
/// heading of the first such section.
fn prose_candidates(ctx: &CheckContext, out: &mut Vec<Candidate>) -> Option<Span> {
    let headings = outline::headings(ctx);
    let ranges = outline::section_ranges(headings, ctx.text.len(), |h| {
        let title = fold(&h.title);
        title.contains("muc tieu cu the") || title.contains("chi tieu")
    });
    let first = ranges.first().map(|r| first_line(ctx.text, *r));
    let heading_lines: Vec<Span> = headings.iter().map(|h| h.line).collect();
    for range in ranges {
        let Some(body) = ctx.text.get(range.start..range.end) else {
            continue;
        };
        for (offset, line) in outline::lines(body) {
            let start = range.start + offset;
            let content = line.trim();
            if content.chars().count() < 12 || heading_lines.iter().any(|h| h.start == start) {
                continue;
            }
            let lead = line.len() - line.trim_start_matches(['-', '+', '*', ' ', '\t']).len();
            let span = Span::new(start + lead, start + line.trim_end().len());
            out.push(Candidate {
                number: None,
                name: outline::strip_markup(content.trim_start_matches(['-', '+', '*', ' '])),
                name_span: span,
                row_span: span,
                baseline: None,
                target: None,
                multi_year_column: true,
                has_baseline_column: false,
                from_prose: true,
            });
        }
    }
    first
}

/// A table cell as a value: `≥ 90%`, `$\geq 90\%$`, `77,15%`,
/// `100% (2025-2027)`, `60 - 70%`, prose, or empty.
pub fn read_value(text: &str, span: Span) -> Value {
    static LATEX: LazyRegex = LazyRegex::new(r"\\(geq|ge|leq|le|%)|[$*]|</?[a-z]+>");
    static PERIOD: LazyRegex =
        LazyRegex::new(r"\(\s*((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)\s*\)");
    static NUMBER: LazyRegex = LazyRegex::new(
        r"^(?P<cmp>≥|>=|≤|<=|>|<|=|trên|tối thiểu|ít nhất|dưới|tối đa)?\s*(?P<n>\d+(?:[.,]\d+)*)\s*(?P<unit>%)?\s*\.?$",
    );
    static RANGE: LazyRegex = LazyRegex::new(
        r"^(?P<lo>\d+(?:,\d+)?)\s*%?\s*[-–—]\s*(?P<hi>\d+(?:,\d+)?)\s*(?P<unit>%)?\s*\.?$",
    );
    let raw = text.get(span.start..span.end).unwrap_or("");
    let cleaned = LATEX
        .replace_all(raw, |c: &Groups| match c.get(1).map(|m| m.as_str()) {
            Some("geq" | "ge") => "≥",
            Some("leq" | "le") => "≤",
            Some("%") => "%",
            _ => "",
        })
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let period = PERIOD.captures(&cleaned).and_then(|c| {
        Some((
            c.get(1)?.as_str().parse().ok()?,
            c.get(2)?.as_str().parse().ok()?,
        ))
    });
    let bare = PERIOD.replace_all(&cleaned, "").trim().to_owned();
    let lower = bare.to_lowercase();
    let kind = if bare.is_empty() {
        ValueKind::Empty
    } else if let Some(c) = NUMBER.captures(&lower) {
        let comparator = match c.name("cmp").map(|m| m.as_str()) {
            Some("≥" | ">=" | "tối thiểu" | "ít nhất") => Comparator::Ge,
            Some("≤" | "<=" | "tối đa") => Comparator::Le,
            Some(">" | "trên") => Comparator::Gt,
            Some("<" | "dưới") => Comparator::Lt,
            _ => Comparator::Eq,
        };
        match c.name("n").and_then(|n| parse_number(n.as_str())) {
            Some(value) => ValueKind::Number {
                comparator,
                value,
                unit: c.name("unit").map(|u| u.as_str().to_owned()),
            },
            None => ValueKind::Prose,
        }
    } else if let Some(c) = RANGE.captures(&lower) {
        match (
            c.name("lo").and_then(|n| parse_number(n.as_str())),
            c.name("hi").and_then(|n| parse_number(n.as_str())),
        ) {
            (Some(low), Some(high)) => ValueKind::Range {
                low,
                high,
                unit: c.name("unit").map(|u| u.as_str().to_owned()),
            },
            _ => ValueKind::Prose,
        }
    } else {
        ValueKind::Prose
    };
    Value {
        span,
        text: cleaned,
        kind,
        period,
    }
}

/// `77,15` → 77.15; `1.665.600` → 1665600; `2.5` → 2.5.
pub fn parse_number(written: &str) -> Option<f64> {
    let plain = if written.contains(',') {
        written.replace('.', "").replace(',', ".")
    } else if written.matches('.').count() > 1
        || written
            .split_once('.')
            .is_some_and(|(_, frac)| frac.len() == 3)
    {
        written.replace('.', "")
    } else {
        written.to_owned()
    };
    plain.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Value {
        read_value(text, Span::new(0, text.len()))
    }

    #[test]
    fn reads_values_as_drafters_write_them() {
        assert_eq!(
            value("$\\leq 95\\%$").kind,
            ValueKind::Number {
                comparator: Comparator::Le,
                value: 95.0,
                unit: Some("%".into())
            }
        );
        assert_eq!(value("$\\leq 95\\%$").text, "≤ 95%");
        let period = value("100% (2025-2027)");
        assert_eq!(period.period, Some((2025, 2027)));
        assert!(matches!(period.kind, ValueKind::Number { value, .. } if value == 100.0));
        assert!(
            matches!(value("77,15%").kind, ValueKind::Number { value, .. } if (value - 77.15).abs() < 1e-9)
        );
        assert!(matches!(value("95%.").kind, ValueKind::Number { .. }));
        assert!(matches!(value("60 - 70%").kind, ValueKind::Range { .. }));
        assert_eq!(value("").kind, ValueKind::Empty);
        assert_eq!(
            value("Đảm bảo kinh phí theo quy định").kind,
            ValueKind::Prose
        );
    }
}
