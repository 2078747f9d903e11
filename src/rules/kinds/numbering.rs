//! `numbering` rules: section labels (`Phần I`, `I.`, `1.`, `7.1.`, `a)`) and
//! table row numbers. Numbers restart under each parent heading, and a table
//! may restart or go on after each group row; within one sequence a gap, a
//! duplicate or an item out of place is a defect.

mod headings;
mod rows;
mod sequence;
mod shared;

use crate::document::model::NumberingStyle;
use crate::rules::engine::{Check, CheckContext, Emitter};
use crate::rules::kinds::check_name;
use crate::rules::kinds::outline::{self, Heading};
use crate::rules::loader::{Lang, RuleSpec};
use headings::{dotted_parents, point_letters, section_styles};
use rows::row_style;
use sequence::Defect;
pub(crate) use shared::Numbering;
use shared::{numbering, Sequence};

const CHECKS: [&str; 10] = [
    "section-style",
    "section-gap",
    "section-duplicate",
    "section-order",
    "point-letter",
    "dotted-parent",
    "row-gap",
    "row-duplicate",
    "row-order",
    "row-style",
];

#[derive(Debug)]
struct NumberingCheck {
    check: &'static str,
}

pub fn compile(spec: &RuleSpec) -> Result<Box<dyn Check>, String> {
    spec.only_params(&["check"])?;
    let name = check_name(spec, &CHECKS)?;
    let check = CHECKS
        .iter()
        .find(|c| **c == name)
        .copied()
        .unwrap_or("section-gap");
    Ok(Box::new(NumberingCheck { check }))
}

impl Check for NumberingCheck {
    fn check(&self, ctx: &CheckContext, out: &mut Emitter) {
        let shared = numbering(ctx);
        match self.check {
            "section-gap" | "section-duplicate" | "section-order" => {
                self.report(ctx, shared.sections(ctx), "section", out)
            }
            "section-style" => section_styles(outline::headings(ctx), out),
            "point-letter" => point_letters(outline::headings(ctx), shared.groups(ctx), out),
            "dotted-parent" => dotted_parents(outline::headings(ctx), shared.parents(ctx), out),
            "row-style" => {
                for table in outline::tables(ctx) {
                    row_style(table, out);
                }
            }
            _ => self.report(ctx, shared.rows(ctx), "row", out),
        }
    }
}

/// How a value of a sequence is written, to show it back to the reader.
#[derive(Debug, Clone)]
enum Labeller {
    Roman,
    Letter,
    /// `A`, `B`, `C` group rows.
    Upper,
    Arabic,
    /// `7.` for the children of `7` in dotted style.
    Dotted(String),
}

impl Labeller {
    fn for_style(style: NumberingStyle, label: &str) -> Self {
        match style {
            NumberingStyle::Part | NumberingStyle::Roman => Labeller::Roman,
            NumberingStyle::Letter => Labeller::Letter,
            NumberingStyle::Arabic => Labeller::Arabic,
            NumberingStyle::Dotted => Labeller::Dotted(
                label
                    .rsplit_once('.')
                    .map(|(p, _)| format!("{p}."))
                    .unwrap_or_default(),
            ),
        }
    }

    fn label(&self, value: u32) -> String {
        match self {
            Labeller::Roman => outline::to_roman(value),
            Labeller::Letter => outline::letter_of(value).unwrap_or("?").to_owned(),
            Labeller::Upper => char::from_u32(u32::from('A') + value.saturating_sub(1))
                .filter(char::is_ascii_uppercase)
                .map(String::from)
                .unwrap_or_else(|| "?".into()),
            Labeller::Dotted(prefix) => format!("{prefix}{value}"),
            Labeller::Arabic => value.to_string(),
        }
    }
}

fn heading_value(heading: &Heading) -> Option<u32> {
    match heading.style {
        NumberingStyle::Part | NumberingStyle::Roman => outline::roman_value(&heading.label),
        NumberingStyle::Arabic => heading.label.parse().ok(),
        NumberingStyle::Dotted => heading.label.rsplit('.').next()?.parse().ok(),
        NumberingStyle::Letter => outline::letter_value(&heading.label),
    }
}

/// For each heading, its parent: the last heading of a lower rank before it
/// (a monotonic stack keeps this linear).
fn parents(headings: &[Heading]) -> Vec<Option<usize>> {
    let ranks: Vec<u8> = headings.iter().map(Heading::rank).collect();
    let mut stack: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(headings.len());
    for (i, &rank) in ranks.iter().enumerate() {
        while stack.last().is_some_and(|&top| ranks[top] >= rank) {
            stack.pop();
        }
        out.push(stack.last().copied());
        stack.push(i);
    }
    out
}

/// Sibling sequences: headings of one rank under one parent, in the order
/// of their first members.
fn sibling_groups(headings: &[Heading], parents: &[Option<usize>]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    // Under each parent (`0`: none; `p + 1`: heading `p`), the group of
    // each rank: a parent has few.
    let mut under: Vec<Vec<(u8, usize)>> = vec![Vec::new(); headings.len() + 1];
    for (i, (heading, &parent)) in headings.iter().zip(parents).enumerate() {
        let rank = heading.rank();
        let children = &mut under[parent.map_or(0, |p| p + 1)];
        match children.iter().find(|(r, _)| *r == rank) {
            Some(&(_, group)) => groups[group].push(i),
            None => {
                children.push((rank, groups.len()));
                groups.push(vec![i]);
            }
        }
    }
    groups
}

impl NumberingCheck {
    /// The defects of this rule's kind in `sequences` of its `family`.
    fn report(&self, ctx: &CheckContext, sequences: &[Sequence], family: &str, out: &mut Emitter) {
        // `row-gap` wants the gaps of the `row` family.
        let Some(wanted) = self
            .check
            .strip_prefix(family)
            .and_then(|rest| rest.strip_prefix('-'))
        else {
            return;
        };
        let start_word = match out.lang() {
            Lang::Vi => "đầu danh sách",
            Lang::En => "the start",
        };
        for sequence in sequences {
            let (items, labeller) = (&sequence.items, &sequence.labeller);
            for defect in &sequence.defects {
                let kind = match defect {
                    Defect::Gap { .. } => "gap",
                    Defect::Duplicate { .. } => "duplicate",
                    Defect::Misplaced { .. } | Defect::Backwards { .. } => "order",
                };
                if kind != wanted {
                    continue;
                }
                let (at, vars) = match defect {
                    Defect::Gap {
                        at,
                        before,
                        missing,
                    } => (
                        *at,
                        vec![
                            (
                                "before",
                                before
                                    .map(|b| labeller.label(b))
                                    .unwrap_or(start_word.into()),
                            ),
                            (
                                "expected",
                                labeller.label(missing.first().copied().unwrap_or(1)),
                            ),
                            (
                                "missing",
                                missing
                                    .iter()
                                    .map(|m| labeller.label(*m))
                                    .collect::<Vec<_>>()
                                    .join(", "),
                            ),
                        ],
                    ),
                    Defect::Duplicate { at } => (*at, vec![]),
                    Defect::Misplaced { at, before, after } => (
                        *at,
                        vec![
                            ("before", labeller.label(*before)),
                            ("after", labeller.label(*after)),
                            ("expected", labeller.label(*after)),
                        ],
                    ),
                    Defect::Backwards { at, before } => (
                        *at,
                        vec![
                            ("before", labeller.label(*before)),
                            ("after", labeller.label(before.saturating_add(1))),
                            ("expected", labeller.label(before.saturating_add(1))),
                        ],
                    ),
                };
                let (Some(item), Some(found)) = (items.get(at), sequence.labels.get(at)) else {
                    continue;
                };
                let found = found.text(ctx);
                let mut all: Vec<(&str, &str)> = vec![("found", found)];
                all.extend(vars.iter().map(|(k, v)| (*k, v.as_str())));
                out.emit(item.span, &all);
            }
        }
    }
}
