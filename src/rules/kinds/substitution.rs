//! `substitution` rules: a wrong phrase with its right form (`swap:`), fixed
//! in place. `patterns:` (optional) are context regexes: a match counts only
//! inside one of them (`Phần đầu` is a slip only before `đạt`, `đến` …).
//! `exceptions:` are contexts where a match is fine (a citation of an old
//! document names a body that no longer exists, and that is right).

use crate::diagnostic::{Applicability, Span};
use crate::rules::engine::{Check, CheckContext, Emitter};
use crate::rules::kinds::pattern::rule_regex;
use crate::rules::lazy_regex::{Compile, GatedRegex};
use crate::rules::loader::RuleSpec;
use crate::rules::text::{match_case, one_line, Exceptions, PhraseMatcher};

#[derive(Debug)]
struct SubstitutionCheck {
    matcher: PhraseMatcher,
    right: Vec<String>,
    contexts: Vec<GatedRegex>,
    exceptions: Exceptions,
    /// Matching ignores case, so the fix takes the case of the text.
    ignore_case: bool,
}

pub fn compile(spec: &RuleSpec, when: Compile) -> Result<Box<dyn Check>, String> {
    spec.only_params(&[
        "swap",
        "ignore_case",
        "fold_diacritics",
        "fix",
        "patterns",
        "exceptions",
    ])?;
    if spec.swap.is_empty() {
        return Err("kind `substitution` needs `swap:` (a map wrong → right)".into());
    }
    let wrong: Vec<String> = spec.swap.keys().cloned().collect();
    let right: Vec<String> = spec.swap.values().cloned().collect();
    Ok(Box::new(SubstitutionCheck {
        matcher: PhraseMatcher::with_compile(&wrong, spec.ignore_case, spec.fold_diacritics, when)?
            .joined(),
        right,
        contexts: spec
            .patterns
            .iter()
            .map(|p| rule_regex(p, spec.ignore_case, when))
            .collect::<Result<_, _>>()?,
        exceptions: Exceptions::with_compile(&spec.exceptions, when)?.joined(),
        ignore_case: spec.ignore_case,
    }))
}

impl Check for SubstitutionCheck {
    fn check(&self, ctx: &CheckContext, out: &mut Emitter) {
        let found = self.matcher.find_all(ctx.views());
        if found.is_empty() {
            return;
        }
        let contexts: Vec<Span> = self
            .contexts
            .iter()
            .filter_map(|r| r.for_haystack(ctx.text))
            .flat_map(|r| r.find_iter(ctx.text))
            .map(|m| Span::new(m.start(), m.end()))
            .collect();
        let exceptions = self.exceptions.spans(ctx.views());
        for (span, index) in found {
            let in_context = self.contexts.is_empty()
                || contexts
                    .iter()
                    .any(|c| c.start <= span.start && span.end <= c.end);
            if !in_context || exceptions.cover(span) {
                continue;
            }
            let (Some(text), Some(right)) =
                (ctx.text.get(span.start..span.end), self.right.get(index))
            else {
                continue;
            };
            let replacement = if self.ignore_case {
                match_case(text, right)
            } else {
                right.clone()
            };
            out.emit_with_fix(
                span,
                &replacement,
                Applicability::Safe,
                &[("found", &one_line(text)), ("expected", &replacement)],
            );
        }
    }
}
