//! `--format junit`: JUnit XML for CI test reports. One `<testsuite>` per
//! file, one failing `<testcase>` per finding, or one passing test case for a
//! file without findings; an unreadable file is an `<error>`.

use std::fmt::Write as _;

use crate::lint::FileResult;

pub fn render(results: &[FileResult]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let tests: usize = results.iter().map(|r| r.diagnostics.len().max(1)).sum();
    let errors = results.iter().filter(|r| r.error.is_some()).count();
    let failures: usize = results
        .iter()
        .filter(|r| r.error.is_none())
        .map(|r| r.diagnostics.len())
        .sum();
    let _ = writeln!(
        out,
        "<testsuites name=\"rasoat\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">"
    );
    for file in results {
        let path = escape(&file.path);
        let (suite_failures, suite_errors) = match &file.error {
            Some(_) => (0, 1),
            None => (file.diagnostics.len(), 0),
        };
        let _ = writeln!(
            out,
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{suite_failures}\" errors=\"{suite_errors}\">",
            file.diagnostics.len().max(1)
        );
        if let Some(error) = &file.error {
            let _ = writeln!(
                out,
                "    <testcase name=\"input-unreadable\" classname=\"{path}\">\n      <error message=\"{}\"/>\n    </testcase>",
                escape(error)
            );
        } else if file.diagnostics.is_empty() {
            let _ = writeln!(out, "    <testcase name=\"rasoat\" classname=\"{path}\"/>");
        }
        for d in file.diagnostics.iter().filter(|_| file.error.is_none()) {
            let position = match (&file.source, d.labels.first()) {
                (Some(source), Some(label)) => {
                    let p = source.position(label.span.start);
                    format!("{}:{}", p.line, p.column)
                }
                _ => String::new(),
            };
            let name = if position.is_empty() {
                d.rule_id.clone()
            } else {
                format!("{} at {position}", d.rule_id)
            };
            let mut body = format!("{}: {}", d.severity.as_str(), d.message);
            if let Some(help) = &d.help {
                body.push('\n');
                body.push_str(help);
            }
            if !position.is_empty() {
                body = format!("{}:{position}: {body}", file.path);
            }
            let _ = writeln!(
                out,
                "    <testcase name=\"{}\" classname=\"{path}\">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>",
                escape(&name),
                escape(d.severity.as_str()),
                escape(&d.message),
                escape(&body)
            );
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// XML text and attribute escaping; characters XML 1.0 forbids (control
/// characters from a broken file) are dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(escape("a<b>&\"c'\u{1}"), "a&lt;b&gt;&amp;&quot;c&apos;");
    }
}
