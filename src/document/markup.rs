//! Markup leftovers from extraction (Markdown, HTML, LaTeX) and their meaning.
//!
//! [`clean`] removes `**bold**`, `## heading` marks, HTML tags such as `<b>`,
//! `<i>`, `<br>` and a few entities, and turns LaTeX from Word equations into
//! what it means (`$\geq 90\%$` → `≥ 90%`). The result keeps a map back to
//! the raw text so spans found in the cleaned text can be reported on the raw
//! one ([`Cleaned::to_raw_start`], [`Cleaned::to_raw_end`]).

use std::borrow::Cow;
use std::ops::Range;

use crate::document::byte_scan::ByteScan;

/// Cleaned text and the map back to the text it came from.
#[derive(Debug, Clone, Default)]
pub struct Cleaned<'a> {
    /// Borrowed from the raw text when it has no markup (most lines).
    pub text: Cow<'a, str>,
    /// Pieces of the cleaned text, in order; gaps in `raw` are removed markup.
    segments: Vec<Segment>,
    raw_len: usize,
    /// The text is the raw text (no markup): offsets map to themselves and
    /// `segments` is left empty (most lines; saves an allocation each).
    identity: bool,
}

#[derive(Debug, Clone)]
struct Segment {
    clean: Range<usize>,
    raw: Range<usize>,
    /// Copied byte for byte (offsets inside map one to one); otherwise a
    /// replacement (`\geq` → `≥`) that maps as a whole.
    verbatim: bool,
}

impl<'a> Cleaned<'a> {
    /// `raw` itself, for a text without any of [`MARKUP_BYTES`].
    pub fn plain(raw: &'a str) -> Cleaned<'a> {
        Cleaned {
            text: Cow::Borrowed(raw),
            segments: Vec::new(),
            raw_len: raw.len(),
            identity: true,
        }
    }

    /// Whether the text is the raw text, offsets mapping to themselves.
    pub fn is_identity(&self) -> bool {
        self.identity
    }

    /// Raw offset for a cleaned offset used as the start of a span: markup
    /// just before it is skipped (`**KẾ` → the offset of `K`).
    pub fn to_raw_start(&self, clean: usize) -> usize {
        if self.identity {
            return clean.min(self.raw_len);
        }
        let index = self.segments.partition_point(|s| s.clean.end <= clean);
        match self.segments.get(index) {
            Some(seg) if seg.clean.start <= clean => {
                if seg.verbatim {
                    seg.raw.start + (clean - seg.clean.start)
                } else {
                    seg.raw.start
                }
            }
            Some(seg) => seg.raw.start,
            None => self.segments.last().map_or(self.raw_len, |s| s.raw.end),
        }
    }

    /// Raw offset for a cleaned offset used as the end of a span: markup
    /// just after it is left out (`HOẠCH**` → the offset after `H`).
    pub fn to_raw_end(&self, clean: usize) -> usize {
        if self.identity {
            return clean.min(self.raw_len);
        }
        let index = self.segments.partition_point(|s| s.clean.end < clean);
        match self.segments.get(index) {
            Some(seg) if seg.clean.start < clean => {
                if seg.verbatim {
                    seg.raw.start + (clean - seg.clean.start)
                } else {
                    seg.raw.end
                }
            }
            Some(seg) => seg.raw.start,
            None => self.segments.last().map_or(0, |s| s.raw.end),
        }
    }

    /// Raw range for a cleaned range.
    pub fn to_raw(&self, clean: Range<usize>) -> Range<usize> {
        let start = self.to_raw_start(clean.start);
        let end = self.to_raw_end(clean.end).max(start);
        start..end
    }
}

struct Builder<'a> {
    raw: &'a str,
    /// The cleaned text (`out.text` stays empty until the end).
    text: String,
    out: Cleaned<'a>,
}

impl Builder<'_> {
    fn copy(&mut self, raw: Range<usize>) {
        if raw.is_empty() {
            return;
        }
        let Some(piece) = self.raw.get(raw.clone()) else {
            return;
        };
        let start = self.text.len();
        self.text.push_str(piece);
        // Extend the previous verbatim segment when contiguous, so long runs
        // of plain text cost one segment.
        if let Some(last) = self.out.segments.last_mut() {
            if last.verbatim && last.raw.end == raw.start && last.clean.end == start {
                last.raw.end = raw.end;
                last.clean.end = self.text.len();
                return;
            }
        }
        self.out.segments.push(Segment {
            clean: start..self.text.len(),
            raw,
            verbatim: true,
        });
    }

    fn replace(&mut self, raw: Range<usize>, with: &str) {
        if with.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(with);
        self.out.segments.push(Segment {
            clean: start..self.text.len(),
            raw,
            verbatim: false,
        });
    }

    /// Removed markup between two words becomes a space (`LỤC**DANH` →
    /// `LỤC DANH`); elsewhere it simply goes.
    fn remove(&mut self, raw: Range<usize>) {
        let before = self.text.chars().next_back();
        let after = self.raw.get(raw.end..).and_then(|s| s.chars().next());
        if let (Some(b), Some(a)) = (before, after) {
            if !b.is_whitespace()
                && !a.is_whitespace()
                && b.is_alphanumeric()
                && a.is_alphanumeric()
            {
                self.replace(raw, " ");
            }
        }
    }
}

/// HTML tags that extraction leaves behind; `br` and `p` break a line and
/// become a space.
const HTML_TAGS: &[&str] = &[
    "b", "i", "u", "s", "em", "strong", "sup", "sub", "span", "font", "br", "p", "div", "mark",
    "small", "big", "del", "ins", "td", "th", "tr",
];

const ENTITIES: &[(&str, &str)] = &[
    ("&nbsp;", " "),
    ("&amp;", "&"),
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&quot;", "\""),
    ("&#39;", "'"),
    ("&apos;", "'"),
];

/// LaTeX commands and what they mean.
const LATEX: &[(&str, &str)] = &[
    ("\\geqslant", "≥"),
    ("\\leqslant", "≤"),
    ("\\geq", "≥"),
    ("\\leq", "≤"),
    ("\\ge", "≥"),
    ("\\le", "≤"),
    ("\\gt", ">"),
    ("\\lt", "<"),
    ("\\neq", "≠"),
    ("\\ne", "≠"),
    ("\\approx", "≈"),
    ("\\times", "×"),
    ("\\cdot", "·"),
    ("\\pm", "±"),
    ("\\div", "÷"),
    ("\\%", "%"),
    ("\\$", "$"),
    ("\\&", "&"),
    ("\\_", "_"),
    ("\\,", ""),
    ("\\;", " "),
    ("\\:", " "),
    ("\\!", ""),
    ("\\ ", " "),
    ("\\quad", " "),
    ("\\text", ""),
    ("\\mathrm", ""),
    ("\\textbf", ""),
    ("\\mathbf", ""),
    ("\\left", ""),
    ("\\right", ""),
];

/// The bytes markup starts with: a text without them is its own cleaned text.
pub const MARKUP_BYTES: [u8; 6] = [b'*', b'#', b'<', b'&', b'$', b'\\'];

/// Clean `raw`, keeping a map back to it.
pub fn clean(raw: &str) -> Cleaned<'_> {
    // Most lines hold none of the bytes markup starts with.
    let bytes = raw.as_bytes();
    let [a, b, c, d, e, f] = MARKUP_BYTES;
    if memchr::memchr3(a, b, c, bytes).is_none() && memchr::memchr3(d, e, f, bytes).is_none() {
        return Cleaned::plain(raw);
    }
    let mut b = Builder {
        raw,
        text: String::with_capacity(raw.len()),
        out: Cleaned {
            text: Cow::Borrowed(""),
            segments: Vec::new(),
            raw_len: raw.len(),
            identity: false,
        },
    };
    let mut plain_start = 0;
    let mut i = 0;
    let mut at_line_start = true;
    while i < bytes.len() {
        if !STARTS_MARKUP[usize::from(bytes[i])] {
            // A run of plain bytes: nothing in it but white space keeps
            // the line start.
            let end = bytes[i..]
                .iter()
                .position(|&b| STARTS_MARKUP[usize::from(b)])
                .map_or(bytes.len(), |n| i + n);
            at_line_start &= bytes[i..end]
                .iter()
                .all(|b| matches!(b, b' ' | b'\t' | b'\r'));
            i = end;
            continue;
        }
        let skip = match bytes[i] {
            b'*' => Some(run_of(bytes, i, b'*')),
            b'#' if at_line_start => {
                let n = run_of(bytes, i, b'#');
                (n <= 6 && matches!(bytes.get(i + n), Some(b' ') | Some(b'\t') | None)).then_some(n)
            }
            b'<' => html_tag(raw, i),
            _ => None,
        };
        if let Some(n) = skip {
            b.copy(plain_start..i);
            b.remove(i..i + n);
            i += n;
            plain_start = i;
            continue;
        }
        if bytes[i] == b'&' {
            if let Some((entity, meaning)) = ENTITIES
                .iter()
                .find(|(e, _)| raw.get(i..i + e.len()) == Some(*e))
            {
                b.copy(plain_start..i);
                b.replace(i..i + entity.len(), meaning);
                i += entity.len();
                plain_start = i;
                continue;
            }
        }
        if bytes[i] == b'$' {
            if let Some(end) = math_end(bytes, i) {
                b.copy(plain_start..i);
                latex(&mut b, i + 1, end);
                i = end + 1;
                plain_start = i;
                continue;
            }
        }
        if bytes[i] == b'\\' {
            if let Some(n) = latex_command(&mut b, raw, i, plain_start) {
                i += n;
                plain_start = i;
                continue;
            }
        }
        if bytes[i] == b'\n' {
            at_line_start = true;
        } else if !matches!(bytes[i], b' ' | b'\t' | b'\r') {
            at_line_start = false;
        }
        i += 1;
    }
    b.copy(plain_start..bytes.len());
    b.out.text = Cow::Owned(b.text);
    b.out
}

/// [`MARKUP_BYTES`] and `\n`: the bytes [`clean`] stops at.
static STARTS_MARKUP: [bool; 256] = {
    let mut table = [false; 256];
    let mut k = 0;
    while k < MARKUP_BYTES.len() {
        table[MARKUP_BYTES[k] as usize] = true;
        k += 1;
    }
    table[b'\n' as usize] = true;
    table
};

/// Only the cleaned text.
pub fn strip_markup(raw: &str) -> String {
    clean(raw).text.into_owned()
}

fn run_of(bytes: &[u8], start: usize, byte: u8) -> usize {
    bytes[start..].iter().take_while(|&&b| b == byte).count()
}

/// Length of a known HTML tag at `start` (`<b>`, `</i>`, `<br />`, `<span style="…">`).
fn html_tag(raw: &str, start: usize) -> Option<usize> {
    let rest = raw.get(start + 1..)?;
    let rest_bytes = rest.as_bytes();
    let mut j = usize::from(rest_bytes.first() == Some(&b'/'));
    let name_start = j;
    while j < rest_bytes.len() && rest_bytes[j].is_ascii_alphabetic() {
        j += 1;
    }
    let name = rest.get(name_start..j)?.to_ascii_lowercase();
    if !HTML_TAGS.contains(&name.as_str()) {
        return None;
    }
    // Attributes, bounded so a stray `<` cannot make this quadratic.
    let close = rest_bytes
        .iter()
        .skip(j)
        .take(200)
        .position(|&b| b == b'>' || b == b'<' || b == b'\n')?;
    (rest_bytes[j + close] == b'>').then_some(j + close + 2)
}

/// Closing `$` of an inline math span that starts at `start`, if the span
/// looks like LaTeX (holds a backslash) and stays on one line.
fn math_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut has_command = false;
    for (k, &b) in bytes.iter().enumerate().skip(start + 1).take(300) {
        match b {
            b'$' => return (has_command && k > start + 1).then_some(k),
            b'\\' => has_command = true,
            b'\n' => return None,
            _ => {}
        }
    }
    None
}

/// Copy LaTeX source `start..end` with commands replaced and braces dropped.
fn latex(b: &mut Builder, start: usize, end: usize) {
    let bytes = b.raw.as_bytes();
    let mut plain = start;
    let mut i = start;
    while i < end {
        match bytes[i] {
            b'{' | b'}' => {
                b.copy(plain..i);
                i += 1;
                plain = i;
            }
            b'\\' => {
                if let Some(n) = latex_command(b, b.raw, i, plain) {
                    i += n;
                    plain = i;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    b.copy(plain..end);
}

/// Replace a LaTeX command at `i` (copying plain text before it first);
/// returns its length.
fn latex_command(b: &mut Builder, raw: &str, i: usize, plain_start: usize) -> Option<usize> {
    let rest = raw.get(i..)?;
    let (command, meaning) = LATEX.iter().find(|(c, _)| {
        rest.starts_with(c)
            && !(c.as_bytes()[1].is_ascii_alphabetic()
                && rest
                    .as_bytes()
                    .get(c.len())
                    .is_some_and(|n| n.is_ascii_alphabetic()))
    })?;
    b.copy(plain_start..i);
    if meaning.is_empty() {
        b.remove(i..i + command.len());
    } else {
        b.replace(i..i + command.len(), meaning);
    }
    Some(command.len())
}

/// Lower-case `text` without changing any byte offset: a character whose
/// lower case has another UTF-8 length is kept as it is. The grammar reads
/// this folded text, so spans it returns index the original too.
pub fn fold_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_case_into(text, &mut out);
    out
}

/// [`fold_case`] of `text` pushed onto `out`.
pub fn fold_case_into(text: &str, out: &mut String) {
    static SCAN: std::sync::OnceLock<ByteScan> = std::sync::OnceLock::new();
    let table = fold_table();
    // Flags the characters that fold (and all above the table, folded one by one).
    let scan = SCAN.get_or_init(|| {
        ByteScan::new(
            |c| table.get(c as usize).is_some_and(|&l| l as u32 != c),
            true,
        )
    });
    let from = out.len();
    out.reserve(text.len());
    let mut copied = 0;
    scan.for_each(text, |i| {
        let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else {
            return;
        };
        let lower = table
            .get(c as usize)
            .copied()
            .unwrap_or_else(|| fold_char(c));
        if lower != c {
            // Same UTF-8 length: the bytes after it do not move.
            out.push_str(text.get(copied..i).unwrap_or(""));
            out.push(lower);
            copied = i + c.len_utf8();
        }
    });
    out.push_str(text.get(copied..).unwrap_or(""));
    out[from..].make_ascii_lowercase();
}

/// [`fold_case`] of one character.
pub fn fold_one(c: char) -> char {
    // ASCII folds to its ASCII lower case (`fold_char`), without the table.
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    fold_table()
        .get(c as usize)
        .copied()
        .unwrap_or_else(|| fold_char(c))
}

/// Lower case of one character when it has the same UTF-8 length, else the character.
fn fold_char(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

/// [`fold_char`] of every character below U+3000 (Latin, Vietnamese
/// included, Greek, Cyrillic), computed once.
fn fold_table() -> &'static [char] {
    static TABLE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..0x3000u32)
            .map(|u| char::from_u32(u).map_or('\0', fold_char))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latex_becomes_its_meaning() {
        assert_eq!(strip_markup("$\\geq 90\\%$"), "≥ 90%");
        assert_eq!(
            strip_markup("$\\leq 95\\%$ (2025-2027)"),
            "≤ 95% (2025-2027)"
        );
        assert_eq!(strip_markup("giá $5 và $6"), "giá $5 và $6");
    }

    #[test]
    fn markdown_and_html_go() {
        assert_eq!(strip_markup("**KẾ HOẠCH**"), "KẾ HOẠCH");
        assert_eq!(strip_markup("## **2. Mục tiêu**"), " 2. Mục tiêu");
        assert_eq!(strip_markup("<b>II</b>"), "II");
        assert_eq!(strip_markup("( <i>Một tỷ</i> )"), "( Một tỷ )");
        assert_eq!(strip_markup("PHỤ LỤC**DANH MỤC"), "PHỤ LỤC DANH MỤC");
        assert_eq!(strip_markup("a<br>b"), "a b");
        assert_eq!(strip_markup("KH&CN &amp; x"), "KH&CN & x");
        assert_eq!(strip_markup("3 < 4 và <x>"), "3 < 4 và <x>");
    }

    #[test]
    fn headings_only_at_a_line_start() {
        // Skipped markup and white space keep the line start; text does not.
        assert_eq!(strip_markup(" \t**## a"), " \t a");
        assert_eq!(strip_markup("x ## a"), "x ## a");
        assert_eq!(strip_markup("x\n  # a\n&amp;# b"), "x\n   a\n& b");
        assert_eq!(strip_markup("<b>#</b> a"), "# a");
        assert_eq!(strip_markup("####### a"), "####### a");
        assert_eq!(strip_markup("##"), "");
    }

    #[test]
    fn offsets_map_back() {
        let raw = "**KẾ HOẠCH** x $\\geq 90\\%$";
        let c = clean(raw);
        assert_eq!(c.text, "KẾ HOẠCH x ≥ 90%");
        let word = c.text.find("KẾ HOẠCH").unwrap();
        let r = c.to_raw(word..word + "KẾ HOẠCH".len());
        assert_eq!(&raw[r], "KẾ HOẠCH");
        let ge = c.text.find('≥').unwrap();
        let r = c.to_raw(ge..c.text.len());
        assert_eq!(&raw[r], "\\geq 90\\%");
    }

    #[test]
    fn folding_keeps_lengths() {
        let s = "ỦY BAN NHÂN DÂN K İ";
        assert_eq!(fold_case(s).len(), s.len());
        assert_eq!(fold_case("ỦY BAN"), "ủy ban");
    }

    #[test]
    fn folding_matches_char_by_char() {
        let s = "KẾ HOẠCH Ủy Ban ĐỔI SỐ ΑΒΓ ДЖ Ⅻ Ａ ẞ İ ǅ x\u{10400}";
        let expected: String = s.chars().map(fold_char).collect();
        assert_eq!(fold_case(s), expected);
        for u in 0..0x3000u32 {
            if let Some(c) = char::from_u32(u) {
                let one = c.to_string();
                assert_eq!(fold_case(&one), fold_char(c).to_string(), "{u:x}");
            }
        }
    }

    #[test]
    fn plain_lines_clean_the_same() {
        let c = clean("Kế hoạch 28/KH-UBND");
        assert_eq!(c.text, "Kế hoạch 28/KH-UBND");
        assert_eq!(c.to_raw(0..3), 0..3);
        assert_eq!(c.to_raw_start(100), "Kế hoạch 28/KH-UBND".len());
        let empty = clean("");
        assert_eq!(empty.text, "");
        assert_eq!(empty.to_raw(0..0), 0..0);
    }
}
