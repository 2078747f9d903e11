//! `word/document.xml` → plain text in the layout the text grammar reads:
//! one line per paragraph, one tab-separated line per table row. Every byte
//! range of the text remembers where it came from (paragraph or table cell,
//! and for editable text the `w:t` element it was read from).

use std::ops::Range;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::legacy::{encoding_of_font, to_unicode};
use super::numbering::Numbering;
use super::package::PackageError;
use super::styles::Styles;
use super::xml::{attr, doctype_refused, resolve_reference, too_deep, xml_error, MAX_DEPTH};
use super::{Located, WordLocation};

const PART: &str = "word/document.xml";

/// Where a `w:t` element's text sits in `document.xml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlText {
    /// The start tag (`<w:t xml:space="preserve">`).
    pub tag: Range<usize>,
    /// The escaped content between start and end tags.
    pub content: Range<usize>,
    /// Qualified element name as written (`w:t`).
    pub qname: String,
}

/// A range of the extracted text read from one `w:t` in an ordinary run
/// (not a legacy font, not an equation): the only text a fix may change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: Range<usize>,
    pub xml: XmlText,
}

#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub text: String,
    pub locations: Vec<Located>,
    pub segments: Vec<Segment>,
    /// Legacy-encoded fonts met, in order of first use.
    pub legacy_fonts: Vec<String>,
}

/// Text with segments at offsets relative to its own start.
#[derive(Debug, Default)]
struct Buf {
    text: String,
    segments: Vec<Segment>,
}

impl Buf {
    fn append(&mut self, other: Buf) {
        let shift = self.text.len();
        self.text.push_str(&other.text);
        self.segments
            .extend(other.segments.into_iter().map(|mut s| {
                s.text = s.text.start + shift..s.text.end + shift;
                s
            }));
    }
}

#[derive(Debug, Default)]
struct Paragraph {
    buf: Buf,
    style: Option<String>,
    num_id: Option<String>,
    level: Option<usize>,
}

#[derive(Debug, Default)]
struct Run {
    font: Option<String>,
    style: Option<String>,
}

#[derive(Debug)]
struct Cell {
    /// Its non-empty paragraphs (with their numbering labels).
    paragraphs: Vec<Buf>,
    span: usize,
}

#[derive(Debug, Default)]
struct Table {
    number: usize,
    rows: Vec<Vec<Cell>>,
    cells: Vec<Cell>,
    cell: Option<Cell>,
    /// Tables inside this table's cells: their text joins the outer cell.
    nested: usize,
}

struct Capture {
    tag: Range<usize>,
    content_start: usize,
    qname: String,
    text: String,
}

struct Walker<'a> {
    numbering: &'a mut Numbering,
    styles: &'a Styles,
    out: Extracted,
    paragraph: Option<Paragraph>,
    run: Option<Run>,
    table: Option<Table>,
    capture: Option<Capture>,
    in_paragraph_properties: bool,
    in_run_properties: bool,
    math: usize,
    paragraphs: usize,
    tables: usize,
}

/// Elements whose whole content is not part of the text Word shows (deleted
/// text, earlier versions of properties, drawings and text boxes, fields'
/// instructions) or not needed.
const SKIPPED: &[&[u8]] = &[
    b"del",
    b"moveFrom",
    b"pPrChange",
    b"rPrChange",
    b"tblPrChange",
    b"tcPrChange",
    b"trPrChange",
    b"sectPrChange",
    b"numberingChange",
    b"AlternateContent",
    b"txbxContent",
    b"sdtPr",
    b"sdtEndPr",
    b"instrText",
    b"delText",
    b"delInstrText",
    b"sectPr",
    b"drawing",
    b"pict",
    b"object",
    b"fldData",
    b"tblPr",
    b"tblGrid",
    b"trPr",
    b"footnoteReference",
    b"endnoteReference",
    b"commentReference",
];

pub fn extract(
    xml: &[u8],
    numbering: &mut Numbering,
    styles: &Styles,
) -> Result<Extracted, PackageError> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().check_end_names = true;
    let mut walker = Walker {
        numbering,
        styles,
        out: Extracted::default(),
        paragraph: None,
        run: None,
        table: None,
        capture: None,
        in_paragraph_properties: false,
        in_run_properties: false,
        math: 0,
        paragraphs: 0,
        tables: 0,
    };
    let mut depth = 0usize;
    let mut skip_from: Option<usize> = None;
    loop {
        let before = to_usize(reader.buffer_position());
        let event = reader.read_event().map_err(|e| xml_error(&e))?;
        let after = to_usize(reader.buffer_position());
        match event {
            Event::DocType(_) => return Err(doctype_refused(PART)),
            Event::Eof => break,
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(too_deep(PART));
                }
                if skip_from.is_some() {
                    continue;
                }
                let name = e.local_name();
                if SKIPPED.contains(&name.as_ref())
                    || (walker.in_paragraph_properties && name.as_ref() == b"rPr")
                {
                    skip_from = Some(depth);
                    continue;
                }
                if name.as_ref() == b"t" {
                    let qname = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    walker.capture = Some(Capture {
                        tag: before..after,
                        content_start: after,
                        qname,
                        text: String::new(),
                    });
                    continue;
                }
                walker.start(name.as_ref(), &e);
            }
            Event::Empty(e) if skip_from.is_none() => {
                walker.start(e.local_name().as_ref(), &e);
                walker.end(e.local_name().as_ref());
            }
            Event::End(e) => {
                if let Some(from) = skip_from {
                    if depth == from {
                        skip_from = None;
                    }
                } else if e.local_name().as_ref() == b"t" {
                    walker.finish_text(before);
                } else {
                    walker.end(e.local_name().as_ref());
                }
                depth = depth.saturating_sub(1);
            }
            Event::Text(t) if skip_from.is_none() => {
                if let Some(capture) = &mut walker.capture {
                    capture
                        .text
                        .push_str(&t.decode().map_err(|e| xml_error(&e))?);
                }
            }
            Event::CData(t) if skip_from.is_none() => {
                if let Some(capture) = &mut walker.capture {
                    capture
                        .text
                        .push_str(&t.decode().map_err(|e| xml_error(&e))?);
                }
            }
            Event::GeneralRef(r) => {
                // Checked even where skipped: an undefined entity is an error anywhere.
                let text = resolve_reference(&r)?;
                if skip_from.is_none() {
                    if let Some(capture) = &mut walker.capture {
                        capture.text.push_str(&text);
                    }
                }
            }
            _ => {}
        }
    }
    Ok(walker.out)
}

fn to_usize(position: u64) -> usize {
    usize::try_from(position).unwrap_or(usize::MAX)
}

impl Walker<'_> {
    fn in_table(&self) -> bool {
        self.table.is_some()
    }

    fn start(&mut self, name: &[u8], e: &quick_xml::events::BytesStart<'_>) {
        let val = || attr(e, b"val");
        if self.in_paragraph_properties {
            if let Some(paragraph) = &mut self.paragraph {
                match name {
                    b"pStyle" => paragraph.style = val(),
                    b"numId" => paragraph.num_id = val(),
                    b"ilvl" => paragraph.level = val().and_then(|v| v.parse().ok()),
                    _ => {}
                }
            }
            return;
        }
        if self.in_run_properties {
            if let Some(run) = &mut self.run {
                match name {
                    b"rFonts" => run.font = attr(e, b"ascii").or_else(|| attr(e, b"hAnsi")),
                    b"rStyle" => run.style = val(),
                    _ => {}
                }
            }
            return;
        }
        match name {
            b"p" => self.paragraph = Some(Paragraph::default()),
            b"pPr" => self.in_paragraph_properties = true,
            b"r" => self.run = Some(Run::default()),
            b"rPr" => self.in_run_properties = self.run.is_some(),
            b"oMath" => self.math += 1,
            b"tab" | b"ptab" => self.push_literal(if self.in_table() { " " } else { "\t" }),
            b"br" => {
                if matches!(attr(e, b"type").as_deref(), None | Some("textWrapping")) {
                    self.push_literal(if self.in_table() { " " } else { "\n" });
                }
            }
            b"cr" => self.push_literal(if self.in_table() { " " } else { "\n" }),
            b"noBreakHyphen" => self.push_literal("-"),
            b"tbl" => match &mut self.table {
                Some(table) => table.nested += 1,
                None => {
                    self.tables += 1;
                    self.table = Some(Table {
                        number: self.tables,
                        ..Table::default()
                    });
                }
            },
            b"tc" => {
                if let Some(table) = self.table.as_mut().filter(|t| t.nested == 0) {
                    table.cell = Some(Cell {
                        paragraphs: Vec::new(),
                        span: 1,
                    });
                }
            }
            b"gridSpan" => {
                if let Some(cell) = self
                    .table
                    .as_mut()
                    .filter(|t| t.nested == 0)
                    .and_then(|t| t.cell.as_mut())
                {
                    cell.span = val().and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, 64);
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        match name {
            b"pPr" => self.in_paragraph_properties = false,
            _ if self.in_paragraph_properties => {}
            b"rPr" => self.in_run_properties = false,
            _ if self.in_run_properties => {}
            b"r" => self.run = None,
            b"p" => self.finish_paragraph(),
            b"oMath" => self.math = self.math.saturating_sub(1),
            // A fraction's numerator: "a/b" rather than "ab".
            b"num" if self.math > 0 => self.push_literal("/"),
            b"tc" => {
                if let Some(table) = self.table.as_mut().filter(|t| t.nested == 0) {
                    if let Some(cell) = table.cell.take() {
                        table.cells.push(cell);
                    }
                }
            }
            b"tr" => {
                if let Some(table) = self.table.as_mut().filter(|t| t.nested == 0) {
                    let cells = std::mem::take(&mut table.cells);
                    table.rows.push(cells);
                }
            }
            b"tbl" => match &mut self.table {
                Some(table) if table.nested > 0 => table.nested -= 1,
                _ => {
                    if let Some(table) = self.table.take() {
                        self.finish_table(table);
                    }
                }
            },
            _ => {}
        }
    }

    /// Text outside any `w:t` (tabs, breaks, separators): never edited by fixes.
    fn push_literal(&mut self, text: &str) {
        if let Some(paragraph) = &mut self.paragraph {
            paragraph.buf.text.push_str(text);
        }
    }

    fn finish_text(&mut self, content_end: usize) {
        let Some(capture) = self.capture.take() else {
            return;
        };
        let Some(paragraph) = &mut self.paragraph else {
            return;
        };
        let run = self.run.as_ref();
        let font = run.and_then(|r| r.font.as_deref()).or_else(|| {
            self.styles.font(
                run.and_then(|r| r.style.as_deref()),
                paragraph.style.as_deref(),
            )
        });
        if let Some((font, encoding)) = font.and_then(|f| Some((f, encoding_of_font(f)?))) {
            if !self.out.legacy_fonts.iter().any(|f| f == font) {
                self.out.legacy_fonts.push(font.to_owned());
            }
            paragraph
                .buf
                .text
                .push_str(&to_unicode(&capture.text, encoding));
            return;
        }
        let buf = &mut paragraph.buf;
        let start = buf.text.len();
        buf.text.push_str(&capture.text);
        if self.math == 0 && !capture.text.is_empty() {
            buf.segments.push(Segment {
                text: start..buf.text.len(),
                xml: XmlText {
                    tag: capture.tag,
                    content: capture.content_start..content_end,
                    qname: capture.qname,
                },
            });
        }
    }

    fn finish_paragraph(&mut self) {
        let Some(paragraph) = self.paragraph.take() else {
            return;
        };
        let numbered = match (&paragraph.num_id, paragraph.level) {
            (Some(id), level) => Some((id.clone(), level.unwrap_or(0))),
            (None, level) => self
                .styles
                .numbering(paragraph.style.as_deref())
                .map(|(id, l)| (id, level.unwrap_or(l))),
        };
        let label = numbered
            .filter(|(id, _)| id != "0")
            .and_then(|(id, level)| self.numbering.next_label(&id, level))
            .unwrap_or_default();
        let mut line = Buf {
            text: label,
            segments: Vec::new(),
        };
        line.append(paragraph.buf);
        if let Some(table) = &mut self.table {
            if let Some(cell) = table.cell.as_mut().filter(|_| !line.text.is_empty()) {
                cell.paragraphs.push(line);
            }
            return;
        }
        let start = self.out.text.len();
        self.push_out(line);
        let end = self.out.text.len();
        if end > start {
            self.paragraphs += 1;
            self.out.locations.push(Located {
                start,
                end,
                location: WordLocation::Paragraph {
                    paragraph: self.paragraphs,
                },
            });
        }
        self.out.text.push('\n');
    }

    /// A layout table (the agency | national motto block above the title,
    /// the recipients | signature block at the end: at most 2 × 2, with
    /// several paragraphs in a cell) is read as its paragraphs, cell after
    /// cell, as a reader takes it in; any other table as tab-separated rows.
    fn finish_table(&mut self, table: Table) {
        let layout = table.rows.len() <= 2
            && table
                .rows
                .iter()
                .all(|row| row.iter().map(|c| c.span).sum::<usize>() <= 2)
            && table
                .rows
                .iter()
                .flatten()
                .any(|cell| cell.paragraphs.len() >= 2);
        for (r, cells) in table.rows.into_iter().enumerate() {
            let row = r + 1;
            let mut column = 1;
            let mut first = true;
            for cell in cells {
                let location = WordLocation::TableCell {
                    table: table.number,
                    row,
                    column,
                };
                if layout {
                    for paragraph in cell.paragraphs {
                        self.push_located(paragraph, location);
                        self.out.text.push('\n');
                    }
                } else {
                    if !first {
                        self.out.text.push('\t');
                    }
                    let mut joined = Buf::default();
                    for paragraph in cell.paragraphs {
                        if !joined.text.is_empty() {
                            joined.text.push(' ');
                        }
                        joined.append(paragraph);
                    }
                    // A tab or newline inside a cell would break the row.
                    joined.text = joined.text.replace(['\t', '\n', '\r'], " ");
                    self.push_located(joined, location);
                    for _ in 1..cell.span {
                        self.out.text.push('\t');
                    }
                }
                first = false;
                column += cell.span;
            }
            if !layout {
                self.out.text.push('\n');
            }
        }
    }

    fn push_located(&mut self, buf: Buf, location: WordLocation) {
        let start = self.out.text.len();
        self.push_out(buf);
        let end = self.out.text.len();
        if end > start {
            self.out.locations.push(Located {
                start,
                end,
                location,
            });
        }
    }

    fn push_out(&mut self, buf: Buf) {
        let shift = self.out.text.len();
        self.out.text.push_str(&buf.text);
        self.out
            .segments
            .extend(buf.segments.into_iter().map(|mut s| {
                s.text = s.text.start + shift..s.text.end + shift;
                s
            }));
    }
}
