//! `header` rules (Nghị định 30/2020/NĐ-CP, Phụ lục I): the `Số:` line, the
//! place-and-date line, the appendix captions that repeat them, and the
//! signature block.

pub(crate) mod extract;

use std::collections::BTreeMap;

use crate::diagnostic::Applicability;
use crate::rules::engine::{Check, CheckContext, Emitter};
use crate::rules::kinds::check_name;
use crate::rules::loader::RuleSpec;
use extract::{DateLine, Field, NumberLine, SignatureBlock};

const CHECKS: [&str; 10] = [
    "fields-missing",
    "number-leading-zero",
    "number-spaces",
    "number-blank",
    "type-code",
    "date-leading-zero",
    "date-blank",
    "appendix-attachment",
    "signature-form",
    "signature-name",
];

#[derive(Debug)]
struct HeaderCheck {
    check: &'static str,
    /// Type word → type code (`KẾ HOẠCH` → `KH`), from the rule's `data:`.
    type_codes: BTreeMap<String, String>,
}

pub fn compile(spec: &RuleSpec) -> Result<Box<dyn Check>, String> {
    spec.only_params(&["check", "data", "fix"])?;
    let name = check_name(spec, &CHECKS)?;
    let check = CHECKS.iter().find(|c| **c == name).copied().unwrap_or("");
    let type_codes: BTreeMap<String, String> = match &spec.data {
        Some(data) => yaml_serde::from_value(data.clone()).map_err(|e| {
            format!("`data:` must map type words to type codes (`KẾ HOẠCH: KH`): {e}")
        })?,
        None => BTreeMap::new(),
    };
    if check == "type-code" && type_codes.is_empty() {
        return Err("check `type-code` needs `data:` mapping type words to codes".into());
    }
    Ok(Box::new(HeaderCheck { check, type_codes }))
}

impl HeaderCheck {
    /// The header: read once per plan and shared when the rule gives no type
    /// words of its own (all header rules but `type-code`).
    fn with_header(&self, ctx: &CheckContext, then: impl FnOnce(&extract::Header)) {
        if self.type_codes.is_empty() {
            then(ctx.header.get_or_init(|| extract::header(ctx, &[])));
        } else {
            // The number and date do not depend on the type words.
            let type_words: Vec<String> = self.type_codes.keys().cloned().collect();
            let shared = ctx.header.get_or_init(|| extract::header(ctx, &[]));
            then(&extract::Header {
                number: shared.number.clone(),
                date: shared.date.clone(),
                type_word: extract::type_word(ctx, &type_words),
            });
        }
    }
}

impl Check for HeaderCheck {
    fn check(&self, ctx: &CheckContext, out: &mut Emitter) {
        match self.check {
            "signature-form" => {
                if let Some(block) = extract::signature(ctx) {
                    signature_form(&block, out);
                }
            }
            "signature-name" => {
                if let Some(block) = extract::signature(ctx).filter(|b| b.name.is_none()) {
                    let found: Vec<&str> = block.lines.iter().map(|l| l.text.as_str()).collect();
                    out.emit(block.span(), &[("found", &found.join(" / "))]);
                }
            }
            check => self.with_header(ctx, |header| self.check_header(check, ctx, header, out)),
        }
    }
}

impl HeaderCheck {
    fn check_header(
        &self,
        check: &str,
        ctx: &CheckContext,
        header: &extract::Header,
        out: &mut Emitter,
    ) {
        match check {
            "fields-missing" => fields_missing(header, out),
            "number-leading-zero" => {
                if let Some(number) = &header.number {
                    number_leading_zero(number, out);
                }
            }
            "number-spaces" => {
                if let Some(number) = &header.number {
                    number_spaces(number, out);
                }
            }
            "number-blank" => {
                if let Some(number) = header.number.as_ref().filter(|n| n.number.is_blank()) {
                    out.emit(number.symbol.span, &[("found", &number.symbol.text)]);
                }
            }
            "type-code" => {
                if let (Some(number), Some(word)) = (&header.number, &header.type_word) {
                    self.type_code(number, word, out);
                }
            }
            "date-leading-zero" => {
                if let Some(date) = &header.date {
                    date_leading_zeros(date, out);
                }
            }
            "date-blank" => {
                if let Some(date) = &header.date {
                    date_blank(date, out);
                }
            }
            "appendix-attachment" => appendix_attachments(ctx, header, out),
            _ => {}
        }
    }
}

/// A plan (its type word found) without a `Số:` line or a date line.
fn fields_missing(header: &extract::Header, out: &mut Emitter) {
    let Some(word) = &header.type_word else {
        return;
    };
    let mut missing = Vec::new();
    if header.number.is_none() {
        missing.push("Số: …/KH-UBND");
    }
    if header.date.is_none() {
        missing.push("…, ngày … tháng … năm …");
    }
    if !missing.is_empty() {
        out.emit(word.span, &[("found", &missing.join("», «"))]);
    }
}

/// `Số: 5/KH-UBND` → `Số: 05/KH-UBND`.
fn number_leading_zero(number: &NumberLine, out: &mut Emitter) {
    let digits = number.number.text.trim();
    if digits.len() == 1 {
        let expected = format!("0{digits}");
        out.emit_with_fix(
            number.number.span,
            &expected,
            Applicability::Safe,
            &[("found", digits), ("expected", &expected)],
        );
    }
}

/// `Số: 28 / KH - UBND` → `Số: 28/KH-UBND`.
fn number_spaces(number: &NumberLine, out: &mut Emitter) {
    let symbol = &number.symbol.text;
    if symbol.chars().any(char::is_whitespace) {
        let expected: String = symbol.chars().filter(|c| !c.is_whitespace()).collect();
        out.emit_with_fix(
            number.symbol.span,
            &expected,
            Applicability::Safe,
            &[("found", symbol), ("expected", &expected)],
        );
    }
}

impl HeaderCheck {
    /// `KẾ HOẠCH` with `Số: 12/QĐ-UBND`.
    fn type_code(&self, number: &NumberLine, word: &Field, out: &mut Emitter) {
        let Some(expected) = self.type_codes.get(&word.text) else {
            return;
        };
        if number.type_code.text != *expected {
            out.emit(
                number.type_code.span,
                &[
                    ("found", number.type_code.text.as_str()),
                    ("expected", expected.as_str()),
                    ("type", word.text.as_str()),
                ],
            )
            .labels
            .push(crate::diagnostic::Label {
                span: word.span,
                message: None,
            });
        }
    }
}

/// Day below 10 and months 1–2 take a leading zero; months 3–12 do not.
fn date_leading_zeros(date: &DateLine, out: &mut Emitter) {
    let fixes = [
        ("ngày", &date.day, date.day.number().map(|d| d < 10)),
        ("tháng", &date.month, date.month.number().map(|m| m <= 2)),
    ];
    for (word, field, wants_zero) in fixes {
        let (Some(wants_zero), Some(value)) = (wants_zero, field.number()) else {
            continue;
        };
        let written = field.text.trim();
        let expected = if wants_zero {
            format!("{value:02}")
        } else {
            value.to_string()
        };
        if written != expected {
            out.emit_with_fix(
                field.span,
                &expected,
                Applicability::Safe,
                &[
                    ("found", &format!("{word} {written}")),
                    ("expected", &format!("{word} {expected}")),
                ],
            );
        }
    }
}

fn date_blank(date: &DateLine, out: &mut Emitter) {
    let blank: Vec<&str> = [("ngày", &date.day), ("tháng", &date.month)]
        .iter()
        .filter(|(_, f)| f.is_blank())
        .map(|(w, _)| *w)
        .collect();
    if !blank.is_empty() {
        out.emit(date.span, &[("found", &blank.join(", "))]);
    }
}

/// The appendix caption must repeat the header's number and date. A field
/// the header leaves blank (a draft) is not compared.
fn appendix_attachments(ctx: &CheckContext, header: &extract::Header, out: &mut Emitter) {
    for attachment in extract::attachments(ctx) {
        let mut differs = false;
        if let (Some(own), Some(cited)) = (&header.number, &attachment.number) {
            differs |= field_differs(&own.number, &cited.number);
            differs |=
                own.type_code.text != cited.type_code.text || own.issuer.text != cited.issuer.text;
        }
        if let (Some(own), Some(cited)) = (&header.date, &attachment.date) {
            for (a, b) in [
                (&own.day, &cited.day),
                (&own.month, &cited.month),
                (&own.year, &cited.year),
            ] {
                differs |= field_differs(a, b);
            }
        }
        if differs {
            let found = describe(attachment.number.as_ref(), attachment.date.as_ref());
            let expected = describe(header.number.as_ref(), header.date.as_ref());
            out.emit(
                attachment.span,
                &[("found", &found), ("expected", &expected)],
            );
        }
    }
}

/// Differs when the header field is filled and the other is blank or another number.
fn field_differs(own: &Field, cited: &Field) -> bool {
    match (own.number(), cited.number()) {
        (Some(a), Some(b)) => a != b,
        (Some(_), None) => true,
        _ => false,
    }
}

fn describe(number: Option<&NumberLine>, date: Option<&DateLine>) -> String {
    let or_blank = |f: &Field| {
        if f.is_blank() {
            "…".to_owned()
        } else {
            f.text.trim().to_owned()
        }
    };
    let mut out = String::new();
    if let Some(n) = number {
        out.push_str(&format!(
            "số {}/{}-{}",
            if n.number.is_blank() {
                ""
            } else {
                n.number.text.trim()
            },
            n.type_code.text,
            n.issuer.text
        ));
    }
    if let Some(d) = date {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&format!(
            "ngày {}/{}/{}",
            or_blank(&d.day),
            or_blank(&d.month),
            d.year.text
        ));
    }
    out
}

/// `KT. CHỦ TỊCH` must be followed by `PHÓ CHỦ TỊCH`; a deputy title needs
/// `KT.` above it.
fn signature_form(block: &SignatureBlock, out: &mut Emitter) {
    for (i, line) in block.lines.iter().enumerate() {
        if let Some(head) = line.text.strip_prefix("KT.") {
            let head = head.trim();
            let expected = format!("PHÓ {head}");
            let next = block.lines.get(i + 1);
            // `PHÓ CHỦ TỊCH THƯỜNG TRỰC` is a deputy too.
            if !next.is_some_and(|n| n.text.starts_with(expected.as_str())) {
                let found = match next {
                    Some(n) => format!("{} / {}", line.text, n.text),
                    None => line.text.clone(),
                };
                let span = next.map_or(line.span, |n| line.span.cover(n.span));
                out.emit(
                    span,
                    &[
                        ("found", &found),
                        ("expected", &format!("KT. {head} / {expected}")),
                    ],
                );
            }
        } else if let Some(head) = line.text.strip_prefix("PHÓ ") {
            let signs_for_head = i > 0
                && block
                    .lines
                    .get(i - 1)
                    .is_some_and(|p| p.text.starts_with("KT."));
            if !signs_for_head {
                let above = i
                    .checked_sub(1)
                    .and_then(|p| block.lines.get(p))
                    .map(|p| format!("{} / ", p.text))
                    .unwrap_or_default();
                out.emit(
                    line.span,
                    &[
                        ("found", &format!("{above}{}", line.text)),
                        ("expected", &format!("{above}KT. {head} / {}", line.text)),
                    ],
                );
            }
        }
    }
}
