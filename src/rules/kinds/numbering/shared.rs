//! What the numbering rules work out about one plan, once for all of them:
//! each heading's parent, the sibling groups, and the defects of every
//! section and row sequence (`analyse` ran once per sequence, not once per
//! rule reading it).

use std::sync::OnceLock;

use super::sequence::{analyse, Defect, Item};
use super::{heading_value, parents, sibling_groups, Labeller};
use crate::rules::engine::CheckContext;
use crate::rules::kinds::outline::{self, RowView};

/// The numbering analysis of one plan; each part is filled by the first
/// rule that reads it.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    parents: OnceLock<Vec<Option<usize>>>,
    groups: OnceLock<Vec<Vec<usize>>>,
    sections: OnceLock<Vec<Sequence>>,
    rows: OnceLock<Vec<Sequence>>,
}

/// A numbered sequence with at least one defect (the others report nothing
/// and are not kept).
#[derive(Debug)]
pub(super) struct Sequence {
    pub items: Vec<Item>,
    /// Where each item's label is read, to show it back.
    pub labels: Vec<LabelAt>,
    pub labeller: Labeller,
    pub defects: Vec<Defect>,
}

#[derive(Debug, Clone, Copy)]
pub(super) enum LabelAt {
    /// The label of the heading at this index.
    Heading(usize),
    /// The number of a numbered row, without its dot, or a group row's label.
    Row { table: usize, row: usize },
}

impl LabelAt {
    pub(super) fn text<'c>(self, ctx: &'c CheckContext) -> &'c str {
        match self {
            LabelAt::Heading(i) => outline::headings(ctx)
                .get(i)
                .map_or("", |h| h.label.as_str()),
            LabelAt::Row { table, row } => {
                match outline::tables(ctx)
                    .get(table)
                    .and_then(|t| t.rows.get(row))
                    .map(|r| &r.kind)
                {
                    Some(RowView::Numbered { raw, .. }) => raw.trim_end_matches('.'),
                    Some(RowView::Group { label, .. }) => label,
                    _ => "",
                }
            }
        }
    }
}

pub(super) fn numbering<'c>(ctx: &'c CheckContext) -> &'c Numbering {
    &ctx.numbering
}

impl Numbering {
    pub(super) fn parents<'c>(&'c self, ctx: &CheckContext) -> &'c [Option<usize>] {
        self.parents.get_or_init(|| parents(outline::headings(ctx)))
    }

    pub(super) fn groups<'c>(&'c self, ctx: &CheckContext) -> &'c [Vec<usize>] {
        self.groups
            .get_or_init(|| sibling_groups(outline::headings(ctx), self.parents(ctx)))
    }

    pub(super) fn sections<'c>(&'c self, ctx: &CheckContext) -> &'c [Sequence] {
        self.sections.get_or_init(|| {
            let headings = outline::headings(ctx);
            let mut out = Vec::new();
            for group in self.groups(ctx) {
                let Some(first) = group.first().and_then(|&i| headings.get(i)) else {
                    continue;
                };
                let mut items: Vec<Item> = Vec::with_capacity(group.len());
                let mut labels = Vec::with_capacity(group.len());
                for &i in group {
                    let Some(heading) = headings.get(i) else {
                        continue;
                    };
                    if let Some(value) = heading_value(heading) {
                        items.push(Item {
                            value,
                            span: heading.label_span,
                        });
                        labels.push(LabelAt::Heading(i));
                    }
                }
                let defects = analyse(&items, 0);
                if !defects.is_empty() {
                    out.push(Sequence {
                        items,
                        labels,
                        labeller: Labeller::for_style(first.style, &first.label),
                        defects,
                    });
                }
            }
            out
        })
    }

    pub(super) fn rows<'c>(&'c self, ctx: &CheckContext) -> &'c [Sequence] {
        self.rows.get_or_init(|| {
            let mut out = Vec::new();
            for (t, table) in outline::tables(ctx).iter().enumerate() {
                super::rows::sequences(t, table, &mut out);
            }
            out
        })
    }
}
