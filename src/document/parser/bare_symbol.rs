//! Symbols with no type word before them (`… theo 749/QĐ-TTg`), found by
//! shape: the matches of the regex
//! `[0-9]{1,6}(?:/[0-9]{4})?(?:/[\p{L}&]+-[\p{L}[0-9]&]+|-[\p{L}&]+/[\p{L}[0-9]&]+)`
//! (leftmost-first, one after another), written out by hand. The regex's
//! general search fell back to a backtracker on long lines, and cost more
//! than the rest of the citation pass; the tests check both agree.

use std::ops::Range;

/// The regex's matches in `text`, in order, none overlapping.
#[cfg(test)]
pub(super) fn bare_symbols(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    bare_symbols_at(text, memchr::memchr2_iter(b'/', b'-', text.as_bytes()))
}

/// [`bare_symbols`] given the `/` and `-` of `text` in order: all of them,
/// or only those right after a digit (no match starts at the others).
pub(super) fn bare_symbols_at<'t>(
    text: &'t str,
    marks: impl Iterator<Item = usize> + 't,
) -> impl Iterator<Item = Range<usize>> + 't {
    let bytes = text.as_bytes();
    // `[0-9]{1,6}` is followed by `/` or `-`: a match starts in the digits
    // just before one. Only the run's last six digits can start it, and
    // the earliest of them that can is the regex's (leftmost) start.
    let mut pos = 0;
    marks.filter_map(move |mark| {
        if mark < pos {
            return None;
        }
        let digits = super::quick_heads::digits_before(&bytes[pos..mark]);
        if digits == 0 {
            return None;
        }
        let start = mark - digits.min(6);
        let end = after_digits(text, mark)?;
        pos = end;
        Some(start..end)
    })
}

/// End of `(?:/[0-9]{4})?(?:/L+-C+|-L+/C+)` at `at`, trying the year first.
fn after_digits(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.get(at) == Some(&b'/') && digits(bytes, at + 1) >= 4 {
        if let Some(end) = joined_codes(text, at + 5) {
            return Some(end);
        }
    }
    joined_codes(text, at)
}

/// End of `/[\p{L}&]+-[\p{L}[0-9]&]+` or `-[\p{L}&]+/[\p{L}[0-9]&]+` at `at`.
fn joined_codes(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let second = match bytes.get(at)? {
        b'/' => b'-',
        b'-' => b'/',
        _ => return None,
    };
    let letters_end = run(text, at + 1, false);
    if letters_end == at + 1 || bytes.get(letters_end) != Some(&second) {
        return None;
    }
    let end = run(text, letters_end + 1, true);
    (end > letters_end + 1).then_some(end)
}

/// End of the run of `[\p{L}&]` (and ASCII digits when `with_digits`) at `at`.
fn run(text: &str, at: usize, with_digits: bool) -> usize {
    let rest = text.get(at..).unwrap_or("");
    let len: usize = rest
        .chars()
        .take_while(|&c| c == '&' || (with_digits && c.is_ascii_digit()) || is_folded_letter(c))
        .map(char::len_utf8)
        .sum();
    at + len
}

/// [`is_letter`] of the folded character: the shape is read in the folded
/// line (a few capitals are letters to the regex only once folded).
fn is_folded_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    is_letter(crate::document::markup::fold_one(c))
}

/// `\p{L}` as the regex crate reads it (its Unicode tables can be a version
/// apart from pest's `LETTER`): ASCII directly, the rest from a bit table
/// below U+3000 and the class's ranges above.
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    let letters = letters();
    let code = c as usize;
    match letters.low.get(code / 64) {
        Some(word) => word >> (code % 64) & 1 != 0,
        None => {
            let at = letters.ranges.partition_point(|&(_, end)| end < c);
            letters.ranges.get(at).is_some_and(|&(start, _)| start <= c)
        }
    }
}

struct Letters {
    /// One bit per character below U+3000.
    low: Vec<u64>,
    ranges: Vec<(char, char)>,
}

fn letters() -> &'static Letters {
    static LETTERS: std::sync::OnceLock<Letters> = std::sync::OnceLock::new();
    LETTERS.get_or_init(|| {
        let hir = regex_syntax::Parser::new()
            .parse(r"\p{L}")
            .expect("a valid class");
        let regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) =
            hir.kind()
        else {
            unreachable!("a letter class is a Unicode class")
        };
        let ranges: Vec<(char, char)> = class.iter().map(|r| (r.start(), r.end())).collect();
        let mut low = vec![0u64; 0x3000 / 64];
        for &(start, end) in &ranges {
            for code in start as usize..=(end as usize).min(0x2FFF) {
                low[code / 64] |= 1 << (code % 64);
            }
        }
        Letters { low, ranges }
    })
}

fn digits(bytes: &[u8], at: usize) -> usize {
    bytes
        .get(at..)
        .unwrap_or(&[])
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGEX: &str =
        r"[0-9]{1,6}(?:/[0-9]{4})?(?:/[\p{L}&]+-[\p{L}[0-9]&]+|-[\p{L}&]+/[\p{L}[0-9]&]+)";

    #[test]
    fn letters_are_the_regex_letters() {
        let re = regex::Regex::new(r"^\p{L}$").unwrap();
        for u in 0..=0x10FFFFu32 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(
                    is_letter(c),
                    re.is_match(c.encode_utf8(&mut [0; 4])),
                    "{u:x}"
                );
            }
        }
    }

    /// Folding changes no other character the shape reads than letters,
    /// so the symbols of a line are those of its folded text.
    #[test]
    fn folding_keeps_the_shape() {
        for u in 0..=0x10FFFFu32 {
            if let Some(c) = char::from_u32(u) {
                let folded = crate::document::markup::fold_one(c);
                assert_eq!(is_folded_letter(c), is_letter(folded), "{u:x}");
                if c.is_ascii_digit() || "&/-".contains(c) {
                    assert_eq!(folded, c);
                }
            }
        }
    }

    #[test]
    fn same_matches_as_the_regex() {
        let re = regex::Regex::new(REGEX).unwrap();
        let mut lines = crate::document::parser::tests::example_and_fixture_folded_lines();
        let pieces = [
            "", "1", "12", "123456", "1234567", "/", "-", "/2020", "/202", "/20201", "qđ", "ttg",
            "&", "a&b", "đ", "ỹ", "9", " ", "x1", "/-", "–", "ab",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in ["", "-", "/", "1", "a", "/a"] {
                        lines.push(format!("{a}{b}{c}{d}"));
                    }
                }
            }
        }
        for made in [
            "theo 749/qđ-ttg và 57-nq/tw, 30/2020/nđ-cp",
            "12345678/ab-c 1/2020/x-y 1/2020-x/y",
            "1/2020/1-a 1/a-1b2 1-a/b-c/d 99/ab-",
        ] {
            lines.push(made.to_owned());
        }
        for line in &lines {
            let expected: Vec<_> = re.find_iter(line).map(|m| m.range()).collect();
            let by_hand: Vec<_> = bare_symbols(line).collect();
            assert_eq!(by_hand, expected, "{line:?}");
            let bytes = line.as_bytes();
            let after_digits = memchr::memchr2_iter(b'/', b'-', bytes)
                .filter(|&at| at > 0 && bytes[at - 1].is_ascii_digit());
            let from_marks: Vec<_> = bare_symbols_at(line, after_digits).collect();
            assert_eq!(from_marks, expected, "{line:?}");
            // In the line as written: the same as the regex in the folded line.
            let upper = line.to_uppercase();
            let folded = crate::document::markup::fold_case(&upper);
            let expected: Vec<_> = re.find_iter(&folded).map(|m| m.range()).collect();
            assert_eq!(
                bare_symbols(&upper).collect::<Vec<_>>(),
                expected,
                "{upper:?}"
            );
        }
    }
}
