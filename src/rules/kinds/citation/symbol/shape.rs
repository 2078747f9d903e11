//! The two symbol shapes, read by hand: symbols are parsed several times per
//! citation, and a regex search with captures cost ~10× more. The regexes
//! stay the reference ([`by_regex`]), for characters outside the common
//! ones and in the agreement test below.

use std::ops::Range;

use super::Style;
use crate::rules::lazy_regex::StaticRegex;

/// Byte ranges of number, year, type code and body.
pub type Groups = [Option<Range<usize>>; 4];

/// `^(\d+)-(\p{L}+)/([\p{L}\d&]+)$`
static PARTY: StaticRegex = StaticRegex::new(r"^(\d+)-([\p{L}]+)/([\p{L}\d&]+)$");
/// `^(\d+)(?:/(\d{4}))?/([\p{L}\d&]+)-([\p{L}\d&-]+)$`
static STATE: StaticRegex = StaticRegex::new(r"^(\d+)(?:/(\d{4}))?/([\p{L}\d&]+)-([\p{L}\d&-]+)$");

/// Characters whose class the hand-written reader knows exactly: ASCII and
/// the Latin letter blocks Vietnamese uses (all of them `\p{L}`, except
/// `×` and `÷`). Any other character goes to the regexes.
pub fn is_plain(c: char) -> bool {
    c.is_ascii()
        || (matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}') && c != '×' && c != '÷')
}

fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || !c.is_ascii()
}

fn is_letter_digit_amp(c: char) -> bool {
    is_letter(c) || c.is_ascii_digit() || c == '&'
}

/// The end of the run of `class` characters from `start` (at least one).
fn run(text: &str, start: usize, class: fn(char) -> bool) -> Option<usize> {
    let len = text[start..]
        .char_indices()
        .find(|&(_, c)| !class(c))
        .map_or(text.len() - start, |(i, _)| i);
    (len > 0).then_some(start + len)
}

fn digits_end(text: &str, start: usize) -> Option<usize> {
    run(text, start, |c| c.is_ascii_digit())
}

fn byte_at(text: &str, at: usize) -> Option<u8> {
    text.as_bytes().get(at).copied()
}

/// `57-NQ/TW`. Only for [`is_plain`] text.
pub fn party(text: &str) -> Option<Groups> {
    let number = digits_end(text, 0)?;
    (byte_at(text, number)? == b'-').then_some(())?;
    let code = run(text, number + 1, is_letter)?;
    (byte_at(text, code)? == b'/').then_some(())?;
    let body = run(text, code + 1, is_letter_digit_amp)?;
    (body == text.len()).then_some(())?;
    Some([
        Some(0..number),
        None,
        Some(number + 1..code),
        Some(code + 1..body),
    ])
}

/// `749/QĐ-TTg`, `30/2020/NĐ-CP`. Only for [`is_plain`] text.
pub fn state(text: &str) -> Option<Groups> {
    let number = digits_end(text, 0)?;
    (byte_at(text, number)? == b'/').then_some(())?;
    // The year is taken when four digits and a slash follow; otherwise
    // the regex backtracks and the digits are the type code.
    let year_end = number + 5;
    let has_year = text.len() > year_end
        && text.as_bytes()[number + 1..year_end]
            .iter()
            .all(u8::is_ascii_digit)
        && byte_at(text, year_end) == Some(b'/');
    if has_year {
        if let Some([_, _, code, body]) = code_and_body(text, year_end + 1) {
            return Some([Some(0..number), Some(number + 1..year_end), code, body]);
        }
    }
    code_and_body(text, number + 1).map(|[_, _, code, body]| [Some(0..number), None, code, body])
}

/// `([\p{L}\d&]+)-([\p{L}\d&-]+)$` from `start`.
fn code_and_body(text: &str, start: usize) -> Option<Groups> {
    let code = run(text, start, is_letter_digit_amp)?;
    (byte_at(text, code)? == b'-').then_some(())?;
    let body = run(text, code + 1, |c| is_letter_digit_amp(c) || c == '-')?;
    (body == text.len()).then_some(())?;
    Some([None, None, Some(start..code), Some(code + 1..body)])
}

/// The reference: the regexes, for any text.
pub fn by_regex(text: &str) -> Option<(Style, Groups)> {
    let groups = |caps: regex_automata::util::captures::Captures, indices: [usize; 4]| {
        indices.map(|i| {
            (i > 0)
                .then(|| caps.get_group(i).map(|s| s.range()))
                .flatten()
        })
    };
    if let Some(caps) = PARTY.captures(text) {
        return Some((Style::Party, groups(caps, [1, 0, 2, 3])));
    }
    STATE
        .captures(text)
        .map(|caps| (Style::State, groups(caps, [1, 2, 3, 4])))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_hand(text: &str) -> Option<(Style, Groups)> {
        assert!(text.chars().all(is_plain));
        party(text)
            .map(|g| (Style::Party, g))
            .or_else(|| state(text).map(|g| (Style::State, g)))
    }

    /// Every string over a small alphabet up to length 7, plus real symbols:
    /// the hand-written reader and the regexes agree on all of them.
    #[test]
    fn hand_written_shapes_agree_with_the_regexes() {
        let alphabet = ['1', '0', '-', '/', 'Đ', 'K', '&', 'ủ'];
        let mut texts = crate::sample_texts::all_strings(&alphabet, 6);
        texts.extend(
            [
                "57-NQ/TW",
                "749/QĐ-TTg",
                "30/2020/NĐ-CP",
                "5511/BKHCN-CĐSQG",
                "06/CP",
                "30/2020-CP",
                "30/20201/X-Y",
                "1/2020/2021-CP",
                "12/2025/QĐ-UBND-X",
                "1/1234/",
                "1/1234/-A",
                "71-NQ/CP",
                "3/KH&CN-BKH&CN",
                "9-Nq/tw1",
                "01/2026/KH-UBND",
                "1/12345/QĐ-A",
                "1//Q-A",
                "1/Q--A",
                "1/Q-",
                "-NQ/TW",
                "1-NQ/",
                "1-/TW",
            ]
            .map(String::from),
        );
        for text in &texts {
            assert_eq!(by_hand(text), by_regex(text), "{text:?}");
        }
    }

    #[test]
    fn plain_letters_are_exactly_the_letters_of_the_regexes() {
        let letter = regex::Regex::new(r"^\p{L}$").unwrap();
        let digit = regex::Regex::new(r"^\d$").unwrap();
        for c in (0..=0x1EFF_u32)
            .filter_map(char::from_u32)
            .filter(|&c| is_plain(c))
        {
            let text = c.to_string();
            assert_eq!(is_letter(c), letter.is_match(&text), "{c:?}");
            assert_eq!(c.is_ascii_digit(), digit.is_match(&text), "{c:?}");
        }
    }

    #[test]
    fn other_characters_are_not_plain() {
        assert!(!is_plain('×'));
        assert!(!is_plain('٣'));
        assert!(!is_plain('Ω'));
        assert!(is_plain('ệ'));
        assert!(is_plain('Đ'));
    }
}
