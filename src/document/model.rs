//! The document model: what rasoat understood of a plan.
//!
//! Every span is a byte range into the NFC-normalised text the parser saw
//! (`SourceFile::text`); the report layer maps spans back to the user's file.
//! Text fields hold the *cleaned* text (markup leftovers removed, LaTeX turned
//! into its meaning); spans still cover the raw text.

use serde::Serialize;

/// A byte range `start..end` in the normalised text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
}

/// A value with the span it was read from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Document {
    pub header: Header,
    /// Year named by the subject line: the last `năm 2026` that is not a
    /// horizon (`đến năm 2030`, `định hướng …`, `tầm nhìn …`) nor part of a
    /// cited date; else the first year of `giai đoạn 2026-2030` (the year the
    /// plan starts); else the year of the date line.
    pub plan_year: Option<Spanned<u16>>,
    pub bases: Vec<Basis>,
    /// Top-level sections; each holds its sub-sections. Headings after the
    /// closing part starts (recipients, signature, appendices) are not sections.
    pub sections: Vec<Section>,
    pub tables: Vec<Table>,
    /// In text order. The plan's own number (`Số:` line, `(Kèm theo …)`)
    /// is not a citation.
    pub citations: Vec<Citation>,
    pub signature: Option<Signature>,
    pub recipients: Option<Recipients>,
    pub appendices: Vec<Appendix>,
    /// Every line of the input, in order, classified. Nothing is dropped:
    /// `lines.len()` equals the number of lines of the input.
    pub lines: Vec<Line>,
    /// Resource caps the reading hit (see [`crate::document::parser::limits`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub limits: Vec<LimitHit>,
}

/// A cap of the reader that a document went past, and what it changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "limit")]
pub enum LimitHit {
    /// Lines longer than the cap were read as plain text (no heading or table
    /// row is looked for in them; citations still are); `first` is the first such line.
    LongLines {
        first: Span,
        count: usize,
        cap: usize,
    },
    /// Table rows after the cap were left as plain text lines; `first` is the
    /// first row not read.
    TableRows { first: Span, cap: usize },
}

#[derive(Debug, Clone, Serialize)]
pub struct Line {
    /// The line without its terminator.
    pub span: Span,
    pub kind: LineKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LineKind {
    Blank,
    NationalTitle,
    Motto,
    IssuingBody,
    DocumentNumber,
    PlaceDate,
    TypeWord,
    Subject,
    Basis,
    Heading,
    Bullet,
    TableRow,
    Signature,
    Recipients,
    Appendix,
    Text,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Header {
    /// `ỦY BAN NHÂN DÂN` / `XÃ HÀ ĐÔNG`, one entry per line.
    pub issuing_body: Vec<Spanned<String>>,
    pub number: Option<DocumentNumber>,
    pub place_date: Option<PlaceDate>,
    /// `KẾ HOẠCH`, `QUYẾT ĐỊNH`, …
    pub type_word: Option<Spanned<String>>,
    /// `Chuyển đổi số xã Kiến Hưng năm 2026`
    pub subject: Option<Spanned<String>>,
}

/// `Số: 28/KH-UBND`, or the blank draft form `Số: /KH-UBND`.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentNumber {
    pub span: Span,
    /// The symbol as written after `Số:` (`28/KH-UBND`).
    pub raw: Spanned<String>,
    /// Digits as written (`05`), `None` when left blank.
    pub number: Option<Spanned<String>>,
    /// `KH`, `QĐ`, …
    pub type_code: Option<String>,
    /// `UBND`, …
    pub issuer_code: Option<String>,
}

/// `Kiến Hưng, ngày 26 tháng 01 năm 2026`; day/month/year kept as written
/// (leading zeros matter), `None` when left blank.
#[derive(Debug, Clone, Serialize)]
pub struct PlaceDate {
    pub span: Span,
    pub place: Option<Spanned<String>>,
    pub day: Option<Spanned<String>>,
    pub month: Option<Spanned<String>>,
    pub year: Option<Spanned<String>>,
}

/// A `Căn cứ …;` or `Thực hiện …` line.
#[derive(Debug, Clone, Serialize)]
pub struct Basis {
    pub span: Span,
    /// `Căn cứ` or `Thực hiện`.
    pub verb: String,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NumberingStyle {
    /// `Phần I`
    Part,
    /// `I.`
    Roman,
    /// `1.`
    Arabic,
    /// `7.1.`
    Dotted,
    /// `a)` in Vietnamese letter order
    Letter,
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// The heading line.
    pub span: Span,
    pub style: NumberingStyle,
    /// The label without punctuation: `I`, `1`, `7.1`, `đ`.
    pub label: Spanned<String>,
    pub title: String,
    /// Nesting depth, 0 for top level.
    pub depth: u8,
    /// From the heading to the start of the next heading of the same or a higher level.
    pub body: Span,
    pub children: Vec<Section>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TableKind {
    Indicator,
    Task,
    Other,
}

#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub span: Span,
    pub kind: TableKind,
    /// The header row's cells (repeated headers after page breaks are merged away).
    pub header: Vec<Cell>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// Cleaned text of the cell.
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Covers the row, including wrapped continuation lines joined to it.
    pub span: Span,
    pub cells: Vec<Cell>,
    pub kind: RowKind,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum RowKind {
    /// `I<TAB>Phát triển hạ tầng` — a group heading inside the table.
    Group {
        label: Spanned<String>,
        title: String,
    },
    Indicator(IndicatorRow),
    Task(TaskRow),
    Other,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorRow {
    /// The row number as written, without a trailing dot (`1.` → `1`, `05` stays
    /// `05`); the span covers the cell.
    pub number: Option<Spanned<String>>,
    pub name: Spanned<String>,
    /// Label of the group row above (`I`, `II`, `A`), if any.
    pub group: Option<String>,
    pub unit: Option<String>,
    pub baseline: Option<Value>,
    pub target: Option<Value>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaskRow {
    /// As for [`IndicatorRow::number`].
    pub number: Option<Spanned<String>>,
    pub task: Spanned<String>,
    pub lead: Option<Spanned<String>>,
    pub partners: Option<Spanned<String>>,
    pub deadline: Option<Spanned<String>>,
    pub output: Option<Spanned<String>>,
}

/// A table value such as `≥ 90%`, `77,15%`, `100% (2025-2027)`, `60 - 70%`.
/// Comparators also come from words: `tối thiểu`/`ít nhất` (≥), `tối đa`/
/// `không quá` (≤), `trên` (>), `dưới` (<).
#[derive(Debug, Clone, Serialize)]
pub struct Value {
    /// The cell, without markup at its edges (`$\geq 90\%$` → `\geq 90\%`).
    pub span: Span,
    /// Cleaned text (`$\geq 90\%$` becomes `≥ 90%`).
    pub text: String,
    pub kind: ValueKind,
    /// A multi-year period written beside the value: `(2025-2027)`.
    pub period: Option<(u16, u16)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum ValueKind {
    Number {
        comparator: Comparator,
        value: f64,
        unit: Option<String>,
    },
    Range {
        low: f64,
        high: f64,
        unit: Option<String>,
    },
    Prose,
    Empty,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Comparator {
    Eq,
    Ge,
    Gt,
    Le,
    Lt,
}

/// `Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ`.
#[derive(Debug, Clone, Serialize)]
pub struct Citation {
    pub span: Span,
    /// `Quyết định`, `Nghị quyết`, `Kế hoạch hành động`, `Công văn`, …
    pub type_word: Option<Spanned<String>>,
    /// `749/QĐ-TTg`, `57-NQ/TW`, `30/2020/NĐ-CP`.
    pub symbol: Spanned<String>,
    pub date: Option<CitedDate>,
    /// `Thủ tướng Chính phủ`, `Bộ Chính trị`, …
    pub issuer: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CitedDate {
    pub span: Span,
    pub day: u8,
    pub month: u8,
    pub year: u16,
}

#[derive(Debug, Clone, Serialize)]
pub struct Signature {
    pub span: Span,
    /// `TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`.
    pub authority: Vec<Spanned<String>>,
    /// `PHÓ CHỦ TỊCH`, `CHỦ TỊCH`.
    pub titles: Vec<Spanned<String>>,
    pub name: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Recipients {
    pub span: Span,
    pub items: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Appendix {
    pub span: Span,
    /// `Phụ lục`, `PHỤ LỤC I`, `Phụ lục 2` as written.
    pub label: Spanned<String>,
    /// The lines naming the appendix (`Danh mục nhiệm vụ …`); the label when there are none.
    pub title: Spanned<String>,
    /// `(Kèm theo Kế hoạch số 28/KH-UBND ngày 26/01/2026 của …)`
    pub attached_to: Option<AttachedTo>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttachedTo {
    pub span: Span,
    /// The symbol as written (`28/KH-UBND`, or `/KH-UBND` in a draft).
    pub symbol: Option<Spanned<String>>,
    pub day: Option<Spanned<String>>,
    pub month: Option<Spanned<String>>,
    pub year: Option<Spanned<String>>,
}
