//! Replays every saved fuzz input through the fuzz targets' bodies (`tests/common/fuzz.rs`):
//! the corpus `cargo fuzz` built for each target under `fuzz/corpus/`, and each crash it
//! found under `fuzz/regressions/`. This runs on stable Rust, so CI keeps what fuzzing
//! found without needing the nightly compiler `cargo fuzz` runs on.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files: Vec<PathBuf> = ["corpus", "regressions"]
        .iter()
        .filter_map(|dir| std::fs::read_dir(root.join(dir).join(target)).ok())
        .flatten()
        .map(|entry| entry.expect("a readable directory entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

fn replay(target: &str, body: fn(&[u8]), at_least: usize) {
    let files = inputs(target);
    assert!(
        files.len() >= at_least,
        "{target}: {} saved inputs, expected at least {at_least}",
        files.len()
    );
    for file in files {
        let data = std::fs::read(&file).expect("a readable input");
        if std::panic::catch_unwind(|| body(&data)).is_err() {
            panic!("{target}: {} fails", file.display());
        }
    }
}

#[test]
fn every_saved_url_input_keeps_the_parsers_promises() {
    replay("url", common::fuzz::url, 50);
}

#[test]
fn every_saved_scenario_input_runs_and_keeps_the_invariants() {
    replay("scenario", common::fuzz::scenario, 50);
}

#[test]
fn every_saved_csv_input_is_read_or_refused_with_problems() {
    replay("csv", common::fuzz::csv, 50);
}
