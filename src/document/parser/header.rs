//! The top of a plan: quốc hiệu, issuing body, number, place and date, type
//! word and subject; then the plan year.

use super::doc_span;
use std::ops::Range;

use super::lines::{classify, is_upper, DocNumberHead, Head, LineInfo, PlaceDateHead};
use crate::document::model::{Document, DocumentNumber, LineKind, PlaceDate, Span, Spanned};

/// How many non-blank lines the header may take before the body is assumed.
const MAX_HEADER_LINES: usize = 20;

/// Fill `doc.header` and `doc.plan_year`; returns the index of the first
/// body line.
pub fn read_header(infos: &[LineInfo], kinds: &mut [LineKind], doc: &mut Document) -> usize {
    let mut seen = 0;
    let mut type_word_at = None;
    let mut i = 0;
    while i < infos.len() {
        let info = &infos[i];
        if info.is_blank() {
            i += 1;
            continue;
        }
        seen += 1;
        if seen > MAX_HEADER_LINES {
            break;
        }
        if let Some(cells) = layout_cells(info) {
            // A two-column header from a Word table: `ỦY BAN …<TAB>CỘNG HÒA …`,
            // `Số: 28/KH-UBND<TAB>Kiến Hưng, ngày …`. Each cell is read alone.
            let heads: Vec<(Head, Range<usize>)> = cells
                .into_iter()
                .map(|cell| {
                    let text = info.slice_raw(cell.clone());
                    let folded = info.folded().get(cell.clone()).unwrap_or("");
                    (
                        shift(classify(text, folded), cell.start),
                        info.trimmed(cell),
                    )
                })
                .collect();
            // Only a row with a real header item is a header row (a table's
            // `STT | …` header is not).
            let anchored = heads.iter().any(|(h, _)| {
                matches!(
                    h,
                    Head::NationalTitle
                        | Head::Motto
                        | Head::DocumentNumber(_)
                        | Head::PlaceDate(_)
                )
            });
            let mut kind = None;
            for (head, content) in heads.iter().filter(|_| anchored) {
                if let Some(k) = header_item(info, head, content.clone(), doc) {
                    kind = Some(kind.map_or(k, |old| stronger(old, k)));
                }
            }
            match kind {
                Some(k) => kinds[i] = k,
                None => break,
            }
            i += 1;
            continue;
        }
        if let Head::TypeWord { word } = &info.head {
            if is_upper(info.slice(word.clone())) {
                kinds[i] = LineKind::TypeWord;
                doc.header.type_word = Some(Spanned::new(
                    info.slice(word.clone()).to_owned(),
                    doc_span(info, word.clone()),
                ));
                type_word_at = Some(i);
                break;
            }
        }
        if type_word_at.is_some() {
            break;
        }
        match header_item(info, &info.head, info.content.clone(), doc) {
            Some(kind) => kinds[i] = kind,
            None => break,
        }
        i += 1;
    }
    let Some(type_at) = type_word_at else {
        // No type word: whatever was read stays; the body starts after the
        // last header line recognised.
        let body_start = kinds
            .iter()
            .rposition(|k| !matches!(k, LineKind::Blank | LineKind::Text))
            .map_or(0, |p| p + 1);
        plan_year(infos, doc);
        return body_start;
    };
    let body_start = read_subject(infos, kinds, doc, type_at);
    plan_year(infos, doc);
    body_start
}

/// Cells of a header line laid out in columns (two or more filled cells).
fn layout_cells(info: &LineInfo) -> Option<Vec<Range<usize>>> {
    let cells = info.cells.as_ref().filter(|c| !c.pipe)?;
    let filled: Vec<Range<usize>> = cells
        .ranges
        .iter()
        .filter(|r| !info.slice((*r).clone()).is_empty())
        .cloned()
        .collect();
    (filled.len() >= 2).then_some(filled)
}

/// Which kind a line holding several header items gets.
fn stronger(a: LineKind, b: LineKind) -> LineKind {
    let order = |k: LineKind| match k {
        LineKind::DocumentNumber => 4,
        LineKind::PlaceDate => 3,
        LineKind::NationalTitle => 2,
        LineKind::Motto => 1,
        _ => 0,
    };
    if order(b) > order(a) {
        b
    } else {
        a
    }
}

/// Move the ranges of a head read from a cell to line offsets.
fn shift(head: Head, by: usize) -> Head {
    let s = |r: Range<usize>| r.start + by..r.end + by;
    let so = |r: Option<Range<usize>>| r.map(s);
    let pd = |p: PlaceDateHead| PlaceDateHead {
        whole: s(p.whole),
        place: so(p.place),
        day: so(p.day),
        month: so(p.month),
        year: so(p.year),
    };
    match head {
        Head::DocumentNumber(d) => {
            let d = *d;
            Head::DocumentNumber(Box::new(DocNumberHead {
                whole: s(d.whole),
                symbol: s(d.symbol),
                number: so(d.number),
                type_code: so(d.type_code),
                issuer_code: so(d.issuer_code),
                place_date: d.place_date.map(pd),
            }))
        }
        Head::PlaceDate(p) => Head::PlaceDate(Box::new(pd(*p))),
        Head::TypeWord { word } => Head::TypeWord { word: s(word) },
        other => other,
    }
}

/// One header item (a line, or a cell of a layout line); `None` when it is
/// not part of a header.
fn header_item(
    info: &LineInfo,
    head: &Head,
    content: Range<usize>,
    doc: &mut Document,
) -> Option<LineKind> {
    match head {
        Head::NationalTitle => Some(LineKind::NationalTitle),
        Head::Motto => Some(LineKind::Motto),
        Head::DocumentNumber(head) if doc.header.number.is_none() => {
            let part = |r: &Option<Range<usize>>| {
                r.clone()
                    .map(|r| Spanned::new(info.slice(r.clone()).to_owned(), doc_span(info, r)))
            };
            let symbol = info.trimmed(head.symbol.clone());
            doc.header.number = Some(DocumentNumber {
                span: doc_span(info, info.trimmed(head.whole.clone())),
                raw: Spanned::new(
                    info.slice(symbol.clone()).to_owned(),
                    doc_span(info, symbol),
                ),
                number: part(&head.number),
                type_code: part(&head.type_code).map(|s| s.value),
                issuer_code: part(&head.issuer_code).map(|s| s.value),
            });
            if let Some(pd) = &head.place_date {
                doc.header.place_date = Some(place_date(info, pd));
            }
            Some(LineKind::DocumentNumber)
        }
        Head::PlaceDate(head) if doc.header.place_date.is_none() => {
            doc.header.place_date = Some(place_date(info, head));
            Some(LineKind::PlaceDate)
        }
        Head::Text if is_upper(info.slice(content.clone())) => {
            doc.header.issuing_body.push(Spanned::new(
                info.slice(content.clone()).to_owned(),
                doc_span(info, content),
            ));
            Some(LineKind::IssuingBody)
        }
        _ => None,
    }
}

fn place_date(info: &LineInfo, head: &PlaceDateHead) -> PlaceDate {
    let part = |r: &Option<std::ops::Range<usize>>| {
        r.clone()
            .map(|r| Spanned::new(info.slice(r.clone()).to_owned(), doc_span(info, r)))
    };
    PlaceDate {
        span: doc_span(info, info.trimmed(head.whole.clone())),
        place: part(&head.place.clone().map(|r| info.trimmed(r))),
        day: part(&head.day),
        month: part(&head.month),
        year: part(&head.year),
    }
}

/// The subject follows the type word on the same line or on the next
/// non-blank lines, up to a blank line. Returns the first body line.
fn read_subject(
    infos: &[LineInfo],
    kinds: &mut [LineKind],
    doc: &mut Document,
    type_at: usize,
) -> usize {
    let Some(type_info) = infos.get(type_at) else {
        return type_at;
    };
    let mut parts: Vec<(String, Span)> = Vec::new();
    if let Head::TypeWord { word } = &type_info.head {
        let rest = type_info.trimmed(word.end..type_info.cleaned.text.len());
        if !rest.is_empty() {
            parts.push((
                type_info.slice(rest.clone()).to_owned(),
                doc_span(type_info, rest),
            ));
        }
    }
    let mut i = type_at + 1;
    if parts.is_empty() {
        // Blank lines between the type word and the subject.
        while infos.get(i).is_some_and(|l| l.is_blank()) && i < type_at + 4 {
            i += 1;
        }
    }
    while let Some(info) = infos.get(i) {
        let subject_like = matches!(info.head, Head::Text | Head::TypeWord { .. })
            && info.cells.is_none()
            && parts.len() < 4;
        if info.is_blank() || !subject_like {
            break;
        }
        kinds[i] = LineKind::Subject;
        parts.push((
            info.content_text().to_owned(),
            doc_span(info, info.content.clone()),
        ));
        i += 1;
    }
    if let (Some(first), Some(last)) = (parts.first(), parts.last()) {
        let span = first.1.cover(last.1);
        let text = parts
            .iter()
            .map(|(t, _)| t.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        doc.header.subject = Some(Spanned::new(text, span));
    }
    i
}

/// The plan year: the last `năm YYYY` of the subject that is not a horizon
/// (`đến năm 2030`, `định hướng đến năm 2045`, `tầm nhìn …`) nor part of a
/// cited date (`ngày 22 tháng 12 năm 2024`); else the start of a period
/// named by the subject (`giai đoạn 2026-2030` → 2026, the year the plan
/// starts); else the year of the date line.
fn plan_year(infos: &[LineInfo], doc: &mut Document) {
    if let Some(subject) = &doc.header.subject {
        if let Some(year) = year_in_subject(infos, subject.span) {
            doc.plan_year = Some(year);
            return;
        }
    }
    let from_date = doc
        .header
        .place_date
        .as_ref()
        .and_then(|pd| pd.year.as_ref())
        .and_then(|y| y.value.parse::<u16>().ok().map(|v| Spanned::new(v, y.span)));
    doc.plan_year = from_date;
}

fn year_in_subject(infos: &[LineInfo], span: Span) -> Option<Spanned<u16>> {
    let mut best: Option<Spanned<u16>> = None;
    let mut period: Option<Spanned<u16>> = None;
    for info in infos
        .iter()
        .filter(|l| l.span.start < span.end && l.span.end > span.start)
    {
        let folded = info.folded();
        for (at, _) in folded.match_indices("năm ") {
            let digits_at = at + "năm ".len();
            let Some(year) = four_digits(folded, digits_at) else {
                continue;
            };
            let before = folded.get(..at).unwrap_or("").trim_end();
            let horizon = ["đến", "tới", "hướng", "nhìn"]
                .iter()
                .any(|w| before.ends_with(w));
            let cited = before.rsplit(' ').nth(1).is_some_and(|w| w == "tháng");
            if !horizon && !cited {
                best = Some(Spanned::new(year, doc_span(info, digits_at..digits_at + 4)));
            }
        }
        if period.is_none() {
            if let Some(at) = folded.find("giai đoạn ") {
                let digits_at = at + "giai đoạn ".len();
                if let Some(year) = four_digits(folded, digits_at) {
                    period = Some(Spanned::new(year, doc_span(info, digits_at..digits_at + 4)));
                }
            }
        }
    }
    best.or(period)
}

fn four_digits(text: &str, at: usize) -> Option<u16> {
    let digits = text.get(at..at + 4)?;
    let next_is_digit = text
        .as_bytes()
        .get(at + 4)
        .is_some_and(|b| b.is_ascii_digit());
    if next_is_digit || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}
