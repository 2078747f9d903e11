//! One file through the whole pipeline: read → parse → check → findings
//! mapped back to the text the user has.

use std::path::Path;

use serde::Serialize;

use crate::diagnostic::Span;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::model::{LimitHit, Spanned};
use crate::document::source::InputError;
use crate::document::{Document, SourceFile};
use crate::rules::engine::{apply_levels, sort_diagnostics, RuleLevels};
use crate::rules::text::TextViews;
use crate::rules::{CheckContext, Lang, RuleSet};
use crate::templates::TemplateSet;

/// Findings about the input itself, not made by a rule; configuration can
/// change their level like a rule's (except `input-unreadable`).
pub const INPUT_FINDING_IDS: [&str; 4] = [
    "input-not-nfc",
    "input-encoding-guessed",
    "input-unreadable",
    "input-limit-reached",
];

/// Findings kept per file. A file past it is hardly a plan (a whole book on
/// one line, a data dump); the rest are dropped with one
/// `input-limit-reached` finding, so output and memory stay bounded.
pub const MAX_FINDINGS_PER_FILE: usize = 5_000;

/// Settings of a check for one file (the configuration may differ per file).
#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    pub lang: Lang,
    /// Force a template (`--template ID`) instead of recognising one.
    pub template: Option<String>,
    /// Plan year to check against instead of the one read from the plan.
    pub plan_year: Option<u16>,
    /// Rule levels and rules turned off by configuration.
    pub levels: RuleLevels,
}

/// The result for one input file.
#[derive(Debug, Serialize)]
pub struct FileResult {
    pub path: String,
    /// The decoded text, when the file could be read.
    #[serde(skip)]
    pub source: Option<SourceFile>,
    #[serde(skip)]
    pub document: Option<Document>,
    pub template: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// Why the file could not be checked (unreadable, binary, too large …).
    pub error: Option<String>,
    /// Indicator coverage against the template, when one applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicators: Option<crate::templates::Coverage>,
}

impl FileResult {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Read and check one file.
pub fn check_path(
    path: &Path,
    rules: &RuleSet,
    templates: &TemplateSet,
    options: &LintOptions,
) -> FileResult {
    match crate::timing::measure("(read)", || SourceFile::read(path)) {
        Ok(source) => check_source(source, rules, templates, options),
        Err(error) => input_failure(path, &error, options.lang),
    }
}

/// A file that could not be read becomes one file-level finding.
pub fn input_failure(path: &Path, error: &InputError, lang: Lang) -> FileResult {
    let message = match lang {
        Lang::Vi => format!("Không đọc được tệp: {error}"),
        Lang::En => format!("cannot read the file: {error}"),
    };
    let mut diagnostics = vec![Diagnostic::new(
        "input-unreadable",
        Severity::Error,
        message.clone(),
    )];
    crate::fingerprint::assign(&mut diagnostics, None);
    FileResult {
        path: path.display().to_string(),
        source: None,
        document: None,
        template: None,
        diagnostics,
        error: Some(message),
        indicators: None,
    }
}

/// Check text already decoded.
pub fn check_source(
    source: SourceFile,
    rules: &RuleSet,
    templates: &TemplateSet,
    options: &LintOptions,
) -> FileResult {
    // The text's views need no parse: built on another core meanwhile.
    let views = TextViews::new(&source.text);
    let (mut document, ()) = rayon::join(
        || crate::timing::measure("(parse)", || source.parse()),
        || crate::timing::measure("(text views)", || views.build_common()),
    );
    if let Some(year) = options.plan_year {
        let span = document
            .plan_year
            .as_ref()
            .map(|y| y.span)
            .unwrap_or_default();
        document.plan_year = Some(Spanned::new(year, span));
    }
    let template = match &options.template {
        Some(id) => templates.get(id),
        None => crate::timing::measure("(recognise template)", || templates.recognise(&document)),
    };
    let ctx = CheckContext::with_views(&document, template, views);
    let mut diagnostics = rules.run_with_levels(&ctx, options.lang, &options.levels);
    let indicators = crate::timing::measure("(coverage)", || {
        template.map(|t| crate::templates::plan::coverage(t, &ctx, &source))
    });
    let mut input = input_findings(&source, options.lang);
    input.extend(
        document
            .limits
            .iter()
            .map(|hit| limit_finding(hit, options.lang)),
    );
    apply_levels(&mut input, &options.levels);
    diagnostics.extend(input);
    crate::timing::measure("(map, sort, fingerprint)", || {
        for diagnostic in &mut diagnostics {
            source.map_diagnostic(diagnostic);
        }
        sort_diagnostics(&mut diagnostics);
        cap_findings(&mut diagnostics, &options.levels, options.lang);
        crate::fingerprint::assign(&mut diagnostics, Some(&source));
    });
    FileResult {
        path: source.name.clone(),
        template: template.map(|t| t.id.clone()),
        source: Some(source),
        document: Some(document),
        diagnostics,
        error: None,
        indicators,
    }
}

/// A reader cap the document went past ([`crate::document::model::LimitHit`]).
fn limit_finding(hit: &LimitHit, lang: Lang) -> Diagnostic {
    let (first, message, help) = match (hit, lang) {
        (LimitHit::LongLines { first, count, cap }, Lang::Vi) => (
            first,
            format!(
                "{count} dòng dài quá {} KB (dòng đầu tiên ở đây): rasoat chỉ kiểm tra chữ, không đọc đề mục hay hàng bảng trong các dòng này",
                cap / 1024
            ),
            "Văn bản có thể đã mất dấu xuống dòng: xuất lại tệp từ văn bản gốc (.docx) rồi kiểm tra lại",
        ),
        (LimitHit::LongLines { first, count, cap }, Lang::En) => (
            first,
            format!(
                "{count} line(s) longer than {} KB (the first is here): rasoat checks their wording but does not read headings or table rows in them",
                cap / 1024
            ),
            "the line breaks may have been lost: export the file again from the original (.docx) and check it again",
        ),
        (LimitHit::TableRows { first, cap }, Lang::Vi) => (
            first,
            format!(
                "Văn bản có hơn {cap} hàng bảng: từ hàng này trở đi rasoat chỉ kiểm tra chữ, không đọc như hàng bảng (chỉ tiêu, nhiệm vụ)"
            ),
            "Kế hoạch thường chỉ có vài trăm hàng bảng; tách bảng số liệu ra tệp riêng",
        ),
        (LimitHit::TableRows { first, cap }, Lang::En) => (
            first,
            format!(
                "more than {cap} table rows: from this row on rasoat checks the wording only, not as table rows (indicators, tasks)"
            ),
            "a plan has a few hundred table rows at most; move data tables to a separate file",
        ),
    };
    let at = Span::new(first.start, first.start);
    Diagnostic::new("input-limit-reached", Severity::Warning, message)
        .with_label(at, None)
        .with_help(help)
}

/// Keep the first [`MAX_FINDINGS_PER_FILE`] findings (in text order) and say
/// how many were dropped.
fn cap_findings(diagnostics: &mut Vec<Diagnostic>, levels: &RuleLevels, lang: Lang) {
    if diagnostics.len() <= MAX_FINDINGS_PER_FILE {
        return;
    }
    let dropped = diagnostics.len() - MAX_FINDINGS_PER_FILE;
    diagnostics.truncate(MAX_FINDINGS_PER_FILE);
    let (message, help) = match lang {
        Lang::Vi => (
            format!(
                "Tệp có quá nhiều phát hiện: chỉ liệt kê {MAX_FINDINGS_PER_FILE} phát hiện đầu, bỏ qua {dropped} phát hiện còn lại"
            ),
            "Kiểm tra xem tệp có đúng là văn bản kế hoạch không (ví dụ văn bản bị dồn thành một dòng); sửa các lỗi đã liệt kê rồi chạy lại",
        ),
        Lang::En => (
            format!(
                "too many findings: only the first {MAX_FINDINGS_PER_FILE} are listed, {dropped} more were dropped"
            ),
            "check that the file is a plan (e.g. not all text on one line); fix the listed findings and run again",
        ),
    };
    let mut limit =
        vec![Diagnostic::new("input-limit-reached", Severity::Warning, message).with_help(help)];
    apply_levels(&mut limit, levels);
    diagnostics.splice(0..0, limit);
}

/// Findings about the file itself: not NFC, encoding guessed.
fn input_findings(source: &SourceFile, lang: Lang) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    if source.was_normalized() {
        let (message, help) = match lang {
            Lang::Vi => (
                "Văn bản không ở dạng Unicode dựng sẵn (NFC); rasoat đã chuẩn hoá để kiểm tra",
                "Lưu lại tệp với bảng mã Unicode dựng sẵn (ví dụ dùng Unikey: chuyển mã sang Unicode dựng sẵn)",
            ),
            Lang::En => (
                "the text is not in Unicode NFC form; rasoat normalised it before checking",
                "save the file as precomposed Unicode (NFC)",
            ),
        };
        found.push(Diagnostic::new("input-not-nfc", Severity::Info, message).with_help(help));
    }
    if source.encoding_guessed {
        let (message, help) = match lang {
            Lang::Vi => (
                format!(
                    "Tệp không phải UTF-8; rasoat đoán bảng mã là {}",
                    source.encoding
                ),
                "Lưu lại tệp ở dạng UTF-8",
            ),
            Lang::En => (
                format!(
                    "the file is not UTF-8; rasoat guessed the encoding {}",
                    source.encoding
                ),
                "save the file as UTF-8",
            ),
        };
        found.push(
            Diagnostic::new("input-encoding-guessed", Severity::Warning, message).with_help(help),
        );
    }
    if let Some(legacy) = legacy_font_finding(source, lang) {
        found.push(legacy);
    }
    found
}

/// A .docx with runs in TCVN3/VNI fonts: their text was converted to check it,
/// but the document itself should be converted to Unicode.
fn legacy_font_finding(source: &SourceFile, lang: Lang) -> Option<Diagnostic> {
    let fonts = &source.docx.as_ref()?.legacy_fonts;
    if fonts.is_empty() {
        return None;
    }
    let list = fonts
        .iter()
        .map(|(font, encoding)| format!("{font} ({encoding})"))
        .collect::<Vec<_>>()
        .join(", ");
    let (message, help) = match lang {
        Lang::Vi => (
            format!(
                "Văn bản dùng phông chữ bảng mã cũ: {list}; rasoat đã chuyển sang Unicode để kiểm tra"
            ),
            "Chuyển toàn văn bản sang Unicode dựng sẵn (ví dụ Unikey: Công cụ chuyển mã, \
             nguồn TCVN3 hoặc VNI, đích Unicode) và dùng phông Unicode như Times New Roman",
        ),
        Lang::En => (
            format!(
                "the document uses legacy-encoded fonts: {list}; rasoat converted their text to Unicode to check it"
            ),
            "convert the document to Unicode (e.g. Unikey's converter, from TCVN3 or VNI) \
             and use a Unicode font such as Times New Roman",
        ),
    };
    Some(Diagnostic::new("legacy-font-encoding", Severity::Warning, message).with_help(help))
}
