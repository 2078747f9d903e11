//! A plan's rows matched against its template: which row states which
//! indicator (and how sure that is), which mandatory indicators are missing,
//! and the coverage summary the reports show.

use std::sync::Arc;

use serde::Serialize;

use super::matcher::{Assignment, Duplicate, Pair};
use super::rows::{self, Candidate, PlanRows};
use super::{Indicator, Template};
use crate::document::model::Span;
use crate::document::SourceFile;
use crate::rules::engine::CheckContext;
use crate::rules::Lang;

/// The outcome of matching one plan against one template.
#[derive(Debug, Clone)]
pub struct PlanMatch<'t> {
    pub template: &'t Template,
    pub rows: Arc<PlanRows>,
    pub assignment: Arc<Assignment>,
}

/// Rows and their assignment for one template, as cached in the
/// [`CheckContext`] so every `template` rule of a file shares one match.
#[derive(Debug, Clone)]
pub struct MatchedRows {
    template_id: String,
    rows: Arc<PlanRows>,
    assignment: Arc<Assignment>,
}

fn compute(template: &Template, ctx: &CheckContext) -> MatchedRows {
    let rows = Arc::new(rows::candidates(ctx));
    let matcher = template.matcher();
    let assignment =
        Arc::new(matcher.assign_names(rows.candidates.iter().map(|c| c.name.as_str())));
    MatchedRows {
        template_id: template.id.clone(),
        rows,
        assignment,
    }
}

pub fn match_plan<'t>(template: &'t Template, ctx: &CheckContext) -> PlanMatch<'t> {
    let cached = ctx.template_match.get_or_init(|| compute(template, ctx));
    let matched = if cached.template_id == template.id {
        cached.clone()
    } else {
        // Another template than the context's: match without caching.
        compute(template, ctx)
    };
    PlanMatch {
        template,
        rows: matched.rows,
        assignment: matched.assignment,
    }
}

impl<'t> PlanMatch<'t> {
    /// Rows firmly matched to an indicator, with it.
    pub fn matched(&self) -> impl Iterator<Item = (&Candidate, &Indicator, &Pair)> {
        self.pairs().filter(|(_, _, p)| !p.doubtful)
    }

    /// Every pair, firm or doubtful.
    pub fn pairs(&self) -> impl Iterator<Item = (&Candidate, &Indicator, &Pair)> {
        self.assignment.pairs.iter().filter_map(|pair| {
            Some((
                self.rows.candidates.get(pair.row)?,
                self.template.indicators.get(pair.indicator)?,
                pair,
            ))
        })
    }

    pub fn duplicates(
        &self,
    ) -> impl Iterator<Item = (&Candidate, &Candidate, &Indicator, &Duplicate)> {
        self.assignment.duplicates.iter().filter_map(|d| {
            Some((
                self.rows.candidates.get(d.row)?,
                self.rows.candidates.get(d.first_row)?,
                self.template.indicators.get(d.indicator)?,
                d,
            ))
        })
    }

    /// Mandatory indicators no row states, not even doubtfully (a row that
    /// may be one of two indicators leaves both in doubt, neither missing).
    pub fn missing(&self) -> impl Iterator<Item = &Indicator> {
        self.template
            .indicators
            .iter()
            .enumerate()
            .filter(|(i, ind)| ind.mandatory && !self.is_stated(*i))
            .map(|(_, ind)| ind)
    }

    fn is_stated(&self, indicator: usize) -> bool {
        self.assignment.pairs.iter().any(|p| {
            p.indicator == indicator || (p.doubtful && p.runner_up.map(|r| r.0) == Some(indicator))
        })
    }

    pub fn coverage(&self) -> Coverage {
        let matches = self
            .pairs()
            .map(|(row, indicator, pair)| MatchOut {
                row_number: row.number.clone(),
                row_name: row.name.clone(),
                span: row.name_span,
                line: None,
                indicator: indicator.id.clone(),
                indicator_name: indicator.name.clone(),
                score: (pair.score * 100.0).round() / 100.0,
                status: if pair.doubtful { "doubtful" } else { "matched" },
                runner_up: pair
                    .runner_up
                    .and_then(|(i, _)| self.template.indicators.get(i))
                    .map(|i| i.id.clone()),
            })
            .chain(self.duplicates().map(|(row, _, indicator, d)| MatchOut {
                row_number: row.number.clone(),
                row_name: row.name.clone(),
                span: row.name_span,
                line: None,
                indicator: indicator.id.clone(),
                indicator_name: indicator.name.clone(),
                score: (d.score * 100.0).round() / 100.0,
                status: "duplicate",
                runner_up: None,
            }))
            .collect();
        let mandatory = self
            .template
            .indicators
            .iter()
            .filter(|i| i.mandatory)
            .count();
        let found = self.matched().filter(|(_, ind, _)| ind.mandatory).count();
        let missing: Vec<MissingOut> = self
            .missing()
            .map(|i| MissingOut {
                id: i.id.clone(),
                name: i.name.clone(),
            })
            .collect();
        Coverage {
            template: self.template.id.clone(),
            mandatory,
            found,
            // Stated, but only doubtfully.
            doubtful: mandatory.saturating_sub(found + missing.len()),
            missing,
            optional_found: self
                .pairs()
                .filter(|(_, ind, p)| !ind.mandatory && !p.doubtful)
                .count(),
            rows: self.rows.candidates.len(),
            from_prose: self.rows.candidates.iter().any(|c| c.from_prose),
            matches,
        }
    }
}

/// Indicator coverage of one plan (`--format json` → `indicators`).
#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    pub template: String,
    /// Mandatory indicators of the template.
    pub mandatory: usize,
    /// Mandatory indicators firmly matched.
    pub found: usize,
    /// Mandatory indicators matched only doubtfully.
    pub doubtful: usize,
    pub missing: Vec<MissingOut>,
    pub optional_found: usize,
    /// Rows (or prose lines) considered.
    pub rows: usize,
    /// The plan has no indicator table; its objectives were read as prose.
    pub from_prose: bool,
    /// Which row matched which indicator, and the score (0–1).
    pub matches: Vec<MatchOut>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MissingOut {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MatchOut {
    pub row_number: Option<String>,
    pub row_name: String,
    #[serde(skip)]
    pub span: Span,
    /// 1-based line of the row in the file.
    pub line: Option<usize>,
    pub indicator: String,
    pub indicator_name: String,
    pub score: f64,
    /// `matched`, `doubtful` or `duplicate`.
    pub status: &'static str,
    /// The other indicator that scored almost as well.
    pub runner_up: Option<String>,
}

/// The coverage of a checked plan, rows located by line in the user's file.
pub fn coverage(template: &Template, ctx: &CheckContext, source: &SourceFile) -> Coverage {
    let mut coverage = match_plan(template, ctx).coverage();
    locate(&mut coverage, source);
    coverage
}

/// Coverage of a checked file, when a template applied.
pub fn coverage_of(result: &crate::lint::FileResult) -> Option<Coverage> {
    result.indicators.clone()
}

fn locate(coverage: &mut Coverage, source: &SourceFile) {
    for m in &mut coverage.matches {
        let original = source.to_original(m.span);
        m.line = Some(source.position(original.start).line);
    }
}

impl Coverage {
    /// One line for the end of the human report.
    pub fn summary_line(&self, lang: Lang) -> String {
        let missing: Vec<&str> = self.missing.iter().map(|m| m.id.as_str()).collect();
        let listed = if missing.is_empty() {
            String::new()
        } else {
            format!(" ({})", missing.join(", "))
        };
        match lang {
            Lang::Vi => format!(
                "Chỉ tiêu theo mẫu {}: {}/{} chỉ tiêu bắt buộc có, {} thiếu{}, {} chưa chắc chắn; {} chỉ tiêu không bắt buộc có",
                self.template,
                self.found,
                self.mandatory,
                self.missing.len(),
                listed,
                self.doubtful,
                self.optional_found
            ),
            Lang::En => format!(
                "indicators of template {}: {}/{} mandatory found, {} missing{}, {} doubtful; {} optional found",
                self.template,
                self.found,
                self.mandatory,
                self.missing.len(),
                listed,
                self.doubtful,
                self.optional_found
            ),
        }
    }
}

/// The coverage line of every checked plan that follows a template, for the
/// end of the human report.
pub fn coverage_lines(results: &[crate::lint::FileResult], lang: Lang) -> String {
    let mut out = String::new();
    for result in results {
        if let Some(coverage) = coverage_of(result) {
            out.push_str(&format!(
                "{}: {}\n",
                result.path,
                coverage.summary_line(lang)
            ));
        }
    }
    out
}
