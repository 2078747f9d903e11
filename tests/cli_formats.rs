//! Golden tests of every output format (one seed and a small crafted file),
//! and SARIF validated against the official SARIF 2.1.0 schema.

mod common;

use common::{rasoat, SEED, SEEDS, SMALL};

const FORMATS: [&str; 6] = ["human", "json", "concise", "sarif", "github", "junit"];

fn output(path: &str, format: &str) -> String {
    let run = rasoat(&["check", path, "--format", format, "--width", "80"]);
    assert!(run.code == 0 || run.code == 1, "{format}: {}", run.stderr);
    assert!(
        !run.stdout.contains('\u{1b}'),
        "{format}: no colour when piped"
    );
    run.stdout
}

#[test]
fn golden_outputs_of_a_seed() {
    for format in FORMATS {
        insta::assert_snapshot!(format!("seed_{format}"), output(SEED, format));
    }
}

#[test]
fn golden_outputs_of_a_small_file() {
    for format in FORMATS {
        insta::assert_snapshot!(format!("small_{format}"), output(SMALL, format));
    }
}

fn sarif_validator() -> jsonschema::Validator {
    let schema_text =
        std::fs::read_to_string(common::root().join("tests/schemas/sarif-schema-2.1.0.json"))
            .expect("the SARIF schema is in the repository");
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    jsonschema::validator_for(&schema).expect("the SARIF schema compiles")
}

fn assert_valid(validator: &jsonschema::Validator, label: &str, text: &str) {
    let value: serde_json::Value = serde_json::from_str(text).expect("SARIF output is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{label}: {errors:#?}");
}

#[test]
fn sarif_of_every_seed_and_the_small_file_matches_the_official_schema() {
    let validator = sarif_validator();
    for path in SEEDS.iter().chain([&SMALL]) {
        assert_valid(&validator, path, &output(path, "sarif"));
    }
}

#[test]
fn the_sarif_schema_check_can_fail() {
    let validator = sarif_validator();
    let mut log: serde_json::Value = serde_json::from_str(&output(SMALL, "sarif")).unwrap();
    log["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&log));
    log["runs"][0]["results"][0]["level"] = "error".into();
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(!validator.is_valid(&log));
}

#[test]
fn sarif_regions_and_fingerprints_point_at_the_match() {
    let log: serde_json::Value = serde_json::from_str(&output(SMALL, "sarif")).unwrap();
    let text = std::fs::read_to_string(common::root().join(SMALL)).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let latex = results
        .iter()
        .find(|r| r["ruleId"] == "latex-leftover")
        .expect("the crafted file has a LaTeX leftover");
    let region = &latex["locations"][0]["physicalLocation"]["region"];
    let start = region["byteOffset"].as_u64().unwrap() as usize;
    let len = region["byteLength"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..start + len], r"$\geq 90\%$");
    assert_eq!(region["startLine"], 10);
    assert_eq!(region["startColumn"], 31);
    assert_eq!(region["endColumn"], 42);
    let fingerprint = latex["partialFingerprints"]["rasoatFingerprint/v1"]
        .as_str()
        .unwrap();
    assert_eq!(fingerprint.len(), 16);
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let index = latex["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "latex-leftover");
    assert!(rules[index]["help"]["text"].as_str().is_some());
}

#[test]
fn github_annotations_escape_properties_and_data() {
    let out = output(SMALL, "github");
    let line = out
        .lines()
        .find(|l| l.contains("title=latex-leftover"))
        .unwrap();
    assert!(line.starts_with(
        "::warning file=tests/fixtures/cli/small.txt,line=10,col=31,endLine=10,endColumn=42,title=latex-leftover::"
    ));
    assert!(line.contains(r"$\geq 90\%25$"), "{line}");
    assert!(!line.contains('\n'));
}

#[test]
fn junit_is_well_formed_xml_with_one_case_per_finding() {
    let clean = tempfile::tempdir().unwrap();
    let clean_file = clean.path().join("sạch.txt");
    std::fs::write(&clean_file, "ỦY BAN NHÂN DÂN\n").unwrap();
    let run = rasoat(&[
        "check",
        SMALL,
        clean_file.to_str().unwrap(),
        "--format",
        "junit",
    ]);
    let mut reader = quick_xml::Reader::from_str(&run.stdout);
    let (mut suites, mut cases, mut failures) = (0, 0, 0);
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                match e.name().as_ref() {
                    b"testsuite" => suites += 1,
                    b"testcase" => cases += 1,
                    b"failure" => failures += 1,
                    _ => {}
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    let findings = rasoat(&["check", SMALL, "--format", "concise"])
        .stdout
        .lines()
        .count();
    assert_eq!(suites, 2);
    assert_eq!(failures, findings);
    assert_eq!(cases, findings + 1, "one passing case for the clean file");
}

#[test]
fn sarif_byte_offsets_follow_the_file_encoding() {
    let validator = sarif_validator();
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::root().join(SMALL)).unwrap();
    let mut with_bom = vec![0xEF, 0xBB, 0xBF];
    with_bom.extend_from_slice(text.as_bytes());
    std::fs::write(dir.path().join("bom.txt"), &with_bom).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(dir.path().join("utf16.txt"), &utf16).unwrap();
    let run = common::rasoat_in(
        dir.path(),
        &["check", "bom.txt", "utf16.txt", "--format", "sarif"],
    );
    assert_valid(&validator, "bom + utf16", &run.stdout);
    let log: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let regions: Vec<(&str, &serde_json::Value)> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ruleId"] == "latex-leftover")
        .map(|r| {
            let location = &r["locations"][0]["physicalLocation"];
            (
                location["artifactLocation"]["uri"].as_str().unwrap(),
                &location["region"],
            )
        })
        .collect();
    assert_eq!(regions.len(), 2);
    let (bom_uri, bom) = regions[0];
    assert_eq!(bom_uri, "bom.txt");
    let start = bom["byteOffset"].as_u64().unwrap() as usize;
    assert_eq!(&with_bom[start..start + 11], br"$\geq 90\%$");
    let (utf16_uri, utf16_region) = regions[1];
    assert_eq!(utf16_uri, "utf16.txt");
    assert!(
        utf16_region.get("byteOffset").is_none(),
        "no UTF-8 offsets into a UTF-16 file"
    );
    assert_eq!(utf16_region["startLine"], 10);
    assert_eq!(utf16_region["startColumn"], 31);
}

#[test]
fn sarif_fixes_are_replacements_of_the_matched_region() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::root().join(SMALL))
        .unwrap()
        .replace("Số: 05/KH-UBND", "Số: 5/KH-UBND");
    std::fs::write(dir.path().join("ke-hoach.txt"), &text).unwrap();
    let run = common::rasoat_in(dir.path(), &["check", "ke-hoach.txt", "--format", "sarif"]);
    assert_valid(&sarif_validator(), "fix", &run.stdout);
    let log: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let fixed = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "header-number-leading-zero")
        .expect("«Số: 5/KH-UBND» needs a leading zero");
    let change = &fixed["fixes"][0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "ke-hoach.txt");
    let replacement = &change["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "05");
    let start = replacement["deletedRegion"]["byteOffset"].as_u64().unwrap() as usize;
    let len = replacement["deletedRegion"]["byteLength"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..start + len], "5");
    assert_eq!(fixed["fixes"][0]["description"]["text"], "safe fix");
}

/// `path:line:column` positions found in `text` after `prefix` (the heading
/// of a finding, or miette's snippet header `[path:line:column]`).
fn positions(text: &str, prefix: &str) -> Vec<String> {
    text.match_indices(prefix)
        .filter_map(|(i, _)| {
            let rest = &text[i + prefix.len()..];
            let mut parts = rest.splitn(3, ':');
            let line = parts.next()?;
            let column: String = parts
                .next()?
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            (line.chars().all(|c| c.is_ascii_digit()) && !column.is_empty())
                .then(|| format!("{line}:{column}"))
        })
        .collect()
}

#[test]
fn human_headings_and_snippet_headers_agree_with_concise_positions() {
    for path in SEEDS.iter().chain([&SMALL]) {
        let concise = output(path, "concise");
        let expected: Vec<String> = concise
            .lines()
            .filter_map(|l| {
                let rest = l.strip_prefix(path)?.strip_prefix(':')?;
                let mut parts = rest.splitn(3, ':');
                let (line, column) = (parts.next()?, parts.next()?);
                let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
                (digits(line) && digits(column)).then(|| format!("{line}:{column}"))
            })
            .collect();
        // Wide enough that no heading wraps before its position.
        let run = rasoat(&["check", path, "--width", "400"]);
        let headings = positions(&run.stdout, &format!(" {path}:"));
        let snippets = positions(&run.stdout, &format!("[{path}:"));
        assert_eq!(headings, expected, "{path}: headings");
        assert_eq!(snippets, expected, "{path}: snippet headers");
    }
}
