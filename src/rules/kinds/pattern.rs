//! `pattern` rules: report every match of a regex (existence check).
//!
//! A match may come with a fix, built with the `swap:` replacements (longest
//! first): when the regex has a group named `keep`, the match is replaced by
//! that group with the swaps applied (`\$(?P<keep>…)\$` with
//! `swap: {'\geq': '≥', '\%': '%'}` turns `$\geq 90\%$` into `≥ 90%`); when
//! it has a group named `swap`, by the whole match with the swaps applied
//! (`<br>` → ` `); otherwise there is no fix. Regexes are tried in order; a
//! match overlapping an earlier regex's finding is skipped, so a precise
//! fixable regex can come before a general one.
//! `exceptions:` are contexts (phrases, or `re:REGEX`) where a match is fine.

use regex::Regex;
use regex_automata::util::captures::Captures;

use crate::diagnostic::{Applicability, Span};
use crate::rules::engine::{Check, CheckContext, Emitter};
use crate::rules::lazy_regex::{self, Compile, GatedRegex};
use crate::rules::loader::RuleSpec;
use crate::rules::text::Exceptions;

pub use crate::rules::text::REGEX_SIZE_LIMIT;

#[derive(Debug)]
struct PatternCheck {
    regexes: Vec<GatedRegex>,
    /// (from, to), longest `from` first.
    swaps: Vec<(String, String)>,
    exceptions: Exceptions,
}

pub fn compile(spec: &RuleSpec, when: Compile) -> Result<Box<dyn Check>, String> {
    spec.only_params(&["patterns", "ignore_case", "exceptions", "swap", "fix"])?;
    if spec.patterns.is_empty() {
        return Err("kind `pattern` needs `patterns:` (a list of regexes)".into());
    }
    let regexes = spec
        .patterns
        .iter()
        .map(|p| rule_regex(p, spec.ignore_case, when))
        .collect::<Result<_, _>>()?;
    let mut swaps: Vec<(String, String)> = spec
        .swap
        .iter()
        .map(|(from, to)| (from.clone(), to.clone()))
        .collect();
    swaps.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
    Ok(Box::new(PatternCheck {
        regexes,
        swaps,
        exceptions: Exceptions::with_compile(&spec.exceptions, when)?,
    }))
}

pub fn build_regex(pattern: &str, ignore_case: bool) -> Result<Regex, String> {
    lazy_regex::build(pattern, ignore_case).map_err(|e| bad_regex(pattern, e))
}

/// A regex of a rule's `patterns:` or `data:`, compiled `when` said.
pub fn rule_regex(pattern: &str, ignore_case: bool, when: Compile) -> Result<GatedRegex, String> {
    GatedRegex::new(pattern, ignore_case, when).map_err(|e| bad_regex(pattern, e))
}

fn bad_regex(pattern: &str, error: regex::Error) -> String {
    format!("bad regex `{pattern}`: {error}")
}

impl PatternCheck {
    /// `text` with every swap applied, left to right, longest first.
    fn apply_swaps(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        'outer: while let Some(c) = rest.chars().next() {
            for (from, to) in &self.swaps {
                if !from.is_empty() && rest.starts_with(from.as_str()) {
                    out.push_str(to);
                    rest = &rest[from.len()..];
                    continue 'outer;
                }
            }
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
        out
    }

    fn replacement(&self, text: &str, caps: &Captures) -> Option<String> {
        let whole = text.get(caps.get_match()?.range())?;
        if let Some(keep) = caps.get_group_by_name("keep") {
            Some(self.apply_swaps(text.get(keep.range())?))
        } else if caps.get_group_by_name("swap").is_some() {
            Some(self.apply_swaps(whole)).filter(|r| r != whole)
        } else {
            None
        }
    }
}

impl Check for PatternCheck {
    fn check(&self, ctx: &CheckContext, out: &mut Emitter) {
        // Findings of earlier regexes, sorted and disjoint.
        let mut earlier: Vec<Span> = Vec::new();
        let mut exceptions = None;
        for regex in self.regexes.iter().filter_map(|r| r.for_haystack(ctx.text)) {
            let mut reported = Vec::new();
            for caps in regex.captures_iter(ctx.text) {
                let Some(m) = caps.get_match() else {
                    continue;
                };
                let found = ctx.text.get(m.range()).unwrap_or_default();
                let span = Span::new(m.start(), m.end());
                if span.is_empty() || overlaps_any(&earlier, span) {
                    continue;
                }
                let exceptions =
                    exceptions.get_or_insert_with(|| self.exceptions.spans(ctx.views()));
                if exceptions.cover(span) {
                    continue;
                }
                reported.push(span);
                let vars = [("found", found)];
                match self.replacement(ctx.text, &caps) {
                    Some(replacement) => {
                        let vars = [("found", found), ("expected", replacement.as_str())];
                        out.emit_with_fix(span, &replacement, Applicability::Safe, &vars);
                    }
                    None => {
                        out.emit(span, &vars);
                    }
                }
            }
            earlier.extend(reported);
            earlier.sort_by_key(|s| s.start);
        }
    }
}

/// Whether `span` overlaps one of `sorted` (disjoint spans sorted by start).
fn overlaps_any(sorted: &[Span], span: Span) -> bool {
    let first_ending_after = sorted.partition_point(|s| s.end <= span.start);
    sorted
        .get(first_ending_after)
        .is_some_and(|s| s.start < span.end)
}
