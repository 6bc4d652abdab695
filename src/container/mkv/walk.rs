//! The element walk, in MediaInfo's order and with MediaInfo's reading of each element
//! (File_Mk's `Header_Parse`, `Data_Parse` and element handlers).

use crate::Result;
use crate::source::Source;

use super::blocks::{BlockHeader, lace_sizes};
use super::crc::crc32;
use super::ebml::{Vint, code_of, read_eb};
use super::ids;
use super::reader::Reader;
use super::segment::{
    AudioEntry, ChapterAtom, Mastering, TrackEntry, TrackKind, TrackProps, VideoEntry, float, text,
    uint, uint128,
};
use super::{Conformance, FrameSink, MkvFile, NalLayout};

/// The pseudo track number of properties set before a TrackEntry's TrackNumber.
pub const STRAY: u64 = u64::MAX;
/// Largest metadata element (Info, Tracks, Tags, Chapters, SeekHead) read whole.
const MAX_METADATA: u64 = 16 << 20;
/// Largest Cluster read whole to check its CRC-32.
const MAX_CRC_CLUSTER: u64 = 16 << 20;
/// Skipped elements larger than this are not in MediaInfo's buffer: pending CRC checks stop.
const CRC_SKIP_LIMIT: u64 = 64 << 10;
/// Frames MediaInfo reads per track number before it stops reading Clusters.
const FRAMES_PER_STREAM: u64 = 512;
/// Blocks after which MediaInfo stops feeding a track's parser.
const MAX_PACKETS: u64 = 300;
/// Video timestamps kept for the frame rate (MediaInfo keeps 129).
const MAX_TIMECODES: usize = 128;
/// Element nesting followed at most.
const MAX_DEPTH: usize = 32;
/// Bytes of a block read to find its lacing.
const BLOCK_HEAD: usize = 512;

/// An element header as MediaInfo reads it.
#[derive(Clone, Copy, Debug)]
struct Hdr {
    /// The ID with its length marker (0 for junk).
    id: u64,
    /// MediaInfo's code: the ID without its marker (`u32::MAX` for zero padding, 0 for a junk
    /// byte).
    code: u64,
    data: u64,
    /// Data end, clamped to the parent.
    end: u64,
    /// The declared end lies past the file (a block MediaInfo waits for forever).
    past_file: bool,
}

/// A CRC-32 check in progress: the parent's bytes after the CRC element.
#[derive(Clone, Copy, Debug)]
struct CrcCheck {
    expected: u32,
    pos: u64,
    from: u64,
    to: u64,
}

/// Element kinds of the walk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Node {
    /// A master whose children are walked.
    List,
    /// A value read whole.
    Leaf,
    /// An element MediaInfo does not know here: skipped.
    Unknown,
}

pub(super) struct Walker<'a, 'b> {
    r: Reader<'a>,
    sink: &'b mut dyn FrameSink,
    f: MkvFile,
    rejected: bool,
    /// Codes of the elements being walked.
    path: Vec<u64>,
    /// SeekHead targets: (element code, absolute position).
    seeks: Vec<(u64, u64)>,
    info_count: usize,
    tracks_count: usize,
    /// End of the Tracks element parsed out of order.
    tracks_end: Option<u64>,
    cluster_count: usize,
    cluster_tc: u64,
    block_duration: Option<u64>,
    block_track: Option<u64>,
    block_add_id: Option<u64>,
    filled: bool,
    frames: u64,
    /// Streams still searching something (File_Mk's Stream_Count); `None` before the first
    /// Cluster.
    stream_count: Option<usize>,
    searching_payload: std::collections::BTreeMap<u64, bool>,
    has_parser: std::collections::BTreeMap<u64, bool>,
    goto: Option<u64>,
    stop: bool,
    /// Presentation time of the last block (ns), until a parser consumes it.
    pts: Option<u64>,
    /// Current TrackEntry (index in `f.tracks`) and its display size so far.
    entry: Option<usize>,
    display: (u64, u64),
    tag_uid: u64,
    tag_names: Vec<String>,
    attachment_is_cover: bool,
    crc: Vec<Option<CrcCheck>>,
    /// A CRC-32 with nothing after it in its parent: MediaInfo checks it over the next
    /// element's header instead.
    crc_empty: Option<CrcCheck>,
    crc_started: bool,
    /// A pending CRC-32 range holds attached files (not read: not checked).
    crc_over_attachments: bool,
    /// Bytes up to this value at the start of an element are zero padding (EBMLMaxSizeLength).
    invalid_byte_max: u8,
    /// Conformance errors filled but not merged yet: (field, value, offset).
    conf_pending: Vec<(String, String, u64)>,
    /// Offset of the last conformance error filled (MediaInfo's end-of-parse merge uses it).
    conf_offset: u64,
    /// Errors merged at the end of parsing ("conf").
    conf_late: Vec<(String, String)>,
    /// The current leaf's bytes: one buffer reused for every leaf element.
    leaf_buf: Vec<u8>,
    /// The frame handed to the sink: one buffer reused for every frame.
    frame_buf: Vec<u8>,
}

impl<'a, 'b> Walker<'a, 'b> {
    pub fn new(src: &'a dyn Source, sink: &'b mut dyn FrameSink) -> Self {
        let r = Reader::new(src);
        let f = MkvFile {
            file_size: r.source_len(),
            ..Default::default()
        };
        Walker {
            r,
            sink,
            f,
            rejected: false,
            path: Vec::new(),
            seeks: Vec::new(),
            info_count: 0,
            tracks_count: 0,
            tracks_end: None,
            cluster_count: 0,
            cluster_tc: 0,
            block_duration: None,
            block_track: None,
            block_add_id: None,
            filled: false,
            frames: 0,
            stream_count: None,
            searching_payload: Default::default(),
            has_parser: Default::default(),
            goto: None,
            stop: false,
            pts: None,
            entry: None,
            display: (0, 0),
            tag_uid: 0,
            tag_names: Vec::new(),
            attachment_is_cover: false,
            crc: Vec::new(),
            crc_empty: None,
            crc_started: false,
            crc_over_attachments: false,
            invalid_byte_max: 0,
            conf_pending: Vec::new(),
            conf_offset: 0,
            conf_late: Vec::new(),
            leaf_buf: Vec::new(),
            frame_buf: Vec::new(),
        }
    }

    pub fn run(mut self, start: u64) -> Result<Option<MkvFile>> {
        let end = self.f.file_size;
        let mut pos = start;
        while pos < end && !self.stop && !self.rejected {
            let Some(h) = self.header(pos, end, 1)? else {
                break;
            };
            self.check_empty_crc(pos, &h)?;
            self.element(0, end, &h, 1)?;
            pos = h.end;
            if let Some(to) = self.goto.take() {
                if to >= end {
                    break;
                }
                pos = to;
            }
        }
        if self.rejected {
            return Ok(None);
        }
        self.finish_conformance();
        Ok(Some(self.f))
    }

    // ---- Headers ----------------------------------------------------------------------

    /// Reads the header at `pos` inside a parent ending at `parent_end`; `level` is the
    /// element's depth (1 for the file's top level). `None` at the end of the file.
    fn header(&mut self, pos: u64, parent_end: u64, level: usize) -> Result<Option<Hdr>> {
        let avail = parent_end.saturating_sub(pos).min(16) as usize;
        // At most 16 bytes (an 8-byte ID and an 8-byte size), copied to the stack.
        let mut head_buf = [0u8; 16];
        let got = self.r.get(pos, avail)?;
        head_buf[..got.len()].copy_from_slice(got);
        let head = &head_buf[..got.len()];
        let Some(&first) = head.first() else {
            return Ok(None);
        };
        let junk = |end: u64, code: u64| Hdr {
            id: 0,
            code,
            data: end,
            end,
            past_file: false,
        };
        if first <= self.invalid_byte_max {
            // Zero padding, up to the next byte above EBMLMaxSizeLength's limit.
            let mut end = pos + 1;
            let max = self.invalid_byte_max;
            while end < parent_end {
                let chunk = self.r.get(end, 4096)?;
                if chunk.is_empty() {
                    break;
                }
                match chunk.iter().position(|&b| b > max) {
                    Some(i) => {
                        end += i as u64;
                        break;
                    }
                    None => end += chunk.len() as u64,
                }
            }
            return Ok(Some(junk(end.min(parent_end), u64::from(u32::MAX))));
        }
        if first < 0x10 && pos + 1 < parent_end {
            return Ok(Some(junk(pos + 1, 0)));
        }
        // A header cut by its parent's end: the rest of the parent is junk.
        let Some((name, id_len)) = read_eb(head) else {
            return Ok(Some(junk(parent_end, 0)));
        };
        let code = match name {
            Vint::Value(v) => v,
            Vint::Unlimited => 0x7F,
        };
        let id = head[..id_len]
            .iter()
            .fold(0u64, |a, &b| (a << 8) | u64::from(b));
        let Some((size, size_len)) = head.get(id_len..).and_then(read_eb) else {
            return Ok(Some(junk(parent_end, 0)));
        };
        let data = pos + (id_len + size_len) as u64;
        if data > parent_end {
            return Ok(Some(junk(parent_end, 0)));
        }
        let mut size = match size {
            Vint::Value(v) => v,
            Vint::Unlimited => parent_end.saturating_sub(data),
        };
        if id == u64::from(ids::SEGMENT) && size == 0 {
            size = 0x00FF_FFFF_FFFF_FFFF;
            self.f.segment_size_is_zero = true;
        }
        let declared_end = data.saturating_add(size);
        let mut end = declared_end;
        if declared_end > parent_end {
            let mut name_path = self.path.clone();
            name_path.push(code);
            self.fill_conformance(
                &name_path,
                format!(
                    "Element size {size} is more than maximal permitted size {}",
                    parent_end.saturating_sub(data)
                ),
                data,
            );
            end = parent_end;
        }
        if level == 1 && declared_end > self.f.file_size {
            self.f.truncated = true;
            self.conf_pending.push((
                "Matroska GeneralCompliance".to_string(),
                format!(
                    "File size {} is less than expected size at least {declared_end}",
                    self.f.file_size
                ),
                data,
            ));
            self.conf_offset = data;
            self.merge_conformance();
        }
        Ok(Some(Hdr {
            id,
            code,
            data,
            end: end.max(data),
            past_file: declared_end > self.f.file_size,
        }))
    }

    // ---- Conformance ------------------------------------------------------------------

    fn fill_conformance(&mut self, path: &[u64], message: String, offset: u64) {
        let mut field = String::new();
        for &code in path.iter().filter(|&&c| c != 0) {
            field.push_str(&format!("0x{code:X}"));
            if field.ends_with(|c: char| c.is_ascii_digit()) {
                field.push('_');
            }
            field.push(' ');
        }
        field.push_str("GeneralCompliance");
        if !self
            .conf_pending
            .iter()
            .any(|(f, v, _)| *f == field && *v == message)
        {
            self.conf_pending.push((field, message, offset));
        }
        self.conf_offset = offset;
    }

    /// Merges the pending errors with the current time (File__Analyze merges after each
    /// element).
    fn merge_conformance(&mut self) {
        for (field, value, offset) in std::mem::take(&mut self.conf_pending) {
            if self
                .f
                .conformance
                .iter()
                .any(|c| c.field == field && c.value == value)
            {
                continue;
            }
            let note = match self.pts {
                // MediaInfo prints the time as a signed value.
                Some(pts) => format!(
                    "(time {}, offset 0x{offset:X})",
                    crate::report::conformance::time_text(pts as i64)
                ),
                None => format!("(offset 0x{offset:X})"),
            };
            self.f.conformance.push(Conformance { field, value, note });
        }
    }

    /// Errors of elements never finished are merged at the end, with the last offset.
    fn finish_conformance(&mut self) {
        let mut late = std::mem::take(&mut self.conf_late);
        late.extend(
            std::mem::take(&mut self.conf_pending)
                .into_iter()
                .map(|(f, v, _)| (f, v)),
        );
        for (field, value) in late {
            if self
                .f
                .conformance
                .iter()
                .any(|c| c.field == field && c.value == value)
            {
                continue;
            }
            let note = format!("(conf, offset 0x{:X})", self.conf_offset);
            self.f.conformance.push(Conformance { field, value, note });
        }
    }

    // ---- Dispatch ---------------------------------------------------------------------

    /// What MediaInfo does with element `id` inside `parent` (0: the file).
    fn node(parent: u64, id: u64) -> Node {
        use Node::*;
        let p = parent as u32;
        let i = id as u32;
        if parent != 0 && matches!(i, ids::CRC32 | ids::VOID) && id <= 0xFF {
            return Leaf;
        }
        match (p, i) {
            (0, ids::EBML | ids::SEGMENT) => List,
            (ids::EBML, _) => Leaf,
            (
                ids::SEGMENT,
                ids::SEEK_HEAD
                | ids::INFO
                | ids::CLUSTER
                | ids::TRACKS
                | ids::CUES
                | ids::ATTACHMENTS
                | ids::CHAPTERS
                | ids::TAGS,
            ) => List,
            (ids::SEEK_HEAD, ids::SEEK) => List,
            (ids::SEEK, ids::SEEK_ID | ids::SEEK_POSITION) => Leaf,
            (ids::INFO, ids::CHAPTER_TRANSLATE) => List,
            (ids::INFO, _) if is_info_leaf(i) => Leaf,
            (ids::CHAPTER_TRANSLATE, 0x69FC | 0x69BF | 0x69A5) => Leaf,
            (ids::CLUSTER, ids::SILENT_TRACKS | ids::BLOCK_GROUP | ids::SIMPLE_BLOCK) => List,
            (ids::CLUSTER, ids::TIMESTAMP | 0xA7 | 0xAB | 0xAF) => Leaf,
            (ids::SILENT_TRACKS, 0x58D7) => Leaf,
            (ids::BLOCK_GROUP, ids::BLOCK | ids::BLOCK_ADDITIONS | ids::SLICES) => List,
            (ids::BLOCK_GROUP, ids::REFERENCE_FRAME) => List,
            (ids::BLOCK_GROUP, 0xA2 | ids::BLOCK_DURATION | 0xFA | 0xFB | 0xFD | 0xA4 | 0x75A2) => {
                Leaf
            }
            (ids::BLOCK_ADDITIONS, ids::BLOCK_MORE) => List,
            (ids::BLOCK_MORE, ids::BLOCK_ADD_ID | ids::BLOCK_ADDITIONAL) => Leaf,
            (ids::SLICES, ids::TIME_SLICE) => List,
            (ids::TIME_SLICE, 0xCB..=0xCF) => Leaf,
            (ids::REFERENCE_FRAME, 0xC9 | 0xCA) => Leaf,
            (ids::TRACKS, ids::TRACK_ENTRY) => List,
            (
                ids::TRACK_ENTRY,
                ids::TRACK_TRANSLATE
                | ids::VIDEO
                | ids::AUDIO
                | ids::TRACK_OPERATION
                | ids::BLOCK_ADDITION_MAPPING
                | ids::CONTENT_ENCODINGS,
            ) => List,
            (ids::TRACK_ENTRY, _) if is_track_leaf(i) => Leaf,
            (ids::TRACK_TRANSLATE, 0x66FC | 0x66BF | 0x66A5) => Leaf,
            (ids::VIDEO, ids::COLOUR | ids::PROJECTION) => List,
            (ids::VIDEO, _) if is_video_leaf(i) => Leaf,
            (ids::COLOUR, ids::MASTERING_METADATA) => List,
            (ids::COLOUR, 0x55B1..=0x55BD) => Leaf,
            (ids::MASTERING_METADATA, 0x55D1..=0x55DA) => Leaf,
            (ids::PROJECTION, 0x7671..=0x7675) => Leaf,
            (ids::AUDIO, ids::SAMPLING_FREQUENCY | ids::OUTPUT_SAMPLING_FREQUENCY) => Leaf,
            (ids::AUDIO, ids::CHANNELS | 0x7D7B | ids::BIT_DEPTH) => Leaf,
            (ids::TRACK_OPERATION, ids::TRACK_COMBINE_PLANES | ids::TRACK_JOIN_BLOCKS) => List,
            (ids::TRACK_COMBINE_PLANES, ids::TRACK_PLANE) => List,
            (ids::TRACK_PLANE, 0xE5 | 0xE6) => Leaf,
            (ids::TRACK_JOIN_BLOCKS, 0xED) => Leaf,
            (ids::BLOCK_ADDITION_MAPPING, 0x41A4 | 0x41E7 | 0x41ED | 0x41F0) => Leaf,
            (ids::CONTENT_ENCODINGS, ids::CONTENT_ENCODING) => List,
            (ids::CONTENT_ENCODING, ids::CONTENT_COMPRESSION | ids::CONTENT_ENCRYPTION) => List,
            (ids::CONTENT_ENCODING, 0x5031..=0x5033) => Leaf,
            (ids::CONTENT_COMPRESSION, ids::CONTENT_COMP_ALGO | ids::CONTENT_COMP_SETTINGS) => Leaf,
            (ids::CONTENT_ENCRYPTION, 0x47E1..=0x47E6) => Leaf,
            (ids::CUES, ids::CUE_POINT) => List,
            (ids::CUE_POINT, 0xB3) => Leaf,
            (ids::CUE_POINT, ids::CUE_TRACK_POSITIONS) => List,
            (ids::CUE_TRACK_POSITIONS, ids::CUE_REFERENCE) => List,
            (ids::CUE_TRACK_POSITIONS, 0xF7 | 0xF1 | 0xF0 | 0xB2 | 0x5378 | 0xEA) => Leaf,
            (ids::CUE_REFERENCE, 0x96 | 0x97 | 0x535F | 0xEB) => Leaf,
            (ids::ATTACHMENTS, ids::ATTACHED_FILE) => List,
            (ids::ATTACHED_FILE, ids::FILE_DATA) => List,
            (ids::ATTACHED_FILE, 0x467E | ids::FILE_NAME | ids::FILE_MIME_TYPE) => Leaf,
            (ids::ATTACHED_FILE, 0x46AE | 0x4675 | 0x4661 | 0x4662) => Leaf,
            (ids::CHAPTERS, ids::EDITION_ENTRY) => List,
            (ids::EDITION_ENTRY, ids::CHAPTER_ATOM) => List,
            (ids::EDITION_ENTRY, 0x45BC | 0x45BD | 0x45DB | 0x45DD) => Leaf,
            (
                ids::CHAPTER_ATOM,
                ids::CHAPTER_ATOM | ids::CHAPTER_TRACK | ids::CHAPTER_DISPLAY | ids::CHAP_PROCESS,
            ) => List,
            (ids::CHAPTER_ATOM, _) if is_atom_leaf(i) => Leaf,
            (ids::CHAPTER_TRACK, 0x89) => Leaf,
            (
                ids::CHAPTER_DISPLAY,
                ids::CHAP_STRING | ids::CHAP_LANGUAGE | ids::CHAP_LANGUAGE_BCP47 | 0x437E,
            ) => Leaf,
            (ids::CHAP_PROCESS, 0x6955 | 0x450D) => Leaf,
            (ids::CHAP_PROCESS, ids::CHAP_PROCESS_COMMAND) => List,
            (ids::CHAP_PROCESS_COMMAND, 0x6922 | 0x6933) => Leaf,
            (ids::TAGS, ids::TAG) => List,
            (ids::TAG, ids::TARGETS | ids::SIMPLE_TAG) => List,
            (ids::TARGETS, 0x68CA | 0x63CA | ids::TAG_TRACK_UID | 0x63C9 | 0x63C4 | 0x63C6) => Leaf,
            (ids::SIMPLE_TAG, ids::SIMPLE_TAG) => List,
            (ids::SIMPLE_TAG, ids::TAG_NAME | ids::TAG_LANGUAGE | 0x447B | 0x4484) => Leaf,
            (ids::SIMPLE_TAG, ids::TAG_STRING | 0x4485) => Leaf,
            _ => Unknown,
        }
    }

    /// Handles one element (its header already read) at depth `level` inside `parent`.
    fn element(&mut self, parent: u64, parent_end: u64, h: &Hdr, level: usize) -> Result<()> {
        if h.id == 0 {
            // Junk: skipped.
            self.merge_conformance();
            return Ok(());
        }
        // MediaInfo's table stops at two levels of SimpleTag and of ChapterAtom.
        let too_deep = (parent == u64::from(ids::SIMPLE_TAG)
            && h.id == u64::from(ids::SIMPLE_TAG)
            && level >= 6)
            || (parent == u64::from(ids::CHAPTER_ATOM)
                && h.id == u64::from(ids::CHAPTER_ATOM)
                && level >= 6);
        let node = if too_deep {
            Node::Unknown
        } else {
            Self::node(parent, h.id)
        };
        let id = h.id as u32;
        self.path.push(h.code);
        let result = match node {
            Node::Unknown => {
                self.skip(h);
                if h.past_file && h.end >= self.f.file_size && h.end - h.data > CRC_SKIP_LIMIT {
                    // MediaInfo skips it with a jump past the end: its errors wait for the
                    // end of the parsing.
                    let pending = std::mem::take(&mut self.conf_pending);
                    self.conf_late
                        .extend(pending.into_iter().map(|(f, v, _)| (f, v)));
                } else {
                    self.merge_conformance();
                }
                Ok(())
            }
            Node::Leaf => self.leaf(parent as u32, parent_end, h, level),
            Node::List => self.list(id, h, level),
        };
        self.path.pop();
        result
    }

    /// An element MediaInfo skips: a large one is not in its buffer, which ends the CRC
    /// checks in progress.
    fn skip(&mut self, h: &Hdr) {
        if h.end - h.data > CRC_SKIP_LIMIT && self.crc.iter().any(Option::is_some) {
            self.crc.clear();
            self.crc_started = false;
        }
    }

    fn list(&mut self, id: u32, h: &Hdr, level: usize) -> Result<()> {
        if level > MAX_DEPTH {
            self.merge_conformance();
            return Ok(());
        }
        match id {
            ids::SEGMENT => {
                self.f.segment = Some((h.data, h.end));
            }
            ids::SEEK_HEAD => self.seeks.clear(),
            ids::SEEK => self.seeks.push((0, u64::MAX)),
            ids::INFO => {
                self.info_count += 1;
                if self.info_count > 1 {
                    self.skip(h);
                    self.merge_conformance();
                    return Ok(());
                }
            }
            ids::TRACKS => {
                if self.tracks_end == Some(h.end) {
                    // Parsed already, through the SeekHead.
                    self.tracks_end = None;
                    self.merge_conformance();
                    return Ok(());
                }
                self.tracks_count += 1;
                if self.tracks_count > 1 {
                    self.skip(h);
                    self.merge_conformance();
                    return Ok(());
                }
            }
            ids::CUES => {
                self.skip(h);
                self.merge_conformance();
                return Ok(());
            }
            ids::CLUSTER => return self.cluster(h, level),
            ids::SIMPLE_BLOCK => {
                self.block_duration = None;
                return self.block(h, level);
            }
            ids::BLOCK => return self.block(h, level),
            ids::BLOCK_GROUP => self.block_duration = None,
            ids::BLOCK_MORE => self.block_add_id = None,
            ids::TRACK_ENTRY => self.track_entry_start(),
            ids::VIDEO => {
                if let Some(t) = self.current_entry() {
                    if t.kind.is_none() {
                        t.kind = Some(TrackKind::Video);
                    }
                    t.video.get_or_insert_with(VideoEntry::default);
                }
                self.display = (0, 0);
            }
            ids::AUDIO => {
                if let Some(t) = self.current_entry() {
                    if t.kind.is_none() {
                        t.kind = Some(TrackKind::Audio);
                    }
                    t.audio = Some(AudioEntry::default());
                }
            }
            ids::CONTENT_COMPRESSION => {
                self.current_props().comp_algo = Some(0);
                if let Some(t) = self.current_entry() {
                    t.muxing_mode = Some("zlib");
                }
            }
            ids::TAGS => self.tag_names.clear(),
            ids::TAG => self.tag_uid = 0,
            ids::EDITION_ENTRY => self.f.editions.push(Vec::new()),
            ids::CHAPTER_ATOM => {
                if let Some(e) = self.f.editions.last_mut() {
                    e.push(ChapterAtom::default());
                }
            }
            ids::CHAPTER_DISPLAY => {
                if let Some(a) = self.f.editions.last_mut().and_then(|e| e.last_mut()) {
                    a.displays.push(Default::default());
                }
            }
            ids::FILE_DATA => {
                // MediaInfo reads attached files of up to 16 MiB; this walk reads none, and
                // checks no CRC-32 over them.
                if h.end - h.data <= 16 << 20 {
                    if self.attachment_is_cover && !self.f.cover {
                        self.f.cover = true;
                    }
                } else {
                    self.skip(h);
                }
                self.crc_over_attachments = true;
                self.merge_conformance();
                return Ok(());
            }
            _ => {}
        }
        self.merge_conformance();
        // Metadata elements are read whole: their children are then served from memory.
        if matches!(
            id,
            ids::EBML | ids::SEEK_HEAD | ids::INFO | ids::TRACKS | ids::TAGS | ids::CHAPTERS
        ) && h.end - h.data <= MAX_METADATA
        {
            self.r.get(h.data, (h.end - h.data) as usize)?;
        }
        self.children(u64::from(id), h.data, h.end, level + 1)?;
        if id == ids::TRACKS {
            self.tracks_end = Some(h.end);
        }
        Ok(())
    }

    /// Walks the children of a list.
    fn children(&mut self, parent: u64, start: u64, end: u64, level: usize) -> Result<()> {
        let mut pos = start;
        while pos < end && !self.stop && self.goto.is_none() {
            let Some(h) = self.header(pos, end, level)? else {
                self.stop = true;
                break;
            };
            self.check_empty_crc(pos, &h)?;
            self.element(parent, end, &h, level)?;
            self.check_crc(level, h.end)?;
            pos = h.end;
            if parent == u64::from(ids::SEGMENT)
                && let Some(to) = self.goto
            {
                // A jump inside the Segment continues here; one past it leaves the Segment.
                if (start..end).contains(&to) {
                    self.goto = None;
                    pos = to;
                }
            }
        }
        Ok(())
    }

    // ---- CRC-32 -----------------------------------------------------------------------

    fn crc_element(&mut self, h: &Hdr, level: usize, parent_end: u64) -> Result<()> {
        if h.end - h.data != 4 {
            return Ok(());
        }
        let Ok(d) = <[u8; 4]>::try_from(self.r.get(h.data, 4)?) else {
            return Ok(());
        };
        if !self.crc_started {
            self.f.error_detection = Some(if level == 3 { "Per level 1" } else { "Custom" });
            self.crc_started = true;
        }
        if self.crc.len() < level {
            self.crc.resize(level, None);
        }
        self.crc[level - 1] = Some(CrcCheck {
            expected: u32::from_le_bytes(d),
            pos: h.data,
            from: h.end,
            to: parent_end,
        });
        Ok(())
    }

    /// After an element ends at `pos`: completes the checks whose range ends there.
    fn check_crc(&mut self, level: usize, pos: u64) -> Result<()> {
        let Some(Some(c)) = self.crc.get(level - 1).copied() else {
            return Ok(());
        };
        if pos < c.to {
            return Ok(());
        }
        self.crc[level - 1] = None;
        let len = c.to.saturating_sub(c.from);
        if len == 0 {
            self.crc_empty = Some(c);
            return Ok(());
        }
        // A range cut by the end of a truncated file never completes in MediaInfo (its last
        // element waits for more data): not checked.
        let cut = self.f.truncated && c.to >= self.f.file_size;
        if len > MAX_CRC_CLUSTER.max(MAX_METADATA)
            || std::mem::take(&mut self.crc_over_attachments)
            || cut
        {
            return Ok(());
        }
        let data = self.r.get(c.from, len as usize)?;
        if data.len() as u64 == len && crc32(data) != c.expected {
            self.f.crc_errors.push(c.pos);
        }
        Ok(())
    }

    /// An empty CRC-32 range is checked, as MediaInfo does, over the header of the element
    /// read next (at `pos`).
    fn check_empty_crc(&mut self, pos: u64, h: &Hdr) -> Result<()> {
        let Some(c) = self.crc_empty.take() else {
            return Ok(());
        };
        let header = self.r.get(pos, h.data.saturating_sub(pos) as usize)?;
        if crc32(header) != c.expected {
            self.f.crc_errors.push(c.pos);
        }
        Ok(())
    }

    /// MediaInfo's `JumpTo`: pending CRC checks are dropped.
    fn jump(&mut self, to: u64) {
        self.crc.clear();
        self.crc_started = false;
        self.goto = Some(to);
    }

    // ---- Leaves -----------------------------------------------------------------------

    fn leaf(&mut self, parent: u32, parent_end: u64, h: &Hdr, level: usize) -> Result<()> {
        let id = h.id as u32;
        if id == ids::CRC32 && h.id <= 0xFF {
            self.crc_element(h, level, parent_end)?;
            self.merge_conformance();
            return Ok(());
        }
        if id == ids::VOID && h.id <= 0xFF {
            self.merge_conformance();
            return Ok(());
        }
        let len = h.end - h.data;
        if len > MAX_METADATA {
            self.skip(h);
            self.merge_conformance();
            return Ok(());
        }
        // Taken out of `self` while the leaf's handlers borrow `self` mutably; put back below.
        let mut data = std::mem::take(&mut self.leaf_buf);
        data.clear();
        data.extend_from_slice(self.r.get(h.data, len as usize)?);
        match parent {
            ids::EBML => self.ebml_leaf(id, &data),
            ids::SEEK => self.seek_leaf(id, &data),
            ids::INFO => self.info_leaf(id, &data),
            ids::CLUSTER if id == ids::TIMESTAMP => self.cluster_tc = uint(&data),
            ids::BLOCK_GROUP if id == ids::BLOCK_DURATION => {
                self.block_duration = Some(uint(&data));
            }
            ids::BLOCK_MORE => match id {
                ids::BLOCK_ADD_ID => self.block_add_id = Some(uint(&data)),
                _ => {
                    if let (Some(add), Some(track)) = (self.block_add_id, self.block_track) {
                        self.sink.block_additional(track, add, &data);
                    }
                }
            },
            ids::TRACK_ENTRY => self.track_leaf(id, &data),
            ids::VIDEO => self.video_leaf(id, &data),
            ids::COLOUR => self.colour_leaf(id, &data),
            ids::MASTERING_METADATA => self.mastering_leaf(id, &data),
            ids::AUDIO => self.audio_leaf(id, &data),
            ids::CONTENT_COMPRESSION => match id {
                ids::CONTENT_COMP_ALGO => {
                    let algo = uint(&data);
                    self.current_props().comp_algo = Some(algo);
                    if let Some(t) = self.current_entry() {
                        t.muxing_mode = match algo {
                            0 => Some("zlib"),
                            1 => Some("bzlib"),
                            2 => Some("lzo1x"),
                            3 => Some("Header stripping"),
                            _ => None,
                        };
                    }
                }
                _ => self.current_props().comp_settings = data.clone(),
            },
            ids::TARGETS if id == ids::TAG_TRACK_UID => self.tag_uid = uint(&data),
            ids::SIMPLE_TAG => self.simple_tag_leaf(id, &data, level),
            ids::CHAPTER_ATOM if id == ids::CHAPTER_TIME_START => {
                if let Some(a) = self.f.editions.last_mut().and_then(|e| e.last_mut()) {
                    a.start_ns = Some(uint(&data));
                }
            }
            ids::CHAPTER_DISPLAY => {
                if let Some(d) = self
                    .f
                    .editions
                    .last_mut()
                    .and_then(|e| e.last_mut())
                    .and_then(|a| a.displays.last_mut())
                {
                    match id {
                        ids::CHAP_STRING => d.1 = text(&data),
                        ids::CHAP_LANGUAGE | ids::CHAP_LANGUAGE_BCP47 => d.0 = text(&data),
                        _ => {}
                    }
                }
            }
            ids::ATTACHED_FILE if id == ids::FILE_NAME => {
                let name = text(&data);
                if !self.f.cover && name.to_lowercase().contains("cover") {
                    self.attachment_is_cover = true;
                }
                self.f.attachments.push(name);
            }
            _ => {}
        }
        self.leaf_buf = data;
        self.merge_conformance();
        Ok(())
    }

    fn ebml_leaf(&mut self, id: u32, data: &[u8]) {
        match id {
            ids::DOC_TYPE => {
                let t = text(data);
                if t != "matroska" && t != "webm" {
                    self.rejected = true;
                }
                if self.f.doc_types.len() < super::MAX_DOC_TYPES {
                    self.f.doc_types.push(t.clone());
                }
                self.f.doc_type = Some(t);
            }
            ids::DOC_TYPE_VERSION if self.f.doc_type_versions.len() < super::MAX_DOC_TYPES => {
                self.f.doc_type_versions.push(uint(data));
            }
            ids::EBML_MAX_SIZE_LENGTH => {
                let v = uint(data).min(8) as u32;
                self.invalid_byte_max = ((1u32 << (8 - v)) - 1) as u8;
            }
            _ => {}
        }
    }

    fn seek_leaf(&mut self, id: u32, data: &[u8]) {
        let Some(last) = self.seeks.last_mut() else {
            return;
        };
        match id {
            ids::SEEK_ID => {
                if let Some((Vint::Value(v), _)) = read_eb(data) {
                    last.0 = v;
                }
            }
            _ => {
                let base = self.f.segment.map_or(0, |s| s.0);
                last.1 = base.saturating_add(uint(data));
            }
        }
    }

    fn info_leaf(&mut self, id: u32, data: &[u8]) {
        let info = &mut self.f.info;
        match id {
            ids::TIMESTAMP_SCALE => info.timestamp_scale = uint(data),
            ids::DURATION => info.duration = float(data),
            ids::DATE_UTC if data.len() >= 8 => {
                info.date_utc = Some(i64::from_be_bytes(data[..8].try_into().unwrap_or([0; 8])));
            }
            ids::TITLE => info.title = Some(text(data)),
            ids::MUXING_APP => info.muxing_app = Some(text(data)),
            ids::WRITING_APP => info.writing_app = Some(text(data)),
            ids::SEGMENT_UID => info.segment_uid = Some(uint128(data)),
            _ => {}
        }
    }

    // ---- Tracks -----------------------------------------------------------------------

    fn track_entry_start(&mut self) {
        let entry = TrackEntry {
            stream_order: self.f.props.len(),
            ..Default::default()
        };
        self.f.tracks.push(entry);
        self.entry = Some(self.f.tracks.len() - 1);
        self.display = (0, 0);
    }

    fn current_entry(&mut self) -> Option<&mut TrackEntry> {
        let i = self.entry?;
        self.f.tracks.get_mut(i)
    }

    /// The properties of the current TrackEntry's track number (or of the stray entry when
    /// the number is not known yet, as MediaInfo's `Stream[TrackNumber]` with -1).
    fn current_props(&mut self) -> &mut TrackProps {
        let number = self
            .entry
            .and_then(|i| self.f.tracks.get(i))
            .and_then(|t| t.number)
            .unwrap_or(STRAY);
        self.f.props.entry(number).or_default()
    }

    fn update_display_aspect_ratio(&mut self) {
        let (w, h) = self.display;
        let known = self
            .entry
            .and_then(|i| self.f.tracks.get(i))
            .and_then(|t| t.number)
            .is_some();
        if known && w > 0 && h > 0 {
            self.current_props().display_aspect_ratio = w as f32 / h as f32;
        }
    }

    fn track_leaf(&mut self, id: u32, data: &[u8]) {
        let Some(i) = self.entry else { return };
        match id {
            ids::TRACK_NUMBER => {
                let n = uint(data);
                let kind = self.f.tracks[i].kind;
                self.f.tracks[i].number = Some(n);
                let p = self.f.props.entry(n).or_default();
                if kind.is_some() {
                    p.kind = kind;
                }
                self.update_display_aspect_ratio();
            }
            ids::TRACK_UID => {
                let v = uint(data);
                self.current_props().uid = Some(v);
                self.f.tracks[i].uid = Some(v);
            }
            ids::TRACK_TYPE => {
                let v = uint(data);
                let t = &mut self.f.tracks[i];
                t.track_type = Some(v);
                if t.kind.is_none() {
                    t.kind = match v {
                        1 => Some(TrackKind::Video),
                        2 => Some(TrackKind::Audio),
                        0x11 => Some(TrackKind::Text),
                        _ => None,
                    };
                }
                if let (Some(n), Some(k)) = (t.number, t.kind) {
                    self.f.props.entry(n).or_default().kind = Some(k);
                }
            }
            ids::FLAG_DEFAULT => self.current_props().default = uint(data) != 0,
            ids::FLAG_FORCED => self.current_props().forced = uint(data) != 0,
            ids::DEFAULT_DURATION => self.current_props().default_duration = uint(data),
            ids::NAME => self.f.tracks[i].name = Some(text(data)),
            ids::LANGUAGE | ids::LANGUAGE_BCP47 => self.f.tracks[i].language = text(data),
            ids::CODEC_ID => self.f.tracks[i].codec_id = Some(text(data)),
            ids::CODEC_PRIVATE => self.f.tracks[i].codec_private = Some(data.to_vec()),
            _ => {}
        }
        let t = &mut self.f.tracks[i];
        if matches!(
            id,
            ids::TRACK_NUMBER | ids::TRACK_TYPE | ids::CODEC_ID | ids::CODEC_PRIVATE
        ) && t.private_after_media.is_none()
            && t.number.is_some()
            && t.track_type.is_some()
            && t.codec_id.is_some()
            && t.codec_private.is_some()
        {
            // MediaInfo reads the CodecPrivate once all four are known.
            t.private_after_media = Some(t.video.is_some() || t.audio.is_some());
        }
    }

    fn video_leaf(&mut self, id: u32, data: &[u8]) {
        let Some(i) = self.entry else { return };
        let v = uint(data);
        match id {
            ids::PIXEL_WIDTH => {
                if let Some(video) = self.f.tracks[i].video.as_mut() {
                    video.pixel_width = Some(v);
                }
                if self.display.0 == 0 {
                    self.display.0 = v;
                }
            }
            ids::PIXEL_HEIGHT => {
                if let Some(video) = self.f.tracks[i].video.as_mut() {
                    video.pixel_height = Some(v);
                }
                if self.display.1 == 0 {
                    self.display.1 = v;
                }
            }
            ids::DISPLAY_WIDTH => {
                self.display.0 = v;
                self.update_display_aspect_ratio();
            }
            ids::DISPLAY_HEIGHT => {
                self.display.1 = v;
                self.update_display_aspect_ratio();
            }
            ids::PIXEL_CROP_BOTTOM => self.current_props().crop[0] = v,
            ids::PIXEL_CROP_TOP => self.current_props().crop[1] = v,
            ids::PIXEL_CROP_LEFT => self.current_props().crop[2] = v,
            ids::PIXEL_CROP_RIGHT => self.current_props().crop[3] = v,
            ids::FIELD_ORDER => {
                if let Some(video) = self.f.tracks[i].video.as_mut() {
                    video.field_order = Some(v);
                }
            }
            ids::STEREO_MODE | ids::OLD_STEREO_MODE => {
                if let Some(video) = self.f.tracks[i].video.as_mut() {
                    video.stereo_mode = Some(v);
                }
            }
            ids::FRAME_RATE => self.current_props().frame_rate = float(data),
            _ => {}
        }
    }

    fn colour_leaf(&mut self, id: u32, data: &[u8]) {
        let v = uint(data);
        let code = v as u8;
        let p = self.current_props();
        let mut put = |name: &'static str, value: &str| {
            p.infos.insert(name, value.to_string());
        };
        use crate::report::colour;
        match id {
            ids::COLOUR_MATRIX => {
                put("colour_description_present", "Yes");
                put("matrix_coefficients", colour::matrix(code));
                put("ColorSpace", colour::matrix_color_space(code));
            }
            ids::COLOUR_RANGE => {
                put("colour_description_present", "Yes");
                put(
                    "colour_range",
                    match v {
                        1 => "Limited",
                        2 => "Full",
                        _ => "",
                    },
                );
            }
            ids::COLOUR_TRANSFER => {
                put("colour_description_present", "Yes");
                put("transfer_characteristics", colour::transfer(code));
            }
            ids::COLOUR_PRIMARIES => {
                put("colour_description_present", "Yes");
                put("colour_primaries", colour::primaries(code));
            }
            ids::COLOUR_MAX_CLL => put("MaxCLL", &v.to_string()),
            ids::COLOUR_MAX_FALL => put("MaxFALL", &v.to_string()),
            _ => {}
        }
    }

    fn mastering_leaf(&mut self, id: u32, data: &[u8]) {
        // MediaInfo reads these floats as 32-bit values.
        let value = float(data) as f32;
        let m: &mut Mastering = &mut self.current_props().mastering;
        let primary = match id {
            0x55D1 => Some(4), // R x
            0x55D2 => Some(5),
            0x55D3 => Some(0), // G x
            0x55D4 => Some(1),
            0x55D5 => Some(2), // B x
            0x55D6 => Some(3),
            0x55D7 => Some(6), // white point x
            0x55D8 => Some(7),
            _ => None,
        };
        if let Some(i) = primary {
            if m.primaries[i].is_none() && (0.0..=1.0).contains(&value) {
                m.primaries[i] = Some((value * 50000.0).round() as u16);
            }
            return;
        }
        let i = match id {
            0x55D9 => 1,
            0x55DA => 0,
            _ => return,
        };
        if m.luminance[i].is_none() && value < (0x8FFF_FFFFu32 / 10000) as f32 {
            m.luminance[i] = Some((value * 10000.0).round() as i32 as u32);
        }
    }

    fn audio_leaf(&mut self, id: u32, data: &[u8]) {
        let Some(i) = self.entry else { return };
        let Some(a) = self.f.tracks[i].audio.as_mut() else {
            return;
        };
        match id {
            ids::SAMPLING_FREQUENCY => {
                let v = float(data);
                if v != 0.0 && a.sampling_rate == 8000.0 {
                    a.sampling_rate = v;
                }
            }
            ids::OUTPUT_SAMPLING_FREQUENCY => {
                let v = float(data);
                if v != 0.0 {
                    a.sampling_rate = v;
                }
            }
            ids::CHANNELS => {
                let v = uint(data);
                if v != 0 {
                    a.channels = v;
                }
            }
            ids::BIT_DEPTH => {
                let v = uint(data);
                if v != 0 {
                    a.bit_depth = Some(v);
                }
            }
            _ => {}
        }
    }

    // ---- Tags -------------------------------------------------------------------------

    fn simple_tag_leaf(&mut self, id: u32, data: &[u8], level: usize) {
        match id {
            ids::TAG_NAME => {
                // SimpleTag names by depth: the first SimpleTag's children are at level 6.
                self.tag_names
                    .resize(level.saturating_sub(5), String::new());
                self.tag_names.push(text(data));
            }
            ids::TAG_STRING => {
                if let Some((name, value)) = tag_field(&self.tag_names, text(data)) {
                    self.f
                        .tags
                        .entry(self.tag_uid)
                        .or_default()
                        .insert(name, value);
                }
            }
            _ => {}
        }
    }

    // ---- Clusters ---------------------------------------------------------------------

    fn cluster(&mut self, h: &Hdr, level: usize) -> Result<()> {
        if self.tracks_count == 0 {
            // Tracks come later: MediaInfo reads them through the SeekHead first.
            let tracks = self
                .seeks
                .iter()
                .find(|s| s.0 == code_of(u64::from(ids::TRACKS)))
                .map(|s| s.1);
            self.merge_conformance();
            match tracks {
                Some(at) => {
                    self.f.not_streamable = true;
                    self.tracks_out_of_order(at)?;
                    if self.tracks_count == 0 {
                        let end = self.segment_end();
                        self.jump(end);
                        return Ok(());
                    }
                }
                None => {
                    let end = self.segment_end();
                    self.jump(end);
                    return Ok(());
                }
            }
        }
        if self.filled {
            self.merge_conformance();
            return Ok(());
        }
        if self.cluster_count == 0 {
            self.start_clusters();
        }
        self.cluster_count += 1;
        self.cluster_tc = 0;
        self.merge_conformance();
        let len = h.end - h.data;
        if len <= MAX_CRC_CLUSTER {
            // A Cluster with a CRC-32 is read whole (its check needs every byte).
            if self.r.get(h.data, 2)?.first() == Some(&0xBF) {
                self.r.get(h.data, len as usize)?;
            }
        }
        self.children(u64::from(ids::CLUSTER), h.data, h.end, level + 1)
    }

    /// Parses the Tracks element at `at` (for a Cluster met before it).
    fn tracks_out_of_order(&mut self, at: u64) -> Result<()> {
        let Some((seg_start, seg_end)) = self.f.segment else {
            return Ok(());
        };
        if !(seg_start..seg_end).contains(&at) {
            return Ok(());
        }
        let Some(h) = self.header(at, seg_end, 2)? else {
            return Ok(());
        };
        if h.id == u64::from(ids::TRACKS) {
            self.path.push(h.code);
            self.list(ids::TRACKS, &h, 2)?;
            self.path.pop();
        }
        Ok(())
    }

    fn segment_end(&self) -> u64 {
        self.f.segment.map_or(self.f.file_size, |s| s.1)
    }

    /// File_Mk's first-Cluster setup: which streams search payloads and timestamps.
    fn start_clusters(&mut self) {
        let mut count = 0;
        let numbers: Vec<u64> = self.f.props.keys().copied().collect();
        for n in numbers {
            let entry = self.f.tracks.iter().find(|t| t.number == Some(n));
            let parser = entry.is_some_and(|t| self.sink.has_parser(t));
            let kind = self.f.props[&n].kind;
            self.has_parser.insert(n, parser);
            self.searching_payload.insert(n, parser);
            let av = matches!(kind, Some(TrackKind::Video | TrackKind::Audio));
            if parser || av {
                count += 1;
            }
        }
        self.stream_count = Some(count);
    }

    fn block(&mut self, h: &Hdr, level: usize) -> Result<()> {
        if h.past_file && self.f.doc_type.as_deref() == Some("matroska") {
            // MediaInfo waits for the rest of the block: it never comes.
            self.conf_late.append(
                &mut std::mem::take(&mut self.conf_pending)
                    .into_iter()
                    .map(|(f, v, _)| (f, v))
                    .collect(),
            );
            self.stop = true;
            return Ok(());
        }
        let size = h.end - h.data;
        let mut head_buf = [0u8; BLOCK_HEAD];
        let got = self.r.get(h.data, BLOCK_HEAD.min(size as usize))?;
        head_buf[..got.len()].copy_from_slice(got);
        let head = &head_buf[..got.len()];
        let Some((track, track_len)) = read_eb(head) else {
            self.merge_conformance();
            return Ok(());
        };
        let track = match track {
            Vint::Value(v) => v,
            Vint::Unlimited => size.saturating_sub(1),
        };
        self.block_track = Some(track);
        let cluster_tc = self.cluster_tc;
        let duration = self.block_duration.take();
        let props = self.f.props.entry(track).or_default();
        props.blocks.packets += 1;
        let kind = props.kind;
        let searching_payload = *self.searching_payload.entry(track).or_insert(true);
        let av = matches!(kind, Some(TrackKind::Video | TrackKind::Audio));
        let video = kind == Some(TrackKind::Video);
        let searching = searching_payload || (av && self.stream_count.is_some());
        let mut laces: Vec<(u64, u64)> = Vec::new();
        let mut after_laces = h.end;
        if searching && let Some(bh) = BlockHeader::parse(head, size) {
            let t = cluster_tc.wrapping_add(bh.timecode as i64 as u64);
            self.pts = Some(t.wrapping_mul(1_000_000));
            let props = self.f.props.entry(track).or_default();
            let b = &mut props.blocks;
            if b.timecode_start.is_none_or(|s| t < s) {
                b.timecode_start = Some(t);
            }
            if video && b.timecodes.len() <= MAX_TIMECODES {
                b.timecodes.push(t);
            }
            if let Some(d) = duration {
                *b.durations.entry(d).or_insert(0) += 1;
            }
            let payload = h.data + track_len as u64 + 3;
            if searching_payload {
                let total = h.end.saturating_sub(payload);
                let in_head = head.get(track_len + 3..).unwrap_or(&[]);
                let wanted = total.min(64 << 10) as usize;
                let (sizes, header_len) = if bh.lacing() != 0 && in_head.len() < wanted {
                    lace_sizes(bh.lacing(), self.r.get(payload, wanted)?, total)
                } else {
                    lace_sizes(bh.lacing(), in_head, total)
                };
                let mut at = payload + header_len;
                for s in sizes {
                    laces.push((at, s));
                    at += s;
                }
                after_laces = at;
            } else {
                laces.push((payload, h.end.saturating_sub(payload)));
            }
        } else {
            let at = h.data + track_len as u64;
            laces.push((at, h.end.saturating_sub(at)));
        }
        let single = laces.len() == 1;
        if single {
            self.lace(track, laces[0])?;
            self.merge_conformance();
        } else {
            self.merge_conformance();
            for lace in laces {
                if self.stop || self.goto.is_some() {
                    return Ok(());
                }
                self.lace(track, lace)?;
                self.merge_conformance();
                if self.filled {
                    // MediaInfo drops the rest of the laces when it stops reading.
                    return Ok(());
                }
            }
        }
        if after_laces < h.end && !self.stop && self.goto.is_none() {
            // Bytes after the last lace are read as elements, as MediaInfo does.
            self.children(h.id, after_laces, h.end, level + 1)?;
        }
        Ok(())
    }

    fn lace(&mut self, track: u64, (at, len): (u64, u64)) -> Result<()> {
        let props = &self.f.props[&track];
        if props.comp_algo.is_some_and(|a| a != 3) {
            self.searching_payload.insert(track, false);
        }
        let parser = self.has_parser.get(&track).copied().unwrap_or(false);
        if parser && self.searching_payload.get(&track) == Some(&true) {
            let limit = self.sink.frame_limit(track);
            // Taken out of `self` while it is filled; put back once the sink has it.
            let mut frame = std::mem::take(&mut self.frame_buf);
            frame.clear();
            if props.comp_algo == Some(3) {
                // Header stripping: the stripped bytes start every frame.
                frame.extend_from_slice(&props.comp_settings);
            }
            let packets = props.blocks.packets;
            let props_kind = props.kind;
            let want = (len as usize).min(limit.saturating_sub(frame.len()));
            match self.sink.nal_layout(track) {
                Some(l) if frame.is_empty() && want > 0 => {
                    self.nal_frame(at, want, l, &mut frame)?;
                }
                _ if want > 0 => frame.extend_from_slice(self.r.get(at, want)?),
                _ => {}
            }
            let more = self.sink.frame(track, &frame);
            self.frame_buf = frame;
            self.pts = None;
            if !more || packets >= MAX_PACKETS {
                self.searching_payload.insert(track, false);
                let av = matches!(props_kind, Some(TrackKind::Video | TrackKind::Audio));
                if !av && let Some(c) = self.stream_count.as_mut() {
                    *c = c.saturating_sub(1);
                }
            }
        }
        self.frames += 1;
        let streams = self.f.props.len() as u64;
        if !self.filled
            && (self.stream_count == Some(0) || self.frames > FRAMES_PER_STREAM * streams)
        {
            self.filled = true;
            let here = at + len;
            let mut targets: Vec<u64> = self.seeks.iter().map(|s| s.1).collect();
            targets.sort_unstable();
            let to = targets
                .into_iter()
                .find(|&p| p > here)
                .unwrap_or_else(|| self.segment_end());
            self.jump(to);
        }
        Ok(())
    }
}

impl Walker<'_, '_> {
    /// A frame of `len` bytes at `at` made of length-prefixed NAL units, with each NAL unit
    /// cut to what the codec's parser reads of it (`layout.bytes_used`) and its length
    /// rewritten to match: parsing the result meets the same NAL units, in the same order,
    /// with the same bytes the parser uses, as parsing the whole frame (it stops at the same
    /// zero or overlong length).
    /// Appends the frame to `out`.
    fn nal_frame(
        &mut self,
        at: u64,
        len: usize,
        layout: NalLayout,
        out: &mut Vec<u8>,
    ) -> Result<()> {
        let n = layout.length_size;
        let mut pos = 0usize;
        while len - pos > n {
            let head = self.r.get(at + pos as u64, n + 1)?;
            if head.len() < n + 1 {
                break;
            }
            let nal_len = head[..n]
                .iter()
                .fold(0usize, |a, &b| (a << 8) | usize::from(b));
            let kind = head[n];
            pos += n;
            if nal_len == 0 || nal_len > len - pos {
                break;
            }
            let keep = (layout.bytes_used)(kind, nal_len);
            out.extend_from_slice(&keep.to_be_bytes()[size_of::<usize>() - n..]);
            out.extend_from_slice(self.r.get(at + pos as u64, keep)?);
            pos += nal_len;
        }
        Ok(())
    }
}

fn is_info_leaf(id: u32) -> bool {
    matches!(
        id,
        ids::SEGMENT_UID
            | 0x7384
            | 0x3CB923
            | 0x3C83AB
            | 0x3EB923
            | 0x3E83BB
            | 0x4444
            | ids::TIMESTAMP_SCALE
            | ids::DURATION
            | ids::DATE_UTC
            | ids::TITLE
            | ids::MUXING_APP
            | ids::WRITING_APP
    )
}

fn is_track_leaf(id: u32) -> bool {
    matches!(
        id,
        ids::TRACK_NUMBER
            | ids::TRACK_UID
            | ids::TRACK_TYPE
            | ids::FLAG_ENABLED
            | ids::FLAG_DEFAULT
            | ids::FLAG_FORCED
            | ids::FLAG_LACING
            | 0x6DE7
            | 0x6DF8
            | ids::DEFAULT_DURATION
            | 0x234E7A
            | 0x23314F
            | 0x537F
            | 0x55EE
            | ids::NAME
            | ids::LANGUAGE
            | ids::LANGUAGE_BCP47
            | ids::CODEC_ID
            | ids::CODEC_PRIVATE
            | ids::CODEC_NAME
            | 0x7446
            | 0x3A9697
            | 0x3B4040
            | 0x26B240
            | 0xAA
            | 0x6FAB
            | ids::CODEC_DELAY
            | ids::SEEK_PRE_ROLL
            | 0xC0
            | 0xC1
            | 0xC6
            | 0xC7
            | 0xC4
    )
}

fn is_video_leaf(id: u32) -> bool {
    matches!(
        id,
        ids::FLAG_INTERLACED
            | ids::FIELD_ORDER
            | ids::STEREO_MODE
            | 0x53C0
            | ids::OLD_STEREO_MODE
            | ids::PIXEL_WIDTH
            | ids::PIXEL_HEIGHT
            | ids::PIXEL_CROP_BOTTOM
            | ids::PIXEL_CROP_TOP
            | ids::PIXEL_CROP_LEFT
            | ids::PIXEL_CROP_RIGHT
            | ids::DISPLAY_WIDTH
            | ids::DISPLAY_HEIGHT
            | ids::DISPLAY_UNIT
            | 0x54B3
            | 0x2EB524
            | 0x2FB523
            | ids::FRAME_RATE
    )
}

fn is_atom_leaf(id: u32) -> bool {
    matches!(
        id,
        0x73C4
            | 0x5654
            | ids::CHAPTER_TIME_START
            | ids::CHAPTER_TIME_END
            | 0x98
            | 0x4598
            | 0x6E67
            | 0x6EBC
            | 0x63C3
    )
}

/// A SimpleTag's MediaInfo field name and value (File_Mk's renaming table), `None` for tags it
/// drops. `names` holds the TagName of each SimpleTag level.
fn tag_field(names: &[String], mut value: String) -> Option<(String, String)> {
    let mut names = names.to_vec();
    let first = names.first()?.clone();
    let not_a_title = |v: &str| {
        v.contains("Handler") || v.contains("handler") || v.contains("vide") || v.contains("soun")
    };
    let renamed = match first.as_str() {
        "AERMS_OF_USE" | "TERMS_OF_USE" => "TermsOfUse",
        "BITSPS" | "COMPATIBLE_BRANDS" | "FPS" | "MAJOR_BRAND" | "MINOR_VERSION"
        | "STEREO_MODE" => return None,
        "CONTENT_TYPE" => "ContentType",
        "COPYRIGHT" => "Copyright",
        "CREATION_TIME" => {
            value.push_str(" UTC");
            "Encoded_Date"
        }
        "DATE_DIGITIZED" => {
            value.push_str(" UTC");
            "Mastered_Date"
        }
        "DATE_ENCODED" => "Encoded_Date",
        "DATE_RECORDED" => "Recorded_Date",
        "DATE_RELEASE" | "DATE_RELEASED" => "Released_Date",
        "DATE_TAGGED" => "Tagged_Date",
        "DESCRIPTION" => "Description",
        "ENCODED_BY" => "EncodedBy",
        "ENCODER" => "Encoded_Library",
        "ENCODER_SETTINGS" => "Encoded_Library_Settings",
        "HANDLER_NAME" if not_a_title(&value) => return None,
        "HANDLER_NAME" => "Title",
        "LANGUAGE" => "Language",
        "PART_NUMBER" => "Track/Position",
        "ORIGINAL_MEDIA_TYPE" => "OriginalSourceForm",
        "SAMPLE" if names.len() == 2 && names[1] == "PART_NUMBER" => return None,
        "SAMPLE" if names.len() == 2 && names[1] == "TITLE" => {
            names.truncate(1);
            "Title_More"
        }
        "TIMECODE" if not_a_title(&value) => return None,
        "TIMECODE" => "TimeCode_FirstFrame",
        "TITLE" => "Title",
        "TOTAL_PARTS" => "Track/Position_Total",
        other => other,
    }
    .to_string();
    names[0] = renamed;
    for n in names.iter_mut() {
        match n.as_str() {
            "BARCODE" => *n = "BarCode".into(),
            "COMMENT" => *n = "Comment".into(),
            "ORIGINAL" => *n = "Original".into(),
            "URL" => *n = "Url".into(),
            _ => {}
        }
    }
    Some((names.join("/"), value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_renames() {
        let n = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            tag_field(&n(&["ENCODER"]), "x".into()),
            Some(("Encoded_Library".into(), "x".into()))
        );
        assert_eq!(tag_field(&n(&["MAJOR_BRAND"]), "isom".into()), None);
        assert_eq!(
            tag_field(&n(&["SAMPLE", "TITLE"]), "t".into()),
            Some(("Title_More".into(), "t".into()))
        );
    }
}
