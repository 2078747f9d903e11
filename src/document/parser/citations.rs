//! Every citation in the text: `<Type> số <symbol> ngày <date> của <issuer>`.
//!
//! Type words are found with one Aho-Corasick pass over the folded stretches
//! of a line that can lead to a symbol; the grammar's `citation` rule
//! ([`super::citation_rule`]) is then tried at each of them on a bounded
//! window of the line, folded as it is compared, so the cost stays linear however long the line. Symbols without a
//! type word before them (`… theo 749/QĐ-TTg`) are found by shape ([`super::bare_symbol`]). The
//! plan's own number line and `(Kèm theo …)` lines are not citations.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
#[cfg(test)]
use pest::Parser;

use super::bare_symbol::bare_symbols_at;
#[cfg(test)]
use super::citation_rule::citation;
use super::citation_rule::OTHER_TYPES;
use super::citation_rule::{citation_unfolded, DateParts};
use super::doc_span;
#[cfg(test)]
use super::grammar::{PlanParser, Rule};
use super::lines::{Head, LineInfo};
use crate::document::markup::{fold_case_into, fold_one};
use crate::document::model::{Citation, CitedDate, Document, LineKind, Spanned};

/// The grammar never reads further than this from a type word.
const WINDOW: usize = 400;
/// At most this many words of issuer after `của`.
const MAX_ISSUER_WORDS: usize = 14;

fn type_words() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    // A DFA finds the same matches as the default automaton, faster.
    AC.get_or_init(|| {
        AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            // The grammar's type words. "thông tư liên tịch" adds nothing:
            // "thông tư" at the same place ends first and is the match found.
            .build(["kế hoạch", "chương trình"].iter().chain(OTHER_TYPES))
            .expect("fixed patterns")
    })
}

// Not inlined: the profiles name its cost.
#[inline(never)]
pub fn read_citations(text: &str, infos: &[LineInfo], kinds: &[LineKind], doc: &mut Document) {
    // A citation needs a symbol: digits, then `/` or `-` (bare symbols
    // too). Most lines have none. The marks found here are the only ones
    // the rest reads: found once over the whole text (one search rather
    // than one per line), then in a line's cleaned text only when cleaning
    // changed it. (Folding moves no byte and changes no digit, `/` or `-`,
    // and keeps letters letters: the cleaned text tells.)
    let all_marks: Vec<usize> = marks_after_digits(text.as_bytes()).collect();
    let mut next_mark = 0;
    // Reused from line to line: no allocation per line.
    let mut marks: Vec<usize> = Vec::new();
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut covered: Vec<Range<usize>> = Vec::new();
    let mut folded_buf = String::new();
    for (info, kind) in infos.iter().zip(kinds) {
        let first_mark = next_mark;
        while all_marks
            .get(next_mark)
            .is_some_and(|&at| at < info.span.end)
        {
            next_mark += 1;
        }
        if info.is_blank()
            || *kind == LineKind::DocumentNumber
            || matches!(info.head, Head::AttachedTo(_))
        {
            continue;
        }
        let cleaned = info.text();
        marks.clear();
        if info.cleaned.is_identity() {
            // A mark at the line's start follows `\n`, no digit.
            let start = info.span.start;
            marks.extend(
                all_marks[first_mark..next_mark]
                    .iter()
                    .map(|&at| at - start),
            );
        } else {
            marks.extend(marks_after_digits(cleaned.as_bytes()));
        }
        if marks.is_empty() {
            continue;
        }
        covered.clear();
        runs.clear();
        runs.extend(type_word_spans(cleaned, &marks));
        // Type words are searched in the folded text of each stretch alone
        // (folding keeps offsets; the search starts afresh at a stretch's
        // edge), and the rest reads the line unfolded, folding only the
        // characters it compares with a word: most of a line is never folded.
        let made = info.folded_if_made();
        for run in &runs {
            let (folded, shift) = match made {
                Some(folded) => (folded, 0),
                None => {
                    folded_buf.clear();
                    fold_case_into(&cleaned[run.clone()], &mut folded_buf);
                    (folded_buf.as_str(), run.start)
                }
            };
            let span = run.start - shift..run.end - shift;
            for found in type_words().find_iter(aho_corasick::Input::new(folded).span(span)) {
                let start = found.start() + shift;
                // Matches come in order, so only the last citation can cover this one.
                let inside = covered.last().is_some_and(|r| r.contains(&start));
                if inside || !word_start(cleaned, start) {
                    continue;
                }
                if attached_clause(cleaned, start) {
                    continue;
                }
                if let Some((citation, range)) = typed(info, start) {
                    covered.push(range);
                    doc.citations.push(citation);
                }
            }
        }
        for range in bare_symbols_at(cleaned, marks.iter().copied()) {
            // The shape has no `\b` (slow with Unicode): check the start here.
            if !word_start(cleaned, range.start) {
                continue;
            }
            let before = covered.partition_point(|r| r.start <= range.start);
            let inside = before
                .checked_sub(1)
                .and_then(|k| covered.get(k))
                .is_some_and(|r| range.end <= r.end);
            if inside {
                continue;
            }
            let symbol = cleaned.get(range.clone()).unwrap_or("").to_owned();
            doc.citations.push(Citation {
                span: doc_span(info, range.clone()),
                type_word: None,
                symbol: Spanned::new(symbol, doc_span(info, range)),
                date: None,
                issuer: None,
            });
        }
    }
    doc.citations.sort_by_key(|c| c.span.start);
}

/// Offsets of the `/` and `-` right after a digit.
fn marks_after_digits(text: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr2_iter(b'/', b'-', text).filter(|&at| at > 0 && text[at - 1].is_ascii_digit())
}

/// The stretches of `text` where a type word can start a citation: the
/// grammar's `citation` reads only letters and white space (`sp`) from its
/// type word to the digits of its symbol ([`may_be_citation`]), so each
/// stretch is a maximal run of them that ends where the digits before a `/`
/// or `-` start. Type words are letters and spaces too, so none crosses a
/// stretch's edge, and searching each stretch alone finds the same type
/// words there as searching the whole line: the search starts afresh after
/// any other character. `marks` are the `/` and `-` right after a digit, in
/// order (the others end no stretch); `text` is the line, folded or not
/// (folding keeps letters letters).
#[cfg(test)]
fn type_word_runs<'t>(
    text: &'t str,
    marks: &'t [usize],
) -> impl Iterator<Item = Range<usize>> + 't {
    let bytes = text.as_bytes();
    marks.iter().filter_map(move |&mark| {
        let digits = super::quick_heads::digits_before(&bytes[..mark]);
        let end = mark - digits;
        let start = run_start(text, end);
        (start < end).then_some(start..end)
    })
}

/// What is searched for type words: for each stretch of [`type_word_runs`]
/// whose digits a type word's `citation` can reach ([`may_reach`]; no type
/// word in the others starts one), the span from the mark before it (or the
/// line's start) to its end. The span holds the stretch, and the search
/// finds the same type words in it: it starts afresh after the mark. The
/// other type words found in the span are not followed by only letters and
/// spaces up to the digits of a symbol ([`may_be_citation`]: the next such
/// digits are the stretch's), so they start no citation either. Spans
/// need no walk back over the letters, which costs more than the search.
fn type_word_spans<'t>(
    text: &'t str,
    marks: &'t [usize],
) -> impl Iterator<Item = Range<usize>> + 't {
    let bytes = text.as_bytes();
    marks.iter().enumerate().filter_map(move |(k, &mark)| {
        let digits = super::quick_heads::digits_before(&bytes[..mark]);
        let end = mark - digits;
        if !may_reach(text, end) {
            return None;
        }
        let start = k.checked_sub(1).map_or(0, |before| marks[before] + 1);
        (start < end).then_some(start..end)
    })
}

/// Whether a `citation` can start at a type word before the digits at
/// `digits`, in a stretch of letters and spaces ([`type_word_runs`]). Its
/// `cite_type ~ sp ~ ("số" ~ sp)?` must read up to the digits, and a type
/// word ends with a letter, so `cite_type` ends where the spaces before the
/// digits start, or where those before that `số` start: false when no type
/// word (nor `… hành động`) ends at either place. Case does not matter
/// (the grammar reads the folded text).
fn may_reach(text: &str, digits: usize) -> bool {
    let end = sp_before(text, digits);
    if type_word_ends_at(text, end) {
        return true;
    }
    ends_with_folded(text, end, &['ố', 's'])
        && type_word_ends_at(text, sp_before(text, end - "số".len()))
}

/// Start of the `sp` (spaces, tabs, no-break spaces) that ends at `at`.
fn sp_before(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        match bytes.get(..at) {
            Some([.., b' ' | b'\t']) => at -= 1,
            // U+00A0; 0xC2 only ever leads a character.
            Some([.., 0xC2, 0xA0]) => at -= 2,
            _ => return at,
        }
    }
}

/// What `cite_type` can end with (folded), by their last character.
fn type_endings() -> &'static [(char, &'static str)] {
    static ENDINGS: OnceLock<Vec<(char, &'static str)>> = OnceLock::new();
    ENDINGS.get_or_init(|| {
        let mut endings: Vec<(char, &'static str)> = [
            "kế hoạch hành động",
            "chương trình hành động",
            "kế hoạch",
            "chương trình",
        ]
        .iter()
        .chain(OTHER_TYPES)
        .map(|&t| (t.chars().next_back().unwrap_or(' '), t))
        .collect();
        endings.sort();
        endings
    })
}

/// Whether a type word (or `… hành động`) ends at `at`, case aside.
fn type_word_ends_at(text: &str, at: usize) -> bool {
    let Some(last) = text.get(..at).and_then(|s| s.chars().next_back()) else {
        return false;
    };
    let last = fold(last);
    let endings = type_endings();
    let from = endings.partition_point(|&(c, _)| c < last);
    endings[from..]
        .iter()
        .take_while(|&&(c, _)| c == last)
        .any(|&(_, ending)| ends_with_type(text, at, ending))
}

/// Whether `text[..at]` folded ends with `ending` (folded). Folding keeps
/// each character's length, so only the same number of bytes can match.
fn ends_with_type(text: &str, at: usize, ending: &str) -> bool {
    let Some(tail) = at
        .checked_sub(ending.len())
        .and_then(|start| text.get(start..at))
    else {
        return false;
    };
    // Same length in bytes: `tail` folded starts with `ending` only if it
    // is `ending` (compared char by char, stopping at the first difference).
    super::lines::starts_with_folded(tail, ending)
}

/// [`fold_one`], ASCII without a table.
fn fold(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        fold_one(c)
    }
}

/// Whether `text[..at]` folded ends with the characters `reversed`, last first.
fn ends_with_folded(text: &str, at: usize, reversed: &[char]) -> bool {
    let mut chars = text.get(..at).unwrap_or("").chars().rev();
    reversed
        .iter()
        .all(|&want| chars.next().is_some_and(|c| fold(c) == want))
}

/// Start of the run of letters, spaces, tabs and no-break spaces that ends
/// at `end`. Byte by byte: ASCII directly, other characters decoded.
#[cfg(test)]
fn run_start(text: &str, end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = end;
    while let Some(&b) = at.checked_sub(1).and_then(|k| bytes.get(k)) {
        if b.is_ascii() {
            if !(b.is_ascii_alphabetic() || b == b' ' || b == b'\t') {
                break;
            }
            at -= 1;
            continue;
        }
        let mut from = at - 1;
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let c = text[from..at].chars().next().unwrap_or(' ');
        if !(is_letter(c) || c == '\u{a0}') {
            break;
        }
        at = from;
    }
    at
}

fn word_start(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|s| s.chars().next_back())
        .is_none_or(|c| !is_alphanumeric(c))
}

/// `char::is_alphanumeric`, letters from [`is_letter`]'s table.
fn is_alphanumeric(c: char) -> bool {
    is_letter(c) || c.is_numeric()
}

/// `(Kèm theo Kế hoạch số …)` names the plan itself. `text` is the line,
/// folded or not (`fold_case(text)[..at]` trimmed ends with `kèm theo`).
fn attached_clause(text: &str, at: usize) -> bool {
    let before = text.get(at.saturating_sub(30)..at).unwrap_or("");
    let before = before.trim_end();
    ends_with_type(before, before.len(), "kèm theo")
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The citation of a type word at `start` of the line (the grammar reads
/// its folded text: [`citation_unfolded`]).
fn typed(info: &LineInfo, start: usize) -> Option<(Citation, Range<usize>)> {
    let text = info.text();
    let end = floor_boundary(text, start + WINDOW);
    let window = text.get(start..end)?;
    // Folding keeps letters letters: the test reads the line as it is.
    if !may_be_citation(window) {
        return None;
    }
    let parts = citation_unfolded(window)?;
    let shift = |r: Range<usize>| r.start + start..r.end + start;
    let type_word = Some(shift(parts.cite_type.clone()));
    let symbol = Some(shift(parts.symbol.clone()));
    let date = parts
        .date
        .as_ref()
        .and_then(|d| cited_date(window, d).map(|date| (date, shift(d.whole.clone()))));
    let issuer_at = parts.issuer_at.map(|at| at + start);
    // End of the last part the grammar matched.
    let last = [
        Some(parts.cite_type.end),
        Some(parts.symbol.end),
        parts.date.as_ref().map(|d| d.whole.end),
        parts.issuer_at,
    ]
    .into_iter()
    .flatten()
    .fold(start, |last, end| last.max(end + start));
    let symbol = symbol?;
    let symbol_text = info.cleaned.text.get(symbol.clone())?;
    if !symbol_text.chars().any(char::is_alphabetic) {
        return None;
    }
    let issuer = issuer_at.and_then(|at| issuer(info, at));
    let mut end = date.as_ref().map_or(symbol.end, |(_, r)| r.end);
    if let Some(issuer) = &issuer {
        end = issuer.1.end;
    }
    let spanned = |r: Range<usize>| {
        Spanned::new(
            info.cleaned.text.get(r.clone()).unwrap_or("").to_owned(),
            doc_span(info, r),
        )
    };
    let citation = Citation {
        span: doc_span(info, start..end),
        type_word: type_word.map(spanned),
        symbol: spanned(symbol),
        date: date.map(|(mut d, r)| {
            d.span = doc_span(info, r);
            d
        }),
        issuer: issuer.map(|(text, r)| Spanned::new(text, doc_span(info, r))),
    };
    Some((citation, start..end.max(last)))
}

/// False only when the grammar's `citation` rule cannot match at the start of
/// `window`: before its `symbol` come only the type word, `số` and spaces
/// (letters and `sp`), and the symbol is 1 to 6 digits then `/` or `-`. Most
/// type words in running text (`kế hoạch này`) fail here without the grammar.
fn may_be_citation(window: &str) -> bool {
    let Some(at) = window.find(|c: char| !(is_letter(c) || matches!(c, ' ' | '\t' | '\u{a0}')))
    else {
        return false;
    };
    let rest = &window.as_bytes()[at..];
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    digits > 0 && matches!(rest.get(digits), Some(b'/' | b'-'))
}

/// `char::is_alphabetic`, from a table for the Latin letters Vietnamese
/// uses (the standard library searches its tables for each of them).
fn is_letter(c: char) -> bool {
    const LATIN: std::ops::Range<u32> = 0x80..0x250;
    const EXTENDED: std::ops::Range<u32> = 0x1E00..0x1F00;
    static TABLE: OnceLock<Vec<bool>> = OnceLock::new();
    let code = c as u32;
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    let index = if LATIN.contains(&code) {
        code - LATIN.start
    } else if EXTENDED.contains(&code) {
        code - EXTENDED.start + LATIN.len() as u32
    } else {
        return c.is_alphabetic();
    };
    let table = TABLE.get_or_init(|| {
        LATIN
            .chain(EXTENDED)
            .map(|u| char::from_u32(u).is_some_and(char::is_alphabetic))
            .collect()
    });
    table
        .get(index as usize)
        .copied()
        .unwrap_or_else(|| c.is_alphabetic())
}

fn cited_date(window: &str, parts: &DateParts) -> Option<CitedDate> {
    let number = |r: &Range<usize>| window.get(r.clone());
    let day = number(&parts.day).and_then(|d| d.parse::<u8>().ok());
    let month = number(&parts.month).and_then(|m| m.parse::<u8>().ok());
    let year = number(&parts.year).and_then(|y| y.parse::<u16>().ok());
    let (day, month, year) = (day?, month?, year?);
    ((1..=31).contains(&day) && (1..=12).contains(&month)).then_some(CitedDate {
        span: Default::default(),
        day,
        month,
        year,
    })
}

/// Lower-case words that belong to an issuer's name (`Ủy ban nhân dân thành
/// phố`, `Ban Thường vụ Thành ủy`); any other lower-case word ends it
/// (`về`, `phê duyệt`, `sửa đổi`, `thực hiện` …), as does punctuation.
/// In byte order, for a binary search.
const ISSUER_WORDS: &[&str] = &[
    "an",
    "ban",
    "binh",
    "bộ",
    "chính",
    "chấp",
    "chỉ",
    "công",
    "cục",
    "dân",
    "dục",
    "dựng",
    "giao",
    "giáo",
    "huyện",
    "hành",
    "học",
    "hội",
    "khoa",
    "khu",
    "lao",
    "liên",
    "môi",
    "mặt",
    "nghiệp",
    "nghệ",
    "ngoại",
    "nhân",
    "nông",
    "nội",
    "pháp",
    "phòng",
    "phường",
    "phố",
    "phủ",
    "quận",
    "quốc",
    "sở",
    "thành",
    "thông",
    "thương",
    "thường",
    "thị",
    "tin",
    "trung",
    "truyền",
    "trường",
    "trấn",
    "trận",
    "trị",
    "tài",
    "tư",
    "tướng",
    "tạo",
    "tải",
    "tế",
    "tỉnh",
    "tịch",
    "tổng",
    "uỷ",
    "và",
    "văn",
    "vận",
    "vụ",
    "xây",
    "xã",
    "y",
    "đào",
    "đạo",
    "đảng",
    "đặc",
    "đồng",
    "động",
    "ương",
    "ủy",
];

/// `ISSUER_WORDS.binary_search(word).is_ok()`, from the few words that
/// share its first byte and length (string compares cost more than this).
fn is_issuer_word(word: &str) -> bool {
    static BY_FIRST: OnceLock<Vec<(u16, u16)>> = OnceLock::new();
    let by_first = BY_FIRST.get_or_init(|| {
        (0..=255u8)
            .map(|b| {
                let from = ISSUER_WORDS.partition_point(|w| w.as_bytes()[0] < b);
                let to = ISSUER_WORDS.partition_point(|w| w.as_bytes()[0] <= b);
                (from as u16, to as u16)
            })
            .collect()
    });
    let Some(&first) = word.as_bytes().first() else {
        return false;
    };
    let (from, to) = by_first[usize::from(first)];
    ISSUER_WORDS[usize::from(from)..usize::from(to)]
        .iter()
        .any(|w| w.len() == word.len() && *w == word)
}

/// Words that may sit inside an issuer name but never end one.
const NOT_LAST: &[&str] = &["và", "ban", "thành", "của", "hành", "chỉ", "xây", "thông"];

fn issuer(info: &LineInfo, at: usize) -> Option<(String, Range<usize>)> {
    let text = info.cleaned.text.get(at..)?;
    let mut end = at;
    let mut words = 0;
    // The words between single spaces (`text.split(' ')`); words are short,
    // and a byte loop finds their ends faster than a search.
    let mut next = Some(0);
    while let Some(from) = next {
        let rest = &text.as_bytes()[from..];
        let len = rest.iter().position(|&b| b == b' ');
        next = len.map(|len| from + len + 1);
        let word = &text[from..from + len.unwrap_or(rest.len())];
        let word_start = at + from;
        if word.is_empty() {
            continue;
        }
        let core = word.trim_end_matches(|c: char| !is_alphanumeric(c));
        let first = core.chars().next();
        let belongs = match first {
            Some(c) if c.is_uppercase() => true,
            Some(_) => is_issuer_word(core),
            None => false,
        };
        if !belongs || words >= MAX_ISSUER_WORDS {
            break;
        }
        words += 1;
        end = word_start + core.len();
        if core.len() < word.len() {
            // Punctuation after the word ends the name.
            break;
        }
    }
    // Drop trailing joiners (`… thành phố và` → `… thành phố`).
    let mut name = info.cleaned.text.get(at..end)?.trim_end().to_owned();
    while let Some((head, last)) = name.rsplit_once(' ') {
        if NOT_LAST.contains(&last) {
            name = head.trim_end().to_owned();
        } else {
            break;
        }
    }
    if name.is_empty() {
        return None;
    }
    let end = at + name.len();
    Some((name, at..end))
}

#[cfg(test)]
mod letter_tests {
    #[test]
    fn issuer_words_are_in_byte_order() {
        assert!(super::ISSUER_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(super::ISSUER_WORDS.iter().all(|w| !w.is_empty()));
    }

    #[test]
    fn issuer_word_lookup_is_the_binary_search() {
        let mut words: Vec<String> = super::ISSUER_WORDS.iter().map(|w| w.to_string()).collect();
        for w in super::ISSUER_WORDS {
            words.push(format!("{w}x"));
            let mut shorter = w.chars();
            shorter.next_back();
            words.push(shorter.as_str().to_owned());
            words.push(w.to_uppercase());
        }
        words.extend(["", "về", "của", "ủ", "a", "zz"].map(str::to_owned));
        for w in &words {
            let expected = super::ISSUER_WORDS.binary_search(&w.as_str()).is_ok();
            assert_eq!(super::is_issuer_word(w), expected, "{w:?}");
        }
    }

    /// Folding keeps letters letters (and others others), so word starts
    /// and letter runs are the same in a line and its folded text.
    #[test]
    fn folding_keeps_letters() {
        for u in 0..=0x10FFFFu32 {
            if let Some(c) = char::from_u32(u) {
                let folded = crate::document::markup::fold_one(c);
                assert_eq!(super::fold(c), folded, "{u:x}");
                assert_eq!(super::is_letter(folded), super::is_letter(c), "{u:x}");
                assert_eq!(
                    super::is_alphanumeric(folded),
                    super::is_alphanumeric(c),
                    "{u:x}"
                );
                // What the grammar's `code` and `str::trim_end` read.
                assert_eq!(
                    pest::unicode::LETTER(folded),
                    pest::unicode::LETTER(c),
                    "{u:x}"
                );
                assert_eq!(folded.is_whitespace(), c.is_whitespace(), "{u:x}");
                if matches!(c, ' ' | '\t' | '\u{a0}') || c.is_ascii_digit() {
                    assert_eq!(folded, c);
                }
            }
        }
    }

    #[test]
    fn is_letter_is_is_alphabetic() {
        for u in 0..0x3100u32 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(super::is_letter(c), c.is_alphabetic(), "{u:x}");
                assert_eq!(super::is_alphanumeric(c), c.is_alphanumeric(), "{u:x}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::markup::{clean, fold_case};

    /// `may_be_citation` only turns away windows the grammar turns away too.
    #[test]
    fn citation_precheck_agrees_with_grammar() {
        let mut lines: Vec<String> = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["examples", "tests/fixtures/rules", "tests/fixtures/batch"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
                if let Ok(text) = std::fs::read_to_string(entry.path()) {
                    lines.extend(text.lines().map(str::to_owned));
                }
            }
        }
        lines.extend(
            [
                "Kế hoạch số 28/KH-UBND ngày 1/2/2026",
                "kế hoạch hành động số 5-nq/tw",
                "thông tư liên tịch 1/2020/ttlt-btc",
                "luật\u{a0}\t số  \t 12/2020/qh14",
                "quyết định 1234567/qđ-ttg",
                "quyết định số ",
                "nghị quyết 57- nq/tw",
                "kế hoạch này",
                "kế hoạch năm 2026",
            ]
            .map(str::to_owned),
        );
        let mut checked = 0;
        for line in &lines {
            let folded = fold_case(&clean(line).text);
            for found in type_words().find_iter(&folded) {
                let start = found.start();
                let end = floor_boundary(&folded, start + WINDOW);
                let window = &folded[start..end];
                let parsed = PlanParser::parse(Rule::citation, window).is_ok();
                assert!(!parsed || may_be_citation(window), "{window:?}");
                checked += 1;
            }
        }
        assert!(checked > 100);
    }

    /// The type words at which the grammar's `citation` matches, in order,
    /// searched in `spans` of the folded line.
    fn grammar_starts(folded: &str, spans: Vec<Range<usize>>) -> Vec<usize> {
        spans
            .into_iter()
            .flat_map(|span| type_words().find_iter(aho_corasick::Input::new(folded).span(span)))
            .map(|m| m.start())
            .filter(|&start| {
                let end = floor_boundary(folded, start + WINDOW);
                let window = &folded[start..end];
                may_be_citation(window) && citation(window).is_some()
            })
            .collect()
    }

    /// Every line of the examples and fixtures.
    fn example_and_fixture_lines() -> Vec<String> {
        let docs = crate::document::parser::tests::example_and_fixture_texts();
        docs.iter()
            .flat_map(|d| d.lines())
            .map(str::to_owned)
            .collect()
    }

    /// Searching only [`type_word_spans`] (reachable stretches, from the
    /// mark before) finds the same citations as searching every stretch of
    /// [`type_word_runs`], in the line as written and in upper case.
    #[test]
    fn type_word_spans_keep_every_citation() {
        let mut lines = example_and_fixture_lines();
        let pieces = [
            "Kế hoạch ",
            "kế hoạch hành động",
            "CHƯƠNG TRÌNH",
            "Quyết định",
            " số ",
            "Số\u{a0}",
            "SỐ\t",
            "thông báo cáo ",
            "thông tư liên tịch ",
            "12/",
            "3-",
            "57-NQ/TW",
            "1/2020/",
            "x",
            ", ",
            "ngày 2/3/2024 ",
            "luật",
            "(",
            "9",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    lines.push(format!("{a}{b}{c}qđ-ttg"));
                    lines.push(format!("{a}{b}{c}{a}{b}"));
                }
            }
        }
        let upper: Vec<String> = lines.iter().map(|l| l.to_uppercase()).collect();
        lines.extend(upper);
        let mut found = 0;
        for line in &lines {
            let cleaned = clean(line).text;
            let folded = fold_case(&cleaned);
            let bytes = cleaned.as_bytes();
            let marks: Vec<usize> = memchr::memchr2_iter(b'/', b'-', bytes)
                .filter(|&at| at > 0 && bytes[at - 1].is_ascii_digit())
                .collect();
            let every = grammar_starts(&folded, type_word_runs(&folded, &marks).collect());
            let spans = grammar_starts(&folded, type_word_spans(&cleaned, &marks).collect());
            assert_eq!(spans, every, "{line:?}");
            found += every.len();
        }
        assert!(found > 1000, "{found}");
    }

    /// Searching only [`type_word_runs`] finds every type word of the whole
    /// line at which [`may_be_citation`] holds, and no other.
    #[test]
    fn type_word_runs_keep_every_candidate() {
        let mut lines = example_and_fixture_lines();
        let pieces = [
            "kế hoạch ",
            "Quyết định",
            "số ",
            "thông báo cáo ",
            "12/",
            "3-",
            "57- nq/tw",
            "x",
            ", ",
            "\u{a0}",
            "–",
            "1234567/",
            "(",
            "chỉ thị",
            "9",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    lines.push(format!("{a}{b}{c}"));
                    lines.push(format!("{a}{b}{c}{a}"));
                }
            }
        }
        let candidates = |folded: &str, found: Vec<aho_corasick::Match>| -> Vec<usize> {
            found
                .into_iter()
                .map(|m| m.start())
                .filter(|&start| {
                    let end = floor_boundary(folded, start + WINDOW);
                    may_be_citation(&folded[start..end])
                })
                .collect()
        };
        let mut kept = 0;
        for line in &lines {
            let folded = fold_case(&clean(line).text);
            let whole = candidates(&folded, type_words().find_iter(folded.as_str()).collect());
            let bytes = folded.as_bytes();
            let marks: Vec<usize> = memchr::memchr2_iter(b'/', b'-', bytes)
                .filter(|&at| at > 0 && bytes[at - 1].is_ascii_digit())
                .collect();
            // The stretches are the same in the line and its folded text.
            let cleaned = clean(line).text;
            let stretches: Vec<_> = type_word_runs(&folded, &marks).collect();
            assert_eq!(
                type_word_runs(&cleaned, &marks).collect::<Vec<_>>(),
                stretches
            );
            let runs = candidates(
                &folded,
                stretches
                    .into_iter()
                    .flat_map(|run| {
                        type_words().find_iter(aho_corasick::Input::new(&folded).span(run))
                    })
                    .collect(),
            );
            assert_eq!(runs, whole, "{line:?}");
            kept += runs.len();
        }
        assert!(kept > 100);
    }
}
