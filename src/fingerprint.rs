//! Stable fingerprints of findings, for baselines and SARIF
//! `partialFingerprints`.
//!
//! A fingerprint hashes the rule id, the matched text and a few words around
//! it on the same line (all NFC, lower-cased, whitespace collapsed), plus how
//! many earlier findings of the file had the same hash. Line and column are
//! left out on purpose: inserting or deleting lines elsewhere in a plan does
//! not change the fingerprint of an untouched finding. The message is left out
//! too, so `--lang` does not change it.
//!
//! The hash is FNV-1a 64 implemented here, so fingerprints never change with
//! the Rust version or a crate update.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use unicode_normalization::UnicodeNormalization;

use crate::diagnostic::Diagnostic;
use crate::document::source::floor_char_boundary;
use crate::document::SourceFile;

/// Words of context taken on each side of the match.
const CONTEXT_WORDS: usize = 3;

/// Bytes read on each side of the match to find those words.
const CONTEXT_WINDOW: usize = 512;

/// FNV-1a, 64 bits (offset basis and prime from the FNV specification).
#[derive(Debug, Clone, Copy)]
pub struct Fnv1a64(u64);

impl Default for Fnv1a64 {
    fn default() -> Self {
        Fnv1a64(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a64 {
    pub fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    /// Write a field followed by a separator no text contains (0x1F, unit separator),
    /// so `("ab", "c")` and `("a", "bc")` hash differently.
    pub fn field(&mut self, text: &str) {
        self.write(text.as_bytes());
        self.write(&[0x1f]);
    }

    /// [`Fnv1a64::field`] of [`normalise`] of `text`, without building it
    /// when the text is plain NFC.
    pub fn normalised_field(&mut self, text: &str) {
        if self.latin_field(text) {
            return;
        }
        let mut plain = *self;
        if crate::rules::text::write_lower_words_of_plain_nfc(text, |piece| {
            plain.write(piece.as_bytes());
        }) {
            *self = plain;
            self.write(&[0x1f]);
        } else {
            self.field(&normalise(text));
        }
    }

    pub fn finish(self) -> u64 {
        self.0
    }

    /// [`Fnv1a64::normalised_field`] of a text whose every char is
    /// whitespace or a [`plain_lower`] char (nearly every text), in one
    /// pass over its bytes: true when it is such a text, else false with
    /// the hash unchanged. Such a text is in NFC (each char is an NFC
    /// starter that composes with nothing before it) and lower-cases char
    /// by char. ASCII and the Latin letters are read from a table.
    fn latin_field(&mut self, text: &str) -> bool {
        const PRIME: u64 = 0x0000_0100_0000_01b3;
        let latin = &*LATIN;
        let bytes = text.as_bytes();
        let mut hash = self.0;
        // A space is written before the next word, never at the ends.
        let mut space = false;
        let mut started = false;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            let entry = if b < 0x80 {
                i += 1;
                match ASCII_LOWER[usize::from(b)] {
                    ASCII_SPACE => {
                        space = started;
                        continue;
                    }
                    lower => {
                        if space {
                            hash = (hash ^ u64::from(b' ')).wrapping_mul(PRIME);
                            space = false;
                        }
                        started = true;
                        hash = (hash ^ u64::from(lower)).wrapping_mul(PRIME);
                        continue;
                    }
                }
            } else {
                let index = match (b, bytes.get(i + 1), bytes.get(i + 2)) {
                    (0xC2..=0xDF, Some(&b1), _) => {
                        Some((u32::from(b & 0x1F) << 6 | u32::from(b1 & 0x3F), 2))
                    }
                    (0xE1, Some(&b1 @ 0xB8..=0xBB), Some(&b2)) => {
                        Some((0x1000 | u32::from(b1 & 0x03) << 6 | u32::from(b2 & 0x3F), 3))
                    }
                    _ => None,
                };
                match index.and_then(|(index, len)| Some((latin.entry(index)?, len))) {
                    Some((entry, len)) => {
                        i += len;
                        entry
                    }
                    None => {
                        let Some(c) = text[i..].chars().next() else {
                            return false;
                        };
                        i += c.len_utf8();
                        match plain_lower(c) {
                            Some(entry) => entry,
                            None => return false,
                        }
                    }
                }
            };
            if entry == Entry::SPACE {
                space = started;
                continue;
            }
            if space {
                hash = (hash ^ u64::from(b' ')).wrapping_mul(PRIME);
                space = false;
            }
            started = true;
            let (utf8, len) = entry.utf8();
            for &byte in &utf8[..len] {
                hash = (hash ^ u64::from(byte)).wrapping_mul(PRIME);
            }
        }
        self.0 = (hash ^ 0x1f).wrapping_mul(PRIME);
        true
    }
}

/// ASCII lower-cased, [`ASCII_SPACE`] for whitespace
/// ([`char::is_whitespace`]).
static ASCII_LOWER: [u8; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if matches!(c, b' ' | b'\t'..=b'\r') {
            ASCII_SPACE
        } else {
            c.to_ascii_lowercase()
        };
        b += 1;
    }
    table
};

const ASCII_SPACE: u8 = 0x80;

/// What [`plain_lower`] says of a char: whitespace, or the UTF-8 bytes of
/// its lower case (one to four) after their count.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Entry(u64);

impl Entry {
    const SPACE: Entry = Entry(u64::MAX);

    fn lower(c: char) -> Entry {
        let mut utf8 = [0u8; 8];
        let len = c.encode_utf8(&mut utf8[1..]).len();
        utf8[0] = len as u8;
        Entry(u64::from_le_bytes(utf8))
    }

    #[inline(always)]
    fn utf8(self) -> ([u8; 4], usize) {
        let bytes = self.0.to_le_bytes();
        let len = usize::from(bytes[0]).min(4);
        ([bytes[1], bytes[2], bytes[3], bytes[4]], len)
    }
}

/// What [`Fnv1a64::latin_field`] knows of the chars U+0080..U+024F and
/// U+1E00..U+1EFF (the Latin letters of Vietnamese among them): the lower
/// case of each char that is an NFC starter composing with nothing before
/// it (NFC quick check `Yes`, combining class 0) and lower-cases to one
/// char; [`LATIN_SPACE`] for whitespace; nothing for the others.
struct Latin {
    /// By code, U+1E00.. at 0x1000..; `Entry(0)` for the others.
    entries: Vec<Entry>,
}

static LATIN: std::sync::LazyLock<Latin> = std::sync::LazyLock::new(|| {
    let mut entries = vec![Entry(0); 0x1100];
    for code in (0x80..0x250).chain(0x1E00..0x1F00) {
        let Some(c) = char::from_u32(code) else {
            continue;
        };
        let index = if code >= 0x1E00 {
            code - 0x1E00 + 0x1000
        } else {
            code
        };
        entries[index as usize] = plain_lower(c).unwrap_or(Entry(0));
    }
    Latin { entries }
});

/// [`Entry::SPACE`] for whitespace; the lower case of an NFC starter that
/// composes with nothing before it (NFC quick check `Yes`, combining class
/// 0) and lower-cases to one char by itself (not a sigma); else `None`.
fn plain_lower(c: char) -> Option<Entry> {
    if c.is_whitespace() {
        return Some(Entry::SPACE);
    }
    let starter = unicode_normalization::char::canonical_combining_class(c) == 0
        && unicode_normalization::is_nfc_quick(std::iter::once(c))
            == unicode_normalization::IsNormalized::Yes;
    let mut lowered = c.to_lowercase();
    match (lowered.next(), lowered.next()) {
        (Some(one), None) if starter && c != 'Σ' => Some(Entry::lower(one)),
        _ => None,
    }
}

impl Latin {
    /// The entry of a code read by [`Fnv1a64::latin_field`] (U+1E00..
    /// shifted to 0x1000..).
    #[inline]
    fn entry(&self, index: u32) -> Option<Entry> {
        self.entries
            .get(index as usize)
            .copied()
            .filter(|&e| e != Entry(0))
    }
}

/// Lower-cased NFC text with whitespace runs collapsed to one space.
pub fn normalise(text: &str) -> String {
    if let Some(plain) = crate::rules::text::lower_words_of_plain_nfc(text) {
        return plain;
    }
    let lower = if unicode_normalization::is_nfc_quick(text.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        crate::rules::text::to_lower(text)
    } else {
        text.nfc().collect::<String>().to_lowercase()
    };
    let mut out = String::with_capacity(lower.len());
    for word in lower.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The end of the last line of `text` from the start of its `n`th last
/// word. Words are split at whitespace, which NFC and lower-casing keep
/// where it is (no whitespace composes with what follows it, and no letter
/// lower-cases to whitespace), so the last `n` words of `normalise` are
/// those of this end.
fn last_words_raw(text: &str, n: usize) -> &str {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices().rev() {
        if c == '\n' {
            return &text[i + 1..];
        }
        if c.is_whitespace() {
            if in_word {
                words += 1;
                if words == n {
                    return &text[i + c.len_utf8()..];
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    text
}

/// The start of the first line of `text` up to the end of its `n`th word
/// (see [`last_words_raw`]).
fn first_words_raw(text: &str, n: usize) -> &str {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            return &text[..i];
        }
        if c.is_whitespace() {
            if in_word {
                words += 1;
                if words == n {
                    return &text[..i];
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    text
}

/// The part of a fingerprint that does not depend on other findings.
fn base_hash(diagnostic: &Diagnostic, source: Option<&SourceFile>) -> u64 {
    let mut hash = Fnv1a64::default();
    hash.field(&diagnostic.rule_id);
    let span = diagnostic.labels.first().map(|l| l.span);
    if let (Some(source), Some(span)) = (source, span) {
        let text = source.original();
        // Context is read from a bounded window on each side, so a finding
        // on a very long line costs as little as one on a short line.
        let window_start = floor_char_boundary(text, span.start.saturating_sub(CONTEXT_WINDOW));
        let window_end = floor_char_boundary(text, span.end.saturating_add(CONTEXT_WINDOW));
        let matched = text.get(span.start..span.end).unwrap_or_default();
        // The window's text on the match's line: the words are searched
        // from the match outwards, up to the line break.
        let before = text.get(window_start..span.start).unwrap_or_default();
        let after = text.get(span.end..window_end).unwrap_or_default();
        hash.normalised_field(matched);
        // The raw ends have at most `CONTEXT_WORDS` words, and so do their
        // normal forms: those are the context words (see the tests).
        hash.normalised_field(last_words_raw(before, CONTEXT_WORDS));
        hash.normalised_field(first_words_raw(after, CONTEXT_WORDS));
    }
    hash.finish()
}

#[cfg(test)]
fn last_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    words[words.len().saturating_sub(n)..].join(" ")
}

#[cfg(test)]
fn first_words(text: &str, n: usize) -> String {
    text.split(' ').take(n).collect::<Vec<_>>().join(" ")
}

/// Give every diagnostic of one file its fingerprint (16 hex digits).
/// Diagnostics must be in their final (position) order: the occurrence count
/// that separates identical findings follows it.
pub fn assign(diagnostics: &mut [Diagnostic], source: Option<&SourceFile>) {
    let mut seen: HashMap<u64, u32, BuildHasherDefault<HashedKey>> =
        HashMap::with_capacity_and_hasher(diagnostics.len(), Default::default());
    for diagnostic in diagnostics {
        let base = base_hash(diagnostic, source);
        let occurrence = seen.entry(base).or_insert(0);
        let mut hash = Fnv1a64::default();
        hash.write(&base.to_le_bytes());
        hash.write(&occurrence.to_le_bytes());
        *occurrence += 1;
        diagnostic.fingerprint = Some(hex16(hash.finish()));
    }
}

/// `format!("{value:016x}")`, without the formatting machinery.
fn hex16(value: u64) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(16);
    for i in (0..16).rev() {
        hex.push(char::from(DIGITS[(value >> (4 * i)) as usize & 0xF]));
    }
    hex
}

/// Hasher of keys that are hashes already (FNV): the key is mixed once.
#[derive(Default)]
struct HashedKey(u64);

impl Hasher for HashedKey {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(byte)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = (self.0 ^ key).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_words_of_the_raw_ends_are_those_of_the_whole() {
        let texts = [
            "",
            " ",
            "a",
            "  Một  hai\tBA bốn  năm ",
            "x\u{301} y\u{2000}\u{301}z ĐƯỢC ΣΑΣ ΟΔΟΣ  q",
            "one two",
            "one two three",
            " one two three four ",
            "ắ\u{323} Ễ\u{2001}ộ\u{300}\u{301}  \u{301}a b",
        ];
        for text in texts {
            for n in 0..6 {
                assert_eq!(
                    last_words(&normalise(last_words_raw(text, n)), n),
                    last_words(&normalise(text), n),
                    "{text:?} {n}"
                );
                assert_eq!(
                    first_words(&normalise(first_words_raw(text, n)), n),
                    first_words(&normalise(text), n),
                    "{text:?} {n}"
                );
                if n > 0 {
                    // What `base_hash` relies on.
                    assert_eq!(
                        normalise(last_words_raw(text, n)),
                        last_words(&normalise(text), n),
                        "{text:?} {n}"
                    );
                    assert_eq!(
                        normalise(first_words_raw(text, n)),
                        first_words(&normalise(text), n),
                        "{text:?} {n}"
                    );
                }
            }
        }
    }
    /// The context words are those of the match's line.
    #[test]
    fn context_words_stop_at_the_line_break() {
        let texts = [
            "a b\nc d e f",
            "a\n",
            "\n",
            "x y z\n\n w",
            "ab\ncd",
            " \n a b c d",
            "Một hai\r\nba bốn năm\r\n",
        ];
        for text in texts {
            for n in 1..5 {
                let last = text.rsplit('\n').next().unwrap_or_default();
                assert_eq!(last_words_raw(text, n), last_words_raw(last, n), "{text:?}");
                let first = text.split('\n').next().unwrap_or_default();
                assert_eq!(
                    first_words_raw(text, n),
                    first_words_raw(first, n),
                    "{text:?}"
                );
            }
        }
    }
    use crate::diagnostic::{Severity, Span};

    fn fingerprints(text: &str, spans: &[(usize, usize)]) -> Vec<String> {
        let source = SourceFile::from_text("t.txt", text);
        let mut diagnostics: Vec<Diagnostic> = spans
            .iter()
            .map(|&(s, e)| {
                Diagnostic::new("r", Severity::Warning, "m").with_label(Span::new(s, e), None)
            })
            .collect();
        assign(&mut diagnostics, Some(&source));
        diagnostics
            .into_iter()
            .map(|d| d.fingerprint.unwrap())
            .collect()
    }

    /// The fast path of `normalise` gives what the general one gives.
    #[test]
    fn normalise_agrees_with_nfc_lowercase_and_split() {
        let pieces = [
            "Kế", "HOẠCH", "Đ", "ΣΑΣ", "Σ", "İ", "ǅ", "Ⱥ", "\u{212A}", "ẞ", "𝐀", "A", " ", "  ",
            "\n", "\t", "\u{a0}", "\u{2000}", "\u{2003}", "1", "e\u{301}", "\u{301}", "\u{323}",
            "Ω", "😀", "\u{340}", "\u{F900}", "가", "\u{11A8}", "\u{85}", "Ơ", "ư", "Ǆ", "ǈ", "ɏ",
            "ɐ", "Ḁ", "ỹ", "Ỹ", "ẞ", "\u{1EFF}", "\u{1F00}", "\u{24F}", "ſ", "µ", "ß", "×",
            "\u{1C}", "\u{B}", "é", "É", "ą", "\u{345}", "\u{1DC4}",
        ];
        let mut seed = 11u64;
        for round in 0..3000 {
            let mut text = String::new();
            for _ in 0..round % 10 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let general: String = text.nfc().collect::<String>().to_lowercase();
            let general = general.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(normalise(&text), general, "{text:?}");
            let mut streamed = Fnv1a64::default();
            streamed.normalised_field(&text);
            let mut built = Fnv1a64::default();
            built.field(&general);
            assert_eq!(streamed.finish(), built.finish(), "{text:?}");
        }
    }

    /// Every char the one-pass path reads, among others.
    #[test]
    fn latin_field_agrees_with_normalise() {
        let chars = (0x00..0x600)
            .chain(0x1100..0x1200)
            .chain(0x1D00..0x2200)
            .chain(0x3000..0x3100)
            .chain(0xAC00..0xAC10)
            .chain(0xF900..0xF910)
            .chain(0x1D400..0x1D410)
            .filter_map(char::from_u32);
        for c in chars {
            for text in [
                format!("{c}"),
                format!(" A{c}b \t{c}{c} "),
                format!("x {c}\u{301}"),
            ] {
                let mut streamed = Fnv1a64::default();
                streamed.normalised_field(&text);
                let general: String = text.nfc().collect::<String>().to_lowercase();
                let general = general.split_whitespace().collect::<Vec<_>>().join(" ");
                let mut built = Fnv1a64::default();
                built.field(&general);
                assert_eq!(streamed.finish(), built.finish(), "{text:?}");
            }
        }
    }

    #[test]
    fn hex_digits_are_those_of_format() {
        for value in [0, 1, 0xabc, u64::MAX, 0x0123_4567_89ab_cdef, 1 << 63] {
            assert_eq!(hex16(value), format!("{value:016x}"));
        }
    }

    #[test]
    fn fnv1a_matches_the_reference_vectors() {
        let hash = |s: &str| {
            let mut h = Fnv1a64::default();
            h.write(s.as_bytes());
            h.finish()
        };
        assert_eq!(hash(""), 0xcbf29ce484222325);
        assert_eq!(hash("a"), 0xaf63dc4c8601ec8c);
        assert_eq!(hash("foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn line_shift_keeps_the_fingerprint() {
        let text = "Số: 28/KH-UBND\nhạ tăng số\n";
        let shifted = "\n\nthêm dòng\nSố: 28/KH-UBND\nhạ tăng số\n";
        let at = |t: &str| t.find("hạ tăng").unwrap();
        let a = fingerprints(text, &[(at(text), at(text) + "hạ tăng".len())]);
        let b = fingerprints(shifted, &[(at(shifted), at(shifted) + "hạ tăng".len())]);
        assert_eq!(a, b);
        assert_eq!(a[0].len(), 16);
    }

    #[test]
    fn same_text_with_other_context_differs_and_duplicates_are_numbered() {
        let text = "một hạ tăng\nhai hạ tăng\nhai hạ tăng\n";
        let spans: Vec<(usize, usize)> = text
            .match_indices("hạ tăng")
            .map(|(i, m)| (i, i + m.len()))
            .collect();
        let found = fingerprints(text, &spans);
        assert_ne!(found[0], found[1]);
        assert_ne!(found[1], found[2]);
    }

    #[test]
    fn nfd_and_nfc_copies_agree() {
        let nfc = "xã Kiến Hưng\n";
        let nfd: String = nfc.nfd().collect();
        let a = fingerprints(nfc, &[(0, nfc.find(" Kiến").unwrap())]);
        let b = fingerprints(&nfd, &[(0, nfd.find(" Ki").unwrap())]);
        assert_eq!(a, b);
    }
}
