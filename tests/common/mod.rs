//! Shared by the golden suites: scoring our output against MediaInfo 24.12's, and the
//! per-file baseline that stops regressions.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// Fields that describe the machine, not the file: the file's dates on disk, and pymediainfo's
/// `count` (the size of MediaInfo's internal field array). The only place they are ignored.
pub const IGNORED: &[&str] = &[
    "file_last_modification_date",
    "file_last_modification_date__local",
    "file_creation_date",
    "file_creation_date__local",
    "count",
    "File_Modified_Date",
    "File_Modified_Date_Local",
    "File_Created_Date",
    "File_Created_Date_Local",
];

/// Text-view labels of the same machine-dependent fields.
pub const IGNORED_TEXT_LABELS: &[&str] = &[
    "File last modification date",
    "File last modification date (local)",
    "File creation date",
    "File creation date (local)",
];

/// How one file scored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Score {
    /// pymediainfo fields expected and matched (same key, same JSON value and type).
    pub expected: usize,
    pub matched: usize,
    /// Fields we printed that MediaInfo does not.
    pub extra: usize,
    /// MediaInfo's own JSON equal (but for ignored fields).
    pub json_exact: bool,
    /// Text view equal (but for ignored lines).
    pub text_exact: bool,
    /// A few differences, for the log.
    pub problems: Vec<String>,
}

impl Score {
    pub fn pymediainfo_exact(&self) -> bool {
        self.expected == self.matched && self.extra == 0
    }
}

fn flat(track: &Value) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    if let Some(obj) = track.as_object() {
        for (k, v) in obj {
            if k == "extra" && v.is_object() {
                for (ek, ev) in v.as_object().into_iter().flatten() {
                    out.insert(format!("extra.{ek}"), ev.clone());
                }
            } else if !IGNORED.contains(&k.as_str()) {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    out
}

/// Field-by-field comparison of two `{"tracks": [...]}` documents, like `golden-diff`.
pub fn score_pymediainfo(golden: &Value, got: &Value, score: &mut Score) {
    let empty = Vec::new();
    let want = golden["tracks"].as_array().unwrap_or(&empty);
    let have = got["tracks"].as_array().unwrap_or(&empty);
    for (i, wt) in want.iter().enumerate() {
        let wf = flat(wt);
        score.expected += wf.len();
        let hf = have.get(i).map(flat).unwrap_or_default();
        for (k, v) in &wf {
            match hf.get(k) {
                Some(h) if h == v => score.matched += 1,
                Some(h) => score.note(format!("track {i} {k}: want {v} got {h}")),
                None => score.note(format!("track {i} {k}: missing (want {v})")),
            }
        }
        for (k, v) in &hf {
            if !wf.contains_key(k) {
                score.extra += 1;
                score.note(format!("track {i} {k}: extra {v}"));
            }
        }
    }
    for t in have.iter().skip(want.len()) {
        score.extra += flat(t).len();
        score.note(format!("extra track {}", t["track_type"]));
    }
}

impl Score {
    fn note(&mut self, p: String) {
        if self.problems.len() < 6 {
            self.problems.push(p);
        }
    }
}

/// MediaInfo's JSON, with machine-dependent fields removed, for an equality check.
pub fn normalized_json(text: &str) -> Option<Value> {
    let mut v: Value = serde_json::from_str(text).ok()?;
    if let Some(tracks) = v["media"]["track"].as_array_mut() {
        for t in tracks {
            if let Some(obj) = t.as_object_mut() {
                obj.retain(|k, _| !IGNORED.contains(&k.as_str()));
            }
        }
    }
    Some(v)
}

/// The text view without machine-dependent lines.
pub fn normalized_text(text: &str) -> String {
    text.lines()
        .filter(|l| {
            let label = l.split(" : ").next().unwrap_or("").trim_end();
            !IGNORED_TEXT_LABELS.contains(&label)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every media file under `golden` that has a `.pymediainfo.json`, as paths relative to it
/// (without the suffix).
pub fn golden_files(golden: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![golden.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Some(name) = p.to_str().and_then(|s| s.strip_suffix(".pymediainfo.json"))
            {
                let rel = Path::new(name)
                    .strip_prefix(golden)
                    .map(PathBuf::from)
                    .unwrap_or_default();
                out.push(rel.to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    out
}

/// Scores our analysis of `root/rel` against the three goldens in `golden/rel.*`.
pub fn score_file(root: &Path, golden: &Path, rel: &str) -> Score {
    let mut score = Score::default();
    let read = |suffix: &str| std::fs::read_to_string(golden.join(format!("{rel}{suffix}")));
    let want_py: Value = read(".pymediainfo.json")
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(Value::Null);
    let report = {
        let src = match mediainfo_rs::source::FileSource::open(root.join(rel)) {
            Ok(s) => s,
            Err(e) => {
                score.note(format!("cannot open: {e}"));
                score_pymediainfo(&want_py, &Value::Null, &mut score);
                return score;
            }
        };
        match mediainfo_rs::analyze(&src, rel) {
            Ok(r) => r,
            Err(e) => {
                score.note(format!("analysis failed: {e}"));
                score_pymediainfo(&want_py, &Value::Null, &mut score);
                return score;
            }
        }
    };
    let got_py: Value = serde_json::from_str(&mediainfo_rs::render::pymediainfo(&report.streams))
        .unwrap_or(Value::Null);
    score_pymediainfo(&want_py, &got_py, &mut score);
    if let Ok(want) = read(".mediainfo.json") {
        let got = mediainfo_rs::render::mediainfo_json(&report.streams);
        score.json_exact =
            normalized_json(&want).is_some() && normalized_json(&want) == normalized_json(&got);
    }
    if let Ok(want) = read(".txt") {
        let got = mediainfo_rs::render::text(&report.streams);
        score.text_exact = normalized_text(&want) == normalized_text(&got);
    }
    score
}

/// One baseline row: file, matched fields, expected fields, JSON exact, text exact.
pub type BaselineRow = (usize, usize, bool, bool);

pub fn read_baseline(path: &Path) -> BTreeMap<String, BaselineRow> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            Some((
                c.first()?.to_string(),
                (
                    c.get(1)?.parse().ok()?,
                    c.get(2)?.parse().ok()?,
                    *c.get(3)? == "1",
                    *c.get(4)? == "1",
                ),
            ))
        })
        .collect()
}

pub fn write_baseline(path: &Path, rows: &BTreeMap<String, Score>) {
    let mut out = String::from(
        "# file\tmatched\texpected\tjson_exact\ttext_exact (regenerate: UPDATE_BASELINE=1 cargo test --release)\n",
    );
    for (f, s) in rows {
        out.push_str(&format!(
            "{f}\t{}\t{}\t{}\t{}\n",
            s.matched,
            s.expected,
            u8::from(s.json_exact),
            u8::from(s.text_exact)
        ));
    }
    std::fs::write(path, out).expect("write baseline");
}

/// Scores every golden file, prints the agreement line, and fails on any regression against
/// the committed baseline. `UPDATE_BASELINE=1` rewrites the baseline instead.
pub fn run_suite(name: &str, root: &Path, golden: &Path, baseline: &Path) {
    let files = golden_files(golden);
    assert!(
        !files.is_empty(),
        "{name}: no goldens under {}",
        golden.display()
    );
    let mut scores = BTreeMap::new();
    for rel in &files {
        scores.insert(rel.clone(), score_file(root, golden, rel));
    }
    let expected: usize = scores.values().map(|s| s.expected).sum();
    let matched: usize = scores.values().map(|s| s.matched).sum();
    let extra: usize = scores.values().map(|s| s.extra).sum();
    let exact = scores.values().filter(|s| s.pymediainfo_exact()).count();
    let json = scores.values().filter(|s| s.json_exact).count();
    let text = scores.values().filter(|s| s.text_exact).count();
    println!(
        "{name}: agreement {:.2}% fields {matched}/{expected} exact-files {exact}/{} extra {extra}; \
         MediaInfo JSON exact {json}/{n}; text view exact {text}/{n}",
        100.0 * matched as f64 / expected.max(1) as f64,
        scores.len(),
        n = scores.len()
    );
    if std::env::var_os("UPDATE_BASELINE").is_some() {
        write_baseline(baseline, &scores);
        println!("{name}: baseline written to {}", baseline.display());
        return;
    }
    let base = read_baseline(baseline);
    let mut regressions = Vec::new();
    for (f, s) in &scores {
        let Some(&(b_matched, _, b_json, b_text)) = base.get(f) else {
            continue;
        };
        if s.matched < b_matched || (b_json && !s.json_exact) || (b_text && !s.text_exact) {
            regressions.push(format!(
                "{f}: matched {} (baseline {b_matched}), json {} (was {b_json}), text {} (was {b_text}); {:?}",
                s.matched, s.json_exact, s.text_exact, s.problems
            ));
        }
    }
    let missing: Vec<&String> = base.keys().filter(|f| !scores.contains_key(*f)).collect();
    assert!(
        missing.is_empty(),
        "{name}: baseline files without goldens: {missing:?}"
    );
    assert!(
        regressions.is_empty(),
        "{name}: {} files regressed against {}:\n{}",
        regressions.len(),
        baseline.display(),
        regressions.join("\n")
    );
}
