//! The exception contexts of rules, looked for only near the spans asked
//! about.
//!
//! A rule asks whether a few of its matches overlap an exception; finding
//! every exception in the text for that (one regex search over the whole
//! text, one check per place an exception phrase may start) cost more than
//! the rule. The exceptions are the matches of a search from the start of
//! the text, each search going on where the last match ended, so which
//! matches it finds depends on the ones before. It does not across a char
//! that no match can hold (a `;` for most regexes, a digit for most phrase
//! lists): no match contains that char, so the search from the start finds
//! the same matches after it as a search started there. Each lookup goes
//! back from the span to the nearest such char and searches from there, no
//! further than past the span; what it found serves the lookups after it.

use std::cell::RefCell;
use std::sync::OnceLock;

use regex_automata::{meta, Input};
use regex_syntax::hir::{Class, Hir, HirKind};

use super::super::{fold_char, Compile, GatedRegex, Span, TextViews};
use super::PhraseMatcher;

/// Contexts in which a match is fine: literal phrases (any case) and, for
/// entries written `re:REGEX`, regexes. A match overlapping one is skipped.
#[derive(Debug, Default)]
pub struct Exceptions {
    phrases: Option<PhraseMatcher>,
    /// The chars of the phrases' keys, found on first use.
    phrase_chars: OnceLock<CharSet>,
    regexes: Vec<ExceptionRegex>,
}

#[derive(Debug)]
struct ExceptionRegex {
    regex: GatedRegex,
    pattern: String,
    /// The chars a match may hold; `None` when a match may be empty (or
    /// the pattern is not read here), when every match is searched for.
    /// Found on first use.
    chars: OnceLock<Option<CharSet>>,
}

impl Exceptions {
    pub fn new(entries: &[String]) -> Result<Self, String> {
        Self::with_compile(entries, Compile::Now)
    }

    /// As [`Exceptions::new`], the regexes compiled `when` said.
    pub fn with_compile(entries: &[String], when: Compile) -> Result<Self, String> {
        let mut phrases = Vec::new();
        let mut regexes = Vec::new();
        for entry in entries {
            match entry.strip_prefix("re:") {
                Some(pattern) => regexes.push(ExceptionRegex {
                    regex: GatedRegex::new(pattern, false, when)
                        .map_err(|e| format!("bad exception regex `{pattern}`: {e}"))?,
                    pattern: pattern.to_owned(),
                    chars: OnceLock::new(),
                }),
                None => phrases.push(entry.clone()),
            }
        }
        let phrases = if phrases.is_empty() {
            None
        } else {
            Some(PhraseMatcher::with_compile(&phrases, true, false, when)?)
        };
        Ok(Exceptions {
            phrases,
            phrase_chars: OnceLock::new(),
            regexes,
        })
    }

    /// These exceptions, their phrases searched with the other matchers that
    /// joined the joint search (see [`PhraseMatcher::joined`]).
    pub fn joined(mut self) -> Self {
        self.phrases = self.phrases.map(PhraseMatcher::joined);
        self
    }

    /// The exceptions of `views`' text, looked for when asked about.
    pub fn spans<'e, 'v>(&'e self, views: &'e TextViews<'v>) -> ExceptionSpans<'e, 'v> {
        ExceptionSpans {
            exceptions: self,
            views,
            phrases: RefCell::new(None),
            regexes: RefCell::new((0..self.regexes.len()).map(|_| None).collect()),
        }
    }

    /// Every exception of the text, sorted by start: what the lookups of
    /// [`ExceptionSpans`] stand for. Kept to test against.
    #[cfg(test)]
    pub(in crate::rules::text) fn all_spans(&self, views: &TextViews) -> Vec<Span> {
        let text = views.text;
        let mut spans: Vec<Span> = self
            .phrases
            .iter()
            .flat_map(|m| m.find_all(views).into_iter().map(|(span, _)| span))
            .collect();
        for regex in self
            .regexes
            .iter()
            .filter_map(|r| r.regex.for_haystack(text))
        {
            spans.extend(regex.find_iter(text).map(|m| Span::new(m.start(), m.end())));
        }
        spans.sort_by_key(|s| (s.start, s.end));
        spans
    }
}

/// The exceptions of one text, found near the spans asked about.
#[derive(Debug)]
pub struct ExceptionSpans<'e, 'v> {
    exceptions: &'e Exceptions,
    views: &'e TextViews<'v>,
    /// Set on the first lookup.
    phrases: RefCell<Option<PhraseSearch>>,
    /// One for each regex, set on its first lookup.
    regexes: RefCell<Vec<Option<RegexSearch<'e>>>>,
}

impl ExceptionSpans<'_, '_> {
    /// True when `span` overlaps an exception (an empty span: when the
    /// char at its start is in one).
    pub fn cover(&self, span: Span) -> bool {
        let wanted = Span::new(span.start, span.end.max(span.start + 1));
        self.phrases_cover(wanted) || self.regexes_cover(wanted)
    }

    fn phrases_cover(&self, wanted: Span) -> bool {
        let Some(matcher) = &self.exceptions.phrases else {
            return false;
        };
        let text = self.views.text;
        let chars = self
            .exceptions
            .phrase_chars
            .get_or_init(|| CharSet::of_chars(&matcher.key_chars()));
        let (ignore_case, fold_diacritics) = matcher.keying();
        // A char other than whitespace is in a match only if its key is
        // made of chars of the keys.
        let may_hold = |c: char| {
            if c.is_whitespace() {
                return true;
            }
            let c = if fold_diacritics { fold_char(c) } else { c };
            if ignore_case {
                c.to_lowercase().all(|k| chars.contains(k))
            } else {
                chars.contains(c)
            }
        };
        let mut search = self.phrases.borrow_mut();
        let search = search.get_or_insert_with(|| PhraseSearch::new(matcher, self.views));
        search.cover(matcher, text, &may_hold, wanted)
    }

    fn regexes_cover(&self, wanted: Span) -> bool {
        let text = self.views.text;
        let mut searches = self.regexes.borrow_mut();
        for (regex, search) in self.exceptions.regexes.iter().zip(searches.iter_mut()) {
            let search = search.get_or_insert_with(|| RegexSearch::new(regex, text));
            if search.cover(text, wanted) {
                return true;
            }
        }
        false
    }
}

/// Where the phrase search stands in one text.
#[derive(Debug)]
enum PhraseSearch {
    /// Every match, found at once (when the places where a match may start
    /// do not come in the order of the text).
    All(Vec<Span>),
    Near(NearPhrases),
}

/// The matches of a phrase search found so far, from a place no match
/// goes across.
#[derive(Debug)]
struct NearPhrases {
    /// Where a match may start, in order.
    starts: Vec<usize>,
    /// Every match from here up to `starts[next]` is in `found`.
    from: usize,
    next: usize,
    /// The end of the last match found.
    pos: usize,
    found: Vec<Span>,
}

impl PhraseSearch {
    fn new(matcher: &PhraseMatcher, views: &TextViews) -> Self {
        let starts = matcher.match_starts(views);
        if starts.is_sorted() {
            PhraseSearch::Near(NearPhrases {
                starts,
                from: 0,
                next: 0,
                pos: 0,
                found: Vec::new(),
            })
        } else {
            let mut found = Vec::new();
            let mut pos = 0;
            for &start in &starts {
                if start >= pos {
                    if let Some((span, _)) = matcher.match_at(views.text, start) {
                        found.push(span);
                        pos = span.end;
                    }
                }
            }
            PhraseSearch::All(found)
        }
    }

    fn cover(
        &mut self,
        matcher: &PhraseMatcher,
        text: &str,
        may_hold: &impl Fn(char) -> bool,
        wanted: Span,
    ) -> bool {
        let near = match self {
            PhraseSearch::All(found) => return overlaps(found, wanted),
            PhraseSearch::Near(near) => near,
        };
        let reached = near.starts.get(near.next).copied().unwrap_or(text.len());
        let floor = if wanted.start < near.from { 0 } else { reached };
        if let Some(from) = resume_point(text, wanted.start, floor, may_hold) {
            if from > reached || wanted.start < near.from {
                near.from = from;
                near.next = near.starts.partition_point(|&s| s < from);
                near.pos = 0;
                near.found.clear();
            }
        }
        while let Some(&start) = near.starts.get(near.next) {
            if start >= wanted.end {
                break;
            }
            near.next += 1;
            if start < near.pos {
                continue;
            }
            if let Some((span, _)) = matcher.match_at(text, start) {
                near.found.push(span);
                near.pos = span.end;
            }
        }
        overlaps(&near.found, wanted)
    }
}

/// Where one exception regex's search stands in one text.
#[derive(Debug)]
enum RegexSearch<'e> {
    All(Vec<Span>),
    Near(NearRegex<'e>),
}

#[derive(Debug)]
struct NearRegex<'e> {
    regex: &'e meta::Regex,
    chars: &'e CharSet,
    /// Every match from here up to `at` is in `found`.
    from: usize,
    /// Where the search goes on, `None` past the last match.
    at: Option<usize>,
    found: Vec<Span>,
}

impl<'e> RegexSearch<'e> {
    fn new(exception: &'e ExceptionRegex, text: &str) -> Self {
        let Some(regex) = exception.regex.for_haystack(text) else {
            return RegexSearch::All(Vec::new());
        };
        match exception
            .chars
            .get_or_init(|| CharSet::of_regex(&exception.pattern))
        {
            Some(chars) => RegexSearch::Near(NearRegex {
                regex,
                chars,
                from: 0,
                at: Some(0),
                found: Vec::new(),
            }),
            None => RegexSearch::All(
                regex
                    .find_iter(text)
                    .map(|m| Span::new(m.start(), m.end()))
                    .collect(),
            ),
        }
    }

    fn cover(&mut self, text: &str, wanted: Span) -> bool {
        let near = match self {
            RegexSearch::All(found) => return overlaps(found, wanted),
            RegexSearch::Near(near) => near,
        };
        let chars = near.chars;
        let may_hold = |c: char| chars.contains(c);
        let reached = near.at.unwrap_or(text.len());
        let floor = if wanted.start < near.from { 0 } else { reached };
        if let Some(from) = resume_point(text, wanted.start, floor, &may_hold) {
            if from > reached || wanted.start < near.from {
                near.from = from;
                near.at = Some(from);
                near.found.clear();
            }
        }
        // A match that starts before the span ends holds no char that no
        // match holds, so it ends before the first such char after the span:
        // the search goes no further (look-arounds still see the whole text).
        let mut bound = None;
        while let Some(at) = near.at {
            if near.found.last().is_some_and(|m| m.start >= wanted.end) {
                break;
            }
            let end = *bound.get_or_insert_with(|| block_after(text, wanted.end, &may_hold));
            if at >= end {
                break;
            }
            // Every match holds a char: the search moves on.
            match near.regex.search(&Input::new(text).span(at..end)) {
                Some(m) => {
                    near.found.push(Span::new(m.start(), m.end()));
                    near.at = Some(m.end());
                }
                // No match starts before `end`, which no match goes across.
                None => near.at = (end < text.len()).then_some(end),
            }
        }
        overlaps(&near.found, wanted)
    }
}

/// The place nearest before `at`, and after `floor`, that no match goes
/// across: just after a char no match holds (or the start of the text when
/// `floor` is 0). `None` when there is none.
fn resume_point(
    text: &str,
    mut at: usize,
    floor: usize,
    may_hold: &impl Fn(char) -> bool,
) -> Option<usize> {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    if floor >= at {
        return (floor == 0 && at == 0).then_some(0);
    }
    let mut floor = floor.min(at);
    while !text.is_char_boundary(floor) {
        floor -= 1;
    }
    match text[floor..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| !may_hold(c))
    {
        Some((i, c)) => Some(floor + i + c.len_utf8()),
        None => (floor == 0).then_some(0),
    }
}

/// The first place at or after `at` where a char no match holds starts, or
/// the end of the text.
fn block_after(text: &str, at: usize, may_hold: &impl Fn(char) -> bool) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    text[at..]
        .char_indices()
        .find(|&(_, c)| !may_hold(c))
        .map_or(text.len(), |(i, _)| at + i)
}

/// True when a span of `found` (sorted, not overlapping) overlaps `wanted`.
fn overlaps(found: &[Span], wanted: Span) -> bool {
    let first = found.partition_point(|s| s.end <= wanted.start);
    found.get(first).is_some_and(|s| s.start < wanted.end)
}

/// A set of chars, ASCII by a bit mask.
#[derive(Debug, Default)]
struct CharSet {
    ascii: u128,
    /// Sorted, not overlapping.
    ranges: Vec<(char, char)>,
}

impl CharSet {
    fn of_chars(chars: &[char]) -> Self {
        Self::of_ranges(chars.iter().map(|&c| (c, c)))
    }

    fn of_ranges(ranges: impl Iterator<Item = (char, char)>) -> Self {
        let mut set = CharSet::default();
        for (low, high) in ranges {
            for c in low..=high.min('\u{7f}') {
                set.ascii |= 1 << c as u32;
            }
            if high > '\u{7f}' {
                set.ranges.push((low.max('\u{80}'), high));
            }
        }
        set.ranges.sort_unstable();
        let mut merged: Vec<(char, char)> = Vec::with_capacity(set.ranges.len());
        for (low, high) in set.ranges.drain(..) {
            match merged.last_mut() {
                Some(last) if low <= last.1 || u32::from(low) == u32::from(last.1) + 1 => {
                    last.1 = last.1.max(high);
                }
                _ => merged.push((low, high)),
            }
        }
        set.ranges = merged;
        set
    }

    /// The chars a match of `pattern` (as [`GatedRegex`] compiles it) may
    /// hold; `None` when a match may be empty or holds bytes that are not
    /// whole chars.
    fn of_regex(pattern: &str) -> Option<Self> {
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(pattern)
            .ok()?;
        if hir.properties().minimum_len()? == 0 {
            return None;
        }
        let mut ranges = Vec::new();
        regex_chars(&hir, &mut ranges)?;
        Some(Self::of_ranges(ranges.into_iter()))
    }

    fn contains(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii >> c as u32 & 1 == 1
        } else {
            let i = self.ranges.partition_point(|&(_, high)| high < c);
            self.ranges.get(i).is_some_and(|&(low, _)| low <= c)
        }
    }
}

/// Add the chars `hir` may match to `out`; `None` for bytes that are not
/// whole chars.
fn regex_chars(hir: &Hir, out: &mut Vec<(char, char)>) -> Option<()> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(literal) => {
            out.extend(
                std::str::from_utf8(&literal.0)
                    .ok()?
                    .chars()
                    .map(|c| (c, c)),
            );
        }
        HirKind::Class(Class::Unicode(class)) => {
            out.extend(class.ranges().iter().map(|r| (r.start(), r.end())));
        }
        HirKind::Class(Class::Bytes(class)) => {
            for range in class.ranges() {
                if range.end() > 0x7f {
                    return None;
                }
                out.push((char::from(range.start()), char::from(range.end())));
            }
        }
        HirKind::Repetition(repetition) => regex_chars(&repetition.sub, out)?,
        HirKind::Capture(capture) => regex_chars(&capture.sub, out)?,
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            for sub in subs {
                regex_chars(sub, out)?;
            }
        }
    }
    Some(())
}

#[cfg(test)]
mod tests;
