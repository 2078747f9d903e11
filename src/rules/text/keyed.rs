//! A text turned into phrase keys, with the way back to the text.

use super::chars::{
    char_info, decode_non_ascii, info_of, CommonChars, LOWER_SHIFT, SIMPLE_LOWER, WHITESPACE,
};
use super::fold_char;

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
    pub(super) fn origin(&self, at: usize) -> usize {
        let run = self.runs.partition_point(|&(here, _)| here as usize <= at);
        let (here, there) = self.runs[run.saturating_sub(1)];
        there as usize + (at - here as usize)
    }
}

/// The start of the lower-cased key of `text[from..]` (as
/// [`KeyedText::new`] with `ignore_case` and without folding gives it where
/// `from` is, a char boundary with no whitespace there): at least `len`
/// bytes of it, fewer only at the end of the text, written to `out`.
pub(super) fn lower_key_from(text: &str, from: usize, len: usize, out: &mut String) {
    out.clear();
    let bytes = text.as_bytes();
    let common = CommonChars::get();
    let mut in_space = false;
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        if out.len() >= len {
            break;
        }
        if b < 0x80 {
            if matches!(b, b'\t'..=b'\r' | b' ') {
                if !in_space {
                    out.push(' ');
                    in_space = true;
                }
            } else {
                in_space = false;
                out.push(char::from(b.to_ascii_lowercase()));
            }
            i += 1;
            continue;
        }
        let (info, n) = common.info_at(bytes, i, b);
        if info & WHITESPACE != 0 {
            if !in_space {
                out.push(' ');
                in_space = true;
            }
        } else {
            in_space = false;
            match char::from_u32(info >> LOWER_SHIFT) {
                Some(lower) if info & SIMPLE_LOWER != 0 => out.push(lower),
                _ => out.extend(text[i..i + n].chars().flat_map(char::to_lowercase)),
            }
        }
        i += n;
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
