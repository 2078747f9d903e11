//! Where in a rule file a rule's error lies: the rule's `id:` line, or better
//! the line of the key or value the error is about (`patterns:` entry with
//! the bad regex, the parameter a kind does not take, `check:`, `data:`).

/// 1-based line of the `occurrence`-th (0-based) `id: <id>` in `text`.
pub fn id_line(text: &str, id: &str, occurrence: usize) -> Option<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            let line = line.trim_start().trim_start_matches("- ").trim_start();
            line.strip_prefix("id")
                .and_then(|rest| rest.trim_start().strip_prefix(':'))
                .is_some_and(|v| v.trim().trim_matches(|c| c == '"' || c == '\'') == id)
        })
        .nth(occurrence)
        .map(|(i, _)| i + 1)
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The lines (0-based, half-open) of the list item holding the `id:` at
/// 1-based line `id_line`.
fn item_lines(lines: &[&str], id_line: usize) -> (usize, usize) {
    let id_index = id_line.saturating_sub(1).min(lines.len().saturating_sub(1));
    let id_text = lines.get(id_index).copied().unwrap_or("");
    let key_column = id_text.find("id").unwrap_or(0);
    // The item starts at the `- ` whose dash sits left of the keys.
    let start = (0..=id_index)
        .rev()
        .find(|&i| {
            let line = lines.get(i).copied().unwrap_or("");
            line.trim_start().starts_with("- ") && indent(line) < key_column
        })
        .unwrap_or(id_index);
    let dash = indent(lines.get(start).copied().unwrap_or(""));
    let end = (start + 1..lines.len())
        .find(|&i| {
            let line = lines.get(i).copied().unwrap_or("");
            let t = line.trim_start();
            !t.is_empty() && !t.starts_with('#') && indent(line) <= dash
        })
        .unwrap_or(lines.len());
    (start, end)
}

/// What to look for in the rule's lines, most precise first.
fn needles(message: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(rest) = message.strip_prefix("bad regex `") {
        if let Some(end) = rest.find("`: ") {
            let pattern = &rest[..end];
            out.push(pattern.to_owned());
            // The same regex inside a double-quoted YAML string.
            out.push(pattern.replace('\\', "\\\\"));
        }
        out.push("patterns:".to_owned());
    }
    // "`swap` is not a parameter of kind …"
    if let Some(rest) = message.strip_prefix('`') {
        if let Some((param, tail)) = rest.split_once('`') {
            if tail.starts_with(" is not a parameter") {
                out.push(format!("{param}:"));
            }
        }
    }
    if message.contains("check `") || message.contains("`check:`") {
        out.push("check:".to_owned());
    }
    // Any key named in the message (`data:`, `patterns:` …).
    let mut rest = message;
    while let Some(at) = rest.find('`') {
        let after = &rest[at + 1..];
        let Some(close) = after.find('`') else { break };
        let name = &after[..close];
        if name.ends_with(':') && name.len() > 1 && !name.contains(' ') {
            out.push(name.to_owned());
        }
        rest = &after[close + 1..];
    }
    out
}

/// 1-based (line, column) of the place `message` is about, inside the rule
/// whose `id:` is on `id_line`; the `id:` line when nothing more precise is found.
pub fn error_position(text: &str, id_line: usize, message: &str) -> (usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let (start, end) = item_lines(&lines, id_line);
    for needle in needles(message) {
        let is_key = needle.ends_with(':');
        for i in start..end {
            let Some(line) = lines.get(i) else { continue };
            let content = line.trim_start().trim_start_matches("- ").trim_start();
            let found = if is_key {
                content
                    .starts_with(needle.as_str())
                    .then(|| line.len() - content.len())
            } else {
                line.find(needle.as_str())
            };
            if let Some(byte) = found {
                let column = line.get(..byte).map_or(0, |s| s.chars().count()) + 1;
                return (i + 1, column);
            }
        }
    }
    (id_line, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "rules:
  - id: first
    kind: pattern
    patterns:
      - 'ok'
  - id: second
    kind: pattern
    level: warning
    patterns:
      - 'fine'
      - '(unclosed'
    swap: { a: b }
";

    #[test]
    fn finds_the_nth_id() {
        let text = format!("{FILE}  - id: first\n");
        assert_eq!(id_line(&text, "first", 0), Some(2));
        assert_eq!(id_line(&text, "first", 1), Some(13));
        assert_eq!(id_line(&text, "first", 2), None);
    }

    #[test]
    fn points_at_the_bad_regex_entry() {
        let message = "bad regex `(unclosed`: regex parse error";
        assert_eq!(error_position(FILE, 6, message), (11, 10));
    }

    #[test]
    fn points_at_the_parameter_not_taken() {
        let message = "`swap` is not a parameter of kind `pattern` (it takes: patterns)";
        assert_eq!(error_position(FILE, 6, message), (12, 5));
    }

    #[test]
    fn stays_inside_the_rule() {
        // `patterns:` of the first rule is not the second rule's.
        let message = "bad regex `nowhere`: error";
        assert_eq!(error_position(FILE, 6, message), (9, 5));
    }

    #[test]
    fn falls_back_to_the_id_line() {
        assert_eq!(error_position(FILE, 6, "something else"), (6, 1));
    }
}
