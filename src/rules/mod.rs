//! Checking: YAML rule files ([`loader`]) compiled into rules ([`kinds`], one
//! file per kind) and run by the [`engine`] over a parsed document.

pub mod builtin;
pub mod engine;
pub mod kinds;
pub mod lazy_regex;
pub mod loader;
pub mod locate;
pub mod text;

pub use engine::{CheckContext, Emitter, Rule, RuleMeta, RuleSet};
pub use loader::{Lang, Localized, RuleFileError, RuleSpec};
