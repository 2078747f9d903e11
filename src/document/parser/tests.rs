//! Unit tests: one per construct of the grammar and the assembly passes.

use super::parse;
use crate::document::model::{Document, LineKind, NumberingStyle, Section};
use crate::document::SourceFile;

fn kinds(doc: &Document) -> Vec<LineKind> {
    doc.lines.iter().map(|l| l.kind).collect()
}

fn flat(sections: &[Section]) -> Vec<(NumberingStyle, String, String, u8)> {
    let mut out = Vec::new();
    for s in sections {
        out.push((s.style, s.label.value.clone(), s.title.clone(), s.depth));
        out.extend(flat(&s.children));
    }
    out
}

const HEADER: &str = "ỦY BAN NHÂN DÂN\nXÃ HÀ ĐÔNG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 05/KH-UBND\n\nHà Đông, ngày 05 tháng 02 năm 2026\n\nKẾ HOẠCH\nChuyển đổi số xã Hà Đông năm 2026\n\nCăn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ;\n\nI. MỤC TIÊU\n";

#[test]
fn header_fields() {
    let doc = parse(HEADER);
    let h = &doc.header;
    let body: Vec<&str> = h.issuing_body.iter().map(|s| s.value.as_str()).collect();
    assert_eq!(body, ["ỦY BAN NHÂN DÂN", "XÃ HÀ ĐÔNG"]);
    let number = h.number.as_ref().unwrap();
    assert_eq!(number.raw.value, "05/KH-UBND");
    assert_eq!(number.number.as_ref().unwrap().value, "05");
    assert_eq!(number.type_code.as_deref(), Some("KH"));
    assert_eq!(number.issuer_code.as_deref(), Some("UBND"));
    assert_eq!(
        &HEADER[number.raw.span.start..number.raw.span.end],
        "05/KH-UBND"
    );
    let pd = h.place_date.as_ref().unwrap();
    assert_eq!(pd.place.as_ref().unwrap().value, "Hà Đông");
    assert_eq!(pd.day.as_ref().unwrap().value, "05");
    assert_eq!(pd.month.as_ref().unwrap().value, "02");
    assert_eq!(h.type_word.as_ref().unwrap().value, "KẾ HOẠCH");
    assert_eq!(
        h.subject.as_ref().unwrap().value,
        "Chuyển đổi số xã Hà Đông năm 2026"
    );
    assert_eq!(doc.plan_year.as_ref().unwrap().value, 2026);
    assert_eq!(doc.bases.len(), 1);
    assert_eq!(doc.bases[0].verb, "Căn cứ");
    assert_eq!(
        &kinds(&doc)[..12],
        [
            LineKind::IssuingBody,
            LineKind::IssuingBody,
            LineKind::Blank,
            LineKind::NationalTitle,
            LineKind::Motto,
            LineKind::Blank,
            LineKind::DocumentNumber,
            LineKind::Blank,
            LineKind::PlaceDate,
            LineKind::Blank,
            LineKind::TypeWord,
            LineKind::Subject,
        ]
    );
}

#[test]
fn blank_number_and_blank_day() {
    for text in ["Số: /KH-UBND\n", "Số:      /KH-UBND\n", "Số: …/KH-UBND\n"] {
        let doc = parse(text);
        let number = doc.header.number.as_ref().expect(text);
        assert!(number.number.is_none(), "{text}");
        assert_eq!(number.type_code.as_deref(), Some("KH"));
    }
    let doc = parse("Kiến Hưng, ngày    tháng 01 năm 2026\n");
    let pd = doc.header.place_date.unwrap();
    assert!(pd.day.is_none());
    assert_eq!(pd.month.unwrap().value, "01");
    assert_eq!(pd.year.unwrap().value, "2026");
    // Number and date on one line (seed 002).
    let doc = parse("Số: /KH-UBND Nghĩa Trung, ngày tháng năm 2026\n");
    assert!(doc.header.number.is_some());
    let pd = doc.header.place_date.unwrap();
    assert_eq!(pd.place.unwrap().value, "Nghĩa Trung");
    assert!(pd.month.is_none());
}

#[test]
fn headings_of_each_style_nest() {
    let text = "KẾ HOẠCH\nA năm 2026\n\nPhần I\nĐÁNH GIÁ\n\nI. MỤC TIÊU\n1. Mục tiêu chung\n7.1. Kinh tế số\n7.1 Xã hội số\na) Điểm a\nd) Điểm d\nđ) Điểm đ\ne) Điểm e\n2. Khác\nPhần II. KẾ HOẠCH\n";
    let doc = parse(text);
    let got = flat(&doc.sections);
    let want = [
        (NumberingStyle::Part, "I", "ĐÁNH GIÁ", 0),
        (NumberingStyle::Roman, "I", "MỤC TIÊU", 1),
        (NumberingStyle::Arabic, "1", "Mục tiêu chung", 2),
        (NumberingStyle::Dotted, "7.1", "Kinh tế số", 3),
        (NumberingStyle::Dotted, "7.1", "Xã hội số", 3),
        (NumberingStyle::Letter, "a", "Điểm a", 4),
        (NumberingStyle::Letter, "d", "Điểm d", 4),
        (NumberingStyle::Letter, "đ", "Điểm đ", 4),
        (NumberingStyle::Letter, "e", "Điểm e", 4),
        (NumberingStyle::Arabic, "2", "Khác", 2),
        (NumberingStyle::Part, "II", "KẾ HOẠCH", 0),
    ];
    let want: Vec<_> = want
        .iter()
        .map(|(s, l, t, d)| (*s, l.to_string(), t.to_string(), *d))
        .collect();
    assert_eq!(got, want);
    // `Phần I` and its title line are both heading lines.
    assert_eq!(doc.lines[3].kind, LineKind::Heading);
    assert_eq!(doc.lines[4].kind, LineKind::Heading);
    // The body of `1.` runs to `2.`.
    let one = &doc.sections[0].children[0].children[0];
    assert!(text[one.body.start..one.body.end].ends_with("e) Điểm e\n"));
}

#[test]
fn markdown_headings_and_not_headings() {
    let text = "## **I. MỤC TIÊU**\n### **7.1. Kinh tế số**\n1.665.600.000 đồng\nV. là không\nC. Nhóm C\ni. thường\n";
    let doc = parse(text);
    let got = flat(&doc.sections);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].2, "MỤC TIÊU");
    assert_eq!(got[1].1, "7.1");
    assert_eq!(doc.lines[2].kind, LineKind::Text);
    assert_eq!(doc.lines[4].kind, LineKind::Text);
    assert_eq!(doc.lines[5].kind, LineKind::Text);
}

#[test]
fn crlf_lines_exclude_the_carriage_return() {
    let text = "KẾ HOẠCH\r\nChuyển đổi số năm 2026\r\n\r\nI. MỤC TIÊU\r\n";
    let doc = parse(text);
    assert_eq!(doc.lines.len(), 5);
    assert_eq!(
        &text[doc.lines[0].span.start..doc.lines[0].span.end],
        "KẾ HOẠCH"
    );
    assert_eq!(doc.header.subject.unwrap().value, "Chuyển đổi số năm 2026");
    assert_eq!(doc.sections[0].title, "MỤC TIÊU");
}

#[test]
fn nfd_input_parses_like_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let nfd: String = HEADER.nfd().collect();
    let source = SourceFile::from_text("nfd.txt", &nfd);
    assert!(source.was_normalized());
    let doc = parse(&source.text);
    assert_eq!(doc.header.type_word.unwrap().value, "KẾ HOẠCH");
    assert_eq!(doc.plan_year.unwrap().value, 2026);
    assert_eq!(doc.sections[0].title, "MỤC TIÊU");
}

#[test]
fn plan_year_from_subject_period_or_date() {
    let doc = parse("KẾ HOẠCH\nChuyển đổi số giai đoạn 2026-2030\n");
    assert_eq!(doc.plan_year.unwrap().value, 2026);
    let doc = parse(
        "Hà Đông, ngày 01 tháng 6 năm 2026\n\nKẾ HOẠCH\nTriển khai Quyết định số 350/QĐ-TTg ngày 26 tháng 02 năm 2025 đến năm 2030\n",
    );
    assert_eq!(doc.plan_year.unwrap().value, 2026);
}

#[test]
fn empty_and_odd_input_do_not_panic() {
    for text in [
        "",
        "\n",
        "\r\n",
        "\u{0}\u{1}\u{fffd}",
        "Số:",
        "Phần",
        "|",
        "\t\t\t",
        "$\\geq",
        "<b",
    ] {
        let doc = parse(text);
        assert_eq!(doc.lines.len(), text.split('\n').count());
    }
}
