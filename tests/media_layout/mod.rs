//! How a media file is laid out (for the request budgets of the S3 reader), and large test
//! objects made from small fixtures by padding them with a `free` box.

#![allow(dead_code)]

use mediainfo_rs::source::{MemorySource, Source};

/// A file's layout, for the request budget it gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Layout {
    Mp4MoovFirst,
    Mp4MoovLast,
    Mp4Fragmented,
    Matroska,
    Other,
}

impl Layout {
    /// Most ranged GETs an analysis may take (the design's promise), when there is one.
    pub fn budget(self) -> Option<u64> {
        match self {
            Layout::Mp4MoovFirst => Some(1),
            Layout::Mp4MoovLast | Layout::Matroska => Some(3),
            Layout::Mp4Fragmented | Layout::Other => None,
        }
    }
}

/// The top-level box types of an ISO-BMFF file, in order (at most 10,000).
pub fn top_level_boxes(src: &dyn Source) -> Vec<[u8; 4]> {
    let mut out = Vec::new();
    let mut pos = 0u64;
    while pos + 8 <= src.len() && out.len() < 10_000 {
        let mut h = [0u8; 16];
        let n = src.read_at(pos, &mut h).unwrap_or(0);
        if n < 8 {
            break;
        }
        let size32 = u32::from_be_bytes([h[0], h[1], h[2], h[3]]) as u64;
        let kind = [h[4], h[5], h[6], h[7]];
        let size = match size32 {
            0 => src.len() - pos,
            1 if n >= 16 => u64::from_be_bytes(h[8..16].try_into().unwrap()),
            s => s,
        };
        out.push(kind);
        if size < 8 {
            break;
        }
        pos = pos.saturating_add(size);
    }
    out
}

pub fn layout(src: &dyn Source) -> Layout {
    let mut head = [0u8; 4];
    if src.read_at(0, &mut head).unwrap_or(0) == 4 && head == [0x1a, 0x45, 0xdf, 0xa3] {
        return Layout::Matroska;
    }
    let boxes = top_level_boxes(src);
    let at = |t: &[u8; 4]| boxes.iter().position(|b| b == t);
    if at(b"moof").is_some() {
        return Layout::Mp4Fragmented;
    }
    match (at(b"moov"), at(b"mdat")) {
        (Some(m), Some(d)) if m < d => Layout::Mp4MoovFirst,
        (Some(_), Some(_)) => Layout::Mp4MoovLast,
        (Some(_), None) => Layout::Mp4MoovFirst,
        _ => Layout::Other,
    }
}

/// A `free` box of `pad` bytes (header included).
fn free_box(pad: usize) -> Vec<u8> {
    let mut b = vec![0u8; pad];
    b[..4].copy_from_slice(&(pad as u32).to_be_bytes());
    b[4..8].copy_from_slice(b"free");
    b
}

/// The file with a `free` box inserted before its `moov` (chunk offsets before it stay valid:
/// use it on a file whose `mdat` comes first).
pub fn padded_before_moov(file: &[u8], pad: usize) -> Vec<u8> {
    let src = MemorySource::new(file);
    let mut pos = 0usize;
    for kind in top_level_boxes(&src) {
        if &kind == b"moov" {
            let mut out = file[..pos].to_vec();
            out.extend(free_box(pad));
            out.extend_from_slice(&file[pos..]);
            return out;
        }
        let size = u32::from_be_bytes(file[pos..pos + 4].try_into().unwrap()) as usize;
        pos += size;
    }
    panic!("no moov");
}

/// The file followed by a `free` box.
pub fn padded_at_end(file: &[u8], pad: usize) -> Vec<u8> {
    let mut out = file.to_vec();
    out.extend(free_box(pad));
    out
}
