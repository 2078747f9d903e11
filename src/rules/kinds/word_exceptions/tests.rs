use super::*;

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// The exceptions of the built-in `lexicon` and `repetition` rules and some
/// more.
fn lists() -> Vec<Vec<String>> {
    [
        &[
            "tiến độ",
            "chi tiêu",
            "chuyển đối tượng",
            "đối tượng",
            "sơ cứu",
            "sơ bộ",
            "sổ sách",
            "sổ hộ",
            "sổ sức khỏe",
            "hồ sơ",
            "văn bản",
            "Đảng bộ",
            "chuyên đổi",
        ][..],
        &[
            "hành vi vi phạm",
            "quản lý lý lịch",
            "ngày ngày",
            "quyết định định hướng",
            "chương trình trình bày",
            "cá nhân nhân dân",
        ],
        &["a b", "b c", "c"],
    ]
    .iter()
    .map(|l| strings(l))
    .collect()
}

#[test]
fn the_lists_are_found_on_the_word_view() {
    for list in lists() {
        let exceptions = WordExceptions::with_compile(&list, Compile::Now).unwrap();
        assert!(exceptions.words.is_some(), "{list:?}");
    }
    let regex = strings(&["re:x+", "sơ bộ"]);
    let exceptions = WordExceptions::with_compile(&regex, Compile::Now).unwrap();
    assert!(exceptions.words.is_none());
}

/// Asked about every run of up to three words of every segment, the word
/// view says what the spans of all exceptions say, in many texts made of
/// the exceptions' words, other words and the chars where the two could
/// part.
#[test]
fn covers_what_the_exception_spans_cover() {
    let pieces = [
        "tiến", "độ", "Độ", "chi", "tiêu", "chuyển", "đối", "tượng", "ĐỐI", "sơ", "bộ", "cứu",
        "sổ", "Sổ", "ſổ", "sách", "hộ", "sức", "khỏe", "hồ", "văn", "bản", "Đảng", "chuyên", "đổi",
        "hành", "vi", "phạm", "quản", "lý", "lịch", "ngày", "Ngày", "quyết", "định", "hướng",
        "chương", "trình", "bày", "cá", "nhân", "dân", "a", "b", "c", "B", "x", "1", "\u{B54}",
        "hồ sơ", "sơ bộ", "a b c",
    ];
    let gaps = [
        " ", " ", " ", " ", "  ", "\u{A0}", "\n", " \n ", "\r\n", "\n\n", "\t", ", ", ".", "-",
        "\u{2003}", "\r", "", "\u{B54}",
    ];
    let mut next = crate::sample_texts::numbers_below(11);
    let lists = lists();
    let all: Vec<WordExceptions> = lists
        .iter()
        .map(|l| WordExceptions::with_compile(l, Compile::Now).unwrap())
        .collect();
    let mut covered = 0;
    for _ in 0..6000 {
        let mut text = String::new();
        for _ in 0..(1 + next(14)) {
            text.push_str(pieces[next(pieces.len())]);
            text.push_str(gaps[next(gaps.len())]);
        }
        let views = TextViews::new(&text);
        for exceptions in &all {
            let spans = exceptions.all.spans(&views);
            let mut in_text = exceptions.in_text(&views);
            let mut before = 0;
            for segment in views.words().segments() {
                for from in 0..segment.len() {
                    for to in from..segment.len().min(from + 3) {
                        let span = Span::new(segment[from].span.start, segment[to].span.end);
                        let expected = spans.cover(span);
                        covered += usize::from(expected);
                        assert_eq!(
                            in_text.cover(segment, before, from, to),
                            expected,
                            "{text:?} {from}..={to} of {segment:?}"
                        );
                    }
                }
                before = segment.len();
            }
        }
    }
    assert!(covered > 5000, "{covered}");
}

/// A segment cut for its length, and the one after it, are answered from
/// the spans of the whole text: a use may cross the cut.
#[test]
fn uses_across_a_cut_count() {
    let list = strings(&["hồ sơ"]);
    let exceptions = WordExceptions::with_compile(&list, Compile::Now).unwrap();
    let mut text = "x ".repeat(MAX_SEGMENT_WORDS - 1);
    text.push_str("hồ sơ");
    let views = TextViews::new(&text);
    let segments: Vec<&[Word]> = views.words().segments().collect();
    assert_eq!(segments.len(), 2);
    let mut in_text = exceptions.in_text(&views);
    assert!(in_text.cover(segments[1], segments[0].len(), 0, 0));
    assert!(in_text.cover(segments[0], 0, MAX_SEGMENT_WORDS - 1, MAX_SEGMENT_WORDS - 1));
}
