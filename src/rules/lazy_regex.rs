//! Regexes of rules, compiled when the rules load or on first use.
//!
//! Compiling every regex of the built-in rules was most of start-up, and on a
//! clean plan most of them never match. A built-in rule's regex is therefore
//! compiled on first use ([`Compile::OnFirstUse`]), and a [`GatedRegex`] only
//! once a text holds one of the literals that every match must start (or end)
//! with: a text without them cannot match, so the regex is not needed for it.
//! Its first use is served by an engine that is quick to build (the NFA with
//! the PikeVM and the bounded backtracker); from the next use on, the regex
//! is compiled in full (with the lazy DFA), which pays when many plans are
//! checked. Both find the same matches. Rules from user files are compiled
//! at once ([`Compile::Now`]) so that a bad or over-size regex is an error
//! when the file loads. Built-in rules are checked to compile by the test
//! suite.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::{Regex, RegexBuilder};
use regex_automata::meta;
use regex_automata::util::syntax;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};

use crate::rules::text::REGEX_SIZE_LIMIT;

mod bytes;
mod code;
mod rarity;

pub use code::{expect_texts, Groups, LazyRegex, Replacer, StaticRegex};

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

/// A regex compiled on first use, served by the engine that is quick to
/// build while its searches stay within a [`QuickBudget`], then compiled in
/// full.
#[derive(Debug)]
struct TwoStage {
    uses: AtomicUsize,
    /// Bytes of haystack searched so far.
    bytes: AtomicUsize,
    /// `None` inside when compiling failed: the regex then matches nothing.
    quick: OnceLock<Option<meta::Regex>>,
    full: OnceLock<Option<meta::Regex>>,
}

/// How much searching the quick engine serves before the regex is compiled
/// in full. Compiling in full costs about as much again as the quick build:
/// that pays from the second plan-sized text on, but only after many short
/// ones (the symbols of a plan's citations).
#[derive(Debug, Clone, Copy)]
struct QuickBudget {
    /// Longest text the first search serves with the quick engine.
    first: usize,
    /// Searches after the first, while the bytes they searched stay within
    /// `bytes`.
    uses: usize,
    bytes: usize,
}

impl QuickBudget {
    /// Compiled in full at once.
    const NONE: QuickBudget = QuickBudget {
        first: 0,
        uses: 0,
        bytes: 0,
    };

    /// Whether the search of `len` bytes after `uses` searches of `bytes`
    /// is served by the quick engine.
    fn allows(&self, uses: usize, bytes: usize, len: usize) -> bool {
        if uses == 0 {
            self.uses > 0 && len <= self.first
        } else {
            uses < self.uses && bytes.saturating_add(len) <= self.bytes
        }
    }
}

impl TwoStage {
    const fn new() -> Self {
        TwoStage {
            uses: AtomicUsize::new(0),
            bytes: AtomicUsize::new(0),
            quick: OnceLock::new(),
            full: OnceLock::new(),
        }
    }

    /// Both stages with the full engine built at once, so errors come now.
    fn full_now(pattern: &str, ignore_case: bool) -> Result<Self, regex::Error> {
        let compiled = TwoStage::new();
        let full = build_meta(pattern, ignore_case, false, REGEX_SIZE_LIMIT, None)?;
        let _ = compiled.full.set(Some(full));
        Ok(compiled)
    }

    /// The engine to search a haystack of `len` bytes with.
    fn engine(
        &self,
        pattern: &str,
        ignore_case: bool,
        budget: QuickBudget,
        len: usize,
    ) -> Option<&meta::Regex> {
        self.engine_limited(pattern, ignore_case, budget, len, REGEX_SIZE_LIMIT, None)
    }

    /// As [`TwoStage::engine`], with another limit on the compiled size.
    fn engine_limited(
        &self,
        pattern: &str,
        ignore_case: bool,
        budget: QuickBudget,
        len: usize,
        size_limit: usize,
        parsed: Option<&Hir>,
    ) -> Option<&meta::Regex> {
        if let Some(full) = self.full.get() {
            return full.as_ref();
        }
        let uses = self.uses.fetch_add(1, Ordering::Relaxed);
        let bytes = self.bytes.fetch_add(len, Ordering::Relaxed);
        let quick = budget.allows(uses, bytes, len);
        let slot = if quick { &self.quick } else { &self.full };
        slot.get_or_init(|| build_meta(pattern, ignore_case, quick, size_limit, parsed).ok())
            .as_ref()
    }
}

/// Searches served by the quick engine before a [`RuleRegex`] is compiled
/// in full: a phrase matcher searches once per place a phrase may start.
const PHRASE_QUICK: QuickBudget = QuickBudget {
    first: usize::MAX,
    uses: 64,
    bytes: usize::MAX,
};

/// A regex compiled already or on first use.
#[derive(Debug)]
pub struct RuleRegex {
    pattern: String,
    ignore_case: bool,
    compiled: TwoStage,
}

impl RuleRegex {
    /// `pattern`, compiled now (errors returned) or on first use.
    pub fn new(pattern: &str, ignore_case: bool, when: Compile) -> Result<Self, regex::Error> {
        let compiled = match when {
            Compile::Now => TwoStage::full_now(pattern, ignore_case)?,
            Compile::OnFirstUse => TwoStage::new(),
        };
        Ok(RuleRegex {
            pattern: pattern.to_owned(),
            ignore_case,
            compiled,
        })
    }

    /// As [`regex::Regex::find_at`].
    pub fn find_at<'h>(&self, haystack: &'h str, start: usize) -> Option<Found<'h>> {
        let regex = self
            .compiled
            .engine(&self.pattern, self.ignore_case, PHRASE_QUICK, 0)?;
        let found = regex.find(regex_automata::Input::new(haystack).span(start..haystack.len()))?;
        Some(Found {
            haystack,
            start: found.start(),
            end: found.end(),
        })
    }
}

/// A match of a [`RuleRegex`] or [`LazyRegex`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found<'h> {
    haystack: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Found<'h> {
    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn as_str(&self) -> &'h str {
        self.haystack.get(self.start..self.end).unwrap_or_default()
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// Searches a [`GatedRegex`] serves with the quick engine: one plan-sized
/// text (a larger one is searched quicker by the full engine), or many
/// short ones (the symbol of a citation).
const GATED_QUICK: QuickBudget = QuickBudget {
    first: 256 * 1024,
    uses: 64,
    bytes: 4 * 1024,
};

/// A regex of a rule's `patterns:`, `re:` exceptions or `data:`, searched
/// with the same semantics as [`regex::Regex`] (leftmost-first, UTF-8).
#[derive(Debug)]
pub struct GatedRegex {
    pattern: String,
    ignore_case: bool,
    /// Literals one of which every match holds; `None` when the pattern has
    /// no small set of them (or is compiled already).
    gate: Option<LiteralSearch>,
    /// Literals one of which every match holds past its start (`huyện` in
    /// `UBND\s+huyện`): the compiled regex looks for the first literals of
    /// a match, so a text with those but without these is still searched.
    inner: Option<LiteralSearch>,
    /// The literals of `inner`, else of `gate`, for [`AnyGate`].
    necessary: Option<Vec<Vec<u8>>>,
    /// The pattern as parsed to find the literals, kept for the compiler.
    parsed: Option<Hir>,
    compiled: TwoStage,
}

impl GatedRegex {
    /// `pattern`, compiled now (errors returned) or on first use.
    pub fn new(pattern: &str, ignore_case: bool, when: Compile) -> Result<Self, regex::Error> {
        let (compiled, gate, inner, parsed) = match when {
            Compile::Now => (TwoStage::full_now(pattern, ignore_case)?, None, None, None),
            Compile::OnFirstUse => match parse(pattern, ignore_case) {
                Some(hir) => (TwoStage::new(), gate(&hir), inner_gate(&hir), Some(hir)),
                None => (TwoStage::new(), None, None, None),
            },
        };
        let search =
            |literals: &Option<Vec<Vec<u8>>>| literals.as_deref().and_then(LiteralSearch::new);
        let (gate, inner, necessary) = (search(&gate), search(&inner), inner.or(gate));
        Ok(GatedRegex {
            pattern: pattern.to_owned(),
            ignore_case,
            gate,
            inner,
            necessary,
            parsed,
            compiled,
        })
    }

    /// The pattern as the regex reads it: the tree kept from loading, else
    /// parsed now; `None` for a pattern that does not parse.
    pub fn syntax(&self) -> Option<std::borrow::Cow<'_, Hir>> {
        match &self.parsed {
            Some(hir) => Some(std::borrow::Cow::Borrowed(hir)),
            None => parse(&self.pattern, self.ignore_case).map(std::borrow::Cow::Owned),
        }
    }

    /// The regex to search `haystack` with, or `None` when it cannot match
    /// there (it then stays uncompiled).
    pub fn for_haystack(&self, haystack: &str) -> Option<&meta::Regex> {
        if let Some(inner) = &self.inner {
            if !inner.is_match(haystack) {
                return None;
            }
        }
        if let Some(full) = self.compiled.full.get() {
            return full.as_ref();
        }
        if let Some(gate) = &self.gate {
            if !gate.is_match(haystack) {
                return None;
            }
        }
        self.compiled.engine_limited(
            &self.pattern,
            self.ignore_case,
            GATED_QUICK,
            haystack.len(),
            REGEX_SIZE_LIMIT,
            self.parsed.as_ref(),
        )
    }
}

/// One search for the literals of several gated regexes: a text without
/// any of them cannot match one of the regexes, which then need no search
/// (nor their own gates). `district-level-unit` has three regexes gated
/// on `huyện`, `quận`, `thị xã`…: one search instead of three, each over
/// the whole plan.
#[derive(Debug)]
pub struct AnyGate(LiteralSearch);

impl AnyGate {
    /// The gate of `regexes`, when each of them has literals one of which
    /// every match holds, and there are several.
    pub fn of<'a>(regexes: impl IntoIterator<Item = &'a GatedRegex>) -> Option<AnyGate> {
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut count = 0;
        for regex in regexes {
            literals.extend(regex.necessary.as_ref()?.iter().cloned());
            count += 1;
        }
        if count < 2 {
            return None;
        }
        literals.sort_unstable();
        literals.dedup();
        LiteralSearch::new(&literals).map(AnyGate)
    }

    /// Whether one of the regexes may match `haystack`.
    pub fn may_match(&self, haystack: &str) -> bool {
        self.0.is_match(haystack)
    }
}

/// `pattern` as [`build`] compiles it, or (`quick`) with only the engines
/// that need no more than the NFA. `parsed` is the pattern as [`parse`]
/// reads it, when it was parsed already (the same as the builder's parse).
fn build_meta(
    pattern: &str,
    ignore_case: bool,
    quick: bool,
    size_limit: usize,
    parsed: Option<&Hir>,
) -> Result<meta::Regex, regex::Error> {
    // As `regex::RegexBuilder` configures it.
    let mut config = meta::Config::new()
        .nfa_size_limit(Some(size_limit))
        .hybrid_cache_capacity(2 * (1 << 20))
        .onepass_size_limit(Some(4 * (1 << 20)))
        .match_kind(regex_automata::MatchKind::LeftmostFirst)
        .utf8_empty(true);
    let syntax = syntax::Config::new()
        .case_insensitive(ignore_case)
        .utf8(true);
    if quick {
        config = config.onepass(false).hybrid(false).dfa(false);
    }
    // A bad pattern is left to the build from the pattern, for its error.
    let parsed_here;
    let hir = match parsed {
        Some(hir) => hir,
        None => match syntax::parse_with(pattern, &syntax) {
            Ok(hir) => {
                parsed_here = hir;
                &parsed_here
            }
            Err(_) => {
                return meta::Builder::new()
                    .configure(config)
                    .syntax(syntax)
                    .build(pattern)
                    .map_err(regex_error)
            }
        },
    };
    let rewritten = if quick {
        bytes::any_char_as_bytes(hir)
    } else {
        None
    };
    meta::Builder::new()
        .configure(config)
        .build_from_hir(rewritten.as_ref().unwrap_or(hir))
        .map_err(regex_error)
}

/// The error `regex` gives for a pattern `meta` could not build.
fn regex_error(error: regex_automata::meta::BuildError) -> regex::Error {
    match error.size_limit() {
        Some(limit) => regex::Error::CompiledTooBig(limit),
        None => regex::Error::Syntax(match error.syntax_error() {
            Some(syntax_error) => syntax_error.to_string(),
            None => error.to_string(),
        }),
    }
}

/// `pattern` as the regex reads it, to find its literals.
fn parse(pattern: &str, ignore_case: bool) -> Option<Hir> {
    regex_syntax::ParserBuilder::new()
        .case_insensitive(ignore_case)
        .build()
        .parse(pattern)
        .ok()
}

/// Most literals a gate searches for: more are cut to their first bytes.
const GATE_LITERALS: usize = 32;

/// Fewest bytes of the shortest literal of an inner gate: shorter ones
/// occur in most texts, and the gate would only cost a search.
const INNER_GATE_BYTES: usize = 4;

/// A search for literals one of which every match of `hir` holds past its
/// start (the pattern being a sequence): the first literals of an item
/// that follows one without a few of them, the longest ones winning.
fn inner_gate(mut hir: &Hir) -> Option<Vec<Vec<u8>>> {
    while let HirKind::Capture(capture) = hir.kind() {
        hir = &capture.sub;
    }
    let HirKind::Concat(items) = hir.kind() else {
        return None;
    };
    // Each item of the sequence is matched inside every match, so one of
    // its first literals occurs there. Tried are the items after one
    // without a few literals (`\s+`, `[^\n]{2,60}?`), and single literals
    // (`ấp huyện` in `[Cc]ấp huyện`), searched quicker alone (`memmem`)
    // than the regex's own prefilter searches for its few first literals;
    // other literals only extend those. One literal is preferred, then
    // the longest.
    let firsts: Vec<_> = items
        .iter()
        .map(|item| Extractor::new().kind(ExtractKind::Prefix).extract(item))
        .collect();
    let best = firsts
        .windows(2)
        .filter(|pair| !pair[0].is_finite() || pair[1].len() == Some(1))
        .filter_map(|pair| {
            let literals = pair[1].literals()?;
            let shortest = literals.iter().map(|l| l.as_bytes().len()).min()?;
            (literals.len() <= GATE_LITERALS && shortest >= INNER_GATE_BYTES)
                .then_some((shortest, literals))
        })
        .max_by_key(|(shortest, literals)| (literals.len() == 1, *shortest))?;
    Some(best.1.iter().map(|l| l.as_bytes().to_vec()).collect())
}

/// Whether a text holds one of a few literals, by the quickest search
/// for them: `memchr` when they all start with one mark (`<`, `&`, `**`),
/// `memmem` for one, Teddy (SIMD) for a few, else a DFA.
#[derive(Debug)]
enum LiteralSearch {
    Marked(Marked),
    One(memchr::memmem::Finder<'static>),
    Packed(rarity::RareTails),
    Automaton(AhoCorasick),
}

impl LiteralSearch {
    fn new(literals: &[Vec<u8>]) -> Option<Self> {
        // A text holding a literal that holds another holds that one too:
        // searching for the longer one only adds stops (`ấp huyện` beside
        // `huyện` stopped at every `cấp`).
        let contains = |long: &[u8], short: &[u8]| {
            long.len() > short.len() && memchr::memmem::find(long, short).is_some()
        };
        let kept: Vec<Vec<u8>> = literals
            .iter()
            .filter(|l| !literals.iter().any(|s| contains(l, s)))
            .cloned()
            .collect();
        let literals = kept.as_slice();
        if let Some(marked) = Marked::new(literals) {
            return Some(LiteralSearch::Marked(marked));
        }
        // `memmem` looks for the needle's rarest bytes first: rare in plans.
        if let [one] = literals {
            let finder = memchr::memmem::FinderBuilder::new()
                .build_forward_with_ranker(rarity::PlanRank, one)
                .into_owned();
            return Some(LiteralSearch::One(finder));
        }
        if let Some(packed) = rarity::RareTails::new(literals) {
            return Some(LiteralSearch::Packed(packed));
        }
        AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(literals)
            .ok()
            .map(LiteralSearch::Automaton)
    }

    fn is_match(&self, haystack: &str) -> bool {
        match self {
            LiteralSearch::Marked(marked) => marked.is_match(haystack.as_bytes()),
            LiteralSearch::One(finder) => finder.find(haystack.as_bytes()).is_some(),
            LiteralSearch::Packed(packed) => packed.is_match(haystack.as_bytes()),
            LiteralSearch::Automaton(automaton) => automaton.is_match(haystack),
        }
    }
}

/// Literals that all start with one ASCII mark (not a letter, digit or
/// white space: rare in plan text), found by `memchr` for the mark and a
/// comparison at each: Teddy would stop at every `<` of `<br>`, `<BR>`,
/// `<b>`… as well, after more work per byte. (Two or three marks are
/// searched no quicker by `memchr2`/`memchr3` than by Teddy.)
#[derive(Debug)]
struct Marked {
    mark: u8,
    literals: Vec<Vec<u8>>,
}

impl Marked {
    fn new(literals: &[Vec<u8>]) -> Option<Self> {
        let &mark = literals.first()?.first()?;
        let all_marked = literals.iter().all(|l| l.first() == Some(&mark));
        (all_marked && mark.is_ascii_punctuation()).then(|| Marked {
            mark,
            literals: literals.to_vec(),
        })
    }

    fn is_match(&self, haystack: &[u8]) -> bool {
        memchr::memchr_iter(self.mark, haystack).any(|at| {
            let here = &haystack[at..];
            self.literals.iter().any(|l| here.starts_with(l))
        })
    }
}

/// A search for the literals that every match of `hir` starts with, else
/// ends with, when there are a few of them.
fn gate(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    [true, false].into_iter().find_map(|prefix| {
        let kind = if prefix {
            ExtractKind::Prefix
        } else {
            ExtractKind::Suffix
        };
        let mut seq = Extractor::new().kind(kind).extract(hir);
        // Shorter literals are still held by every match (prefixes of
        // prefixes, suffixes of suffixes): fewer make a cheaper gate.
        for keep in [3, 2, 1] {
            if seq.len().is_none_or(|n| n <= GATE_LITERALS) {
                break;
            }
            if prefix {
                seq.keep_first_bytes(keep);
            } else {
                seq.keep_last_bytes(keep);
            }
            seq.dedup();
        }
        let literals = seq.literals()?;
        // An empty literal occurs in every text.
        if literals.is_empty() || literals.iter().any(|l| l.as_bytes().is_empty()) {
            return None;
        }
        Some(literals.iter().map(|l| l.as_bytes().to_vec()).collect())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lazy(pattern: &str, ignore_case: bool) -> GatedRegex {
        GatedRegex::new(pattern, ignore_case, Compile::OnFirstUse).unwrap()
    }

    #[test]
    fn a_text_without_the_literals_leaves_the_regex_uncompiled() {
        let regex = lazy(r"\*\*(?P<keep>[^*\n]{1,300}?)\*\*", false);
        assert!(regex.gate.is_some());
        assert!(regex.for_haystack("no bold here").is_none());
        assert!(regex.compiled.quick.get().is_none() && regex.compiled.full.get().is_none());
        let text = "a **bold** word";
        let found = regex.for_haystack(text).unwrap().find(text).unwrap();
        assert_eq!(&text[found.range()], "**bold**");
        assert!(
            regex.compiled.full.get().is_none(),
            "the first use is quick"
        );
        // Short texts stay with the quick engine a while.
        let again = regex.for_haystack(text).unwrap().find(text).unwrap();
        assert_eq!(again.range(), found.range());
        assert!(regex.compiled.full.get().is_none());
        // A plan-sized text after them is searched with the full engine.
        let long = text.repeat(1000);
        let found = regex.for_haystack(&long).unwrap().find(&long).unwrap();
        assert_eq!(&long[found.range()], "**bold**");
        assert!(regex.compiled.full.get().is_some());
        // Once compiled in full, it is used without the gate.
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
    fn inner_literals_gate_the_compiled_regex_too() {
        let regex = lazy(r"(?:UBND|Phòng)\s+(?:huyện|quận)", false);
        assert!(regex.inner.is_some());
        assert!(regex.for_haystack("UBND huyện").is_some());
        // Compiled in full now; a text without `huyện` or `quận` is still
        // not searched.
        assert!(regex.compiled.full.get().is_some() || regex.compiled.quick.get().is_some());
        assert!(regex.for_haystack("UBND xã").is_none());
        // After a literal, the regex's own prefilter suffices, unless one
        // literal can be searched alone.
        assert!(lazy(r"[Cc]ap (?:huyen|quan)", false).inner.is_none());
        assert!(lazy(r"[Cc]ấp huyện", false).inner.is_some());
        // An item that may be empty gives no literal every match holds.
        assert!(lazy(r"\s+(?:huyện)?", false).inner.is_none());
    }

    #[test]
    fn a_text_without_the_inner_literals_has_no_match() {
        let texts = crate::sample_texts::plan_texts(false);
        let (mut gated, mut matched) = (0, 0);
        for (path, yaml) in crate::rules::builtin::RULE_FILES {
            for spec in crate::rules::loader::parse_rule_file(path, yaml).unwrap() {
                let exceptions = spec.exceptions.iter().filter_map(|e| e.strip_prefix("re:"));
                let patterns = spec.patterns.iter().map(|p| (p.as_str(), spec.ignore_case));
                for (pattern, ignore_case) in patterns.chain(exceptions.map(|p| (p, false))) {
                    let Some(inner) = lazy(pattern, ignore_case).inner else {
                        continue;
                    };
                    gated += 1;
                    let regex = build(pattern, ignore_case).unwrap();
                    let examples = spec.examples.bad.iter().chain(&spec.examples.good);
                    for text in texts.iter().chain(examples) {
                        for m in regex.find_iter(text) {
                            assert!(inner.is_match(m.as_str()), "{pattern} on {}", m.as_str());
                            matched += 1;
                        }
                    }
                }
            }
        }
        assert!(gated >= 2 && matched > 0);
    }

    #[test]
    fn marked_literals_are_found_as_a_plain_search_finds_them() {
        let mut sets: Vec<Vec<Vec<u8>>> = vec![
            vec![
                b"<br>".to_vec(),
                b"<BR/>".to_vec(),
                b"&nb".to_vec(),
                b"*".to_vec(),
            ],
            vec![b"**".to_vec()],
            vec![b"__".to_vec(), b"_x".to_vec()],
        ];
        for (path, yaml) in crate::rules::builtin::RULE_FILES {
            for spec in crate::rules::loader::parse_rule_file(path, yaml).unwrap() {
                for pattern in &spec.patterns {
                    let hir = parse(pattern, spec.ignore_case).unwrap();
                    sets.extend(gate(&hir));
                    sets.extend(inner_gate(&hir));
                }
            }
        }
        let mut texts = crate::sample_texts::plan_texts_and_lines(false, 400);
        let pieces = [
            "<", "b", "R", ">", "/", " ", "&", "nb", "*", "_", "x", "é", "\n",
        ];
        texts.extend(crate::sample_texts::all_strings(&pieces, 5));
        let (mut marked, mut held) = (0, 0);
        for literals in &sets {
            let Some(search) = Marked::new(literals) else {
                continue;
            };
            marked += 1;
            for text in &texts {
                let text = text.as_bytes();
                let expected = literals
                    .iter()
                    .any(|l| text.windows(l.len()).any(|w| w == l.as_slice()));
                assert_eq!(search.is_match(text), expected, "{literals:?}");
                held += usize::from(expected);
            }
        }
        assert!(marked >= 8 && held > 10_000, "{marked} sets, {held} held");
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
        let error = GatedRegex::new("(unclosed", false, Compile::Now).unwrap_err();
        assert_eq!(
            error.to_string(),
            build("(unclosed", false).unwrap_err().to_string()
        );
        let huge = r"\w{1000}";
        let error = GatedRegex::new(huge, false, Compile::Now).unwrap_err();
        assert_eq!(
            error.to_string(),
            build(huge, false).unwrap_err().to_string()
        );
        let deferred = lazy("(unclosed", false);
        assert!(deferred.for_haystack("(unclosed").is_none());
    }
}
