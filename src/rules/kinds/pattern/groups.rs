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

use regex_syntax::hir::{Class, Hir, HirKind, Look};

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

/// A group between runs of ASCII bytes, placed by the text of the match:
/// `^#{1,6}[ \t]+(?P<keep>[^\n]*?)[ \t]*$` keeps a heading line without
/// its marks and the blanks around its words. The items before the group
/// are greedy runs (each at least one byte long, each set apart from the
/// next, the last unbounded and without `\n`); the group is a lazy
/// `G*?`; after it come at most a greedy `C*` and then ends of the line or
/// text. Then every run before the group takes all the bytes of its set
/// there (a shorter run leaves a byte that the next run cannot take, and
/// the last one can give the group all it would have taken), and the group
/// ends before the `C` bytes that end the match (the shortest group after
/// which only `C` bytes and the end follow).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TrimmedGroup {
    /// The sets of the runs before the group, in order (ASCII bit masks).
    skip: Vec<u128>,
    /// The bytes the group ends before.
    trim: u128,
}

impl TrimmedGroup {
    /// The group's byte range in the match `start..end` of `text`.
    pub(super) fn range(
        &self,
        text: &[u8],
        start: usize,
        end: usize,
    ) -> Option<std::ops::Range<usize>> {
        let matched = text.get(start..end)?;
        let mut from = 0;
        for &set in &self.skip {
            from += matched[from..]
                .iter()
                .take_while(|&&b| in_set(set, b))
                .count();
        }
        let trailing = matched[from..]
            .iter()
            .rev()
            .take_while(|&&b| in_set(self.trim, b))
            .count();
        Some(start + from..end - trailing)
    }
}

fn in_set(set: u128, byte: u8) -> bool {
    byte < 128 && set >> byte & 1 == 1
}

/// The group `name` of `hir` when it is a [`TrimmedGroup`].
pub(super) fn trimmed_group(hir: &Hir, name: &str) -> Option<TrimmedGroup> {
    let HirKind::Concat(items) = hir.kind() else {
        return None;
    };
    let at = items.iter().position(
        |item| matches!(item.kind(), HirKind::Capture(c) if c.name.as_deref() == Some(name)),
    )?;
    // Before the group: looks (where the match may start), then the runs.
    let runs = &items[items[..at]
        .iter()
        .take_while(|item| matches!(item.kind(), HirKind::Look(_)))
        .count()..at];
    let mut skip = Vec::new();
    for (i, run) in runs.iter().enumerate() {
        let HirKind::Repetition(rep) = run.kind() else {
            return None;
        };
        let set = ascii_set(&rep.sub)?;
        let last = i + 1 == runs.len();
        if !rep.greedy || rep.min == 0 || (last && (rep.max.is_some() || in_set(set, b'\n'))) {
            return None;
        }
        if skip.last().is_some_and(|&before: &u128| before & set != 0) {
            return None;
        }
        skip.push(set);
    }
    if skip.is_empty() {
        return None;
    }
    // The group: any run of its chars, the shortest first.
    let HirKind::Capture(group) = items[at].kind() else {
        return None;
    };
    let HirKind::Repetition(lazy) = group.sub.kind() else {
        return None;
    };
    if lazy.greedy
        || lazy.min != 0
        || lazy.max.is_some()
        || !matches!(lazy.sub.kind(), HirKind::Class(_))
    {
        return None;
    }
    // After it: a greedy run of `C`, then ends of the line or text.
    let mut after = &items[at + 1..];
    let mut trim = 0;
    if let Some((first, rest)) = after.split_first() {
        if let HirKind::Repetition(rep) = first.kind() {
            if !rep.greedy || rep.min != 0 || rep.max.is_some() {
                return None;
            }
            trim = ascii_set(&rep.sub)?;
            after = rest;
        }
    }
    let ends = |item: &Hir| matches!(item.kind(), HirKind::Look(Look::End | Look::EndLF));
    (!after.is_empty() && after.iter().all(ends)).then_some(TrimmedGroup { skip, trim })
}

/// The bytes a one-byte item matches, when they are ASCII.
fn ascii_set(hir: &Hir) -> Option<u128> {
    let ranges: Vec<(u32, u32)> = match hir.kind() {
        HirKind::Literal(literal) => match &*literal.0 {
            &[byte] => vec![(u32::from(byte), u32::from(byte))],
            _ => return None,
        },
        HirKind::Class(Class::Unicode(class)) => class
            .ranges()
            .iter()
            .map(|r| (u32::from(r.start()), u32::from(r.end())))
            .collect(),
        HirKind::Class(Class::Bytes(class)) => class
            .ranges()
            .iter()
            .map(|r| (u32::from(r.start()), u32::from(r.end())))
            .collect(),
        _ => return None,
    };
    let mut set = 0u128;
    for (low, high) in ranges {
        if high >= 128 {
            return None;
        }
        for byte in low..=high {
            set |= 1 << byte;
        }
    }
    Some(set)
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

    fn trimmed(pattern: &str, text: &str) -> Option<String> {
        let group = trimmed_group(&regex_syntax::parse(pattern).unwrap(), "keep")?;
        let m = regex::Regex::new(pattern).unwrap().find(text)?;
        Some(text[group.range(text.as_bytes(), m.start(), m.end())?].to_owned())
    }

    #[test]
    fn groups_between_runs_are_trimmed() {
        let heading = r"(?m)^#{1,6}[ \t]+(?P<keep>[^\n]*?)[ \t]*$";
        assert_eq!(
            trimmed(heading, "## Mục tiêu \t\n").as_deref(),
            Some("Mục tiêu")
        );
        assert_eq!(
            trimmed(heading, "x\n#\t  **a b**").as_deref(),
            Some("**a b**")
        );
        assert_eq!(trimmed(heading, "###   \n").as_deref(), Some(""));
        // A bounded last run, runs that share bytes, a group with a
        // bound, anything but ends after the trimmed run: not placed.
        assert!(trimmed_group(
            &regex_syntax::parse(r"#[ ]{1,3}(?P<keep>.*?)$").unwrap(),
            "keep"
        )
        .is_none());
        assert!(trimmed_group(
            &regex_syntax::parse(r"[# ]+ +(?P<keep>.*?)$").unwrap(),
            "keep"
        )
        .is_none());
        assert!(trimmed_group(
            &regex_syntax::parse(r"# +(?P<keep>.{0,5}?)$").unwrap(),
            "keep"
        )
        .is_none());
        assert!(trimmed_group(
            &regex_syntax::parse(r"# +(?P<keep>.*?) *x").unwrap(),
            "keep"
        )
        .is_none());
    }
}
