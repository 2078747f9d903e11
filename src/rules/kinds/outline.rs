//! What the structural kinds (`numbering`, `structure`, `year`) need from a
//! plan: its numbered headings and its numbered table rows, in document order.
//!
//! Read from the document model when the parser filled it; otherwise from
//! the lines of the text, so the checks work on any text the parser did not
//! (yet) understand.

use std::borrow::Cow;

use crate::document::model::{NumberingStyle, Section, Span};
use crate::rules::engine::CheckContext;
use crate::rules::lazy_regex::LazyRegex;

mod labels;
mod tables;

pub use labels::{fold, letter_of, letter_value, roman_value, to_roman, POINT_LETTERS};
pub use tables::{scan_tables, tables, RowView, TableRowView, TableView};

/// A numbered heading (`I.`, `Phần II`, `2.`, `7.1.`, `đ)`).
#[derive(Debug, Clone)]
pub struct Heading {
    pub style: NumberingStyle,
    /// Label without punctuation: `I`, `2`, `7.1`, `đ`.
    pub label: String,
    pub label_span: Span,
    /// The heading line.
    pub line: Span,
    pub title: String,
}

impl Heading {
    /// Nesting rank: a heading closes every open sequence of a higher rank.
    pub fn rank(&self) -> u8 {
        match self.style {
            NumberingStyle::Part => 0,
            NumberingStyle::Roman => 1,
            NumberingStyle::Arabic => 2,
            // `7.1` ranks 3, `7.1.1` ranks 4.
            NumberingStyle::Dotted => {
                // `split('.').count()`: one more than the dots.
                let dots = memchr::memchr_iter(b'.', self.label.as_bytes()).count();
                let depth = (dots + 1).clamp(2, 5) as u8;
                depth + 1
            }
            NumberingStyle::Letter => 7,
        }
    }
}

/// Lines of `text` with their start offsets, without line terminators.
pub fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    text.split('\n').map(move |line| {
        let at = start;
        start += line.len() + 1;
        (at, line.strip_suffix('\r').unwrap_or(line))
    })
}

/// The lines of `text` (as [`lines`] gives them) with a match of `needles`
/// (none of which holds `\n` or `\r`), found by searching the whole text
/// at once instead of each line.
pub fn lines_containing<'t>(
    text: &'t str,
    needles: &aho_corasick::AhoCorasick,
) -> Vec<(usize, &'t str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = needles.find(aho_corasick::Input::new(text).span(from..text.len())) {
        let at = found.start();
        let bytes = text.as_bytes();
        let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(text.len(), |i| at + i);
        let line = &text[start..end];
        out.push((start, line.strip_suffix('\r').unwrap_or(line)));
        if end >= text.len() {
            break;
        }
        from = end;
    }
    out
}

/// Byte length of leading markup (`## `, `**`, `<b>`, `*`, spaces) before a
/// line's content.
pub fn markup_prefix_len(line: &str) -> usize {
    static PREFIX: LazyRegex = LazyRegex::new(r"^(?:\s|#+|\*+|_+|</?[biu]>|</?strong>|</?em>)*");
    PREFIX.find(line).map(|m| m.end()).unwrap_or(0)
}

/// At most `max` bytes from the start of `text` (on a char boundary): checks
/// that only look at how a line starts stay fast on a 50 MB line.
pub fn head(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The line's content without markup around it.
pub fn strip_markup(text: &str) -> String {
    stripped(text).into_owned()
}

/// [`strip_markup`], borrowed from `text` when it has no markup.
pub fn stripped(text: &str) -> Cow<'_, str> {
    static MARKUP: LazyRegex = LazyRegex::new(r"\*+|</?[biu]>|</?strong>|</?em>|^#+\s*");
    // Every match of the pattern starts with one of these.
    if memchr::memchr3(b'*', b'<', b'#', text.as_bytes()).is_none() {
        return Cow::Borrowed(text.trim());
    }
    Cow::Owned(MARKUP.replace_all(text, "").trim().to_owned())
}

/// Numbered headings in document order.
pub fn headings<'c>(ctx: &'c CheckContext) -> &'c [Heading] {
    ctx.headings.get_or_init(|| {
        if ctx.doc.sections.is_empty() {
            scan_headings(ctx.text)
        } else {
            let mut out = Vec::new();
            flatten(&ctx.doc.sections, &mut out);
            out
        }
    })
}

fn flatten(sections: &[Section], out: &mut Vec<Heading>) {
    for section in sections {
        out.push(Heading {
            style: section.style,
            label: section.label.value.clone(),
            label_span: section.label.span,
            line: section.span,
            title: section.title.clone(),
        });
        flatten(&section.children, out);
    }
}

/// Headings read from the text: a label at the start of a line that is not a
/// table row, followed by a title.
pub fn scan_headings(text: &str) -> Vec<Heading> {
    static HEADING: LazyRegex = LazyRegex::new(
        r"^(?:(?P<part>(?i:Phần)\s+(?P<pl>[IVXLC]+))(?-u:\b)\.?|(?P<roman>[IVXLC]+)\.|(?P<dotted>\d{1,2}(?:\.\d{1,2})+)\.?|(?P<arabic>\d{1,2})\.|(?P<letter>[a-zđ])\))(?:\s+|$)",
    );
    let all: Vec<(usize, &str)> = lines(text).collect();
    let mut out = Vec::new();
    for (index, &(start, line)) in all.iter().enumerate() {
        if line.contains('\t') {
            continue;
        }
        let offset = markup_prefix_len(line);
        let content = &line[offset..];
        let Some(caps) = HEADING.captures(content) else {
            continue;
        };
        let (style, group) = if caps.name("part").is_some() {
            (NumberingStyle::Part, "pl")
        } else if caps.name("roman").is_some() {
            (NumberingStyle::Roman, "roman")
        } else if caps.name("dotted").is_some() {
            (NumberingStyle::Dotted, "dotted")
        } else if caps.name("arabic").is_some() {
            (NumberingStyle::Arabic, "arabic")
        } else {
            (NumberingStyle::Letter, "letter")
        };
        let Some(label) = caps.name(group) else {
            continue;
        };
        let rest = strip_markup(head(
            &content[caps.get(0).map(|m| m.end()).unwrap_or(0)..],
            400,
        ));
        // `Phần I` often has its title on the next line.
        let title = if rest.is_empty() {
            all.iter()
                .skip(index + 1)
                .map(|(_, l)| strip_markup(head(l, 400)))
                .find(|l| !l.is_empty())
                .unwrap_or_default()
        } else {
            rest
        };
        // A bare number with no title is a value, not a heading.
        if title.is_empty() && style != NumberingStyle::Part {
            continue;
        }
        let label_start = start + offset + label.start();
        out.push(Heading {
            style,
            label: label.as_str().to_owned(),
            label_span: Span::new(label_start, label_start + label.len()),
            line: Span::new(start, start + line.len()),
            title,
        });
    }
    out
}

/// Spans of the sections whose heading matches `is_wanted`: from the heading
/// to the next heading of the same or a higher rank.
pub fn section_ranges(
    headings: &[Heading],
    text_len: usize,
    is_wanted: impl Fn(&Heading) -> bool,
) -> Vec<Span> {
    let mut out = Vec::new();
    for (i, heading) in headings.iter().enumerate() {
        if !is_wanted(heading) {
            continue;
        }
        let end = headings
            .iter()
            .skip(i + 1)
            .find(|h| h.rank() <= heading.rank())
            .map(|h| h.line.start)
            .unwrap_or(text_len);
        out.push(Span::new(heading.line.start, end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_headings_through_markdown() {
        let text = "## **II. NHIỆM VỤ**\n### **7.1. Đẩy mạnh**\nđ) Điểm\n1\tTỷ lệ\t100%\n";
        let found = scan_headings(text);
        let labels: Vec<_> = found.iter().map(|h| h.label.as_str()).collect();
        assert_eq!(labels, ["II", "7.1", "đ"]);
        assert_eq!(
            &text[found[0].label_span.start..found[0].label_span.end],
            "II"
        );
    }
}
