//! Human output through miette's graphical handler: the snippet with the
//! span underlined, then `file:line:column` in characters.

use std::fmt::Write as _;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, Severity as MietteSeverity};

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::source::{floor_char_boundary, MAX_LABEL_BYTES};
use crate::document::SourceFile;
use crate::lint::FileResult;
use crate::rules::Lang;

/// How to draw: colours only on a terminal without `NO_COLOR`; a fixed width
/// in tests so snapshots do not depend on the terminal.
#[derive(Debug, Clone, Copy)]
pub struct HumanStyle {
    pub color: bool,
    pub width: usize,
    pub lang: Lang,
}

impl HumanStyle {
    pub fn plain(lang: Lang) -> Self {
        HumanStyle {
            color: false,
            width: 100,
            lang,
        }
    }
}

struct View<'a> {
    diagnostic: &'a Diagnostic,
    source: Option<&'a SourceFile>,
    heading: String,
}

impl std::fmt::Debug for View<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.heading)
    }
}

impl std::fmt::Display for View<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.heading)
    }
}

impl std::error::Error for View<'_> {}

impl miette::Diagnostic for View<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        Some(Box::new(&self.diagnostic.rule_id))
    }
    fn severity(&self) -> Option<MietteSeverity> {
        Some(match self.diagnostic.severity {
            Severity::Error => MietteSeverity::Error,
            Severity::Warning => MietteSeverity::Warning,
            Severity::Info => MietteSeverity::Advice,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }
    fn url<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        None
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        let source = self.source?;
        (!self.diagnostic.labels.is_empty()).then_some(source as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source?;
        if self.diagnostic.labels.is_empty() {
            return None;
        }
        Some(Box::new(self.diagnostic.labels.iter().enumerate().map(
            |(i, label)| {
                // A label over a huge stretch (a 50 MB line) is shown by its start.
                let len = match self.source {
                    Some(source) if label.span.len() > MAX_LABEL_BYTES => {
                        floor_char_boundary(source.original(), label.span.start + MAX_LABEL_BYTES)
                            - label.span.start
                    }
                    _ => label.span.len(),
                };
                let span: miette::SourceSpan = (label.span.start, len).into();
                if i == 0 {
                    LabeledSpan::new_primary_with_span(label.message.clone(), span)
                } else {
                    LabeledSpan::new_with_span(label.message.clone(), span)
                }
            },
        )))
    }
}

/// Render every finding of every file, then a one-line summary.
pub fn render(results: &[FileResult], style: HumanStyle) -> String {
    let mut out = render_findings(results, style);
    out.push_str(&crate::templates::plan::coverage_lines(results, style.lang));
    out.push_str(&summary(results, style.lang));
    out
}

/// Render every finding of every file, without the summary (`--quiet`).
pub fn render_findings(results: &[FileResult], style: HumanStyle) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false);
    let mut out = String::new();
    for result in results {
        for diagnostic in &result.diagnostics {
            let heading = match (&result.source, diagnostic.labels.first()) {
                (Some(source), Some(label)) if source.docx.is_some() => {
                    // A Word user finds the paragraph or cell, not a line of the extracted text.
                    match source.word_location(label.span.start) {
                        Some(location) => format!(
                            "{}: {}: {}",
                            result.path,
                            location.describe(style.lang),
                            diagnostic.message
                        ),
                        None => format!("{}: {}", result.path, diagnostic.message),
                    }
                }
                (Some(source), Some(label)) => {
                    let p = source.position(label.span.start);
                    format!(
                        "{}:{}:{}: {}",
                        result.path, p.line, p.column, diagnostic.message
                    )
                }
                _ => format!("{}: {}", result.path, diagnostic.message),
            };
            let view = View {
                diagnostic,
                source: result.source.as_ref(),
                heading,
            };
            if handler.render_report(&mut out, &view).is_err() {
                let _ = writeln!(out, "{view}");
            }
        }
    }
    out
}

pub fn summary(results: &[FileResult], lang: Lang) -> String {
    let count = |s| results.iter().map(|r| r.count(s)).sum::<usize>();
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    match lang {
        Lang::Vi => format!(
            "{} tệp: {errors} lỗi, {warnings} cảnh báo, {infos} lưu ý\n",
            results.len()
        ),
        Lang::En => format!(
            "{} file(s): {errors} error(s), {warnings} warning(s), {infos} info\n",
            results.len()
        ),
    }
}
