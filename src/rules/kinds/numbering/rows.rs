//! Table row numbers: sequences between group rows, and the number style.

use super::sequence::{analyse, Item};
use super::shared::{LabelAt, Sequence};
use super::Labeller;
use crate::document::model::Span;
use crate::rules::engine::Emitter;
use crate::rules::kinds::outline::{self, RowView, TableView};

/// The sequences of one table (the number runs between group rows, then
/// the group rows' own letters or numerals) that have defects, appended to
/// `out`.
pub(super) fn sequences(t: usize, table: &TableView, out: &mut Vec<Sequence>) {
    let mut push = |items: Vec<Item>, labels: Vec<LabelAt>, labeller: Labeller, start_after| {
        if items.is_empty() {
            return;
        }
        let defects = analyse(&items, start_after);
        if !defects.is_empty() {
            out.push(Sequence {
                items,
                labels,
                labeller,
                defects,
            });
        }
    };
    for (start_after, items, labels) in row_segments(t, table) {
        push(items, labels, Labeller::Arabic, start_after);
    }
    let group_labels = table
        .rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| match &r.kind {
            RowView::Group { label, span } => Some((i, label.as_str(), *span)),
            _ => None,
        });
    // `A B C` groups count letters; `I II III` groups count Roman numerals.
    let roman = group_labels
        .clone()
        .next()
        .is_some_and(|(_, l, _)| outline::roman_value(l).is_some());
    let (labeller, value_of): (Labeller, fn(&str) -> Option<u32>) = if roman {
        (Labeller::Roman, outline::roman_value)
    } else {
        (Labeller::Upper, upper_letter_value)
    };
    let mut items = Vec::new();
    let mut labels = Vec::new();
    for (row, label, span) in group_labels {
        if let Some(value) = value_of(label) {
            items.push(Item { value, span });
            labels.push(LabelAt::Row { table: t, row });
        }
    }
    push(items, labels, labeller, 0);
}

/// Numbered rows split at group rows: after a group the count may restart
/// at 1 or go on from the previous group.
fn row_segments(t: usize, table: &TableView) -> Vec<(u32, Vec<Item>, Vec<LabelAt>)> {
    let mut segments: Vec<(u32, Vec<Item>, Vec<LabelAt>)> = Vec::new();
    let mut after_group = true;
    for (row_index, row) in table.rows.iter().enumerate() {
        match &row.kind {
            RowView::Group { .. } => after_group = true,
            RowView::Numbered { raw, span } => {
                let Ok(value) = raw.trim_end_matches('.').parse::<u32>() else {
                    continue;
                };
                if after_group || segments.is_empty() {
                    let carried = segments
                        .last()
                        .and_then(|(start, items, _)| {
                            items.last().map(|i| i.value).or(Some(*start))
                        })
                        .unwrap_or(0);
                    let start_after = if value == 1 { 0 } else { carried };
                    segments.push((start_after, Vec::new(), Vec::new()));
                    after_group = false;
                }
                if let Some((_, items, labels)) = segments.last_mut() {
                    items.push(Item { value, span: *span });
                    labels.push(LabelAt::Row {
                        table: t,
                        row: row_index,
                    });
                }
            }
            RowView::Other => {}
        }
    }
    segments
}

pub(super) fn upper_letter_value(label: &str) -> Option<u32> {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(c @ 'A'..='Z'), None) => Some(u32::from(c) - u32::from('A') + 1),
        _ => None,
    }
}

/// One finding per table whose row numbers mix `1.` and `1`.
pub(super) fn row_style(table: &TableView, out: &mut Emitter) {
    let numbered: Vec<(&String, Span)> = table
        .rows
        .iter()
        .filter_map(|r| match &r.kind {
            RowView::Numbered { raw, span } => Some((raw, *span)),
            _ => None,
        })
        .collect();
    let dotted = numbered
        .iter()
        .filter(|(raw, _)| raw.ends_with('.'))
        .count();
    let plain = numbered.len() - dotted;
    if dotted == 0 || plain == 0 {
        return;
    }
    let majority_dotted = dotted > plain;
    if let Some((raw, span)) = numbered
        .iter()
        .find(|(raw, _)| raw.ends_with('.') != majority_dotted)
    {
        let bare = raw.trim_end_matches('.');
        let expected = if majority_dotted {
            format!("{bare}.")
        } else {
            bare.to_owned()
        };
        out.emit(*span, &[("found", raw.as_str()), ("expected", &expected)]);
    }
}
