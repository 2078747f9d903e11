//! The words of a text, found once and lower-cased once.

use super::chars::{
    CommonChars, ASCII_INFO, LOWER_SHIFT, ODD_LOWER, SIMPLE_LOWER, SPECIAL_LOWER, UPPER,
    WHITESPACE, WORD,
};
use crate::diagnostic::Span;

/// Longest run of words handed out as one segment; longer runs (a 50 MB
/// line without punctuation) are cut, which may miss a phrase at the cut.
pub const MAX_SEGMENT_WORDS: usize = 4096;

/// One word of a text: a run of letters, digits and combining marks
/// (`[\p{Alphabetic}\p{N}\p{M}]+`), with its lower-case form in the
/// [`Words`] table it belongs to. (32 bytes: the scan writes one per word.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub span: Span,
    /// A hash of the lower-case form: equal words have equal hashes.
    pub hash: u64,
    /// Where the lower-case form is, as `lower_in` says: its start in the
    /// text or in the table's lower-cased words (where it has the length of
    /// the word), or its number in the buffer's ranges.
    lower: u32,
    /// A line break stands between this word and the one before (in the
    /// same segment).
    pub newline_before: bool,
    lower_in: LowerIn,
}

impl Word {
    /// Whether the lower-case form has the word's length in the text: all
    /// but the rare words whose chars lower-case oddly.
    #[inline(always)]
    pub fn lower_has_text_length(&self) -> bool {
        self.lower_in != LowerIn::Buffer
    }
}

/// Where the lower-case form of a word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LowerIn {
    /// The text: the word has no upper-case char.
    Text,
    /// The table's lower-cased words, where the word has the same length
    /// as in the text.
    Cased,
    /// The table's buffer, for the rare words whose chars lower-case oddly.
    Buffer,
}

/// The words of a text, found once and lower-cased once, grouped in
/// segments: runs of words separated only by spaces and single line breaks.
/// Any other char (punctuation, a tab between table cells) or a blank line
/// ends a segment, so phrases and doubled words are never found across
/// them. A segment longer than [`MAX_SEGMENT_WORDS`] is cut.
#[derive(Debug)]
pub struct Words<'a> {
    text: &'a str,
    words: Vec<Word>,
    /// The lower-case forms of the words with an upper-case char that keep
    /// their length, one after the other.
    cased: String,
    /// Lower-case forms of the words whose chars lower-case oddly.
    buffer: Buffer,
    /// Segments as ranges of `words`.
    segments: Vec<(u32, u32)>,
}

/// The lower-case form of `word` (in practice one with an upper-case char), as
/// [`str::to_lowercase`] gives it, pushed to `out`.
pub(super) fn push_lower_case(out: &mut String, word: &str) {
    let start = out.len();
    out.reserve(word.len());
    let bytes = word.as_bytes();
    let common = CommonChars::get();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            out.push(char::from(b.to_ascii_lowercase()));
            i += 1;
            continue;
        }
        let (info, len) = common.info_at(bytes, i, b);
        if info & SPECIAL_LOWER != 0 {
            // A final sigma lower-cases by its context: the whole word.
            out.truncate(start);
            out.push_str(&word.to_lowercase());
            return;
        }
        match char::from_u32(info >> LOWER_SHIFT) {
            Some(lower) if info & SIMPLE_LOWER != 0 => out.push(lower),
            _ => out.push_str(&word[i..i + len]),
        }
        i += len;
    }
}

/// The lower-case form of `word`, none of whose chars lower-cases oddly
/// (each is lower case or upper case with a lower case of its length),
/// pushed to `out`.
#[inline]
pub(super) fn push_lower_plain(out: &mut String, word: &str, common: &CommonChars) {
    out.reserve(word.len());
    let bytes = word.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            out.push(char::from(b.to_ascii_lowercase()));
            i += 1;
            continue;
        }
        let (info, len) = common.info_at(bytes, i, b);
        match char::from_u32(info >> LOWER_SHIFT) {
            Some(lower) if info & UPPER != 0 => out.push(lower),
            _ => out.push_str(&word[i..i + len]),
        }
        i += len;
    }
}

const HASH_K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

#[inline(always)]
fn hash_mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(HASH_K)
}

#[inline(always)]
fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// A fast hash of a lower-case word (FxHash-style, 8 bytes at a time, the
/// last ones padded with zeros).
pub fn word_hash(bytes: &[u8]) -> u64 {
    hash_flipped(bytes, 0)
}

/// [`word_hash`] of `bytes` with its first eight bytes xor-ed with `flip`.
fn hash_flipped(bytes: &[u8], flip: u64) -> u64 {
    let mut h = (bytes.len() as u64).wrapping_mul(HASH_K);
    let mut flip = flip;
    for chunk in bytes.chunks(8) {
        let mut v = [0u8; 8];
        v[..chunk.len()].copy_from_slice(chunk);
        h = hash_mix(h, u64::from_le_bytes(v) ^ flip);
        flip = 0;
    }
    h ^ (h >> 29)
}

/// [`word_hash`] of the word `bytes[start..end]` (not empty) with its first
/// eight bytes xor-ed with `flip` (`0x20` lower-cases an ASCII capital at
/// the start). A word of at most eight bytes is read as one masked 8-byte
/// read of the text when the text goes on long enough.
#[inline(always)]
fn text_word_hash(bytes: &[u8], start: usize, end: usize, flip: u64) -> u64 {
    let n = end - start;
    if n <= 8 {
        if let Some(v) = u64_at(bytes, start) {
            let v = (v & (u64::MAX >> (64 - 8 * n))) ^ flip;
            let h = hash_mix((n as u64).wrapping_mul(HASH_K), v);
            return h ^ (h >> 29);
        }
    }
    hash_flipped(&bytes[start..end], flip)
}

/// The lower-case form of the word `text[start..end]` that has an
/// upper-case char or one that lower-cases oddly (`flags`), written to
/// `cased` or `buffer`: where it is (as [`Word::lower`] says) and its hash.
#[inline(never)]
fn lower_of_cased(
    common: &CommonChars,
    cased: &mut String,
    buffer: &mut Buffer,
    text: &str,
    start: usize,
    end: usize,
    flags: u32,
) -> (u32, LowerIn, u64) {
    if flags & ODD_LOWER == 0 {
        let from = cased.len();
        let word = &text[start..end];
        if word.is_ascii() {
            cased.push_str(word);
            cased[from..].make_ascii_lowercase();
        } else {
            push_lower_plain(cased, word, common);
        }
        let hash = word_hash(&cased.as_bytes()[from..]);
        return (from as u32, LowerIn::Cased, hash);
    }
    if flags & UPPER == 0 {
        let hash = word_hash(&text.as_bytes()[start..end]);
        (start as u32, LowerIn::Text, hash)
    } else {
        let (number, hash) = buffer.push(&text[start..end]);
        (number, LowerIn::Buffer, hash)
    }
}

/// Lower-case forms of the rare words whose chars lower-case oddly.
#[derive(Debug, Default)]
struct Buffer {
    text: String,
    ranges: Vec<(u32, u32)>,
}

impl Buffer {
    /// Add the lower-case form of `word`: its number and hash.
    #[cold]
    #[inline(never)]
    fn push(&mut self, word: &str) -> (u32, u64) {
        let start = self.text.len();
        push_lower_case(&mut self.text, word);
        self.ranges.push((start as u32, self.text.len() as u32));
        let hash = word_hash(&self.text.as_bytes()[start..]);
        ((self.ranges.len() - 1) as u32, hash)
    }

    #[cold]
    #[inline(never)]
    fn get(&self, number: u32) -> &str {
        let range = self.ranges.get(number as usize).copied().unwrap_or((0, 0));
        self.text
            .get(range.0 as usize..range.1 as usize)
            .unwrap_or("")
    }
}

/// What the scan needs of an ASCII byte: [`WORD`] and [`UPPER`] as in
/// [`ASCII_INFO`], and, for the others, what they add to the gap between
/// two words (in the bits of [`GAP_SHIFT`]): a line break 1, a space
/// nothing, anything else (a tab between table cells, punctuation) 2,
/// which ends the segment.
static ASCII_CLASS: [u8; 128] = ascii_class();
const GAP_SHIFT: u32 = 4;

const fn ascii_class() -> [u8; 128] {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let info = ASCII_INFO[b];
        table[b] = if info & WORD as u8 != 0 {
            info & (WORD | UPPER) as u8
        } else {
            let gap = match b as u8 {
                b'\n' => 1,
                b' ' | 0x0B | 0x0C | b'\r' => 0,
                _ => 2,
            };
            gap << GAP_SHIFT
        };
        b += 1;
    }
    table
}

/// The next word of a text and what stands before it.
struct NextWord {
    start: usize,
    end: usize,
    /// The [`char_info`] flags of the word's first char, and of the others
    /// or-ed.
    first: u32,
    rest: u32,
    /// What stands between the word and the one before (or the start of
    /// the scan): 0 when only spaces, 1 with one line break, 2 or more when
    /// it ends the segment.
    gap: u32,
}

/// The first word of `bytes[from..]` (`from` a char boundary).
#[inline(always)]
fn next_word(common: &CommonChars, bytes: &[u8], from: usize) -> Option<NextWord> {
    let mut gap = 0u32;
    // Between words: find the next word char.
    let (start, i, first) = 'found: {
        let mut i = from;
        loop {
            let &b = bytes.get(i)?;
            if b < 0x80 {
                let class = u32::from(ASCII_CLASS[usize::from(b)]);
                if class & WORD != 0 {
                    break 'found (i, i + 1, class);
                }
                gap += class >> GAP_SHIFT;
                i += 1;
            } else {
                let (info, len) = common.info_at(bytes, i, b);
                if info & WORD != 0 {
                    break 'found (i, i + len, info);
                }
                gap += if info & WHITESPACE != 0 { 0 } else { 2 };
                i += len;
            }
        }
    };
    let (end, rest) = word_end(common, bytes, i);
    Some(NextWord {
        start,
        end,
        first,
        rest,
        gap,
    })
}

/// The end of the word whose chars go on at `bytes[i..]`, and the
/// [`char_info`] flags of those chars or-ed: whether one is upper case or
/// lower-cases oddly. Most chars are lower-case ASCII letters, which need
/// nothing more.
#[inline(always)]
fn word_end(common: &CommonChars, bytes: &[u8], mut i: usize) -> (usize, u32) {
    let mut rest = 0;
    while let Some(&b) = bytes.get(i) {
        if b.wrapping_sub(b'a') < 26 {
            i += 1;
        } else if b < 0x80 {
            let class = u32::from(ASCII_CLASS[usize::from(b)]);
            if class & WORD == 0 {
                break;
            }
            rest |= class;
            i += 1;
        } else {
            let (info, len) = common.info_at(bytes, i, b);
            if info & WORD == 0 {
                break;
            }
            rest |= info;
            i += len;
        }
    }
    (i, rest)
}

/// The commonest stretch of a text, words after single spaces that start
/// with a lower-case ASCII letter and have no char to lower-case, scanned
/// in a loop of its own: such a word needs nothing but its span and hash
/// (it is its own lower case and key, starts no segment and follows no line
/// break). From the end of a word at `from`; returns where the stretch ends
/// and the word after it, when one was found that needs more.
#[inline(always)]
fn plain_words(
    common: &CommonChars,
    bytes: &[u8],
    from: usize,
    words: &mut Vec<Word>,
) -> (usize, Option<NextWord>) {
    let mut i = from;
    while let Some(&[b' ', b]) = bytes.get(i..i + 2) {
        if b.wrapping_sub(b'a') >= 26 {
            break;
        }
        let start = i + 1;
        let (end, rest) = word_end(common, bytes, start + 1);
        if rest & (UPPER | ODD_LOWER) != 0 {
            let found = NextWord {
                start,
                end,
                first: WORD,
                rest,
                gap: 0,
            };
            return (i, Some(found));
        }
        words.push(Word {
            span: Span::new(start, end),
            hash: text_word_hash(bytes, start, end, 0),
            lower: start as u32,
            newline_before: false,
            lower_in: LowerIn::Text,
        });
        i = end;
    }
    (i, None)
}

impl<'a> Words<'a> {
    pub fn new(text: &'a str) -> Words<'a> {
        let bytes = text.as_bytes();
        // Vietnamese words are short: about one in six bytes starts one.
        let mut words: Vec<Word> = Vec::with_capacity(bytes.len() / 5 + 1);
        let mut cased = String::with_capacity(bytes.len() / 16 + 16);
        let mut buffer = Buffer::default();
        let mut segments = Vec::with_capacity(bytes.len() / 64 + 1);
        let mut segment_start = 0usize;
        let common = CommonChars::get();
        let mut i = 0;
        let mut pending = None;
        while let Some(found) = pending.take().or_else(|| next_word(common, bytes, i)) {
            let (start, end) = (found.start, found.end);
            let count = words.len();
            if found.gap >= 2 && count > segment_start {
                segments.push((segment_start as u32, count as u32));
                segment_start = count;
            }
            const CASED: u32 = UPPER | ODD_LOWER;
            let (lower, lower_in, hash) = if (found.first | found.rest) & CASED == 0 {
                (
                    start as u32,
                    LowerIn::Text,
                    text_word_hash(bytes, start, end, 0),
                )
            } else if found.rest & CASED == 0 && bytes[start].is_ascii_uppercase() {
                // A capital ASCII letter, then chars that need no
                // lower-casing: the lower case differs in one bit.
                let from = cased.len();
                cased.push(char::from(bytes[start] | 0x20));
                cased.push_str(&text[start + 1..end]);
                (
                    from as u32,
                    LowerIn::Cased,
                    text_word_hash(bytes, start, end, 0x20),
                )
            } else {
                let flags = found.first | found.rest;
                lower_of_cased(common, &mut cased, &mut buffer, text, start, end, flags)
            };
            words.push(Word {
                span: Span::new(start, end),
                hash,
                lower,
                newline_before: found.gap == 1 && count > segment_start,
                lower_in,
            });
            (i, pending) = plain_words(common, bytes, end, &mut words);
        }
        if words.len() > segment_start {
            segments.push((segment_start as u32, words.len() as u32));
        }
        if segments
            .iter()
            .any(|&(start, end)| (end - start) as usize > MAX_SEGMENT_WORDS)
        {
            segments = cut_long_segments(&segments, &mut words);
        }
        Words {
            text,
            words,
            cased,
            buffer,
            segments,
        }
    }

    /// The lower-case form of `word` (a word of this table).
    #[inline]
    pub fn lower(&self, word: &Word) -> &str {
        let source = match word.lower_in {
            LowerIn::Text => self.text,
            LowerIn::Cased => self.cased.as_str(),
            LowerIn::Buffer => return self.buffer.get(word.lower),
        };
        let start = word.lower as usize;
        source.get(start..start + word.span.len()).unwrap_or("")
    }

    /// The text of the words.
    pub(super) fn text(&self) -> &'a str {
        self.text
    }

    /// All words, in text order: the segments one after the other.
    pub fn all(&self) -> &[Word] {
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

/// `segments` with every run longer than [`MAX_SEGMENT_WORDS`] cut into
/// runs of that many words (the last one shorter); a word that starts a
/// run has no line break before it.
#[cold]
fn cut_long_segments(segments: &[(u32, u32)], words: &mut [Word]) -> Vec<(u32, u32)> {
    let mut cut = Vec::with_capacity(segments.len());
    for &(start, end) in segments {
        let mut from = start;
        while from < end {
            let to = end.min(from + MAX_SEGMENT_WORDS as u32);
            words[from as usize].newline_before = false;
            cut.push((from, to));
            from = to;
        }
    }
    cut
}
