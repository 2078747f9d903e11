//! Running the `rasoat` binary in tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Run {
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            code: output.status.code().unwrap_or(-1),
        }
    }
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run `rasoat ARGS` in `dir` with colours off and no `rasoat.toml` above
/// the repository interfering (tests that want one pass `--config` or create
/// one in a temporary folder).
pub fn rasoat_in(dir: &Path, args: &[&str]) -> Run {
    Command::new(env!("CARGO_BIN_EXE_rasoat"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the rasoat binary runs")
        .into()
}

/// Run in the repository root (paths like `examples/…` work).
pub fn rasoat(args: &[&str]) -> Run {
    rasoat_in(&root(), args)
}

pub const SEED: &str = "examples/001-xa-kien-hung-2026.txt";
pub const SMALL: &str = "tests/fixtures/cli/small.txt";
pub const SEEDS: [&str; 5] = [
    "examples/000-xa-chi-minh-2026.txt",
    "examples/001-xa-kien-hung-2026.txt",
    "examples/002-xa-nghia-trung-2026.txt",
    "examples/003-phuong-chi-linh-2026.txt",
    "examples/004-xa-ha-dong-noi-vu-2030.txt",
];
