//! Matching indicator wordings. Drafters reword the template's indicators
//! ("Tỷ lệ phủ sóng 5G trên địa bàn xã" → "Tăng cường phủ sóng 5G trên địa
//! bàn"), so names are compared as sets of diacritic-folded words, with
//! acronyms expanded, synonyms unified and filler words dropped; rare words
//! weigh more than common ones. Rows are then assigned one-to-one to
//! indicators, best pairs first; weak or ambiguous pairs stay *doubtful*.

use std::collections::{HashMap, HashSet};

use super::vocabulary::Vocabulary;
use super::words::{self, FxHashMap, Lookup, WordInfo, NO_ID};
use super::Template;

pub use super::fold::{fold, fold_into};
pub use super::words::tokens;

/// A pair scoring at least this is a match.
pub const MATCH: f64 = 0.72;
/// Below this a pair is no match at all; between the two it is doubtful.
pub const DOUBTFUL: f64 = 0.55;
/// A second indicator scoring this close to the best makes a pair doubtful.
pub const AMBIGUITY_MARGIN: f64 = 0.06;

/// One template's indicators ready to be compared with rows. Words are
/// numbered once per template; a row is scored only against the indicators
/// that share a word with it (the others score 0, below [`DOUBTFUL`]).
#[derive(Debug, Clone)]
pub struct Matcher {
    indicators: Vec<Terms>,
    /// Every word of a name, alias or keyword → its number; and every word
    /// starting a phrase of the tokeniser's tables (numbered or not), so
    /// one lookup tells the tokeniser all it needs.
    vocabulary: Vocabulary,
    /// Weight of each numbered word (keyword-only words weigh as unknown).
    weights: Vec<f64>,
    /// Indicators whose name or aliases use each numbered word, ascending.
    users: Vec<Vec<u32>>,
    /// Each indicator's lightest phrase weight (of phrases weighing more
    /// than 0; infinite when none): bounds its recall from above.
    min_total: Vec<f64>,
    /// Weight of a word no indicator uses.
    unknown_weight: f64,
}

/// Rows' words ready for scoring.
#[derive(Default)]
struct Rows {
    /// Numbers of the rows' known words, row after row.
    words: Vec<u32>,
    /// Each row's words in `words`, and its weight.
    rows: Vec<(usize, usize, f64)>,
}

impl Rows {
    fn len(&self) -> usize {
        self.rows.len()
    }

    fn get(&self, row: usize) -> (&[u32], f64) {
        let (start, end, weight) = self.rows[row];
        (&self.words[start..end], weight)
    }
}

#[derive(Debug, Clone)]
struct Terms {
    /// Name and aliases, each as numbered words with their total weight.
    phrases: Vec<(Vec<u32>, f64)>,
    /// Each keyword's words must all appear.
    keywords: Vec<Vec<u32>>,
}

/// The best indicator for one row and how sure that is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    pub row: usize,
    pub indicator: usize,
    pub score: f64,
    /// Weak, or another free indicator scored almost as well.
    pub doubtful: bool,
    /// The closest other indicator, when it made the pair doubtful.
    pub runner_up: Option<(usize, f64)>,
}

/// A row that matches an indicator already taken by an earlier row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Duplicate {
    pub row: usize,
    pub indicator: usize,
    pub first_row: usize,
    pub score: f64,
}

#[derive(Debug, Clone, Default)]
pub struct Assignment {
    pub pairs: Vec<Pair>,
    pub duplicates: Vec<Duplicate>,
}

impl Matcher {
    pub fn new(template: &Template) -> Self {
        // Per indicator: its name and aliases, and its keywords, as words.
        type Words = Vec<Vec<String>>;
        let words: Vec<(Words, Words)> = template
            .indicators
            .iter()
            .map(|indicator| {
                (
                    std::iter::once(&indicator.name)
                        .chain(&indicator.aliases)
                        .map(|p| tokens(p))
                        .filter(|t| !t.is_empty())
                        .collect(),
                    indicator
                        .keywords
                        .iter()
                        .map(|k| tokens(k))
                        .filter(|t| !t.is_empty())
                        .collect(),
                )
            })
            .collect();
        // Inverse document frequency over indicators: `5g` identifies one
        // indicator, `thu tuc hanh chinh` many.
        let mut frequency: HashMap<&str, usize> = HashMap::new();
        for (phrases, _) in &words {
            let distinct: HashSet<&str> = phrases.iter().flatten().map(String::as_str).collect();
            for word in distinct {
                *frequency.entry(word).or_default() += 1;
            }
        }
        let count = words.len().max(1) as f64;
        let unknown_weight = (1.0 + count).ln();
        let mut vocabulary: FxHashMap<String, WordInfo> = FxHashMap::default();
        let mut weights: Vec<f64> = Vec::new();
        let mut users: Vec<Vec<u32>> = Vec::new();
        let mut number = |word: &str| -> u32 {
            if let Some(info) = vocabulary.get(word) {
                return info.id;
            }
            let id = weights.len() as u32;
            vocabulary.insert(word.to_owned(), WordInfo::numbered(word, id));
            weights.push(
                frequency
                    .get(word)
                    .map(|&n| (1.0 + count / n as f64).ln())
                    .unwrap_or(unknown_weight),
            );
            users.push(Vec::new());
            id
        };
        let mut indicators = Vec::with_capacity(words.len());
        let mut uses: Vec<(u32, u32)> = Vec::new();
        for (index, (phrases, keywords)) in words.iter().enumerate() {
            let phrases: Vec<Vec<u32>> = phrases
                .iter()
                .map(|p| p.iter().map(|w| number(w)).collect())
                .collect();
            let keywords: Vec<Vec<u32>> = keywords
                .iter()
                .map(|k| k.iter().map(|w| number(w)).collect())
                .collect();
            for &word in phrases.iter().flatten() {
                uses.push((word, index as u32));
            }
            indicators.push((phrases, keywords));
        }
        for (word, index) in uses {
            let list = &mut users[word as usize];
            if list.last() != Some(&index) {
                list.push(index);
            }
        }
        for word in words::phrase_start_words() {
            vocabulary
                .entry(word.to_owned())
                .or_insert_with(|| WordInfo::numbered(word, NO_ID));
        }
        let indicators = indicators
            .into_iter()
            .map(|(phrases, keywords)| Terms {
                phrases: phrases
                    .into_iter()
                    .map(|p| {
                        let total = p.iter().map(|&w| weights[w as usize]).sum();
                        (p, total)
                    })
                    .collect(),
                keywords,
            })
            .collect::<Vec<Terms>>();
        let min_total = indicators
            .iter()
            .map(|t| {
                t.phrases
                    .iter()
                    .map(|&(_, total)| total)
                    .filter(|&total| total > 0.0)
                    .fold(f64::INFINITY, f64::min)
            })
            .collect();
        Matcher {
            indicators,
            vocabulary: Vocabulary::new(vocabulary),
            weights,
            users,
            min_total,
            unknown_weight,
        }
    }

    /// Similarity (0–1) of a row's words to indicator `index`: mostly how
    /// much of the indicator's wording the row carries (rows add detail),
    /// a little how much of the row is about it.
    pub fn score(&self, row: &[String], index: usize) -> f64 {
        let mut seen = vec![u32::MAX; self.weights.len()];
        let mut rows = Rows::default();
        self.push_row(row, &mut rows);
        let (words, weight) = rows.get(0);
        for &w in words {
            seen[w as usize] = 0;
        }
        self.score_row(weight, &seen, 0, index)
    }

    fn push_row<S: AsRef<str>>(&self, words: &[S], rows: &mut Rows) {
        let start = rows.words.len();
        let weight = words
            .iter()
            .map(|w| match self.vocabulary.info(w.as_ref().as_bytes()).id {
                NO_ID => self.unknown_weight,
                id => {
                    rows.words.push(id);
                    self.weights[id as usize]
                }
            })
            .sum();
        rows.rows.push((start, rows.words.len(), weight));
    }

    /// `seen[w] == stamp` for the row's words.
    fn score_row(&self, weight: f64, seen: &[u32], stamp: u32, index: usize) -> f64 {
        let Some(terms) = self.indicators.get(index) else {
            return 0.0;
        };
        let has = |w: u32| seen.get(w as usize) == Some(&stamp);
        let mut best: f64 = 0.0;
        for (phrase, total) in &terms.phrases {
            let shared: f64 = phrase
                .iter()
                .filter(|&&w| has(w))
                .map(|&w| self.weights[w as usize])
                .sum();
            if *total <= 0.0 || weight <= 0.0 {
                continue;
            }
            let recall = shared / total;
            let precision = (shared / weight).min(1.0);
            best = best.max(0.75 * recall + 0.25 * precision);
        }
        let keywords_present = terms.keywords.iter().all(|k| k.iter().all(|&w| has(w)));
        if keywords_present {
            best
        } else {
            best * 0.5
        }
    }

    /// Assign rows to indicators one-to-one, best pairs first.
    pub fn assign(&self, rows: &[Vec<String>]) -> Assignment {
        let mut prepared = Rows::default();
        for words in rows {
            self.push_row(words, &mut prepared);
        }
        self.assign_rows(&prepared)
    }

    /// [`assign`](Self::assign) the rows named `names`, each tokenised like
    /// [`tokens`] (without a string per word).
    pub fn assign_names<'n>(&self, names: impl Iterator<Item = &'n str>) -> Assignment {
        let mut scratch = words::Scratch::default();
        let mut packed = Vec::new();
        // `seen[w] == stamp`: word `w` already counted for this row.
        let mut seen = vec![u32::MAX; self.weights.len()];
        let mut rows = Rows::default();
        for (stamp, name) in names.enumerate() {
            self.push_name(
                name,
                &mut scratch,
                &mut packed,
                &mut seen,
                stamp as u32,
                &mut rows,
            );
        }
        self.assign_rows(&rows)
    }

    /// [`push_row`](Self::push_row) of [`tokens`]`(name)`: its distinct
    /// meaningful words, weighed in order; known words are told apart by
    /// number, unknown ones by text.
    fn push_name(
        &self,
        name: &str,
        scratch: &mut words::Scratch,
        packed: &mut Vec<u64>,
        seen: &mut [u32],
        stamp: u32,
        rows: &mut Rows,
    ) {
        let words = words::words(name, scratch, &self.vocabulary);
        let start = rows.words.len();
        let mut unknown = words::Distinct::new(words.len(), packed);
        let mut weight = -0.0;
        // Numbered words are words of `tokens`: meaningful.
        for word in words.iter() {
            match word.info.id {
                NO_ID => {
                    let text = words.text(word);
                    if words::meaningful(text) && unknown.insert(text) {
                        weight += self.unknown_weight;
                    }
                }
                id => {
                    if seen[id as usize] != stamp {
                        seen[id as usize] = stamp;
                        rows.words.push(id);
                        weight += self.weights[id as usize];
                    }
                }
            }
        }
        rows.rows.push((start, rows.words.len(), weight));
    }

    /// Whether indicator `index` may score [`DOUBTFUL`] or more with a row
    /// of total weight `weight` whose words its phrases use weigh `reach`:
    /// no phrase shares more than `reach`, so its recall is at most
    /// `reach / min_total` and its precision at most `reach / weight`. A
    /// margin far above rounding errors keeps the bound safe.
    fn may_reach_doubtful(&self, index: usize, reach: f64, weight: f64) -> bool {
        if weight <= 0.0 {
            return false;
        }
        let Some(&min_total) = self.min_total.get(index) else {
            return false;
        };
        let bound = 0.75 * (reach / min_total).min(1.0) + 0.25 * (reach / weight).min(1.0);
        bound >= DOUBTFUL - 1e-9
    }

    fn assign_rows(&self, rows: &Rows) -> Assignment {
        let mut scored: Vec<(usize, usize, f64)> = Vec::new();
        // Stamps: word `w` is in row `r` when `seen[w] == r`; indicator `i`
        // shares a word with row `r` when `tried[i] == r`, and `reach[i]`
        // is then the weight of the row's words its phrases use.
        let mut seen = vec![u32::MAX; self.weights.len()];
        let mut tried = vec![u32::MAX; self.indicators.len()];
        let mut reach = vec![0.0; self.indicators.len()];
        let mut touched: Vec<u32> = Vec::new();
        for row in 0..rows.len() {
            let stamp = row as u32;
            let (words, weight) = rows.get(row);
            touched.clear();
            for &w in words {
                seen[w as usize] = stamp;
                let word_weight = self.weights[w as usize];
                for &indicator in &self.users[w as usize] {
                    let i = indicator as usize;
                    if tried[i] != stamp {
                        tried[i] = stamp;
                        reach[i] = 0.0;
                        touched.push(indicator);
                    }
                    reach[i] += word_weight;
                }
            }
            // An indicator sharing no word with the row scores 0, one that
            // cannot reach [`DOUBTFUL`] need not be scored. (The order pairs
            // are scored in does not matter: they are sorted below.)
            for &indicator in &touched {
                let indicator = indicator as usize;
                if !self.may_reach_doubtful(indicator, reach[indicator], weight) {
                    continue;
                }
                let score = self.score_row(weight, &seen, stamp, indicator);
                if score >= DOUBTFUL {
                    scored.push((row, indicator, score));
                }
            }
        }
        // Best first; ties by document order so the outcome is stable.
        scored.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
        let mut row_taken = vec![false; rows.len()];
        let mut indicator_taken = vec![false; self.indicators.len()];
        let mut out = Assignment::default();
        for &(row, indicator, score) in &scored {
            if row_taken.get(row).copied().unwrap_or(true)
                || indicator_taken.get(indicator).copied().unwrap_or(true)
            {
                continue;
            }
            let runner_up = scored
                .iter()
                .filter(|&&(r, i, s)| {
                    r == row
                        && i != indicator
                        && !indicator_taken[i]
                        && s >= score - AMBIGUITY_MARGIN
                })
                .map(|&(_, i, s)| (i, s))
                .next();
            row_taken[row] = true;
            indicator_taken[indicator] = true;
            out.pairs.push(Pair {
                row,
                indicator,
                score,
                doubtful: score < MATCH || runner_up.is_some(),
                runner_up,
            });
        }
        // A row left over whose best indicator is firmly taken repeats it.
        let mut best_of_row: Vec<Option<(usize, f64)>> = vec![None; rows.len()];
        for &(row, indicator, score) in &scored {
            if let Some(slot @ None) = best_of_row.get_mut(row) {
                *slot = Some((indicator, score));
            }
        }
        for (row, taken) in row_taken.iter().enumerate() {
            if *taken {
                continue;
            }
            if let Some((indicator, score)) = best_of_row.get(row).copied().flatten() {
                let holder = out
                    .pairs
                    .iter()
                    .find(|p| p.indicator == indicator && !p.doubtful);
                if let (Some(holder), true) = (holder, score >= MATCH) {
                    out.duplicates.push(Duplicate {
                        row,
                        indicator,
                        first_row: holder.row.min(row),
                        score,
                    });
                }
            }
        }
        out.pairs.sort_by_key(|p| p.row);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows named by text are weighed as their [`tokens`] are.
    #[test]
    fn assign_names_agrees_with_tokens() {
        let set = crate::templates::TemplateSet::builtin();
        assert!(!set.templates.is_empty());
        let names = words::tests::sample_wordings();
        assert!(names.len() > 1000, "{}", names.len());
        for template in &set.templates {
            let matcher = template.matcher();
            let mut scratch = words::Scratch::default();
            let mut packed = Vec::new();
            let mut seen = vec![u32::MAX; matcher.weights.len()];
            let (mut fast, mut slow) = (Rows::default(), Rows::default());
            for (stamp, name) in names.iter().enumerate() {
                let stamp = stamp as u32;
                matcher.push_name(name, &mut scratch, &mut packed, &mut seen, stamp, &mut fast);
                matcher.push_row(&tokens(name), &mut slow);
                let (fast, slow) = (fast.get(stamp as usize), slow.get(stamp as usize));
                assert_eq!(fast.0, slow.0, "{name:?}");
                assert_eq!(fast.1.to_bits(), slow.1.to_bits(), "{name:?}");
            }
        }
    }

    /// The bound that spares scoring never skips a pair scoring
    /// [`DOUBTFUL`] or more.
    #[test]
    fn skipped_pairs_score_below_doubtful() {
        let set = crate::templates::TemplateSet::builtin();
        let names = words::tests::sample_wordings();
        let mut skipped = 0;
        for template in &set.templates {
            let matcher = template.matcher();
            for name in &names {
                let tokens = tokens(name);
                let mut rows = Rows::default();
                matcher.push_row(&tokens, &mut rows);
                let (words, weight) = rows.get(0);
                let mut seen = vec![u32::MAX; matcher.weights.len()];
                for &w in words {
                    seen[w as usize] = 0;
                }
                for index in 0..matcher.indicators.len() {
                    let reach: f64 = words
                        .iter()
                        .filter(|&&w| matcher.users[w as usize].contains(&(index as u32)))
                        .map(|&w| matcher.weights[w as usize])
                        .sum();
                    if !matcher.may_reach_doubtful(index, reach, weight) {
                        skipped += 1;
                        let score = matcher.score_row(weight, &seen, 0, index);
                        assert!(score < DOUBTFUL - 1e-6, "{name:?} {index} {score}");
                    }
                }
            }
        }
        assert!(skipped > 1000, "{skipped}");
    }
}
