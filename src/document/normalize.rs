//! NFC normalisation that remembers where each normalised byte came from, so
//! findings on the normalised text point at what the user sees.

use unicode_normalization::char::canonical_combining_class;

use crate::document::byte_scan::ByteScan;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Maps byte offsets of the normalised text back to the original text.
/// Stores one breakpoint per normalised chunk whose length changed; offsets
/// between breakpoints shift by the same delta.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// (normalised start, original start, normalised end, original end) of each changed chunk.
    chunks: Vec<(usize, usize, usize, usize)>,
}

impl OffsetMap {
    pub fn is_identity(&self) -> bool {
        self.chunks.is_empty()
    }

    /// Original offset for a normalised offset. An offset inside a changed
    /// chunk maps to the chunk's start (or end, if it is the chunk's end).
    pub fn to_original(&self, offset: usize) -> usize {
        let index = self.chunks.partition_point(|c| c.0 <= offset);
        if index == 0 {
            return offset;
        }
        let (norm_start, orig_start, norm_end, orig_end) = self.chunks[index - 1];
        if offset >= norm_end {
            orig_end + (offset - norm_end)
        } else if offset == norm_start {
            orig_start
        } else {
            orig_end
        }
    }
}

pub struct Normalized {
    pub text: String,
    pub map: OffsetMap,
}

/// Whether the NFC quick check answers `Yes` for `text` (it is NFC), asked
/// only when the table check cannot tell.
pub fn is_nfc(text: &str) -> bool {
    surely_nfc(text) || is_nfc_quick(text.chars()) == IsNormalized::Yes
}

/// NFC-normalise `original`; cheap when it already is NFC.
pub fn nfc(original: &str) -> Normalized {
    nfc_if_changed(original).unwrap_or_else(|| Normalized {
        text: original.to_owned(),
        map: OffsetMap::default(),
    })
}

/// [`nfc`], or `None` when `original` is NFC already (no copy made).
pub fn nfc_if_changed(original: &str) -> Option<Normalized> {
    if is_nfc(original) {
        return None;
    }
    let mut text = String::with_capacity(original.len());
    let mut map = OffsetMap::default();
    let mut chunk_start = 0;
    // Chunks run from one stable starter (combining class 0, quick check
    // `Yes`) to the next: NFC never composes a char with one before such a
    // starter. A starter that may compose (a Hangul vowel or trailing jamo)
    // stays in the chunk before it.
    let boundaries = original
        .char_indices()
        .filter(|&(i, c)| {
            i > 0
                && canonical_combining_class(c) == 0
                && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
        })
        .map(|(i, _)| i)
        .chain(std::iter::once(original.len()));
    for chunk_end in boundaries {
        let chunk = &original[chunk_start..chunk_end];
        let norm_start = text.len();
        if chunk.chars().count() == 1 && is_nfc_quick(chunk.chars()) == IsNormalized::Yes {
            text.push_str(chunk);
        } else {
            text.extend(chunk.nfc());
        }
        let norm_end = text.len();
        if norm_end - norm_start != chunk.len() || &text[norm_start..] != chunk {
            map.chunks
                .push((norm_start, chunk_start, norm_end, chunk_end));
        }
        chunk_start = chunk_end;
    }
    Some(Normalized { text, map })
}

/// True when every character is ASCII or a starter that NFC keeps as it is
/// (combining class 0, quick check `Yes`), checked in a table for the
/// characters below U+3000 (Vietnamese, quotes, dashes, `≥`). Such a text is NFC: the
/// quick check would answer `Yes`. False means: ask the quick check.
fn surely_nfc(text: &str) -> bool {
    static SCAN: std::sync::OnceLock<ByteScan> = std::sync::OnceLock::new();
    let scan = SCAN.get_or_init(|| {
        let table = stable_starters();
        ByteScan::new(|c| !table.get(c as usize).copied().unwrap_or(false), true)
    });
    !scan.any(text)
}

fn stable_starters() -> &'static [bool] {
    static TABLE: std::sync::OnceLock<Vec<bool>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..0x3000u32)
            .map(|u| {
                char::from_u32(u).is_some_and(|c| {
                    canonical_combining_class(c) == 0
                        && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
                })
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_nfc_check_agrees() {
        for text in [
            "Kế hoạch năm 2026",
            "Ke\u{302}\u{301} hoạch",
            "ỦY BAN Đ đ ơ ư Ω Å",
            "\u{301}",
            "a\u{315}\u{300}",
            "",
        ] {
            assert!(
                !surely_nfc(text) || is_nfc_quick(text.chars()) == IsNormalized::Yes,
                "{text:?}"
            );
        }
        assert!(surely_nfc("Kế hoạch chuyển đổi số năm 2026 — ỦY BAN"));
        assert!(!surely_nfc("Ke\u{302}\u{301}"));
        for u in 0..0x2000u32 {
            if let Some(c) = char::from_u32(u) {
                let s = c.to_string();
                assert!(!surely_nfc(&s) || nfc(&s).text == s, "{u:x}");
            }
        }
    }

    #[test]
    fn hangul_jamo_compose_across_starters() {
        // U+1161 and U+11A8 have combining class 0 but compose with the
        // jamo before them (found by the NFC/NFD property test).
        for text in [
            "\u{1100}\u{1161}\"",
            "a \u{1100}\u{1161}\u{11A8} b",
            "\u{1161}",
        ] {
            let expected: String = text.nfc().collect();
            let got = nfc_if_changed(text).map_or_else(|| text.to_owned(), |n| n.text);
            assert_eq!(got, expected, "{text:?}");
        }
    }

    #[test]
    fn nfc_text_is_identity() {
        let n = nfc("Kế hoạch năm 2026");
        assert!(n.map.is_identity());
        assert_eq!(n.text, "Kế hoạch năm 2026");
    }

    #[test]
    fn nfd_offsets_map_back() {
        let original: String = "Số: 28 — Kế hoạch".nfd().collect();
        let n = nfc(&original);
        assert_eq!(n.text, "Số: 28 — Kế hoạch");
        let norm_pos = n.text.find("28").unwrap();
        let orig_pos = original.find("28").unwrap();
        assert_eq!(n.map.to_original(norm_pos), orig_pos);
        let norm_k = n.text.find("Kế").unwrap();
        assert_eq!(n.map.to_original(norm_k), original.find('K').unwrap());
        assert_eq!(n.map.to_original(n.text.len()), original.len());
    }
}
