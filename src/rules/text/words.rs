//! The words of a text, found once and lower-cased once.

use super::chars::{
    char_info, decode_non_ascii, info_of, ASCII_INFO, LOWER_SHIFT, ODD_LOWER, SIMPLE_LOWER,
    SPECIAL_LOWER, UPPER, WHITESPACE, WORD,
};
use crate::diagnostic::Span;

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
    /// The lower-case form is what the keyed view lower-casing char by char
    /// gives, and as long as the word (see [`super::keyed`]).
    pub(super) keyed_as_lower: bool,
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
        let info = info_of(c);
        upper |= info & UPPER != 0;
        special |= info & SPECIAL_LOWER != 0;
    }
    if !upper {
        out.push_str(word);
    } else if special {
        out.push_str(&word.to_lowercase());
    } else {
        for c in word.chars() {
            let info = info_of(c);
            match char::from_u32(info >> LOWER_SHIFT) {
                Some(lower) if info & SIMPLE_LOWER != 0 => out.push(lower),
                _ => out.push(c),
            }
        }
    }
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

/// Flag of [`Word::lower`]: the range is in the buffer, not the text.
const IN_BUFFER: u32 = 1 << 31;

impl Word {
    /// The lower-case form is the word itself (no upper-case char).
    pub(super) fn is_lower(&self) -> bool {
        self.lower.0 & IN_BUFFER == 0
    }
}

/// What an ASCII char that is not a word char adds to the gap between two
/// words: a line break 1, a space nothing, anything else (a tab between
/// table cells, punctuation) 2, which ends the segment.
static ASCII_GAP: [u8; 128] = ascii_gap();

const fn ascii_gap() -> [u8; 128] {
    let mut table = [2u8; 128];
    table[b'\n' as usize] = 1;
    table[b' ' as usize] = 0;
    table[0x0B] = 0;
    table[0x0C] = 0;
    table[b'\r' as usize] = 0;
    table
}

/// Whether the char at byte `i` of `bytes` is a word char, whether it is
/// upper case, and its length in bytes.
#[inline(always)]
fn classify(bytes: &[u8], i: usize) -> (u32, usize) {
    let b = bytes[i];
    if b < 0x80 {
        (u32::from(ASCII_INFO[usize::from(b)]), 1)
    } else {
        let (code, len) = decode_non_ascii(bytes, i);
        (char_info(code), len)
    }
}

impl<'a> Words<'a> {
    pub fn new(text: &'a str) -> Words<'a> {
        let bytes = text.as_bytes();
        // Vietnamese words are short: about one in five bytes starts one.
        let mut table = Words {
            text,
            words: Vec::with_capacity(text.len() / 4 + 1),
            lower: String::new(),
            segments: Vec::new(),
        };
        let mut segment_start = 0usize;
        // The gap since the last word: 0 when only spaces, 1 with one line
        // break, 2 or more when it ends the segment.
        let mut gap = 0usize;
        let mut i = 0;
        while i < bytes.len() {
            let (info, len) = classify(bytes, i);
            if info & WORD == 0 {
                gap += if bytes[i] < 0x80 {
                    usize::from(ASCII_GAP[usize::from(bytes[i])])
                } else if info & WHITESPACE != 0 {
                    0
                } else {
                    2
                };
                i += len;
                continue;
            }
            // A word starts at `i`: find its end, and whether it has an
            // upper-case char.
            let start = i;
            let mut flags = info;
            i += len;
            while i < bytes.len() {
                let (info, len) = classify(bytes, i);
                if info & WORD == 0 {
                    break;
                }
                flags |= info;
                i += len;
            }
            let upper = flags & UPPER != 0;
            if gap >= 2 && table.words.len() > segment_start {
                table
                    .segments
                    .push((segment_start as u32, table.words.len() as u32));
                segment_start = table.words.len();
            }
            let newline_before = gap == 1 && table.words.len() > segment_start;
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
                keyed_as_lower: flags & ODD_LOWER == 0,
            });
            if table.words.len() - segment_start >= MAX_SEGMENT_WORDS {
                table
                    .segments
                    .push((segment_start as u32, table.words.len() as u32));
                segment_start = table.words.len();
            }
            gap = 0;
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

    /// All words, in text order.
    pub(super) fn all(&self) -> &[Word] {
        &self.words
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
