//! Regexes of rules, compiled when the rules load or on first use.
//!
//! Compiling every regex of the built-in rules was most of start-up, and on a
//! clean plan most of them never match. A built-in rule's regex is therefore
//! compiled on first use ([`Compile::OnFirstUse`]), and only once a text holds
//! one of the literals that every match must start (or end) with: a text
//! without them cannot match, so the regex is not needed for it. Rules from
//! user files are compiled at once ([`Compile::Now`]) so that a bad or
//! over-size regex is an error when the file loads. Built-in rules are
//! checked to compile by the test suite.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::{Regex, RegexBuilder};
use regex_syntax::hir::literal::{ExtractKind, Extractor};

use crate::rules::text::REGEX_SIZE_LIMIT;

/// When a rule's regexes are compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compile {
    /// When the rule loads: errors are reported then (rules from files).
    Now,
    /// On first use, when a text may match (built-in rules).
    OnFirstUse,
}

/// A regex with the options rules use.
pub fn build(pattern: &str, ignore_case: bool) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .case_insensitive(ignore_case)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
}

/// A rule's regex, compiled already or on first use.
#[derive(Debug)]
pub struct RuleRegex {
    pattern: String,
    ignore_case: bool,
    /// Literals one of which every match holds; `None` when the pattern has
    /// no small set of them (or is compiled already).
    gate: Option<AhoCorasick>,
    /// `None` inside when compiling failed: the regex then matches nothing.
    compiled: OnceLock<Option<Regex>>,
}

impl RuleRegex {
    /// `pattern`, compiled now (errors returned) or on first use.
    pub fn new(pattern: &str, ignore_case: bool, when: Compile) -> Result<Self, regex::Error> {
        let compiled = OnceLock::new();
        if when == Compile::Now {
            let _ = compiled.set(Some(build(pattern, ignore_case)?));
        }
        Ok(RuleRegex {
            pattern: pattern.to_owned(),
            ignore_case,
            gate: None,
            compiled,
        })
    }

    /// As [`RuleRegex::new`]; when compiled on first use, only for a text
    /// that holds one of the literals every match starts (or ends) with.
    pub fn gated(pattern: &str, ignore_case: bool, when: Compile) -> Result<Self, regex::Error> {
        let mut regex = Self::new(pattern, ignore_case, when)?;
        if when == Compile::OnFirstUse {
            regex.gate = gate(pattern, ignore_case);
        }
        Ok(regex)
    }

    /// The regex to search `haystack` with, or `None` when it cannot match
    /// there (it then stays uncompiled).
    pub fn for_haystack(&self, haystack: &str) -> Option<&Regex> {
        if let Some(compiled) = self.compiled.get() {
            return compiled.as_ref();
        }
        if let Some(gate) = &self.gate {
            if !gate.is_match(haystack) {
                return None;
            }
        }
        self.get()
    }

    /// The regex, compiled now if it was not yet.
    pub fn get(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| build(&self.pattern, self.ignore_case).ok())
            .as_ref()
    }
}

/// A search for the literals that every match of `pattern` starts with, else
/// ends with, when there are a few of them.
fn gate(pattern: &str, ignore_case: bool) -> Option<AhoCorasick> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(ignore_case)
        .build()
        .parse(pattern)
        .ok()?;
    [ExtractKind::Prefix, ExtractKind::Suffix]
        .into_iter()
        .find_map(|kind| {
            let seq = Extractor::new().kind(kind).extract(&hir);
            let literals = seq.literals()?;
            // An empty literal occurs in every text.
            if literals.is_empty() || literals.iter().any(|l| l.as_bytes().is_empty()) {
                return None;
            }
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(literals.iter().map(|l| l.as_bytes()))
                .ok()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lazy(pattern: &str, ignore_case: bool) -> RuleRegex {
        RuleRegex::gated(pattern, ignore_case, Compile::OnFirstUse).unwrap()
    }

    #[test]
    fn a_text_without_the_literals_leaves_the_regex_uncompiled() {
        let regex = lazy(r"\*\*(?P<keep>[^*\n]{1,300}?)\*\*", false);
        assert!(regex.gate.is_some());
        assert!(regex.for_haystack("no bold here").is_none());
        assert!(regex.compiled.get().is_none());
        let found = regex.for_haystack("a **bold** word").unwrap();
        assert_eq!(found.find("a **bold** word").unwrap().as_str(), "**bold**");
        // Once compiled, it is used without the gate.
        assert!(regex.for_haystack("plain").is_some());
    }

    #[test]
    fn suffix_literals_gate_anchored_patterns() {
        let regex = lazy(r"^\d+-[\p{L}]+/TW$", false);
        assert!(regex.gate.is_some());
        assert!(regex.for_haystack("749/QĐ-TTg").is_none());
        assert!(regex.for_haystack("71-NQ/TW").unwrap().is_match("71-NQ/TW"));
    }

    #[test]
    fn case_insensitive_literals_match_any_case() {
        let regex = lazy(r"<br>|<br/>", true);
        assert!(regex.for_haystack("line<BR>line").is_some());
    }

    #[test]
    fn patterns_that_match_anywhere_have_no_gate() {
        assert!(lazy(r"\p{L}+", false).gate.is_none());
        assert!(lazy(r"(?:a)?", false).gate.is_none());
        assert!(lazy(r"\d+", false).for_haystack("abc").is_some());
    }

    #[test]
    fn every_built_in_rule_compiles_at_once() {
        // Built-in rules load with `Compile::OnFirstUse`, where a bad regex
        // would only match nothing: this is where it is caught.
        let mut rules = crate::rules::RuleSet::default();
        rules.add_files(crate::rules::builtin::RULE_FILES).unwrap();
        assert!(rules.rules.len() > 50);
    }

    #[test]
    fn errors_come_at_once_or_never() {
        assert!(RuleRegex::gated("(unclosed", false, Compile::Now).is_err());
        let deferred = lazy("(unclosed", false);
        assert!(deferred.for_haystack("(unclosed").is_none());
    }
}
