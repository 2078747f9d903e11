//! Template YAML files → [`Template`]s. Unknown keys and malformed values are
//! errors at the YAML line and column (the same error type as rule files);
//! `extends:` is resolved here, so a [`Template`] carries every indicator.

use serde::Deserialize;

use super::{Authority, Direction, Indicator, Recognition, Template, TemplateSet};
use crate::rules::loader::{
    from_builtin_json, is_kebab_case, line_of_key_value, yaml_error, RuleFileError,
};

/// One template file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateFile {
    pub id: String,
    pub title: String,
    pub authority: AuthorityFile,
    pub year: Option<u16>,
    pub extends: Option<String>,
    #[serde(default)]
    pub recognise: RecognitionFile,
    /// Ids of inherited indicators that do not apply to this template.
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub indicators: Vec<IndicatorFile>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorityFile {
    pub document: String,
    pub symbol: String,
    pub date: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecognitionFile {
    #[serde(default)]
    pub cites: Vec<String>,
    #[serde(default)]
    pub places: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorFile {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
    pub group: Option<String>,
    pub mandatory: bool,
    pub direction: Direction,
    pub unit: Option<String>,
    pub minimum: Option<f64>,
    #[serde(default)]
    pub multi_year: bool,
}

/// A parsed file with where it came from, before `extends:` is resolved.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub path: String,
    pub text: String,
    pub file: TemplateFile,
}

/// Parse and validate one file on its own (ids, values); `extends:` is
/// checked when the set is resolved.
pub fn parse_file(path: &str, text: &str) -> Result<Parsed, RuleFileError> {
    let file: TemplateFile = match from_builtin_json(text) {
        Some(file) => file,
        None => yaml_serde::from_str(text).map_err(|e| yaml_error(path, text, e))?,
    };
    let at_id = |id: &str, message: String| match line_of_key_value(text, "id", id) {
        Some(line) => RuleFileError::at(path, text, message, line, 1),
        None => RuleFileError::whole_file(path, text, message),
    };
    if !is_kebab_case(&file.id) {
        return Err(at_id(
            &file.id,
            format!("template id `{}` must be kebab-case (a-z, 0-9, -)", file.id),
        ));
    }
    let mut seen: Vec<&str> = Vec::new();
    for indicator in &file.indicators {
        let id = indicator.id.as_str();
        if !is_kebab_case(id) {
            return Err(at_id(
                id,
                format!("indicator id `{id}` must be kebab-case (a-z, 0-9, -)"),
            ));
        }
        if seen.contains(&id) {
            return Err(at_id(
                id,
                format!("indicator id `{id}` is defined twice in this template"),
            ));
        }
        seen.push(id);
        if indicator.name.trim().is_empty() {
            return Err(at_id(id, format!("indicator `{id}` has an empty name")));
        }
        if let Some(minimum) = indicator.minimum {
            let rate = indicator.unit.as_deref() == Some("%");
            if !minimum.is_finite() || minimum < 0.0 || (rate && minimum > 100.0) {
                return Err(at_id(
                    id,
                    format!("indicator `{id}`: minimum {minimum} is not a possible target"),
                ));
            }
        }
        let name_words = super::matcher::tokens(&indicator.name);
        for keyword in &indicator.keywords {
            let words = super::matcher::tokens(keyword);
            if words.is_empty() {
                return Err(at_id(
                    id,
                    format!("indicator `{id}`: keyword `{keyword}` has no word left to match"),
                ));
            }
            // Otherwise the indicator's own name would not match it.
            if !words.iter().all(|w| name_words.contains(w)) {
                return Err(at_id(
                    id,
                    format!("indicator `{id}`: keyword `{keyword}` is not in its name"),
                ));
            }
        }
    }
    Ok(Parsed {
        path: path.to_owned(),
        text: text.to_owned(),
        file,
    })
}

/// Load every file, then resolve `extends:` (a parent may come later).
pub fn load_set<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<TemplateSet, RuleFileError> {
    let mut parsed: Vec<Parsed> = Vec::new();
    for (path, text) in files {
        let one = parse_file(path, text)?;
        if parsed.iter().any(|p| p.file.id == one.file.id) {
            return Err(error_at_key(
                &one,
                "id",
                &one.file.id,
                format!("template id `{}` is already defined", one.file.id),
            ));
        }
        parsed.push(one);
    }
    let mut set = TemplateSet::default();
    for one in &parsed {
        set.templates.push(resolve(one, &parsed, &mut Vec::new())?);
    }
    Ok(set)
}

/// Validate a template a province wrote: parse it, and resolve its
/// `extends:` against the built-in templates.
pub fn check_file(path: &str, text: &str) -> Result<Template, RuleFileError> {
    let one = parse_file(path, text)?;
    let mut known: Vec<Parsed> = crate::rules::builtin::TEMPLATE_FILES
        .iter()
        .filter_map(|(p, t)| parse_file(p, t).ok())
        .filter(|p| p.file.id != one.file.id)
        .collect();
    known.push(one.clone());
    resolve(&one, &known, &mut Vec::new())
}

fn error_at_key(one: &Parsed, key: &str, value: &str, message: String) -> RuleFileError {
    match line_of_key_value(&one.text, key, value) {
        Some(line) => RuleFileError::at(&one.path, &one.text, message, line, 1),
        None => RuleFileError::whole_file(&one.path, &one.text, message),
    }
}

/// The template with its parents' indicators merged in: inherited ones
/// first (minus `exclude:`), replaced in place by a same-id indicator of the
/// child, then the child's new ones.
fn resolve(
    one: &Parsed,
    all: &[Parsed],
    chain: &mut Vec<String>,
) -> Result<Template, RuleFileError> {
    let file = &one.file;
    if chain.contains(&file.id) {
        return Err(error_at_key(
            one,
            "extends",
            file.extends.as_deref().unwrap_or(""),
            format!(
                "`extends:` makes a cycle: {} → {}",
                chain.join(" → "),
                file.id
            ),
        ));
    }
    chain.push(file.id.clone());
    let mut indicators: Vec<Indicator> = match &file.extends {
        None => Vec::new(),
        Some(parent_id) => {
            let Some(parent) = all.iter().find(|p| &p.file.id == parent_id) else {
                let known: Vec<&str> = all.iter().map(|p| p.file.id.as_str()).collect();
                return Err(error_at_key(
                    one,
                    "extends",
                    parent_id,
                    format!(
                        "`extends: {parent_id}` names no known template (known: {})",
                        known.join(", ")
                    ),
                ));
            };
            resolve(parent, all, chain)?.indicators
        }
    };
    for excluded in &file.exclude {
        let before = indicators.len();
        indicators.retain(|i| &i.id != excluded);
        if indicators.len() == before {
            return Err(error_at_line_with(
                one,
                excluded,
                format!("`exclude:` names `{excluded}`, which no parent template defines"),
            ));
        }
    }
    for written in &file.indicators {
        let indicator = Indicator {
            id: written.id.clone(),
            name: written.name.trim().to_owned(),
            aliases: written.aliases.clone(),
            keywords: written.keywords.clone(),
            group: written.group.clone(),
            mandatory: written.mandatory,
            direction: written.direction,
            unit: written.unit.clone(),
            minimum: written.minimum,
            multi_year: written.multi_year,
            from: file.id.clone(),
        };
        match indicators.iter_mut().find(|i| i.id == indicator.id) {
            Some(inherited) => *inherited = indicator,
            None => indicators.push(indicator),
        }
    }
    chain.pop();
    Ok(Template {
        id: file.id.clone(),
        title: file.title.clone(),
        authority: Authority {
            document: file.authority.document.clone(),
            symbol: file.authority.symbol.clone(),
            date: file.authority.date.clone(),
        },
        year: file.year,
        extends: file.extends.clone(),
        recognise: Recognition {
            cites: file.recognise.cites.clone(),
            places: file.recognise.places.clone(),
        },
        indicators,
        origin: one.path.clone(),
        matcher: Default::default(),
    })
}

/// An error at the first line that mentions `needle` (list items such as
/// `exclude: [a, b]`).
fn error_at_line_with(one: &Parsed, needle: &str, message: String) -> RuleFileError {
    match one.text.lines().position(|l| l.contains(needle)) {
        Some(i) => RuleFileError::at(&one.path, &one.text, message, i + 1, 1),
        None => RuleFileError::whole_file(&one.path, &one.text, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_templates_read_the_same_from_json() {
        for (path, text) in crate::rules::builtin::TEMPLATE_FILES {
            let json: TemplateFile =
                from_builtin_json(text).unwrap_or_else(|| panic!("{path}: no JSON form"));
            let yaml: TemplateFile = yaml_serde::from_str(text).unwrap();
            assert_eq!(format!("{json:?}"), format!("{yaml:?}"), "{path}");
        }
    }

    const BASE: &str = "id: base
title: Base
authority: { document: \"Quyết định số 1/QĐ-TTg\", symbol: \"1/QĐ-TTg\" }
indicators:
  - id: phu-song-5g
    name: Tỷ lệ phủ sóng 5G
    mandatory: true
    direction: increase
    unit: \"%\"
    minimum: 70
  - id: ky-nang-so
    name: Tỷ lệ cán bộ được đào tạo kỹ năng số
    mandatory: true
    direction: increase
    unit: \"%\"
";

    const CHILD: &str = "id: child
title: Child
authority: { document: \"Kế hoạch số 2/KH-UBND\", symbol: \"2/KH-UBND\" }
extends: base
exclude: [ky-nang-so]
indicators:
  - id: phu-song-5g
    name: Tỷ lệ phủ sóng 5G trên địa bàn
    mandatory: true
    direction: increase
    unit: \"%\"
    minimum: 80
  - id: vneid
    name: Tỷ lệ người dân có tài khoản VNeID
    mandatory: false
    direction: increase
    unit: \"%\"
";

    #[test]
    fn extends_merges_overrides_and_excludes() {
        let set = load_set([("child.yaml", CHILD), ("base.yaml", BASE)]).unwrap();
        let child = set.get("child").unwrap();
        let ids: Vec<_> = child.indicators.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["phu-song-5g", "vneid"]);
        assert_eq!(child.indicators[0].minimum, Some(80.0));
        assert_eq!(child.indicators[0].from, "child");
    }

    #[test]
    fn unknown_key_points_at_its_line_and_column() {
        let text = BASE.replace("    minimum: 70", "    minimun: 70");
        let error = parse_file("base.yaml", &text).unwrap_err();
        assert_eq!(error.line, Some(10), "{error}");
        assert!(error.column.is_some(), "{error}");
        assert!(error.message.contains("minimun"), "{error}");
    }

    #[test]
    fn bad_direction_points_at_its_line() {
        let text = BASE.replace(
            "direction: increase\n    unit: \"%\"\n    minimum",
            "direction: up\n    unit: \"%\"\n    minimum",
        );
        let error = parse_file("base.yaml", &text).unwrap_err();
        assert_eq!(error.line, Some(8), "{error}");
    }

    #[test]
    fn unknown_parent_and_cycles_are_errors() {
        let orphan = CHILD.replace("extends: base", "extends: nowhere");
        let error = load_set([("child.yaml", orphan.as_str())]).unwrap_err();
        assert_eq!(error.line, Some(4), "{error}");
        let cyclic = BASE.replace("title: Base", "title: Base\nextends: child");
        let error = load_set([("base.yaml", cyclic.as_str()), ("child.yaml", CHILD)]).unwrap_err();
        assert!(error.message.contains("cycle"), "{error}");
    }

    #[test]
    fn duplicate_indicator_and_impossible_minimum_are_errors() {
        let twice = BASE.replace("id: ky-nang-so", "id: phu-song-5g");
        let error = parse_file("base.yaml", &twice).unwrap_err();
        assert!(error.message.contains("twice"), "{error}");
        let over = BASE.replace("minimum: 70", "minimum: 170");
        assert!(parse_file("base.yaml", &over).is_err());
    }
}
