//! Odd and hostile inputs: each gives a clear message and exit code 2, or a
//! normal result (0/1) where the input is merely odd — never a panic or hang.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn rasoat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rasoat"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run rasoat")
}

fn check_json(path: &Path) -> (i32, serde_json::Value, String) {
    let out = rasoat(&["check", "--format", "json", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (out.status.code().expect("exit code"), json, stderr)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn rule_ids(json: &serde_json::Value) -> Vec<String> {
    json["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule_id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn empty_file_is_checked_not_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "empty.txt", b"");
    let (code, json, _) = check_json(&path);
    assert!(code == 0 || code == 1, "exit {code}");
    assert!(json["files"][0]["error"].is_null());
}

#[test]
fn binary_file_is_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"\x7fELF\x02\x01\x01\0\0\0\0\0".to_vec();
    bytes.extend((0..4096u32).map(|i| (i * 7 % 256) as u8));
    let path = write(dir.path(), "plan.txt", &bytes);
    let (code, json, _) = check_json(&path);
    assert_eq!(code, 2);
    let error = json["files"][0]["error"].as_str().unwrap();
    assert!(error.contains("nhị phân"), "{error}");
    assert_eq!(rule_ids(&json), ["input-unreadable"]);
}

#[test]
fn invalid_utf8_is_read_as_windows_1258_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    // "Kế hoạch" in windows-1258: tone marks are combining bytes.
    let path = write(
        dir.path(),
        "legacy.txt",
        b"K\xea\xec ho\xe0\xf2ch chuy\xea\xd2n \xf0\xf4\xd2i s\xf4\xec\n",
    );
    let (code, json, _) = check_json(&path);
    assert!(code == 0 || code == 1, "exit {code}");
    assert!(rule_ids(&json).contains(&"input-encoding-guessed".to_owned()));
}

#[test]
fn utf16_without_bom_is_read_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let text = "KE HOACH chuyen doi so xa Kien Hung nam 2026\n";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let path = write(dir.path(), "utf16.txt", &bytes);
    let (code, json, _) = check_json(&path);
    assert!(code == 0 || code == 1, "exit {code}");
    assert!(rule_ids(&json).contains(&"input-encoding-guessed".to_owned()));
}

#[test]
fn missing_file_gives_exit_2_and_a_message() {
    let (code, json, _) = check_json(Path::new("/nonexistent/ke-hoach.txt"));
    assert_eq!(code, 2);
    assert!(json["files"][0]["error"]
        .as_str()
        .unwrap()
        .contains("ke-hoach.txt"));
}

#[test]
fn file_over_the_size_cap_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let file = std::fs::File::create(&path).unwrap();
    // Sparse: no disk cost.
    file.set_len(rasoat::document::source::MAX_FILE_BYTES + 1)
        .unwrap();
    let (code, json, _) = check_json(&path);
    assert_eq!(code, 2);
    assert!(json["files"][0]["error"].as_str().is_some());
}

#[test]
fn fifty_megabyte_single_line_gives_a_result() {
    let dir = tempfile::tempdir().unwrap();
    let line = "chuyển đổi số hạ tầng số ".repeat(50_000_000 / 32);
    let path = write(dir.path(), "long.txt", line.as_bytes());
    let (code, json, _) = check_json(&path);
    assert!((0..=2).contains(&code), "exit {code}");
    assert!(json["files"][0].is_object());
}

#[test]
fn one_megabyte_line_and_many_table_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "KẾ HOẠCH\nChuyển đổi số xã A năm 2026\nTT\tChỉ tiêu\tKết quả 2025\tMục tiêu 2026\n",
    );
    for i in 1..=100_000 {
        text.push_str(&format!("{i}\tTỷ lệ hồ sơ số {i}\t{}%\t≥ 90%\n", i % 100));
    }
    text.push_str(&"a".repeat(1 << 20));
    let path = write(dir.path(), "rows.txt", text.as_bytes());
    let (code, json, _) = check_json(&path);
    assert!(code == 0 || code == 1, "exit {code}");
    assert!(json["files"][0]["error"].is_null());
    // Both reader caps are hit, and each says where.
    let limits: Vec<&serde_json::Value> = json["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule_id"] == "input-limit-reached")
        .collect();
    assert_eq!(limits.len(), 2, "{limits:?}");
    let row_cap = rasoat::document::parser::limits::MAX_TABLE_ROWS;
    assert_eq!(
        limits[0]["line"],
        row_cap + 3,
        "first row past the cap (header + rows)"
    );
    assert!(limits[0]["message"].as_str().unwrap().contains("hàng bảng"));
    assert_eq!(limits[1]["line"], 100_004, "the 1 MB line");
    assert!(limits[1]["message"].as_str().unwrap().contains("256 KB"));
}

#[cfg(unix)]
#[test]
fn directory_symlink_loop_does_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("xa");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("plan.txt"), "Kế hoạch chuyển đổi số năm 2026\n").unwrap();
    std::os::unix::fs::symlink(dir.path(), sub.join("loop")).unwrap();
    let out = rasoat(&["check", "--format", "json", dir.path().to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["files"].as_array().unwrap().len(), 1);
}

#[test]
fn file_that_disappears_mid_batch_becomes_a_file_level_finding() {
    use rasoat::lint::{check_path, LintOptions};
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.txt", "b.txt", "c.txt"] {
        std::fs::write(dir.path().join(name), "Kế hoạch chuyển đổi số năm 2026\n").unwrap();
    }
    let files = rasoat::batch::collect_files(&[dir.path().to_owned()]);
    assert_eq!(files.len(), 3);
    std::fs::remove_file(dir.path().join("b.txt")).unwrap();
    let rules = rasoat::rules::RuleSet::builtin().unwrap();
    let templates = rasoat::templates::TemplateSet::builtin();
    let results: Vec<_> = files
        .iter()
        .map(|f| check_path(f, &rules, &templates, &LintOptions::default()))
        .collect();
    assert!(results[0].error.is_none() && results[2].error.is_none());
    assert!(results[1].error.is_some());
    assert_eq!(results[1].diagnostics[0].rule_id, "input-unreadable");
}

#[test]
fn yaml_alias_bomb_in_a_rule_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // Nine levels of nine aliases: 9^10 strings once expanded.
    let mut yaml = String::from(
        "rules:\n  - id: bomb\n    kind: pattern\n    level: info\n    message: { vi: x, en: x }\n    patterns: ['x']\n    data:\n      a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n",
    );
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        yaml.push_str(&format!(
            "      a{i}: &a{i} [{}]\n",
            [prev.as_str(); 9].join(", ")
        ));
    }
    std::fs::write(dir.path().join("bomb.yaml"), yaml).unwrap();
    let plan = write(dir.path(), "plan.txt", "Kế hoạch năm 2026\n".as_bytes());
    let out = rasoat(&[
        "check",
        "--rules",
        dir.path().to_str().unwrap(),
        plan.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("bomb.yaml"), "{stderr}");
}

#[test]
fn huge_regex_in_a_rule_is_refused_by_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = r#"rules:
  - id: huge-regex
    kind: pattern
    level: warning
    message: { vi: "x", en: "x" }
    patterns:
      - '(\w{100}){100}[\p{L}]{1000}'
"#;
    std::fs::write(dir.path().join("huge.yaml"), yaml).unwrap();
    let plan = write(dir.path(), "plan.txt", "Kế hoạch năm 2026\n".as_bytes());
    let out = rasoat(&[
        "check",
        "--rules",
        dir.path().to_str().unwrap(),
        plan.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("huge.yaml") && stderr.contains("huge-regex"),
        "{stderr}"
    );
}

/// Real words on one 400 KB line: thousands of doubled words, most far past
/// column 65,535 (the widest miette can pad to). Every format renders them
/// without a panic, and the findings are capped with one
/// `input-limit-reached` finding saying how many were dropped.
#[test]
fn long_line_with_thousands_of_findings_renders_in_every_format() {
    let words = ["chuyển", "đổi", "số", "hạ", "tầng", "dữ", "liệu", "dân"];
    let mut state = 2026u32;
    let mut line = String::new();
    while line.len() < 400_000 {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        line.push_str(words[(state >> 16) as usize % words.len()]);
        line.push(' ');
    }
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "one-line.txt", line.as_bytes());
    let path = path.to_str().unwrap();
    for format in ["human", "json", "concise", "sarif", "github", "junit"] {
        let out = rasoat(&["check", "--format", format, "--width", "100", path]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{format}: {stderr}"
        );
        assert!(!out.stdout.is_empty(), "{format}");
    }
    let (_, json, _) = check_json(Path::new(path));
    let findings = json["files"][0]["findings"].as_array().unwrap();
    assert_eq!(findings.len(), rasoat::lint::MAX_FINDINGS_PER_FILE + 1);
    assert_eq!(findings[0]["rule_id"], "input-limit-reached");
    assert!(findings[0]["message"].as_str().unwrap().contains("bỏ qua"));
}
