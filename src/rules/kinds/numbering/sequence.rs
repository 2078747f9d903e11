//! The defects of one numbered sequence (siblings under one parent, or the
//! rows of one table group): gaps, duplicates, items out of place.

use crate::document::model::Span;

#[derive(Debug, Clone)]
pub struct Item {
    pub value: u32,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Defect {
    /// Numbers skipped between `before` (`None`: the start) and `value`.
    Gap {
        at: usize,
        before: Option<u32>,
        missing: Vec<u32>,
    },
    /// `value` repeats a number already used.
    Duplicate { at: usize },
    /// `value` sits between `before` and the number that should follow it
    /// (`4 → 10 → 5`).
    Misplaced { at: usize, before: u32, after: u32 },
    /// `value` goes back below `before` without being explained otherwise.
    Backwards { at: usize, before: u32 },
}

/// Find the defects of a sequence meant to count 1, 2, 3 … (or to go on
/// from `start_after`, for a table that numbers continuously across groups).
pub fn analyse(items: &[Item], start_after: u32) -> Vec<Defect> {
    // The values used, sorted; `seen[i]`: `present[i]` came already.
    let mut present: Vec<u32> = items.iter().map(|i| i.value).collect();
    present.sort_unstable();
    present.dedup();
    let mut seen = vec![false; present.len()];
    let place = |value: u32| present.binary_search(&value).unwrap_or(0);
    let mut defects = Vec::new();
    let mut previous = start_after;
    for (at, item) in items.iter().enumerate() {
        let value = item.value;
        let expected = previous.saturating_add(1);
        if value == expected {
            previous = value;
        } else if seen[place(value)] {
            defects.push(Defect::Duplicate { at });
        } else if items.get(at + 1).map(|n| n.value) == Some(expected) && at > 0 {
            defects.push(Defect::Misplaced {
                at,
                before: previous,
                after: expected,
            });
        } else if value > expected {
            let missing: Vec<u32> = (expected..value)
                .take(10_000)
                .filter(|m| present.binary_search(m).is_err())
                .take(50)
                .collect();
            if !missing.is_empty() {
                defects.push(Defect::Gap {
                    at,
                    before: (previous > 0 || at > 0).then_some(previous),
                    missing,
                });
            }
            previous = value;
        } else {
            defects.push(Defect::Backwards {
                at,
                before: previous,
            });
            previous = value;
        }
        seen[place(value)] = true;
    }
    defects
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(values: &[u32]) -> Vec<Item> {
        values
            .iter()
            .map(|&value| Item {
                value,
                span: Span::default(),
            })
            .collect()
    }

    #[test]
    fn a_complete_sequence_has_no_defect() {
        assert!(analyse(&items(&[1, 2, 3, 4]), 0).is_empty());
        assert!(analyse(&items(&[3, 4]), 2).is_empty());
    }

    #[test]
    fn gap_13_to_16() {
        let found = analyse(&items(&[12, 13, 16, 17]), 11);
        assert_eq!(
            found,
            [Defect::Gap {
                at: 2,
                before: Some(13),
                missing: vec![14, 15]
            }]
        );
    }

    #[test]
    fn misplaced_10_between_4_and_5_and_the_real_gap_after() {
        let found = analyse(&items(&[1, 2, 3, 4, 10, 5, 6, 8, 9, 11, 12]), 0);
        assert_eq!(
            found,
            [
                Defect::Misplaced {
                    at: 4,
                    before: 4,
                    after: 5
                },
                Defect::Gap {
                    at: 7,
                    before: Some(6),
                    missing: vec![7]
                },
            ]
        );
    }

    #[test]
    fn duplicates_and_backwards() {
        assert_eq!(
            analyse(&items(&[1, 2, 2, 3]), 0),
            [Defect::Duplicate { at: 2 }]
        );
        assert_eq!(
            analyse(&items(&[1, 2, 5, 4]), 0),
            [
                Defect::Gap {
                    at: 2,
                    before: Some(2),
                    missing: vec![3]
                },
                Defect::Backwards { at: 3, before: 5 }
            ]
        );
    }

    #[test]
    fn a_sequence_that_starts_late() {
        assert_eq!(
            analyse(&items(&[2, 3]), 0),
            [Defect::Gap {
                at: 0,
                before: None,
                missing: vec![1]
            }]
        );
    }

    proptest::proptest! {
        #[test]
        fn a_complete_run_has_no_defect(n in 1u32..80) {
            let values: Vec<u32> = (1..=n).collect();
            proptest::prop_assert!(analyse(&items(&values), 0).is_empty());
        }

        #[test]
        fn dropping_one_number_gives_exactly_that_gap(n in 3u32..80, pick in 0u32..1000) {
            let dropped = 2 + pick % (n - 2);
            let values: Vec<u32> = (1..=n).filter(|v| *v != dropped).collect();
            let found = analyse(&items(&values), 0);
            let is_that_gap = matches!(
                found.as_slice(),
                [Defect::Gap { missing, .. }] if missing.as_slice() == [dropped]
            );
            proptest::prop_assert!(is_that_gap, "{:?}", found);
        }

        #[test]
        fn any_numbers_are_analysed_without_panic(
            values in proptest::collection::vec(proptest::num::u32::ANY, 0..40),
            start in proptest::num::u32::ANY,
        ) {
            let _ = analyse(&items(&values), start);
        }
    }
}
