//! Figures as written in Vietnamese text: `.` groups thousands, `,` marks
//! decimals (`5.415`, `99,98`, `1.665.600.000`).

use std::sync::LazyLock;

use regex::Regex;

use crate::document::model::Span;

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
    static NUMBER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\d+(?:[.,]\d+)*").expect("valid regex"));
    let mut out = Vec::new();
    for m in NUMBER.find_iter(line) {
        let before = line[..m.start()].chars().next_back();
        let after_text = &line[m.end()..];
        let after = after_text.chars().next();
        let glued = |c: Option<char>| {
            c.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '-' | '_' | '–'))
        };
        if glued(before) || glued(after) {
            continue;
        }
        let Some((value, decimals)) = read_number(m.as_str()) else {
            continue;
        };
        let spaces = after_text.len() - after_text.trim_start_matches([' ', '\u{a0}']).len();
        let percent = after_text[spaces..].starts_with('%');
        let end = if percent {
            m.end() + spaces + 1
        } else {
            m.end()
        };
        out.push(Figure {
            span: Span::new(base + m.start(), base + m.end()),
            text: m.as_str().to_owned(),
            value,
            decimals,
            percent,
            end: base + end,
        });
    }
    out
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
    fn formats_vietnamese_notation() {
        assert_eq!(format_vn(98.0055, 2), "98,01");
        assert_eq!(format_vn(1_665_600_000.0, 0), "1.665.600.000");
        assert_eq!(format_vn(89.0, 0), "89");
    }
}
