//! Word's automatic numbering (`word/numbering.xml`): the label a reader sees
//! ("2.", "b)", "IV.") is not in the document text; it is rebuilt here from
//! the list definitions and counters. As in Word, the counters belong to the
//! abstract definition: list instances (numId) sharing it continue one
//! sequence, and an instance with a `startOverride` restarts the overridden
//! levels where it first appears.

use std::collections::HashMap;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::package::PackageError;
use super::xml::{attr, doctype_refused, too_deep, xml_error, MAX_DEPTH};

const LEVELS: usize = 9;

#[derive(Debug, Clone, Default)]
struct Level {
    start: Option<u32>,
    format: String,
    text: String,
    suffix: Option<String>,
    legal: bool,
}

#[derive(Debug, Clone, Default)]
struct Instance {
    abstract_id: String,
    start_overrides: HashMap<usize, u32>,
}

#[derive(Debug, Clone, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    instances: HashMap<String, Instance>,
    /// Current value per abstract definition and level; `None` until used
    /// or after a restart.
    counters: HashMap<String, [Option<u32>; LEVELS]>,
    /// Instances already met (their overrides apply once, where they start).
    started: std::collections::HashSet<String>,
}

impl Numbering {
    pub fn parse(xml: &[u8]) -> Result<Self, PackageError> {
        let mut reader = Reader::from_reader(xml);
        let mut numbering = Numbering::default();
        let mut abstract_id: Option<String> = None;
        let mut levels: Vec<Level> = Vec::new();
        let mut level: Option<usize> = None;
        let mut num: Option<(String, Instance)> = None;
        let mut override_level: Option<usize> = None;
        let mut depth = 0usize;
        let mut buf = Vec::new();
        loop {
            let event = reader
                .read_event_into(&mut buf)
                .map_err(|e| xml_error(&e))?;
            match &event {
                Event::DocType(_) => return Err(doctype_refused("word/numbering.xml")),
                Event::Start(e) | Event::Empty(e) => {
                    if matches!(event, Event::Start(_)) {
                        depth += 1;
                        if depth > MAX_DEPTH {
                            return Err(too_deep("word/numbering.xml"));
                        }
                    }
                    let value = || attr(e, b"val");
                    match e.local_name().as_ref() {
                        b"abstractNum" => {
                            abstract_id = attr(e, b"abstractNumId");
                            levels = vec![Level::default(); LEVELS];
                        }
                        b"lvl" if num.is_none() => {
                            level = attr(e, b"ilvl")
                                .and_then(|v| v.parse().ok())
                                .filter(|&l: &usize| l < LEVELS);
                        }
                        b"num" => {
                            num = attr(e, b"numId").map(|id| (id, Instance::default()));
                        }
                        b"abstractNumId" => {
                            if let (Some((_, instance)), Some(v)) = (&mut num, value()) {
                                instance.abstract_id = v;
                            }
                        }
                        b"lvlOverride" => {
                            override_level = attr(e, b"ilvl").and_then(|v| v.parse().ok());
                        }
                        b"startOverride" => {
                            if let (Some((_, instance)), Some(l), Some(v)) = (
                                &mut num,
                                override_level,
                                value().and_then(|v| v.parse().ok()),
                            ) {
                                instance.start_overrides.insert(l, v);
                            }
                        }
                        name => {
                            if let Some(lvl) = level.and_then(|l| levels.get_mut(l)) {
                                match name {
                                    b"start" => lvl.start = value().and_then(|v| v.parse().ok()),
                                    b"numFmt" => lvl.format = value().unwrap_or_default(),
                                    b"lvlText" => lvl.text = value().unwrap_or_default(),
                                    b"suff" => lvl.suffix = value(),
                                    b"isLgl" => lvl.legal = value().as_deref() != Some("0"),
                                    _ => {}
                                }
                            }
                        }
                    }
                }
                Event::End(e) => {
                    depth = depth.saturating_sub(1);
                    match e.local_name().as_ref() {
                        b"abstractNum" => {
                            if let Some(id) = abstract_id.take() {
                                numbering.abstracts.insert(id, std::mem::take(&mut levels));
                            }
                        }
                        b"lvl" => level = None,
                        b"num" => {
                            if let Some((id, instance)) = num.take() {
                                numbering.instances.insert(id, instance);
                            }
                        }
                        _ => {}
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        Ok(numbering)
    }

    /// Advance the counter of a paragraph numbered (numId, ilvl) and return
    /// the label Word shows, with its separator ("2. ", "b) "); `None` when
    /// the list is unknown or numbering is switched off (numId 0).
    pub fn next_label(&mut self, num_id: &str, level: usize) -> Option<String> {
        let instance = self.instances.get(num_id)?;
        let levels = self.abstracts.get(&instance.abstract_id)?;
        let def = levels.get(level)?;
        let start_of = |l: usize| -> u32 {
            instance
                .start_overrides
                .get(&l)
                .copied()
                .or_else(|| levels.get(l).and_then(|d| d.start))
                .unwrap_or(1)
        };
        let counters = self
            .counters
            .entry(instance.abstract_id.clone())
            .or_insert([None; LEVELS]);
        if self.started.insert(num_id.to_owned()) {
            for &overridden in instance.start_overrides.keys() {
                if let Some(slot) = counters.get_mut(overridden) {
                    *slot = None;
                }
            }
        }
        let current = counters.get(level).copied().flatten();
        let value = current.map_or(start_of(level), |v| v.saturating_add(1));
        if let Some(slot) = counters.get_mut(level) {
            *slot = Some(value);
        }
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = None;
        }
        let counters = *counters;
        if def.format == "none" {
            return Some(String::new());
        }
        let label = if def.format == "bullet" {
            bullet(&def.text)
        } else {
            expand(&def.text, |l| {
                let value = counters.get(l).copied().flatten().unwrap_or(start_of(l));
                let format = if def.legal {
                    "decimal"
                } else {
                    levels.get(l).map_or("decimal", |d| d.format.as_str())
                };
                format_number(value, format)
            })
        };
        if label.is_empty() {
            return Some(label);
        }
        let separator = match def.suffix.as_deref() {
            Some("nothing") => "",
            // A tab in Word; a space here, since a tab would make the line a table row.
            _ => " ",
        };
        Some(label + separator)
    }
}

/// `%1.%2.` → values of levels 0 and 1.
fn expand(template: &str, value: impl Fn(usize) -> String) -> String {
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek().and_then(|d| d.to_digit(10))) {
            ('%', Some(d @ 1..=9)) => {
                chars.next();
                out.push_str(&value(d as usize - 1));
            }
            _ => out.push(c),
        }
    }
    out
}

/// Bullets in symbol fonts use private-use characters; show them as "•".
fn bullet(text: &str) -> String {
    match text.trim() {
        "-" | "–" | "+" | "*" | "•" | "o" => text.trim().to_owned(),
        "" => String::new(),
        _ => "•".to_owned(),
    }
}

pub fn format_number(value: u32, format: &str) -> String {
    match format {
        "upperRoman" => roman(value),
        "lowerRoman" => roman(value).to_lowercase(),
        "upperLetter" => letters(value),
        "lowerLetter" => letters(value).to_lowercase(),
        "decimalZero" if value < 10 => format!("0{value}"),
        "decimalEnclosedParen" => format!("({value})"),
        _ => value.to_string(),
    }
}

fn roman(value: u32) -> String {
    if value == 0 || value >= 4000 {
        return value.to_string();
    }
    crate::document::numbers::to_roman(value)
}

/// Word's letters: A…Z, then AA…ZZ, AAA… (the English alphabet, as Word shows).
fn letters(value: u32) -> String {
    if value == 0 {
        return "0".into();
    }
    let index = (value - 1) % 26;
    let repeat = ((value - 1) / 26 + 1).min(50) as usize;
    let letter = char::from(b'A' + index as u8);
    std::iter::repeat_n(letter, repeat).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:numbering xmlns:w="w">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#61485;"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/>
        <w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>
    </w:numbering>"#;

    #[test]
    fn counters_restart_below_a_higher_level() {
        let mut n = Numbering::parse(XML.as_bytes()).unwrap();
        let labels: Vec<_> = [
            (0, 0),
            (1, 1),
            (1, 1),
            (2, 2),
            (2, 2),
            (1, 1),
            (0, 0),
            (1, 1),
        ]
        .iter()
        .map(|&(_, l)| n.next_label("1", l).unwrap())
        .collect();
        assert_eq!(
            labels,
            ["I. ", "1. ", "2. ", "a) ", "b) ", "3. ", "II. ", "1. "]
        );
    }

    #[test]
    fn instances_of_one_definition_share_the_counters() {
        let mut n = Numbering::parse(XML.as_bytes()).unwrap();
        let mut next = |id: &str, level| n.next_label(id, level).unwrap();
        assert_eq!(next("1", 0), "I. ");
        assert_eq!(next("1", 1), "1. ");
        assert_eq!(next("1", 1), "2. ");
        // numId 2 restarts level 1 at 5 where it first appears …
        assert_eq!(next("2", 1), "5. ");
        // … then both instances continue the same sequence.
        assert_eq!(next("1", 1), "6. ");
        assert_eq!(next("2", 1), "7. ");
        assert_eq!(next("2", 0), "II. ");
    }

    #[test]
    fn start_overrides_and_bullets() {
        let mut n = Numbering::parse(XML.as_bytes()).unwrap();
        assert_eq!(n.next_label("2", 1).unwrap(), "5. ");
        assert_eq!(n.next_label("3", 0).unwrap(), "• ");
        assert_eq!(n.next_label("9", 0), None);
    }

    #[test]
    fn word_letters_are_english() {
        let shown: Vec<_> = (1..=6).map(|v| format_number(v, "lowerLetter")).collect();
        assert_eq!(shown, ["a", "b", "c", "d", "e", "f"]);
        assert_eq!(format_number(27, "lowerLetter"), "aa");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
    }
}
