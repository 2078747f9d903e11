//! `RASOAT_TIMING=1`: time spent per pipeline phase and per rule, summed over
//! all files and printed to stderr at exit (like ESLint's `TIMING`; `=all`
//! prints every row, not only the 25 slowest). Off by default; when off, a
//! measurement costs one relaxed atomic load.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const UNKNOWN: u8 = 0;
const OFF: u8 = 1;
const ON: u8 = 2;

static STATE: AtomicU8 = AtomicU8::new(UNKNOWN);
static TOTALS: Mutex<Option<HashMap<String, Duration>>> = Mutex::new(None);

/// Whether `RASOAT_TIMING` is set (read once).
pub fn enabled() -> bool {
    match STATE.load(Ordering::Relaxed) {
        ON => true,
        OFF => false,
        _ => {
            let on = std::env::var_os("RASOAT_TIMING").is_some_and(|v| !v.is_empty() && v != "0");
            STATE.store(if on { ON } else { OFF }, Ordering::Relaxed);
            on
        }
    }
}

/// Run `work`, adding its duration to `name` when timing is on.
pub fn measure<T>(name: &str, work: impl FnOnce() -> T) -> T {
    if !enabled() {
        return work();
    }
    let start = Instant::now();
    let value = work();
    add(name, start.elapsed());
    value
}

fn add(name: &str, elapsed: Duration) {
    let Ok(mut totals) = TOTALS.lock() else {
        return;
    };
    *totals
        .get_or_insert_with(HashMap::new)
        .entry(name.to_owned())
        .or_default() += elapsed;
}

/// The table of totals, slowest first (the 25 slowest unless
/// `RASOAT_TIMING=all`) with their sum, or `None` when off.
pub fn report() -> Option<String> {
    if !enabled() {
        return None;
    }
    let totals = TOTALS.lock().ok()?.take().unwrap_or_default();
    let mut rows: Vec<_> = totals.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut out = format!("{:<44} {:>12}\n", "phase or rule", "time (ms)");
    let shown = if std::env::var_os("RASOAT_TIMING").is_some_and(|v| v == "all") {
        rows.len()
    } else {
        25
    };
    for (name, time) in rows.iter().take(shown) {
        out.push_str(&format!("{name:<44} {:>12.1}\n", time.as_secs_f64() * 1e3));
    }
    let total: Duration = rows.iter().map(|(_, time)| *time).sum();
    out.push_str(&format!(
        "{:<44} {:>12.1}\n",
        "(sum of all rows)",
        total.as_secs_f64() * 1e3
    ));
    Some(out)
}
