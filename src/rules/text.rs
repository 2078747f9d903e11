//! Text helpers shared by the text kinds: word boundaries, diacritic folding,
//! tone analysis, case transfer, word segments with byte spans, and a
//! phrase matcher that respects word boundaries.
//!
//! Everything works on NFC text (`CheckContext::text`), where each Vietnamese
//! letter is one code point, so folding is one char to one char.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{packed, AhoCorasick, Input, MatchKind};

use regex::Regex;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

use crate::diagnostic::Span;
use crate::rules::lazy_regex::{Compile, GatedRegex, RuleRegex};

/// Compiled regexes are capped so a rule file cannot exhaust memory.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// A letter, digit or combining mark: the stuff words are made of.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// True when `span` starts and ends at word boundaries of `text` (a slip
/// inside a longer word must not count). Edges that are not word chars
/// themselves (`Gbps/s`, `<b>`) need no boundary.
pub fn at_word_boundaries(text: &str, span: Span) -> bool {
    let (Some(before), Some(inside)) = (text.get(..span.start), text.get(span.start..span.end))
    else {
        return false;
    };
    let after = text.get(span.end..).unwrap_or("");
    let first_is_word = inside.chars().next().is_some_and(is_word_char);
    let last_is_word = inside.chars().next_back().is_some_and(is_word_char);
    let open = !first_is_word || !before.chars().next_back().is_some_and(is_word_char);
    let close = !last_is_word || !after.chars().next().is_some_and(is_word_char);
    open && close
}

/// `c` without its diacritics: `ế` → `e`, `Ư` → `U`, `đ` → `d` (đ has no
/// decomposition, so it is mapped by hand).
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    match latin_index(c) {
        Some(i) => latin_table()[i].folded,
        None => fold_char_slow(c),
    }
}

fn fold_char_slow(c: char) -> char {
    match c {
        'đ' => 'd',
        'Đ' => 'D',
        c if c.is_ascii() => c,
        c => {
            let mut base = c;
            let mut first = true;
            decompose_canonical(c, |part| {
                if first {
                    base = part;
                    first = false;
                }
            });
            base
        }
    }
}

/// The Latin blocks Vietnamese letters come from: Latin-1 Supplement to
/// Latin Extended-B, and Latin Extended Additional.
const LATIN_LOW: std::ops::Range<u32> = 0x80..0x250;
const LATIN_HIGH: std::ops::Range<u32> = 0x1E00..0x1F00;

fn latin_index(c: char) -> Option<usize> {
    let code = u32::from(c);
    if LATIN_LOW.contains(&code) {
        Some((code - LATIN_LOW.start) as usize)
    } else if LATIN_HIGH.contains(&code) {
        Some((code - LATIN_HIGH.start) as usize + LATIN_LOW.len())
    } else {
        None
    }
}

/// Folding and tone splitting of one Latin char, computed once.
#[derive(Clone, Copy)]
struct LatinChar {
    folded: char,
    /// The char without its tone mark, when that is one char.
    toneless: Option<char>,
    tone: Option<char>,
}

fn latin_table() -> &'static [LatinChar] {
    static TABLE: OnceLock<Vec<LatinChar>> = OnceLock::new();
    TABLE.get_or_init(|| {
        LATIN_LOW
            .chain(LATIN_HIGH)
            .map(|code| {
                let c = char::from_u32(code).unwrap_or('\u{FFFD}');
                let (toneless, tone) = split_tone_slow(c.encode_utf8(&mut [0; 4]));
                let mut chars = toneless.chars();
                let toneless = match (chars.next(), chars.next()) {
                    (Some(t), None) => Some(t),
                    _ => None,
                };
                LatinChar {
                    folded: fold_char_slow(c),
                    toneless,
                    tone,
                }
            })
            .collect()
    })
}

/// `s` without diacritics (`Chuyển đổi` → `Chuyen doi`).
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// The comparison key of a phrase: whitespace runs collapsed to one space,
/// then optionally lower-cased and folded.
pub fn key(s: &str, ignore_case: bool, fold_diacritics: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.trim().chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
            continue;
        }
        in_space = false;
        let c = if fold_diacritics { fold_char(c) } else { c };
        if ignore_case {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `s` with every run of whitespace (a line break inside a phrase) shown as
/// one space, for messages that must stay on one line.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Vietnamese tone marks (as combining chars after NFD).
fn is_tone_mark(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

/// A syllable split into its letters without tone, and its tone mark. Two
/// spellings with the tone on different vowels (`hòa`/`hoà`, `thủy`/`thuỷ`)
/// give the same result: they are one word in two accepted styles.
pub fn split_tone(word: &str) -> (String, Option<char>) {
    // One char at a time when every char is ASCII or a precomposed Latin
    // letter: their decompositions start with a letter that composes with
    // nothing before it, so NFD and NFC never reach across chars.
    let table = latin_table();
    let mut toneless = String::with_capacity(word.len());
    let mut tone = None;
    for c in word.chars() {
        if c.is_ascii() {
            toneless.push(c);
            continue;
        }
        match latin_index(c).map(|i| table[i]) {
            Some(LatinChar {
                toneless: Some(t),
                tone: char_tone,
                ..
            }) => {
                toneless.push(t);
                if char_tone.is_some() {
                    tone = char_tone;
                }
            }
            _ => return split_tone_slow(word),
        }
    }
    (toneless, tone)
}

fn split_tone_slow(word: &str) -> (String, Option<char>) {
    let mut tone = None;
    let toneless: String = word
        .nfd()
        .filter(|&c| {
            if is_tone_mark(c) {
                tone = Some(c);
                false
            } else {
                true
            }
        })
        .nfc()
        .collect();
    (toneless, tone)
}

/// Give `replacement` the case pattern of `found`: all capitals stay all
/// capitals, a capitalised word stays capitalised, a lower-case start stays
/// lower-case (unless the replacement is an acronym).
pub fn match_case(found: &str, replacement: &str) -> String {
    let letters: Vec<char> = found.chars().filter(|c| c.is_alphabetic()).collect();
    let all_upper = letters.len() > 1 && letters.iter().all(|c| c.is_uppercase());
    if all_upper {
        return replacement.to_uppercase();
    }
    let (Some(found_first), Some(first)) = (letters.first(), replacement.chars().next()) else {
        return replacement.to_owned();
    };
    let rest = &replacement[first.len_utf8()..];
    let rest_is_lower = rest
        .chars()
        .find(|c| c.is_alphabetic())
        .is_none_or(|c| c.is_lowercase());
    if found_first.is_uppercase() && first.is_lowercase() {
        first.to_uppercase().chain(rest.chars()).collect()
    } else if found_first.is_lowercase() && first.is_uppercase() && rest_is_lower {
        first.to_lowercase().chain(rest.chars()).collect()
    } else {
        replacement.to_owned()
    }
}

/// Levenshtein distance in chars, stopping early above `limit`.
pub fn edit_distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        if current.iter().min().is_some_and(|&m| m > limit) {
            return limit + 1;
        }
        previous = current;
    }
    previous.last().copied().unwrap_or(0)
}

/// True when `a` and `b` differ by exactly one char inserted, deleted or
/// replaced (a linear check, without the table of [`edit_distance`]).
pub fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let prefix: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let (rest_a, rest_b) = (&a[prefix..], &b[prefix..]);
    let suffix: usize = rest_a
        .chars()
        .rev()
        .zip(rest_b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let middle_a = rest_a[..rest_a.len() - suffix].chars().count();
    let middle_b = rest_b[..rest_b.len() - suffix].chars().count();
    middle_a.max(middle_b) == 1 && middle_a <= 1
}

/// Longest run of words handed out as one segment; longer runs (a 50 MB
/// line without punctuation) are cut, which may miss a phrase at the cut.
pub const MAX_SEGMENT_WORDS: usize = 4096;

/// One word of a text: a run of letters, digits and combining marks
/// (`[\p{Alphabetic}\p{N}\p{M}]+`), with its lower-case form in the
/// [`Words`] table it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub span: Span,
    /// The lower-case form: a byte range of the text when the word has no
    /// upper-case char, else (with [`IN_BUFFER`] set in the start) of the
    /// table's buffer of lower-cased words.
    lower: (u32, u32),
    /// A hash of the lower-case form: equal words have equal hashes.
    pub hash: u64,
    /// A line break stands between this word and the one before (in the
    /// same segment).
    pub newline_before: bool,
}

/// The words of a text, found once and lower-cased once, grouped in
/// segments: runs of words separated only by spaces and single line breaks.
/// Any other char (punctuation, a tab between table cells) or a blank line
/// ends a segment, so phrases and doubled words are never found across
/// them. A segment longer than [`MAX_SEGMENT_WORDS`] is cut.
#[derive(Debug, Default)]
pub struct Words<'a> {
    text: &'a str,
    words: Vec<Word>,
    /// Lower-case forms of all words, one after the other.
    lower: String,
    /// Segments as ranges of `words`.
    segments: Vec<(u32, u32)>,
}

/// A word's lower-case form as [`str::to_lowercase`] gives it, but only
/// when the word has an upper-case char; otherwise the word itself.
fn push_lower_case(out: &mut String, word: &str) {
    let bytes = word.as_bytes();
    if bytes.is_ascii() {
        if bytes.iter().any(u8::is_ascii_uppercase) {
            out.extend(bytes.iter().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.push_str(word);
        }
        return;
    }
    let mut upper = false;
    let mut special = false;
    for c in word.chars() {
        let info = char_info(c);
        upper |= info & UPPER != 0;
        special |= info & SPECIAL_LOWER != 0;
    }
    if !upper {
        out.push_str(word);
    } else if special {
        out.push_str(&word.to_lowercase());
    } else {
        for c in word.chars() {
            let info = char_info(c);
            match char::from_u32(info >> LOWER_SHIFT) {
                Some(lower) if info & SIMPLE_LOWER != 0 => out.push(lower),
                _ => out.push(c),
            }
        }
    }
}

/// Flags of [`char_info`].
const WORD: u32 = 1;
const UPPER: u32 = 2;
/// `to_lowercase` of the char is one char, stored above `LOWER_SHIFT`.
const SIMPLE_LOWER: u32 = 4;
/// `to_lowercase` of the char is several chars or depends on the context
/// (final sigma): the whole word goes through [`str::to_lowercase`].
const SPECIAL_LOWER: u32 = 8;
const LOWER_SHIFT: u32 = 8;

/// What [`Words`] needs to know of a char: whether the word regex takes it,
/// whether it is upper case, and its lower case. Computed once per block of
/// 256 code points (from the regex itself, so the classes are the same) and
/// kept for the life of the process.
fn char_info(c: char) -> u32 {
    const PAGES: usize = 256;
    static BMP: [OnceLock<Box<[u32; 256]>>; PAGES] = [const { OnceLock::new() }; PAGES];
    let code = c as usize;
    match BMP.get(code >> 8) {
        Some(page) => page.get_or_init(|| {
            let mut infos = Box::new([0u32; 256]);
            for (low, info) in infos.iter_mut().enumerate() {
                if let Some(c) = char::from_u32((code & !0xFF | low) as u32) {
                    *info = compute_char_info(c);
                }
            }
            infos
        })[code & 0xFF],
        None => compute_char_info(c),
    }
}

fn compute_char_info(c: char) -> u32 {
    let mut info = 0;
    if word_regex().is_match(c.encode_utf8(&mut [0; 4])) {
        info |= WORD;
    }
    if c.is_uppercase() {
        info |= UPPER;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if c != 'Σ' => info |= SIMPLE_LOWER | (u32::from(l) << LOWER_SHIFT),
        _ => info |= SPECIAL_LOWER,
    }
    info
}

/// A fast hash of a lower-case word (FxHash-style, 8 bytes at a time; the
/// tail read as overlapping words, without copying).
pub fn word_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    fn u64_at(b: &[u8], at: usize) -> u64 {
        let mut v = [0u8; 8];
        v.copy_from_slice(&b[at..at + 8]);
        u64::from_le_bytes(v)
    }
    fn u32_at(b: &[u8], at: usize) -> u64 {
        let mut v = [0u8; 4];
        v.copy_from_slice(&b[at..at + 4]);
        u64::from(u32::from_le_bytes(v))
    }
    let n = bytes.len();
    let mut h = (n as u64).wrapping_mul(K);
    let mix = |h: u64, v: u64| (h.rotate_left(5) ^ v).wrapping_mul(K);
    if n >= 8 {
        let mut at = 0;
        while at + 8 <= n {
            h = mix(h, u64_at(bytes, at));
            at += 8;
        }
        if at < n {
            h = mix(h, u64_at(bytes, n - 8));
        }
    } else if n >= 4 {
        h = mix(h, u32_at(bytes, 0) | (u32_at(bytes, n - 4) << 32));
    } else if n > 0 {
        let v =
            u64::from(bytes[0]) | (u64::from(bytes[n / 2]) << 8) | (u64::from(bytes[n - 1]) << 16);
        h = mix(h, v);
    }
    h ^ (h >> 29)
}

/// ASCII letters and digits: the ASCII chars of `[\p{Alphabetic}\p{N}\p{M}]`.
fn is_ascii_word(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// Flag of [`Word::lower`]: the range is in the buffer, not the text.
const IN_BUFFER: u32 = 1 << 31;

impl<'a> Words<'a> {
    pub fn new(text: &'a str) -> Words<'a> {
        let bytes = text.as_bytes();
        let mut table = Words {
            text,
            words: Vec::with_capacity(text.len() / 6),
            lower: String::new(),
            segments: Vec::new(),
        };
        let mut segment_start = 0usize;
        // The gap since the last word: line breaks seen, segment broken.
        let mut newlines = 0u32;
        let mut broken = false;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let (c, len) = if b < 0x80 {
                (char::from(b), 1)
            } else {
                let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
                (c, c.len_utf8())
            };
            let is_word = if b < 0x80 {
                is_ascii_word(b)
            } else {
                char_info(c) & WORD != 0
            };
            if !is_word {
                match c {
                    '\n' => newlines += 1,
                    '\t' => broken = true,
                    c if c.is_whitespace() => {}
                    _ => broken = true,
                }
                i += len;
                continue;
            }
            // A word starts at `i`: find its end, and whether it has an
            // upper-case char.
            let start = i;
            let mut upper = if b < 0x80 {
                b.is_ascii_uppercase()
            } else {
                char_info(c) & UPPER != 0
            };
            i += len;
            while i < bytes.len() {
                let b = bytes[i];
                if b < 0x80 {
                    if !is_ascii_word(b) {
                        break;
                    }
                    upper |= b.is_ascii_uppercase();
                    i += 1;
                } else {
                    let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
                    let info = char_info(c);
                    if info & WORD == 0 {
                        break;
                    }
                    upper |= info & UPPER != 0;
                    i += c.len_utf8();
                }
            }
            let in_segment = table.words.len() - segment_start;
            let gap_breaks = broken || newlines > 1;
            if in_segment > 0 && gap_breaks {
                table
                    .segments
                    .push((segment_start as u32, table.words.len() as u32));
                segment_start = table.words.len();
            }
            let in_segment = table.words.len() - segment_start;
            let newline_before = in_segment > 0 && newlines == 1 && !gap_breaks;
            let (lower, hash) = if upper {
                let lower_start = table.lower.len();
                push_lower_case(&mut table.lower, &text[start..i]);
                let lower_end = table.lower.len();
                (
                    (lower_start as u32 | IN_BUFFER, lower_end as u32),
                    word_hash(&table.lower.as_bytes()[lower_start..lower_end]),
                )
            } else {
                ((start as u32, i as u32), word_hash(&bytes[start..i]))
            };
            table.words.push(Word {
                span: Span::new(start, i),
                lower,
                hash,
                newline_before,
            });
            if table.words.len() - segment_start >= MAX_SEGMENT_WORDS {
                table
                    .segments
                    .push((segment_start as u32, table.words.len() as u32));
                segment_start = table.words.len();
            }
            newlines = 0;
            broken = false;
        }
        if table.words.len() > segment_start {
            table
                .segments
                .push((segment_start as u32, table.words.len() as u32));
        }
        table
    }

    /// The lower-case form of `word` (a word of this table).
    pub fn lower(&self, word: &Word) -> &str {
        let (start, end) = word.lower;
        let source = if start & IN_BUFFER != 0 {
            self.lower.as_str()
        } else {
            self.text
        };
        source
            .get((start & !IN_BUFFER) as usize..end as usize)
            .unwrap_or("")
    }

    /// The segments, in text order, each a non-empty run of words.
    pub fn segments(&self) -> impl Iterator<Item = &[Word]> + '_ {
        self.segments
            .iter()
            .map(|&(start, end)| &self.words[start as usize..end as usize])
    }

    /// True when `a` and `b` are the same word, ignoring case.
    pub fn same(&self, a: &Word, b: &Word) -> bool {
        a.hash == b.hash && self.lower(a) == self.lower(b)
    }

    /// True when `word` has a letter (not only digits or marks).
    pub fn has_letter(&self, word: &Word) -> bool {
        self.lower(word).chars().any(char::is_alphabetic)
    }
}

/// Words: runs of letters, digits and combining marks (as [`is_word_char`]).
fn word_regex() -> &'static Regex {
    static WORD: OnceLock<Regex> = OnceLock::new();
    WORD.get_or_init(|| {
        Regex::new(r"[\p{Alphabetic}\p{N}\p{M}]+").expect("the word regex is valid")
    })
}

/// Each ASCII letter with every precomposed letter that folds to it, for
/// regexes that match without diacritics.
fn fold_classes() -> &'static HashMap<char, String> {
    static CLASSES: OnceLock<HashMap<char, String>> = OnceLock::new();
    CLASSES.get_or_init(|| {
        let mut classes: HashMap<char, String> = HashMap::new();
        let ranges = ['\u{C0}'..='\u{24F}', '\u{1E00}'..='\u{1EFF}'];
        for c in ranges.into_iter().flatten() {
            let base = fold_char(c);
            if base != c && base.is_ascii_alphabetic() {
                classes
                    .entry(base)
                    .or_insert_with(|| base.to_string())
                    .push(c);
            }
        }
        classes
    })
}

/// Regex source for a literal phrase: whitespace matches spaces or one line
/// break; with `fold_diacritics` every letter matches all its accented forms.
fn phrase_regex(phrase: &str, fold_diacritics: bool) -> String {
    let mut out = String::new();
    let mut in_space = false;
    for c in phrase.trim().chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push_str(r"(?:[ \x{A0}]+|[ \x{A0}]*\r?\n[ \x{A0}]*)");
            }
            in_space = true;
            continue;
        }
        in_space = false;
        let folded = fold_char(c);
        match fold_classes().get(&folded) {
            Some(class) if fold_diacritics => {
                out.push('[');
                out.push_str(class);
                out.push(']');
            }
            _ => out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
        }
    }
    out
}

/// Views of one text shared by the text rules of a check: its words, and
/// the text turned into phrase keys (see [`key`]) for each way of
/// comparing, each built on first use.
#[derive(Debug)]
pub struct TextViews<'a> {
    pub text: &'a str,
    words: OnceLock<Words<'a>>,
    /// Indexed by `2 * ignore_case + fold_diacritics`.
    keyed: [OnceLock<KeyedText>; 4],
}

impl<'a> TextViews<'a> {
    pub fn new(text: &'a str) -> Self {
        TextViews {
            text,
            words: OnceLock::new(),
            keyed: Default::default(),
        }
    }

    pub fn words(&self) -> &Words<'a> {
        self.words.get_or_init(|| Words::new(self.text))
    }

    /// Build the views the built-in rules use on every plan (its words, its
    /// case-folded keys) ahead of them, e.g. while the plan is parsed.
    pub fn build_common(&self) {
        self.words();
        self.keyed(true, false);
    }

    fn keyed(&self, ignore_case: bool, fold_diacritics: bool) -> &KeyedText {
        let index = 2 * usize::from(ignore_case) + usize::from(fold_diacritics);
        self.keyed[index].get_or_init(|| KeyedText::new(self.text, ignore_case, fold_diacritics))
    }
}

/// A text as [`key`] turns a phrase: every run of whitespace one space,
/// chars optionally folded and lower-cased one by one. A phrase that
/// matches somewhere in the text has its key at the same place here.
#[derive(Debug)]
struct KeyedText {
    text: String,
    /// Where byte-for-byte runs start: (offset here, offset in the
    /// original). Between two of them, bytes here and in the original
    /// correspond one to one.
    runs: Vec<(u32, u32)>,
}

impl KeyedText {
    fn new(original: &str, ignore_case: bool, fold_diacritics: bool) -> Self {
        let bytes = original.as_bytes();
        let mut text = String::with_capacity(original.len());
        let mut runs = vec![(0, 0)];
        // Bytes here minus bytes in the original, so far, and at the start
        // of the last run.
        let mut shift: isize = 0;
        let mut run_shift: isize = 0;
        let mut in_space = false;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                let c = char::from(b);
                if c.is_whitespace() {
                    if in_space {
                        shift -= 1;
                    } else {
                        text.push(' ');
                        in_space = true;
                    }
                } else {
                    if shift != run_shift {
                        runs.push((text.len() as u32, i as u32));
                        run_shift = shift;
                    }
                    in_space = false;
                    text.push(if ignore_case {
                        c.to_ascii_lowercase()
                    } else {
                        c
                    });
                }
                i += 1;
                continue;
            }
            let c = original[i..].chars().next().unwrap_or('\u{FFFD}');
            let len = c.len_utf8();
            if c.is_whitespace() {
                if in_space {
                    shift -= len as isize;
                } else {
                    text.push(' ');
                    shift += 1 - len as isize;
                    in_space = true;
                }
                i += len;
                continue;
            }
            if shift != run_shift {
                runs.push((text.len() as u32, i as u32));
                run_shift = shift;
            }
            in_space = false;
            let start = text.len();
            let c = if fold_diacritics { fold_char(c) } else { c };
            if !ignore_case {
                text.push(c);
            } else {
                let info = char_info(c);
                match char::from_u32(info >> LOWER_SHIFT) {
                    Some(lower) if info & SIMPLE_LOWER != 0 => text.push(lower),
                    _ => text.extend(c.to_lowercase()),
                }
            }
            let written = (text.len() - start) as isize;
            if written != len as isize {
                shift += written - len as isize;
                run_shift = shift;
                runs.push((start as u32, i as u32));
                runs.push((text.len() as u32, (i + len) as u32));
            }
            i += len;
        }
        KeyedText { text, runs }
    }

    /// The offset in the original text of byte `at` here, if `at` starts
    /// the key of a char. (Offsets inside a char's key may map to another
    /// char: searching from there does no harm.)
    fn origin(&self, at: usize) -> usize {
        let run = self.runs.partition_point(|&(here, _)| here as usize <= at);
        let (here, there) = self.runs[run.saturating_sub(1)];
        there as usize + (at - here as usize)
    }
}

mod phrases;
pub use phrases::{ExceptionSpans, Exceptions, JointSearch, PhraseMatcher};

#[cfg(test)]
mod reference;
#[cfg(test)]
mod tests;
