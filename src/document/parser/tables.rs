//! Tables: tab- or `|`-separated rows grouped into tables, header rows
//! repeated after page breaks merged away, wrapped rows joined, rows typed.
//!
//! A table runs over table rows separated by nothing but blank lines. Its
//! first row is the header unless it starts with a number. In the table:
//! a row equal to the header is a repeated header (dropped); a row starting
//! with a number is a new row; `I`/`A` with a title and nothing else is a
//! group row; a row whose first cell is empty continues the row above cell
//! by cell (or, right after a group row, starts the next row: a page break
//! moved its beginning up); a line without separators directly under a row
//! that starts in lower case continues that row's last cell.

use super::doc_span;
use super::lines::{Head, LineInfo};
use super::values::parse_value;
use crate::document::markup::fold_one;
use crate::document::model::{
    Cell, Document, IndicatorRow, LimitHit, LineKind, Row, RowKind, Span, Spanned, Table,
    TableKind, TaskRow,
};
use crate::document::numbers::roman_value;

mod columns;

use columns::{indicator_columns, table_kind, task_columns};

pub fn read_tables(infos: &[LineInfo], kinds: &mut [LineKind], doc: &mut Document, from: usize) {
    let mut current: Option<Builder> = None;
    let mut last_row_line: Option<usize> = None;
    let mut row_lines = 0;
    for (i, info) in infos.iter().enumerate().skip(from) {
        if info.is_blank() {
            continue;
        }
        let in_table = current.is_some()
            && last_row_line.is_some_and(|l| (l + 1..i).all(|k| infos[k].is_blank()));
        let adjacent = last_row_line.is_some_and(|l| l + 1 == i);
        let shape = if kinds[i] == LineKind::Text || kinds[i] == LineKind::Blank {
            row_shape(info, in_table, adjacent)
        } else {
            Shape::None
        };
        match shape {
            Shape::None => {
                if let Some(done) = current.take() {
                    done.finish(doc);
                }
                last_row_line = None;
                continue;
            }
            Shape::Separator => {}
            Shape::Cells(_) if row_lines == super::limits::MAX_TABLE_ROWS => {
                // The rest stays plain text (still checked by the text rules).
                doc.limits.push(LimitHit::TableRows {
                    first: info.span,
                    cap: super::limits::MAX_TABLE_ROWS,
                });
                break;
            }
            Shape::Cells(cells) => {
                row_lines += 1;
                let starts_new = current.as_ref().is_some_and(|t| t.is_new_header(&cells));
                if !in_table || starts_new {
                    if let Some(done) = current.take() {
                        done.finish(doc);
                    }
                }
                current
                    .get_or_insert_with(|| Builder::new(info))
                    .push(info, cells);
            }
            Shape::Tail => {
                if let Some(table) = current.as_mut() {
                    table.push_tail(info);
                }
            }
        }
        kinds[i] = LineKind::TableRow;
        if let Some(table) = current.as_mut() {
            table.span = table.span.cover(info.span);
        }
        last_row_line = Some(i);
    }
    if let Some(done) = current.take() {
        done.finish(doc);
    }
}

enum Shape {
    None,
    Separator,
    Cells(Vec<Cell>),
    /// A line without separators continuing the last cell above.
    Tail,
}

fn row_shape(info: &LineInfo, in_table: bool, adjacent: bool) -> Shape {
    let Some(cells) = &info.cells else {
        let continues = in_table
            && adjacent
            && matches!(info.head, Head::Text)
            && info
                .content_text()
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
        return if continues { Shape::Tail } else { Shape::None };
    };
    if cells.separator {
        return if cells.pipe {
            Shape::Separator
        } else {
            Shape::None
        };
    }
    let list: Vec<Cell> = cells
        .ranges
        .iter()
        .map(|r| {
            let r = info.trimmed(r.clone());
            Cell {
                text: info.slice_raw(r.clone()).to_owned(),
                span: doc_span(info, r),
            }
        })
        .collect();
    let table_like = if cells.pipe {
        list.len() >= 2
    } else if list.len() >= 3 || in_table {
        true
    } else {
        // One tab: `1.<TAB>Mục tiêu chung` is a heading, `<TAB>Căn cứ …` an indented line.
        matches!(info.head, Head::Text) && list.iter().all(|c| !c.text.is_empty())
    };
    if table_like {
        Shape::Cells(list)
    } else {
        Shape::None
    }
}

/// Cell text compared for repeated headers: case, spaces and trailing empty cells ignored.
fn key(cells: &[Cell]) -> Vec<String> {
    let mut key: Vec<String> = cells.iter().map(|c| cell_key(&c.text)).collect();
    while key.last().is_some_and(|k| k.is_empty()) {
        key.pop();
    }
    key
}

/// One cell's part of [`key`]: `text`'s words joined by one space, lower case
/// (`str::to_lowercase` of the joined words).
fn cell_key(text: &str) -> String {
    // `str::to_lowercase` lower-cases `Σ` by its context.
    if text.contains('Σ') {
        return text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
    }
    let mut key = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        for c in word.chars() {
            push_lower(&mut key, c);
        }
    }
    key
}

/// Push `c.to_lowercase()`, from the case-folding table where that is the same.
fn push_lower(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if lower_is_fold(c) {
        out.push(fold_one(c));
    } else {
        out.extend(c.to_lowercase());
    }
}

/// Whether `c.to_lowercase()` is the one character `fold_one(c)`, from a
/// table for the characters below U+3000.
fn lower_is_fold(c: char) -> bool {
    static TABLE: std::sync::OnceLock<Vec<bool>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0..0x3000u32)
            .map(|u| {
                char::from_u32(u).is_some_and(|c| {
                    let mut lower = c.to_lowercase();
                    lower.next() == Some(fold_one(c)) && lower.next().is_none()
                })
            })
            .collect()
    });
    table.get(c as usize).copied().unwrap_or(false)
}

/// `key(cells) == header_key` for a header key (no trailing empty cell),
/// comparing cell keys only until the first that differs.
fn key_is(cells: &[Cell], header_key: &[String]) -> bool {
    header_key.len() <= cells.len()
        && cells
            .iter()
            .enumerate()
            .all(|(k, c)| cell_key_is(&c.text, header_key.get(k).map_or("", String::as_str)))
}

/// `cell_key(text) == key`, without building the key.
fn cell_key_is(text: &str, key: &str) -> bool {
    // `str::to_lowercase` lower-cases `Σ` by its context: leave it to `cell_key`.
    if text.contains('Σ') {
        return cell_key(text) == key;
    }
    let mut expected = key.chars();
    for (k, word) in text.split_whitespace().enumerate() {
        if k > 0 && expected.next() != Some(' ') {
            return false;
        }
        if !word
            .chars()
            .flat_map(char::to_lowercase)
            .all(|c| expected.next() == Some(c))
        {
            return false;
        }
    }
    expected.next().is_none()
}

/// `1`, `1.`, `01`, `1.2`: a data row's number.
fn number_label(text: &str) -> Option<&str> {
    let label = text.trim_end_matches(['.', ')']);
    let ok = !label.is_empty()
        && label.len() <= 8
        && label.starts_with(|c: char| c.is_ascii_digit())
        && label.chars().all(|c| c.is_ascii_digit() || c == '.');
    ok.then_some(label)
}

/// `I`, `II.`, `A`: a group label.
fn group_label(text: &str) -> Option<&str> {
    let label = text.trim_end_matches(['.', ')']);
    let roman = roman_value(label).is_some() && label.chars().all(|c| c.is_ascii_uppercase());
    let letter = label.len() == 1 && label.chars().all(|c| c.is_ascii_uppercase());
    (roman || letter).then_some(label)
}

#[derive(Debug)]
struct RowBuilder {
    span: Span,
    cells: Vec<Cell>,
    group: bool,
}

impl RowBuilder {
    fn new(cells: Vec<Cell>, span: Span) -> Self {
        RowBuilder {
            span,
            cells,
            group: false,
        }
    }

    /// Join a continuation row cell by cell.
    fn join(&mut self, more: Vec<Cell>, span: Span) {
        for (k, cell) in more.into_iter().enumerate() {
            if cell.text.is_empty() {
                continue;
            }
            match self.cells.get_mut(k) {
                Some(target) => append(target, cell),
                None => self.cells.push(cell),
            }
        }
        self.span = self.span.cover(span);
    }

    /// Put a fragment that came before this row in front of its cells.
    fn prepend(&mut self, fragment: RowBuilder) {
        for (k, cell) in fragment.cells.into_iter().enumerate() {
            if cell.text.is_empty() {
                continue;
            }
            match self.cells.get_mut(k) {
                Some(target) if target.text.is_empty() => *target = cell,
                Some(target) => {
                    target.text = format!("{} {}", cell.text, target.text);
                    target.span = target.span.cover(cell.span);
                }
                None => self.cells.push(cell),
            }
        }
        self.span = self.span.cover(fragment.span);
    }
}

fn append(target: &mut Cell, cell: Cell) {
    if target.text.is_empty() {
        *target = cell;
    } else {
        target.text = format!("{} {}", target.text, cell.text);
        target.span = target.span.cover(cell.span);
    }
}

struct Builder {
    span: Span,
    header: Vec<Cell>,
    header_key: Vec<String>,
    rows: Vec<RowBuilder>,
    /// Cells met before the row they belong to.
    pending: Option<RowBuilder>,
}

impl Builder {
    fn new(info: &LineInfo) -> Self {
        Builder {
            span: info.span,
            header: Vec::new(),
            header_key: Vec::new(),
            rows: Vec::new(),
            pending: None,
        }
    }

    /// A header-looking row (`STT | …`) different from this table's header
    /// starts another table even without text in between.
    fn is_new_header(&self, cells: &[Cell]) -> bool {
        // No numbering label starts with a digit (most rows do), nor
        // lower-cases to one that does.
        if self.header_key.is_empty()
            || cells
                .first()
                .is_some_and(|c| c.text.as_bytes().first().is_some_and(u8::is_ascii_digit))
        {
            return false;
        }
        let first = cells
            .first()
            .map(|c| c.text.to_lowercase())
            .unwrap_or_default();
        let numbering = matches!(
            first.trim_end_matches('.'),
            "stt" | "tt" | "số tt" | "số thứ tự" | "no" | "#"
        );
        numbering && !self.header_key.is_empty() && key(cells) != self.header_key
    }

    fn push(&mut self, info: &LineInfo, cells: Vec<Cell>) {
        let span = info.span;
        let first = cells.first().map(|c| c.text.as_str()).unwrap_or("");
        if self.header.is_empty() && self.rows.is_empty() && self.pending.is_none() {
            let filled = cells.iter().filter(|c| !c.text.is_empty()).count();
            if number_label(first).is_none() && group_label(first).is_none() && filled >= 2 {
                self.header_key = key(&cells);
                self.header = cells;
                return;
            }
        }
        if !self.header_key.is_empty() && key_is(&cells, &self.header_key) {
            return;
        }
        if first.is_empty() {
            match self.rows.last_mut() {
                Some(row) if !row.group => row.join(cells, span),
                _ => match self.pending.as_mut() {
                    Some(fragment) => fragment.join(cells, span),
                    None => self.pending = Some(RowBuilder::new(cells, span)),
                },
            }
            return;
        }
        let mut row = RowBuilder::new(cells, span);
        row.group = is_group(&row.cells);
        if !row.group {
            if let Some(fragment) = self.pending.take() {
                row.prepend(fragment);
            }
        }
        self.rows.push(row);
    }

    fn push_tail(&mut self, info: &LineInfo) {
        let Some(row) = self.rows.last_mut() else {
            return;
        };
        let cell = Cell {
            text: info.content_text().to_owned(),
            span: doc_span(info, info.content.clone()),
        };
        match row.cells.iter_mut().rev().find(|c| !c.text.is_empty()) {
            Some(target) => append(target, cell),
            None => row.cells.push(cell),
        }
        row.span = row.span.cover(info.span);
    }

    fn finish(mut self, doc: &mut Document) {
        if let Some(fragment) = self.pending.take() {
            // Nothing followed the fragment: it is a row of its own.
            self.rows.push(fragment);
        }
        // `cell_key` of each header cell: the key, whose trailing empty
        // cell keys `key` dropped (the header is set once, with its key).
        let mut headers = std::mem::take(&mut self.header_key);
        headers.resize(self.header.len(), String::new());
        let kind = table_kind(&headers);
        let mut group: Option<String> = None;
        let mut rows = Vec::with_capacity(self.rows.len());
        // Only the columns of the table's kind are read.
        let indicator = (kind == TableKind::Indicator).then(|| indicator_columns(&headers));
        let task = (kind == TableKind::Task).then(|| task_columns(&headers));
        for row in self.rows {
            let first = row.cells.first().map(|c| c.text.as_str()).unwrap_or("");
            let kind = if row.group {
                let (label, title) = group_parts(&row.cells);
                group = Some(label.value.clone());
                RowKind::Group { label, title }
            } else if number_label(first).is_none() {
                RowKind::Other
            } else {
                match (&indicator, &task) {
                    (Some(indicator), _) => {
                        RowKind::Indicator(indicator.read(&row.cells, row.span, group.clone()))
                    }
                    (_, Some(task)) => RowKind::Task(task.read(&row.cells, row.span)),
                    _ => RowKind::Other,
                }
            };
            rows.push(Row {
                span: row.span,
                cells: row.cells,
                kind,
            });
        }
        doc.tables.push(Table {
            span: self.span,
            kind,
            header: self.header,
            rows,
        });
    }
}

/// `I | Phát triển hạ tầng | |` or `I. NÂNG CAO NHẬN THỨC | | |`.
fn is_group(cells: &[Cell]) -> bool {
    let first = cells.first().map(|c| c.text.as_str()).unwrap_or("");
    let rest_empty = |from: usize| cells.iter().skip(from).all(|c| c.text.is_empty());
    if group_label(first).is_some() {
        return cells.get(1).is_some_and(|c| !c.text.is_empty()) && rest_empty(2);
    }
    inline_group(first).is_some() && rest_empty(1)
}

/// `I. NÂNG CAO …` → (`I`, `NÂNG CAO …`).
fn inline_group(text: &str) -> Option<(&str, &str)> {
    let (label, title) = text.split_once(". ")?;
    group_label(label)?;
    Some((label, title.trim()))
}

fn group_parts(cells: &[Cell]) -> (Spanned<String>, String) {
    let Some(first) = cells.first() else {
        return (Spanned::new(String::new(), Span::default()), String::new());
    };
    if let Some((label, title)) = inline_group(&first.text) {
        let end = first.span.start + label.len();
        return (
            Spanned::new(
                label.to_owned(),
                Span::new(first.span.start, end.min(first.span.end)),
            ),
            title.to_owned(),
        );
    }
    let label = group_label(&first.text).unwrap_or(&first.text).to_owned();
    let title = cells.get(1).map(|c| c.text.clone()).unwrap_or_default();
    (Spanned::new(label, first.span), title)
}

/// A cell as an optional spanned string (`None` when empty).
fn spanned(cell: Option<&Cell>) -> Option<Spanned<String>> {
    cell.filter(|c| !c.text.is_empty())
        .map(|c| Spanned::new(c.text.clone(), c.span))
}

fn number_of(cell: Option<&Cell>) -> Option<Spanned<String>> {
    let cell = cell?;
    let label = number_label(&cell.text)?;
    Some(Spanned::new(label.to_owned(), cell.span))
}

impl columns::IndicatorColumns {
    fn read(&self, cells: &[Cell], span: Span, group: Option<String>) -> IndicatorRow {
        let name_cell = cells.get(self.name);
        let name = name_cell
            .map(|c| {
                let text = c.text.trim_start_matches(['-', '+', ' ']).to_owned();
                Spanned::new(text, c.span)
            })
            .unwrap_or_else(|| Spanned::new(String::new(), span));
        let value = |col: Option<usize>| {
            col.map(|k| match cells.get(k) {
                Some(c) => parse_value(&c.text, c.span),
                None => parse_value("", Span::new(span.end, span.end)),
            })
        };
        IndicatorRow {
            number: number_of(cells.get(self.number)),
            name,
            group,
            unit: self
                .unit
                .and_then(|k| cells.get(k))
                .map(|c| c.text.clone())
                .filter(|t| !t.is_empty()),
            baseline: value(self.baseline),
            target: value(self.target),
        }
    }
}

impl columns::TaskColumns {
    fn read(&self, cells: &[Cell], span: Span) -> TaskRow {
        let at = |col: Option<usize>| spanned(col.and_then(|k| cells.get(k)));
        TaskRow {
            number: number_of(cells.get(self.number)),
            task: spanned(cells.get(self.task))
                .unwrap_or_else(|| Spanned::new(String::new(), span)),
            lead: at(self.lead),
            partners: at(self.partners),
            deadline: at(self.deadline),
            output: at(self.output),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cell_key_is_the_lower_case_of_the_joined_words() {
        let slow = |t: &str| {
            t.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let mut texts: Vec<String> = [
            "",
            "  ",
            "STT",
            " Chỉ  tiêu\u{a0}(ĐVT) ",
            "ΣΑΣ ΟΔΟΣ",
            "İSTANBUL Ⱥ ẞ ǅ",
            "KẾ HOẠCH\tNĂM 2026",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        for u in 0x80..0x3100u32 {
            if let Some(c) = char::from_u32(u) {
                texts.push(format!("A{c} {c}b"));
            }
        }
        for text in &texts {
            assert_eq!(super::cell_key(text), slow(text), "{text:?}");
        }
    }

    #[test]
    fn cell_key_is_compares_with_cell_key() {
        let texts = [
            "",
            " ",
            "STT",
            "Chỉ  tiêu",
            " Đơn vị\ttính ",
            "ỦY BAN",
            "ΣΑΣ",
            "İ",
            "ẞ",
            "a b",
            "ab",
            "A B ",
            "\u{a0}x",
            "Nội dung\u{2003}chính",
        ];
        for text in texts {
            for other in texts {
                let key = super::cell_key(other);
                assert_eq!(
                    super::cell_key_is(text, &key),
                    super::cell_key(text) == key,
                    "{text:?} {key:?}"
                );
            }
        }
    }
}
