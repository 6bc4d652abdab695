//! What the Lambda's S3 reader costs, without S3: every fixture (and the shared corpus when
//! present) analyzed through `RangedSource` over the local file gives the same report as the
//! local reader, in the number of requests the design promises (MP4 with `moov` first: 1;
//! `moov` at the end: at most 3; Matroska: at most 3).

mod media_layout;

use std::path::{Path, PathBuf};

use media_layout::{Layout, layout, padded_at_end, padded_before_moov};
use mediainfo_rs::source::ranged::{RangedSource, SourceOpener, Tuning};
use mediainfo_rs::source::{FileSource, MemorySource, Source};

struct Cost {
    layout: Layout,
    requests: u64,
    bytes: u64,
    local_reads: u64,
    local_bytes: u64,
    len: u64,
}

/// Analyzes `src` directly and through a `RangedSource`; the reports must be equal.
fn cost<S: Source + Send + Sync + 'static>(name: &str, src: S) -> Result<Cost, String> {
    let layout = layout(&src);
    let len = src.len();
    let counted = mediainfo_rs::source::Counted::new(&src);
    let local = mediainfo_rs::analyze(&counted, name);
    let local_stats = counted.stats();
    let ranged = RangedSource::open(SourceOpener::new(src), Tuning::default())
        .map_err(|e| format!("{name}: open: {e}"))?;
    let remote = mediainfo_rs::analyze(&ranged, name);
    let (local, remote) = match (local, remote) {
        (Ok(l), Ok(r)) => (l, r),
        (Err(_), Err(_)) => return Err(String::new()),
        (l, r) => return Err(format!("{name}: local {:?}, ranged {:?}", l.err(), r.err())),
    };
    if local != remote {
        return Err(format!(
            "{name}: the ranged report differs from the local one"
        ));
    }
    let s = ranged.stats();
    Ok(Cost {
        layout,
        requests: s.requests,
        bytes: s.bytes,
        local_reads: local_stats.requests,
        local_bytes: local_stats.bytes,
        len,
    })
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_none_or(|x| x != "md") {
            out.push(p);
        }
    }
}

fn check(paths: &[PathBuf], root: &Path) -> (Vec<String>, Vec<(String, Cost)>) {
    let mut failures = Vec::new();
    let mut costs = Vec::new();
    for p in paths {
        let name = p.strip_prefix(root).unwrap_or(p).display().to_string();
        let Ok(src) = FileSource::open(p) else {
            continue;
        };
        match cost(&name, src) {
            Ok(c) => {
                if let Some(budget) = c.layout.budget()
                    && c.requests > budget
                {
                    failures.push(format!(
                        "{name}: {:?} took {} requests (budget {budget})",
                        c.layout, c.requests
                    ));
                }
                costs.push((name, c));
            }
            Err(e) if e.is_empty() => {}
            Err(e) => failures.push(e),
        }
    }
    (failures, costs)
}

fn summary(costs: &[(String, Cost)]) {
    let mut layouts: Vec<Layout> = costs.iter().map(|(_, c)| c.layout).collect();
    layouts.sort();
    layouts.dedup();
    for l in layouts {
        let of: Vec<&Cost> = costs
            .iter()
            .filter(|(_, c)| c.layout == l)
            .map(|(_, c)| c)
            .collect();
        let max = of.iter().map(|c| c.requests).max().unwrap_or(0);
        let total: u64 = of.iter().map(|c| c.requests).sum();
        let bytes: u64 = of.iter().map(|c| c.bytes).sum();
        let local: u64 = of.iter().map(|c| c.local_bytes).sum();
        let reads: u64 = of.iter().map(|c| c.local_reads).sum();
        let size: u64 = of.iter().map(|c| c.len).sum();
        println!(
            "ranged reads, {l:?}: {} files, {total} requests (max {max}), {bytes} bytes received \
             for {reads} local reads of {local} bytes, {size} bytes of files",
            of.len()
        );
    }
}

#[test]
fn fixtures_through_ranged_requests() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/media");
    let mut paths = Vec::new();
    files(&root, &mut paths);
    paths.sort();
    assert!(!paths.is_empty(), "no fixtures in {}", root.display());
    let (failures, costs) = check(&paths, &root);
    summary(&costs);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn corpus_through_ranged_requests() {
    let root = std::env::var_os("MEDIAINFO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"))
        .join("corpus");
    if !root.is_dir() {
        println!(
            "SKIPPED ranged reads over the corpus: no {}",
            root.display()
        );
        return;
    }
    let mut paths = Vec::new();
    files(&root, &mut paths);
    paths.sort();
    let (failures, costs) = check(&paths, &root);
    summary(&costs);
    for (name, c) in &costs {
        if c.requests > 3 {
            println!(
                "ranged reads: {name} ({:?}) {} requests, {} bytes",
                c.layout, c.requests, c.bytes
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `moov` at the end of a 48 MiB object, and a 48 MiB object with `moov` first: the padding
/// is never fetched.
#[test]
fn large_objects_cost_what_small_ones_do() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/media");
    let pad = 48 << 20;
    let end = std::fs::read(dir.join("seed-baseline-moov-at-end.mp4")).unwrap();
    let end = padded_before_moov(&end, pad);
    let front = std::fs::read(dir.join("seed-baseline-faststart.mp4")).unwrap();
    let front = padded_at_end(&front, pad);
    for (name, bytes, layout, budget) in [
        ("moov-at-end+free.mp4", end, Layout::Mp4MoovLast, 3),
        ("faststart+free.mp4", front, Layout::Mp4MoovFirst, 1),
    ] {
        let c = cost(name, MemorySource::new(bytes)).unwrap();
        assert_eq!(c.layout, layout, "{name}");
        assert!(c.requests <= budget, "{name}: {} requests", c.requests);
        assert!(c.bytes < 1 << 20, "{name}: {} bytes received", c.bytes);
    }
}
