use pest::Parser;

use super::super::grammar::{PlanParser, Rule};
use super::*;

/// What the grammar's `citation` rule gives, in the same shape.
fn by_grammar(window: &str) -> Option<CitationParts> {
    let pair = PlanParser::parse(Rule::citation, window).ok()?.next()?;
    let range = |p: &pest::iterators::Pair<Rule>| p.as_span().start()..p.as_span().end();
    let mut parts = CitationParts {
        cite_type: 0..0,
        symbol: 0..0,
        date: None,
        issuer_at: None,
    };
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::cite_type => parts.cite_type = range(&part),
            Rule::symbol => parts.symbol = range(&part),
            Rule::cite_date => {
                let inner = |rule| {
                    part.clone()
                        .into_inner()
                        .find(|p| p.as_rule() == rule)
                        .map(|p| range(&p))
                };
                parts.date = Some(DateParts {
                    whole: range(&part),
                    day: inner(Rule::cdate_day)?,
                    month: inner(Rule::cdate_month)?,
                    year: inner(Rule::cdate_year)?,
                });
            }
            Rule::issuer_of => parts.issuer_at = Some(range(&part).end),
            _ => {}
        }
    }
    Some(parts)
}

#[test]
fn same_parts_as_the_grammar() {
    let mut lines = crate::document::parser::tests::example_and_fixture_folded_lines();
    let types = [
        "kế hoạch",
        "chương trình",
        "quyết định",
        "thông tư",
        "luật",
        "văn bản",
    ];
    let middles = [
        "",
        " ",
        "số ",
        "số",
        "  số\u{a0} ",
        " hành động ",
        " liên tịch ",
        ":",
    ];
    let symbols = [
        "749/qđ-ttg",
        "57-nq/tw",
        "57- nq/tw",
        "30/2020/nđ-cp",
        "5511/bkhcn-cđsqg",
        "1234567/qđ",
        "12/2020",
        "12/2020-",
        "1/a/b/c/d/e",
        "1/a&b-c",
        "1/ ",
        "01/",
        "3/ubnd-",
        "12/20201/x",
    ];
    let tails = [
        "",
        " ngày 03/6/2020 của thủ tướng",
        ", ngày 22 tháng 12 năm 2024, của ban",
        " ngày 3/6/20",
        " ngày 123/6/2020",
        " ngày 3  tháng\t6 năm 2020",
        " ngày 3 tháng 6 năm",
        " ngày ",
        " của",
        " của ",
        ",, của x",
        " , ngày 1/1/2021 , của\u{a0}ubnd",
    ];
    for t in types {
        for m in middles {
            for s in symbols {
                for tail in tails {
                    lines.push(format!("{t}{m}{s}{tail}"));
                }
            }
        }
    }
    let mut compared = 0;
    for line in &lines {
        for (at, _) in line.char_indices() {
            let window = &line[at..];
            if !OTHER_TYPES
                .iter()
                .chain(&["kế hoạch", "chương trình"])
                .any(|t| window.starts_with(t))
            {
                continue;
            }
            assert_eq!(citation(window), by_grammar(window), "{window:?}");
            compared += 1;
        }
    }
    assert!(compared > 1000, "{compared}");
}

/// Reading a window unfolded, folding each character as it is compared,
/// gives what reading its folded text gives: for the windows above, in
/// upper case, capitalised and mixed.
#[test]
fn unfolded_reads_as_folded() {
    use crate::document::markup::fold_case;
    let mut windows: Vec<String> =
        crate::document::parser::tests::example_and_fixture_folded_lines();
    for t in [
        "Kế hoạch",
        "CHƯƠNG TRÌNH",
        "Quyết Định",
        "THÔNG TƯ liên tịch",
        "Luật",
    ] {
        for m in ["", " SỐ ", " Số\u{a0}", " số ", " HÀNH ĐỘNG "] {
            for s in ["749/QĐ-TTg", "57- NQ/TW", "30/2020/NĐ-CP", "1/Ǆ-ǅ", "12/ĐU"] {
                for tail in [
                    " NGÀY 03/6/2020 CỦA THỦ TƯỚNG",
                    ", Ngày 22 Tháng 12 Năm 2024, Của Ban",
                    " ngày 3  THÁNG\t6 NĂM 2020",
                    " CủA",
                    "",
                ] {
                    windows.push(format!("{t}{m}{s}{tail}"));
                }
            }
        }
    }
    let mut compared = 0;
    for line in &windows {
        for text in [line.clone(), line.to_uppercase()] {
            let folded = fold_case(&text);
            for (at, _) in text.char_indices() {
                let got = citation_unfolded(&text[at..]);
                assert_eq!(got, citation(&folded[at..]), "{:?}", &text[at..]);
                compared += usize::from(got.is_some());
            }
        }
    }
    assert!(compared > 500, "{compared}");
}
