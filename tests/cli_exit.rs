//! Exit codes, `--quiet`, `--jobs`, `--lang`, completions, and baselines
//! (write, reuse, line shifts keep fingerprints, new findings still show).

mod common;

use std::path::Path;

use common::{rasoat, rasoat_in, SEED, SMALL};

fn small_in(dir: &Path, name: &str) -> String {
    let text = std::fs::read_to_string(common::root().join(SMALL)).unwrap();
    std::fs::write(dir.join(name), text).unwrap();
    name.to_owned()
}

#[test]
fn exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("clean.txt"), "ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\n").unwrap();
    std::fs::write(d.join("empty.txt"), "").unwrap();
    std::fs::write(d.join("binary.txt"), [0u8, 0, 0, 1, 2, 3, 0, 0xff]).unwrap();
    small_in(d, "warnings.txt");
    let code = |args: &[&str]| rasoat_in(d, args).code;
    assert_eq!(code(&["check", "clean.txt"]), 0);
    assert_eq!(
        code(&["check", "empty.txt"]),
        0,
        "an empty file has no finding"
    );
    assert_eq!(
        code(&["check", "warnings.txt"]),
        0,
        "warnings do not fail by default"
    );
    assert_eq!(code(&["check", "warnings.txt", "--fail-on", "warning"]), 1);
    assert_eq!(code(&["check", "warnings.txt", "--fail-on", "info"]), 1);
    assert_eq!(code(&["check", "clean.txt", "--fail-on", "info"]), 0);
    assert_eq!(code(&["check", "binary.txt"]), 2);
    assert_eq!(code(&["check", "missing.txt"]), 2);
    assert_eq!(
        code(&["check", "clean.txt", "missing.txt"]),
        2,
        "input errors win"
    );
    assert_eq!(code(&["check", "clean.txt", "--format", "xml"]), 2);
    assert_eq!(code(&["check"]), 2, "no path is a usage error");
    assert_eq!(
        code(&["check", "clean.txt", "--config", "a.toml", "--no-config"]),
        2
    );
    assert_eq!(code(&["--help"]), 0);
    let binary = rasoat_in(d, &["check", "binary.txt"]);
    assert!(binary.stdout.contains("binary.txt"), "{}", binary.stdout);
}

#[test]
fn an_error_level_finding_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let name = small_in(dir.path(), "ke-hoach.txt");
    std::fs::write(
        dir.path().join("rasoat.toml"),
        "[rules.levels]\nlatex-leftover = \"error\"\n",
    )
    .unwrap();
    assert_eq!(rasoat_in(dir.path(), &["check", &name]).code, 1);
}

#[test]
fn quiet_drops_the_summary_and_jobs_do_not_change_output() {
    let full = rasoat(&["check", SMALL, "--width", "80"]);
    let quiet = rasoat(&["check", SMALL, "--width", "80", "--quiet"]);
    assert!(full.stdout.ends_with("1 tệp: 0 lỗi, 2 cảnh báo, 0 lưu ý\n"));
    assert!(!quiet.stdout.contains("1 tệp:"));
    assert!(full.stdout.starts_with(&quiet.stdout));
    let many = ["check", "examples", "--format", "json"];
    let one = rasoat(&[&many[..], &["--jobs", "1"]].concat());
    let two = rasoat(&[&many[..], &["-j", "2"]].concat());
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.stdout, rasoat(&many).stdout);
}

#[test]
fn lang_en_switches_messages_but_not_fingerprints() {
    let vi = rasoat(&["check", SMALL, "--format", "json"]);
    let en = rasoat(&["check", SMALL, "--format", "json", "--lang", "en"]);
    assert!(vi.stdout.contains("Còn sót mã LaTeX"));
    assert!(
        en.stdout
            .contains("LaTeX markup «$\\\\geq 90\\\\%$» left in the text"),
        "{}",
        en.stdout
    );
    assert!(!en.stdout.contains("Còn sót"));
    let fingerprints = |text: &str| {
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        value["files"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["fingerprint"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(fingerprints(&vi.stdout), fingerprints(&en.stdout));
    let human = rasoat(&["check", SMALL, "--lang", "en"]);
    assert!(human
        .stdout
        .ends_with("1 file(s): 0 error(s), 2 warning(s), 0 info\n"));
}

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = rasoat(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}");
        assert!(run.stdout.contains("rasoat"));
        assert!(run.stdout.contains("write-baseline"), "{shell}");
    }
    assert_eq!(rasoat(&["completions", "tcsh"]).code, 2);
}

fn json_findings(run: &common::Run) -> Vec<(String, u64, String)> {
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    value["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["findings"].as_array().unwrap().clone())
        .map(|f| {
            (
                f["rule_id"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap_or(0),
                f["fingerprint"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn baseline_write_then_reuse() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("plans")).unwrap();
    let plan = format!("plans/{}", small_in(&d.join("plans"), "ke-hoach.txt"));
    let before = rasoat_in(d, &["check", &plan, "--format", "json"]);
    let before = json_findings(&before);
    assert_eq!(before.len(), 2);

    let write = rasoat_in(d, &["check", &plan, "--write-baseline", "baseline.json"]);
    assert_eq!(write.code, 0, "{}", write.stderr);
    assert!(write.stderr.contains("2 finding(s)"));
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("baseline.json")).unwrap()).unwrap();
    assert_eq!(saved["version"], 1);
    assert_eq!(saved["findings"][0]["path"], "plans/ke-hoach.txt");
    assert_eq!(saved["findings"][0]["rule_id"], "latex-leftover");
    assert_eq!(saved["findings"][0]["fingerprint"], before[0].2.as_str());

    let reuse = rasoat_in(
        d,
        &[
            "check",
            &plan,
            "--baseline",
            "baseline.json",
            "--fail-on",
            "info",
        ],
    );
    assert_eq!(reuse.code, 0, "{}", reuse.stdout);
    assert!(
        reuse
            .stdout
            .ends_with("1 tệp: 0 lỗi, 0 cảnh báo, 0 lưu ý\n"),
        "{}",
        reuse.stdout
    );
    // From another working directory the baseline still matches.
    let elsewhere = rasoat_in(
        &d.join("plans"),
        &[
            "check",
            "ke-hoach.txt",
            "--baseline",
            "../baseline.json",
            "--format",
            "concise",
        ],
    );
    assert_eq!(elsewhere.stdout, "");

    // Lines inserted above the findings: same fingerprints, new line numbers.
    let text = std::fs::read_to_string(d.join(&plan)).unwrap();
    let shifted = text.replace(
        "I. MỤC TIÊU\n",
        "I. MỤC TIÊU\nNội dung bổ sung thứ nhất.\nNội dung bổ sung thứ hai.\n",
    );
    std::fs::write(d.join(&plan), &shifted).unwrap();
    let after = json_findings(&rasoat_in(d, &["check", &plan, "--format", "json"]));
    assert_eq!(after.len(), 2);
    for ((rule_a, line_a, fp_a), (rule_b, line_b, fp_b)) in before.iter().zip(&after) {
        assert_eq!(rule_a, rule_b);
        assert_eq!(line_a + 2, *line_b);
        assert_eq!(fp_a, fp_b);
    }
    let reuse = rasoat_in(
        d,
        &[
            "check",
            &plan,
            "--baseline",
            "baseline.json",
            "--format",
            "concise",
        ],
    );
    assert_eq!((reuse.code, reuse.stdout.as_str()), (0, ""));

    // A new defect is reported; the accepted ones stay hidden.
    std::fs::write(
        d.join(&plan),
        format!("{shifted}Tỷ lệ người dùng đạt $\\leq 5\\%$ mỗi năm\n"),
    )
    .unwrap();
    let new = rasoat_in(
        d,
        &[
            "check",
            &plan,
            "--baseline",
            "baseline.json",
            "--format",
            "concise",
            "--fail-on",
            "warning",
        ],
    );
    assert_eq!(new.code, 1);
    let lines: Vec<&str> = new.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", new.stdout);
    assert!(
        lines[0].contains(":14:") && lines[0].contains("latex-leftover"),
        "{}",
        lines[0]
    );
}

#[test]
fn a_broken_baseline_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("b.json"), "{\"fingerprints\": []}").unwrap();
    let run = rasoat_in(
        dir.path(),
        &[
            "check",
            &common::root().join(SEED).display().to_string(),
            "--baseline",
            "b.json",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("not a rasoat baseline"),
        "{}",
        run.stderr
    );
    assert_eq!(
        rasoat_in(dir.path(), &["check", "x.txt", "--baseline", "none.json"]).code,
        2
    );
}

#[test]
fn colour_only_on_a_terminal_without_no_color() {
    // `script` (util-linux) gives the binary a terminal; skip where it is missing.
    let Ok(probe) = std::process::Command::new("script")
        .arg("--version")
        .output()
    else {
        return;
    };
    if !probe.status.success() {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_rasoat");
    let small = common::root().join(SMALL);
    let on_tty = |no_color: bool| {
        let command = format!("{bin} check '{}' --width 80", small.display());
        let mut script = std::process::Command::new("script");
        script.args(["-qec", &command, "/dev/null"]);
        script.env_remove("NO_COLOR");
        if no_color {
            script.env("NO_COLOR", "1");
        }
        String::from_utf8_lossy(&script.output().unwrap().stdout).into_owned()
    };
    let coloured = on_tty(false);
    assert!(
        coloured.contains("tests/fixtures/cli/small.txt:10:31"),
        "{coloured}"
    );
    assert!(coloured.contains('\u{1b}'), "colour on a terminal");
    assert!(
        !on_tty(true).contains('\u{1b}'),
        "NO_COLOR turns colour off"
    );
}

#[test]
fn a_baseline_is_per_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let first = small_in(d, "xa-a.txt");
    let write = rasoat_in(d, &["check", &first, "--write-baseline", "b.json"]);
    assert_eq!(write.code, 0);
    let second = small_in(d, "xa-b.txt");
    let run = rasoat_in(
        d,
        &[
            "check",
            &first,
            &second,
            "--baseline",
            "b.json",
            "--format",
            "concise",
        ],
    );
    let files: Vec<&str> = run
        .stdout
        .lines()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(
        files,
        ["xa-b.txt", "xa-b.txt"],
        "the same text in another plan is new"
    );
}
