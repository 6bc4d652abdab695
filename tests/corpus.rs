//! The shared corpus (~450 real files) against MediaInfo 24.12's goldens: prints the agreement
//! line and fails on any regression against `tests/baseline/corpus.tsv`.
//! Runs when `../shared` (or `MEDIAINFO_SHARED`) is present; otherwise says it skipped.

mod common;

use std::path::PathBuf;

#[test]
fn corpus_against_mediainfo() {
    let shared = std::env::var_os("MEDIAINFO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let (root, golden) = (shared.join("corpus"), shared.join("golden"));
    if !root.is_dir() || !golden.is_dir() {
        println!(
            "SKIPPED corpus suite: no corpus at {} (set MEDIAINFO_SHARED)",
            shared.display()
        );
        return;
    }
    let baseline = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/baseline/corpus.tsv");
    common::run_suite("corpus", &root, &golden, &baseline);
}
