//! Regexes of the code itself (statics), compiled on first use: the first
//! searches are served by the engine that is quick to build, as for the
//! regexes of rules ([`TwoStage`]).

use std::borrow::Cow;
use std::sync::atomic::{AtomicBool, Ordering};

use regex_automata::meta;
use regex_automata::util::captures::Captures;
use regex_automata::{Input, Match};

use super::{Found, QuickBudget, TwoStage};

/// A regex used on short texts (a line, a symbol), its matches as
/// `regex_automata` gives them.
#[derive(Debug)]
pub struct StaticRegex {
    pattern: &'static str,
    compiled: TwoStage,
}

/// Searches a [`StaticRegex`] serves with the quick engine.
const STATIC_QUICK: QuickBudget = QuickBudget {
    first: usize::MAX,
    uses: 256,
    bytes: usize::MAX,
};

impl StaticRegex {
    pub const fn new(pattern: &'static str) -> Self {
        StaticRegex {
            pattern,
            compiled: TwoStage::new(),
        }
    }

    fn engine(&self) -> Option<&meta::Regex> {
        self.compiled.engine(self.pattern, false, STATIC_QUICK, 0)
    }

    /// As [`regex::Regex::is_match`].
    pub fn is_match(&self, haystack: &str) -> bool {
        self.engine().is_some_and(|r| r.is_match(haystack))
    }

    /// As [`regex::Regex::find_iter`].
    pub fn find_iter<'a>(&'a self, haystack: &'a str) -> impl Iterator<Item = Match> + 'a {
        self.engine()
            .into_iter()
            .flat_map(move |regex| regex.find_iter(haystack))
    }

    /// As [`regex::Regex::captures_iter`].
    pub fn captures_iter<'a>(&'a self, haystack: &'a str) -> impl Iterator<Item = Captures> + 'a {
        self.engine()
            .into_iter()
            .flat_map(move |regex| regex.captures_iter(haystack))
    }

    /// As [`regex::Regex::captures`]: the groups' byte ranges.
    pub fn captures(&self, haystack: &str) -> Option<Captures> {
        let regex = self.engine()?;
        let mut caps = regex.create_captures();
        regex.captures(haystack, &mut caps);
        caps.is_match().then_some(caps)
    }
}

/// In place of a `LazyLock<regex::Regex>`: the same methods, giving the
/// same results. A `regex::Regex` compiles every engine at once, which cost
/// a single plan's check more than the check itself.
#[derive(Debug)]
pub struct LazyRegex {
    pattern: &'static str,
    compiled: TwoStage,
}

/// Searches a [`LazyRegex`] serves with the quick engine: one whole plan,
/// or some of its lines (searched more slowly than by the full engine, so
/// not all of them).
const LAZY_QUICK: QuickBudget = QuickBudget {
    first: 256 * 1024,
    uses: 256,
    bytes: 16 * 1024,
};

/// Whether many texts are to be checked.
static MANY_TEXTS: AtomicBool = AtomicBool::new(false);

/// Say how many texts the process is to check. [`LazyRegex`]es are used
/// on every text, so for several the quick engine only adds a compilation:
/// they are then compiled in full at once.
pub fn expect_texts(count: usize) {
    MANY_TEXTS.store(count > 1, Ordering::Relaxed);
}

fn code_budget(budget: QuickBudget) -> QuickBudget {
    if MANY_TEXTS.load(Ordering::Relaxed) {
        QuickBudget::NONE
    } else {
        budget
    }
}

/// The limit `regex::Regex` puts on the compiled size.
const LAZY_SIZE_LIMIT: usize = 10 * (1 << 20);

impl LazyRegex {
    pub const fn new(pattern: &'static str) -> Self {
        LazyRegex {
            pattern,
            compiled: TwoStage::new(),
        }
    }

    /// The engine to search a text of `len` bytes with.
    fn engine(&self, len: usize) -> &meta::Regex {
        self.compiled
            .engine_limited(
                self.pattern,
                false,
                code_budget(LAZY_QUICK),
                len,
                LAZY_SIZE_LIMIT,
                None,
            )
            .unwrap_or_else(|| panic!("invalid regex {:?}", self.pattern))
    }

    /// As [`regex::Regex::is_match`].
    pub fn is_match(&self, haystack: &str) -> bool {
        self.engine(haystack.len()).is_match(haystack)
    }

    /// As [`regex::Regex::find`].
    pub fn find<'h>(&self, haystack: &'h str) -> Option<Found<'h>> {
        let found = self.engine(haystack.len()).find(haystack)?;
        Some(found_in(haystack, found))
    }

    /// As [`regex::Regex::find_iter`].
    pub fn find_iter<'r, 'h>(
        &'r self,
        haystack: &'h str,
    ) -> impl Iterator<Item = Found<'h>> + use<'r, 'h> {
        self.engine(haystack.len())
            .find_iter(haystack)
            .map(move |found| found_in(haystack, found))
    }

    /// As [`regex::Regex::captures`].
    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Groups<'h>> {
        self.captures_at(haystack, 0)
    }

    /// As [`regex::Regex::captures_at`]: the search starts at `start`, and
    /// what comes before it still counts for `^` and `\b`.
    pub fn captures_at<'h>(&self, haystack: &'h str, start: usize) -> Option<Groups<'h>> {
        let regex = self.engine(haystack.len() - start.min(haystack.len()));
        let mut caps = regex.create_captures();
        regex.search_captures(&Input::new(haystack).span(start..haystack.len()), &mut caps);
        caps.is_match().then_some(Groups { haystack, caps })
    }

    /// As [`regex::Regex::captures_iter`].
    pub fn captures_iter<'r, 'h>(
        &'r self,
        haystack: &'h str,
    ) -> impl Iterator<Item = Groups<'h>> + use<'r, 'h> {
        self.engine(haystack.len())
            .captures_iter(haystack)
            .map(move |caps| Groups { haystack, caps })
    }

    /// As [`Self::captures_iter`] over `span` of `haystack` only; what lies
    /// around the span still counts for `^` and `\b`.
    pub fn captures_iter_in<'r, 'h>(
        &'r self,
        haystack: &'h str,
        span: std::ops::Range<usize>,
    ) -> impl Iterator<Item = Groups<'h>> + use<'r, 'h> {
        self.engine(span.len())
            .captures_iter(Input::new(haystack).span(span))
            .map(move |caps| Groups { haystack, caps })
    }

    /// As [`regex::Regex::replace_all`]; a text given as the replacement
    /// is taken as it is (it has no `$` group to expand).
    pub fn replace_all<'h>(
        &self,
        haystack: &'h str,
        mut replacement: impl Replacer,
    ) -> Cow<'h, str> {
        let mut out = String::new();
        let mut last = 0;
        let mut matched = false;
        if let Some(text) = replacement.text() {
            // Groups are not needed: the quicker search for matches only.
            for found in self.find_iter(haystack) {
                matched = true;
                out.push_str(&haystack[last..found.start()]);
                out.push_str(text);
                last = found.end();
            }
        } else {
            for groups in self.captures_iter(haystack) {
                let Some(whole) = groups.get(0) else {
                    continue;
                };
                matched = true;
                out.push_str(&haystack[last..whole.start()]);
                replacement.append(&groups, &mut out);
                last = whole.end();
            }
        }
        if !matched {
            return Cow::Borrowed(haystack);
        }
        out.push_str(&haystack[last..]);
        Cow::Owned(out)
    }
}

/// What [`LazyRegex::replace_all`] puts in place of a match, as
/// [`regex::Replacer`]: a text, or a function of the match's groups.
pub trait Replacer {
    fn append(&mut self, groups: &Groups<'_>, out: &mut String);

    /// The replacement when it is the same text for every match.
    fn text(&self) -> Option<&str> {
        None
    }
}

impl Replacer for &str {
    fn append(&mut self, _: &Groups<'_>, out: &mut String) {
        out.push_str(self);
    }

    fn text(&self) -> Option<&str> {
        debug_assert!(!self.contains('$'), "groups are not expanded");
        Some(self)
    }
}

impl<F, T> Replacer for F
where
    F: FnMut(&Groups<'_>) -> T,
    T: AsRef<str>,
{
    fn append(&mut self, groups: &Groups<'_>, out: &mut String) {
        out.push_str((*self)(groups).as_ref());
    }
}

fn found_in(haystack: &str, found: Match) -> Found<'_> {
    found_at(haystack, found.start(), found.end())
}

fn found_at(haystack: &str, start: usize, end: usize) -> Found<'_> {
    Found {
        haystack,
        start,
        end,
    }
}

/// The groups of a [`LazyRegex`] match, as [`regex::Captures`].
#[derive(Debug, Clone)]
pub struct Groups<'h> {
    haystack: &'h str,
    caps: Captures,
}

impl<'h> Groups<'h> {
    /// As [`regex::Captures::get`].
    pub fn get(&self, index: usize) -> Option<Found<'h>> {
        let span = self.caps.get_group(index)?;
        Some(found_at(self.haystack, span.start, span.end))
    }

    /// As [`regex::Captures::name`].
    pub fn name(&self, name: &str) -> Option<Found<'h>> {
        let span = self.caps.get_group_by_name(name)?;
        Some(found_at(self.haystack, span.start, span.end))
    }
}

impl std::ops::Index<usize> for Groups<'_> {
    type Output = str;

    /// As `regex::Captures[index]`: panics without that group.
    fn index(&self, index: usize) -> &str {
        self.get(index)
            .map(|m| m.as_str())
            .unwrap_or_else(|| panic!("no group at index '{index}'"))
    }
}

impl std::ops::Index<&str> for Groups<'_> {
    type Output = str;

    /// As `regex::Captures[name]`: panics without that group.
    fn index(&self, name: &str) -> &str {
        self.name(name)
            .map(|m| m.as_str())
            .unwrap_or_else(|| panic!("no group named '{name}'"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Patterns of the code's statics, and ones with empty matches.
    const PATTERNS: &[&str] = &[
        r"(?i)thời gian (?:hoàn thành|thực hiện)\s*:\s*(.+)",
        r"(?:(?i:tháng)\s*(\d{1,2})\s*/\s*)?(?-u:\b)(20\d{2})(?-u:\b)(?:\s*[-–]\s*(20\d{2})(?-u:\b))?",
        r"(?P<symbol>(?:(?P<number>\d+)\s*)?/\s*(?P<code>\p{L}+)\s*-\s*(?P<issuer>[\p{L}&]+))",
        r"^(?:(?P<dash>[-–•]\s)|(?P<plus>\+\s)|(?P<letter>\(?[a-zđ]\)\s)|(?P<paren>\(?\d{1,2}\)\s)|(?P<dot>\d{1,2}\.\s))",
        r"\\(geq|ge|leq|le|%)|[$*]|</?[a-z]+>",
        r"\b(19|20)\d\d\b",
        r"^(?:\s|#+|\*+|_+|</?[biu]>|</?strong>|</?em>)*",
        r"\([^)]*\)?",
        r"[\p{L}\p{M}]*",
        r"(?m)^",
    ];

    fn texts() -> Vec<String> {
        let mut texts = vec![String::new(), "(2025".to_owned(), "ă".to_owned()];
        texts.extend(crate::sample_texts::plan_texts_and_lines(false, 300));
        texts
    }

    fn spans(m: Option<Found<'_>>) -> Option<(usize, usize)> {
        m.map(|m| (m.start(), m.end()))
    }

    fn groups(caps: &Groups<'_>, reference: &regex::Captures<'_>) {
        for i in 0..reference.len() {
            assert_eq!(
                spans(caps.get(i)),
                reference.get(i).map(|m| (m.start(), m.end()))
            );
        }
    }

    #[test]
    fn quick_and_full_engines_give_what_regex_gives() {
        let texts = texts();
        for pattern in PATTERNS {
            let reference = regex::Regex::new(pattern).unwrap();
            // Leaked: the methods take the regex as a static does.
            let lazy: &'static LazyRegex = Box::leak(Box::new(LazyRegex::new(pattern)));
            for text in &texts {
                assert_eq!(lazy.is_match(text), reference.is_match(text));
                assert_eq!(
                    spans(lazy.find(text)),
                    reference.find(text).map(|m| (m.start(), m.end()))
                );
                let found: Vec<_> = lazy.find_iter(text).map(|m| (m.start(), m.end())).collect();
                let expected: Vec<_> = reference
                    .find_iter(text)
                    .map(|m| (m.start(), m.end()))
                    .collect();
                assert_eq!(found, expected, "{pattern} on {text:?}");
                let all: Vec<_> = lazy.captures_iter(text).collect();
                let all_expected: Vec<_> = reference.captures_iter(text).collect();
                assert_eq!(all.len(), all_expected.len());
                for (caps, expected) in all.iter().zip(&all_expected) {
                    groups(caps, expected);
                }
                for start in [0, 1, 5, text.len()] {
                    if text.is_char_boundary(start) {
                        let caps = lazy.captures_at(text, start);
                        let expected = reference.captures_at(text, start);
                        assert_eq!(caps.is_some(), expected.is_some());
                        if let (Some(caps), Some(expected)) = (caps, expected) {
                            groups(&caps, &expected);
                        }
                    }
                }
                assert_eq!(
                    lazy.replace_all(text, "_"),
                    reference.replace_all(text, "_")
                );
                let by_group = |c: &Groups| c.get(1).map_or("", |m| m.as_str()).to_owned();
                let by_group_ref =
                    |c: &regex::Captures| c.get(1).map_or("", |m| m.as_str()).to_owned();
                assert_eq!(
                    lazy.replace_all(text, by_group),
                    reference.replace_all(text, by_group_ref)
                );
            }
            assert!(
                lazy.compiled.quick.get().is_some(),
                "{pattern}: quick engine used"
            );
            assert!(
                lazy.compiled.full.get().is_some(),
                "{pattern}: full engine used"
            );
        }
    }

    #[test]
    fn groups_by_index_and_name() {
        static DATE: LazyRegex = LazyRegex::new(r"(?P<day>\d+)/(?P<month>\d+)");
        let caps = DATE.captures("ngày 3/12").unwrap();
        assert_eq!((&caps[0], &caps[1], &caps["month"]), ("3/12", "3", "12"));
        assert_eq!(caps.name("day").unwrap().range(), 6..7);
        assert!(caps.get(3).is_none());
    }
}
