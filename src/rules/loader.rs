//! YAML rule files → rule specs. Unknown keys, unknown kinds and malformed
//! values are errors that point at the line and column in the YAML file.

use std::collections::BTreeMap;

use miette::{Diagnostic as MietteDiagnostic, NamedSource, SourceSpan};
use serde::Deserialize;

use crate::diagnostic::Severity;

/// A text in Vietnamese and English. Placeholders such as `{found}` and
/// `{expected}` are filled by the kind that reports.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    pub vi: String,
    pub en: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Localized {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Texts on which the rule must fire.
    #[serde(default)]
    pub bad: Vec<String>,
    /// Texts on which the rule must stay silent.
    #[serde(default)]
    pub good: Vec<String>,
}

/// The closed set of rule kinds; each has one file in `src/rules/kinds/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KindName {
    Pattern,
    Substitution,
    Consistency,
    Repetition,
    Numbering,
    Year,
    Citation,
    Header,
    Arithmetic,
    Structure,
    Template,
    Lexicon,
}

impl KindName {
    pub fn as_str(self) -> &'static str {
        match self {
            KindName::Pattern => "pattern",
            KindName::Substitution => "substitution",
            KindName::Consistency => "consistency",
            KindName::Repetition => "repetition",
            KindName::Numbering => "numbering",
            KindName::Year => "year",
            KindName::Citation => "citation",
            KindName::Header => "header",
            KindName::Arithmetic => "arithmetic",
            KindName::Structure => "structure",
            KindName::Template => "template",
            KindName::Lexicon => "lexicon",
        }
    }
}

/// One rule as written in YAML: common fields, then the parameters of its
/// kind. Each kind reads the parameters it knows and rejects the others
/// (see `kinds::compile`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    pub id: String,
    pub kind: KindName,
    pub level: Severity,
    pub message: Localized,
    pub help: Option<Localized>,
    /// Where the rule comes from: a legal text, the domain notes, a URL.
    pub docs: Option<String>,
    #[serde(default)]
    pub examples: Examples,

    // --- kind parameters ---
    /// `pattern`: regexes (Rust `regex` syntax, linear time).
    #[serde(default)]
    pub patterns: Vec<String>,
    /// `pattern`, `substitution`, `consistency`: match ignoring case.
    #[serde(default)]
    pub ignore_case: bool,
    /// Match with diacritics folded away (`đ` → `d`).
    #[serde(default)]
    pub fold_diacritics: bool,
    /// `substitution`: wrong → right.
    #[serde(default)]
    pub swap: BTreeMap<String, String>,
    /// `substitution`, `pattern`: whether the replacement changes meaning.
    pub fix: Option<FixPolicy>,
    /// `consistency`: groups of variants that must not be mixed.
    #[serde(default)]
    pub variants: Vec<Vec<String>>,
    /// `repetition`, `pattern`, lexicon checks: phrases where a match is fine.
    #[serde(default)]
    pub exceptions: Vec<String>,
    /// Built-in kinds (`numbering`, `year`, `citation`, `header`,
    /// `arithmetic`, `structure`, `template`): which check of the kind.
    pub check: Option<String>,
    /// Phrases or names a check works with (sections expected, bodies out of date …).
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Free-form data for a check (a registry of known documents, a lexicon).
    pub data: Option<yaml_serde::Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FixPolicy {
    Safe,
    Unsafe,
    None,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    rules: Vec<RuleSpec>,
}

/// A rule file that could not be loaded, shown with miette at the YAML line.
#[derive(Debug)]
pub struct RuleFileError {
    pub path: String,
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub src: Box<NamedSource<String>>,
    pub span: Option<SourceSpan>,
}

impl std::fmt::Display for RuleFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                write!(f, "{}:{line}:{column}: {}", self.path, self.message)
            }
            _ => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for RuleFileError {}

impl MietteDiagnostic for RuleFileError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new("rasoat::invalid-rule-file"))
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(self.src.as_ref())
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = self.span?;
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_primary_with_span(Some("here".into()), span),
        )))
    }
}

impl RuleFileError {
    /// An error at a 1-based line/column of `text`.
    pub fn at(path: &str, text: &str, message: String, line: usize, column: usize) -> Self {
        let offset = offset_of(text, line, column);
        let len = text[offset..]
            .find('\n')
            .unwrap_or(text.len() - offset)
            .clamp(1, 80);
        let len = len.min(text.len().saturating_sub(offset));
        RuleFileError {
            path: path.to_owned(),
            message,
            line: Some(line),
            column: Some(column),
            src: Box::new(NamedSource::new(path, text.to_owned())),
            span: Some((offset, len).into()),
        }
    }

    pub fn whole_file(path: &str, text: &str, message: String) -> Self {
        RuleFileError {
            path: path.to_owned(),
            message,
            line: None,
            column: None,
            src: Box::new(NamedSource::new(path, text.to_owned())),
            span: None,
        }
    }

    /// An error about rule `id`: points at its `id:` line.
    pub fn for_rule(path: &str, text: &str, id: &str, message: String) -> Self {
        match line_of_key_value(text, "id", id) {
            Some(line) => Self::at(path, text, message, line, 1),
            None => Self::whole_file(path, text, message),
        }
    }

    /// An error inside the `occurrence`-th (0-based) rule with this `id` in
    /// the file: points at the key or value the message is about (the
    /// `patterns:` entry of a bad regex, a parameter the kind does not
    /// take), else at the `id:` line.
    pub fn inside_rule(
        path: &str,
        text: &str,
        id: &str,
        occurrence: usize,
        message: String,
    ) -> Self {
        match crate::rules::locate::id_line(text, id, occurrence) {
            Some(id_line) => {
                let (line, column) = crate::rules::locate::error_position(text, id_line, &message);
                // The line shown may not be the `id:` line: name the rule.
                let message = if message.contains(&format!("`{id}`")) {
                    message
                } else {
                    format!("rule `{id}`: {message}")
                };
                Self::at(path, text, message, line, column)
            }
            None => Self::for_rule(path, text, id, message),
        }
    }
}

/// Byte offset of a 1-based line/column (columns in characters).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let line_text = text[line_start..].split('\n').next().unwrap_or("");
    line_start
        + line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map(|(i, _)| i)
            .unwrap_or(line_text.len())
}

/// 1-based line of `key: value` (value unquoted or quoted).
pub fn line_of_key_value(text: &str, key: &str, value: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            let line = line.trim_start().trim_start_matches("- ").trim_start();
            line.strip_prefix(key)
                .and_then(|rest| rest.trim_start().strip_prefix(':'))
                .map(|v| v.trim().trim_matches(|c| c == '"' || c == '\'') == value)
                .unwrap_or(false)
        })
        .map(|i| i + 1)
}

/// Parse one rule file.
pub fn parse_rule_file(path: &str, text: &str) -> Result<Vec<RuleSpec>, RuleFileError> {
    let file: RuleFile = match from_builtin_json(text) {
        Some(file) => file,
        None => yaml_serde::from_str(text).map_err(|e| yaml_error(path, text, e))?,
    };
    for rule in &file.rules {
        if !is_kebab_case(&rule.id) {
            return Err(RuleFileError::for_rule(
                path,
                text,
                &rule.id,
                format!("rule id `{}` must be kebab-case (a-z, 0-9, -)", rule.id),
            ));
        }
    }
    Ok(file.rules)
}

/// A built-in file's values read from its JSON form (`None` for other
/// files, or when that fails: the YAML then gives the error).
pub fn from_builtin_json<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_str(crate::rules::builtin::json_of(text)?).ok()
}

pub fn yaml_error(path: &str, text: &str, error: yaml_serde::Error) -> RuleFileError {
    let message = error.to_string();
    // yaml_serde appends " at line L column C"; the span carries that already.
    let message = match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message,
    };
    match error.location() {
        Some(location) => {
            RuleFileError::at(path, text, message, location.line(), location.column())
        }
        None => RuleFileError::whole_file(path, text, message),
    }
}

pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl RuleSpec {
    /// Names of the kind parameters this rule sets, so a kind can reject the
    /// ones it does not use (`swap:` on a `numbering` rule is a mistake).
    pub fn given_params(&self) -> Vec<&'static str> {
        let mut given = Vec::new();
        let mut note = |set: bool, name: &'static str| {
            if set {
                given.push(name);
            }
        };
        note(!self.patterns.is_empty(), "patterns");
        note(self.ignore_case, "ignore_case");
        note(self.fold_diacritics, "fold_diacritics");
        note(!self.swap.is_empty(), "swap");
        note(self.fix.is_some(), "fix");
        note(!self.variants.is_empty(), "variants");
        note(!self.exceptions.is_empty(), "exceptions");
        note(self.check.is_some(), "check");
        note(!self.phrases.is_empty(), "phrases");
        note(self.data.is_some(), "data");
        given
    }

    /// Error unless every given parameter is in `allowed`.
    pub fn only_params(&self, allowed: &[&str]) -> Result<(), String> {
        match self
            .given_params()
            .into_iter()
            .find(|p| !allowed.contains(p))
        {
            None => Ok(()),
            Some(param) => Err(format!(
                "`{param}` is not a parameter of kind `{}` (it takes: {})",
                self.kind.as_str(),
                if allowed.is_empty() {
                    "none".to_owned()
                } else {
                    allowed.join(", ")
                }
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "rules:
  - id: typo-chuyen-doi-so
    kind: substitution
    level: warning
    message: { vi: \"Viết sai\", en: \"Misspelt\" }
    swap: { \"chuyên đổi số\": \"chuyển đổi số\" }
";

    #[test]
    fn loads_a_rule() {
        let rules = parse_rule_file("a.yaml", GOOD).unwrap();
        assert_eq!(rules[0].id, "typo-chuyen-doi-so");
        assert_eq!(rules[0].kind, KindName::Substitution);
    }

    #[test]
    fn unknown_key_points_at_its_line() {
        let text = GOOD.replace("    swap:", "    colour: red\n    swap:");
        let error = parse_rule_file("a.yaml", &text).unwrap_err();
        assert_eq!(error.line, Some(6), "{error}");
        assert!(error.message.contains("colour"), "{error}");
    }

    #[test]
    fn unknown_kind_points_at_its_line() {
        let text = GOOD.replace("kind: substitution", "kind: spelling");
        let error = parse_rule_file("a.yaml", &text).unwrap_err();
        assert_eq!(error.line, Some(3), "{error}");
    }

    #[test]
    fn syntax_error_points_at_its_line() {
        let text = GOOD.replace("level: warning", "level: [warning");
        let error = parse_rule_file("a.yaml", &text).unwrap_err();
        assert!(error.line.is_some(), "{error}");
    }

    #[test]
    fn built_in_files_read_the_same_from_json() {
        for (path, text) in crate::rules::builtin::RULE_FILES {
            let json: RuleFile =
                from_builtin_json(text).unwrap_or_else(|| panic!("{path}: no JSON form"));
            let yaml: RuleFile = yaml_serde::from_str(text).unwrap();
            assert_eq!(format!("{json:?}"), format!("{yaml:?}"), "{path}");
        }
        // Only the built-in text itself has a JSON form, not a copy of it.
        let (_, text) = crate::rules::builtin::RULE_FILES[0];
        let copy = String::from(text);
        assert!(from_builtin_json::<RuleFile>(copy.as_str()).is_none());
    }

    #[test]
    fn id_must_be_kebab_case() {
        let text = GOOD.replace("typo-chuyen-doi-so", "Typo_Chuyen");
        let error = parse_rule_file("a.yaml", &text).unwrap_err();
        assert_eq!(error.line, Some(2), "{error}");
    }
}
