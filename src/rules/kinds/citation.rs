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
mod cited;
mod data;
mod symbol;

use crate::document::model::{Document, Spanned};
use crate::rules::engine::{Check, CheckContext, Emitter};
use crate::rules::kinds::check_name;
use crate::rules::lazy_regex::Compile;
use crate::rules::loader::RuleSpec;
pub use cited::Cited;
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

pub fn compile(spec: &RuleSpec, when: Compile) -> Result<Box<dyn Check>, String> {
    let name = check_name(spec, &CHECKS)?;
    match name {
        "symbol-shape" => spec.only_params(&["check", "data", "fix"])?,
        _ => spec.only_params(&["check", "data"])?,
    }
    let check = CHECKS.iter().find(|c| **c == name).copied().unwrap_or("");
    let data = data::read(check, spec.data.as_ref(), when)?;
    Ok(Box::new(CitationCheck { check, data }))
}

impl Check for CitationCheck {
    fn check(&self, ctx: &CheckContext, out: &mut Emitter) {
        // Not for `after-plan`, which reads only the dates.
        let citations = || cited::cited(ctx);
        match (self.check, &self.data) {
            ("date-conflict", _) => checks::date_conflicts(ctx.text, citations(), out),
            ("symbol-shape", Data::Shape(shape)) => checks::symbol_shape(citations(), shape, out),
            ("symbol-issuer", Data::Issuers(classes)) => {
                checks::symbol_issuer(citations(), classes, out)
            }
            ("type-code", Data::TypeCodes(codes)) => checks::type_code(citations(), codes, out),
            ("after-plan", _) => {
                if let Some(plan) = plan_date(ctx.doc) {
                    checks::after_plan(&ctx.doc.citations, &plan, out);
                }
            }
            ("registry-date", Data::Registry(known)) => {
                checks::registry_date(citations(), known, out)
            }
            ("registry-issuer", Data::Registry(known)) => {
                checks::registry_issuer(citations(), known, out)
            }
            _ => {}
        }
    }
}

/// The plan's own date: the date line, else the `(Kèm theo … ngày …)`
/// caption of an appendix. A draft may leave the day (`ngày   tháng 6 năm
/// 2026`) or the day and month blank; the date is then known to the month or
/// the year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDate {
    pub year: u16,
    pub month: Option<u8>,
    /// Only with a month.
    pub day: Option<u8>,
}

impl PlanDate {
    /// Whether a document of this date cannot exist when the plan is signed.
    pub fn is_before(&self, day: u8, month: u8, year: u16) -> bool {
        match (self.month, self.day) {
            (Some(m), Some(d)) => (year, month, day) > (self.year, m, d),
            (Some(m), None) => (year, month) > (self.year, m),
            _ => year > self.year,
        }
    }

    pub fn display(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => data::format_date(d, m, self.year),
            (Some(m), None) if m < 3 => format!("{m:02}/{}", self.year),
            (Some(m), None) => format!("{m}/{}", self.year),
            _ => self.year.to_string(),
        }
    }

    /// How precisely the date is known: 3 (day), 2 (month), 1 (year).
    fn precision(&self) -> u8 {
        1 + u8::from(self.month.is_some()) + u8::from(self.day.is_some())
    }
}

fn read_date(
    day: Option<&Spanned<String>>,
    month: Option<&Spanned<String>>,
    year: Option<&Spanned<String>>,
) -> Option<PlanDate> {
    let number = |s: Option<&Spanned<String>>| -> Option<u32> {
        s.and_then(|s| s.value.trim().parse().ok())
    };
    let year = u16::try_from(number(year)?)
        .ok()
        .filter(|y| (1900..=2200).contains(y))?;
    let month = number(month)
        .and_then(|m| u8::try_from(m).ok())
        .filter(|m| (1..=12).contains(m));
    let day = number(day)
        .and_then(|d| u8::try_from(d).ok())
        .filter(|d| (1..=31).contains(d) && month.is_some());
    Some(PlanDate { year, month, day })
}

/// The most precise of the date line and the appendix captions.
pub fn plan_date(doc: &Document) -> Option<PlanDate> {
    let header = doc
        .header
        .place_date
        .as_ref()
        .and_then(|pd| read_date(pd.day.as_ref(), pd.month.as_ref(), pd.year.as_ref()));
    let captions = doc
        .appendices
        .iter()
        .filter_map(|a| a.attached_to.as_ref())
        .filter_map(|a| read_date(a.day.as_ref(), a.month.as_ref(), a.year.as_ref()));
    header.into_iter().chain(captions).reduce(|best, d| {
        if d.precision() > best.precision() {
            d
        } else {
            best
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_date_is_known_to_the_month_or_the_year() {
        let june = PlanDate {
            year: 2026,
            month: Some(6),
            day: None,
        };
        assert!(!june.is_before(30, 6, 2026));
        assert!(june.is_before(1, 7, 2026));
        assert_eq!(june.display(), "6/2026");
        let year = PlanDate {
            year: 2026,
            month: None,
            day: None,
        };
        assert!(!year.is_before(31, 12, 2026));
        assert!(year.is_before(1, 1, 2027));
        let day = PlanDate {
            year: 2025,
            month: Some(12),
            day: Some(31),
        };
        assert!(!day.is_before(31, 12, 2025));
        assert!(day.is_before(23, 1, 2026));
        assert_eq!(day.display(), "31/12/2025");
    }
}
