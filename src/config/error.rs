//! Configuration errors, shown by miette with the offending line.

use std::path::Path;

use miette::{NamedSource, SourceSpan};

use crate::rules::RuleFileError;

/// A configuration error, shown by miette with the offending line.
#[derive(Debug)]
pub struct ConfigError {
    pub path: String,
    pub message: String,
    /// 1-based line and column (characters) of the offending text.
    pub line_column: Option<(usize, usize)>,
    pub src: Box<NamedSource<String>>,
    pub span: Option<SourceSpan>,
    /// A rule file of the config's rule folders that failed to load.
    pub rule_file: Option<Box<RuleFileError>>,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line_column {
            Some((line, column)) => write!(f, "{}:{line}:{column}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for ConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.rule_file
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl miette::Diagnostic for ConfigError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new("rasoat::invalid-config"))
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.span
            .map(|_| self.src.as_ref() as &dyn miette::SourceCode)
    }
    fn diagnostic_source(&self) -> Option<&dyn miette::Diagnostic> {
        self.rule_file
            .as_deref()
            .map(|e| e as &dyn miette::Diagnostic)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = self.span?;
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_primary_with_span(Some("here".into()), span),
        )))
    }
}

impl ConfigError {
    pub(super) fn new(
        path: &Path,
        text: &str,
        message: String,
        span: Option<std::ops::Range<usize>>,
    ) -> Self {
        let name = path.display().to_string();
        let span = span.map(|r| {
            let start = r.start.min(text.len());
            (start, r.end.clamp(start, text.len()) - start)
        });
        let line_column = span.map(|(start, _)| {
            let before = text.get(..start).unwrap_or_default();
            let line = before.matches('\n').count() + 1;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let column = before.get(line_start..).unwrap_or_default().chars().count() + 1;
            (line, column)
        });
        ConfigError {
            src: Box::new(NamedSource::new(&name, text.to_owned())),
            path: name,
            message,
            line_column,
            span: span.map(Into::into),
            rule_file: None,
        }
    }

    /// A rule file in one of the config's `[rules] folders` is invalid;
    /// miette shows that file's own error below this one.
    pub(super) fn from_rules(
        path: &Path,
        text: &str,
        folders: std::ops::Range<usize>,
        error: RuleFileError,
    ) -> Self {
        let mut config_error = ConfigError::new(
            path,
            text,
            "a rule file in the rule folders of this config is invalid".into(),
            Some(folders),
        );
        config_error.rule_file = Some(Box::new(error));
        config_error
    }
}
