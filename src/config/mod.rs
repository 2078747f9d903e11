//! `rasoat.toml`: project configuration, found by searching upward from each
//! checked file (or forced with `--config`). Unknown keys, wrong types,
//! unknown rule ids and bad globs are errors that point at their line.
//!
//! ```toml
//! template = "ha-noi-2026"      # check against this template
//! plan-year = 2026              # instead of the year read from the plan
//! fail-on = "warning"           # error | warning | info
//! lang = "en"                   # vi | en
//!
//! [rules]
//! folders = ["quy-tac"]         # extra YAML rule folders, relative to this file
//!
//! [rules.levels]
//! latex-leftover = "off"        # off | info | warning | error
//!
//! [[overrides]]
//! files = ["nhap/**"]           # globs relative to this file's folder
//! levels = { year-mismatch = "info" }
//! ```

mod error;
mod resolve;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::lint::INPUT_FINDING_IDS;
use crate::rules::engine::RuleLevels;
use crate::rules::{Lang, RuleFileError, RuleSet};
use crate::templates::TemplateSet;

pub use error::ConfigError;
pub use resolve::{resolved, CliSettings, ConfigMode, FileSettings, Resolver};

pub const FILE_NAME: &str = "rasoat.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    pub template: Option<Spanned<String>>,
    pub plan_year: Option<Spanned<u16>>,
    pub fail_on: Option<Severity>,
    pub lang: Option<LangName>,
    #[serde(default)]
    pub rules: RulesSection,
    #[serde(default)]
    pub overrides: Vec<Override>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesSection {
    #[serde(default)]
    pub folders: Vec<Spanned<String>>,
    #[serde(default)]
    pub levels: BTreeMap<Spanned<String>, RuleLevel>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Override {
    pub files: Vec<Spanned<String>>,
    #[serde(default)]
    pub levels: BTreeMap<Spanned<String>, RuleLevel>,
    pub template: Option<Spanned<String>>,
    pub plan_year: Option<Spanned<u16>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Off,
    Info,
    Warning,
    Error,
}

impl RuleLevel {
    fn severity(self) -> Option<Severity> {
        match self {
            RuleLevel::Off => None,
            RuleLevel::Info => Some(Severity::Info),
            RuleLevel::Warning => Some(Severity::Warning),
            RuleLevel::Error => Some(Severity::Error),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LangName {
    Vi,
    En,
}

impl From<LangName> for Lang {
    fn from(lang: LangName) -> Lang {
        match lang {
            LangName::Vi => Lang::Vi,
            LangName::En => Lang::En,
        }
    }
}

/// A parsed, validated config with its compiled globs and rule set.
#[derive(Debug)]
pub struct LoadedConfig {
    pub path: PathBuf,
    /// Folder of the config file: globs and rule folders are relative to it.
    pub dir: PathBuf,
    pub file: ConfigFile,
    overrides: Vec<(GlobSet, GlobSet)>,
    /// The run's rules plus the config's own folders.
    pub rules: Arc<RuleSet>,
}

fn levels_of(levels: &BTreeMap<Spanned<String>, RuleLevel>) -> RuleLevels {
    levels
        .iter()
        .map(|(id, level)| (id.get_ref().clone(), level.severity()))
        .collect()
}

/// Built-in rules plus extra folders.
pub fn load_rules(cli_dirs: &[PathBuf], config_dirs: &[PathBuf]) -> Result<RuleSet, RuleFileError> {
    let mut rules = RuleSet::builtin()?;
    for dir in cli_dirs.iter().chain(config_dirs) {
        rules.add_dir(dir)?;
    }
    Ok(rules)
}

/// Parse and validate a config text: TOML syntax and types (serde), then rule
/// ids (against `base_rules` plus the config's own folders), template ids and
/// globs.
pub fn parse_config(
    path: &Path,
    text: &str,
    base_rules: &Arc<RuleSet>,
    cli_rule_dirs: &[PathBuf],
    templates: &TemplateSet,
) -> Result<LoadedConfig, ConfigError> {
    let file: ConfigFile = toml::from_str(text)
        .map_err(|e| ConfigError::new(path, text, e.message().trim_end().to_owned(), e.span()))?;
    let dir = resolved(path)
        .parent()
        .map(Path::to_owned)
        .unwrap_or_default();
    let error = |message: String, span: std::ops::Range<usize>| {
        ConfigError::new(path, text, message, Some(span))
    };
    for folder in &file.rules.folders {
        if !dir.join(folder.get_ref()).is_dir() {
            return Err(error(
                format!(
                    "rule folder `{}` does not exist (paths are relative to the config file)",
                    folder.get_ref()
                ),
                folder.span(),
            ));
        }
    }
    let folders: Vec<PathBuf> = file
        .rules
        .folders
        .iter()
        .map(|f| dir.join(f.get_ref()))
        .collect();
    let rules = if folders.is_empty() {
        base_rules.clone()
    } else {
        let span = file.rules.folders.first().map_or(0..0, |f| f.span());
        let span = file.rules.folders.iter().fold(span, |all, f| {
            all.start.min(f.span().start)..all.end.max(f.span().end)
        });
        Arc::new(
            load_rules(cli_rule_dirs, &folders)
                .map_err(|e| ConfigError::from_rules(path, text, span, e))?,
        )
    };
    let all_levels =
        std::iter::once(&file.rules.levels).chain(file.overrides.iter().map(|o| &o.levels));
    for levels in all_levels {
        for id in levels.keys() {
            let known = rules.get(id.get_ref()).is_some()
                || INPUT_FINDING_IDS.contains(&id.get_ref().as_str());
            if !known {
                return Err(error(
                    format!("unknown rule `{}` (see `rasoat rules`)", id.get_ref()),
                    id.span(),
                ));
            }
        }
    }
    let all_templates = file
        .template
        .iter()
        .chain(file.overrides.iter().filter_map(|o| o.template.as_ref()));
    for template in all_templates {
        if templates.get(template.get_ref()).is_none() {
            let known: Vec<&str> = templates.templates.iter().map(|t| t.id.as_str()).collect();
            return Err(error(
                format!(
                    "unknown template `{}` (known: {})",
                    template.get_ref(),
                    if known.is_empty() {
                        "none".to_owned()
                    } else {
                        known.join(", ")
                    }
                ),
                template.span(),
            ));
        }
    }
    let mut overrides = Vec::new();
    for over in &file.overrides {
        if over.files.is_empty() {
            return Err(ConfigError::new(
                path,
                text,
                "`files` of an override is empty".into(),
                None,
            ));
        }
        let mut full = GlobSetBuilder::new();
        let mut basename = GlobSetBuilder::new();
        for pattern in &over.files {
            let glob = GlobBuilder::new(pattern.get_ref())
                .literal_separator(true)
                .build()
                .map_err(|e| error(format!("bad glob: {e}"), pattern.span()))?;
            // Like .gitignore: a pattern without `/` matches a file name anywhere.
            if pattern.get_ref().contains('/') {
                full.add(glob);
            } else {
                basename.add(glob);
            }
        }
        let build = |b: GlobSetBuilder| b.build().unwrap_or_else(|_| GlobSet::empty());
        overrides.push((build(full), build(basename)));
    }
    Ok(LoadedConfig {
        path: path.to_owned(),
        dir,
        file,
        overrides,
        rules,
    })
}

/// The commented starter config `rasoat init` writes.
pub const STARTER: &str = include_str!("starter.toml");

/// `rasoat init`: write [`STARTER`] as `DIR/rasoat.toml`; an existing file is
/// never overwritten (`ErrorKind::AlreadyExists`).
pub fn write_starter(dir: &Path) -> std::io::Result<PathBuf> {
    use std::io::Write as _;
    let path = dir.join(FILE_NAME);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)?;
    file.write_all(STARTER.as_bytes())?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolved_removes_dot_and_dot_dot_of_missing_paths() {
        let path = resolved(Path::new("/khong-co/a/./b/../c.txt"));
        assert_eq!(path, PathBuf::from("/khong-co/a/c.txt"));
    }

    #[test]
    fn the_starter_config_parses() {
        let base = Arc::new(RuleSet::builtin().unwrap());
        let config = parse_config(
            Path::new("rasoat.toml"),
            STARTER,
            &base,
            &[],
            &TemplateSet::builtin(),
        )
        .unwrap();
        assert_eq!(config.file.fail_on, Some(Severity::Error));
        assert!(Arc::ptr_eq(&config.rules, &base));
    }
}
