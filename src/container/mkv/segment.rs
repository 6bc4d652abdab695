//! The Segment's metadata elements: SeekHead, Info, Tracks, Tags, Chapters, Attachments.

use crate::Result;
use crate::source::{Source, read_up_to};

use super::ebml::{Element, Id, read_header};
use super::ids;

/// `MasteringMetadata` inside `Colour`.
const MASTERING_METADATA: Id = 0x55D0;

/// At most this many entries of any list are kept (tracks, tags, chapters, attachments).
const MAX_ITEMS: usize = 4096;

/// `Info`.
#[derive(Clone, Debug, PartialEq)]
pub struct Info {
    pub timestamp_scale: u64,
    /// In timestamp-scale units.
    pub duration: Option<f64>,
    /// Nanoseconds since 2001-01-01.
    pub date_utc: Option<i64>,
    pub title: Option<String>,
    pub muxing_app: Option<String>,
    pub writing_app: Option<String>,
    pub segment_uid: Option<Vec<u8>>,
}

impl Default for Info {
    fn default() -> Self {
        Info {
            timestamp_scale: 1_000_000,
            duration: None,
            date_utc: None,
            title: None,
            muxing_app: None,
            writing_app: None,
            segment_uid: None,
        }
    }
}

/// Video settings of a track.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct VideoSettings {
    pub pixel_width: Option<u64>,
    pub pixel_height: Option<u64>,
    pub display_width: Option<u64>,
    pub display_height: Option<u64>,
    pub display_unit: u64,
    pub crop: [u64; 4],
    pub interlaced: u64,
    pub field_order: Option<u64>,
    pub stereo_mode: Option<u64>,
    /// The raw `Colour` element's children: (id, unsigned or float value).
    pub colour: Vec<(Id, f64)>,
}

/// Audio settings of a track.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AudioSettings {
    pub sampling_frequency: Option<f64>,
    pub output_sampling_frequency: Option<f64>,
    pub channels: Option<u64>,
    pub bit_depth: Option<u64>,
}

/// One `TrackEntry`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrackEntry {
    pub number: u64,
    pub uid: Option<u64>,
    pub track_type: u64,
    pub enabled: bool,
    pub default: bool,
    pub forced: bool,
    pub default_duration: Option<u64>,
    pub name: Option<String>,
    pub language: Option<String>,
    pub language_bcp47: Option<String>,
    pub codec_id: String,
    pub codec_private: Vec<u8>,
    pub codec_name: Option<String>,
    pub codec_delay: Option<u64>,
    pub video: Option<VideoSettings>,
    pub audio: Option<AudioSettings>,
    /// Header stripping: bytes removed from the start of every frame.
    pub stripped_header: Option<Vec<u8>>,
    /// Content compression algorithm (0 zlib, 1 bzlib, 2 lzo1x, 3 header stripping).
    pub compression: Option<u64>,
    pub encrypted: bool,
}

/// One `SimpleTag`, with the track UIDs its `Targets` names (empty: the whole file).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tag {
    pub track_uids: Vec<u64>,
    pub target_type_value: Option<u64>,
    pub name: String,
    pub value: String,
    pub language: Option<String>,
}

/// One chapter (flattened from editions).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Chapter {
    pub edition: usize,
    pub start_ns: u64,
    pub end_ns: Option<u64>,
    /// (language, title) pairs.
    pub titles: Vec<(String, String)>,
}

/// One attached file (name and type only).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Attachment {
    pub name: String,
    pub mime_type: String,
}

/// SeekHead entries: (element ID, position relative to the Segment data).
pub fn parse_seek_head(e: &Element) -> Vec<(Id, u64)> {
    e.children()
        .filter(|c| c.id == ids::SEEK)
        .take(MAX_ITEMS)
        .filter_map(|seek| {
            let mut id = None;
            let mut pos = None;
            for c in seek.children() {
                match c.id {
                    ids::SEEK_ID => id = c.uint().map(|v| v as Id),
                    ids::SEEK_POSITION => pos = c.uint(),
                    _ => {}
                }
            }
            Some((id?, pos?))
        })
        .collect()
}

pub fn parse_info(e: &Element) -> Info {
    let mut info = Info::default();
    for c in e.children() {
        match c.id {
            ids::TIMESTAMP_SCALE => {
                info.timestamp_scale = c.uint().filter(|&v| v > 0).unwrap_or(1_000_000)
            }
            ids::DURATION => info.duration = c.float(),
            ids::DATE_UTC => info.date_utc = c.int(),
            ids::TITLE => info.title = Some(c.text()),
            ids::MUXING_APP => info.muxing_app = Some(c.text()),
            ids::WRITING_APP => info.writing_app = Some(c.text()),
            ids::SEGMENT_UID => info.segment_uid = Some(c.data.to_vec()),
            _ => {}
        }
    }
    info
}

pub fn parse_tracks(e: &Element) -> Vec<TrackEntry> {
    e.children()
        .filter(|c| c.id == ids::TRACK_ENTRY)
        .take(MAX_ITEMS)
        .map(|t| parse_track(&t))
        .collect()
}

fn parse_track(e: &Element) -> TrackEntry {
    let mut t = TrackEntry {
        enabled: true,
        default: true,
        language: None,
        ..Default::default()
    };
    for c in e.children() {
        match c.id {
            ids::TRACK_NUMBER => t.number = c.uint().unwrap_or(0),
            ids::TRACK_UID => t.uid = c.uint(),
            ids::TRACK_TYPE => t.track_type = c.uint().unwrap_or(0),
            ids::FLAG_ENABLED => t.enabled = c.uint() != Some(0),
            ids::FLAG_DEFAULT => t.default = c.uint() != Some(0),
            ids::FLAG_FORCED => t.forced = c.uint().is_some_and(|v| v != 0),
            ids::DEFAULT_DURATION => t.default_duration = c.uint(),
            ids::NAME => t.name = Some(c.text()),
            ids::LANGUAGE => t.language = Some(c.text()),
            ids::LANGUAGE_BCP47 => t.language_bcp47 = Some(c.text()),
            ids::CODEC_ID => t.codec_id = c.text(),
            ids::CODEC_PRIVATE => t.codec_private = c.data.to_vec(),
            ids::CODEC_NAME => t.codec_name = Some(c.text()),
            ids::CODEC_DELAY => t.codec_delay = c.uint(),
            ids::VIDEO => t.video = Some(parse_video(&c)),
            ids::AUDIO => t.audio = Some(parse_audio(&c)),
            ids::CONTENT_ENCODINGS => parse_encodings(&c, &mut t),
            _ => {}
        }
    }
    t
}

fn parse_video(e: &Element) -> VideoSettings {
    let mut v = VideoSettings::default();
    for c in e.children() {
        match c.id {
            ids::PIXEL_WIDTH => v.pixel_width = c.uint(),
            ids::PIXEL_HEIGHT => v.pixel_height = c.uint(),
            ids::DISPLAY_WIDTH => v.display_width = c.uint(),
            ids::DISPLAY_HEIGHT => v.display_height = c.uint(),
            ids::DISPLAY_UNIT => v.display_unit = c.uint().unwrap_or(0),
            ids::PIXEL_CROP_BOTTOM => v.crop[0] = c.uint().unwrap_or(0),
            ids::PIXEL_CROP_TOP => v.crop[1] = c.uint().unwrap_or(0),
            ids::PIXEL_CROP_LEFT => v.crop[2] = c.uint().unwrap_or(0),
            ids::PIXEL_CROP_RIGHT => v.crop[3] = c.uint().unwrap_or(0),
            ids::FLAG_INTERLACED => v.interlaced = c.uint().unwrap_or(0),
            ids::FIELD_ORDER => v.field_order = c.uint(),
            ids::STEREO_MODE => v.stereo_mode = c.uint(),
            ids::COLOUR => {
                // Unsigned children only; MasteringMetadata (a master) is read separately.
                v.colour = c
                    .children()
                    .take(64)
                    .filter(|k| k.id != MASTERING_METADATA)
                    .filter_map(|k| k.uint().map(|u| (k.id, u as f64)))
                    .collect();
            }
            _ => {}
        }
    }
    v
}

fn parse_audio(e: &Element) -> AudioSettings {
    let mut a = AudioSettings::default();
    for c in e.children() {
        match c.id {
            ids::SAMPLING_FREQUENCY => a.sampling_frequency = c.float(),
            ids::OUTPUT_SAMPLING_FREQUENCY => a.output_sampling_frequency = c.float(),
            ids::CHANNELS => a.channels = c.uint(),
            ids::BIT_DEPTH => a.bit_depth = c.uint(),
            _ => {}
        }
    }
    a
}

fn parse_encodings(e: &Element, t: &mut TrackEntry) {
    for enc in e
        .children()
        .filter(|c| c.id == ids::CONTENT_ENCODING)
        .take(16)
    {
        for c in enc.children() {
            match c.id {
                ids::CONTENT_COMPRESSION => {
                    let mut algo = 0;
                    let mut settings = None;
                    for k in c.children() {
                        match k.id {
                            ids::CONTENT_COMP_ALGO => algo = k.uint().unwrap_or(0),
                            ids::CONTENT_COMP_SETTINGS => settings = Some(k.data.to_vec()),
                            _ => {}
                        }
                    }
                    t.compression = Some(algo);
                    if algo == 3 {
                        t.stripped_header = settings;
                    }
                }
                ids::CONTENT_ENCRYPTION => t.encrypted = true,
                _ => {}
            }
        }
    }
}

pub fn parse_tags(e: &Element) -> Vec<Tag> {
    let mut out = Vec::new();
    for tag in e.children().filter(|c| c.id == ids::TAG).take(MAX_ITEMS) {
        let mut uids = Vec::new();
        let mut target_type = None;
        for c in tag.children() {
            if c.id == ids::TARGETS {
                for k in c.children() {
                    match k.id {
                        ids::TAG_TRACK_UID => uids.extend(k.uint()),
                        ids::TARGET_TYPE_VALUE => target_type = k.uint(),
                        _ => {}
                    }
                }
            }
        }
        for simple in tag.children().filter(|c| c.id == ids::SIMPLE_TAG) {
            simple_tags(&simple, &uids, target_type, "", &mut out, 0);
        }
        if out.len() > MAX_ITEMS {
            out.truncate(MAX_ITEMS);
            break;
        }
    }
    out
}

fn simple_tags(
    e: &Element,
    uids: &[u64],
    target_type: Option<u64>,
    prefix: &str,
    out: &mut Vec<Tag>,
    depth: u32,
) {
    let mut t = Tag {
        track_uids: uids.to_vec(),
        target_type_value: target_type,
        ..Default::default()
    };
    for c in e.children() {
        match c.id {
            ids::TAG_NAME => t.name = format!("{prefix}{}", c.text()),
            ids::TAG_STRING => t.value = c.text(),
            ids::TAG_LANGUAGE => t.language = Some(c.text()),
            _ => {}
        }
    }
    let name = t.name.clone();
    out.push(t);
    if depth < 4 {
        for nested in e.children().filter(|c| c.id == ids::SIMPLE_TAG) {
            simple_tags(
                &nested,
                uids,
                target_type,
                &format!("{name}/"),
                out,
                depth + 1,
            );
        }
    }
}

pub fn parse_chapters(e: &Element) -> Vec<Chapter> {
    let mut out = Vec::new();
    for (edition, ed) in e
        .children()
        .filter(|c| c.id == ids::EDITION_ENTRY)
        .take(64)
        .enumerate()
    {
        for atom in ed
            .children()
            .filter(|c| c.id == ids::CHAPTER_ATOM)
            .take(MAX_ITEMS)
        {
            let mut ch = Chapter {
                edition,
                ..Default::default()
            };
            for c in atom.children() {
                match c.id {
                    ids::CHAPTER_TIME_START => ch.start_ns = c.uint().unwrap_or(0),
                    ids::CHAPTER_TIME_END => ch.end_ns = c.uint(),
                    ids::CHAPTER_DISPLAY => {
                        let mut title = String::new();
                        let mut lang = "eng".to_string(); // the element's default
                        for d in c.children() {
                            match d.id {
                                ids::CHAP_STRING => title = d.text(),
                                ids::CHAP_LANGUAGE => lang = d.text(),
                                _ => {}
                            }
                        }
                        ch.titles.push((lang, title));
                    }
                    _ => {}
                }
            }
            out.push(ch);
        }
    }
    out
}

/// Reads the attached files' names and types, skipping their data.
pub fn read_attachments(src: &dyn Source, start: u64, size: u64) -> Result<Vec<Attachment>> {
    let mut out = Vec::new();
    let end = start.saturating_add(size).min(src.len());
    let mut offset = start;
    while offset < end && out.len() < MAX_ITEMS {
        let head = read_up_to(src, offset, 12)?;
        let Some(h) = read_header(&head) else { break };
        let Some(len) = h.size else { break };
        let data_start = offset + h.header_len as u64;
        if h.id == ids::ATTACHED_FILE {
            // Walk the children headers, reading only the small ones.
            let mut a = Attachment::default();
            let mut child = data_start;
            let child_end = data_start.saturating_add(len).min(end);
            while child < child_end {
                let head = read_up_to(src, child, 12)?;
                let Some(ch) = read_header(&head) else { break };
                let Some(clen) = ch.size else { break };
                let cstart = child + ch.header_len as u64;
                if (ch.id == ids::FILE_NAME || ch.id == ids::FILE_MIME_TYPE) && clen <= 4096 {
                    let data = read_up_to(src, cstart, clen as usize)?;
                    let e = Element {
                        id: ch.id,
                        data: &data,
                        offset: 0,
                    };
                    if ch.id == ids::FILE_NAME {
                        a.name = e.text();
                    } else {
                        a.mime_type = e.text();
                    }
                }
                child = cstart.saturating_add(clen);
            }
            out.push(a);
        }
        offset = data_start.saturating_add(len);
    }
    Ok(out)
}
