//! The `data:` of citation rules: issuer classes, type codes, known documents.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::symbol::upper;
use crate::rules::kinds::pattern::rule_regex;
use crate::rules::lazy_regex::{Compile, GatedRegex};

/// `symbol-shape`: body codes of Party and state documents, in upper case
/// once read.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShapeData {
    /// Written `number-TYPE/BODY`: `TW`, `TU`, `ĐU`, `BCĐTW`.
    pub party_bodies: Vec<String>,
    /// Written `number/TYPE-BODY`: `CP`, `TTg`, `UBND`.
    pub state_bodies: Vec<String>,
}

/// `symbol-issuer`: a class of issuers, the symbols they issue and the
/// phrases that name them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuerClassSpec {
    pub name: String,
    pub symbols: String,
    pub issuers: Vec<String>,
}

#[derive(Debug)]
pub struct IssuerClass {
    pub name: String,
    pub symbols: GatedRegex,
    /// The issuer names through [`fold_name`].
    pub folded_issuers: Vec<String>,
}

/// `registry-*`: one national document.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownSpec {
    pub symbol: String,
    #[serde(rename = "type")]
    pub type_word: String,
    /// `03/6/2020`
    pub date: String,
    pub issuer: String,
    /// Other names the issuer goes by (`Thủ tướng` for `Thủ tướng Chính phủ`).
    #[serde(default)]
    pub also: Vec<String>,
    pub title: String,
}

#[derive(Debug, Clone)]
pub struct Known {
    pub key: String,
    pub symbol: String,
    pub type_word: String,
    pub date: (u8, u8, u16),
    pub issuer: String,
    pub title: String,
    /// The issuer's names (`issuer` and `also`) through [`fold_name`].
    pub folded_names: Vec<String>,
}

/// `type-code`: the codes each type word takes.
#[derive(Debug)]
pub struct TypeCodes {
    /// Type word (lower case) → the codes it takes.
    pub by_word: BTreeMap<String, Codes>,
    /// The codes of all type words, in upper case.
    pub all_upper: Vec<String>,
}

#[derive(Debug)]
pub struct Codes {
    /// As the rule writes them.
    pub written: Vec<String>,
    /// In upper case, to compare.
    pub upper: Vec<String>,
}

#[derive(Debug)]
pub enum Data {
    None,
    Shape(ShapeData),
    Issuers(Vec<IssuerClass>),
    TypeCodes(TypeCodes),
    Registry(Vec<Known>),
}

fn from_value<T: for<'de> Deserialize<'de>>(
    value: &yaml_serde::Value,
    what: &str,
) -> Result<T, String> {
    yaml_serde::from_value(value.clone()).map_err(|e| format!("`data:` must be {what}: {e}"))
}

pub fn read(check: &str, data: Option<&yaml_serde::Value>, when: Compile) -> Result<Data, String> {
    let needs = |what: &str| format!("check `{check}` needs `data:` ({what})");
    match check {
        "symbol-shape" => {
            let what = "`party_bodies:` and `state_bodies:` lists";
            let value = data.ok_or_else(|| needs(what))?;
            let mut shape: ShapeData = from_value(value, what)?;
            for body in shape.party_bodies.iter_mut().chain(&mut shape.state_bodies) {
                *body = upper(body);
            }
            Ok(Data::Shape(shape))
        }
        "symbol-issuer" => {
            let what = "a list of `{name, symbols, issuers}`";
            let value = data.ok_or_else(|| needs(what))?;
            let specs: Vec<IssuerClassSpec> = from_value(value, what)?;
            let classes = specs
                .into_iter()
                .map(|s| {
                    Ok(IssuerClass {
                        symbols: rule_regex(&s.symbols, false, when)?,
                        name: s.name,
                        folded_issuers: s.issuers.iter().map(|i| fold_name(i)).collect(),
                    })
                })
                .collect::<Result<_, String>>()?;
            Ok(Data::Issuers(classes))
        }
        "type-code" => {
            let what = "a map from type words to their codes";
            let value = data.ok_or_else(|| needs(what))?;
            let map: BTreeMap<String, Vec<String>> = from_value(value, what)?;
            let by_word: BTreeMap<String, Codes> = map
                .into_iter()
                .map(|(word, written)| {
                    let upper = written.iter().map(|c| upper(c)).collect();
                    (word.to_lowercase(), Codes { written, upper })
                })
                .collect();
            let all_upper = by_word.values().flat_map(|c| c.upper.clone()).collect();
            Ok(Data::TypeCodes(TypeCodes { by_word, all_upper }))
        }
        "registry-date" | "registry-issuer" => {
            let what = "a list of `{symbol, type, date, issuer, title}`";
            let value = data.ok_or_else(|| needs(what))?;
            let specs: Vec<KnownSpec> = from_value(value, what)?;
            let known = specs
                .into_iter()
                .map(|s| {
                    let date = parse_date(&s.date).ok_or_else(|| {
                        format!(
                            "`data:` date `{}` of `{}` is not d/m/yyyy",
                            s.date, s.symbol
                        )
                    })?;
                    let folded_names = std::iter::once(&s.issuer)
                        .chain(&s.also)
                        .map(|n| fold_name(n))
                        .collect();
                    Ok(Known {
                        key: super::symbol::key_of(&s.symbol),
                        folded_names,
                        symbol: s.symbol,
                        type_word: s.type_word,
                        date,
                        issuer: s.issuer,
                        title: s.title,
                    })
                })
                .collect::<Result<_, String>>()?;
            Ok(Data::Registry(known))
        }
        _ => match data {
            Some(_) => Err(format!("check `{check}` takes no `data:`")),
            None => Ok(Data::None),
        },
    }
}

/// `03/6/2020` → (3, 6, 2020).
pub fn parse_date(text: &str) -> Option<(u8, u8, u16)> {
    let mut parts = text.trim().split('/');
    let day: u8 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let year: u16 = parts.next()?.parse().ok()?;
    let valid = parts.next().is_none() && (1..=31).contains(&day) && (1..=12).contains(&month);
    valid.then_some((day, month, year))
}

/// A date the way Nghị định 30/2020 writes it: day below 10 and months 1–2
/// with a leading zero (`03/6/2020`, `09/01/2025`).
pub fn format_date(day: u8, month: u8, year: u16) -> String {
    if month < 3 {
        format!("{day:02}/{month:02}/{year}")
    } else {
        format!("{day:02}/{month}/{year}")
    }
}

/// Lower case with the two tone placements of `ủy` made one, words
/// separated by one space. One pass over the characters; the same as
/// [`fold_name_reference`].
pub fn fold_name(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_whitespace() {
                space = !folded.is_empty();
                continue;
            }
            if space {
                folded.push(' ');
                space = false;
            }
            folded.push(c.to_ascii_lowercase());
            continue;
        }
        if c.is_whitespace() {
            space = !folded.is_empty();
            continue;
        }
        // `to_lowercase` reads a capital sigma in its context.
        if c == 'Σ' {
            return fold_name_reference(text);
        }
        if space {
            folded.push(' ');
            space = false;
        }
        match latin_lower(c) {
            Some(lower) => push_lower(&mut folded, lower),
            None => c.to_lowercase().for_each(|l| push_lower(&mut folded, l)),
        }
    }
    folded
}

fn push_lower(folded: &mut String, lower: char) {
    // `uỷ` → `ủy`: replacing in the lower-case text or as it is built is
    // one (no replacement ends in `u`).
    if lower == 'ỷ' && folded.ends_with('u') {
        folded.pop();
        folded.push_str("ủy");
    } else {
        folded.push(lower);
    }
}

/// `char::to_lowercase` of the Latin letters Vietnamese writes with (when
/// it is one character), from a table: the standard library searches its
/// tables for each of them.
fn latin_lower(c: char) -> Option<char> {
    const LATIN: std::ops::Range<u32> = 0x80..0x250;
    const EXTENDED: std::ops::Range<u32> = 0x1E00..0x1F00;
    static TABLE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let code = c as u32;
    let index = if LATIN.contains(&code) {
        code - LATIN.start
    } else if EXTENDED.contains(&code) {
        code - EXTENDED.start + LATIN.len() as u32
    } else {
        return None;
    };
    let table = TABLE.get_or_init(|| {
        LATIN
            .chain(EXTENDED)
            .map(|u| {
                let mut lower = char::from_u32(u).map(char::to_lowercase);
                match lower.as_mut().map(|l| (l.next(), l.next())) {
                    Some((Some(one), None)) => one,
                    // Several characters: left to `to_lowercase`.
                    _ => '\0',
                }
            })
            .collect()
    });
    table.get(index as usize).copied().filter(|&l| l != '\0')
}

/// [`fold_name`] as first written: the reference it must agree with.
fn fold_name_reference(text: &str) -> String {
    text.to_lowercase()
        .replace("uỷ", "ủy")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latin_table_is_to_lowercase() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            if let Some(lower) = latin_lower(c) {
                assert_eq!(c.to_lowercase().collect::<String>(), lower.to_string());
            }
        }
        assert_eq!(latin_lower('Ệ'), Some('ệ'));
        assert_eq!(latin_lower('İ'), None);
    }

    /// Every string over a small alphabet up to length 5, plus real names.
    #[test]
    fn fold_name_agrees_with_the_reference() {
        let alphabet = [
            "U", "u", "Ỷ", "ỷ", " ", "\u{a0}", "\t", "\u{b}", "Σ", "A", "Đ", "İ", "ủ", "y",
        ];
        let mut texts = crate::sample_texts::all_strings(&alphabet, 5);
        texts.extend(
            [
                "Ban Thường vụ Thành uỷ Hải Phòng",
                "  Ủy ban nhân dân  tỉnh ",
                "ΑΣ Σ ΑΣΑ",
                "Bộ KH&CN",
            ]
            .map(String::from),
        );
        for text in &texts {
            assert_eq!(fold_name(text), fold_name_reference(text), "{text:?}");
        }
    }
}
