//! Reading helpers over one line for the grammar rules written out by hand
//! (`citation_rule`, `value_rule`); offsets past the end read nothing.

use std::ops::Range;

#[derive(Clone, Copy)]
pub(super) struct Reader<'a>(pub(super) &'a str);

impl Reader<'_> {
    pub(super) fn byte(self, at: usize) -> Option<u8> {
        self.0.as_bytes().get(at).copied()
    }

    /// End of `literal` at `at`, if it is there.
    pub(super) fn literal(self, at: usize, literal: &str) -> Option<usize> {
        self.0
            .get(at..)?
            .starts_with(literal)
            .then_some(at + literal.len())
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
