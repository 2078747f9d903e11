//! `consistency` rules: groups of accepted spellings (`Tỷ lệ`/`Tỉ lệ`,
//! `hóa`/`hoá`) that must not be mixed within one plan. The spelling used
//! most often wins (ties: the one listed first); every use of another is
//! reported, naming the line of the winner's first use.

use std::sync::OnceLock;

use crate::diagnostic::{Applicability, Span};
use crate::rules::engine::{Check, CheckContext, Emitter};
use crate::rules::lazy_regex::Compile;
use crate::rules::loader::RuleSpec;
use crate::rules::text::{match_case, one_line, Exceptions, JointSearch, PhraseMatcher};

pub(crate) mod word_variants;

use word_variants::WordVariants;

#[derive(Debug)]
struct Group {
    variants: Vec<String>,
    matcher: PhraseMatcher,
}

#[derive(Debug)]
struct ConsistencyCheck {
    groups: Vec<Group>,
    /// The groups found on the word view, and the others (by index).
    by_words: WordVariants,
    by_matcher: Vec<usize>,
    /// One key search for the groups in `by_matcher`, made on first use
    /// (`None` when the groups cannot share one).
    joint: OnceLock<Option<JointSearch>>,
    exceptions: Exceptions,
    ignore_case: bool,
}

pub fn compile(spec: &RuleSpec, when: Compile) -> Result<Box<dyn Check>, String> {
    spec.only_params(&[
        "variants",
        "ignore_case",
        "fold_diacritics",
        "fix",
        "exceptions",
    ])?;
    if spec.variants.is_empty() {
        return Err("kind `consistency` needs `variants:` (a list of groups of spellings)".into());
    }
    let mut groups = Vec::new();
    let mut by_words = WordVariants::default();
    let mut by_matcher = Vec::new();
    for variants in &spec.variants {
        if variants.len() < 2 {
            return Err(format!(
                "a `variants:` group needs at least two spellings: {variants:?}"
            ));
        }
        groups.push(Group {
            variants: variants.clone(),
            matcher: PhraseMatcher::with_compile(
                variants,
                spec.ignore_case,
                spec.fold_diacritics,
                when,
            )?,
        });
        if spec.ignore_case && !spec.fold_diacritics && WordVariants::takes(variants) {
            by_words.add(groups.len() - 1, variants);
        } else {
            by_matcher.push(groups.len() - 1);
        }
    }
    by_words.share();
    Ok(Box::new(ConsistencyCheck {
        groups,
        by_words,
        by_matcher,
        joint: OnceLock::new(),
        exceptions: Exceptions::with_compile(&spec.exceptions, when)?,
        ignore_case: spec.ignore_case,
    }))
}

impl Check for ConsistencyCheck {
    fn check(&self, ctx: &CheckContext, out: &mut Emitter) {
        let exceptions = self.exceptions.spans(ctx.views());
        let mut found_by_group =
            self.by_words
                .find_all(ctx.words(), ctx.text, &ctx.word_ids, self.groups.len());
        if !self.by_matcher.is_empty() {
            let matchers: Vec<&PhraseMatcher> = (self.by_matcher.iter())
                .map(|&g| &self.groups[g].matcher)
                .collect();
            let found = match self.joint.get_or_init(|| JointSearch::new(&matchers)) {
                Some(joint) => joint.find_all(&matchers, ctx.views()),
                None => matchers.iter().map(|m| m.find_all(ctx.views())).collect(),
            };
            for (&group, found) in self.by_matcher.iter().zip(found) {
                found_by_group[group] = found;
            }
        }
        for (group, found) in self.groups.iter().zip(found_by_group) {
            let found: Vec<(Span, usize)> = found
                .into_iter()
                .filter(|(span, _)| !exceptions.cover(*span))
                .collect();
            let mut counts = vec![0usize; group.variants.len()];
            for &(_, index) in &found {
                if let Some(count) = counts.get_mut(index) {
                    *count += 1;
                }
            }
            if counts.iter().filter(|&&c| c > 0).count() < 2 {
                continue;
            }
            // Most used wins; on a tie the first listed (max_by_key keeps the last max).
            let Some((winner, &winner_count)) = counts
                .iter()
                .enumerate()
                .rev()
                .max_by_key(|&(_, count)| *count)
            else {
                continue;
            };
            let Some(first_winner) = found.iter().find(|(_, i)| *i == winner).map(|f| f.0) else {
                continue;
            };
            let expected = &group.variants[winner];
            let winner_count = winner_count.to_string();
            // The first use of the winner is named by its line: a second
            // label far away would split the finding into two snippets.
            let line = ctx
                .text
                .get(..first_winner.start)
                .map(|before| (before.matches('\n').count() + 1).to_string())
                .unwrap_or_default();
            for &(span, index) in found.iter().filter(|(_, i)| *i != winner) {
                let Some(text) = ctx.text.get(span.start..span.end) else {
                    continue;
                };
                let replacement = if self.ignore_case {
                    match_case(text, expected)
                } else {
                    expected.clone()
                };
                let found_count = counts.get(index).copied().unwrap_or(0).to_string();
                out.emit_with_fix(
                    span,
                    &replacement,
                    Applicability::Safe,
                    &[
                        ("found", &one_line(text)),
                        ("expected", &replacement),
                        ("found_count", &found_count),
                        ("expected_count", &winner_count),
                        ("line", &line),
                    ],
                );
            }
        }
    }
}
