//! The body: bases before the first heading, the section tree, bullets.

use super::doc_span;
use super::lines::{Head, HeadingHead, LineInfo};
use crate::document::model::{Basis, Document, LineKind, NumberingStyle, Section, Span, Spanned};

/// Rank of a numbering style: a heading closes every open section of the
/// same or a deeper rank. `7.1.` ranks below `7.`, `7.1.1.` below `7.1.`.
fn rank(style: NumberingStyle, label: &str) -> u8 {
    match style {
        NumberingStyle::Part => 0,
        NumberingStyle::Roman => 1,
        NumberingStyle::Arabic => 2,
        NumberingStyle::Dotted => 2 + label.matches('.').count().min(3) as u8,
        NumberingStyle::Letter => 6,
    }
}

pub fn read_body(
    infos: &[LineInfo],
    kinds: &mut [LineKind],
    doc: &mut Document,
    body_start: usize,
    closing_start: usize,
    text_len: usize,
) {
    let closing_offset = infos.get(closing_start).map_or(text_len, |l| l.span.start);
    let mut flat: Vec<(u8, Section)> = Vec::new();
    let mut in_preamble = true;
    let mut i = body_start;
    while i < infos.len() {
        let info = &infos[i];
        if kinds[i] != LineKind::Text {
            i += 1;
            continue;
        }
        match &info.head {
            Head::Basis { verb, rest } if in_preamble => {
                kinds[i] = LineKind::Basis;
                doc.bases.push(Basis {
                    span: doc_span(info, info.content.clone()),
                    verb: info.slice(verb.clone()).to_owned(),
                    text: info.slice(*rest..info.cleaned.text.len()).to_owned(),
                });
            }
            Head::Heading(head) if i < closing_start => {
                in_preamble = false;
                kinds[i] = LineKind::Heading;
                let mut title = info.slice(head.rest..info.cleaned.text.len()).to_owned();
                let mut span = doc_span(info, info.content.clone());
                if title.is_empty() && head.style == NumberingStyle::Part {
                    // `Phần II` alone: the title is on the next non-blank line.
                    if let Some(next) = title_line(infos, kinds, i + 1, closing_start) {
                        kinds[next] = LineKind::Heading;
                        title = infos[next].content_text().to_owned();
                        span = span.cover(doc_span(&infos[next], infos[next].content.clone()));
                        i = next;
                    }
                }
                flat.push(section(info, head, title, span));
            }
            Head::Bullet { .. } => kinds[i] = LineKind::Bullet,
            _ => {}
        }
        i += 1;
    }
    doc.sections = nest(flat, closing_offset);
}

fn title_line(infos: &[LineInfo], kinds: &[LineKind], from: usize, limit: usize) -> Option<usize> {
    let next = (from..limit.min(from + 3)).find(|&j| !infos[j].is_blank())?;
    (matches!(infos[next].head, Head::Text) && kinds[next] == LineKind::Text).then_some(next)
}

fn section(info: &LineInfo, head: &HeadingHead, title: String, span: Span) -> (u8, Section) {
    let label_text = info.slice(head.label.clone()).to_owned();
    let label = Spanned::new(label_text.clone(), doc_span(info, head.label.clone()));
    (
        rank(head.style, &label_text),
        Section {
            span,
            style: head.style,
            label,
            title,
            depth: 0,
            body: span,
            children: Vec::new(),
        },
    )
}

/// Turn the flat heading list into a tree; a section's body runs to the next
/// heading of the same or a higher rank, or to the closing part.
fn nest(flat: Vec<(u8, Section)>, end: usize) -> Vec<Section> {
    let mut roots: Vec<Section> = Vec::new();
    let mut stack: Vec<(u8, Section)> = Vec::new();
    fn close(stack: &mut Vec<(u8, Section)>, roots: &mut Vec<Section>, at: usize) {
        if let Some((_, mut done)) = stack.pop() {
            done.body = Span::new(done.span.start, at.max(done.span.end));
            match stack.last_mut() {
                Some((_, parent)) => parent.children.push(done),
                None => roots.push(done),
            }
        }
    }
    for (rank, mut section) in flat {
        while stack.last().is_some_and(|(r, _)| *r >= rank) {
            close(&mut stack, &mut roots, section.span.start);
        }
        section.depth = u8::try_from(stack.len()).unwrap_or(u8::MAX);
        stack.push((rank, section));
    }
    while !stack.is_empty() {
        close(&mut stack, &mut roots, end);
    }
    roots
}
