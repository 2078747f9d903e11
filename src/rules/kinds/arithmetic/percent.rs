//! `percent-of-total`: "A … chiếm P%" / "A … đạt P%" against the total named
//! in the same passage (line). The total is the figure after "tổng số" when
//! there is one, otherwise the largest count of the passage; a share is
//! accepted when P is the exact share rounded or truncated to the precision P
//! is written with.

use super::figures::{figures, format_vn, Figure};
use crate::document::model::Span;
use crate::rules::engine::{CheckContext, Emitter};
use crate::rules::lazy_regex::StaticRegex;
use crate::rules::text::lines_holding;

/// A claim "part … chiếm/đạt P%".
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub part: Figure,
    pub percent: Figure,
    pub total: Figure,
    /// The share the figures give, in percent.
    pub share: f64,
}

impl Claim {
    pub fn agrees(&self) -> bool {
        let unit = 10f64.powi(-(self.percent.decimals as i32));
        let written = self.percent.value;
        let slack = 1e-9;
        let rounded = (written - self.share).abs() <= unit / 2.0 + slack;
        let truncated = self.share + slack >= written && self.share < written + unit - slack;
        rounded || truncated
    }
}

pub fn check(ctx: &CheckContext, out: &mut Emitter) {
    // Only lines with `%` hold a claim.
    for (base, _, line) in lines_holding(ctx.text, b'%') {
        for claim in claims(line, base) {
            if claim.agrees() {
                continue;
            }
            let decimals = claim.percent.decimals.max(1);
            let expected = format!("{} %", format_vn(claim.share, decimals));
            let found = ctx
                .text
                .get(claim.percent.span.start..claim.percent.end)
                .unwrap_or(&claim.percent.text)
                .to_owned();
            let span = Span::new(claim.part.span.start, claim.percent.end);
            let part = claim.part.text.clone();
            let total = claim.total.text.clone();
            let diagnostic = out.emit(
                span,
                &[
                    ("found", &found),
                    ("expected", &expected),
                    ("part", &part),
                    ("total", &total),
                ],
            );
            diagnostic.labels.push(crate::diagnostic::Label {
                span: claim.total.span,
                message: Some(total),
            });
        }
    }
}

/// Words between a count and `chiếm`/`đạt`: a unit and a few words
/// (`hồ sơ`, `người`, `hồ sơ được giải quyết đúng hạn,`).
fn link() -> &'static StaticRegex {
    // Used on the few words between two figures: quick to build is what counts.
    static LINK: StaticRegex = StaticRegex::new(LINK_PATTERN);
    &LINK
}

/// The words of [`link`] one of which every claim has.
#[cfg(test)]
const LINK_WORDS: [&str; 3] = ["chiếm", "đạt", "bằng"];

/// Whether `text` holds one of the words of [`link`] (`chiếm`, `đạt`,
/// `bằng`), one of which every claim has. Each has a char encoded
/// `E1 BA xx` (`ế`, `ạ`, `ằ`), so only the bytes around each `BA` are read.
fn has_link_word(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(0xBA, bytes).any(|i| {
        if i == 0 || bytes[i - 1] != 0xE1 {
            return false;
        }
        let (before, after) = (&bytes[..i - 1], &bytes[i + 1..]);
        match after {
            [0xBF, rest @ ..] => before.ends_with(b"chi") && rest.starts_with(b"m"),
            [0xA1, rest @ ..] => before.ends_with("đ".as_bytes()) && rest.starts_with(b"t"),
            [0xB1, rest @ ..] => before.ends_with(b"b") && rest.starts_with(b"ng"),
            _ => false,
        }
    })
}

const LINK_PATTERN: &str =
    r"^(?:\s+[\p{L}]+){0,8}\s*[,:]?\s*(chiếm|đạt|bằng)(?:\s+t[ỷỉ]\s+lệ)?\s*:?\s*$";

/// `link().is_match(between)`, read by hand when every char of `between`
/// is ASCII, Latin-1, Latin Extended-A/B, a combining mark, U+1E00..U+1EFF
/// or general punctuation (where letters are told apart without a table): the regex is slow to build and to run
/// for the few words it reads.
fn is_link(between: &str) -> bool {
    match link_by_hand(between) {
        Some(linked) => linked,
        None => link().is_match(between),
    }
}

/// Whether `c` is `\p{L}`, for the chars [`is_link`] reads by hand.
fn known_letter(c: char) -> Option<bool> {
    match c as u32 {
        0..=0x7F => Some(c.is_ascii_alphabetic()),
        0x80..=0xBF => Some(matches!(c, 'ª' | 'µ' | 'º')),
        0xC0..=0x24F => Some(!matches!(c, '×' | '÷')),
        // Combining marks and general punctuation.
        0x300..=0x36F | 0x2000..=0x206F => Some(false),
        0x1E00..=0x1EFF => Some(true),
        _ => None,
    }
}

/// [`link`] read from the end: `\s*:?\s*`, then `\s+t[ỷỉ]\s+lệ` or not,
/// the link word, `\s*[,:]?\s*`, and at most eight `\s+\p{L}+` from the
/// start. Every part ends with a different kind of char than the part
/// after it begins with, so the reading is the regex's only one. `None`
/// for a char [`known_letter`] does not know.
fn link_by_hand(between: &str) -> Option<bool> {
    for c in between.chars() {
        if !c.is_whitespace() {
            known_letter(c)?;
        }
    }
    let ws = char::is_whitespace;
    let mut rest = between.trim_end_matches(ws);
    if let Some(r) = rest.strip_suffix(':') {
        rest = r.trim_end_matches(ws);
    }
    if let Some(before_le) = rest.strip_suffix("lệ") {
        let spaced = before_le.trim_end_matches(ws);
        let Some(before_ty) = spaced
            .strip_suffix("tỷ")
            .or_else(|| spaced.strip_suffix("tỉ"))
        else {
            return Some(false);
        };
        let trimmed = before_ty.trim_end_matches(ws);
        // `\s+` on both sides of `tỷ`.
        if spaced.len() == before_le.len() || trimmed.len() == before_ty.len() {
            return Some(false);
        }
        rest = trimmed;
    }
    let Some(r) = ["chiếm", "đạt", "bằng"]
        .iter()
        .find_map(|w| rest.strip_suffix(w))
    else {
        return Some(false);
    };
    let mut rest = r.trim_end_matches(ws);
    if let Some(r) = rest.strip_suffix([',', ':']) {
        rest = r.trim_end_matches(ws);
    }
    // `(?:\s+\p{L}+){0,8}`: runs of spaces and of letters by turns.
    let mut groups = 0;
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        if !ws(c) {
            return Some(false);
        }
        while chars.next_if(|&c| ws(c)).is_some() {}
        if chars.next_if(|&c| known_letter(c) == Some(true)).is_none() {
            return Some(false);
        }
        while chars.next_if(|&c| known_letter(c) == Some(true)).is_some() {}
        groups += 1;
    }
    Some(groups <= 8)
}

/// Words after a percentage that make it a comparison, not a share.
const COMPARED_WITH: [&str; 6] = [
    "so với",
    "kế hoạch",
    "chỉ tiêu",
    "mục tiêu",
    "kh ",
    "cùng kỳ",
];

/// Whether `text` lower-cased starts with `word`, lower-casing no more than
/// needed (char by char: `str::to_lowercase` differs only for a final `Σ`,
/// which none of the words has).
fn starts_with_lowercased(text: &str, word: &str) -> bool {
    let mut lower = text.chars().flat_map(char::to_lowercase);
    word.chars().all(|c| lower.next() == Some(c))
}

/// Words that make the figure after them something other than a count.
const NOT_A_COUNT_BEFORE: [&str; 11] = [
    "ngày", "tháng", "năm", "quý", "điều", "khoản", "mục", "phần", "lần", "đợt", "kỳ",
];

fn is_count(figure: &Figure, line: &str, base: usize) -> bool {
    if !figure.is_count() {
        return false;
    }
    // A year written as a year (`2025`), not as a count (`2.025`).
    if !figure.text.contains('.')
        && (1900.0..=2100.0).contains(&figure.value)
        && figure.text.len() == 4
    {
        return false;
    }
    let before = &line[..figure.span.start.saturating_sub(base)];
    let word_before = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    // Lowercased char by char: `str::to_lowercase` differs only for a
    // final `Σ`, which none of the words has.
    !NOT_A_COUNT_BEFORE.iter().any(|w| {
        word_before
            .chars()
            .flat_map(char::to_lowercase)
            .eq(w.chars())
    })
}

/// The total of a passage: the count after "tổng số"/"tổng cộng"/"trên tổng",
/// else the largest count other than the part.
fn total_for(part: &Figure, counts: &[&Figure], line: &str, base: usize) -> Option<Figure> {
    static TOTAL_WORD: StaticRegex =
        StaticRegex::new(r"(?i)tổng(?:\s+số|\s+cộng)?(?:\s+[\p{L}]+){0,3}\s*[:là]*\s*$");
    let named = counts.iter().find(|f| {
        let before = &line[..f.span.start.saturating_sub(base)];
        // `tổng` in any case has `ổ` or `Ổ`.
        f.span != part.span
            && (before.contains('ổ') || before.contains('Ổ'))
            && TOTAL_WORD.is_match(before)
    });
    if let Some(total) = named {
        return Some((*total).clone());
    }
    counts
        .iter()
        .filter(|f| f.span != part.span && f.value >= part.value)
        .max_by(|a, b| a.value.total_cmp(&b.value))
        .map(|f| (*f).clone())
}

/// Every "part … chiếm/đạt P%" of `line` (starting at byte `base`) whose
/// passage names a total.
pub fn claims(line: &str, base: usize) -> Vec<Claim> {
    // Every claim has a figure followed by `%`.
    if memchr::memchr(b'%', line.as_bytes()).is_none() {
        return Vec::new();
    }
    // ... and a link word between two figures.
    if !has_link_word(line) {
        return Vec::new();
    }
    let all = figures(line, base);
    let counts: Vec<&Figure> = all.iter().filter(|f| is_count(f, line, base)).collect();
    let mut out = Vec::new();
    for (i, percent) in all.iter().enumerate() {
        if !percent.percent || i == 0 {
            continue;
        }
        // "đạt 101,3 % so với kế hoạch", "đạt 150% kế hoạch" compare with a
        // plan or a target, not with a total.
        // Only its start is compared (a head of the line: stays quick on
        // long lines).
        let after =
            line[percent.end - base..].trim_start_matches(|c: char| c.is_whitespace() || c == '(');
        if COMPARED_WITH
            .iter()
            .any(|w| starts_with_lowercased(after, w))
        {
            continue;
        }
        let Some(part) = all.get(i - 1) else { continue };
        if !counts.iter().any(|c| c.span == part.span) {
            continue;
        }
        let between = &line[part.end - base..percent.span.start - base];
        if !has_link_word(between) || !is_link(between) {
            continue;
        }
        let Some(total) = total_for(part, &counts, line, base) else {
            continue;
        };
        if total.value <= 0.0 {
            continue;
        }
        out.push(Claim {
            share: part.value / total.value * 100.0,
            part: part.clone(),
            percent: percent.clone(),
            total,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judged(line: &str) -> Vec<(String, String, bool)> {
        claims(line, 0)
            .into_iter()
            .map(|c| (c.part.text.clone(), c.total.text.clone(), c.agrees()))
            .collect()
    }

    #[test]
    fn seed_001_share_of_files_on_time() {
        let line = "+ Số lượng hồ sơ đã giải quyết: 5.415 hồ sơ: (trả trước thời hạn là: 5.307 hồ sơ chiếm 99,98 %, quá hạn 01 hồ sơ, chiếm 0,02%) .";
        assert_eq!(
            judged(line),
            vec![
                ("5.307".into(), "5.415".into(), false),
                ("01".into(), "5.415".into(), true)
            ]
        );
    }

    #[test]
    fn seed_001_online_files_agree() {
        let line = "+ Số hồ sơ tiếp nhận mới: 5.476 hồ sơ. Các lĩnh vực chủ yếu, trong đó: Hồ sơ nộp trực tuyến: 4.874 chiếm 89%; Hồ sơ nhận trực tiếp: 602 chiếm 11 %.";
        assert_eq!(
            judged(line),
            vec![
                ("4.874".into(), "5.476".into(), true),
                ("602".into(), "5.476".into(), true)
            ]
        );
    }

    #[test]
    fn a_named_total_wins_over_the_largest_count() {
        let line = "Năm 2025 cấp 9.000 tài khoản; tổng số 1.000 hộ, 250 hộ đạt 25%.";
        assert_eq!(judged(line), vec![("250".into(), "1.000".into(), true)]);
    }

    #[test]
    fn comparisons_with_the_plan_and_years_are_not_shares() {
        assert!(judged("Năm 2025 đạt 76%, đạt 101,3 % so với kế hoạch.").is_empty());
        assert!(judged("Có 90 người, 45 người đạt 101 % so với kế hoạch").is_empty());
        assert!(judged("Trong năm 2024 đạt 95%, năm 2025 đạt 96%").is_empty());
        let plan =
            "Có 1.000 hộ; 300 hộ tham gia tập huấn đạt 150% kế hoạch, 200 hộ đạt 80% chỉ tiêu";
        assert!(judged(plan).is_empty());
    }

    #[test]
    fn has_link_word_agrees_with_contains() {
        let mut texts = crate::templates::words::tests::sample_wordings();
        let pieces = [
            "chi", "ế", "m", "đ", "ạ", "t", "b", "ằ", "ng", "ẹ", " ", "chiếm", "đạt", "bằng",
        ];
        texts.extend(crate::sample_texts::all_strings(&pieces, 4));
        let mut held = 0;
        for text in &texts {
            let contains = LINK_WORDS.iter().any(|w| text.contains(w));
            held += usize::from(contains);
            assert_eq!(has_link_word(text), contains, "{text:?}");
        }
        assert!(held > 1000, "{held}");
    }

    /// The words between a count and its percentage, as the rule sees them
    /// in the example and fixture plans, and variants around each part.
    #[test]
    fn link_by_hand_agrees_with_the_regex() {
        let mut samples: Vec<String> = Vec::new();
        for doc in crate::document::parser::tests::example_and_fixture_texts() {
            for line in doc.lines() {
                let all = figures(line, 0);
                for pair in all.windows(2) {
                    let between = &line[pair[0].end..pair[1].span.start];
                    // The rule asks only for these.
                    if ["chiếm", "đạt", "bằng"].iter().any(|w| between.contains(w)) {
                        samples.push(between.to_owned());
                    }
                }
            }
        }
        let from_plans = samples.len();
        let parts = [
            "",
            " ",
            "  ",
            "\t",
            "\u{a0}",
            ",",
            ":",
            " , ",
            " : ",
            ",,",
            "::",
            "hồ",
            " hồ",
            " hồ sơ",
            " hồ sơ được giải quyết đúng hạn",
            " a b c d e f g h",
            " a b c d e f g h i",
            "x",
            "1",
            "chiếm",
            "đạt",
            "bằng",
            "Đạt",
            " tỷ lệ",
            " tỉ lệ",
            "tỷ lệ",
            " tỷlệ",
            " tỷ",
            " lệ",
            " ×",
            " ÷",
            " ª",
            " ǅ",
            " ạ",
            " Ω",
            " ঀ",
            "\u{301}",
            " a\u{301}",
            " -",
        ];
        for a in parts {
            for b in parts {
                for c in parts {
                    samples.push(format!("{a}{b}{c}"));
                    samples.push(format!("{a}chiếm{b}{c}"));
                    samples.push(format!("{a}{b}đạt{c}"));
                }
            }
        }
        for c in (0x80..0x2100).filter_map(char::from_u32) {
            samples.push(format!(" x{c} chiếm"));
            samples.push(format!(" {c}chiếm"));
        }
        let regex = regex::Regex::new(LINK_PATTERN).expect("valid regex");
        for sample in &samples {
            assert_eq!(is_link(sample), regex.is_match(sample), "{sample:?}");
        }
        // The plans' own words are read by hand.
        assert!(from_plans > 20, "{from_plans}");
        let by_hand = samples[..from_plans]
            .iter()
            .filter(|s| link_by_hand(s).is_some())
            .count();
        assert!(by_hand > from_plans * 9 / 10, "{by_hand} of {from_plans}");
        let letter = regex::Regex::new(r"^\p{L}$").expect("valid regex");
        for c in (0..0x2100).filter_map(char::from_u32) {
            if let Some(known) = known_letter(c) {
                assert_eq!(known, letter.is_match(c.encode_utf8(&mut [0; 4])), "{c:?}");
            }
        }
    }

    #[test]
    fn truncated_and_rounded_shares_are_accepted() {
        // 2/3 = 66,666…: 66,67 (rounded) and 66,66 (truncated) both pass.
        assert!(judged("tổng 3 hồ sơ, 2 hồ sơ chiếm 66,67%")[0].2);
        assert!(judged("tổng 3 hồ sơ, 2 hồ sơ chiếm 66,66%")[0].2);
        assert!(!judged("tổng 3 hồ sơ, 2 hồ sơ chiếm 66,5%")[0].2);
    }
}
