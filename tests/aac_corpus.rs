//! Checks the AAC rules against real MediaInfo output for every AAC-in-MP4 corpus file
//! (when the corpus is present): reads the esds config and the first samples with a
//! minimal box walk of its own, and compares the codec-level fields.

use std::path::{Path, PathBuf};

use mediainfo_rs::codec::aac::AacParser;
use mediainfo_rs::report::aac::fill_audio;
use mediainfo_rs::report::{Stream, StreamKind};

const CORPUS: &str = "/work/shared/corpus";
const DEVDUMP: &str = "/work/devdump";

/// The fields `fill_audio` owns.
const OWN: &[&str] = &[
    "Format",
    "Format/String",
    "Format/Info",
    "Format_Commercial",
    "Format_Commercial_IfAny",
    "Format_Settings",
    "Format_Settings_SBR",
    "Format_Settings_SBR/String",
    "Format_Settings_PS",
    "Format_Settings_PS/String",
    "Format_AdditionalFeatures",
    "Channel(s)",
    "Channel(s)/String",
    "ChannelPositions",
    "ChannelPositions/String2",
    "ChannelLayout",
    "SamplesPerFrame",
    "SamplingRate",
    "SamplingRate/String",
    "Compression_Mode",
    "Compression_Mode/String",
    "Errors",
    "GainControl_Present",
];

fn be32(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(d.get(at..at + 4)?.try_into().ok()?))
}

fn be64(d: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_be_bytes(d.get(at..at + 8)?.try_into().ok()?))
}

/// Child boxes of `data`: (type, payload).
fn boxes(data: &[u8]) -> Vec<([u8; 4], &[u8])> {
    let mut out = Vec::new();
    let mut pos = 0usize;
    while let Some(size32) = be32(data, pos) {
        let Some(kind) = data.get(pos + 4..pos + 8) else {
            break;
        };
        let (header, size) = match size32 {
            1 => (16, be64(data, pos + 8).unwrap_or(0) as usize),
            0 => (8, data.len() - pos),
            n => (8, n as usize),
        };
        if size < header || pos + size > data.len() {
            break;
        }
        out.push((kind.try_into().unwrap(), &data[pos + header..pos + size]));
        pos += size;
    }
    out
}

fn child<'a>(data: &'a [u8], kind: &[u8; 4]) -> Option<&'a [u8]> {
    boxes(data)
        .into_iter()
        .find(|(k, _)| k == kind)
        .map(|(_, p)| p)
}

/// Reads an MPEG-4 descriptor header: (tag, payload, rest).
fn descriptor(d: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let tag = *d.first()?;
    let mut len = 0usize;
    let mut i = 1;
    loop {
        let b = *d.get(i)?;
        len = (len << 7) | usize::from(b & 0x7F);
        i += 1;
        if b & 0x80 == 0 || i > 4 {
            break;
        }
    }
    let end = (i + len).min(d.len());
    Some((tag, &d[i..end], &d[end..]))
}

/// The DecoderSpecificInfo of an esds payload, if its object type is AAC.
fn esds_asc(esds: &[u8]) -> Option<Vec<u8>> {
    let (tag, es, _) = descriptor(esds.get(4..)?)?;
    if tag != 3 {
        return None;
    }
    let flags = *es.get(2)?;
    let mut at = 3;
    if flags & 0x80 != 0 {
        at += 2;
    }
    if flags & 0x40 != 0 {
        at += 1 + usize::from(*es.get(at)?);
    }
    if flags & 0x20 != 0 {
        at += 2;
    }
    let (tag, dc, _) = descriptor(es.get(at..)?)?;
    if tag != 4 || !matches!(dc.first(), Some(0x40 | 0x66..=0x68)) {
        return None;
    }
    let (tag, dsi, _) = descriptor(dc.get(13..)?)?;
    (tag == 5).then(|| dsi.to_vec())
}

/// Finds an esds in an audio sample entry (directly or in a QuickTime 'wave').
fn entry_esds(entry: &[u8]) -> Option<&[u8]> {
    let version = u16::from_be_bytes(entry.get(8..10)?.try_into().ok()?);
    let skip = 28
        + match version {
            1 => 16,
            2 => 36,
            _ => 0,
        };
    let children = entry.get(skip..)?;
    child(children, b"esds").or_else(|| child(child(children, b"wave")?, b"esds"))
}

/// Offsets and sizes of the first `max` samples of a sample table.
fn samples(stbl: &[u8], max: usize) -> Vec<(u64, usize)> {
    let mut out = Vec::new();
    let Some(stsz) = child(stbl, b"stsz") else {
        return out;
    };
    let fixed = be32(stsz, 4).unwrap_or(0) as usize;
    let count = be32(stsz, 8).unwrap_or(0) as usize;
    let size = |i: usize| {
        if fixed != 0 {
            Some(fixed)
        } else {
            be32(stsz, 12 + 4 * i).map(|s| s as usize)
        }
    };
    let chunks: Vec<u64> = if let Some(stco) = child(stbl, b"stco") {
        (0..be32(stco, 4).unwrap_or(0) as usize)
            .map_while(|i| be32(stco, 8 + 4 * i).map(u64::from))
            .collect()
    } else if let Some(co64) = child(stbl, b"co64") {
        (0..be32(co64, 4).unwrap_or(0) as usize)
            .map_while(|i| be64(co64, 8 + 8 * i))
            .collect()
    } else {
        return out;
    };
    let Some(stsc) = child(stbl, b"stsc") else {
        return out;
    };
    let runs: Vec<(usize, usize)> = (0..be32(stsc, 4).unwrap_or(0) as usize)
        .map_while(|i| {
            Some((
                be32(stsc, 8 + 12 * i)? as usize,
                be32(stsc, 12 + 12 * i)? as usize,
            ))
        })
        .collect();
    let mut sample = 0usize;
    for (ci, &offset) in chunks.iter().enumerate() {
        let chunk_no = ci + 1;
        let per = runs
            .iter()
            .rev()
            .find(|(first, _)| *first <= chunk_no)
            .map_or(0, |r| r.1);
        let mut off = offset;
        for _ in 0..per {
            if sample >= count.min(max) {
                return out;
            }
            let Some(s) = size(sample) else { return out };
            out.push((off, s));
            off += s as u64;
            sample += 1;
        }
    }
    out
}

/// Our Audio streams for every AAC track of an MP4 file.
fn our_streams(data: &[u8]) -> Vec<Stream> {
    our_parsers(data)
        .into_iter()
        .filter_map(|(_, p)| p.info())
        .map(|info| {
            let mut stream = Stream::new(StreamKind::Audio);
            fill_audio(&mut stream, &info);
            stream
        })
        .collect()
}

/// The config bytes, first frame and final parser of every AAC track.
fn our_parsers(data: &[u8]) -> Vec<(Vec<u8>, AacParser)> {
    let mut out = Vec::new();
    let Some(moov) = child(data, b"moov") else {
        return out;
    };
    for (kind, trak) in boxes(moov) {
        if &kind != b"trak" {
            continue;
        }
        let Some(stbl) = child(trak, b"mdia")
            .and_then(|m| child(m, b"minf"))
            .and_then(|m| child(m, b"stbl"))
        else {
            continue;
        };
        let Some(stsd) = child(stbl, b"stsd") else {
            continue;
        };
        let Some((entry_kind, entry)) = stsd.get(8..).and_then(|e| boxes(e).into_iter().next())
        else {
            continue;
        };
        if &entry_kind != b"mp4a" && &entry_kind != b"enca" {
            continue;
        }
        let Some(asc) = entry_esds(entry).and_then(esds_asc) else {
            continue;
        };
        let mut parser = AacParser::new(&asc);
        // Encrypted samples are not fed: MediaInfo does not parse them either.
        let frames = if &entry_kind == b"enca" {
            Vec::new()
        } else {
            samples(stbl, 1024)
        };
        for (offset, size) in frames {
            if !parser.wants_more() {
                break;
            }
            let start = offset as usize;
            let Some(frame) = data.get(start..start.saturating_add(size)) else {
                break;
            };
            parser.push_frame(frame);
        }
        out.push((asc, parser));
    }
    out
}

/// MediaInfo's AAC audio streams of a devdump, as (name, value) lists.
fn golden_streams(path: &Path) -> Vec<Vec<(String, String)>> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let mut streams: Vec<Vec<(String, String)>> = Vec::new();
    for line in text.lines() {
        let mut parts = line.splitn(3, '\t');
        let (Some(kind), Some(name), Some(value)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        if kind != "Audio" {
            continue;
        }
        if name == "Count" {
            streams.push(Vec::new());
        }
        if let Some(s) = streams.last_mut() {
            s.push((name.to_owned(), value.to_owned()));
        }
    }
    streams.retain(|s| s.iter().any(|(n, v)| n == "Format" && v == "AAC"));
    streams
}

fn corpus_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            corpus_files(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn corpus_agreement() {
    let root = Path::new(CORPUS);
    if !root.exists() {
        return;
    }
    let mut files = Vec::new();
    corpus_files(root, &mut files);
    files.sort();
    let (mut total, mut agree) = (0, 0);
    for file in files {
        let rel = file.strip_prefix(root).unwrap();
        let golden =
            golden_streams(&Path::new(DEVDUMP).join(format!("{}.fields.tsv", rel.display())));
        if golden.is_empty() {
            continue;
        }
        let Ok(data) = std::fs::read(&file) else {
            continue;
        };
        let ours = our_streams(&data);
        if ours.is_empty() {
            continue;
        }
        total += 1;
        let mut diffs = Vec::new();
        for (g, o) in golden.iter().zip(&ours) {
            for name in OWN {
                let gv = g.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
                let ov = o.get(name);
                if gv != ov {
                    diffs.push(format!("{name}: mediainfo {gv:?} ours {ov:?}"));
                }
            }
        }
        if diffs.is_empty() {
            agree += 1;
        } else {
            println!("DIFF {}: {}", rel.display(), diffs.join("; "));
        }
    }
    println!("AAC-in-MP4 agreement: {agree}/{total}");
}
