//! A unified diff (`--diff`) of the text before and after fixes: Myers'
//! algorithm on lines, after trimming the common start and end.

use std::fmt::Write as _;

const CONTEXT: usize = 3;
/// Beyond this many differing lines the middle is shown as one replacement.
const MAX_EDIT_DISTANCE: usize = 2_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Equal,
    Delete,
    Insert,
}

/// Unified diff of two texts, empty when they are equal.
pub fn unified(old: &str, new: &str, old_name: &str, new_name: &str) -> String {
    if old == new {
        return String::new();
    }
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let ops = line_ops(&a, &b);
    let mut out = format!("--- {old_name}\n+++ {new_name}\n");
    for hunk in hunks(&ops) {
        write_hunk(&mut out, &ops, hunk, &a, &b);
    }
    out
}

fn line_ops(a: &[&str], b: &[&str]) -> Vec<Op> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (mid_a, mid_b) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops = vec![Op::Equal; prefix];
    match myers(mid_a, mid_b) {
        Some(middle) => ops.extend(middle),
        None => {
            ops.extend(std::iter::repeat_n(Op::Delete, mid_a.len()));
            ops.extend(std::iter::repeat_n(Op::Insert, mid_b.len()));
        }
    }
    ops.extend(std::iter::repeat_n(Op::Equal, suffix));
    ops
}

/// Shortest edit script; `None` when it is longer than [`MAX_EDIT_DISTANCE`].
fn myers(a: &[&str], b: &[&str]) -> Option<Vec<Op>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (a.len() + b.len()).min(MAX_EDIT_DISTANCE) as isize;
    let offset = max + 1;
    let mut v = vec![0isize; 2 * max as usize + 3];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    for d in 0..=max {
        trace.push(v.clone());
        let mut k = -d;
        while k <= d {
            let index = (k + offset) as usize;
            let mut x = if k == -d || (k != d && v[index - 1] < v[index + 1]) {
                v[index + 1]
            } else {
                v[index - 1] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[index] = x;
            if x >= n && y >= m {
                return Some(backtrack(&trace, n, m, offset));
            }
            k += 2;
        }
    }
    None
}

fn backtrack(trace: &[Vec<isize>], n: isize, m: isize, offset: isize) -> Vec<Op> {
    let (mut x, mut y) = (n, m);
    let mut ops = Vec::new();
    for (d, v) in trace.iter().enumerate().rev() {
        let d = d as isize;
        let k = x - y;
        let index = |k: isize| (k + offset) as usize;
        let previous_k = if k == -d || (k != d && v[index(k - 1)] < v[index(k + 1)]) {
            k + 1
        } else {
            k - 1
        };
        let previous_x = v[index(previous_k)];
        let previous_y = previous_x - previous_k;
        while x > previous_x && y > previous_y {
            ops.push(Op::Equal);
            x -= 1;
            y -= 1;
        }
        if d > 0 {
            ops.push(if x == previous_x {
                Op::Insert
            } else {
                Op::Delete
            });
        }
        x = previous_x;
        y = previous_y;
    }
    ops.reverse();
    ops
}

/// Ranges of `ops` to show: changes with their context, merged when close.
fn hunks(ops: &[Op]) -> Vec<std::ops::Range<usize>> {
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        if *op == Op::Equal {
            continue;
        }
        let start = i.saturating_sub(CONTEXT);
        let end = (i + 1 + CONTEXT).min(ops.len());
        match ranges.last_mut() {
            Some(last) if start <= last.end => last.end = end,
            _ => ranges.push(start..end),
        }
    }
    ranges
}

fn write_hunk(out: &mut String, ops: &[Op], hunk: std::ops::Range<usize>, a: &[&str], b: &[&str]) {
    let before = &ops[..hunk.start];
    let old_start = before.iter().filter(|o| **o != Op::Insert).count();
    let new_start = before.iter().filter(|o| **o != Op::Delete).count();
    let shown = &ops[hunk.clone()];
    let old_count = shown.iter().filter(|o| **o != Op::Insert).count();
    let new_count = shown.iter().filter(|o| **o != Op::Delete).count();
    let header_start = |start: usize, count: usize| if count == 0 { start } else { start + 1 };
    let _ = writeln!(
        out,
        "@@ -{},{old_count} +{},{new_count} @@",
        header_start(old_start, old_count),
        header_start(new_start, new_count)
    );
    let (mut i, mut j) = (old_start, new_start);
    for op in shown {
        let (sign, line) = match op {
            Op::Equal => {
                i += 1;
                j += 1;
                (' ', a.get(i - 1))
            }
            Op::Delete => {
                i += 1;
                ('-', a.get(i - 1))
            }
            Op::Insert => {
                j += 1;
                ('+', b.get(j - 1))
            }
        };
        let line = line.copied().unwrap_or_default();
        out.push(sign);
        out.push_str(line.trim_end_matches(['\n', '\r']));
        out.push('\n');
        if !line.ends_with('\n') {
            out.push_str("\\ No newline at end of file\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_changed_lines_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\n";
        let new = "a\nb\nc\nd\nE\nf\ng\nh\ni\n";
        assert_eq!(
            unified(old, new, "a/x", "b/x"),
            "--- a/x\n+++ b/x\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n"
        );
    }

    #[test]
    fn separate_hunks_and_missing_final_newline() {
        let old: String = (1..=20).map(|i| format!("{i}\n")).collect::<String>() + "end";
        let new = old.replacen("2\n", "two\n", 1).replace("end", "END");
        let diff = unified(&old, &new, "a", "b");
        assert!(
            diff.contains("@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n"),
            "{diff}"
        );
        assert!(
            diff.contains("-end\n\\ No newline at end of file\n+END\n"),
            "{diff}"
        );
        assert_eq!(unified("x\n", "x\n", "a", "b"), "");
    }

    #[test]
    fn insertions_and_deletions() {
        let diff = unified("a\nb\nc\n", "a\nc\nd\n", "a", "b");
        assert_eq!(diff, "--- a\n+++ b\n@@ -1,3 +1,3 @@\n a\n-b\n c\n+d\n");
    }
}
