//! Phrase matching at word boundaries (one phrase set, or the groups of a
//! consistency rule searched jointly) and the exception contexts of rules.

use super::*;

mod exceptions;
mod joint;
pub use exceptions::{ExceptionSpans, Exceptions};
#[cfg(test)]
pub(super) use joint::is_latin_key_char;
pub(super) use joint::PlanStarts;

/// Finds any of a set of literal phrases at word boundaries, preferring the
/// longest at a position.
///
/// The phrases are matched by one regex (alternatives longest first). The
/// regex only runs where a phrase's key occurs in the keyed text (found by
/// Aho-Corasick): a match anywhere else would fail the key check anyway.
#[derive(Debug)]
pub struct PhraseMatcher {
    /// Compiled, when on first use, once a key occurs: the keys gate it.
    regex: RuleRegex,
    keys: HashMap<String, usize>,
    ignore_case: bool,
    fold_diacritics: bool,
    /// The keys, to find where a match may start.
    starts: Starts,
    /// Search the text itself, not its keyed view: matching is exact and no
    /// key has whitespace, so the keyed view would be the text.
    raw: bool,
    /// Most chars other than spaces and line breaks in one phrase: a match
    /// ends at the latest after that many of them.
    max_chars: usize,
    /// The number of its key set in the joint search of each plan, if it
    /// joined it (see [`PhraseMatcher::joined`]).
    set: Option<u32>,
}

impl PhraseMatcher {
    pub fn new(
        phrases: &[String],
        ignore_case: bool,
        fold_diacritics: bool,
    ) -> Result<Self, String> {
        Self::with_compile(phrases, ignore_case, fold_diacritics, Compile::Now)
    }

    /// As [`PhraseMatcher::new`], its regex compiled `when` said.
    pub fn with_compile(
        phrases: &[String],
        ignore_case: bool,
        fold_diacritics: bool,
        when: Compile,
    ) -> Result<Self, String> {
        let mut keys = HashMap::new();
        for (i, phrase) in phrases.iter().enumerate() {
            let k = key(phrase, ignore_case, fold_diacritics);
            if k.is_empty() {
                return Err("an empty phrase cannot be matched".into());
            }
            if keys.insert(k, i).is_some() {
                return Err(format!("phrase `{phrase}` is listed twice"));
            }
        }
        let mut order: Vec<usize> = (0..phrases.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(phrases[i].len()));
        let alternation: Vec<String> = order
            .iter()
            .map(|&i| phrase_regex(&phrases[i], fold_diacritics))
            .collect();
        let regex = RuleRegex::new(&alternation.join("|"), ignore_case, when)
            .map_err(|e| format!("phrases cannot be compiled: {e}"))?;
        let mut key_list: Vec<&String> = keys.keys().collect();
        key_list.sort();
        let starts = Starts::new(&key_list, MatchKind::LeftmostFirst)?;
        let raw = !ignore_case && !fold_diacritics && !key_list.iter().any(|k| k.contains(' '));
        let max_chars = phrases
            .iter()
            .map(|p| p.chars().filter(|&c| !is_match_space(c)).count())
            .max()
            .unwrap_or(0);
        Ok(PhraseMatcher {
            regex,
            keys,
            ignore_case,
            fold_diacritics,
            starts,
            raw,
            max_chars,
            set: None,
        })
    }

    /// This matcher, its keys searched in each plan with those of the other
    /// matchers that joined: one pass over the text for all of them.
    pub fn joined(mut self) -> Self {
        let mut keys: Vec<String> = self.keys.keys().cloned().collect();
        keys.sort_unstable();
        self.set = Some(joint::register(self.view(), keys));
        self
    }

    /// The view of the text this matcher searches (see [`joint::view_index`]).
    fn view(&self) -> usize {
        joint::view_index(self.raw, self.ignore_case, self.fold_diacritics)
    }

    /// Every match at word boundaries, as (span, index of the phrase).
    pub fn find_all(&self, views: &TextViews) -> Vec<(Span, usize)> {
        if let Some(starts) = self.joint_starts(views) {
            return self.find_all_at(views.text, starts);
        }
        let haystack = self.haystack(views);
        let keyed = self.keyed(views);
        let mut at = 0;
        let occurrences = std::iter::from_fn(|| {
            let occurrence = self.starts.find(haystack, at)?;
            at = occurrence + 1;
            Some(keyed.map_or(occurrence, |k| k.origin(occurrence)))
        });
        self.find_all_at(views.text, occurrences)
    }

    /// Where in the text its keys start, in order, as the plan's joint
    /// search found them (or at least every such place a match may start
    /// at); `None` when this matcher did not join it or joined it too late.
    fn joint_starts<'v>(&self, views: &'v TextViews) -> Option<impl Iterator<Item = usize> + 'v> {
        let set = self.set?;
        let view = self.view();
        views.phrase_starts.of_set(set, view, views.words(), &|| {
            (self.haystack(views), self.keyed(views))
        })
    }

    /// The text this matcher searches its keys in: the text itself or one
    /// of its keyed views.
    fn haystack<'v>(&self, views: &'v TextViews) -> &'v str {
        if self.raw {
            views.text
        } else {
            &views.keyed(self.ignore_case, self.fold_diacritics).text
        }
    }

    /// As [`PhraseMatcher::find_all`], given every place of the text where
    /// one of the keys starts (or at least every such place a match may
    /// start at), in order.
    fn find_all_at(&self, text: &str, starts: impl Iterator<Item = usize>) -> Vec<(Span, usize)> {
        let mut found = Vec::new();
        let mut pos = 0;
        for start in starts {
            if start < pos {
                continue;
            }
            if let Some((span, index)) = self.match_at(text, start) {
                found.push((span, index));
                pos = span.end;
            }
        }
        found
    }

    /// The keyed view this matcher searches, or `None` when it searches
    /// the text itself.
    fn keyed<'v>(&self, views: &'v TextViews) -> Option<&'v KeyedText> {
        (!self.raw).then(|| views.keyed(self.ignore_case, self.fold_diacritics))
    }

    /// Where in the text a key starts, in the order of the search (see
    /// [`PhraseMatcher::find_all_at`]): each place a match may start.
    pub(super) fn match_starts(&self, views: &TextViews) -> Vec<usize> {
        if let Some(starts) = self.joint_starts(views) {
            return starts.collect();
        }
        let haystack = self.haystack(views);
        let keyed = self.keyed(views);
        let mut starts = Vec::new();
        let mut at = 0;
        while let Some(occurrence) = self.starts.find(haystack, at) {
            at = occurrence + 1;
            starts.push(keyed.map_or(occurrence, |k| k.origin(occurrence)));
        }
        starts
    }

    /// The match starting at `start`, whatever came before it: the regex's
    /// match from there, if its key is a phrase's and it stands at word
    /// boundaries. (A search takes it unless it starts inside the match
    /// taken before.)
    pub(super) fn match_at(&self, text: &str, start: usize) -> Option<(Span, usize)> {
        if !text.is_char_boundary(start) {
            return None;
        }
        // The regex's match at `start`, in a text cut where any match
        // from there must end.
        let m = self
            .regex
            .find_at(&text[..self.match_bound(text, start)], start)
            .filter(|m| m.start() == start)?;
        let span = Span::new(m.start(), m.end());
        let index = *self
            .keys
            .get(&key(m.as_str(), self.ignore_case, self.fold_diacritics))?;
        at_word_boundaries(text, span).then_some((span, index))
    }

    /// Every char of the keys: a char of the text whose key has another
    /// char cannot be inside a match.
    pub(super) fn key_chars(&self) -> Vec<char> {
        let mut chars: Vec<char> = self.keys.keys().flat_map(|k| k.chars()).collect();
        chars.sort_unstable();
        chars.dedup();
        chars
    }

    /// How this matcher keys text: (ignore case, fold diacritics).
    pub(super) fn keying(&self) -> (bool, bool) {
        (self.ignore_case, self.fold_diacritics)
    }

    /// Where a match starting at `start` ends at the latest: after
    /// `max_chars` chars that are not spaces or line breaks.
    fn match_bound(&self, text: &str, start: usize) -> usize {
        let mut count = 0;
        for (i, c) in text[start..].char_indices() {
            if !is_match_space(c) {
                count += 1;
                if count >= self.max_chars {
                    return start + i + c.len_utf8();
                }
            }
        }
        text.len()
    }

    /// The matcher as it was before the keyed search: the regex over the
    /// whole text, each match checked. Kept to test against.
    #[cfg(test)]
    pub(super) fn find_all_slow(&self, text: &str) -> Vec<(Span, usize)> {
        let mut found = Vec::new();
        let mut pos = 0;
        while let Some(m) = self.regex.find_at(text, pos) {
            let span = Span::new(m.start(), m.end());
            let phrase = self
                .keys
                .get(&key(m.as_str(), self.ignore_case, self.fold_diacritics));
            match phrase {
                Some(&index) if at_word_boundaries(text, span) => {
                    found.push((span, index));
                    pos = m.end().max(pos + 1);
                }
                _ => {
                    pos = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
                }
            }
            while pos < text.len() && !text.is_char_boundary(pos) {
                pos += 1;
            }
            if pos > text.len() {
                break;
            }
        }
        found
    }
}

/// One key search for several [`PhraseMatcher`]s over the same view of a
/// text (the groups of a `consistency` rule): one pass of a searcher over
/// all their keys instead of one pass each.
#[derive(Debug)]
pub struct JointSearch {
    starts: Starts,
    /// The keys of each matcher.
    keys: Vec<Vec<String>>,
}

impl JointSearch {
    /// `None` when the matchers search different views of a text.
    pub fn new(matchers: &[&PhraseMatcher]) -> Option<Self> {
        let first = matchers.first()?;
        let view = |m: &PhraseMatcher| (m.raw, m.ignore_case, m.fold_diacritics);
        if matchers.iter().any(|m| view(m) != view(first)) {
            return None;
        }
        let keys: Vec<Vec<String>> = matchers
            .iter()
            .map(|m| m.keys.keys().cloned().collect())
            .collect();
        let mut all: Vec<&String> = keys.iter().flatten().collect();
        all.sort();
        all.dedup();
        Some(JointSearch {
            starts: Starts::new(&all, MatchKind::LeftmostFirst).ok()?,
            keys,
        })
    }

    /// What [`PhraseMatcher::find_all`] gives for each of `matchers` (the
    /// ones this search was made for, in the same order).
    pub fn find_all(
        &self,
        matchers: &[&PhraseMatcher],
        views: &TextViews,
    ) -> Vec<Vec<(Span, usize)>> {
        let Some(first) = matchers.first() else {
            return Vec::new();
        };
        let haystack = first.haystack(views);
        let keyed = first.keyed(views);
        // Every position where some key starts, found once: each matcher
        // gets those where one of its own keys starts, as its own search
        // would find them.
        let mut positions = vec![Vec::new(); self.keys.len()];
        let mut at = 0;
        while let Some(occurrence) = self.starts.find(haystack, at) {
            at = occurrence + 1;
            let rest = haystack.as_bytes().get(occurrence..).unwrap_or_default();
            for (keys, positions) in self.keys.iter().zip(&mut positions) {
                if keys.iter().any(|k| rest.starts_with(k.as_bytes())) {
                    positions.push(occurrence);
                }
            }
        }
        matchers
            .iter()
            .zip(positions)
            .map(|(matcher, positions)| {
                let starts = positions
                    .into_iter()
                    .map(|at| keyed.map_or(at, |k| k.origin(at)));
                matcher.find_all_at(views.text, starts)
            })
            .collect()
    }
}

/// A search for where any of the keys of a [`PhraseMatcher`] starts:
/// Teddy (SIMD) when it can be built, else an Aho-Corasick automaton.
#[derive(Debug)]
enum Starts {
    Packed(packed::Searcher),
    Automaton(AhoCorasick),
}

impl Starts {
    fn new<K: AsRef<[u8]>>(keys: &[K], kind: MatchKind) -> Result<Self, String> {
        let packed_kind = match kind {
            MatchKind::LeftmostLongest => packed::MatchKind::LeftmostLongest,
            _ => packed::MatchKind::LeftmostFirst,
        };
        Ok(
            match packed::Config::new()
                .match_kind(packed_kind)
                .builder()
                .extend(keys)
                .build()
            {
                Some(searcher) => Starts::Packed(searcher),
                None => Starts::Automaton(
                    AhoCorasick::builder()
                        .match_kind(kind)
                        .build(keys)
                        .map_err(|e| format!("phrases cannot be compiled: {e}"))?,
                ),
            },
        )
    }

    /// The start of the leftmost key at or after `at`.
    fn find(&self, haystack: &str, at: usize) -> Option<usize> {
        self.find_key(haystack, at).map(|(start, _)| start)
    }

    /// The start of the leftmost key at or after `at`, and the index of
    /// the key found there.
    fn find_key(&self, haystack: &str, at: usize) -> Option<(usize, usize)> {
        if at > haystack.len() {
            return None;
        }
        match self {
            Starts::Packed(searcher) => searcher
                .find_in(haystack, aho_corasick::Span::from(at..haystack.len()))
                .map(|m| (m.start(), m.pattern().as_usize())),
            Starts::Automaton(automaton) => automaton
                .find(Input::new(haystack).span(at..haystack.len()))
                .map(|m| (m.start(), m.pattern().as_usize())),
        }
    }
}

/// Chars that the whitespace of a phrase matches (see [`phrase_regex`]);
/// every other char of a match stands for one char of the phrase.
fn is_match_space(c: char) -> bool {
    matches!(c, ' ' | '\u{A0}' | '\r' | '\n') || c.is_whitespace()
}
