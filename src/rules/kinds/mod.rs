//! The closed set of rule kinds. Each file compiles a [`RuleSpec`] into a
//! [`Check`] and rejects parameters it does not use.

use crate::rules::engine::Check;
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

/// Compile the regexes (and automata) that the kinds, the parser and the
/// template matcher build on first use, each on the rayon pool, so that
/// they are ready before the first plan is checked instead of being
/// compiled one after the other while it is. Only a speed-up: each is still
/// built on first use if this has not run.
pub fn prewarm() {
    use rayon::prelude::*;
    use std::sync::LazyLock;
    fn force<T>(lazy: &'static LazyLock<T>) {
        LazyLock::force(lazy);
    }
    let tasks: &[fn()] = &[
        || force(&arithmetic::percent::LINK),
        || force(&arithmetic::percent::TOTAL_WORD),
        || force(&arithmetic::amount::AMOUNT),
        || force(&arithmetic::amount::WORD),
        || force(&arithmetic::figures::NUMBER),
        || force(&citation::symbol::PARTY),
        || force(&citation::symbol::STATE),
        || force(&header::extract::NUMBER),
        || force(&header::extract::SPELLED_DATE),
        || force(&header::extract::SLASHED_DATE),
        || force(&header::extract::BODY_START),
        || force(&header::extract::NUMBER_LINE),
        || force(&header::extract::ATTACHED),
        || force(&header::extract::KEM),
        || force(&header::extract::AUTHORITY),
        || force(&outline::PREFIX),
        || force(&outline::MARKUP),
        || force(&outline::HEADING),
        || force(&outline::tables::NUMBER),
        || force(&outline::tables::GROUP),
        || force(&structure::MENTION),
        || force(&structure::STATED),
        || force(&structure::MARKER),
        || force(&structure::ITEM),
        || force(&year::HORIZON),
        || force(&year::YEAR),
        || force(&year::DAY),
        || force(&year::NAME),
        || force(&year::FIELD),
        || force(&year::PAREN),
        || force(&year::YEARS),
        || force(&crate::templates::matcher::LEFTOVER),
        || force(&crate::templates::rows::YEAR),
        || force(&crate::templates::rows::PERIOD),
        || force(&crate::templates::rows::LATEX),
        || force(&crate::templates::rows::PAREN_PERIOD),
        || force(&crate::templates::rows::NUMBER),
        || force(&crate::templates::rows::RANGE),
        || {
            crate::document::parser::citations::bare_symbol();
        },
        || {
            crate::document::parser::citations::type_words();
        },
    ];
    tasks.par_iter().for_each(|task| task());
}

pub fn compile(spec: &RuleSpec) -> Result<Box<dyn Check>, String> {
    match spec.kind {
        KindName::Pattern => pattern::compile(spec),
        KindName::Substitution => substitution::compile(spec),
        KindName::Consistency => consistency::compile(spec),
        KindName::Repetition => repetition::compile(spec),
        KindName::Numbering => numbering::compile(spec),
        KindName::Year => year::compile(spec),
        KindName::Citation => citation::compile(spec),
        KindName::Header => header::compile(spec),
        KindName::Arithmetic => arithmetic::compile(spec),
        KindName::Structure => structure::compile(spec),
        KindName::Template => template::compile(spec),
        KindName::Lexicon => lexicon::compile(spec),
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
