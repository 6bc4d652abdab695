//! Sample descriptions (`stsd` entries): the codec's four-character code, its fixed fields,
//! and the configuration boxes inside it (avcC, esds, pasp, colr, btrt…).

use crate::bytes::ByteReader;

use super::boxes::{Boxes, FourCC};

/// One sample description.
#[derive(Clone, Debug)]
pub struct SampleEntry {
    pub format: FourCC,
    pub visual: Option<VisualFields>,
    pub audio: Option<AudioFields>,
    /// A `tmcd` entry's fixed fields.
    pub timecode: Option<TimeCodeFields>,
    /// An `stpp` (XML subtitle) entry's namespace.
    pub xml_namespace: Option<String>,
    /// Child boxes (type, payload), with those inside a QuickTime `wave` box appended.
    pub children: Vec<(FourCC, Vec<u8>)>,
    /// The entry's first bytes (fixed fields of layouts not parsed here, e.g. `tmcd`).
    pub raw: Vec<u8>,
    /// Version of the `stsd` box the entry sits in (ISO audio entries of version 1 carry a
    /// meaningful channel count).
    pub stsd_version: u8,
}

/// The fixed fields of a visual sample entry.
#[derive(Clone, Debug, Default)]
pub struct VisualFields {
    pub width: u16,
    pub height: u16,
    pub compressor_name: String,
    pub depth: u16,
}

/// The fixed fields of a QuickTime time code entry (`tmcd`).
#[derive(Clone, Copy, Debug, Default)]
pub struct TimeCodeFields {
    pub drop_frame: bool,
    pub h24: bool,
    pub negative_times: bool,
    pub timescale: u32,
    pub frame_duration: u32,
    pub frames: u8,
}

/// The fixed fields of an audio sample entry (ISO and QuickTime v0/v1/v2 layouts).
#[derive(Clone, Debug, Default)]
pub struct AudioFields {
    pub version: u16,
    pub channels: u32,
    pub sample_size: u32,
    /// Sampling rate in Hz (the 16.16 field's integer part, or v2's float).
    pub sample_rate: f64,
    /// QuickTime v1: samples per packet and bytes per frame.
    pub samples_per_packet: u32,
    pub bytes_per_frame: u32,
    pub bytes_per_packet: u32,
    /// QuickTime v1: bytes per sample.
    pub bytes_per_sample: u32,
    /// QuickTime v2 LPCM flags.
    pub lpcm_flags: u32,
}

impl SampleEntry {
    /// The payload of the first child of `kind`.
    pub fn child(&self, kind: &[u8; 4]) -> Option<&[u8]> {
        self.children
            .iter()
            .find(|(k, _)| &k.0 == kind)
            .map(|(_, v)| v.as_slice())
    }
}

/// What the track's handler says its samples are, which picks the entry layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryLayout {
    Visual,
    Audio,
    Other,
}

/// Parses the entries of an `stsd` payload. At most `max` entries are kept.
pub fn parse_stsd(stsd: &[u8], layout: EntryLayout, max: usize) -> Vec<SampleEntry> {
    let mut r = ByteReader::new(stsd);
    let Some((version, _)) = r.version_flags() else {
        return Vec::new();
    };
    if r.skip(4).is_none() {
        return Vec::new();
    }
    Boxes::new(r.rest())
        .take(max)
        .map(|b| SampleEntry {
            stsd_version: version,
            ..parse_entry(b.kind, b.payload, layout)
        })
        .collect()
}

fn parse_entry(format: FourCC, data: &[u8], layout: EntryLayout) -> SampleEntry {
    let mut entry = SampleEntry {
        format,
        visual: None,
        audio: None,
        timecode: None,
        xml_namespace: None,
        children: Vec::new(),
        raw: data.iter().copied().take(64).collect(),
        stsd_version: 0,
    };
    let mut r = ByteReader::new(data);
    let fixed_end = if format == b"tmcd" {
        parse_timecode(&mut r).map(|(t, end)| {
            entry.timecode = Some(t);
            end
        })
    } else if format == b"stpp" {
        parse_stpp(&mut r).map(|(namespace, end)| {
            entry.xml_namespace = Some(namespace);
            end
        })
    } else {
        fixed_end(&mut entry, &mut r, layout)
    };
    if let Some(rest) = fixed_end.and_then(|end| data.get(end..)) {
        collect_children(rest, &mut entry.children, 0);
    }
    entry
}

/// Reads the fixed fields of a visual or audio entry; where its child boxes start.
fn fixed_end(entry: &mut SampleEntry, r: &mut ByteReader, layout: EntryLayout) -> Option<usize> {
    match layout {
        EntryLayout::Visual => parse_visual(r).map(|v| {
            entry.visual = Some(v);
            r.position()
        }),
        EntryLayout::Audio => parse_audio(r).map(|a| {
            entry.audio = Some(a);
            r.position()
        }),
        EntryLayout::Other => Some(8),
    }
}

/// A `tmcd` entry: flags, time scale, frame duration and frames per second, then 3 reserved
/// bytes, or 1 when that is where a child box fits (File_Mpeg4's test for some files).
fn parse_timecode(r: &mut ByteReader) -> Option<(TimeCodeFields, usize)> {
    r.skip(8 + 4)?;
    let flags = r.u32()?;
    let t = TimeCodeFields {
        drop_frame: flags & 1 != 0,
        h24: flags & 2 != 0,
        negative_times: flags & 4 != 0,
        timescale: r.u32()?,
        frame_duration: r.u32()?,
        frames: r.u8()?,
    };
    let rest = r.rest();
    let child_after_3 = rest.len() >= 7
        && rest.len() >= 7 + u32::from_be_bytes([rest[3], rest[4], rest[5], rest[6]]) as usize;
    let reserved = if rest.len() == 3 || child_after_3 {
        3
    } else {
        1
    };
    Some((t, r.position() + reserved))
}

/// An `stpp` entry (ISO 14496-30): after the 8 reserved bytes, three NUL-terminated strings
/// (namespace, schema location, auxiliary MIME types), then child boxes such as `btrt`.
fn parse_stpp(r: &mut ByteReader) -> Option<(String, usize)> {
    r.skip(8)?;
    let mut namespace = None;
    for _ in 0..3 {
        let rest = r.rest();
        let len = rest.iter().position(|&b| b == 0)?;
        namespace.get_or_insert_with(|| String::from_utf8_lossy(&rest[..len]).into_owned());
        r.skip(len + 1)?;
    }
    Some((namespace?, r.position()))
}

fn collect_children(data: &[u8], out: &mut Vec<(FourCC, Vec<u8>)>, depth: u32) {
    for b in Boxes::new(data).take(64) {
        out.push((b.kind, b.payload.to_vec()));
        if b.kind == b"wave" && depth == 0 {
            collect_children(b.payload, out, depth + 1);
        }
    }
}

fn parse_visual(r: &mut ByteReader) -> Option<VisualFields> {
    r.skip(8 + 16)?;
    let width = r.u16()?;
    let height = r.u16()?;
    r.skip(4 + 4 + 4 + 2)?;
    let name = r.bytes(32)?;
    let len = usize::from(name[0]).min(31);
    let compressor_name = name[1..1 + len].iter().map(|&b| b as char).collect();
    let depth = r.u16()?;
    r.skip(2)?;
    Some(VisualFields {
        width,
        height,
        compressor_name,
        depth,
    })
}

fn parse_audio(r: &mut ByteReader) -> Option<AudioFields> {
    r.skip(8)?;
    let version = r.u16()?;
    r.skip(2 + 4)?;
    let mut a = AudioFields {
        version,
        channels: u32::from(r.u16()?),
        sample_size: u32::from(r.u16()?),
        ..Default::default()
    };
    r.skip(4)?;
    a.sample_rate = f64::from(r.u32()? >> 16);
    match version {
        1 => {
            a.samples_per_packet = r.u32()?;
            a.bytes_per_packet = r.u32()?;
            a.bytes_per_frame = r.u32()?;
            a.bytes_per_sample = r.u32()?;
        }
        2 => {
            r.skip(4)?;
            a.sample_rate = f64::from_bits(r.u64()?);
            a.channels = r.u32()?;
            r.skip(4)?;
            a.sample_size = r.u32()?;
            a.lpcm_flags = r.u32()?;
            a.bytes_per_frame = r.u32()?;
            a.samples_per_packet = r.u32()?;
        }
        _ => {}
    }
    Some(a)
}
