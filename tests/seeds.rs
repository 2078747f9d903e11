//! The five real draft plans (`examples/`, from `../shared/seeds`): their full
//! findings are snapshotted; every finding in the snapshots was read and judged.

use std::path::Path;

use rasoat::lint::{check_path, LintOptions};
use rasoat::report::concise;
use rasoat::rules::RuleSet;
use rasoat::templates::TemplateSet;

pub const SEEDS: [&str; 5] = [
    "000-xa-chi-minh-2026",
    "001-xa-kien-hung-2026",
    "002-xa-nghia-trung-2026",
    "003-phuong-chi-linh-2026",
    "004-xa-ha-dong-noi-vu-2030",
];

#[test]
fn seed_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = RuleSet::builtin().unwrap();
    let templates = TemplateSet::builtin();
    for seed in SEEDS {
        let path = Path::new("examples").join(format!("{seed}.txt"));
        std::env::set_current_dir(root).unwrap();
        let result = check_path(&path, &rules, &templates, &LintOptions::default());
        assert!(result.error.is_none(), "{seed}: {:?}", result.error);
        insta::assert_snapshot!(format!("seed__{seed}"), concise::render(&[result]));
    }
}
