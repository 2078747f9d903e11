//! Report: one renderer per output format. Renderers only format the
//! [`crate::diagnostic::Diagnostic`]s of [`crate::lint::FileResult`]s.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

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
