//! The movie box (`moov`): movie header, tracks, edit lists, metadata, fragment defaults.

use crate::bytes::ByteReader;

use super::boxes::{Boxes, FourCC, find};
use super::meta::{self, Tag};
use super::sample_entry::{self, EntryLayout, SampleEntry};
use super::sample_table::SampleTable;

/// At most this many tracks are read from one movie.
const MAX_TRACKS: usize = 256;
/// At most this many sample descriptions are kept per track.
const MAX_SAMPLE_ENTRIES: usize = 8;

/// `moov`, parsed.
#[derive(Clone, Debug, Default)]
pub struct Movie {
    pub header: MovieHeader,
    pub tracks: Vec<Track>,
    /// Tags from `moov/udta` and `moov/meta`.
    pub tags: Vec<Tag>,
    /// `mvex` present: the file is fragmented.
    pub fragmented: bool,
    /// `mvex/mehd` fragment duration, in movie timescale units.
    pub fragment_duration: Option<u64>,
    /// `mvex/trex` defaults: (track id, sample duration, sample size).
    pub trex: Vec<(u32, u32, u32)>,
    /// Top-level children of `moov`, in order (for diagnostics and MediaInfo's box listing).
    pub children: Vec<FourCC>,
    /// Nero chapters (`udta/chpl`): start time in 100 ns units, title.
    pub nero_chapters: Option<Vec<(u64, String)>>,
    /// The initial object descriptor's profile level, when it names one.
    pub iods: Option<super::esds::IodProfile>,
    /// `udta/thmb`: the movie's thumbnail image.
    pub thumbnail: Option<meta::Thumbnail>,
}

/// `mvhd`.
#[derive(Clone, Debug, Default)]
pub struct MovieHeader {
    pub creation_time: u64,
    pub modification_time: u64,
    pub timescale: u32,
    pub duration: u64,
}

/// One `trak`.
#[derive(Clone, Debug, Default)]
pub struct Track {
    pub header: TrackHeader,
    pub media: MediaHeader,
    /// A `tkhd` was read (without one MediaInfo gives the track no ID).
    pub has_header: bool,
    /// An `mdhd` was read (without one MediaInfo gives the track no language).
    pub has_media_header: bool,
    pub handler: Option<FourCC>,
    pub handler_name: String,
    /// `mdia/elng` (version 0) after the handler: an extended language tag (`en-US`), which
    /// replaces the `mdhd` language.
    pub extended_language: Option<String>,
    /// `edts/elst` entries: (segment duration in movie units, media time, rate).
    pub edits: Vec<(u64, i64, f64)>,
    pub entries: Vec<SampleEntry>,
    pub samples: SampleTable,
    /// Track references: (type, referenced track ids).
    pub references: Vec<(FourCC, Vec<u32>)>,
    pub tags: Vec<Tag>,
    /// `minf` header kind: `vmhd`, `smhd`, `nmhd`, `gmhd`, `sthd`…
    pub media_info_header: Option<FourCC>,
    /// Component manufacturers named by the track's handler boxes (`mdia/hdlr`, `minf/hdlr`),
    /// zero when unset.
    pub handler_manufacturers: Vec<u32>,
    /// `gmhd` time code media information (`tcmi`, alone or in a `tmcd`): the IsVisual flag.
    pub timecode_is_visual: bool,
}

/// `tkhd`.
#[derive(Clone, Debug, Default)]
pub struct TrackHeader {
    pub flags: u32,
    pub creation_time: u64,
    pub modification_time: u64,
    pub id: u32,
    pub duration: u64,
    pub layer: i16,
    pub alternate_group: u16,
    pub volume: i16,
    pub matrix: [i32; 9],
    /// Width and height, 16.16 fixed point.
    pub width: u32,
    pub height: u32,
}

/// `mdhd`.
#[derive(Clone, Debug, Default)]
pub struct MediaHeader {
    pub creation_time: u64,
    pub modification_time: u64,
    pub timescale: u32,
    pub duration: u64,
    /// ISO-639-2/T code packed in 15 bits, or a QuickTime language number.
    pub language: u16,
}

impl Movie {
    /// Parses a `moov` payload. Missing or broken children leave defaults.
    pub fn parse(moov: &[u8]) -> Movie {
        let mut m = Movie::default();
        for b in Boxes::new(moov).take(4096) {
            m.children.push(b.kind);
            match &b.kind.0 {
                b"mvhd" => {
                    if let Some(h) = parse_mvhd(b.payload) {
                        m.header = h;
                    }
                }
                b"trak" if m.tracks.len() < MAX_TRACKS => m.tracks.push(parse_trak(b.payload)),
                b"udta" => {
                    m.tags.extend(meta::parse_udta(b.payload));
                    if let Some(chpl) = find(b.payload, b"chpl") {
                        m.nero_chapters = Some(parse_chpl(chpl));
                    }
                    if let Some(thmb) = find(b.payload, b"thmb") {
                        m.thumbnail = meta::Thumbnail::parse(thmb);
                    }
                }
                b"meta" => m.tags.extend(meta::parse_movie_meta(b.payload)),
                b"iods" => m.iods = super::esds::parse_iods(b.payload),
                b"mvex" => {
                    m.fragmented = true;
                    parse_mvex(b.payload, &mut m);
                }
                _ => {}
            }
        }
        m
    }
}

/// Nero chapter list: 8 bytes of header, a count, then (time, length, title) entries.
fn parse_chpl(p: &[u8]) -> Vec<(u64, String)> {
    let mut r = ByteReader::new(p);
    let mut out = Vec::new();
    if r.skip(9).is_none() {
        return out;
    }
    while r.remaining() > 0 && out.len() < 4096 {
        let (Some(time), Some(len)) = (r.u64(), r.u8()) else {
            break;
        };
        let Some(text) = r.bytes(usize::from(len)) else {
            break;
        };
        let title = match std::str::from_utf8(text) {
            Ok(t) => t.to_string(),
            Err(_) => text.iter().map(|&b| b as char).collect(),
        };
        out.push((time, title));
    }
    out
}

/// Creation time, modification time, timescale and duration, 32- or 64-bit by box version
/// (the common start of `mvhd` and `mdhd`).
fn read_times(r: &mut ByteReader, version: u8) -> Option<(u64, u64, u32, u64)> {
    if version == 1 {
        Some((r.u64()?, r.u64()?, r.u32()?, r.u64()?))
    } else {
        Some((
            u64::from(r.u32()?),
            u64::from(r.u32()?),
            r.u32()?,
            u64::from(r.u32()?),
        ))
    }
}

fn parse_mvhd(p: &[u8]) -> Option<MovieHeader> {
    let mut r = ByteReader::new(p);
    let (version, _) = r.version_flags()?;
    let (creation_time, modification_time, timescale, duration) = read_times(&mut r, version)?;
    Some(MovieHeader {
        creation_time,
        modification_time,
        timescale,
        duration,
    })
}

fn parse_mvex(p: &[u8], m: &mut Movie) {
    for b in Boxes::new(p).take(MAX_TRACKS * 2) {
        let mut r = ByteReader::new(b.payload);
        match &b.kind.0 {
            b"mehd" => {
                m.fragment_duration = r.version_flags().and_then(|(v, _)| {
                    if v == 1 {
                        r.u64()
                    } else {
                        r.u32().map(u64::from)
                    }
                });
            }
            b"trex" => {
                let t = (|| {
                    r.version_flags()?;
                    let id = r.u32()?;
                    r.skip(4)?;
                    Some((id, r.u32()?, r.u32()?))
                })();
                m.trex.extend(t);
            }
            _ => {}
        }
    }
}

fn parse_trak(p: &[u8]) -> Track {
    let mut t = Track::default();
    for b in Boxes::new(p).take(256) {
        match &b.kind.0 {
            b"tkhd" => {
                if let Some(h) = parse_tkhd(b.payload) {
                    t.header = h;
                    t.has_header = true;
                }
            }
            b"edts" => {
                if let Some(elst) = find(b.payload, b"elst") {
                    t.edits = parse_elst(elst);
                }
            }
            b"mdia" => parse_mdia(b.payload, &mut t),
            b"tref" => {
                for r in Boxes::new(b.payload).take(64) {
                    let ids = r
                        .payload
                        .chunks_exact(4)
                        .take(256)
                        .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]))
                        .collect();
                    t.references.push((r.kind, ids));
                }
            }
            b"udta" => t.tags.extend(meta::parse_udta(b.payload)),
            b"meta" => t.tags.extend(meta::parse_meta(b.payload)),
            _ => {}
        }
    }
    t
}

fn parse_tkhd(p: &[u8]) -> Option<TrackHeader> {
    let mut r = ByteReader::new(p);
    let (version, flags) = r.version_flags()?;
    let mut h = TrackHeader {
        flags,
        ..Default::default()
    };
    if version == 1 {
        h.creation_time = r.u64()?;
        h.modification_time = r.u64()?;
        h.id = r.u32()?;
        r.skip(4)?;
        h.duration = r.u64()?;
    } else {
        h.creation_time = u64::from(r.u32()?);
        h.modification_time = u64::from(r.u32()?);
        h.id = r.u32()?;
        r.skip(4)?;
        h.duration = u64::from(r.u32()?);
    }
    r.skip(8)?;
    h.layer = r.i16()?;
    h.alternate_group = r.u16()?;
    h.volume = r.i16()?;
    r.skip(2)?;
    for m in h.matrix.iter_mut() {
        *m = r.i32()?;
    }
    h.width = r.u32()?;
    h.height = r.u32()?;
    Some(h)
}

fn parse_elst(p: &[u8]) -> Vec<(u64, i64, f64)> {
    let mut r = ByteReader::new(p);
    let Some(((version, _), count)) = r.version_flags().and_then(|vf| Some((vf, r.u32()?))) else {
        return Vec::new();
    };
    let entry = if version == 1 { 20 } else { 12 };
    let count = (count as usize).min(r.remaining() / entry);
    (0..count)
        .map_while(|_| {
            let (d, t) = if version == 1 {
                (r.u64()?, r.i64()?)
            } else {
                (u64::from(r.u32()?), i64::from(r.i32()?))
            };
            let rate = f64::from(r.i32()?) / 65536.0;
            Some((d, t, rate))
        })
        .collect()
}

fn parse_mdia(p: &[u8], t: &mut Track) {
    if let Some(mdhd) = find(p, b"mdhd")
        && let Some(h) = parse_mdhd(mdhd)
    {
        t.media = h;
        t.has_media_header = true;
    }
    if let Some(hdlr) = find(p, b"hdlr") {
        let mut r = ByteReader::new(hdlr);
        if r.skip(8).is_some() {
            t.handler = r.array().map(FourCC);
            t.handler_manufacturers.extend(r.u32());
            if r.skip(8).is_some() {
                let rest = r.rest();
                // Some writers repeat the handler type as its name: that is no title.
                let repeats_type = t.handler.is_some_and(|h| rest.get(..4) == Some(&h.0[..]))
                    && (rest.len() == 4 || rest.get(4) == Some(&0));
                if !repeats_type {
                    t.handler_name = handler_name(rest);
                }
            }
        }
    }
    // File_Mpeg4 fills the stream the handler made: an `elng` before `hdlr` has none yet.
    let mut after_handler = false;
    for b in Boxes::new(p).take(64) {
        match &b.kind.0 {
            b"hdlr" => after_handler = true,
            b"elng" if after_handler && b.payload.first() == Some(&0) => {
                let text = b.payload.get(4..).unwrap_or_default();
                let end = text.iter().position(|&c| c == 0).unwrap_or(text.len());
                t.extended_language = Some(String::from_utf8_lossy(&text[..end]).into_owned());
            }
            _ => {}
        }
    }
    let Some(minf) = find(p, b"minf") else {
        return;
    };
    if let Some(m) = find(minf, b"hdlr").and_then(|h| h.get(12..16)) {
        t.handler_manufacturers
            .push(u32::from_be_bytes([m[0], m[1], m[2], m[3]]));
    }
    if let Some(gmhd) = find(minf, b"gmhd") {
        let tcmi =
            find(gmhd, b"tcmi").or_else(|| find(gmhd, b"tmcd").and_then(|b| find(b, b"tcmi")));
        t.timecode_is_visual = tcmi.and_then(|b| b.get(3)).is_some_and(|f| f & 1 != 0);
    }
    t.media_info_header = Boxes::new(minf)
        .find(|b| b.kind.0.ends_with(b"hd") && b.kind != b"hdlr")
        .map(|b| b.kind);
    // Handlers File_Mpeg4 does not know (`pict`, `auxv`…) take the media header's kind.
    let known = |h: &[u8; 4]| {
        matches!(
            h,
            b"vide"
                | b"soun"
                | b"text"
                | b"sbtl"
                | b"clcp"
                | b"subp"
                | b"subt"
                | b"data"
                | b"twen"
                | b"tmcd"
                | b"hint"
                | b"ocsm"
                | b"odsm"
                | b"sdsm"
        )
    };
    let layout = match (t.handler.map(|h| h.0), t.media_info_header.map(|h| h.0)) {
        (Some(ref h), _) if h == b"vide" => EntryLayout::Visual,
        (Some(ref h), _) if h == b"soun" => EntryLayout::Audio,
        (Some(ref h), Some(ref m)) if !known(h) && m == b"vmhd" => EntryLayout::Visual,
        (Some(ref h), Some(ref m)) if !known(h) && m == b"smhd" => EntryLayout::Audio,
        _ => EntryLayout::Other,
    };
    if let Some(stbl) = find(minf, b"stbl") {
        if let Some(stsd) = find(stbl, b"stsd") {
            t.entries = sample_entry::parse_stsd(stsd, layout, MAX_SAMPLE_ENTRIES);
        }
        t.samples = SampleTable::parse(stbl);
    }
}

fn parse_mdhd(p: &[u8]) -> Option<MediaHeader> {
    let mut r = ByteReader::new(p);
    let (version, _) = r.version_flags()?;
    let (creation_time, modification_time, timescale, duration) = read_times(&mut r, version)?;
    Some(MediaHeader {
        creation_time,
        modification_time,
        timescale,
        duration,
        language: r.u16()?,
    })
}

/// A handler name: a C string (ISO) or a Pascal string (QuickTime).
fn handler_name(bytes: &[u8]) -> String {
    let text = match bytes.first() {
        Some(&n) if usize::from(n) + 1 == bytes.len() && n > 0 => &bytes[1..],
        _ => bytes,
    };
    let end = text.iter().position(|&b| b == 0).unwrap_or(text.len());
    String::from_utf8_lossy(&text[..end]).into_owned()
}
