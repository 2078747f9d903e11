//! Unbalanced brackets and quotes per paragraph. A paragraph is a line, or
//! several when a sentence broken by a page break goes on in lowercase on a
//! later line. List markers (`a)`, `1)`) close nothing.

use crate::document::model::Span;
use crate::rules::kinds::outline::lines;

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

pub fn unmatched(text: &str) -> Vec<Unmatched> {
    let mut found = Vec::new();
    // Opening marks still waiting, carried into a continuation line.
    let mut open: Vec<(char, usize)> = Vec::new();
    let all: Vec<(usize, &str)> = lines(text).collect();
    for (index, &(start, line)) in all.iter().enumerate() {
        scan_line(start, line, &mut open, &mut found);
        let continues = all
            .iter()
            .skip(index + 1)
            .map(|(_, l)| l.trim_start())
            .find(|l| !l.is_empty())
            .is_some_and(|l| {
                l.chars().next().is_some_and(char::is_lowercase) && !starts_with_marker(l)
            });
        if !(continues && !open.is_empty() && !line.contains('\t')) {
            report_open(&mut open, &mut found);
        }
    }
    report_open(&mut open, &mut found);
    found.sort_by_key(|u| u.span.start);
    found
}

fn report_open(open: &mut Vec<(char, usize)>, found: &mut Vec<Unmatched>) {
    for (c, at) in open.drain(..) {
        found.push(Unmatched {
            span: Span::new(at, at + c.len_utf8()),
            found: c,
            expected: partner(c).unwrap_or(c),
        });
    }
}

fn scan_line(start: usize, line: &str, open: &mut Vec<(char, usize)>, found: &mut Vec<Unmatched>) {
    for (i, c) in line.char_indices() {
        let at = start + i;
        match c {
            '(' | '“' => open.push((c, at)),
            '"' => match open.iter().rposition(|(o, _)| *o == '"') {
                Some(p) => {
                    open.remove(p);
                }
                None => open.push((c, at)),
            },
            ')' if is_leading_marker(&line[..i + 1]) => {}
            ')' | '”' => {
                let wanted = partner(c).unwrap_or(c);
                match open.iter().rposition(|(o, _)| *o == wanted) {
                    Some(p) => {
                        open.remove(p);
                    }
                    None if c == ')' && is_list_marker(&line[..i]) => {}
                    None => found.push(Unmatched {
                        span: Span::new(at, at + c.len_utf8()),
                        found: c,
                        expected: wanted,
                    }),
                }
            }
            _ => {}
        }
    }
}

/// `prefix` is exactly a leading list marker (`a)`, `- 1)`).
fn is_leading_marker(prefix: &str) -> bool {
    starts_with_marker(prefix) && prefix.trim_end().ends_with(')') && {
        let content =
            prefix.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '+' | '*'));
        content.chars().filter(|c| *c == ')').count() == 1
            && content.chars().take_while(|c| c.is_alphanumeric()).count() + 1
                == content.chars().count()
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

    fn found(text: &str) -> Vec<char> {
        unmatched(text).iter().map(|u| u.found).collect()
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
