//! The search for the phrases `year` rules bind to the plan year, without a
//! regex scan of the whole text. A phrase match holds only letters, digits
//! and white space, so it lies in a run of text free of other ASCII bytes
//! (punctuation, controls), and it holds a fixed word found by `memchr`.
//! Only the runs holding that word and an ASCII digit are searched with the
//! phrase's regex: a match without an ASCII digit has no year to report.

use std::ops::Range;

use crate::rules::lazy_regex::{Groups, LazyRegex};

/// A phrase's regex, and how to find a word every match of it holds.
pub(super) struct PhraseRegex {
    regex: LazyRegex,
    word: Word,
}

/// A word every match holds, cased as the regex cases it.
#[derive(Clone, Copy)]
enum Word {
    /// `quốc`, any case.
    Quoc,
    /// `hoạch`, any case.
    Hoach,
}

impl PhraseRegex {
    const fn new(regex: &'static str, word: Word) -> Self {
        PhraseRegex {
            regex: LazyRegex::new(regex),
            word,
        }
    }

    /// The matches of the regex in `text` whose year group is four ASCII
    /// digits, as `captures_iter` finds them (the others, which report
    /// nothing, may be left out).
    pub(super) fn year_matches<'h>(
        &'static self,
        text: &'h str,
    ) -> impl Iterator<Item = Groups<'h>> + use<'h> {
        let mut searched_to = 0;
        self.word
            .find_all(text.as_bytes())
            .into_iter()
            .filter_map(move |word| {
                // A later word in a run already searched adds nothing.
                if word.start < searched_to || !self.word.may_go_on(text, word.end) {
                    return None;
                }
                let run = run_around(text.as_bytes(), word);
                searched_to = run.end;
                text.as_bytes()[run.clone()]
                    .iter()
                    .any(u8::is_ascii_digit)
                    .then_some(run)
            })
            .flat_map(move |run| self.regex.captures_iter_in(text, run))
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

impl Word {
    /// The word's occurrences, in order. Each of its letters has only its
    /// two case forms (checked in the tests against the regex's folding).
    fn find_all(self, bytes: &[u8]) -> Vec<Range<usize>> {
        match self {
            // `q` is rare in Vietnamese outside `qu…`.
            Word::Quoc => memchr::memchr2_iter(b'q', b'Q', bytes)
                .filter_map(|i| quoc_at(bytes, i))
                .collect(),
            // The last two bytes of `ạ` (`Ạ`): a pair of bytes that other
            // Vietnamese letters do not hold, so the search seldom stops in
            // vain (the three-byte needle's search stopped at most letters
            // with a diacritic).
            Word::Hoach => {
                let mut found: Vec<usize> = memchr::memmem::find_iter(bytes, b"\xBA\xA1")
                    .chain(memchr::memmem::find_iter(bytes, b"\xBA\xA0"))
                    .filter_map(|i| i.checked_sub(1))
                    .filter(|&i| bytes[i] == 0xE1)
                    .collect();
                found.sort_unstable();
                found
                    .into_iter()
                    .filter_map(|i| hoach_at(bytes, i))
                    .collect()
            }
        }
    }

    /// Whether the text after the word at `end` may go on as the phrase
    /// does up to its year: `quốc\s+gia\s+(?:năm\s+)?` and an ASCII digit,
    /// or `hoạch\s+chuyển đổi số\s+`. A word that fails this is in no match
    /// with an ASCII year.
    fn may_go_on(self, text: &str, end: usize) -> bool {
        let mut rest = Rest(&text[end..]);
        match self {
            Word::Quoc => {
                if !(rest.spaces() && rest.word("gia") && rest.spaces()) {
                    return false;
                }
                let before_nam = rest.0;
                if rest.word("năm") && rest.spaces() && rest.digit() {
                    return true;
                }
                rest.0 = before_nam;
                rest.digit()
            }
            Word::Hoach => rest.spaces() && rest.word("chuyển đổi số") && rest.spaces(),
        }
    }
}

/// Whether `c` may match the lower-case letter `letter` under `(?i)`.
fn folds_to(c: char, letter: char) -> bool {
    c == letter || c.to_lowercase().eq([letter]) || (letter == 's' && c == '\u{17f}')
}

/// What is left of a text as the phrase is read forward.
struct Rest<'t>(&'t str);

impl Rest<'_> {
    /// `\s+`: one white space char or more (Rust's white space is the
    /// regexes' `\s`, checked in the tests).
    fn spaces(&mut self) -> bool {
        let trimmed = self.0.trim_start_matches(char::is_whitespace);
        let moved = trimmed.len() < self.0.len();
        self.0 = trimmed;
        moved
    }

    /// `word` (lower case) in any case form its letters fold to under
    /// `(?i)` (checked in the tests), or in a few more.
    fn word(&mut self, word: &str) -> bool {
        let mut chars = self.0.chars();
        for expected in word.chars() {
            match chars.next() {
                Some(c) if folds_to(c, expected) => {}
                _ => return false,
            }
        }
        self.0 = chars.as_str();
        true
    }

    fn digit(&self) -> bool {
        self.0.as_bytes().first().is_some_and(u8::is_ascii_digit)
    }
}

fn either_case(byte: Option<&u8>, letter: u8) -> bool {
    byte.is_some_and(|b| b.eq_ignore_ascii_case(&letter))
}

/// `quốc` (`ố` U+1ED1, or `Ố` U+1ED0) from its `q` at `i`.
fn quoc_at(bytes: &[u8], i: usize) -> Option<Range<usize>> {
    let o = bytes.get(i + 2..i + 5)?;
    (either_case(bytes.get(i + 1), b'u')
        && (o == "ố".as_bytes() || o == "Ố".as_bytes())
        && either_case(bytes.get(i + 5), b'c'))
    .then_some(i..i + 6)
}

/// `hoạch` from its `ạ` (U+1EA1, or `Ạ` U+1EA0) at `i`.
fn hoach_at(bytes: &[u8], i: usize) -> Option<Range<usize>> {
    let start = i.checked_sub(2)?;
    (either_case(bytes.get(start), b'h')
        && either_case(bytes.get(start + 1), b'o')
        && either_case(bytes.get(i + 3), b'c')
        && either_case(bytes.get(i + 4), b'h'))
    .then_some(start..i + 5)
}

/// Whether a phrase match may hold this byte: any of a non-ASCII character,
/// an ASCII letter or digit, or ASCII white space (`\s` of the regexes).
fn in_phrase(byte: u8) -> bool {
    !byte.is_ascii()
        || byte.is_ascii_alphanumeric()
        || matches!(byte, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// The longest run of phrase bytes holding `word`.
fn run_around(bytes: &[u8], word: Range<usize>) -> Range<usize> {
    let from = bytes[..word.start]
        .iter()
        .rposition(|&b| !in_phrase(b))
        .map_or(0, |i| i + 1);
    let to = bytes[word.end..]
        .iter()
        .position(|&b| !in_phrase(b))
        .map_or(bytes.len(), |i| word.end + i);
    from..to
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Example plans, fixtures and seeds, and made-up texts of the phrases'
    /// pieces in odd cases, spacing and punctuation.
    fn texts() -> Vec<String> {
        let mut texts = crate::sample_texts::plan_texts(true);
        const PIECES: [&str; 46] = [
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

    fn spans(groups: &Groups<'_>) -> [Option<(usize, usize)>; 2] {
        [0, 1].map(|i| groups.get(i).map(|m| (m.start(), m.end())))
    }

    #[test]
    fn runs_holding_the_word_find_the_matches_of_the_whole_text() {
        let mut matches = 0;
        for phrase in [&DAY, &NAME] {
            for text in texts() {
                let whole: Vec<_> = phrase
                    .regex
                    .captures_iter(&text)
                    .filter(|caps| {
                        caps.get(1)
                            .is_some_and(|y| y.as_str().bytes().all(|b| b.is_ascii_digit()))
                    })
                    .map(|caps| spans(&caps))
                    .collect();
                let runs: Vec<_> = phrase
                    .year_matches(&text)
                    .filter(|caps| {
                        caps.get(1)
                            .is_some_and(|y| y.as_str().bytes().all(|b| b.is_ascii_digit()))
                    })
                    .map(|caps| spans(&caps))
                    .collect();
                assert_eq!(whole, runs, "{text:?}");
                matches += whole.len();
            }
        }
        assert!(matches > 500, "{matches}");
    }

    /// `folds_to` passes every char the regexes fold to the letters of the
    /// words read forward, and Rust's white space is the regexes' `\s`.
    #[test]
    fn forward_reading_passes_what_the_regexes_match() {
        let mut buffer = [0; 4];
        for letter in "gianămchuyểnđổisố ".chars() {
            let regex = regex::Regex::new(&format!("(?i)^{}$", regex::escape(&letter.to_string())))
                .unwrap();
            for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
                if regex.is_match(c.encode_utf8(&mut buffer)) {
                    assert!(folds_to(c, letter), "{c:?} {letter:?}");
                }
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
