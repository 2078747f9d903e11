//! Replays the committed fuzz corpora (`fuzz/corpus/<target>/`) on stable, so
//! every input a fuzzer found interesting — and every crash, once fixed — is
//! re-checked by an ordinary `cargo test`.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| run(&bytes));
        assert!(outcome.is_ok(), "{} panics", path.display());
        count += 1;
    }
    assert!(count > 0, "empty corpus {}", dir.display());
}

#[test]
fn text_pipeline_corpus() {
    replay("text_pipeline", rasoat::fuzzing::text_pipeline);
}

#[test]
fn rule_file_corpus() {
    replay("rule_file", rasoat::fuzzing::rule_file);
}

#[test]
fn config_file_corpus() {
    replay("config_file", rasoat::fuzzing::config_file);
}

#[test]
fn docx_package_corpus() {
    replay("docx_package", rasoat::fuzzing::docx_package);
}
