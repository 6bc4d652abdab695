//! Checks `fill_strings`, `fill_identity` and `fill_file_name` against real MediaInfo: every
//! corpus dump in /work/devdump has its owned fields removed, recomputed and compared.
//! Skips when the dumps are absent. `CORPUS_VERBOSE=1` lists the mismatches.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use mediainfo_rs::report::{Stream, StreamKind, identity, strings};

const ROOT: &str = "/work/devdump";

fn dumps(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            dumps(&p, out);
        } else if p.to_string_lossy().ends_with(".fields.tsv") {
            out.push(p);
        }
    }
}

/// Streams of a dump (a stream starts at each `Count` line), each with the names the dump
/// cut at 32 characters.
fn parse(text: &str) -> Vec<(Stream, Vec<String>)> {
    let mut streams: Vec<(Stream, Vec<String>)> = Vec::new();
    for line in text.lines() {
        let mut parts = line.splitn(3, '\t');
        let (Some(kind), Some(name), Some(value)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let Some(kind) = StreamKind::from_name(kind) else {
            continue;
        };
        if name == "Count" || streams.last().is_none_or(|s| s.0.kind() != kind) {
            streams.push((Stream::new(kind), Vec::new()));
        }
        if let Some((s, cut)) = streams.last_mut() {
            if name.len() >= 31 && (!is_table_name(kind, name) || s.has(name)) {
                cut.push(name.to_owned());
            }
            let name = resolve_name(s, name);
            s.set(name, value);
        }
    }
    streams
}

/// The dump cuts names at 32 characters and repeats a name for a field's unnamed variants:
/// take the first table name (or `/String` variant) of that spelling the stream lacks yet.
fn resolve_name(stream: &Stream, name: &str) -> String {
    if !stream.has(name) && (name.len() < 31 || is_table_name(stream.kind(), name)) {
        return name.to_owned();
    }
    let candidates = strings::table::rows(stream.kind())
        .iter()
        .map(|r| r.0.to_owned())
        .filter(|n| n.starts_with(name))
        .chain((0..8).map(|i| {
            format!(
                "{name}/String{}",
                if i == 0 { String::new() } else { i.to_string() }
            )
        }));
    for c in candidates {
        if !stream.has(&c) {
            return c;
        }
    }
    name.to_owned()
}

fn is_table_name(kind: StreamKind, name: &str) -> bool {
    strings::table::rows(kind).iter().any(|r| r.0 == name)
}

fn owned(kind: StreamKind, name: &str) -> bool {
    strings::owns(kind, name) || identity::owns(kind, name)
}

#[test]
fn corpus_agreement() {
    let mut files = Vec::new();
    dumps(Path::new(ROOT), &mut files);
    if files.is_empty() {
        eprintln!("skipped: no dumps under {ROOT}");
        return;
    }
    files.sort();
    let verbose = std::env::var_os("CORPUS_VERBOSE").is_some();
    let (mut matched, mut total) = (0usize, 0usize);
    let mut misses: BTreeMap<String, usize> = BTreeMap::new();
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        let (expected, cuts): (Vec<Stream>, Vec<Vec<String>>) = parse(&text).into_iter().unzip();
        let mut actual: Vec<Stream> = expected
            .iter()
            .map(|s| {
                let mut t = Stream::new(s.kind());
                for f in s.fields().iter().filter(|f| !owned(s.kind(), f.name())) {
                    t.set(f.name(), f.value.clone());
                }
                t
            })
            .collect();
        let path = expected
            .first()
            .and_then(|g| g.get("CompleteName"))
            .unwrap_or("")
            .to_owned();
        strings::fill_strings(&mut actual);
        if let Some(g) = actual.iter_mut().find(|s| s.kind() == StreamKind::General) {
            identity::fill_file_name(g, &path);
        }
        identity::fill_identity(&mut actual);
        for ((e, a), cut) in expected.iter().zip(&actual).zip(&cuts) {
            let mut names: Vec<&str> = e
                .fields()
                .iter()
                .chain(a.fields())
                .map(|f| f.name())
                .filter(|n| owned(e.kind(), n))
                .collect();
            names.sort_unstable();
            names.dedup();
            // Names the dump cut at 32 characters cannot be told apart: skip their family.
            for name in names {
                if cut.iter().any(|c| name.starts_with(&c[..c.len().min(31)])) {
                    continue;
                }
                total += 1;
                if e.get(name) == a.get(name) {
                    matched += 1;
                } else {
                    *misses
                        .entry(format!("{} {name}", e.kind().name()))
                        .or_default() += 1;
                    if verbose {
                        eprintln!(
                            "{}: {} {name}: expected {:?}, got {:?}",
                            file.display(),
                            e.kind().name(),
                            e.get(name),
                            a.get(name)
                        );
                    }
                }
            }
        }
    }
    eprintln!(
        "{} dumps: {matched}/{total} owned fields agree",
        files.len()
    );
    for (field, n) in &misses {
        eprintln!("  {n:5} {field}");
    }
    assert!(matched * 1000 >= total * 995, "agreement fell below 99.5%");
}
