//! A broken rule file is refused with a diagnostic at the YAML line (and
//! column) of the mistake, for every class of mistake; on the command line
//! that is exit 2 with nothing checked.

use std::process::Command;

use rasoat::rules::{RuleFileError, RuleSet};

const GOOD: &str = r#"rules:
  - id: my-leftover
    kind: pattern
    level: warning
    message: { vi: "Còn sót «{found}»", en: "leftover «{found}»" }
    patterns:
      - '\*\*'
      - '<b>'
    examples:
      bad: ["**Kế hoạch**"]
"#;

/// Load `text` as a user rule file on top of the built-in rules.
fn load(text: &str) -> Result<RuleSet, RuleFileError> {
    let mut rules = RuleSet::builtin().expect("built-in rules load");
    rules.add_file("quy-tac/rieng.yaml", text)?;
    Ok(rules)
}

fn error_of(text: &str) -> RuleFileError {
    match load(text) {
        Ok(_) => panic!("rule file was accepted:\n{text}"),
        Err(error) => error,
    }
}

/// 1-based line of the first line of `text` containing `needle`.
fn line_with(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("no line with {needle:?}"))
}

#[test]
fn the_good_file_loads() {
    let rules = load(GOOD).unwrap();
    assert!(rules.get("my-leftover").is_some());
}

#[test]
fn syntax_error() {
    let text = GOOD.replace("level: warning", "level: [warning");
    let error = error_of(&text);
    assert!(error.line.is_some(), "{error}");
    // The parser notices the unclosed bracket at or after its line.
    assert!(error.line >= Some(line_with(&text, "[warning")), "{error}");
    // A tab where YAML wants spaces is reported on its own line.
    let text = GOOD.replace("    level: warning", "\tlevel: warning");
    let error = error_of(&text);
    assert_eq!(error.line, Some(line_with(&text, "\tlevel")), "{error}");
}

#[test]
fn unknown_key() {
    let text = GOOD.replace("    level: warning", "    level: warning\n    colour: red");
    let error = error_of(&text);
    assert_eq!(error.line, Some(line_with(&text, "colour")), "{error}");
    assert!(error.message.contains("colour"), "{error}");
}

#[test]
fn unknown_kind() {
    let text = GOOD.replace("kind: pattern", "kind: spelling");
    let error = error_of(&text);
    assert_eq!(
        error.line,
        Some(line_with(&text, "kind: spelling")),
        "{error}"
    );
    assert!(error.message.contains("spelling"), "{error}");
}

#[test]
fn bad_regex_points_at_its_patterns_entry() {
    let text = GOOD.replace("'<b>'", "'(<b>'");
    let error = error_of(&text);
    assert_eq!(error.line, Some(line_with(&text, "'(<b>'")), "{error}");
    // The column of the regex itself, inside its quotes.
    assert_eq!(error.column, Some(10), "{error}");
    assert!(error.message.contains("bad regex"), "{error}");
}

#[test]
fn bad_regex_inside_citation_data() {
    let text = r#"rules:
  - id: my-issuer
    kind: citation
    check: symbol-issuer
    level: error
    message: { vi: "sai", en: "wrong" }
    data:
      - name: "Chính phủ"
        symbols: '^\d+/NQ-CP$'
        issuers: ["Chính phủ"]
      - name: "Thủ tướng"
        symbols: '^\d+/QĐ-TTg($'
        issuers: ["Thủ tướng"]
"#;
    let error = error_of(text);
    assert_eq!(error.line, Some(line_with(text, "TTg($")), "{error}");
}

#[test]
fn a_parameter_the_kind_does_not_take() {
    // (`swap:` is a `pattern` parameter: it builds fixes; `variants:` is not.)
    let text = GOOD.replace("    patterns:", "    variants: [[a, b]]\n    patterns:");
    let error = error_of(&text);
    assert_eq!(error.line, Some(line_with(&text, "variants:")), "{error}");
    assert!(
        error.message.contains("`variants` is not a parameter"),
        "{error}"
    );

    let text = GOOD
        .replace(
            "kind: pattern",
            "kind: arithmetic\n    check: percent-of-total",
        )
        .replace(
            "    patterns:\n      - '\\*\\*'\n      - '<b>'\n",
            "    phrases: [a]\n",
        );
    let error = error_of(&text);
    assert_eq!(error.line, Some(line_with(&text, "phrases:")), "{error}");
}

#[test]
fn unknown_check_and_missing_data() {
    let text = GOOD
        .replace("kind: pattern", "kind: citation\n    check: dates")
        .replace("    patterns:\n      - '\\*\\*'\n      - '<b>'\n", "");
    let error = error_of(&text);
    assert_eq!(
        error.line,
        Some(line_with(&text, "check: dates")),
        "{error}"
    );

    let text = text.replace("check: dates", "check: type-code\n    data: [QĐ]");
    let error = error_of(&text);
    assert_eq!(error.line, Some(line_with(&text, "data:")), "{error}");
}

#[test]
fn duplicate_id_in_one_file_points_at_the_second() {
    let second = GOOD.replace("rules:\n", "");
    let text = format!("{GOOD}{second}");
    let error = error_of(&text);
    let second_line = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("id: my-leftover"))
        .nth(1)
        .map(|(i, _)| i + 1);
    assert_eq!(error.line, second_line, "{error}");
    assert!(error.message.contains("already defined"), "{error}");
}

#[test]
fn duplicate_of_a_builtin_id() {
    let text = GOOD.replace("my-leftover", "latex-leftover");
    let error = error_of(&text);
    assert_eq!(error.line, Some(2), "{error}");
}

#[test]
fn cli_refuses_a_broken_rule_folder_with_exit_2_and_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("quy-tac");
    std::fs::create_dir(&rules).unwrap();
    let broken = GOOD.replace("'<b>'", "'(<b>'");
    std::fs::write(rules.join("rieng.yaml"), &broken).unwrap();
    let plan = dir.path().join("ke-hoach.txt");
    std::fs::write(&plan, "KẾ HOẠCH\n$\\geq 90\\%$\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_rasoat"))
        .current_dir(dir.path())
        .args(["check", "--rules", "quy-tac", "ke-hoach.txt"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{stderr}{stdout}");
    let line = line_with(&broken, "'(<b>'");
    assert!(
        stderr.contains(&format!("rieng.yaml:{line}:")),
        "the rule file's line {line} is shown:\n{stderr}"
    );
    assert!(
        !stdout.contains("latex-leftover"),
        "nothing is checked: {stdout}"
    );
}
