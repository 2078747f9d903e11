//! Batches through the binary: a generated corpus of 100+ plans through
//! `check` and `report`, golden CSV/HTML of small fixed batches, the XLSX
//! read back.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn rasoat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rasoat"))
        .args(args)
        .current_dir(ROOT)
        .env_remove("CI")
        .output()
        .expect("run rasoat")
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("utf-8 temp path")
}

/// Run `scripts/generate-corpus.py`; `None` when python3 is not installed.
fn generate_corpus(out: &Path, count: usize, seed: u32) -> Option<Value> {
    let status = Command::new("python3")
        .arg(Path::new(ROOT).join("scripts/generate-corpus.py"))
        .args(["--count", &count.to_string(), "--seed", &seed.to_string()])
        .arg("--out")
        .arg(out)
        .status();
    match status {
        Ok(status) => assert!(status.success(), "generate-corpus.py failed"),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            assert!(
                std::env::var_os("CI").is_none(),
                "python3 is needed for the generated batch test in CI"
            );
            eprintln!("SKIPPED: python3 is not installed; the generated batch test needs it");
            return None;
        }
        Err(error) => panic!("cannot run python3: {error}"),
    }
    let manifest = std::fs::read_to_string(out.join("manifest.json")).expect("manifest");
    Some(serde_json::from_str(&manifest).expect("manifest json"))
}

/// Injected defect kind → the rule that must find it at the manifest's line.
/// Kinds whose rule is not in the rule set yet are reported, not checked.
const DEFECT_RULES: &[(&str, &str)] = &[
    ("slip", "slip-word"),
    ("numbering-gap", "section-number-gap"),
    ("wrong-year", "national-dx-day-year"),
    ("target-le", "indicator-comparator-direction"),
    ("deleted-row", "indicator-mandatory-missing"),
];

fn known_rules() -> Vec<String> {
    let out = rasoat(&["rules"]);
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .collect()
}

#[test]
fn generated_batch_goes_through_check_and_report() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let Some(manifest) = generate_corpus(&corpus, 120, 7) else {
        return;
    };
    // Two broken inputs in the middle of the batch: a binary file and a
    // link to nothing. Each must become a file-level finding.
    std::fs::copy(
        Path::new(ROOT).join("tests/fixtures/batch/03-hong.txt"),
        corpus.join("0050-hong.txt"),
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(corpus.join("gone.txt"), corpus.join("0060-mat.txt")).unwrap();
    let broken = if cfg!(unix) { 2 } else { 1 };

    let out = rasoat(&["check", "--format", "json", path_str(&corpus)]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an input error gives exit code 2"
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("json output");
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 120 + broken);
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "results sorted by path");

    let failed: Vec<&Value> = files.iter().filter(|f| !f["error"].is_null()).collect();
    assert_eq!(failed.len(), broken, "only the broken inputs fail");
    for file in &failed {
        let findings = file["findings"].as_array().unwrap();
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0]["rule_id"], "input-unreadable");
        assert!(findings[0]["line"].is_null(), "a file-level finding");
    }

    // Injected defects are found where the manifest says, for every defect
    // kind whose rule exists.
    let rules = known_rules();
    let by_name: std::collections::HashMap<String, &Value> = files
        .iter()
        .map(|f| {
            let name = Path::new(f["path"].as_str().unwrap()).file_name().unwrap();
            (name.to_string_lossy().into_owned(), f)
        })
        .collect();
    let mut verified = std::collections::BTreeMap::new();
    for plan in manifest["plans"].as_array().unwrap() {
        let file = by_name[plan["file"].as_str().unwrap()];
        for defect in plan["defects"].as_array().unwrap() {
            let kind = defect["kind"].as_str().unwrap();
            let Some((_, rule)) = DEFECT_RULES.iter().find(|(k, _)| *k == kind) else {
                panic!("defect kind {kind} has no rule in DEFECT_RULES");
            };
            if !rules.iter().any(|r| r == rule) {
                continue;
            }
            let line = defect["line"].as_u64().unwrap();
            let found = file["findings"].as_array().unwrap().iter().any(|f| {
                f["rule_id"] == *rule && (kind == "deleted-row" || f["line"].as_u64() == Some(line))
            });
            assert!(
                found,
                "{}: injected {kind} at line {line} not found by {rule}",
                plan["file"]
            );
            *verified.entry(kind).or_insert(0) += 1;
        }
    }
    eprintln!("injected defects verified: {verified:?}");
    assert!(
        verified.get("numbering-gap").copied().unwrap_or(0) > 10,
        "numbering gaps injected and found: {verified:?}"
    );

    let html = dir.path().join("report.html");
    let csv = dir.path().join("report.csv");
    let xlsx = dir.path().join("report.xlsx");
    let out = rasoat(&[
        "report",
        path_str(&corpus),
        "--html",
        path_str(&html),
        "--csv",
        path_str(&csv),
        "--xlsx",
        path_str(&xlsx),
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv_text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(csv_text.lines().count(), 1 + 120 + broken);
    let communes: Vec<&str> = manifest["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["commune"].as_str().unwrap())
        .collect();
    for commune in &communes {
        assert!(csv_text.contains(commune), "{commune} in the CSV");
    }
    let html_text = std::fs::read_to_string(&html).unwrap();
    assert_eq!(
        html_text.matches("<details class=\"plan\"").count(),
        120 + broken
    );
    assert!(html_text.contains(&format!("id=\"plan-{}\"", 120 + broken)));
    let workbook = std::fs::read(&xlsx).unwrap();
    assert_eq!(&workbook[..2], b"PK", "a real xlsx (zip) file");
}

#[test]
fn report_requires_an_output() {
    let out = rasoat(&["report", "examples"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--html"));
}

/// Report the fixture batch into a temp dir; returns (dir, exit code).
fn report_fixture(paths: &[&str]) -> (tempfile::TempDir, Option<i32>) {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["report"];
    args.extend_from_slice(paths);
    let html = dir.path().join("report.html");
    let csv = dir.path().join("report.csv");
    let xlsx = dir.path().join("report.xlsx");
    args.extend([
        "--html",
        path_str(&html),
        "--csv",
        path_str(&csv),
        "--xlsx",
        path_str(&xlsx),
    ]);
    let out = rasoat(&args);
    (dir, out.status.code())
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

/// The version changes at every release; the golden files should not.
fn without_version(text: &str) -> String {
    text.replace(env!("CARGO_PKG_VERSION"), "[version]")
}

/// CSV and HTML of a batch checked with the fixed rules of
/// `tests/fixtures/batch-rules` (so new built-in rules leave them alone).
fn golden_report(paths: &[&str]) -> (String, String) {
    use rasoat::batch::{check_inputs, collect_inputs, Progress};
    use rasoat::report::summary::{BatchSummary, RuleGroups};
    let mut rules = rasoat::rules::RuleSet::default();
    rules
        .add_dir(&Path::new(ROOT).join("tests/fixtures/batch-rules"))
        .unwrap();
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let inputs = collect_inputs(&paths);
    let results = check_inputs(
        &inputs,
        &rules,
        &rasoat::templates::TemplateSet::builtin(),
        &rasoat::lint::LintOptions::default(),
        &Progress::disabled(),
    );
    let mut summary = BatchSummary::new(&results, &RuleGroups::from_rules(&rules));
    summary.html_page = Some("report.html".to_owned());
    (
        rasoat::report::csv::render(&summary),
        without_version(&rasoat::report::html::render(&summary)),
    )
}

#[test]
fn golden_csv_of_the_seeds() {
    let (csv, _) = golden_report(&["examples"]);
    assert!(csv.starts_with('\u{feff}'), "BOM for Excel");
    assert_eq!(csv.lines().count(), 6);
    insta::assert_snapshot!("seeds_csv", csv);
}

#[test]
fn golden_csv_and_html_of_a_small_batch() {
    let (csv, html) = golden_report(&["tests/fixtures/batch"]);
    insta::assert_snapshot!("small_batch_csv", csv);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"vi\">"));
    assert!(!html.contains("<script>alert"), "plan text is escaped");
    assert!(html
        .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;ngoặc kép&quot;"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no network"
    );
    insta::assert_snapshot!("small_batch_html", html);
}

#[test]
fn report_exit_code_reflects_a_broken_file() {
    let (dir, code) = report_fixture(&["tests/fixtures/batch"]);
    assert_eq!(code, Some(2), "the broken file is an input error");
    let csv = read(dir.path(), "report.csv");
    assert_eq!(
        csv.lines().count(),
        4,
        "the batch went on after the broken file"
    );
}

#[test]
fn xlsx_reads_back_with_vietnamese_intact() {
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    let (dir, _) = report_fixture(&["tests/fixtures/batch", "examples"]);
    let bytes = std::fs::read(dir.path().join("report.xlsx")).unwrap();
    let mut workbook: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        ["Hồ sơ", "Phát hiện", "Tần suất quy tắc", "Bản đồ nhiệt"]
    );

    // The submissions sheet holds the CSV's cells (numbers as numbers).
    let csv = read(dir.path(), "report.csv");
    let csv_rows: Vec<Vec<String>> = csv
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect();
    let sheet = workbook.worksheet_range("Hồ sơ").unwrap();
    assert_eq!(sheet.height(), csv_rows.len());
    for (r, csv_row) in csv_rows.iter().enumerate() {
        for (c, expected) in csv_row.iter().enumerate() {
            let cell = sheet.get((r, c)).cloned().unwrap_or(Data::Empty);
            let actual = match cell {
                Data::String(s) => s,
                Data::Float(f) => format!("{f}"),
                Data::Empty => String::new(),
                other => format!("{other:?}"),
            };
            assert_eq!(&actual, expected, "row {r} column {c}");
        }
    }
    let communes: Vec<String> = (1..sheet.height())
        .map(|r| sheet.get((r, 1)).unwrap().to_string())
        .collect();
    assert_eq!(
        communes,
        [
            "xã Chí Minh",
            "xã Kiến Hưng",
            "xã Nghĩa Trung",
            "phường Chí Linh",
            "xã Hà Đông",
            "xã An Bình",
            "phường Tân Lập",
            "03-hong"
        ],
        "sorted by path: examples/ before tests/"
    );

    // Every finding is a row of the findings sheet, with its rule and line.
    let json: Value = serde_json::from_slice(
        &rasoat(&[
            "check",
            "--format",
            "json",
            "examples",
            "tests/fixtures/batch",
        ])
        .stdout,
    )
    .unwrap();
    let findings = workbook.worksheet_range("Phát hiện").unwrap();
    let total: usize = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["findings"].as_array().unwrap().len())
        .sum();
    assert_eq!(findings.height(), 1 + total);
    let slip = (1..findings.height())
        .find(|&r| {
            let cell = |c| findings.get((r, c)).map(|d| d.to_string());
            cell(10).as_deref() == Some("$\\geq 90\\%$") && cell(1).as_deref() == Some("xã An Bình")
        })
        .expect("the LaTeX leftover of xã An Bình");
    assert_eq!(
        findings.get((slip, 2)).unwrap().to_string(),
        "tests/fixtures/batch/01-xa-an-binh.txt"
    );
    assert_eq!(findings.get((slip, 3)), Some(&Data::Float(22.0)));
    assert_eq!(findings.get((slip, 5)).unwrap().to_string(), "cảnh báo");

    let rules = workbook.worksheet_range("Tần suất quy tắc").unwrap();
    let counted: f64 = (1..rules.height())
        .map(|r| match rules.get((r, 3)) {
            Some(Data::Float(f)) => *f,
            _ => 0.0,
        })
        .sum();
    assert_eq!(counted as usize, total);
}

#[test]
fn sorted_paths_across_several_arguments() {
    let out = rasoat(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/batch/02-phuong-tan-lap.md",
        "examples",
        "tests/fixtures/batch",
    ]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<PathBuf> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| PathBuf::from(f["path"].as_str().unwrap()))
        .collect();
    assert_eq!(paths.len(), 8, "the file given twice is checked once");
    assert!(paths.windows(2).all(|w| w[0] < w[1]));
}
