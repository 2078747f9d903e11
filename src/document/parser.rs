//! pest grammar (`grammar/plan.pest`) → document model.

use crate::document::model::{Document, Line, LineKind, Span};

/// Parse NFC-normalised plan text into the document model.
pub fn parse(text: &str) -> Document {
    let mut doc = Document::default();
    let mut start = 0;
    for line in text.split('\n') {
        let end = start + line.len();
        let content_end = if line.ends_with('\r') { end - 1 } else { end };
        let kind = if line.trim().is_empty() {
            LineKind::Blank
        } else {
            LineKind::Text
        };
        doc.lines.push(Line {
            span: Span::new(start, content_end),
            kind,
        });
        start = end + 1;
    }
    doc
}
