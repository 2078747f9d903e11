//! Each seed's document model as a readable summary, and no line dropped.

use std::fmt::Write;

use rasoat::document::model::{Document, RowKind, Section, Table, Value, ValueKind};
use rasoat::document::{parse, SourceFile};

fn value(v: &Option<Value>) -> String {
    let Some(v) = v else { return "-".into() };
    let kind = match &v.kind {
        ValueKind::Number {
            comparator,
            value,
            unit,
        } => format!("{comparator:?} {value} {}", unit.as_deref().unwrap_or("")),
        ValueKind::Range { low, high, unit } => {
            format!("Range {low}..{high} {}", unit.as_deref().unwrap_or(""))
        }
        ValueKind::Prose => "Prose".into(),
        ValueKind::Empty => "Empty".into(),
    };
    let period = v
        .period
        .map(|(a, b)| format!(" period {a}-{b}"))
        .unwrap_or_default();
    format!("[{}]{period} «{}»", kind.trim_end(), short(&v.text, 40))
}

fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(max).collect::<String>())
    }
}

fn opt(s: &Option<rasoat::document::model::Spanned<String>>) -> String {
    s.as_ref().map_or("-".into(), |s| s.value.clone())
}

fn sections(out: &mut String, list: &[Section], text: &str) {
    for s in list {
        let body_lines = text[s.body.start..s.body.end].lines().count();
        writeln!(
            out,
            "{}{:?} {} | {} ({} lines)",
            "  ".repeat(usize::from(s.depth) + 1),
            s.style,
            s.label.value,
            short(&s.title, 60),
            body_lines
        )
        .unwrap();
        sections(out, &s.children, text);
    }
}

fn table(out: &mut String, t: &Table, text: &str) {
    let line = text[..t.span.start].matches('\n').count() + 1;
    let header: Vec<String> = t.header.iter().map(|c| short(&c.text, 24)).collect();
    writeln!(
        out,
        "table {:?} at line {line}, header: {}",
        t.kind,
        header.join(" | ")
    )
    .unwrap();
    for row in &t.rows {
        match &row.kind {
            RowKind::Group { label, title } => {
                writeln!(out, "  group {} {}", label.value, short(title, 50)).unwrap()
            }
            RowKind::Indicator(r) => writeln!(
                out,
                "  {} [{}] {} | unit {} | base {} | target {}",
                opt(&r.number),
                r.group.as_deref().unwrap_or("-"),
                short(&r.name.value, 50),
                r.unit.as_deref().unwrap_or("-"),
                value(&r.baseline),
                value(&r.target)
            )
            .unwrap(),
            RowKind::Task(r) => writeln!(
                out,
                "  {} {} | lead {} | partners {} | deadline {} | output {}",
                opt(&r.number),
                short(&r.task.value, 50),
                short(&opt(&r.lead), 30),
                short(&opt(&r.partners), 30),
                opt(&r.deadline),
                short(&opt(&r.output), 30)
            )
            .unwrap(),
            RowKind::Other => {
                let cells: Vec<String> = row.cells.iter().map(|c| short(&c.text, 20)).collect();
                writeln!(out, "  other {}", cells.join(" | ")).unwrap()
            }
        }
    }
}

pub fn summary(doc: &Document, text: &str) -> String {
    let mut out = String::new();
    let h = &doc.header;
    let body: Vec<&str> = h.issuing_body.iter().map(|s| s.value.as_str()).collect();
    writeln!(out, "issuing body: {}", body.join(" / ")).unwrap();
    if let Some(n) = &h.number {
        writeln!(
            out,
            "number: raw {:?} number {} type {:?} issuer {:?}",
            n.raw.value,
            opt(&n.number),
            n.type_code,
            n.issuer_code
        )
        .unwrap();
    }
    if let Some(pd) = &h.place_date {
        writeln!(
            out,
            "place/date: {} / {} / {} / {}",
            opt(&pd.place),
            opt(&pd.day),
            opt(&pd.month),
            opt(&pd.year)
        )
        .unwrap();
    }
    writeln!(out, "type word: {}", opt(&h.type_word)).unwrap();
    writeln!(out, "subject: {}", opt(&h.subject)).unwrap();
    writeln!(
        out,
        "plan year: {}",
        doc.plan_year.as_ref().map_or("-".into(), |y| format!(
            "{} ({:?})",
            y.value,
            &text[y.span.start..y.span.end]
        ))
    )
    .unwrap();
    writeln!(out, "bases:").unwrap();
    for b in &doc.bases {
        writeln!(out, "  {} {}", b.verb, short(&b.text, 70)).unwrap();
    }
    writeln!(out, "sections:").unwrap();
    sections(&mut out, &doc.sections, text);
    writeln!(out, "tables:").unwrap();
    for t in &doc.tables {
        table(&mut out, t, text);
    }
    writeln!(out, "citations:").unwrap();
    for c in &doc.citations {
        let date = c
            .date
            .as_ref()
            .map_or("-".into(), |d| format!("{}/{}/{}", d.day, d.month, d.year));
        writeln!(
            out,
            "  {} | {} | {} | {}",
            opt(&c.type_word),
            c.symbol.value,
            date,
            opt(&c.issuer)
        )
        .unwrap();
    }
    if let Some(s) = &doc.signature {
        let a: Vec<&str> = s.authority.iter().map(|x| x.value.as_str()).collect();
        let t: Vec<&str> = s.titles.iter().map(|x| x.value.as_str()).collect();
        writeln!(
            out,
            "signature: authority {:?} titles {:?} name {}",
            a,
            t,
            opt(&s.name)
        )
        .unwrap();
    }
    if let Some(r) = &doc.recipients {
        writeln!(out, "recipients:").unwrap();
        for item in &r.items {
            writeln!(out, "  {}", item.value).unwrap();
        }
    }
    for a in &doc.appendices {
        writeln!(
            out,
            "appendix: {} | {}",
            a.label.value,
            short(&a.title.value, 70)
        )
        .unwrap();
        if let Some(at) = &a.attached_to {
            writeln!(
                out,
                "  attached to {} ngày {} / {} / {}",
                opt(&at.symbol),
                opt(&at.day),
                opt(&at.month),
                opt(&at.year)
            )
            .unwrap();
        }
    }
    let mut counts = std::collections::BTreeMap::new();
    for l in &doc.lines {
        *counts.entry(format!("{:?}", l.kind)).or_insert(0) += 1;
    }
    writeln!(out, "line kinds: {counts:?}").unwrap();
    out
}

fn check_lines(doc: &Document, text: &str) {
    assert_eq!(
        doc.lines.len(),
        text.split('\n').count(),
        "a line was dropped"
    );
    let mut expected_start = 0;
    for (line, raw) in doc.lines.iter().zip(text.split('\n')) {
        assert_eq!(line.span.start, expected_start);
        let content = raw.strip_suffix('\r').unwrap_or(raw);
        assert_eq!(&text[line.span.start..line.span.end], content);
        expected_start += raw.len() + 1;
    }
}

#[test]
fn seed_models() {
    let mut paths: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 5);
    for path in paths {
        let source = SourceFile::read(&path).unwrap();
        let doc = parse(&source.text);
        check_lines(&doc, &source.text);
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::assert_snapshot!(format!("model__{name}"), summary(&doc, &source.text));
    }
}

/// A 50 MB line full of citation-like text parses (no timing asserted; this
/// must simply finish in a test run).
#[test]
fn fifty_megabyte_line_parses() {
    let chunk = format!(
        "{}Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ; $\\geq 90\\%$ **x** ",
        "chuyển đổi số hạ tầng số ".repeat(30)
    );
    let line = chunk.repeat(50_000_000 / chunk.len());
    let doc = parse(&line);
    assert_eq!(doc.lines.len(), 1);
    assert!(doc.citations.len() > 10_000);
}

#[test]
fn hundred_thousand_table_rows_parse() {
    let mut text = String::from(
        "KẾ HOẠCH\nChuyển đổi số xã A năm 2026\n\nTT\tChỉ tiêu\tKết quả 2025\tMục tiêu 2026\n",
    );
    for i in 1..=100_000 {
        text.push_str(&format!("{i}\tTỷ lệ hồ sơ số {i}\t{},5%\t≥ 90%\n", i % 100));
    }
    let doc = parse(&text);
    // Read up to the cap (the header line counts), the rest left as text
    // lines: none is dropped, and the cap is recorded where it was hit.
    let cap = rasoat::document::parser::limits::MAX_TABLE_ROWS;
    assert_eq!(doc.tables.len(), 1);
    assert_eq!(doc.tables[0].rows.len(), cap - 1);
    check_lines(&doc, &text);
    let [rasoat::document::model::LimitHit::TableRows { first, .. }] = doc.limits.as_slice() else {
        panic!("{:?}", doc.limits);
    };
    assert!(text[first.start..].starts_with(&format!("{cap}\t")));
}
