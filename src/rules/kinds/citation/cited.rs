//! The citations as the checks read them, worked out once per plan: every
//! citation rule reads the symbol's parts and the issuer's folded name, and
//! parsing them once instead of once per rule saves most of their cost.

use super::data::fold_name;
use super::symbol::Symbol;
use crate::document::model::Citation;
use crate::rules::engine::CheckContext;

#[derive(Debug)]
pub struct Cited<'d> {
    pub citation: &'d Citation,
    pub symbol: Symbol,
    /// The issuer through [`fold_name`].
    pub issuer: Option<String>,
}

impl<'d> Cited<'d> {
    pub fn new(citation: &'d Citation) -> Self {
        Cited {
            citation,
            symbol: Symbol::parse(&citation.symbol.value),
            issuer: citation.issuer.as_ref().map(|i| fold_name(&i.value)),
        }
    }
}

/// The plan's citations in document order, shared by the citation rules.
pub fn cited<'c, 'a>(ctx: &'c CheckContext<'a>) -> &'c [Cited<'a>] {
    ctx.citations
        .get_or_init(|| ctx.doc.citations.iter().map(Cited::new).collect())
}
