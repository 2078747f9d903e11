//! Texts for agreement tests: the example plans, the fixtures and, where a
//! test asks for them, the real seed plans beside the clone
//! (`../shared/seeds`, as CI has it; skipped when absent).

use std::path::Path;

/// Every readable file under `examples/` and `tests/fixtures/`, and under
/// `../shared/seeds/` when `with_seeds`.
pub fn plan_texts(with_seeds: bool) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("examples"), root.join("tests/fixtures")];
    if with_seeds {
        dirs.push(root.join("../shared/seeds"));
    }
    let mut texts = Vec::new();
    for dir in dirs {
        for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                texts.push(text);
            }
        }
    }
    texts
}

/// [`plan_texts`], followed by the first `lines` lines of each.
pub fn plan_texts_and_lines(with_seeds: bool, lines: usize) -> Vec<String> {
    let texts = plan_texts(with_seeds);
    let mut all: Vec<String> = texts
        .iter()
        .flat_map(|text| text.lines().take(lines).map(str::to_owned))
        .collect();
    all.extend(texts);
    all
}

/// Every string of at most `max_len` pieces of `alphabet`, the empty one
/// first, shorter before longer.
pub fn all_strings<T: std::fmt::Display>(alphabet: &[T], max_len: usize) -> Vec<String> {
    let mut texts: Vec<String> = vec![String::new()];
    let mut frontier = texts.clone();
    for _ in 0..max_len {
        frontier = frontier
            .iter()
            .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
            .collect();
        texts.extend(frontier.iter().cloned());
    }
    texts
}

/// A small seeded generator for test inputs (a 64-bit LCG): each call gives a
/// number below its argument, the same sequence for the same seed.
pub fn numbers_below(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |n: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize % n
    }
}
