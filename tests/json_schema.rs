//! `--format json` output validated against its documented schema
//! (`docs/json-schema.json`) for every seed, the crafted file and an
//! unreadable file.

mod common;

use common::{rasoat, rasoat_in, SEEDS, SMALL};

fn validator() -> (serde_json::Value, jsonschema::Validator) {
    let text = std::fs::read_to_string(common::root().join("docs/json-schema.json"))
        .expect("docs/json-schema.json exists");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    (schema, validator)
}

fn errors(validator: &jsonschema::Validator, value: &serde_json::Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect()
}

#[test]
fn schema_version_matches_the_code() {
    let (schema, _) = validator();
    assert_eq!(
        schema["properties"]["schema_version"]["const"],
        rasoat::report::json::SCHEMA_VERSION
    );
}

#[test]
fn output_of_every_seed_matches_the_schema() {
    let (_, validator) = validator();
    for path in SEEDS.iter().chain([&SMALL]) {
        for lang in ["vi", "en"] {
            let run = rasoat(&["check", path, "--format", "json", "--lang", lang]);
            let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
            assert_eq!(errors(&validator, &value), Vec::<String>::new(), "{path}");
            let findings = value["files"][0]["findings"].as_array().unwrap();
            assert!(findings.iter().all(|f| f["fingerprint"].is_string()));
        }
    }
}

#[test]
fn docx_output_with_word_locations_matches_the_schema() {
    let (_, validator) = validator();
    let path = "tests/fixtures/docx/seeds/000-xa-chi-minh-2026.docx";
    let run = rasoat(&["check", path, "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(errors(&validator, &value), Vec::<String>::new(), "{path}");
    let findings = value["files"][0]["findings"].as_array().unwrap();
    assert!(findings
        .iter()
        .any(|f| f["word_location"]["kind"] == "table_cell"));
    assert!(findings
        .iter()
        .any(|f| f["word_location"]["kind"] == "paragraph"));
}

#[test]
fn unreadable_files_and_several_files_match_the_schema() {
    let (_, validator) = validator();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("binary.txt"), [0u8, 159, 146, 150, 0, 0, 1]).unwrap();
    std::fs::copy(common::root().join(SMALL), dir.path().join("small.txt")).unwrap();
    let run = rasoat_in(
        dir.path(),
        &[
            "check",
            "binary.txt",
            "missing.txt",
            "small.txt",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 2);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(errors(&validator, &value), Vec::<String>::new());
    assert_eq!(value["files"].as_array().unwrap().len(), 3);
    assert!(value["files"][0]["error"].is_string());
}

#[test]
fn the_schema_rejects_a_broken_output() {
    let (_, validator) = validator();
    let run = rasoat(&["check", SMALL, "--format", "json"]);
    let good: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(validator.is_valid(&good));
    let mut missing = good.clone();
    missing["files"][0]["findings"][0]
        .as_object_mut()
        .unwrap()
        .remove("rule_id");
    assert!(!validator.is_valid(&missing));
    let mut bad_severity = good.clone();
    bad_severity["files"][0]["findings"][0]["severity"] = "fatal".into();
    assert!(!validator.is_valid(&bad_severity));
    let mut undocumented = good;
    undocumented["files"][0]["findings"][0]["extra"] = 1.into();
    assert!(!validator.is_valid(&undocumented));
}
