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

mod groups;
mod marks;

use std::collections::BTreeMap;
use std::ops::Range;

use regex::Regex;
use regex_automata::util::captures::Captures;
use regex_automata::{meta, Anchored, Input, PatternID};
use regex_syntax::hir::{Hir, HirKind};

use crate::diagnostic::{Applicability, Span};
use crate::rules::engine::{Check, CheckContext, Emitter};
use crate::rules::lazy_regex::{self, AnyGate, Compile, GatedRegex};
use crate::rules::loader::RuleSpec;
use crate::rules::text::Exceptions;

pub use crate::rules::text::REGEX_SIZE_LIMIT;

#[derive(Debug)]
struct PatternCheck {
    regexes: Vec<Pattern>,
    /// The literals of all the regexes, when each has some: a plan without
    /// any is not searched.
    gate: Option<AnyGate>,
    /// (from, to), longest `from` first.
    swaps: Vec<(String, String)>,
    /// The first bytes of the swaps' `from`.
    swap_starts: [bool; 256],
    exceptions: Exceptions,
}

/// A regex of the rule, how its fix is found, and its finder when it is
/// found by hand (the regex is then not searched).
#[derive(Debug)]
struct Pattern {
    regex: GatedRegex,
    fix: Fix,
    hand: Option<marks::HandFinder>,
}

pub fn compile(spec: &RuleSpec, when: Compile) -> Result<Box<dyn Check>, String> {
    spec.only_params(&["patterns", "ignore_case", "exceptions", "swap", "fix"])?;
    if spec.patterns.is_empty() {
        return Err("kind `pattern` needs `patterns:` (a list of regexes)".into());
    }
    let regexes: Vec<Pattern> = spec
        .patterns
        .iter()
        .map(|p| {
            let regex = rule_regex(p, spec.ignore_case, when)?;
            let fix = Fix::of(&regex);
            let hand = marks::HandFinder::of(p, spec.ignore_case);
            Ok::<_, String>(Pattern { regex, fix, hand })
        })
        .collect::<Result<_, _>>()?;
    let (swaps, swap_starts) = swap_table(&spec.swap);
    let gate = AnyGate::of(regexes.iter().map(|p| &p.regex));
    Ok(Box::new(PatternCheck {
        regexes,
        gate,
        swaps,
        swap_starts,
        exceptions: Exceptions::with_compile(&spec.exceptions, when)?,
    }))
}

/// How the fix of a match is found.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Fix {
    /// No `keep` or `swap` group: no fix.
    None,
    /// The `keep` group, where the match alone places it.
    Keep(groups::FixedGroup),
    /// The `keep` group, where the match and its runs of marks place it.
    Trimmed(groups::TrimmedGroup),
    /// A `swap` group that takes part in every match (and no `keep`).
    Swap,
    /// The groups are searched for in the match.
    Search,
}

impl Fix {
    fn of(regex: &GatedRegex) -> Fix {
        let Some(hir) = regex.syntax() else {
            return Fix::Search;
        };
        if let Some(keep) = groups::fixed_group(&hir, "keep") {
            Fix::Keep(keep)
        } else if let Some(keep) = groups::trimmed_group(&hir, "keep") {
            Fix::Trimmed(keep)
        } else if has_group(&hir, "keep") {
            Fix::Search
        } else if groups::fixed_group(&hir, "swap").is_some() {
            Fix::Swap
        } else if has_group(&hir, "swap") {
            Fix::Search
        } else {
            Fix::None
        }
    }
}

/// Whether `hir` has a group named `name`.
fn has_group(hir: &Hir, name: &str) -> bool {
    match hir.kind() {
        HirKind::Capture(capture) => {
            capture.name.as_deref() == Some(name) || has_group(&capture.sub, name)
        }
        HirKind::Repetition(repetition) => has_group(&repetition.sub, name),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            subs.iter().any(|sub| has_group(sub, name))
        }
        _ => false,
    }
}

/// The swaps, longest `from` first, and which bytes start one.
fn swap_table(swap: &BTreeMap<String, String>) -> (Vec<(String, String)>, [bool; 256]) {
    let mut swaps: Vec<(String, String)> = swap
        .iter()
        .map(|(from, to)| (from.clone(), to.clone()))
        .collect();
    swaps.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
    let mut starts = [false; 256];
    for first in swaps.iter().filter_map(|(from, _)| from.bytes().next()) {
        starts[usize::from(first)] = true;
    }
    (swaps, starts)
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
        // A swap can only start at a byte that starts one of them (never a
        // UTF-8 continuation byte, so the text before it is whole chars).
        while let Some(at) = rest.bytes().position(|b| self.swap_starts[usize::from(b)]) {
            out.push_str(&rest[..at]);
            rest = &rest[at..];
            match self
                .swaps
                .iter()
                .find(|(from, _)| !from.is_empty() && rest.starts_with(from.as_str()))
            {
                Some((from, to)) => {
                    out.push_str(to);
                    rest = &rest[from.len()..];
                }
                None => {
                    let c_len = rest.chars().next().map_or(1, char::len_utf8);
                    out.push_str(&rest[..c_len]);
                    rest = &rest[c_len..];
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// The fix for the match `span` of `regex`, from its `keep` or `swap`
    /// group: placed by the match alone when `fix` says so, else searched
    /// for here, on the match alone (as the regex itself does after finding
    /// a match): most matches of a plan need no groups, being skipped as
    /// overlaps or exceptions. A pattern found by hand has no `regex`, and
    /// its groups are placed by the match.
    fn replacement(
        &self,
        (regex, fix): (Option<&meta::Regex>, &Fix),
        caps: &mut Option<Captures>,
        text: &str,
        span: Span,
    ) -> Option<String> {
        match fix {
            Fix::None => return None,
            Fix::Keep(keep) => {
                return Some(self.apply_swaps(text.get(keep.range(span.start, span.end)?)?))
            }
            Fix::Trimmed(keep) => {
                let range = keep.range(text.as_bytes(), span.start, span.end)?;
                return Some(self.apply_swaps(text.get(range)?));
            }
            Fix::Swap => {
                let whole = text.get(span.start..span.end)?;
                return Some(self.apply_swaps(whole)).filter(|r| r != whole);
            }
            Fix::Search => {}
        }
        let regex = regex?;
        let info = regex.group_info();
        let keep = info.to_index(PatternID::ZERO, "keep");
        let swap = info.to_index(PatternID::ZERO, "swap");
        if keep.is_none() && swap.is_none() {
            return None;
        }
        let caps = caps.get_or_insert_with(|| regex.create_captures());
        let input = Input::new(text)
            .span(span.start..span.end)
            .anchored(Anchored::Yes);
        regex.search_captures(&input, caps);
        let whole = text.get(caps.get_match()?.range())?;
        if let Some(keep) = keep.and_then(|i| caps.get_group(i)) {
            Some(self.apply_swaps(text.get(keep.range())?))
        } else if swap.is_some_and(|i| caps.get_group(i).is_some()) {
            Some(self.apply_swaps(whole)).filter(|r| r != whole)
        } else {
            None
        }
    }
}

impl Check for PatternCheck {
    fn check(&self, ctx: &CheckContext, out: &mut Emitter) {
        if self
            .gate
            .as_ref()
            .is_some_and(|gate| !gate.may_match(ctx.text))
        {
            return;
        }
        // Findings of earlier regexes, sorted and disjoint.
        let mut earlier: Vec<Span> = Vec::new();
        let mut exceptions = None;
        let mut matches: Vec<Range<usize>> = Vec::new();
        for pattern in &self.regexes {
            matches.clear();
            let regex = match pattern.hand {
                Some(hand) => {
                    hand.find_all(ctx.text, &mut matches);
                    None
                }
                None => {
                    let Some(regex) = pattern.regex.for_haystack(ctx.text) else {
                        continue;
                    };
                    matches.extend(regex.find_iter(ctx.text).map(|m| m.range()));
                    Some(regex)
                }
            };
            let mut reported = Vec::new();
            let mut caps = None;
            for m in matches.iter().cloned() {
                let found = ctx.text.get(m.clone()).unwrap_or_default();
                let span = Span::new(m.start, m.end);
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
                match self.replacement((regex, &pattern.fix), &mut caps, ctx.text, span) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::builtin::RULE_FILES;
    use crate::rules::loader::{parse_rule_file, KindName};

    /// The example plans and fixtures, with markup added, to search.
    fn texts() -> Vec<String> {
        let mut texts = vec![
            "## **Mục tiêu**\n**KẾ HOẠCH\nnăm 2026** *nghiêng* __gạch__ ***\n".to_owned(),
            "$\\geq 90\\%$ $\\frac{1}{2}$ <b>I</b>\t<i>x</i><br />&nbsp;</td>".to_owned(),
            "#  \t\n####### x\n# a \t \n##\tb\r\n#x\n## \n## a  b \t".to_owned(),
        ];
        texts.extend(crate::sample_texts::plan_texts(false));
        texts
    }

    #[test]
    fn groups_of_the_match_alone_agree_with_captures_iter() {
        let texts = texts();
        let mut compared = 0;
        for (path, yaml) in RULE_FILES {
            for spec in parse_rule_file(path, yaml).unwrap() {
                if !matches!(spec.kind, KindName::Pattern) {
                    continue;
                }
                for pattern in &spec.patterns {
                    let regex = build_meta_for_test(pattern, spec.ignore_case);
                    for text in &texts {
                        let mut caps = regex.create_captures();
                        let whole: Vec<_> = regex.captures_iter(text.as_str()).collect();
                        let found: Vec<_> = regex.find_iter(text.as_str()).collect();
                        assert_eq!(whole.len(), found.len(), "{pattern}");
                        for (expected, m) in whole.iter().zip(&found) {
                            let input = Input::new(text.as_str())
                                .span(m.range())
                                .anchored(Anchored::Yes);
                            regex.search_captures(&input, &mut caps);
                            for group in 0..expected.group_len() {
                                assert_eq!(expected.get_group(group), caps.get_group(group));
                            }
                            compared += 1;
                        }
                    }
                }
            }
        }
        assert!(compared > 100, "only {compared} matches compared");
    }

    #[test]
    fn groups_placed_by_the_match_agree_with_captures_iter() {
        let texts = texts();
        let (mut placed, mut compared) = (0, 0);
        for (path, yaml) in RULE_FILES {
            for spec in parse_rule_file(path, yaml).unwrap() {
                if !matches!(spec.kind, KindName::Pattern) {
                    continue;
                }
                for pattern in &spec.patterns {
                    let gated = rule_regex(pattern, spec.ignore_case, Compile::Now).unwrap();
                    let fix = Fix::of(&gated);
                    // A pattern found by hand has no regex to search groups.
                    if marks::HandFinder::of(pattern, spec.ignore_case).is_some() {
                        assert!(!matches!(fix, Fix::Search), "{pattern}");
                    }
                    if matches!(fix, Fix::Keep(_) | Fix::Trimmed(_) | Fix::Swap) {
                        placed += 1;
                    }
                    let regex = build_meta_for_test(pattern, spec.ignore_case);
                    let info = regex.group_info();
                    let keep = info.to_index(PatternID::ZERO, "keep");
                    let swap = info.to_index(PatternID::ZERO, "swap");
                    for text in &texts {
                        for caps in regex.captures_iter(text.as_str()) {
                            let m = caps.get_match().unwrap();
                            match &fix {
                                Fix::Keep(group) => assert_eq!(
                                    group.range(m.start(), m.end()),
                                    caps.get_group(keep.unwrap()).map(|s| s.range()),
                                    "{pattern}"
                                ),
                                Fix::Trimmed(group) => assert_eq!(
                                    group.range(text.as_bytes(), m.start(), m.end()),
                                    caps.get_group(keep.unwrap()).map(|s| s.range()),
                                    "{pattern}"
                                ),
                                Fix::Swap => {
                                    assert!(keep.is_none(), "{pattern}");
                                    assert!(caps.get_group(swap.unwrap()).is_some(), "{pattern}");
                                }
                                Fix::None => assert!(keep.is_none() && swap.is_none()),
                                Fix::Search => {}
                            }
                            compared += 1;
                        }
                    }
                }
            }
        }
        assert!(placed >= 8, "only {placed} patterns have placed groups");
        assert!(compared > 100, "only {compared} matches compared");
    }

    #[test]
    fn trimmed_groups_agree_with_captures_on_generated_lines() {
        let pattern = r"(?m)^#{1,6}[ \t]+(?P<keep>[^\n]*?)[ \t]*$";
        let gated = rule_regex(pattern, false, Compile::Now).unwrap();
        let Fix::Trimmed(group) = Fix::of(&gated) else {
            panic!("the heading pattern is placed by its runs");
        };
        let regex = build_meta_for_test(pattern, false);
        let keep = regex
            .group_info()
            .to_index(PatternID::ZERO, "keep")
            .unwrap();
        let alphabet = ['#', ' ', '\t', 'a', '\n', 'é'];
        let mut compared = 0;
        for len in 0..=7u32 {
            for mut n in 0..alphabet.len().pow(len) {
                let mut text = String::new();
                for _ in 0..len {
                    text.push(alphabet[n % alphabet.len()]);
                    n /= alphabet.len();
                }
                for caps in regex.captures_iter(text.as_str()) {
                    let m = caps.get_match().unwrap();
                    assert_eq!(
                        group.range(text.as_bytes(), m.start(), m.end()),
                        caps.get_group(keep).map(|s| s.range()),
                        "{text:?}"
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared > 10_000, "only {compared} matches compared");
    }

    fn build_meta_for_test(pattern: &str, ignore_case: bool) -> meta::Regex {
        meta::Builder::new()
            .syntax(regex_automata::util::syntax::Config::new().case_insensitive(ignore_case))
            .build(pattern)
            .unwrap()
    }

    /// The swaps as first written: every swap tried at every char.
    fn apply_swaps_char_by_char(swaps: &[(String, String)], text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        'outer: while let Some(c) = rest.chars().next() {
            for (from, to) in swaps {
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

    #[test]
    fn swaps_agree_with_trying_every_char() {
        let swap: BTreeMap<String, String> = [
            ("**", ""),
            ("*", "·"),
            ("<b>", ""),
            ("<br />", " "),
            ("<br>", " "),
            ("\\ge", "≥"),
            ("\\geq", "≥"),
            ("đ", "d"),
            ("ắc", "ac"),
        ]
        .into_iter()
        .map(|(from, to)| (from.to_owned(), to.to_owned()))
        .collect();
        let (swaps, swap_starts) = swap_table(&swap);
        let check = PatternCheck {
            regexes: Vec::new(),
            gate: None,
            swaps: swaps.clone(),
            swap_starts,
            exceptions: Exceptions::default(),
        };
        let extra = ["**đắc** <br /><br><b>x</b> \\geq \\ge ***", "", "ắcđ*"];
        for text in texts().iter().map(String::as_str).chain(extra) {
            assert_eq!(
                check.apply_swaps(text),
                apply_swaps_char_by_char(&swaps, text)
            );
        }
    }
}
