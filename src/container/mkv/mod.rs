//! Matroska and WebM: the EBML header, the Segment's metadata elements, and the first blocks of
//! each track.
//!
//! Level-1 elements are found by walking headers and by the SeekHead; Info, Tracks, Tags and
//! Chapters are read whole (within caps), Attachments without their data, and only the first
//! Clusters, until every track has the frames its codec parser needs. Never all Clusters.

pub mod blocks;
pub mod ebml;
pub mod ids;
pub mod segment;

use crate::source::{Source, read_up_to};
use crate::{Error, Result};

use ebml::{Element, Elements, Header, Id, read_header};
pub use segment::{Attachment, Chapter, Info, Tag, TrackEntry};

/// Largest metadata element read whole.
const MAX_ELEMENT: u64 = 16 << 20;
/// Largest cluster read for blocks.
const MAX_CLUSTER: u64 = 8 << 20;
/// Clusters read at most for first blocks.
const MAX_CLUSTERS: usize = 16;
/// Level-1 elements walked at most.
const MAX_TOP: usize = 100_000;

/// A level-1 element's position.
#[derive(Clone, Copy, Debug)]
pub struct TopElement {
    pub id: Id,
    pub offset: u64,
    pub header_len: u64,
    pub size: Option<u64>,
}

/// What the reader found.
#[derive(Clone, Debug, Default)]
pub struct MkvFile {
    pub file_size: u64,
    pub doc_type: String,
    pub doc_type_version: u64,
    pub doc_type_read_version: u64,
    /// Offset of the Segment's data.
    pub segment_start: u64,
    pub segment_size: Option<u64>,
    pub info: Info,
    pub tracks: Vec<TrackEntry>,
    pub tags: Vec<Tag>,
    pub chapters: Vec<Chapter>,
    pub attachments: Vec<Attachment>,
    pub top: Vec<TopElement>,
    /// First frames per track number.
    pub blocks: blocks::FirstBlocks,
    /// A CRC-32 element was seen at level 1.
    pub has_crc32: bool,
    /// The file ends before the Segment does.
    pub truncated: bool,
}

/// Whether `head` starts an EBML document.
pub fn probe(head: &[u8]) -> bool {
    head.starts_with(&[0x1A, 0x45, 0xDF, 0xA3])
}

impl MkvFile {
    /// Reads the structure of a Matroska file.
    pub fn read(src: &dyn Source) -> Result<MkvFile> {
        let mut f = MkvFile {
            file_size: src.len(),
            ..Default::default()
        };
        let head = read_up_to(src, 0, 64)?;
        let h = read_header(&head).ok_or(Error::Invalid {
            what: "EBML header",
        })?;
        let ebml_len = h.size.ok_or(Error::Invalid {
            what: "EBML header size",
        })?;
        let ebml = read_up_to(src, h.header_len as u64, ebml_len.min(4096) as usize)?;
        for e in Elements::new(&ebml) {
            match e.id {
                ids::DOC_TYPE => f.doc_type = e.text(),
                ids::DOC_TYPE_VERSION => f.doc_type_version = e.uint().unwrap_or(0),
                ids::DOC_TYPE_READ_VERSION => f.doc_type_read_version = e.uint().unwrap_or(0),
                _ => {}
            }
        }
        let mut offset = h.header_len as u64 + ebml_len;
        // Find the Segment (skipping Void or junk at level 0).
        loop {
            let Some(h) = header_at(src, offset)? else {
                return Ok(f);
            };
            if h.id == ids::SEGMENT {
                f.segment_start = offset + h.header_len as u64;
                f.segment_size = h.size;
                break;
            }
            match h.size {
                Some(s) => offset = offset + h.header_len as u64 + s,
                None => return Ok(f),
            }
        }
        f.walk_segment(src)?;
        Ok(f)
    }

    fn segment_end(&self) -> u64 {
        match self.segment_size {
            Some(s) => self.segment_start.saturating_add(s).min(self.file_size),
            None => self.file_size,
        }
    }

    fn walk_segment(&mut self, src: &dyn Source) -> Result<()> {
        let end = self.segment_end();
        if self
            .segment_size
            .is_some_and(|s| self.segment_start + s > self.file_size)
        {
            self.truncated = true;
        }
        let mut offset = self.segment_start;
        let mut clusters = 0usize;
        let mut seen: Vec<Id> = Vec::new();
        let mut seeks: Vec<(Id, u64)> = Vec::new();
        while offset < end && self.top.len() < MAX_TOP {
            let Some(h) = header_at(src, offset)? else {
                break;
            };
            let data_start = offset + h.header_len as u64;
            self.top.push(TopElement {
                id: h.id,
                offset,
                header_len: h.header_len as u64,
                size: h.size,
            });
            if h.id == ids::CLUSTER {
                if clusters >= MAX_CLUSTERS || self.blocks.is_complete(&self.tracks) {
                    // Enough blocks: jump to what the SeekHead says comes after the clusters.
                    break;
                }
                clusters += 1;
                let size = h.size.unwrap_or(MAX_CLUSTER).min(MAX_CLUSTER);
                let data = read_up_to(src, data_start, size as usize)?;
                let used = self.blocks.add_cluster(&data, &self.tracks);
                match h.size {
                    Some(s) => offset = data_start.saturating_add(s),
                    // Unknown size: the cluster ends where its children stop being cluster
                    // children (at the next Cluster or level-1 element).
                    None => offset = data_start + used as u64,
                }
                continue;
            }
            let Some(size) = h.size else {
                break;
            };
            if h.id != ids::VOID && h.id != ids::CRC32 {
                seen.push(h.id);
            }
            self.read_level1(src, h.id, data_start, size, &mut seeks)?;
            offset = data_start.saturating_add(size);
            if offset > end {
                self.truncated = true;
            }
        }
        // Elements the SeekHead points to that the walk did not reach (after the clusters).
        for (id, pos) in seeks {
            if seen.contains(&id) || id == ids::CLUSTER || id == ids::CUES {
                continue;
            }
            let at = self.segment_start.saturating_add(pos);
            if let Some(h) = header_at(src, at)?
                && h.id == id
                && let Some(size) = h.size
            {
                seen.push(id);
                self.top.push(TopElement {
                    id,
                    offset: at,
                    header_len: h.header_len as u64,
                    size: h.size,
                });
                let mut more = Vec::new();
                self.read_level1(src, id, at + h.header_len as u64, size, &mut more)?;
            }
        }
        Ok(())
    }

    fn read_level1(
        &mut self,
        src: &dyn Source,
        id: Id,
        start: u64,
        size: u64,
        seeks: &mut Vec<(Id, u64)>,
    ) -> Result<()> {
        let wanted = matches!(
            id,
            ids::SEEK_HEAD | ids::INFO | ids::TRACKS | ids::TAGS | ids::CHAPTERS | ids::ATTACHMENTS
        );
        if id == ids::CRC32 {
            self.has_crc32 = true;
        }
        if !wanted {
            return Ok(());
        }
        if id == ids::ATTACHMENTS {
            self.attachments
                .extend(segment::read_attachments(src, start, size)?);
            return Ok(());
        }
        let data = read_up_to(src, start, size.min(MAX_ELEMENT) as usize)?;
        let element = Element {
            id,
            data: &data,
            offset: 0,
        };
        if element.children().any(|c| c.id == ids::CRC32) {
            self.has_crc32 = true;
        }
        match id {
            ids::SEEK_HEAD => seeks.extend(segment::parse_seek_head(&element)),
            ids::INFO => self.info = segment::parse_info(&element),
            ids::TRACKS if self.tracks.is_empty() => {
                self.tracks = segment::parse_tracks(&element);
            }
            ids::TAGS => self.tags.extend(segment::parse_tags(&element)),
            ids::CHAPTERS => self.chapters.extend(segment::parse_chapters(&element)),
            _ => {}
        }
        Ok(())
    }
}

/// Reads an element header at `offset` (None at the end of the source or on garbage).
fn header_at(src: &dyn Source, offset: u64) -> Result<Option<Header>> {
    let head = read_up_to(src, offset, 12)?;
    Ok(read_header(&head))
}
