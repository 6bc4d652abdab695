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

/// The complete views (`--Full`) of every fixture equal MediaInfo's, but for the file dates.
#[test]
fn fixtures_full_views_match_mediainfo() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let Ok(entries) = std::fs::read_dir(dir.join("media")) else {
        println!("SKIPPED full views: no fixtures");
        return;
    };
    let mut failures = Vec::new();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let golden =
            |ext: &str| std::fs::read_to_string(dir.join("golden").join(format!("{name}.{ext}")));
        let (Ok(text), Ok(json)) = (golden("full.txt"), golden("full.json")) else {
            continue;
        };
        let src = mediainfo_rs::source::FileSource::open(e.path()).expect("open fixture");
        let report = mediainfo_rs::analyze(&src, &name).expect("analyze fixture");
        let ours_text = mediainfo_rs::render::text::render_view(&report.streams, true);
        let ours_json = mediainfo_rs::render::mediainfo_json::render_view(&report.streams, true);
        if common::normalized_text(&ours_text) != common::normalized_text(&text) {
            failures.push(format!("{name}: full text view differs"));
        }
        if common::normalized_json(&ours_json) != common::normalized_json(&json) {
            failures.push(format!("{name}: full JSON differs"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
