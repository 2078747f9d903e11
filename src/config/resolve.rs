//! Which config applies to which file, and the settings it gives.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{levels_of, load_rules, parse_config, ConfigError, LoadedConfig, FILE_NAME};
use crate::diagnostic::Severity;
use crate::lint::LintOptions;
use crate::rules::{Lang, RuleFileError, RuleSet};
use crate::templates::TemplateSet;

/// Settings every file gets from the command line; they win over a config.
#[derive(Debug, Clone, Default)]
pub struct CliSettings {
    pub lang: Option<Lang>,
    pub template: Option<String>,
    pub fail_on: Option<Severity>,
    pub rule_dirs: Vec<PathBuf>,
}

/// What one file is checked with.
#[derive(Debug, Clone)]
pub struct FileSettings {
    pub options: LintOptions,
    pub fail_on: Severity,
    pub rules: Arc<RuleSet>,
    /// The config that applied, if any.
    pub config: Option<PathBuf>,
}

/// Where configuration comes from.
#[derive(Debug, Clone)]
pub enum ConfigMode {
    /// Search upward from each file for `rasoat.toml`.
    Discover,
    /// `--config FILE`: this one for every file.
    Forced(PathBuf),
    /// `--no-config`.
    Disabled,
}

/// Finds, loads (once each) and applies configs for the files of a run.
pub struct Resolver<'t> {
    mode: ConfigMode,
    cli: CliSettings,
    templates: &'t TemplateSet,
    /// Built-in rules and `--rules` folders.
    base_rules: Arc<RuleSet>,
    configs: HashMap<PathBuf, Arc<LoadedConfig>>,
    found_in: HashMap<PathBuf, Option<PathBuf>>,
}

impl<'t> Resolver<'t> {
    pub fn new(
        mode: ConfigMode,
        cli: CliSettings,
        templates: &'t TemplateSet,
    ) -> Result<Self, RuleFileError> {
        let base = load_rules(&cli.rule_dirs, &[])?;
        Ok(Self::with_base_rules(mode, cli, templates, base))
    }

    /// As [`Resolver::new`], with the built-in rules and `--rules` folders
    /// loaded already.
    pub fn with_base_rules(
        mode: ConfigMode,
        cli: CliSettings,
        templates: &'t TemplateSet,
        base_rules: RuleSet,
    ) -> Self {
        Resolver {
            mode,
            cli,
            templates,
            base_rules: Arc::new(base_rules),
            configs: HashMap::new(),
            found_in: HashMap::new(),
        }
    }

    /// Built-in rules and `--rules` folders (configs may add more).
    pub fn base_rules(&self) -> &Arc<RuleSet> {
        &self.base_rules
    }

    /// The settings for one file: command line over the matching overrides
    /// over the config's top level over the defaults.
    pub fn settings_for(&mut self, file: &Path) -> Result<FileSettings, ConfigError> {
        let config_path = match &self.mode {
            ConfigMode::Disabled => None,
            ConfigMode::Forced(path) => Some(path.clone()),
            ConfigMode::Discover => self.discover(file),
        };
        let Some(config_path) = config_path else {
            return Ok(self.without_config());
        };
        let config = self.load(&config_path)?;
        let mut options = LintOptions {
            lang: self
                .cli
                .lang
                .or(config.file.lang.map(Lang::from))
                .unwrap_or_default(),
            template: config.file.template.as_ref().map(|t| t.get_ref().clone()),
            plan_year: config.file.plan_year.as_ref().map(|y| *y.get_ref()),
            levels: levels_of(&config.file.rules.levels),
        };
        let relative = relative_to(file, &config.dir);
        for (over, (full, basename)) in config.file.overrides.iter().zip(&config.overrides) {
            let name = relative.file_name().map(Path::new).unwrap_or(&relative);
            if !(full.is_match(&relative) || basename.is_match(name)) {
                continue;
            }
            if let Some(template) = &over.template {
                options.template = Some(template.get_ref().clone());
            }
            if let Some(year) = &over.plan_year {
                options.plan_year = Some(*year.get_ref());
            }
            options.levels.extend(levels_of(&over.levels));
        }
        if let Some(template) = &self.cli.template {
            options.template = Some(template.clone());
        }
        Ok(FileSettings {
            options,
            fail_on: self
                .cli
                .fail_on
                .or(config.file.fail_on)
                .unwrap_or(Severity::Error),
            rules: config.rules.clone(),
            config: Some(config.path.clone()),
        })
    }

    fn without_config(&self) -> FileSettings {
        FileSettings {
            options: LintOptions {
                lang: self.cli.lang.unwrap_or_default(),
                template: self.cli.template.clone(),
                ..LintOptions::default()
            },
            fail_on: self.cli.fail_on.unwrap_or(Severity::Error),
            rules: self.base_rules.clone(),
            config: None,
        }
    }

    /// The nearest `rasoat.toml` in the file's folder or above.
    fn discover(&mut self, file: &Path) -> Option<PathBuf> {
        let start = resolved(file).parent()?.to_owned();
        if let Some(found) = self.found_in.get(&start) {
            return found.clone();
        }
        let found = start
            .ancestors()
            .map(|dir| dir.join(FILE_NAME))
            .find(|candidate| candidate.is_file());
        self.found_in.insert(start, found.clone());
        found
    }

    fn load(&mut self, path: &Path) -> Result<Arc<LoadedConfig>, ConfigError> {
        if let Some(config) = self.configs.get(path) {
            return Ok(config.clone());
        }
        let text = std::fs::read_to_string(path).map_err(|e| {
            ConfigError::new(path, "", format!("cannot read the config: {e}"), None)
        })?;
        let config = Arc::new(parse_config(
            path,
            &text,
            &self.base_rules,
            &self.cli.rule_dirs,
            self.templates,
        )?);
        self.configs.insert(path.to_owned(), config.clone());
        Ok(config)
    }
}

/// The absolute, symlink-free path (`..` resolved) when it exists, else the
/// absolute path with `.` and `..` removed lexically. Globs, discovery and
/// baselines compare such paths.
pub fn resolved(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `file` relative to `dir` when it lies inside it, else as given.
fn relative_to(file: &Path, dir: &Path) -> PathBuf {
    resolved(file)
        .strip_prefix(dir)
        .map(Path::to_owned)
        .unwrap_or_else(|_| file.to_owned())
}
