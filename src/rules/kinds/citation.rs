//! `citation` rules: the documents a plan cites (`doc.citations`).
//!
//! - `date-conflict`: one symbol cited with different dates in one plan;
//! - `symbol-shape`: a Party symbol written the state way or the reverse
//!   (`71-NQ/CP` for `71/NQ-CP`);
//! - `symbol-issuer`: the issuer named disagrees with the symbol
//!   (`71-NQ/TW … của Chính phủ`);
//! - `type-code`: the type word disagrees with the code (`Kế hoạch số 586/QĐ-UBND`);
//! - `after-plan`: a cited document dated after the plan itself;
//! - `registry-date`, `registry-issuer`: known national documents (rule
//!   `data:`) cited with another date or issuer.

mod checks;
mod data;
mod symbol;

use crate::document::model::Document;
use crate::rules::engine::{Check, CheckContext, Emitter};
use crate::rules::kinds::check_name;
use crate::rules::loader::RuleSpec;
use data::Data;

const CHECKS: [&str; 7] = [
    "date-conflict",
    "symbol-shape",
    "symbol-issuer",
    "type-code",
    "after-plan",
    "registry-date",
    "registry-issuer",
];

#[derive(Debug)]
struct CitationCheck {
    check: &'static str,
    data: Data,
}

pub fn compile(spec: &RuleSpec) -> Result<Box<dyn Check>, String> {
    let name = check_name(spec, &CHECKS)?;
    match name {
        "symbol-shape" => spec.only_params(&["check", "data", "fix"])?,
        _ => spec.only_params(&["check", "data"])?,
    }
    let check = CHECKS.iter().find(|c| **c == name).copied().unwrap_or("");
    let data = data::read(check, spec.data.as_ref())?;
    Ok(Box::new(CitationCheck { check, data }))
}

impl Check for CitationCheck {
    fn check(&self, ctx: &CheckContext, out: &mut Emitter) {
        let citations = &ctx.doc.citations;
        match (self.check, &self.data) {
            ("date-conflict", _) => checks::date_conflicts(ctx.text, citations, out),
            ("symbol-shape", Data::Shape(shape)) => checks::symbol_shape(citations, shape, out),
            ("symbol-issuer", Data::Issuers(classes)) => {
                checks::symbol_issuer(citations, classes, out)
            }
            ("type-code", Data::TypeCodes(codes)) => checks::type_code(citations, codes, out),
            ("after-plan", _) => {
                if let Some(plan) = plan_date(ctx.doc) {
                    checks::after_plan(citations, &plan, out);
                }
            }
            ("registry-date", Data::Registry(known)) => {
                checks::registry_date(citations, known, out)
            }
            ("registry-issuer", Data::Registry(known)) => {
                checks::registry_issuer(citations, known, out)
            }
            _ => {}
        }
    }
}

/// The plan's own date: the date line, else the `(Kèm theo … ngày …)`
/// caption of an appendix; a year alone when the day and month are blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDate {
    pub year: u16,
    /// `None` in a draft (`ngày   tháng   năm 2026`).
    pub day_month: Option<(u8, u8)>,
}

impl PlanDate {
    /// Whether a document of this date cannot exist when the plan is signed.
    pub fn is_before(&self, day: u8, month: u8, year: u16) -> bool {
        match self.day_month {
            Some((d, m)) => (year, month, day) > (self.year, m, d),
            None => year > self.year,
        }
    }

    pub fn display(&self) -> String {
        match self.day_month {
            Some((d, m)) => data::format_date(d, m, self.year),
            None => self.year.to_string(),
        }
    }
}

pub fn plan_date(doc: &Document) -> Option<PlanDate> {
    let num = |s: Option<&crate::document::model::Spanned<String>>| -> Option<u32> {
        s.and_then(|s| s.value.trim().parse().ok())
    };
    let full = |d: Option<u32>, m: Option<u32>, y: Option<u32>| -> Option<PlanDate> {
        let (d, m, y) = (
            u8::try_from(d?).ok()?,
            u8::try_from(m?).ok()?,
            u16::try_from(y?).ok()?,
        );
        let valid = (1..=31).contains(&d) && (1..=12).contains(&m) && (1900..=2200).contains(&y);
        valid.then_some(PlanDate {
            year: y,
            day_month: Some((d, m)),
        })
    };
    let header = doc.header.place_date.as_ref();
    if let Some(pd) = header {
        if let Some(date) = full(
            num(pd.day.as_ref()),
            num(pd.month.as_ref()),
            num(pd.year.as_ref()),
        ) {
            return Some(date);
        }
    }
    let from_appendix = doc
        .appendices
        .iter()
        .filter_map(|a| a.attached_to.as_ref())
        .find_map(|a| {
            full(
                num(a.day.as_ref()),
                num(a.month.as_ref()),
                num(a.year.as_ref()),
            )
        });
    if from_appendix.is_some() {
        return from_appendix;
    }
    let year = header.and_then(|pd| num(pd.year.as_ref()))?;
    Some(PlanDate {
        year: u16::try_from(year)
            .ok()
            .filter(|y| (1900..=2200).contains(y))?,
        day_month: None,
    })
}
