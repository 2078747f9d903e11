//! A plan as the user has it (decoded text, line index) and as rules see it
//! (NFC text), with the mapping between them.

use std::path::{Path, PathBuf};

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::diagnostic::{Diagnostic, Span};
use crate::document::decode::{decode, decode_owned, DecodeError, Decoded};
pub use crate::document::line_index::LineIndex;
use crate::document::normalize::{nfc_if_changed, OffsetMap};

/// Inputs larger than this are refused with a clear message rather than
/// exhausting memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug)]
pub enum InputError {
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    TooLarge {
        path: PathBuf,
        bytes: u64,
    },
    Decode {
        path: PathBuf,
        error: DecodeError,
    },
    Docx {
        path: PathBuf,
        message: String,
    },
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputError::Io { path, error } => write!(
                f,
                "{}: không đọc được tệp / cannot read the file: {error}",
                path.display()
            ),
            InputError::TooLarge { path, bytes } => write!(
                f,
                "{}: tệp quá lớn ({bytes} byte, tối đa {MAX_FILE_BYTES}) / file too large",
                path.display()
            ),
            InputError::Decode { path, error } => write!(f, "{}: {error}", path.display()),
            InputError::Docx { path, message } => write!(f, "{}: {message}", path.display()),
        }
    }
}

impl std::error::Error for InputError {}

/// 1-based line and column; columns count characters as seen (combining marks excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as given by the user.
    pub name: String,
    /// Decoded text, as the user sees it, when it differs from `text` (not
    /// NFC); `None` for most files, whose decoded text is NFC: one buffer
    /// serves as both ([`Self::original`]).
    original: Option<String>,
    /// NFC text that the parser and rules see.
    pub text: String,
    pub encoding: &'static str,
    pub had_bom: bool,
    pub encoding_guessed: bool,
    offsets: OffsetMap,
    lines: LineIndex,
    /// Word locations of the text, when it was read from a .docx.
    pub docx: Option<std::sync::Arc<crate::document::docx::DocxInfo>>,
}

impl SourceFile {
    pub fn from_decoded(name: impl Into<String>, decoded: Decoded) -> Self {
        let lines = LineIndex::new(&decoded.text);
        let (text, original, offsets) = match nfc_if_changed(&decoded.text) {
            None => (decoded.text, None, OffsetMap::default()),
            Some(normalized) => (normalized.text, Some(decoded.text), normalized.map),
        };
        SourceFile {
            name: name.into(),
            original,
            text,
            encoding: decoded.encoding,
            had_bom: decoded.had_bom,
            encoding_guessed: decoded.guessed,
            offsets,
            lines,
            docx: None,
        }
    }

    /// A source from text already in memory (tests, rule examples).
    pub fn from_text(name: impl Into<String>, text: &str) -> Self {
        Self::from_decoded(
            name,
            Decoded {
                text: text.to_owned(),
                encoding: "UTF-8",
                had_bom: false,
                guessed: false,
            },
        )
    }

    pub fn from_bytes(name: impl Into<String>, bytes: &[u8]) -> Result<Self, DecodeError> {
        Ok(Self::from_decoded(name, decode(bytes)?))
    }

    /// Read a plan from disk: a .docx (by extension or zip signature) goes
    /// through [`crate::document::docx`], anything else is decoded as text.
    pub fn read(path: &Path) -> Result<Self, InputError> {
        let io_error = |error| InputError::Io {
            path: path.to_owned(),
            error,
        };
        let size = std::fs::metadata(path).map_err(io_error)?.len();
        if size > MAX_FILE_BYTES {
            return Err(InputError::TooLarge {
                path: path.to_owned(),
                bytes: size,
            });
        }
        let bytes = std::fs::read(path).map_err(io_error)?;
        if crate::document::docx::is_docx_path(path)
            || crate::document::docx::package::is_zip(&bytes)
        {
            return crate::document::docx::read(path, &bytes);
        }
        let decoded = decode_owned(bytes).map_err(|error| InputError::Decode {
            path: path.to_owned(),
            error,
        })?;
        Ok(Self::from_decoded(path.display().to_string(), decoded))
    }

    /// Decoded text, as the user sees it (offsets of diagnostics index it).
    pub fn original(&self) -> &str {
        self.original.as_deref().unwrap_or(&self.text)
    }

    /// Free the NFC text (`text` becomes empty), keeping [`Self::original`].
    pub fn drop_normalized_text(&mut self) {
        let text = std::mem::take(&mut self.text);
        self.original.get_or_insert(text);
    }

    /// [`Self::original`], given away.
    pub fn into_original(self) -> String {
        self.original.unwrap_or(self.text)
    }

    pub fn was_normalized(&self) -> bool {
        !self.offsets.is_identity()
    }

    /// Map a span of the normalised text to the original text.
    pub fn to_original(&self, span: Span) -> Span {
        Span::new(
            self.offsets.to_original(span.start),
            self.offsets.to_original(span.end),
        )
    }

    /// Map every span of a diagnostic (labels and fix edits) to the original text.
    pub fn map_diagnostic(&self, diagnostic: &mut Diagnostic) {
        if self.offsets.is_identity() {
            return;
        }
        for label in &mut diagnostic.labels {
            label.span = self.to_original(label.span);
        }
        if let Some(fix) = &mut diagnostic.fix {
            for edit in &mut fix.edits {
                edit.span = self.to_original(edit.span);
            }
        }
    }

    /// Line/column (1-based, characters) of an offset in the original text.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.original(), offset);
        let (line, column) =
            self.lines
                .line_and_column(self.original(), offset, self.offsets.is_identity());
        Position {
            line: line + 1,
            column: column + 1,
        }
    }

    /// End of the line holding `offset` (before its `\n`).
    fn line_end(&self, offset: usize) -> usize {
        let line = self.lines.line_of(offset);
        if line + 1 < self.lines.line_count() {
            self.lines.line_start(line + 1) - 1
        } else {
            self.original().len()
        }
    }

    /// The paragraph or table cell of an offset in the original text (.docx only).
    pub fn word_location(&self, offset: usize) -> Option<crate::document::docx::WordLocation> {
        self.docx.as_ref()?.location(offset)
    }

    pub fn line_index(&self) -> &LineIndex {
        &self.lines
    }

    /// [`crate::document::parse`] of [`Self::text`], reusing the line
    /// starts of the line index when it was built on that text (an NFC file).
    pub fn parse(&self) -> crate::document::Document {
        match self.original {
            None => {
                crate::document::parser::parse_with_line_starts(&self.text, self.lines.starts())
            }
            Some(_) => crate::document::parse(&self.text),
        }
    }
}

/// Characters as the user sees them: counted in NFC, so an NFD file and its
/// NFC twin give the same columns (Hangul jamo compose too, and they are not
/// combining marks).
pub fn visible_width(text: &str) -> usize {
    use unicode_normalization::UnicodeNormalization;
    text.nfc().count()
}

/// Snippets longer than this are cut to a window of [`SNIPPET_WINDOW`] bytes
/// on each side of the span.
const MAX_SNIPPET_BYTES: usize = 16 * 1024;
const SNIPPET_WINDOW: usize = 240;

/// Labels longer than this are shown by their first bytes only.
pub const MAX_LABEL_BYTES: usize = 4096;

pub fn ceil_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// miette reads snippets through the line index instead of rescanning the
/// whole file for every label (what `NamedSource<String>` does).
impl SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = self.original();
        let start = span.offset();
        let end = start + span.len();
        if end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first_line = self
            .lines
            .line_of(start)
            .saturating_sub(context_lines_before);
        let last_line = (self.lines.line_of(end.saturating_sub(1).max(start))
            + context_lines_after)
            .min(self.lines.line_count() - 1);
        let snippet_start = self.lines.line_start(first_line);
        let whole_lines_end = if last_line + 1 < self.lines.line_count() {
            // Drop the newline ending the last shown line.
            let next = self.lines.line_start(last_line + 1);
            let mut end = next - 1;
            if end > snippet_start && text.as_bytes()[end - 1] == b'\r' {
                end -= 1;
            }
            end.max(snippet_start)
        } else {
            text.len()
        };
        // A very long line is shown as a window around the span: miette pads
        // to the label's column and cannot pad past 65,535 characters.
        let (snippet_start, snippet_end, first_line, last_line) =
            if whole_lines_end - snippet_start > MAX_SNIPPET_BYTES {
                let from = floor_char_boundary(text, start.saturating_sub(SNIPPET_WINDOW))
                    .max(self.lines.line_start(self.lines.line_of(start)));
                let to = ceil_char_boundary(text, end.max(start) + SNIPPET_WINDOW)
                    .min(self.line_end(end))
                    .max(end);
                let last = self.lines.line_of(to.saturating_sub(1).max(from));
                (from, to, self.lines.line_of(from), last)
            } else {
                (snippet_start, whole_lines_end, first_line, last_line)
            };
        // miette reads the primary label with no context lines and shows its
        // line and column in the snippet header: give the column of the span
        // start (in characters, as in our headings), like miette's own sources.
        let column = if context_lines_before == 0 {
            self.position(start).column - 1
        } else {
            0
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &text.as_bytes()[snippet_start..snippet_end],
            (snippet_start, snippet_end - snippet_start).into(),
            first_line,
            column,
            last_line - first_line + 1,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn positions_count_characters() {
        let source = SourceFile::from_text("a.txt", "Số: 28\r\nKế hoạch năm 2026\n");
        let offset = source.original().find("năm").unwrap();
        assert_eq!(
            source.position(offset),
            Position {
                line: 2,
                column: 10
            }
        );
    }

    #[test]
    fn nfd_positions_match_nfc_positions() {
        let nfc_text = "Số: 28\nKế hoạch năm 2026\n";
        let nfd_text: String = nfc_text.nfd().collect();
        let a = SourceFile::from_text("a", nfc_text);
        let b = SourceFile::from_text("b", &nfd_text);
        assert!(b.was_normalized());
        assert_eq!(a.text, b.text);
        let at = a.text.find("2026").unwrap();
        let span = Span::new(at, at + 4);
        let pa = a.position(a.to_original(span).start);
        let pb = b.position(b.to_original(span).start);
        assert_eq!(pa.line, pb.line);
        assert_eq!(pa.column, pb.column);
    }

    #[test]
    fn parse_with_the_line_index_is_parse() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .collect();
        let nfd: String = "Số: 28/KH-UBND\nKế hoạch năm 2026".nfd().collect();
        texts.extend(["", "\n", "\r\n\r\n", "a\tb\tc\r\n|x|y|\n\n"].map(String::from));
        texts.push(nfd);
        texts.push(texts[0].replace('\n', "\r\n"));
        for text in &texts {
            let source = SourceFile::from_text("a", text);
            let json = |d: &crate::document::Document| serde_json::to_string(d).unwrap();
            assert_eq!(
                json(&source.parse()),
                json(&crate::document::parse(&source.text))
            );
        }
    }
}
