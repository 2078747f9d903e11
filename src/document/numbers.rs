//! Numbers in Vietnamese notation (`77,15%`, `1.665.600.000`), Roman
//! numerals and the Vietnamese letter order of lettered points.

/// Read a number written the Vietnamese way: `,` is the decimal mark and `.`
/// groups thousands (`77,15` → 77.15, `1.665.600.000` → 1665600000,
/// `5.476` → 5476). Text extracted from English-locale tools is also read:
/// `1,665,600` (several comma groups of three) and `1.5` (a dot not followed
/// by a group of three). `None` for anything else.
pub fn parse_vn_number(text: &str) -> Option<f64> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, text),
    };
    if digits.is_empty()
        || !digits.starts_with(|c: char| c.is_ascii_digit())
        || !digits.ends_with(|c: char| c.is_ascii_digit())
        || !digits
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return None;
    }
    // Digits alone (most table values): up to 15 digits are below 2^53,
    // so the integer is the float `str::parse` gives, without a copy.
    if digits.len() <= 15 && digits.bytes().all(|b| b.is_ascii_digit()) {
        let value = digits
            .bytes()
            .fold(0u64, |n, b| n * 10 + u64::from(b - b'0')) as f64;
        return Some(if negative { -value } else { value });
    }
    let dots = digits.matches('.').count();
    let commas = digits.matches(',').count();
    let grouped = |sep: char| {
        let mut parts = digits.split(sep);
        let first = parts.next().unwrap_or("");
        (1..=3).contains(&first.len()) && parts.all(|p| p.len() == 3)
    };
    let normalized: String = match (dots, commas) {
        (0, 0) => digits.to_owned(),
        (0, 1) => digits.replace(',', "."),
        (0, _) if grouped(',') => digits.replace(',', ""),
        (0, _) => return None,
        (_, 0) if grouped('.') => digits.replace('.', ""),
        (1, 0) => digits.to_owned(),
        (_, 0) => return None,
        _ => {
            // Both marks: the last one is the decimal mark.
            let last_dot = digits.rfind('.')?;
            let last_comma = digits.rfind(',')?;
            if last_comma > last_dot && commas == 1 {
                digits.replace('.', "").replace(',', ".")
            } else if last_dot > last_comma && dots == 1 {
                digits.replace(',', "")
            } else {
                return None;
            }
        }
    };
    let value: f64 = normalized.parse().ok()?;
    value
        .is_finite()
        .then_some(if negative { -value } else { value })
}

/// Value of a Roman numeral (`IV` → 4); `None` if not a well-formed one.
pub fn roman_value(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 15 {
        return None;
    }
    let digit = |c: char| match c.to_ascii_uppercase() {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let values: Vec<u32> = text.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0i64;
    for (i, &v) in values.iter().enumerate() {
        match values.get(i + 1) {
            Some(&next) if next > v => total -= i64::from(v),
            _ => total += i64::from(v),
        }
    }
    let total = u32::try_from(total).ok()?;
    // Reject non-canonical spellings such as `IIII` or `VX`.
    (to_roman(total).eq_ignore_ascii_case(text)).then_some(total)
}

/// Upper-case Roman numeral for `n` (1..4000).
pub fn to_roman(mut n: u32) -> String {
    const TABLE: &[(u32, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for &(value, symbol) in TABLE {
        while n >= value {
            out.push_str(symbol);
            n -= value;
        }
    }
    out
}

/// Letters of lettered points, in order: no f, j, w, z; `đ` follows `d`.
pub const VN_LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// Position of a point letter in the Vietnamese order (`đ` → 4); `None`
/// for letters outside it (`f`, `j`, `w`, `z`).
pub fn vn_letter_index(letter: &str) -> Option<usize> {
    let lower = letter.to_lowercase();
    VN_LETTERS.iter().position(|&l| l == lower)
}

/// The letter following `letter` in the Vietnamese order.
pub fn next_vn_letter(letter: &str) -> Option<&'static str> {
    vn_letter_index(letter).and_then(|i| VN_LETTERS.get(i + 1).copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_notation() {
        assert_eq!(parse_vn_number("77,15"), Some(77.15));
        assert_eq!(parse_vn_number("1.665.600.000"), Some(1_665_600_000.0));
        assert_eq!(parse_vn_number("5.476"), Some(5476.0));
        assert_eq!(parse_vn_number("101,3"), Some(101.3));
        assert_eq!(parse_vn_number("1.665,5"), Some(1665.5));
        assert_eq!(parse_vn_number("1,665,600"), Some(1_665_600.0));
        assert_eq!(parse_vn_number("1.5"), Some(1.5));
        assert_eq!(parse_vn_number("05"), Some(5.0));
        assert_eq!(parse_vn_number("1.2.3"), None);
        assert_eq!(parse_vn_number("abc"), None);
        assert_eq!(parse_vn_number(""), None);
        assert_eq!(parse_vn_number("12,"), None);
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman_value("IV"), Some(4));
        assert_eq!(roman_value("XII"), Some(12));
        assert_eq!(roman_value("iii"), Some(3));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("A"), None);
    }

    #[test]
    fn letter_order_puts_dd_after_d() {
        assert_eq!(vn_letter_index("đ"), Some(4));
        assert_eq!(next_vn_letter("d"), Some("đ"));
        assert_eq!(next_vn_letter("đ"), Some("e"));
        assert_eq!(next_vn_letter("e"), Some("g"));
        assert_eq!(vn_letter_index("f"), None);
    }

    /// The digits-only shortcut gives what parsing the copied digits gives.
    #[test]
    fn plain_digits_parse_as_before() {
        let reference = |t: &str| -> Option<f64> {
            let t = t.trim();
            let (neg, d) = match t.strip_prefix(['-', '−']) {
                Some(rest) => (true, rest.trim_start()),
                None => (false, t),
            };
            let v: f64 = d.parse().ok()?;
            Some(if neg { -v } else { v })
        };
        for text in [
            "0",
            "7",
            "90",
            "007",
            "100",
            "- 12",
            "−3",
            "999999999999999",
            "123456789012345",
            "1000000",
            " 42 ",
        ] {
            let got = parse_vn_number(text);
            assert_eq!(
                got.map(f64::to_bits),
                reference(text).map(f64::to_bits),
                "{text:?}"
            );
        }
    }
}
