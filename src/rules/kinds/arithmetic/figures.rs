//! Figures as written in Vietnamese text: `.` groups thousands, `,` marks
//! decimals (`5.415`, `99,98`, `1.665.600.000`).

use crate::document::model::Span;
use crate::rules::lazy_regex::LazyRegex;

/// A number in the text with its written precision.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub span: Span,
    pub text: String,
    pub value: f64,
    /// Digits after the decimal comma.
    pub decimals: u32,
    /// Followed by `%`.
    pub percent: bool,
    /// End of the figure including a following `%`.
    pub end: usize,
}

impl Figure {
    /// A whole count of things (not a rate, not a decimal).
    pub fn is_count(&self) -> bool {
        !self.percent && self.decimals == 0
    }
}

/// Read `5.415`, `99,98`, `05` (no sign, no exponent). `None` when the
/// grouping is not Vietnamese (`1.5`, `12.34.5`).
pub fn read_number(text: &str) -> Option<(f64, u32)> {
    let (whole, fraction) = match text.split_once(',') {
        Some((w, f)) => (w, Some(f)),
        None => (text, None),
    };
    let mut groups = whole.split('.');
    let first = groups.next()?;
    if first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut digits = first.to_owned();
    for group in groups {
        if group.len() != 3 || !group.bytes().all(|b| b.is_ascii_digit()) || first.len() > 3 {
            return None;
        }
        digits.push_str(group);
    }
    let decimals = match fraction {
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => {
            digits.push('.');
            digits.push_str(f);
            u32::try_from(f.len()).ok()?
        }
        Some(_) => return None,
        None => 0,
    };
    let value: f64 = digits.parse().ok()?;
    value.is_finite().then_some((value, decimals))
}

/// Every figure of `line` (which starts at byte `base` of the text). Parts of
/// symbols, dates and codes (`749/QĐ-TTg`, `03/6/2020`, `5G`) are left out.
pub fn figures(line: &str, base: usize) -> Vec<Figure> {
    let mut out = Vec::new();
    for (start, end) in number_spans(line) {
        let m = &line[start..end];
        let before = line[..start].chars().next_back();
        let after_text = &line[end..];
        let after = after_text.chars().next();
        let glued = |c: Option<char>| {
            c.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '-' | '_' | '–'))
        };
        if glued(before) || glued(after) {
            continue;
        }
        let Some((value, decimals)) = read_number(m) else {
            continue;
        };
        let spaces = after_text.len() - after_text.trim_start_matches([' ', '\u{a0}']).len();
        let percent = after_text[spaces..].starts_with('%');
        let figure_end = if percent { end + spaces + 1 } else { end };
        out.push(Figure {
            span: Span::new(base + start, base + end),
            text: m.to_owned(),
            value,
            decimals,
            percent,
            end: base + figure_end,
        });
    }
    out
}

/// Where `\d+(?:[.,]\d+)*` matches in `line`, as `find_iter` finds them.
fn number_spans(line: &str) -> Vec<(usize, usize)> {
    match ascii_number_spans(line) {
        Some(spans) => spans,
        None => regex_number_spans(line),
    }
}

/// Whether a non-ASCII char may be a `\d` (Unicode Nd). None lies below
/// U+0660, among the Latin letters U+1E00..U+1EFF (Vietnamese) or in the
/// punctuation U+2000..U+206F: those are told apart without a table search.
fn may_be_digit(c: char) -> bool {
    let code = c as u32;
    let surely_not =
        code < 0x660 || (0x1E00..0x1F00).contains(&code) || (0x2000..0x2070).contains(&code);
    !surely_not && c.is_numeric()
}

fn regex_number_spans(line: &str) -> Vec<(usize, usize)> {
    static NUMBER: LazyRegex = LazyRegex::new(r"\d+(?:[.,]\d+)*");
    NUMBER
        .find_iter(line)
        .map(|m| (m.start(), m.end()))
        .collect()
}

/// [`number_spans`] by a scan of the bytes, when every digit of the line is
/// ASCII; `None` when a non-ASCII char may be a digit (`\d` is Unicode's).
fn ascii_number_spans(line: &str) -> Option<Vec<(usize, usize)>> {
    let bytes = line.as_bytes();
    let digits_from = |mut i: usize| {
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    };
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_digit() {
            let start = i;
            i = digits_from(i);
            while matches!(bytes.get(i), Some(b'.' | b','))
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            {
                i = digits_from(i + 1);
            }
            out.push((start, i));
        } else if (0xC2..=0xD8).contains(&b) {
            // U+0080..U+063F: no digit.
            i += 2;
        } else if b == 0xE1 && matches!(bytes.get(i + 1), Some(0xB8..=0xBB)) {
            // U+1E00..U+1EFF (Vietnamese letters): no digit.
            i += 3;
        } else if b >= 0xC0 {
            // A char's first byte.
            let c = line.get(i..)?.chars().next()?;
            if may_be_digit(c) {
                return None;
            }
            i += c.len_utf8();
        } else {
            i += 1;
        }
    }
    Some(out)
}

/// `value` written the Vietnamese way with `decimals` digits after the comma.
pub fn format_vn(value: f64, decimals: u32) -> String {
    let text = format!("{value:.*}", decimals as usize);
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w.to_owned(), Some(f.to_owned())),
        None => (text, None),
    };
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    match fraction {
        Some(f) => format!("{grouped},{f}"),
        None => grouped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_vietnamese_notation() {
        assert_eq!(read_number("5.415"), Some((5415.0, 0)));
        assert_eq!(read_number("99,98"), Some((99.98, 2)));
        assert_eq!(read_number("1.665.600.000"), Some((1_665_600_000.0, 0)));
        assert_eq!(read_number("01"), Some((1.0, 0)));
        assert_eq!(read_number("1.5"), None);
        assert_eq!(read_number("1234.567"), None);
        assert_eq!(read_number("12,"), None);
    }

    #[test]
    fn leaves_out_symbols_and_dates() {
        let line =
            "Quyết định số 749/QĐ-TTg ngày 03/6/2020: 5.307 hồ sơ chiếm 99,98 %, phủ sóng 5G";
        let found: Vec<_> = figures(line, 0)
            .into_iter()
            .map(|f| (f.text, f.percent))
            .collect();
        assert_eq!(
            found,
            vec![("5.307".to_owned(), false), ("99,98".to_owned(), true)]
        );
    }

    #[test]
    fn number_spans_agree_with_the_regex() {
        let mut lines = crate::templates::words::tests::sample_wordings();
        lines.extend(
            [
                "1.2.3,4,5 ..1. 1,,2 ١٢٣ 12٣.4 ٣.123 ²3 ½ 5G 0,5% 12.345.678,9",
                "x1.y 3..4 5,.6 ７.５ 1.0a 99,98 %",
            ]
            .map(str::to_owned),
        );
        // Every char skipped by its first byte, between digits.
        for range in [0x80..0x700, 0x1D00..0x2100] {
            let chars = range.filter_map(char::from_u32);
            lines.push(chars.flat_map(|c| [c, '1', c, '.', '2', ',']).collect());
        }
        let mut ascii = 0;
        for line in &lines {
            if let Some(spans) = ascii_number_spans(line) {
                assert_eq!(spans, regex_number_spans(line), "{line:?}");
                ascii += 1;
            }
            assert_eq!(number_spans(line), regex_number_spans(line), "{line:?}");
        }
        assert!(ascii > lines.len() * 9 / 10, "{ascii} of {}", lines.len());
        let skipped = (0x80..0x640)
            .chain(0x1E00..0x1F00)
            .filter_map(char::from_u32);
        let skipped: String = skipped.flat_map(|c| [c, '1', c, '.', '2']).collect();
        assert!(ascii_number_spans(&skipped).is_some());
        let digit = regex::Regex::new(r"^\d$").expect("valid regex");
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            if digit.is_match(c.encode_utf8(&mut [0; 4])) {
                assert!(may_be_digit(c), "{c:?}");
            }
        }
    }

    #[test]
    fn formats_vietnamese_notation() {
        assert_eq!(format_vn(98.0055, 2), "98,01");
        assert_eq!(format_vn(1_665_600_000.0, 0), "1.665.600.000");
        assert_eq!(format_vn(89.0, 0), "89");
    }
}
