//! pest grammar (`grammar/plan.pest`) → document model.
//!
//! Reading happens in two passes. [`lines`] cuts the text into lines, cleans
//! each one of markup leftovers and asks the grammar what it starts with
//! (a [`lines::Head`]). The assembly passes then build the model from those
//! heads: the header ([`header`]), the bases and section tree
//! ([`sections`]), tables ([`tables`]), the closing part: recipients,
//! signature, appendices ([`closing`]) and, over every line, citations
//! ([`citations`]). Each pass is linear in the number of lines; no grammar
//! rule runs over more than a bounded window of a line, so a 50 MB line or
//! 100,000 table rows stay cheap.

mod attached_rule;
mod bare_symbol;
mod citation_rule;
mod citations;
mod closing;
mod header;
pub mod limits;
mod lines;
mod quick_heads;
mod rare_heads;
mod reader;
mod sections;
mod tables;
mod value_rule;
pub mod values;

use crate::document::model::{Document, Line, LineKind, Span};

pub(crate) mod grammar {
    #[derive(pest_derive::Parser)]
    #[grammar = "../grammar/plan.pest"]
    pub struct PlanParser;
}

pub use lines::LineInfo;

/// Parse NFC-normalised plan text into the document model. Never panics;
/// every line of the input is in `Document::lines`.
pub fn parse(text: &str) -> Document {
    parse_with_line_starts(text, &lines::line_starts(text))
}

/// [`parse`] of a text whose line starts (0, then each offset after a `\n`)
/// are known already ([`crate::document::LineIndex`]): the text is not
/// searched for line ends again.
pub fn parse_with_line_starts(text: &str, starts: &[usize]) -> Document {
    let infos = lines::read_lines(text, starts);
    let long_lines = limits::long_lines(&infos);
    let mut kinds: Vec<LineKind> = infos.iter().map(lines::default_kind).collect();
    let mut doc = Document::default();

    let body_start = header::read_header(&infos, &mut kinds, &mut doc);
    let closing_start = closing::read_closing(&infos, &mut kinds, &mut doc, body_start);
    tables::read_tables(&infos, &mut kinds, &mut doc, body_start);
    sections::read_body(
        &infos,
        &mut kinds,
        &mut doc,
        body_start,
        closing_start,
        text.len(),
    );
    citations::read_citations(text, &infos, &kinds, &mut doc);
    doc.limits.splice(0..0, long_lines);

    doc.lines = infos
        .iter()
        .zip(kinds)
        .map(|(info, kind)| Line {
            span: info.span,
            kind,
        })
        .collect();
    doc
}

/// Span of a cleaned range of a line, in the document.
pub(crate) fn doc_span(info: &LineInfo, clean: std::ops::Range<usize>) -> Span {
    let raw = info.cleaned.to_raw(clean);
    Span::new(info.span.start + raw.start, info.span.start + raw.end)
}

#[cfg(test)]
pub(crate) mod tests;
