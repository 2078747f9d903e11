//! The Markdown patterns of the built-in rules, found by hand: each match
//! starts at a mark (`#`, `*`, `_`) found by `memchr`, and its end follows
//! from the next mark or line break, so one pass over the marks replaces a
//! regex search (with its prefilter, forward and reverse scans) per match.
//! Only the exact patterns below are found this way; a rule file that
//! writes another pattern gets the regex. A test compares each finder with
//! its regex on plans and on every short string of marks, spaces, letters
//! and line breaks.

use std::ops::Range;

/// A pattern found by hand, as `find_iter` of its regex finds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HandFinder {
    /// `(?m)^#{1,6}[ \t]+(?P<keep>[^\n]*?)[ \t]*$`: a heading line.
    Heading,
    /// `\*\*(?P<keep>[^*\n]{1,300}?)\*\*` (and the same with `_`): bold.
    Bold(u8),
    /// `\*(?P<keep>[^*\s][^*\n]{0,300}?)\*`: italic.
    Italic,
    /// `\*{2,}(?P<keep>)`: a run of stars.
    Stars,
}

/// The patterns found by hand, written as in the rule files.
const PATTERNS: [(&str, HandFinder); 5] = [
    (
        r"(?m)^#{1,6}[ \t]+(?P<keep>[^\n]*?)[ \t]*$",
        HandFinder::Heading,
    ),
    (r"\*\*(?P<keep>[^*\n]{1,300}?)\*\*", HandFinder::Bold(b'*')),
    (r"__(?P<keep>[^_\n]{1,300}?)__", HandFinder::Bold(b'_')),
    (r"\*(?P<keep>[^*\s][^*\n]{0,300}?)\*", HandFinder::Italic),
    (r"\*{2,}(?P<keep>)", HandFinder::Stars),
];

/// Most chars between the marks of bold and italic text.
const MOST_CHARS: usize = 300;

impl HandFinder {
    /// The finder of `pattern`, when it is one of those found by hand.
    pub(super) fn of(pattern: &str, ignore_case: bool) -> Option<HandFinder> {
        if ignore_case {
            return None;
        }
        PATTERNS
            .iter()
            .find(|(p, _)| *p == pattern)
            .map(|&(_, finder)| finder)
    }

    /// Every match in `text`, in order, appended to `out`.
    pub(super) fn find_all(self, text: &str, out: &mut Vec<Range<usize>>) {
        let bytes = text.as_bytes();
        let mark = match self {
            HandFinder::Heading => b'#',
            HandFinder::Bold(mark) => mark,
            HandFinder::Italic | HandFinder::Stars => b'*',
        };
        let mut at = 0;
        while let Some(found) = memchr::memchr(mark, &bytes[at..]) {
            let start = at + found;
            match self.match_at(text, start) {
                Some(end) => {
                    out.push(start..end);
                    at = end;
                }
                None => at = start + 1,
            }
        }
    }

    /// The end of the match starting at the mark at `start`, if any.
    fn match_at(self, text: &str, start: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        match self {
            HandFinder::Heading => {
                if start > 0 && bytes[start - 1] != b'\n' {
                    return None;
                }
                let marks = run_of(bytes, start, b'#');
                let after = start + marks;
                // The line runs to its break: `[^\n]*?[ \t]*$` takes all.
                (marks <= 6 && matches!(bytes.get(after), Some(b' ' | b'\t'))).then(|| {
                    memchr::memchr(b'\n', &bytes[after..]).map_or(text.len(), |i| after + i)
                })
            }
            HandFinder::Bold(mark) => {
                if bytes.get(start + 1) != Some(&mark) {
                    return None;
                }
                // The text between the marks holds no mark: it ends at the
                // first one, which must start the closing pair.
                let from = start + 2;
                let close = closing(bytes, from, mark)?;
                let chars = count_chars(&bytes[from..close]);
                ((1..=MOST_CHARS).contains(&chars) && bytes.get(close + 1) == Some(&mark))
                    .then_some(close + 2)
            }
            HandFinder::Italic => {
                let first = text[start + 1..].chars().next()?;
                if first == '*' || first.is_whitespace() {
                    return None;
                }
                let from = start + 1 + first.len_utf8();
                let close = closing(bytes, from, b'*')?;
                (count_chars(&bytes[from..close]) <= MOST_CHARS).then_some(close + 1)
            }
            HandFinder::Stars => {
                let stars = run_of(bytes, start, b'*');
                (stars >= 2).then_some(start + stars)
            }
        }
    }
}

/// How many `mark` bytes follow one another from `start`.
fn run_of(bytes: &[u8], start: usize, mark: u8) -> usize {
    bytes[start..].iter().take_while(|&&b| b == mark).count()
}

/// The first `mark` from `from` on its line, if the line has one there.
fn closing(bytes: &[u8], from: usize, mark: u8) -> Option<usize> {
    let at = from + memchr::memchr2(mark, b'\n', bytes.get(from..)?)?;
    (bytes[at] == mark).then_some(at)
}

/// The chars of UTF-8 `bytes`: the bytes that start one.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plans and their lines, every string of up to 7 pieces, and long runs
    /// around the 300-char limit.
    fn texts() -> Vec<String> {
        let mut texts = crate::sample_texts::plan_texts_and_lines(true, 400);
        let pieces = ["*", "#", "_", " ", "\t", "a", "\n", "\r", "é", "\u{a0}"];
        texts.extend(crate::sample_texts::all_strings(&pieces, 6));
        let pieces = ["**", "*", "__", "#", "x", " ", "\n", "ệ"];
        texts.extend(crate::sample_texts::all_strings(&pieces, 7));
        for filler in ["a", "é", "ệ", "𝔸", " "] {
            for n in [298, 299, 300, 301, 302] {
                let run = filler.repeat(n);
                for (open, close) in [("**", "**"), ("__", "__"), ("*x", "*"), ("*", "*")] {
                    texts.push(format!("{open}{run}{close}"));
                    texts.push(format!("{open}{run}{close}{close} {open}a{close}"));
                }
                texts.push(format!("# {run}  \n##\t{run}"));
            }
        }
        texts
    }

    #[test]
    fn hand_finders_find_what_their_regexes_find() {
        let texts = texts();
        for (pattern, finder) in PATTERNS {
            assert_eq!(HandFinder::of(pattern, false), Some(finder));
            assert_eq!(HandFinder::of(pattern, true), None);
            let regex = regex::Regex::new(pattern).unwrap();
            let mut found = Vec::new();
            let mut matches = 0;
            for text in &texts {
                found.clear();
                finder.find_all(text, &mut found);
                let expected: Vec<Range<usize>> =
                    regex.find_iter(text).map(|m| m.range()).collect();
                assert_eq!(found, expected, "{pattern} on {text:?}");
                matches += expected.len();
            }
            assert!(matches > 10_000, "{pattern}: {matches}");
        }
    }

    /// The built-in rules still write the patterns found by hand.
    #[test]
    fn the_rules_use_the_patterns_found_by_hand() {
        let mut used = 0;
        for (path, yaml) in crate::rules::builtin::RULE_FILES {
            for spec in crate::rules::loader::parse_rule_file(path, yaml).unwrap() {
                used += spec
                    .patterns
                    .iter()
                    .filter(|p| HandFinder::of(p, spec.ignore_case).is_some())
                    .count();
            }
        }
        assert_eq!(used, PATTERNS.len());
    }
}
