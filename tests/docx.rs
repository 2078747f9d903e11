//! .docx input: the hand-built documents of `scripts/make-docx.py`, the seed
//! plans as .docx (same findings as their text), and hostile packages.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use rasoat::document::docx::WordLocation;
use rasoat::document::SourceFile;
use rasoat::lint::{check_path, FileResult, LintOptions};
use rasoat::rules::RuleSet;
use rasoat::templates::TemplateSet;

const SEEDS: [&str; 5] = [
    "000-xa-chi-minh-2026",
    "001-xa-kien-hung-2026",
    "002-xa-nghia-trung-2026",
    "003-phuong-chi-linh-2026",
    "004-xa-ha-dong-noi-vu-2030",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/docx").join(name)
}

fn read(name: &str) -> SourceFile {
    SourceFile::read(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn check(path: &Path) -> FileResult {
    let rules = RuleSet::builtin().unwrap();
    check_path(
        path,
        &rules,
        &TemplateSet::builtin(),
        &LintOptions::default(),
    )
}

fn location_of(source: &SourceFile, needle: &str) -> Option<WordLocation> {
    let at = source.original().find(needle).expect(needle);
    source.word_location(at)
}

#[test]
fn automatic_numbering_is_written_out_as_word_shows_it() {
    let source = read("hand/numbering.docx");
    let lines: Vec<&str> = source.original().lines().collect();
    assert_eq!(
        lines,
        [
            "KẾ HOẠCH",
            "Chuyển đổi số xã Mẫu năm 2026",
            "I. MỤC TIÊU",
            "1. Mục tiêu chung",
            "2. Mục tiêu cụ thể",
            "a) Hạ tầng số;",
            "b) Dữ liệu số;",
            "c) Nền tảng số;",
            "d) Ứng dụng số;",
            "e) Đào tạo kỹ năng số;",
            // Word's lowerLetter is the English alphabet: the reader shows "f)", not "g)".
            "f) An toàn thông tin.",
            "II. NHIỆM VỤ",
            "1. Hoàn thiện thể chế",
        ]
    );
    assert_eq!(
        location_of(&source, "II. NHIỆM VỤ"),
        Some(WordLocation::Paragraph { paragraph: 12 })
    );
}

#[test]
fn merged_cells_keep_the_columns_of_the_table() {
    let source = read("hand/merged-cells.docx");
    let lines: Vec<&str> = source.original().lines().collect();
    assert_eq!(lines[1], "STT\tTên chỉ tiêu\tNăm 2025\tNăm 2026");
    // gridSpan 3: the spanned columns stay, empty.
    assert_eq!(lines[2], "I\tHạ tầng số\t\t");
    // vMerge continuation: an empty cell under the merged one.
    assert_eq!(lines[4], "2\t\t95%\t100%");
    // Automatically numbered cells (a list restarting in the table).
    assert!(lines[5].starts_with("1\tCáp quang"));
    assert!(lines[6].starts_with("2\tWifi"));
    assert_eq!(
        location_of(&source, "95%"),
        Some(WordLocation::TableCell {
            table: 1,
            row: 4,
            column: 3
        })
    );
    assert_eq!(
        location_of(&source, "Hết bảng"),
        Some(WordLocation::Paragraph { paragraph: 2 })
    );
}

#[test]
fn layout_tables_are_read_as_paragraphs() {
    // The agency | motto block and the recipients | signature block are
    // borderless 1 × 2 tables in Word; a reader takes them cell by cell.
    let source = read("hand/header-table.docx");
    let lines: Vec<&str> = source.original().lines().collect();
    assert_eq!(
        lines,
        [
            "ỦY BAN NHÂN DÂN",
            "XÃ MẪU",
            "Số: 12/KH-UBND",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Mẫu, ngày 05 tháng 01 năm 2026",
            "KẾ HOẠCH",
            "Chuyển đổi số xã Mẫu năm 2026",
            "Nội dung kế hoạch.",
            "Nơi nhận:",
            "- UBND thành phố;",
            "- Lưu: VT.",
            "TM. ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH",
            "Nguyễn Văn A",
        ]
    );
    assert_eq!(
        location_of(&source, "Mẫu, ngày"),
        Some(WordLocation::TableCell {
            table: 1,
            row: 1,
            column: 2
        })
    );
    assert_eq!(
        location_of(&source, "KẾ HOẠCH"),
        Some(WordLocation::Paragraph { paragraph: 1 })
    );
    // The header rules find the number and date lines inside the table.
    let result = check(&fixture("hand/header-table.docx"));
    assert!(
        result
            .diagnostics
            .iter()
            .all(|d| d.rule_id != "header-fields-missing"),
        "{:?}",
        result.diagnostics
    );
}

#[test]
fn tracked_insertions_are_kept_and_deletions_dropped() {
    let source = read("hand/tracked-changes.docx");
    assert_eq!(
        source.original(),
        "Tỷ lệ hồ sơ xử lý trực tuyến đạt 95% trong năm 2026.\n\
         Câu có chú thích\tsau tab\ndòng mới\n"
    );
}

#[test]
fn equations_are_read_as_text() {
    let source = read("hand/equation.docx");
    assert!(source.original().contains("Tỷ lệ hồ sơ trực tuyến ≥ 95%\n"));
    assert!(source.original().contains("Tỷ lệ a/b\n"));
}

#[test]
fn legacy_fonts_are_converted_and_reported_once() {
    let source = read("hand/legacy-font.docx");
    assert_eq!(
        source.original(),
        "KẾ HOẠCH\nChuyển đổi số xã Mẫu năm 2026\nĐảng ủy xã và Unicode\n"
    );
    let result = check(&fixture("hand/legacy-font.docx"));
    let legacy: Vec<_> = result
        .diagnostics
        .iter()
        .filter(|d| d.rule_id == "legacy-font-encoding")
        .collect();
    assert_eq!(legacy.len(), 1, "{:?}", result.diagnostics);
    assert!(legacy[0].message.contains(".VnTimeH"));
    assert!(legacy[0].message.contains("VNI-Times"));
    let plain = check(&fixture("hand/numbering.docx"));
    assert!(plain
        .diagnostics
        .iter()
        .all(|d| d.rule_id != "legacy-font-encoding"));
}

/// Rule id and matched text of every finding: the comparison does not depend
/// on which rules exist, only on both inputs giving the same findings.
fn findings(result: &FileResult) -> Vec<(String, String)> {
    let source = result.source.as_ref().expect("read");
    let mut found: Vec<(String, String)> = result
        .diagnostics
        .iter()
        .map(|d| {
            let span = d.primary_span();
            let matched = source.original().get(span.start..span.end).unwrap_or("");
            (d.rule_id.clone(), matched.to_owned())
        })
        .collect();
    found.sort();
    found
}

#[test]
fn each_seed_gives_the_same_findings_from_docx_as_from_text() {
    for seed in SEEDS {
        let text = check(&root().join("examples").join(format!("{seed}.txt")));
        let docx = check(&fixture(&format!("seeds/{seed}.docx")));
        assert!(docx.error.is_none(), "{seed}: {:?}", docx.error);
        // Paragraphs always end with a newline; the seed may not.
        let from_docx = docx
            .source
            .as_ref()
            .unwrap()
            .original()
            .trim_end_matches('\n');
        let from_text = text
            .source
            .as_ref()
            .unwrap()
            .original()
            .replace("\r\n", "\n");
        let from_text = from_text.trim_end_matches('\n');
        let differ = from_docx
            .char_indices()
            .zip(from_text.chars())
            .find(|((_, a), b)| a != b)
            .map(|((i, _), _)| i);
        assert!(
            differ.is_none() && from_docx.len() == from_text.len(),
            "{seed}: the .docx does not read back as the plan's text from byte {differ:?}: {:?}",
            differ.and_then(|i| from_docx.get(i..(i + 80).min(from_docx.len())))
        );
        assert_eq!(findings(&docx), findings(&text), "{seed}");
        // Every finding with a span has a Word location.
        let source = docx.source.as_ref().unwrap();
        for d in &docx.diagnostics {
            if let Some(label) = d.labels.first() {
                let at_text = source.original().get(label.span.start..label.span.end);
                if at_text.is_some_and(|t| !t.trim().is_empty()) {
                    assert!(
                        source.word_location(label.span.start).is_some(),
                        "{seed}: {} at {:?} has no Word location",
                        d.rule_id,
                        label.span
                    );
                }
            }
        }
    }
}

#[test]
fn json_and_human_output_name_the_word_location() {
    let result = check(&fixture("hand/numbering.docx"));
    let source = result.source.as_ref().unwrap();
    let at = source.original().find("f) An toàn").unwrap();
    let mut diagnostic =
        rasoat::diagnostic::Diagnostic::new("demo", rasoat::diagnostic::Severity::Warning, "m");
    diagnostic = diagnostic.with_label(rasoat::diagnostic::Span::new(at, at + 2), None);
    let finding = rasoat::report::json::finding(&diagnostic, Some(source));
    let json = serde_json::to_value(&finding).unwrap();
    assert_eq!(
        json["word_location"],
        serde_json::json!({"kind": "paragraph", "paragraph": 11})
    );
    assert_eq!(json["matched"], "f)");
    let rendered = FileResult {
        diagnostics: vec![diagnostic],
        ..result
    };
    let human = rasoat::report::human::render(
        &[rendered],
        rasoat::report::human::HumanStyle::plain(rasoat::rules::Lang::Vi),
    );
    assert!(human.contains("numbering.docx: đoạn 11: m"), "{human}");
    assert!(human.contains("f) An toàn thông tin."), "{human}");
}

// ---- hostile and broken packages ----

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn document(body: &str) -> Vec<u8> {
    format!(r#"<?xml version="1.0"?><w:document xmlns:w="w"><w:body>{body}</w:body></w:document>"#)
        .into_bytes()
}

/// Run the binary on bytes saved as `plan.docx`: exit 2 and the message.
fn refused(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.docx");
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rasoat"))
        .args(["check", "--format", "json", path.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["files"][0]["error"].as_str().unwrap().to_owned()
}

#[test]
fn not_a_zip_is_refused() {
    let error = refused("Kế hoạch chuyển đổi số\n".as_bytes());
    assert!(error.contains("not a zip"), "{error}");
}

#[test]
fn truncated_zip_is_refused() {
    let bytes = zip_of(&[("word/document.xml", &document("<w:p/>"))]);
    let error = refused(&bytes[..bytes.len() / 2]);
    assert!(error.contains("corrupt"), "{error}");
}

#[test]
fn missing_document_part_is_refused() {
    let error = refused(&zip_of(&[("word/other.xml", b"<a/>")]));
    assert!(error.contains("word/document.xml"), "{error}");
}

#[test]
fn zip_bomb_stops_at_the_cap() {
    // ~101 MB of one repeated paragraph compresses to a few hundred KB.
    let chunk =
        "<w:p><w:r><w:t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</w:t></w:r></w:p>".repeat(1000);
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    writer.start_file("word/document.xml", options).unwrap();
    writer
        .write_all(b"<w:document xmlns:w=\"w\"><w:body>")
        .unwrap();
    let mut written = 0;
    while written <= rasoat::document::docx::package::MAX_PART_BYTES {
        writer.write_all(chunk.as_bytes()).unwrap();
        written += chunk.len() as u64;
    }
    let bytes = writer.finish().unwrap().into_inner();
    assert!(bytes.len() < 5_000_000);
    let error = refused(&bytes);
    assert!(error.contains("zip bomb"), "{error}");
}

#[test]
fn too_many_entries_are_refused() {
    let names: Vec<String> = (0..=rasoat::document::docx::package::MAX_ENTRIES)
        .map(|i| format!("f{i}"))
        .collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let error = refused(&zip_of(&entries));
    assert!(error.contains("too many"), "{error}");
}

#[test]
fn doctype_and_entities_are_refused() {
    let xml = br#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#;
    let error = refused(&zip_of(&[("word/document.xml", xml)]));
    assert!(error.contains("DOCTYPE"), "{error}");
    let undefined = document("<w:p><w:r><w:t>&x;</w:t></w:r></w:p>");
    let error = refused(&zip_of(&[("word/document.xml", &undefined)]));
    assert!(error.contains("entity"), "{error}");
}

#[test]
fn deeply_nested_or_malformed_xml_is_refused() {
    let deep = document(&"<w:sdt>".repeat(5000));
    let error = refused(&zip_of(&[("word/document.xml", &deep)]));
    assert!(error.contains("nested deeper"), "{error}");
    let malformed = document("<w:p><w:r></w:p>");
    let error = refused(&zip_of(&[("word/document.xml", &malformed)]));
    assert!(error.contains("malformed XML"), "{error}");
}

#[test]
fn large_valid_document_is_read() {
    let body = "<w:p><w:r><w:t>Tỷ lệ hồ sơ trực tuyến đạt 95%.</w:t></w:r></w:p>".repeat(100_000);
    let bytes = zip_of(&[("word/document.xml", &document(&body))]);
    let source = rasoat::document::docx::source_from_bytes("big.docx", &bytes).unwrap();
    assert_eq!(source.original().lines().count(), 100_000);
}
