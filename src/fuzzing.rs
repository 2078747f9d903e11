//! Entry points shared by the fuzz targets (`fuzz/`) and the corpus replay
//! test (`tests/fuzz_corpus.rs`), so CI re-checks every found input on stable.
//! Each must return normally on any input; a panic is a bug.

use crate::document::SourceFile;
use crate::lint::{check_source, LintOptions};
use crate::rules::RuleSet;
use crate::templates::TemplateSet;

/// Decode → normalise → parse → check with the built-in rules.
pub fn text_pipeline(bytes: &[u8]) {
    static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
    static TEMPLATES: std::sync::OnceLock<TemplateSet> = std::sync::OnceLock::new();
    let rules = RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules load"));
    let templates = TEMPLATES.get_or_init(TemplateSet::builtin);
    let Ok(source) = SourceFile::from_bytes("fuzz.txt", bytes) else {
        return;
    };
    let line_count = source.text.split('\n').count();
    let result = check_source(source, rules, templates, &LintOptions::default());
    // The model keeps every line of the input.
    let document = result
        .document
        .as_ref()
        .expect("checked sources keep their model");
    assert_eq!(document.lines.len(), line_count, "a line was dropped");
    let source = result
        .source
        .as_ref()
        .expect("checked sources keep their text");
    for diagnostic in &result.diagnostics {
        for label in &diagnostic.labels {
            assert!(
                label.span.start <= label.span.end && label.span.end <= source.original().len()
            );
            assert!(source.original().is_char_boundary(label.span.start));
            assert!(source.original().is_char_boundary(label.span.end));
        }
    }
}

/// A rule file as a user could write it.
pub fn rule_file(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let mut rules = RuleSet::default();
    let _ = rules.add_file("fuzz.yaml", text);
}

/// A `rasoat.toml` as a user could write it (rule folders it names are looked
/// up next to a path that does not exist, so nothing outside is read).
pub fn config_file(bytes: &[u8]) {
    static RULES: std::sync::OnceLock<std::sync::Arc<RuleSet>> = std::sync::OnceLock::new();
    let rules =
        RULES.get_or_init(|| std::sync::Arc::new(RuleSet::builtin().expect("built-in rules load")));
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let path = std::path::Path::new("/nonexistent-rasoat-fuzz/rasoat.toml");
    static TEMPLATES: std::sync::OnceLock<TemplateSet> = std::sync::OnceLock::new();
    let templates = TEMPLATES.get_or_init(TemplateSet::builtin);
    let _ = crate::config::parse_config(path, text, rules, &[], templates);
}

/// A `.docx` package: read, extracted, parsed and checked like a text plan.
pub fn docx_package(bytes: &[u8]) {
    if let Ok(source) = crate::document::docx::source_from_bytes("fuzz.docx", bytes) {
        text_pipeline(source.original().as_bytes());
    }
}
