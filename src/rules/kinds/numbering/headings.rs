//! Checks on single headings: the numbering style of top-level parts, point
//! letters outside the Vietnamese alphabet, dotted numbers under the wrong
//! parent.

use crate::document::model::NumberingStyle;
use crate::rules::engine::Emitter;
use crate::rules::kinds::outline::{self, Heading};
use crate::templates::fold::folded_starts_with;

/// Titles of the top-level sections of a plan, folded.
const TOP_LEVEL_TITLES: [&str; 6] = [
    "muc tieu",
    "muc dich",
    "nhiem vu",
    "giai phap",
    "kinh phi",
    "to chuc thuc hien",
];

/// A top-level section (`NHIỆM VỤ` in capitals) numbered like a
/// sub-section (`2.`) in a plan whose top level is Roman.
pub(super) fn section_styles(headings: &[Heading], out: &mut Emitter) {
    let mut last_roman = 0u32;
    let mut roman_title = "";
    for heading in headings {
        if heading.style == NumberingStyle::Roman {
            last_roman = outline::roman_value(&heading.label).unwrap_or(last_roman);
            roman_title = &heading.title;
            continue;
        }
        if last_roman == 0 || heading.style == NumberingStyle::Part {
            continue;
        }
        // Capitals first: most titles have a lower-case letter among their
        // first few, and are no top-level title.
        if !in_capitals(&heading.title) {
            continue;
        }
        let top = TOP_LEVEL_TITLES
            .iter()
            .find(|t| folded_starts_with(&heading.title, t) && !folded_starts_with(roman_title, t));
        if top.is_some() {
            let expected = format!("{}. {}", outline::to_roman(last_roman + 1), heading.title);
            let found = format!("{}. {}", heading.label, heading.title);
            out.emit(
                heading.label_span,
                &[("found", &found), ("expected", &expected)],
            );
        }
    }
}

/// At least five letters, all capitals.
fn in_capitals(title: &str) -> bool {
    let mut letters = 0;
    for c in title.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 5
}

/// `f)`, `j)`, `w)`, `z)` are not Vietnamese point letters.
pub(super) fn point_letters(headings: &[Heading], groups: &[Vec<usize>], out: &mut Emitter) {
    for group in groups {
        let mut previous = 0u32;
        for heading in group.iter().filter_map(|&i| headings.get(i)) {
            if heading.style != NumberingStyle::Letter {
                continue;
            }
            match outline::letter_value(&heading.label) {
                Some(value) => previous = value,
                None => {
                    let expected = outline::letter_of(previous.saturating_add(1)).unwrap_or("?");
                    out.emit(
                        heading.label_span,
                        &[("found", heading.label.as_str()), ("expected", expected)],
                    );
                    previous = previous.saturating_add(1);
                }
            }
        }
    }
}

/// `7.1` must sit under `7`.
pub(super) fn dotted_parents(headings: &[Heading], parents: &[Option<usize>], out: &mut Emitter) {
    for (heading, &parent) in headings.iter().zip(parents) {
        if heading.style != NumberingStyle::Dotted {
            continue;
        }
        let Some((prefix, last)) = heading.label.rsplit_once('.') else {
            continue;
        };
        let parent = parent
            .and_then(|p| headings.get(p))
            .filter(|p| p.rank() + 1 == heading.rank());
        if let Some(parent) = parent {
            if parent.label != prefix {
                let expected = format!("{}.{last}", parent.label);
                out.emit(
                    heading.label_span,
                    &[
                        ("found", heading.label.as_str()),
                        ("expected", &expected),
                        ("parent", parent.label.as_str()),
                    ],
                );
            }
        }
    }
}
