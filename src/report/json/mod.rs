//! `--format json`: a versioned, documented schema (`docs/json-schema.json`).
//! Bump [`SCHEMA_VERSION`] on any incompatible change.

use serde::Serialize;

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::docx::WordLocation;
use crate::document::SourceFile;
use crate::lint::FileResult;

pub const SCHEMA_VERSION: u32 = 1;

mod pretty;
#[cfg(test)]
mod tests;

use pretty::Pretty;

#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
pub struct Finding<'a> {
    pub rule_id: &'a str,
    pub severity: &'static str,
    pub message: &'a str,
    pub help: Option<&'a str>,
    pub docs: Option<&'a str>,
    /// 1-based, in characters; absent for file-level findings.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    /// Byte offsets in the decoded file.
    pub start_byte: Option<usize>,
    pub end_byte: Option<usize>,
    pub matched: Option<&'a str>,
    /// Stable across line shifts and languages (see `rasoat::fingerprint`).
    pub fingerprint: Option<&'a str>,
    /// For a .docx: the paragraph or table cell of the primary span (line,
    /// column and bytes are in the extracted text). Absent for other inputs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub word_location: Option<WordLocation>,
    pub fix: Option<FixOut<'a>>,
}

#[derive(Serialize)]
pub struct FixOut<'a> {
    pub applicability: Applicability,
    pub edits: Vec<EditOut<'a>>,
}

#[derive(Serialize)]
pub struct EditOut<'a> {
    pub start_byte: usize,
    pub end_byte: usize,
    pub replacement: &'a str,
}

pub fn finding<'a>(diagnostic: &'a Diagnostic, source: Option<&'a SourceFile>) -> Finding<'a> {
    let located = source.zip(diagnostic.labels.first());
    let (start, end) = match located {
        Some((source, label)) => (
            Some(source.position(label.span.start)),
            Some(source.position(label.span.end)),
        ),
        None => (None, None),
    };
    Finding {
        rule_id: &diagnostic.rule_id,
        severity: diagnostic.severity.as_str(),
        message: &diagnostic.message,
        help: diagnostic.help.as_deref(),
        docs: diagnostic.docs.as_deref(),
        line: start.map(|p| p.line),
        column: start.map(|p| p.column),
        end_line: end.map(|p| p.line),
        end_column: end.map(|p| p.column),
        start_byte: located.map(|(_, l)| l.span.start),
        end_byte: located.map(|(_, l)| l.span.end),
        matched: located.and_then(|(s, l)| s.original().get(l.span.start..l.span.end)),
        fingerprint: diagnostic.fingerprint.as_deref(),
        word_location: located.and_then(|(s, l)| s.word_location(l.span.start)),
        fix: diagnostic.fix.as_ref().map(|fix| FixOut {
            applicability: fix.applicability,
            edits: fix
                .edits
                .iter()
                .map(|e| EditOut {
                    start_byte: e.span.start,
                    end_byte: e.span.end,
                    replacement: &e.replacement,
                })
                .collect(),
        }),
    }
}

/// Write the JSON document to `out` as it is produced (no copy of the whole
/// output in memory).
pub fn write(results: &[FileResult], out: &mut impl std::io::Write) -> std::io::Result<()> {
    write_stream(results.iter(), out)
}

/// Write the JSON document for results that arrive one by one (a streamed
/// batch, see [`crate::batch::check_streamed`]): each file is written, then
/// dropped by the caller; the summary is counted on the way.
pub fn write_stream<R: std::borrow::Borrow<FileResult>>(
    results: impl Iterator<Item = R>,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let mut counts = Counts::default();
    let mut buf = Vec::with_capacity(64 * 1024);
    let mut json = Pretty { buf: &mut buf };
    let mut top = json.open(b'{', 0);
    json.key(&mut top, "schema_version");
    json.number(SCHEMA_VERSION as usize);
    json.key(&mut top, "tool");
    let mut tool = json.open(b'{', 1);
    json.key(&mut tool, "name");
    json.string("rasoat");
    json.key(&mut tool, "version");
    json.string(env!("CARGO_PKG_VERSION"));
    json.close(tool, b'}');
    json.key(&mut top, "files");
    let mut files = json.open(b'[', 1);
    for result in results {
        let file = result.borrow();
        counts.files += 1;
        counts.errors += file.count(Severity::Error);
        counts.warnings += file.count(Severity::Warning);
        counts.infos += file.count(Severity::Info);
        let mut json = Pretty { buf: &mut buf };
        json.element(&mut files);
        file_json(&mut json, file, 2);
        // One write per file keeps memory flat whatever the batch size.
        out.write_all(&buf)?;
        buf.clear();
    }
    let mut json = Pretty { buf: &mut buf };
    json.close(files, b']');
    json.key(&mut top, "summary");
    let mut summary = json.open(b'{', 1);
    for (key, n) in [
        ("files", counts.files),
        ("errors", counts.errors),
        ("warnings", counts.warnings),
        ("infos", counts.infos),
    ] {
        json.key(&mut summary, key);
        json.number(n);
    }
    json.close(summary, b'}');
    json.close(top, b'}');
    buf.push(b'\n');
    out.write_all(&buf)
}

/// One file's result, an object at `level`.
fn file_json(json: &mut Pretty, r: &FileResult, level: usize) {
    let mut o = json.open(b'{', level);
    json.key(&mut o, "path");
    json.string(&r.path);
    json.key(&mut o, "template");
    json.opt_string(r.template.as_deref());
    json.key(&mut o, "error");
    json.opt_string(r.error.as_deref());
    json.key(&mut o, "findings");
    let mut findings = json.open(b'[', level + 1);
    for diagnostic in &r.diagnostics {
        json.element(&mut findings);
        json.finding(&finding(diagnostic, r.source.as_ref()), level + 2);
    }
    json.close(findings, b']');
    if let Some(coverage) = &r.indicators {
        json.key(&mut o, "indicators");
        json.coverage(coverage, level + 1);
    }
    json.close(o, b'}');
}

pub fn render(results: &[FileResult]) -> String {
    let mut bytes = Vec::new();
    // Writing to memory cannot fail; serialising these types cannot either.
    let _ = write(results, &mut bytes);
    String::from_utf8(bytes).unwrap_or_default()
}
