//! Legacy Vietnamese font encodings (before Unicode): TCVN3/ABC (`.VnTime`,
//! `.VnArial`, …; the `…H` fonts draw every letter as a capital) and VNI
//! (`VNI-Times`, …). Word stores such runs as the windows-1252 reading of the
//! font's bytes, so "Kế hoạch" typed in `.VnTime` arrives as "KÕ ho¹ch".
//! The tables below are data: byte sequences as windows-1252 text → Unicode.

/// Which legacy encoding a font uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyEncoding {
    /// TCVN3 (ABC); `upper` for the capital-only `…H` fonts.
    Tcvn3 {
        upper: bool,
    },
    Vni,
}

impl LegacyEncoding {
    pub fn name(self) -> &'static str {
        match self {
            LegacyEncoding::Tcvn3 { .. } => "TCVN3 (ABC)",
            LegacyEncoding::Vni => "VNI",
        }
    }
}

/// The legacy encoding of a font name, if it is one.
pub fn encoding_of_font(font: &str) -> Option<LegacyEncoding> {
    let lower = font.trim().to_lowercase();
    if let Some(rest) = lower.strip_prefix(".vn") {
        // `.VnTimeH`, `.VnArialH`, `.VnCentury SchoolbookH`: capitals only.
        return Some(LegacyEncoding::Tcvn3 {
            upper: rest.ends_with('h') && !rest.ends_with("th"),
        });
    }
    if lower.starts_with("vni-") || lower.starts_with("vni ") {
        return Some(LegacyEncoding::Vni);
    }
    None
}

/// TCVN3: one byte per letter. Pairs of (windows-1252 text, Unicode).
const TCVN3: &[(&str, &str)] = &[
    ("¸µ¶·¹", "áàảãạ"),
    ("¨¾»¼½Æ", "ăắằẳẵặ"),
    ("©ÊÇÈÉË", "âấầẩẫậ"),
    ("ÐÌÎÏÑ", "éèẻẽẹ"),
    ("ªÕÒÓÔÖ", "êếềểễệ"),
    ("Ý×ØÜÞ", "íìỉĩị"),
    ("ãßáâä", "óòỏõọ"),
    ("«èåæçé", "ôốồổỗộ"),
    ("¬íêëìî", "ơớờởỡợ"),
    ("óïñòô", "úùủũụ"),
    ("\u{ad}øõö÷ù", "ưứừửữự"),
    ("ýúûüþ", "ýỳỷỹỵ"),
    ("®", "đ"),
    ("¡¢£¤¥¦§", "ĂÂÊÔƠƯĐ"),
];

/// VNI: a base letter followed by mark bytes. Pairs of (windows-1252
/// sequence, Unicode); lower case only, capitals are derived.
const VNI: &[(&str, &str)] = &[
    // a, ă, â with the five tones: sắc, huyền, hỏi, ngã, nặng.
    ("aù", "á"),
    ("aø", "à"),
    ("aû", "ả"),
    ("aõ", "ã"),
    ("aï", "ạ"),
    ("aê", "ă"),
    ("aé", "ắ"),
    ("aè", "ằ"),
    ("aú", "ẳ"),
    ("aü", "ẵ"),
    ("aë", "ặ"),
    ("aâ", "â"),
    ("aá", "ấ"),
    ("aà", "ầ"),
    ("aå", "ẩ"),
    ("aã", "ẫ"),
    ("aä", "ậ"),
    ("eù", "é"),
    ("eø", "è"),
    ("eû", "ẻ"),
    ("eõ", "ẽ"),
    ("eï", "ẹ"),
    ("eâ", "ê"),
    ("eá", "ế"),
    ("eà", "ề"),
    ("eå", "ể"),
    ("eã", "ễ"),
    ("eä", "ệ"),
    ("í", "í"),
    ("ì", "ì"),
    ("æ", "ỉ"),
    ("ó", "ĩ"),
    ("ò", "ị"),
    ("où", "ó"),
    ("oø", "ò"),
    ("oû", "ỏ"),
    ("oõ", "õ"),
    ("oï", "ọ"),
    ("oâ", "ô"),
    ("oá", "ố"),
    ("oà", "ồ"),
    ("oå", "ổ"),
    ("oã", "ỗ"),
    ("oä", "ộ"),
    ("ôù", "ớ"),
    ("ôø", "ờ"),
    ("ôû", "ở"),
    ("ôõ", "ỡ"),
    ("ôï", "ợ"),
    ("ô", "ơ"),
    ("uù", "ú"),
    ("uø", "ù"),
    ("uû", "ủ"),
    ("uõ", "ũ"),
    ("uï", "ụ"),
    ("öù", "ứ"),
    ("öø", "ừ"),
    ("öû", "ử"),
    ("öõ", "ữ"),
    ("öï", "ự"),
    ("ö", "ư"),
    ("yù", "ý"),
    ("yø", "ỳ"),
    ("yû", "ỷ"),
    ("yõ", "ỹ"),
    ("î", "ỵ"),
    ("ñ", "đ"),
];

/// Windows-1252 characters of bytes 0x80–0x9F, which Word may store instead
/// of the C1 control characters.
const CP1252_HIGH: &[(char, u8)] = &[
    ('€', 0x80),
    ('‚', 0x82),
    ('ƒ', 0x83),
    ('„', 0x84),
    ('…', 0x85),
    ('†', 0x86),
    ('‡', 0x87),
    ('ˆ', 0x88),
    ('‰', 0x89),
    ('Š', 0x8A),
    ('‹', 0x8B),
    ('Œ', 0x8C),
    ('Ž', 0x8E),
    ('‘', 0x91),
    ('’', 0x92),
    ('“', 0x93),
    ('”', 0x94),
    ('•', 0x95),
    ('–', 0x96),
    ('—', 0x97),
    ('˜', 0x98),
    ('™', 0x99),
    ('š', 0x9A),
    ('›', 0x9B),
    ('œ', 0x9C),
    ('ž', 0x9E),
    ('Ÿ', 0x9F),
];

/// Legacy fonts draw bytes, so first bring each character back to its byte
/// (as a Latin-1 char) when Word stored the windows-1252 reading.
fn as_latin1(c: char) -> char {
    CP1252_HIGH
        .iter()
        .find(|(cp, _)| *cp == c)
        .map(|&(_, b)| char::from(b))
        .unwrap_or(c)
}

/// Convert a run's text from a legacy encoding to Unicode.
pub fn to_unicode(text: &str, encoding: LegacyEncoding) -> String {
    let latin: Vec<char> = text.chars().map(as_latin1).collect();
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    match encoding {
        LegacyEncoding::Tcvn3 { upper } => {
            for &c in &latin {
                let converted = tcvn3_char(c).unwrap_or(c);
                if upper {
                    out.extend(converted.to_uppercase());
                } else {
                    out.push(converted);
                }
            }
        }
        LegacyEncoding::Vni => {
            let mut i = 0;
            while i < latin.len() {
                let (converted, used) = vni_at(&latin[i..]);
                out.push_str(&converted);
                i += used.max(1);
            }
        }
    }
    out
}

fn tcvn3_char(c: char) -> Option<char> {
    TCVN3.iter().find_map(|(from, to)| {
        from.chars()
            .position(|f| f == c)
            .and_then(|i| to.chars().nth(i))
    })
}

/// The longest VNI sequence at the start of `chars`: (Unicode, chars used).
fn vni_at(chars: &[char]) -> (String, usize) {
    for len in [2, 1] {
        let Some(window) = chars.get(..len) else {
            continue;
        };
        let lower: String = window.iter().flat_map(|c| c.to_lowercase()).collect();
        if let Some((_, to)) = VNI.iter().find(|(from, _)| *from == lower) {
            let capital = window.first().is_some_and(|c| c.is_uppercase());
            let converted = if capital {
                to.to_uppercase()
            } else {
                (*to).to_owned()
            };
            return (converted, len);
        }
    }
    (chars.first().map(|c| c.to_string()).unwrap_or_default(), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcvn3_text_becomes_unicode() {
        let enc = encoding_of_font(".VnTime").unwrap();
        assert_eq!(
            to_unicode("KÕ ho¹ch chuyÓn ®æi sè", enc),
            "Kế hoạch chuyển đổi số"
        );
        assert_eq!(to_unicode("§¶ng ñy x·", enc), "Đảng ủy xã");
    }

    #[test]
    fn tcvn3_capital_fonts_draw_capitals() {
        let enc = encoding_of_font(".VnTimeH").unwrap();
        assert_eq!(enc, LegacyEncoding::Tcvn3 { upper: true });
        assert_eq!(to_unicode("kÕ ho¹ch", enc), "KẾ HOẠCH");
        assert_eq!(
            encoding_of_font(".VnSouthern"),
            Some(LegacyEncoding::Tcvn3 { upper: false })
        );
    }

    #[test]
    fn vni_text_becomes_unicode() {
        let enc = encoding_of_font("VNI-Times").unwrap();
        assert_eq!(
            to_unicode("Keá hoaïch chuyeån ñoåi soá", enc),
            "Kế hoạch chuyển đổi số"
        );
        assert_eq!(to_unicode("Ñaûng uûy xaõ", enc), "Đảng ủy xã");
        assert_eq!(to_unicode("KEÁ HOAÏCH", enc), "KẾ HOẠCH");
        assert_eq!(to_unicode("ngöôøi daân", enc), "người dân");
    }

    #[test]
    fn unicode_fonts_are_not_legacy() {
        assert_eq!(encoding_of_font("Times New Roman"), None);
        assert_eq!(encoding_of_font("Arial"), None);
    }
}
