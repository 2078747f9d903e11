//! `pattern` rules: report every match of a regex (existence check).

use regex::{Regex, RegexBuilder};

use crate::diagnostic::Span;
use crate::rules::engine::{Check, CheckContext, Emitter};
use crate::rules::loader::RuleSpec;

/// Compiled regexes are capped so a rule file cannot exhaust memory.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

#[derive(Debug)]
struct PatternCheck {
    regexes: Vec<Regex>,
    exceptions: Vec<String>,
}

pub fn compile(spec: &RuleSpec) -> Result<Box<dyn Check>, String> {
    spec.only_params(&["patterns", "ignore_case", "exceptions"])?;
    if spec.patterns.is_empty() {
        return Err("kind `pattern` needs `patterns:` (a list of regexes)".into());
    }
    let regexes = spec
        .patterns
        .iter()
        .map(|p| build_regex(p, spec.ignore_case))
        .collect::<Result<_, _>>()?;
    Ok(Box::new(PatternCheck {
        regexes,
        exceptions: spec.exceptions.clone(),
    }))
}

pub fn build_regex(pattern: &str, ignore_case: bool) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .case_insensitive(ignore_case)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| format!("bad regex `{pattern}`: {e}"))
}

impl Check for PatternCheck {
    fn check(&self, ctx: &CheckContext, out: &mut Emitter) {
        for regex in &self.regexes {
            for m in regex.find_iter(ctx.text) {
                if self
                    .exceptions
                    .iter()
                    .any(|e| m.as_str().contains(e.as_str()))
                {
                    continue;
                }
                out.emit(Span::new(m.start(), m.end()), &[("found", m.as_str())]);
            }
        }
    }
}
