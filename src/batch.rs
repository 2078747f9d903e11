//! Many plans at once: walk folders for plan files, check them in parallel,
//! return the results in a stable order (sorted by path).
//!
//! A folder entry that cannot be read (permission denied, dangling link)
//! becomes a file-level finding like an unreadable file; the batch goes on.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::PLAN_EXTENSIONS;
use crate::lint::{check_path, FileResult, LintOptions};
use crate::rules::{Lang, RuleSet};
use crate::templates::TemplateSet;

/// Batches at least this long show a progress bar (on a terminal).
pub const PROGRESS_MIN_FILES: usize = 50;

/// One thing to check: a file, or a folder entry that could not be listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Unlisted { path: PathBuf, error: String },
}

impl Input {
    pub fn path(&self) -> &Path {
        match self {
            Input::File(path) => path,
            Input::Unlisted { path, .. } => path,
        }
    }
}

/// Whether a path has one of the extensions rasoat reads ([`PLAN_EXTENSIONS`]).
pub fn is_plan_file(path: &Path) -> bool {
    let Some(extension) = path.extension().and_then(|e| e.to_str()) else {
        return false;
    };
    PLAN_EXTENSIONS
        .iter()
        .any(|known| known.eq_ignore_ascii_case(extension))
}

/// The inputs named by `paths`: files as given (whatever their extension),
/// folders walked for plan files. Symbolic links are followed; a link back
/// into a folder being walked is skipped (its files are already listed).
/// Sorted by path, duplicates removed.
pub fn collect_inputs(paths: &[PathBuf]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if !path.is_dir() {
            inputs.push(Input::File(path.clone()));
            continue;
        }
        for entry in walkdir::WalkDir::new(path).follow_links(true) {
            match entry {
                Ok(entry) => {
                    if entry.file_type().is_file() && is_plan_file(entry.path()) {
                        inputs.push(Input::File(entry.into_path()));
                    }
                }
                Err(error) if error.loop_ancestor().is_some() => {}
                Err(error) => {
                    let path = error.path().unwrap_or(path).to_owned();
                    if path.is_dir() || is_plan_file(&path) {
                        inputs.push(Input::Unlisted {
                            path,
                            error: error.to_string(),
                        });
                    }
                }
            }
        }
    }
    inputs.sort_by(|a, b| a.path().cmp(b.path()));
    inputs.dedup_by(|a, b| a.path() == b.path());
    inputs
}

/// The plan files named by `paths` (see [`collect_inputs`]), without the
/// entries that could not be listed.
pub fn collect_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    collect_inputs(paths)
        .into_iter()
        .filter_map(|input| match input {
            Input::File(path) => Some(path),
            Input::Unlisted { .. } => None,
        })
        .collect()
}

/// Check every input in parallel with the same rules and options; results
/// come back in input order.
pub fn check_inputs(
    inputs: &[Input],
    rules: &RuleSet,
    templates: &TemplateSet,
    options: &LintOptions,
    progress: &Progress,
) -> Vec<FileResult> {
    check_each(inputs, templates, progress, Keep::All, |_| (rules, options))
}

/// What a batch keeps of each checked file besides its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// The model and both texts (the reviewer reports need them).
    All,
    /// Only what `check`'s output formats read: the original text (snippets,
    /// positions, fingerprints). The model and the NFC text are dropped as
    /// soon as a file is checked, so thousands of plans fit in little memory.
    ForOutput,
}

/// Drop what [`Keep::ForOutput`] does not keep.
fn slim(result: &mut FileResult) {
    result.document = None;
    if let Some(source) = &mut result.source {
        source.drop_normalized_text();
    }
}

/// Check every input in parallel, input `i` with the rules and options
/// `settings(i)` gives (each file may have its own config); results come
/// back in input order.
pub fn check_each<'s>(
    inputs: &[Input],
    templates: &TemplateSet,
    progress: &Progress,
    keep: Keep,
    settings: impl Fn(usize) -> (&'s RuleSet, &'s LintOptions) + Sync,
) -> Vec<FileResult> {
    let results = check_range(
        inputs,
        0..inputs.len(),
        templates,
        progress,
        keep,
        &settings,
    );
    progress.finish();
    results
}

/// Files checked in parallel per chunk of a streamed batch: enough to keep
/// every core busy, few enough that a chunk's texts take little memory.
pub const STREAM_CHUNK: usize = 128;

/// [`check_each`] for a writer that turns each result into output and drops
/// it: inputs are checked a chunk at a time (in parallel inside the chunk) and
/// handed to `consume` in input order on a thread of its own, so writing one
/// chunk overlaps checking the next. Peak memory is two chunks', not the
/// batch's. Returns what `consume` returns.
pub fn check_streamed<'s, R: Send>(
    inputs: &[Input],
    templates: &TemplateSet,
    progress: &Progress,
    keep: Keep,
    settings: impl Fn(usize) -> (&'s RuleSet, &'s LintOptions) + Sync,
    consume: impl FnOnce(&mut dyn Iterator<Item = FileResult>) -> R + Send,
) -> R {
    // A rendezvous channel: the checker waits until the writer takes a chunk.
    let (chunks, received) = std::sync::mpsc::sync_channel::<Vec<FileResult>>(0);
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || consume(&mut received.into_iter().flatten()));
        // Checked on this thread, so `par_iter` uses the pool it runs in
        // (`--jobs`).
        let mut next = 0;
        while next < inputs.len() {
            let end = (next + STREAM_CHUNK).min(inputs.len());
            let chunk = check_range(inputs, next..end, templates, progress, keep, &settings);
            if chunks.send(chunk).is_err() {
                break; // the writer stopped early
            }
            next = end;
        }
        drop(chunks);
        progress.finish();
        writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

fn check_range<'s>(
    inputs: &[Input],
    range: std::ops::Range<usize>,
    templates: &TemplateSet,
    progress: &Progress,
    keep: Keep,
    settings: &(impl Fn(usize) -> (&'s RuleSet, &'s LintOptions) + Sync),
) -> Vec<FileResult> {
    let offset = range.start;
    inputs[range]
        .par_iter()
        .enumerate()
        .map(|(i, input)| {
            let (rules, options) = settings(offset + i);
            let mut result = match input {
                Input::File(path) => check_path(path, rules, templates, options),
                Input::Unlisted { path, error } => unlisted(path, error, options.lang),
            };
            if keep == Keep::ForOutput {
                slim(&mut result);
            }
            progress.tick();
            result
        })
        .collect()
}

fn unlisted(path: &Path, error: &str, lang: Lang) -> FileResult {
    let message = match lang {
        Lang::Vi => format!("Không đọc được mục trong thư mục: {error}"),
        Lang::En => format!("cannot read the folder entry: {error}"),
    };
    FileResult {
        path: path.display().to_string(),
        source: None,
        document: None,
        template: None,
        diagnostics: vec![Diagnostic::new(
            "input-unreadable",
            Severity::Error,
            message.clone(),
        )],
        error: Some(message),
        indicators: None,
    }
}

/// A one-line progress bar on stderr, redrawn with `\r`. Shown only on a
/// terminal, outside CI, for batches of at least [`PROGRESS_MIN_FILES`].
#[derive(Debug)]
pub struct Progress {
    total: usize,
    enabled: bool,
    done: AtomicUsize,
    /// Last percentage drawn, so the bar is redrawn at most 100 times.
    drawn: Mutex<Option<usize>>,
}

impl Progress {
    pub fn new(total: usize, enabled: bool) -> Self {
        Progress {
            total,
            enabled,
            done: AtomicUsize::new(0),
            drawn: Mutex::new(None),
        }
    }

    /// A bar only if stderr is a terminal, `CI` is unset and the batch is long.
    pub fn for_terminal(total: usize) -> Self {
        let enabled = total >= PROGRESS_MIN_FILES
            && std::io::stderr().is_terminal()
            && std::env::var_os("CI").is_none();
        Progress::new(total, enabled)
    }

    pub fn disabled() -> Self {
        Progress::new(0, false)
    }

    pub fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if !self.enabled {
            return;
        }
        let percent = done * 100 / self.total.max(1);
        let Ok(mut drawn) = self.drawn.lock() else {
            return;
        };
        if *drawn == Some(percent) {
            return;
        }
        *drawn = Some(percent);
        let _ = write!(std::io::stderr(), "\r{}", bar(done, self.total));
    }

    /// Clear the bar so the report starts on a clean line.
    pub fn finish(&self) {
        if self.enabled {
            let width = bar(self.total, self.total).chars().count();
            let _ = write!(std::io::stderr(), "\r{}\r", " ".repeat(width));
        }
    }
}

/// `[#########           ]  45% 1495/3321`
pub fn bar(done: usize, total: usize) -> String {
    const WIDTH: usize = 30;
    let total = total.max(1);
    let done = done.min(total);
    let filled = done * WIDTH / total;
    format!(
        "[{}{}] {:>3}% {done}/{total}",
        "#".repeat(filled),
        " ".repeat(WIDTH - filled),
        done * 100 / total
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_extensions_ignore_case() {
        assert!(is_plan_file(Path::new("a/XA.TXT")));
        assert!(is_plan_file(Path::new("b.md")));
        assert!(!is_plan_file(Path::new("c.pdf")));
        assert!(!is_plan_file(Path::new("noext")));
    }

    #[test]
    fn bar_fills_in_proportion() {
        assert_eq!(bar(0, 10), format!("[{}]   0% 0/10", " ".repeat(30)));
        assert_eq!(
            bar(5, 10),
            format!("[{}{}]  50% 5/10", "#".repeat(15), " ".repeat(15))
        );
        assert_eq!(bar(10, 10), format!("[{}] 100% 10/10", "#".repeat(30)));
        assert_eq!(bar(3, 0), format!("[{}] 100% 1/1", "#".repeat(30)));
    }

    #[test]
    fn folders_are_walked_sorted_and_deduplicated() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.txt", "a.md", "c.pdf", "sub/d.txt"] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let root = dir.path().to_owned();
        let files = collect_files(&[root.clone(), root.join("b.txt")]);
        let names: Vec<_> = files
            .iter()
            .map(|f| {
                f.strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["a.md", "b.txt", "sub/d.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn dangling_link_is_an_input_error_and_loops_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("b.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        let inputs = collect_inputs(&[dir.path().to_owned()]);
        assert_eq!(inputs.len(), 2, "{inputs:?}");
        assert!(matches!(inputs[0], Input::File(_)));
        assert!(matches!(inputs[1], Input::Unlisted { .. }), "{inputs:?}");
    }
}
