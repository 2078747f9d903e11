//! Labels of numbered items: Roman numerals, Vietnamese point letters, and
//! diacritic folding for tolerant matching.

/// Vietnamese point letters in order: no f, j, w, z; `đ` follows `d`.
pub const POINT_LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// 1-based position of a point letter, `None` for a letter outside the list.
pub fn letter_value(label: &str) -> Option<u32> {
    // Each point letter is one char, and lower-casing never makes fewer
    // chars: only a one-char label lower-cased to one char can be one.
    let mut chars = label.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    let mut lower = c.to_lowercase();
    let (Some(l), None) = (lower.next(), lower.next()) else {
        return None;
    };
    POINT_LETTERS
        .iter()
        .position(|p| p.chars().eq([l]))
        .and_then(|i| u32::try_from(i + 1).ok())
}

pub fn letter_of(value: u32) -> Option<&'static str> {
    POINT_LETTERS
        .get(usize::try_from(value).ok()?.checked_sub(1)?)
        .copied()
}

pub use crate::document::numbers::to_roman;

/// Value of a canonical upper-case Roman numeral up to `C` (`IV`, not `IIII`);
/// `D` and `M` are left to letter groups.
pub fn roman_value(label: &str) -> Option<u32> {
    if !label
        .chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
    {
        return None;
    }
    crate::document::numbers::roman_value(label)
}

/// Lowercase with Vietnamese diacritics removed (`đ` → `d`), for tolerant
/// matching of headings.
pub fn fold(text: &str) -> String {
    crate::templates::matcher::fold(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romans_round_trip_and_reject_bad_forms() {
        assert_eq!(roman_value("IV"), Some(4));
        assert_eq!(roman_value("XIX"), Some(19));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("VX"), None);
    }

    /// [`letter_value`] as first written, on every char and pair of chars.
    #[test]
    fn letter_value_agrees_with_lowercasing_the_label() {
        let reference = |label: &str| {
            let lower = label.to_lowercase();
            POINT_LETTERS
                .iter()
                .position(|l| *l == lower)
                .and_then(|i| u32::try_from(i + 1).ok())
        };
        let mut labels: Vec<String> = (0..=char::MAX as u32)
            .filter_map(char::from_u32)
            .map(String::from)
            .collect();
        labels.extend(["", "ab", "Đa", "İ", "a\u{301}", "dd"].map(str::to_owned));
        for label in &labels {
            assert_eq!(letter_value(label), reference(label), "{label:?}");
        }
    }

    #[test]
    fn letters_follow_vietnamese_order() {
        assert_eq!(letter_value("đ"), Some(5));
        assert_eq!(letter_value("g"), Some(7));
        assert_eq!(letter_value("f"), None);
        assert_eq!(letter_of(7), Some("g"));
    }

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("KINH PHÍ THỰC HIỆN"), "kinh phi thuc hien");
        assert_eq!(fold("Đề án"), "de an");
    }
}
