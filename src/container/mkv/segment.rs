//! What the Segment's metadata says, in the shape MediaInfo's File_Mk keeps it: Info, one entry
//! per TrackEntry, per-track-number properties, tags per track UID, chapters per edition,
//! attachments.

use std::collections::BTreeMap;

/// `Info` (the first one; File_Mk skips later instances).
#[derive(Clone, Debug, PartialEq)]
pub struct Info {
    /// Nanoseconds per timestamp tick (0 when the element says so: no durations then).
    pub timestamp_scale: u64,
    /// In timestamp ticks; 0 when absent.
    pub duration: f64,
    /// Nanoseconds since 2001-01-01.
    pub date_utc: Option<i64>,
    pub title: Option<String>,
    pub muxing_app: Option<String>,
    pub writing_app: Option<String>,
    /// `SegmentUID` read as an integer of 1 to 8 or 16 bytes (0 for any other size).
    pub segment_uid: Option<u128>,
}

impl Default for Info {
    fn default() -> Self {
        Info {
            timestamp_scale: 1_000_000,
            duration: 0.0,
            date_utc: None,
            title: None,
            muxing_app: None,
            writing_app: None,
            segment_uid: None,
        }
    }
}

/// The stream kind a TrackEntry becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrackKind {
    Video,
    Audio,
    Text,
}

/// Fields MediaInfo fills straight into a track's stream while reading its TrackEntry.
#[derive(Clone, Debug, PartialEq)]
pub struct TrackEntry {
    /// From `TrackType`, or from the `Video`/`Audio` element when it comes first.
    pub kind: Option<TrackKind>,
    pub number: Option<u64>,
    pub track_type: Option<u64>,
    /// How many track numbers MediaInfo knew when this entry began.
    pub stream_order: usize,
    /// `TrackUID` (the stream's `UniqueID`).
    pub uid: Option<u64>,
    pub codec_id: Option<String>,
    pub codec_private: Option<Vec<u8>>,
    pub name: Option<String>,
    /// `Language` or `LanguageBCP47`, the last one read; `eng` by default.
    pub language: String,
    pub video: Option<VideoEntry>,
    pub audio: Option<AudioEntry>,
    /// `MuxingMode` from the content compression algorithm.
    pub muxing_mode: Option<&'static str>,
    /// Whether the Video or Audio element came before MediaInfo read the CodecPrivate (once
    /// TrackNumber, TrackType, CodecID and CodecPrivate are all known); `None` if it never did.
    pub private_after_media: Option<bool>,
}

impl Default for TrackEntry {
    fn default() -> Self {
        TrackEntry {
            kind: None,
            number: None,
            track_type: None,
            stream_order: 0,
            uid: None,
            codec_id: None,
            codec_private: None,
            name: None,
            language: "eng".to_string(),
            video: None,
            audio: None,
            muxing_mode: None,
            private_after_media: None,
        }
    }
}

/// `Video` fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct VideoEntry {
    pub pixel_width: Option<u64>,
    pub pixel_height: Option<u64>,
    pub field_order: Option<u64>,
    pub stereo_mode: Option<u64>,
}

/// `Audio` fields, with MediaInfo's defaults (1 channel, 8000 Hz).
#[derive(Clone, Debug, PartialEq)]
pub struct AudioEntry {
    pub channels: u64,
    pub sampling_rate: f64,
    pub bit_depth: Option<u64>,
}

impl Default for AudioEntry {
    fn default() -> Self {
        AudioEntry {
            channels: 1,
            sampling_rate: 8000.0,
            bit_depth: None,
        }
    }
}

/// SMPTE ST 2086 values from `MasteringMetadata`, in MediaInfo's units: primaries G, B, R then
/// white point (x, y) in 0.00002 steps, luminance min and max in 0.0001 cd/m².
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mastering {
    pub primaries: [Option<u16>; 8],
    pub luminance: [Option<u32>; 2],
}

/// What MediaInfo keeps per track number (File_Mk's `stream`): TrackEntry values it stores
/// aside, and what the Clusters taught.
#[derive(Clone, Debug, PartialEq)]
pub struct TrackProps {
    pub kind: Option<TrackKind>,
    pub uid: Option<u64>,
    pub default: bool,
    pub forced: bool,
    /// `DefaultDuration` in nanoseconds (0: none).
    pub default_duration: u64,
    /// Content compression: 0 zlib, 1 bzlib, 2 lzo1x, 3 header stripping.
    pub comp_algo: Option<u64>,
    /// Header stripping: the bytes removed from every frame.
    pub comp_settings: Vec<u8>,
    /// Crop: bottom, top, left, right.
    pub crop: [u64; 4],
    /// `FrameRate` (a deprecated float element).
    pub frame_rate: f64,
    /// Display aspect ratio from the display size (0: none).
    pub display_aspect_ratio: f32,
    /// Colour description fields, by MediaInfo name, filled in name order.
    pub infos: BTreeMap<&'static str, String>,
    pub mastering: Mastering,
    pub blocks: TrackBlocks,
}

impl Default for TrackProps {
    fn default() -> Self {
        TrackProps {
            kind: None,
            uid: None,
            default: true,
            forced: false,
            default_duration: 0,
            comp_algo: None,
            comp_settings: Vec::new(),
            crop: [0; 4],
            frame_rate: 0.0,
            display_aspect_ratio: 0.0,
            infos: BTreeMap::new(),
            mastering: Mastering::default(),
            blocks: TrackBlocks::default(),
        }
    }
}

/// What the blocks of a track that MediaInfo reads said.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrackBlocks {
    /// The smallest block timestamp, in ticks (timestamps below 0 wrap, as MediaInfo's
    /// unsigned arithmetic does).
    pub timecode_start: Option<u64>,
    /// The first 129 block timestamps of a video track.
    pub timecodes: Vec<u64>,
    /// How often each `BlockDuration` (read before its Block) was seen.
    pub durations: BTreeMap<u64, u64>,
    /// Blocks seen.
    pub packets: u64,
}

/// One chapter: its start (if any) and its displays (language, title).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChapterAtom {
    pub start_ns: Option<u64>,
    pub displays: Vec<(String, String)>,
}

/// The big-endian unsigned integer of 1 to 8 bytes (MediaInfo's `UInteger_Get`: 0 for any other
/// size).
pub fn uint(data: &[u8]) -> u64 {
    if data.is_empty() || data.len() > 8 {
        return 0;
    }
    data.iter().fold(0, |a, &b| (a << 8) | u64::from(b))
}

/// The float of 4 or 8 bytes (MediaInfo's `Float_Get`: 0 for any other size).
pub fn float(data: &[u8]) -> f64 {
    match data.len() {
        4 => f64::from(f32::from_be_bytes([data[0], data[1], data[2], data[3]])),
        8 => f64::from_be_bytes(data.try_into().unwrap_or([0; 8])),
        _ => 0.0,
    }
}

/// UTF-8 text up to its first NUL; nothing when it is not valid UTF-8 (ZenLib's `From_UTF8`
/// gives MediaInfo an empty string then).
pub fn text(data: &[u8]) -> String {
    let end = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    std::str::from_utf8(&data[..end])
        .map(str::to_string)
        .unwrap_or_default()
}

/// The 128-bit integer of 1 to 8 or 16 bytes (MediaInfo's `UInteger16_Get`).
pub fn uint128(data: &[u8]) -> u128 {
    match data.len() {
        1..=8 | 16 => data.iter().fold(0, |a, &b| (a << 8) | u128::from(b)),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_as_mediainfo_reads_them() {
        assert_eq!(uint(&[1, 0]), 256);
        assert_eq!(uint(&[0; 9]), 0);
        assert_eq!(uint128(&[0xFF; 16]), u128::MAX);
        assert_eq!(uint128(&[1; 12]), 0);
        assert_eq!(float(&[0x3F, 0x80, 0, 0]), 1.0);
        assert_eq!(text(b"ab\0c"), "ab");
    }
}
