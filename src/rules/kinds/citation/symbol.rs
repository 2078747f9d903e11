//! The parts of a document symbol: `749/QĐ-TTg` (state: number/TYPE-BODY),
//! `57-NQ/TW` (Party: number-TYPE/BODY), `30/2020/NĐ-CP` (with a year),
//! `5511/BKHCN-CĐSQG` (a công văn: issuer-unit, no type code).

mod shape;

use std::ops::Range;

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
    /// The symbol without white space (`57- NQ/TW` → `57-NQ/TW`).
    pub compact: String,
    /// Without spaces or leading zeros, upper case: the key two citations
    /// of one document share (`57- NQ/TW` and `57-NQ/TW`).
    pub key: String,
    pub style: Style,
    /// Byte ranges in `compact` of number, year, type code and body.
    parts: [Option<Range<usize>>; 4],
    /// [`Symbol::code`] and [`Symbol::body`] in upper case: codes are
    /// compared without regard to case (`CTr` / `CTR`, `TTg` / `TTG`).
    pub code_upper: Option<String>,
    pub body_upper: Option<String>,
}

impl Symbol {
    pub fn parse(text: &str) -> Symbol {
        let compact: String = if text.contains(char::is_whitespace) {
            text.chars().filter(|c| !c.is_whitespace()).collect()
        } else {
            text.to_owned()
        };
        let key = key_of_compact(&compact);
        let groups = if compact.chars().all(is_plain) {
            shape::party(&compact)
                .map(|g| (Style::Party, g))
                .or_else(|| shape::state(&compact).map(|g| (Style::State, g)))
        } else {
            shape::by_regex(&compact)
        };
        let (style, parts) = groups.unwrap_or_else(|| {
            let digits = compact.bytes().take_while(u8::is_ascii_digit).count();
            (Style::Other, [Some(0..digits), None, None, None])
        });
        let upper_part = |at: usize| parts[at].clone().map(|r| upper(&compact[r]));
        Symbol {
            code_upper: upper_part(2),
            body_upper: upper_part(3),
            compact,
            key,
            style,
            parts,
        }
    }

    fn part(&self, at: usize) -> Option<&str> {
        self.parts[at].clone().map(|r| &self.compact[r])
    }

    pub fn number(&self) -> &str {
        self.part(0).unwrap_or("")
    }

    pub fn year(&self) -> Option<&str> {
        self.part(1)
    }

    /// The segment a type code sits in (`NQ` in `57-NQ/TW`, `QĐ` in
    /// `749/QĐ-TTg`, `BKHCN` in `5511/BKHCN-CĐSQG`); whether it is a type
    /// code is for the caller to say.
    pub fn code(&self) -> Option<&str> {
        self.part(2)
    }

    /// `TW`, `TTg`, `CP`, `UBND`, `CĐSQG`.
    pub fn body(&self) -> Option<&str> {
        self.part(3)
    }

    /// The same symbol written in the other style (`71-NQ/CP` → `71/NQ-CP`).
    pub fn restyled(&self) -> Option<String> {
        let (code, body) = (self.code()?, self.body()?);
        let number = self.number();
        Some(match (self.style, self.year()) {
            (Style::Party, Some(year)) => format!("{number}/{year}/{code}-{body}"),
            (Style::Party, None) => format!("{number}/{code}-{body}"),
            (Style::State, _) => format!("{number}-{code}/{body}"),
            (Style::Other, _) => return None,
        })
    }
}

/// Comparison key: no spaces, no leading zeros in the number, upper case.
pub fn key_of(symbol: &str) -> String {
    let compact: String = symbol.chars().filter(|c| !c.is_whitespace()).collect();
    key_of_compact(&compact)
}

/// [`key_of`] of a symbol without white space.
fn key_of_compact(compact: &str) -> String {
    let digits = compact.len() - compact.trim_start_matches('0').len();
    let rest = &compact[digits..];
    let rest = if rest.starts_with(|c: char| c.is_ascii_digit()) {
        rest
    } else {
        // Keep one zero for the number `0`.
        &compact[digits.saturating_sub(1)..]
    };
    upper(rest)
}

/// `str::to_uppercase`, faster for ASCII.
pub fn upper(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_uppercase()
    } else {
        text.to_uppercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_styles() {
        let party = Symbol::parse("57- NQ/TW");
        assert_eq!(party.style, Style::Party);
        assert_eq!(party.key, "57-NQ/TW");
        assert_eq!(party.code(), Some("NQ"));
        assert_eq!(party.body(), Some("TW"));

        let state = Symbol::parse("30/2020/NĐ-CP");
        assert_eq!(state.style, Style::State);
        assert_eq!(state.year(), Some("2020"));
        assert_eq!(state.code(), Some("NĐ"));

        let letter = Symbol::parse("5511/BKHCN-CĐSQG");
        assert_eq!(letter.code(), Some("BKHCN"));
        assert_eq!(letter.body(), Some("CĐSQG"));

        assert_eq!(Symbol::parse("06/CP").style, Style::Other);
    }

    #[test]
    fn keys_ignore_leading_zeros_and_case() {
        assert_eq!(key_of("03/NQ-CP"), key_of("3/NQ-CP"));
        assert_eq!(key_of("749/QĐ-TTg"), "749/QĐ-TTG");
        assert_eq!(key_of("0/KH"), "0/KH");
    }

    #[test]
    fn codes_in_upper_case() {
        let symbol = Symbol::parse("12/ctr-ttg");
        assert_eq!(symbol.code_upper.as_deref(), Some("CTR"));
        assert_eq!(symbol.body_upper.as_deref(), Some("TTG"));
        assert_eq!(Symbol::parse("3-nq/đu").body_upper.as_deref(), Some("ĐU"));
        assert_eq!(Symbol::parse("06/CP").code_upper, None);
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
