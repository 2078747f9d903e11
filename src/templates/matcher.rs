//! Matching indicator wordings. Drafters reword the template's indicators
//! ("Tỷ lệ phủ sóng 5G trên địa bàn xã" → "Tăng cường phủ sóng 5G trên địa
//! bàn"), so names are compared as sets of diacritic-folded words, with
//! acronyms expanded, synonyms unified and filler words dropped; rare words
//! weigh more than common ones. Rows are then assigned one-to-one to
//! indicators, best pairs first; weak or ambiguous pairs stay *doubtful*.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use super::Template;

/// A pair scoring at least this is a match.
pub const MATCH: f64 = 0.72;
/// Below this a pair is no match at all; between the two it is doubtful.
pub const DOUBTFUL: f64 = 0.55;
/// A second indicator scoring this close to the best makes a pair doubtful.
pub const AMBIGUITY_MARGIN: f64 = 0.06;

/// Acronyms and abbreviations (folded) → their words.
const EXPANSIONS: &[(&str, &str)] = &[
    ("tthc", "thu tuc hanh chinh"),
    ("dvc", "dich vu cong"),
    ("dvctt", "dich vu cong truc tuyen"),
    ("cbccvc", "can bo cong chuc vien chuc"),
    ("cb cc vc", "can bo cong chuc vien chuc"),
    ("cbcc", "can bo cong chuc"),
    ("cb cc", "can bo cong chuc"),
    ("cntt", "cong nghe thong tin"),
    ("cds", "chuyen doi so"),
    ("csdl", "co so du lieu"),
    ("hssk", "ho so suc khoe"),
    ("attt", "an toan thong tin"),
    ("khcn", "khoa hoc cong nghe"),
    ("dmst", "doi moi sang tao"),
    ("ai", "tri tue nhan tao"),
    ("vneid", "vneid dinh danh dien tu"),
    ("gb s", "gbps"),
];

/// Wordings that mean the same thing (folded) → one of them.
const SYNONYMS: &[(&str, &str)] = &[
    ("boi duong", "dao tao"),
    ("tap huan", "dao tao"),
    ("can ban", "co ban"),
    ("moi truong mang", "moi truong dien tu"),
    ("nguoi su dung", "nguoi dung"),
    ("truc tuyen toan trinh", "toan trinh truc tuyen"),
    ("hoan toan truc tuyen", "truc tuyen"),
    ("khong dung tien mat", "khong tien mat"),
    ("so suc khoe dien tu", "ho so suc khoe dien tu"),
];

/// Filler that says nothing about which indicator a row is (folded).
/// Phrases first, then single words.
const STOPWORDS: &[&str] = &[
    "ty le",
    "ti le",
    "tren dia ban",
    "dia ban",
    "tang cuong",
    "dam bao",
    "bao dam",
    "tiep tuc",
    "duy tri",
    "day manh",
    "toi thieu",
    "it nhat",
    "tro len",
    "so voi",
    "cap xa",
    "dac khu",
    "xa",
    "phuong",
    "cua",
    "va",
    "cac",
    "duoc",
    "co",
    "cho",
    "tai",
    "theo",
    "voi",
    "trong",
    "den",
    "la",
    "nhung",
    "dat",
    "tren",
    "hon",
    "nam",
];

/// Lowercase without diacritics (`đ` → `d`, which does not decompose).
///
/// The same as `text.nfd()`, combining marks dropped, `đ` → `d`, then
/// lowercased, but char by char: canonical reordering only moves characters
/// of non-zero combining class, and all of them are combining marks, which
/// are dropped (checked by `every_reordered_char_is_a_mark`). ASCII and the
/// Latin letters Vietnamese uses are looked up in a table.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`], appended to `out`.
pub fn fold_into(text: &str, out: &mut String) {
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match FOLD_TABLE.get(c) {
            Some(Some(folded)) => out.push(folded),
            _ => fold_char_slow(c, out),
        }
    }
}

fn fold_char_slow(c: char, out: &mut String) {
    unicode_normalization::char::decompose_canonical(c, |d| {
        if !unicode_normalization::char::is_combining_mark(d) {
            let d = match d {
                'đ' | 'Đ' => 'd',
                other => other,
            };
            out.extend(d.to_lowercase());
        }
    });
}

/// Folded form of the Latin letters, when it is exactly one char.
struct FoldTable {
    /// U+0080..U+0250, then U+1E00..U+1F00; `0` when not one char.
    chars: Vec<u32>,
}

const FOLD_LATIN: std::ops::Range<u32> = 0x80..0x250;
const FOLD_EXTENDED: std::ops::Range<u32> = 0x1E00..0x1F00;

static FOLD_TABLE: LazyLock<FoldTable> = LazyLock::new(|| {
    let chars = FOLD_LATIN
        .chain(FOLD_EXTENDED)
        .map(|code| {
            let Some(c) = char::from_u32(code) else {
                return 0;
            };
            let mut folded = String::new();
            fold_char_slow(c, &mut folded);
            let mut it = folded.chars();
            match (it.next(), it.next()) {
                (Some(one), None) => one as u32,
                _ => 0,
            }
        })
        .collect();
    FoldTable { chars }
});

impl FoldTable {
    /// `None` outside the table; `Some(None)` when not one char.
    fn get(&self, c: char) -> Option<Option<char>> {
        let code = c as u32;
        let index = if FOLD_LATIN.contains(&code) {
            code - FOLD_LATIN.start
        } else if FOLD_EXTENDED.contains(&code) {
            code - FOLD_EXTENDED.start + FOLD_LATIN.len() as u32
        } else {
            return None;
        };
        let folded = *self.chars.get(index as usize)?;
        Some(if folded == 0 {
            None
        } else {
            char::from_u32(folded)
        })
    }
}

/// Markup and LaTeX leftovers (`<b>`, `**`, `$\geq 90\%$`) removed.
pub fn strip_leftovers(text: &str) -> String {
    static LEFTOVER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"</?[a-zA-Z]+\s*/?>|\\[a-zA-Z]+|[*_$#`]").expect("valid regex")
    });
    if !has_leftover_char(text) {
        return text.to_owned();
    }
    LEFTOVER.replace_all(text, " ").into_owned()
}

/// Whether `text` has a char [`strip_leftovers`] may remove.
fn has_leftover_char(text: &str) -> bool {
    text.bytes()
        .any(|b| matches!(b, b'<' | b'\\' | b'*' | b'_' | b'$' | b'#' | b'`'))
}

/// FxHash (rustc's): words are short and not attacker-chosen keys of
/// long-lived maps, so SipHash buys nothing here.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        for &byte in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FxBuild = std::hash::BuildHasherDefault<FxHasher>;
type FxHashMap<K, V> = HashMap<K, V, FxBuild>;

/// The distinct words of a wording that identify an indicator, in order.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    with_tokens(text, |words| {
        out = words.iter().map(|w| (*w).to_owned()).collect();
    });
    out
}

/// [`tokens`], lent to `f` without allocating a string per word.
fn with_tokens(text: &str, f: impl FnOnce(&[&str])) {
    let nfc;
    let text = if crate::document::normalize::is_nfc(text) {
        text
    } else {
        nfc = text.nfc().collect::<String>();
        nfc.as_str()
    };
    let mut folded = String::with_capacity(text.len());
    if has_leftover_char(text) {
        fold_into(&strip_leftovers(text), &mut folded);
    } else {
        fold_into(text, &mut folded);
    }
    // Runs of letters and digits (everything else separates words).
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let words = replace_phrases(&words, &PHRASES.expansions);
    let words = replace_phrases(&words, &PHRASES.synonyms);
    let words = replace_phrases(&words, &PHRASES.stopwords);
    let mut out: Vec<&str> = Vec::with_capacity(words.len());
    // Long rows (prose lines) keep a set of the words taken, not a scan.
    let mut taken: Option<std::collections::HashSet<&str, FxBuild>> =
        (words.len() > 16).then(|| {
            std::collections::HashSet::with_capacity_and_hasher(words.len(), FxBuild::default())
        });
    for word in words {
        let meaningful = word.chars().count() >= 2 && !word.chars().all(|c| c.is_ascii_digit());
        if !meaningful {
            continue;
        }
        let new = match &mut taken {
            Some(taken) => taken.insert(word),
            None => !out.contains(&word),
        };
        if new {
            out.push(word);
        }
    }
    f(&out);
}

/// A phrase table indexed by first word, longest phrases first.
/// Words of a phrase and the words that replace it.
type Replacement = (Vec<&'static str>, Vec<&'static str>);

struct PhraseTable(FxHashMap<&'static str, Vec<Replacement>>);

struct Phrases {
    expansions: PhraseTable,
    synonyms: PhraseTable,
    stopwords: PhraseTable,
}

static PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases {
    expansions: PhraseTable::new(EXPANSIONS.iter().copied()),
    synonyms: PhraseTable::new(SYNONYMS.iter().copied()),
    stopwords: PhraseTable::new(STOPWORDS.iter().map(|s| (*s, ""))),
});

impl PhraseTable {
    fn new(pairs: impl Iterator<Item = (&'static str, &'static str)>) -> Self {
        let mut table: FxHashMap<&'static str, Vec<Replacement>> = FxHashMap::default();
        for (from, to) in pairs {
            let from: Vec<&str> = from.split_whitespace().collect();
            if let Some(first) = from.first() {
                let to = to.split_whitespace().collect();
                table.entry(first).or_default().push((from, to));
            }
        }
        for entries in table.values_mut() {
            entries.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
        }
        PhraseTable(table)
    }
}

/// Replace whole-word phrases of `table`, in one left-to-right pass.
fn replace_phrases<'a>(words: &[&'a str], table: &PhraseTable) -> Vec<&'a str>
where
    'static: 'a,
{
    let mut out = Vec::with_capacity(words.len() + 4);
    let mut i = 0;
    while i < words.len() {
        let found = table.0.get(words[i]).and_then(|entries| {
            entries.iter().find(|(from, _)| {
                words
                    .get(i..i + from.len())
                    .is_some_and(|here| here == from.as_slice())
            })
        });
        match found {
            Some((from, to)) => {
                out.extend(to.iter().copied());
                i += from.len();
            }
            None => {
                out.push(words[i]);
                i += 1;
            }
        }
    }
    out
}

/// One template's indicators ready to be compared with rows. Words are
/// numbered once per template; a row is scored only against the indicators
/// that share a word with it (the others score 0, below [`DOUBTFUL`]).
#[derive(Debug, Clone)]
pub struct Matcher {
    indicators: Vec<Terms>,
    /// Every word of a name, alias or keyword → its number.
    vocabulary: FxHashMap<String, u32>,
    /// Weight of each numbered word (keyword-only words weigh as unknown).
    weights: Vec<f64>,
    /// Indicators whose name or aliases use each numbered word, ascending.
    users: Vec<Vec<u32>>,
    /// Where each numbered word stands: (phrase number over all
    /// indicators, position in the phrase). Empty when a phrase is longer
    /// than 64 words (positions are bits of a `u64`).
    postings: Vec<Vec<(u32, u32)>>,
    /// Number of each indicator's first phrase.
    first_phrase: Vec<u32>,
    /// Weight of a word no indicator uses.
    unknown_weight: f64,
}

/// The set bits of a mask, lowest first.
struct Bits(u64);

impl Iterator for Bits {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if self.0 == 0 {
            return None;
        }
        let bit = self.0.trailing_zeros();
        self.0 &= self.0 - 1;
        Some(bit)
    }
}

/// A row's words ready for scoring.
struct Row {
    /// Numbers of its known words.
    words: Vec<u32>,
    weight: f64,
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
        let mut vocabulary: FxHashMap<String, u32> = FxHashMap::default();
        let mut weights: Vec<f64> = Vec::new();
        let mut users: Vec<Vec<u32>> = Vec::new();
        let mut number = |word: &str| -> u32 {
            if let Some(&id) = vocabulary.get(word) {
                return id;
            }
            let id = weights.len() as u32;
            vocabulary.insert(word.to_owned(), id);
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
        let mut postings: Vec<Vec<(u32, u32)>> = vec![Vec::new(); weights.len()];
        let mut first_phrase = Vec::with_capacity(indicators.len());
        let mut number = 0u32;
        let short = indicators
            .iter()
            .all(|(phrases, _)| phrases.iter().all(|p| p.len() <= 64));
        for (phrases, _) in &indicators {
            first_phrase.push(number);
            for phrase in phrases {
                if short {
                    for (position, &word) in phrase.iter().enumerate() {
                        postings[word as usize].push((number, position as u32));
                    }
                }
                number += 1;
            }
        }
        if !short {
            postings.iter_mut().for_each(Vec::clear);
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
            .collect();
        Matcher {
            indicators,
            vocabulary,
            weights,
            users,
            postings,
            first_phrase,
            unknown_weight,
        }
    }

    /// Similarity (0–1) of a row's words to indicator `index`: mostly how
    /// much of the indicator's wording the row carries (rows add detail),
    /// a little how much of the row is about it.
    pub fn score(&self, row: &[String], index: usize) -> f64 {
        let mut seen = vec![u32::MAX; self.weights.len()];
        let row = self.row(row);
        for &w in &row.words {
            seen[w as usize] = 0;
        }
        self.score_row(&row, &seen, 0, index, None)
    }

    fn row<S: AsRef<str>>(&self, words: &[S]) -> Row {
        let mut known = Vec::with_capacity(words.len());
        let weight = words
            .iter()
            .map(|w| match self.vocabulary.get(w.as_ref()) {
                Some(&id) => {
                    known.push(id);
                    self.weights[id as usize]
                }
                None => self.unknown_weight,
            })
            .sum();
        Row {
            words: known,
            weight,
        }
    }

    /// `seen[w] == stamp` for the row's words; `masks`, when given, has bit
    /// `i` of each phrase set when its word `i` is in the row.
    fn score_row(
        &self,
        row: &Row,
        seen: &[u32],
        stamp: u32,
        index: usize,
        masks: Option<&[u64]>,
    ) -> f64 {
        let Some(terms) = self.indicators.get(index) else {
            return 0.0;
        };
        let has = |w: u32| seen.get(w as usize) == Some(&stamp);
        let first = self.first_phrase.get(index).copied().unwrap_or(0) as usize;
        let mut best: f64 = 0.0;
        for (number, (phrase, total)) in terms.phrases.iter().enumerate() {
            // The same weights in the same order either way.
            let shared: f64 = match masks.and_then(|m| m.get(first + number)) {
                Some(&mask) => Bits(mask)
                    .filter_map(|i| phrase.get(i as usize))
                    .map(|&w| self.weights[w as usize])
                    .sum(),
                None => phrase
                    .iter()
                    .filter(|&&w| has(w))
                    .map(|&w| self.weights[w as usize])
                    .sum(),
            };
            if *total <= 0.0 || row.weight <= 0.0 {
                continue;
            }
            let recall = shared / total;
            let precision = (shared / row.weight).min(1.0);
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
        let rows: Vec<Row> = rows.iter().map(|words| self.row(words)).collect();
        self.assign_rows(&rows)
    }

    /// [`assign`](Self::assign) the rows named `names`, each tokenised like
    /// [`tokens`] (without a string per word).
    pub fn assign_names<'n>(&self, names: impl Iterator<Item = &'n str>) -> Assignment {
        let rows: Vec<Row> = names
            .map(|name| {
                let mut row = None;
                with_tokens(name, |words| row = Some(self.row(words)));
                row.unwrap_or_else(|| self.row::<&str>(&[]))
            })
            .collect();
        self.assign_rows(&rows)
    }

    fn assign_rows(&self, rows: &[Row]) -> Assignment {
        let mut scored: Vec<(usize, usize, f64)> = Vec::new();
        // Stamps: word `w` is in row `r` when `seen[w] == r`; indicator `i`
        // is already scored for row `r` when `tried[i] == r`.
        let mut seen = vec![u32::MAX; self.weights.len()];
        let mut tried = vec![u32::MAX; self.indicators.len()];
        let mut touched: Vec<u32> = Vec::new();
        let phrases = self.indicators.iter().map(|t| t.phrases.len()).sum();
        let use_masks = self.postings.iter().any(|p| !p.is_empty());
        let mut masks: Vec<u64> = vec![0; if use_masks { phrases } else { 0 }];
        let mut set: Vec<u32> = Vec::new();
        for (row, prepared) in rows.iter().enumerate() {
            let stamp = row as u32;
            touched.clear();
            for &phrase in &set {
                masks[phrase as usize] = 0;
            }
            set.clear();
            for &w in &prepared.words {
                seen[w as usize] = stamp;
                for &(phrase, position) in &self.postings[w as usize] {
                    masks[phrase as usize] |= 1 << position;
                    set.push(phrase);
                }
                for &indicator in &self.users[w as usize] {
                    if tried[indicator as usize] != stamp {
                        tried[indicator as usize] = stamp;
                        touched.push(indicator);
                    }
                }
            }
            // An indicator sharing no word with the row scores 0.
            touched.sort_unstable();
            for &indicator in &touched {
                let indicator = indicator as usize;
                let score = self.score_row(
                    prepared,
                    &seen,
                    stamp,
                    indicator,
                    use_masks.then_some(masks.as_slice()),
                );
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

    #[test]
    fn tokens_fold_expand_and_drop_filler() {
        assert_eq!(
            tokens("Tỷ lệ phủ sóng 5G trên địa bàn xã"),
            ["phu", "song", "5g"]
        );
        assert_eq!(
            tokens("Tăng cường phủ sóng 5G trên địa bàn."),
            ["phu", "song", "5g"]
        );
        assert_eq!(
            tokens("Tỉ lệ hồ sơ TTHC"),
            ["ho", "so", "thu", "tuc", "hanh", "chinh"]
        );
        assert_eq!(
            tokens("<b>CB,CC,VC</b> được bồi dưỡng"),
            tokens("cán bộ, công chức, viên chức đào tạo")
        );
        assert_eq!(tokens("$\\geq 90\\%$"), Vec::<String>::new());
    }

    /// `fold` drops marks char by char instead of reordering them first.
    #[test]
    fn every_reordered_char_is_a_mark() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if unicode_normalization::char::canonical_combining_class(c) != 0 {
                assert!(unicode_normalization::char::is_combining_mark(c), "{c:?}");
            }
        }
    }

    #[test]
    fn fold_is_nfd_without_marks_lowercased() {
        fn slow(text: &str) -> String {
            text.nfd()
                .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
                .map(|c| match c {
                    'đ' | 'Đ' => 'd',
                    other => other,
                })
                .flat_map(char::to_lowercase)
                .collect()
        }
        let mut all = String::new();
        for c in (0..0x3000).chain(0x1E00..0x1F00).filter_map(char::from_u32) {
            all.push(c);
            all.push('a');
            all.push(c);
            all.push('\u{301}');
            all.push('\u{323}');
            all.push(c);
        }
        all.push_str("Tỷ lệ ĐƯỢC Đảm bảo İ ǅ ẞ");
        assert_eq!(fold(&all), slow(&all));
        let nfd: String = all.nfd().collect();
        assert_eq!(fold(&nfd), slow(&nfd));
    }

    #[test]
    fn nfd_text_gives_the_same_words() {
        let nfc = "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến";
        let nfd: String = nfc.nfd().collect();
        assert_ne!(nfc, nfd);
        assert_eq!(tokens(nfc), tokens(&nfd));
    }
}
