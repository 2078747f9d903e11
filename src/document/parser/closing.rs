//! The closing part: `Nơi nhận:` and its items, the signature block, appendices.

use super::doc_span;
use std::ops::Range;

use super::lines::{
    attached_in, classify, is_upper, starts_with_folded, AttachedHead, Head, LineInfo,
};
use crate::document::model::{
    Appendix, AttachedTo, Document, LineKind, Recipients, Signature, Span, Spanned,
};

/// Without a signature or recipients, an appendix heading in lower case must
/// be short to be taken for one (`Phụ lục kèm theo …` starting a sentence is text).
const MAX_APPENDIX_HEAD_BYTES: usize = 160;

/// Fill recipients, signature and appendices; returns the index of the first
/// closing line (the body ends there), or `infos.len()`.
pub fn read_closing(
    infos: &[LineInfo],
    kinds: &mut [LineKind],
    doc: &mut Document,
    body_start: usize,
) -> usize {
    // Recipients and signature first: an appendix heading before them must
    // look like one (upper case or a short line), after them any will do.
    let mut first = infos.len();
    let mut i = body_start;
    while i < infos.len() {
        let info = &infos[i];
        if doc.recipients.is_none() && doc.signature.is_none() && layout_row(infos, kinds, doc, i) {
            first = first.min(i);
            i += 1;
            continue;
        }
        let next = match &info.head {
            Head::Recipients { rest } if doc.recipients.is_none() => {
                first = first.min(i);
                recipients(infos, kinds, doc, i, *rest)
            }
            Head::Signatory if doc.signature.is_none() && info.cells.is_none() => {
                first = first.min(i);
                signature(infos, kinds, doc, i)
            }
            _ => i + 1,
        };
        i = next.max(i + 1);
    }
    let signed_at = first;
    let mut i = body_start;
    while i < infos.len() {
        let info = &infos[i];
        let next = match &info.head {
            Head::AppendixLabel { label, rest }
                if info.cells.is_none()
                    && kinds[i] == LineKind::Text
                    && (i > signed_at
                        || is_upper(info.slice(label.clone()))
                        || (signed_at == infos.len()
                            && info.content.len() <= MAX_APPENDIX_HEAD_BYTES)) =>
            {
                first = first.min(i);
                appendix(infos, kinds, doc, i, label.clone(), *rest)
            }
            _ => i + 1,
        };
        i = next.max(i + 1);
    }
    first
}

fn recipients(
    infos: &[LineInfo],
    kinds: &mut [LineKind],
    doc: &mut Document,
    at: usize,
    rest: usize,
) -> usize {
    let head = &infos[at];
    kinds[at] = LineKind::Recipients;
    let mut span = doc_span(head, head.content.clone());
    let mut items = Vec::new();
    let same_line = head.trimmed(rest..head.cleaned.text.len());
    if !same_line.is_empty() {
        items.push(item(head, same_line.start));
    }
    let mut i = at + 1;
    while let Some(info) = infos.get(i) {
        if info.is_blank() {
            // Blank lines before the first item are allowed; after, they end the list.
            if items.is_empty() && i < at + 3 {
                i += 1;
                continue;
            }
            break;
        }
        if matches!(
            info.head,
            Head::Signatory | Head::AppendixLabel { .. } | Head::Recipients { .. }
        ) || (is_upper(info.content_text()) && !matches!(info.head, Head::Bullet { .. }))
            || info.cells.is_some()
        {
            break;
        }
        kinds[i] = LineKind::Recipients;
        let start = match info.head {
            Head::Bullet { rest } => rest,
            _ => info.content.start,
        };
        items.push(item(info, start));
        span = span.cover(doc_span(info, info.content.clone()));
        i += 1;
    }
    doc.recipients = Some(Recipients { span, items });
    i
}

fn item(info: &LineInfo, start: usize) -> Spanned<String> {
    let range = info.trimmed(start..info.cleaned.text.len());
    Spanned::new(info.slice(range.clone()).to_owned(), doc_span(info, range))
}

fn signature(infos: &[LineInfo], kinds: &mut [LineKind], doc: &mut Document, at: usize) -> usize {
    let mut authority = Vec::new();
    let mut titles = Vec::new();
    let mut span = doc_span(&infos[at], infos[at].content.clone());
    let mut i = at;
    while let Some(info) = infos.get(i) {
        let whole = || {
            Spanned::new(
                info.content_text().to_owned(),
                doc_span(info, info.content.clone()),
            )
        };
        if matches!(info.head, Head::Signatory) && titles.is_empty() {
            authority.push(whole());
        } else if !info.is_blank()
            && matches!(info.head, Head::Text)
            && is_upper(info.content_text())
            && info.content.len() <= 80
            && titles.len() < 3
        {
            titles.push(whole());
        } else {
            break;
        }
        kinds[i] = LineKind::Signature;
        span = span.cover(doc_span(info, info.content.clone()));
        i += 1;
    }
    // The name follows after blank lines (room for the signature itself).
    let mut j = i;
    while infos.get(j).is_some_and(|l| l.is_blank()) && j < i + 6 {
        j += 1;
    }
    let mut name = None;
    if let Some(info) = infos.get(j) {
        if matches!(info.head, Head::Text) && looks_like_name(info.content_text()) {
            kinds[j] = LineKind::Signature;
            span = span.cover(doc_span(info, info.content.clone()));
            name = Some(Spanned::new(
                info.content_text().to_owned(),
                doc_span(info, info.content.clone()),
            ));
            i = j + 1;
        }
    }
    doc.signature = Some(Signature {
        span,
        authority,
        titles,
        name,
    });
    i
}

/// `Trịnh Thị Thu Huyền`: two to six capitalised words, no digits.
fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && text.chars().count() <= 60
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic)
        })
}

fn appendix(
    infos: &[LineInfo],
    kinds: &mut [LineKind],
    doc: &mut Document,
    at: usize,
    label: std::ops::Range<usize>,
    rest: usize,
) -> usize {
    let head = &infos[at];
    kinds[at] = LineKind::Appendix;
    let label = Spanned::new(head.slice(label.clone()).to_owned(), doc_span(head, label));
    let mut span = doc_span(head, head.content.clone());
    let found = attached_in(head.folded());
    let title_end = found
        .as_ref()
        .map_or(head.cleaned.text.len(), |a| a.whole.start);
    let mut attached = found.map(|a| attached_to(head, &a));
    let mut title_parts: Vec<Spanned<String>> = Vec::new();
    let same_line = head.trimmed(rest..title_end);
    if !same_line.is_empty() {
        title_parts.push(Spanned::new(
            head.slice(same_line.clone()).to_owned(),
            doc_span(head, same_line),
        ));
    }
    let mut i = at + 1;
    while attached.is_none() {
        let Some(info) = infos.get(i) else { break };
        if info.is_blank() || info.cells.is_some() {
            break;
        }
        if let Head::AttachedTo(a) = &info.head {
            attached = Some(attached_to(info, a));
        } else if matches!(info.head, Head::Text) && title_parts.len() < 3 {
            title_parts.push(Spanned::new(
                info.content_text().to_owned(),
                doc_span(info, info.content.clone()),
            ));
        } else {
            break;
        }
        kinds[i] = LineKind::Appendix;
        span = span.cover(doc_span(info, info.content.clone()));
        i += 1;
    }
    let title = match (title_parts.first(), title_parts.last()) {
        (Some(first), Some(last)) => Spanned::new(
            title_parts
                .iter()
                .map(|p| p.value.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            first.span.cover(last.span),
        ),
        _ => label.clone(),
    };
    doc.appendices.push(Appendix {
        span,
        label,
        title,
        attached_to: attached,
    });
    i
}

fn attached_to(info: &LineInfo, head: &AttachedHead) -> AttachedTo {
    let part = |r: &Option<std::ops::Range<usize>>| {
        r.clone()
            .map(|r| Spanned::new(info.slice(r.clone()).to_owned(), doc_span(info, r)))
    };
    let end = info.content.end.max(head.whole.start);
    let span: Span = doc_span(info, head.whole.start..end);
    AttachedTo {
        span,
        symbol: part(&head.symbol),
        day: part(&head.day),
        month: part(&head.month),
        year: part(&head.year),
    }
}

/// `Nơi nhận: - A; - B.<TAB>TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH
/// Trịnh Thị Thu Huyền`: the closing block of a Word table, one row with the
/// paragraphs of each cell joined. Returns whether the line was one.
fn layout_row(infos: &[LineInfo], kinds: &mut [LineKind], doc: &mut Document, at: usize) -> bool {
    let info = &infos[at];
    let Some(cells) = info.cells.as_ref().filter(|c| !c.pipe) else {
        return false;
    };
    let filled: Vec<Range<usize>> = cells
        .ranges
        .iter()
        .map(|r| info.trimmed(r.clone()))
        .filter(|r| !r.is_empty())
        .collect();
    // The grammar is only asked about cells that start like the head looked
    // for (`recipients_head`, `signature_head`); no other cell can be one.
    // (Tested on the cell as it is, folding only what it compares: most
    // rows with tabs are table rows, not worth folding.)
    let head_of = |r: &Range<usize>, starts: &[&str]| {
        let cell = info.slice_raw(r.clone());
        let rest = cell.trim_start_matches([' ', '\t', '\u{a0}']);
        // The words start with ASCII letters, which only ASCII folds to.
        let first = rest.as_bytes().first().map(u8::to_ascii_lowercase);
        if !starts
            .iter()
            .any(|s| s.as_bytes().first() == first.as_ref() && starts_with_folded(rest, s))
        {
            return Head::Text;
        }
        classify(cell, info.folded().get(r.clone()).unwrap_or(""))
    };
    // The signature is looked for only beside recipients (most rows have none).
    let Some(left) = filled
        .iter()
        .find(|r| matches!(head_of(r, &["nơi nhận"]), Head::Recipients { .. }))
    else {
        return false;
    };
    let Some(right) = filled
        .iter()
        .find(|r| matches!(head_of(r, &["tm", "kt", "tl", "tuq", "q"]), Head::Signatory))
    else {
        return false;
    };
    kinds[at] = LineKind::Recipients;
    // Items start at `- ` / `+ ` / `• ` after the colon.
    let text = info.slice_raw(left.clone());
    let colon = text.find(':').map_or(0, |c| c + 1);
    // (where the mark is, where the item starts)
    let mut starts: Vec<(usize, usize)> = Vec::new();
    for (k, c) in text.char_indices().skip_while(|(k, _)| *k < colon) {
        let before_ok = k == colon || text[..k].ends_with(' ');
        if before_ok && matches!(c, '-' | '+' | '•') && text[k + c.len_utf8()..].starts_with(' ')
        {
            starts.push((k, k + c.len_utf8()));
        }
    }
    if starts.is_empty() && colon < text.len() {
        starts.push((colon, colon));
    }
    let mut items = Vec::new();
    for (n, &(_, start)) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(text.len(), |&(mark, _)| mark);
        let range = info.trimmed(left.start + start..left.start + end);
        let range = info.trimmed(range.start..range.end.max(range.start));
        let value = info
            .slice(range.clone())
            .trim_end_matches(['-', '+', '•', ' '])
            .to_owned();
        if !value.is_empty() {
            let end = range.start + value.len();
            items.push(Spanned::new(value, doc_span(info, range.start..end)));
        }
    }
    doc.recipients = Some(Recipients {
        span: doc_span(info, left.clone()),
        items,
    });
    doc.signature = Some(signature_in_cell(info, right.clone()));
    true
}

const MARKERS: &[&str] = &["TM.", "KT.", "TL.", "TUQ.", "Q."];
const TITLES: &[&str] = &["PHÓ CHỦ TỊCH THƯỜNG TRỰC", "PHÓ CHỦ TỊCH", "CHỦ TỊCH"];

/// Split a signature cell into authority lines, titles and the name.
fn signature_in_cell(info: &LineInfo, cell: Range<usize>) -> Signature {
    let text = info.slice_raw(cell.clone());
    let spanned = |r: Range<usize>| {
        let r = info.trimmed(r.start + cell.start..r.end + cell.start);
        Spanned::new(info.slice(r.clone()).to_owned(), doc_span(info, r))
    };
    // The name: trailing words in title case (`Trịnh Thị Thu Huyền`).
    let words: Vec<(usize, &str)> = text
        .split(' ')
        .scan(0, |offset, w| {
            let at = *offset;
            *offset += w.len() + 1;
            Some((at, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let title_case = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).any(char::is_lowercase)
            && w.chars().all(char::is_alphabetic)
    };
    let name_words = words
        .iter()
        .rev()
        .take_while(|(_, w)| title_case(w))
        .count();
    let (upper_end, name) = if name_words >= 2 {
        let start = words[words.len() - name_words].0;
        (start, Some(spanned(start..text.len())))
    } else {
        (text.len(), None)
    };
    // Authority segments start at `TM.`, `KT.` …
    let upper = &text[..upper_end];
    let mut marks: Vec<usize> = words
        .iter()
        .filter(|(at, w)| *at < upper_end && MARKERS.contains(w))
        .map(|(at, _)| *at)
        .collect();
    if marks.first() != Some(&0) {
        marks.insert(0, 0);
    }
    let mut authority: Vec<Spanned<String>> = Vec::new();
    let mut titles = Vec::new();
    for (n, &start) in marks.iter().enumerate() {
        let end = marks.get(n + 1).copied().unwrap_or(upper.len());
        let segment = upper[start..end].trim_end();
        let last = n + 1 == marks.len();
        let split = TITLES.iter().find(|t| {
            segment.ends_with(*t)
                && segment.len() > t.len()
                && segment[..segment.len() - t.len()]
                    .split_whitespace()
                    .any(|w| !MARKERS.contains(&w))
        });
        match split {
            Some(title) if last => {
                let cut = start + segment.len() - title.len();
                authority.push(spanned(start..cut));
                titles.push(spanned(cut..start + segment.len()));
            }
            _ if !segment.is_empty() => authority.push(spanned(start..start + segment.len())),
            _ => {}
        }
    }
    Signature {
        span: doc_span(info, cell),
        authority,
        titles,
        name,
    }
}
