//! The reader's resource caps. Past a cap the text is still kept and checked
//! by the text rules, but no longer read as structure; each cap hit is put in
//! [`Document::limits`](crate::document::Document) and reported as an
//! `input-limit-reached` finding.

use crate::document::model::{LimitHit, Span};

use super::lines::LineInfo;

/// Lines longer than this (in bytes) are plain text: a plan's longest
/// paragraph is a few KB; a longer line is text whose line breaks were lost.
pub const MAX_LINE_BYTES: usize = 256 * 1024;

/// Table rows read per document; a plan has a few hundred at most.
pub const MAX_TABLE_ROWS: usize = 10_000;

/// Whether a line is past [`MAX_LINE_BYTES`].
pub fn is_long(span: Span) -> bool {
    span.len() > MAX_LINE_BYTES
}

/// The long lines of a document, as one hit (none when there is none).
pub fn long_lines(infos: &[LineInfo]) -> Option<LimitHit> {
    let mut long = infos.iter().filter(|info| is_long(info.span));
    let first = long.next()?.span;
    Some(LimitHit::LongLines {
        first,
        count: 1 + long.count(),
        cap: MAX_LINE_BYTES,
    })
}
