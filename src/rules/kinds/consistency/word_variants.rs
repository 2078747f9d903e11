//! The spellings of a `consistency` rule found on the word view instead of
//! by the phrase matcher: one hash look-up per word of the plan instead of a
//! key search, a regex run and a key per occurrence.
//!
//! This finds what [`PhraseMatcher::find_all`] finds, for the groups it
//! takes ([`WordVariants::takes`]): spellings that are words of plain Latin
//! letters, matched ignoring case and keeping diacritics, none the start of
//! another. There a match of the matcher (a case-insensitive literal with
//! whitespace between its words, at word boundaries) is a run of words of
//! the text with the spelling's lower-case words, separated by spaces and at
//! most one line break; the tests below check the facts about Unicode this
//! rests on.
//!
//! [`PhraseMatcher::find_all`]: crate::rules::text::PhraseMatcher::find_all

use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};

use crate::diagnostic::Span;
use crate::rules::kinds::word_table::{register, PlanIds, SharedSet, WordTable, NOT_FOUND};
use crate::rules::text::{at_word_boundaries, is_word_char, key, Word, Words};

#[derive(Debug, Default)]
pub(crate) struct WordVariants {
    /// The first words of the spellings.
    firsts: WordTable,
    /// By the number of a first word: the spellings that start with it.
    starts: Vec<Vec<Start>>,
    /// The first words in the plan's shared numbering, once recorded
    /// there ([`WordVariants::share`]).
    shared: Option<SharedSet>,
}

#[derive(Debug)]
struct Start {
    group: usize,
    variant: usize,
    /// The spelling's other words, lower case.
    rest: Vec<String>,
}

impl WordVariants {
    /// Whether the spellings of a group (matched ignoring case, keeping
    /// diacritics) can be found on the word view.
    pub fn takes(variants: &[String]) -> bool {
        Self::takes_without(variants).is_some_and(|odd| odd.is_empty())
    }

    /// As [`WordVariants::takes`], in a text without the chars given back:
    /// ignoring case a regex matches `ſ` for `s`, though the lower case of
    /// `ſ` is `ſ`, so spellings with an `s` are found on the word view only
    /// in a text without `ſ`.
    pub fn takes_without(variants: &[String]) -> Option<Vec<char>> {
        let keys: Vec<String> = variants.iter().map(|v| key(v, true, false)).collect();
        let mut odd = Vec::new();
        for c in variants
            .iter()
            .flat_map(|v| v.split_whitespace())
            .flat_map(str::chars)
        {
            odd.extend(odd_case_partners(c)?);
        }
        odd.sort_unstable();
        odd.dedup();
        // At one place the matcher takes the longest spelling that matches,
        // even when it ends inside a word and a shorter one would not: a
        // spelling that starts another one is left to it.
        let prefix_free = keys.iter().enumerate().all(|(i, a)| {
            keys.iter()
                .enumerate()
                .all(|(j, b)| i == j || !b.starts_with(a.as_str()))
        });
        (prefix_free && keys.iter().all(|k| !k.is_empty())).then_some(odd)
    }

    /// Adds the spellings of group `group` (one [`WordVariants::takes`]).
    pub fn add(&mut self, group: usize, variants: &[String]) {
        for (variant, spelling) in variants.iter().enumerate() {
            let key = key(spelling, true, false);
            let mut words = key.split(' ').map(str::to_owned);
            let Some(first) = words.next() else {
                continue;
            };
            let id = self.firsts.insert(&first) as usize;
            if id == self.starts.len() {
                self.starts.push(Vec::new());
            }
            self.starts[id].push(Start {
                group,
                variant,
                rest: words.collect(),
            });
        }
    }

    /// Records the first words in the plans' shared numbering (once all
    /// spellings are added): [`WordVariants::find_all`] then reads where
    /// they are from it.
    pub fn share(&mut self) {
        if !self.starts.is_empty() {
            self.shared = Some(register(self.firsts.words(), true));
        }
    }

    /// Every use of a spelling in `text`, by group (`groups` lists), as
    /// (span, index of the spelling); a use that overlaps the one before in
    /// its group is skipped, as the matcher does. `plan` is the plan's
    /// shared numbering.
    pub fn find_all(
        &self,
        table: &Words,
        text: &str,
        plan: &PlanIds,
        groups: usize,
    ) -> Vec<Vec<(Span, usize)>> {
        let mut found: Vec<Vec<(Span, usize)>> = vec![Vec::new(); groups];
        if self.starts.is_empty() {
            return found;
        }
        // The segments one after the other: the matcher does not know
        // segments.
        let words = table.all();
        let hits = (self.shared.as_ref()).and_then(|set| set.hits(plan, table, text));
        match hits {
            Some(hits) => {
                for (i, id) in hits {
                    self.uses_at(table, text, words, i, id, &mut found);
                }
            }
            None => {
                let mut next = 0;
                // Most words fail the table's filter: they are skipped in a
                // loop of their own.
                while let Some(skipped) = words
                    .get(next..)
                    .and_then(|rest| self.firsts.first_maybe(rest))
                {
                    let i = next + skipped;
                    next = i + 1;
                    let id = self.firsts.get(table, text, &words[i]);
                    if id != NOT_FOUND {
                        self.uses_at(table, text, words, i, id, &mut found);
                    }
                }
            }
        }
        found
    }

    /// The uses of spellings whose first word is `words[i]`, first word
    /// number `id`, added to `found` (see [`WordVariants::find_all`]).
    fn uses_at(
        &self,
        table: &Words,
        text: &str,
        words: &[Word],
        i: usize,
        id: u32,
        found: &mut [Vec<(Span, usize)>],
    ) {
        let word = &words[i];
        if let Some(starts) = self.starts.get(id as usize) {
            for start in starts {
                let after = words.get(i + 1..).unwrap_or_default().iter();
                let Some(end) = match_end(table, text, word, after, &start.rest) else {
                    continue;
                };
                let span = Span::new(word.span.start, end);
                let Some(list) = found.get_mut(start.group) else {
                    continue;
                };
                if list.last().is_some_and(|(last, _)| last.end > span.start) {
                    continue;
                }
                if at_bounds(text, span) {
                    list.push((span, start.variant));
                }
            }
        }
    }
}

impl WordVariants {
    /// Whether a use of a spelling overlaps words `from..=to` of `segment`,
    /// all groups taken as one: what [`WordVariants::find_all`] finds with
    /// one group, for a segment no use crosses into or out of (the text
    /// between it and the words around it is no phrase space).
    pub fn covers(
        &self,
        table: &Words,
        text: &str,
        segment: &[Word],
        from: usize,
        to: usize,
    ) -> bool {
        // The first word a use may start at: uses do not overlap.
        let mut free = 0;
        for (j, word) in segment.iter().enumerate().take(to.saturating_add(1)) {
            if j < free {
                continue;
            }
            let id = self.firsts.get(table, text, word);
            if id == NOT_FOUND {
                continue;
            }
            for start in &self.starts[id as usize] {
                let after = segment.get(j + 1..).unwrap_or_default().iter();
                let Some(end) = match_end(table, text, word, after, &start.rest) else {
                    continue;
                };
                if at_bounds(text, Span::new(word.span.start, end)) {
                    let last = j + start.rest.len();
                    if last >= from {
                        return true;
                    }
                    free = last + 1;
                    break;
                }
            }
        }
        false
    }
}

/// Where the spelling whose first word is `first` and other words `rest`
/// ends, if the words after `first` are `rest`.
fn match_end<'w>(
    table: &Words,
    text: &str,
    first: &Word,
    mut after: impl Iterator<Item = &'w Word>,
    rest: &[String],
) -> Option<usize> {
    let mut end = first.span.end;
    for expected in rest {
        let next = after.next()?;
        let gap = text.get(end..next.span.start)?;
        if !phrase_space(gap) || table.lower(next) != expected {
            return None;
        }
        end = next.span.end;
    }
    Some(end)
}

/// Whether `span`, a run of words of `text`, is at word boundaries: surely
/// when the chars around it are ASCII (the word view left them out, so they
/// are no letters or digits), else as [`at_word_boundaries`] says (the
/// standard library knows more word chars than the word view).
fn at_bounds(text: &str, span: Span) -> bool {
    let bytes = text.as_bytes();
    let ascii_before = span.start == 0 || bytes.get(span.start - 1).is_some_and(u8::is_ascii);
    let ascii_after = bytes.get(span.end).is_none_or(u8::is_ascii);
    (ascii_before && ascii_after) || at_word_boundaries(text, span)
}

/// Whether `gap` is what the whitespace of a phrase matches: spaces (or
/// no-break spaces), or one line break with spaces around it.
fn phrase_space(gap: &str) -> bool {
    let rest = gap.trim_start_matches([' ', '\u{A0}']);
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'));
    match rest {
        Some(rest) => rest.trim_start_matches([' ', '\u{A0}']).is_empty(),
        None => !gap.is_empty() && gap.trim_start_matches([' ', '\u{A0}']).is_empty(),
    }
}

/// For a letter or digit of ASCII or the Latin blocks of Vietnamese with a
/// one-char lower case that a case-insensitive regex matches for it, the
/// chars the regex matches for it whose lower case is another (`ſ` for
/// `s`); `None` for any other char.
fn odd_case_partners(c: char) -> Option<Vec<char>> {
    let latin = c.is_ascii_alphanumeric()
        || ('\u{C0}'..='\u{24F}').contains(&c)
        || ('\u{1E00}'..='\u{1EFF}').contains(&c);
    let lower = single_lower(c)?;
    let orbit = case_orbit(c);
    if !latin || !is_word_char(c) || !orbit.contains(&lower) {
        return None;
    }
    Some(
        orbit
            .into_iter()
            .filter(|&x| single_lower(x) != Some(lower))
            .collect(),
    )
}

/// `c` lower-cased, when that is one char.
fn single_lower(c: char) -> Option<char> {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => Some(l),
        _ => None,
    }
}

/// The chars a case-insensitive regex matches for `c`.
fn case_orbit(c: char) -> Vec<char> {
    let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
    class.case_fold_simple();
    class
        .iter()
        .flat_map(|r| (u32::from(r.start())..=u32::from(r.end())).filter_map(char::from_u32))
        .collect()
}

#[cfg(test)]
mod tests;
