//! Diacritic folding: `Tỷ lệ ĐƯỢC` → `ty le duoc`. Indicator names, headings
//! and table headers are compared folded.

use std::sync::LazyLock;

/// Lowercase without diacritics (`đ` → `d`, which does not decompose).
///
/// The same as `text.nfd()`, combining marks dropped, `đ` → `d`, then
/// lowercased, but char by char: canonical reordering only moves characters
/// of non-zero combining class, and all of them are combining marks, which
/// are dropped (checked by `every_reordered_char_is_a_mark`). ASCII and the
/// Latin letters Vietnamese uses are looked up in a table.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`], appended to `out`.
pub fn fold_into(text: &str, out: &mut String) {
    // Char by char: copying ASCII runs at once was slower (Vietnamese has an
    // accented letter every few bytes).
    out.reserve(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match FOLD_TABLE.get(c) {
            Some(folded) => out.push(char::from(folded)),
            None => fold_char_slow(c, out),
        }
    }
}

/// Whether `fold(text).starts_with(prefix)`, folding no more than needed
/// (folding is char by char, so a prefix of the text folds to a prefix).
pub fn folded_starts_with(text: &str, prefix: &str) -> bool {
    let mut rest = prefix.as_bytes();
    let mut slow = String::new();
    for c in text.chars() {
        if rest.is_empty() {
            return true;
        }
        let folded: &[u8] = if c.is_ascii() {
            &[c.to_ascii_lowercase() as u8]
        } else if let Some(b) = FOLD_TABLE.get(c) {
            &[b]
        } else {
            slow.clear();
            fold_char_slow(c, &mut slow);
            slow.as_bytes()
        };
        let n = folded.len().min(rest.len());
        if folded[..n] != rest[..n] {
            return false;
        }
        rest = &rest[n..];
    }
    rest.is_empty()
}

pub(super) fn fold_char_slow(c: char, out: &mut String) {
    unicode_normalization::char::decompose_canonical(c, |d| {
        if !unicode_normalization::char::is_combining_mark(d) {
            let d = match d {
                'đ' | 'Đ' => 'd',
                other => other,
            };
            out.extend(d.to_lowercase());
        }
    });
}

/// Folded form of the Latin letters, when it is exactly one ASCII char
/// (every letter of Vietnamese; the others take the slow path).
struct FoldTable {
    /// U+0080..U+0250, then U+1E00..U+1F00; `0` when not one ASCII char.
    bytes: Vec<u8>,
}

const FOLD_LATIN: std::ops::Range<u32> = 0x80..0x250;
const FOLD_EXTENDED: std::ops::Range<u32> = 0x1E00..0x1F00;

static FOLD_TABLE: LazyLock<FoldTable> = LazyLock::new(|| {
    let bytes = FOLD_LATIN
        .chain(FOLD_EXTENDED)
        .map(|code| {
            let Some(c) = char::from_u32(code) else {
                return 0;
            };
            let mut folded = String::new();
            fold_char_slow(c, &mut folded);
            match folded.as_bytes() {
                &[one] if one.is_ascii() && one != 0 => one,
                _ => 0,
            }
        })
        .collect();
    FoldTable { bytes }
});

impl FoldTable {
    /// The folded char, when the table has it.
    fn get(&self, c: char) -> Option<u8> {
        self.get_code(c as u32)
    }

    /// [`get`](Self::get) of the char numbered `code`.
    #[inline]
    fn get_code(&self, code: u32) -> Option<u8> {
        let index = if FOLD_LATIN.contains(&code) {
            code - FOLD_LATIN.start
        } else if FOLD_EXTENDED.contains(&code) {
            code - FOLD_EXTENDED.start + FOLD_LATIN.len() as u32
        } else {
            return None;
        };
        self.bytes.get(index as usize).copied().filter(|&b| b != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    /// `fold` drops marks char by char instead of reordering them first.
    #[test]
    fn every_reordered_char_is_a_mark() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if unicode_normalization::char::canonical_combining_class(c) != 0 {
                assert!(unicode_normalization::char::is_combining_mark(c), "{c:?}");
            }
        }
    }

    fn head(text: &str, chars: usize) -> &str {
        let end = text
            .char_indices()
            .nth(chars)
            .map_or(text.len(), |(i, _)| i);
        &text[..end]
    }

    #[test]
    fn fold_is_nfd_without_marks_lowercased() {
        fn slow(text: &str) -> String {
            text.nfd()
                .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
                .map(|c| match c {
                    'đ' | 'Đ' => 'd',
                    other => other,
                })
                .flat_map(char::to_lowercase)
                .collect()
        }
        let mut all = String::new();
        for c in (0..0x3000).chain(0x1E00..0x1F00).filter_map(char::from_u32) {
            all.push(c);
            all.push('a');
            all.push(c);
            all.push('\u{301}');
            all.push('\u{323}');
            all.push(c);
        }
        all.push_str("Tỷ lệ ĐƯỢC Đảm bảo İ ǅ ẞ");
        assert_eq!(fold(&all), slow(&all));
        let nfd: String = all.nfd().collect();
        assert_eq!(fold(&nfd), slow(&nfd));
        for (i, _) in all.char_indices().step_by(7).take(3000) {
            let text = &all[i..];
            let folded = fold(head(text, 6));
            // Folds of at most two marks in a row are empty.
            let longer = fold(head(text, 12));
            for end in (0..=folded.len()).filter(|&e| folded.is_char_boundary(e)) {
                assert!(folded_starts_with(text, &folded[..end]));
                let mut other = folded[..end].to_owned();
                other.push('#');
                assert_eq!(folded_starts_with(text, &other), longer.starts_with(&other));
            }
        }
        // Appending keeps what was there.
        let mut out = String::from("X ");
        fold_into("Ắ b", &mut out);
        assert_eq!(out, "X a b");
    }
}
