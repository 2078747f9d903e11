//! A small set of lower-case words, numbered, looked up by the hash the word
//! view already gives every word ([`Word::hash`]). The table is a perfect
//! hash of the set's words (hash and displace): the top bits of a hash pick
//! a bucket, the bucket's seed mixed with the hash picks the one slot where
//! the word can be, so a look-up is one probe, hit or miss, without a loop.
//! The word's text is compared only when the slot holds its hash, so a
//! collision never gives a wrong number; for a word of at most eight bytes
//! not even then, as its hash and its length tell it (see
//! [`WordTable::get`]).

use crate::rules::text::{word_hash, Word, Words};

mod plan;
pub use plan::{register, PlanIds, SharedSet};

/// Numbers of at most `u32::MAX - 1` words; [`WordTable::get`] gives
/// [`NOT_FOUND`] for any other word.
#[derive(Debug, Default)]
pub struct WordTable {
    /// By slot: the word placed there (`EMPTY` in free slots); the length
    /// is a power of two.
    slots: Vec<Slot>,
    /// By bucket (the top `64 - bucket_shift` bits of a hash): the seed that
    /// places the bucket's words, each in a slot of its own.
    seeds: Vec<u64>,
    bucket_shift: u32,
    /// The words by number.
    words: Vec<String>,
    /// By number: the word's first sixteen bytes and its length in bytes,
    /// to compare it with a word of a text without looking it up.
    heads: Vec<Head>,
    /// A bit per `hash >> FILTER_SHIFT`, set for the words of the set
    /// (`FILTER_WORDS` long, empty before the first word).
    filter: Vec<u64>,
    /// 64 minus the bits of a slot number.
    slot_shift: u32,
    /// The hashes of the words, by number (to place them again).
    hashes: Vec<u64>,
    /// Some word of the set is not what the word view gives as its own
    /// lower case: a word of a text written as a word of the set is then
    /// not surely that word (see [`WordTable::get`]).
    some_not_own_lower: bool,
    /// By number: the word is marked (see [`WordTable::mark`]).
    marked: Vec<bool>,
}

pub const NOT_FOUND: u32 = u32::MAX;
const EMPTY: u32 = u32::MAX;
/// In a slot's length: the word is marked. A marked word's slot is longer
/// than any short word, so [`WordTable::get_marked`] reads the mark on
/// its slower path only (marked words are rare in a text).
const MARK: u32 = 1 << 31;

/// A slot of the table: the hash of the word placed there, its number and
/// its length in bytes (to tell a short word without another look-up).
#[derive(Debug, Clone, Copy)]
struct Slot {
    hash: u64,
    id: u32,
    len: u32,
}

const FREE: Slot = Slot {
    hash: 0,
    id: EMPTY,
    len: 0,
};

impl WordTable {
    /// The number of `word` (lower case), given it if new: words are
    /// numbered 0, 1, 2… in the order they are first inserted.
    pub fn insert(&mut self, word: &str) -> u32 {
        let hash = word_hash(word.as_bytes());
        if let Some(id) = self.find(hash, word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(word.to_owned());
        self.heads.push(Head::of(word.as_bytes()));
        self.hashes.push(hash);
        let view = Words::new(word);
        let own_lower = match view.segments().next() {
            Some([only]) => only.span.start == 0 && view.lower(only) == word,
            _ => false,
        };
        self.some_not_own_lower |= !own_lower;
        if !self.place_alone(hash, id) {
            self.rebuild();
        }
        id
    }

    /// The words, by number.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// The place in `words` of the first word that may be in the set (the
    /// filter's bit of its hash is set; most other words fail), in a loop
    /// of its own.
    #[inline(never)]
    pub fn first_maybe(&self, words: &[Word]) -> Option<usize> {
        // A fixed size: the look-up needs no bounds check.
        let filter: &[u64; FILTER_WORDS] = self.filter.as_slice().try_into().ok()?;
        words.iter().position(|w| {
            let bit = (w.hash >> FILTER_SHIFT) as usize;
            filter[bit / 64] & (1 << (bit % 64)) != 0
        })
    }

    /// The number of `word`, a word of `table` (the word view of `text`),
    /// or [`NOT_FOUND`].
    ///
    /// [`word_hash`] of a word of a given length up to eight bytes is a
    /// bijection of its bytes (one xor with a constant, multiplications by
    /// an odd number and one xor-shift: each can be undone; the test
    /// `word_hash_of_a_short_word_gives_back_its_bytes` undoes them), so a
    /// word whose lower case has the length of such a word of the set and
    /// its hash is that word.
    // Inlined: it runs for every word of a text.
    #[inline(always)]
    pub fn get(&self, table: &Words, text: &str, word: &Word) -> u32 {
        self.get_marked(table, text, word).0
    }

    /// [`WordTable::get`], and whether the word found is marked (read from
    /// its slot: no look-up of its own per word).
    #[inline(always)]
    pub fn get_marked(&self, table: &Words, text: &str, word: &Word) -> (u32, bool) {
        let Slot { hash, id, len } = self.slot(word.hash);
        if hash != word.hash {
            return (NOT_FOUND, false);
        }
        // Never true for a marked word (its length holds `MARK`).
        if len <= 8
            && word.lower_has_text_length()
            && word.span.end.wrapping_sub(word.span.start) == len as usize
        {
            return (id, false);
        }
        if self.written_as(id, text, word) || self.same_lower(id, table, word) {
            (id, len & MARK != 0)
        } else {
            (NOT_FOUND, false)
        }
    }

    /// Marks word `id` (inserted before), for [`WordTable::get_marked`].
    pub fn mark(&mut self, id: u32) {
        let Some(&hash) = self.hashes.get(id as usize) else {
            return;
        };
        if self.marked.len() < self.words.len() {
            self.marked.resize(self.words.len(), false);
        }
        self.marked[id as usize] = true;
        let at = self.slot_index(hash);
        let marked = self.slot_of(hash, id);
        if let Some(slot) = self.slots.get_mut(at).filter(|s| s.id == id) {
            *slot = marked;
        }
    }

    /// The one slot where a word with this hash can be.
    #[inline(always)]
    fn slot(&self, hash: u64) -> Slot {
        self.slots
            .get(self.slot_index(hash))
            .copied()
            .unwrap_or(FREE)
    }

    /// The place of [`WordTable::slot`].
    #[inline(always)]
    fn slot_index(&self, hash: u64) -> usize {
        let bucket = (hash >> self.bucket_shift) as usize;
        let seed = self.seeds.get(bucket).copied().unwrap_or(0);
        ((hash ^ seed).wrapping_mul(MIX) >> self.slot_shift) as usize
    }

    /// Whether `word` is written as word `id` of the set, when that tells
    /// surely that it is that word: most words are written in lower case,
    /// and the text itself then is the lower case when every word of the set
    /// is its own lower case (the word view lower-cases a word from its
    /// bytes alone). Compared as two 8-byte reads when the text has sixteen
    /// bytes from the word on.
    #[inline(always)]
    fn written_as(&self, id: u32, text: &str, word: &Word) -> bool {
        let Some(head) = self.heads.get(id as usize) else {
            return false;
        };
        let start = word.span.start;
        if self.some_not_own_lower || word.span.end.wrapping_sub(start) != head.len as usize {
            return false;
        }
        match text.as_bytes().get(start..start + 16) {
            Some(bytes) if head.len <= 16 => {
                u64_at(bytes, 0) & head.masks[0] == head.bytes[0]
                    && u64_at(bytes, 8) & head.masks[1] == head.bytes[1]
            }
            _ => self.written_exactly(id, text, word),
        }
    }

    /// [`WordTable::written_as`] the slow way: near the end of the text, or
    /// for a long word.
    #[inline(never)]
    fn written_exactly(&self, id: u32, text: &str, word: &Word) -> bool {
        let known = self
            .words
            .get(id as usize)
            .map_or(&[][..], |w| w.as_bytes());
        let written = text.as_bytes().get(word.span.start..word.span.end);
        written.is_some_and(|w| same_bytes(known, w))
    }

    /// Whether the lower case of `word` is word `id` of the set.
    #[inline(never)]
    fn same_lower(&self, id: u32, table: &Words, word: &Word) -> bool {
        let known = self
            .words
            .get(id as usize)
            .map_or(&[][..], |w| w.as_bytes());
        same_bytes(known, table.lower(word).as_bytes())
    }

    fn find(&self, hash: u64, word: &str) -> Option<u32> {
        let id = self.slot(hash).id;
        (self.words.get(id as usize)? == word).then_some(id)
    }

    /// Places a new word without moving the others, if the tables keep
    /// their sizes and its slot is free.
    fn place_alone(&mut self, hash: u64, id: u32) -> bool {
        let n = self.words.len();
        let (buckets, size) = Self::sizes(n);
        if self.seeds.len() != buckets || self.slots.len() < size || self.slot(hash).id != EMPTY {
            return false;
        }
        let bit = (hash >> FILTER_SHIFT) as usize;
        let Some(bits) = self.filter.get_mut(bit / 64) else {
            return false;
        };
        *bits |= 1 << (bit % 64);
        let bucket = (hash >> self.bucket_shift) as usize;
        let at = ((hash ^ self.seeds[bucket]).wrapping_mul(MIX) >> self.slot_shift) as usize;
        self.slots[at] = self.slot_of(hash, id);
        true
    }

    /// The buckets and the least number of slots for `n` words: about two
    /// words a bucket, at most a quarter of the slots full.
    fn sizes(n: usize) -> (usize, usize) {
        (
            n.div_ceil(2).next_power_of_two().max(2),
            (4 * n).next_power_of_two().max(16),
        )
    }

    /// Places every word again: the filter, then the buckets from the
    /// largest on, each with the first seed that puts its words in free
    /// slots, each in its own; with twice the slots when some bucket finds
    /// no seed.
    fn rebuild(&mut self) {
        let n = self.words.len();
        self.filter = vec![0; FILTER_WORDS];
        for &hash in &self.hashes {
            let bit = (hash >> FILTER_SHIFT) as usize;
            self.filter[bit / 64] |= 1 << (bit % 64);
        }
        let (buckets, mut size) = Self::sizes(n);
        self.bucket_shift = 64 - buckets.trailing_zeros();
        let mut by_bucket: Vec<Vec<u32>> = vec![Vec::new(); buckets];
        for (id, &hash) in self.hashes.iter().enumerate() {
            by_bucket[(hash >> self.bucket_shift) as usize].push(id as u32);
        }
        let mut order: Vec<usize> = (0..buckets).collect();
        order.sort_by_key(|&b| std::cmp::Reverse(by_bucket[b].len()));
        'size: loop {
            self.slots = vec![FREE; size];
            self.slot_shift = 64 - size.trailing_zeros();
            self.seeds = vec![0; buckets];
            for &b in &order {
                let ids = &by_bucket[b];
                if ids.is_empty() {
                    break;
                }
                let seed = (0..SEED_TRIES)
                    .map(|k| k.wrapping_mul(0xD6E8_FEB8_6659_FD93))
                    .find(|&seed| self.fits(ids, seed));
                let Some(seed) = seed else {
                    size *= 2;
                    continue 'size;
                };
                self.seeds[b] = seed;
                for &id in ids {
                    let hash = self.hashes[id as usize];
                    let at = ((hash ^ seed).wrapping_mul(MIX) >> self.slot_shift) as usize;
                    self.slots[at] = self.slot_of(hash, id);
                }
            }
            return;
        }
    }

    /// The slot of word `id`, its hash `hash`.
    fn slot_of(&self, hash: u64, id: u32) -> Slot {
        let len = self.heads.get(id as usize).map_or(u32::MAX, |h| h.len);
        let marked = self.marked.get(id as usize).copied().unwrap_or(false);
        Slot {
            hash,
            id,
            len: if marked { len | MARK } else { len },
        }
    }

    /// Whether `seed` puts the words `ids` in free slots, each in its own.
    fn fits(&self, ids: &[u32], seed: u64) -> bool {
        let places: Vec<usize> = (ids.iter())
            .map(|&id| {
                let hash = self.hashes[id as usize];
                ((hash ^ seed).wrapping_mul(MIX) >> self.slot_shift) as usize
            })
            .collect();
        places
            .iter()
            .enumerate()
            .all(|(i, &at)| self.slots[at].id == EMPTY && !places[..i].contains(&at))
    }
}

/// The filter's bits: a word not in a set of a thousand words passes it
/// one time in sixty-four (the sets of the rules are smaller).
const FILTER_BITS: usize = 1 << 16;
const FILTER_WORDS: usize = FILTER_BITS / 64;
const FILTER_SHIFT: u32 = 64 - FILTER_BITS.trailing_zeros();

/// Mixes a hash and a seed into a slot number (its top bits).
const MIX: u64 = 0x9E37_79B9_7F4A_7C15;
/// Seeds tried per bucket before the table grows.
const SEED_TRIES: u64 = 1 << 12;

/// The first sixteen bytes of a word of the set (zero after its end) and
/// its length.
#[derive(Debug, Clone, Copy)]
struct Head {
    bytes: [u64; 2],
    /// What keeps the first `len` bytes of two 8-byte reads.
    masks: [u64; 2],
    len: u32,
}

impl Head {
    fn of(word: &[u8]) -> Head {
        let mut padded = [0u8; 16];
        let n = word.len().min(16);
        padded[..n].copy_from_slice(&word[..n]);
        let len = u32::try_from(word.len()).unwrap_or(u32::MAX);
        let (first, second) = masks(len);
        Head {
            bytes: [u64_at(&padded, 0), u64_at(&padded, 8)],
            masks: [first, second],
            len,
        }
    }
}

/// The masks that keep the first `len` bytes (up to 16) of two 8-byte reads.
fn masks(len: u32) -> (u64, u64) {
    let bits = 8 * len.min(16);
    let first = if bits >= 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    };
    let second = if bits >= 128 {
        u64::MAX
    } else if bits > 64 {
        (1u64 << (bits - 64)) - 1
    } else {
        0
    };
    (first, second)
}

/// Eight bytes of `b` from `at`, little-endian (the order [`Head`] keeps).
#[inline(always)]
fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut v = [0u8; 8];
    v.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(v)
}

/// `a == b`, without a call to `memcmp` for the short words of a lexicon:
/// two overlapping 8-byte (or 4-byte) reads from each.
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    fn u32_at(b: &[u8], at: usize) -> u32 {
        let mut v = [0u8; 4];
        v.copy_from_slice(&b[at..at + 4]);
        u32::from_ne_bytes(v)
    }
    let n = a.len();
    if n != b.len() {
        return false;
    }
    match n {
        8..=16 => u64_at(a, 0) == u64_at(b, 0) && u64_at(a, n - 8) == u64_at(b, n - 8),
        4..=7 => u32_at(a, 0) == u32_at(b, 0) && u32_at(a, n - 4) == u32_at(b, n - 4),
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_bytes_is_equality() {
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "abce",
            "xbcd",
            "số",
            "hóa",
            "chuyển",
            "chuyên",
            "thuỷ",
            "thủy",
            "12345678",
            "12345679",
            "02345678",
            "trưởng thành",
            "trưởng thànk",
            "0123456789abcdefg",
            "0123456789abcdefh",
        ];
        for a in words {
            for b in words {
                assert_eq!(same_bytes(a.as_bytes(), b.as_bytes()), a == b, "{a} {b}");
            }
        }
    }

    /// [`WordTable::get`] takes a word of at most eight bytes with the
    /// length and the hash of a word of the set for that word: it holds
    /// while [`word_hash`] of such a word can be undone, as here, step by
    /// step, on many random words. (If `word_hash` changes, change this
    /// test with it, or drop the short-word path of `get`.)
    #[test]
    fn word_hash_of_a_short_word_gives_back_its_bytes() {
        const HASH_K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        // The inverse of HASH_K modulo 2^64 (Newton's iteration).
        let mut inverse = HASH_K;
        for _ in 0..6 {
            inverse = inverse.wrapping_mul(2u64.wrapping_sub(HASH_K.wrapping_mul(inverse)));
        }
        assert_eq!(HASH_K.wrapping_mul(inverse), 1);
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for round in 0..200_000u64 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (round % 8 + 1) as usize;
            let bytes = &state.to_le_bytes()[..len];
            let out = word_hash(bytes);
            let mixed = out ^ (out >> 29) ^ (out >> 58);
            let start = (len as u64).wrapping_mul(HASH_K).rotate_left(5);
            let read = mixed.wrapping_mul(inverse) ^ start;
            let mut padded = [0u8; 8];
            padded[..len].copy_from_slice(bytes);
            assert_eq!(read, u64::from_le_bytes(padded), "{bytes:?}");
        }
    }

    /// Short words whose lower case differs in length from the text, or
    /// that lower-case oddly, are found as their lower case says.
    #[test]
    fn short_words_found_by_hash_and_length() {
        let mut set = WordTable::default();
        let words = ["i", "ı", "ǆ", "σ", "ς", "số", "hóa", "k", "å"];
        for word in words {
            set.insert(word);
        }
        let text = "İ I ı Ǆ ǅ ǆ Σ ΑΣ σ ς SỐ Số HÓA hóa K \u{212A} Å \u{212B} å x";
        let view = Words::new(text);
        for w in view.all() {
            let lower = view.lower(w);
            let expected = words
                .iter()
                .position(|&k| k == lower)
                .map_or(NOT_FOUND, |n| n as u32);
            assert_eq!(set.get(&view, text, w), expected, "{lower}");
        }
    }

    #[test]
    fn finds_every_inserted_word_and_no_other() {
        let mut set = WordTable::default();
        assert_eq!(set.insert("số"), 0);
        assert_eq!(set.insert("hóa"), 1);
        assert_eq!(set.insert("số"), 0);
        for n in 0..100 {
            set.insert(&format!("w{n}"));
        }
        assert_eq!(set.words.len(), 102);
        let text = "Số HÓA số hoá w7 w100 W99";
        let words = Words::new(text);
        let ids: Vec<u32> = words
            .segments()
            .flatten()
            .map(|w| set.get(&words, text, w))
            .collect();
        assert_eq!(ids, [0, 1, 0, NOT_FOUND, 9, NOT_FOUND, 101]);
        assert_eq!(
            WordTable::default().get(&words, text, &words.segments().next().unwrap()[0]),
            NOT_FOUND
        );
    }

    /// Every word of a large set has its own slot, found by its hash, and
    /// a word not in the set is not found.
    #[test]
    fn every_word_of_a_large_set_is_found() {
        let mut set = WordTable::default();
        let words: Vec<String> = (0..3000).map(|n| format!("từ{n}")).collect();
        for (n, word) in words.iter().enumerate() {
            assert_eq!(set.insert(word) as usize, n);
        }
        let text = words.join(" ") + " từ3000 từ-1";
        let view = Words::new(&text);
        let ids: Vec<u32> = view
            .all()
            .iter()
            .map(|w| set.get(&view, &text, w))
            .collect();
        let expected: Vec<u32> = (0..3000).chain([NOT_FOUND; 3]).collect();
        assert_eq!(ids, expected);
    }

    /// Words of every length up to past sixteen bytes, written in lower and
    /// upper case, near the end of the text and far from it, one letter
    /// off: found as a look-up of their lower case finds them.
    #[test]
    fn finds_what_a_lookup_of_the_lower_case_finds() {
        let stems = ["a", "số", "hóa", "chuyển", "nghiệp", "trường", "abcdefgh"];
        let mut set = WordTable::default();
        let mut known = std::collections::HashMap::new();
        let mut text = String::new();
        for stem in stems {
            for repeat in 1..=4 {
                let word = stem.repeat(repeat);
                let id = set.insert(&word);
                known.insert(word.clone(), id);
                let mut off = word.clone();
                off.pop();
                off.push('x');
                for written in [word.clone(), word.to_uppercase(), off] {
                    text.push_str(&written);
                    text.push(' ');
                }
            }
        }
        for cut in (0..text.len()).filter(|&c| text.is_char_boundary(c)) {
            let text = &text[cut..];
            let words = Words::new(text);
            for w in words.segments().flatten() {
                let expected = known.get(words.lower(w)).copied().unwrap_or(NOT_FOUND);
                assert_eq!(set.get(&words, text, w), expected, "{}", words.lower(w));
            }
        }
    }

    /// A word of the set that is not its own lower case is found only
    /// for words whose lower case it is, never for the same letters.
    #[test]
    fn a_word_not_in_lower_case_is_never_found() {
        let mut set = WordTable::default();
        assert_eq!(set.insert("số"), 0);
        assert!(!set.some_not_own_lower);
        assert_eq!(set.insert("Hóa"), 1);
        assert!(set.some_not_own_lower);
        let text = "số Số Hóa hóa";
        let words = Words::new(text);
        let ids: Vec<u32> = words
            .segments()
            .flatten()
            .map(|w| set.get(&words, text, w))
            .collect();
        assert_eq!(ids, [0, 0, NOT_FOUND, NOT_FOUND]);
        let mut set = WordTable::default();
        set.insert("số hóa");
        assert!(set.some_not_own_lower);
    }
}
