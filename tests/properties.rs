//! Property tests over plan-like text: parsing never panics and never drops a
//! line; NFC and NFD forms of the same text give the same findings.

use proptest::prelude::*;
use rasoat::document::{parse, SourceFile};
use rasoat::lint::{check_source, LintOptions};
use rasoat::rules::RuleSet;
use rasoat::templates::TemplateSet;
use unicode_normalization::UnicodeNormalization;

/// Lines of the seeds plus fragments that stress the grammar.
fn plan_line() -> impl Strategy<Value = String> {
    let seed_text: String = [
        "000-xa-chi-minh-2026",
        "003-phuong-chi-linh-2026",
        "004-xa-ha-dong-noi-vu-2030",
    ]
    .iter()
    .map(|s| {
        std::fs::read_to_string(format!("{}/examples/{s}.txt", env!("CARGO_MANIFEST_DIR"))).unwrap()
    })
    .collect();
    let lines: Vec<String> = seed_text.lines().map(str::to_owned).collect();
    prop_oneof![
        4 => proptest::sample::select(lines),
        1 => "[\\PC\t|$\\\\*#<>()“”\"]{0,40}",
        1 => Just("| TT | Chỉ tiêu | Kết quả 2025 | Mục tiêu 2026 |".to_owned()),
        1 => Just("|---|---|---|---|".to_owned()),
        1 => Just("Số:   /KH-UBND".to_owned()),
        1 => Just("ngày    tháng 01 năm 2026".to_owned()),
        1 => "[0-9IVX]{1,4}[.)]?\t[a-zđ ]{0,20}\t[≥≤]? ?[0-9]{1,3},?[0-9]{0,2}%",
    ]
}

fn plan_text() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(plan_line(), 0..40),
        prop::bool::ANY,
    )
        .prop_map(|(lines, crlf)| lines.join(if crlf { "\r\n" } else { "\n" }))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn parsing_keeps_every_line_in_order(text in plan_text()) {
        let doc = parse(&text);
        prop_assert_eq!(doc.lines.len(), text.split('\n').count());
        let mut previous_end = 0;
        for line in &doc.lines {
            prop_assert!(line.span.start >= previous_end && line.span.end <= text.len());
            previous_end = line.span.end;
        }
    }

    #[test]
    fn nfc_and_nfd_give_the_same_findings(text in plan_text()) {
        let rules = RuleSet::builtin().unwrap();
        let templates = TemplateSet::builtin();
        let options = LintOptions::default();
        let nfc: String = text.nfc().collect();
        let nfd: String = text.nfd().collect();
        let summary = |text: &str| {
            let result = check_source(SourceFile::from_text("p", text), &rules, &templates, &options);
            let source = result.source.as_ref().unwrap();
            result.diagnostics.iter()
                .filter(|d| d.rule_id != "input-not-nfc")
                .map(|d| {
                    let span = d.primary_span();
                    let p = source.position(span.start);
                    (d.rule_id.clone(), p.line, p.column, d.message.nfc().collect::<String>())
                })
                .collect::<Vec<_>>()
        };
        prop_assert_eq!(summary(&nfc), summary(&nfd));
    }
}
