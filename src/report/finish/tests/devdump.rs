//! Agreement with real MediaInfo output: for every `/work/devdump/**/*.fields.tsv` (MediaInfo's
//! fields for a corpus file), drop the fields these rules derive, run [`finish`], and compare.
//! Skipped, with a message, where the dumps are absent.

use super::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const DEVDUMP: &str = "/work/devdump";

/// Fields the rules derive, per kind.
fn derived(kind: StreamKind) -> &'static [&'static str] {
    match kind {
        StreamKind::General => &[
            "Duration",
            "OverallBitRate",
            "OverallBitRate_Mode",
            "StreamSize",
            "StreamSize_Proportion",
            "FrameRate",
            "FrameCount",
            "Audio_Channels_Total",
        ],
        StreamKind::Video => &[
            "BitRate",
            "StreamSize",
            "Duration",
            "FrameRate",
            "FrameCount",
            "PixelAspectRatio",
            "DisplayAspectRatio",
            "Bits-(Pixel*Frame)",
            "StreamSize_Proportion",
            "StreamSize_Encoded_Proportion",
            "Source_StreamSize_Proportion",
            "FrameCount_Source",
            "Duration_Source",
        ],
        StreamKind::Audio => &[
            "BitRate",
            "StreamSize",
            "Duration",
            "FrameRate",
            "SamplesPerFrame",
            "SamplingCount",
            "Video_Delay",
            "StreamSize_Proportion",
            "StreamSize_Encoded_Proportion",
            "Source_StreamSize_Proportion",
            "SamplingCount_Source",
            "Duration_Source",
        ],
        StreamKind::Text => &[
            "BitRate",
            "FrameRate",
            "FrameCount",
            "Video_Delay",
            "StreamSize_Proportion",
            "Source_StreamSize_Proportion",
        ],
        StreamKind::Image => &[
            "StreamSize_Proportion",
            "DisplayAspectRatio",
            "PixelAspectRatio",
        ],
        StreamKind::Other | StreamKind::Menu => &[],
    }
}

/// Fields derived only together with `name`, so removed with it.
fn partners(name: &str) -> &'static [&'static str] {
    match name {
        "FrameCount_Source" => &["FrameCount", "Duration", "Duration_Source", "BitRate"],
        "Duration_Source" => &[
            "Duration",
            "FrameCount",
            "FrameCount_Source",
            "SamplingCount",
            "SamplingCount_Source",
            "BitRate",
        ],
        "SamplingCount_Source" => &["SamplingCount", "Duration", "Duration_Source", "BitRate"],
        _ => &[],
    }
}

/// Streams from a dump, human-readable variants left out. A stream starts at its `Count`.
fn load(path: &Path) -> Vec<Stream> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut streams: Vec<Stream> = Vec::new();
    for line in text.lines() {
        let mut parts = line.splitn(3, '\t');
        let (Some(kind), Some(name), Some(value)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let Some(kind) = StreamKind::from_name(kind) else {
            continue;
        };
        if name == "Count" || streams.last().is_none_or(|s| s.kind() != kind) {
            streams.push(Stream::new(kind));
        }
        if !name.contains("/String")
            && let Some(s) = streams.last_mut()
        {
            s.set(name, value);
        }
    }
    streams
}

fn dumps(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            dumps(&path, out);
        } else if path.to_string_lossy().ends_with(".fields.tsv") {
            out.push(path);
        }
    }
}

#[derive(Default)]
struct Tally {
    exact: usize,
    wrong: usize,
    missing: usize,
    extra: usize,
    examples: Vec<String>,
}

impl Tally {
    fn record(&mut self, file: &Path, expected: Option<&str>, got: Option<&str>) {
        let slot = match (expected, got) {
            (Some(e), Some(g)) if e == g => {
                self.exact += 1;
                return;
            }
            (None, None) => return,
            (Some(_), Some(_)) => &mut self.wrong,
            (Some(_), None) => &mut self.missing,
            (None, Some(_)) => &mut self.extra,
        };
        *slot += 1;
        if self.examples.len() < 3 {
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            self.examples
                .push(format!("{name}: want {expected:?} got {got:?}"));
        }
    }
}

type Table = BTreeMap<(String, String), Tally>;

fn print(title: &str, table: &Table) {
    let (mut exact, mut total) = (0, 0);
    println!("\n== {title}");
    for ((kind, name), t) in table {
        let n = t.exact + t.wrong + t.missing + t.extra;
        exact += t.exact;
        total += n;
        if n == 0 {
            continue;
        }
        println!(
            "{kind:7} {name:32} {:4}/{:<4} wrong {:3} missing {:3} extra {:3}  {}",
            t.exact,
            n,
            t.wrong,
            t.missing,
            t.extra,
            t.examples.join(" | ")
        );
    }
    println!("TOTAL {exact}/{total}");
}

/// Only the files of these extensions (empty: all).
fn wanted(path: &Path) -> bool {
    let only = std::env::var("FINISH_ONLY").unwrap_or_default();
    only.is_empty()
        || only.split(',').any(|ext| {
            path.to_string_lossy()
                .ends_with(&format!(".{ext}.fields.tsv"))
        })
}

#[test]
fn agrees_with_mediainfo_devdump() {
    let mut files = Vec::new();
    dumps(Path::new(DEVDUMP), &mut files);
    if files.is_empty() {
        println!("skipped: no MediaInfo dumps under {DEVDUMP}");
        return;
    }
    files.sort();
    files.retain(|f| wanted(f));
    let mut one_at_a_time = Table::new();
    let mut untouched = Table::new();
    for file in &files {
        let original = load(file);
        // Nothing removed: every change is a disagreement.
        let mut streams = original.clone();
        finish(&mut streams);
        for (before, after) in original.iter().zip(&streams) {
            for f in after.fields() {
                if before.get(f.name()) != Some(f.value.as_str()) {
                    untouched
                        .entry((before.kind().name().to_owned(), f.name().to_owned()))
                        .or_default()
                        .record(file, before.get(f.name()), Some(&f.value));
                }
            }
            for f in before.fields() {
                if !after.has(f.name()) {
                    untouched
                        .entry((before.kind().name().to_owned(), f.name().to_owned()))
                        .or_default()
                        .record(file, Some(&f.value), None);
                }
            }
        }
        // Each derived field removed alone, then derived again.
        for (i, stream) in original.iter().enumerate() {
            for &name in derived(stream.kind()) {
                let Some(expected) = stream.get(name) else {
                    continue;
                };
                let mut streams = original.clone();
                if let Some(s) = streams.get_mut(i) {
                    s.remove(name);
                    for partner in partners(name) {
                        s.remove(partner);
                    }
                }
                finish(&mut streams);
                let got = streams.get(i).and_then(|s| s.get(name));
                one_at_a_time
                    .entry((stream.kind().name().to_owned(), name.to_owned()))
                    .or_default()
                    .record(file, Some(expected), got);
            }
        }
    }
    print(
        "nothing removed: changes finish makes to MediaInfo's own output",
        &untouched,
    );
    print(
        "one derived field removed at a time, then re-derived",
        &one_at_a_time,
    );
}
