//! Our own fixtures (`fixtures/media`, made by `fixtures/make-fixtures.sh`) against the
//! MediaInfo 24.12 goldens committed beside them, in all three output forms; fails on any
//! regression against `tests/baseline/fixtures.tsv`.

mod common;

use std::path::PathBuf;

#[test]
fn fixtures_against_mediainfo() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let baseline = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/baseline/fixtures.tsv");
    if !dir.join("golden").is_dir() {
        println!(
            "SKIPPED fixtures suite: no goldens in {}",
            dir.join("golden").display()
        );
        return;
    }
    common::run_suite(
        "fixtures",
        &dir.join("media"),
        &dir.join("golden"),
        &baseline,
    );
}
