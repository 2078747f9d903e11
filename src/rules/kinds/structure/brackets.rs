//! Unbalanced brackets and quotes per paragraph. A paragraph is a line, or
//! several when a sentence broken by a page break goes on in lowercase on a
//! later line. List markers (`a)`, `1)`) close nothing.

use crate::document::model::Span;
/// An opening or closing mark without its partner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    pub span: Span,
    pub found: char,
    pub expected: char,
}

fn partner(c: char) -> Option<char> {
    match c {
        '(' => Some(')'),
        ')' => Some('('),
        '“' => Some('”'),
        '”' => Some('“'),
        '"' => Some('"'),
        _ => None,
    }
}

/// At most this many marks are reported per paragraph, so a text made of
/// brackets does not flood the report.
const MAX_PER_PARAGRAPH: usize = 3;

/// Marks still open, one stack per kind so matching stays linear.
#[derive(Default)]
struct Open {
    paren: Vec<usize>,
    curly: Vec<usize>,
    straight: Vec<usize>,
}

impl Open {
    fn is_empty(&self) -> bool {
        self.paren.is_empty() && self.curly.is_empty() && self.straight.is_empty()
    }
}

/// Only the lines with a mark, and those a paragraph with open marks goes
/// on into, are read: a line without marks after a closed paragraph changes
/// nothing.
pub fn unmatched(text: &str) -> Vec<Unmatched> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut paragraph = Vec::new();
    // Opening marks still waiting, carried into a continuation line.
    let mut open = Open::default();
    let mut next_text = NextTextLine::default();
    let marks = all_marks(text);
    let mut next = 0;
    // The start of the line the open paragraph goes on into.
    let mut carried: Option<usize> = None;
    loop {
        let start = match (carried, marks.get(next)) {
            (Some(start), _) => start,
            (None, Some(&(at, _))) => memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1),
            (None, None) => break,
        };
        let raw_end = memchr::memchr(b'\n', &bytes[start..]).map_or(text.len(), |i| start + i);
        let raw = &text[start..raw_end];
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let line_marks = marks_of_line(&marks, &mut next, start, start + line.len());
        scan_line(start, line, line_marks, &mut open, &mut paragraph);
        let goes_on = !open.is_empty()
            && !line.contains('\t')
            && raw_end < text.len()
            && next_text.continues(text, raw_end + 1);
        if goes_on {
            carried = Some(raw_end + 1);
        } else {
            close_paragraph(&mut open, &mut paragraph, &mut found);
            carried = None;
        }
    }
    close_paragraph(&mut open, &mut paragraph, &mut found);
    found
}

/// Whether the next line with text goes on with a lowercase word; the last
/// answer is kept so runs of blank lines are crossed once.
#[derive(Default)]
struct NextTextLine {
    /// Asked from here, the answer was the line at `line` (no text between).
    from: usize,
    line: usize,
    continues: bool,
    known: bool,
}

impl NextTextLine {
    /// For the lines from `from` (a line start) on.
    fn continues(&mut self, text: &str, from: usize) -> bool {
        if self.known && self.from <= from && from <= self.line {
            return self.continues;
        }
        let mut start = from;
        let (line, continues) = loop {
            let Some(rest) = text.as_bytes().get(start..) else {
                break (usize::MAX, false);
            };
            let end = memchr::memchr(b'\n', rest).map_or(text.len(), |i| start + i);
            let raw = &text[start..end];
            let content = raw.strip_suffix('\r').unwrap_or(raw).trim_start();
            if !content.is_empty() {
                let lowercase = content.chars().next().is_some_and(char::is_lowercase);
                break (start, lowercase && !starts_with_marker(content));
            }
            start = end + 1;
        };
        *self = NextTextLine {
            from,
            line,
            continues,
            known: true,
        };
        continues
    }
}

fn close_paragraph(open: &mut Open, paragraph: &mut Vec<Unmatched>, found: &mut Vec<Unmatched>) {
    for (mark, stack) in [
        ('(', &mut open.paren),
        ('“', &mut open.curly),
        ('"', &mut open.straight),
    ] {
        for at in stack.drain(..) {
            paragraph.push(Unmatched {
                span: Span::new(at, at + mark.len_utf8()),
                found: mark,
                expected: partner(mark).unwrap_or(mark),
            });
        }
    }
    paragraph.sort_by_key(|u| u.span.start);
    found.extend(paragraph.drain(..).take(MAX_PER_PARAGRAPH));
}

/// The marks between `start` and `end` (one line: none stands in a line
/// break), from `*next` on; `*next` moves past them.
fn marks_of_line<'m>(
    marks: &'m [(usize, char)],
    next: &mut usize,
    start: usize,
    end: usize,
) -> &'m [(usize, char)] {
    while marks.get(*next).is_some_and(|&(at, _)| at < start) {
        *next += 1;
    }
    let first = *next;
    while marks
        .get(*next)
        .is_some_and(|&(at, c)| at + c.len_utf8() <= end)
    {
        *next += 1;
    }
    marks.get(first..*next).unwrap_or_default()
}

/// Every mark (`(`, `)`, `"`, `“`, `”`) of `text` with its offset, in
/// order: one memchr pass for the ASCII marks and one for the lead byte of
/// the curly quotes, which is rare in Vietnamese text.
fn all_marks(text: &str) -> Vec<(usize, char)> {
    let bytes = text.as_bytes();
    let ascii = memchr::memchr3_iter(b'(', b')', b'"', bytes).map(|at| (at, char::from(bytes[at])));
    // `“` and `”` are E2 80 9C and E2 80 9D.
    let mut curly = memchr::memchr_iter(0xE2, bytes)
        .filter_map(|at| match bytes.get(at + 1..at + 3) {
            Some([0x80, 0x9C]) => Some((at, '“')),
            Some([0x80, 0x9D]) => Some((at, '”')),
            _ => None,
        })
        .peekable();
    // Both in order: merged.
    let mut marks = Vec::new();
    for mark in ascii {
        while let Some(quote) = curly.next_if(|q| q.0 < mark.0) {
            marks.push(quote);
        }
        marks.push(mark);
    }
    marks.extend(curly);
    marks
}

/// Checks the marks `marks` (offsets in the text) of the line at `start`.
fn scan_line(
    start: usize,
    line: &str,
    marks: &[(usize, char)],
    open: &mut Open,
    found: &mut Vec<Unmatched>,
) {
    for &(at, c) in marks {
        let Some(i) = at.checked_sub(start) else {
            continue;
        };
        let unmatched = match c {
            '(' => {
                open.paren.push(at);
                false
            }
            '“' => {
                open.curly.push(at);
                false
            }
            '"' => {
                if open.straight.pop().is_none() {
                    open.straight.push(at);
                }
                false
            }
            ')' if is_leading_marker(&line[..i + 1]) => false,
            ')' => open.paren.pop().is_none() && !is_list_marker(&line[..i]),
            '”' => open.curly.pop().is_none(),
            _ => false,
        };
        if unmatched {
            found.push(Unmatched {
                span: Span::new(at, at + c.len_utf8()),
                found: c,
                expected: partner(c).unwrap_or(c),
            });
        }
    }
}

/// `prefix` is exactly a leading list marker (`a)`, `- 1)`).
fn is_leading_marker(prefix: &str) -> bool {
    let content =
        prefix.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '+' | '*'));
    match content.strip_suffix(')') {
        Some(token) if !token.is_empty() && token.len() <= 4 => {
            token.chars().all(char::is_alphanumeric) && is_list_marker(token)
        }
        _ => false,
    }
}

/// A line opening with a list marker (`a)`, `- 1)`), which closes nothing.
fn starts_with_marker(line: &str) -> bool {
    let content =
        line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '+' | '*'));
    let token: String = content
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    content[token.len()..].starts_with(')') && is_list_marker(&token)
}

/// `a)`, `đ)`, `12)` standing alone: at the line start, or after a space or
/// punctuation (`…; b) …`).
fn is_list_marker(before: &str) -> bool {
    let token: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    let token_len: usize = token.chars().map(char::len_utf8).sum();
    let short = match token.chars().count() {
        1 => token
            .chars()
            .all(|c| c.is_lowercase() || c.is_ascii_digit()),
        2 => token.chars().all(|c| c.is_ascii_digit()),
        _ => false,
    };
    let rest = &before[..before.len() - token_len];
    let standalone = rest
        .chars()
        .last()
        .is_none_or(|c| c.is_whitespace() || matches!(c, ';' | ',' | ':' | '-' | '+' | '*'));
    short && standalone
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::kinds::outline::lines;

    /// [`unmatched`] as first written: every line read.
    fn reference_unmatched(text: &str) -> Vec<Unmatched> {
        let mut found = Vec::new();
        let mut paragraph = Vec::new();
        // Opening marks still waiting, carried into a continuation line.
        let mut open = Open::default();
        let all: Vec<(usize, &str)> = lines(text).collect();
        // Whether the next line with text goes on with a lowercase word; computed
        // backwards once so runs of blank lines stay linear.
        let mut next_continues = vec![false; all.len()];
        let mut following = false;
        for (index, (_, line)) in all.iter().enumerate().rev() {
            if let Some(flag) = next_continues.get_mut(index) {
                *flag = following;
            }
            let content = line.trim_start();
            if !content.is_empty() {
                following = content.chars().next().is_some_and(char::is_lowercase)
                    && !starts_with_marker(content);
            }
        }
        let marks = all_marks(text);
        let mut next = 0;
        for (index, &(start, line)) in all.iter().enumerate() {
            let line_marks = marks_of_line(&marks, &mut next, start, start + line.len());
            scan_line(start, line, line_marks, &mut open, &mut paragraph);
            let continues = next_continues.get(index).copied().unwrap_or(false);
            if !(continues && !open.is_empty() && !line.contains('\t')) {
                close_paragraph(&mut open, &mut paragraph, &mut found);
            }
        }
        close_paragraph(&mut open, &mut paragraph, &mut found);
        found
    }

    /// [`all_marks`] as first written: one search for the marks.
    fn reference_marks(text: &str) -> Vec<(usize, char)> {
        let marks = ["(", ")", "\"", "“", "”"];
        let automaton = aho_corasick::AhoCorasick::new(marks).unwrap();
        automaton
            .find_iter(text)
            .filter_map(|m| Some((m.start(), text.get(m.start()..)?.chars().next()?)))
            .collect()
    }

    #[test]
    fn reading_only_lines_with_marks_changes_nothing() {
        let mut texts: Vec<String> = crate::templates::words::tests::sample_wordings();
        texts.push(texts.join("\n"));
        // Random texts of the chars that matter.
        let pieces = [
            "–", "≥", "\u{2000}", "(", ")", "“", "”", "\"", "\n", "\r\n", "\n\n", "\t", " ", "a",
            "B", "đ", "Á", "a)", "1)", "- ", "b) ", ";", "x", " \n", "12)",
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(state % 40) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            texts.push(text);
        }
        for text in &texts {
            assert_eq!(all_marks(text), reference_marks(text), "{text:?}");
            assert_eq!(unmatched(text), reference_unmatched(text), "{text:?}");
        }
    }

    fn found(text: &str) -> Vec<char> {
        unmatched(text).iter().map(|u| u.found).collect()
    }

    #[test]
    fn marks_of_the_whole_text_go_to_their_lines() {
        let text = "a (b\r\nc) “d”\r\n\r\n(e “f\n”";
        let spans: Vec<(usize, char)> = unmatched(text)
            .iter()
            .map(|u| (u.span.start, u.found))
            .collect();
        let at = |pattern: &str| text.find(pattern).unwrap();
        assert_eq!(
            spans,
            vec![
                (2, '('),
                (at("(e"), '('),
                (at("“f"), '“'),
                (text.len() - 3, '”')
            ]
        );
    }

    #[test]
    fn balanced_text_and_list_markers_are_fine() {
        assert!(
            found("a) Một (hai) “ba”\nb) Bốn; c) năm, 1) sáu\n(1) hạ tầng, (2) dữ liệu").is_empty()
        );
        assert!(found("sao lưu \"offline\" (tape/USB,..).").is_empty());
    }

    #[test]
    fn a_sentence_broken_across_lines_is_one_paragraph() {
        assert!(found("thực hiện phương châm “đi từng ngõ, gõ từng\n\nnhà”, hướng dẫn").is_empty());
    }

    #[test]
    fn unmatched_marks_are_found() {
        assert_eq!(found("doanh nghiệp)."), [')']);
        assert_eq!(found("(y tế, giáo dục;\n\nÁp dụng"), ['(']);
        assert_eq!(found("“Bình dân học vụ” và hồ sơ trực tuyến”."), ['”']);
        assert_eq!(found("sao lưu \"offline."), ['"']);
        assert_eq!(found("(y tế, giải trí;\n\na) Một (hai).\n\nb) Ba"), ['(']);
    }
}
