//! `--fix`, `--unsafe-fixes`, `--diff`: idempotence, encodings and line
//! endings kept, atomic writes that leave the file untouched on error, the
//! corrected copy of a .docx, and edits that never reach outside their span.

mod common;

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use rasoat::diagnostic::{Applicability, Diagnostic, Edit, Severity, Span};
use rasoat::document::decode::decode;
use rasoat::fix::{self, FixSettings};
use rasoat::lint::LintOptions;
use rasoat::rules::RuleSet;
use rasoat::templates::TemplateSet;

const HEADER: &str = "Số: 5/KH-UBND\n\nKiến Hưng, ngày 6 tháng 1 năm 2026\n\nKẾ HOẠCH\n\
                      Chuyển đổi số xã Kiến Hưng năm 2026\n";
const FIXED: &str = "Số: 05/KH-UBND\n\nKiến Hưng, ngày 06 tháng 01 năm 2026\n\nKẾ HOẠCH\n\
                     Chuyển đổi số xã Kiến Hưng năm 2026\n";

fn fix_file(path: &Path, write: bool) -> fix::FixOutcome {
    let rules = RuleSet::builtin().unwrap();
    let settings = FixSettings {
        unsafe_fixes: false,
        write,
    };
    fix::fix_path(
        path,
        &rules,
        &TemplateSet::builtin(),
        &LintOptions::default(),
        settings,
    )
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn safe_fixes_are_applied_and_a_second_run_finds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "plan.txt", HEADER.as_bytes());
    let first = fix_file(&path, true);
    assert_eq!(first.error, None);
    assert_eq!(first.applied, 3);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXED);
    let second = fix_file(&path, true);
    assert_eq!(
        (second.applied, second.written, second.diff.as_str()),
        (0, None, "")
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXED);
}

#[test]
fn fixing_every_seed_twice_equals_fixing_once() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(common::root().join("examples")).unwrap() {
        let seed = entry.unwrap().path();
        let path = dir.path().join(seed.file_name().unwrap());
        std::fs::copy(&seed, &path).unwrap();
        let first = fix_file(&path, true);
        assert_eq!(first.error, None, "{}", seed.display());
        let once = std::fs::read(&path).unwrap();
        let second = fix_file(&path, true);
        assert_eq!(second.applied, 0, "{}: {}", seed.display(), second.diff);
        assert_eq!(std::fs::read(&path).unwrap(), once);
    }
}

#[test]
fn diff_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "plan.txt", HEADER.as_bytes());
    let run = common::rasoat_in(dir.path(), &["check", "--diff", "plan.txt"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("--- a/plan.txt\n+++ b/plan.txt\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("-Số: 5/KH-UBND\n+Số: 05/KH-UBND\n"),
        "{}",
        run.stdout
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), HEADER);
    let run = common::rasoat_in(dir.path(), &["check", "--unsafe-fixes", "plan.txt"]);
    assert_eq!(run.code, 2);
}

#[test]
fn cli_fix_rewrites_the_file_and_reports_what_remains() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "plan.txt", HEADER.as_bytes());
    let run = common::rasoat_in(
        dir.path(),
        &["check", "--fix", "--format", "concise", "plan.txt"],
    );
    assert_ne!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("plan.txt: đã sửa 3 chỗ"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stdout.contains("header-date-leading-zero"),
        "{}",
        run.stdout
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXED);
}

#[test]
fn encoding_bom_and_line_endings_are_kept() {
    let crlf = HEADER.replace('\n', "\r\n");
    let utf16 = |little: bool, bom: bool| -> Vec<u8> {
        let units = bom
            .then_some(0xfeffu16)
            .into_iter()
            .chain(crlf.encode_utf16());
        units
            .flat_map(|u| {
                if little {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                }
            })
            .collect()
    };
    let mut bom_utf8 = b"\xEF\xBB\xBF".to_vec();
    bom_utf8.extend(crlf.as_bytes());
    let prepared = nfd_tones(&crlf);
    let (cp1258, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&prepared);
    assert!(!unmappable);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("utf8-bom-crlf.txt", bom_utf8),
        ("utf16le-bom.txt", utf16(true, true)),
        ("utf16be-bom.txt", utf16(false, true)),
        ("cp1258.txt", cp1258.into_owned()),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in cases {
        let path = write(dir.path(), name, &bytes);
        let before = decode(&bytes).unwrap();
        let outcome = fix_file(&path, true);
        assert_eq!(outcome.error, None, "{name}");
        assert_eq!(outcome.applied, 3, "{name}");
        let after = decode(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(
            (after.encoding, after.had_bom),
            (before.encoding, before.had_bom),
            "{name}"
        );
        use unicode_normalization::UnicodeNormalization;
        let text: String = after.text.nfc().collect();
        assert_eq!(text, FIXED.replace('\n', "\r\n"), "{name}");
        assert_eq!(fix_file(&path, true).applied, 0, "{name}");
    }
}

/// windows-1258 writes tone marks as combining characters.
fn nfd_tones(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let decomposed: String = text.nfd().collect();
    // Recompose everything but the tones: â, ê, ô, ơ, ư, ă, đ exist precomposed.
    let mut out = String::new();
    for c in decomposed.chars() {
        let last = out.pop();
        match last.and_then(|l| {
            (!matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'))
                .then(|| unicode_normalization::char::compose(l, c))
                .flatten()
        }) {
            Some(composed) => out.push(composed),
            None => {
                out.extend(last);
                out.push(c);
            }
        }
    }
    out
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "plan.txt", HEADER.as_bytes());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert_eq!(fix_file(&path, true).error, None);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left");
}

#[cfg(unix)]
#[test]
fn read_only_folder_leaves_the_file_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("ro");
    std::fs::create_dir(&folder).unwrap();
    let path = write(&folder, "plan.txt", HEADER.as_bytes());
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = std::fs::File::create(folder.join("probe"));
    if probe.is_ok() {
        // Running as root: permissions do not stop writes, nothing to test here.
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: running with privileges that ignore folder permissions");
        return;
    }
    let outcome = fix_file(&path, true);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(outcome.error.is_some());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), HEADER);
}

#[test]
fn a_failed_rename_leaves_the_target_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    // The target is a folder: the temporary file is written, the rename fails.
    let target = dir.path().join("plan.txt");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("inside"), "x").unwrap();
    let error = fix::write::write_new_atomic(&target, b"new", None);
    assert!(error.is_err());
    assert!(target.join("inside").exists());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["plan.txt"]);
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_tree_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    let target = write(outside.path(), "plan.txt", HEADER.as_bytes());
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("plan.txt");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let outcome = fix_file(&link, true);
    assert!(
        outcome.error.as_deref().unwrap_or("").contains("symlink"),
        "{outcome:?}"
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), HEADER);
    // A link inside the folder is followed and stays a link.
    let inner = write(dir.path(), "real.txt", HEADER.as_bytes());
    let inner_link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&inner, &inner_link).unwrap();
    assert_eq!(fix_file(&inner_link, true).error, None);
    assert!(std::fs::symlink_metadata(&inner_link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_to_string(&inner).unwrap(), FIXED);
}

// ---- .docx ----

fn docx_with(body: &str) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    writer.start_file("[Content_Types].xml", options).unwrap();
    writer.write_all(b"<Types/>").unwrap();
    writer.start_file("word/document.xml", options).unwrap();
    writer.write_all(document.as_bytes()).unwrap();
    writer.start_file("word/media/image.bin", options).unwrap();
    writer.write_all(&[1, 2, 3]).unwrap();
    writer.finish().unwrap().into_inner()
}

fn part(zip_bytes: &[u8], name: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip_bytes)).unwrap();
    let mut out = Vec::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[test]
fn docx_fix_writes_a_corrected_copy_and_keeps_the_original() {
    let body = concat!(
        r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Số: 5/KH-UBND</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t xml:space="preserve">Kiến Hưng, ngày </w:t></w:r>"#,
        r#"<w:r><w:rPr><w:i/></w:rPr><w:t>6</w:t></w:r>"#,
        r#"<w:r><w:t xml:space="preserve"> tháng 1 năm 2026</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>Chuyển đổi số xã Kiến Hưng năm 2026 &amp; hơn</w:t></w:r></w:p>"#,
    );
    let original = docx_with(body);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "plan.docx", &original);
    let outcome = fix_file(&path, true);
    assert_eq!(outcome.error, None);
    assert_eq!(outcome.applied, 3);
    let copy = dir.path().join("plan.rasoat.docx");
    assert_eq!(outcome.written.as_deref(), Some(copy.as_path()));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        original,
        "the original is never modified"
    );
    let fixed = std::fs::read(&copy).unwrap();
    let source = rasoat::document::docx::source_from_bytes("x", &fixed).unwrap();
    assert_eq!(
        source.original(),
        "Số: 05/KH-UBND\nKiến Hưng, ngày 06 tháng 01 năm 2026\nKẾ HOẠCH\n\
         Chuyển đổi số xã Kiến Hưng năm 2026 & hơn\n"
    );
    let xml = String::from_utf8(part(&fixed, "word/document.xml")).unwrap();
    // Formatting of the runs is kept; only their text changed.
    assert!(
        xml.contains(r#"<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">06</w:t></w:r>"#),
        "{xml}"
    );
    assert!(
        xml.contains(r#"<w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Số: 05/KH-UBND</w:t>"#),
        "{xml}"
    );
    assert!(xml.contains("năm 2026 &amp; hơn</w:t>"), "{xml}");
    assert_eq!(part(&fixed, "word/media/image.bin"), [1, 2, 3]);
    // The copy has nothing left to fix.
    assert_eq!(fix_file(&copy, false).applied, 0);
}

#[test]
fn docx_fixes_never_touch_legacy_font_text() {
    // The date line is typed in VNI-Times: its fix cannot be written back as
    // Unicode into a legacy run, so it is left out (and no copy is written).
    let body = concat!(
        r#"<w:p><w:r><w:t>Số: 05/KH-UBND</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:rPr><w:rFonts w:ascii="VNI-Times"/></w:rPr>"#,
        r#"<w:t>Kieán Höng, ngaøy 6 thaùng 01 naêm 2026</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>"#,
    );
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "legacy.docx", &docx_with(body));
    let source = rasoat::document::SourceFile::read(&path).unwrap();
    assert!(
        source.original().contains("Kiến Hưng, ngày 6 tháng 01"),
        "{}",
        source.original()
    );
    let rules = RuleSet::builtin().unwrap();
    let checked = rasoat::lint::check_path(
        &path,
        &rules,
        &TemplateSet::builtin(),
        &LintOptions::default(),
    );
    assert!(
        checked.diagnostics.iter().any(|d| d.fix.is_some()),
        "a fix is offered"
    );
    let outcome = fix_file(&path, true);
    assert_eq!(outcome.error, None);
    assert_eq!(outcome.applied, 0);
    assert!(!dir.path().join("legacy.rasoat.docx").exists());
}

// ---- edits stay in their span ----

fn diagnostic(edits: Vec<Edit>, applicability: Applicability) -> Diagnostic {
    Diagnostic::new("demo", Severity::Warning, "m").with_fix(applicability, edits)
}

#[test]
fn unsafe_fixes_only_with_the_flag_and_overlaps_wait() {
    let text = "Tỷ lệ ≤ 95% và 80%";
    let at = text.find('≤').unwrap();
    let unsafe_fix = diagnostic(
        vec![Edit {
            span: Span::new(at, at + '≤'.len_utf8()),
            replacement: "≥".into(),
        }],
        Applicability::Unsafe,
    );
    let overlapping = diagnostic(
        vec![Edit {
            span: Span::new(at, at + 6),
            replacement: "x".into(),
        }],
        Applicability::Safe,
    );
    let diagnostics = [unsafe_fix, overlapping];
    assert_eq!(fix::select_edits(&diagnostics, false).len(), 1);
    let all = fix::select_edits(&diagnostics, true);
    assert_eq!(all.len(), 1, "the overlapping fix waits for the next pass");
    assert_eq!(fix::apply_edits(text, &all).0, "Tỷ lệ ≥ 95% và 80%");
}

proptest! {
    #[test]
    fn a_fix_never_changes_text_outside_its_span(
        text in "[a-zàáạảãâầấậẩẫđ \n]{0,60}",
        raw in proptest::collection::vec((0usize..80, 0usize..8, "[x-zơ]{0,3}"), 0..6),
    ) {
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let diagnostics: Vec<Diagnostic> = raw
            .iter()
            .map(|(start, len, replacement)| {
                let s = boundaries[start % boundaries.len()];
                let e = boundaries[(start % boundaries.len() + len).min(boundaries.len() - 1)];
                diagnostic(vec![Edit { span: Span::new(s, e), replacement: replacement.clone() }], Applicability::Safe)
            })
            .collect();
        let edits = fix::select_edits(&diagnostics, false);
        for pair in edits.windows(2) {
            prop_assert!(pair[0].span.end <= pair[1].span.start);
        }
        let (fixed, _) = fix::apply_edits(&text, &edits);
        // Rebuild: untouched text between edits, replacements in their spans.
        let mut expected = String::new();
        let mut at = 0;
        for edit in &edits {
            expected.push_str(&text[at..edit.span.start]);
            expected.push_str(&edit.replacement);
            at = edit.span.end;
        }
        expected.push_str(&text[at..]);
        prop_assert_eq!(fixed, expected);
    }
}
