//! `template` rules: a plan's indicator rows checked against the template it
//! follows (`rules/templates/*.yaml`, chosen by `TemplateSet::recognise` or
//! `--template`). `check:` selects one check; without a template they are
//! silent. Value checks look only at rows firmly matched to an indicator,
//! read from a table (a doubtful match or a prose line says too little).

use crate::diagnostic::Applicability;
use crate::document::model::{Comparator, Span, Value, ValueKind};
use crate::rules::engine::{Check, CheckContext, Emitter};
use crate::rules::kinds::check_name;
use crate::rules::loader::RuleSpec;
use crate::templates::rows::Candidate;
use crate::templates::{match_plan, Direction, Indicator, PlanMatch};

const CHECKS: &[&str] = &[
    "mandatory-missing",
    "doubtful-match",
    "duplicate",
    "comparator-direction",
    "target-below-baseline",
    "target-equals-baseline",
    "target-below-minimum",
    "target-over-100",
    "target-missing",
    "baseline-missing",
    "prose-value",
    "period-single-year",
];

pub fn compile(spec: &RuleSpec) -> Result<Box<dyn Check>, String> {
    spec.only_params(&["check", "fix"])?;
    let name = check_name(spec, CHECKS)?;
    Ok(Box::new(TemplateCheck {
        check: name.to_owned(),
    }))
}

#[derive(Debug)]
struct TemplateCheck {
    check: String,
}

impl Check for TemplateCheck {
    fn check(&self, ctx: &CheckContext, out: &mut Emitter) {
        let Some(template) = ctx.template else {
            return;
        };
        let plan = match_plan(template, ctx);
        match self.check.as_str() {
            "mandatory-missing" => mandatory_missing(&plan, out),
            "doubtful-match" => doubtful(&plan, out),
            "duplicate" => duplicate(&plan, ctx.text, out),
            other => {
                for (row, indicator, _) in plan.matched() {
                    if !row.from_prose {
                        check_values(other, ctx.text, row, indicator, out);
                    }
                }
            }
        }
    }
}

fn mandatory_missing(plan: &PlanMatch, out: &mut Emitter) {
    for indicator in plan.missing() {
        out.emit(
            plan.rows.anchor,
            &[
                ("indicator", &indicator.name),
                ("id", &indicator.id),
                ("template", &plan.template.id),
            ],
        );
    }
}

fn doubtful(plan: &PlanMatch, out: &mut Emitter) {
    for (row, indicator, pair) in plan.pairs().filter(|(_, _, p)| p.doubtful) {
        let or = match out.lang() {
            crate::rules::Lang::Vi => "hoặc",
            crate::rules::Lang::En => "or",
        };
        let other = pair
            .runner_up
            .and_then(|(i, _)| plan.template.indicators.get(i))
            .map(|i| format!(" {or} «{}»", i.name))
            .unwrap_or_default();
        out.emit(
            row.name_span,
            &[
                ("indicator", &indicator.name),
                ("other", &other),
                ("id", &indicator.id),
                ("score", &format!("{:.2}", pair.score)),
            ],
        );
    }
}

/// The other place is named by its row and line, not by a second label: a
/// distant label would make the snippet start far from the finding.
fn duplicate(plan: &PlanMatch, text: &str, out: &mut Emitter) {
    for (row, first, indicator, _) in plan.duplicates() {
        let first_label = first.number.clone().unwrap_or_else(|| short(&first.name));
        let line = text
            .get(..first.name_span.start)
            .map(|before| before.matches('\n').count() + 1)
            .unwrap_or(1)
            .to_string();
        out.emit(
            row.name_span,
            &[
                ("indicator", &indicator.name),
                ("id", &indicator.id),
                ("first", &first_label),
                ("line", &line),
            ],
        );
    }
}

fn short(text: &str) -> String {
    let mut words: Vec<&str> = text.split_whitespace().take(8).collect();
    if text.split_whitespace().count() > 8 {
        words.push("…");
    }
    words.join(" ")
}

/// A value's number when it is one (the low end of a range).
fn number(value: &Value) -> Option<(f64, Comparator, Option<&str>)> {
    match &value.kind {
        ValueKind::Number {
            comparator,
            value,
            unit,
        } => Some((*value, *comparator, unit.as_deref())),
        ValueKind::Range { low, unit, .. } => Some((*low, Comparator::Ge, unit.as_deref())),
        _ => None,
    }
}

fn is_blank(value: Option<&Value>) -> bool {
    value.is_none_or(|v| v.kind == ValueKind::Empty)
}

/// `95` → `95`, `77.15` → `77,15`, with the indicator's unit.
fn show(value: f64, unit: Option<&str>) -> String {
    let mut text = format!("{value:.2}");
    while text.ends_with('0') {
        text.pop();
    }
    let text = text.trim_end_matches('.').replace('.', ",");
    format!("{text}{}", unit.unwrap_or(""))
}

fn swapped(comparator: Comparator) -> Option<(&'static str, &'static str)> {
    match comparator {
        Comparator::Le => Some(("≤", "≥")),
        Comparator::Lt => Some(("<", ">")),
        Comparator::Ge => Some(("≥", "≤")),
        Comparator::Gt => Some((">", "<")),
        Comparator::Eq => None,
    }
}

fn check_values(
    check: &str,
    text: &str,
    row: &Candidate,
    indicator: &Indicator,
    out: &mut Emitter,
) {
    let name = indicator.name.as_str();
    let target = row.target.as_ref().filter(|v| v.kind != ValueKind::Empty);
    let baseline = row.baseline.as_ref().filter(|v| v.kind != ValueKind::Empty);
    let unit = indicator.unit.as_deref();
    match check {
        "target-missing" if is_blank(row.target.as_ref()) => {
            let span = row
                .target
                .as_ref()
                .map(|v| v.span)
                .filter(|s| !s.is_empty());
            out.emit(span.unwrap_or(row.name_span), &[("indicator", name)]);
        }
        "baseline-missing" if row.has_baseline_column && is_blank(row.baseline.as_ref()) => {
            out.emit(row.name_span, &[("indicator", name)]);
        }
        "prose-value" if unit.is_some() => {
            for value in [baseline, target].into_iter().flatten() {
                if value.kind == ValueKind::Prose {
                    out.emit(value.span, &[("indicator", name), ("found", &value.text)]);
                }
            }
        }
        "period-single-year" if !indicator.multi_year && !row.multi_year_column => {
            if let Some((value, (from, to))) = target.and_then(|v| Some((v, v.period?))) {
                let period = format!("{from}-{to}");
                out.emit(
                    value.span,
                    &[
                        ("indicator", name),
                        ("found", &value.text),
                        ("period", &period),
                    ],
                );
            }
        }
        "comparator-direction" => comparator_direction(text, row, indicator, out),
        _ => compare_numbers(check, indicator, baseline, target, out),
    }
}

/// The span widened over the `$…$` of a LaTeX value (`$\leq 95\%$`), so
/// that the fix replaces the whole formula.
fn around_dollars(text: &str, span: Span) -> Span {
    let mut wide = span;
    while wide.start > 0
        && text.get(wide.start - 1..wide.start) == Some("$")
        && text.get(wide.end..wide.end + 1) == Some("$")
    {
        wide = Span::new(wide.start - 1, wide.end + 1);
    }
    wide
}

fn comparator_direction(text: &str, row: &Candidate, indicator: &Indicator, out: &mut Emitter) {
    let Some(target) = row.target.as_ref() else {
        return;
    };
    let Some((_, comparator, _)) = number(target) else {
        return;
    };
    let wrong = match indicator.direction {
        Direction::Increase => matches!(comparator, Comparator::Le | Comparator::Lt),
        Direction::Decrease => matches!(comparator, Comparator::Ge | Comparator::Gt),
        Direction::Keep => false,
    };
    let Some((from, to)) = swapped(comparator).filter(|_| wrong) else {
        return;
    };
    let expected = target.text.replacen(from, to, 1);
    let span = around_dollars(text, target.span);
    let direction = match indicator.direction {
        Direction::Decrease => "decrease",
        _ => "increase",
    };
    out.emit_with_fix(
        span,
        &expected,
        Applicability::Unsafe,
        &[
            ("indicator", &indicator.name),
            ("found", &target.text),
            ("expected", &expected),
            ("direction", direction),
        ],
    );
}

fn compare_numbers(
    check: &str,
    indicator: &Indicator,
    baseline: Option<&Value>,
    target: Option<&Value>,
    out: &mut Emitter,
) {
    let Some(target_value) = target else {
        return;
    };
    let Some((goal, _, goal_unit)) = number(target_value) else {
        return;
    };
    let unit = indicator.unit.as_deref().or(goal_unit);
    let vars = |extra: &[(&'static str, String)]| {
        let mut all = vec![
            ("indicator", indicator.name.clone()),
            ("found", target_value.text.clone()),
        ];
        all.extend(extra.iter().cloned());
        all
    };
    let emit = |out: &mut Emitter, extra: &[(&'static str, String)]| {
        let owned = vars(extra);
        let pairs: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
        out.emit(target_value.span, &pairs);
    };
    let rising = indicator.direction == Direction::Increase;
    let falling = indicator.direction == Direction::Decrease;
    match check {
        "target-over-100" if indicator.is_rate() => {
            let high = match &target_value.kind {
                ValueKind::Range { high, .. } => *high,
                _ => goal,
            };
            if high > 100.0 {
                emit(out, &[]);
            }
        }
        "target-below-minimum" => {
            let Some(minimum) = indicator.minimum else {
                return;
            };
            if (rising && goal < minimum) || (falling && goal > minimum) {
                emit(out, &[("minimum", show(minimum, unit))]);
            }
        }
        "target-below-baseline" | "target-equals-baseline" => {
            let Some((base, _, base_unit)) = baseline.and_then(number) else {
                return;
            };
            if base_unit.is_some() && goal_unit.is_some() && base_unit != goal_unit {
                return;
            }
            let baseline_text = baseline.map(|b| b.text.clone()).unwrap_or_default();
            let extra = [("baseline", baseline_text)];
            let worse = (rising && goal < base) || (falling && goal > base);
            let same = (goal - base).abs() < 1e-9;
            match check {
                "target-below-baseline" if worse => emit(out, &extra),
                "target-equals-baseline"
                    if same && rising && indicator.is_rate() && base < 100.0 =>
                {
                    emit(out, &extra)
                }
                _ => {}
            }
        }
        _ => {}
    }
}
