//! The parts of a document symbol: `749/QĐ-TTg` (state: number/TYPE-BODY),
//! `57-NQ/TW` (Party: number-TYPE/BODY), `30/2020/NĐ-CP` (with a year),
//! `5511/BKHCN-CĐSQG` (a công văn: issuer-unit, no type code).

mod shape;

use shape::is_plain;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `57-NQ/TW`
    Party,
    /// `749/QĐ-TTg`, `30/2020/NĐ-CP`
    State,
    /// Anything else (`06/CP`).
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    /// Without spaces or leading zeros, upper case: the key two citations
    /// of one document share (`57- NQ/TW` and `57-NQ/TW`).
    pub key: String,
    pub number: String,
    pub year: Option<String>,
    pub style: Style,
    /// The segment a type code sits in (`NQ` in `57-NQ/TW`, `QĐ` in
    /// `749/QĐ-TTg`, `BKHCN` in `5511/BKHCN-CĐSQG`); whether it is a type
    /// code is for the caller to say.
    pub code: Option<String>,
    /// `TW`, `TTg`, `CP`, `UBND`, `CĐSQG`.
    pub body: Option<String>,
}

impl Symbol {
    pub fn parse(text: &str) -> Symbol {
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let key = key_of(&compact);
        let groups = if compact.chars().all(is_plain) {
            shape::party(&compact)
                .map(|g| (Style::Party, g))
                .or_else(|| shape::state(&compact).map(|g| (Style::State, g)))
        } else {
            shape::by_regex(&compact)
        };
        let owned = |range: Option<std::ops::Range<usize>>| range.map(|r| compact[r].to_owned());
        if let Some((style, [number, year, code, body])) = groups {
            return Symbol {
                key,
                number: owned(number).unwrap_or_default(),
                year: owned(year),
                style,
                code: owned(code),
                body: owned(body),
            };
        }
        let number = compact
            .chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>();
        Symbol {
            key,
            number,
            year: None,
            style: Style::Other,
            code: None,
            body: None,
        }
    }

    /// The same symbol written in the other style (`71-NQ/CP` → `71/NQ-CP`).
    pub fn restyled(&self) -> Option<String> {
        let (code, body) = (self.code.as_ref()?, self.body.as_ref()?);
        let year = self
            .year
            .as_ref()
            .map(|y| format!("/{y}"))
            .unwrap_or_default();
        Some(match self.style {
            Style::Party => format!("{}{year}/{code}-{body}", self.number),
            Style::State => format!("{}-{code}/{body}", self.number),
            Style::Other => return None,
        })
    }
}

/// Comparison key: no spaces, no leading zeros in the number, upper case.
pub fn key_of(symbol: &str) -> String {
    let compact: String = symbol.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = compact.len() - compact.trim_start_matches('0').len();
    let rest = &compact[digits..];
    let rest = if rest.starts_with(|c: char| c.is_ascii_digit()) {
        rest
    } else {
        // Keep one zero for the number `0`.
        &compact[digits.saturating_sub(1)..]
    };
    rest.to_uppercase()
}

/// Case-insensitive comparison of codes (`CTr` / `CTR`, `TTg` / `TTG`).
pub fn same_code(a: &str, b: &str) -> bool {
    a.to_uppercase() == b.to_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_styles() {
        let party = Symbol::parse("57- NQ/TW");
        assert_eq!(party.style, Style::Party);
        assert_eq!(party.key, "57-NQ/TW");
        assert_eq!(party.code.as_deref(), Some("NQ"));
        assert_eq!(party.body.as_deref(), Some("TW"));

        let state = Symbol::parse("30/2020/NĐ-CP");
        assert_eq!(state.style, Style::State);
        assert_eq!(state.year.as_deref(), Some("2020"));
        assert_eq!(state.code.as_deref(), Some("NĐ"));

        let letter = Symbol::parse("5511/BKHCN-CĐSQG");
        assert_eq!(letter.code.as_deref(), Some("BKHCN"));
        assert_eq!(letter.body.as_deref(), Some("CĐSQG"));

        assert_eq!(Symbol::parse("06/CP").style, Style::Other);
    }

    #[test]
    fn keys_ignore_leading_zeros_and_case() {
        assert_eq!(key_of("03/NQ-CP"), key_of("3/NQ-CP"));
        assert_eq!(key_of("749/QĐ-TTg"), "749/QĐ-TTG");
        assert_eq!(key_of("0/KH"), "0/KH");
    }

    #[test]
    fn restyles() {
        assert_eq!(
            Symbol::parse("71-NQ/CP").restyled().as_deref(),
            Some("71/NQ-CP")
        );
        assert_eq!(
            Symbol::parse("57/NQ-TW").restyled().as_deref(),
            Some("57-NQ/TW")
        );
    }
}
