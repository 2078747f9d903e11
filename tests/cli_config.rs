//! `rasoat.toml`: discovery upward, `--config`, `--no-config`, per-path
//! overrides, rule levels and off, extra rule folders, plan year, lang,
//! fail-on, malformed configs, and `rasoat init`.

mod common;

use std::path::Path;

use common::{rasoat_in, Run, SMALL};

/// A folder tree with the crafted plan (a LaTeX leftover at 10:31 and a
/// section-number gap at 11:1, both warnings) copied to each `plans` path.
fn tree(plans: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::root().join(SMALL)).unwrap();
    for plan in plans {
        let path = dir.path().join(plan);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &text).unwrap();
    }
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn concise(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["check", "--format", "concise"];
    all.extend_from_slice(args);
    rasoat_in(dir, &all)
}

fn rules_of(run: &Run, file: &str) -> Vec<String> {
    run.stdout
        .lines()
        .filter(|l| l.starts_with(file))
        .filter_map(|l| {
            let start = l.find('[')? + 1;
            let end = l[start..].find(']')? + start;
            Some(l[start..end].to_owned())
        })
        .collect()
}

#[test]
fn a_config_is_found_upward_from_each_file() {
    let dir = tree(&["du-an/a/b/ke-hoach.txt", "khac/ke-hoach.txt"]);
    write(
        dir.path(),
        "du-an/rasoat.toml",
        "[rules.levels]\nlatex-leftover = \"off\"\n",
    );
    let run = concise(dir.path(), &["du-an", "khac"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        rules_of(&run, "du-an/a/b/ke-hoach.txt"),
        ["section-number-gap"]
    );
    assert_eq!(
        rules_of(&run, "khac/ke-hoach.txt"),
        ["latex-leftover", "section-number-gap"]
    );
    // Run from inside the tree with a relative path: same discovery.
    let inner = rasoat_in(
        &dir.path().join("du-an/a"),
        &["check", "--format", "concise", "b/ke-hoach.txt"],
    );
    assert_eq!(rules_of(&inner, "b/ke-hoach.txt"), ["section-number-gap"]);
    // And through `..` from a sibling folder.
    let sibling = rasoat_in(
        &dir.path().join("khac"),
        &["check", "--format", "concise", "../du-an/a/b/ke-hoach.txt"],
    );
    assert_eq!(
        rules_of(&sibling, "../du-an/a/b/ke-hoach.txt"),
        ["section-number-gap"]
    );
}

#[test]
fn the_nearest_config_wins() {
    let dir = tree(&["a/b/ke-hoach.txt"]);
    write(
        dir.path(),
        "a/rasoat.toml",
        "[rules.levels]\nlatex-leftover = \"off\"\n",
    );
    write(
        dir.path(),
        "a/b/rasoat.toml",
        "[rules.levels]\nsection-number-gap = \"off\"\n",
    );
    let run = concise(dir.path(), &["a/b/ke-hoach.txt"]);
    assert_eq!(rules_of(&run, "a/b/ke-hoach.txt"), ["latex-leftover"]);
}

#[test]
fn config_flag_forces_one_config_and_no_config_ignores_them() {
    let dir = tree(&["plans/ke-hoach.txt"]);
    write(
        dir.path(),
        "plans/rasoat.toml",
        "[rules.levels]\nlatex-leftover = \"off\"\n",
    );
    write(
        dir.path(),
        "elsewhere/strict.toml",
        "[rules.levels]\nlatex-leftover = \"error\"\n",
    );
    let forced = concise(
        dir.path(),
        &["--config", "elsewhere/strict.toml", "plans/ke-hoach.txt"],
    );
    assert_eq!(forced.code, 1);
    assert!(
        forced.stdout.contains("error[latex-leftover]"),
        "{}",
        forced.stdout
    );
    let ignored = concise(dir.path(), &["--no-config", "plans/ke-hoach.txt"]);
    assert!(ignored.stdout.contains("warning[latex-leftover]"));
    assert_eq!(ignored.code, 0);
    let missing = concise(dir.path(), &["--config", "nope.toml", "plans/ke-hoach.txt"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("nope.toml"));
}

#[test]
fn overrides_apply_by_glob_relative_to_the_config() {
    let dir = tree(&[
        "nhap/ke-hoach.txt",
        "chinh-thuc/ke-hoach.txt",
        "chinh-thuc/ke-hoach-draft.txt",
    ]);
    write(
        dir.path(),
        "rasoat.toml",
        r#"
[rules.levels]
section-number-gap = "error"

[[overrides]]
files = ["nhap/**"]
levels = { latex-leftover = "off", section-number-gap = "info" }

[[overrides]]
files = ["*-draft.txt"]
[overrides.levels]
section-number-gap = "off"
"#,
    );
    let run = concise(dir.path(), &["."]);
    assert_eq!(run.code, 1, "the section gap is an error outside nhap/");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines.contains(&"./nhap/ke-hoach.txt:11:1: info[section-number-gap] Đánh số mục bị nhảy: sau «1» là «3», thiếu «2» «3»"), "{}", run.stdout);
    assert_eq!(
        rules_of(&run, "./nhap/ke-hoach.txt"),
        ["section-number-gap"]
    );
    assert!(run
        .stdout
        .contains("./chinh-thuc/ke-hoach.txt:11:1: error[section-number-gap]"));
    assert_eq!(
        rules_of(&run, "./chinh-thuc/ke-hoach-draft.txt"),
        ["latex-leftover"]
    );
}

#[test]
fn rule_folders_plan_year_lang_and_fail_on_come_from_the_config() {
    let dir = tree(&["ke-hoach.txt"]);
    write(
        dir.path(),
        "quy-tac/cam.yaml",
        r#"rules:
  - id: custom-banned-word
    kind: pattern
    level: info
    message:
      vi: "Không dùng cụm «{found}»"
      en: "do not write «{found}»"
    docs: "test"
    patterns:
      - 'xếp hạng'
    examples:
      bad: ["chỉ số xếp hạng"]
      good: ["chỉ số"]
"#,
    );
    write(
        dir.path(),
        "rasoat.toml",
        "plan-year = 2027\nlang = \"en\"\nfail-on = \"info\"\n[rules]\nfolders = [\"quy-tac\"]\n",
    );
    let run = concise(dir.path(), &["ke-hoach.txt"]);
    assert_eq!(run.code, 1, "fail-on = info");
    assert!(
        run.stdout
            .contains("info[custom-banned-word] do not write «xếp hạng»"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("[plan-name-year]"),
        "the plan says 2026, the config 2027"
    );
    // The command line wins over the config.
    let cli = concise(
        dir.path(),
        &["ke-hoach.txt", "--lang", "vi", "--fail-on", "error"],
    );
    assert_eq!(cli.code, 0);
    assert!(cli.stdout.contains("Không dùng cụm «xếp hạng»"));
}

fn malformed(config: &str) -> Run {
    let dir = tree(&["ke-hoach.txt"]);
    write(dir.path(), "rasoat.toml", config);
    let run = concise(dir.path(), &["ke-hoach.txt"]);
    assert_eq!(run.code, 2, "{config}");
    assert!(
        run.stdout.is_empty(),
        "nothing is checked with a broken config"
    );
    run
}

#[test]
fn unknown_keys_are_errors_with_their_line() {
    let run = malformed("lang = \"vi\"\n\ncolour = \"red\"\n");
    assert!(
        run.stderr
            .contains("rasoat.toml:3:1: unknown field `colour`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("3 │ colour = \"red\""),
        "miette shows the line: {}",
        run.stderr
    );
    let nested = malformed("[rules]\nlevel = {}\n");
    assert!(
        nested
            .stderr
            .contains("rasoat.toml:2:1: unknown field `level`"),
        "{}",
        nested.stderr
    );
    let in_override = malformed("[[overrides]]\nfiles = [\"a\"]\npaths = [\"b\"]\n");
    assert!(
        in_override
            .stderr
            .contains("rasoat.toml:3:1: unknown field `paths`"),
        "{}",
        in_override.stderr
    );
}

#[test]
fn wrong_types_and_values_are_errors_with_their_line() {
    let year = malformed("plan-year = \"2026\"\n");
    assert!(
        year.stderr
            .contains("rasoat.toml:1:13: invalid type: string \"2026\""),
        "{}",
        year.stderr
    );
    let level = malformed("[rules.levels]\nlatex-leftover = \"loud\"\n");
    assert!(
        level
            .stderr
            .contains("rasoat.toml:2:18: unknown variant `loud`"),
        "{}",
        level.stderr
    );
    let rule = malformed("[rules.levels]\nno-such-rule = \"off\"\n");
    assert!(
        rule.stderr
            .contains("rasoat.toml:2:1: unknown rule `no-such-rule`"),
        "{}",
        rule.stderr
    );
    let glob = malformed("[[overrides]]\nfiles = [\"[a\"]\n");
    assert!(
        glob.stderr.contains("rasoat.toml:2:10: bad glob"),
        "{}",
        glob.stderr
    );
    let syntax = malformed("lang = \n");
    assert!(
        syntax.stderr.contains("rasoat.toml:1:"),
        "{}",
        syntax.stderr
    );
    let folder = malformed("[rules]\nfolders = [\"khong-co\"]\n");
    assert!(
        folder
            .stderr
            .contains("rasoat.toml:2:12: rule folder `khong-co` does not exist"),
        "{}",
        folder.stderr
    );
}

#[test]
fn init_writes_a_working_starter_config_and_never_overwrites() {
    let dir = tree(&["ke-hoach.txt"]);
    let first = rasoat_in(dir.path(), &["init"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let written = std::fs::read_to_string(dir.path().join("rasoat.toml")).unwrap();
    assert_eq!(written, rasoat::config::STARTER);
    let check = concise(dir.path(), &["ke-hoach.txt"]);
    assert_eq!(
        check.code, 0,
        "the starter config is valid: {}",
        check.stderr
    );
    assert_eq!(rules_of(&check, "ke-hoach.txt").len(), 2);
    std::fs::write(dir.path().join("rasoat.toml"), "# mine\n").unwrap();
    let second = rasoat_in(dir.path(), &["init"]);
    assert_eq!(second.code, 2);
    assert!(second.stderr.contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("rasoat.toml")).unwrap(),
        "# mine\n"
    );
}

#[test]
fn a_broken_rule_file_in_a_config_folder_is_shown_with_its_line() {
    let dir = tree(&["ke-hoach.txt"]);
    write(
        dir.path(),
        "quy-tac/sai.yaml",
        "rules:\n  - id: x\n    kind: pattern\n    levle: error\n",
    );
    write(
        dir.path(),
        "rasoat.toml",
        "[rules]\nfolders = [\"quy-tac\"]\n",
    );
    let run = concise(dir.path(), &["ke-hoach.txt"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("rasoat.toml:2:12: a rule file"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("sai.yaml:4:5"), "{}", run.stderr);
    assert!(
        run.stderr.contains("4 │     levle: error"),
        "{}",
        run.stderr
    );
}
