//! The closed set of rule kinds. Each file compiles a [`RuleSpec`] into a
//! [`Check`] and rejects parameters it does not use.

use crate::rules::engine::Check;
use crate::rules::lazy_regex::Compile;
use crate::rules::loader::{KindName, RuleSpec};

pub mod arithmetic;
pub mod citation;
pub mod consistency;
pub mod header;
pub mod lexicon;
pub mod numbering;
pub mod outline;
pub mod pattern;
pub mod repetition;
pub mod structure;
pub mod substitution;
pub mod template;
pub mod year;

mod word_exceptions;
mod word_table;

pub fn compile(spec: &RuleSpec) -> Result<Box<dyn Check>, String> {
    compile_with(spec, Compile::Now)
}

/// As [`compile`], the rule's regexes compiled `when` said.
pub fn compile_with(spec: &RuleSpec, when: Compile) -> Result<Box<dyn Check>, String> {
    match spec.kind {
        KindName::Pattern => pattern::compile(spec, when),
        KindName::Substitution => substitution::compile(spec, when),
        KindName::Consistency => consistency::compile(spec, when),
        KindName::Repetition => repetition::compile(spec, when),
        KindName::Numbering => numbering::compile(spec),
        KindName::Year => year::compile(spec),
        KindName::Citation => citation::compile(spec, when),
        KindName::Header => header::compile(spec),
        KindName::Arithmetic => arithmetic::compile(spec),
        KindName::Structure => structure::compile(spec),
        KindName::Template => template::compile(spec),
        KindName::Lexicon => lexicon::compile(spec, when),
    }
}

/// The `check:` name of a built-in kind, validated against the kind's list.
pub fn check_name<'a>(spec: &'a RuleSpec, known: &[&str]) -> Result<&'a str, String> {
    let name = spec.check.as_deref().ok_or_else(|| {
        format!(
            "kind `{}` needs `check:` (one of: {})",
            spec.kind.as_str(),
            known.join(", ")
        )
    })?;
    if known.contains(&name) {
        Ok(name)
    } else {
        Err(format!(
            "unknown check `{name}` for kind `{}` (one of: {})",
            spec.kind.as_str(),
            known.join(", ")
        ))
    }
}
