//! `rasoat report --html`: one self-contained page (inline CSS and script,
//! no network) in Vietnamese for city reviewers: the submissions table, rule
//! frequency, a communes × rule-groups heat map, cross-submission checks and
//! each submission's findings shown against its text.

mod assets;
mod detail;

use std::fmt::Write;

use crate::report::summary::{BatchSummary, Submission};

/// Escape text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub fn render(summary: &BatchSummary) -> String {
    let mut page = String::new();
    page.push_str("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    page.push_str("<title>Báo cáo rà soát kế hoạch chuyển đổi số</title>\n");
    let _ = writeln!(page, "<style>{}</style>\n</head>\n<body>", assets::CSS);
    page.push_str("<h1>Báo cáo rà soát kế hoạch chuyển đổi số</h1>\n");
    overview(&mut page, summary);
    submissions_table(&mut page, summary);
    rule_frequency(&mut page, summary);
    heat_map(&mut page, summary);
    cross_checks(&mut page, summary);
    page.push_str("<h2 id=\"details\">Chi tiết từng hồ sơ</h2>\n");
    for submission in &summary.submissions {
        detail::render(&mut page, submission);
    }
    let _ = writeln!(page, "<script>{}</script>\n</body>\n</html>", assets::JS);
    page
}

fn overview(page: &mut String, summary: &BatchSummary) {
    let total = |f: fn(&Submission) -> usize| summary.submissions.iter().map(f).sum::<usize>();
    let failed = summary
        .submissions
        .iter()
        .filter(|s| s.result.error.is_some())
        .count();
    let _ = writeln!(
        page,
        "<p id=\"overview\">{} hồ sơ; <span class=\"error\">{} lỗi</span>, \
         <span class=\"warning\">{} cảnh báo</span>, <span class=\"info\">{} thông tin</span>; \
         {} tệp không đọc được. Tạo bởi rasoat {}.</p>",
        summary.submissions.len(),
        total(|s| s.errors),
        total(|s| s.warnings),
        total(|s| s.infos),
        failed,
        env!("CARGO_PKG_VERSION"),
    );
}

/// Columns of the submissions table: key (for `#sort=KEY`), header, numeric.
const COLUMNS: &[(&str, &str, bool)] = &[
    ("index", "#", true),
    ("commune", "Xã/phường", false),
    ("number", "Số văn bản", false),
    ("date", "Ngày", false),
    ("year", "Năm kế hoạch", true),
    ("template", "Mẫu", false),
    ("errors", "Lỗi", true),
    ("warnings", "Cảnh báo", true),
    ("infos", "Thông tin", true),
    ("missing", "Thiếu chỉ tiêu bắt buộc", true),
    ("below", "Chỉ tiêu thấp hơn năm trước", true),
    ("file", "Tệp", false),
];

fn submissions_table(page: &mut String, summary: &BatchSummary) {
    page.push_str(
        "<h2>Danh sách hồ sơ</h2>\n<p class=\"muted\">Bấm vào tiêu đề cột để sắp xếp.</p>\n",
    );
    page.push_str("<table id=\"submissions\" class=\"sortable\">\n<thead><tr>");
    for (key, title, numeric) in COLUMNS {
        let kind = if *numeric { " data-type=\"num\"" } else { "" };
        let _ = write!(page, "<th data-key=\"{key}\"{kind}>{}</th>", escape(title));
    }
    page.push_str("</tr></thead>\n<tbody>\n");
    for s in &summary.submissions {
        let class = if s.result.error.is_some() {
            " class=\"failed\""
        } else {
            ""
        };
        let _ = write!(
            page,
            "<tr data-index=\"{i}\" data-plan=\"{anchor}\"{class}><td class=\"num\">{i}</td>\
             <td><a href=\"#{anchor}\">{commune}</a></td><td>{number}</td><td>{date}</td>\
             <td class=\"num\">{year}</td><td>{template}</td>",
            i = s.index,
            anchor = s.anchor(),
            commune = escape(&s.commune),
            number = escape(s.number.as_deref().unwrap_or("")),
            date = escape(s.date.as_deref().unwrap_or("")),
            year = s.plan_year.map(|y| y.to_string()).unwrap_or_default(),
            template = escape(s.template.as_deref().unwrap_or("—")),
        );
        for (value, class) in [
            (s.errors, "error"),
            (s.warnings, "warning"),
            (s.infos, "info"),
            (s.missing_indicators, ""),
            (s.below_baseline, ""),
        ] {
            let class = if value > 0 { class } else { "" };
            let _ = write!(page, "<td class=\"num {class}\">{value}</td>");
        }
        let _ = writeln!(page, "<td>{}</td></tr>", escape(&s.result.path));
    }
    page.push_str("</tbody>\n</table>\n");
}

fn rule_frequency(page: &mut String, summary: &BatchSummary) {
    page.push_str("<h2>Tần suất theo quy tắc</h2>\n");
    if summary.rule_frequency.is_empty() {
        page.push_str("<p>Không có phát hiện nào.</p>\n");
        return;
    }
    page.push_str(
        "<table id=\"rules\" class=\"sortable\">\n<thead><tr><th>Quy tắc</th><th>Nhóm</th>\
         <th>Mức</th><th data-type=\"num\">Số phát hiện</th><th data-type=\"num\">Số hồ sơ</th>\
         </tr></thead>\n<tbody>\n",
    );
    for (i, rule) in summary.rule_frequency.iter().enumerate() {
        let _ = writeln!(
            page,
            "<tr data-index=\"{}\"><td><code>{}</code></td><td>{}</td><td class=\"{level}\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            i + 1,
            escape(&rule.rule_id),
            escape(&rule.group),
            level_vi(rule.severity),
            rule.findings,
            rule.submissions,
            level = rule.severity.as_str(),
        );
    }
    page.push_str("</tbody>\n</table>\n");
}

pub(crate) fn level_vi(severity: crate::diagnostic::Severity) -> &'static str {
    match severity {
        crate::diagnostic::Severity::Error => "lỗi",
        crate::diagnostic::Severity::Warning => "cảnh báo",
        crate::diagnostic::Severity::Info => "thông tin",
    }
}

fn heat_map(page: &mut String, summary: &BatchSummary) {
    page.push_str("<h2>Bản đồ nhiệt: xã/phường × nhóm quy tắc</h2>\n");
    if summary.groups.is_empty() {
        page.push_str("<p>Không có phát hiện nào.</p>\n");
        return;
    }
    page.push_str("<table id=\"heatmap\" class=\"sortable\">\n<thead><tr><th>Xã/phường</th>");
    for group in &summary.groups {
        let _ = write!(page, "<th data-type=\"num\">{}</th>", escape(group));
    }
    page.push_str("</tr></thead>\n<tbody>\n");
    let max = summary.heat_max().max(1);
    for s in &summary.submissions {
        let _ = write!(
            page,
            "<tr data-index=\"{}\"><td><a href=\"#{}\">{}</a></td>",
            s.index,
            s.anchor(),
            escape(&s.commune)
        );
        for &count in &s.by_group {
            // Opacity in tenths keeps the page (and its golden test) stable.
            let alpha = if count == 0 { 0 } else { 1 + count * 9 / max };
            let _ = write!(
                page,
                "<td class=\"heat\" style=\"background:rgba(214,40,40,0.{alpha:0>1})\">{count}</td>",
                alpha = alpha.min(9),
            );
        }
        page.push_str("</tr>\n");
    }
    page.push_str("</tbody>\n</table>\n");
}

fn cross_checks(page: &mut String, summary: &BatchSummary) {
    page.push_str("<h2 id=\"citation-conflicts\">Cùng văn bản, khác ngày ban hành</h2>\n");
    if summary.citation_conflicts.is_empty() {
        page.push_str(
            "<p>Không có văn bản nào được các xã/phường trích dẫn với ngày khác nhau.</p>\n",
        );
    } else {
        page.push_str("<table><thead><tr><th>Văn bản</th><th>Ngày trích dẫn</th><th>Xã/phường</th></tr></thead><tbody>\n");
        for conflict in &summary.citation_conflicts {
            for (date, communes) in &conflict.dates {
                let _ = writeln!(
                    page,
                    "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                    escape(&conflict.symbol),
                    escape(date),
                    escape(&communes.join(", "))
                );
            }
        }
        page.push_str("</tbody></table>\n");
    }
    page.push_str("<h2 id=\"shared-missing\">Chỉ tiêu bắt buộc cùng bị thiếu</h2>\n");
    if summary.shared_missing.is_empty() {
        page.push_str(
            "<p>Không có chỉ tiêu bắt buộc nào cùng bị thiếu ở từ hai xã/phường trở lên.</p>\n",
        );
    } else {
        page.push_str("<table><thead><tr><th>Chỉ tiêu</th><th>Số xã/phường</th><th>Xã/phường</th></tr></thead><tbody>\n");
        for shared in &summary.shared_missing {
            let _ = writeln!(
                page,
                "<tr><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                escape(&shared.indicator),
                shared.communes.len(),
                escape(&shared.communes.join(", "))
            );
        }
        page.push_str("</tbody></table>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<b>\"Kế hoạch\" & 'x'</b>"),
            "&lt;b&gt;&quot;Kế hoạch&quot; &amp; &#39;x&#39;&lt;/b&gt;"
        );
    }
}
