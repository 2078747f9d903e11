//! `rasoat report --csv`: one row per submission, UTF-8 with a byte-order
//! mark so Excel shows Vietnamese correctly.

use crate::report::summary::BatchSummary;

pub const HEADER: &[&str] = &[
    "STT",
    "Xã/phường",
    "Số văn bản",
    "Ngày",
    "Năm kế hoạch",
    "Mẫu",
    "Lỗi",
    "Cảnh báo",
    "Thông tin",
    "Thiếu chỉ tiêu bắt buộc",
    "Chỉ tiêu thấp hơn năm trước",
    "Tệp",
    "Chi tiết",
];

pub fn render(summary: &BatchSummary) -> String {
    let mut out = String::from('\u{feff}');
    push_row(&mut out, HEADER.iter().map(|h| h.to_string()));
    for s in &summary.submissions {
        push_row(
            &mut out,
            [
                s.index.to_string(),
                s.commune.clone(),
                s.number.clone().unwrap_or_default(),
                s.date.clone().unwrap_or_default(),
                s.plan_year.map(|y| y.to_string()).unwrap_or_default(),
                s.template.clone().unwrap_or_default(),
                s.errors.to_string(),
                s.warnings.to_string(),
                s.infos.to_string(),
                s.missing_indicators.to_string(),
                s.below_baseline.to_string(),
                s.result.path.clone(),
                summary.detail_link(s),
            ],
        );
    }
    out
}

fn push_row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    let cells: Vec<String> = cells.into_iter().map(|c| field(&c)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// RFC 4180 quoting; a leading `=`, `+`, `-` or `@` is neutralised so a
/// spreadsheet never reads a submitted text as a formula.
fn field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn quotes_and_formula_guard() {
        assert_eq!(field("xã Kiến Hưng"), "xã Kiến Hưng");
        assert_eq!(field("a,\"b\""), "\"a,\"\"b\"\"\"");
        assert_eq!(field("=1+1"), "'=1+1");
    }
}
