//! `lexicon` rules: near-misses of domain phrases. A run of words that is one
//! slip away from a phrase of the lexicon (`phrases:`) is reported with the
//! phrase as the likely meaning: one word differs from the phrase's word by
//! its diacritics (a tone mark swapped, missing or added: `chuyên đổi số`,
//! `hạ tăng số`) or, for words of three letters or more, by one letter
//! with the same tone (`thủ tục hành chín`). Tone placement styles (`hóa`/`hoá`) are no slip.
//! A fixed slip list only knows slips someone already saw; this finds the
//! same slips in any phrase of the lexicon.
//!
//! `exceptions:` are real words or phrases one slip away from a lexicon
//! phrase (`tiến độ` next to `tiến bộ`, `chi tiêu` next to `chỉ tiêu`): a
//! differing word inside one of them is not reported.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Applicability, Span};
use crate::rules::engine::{Check, CheckContext, Emitter};
use crate::rules::kinds::word_exceptions::WordExceptions;

mod pairs;

pub(crate) use crate::rules::kinds::word_table::PlanIds;
use crate::rules::kinds::word_table::{register, SharedSet, WordTable};
use crate::rules::lazy_regex::Compile;
use crate::rules::loader::RuleSpec;
use crate::rules::text::{
    fold, fold_char, match_case, one_edit_apart, one_line, split_tone, Word, Words,
};
use pairs::{Candidate, Pairs};

/// Words shorter than this (folded) may differ only by diacritics: one
/// letter off in a short word is too often another real word (`bộ`/`độ`).
const MIN_LETTERS_FOR_LETTER_SLIP: usize = 3;

#[derive(Debug)]
struct LexWord {
    lower: String,
    /// The word's number in [`LexiconCheck::word_ids`].
    id: u32,
    folded: String,
    /// Chars in `folded`.
    folded_chars: usize,
    /// First and last chars of `folded`: a text word within one slip of
    /// this word shares at least one of them (see [`fit`]).
    folded_ends: (char, char),
    toned: (String, Option<char>),
}

#[derive(Debug)]
struct Phrase {
    text: String,
    words: Vec<LexWord>,
    /// The numbers of `words`, side by side for the hot loop.
    ids: Vec<u32>,
}

/// A phrase whose first or second word is a given word, with what it takes
/// to rule most candidates out without looking at the phrase.
#[derive(Debug)]
struct Anchor {
    phrase: usize,
    /// 0 or 1: where the word is in the phrase.
    position: usize,
    /// Words in the phrase.
    len: usize,
    /// The number and the folded ends of the other of the first two words.
    other_id: u32,
    other_ends: (char, char),
}

#[derive(Debug)]
struct LexiconCheck {
    phrases: Vec<Phrase>,
    /// The distinct lower-case words of the lexicon, numbered.
    word_ids: WordTable,
    /// The same words in the plan's shared numbering (read from it when
    /// its numbers are these).
    shared: SharedSet,
    /// How many words `word_ids` has: any number not below it (as
    /// [`NOT_FOUND`](crate::rules::kinds::word_table::NOT_FOUND)) is no
    /// word of the lexicon.
    lex_len: u32,
    /// By word number: the other lexicon words it is the same as (another
    /// tone placement) or one slip from, with the [`Fit`]; any other word
    /// of the lexicon is [`Fit::Other`] to it.
    near: Vec<Vec<(u32, Fit)>>,
    /// By word number: where the word is the first or second word of a
    /// phrase (the near misses are found from [`Pairs`] made of them; the
    /// tests look from them as the check once did).
    #[cfg(test)]
    anchors: Vec<Vec<Anchor>>,
    pairs: Pairs,
    /// The phrases themselves, words joined by one space, lower case.
    known: HashSet<String>,
    exceptions: WordExceptions,
}

pub fn compile(spec: &RuleSpec, when: Compile) -> Result<Box<dyn Check>, String> {
    Ok(Box::new(build(spec, when)?))
}

fn build(spec: &RuleSpec, when: Compile) -> Result<LexiconCheck, String> {
    spec.only_params(&["phrases", "exceptions", "fix"])?;
    if spec.phrases.is_empty() {
        return Err("kind `lexicon` needs `phrases:` (the domain phrases)".into());
    }
    let mut phrases = Vec::new();
    let mut word_ids = WordTable::default();
    // The lexicon's words by number.
    let mut lex_words: Vec<&LexWord> = Vec::new();
    let mut anchors: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut known = HashSet::new();
    for text in &spec.phrases {
        let mut words: Vec<LexWord> = text
            .split_whitespace()
            .map(|w| {
                let lower = w.to_lowercase();
                let folded = fold(&lower);
                LexWord {
                    id: 0,
                    folded_chars: folded.chars().count(),
                    folded_ends: ends(&folded).unwrap_or_default(),
                    folded,
                    toned: split_tone(&lower),
                    lower,
                }
            })
            .collect();
        if words.len() < 2 {
            return Err(format!(
                "lexicon phrase `{text}` needs at least two words (one word alone has too many neighbours)"
            ));
        }
        let joined = words
            .iter()
            .map(|w| w.lower.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if !known.insert(joined) {
            return Err(format!("lexicon phrase `{text}` is listed twice"));
        }
        for (position, word) in words.iter_mut().enumerate() {
            word.id = word_ids.insert(&word.lower);
            if word.id as usize == anchors.len() {
                anchors.push(Vec::new());
            }
            if position < 2 {
                anchors[word.id as usize].push((phrases.len(), position));
            }
        }
        phrases.push(Phrase {
            text: text.clone(),
            ids: words.iter().map(|w| w.id).collect(),
            words,
        });
    }
    let anchors: Vec<Vec<Anchor>> = anchors
        .into_iter()
        .map(|list| {
            list.into_iter()
                .filter_map(|(p, j)| anchor(&phrases, p, j))
                .collect()
        })
        .collect();
    for word in phrases.iter().flat_map(|p| &p.words) {
        if word.id as usize == lex_words.len() {
            lex_words.push(word);
        }
    }
    let near = near_words(&lex_words);
    let pairs = Pairs::new(&anchors, &near);
    Ok(LexiconCheck {
        phrases,
        shared: register(word_ids.words(), false),
        lex_len: word_ids.words().len() as u32,
        word_ids,
        near,
        #[cfg(test)]
        anchors,
        pairs,
        known,
        exceptions: WordExceptions::with_compile(&spec.exceptions, when)?,
    })
}

fn anchor(phrases: &[Phrase], phrase: usize, position: usize) -> Option<Anchor> {
    let words = &phrases.get(phrase)?.words;
    let other = words.get(1 - position.min(1))?;
    Some(Anchor {
        phrase,
        position,
        len: words.len(),
        other_id: other.id,
        other_ends: other.folded_ends,
    })
}

/// How a text word stands to the lexicon word at the same place.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Fit {
    Same,
    Slip,
    Other,
}

/// How `lower` (a text word) stands to `lex`. `folded` is a buffer for the
/// word without diacritics (kept between calls to save allocations); the
/// tone split only when the letters are close.
fn fit(lower: &str, folded: &mut String, lex: &LexWord) -> Fit {
    if lower == lex.lower {
        return Fit::Same;
    }
    // Cheap rejection of most words before folding: a word is no slip
    // unless its folded form equals the lexicon word's, or is one edit from
    // it (both words then have `MIN_LETTERS_FOR_LETTER_SLIP` chars or
    // more); either way the two share their first or their last char.
    if shares_an_end(lower, lex.folded_ends) {
        fit_folded(lower, folded, lex)
    } else {
        Fit::Other
    }
}

/// The rejection in [`fit`] holds only when a letter slip needs two chars or
/// more: one edit cannot then change both the first and the last char.
const _: () = assert!(MIN_LETTERS_FOR_LETTER_SLIP >= 2);

/// [`fit`] from the folded form on.
fn fit_folded(lower: &str, folded: &mut String, lex: &LexWord) -> Fit {
    if lower == lex.lower {
        return Fit::Same;
    }
    // Folding keeps the number of chars: words more than one char apart
    // are neither the same folded nor one edit apart.
    if char_count(lower).abs_diff(lex.folded_chars) > 1 {
        return Fit::Other;
    }
    folded.clear();
    folded.extend(lower.chars().map(fold_char));
    let folded: &str = folded;
    let folded_equal = folded == lex.folded;
    if !folded_equal && folded.len().abs_diff(lex.folded.len()) > 1 {
        return Fit::Other;
    }
    let folded_chars = if folded.is_ascii() {
        folded.len()
    } else {
        folded.chars().count()
    };
    let letters = folded_chars.min(lex.folded_chars);
    let letter_slip = !folded_equal
        && letters >= MIN_LETTERS_FOR_LETTER_SLIP
        && folded.chars().all(|c| c.is_alphabetic())
        && one_edit_apart_fast(folded, &lex.folded)
        && one_edit_apart(lower, &lex.lower);
    if !folded_equal && !letter_slip {
        return Fit::Other;
    }
    let toned = split_tone(lower);
    if toned == lex.toned {
        Fit::Same // `hoá` for `hóa`: another accepted style
    } else if folded_equal {
        Fit::Slip
    } else if toned.1 == lex.toned.1 {
        // One letter off, same tone: `chín` for `chính`, not `Đảng` for
        // `đồng` (another letter and another tone is another word).
        Fit::Slip
    } else {
        Fit::Other
    }
}

/// The chars of `s`: its bytes that start one.
#[inline]
fn char_count(s: &str) -> usize {
    s.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

/// [`one_edit_apart`], byte by byte when both words are ASCII (as most
/// folded words are).
fn one_edit_apart_fast(a: &str, b: &str) -> bool {
    if !(a.is_ascii() && b.is_ascii()) {
        return one_edit_apart(a, b);
    }
    let (a, b) = if a.len() <= b.len() {
        (a.as_bytes(), b.as_bytes())
    } else {
        (b.as_bytes(), a.as_bytes())
    };
    if b.len() - a.len() > 1 {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (rest_a, rest_b) = (&a[prefix..], &b[prefix..]);
    let suffix = (rest_a.iter().rev())
        .zip(rest_b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (middle_a, middle_b) = (rest_a.len() - suffix, rest_b.len() - suffix);
    middle_a.max(middle_b) == 1 && middle_a <= 1
}

/// For each lexicon word, by number, the other words of the lexicon it is
/// not [`Fit::Other`] to, as [`fit`] says. Only words that share their first
/// or their last folded char can be more (see [`fit`]): those are tried.
fn near_words(words: &[&LexWord]) -> Vec<Vec<(u32, Fit)>> {
    let mut by_first: HashMap<char, Vec<u32>> = HashMap::new();
    let mut by_last: HashMap<char, Vec<u32>> = HashMap::new();
    for word in words {
        by_first
            .entry(word.folded_ends.0)
            .or_default()
            .push(word.id);
        by_last.entry(word.folded_ends.1).or_default().push(word.id);
    }
    let mut folded = String::new();
    words
        .iter()
        .map(|word| {
            let mut candidates: Vec<u32> = [
                by_first.get(&word.folded_ends.0),
                by_last.get(&word.folded_ends.1),
            ]
            .into_iter()
            .flatten()
            .flatten()
            .copied()
            .filter(|&other| other != word.id)
            .collect();
            candidates.sort_unstable();
            candidates.dedup();
            candidates
                .into_iter()
                .filter_map(|other| {
                    let lex = words.get(other as usize)?;
                    match fit(&word.lower, &mut folded, lex) {
                        Fit::Other => None,
                        fit => Some((other, fit)),
                    }
                })
                .collect()
        })
        .collect()
}

/// Whether `lower` folded has the first or the last char of `folded_ends`.
fn shares_an_end(lower: &str, folded_ends: (char, char)) -> bool {
    ends(lower).is_some_and(|(first, last)| {
        fold_char(first) == folded_ends.0 || fold_char(last) == folded_ends.1
    })
}

/// The first and last chars of `lower` folded, if it has any.
fn folded_ends(lower: &str) -> Option<(char, char)> {
    ends(lower).map(|(first, last)| (fold_char(first), fold_char(last)))
}

/// [`shares_an_end`], given the folded ends of the text word.
#[inline]
fn shares_folded_end(word_ends: Option<(char, char)>, folded_ends: (char, char)) -> bool {
    word_ends.is_some_and(|(first, last)| first == folded_ends.0 || last == folded_ends.1)
}

/// The first and last chars of `word`, if it has any.
fn ends(word: &str) -> Option<(char, char)> {
    let mut chars = word.chars();
    let first = chars.next()?;
    Some((first, chars.next_back().unwrap_or(first)))
}

/// A near miss and the anchors it was found from (see
/// [`LexiconCheck::near_misses`]): the first for its word, and its own.
struct Found {
    miss: NearMiss,
    first: (usize, u32),
    chosen: (usize, u32),
}

struct NearMiss {
    word: Span,
    /// The word's place in its segment.
    index: usize,
    run: Span,
    phrase: usize,
    position: usize,
}

impl LexiconCheck {
    /// Near-misses in one segment, at most one per differing word (the
    /// longest phrase wins; of two as long, the one first looked at from
    /// its anchors in text order), in the order their words were first
    /// found so.
    ///
    /// A phrase one slip away has its first or its second word written
    /// exactly, and the other of the two exactly or one slip off: each
    /// pair of words side by side gives the phrases to try from [`Pairs`].
    fn near_misses(
        &self,
        table: &Words,
        words: &[Word],
        (folded, ids): (&mut String, &[u32]),
        found: &mut Vec<Found>,
    ) {
        found.clear();
        // Phrases longer than the rest of the segment are not tried.
        let fits = |i: usize, c: &Candidate| i + c.len as usize <= words.len();
        let n = self.lex_len;
        for (i, pair) in ids.windows(2).enumerate() {
            let (x, y) = (pair[0], pair[1]);
            if x < n {
                if y < n {
                    if !self.pairs.maybe_both(x, y) {
                        continue;
                    }
                    for candidate in self.pairs.both(x, y).iter().filter(|c| fits(i, c)) {
                        self.try_phrase(table, words, ids, i, *candidate, folded, found);
                    }
                    continue;
                }
                let list = self.pairs.then_other(x);
                if list.is_empty() {
                    continue;
                }
                let other = words.get(i + 1).and_then(|w| folded_ends(table.lower(w)));
                for &(ends, candidate) in list {
                    if fits(i, &candidate) && shares_folded_end(other, ends) {
                        self.try_phrase(table, words, ids, i, candidate, folded, found);
                    }
                }
            } else if y < n {
                let list = self.pairs.other_then(y);
                if list.is_empty() {
                    continue;
                }
                let other = words.get(i).and_then(|w| folded_ends(table.lower(w)));
                for &(ends, candidate) in list {
                    if fits(i, &candidate) && shares_folded_end(other, ends) {
                        self.try_phrase(table, words, ids, i, candidate, folded, found);
                    }
                }
            }
        }
        if found.len() > 1 {
            found.sort_by_key(|f| f.first);
        }
    }

    /// Tries the phrase of `candidate` on the words from `start` on, and
    /// keeps a near miss in `found`.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn try_phrase(
        &self,
        table: &Words,
        words: &[Word],
        ids: &[u32],
        start: usize,
        candidate: Candidate,
        folded: &mut String,
        found: &mut Vec<Found>,
    ) {
        let Some(phrase) = self.phrases.get(candidate.phrase as usize) else {
            return;
        };
        let Some(run_ids) = ids.get(start..start + phrase.ids.len()) else {
            return;
        };
        // The first word not written as in the phrase: none (the phrase
        // written exactly) or one [`Fit::Other`] to its word, as most are,
        // rules the phrase out here (`try_run` would stop there too).
        let Some(k) = (0..run_ids.len()).find(|&k| run_ids[k] != phrase.ids[k]) else {
            return;
        };
        let (got, want) = (run_ids[k], &phrase.words[k]);
        let other = if got < self.lex_len {
            self.lexicon_fit(got, want.id) == Fit::Other
        } else {
            // No lexicon word: not the lexicon word's lower case, so
            // `fit` goes on to the ends.
            words
                .get(start + k)
                .is_none_or(|w| !shares_an_end(table.lower(w), want.folded_ends))
        };
        if other {
            return;
        }
        self.try_run(table, words, ids, start, candidate, folded, found);
    }

    /// [`LexiconCheck::try_phrase`] on a run that is not the phrase.
    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn try_run(
        &self,
        table: &Words,
        words: &[Word],
        ids: &[u32],
        start: usize,
        candidate: Candidate,
        folded: &mut String,
        found: &mut Vec<Found>,
    ) {
        let p = candidate.phrase as usize;
        let Some(phrase) = self.phrases.get(p) else {
            return;
        };
        let n = phrase.ids.len();
        let (Some(run), Some(run_ids)) = (words.get(start..start + n), ids.get(start..start + n))
        else {
            return;
        };
        let mut slip = None;
        // Words written exactly as in the phrase cost one comparison.
        for k in (0..n).filter(|&k| run_ids[k] != phrase.ids[k]) {
            let fit = if run_ids[k] >= self.lex_len {
                fit(table.lower(&run[k]), folded, &phrase.words[k])
            } else {
                self.lexicon_fit(run_ids[k], phrase.ids[k])
            };
            match fit {
                Fit::Same => {}
                Fit::Slip if slip.is_none() => slip = Some(k),
                _ => return,
            }
        }
        let Some(k) = slip else {
            return;
        };
        if run.iter().skip(1).any(|w| w.newline_before) {
            return;
        }
        let joined = run
            .iter()
            .map(|w| table.lower(w))
            .collect::<Vec<_>>()
            .join(" ");
        if self.known.contains(&joined) {
            return;
        }
        let (Some(first), Some(last)) = (run.first(), run.last()) else {
            return;
        };
        let miss = NearMiss {
            word: run[k].span,
            index: start + k,
            run: Span::new(first.span.start, last.span.end),
            phrase: p,
            position: k,
        };
        // Where the check once looked at the phrase from: its anchor.
        let key = (start + usize::from(candidate.second), candidate.order);
        match found.iter_mut().find(|f| f.miss.word == miss.word) {
            Some(existing) => {
                existing.first = existing.first.min(key);
                let existing_len = self.phrases[existing.miss.phrase].words.len();
                if n > existing_len || (n == existing_len && key < existing.chosen) {
                    existing.miss = miss;
                    existing.chosen = key;
                }
            }
            None => found.push(Found {
                miss,
                first: key,
                chosen: key,
            }),
        }
    }

    /// How lexicon word `id`, written in a text, stands to another lexicon
    /// word `lex` (what [`fit`] says, looked up).
    fn lexicon_fit(&self, id: u32, lex: u32) -> Fit {
        self.near
            .get(id as usize)
            .and_then(|near| near.iter().find(|&&(other, _)| other == lex))
            .map_or(Fit::Other, |&(_, fit)| fit)
    }
}

impl Check for LexiconCheck {
    fn check(&self, ctx: &CheckContext, out: &mut Emitter) {
        let mut exceptions = self.exceptions.in_text(ctx.views());
        let table = ctx.words();
        let mut folded = String::new();
        // The number of every word of the text, in one pass shared with
        // other rules, or in one of its own.
        let own: Vec<u32>;
        let all_ids = match self.shared.same_ids(&ctx.word_ids, table, ctx.text) {
            Some(ids) => ids,
            None => {
                own = (table.all().iter())
                    .map(|w| self.word_ids.get(table, ctx.text, w))
                    .collect();
                &own
            }
        };
        let mut found = Vec::new();
        let mut before = 0;
        let mut offset = 0;
        for words in table.segments() {
            let ids = all_ids
                .get(offset..offset + words.len())
                .unwrap_or_default();
            offset += words.len();
            if words.len() < 2 {
                // No phrase of two words or more here.
                before = words.len();
                continue;
            }
            self.near_misses(table, words, (&mut folded, ids), &mut found);
            for miss in found.iter().map(|f| &f.miss) {
                if exceptions.cover(words, before, miss.index, miss.index) {
                    continue;
                }
                let (Some(found_word), Some(found_run), Some(phrase)) = (
                    ctx.text.get(miss.word.start..miss.word.end),
                    ctx.text.get(miss.run.start..miss.run.end),
                    self.phrases.get(miss.phrase),
                ) else {
                    continue;
                };
                let Some(right) = phrase.words.get(miss.position) else {
                    continue;
                };
                let replacement = match_case(found_word, &right.lower);
                let diagnostic = out.emit_with_fix(
                    miss.word,
                    &replacement,
                    Applicability::Unsafe,
                    &[
                        ("found", &one_line(found_run)),
                        ("expected", &phrase.text),
                        ("word", found_word),
                        ("replacement", &replacement),
                    ],
                );
                if let Some(label) = diagnostic.labels.first_mut() {
                    label.span = miss.run;
                }
            }
            before = words.len();
        }
    }
}

#[cfg(test)]
mod tests;
