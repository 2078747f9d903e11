//! Command line: parse arguments, call the library, choose the exit code.
//! Exit codes: 0 clean, 1 findings at/above `--fail-on`, 2 usage or input error.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::baseline::{self, Baseline};
use crate::batch;
use crate::config::{self, CliSettings, ConfigMode, FileSettings, Resolver};
use crate::diagnostic::Severity;
use crate::document::SourceFile;
use crate::fix;
use crate::lint::FileResult;
use crate::report::files::{write_reports, ReportOutputs};
use crate::report::human::{self, HumanStyle};
use crate::report::summary::RuleGroups;
use crate::report::{concise, github, json, junit, sarif, Format};
use crate::rules::{Lang, RuleMeta, RuleSet};
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
    /// Language of messages (default: the config's `lang`, else vi).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check plans (files or folders).
    Check(CheckArgs),
    /// Write reviewer reports (HTML, CSV, XLSX) of a batch of plans.
    Report(ReportArgs),
    /// Show the document model rasoat reads from a plan.
    Parse {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = ParseFormat::Json)]
        format: ParseFormat,
    },
    /// List the templates (city/provincial indicator lists), show one, or
    /// validate a template file.
    Templates {
        #[command(subcommand)]
        action: Option<crate::templates::cli::TemplatesAction>,
    },
    /// List the rules, or explain one.
    Rules {
        #[command(subcommand)]
        action: Option<RulesAction>,
        /// Extra rule folder.
        #[arg(long = "rules")]
        rule_dirs: Vec<PathBuf>,
    },
    /// Write a commented starter `rasoat.toml` (never overwrites one).
    Init {
        /// Folder to write it in.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions { shell: clap_complete::Shell },
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Plan files (.txt, .md, .docx) or folders.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// Exit with 1 when a finding at or above this level exists
    /// (default: the config's `fail-on`, else error).
    #[arg(long, value_enum)]
    pub fail_on: Option<LevelArg>,
    /// Use this config file for every file instead of searching upward for `rasoat.toml`.
    #[arg(long, conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore every `rasoat.toml`.
    #[arg(long)]
    pub no_config: bool,
    /// Report only findings whose fingerprint is not in this baseline file.
    #[arg(long)]
    pub baseline: Option<PathBuf>,
    /// Save the fingerprints of all current findings to this file (and report nothing).
    #[arg(long)]
    pub write_baseline: Option<PathBuf>,
    /// Print the findings only, without the summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// Number of files checked in parallel (default: one per core).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Extra rule folder (YAML files), added to the built-in rules.
    #[arg(long = "rules")]
    pub rule_dirs: Vec<PathBuf>,
    /// Check against this template instead of recognising one.
    #[arg(long)]
    pub template: Option<String>,
    /// Width of human output (default: `COLUMNS` on a terminal, else 100).
    #[arg(long)]
    pub width: Option<usize>,
    /// Apply safe fixes in place (.txt, .md: same encoding and line endings);
    /// a .docx gets a corrected copy NAME.rasoat.docx, the original untouched.
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff: also apply fixes that change meaning (review them).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff; write nothing.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
}

#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("outputs").required(true).multiple(true).args(["html", "csv", "xlsx"])))]
pub struct ReportArgs {
    /// Plan files (.txt, .md, .docx) or folders.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Write a self-contained HTML page.
    #[arg(long)]
    pub html: Option<PathBuf>,
    /// Write a CSV table (one row per submission).
    #[arg(long)]
    pub csv: Option<PathBuf>,
    /// Write an Excel workbook.
    #[arg(long)]
    pub xlsx: Option<PathBuf>,
    /// Extra rule folder (YAML files), added to the built-in rules.
    #[arg(long = "rules")]
    pub rule_dirs: Vec<PathBuf>,
    /// Check against this template instead of recognising one.
    #[arg(long)]
    pub template: Option<String>,
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
    Sarif,
    Github,
    Junit,
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
            FormatArg::Sarif => Format::Sarif,
            FormatArg::Github => Format::Github,
            FormatArg::Junit => Format::Junit,
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
    let lang = cli.lang.map(Lang::from);
    match cli.command {
        Command::Check(args) => run_check(args, lang),
        Command::Report(args) => run_report(args, lang),
        Command::Parse { file, format: _ } => run_parse(&file),
        Command::Rules { action, rule_dirs } => {
            run_rules(action, &rule_dirs, lang.unwrap_or_default())
        }
        Command::Init { dir } => run_init(&dir),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "rasoat", &mut std::io::stdout());
            EXIT_CLEAN
        }
        Command::Templates { action } => {
            crate::templates::cli::run(action, lang.unwrap_or_default())
        }
    }
}

/// Print a miette report of a setup error (bad rule file …) to stderr.
fn report_error(error: impl miette::Diagnostic + Send + Sync + 'static) -> i32 {
    let report = miette::Report::new(error);
    eprintln!("{report:?}");
    EXIT_ERROR
}

fn load_rules(dirs: &[PathBuf]) -> Result<RuleSet, crate::rules::RuleFileError> {
    config::load_rules(dirs, &[])
}

fn run_check(args: CheckArgs, lang: Option<Lang>) -> i32 {
    // Both are start-up work: load them side by side.
    let (templates, base_rules) = rayon::join(TemplateSet::builtin, || load_rules(&args.rule_dirs));
    if let Some(id) = args
        .template
        .as_deref()
        .filter(|id| templates.get(id).is_none())
    {
        eprintln!("rasoat: no template `{id}` (see `rasoat templates list`)");
        return EXIT_ERROR;
    }
    let mode = match (&args.config, args.no_config) {
        (_, true) => ConfigMode::Disabled,
        (Some(path), _) => {
            if !path.is_file() {
                eprintln!("rasoat: {}: no such config file", path.display());
                return EXIT_ERROR;
            }
            ConfigMode::Forced(path.clone())
        }
        (None, false) => ConfigMode::Discover,
    };
    let cli_settings = CliSettings {
        lang,
        template: args.template.clone(),
        fail_on: args.fail_on.map(Severity::from),
        rule_dirs: args.rule_dirs.clone(),
    };
    let mut resolver = match base_rules {
        Ok(base_rules) => Resolver::with_base_rules(mode, cli_settings, &templates, base_rules),
        Err(error) => return report_error(error),
    };
    let baseline = match args.baseline.as_deref().map(Baseline::load) {
        Some(Ok(baseline)) => Some(baseline),
        Some(Err(message)) => {
            eprintln!("rasoat: {message}");
            return EXIT_ERROR;
        }
        None => None,
    };
    let inputs = batch::collect_inputs(&args.paths);
    crate::rules::lazy_regex::expect_texts(inputs.len());
    let mut settings = Vec::with_capacity(inputs.len());
    for input in &inputs {
        match resolver.settings_for(input.path()) {
            Ok(found) => settings.push(found),
            Err(error) => return report_error(error),
        }
    }
    let mut fix_failed = false;
    if args.fix || args.diff {
        let outcomes = run_fixes(&args, &inputs, &settings, &templates);
        let lang = lang.unwrap_or_default();
        eprint!("{}", fix::report::summary(&outcomes, lang, args.fix));
        if args.diff {
            let _ = std::io::stdout()
                .lock()
                .write_all(fix::report::diffs(&outcomes).as_bytes());
            return if outcomes.iter().any(|o| o.error.is_some()) {
                EXIT_ERROR
            } else if outcomes.iter().any(|o| o.applied > 0) {
                EXIT_FINDINGS
            } else {
                EXIT_CLEAN
            };
        }
        fix_failed = outcomes.iter().any(|o| o.error.is_some());
    } else if args.unsafe_fixes {
        eprintln!("rasoat: --unsafe-fixes needs --fix or --diff");
        return EXIT_ERROR;
    }
    let progress = batch::Progress::for_terminal(inputs.len());
    if matches!(args.format, FormatArg::Json) && args.write_baseline.is_none() {
        // Streamed: each file is written and dropped before later chunks are
        // checked, so a batch of thousands of plans needs little memory.
        let stream = || stream_json(&inputs, &settings, &templates, &progress, baseline.as_ref());
        let Some(code) = with_jobs(args.jobs, stream) else {
            return EXIT_ERROR;
        };
        // The process exits next: freeing the compiled rules and the
        // templates would only cost time.
        std::mem::forget(settings);
        std::mem::forget(resolver);
        std::mem::forget(templates);
        return if fix_failed { EXIT_ERROR } else { code };
    }
    // Human output may show the model (coverage summaries); the machine
    // formats read only the original text.
    let keep = match args.format {
        FormatArg::Human => batch::Keep::All,
        _ => batch::Keep::ForOutput,
    };
    let check = || -> Vec<FileResult> {
        batch::check_each(&inputs, &templates, &progress, keep, |i| {
            (&*settings[i].rules, &settings[i].options)
        })
    };
    let Some(mut results) = with_jobs(args.jobs, check) else {
        return EXIT_ERROR;
    };
    if let Some(path) = &args.write_baseline {
        return match baseline::write(&results, path) {
            Ok(count) => {
                eprintln!(
                    "rasoat: {count} finding(s) saved to {} as the baseline",
                    path.display()
                );
                if results.iter().any(|r| r.error.is_some()) {
                    EXIT_ERROR
                } else {
                    EXIT_CLEAN
                }
            }
            Err(message) => {
                eprintln!("rasoat: cannot write the baseline: {message}");
                EXIT_ERROR
            }
        };
    }
    if let Some(baseline) = &baseline {
        baseline.filter(&mut results);
    }
    let lang = lang
        .or_else(|| settings.first().map(|s| s.options.lang))
        .unwrap_or_default();
    let stdout = std::io::stdout();
    let output = match Format::from(args.format) {
        Format::Human => {
            let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let width = args.width.unwrap_or_else(|| terminal_width(&stdout));
            let style = HumanStyle { color, width, lang };
            if args.quiet {
                human::render_findings(&results, style)
            } else {
                human::render(&results, style)
            }
        }
        Format::Json => {
            // Streamed: a large batch's JSON is never held in memory whole.
            let mut out = std::io::BufWriter::new(stdout.lock());
            let _ = json::write(&results, &mut out).and_then(|()| out.flush());
            String::new()
        }
        Format::Concise => concise::render(&results),
        Format::Sarif => {
            let metas = rule_metas(resolver.base_rules(), &settings);
            sarif::render(&results, &metas, lang)
        }
        Format::Github => github::render(&results),
        Format::Junit => junit::render(&results),
    };
    let _ = stdout.lock().write_all(output.as_bytes());
    if fix_failed {
        return EXIT_ERROR;
    }
    exit_code_per_file(&results, &settings)
}

/// Run `work` on `--jobs N` threads (rayon's default pool without it);
/// `None`, with a message, when the threads cannot be started.
fn with_jobs<T: Send>(jobs: Option<usize>, work: impl FnOnce() -> T + Send) -> Option<T> {
    let Some(jobs) = jobs else {
        return Some(work());
    };
    match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(pool) => Some(pool.install(work)),
        Err(error) => {
            eprintln!("rasoat: cannot start {jobs} threads: {error}");
            None
        }
    }
}

/// `check --format json` for a batch streamed to stdout; the exit code is
/// worked out on the way.
fn stream_json(
    inputs: &[batch::Input],
    settings: &[FileSettings],
    templates: &TemplateSet,
    progress: &batch::Progress,
    baseline: Option<&Baseline>,
) -> i32 {
    let settings_of = |i: usize| (&*settings[i].rules, &settings[i].options);
    let write = |results: &mut dyn Iterator<Item = FileResult>| {
        let mut code = EXIT_CLEAN;
        let results = results.enumerate().map(|(i, mut result)| {
            if let Some(baseline) = baseline {
                baseline.filter(std::slice::from_mut(&mut result));
            }
            let fail_on = settings.get(i).map_or(Severity::Error, |s| s.fail_on);
            code = code.max(exit_code_by(std::slice::from_ref(&result), |_| fail_on));
            result
        });
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let _ = json::write_stream(results, &mut out).and_then(|()| out.flush());
        code
    };
    batch::check_streamed(
        inputs,
        templates,
        progress,
        batch::Keep::ForOutput,
        settings_of,
        write,
    )
}

/// `--fix` / `--diff`: fix every file with its own settings.
fn run_fixes(
    args: &CheckArgs,
    inputs: &[batch::Input],
    settings: &[FileSettings],
    templates: &TemplateSet,
) -> Vec<fix::FixOutcome> {
    let fix_settings = fix::FixSettings {
        unsafe_fixes: args.unsafe_fixes,
        write: args.fix,
    };
    use rayon::prelude::*;
    inputs
        .par_iter()
        .zip(settings.par_iter())
        .map(|(input, s): (&batch::Input, &FileSettings)| match input {
            batch::Input::File(path) => {
                fix::fix_path(path, &s.rules, templates, &s.options, fix_settings)
            }
            batch::Input::Unlisted { path, error } => fix::FixOutcome {
                path: path.clone(),
                error: Some(error.clone()),
                ..fix::FixOutcome::default()
            },
        })
        .collect()
}

/// Width of human output when `--width` is not given: `COLUMNS` on a
/// terminal, else 100 (piped output does not depend on the terminal).
fn terminal_width(stdout: &std::io::Stdout) -> usize {
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    match columns {
        Some(columns) if stdout.is_terminal() && columns >= 40 => columns,
        _ => 100,
    }
}

/// Every rule of the run, once: the base rules, then those configs added.
fn rule_metas<'a>(base: &'a Arc<RuleSet>, settings: &'a [FileSettings]) -> Vec<&'a RuleMeta> {
    let mut sets: Vec<&Arc<RuleSet>> = vec![base];
    for s in settings {
        if !sets.iter().any(|known| Arc::ptr_eq(known, &s.rules)) {
            sets.push(&s.rules);
        }
    }
    let mut metas: Vec<&RuleMeta> = Vec::new();
    for rule in sets.iter().flat_map(|set| &set.rules) {
        if !metas.iter().any(|m| m.id == rule.meta.id) {
            metas.push(&rule.meta);
        }
    }
    metas
}

/// `rasoat init [DIR]`: write the starter config, refusing to overwrite.
fn run_init(dir: &Path) -> i32 {
    let path = dir.join(config::FILE_NAME);
    match config::write_starter(dir) {
        Ok(path) => {
            eprintln!("rasoat: wrote {}", path.display());
            EXIT_CLEAN
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "rasoat: {} already exists; not overwriting it",
                path.display()
            );
            EXIT_ERROR
        }
        Err(error) => {
            eprintln!("rasoat: cannot write {}: {error}", path.display());
            EXIT_ERROR
        }
    }
}

/// `rasoat report`: check the batch (each file with its discovered config)
/// and write the reviewer's files.
fn run_report(args: ReportArgs, lang: Option<Lang>) -> i32 {
    let templates = TemplateSet::builtin();
    let cli_settings = CliSettings {
        lang,
        template: args.template.clone(),
        fail_on: None,
        rule_dirs: args.rule_dirs.clone(),
    };
    let mut resolver = match Resolver::new(ConfigMode::Discover, cli_settings, &templates) {
        Ok(resolver) => resolver,
        Err(error) => return report_error(error),
    };
    let inputs = batch::collect_inputs(&args.paths);
    crate::rules::lazy_regex::expect_texts(inputs.len());
    let mut settings = Vec::with_capacity(inputs.len());
    for input in &inputs {
        match resolver.settings_for(input.path()) {
            Ok(found) => settings.push(found),
            Err(error) => return report_error(error),
        }
    }
    let progress = batch::Progress::for_terminal(inputs.len());
    let results = batch::check_each(&inputs, &templates, &progress, batch::Keep::All, |i| {
        (&*settings[i].rules, &settings[i].options)
    });
    let mut groups = RuleGroups::from_rules(resolver.base_rules());
    for s in &settings {
        groups.add_rules(&s.rules);
    }
    let outputs = ReportOutputs {
        html: args.html,
        csv: args.csv,
        xlsx: args.xlsx,
    };
    if let Err(error) = write_reports(&results, &groups, &outputs) {
        eprintln!("rasoat: {error}");
        return EXIT_ERROR;
    }
    if results.iter().any(|r| r.error.is_some()) {
        EXIT_ERROR
    } else {
        EXIT_CLEAN
    }
}

pub fn exit_code(results: &[FileResult], fail_on: Severity) -> i32 {
    exit_code_by(results, |_| fail_on)
}

/// Exit code when each file has its own `fail-on` (from its config).
fn exit_code_per_file(results: &[FileResult], settings: &[FileSettings]) -> i32 {
    exit_code_by(results, |i| {
        settings.get(i).map_or(Severity::Error, |s| s.fail_on)
    })
}

fn exit_code_by(results: &[FileResult], fail_on: impl Fn(usize) -> Severity) -> i32 {
    if results.iter().any(|r| r.error.is_some()) {
        EXIT_ERROR
    } else if results
        .iter()
        .enumerate()
        .any(|(i, r)| r.diagnostics.iter().any(|d| d.severity >= fail_on(i)))
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
