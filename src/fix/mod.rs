//! `rasoat check --fix / --unsafe-fixes / --diff`: apply the fixes rules
//! attach to their findings. Text files are rewritten in place (atomically,
//! same encoding and line endings); a .docx gets a corrected copy
//! `name.rasoat.docx` with only the affected runs' text changed.
//!
//! Fixes are applied back to front on the original text; a fix overlapping
//! one already chosen waits for the next pass. Passes repeat (checking the
//! fixed text again) until nothing is left to fix, so a second run has
//! nothing more to do.

pub mod diff;
pub mod report;
pub mod write;

use std::path::{Path, PathBuf};

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::document::decode::Decoded;
use crate::document::docx;
use crate::document::SourceFile;
use crate::lint::{check_source, LintOptions};
use crate::rules::RuleSet;
use crate::templates::TemplateSet;

/// Passes before giving up on fixes that keep producing new fixes.
pub const MAX_PASSES: usize = 10;

#[derive(Debug, Clone, Copy, Default)]
pub struct FixSettings {
    /// Also apply fixes that change meaning.
    pub unsafe_fixes: bool,
    /// Write the result (`--fix`); otherwise only compute it (`--diff`).
    pub write: bool,
}

/// What fixing one file did.
#[derive(Debug, Clone, Default)]
pub struct FixOutcome {
    pub path: PathBuf,
    /// Edits applied over all passes.
    pub applied: usize,
    /// Unified diff of the text (for a .docx: of the extracted text).
    pub diff: String,
    /// The file written: the file itself, or the `.rasoat.docx` copy.
    pub written: Option<PathBuf>,
    pub error: Option<String>,
}

/// The edits to apply now: whole fixes of the allowed applicability, sorted,
/// skipping any fix that overlaps one already taken.
pub fn select_edits(diagnostics: &[Diagnostic], unsafe_fixes: bool) -> Vec<Edit> {
    let mut fixes: Vec<&[Edit]> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| unsafe_fixes || f.applicability == Applicability::Safe)
        .map(|f| f.edits.as_slice())
        .filter(|edits| !edits.is_empty())
        .collect();
    fixes.sort_by_key(|edits| edits.iter().map(|e| e.span.start).min());
    let mut taken: Vec<Edit> = Vec::new();
    for edits in fixes {
        let mut sorted = edits.to_vec();
        sorted.sort_by_key(|e| (e.span.start, e.span.end));
        let self_overlapping = sorted.windows(2).any(|w| w[0].span.end > w[1].span.start);
        let clashes = sorted.iter().any(|e| taken.iter().any(|t| overlaps(t, e)));
        if !self_overlapping && !clashes {
            taken.extend(sorted);
        }
    }
    taken.sort_by_key(|e| (e.span.start, e.span.end));
    taken
}

/// Two edits touch the same text (or insert at the same place).
fn overlaps(a: &Edit, b: &Edit) -> bool {
    a.span.start < b.span.end && b.span.start < a.span.end
        || (a.span.start == b.span.start)
        || (a.span.is_empty() && b.span.start < a.span.start && a.span.start < b.span.end)
        || (b.span.is_empty() && a.span.start < b.span.start && b.span.start < a.span.end)
}

/// Apply sorted, non-overlapping edits back to front. A replacement written
/// with `\n` gets the file's `\r\n` when the file uses them. Edits off char
/// boundaries or out of range are skipped.
pub fn apply_edits(text: &str, edits: &[Edit]) -> (String, usize) {
    let crlf = text.contains("\r\n");
    let mut out = text.to_owned();
    let mut applied = 0;
    for edit in edits.iter().rev() {
        let (start, end) = (edit.span.start, edit.span.end);
        if start > end
            || end > out.len()
            || !out.is_char_boundary(start)
            || !out.is_char_boundary(end)
        {
            continue;
        }
        let replacement =
            if crlf && edit.replacement.contains('\n') && !edit.replacement.contains("\r\n") {
                edit.replacement.replace('\n', "\r\n")
            } else {
                edit.replacement.clone()
            };
        out.replace_range(start..end, &replacement);
        applied += 1;
    }
    (out, applied)
}

/// Fix the text of a plan, re-checking after each pass.
pub fn fix_text(
    source: SourceFile,
    rules: &RuleSet,
    templates: &TemplateSet,
    options: &LintOptions,
    unsafe_fixes: bool,
) -> (String, usize) {
    let (name, encoding, had_bom) = (source.name.clone(), source.encoding, source.had_bom);
    let mut current = source;
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        let text = current.original().to_owned();
        let result = check_source(current, rules, templates, options);
        let edits = select_edits(&result.diagnostics, unsafe_fixes);
        let (fixed, count) = apply_edits(&text, &edits);
        if count == 0 || fixed == text {
            return (text, applied);
        }
        applied += count;
        current = SourceFile::from_decoded(
            name.clone(),
            Decoded {
                text: fixed,
                encoding,
                had_bom,
                guessed: false,
            },
        );
    }
    (current.into_original(), applied)
}

/// Fix one file on disk.
pub fn fix_path(
    path: &Path,
    rules: &RuleSet,
    templates: &TemplateSet,
    options: &LintOptions,
    settings: FixSettings,
) -> FixOutcome {
    let mut outcome = FixOutcome {
        path: path.to_owned(),
        ..FixOutcome::default()
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            outcome.error = Some(e.to_string());
            return outcome;
        }
    };
    if docx::is_docx_path(path) || docx::package::is_zip(&bytes) {
        fix_docx(
            path,
            &bytes,
            rules,
            templates,
            options,
            settings,
            &mut outcome,
        );
        return outcome;
    }
    let source = match SourceFile::read(path) {
        Ok(source) => source,
        Err(e) => {
            outcome.error = Some(e.to_string());
            return outcome;
        }
    };
    let (encoding, had_bom) = (source.encoding, source.had_bom);
    let before = source.original().to_owned();
    let (after, applied) = fix_text(source, rules, templates, options, settings.unsafe_fixes);
    outcome.applied = applied;
    let name = path.display().to_string();
    outcome.diff = diff::unified(&before, &after, &format!("a/{name}"), &format!("b/{name}"));
    if !settings.write || after == before {
        return outcome;
    }
    match write::encode(&after, encoding, had_bom)
        .and_then(|bytes| write::write_atomic(path, &bytes))
    {
        Ok(()) => outcome.written = Some(path.to_owned()),
        Err(e) => outcome.error = Some(e),
    }
    outcome
}

/// `plan.docx` → `plan.rasoat.docx`.
pub fn fixed_docx_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}.rasoat.docx"))
}

fn fix_docx(
    path: &Path,
    bytes: &[u8],
    rules: &RuleSet,
    templates: &TemplateSet,
    options: &LintOptions,
    settings: FixSettings,
    outcome: &mut FixOutcome,
) {
    let failed = |e: docx::PackageError| Some(e.0);
    let mut package = match docx::package::read_package(bytes) {
        Ok(package) => package,
        Err(e) => return outcome.error = failed(e),
    };
    let name = path.display().to_string();
    let mut before = None;
    let mut after = String::new();
    for _ in 0..MAX_PASSES {
        let extracted = match docx::extract(&package) {
            Ok(extracted) => extracted,
            Err(e) => return outcome.error = failed(e),
        };
        let source = docx::source_from_extracted(&name, extracted.clone());
        after = source.original().to_owned();
        before.get_or_insert_with(|| after.clone());
        let result = check_source(source, rules, templates, options);
        let edits = select_edits(&result.diagnostics, settings.unsafe_fixes);
        let (xml, applied) = docx::write::apply_edits(&package.document, &extracted, &edits);
        if applied == 0 || xml == package.document {
            break;
        }
        outcome.applied += applied;
        package.document = xml;
    }
    if outcome.applied > 0 {
        match docx::extract(&package) {
            Ok(extracted) => after = extracted.text,
            Err(e) => return outcome.error = failed(e),
        }
    }
    let before = before.unwrap_or_default();
    let fixed = fixed_docx_path(path);
    outcome.diff = diff::unified(
        &before,
        &after,
        &format!("a/{name}"),
        &format!("b/{}", fixed.display()),
    );
    if !settings.write || outcome.applied == 0 {
        return;
    }
    let written = docx::write::rewrite_package(bytes, &package.document)
        .map_err(|e| e.0)
        .and_then(|zip| write::write_new_atomic(&fixed, &zip, None));
    match written {
        Ok(()) => outcome.written = Some(fixed),
        Err(e) => outcome.error = Some(e),
    }
}
