//! `--format json`: a versioned, documented schema (`docs/json-schema.json`).
//! Bump [`SCHEMA_VERSION`] on any incompatible change.

use serde::Serialize;

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::docx::WordLocation;
use crate::document::SourceFile;
use crate::lint::FileResult;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
#[serde(bound(serialize = "I::Item: Serialize"))]
struct Output<'a, I: Iterator> {
    schema_version: u32,
    tool: Tool,
    files: Files<I>,
    summary: SummaryOf<'a>,
}

/// The files, each turned into its JSON form only while it is written, so a
/// batch of thousands of plans is never held twice in memory.
struct Files<I>(std::cell::RefCell<Option<I>>);

impl<I: Iterator> Serialize for Files<I>
where
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let files = self.0.borrow_mut().take();
        serializer.collect_seq(files.into_iter().flatten())
    }
}

/// One file's result, owned or borrowed, written in its JSON form.
struct FileEntry<R>(R);

impl<R: std::borrow::Borrow<FileResult>> Serialize for FileEntry<R> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        file_out(self.0.borrow()).serialize(serializer)
    }
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
struct Counts {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

/// The summary, counted while the files were written (it comes after them).
struct SummaryOf<'a>(&'a std::cell::Cell<Counts>);

impl Serialize for SummaryOf<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.get().serialize(serializer)
    }
}

fn file_out(r: &FileResult) -> FileOut<'_> {
    FileOut {
        path: &r.path,
        template: r.template.as_deref(),
        error: r.error.as_deref(),
        findings: r
            .diagnostics
            .iter()
            .map(|d| finding(d, r.source.as_ref()))
            .collect(),
        indicators: crate::templates::plan::coverage_of(r),
    }
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct FileOut<'a> {
    path: &'a str,
    template: Option<&'a str>,
    error: Option<&'a str>,
    findings: Vec<Finding<'a>>,
    /// Indicator coverage against the template: which row matched which
    /// indicator, with the score; absent when no template applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    indicators: Option<crate::templates::Coverage>,
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
        matched: located.and_then(|(s, l)| s.original.get(l.span.start..l.span.end)),
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
    let counts = std::cell::Cell::new(Counts::default());
    let files = results.map(|result| {
        let file = result.borrow();
        let mut seen = counts.get();
        seen.files += 1;
        seen.errors += file.count(Severity::Error);
        seen.warnings += file.count(Severity::Warning);
        seen.infos += file.count(Severity::Info);
        counts.set(seen);
        FileEntry(result)
    });
    let output = Output {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: "rasoat",
            version: env!("CARGO_PKG_VERSION"),
        },
        files: Files(std::cell::RefCell::new(Some(files))),
        summary: SummaryOf(&counts),
    };
    serde_json::to_writer_pretty(&mut *out, &output).map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}

pub fn render(results: &[FileResult]) -> String {
    let mut bytes = Vec::new();
    // Writing to memory cannot fail; serialising these types cannot either.
    let _ = write(results, &mut bytes);
    String::from_utf8(bytes).unwrap_or_default()
}
