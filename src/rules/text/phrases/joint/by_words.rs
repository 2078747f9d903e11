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
//! sigma), is searched as before. The lower-cased key is read from the text
//! at each such word only (no keyed copy of the text is built), and the
//! places found are places of the text.

use super::super::super::chars::{info_of, WORD};
use super::super::super::keyed::lower_key_from;
use super::super::super::{to_lower, word_hash, Word, Words};
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

    /// The first of `words` whose hash passes the filter. (A loop of its
    /// own, that keeps what it needs in registers.)
    #[inline(never)]
    fn next_hit(&self, words: &[Word]) -> Option<usize> {
        words.iter().position(|word| {
            let bit = (word.hash >> FILTER_SHIFT) as usize;
            self.filter[bit / 64] >> (bit % 64) & 1 != 0
        })
    }

    /// For each view led by words, every place of the text where a key
    /// starts in the view that a match may start at, in order, once for
    /// each set with a key starting there (as [`ViewKeys::scan`] finds
    /// them, taken back to the text, without the places no match starts
    /// at).
    pub(super) fn scan(
        &self,
        views: &[Option<ViewKeys>; VIEWS],
        words: &Words,
    ) -> [Vec<(u32, usize)>; VIEWS] {
        let text = words.text();
        let mut found: [Vec<(u32, usize)>; VIEWS] = Default::default();
        // The lower-cased key of the text from a word on.
        let mut lower = String::new();
        let all = words.all();
        let mut next = 0;
        while let Some(hit) = self.next_hit(&all[next..]) {
            let word = &all[next + hit];
            next += hit + 1;
            let first = self.entries.partition_point(|e| e.0 < word.hash);
            for (hash, view, numbers) in &self.entries[first..] {
                if *hash != word.hash {
                    break;
                }
                let (Some(keys), view) = (&views[*view], *view) else {
                    continue;
                };
                let at = word.span.start;
                // The lower-cased key is read as far as a key needs.
                let mut read = 8;
                let first = if view == RAW {
                    first_bytes(text.as_bytes().get(at..).unwrap_or_default())
                } else {
                    lower_key_from(text, at, read, &mut lower);
                    first_bytes(lower.as_bytes())
                };
                let found = &mut found[view];
                for &number in numbers {
                    let key = &keys.keys[number as usize];
                    let rest = if view == RAW {
                        text.as_bytes().get(at..).unwrap_or_default()
                    } else {
                        if key.key.len() > read && first & key.mask == key.first {
                            read = key.key.len();
                            lower_key_from(text, at, read, &mut lower);
                        }
                        lower.as_bytes()
                    };
                    if !key.starts(rest, first) {
                        continue;
                    }
                    let number = number as usize;
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
