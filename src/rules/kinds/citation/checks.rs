//! The citation checks, each over the plan's citations in document order.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::cited::Cited;
use super::data::{fold_name, format_date, Codes, IssuerClass, Known, ShapeData, TypeCodes};
use super::symbol::Style;
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
fn issuer_key(folded_issuer: &str) -> Cow<'_, str> {
    const LONG: &str = "ủy ban nhân dân";
    if folded_issuer.contains(LONG) {
        Cow::Owned(folded_issuer.replace(LONG, "ubnd"))
    } else {
        Cow::Borrowed(folded_issuer)
    }
}

/// One symbol with different dates. Symbols without a year are numbered
/// anew each year, so dates of different years are different documents; the
/// same number from two different issuers is two documents too.
pub fn date_conflicts(text: &str, citations: &[Cited], out: &mut Emitter) {
    let mut groups: BTreeMap<(&str, u16), Vec<&Cited>> = BTreeMap::new();
    for cited in citations {
        let Some(date) = &cited.citation.date else {
            continue;
        };
        let symbol = &cited.symbol;
        let year = if symbol.year().is_some() {
            0
        } else {
            date.year
        };
        groups
            .entry((symbol.key.as_str(), year))
            .or_default()
            .push(cited);
    }
    for group in groups.values() {
        // One citation cannot conflict with itself (fewer than two dates).
        if group.len() < 2 {
            continue;
        }
        let issuers: Vec<Cow<str>> = group
            .iter()
            .filter_map(|c| c.issuer.as_deref().map(issuer_key))
            .collect();
        let one_issuer = issuers.iter().all(|a| {
            issuers
                .iter()
                .all(|b| a.starts_with(&**b) || b.starts_with(&**a))
        });
        if !one_issuer {
            continue;
        }
        let group: Vec<&Citation> = group.iter().map(|c| c.citation).collect();
        // Dates in order of first use, with their counts.
        let mut dates: Vec<((u8, u8, u16), usize)> = Vec::new();
        for citation in &group {
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
        for citation in &group {
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
pub fn symbol_shape(citations: &[Cited], shape: &ShapeData, out: &mut Emitter) {
    // The lists are in upper case.
    let is_in = |list: &[String], body: &str| list.iter().any(|b| b == body);
    for cited in citations {
        let symbol = &cited.symbol;
        let Some(body) = symbol.body_upper.as_deref() else {
            continue;
        };
        let wrong = match symbol.style {
            Style::Party => is_in(&shape.state_bodies, body),
            Style::State => is_in(&shape.party_bodies, body),
            Style::Other => false,
        };
        let Some(expected) = wrong.then(|| symbol.restyled()).flatten() else {
            continue;
        };
        let citation = cited.citation;
        let found = citation.symbol.value.clone();
        out.emit_with_fix(
            citation.symbol.span,
            &expected,
            Applicability::Unsafe,
            &[("found", &found), ("expected", &expected)],
        );
    }
}

/// The class of an issuer name (folded): the longest issuer phrase it starts with.
fn issuer_class<'c>(folded: &str, classes: &'c [IssuerClass]) -> Option<&'c IssuerClass> {
    classes
        .iter()
        .flat_map(|class| class.folded_issuers.iter().map(move |name| (class, name)))
        .filter(|(_, name)| folded.starts_with(name.as_str()))
        .max_by_key(|(_, name)| name.len())
        .map(|(class, _)| class)
}

/// The issuer named after `của` belongs to another class than the symbol's.
pub fn symbol_issuer(citations: &[Cited], classes: &[IssuerClass], out: &mut Emitter) {
    for cited in citations {
        let (Some(issuer), Some(folded)) = (&cited.citation.issuer, &cited.issuer) else {
            continue;
        };
        let compact = cited.symbol.compact.as_str();
        let Some(by_symbol) = classes.iter().find(|c| {
            c.symbols
                .for_haystack(compact)
                .is_some_and(|r| r.is_match(compact))
        }) else {
            continue;
        };
        let Some(by_name) = issuer_class(folded, classes) else {
            continue;
        };
        if by_name.name == by_symbol.name {
            continue;
        }
        let citation = cited.citation;
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
fn codes_for<'m>(type_word: &str, codes: &'m TypeCodes) -> Option<&'m Codes> {
    let folded = fold_name(type_word);
    if let Some(found) = codes.by_word.get(&folded) {
        return Some(found);
    }
    codes
        .by_word
        .iter()
        .filter(|(word, _)| {
            folded
                .strip_prefix(word.as_str())
                .is_some_and(|rest| rest.starts_with(' '))
        })
        .max_by_key(|(word, _)| word.len())
        .map(|(_, c)| c)
}

/// `Kế hoạch số 586/QĐ-UBND`: the word says KH, the code says QĐ.
pub fn type_code(citations: &[Cited], codes: &TypeCodes, out: &mut Emitter) {
    for cited in citations {
        let citation = cited.citation;
        let Some(word) = &citation.type_word else {
            continue;
        };
        let Some(expected) = codes_for(&word.value, codes) else {
            continue;
        };
        let symbol = &cited.symbol;
        let (Some(code), Some(upper)) = (symbol.code(), symbol.code_upper.as_deref()) else {
            continue;
        };
        // In a state symbol the first segment is a type code only when it is
        // one (`5511/BKHCN-CĐSQG` names the issuer instead).
        let is_type_code =
            symbol.style == Style::Party || codes.all_upper.iter().any(|c| c == upper);
        if !is_type_code || expected.upper.iter().any(|c| c == upper) {
            continue;
        }
        let wanted = expected.written.join("/");
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

fn known_for<'k>(cited: &Cited, known: &'k [Known]) -> Option<&'k Known> {
    known.iter().find(|k| k.key == cited.symbol.key)
}

pub fn registry_date(citations: &[Cited], known: &[Known], out: &mut Emitter) {
    for cited in citations {
        let (Some(date), Some(entry)) = (&cited.citation.date, known_for(cited, known)) else {
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

/// The issuer as cited must start with one of the document's names.
pub fn registry_issuer(citations: &[Cited], known: &[Known], out: &mut Emitter) {
    for cited in citations {
        let (Some(issuer), Some(folded)) = (&cited.citation.issuer, &cited.issuer) else {
            continue;
        };
        let Some(entry) = known_for(cited, known) else {
            continue;
        };
        if entry
            .folded_names
            .iter()
            .any(|n| folded.starts_with(n.as_str()))
        {
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
            fills: Default::default(),
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
        let cited: Vec<Cited> = citations.iter().map(Cited::new).collect();
        date_conflicts("", &cited, &mut out);
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
