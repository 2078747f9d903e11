//! Command line: parse arguments, call the library, choose the exit code.
//! Exit codes: 0 clean, 1 findings at/above `--fail-on`, 2 usage or input error.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::diagnostic::Severity;
use crate::document::SourceFile;
use crate::lint::{check_path, FileResult, LintOptions};
use crate::report::human::{self, HumanStyle};
use crate::report::{concise, json, Format};
use crate::rules::{Lang, RuleSet};
use crate::templates::TemplateSet;

pub const EXIT_CLEAN: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "rasoat",
    version,
    about = "Rà soát kế hoạch chuyển đổi số — linter for Vietnamese digital-transformation plans"
)]
pub struct Cli {
    /// Language of messages.
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Vi)]
    pub lang: LangArg,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check plans (files or folders).
    Check(CheckArgs),
    /// Show the document model rasoat reads from a plan.
    Parse {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = ParseFormat::Json)]
        format: ParseFormat,
    },
    /// List the rules, or explain one.
    Rules {
        #[command(subcommand)]
        action: Option<RulesAction>,
        /// Extra rule folder.
        #[arg(long = "rules")]
        rule_dirs: Vec<PathBuf>,
    },
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Plan files (.txt, .md) or folders.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// Exit with 1 when a finding at or above this level exists.
    #[arg(long, value_enum, default_value_t = LevelArg::Error)]
    pub fail_on: LevelArg,
    /// Extra rule folder (YAML files), added to the built-in rules.
    #[arg(long = "rules")]
    pub rule_dirs: Vec<PathBuf>,
    /// Check against this template instead of recognising one.
    #[arg(long)]
    pub template: Option<String>,
    /// Width of human output (default: terminal width or 100).
    #[arg(long)]
    pub width: Option<usize>,
}

#[derive(Subcommand, Debug)]
pub enum RulesAction {
    /// Print a rule's documentation and examples.
    Explain { id: String },
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum LangArg {
    Vi,
    En,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum FormatArg {
    Human,
    Json,
    Concise,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum ParseFormat {
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum LevelArg {
    Error,
    Warning,
    Info,
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Lang {
        match lang {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        }
    }
}

impl From<LevelArg> for Severity {
    fn from(level: LevelArg) -> Severity {
        match level {
            LevelArg::Error => Severity::Error,
            LevelArg::Warning => Severity::Warning,
            LevelArg::Info => Severity::Info,
        }
    }
}

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Format {
        match format {
            FormatArg::Human => Format::Human,
            FormatArg::Json => Format::Json,
            FormatArg::Concise => Format::Concise,
        }
    }
}

/// Entry point of the binary; returns the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            };
        }
    };
    let lang = Lang::from(cli.lang);
    match cli.command {
        Command::Check(args) => run_check(args, lang),
        Command::Parse { file, format: _ } => run_parse(&file),
        Command::Rules { action, rule_dirs } => run_rules(action, &rule_dirs, lang),
    }
}

/// Print a miette report of a setup error (bad rule file …) to stderr.
fn report_error(error: impl miette::Diagnostic + Send + Sync + 'static) -> i32 {
    let report = miette::Report::new(error);
    eprintln!("{report:?}");
    EXIT_ERROR
}

fn load_rules(dirs: &[PathBuf]) -> Result<RuleSet, crate::rules::RuleFileError> {
    let mut rules = RuleSet::builtin()?;
    for dir in dirs {
        rules.add_dir(dir)?;
    }
    Ok(rules)
}

/// Files to check: the paths given, folders walked for `.txt`/`.md`, sorted.
pub fn collect_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            for entry in walkdir::WalkDir::new(path)
                .into_iter()
                .filter_map(Result::ok)
            {
                if entry.file_type().is_file() && is_plan_file(entry.path()) {
                    files.push(entry.into_path());
                }
            }
        } else {
            files.push(path.clone());
        }
    }
    files.sort();
    files.dedup();
    files
}

fn is_plan_file(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("txt" | "md")
    )
}

fn run_check(args: CheckArgs, lang: Lang) -> i32 {
    let rules = match load_rules(&args.rule_dirs) {
        Ok(rules) => rules,
        Err(error) => return report_error(error),
    };
    let templates = TemplateSet::builtin();
    let options = LintOptions {
        lang,
        template: args.template.clone(),
    };
    let files = collect_files(&args.paths);
    let results: Vec<FileResult> = files
        .par_iter()
        .map(|path| check_path(path, &rules, &templates, &options))
        .collect();
    let stdout = std::io::stdout();
    let output = match Format::from(args.format) {
        Format::Human => {
            let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let width = args.width.unwrap_or(100);
            human::render(&results, HumanStyle { color, width, lang })
        }
        Format::Json => json::render(&results),
        Format::Concise => concise::render(&results),
    };
    let _ = stdout.lock().write_all(output.as_bytes());
    exit_code(&results, args.fail_on.into())
}

pub fn exit_code(results: &[FileResult], fail_on: Severity) -> i32 {
    if results.iter().any(|r| r.error.is_some()) {
        EXIT_ERROR
    } else if results
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.severity >= fail_on)
    {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn run_parse(file: &Path) -> i32 {
    match SourceFile::read(file) {
        Ok(source) => {
            let document = crate::document::parse(&source.text);
            let text = serde_json::to_string_pretty(&document).unwrap_or_default();
            println!("{text}");
            EXIT_CLEAN
        }
        Err(error) => {
            eprintln!("rasoat: {error}");
            EXIT_ERROR
        }
    }
}

fn run_rules(action: Option<RulesAction>, dirs: &[PathBuf], lang: Lang) -> i32 {
    let rules = match load_rules(dirs) {
        Ok(rules) => rules,
        Err(error) => return report_error(error),
    };
    match action {
        None => {
            for rule in &rules.rules {
                println!(
                    "{:<36} {:<13} {:<8} {}",
                    rule.meta.id,
                    rule.meta.kind.as_str(),
                    rule.meta.level.as_str(),
                    rule.meta.message.get(lang)
                );
            }
            EXIT_CLEAN
        }
        Some(RulesAction::Explain { id }) => match rules.get(&id) {
            Some(rule) => {
                print!("{}", explain(rule, lang));
                EXIT_CLEAN
            }
            None => {
                eprintln!("rasoat: no rule `{id}` (see `rasoat rules`)");
                EXIT_ERROR
            }
        },
    }
}

pub fn explain(rule: &crate::rules::Rule, lang: Lang) -> String {
    let meta = &rule.meta;
    let mut out = format!(
        "{} ({}, {})\n\n{}\n",
        meta.id,
        meta.kind.as_str(),
        meta.level.as_str(),
        meta.message.get(lang)
    );
    if let Some(help) = &meta.help {
        out += &format!("\n{}\n", help.get(lang));
    }
    if let Some(docs) = &meta.docs {
        out += &format!("\nNguồn / source: {docs}\n");
    }
    for bad in &meta.examples.bad {
        out += &format!("\n✗ {bad}");
    }
    for good in &meta.examples.good {
        out += &format!("\n✓ {good}");
    }
    out.push('\n');
    out
}
