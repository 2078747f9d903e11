//! The parts of a plan's header, appendix captions and signature block as
//! written, with the spans of each field. The document model locates them
//! when the parser found them; the text is read around that place (or over
//! the first lines) so leading zeros and stray spaces stay visible.

use std::sync::LazyLock;

use crate::document::model::Span;
use crate::rules::engine::CheckContext;
use crate::rules::kinds::outline::{head, lines, lines_containing, strip_markup, stripped};
use crate::rules::lazy_regex::{Groups as Captures, LazyRegex};

/// A field as written, with its span; an empty value means left blank.
#[derive(Debug, Clone, Default)]
pub struct Field {
    pub text: String,
    pub span: Span,
}

impl Field {
    fn from(caps: &Captures, name: &str, base: usize) -> Option<Field> {
        caps.name(name).map(|m| Field {
            text: m.as_str().to_owned(),
            span: Span::new(base + m.start(), base + m.end()),
        })
    }
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
    pub fn number(&self) -> Option<u32> {
        self.text.trim().parse().ok()
    }
}

/// `Số: 28/KH-UBND`.
#[derive(Debug, Clone)]
pub struct NumberLine {
    /// From the number (or the `/` when it is blank) to the issuer code.
    pub symbol: Field,
    pub number: Field,
    pub type_code: Field,
    pub issuer: Field,
}

/// `ngày 26 tháng 01 năm 2026` (or `26/01/2026` in an appendix caption).
#[derive(Debug, Clone)]
pub struct DateLine {
    pub span: Span,
    pub day: Field,
    pub month: Field,
    pub year: Field,
}

#[derive(Debug, Clone)]
pub struct Header {
    pub number: Option<NumberLine>,
    pub date: Option<DateLine>,
    pub type_word: Option<Field>,
}

/// `(Kèm theo Kế hoạch số 28/KH-UBND ngày 26/01/2026 của …)`.
#[derive(Debug, Clone)]
pub struct Attachment {
    pub span: Span,
    pub number: Option<NumberLine>,
    pub date: Option<DateLine>,
}

static NUMBER: LazyRegex = LazyRegex::new(
    r"(?P<symbol>(?:(?P<number>\d+)\s*)?/\s*(?P<code>\p{L}+)\s*-\s*(?P<issuer>[\p{L}&]+))",
);

static SPELLED_DATE: LazyRegex = LazyRegex::new(
    r"ngày[ \t]*(?P<day>\d{1,2})?[ \t]*tháng[ \t]*(?P<month>\d{1,2})?[ \t]*năm[ \t]*(?P<year>\d{4})",
);

static SLASHED_DATE: LazyRegex = LazyRegex::new(
    r"ngày[ \t]*(?P<day>\d{0,2})[ \t]*/[ \t]*(?P<month>\d{0,2})[ \t]*/[ \t]*(?P<year>\d{4})",
);

fn number_in(text: &str, base: usize) -> Option<NumberLine> {
    let caps = NUMBER.captures(text)?;
    let symbol = Field::from(&caps, "symbol", base)?;
    let number = Field::from(&caps, "number", base).unwrap_or(Field {
        text: String::new(),
        span: Span::new(symbol.span.start, symbol.span.start),
    });
    Some(NumberLine {
        symbol,
        number,
        type_code: Field::from(&caps, "code", base)?,
        issuer: Field::from(&caps, "issuer", base)?,
    })
}

fn date_in(text: &str, base: usize) -> Option<DateLine> {
    let spelled = SPELLED_DATE.captures(text);
    let slashed = SLASHED_DATE.captures(text);
    let caps = match (spelled, slashed) {
        (Some(a), Some(b)) => {
            if a.get(0).map(|m| m.start()) <= b.get(0).map(|m| m.start()) {
                a
            } else {
                b
            }
        }
        (Some(a), None) => a,
        (None, Some(b)) => b,
        (None, None) => return None,
    };
    let whole = caps.get(0)?;
    let blank_at = |name: &str| {
        Field::from(&caps, name, base).unwrap_or(Field {
            text: String::new(),
            span: Span::new(base + whole.start(), base + whole.start()),
        })
    };
    Some(DateLine {
        span: Span::new(base + whole.start(), base + whole.end()),
        day: blank_at("day"),
        month: blank_at("month"),
        year: Field::from(&caps, "year", base)?,
    })
}

/// Type words looked for when a rule gives none.
const DEFAULT_TYPE_WORDS: [&str; 4] = ["KẾ HOẠCH", "QUYẾT ĐỊNH", "BÁO CÁO", "CHƯƠNG TRÌNH"];

/// The header: number, date and type word, within the lines before the
/// body starts (the first `Căn cứ`/`Thực hiện` line or Roman heading).
pub fn header(ctx: &CheckContext, type_words: &[String]) -> Header {
    let model = &ctx.doc.header;
    let mut header = Header {
        number: model
            .number
            .as_ref()
            .and_then(|n| region(ctx.text, n.span))
            .and_then(|(text, base)| number_in(text, base)),
        date: model
            .place_date
            .as_ref()
            .and_then(|d| region(ctx.text, d.span))
            .and_then(|(text, base)| date_in(text, base)),
        type_word: model_type_word(ctx),
    };
    scan_header(ctx, type_words, &mut header, true);
    header
}

/// [`header`]`(ctx, type_words).type_word`, the number and date not read.
pub fn type_word(ctx: &CheckContext, type_words: &[String]) -> Option<Field> {
    let mut header = Header {
        number: None,
        date: None,
        type_word: model_type_word(ctx),
    };
    scan_header(ctx, type_words, &mut header, false);
    header.type_word
}

fn model_type_word(ctx: &CheckContext) -> Option<Field> {
    ctx.doc.header.type_word.as_ref().map(|w| Field {
        text: strip_markup(&w.value),
        span: w.span,
    })
}

/// Fill what `header` lacks from the lines before the body; the number
/// and date only when `fields`.
fn scan_header(ctx: &CheckContext, type_words: &[String], header: &mut Header, fields: bool) {
    static BODY_START: LazyRegex = LazyRegex::new(r"^(?:Căn cứ|Thực hiện|[IVX]+\.\s)");
    static NUMBER_LINE: LazyRegex = LazyRegex::new(r"Số\s*:");
    for (start, line) in lines(ctx.text).take(40) {
        // Nothing left to find: later lines change nothing.
        let complete = !fields || (header.number.is_some() && header.date.is_some());
        if complete && header.type_word.is_some() {
            break;
        }
        // Header lines are short; a long line is body text.
        let line = head(line, 400);
        let content = strip_markup(line);
        if BODY_START.is_match(&content) {
            break;
        }
        if fields && header.number.is_none() {
            if let Some(m) = NUMBER_LINE.find(line) {
                header.number = number_in(&line[m.end()..], start + m.end());
            }
        }
        if fields && header.date.is_none() && line.contains("tháng") {
            header.date = SPELLED_DATE
                .is_match(line)
                .then(|| date_in(line, start))
                .flatten();
        }
        let known = if type_words.is_empty() {
            DEFAULT_TYPE_WORDS.contains(&content.as_str())
        } else {
            type_words.contains(&content)
        };
        if header.type_word.is_none() && known {
            let offset = line.find(content.as_str()).unwrap_or(0);
            header.type_word = Some(Field {
                span: Span::new(start + offset, start + offset + content.len()),
                text: content,
            });
        }
    }
}

/// The text of `span`, widened to whole lines, with its start offset.
fn region(text: &str, span: Span) -> Option<(&str, usize)> {
    let start = text.get(..span.start)?.rfind('\n').map_or(0, |i| i + 1);
    let end = text
        .get(span.end..)?
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    Some((text.get(start..end)?, start))
}

/// Appendix captions that name the plan they are attached to.
pub fn attachments(ctx: &CheckContext) -> Vec<Attachment> {
    static ATTACHED: LazyRegex = LazyRegex::new(
        r"(?i:kèm theo)\s+(?:Kế hoạch|Quyết định|Báo cáo|Chương trình|Đề án)\s+số\s*",
    );
    let mut out = Vec::new();
    // `kèm theo` in any case has `è` or `È`.
    static KEM: LazyLock<aho_corasick::AhoCorasick> =
        LazyLock::new(|| aho_corasick::AhoCorasick::new(["è", "È"]).expect("valid needles"));
    for (start, line) in lines_containing(ctx.text, &KEM) {
        let Some(m) = ATTACHED.find(line) else {
            continue;
        };
        let rest = &line[m.end()..];
        let base = start + m.end();
        // The symbol comes first; a later `số` belongs to another document.
        let number = number_in(rest, base).filter(|n| n.symbol.span.start - base <= 2);
        let after = number.as_ref().map_or(0, |n| n.symbol.span.end - base);
        let date = rest
            .get(after..)
            .and_then(|tail| date_in(tail, base + after))
            .filter(|d| d.span.start - (base + after) <= 3);
        out.push(Attachment {
            span: Span::new(start + m.start(), start + line.len()),
            number,
            date,
        });
    }
    out
}

/// One line of the signature block.
#[derive(Debug, Clone)]
pub struct SignatureLine {
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct SignatureBlock {
    /// `TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`, `PHÓ CHỦ TỊCH`, in order.
    pub lines: Vec<SignatureLine>,
    pub name: Option<SignatureLine>,
}

impl SignatureBlock {
    pub fn span(&self) -> Span {
        let first = self.lines.first().map(|l| l.span).unwrap_or_default();
        self.lines.iter().fold(first, |acc, l| acc.cover(l.span))
    }
}

/// The signature block: authority and title lines (`TM.`, `KT.`, `CHỦ
/// TỊCH` …) after the body, and the signer's name below them.
pub fn signature(ctx: &CheckContext) -> Option<SignatureBlock> {
    if let Some(model) = &ctx.doc.signature {
        let as_line = |s: &crate::document::model::Spanned<String>| SignatureLine {
            text: strip_markup(&s.value),
            span: s.span,
        };
        let lines: Vec<SignatureLine> = model
            .authority
            .iter()
            .chain(model.titles.iter())
            .map(as_line)
            .collect();
        if !lines.is_empty() {
            return Some(SignatureBlock {
                lines,
                name: model.name.as_ref().map(as_line),
            });
        }
    }
    let all: Vec<(usize, &str)> = lines(ctx.text).collect();
    let recipients = all
        .iter()
        .position(|(_, l)| stripped(head(l, 40)).starts_with("Nơi nhận"));
    // The block usually follows `Nơi nhận:`; extraction may put it before.
    recipients
        .and_then(|from| signature_from(&all, from))
        .or_else(|| signature_from(&all, 0))
}

fn signature_from(all: &[(usize, &str)], from: usize) -> Option<SignatureBlock> {
    static AUTHORITY: LazyRegex = LazyRegex::new(
        r"^(?:(?:TM|KT|TL|TUQ|Q)\.\s*\p{Lu}|(?:PHÓ\s+)?(?:CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG BAN|BÍ THƯ|TRƯỞNG PHÒNG)(?:\s+\p{Lu}+)*$)",
    );
    let mut block: Vec<SignatureLine> = Vec::new();
    let mut end_index = 0;
    for (index, &(start, line)) in all.iter().enumerate().skip(from) {
        let line = head(line, 200);
        let content = strip_markup(line);
        if AUTHORITY.is_match(&content) && !line.contains('\t') {
            let offset = line.find(content.as_str()).unwrap_or(0);
            block.push(SignatureLine {
                span: Span::new(start + offset, start + offset + content.len()),
                text: content,
            });
            end_index = index;
        } else if !block.is_empty() && !content.is_empty() {
            break;
        }
    }
    if block.is_empty() {
        return None;
    }
    let name = all
        .iter()
        .skip(end_index + 1)
        .map(|&(start, line)| (start, line, strip_markup(head(line, 200))))
        .find(|(_, _, content)| !content.is_empty())
        .filter(|(_, _, content)| looks_like_a_name(content))
        .map(|(start, line, content)| {
            let offset = line.find(content.as_str()).unwrap_or(0);
            SignatureLine {
                span: Span::new(start + offset, start + offset + content.len()),
                text: content,
            }
        });
    Some(SignatureBlock { lines: block, name })
}

/// `Trần Thị Hồng Vân`: two to six capitalised words, nothing else.
fn looks_like_a_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(char::is_alphabetic)
                && w.chars().skip(1).any(char::is_lowercase)
        })
}
