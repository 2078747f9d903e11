//! `--format github`: GitHub Actions workflow commands, one annotation per
//! finding: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=rule-id::message`.
//! Info findings become `::notice`.

use std::fmt::Write as _;

use crate::diagnostic::Severity;
use crate::lint::FileResult;

pub fn render(results: &[FileResult]) -> String {
    let mut out = String::new();
    for file in results {
        for d in &file.diagnostics {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut properties = vec![format!("file={}", escape_property(&file.path))];
            if let (Some(source), Some(label)) = (&file.source, d.labels.first()) {
                let start = source.position(label.span.start);
                let end = source.position(label.span.end);
                properties.push(format!("line={}", start.line));
                properties.push(format!("col={}", start.column));
                properties.push(format!("endLine={}", end.line));
                properties.push(format!("endColumn={}", end.column));
            }
            properties.push(format!("title={}", escape_property(&d.rule_id)));
            let message = match &d.help {
                Some(help) => format!("{}\n{help}", d.message),
                None => d.message.clone(),
            };
            let _ = writeln!(
                out,
                "::{command} {}::{}",
                properties.join(","),
                escape_data(&message)
            );
        }
    }
    out
}

/// The message part: `%`, CR and LF are percent-encoded.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: like the message, plus `:` and `,`, which delimit properties.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_actions_toolkit() {
        assert_eq!(escape_data("95%\r\nok: a, b"), "95%25%0D%0Aok: a, b");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
