//! `repetition` rules: a word or a run of up to three words written twice in
//! a row (`Kế hoạch Kế hoạch`). Words compare with their diacritics (`vi vì`
//! is no repetition) but not their case. `exceptions:` are contexts where a
//! doubled syllable is Vietnamese (`hành vi vi phạm`, `quản lý lý lịch`,
//! `ngày ngày`).

use crate::diagnostic::{Applicability, Span};
use crate::rules::engine::{Check, CheckContext, Emitter};
use crate::rules::kinds::word_exceptions::WordExceptions;
use crate::rules::lazy_regex::Compile;
use crate::rules::loader::RuleSpec;
use crate::rules::text::{Word, Words};

/// Longest run of words looked for twice.
const MAX_RUN: usize = 3;

#[derive(Debug)]
struct RepetitionCheck {
    exceptions: WordExceptions,
}

pub fn compile(spec: &RuleSpec, when: Compile) -> Result<Box<dyn Check>, String> {
    spec.only_params(&["exceptions", "fix"])?;
    Ok(Box::new(RepetitionCheck {
        exceptions: WordExceptions::with_compile(&spec.exceptions, when)?,
    }))
}

/// Length of the doubled run starting at `i` (the first copy), if any; the
/// longest run wins so `Kế hoạch Kế hoạch` is one finding, not two.
fn doubled_run(table: &Words, words: &[Word], i: usize) -> Option<usize> {
    let hash = words.get(i)?.hash;
    (1..=MAX_RUN).rev().find(|&n| {
        // Cheapest test first: most words differ from the one n places on,
        // and equal words have equal hashes.
        if words.get(i + n).is_none_or(|w| w.hash != hash) {
            return false;
        }
        let (Some(first), Some(second)) = (words.get(i..i + n), words.get(i + n..i + 2 * n)) else {
            return false;
        };
        first.iter().zip(second).all(|(a, b)| table.same(a, b))
            && !second.iter().any(|w| w.newline_before)
            && first.iter().all(|w| table.has_letter(w))
    })
}

/// The first word from `from` on with the same hash as one of the
/// [`MAX_RUN`] words after it: the test that turns away almost every word,
/// in a loop of its own.
fn next_candidate(words: &[Word], from: usize) -> Option<usize> {
    let rest = words.get(from..)?;
    let same_ahead = |w: &[Word]| w[1..].iter().any(|x| x.hash == w[0].hash);
    let full = rest
        .windows(MAX_RUN + 1)
        .position(|w| w[0].hash == w[1].hash || w[0].hash == w[2].hash || w[0].hash == w[3].hash);
    if let Some(at) = full {
        return Some(from + at);
    }
    // The last words, with fewer than `MAX_RUN` after them.
    let tail = rest.len().saturating_sub(MAX_RUN);
    (tail..rest.len())
        .find(|&at| same_ahead(&rest[at..]))
        .map(|at| from + at)
}

/// The windows in [`next_candidate`] have `MAX_RUN + 1` words.
const _: () = assert!(MAX_RUN == 3);

impl Check for RepetitionCheck {
    fn check(&self, ctx: &CheckContext, out: &mut Emitter) {
        let mut exceptions = self.exceptions.in_text(ctx.views());
        let table = ctx.words();
        // Candidates are looked for in all words at once (a loop without
        // the cost of a segment), then tried in their segment.
        let all = table.all();
        let mut segments = table.segments();
        let (mut words, mut start, mut before): (&[Word], usize, usize) = (&[], 0, 0);
        let mut from = 0;
        while let Some(candidate) = next_candidate(all, from) {
            while candidate >= start + words.len() {
                let Some(next) = segments.next() else {
                    return;
                };
                (before, start, words) = (words.len(), start + words.len(), next);
            }
            let i = candidate - start;
            let Some(n) = doubled_run(table, words, i) else {
                from = candidate + 1;
                continue;
            };
            let (first, second) = (&words[i], &words[i + n]);
            let last = &words[i + 2 * n - 1];
            let whole = Span::new(first.span.start, last.span.end);
            if !exceptions.cover(words, before, i, i + 2 * n - 1) {
                let found = ctx.text.get(whole.start..whole.end).unwrap_or("");
                let word = ctx
                    .text
                    .get(first.span.start..words[i + n - 1].span.end)
                    .unwrap_or("");
                // The fix drops the first copy and the space after it.
                let drop = Span::new(first.span.start, second.span.start);
                let diagnostic = out.emit_with_fix(
                    drop,
                    "",
                    Applicability::Unsafe,
                    &[("found", found), ("word", word), ("expected", word)],
                );
                if let Some(label) = diagnostic.labels.first_mut() {
                    label.span = whole;
                }
            }
            from = candidate + 2 * n;
        }
    }
}
