//! One key search per plan for the phrase matchers of many rules.
//!
//! Each rule with a phrase list (a `substitution` rule, its exceptions)
//! searched the whole text for where one of its keys starts: a dozen passes
//! over each plan. A matcher that joins the registry here has its key set
//! recorded when its rule is compiled; the first search in a plan runs one
//! searcher over the keys of every set recorded (for each view of the text
//! that a set searches) and notes, at each place a key starts, which sets
//! have a key starting there. Each matcher then takes the places of its own
//! set: the places its own search would have found, in the same order.
//!
//! The registry is shared by every rule set of the process (a set recorded
//! twice, as when the built-in rules are loaded again, is one set). Which
//! sets are recorded changes how much one search looks for, never what a
//! matcher finds. A set recorded after a plan's search began is searched
//! alone in that plan.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use super::{KeyedText, Starts, Words};

mod by_words;
#[cfg(test)]
pub(in crate::rules::text) use by_words::is_latin_key_char;
use by_words::WordKeys;

/// The views of a text a key set may be searched in: the text itself, or
/// one of its four keyed views.
const VIEWS: usize = 5;

/// Which view `ignore_case` and `fold_diacritics` key a text into (`raw`:
/// the text itself).
pub(super) fn view_index(raw: bool, ignore_case: bool, fold_diacritics: bool) -> usize {
    if raw {
        0
    } else {
        1 + 2 * usize::from(ignore_case) + usize::from(fold_diacritics)
    }
}

/// Record a key set searched in view `view`; returns its number.
pub(super) fn register(view: usize, keys: Vec<String>) -> u32 {
    let mut registry = registry().lock().unwrap_or_else(|e| e.into_inner());
    let entry = (view, keys);
    if let Some(&set) = registry.index.get(&entry) {
        return set;
    }
    let set = registry.sets.len() as u32;
    registry.index.insert(entry.clone(), set);
    registry.sets.push(entry);
    // The next plan's search is built with it.
    registry.search = None;
    set
}

fn registry() -> &'static Mutex<Registry> {
    static REGISTRY: OnceLock<Mutex<Registry>> = OnceLock::new();
    REGISTRY.get_or_init(Mutex::default)
}

#[derive(Default)]
struct Registry {
    /// Every key set recorded, with its view, by number.
    sets: Vec<(usize, Vec<String>)>,
    index: HashMap<(usize, Vec<String>), u32>,
    /// The search over `sets`, built on first use after a set was added.
    search: Option<Arc<JointKeys>>,
}

/// The search over the key sets recorded, as they were when it was built.
fn current() -> Arc<JointKeys> {
    let mut registry = registry().lock().unwrap_or_else(|e| e.into_inner());
    let registry = &mut *registry;
    registry
        .search
        .get_or_insert_with(|| Arc::new(JointKeys::new(&registry.sets)))
        .clone()
}

/// One search over the keys of many sets.
#[derive(Debug)]
struct JointKeys {
    /// How many sets it covers (numbers `0..sets`).
    sets: u32,
    /// The search over the keys of the sets of each view (`None` when no
    /// set searches that view, or the search could not be built).
    views: [Option<ViewKeys>; VIEWS],
    /// The search led by words, for the views it can lead.
    by_words: Option<WordKeys>,
}

#[derive(Debug)]
struct ViewKeys {
    /// Finds the places where the first bytes of a key (its head, at most
    /// [`HEAD`] bytes) are, the longest head found at a place.
    heads: Starts,
    /// For each head of `heads`, the keys whose heads it starts with: the
    /// keys that may start where it is found.
    keys_at: Vec<Vec<u32>>,
    keys: Vec<Key>,
    /// The sets with each key.
    sets: Vec<Vec<u32>>,
}

/// The first bytes of `key` the search looks for.
fn head(key: &str) -> &[u8] {
    &key.as_bytes()[..key.len().min(HEAD)]
}

/// How many bytes of a key the search looks for. Teddy tells places apart
/// by the first four bytes of what it searches (and verifies the rest of
/// each pattern sharing them where they are found); the heads of many keys
/// are one (`bộ`, `sở`), which keeps it at eight buckets and few candidates.
const HEAD: usize = 4;

/// A key, with its first eight bytes as a number to compare with those of
/// the text at once.
#[derive(Debug)]
struct Key {
    key: String,
    first: u64,
    /// Which bits of `first` are the key's.
    mask: u64,
}

impl Key {
    fn new(key: &str) -> Self {
        let n = key.len().min(8);
        Key {
            key: key.to_owned(),
            first: first_bytes(key.as_bytes()),
            mask: if n == 8 { u64::MAX } else { (1 << (8 * n)) - 1 },
        }
    }

    /// Whether `rest` (whose first bytes are `first`) starts with the key.
    #[inline]
    fn starts(&self, rest: &[u8], first: u64) -> bool {
        first & self.mask == self.first
            && (self.key.len() <= 8 || rest.starts_with(self.key.as_bytes()))
    }
}

/// The first eight bytes of `bytes` (fewer: padded with zeros), little end
/// first.
fn first_bytes(bytes: &[u8]) -> u64 {
    if let Some(first) = bytes.first_chunk::<8>() {
        return u64::from_le_bytes(*first);
    }
    let mut first = [0u8; 8];
    let n = bytes.len().min(8);
    first[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(first)
}

impl JointKeys {
    fn new(sets: &[(usize, Vec<String>)]) -> Self {
        let mut views: [Option<ViewKeys>; VIEWS] = Default::default();
        for (view, search) in views.iter_mut().enumerate() {
            *search = ViewKeys::new(sets, view);
        }
        JointKeys {
            sets: sets.len() as u32,
            by_words: WordKeys::new(&views),
            views,
        }
    }
}

impl ViewKeys {
    /// The search for the keys of the sets of view `view`; `None` when it
    /// has none (or it could not be built).
    fn new(sets: &[(usize, Vec<String>)], view: usize) -> Option<Self> {
        let mut by_key: HashMap<&str, Vec<u32>> = HashMap::new();
        for (set, (_, keys)) in (0u32..).zip(sets).filter(|(_, (v, _))| *v == view) {
            for key in keys {
                by_key.entry(key).or_default().push(set);
            }
        }
        if by_key.is_empty() {
            return None;
        }
        let mut keys: Vec<&str> = by_key.keys().copied().collect();
        keys.sort_unstable();
        let mut heads: Vec<&[u8]> = keys.iter().map(|k| head(k)).collect();
        heads.sort_unstable();
        heads.dedup();
        // The heads found at a place: the longest and those it starts with.
        let keys_at = heads
            .iter()
            .map(|h| {
                (0u32..)
                    .zip(&keys)
                    .filter(|(_, k)| h.starts_with(head(k)))
                    .map(|(i, _)| i)
                    .collect()
            })
            .collect();
        Some(ViewKeys {
            heads: Starts::new(&heads, aho_corasick::MatchKind::LeftmostLongest).ok()?,
            keys_at,
            sets: keys.iter().map(|k| by_key[k].clone()).collect(),
            keys: keys.into_iter().map(Key::new).collect(),
        })
    }

    /// Every place a key starts in `haystack`, in order, once for each set
    /// with a key starting there.
    fn scan(&self, haystack: &str) -> Vec<(u32, usize)> {
        let mut found = Vec::new();
        let mut at = 0;
        while let Some((start, head)) = self.heads.find_key(haystack, at) {
            at = start + 1;
            let rest = &haystack.as_bytes()[start..];
            let first = first_bytes(rest);
            let here = found.len();
            for &key in &self.keys_at[head] {
                if !self.keys[key as usize].starts(rest, first) {
                    continue;
                }
                for &set in &self.sets[key as usize] {
                    if !found[here..].contains(&(set, start)) {
                        found.push((set, start));
                    }
                }
            }
        }
        found
    }
}

/// Where the keys of the recorded sets start in one text, found by the
/// first matcher that asks (for each view, or for all views led by words).
#[derive(Debug, Default)]
pub(crate) struct PlanStarts {
    search: OnceLock<Arc<JointKeys>>,
    /// (set, place in the text) for each view, in the order of the text.
    found: [OnceLock<Vec<(u32, usize)>>; VIEWS],
    /// The same for the views led by words.
    by_words: OnceLock<[Vec<(u32, usize)>; VIEWS]>,
}

impl PlanStarts {
    /// Where a key of set `set` starts in the text whose words are `words`,
    /// in view `view` of it (`haystack` gives that view and the keyed text
    /// it is, if it is one), in order, or at least every such place a match
    /// may start at; `None` when this plan's search does not cover the set.
    pub(super) fn of_set<'s, 'v>(
        &'s self,
        set: u32,
        view: usize,
        words: &Words,
        haystack: &dyn Fn() -> (&'v str, Option<&'v KeyedText>),
    ) -> Option<impl Iterator<Item = usize> + use<'s>> {
        let search = self.search.get_or_init(current);
        if set >= search.sets {
            return None;
        }
        let found = match &search.by_words {
            Some(by_words) if by_words.covers(view) => &self
                .by_words
                .get_or_init(|| by_words.scan(&search.views, words))[view],
            _ => {
                let keys = search.views[view].as_ref()?;
                self.found[view].get_or_init(|| {
                    let (haystack, keyed) = haystack();
                    let mut found = keys.scan(haystack);
                    if let Some(keyed) = keyed {
                        for (_, at) in &mut found {
                            *at = keyed.origin(*at);
                        }
                    }
                    found
                })
            }
        };
        Some(
            found
                .iter()
                .filter(move |&&(s, _)| s == set)
                .map(|&(_, start)| start),
        )
    }
}

#[cfg(test)]
mod tests;
