//! Indicator wordings as words: folded, split into runs of letters and
//! digits, acronyms expanded, synonyms unified, filler dropped, each word
//! kept once. Every word is looked up once (in the phrase tables' index, or
//! in a matcher's vocabulary that carries the same index).

use std::collections::HashMap;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

use super::fold;
use crate::rules::lazy_regex::LazyRegex;

/// Acronyms and abbreviations (folded) → their words.
const EXPANSIONS: &[(&str, &str)] = &[
    ("tthc", "thu tuc hanh chinh"),
    ("dvc", "dich vu cong"),
    ("dvctt", "dich vu cong truc tuyen"),
    ("cbccvc", "can bo cong chuc vien chuc"),
    ("cb cc vc", "can bo cong chuc vien chuc"),
    ("cbcc", "can bo cong chuc"),
    ("cb cc", "can bo cong chuc"),
    ("cntt", "cong nghe thong tin"),
    ("cds", "chuyen doi so"),
    ("csdl", "co so du lieu"),
    ("hssk", "ho so suc khoe"),
    ("attt", "an toan thong tin"),
    ("khcn", "khoa hoc cong nghe"),
    ("dmst", "doi moi sang tao"),
    ("ai", "tri tue nhan tao"),
    ("vneid", "vneid dinh danh dien tu"),
    ("gb s", "gbps"),
];

/// Wordings that mean the same thing (folded) → one of them.
const SYNONYMS: &[(&str, &str)] = &[
    ("boi duong", "dao tao"),
    ("tap huan", "dao tao"),
    ("can ban", "co ban"),
    ("moi truong mang", "moi truong dien tu"),
    ("nguoi su dung", "nguoi dung"),
    ("truc tuyen toan trinh", "toan trinh truc tuyen"),
    ("hoan toan truc tuyen", "truc tuyen"),
    ("khong dung tien mat", "khong tien mat"),
    ("so suc khoe dien tu", "ho so suc khoe dien tu"),
];

/// Filler that says nothing about which indicator a row is (folded).
/// Phrases first, then single words.
const STOPWORDS: &[&str] = &[
    "ty le",
    "ti le",
    "tren dia ban",
    "dia ban",
    "tang cuong",
    "dam bao",
    "bao dam",
    "tiep tuc",
    "duy tri",
    "day manh",
    "toi thieu",
    "it nhat",
    "tro len",
    "so voi",
    "cap xa",
    "dac khu",
    "xa",
    "phuong",
    "cua",
    "va",
    "cac",
    "duoc",
    "co",
    "cho",
    "tai",
    "theo",
    "voi",
    "trong",
    "den",
    "la",
    "nhung",
    "dat",
    "tren",
    "hon",
    "nam",
];

/// Markup and LaTeX leftovers (`<b>`, `**`, `$\geq 90\%$`) removed.
pub fn strip_leftovers(text: &str) -> String {
    static LEFTOVER: LazyRegex = LazyRegex::new(r"</?[a-zA-Z]+\s*/?>|\\[a-zA-Z]+|[*_$#`]");
    if !has_leftover_char(text) {
        return text.to_owned();
    }
    LEFTOVER.replace_all(text, " ").into_owned()
}

/// Whether `text` has a char [`strip_leftovers`] may remove.
fn has_leftover_char(text: &str) -> bool {
    text.bytes().any(is_leftover_byte)
}

const fn is_leftover_byte(b: u8) -> bool {
    matches!(b, b'<' | b'\\' | b'*' | b'_' | b'$' | b'#' | b'`')
}

/// FxHash (rustc's): words are short and not attacker-chosen keys of
/// long-lived maps, so SipHash buys nothing here.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        // The last 1–7 bytes in one step, read as two overlapping halves
        // (every byte is read, so equal lengths tell the texts apart).
        let rest = chunks.remainder();
        let n = rest.len();
        let word = match n {
            0 => return,
            1..=3 => {
                u64::from(rest[0]) | u64::from(rest[n / 2]) << 8 | u64::from(rest[n - 1]) << 16
            }
            _ => {
                let half = |at: usize| {
                    let mut four = [0u8; 4];
                    four.copy_from_slice(&rest[at..at + 4]);
                    u64::from(u32::from_le_bytes(four))
                };
                half(0) | half(n - 4) << 32
            }
        };
        self.0 = (self.0.rotate_left(5) ^ word ^ (n as u64) << 59).wrapping_mul(K);
    }

    fn write_u8(&mut self, byte: u8) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(K);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(super) type FxBuild = std::hash::BuildHasherDefault<FxHasher>;
pub(super) type FxHashMap<K, V> = HashMap<K, V, FxBuild>;
type FxHashSet<K> = std::collections::HashSet<K, FxBuild>;

/// The phrase tables, as indices of [`WordInfo::starts`].
const EXPANSION: usize = 0;
const SYNONYM: usize = 1;
const STOPWORD: usize = 2;

/// A word's number in no vocabulary.
pub(super) const NO_ID: u32 = u32::MAX;

/// What tokenising needs to know of a word, from one lookup.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct WordInfo {
    /// For each phrase table, `1 +` the place of the phrases starting
    /// with this word in its `starting`, or `0`.
    starts: [u8; 3],
    /// Its number in a matcher's vocabulary, or [`NO_ID`].
    pub id: u32,
}

impl WordInfo {
    pub(super) const UNKNOWN: WordInfo = WordInfo {
        starts: [0; 3],
        id: NO_ID,
    };

    /// A vocabulary word numbered `id`, with its phrase-table bits.
    pub(super) fn numbered(word: &str, id: u32) -> WordInfo {
        WordInfo {
            id,
            ..phrase_starts(word)
        }
    }
}

/// Where a word's [`WordInfo`] comes from.
pub(super) trait Lookup {
    /// The info of a folded word of one to eight bytes, by its [`pack`].
    fn info_packed(&self, key: u64) -> WordInfo;

    /// The info of a folded word that does not pack.
    fn info_long(&self, word: &[u8]) -> WordInfo;

    fn info(&self, word: &[u8]) -> WordInfo {
        match pack(word) {
            Some(key) => self.info_packed(key),
            None => self.info_long(word),
        }
    }
}

/// The phrase tables alone, no vocabulary.
struct Plain;

impl Lookup for Plain {
    fn info_packed(&self, key: u64) -> WordInfo {
        WordInfo {
            starts: PHRASES.starts_by_key.get(&key).copied().unwrap_or([0; 3]),
            id: NO_ID,
        }
    }

    /// Every first word of a phrase packs.
    fn info_long(&self, _: &[u8]) -> WordInfo {
        WordInfo::UNKNOWN
    }
}

fn phrase_starts(word: &str) -> WordInfo {
    WordInfo {
        starts: PHRASES.starts.get(word).copied().unwrap_or([0; 3]),
        id: NO_ID,
    }
}

/// The first words of the phrase tables' phrases, which a vocabulary used
/// as a [`Lookup`] must hold.
pub(super) fn phrase_start_words() -> impl Iterator<Item = &'static str> {
    PHRASES.starts.keys().copied()
}

/// The distinct words of a wording that identify an indicator, in order.
pub fn tokens(text: &str) -> Vec<String> {
    let mut scratch = Scratch::default();
    let words = words(text, &mut scratch, &Plain);
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut packed = Vec::new();
    let mut taken = Distinct::new(words.len(), &mut packed);
    for word in words.iter() {
        let word = words.text(word);
        if meaningful(word) && taken.insert(word) {
            out.push(
                std::str::from_utf8(word)
                    .expect("folded from chars")
                    .to_owned(),
            );
        }
    }
    out
}

/// Whether a word may identify an indicator: two chars or more, not a
/// number.
#[inline]
pub(super) fn meaningful(word: &[u8]) -> bool {
    let not_number = || !word.iter().all(u8::is_ascii_digit);
    // Most words start with two ASCII chars: no counting needed.
    if let [a, b, ..] = *word {
        if a.is_ascii() && b.is_ascii() {
            return not_number();
        }
    }
    // Chars start at the bytes that do not continue one (UTF-8).
    word.iter().filter(|&&b| (b as i8) >= -0x40).count() >= 2 && not_number()
}

/// Words seen so far: a scan for short rows (words of up to eight bytes
/// compared as one number each), a set for long ones.
pub(super) enum Distinct<'a, 'p> {
    Few {
        /// The short words, packed; kept between rows by the caller.
        packed: &'p mut Vec<u64>,
        long: Vec<&'a [u8]>,
    },
    Many(FxHashSet<&'a [u8]>),
}

impl<'a, 'p> Distinct<'a, 'p> {
    /// For a row of `words` words; `packed` is cleared and reused.
    pub(super) fn new(words: usize, packed: &'p mut Vec<u64>) -> Self {
        if words > 64 {
            Distinct::Many(FxHashSet::with_capacity_and_hasher(
                words,
                FxBuild::default(),
            ))
        } else {
            packed.clear();
            Distinct::Few {
                packed,
                long: Vec::new(),
            }
        }
    }

    /// Whether `word` is new.
    pub(super) fn insert(&mut self, word: &'a [u8]) -> bool {
        match self {
            Distinct::Few { packed, long } => match pack(word) {
                Some(key) => {
                    let new = !packed.contains(&key);
                    if new {
                        packed.push(key);
                    }
                    new
                }
                None => {
                    let new = !long.contains(&word);
                    if new {
                        long.push(word);
                    }
                    new
                }
            },
            Distinct::Many(seen) => seen.insert(word),
        }
    }
}

/// `word`'s bytes, the first in the low byte, zero-padded; `None` when it
/// is longer than eight bytes or empty. Words are letters and digits, never
/// NUL, so two words pack alike only when they are equal.
#[inline(always)]
pub(super) fn pack(word: &[u8]) -> Option<u64> {
    let bytes = word;
    let n = bytes.len();
    let byte = |i: usize| u64::from(bytes[i]) << (8 * i);
    let four = |at: usize| {
        let mut four = [0u8; 4];
        four.copy_from_slice(&bytes[at..at + 4]);
        u64::from(u32::from_le_bytes(four)) << (8 * at)
    };
    match n {
        0 => None,
        1..=3 => Some(byte(0) | byte(n / 2) | byte(n - 1)),
        // Two overlapping halves: the shared bytes are the same bits.
        4..=8 => Some(four(0) | four(n - 4)),
        _ => None,
    }
}

/// One word of [`words`]: where it lies in the folded text, its [`pack`]
/// (`0` when it has none) and its info.
#[derive(Debug, Clone, Copy)]
pub(super) struct Word {
    start: usize,
    end: usize,
    key: u64,
    pub info: WordInfo,
}

impl Word {
    /// A word of `folded` looked up in `lookup`.
    #[inline(always)]
    fn new(folded: &[u8], start: usize, end: usize, lookup: &impl Lookup) -> Word {
        let key = pack(&folded[start..end]).unwrap_or(0);
        let info = if key != 0 {
            lookup.info_packed(key)
        } else {
            lookup.info_long(&folded[start..end])
        };
        Word {
            start,
            end,
            key,
            info,
        }
    }
}

/// Scratch space of [`words`], kept between rows.
#[derive(Default)]
pub(super) struct Scratch {
    /// The folded words, end to end (UTF-8), then the words that replaced
    /// phrases.
    folded: Vec<u8>,
    /// The words, and the words before the last replacement.
    words: Vec<Word>,
    spare: Vec<Word>,
}

/// The words of one wording, borrowed from a [`Scratch`].
pub(super) struct Words<'a> {
    folded: &'a [u8],
    words: &'a [Word],
}

impl<'a> Words<'a> {
    pub(super) fn len(&self) -> usize {
        self.words.len()
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &'a Word> + 'a {
        self.words.iter()
    }

    /// The folded bytes (UTF-8) of one of the words.
    pub(super) fn text(&self, word: &Word) -> &'a [u8] {
        &self.folded[word.start..word.end]
    }
}

/// The words of `text` after folding and the phrase tables, each with its
/// info; repeats and meaningless words not yet dropped. The words borrow
/// from `scratch`, whose buffers are reused.
pub(super) fn words<'a>(text: &str, scratch: &'a mut Scratch, lookup: &impl Lookup) -> Words<'a> {
    let Scratch {
        folded,
        words,
        spare,
    } = scratch;
    words.clear();
    let mut starting = match fold_words(text, folded, words, lookup, true) {
        Some(starting) => starting,
        None => {
            // Markup or LaTeX to strip first, on the NFC text (stripping can
            // split a letter from its mark). Without it folding needs no
            // NFC: the fold of a text and of its NFC form are the same.
            words.clear();
            let nfc;
            let text = if crate::document::normalize::is_nfc(text) {
                text
            } else {
                nfc = text.nfc().collect::<String>();
                nfc.as_str()
            };
            fold_words(&strip_leftovers(text), folded, words, lookup, false).unwrap_or_default()
        }
    };
    // A table none of whose phrases starts with a word of the text
    // changes nothing.
    if starting & table_bit(EXPANSION) != 0 {
        replace_phrases(folded, words, spare, &PHRASES.expansions, EXPANSION, lookup);
        starting = words.iter().fold(0, |any, w| any | w.info.starting());
    }
    if starting & table_bit(SYNONYM) != 0 {
        replace_phrases(folded, words, spare, &PHRASES.synonyms, SYNONYM, lookup);
        starting = words.iter().fold(0, |any, w| any | w.info.starting());
    }
    if starting & table_bit(STOPWORD) != 0 {
        remove_phrases(words, &PHRASES.stopwords, STOPWORD);
    }
    Words { folded, words }
}

/// The bit of [`WordInfo::starting`] of the `which`th phrase table.
const fn table_bit(which: usize) -> u32 {
    0xFF << (8 * which)
}

impl WordInfo {
    /// For each phrase table, nonzero bits ([`table_bit`]) when the word
    /// starts one of its phrases.
    #[inline(always)]
    fn starting(&self) -> u32 {
        u32::from_le_bytes([self.starts[0], self.starts[1], self.starts[2], 0])
    }
}

/// Zero bytes kept after the folded text while folding, so that a word of
/// up to eight bytes is read as one `u64`.
const PAD: usize = 8;

/// How the char starting at `bytes[i]` (`b`) folds, and its length: read
/// from its bytes for ASCII, two-byte chars (U+0080..U+07FF) and
/// U+1E00..U+1EFF (`E1 B8..BB xx`), where the Vietnamese letters with two
/// marks are; [`SLOW`] and length 0 for the others.
#[inline(always)]
fn fold_at(bytes: &[u8], i: usize, b: u8) -> (u8, usize) {
    if b < 0x80 {
        (ASCII_WORD[usize::from(b)], 1)
    } else if b & 0xE0 == 0xC0 {
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        let code = usize::from(b & 0x1F) << 6 | usize::from(next & 0x3F);
        (WORD_FOLD[code], 2)
    } else if b == 0xE1 && matches!(bytes.get(i + 1), Some(0xB8..=0xBB)) {
        let (b1, b2) = (bytes[i + 1], bytes.get(i + 2).copied().unwrap_or(0));
        let low = usize::from(b1 & 0x03) << 6 | usize::from(b2 & 0x3F);
        (WORD_FOLD[0x800 + low], 3)
    } else {
        (SLOW, 0)
    }
}

/// `fold(text)` cut into its runs of letters and digits, end to end in
/// `folded`, each looked up in `lookup` and pushed to `words` (as
/// [`fold_into`] then [`for_each_word`] give them); returns the
/// [`WordInfo::starting`] bits of any word. With `stop_at_leftover`:
/// `None`, unfinished, at the first char [`strip_leftovers`] may remove.
fn fold_words(
    text: &str,
    folded: &mut Vec<u8>,
    words: &mut Vec<Word>,
    lookup: &impl Lookup,
    stop_at_leftover: bool,
) -> Option<u32> {
    let bytes = text.as_bytes();
    // Chars read from their bytes fold to at most as many bytes: the
    // output is written by index into room made once (the slow path makes
    // more when it needs it) and cut to length at the end. The zero bytes
    // after it let a word be read as one `u64`.
    folded.clear();
    folded.resize(bytes.len() + PAD, 0);
    let mut out: &mut [u8] = folded.as_mut_slice();
    let mut starting = 0;
    let mut n = 0;
    let mut i = 0;
    // Where the word being folded starts in `out`, when one is.
    let mut start = None;
    let mut slow = String::new();
    while let Some(&b) = bytes.get(i) {
        let (mut f, mut len) = fold_at(bytes, i, b);
        if f > LEFTOVER {
            let from = *start.get_or_insert(n);
            // The rest of the run of letters and digits read from bytes.
            loop {
                out[n] = f;
                n += 1;
                i += len;
                let Some(&b) = bytes.get(i) else {
                    break;
                };
                (f, len) = fold_at(bytes, i, b);
                if f <= LEFTOVER {
                    break;
                }
            }
            if f == SLOW && i < bytes.len() {
                // A char folding to several (a mark, which may go on the word).
                continue;
            }
            let word = Word::packed(out, from, n, lookup);
            starting |= word.info.starting();
            words.push(word);
            start = None;
            if i == bytes.len() {
                break;
            }
        }
        if f != SLOW {
            if f == LEFTOVER && stop_at_leftover {
                return None;
            }
            if let Some(from) = start.take() {
                let word = Word::packed(out, from, n, lookup);
                starting |= word.info.starting();
                words.push(word);
            }
            i += len;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        slow.clear();
        fold::fold_char_slow(c, &mut slow);
        // Room for this fold, one byte per byte left and the padding.
        let room = n + slow.len() + (bytes.len() - i) + PAD;
        if out.len() < room {
            folded.resize(room, 0);
            out = folded.as_mut_slice();
        }
        for d in slow.chars() {
            if d.is_alphanumeric() {
                start.get_or_insert(n);
                n += d.encode_utf8(&mut out[n..]).len();
            } else if let Some(from) = start.take() {
                let word = Word::new(out, from, n, lookup);
                starting |= word.info.starting();
                words.push(word);
            }
        }
    }
    if let Some(from) = start {
        let word = Word::new(out, from, n, lookup);
        starting |= word.info.starting();
        words.push(word);
    }
    folded.truncate(n);
    Some(starting)
}

impl Word {
    /// [`Word::new`] of a word followed by at least [`PAD`] bytes of
    /// `folded`: read as one `u64`.
    #[inline(always)]
    fn packed(folded: &[u8], start: usize, end: usize, lookup: &impl Lookup) -> Word {
        let len = end - start;
        if len > 8 {
            return Word::new(folded, start, end, lookup);
        }
        let mut eight = [0u8; 8];
        eight.copy_from_slice(&folded[start..start + 8]);
        // `len` is at least 1: the zero bytes past it are cleared.
        let key = u64::from_le_bytes(eight) & (u64::MAX >> (64 - 8 * len));
        Word {
            start,
            end,
            key,
            info: lookup.info_packed(key),
        }
    }
}

/// [`fold_words`]' table entry of a char whose fold is not one ASCII char.
const SLOW: u8 = 0;
/// [`fold_words`]' table entry of a char folding to one ASCII char that is
/// neither letter nor digit.
const SEPARATOR: u8 = 1;
/// [`SEPARATOR`] of an ASCII char [`strip_leftovers`] may remove.
const LEFTOVER: u8 = 2;
const WORD_FOLD_LEN: usize = 0x800 + 0x100;

/// How the chars [`fold_words`] reads from their bytes fold: U+0000..U+07FF
/// by code, then U+1E00..U+1EFF by their low byte. The folded letter or
/// digit when the fold is one, else [`SEPARATOR`] or [`SLOW`]; built with
/// the general fold of each char.
static WORD_FOLD: LazyLock<[u8; WORD_FOLD_LEN]> = LazyLock::new(|| {
    let mut table = [SLOW; WORD_FOLD_LEN];
    for (index, code) in (0..0x800).chain(0x1E00..0x1F00).enumerate() {
        let Some(c) = char::from_u32(code) else {
            continue;
        };
        let mut folded = String::new();
        fold::fold_char_slow(c, &mut folded);
        table[index] = match *folded.as_bytes() {
            [one] if one.is_ascii_alphanumeric() => one,
            [one] if one.is_ascii() && one > LEFTOVER => SEPARATOR,
            _ => SLOW,
        };
    }
    table
});

/// ASCII letters and digits lower-cased; [`LEFTOVER`] for the chars
/// [`strip_leftovers`] may remove, [`SEPARATOR`] for the other ASCII chars.
static ASCII_WORD: [u8; 128] = {
    let mut table = [SEPARATOR; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase();
        } else if is_leftover_byte(c) {
            table[b] = LEFTOVER;
        }
        b += 1;
    }
    table
};

/// The runs of letters and digits of `text`, as
/// `text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())`
/// gives them, with ASCII judged byte by byte.
#[cfg(test)]
fn for_each_word<'a>(text: &'a str, mut f: impl FnMut(&'a str)) {
    let bytes = text.as_bytes();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (alphanumeric, len) = if b.is_ascii() {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            match text[i..].chars().next() {
                Some(c) => (c.is_alphanumeric(), c.len_utf8()),
                None => break,
            }
        };
        match (alphanumeric, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                f(&text[s..i]);
                start = None;
            }
            _ => {}
        }
        i += len;
    }
    if let Some(s) = start {
        f(&text[s..]);
    }
}

/// A phrase of a table: its words, their [`pack`]s, and the words that
/// replace it.
struct Phrase {
    from: Vec<&'static str>,
    keys: Vec<u64>,
    to: Vec<&'static str>,
}

/// A phrase table indexed by first word, longest phrases first.
struct PhraseTable {
    /// The phrases starting with each word, longest first.
    starting: Vec<Vec<Phrase>>,
    /// First word → its place in `starting`.
    index: FxHashMap<&'static str, usize>,
}

struct Phrases {
    expansions: PhraseTable,
    synonyms: PhraseTable,
    stopwords: PhraseTable,
    /// Each first word of a phrase → its [`WordInfo::starts`].
    starts: FxHashMap<&'static str, [u8; 3]>,
    /// The same by [`pack`] of the word (every first word packs).
    starts_by_key: FxHashMap<u64, [u8; 3]>,
}

static PHRASES: LazyLock<Phrases> = LazyLock::new(|| {
    let expansions = PhraseTable::new(EXPANSIONS.iter().copied());
    let synonyms = PhraseTable::new(SYNONYMS.iter().copied());
    let stopwords = PhraseTable::new(STOPWORDS.iter().map(|s| (*s, "")));
    let mut starts: FxHashMap<&'static str, [u8; 3]> = FxHashMap::default();
    for (table, which) in [
        (&expansions, EXPANSION),
        (&synonyms, SYNONYM),
        (&stopwords, STOPWORD),
    ] {
        for (&first, &place) in &table.index {
            let number = u8::try_from(place + 1).expect("fewer than 255 first words");
            starts.entry(first).or_default()[which] = number;
        }
    }
    let starts_by_key = starts
        .iter()
        .map(|(word, &starts)| {
            let key = pack(word.as_bytes()).expect("first words of phrases are short");
            (key, starts)
        })
        .collect();
    Phrases {
        expansions,
        synonyms,
        stopwords,
        starts,
        starts_by_key,
    }
});

impl PhraseTable {
    fn new(pairs: impl Iterator<Item = (&'static str, &'static str)>) -> Self {
        let mut table = PhraseTable {
            starting: Vec::new(),
            index: FxHashMap::default(),
        };
        for (from, to) in pairs {
            let from: Vec<&str> = from.split_whitespace().collect();
            if let Some(&first) = from.first() {
                let to = to.split_whitespace().collect();
                let keys = from
                    .iter()
                    .map(|w| pack(w.as_bytes()).expect("words of phrases are short"))
                    .collect();
                let place = *table.index.entry(first).or_insert_with(|| {
                    table.starting.push(Vec::new());
                    table.starting.len() - 1
                });
                table.starting[place].push(Phrase { from, keys, to });
            }
        }
        for entries in &mut table.starting {
            entries.sort_by_key(|p| std::cmp::Reverse(p.from.len()));
        }
        table
    }

    /// The phrases starting with `word`, longest first.
    #[cfg(test)]
    fn get(&self, word: &str) -> Option<&Vec<Phrase>> {
        self.index.get(word).map(|&place| &self.starting[place])
    }
}

/// Replace whole-word phrases of `table` (the `which`th)
/// in `words`, in one left-to-right pass; the replacing words are appended
/// to `folded`. `spare` is scratch.
fn replace_phrases(
    folded: &mut Vec<u8>,
    words: &mut Vec<Word>,
    spare: &mut Vec<Word>,
    table: &PhraseTable,
    which: usize,
    lookup: &impl Lookup,
) {
    // Words starting a phrase of the table are common (`so`, `nguoi`),
    // whole phrases rare: copy nothing until one is found.
    let Some(first) = (0..words.len()).find(|&i| phrase_at(words, i, table, which).is_some())
    else {
        return;
    };
    spare.clear();
    spare.reserve(words.len() + 4);
    spare.extend_from_slice(&words[..first]);
    let mut i = first;
    while i < words.len() {
        match phrase_at(words, i, table, which) {
            Some(phrase) => {
                for &word in &phrase.to {
                    let start = folded.len();
                    folded.extend_from_slice(word.as_bytes());
                    spare.push(Word::new(folded, start, folded.len(), lookup));
                }
                i += phrase.from.len();
            }
            None => {
                spare.push(words[i]);
                i += 1;
            }
        }
    }
    std::mem::swap(words, spare);
}

/// The phrase of `table` (the `which`th) that starts at `words[i]`, if
/// any. Words are compared by [`pack`]: those of phrases all have one.
#[inline]
fn phrase_at<'t>(
    words: &[Word],
    i: usize,
    table: &'t PhraseTable,
    which: usize,
) -> Option<&'t Phrase> {
    let place = usize::from(words[i].info.starts[which]).checked_sub(1)?;
    // The first words are equal: the info is that of the word itself.
    table.starting[place].iter().find(|phrase| {
        words.get(i + 1..i + phrase.keys.len()).is_some_and(|here| {
            here.iter()
                .map(|w| w.key)
                .eq(phrase.keys[1..].iter().copied())
        })
    })
}

/// [`replace_phrases`] for a table whose phrases are all dropped, in place.
fn remove_phrases(words: &mut Vec<Word>, table: &PhraseTable, which: usize) {
    // Nothing moves before the first phrase.
    let Some(first) = (0..words.len()).find(|&i| phrase_at(words, i, table, which).is_some())
    else {
        return;
    };
    let mut kept = first;
    let mut i = first;
    while i < words.len() {
        match phrase_at(words, i, table, which) {
            Some(phrase) => {
                debug_assert!(phrase.to.is_empty(), "only dropped phrases");
                i += phrase.from.len();
            }
            None => {
                words[kept] = words[i];
                kept += 1;
                i += 1;
            }
        }
    }
    words.truncate(kept);
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Wordings to compare tokenisers on: every line and table cell of the
    /// example and fixture plans, the built-in templates' indicators, and
    /// variants (capitals, NFD, markup, acronyms, repeats).
    pub(crate) fn sample_wordings() -> Vec<String> {
        let docs = crate::document::parser::tests::example_and_fixture_texts();
        let mut out: Vec<String> = Vec::new();
        for doc in &docs {
            for line in doc.lines() {
                out.push(line.to_owned());
                out.extend(line.split('\t').map(str::to_owned));
            }
        }
        for template in &crate::templates::TemplateSet::builtin().templates {
            for indicator in &template.indicators {
                out.push(indicator.name.clone());
                out.extend(indicator.aliases.iter().cloned());
                out.extend(indicator.keywords.iter().cloned());
            }
        }
        let variants: Vec<String> = out
            .iter()
            .take(3000)
            .flat_map(|w| {
                [
                    w.to_uppercase(),
                    w.nfd().collect(),
                    format!("<b>{w}</b> **CB CC VC** TTHC cntt tthc $\\geq 90\\%$"),
                    format!("{w} {w} xa xa 12 a đ ĐỒNG"),
                ]
            })
            .collect();
        out.extend(variants);
        out.extend(
            [
                "",
                " ",
                "cb cc",
                "cb cc vc",
                "cb",
                "tỷ",
                "ty le",
                "gb s",
                "GB/S tốc độ",
                "Tỉ lệ hồ sơ TTHC",
                "ai ai AI trí tuệ",
                "bồi dưỡng, tập huấn; căn bản",
                "½ ² ³ Ⅳ ① ǅ İ ﬁ",
            ]
            .map(str::to_owned),
        );
        out
    }

    /// The tokeniser as it was first written: three passes over the words,
    /// each looking every word up.
    fn reference_tokens(text: &str) -> Vec<String> {
        fn replace<'a>(words: &[&'a str], table: &PhraseTable) -> Vec<&'a str> {
            let mut out = Vec::with_capacity(words.len() + 4);
            let mut i = 0;
            while i < words.len() {
                let found = table.get(words[i]).and_then(|entries| {
                    entries.iter().find(|p| {
                        words
                            .get(i..i + p.from.len())
                            .is_some_and(|here| here == p.from.as_slice())
                    })
                });
                match found {
                    Some(p) => {
                        out.extend(p.to.iter().copied());
                        i += p.from.len();
                    }
                    None => {
                        out.push(words[i]);
                        i += 1;
                    }
                }
            }
            out
        }
        let text: String = text.nfc().collect();
        let folded = crate::templates::fold::fold(&strip_leftovers(&text));
        let words: Vec<&str> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let words = replace(&words, &PHRASES.expansions);
        let words = replace(&words, &PHRASES.synonyms);
        let words = replace(&words, &PHRASES.stopwords);
        let mut out: Vec<String> = Vec::new();
        for word in words {
            let meaningful = word.chars().count() >= 2 && !word.chars().all(|c| c.is_ascii_digit());
            if meaningful && !out.iter().any(|w| w == word) {
                out.push(word.to_owned());
            }
        }
        out
    }

    #[test]
    fn tokens_agree_with_the_reference() {
        let wordings = sample_wordings();
        assert!(wordings.len() > 1000, "{}", wordings.len());
        for wording in &wordings {
            assert_eq!(tokens(wording), reference_tokens(wording), "{wording:?}");
        }
    }

    #[test]
    fn fold_words_is_fold_then_split() {
        let mut wordings = sample_wordings();
        // Chars whose fold is ASCII punctuation (`;`, `` ` ``) or several chars.
        wordings.push("a\u{37e}b\u{1fef}c ǅx ﬁ İ ẞ \u{301}".to_owned());
        // Every char read from its bytes, and their neighbours.
        for range in [0..0x900, 0x1D00..0x2100] {
            let chars = range.filter_map(char::from_u32);
            wordings.push(chars.flat_map(|c| [c, 'x', c, ' ']).collect());
        }
        for wording in wordings {
            let (mut folded, mut words) = (Vec::new(), Vec::new());
            let mut starting = fold_words(&wording, &mut folded, &mut words, &Plain, true);
            assert_eq!(
                starting.is_some(),
                !has_leftover_char(&wording),
                "{wording:?}"
            );
            if starting.is_none() {
                (folded, words) = (Vec::new(), Vec::new());
                starting = fold_words(&wording, &mut folded, &mut words, &Plain, false);
            }
            let folded = std::str::from_utf8(&folded).expect("UTF-8");
            // Keys and infos as `Word::new` gives them, however the word was read.
            for w in &words {
                let fresh = Word::new(folded.as_bytes(), w.start, w.end, &Plain);
                assert_eq!((w.key, w.info), (fresh.key, fresh.info), "{wording:?}");
                assert_eq!(w.info, phrase_starts(&folded[w.start..w.end]));
            }
            let any = words.iter().fold(0, |any, w| any | w.info.starting());
            assert_eq!(starting, Some(any), "{wording:?}");
            let fast: Vec<&str> = words.iter().map(|w| &folded[w.start..w.end]).collect();
            let whole = crate::templates::fold::fold(&wording);
            let mut slow = Vec::new();
            for_each_word(&whole, |w| slow.push(w));
            assert_eq!(fast, slow, "{wording:?}");
        }
    }

    #[test]
    fn words_split_like_str_split() {
        for wording in sample_wordings() {
            let mut words = Vec::new();
            for_each_word(&wording, |w| words.push(w));
            let split: Vec<&str> = wording
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(words, split);
        }
    }

    #[test]
    fn tokens_fold_expand_and_drop_filler() {
        assert_eq!(
            tokens("Tỷ lệ phủ sóng 5G trên địa bàn xã"),
            ["phu", "song", "5g"]
        );
        assert_eq!(
            tokens("Tăng cường phủ sóng 5G trên địa bàn."),
            ["phu", "song", "5g"]
        );
        assert_eq!(
            tokens("Tỉ lệ hồ sơ TTHC"),
            ["ho", "so", "thu", "tuc", "hanh", "chinh"]
        );
        assert_eq!(
            tokens("<b>CB,CC,VC</b> được bồi dưỡng"),
            tokens("cán bộ, công chức, viên chức đào tạo")
        );
        assert_eq!(tokens("$\\geq 90\\%$"), Vec::<String>::new());
    }

    #[test]
    fn nfd_text_gives_the_same_words() {
        let nfc = "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến";
        let nfd: String = nfc.nfd().collect();
        assert_ne!(nfc, nfd);
        assert_eq!(tokens(nfc), tokens(&nfd));
    }
}
