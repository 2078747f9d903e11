//! Tables of a plan: from the document model, or from tab-separated lines.

use super::{lines, strip_markup};
use crate::document::model::{RowKind, Span};
use crate::rules::engine::CheckContext;
use crate::rules::lazy_regex::LazyRegex;

/// One line of a table, split into its cells.
#[derive(Debug, Clone)]
pub struct TableRowView {
    pub row: Span,
    pub kind: RowView,
    pub cells: Vec<(String, Span)>,
}

#[derive(Debug, Clone)]
pub enum RowView {
    /// A group heading row (`I` or `A` then the group title).
    Group {
        label: String,
        span: Span,
    },
    /// A row whose first cell is a number, as written (`12`, `4.`).
    Numbered {
        raw: String,
        span: Span,
    },
    Other,
}

#[derive(Debug, Clone)]
pub struct TableView {
    pub span: Span,
    pub header: Vec<String>,
    pub rows: Vec<TableRowView>,
}

/// Tables in document order, computed once per checked plan.
pub fn tables<'c>(ctx: &'c CheckContext) -> &'c [TableView] {
    ctx.tables.get_or_init(|| compute_tables(ctx))
}

fn compute_tables(ctx: &CheckContext) -> Vec<TableView> {
    if ctx.doc.tables.is_empty() {
        return scan_tables(ctx.text);
    }
    ctx.doc
        .tables
        .iter()
        .map(|table| TableView {
            span: table.span,
            header: table.header.iter().map(|c| c.text.clone()).collect(),
            rows: table
                .rows
                .iter()
                .map(|row| {
                    let number = match &row.kind {
                        RowKind::Indicator(r) => r.number.as_ref(),
                        RowKind::Task(r) => r.number.as_ref(),
                        _ => None,
                    };
                    let kind = match (&row.kind, number) {
                        (RowKind::Group { label, .. }, _) => RowView::Group {
                            label: label.value.clone(),
                            span: label.span,
                        },
                        (_, Some(number)) => RowView::Numbered {
                            raw: raw_row_number(ctx.text, number.span, &number.value),
                            span: number.span,
                        },
                        // A row the parser did not classify may still be numbered.
                        _ => row_kind(
                            row.cells.first().map_or("", |c| c.text.as_str()),
                            row.cells.first().map(|c| c.span),
                        ),
                    };
                    TableRowView {
                        row: row.span,
                        kind,
                        cells: row.cells.iter().map(|c| (c.text.clone(), c.span)).collect(),
                    }
                })
                .collect(),
        })
        .collect()
}

/// A row number as written, with the dot after it when there is one.
fn raw_row_number(text: &str, span: Span, value: &str) -> String {
    let written = text.get(span.start..span.end).unwrap_or(value);
    let dot = text
        .get(span.end..)
        .is_some_and(|rest| rest.starts_with('.'));
    if dot && !written.ends_with('.') {
        format!("{written}.")
    } else {
        written.to_owned()
    }
}

/// Tables read from tab-separated lines. Blank lines and repeated header
/// rows (page breaks) do not end a table; any other line does.
pub fn scan_tables(text: &str) -> Vec<TableView> {
    let mut out: Vec<TableView> = Vec::new();
    let mut current: Option<TableView> = None;
    for (start, line) in lines(text) {
        if line.trim().is_empty() {
            continue;
        }
        if !line.contains('\t') {
            out.extend(current.take());
            continue;
        }
        let cells = split_cells(start, line);
        let row = Span::new(start, start + line.len());
        let first = cells.first().map(|(t, _)| t.as_str()).unwrap_or("");
        if is_header_cell(first) {
            match &mut current {
                Some(table) => table.span = table.span.cover(row),
                None => {
                    current = Some(TableView {
                        span: row,
                        header: cells.into_iter().map(|(t, _)| t).collect(),
                        rows: Vec::new(),
                    })
                }
            }
            continue;
        }
        let kind = row_kind(first, cells.first().map(|(_, s)| *s));
        let table = current.get_or_insert_with(|| TableView {
            span: row,
            header: Vec::new(),
            rows: Vec::new(),
        });
        table.span = table.span.cover(row);
        table.rows.push(TableRowView { row, kind, cells });
    }
    out.extend(current);
    out
}

fn split_cells(start: usize, line: &str) -> Vec<(String, Span)> {
    let mut cells = Vec::new();
    let mut at = start;
    for raw in line.split('\t') {
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        cells.push((
            strip_markup(trimmed),
            Span::new(at + lead, at + lead + trimmed.len()),
        ));
        at += raw.len() + 1;
    }
    cells
}

fn is_header_cell(cell: &str) -> bool {
    matches!(cell.to_lowercase().as_str(), "stt" | "tt" | "số tt")
}

fn row_kind(first: &str, span: Option<Span>) -> RowView {
    static NUMBER: LazyRegex = LazyRegex::new(r"^\d{1,3}\.?$");
    static GROUP: LazyRegex = LazyRegex::new(r"^([IVXLC]+|[A-Z])(?:\.|\s|$)");
    let Some(span) = span else {
        return RowView::Other;
    };
    if NUMBER.is_match(first) {
        // The span covers the raw cell, which may hold markup; keep the text.
        return RowView::Numbered {
            raw: first.to_owned(),
            span,
        };
    }
    match GROUP.captures(first).and_then(|c| c.get(1)) {
        Some(label) => RowView::Group {
            label: label.as_str().to_owned(),
            span,
        },
        None => RowView::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_header_rows_do_not_split_a_table() {
        let text = "TT\tTên\n1\ta\n\nTT\tTên\n2\tb\nvăn bản\n1\tc\n";
        let found = scan_tables(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].rows.len(), 2);
    }
}
