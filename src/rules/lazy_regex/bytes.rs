//! Classes of almost any char, rewritten for the quick engine.
//!
//! A class such as `[^*\n]` holds every char but a few ASCII ones, and the
//! NFA compiler builds a UTF-8 automaton for it, once per copy: under a
//! counted repeat (`[^*\n]{1,300}?`) that was most of the cost of compiling
//! the markdown and formula patterns. On valid UTF-8 (every haystack is a
//! `str`) and from a char boundary, such a class matches exactly what its
//! ASCII chars as one byte class, or a lead byte followed by as many
//! continuation bytes as it announces, match: the lead byte decides the
//! length, so no branch ends inside a char, and no match starts inside one.

use regex_syntax::hir::{
    Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind,
};

/// `hir` with every class that holds all non-ASCII chars matched byte by
/// byte, or `None` when it has no such class.
pub(super) fn any_char_as_bytes(hir: &Hir) -> Option<Hir> {
    if !has_any_char_class(hir) {
        return None;
    }
    Some(rewrite(hir))
}

fn has_any_char_class(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => holds_all_non_ascii(class),
        HirKind::Repetition(repetition) => has_any_char_class(&repetition.sub),
        HirKind::Capture(capture) => has_any_char_class(&capture.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().any(has_any_char_class),
        _ => false,
    }
}

fn holds_all_non_ascii(class: &ClassUnicode) -> bool {
    let all = ClassUnicode::new([ClassUnicodeRange::new('\u{80}', char::MAX)]);
    let mut non_ascii = class.clone();
    non_ascii.intersect(&all);
    non_ascii == all
}

fn rewrite(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) if holds_all_non_ascii(class) => any_char(class),
        HirKind::Repetition(repetition) => {
            let mut repetition = repetition.clone();
            repetition.sub = Box::new(rewrite(&repetition.sub));
            Hir::repetition(repetition)
        }
        HirKind::Capture(capture) => {
            let mut capture = capture.clone();
            capture.sub = Box::new(rewrite(&capture.sub));
            Hir::capture(capture)
        }
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(rewrite).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(rewrite).collect()),
        _ => hir.clone(),
    }
}

/// The ASCII chars of `class` as one byte, or any char of two to four bytes.
fn any_char(class: &ClassUnicode) -> Hir {
    let bytes = |start: u8, end: u8| {
        Hir::class(Class::Bytes(ClassBytes::new([ClassBytesRange::new(
            start, end,
        )])))
    };
    let continuation = || bytes(0x80, 0xBF);
    let ascii = ClassBytes::new(
        class
            .ranges()
            .iter()
            .filter(|r| r.start() < '\u{80}')
            .map(|r| ClassBytesRange::new(r.start() as u8, u32::from(r.end()).min(0x7F) as u8)),
    );
    let mut branches = Vec::with_capacity(4);
    if !ascii.ranges().is_empty() {
        branches.push(Hir::class(Class::Bytes(ascii)));
    }
    for (lead, length) in [((0xC2, 0xDF), 2), ((0xE0, 0xEF), 3), ((0xF0, 0xF4), 4)] {
        let mut items = vec![bytes(lead.0, lead.1)];
        items.extend((1..length).map(|_| continuation()));
        branches.push(Hir::concat(items));
    }
    Hir::alternation(branches)
}

#[cfg(test)]
mod tests {
    use regex_automata::{meta, util::syntax, Input};

    use super::*;

    /// Texts to compare on: examples, fixtures, seeds, their lines, and
    /// generated strings of stars, newlines, ASCII and chars of two to
    /// four bytes.
    fn texts() -> Vec<String> {
        let mut texts = crate::sample_texts::plan_texts_and_lines(true, 400);
        let alphabet = [
            "*", "**", "\n", "a", " ", "$", "\\", "{", "(", ")", "<", ">", ":", "é", "ệ", "\u{A0}",
            "€", "𝔸", "\\geq", "Bộ", "%",
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(state % 40) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            texts.push(text);
        }
        texts
    }

    fn quick(hir: &Hir) -> meta::Regex {
        let config = meta::Config::new()
            .match_kind(regex_automata::MatchKind::LeftmostFirst)
            .utf8_empty(true)
            .onepass(false)
            .hybrid(false)
            .dfa(false);
        meta::Builder::new()
            .configure(config)
            .build_from_hir(hir)
            .unwrap()
    }

    #[test]
    fn rewritten_classes_match_as_the_regex_does() {
        let mut patterns: Vec<(String, bool)> = vec![
            (r"\*\*(?P<keep>[^*\n]{1,3}?)\*\*".into(), false),
            (r"[^a]+$".into(), false),
            (r"(?s).\b".into(), false),
            (r"[^\s]{2}".into(), true),
            (r"(?:[^ệ]|ệ)+".into(), false),
        ];
        for (path, yaml) in crate::rules::builtin::RULE_FILES {
            for spec in crate::rules::loader::parse_rule_file(path, yaml).unwrap() {
                let exceptions = spec.exceptions.iter().filter_map(|e| e.strip_prefix("re:"));
                patterns.extend(spec.patterns.iter().map(|p| (p.clone(), spec.ignore_case)));
                patterns.extend(exceptions.map(|p| (p.to_owned(), false)));
            }
        }
        let texts = texts();
        let mut rewritten = 0;
        for (pattern, ignore_case) in &patterns {
            let config = syntax::Config::new().case_insensitive(*ignore_case);
            let hir = syntax::parse_with(pattern, &config).unwrap();
            let Some(bytes) = any_char_as_bytes(&hir) else {
                continue;
            };
            rewritten += 1;
            let reference = crate::rules::lazy_regex::build(pattern, *ignore_case).unwrap();
            let regex = quick(&bytes);
            let mut caps = regex.create_captures();
            for text in &texts {
                let expected: Vec<_> = reference.captures_iter(text).collect();
                let found: Vec<_> = regex.captures_iter(text.as_str()).collect();
                assert_eq!(found.len(), expected.len(), "{pattern} on {text:?}");
                for (found, expected) in found.iter().zip(&expected) {
                    for group in 0..expected.len() {
                        let span = found.get_group(group).map(|s| s.range());
                        assert_eq!(span, expected.get(group).map(|m| m.range()), "{pattern}");
                    }
                }
                for start in [1, 2, 5] {
                    if text.is_char_boundary(start) {
                        let input = Input::new(text.as_str()).span(start..text.len());
                        regex.search_captures(&input, &mut caps);
                        let expected = reference.captures_at(text, start);
                        assert_eq!(
                            caps.get_match().map(|m| m.range()),
                            expected.and_then(|c| c.get(0)).map(|m| m.range())
                        );
                    }
                }
            }
        }
        assert!(rewritten >= 8, "only {rewritten} patterns rewritten");
    }

    #[test]
    fn only_classes_of_every_non_ascii_char_are_rewritten() {
        let parse = |p| syntax::parse(p).unwrap();
        assert!(any_char_as_bytes(&parse(r"[^*\n]")).is_some());
        assert!(any_char_as_bytes(&parse(r"(?s).")).is_some());
        assert!(any_char_as_bytes(&parse(r"\p{L}+")).is_none());
        assert!(any_char_as_bytes(&parse(r"[^*\s]")).is_none());
        assert!(any_char_as_bytes(&parse(r"abc")).is_none());
    }
}
