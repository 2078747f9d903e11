//! Fingerprints of the real plans survive line shifts: inserting a blank line
//! at several places of each seed moves findings but keeps every fingerprint.

use rasoat::document::SourceFile;
use rasoat::lint::{check_source, LintOptions};
use rasoat::rules::RuleSet;
use rasoat::templates::TemplateSet;

const SEEDS: [&str; 5] = [
    "000-xa-chi-minh-2026",
    "001-xa-kien-hung-2026",
    "002-xa-nghia-trung-2026",
    "003-phuong-chi-linh-2026",
    "004-xa-ha-dong-noi-vu-2030",
];

#[test]
fn inserting_blank_lines_keeps_fingerprints_on_every_seed() {
    let rules = RuleSet::builtin().unwrap();
    let templates = TemplateSet::builtin();
    let options = LintOptions::default();
    let findings = |text: &str| {
        let result = check_source(
            SourceFile::from_text("p.txt", text),
            &rules,
            &templates,
            &options,
        );
        let source = result.source.as_ref().unwrap();
        let mut found: Vec<(String, String, usize)> = result
            .diagnostics
            .iter()
            .map(|d| {
                let line = source.position(d.primary_span().start).line;
                (d.rule_id.clone(), d.fingerprint.clone().unwrap(), line)
            })
            .collect();
        found.sort();
        found
    };
    for seed in SEEDS {
        let path = format!("{}/examples/{seed}.txt", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).unwrap();
        let before = findings(&text);
        assert!(!before.is_empty(), "{seed} has findings to follow");
        let lines: Vec<&str> = text.split('\n').collect();
        let blanks: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].trim().is_empty())
            .collect();
        let step = (blanks.len() / 8).max(1);
        let mut moved = 0;
        for &at in blanks.iter().step_by(step) {
            let shifted = [&lines[..at], &[""], &lines[at..]].concat().join("\n");
            let after = findings(&shifted);
            let ids = |f: &[(String, String, usize)]| {
                f.iter()
                    .map(|(r, p, _)| (r.clone(), p.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(
                ids(&before),
                ids(&after),
                "{seed}: blank line inserted at line {}",
                at + 1
            );
            moved += before
                .iter()
                .zip(&after)
                .filter(|(b, a)| b.2 != a.2)
                .count();
        }
        assert!(moved > 0, "{seed}: the insertions moved findings");
    }
}
