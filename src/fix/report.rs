//! What `--fix` and `--diff` tell the user.

use crate::rules::Lang;

use super::FixOutcome;

/// The diffs of every file, in order (stdout of `--diff`).
pub fn diffs(outcomes: &[FixOutcome]) -> String {
    outcomes.iter().map(|o| o.diff.as_str()).collect()
}

/// One line per file fixed or failed, then a total (stderr).
pub fn summary(outcomes: &[FixOutcome], lang: Lang, written: bool) -> String {
    let mut out = String::new();
    for outcome in outcomes {
        let path = outcome.path.display();
        if let Some(error) = &outcome.error {
            out += &match lang {
                Lang::Vi => format!("rasoat: {path}: không sửa được, tệp giữ nguyên: {error}\n"),
                Lang::En => format!("rasoat: {path}: not fixed, file left unchanged: {error}\n"),
            };
        } else if let (Some(target), true) = (&outcome.written, written) {
            let target = target.display();
            out += &match lang {
                Lang::Vi => format!(
                    "rasoat: {path}: đã sửa {} chỗ → {target}\n",
                    outcome.applied
                ),
                Lang::En => format!(
                    "rasoat: {path}: {} fix(es) applied → {target}\n",
                    outcome.applied
                ),
            };
        }
    }
    let total: usize = outcomes.iter().map(|o| o.applied).sum();
    out += &match (lang, written) {
        (Lang::Vi, true) => format!("rasoat: đã sửa {total} chỗ\n"),
        (Lang::En, true) => format!("rasoat: {total} fix(es) applied\n"),
        (Lang::Vi, false) => format!("rasoat: có thể sửa {total} chỗ (chưa ghi gì)\n"),
        (Lang::En, false) => format!("rasoat: {total} fix(es) available (nothing written)\n"),
    };
    out
}
