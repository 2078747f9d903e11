//! The JSON text of `--format json`, written by hand in the layout of
//! `serde_json::to_writer_pretty` (two-space indent, `[]`/`{}` when empty).
//! A batch writes ~40 findings per plan, and serde's per-field writes cost
//! several times more than these; the rare .docx location still goes
//! through serde. The tests in `tests.rs` check the two agree.

use serde::Serialize;

use super::{Finding, FixOut};
use crate::diagnostic::Applicability;
use crate::templates::Coverage;

const SPACES: &[u8] = &[b' '; 64];

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
        self.buf.push(b'\n');
        let mut spaces = 2 * level;
        while spaces > 0 {
            let n = spaces.min(SPACES.len());
            self.buf.extend_from_slice(&SPACES[..n]);
            spaces -= n;
        }
    }

    pub fn open(&mut self, bracket: u8, level: usize) -> Open {
        self.buf.push(bracket);
        Open { level, empty: true }
    }

    /// Before an array element.
    pub fn element(&mut self, open: &mut Open) {
        if !open.empty {
            self.buf.push(b',');
        }
        open.empty = false;
        self.newline(open.level + 1);
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
        self.buf.push(b'"');
        let bytes = text.as_bytes();
        let mut start = 0;
        let mut at = 0;
        while at < bytes.len() {
            // Eight bytes at a time while none needs escaping.
            if let Some(chunk) = bytes.get(at..at + 8) {
                let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
                if !needs_escape(word) {
                    at += 8;
                    continue;
                }
            }
            let byte = bytes[at];
            if byte >= 0x20 && byte != b'"' && byte != b'\\' {
                at += 1;
                continue;
            }
            self.buf.extend_from_slice(&bytes[start..at]);
            self.escape(byte);
            at += 1;
            start = at;
        }
        self.buf.extend_from_slice(&bytes[start..]);
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
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = n;
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
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
        let mut o = self.open(b'{', level);
        self.key(&mut o, "rule_id");
        self.string(finding.rule_id);
        self.key(&mut o, "severity");
        self.string(finding.severity);
        self.key(&mut o, "message");
        self.string(finding.message);
        self.key(&mut o, "help");
        self.opt_string(finding.help);
        self.key(&mut o, "docs");
        self.opt_string(finding.docs);
        for (key, value) in [
            ("line", finding.line),
            ("column", finding.column),
            ("end_line", finding.end_line),
            ("end_column", finding.end_column),
            ("start_byte", finding.start_byte),
            ("end_byte", finding.end_byte),
        ] {
            self.key(&mut o, key);
            self.opt_number(value);
        }
        self.key(&mut o, "matched");
        self.opt_string(finding.matched);
        self.key(&mut o, "fingerprint");
        self.opt_string(finding.fingerprint);
        if let Some(location) = &finding.word_location {
            self.key(&mut o, "word_location");
            self.serde(location, level + 1);
        }
        self.key(&mut o, "fix");
        match &finding.fix {
            Some(fix) => self.fix(fix, level + 1),
            None => self.buf.extend_from_slice(b"null"),
        }
        self.close(o, b'}');
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
        for m in &coverage.matches {
            self.element(&mut matches);
            let mut e = self.open(b'{', level + 2);
            self.key(&mut e, "row_number");
            self.opt_string(m.row_number.as_deref());
            self.key(&mut e, "row_name");
            self.string(&m.row_name);
            self.key(&mut e, "line");
            self.opt_number(m.line);
            self.key(&mut e, "indicator");
            self.string(&m.indicator);
            self.key(&mut e, "indicator_name");
            self.string(&m.indicator_name);
            self.key(&mut e, "score");
            // serde_json's own float format.
            if serde_json::to_writer(&mut *self.buf, &m.score).is_err() {
                self.buf.extend_from_slice(b"null");
            }
            self.key(&mut e, "status");
            self.string(m.status);
            self.key(&mut e, "runner_up");
            self.opt_string(m.runner_up.as_deref());
            self.close(e, b'}');
        }
        self.close(matches, b']');
        self.close(o, b'}');
    }

    fn fix(&mut self, fix: &FixOut, level: usize) {
        let mut o = self.open(b'{', level);
        self.key(&mut o, "applicability");
        self.string(match fix.applicability {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        });
        self.key(&mut o, "edits");
        let mut edits = self.open(b'[', level + 1);
        for edit in &fix.edits {
            self.element(&mut edits);
            let mut e = self.open(b'{', level + 2);
            self.key(&mut e, "start_byte");
            self.number(edit.start_byte);
            self.key(&mut e, "end_byte");
            self.number(edit.end_byte);
            self.key(&mut e, "replacement");
            self.string(edit.replacement);
            self.close(e, b'}');
        }
        self.close(edits, b']');
        self.close(o, b'}');
    }
}

/// Whether any of the eight bytes is `"`, `\\` or below 0x20 (bit tricks
/// from "Bit Twiddling Hacks": a byte is zero / less than n).
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
    (has_zero(word ^ (ONES * u64::from(b'"')))
        | has_zero(word ^ (ONES * u64::from(b'\\')))
        | below_space)
        != 0
}
