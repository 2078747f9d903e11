use super::*;
use crate::rules::text::{PhraseMatcher, TextViews};

/// Every char the word view takes into a word is a word char of the word
/// boundary test too: a match of the matcher, bounded by chars that are no
/// word chars, is then bounded by chars the word view leaves out. (The
/// converse does not hold: the standard library knows newer chars.)
#[test]
fn every_char_of_a_word_is_a_word_char() {
    let mut buffer = [0u8; 4];
    for c in (0u32..=0x10FFFF).filter_map(char::from_u32) {
        let text = c.encode_utf8(&mut buffer);
        let words = Words::new(text);
        if words.segments().next().is_some() {
            assert!(is_word_char(c), "{c:?}");
        }
    }
}

/// A char whose lower case is a letter the word view can take matches that
/// letter in a case-insensitive regex: a word whose lower case is a spelling matches it.
#[test]
fn chars_with_the_lower_case_of_a_plain_letter_match_it_ignoring_case() {
    for c in (0u32..=0x10FFFF).filter_map(char::from_u32) {
        if let Some(lower) = single_lower(c).filter(|&l| l != c && odd_case_partners(l).is_some()) {
            assert!(case_orbit(lower).contains(&c), "{c:?} for {lower:?}");
        }
    }
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn takes_plain_spellings_none_the_start_of_another() {
    assert!(WordVariants::takes(&strings(&["hóa", "hoá"])));
    assert!(WordVariants::takes(&strings(&["tỷ lệ", "Tỉ  lệ"])));
    assert!(!WordVariants::takes(&strings(&["tỷ", "tỷ lệ"])));
    assert!(!WordVariants::takes(&strings(&["e-mail", "email"])));
    // `s` matches `ſ` ignoring case, but `ſ` is its own lower case.
    assert!(!WordVariants::takes(&strings(&["sở", "số"])));
    assert!(!WordVariants::takes(&strings(&["σ", "ς"])));
}

#[test]
fn phrase_space_is_what_the_phrase_regex_takes_between_words() {
    let regex = regex::Regex::new(r"\A(?:[ \x{A0}]+|[ \x{A0}]*\r?\n[ \x{A0}]*)\z").unwrap();
    let parts = [" ", "\u{A0}", "\n", "\r", "\t", "\u{2003}", "x"];
    let mut gaps = vec![String::new()];
    for _ in 0..4 {
        let longer: Vec<String> = gaps
            .iter()
            .flat_map(|g| parts.iter().map(move |p| format!("{g}{p}")))
            .collect();
        gaps.extend(longer);
        gaps.sort();
        gaps.dedup();
    }
    for gap in gaps {
        assert_eq!(phrase_space(&gap), regex.is_match(&gap), "{gap:?}");
    }
}

/// The groups of the built-in rules and some more, found on the word view
/// and by the phrase matcher, in many texts made of their spellings, other
/// words and the chars where the two could part.
#[test]
fn finds_what_the_phrase_matcher_finds() {
    let groups: Vec<Vec<String>> = [
        &["tỷ lệ", "tỉ lệ"][..],
        &["kỹ", "kĩ"],
        &["lý", "lí"],
        &["hóa", "hoá"],
        &["thủy", "thuỷ"],
        &["ủy", "uỷ"],
        &["khỏe", "khoẻ"],
        &["a b", "b c"],
        &["kế hoạch nay", "kế hoạch  mới"],
    ]
    .iter()
    .map(|g| strings(g))
    .collect();
    let mut by_words = WordVariants::default();
    let mut matchers = Vec::new();
    for (i, group) in groups.iter().enumerate() {
        assert!(WordVariants::takes(group), "{group:?}");
        by_words.add(i, group);
        matchers.push(PhraseMatcher::new(group, true, false).unwrap());
    }
    // The same spellings, read from a plan's shared numbering (with
    // another, larger set recorded, so their numbers are not the shared ones).
    let mut shared = WordVariants::default();
    for (i, group) in groups.iter().enumerate() {
        shared.add(i, group);
    }
    shared.share();
    let larger: Vec<String> = (0..300)
        .map(|n| format!("từ{n}"))
        .chain(["lệ".into()])
        .collect();
    register(&larger, false);
    let pieces = [
        "tỷ",
        "Tỷ",
        "TỶ",
        "tỉ",
        "lệ",
        "LỆ",
        "kỹ",
        "Kỹ",
        "\u{212A}ỹ",
        "kĩ",
        "lý",
        "LÍ",
        "hóa",
        "HOÁ",
        "hoá",
        "hóa\u{301}",
        "thủy",
        "THUỶ",
        "ủy",
        "Uỷ",
        "khỏe",
        "KHOẺ",
        "a",
        "b",
        "c",
        "B",
        "kế",
        "hoạch",
        "nay",
        "số",
        "mới",
        "văn",
        "x",
        "ſ",
        "\u{B54}",
        "\u{1ACF}",
        "đ",
        "1",
        "tỷ lệ",
        "Tỉ\u{A0}lệ",
        "tỉ\r\nLỆ",
        "kế hoạch",
        "KẾ  HOẠCH\nmới",
        "a b",
        "b c",
        "a b c",
    ];
    let gaps = [
        " ", " ", " ", "  ", "\u{A0}", "\n", " \n ", "\r\n", "\n\n", "\t", ", ", ".", "-",
        "\u{2003}", "\r", "", "\u{B54}",
    ];
    let mut next = crate::sample_texts::numbers_below(7);
    let mut multi_word = 0;
    for _ in 0..20000 {
        let mut text = String::new();
        for _ in 0..(1 + next(12)) {
            text.push_str(pieces[next(pieces.len())]);
            text.push_str(gaps[next(gaps.len())]);
        }
        let views = TextViews::new(&text);
        let found = by_words.find_all(views.words(), &text, &PlanIds::default(), groups.len());
        let plan = PlanIds::default();
        let from_shared = shared.find_all(views.words(), &text, &plan, groups.len());
        assert_eq!(found, from_shared, "{text:?}");
        for (g, matcher) in matchers.iter().enumerate() {
            assert_eq!(
                found[g],
                matcher.find_all(&views),
                "{text:?} {:?}",
                groups[g]
            );
        }
        multi_word += found[0].len() + found[7].len() + found[8].len();
    }
    assert!(multi_word > 2000, "{multi_word}");
}
