//! The `exceptions:` of a rule, tested where a finding is. A rule that finds
//! little need not find every exception in the whole text: when the
//! exceptions are literal spellings the word view can find
//! ([`WordVariants::takes_without`]), the ones that overlap a finding are
//! found in its segment alone. Uses of a phrase are runs of words with phrase
//! space between them and never overlap, the earliest winning; the text
//! between two segments is no phrase space (it has punctuation, a tab or a
//! blank line), so which uses a segment has depends on its words alone,
//! unless a segment was cut for its length ([`MAX_SEGMENT_WORDS`]). Then,
//! and for other exceptions, all exceptions of the text are found, once.

use crate::diagnostic::Span;
use crate::rules::kinds::consistency::word_variants::WordVariants;
use crate::rules::lazy_regex::Compile;
use crate::rules::text::{ExceptionSpans, Exceptions, TextViews, Word, MAX_SEGMENT_WORDS};

#[derive(Debug)]
pub struct WordExceptions {
    all: Exceptions,
    /// The exceptions as spellings on the word view, when they can be, with
    /// the chars that keep them from being in a segment that has one.
    words: Option<(WordVariants, Vec<char>)>,
}

impl WordExceptions {
    pub fn with_compile(entries: &[String], when: Compile) -> Result<Self, String> {
        let all = Exceptions::with_compile(entries, when)?;
        let words = if entries.iter().any(|e| e.starts_with("re:")) {
            None
        } else {
            WordVariants::takes_without(entries).map(|odd| {
                let mut variants = WordVariants::default();
                variants.add(0, entries);
                (variants, odd)
            })
        };
        Ok(WordExceptions { all, words })
    }

    /// The exceptions of one text, for [`InText::cover`].
    pub fn in_text<'a, 't>(&'a self, views: &'a TextViews<'t>) -> InText<'a, 't> {
        InText {
            exceptions: self,
            views,
            spans: None,
        }
    }
}

/// The exceptions of one text, looked for where they are asked about.
pub struct InText<'a, 't> {
    exceptions: &'a WordExceptions,
    views: &'a TextViews<'t>,
    /// Every exception of the text, found on the first question the word
    /// view cannot answer.
    spans: Option<ExceptionSpans<'a, 't>>,
}

impl InText<'_, '_> {
    /// Whether an exception overlaps words `from..=to` of `segment`, a
    /// segment of the text's word view that follows a segment of
    /// `before` words (0 for the first): what
    /// [`ExceptionSpans::cover`] says for their span.
    pub fn cover(&mut self, segment: &[Word], before: usize, from: usize, to: usize) -> bool {
        let (Some(first), Some(last)) = (segment.get(from), segment.get(to)) else {
            return false;
        };
        let span = Span::new(first.span.start, last.span.end);
        let text = self.views.text;
        if let Some((variants, odd)) = &self.exceptions.words {
            let whole = match (segment.first(), segment.last()) {
                (Some(a), Some(b)) => text.get(a.span.start..b.span.end).unwrap_or(""),
                _ => "",
            };
            let cut = before >= MAX_SEGMENT_WORDS || segment.len() >= MAX_SEGMENT_WORDS;
            if !cut && !odd.iter().any(|&c| whole.contains(c)) {
                return variants.covers(self.views.words(), text, segment, from, to);
            }
        }
        let views = self.views;
        let all = &self.exceptions.all;
        self.spans
            .get_or_insert_with(|| all.spans(views))
            .cover(span)
    }
}

#[cfg(test)]
mod tests;
