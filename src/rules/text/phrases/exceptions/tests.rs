use super::*;

/// The answer of [`ExceptionSpans::cover`] from every exception of the text.
fn covered(all: &[Span], span: Span) -> bool {
    let end = span.end.max(span.start + 1);
    all.iter().any(|s| s.end > span.start && s.start < end)
}

/// The lookups near each span agree with every exception found at once,
/// whatever the order of the spans asked about.
#[test]
fn lookups_near_a_span_agree_with_all_exceptions() {
    let bodies = r"(?:Bộ|Sở|Ủy ban|Uỷ ban|UBND|Phòng)";
    let sets: Vec<Vec<String>> = vec![
        vec![
            "phải pháp luật".into(),
            "phải pháp lý".into(),
            "phải pháp điển".into(),
        ],
        vec![
            format!(
                r"re:(?i)số\s+[0-9][^\s,;]*,?\s+(?:ngày\s+[0-9]{{1,2}}[/.-][0-9]{{1,2}}[/.-][0-9]{{2,4}}\s+|ngày\s+[0-9]{{1,2}}\s+tháng\s+[0-9]{{1,2}}\s+năm\s+[0-9]{{4}}\s+)?(?:của\s+)?{bodies}"
            ),
            format!(r"re:(?i){bodies}\s[^()\n]{{2,70}}\(\s*(?:nay|trước đây|cũ)"),
        ],
        vec![
            "Bình dân học vụ số".into(),
            r"re:(?i)Bình dân học vụ\s+(?:năm\s+|từ\s+năm\s+)?19[0-9]{2}".into(),
        ],
        vec![
            "văn bản".into(),
            "hồ sơ".into(),
            "sơ bộ".into(),
            "Đảng bộ".into(),
            "bộ".into(),
            "ss".into(),
            "k".into(),
            "i".into(),
        ],
        // Matches that may be empty or cross anything: searched at once.
        vec!["re:x*".into(), r"re:(?s)a.*?b".into(), r"re:\w+".into()],
        vec![
            r"re:(?-u:[a-c])+".into(),
            r"re:\bbộ\b".into(),
            r"re:(?m)^bộ".into(),
        ],
    ];
    let pieces = [
        "số",
        "Số",
        "12/QĐ-UBND",
        "ngày",
        "1/2/2020",
        "tháng",
        "năm",
        "2020",
        "của",
        "Bộ",
        "bộ",
        "Sở",
        "UBND",
        "Thông tin",
        "(nay",
        "(",
        ")",
        "trước đây",
        "cũ",
        ";",
        ",",
        ".",
        "văn",
        "bản",
        "hồ",
        "sơ",
        "Đảng",
        "ĐẢNG",
        "phải",
        "pháp",
        "luật",
        "lý",
        "Bình dân học vụ",
        "1945",
        "x",
        "a",
        "b",
        "İ",
        "K",
        "ſ",
        "ß",
        "SS",
        "\n",
        "\n\n",
        "\r\n",
        "\u{a0}",
        "\t",
        " ",
        "  ",
    ];
    let mut next = crate::sample_texts::numbers_below(7);
    for entries in &sets {
        let exceptions = Exceptions::new(entries).unwrap();
        for round in 0..300 {
            let mut text = String::new();
            for _ in 0..(round % 80 + 1) {
                text.push_str(pieces[next(pieces.len())]);
                if next(3) != 0 {
                    text.push(' ');
                }
            }
            let views = TextViews::new(&text);
            let all = exceptions.all_spans(&views);
            let spans = exceptions.spans(&views);
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            let mut asked: Vec<Span> = (0..12)
                .map(|_| {
                    let a = bounds[next(bounds.len())];
                    let b = bounds[next(bounds.len())];
                    Span::new(a.min(b), a.max(b))
                })
                .collect();
            if round % 2 == 0 {
                asked.sort_by_key(|s| s.start);
            }
            for span in asked {
                assert_eq!(
                    spans.cover(span),
                    covered(&all, span),
                    "{entries:?} {text:?} {span:?} {all:?}"
                );
            }
        }
    }
}
