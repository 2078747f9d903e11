//! What the text views need to know of a char, found fast: ASCII bytes from
//! a constant table, other chars from a table per block of 256 code points
//! computed on first use, after decoding UTF-8 by hand (the text is a
//! `str`, so it is valid).

use std::sync::OnceLock;

use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
use unicode_normalization::{is_nfc_quick, IsNormalized};

/// The word regex (`[\p{Alphabetic}\p{N}\p{M}]`) takes the char.
pub(super) const WORD: u32 = 1;
pub(super) const UPPER: u32 = 2;
/// `to_lowercase` of the char is one char, stored above `LOWER_SHIFT`.
pub(super) const SIMPLE_LOWER: u32 = 4;
/// `to_lowercase` of the char is several chars or depends on the context
/// (final sigma): a word with it goes through [`str::to_lowercase`].
pub(super) const SPECIAL_LOWER: u32 = 8;
/// [`char::is_whitespace`].
pub(super) const WHITESPACE: u32 = 16;
/// [`super::is_word_char`]: alphanumeric or a combining mark.
pub(super) const WORD_CHAR: u32 = 32;
/// Lower-casing the char alone does not give what lower-casing the words
/// it is in gives, byte for byte: its lower case is longer or shorter, or
/// it has one but is not upper case (title case `ǅ`), or is special.
pub(super) const ODD_LOWER: u32 = 64;
/// A starter that NFC keeps as it is (`NFC_Quick_Check=Yes`, combining
/// class 0): a text of such chars is in NFC.
pub(super) const NFC_STARTER: u32 = 128;
pub(super) const LOWER_SHIFT: u32 = 8;

/// [`char_info`] of the ASCII chars (without the lower case: that is
/// [`u8::to_ascii_lowercase`]).
pub(super) static ASCII_INFO: [u8; 128] = ascii_info();

const fn ascii_info() -> [u8; 128] {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        let mut info = 0;
        if c.is_ascii_alphanumeric() {
            info |= (WORD | WORD_CHAR) as u8;
        }
        if c.is_ascii_uppercase() {
            info |= UPPER as u8;
        }
        // `char::is_whitespace` of ASCII: tab to carriage return, space.
        if matches!(c, b'\t'..=b'\r' | b' ') {
            info |= WHITESPACE as u8;
        }
        table[b] = info;
        b += 1;
    }
    table
}

/// The code point of the non-ASCII char that starts at byte `i` of
/// `bytes` (valid UTF-8, `i` a char boundary) and its length in bytes.
#[inline(always)]
pub(super) fn decode_non_ascii(bytes: &[u8], i: usize) -> (u32, usize) {
    // One bounds check per char: the text is valid UTF-8, so the slices
    // below always have the length of the char.
    let low = |b: u8| u32::from(b & 0x3F);
    match bytes.get(i..) {
        Some(&[lead @ ..0xE0, b1, ..]) => ((u32::from(lead & 0x1F) << 6) | low(b1), 2),
        Some(&[lead @ ..0xF0, b1, b2, ..]) => {
            ((u32::from(lead & 0x0F) << 12) | (low(b1) << 6) | low(b2), 3)
        }
        Some(&[lead, b1, b2, b3, ..]) => (
            (u32::from(lead & 0x07) << 18) | (low(b1) << 12) | (low(b2) << 6) | low(b3),
            4,
        ),
        _ => (0xFFFD, 1),
    }
}

/// What the views need to know of the char with code point `code`: the
/// flags above and its lower case. Computed once per block of 256 code
/// points of the BMP and kept for the life of the process.
#[inline]
pub(super) fn char_info(code: u32) -> u32 {
    const PAGES: usize = 256;
    static BMP: [OnceLock<Box<[u32; 256]>>; PAGES] = [const { OnceLock::new() }; PAGES];
    let code = code as usize;
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
        None => char::from_u32(code as u32).map_or(0, compute_char_info),
    }
}

fn compute_char_info(c: char) -> u32 {
    let mut info = 0;
    if super::word_regex().is_match(c.encode_utf8(&mut [0; 4])) {
        info |= WORD;
    }
    if c.is_uppercase() {
        info |= UPPER;
    }
    if c.is_whitespace() {
        info |= WHITESPACE;
    }
    if c.is_alphanumeric() || is_combining_mark(c) {
        info |= WORD_CHAR;
    }
    if canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes {
        info |= NFC_STARTER;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if c != 'Σ' => {
            info |= SIMPLE_LOWER | (u32::from(l) << LOWER_SHIFT);
            if l.len_utf8() != c.len_utf8() || (l != c && !c.is_uppercase()) {
                info |= ODD_LOWER;
            }
        }
        _ => info |= SPECIAL_LOWER | ODD_LOWER,
    }
    info
}

/// [`char_info`] of a char.
#[inline]
pub(super) fn info_of(c: char) -> u32 {
    char_info(u32::from(c))
}

/// [`char_info`] of the chars Vietnamese text is made of, read straight
/// from their UTF-8 bytes: U+0080–U+02FF (lead bytes C2–CB: Latin-1 to
/// Latin Extended-B, `đ ă ơ ư â ê ô` and their capitals, no-break space)
/// and U+1E00–U+1EFF (E1 B8–BB: Latin Extended Additional, the
/// precomposed letters with tone marks). Filled once from [`char_info`]'s
/// own blocks, so the scans skip decoding and the lookup of the block.
pub(super) struct CommonChars {
    /// Indexed by the code point (only U+0080–U+02FF are filled; the
    /// size makes every index of two bytes in range).
    latin: [u32; 0x400],
    latin_additional: [u32; 0x100],
}

impl CommonChars {
    /// The table, built on first use.
    pub(super) fn get() -> &'static CommonChars {
        static TABLE: OnceLock<Box<CommonChars>> = OnceLock::new();
        TABLE.get_or_init(|| {
            let mut table = Box::new(CommonChars {
                latin: [0; 0x400],
                latin_additional: [0; 0x100],
            });
            for (code, info) in table.latin.iter_mut().enumerate().take(0x300).skip(0x80) {
                *info = char_info(code as u32);
            }
            for (low, info) in table.latin_additional.iter_mut().enumerate() {
                *info = char_info(0x1E00 + low as u32);
            }
            table
        })
    }

    /// [`char_info`] of the non-ASCII char that starts at byte `i` of
    /// `bytes` (valid UTF-8, `i` a char boundary, `lead` its first byte)
    /// and its length in bytes.
    #[inline(always)]
    pub(super) fn info_at(&self, bytes: &[u8], i: usize, lead: u8) -> (u32, usize) {
        let low = |b: u8| usize::from(b & 0x3F);
        if lead.wrapping_sub(0xC2) < 10 {
            if let Some(&b1) = bytes.get(i + 1) {
                return (self.latin[(usize::from(lead & 0x0F) << 6) | low(b1)], 2);
            }
        } else if lead == 0xE1 {
            if let Some(&[b1, b2]) = bytes.get(i + 1..i + 3) {
                if b1 & 0xFC == 0xB8 {
                    let at = (usize::from(b1 & 0x03) << 6) | low(b2);
                    return (self.latin_additional[at], 3);
                }
            }
        }
        rare_info_at(bytes, i)
    }
}

/// [`char_info`] of a char outside [`CommonChars`] and its length.
#[inline(never)]
fn rare_info_at(bytes: &[u8], i: usize) -> (u32, usize) {
    let (code, len) = decode_non_ascii(bytes, i);
    (char_info(code), len)
}
