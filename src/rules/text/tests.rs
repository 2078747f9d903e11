use super::*;

#[test]
fn folding_maps_every_vietnamese_letter_to_ascii() {
    assert_eq!(fold("Chuyển đổi số ĐẤT Ưu"), "Chuyen doi so DAT Uu");
}

#[test]
fn tone_placement_styles_are_the_same_word() {
    assert_eq!(split_tone("hòa"), split_tone("hoà"));
    assert_eq!(split_tone("thủy"), split_tone("thuỷ"));
    assert_ne!(split_tone("tiên"), split_tone("tiến"));
    assert_eq!(split_tone("tiến").0, "tiên");
}

#[test]
fn fast_folding_and_tone_splitting_agree_with_unicode_normalisation() {
    let mut all: Vec<char> = (0u32..0x3000).filter_map(char::from_u32).collect();
    all.extend((0x1E00u32..0x1F00).filter_map(char::from_u32));
    for &c in &all {
        assert_eq!(fold_char(c), fold_char_slow(c), "{c:?}");
    }
    let letters: Vec<char> = all
        .iter()
        .copied()
        .filter(|c| {
            c.is_alphabetic() || unicode_normalization::char::is_combining_mark(*c) || c.is_ascii()
        })
        .collect();
    let mut seed = 99u64;
    for _ in 0..20000 {
        let mut word = String::new();
        for _ in 0..(seed % 5 + 1) {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let pool = (seed >> 60) as usize;
            let c = if pool < 8 {
                // Mostly Vietnamese-range letters.
                char::from_u32(0x1EA0 + ((seed >> 33) % 0x5A) as u32).unwrap_or('a')
            } else {
                letters[(seed >> 33) as usize % letters.len()]
            };
            word.push(c);
        }
        assert_eq!(split_tone(&word), split_tone_slow(&word), "{word:?}");
    }
}

#[test]
fn case_is_transferred() {
    assert_eq!(
        match_case("Chuyên đổi số", "chuyển đổi số"),
        "Chuyển đổi số"
    );
    assert_eq!(
        match_case("CHUYÊN ĐỔI SỐ", "chuyển đổi số"),
        "CHUYỂN ĐỔI SỐ"
    );
    assert_eq!(match_case("phần đầu", "Phấn đấu"), "phấn đấu");
    assert_eq!(match_case("KHCCN", "KHCN"), "KHCN");
    assert_eq!(match_case("vneid", "VNeID"), "VNeID");
}

#[test]
fn boundaries_reject_a_match_inside_a_word() {
    let text = "khuyên đổi; chuyên đổi";
    assert!(!at_word_boundaries(text, Span::new(2, 14)));
    let start = text.find("chuyên").unwrap();
    assert!(at_word_boundaries(text, Span::new(start, text.len())));
}

#[test]
fn matcher_respects_boundaries_case_and_line_breaks() {
    let phrases = vec!["hạ tăng".to_owned(), "KHCCN".to_owned()];
    let m = PhraseMatcher::new(&phrases, true, false).unwrap();
    let text = "Hạ tăng số; phạ tăng; hạ\ntăng; khccnx; khccn.";
    let found: Vec<&str> = m
        .find_all(&TextViews::new(text))
        .iter()
        .map(|(s, _)| &text[s.start..s.end])
        .collect();
    assert_eq!(found, vec!["Hạ tăng", "hạ\ntăng", "khccn"]);
}

/// One search for several matchers finds what each finds alone, also
/// where keys of two matchers start at the same place.
#[test]
fn a_joint_search_finds_what_each_matcher_finds() {
    let groups = [
        vec!["hóa", "hoá"],
        vec!["ủy", "uỷ"],
        vec!["ủy ban", "uỷ ban"],
        vec!["tỷ lệ", "tỉ lệ", "tỷ"],
        vec!["hóa đơn", "Hóa"],
    ];
    let pieces = [
        "hóa", "Hoá", "HOÁ", "ủy", "Uỷ", "ban", "tỷ", "Tỉ", "lệ", "đơn", " ", "\n", ",", "x",
    ];
    let mut seed = 77u64;
    for ignore_case in [false, true] {
        for fold_diacritics in [false, true] {
            // Spellings that fold to one key make no matcher.
            let matchers: Vec<Option<PhraseMatcher>> = groups
                .iter()
                .map(|g| {
                    let phrases: Vec<String> = g.iter().map(|p| p.to_string()).collect();
                    PhraseMatcher::new(&phrases, ignore_case, fold_diacritics).ok()
                })
                .collect();
            // The groups with a space in a key search the keyed view.
            for chosen in [&[0, 1, 3][..], &[0, 1, 2, 3, 4][..]] {
                let chosen: Vec<&PhraseMatcher> = chosen
                    .iter()
                    .filter_map(|&i| matchers[i].as_ref())
                    .collect();
                let Some(joint) = JointSearch::new(&chosen) else {
                    assert!(!ignore_case && !fold_diacritics);
                    continue;
                };
                for round in 0..100 {
                    let mut text = String::new();
                    for _ in 0..(round % 40 + 1) {
                        seed = seed
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
                    }
                    let views = TextViews::new(&text);
                    let alone: Vec<_> = chosen.iter().map(|m| m.find_all(&views)).collect();
                    assert_eq!(joint.find_all(&chosen, &views), alone, "{text:?}");
                }
            }
        }
    }
}

/// The keyed search finds what the regex over the whole text found.
#[test]
fn keyed_search_agrees_with_the_plain_regex() {
    let phrase_sets: Vec<Vec<&str>> = vec![
        vec!["hóa", "hoá"],
        vec!["tỷ lệ", "tỉ lệ"],
        vec!["chuyên đổi số", "chuyên đổi", "hạ tăng", "sk", "kı"],
        vec!["Bộ TT&TT", "Bộ Thông tin và Truyền thông", "Bộ  GTVT"],
        vec!["KHCCN", "ĐMS", "Gbps/s", "VneID", "Σας", "i̇s"],
        vec!["ﬁ", "ß", "ss", "k"],
    ];
    let pieces = [
        "hóa", "HOÁ", "Hoá", "hoa", "tỷ", "Tỉ", "TỶ", "lệ", "LỆ", "chuyên", "CHUYÊN", "đổi", "số",
        "hạ", "tăng", "ſk", "SK", "K", "kı", "KI", "Bộ", "bộ", "TT&TT", "Thông", "tin", "và",
        "Truyền", "thông", "GTVT", "KHCCN", "khccn", "ĐMS", "Gbps/s", "VneID", "ΣΑΣ", "Σας", "İs",
        "i̇s", "ﬁ", "FI", "ß", "ẞ", "SS", "ss", " ", " ", " ", "  ", "\n", "\r\n", "\u{a0}", "\t",
        "\n\n", ",", "x", "\u{2003}", " \n ", "\u{301}", "a",
    ];
    let mut seed = 4242u64;
    for (set, phrases) in phrase_sets.iter().enumerate() {
        let phrases: Vec<String> = phrases.iter().map(|p| p.to_string()).collect();
        for ignore_case in [false, true] {
            for fold_diacritics in [false, true] {
                let Ok(m) = PhraseMatcher::new(&phrases, ignore_case, fold_diacritics) else {
                    continue;
                };
                for round in 0..150 {
                    let mut text = String::new();
                    for _ in 0..(round % 60 + 1) {
                        seed = seed
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
                        if !(seed >> 20).is_multiple_of(3) {
                            text.push(' ');
                        }
                    }
                    assert_eq!(
                        m.find_all(&TextViews::new(&text)),
                        m.find_all_slow(&text),
                        "set {set} case {ignore_case} fold {fold_diacritics}: {text:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn folding_matcher_ignores_diacritics() {
    let m = PhraseMatcher::new(&["chuyen doi so".to_owned()], false, true).unwrap();
    assert_eq!(
        m.find_all(&TextViews::new("Kế hoạch chuyển đổi số")).len(),
        1
    );
}

#[test]
fn segments_stop_at_punctuation_tabs_and_blank_lines() {
    let text = "Kế hoạch Kế hoạch, một\thai ba\nbốn\n\nnăm";
    let words = Words::new(text);
    let segs: Vec<Vec<&str>> = words
        .segments()
        .map(|s| s.iter().map(|w| words.lower(w)).collect())
        .collect();
    assert_eq!(
        segs,
        vec![
            vec!["kế", "hoạch", "kế", "hoạch"],
            vec!["một"],
            vec!["hai", "ba", "bốn"],
            vec!["năm"]
        ]
    );
}

/// The word table gives what the regex-based segmenter it replaced gave.
#[test]
fn word_table_agrees_with_the_regex_segmenter() {
    let pieces = [
        "Kế",
        "hoạch",
        "KẾ",
        "HOẠCH",
        "Đổi",
        "ĐỔI",
        "İstanbul",
        "ǅemal",
        "ΣΑΣ",
        "ΌΣΟΣ",
        "ﬁle",
        "Ⅻ",
        "ⅻ",
        "½",
        "١٢",
        "e\u{301}",
        "\u{301}",
        "a\u{323}b",
        "x2",
        "Ⓐb",
        "𝐀𝐁",
        "ß",
        "ẞ",
        " ",
        " ",
        " ",
        "\n",
        "\r\n",
        "\t",
        ", ",
        ".",
        "\n\n",
        "\u{a0}",
        "\u{2003}",
        " \n ",
        ";",
        "\u{85}",
        "\u{2028}",
        "-",
        "'",
        "😀",
        "\u{200b}",
    ];
    let mut seed = 12345u64;
    for round in 0..400 {
        let mut text = String::new();
        let n = if round == 0 { 9000 } else { (round * 7) % 300 };
        for _ in 0..n {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let piece = if round == 0 {
                ["a", "B", " "][(seed >> 33) as usize % 3]
            } else {
                pieces[(seed >> 33) as usize % pieces.len()]
            };
            text.push_str(piece);
        }
        let words = Words::new(&text);
        assert_same_segments_as_reference(&words, &text);
        for segment in words.segments() {
            for w in segment {
                assert_eq!(w.hash, word_hash(words.lower(w).as_bytes()));
                assert_eq!(
                    words.has_letter(w),
                    words.lower(w).chars().any(char::is_alphabetic)
                );
            }
        }
    }
}

/// Runs of words longer than a segment may hold are cut as the regex
/// segmenter cuts them, line breaks at the cuts included.
#[test]
fn long_runs_are_cut_as_the_regex_segmenter_cuts_them() {
    for (n, every) in [(4096, 7), (4097, 5), (9000, 4096), (12288, 3)] {
        let mut text = String::new();
        for i in 0..n {
            text.push_str(if i % every == 0 { "Từ\n" } else { "từ " });
        }
        let words = Words::new(&text);
        let new: Vec<Vec<(Span, bool)>> = words
            .segments()
            .map(|s| s.iter().map(|w| (w.span, w.newline_before)).collect())
            .collect();
        let old: Vec<Vec<(Span, bool)>> = reference::segments(&text)
            .map(|s| s.into_iter().map(|w| (w.span, w.newline_before)).collect())
            .collect();
        assert_eq!(new, old, "{n} words");
    }
}

#[test]
fn exceptions_cover_overlapping_matches() {
    let ex = Exceptions::new(&["hành vi vi phạm".into(), "re:số \\d+".into()]).unwrap();
    let text = "Xử lý hành vi vi phạm theo số 12";
    let views = TextViews::new(text);
    let spans = ex.spans(&views);
    let vi = text.find("vi vi").unwrap();
    assert!(spans.cover(Span::new(vi, vi + 5)));
    assert!(!spans.cover(Span::new(0, 2)));
    let n = text.find("12").unwrap();
    assert!(spans.cover(Span::new(n, n + 2)));
}

#[test]
fn one_edit_apart_agrees_with_edit_distance() {
    for (a, b) in [
        ("bộ", "độ"),
        ("công", "còn"),
        ("chính", "chín"),
        ("chín", "chính"),
        ("abc", "abc"),
        ("ab", "ba"),
        ("tiến", "tiên"),
        ("", "a"),
        ("aaa", "aa"),
    ] {
        assert_eq!(one_edit_apart(a, b), edit_distance(a, b, 2) == 1, "{a} {b}");
    }
}

#[test]
fn edit_distance_counts_chars() {
    assert_eq!(edit_distance("bộ", "độ", 2), 1);
    assert_eq!(edit_distance("công", "còn", 3), 2);
    assert_eq!(edit_distance("chính", "chín", 1), 1);
}

/// The lower-cased key read from a word on is the whole text's key from
/// where that word's key starts.
#[test]
fn lower_keys_from_words_agree_with_the_keyed_text() {
    let pieces = [
        "Kế",
        "hoạch",
        "KẾ",
        "HOẠCH",
        "đổi",
        "ĐỔI",
        "x2",
        "a",
        "B",
        "İs",
        "ǅemal",
        "ΣΑΣ",
        "Σας",
        "Ⱥb",
        "\u{212A}m",
        "\u{2126}",
        "ﬁle",
        "Ⅻ",
        "𝐀𝐁",
        "ẞ",
        "ß",
        "e\u{301}",
        "\u{301}",
        " ",
        " ",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\n\n",
        "\t",
        ", ",
        ".",
        "(",
        ")",
        "\u{a0}",
        "\u{2003}",
        " \n ",
        "\u{85}",
        "\u{2028}",
        "-",
        "😀",
        "\u{200b}",
        "|",
        "Σ",
        "\u{130}",
    ];
    let mut seed = 777u64;
    for round in 0..600 {
        let mut text = String::new();
        for _ in 0..(round % 90 + 1) {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            if (seed >> 20).is_multiple_of(2) {
                text.push(' ');
            }
        }
        assert_lower_keys_from_words_agree(&Words::new(&text), &text);
    }
}

/// [`keyed::lower_key_from`] at each word of `words` gives the lower-cased
/// key of the text from where the word's key starts.
fn assert_lower_keys_from_words_agree(words: &Words, text: &str) {
    let keyed = KeyedText::new(text, true, false);
    // Where the key of each char starts here.
    let mut here = std::collections::HashMap::new();
    for (at, _) in keyed.text.char_indices().rev() {
        here.insert(keyed.origin(at), at);
    }
    let mut out = String::new();
    for word in words.all() {
        let start = word.span.start;
        let at = here[&start];
        for len in [1, 7, 40] {
            keyed::lower_key_from(text, start, len, &mut out);
            let rest = &keyed.text[at..];
            assert!(rest.starts_with(&out), "{text:?} {start} {out:?}");
            assert!(out.len() >= len.min(rest.len()), "{text:?} {start} {out:?}");
        }
    }
}

/// The char table gives what the Unicode properties give.
#[test]
fn char_table_agrees_with_the_unicode_properties() {
    let astral = (0x10000..0x110000).step_by(97);
    for code in (0..0x10000).chain(astral) {
        let Some(c) = char::from_u32(code) else {
            continue;
        };
        let slow = c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c);
        assert_eq!(is_word_char(c), slow, "{c:?}");
        let info = chars::info_of(c);
        assert_eq!(info & chars::WHITESPACE != 0, c.is_whitespace(), "{c:?}");
        if c.is_ascii() {
            assert_eq!(
                u32::from(chars::ASCII_INFO[code as usize]),
                info & (chars::WORD | chars::UPPER | chars::WHITESPACE | chars::WORD_CHAR),
                "{c:?}"
            );
        }
    }
}

/// What the joint key search led by words (`phrases::joint::by_words`)
/// takes for granted: a char the words are made of is a char of word
/// boundaries, and lower-casing keeps word chars word chars and other chars
/// (whitespace aside) other chars, but for a few chars (Unicode's tables
/// differ between the regex and the standard library) whose lower case is
/// outside the Latin blocks that search accepts in keys.
#[test]
fn lower_casing_keeps_word_chars_apart_from_others() {
    let mut odd = Vec::new();
    for c in (0..0x110000).filter_map(char::from_u32) {
        let word = chars::info_of(c) & chars::WORD != 0;
        assert!(!word || is_word_char(c), "{c:?}");
        let lower: Vec<char> = c.to_lowercase().collect();
        if word {
            let all_word = lower.iter().all(|&l| chars::info_of(l) & chars::WORD != 0);
            assert!(all_word, "{c:?}");
        } else if !c.is_whitespace() && chars::info_of(lower[0]) & chars::WORD != 0 {
            odd.push((c, lower[0]));
        }
    }
    assert!(
        !odd.is_empty(),
        "the tables agree now: the exception can go"
    );
    for (c, lower) in odd {
        assert!(!phrases::is_latin_key_char(lower), "{c:?} {lower:?}");
    }
}

/// `to_lower` is `str::to_lowercase`.
#[test]
fn to_lower_agrees_with_the_standard_library() {
    let pieces = [
        "Kế",
        "HOẠCH",
        "Đ",
        "đ",
        "ΣΑΣ",
        "Σ",
        "ΌΣΟΣ ",
        "İ",
        "ǅ",
        "Ⱥ",
        "\u{212A}",
        "ẞ",
        "ß",
        "𝐀",
        "A",
        "z",
        " ",
        "\n",
        "1",
        "\u{301}",
        "Ω",
        "😀",
        "Ǆ",
    ];
    let mut seed = 5u64;
    for round in 0..3000 {
        let mut text = String::new();
        for _ in 0..round % 12 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        assert_eq!(to_lower(&text), text.to_lowercase(), "{text:?}");
    }
}

/// The lower-cased words handed out in pieces are what lowering char by
/// char and collapsing whitespace gives.
#[test]
fn lower_words_in_pieces_agree_with_char_by_char() {
    fn by_chars(s: &str) -> Option<String> {
        let mut out = String::new();
        let mut space = false;
        for c in s.chars() {
            let info = chars::info_of(c);
            if !c.is_ascii() && info & chars::NFC_STARTER == 0 {
                return None;
            }
            if c.is_whitespace() {
                space = true;
                continue;
            }
            let mut lower = c.to_lowercase();
            let (Some(l), None) = (lower.next(), lower.next()) else {
                return None;
            };
            if c == 'Σ' {
                return None;
            }
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(l);
        }
        Some(out)
    }
    let pieces = [
        "a", "B", "Kế", "HOẠCH", "Đổi", " ", "  ", "\n", "\t", "\u{a0}", "\u{2003}", ".", "ǅ", "Σ",
        "İ", "e\u{301}", "\u{301}", "x2", "ﬁ",
    ];
    let mut seed = 4242u64;
    for round in 0..3000 {
        let mut text = String::new();
        for _ in 0..round % 23 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
        }
        assert_eq!(lower_words_of_plain_nfc(&text), by_chars(&text), "{text:?}");
    }
}

/// The byte-indexed table of common chars gives what decoding and
/// [`chars::char_info`] give, for every char.
#[test]
fn common_char_table_agrees_with_the_char_table() {
    let common = chars::CommonChars::get();
    for code in (0x80..0x10000).chain((0x10000..0x110000).step_by(31)) {
        let Some(c) = char::from_u32(code) else {
            continue;
        };
        let text = format!("{c}x");
        let bytes = text.as_bytes();
        assert_eq!(
            common.info_at(bytes, 0, bytes[0]),
            (chars::char_info(code), c.len_utf8()),
            "{c:?}"
        );
    }
}

/// Every non-ASCII char of the common table, alone, after an upper-case
/// letter and after a lower-case one, gives the words and lower-case forms
/// of the regex segmenter and the key of the char-by-char keying.
#[test]
fn common_chars_in_words_agree_with_the_regex_segmenter() {
    let chars = (0x80..0x300)
        .chain(0x1E00..0x1F00)
        .filter_map(char::from_u32);
    let mut text = String::new();
    for c in chars {
        for before in ["", "A", "a", "Đ", "ơ"] {
            text.push_str(&format!("{before}{c} {c}{before}b\n{c}{c}, "));
        }
    }
    let words = Words::new(&text);
    assert_same_segments_as_reference(&words, &text);
    for w in words.all() {
        assert_eq!(w.hash, word_hash(words.lower(w).as_bytes()));
    }
    assert_lower_keys_from_words_agree(&words, &text);
}

/// The word view's segments (spans, lower-case forms, line breaks) equal the
/// regex segmenter's.
fn assert_same_segments_as_reference(words: &Words, text: &str) {
    let new: Vec<Vec<(Span, String, bool)>> = words
        .segments()
        .map(|s| {
            s.iter()
                .map(|w| (w.span, words.lower(w).to_owned(), w.newline_before))
                .collect()
        })
        .collect();
    let old: Vec<Vec<(Span, String, bool)>> = reference::segments(text)
        .map(|s| {
            s.into_iter()
                .map(|w| (w.span, w.lower.into_owned(), w.newline_before))
                .collect()
        })
        .collect();
    assert_eq!(new, old, "{text:?}");
}

/// Capitalised and upper-case words (keyed by their first letter alone, or
/// lower-cased whole), after every kind of gap and at the very end of the
/// text (where a word's hash cannot be read as eight bytes of the text), and
/// the example, fixture and seed plans: the word view gives the regex
/// segmenter's segments, the hash of each lower-case form and the
/// char-by-char key.
#[test]
fn cased_words_and_whole_plans_agree_with_the_reference() {
    let pieces = [
        "Chuyển", "đổi", "UBND", "Kế", "x", "số", " ", "\n", ", ", "Ủy", "KẾ", "\t", "  ",
    ];
    let mut texts = crate::sample_texts::all_strings(&pieces, 4);
    texts.extend(crate::sample_texts::plan_texts(true));
    for text in &texts {
        let words = Words::new(text);
        assert_same_segments_as_reference(&words, text);
        for w in words.all() {
            assert_eq!(w.hash, word_hash(words.lower(w).as_bytes()), "{text:?}");
        }
        assert_lower_keys_from_words_agree(&words, text);
    }
}
