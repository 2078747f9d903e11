//! `structure` rules: the usual sections present, appendices announced and
//! filled, stated counts (`03 trụ cột:`) matching the list that follows,
//! balanced brackets and quotes.

mod brackets;

use crate::document::model::{NumberingStyle, Span};
use crate::rules::engine::{Check, CheckContext, Emitter};
use crate::rules::kinds::check_name;
use crate::rules::kinds::outline::{self, fold, head, lines, strip_markup, stripped, Heading};
use crate::rules::lazy_regex::LazyRegex;
use crate::rules::loader::RuleSpec;
use crate::rules::text::lines_holding;
use crate::templates::fold::{fold_into, folded_starts_with};

const CHECKS: [&str; 5] = [
    "sections",
    "empty-appendix",
    "appendix-missing",
    "stated-count",
    "brackets",
];

#[derive(Debug)]
struct StructureCheck {
    check: &'static str,
    /// `sections`: each expected section as folded alternatives
    /// (`KINH PHÍ|TÀI CHÍNH`), with the first as written for messages.
    sections: Vec<(String, Vec<String>)>,
}

pub fn compile(spec: &RuleSpec) -> Result<Box<dyn Check>, String> {
    spec.only_params(&["check", "phrases"])?;
    let name = check_name(spec, &CHECKS)?;
    let check = CHECKS.iter().find(|c| **c == name).copied().unwrap_or("");
    if check == "sections" && spec.phrases.is_empty() {
        return Err("check `sections` needs `phrases:` (the expected section titles)".into());
    }
    let sections = spec
        .phrases
        .iter()
        .map(|p| {
            let shown = p.split('|').next().unwrap_or(p).trim().to_owned();
            (shown, p.split('|').map(|a| fold(a.trim())).collect())
        })
        .collect();
    Ok(Box::new(StructureCheck { check, sections }))
}

impl Check for StructureCheck {
    fn check(&self, ctx: &CheckContext, out: &mut Emitter) {
        match self.check {
            "sections" => self.missing_sections(ctx, out),
            "empty-appendix" => empty_appendices(ctx, out),
            "appendix-missing" => appendix_missing(ctx, out),
            "stated-count" => stated_counts(ctx.text, out),
            "brackets" => {
                for u in brackets::unmatched(ctx.text) {
                    let (found, expected) = (u.found.to_string(), u.expected.to_string());
                    out.emit(u.span, &[("found", &found), ("expected", &expected)]);
                }
            }
            _ => {}
        }
    }
}

impl StructureCheck {
    /// Judged only on a plan with at least two top-level sections, so a
    /// fragment is not reported as missing everything. A section is present
    /// when any heading's folded title holds one of its alternatives; the
    /// top-level headings are read first, as they usually name every
    /// section, and the others only while one is still missing.
    fn missing_sections(&self, ctx: &CheckContext, out: &mut Emitter) {
        let headings = outline::headings(ctx);
        let is_top = |h: &&Heading| matches!(h.style, NumberingStyle::Roman | NumberingStyle::Part);
        if headings.iter().filter(is_top).count() < 2 {
            return;
        }
        let mut present = vec![false; self.sections.len()];
        let mut missing = present.len();
        let mut title = String::new();
        let top_first = headings
            .iter()
            .filter(is_top)
            .chain(headings.iter().filter(|h| !is_top(h)));
        for heading in top_first {
            if missing == 0 {
                break;
            }
            title.clear();
            fold_into(&heading.title, &mut title);
            for (found, (_, alternatives)) in present.iter_mut().zip(&self.sections) {
                if !*found && alternatives.iter().any(|a| title.contains(a.as_str())) {
                    *found = true;
                    missing -= 1;
                }
            }
        }
        let at = anchor(ctx);
        for ((shown, _), found) in self.sections.iter().zip(&present) {
            if !found {
                out.emit(at, &[("found", shown.as_str())]);
            }
        }
    }
}

/// Where a document-level finding points: the subject line, the type word,
/// or the first line with text.
fn anchor(ctx: &CheckContext) -> Span {
    let header = &ctx.doc.header;
    if let Some(s) = header.subject.as_ref().or(header.type_word.as_ref()) {
        return s.span;
    }
    lines(ctx.text)
        .find(|(_, l)| !l.trim().is_empty())
        .map(|(start, l)| Span::new(start, start + l.len()))
        .unwrap_or_default()
}

/// Appendix title lines (`Phụ lục`, `PHỤ LỤC II`) with the span of their part.
fn appendix_parts<'c>(ctx: &'c CheckContext) -> &'c [(Span, Span)] {
    ctx.appendix_parts.get_or_init(|| find_appendix_parts(ctx))
}

fn find_appendix_parts(ctx: &CheckContext) -> Vec<(Span, Span)> {
    if !ctx.doc.appendices.is_empty() {
        let starts: Vec<Span> = ctx.doc.appendices.iter().map(|a| a.title.span).collect();
        return parts_from(&starts, ctx.text.len());
    }
    let starts: Vec<Span> = appendix_title_lines(ctx.text).collect();
    parts_from(&starts, ctx.text.len())
}

/// The lines (as [`lines`] gives them) that start with `Phụ lục` once their
/// markup is stripped. Most lines start with an ASCII char that is neither
/// white space nor `p`, `P` or markup, which their first byte tells.
fn appendix_title_lines(text: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(text.len()));
    let mut start = 0;
    ends.filter_map(move |end| {
        let line_start = start;
        start = end + 1;
        let first = bytes.get(line_start).copied().unwrap_or(b'\n');
        let starts_the_content =
            first.is_ascii() && !matches!(first, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ');
        if starts_the_content && !matches!(first, b'p' | b'P' | b'*' | b'<' | b'#') {
            return None;
        }
        let raw = &text[line_start..end];
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        (may_be_appendix_title(line) && folded_starts_with(&stripped(head(line, 40)), "phu luc"))
            .then(|| Span::new(line_start, line_start + line.len()))
    })
}

/// Whether the line may start with `Phụ lục` once its markup is stripped:
/// `false` when its first char past spaces starts no markup (`*`, `<`,
/// `#`) and is ASCII other than `p`, so it starts the stripped line and
/// does not fold to `p`.
fn may_be_appendix_title(line: &str) -> bool {
    match line.trim_start().chars().next() {
        Some(c) if c.is_ascii() => matches!(c, 'p' | 'P' | '*' | '<' | '#'),
        Some(_) => true,
        None => false,
    }
}

fn parts_from(starts: &[Span], text_len: usize) -> Vec<(Span, Span)> {
    starts
        .iter()
        .enumerate()
        .map(|(i, title)| {
            let end = starts.get(i + 1).map_or(text_len, |n| n.start);
            (*title, Span::new(title.start, end.max(title.start)))
        })
        .collect()
}

/// An appendix with nothing but its title and caption, or whose table has
/// no filled row.
fn empty_appendices(ctx: &CheckContext, out: &mut Emitter) {
    for &(title, part) in appendix_parts(ctx) {
        let Some(body) = ctx.text.get(part.start..part.end) else {
            continue;
        };
        let filled = body.lines().skip(1).any(|line| {
            let content = stripped(head(line, 400));
            if content.is_empty() || content.starts_with('(') {
                return false;
            }
            if line.contains('\t') {
                let cells: Vec<String> = line.split('\t').map(strip_markup).collect();
                let header = cells
                    .first()
                    .is_some_and(|c| matches!(c.to_lowercase().as_str(), "stt" | "tt"));
                return !header && cells.iter().skip(1).any(|c| !c.is_empty());
            }
            // The appendix's name, in capitals under its title, is not content.
            content.chars().any(char::is_lowercase)
        });
        if !filled {
            let found = ctx.text.get(title.start..title.end).unwrap_or("");
            out.emit(title, &[("found", strip_markup(found).as_str())]);
        }
    }
}

const MENTION_PATTERN: &str =
    r"(?i)phụ lục (?:chi tiết )?kèm theo|các phụ lục|tại phụ lục|theo phụ lục";

/// The body announces appendices (`Phụ lục kèm theo`) but none is attached.
fn appendix_missing(ctx: &CheckContext, out: &mut Emitter) {
    if !appendix_parts(ctx).is_empty() {
        return;
    }
    if let Some((span, found)) = first_mention(ctx.text) {
        out.emit(span, &[("found", found)]);
    }
}

/// The first match of [`MENTION_PATTERN`], searched only around each `lục`.
/// Every match holds `lục` in some case (`(?i)` folds `l`, `ụ`, `c` to no
/// other char), at most 16 bytes after the match starts and 64 before it
/// ends; so every match lies in the stretch around its `lục`, stretches
/// that overlap are searched as one, and the first stretch with a match
/// holds the text's first match.
fn first_mention(text: &str) -> Option<(Span, &str)> {
    static MENTION: LazyRegex = LazyRegex::new(MENTION_PATTERN);
    let bytes = text.as_bytes();
    // `ụ` is E1 BB A5, `Ụ` E1 BB A4.
    let mut hits: Vec<usize> = memchr::memmem::find_iter(bytes, "ụ")
        .chain(memchr::memmem::find_iter(bytes, "Ụ"))
        .filter(|&at| {
            at > 0
                && matches!(bytes[at - 1], b'l' | b'L')
                && matches!(bytes.get(at + 3), Some(b'c' | b'C'))
        })
        .map(|at| at - 1)
        .collect();
    hits.sort_unstable();
    let mut hits = hits.into_iter().peekable();
    while let Some(first) = hits.next() {
        let start = floor_char_boundary(text, first.saturating_sub(16));
        let mut end = ceil_char_boundary(text, first + 5 + 64);
        while let Some(next) = hits.next_if(|&h| h.saturating_sub(16) <= end) {
            end = ceil_char_boundary(text, next + 5 + 64);
        }
        if let Some(m) = MENTION.find(&text[start..end]) {
            return Some((Span::new(start + m.start(), start + m.end()), m.as_str()));
        }
    }
    None
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char_boundary(text: &str, mut at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

const STATED_PATTERN: &str = r"(?i)(?:^|[\s(,;:])(\d{1,2}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+(?:trụ cột|nhóm nhiệm vụ|nhóm giải pháp|nhiệm vụ trọng tâm|nhiệm vụ|giải pháp|nội dung|mục tiêu|đột phá|nhóm)(?P<run>[^:\n.;]*):[ \t]*";

/// `03 trụ cột: …`, `ba nhóm nhiệm vụ sau:` followed by a list of another length.
fn stated_counts(text: &str, out: &mut Emitter) {
    static STATED: LazyRegex = LazyRegex::new(STATED_PATTERN);
    // A stated count ends with `:`: only lines with one are read.
    for (start, end, line) in lines_holding(text, b':') {
        if !may_state_a_count(line) {
            continue;
        }
        // The lines after this one, as `lines` gives them.
        let following = text.get(end + 1..);
        // `captures_iter` of the pattern with `{0,80}` for `run`: the
        // counter made the automaton hundreds of times larger. The run ends
        // at the first `:` and a longer keyword leaves a shorter run, so a
        // run over 80 chars means no match from this start; the search goes
        // on from the next char, as it would have.
        let mut from = 0;
        while let Some(caps) = STATED.captures_at(line, from) {
            let (Some(whole), Some(number)) = (caps.get(0), caps.get(1)) else {
                break;
            };
            if caps.name("run").map_or(0, |r| r.as_str().chars().count()) > 80 {
                from = whole.start()
                    + line[whole.start()..]
                        .chars()
                        .next()
                        .map_or(1, char::len_utf8);
                continue;
            }
            from = whole.end();
            let Some(stated) = count_word(number.as_str()) else {
                continue;
            };
            let inline = &line[whole.end()..];
            let counted = if inline.trim().is_empty() {
                following_items(following.map(lines).into_iter().flatten())
            } else {
                inline_items(inline)
            };
            let Some(counted) = counted.filter(|c| *c != stated) else {
                continue;
            };
            let found = line[number.start()..whole.end()].trim_end_matches([':', ' ', '\t']);
            let span = Span::new(start + number.start(), start + number.start() + found.len());
            out.emit(
                span,
                &[("found", found), ("expected", &counted.to_string())],
            );
        }
    }
}

/// The words a stated count counts (the regex's alternatives after `\s+`,
/// `nhóm` standing for the longer ones it starts).
const COUNTED: [&str; 7] = [
    "trụ cột",
    "nhóm",
    "nhiệm vụ",
    "giải pháp",
    "nội dung",
    "mục tiêu",
    "đột phá",
];

/// Whether `line` may hold a stated count: a count and white space (the
/// regex's `\s+`) before one of [`COUNTED`], in any case form. Most lines
/// with a `:` (`Đơn vị chủ trì:`) have none, and are not searched.
fn may_state_a_count(line: &str) -> bool {
    // The words come before the count's `:`.
    let Some(colon) = memchr::memrchr(b':', line.as_bytes()) else {
        return false;
    };
    let bytes = &line.as_bytes()[..colon];
    bytes.windows(2).enumerate().any(|(k, pair)| {
        // White space before (an ASCII byte else starts or ends a longer
        // char), then one of the first letters: `t`, `n`, `g`, `m`, `đ`.
        CHAR_CLASS[usize::from(pair[0])] & MAY_END_SPACE != 0
            && CHAR_CLASS[usize::from(pair[1])] & MAY_START_COUNTED != 0
            && {
                let i = k + 1;
                // An ASCII byte of the class is white space; a longer char
                // may be.
                let space_before = pair[0].is_ascii()
                    || line[..i]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_whitespace);
                space_before && {
                    let before = line[..i].trim_end_matches(char::is_whitespace);
                    before.as_bytes().last().is_some_and(|&b| ends_a_count(b))
                        && COUNTED.iter().any(|w| starts_with_any_case(&line[i..], w))
                }
            }
    })
}

const MAY_END_SPACE: u8 = 1;
const MAY_START_COUNTED: u8 = 2;

/// Per byte: whether it may end a white space char (ASCII white space, or
/// the last byte of U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028,
/// U+2029, U+202F, U+205F, U+3000: checked in the tests) and whether it may
/// start one of [`COUNTED`] (`t`, `n`, `g`, `m` in either case, or the lead
/// byte of `đ`/`Đ`).
static CHAR_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if matches!(
            byte,
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' | 0x80
                ..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF
        ) {
            table[b] |= MAY_END_SPACE;
        }
        if matches!(byte | 0x20, b't' | b'n' | b'g' | b'm') || byte == 0xC4 {
            table[b] |= MAY_START_COUNTED;
        }
        b += 1;
    }
    table
};

/// Whether a count (`\d{1,2}` or a count word, in any case) may end with
/// `byte`: a digit or the last letter of `một`, `hai`, `ba`, `bốn`, `năm`,
/// `sáu`, `bảy`, `tám`, `chín`, `mười`.
fn ends_a_count(byte: u8) -> bool {
    byte.is_ascii_digit() || matches!(byte | 0x20, b't' | b'i' | b'a' | b'n' | b'm' | b'u' | b'y')
}

/// Whether `text` starts with `word` (lower case) in a case form the
/// regex's `(?i)` matches (checked in the tests).
fn starts_with_any_case(text: &str, word: &str) -> bool {
    let mut chars = text.chars();
    word.chars().all(|letter| {
        chars.next().is_some_and(|c| {
            c == letter
                || if c.is_ascii() {
                    c.to_ascii_lowercase() == letter
                } else {
                    c.to_lowercase().eq([letter])
                }
        })
    })
}

fn count_word(word: &str) -> Option<usize> {
    if let Ok(n) = word.parse() {
        return Some(n);
    }
    const WORDS: [&str; 10] = [
        "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười",
    ];
    WORDS
        .iter()
        .position(|w| *w == word.to_lowercase())
        .map(|i| i + 1)
}

/// Items on the same line: `(1) …, (2) …`, `a) … b) …`, or `;`-separated.
fn inline_items(rest: &str) -> Option<usize> {
    static MARKER: LazyRegex = LazyRegex::new(r"(?:^|[\s;,])\(?(?:\d{1,2}|[a-zđ])\)\s");
    let markers = MARKER.find_iter(rest).count();
    if markers >= 2 {
        return Some(markers);
    }
    let parts = rest.split(';').filter(|p| !p.trim().is_empty()).count();
    (parts >= 2).then_some(parts)
}

/// Items on the following lines (`-`, `+`, `a)`, `1.`), until the list
/// ends. Only items marked like the first count; others are nested.
fn following_items<'t>(rest: impl Iterator<Item = (usize, &'t str)>) -> Option<usize> {
    static ITEM: LazyRegex = LazyRegex::new(
        r"^(?:(?P<dash>[-–•]\s)|(?P<plus>\+\s)|(?P<letter>\(?[a-zđ]\)\s)|(?P<paren>\(?\d{1,2}\)\s)|(?P<dot>\d{1,2}\.\s))",
    );
    const KINDS: [&str; 5] = ["dash", "plus", "letter", "paren", "dot"];
    let mut first_kind = None;
    let mut count = 0;
    for (_, line) in rest {
        let content = stripped(head(line, 40));
        if content.is_empty() {
            continue;
        }
        let Some(caps) = ITEM.captures(&content) else {
            break;
        };
        let kind = KINDS.iter().find(|k| caps.name(k).is_some()).copied();
        if first_kind.is_none() {
            first_kind = kind;
        }
        if kind == first_kind {
            count += 1;
        }
    }
    (count > 0).then_some(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line the stated-count regex matches passes the prefilter, and
    /// the prefilter's case folding holds every form the regex's does.
    #[test]
    fn the_stated_count_prefilter_passes_every_match() {
        let stated = regex::Regex::new(STATED_PATTERN).unwrap();
        let mut buffer = [0; 4];
        for letter in (COUNTED.concat() + "tianmuy").chars() {
            let regex = regex::Regex::new(&format!("(?i)^{}$", regex::escape(&letter.to_string())))
                .unwrap();
            for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
                let s = c.encode_utf8(&mut buffer);
                assert_eq!(
                    regex.is_match(s),
                    starts_with_any_case(s, &letter.to_string()),
                    "{c:?}"
                );
            }
        }
        let mut lines: Vec<String> = Vec::new();
        for doc in crate::document::parser::tests::example_and_fixture_texts() {
            lines.extend(doc.lines().map(str::to_owned));
        }
        let pieces = [
            "3",
            "BA",
            "Hai",
            " ",
            "\u{a0}",
            "\n",
            "NHIỆM VỤ",
            "Nhóm",
            "trụ Cột",
            ":",
            "x",
            "(",
            ".",
        ];
        lines.extend(crate::sample_texts::all_strings(&pieces, 5));
        let (mut stated_lines, mut passed) = (0, 0);
        for line in &lines {
            let may = may_state_a_count(line);
            passed += usize::from(may);
            if stated.is_match(line) {
                assert!(may, "{line:?}");
                stated_lines += 1;
            }
        }
        assert!(stated_lines > 500, "{stated_lines}");
        assert!(passed < lines.len() * 3 / 4, "{passed} of {}", lines.len());
    }

    /// [`first_mention`] finds what the regex finds in the whole text.
    #[test]
    fn first_mention_agrees_with_the_regex() {
        let regex = regex::Regex::new(MENTION_PATTERN).unwrap();
        let mut texts: Vec<String> = crate::document::parser::tests::example_and_fixture_texts();
        let pieces = [
            "phụ lục",
            "PHỤ LỤC",
            "Phụ Lục",
            "lục",
            " ",
            "chi tiết ",
            "kèm theo",
            "KÈM THEO",
            "\u{212a}èm theo",
            "các ",
            "tại ",
            "theo ",
            "x",
            "\n",
        ];
        texts.extend(crate::sample_texts::all_strings(&pieces, 4));
        let mut found = 0;
        for text in &texts {
            let expected = regex
                .find(text)
                .map(|m| (Span::new(m.start(), m.end()), m.as_str()));
            found += usize::from(expected.is_some());
            assert_eq!(first_mention(text), expected, "{text:?}");
        }
        assert!(found > 1000, "{found}");
    }

    /// The last byte of every white space char may end a space.
    #[test]
    fn every_white_space_char_may_end_a_space() {
        let mut buffer = [0; 4];
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            if c.is_whitespace() {
                let last = *c.encode_utf8(&mut buffer).as_bytes().last().unwrap();
                assert!(CHAR_CLASS[usize::from(last)] & MAY_END_SPACE != 0, "{c:?}");
            }
        }
    }

    /// The appendix title lines are those the first reading found.
    #[test]
    fn appendix_title_lines_agree_with_reading_every_line() {
        let mut texts: Vec<String> = crate::document::parser::tests::example_and_fixture_texts();
        let pieces = [
            "Phụ lục",
            "PHỤ LỤC II",
            "phu luc",
            " ",
            "\u{a0}",
            "**",
            "<b>",
            "# ",
            "\n",
            "\r\n",
            "\t",
            "x",
            "1",
            "Ṕhu luc",
            "\u{b}",
        ];
        texts.extend(crate::sample_texts::all_strings(&pieces, 4));
        let mut titles = 0;
        for text in &texts {
            let reference: Vec<Span> = lines(text)
                .filter(|(_, l)| folded_starts_with(&stripped(head(l, 40)), "phu luc"))
                .map(|(start, l)| Span::new(start, start + l.len()))
                .collect();
            titles += reference.len();
            assert_eq!(
                appendix_title_lines(text).collect::<Vec<_>>(),
                reference,
                "{text:?}"
            );
        }
        assert!(titles > 1000, "{titles}");
    }

    /// The prefilter passes every appendix title.
    #[test]
    fn may_be_appendix_title_passes_every_title() {
        let mut lines: Vec<String> = Vec::new();
        for doc in crate::document::parser::tests::example_and_fixture_texts() {
            lines.extend(doc.lines().map(str::to_owned));
        }
        for title in ["Phụ lục", "PHỤ LỤC II", "phu luc", "Ṕhu luc"] {
            for before in ["", " ", "**", "<b>", "# ", "\u{a0}", "\t*", "x", "1"] {
                lines.push(format!("{before}{title}"));
            }
        }
        let mut titles = 0;
        for line in &lines {
            if folded_starts_with(&stripped(head(line, 40)), "phu luc") {
                assert!(may_be_appendix_title(line), "{line:?}");
                titles += 1;
            }
        }
        assert!(titles > 20, "{titles}");
    }
}
