//! `year` rules. (Not implemented yet: compiling one is an error.)

use crate::rules::engine::Check;
use crate::rules::loader::RuleSpec;

pub fn compile(spec: &RuleSpec) -> Result<Box<dyn Check>, String> {
    Err(format!(
        "rule kind `{}` is not implemented yet",
        spec.kind.as_str()
    ))
}
