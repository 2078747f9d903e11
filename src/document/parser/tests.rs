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

use crate::document::model::{Comparator, RowKind, TableKind, ValueKind};

fn indicator(doc: &Document, table: usize, row: usize) -> crate::document::model::IndicatorRow {
    match &doc.tables[table].rows[row].kind {
        RowKind::Indicator(r) => r.clone(),
        other => panic!("row {row} is {other:?}"),
    }
}

#[test]
fn pipe_table_with_separator_and_leftovers() {
    let text = "| STT | Tên chỉ tiêu | Hiện trạng 2025 | Mục tiêu 2026 |\n|---|:---|---:|---|\n| 1 | **Tỷ lệ** hồ sơ | 77,15% | $\\geq 90\\%$ |\n| 2 | <i>Tỷ lệ</i> 5G | 60 - 70% | <b>≤ 95%</b> |\n";
    let doc = parse(text);
    assert_eq!(doc.tables.len(), 1);
    let table = &doc.tables[0];
    assert_eq!(table.kind, TableKind::Indicator);
    assert_eq!(table.header.len(), 4);
    assert_eq!(table.rows.len(), 2);
    assert!(doc
        .lines
        .iter()
        .all(|l| l.kind == LineKind::TableRow || l.kind == LineKind::Blank));
    let one = indicator(&doc, 0, 0);
    assert_eq!(one.name.value, "Tỷ lệ hồ sơ");
    let base = one.baseline.unwrap();
    assert_eq!(
        base.kind,
        ValueKind::Number {
            comparator: Comparator::Eq,
            value: 77.15,
            unit: Some("%".into())
        }
    );
    let target = one.target.unwrap();
    assert_eq!(target.text, "≥ 90%");
    // The span leaves out the `$` delimiters, like any markup at the edges.
    assert_eq!(&text[target.span.start..target.span.end], "\\geq 90\\%");
    let two = indicator(&doc, 0, 1);
    assert_eq!(two.name.value, "Tỷ lệ 5G");
    assert!(
        matches!(two.baseline.unwrap().kind, ValueKind::Range { low, high, .. } if low == 60.0 && high == 70.0)
    );
    assert!(matches!(
        two.target.unwrap().kind,
        ValueKind::Number {
            comparator: Comparator::Le,
            ..
        }
    ));
}

#[test]
fn repeated_header_is_merged_and_wrapped_rows_joined() {
    let text = "TT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n\
1\tXây dựng kế hoạch\tPhòng Văn hóa\tCác phòng, đơn vị liên\tQuý I/2026\n\
\n\
<b>TT</b>\t<b>Nhiệm vụ</b>\t<b>Cơ quan chủ trì</b>\t<b>Cơ quan phối hợp</b>\t<b>Thời gian hoàn thành</b>\n\
\t\t\tquan\t\n\
2\tTuyên truyền về chuyển đổi số\tTrung tâm\tCác thôn\tThường xuyên trong\n\
năm 2026\n\
I. GROUP TITLE\t\t\t\t\n\
3\tNhiệm vụ ba\tPhòng Kinh tế\t\tNăm 2026\n";
    let doc = parse(text);
    assert_eq!(doc.tables.len(), 1, "{:#?}", doc.tables);
    let table = &doc.tables[0];
    assert_eq!(table.kind, TableKind::Task);
    assert_eq!(table.rows.len(), 4);
    let RowKind::Task(one) = &table.rows[0].kind else {
        panic!()
    };
    assert_eq!(one.number.as_ref().unwrap().value, "1");
    assert_eq!(
        one.partners.as_ref().unwrap().value,
        "Các phòng, đơn vị liên quan"
    );
    assert_eq!(one.deadline.as_ref().unwrap().value, "Quý I/2026");
    // The row span covers its continuation line after the repeated header.
    let span = table.rows[0].span;
    assert!(text[span.start..span.end].ends_with("quan\t"));
    let RowKind::Task(two) = &table.rows[1].kind else {
        panic!()
    };
    // A line without tabs continues the last cell of the row above.
    assert_eq!(
        two.deadline.as_ref().unwrap().value,
        "Thường xuyên trong năm 2026"
    );
    assert!(
        matches!(&table.rows[2].kind, RowKind::Group { label, title } if label.value == "I" && title == "GROUP TITLE")
    );
    let RowKind::Task(three) = &table.rows[3].kind else {
        panic!()
    };
    assert!(three.partners.is_none());
    assert!(
        doc.lines
            .iter()
            .filter(|l| l.kind == LineKind::TableRow)
            .count()
            == 8
    );
}

#[test]
fn indicator_groups_units_and_a_fragment_moved_up_by_a_page_break() {
    let text = "TT\tChỉ tiêu cụ thể\tĐơn vị tính\tKết quả\tCơ quan theo dõi\n\
A\t<i>Phát triển hạ tầng</i>\t\t\t\n\
1\tTỷ lệ phủ sóng 5G\t%\t≥ 50%\tPhòng VH-XH\n\
B\tNguồn lực\t\t\t\n\
\t\tđầu\t\t\n\
\n\
1\tTỷ lệ chi ngân sách\t%\t2%\tPhòng Kinh tế\n";
    let doc = parse(text);
    let one = indicator(&doc, 0, 1);
    assert_eq!(one.group.as_deref(), Some("A"));
    assert_eq!(one.unit.as_deref(), Some("%"));
    assert!(one.baseline.is_none());
    assert!(
        matches!(one.target.unwrap().kind, ValueKind::Number { comparator: Comparator::Ge, value, .. } if value == 50.0)
    );
    let two = indicator(&doc, 0, 3);
    assert_eq!(two.group.as_deref(), Some("B"));
    assert_eq!(two.unit.as_deref(), Some("đầu %"));
}

#[test]
fn a_tab_after_a_heading_label_is_not_a_table() {
    let doc = parse("1.\tMục tiêu chung\n\tCăn cứ thụt lề\n");
    assert!(doc.tables.is_empty());
    assert_eq!(doc.lines[0].kind, LineKind::Heading);
    assert_eq!(doc.sections[0].title, "Mục tiêu chung");
}

#[test]
fn markdown_html_and_latex_leftovers_reach_the_model_cleaned() {
    let text = "**KẾ HOẠCH**  \n**Chuyển đổi số <i>xã</i> A năm 2026**\n\n### **1. Mục tiêu**\n";
    let doc = parse(text);
    assert_eq!(doc.header.type_word.as_ref().unwrap().value, "KẾ HOẠCH");
    let subject = doc.header.subject.unwrap();
    assert_eq!(subject.value, "Chuyển đổi số xã A năm 2026");
    assert_eq!(
        &text[subject.span.start..subject.span.end],
        "Chuyển đổi số <i>xã</i> A năm 2026"
    );
    assert_eq!(doc.sections[0].title, "Mục tiêu");
}

#[test]
fn utf16_and_windows_1258_inputs_parse() {
    let text = "KẾ HOẠCH\r\nChuyển đổi số xã A năm 2026\r\n\r\nI. MỤC TIÊU\r\n";
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let source = SourceFile::from_bytes("u16.txt", &utf16).unwrap();
    let doc = parse(&source.text);
    assert_eq!(doc.plan_year.unwrap().value, 2026);
    assert_eq!(doc.sections[0].title, "MỤC TIÊU");

    // windows-1258 writes tone marks as combining characters: NFC fixes that.
    // Base letters precomposed, tone marks combining, as cp1258 stores them.
    let decomposed = "KÊ\u{301} HOA\u{323}CH\nChuyê\u{309}n đô\u{309}i sô\u{301} năm 2026\n\nI. MU\u{323}C TIÊU\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(decomposed);
    assert!(!unmappable);
    let source = SourceFile::from_bytes("cp1258.txt", &bytes).unwrap();
    assert!(source.encoding_guessed);
    let doc = parse(&source.text);
    assert_eq!(doc.header.type_word.unwrap().value, "KẾ HOẠCH");
    assert_eq!(doc.plan_year.unwrap().value, 2026);
    assert_eq!(doc.sections[0].title, "MỤC TIÊU");
}

type CitationSummary = (
    Option<String>,
    String,
    Option<(u8, u8, u16)>,
    Option<String>,
);

#[test]
fn citations_with_symbols_dates_and_issuers() {
    let text = "Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt; Nghị quyết số 57- NQ/TW, ngày 22 tháng 12 năm 2024 của Bộ Chính trị về đột phá; Nghị định 30/2020/NĐ-CP; theo 5511/BKHCN-CĐSQG.\n";
    let doc = parse(text);
    let got: Vec<CitationSummary> = doc
        .citations
        .iter()
        .map(|c| {
            (
                c.type_word.as_ref().map(|t| t.value.clone()),
                c.symbol.value.clone(),
                c.date.as_ref().map(|d| (d.day, d.month, d.year)),
                c.issuer.as_ref().map(|i| i.value.clone()),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                Some("Quyết định".into()),
                "749/QĐ-TTg".into(),
                Some((3, 6, 2020)),
                Some("Thủ tướng Chính phủ".into())
            ),
            (
                Some("Nghị quyết".into()),
                "57- NQ/TW".into(),
                Some((22, 12, 2024)),
                Some("Bộ Chính trị".into())
            ),
            (Some("Nghị định".into()), "30/2020/NĐ-CP".into(), None, None),
            (None, "5511/BKHCN-CĐSQG".into(), None, None),
        ]
    );
    let first = &doc.citations[0];
    assert_eq!(
        &text[first.span.start..first.span.end],
        "Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ"
    );
    let date = first.date.as_ref().unwrap();
    assert_eq!(&text[date.span.start..date.span.end], "03/6/2020");
}

#[test]
fn closing_signature_recipients_and_appendix() {
    let text = "I. MỤC TIÊU\n\nNơi nhận:\n\n- Sở KH&CN;\n- Lưu: VT, VHXH.\n\n**TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**\n\n**Trịnh Thị Thu Huyền**\n\nPHỤ LỤC I\nDANH MỤC NHIỆM VỤ\n(Kèm theo Kế hoạch số 28/KH-UBND ngày 26/01/2026 của UBND xã)\n\nPhụ lục**DANH MỤC II**(Kèm theo Kế hoạch số /KH-UBND ngày tháng 6 năm 2026)\n";
    let doc = parse(text);
    let recipients = doc.recipients.clone().unwrap();
    let items: Vec<&str> = recipients.items.iter().map(|i| i.value.as_str()).collect();
    assert_eq!(items, ["Sở KH&CN;", "Lưu: VT, VHXH."]);
    let signature = doc.signature.clone().unwrap();
    let authority: Vec<&str> = signature
        .authority
        .iter()
        .map(|i| i.value.as_str())
        .collect();
    assert_eq!(authority, ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]);
    assert_eq!(signature.titles[0].value, "PHÓ CHỦ TỊCH");
    assert_eq!(signature.name.unwrap().value, "Trịnh Thị Thu Huyền");
    assert_eq!(doc.appendices.len(), 2);
    let first = &doc.appendices[0];
    assert_eq!(first.label.value, "PHỤ LỤC I");
    assert_eq!(first.title.value, "DANH MỤC NHIỆM VỤ");
    let attached = first.attached_to.as_ref().unwrap();
    assert_eq!(attached.symbol.as_ref().unwrap().value, "28/KH-UBND");
    assert_eq!(attached.day.as_ref().unwrap().value, "26");
    let second = &doc.appendices[1];
    assert_eq!(second.title.value, "DANH MỤC II");
    let attached = second.attached_to.as_ref().unwrap();
    assert_eq!(attached.symbol.as_ref().unwrap().value, "/KH-UBND");
    assert!(attached.day.is_none());
    assert_eq!(attached.month.as_ref().unwrap().value, "6");
    // The plan's own number in `(Kèm theo …)` is not a citation.
    assert!(doc.citations.is_empty(), "{:?}", doc.citations);
    // The section body stops where the closing part starts.
    let body = doc.sections[0].body;
    assert_eq!(&text[body.start..body.end], "I. MỤC TIÊU\n\n");
    let kinds = kinds(&doc);
    assert_eq!(kinds[2], LineKind::Recipients);
    assert_eq!(kinds[5], LineKind::Recipients);
    assert_eq!(kinds[7], LineKind::Signature);
    assert_eq!(kinds[11], LineKind::Signature);
    assert_eq!(kinds[13], LineKind::Appendix);
    assert_eq!(kinds[15], LineKind::Appendix);
}

#[test]
fn appendix_mention_in_the_body_does_not_end_it() {
    let text = "I. MỤC TIÊU\nPhụ lục 1 kèm theo\nII. NHIỆM VỤ\n\nNơi nhận:\n- Lưu: VT.\n\nPhụ lục 1\nDanh mục\n";
    let doc = parse(text);
    assert_eq!(doc.sections.len(), 2);
    assert_eq!(doc.lines[1].kind, LineKind::Text);
    assert_eq!(doc.appendices.len(), 1);
    assert_eq!(doc.appendices[0].title.value, "Danh mục");
}

mod never_panics {
    use super::parse;
    use proptest::prelude::*;

    const TOKENS: &[&str] = &[
        "Số:",
        "/",
        "KH",
        "-",
        "\t",
        "|",
        "|---|",
        "**",
        "$",
        "\\geq",
        "\\%",
        "<b>",
        "</i>",
        "<br>",
        "&amp;",
        "ngày",
        "tháng",
        "năm",
        "2026",
        "1.",
        "7.1.",
        "I.",
        "Phần",
        "a)",
        "đ)",
        "Phụ lục",
        "PHỤ LỤC",
        "(Kèm theo Kế hoạch số",
        "Quyết định số 749/QĐ-TTg",
        "57-NQ/TW",
        "của",
        "Thủ tướng",
        "Nơi nhận:",
        "KT.",
        "TM.",
        "CHỦ TỊCH",
        "KẾ HOẠCH",
        "Căn cứ",
        "\n",
        "\r\n",
        " ",
        "%",
        "≥",
        "Ế",
        "\u{301}",
        "1.665,5",
        "##",
        "(2025-2027)",
        "60 - 70",
        "x",
        "\u{0}",
        "•",
        "Trịnh Thị",
        "PHÓ CHỦ TỊCH",
        "- ",
        "Nơi nhận: - A; - B\tTM. X CHỦ TỊCH Lê Văn A",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]
        #[test]
        fn any_token_soup_parses_with_every_line(tokens in proptest::collection::vec(proptest::sample::select(TOKENS), 0..80)) {
            let text: String = tokens.concat();
            let doc = parse(&text);
            prop_assert_eq!(doc.lines.len(), text.split('\n').count());
            for line in &doc.lines {
                prop_assert!(line.span.end <= text.len() && text.is_char_boundary(line.span.start));
            }
            for c in &doc.citations {
                prop_assert!(text.get(c.span.start..c.span.end).is_some());
            }
        }
    }
}

#[test]
fn two_column_header_from_a_word_table() {
    let text = "ỦY BAN NHÂN DÂN XÃ HÀ ĐÔNG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\nSố: 28/KH-UBND\tKiến Hưng, ngày 26 tháng 01 năm 2026\n\nKẾ HOẠCH\nChuyển đổi số năm 2026\n";
    let doc = parse(text);
    assert!(doc.tables.is_empty());
    assert_eq!(
        doc.header.issuing_body[0].value,
        "ỦY BAN NHÂN DÂN XÃ HÀ ĐÔNG"
    );
    assert_eq!(doc.header.number.as_ref().unwrap().raw.value, "28/KH-UBND");
    let pd = doc.header.place_date.as_ref().unwrap();
    assert_eq!(pd.place.as_ref().unwrap().value, "Kiến Hưng");
    let day = pd.day.as_ref().unwrap();
    assert_eq!(&text[day.span.start..day.span.end], "26");
    assert_eq!(doc.lines[0].kind, LineKind::NationalTitle);
    assert_eq!(doc.lines[1].kind, LineKind::DocumentNumber);
    assert_eq!(doc.plan_year.unwrap().value, 2026);
}

#[test]
fn closing_block_from_a_word_table() {
    let text = "I. MỤC TIÊU\n\nNơi nhận: - Sở KH&CN; - Lưu: VT, VHXH.\tTM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trịnh Thị Thu Huyền\n";
    let doc = parse(text);
    let items: Vec<String> = doc
        .recipients
        .as_ref()
        .unwrap()
        .items
        .iter()
        .map(|i| i.value.clone())
        .collect();
    assert_eq!(items, ["Sở KH&CN;", "Lưu: VT, VHXH."]);
    let s = doc.signature.as_ref().unwrap();
    let authority: Vec<&str> = s.authority.iter().map(|a| a.value.as_str()).collect();
    assert_eq!(authority, ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]);
    assert_eq!(s.titles[0].value, "PHÓ CHỦ TỊCH");
    let name = s.name.as_ref().unwrap();
    assert_eq!(&text[name.span.start..name.span.end], "Trịnh Thị Thu Huyền");
    assert!(doc.tables.is_empty());
    assert_eq!(doc.lines[2].kind, LineKind::Recipients);
}

/// The shortcuts of `lines::classify` (no grammar for lines that can only be
/// text, shorter entry rules for bullets and numbers) give what the grammar's
/// `line` rule gives: every line and cell of the examples and fixtures, plus
/// lines made to start like each alternative.
#[test]
fn classify_shortcuts_agree_with_line_rule() {
    use super::grammar::Rule;
    use super::lines::{classify, classify_lazily, classify_with, may_have_head};
    use crate::document::markup::{clean, fold_case};

    let docs = example_and_fixture_texts();
    assert!(docs.len() > 10);
    let mut lines: Vec<String> = Vec::new();
    for doc in &docs {
        for line in doc.lines() {
            lines.push(line.to_owned());
            lines.extend(line.split(['\t', '|']).map(str::to_owned));
        }
    }
    for made in [
        "Hà Nội, ngày 1 tháng 2 năm 2026",
        ", ngày 1 tháng 2 năm 2026",
        "x)  y",
        "đ) điểm",
        "xiv. mục",
        "IV.",
        "c) mục",
        "C. MỤC",
        "• điểm",
        "◦ điểm",
        "– điểm",
        "(kèm theo kế hoạch số 1/kh-ubnd)",
        "\u{a0}\tTM. ỦY BAN",
        "TUQ. CHỦ TỊCH",
        "Q. CHỦ TỊCH",
        "PHẦN II",
        "Phụ lục 2: x",
        "Nơi nhận:",
        "Thực hiện Kế hoạch",
        "Căn cứ Luật",
        "Cộng hoà xã hội chủ nghĩa Việt Nam",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: /KH-UBND",
        "7.1 Kinh tế số",
        "12. Mục",
        "- điểm",
        "  +  điểm",
        "-",
        "1",
        "2026-2030",
        "1.2.3.4.5.6 x",
        "1\tTỷ lệ\t90%",
        "12 ngày, ngày 3",
        "2026, ngày 1 tháng 2",
        "1234. x",
        "7.1 Kinh tế số",
        "7.1.",
        "quyết thủ tục hành chính, hỗ trợ tra cứu",
        "\t\t\tquan\t\t\t",
        "Các chỉ tiêu từ Quyết định số 26/QĐ-TTg ngày 01/12/2025, ngày 26/8/2025 của Bộ",
        "Các chỉ tiêu, ngày 26 tháng 8",
        "Căn cứ Luật, ngày 1 tháng 2",
        "Kế hoạch, ngày 1 tháng 2",
        "TM x, ngày 1",
        "i. mục, ngày x",
        "c) mục 1, ngày 2",
        "(x) mục, ngày 2",
        "Kt Ủy ban",
        "Tuq x",
    ] {
        lines.push(made.to_owned());
    }
    // The hand-written heads (`quick_heads::common_head`), near misses included.
    let heads = [
        "Căn cứ",
        "căn cứ:",
        "CĂN CỨ\u{a0}",
        "Thực hiện",
        "THỰC HIỆNx",
        "Kế hoạch",
        "kế hoạch,",
        "KẾ HOẠCH\u{301}",
        "Kế hoạchx",
        "Quyết định",
        "Quy chế",
        "Chỉ thị",
        "Công văn",
        "Cộng hòa",
        "Nơi nhận",
        "Nơi nhận :",
        "NƠI NHẬN\t:",
        "TM",
        "TM .",
        "Tm.",
        "KT.",
        "tl .",
        "TUQ.",
        "Tuq",
        "Q.",
        "q .",
        "Q)",
        "I.",
        "i.",
        "IV.",
        "XL.",
        "IIIIIIII.",
        "IIIIIII.",
        "C.",
        "c.",
        "L.",
        "ivx.",
        "a)",
        "A)",
        "đ)",
        "Đ)",
        "q)",
        "c)",
        "i)",
        "ab)",
        "ạ)",
        "Phần",
        "Phụ lục",
        "Số:",
        "(Kèm",
        "x",
        "",
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "CỘNG HOÀ\u{a0} XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Cộng hòaxã hội chủ nghĩa việt nam",
        "Cộng hòa xã hội",
        "Độc lập - Tự do - Hạnh phúc",
        "ĐỘC LẬP–TỰ DO—HẠNH PHÚC",
        "Độc lập -- Tự do - Hạnh phúc",
        "Độc lập - Tự do",
        "Phần I",
        "PHẦN IV:",
        "Phần II -",
        "Phần  XL .",
        "Phần ivxlcivx",
        "Phần IIIIIII",
        "Phần Ia",
        "Phần I\u{301}",
        "Phần 1",
        "Phầnx",
        "Phần",
        "Phụ lục I",
        "PHỤ LỤC 2",
        "Phụ lục 1234",
        "Phụ lục a",
        "Phụ lục A:",
        "Phụ lục in",
        "Phụ lục ab",
        "Phụ lục ivxiv",
        "Phụ lục IVXIVX",
        "Phụ lục -",
        "Phụ lục – ",
        "Phụ lụcx",
        "Phụ lục\u{301}",
        "Phụ lục  :  x",
        "(Danh mục",
        "( kèm theo",
        "(Ban hành kèm theo",
        "(ban hànhkèm theo",
        "(Có phụ lục",
        "(",
        "Số liệu",
        "Số :",
        "Số\t:",
        "Sốx",
        "Hà Nội, ngày",
        "Hà Nội , ngày 26 tháng 01 năm 2026",
        "Kiến Hưng, ngày 26 tháng 01 năm 20261",
        "X, ngày … tháng … năm …",
        "X, ngày ... tháng ... năm ...",
        "X, ngày __ tháng __ năm 2026",
        "X, ngày 123 tháng 1 năm 2026",
        "X, ngày 1 tháng 123 năm 2026",
        "X, ngày 1 tháng 12 năm 202",
        "X,ngày1tháng2năm2026",
        "X, ngày tháng năm",
        "X, ngàyx",
        "X, NGÀY 1 THÁNG 2 NĂM 2026",
        "X\u{301}, ngày 1 tháng 2 năm 2026",
        "TP. Hồ Chí Minh, ngày 1 tháng 2 năm 2026",
        "Xã Đông-Cẩm, ngày 1 tháng 2",
        "O'Reilly, ngày 1 tháng 2 năm 2026",
        "Các chỉ tiêu tổng hợp, ngày cập nhật",
        "a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f, ngày 1 tháng 2 năm 2026",
        "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij, ngày 1 tháng 2 năm 2026",
        "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijk, ngày 1 tháng 2 năm 2026",
        "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijkl, ngày 1 tháng 2 năm 2026",
        "1, ngày 1 tháng 2 năm 2026",
        "Phần I, ngày 1 tháng 2 năm 2026",
        "Phụ lục, ngày 1 tháng 2 năm 2026",
        "(x, ngày 1 tháng 2 năm 2026",
        "Số: 1/KH, ngày 1 tháng 2 năm 2026",
        "Số: 12/KH-UBND",
        "Số: 12/KH-UBND Xã Kiến Hưng, ngày 1 tháng 2 năm 2026",
        "Số : …/QĐ–UBND\tHà Nội , ngày 26 tháng 01 năm 2026",
        "Số: 1234567/KH",
        "Số: 123456/KH",
        "SỐ:.._ 12 .. /\u{a0}KHKHKHKHK",
        "Số: 12/KH -",
        "Số: 12/KH - x",
        "Số: 12/KH -- UBND",
        "Số: 12/KH — UBND&2-x, ngày 1",
        "Số: 12/KH-UBND&2-x,ngày 1 tháng 2 năm 2026",
        "Số: 12/KH\u{301}-UBND",
        "Số: 12/Ủ-ĐẢNG ỦY",
        "Số: 12/1KH",
        "Số: 12 KH",
        "Số: /",
        "Số:12/KH-UBND (x), ngày 1",
        "Số: 12/KH-UBND 1, ngày 1",
    ];
    let tails = [
        "",
        " ",
        "\t",
        "x",
        " mục tiêu",
        " MỤC TIÊU",
        ".",
        ":",
        " 1",
        ", ngày 1",
        ", ngày 1 tháng 2 năm 2026",
        " , ngày",
        "\u{301}",
        " – x",
        "-",
    ];
    for head in heads {
        for tail in tails {
            for lead in ["", " ", "\u{a0}"] {
                lines.push(format!("{lead}{head}{tail}"));
            }
        }
    }
    let cased: Vec<String> = lines
        .iter()
        .flat_map(|l| [l.to_uppercase(), l.to_lowercase()])
        .collect();
    lines.extend(cased);
    let mut skipped = 0;
    for line in &lines {
        let cleaned = clean(line);
        let folded = fold_case(&cleaned.text);
        skipped += usize::from(!may_have_head(&folded));
        let fast = classify(&cleaned.text, &folded);
        let full = classify_with(Rule::line, &cleaned.text, &folded);
        assert_eq!(format!("{fast:?}"), format!("{full:?}"), "{line:?}");
        if !cleaned.text.trim().is_empty() {
            let lazy = classify_lazily(&cleaned.text, &std::cell::OnceCell::new());
            assert_eq!(format!("{lazy:?}"), format!("{full:?}"), "{line:?}");
        }
    }
    assert!(skipped > 100, "{skipped} lines skipped");
}

/// The text of every plan under `examples/` and `tests/fixtures/`: the lines
/// the hand-written rules are compared with the grammar on.
/// Every line of the example and fixture plans, cleaned of markup and
/// lower-cased as the citation scans see them.
pub(crate) fn example_and_fixture_folded_lines() -> Vec<String> {
    use crate::document::markup::{clean, fold_case};
    example_and_fixture_texts()
        .iter()
        .flat_map(|d| d.lines())
        .map(|l| fold_case(&clean(l).text))
        .collect()
}

pub(crate) fn example_and_fixture_texts() -> Vec<String> {
    fn texts(dir: &std::path::Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                texts(&path, out);
            } else if path.extension().is_some_and(|e| e == "txt" || e == "md") {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    out.push(text);
                }
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut docs = Vec::new();
    texts(&root.join("examples"), &mut docs);
    texts(&root.join("tests/fixtures"), &mut docs);
    docs
}
