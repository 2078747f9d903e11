//! Correct numbering stays silent: seed 004's lettered list (a … đ e g h i k)
//! and the correct sequences of every seed give no numbering finding beyond
//! the real defects; breaking the list makes the rule fire.

use std::path::Path;

use rasoat::document::SourceFile;
use rasoat::lint::{check_source, LintOptions};
use rasoat::rules::loader::KindName;
use rasoat::rules::RuleSet;
use rasoat::templates::TemplateSet;

fn numbering_findings(text: &str) -> Vec<String> {
    let mut rules = RuleSet::builtin().expect("built-in rules load");
    for rule in &mut rules.rules {
        rule.enabled = rule.meta.kind == KindName::Numbering;
    }
    let source = SourceFile::from_text("seed.txt", text);
    let result = check_source(
        source,
        &rules,
        &TemplateSet::builtin(),
        &LintOptions::default(),
    );
    result
        .diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.rule_id, d.message))
        .collect()
}

fn seed(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    std::fs::read_to_string(path).expect("seed is readable")
}

#[test]
fn seed_004_lettered_list_gives_no_numbering_finding() {
    let text = seed("004-xa-ha-dong-noi-vu-2030.txt");
    assert!(
        text.contains("\nđ) Đẩy mạnh hoạt động"),
        "the list is in the seed"
    );
    assert_eq!(numbering_findings(&text), Vec::<String>::new());
}

#[test]
fn dropping_a_point_of_seed_004_is_reported() {
    let text = seed("004-xa-ha-dong-noi-vu-2030.txt").replacen(
        "\nđ) Đẩy mạnh hoạt động",
        "\nĐẩy mạnh hoạt động",
        1,
    );
    let found = numbering_findings(&text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].starts_with("section-number-gap"), "{found:#?}");
    assert!(found[0].contains("«đ»"), "{found:#?}");
}

#[test]
fn seeds_give_only_the_real_numbering_defects() {
    let expected: [(&str, &[&str]); 5] = [
        ("000-xa-chi-minh-2026.txt", &["table-row-number-gap"]),
        ("001-xa-kien-hung-2026.txt", &[]),
        ("002-xa-nghia-trung-2026.txt", &[]),
        (
            "003-phuong-chi-linh-2026.txt",
            &[
                "table-row-number-style",
                "table-row-number-order",
                "table-row-number-gap",
            ],
        ),
        ("004-xa-ha-dong-noi-vu-2030.txt", &[]),
    ];
    for (name, ids) in expected {
        let found = numbering_findings(&seed(name));
        let found_ids: Vec<&str> = found
            .iter()
            .map(|f| f.split(':').next().unwrap_or(""))
            .collect();
        assert_eq!(found_ids, ids, "{name}: {found:#?}");
    }
}
