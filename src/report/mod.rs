//! Report: one renderer per output format. Renderers only format the
//! [`crate::diagnostic::Diagnostic`]s of [`crate::lint::FileResult`]s; the
//! batch reports (HTML, CSV, XLSX) format the [`summary::BatchSummary`].

pub mod concise;
pub mod csv;
pub mod files;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod summary;
pub mod xlsx;

use std::str::FromStr;

/// Output formats of `rasoat check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Human,
    Json,
    Concise,
    Sarif,
    Github,
    Junit,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "human" => Ok(Format::Human),
            "json" => Ok(Format::Json),
            "concise" => Ok(Format::Concise),
            "sarif" => Ok(Format::Sarif),
            "github" => Ok(Format::Github),
            "junit" => Ok(Format::Junit),
            other => Err(format!("unknown format `{other}`")),
        }
    }
}
