//! `--format sarif`: SARIF 2.1.0 (OASIS), for code-scanning dashboards.
//! Validated against the official schema in `tests/cli_formats.rs`.
//!
//! Columns are Unicode code points (`columnKind: unicodeCodePoints`), so they
//! can differ from the human output's columns on NFD text, where combining
//! marks are not counted. Byte offsets are given only for UTF-8 files, where
//! they are offsets into the file itself (after a BOM, if any).

use serde_json::{json, Map, Value};

use crate::diagnostic::{Applicability, Diagnostic, Severity, Span};
use crate::document::SourceFile;
use crate::lint::FileResult;
use crate::rules::engine::RuleMeta;
use crate::rules::Lang;

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Key of the fingerprint in `partialFingerprints`; bump its version if the
/// fingerprint computation ever changes.
pub const FINGERPRINT_KEY: &str = "rasoatFingerprint/v1";

/// Render the findings of every file as one SARIF run. The rules that found
/// something are described in `tool.driver.rules` (from `rules`); findings of
/// other ids (input errors) get a short descriptor of their own.
pub fn render(results: &[FileResult], rules: &[&RuleMeta], lang: Lang) -> String {
    let reported = |id: &str| {
        results
            .iter()
            .flat_map(|r| &r.diagnostics)
            .any(|d| d.rule_id == id)
    };
    let used: Vec<&RuleMeta> = rules.iter().copied().filter(|m| reported(&m.id)).collect();
    let mut descriptors: Vec<Value> = used.iter().map(|m| rule_descriptor(m, lang)).collect();
    let mut ids: Vec<String> = used.iter().map(|m| m.id.clone()).collect();
    for d in results.iter().flat_map(|r| &r.diagnostics) {
        if !ids.contains(&d.rule_id) {
            ids.push(d.rule_id.clone());
            descriptors.push(json!({
                "id": d.rule_id,
                "shortDescription": { "text": d.rule_id },
                "defaultConfiguration": { "level": level(d.severity) },
            }));
        }
    }
    let mut sarif_results = Vec::new();
    for file in results {
        for d in &file.diagnostics {
            let index = ids.iter().position(|id| *id == d.rule_id);
            sarif_results.push(result(file, d, index));
        }
    }
    let log = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "rasoat",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": descriptors,
            }},
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule_descriptor(meta: &RuleMeta, lang: Lang) -> Value {
    let mut rule = Map::new();
    rule.insert("id".into(), json!(meta.id));
    rule.insert(
        "shortDescription".into(),
        json!({ "text": meta.message.get(lang) }),
    );
    if let Some(help) = &meta.help {
        rule.insert("help".into(), json!({ "text": help.get(lang) }));
    }
    if let Some(docs) = &meta.docs {
        // `docs` names a legal text or the domain notes; only a real URL is a helpUri.
        if docs.starts_with("https://") || docs.starts_with("http://") {
            rule.insert("helpUri".into(), json!(&**docs));
        } else {
            rule.insert("fullDescription".into(), json!({ "text": &**docs }));
        }
    }
    rule.insert(
        "defaultConfiguration".into(),
        json!({ "level": level(meta.level) }),
    );
    rule.insert(
        "properties".into(),
        json!({ "kind": meta.kind.as_str(), "origin": meta.origin }),
    );
    Value::Object(rule)
}

fn result(file: &FileResult, d: &Diagnostic, rule_index: Option<usize>) -> Value {
    let uri = path_to_uri(&file.path);
    let mut physical = Map::new();
    physical.insert("artifactLocation".into(), json!({ "uri": uri }));
    if let (Some(source), Some(label)) = (&file.source, d.labels.first()) {
        physical.insert("region".into(), region(source, label.span));
    }
    let mut out = Map::new();
    out.insert("ruleId".into(), json!(d.rule_id));
    if let Some(index) = rule_index {
        out.insert("ruleIndex".into(), json!(index));
    }
    out.insert("level".into(), json!(level(d.severity)));
    let text = match &d.help {
        Some(help) => format!("{}\n{help}", d.message),
        None => d.message.clone(),
    };
    out.insert("message".into(), json!({ "text": text }));
    out.insert(
        "locations".into(),
        json!([{ "physicalLocation": Value::Object(physical) }]),
    );
    if let Some(fingerprint) = &d.fingerprint {
        out.insert(
            "partialFingerprints".into(),
            json!({ FINGERPRINT_KEY: fingerprint }),
        );
    }
    if let (Some(fix), Some(source)) = (&d.fix, &file.source) {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|e| {
                json!({
                    "deletedRegion": region(source, e.span),
                    "insertedContent": { "text": e.replacement },
                })
            })
            .collect();
        let description = match fix.applicability {
            Applicability::Safe => "safe fix",
            Applicability::Unsafe => "unsafe fix (changes meaning; review it)",
        };
        out.insert(
            "fixes".into(),
            json!([{
                "description": { "text": description },
                "artifactChanges": [{
                    "artifactLocation": { "uri": path_to_uri(&file.path) },
                    "replacements": replacements,
                }],
            }]),
        );
    }
    Value::Object(out)
}

/// A region in lines and code-point columns (1-based, end exclusive), with
/// byte offsets into the file when it is UTF-8.
fn region(source: &SourceFile, span: Span) -> Value {
    let (start_line, start_column) = code_point_position(source, span.start);
    let (end_line, end_column) = code_point_position(source, span.end);
    let mut region = Map::new();
    region.insert("startLine".into(), json!(start_line));
    region.insert("startColumn".into(), json!(start_column));
    region.insert("endLine".into(), json!(end_line));
    region.insert("endColumn".into(), json!(end_column));
    if source.encoding == "UTF-8" {
        let bom = if source.had_bom { 3 } else { 0 };
        region.insert("byteOffset".into(), json!(span.start + bom));
        region.insert("byteLength".into(), json!(span.len()));
    }
    Value::Object(region)
}

fn code_point_position(source: &SourceFile, offset: usize) -> (usize, usize) {
    if !source.was_normalized() {
        // NFC text: characters as seen are code points (and the line index
        // counts them without rescanning a long line).
        let position = source.position(offset);
        return (position.line, position.column);
    }
    let text = source.original();
    let offset = crate::document::source::floor_char_boundary(text, offset);
    let lines = source.line_index();
    let line = lines.line_of(offset);
    let start = lines.line_start(line).min(offset);
    let column = text.get(start..offset).map_or(0, |s| s.chars().count());
    (line + 1, column + 1)
}

/// A relative URI reference for a path as the user gave it (`/` separators,
/// percent-encoded), or a `file://` URI for an absolute path.
pub fn path_to_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    } else if path.as_bytes().get(1) == Some(&b':') {
        out.push_str("file:///");
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            b':' if out.starts_with("file:///") => out.push(':'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(path_to_uri("examples/a b.txt"), "examples/a%20b.txt");
        assert_eq!(path_to_uri("xã.txt"), "x%C3%A3.txt");
        assert_eq!(path_to_uri("/tmp/x.txt"), "file:///tmp/x.txt");
        assert_eq!(path_to_uri("C:\\plans\\x.txt"), "file:///C:/plans/x.txt");
    }

    #[test]
    fn code_point_columns_count_combining_marks() {
        let source = SourceFile::from_text("t", "a\nx\u{0303} lỗi");
        let offset = source.original().find("lỗi").unwrap();
        assert_eq!(code_point_position(&source, offset), (2, 4));
    }
}
