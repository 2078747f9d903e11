//! rasoat — linter and validator for Vietnamese digital-transformation plans.
//!
//! Pipeline: read (`document`: decode → normalise → parse → model) →
//! check (`rules`: YAML rules, one file per rule kind; `templates`) →
//! report (`report`: one renderer per format) → `cli`.

pub mod baseline;
pub mod batch;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod fingerprint;
pub mod fix;
#[doc(hidden)]
pub mod fuzzing;
pub mod lint;
pub mod report;
pub mod rules;
#[cfg(test)]
pub(crate) mod sample_texts;
pub mod templates;
pub mod timing;
