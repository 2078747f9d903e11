//! What each column of a table holds, read from its header's cell keys
//! (`tables::cell_key`: words joined by one space, lower case), made once
//! per table.

use crate::document::model::TableKind;

fn has_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| text.contains(w))
}

/// A four-digit year in a header (`Kết quả năm 2025` → 2025).
fn year_in(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let window = bytes.get(i..i + 4)?;
        let alone = (i == 0 || !bytes[i - 1].is_ascii_digit())
            && !bytes.get(i + 4).is_some_and(|b| b.is_ascii_digit());
        (alone && window.iter().all(u8::is_ascii_digit) && matches!(window[0], b'1' | b'2'))
            .then(|| text.get(i..i + 4)?.parse().ok())
            .flatten()
    })
}

/// Indicator tables name a `chỉ tiêu`; task tables a `nhiệm vụ` with who and when.
pub fn table_kind(h: &[String]) -> TableKind {
    if h.iter().any(|t| t.contains("chỉ tiêu")) {
        TableKind::Indicator
    } else if h
        .iter()
        .any(|t| has_any(t, &["nhiệm vụ", "chủ trì", "phối hợp", "hoạt động"]))
    {
        TableKind::Task
    } else if h
        .iter()
        .any(|t| has_any(t, &["mục tiêu", "kết quả", "hiện trạng"]))
    {
        TableKind::Indicator
    } else {
        TableKind::Other
    }
}

fn number_column(h: &[String]) -> usize {
    h.iter()
        .position(|t| {
            matches!(
                t.trim_end_matches('.'),
                "stt" | "tt" | "số tt" | "số thứ tự" | "no" | "#"
            )
        })
        .unwrap_or(0)
}

#[derive(Debug)]
pub struct IndicatorColumns {
    pub number: usize,
    pub name: usize,
    pub unit: Option<usize>,
    pub baseline: Option<usize>,
    pub target: Option<usize>,
}

/// Columns of an indicator table. Value columns are those that are not the
/// number, name, unit or a who/notes column. With several, years in the
/// headers decide (earliest = baseline, latest = target), else words
/// (`hiện trạng`, `kết quả` = baseline), else order (first, last). A single
/// value column is the target (seed 002's `Kết quả`).
pub fn indicator_columns(h: &[String]) -> IndicatorColumns {
    let number = number_column(h);
    let name = h
        .iter()
        .enumerate()
        .position(|(k, t)| {
            k != number
                && has_any(t, &["chỉ tiêu", "mục tiêu", "tên", "nội dung"])
                && year_in(t).is_none()
        })
        .unwrap_or(number + 1);
    let unit = h
        .iter()
        .enumerate()
        .position(|(k, t)| k != name && (has_any(t, &["đơn vị tính", "đvt"]) || t == "đơn vị"));
    let other = |t: &str| {
        has_any(
            t,
            &[
                "cơ quan",
                "theo dõi",
                "ghi chú",
                "phụ trách",
                "chủ trì",
                "phối hợp",
                "nguồn",
                "đơn vị",
            ],
        )
    };
    let values: Vec<usize> = (0..h.len().max(2))
        .filter(|&k| k != number && k != name && Some(k) != unit)
        .filter(|&k| !h.get(k).is_some_and(|t| other(t)))
        .filter(|&k| k < h.len() || h.is_empty())
        .collect();
    let (baseline, target) = match values.as_slice() {
        [] => (None, None),
        [only] => {
            let t = h.get(*only).map(String::as_str).unwrap_or("");
            if has_any(t, &["hiện trạng"]) {
                (Some(*only), None)
            } else {
                (None, Some(*only))
            }
        }
        many => {
            let years: Vec<Option<u16>> = many
                .iter()
                .map(|&k| h.get(k).and_then(|t| year_in(t)))
                .collect();
            let dated: Vec<(u16, usize)> = years
                .iter()
                .zip(many)
                .filter_map(|(y, &k)| y.map(|y| (y, k)))
                .collect();
            let earliest = dated.iter().min().map(|&(_, k)| k);
            let latest = dated.iter().max().map(|&(_, k)| k);
            match (earliest, latest) {
                (Some(b), Some(t)) if b != t => (Some(b), Some(t)),
                _ => {
                    let word = |k: &usize| {
                        h.get(*k).is_some_and(|t| {
                            has_any(t, &["hiện trạng", "kết quả", "thực hiện", "ước"])
                        })
                    };
                    let baseline = many
                        .iter()
                        .find(|k| word(k))
                        .copied()
                        .or(many.first().copied());
                    let target = many.iter().rev().find(|&&k| Some(k) != baseline).copied();
                    (baseline, target)
                }
            }
        }
    };
    IndicatorColumns {
        number,
        name,
        unit,
        baseline,
        target,
    }
}

#[derive(Debug)]
pub struct TaskColumns {
    pub number: usize,
    pub task: usize,
    pub lead: Option<usize>,
    pub partners: Option<usize>,
    pub deadline: Option<usize>,
    pub output: Option<usize>,
}

/// Columns of a task table, by header words. `Sản phẩm hoàn thành` is the
/// output and `Thời gian hoàn thành` the deadline, so output and time words
/// are looked at before anything else.
pub fn task_columns(h: &[String]) -> TaskColumns {
    let number = number_column(h);
    let mut columns = TaskColumns {
        number,
        task: number + 1,
        lead: None,
        partners: None,
        deadline: None,
        output: None,
    };
    let mut task = None;
    for (k, t) in h.iter().enumerate() {
        if k == number {
            continue;
        }
        let slot = if has_any(t, &["sản phẩm", "kết quả"]) {
            &mut columns.output
        } else if has_any(t, &["thời gian", "thời hạn", "tiến độ", "thời điểm"]) {
            &mut columns.deadline
        } else if t.contains("phối hợp") {
            &mut columns.partners
        } else if has_any(t, &["chủ trì", "thực hiện", "cơ quan", "đơn vị"]) {
            &mut columns.lead
        } else if has_any(
            t,
            &["nhiệm vụ", "nội dung", "tên", "hoạt động", "giải pháp"],
        ) {
            &mut task
        } else {
            continue;
        };
        if slot.is_none() {
            *slot = Some(k);
        }
    }
    if let Some(task) = task {
        columns.task = task;
    }
    columns
}
