//! Reading .docx packages (zip + quick-xml) into text with Word locations.
//!
//! The text has the layout of a plain-text plan (one line per paragraph, a
//! tab-separated line per table row, Word's automatic numbers written out),
//! so the same grammar and rules read it; [`DocxInfo`] keeps, for each range
//! of that text, the paragraph or table cell it came from.
//!
//! Read: paragraphs, tables (gridSpan, vMerge), tabs, line breaks, automatic
//! numbering (numbering.xml, styles.xml), equations (OMML text), tracked
//! changes (insertions kept, deletions dropped), content controls, hyperlinks,
//! field results, legacy TCVN3/VNI fonts. Not read: headers, footers,
//! footnotes, endnotes, comments, text boxes, drawings, field instructions.

pub mod body;
pub mod legacy;
pub mod numbering;
pub mod package;
pub mod styles;
pub mod write;
mod xml;

use std::path::Path;

use serde::Serialize;

use crate::document::decode::Decoded;
use crate::document::source::{InputError, SourceFile};
use crate::rules::Lang;

pub use body::Extracted;
pub use package::{Package, PackageError};

/// Where a range of the extracted text is in the Word document (1-based).
/// Paragraphs are counted among the non-empty paragraphs of the body,
/// outside tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WordLocation {
    Paragraph {
        paragraph: usize,
    },
    TableCell {
        table: usize,
        row: usize,
        column: usize,
    },
}

impl WordLocation {
    pub fn describe(self, lang: Lang) -> String {
        match (self, lang) {
            (WordLocation::Paragraph { paragraph }, Lang::Vi) => format!("đoạn {paragraph}"),
            (WordLocation::Paragraph { paragraph }, Lang::En) => format!("paragraph {paragraph}"),
            (WordLocation::TableCell { table, row, column }, Lang::Vi) => {
                format!("bảng {table}, hàng {row}, cột {column}")
            }
            (WordLocation::TableCell { table, row, column }, Lang::En) => {
                format!("table {table}, row {row}, column {column}")
            }
        }
    }
}

/// A byte range of the extracted text and its Word location.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    pub start: usize,
    pub end: usize,
    pub location: WordLocation,
}

/// What a [`SourceFile`] read from a .docx knows about the document.
#[derive(Debug, Clone, Default)]
pub struct DocxInfo {
    pub locations: Vec<Located>,
    /// Legacy-encoded fonts (name, encoding) whose text was converted.
    pub legacy_fonts: Vec<(String, &'static str)>,
}

impl DocxInfo {
    /// Location of a byte offset of the extracted text.
    pub fn location(&self, offset: usize) -> Option<WordLocation> {
        let after = self.locations.partition_point(|l| l.start <= offset);
        let candidate = self.locations.get(after.checked_sub(1)?)?;
        (offset <= candidate.end).then_some(candidate.location)
    }
}

pub fn is_docx_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
}

/// Extract the text of a package's main document.
pub fn extract(package: &Package) -> Result<Extracted, PackageError> {
    let mut numbering = match &package.numbering {
        Some(xml) => numbering::Numbering::parse(xml)?,
        None => numbering::Numbering::default(),
    };
    let styles = match &package.styles {
        Some(xml) => styles::Styles::parse(xml)?,
        None => styles::Styles::default(),
    };
    body::extract(&package.document, &mut numbering, &styles)
}

/// A source file from the bytes of a .docx.
pub fn source_from_bytes(name: &str, bytes: &[u8]) -> Result<SourceFile, PackageError> {
    let package = package::read_package(bytes)?;
    let extracted = extract(&package)?;
    Ok(source_from_extracted(name, extracted))
}

pub fn source_from_extracted(name: &str, extracted: Extracted) -> SourceFile {
    let info = DocxInfo {
        locations: extracted.locations,
        legacy_fonts: extracted
            .legacy_fonts
            .into_iter()
            .map(|font| {
                let encoding = legacy::encoding_of_font(&font).map_or("?", |e| e.name());
                (font, encoding)
            })
            .collect(),
    };
    let mut source = SourceFile::from_decoded(
        name,
        Decoded {
            text: extracted.text,
            encoding: "UTF-8",
            had_bom: false,
            guessed: false,
        },
    );
    source.docx = Some(std::sync::Arc::new(info));
    source
}

/// Read a .docx file from disk (size already checked by the caller).
pub fn read(path: &Path, bytes: &[u8]) -> Result<SourceFile, InputError> {
    source_from_bytes(&path.display().to_string(), bytes).map_err(|error| InputError::Docx {
        path: path.to_owned(),
        message: error.0,
    })
}
