//! Year rules on the seeds: past results and multi-year horizons are not
//! mistakes; a task of another year is.

use std::path::Path;

use rasoat::document::SourceFile;
use rasoat::lint::{check_source, LintOptions};
use rasoat::rules::loader::KindName;
use rasoat::rules::RuleSet;
use rasoat::templates::TemplateSet;

fn year_findings(text: &str) -> Vec<String> {
    let mut rules = RuleSet::builtin().expect("built-in rules load");
    for rule in &mut rules.rules {
        rule.enabled = rule.meta.kind == KindName::Year;
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
fn seeds_give_only_the_real_year_defects() {
    for name in [
        "000-xa-chi-minh-2026.txt",
        "001-xa-kien-hung-2026.txt",
        "002-xa-nghia-trung-2026.txt",
        "004-xa-ha-dong-noi-vu-2030.txt",
    ] {
        assert_eq!(year_findings(&seed(name)), Vec::<String>::new(), "{name}");
    }
    let found = year_findings(&seed("003-phuong-chi-linh-2026.txt"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].starts_with("national-dx-day-year"), "{found:#?}");
    assert!(
        found[0].contains("Ngày Chuyển đổi số quốc gia năm 2025"),
        "{found:#?}"
    );
}

#[test]
fn a_deadline_past_the_2030_horizon_is_reported() {
    let text = seed("004-xa-ha-dong-noi-vu-2030.txt").replacen("Năm 2027-2028", "Năm 2031", 1);
    let found = year_findings(&text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("2026–2030"), "{found:#?}");
}

#[test]
fn last_years_plan_name_in_a_2026_body_is_reported() {
    let text = seed("000-xa-chi-minh-2026.txt").replacen(
        "Kế hoạch Chuyển đổi số xã năm 2026",
        "Kế hoạch Chuyển đổi số xã năm 2025",
        1,
    );
    let found = year_findings(&text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].starts_with("plan-name-year"), "{found:#?}");
}

#[test]
fn a_task_table_deadline_before_the_plan_year_is_reported() {
    // Seed 003 is dated 31/12/2025 (appendix caption): `Tháng 12/2025` is
    // its own issuing task and fine; `Tháng 02/2025` is not.
    let text = seed("003-phuong-chi-linh-2026.txt").replacen("Tháng 02/2026", "Tháng 02/2025", 1);
    let found = year_findings(&text);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found
        .iter()
        .any(|f| f.starts_with("deadline-outside-plan-year") && f.contains("Tháng 02/2025")));
}
