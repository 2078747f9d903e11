//! Templates end to end: which template each seed follows, the coverage and
//! indicator findings on the seeds, each check against a crafted plan and its
//! corrected twin, matching as drafters reword, and `rasoat templates`.

use std::path::Path;
use std::process::Command;

use rasoat::document::SourceFile;
use rasoat::lint::{check_source, FileResult, LintOptions};
use rasoat::rules::RuleSet;
use rasoat::templates::matcher::{tokens, Matcher, MATCH};
use rasoat::templates::plan::coverage_of;
use rasoat::templates::TemplateSet;
use unicode_normalization::UnicodeNormalization;

const SEEDS: [(&str, &str); 5] = [
    ("000-xa-chi-minh-2026", "hai-phong-2026"),
    ("001-xa-kien-hung-2026", "hai-phong-2026"),
    ("002-xa-nghia-trung-2026", "dong-nai-2026"),
    ("003-phuong-chi-linh-2026", "hai-phong-2026"),
    ("004-xa-ha-dong-noi-vu-2030", "noi-vu-2030"),
];

fn check_text(name: &str, text: &str, options: &LintOptions) -> FileResult {
    let rules = RuleSet::builtin().unwrap_or_else(|e| panic!("{e}"));
    let source = SourceFile::from_text(name, text);
    check_source(source, &rules, &TemplateSet::builtin(), options)
}

fn seed(name: &str) -> FileResult {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("examples/{name}.txt"));
    let text = std::fs::read_to_string(&path).unwrap();
    check_text(&format!("{name}.txt"), &text, &LintOptions::default())
}

#[test]
fn seeds_are_checked_against_their_template_automatically() {
    for (name, template) in SEEDS {
        assert_eq!(seed(name).template.as_deref(), Some(template), "{name}");
    }
}

/// Coverage (which row matched which indicator, score, status) and every
/// indicator finding of each seed. Each was read and judged (see the
/// report of the templates helper).
#[test]
fn seed_coverage_and_indicator_findings() {
    for (name, _) in SEEDS {
        let result = seed(name);
        let coverage = coverage_of(&result).expect("a template applied");
        let mut out = format!("{}\n", coverage.summary_line(rasoat::rules::Lang::En));
        for m in &coverage.matches {
            let name: String = m.row_name.chars().take(70).collect();
            out += &format!(
                "  line {:>3} row {:>4} {:<9} {:.2} {:<30} {}{}\n",
                m.line.unwrap_or(0),
                m.row_number.as_deref().unwrap_or("-"),
                m.status,
                m.score,
                m.indicator,
                name,
                m.runner_up
                    .as_ref()
                    .map(|r| format!("  (or {r})"))
                    .unwrap_or_default()
            );
        }
        let source = result.source.as_ref().unwrap();
        for d in result
            .diagnostics
            .iter()
            .filter(|d| d.rule_id.starts_with("indicator-"))
        {
            let line = source.position(d.primary_span().start).line;
            out += &format!("{line}: {} {}\n", d.rule_id, d.message);
        }
        insta::assert_snapshot!(format!("coverage__{name}"), out);
    }
}

#[test]
fn seed_000_row_12_has_the_wrong_comparator_with_an_unsafe_fix() {
    let result = seed("000-xa-chi-minh-2026");
    let finding = result
        .diagnostics
        .iter()
        .find(|d| d.rule_id == "indicator-comparator-direction")
        .expect("≤ 95% on a rising indicator");
    assert_eq!(finding.severity, rasoat::diagnostic::Severity::Error);
    let fix = finding.fix.as_ref().expect("a suggested fix");
    assert_eq!(fix.applicability, rasoat::diagnostic::Applicability::Unsafe);
    assert_eq!(fix.edits[0].replacement, "≥ 95%");
    let source = result.source.as_ref().unwrap();
    assert_eq!(source.position(finding.primary_span().start).line, 37);
}

const HEAD: &str = "KẾ HOẠCH\nChuyển đổi số xã An Lão năm 2026\n\nThực hiện Kế hoạch số 359/KH-UBND ngày 31/12/2025 của Ủy ban nhân dân thành phố về Chuyển đổi số thành phố Hải Phòng năm 2026;\n\nI. MỤC TIÊU\n\n2. Mục tiêu, chỉ tiêu cụ thể\n\nStt\tTên chỉ tiêu\tKết quả năm 2025\tNăm 2026\n";

fn plan(rows: &[&str]) -> String {
    let mut text = HEAD.to_owned();
    for (i, row) in rows.iter().enumerate() {
        text += &format!("{}\t{row}\n", i + 1);
    }
    text + "\nII. NHIỆM VỤ\n"
}

fn fired(rule: &str, text: &str) -> usize {
    check_text("plan.txt", text, &LintOptions::default())
        .diagnostics
        .iter()
        .filter(|d| d.rule_id == rule)
        .count()
}

/// Each check fires on a crafted plan and stays silent on its corrected twin.
#[test]
fn each_check_fires_on_a_crafted_plan_and_not_on_its_twin() {
    let online = "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến";
    let g5 = "Tỷ lệ phủ sóng 5G trên địa bàn xã";
    let vneid = "Tỷ lệ người dân có tài khoản định danh điện tử (VNeID)";
    let dvc =
        "Tỷ lệ dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính có đủ điều kiện";
    let mut cases: Vec<(&str, Vec<String>, Vec<String>)> = vec![
        (
            "indicator-comparator-direction",
            vec![format!("{online}\t77,15%\t$\\leq 95\\%$")],
            vec![format!("{online}\t77,15%\t$\\geq 95\\%$")],
        ),
        (
            "indicator-target-below-baseline",
            vec![format!("{online}\t99,92%\t≥ 99%")],
            vec![format!("{online}\t99,92%\t100%")],
        ),
        (
            "indicator-target-equals-baseline",
            vec![format!("{vneid}\t82%\t≥ 82%")],
            vec![format!("{vneid}\t82%\t≥ 85%"), format!("{g5}\t100%\t100%")],
        ),
        (
            "indicator-target-below-minimum",
            vec![format!("{dvc}\t90%\t95%")],
            vec![format!("{dvc}\t90%\t100%")],
        ),
        (
            "indicator-target-over-100",
            vec![format!("{g5}\t90%\t110%")],
            vec![format!("{g5}\t90%\t100%")],
        ),
        (
            "indicator-target-missing",
            vec![format!("{g5}\t70%\t")],
            vec![format!("{g5}\t70%\t≥ 80%")],
        ),
        (
            "indicator-baseline-missing",
            vec![format!("{g5}\t\t≥ 80%")],
            vec![format!("{g5}\t70%\t≥ 80%")],
        ),
        (
            "indicator-prose-value",
            vec![format!("{g5}\t70%\tTheo kết quả triển khai của thành phố")],
            vec![format!("{g5}\t70%\t≥ 80%")],
        ),
        (
            "indicator-period-single-year",
            vec![format!("{g5}\t70%\t≥ 80% (2025-2027)")],
            vec![format!("{g5}\t70%\t≥ 80%")],
        ),
        (
            "indicator-duplicate",
            vec![
                format!("{g5}\t70%\t≥ 80%"),
                "Tăng cường phủ sóng 5G trên địa bàn\t70%\t≥ 80%".to_owned(),
            ],
            vec![format!("{g5}\t70%\t≥ 80%"), format!("{online}\t70%\t≥ 80%")],
        ),
        (
            "indicator-doubtful-match",
            vec!["Tỷ lệ thủ tục hành chính thực hiện trực tuyến\t70%\t≥ 80%".to_owned()],
            vec![format!("{online}\t70%\t≥ 80%")],
        ),
    ];
    // A falling indicator (late files): `≤` is right, a rise is a regression.
    let late = "Tỷ lệ hồ sơ thủ tục hành chính giải quyết trễ hạn";
    cases.push((
        "indicator-comparator-direction",
        vec![format!("{late}\t5%\t≥ 2%")],
        vec![format!("{late}\t5%\t≤ 2%")],
    ));
    cases.push((
        "indicator-target-below-baseline",
        vec![format!("{late}\t2%\t≤ 5%")],
        vec![format!("{late}\t5%\t≤ 2%")],
    ));
    for (rule, bad, good) in &cases {
        let bad: Vec<&str> = bad.iter().map(String::as_str).collect();
        let good: Vec<&str> = good.iter().map(String::as_str).collect();
        assert_eq!(
            fired(rule, &plan(&bad)),
            1,
            "{rule} must fire once on {bad:?}"
        );
        assert_eq!(
            fired(rule, &plan(&good)),
            0,
            "{rule} must stay silent on {good:?}"
        );
    }
}

#[test]
fn mandatory_missing_lists_each_indicator_at_the_table() {
    let text = plan(&["Tỷ lệ phủ sóng 5G trên địa bàn xã\t70%\t≥ 80%"]);
    let result = check_text("plan.txt", &text, &LintOptions::default());
    let missing: Vec<_> = result
        .diagnostics
        .iter()
        .filter(|d| d.rule_id == "indicator-mandatory-missing")
        .collect();
    let template = TemplateSet::builtin();
    let mandatory = template
        .get("hai-phong-2026")
        .unwrap()
        .indicators
        .iter()
        .filter(|i| i.mandatory)
        .count();
    assert_eq!(missing.len(), mandatory - 1);
    let source = result.source.as_ref().unwrap();
    for finding in &missing {
        // The header row of the indicator table.
        assert_eq!(source.position(finding.primary_span().start).line, 10);
    }
    assert!(missing.iter().any(|d| d
        .message
        .contains("Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến")));
    assert!(!missing.iter().any(|d| d.message.contains("5G")));
}

#[test]
fn a_forced_template_replaces_recognition() {
    let text = plan(&["Tỷ lệ phủ sóng 5G trên địa bàn xã\t70%\t≥ 80%"]);
    let options = LintOptions {
        template: Some("dong-nai-2026".into()),
        ..LintOptions::default()
    };
    let result = check_text("plan.txt", &text, &options);
    assert_eq!(result.template.as_deref(), Some("dong-nai-2026"));
}

/// Drafters reword: word order, synonyms and acronyms, "Tỷ lệ" dropped, NFD
/// text. Each still matches its indicator firmly; an unrelated row does not.
#[test]
fn rewordings_still_match_and_unrelated_rows_do_not() {
    let set = TemplateSet::builtin();
    let template = set.get("hai-phong-2026").unwrap();
    let matcher = Matcher::new(template);
    let index = |id: &str| template.indicators.iter().position(|i| i.id == id).unwrap();
    let nfd = |s: &str| s.nfd().collect::<String>();
    let reworded = [
        // word order
        (
            "Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
            "so-hoa-ket-qua-tthc",
        ),
        ("Phủ sóng 5G trên địa bàn xã: tỷ lệ dân số", "phu-song-5g"),
        // a synonym / an acronym
        (
            "Tỷ lệ CBCCVC được bồi dưỡng kỹ năng số căn bản",
            "ky-nang-so-cbccvc",
        ),
        ("Tỷ lệ hồ sơ TTHC được xử lý trực tuyến", "ho-so-truc-tuyen"),
        (
            "Tỷ lệ người dùng truy cập băng rộng cố định tốc độ trên 1 Gb/s",
            "bang-rong-1gbps",
        ),
        // "Tỷ lệ" dropped, a verb added
        ("Tăng cường phủ sóng 5G trên địa bàn", "phu-song-5g"),
        ("Người dân có tài khoản định danh điện tử (VNeID).", "vneid"),
        (
            "Duy trì tỷ lệ hài lòng của người dân, doanh nghiệp khi sử dụng DVC trực tuyến",
            "hai-long-dvc",
        ),
        // NFD text
        (
            &nfd("Tỷ lệ giao dịch hành chính thuộc diện “phi tiếp xúc”"),
            "phi-tiep-xuc",
        ),
        (
            &nfd("Tỉ lệ thủ tục hành chính được giải quyết phi địa giới hành chính"),
            "phi-dia-gioi",
        ),
    ];
    for (row, id) in &reworded {
        let words = tokens(row);
        let score = matcher.score(&words, index(id));
        assert!(score >= MATCH, "{row:?} scores {score:.2} for {id}");
        let assignment = matcher.assign(std::slice::from_ref(&words));
        let pair = assignment
            .pairs
            .first()
            .unwrap_or_else(|| panic!("{row:?} unassigned"));
        assert_eq!(template.indicators[pair.indicator].id, *id, "{row:?}");
        assert!(!pair.doubtful, "{row:?} doubtful: {pair:?}");
    }
    for unrelated in [
        "Tỷ lệ trường học đạt chuẩn quốc gia",
        "Số lượng hộ gia đình văn hóa trên địa bàn xã",
        "Ứng dụng AI, IoT, Big Data trong quản lý môi trường, đô thị thông minh",
    ] {
        let words = tokens(unrelated);
        let found = matcher.assign(std::slice::from_ref(&words));
        assert!(
            found.pairs.is_empty(),
            "{unrelated:?} matched {:?}",
            found.pairs
        );
    }
}

fn rasoat(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rasoat"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

#[test]
fn templates_check_rejects_a_broken_template_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/templates/hai-phong-2026.yaml"),
    )
    .unwrap();
    let path = dir.path().join("province.yaml");
    std::fs::write(&path, &good).unwrap();
    let ok = rasoat(&["templates", "check", path.to_str().unwrap()]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );

    // A misspelt key on line 30 (`mandatry:`), column 5.
    let lines: Vec<&str> = good.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim() == "mandatory: true")
        .unwrap();
    let broken = good.replacen("    mandatory: true", "    mandatry: true", 1);
    std::fs::write(&path, &broken).unwrap();
    let out = rasoat(&["templates", "check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let expected = format!("province.yaml:{}:5:", at + 1);
    assert!(stderr.contains(&expected), "want {expected} in:\n{stderr}");
    assert!(stderr.contains("mandatry"), "{stderr}");

    // A value of the wrong kind, with its own line.
    let broken = good.replacen("direction: increase", "direction: upward", 1);
    std::fs::write(&path, &broken).unwrap();
    let out = rasoat(&["templates", "check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("province.yaml:") && stderr.contains("upward"),
        "{stderr}"
    );

    // `extends:` naming no template.
    let broken = good.replacen("extends: national", "extends: nation", 1);
    std::fs::write(&path, &broken).unwrap();
    let out = rasoat(&["templates", "check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nation"));
}

#[test]
fn templates_list_and_show() {
    let out = rasoat(&["templates", "list"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for id in ["national", "hai-phong-2026", "dong-nai-2026", "noi-vu-2030"] {
        assert!(text.contains(id), "{text}");
    }
    let out = rasoat(&["templates", "show", "noi-vu-2030"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("350/QĐ-TTg") && text.contains("extends: national"),
        "{text}"
    );
    assert!(
        !text.contains("phu-song-5g"),
        "5G is excluded from noi-vu-2030"
    );
    assert_eq!(
        rasoat(&["templates", "show", "nowhere"]).status.code(),
        Some(2)
    );
    let unknown = rasoat(&[
        "check",
        "examples/000-xa-chi-minh-2026.txt",
        "--template",
        "nowhere",
    ]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn json_explains_the_matches() {
    let out = rasoat(&[
        "check",
        "examples/000-xa-chi-minh-2026.txt",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let indicators = &json["files"][0]["indicators"];
    assert_eq!(indicators["template"], "hai-phong-2026");
    let first = &indicators["matches"][0];
    assert_eq!(first["indicator"], "phu-song-5g");
    assert_eq!(first["line"], 22);
    assert!(first["score"].as_f64().unwrap() > 0.7);
    assert_eq!(first["status"], "matched");
}
