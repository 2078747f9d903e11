//! `arithmetic` rules: figures in the text that must agree with each other.
//!
//! - `percent-of-total`: "5.307 hồ sơ chiếm 99,98 %" of a total of 5.415 named
//!   in the same passage is 98,01 %, not 99,98 %;
//! - `amount-in-words`: "1.665.600.000 đồng (Một tỷ …)" — the words, read as a
//!   number, must equal the digits.

mod amount;
mod figures;
mod percent;

use crate::rules::engine::{Check, CheckContext, Emitter};
use crate::rules::kinds::check_name;
use crate::rules::loader::RuleSpec;

const CHECKS: [&str; 2] = ["percent-of-total", "amount-in-words"];

#[derive(Debug)]
struct ArithmeticCheck {
    check: &'static str,
}

pub fn compile(spec: &RuleSpec) -> Result<Box<dyn Check>, String> {
    let name = check_name(spec, &CHECKS)?;
    match name {
        "amount-in-words" => spec.only_params(&["check", "fix"])?,
        _ => spec.only_params(&["check"])?,
    }
    let check = CHECKS.iter().find(|c| **c == name).copied().unwrap_or("");
    Ok(Box::new(ArithmeticCheck { check }))
}

impl Check for ArithmeticCheck {
    fn check(&self, ctx: &CheckContext, out: &mut Emitter) {
        match self.check {
            "percent-of-total" => percent::check(ctx, out),
            "amount-in-words" => amount::check(ctx, out),
            _ => {}
        }
    }
}
