//! Every built-in rule: its YAML examples behave as documented, and its
//! fixture (`tests/fixtures/rules/<id>.txt`) gives the snapshotted findings.

use std::path::Path;

use rasoat::lint::{check_source, LintOptions};
use rasoat::report::concise;
use rasoat::rules::engine::run_rule_on_text;
use rasoat::rules::RuleSet;
use rasoat::templates::TemplateSet;

fn builtin() -> RuleSet {
    RuleSet::builtin().unwrap_or_else(|e| panic!("built-in rules must load: {e}"))
}

#[test]
fn yaml_examples_behave_as_documented() {
    let rules = builtin();
    let templates = TemplateSet::builtin();
    let mut failures = Vec::new();
    for rule in &rules.rules {
        if rule.meta.examples.bad.is_empty() {
            failures.push(format!("{}: no bad example", rule.meta.id));
        }
        for bad in &rule.meta.examples.bad {
            if run_rule_on_text(rule, bad, &templates).is_empty() {
                failures.push(format!(
                    "{}: bad example did not fire: {bad:?}",
                    rule.meta.id
                ));
            }
        }
        for good in &rule.meta.examples.good {
            let found = run_rule_on_text(rule, good, &templates);
            if !found.is_empty() {
                failures.push(format!(
                    "{}: good example fired ({}): {good:?}",
                    rule.meta.id, found[0].message
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_has_a_fixture_whose_findings_are_snapshotted() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let templates = TemplateSet::builtin();
    let ids: Vec<String> = builtin().rules.iter().map(|r| r.meta.id.clone()).collect();
    let mut missing = Vec::new();
    for id in &ids {
        let path = fixtures.join(format!("{id}.txt"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            missing.push(format!("{id}: no fixture {}", path.display()));
            continue;
        };
        // Only this rule runs, so the snapshot shows exactly what it finds.
        let mut rules = builtin();
        for rule in &mut rules.rules {
            rule.enabled = rule.meta.id == *id;
        }
        let source = rasoat::document::SourceFile::from_text(format!("{id}.txt"), &text);
        let result = check_source(source, &rules, &templates, &LintOptions::default());
        let own: Vec<_> = result
            .diagnostics
            .iter()
            .filter(|d| d.rule_id == *id)
            .collect();
        if own.is_empty() {
            missing.push(format!("{id}: fixture gives no finding"));
        }
        insta::assert_snapshot!(
            format!("rule__{id}"),
            concise::render(std::slice::from_ref(&result))
        );
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
