//! What the structural kinds (`numbering`, `structure`, `year`) need from a
//! plan: its numbered headings and its numbered table rows, in document order.
//!
//! Read from the document model when the parser filled it; otherwise from
//! the lines of the text, so the checks work on any text the parser did not
//! (yet) understand.

use std::sync::LazyLock;

use regex::Regex;

use crate::document::model::{NumberingStyle, RowKind, Section, Span};
use crate::rules::engine::CheckContext;

/// A numbered heading (`I.`, `Phần II`, `2.`, `7.1.`, `đ)`).
#[derive(Debug, Clone)]
pub struct Heading {
    pub style: NumberingStyle,
    /// Label without punctuation: `I`, `2`, `7.1`, `đ`.
    pub label: String,
    pub label_span: Span,
    /// The heading line.
    pub line: Span,
    pub title: String,
}

impl Heading {
    /// Nesting rank: a heading closes every open sequence of a higher rank.
    pub fn rank(&self) -> u8 {
        match self.style {
            NumberingStyle::Part => 0,
            NumberingStyle::Roman => 1,
            NumberingStyle::Arabic => 2,
            // `7.1` ranks 3, `7.1.1` ranks 4.
            NumberingStyle::Dotted => {
                let depth = self.label.split('.').count().clamp(2, 5) as u8;
                depth + 1
            }
            NumberingStyle::Letter => 7,
        }
    }
}

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

/// Lines of `text` with their start offsets, without line terminators.
pub fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    text.split('\n').map(move |line| {
        let at = start;
        start += line.len() + 1;
        (at, line.strip_suffix('\r').unwrap_or(line))
    })
}

/// Byte length of leading markup (`## `, `**`, `<b>`, `*`, spaces) before a
/// line's content.
pub fn markup_prefix_len(line: &str) -> usize {
    static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\s|#+|\*+|_+|</?[biu]>|</?strong>|</?em>)*").expect("valid regex")
    });
    PREFIX.find(line).map(|m| m.end()).unwrap_or(0)
}

/// At most `max` bytes from the start of `text` (on a char boundary): checks
/// that only look at how a line starts stay fast on a 50 MB line.
pub fn head(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The line's content without markup around it.
pub fn strip_markup(text: &str) -> String {
    static MARKUP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\*+|</?[biu]>|</?strong>|</?em>|^#+\s*").expect("valid regex")
    });
    MARKUP.replace_all(text, "").trim().to_owned()
}

/// Numbered headings in document order.
pub fn headings(ctx: &CheckContext) -> Vec<Heading> {
    if ctx.doc.sections.is_empty() {
        scan_headings(ctx.text)
    } else {
        let mut out = Vec::new();
        flatten(&ctx.doc.sections, &mut out);
        out
    }
}

fn flatten(sections: &[Section], out: &mut Vec<Heading>) {
    for section in sections {
        out.push(Heading {
            style: section.style,
            label: section.label.value.clone(),
            label_span: section.label.span,
            line: section.span,
            title: section.title.clone(),
        });
        flatten(&section.children, out);
    }
}

/// Headings read from the text: a label at the start of a line that is not a
/// table row, followed by a title.
pub fn scan_headings(text: &str) -> Vec<Heading> {
    static HEADING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:(?P<part>(?i:Phần)\s+(?P<pl>[IVXLC]+))(?-u:\b)\.?|(?P<roman>[IVXLC]+)\.|(?P<dotted>\d{1,2}(?:\.\d{1,2})+)\.?|(?P<arabic>\d{1,2})\.|(?P<letter>[a-zđ])\))(?:\s+|$)",
        )
        .expect("valid regex")
    });
    let all: Vec<(usize, &str)> = lines(text).collect();
    let mut out = Vec::new();
    for (index, &(start, line)) in all.iter().enumerate() {
        if line.contains('\t') {
            continue;
        }
        let offset = markup_prefix_len(line);
        let content = &line[offset..];
        let Some(caps) = HEADING.captures(content) else {
            continue;
        };
        let (style, group) = if caps.name("part").is_some() {
            (NumberingStyle::Part, "pl")
        } else if caps.name("roman").is_some() {
            (NumberingStyle::Roman, "roman")
        } else if caps.name("dotted").is_some() {
            (NumberingStyle::Dotted, "dotted")
        } else if caps.name("arabic").is_some() {
            (NumberingStyle::Arabic, "arabic")
        } else {
            (NumberingStyle::Letter, "letter")
        };
        let Some(label) = caps.name(group) else {
            continue;
        };
        let rest = strip_markup(head(
            &content[caps.get(0).map(|m| m.end()).unwrap_or(0)..],
            400,
        ));
        // `Phần I` often has its title on the next line.
        let title = if rest.is_empty() {
            all.iter()
                .skip(index + 1)
                .map(|(_, l)| strip_markup(head(l, 400)))
                .find(|l| !l.is_empty())
                .unwrap_or_default()
        } else {
            rest
        };
        // A bare number with no title is a value, not a heading.
        if title.is_empty() && style != NumberingStyle::Part {
            continue;
        }
        let label_start = start + offset + label.start();
        out.push(Heading {
            style,
            label: label.as_str().to_owned(),
            label_span: Span::new(label_start, label_start + label.len()),
            line: Span::new(start, start + line.len()),
            title,
        });
    }
    out
}

/// Spans of the sections whose heading matches `is_wanted`: from the heading
/// to the next heading of the same or a higher rank.
pub fn section_ranges(
    headings: &[Heading],
    text_len: usize,
    is_wanted: impl Fn(&Heading) -> bool,
) -> Vec<Span> {
    let mut out = Vec::new();
    for (i, heading) in headings.iter().enumerate() {
        if !is_wanted(heading) {
            continue;
        }
        let end = headings
            .iter()
            .skip(i + 1)
            .find(|h| h.rank() <= heading.rank())
            .map(|h| h.line.start)
            .unwrap_or(text_len);
        out.push(Span::new(heading.line.start, end));
    }
    out
}

/// Tables in document order.
pub fn tables(ctx: &CheckContext) -> Vec<TableView> {
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
    static NUMBER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d{1,3}\.?$").expect("valid regex"));
    static GROUP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^([IVXLC]+|[A-Z])(?:\.|\s|$)").expect("valid regex"));
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

/// Vietnamese point letters in order: no f, j, w, z; `đ` follows `d`.
pub const POINT_LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// 1-based position of a point letter, `None` for a letter outside the list.
pub fn letter_value(label: &str) -> Option<u32> {
    let lower = label.to_lowercase();
    POINT_LETTERS
        .iter()
        .position(|l| *l == lower)
        .and_then(|i| u32::try_from(i + 1).ok())
}

pub fn letter_of(value: u32) -> Option<&'static str> {
    POINT_LETTERS
        .get(usize::try_from(value).ok()?.checked_sub(1)?)
        .copied()
}

/// Value of a canonical Roman numeral (`IV`, not `IIII`).
pub fn roman_value(label: &str) -> Option<u32> {
    let digit = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let digits: Vec<u32> = label.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0i64;
    for (i, d) in digits.iter().enumerate() {
        match digits.get(i + 1) {
            Some(next) if next > d => total -= i64::from(*d),
            _ => total += i64::from(*d),
        }
    }
    let total = u32::try_from(total).ok().filter(|t| *t > 0)?;
    (to_roman(total) == label).then_some(total)
}

pub fn to_roman(mut value: u32) -> String {
    const TABLE: [(u32, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (n, s) in TABLE {
        while value >= n {
            out.push_str(s);
            value -= n;
        }
    }
    out
}

/// Lowercase with Vietnamese diacritics removed (`đ` → `d`), for tolerant
/// matching of headings.
pub fn fold(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romans_round_trip_and_reject_bad_forms() {
        assert_eq!(roman_value("IV"), Some(4));
        assert_eq!(roman_value("XIX"), Some(19));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("VX"), None);
    }

    #[test]
    fn letters_follow_vietnamese_order() {
        assert_eq!(letter_value("đ"), Some(5));
        assert_eq!(letter_value("g"), Some(7));
        assert_eq!(letter_value("f"), None);
        assert_eq!(letter_of(7), Some("g"));
    }

    #[test]
    fn scans_headings_through_markdown() {
        let text = "## **II. NHIỆM VỤ**\n### **7.1. Đẩy mạnh**\nđ) Điểm\n1\tTỷ lệ\t100%\n";
        let found = scan_headings(text);
        let labels: Vec<_> = found.iter().map(|h| h.label.as_str()).collect();
        assert_eq!(labels, ["II", "7.1", "đ"]);
        assert_eq!(
            &text[found[0].label_span.start..found[0].label_span.end],
            "II"
        );
    }

    #[test]
    fn repeated_header_rows_do_not_split_a_table() {
        let text = "TT\tTên\n1\ta\n\nTT\tTên\n2\tb\nvăn bản\n1\tc\n";
        let found = scan_tables(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].rows.len(), 2);
    }

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("KINH PHÍ THỰC HIỆN"), "kinh phi thuc hien");
        assert_eq!(fold("Đề án"), "de an");
    }
}
