//! The citation checks, each over the plan's citations in document order.

use std::collections::BTreeMap;

use super::data::{fold_name, format_date, names_match, IssuerClass, Known, ShapeData};
use super::symbol::{key_of, same_code, Style, Symbol};
use super::PlanDate;
use crate::diagnostic::{Applicability, Label};
use crate::document::model::{Citation, CitedDate};
use crate::rules::engine::Emitter;

fn date_of(date: &CitedDate) -> (u8, u8, u16) {
    (date.day, date.month, date.year)
}

fn shown(date: (u8, u8, u16)) -> String {
    format_date(date.0, date.1, date.2)
}

/// `UBND thành phố` and `Ủy ban nhân dân thành phố` name the same body; one
/// name may extend the other (`Thành ủy` / `Thành ủy Hải Phòng`).
/// Two issuers are one when either key starts with the other.
fn issuer_key(issuer: &str) -> String {
    fold_name(issuer).replace("ủy ban nhân dân", "ubnd")
}

/// One symbol with different dates. Symbols without a year are numbered
/// anew each year, so dates of different years are different documents; the
/// same number from two different issuers is two documents too.
pub fn date_conflicts(text: &str, citations: &[Citation], out: &mut Emitter) {
    let mut groups: BTreeMap<(String, u16), Vec<&Citation>> = BTreeMap::new();
    for citation in citations {
        let Some(date) = &citation.date else { continue };
        let symbol = Symbol::parse(&citation.symbol.value);
        let year = if symbol.year.is_some() { 0 } else { date.year };
        groups.entry((symbol.key, year)).or_default().push(citation);
    }
    for group in groups.values() {
        // One citation cannot conflict with itself (fewer than two dates).
        if group.len() < 2 {
            continue;
        }
        let issuers: Vec<String> = group
            .iter()
            .filter_map(|c| c.issuer.as_ref().map(|i| issuer_key(&i.value)))
            .collect();
        let one_issuer = issuers
            .iter()
            .all(|a| issuers.iter().all(|b| a.starts_with(b) || b.starts_with(a)));
        if !one_issuer {
            continue;
        }
        // Dates in order of first use, with their counts.
        let mut dates: Vec<((u8, u8, u16), usize)> = Vec::new();
        for citation in group {
            let Some(date) = citation.date.as_ref().map(date_of) else {
                continue;
            };
            match dates.iter_mut().find(|(d, _)| *d == date) {
                Some((_, count)) => *count += 1,
                None => dates.push((date, 1)),
            }
        }
        if dates.len() < 2 {
            continue;
        }
        // The date most citations give (the first one on a tie) is taken as meant.
        let Some(&(usual, count)) = dates
            .iter()
            .reduce(|best, d| if d.1 > best.1 { d } else { best })
        else {
            continue;
        };
        let usual_at = group
            .iter()
            .filter_map(|c| c.date.as_ref())
            .find(|d| date_of(d) == usual)
            .map(|d| d.span);
        for citation in group {
            let Some(date) = &citation.date else { continue };
            if date_of(date) == usual {
                continue;
            }
            let found = shown(date_of(date));
            let expected = shown(usual);
            let times = count.to_string();
            // The other place is named by its line: a second label far away
            // would split the finding into two snippets.
            let line = usual_at
                .and_then(|span| text.get(..span.start))
                .map(|before| (before.matches('\n').count() + 1).to_string())
                .unwrap_or_default();
            out.emit(
                date.span,
                &[
                    ("symbol", &citation.symbol.value),
                    ("found", &found),
                    ("expected", &expected),
                    ("count", &times),
                    ("line", &line),
                ],
            );
        }
    }
}

/// A Party symbol written the state way (`71/NQ-TW`) or a state one the
/// Party way (`71-NQ/CP`).
pub fn symbol_shape(citations: &[Citation], shape: &ShapeData, out: &mut Emitter) {
    let is_in = |list: &[String], body: &str| list.iter().any(|b| same_code(b, body));
    for citation in citations {
        let symbol = Symbol::parse(&citation.symbol.value);
        let Some(body) = symbol.body.as_deref() else {
            continue;
        };
        let wrong = match symbol.style {
            Style::Party => is_in(&shape.state_bodies, body),
            Style::State => is_in(&shape.party_bodies, body),
            Style::Other => false,
        };
        let Some(expected) = symbol.restyled().filter(|_| wrong) else {
            continue;
        };
        let found = citation.symbol.value.clone();
        out.emit_with_fix(
            citation.symbol.span,
            &expected,
            Applicability::Unsafe,
            &[("found", &found), ("expected", &expected)],
        );
    }
}

/// The class of an issuer name: the longest issuer phrase it starts with.
fn issuer_class<'c>(issuer: &str, classes: &'c [IssuerClass]) -> Option<&'c IssuerClass> {
    let folded = fold_name(issuer);
    classes
        .iter()
        .flat_map(|class| class.folded_issuers.iter().map(move |name| (class, name)))
        .filter(|(_, name)| folded.starts_with(name.as_str()))
        .max_by_key(|(_, name)| name.len())
        .map(|(class, _)| class)
}

/// The issuer named after `của` belongs to another class than the symbol's.
pub fn symbol_issuer(citations: &[Citation], classes: &[IssuerClass], out: &mut Emitter) {
    for citation in citations {
        let Some(issuer) = &citation.issuer else {
            continue;
        };
        let compact: String = citation.symbol.value.split_whitespace().collect();
        let Some(by_symbol) = classes.iter().find(|c| {
            c.symbols
                .for_haystack(&compact)
                .is_some_and(|r| r.is_match(&compact))
        }) else {
            continue;
        };
        let Some(by_name) = issuer_class(&issuer.value, classes) else {
            continue;
        };
        if by_name.name == by_symbol.name {
            continue;
        }
        let diagnostic = out.emit(
            issuer.span,
            &[
                ("symbol", &citation.symbol.value),
                ("found", &issuer.value),
                ("expected", &by_symbol.name),
            ],
        );
        diagnostic.labels.push(Label {
            span: citation.symbol.span,
            message: None,
        });
    }
}

/// Codes a type word takes: its own entry, else the longest entry it starts
/// with (`kế hoạch hành động` → `kế hoạch`).
fn codes_for<'m>(
    type_word: &str,
    codes: &'m BTreeMap<String, Vec<String>>,
) -> Option<&'m [String]> {
    let folded = fold_name(type_word);
    if let Some(found) = codes.get(&folded) {
        return Some(found);
    }
    codes
        .iter()
        .filter(|(word, _)| folded.starts_with(&format!("{word} ")))
        .max_by_key(|(word, _)| word.len())
        .map(|(_, c)| c.as_slice())
}

/// `Kế hoạch số 586/QĐ-UBND`: the word says KH, the code says QĐ.
pub fn type_code(citations: &[Citation], codes: &BTreeMap<String, Vec<String>>, out: &mut Emitter) {
    for citation in citations {
        let Some(word) = &citation.type_word else {
            continue;
        };
        let Some(expected) = codes_for(&word.value, codes) else {
            continue;
        };
        let symbol = Symbol::parse(&citation.symbol.value);
        let Some(code) = symbol.code.as_deref() else {
            continue;
        };
        // In a state symbol the first segment is a type code only when it is
        // one (`5511/BKHCN-CĐSQG` names the issuer instead).
        let is_type_code =
            symbol.style == Style::Party || codes.values().flatten().any(|c| same_code(c, code));
        if !is_type_code || expected.iter().any(|c| same_code(c, code)) {
            continue;
        }
        let wanted = expected.join("/");
        out.emit(
            word.span.cover(citation.symbol.span),
            &[
                ("type", &word.value),
                ("symbol", &citation.symbol.value),
                ("found", code),
                ("expected", &wanted),
            ],
        );
    }
}

/// A cited document dated after the plan that cites it.
pub fn after_plan(citations: &[Citation], plan: &PlanDate, out: &mut Emitter) {
    for citation in citations {
        let Some(date) = &citation.date else { continue };
        if !plan.is_before(date.day, date.month, date.year) {
            continue;
        }
        let found = shown(date_of(date));
        out.emit(
            date.span,
            &[
                ("symbol", &citation.symbol.value),
                ("found", &found),
                ("expected", &plan.display()),
            ],
        );
    }
}

fn known_for<'k>(citation: &Citation, known: &'k [Known]) -> Option<&'k Known> {
    let key = key_of(&citation.symbol.value);
    known.iter().find(|k| k.key == key)
}

pub fn registry_date(citations: &[Citation], known: &[Known], out: &mut Emitter) {
    for citation in citations {
        let (Some(date), Some(entry)) = (&citation.date, known_for(citation, known)) else {
            continue;
        };
        if date_of(date) == entry.date {
            continue;
        }
        let found = shown(date_of(date));
        out.emit(
            date.span,
            &[
                ("symbol", &entry.symbol),
                ("found", &found),
                ("expected", &shown(entry.date)),
                ("type", &entry.type_word),
                ("title", &entry.title),
                ("issuer", &entry.issuer),
            ],
        );
    }
}

pub fn registry_issuer(citations: &[Citation], known: &[Known], out: &mut Emitter) {
    for citation in citations {
        let (Some(issuer), Some(entry)) = (&citation.issuer, known_for(citation, known)) else {
            continue;
        };
        let mut names: Vec<&str> = vec![entry.issuer.as_str()];
        names.extend(entry.also.iter().map(String::as_str));
        if names_match(&issuer.value, &names) {
            continue;
        }
        out.emit(
            issuer.span,
            &[
                ("symbol", &entry.symbol),
                ("found", &issuer.value),
                ("expected", &entry.issuer),
                ("type", &entry.type_word),
                ("title", &entry.title),
            ],
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::document::model::{Span, Spanned};
    use crate::rules::engine::RuleMeta;
    use crate::rules::loader::{KindName, Lang, Localized};

    fn meta() -> RuleMeta {
        RuleMeta {
            id: "t".into(),
            kind: KindName::Citation,
            level: Severity::Error,
            message: Localized {
                vi: "{symbol} {found} {expected}".into(),
                en: "{symbol} {found} {expected}".into(),
            },
            help: None,
            docs: None,
            examples: Default::default(),
            fix: None,
            origin: "test".into(),
        }
    }

    /// A citation at `at` (a fake offset standing for its place in the plan).
    fn cite(at: usize, symbol: &str, date: (u8, u8, u16), issuer: Option<&str>) -> Citation {
        let span = Span::new(at, at + 1);
        Citation {
            span,
            type_word: None,
            symbol: Spanned::new(symbol.to_owned(), span),
            date: Some(CitedDate {
                span,
                day: date.0,
                month: date.1,
                year: date.2,
            }),
            issuer: issuer.map(|i| Spanned::new(i.to_owned(), span)),
        }
    }

    fn conflicts(citations: &[Citation]) -> Vec<String> {
        let meta = meta();
        let mut out = Emitter::new(&meta, Lang::Vi);
        date_conflicts("", citations, &mut out);
        out.into_diagnostics()
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn the_date_most_citations_give_is_taken_as_meant() {
        let tu = Some("Ban Thường vụ Thành ủy");
        let found = conflicts(&[
            cite(1, "12-KH/TU", (28, 8, 2025), tu),
            cite(2, "12-KH/TU", (26, 8, 2025), tu),
            cite(
                3,
                "12-KH/TU",
                (26, 8, 2025),
                Some("Ban Thường vụ Thành ủy Hải Phòng"),
            ),
        ]);
        assert_eq!(found, ["12-KH/TU 28/8/2025 26/8/2025"]);
    }

    #[test]
    fn on_a_tie_the_first_date_is_taken_as_meant() {
        let found = conflicts(&[
            cite(1, "12-KH/TU", (28, 8, 2025), None),
            cite(2, "12- KH/TU", (26, 8, 2025), None),
        ]);
        assert_eq!(found, ["12- KH/TU 26/8/2025 28/8/2025"]);
    }

    #[test]
    fn other_issuers_or_years_are_other_documents() {
        assert!(conflicts(&[
            cite(1, "98/KH-UBND", (8, 10, 2025), Some("UBND xã")),
            cite(2, "98/KH-UBND", (2, 10, 2025), Some("Ủy ban nhân dân tỉnh")),
        ])
        .is_empty());
        assert!(conflicts(&[
            cite(1, "12/KH-UBND", (15, 1, 2025), None),
            cite(2, "12/KH-UBND", (20, 1, 2026), None),
        ])
        .is_empty());
        // `UBND xã` and `Ủy ban nhân dân xã` are one body.
        assert_eq!(
            conflicts(&[
                cite(1, "98/KH-UBND", (8, 10, 2025), Some("UBND xã")),
                cite(2, "98/KH-UBND", (8, 10, 2025), Some("Ủy ban nhân dân xã")),
                cite(3, "98/KH-UBND", (2, 10, 2025), Some("Ủy ban nhân dân xã")),
            ])
            .len(),
            1
        );
        // A symbol with its year is one document whatever the cited year.
        assert_eq!(
            conflicts(&[
                cite(1, "30/2020/NĐ-CP", (5, 3, 2020), None),
                cite(2, "30/2020/NĐ-CP", (5, 3, 2021), None),
            ])
            .len(),
            1
        );
    }
}
