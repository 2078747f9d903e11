//! Table values (`≥ 90%`, `77,15%`, `100% (2025-2027)`, `60 - 70%`, prose, empty)
//! read with the grammar's `value` rule ([`super::value_rule`]).

use std::ops::Range;

use super::value_rule::{value, Body};
use crate::document::markup::{fold_case, strip_markup};
use crate::document::model::{Comparator, Span, Value, ValueKind};
use crate::document::numbers::parse_vn_number;

/// Values longer than this are prose without asking the grammar.
const MAX_VALUE_BYTES: usize = 200;

/// Read a cell's cleaned text as a value. `span` is where it was read from.
pub fn parse_value(text: &str, span: Span) -> Value {
    let text = strip_markup(text);
    let text = if single_spaced(&text) {
        text
    } else {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let (kind, period) = if text.is_empty() {
        (ValueKind::Empty, None)
    } else if text.len() > MAX_VALUE_BYTES {
        (ValueKind::Prose, None)
    } else {
        read(&text).unwrap_or((ValueKind::Prose, None))
    };
    Value {
        span,
        text,
        kind,
        period,
    }
}

/// Whether joining `text`'s words with one space gives `text` back: no
/// white space at either end, and each run of it one plain space.
fn single_spaced(text: &str) -> bool {
    let mut after_space = true;
    for c in text.chars() {
        if c.is_whitespace() {
            if after_space || c != ' ' {
                return false;
            }
            after_space = true;
        } else {
            after_space = false;
        }
    }
    !after_space || text.is_empty()
}

fn read(text: &str) -> Option<(ValueKind, Option<(u16, u16)>)> {
    // Every `num` of the grammar starts with an ASCII digit: prose without
    // one fails before the rule.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    // ASCII without capitals (`100%`, `≥ 90%` aside) folds to itself.
    let folded: std::borrow::Cow<str> = if text
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        text.into()
    } else {
        fold_case(text).into()
    };
    let parts = value(&folded)?;
    let slice = |r: &Range<usize>| text.get(r.clone()).unwrap_or("");
    let num = |r: &Range<usize>| {
        let raw = slice(r);
        parse_vn_number(raw).or_else(|| parse_vn_number(raw.trim_end_matches(['.', ','])))
    };
    let unit = |u: &Option<Range<usize>>| u.as_ref().map(|u| slice(u).to_owned());
    let kind = match &parts.body {
        Body::Number {
            comparator,
            num: n,
            unit: u,
        } => ValueKind::Number {
            comparator: comparator.as_ref().map_or(Comparator::Eq, |c| {
                comparator_of(folded.get(c.clone()).unwrap_or(""))
            }),
            value: num(n)?,
            unit: unit(u),
        },
        Body::Range { low, high, unit: u } => ValueKind::Range {
            low: num(low)?,
            high: num(high)?,
            unit: unit(u),
        },
    };
    let year = |r: &Range<usize>| slice(r).parse::<u16>().ok();
    let period = parts
        .period
        .as_ref()
        .and_then(|(from, to)| year(from).zip(year(to)));
    Some((kind, period))
}

/// Comparator of a (folded) comparator word or sign.
fn comparator_of(folded: &str) -> Comparator {
    match folded {
        "≥" | ">=" | "=>" | "≧" | "tối thiểu" | "ít nhất" | "không dưới" | "không thấp hơn" => {
            Comparator::Ge
        }
        "≤" | "<=" | "=<" | "≦" | "tối đa" | "không quá" | "không vượt quá" => {
            Comparator::Le
        }
        ">" | "trên" => Comparator::Gt,
        "<" | "dưới" => Comparator::Lt,
        _ => Comparator::Eq,
    }
}

/// The grammar's `value` rule read with pest: the reference for [`read`].
#[cfg(test)]
mod by_grammar {
    use pest::iterators::Pair;
    use pest::Parser;

    use super::comparator_of;
    use crate::document::markup::fold_case;
    use crate::document::model::{Comparator, ValueKind};
    use crate::document::numbers::parse_vn_number;
    use crate::document::parser::grammar::{PlanParser, Rule};

    fn read_by_grammar(text: &str) -> Option<(ValueKind, Option<(u16, u16)>)> {
        // Every `num` of the grammar starts with an ASCII digit: prose without
        // one fails before pest.
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        let folded = fold_case(text);
        let value = PlanParser::parse(Rule::value, &folded).ok()?.next()?;
        let mut kind = None;
        let mut period = None;
        for part in value.into_inner() {
            match part.as_rule() {
                Rule::number_value => kind = Some(number(text, part)?),
                Rule::range => kind = Some(range(text, part)?),
                Rule::period => {
                    let year = |rule| {
                        part.clone()
                            .into_inner()
                            .find(|p| p.as_rule() == rule)
                            .and_then(|p| p.as_str().parse::<u16>().ok())
                    };
                    period = year(Rule::period_from).zip(year(Rule::period_to));
                }
                _ => {}
            }
        }
        Some((kind?, period))
    }

    fn original<'a>(text: &'a str, pair: &Pair<Rule>) -> &'a str {
        let span = pair.as_span();
        text.get(span.start()..span.end()).unwrap_or("")
    }

    fn num(text: &str, pair: &Pair<Rule>) -> Option<f64> {
        let raw = original(text, pair);
        parse_vn_number(raw).or_else(|| parse_vn_number(raw.trim_end_matches(['.', ','])))
    }

    fn number(text: &str, pair: Pair<Rule>) -> Option<ValueKind> {
        let mut comparator = Comparator::Eq;
        let mut value = None;
        let mut unit = None;
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::comparator => comparator = comparator_of(part.as_str()),
                Rule::num => value = num(text, &part),
                Rule::unit => unit = Some(original(text, &part).to_owned()),
                _ => {}
            }
        }
        Some(ValueKind::Number {
            comparator,
            value: value?,
            unit,
        })
    }

    fn range(text: &str, pair: Pair<Rule>) -> Option<ValueKind> {
        let mut numbers = Vec::new();
        let mut unit = None;
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::num => numbers.push(num(text, &part)?),
                Rule::unit => unit = Some(original(text, &part).to_owned()),
                _ => {}
            }
        }
        match numbers[..] {
            [low, high] => Some(ValueKind::Range { low, high, unit }),
            _ => None,
        }
    }

    #[test]
    fn same_values_as_the_grammar() {
        let docs = crate::document::parser::tests::example_and_fixture_texts();
        let mut texts: Vec<String> = Vec::new();
        for doc in &docs {
            for line in doc.lines() {
                texts.push(line.to_owned());
                texts.extend(line.split(['\t', '|']).map(str::to_owned));
            }
        }
        let heads = [
            "",
            " ",
            "≥",
            "≥ ",
            ">=",
            "=",
            "Tối thiểu ",
            "không quá",
            "KHÔNG VƯỢT QUÁ ",
            "từ ",
            "Đạt",
        ];
        let nums = ["1", "90", "77,15", "1.665.600.000", "95.", "0", "2025", "x"];
        let units = [
            "",
            "%",
            " %",
            " đồng",
            " triệu đồng/năm",
            " a b c d",
            "/",
            " ạ\u{301}",
            "\u{a0}%",
        ];
        let middles = ["", " - ", "–", " — ", " ÷ ", " đến ", "-", " x "];
        let tails = [
            "",
            ".",
            " ;",
            ",",
            " (2025-2027)",
            "(giai đoạn 2025 – 2027).",
            "( 2025 -2027 )",
            " (20255-2027)",
            " (2025-2027",
            " khác",
            "\t",
        ];
        for head in heads {
            for num in nums {
                for unit in units {
                    for tail in tails {
                        texts.push(format!("{head}{num}{unit}{tail}"));
                    }
                    for middle in middles {
                        for high in ["70", "7,5", "x"] {
                            texts.push(format!("{head}{num}{unit}{middle}{high}{unit}"));
                            texts.push(format!("{num}{unit}{middle}{high}%{}", tails[4]));
                        }
                    }
                }
            }
        }
        for text in &texts {
            assert_eq!(super::read(text), read_by_grammar(text), "{text:?}");
        }
        assert!(texts.len() > 10_000);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> ValueKind {
        parse_value(text, Span::default()).kind
    }

    #[test]
    fn numbers_with_comparators() {
        assert_eq!(
            kind("$\\leq 95\\%$"),
            ValueKind::Number {
                comparator: Comparator::Le,
                value: 95.0,
                unit: Some("%".into())
            }
        );
        assert_eq!(
            kind("77,15%"),
            ValueKind::Number {
                comparator: Comparator::Eq,
                value: 77.15,
                unit: Some("%".into())
            }
        );
        assert_eq!(
            kind("≥80%"),
            ValueKind::Number {
                comparator: Comparator::Ge,
                value: 80.0,
                unit: Some("%".into())
            }
        );
        assert_eq!(
            kind("Tối thiểu 90%"),
            ValueKind::Number {
                comparator: Comparator::Ge,
                value: 90.0,
                unit: Some("%".into())
            }
        );
        assert_eq!(
            kind("1.665.600.000 đồng"),
            ValueKind::Number {
                comparator: Comparator::Eq,
                value: 1_665_600_000.0,
                unit: Some("đồng".into())
            }
        );
        assert_eq!(
            kind("95%."),
            ValueKind::Number {
                comparator: Comparator::Eq,
                value: 95.0,
                unit: Some("%".into())
            }
        );
    }

    #[test]
    fn single_spaced_is_what_joining_the_words_keeps() {
        for text in [
            "", " ", "a", "a b", "a  b", " a", "a ", "a\tb", "a\u{a0}b", "≥ 90 %", "x\n", "ạ ố",
        ] {
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(single_spaced(text), joined == text, "{text:?}");
        }
    }

    #[test]
    fn periods_ranges_prose_and_empty() {
        let v = parse_value("$\\geq 20\\%$ (2025-2027)", Span::default());
        assert_eq!(v.text, "≥ 20% (2025-2027)");
        assert_eq!(v.period, Some((2025, 2027)));
        assert!(matches!(
            v.kind,
            ValueKind::Number {
                comparator: Comparator::Ge,
                ..
            }
        ));
        assert_eq!(
            kind("60 - 70%"),
            ValueKind::Range {
                low: 60.0,
                high: 70.0,
                unit: Some("%".into())
            }
        );
        assert_eq!(kind("100% nộp thuế điện tử, ký số..."), ValueKind::Prose);
        assert_eq!(
            kind("Đảm bảo kinh phí theo đúng quy định"),
            ValueKind::Prose
        );
        assert_eq!(kind("  "), ValueKind::Empty);
    }
}
