//! The words of a text, found once and lower-cased once.

use super::chars::{
    CommonChars, ASCII_INFO, LOWER_SHIFT, ODD_LOWER, SIMPLE_LOWER, SPECIAL_LOWER, UPPER,
    WHITESPACE, WORD,
};
use super::keyed::{KeyedText, LowerKey};
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
    /// The lower-case form: a byte range of the text, of the lower-cased
    /// key or of the buffer, as `lower_in` says.
    lower: (u32, u32),
    /// A hash of the lower-case form: equal words have equal hashes.
    pub hash: u64,
    /// A line break stands between this word and the one before (in the
    /// same segment).
    pub newline_before: bool,
    lower_in: LowerIn,
}

/// Where the lower-case form of a word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LowerIn {
    /// The text: the word has no upper-case char.
    Text,
    /// The lower-cased key of the text, where the word has the same length
    /// as in the text.
    Key,
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
    /// The text lower-cased as a key of phrases (see [`super::key`]), built
    /// in the same pass: it holds the lower-case forms of most words.
    key: KeyedText,
    /// Lower-case forms of the words whose chars lower-case oddly.
    lower: String,
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

/// The lower-case form of the word `text[start..end]` that has an
/// upper-case char or one that lower-cases oddly (`flags`), keyed in `key`:
/// where it is and its hash.
#[inline(never)]
fn lower_of_cased(
    common: &CommonChars,
    key: &mut LowerKey,
    buffer: &mut String,
    text: &str,
    start: usize,
    end: usize,
    flags: u32,
) -> ((usize, usize), LowerIn, u64) {
    let (range, lower_in) = if flags & ODD_LOWER == 0 {
        (key.upper_word(common, start, end), LowerIn::Key)
    } else {
        key.odd_word(start, end);
        if flags & UPPER == 0 {
            ((start, end), LowerIn::Text)
        } else {
            (lower_into(buffer, &text[start..end]), LowerIn::Buffer)
        }
    };
    let source = match lower_in {
        LowerIn::Text => text,
        LowerIn::Key => key.text(),
        LowerIn::Buffer => buffer.as_str(),
    };
    let hash = word_hash(&source.as_bytes()[range.0..range.1]);
    (range, lower_in, hash)
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
    /// The [`char_info`] flags of the word's chars, or-ed.
    flags: u32,
    /// What stands between the word and the one before (or the start of
    /// the scan): 0 when only spaces, 1 with one line break, 2 or more when
    /// it ends the segment.
    gap: u32,
}

/// The first word of `bytes[from..]` (`from` a char boundary).
#[inline(always)]
fn next_word(common: &CommonChars, bytes: &[u8], from: usize) -> Option<NextWord> {
    let mut i = from;
    let mut gap = 0u32;
    // Between words: find the next word char.
    let start;
    let mut flags;
    loop {
        let &b = bytes.get(i)?;
        if b < 0x80 {
            let class = u32::from(ASCII_CLASS[usize::from(b)]);
            if class & WORD != 0 {
                start = i;
                flags = class;
                i += 1;
                break;
            }
            gap += class >> GAP_SHIFT;
            i += 1;
        } else {
            let (info, len) = common.info_at(bytes, i, b);
            if info & WORD != 0 {
                start = i;
                flags = info;
                i += len;
                break;
            }
            gap += if info & WHITESPACE != 0 { 0 } else { 2 };
            i += len;
        }
    }
    // In a word: find its end, and whether it has an upper-case char or
    // one that lower-cases oddly. Most chars are lower-case ASCII letters,
    // which need nothing more.
    while let Some(&b) = bytes.get(i) {
        if b.wrapping_sub(b'a') < 26 {
            i += 1;
        } else if b < 0x80 {
            let class = u32::from(ASCII_CLASS[usize::from(b)]);
            if class & WORD == 0 {
                break;
            }
            flags |= class;
            i += 1;
        } else {
            let (info, len) = common.info_at(bytes, i, b);
            if info & WORD == 0 {
                break;
            }
            flags |= info;
            i += len;
        }
    }
    Some(NextWord {
        start,
        end: i,
        flags,
        gap,
    })
}

/// The lower-case form of a word with a char that lower-cases oddly,
/// written to the end of `buffer`: its range in `buffer`.
#[cold]
#[inline(never)]
fn lower_into(buffer: &mut String, word: &str) -> (usize, usize) {
    let start = buffer.len();
    push_lower_case(buffer, word);
    (start, buffer.len())
}

impl<'a> Words<'a> {
    pub fn new(text: &'a str) -> Words<'a> {
        let bytes = text.as_bytes();
        // Vietnamese words are short: about one in six bytes starts one.
        let mut words: Vec<Word> = Vec::with_capacity(bytes.len() / 5 + 1);
        let mut key = LowerKey::new(text);
        let mut lower = String::new();
        let mut segments = Vec::with_capacity(bytes.len() / 64 + 1);
        let mut segment_start = 0usize;
        let common = CommonChars::get();
        let mut i = 0;
        while let Some(found) = next_word(common, bytes, i) {
            let (start, end) = (found.start, found.end);
            i = end;
            let count = words.len();
            if found.gap >= 2 && count > segment_start {
                segments.push((segment_start as u32, count as u32));
                segment_start = count;
            }
            let ((lower_start, lower_end), lower_in, hash) =
                if found.flags & (UPPER | ODD_LOWER) == 0 {
                    key.lower_word(start, end);
                    ((start, end), LowerIn::Text, word_hash(&bytes[start..end]))
                } else {
                    lower_of_cased(common, &mut key, &mut lower, text, start, end, found.flags)
                };
            words.push(Word {
                span: Span::new(start, end),
                lower: (lower_start as u32, lower_end as u32),
                hash,
                newline_before: found.gap == 1 && count > segment_start,
                lower_in,
            });
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
            key: key.finish(),
            lower,
            segments,
        }
    }

    /// The lower-case form of `word` (a word of this table).
    pub fn lower(&self, word: &Word) -> &str {
        let (start, end) = word.lower;
        let source = match word.lower_in {
            LowerIn::Text => self.text,
            LowerIn::Key => self.key.text.as_str(),
            LowerIn::Buffer => self.lower.as_str(),
        };
        source.get(start as usize..end as usize).unwrap_or("")
    }

    /// All words, in text order: the segments one after the other.
    pub fn all(&self) -> &[Word] {
        &self.words
    }

    /// The text lower-cased as a key of phrases: [`KeyedText::new`] with
    /// `ignore_case` and without folding.
    pub(super) fn lower_key(&self) -> &KeyedText {
        &self.key
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
