use super::super::super::TextViews;
use super::super::PhraseMatcher;

/// A matcher that joined the joint search finds what it finds alone, and
/// so do its exceptions' starts: with keys shorter than a head, keys that
/// start other keys, keys in several sets and sets of several views, and a
/// set that joins after a plan's search was made.
#[test]
fn joined_matchers_find_what_each_finds_alone() {
    let groups: &[&[&str]] = &[
        &["hóa", "hoá"],
        &["bộ thông tin", "bộ tt&tt", "bộ", "bộ t"],
        &["sở tt", "Sở TTTT", "sơ bộ"],
        &["chuyên đổi số", "chuyên đổi", "hạ tăng", "k", "ß"],
        &["KHCCN", "ĐMS", "Gbps/s", "VneID", "CDS", "ss"],
        &["tỷ lệ", "tỉ lệ", "tỷ"],
        &["bộ tt&tt", "chuyên đổi"],
    ];
    let pieces = [
        "hóa", "HOÁ", "Hoá", "bộ", "Bộ", "BỘ", "thông", "tin", "tt&tt", "TT&TT", "sở", "Sở",
        "TTTT", "tt", "sơ", "chuyên", "CHUYÊN", "đổi", "số", "hạ", "tăng", "k", "K", "ß", "SS",
        "ss", "KHCCN", "khccn", "ĐMS", "Gbps/s", "VneID", "CDS", "cds", "tỷ", "Tỉ", "lệ", " ", " ",
        "  ", "\n", "\u{a0}", ",", "x", "t",
    ];
    let mut seed = 2027u64;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    for ignore_case in [false, true] {
        for fold_diacritics in [false, true] {
            let pairs: Vec<(PhraseMatcher, PhraseMatcher)> = groups
                .iter()
                .filter_map(|g| {
                    let phrases: Vec<String> = g.iter().map(|p| p.to_string()).collect();
                    let alone = PhraseMatcher::new(&phrases, ignore_case, fold_diacritics).ok()?;
                    let joined = PhraseMatcher::new(&phrases, ignore_case, fold_diacritics)
                        .ok()?
                        .joined();
                    Some((alone, joined))
                })
                .collect();
            for round in 0..150 {
                let mut text = String::new();
                for _ in 0..(round % 50 + 1) {
                    text.push_str(pieces[next() % pieces.len()]);
                    if next() % 3 != 0 {
                        text.push(' ');
                    }
                }
                let views = TextViews::new(&text);
                for (alone, joined) in &pairs {
                    assert_eq!(joined.find_all(&views), alone.find_all(&views), "{text:?}");
                    // The joint search may leave out places where no
                    // match starts (the search led by words does).
                    let joined_starts = joined.match_starts(&views);
                    let alone_starts = alone.match_starts(&views);
                    assert!(joined_starts.is_sorted(), "{text:?}");
                    assert!(
                        joined_starts.iter().all(|s| alone_starts.contains(s)),
                        "{text:?}"
                    );
                    for start in alone_starts {
                        if alone.match_at(&text, start).is_some() {
                            assert!(joined_starts.contains(&start), "{text:?} {start}");
                        }
                    }
                }
                // Joined after this plan's search began: searched alone.
                let late_phrases = [
                    pieces[round % pieces.len()].trim().to_owned(),
                    format!("zz{round}{ignore_case}{fold_diacritics}"),
                ];
                let Ok(alone) = PhraseMatcher::new(&late_phrases, ignore_case, false) else {
                    continue;
                };
                let late = PhraseMatcher::new(&late_phrases, ignore_case, false)
                    .unwrap()
                    .joined();
                assert_eq!(late.find_all(&views), alone.find_all(&views), "{text:?}");
            }
        }
    }
}
