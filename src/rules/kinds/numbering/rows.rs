//! Table row numbers: sequences between group rows, and the number style.

use super::sequence::Item;
use crate::document::model::Span;
use crate::rules::engine::Emitter;
use crate::rules::kinds::outline::{RowView, TableView};

/// Numbered rows split at group rows: after a group the count may restart
/// at 1 or go on from the previous group.
pub(super) fn row_segments(table: &TableView) -> Vec<(u32, Vec<Item>, Vec<&str>)> {
    let mut segments: Vec<(u32, Vec<Item>, Vec<&str>)> = Vec::new();
    let mut after_group = true;
    for row in &table.rows {
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
                    labels.push(raw.trim_end_matches('.'));
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
