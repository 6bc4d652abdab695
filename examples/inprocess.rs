//! In-process timing for `benches/compare.sh`: what the Lambda does per file (`analyze_path`
//! and the pymediainfo rendering), repeated, set beside pymediainfo's `MediaInfo.parse` in
//! Python. `inprocess RUNS FILE...` prints `file<TAB>mean milliseconds` per file; each file is
//! analyzed once to warm up, then at least RUNS times and for at least 0.3 s.
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let runs: u32 = args.next().and_then(|r| r.parse().ok()).unwrap_or(20);
    for file in args {
        let once = || {
            let report = mediainfo_rs::analyze_path(&file).expect("analyze");
            std::hint::black_box(mediainfo_rs::render::pymediainfo(&report.streams));
        };
        once();
        let start = Instant::now();
        let mut n = 0u32;
        while n < runs || start.elapsed() < Duration::from_millis(300) {
            once();
            n += 1;
        }
        let ms = start.elapsed().as_secs_f64() * 1000.0 / f64::from(n);
        println!("{file}\t{ms:.4}");
    }
}
