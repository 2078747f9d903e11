//! `rasoat report --xlsx`: a real Excel workbook (rust_xlsxwriter) with the
//! submissions, every finding, the rule frequency and the heat map, one
//! sheet each.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::report::csv::HEADER as SUBMISSION_HEADER;
use crate::report::html::level_vi;
use crate::report::summary::BatchSummary;

pub const SHEET_SUBMISSIONS: &str = "Hồ sơ";
pub const SHEET_FINDINGS: &str = "Phát hiện";
pub const SHEET_RULES: &str = "Tần suất quy tắc";
pub const SHEET_HEAT_MAP: &str = "Bản đồ nhiệt";

pub const FINDINGS_HEADER: &[&str] = &[
    "STT hồ sơ",
    "Xã/phường",
    "Tệp",
    "Dòng",
    "Cột",
    "Mức",
    "Quy tắc",
    "Nhóm",
    "Nội dung",
    "Cách sửa",
    "Đoạn văn",
];

pub const RULES_HEADER: &[&str] = &["Quy tắc", "Nhóm", "Mức", "Số phát hiện", "Số hồ sơ"];

/// The workbook as bytes.
pub fn render(summary: &BatchSummary) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    submissions(workbook.add_worksheet(), summary, &bold)?;
    findings(workbook.add_worksheet(), summary, &bold)?;
    rules(workbook.add_worksheet(), summary, &bold)?;
    heat_map(workbook.add_worksheet(), summary, &bold)?;
    workbook.save_to_buffer()
}

fn header(sheet: &mut Worksheet, titles: &[&str], bold: &Format) -> Result<(), XlsxError> {
    for (col, title) in (0u16..).zip(titles) {
        sheet.write_string_with_format(0, col, *title, bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn count(n: usize) -> f64 {
    n as f64
}

fn submissions(
    sheet: &mut Worksheet,
    summary: &BatchSummary,
    bold: &Format,
) -> Result<(), XlsxError> {
    sheet.set_name(SHEET_SUBMISSIONS)?;
    header(sheet, SUBMISSION_HEADER, bold)?;
    for (row, s) in (1u32..).zip(&summary.submissions) {
        sheet.write_number(row, 0, count(s.index))?;
        sheet.write_string(row, 1, &s.commune)?;
        sheet.write_string(row, 2, s.number.as_deref().unwrap_or(""))?;
        sheet.write_string(row, 3, s.date.as_deref().unwrap_or(""))?;
        if let Some(year) = s.plan_year {
            sheet.write_number(row, 4, f64::from(year))?;
        }
        sheet.write_string(row, 5, s.template.as_deref().unwrap_or(""))?;
        for (col, value) in (6u16..).zip([
            s.errors,
            s.warnings,
            s.infos,
            s.missing_indicators,
            s.below_baseline,
        ]) {
            sheet.write_number(row, col, count(value))?;
        }
        sheet.write_string(row, 11, &s.result.path)?;
        sheet.write_string(row, 12, summary.detail_link(s))?;
    }
    sheet.set_column_width(1, 24)?;
    sheet.set_column_width(11, 40)?;
    sheet.autofilter(0, 0, summary.submissions.len() as u32, 12)?;
    Ok(())
}

fn findings(sheet: &mut Worksheet, summary: &BatchSummary, bold: &Format) -> Result<(), XlsxError> {
    sheet.set_name(SHEET_FINDINGS)?;
    header(sheet, FINDINGS_HEADER, bold)?;
    let group_of = |rule_id: &str| {
        summary
            .rule_frequency
            .iter()
            .find(|r| r.rule_id == rule_id)
            .map(|r| r.group.as_str())
            .unwrap_or("")
    };
    let mut row = 1u32;
    for s in &summary.submissions {
        let source = s.result.source.as_ref();
        for diagnostic in &s.result.diagnostics {
            sheet.write_number(row, 0, count(s.index))?;
            sheet.write_string(row, 1, &s.commune)?;
            sheet.write_string(row, 2, &s.result.path)?;
            if let Some((source, label)) = source.zip(diagnostic.labels.first()) {
                let position = source.position(label.span.start);
                sheet.write_number(row, 3, count(position.line))?;
                sheet.write_number(row, 4, count(position.column))?;
                let matched = source
                    .original()
                    .get(label.span.start..label.span.end)
                    .unwrap_or("");
                sheet.write_string(row, 10, matched)?;
            }
            sheet.write_string(row, 5, level_vi(diagnostic.severity))?;
            sheet.write_string(row, 6, &diagnostic.rule_id)?;
            sheet.write_string(row, 7, group_of(&diagnostic.rule_id))?;
            sheet.write_string(row, 8, &diagnostic.message)?;
            sheet.write_string(row, 9, diagnostic.help.as_deref().unwrap_or(""))?;
            row += 1;
        }
    }
    sheet.set_column_width(8, 60)?;
    sheet.autofilter(0, 0, row.saturating_sub(1).max(1), 10)?;
    Ok(())
}

fn rules(sheet: &mut Worksheet, summary: &BatchSummary, bold: &Format) -> Result<(), XlsxError> {
    sheet.set_name(SHEET_RULES)?;
    header(sheet, RULES_HEADER, bold)?;
    for (row, rule) in (1u32..).zip(&summary.rule_frequency) {
        sheet.write_string(row, 0, &rule.rule_id)?;
        sheet.write_string(row, 1, &rule.group)?;
        sheet.write_string(row, 2, level_vi(rule.severity))?;
        sheet.write_number(row, 3, count(rule.findings))?;
        sheet.write_number(row, 4, count(rule.submissions))?;
    }
    sheet.set_column_width(0, 32)?;
    Ok(())
}

fn heat_map(sheet: &mut Worksheet, summary: &BatchSummary, bold: &Format) -> Result<(), XlsxError> {
    sheet.set_name(SHEET_HEAT_MAP)?;
    let mut titles = vec!["Xã/phường"];
    titles.extend(summary.groups.iter().map(String::as_str));
    header(sheet, &titles, bold)?;
    for (row, s) in (1u32..).zip(&summary.submissions) {
        sheet.write_string(row, 0, &s.commune)?;
        for (col, &n) in (1u16..).zip(&s.by_group) {
            sheet.write_number(row, col, count(n))?;
        }
    }
    sheet.set_column_width(0, 24)?;
    Ok(())
}
