//! One submission's detail: its findings with line numbers, then its text
//! with the matched passages highlighted. Anchors: `plan-N` for the
//! submission, `plan-N-LM` for line M of its text.

use std::fmt::Write;

use crate::diagnostic::Diagnostic;
use crate::document::source::floor_char_boundary;
use crate::document::SourceFile;
use crate::report::html::{escape, level_vi};
use crate::report::summary::Submission;

pub fn render(page: &mut String, submission: &Submission) {
    let anchor = submission.anchor();
    let result = submission.result;
    let _ = writeln!(
        page,
        "<details class=\"plan\" id=\"{anchor}\"><summary>{}. {} — {} lỗi, {} cảnh báo, {} thông tin \
         <span class=\"muted\">({})</span></summary>",
        submission.index,
        escape(&submission.commune),
        submission.errors,
        submission.warnings,
        submission.infos,
        escape(&result.path),
    );
    findings_table(page, &anchor, &result.diagnostics, result.source.as_ref());
    if let Some(source) = &result.source {
        source_text(page, &anchor, source, &result.diagnostics);
    } else if let Some(error) = &result.error {
        let _ = writeln!(page, "<p class=\"error\">{}</p>", escape(error));
    }
    page.push_str("</details>\n");
}

fn findings_table(
    page: &mut String,
    anchor: &str,
    diagnostics: &[Diagnostic],
    source: Option<&SourceFile>,
) {
    if diagnostics.is_empty() {
        page.push_str("<p>Không có phát hiện nào.</p>\n");
        return;
    }
    let _ = writeln!(
        page,
        "<table class=\"findings\"><thead><tr><th>Dòng</th><th>Mức</th><th>Quy tắc</th>\
         <th>Nội dung</th><th>Cách sửa</th></tr></thead><tbody>"
    );
    for diagnostic in diagnostics {
        let located = source.zip(diagnostic.labels.first());
        let place = match located {
            Some((source, label)) => {
                let position = source.position(label.span.start);
                format!(
                    "<a href=\"#{anchor}-L{line}\">{line}:{column}</a>",
                    line = position.line,
                    column = position.column
                )
            }
            None => "tệp".to_owned(),
        };
        let _ = writeln!(
            page,
            "<tr><td>{place}</td><td class=\"{}\">{}</td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
            diagnostic.severity.as_str(),
            level_vi(diagnostic.severity),
            escape(&diagnostic.rule_id),
            escape(&diagnostic.message),
            escape(diagnostic.help.as_deref().unwrap_or("")),
        );
    }
    page.push_str("</tbody></table>\n");
}

/// The text line by line; lines where a finding starts are marked and tagged
/// with its rule ids, matched passages wrapped in `<mark>`.
fn source_text(page: &mut String, anchor: &str, source: &SourceFile, diagnostics: &[Diagnostic]) {
    let text = source.original();
    let marks = merged_spans(text, diagnostics);
    let index = source.line_index();
    let mut tags: Vec<Vec<&str>> = vec![Vec::new(); index.line_count()];
    for diagnostic in diagnostics {
        if let Some(label) = diagnostic.labels.first() {
            let line = index.line_of(label.span.start.min(text.len()));
            if let Some(line_tags) = tags.get_mut(line) {
                if !line_tags.contains(&diagnostic.rule_id.as_str()) {
                    line_tags.push(&diagnostic.rule_id);
                }
            }
        }
    }
    page.push_str("<table class=\"source\"><tbody>\n");
    let mut mark_iter = marks.iter().peekable();
    for (line, line_tags) in tags.iter().enumerate() {
        let start = index.line_start(line);
        let end = if line + 1 < index.line_count() {
            index.line_start(line + 1).saturating_sub(1)
        } else {
            text.len()
        };
        let class = if line_tags.is_empty() {
            ""
        } else {
            " class=\"hit\""
        };
        let _ = write!(
            page,
            "<tr id=\"{anchor}-L{n}\"{class}><td class=\"ln\">{n}</td><td>",
            n = line + 1
        );
        // Marks that ended before this line are done.
        while mark_iter.peek().is_some_and(|m| m.1 <= start) {
            mark_iter.next();
        }
        let mut at = start;
        for &(mark_start, mark_end) in mark_iter.clone() {
            if mark_start >= end {
                break;
            }
            let from = mark_start.max(start);
            let to = mark_end.min(end);
            page.push_str(&escape(text.get(at..from).unwrap_or("")));
            let _ = write!(
                page,
                "<mark>{}</mark>",
                escape(text.get(from..to).unwrap_or(""))
            );
            at = to;
        }
        page.push_str(&escape(
            text.get(at..end).unwrap_or("").trim_end_matches('\r'),
        ));
        for tag in line_tags {
            let _ = write!(page, "<span class=\"tag\">{}</span>", escape(tag));
        }
        page.push_str("</td></tr>\n");
    }
    page.push_str("</tbody></table>\n");
}

/// Primary spans of the findings, on character boundaries, overlaps merged.
fn merged_spans(text: &str, diagnostics: &[Diagnostic]) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = diagnostics
        .iter()
        .filter_map(|d| d.labels.first())
        .map(|l| {
            (
                floor_char_boundary(text, l.span.start),
                floor_char_boundary(text, l.span.end),
            )
        })
        .filter(|(start, end)| start < end)
        .collect();
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Severity, Span};

    fn finding(start: usize, end: usize) -> Diagnostic {
        Diagnostic::new("x", Severity::Warning, "m").with_label(Span::new(start, end), None)
    }

    #[test]
    fn overlapping_spans_merge() {
        let text = "abcdefghij";
        let found = [finding(1, 4), finding(3, 6), finding(8, 9), finding(5, 5)];
        assert_eq!(merged_spans(text, &found), [(1, 6), (8, 9)]);
    }

    #[test]
    fn marks_span_lines_and_text_is_escaped() {
        let source = SourceFile::from_text("a.txt", "một <b>\nhai ba\n");
        let start = source.original().find('<').unwrap();
        let end = source.original().find("i ba").unwrap();
        let found = [finding(start, end)];
        let mut page = String::new();
        source_text(&mut page, "plan-1", &source, &found);
        assert!(
            page.contains("<td>một <mark>&lt;b&gt;</mark><span class=\"tag\">x</span>"),
            "{page}"
        );
        assert!(
            page.contains(
                "<tr id=\"plan-1-L2\"><td class=\"ln\">2</td><td><mark>ha</mark>i ba</td>"
            ),
            "{page}"
        );
    }
}
