//! Line starts of a text, and column checkpoints inside very long lines, so
//! line/column of any offset costs O(log n) plus at most one checkpoint
//! stride of counting — a 50 MB single line with thousands of findings stays
//! linear, not quadratic.

use crate::document::source::visible_width;

/// Lines longer than this get a checkpoint about every this many bytes.
const CHECKPOINT_STRIDE: usize = 4096;

#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `(byte offset, width from its line's start)`, in offset order. A
    /// checkpoint sits before an ASCII byte: ASCII characters never combine
    /// with what precedes them, so widths (counted in NFC) add up across it.
    checkpoints: Vec<(usize, usize)>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut checkpoints = Vec::new();
        for (line, &start) in starts.iter().enumerate() {
            let end = starts.get(line + 1).map_or(text.len(), |next| next - 1);
            if end - start > CHECKPOINT_STRIDE {
                add_checkpoints(text, start, end, &mut checkpoints);
            }
        }
        LineIndex {
            starts,
            checkpoints,
        }
    }

    /// 0-based line containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// Offsets of the line starts: 0, then each offset after a `\n`.
    pub fn starts(&self) -> &[usize] {
        &self.starts
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.min(self.starts.len() - 1)]
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line and column (characters as seen) of `offset`, a char
    /// boundary of `text`. `nfc` says the text is already NFC, where a
    /// character is a code point (cheaper to count).
    pub fn line_and_column(&self, text: &str, offset: usize, nfc: bool) -> (usize, usize) {
        let line = self.line_of(offset);
        let line_start = self.line_start(line).min(offset);
        let nearest = self.checkpoints.partition_point(|&(at, _)| at <= offset);
        let (from, base) = match nearest.checked_sub(1).map(|i| self.checkpoints[i]) {
            Some((at, width)) if at >= line_start => (at, width),
            _ => (line_start, 0),
        };
        let rest = &text[from..offset];
        let width = if nfc {
            rest.chars().count()
        } else {
            visible_width(rest)
        };
        (line, base + width)
    }
}

fn add_checkpoints(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    let (mut last, mut width) = (start, 0);
    let mut at = start + CHECKPOINT_STRIDE;
    while at < end {
        // The next ASCII byte is always a char boundary.
        match bytes[at..end].iter().position(u8::is_ascii) {
            Some(step) => at += step,
            None => return,
        }
        width += visible_width(&text[last..at]);
        out.push((at, width));
        last = at;
        at += CHECKPOINT_STRIDE;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn slow_column(text: &str, offset: usize) -> usize {
        let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        visible_width(&text[start..offset])
    }

    #[test]
    fn columns_on_a_long_line_match_counting_from_the_line_start() {
        let nfc: String = "Kế hoạch chuyển đổi số năm 2026; ".repeat(2_000);
        let text = format!("dòng đầu\n{nfc}\ncuối");
        let nfd: String = text.nfd().collect();
        for (text, is_nfc) in [(&text, true), (&nfd, false)] {
            let index = LineIndex::new(text);
            assert!(!index.checkpoints.is_empty());
            for offset in (0..text.len()).step_by(997) {
                let offset = crate::document::source::floor_char_boundary(text, offset);
                let (_, column) = index.line_and_column(text, offset, is_nfc);
                assert_eq!(column, slow_column(text, offset), "offset {offset}");
            }
        }
    }

    #[test]
    fn a_line_without_ascii_gets_no_checkpoint_and_still_counts() {
        let text = "ệ".repeat(5_000);
        let index = LineIndex::new(&text);
        assert!(index.checkpoints.is_empty());
        assert_eq!(index.line_and_column(&text, text.len(), true), (0, 5_000));
    }
}
