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
use unicode_normalization::char::decompose_canonical;
use unicode_normalization::UnicodeNormalization;

use crate::diagnostic::Span;
use crate::rules::lazy_regex::{Compile, GatedRegex, RuleRegex};

/// Compiled regexes are capped so a rule file cannot exhaust memory.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// A letter, digit or combining mark: the stuff words are made of.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        chars::info_of(c) & chars::WORD_CHAR != 0
    }
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

/// [`str::to_lowercase`], faster: each char's lower case comes from the
/// table of the text views (the whole text goes through `to_lowercase`
/// when a char's lower case is not one char, or is a sigma's).
pub fn to_lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    words::push_lower_case(&mut out, s);
    out
}

/// `s` lower-cased (as [`str::to_lowercase`]) with its whitespace runs
/// collapsed to one space and none at the ends, when `s` is in NFC as
/// every char shows by itself and each lower-cases to one char; else
/// `None`.
pub fn lower_words_of_plain_nfc(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    write_lower_words_of_plain_nfc(s, |piece| out.push_str(piece)).then_some(out)
}

/// What [`lower_words_of_plain_nfc`] gives, handed to `write` in pieces
/// (runs of the text kept as they are, single chars): true when `s` is such
/// a text, false (after handing out part of it) when not.
pub fn write_lower_words_of_plain_nfc(s: &str, mut write: impl FnMut(&str)) -> bool {
    let bytes = s.as_bytes();
    // `s[kept..i]` goes out as it is, not yet handed out.
    let mut kept = 0;
    let mut space = false;
    let mut started = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if chars::ASCII_INFO[usize::from(b)] & chars::WHITESPACE as u8 != 0 {
                if !space {
                    write(&s[kept..i]);
                }
                space = true;
                i += 1;
                continue;
            }
            if space {
                if started {
                    write(" ");
                }
                space = false;
                kept = i;
            }
            started = true;
            if b.is_ascii_uppercase() {
                write(&s[kept..i]);
                write(char::from(b.to_ascii_lowercase()).encode_utf8(&mut [0; 4]));
                kept = i + 1;
            }
            i += 1;
            continue;
        }
        let (code, len) = chars::decode_non_ascii(bytes, i);
        let info = chars::char_info(code);
        if info & chars::NFC_STARTER == 0 {
            return false;
        }
        if info & chars::WHITESPACE != 0 {
            if !space {
                write(&s[kept..i]);
            }
            space = true;
            i += len;
            continue;
        }
        let lower = match char::from_u32(info >> chars::LOWER_SHIFT) {
            Some(lower) if info & chars::SIMPLE_LOWER != 0 => lower,
            _ => return false,
        };
        if space {
            if started {
                write(" ");
            }
            space = false;
            kept = i;
        }
        started = true;
        if u32::from(lower) != code {
            write(&s[kept..i]);
            write(lower.encode_utf8(&mut [0; 4]));
            kept = i + len;
        }
        i += len;
    }
    if !space {
        write(&s[kept..]);
    }
    true
}

/// The lines of `text` that hold `byte`, found by one search of the text
/// rather than by reading every line: `(start, end, line)` with `end` at the
/// line break (or the text's end) and the line without a trailing `\r`.
pub fn lines_holding(text: &str, byte: u8) -> impl Iterator<Item = (usize, usize, &str)> {
    let bytes = text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + memchr::memchr(byte, bytes.get(from..)?)?;
        let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(text.len(), |i| at + i);
        from = end;
        let raw = &text[start..end];
        Some((start, end, raw.strip_suffix('\r').unwrap_or(raw)))
    })
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
    /// Where the keys of the phrase matchers that search jointly start.
    phrase_starts: phrases::PlanStarts,
}

impl<'a> TextViews<'a> {
    pub fn new(text: &'a str) -> Self {
        TextViews {
            text,
            words: OnceLock::new(),
            keyed: Default::default(),
            phrase_starts: Default::default(),
        }
    }

    pub fn words(&self) -> &Words<'a> {
        self.words.get_or_init(|| Words::new(self.text))
    }

    /// Build the views the built-in rules use on every plan (its words)
    /// ahead of them, e.g. while the plan is parsed. (Their phrase searches
    /// are led by the words and need no keyed view.)
    pub fn build_common(&self) {
        self.words();
    }

    fn keyed(&self, ignore_case: bool, fold_diacritics: bool) -> &KeyedText {
        let index = 2 * usize::from(ignore_case) + usize::from(fold_diacritics);
        self.keyed[index].get_or_init(|| KeyedText::new(self.text, ignore_case, fold_diacritics))
    }
}

mod chars;
mod keyed;
mod phrases;
mod words;
use keyed::KeyedText;
pub use phrases::{ExceptionSpans, Exceptions, JointSearch, PhraseMatcher};
pub use words::{word_hash, Word, Words, MAX_SEGMENT_WORDS};

#[cfg(test)]
mod reference;
#[cfg(test)]
mod tests;
