//! Matroska and WebM: the EBML walk MediaInfo's File_Mk makes, and what it finds.
//!
//! The walk follows MediaInfo's read plan: the EBML header, then the Segment's level-1
//! elements in file order (SeekHead, Info, Tracks, Tags, Chapters, Attachments without their
//! data; Cues skipped), the blocks of the first Clusters until MediaInfo has seen 512 frames
//! per track, then a jump to the first SeekHead target after that point (Cues, Tags… at the
//! end) and on to the end of the Segment. Clusters after that jump are skipped, so the bytes
//! read do not grow with the file's length. Block payloads are read only while the track's
//! codec parser (a [`FrameSink`]) wants them.
//!
//! Sizes are read as MediaInfo reads them: a one-byte `0xFF` size is "the rest of the parent";
//! other all-ones sizes (8-byte "unknown" in live streams) are taken at face value and clamped
//! to the parent, with MediaInfo's conformance message.

pub mod blocks;
pub mod crc;
pub mod ebml;
pub mod ids;
pub mod reader;
pub mod segment;
pub mod vfw;
mod walk;

use std::collections::BTreeMap;

use crate::Result;
use crate::source::{Source, read_up_to};

pub use segment::{ChapterAtom, Info, TrackBlocks, TrackEntry, TrackKind, TrackProps};

/// How far into a file MediaInfo looks for the EBML header.
const SYNC_SPAN: usize = 64 << 10;

/// How a track's frames hold length-prefixed NAL units.
#[derive(Clone, Copy, Debug)]
pub struct NalLayout {
    /// Bytes of each NAL unit's length field (1 to 4).
    pub length_size: usize,
    /// How many bytes of a NAL unit (by its first header byte and its length) the parser
    /// reads, e.g. [`crate::codec::avc::nal_bytes_used`].
    pub bytes_used: fn(u8, usize) -> usize,
}

/// The codec parsers' side of the walk: which tracks have one, and their frames.
pub trait FrameSink {
    /// Whether MediaInfo has a parser for this track (its payloads are then read).
    fn has_parser(&mut self, track: &TrackEntry) -> bool;
    /// Most bytes of one frame the parser wants.
    fn frame_limit(&self, _track: u64) -> usize {
        256 << 10
    }
    /// For a track whose frames are length-prefixed NAL units (AVC, HEVC), their layout: the
    /// walk then fetches of each NAL unit only what the codec's parser reads of it.
    fn nal_layout(&self, _track: u64) -> Option<NalLayout> {
        None
    }
    /// One frame of track number `track` (header stripping undone, cut at
    /// [`FrameSink::frame_limit`]). Returns whether the parser wants more.
    fn frame(&mut self, track: u64, frame: &[u8]) -> bool;
    /// A `BlockAdditional` of a block of `track`, with its `BlockAddID`.
    fn block_additional(&mut self, _track: u64, _id: u64, _data: &[u8]) {}
}

/// A sink with no parsers: only the structure and timestamps are read.
pub struct NoFrames;

impl FrameSink for NoFrames {
    fn has_parser(&mut self, _track: &TrackEntry) -> bool {
        false
    }
    fn frame(&mut self, _track: u64, _frame: &[u8]) -> bool {
        false
    }
}

/// One conformance error, as MediaInfo fills it: the element path (`0x8538067 0xF43B675`)
/// or parser name, the message, and where it was noticed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conformance {
    /// Space-separated path ending in `GeneralCompliance`.
    pub field: String,
    pub value: String,
    /// The position note MediaInfo adds: `(offset 0x24)`, `(time 00:00:08.509, offset …)` or
    /// `(conf, offset …)`.
    pub note: String,
}

/// DocType and DocTypeVersion elements kept from repeated EBML headers.
pub const MAX_DOC_TYPES: usize = 8;

/// What the walk found.
#[derive(Clone, Debug, Default)]
pub struct MkvFile {
    pub file_size: u64,
    /// The last EBML header's DocType.
    pub doc_type: Option<String>,
    /// Every DocType and DocTypeVersion of the EBML headers, in order (a file may repeat its
    /// header; MediaInfo lists the format and version once per element); at most
    /// [`MAX_DOC_TYPES`] each.
    pub doc_types: Vec<String>,
    pub doc_type_versions: Vec<u64>,
    /// The Segment's data start and end (clamped to the file).
    pub segment: Option<(u64, u64)>,
    /// A zero Segment size (MediaInfo reads it as unlimited).
    pub segment_size_is_zero: bool,
    pub info: Info,
    /// One entry per TrackEntry, in file order.
    pub tracks: Vec<TrackEntry>,
    /// Per track number, MediaInfo's stream properties; `u64::MAX` holds what a TrackEntry set
    /// before its TrackNumber.
    pub props: BTreeMap<u64, TrackProps>,
    /// Tags per track UID (0: the whole file), by MediaInfo's field name; later values of a
    /// name replace earlier ones.
    pub tags: BTreeMap<u64, BTreeMap<String, String>>,
    /// Chapters per edition.
    pub editions: Vec<Vec<ChapterAtom>>,
    /// Attached file names, in order.
    pub attachments: Vec<String>,
    /// An attachment named like a cover was seen (MediaInfo's `Cover`).
    pub cover: bool,
    /// Tracks came after the first Cluster (reached through the SeekHead).
    pub not_streamable: bool,
    /// `ErrorDetectionType`, from the CRC-32 elements.
    pub error_detection: Option<&'static str>,
    /// Positions of CRC-32 elements whose check failed.
    pub crc_errors: Vec<u64>,
    /// The file ends before an element does.
    pub truncated: bool,
    pub conformance: Vec<Conformance>,
}

/// Where a file's EBML header starts: at 0, or (as MediaInfo synchronises) at the first
/// `1A 45 DF A3` in the first 64 KiB.
pub fn find_ebml(src: &dyn Source) -> Result<Option<u64>> {
    let head = read_up_to(src, 0, SYNC_SPAN)?;
    Ok(head
        .windows(4)
        .position(|w| w == [0x1A, 0x45, 0xDF, 0xA3])
        .map(|p| p as u64))
}

/// Whether `head` starts an EBML document.
pub fn probe(head: &[u8]) -> bool {
    head.starts_with(&[0x1A, 0x45, 0xDF, 0xA3])
}

impl MkvFile {
    /// Walks a Matroska file from its EBML header at `start`, handing frames to `sink`. `None`
    /// when the EBML header names another document type (MediaInfo rejects the file).
    pub fn read(src: &dyn Source, start: u64, sink: &mut dyn FrameSink) -> Result<Option<MkvFile>> {
        walk::Walker::new(src, sink).run(start)
    }

    /// The properties of track number `n`.
    pub fn props_of(&self, n: Option<u64>) -> Option<&TrackProps> {
        self.props.get(&n?)
    }
}
