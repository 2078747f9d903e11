use super::*;
use crate::rules::kinds::word_table::NOT_FOUND;

fn lex_word(word: &str) -> LexWord {
    let folded = fold(word);
    LexWord {
        lower: word.to_owned(),
        id: 0,
        folded_chars: folded.chars().count(),
        folded_ends: ends(&folded).unwrap_or_default(),
        folded,
        toned: split_tone(word),
    }
}

/// The byte-wise edit test says what the char-wise one says.
#[test]
fn one_edit_apart_fast_is_one_edit_apart() {
    let words = [
        "", "a", "b", "ab", "ba", "abc", "abd", "acb", "abcd", "xbcd", "abxd", "so", "sô", "hoa",
        "hoá", "chinh", "chin", "chinhh", "cchinh", "chjnh", "thong", "thông", "tong", "toong",
    ];
    for a in words {
        for b in words {
            assert_eq!(one_edit_apart_fast(a, b), one_edit_apart(a, b), "{a} {b}");
        }
    }
}

/// The fits looked up between lexicon words are what [`fit`] says, for
/// every pair, though only pairs sharing an end are tried.
#[test]
fn near_words_are_every_fit_but_other() {
    let list = [
        "số", "sổ", "sở", "sơ", "so", "sô", "hóa", "hoá", "hòa", "hoà", "chính", "chín", "chình",
        "tin", "tín", "tiến", "tiên", "bộ", "độ", "đổi", "đối", "công", "cộng", "cong", "thông",
        "thống", "dân", "dấn", "tuyến", "tuyên", "chuyển", "chuyên", "trình", "tình", "hành",
        "hạnh", "anh", "ninh", "mạng", "mang", "thủy", "thuỷ", "a", "ab", "abc", "abd",
    ];
    let words: Vec<LexWord> = list
        .iter()
        .enumerate()
        .map(|(id, w)| LexWord {
            id: id as u32,
            ..lex_word(w)
        })
        .collect();
    let refs: Vec<&LexWord> = words.iter().collect();
    let near = near_words(&refs);
    let mut folded = String::new();
    let mut fits = 0;
    for x in &words {
        for o in &words {
            let expected = if x.id == o.id {
                None
            } else {
                Some(fit(&x.lower, &mut folded, o))
            };
            let found = near[x.id as usize]
                .iter()
                .find(|&&(other, _)| other == o.id)
                .map(|&(_, fit)| fit);
            match expected {
                Some(Fit::Other) | None => assert_eq!(found, None, "{} {}", x.lower, o.lower),
                Some(fit) => {
                    fits += 1;
                    assert_eq!(found, Some(fit), "{} {}", x.lower, o.lower)
                }
            }
        }
    }
    assert!(fits > 50, "{fits}");
}

#[test]
fn the_cheap_rejection_keeps_every_slip() {
    let letters = [
        "a", "á", "ă", "ấ", "đ", "d", "h", "n", "ơ", "ở", "y", "ỷ", "1",
    ];
    let words = ["chính", "hóa", "đổi", "số", "trực", "tuyến", "an", "ninh"];
    let mut folded = String::new();
    for word in words {
        let lex = lex_word(word);
        let chars: Vec<char> = word.chars().collect();
        // Every word one edit away (and some two away).
        let mut variants = vec![word.to_owned()];
        for at in 0..=chars.len() {
            for letter in letters {
                let (head, tail) = chars.split_at(at);
                let head: String = head.iter().collect();
                let tail: String = tail.iter().collect();
                variants.push(format!("{head}{letter}{tail}"));
                if let Some(rest) = tail.get(tail.chars().next().map_or(0, char::len_utf8)..) {
                    variants.push(format!("{head}{letter}{rest}"));
                    variants.push(format!("{head}{rest}"));
                    variants.push(format!("{letter}{head}{rest}{letter}"));
                }
            }
        }
        for variant in variants {
            assert_eq!(
                fit(&variant, &mut folded, &lex),
                fit_folded(&variant, &mut folded, &lex),
                "{variant} for {word}"
            );
        }
    }
}

/// The check as it was before [`Pairs`], to test against: near-misses in
/// one segment, at most one per differing word (the longest phrase wins).
///
/// A phrase one slip away has its first or its second word written
/// exactly, so only those two positions are indexed: each candidate is
/// looked at from the first of them that matches.
fn near_misses_by_anchor(
    check: &LexiconCheck,
    table: &Words,
    text: &str,
    words: &[Word],
    folded: &mut String,
    ids: &mut Vec<u32>,
) -> Vec<NearMiss> {
    let mut found: Vec<NearMiss> = Vec::new();
    ids.clear();
    ids.extend(words.iter().map(|w| check.word_ids.get(table, text, w)));
    for i in 0..words.len() {
        let Some(anchors) = check.anchors.get(ids[i] as usize) else {
            continue; // not a word of the lexicon
        };
        for anchor in anchors {
            let (p, j, n) = (anchor.phrase, anchor.position, anchor.len);
            let Some(start) = i.checked_sub(j) else {
                continue;
            };
            // The other of the first two words, before the whole run: a
            // near miss has it written as in the phrase or one slip off.
            let other = if j == 0 { i + 1 } else { start };
            let (Some(&other_id), Some(other_word)) = (ids.get(other), words.get(other)) else {
                continue;
            };
            if other_id == anchor.other_id {
                if j == 1 {
                    continue; // looked at from the first word
                }
            } else if other_id != NOT_FOUND {
                if check.lexicon_fit(other_id, anchor.other_id) == Fit::Other {
                    continue;
                }
            } else if !shares_an_end(table.lower(other_word), anchor.other_ends) {
                continue;
            }
            let Some(phrase) = check.phrases.get(p) else {
                continue;
            };
            let (Some(run), Some(run_ids)) =
                (words.get(start..start + n), ids.get(start..start + n))
            else {
                continue;
            };
            let mut slip = None;
            let mut others = 0;
            // Words written exactly as in the phrase cost one comparison.
            for k in (0..n).filter(|&k| run_ids[k] != phrase.ids[k]) {
                let fit = if run_ids[k] == NOT_FOUND {
                    fit(table.lower(&run[k]), folded, &phrase.words[k])
                } else {
                    check.lexicon_fit(run_ids[k], phrase.ids[k])
                };
                match fit {
                    Fit::Same => {}
                    Fit::Slip if slip.is_none() => slip = Some(k),
                    _ => others += 1,
                }
                if others > 0 {
                    break;
                }
            }
            let (Some(k), 0) = (slip, others) else {
                continue;
            };
            if run.iter().skip(1).any(|w| w.newline_before) {
                continue;
            }
            let joined = run
                .iter()
                .map(|w| table.lower(w))
                .collect::<Vec<_>>()
                .join(" ");
            if check.known.contains(&joined) {
                continue;
            }
            let (Some(first), Some(last)) = (run.first(), run.last()) else {
                continue;
            };
            let miss = NearMiss {
                word: run[k].span,
                index: start + k,
                run: Span::new(first.span.start, last.span.end),
                phrase: p,
                position: k,
            };
            match found.iter_mut().find(|f| f.word == miss.word) {
                Some(existing) => {
                    if n > check.phrases[existing.phrase].words.len() {
                        *existing = miss;
                    }
                }
                None => found.push(miss),
            }
        }
    }
    found
}

/// The near misses found from pairs are those found from each anchor in
/// turn, in the same order, in many texts made of the lexicon's words,
/// their slips, other words and the gaps between segments.
#[test]
fn pairs_find_what_anchors_find() {
    let file = include_str!("../../../../rules/lexicon.yaml");
    let specs = crate::rules::loader::parse_rule_file("lexicon.yaml", file).unwrap();
    let check = build(&specs[0], Compile::Now).unwrap();
    let mut pieces: Vec<String> = Vec::new();
    for phrase in &check.phrases {
        for word in &phrase.words {
            pieces.push(word.lower.clone());
            pieces.push(word.folded.clone());
            let chars: Vec<char> = word.lower.chars().collect();
            for at in 0..chars.len() {
                let mut slip = chars.clone();
                slip.remove(at);
                pieces.push(slip.into_iter().collect());
                let mut slip = chars.clone();
                slip[at] = 'a';
                pieces.push(slip.iter().collect());
                slip[at] = 'ố';
                pieces.push(slip.iter().collect());
            }
        }
        pieces.push(phrase.text.clone());
        pieces.push(phrase.text.to_uppercase());
    }
    for other in ["hoá", "Hoá", "tiến độ", "x", "1", "và", "các", "Số", "SỐ"] {
        pieces.push(other.to_owned());
    }
    let gaps = [" ", " ", " ", " ", " ", "\n", ", ", "\n\n", "."];
    let mut next = crate::sample_texts::numbers_below(5);
    let key = |m: &NearMiss| (m.word, m.index, m.run, m.phrase, m.position);
    let (mut folded, mut ids, mut found) = (String::new(), Vec::new(), Vec::new());
    let mut misses = 0;
    const LETTERS: [char; 16] = [
        'a', 'á', 'ă', 'ấ', 'o', 'ô', 'ố', 'ơ', 'ở', 'n', 'h', 'đ', 'd', 'i', 'í', 'g',
    ];
    for _ in 0..30000 {
        let mut text = String::new();
        // Mostly a phrase with one word changed, sometimes anything.
        for _ in 0..(1 + next(10)) {
            if next(3) == 0 {
                text.push_str(&pieces[next(pieces.len())]);
            } else {
                let phrase = &check.phrases[next(check.phrases.len())];
                let change = next(phrase.words.len() + 1);
                for (k, word) in phrase.words.iter().enumerate() {
                    if k == change && next(2) == 0 {
                        text.push_str(&pieces[next(pieces.len())]);
                    } else if k == change {
                        // A slip of this word, mostly.
                        let mut chars: Vec<char> = word.lower.chars().collect();
                        let at = next(chars.len());
                        match next(3) {
                            0 => chars = word.folded.chars().collect(),
                            1 => chars[at] = LETTERS[next(LETTERS.len())],
                            _ => chars.insert(at, LETTERS[next(LETTERS.len())]),
                        }
                        text.extend(chars);
                    } else {
                        text.push_str(&word.lower);
                    }
                    text.push(' ');
                }
            }
            text.push_str(gaps[next(gaps.len())]);
        }
        let words = Words::new(&text);
        for segment in words.segments() {
            let expected: Vec<_> =
                near_misses_by_anchor(&check, &words, &text, segment, &mut folded, &mut ids)
                    .iter()
                    .map(key)
                    .collect();
            check.near_misses(&words, segment, (&mut folded, &ids), &mut found);
            let found: Vec<_> = found.iter().map(|f| key(&f.miss)).collect();
            assert_eq!(found, expected, "{text:?}");
            misses += found.len();
        }
    }
    assert!(misses > 10000, "{misses}");
}
