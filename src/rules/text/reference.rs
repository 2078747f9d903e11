//! The regex-based segmenter [`Words`] replaced, kept to test against.

use std::borrow::Cow;

use super::{word_regex, Span, MAX_SEGMENT_WORDS};

pub struct Word<'a> {
    pub span: Span,
    pub lower: Cow<'a, str>,
    pub newline_before: bool,
}

fn lower_case(word: &str) -> Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

pub fn segments(text: &str) -> Segments<'_> {
    Segments { text, pos: 0 }
}

pub struct Segments<'a> {
    text: &'a str,
    pos: usize,
}

enum Gap {
    Space,
    LineBreak,
    Break,
}

fn gap(between: &str) -> Gap {
    let mut newlines = 0;
    for c in between.chars() {
        match c {
            '\n' => newlines += 1,
            '\t' => return Gap::Break,
            c if c.is_whitespace() => {}
            _ => return Gap::Break,
        }
    }
    match newlines {
        0 => Gap::Space,
        1 => Gap::LineBreak,
        _ => Gap::Break,
    }
}

impl<'a> Iterator for Segments<'a> {
    type Item = Vec<Word<'a>>;

    fn next(&mut self) -> Option<Vec<Word<'a>>> {
        let text: &'a str = self.text;
        if self.pos > text.len() {
            return None;
        }
        let mut words: Vec<Word<'a>> = Vec::new();
        let mut last_end = self.pos;
        for m in word_regex().find_iter(text.get(self.pos..)?) {
            let (start, end) = (self.pos + m.start(), self.pos + m.end());
            let between = text.get(last_end..start).unwrap_or("");
            let newline_before = match gap(between) {
                Gap::Break if !words.is_empty() => {
                    self.pos = start;
                    return Some(words);
                }
                Gap::LineBreak => !words.is_empty(),
                _ => false,
            };
            words.push(Word {
                span: Span::new(start, end),
                lower: lower_case(m.as_str()),
                newline_before,
            });
            last_end = end;
            if words.len() >= MAX_SEGMENT_WORDS {
                self.pos = end;
                return Some(words);
            }
        }
        self.pos = text.len() + 1;
        if words.is_empty() {
            None
        } else {
            Some(words)
        }
    }
}
