//! Filling `{placeholders}` of a rule's message and help. Each template is
//! cut at its placeholders once per rule ([`Fills`]), so a finding's text is
//! put together from the pieces instead of searching the template again.

use std::sync::OnceLock;

use crate::rules::loader::{Lang, Localized};

/// Replace `{name}` by its value; unknown placeholders stay as written.
/// The result is that of replacing each name's placeholders in turn (where
/// a value with braces may make a placeholder for a later name), in one
/// pass when that gives the same.
pub fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    fill_cut(template, Cut::new(template).as_ref(), vars)
}

/// [`fill`] of `template`, whose cut is `cut` ([`Cut::new`]).
fn fill_cut(template: &str, cut: Option<&Cut>, vars: &[(&str, &str)]) -> String {
    let plain_names = !vars.iter().any(|(name, _)| has_brace(name));
    cut.filter(|_| plain_names)
        .and_then(|cut| cut.fill(vars))
        .unwrap_or_else(|| fill_in_turn(template, vars))
}

fn has_brace(text: &str) -> bool {
    // Most names and values are a few bytes: no call for them.
    if text.len() < 16 {
        text.bytes().any(|b| b == b'{' || b == b'}')
    } else {
        memchr::memchr2(b'{', b'}', text.as_bytes()).is_some()
    }
}

pub(super) fn fill_in_turn(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in vars {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A template cut at its placeholders: text, placeholder, text, …
#[derive(Debug, Clone, PartialEq)]
pub struct Cut {
    /// Text before each placeholder, and the placeholder's name.
    pieces: Vec<(String, String)>,
    /// Text after the last placeholder.
    tail: String,
}

impl Cut {
    /// The cut of a template whose braces alternate `{`, `}`, `{` …, or
    /// `None`. Filling such a template replacing each name in turn is
    /// filling it in one pass when no name, and no value put in, has a
    /// brace: then every placeholder is a pair of braces of the template
    /// with nothing replaced between them, so a name's turn replaces the
    /// placeholders of its name not replaced yet (all or none), and a
    /// replacement cannot join text into a new one. (Values of names that
    /// are not in the template, or come after the same name, are never put
    /// in: they may have braces.)
    pub fn new(template: &str) -> Option<Cut> {
        let mut pieces = Vec::new();
        let mut rest = template;
        while let Some(open) = memchr::memchr2(b'{', b'}', rest.as_bytes()) {
            let close = open + 1 + memchr::memchr2(b'{', b'}', &rest.as_bytes()[open + 1..])?;
            if rest.as_bytes()[open] != b'{' || rest.as_bytes()[close] != b'}' {
                return None;
            }
            pieces.push((rest[..open].to_owned(), rest[open + 1..close].to_owned()));
            rest = &rest[close + 1..];
        }
        Some(Cut {
            pieces,
            tail: rest.to_owned(),
        })
    }

    /// The template with each placeholder replaced by the first value of
    /// its name in `vars`, or kept as written when none has it; `None` when
    /// a value put in has a brace. Names must have none.
    fn fill(&self, vars: &[(&str, &str)]) -> Option<String> {
        let values: usize = vars.iter().map(|(_, value)| value.len()).sum();
        let texts: usize = self.pieces.iter().map(|(text, _)| text.len()).sum();
        let mut out = String::with_capacity(texts + self.tail.len() + values);
        for (text, name) in &self.pieces {
            out.push_str(text);
            match vars.iter().find(|(n, _)| n == name) {
                Some((_, value)) if has_brace(value) => return None,
                Some((_, value)) => out.push_str(value),
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            }
        }
        out.push_str(&self.tail);
        Some(out)
    }
}

/// The cuts of a rule's message and help in both languages, made on the
/// rule's first finding and kept with the rule.
#[derive(Debug, Clone, Default)]
pub struct Fills {
    /// Message Vietnamese, English; help Vietnamese, English.
    cuts: OnceLock<[Option<Cut>; 4]>,
}

impl Fills {
    fn cuts(&self, message: &Localized, help: Option<&Localized>) -> &[Option<Cut>; 4] {
        self.cuts.get_or_init(|| {
            let help_cut = |lang| help.and_then(|h| Cut::new(h.get(lang)));
            [
                Cut::new(message.get(Lang::Vi)),
                Cut::new(message.get(Lang::En)),
                help_cut(Lang::Vi),
                help_cut(Lang::En),
            ]
        })
    }

    /// [`fill`] of the message in `lang`.
    pub fn message(
        &self,
        message: &Localized,
        help: Option<&Localized>,
        lang: Lang,
        vars: &[(&str, &str)],
    ) -> String {
        let cut = &self.cuts(message, help)[lang_index(lang)];
        fill_cut(message.get(lang), cut.as_ref(), vars)
    }

    /// [`fill`] of the help in `lang`.
    pub fn help(
        &self,
        message: &Localized,
        help: &Localized,
        lang: Lang,
        vars: &[(&str, &str)],
    ) -> String {
        let cut = &self.cuts(message, Some(help))[2 + lang_index(lang)];
        fill_cut(help.get(lang), cut.as_ref(), vars)
    }
}

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::Vi => 0,
        Lang::En => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Filling in one pass gives what replacing each name in turn gives.
    #[test]
    fn fill_agrees_with_replacing_in_turn() {
        let pieces = [
            "{found}",
            "{expected}",
            "{x}",
            "{}",
            "{",
            "}",
            "{{found}}",
            "{fo",
            "und}",
            "a",
            " ",
            "Tìm thấy ",
            "{found",
            "expected}",
            "{{",
            "}}",
        ];
        let values = [
            "",
            "hạ tăng",
            "{x}",
            "{",
            "}",
            "x}",
            "{found}",
            "ok",
            "{expected",
        ];
        let names = ["found", "expected", "x", "", "found"];
        let mut next = crate::sample_texts::numbers_below(31);
        for round in 0..20_000 {
            let template: String = (0..round % 9).map(|_| pieces[next(pieces.len())]).collect();
            let vars: Vec<(&str, &str)> = (0..next(4))
                .map(|_| (names[next(names.len())], values[next(values.len())]))
                .collect();
            assert_eq!(
                fill(&template, &vars),
                fill_in_turn(&template, &vars),
                "{template:?} {vars:?}"
            );
            let localized = Localized {
                vi: template.clone(),
                en: format!("en {template}"),
            };
            let fills = Fills::default();
            for lang in [Lang::Vi, Lang::En] {
                assert_eq!(
                    fills.message(&localized, Some(&localized), lang, &vars),
                    fill_in_turn(localized.get(lang), &vars)
                );
                assert_eq!(
                    fills.help(&localized, &localized, lang, &vars),
                    fill_in_turn(localized.get(lang), &vars)
                );
            }
        }
    }
}
