//! Baselines: the findings a project has accepted for now. `--write-baseline
//! FILE` saves the fingerprint of every current finding; `--baseline FILE`
//! then reports only findings whose fingerprint is not saved for that file.
//!
//! Paths are stored relative to the baseline's folder, so the baseline keeps
//! working from another working directory. Rule id, line and message are
//! stored for people reading the file; only path and fingerprint are matched.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::resolved;
use crate::lint::FileResult;

pub const BASELINE_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
pub struct BaselineFile {
    pub version: u32,
    pub findings: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub fingerprint: String,
    pub rule_id: String,
    #[serde(default)]
    pub line: Option<usize>,
    #[serde(default)]
    pub message: String,
}

/// A loaded baseline: `(path relative to the baseline's folder, fingerprint)`.
#[derive(Debug, Default)]
pub struct Baseline {
    dir: PathBuf,
    known: HashSet<(String, String)>,
}

/// The folder a baseline file lives in, absolute.
fn folder_of(baseline: &Path) -> PathBuf {
    resolved(baseline)
        .parent()
        .map(Path::to_owned)
        .unwrap_or_default()
}

/// A checked path as stored in a baseline: relative to `dir` with `/`.
fn key_path(file: &str, dir: &Path) -> String {
    let path = Path::new(file);
    let absolute = resolved(path);
    let relative = absolute.strip_prefix(dir).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The baseline of `results`, to save at `baseline_path`.
pub fn build(results: &[FileResult], baseline_path: &Path) -> BaselineFile {
    let dir = folder_of(baseline_path);
    let mut findings = Vec::new();
    for result in results.iter().filter(|r| r.error.is_none()) {
        let path = key_path(&result.path, &dir);
        for d in &result.diagnostics {
            let Some(fingerprint) = &d.fingerprint else {
                continue;
            };
            let line = match (&result.source, d.labels.first()) {
                (Some(source), Some(label)) => Some(source.position(label.span.start).line),
                _ => None,
            };
            findings.push(Entry {
                path: path.clone(),
                fingerprint: fingerprint.clone(),
                rule_id: d.rule_id.clone(),
                line,
                message: d.message.clone(),
            });
        }
    }
    BaselineFile {
        version: BASELINE_VERSION,
        findings,
    }
}

/// Save the baseline of `results` to `path`; returns how many findings it holds.
pub fn write(results: &[FileResult], path: &Path) -> Result<usize, String> {
    let baseline = build(results, path);
    let mut text = serde_json::to_string_pretty(&baseline).map_err(|e| e.to_string())?;
    text.push('\n');
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(baseline.findings.len())
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let file: BaselineFile = serde_json::from_str(&text)
            .map_err(|e| format!("{}: not a rasoat baseline: {e}", path.display()))?;
        if file.version != BASELINE_VERSION {
            return Err(format!(
                "{}: baseline version {} is not supported (expected {BASELINE_VERSION})",
                path.display(),
                file.version
            ));
        }
        Ok(Baseline {
            dir: folder_of(path),
            known: file
                .findings
                .into_iter()
                .map(|e| (e.path, e.fingerprint))
                .collect(),
        })
    }

    /// Drop the findings the baseline holds; returns how many were dropped.
    pub fn filter(&self, results: &mut [FileResult]) -> usize {
        let mut dropped = 0;
        for result in results.iter_mut().filter(|r| r.error.is_none()) {
            let path = key_path(&result.path, &self.dir);
            let before = result.diagnostics.len();
            result.diagnostics.retain(|d| match &d.fingerprint {
                Some(f) => !self.known.contains(&(path.clone(), f.clone())),
                None => true,
            });
            dropped += before - result.diagnostics.len();
        }
        dropped
    }
}
