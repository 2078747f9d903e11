//! A matcher's vocabulary: word → [`WordInfo`], looked up once per word of
//! every row. Words of up to eight bytes (nearly all: folded Vietnamese
//! syllables) are packed into a `u64` and found in an open-addressing table
//! by one multiply and a compare or two; longer words go to a hash map.

use super::words::{pack, FxHashMap, Lookup, WordInfo};

#[derive(Debug, Clone, Default)]
pub(super) struct Vocabulary {
    /// Slots of packed short words (`0`: empty), a power of two long.
    short: Vec<(u64, WordInfo)>,
    /// `64 - log2(short.len())`: the multiplied key's top bits index a slot.
    shift: u32,
    long: FxHashMap<Vec<u8>, WordInfo>,
}

const K: u64 = 0x9E37_79B9_7F4A_7C15;

impl Vocabulary {
    pub(super) fn new(words: FxHashMap<String, WordInfo>) -> Self {
        let shorts = words
            .keys()
            .filter(|w| pack(w.as_bytes()).is_some())
            .count();
        // At most half full, so probes stay short and one slot is empty.
        let slots = (shorts * 2).next_power_of_two().max(16);
        let mut short = vec![(0, WordInfo::UNKNOWN); slots];
        let shift = 64 - slots.trailing_zeros();
        let mut long = FxHashMap::default();
        for (word, info) in words {
            match pack(word.as_bytes()) {
                Some(key) => {
                    let mut slot = (key.wrapping_mul(K) >> shift) as usize;
                    while short[slot].0 != 0 {
                        slot = (slot + 1) & (slots - 1);
                    }
                    short[slot] = (key, info);
                }
                None => {
                    long.insert(word.into_bytes(), info);
                }
            }
        }
        Vocabulary { short, shift, long }
    }

    #[cfg(test)]
    fn get(&self, word: &str) -> Option<WordInfo> {
        match pack(word.as_bytes()) {
            Some(key) => self.get_packed(key),
            None => self.long.get(word.as_bytes()).copied(),
        }
    }

    /// The info of the word packed as `key` ([`pack`]).
    #[inline(always)]
    fn get_packed(&self, key: u64) -> Option<WordInfo> {
        let mask = self.short.len().checked_sub(1)?;
        let mut slot = (key.wrapping_mul(K) >> self.shift) as usize;
        loop {
            let (here, info) = self.short[slot & mask];
            if here == key {
                return Some(info);
            }
            if here == 0 {
                return None;
            }
            slot = (slot & mask) + 1;
        }
    }
}

impl Lookup for Vocabulary {
    #[inline(always)]
    fn info_packed(&self, key: u64) -> WordInfo {
        self.get_packed(key).unwrap_or(WordInfo::UNKNOWN)
    }

    fn info_long(&self, word: &[u8]) -> WordInfo {
        self.long.get(word).copied().unwrap_or(WordInfo::UNKNOWN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_the_map_finds() {
        let mut map: FxHashMap<String, WordInfo> = FxHashMap::default();
        let words = [
            "a", "ab", "abc", "abcd", "abcde", "ñ", "5g", "thu", "tuc", "hanh",
        ];
        let long = ["abcdefgh", "abcdefghi", "chuyendoiso"];
        for (id, word) in words.iter().chain(&long).enumerate() {
            map.insert((*word).to_owned(), WordInfo::numbered(word, id as u32));
        }
        let vocabulary = Vocabulary::new(map.clone());
        let mut probes: Vec<String> = map.keys().cloned().collect();
        probes.extend(
            [
                "",
                "b",
                "ba",
                "abce",
                "abcdef",
                "abcdefg",
                "abcdefghij",
                "thuc",
            ]
            .map(String::from),
        );
        for word in &probes {
            assert_eq!(vocabulary.get(word), map.get(word).copied(), "{word:?}");
        }
        // A full scan of all short strings over a small alphabet.
        let alphabet = ["a", "b", "c", "d", "ñ"];
        let mut all = vec![String::new()];
        for _ in 0..4 {
            let next: Vec<String> = all
                .iter()
                .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
                .collect();
            all.extend(next);
        }
        for word in &all {
            assert_eq!(vocabulary.get(word), map.get(word).copied(), "{word:?}");
        }
    }
}
