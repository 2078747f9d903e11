//! The phrases `year` rules bind to the plan year, found without running
//! their regexes: from each occurrence of a word every match holds at a
//! known place (`quốc`, found by `memchr`; `hoạch`, a word of the word
//! view), the phrase is read back to its start and forward to its year,
//! taking the first way the regex would (its greedy and optional parts
//! tried in the regex's order). The regexes stay as the definition; a test
//! compares both on many generated texts.

use std::ops::Range;
use std::sync::OnceLock;

use regex_syntax::hir::{Class, HirKind};

use crate::rules::text::{word_hash, TextViews};

/// A phrase: its regex (the definition) and the word it is found by.
pub(super) struct PhraseRegex {
    #[cfg_attr(not(test), allow(dead_code))]
    regex: &'static str,
    word: Word,
}

/// A match of a phrase: the whole and its four-digit year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct YearMatch {
    pub whole: Range<usize>,
    pub year: Range<usize>,
}

/// The word a phrase is found by, cased as the regex cases it.
#[derive(Clone, Copy)]
enum Word {
    /// `quốc` of `ngày chuyển đổi số quốc gia`, any case.
    Quoc,
    /// `hoạch` of `kế hoạch chuyển đổi số`, any case.
    Hoach,
}

impl PhraseRegex {
    const fn new(regex: &'static str, word: Word) -> Self {
        PhraseRegex { regex, word }
    }

    /// The matches of the regex in the text, as `captures_iter` finds them.
    pub(super) fn year_matches(&self, views: &TextViews<'_>) -> Vec<YearMatch> {
        let text = views.text;
        let mut found: Vec<YearMatch> = Vec::new();
        let mut take = |m: Option<YearMatch>| {
            // Each match starts before the word, in text order: one starting
            // inside the previous match is not found by the regex.
            if let Some(m) = m.filter(|m| found.last().is_none_or(|l| m.whole.start >= l.whole.end))
            {
                found.push(m);
            }
        };
        match self.word {
            // `q` is rare in Vietnamese outside `qu…`.
            Word::Quoc => {
                let bytes = text.as_bytes();
                for i in memchr::memchr2_iter(b'q', b'Q', bytes) {
                    if is_quoc(bytes, i) {
                        take(day_at(text, i));
                    }
                }
            }
            // In a match `hoạch` stands between a space and a white space
            // char: it is a word of its own (found by the hash of its lower
            // case, then compared).
            Word::Hoach => {
                let words = views.words();
                let hash = word_hash("hoạch".as_bytes());
                for word in words.all() {
                    if word.hash == hash && words.lower(word) == "hoạch" {
                        take(name_at(text, word.span.start));
                    }
                }
            }
        }
        found
    }
}

pub(super) static DAY: PhraseRegex = PhraseRegex::new(
    r"(?i)ngày\s+chuyển\s+đổi\s+số\s+quốc\s+gia\s+(?:năm\s+)?(\d{4})(?-u:\b)",
    Word::Quoc,
);

pub(super) static NAME: PhraseRegex = PhraseRegex::new(
    r"(?i:kế hoạch)\s+(?i:chuyển đổi số)\s+(?:(?:(?i:xã|phường|đặc khu))(?:\s+\p{Lu}\p{Ll}*)*\s+)?(?i:năm)\s+(\d{4})(?-u:\b)",
    Word::Hoach,
);

/// The match of [`DAY`] holding the `quốc` at `at`: back over
/// `ngày\s+chuyển\s+đổi\s+số\s+` (each white space run whole: words end
/// and start with letters), forward over `\s+gia\s+`, then `năm\s+` and
/// the year, else the year at once.
fn day_at(text: &str, at: usize) -> Option<YearMatch> {
    let mut start = at;
    for word in ["số", "đổi", "chuyển"] {
        start = back_word(text, back_spaces(text, start)?, word)?;
    }
    let start = back_word(text, back_spaces(text, start)?, "ngày")?;
    let mut rest = Reader {
        text,
        at: at + "quốc".len(),
    };
    if !(rest.spaces() && rest.word("gia") && rest.spaces()) {
        return None;
    }
    let after_gia = rest.at;
    let year = if rest.word("năm") && rest.spaces() {
        rest.year()
    } else {
        None
    };
    let year = year.or_else(|| {
        Reader {
            text,
            at: after_gia,
        }
        .year()
    })?;
    Some(YearMatch {
        whole: start..year.end,
        year,
    })
}

/// The match of [`NAME`] holding the `hoạch` at `at`: `kế ` before it,
/// `\s+chuyển đổi số\s+` after it, then the unit
/// (`xã|phường|đặc khu`) followed by as many capitalised words as still
/// leave `\s+năm\s+` and the year, else `năm\s+` and the year at once.
fn name_at(text: &str, at: usize) -> Option<YearMatch> {
    let space = at.checked_sub(1).filter(|&i| text.as_bytes()[i] == b' ')?;
    let start = back_word(text, space, "kế")?;
    let mut rest = Reader {
        text,
        at: at + "hoạch".len(),
    };
    if !(rest.spaces() && rest.word("chuyển đổi số") && rest.spaces()) {
        return None;
    }
    let after_name = rest.at;
    let year = unit_and_year(text, after_name).or_else(|| {
        let mut rest = Reader {
            text,
            at: after_name,
        };
        (rest.word("năm") && rest.spaces()).then(|| rest.year())?
    })?;
    Some(YearMatch {
        whole: start..year.end,
        year,
    })
}

/// `(?:xã|phường|đặc khu)(?:\s+\p{Lu}\p{Ll}*)*\s+năm\s+(\d{4})\b` from
/// `at`: the year. A capitalised word's lower-case letters are taken whole
/// (white space must follow), so the words form one chain, tried longest
/// first, as the greedy repetition does.
fn unit_and_year(text: &str, at: usize) -> Option<Range<usize>> {
    let unit_end = ["xã", "phường", "đặc khu"].iter().find_map(|unit| {
        let mut rest = Reader { text, at };
        rest.word(unit).then_some(rest.at)
    })?;
    let mut ends = vec![unit_end];
    let mut rest = Reader { text, at: unit_end };
    while rest.spaces() && rest.capitalised() {
        ends.push(rest.at);
    }
    ends.iter().rev().find_map(|&end| {
        let mut rest = Reader { text, at: end };
        (rest.spaces() && rest.word("năm") && rest.spaces()).then(|| rest.year())?
    })
}

/// A place in a text, read forward as a phrase's regex reads it.
struct Reader<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Reader<'t> {
    fn rest(&self) -> &'t str {
        &self.text[self.at..]
    }

    /// `\s+`: one white space char or more (Rust's white space is the
    /// regexes' `\s`, checked in the tests).
    fn spaces(&mut self) -> bool {
        let rest = self.rest();
        let trimmed = rest.trim_start_matches(char::is_whitespace);
        self.at += rest.len() - trimmed.len();
        trimmed.len() < rest.len()
    }

    /// `word` (lower case) in any case form its letters fold to under
    /// `(?i)`, exactly those (checked in the tests).
    fn word(&mut self, word: &str) -> bool {
        let mut chars = self.rest().chars();
        for expected in word.chars() {
            match chars.next() {
                Some(c) if folds_to(c, expected) => {}
                _ => return false,
            }
        }
        self.at = self.text.len() - chars.as_str().len();
        true
    }

    /// `\p{Lu}\p{Ll}*`, the lower-case letters all taken.
    fn capitalised(&mut self) -> bool {
        let mut chars = self.rest().chars();
        if !chars
            .next()
            .is_some_and(|c| is_in(c, 'A'..='Z', &classes().upper))
        {
            return false;
        }
        let rest = chars.as_str();
        let after = rest.trim_start_matches(|c| is_in(c, 'a'..='z', &classes().lower));
        self.at = self.text.len() - after.len();
        true
    }

    /// `(\d{4})(?-u:\b)`: the four digits' range.
    fn year(&mut self) -> Option<Range<usize>> {
        let start = self.at;
        let mut chars = self.rest().chars();
        for _ in 0..4 {
            if !chars
                .next()
                .is_some_and(|c| is_in(c, '0'..='9', &classes().digit))
            {
                return None;
            }
        }
        let end = self.text.len() - chars.as_str().len();
        let bytes = self.text.as_bytes();
        let word_byte = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
        (word_byte(&bytes[end - 1]) != bytes.get(end).is_some_and(word_byte)).then(|| {
            self.at = end;
            start..end
        })
    }
}

/// The start of the white space run (one char or more) ending at `end`.
fn back_spaces(text: &str, end: usize) -> Option<usize> {
    let before = &text[..end];
    let trimmed = before.trim_end_matches(char::is_whitespace);
    (trimmed.len() < before.len()).then_some(trimmed.len())
}

/// The start of `word` (lower case, in any case form as for
/// [`Reader::word`]) ending at `end`.
pub(super) fn back_word(text: &str, end: usize, word: &str) -> Option<usize> {
    let mut chars = text[..end].chars();
    for expected in word.chars().rev() {
        match chars.next_back() {
            Some(c) if folds_to(c, expected) => {}
            _ => return None,
        }
    }
    Some(chars.as_str().len())
}

/// Whether `c` may match the lower-case letter (or space) `letter` under
/// `(?i)`.
fn folds_to(c: char, letter: char) -> bool {
    c == letter || c.to_lowercase().eq([letter]) || (letter == 's' && c == '\u{17f}')
}

/// The regexes' `\p{Lu}`, `\p{Ll}` and `\d` (Unicode), as the regex
/// parser gives them.
struct Classes {
    upper: Vec<(char, char)>,
    lower: Vec<(char, char)>,
    digit: Vec<(char, char)>,
}

fn classes() -> &'static Classes {
    static CLASSES: OnceLock<Classes> = OnceLock::new();
    CLASSES.get_or_init(|| {
        let ranges = |pattern: &str| -> Vec<(char, char)> {
            match regex_syntax::parse(pattern).map(|hir| hir.into_kind()) {
                Ok(HirKind::Class(Class::Unicode(class))) => {
                    class.iter().map(|r| (r.start(), r.end())).collect()
                }
                _ => Vec::new(),
            }
        };
        Classes {
            upper: ranges(r"\p{Lu}"),
            lower: ranges(r"\p{Ll}"),
            digit: ranges(r"\d"),
        }
    })
}

/// Whether `c` is in a class whose ASCII members are `ascii`.
fn is_in(c: char, ascii: std::ops::RangeInclusive<char>, class: &[(char, char)]) -> bool {
    if c.is_ascii() {
        return ascii.contains(&c);
    }
    let after = class.partition_point(|&(start, _)| start <= c);
    after > 0 && c <= class[after - 1].1
}

fn either_case(byte: Option<&u8>, letter: u8) -> bool {
    byte.is_some_and(|b| b.eq_ignore_ascii_case(&letter))
}

/// Whether `quốc` (`ố` U+1ED1, or `Ố` U+1ED0) starts with the `q` at `i`.
fn is_quoc(bytes: &[u8], i: usize) -> bool {
    either_case(bytes.get(i + 1), b'u')
        && bytes
            .get(i + 2..i + 5)
            .is_some_and(|o| o == "ố".as_bytes() || o == "Ố".as_bytes())
        && either_case(bytes.get(i + 5), b'c')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Example plans, fixtures and seeds, and made-up texts of the phrases'
    /// pieces in odd cases, spacing and punctuation.
    fn texts() -> Vec<String> {
        let mut texts = crate::sample_texts::plan_texts(true);
        const PIECES: [&str; 63] = [
            "Kế hoạch",
            "KẾ HOẠCH",
            "kế hoạch",
            "\u{212A}ế hoạch",
            "hoạch",
            "HOẠCh",
            "chuyển đổi số",
            "Chuyển Đổi Số",
            "CHUYỂN ĐỔI SỐ",
            "xã",
            "Phường",
            "ĐẶC KHU",
            "Hà",
            "Kiến",
            "A",
            "năm",
            "NĂM",
            "Năm",
            "2025",
            "2026",
            "20255",
            "٢٠٢٥",
            "2O25",
            " ",
            "  ",
            "\n",
            "\t",
            "\u{a0}",
            ".",
            ",",
            "-",
            "(",
            "Ngày",
            "ngày",
            "quốc",
            "QUỐC",
            "Quốc gia",
            "gia",
            "\u{17f}ố",
            "quốc gia năm",
            "Kế hoạch chuyển đổi số",
            "kế hoạch  Chuyển đổi số\nxã Hà",
            "KẾ HOẠCH CHUYỂN ĐỔI SỐ năm",
            "Ngày chuyển đổi số quốc gia",
            "NGÀY CHUYỂN\tĐỔI SỐ QUỐC GIA năm",
            "phường Chí Linh",
            "đặc khu",
            "Đặc Khu Côn Đảo",
            "XÃ",
            "Ǆa",
            "ǅa",
            "Ⅻ",
            "ªb",
            "Ωᾳ",
            "Năm",
            "\u{2028}",
            "_",
            "x",
            "٢٠٢٥",
            "2025_",
            "kế hoạch chuyển đổi số xã",
            "Kế hoạch chuyển đổi số phường Hà Năm",
            "Ngày chuyển đổi số quốc gia",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..60_000 {
            let mut text = String::new();
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let pieces = 1 + (seed >> 60) as usize;
            for _ in 0..pieces * 2 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let piece = PIECES[(seed >> 33) as usize % PIECES.len()];
                text.push_str(piece);
                if seed & 1 == 0 {
                    text.push(' ');
                }
            }
            texts.push(text);
        }
        texts.push(
            "Kế hoạch chuyển đổi số xã Hà Kiến năm 2025 và Ngày chuyển đổi số quốc gia 2024".into(),
        );
        texts
    }

    #[test]
    fn the_phrases_are_found_as_their_regexes_find_them() {
        let mut matches = 0;
        for phrase in [&DAY, &NAME] {
            let regex = regex::Regex::new(phrase.regex).unwrap();
            for text in texts() {
                let expected: Vec<YearMatch> = regex
                    .captures_iter(&text)
                    .map(|caps| YearMatch {
                        whole: caps.get(0).unwrap().range(),
                        year: caps.get(1).unwrap().range(),
                    })
                    .collect();
                let found = phrase.year_matches(&TextViews::new(&text));
                assert_eq!(expected, found, "{text:?}");
                matches += expected.len();
            }
        }
        assert!(matches > 1000, "{matches}");
    }

    /// `folds_to` passes exactly the chars the regexes fold to the letters
    /// of the words, and Rust's white space is the regexes' `\s`.
    #[test]
    fn forward_reading_passes_what_the_regexes_match() {
        let mut buffer = [0; 4];
        // The words of the phrases and of the deadline fields.
        for letter in "kếhoạchuyểnđổisốxãphườngđặckhunămngàygiathờiàựệ ".chars()
        {
            let regex = regex::Regex::new(&format!("(?i)^{}$", regex::escape(&letter.to_string())))
                .unwrap();
            for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
                assert_eq!(
                    regex.is_match(c.encode_utf8(&mut buffer)),
                    folds_to(c, letter),
                    "{c:?} {letter:?}"
                );
            }
        }
        for (class, ascii, of) in [
            (r"^\p{Lu}$", 'A'..='Z', &classes().upper),
            (r"^\p{Ll}$", 'a'..='z', &classes().lower),
            (r"^\d$", '0'..='9', &classes().digit),
        ] {
            let regex = regex::Regex::new(class).unwrap();
            for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
                assert_eq!(
                    regex.is_match(c.encode_utf8(&mut buffer)),
                    is_in(c, ascii.clone(), of),
                    "{c:?} {class}"
                );
            }
        }
        let space = regex::Regex::new(r"^\s$").unwrap();
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            assert_eq!(
                space.is_match(c.encode_utf8(&mut buffer)),
                c.is_whitespace(),
                "{c:?}"
            );
        }
    }

    /// The words' letters have no case forms but their two (no `ſ` or
    /// Kelvin sign as for `s` and `k`), as the regexes fold them.
    #[test]
    fn the_words_letters_fold_to_their_two_cases_only() {
        for letter in "quốchoạ".chars() {
            let regex = regex::Regex::new(&format!("(?i)^{letter}$")).unwrap();
            let mut buffer = [0; 4];
            let forms: Vec<char> = (0..=char::MAX as u32)
                .filter_map(char::from_u32)
                .filter(|c| regex.is_match(c.encode_utf8(&mut buffer)))
                .collect();
            let mut expected = vec![letter, letter.to_uppercase().next().unwrap()];
            expected.sort_unstable();
            assert_eq!(forms, expected, "{letter}");
        }
    }
}
