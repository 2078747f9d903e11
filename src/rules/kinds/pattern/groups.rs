//! Where the `keep` or `swap` group of a pattern lies in a match, read from
//! the pattern itself when every match fixes it by byte counts.
//!
//! Searching the groups of a match costs a few thousand instructions (the
//! bounded backtracker over a large NFA, `[^*\n]{1,300}?`), and most
//! patterns place their group so that the match alone decides it: in
//! `\*\*(?P<keep>[^*\n]{1,300}?)\*\*` it starts 2 bytes after the match's
//! start and ends 2 bytes before its end; `(?P<swap>…)` is the whole match;
//! `\*{2,}(?P<keep>)` is empty at its end. A group that is an item of the
//! pattern's top sequence takes part in every match, and when the items on
//! one side of it (with it, for its far edge) have one length, its edges are
//! at those lengths from the match's edges.

use regex_syntax::hir::{Hir, HirKind};

/// An edge of a group: bytes from the match's start, or before its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edge {
    FromStart(usize),
    FromEnd(usize),
}

impl Edge {
    fn at(self, start: usize, end: usize) -> Option<usize> {
        match self {
            Edge::FromStart(n) => start.checked_add(n).filter(|&at| at <= end),
            Edge::FromEnd(n) => end.checked_sub(n).filter(|&at| at >= start),
        }
    }
}

/// A group that takes part in every match, at fixed distances from its
/// edges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FixedGroup {
    start: Edge,
    end: Edge,
}

impl FixedGroup {
    /// The group's byte range in the match `start..end`.
    pub(super) fn range(self, start: usize, end: usize) -> Option<std::ops::Range<usize>> {
        let from = self.start.at(start, end)?;
        let to = self.end.at(start, end)?;
        (from <= to).then_some(from..to)
    }
}

/// The group `name` of `hir` when every match fixes where it lies.
pub(super) fn fixed_group(mut hir: &Hir, name: &str) -> Option<FixedGroup> {
    // Outer groups span the whole match.
    loop {
        match hir.kind() {
            HirKind::Capture(capture) if capture.name.as_deref() == Some(name) => {
                return Some(FixedGroup {
                    start: Edge::FromStart(0),
                    end: Edge::FromEnd(0),
                })
            }
            HirKind::Capture(capture) => hir = &capture.sub,
            _ => break,
        }
    }
    let HirKind::Concat(items) = hir.kind() else {
        return None;
    };
    let at = items.iter().position(
        |item| matches!(item.kind(), HirKind::Capture(c) if c.name.as_deref() == Some(name)),
    )?;
    let start = fixed_len(&items[..at])
        .map(Edge::FromStart)
        .or_else(|| fixed_len(&items[at..]).map(Edge::FromEnd))?;
    let end = fixed_len(&items[at + 1..])
        .map(Edge::FromEnd)
        .or_else(|| fixed_len(&items[..=at]).map(Edge::FromStart))?;
    Some(FixedGroup { start, end })
}

/// The bytes every match of `items` in a row spans, when that is one length.
fn fixed_len(items: &[Hir]) -> Option<usize> {
    items.iter().try_fold(0usize, |sum, item| {
        let props = item.properties();
        let len = props.minimum_len()?;
        (props.maximum_len() == Some(len)).then_some(())?;
        sum.checked_add(len)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(pattern: &str, name: &str) -> Option<FixedGroup> {
        fixed_group(&regex_syntax::parse(pattern).unwrap(), name)
    }

    #[test]
    fn groups_between_fixed_items_are_fixed() {
        let range = |p: &str, n: &str, s: usize, e: usize| group(p, n).and_then(|g| g.range(s, e));
        assert_eq!(
            range(r"\*\*(?P<keep>[^*\n]{1,3}?)\*\*", "keep", 10, 17),
            Some(12..15)
        );
        assert_eq!(range(r"(?P<swap><br>|<br/>)", "swap", 3, 8), Some(3..8));
        assert_eq!(range(r"\*{2,}(?P<keep>)", "keep", 3, 8), Some(8..8));
        assert_eq!(range(r"ab(?P<keep>c+)d*", "keep", 0, 9), None);
        assert_eq!(range(r"ab(?P<keep>c)d*", "keep", 0, 9), Some(2..3));
        assert_eq!(range(r"a*(?P<keep>c)d", "keep", 0, 9), Some(7..8));
        // A group that may not take part, or lies inside another item.
        assert_eq!(range(r"a(?P<keep>c)?d", "keep", 0, 3), None);
        assert_eq!(range(r"a(?:(?P<keep>c)|d)", "keep", 0, 2), None);
        assert_eq!(range(r"a(?P<keep>c)", "swap", 0, 2), None);
        // `é` is two bytes; case-insensitive `k` may be three (`K`).
        assert_eq!(range(r"é(?P<keep>x+)", "keep", 0, 5), Some(2..5));
        assert_eq!(range(r"(?i)k(?P<keep>x+)", "keep", 0, 5), None);
    }
}
