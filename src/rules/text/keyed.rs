//! A text turned into phrase keys, with the way back to the text.

use super::chars::CommonChars;
use super::chars::{char_info, decode_non_ascii, info_of, LOWER_SHIFT, SIMPLE_LOWER, WHITESPACE};
use super::fold_char;
use super::words::push_lower_plain;

/// A text as [`super::key`] turns a phrase: every run of whitespace one
/// space, chars optionally folded and lower-cased one by one. A phrase that
/// matches somewhere in the text has its key at the same place here.
#[derive(Debug, PartialEq)]
pub(super) struct KeyedText {
    pub(super) text: String,
    /// Where byte-for-byte runs start: (offset here, offset in the
    /// original). Between two of them, bytes here and in the original
    /// correspond one to one.
    runs: Vec<(u32, u32)>,
}

impl KeyedText {
    pub(super) fn new(original: &str, ignore_case: bool, fold_diacritics: bool) -> Self {
        let mut builder = Builder::new(original.len());
        builder.push_chars(original, 0, original.len(), ignore_case, fold_diacritics);
        builder.finish()
    }

    /// The offset in the original text of byte `at` here, if `at` starts
    /// the key of a char. (Offsets inside a char's key may map to another
    /// char: searching from there does no harm.)
    /// Where byte-for-byte runs start: (offset here, offset in the
    /// original), in order of both.
    pub(super) fn runs(&self) -> &[(u32, u32)] {
        &self.runs
    }

    pub(super) fn origin(&self, at: usize) -> usize {
        let run = self.runs.partition_point(|&(here, _)| here as usize <= at);
        let (here, there) = self.runs[run.saturating_sub(1)];
        there as usize + (at - here as usize)
    }
}

/// Whether the gap between two words is keyed as it is: ASCII punctuation
/// and single spaces. (A gap starts after a word, never in a run of
/// spaces.)
#[inline(always)]
fn is_plain_gap(gap: &[u8]) -> bool {
    let plain = |b: u8| b < 0x80 && !matches!(b, b'\t'..=b'\r');
    match *gap {
        [b] => plain(b),
        [a, b] => plain(a) && plain(b) && !(a == b' ' && b == b' '),
        _ => gap.iter().all(|&b| plain(b)) && !gap.windows(2).any(|pair| pair == b"  "),
    }
}

/// The lower-cased key (as [`KeyedText::new`] with `ignore_case` and
/// without folding), built while the words of the text are found (see
/// [`super::Words::new`]), which hands over each word. Most of a plan is
/// lower-case words between single spaces and punctuation, which the key
/// keeps as they are: such stretches are copied whole. Upper-case words are
/// written lower-cased (and their lower case is then taken from here);
/// only other gaps between words (line breaks, runs of spaces) and the
/// rare words whose chars lower-case oddly are read char by char.
pub(super) struct LowerKey<'t> {
    original: &'t str,
    builder: Builder,
    /// `original[copied..at]` is keyed as it is, not yet copied.
    copied: usize,
    /// The end of the last word handed over.
    at: usize,
}

impl<'t> LowerKey<'t> {
    pub(super) fn new(original: &'t str) -> Self {
        LowerKey {
            original,
            builder: Builder::new(original.len()),
            copied: 0,
            at: 0,
        }
    }

    /// The key so far.
    pub(super) fn text(&self) -> &str {
        &self.builder.text
    }

    /// The next word, `original[start..end]`: one without upper-case chars
    /// or chars that lower-case oddly.
    #[inline(always)]
    pub(super) fn lower_word(&mut self, start: usize, end: usize) {
        // The common case, a lower-case word after a single space or
        // punctuation, needs nothing: no run starts (the shift only changes
        // in what is read char by char, whose last char starts a run) and
        // the word is copied with the stretch it ends.
        let bytes = self.original.as_bytes();
        // Most gaps are one space.
        let one_space = start == self.at + 1 && bytes.get(self.at) == Some(&b' ');
        if !one_space && !is_plain_gap(&bytes[self.at..start]) {
            self.gap_before(start);
            self.builder.start_run(start);
            self.builder.in_space = false;
        }
        self.at = end;
    }

    /// The next word, `original[..end]`, lower case, after exactly one
    /// space: keyed as it is, like the space (no run starts, see
    /// [`LowerKey::lower_word`]).
    #[inline(always)]
    pub(super) fn word_after_space(&mut self, end: usize) {
        self.at = end;
    }

    /// The next word, `original[start..end]`: a capital ASCII letter, then
    /// chars that need no lower-casing. The letter is written lower-cased;
    /// the rest is copied later with the stretch after it. Where the word's
    /// key starts is returned (it has the length of the word).
    pub(super) fn title_word(&mut self, start: usize, end: usize) -> usize {
        self.cased_word_start(start);
        let text = &mut self.builder.text;
        text.push_str(&self.original[self.copied..start]);
        let from = text.len();
        text.push(char::from(self.original.as_bytes()[start] | 0x20));
        self.copied = start + 1;
        self.at = end;
        from
    }

    /// The next word, `original[start..end]`: one with an upper-case char,
    /// none lower-casing oddly (no char of it is whitespace or changes
    /// length). Written lower-cased; where its key starts is returned (it
    /// has the length of the word).
    pub(super) fn upper_word(&mut self, common: &CommonChars, start: usize, end: usize) -> usize {
        self.cased_word_start(start);
        let word = &self.original[start..end];
        let text = &mut self.builder.text;
        let from = text.len() + (start - self.copied);
        if word.is_ascii() {
            text.push_str(&self.original[self.copied..end]);
            text[from..].make_ascii_lowercase();
        } else {
            text.push_str(&self.original[self.copied..start]);
            push_lower_plain(text, word, common);
        }
        self.copied = end;
        self.at = end;
        from
    }

    /// Key the gap before a word written here, which starts at `start`.
    #[inline(always)]
    fn cased_word_start(&mut self, start: usize) {
        self.gap_before(start);
        self.builder.start_run(start);
        self.builder.in_space = false;
    }

    /// The next word, `original[start..end]`: one with a char that
    /// lower-cases oddly, keyed char by char.
    pub(super) fn odd_word(&mut self, start: usize, end: usize) {
        self.gap_before(start);
        self.builder
            .text
            .push_str(&self.original[self.copied..start]);
        self.builder
            .push_chars(self.original, start, end, true, false);
        self.copied = end;
        self.at = end;
    }

    /// Key the gap between the last word and `start`, unless it is keyed as
    /// it is.
    fn gap_before(&mut self, start: usize) {
        let (bytes, at) = (self.original.as_bytes(), self.at);
        if !self.builder.skip_plain_gap(bytes, at, start) {
            self.builder.text.push_str(&self.original[self.copied..at]);
            self.builder
                .push_chars(self.original, at, start, true, false);
            self.copied = start;
        }
    }

    pub(super) fn finish(mut self) -> KeyedText {
        let (original, at) = (self.original, self.at);
        self.builder.text.push_str(&original[self.copied..at]);
        self.builder
            .push_chars(original, at, original.len(), true, false);
        self.builder.finish()
    }
}

/// A [`KeyedText`] being written.
struct Builder {
    text: String,
    runs: Vec<(u32, u32)>,
    /// Bytes here minus bytes in the original, so far, and at the start of
    /// the last run.
    shift: isize,
    run_shift: isize,
    /// The last char written was a space for whitespace.
    in_space: bool,
}

impl Builder {
    fn new(capacity: usize) -> Self {
        Builder {
            text: String::with_capacity(capacity),
            runs: vec![(0, 0)],
            shift: 0,
            run_shift: 0,
            in_space: false,
        }
    }

    fn finish(self) -> KeyedText {
        KeyedText {
            text: self.text,
            runs: self.runs,
        }
    }

    /// A char other than whitespace starts at byte `i` of the original:
    /// start a run there if the shift changed since the last one. (Its key
    /// starts at `i + shift` here, written yet or not.)
    #[inline(always)]
    fn start_run(&mut self, i: usize) {
        if self.shift != self.run_shift {
            self.runs.push(((i as isize + self.shift) as u32, i as u32));
            self.run_shift = self.shift;
        }
    }

    /// When `bytes[from..to]` (between two words) is keyed as it is — ASCII
    /// punctuation and single spaces — account for it without writing it
    /// and return true.
    #[inline(always)]
    fn skip_plain_gap(&mut self, bytes: &[u8], from: usize, to: usize) -> bool {
        let gap = &bytes[from..to];
        if gap == b" " && !self.in_space {
            self.in_space = true;
            return true;
        }
        // No letters or digits here, so no upper case either.
        let mut in_space = self.in_space;
        for &b in gap {
            let plain = match b {
                b' ' => !in_space,
                b'\t'..=b'\r' => false,
                b => b < 0x80,
            };
            if !plain {
                return false;
            }
            in_space = b == b' ';
        }
        // The shift changes only in gaps read char by char (and in odd
        // words, which start a run at once): the word after such a gap
        // started a run, so none is due here.
        debug_assert_eq!(self.shift, self.run_shift);
        self.in_space = in_space;
        true
    }

    /// Key the chars of `original[from..to]`.
    #[inline]
    fn push_chars(
        &mut self,
        original: &str,
        from: usize,
        to: usize,
        ignore_case: bool,
        fold_diacritics: bool,
    ) {
        let bytes = original.as_bytes();
        let mut i = from;
        while i < to {
            let b = bytes[i];
            if b < 0x80 {
                if matches!(b, b'\t'..=b'\r' | b' ') {
                    if self.in_space {
                        self.shift -= 1;
                    } else {
                        self.text.push(' ');
                        self.in_space = true;
                    }
                } else {
                    self.start_run(i);
                    self.in_space = false;
                    self.text.push(char::from(if ignore_case {
                        b.to_ascii_lowercase()
                    } else {
                        b
                    }));
                }
                i += 1;
                continue;
            }
            let (code, len) = decode_non_ascii(bytes, i);
            let info = char_info(code);
            if info & WHITESPACE != 0 {
                if self.in_space {
                    self.shift -= len as isize;
                } else {
                    self.text.push(' ');
                    self.shift += 1 - len as isize;
                    self.in_space = true;
                }
                i += len;
                continue;
            }
            self.start_run(i);
            self.in_space = false;
            let start = self.text.len();
            let c = char::from_u32(code).unwrap_or('\u{FFFD}');
            if fold_diacritics {
                push_key_char(&mut self.text, fold_char(c), ignore_case);
            } else if !ignore_case {
                self.text.push(c);
            } else {
                match char::from_u32(info >> LOWER_SHIFT) {
                    Some(lower) if info & SIMPLE_LOWER != 0 => self.text.push(lower),
                    _ => self.text.extend(c.to_lowercase()),
                }
            }
            let written = (self.text.len() - start) as isize;
            if written != len as isize {
                self.shift += written - len as isize;
                self.run_shift = self.shift;
                self.runs.push((start as u32, i as u32));
                self.runs.push((self.text.len() as u32, (i + len) as u32));
            }
            i += len;
        }
    }
}

/// `c` (already folded), lower-cased if `ignore_case`.
fn push_key_char(text: &mut String, c: char, ignore_case: bool) {
    if !ignore_case {
        text.push(c);
        return;
    }
    let info = info_of(c);
    match char::from_u32(info >> LOWER_SHIFT) {
        Some(lower) if info & SIMPLE_LOWER != 0 => text.push(lower),
        _ => text.extend(c.to_lowercase()),
    }
}
