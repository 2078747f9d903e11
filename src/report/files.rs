//! `rasoat report`: write the reviewer's files (HTML, CSV, XLSX) of a batch.

use std::path::{Path, PathBuf};

use crate::lint::FileResult;
use crate::report::summary::{BatchSummary, RuleGroups};
use crate::report::{csv, html, xlsx};

/// Where to write each report; any subset.
#[derive(Debug, Clone, Default)]
pub struct ReportOutputs {
    pub html: Option<PathBuf>,
    pub csv: Option<PathBuf>,
    pub xlsx: Option<PathBuf>,
}

impl ReportOutputs {
    pub fn is_empty(&self) -> bool {
        self.html.is_none() && self.csv.is_none() && self.xlsx.is_none()
    }
}

#[derive(Debug)]
pub struct ReportError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for ReportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: không ghi được báo cáo / cannot write the report: {}",
            self.path.display(),
            self.message
        )
    }
}

impl std::error::Error for ReportError {}

/// Build the batch summary once and write every requested report.
pub fn write_reports(
    results: &[FileResult],
    groups: &RuleGroups,
    outputs: &ReportOutputs,
) -> Result<(), ReportError> {
    let mut summary = BatchSummary::new(results, groups);
    summary.html_page = outputs
        .html
        .as_ref()
        .and_then(|p| p.file_name())
        .map(|name| name.to_string_lossy().into_owned());
    if let Some(path) = &outputs.html {
        write(path, html::render(&summary).as_bytes())?;
    }
    if let Some(path) = &outputs.csv {
        write(path, csv::render(&summary).as_bytes())?;
    }
    if let Some(path) = &outputs.xlsx {
        let bytes = xlsx::render(&summary).map_err(|error| ReportError {
            path: path.clone(),
            message: error.to_string(),
        })?;
        write(path, &bytes)?;
    }
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    std::fs::write(path, bytes).map_err(|error| ReportError {
        path: path.to_owned(),
        message: error.to_string(),
    })
}
