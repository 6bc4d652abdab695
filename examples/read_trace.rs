//! Prints every read the analysis of a file makes, in order: a first line `len LENGTH`, then
//! one `OFFSET LENGTH` line per read. `benches/ranged-frontier.py` turns such a trace into
//! what a ranged reader (the Lambda's S3 source) could best do with N requests.
//!
//! `cargo run --release --example read_trace -- FILE > trace.txt`

use mediainfo_rs::source::{FileSource, Source};
use std::io;
use std::sync::Mutex;

/// A source that records the reads made of it.
struct Recorded<S> {
    inner: S,
    reads: Mutex<Vec<(u64, usize)>>,
}

impl<S: Source> Source for Recorded<S> {
    fn len(&self) -> u64 {
        self.inner.len()
    }
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read_at(offset, buf)?;
        self.reads
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((offset, n));
        Ok(n)
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(file) = std::env::args().nth(1) else {
        return Err("usage: read_trace FILE".into());
    };
    let src = Recorded {
        inner: FileSource::open(&file)?,
        reads: Mutex::new(Vec::new()),
    };
    // The report does not matter here, only the reads made to build it.
    let _ = mediainfo_rs::analyze(&src, &file);
    let mut out = format!("len {}\n", src.len());
    for (offset, n) in src.reads.lock().unwrap_or_else(|e| e.into_inner()).iter() {
        out.push_str(&format!("{offset} {n}\n"));
    }
    print!("{out}");
    Ok(())
}
