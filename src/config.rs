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

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use miette::{NamedSource, SourceSpan};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::lint::{LintOptions, INPUT_FINDING_IDS};
use crate::rules::engine::RuleLevels;
use crate::rules::{Lang, RuleFileError, RuleSet};
use crate::templates::TemplateSet;

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

/// A configuration error, shown by miette with the offending line.
#[derive(Debug)]
pub struct ConfigError {
    pub path: String,
    pub message: String,
    /// 1-based line and column (characters) of the offending text.
    pub line_column: Option<(usize, usize)>,
    pub src: Box<NamedSource<String>>,
    pub span: Option<SourceSpan>,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line_column {
            Some((line, column)) => write!(f, "{}:{line}:{column}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl miette::Diagnostic for ConfigError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new("rasoat::invalid-config"))
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.span
            .map(|_| self.src.as_ref() as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = self.span?;
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_primary_with_span(Some("here".into()), span),
        )))
    }
}

impl ConfigError {
    fn new(path: &Path, text: &str, message: String, span: Option<std::ops::Range<usize>>) -> Self {
        let name = path.display().to_string();
        let span = span.map(|r| {
            let start = r.start.min(text.len());
            (start, r.end.clamp(start, text.len()) - start)
        });
        let line_column = span.map(|(start, _)| {
            let before = text.get(..start).unwrap_or_default();
            let line = before.matches('\n').count() + 1;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let column = before.get(line_start..).unwrap_or_default().chars().count() + 1;
            (line, column)
        });
        ConfigError {
            src: Box::new(NamedSource::new(&name, text.to_owned())),
            path: name,
            message,
            line_column,
            span: span.map(Into::into),
        }
    }

    fn from_rules(path: &Path, error: RuleFileError) -> Self {
        ConfigError {
            path: path.display().to_string(),
            message: error.to_string(),
            line_column: None,
            src: Box::new(NamedSource::new(path.display().to_string(), String::new())),
            span: None,
        }
    }
}

/// Settings every file gets from the command line; they win over a config.
#[derive(Debug, Clone, Default)]
pub struct CliSettings {
    pub lang: Option<Lang>,
    pub template: Option<String>,
    pub fail_on: Option<Severity>,
    pub rule_dirs: Vec<PathBuf>,
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
        Ok(Resolver {
            mode,
            cli,
            templates,
            base_rules: Arc::new(base),
            configs: HashMap::new(),
            found_in: HashMap::new(),
        })
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
        Arc::new(load_rules(cli_rule_dirs, &folders).map_err(|e| ConfigError::from_rules(path, e))?)
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
pub const STARTER: &str = r#"# rasoat.toml — cấu hình rasoat cho các kế hoạch trong thư mục này và thư mục con.
# rasoat configuration for the plans in this folder and below (the nearest file wins).

# Mẫu kế hoạch để đối chiếu (mặc định: tự nhận diện) / template to check against (default: recognised)
# template = "ha-noi-2026"

# Năm kế hoạch, thay cho năm đọc được từ văn bản / plan year instead of the one read from the plan
# plan-year = 2026

# Mức gây mã thoát 1: error | warning | info / level that makes the exit code 1
fail-on = "error"

# Ngôn ngữ thông báo: vi | en / language of messages
lang = "vi"

[rules]
# Thư mục quy tắc YAML bổ sung, tính từ tệp này / extra YAML rule folders, relative to this file
folders = []

[rules.levels]
# Đổi mức hoặc tắt quy tắc: off | info | warning | error / change a rule's level or turn it off
# latex-leftover = "off"

# Thiết lập riêng cho một số tệp (glob tính từ thư mục này) / settings for some files (globs relative to this folder)
# [[overrides]]
# files = ["nhap/**"]
# levels = { latex-leftover = "info" }
"#;
