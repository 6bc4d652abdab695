//! The fuzz targets as plain tests: every target runs over the seeds cut from the fixtures
//! (and the built-in codec seeds), and over every input a fuzzer ever crashed it with
//! (`fuzz/regressions/<target>/`, committed). Run in debug (`cargo test`) these also catch
//! arithmetic overflow, as the fuzzers do.

use std::path::Path;

use mediainfo_rs::fuzzing::{TARGETS, seeds, target};

#[test]
fn targets_survive_their_seeds() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/media");
    let mut all = seeds::builtin();
    for entry in std::fs::read_dir(&dir).expect("fixtures/media") {
        let path = entry.expect("fixture").path();
        all.extend(seeds::from_file(&std::fs::read(&path).expect("fixture")));
    }
    for (name, _) in TARGETS {
        let n = all.iter().filter(|s| s.0 == *name).count();
        assert!(n > 0, "target {name} has no seed");
    }
    for (name, input) in &all {
        target(name).expect("seed of a known target")(input);
    }
}

#[test]
fn targets_survive_committed_crashes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz/regressions") {
        let sub = entry.expect("entry").path();
        if !sub.is_dir() {
            continue;
        }
        let name = sub.file_name().unwrap().to_string_lossy().into_owned();
        let f = target(&name).unwrap_or_else(|| panic!("fuzz/regressions/{name}: no such target"));
        for input in std::fs::read_dir(&sub).expect("regression dir") {
            let path = input.expect("input").path();
            eprintln!("replaying {}", path.display());
            f(&std::fs::read(&path).expect("regression input"));
            // Whatever layer crashed, the whole analysis must survive the bytes too.
            mediainfo_rs::fuzzing::analyze(&std::fs::read(&path).expect("regression input"));
            replayed += 1;
        }
    }
    println!("replayed {replayed} committed crash inputs");
}
