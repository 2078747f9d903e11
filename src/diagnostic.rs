//! The one diagnostic type every check produces and every renderer formats.

use std::sync::Arc;

use serde::{Deserialize, Serialize, Serializer};

pub use crate::document::model::Span;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    #[default]
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!("unknown severity `{other}` (info, warning, error)")),
        }
    }
}

/// A labelled byte range. The first label is the primary one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub message: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Does not change meaning (a typo, markup leftover): applied by `--fix`.
    Safe,
    /// Changes meaning (`≤ 95%` → `≥ 95%`): only with `--unsafe-fixes`.
    Unsafe,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

/// One finding. Spans are byte offsets: in the normalised text while rules run,
/// in the decoded original text once [`crate::document::SourceFile::to_original`]
/// has mapped them (which the check pipeline does before reporting).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub rule_id: String,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// The rule's, shared by all its findings (no copy per finding).
    #[serde(serialize_with = "serialize_shared")]
    pub docs: Option<Arc<str>>,
    pub labels: Vec<Label>,
    pub fix: Option<Fix>,
    /// Stable identity of the finding (see [`crate::fingerprint`]); set by the
    /// check pipeline once spans are final.
    pub fingerprint: Option<String>,
}

impl Diagnostic {
    pub fn new(rule_id: impl Into<String>, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            rule_id: rule_id.into(),
            severity,
            message: message.into(),
            help: None,
            docs: None,
            labels: Vec::new(),
            fix: None,
            fingerprint: None,
        }
    }

    pub fn with_label(mut self, span: Span, message: Option<String>) -> Self {
        self.labels.push(Label { span, message });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(mut self, applicability: Applicability, edits: Vec<Edit>) -> Self {
        self.fix = Some(Fix {
            applicability,
            edits,
        });
        self
    }

    /// The primary span, or an empty span at the start of the file for
    /// file-level findings.
    pub fn primary_span(&self) -> Span {
        self.labels.first().map(|l| l.span).unwrap_or_default()
    }
}

/// `Option<Arc<str>>` as the string it holds (serde's `Arc` support needs
/// its `rc` feature).
fn serialize_shared<S: Serializer>(
    text: &Option<Arc<str>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    text.as_deref().serialize(serializer)
}
