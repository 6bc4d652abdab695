//! `cargo bench`: how long an analysis takes, and how little of a file it reads.
//!
//! For every file in `fixtures/media` (and any file named in `MEDIAINFO_BENCH_FILES`, a
//! `:`-separated list, e.g. the large files `benches/compare.sh` makes):
//!
//! - `analyze/memory/<container>/<file>`: `analyze` over the bytes already in memory;
//! - `analyze/disk/<container>/<file>`: `analyze_path`, from open to report (page cache warm);
//! - `pipeline/<form>/<container>/<file>`: analysis from memory plus rendering one output form
//!   (`pymediainfo`, `json`, `text`), i.e. what the CLI and the Lambda do per file.
//!
//! Before timing, it prints the reads and bytes each analysis needs (from `source::Counted`)
//! and writes them to `target/criterion/reads.tsv`. Filter as usual: `cargo bench -- mkv`.
//! Benches are not part of `cargo test`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::Criterion;
use mediainfo_rs::container::{self, Kind};
use mediainfo_rs::render;
use mediainfo_rs::source::{Counted, MemorySource};

/// One benchmarked file, read into memory once.
struct Input {
    path: PathBuf,
    name: String,
    container: &'static str,
    bytes: Vec<u8>,
}

fn inputs() -> Vec<Input> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("fixtures/media"))
        .expect("fixtures/media")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    if let Some(extra) = std::env::var_os("MEDIAINFO_BENCH_FILES") {
        paths.extend(std::env::split_paths(&extra).filter(|p| p.is_file()));
    }
    let mut inputs: Vec<Input> = paths
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).expect("read bench file");
            let container = match container::probe(&bytes[..bytes.len().min(64)]) {
                Kind::Mp4 => "mp4",
                Kind::Matroska => "matroska",
                Kind::Unknown => "unknown",
            };
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            Input {
                path,
                name,
                container,
                bytes,
            }
        })
        .collect();
    // Files of one container together, as the bench names group them.
    inputs.sort_by(|a, b| (a.container, &a.name).cmp(&(b.container, &b.name)));
    inputs
}

/// Prints (and writes to `target/criterion/reads.tsv`) what each analysis reads.
fn report_reads(inputs: &[Input]) {
    let mut tsv = String::from("file\tcontainer\tsize\treads\tbytes_read\n");
    println!(
        "{:<36} {:>9} {:>12} {:>7} {:>11}",
        "file", "container", "size", "reads", "bytes read"
    );
    for input in inputs {
        let src = Counted::new(MemorySource::new(&input.bytes[..]));
        mediainfo_rs::analyze(&src, &input.path.to_string_lossy()).expect("analyze");
        let s = src.stats();
        println!(
            "{:<36} {:>9} {:>12} {:>7} {:>11}",
            input.name,
            input.container,
            input.bytes.len(),
            s.requests,
            s.bytes
        );
        tsv.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            input.name,
            input.container,
            input.bytes.len(),
            s.requests,
            s.bytes
        ));
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/criterion");
    if std::fs::create_dir_all(&dir).is_ok() {
        let _ = std::fs::write(dir.join("reads.tsv"), tsv);
    }
}

fn bench_analyze(c: &mut Criterion, inputs: &[Input]) {
    let mut group = c.benchmark_group("analyze");
    for input in inputs {
        let name = input.path.to_string_lossy().into_owned();
        let id = format!("memory/{}/{}", input.container, input.name);
        group.bench_function(id, |b| {
            b.iter(|| {
                let src = MemorySource::new(&input.bytes[..]);
                black_box(mediainfo_rs::analyze(&src, &name).expect("analyze"))
            })
        });
        let id = format!("disk/{}/{}", input.container, input.name);
        group.bench_function(id, |b| {
            b.iter(|| black_box(mediainfo_rs::analyze_path(&input.path).expect("analyze")))
        });
    }
    group.finish();
}

fn bench_pipeline(c: &mut Criterion, inputs: &[Input]) {
    type Form = fn(&[mediainfo_rs::Stream]) -> String;
    let forms: [(&str, Form); 3] = [
        ("pymediainfo", render::pymediainfo),
        ("json", render::mediainfo_json),
        ("text", render::text),
    ];
    let mut group = c.benchmark_group("pipeline");
    for (form, render) in forms {
        for input in inputs {
            let name = input.path.to_string_lossy().into_owned();
            let id = format!("{form}/{}/{}", input.container, input.name);
            group.bench_function(id, |b| {
                b.iter(|| {
                    let src = MemorySource::new(&input.bytes[..]);
                    let report = mediainfo_rs::analyze(&src, &name).expect("analyze");
                    black_box(render(&report.streams))
                })
            });
        }
    }
    group.finish();
}

fn main() {
    let inputs = inputs();
    // `cargo bench` passes `--bench`; a bare run (or `cargo test --benches`) is a smoke test.
    let benchmarking = std::env::args().any(|a| a == "--bench");
    if benchmarking {
        report_reads(&inputs);
    }
    // Small files analyze in tens of microseconds: short warm-up and measurement keep the
    // whole run to a few minutes on a 2-core machine while intervals stay within a few percent.
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(40)
        .configure_from_args();
    bench_analyze(&mut c, &inputs);
    bench_pipeline(&mut c, &inputs);
    c.final_summary();
}
