//! A plan saved in NFD (decomposed) form gives the same findings, at the same
//! line and column, as its NFC twin — plus exactly one `input-not-nfc` note.

use rasoat::document::SourceFile;
use rasoat::lint::{check_source, FileResult, LintOptions};
use rasoat::rules::RuleSet;
use rasoat::templates::TemplateSet;
use unicode_normalization::UnicodeNormalization;

const SEEDS: [&str; 5] = [
    "000-xa-chi-minh-2026",
    "001-xa-kien-hung-2026",
    "002-xa-nghia-trung-2026",
    "003-phuong-chi-linh-2026",
    "004-xa-ha-dong-noi-vu-2030",
];

fn located(result: &FileResult) -> Vec<(String, usize, usize, usize, usize, String)> {
    let source = result.source.as_ref().unwrap();
    result
        .diagnostics
        .iter()
        .filter(|d| d.rule_id != "input-not-nfc")
        .map(|d| {
            let span = d.primary_span();
            let (start, end) = (source.position(span.start), source.position(span.end));
            let matched: String = source.original()[span.start..span.end].nfc().collect();
            (
                d.rule_id.clone(),
                start.line,
                start.column,
                end.line,
                end.column,
                matched,
            )
        })
        .collect()
}

#[test]
fn nfd_copies_of_the_seeds_give_the_same_findings_at_the_same_places() {
    let rules = RuleSet::builtin().unwrap();
    let templates = TemplateSet::builtin();
    let options = LintOptions::default();
    for seed in SEEDS {
        let path = format!("{}/examples/{seed}.txt", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).unwrap();
        let nfd: String = text.nfd().collect();
        assert_ne!(nfd, text, "{seed} should change under NFD");
        let from_nfc = check_source(
            SourceFile::from_text(seed, &text),
            &rules,
            &templates,
            &options,
        );
        let from_nfd = check_source(
            SourceFile::from_text(seed, &nfd),
            &rules,
            &templates,
            &options,
        );
        assert_eq!(located(&from_nfc), located(&from_nfd), "{seed}");
        let notes = |r: &FileResult| {
            r.diagnostics
                .iter()
                .filter(|d| d.rule_id == "input-not-nfc")
                .count()
        };
        assert_eq!(notes(&from_nfc), 0, "{seed}");
        assert_eq!(notes(&from_nfd), 1, "{seed}");
    }
}
