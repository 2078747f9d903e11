//! Cross-submission checks: the same national document cited with
//! different dates by different communes; communes missing the same
//! mandatory indicator.

use std::collections::{BTreeMap, BTreeSet};

use super::{CitationConflict, SharedMissing, Submission, MISSING_INDICATOR_RULES};

/// (year, month, day) → communes citing that date.
type DatesCited<'a> = BTreeMap<(u16, u8, u8), BTreeSet<&'a str>>;

/// Symbols cited with two or more dates, when different communes disagree.
pub(super) fn citation_conflicts(submissions: &[Submission]) -> Vec<CitationConflict> {
    let mut cited: BTreeMap<&str, DatesCited> = BTreeMap::new();
    for submission in submissions {
        let Some(doc) = submission.result.document.as_ref() else {
            continue;
        };
        for citation in &doc.citations {
            if let Some(date) = &citation.date {
                cited
                    .entry(&citation.symbol.value)
                    .or_default()
                    .entry((date.year, date.month, date.day))
                    .or_default()
                    .insert(&submission.commune);
            }
        }
    }
    cited
        .into_iter()
        .filter(|(_, dates)| {
            let communes: BTreeSet<&&str> = dates.values().flatten().collect();
            dates.len() > 1 && communes.len() > 1
        })
        .map(|(symbol, dates)| CitationConflict {
            symbol: symbol.to_owned(),
            dates: dates
                .into_iter()
                .map(|((year, month, day), communes)| {
                    (
                        format!("{day}/{month}/{year}"),
                        communes.into_iter().map(str::to_owned).collect(),
                    )
                })
                .collect(),
        })
        .collect()
}

/// Missing-indicator findings grouped by message (the message names the
/// indicator), kept when two or more communes share one.
pub(super) fn shared_missing(submissions: &[Submission]) -> Vec<SharedMissing> {
    let mut missing: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for submission in submissions {
        for diagnostic in &submission.result.diagnostics {
            if MISSING_INDICATOR_RULES.contains(&diagnostic.rule_id.as_str()) {
                missing
                    .entry(&diagnostic.message)
                    .or_default()
                    .insert(&submission.commune);
            }
        }
    }
    let mut shared: Vec<SharedMissing> = missing
        .into_iter()
        .filter(|(_, communes)| communes.len() > 1)
        .map(|(indicator, communes)| SharedMissing {
            indicator: indicator.to_owned(),
            communes: communes.into_iter().map(str::to_owned).collect(),
        })
        .collect();
    shared.sort_by_key(|s| std::cmp::Reverse(s.communes.len()));
    shared
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use crate::diagnostic::Diagnostic;
    use crate::document::model::{Citation, CitedDate, Span, Spanned};

    fn plan(
        path: &str,
        subject: &str,
        cited: &[(&str, u8, u8, u16)],
        missing: &[&str],
    ) -> FileResult {
        let mut doc = Document::default();
        doc.header.subject = Some(Spanned::new(subject.to_owned(), Span::default()));
        doc.citations = cited
            .iter()
            .map(|&(symbol, day, month, year)| Citation {
                span: Span::default(),
                type_word: None,
                symbol: Spanned::new(symbol.to_owned(), Span::default()),
                date: Some(CitedDate {
                    span: Span::default(),
                    day,
                    month,
                    year,
                }),
                issuer: None,
            })
            .collect();
        FileResult {
            path: path.to_owned(),
            source: None,
            document: Some(doc),
            template: None,
            diagnostics: missing
                .iter()
                .map(|m| Diagnostic::new("indicator-mandatory-missing", Severity::Error, *m))
                .collect(),
            error: None,
            indicators: None,
        }
    }

    #[test]
    fn same_document_with_different_dates_across_communes() {
        let results = [
            plan(
                "a.txt",
                "Chuyển đổi số xã An Bình năm 2026",
                &[("57-NQ/TW", 22, 12, 2024), ("749/QĐ-TTg", 3, 6, 2020)],
                &[],
            ),
            plan(
                "b.txt",
                "Chuyển đổi số xã Tân Lập năm 2026",
                &[("57-NQ/TW", 22, 12, 2025), ("749/QĐ-TTg", 3, 6, 2020)],
                &[],
            ),
            plan(
                "c.txt",
                "Chuyển đổi số phường Đông Hải năm 2026",
                &[("57-NQ/TW", 22, 12, 2024)],
                &[],
            ),
        ];
        let summary = BatchSummary::new(&results, &RuleGroups::default());
        assert_eq!(
            summary.citation_conflicts,
            [CitationConflict {
                symbol: "57-NQ/TW".to_owned(),
                dates: vec![
                    (
                        "22/12/2024".to_owned(),
                        vec!["phường Đông Hải".to_owned(), "xã An Bình".to_owned()]
                    ),
                    ("22/12/2025".to_owned(), vec!["xã Tân Lập".to_owned()]),
                ],
            }]
        );
    }

    #[test]
    fn one_commune_disagreeing_with_itself_is_not_a_cross_check() {
        let results = [plan(
            "a.txt",
            "xã An Bình",
            &[("12-KH/TU", 26, 8, 2025), ("12-KH/TU", 28, 8, 2025)],
            &[],
        )];
        assert!(BatchSummary::new(&results, &RuleGroups::default())
            .citation_conflicts
            .is_empty());
    }

    #[test]
    fn communes_missing_the_same_indicator() {
        let results = [
            plan("a.txt", "xã An Bình", &[], &["Thiếu «5G»", "Thiếu «VNeID»"]),
            plan("b.txt", "xã Tân Lập", &[], &["Thiếu «5G»"]),
            plan(
                "c.txt",
                "xã Đông Hải",
                &[],
                &["Thiếu «5G»", "Thiếu «VNeID»"],
            ),
            plan("d.txt", "xã Hòa Bình", &[], &["Thiếu «CSDL»"]),
        ];
        let summary = BatchSummary::new(&results, &RuleGroups::default());
        let shared: Vec<(&str, usize)> = summary
            .shared_missing
            .iter()
            .map(|s| (s.indicator.as_str(), s.communes.len()))
            .collect();
        assert_eq!(shared, [("Thiếu «5G»", 3), ("Thiếu «VNeID»", 2)]);
        assert_eq!(summary.submissions[0].missing_indicators, 2);
        assert_eq!(summary.groups, ["other"]);
        assert_eq!(summary.submissions[3].by_group, [1]);
    }
}
