//! `--format concise`: one line per finding, `path:line:column: level[rule-id] message`
//! (like ruff's concise output). Also what snapshot tests compare.

use std::fmt::Write as _;

use crate::lint::FileResult;

pub fn render(results: &[FileResult]) -> String {
    let mut out = String::new();
    for result in results {
        for d in &result.diagnostics {
            let location = match (&result.source, d.labels.first()) {
                (Some(source), Some(label)) => {
                    let p = source.position(label.span.start);
                    format!("{}:{}:{}", result.path, p.line, p.column)
                }
                _ => result.path.clone(),
            };
            let matched = match (&result.source, d.labels.first()) {
                (Some(source), Some(label)) if !label.span.is_empty() => source
                    .original()
                    .get(label.span.start..label.span.end)
                    .map(|m| format!(" «{}»", shorten(m)))
                    .unwrap_or_default(),
                _ => String::new(),
            };
            let fix = match &d.fix {
                Some(fix) => {
                    let edits: Vec<String> = fix
                        .edits
                        .iter()
                        .map(|e| format!("«{}»", e.replacement))
                        .collect();
                    format!(
                        " [fix {}: {}]",
                        serde_json::to_string(&fix.applicability)
                            .unwrap_or_default()
                            .trim_matches('"'),
                        edits.join(", ")
                    )
                }
                None => String::new(),
            };
            // One line per finding, even when a message quotes several lines.
            let message = d.message.replace("\r\n", "⏎").replace('\n', "⏎");
            let _ = writeln!(
                out,
                "{location}: {}[{}] {message}{matched}{fix}",
                d.severity.as_str(),
                d.rule_id,
            );
        }
    }
    out
}

fn shorten(text: &str) -> String {
    let text = text.replace('\n', "⏎");
    if text.chars().count() > 60 {
        let head: String = text.chars().take(57).collect();
        format!("{head}…")
    } else {
        text
    }
}
