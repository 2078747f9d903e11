//! First pass: lines, their cleaned text and what the grammar says they start with.

use std::cell::OnceCell;
use std::ops::Range;

use pest::iterators::Pair;
use pest::Parser;

use super::grammar::{PlanParser, Rule};
use super::quick_heads::{bullet_line, common_head, number_line, BULLET_MARKS};
use super::rare_heads;
use crate::document::markup::{clean, fold_case, fold_one, Cleaned, MARKUP_BYTES};
use crate::document::model::{LineKind, NumberingStyle, Span};
use crate::document::numbers::roman_value;

/// One input line as the assembly passes see it. Ranges are byte ranges of
/// `cleaned.text` unless said otherwise.
#[derive(Debug)]
pub struct LineInfo<'a> {
    /// The raw line in the document, without `\n` and `\r`.
    pub span: Span,
    pub cleaned: Cleaned<'a>,
    /// `cleaned.text` lower-cased without moving bytes (what the grammar
    /// reads), made when first asked for: most lines never need it.
    folded: OnceCell<String>,
    /// `cleaned.text` without surrounding white space.
    pub content: Range<usize>,
    pub head: Head,
    /// Cells when the line is tab- or `|`-separated.
    pub cells: Option<Cells>,
}

#[derive(Debug, Clone)]
pub struct Cells {
    /// Untrimmed cell ranges.
    pub ranges: Vec<Range<usize>>,
    pub pipe: bool,
    /// A Markdown `|---|---|` line.
    pub separator: bool,
}

#[derive(Debug, Clone)]
pub enum Head {
    Blank,
    NationalTitle,
    Motto,
    // The rare heads with many parts are boxed: every line carries a `Head`.
    DocumentNumber(Box<DocNumberHead>),
    PlaceDate(Box<PlaceDateHead>),
    TypeWord { word: Range<usize> },
    Basis { verb: Range<usize>, rest: usize },
    Heading(HeadingHead),
    Bullet { rest: usize },
    Recipients { rest: usize },
    Signatory,
    AppendixLabel { label: Range<usize>, rest: usize },
    AttachedTo(Box<AttachedHead>),
    Text,
}

#[derive(Debug, Clone)]
pub struct HeadingHead {
    pub style: NumberingStyle,
    pub label: Range<usize>,
    /// Where the title starts.
    pub rest: usize,
}

#[derive(Debug, Clone)]
pub struct DocNumberHead {
    pub whole: Range<usize>,
    pub symbol: Range<usize>,
    pub number: Option<Range<usize>>,
    pub type_code: Option<Range<usize>>,
    pub issuer_code: Option<Range<usize>>,
    pub place_date: Option<PlaceDateHead>,
}

#[derive(Debug, Clone)]
pub struct PlaceDateHead {
    pub whole: Range<usize>,
    pub place: Option<Range<usize>>,
    pub day: Option<Range<usize>>,
    pub month: Option<Range<usize>>,
    pub year: Option<Range<usize>>,
}

#[derive(Debug, Clone)]
pub struct AttachedHead {
    pub whole: Range<usize>,
    pub symbol: Option<Range<usize>>,
    pub day: Option<Range<usize>>,
    pub month: Option<Range<usize>>,
    pub year: Option<Range<usize>>,
}

impl LineInfo<'_> {
    pub fn text(&self) -> &str {
        &self.cleaned.text
    }

    /// `cleaned.text` lower-cased without moving bytes ([`fold_case`]).
    pub fn folded(&self) -> &str {
        self.folded.get_or_init(|| fold_case(&self.cleaned.text))
    }

    /// [`Self::folded`] if it was made already.
    pub fn folded_if_made(&self) -> Option<&str> {
        self.folded.get().map(String::as_str)
    }

    /// Trimmed cleaned text of the line.
    pub fn content_text(&self) -> &str {
        self.cleaned.text.get(self.content.clone()).unwrap_or("")
    }

    /// Cleaned text of a range, untrimmed.
    pub fn slice_raw(&self, range: Range<usize>) -> &str {
        self.cleaned.text.get(range).unwrap_or("")
    }

    /// Cleaned text of a range, trimmed.
    pub fn slice(&self, range: Range<usize>) -> &str {
        self.cleaned.text.get(range).unwrap_or("").trim()
    }

    /// `range` shrunk to exclude surrounding white space.
    pub fn trimmed(&self, range: Range<usize>) -> Range<usize> {
        trim_range(&self.cleaned.text, range)
    }

    pub fn is_blank(&self) -> bool {
        matches!(self.head, Head::Blank)
    }
}

pub fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range.start..range.start;
    };
    // Edges that are ASCII but not white space (most lines and cells)
    // leave nothing to trim; `char::is_whitespace` of ASCII is 9 to 13 and 32.
    let kept = |b: &u8| b.is_ascii() && !matches!(b, b' ' | b'\t'..=b'\r');
    let bytes = slice.as_bytes();
    if bytes.first().is_some_and(kept) && bytes.last().is_some_and(kept) {
        return range;
    }
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    start..end.max(start)
}

pub fn default_kind(info: &LineInfo) -> LineKind {
    if info.is_blank() {
        LineKind::Blank
    } else {
        LineKind::Text
    }
}

/// The lines of `text`, whose line starts (0, then each offset after a
/// `\n`) are `starts`.
pub fn read_lines<'a>(text: &'a str, starts: &[usize]) -> Vec<LineInfo<'a>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(starts.len());
    // Where markup bytes and tabs are, found in one pass over the whole
    // text each rather than one search per line (most lines have none).
    let [a, b, c, d, e, f] = MARKUP_BYTES;
    let mut markup = [
        Ahead::new(memchr::memchr3_iter(a, b, c, bytes)),
        Ahead::new(memchr::memchr3_iter(d, e, f, bytes)),
    ];
    let tabs: Vec<usize> = memchr::memchr_iter(b'\t', bytes).collect();
    let mut next_tab = 0;
    let ends = starts
        .iter()
        .skip(1)
        .map(|&next| next - 1)
        .chain(std::iter::once(text.len()));
    // `text.split('\n')`.
    for (&start, end) in starts.iter().zip(ends) {
        let line = text.get(start..end).unwrap_or("");
        let raw = line.strip_suffix('\r').unwrap_or(line);
        let span = Span::new(start, start + raw.len());
        if raw.is_empty() {
            // What `read_line` makes of an empty line, without its checks.
            out.push(LineInfo {
                span,
                cleaned: Cleaned::plain(raw),
                folded: OnceCell::new(),
                content: 0..0,
                head: Head::Blank,
                cells: None,
            });
            continue;
        }
        let has_markup = markup.iter_mut().any(|m| m.any_in(span));
        // The tabs of the line, as offsets of the raw line.
        let first_tab = next_tab;
        while tabs.get(next_tab).is_some_and(|&at| at < span.end) {
            next_tab += 1;
        }
        let line_tabs = &tabs[first_tab..next_tab];
        out.push(read_line(raw, span, has_markup, line_tabs));
    }
    out
}

/// Line starts of `text`: 0, then each offset after a `\n`.
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
    starts
}

/// Offsets from an ascending iterator, asked about ascending spans.
struct Ahead<I: Iterator<Item = usize>> {
    next: Option<usize>,
    rest: I,
}

impl<I: Iterator<Item = usize>> Ahead<I> {
    fn new(mut rest: I) -> Self {
        Ahead {
            next: rest.next(),
            rest,
        }
    }

    /// Whether an offset falls in `span`; those before it are dropped.
    fn any_in(&mut self, span: Span) -> bool {
        while self.next.is_some_and(|at| at < span.start) {
            self.next = self.rest.next();
        }
        self.next.is_some_and(|at| at < span.end)
    }
}

/// `has_markup` says whether `raw` holds a markup byte ([`MARKUP_BYTES`]);
/// `tabs` are the document offsets of its tabs.
fn read_line<'a>(raw: &'a str, span: Span, has_markup: bool, tabs: &[usize]) -> LineInfo<'a> {
    let cleaned = if has_markup {
        clean(raw)
    } else {
        Cleaned::plain(raw)
    };
    let folded = OnceCell::new();
    let content = trim_range(&cleaned.text, 0..cleaned.text.len());
    let long = super::limits::is_long(span);
    let cells = if long {
        None
    } else if tabs.is_empty() {
        // Cleaning adds no tab.
        pipe_cells(&cleaned.text, content.clone())
    } else if has_markup {
        // Cleaning may remove a tab (inside an HTML tag): the cleaned text tells.
        let text = cleaned.text.as_bytes();
        let tabs: Vec<usize> = memchr::memchr_iter(b'\t', text).collect();
        if tabs.is_empty() {
            pipe_cells(&cleaned.text, content.clone())
        } else {
            Some(tab_cells(text.len(), tabs.iter().copied()))
        }
    } else {
        Some(tab_cells(raw.len(), tabs.iter().map(|&at| at - span.start)))
    };
    let head = if content.is_empty() {
        Head::Blank
    } else if long {
        Head::Text
    } else {
        classify_lazily(&cleaned.text, &folded)
    };
    LineInfo {
        span,
        cleaned,
        folded,
        content,
        head,
        cells,
    }
}

/// Cells of a line of `len` bytes with tabs at `tabs` (ascending).
fn tab_cells(len: usize, tabs: impl ExactSizeIterator<Item = usize>) -> Cells {
    let mut ranges = Vec::with_capacity(tabs.len() + 1);
    let mut start = 0;
    for i in tabs {
        ranges.push(start..i);
        start = i + 1;
    }
    ranges.push(start..len);
    Cells {
        ranges,
        pipe: false,
        separator: false,
    }
}

/// Cells of a `|`-separated line without tabs; `content` is `text` trimmed.
fn pipe_cells(text: &str, content: Range<usize>) -> Option<Cells> {
    let bytes = text.as_bytes();
    let trimmed = &bytes[content.clone()];
    if trimmed.first() == Some(&b'|') && memchr::memchr(b'|', &trimmed[1..]).is_some() {
        let offset = content.start;
        let body = &text[..offset + trimmed.len()];
        // The line's first `|` opens the first cell.
        let first = offset + 1;
        let mut ranges = Vec::new();
        let mut start = first;
        for i in memchr::memchr_iter(b'|', &body.as_bytes()[first..]) {
            ranges.push(start..first + i);
            start = first + i + 1;
        }
        if start < body.len() && !body[start..].trim().is_empty() {
            ranges.push(start..body.len());
        }
        let separator = ranges.iter().all(|r| {
            let cell = text[r.clone()].trim();
            cell.is_empty() || (cell.contains('-') && cell.chars().all(|c| matches!(c, '-' | ':')))
        });
        return Some(Cells {
            ranges,
            pipe: true,
            separator,
        });
    }
    None
}

fn range(pair: &Pair<Rule>) -> Range<usize> {
    let span = pair.as_span();
    span.start()..span.end()
}

fn find(pair: &Pair<Rule>, rule: Rule) -> Option<Range<usize>> {
    pair.clone()
        .into_inner()
        .flatten()
        .find(|p| p.as_rule() == rule)
        .map(|p| range(&p))
}

/// [`classify`] of a line whose folded text is made only when the grammar
/// needs it: bullet marks, digits, dots and white space have no case, so
/// `bullet_line` and `number_line` read the line as it is.
pub(super) fn classify_lazily(text: &str, folded: &OnceCell<String>) -> Head {
    let rest = text.trim_start_matches([' ', '\t', '\u{a0}']);
    let bytes = rest.as_bytes();
    let Some(&first) = bytes.first() else {
        return Head::Text;
    };
    if rest.starts_with(BULLET_MARKS) {
        return bullet_line(text);
    }
    if first.is_ascii_digit() {
        // No letter folds to a digit or `.`: `may_have_head`'s test, unfolded.
        let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
        return if bytes.get(digits) == Some(&b'.') {
            number_line(text)
        } else {
            Head::Text
        };
    }
    if !may_have_head_unfolded(rest) {
        return Head::Text;
    }
    if matches!(first, b's' | b'S') {
        if let Some(head) = rare_heads::number_line_head(text) {
            return head;
        }
    }
    let mut dated = may_be_place_date_unfolded(rest);
    if dated && rare_heads::before_place_date_fail(rest) {
        if let Some(head) = rare_heads::dated_head(text) {
            return head;
        }
        // `place_date` failed too: `line` answers what `undated_line` does,
        // `text` when none of its other alternatives can match.
        if !may_have_undated_head_unfolded(rest) {
            return Head::Text;
        }
        dated = false;
    }
    if !dated {
        if let Some(head) = common_head(text).or_else(|| rare_heads::rare_head(text)) {
            return head;
        }
    }
    classify_with_grammar(text, folded.get_or_init(|| fold_case(text)))
}

/// [`may_have_head`] of `fold_case(rest)` for a `rest` that starts with no
/// white space, bullet mark nor digit, folding only what it compares: no
/// character but an ASCII letter folds to an ASCII one, and folding moves no byte.
fn may_have_head_unfolded(rest: &str) -> bool {
    may_have_undated_head_unfolded(rest) || may_be_place_date_unfolded(rest)
}

/// [`may_have_head_unfolded`] for `undated_line`: false only when no
/// alternative of `line` but `place_date` and `text` can match.
fn may_have_undated_head_unfolded(rest: &str) -> bool {
    let bytes = rest.as_bytes();
    let Some(&first) = bytes.first() else {
        return false;
    };
    if first == b'(' {
        return true;
    }
    let roman = bytes
        .iter()
        .take_while(|b| matches!(b.to_ascii_lowercase(), b'i' | b'v' | b'x' | b'l' | b'c'))
        .count();
    if roman > 0 && bytes.get(roman) == Some(&b'.') {
        return true;
    }
    if (first.is_ascii_alphabetic() && bytes.get(1) == Some(&b')'))
        || starts_with_folded(rest, "đ)")
    {
        return true;
    }
    // Only the words that start with the line's first letter, folded.
    let first = rest.chars().next().map(fold_one);
    head_words_from(first)
        .iter()
        .any(|w| starts_with_folded(rest, w))
}

/// [`may_be_place_date`] of `fold_case(text)`.
fn may_be_place_date_unfolded(text: &str) -> bool {
    memchr::memchr(b',', text.as_bytes()).is_some_and(|comma| {
        starts_with_folded(
            text[comma + 1..].trim_start_matches([' ', '\t', '\u{a0}']),
            "ngày",
        )
    })
}

/// `fold_case(text).starts_with(word)` for a folded `word`, folding only as
/// many characters as `word` has.
#[inline]
pub(super) fn starts_with_folded(text: &str, word: &str) -> bool {
    // Folding keeps each char's UTF-8 length (an ASCII byte folds to an
    // ASCII byte, nothing else does), so the folded prefix is the first
    // `word.len()` bytes, compared char by char without decoding ASCII.
    let (text, word) = (text.as_bytes(), word.as_bytes());
    let mut i = 0;
    while let Some(&w) = word.get(i) {
        let Some(&t) = text.get(i) else {
            return false;
        };
        if t < 0x80 {
            if t.to_ascii_lowercase() != w {
                return false;
            }
            i += 1;
            continue;
        }
        if w < 0x80 {
            // Nothing but ASCII folds to ASCII.
            return false;
        }
        let len = utf8_len(t);
        if utf8_len(w) != len {
            // Folding keeps the length.
            return false;
        }
        let (Some(t), Some(w)) = (text.get(i..i + len), word.get(i..i + len)) else {
            return false;
        };
        // Both are whole characters: `i` is a char boundary of `word`, and
        // of `text` since the characters before matched with equal lengths.
        if t != w && fold_one(decode(t)) != decode(w) {
            return false;
        }
        i += len;
    }
    true
}

/// The character whose UTF-8 encoding is `bytes` (a whole, valid one).
#[inline]
fn decode(bytes: &[u8]) -> char {
    let tail = |from: usize| {
        bytes[from..]
            .iter()
            .fold(0u32, |code, &b| (code << 6) | u32::from(b & 0x3F))
    };
    let code = match bytes.len() {
        2 => (u32::from(bytes[0] & 0x1F) << 6) | tail(1),
        3 => (u32::from(bytes[0] & 0x0F) << 12) | tail(1),
        _ => (u32::from(bytes[0] & 0x07) << 18) | tail(1),
    };
    char::from_u32(code).unwrap_or('\0')
}

/// Length of the UTF-8 sequence a (non-ASCII) lead byte starts.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xf0.. => 4,
        0xe0.. => 3,
        _ => 2,
    }
}

/// What the grammar says the line starts with. `text` is the cleaned line,
/// `folded` its lower-cased twin (same offsets).
pub fn classify(text: &str, folded: &str) -> Head {
    if !may_have_head(folded) {
        return Head::Text;
    }
    classify_with_grammar(text, folded)
}

/// [`classify`] without the pre-check: asks the grammar, or its shorter
/// choice `bullet_line` or `number_line` (written out in [`super::quick_heads`])
/// when the first character rules out every other alternative of `line`,
/// or `undated_line` when `place_date` cannot match.
fn classify_with_grammar(text: &str, folded: &str) -> Head {
    let rule = match folded
        .trim_start_matches([' ', '\t', '\u{a0}'])
        .chars()
        .next()
    {
        Some(c) if BULLET_MARKS.contains(&c) => return bullet_line(folded),
        Some('0'..='9') => return number_line(folded),
        _ if may_be_place_date(folded) => Rule::line,
        _ => Rule::undated_line,
    };
    classify_with(rule, text, folded)
}

/// What the grammar's entry `rule` (`line` or one of its shorter choices)
/// says the line starts with.
pub(super) fn classify_with(rule: Rule, text: &str, folded: &str) -> Head {
    let Ok(mut pairs) = PlanParser::parse(rule, folded) else {
        return Head::Text;
    };
    let Some(head) = pairs.next().and_then(|line| line.into_inner().next()) else {
        return Head::Text;
    };
    let end = head.as_span().end();
    match head.as_rule() {
        Rule::national_title => Head::NationalTitle,
        Rule::motto => Head::Motto,
        Rule::document_number => {
            let symbol = find(&head, Rule::doc_symbol).unwrap_or(end..end);
            let place_date = head
                .clone()
                .into_inner()
                .find(|p| p.as_rule() == Rule::place_date)
                .map(|p| place_date(&p));
            let symbol_pair = head
                .clone()
                .into_inner()
                .find(|p| p.as_rule() == Rule::doc_symbol);
            let part = |rule| symbol_pair.as_ref().and_then(|p| find(p, rule));
            Head::DocumentNumber(Box::new(DocNumberHead {
                whole: range(&head),
                symbol,
                number: part(Rule::doc_num),
                type_code: part(Rule::type_code),
                issuer_code: part(Rule::issuer_code),
                place_date,
            }))
        }
        Rule::place_date => Head::PlaceDate(Box::new(place_date(&head))),
        Rule::attached_to => Head::AttachedTo(Box::new(attached(&head))),
        Rule::recipients_head => Head::Recipients { rest: end },
        Rule::signature_head => Head::Signatory,
        Rule::appendix_head => {
            let start = head.as_span().start();
            let label_end = text.get(start..end).map_or(end, |s| {
                start + s.trim_end_matches([' ', ':', '.', '-', '–']).len()
            });
            Head::AppendixLabel {
                label: start..label_end,
                rest: end,
            }
        }
        Rule::type_word => Head::TypeWord { word: range(&head) },
        Rule::basis => Head::Basis {
            verb: find(&head, Rule::basis_verb).unwrap_or(end..end),
            rest: end,
        },
        Rule::part_heading => heading(&head, Rule::roman_label, NumberingStyle::Part, end),
        Rule::dotted_heading => heading(&head, Rule::dotted_label, NumberingStyle::Dotted, end),
        Rule::roman_heading => roman_heading(
            text,
            find(&head, Rule::roman_label).unwrap_or(end..end),
            end,
        ),
        Rule::arabic_heading => heading(&head, Rule::arabic_label, NumberingStyle::Arabic, end),
        Rule::letter_heading => letter_heading(
            text,
            find(&head, Rule::letter_label).unwrap_or(end..end),
            end,
        ),
        Rule::bullet => Head::Bullet { rest: end },
        _ => Head::Text,
    }
}

/// Words that the `line` rule's alternatives can start with (after `sp`),
/// besides the type words: `national_title`, `motto`, `document_number`,
/// `recipients_head`, `appendix_head`, `basis`, `part_heading`,
/// `signature_head`.
const OTHER_HEAD_WORDS: &[&str] = &[
    "cộng h",
    "độc lập",
    "số",
    "nơi nhận",
    "phụ lục",
    "căn cứ",
    "thực hiện",
    "phần",
    "tm",
    "kt",
    "tl",
    "tuq",
    "q",
];

/// The head words: [`OTHER_HEAD_WORDS`] and the grammar's type words.
fn head_words() -> impl Iterator<Item = &'static str> {
    OTHER_HEAD_WORDS
        .iter()
        .chain(super::quick_heads::TYPE_WORDS.iter())
        .copied()
}

/// The [`head_words`] that start with `first` (checked against them in the tests).
fn head_words_from(first: Option<char>) -> &'static [&'static str] {
    match first {
        Some('b') => &["báo cáo"],
        Some('c') => &["cộng h", "căn cứ", "chương trình", "chỉ thị", "công văn"],
        Some('đ') => &["độc lập", "đề án"],
        Some('h') => &["hướng dẫn"],
        Some('k') => &["kt", "kế hoạch"],
        Some('n') => &["nơi nhận", "nghị quyết"],
        Some('p') => &["phụ lục", "phần"],
        Some('q') => &["q", "quyết định", "quy chế", "quy định"],
        Some('s') => &["số"],
        Some('t') => &["thực hiện", "tm", "tl", "tuq", "tờ trình", "thông báo"],
        _ => &[],
    }
}

/// False only when no alternative of the grammar's `line` rule but `text`
/// can match `folded`, so the grammar would answer [`Head::Text`]: a cheap
/// necessary condition for each alternative, checked before running pest on
/// every line. Most body lines start with an ordinary word and skip pest.
pub(super) fn may_have_head(folded: &str) -> bool {
    let rest = folded.trim_start_matches([' ', '\t', '\u{a0}']);
    let bytes = rest.as_bytes();
    let Some(&first) = bytes.first() else {
        return false;
    };
    // arabic_heading, dotted_heading: only they can start with a digit, and
    // both need `.` right after the first run of digits (a table row `1<TAB>…`
    // has none).
    if first.is_ascii_digit() {
        let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
        return bytes.get(digits) == Some(&b'.');
    }
    // attached_to; bullet (ASCII marks).
    if matches!(first, b'(' | b'-' | b'+') {
        return true;
    }
    // bullet (other marks): `•`, `–`, `●`, `○`, `▪`, `◦`.
    if rest.starts_with(['•', '–', '●', '○', '▪', '◦']) {
        return true;
    }
    // roman_heading: 1 to 7 of `ivxlc`, then `.`.
    let roman = bytes
        .iter()
        .take_while(|b| matches!(b, b'i' | b'v' | b'x' | b'l' | b'c'))
        .count();
    if roman > 0 && bytes.get(roman) == Some(&b'.') {
        return true;
    }
    // letter_heading: one ASCII lower-case letter or `đ`, then `)`.
    if (first.is_ascii_lowercase() && bytes.get(1) == Some(&b')')) || rest.starts_with("đ)") {
        return true;
    }
    if head_words().any(|w| rest.starts_with(w)) {
        return true;
    }
    may_be_place_date(rest)
}

/// False when the grammar's `place_date` (`place? ~ sp ~ "," ~ sp ~ "ngày"`)
/// cannot match: neither `place` nor `sp` holds a comma, so its comma is the
/// line's first one, and `ngày` follows it after white space. Most lines
/// with a comma fail here, before `place` reads up to 61 letters in pest.
fn may_be_place_date(folded: &str) -> bool {
    folded.find(',').is_some_and(|comma| {
        folded[comma + 1..]
            .trim_start_matches([' ', '\t', '\u{a0}'])
            .starts_with("ngày")
    })
}

/// A `roman_heading` match (`label`, title from `end`) as a head: only
/// upper-case numerals up to 40 before a title that is not lower case.
pub(super) fn roman_heading(text: &str, label: Range<usize>, end: usize) -> Head {
    let value = text.get(label.clone()).and_then(roman_value);
    let title_lower = text
        .get(end..)
        .and_then(|t| t.trim_start().chars().next())
        .is_some_and(char::is_lowercase);
    let upper = text.get(label.clone()).is_some_and(is_upper);
    if upper && value.is_some_and(|v| v <= 40) && !title_lower {
        Head::Heading(HeadingHead {
            style: NumberingStyle::Roman,
            label,
            rest: end,
        })
    } else {
        Head::Text
    }
}

/// A `letter_heading` match as a head: `A)` in capitals is not a point of
/// the Vietnamese sequence.
pub(super) fn letter_heading(text: &str, label: Range<usize>, end: usize) -> Head {
    if text
        .get(label.clone())
        .is_some_and(|l| l.chars().all(char::is_lowercase))
    {
        Head::Heading(HeadingHead {
            style: NumberingStyle::Letter,
            label,
            rest: end,
        })
    } else {
        Head::Text
    }
}

fn heading(pair: &Pair<Rule>, label_rule: Rule, style: NumberingStyle, end: usize) -> Head {
    Head::Heading(HeadingHead {
        style,
        label: find(pair, label_rule).unwrap_or(end..end),
        rest: end,
    })
}

fn place_date(pair: &Pair<Rule>) -> PlaceDateHead {
    PlaceDateHead {
        whole: range(pair),
        place: find(pair, Rule::place),
        day: find(pair, Rule::day),
        month: find(pair, Rule::month),
        year: find(pair, Rule::year),
    }
}

fn attached(pair: &Pair<Rule>) -> AttachedHead {
    AttachedHead {
        whole: range(pair),
        symbol: find(pair, Rule::att_symbol),
        day: find(pair, Rule::day),
        month: find(pair, Rule::month),
        year: find(pair, Rule::year),
    }
}

/// Has letters and none of them lower case (`ỦY BAN NHÂN DÂN`).
pub fn is_upper(text: &str) -> bool {
    let mut letters = false;
    for c in text.chars() {
        if c.is_lowercase() {
            return false;
        }
        letters |= c.is_alphabetic();
    }
    letters
}

/// Parse an `attached_to` clause starting anywhere in a line (seed 004 puts
/// `PHỤ LỤC … (Kèm theo …)` on one line).
pub fn attached_in(folded: &str) -> Option<AttachedHead> {
    let start = ["(kèm theo", "(ban hành kèm theo"]
        .iter()
        .filter_map(|needle| folded.find(needle))
        .min()?;
    let rest = folded.get(start..)?;
    let head = super::attached_rule::attached_to(rest, 0)?;
    let shift = |r: Range<usize>| r.start + start..r.end + start;
    Some(AttachedHead {
        whole: shift(head.whole),
        symbol: head.symbol.map(shift),
        day: head.day.map(shift),
        month: head.month.map(shift),
        year: head.year.map(shift),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_words_from_groups_the_head_words_by_first_letter() {
        for u in 0..0x3100u32 {
            let Some(c) = char::from_u32(u) else {
                continue;
            };
            let mut expected: Vec<&str> = head_words().filter(|w| w.starts_with(c)).collect();
            let mut got = head_words_from(Some(c)).to_vec();
            expected.sort_unstable();
            got.sort_unstable();
            assert_eq!(got, expected, "{c:?}");
        }
        assert!(head_words_from(None).is_empty());
    }

    #[test]
    fn starts_with_folded_is_a_prefix_of_fold_case() {
        let slow = |text: &str, word: &str| {
            let mut chars = text.chars();
            word.chars().all(|w| chars.next().map(fold_one) == Some(w))
        };
        let words = [
            "",
            "đ",
            "số",
            "căn cứ",
            "thực hiện",
            "nơi nhận",
            "cộng h",
            "ngày",
            "tm",
            "k",
        ];
        let mut texts: Vec<String> = Vec::new();
        for word in words {
            texts.push(word.to_owned());
            texts.push(word.to_uppercase());
            texts.push(format!("{} x", word.to_uppercase()));
            for (i, _) in word.char_indices().skip(1) {
                texts.push(word[..i].to_owned());
            }
        }
        for u in (0..0x3100u32).chain([0x1e00, 0x1ec7, 0x212a, 0x10400, 0x1f600]) {
            if let Some(c) = char::from_u32(u) {
                texts.push(format!("{c}"));
                texts.push(format!("s{c}"));
                texts.push(format!("{c}ố"));
            }
        }
        for text in &texts {
            for word in words {
                assert_eq!(
                    starts_with_folded(text, word),
                    slow(text, word),
                    "{text:?} {word:?}"
                );
            }
        }
    }
}
