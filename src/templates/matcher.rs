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
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Markup and LaTeX leftovers (`<b>`, `**`, `$\geq 90\%$`) removed.
pub fn strip_leftovers(text: &str) -> String {
    static LEFTOVER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"</?[a-zA-Z]+\s*/?>|\\[a-zA-Z]+|[*_$#`]").expect("valid regex")
    });
    LEFTOVER.replace_all(text, " ").into_owned()
}

/// The distinct words of a wording that identify an indicator, in order.
pub fn tokens(text: &str) -> Vec<String> {
    let folded = fold(&strip_leftovers(&text.nfc().collect::<String>()));
    let words: String = folded
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<&str> = words.split_whitespace().collect();
    let words = replace_phrases(&words, &PHRASES.expansions);
    let words = replace_phrases(&words, &PHRASES.synonyms);
    let words = replace_phrases(&words, &PHRASES.stopwords);
    let mut out: Vec<String> = Vec::new();
    for word in words {
        let meaningful = word.chars().count() >= 2 && !word.chars().all(|c| c.is_ascii_digit());
        if meaningful && !out.iter().any(|w| w == word) {
            out.push(word.to_owned());
        }
    }
    out
}

/// A phrase table indexed by first word, longest phrases first.
/// Words of a phrase and the words that replace it.
type Replacement = (Vec<&'static str>, Vec<&'static str>);

struct PhraseTable(HashMap<&'static str, Vec<Replacement>>);

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
        let mut table: HashMap<&'static str, Vec<Replacement>> = HashMap::new();
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
    let mut out = Vec::with_capacity(words.len());
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

/// One template's indicators ready to be compared with rows.
#[derive(Debug, Clone)]
pub struct Matcher {
    indicators: Vec<Terms>,
    weights: HashMap<String, f64>,
    /// Weight of a word no indicator uses.
    unknown_weight: f64,
}

/// A row's words ready for scoring.
struct Row<'w> {
    set: HashSet<&'w str>,
    weight: f64,
}

#[derive(Debug, Clone)]
struct Terms {
    /// Name and aliases, each as words.
    phrases: Vec<Vec<String>>,
    /// Each keyword's words must all appear.
    keywords: Vec<Vec<String>>,
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
        let indicators: Vec<Terms> = template
            .indicators
            .iter()
            .map(|indicator| Terms {
                phrases: std::iter::once(&indicator.name)
                    .chain(&indicator.aliases)
                    .map(|p| tokens(p))
                    .filter(|t| !t.is_empty())
                    .collect(),
                keywords: indicator
                    .keywords
                    .iter()
                    .map(|k| tokens(k))
                    .filter(|t| !t.is_empty())
                    .collect(),
            })
            .collect();
        // Inverse document frequency over indicators: `5g` identifies one
        // indicator, `thu tuc hanh chinh` many.
        let mut frequency: HashMap<String, usize> = HashMap::new();
        for terms in &indicators {
            let words: HashSet<&String> = terms.phrases.iter().flatten().collect();
            for word in words {
                *frequency.entry(word.clone()).or_default() += 1;
            }
        }
        let count = indicators.len().max(1) as f64;
        let weights = frequency
            .into_iter()
            .map(|(word, n)| (word, (1.0 + count / n as f64).ln()))
            .collect();
        Matcher {
            indicators,
            weights,
            unknown_weight: (1.0 + count).ln(),
        }
    }

    fn weight(&self, word: &str) -> f64 {
        self.weights
            .get(word)
            .copied()
            .unwrap_or(self.unknown_weight)
    }

    /// Similarity (0–1) of a row's words to indicator `index`: mostly how
    /// much of the indicator's wording the row carries (rows add detail),
    /// a little how much of the row is about it.
    pub fn score(&self, row: &[String], index: usize) -> f64 {
        self.score_row(&self.row(row), index)
    }

    fn row<'w>(&self, words: &'w [String]) -> Row<'w> {
        Row {
            set: words.iter().map(String::as_str).collect(),
            weight: words.iter().map(|w| self.weight(w)).sum(),
        }
    }

    fn score_row(&self, row: &Row, index: usize) -> f64 {
        let Some(terms) = self.indicators.get(index) else {
            return 0.0;
        };
        let mut best: f64 = 0.0;
        for phrase in &terms.phrases {
            let total: f64 = phrase.iter().map(|w| self.weight(w)).sum();
            let shared: f64 = phrase
                .iter()
                .filter(|w| row.set.contains(w.as_str()))
                .map(|w| self.weight(w))
                .sum();
            if total <= 0.0 || row.weight <= 0.0 {
                continue;
            }
            let recall = shared / total;
            let precision = (shared / row.weight).min(1.0);
            best = best.max(0.75 * recall + 0.25 * precision);
        }
        let keywords_present = terms
            .keywords
            .iter()
            .all(|k| k.iter().all(|w| row.set.contains(w.as_str())));
        if keywords_present {
            best
        } else {
            best * 0.5
        }
    }

    /// Assign rows to indicators one-to-one, best pairs first.
    pub fn assign(&self, rows: &[Vec<String>]) -> Assignment {
        let mut scored: Vec<(usize, usize, f64)> = Vec::new();
        for (row, words) in rows.iter().enumerate() {
            let prepared = self.row(words);
            for indicator in 0..self.indicators.len() {
                let score = self.score_row(&prepared, indicator);
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

    #[test]
    fn nfd_text_gives_the_same_words() {
        let nfc = "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến";
        let nfd: String = nfc.nfd().collect();
        assert_ne!(nfc, nfd);
        assert_eq!(tokens(nfc), tokens(&nfd));
    }
}
