//! The rule engine: compiled rules, the context they see, and the emitter
//! that turns a match into a [`Diagnostic`] with the rule's localised text.

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity, Span};
use crate::document::{Document, SourceFile};
use crate::rules::kinds;
use crate::rules::lazy_regex::Compile;
use crate::rules::loader::{self, Examples, FixPolicy, KindName, Lang, Localized, RuleFileError};
use crate::templates::{Template, TemplateSet};

mod fill;
pub use fill::{fill, Fills};

/// What a check sees: the NFC text, its parsed model and the chosen template.
pub struct CheckContext<'a> {
    /// NFC-normalised text; every span a check reports is a byte range of it.
    pub text: &'a str,
    pub doc: &'a Document,
    /// Template the plan follows, if one was recognised or forced.
    pub template: Option<&'a Template>,
    /// The plan's rows matched against `template`, computed by the first
    /// `template` rule that needs it and shared by the others.
    pub template_match: std::sync::OnceLock<crate::templates::plan::MatchedRows>,
    /// Headings, tables and the plan's period, computed by the first
    /// structural rule that needs them and shared by the others.
    pub(crate) headings: std::sync::OnceLock<Vec<kinds::outline::Heading>>,
    pub(crate) tables: std::sync::OnceLock<Vec<kinds::outline::TableView>>,
    pub(crate) period: std::sync::OnceLock<Option<kinds::year::Period>>,
    /// Where the year rules accept other years, shared by them.
    pub(crate) year_exempt: std::sync::OnceLock<Vec<Span>>,
    /// The header read with the default type words, shared by the header rules.
    pub(crate) header: std::sync::OnceLock<kinds::header::extract::Header>,
    /// Appendix titles and their parts, shared by the appendix rules.
    pub(crate) appendix_parts: std::sync::OnceLock<Vec<(Span, Span)>>,
    /// The plan's citations as the citation rules read them, shared by them.
    pub(crate) citations: std::sync::OnceLock<Vec<kinds::citation::Cited<'a>>>,
    /// Sibling groups and sequence defects, shared by the numbering rules.
    pub(crate) numbering: kinds::numbering::Numbering,
    /// The plan's words numbered once for the word-set rules, shared by them.
    pub(crate) word_ids: kinds::lexicon::PlanIds,
    /// Views of `text` (its words, its phrase keys) built by the first text
    /// rule that needs them and shared by the others.
    views: crate::rules::text::TextViews<'a>,
}

impl<'a> CheckContext<'a> {
    pub fn new(text: &'a str, doc: &'a Document, template: Option<&'a Template>) -> Self {
        Self::with_views(doc, template, crate::rules::text::TextViews::new(text))
    }

    /// As [`CheckContext::new`], with views of the text built (in part) already.
    pub fn with_views(
        doc: &'a Document,
        template: Option<&'a Template>,
        views: crate::rules::text::TextViews<'a>,
    ) -> Self {
        let text = views.text;
        CheckContext {
            text,
            doc,
            template,
            template_match: std::sync::OnceLock::new(),
            headings: std::sync::OnceLock::new(),
            tables: std::sync::OnceLock::new(),
            period: std::sync::OnceLock::new(),
            year_exempt: std::sync::OnceLock::new(),
            header: std::sync::OnceLock::new(),
            appendix_parts: std::sync::OnceLock::new(),
            citations: std::sync::OnceLock::new(),
            numbering: Default::default(),
            word_ids: Default::default(),
            views,
        }
    }

    /// The words and segments of `text`, shared by the text rules.
    pub fn words(&self) -> &crate::rules::text::Words<'a> {
        self.views.words()
    }

    pub fn views(&self) -> &crate::rules::text::TextViews<'a> {
        &self.views
    }

    pub fn plan_year(&self) -> Option<u16> {
        self.doc.plan_year.as_ref().map(|y| y.value)
    }
}

/// A compiled check of one kind.
pub trait Check: Send + Sync + std::fmt::Debug {
    fn check(&self, ctx: &CheckContext, out: &mut Emitter);
}

/// The fields every rule has, whatever its kind.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    pub id: String,
    pub kind: KindName,
    pub level: Severity,
    pub message: Localized,
    pub help: Option<Localized>,
    pub docs: Option<std::sync::Arc<str>>,
    pub examples: Examples,
    pub fix: Option<FixPolicy>,
    /// File the rule came from (`rules/slips.yaml`, or a user folder).
    pub origin: String,
    /// `message` and `help` cut at their placeholders, on first use.
    pub fills: Fills,
}

#[derive(Debug)]
pub struct Rule {
    pub meta: RuleMeta,
    pub check: Box<dyn Check>,
    pub enabled: bool,
}

/// Collects the findings of one rule, filling `{placeholders}` of its
/// message and help.
pub struct Emitter<'r> {
    meta: &'r RuleMeta,
    lang: Lang,
    found: Vec<Diagnostic>,
}

impl<'r> Emitter<'r> {
    pub fn new(meta: &'r RuleMeta, lang: Lang) -> Self {
        Emitter {
            meta,
            lang,
            found: Vec::new(),
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Report at `span`, with `vars` such as `("found", "hạ tăng")` filled into
    /// the message and help. Returns the diagnostic to add labels or a fix.
    pub fn emit(&mut self, span: Span, vars: &[(&str, &str)]) -> &mut Diagnostic {
        let meta = self.meta;
        let message = meta
            .fills
            .message(&meta.message, meta.help.as_ref(), self.lang, vars);
        let mut diagnostic = Diagnostic::new(&meta.id, meta.level, message).with_label(span, None);
        if let Some(help) = &meta.help {
            diagnostic.help = Some(meta.fills.help(&meta.message, help, self.lang, vars));
        }
        diagnostic.docs = self.meta.docs.clone();
        self.found.push(diagnostic);
        self.found.last_mut().expect("just pushed")
    }

    /// Report with a replacement of `span` by `replacement`. The rule's `fix:`
    /// policy decides whether it is safe; `default` applies when it is unset.
    pub fn emit_with_fix(
        &mut self,
        span: Span,
        replacement: &str,
        default: Applicability,
        vars: &[(&str, &str)],
    ) -> &mut Diagnostic {
        let applicability = match self.meta.fix {
            Some(FixPolicy::Safe) => Some(Applicability::Safe),
            Some(FixPolicy::Unsafe) => Some(Applicability::Unsafe),
            Some(FixPolicy::None) => None,
            None => Some(default),
        };
        let diagnostic = self.emit(span, vars);
        if let Some(applicability) = applicability {
            diagnostic.fix = Some(crate::diagnostic::Fix {
                applicability,
                edits: vec![Edit {
                    span,
                    replacement: replacement.to_owned(),
                }],
            });
        }
        diagnostic
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.found
    }
}

/// All rules in effect for a run.
#[derive(Debug, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
}

impl RuleSet {
    /// The rules built into the binary (`rules/*.yaml`).
    pub fn builtin() -> Result<Self, RuleFileError> {
        crate::timing::measure("(load built-in rules)", || {
            let mut set = RuleSet::default();
            // Checked to compile by the test suite: regexes on first use.
            set.add_files_compiled(crate::rules::builtin::RULE_FILES, Compile::OnFirstUse)?;
            Ok(set)
        })
    }

    /// Add the rules of one YAML file; ids must be new.
    pub fn add_file(&mut self, path: &str, text: &str) -> Result<(), RuleFileError> {
        self.add_files(&[(path, text)])
    }

    /// Add the rules of several YAML files, in order; ids must be new. Files
    /// are parsed and rules compiled in parallel (regex compilation is most
    /// of start-up); errors are reported as if one rule after the other was
    /// added.
    pub fn add_files(&mut self, files: &[(&str, &str)]) -> Result<(), RuleFileError> {
        self.add_files_compiled(files, Compile::Now)
    }

    /// As [`RuleSet::add_files`], the rules' regexes compiled `when` said.
    pub fn add_files_compiled(
        &mut self,
        files: &[(&str, &str)],
        when: Compile,
    ) -> Result<(), RuleFileError> {
        use rayon::prelude::*;
        let parsed: Vec<_> = files
            .par_iter()
            .map(|(path, text)| loader::parse_rule_file(path, text))
            .collect();
        // Rules of the files before the first unreadable one still count
        // (and their errors come first), as when added one file at a time.
        let mut specs = Vec::new();
        let mut unreadable = None;
        for ((path, text), file) in files.iter().zip(parsed) {
            match file {
                Ok(file) => specs.extend(file.into_iter().map(|spec| (*path, *text, spec))),
                Err(error) => {
                    unreadable = Some(error);
                    break;
                }
            }
        }
        let checks: Vec<_> = specs
            .par_iter()
            .map(|(_, _, spec)| kinds::compile_with(spec, when))
            .collect();
        let mut seen: Vec<(&str, String)> = Vec::new();
        for ((path, text, spec), check) in specs.into_iter().zip(checks) {
            // Which `id: X` line of this file the rule is (a duplicate
            // inside one file is the second one).
            let occurrence = seen
                .iter()
                .filter(|(file, id)| *file == path && *id == spec.id)
                .count();
            seen.push((path, spec.id.clone()));
            if self.get(&spec.id).is_some() {
                return Err(RuleFileError::inside_rule(
                    path,
                    text,
                    &spec.id,
                    occurrence,
                    format!("rule id `{}` is already defined", spec.id),
                ));
            }
            let check = check.map_err(|message| {
                RuleFileError::inside_rule(path, text, &spec.id, occurrence, message)
            })?;
            self.rules.push(Rule {
                meta: RuleMeta {
                    id: spec.id,
                    kind: spec.kind,
                    level: spec.level,
                    message: spec.message,
                    help: spec.help,
                    docs: spec.docs.map(Into::into),
                    examples: spec.examples,
                    fix: spec.fix,
                    origin: path.to_owned(),
                    fills: Fills::default(),
                },
                check,
                enabled: true,
            });
        }
        unreadable.map_or(Ok(()), Err)
    }

    /// Add every `*.yaml` / `*.yml` file of a folder (sorted, not recursive
    /// into `templates/`).
    pub fn add_dir(&mut self, dir: &Path) -> Result<(), RuleFileError> {
        let read_error = |e: std::io::Error| {
            RuleFileError::whole_file(&dir.display().to_string(), "", format!("cannot read: {e}"))
        };
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map_err(read_error)?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_file()
                    && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
            })
            .collect();
        paths.sort();
        for path in paths {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(&path)
                .map_err(|e| RuleFileError::whole_file(&name, "", format!("cannot read: {e}")))?;
            self.add_file(&name, &text)?;
        }
        Ok(())
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.meta.id == id)
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut Rule> {
        self.rules.iter_mut().find(|r| r.meta.id == id)
    }

    /// Run every enabled rule; findings sorted by position, then rule id.
    pub fn run(&self, ctx: &CheckContext, lang: Lang) -> Vec<Diagnostic> {
        self.run_with_levels(ctx, lang, &RuleLevels::new())
    }

    /// Run every enabled rule that `levels` does not turn off, at the level
    /// `levels` gives it (configuration), else at its own. Rules run in
    /// parallel: a single plan's first-use costs (regexes compiled on first
    /// use) are shared among the cores; findings keep the rules' order
    /// before sorting, so the output does not depend on the threads.
    pub fn run_with_levels(
        &self,
        ctx: &CheckContext,
        lang: Lang,
        levels: &RuleLevels,
    ) -> Vec<Diagnostic> {
        use rayon::prelude::*;
        let run = |rule: &Rule| -> Vec<Diagnostic> {
            let level = match levels.get(&rule.meta.id) {
                Some(None) => return Vec::new(),
                Some(Some(level)) => *level,
                None => rule.meta.level,
            };
            let mut emitter = Emitter::new(&rule.meta, lang);
            crate::timing::measure(&rule.meta.id, || rule.check.check(ctx, &mut emitter));
            let mut found = emitter.into_diagnostics();
            for d in &mut found {
                d.severity = level;
            }
            found
        };
        let enabled: Vec<&Rule> = self.rules.iter().filter(|r| r.enabled).collect();
        let per_rule: Vec<Vec<Diagnostic>> = enabled.par_iter().map(|rule| run(rule)).collect();
        let mut all: Vec<Diagnostic> = per_rule.into_iter().flatten().collect();
        sort_diagnostics(&mut all);
        all
    }
}

/// Levels set by configuration, by rule id; `None` turns the rule off.
pub type RuleLevels = HashMap<String, Option<Severity>>;

/// Apply configured levels to findings that do not come from a [`Rule`]
/// (input findings such as `input-not-nfc`).
pub fn apply_levels(diagnostics: &mut Vec<Diagnostic>, levels: &RuleLevels) {
    diagnostics.retain_mut(|d| match levels.get(&d.rule_id) {
        Some(None) => false,
        Some(Some(level)) => {
            d.severity = *level;
            true
        }
        None => true,
    });
}

pub fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        let (sa, sb) = (a.primary_span(), b.primary_span());
        (sa.start, sa.end, &a.rule_id).cmp(&(sb.start, sb.end, &b.rule_id))
    });
}

/// Check one text with one rule, as the YAML `examples` are run.
/// The template is the one the text's bases name, as in a real run.
pub fn run_rule_on_text(rule: &Rule, text: &str, templates: &TemplateSet) -> Vec<Diagnostic> {
    let source = SourceFile::from_text("example", text);
    let doc = crate::document::parse(&source.text);
    let ctx = CheckContext::new(&source.text, &doc, templates.recognise(&doc));
    let mut emitter = Emitter::new(&rule.meta, Lang::Vi);
    rule.check.check(&ctx, &mut emitter);
    emitter.into_diagnostics()
}
