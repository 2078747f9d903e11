//! Every citation in the text.

use super::lines::LineInfo;
use crate::document::model::{Document, LineKind};

pub fn read_citations(_infos: &[LineInfo], _kinds: &[LineKind], _doc: &mut Document) {}
