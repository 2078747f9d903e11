//! Reading helpers over one line for the grammar rules written out by hand
//! (`citation_rule`, `value_rule`); offsets past the end read nothing.

use std::ops::Range;

#[derive(Clone, Copy)]
pub(super) struct Reader<'a>(pub(super) &'a str, pub(super) Case);

/// How [`Reader::literal`] compares: the grammar reads folded text
/// ([`crate::document::markup::fold_case`]), and its literals are folded.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Case {
    /// The text is folded already: literals compare byte for byte.
    Folded,
    /// The text is not folded: each character is folded as it is compared
    /// (folding moves no byte, so offsets are the folded text's).
    Unfolded,
}

impl<'a> Reader<'a> {
    /// A reader of folded text.
    pub(super) fn folded(text: &'a str) -> Self {
        Reader(text, Case::Folded)
    }
}

impl Reader<'_> {
    pub(super) fn byte(self, at: usize) -> Option<u8> {
        self.0.as_bytes().get(at).copied()
    }

    /// End of `literal` at `at`, if it is there.
    pub(super) fn literal(self, at: usize, literal: &str) -> Option<usize> {
        let rest = self.0.get(at..)?;
        let found = match self.1 {
            Case::Folded => rest.starts_with(literal),
            Case::Unfolded => {
                // A literal is folded, and folds to itself: the same bytes
                // match (most literals that match are written in lower
                // case). Most of those that fail do at their first byte,
                // ASCII in each: only ASCII folds to ASCII, a byte test tells.
                let (text, word) = (rest.as_bytes(), literal.as_bytes());
                match word.first() {
                    _ if text.starts_with(word) => true,
                    Some(w)
                        if w.is_ascii() && text.first().map(u8::to_ascii_lowercase) != Some(*w) =>
                    {
                        false
                    }
                    _ => super::lines::starts_with_folded(rest, literal),
                }
            }
        };
        found.then_some(at + literal.len())
    }

    /// The first of `choices` at `at` and its end.
    pub(super) fn one_of(
        self,
        at: usize,
        choices: &[&'static str],
    ) -> Option<(&'static str, usize)> {
        choices
            .iter()
            .find_map(|&c| self.literal(at, c).map(|end| (c, end)))
    }

    /// After `sp = _{ (" " | "\t" | "\u{a0}")* }`.
    pub(super) fn sp(self, at: usize) -> usize {
        let rest = self.0.get(at..).unwrap_or("");
        at + rest.len() - rest.trim_start_matches([' ', '\t', '\u{a0}']).len()
    }

    /// After `sp1` (at least one), if it matches.
    pub(super) fn sp1(self, at: usize) -> Option<usize> {
        let end = self.sp(at);
        (end > at).then_some(end)
    }

    /// How many ASCII digits (at most `max`) start at `at`.
    pub(super) fn digits(self, at: usize, max: usize) -> usize {
        super::quick_heads::digits(self.0.as_bytes(), at, max)
    }

    /// `ASCII_DIGIT{4}` at `at`.
    pub(super) fn year(self, at: usize) -> Option<Range<usize>> {
        (self.digits(at, 4) == 4).then_some(at..at + 4)
    }
}
