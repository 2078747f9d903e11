//! The JSON text of `--format json`, written by hand in the layout of
//! `serde_json::to_writer_pretty` (two-space indent, `[]`/`{}` when empty).
//! A batch writes ~40 findings per plan, and serde's per-field writes cost
//! several times more than these; the rare .docx location still goes
//! through serde. The tests in `tests.rs` check the two agree.

use std::borrow::Cow;
use std::sync::OnceLock;

use serde::Serialize;

use super::{Finding, FixOut};
use crate::diagnostic::Applicability;
use crate::templates::Coverage;

/// A comma, a line break and the indent of up to 63 levels: what goes
/// before an element, in one copy.
const BREAK: &[u8; 128] = &{
    let mut bytes = [b' '; 128];
    bytes[0] = b',';
    bytes[1] = b'\n';
    bytes
};

/// Writes into one buffer; `level` is the nesting depth of the value being
/// written (its fields sit at `level + 1`).
pub struct Pretty<'b> {
    pub buf: &'b mut Vec<u8>,
}

/// An object or array being written.
pub struct Open {
    level: usize,
    empty: bool,
}

impl Pretty<'_> {
    fn newline(&mut self, level: usize) {
        self.line_break(false, level);
    }

    /// A line break and the indent of `level`, after a comma if `comma`.
    fn line_break(&mut self, comma: bool, level: usize) {
        let from = usize::from(!comma);
        let end = 2 + 2 * level;
        if end <= BREAK.len() {
            self.buf.extend_from_slice(&BREAK[from..end]);
            return;
        }
        self.buf.extend_from_slice(&BREAK[from..2]);
        let mut spaces = 2 * level;
        while spaces > 0 {
            let n = spaces.min(BREAK.len() - 2);
            self.buf.extend_from_slice(&BREAK[2..2 + n]);
            spaces -= n;
        }
    }

    pub fn open(&mut self, bracket: u8, level: usize) -> Open {
        self.buf.push(bracket);
        Open { level, empty: true }
    }

    /// Before an array element.
    pub fn element(&mut self, open: &mut Open) {
        self.line_break(!open.empty, open.level + 1);
        open.empty = false;
    }

    /// Before an object field's value. Keys are identifiers of the schema
    /// (nothing to escape).
    pub fn key(&mut self, open: &mut Open, key: &str) {
        self.element(open);
        self.buf.push(b'"');
        self.buf.extend_from_slice(key.as_bytes());
        self.buf.extend_from_slice(b"\": ");
    }

    pub fn close(&mut self, open: Open, bracket: u8) {
        if !open.empty {
            self.newline(open.level);
        }
        self.buf.push(bracket);
    }

    /// A string, escaped as serde_json does: `"`, `\`, and control
    /// characters (short forms where JSON has them, else `\u00xx`).
    pub fn string(&mut self, text: &str) {
        let mut rest = text.as_bytes();
        let mut at = escape_at(rest);
        self.buf.reserve(rest.len() + 2);
        self.buf.push(b'"');
        while let Some(&byte) = rest.get(at) {
            self.buf.extend_from_slice(&rest[..at]);
            self.escape(byte);
            rest = &rest[at + 1..];
            at = escape_at(rest);
        }
        self.buf.extend_from_slice(rest);
        self.buf.push(b'"');
    }

    /// [`Self::string`] of a word of the schema (a severity, an
    /// applicability): nothing to escape.
    fn known_string(&mut self, word: &'static str) {
        debug_assert_eq!(escape_at(word.as_bytes()), word.len());
        self.buf.reserve(word.len() + 2);
        self.buf.push(b'"');
        self.buf.extend_from_slice(word.as_bytes());
        self.buf.push(b'"');
    }

    fn escape(&mut self, byte: u8) {
        match byte {
            b'"' => self.buf.extend_from_slice(b"\\\""),
            b'\\' => self.buf.extend_from_slice(b"\\\\"),
            b'\n' => self.buf.extend_from_slice(b"\\n"),
            b'\r' => self.buf.extend_from_slice(b"\\r"),
            b'\t' => self.buf.extend_from_slice(b"\\t"),
            0x08 => self.buf.extend_from_slice(b"\\b"),
            0x0c => self.buf.extend_from_slice(b"\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.buf.extend_from_slice(b"\\u00");
                self.buf.push(HEX[usize::from(byte >> 4)]);
                self.buf.push(HEX[usize::from(byte & 0xf)]);
            }
        }
    }

    pub fn opt_string(&mut self, text: Option<&str>) {
        match text {
            Some(text) => self.string(text),
            None => self.buf.extend_from_slice(b"null"),
        }
    }

    pub fn number(&mut self, n: usize) {
        // Two digits per division, from a table.
        const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
            2021222324252627282930313233343536373839\
            4041424344454647484950515253545556575859\
            6061626364656667686970717273747576777879\
            8081828384858687888990919293949596979899";
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = n;
        while rest >= 100 {
            let pair = rest % 100 * 2;
            rest /= 100;
            at -= 2;
            digits[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
        }
        if rest >= 10 {
            at -= 2;
            digits[at..at + 2].copy_from_slice(&PAIRS[rest * 2..rest * 2 + 2]);
        } else {
            at -= 1;
            digits[at] = b'0' + rest as u8;
        }
        self.buf.extend_from_slice(&digits[at..]);
    }

    pub fn opt_number(&mut self, n: Option<usize>) {
        match n {
            Some(n) => self.number(n),
            None => self.buf.extend_from_slice(b"null"),
        }
    }

    /// Any value through serde, indented for `level`.
    pub fn serde<T: Serialize>(&mut self, value: &T, level: usize) {
        let Ok(text) = serde_json::to_string_pretty(value) else {
            self.buf.extend_from_slice(b"null");
            return;
        };
        let mut lines = text.split('\n');
        if let Some(first) = lines.next() {
            self.buf.extend_from_slice(first.as_bytes());
        }
        for line in lines {
            self.newline(level);
            self.buf.extend_from_slice(line.as_bytes());
        }
    }

    /// One finding, an object at `level`.
    pub fn finding(&mut self, finding: &Finding, level: usize) {
        let keys = FINDING_KEYS.at(level + 1);
        let mut keys = keys.iter();
        let mut key = || keys.next().map_or(&[][..], Vec::as_slice);
        self.buf.push(b'{');
        self.buf.extend_from_slice(&key()[1..]);
        self.string(finding.rule_id);
        self.buf.extend_from_slice(key());
        self.known_string(finding.severity);
        self.buf.extend_from_slice(key());
        self.string(finding.message);
        self.buf.extend_from_slice(key());
        self.opt_string(finding.help);
        self.buf.extend_from_slice(key());
        self.opt_string(finding.docs);
        for value in [
            finding.line,
            finding.column,
            finding.end_line,
            finding.end_column,
            finding.start_byte,
            finding.end_byte,
        ] {
            self.buf.extend_from_slice(key());
            self.opt_number(value);
        }
        self.buf.extend_from_slice(key());
        self.opt_string(finding.matched);
        self.buf.extend_from_slice(key());
        self.opt_string(finding.fingerprint);
        let word_location = key();
        if let Some(location) = &finding.word_location {
            self.buf.extend_from_slice(word_location);
            self.serde(location, level + 1);
        }
        self.buf.extend_from_slice(key());
        match &finding.fix {
            Some(fix) => self.fix(fix, level + 1),
            None => self.buf.extend_from_slice(b"null"),
        }
        self.newline(level);
        self.buf.push(b'}');
    }

    /// Indicator coverage, an object at `level`.
    pub fn coverage(&mut self, coverage: &Coverage, level: usize) {
        let mut o = self.open(b'{', level);
        self.key(&mut o, "template");
        self.string(&coverage.template);
        for (key, n) in [
            ("mandatory", coverage.mandatory),
            ("found", coverage.found),
            ("doubtful", coverage.doubtful),
        ] {
            self.key(&mut o, key);
            self.number(n);
        }
        self.key(&mut o, "missing");
        let mut missing = self.open(b'[', level + 1);
        for m in &coverage.missing {
            self.element(&mut missing);
            let mut e = self.open(b'{', level + 2);
            self.key(&mut e, "id");
            self.string(&m.id);
            self.key(&mut e, "name");
            self.string(&m.name);
            self.close(e, b'}');
        }
        self.close(missing, b']');
        self.key(&mut o, "optional_found");
        self.number(coverage.optional_found);
        self.key(&mut o, "rows");
        self.number(coverage.rows);
        self.key(&mut o, "from_prose");
        self.buf.extend_from_slice(if coverage.from_prose {
            b"true"
        } else {
            b"false"
        });
        self.key(&mut o, "matches");
        let mut matches = self.open(b'[', level + 1);
        let keys = MATCH_KEYS.at(level + 3);
        for m in &coverage.matches {
            self.element(&mut matches);
            self.buf.push(b'{');
            self.buf.extend_from_slice(&keys[0][1..]);
            self.opt_string(m.row_number.as_deref());
            self.buf.extend_from_slice(&keys[1]);
            self.string(&m.row_name);
            self.buf.extend_from_slice(&keys[2]);
            self.opt_number(m.line);
            self.buf.extend_from_slice(&keys[3]);
            self.string(&m.indicator);
            self.buf.extend_from_slice(&keys[4]);
            self.string(&m.indicator_name);
            self.buf.extend_from_slice(&keys[5]);
            // serde_json's own float format.
            if serde_json::to_writer(&mut *self.buf, &m.score).is_err() {
                self.buf.extend_from_slice(b"null");
            }
            self.buf.extend_from_slice(&keys[6]);
            self.string(m.status);
            self.buf.extend_from_slice(&keys[7]);
            self.opt_string(m.runner_up.as_deref());
            self.newline(level + 2);
            self.buf.push(b'}');
        }
        self.close(matches, b']');
        self.close(o, b'}');
    }

    fn fix(&mut self, fix: &FixOut, level: usize) {
        let mut o = self.open(b'{', level);
        self.key(&mut o, "applicability");
        self.known_string(match fix.applicability {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        });
        self.key(&mut o, "edits");
        let mut edits = self.open(b'[', level + 1);
        let keys = EDIT_KEYS.at(level + 3);
        for edit in &fix.edits {
            self.element(&mut edits);
            self.buf.push(b'{');
            self.buf.extend_from_slice(&keys[0][1..]);
            self.number(edit.start_byte);
            self.buf.extend_from_slice(&keys[1]);
            self.number(edit.end_byte);
            self.buf.extend_from_slice(&keys[2]);
            self.string(edit.replacement);
            self.newline(level + 2);
            self.buf.push(b'}');
        }
        self.close(edits, b']');
        self.close(o, b'}');
    }
}

/// What goes before each field value of one kind of object, by the level
/// its fields sit at: a comma (left out before the first field), a line
/// break, the indent and the quoted key with its colon, in one copy.
struct Keys {
    names: &'static [&'static str],
    by_level: [OnceLock<Vec<Vec<u8>>>; 16],
}

impl Keys {
    const fn new(names: &'static [&'static str]) -> Self {
        Keys {
            names,
            by_level: [const { OnceLock::new() }; 16],
        }
    }

    fn at(&'static self, level: usize) -> Cow<'static, [Vec<u8>]> {
        let build = || -> Vec<Vec<u8>> {
            let mut keys = Vec::with_capacity(self.names.len());
            for name in self.names {
                let mut key = Vec::new();
                Pretty { buf: &mut key }.line_break(true, level);
                key.push(b'"');
                key.extend_from_slice(name.as_bytes());
                key.extend_from_slice(b"\": ");
                keys.push(key);
            }
            keys
        };
        match self.by_level.get(level) {
            Some(cell) => Cow::Borrowed(cell.get_or_init(build)),
            None => Cow::Owned(build()),
        }
    }
}

/// The fields of a finding, in order (`word_location` only for a .docx).
static FINDING_KEYS: Keys = Keys::new(&[
    "rule_id",
    "severity",
    "message",
    "help",
    "docs",
    "line",
    "column",
    "end_line",
    "end_column",
    "start_byte",
    "end_byte",
    "matched",
    "fingerprint",
    "word_location",
    "fix",
]);

static MATCH_KEYS: Keys = Keys::new(&[
    "row_number",
    "row_name",
    "line",
    "indicator",
    "indicator_name",
    "score",
    "status",
    "runner_up",
]);

static EDIT_KEYS: Keys = Keys::new(&["start_byte", "end_byte", "replacement"]);

/// The offset of the first byte of `bytes` that JSON needs escaped, or the
/// length. Strings of 32 bytes or more are tested a block of 32 at a time
/// with no exit inside, a loop the compiler turns into vector
/// instructions; shorter ones (most fields) through
/// [`escape_in_words_at`], with no per-byte loop.
fn escape_at(bytes: &[u8]) -> usize {
    const BLOCK: usize = 32;
    if bytes.len() < BLOCK {
        return escape_in_words_at(bytes);
    }
    // `"` is the only byte that xor 2 takes below 0x21 that was not below
    // 0x20 already: two comparisons per byte, not three.
    let block_needs = |block: &[u8; BLOCK]| {
        let found = block.iter().fold(0u8, |found, &b| {
            found | u8::from((b ^ 2) <= 0x20) | u8::from(b == b'\\')
        });
        found != 0
    };
    let mut at = 0;
    for block in bytes.chunks_exact(BLOCK) {
        match <&[u8; BLOCK]>::try_from(block) {
            Ok(block) if !block_needs(block) => at += BLOCK,
            _ => break,
        }
    }
    // Past the whole blocks, none of which needs escaping: the block that
    // ends the string covers what is left.
    if bytes.len() - at < BLOCK {
        let last = bytes.len() - BLOCK;
        if let Ok(block) = <&[u8; BLOCK]>::try_from(&bytes[last..]) {
            if !block_needs(block) {
                return bytes.len();
            }
        }
    }
    at + escape_in_words_at(&bytes[at..])
}

/// Bit 7 of each byte of `word` whose byte needs escaping, with the bit
/// tricks of "Bit Twiddling Hacks" (whether a word has a byte less than
/// n): `"` is the only byte that xor 2 takes below 0x21 that was not below
/// 0x20 already. A borrow can only set bits above a true hit, so the lowest
/// bit set is exact.
fn escapes_in_word(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = ONES * 0x80;
    let quote_or_control = word ^ (ONES * 0x02);
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let below = quote_or_control.wrapping_sub(ONES * 0x21) & !quote_or_control;
    let zero = backslash.wrapping_sub(ONES) & !backslash;
    (below | zero) & HIGHS
}

/// [`escape_at`] eight bytes at a time; the last, partial word is padded
/// with spaces (which need no escaping).
fn escape_in_words_at(bytes: &[u8]) -> usize {
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let hits = escapes_in_word(word);
        if hits != 0 {
            return at + (hits.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    let tail = chunks.remainder();
    if tail.is_empty() {
        return bytes.len();
    }
    let mut padded = [b' '; 8];
    padded[..tail.len()].copy_from_slice(tail);
    let hits = escapes_in_word(u64::from_le_bytes(padded));
    if hits != 0 {
        return at + (hits.trailing_zeros() / 8) as usize;
    }
    bytes.len()
}

#[cfg(test)]
mod escape_tests {
    use super::escape_at;

    /// The byte-by-byte definition, against the block and word tests on
    /// every length up to 80 and every position of each kind of byte.
    #[test]
    fn escape_at_finds_the_first_byte_to_escape() {
        let naive = |bytes: &[u8]| {
            bytes
                .iter()
                .position(|&b| b < 0x20 || b == b'"' || b == b'\\')
                .unwrap_or(bytes.len())
        };
        let specials = [0u8, 0x01, 0x08, b'\n', 0x1f, b'"', b'\\'];
        let plains = [b' ', b'!', b'#', b'[', b']', b'a', 0x7f, 0x80, 0xc3, 0xff];
        for len in 0..80 {
            for &plain in &plains {
                let text = vec![plain; len];
                assert_eq!(escape_at(&text), naive(&text));
                for at in 0..len {
                    for &special in &specials {
                        let mut text = text.clone();
                        text[at] = special;
                        assert_eq!(escape_at(&text), at, "{len} {plain} {at} {special}");
                        if at + 3 < len {
                            text[at + 3] = b'"';
                            assert_eq!(escape_at(&text), at);
                        }
                    }
                }
            }
        }
    }
}
