//! The `data:` of citation rules: issuer classes, type codes, known documents.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::rules::kinds::pattern::rule_regex;
use crate::rules::lazy_regex::{Compile, GatedRegex};

/// `symbol-shape`: body codes of Party and state documents.
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
    pub also: Vec<String>,
    pub title: String,
}

#[derive(Debug)]
pub enum Data {
    None,
    Shape(ShapeData),
    Issuers(Vec<IssuerClass>),
    /// Type word (lower case) → the codes it takes.
    TypeCodes(BTreeMap<String, Vec<String>>),
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
            Ok(Data::Shape(from_value(value, what)?))
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
            Ok(Data::TypeCodes(
                map.into_iter()
                    .map(|(k, v)| (k.to_lowercase(), v))
                    .collect(),
            ))
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
                    Ok(Known {
                        key: super::symbol::key_of(&s.symbol),
                        symbol: s.symbol,
                        type_word: s.type_word,
                        date,
                        issuer: s.issuer,
                        also: s.also,
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

/// Lower case with the two tone placements of `ủy` made one.
pub fn fold_name(text: &str) -> String {
    text.to_lowercase()
        .replace("uỷ", "ủy")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether the issuer as cited starts with one of `names`.
pub fn names_match(issuer: &str, names: &[&str]) -> bool {
    let issuer = fold_name(issuer);
    names.iter().any(|n| {
        let n = fold_name(n);
        issuer.starts_with(&n)
    })
}
