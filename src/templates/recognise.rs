//! Which template a plan follows, from what it cites and where it is.
//!
//! A plan that *implements* a document names it in its subject line or in a
//! `Thực hiện …` basis; one that merely builds on it cites it among the
//! `Căn cứ …` bases. Symbols such as `119/KH-UBND` are reused by every
//! province, so a template that lists places needs one of them in the plan.

use std::cell::OnceCell;

use super::fold::{fold_into, folded_starts_with};
use super::matcher::fold;
use super::{Template, TemplateSet};
use crate::document::Document;

/// The folded texts of a plan that [`score`] reads, made once per plan
/// (not once per template).
struct Folded {
    /// Empty when the plan has no subject.
    subject: String,
    bases: Vec<String>,
    /// Which bases implement a document (`Thực hiện …`, `Triển khai …`).
    implements: Vec<bool>,
    /// [`place_text`], made when a template lists places.
    places: OnceCell<String>,
}

impl Folded {
    fn new(doc: &Document) -> Self {
        let subject = doc
            .header
            .subject
            .as_ref()
            .map(|s| fold(&s.value))
            .unwrap_or_default();
        let implements = doc
            .bases
            .iter()
            .map(|b| {
                folded_starts_with(&b.verb, "thuc hien")
                    || folded_starts_with(&b.verb, "trien khai")
            })
            .collect();
        let bases = doc.bases.iter().map(|b| fold(&b.text)).collect();
        Folded {
            subject,
            bases,
            implements,
            places: OnceCell::new(),
        }
    }

    fn implemented(&self) -> impl Iterator<Item = &String> {
        self.bases
            .iter()
            .zip(&self.implements)
            .filter(|(_, &implements)| implements)
            .map(|(text, _)| text)
    }
}

/// How strongly a plan points at a template (0 = not at all).
#[cfg(test)]
pub fn score(template: &Template, doc: &Document) -> u32 {
    score_folded(template, doc, &Folded::new(doc))
}

fn score_folded(template: &Template, doc: &Document, folded: &Folded) -> u32 {
    let mut best = 0;
    for symbol in &template.recognise.cites {
        let symbol = fold(symbol);
        let finder = memchr::memmem::Finder::new(symbol.as_bytes());
        let strength = if cites(&folded.subject, &finder) {
            8
        } else if folded.implemented().any(|t| cites(t, &finder)) {
            6
        } else if folded.bases.iter().any(|t| cites(t, &finder)) {
            4
        } else if doc
            .citations
            .iter()
            .any(|c| folds_to(&c.symbol.value, &symbol))
        {
            2
        } else {
            0
        };
        best = best.max(strength);
    }
    if template.recognise.places.is_empty() {
        return best;
    }
    let places = folded.places.get_or_init(|| place_text(doc, folded));
    let here = template
        .recognise
        .places
        .iter()
        .any(|p| places.contains(&fold(p)));
    match (best, here) {
        (_, false) => 0,
        // Same place and same year, nothing cited: a weak hint.
        (0, true)
            if template.year.is_some()
                && template.year == doc.plan_year.as_ref().map(|y| y.value) =>
        {
            1
        }
        (strength, true) => strength,
    }
}

/// `fold(text) == folded`, folding `text` only when it starts right.
fn folds_to(text: &str, folded: &str) -> bool {
    folded_starts_with(text, folded) && fold(text) == folded
}

/// The symbol `finder` looks for in `text`, not as the tail of a longer
/// number (`1359/KH-UBND`).
fn cites(text: &str, finder: &memchr::memmem::Finder) -> bool {
    finder.find_iter(text.as_bytes()).any(|at| {
        !text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit())
    })
}

/// Folded text of everything that names where the plan is from, the parts
/// joined by ` \n `. Folding goes char by char, so the folded subject and
/// bases are reused as they are.
fn place_text(doc: &Document, folded: &Folded) -> String {
    let mut out = String::new();
    let mut first = true;
    let mut sep = |out: &mut String| {
        if !std::mem::take(&mut first) {
            out.push_str(" \n ");
        }
    };
    if doc.header.subject.is_some() {
        sep(&mut out);
        out.push_str(&folded.subject);
    }
    for body in &doc.header.issuing_body {
        sep(&mut out);
        fold_into(&body.value, &mut out);
    }
    if let Some(place) = doc
        .header
        .place_date
        .as_ref()
        .and_then(|p| p.place.as_ref())
    {
        sep(&mut out);
        fold_into(&place.value, &mut out);
    }
    for basis in &folded.bases {
        sep(&mut out);
        out.push_str(basis);
    }
    for issuer in doc.citations.iter().filter_map(|c| c.issuer.as_ref()) {
        sep(&mut out);
        fold_into(&issuer.value, &mut out);
    }
    out
}

/// The template with the highest score; among equals the more specific one
/// (longer `extends:` chain), then the first defined.
pub fn best<'s>(set: &'s TemplateSet, doc: &Document) -> Option<&'s Template> {
    let folded = Folded::new(doc);
    set.templates
        .iter()
        .map(|t| (score_folded(t, doc, &folded), depth(set, t), t))
        .filter(|(s, _, _)| *s > 0)
        .fold(
            None,
            |best: Option<(u32, usize, &Template)>, candidate| match best {
                Some(b) if (b.0, b.1) >= (candidate.0, candidate.1) => Some(b),
                _ => Some(candidate),
            },
        )
        .map(|(_, _, t)| t)
}

fn depth(set: &TemplateSet, template: &Template) -> usize {
    let mut depth = 0;
    let mut parent = template.extends.as_deref();
    while let Some(id) = parent {
        depth += 1;
        if depth > set.templates.len() {
            break;
        }
        parent = set.get(id).and_then(|t| t.extends.as_deref());
    }
    depth
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::model::{Basis, Span, Spanned};

    fn plan(subject: &str, bases: &[(&str, &str)]) -> Document {
        let mut doc = Document::default();
        doc.header.subject = Some(Spanned::new(subject.to_owned(), Span::default()));
        doc.plan_year = Some(Spanned::new(2026, Span::default()));
        for (verb, text) in bases {
            doc.bases.push(Basis {
                span: Span::default(),
                verb: (*verb).to_owned(),
                text: (*text).to_owned(),
            });
        }
        doc
    }

    #[test]
    fn recognises_by_citation_and_place() {
        let set = TemplateSet::builtin();
        let hai_phong = plan(
            "Chuyển đổi số xã Chí Minh năm 2026",
            &[("Thực hiện", "Kế hoạch số 359/KH-UBND ngày 31/12/2025 của Ủy ban nhân dân thành phố về Chuyển đổi số thành phố Hải Phòng năm 2026")],
        );
        assert_eq!(
            set.recognise(&hai_phong).map(|t| t.id.as_str()),
            Some("hai-phong-2026")
        );
        let dong_nai = plan(
            "Chuyển đổi số trong cơ quan nhà nước trên địa bàn xã Nghĩa Trung năm 2026",
            &[
                ("Căn cứ", "Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị"),
                ("Căn cứ", "Kế hoạch số 119/KH-UBND ngày 09/3/2026 của UBND tỉnh chuyển đổi số trong cơ quan nhà nước tỉnh Đồng Nai;"),
            ],
        );
        assert_eq!(
            set.recognise(&dong_nai).map(|t| t.id.as_str()),
            Some("dong-nai-2026")
        );
        let noi_vu = plan(
            "Triển khai thực hiện Quyết định số 350/QĐ-TTg ngày 26/02/2026 của Thủ tướng Chính phủ",
            &[(
                "Thực hiện",
                "Kế hoạch số 200/KH-UBND ngày 02/6/2026 của Ủy ban nhân dân thành phố Hải Phòng",
            )],
        );
        assert_eq!(
            set.recognise(&noi_vu).map(|t| t.id.as_str()),
            Some("noi-vu-2030")
        );
    }

    #[test]
    fn place_text_is_the_fold_of_the_joined_parts() {
        for text in crate::document::parser::tests::example_and_fixture_texts() {
            let doc = crate::document::parse(&text);
            let mut parts: Vec<&str> = Vec::new();
            parts.extend(doc.header.subject.iter().map(|s| s.value.as_str()));
            parts.extend(doc.header.issuing_body.iter().map(|b| b.value.as_str()));
            let place = doc
                .header
                .place_date
                .as_ref()
                .and_then(|p| p.place.as_ref());
            parts.extend(place.map(|p| p.value.as_str()));
            parts.extend(doc.bases.iter().map(|b| b.text.as_str()));
            let issuers = doc.citations.iter().filter_map(|c| c.issuer.as_ref());
            parts.extend(issuers.map(|i| i.value.as_str()));
            assert_eq!(
                place_text(&doc, &Folded::new(&doc)),
                fold(&parts.join(" \n "))
            );
            for c in &doc.citations {
                for symbol in ["359/kh-ubnd", "05-nq/tu", "350/qd-ttg"] {
                    let folded = fold(&c.symbol.value);
                    assert_eq!(folds_to(&c.symbol.value, symbol), folded == symbol);
                    assert!(folds_to(&c.symbol.value, &folded));
                }
            }
        }
    }

    #[test]
    fn a_reused_symbol_from_another_province_is_not_enough() {
        let set = TemplateSet::builtin();
        let elsewhere = plan(
            "Chuyển đổi số xã A năm 2026",
            &[(
                "Căn cứ",
                "Kế hoạch số 119/KH-UBND ngày 01/3/2026 của UBND tỉnh Lào Cai",
            )],
        );
        assert_eq!(set.recognise(&elsewhere).map(|t| t.id.as_str()), None);
        let longer = plan(
            "Chuyển đổi số xã A năm 2026",
            &[(
                "Căn cứ",
                "Kế hoạch số 1359/KH-UBND của UBND thành phố Hải Phòng",
            )],
        );
        // Only the place hint counts, not `1359/KH-UBND`.
        let hai_phong = set.get("hai-phong-2026").unwrap();
        assert_eq!(score(hai_phong, &longer), 1);
    }
}
