//! `amount-in-words`: `1.665.600.000 đồng (Một tỷ, sáu trăm … đồng)` — the
//! words in the parentheses after a figure, read as a number, must equal it.
//! The words are read (accepting every usual spelling), never compared as
//! strings; the standard words are only shown as the fix.

use super::figures::format_vn;
use crate::diagnostic::Applicability;
use crate::document::model::Span;
use crate::document::number_words::{can_start_number, is_number_word, parse_words, to_words, MAX};
use crate::rules::engine::{CheckContext, Emitter};
use crate::rules::lazy_regex::{Groups as Captures, LazyRegex};
use crate::rules::loader::Lang;
use crate::rules::text::lines_holding;

/// A figure and the words written after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    /// The figure as written with its scale and unit (`1.665.600.000 đồng`).
    pub digits: String,
    pub value: u64,
    /// `triệu` in `500 triệu đồng (Năm trăm triệu đồng)`: words may omit it.
    pub scale: u64,
    /// From the first to the last number word.
    pub words_span: Span,
    pub words: String,
    /// `None` when the words are not a well-formed number.
    pub read: Option<u64>,
}

impl Amount {
    pub fn agrees(&self) -> bool {
        match self.read {
            Some(read) => read == self.value || read.checked_mul(self.scale) == Some(self.value),
            None => false,
        }
    }
}

pub fn check(ctx: &CheckContext, out: &mut Emitter) {
    // Only lines with `(` hold an amount in words.
    for (base, _, line) in lines_holding(ctx.text, b'(') {
        for amount in amounts(line, base) {
            if amount.agrees() {
                continue;
            }
            let read = match (amount.read, out.lang()) {
                (Some(n), _) => format_vn(n as f64, 0),
                (None, Lang::Vi) => "không thành một số".to_owned(),
                (None, Lang::En) => "not a well-formed number".to_owned(),
            };
            let mut expected = to_words(amount.value);
            if amount.words.starts_with(char::is_uppercase) {
                expected = capitalise(&expected);
            }
            let vars = [
                ("found", amount.words.as_str()),
                ("expected", expected.as_str()),
                ("digits", amount.digits.as_str()),
                ("read", read.as_str()),
            ];
            let raw = ctx.text.get(amount.words_span.start..amount.words_span.end);
            // A fix only when the words are plain text (no markup inside).
            if raw.is_some_and(|r| !r.contains(['<', '*', '_'])) {
                out.emit_with_fix(amount.words_span, &expected, Applicability::Unsafe, &vars);
            } else {
                out.emit(amount.words_span, &vars);
            }
        }
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn amount_regex() -> &'static LazyRegex {
    static AMOUNT: LazyRegex = LazyRegex::new(
        r"(?x)
            (?P<num>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<dec>\d+))?
            (?P<tail>\s*(?P<scale>tỷ|tỉ|triệu|nghìn|ngàn)?\s*(?P<unit>đồng|VNĐ|VND|đ)?)
            \s*[.,:;]?\s*\((?P<words>[^()\n]+)\)",
    );
    &AMOUNT
}

/// Currency words that may close the words (`… nghìn đồng chẵn`).
const CURRENCY: [&str; 4] = ["đồng", "chẵn", "vnđ", "vnd"];

/// Every figure of `line` followed by number words in parentheses.
pub fn amounts(line: &str, base: usize) -> Vec<Amount> {
    // The regex has no literal to look for, so it is run only on the
    // stretch around each `(` where a match may lie (see [`amount_windows`]).
    let mut out = Vec::new();
    for window in amount_windows(line) {
        if let Some(caps) = amount_regex().captures_iter_in(line, window).next() {
            out.extend(amount(line, base, &caps));
        }
    }
    out
}

/// Where each match of [`amount_regex`] in `line` lies, in order: a match
/// ends with `(`, words without `(`, `)` or a line break, and `)`; before
/// its `(` come the figure (digits, `.` and `,`), then only white space,
/// `.`, `,`, `:`, `;` and the letters of the scale and unit words, none of
/// them a digit. So the stretch from the start of the figure's run before a
/// `(` to the first `)` after it holds every match using that `(`, and a
/// match of the regex in it is one in the line, and the leftmost one there;
/// no match starts between two stretches.
fn amount_windows(line: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    // White space, `[.,:;]` and the letters of `tỷ`, `tỉ`, `triệu`,
    // `nghìn`, `ngàn`, `đồng`, `VNĐ`, `VND`, `đ`.
    let in_tail = |c: char| {
        matches!(
            c,
            '.' | ','
                | ':'
                | ';'
                | 't'
                | 'ỷ'
                | 'ỉ'
                | 'r'
                | 'i'
                | 'ệ'
                | 'u'
                | 'n'
                | 'g'
                | 'h'
                | 'ì'
                | 'à'
                | 'đ'
                | 'ồ'
                | 'V'
                | 'N'
                | 'Đ'
                | 'D'
        ) || c.is_whitespace()
    };
    let bytes = line.as_bytes();
    memchr::memchr_iter(b'(', bytes).filter_map(move |at| {
        // The figure ends with a digit.
        let before = line[..at].trim_end_matches(in_tail);
        if !before.chars().next_back().is_some_and(char::is_numeric) {
            return None;
        }
        // The figure is the run of digits, `.` and `,` ending there (no
        // digit stands between it and `(`).
        let start = before
            .trim_end_matches(|c: char| c.is_numeric() || matches!(c, '.' | ','))
            .len();
        let words = memchr::memchr3(b'(', b')', b'\n', &bytes[at + 1..])?;
        (bytes[at + 1 + words] == b')' && words > 0).then_some(start..at + words + 2)
    })
}

fn amount(line: &str, base: usize, caps: &Captures) -> Option<Amount> {
    let num = caps.name("num")?;
    let glued = line[..num.start()]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '-' | '.' | ','));
    // `năm 2026 (triệu đồng)`: a year or a date, not an amount.
    let word_before = line[..num.start()]
        .trim_end()
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    if glued || matches!(word_before.as_str(), "năm" | "ngày" | "tháng" | "quý") {
        return None;
    }
    let scale: u64 = match caps.name("scale").map(|m| m.as_str()) {
        Some("tỷ" | "tỉ") => 1_000_000_000,
        Some("triệu") => 1_000_000,
        Some("nghìn" | "ngàn") => 1_000,
        _ => 1,
    };
    let money = caps.name("unit").is_some();
    let value = exact_value(num.as_str(), caps.name("dec").map(|m| m.as_str()), scale)?;
    let words = caps.name("words")?;
    // At most 300 chars of words. The words run to the first `(`, `)` or
    // line end whatever the figure, so a longer run has no match from any
    // start before it (the regex says `+`, not `{1,300}`, which made its
    // automaton hundreds of times larger).
    if words.as_str().chars().count() > 300 {
        return None;
    }
    if words.as_str().contains(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let tokens = word_tokens(words.as_str());
    let mut tokens: Vec<(usize, usize, String)> = tokens
        .into_iter()
        .skip_while(|(_, _, w)| w == "bằng" || w == "chữ")
        .collect();
    let mut money = money;
    while tokens
        .last()
        .is_some_and(|(_, _, w)| CURRENCY.contains(&w.as_str()))
    {
        money = true;
        tokens.pop();
    }
    // Decimals in words (`một phẩy năm tỷ`, `một tỷ rưỡi`) are not read.
    if tokens
        .iter()
        .any(|(_, _, w)| matches!(w.as_str(), "phẩy" | "rưỡi" | "rưởi"))
    {
        return None;
    }
    let (first, last) = (tokens.first()?, tokens.last()?);
    if !can_start_number(&first.2) {
        return None;
    }
    let known = tokens.iter().filter(|(_, _, w)| is_number_word(w)).count();
    let all_known = known == tokens.len();
    // A few words that are not number words (a typo) still make an amount
    // when money is named and most words are numbers.
    let mostly_known = money && known * 5 >= tokens.len() * 3 && tokens.len() >= 3;
    if !(all_known || mostly_known) {
        return None;
    }
    let start = words.start() + first.0;
    let end = words.start() + last.1;
    let written = line[start..end]
        .split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '*' | '_'))
        .filter(|w| !w.is_empty() && !matches!(*w, "i" | "/i" | "em" | "/em" | "b" | "/b"))
        .collect::<Vec<_>>()
        .join(" ");
    let joined: Vec<&str> = tokens.iter().map(|(_, _, w)| w.as_str()).collect();
    let read = parse_words(&joined.join(" ")).ok();
    let tail = caps.name("tail").map(|m| m.as_str().trim()).unwrap_or("");
    let digits = if tail.is_empty() {
        num.as_str().to_owned()
    } else {
        format!(
            "{} {tail}",
            &line[num.start()..caps.name("dec").map_or(num.end(), |d| d.end())]
        )
    };
    Some(Amount {
        digits,
        value,
        scale,
        words_span: Span::new(base + start, base + end),
        words: written,
        read,
    })
}

/// Lower-case words of `text` with their byte ranges; markup tags are skipped.
fn word_tokens(text: &str) -> Vec<(usize, usize, String)> {
    word_spans(text)
        .into_iter()
        .map(|(start, end)| (start, end, text[start..end].to_lowercase()))
        .collect()
}

/// `WORD.find_iter(text)` without the tags (see [`regex_word_spans`]), read
/// by hand when every char is one [`letter_or_mark`] knows: the regex's
/// `\p{L}\p{M}` was most of the rule's cost on a single plan.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    hand_word_spans(text).unwrap_or_else(|| regex_word_spans(text))
}

/// [`word_spans`] by hand; `None` at a char [`letter_or_mark`] does not know.
fn hand_word_spans(text: &str) -> Option<Vec<(usize, usize)>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        if bytes[i] == b'<' {
            if let Some(end) = tag_end(text, i) {
                i = end;
                continue;
            }
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        match letter_or_mark(c) {
            None => return None,
            Some(false) => i += c.len_utf8(),
            Some(true) => {
                let start = i;
                for c in text[start..].chars() {
                    match letter_or_mark(c) {
                        None => return None,
                        Some(true) => i += c.len_utf8(),
                        Some(false) => break,
                    }
                }
                out.push((start, i));
            }
        }
    }
    Some(out)
}

/// The end of `</?[a-zA-Z]+>` at `at`, if one starts there.
fn tag_end(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = at + 1;
    if bytes.get(i) == Some(&b'/') {
        i += 1;
    }
    let letters = i;
    while bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
        i += 1;
    }
    (i > letters && bytes.get(i) == Some(&b'>')).then_some(i + 1)
}

/// Whether `c` is `[\p{L}\p{M}]`, for ASCII, Latin-1, Latin Extended-A/B,
/// the combining marks, U+1E00..U+1EFF and general punctuation; `None` for
/// the other chars.
fn letter_or_mark(c: char) -> Option<bool> {
    match c as u32 {
        0..=0x7F => Some(c.is_ascii_alphabetic()),
        0x80..=0xBF => Some(matches!(c, 'ª' | 'µ' | 'º')),
        0xC0..=0x24F => Some(!matches!(c, '×' | '÷')),
        0x300..=0x36F | 0x1E00..=0x1EFF => Some(true),
        0x2000..=0x206F => Some(false),
        _ => None,
    }
}

/// The regex [`word_spans`] reads by hand.
fn regex_word_spans(text: &str) -> Vec<(usize, usize)> {
    static WORD: LazyRegex = LazyRegex::new(r"</?[a-zA-Z]+>|[\p{L}\p{M}]+");
    WORD.find_iter(text)
        .filter(|m| !m.as_str().starts_with('<'))
        .map(|m| (m.start(), m.end()))
        .collect()
}

/// `1.665.600.000` → 1665600000; `1,5` with scale `tỷ` → 1500000000. `None`
/// when not a whole number or too large.
fn exact_value(whole: &str, decimals: Option<&str>, scale: u64) -> Option<u64> {
    let whole: u128 = whole.replace('.', "").parse().ok()?;
    let (fraction, digits): (u128, u32) = match decimals {
        Some(d) if d.len() <= 9 => (d.parse().ok()?, d.len() as u32),
        Some(_) => return None,
        None => (0, 0),
    };
    let denominator = 10u128.checked_pow(digits)?;
    let scaled = whole
        .checked_mul(denominator)?
        .checked_add(fraction)?
        .checked_mul(u128::from(scale))?;
    if scaled % denominator != 0 {
        return None;
    }
    let value = u64::try_from(scaled / denominator).ok()?;
    (value <= MAX).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_spans_agree_with_the_regex() {
        let mut texts = crate::templates::words::tests::sample_wordings();
        texts.extend(
            [
                "<i>Một tỷ</i>, <b >hai</b> <> </> <1> a<b>c</b>d <em>ba</em>",
                "<<i>a>> </i/> <ab <abc> Ω ǅ ×÷ a\u{301}b \u{301}",
            ]
            .map(str::to_owned),
        );
        let known = texts.len();
        for range in [0..0x250, 0x300..0x370, 0x1E00..0x1F00, 0x2000..0x2070] {
            let chars = range.filter_map(char::from_u32);
            texts.push(
                chars
                    .flat_map(|c| [c, 'a', c, ' ', '<', 'b', '>'])
                    .collect(),
            );
        }
        for (i, text) in texts.iter().enumerate() {
            assert_eq!(word_spans(text), regex_word_spans(text), "{text:?}");
            if i >= known {
                assert!(hand_word_spans(text).is_some(), "{text:?}");
            }
        }
        let class = regex::Regex::new(r"^[\p{L}\p{M}]$").expect("valid regex");
        for c in (0..0x2100).filter_map(char::from_u32) {
            if let Some(known) = letter_or_mark(c) {
                assert_eq!(known, class.is_match(c.encode_utf8(&mut [0; 4])), "{c:?}");
            }
        }
    }

    /// [`amounts`] as first written: the regex run over the whole line.
    fn reference_amounts(line: &str, base: usize) -> Vec<Amount> {
        amount_regex()
            .captures_iter(line)
            .filter_map(|caps| amount(line, base, &caps))
            .collect()
    }

    /// Reading only the stretches around each `(` finds what the regex
    /// run over the whole line finds.
    #[test]
    fn amount_windows_find_every_amount() {
        let mut lines = crate::templates::words::tests::sample_wordings();
        for doc in crate::document::parser::tests::example_and_fixture_texts() {
            lines.extend(doc.lines().map(str::to_owned));
        }
        let tails = [
            "",
            " ",
            "tỷ",
            " triệu ",
            "nghìn đồng",
            " ngàn VNĐ",
            "VND",
            "đ",
            "đồng",
            "tỉ đ",
        ];
        let puncts = ["", ".", ",", " : ", ";", ";;"];
        for figure in [
            "5",
            "1.665.600.000",
            "1,5",
            "٣",
            "x",
            "2026",
            "12.34",
            "1.2345",
        ] {
            for tail in tails {
                for punct in puncts {
                    lines.push(format!("a {figure}{tail}{punct}(Năm trăm đồng) b"));
                    lines.push(format!("({figure}{tail}{punct}(hai)"));
                    lines.push(format!("{figure}{tail}{punct}(hai) {figure} (ba)(bốn)"));
                }
            }
        }
        let pieces = [
            "1", "2.000", ",5", " ", "(", ")", "(hai)", " triệu", " đồng", ".", "/", "\n", "a",
            "tin",
        ];
        lines.extend(crate::sample_texts::all_strings(&pieces, 4));
        let mut held = 0;
        for line in &lines {
            let reference = reference_amounts(line, 7);
            held += reference.len();
            assert_eq!(amounts(line, 7), reference, "{line:?}");
        }
        assert!(held > 1000, "{held}");
    }

    #[test]
    fn seed_003_words_disagree() {
        let line = "\t\t1.665.600.000 đồng ( <i>Một tỷ, sáu trăm sáu mươi lăm ngàn sáu trăm nghìn đồng</i> ),\t";
        let found = amounts(line, 0);
        assert_eq!(found.len(), 1, "{found:?}");
        let amount = &found[0];
        assert_eq!(amount.value, 1_665_600_000);
        assert_eq!(
            amount.words,
            "Một tỷ, sáu trăm sáu mươi lăm ngàn sáu trăm nghìn"
        );
        assert_eq!(
            &line[amount.words_span.start..amount.words_span.end],
            "Một tỷ, sáu trăm sáu mươi lăm ngàn sáu trăm nghìn"
        );
        assert!(!amount.agrees());
    }

    #[test]
    fn agreeing_words_in_any_spelling_pass() {
        for line in [
            "Tổng kinh phí: 1.665.600.000 đồng (Một tỷ, sáu trăm sáu mươi lăm triệu sáu trăm nghìn đồng).",
            "1.665.600.000 đồng (Bằng chữ: Một tỉ sáu trăm sáu mươi lăm triệu sáu trăm ngàn đồng chẵn)",
            "500 triệu đồng (Năm trăm triệu đồng)",
            "1,5 tỷ đồng (Một tỷ năm trăm triệu đồng)",
            "03 (ba) trụ cột",
            "25 (hai mươi lăm) người",
        ] {
            let found = amounts(line, 0);
            assert_eq!(found.len(), 1, "{line}");
            assert!(found[0].agrees(), "{line}: {found:?}");
        }
    }

    #[test]
    fn other_parentheses_are_not_amounts() {
        for line in [
            "Kết quả 2025 (năm học 2024-2025)",
            "đạt 95% (năm 2025)",
            "05 (Văn phòng HĐND và UBND)",
            "Điều 5 (năm học mới)",
            "749/QĐ-TTg (ba)",
            "Dự kiến phân bổ kinh phí năm 2026 (triệu đồng)",
            "Dự toán 300 (triệu đồng)",
            "1,5 tỷ đồng (Một phẩy năm tỷ đồng)",
            "1.500.000.000 đồng (Một tỷ rưỡi đồng)",
        ] {
            assert!(amounts(line, 0).is_empty(), "{line}");
        }
    }

    #[test]
    fn a_typo_in_the_words_of_money_is_reported() {
        let found = amounts("2.000.000 đồng (Hai triêu đồng)", 0);
        assert_eq!(
            found.len(),
            0,
            "two words, one unknown: not enough to judge"
        );
        let found = amounts("2.500.000 đồng (Hai triệu năm trăm nghìm đồng)", 0);
        assert_eq!(found.len(), 1);
        assert!(!found[0].agrees());
    }
}
