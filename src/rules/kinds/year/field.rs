//! The deadline fields of a plan's text (`Thời gian hoàn thành: Quý III/2026`),
//! found without running their regex on each line: from each `:`, the
//! field's name is read back (it ends right before the `:` and white space)
//! and the value is taken after it, as the regex
//! [`FIELD_PATTERN`](super::FIELD_PATTERN) finds them on each line without
//! a tab (a test compares both).

use std::ops::Range;

use super::phrases::back_word;

/// The field values of `text`: on each line without a tab, the value of
/// the first `thời gian hoàn thành:`/`thời gian thực hiện:` field (any
/// case), as its range in the text.
pub(super) fn field_values(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // Colons before this are on a line already done.
    let mut done_to = 0;
    for colon in memchr::memchr_iter(b':', bytes) {
        if colon < done_to {
            continue;
        }
        // Both names end in `h` or `n`, maybe before white space (a char
        // of more than one byte is checked in full): most colons are
        // rejected here, without looking for the line.
        let mut last = colon;
        while last > 0 && matches!(bytes[last - 1], b' ' | b'\t' | b'\r' | 0x0B | 0x0C) {
            last -= 1;
        }
        let plain = last.checked_sub(1).map(|i| bytes[i]);
        if !matches!(plain, Some(b'h' | b'H' | b'n' | b'N' | 0x80..)) {
            continue;
        }
        let start = memchr::memrchr(b'\n', &bytes[..colon]).map_or(0, |i| i + 1);
        let Some(value) = value_after(text, start, colon) else {
            continue;
        };
        let end = memchr::memchr(b'\n', &bytes[colon..]).map_or(text.len(), |i| colon + i);
        done_to = end;
        if memchr::memchr(b'\t', &bytes[start..end]).is_none() {
            out.push(value);
        }
    }
    out
}

/// The value of the field whose `:` is at `colon`, on the line starting at
/// `start`: `None` when no field name ends before the colon, or nothing
/// follows it on the line.
fn value_after(text: &str, start: usize, colon: usize) -> Option<Range<usize>> {
    let line = &text[start..];
    let colon = colon - start;
    let name_end = line[..colon].trim_end_matches(char::is_whitespace).len();
    let words_end = ["hoàn thành", "thực hiện"]
        .iter()
        .find_map(|name| back_word(line, name_end, name))?;
    let space = words_end
        .checked_sub(1)
        .filter(|&i| line.as_bytes()[i] == b' ')?;
    back_word(line, space, "thời gian")?;
    // The line without its break, and without a `\r` before it.
    let bytes = line.as_bytes();
    let mut end = memchr::memchr(b'\n', bytes).unwrap_or(line.len());
    if end > colon && bytes[end - 1] == b'\r' {
        end -= 1;
    }
    let rest = &line[colon + 1..end];
    let trimmed = rest.trim_start_matches(char::is_whitespace);
    // `\s*(.+)`: the white space gives back its last char when nothing else
    // follows.
    let value_start = if !trimmed.is_empty() {
        end - trimmed.len()
    } else {
        let last = rest.chars().next_back()?;
        end - last.len_utf8()
    };
    Some(start + value_start..start + end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::kinds::year::FIELD_PATTERN;

    /// The values the regex finds on each line of `text` without a tab.
    fn by_regex(regex: &regex::Regex, text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        for raw in text.split('\n') {
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            if !line.contains('\t') {
                if let Some(value) = regex.captures(line).and_then(|c| c.get(1)) {
                    out.push(start + value.start()..start + value.end());
                }
            }
            start += raw.len() + 1;
        }
        out
    }

    #[test]
    fn fields_are_found_as_the_regex_finds_them() {
        let regex = regex::Regex::new(FIELD_PATTERN).unwrap();
        let mut texts = crate::sample_texts::plan_texts(true);
        let pieces = [
            "Thời gian hoàn thành",
            "THỜI GIAN THỰC HIỆN",
            "thời gian thực hiện",
            "Thời Gian Hoàn Thành",
            "thời gian thực hiện:",
            "THỜI GIAN HOÀN THÀNH :",
            "thời  gian hoàn thành",
            "thời gian",
            "hoàn thành",
            " ",
            "\u{a0}",
            "\u{2028}",
            "\t",
            "\r",
            "\r\n",
            "\n",
            ":",
            "x",
            "2026",
            "ệ",
            "h",
        ];
        texts.extend(crate::sample_texts::all_strings(&pieces, 4));
        let mut found = 0;
        for text in &texts {
            let expected = by_regex(&regex, text);
            assert_eq!(field_values(text), expected, "{text:?}");
            found += expected.len();
        }
        assert!(found > 10_000, "{found}");
    }
}
