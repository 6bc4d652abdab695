//! Compile-time indexes of the embedded MediaInfo tables (`src/report/db/*.tsv`), so that no
//! process parses or hashes them at start-up: for each table, its rows' byte offsets and a
//! hash table of their keys (`src/report/db/hash.rs`), and for `stream_options.tsv` each
//! stream kind's field names (with their row, hashed the same way) and flags. Offsets into the embedded text instead of
//! `&str`s keep the tables free of pointers, hence of load-time relocations.

use std::fmt::Write as _;
use std::path::Path;

#[path = "src/report/db/hash.rs"]
mod hash;

/// The tables looked up by their first column (`report::db`).
const KEYED: &[(&str, &str)] = &[
    ("GENERAL_MPEG4", "codecid_general_mpeg4.tsv"),
    ("VIDEO_MPEG4", "codecid_video_mpeg4.tsv"),
    ("AUDIO_MPEG4", "codecid_audio_mpeg4.tsv"),
    ("TEXT_MPEG4", "codecid_text_mpeg4.tsv"),
    ("OTHER_MPEG4", "codecid_other_mpeg4.tsv"),
    ("VIDEO_MATROSKA", "codecid_video_matroska.tsv"),
    ("AUDIO_MATROSKA", "codecid_audio_matroska.tsv"),
    ("TEXT_MATROSKA", "codecid_text_matroska.tsv"),
    ("VIDEO_RIFF", "codecid_video_riff.tsv"),
    ("AUDIO_RIFF", "codecid_audio_riff.tsv"),
    ("FORMATS", "format.tsv"),
    ("VORBIS_LIBRARIES", "library_vorbiscom.tsv"),
    ("DIVX_LIBRARIES", "library_divx.tsv"),
    ("XVID_LIBRARIES", "library_xvid.tsv"),
    ("ISO639_1", "iso639_1.tsv"),
    ("ISO639_2", "iso639_2.tsv"),
    ("LANGUAGE_NAMES", "language_names.tsv"),
    ("TRANSLATIONS", "labels.tsv"),
];

/// Stream kinds in `StreamKind` order, as `stream_options.tsv` names them.
const KINDS: [&str; 7] = [
    "General", "Video", "Audio", "Text", "Other", "Image", "Menu",
];

/// The lines of a table with their byte offsets (as `split_terminator('\n')`).
fn lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_terminator('\n') {
        out.push((at, line));
        at += line.len() + 1;
    }
    out
}

fn fits_u16(n: usize, what: &str) -> usize {
    assert!(
        n <= usize::from(u16::MAX),
        "build.rs: {what} too long ({n})"
    );
    n
}

fn main() {
    let db = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/report/db");
    println!("cargo::rerun-if-changed=build.rs");
    let mut out = String::new();
    for (name, file) in KEYED {
        let path = db.join(file);
        println!("cargo::rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("read table");
        assert!(text.len() <= u32::MAX as usize);
        // The first row of a key wins, as in MediaInfo's loader.
        let mut rows: Vec<(&str, usize, usize)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (at, line) in lines(&text) {
            let key = line.split_once('\t').map_or(line, |(k, _)| k);
            if seen.insert(key) {
                rows.push((key, at, line.len()));
            }
        }
        writeln!(
            out,
            "/// `{file}`: its rows (the first of each key) and their keys' slots."
        )
        .unwrap();
        writeln!(
            out,
            "pub(crate) static {name}: Table = Table {{ text: include_str!({:?}), rows: &[",
            path.display().to_string()
        )
        .unwrap();
        for &(key, at, len) in &rows {
            fits_u16(key.len(), "key");
            fits_u16(len, "row");
            writeln!(
                out,
                "    Row {{ at: {at}, key_len: {}, len: {len} }},",
                key.len()
            )
            .unwrap();
        }
        let slots = hash::slots(rows.iter().map(|r| r.0.as_bytes()));
        writeln!(out, "], slots: &{slots:?} }};").unwrap();
    }

    // Field names and flags per stream kind, from `stream_options.tsv` (kind, name, flags).
    let path = db.join("stream_options.tsv");
    println!("cargo::rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(&path).expect("read stream_options.tsv");
    let mut names: [Vec<(&str, usize, usize)>; 7] = Default::default();
    let mut flags: [Vec<(usize, usize)>; 7] = Default::default();
    for (at, line) in lines(&text) {
        let Some((kind, rest)) = line.split_once('\t') else {
            continue;
        };
        let Some(k) = KINDS.iter().position(|&n| n == kind) else {
            continue;
        };
        let name = rest.split_once('\t').map_or(rest, |(n, _)| n);
        let name_at = at + kind.len() + 1;
        let (flags_at, flags_len) = match rest.split_once('\t') {
            Some((n, f)) => (name_at + n.len() + 1, f.len()),
            None => (0, 0),
        };
        let row = flags[k].len();
        flags[k].push((flags_at, fits_u16(flags_len, "flags")));
        // The first row of a name wins.
        if !names[k].iter().any(|(n, _, _)| *n == name) {
            names[k].push((name, name_at, row));
        }
    }
    writeln!(
        out,
        "/// `stream_options.tsv`, whose offsets the tables below give.\n\
         pub(crate) static STREAM_OPTIONS: &str = include_str!({:?});",
        path.display().to_string()
    )
    .unwrap();
    writeln!(
        out,
        "/// Per stream kind, its field names, each with its row.\n\
         pub(crate) static FIELD_NAMES: [&[FieldName]; 7] = ["
    )
    .unwrap();
    for k in &names {
        write!(out, "    &[").unwrap();
        for (name, at, row) in k.iter() {
            fits_u16(name.len(), "name");
            write!(
                out,
                "FieldName {{ at: {at}, len: {}, row: {row}, hash: {} }}, ",
                name.len(),
                hash::hash(name.as_bytes())
            )
            .unwrap();
        }
        writeln!(out, "],").unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(out, "/// Per stream kind, the slots of its field names.").unwrap();
    writeln!(out, "pub(crate) static FIELD_SLOTS: [&[u16]; 7] = [").unwrap();
    for k in &names {
        let slots = hash::slots(k.iter().map(|n| n.0.as_bytes()));
        writeln!(out, "    &{slots:?},").unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(
        out,
        "/// Per stream kind, each row's flags.\n\
         pub(crate) static FIELD_FLAGS: [&[Span]; 7] = ["
    )
    .unwrap();
    for k in &flags {
        write!(out, "    &[").unwrap();
        for (at, len) in k {
            write!(out, "Span {{ at: {at}, len: {len} }}, ").unwrap();
        }
        writeln!(out, "],").unwrap();
    }
    writeln!(out, "];").unwrap();

    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("db_index.rs");
    std::fs::write(dest, out).expect("write db_index.rs");
}
