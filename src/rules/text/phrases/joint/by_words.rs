//! The joint key search of the text itself and of its lower-cased key, led
//! by the words of the text instead of a search of each.
//!
//! A phrase match needs a word boundary before it when its first char is a
//! word char, so it starts where a word of the text starts, and that word,
//! lower-cased, is the first word of the phrase's key (what comes before the
//! key's first char that is not a word char): the text's word cannot end
//! earlier (the match would end inside a word) nor later (the key has a
//! char that is no word char there, and so has the text). So the places a
//! match may start are the words whose lower-case hash is that of a key's
//! first word; each is checked against the whole keys there, as the search
//! of the view checks them. Places where no key can match are left out:
//! they never gave a match. A view with a key that starts with another char,
//! or whose first word lower-cases differently alone and in a word (a
//! sigma), is searched as before.

use super::super::super::chars::{info_of, WORD};
use super::super::super::{to_lower, word_hash, KeyedText, Words};
use super::{first_bytes, ViewKeys, VIEWS};

/// The views led by words: the text itself and its lower-cased key.
const RAW: usize = 0;
const LOWER: usize = 3;

#[derive(Debug)]
pub(super) struct WordKeys {
    /// One bit for each value of the top bits of the first words' hashes:
    /// most words are rejected by it alone.
    filter: [u64; FILTER_WORDS],
    /// The keys by the hash of their first word and their view: (hash,
    /// view, numbers of the keys in their view), sorted.
    entries: Vec<(u64, usize, Vec<u32>)>,
    /// The views led by words.
    covers: [bool; VIEWS],
}

const FILTER_WORDS: usize = 64;
const FILTER_SHIFT: u32 = 64 - (FILTER_WORDS * 64).trailing_zeros();

impl WordKeys {
    /// `None` when no view can be led by words.
    pub(super) fn new(views: &[Option<ViewKeys>; VIEWS]) -> Option<Self> {
        let mut filter = [0u64; FILTER_WORDS];
        let mut entries: Vec<(u64, usize, Vec<u32>)> = Vec::new();
        let mut covers = [false; VIEWS];
        for view in [RAW, LOWER] {
            let Some(keys) = &views[view] else {
                continue;
            };
            let hashes: Option<Vec<u64>> = keys
                .keys
                .iter()
                .map(|k| first_word_hash(&k.key, view))
                .collect();
            let Some(hashes) = hashes else {
                continue;
            };
            covers[view] = true;
            let mut by_hash: Vec<(u64, u32)> = hashes.into_iter().zip(0u32..).collect();
            by_hash.sort_unstable();
            for (hash, number) in by_hash {
                let bit = (hash >> FILTER_SHIFT) as usize;
                filter[bit / 64] |= 1 << (bit % 64);
                match entries.last_mut() {
                    Some((h, v, numbers)) if *h == hash && *v == view => numbers.push(number),
                    _ => entries.push((hash, view, vec![number])),
                }
            }
        }
        entries.sort_unstable();
        covers.contains(&true).then_some(WordKeys {
            filter,
            entries,
            covers,
        })
    }

    /// Whether `view` is led by words.
    pub(super) fn covers(&self, view: usize) -> bool {
        self.covers[view]
    }

    /// For each view led by words, every place a key starts in it that a
    /// match may start at, in order, once for each set with a key starting
    /// there (as [`ViewKeys::scan`], without the places no match starts at).
    pub(super) fn scan(
        &self,
        views: &[Option<ViewKeys>; VIEWS],
        text: &str,
        words: &Words,
    ) -> [Vec<(u32, usize)>; VIEWS] {
        let mut found: [Vec<(u32, usize)>; VIEWS] = Default::default();
        let lower_key = words.lower_key();
        let mut places = KeyPlaces::new(lower_key);
        for word in words.all() {
            let bit = (word.hash >> FILTER_SHIFT) as usize;
            if self.filter[bit / 64] >> (bit % 64) & 1 == 0 {
                continue;
            }
            let first = self.entries.partition_point(|e| e.0 < word.hash);
            for (hash, view, numbers) in &self.entries[first..] {
                if *hash != word.hash {
                    break;
                }
                let (Some(keys), view) = (&views[*view], *view) else {
                    continue;
                };
                let start = word.span.start;
                let (haystack, at) = if view == RAW {
                    (text, start)
                } else {
                    (lower_key.text.as_str(), places.here(start))
                };
                let rest = haystack.as_bytes().get(at..).unwrap_or_default();
                let first = first_bytes(rest);
                let found = &mut found[view];
                for &number in numbers {
                    let number = number as usize;
                    if !keys.keys[number].starts(rest, first) {
                        continue;
                    }
                    for &set in &keys.sets[number] {
                        let known = found
                            .iter()
                            .rev()
                            .take_while(|&&(_, place)| place == at)
                            .any(|&(s, _)| s == set);
                        if !known {
                            found.push((set, at));
                        }
                    }
                }
            }
        }
        found
    }
}

/// The hash of the lower-case form of the first word of `key` (a key of
/// view `view`) as the words of a text have it, when a match of the key
/// starts where such a word starts.
fn first_word_hash(key: &str, view: usize) -> Option<u64> {
    let end = key
        .char_indices()
        .find(|&(_, c)| info_of(c) & WORD == 0)
        .map_or(key.len(), |(i, _)| i);
    let word = &key[..end];
    // A char outside the Latin blocks may be the lower case of a char that
    // is no word char (a test lists them).
    if word.is_empty() || !word.chars().all(is_latin_key_char) {
        return None;
    }
    match view {
        // The word of the text is the key's word itself.
        RAW => Some(word_hash(to_lower(word).as_bytes())),
        // The key's word is the word of the text lower-cased char by char,
        // which is its lower case but for a capital sigma (`σ` alone, `ς`
        // at the end of a word).
        LOWER if !word.contains('σ') => Some(word_hash(word.as_bytes())),
        _ => None,
    }
}

/// A char of the blocks Vietnamese is written in: ASCII to Latin
/// Extended-B (and the spacing modifiers), and Latin Extended Additional.
pub(in crate::rules::text) fn is_latin_key_char(c: char) -> bool {
    matches!(c, '\0'..='\u{2FF}' | '\u{1E00}'..='\u{1EFF}')
}

/// Where places of the text are in its lower-cased key, asked in order.
struct KeyPlaces<'k> {
    key: &'k KeyedText,
    /// The run of the last place asked.
    run: usize,
}

impl<'k> KeyPlaces<'k> {
    fn new(key: &'k KeyedText) -> Self {
        KeyPlaces { key, run: 0 }
    }

    /// Where the key of the char at `start` of the text (not whitespace, at
    /// or after the last place asked) starts.
    fn here(&mut self, start: usize) -> usize {
        let runs = self.key.runs();
        while runs
            .get(self.run + 1)
            .is_some_and(|&(_, there)| there as usize <= start)
        {
            self.run += 1;
        }
        let (here, there) = runs[self.run];
        let at = here as usize + (start - there as usize);
        debug_assert_eq!(self.key.origin(at), start);
        at
    }
}
