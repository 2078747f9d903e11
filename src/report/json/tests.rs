//! The hand-written JSON text agrees with serde_json's pretty printer.

use serde::Serialize;

use super::{finding, render, Finding, SCHEMA_VERSION};
use crate::lint::{check_path, check_source, FileResult, LintOptions};
use crate::rules::RuleSet;
use crate::templates::{Coverage, TemplateSet};

/// The document as serde_json writes it (the former implementation).
#[derive(Serialize)]
struct Reference<'a> {
    schema_version: u32,
    tool: Tool,
    files: Vec<FileReference<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct FileReference<'a> {
    path: &'a str,
    template: Option<&'a str>,
    error: Option<&'a str>,
    findings: Vec<Finding<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    indicators: Option<&'a Coverage>,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

fn by_serde(results: &[FileResult]) -> String {
    use crate::diagnostic::Severity;
    let count = |s: Severity| results.iter().map(|r| r.count(s)).sum();
    let reference = Reference {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: "rasoat",
            version: env!("CARGO_PKG_VERSION"),
        },
        files: results
            .iter()
            .map(|r| FileReference {
                path: &r.path,
                template: r.template.as_deref(),
                error: r.error.as_deref(),
                findings: r
                    .diagnostics
                    .iter()
                    .map(|d| finding(d, r.source.as_ref()))
                    .collect(),
                indicators: r.indicators.as_ref(),
            })
            .collect(),
        summary: Summary {
            files: results.len(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
        },
    };
    serde_json::to_string_pretty(&reference).expect("serialisable") + "\n"
}

fn results() -> Vec<FileResult> {
    let rules = RuleSet::builtin().expect("built-in rules load");
    let templates = TemplateSet::builtin();
    let options = LintOptions::default();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<_> = [
        "examples",
        "tests/fixtures/rules",
        "tests/fixtures/docx/hand",
        "tests/fixtures/docx/seeds",
    ]
    .iter()
    .flat_map(|dir| std::fs::read_dir(root.join(dir)).into_iter().flatten())
    .flatten()
    .map(|entry| entry.path())
    .filter(|p| p.is_file())
    .collect();
    paths.sort();
    let mut out: Vec<FileResult> = paths
        .iter()
        .map(|p| check_path(p, &rules, &templates, &options))
        .collect();
    // Quotes, backslashes, control characters and a tab in the text and
    // in the path; a file that cannot be read.
    let odd = "KẾ HOẠCH\nSố: 5 / KH-UBND\n\"trích\" \\ \u{1}\u{8}\u{c}\u{1f}\u{7f}\r\n\tChuyên đổi số **đậm**\n";
    let source = crate::document::SourceFile::from_bytes("odd \"name\"\t.txt", odd.as_bytes())
        .expect("decodes");
    out.push(check_source(source, &rules, &templates, &options));
    out.push(check_path(
        &root.join("no/such/file.txt"),
        &rules,
        &templates,
        &options,
    ));
    out
}

#[test]
fn hand_written_json_is_what_serde_json_writes() {
    let results = results();
    assert!(results.len() > 10);
    assert!(results.iter().any(|r| r.indicators.is_some()));
    assert!(results.iter().any(|r| r.error.is_some()));
    assert!(results
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.fix.is_some()));
    let located = |r: &FileResult| {
        let source = r.source.as_ref()?;
        r.diagnostics
            .iter()
            .find_map(|d| source.word_location(d.labels.first()?.span.start))
    };
    assert!(
        results.iter().any(|r| located(r).is_some()),
        "a .docx finding"
    );
    assert_eq!(render(&results), by_serde(&results));
    assert_eq!(render(&[]), by_serde(&[]));
}

#[test]
fn strings_are_escaped_as_serde_json_escapes_them() {
    let mut text: String = (0u8..=0x7f).map(char::from).collect();
    text.push_str("ệ Đ « » \u{2028} \u{feff}");
    for sample in [text.as_str(), "", "\"", "\\", "a\u{0}b"] {
        let mut buf = Vec::new();
        super::Pretty { buf: &mut buf }.string(sample);
        let expected = serde_json::to_string(sample).expect("a string serialises");
        assert_eq!(String::from_utf8(buf).expect("UTF-8"), expected);
    }
    // Escapes at every offset of the 32-byte blocks and eight-byte words,
    // next to multi-byte chars.
    let pieces = [
        "a", "ệ", "\"", "\\", "\n", "\u{1f}", " ", "!", "#", "]", "\u{7f}", "€",
    ];
    let mut seed = 99u64;
    for round in 0..4000 {
        let mut sample = String::new();
        for _ in 0..round % 120 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let piece = (seed >> 33) as usize % (pieces.len() + 4);
            sample.push_str(pieces.get(piece).unwrap_or(&"chuyển"));
        }
        let mut buf = Vec::new();
        super::Pretty { buf: &mut buf }.string(&sample);
        let expected = serde_json::to_string(&sample).expect("a string serialises");
        assert_eq!(String::from_utf8(buf).expect("UTF-8"), expected);
    }
}

#[test]
fn numbers_are_written_as_serde_json_writes_them() {
    let mut n = 1usize;
    let mut samples = vec![0, 9, 10, 99, 100, 101, 999, 1000, usize::MAX];
    while let Some(next) = n.checked_mul(7) {
        samples.extend([n - 1, n, n + 1]);
        n = next;
    }
    for n in samples {
        let mut buf = Vec::new();
        super::Pretty { buf: &mut buf }.number(n);
        assert_eq!(String::from_utf8(buf).expect("UTF-8"), n.to_string());
    }
}
