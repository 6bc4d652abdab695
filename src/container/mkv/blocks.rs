//! The first frames of each track, from the first Clusters: SimpleBlocks and BlockGroups,
//! with Xiph, EBML and fixed-size lacing undone and header stripping restored.

use std::collections::BTreeMap;

use super::ebml::{Elements, read_header, read_size};
use super::ids;
use super::segment::TrackEntry;

/// Frames kept per track.
pub const FRAMES_PER_TRACK: usize = 128;
/// Bytes kept per frame (codec parsers need headers, not whole pictures).
const MAX_FRAME: usize = 256 << 10;
/// Bytes kept for all tracks together.
const MAX_TOTAL: usize = 16 << 20;

/// One track's first frames and their timestamps (in timestamp-scale units).
#[derive(Clone, Debug, Default)]
pub struct TrackFrames {
    pub frames: Vec<Vec<u8>>,
    pub timestamps: Vec<i64>,
    /// Whether any block of the track was a keyframe (SimpleBlock flag).
    pub blocks_seen: usize,
}

/// First frames per track number.
#[derive(Clone, Debug, Default)]
pub struct FirstBlocks {
    pub tracks: BTreeMap<u64, TrackFrames>,
    total: usize,
}

impl FirstBlocks {
    /// Whether every track has as many frames as are kept.
    pub fn is_complete(&self, tracks: &[TrackEntry]) -> bool {
        self.total >= MAX_TOTAL
            || (!tracks.is_empty()
                && tracks.iter().all(|t| {
                    self.tracks
                        .get(&t.number)
                        .is_some_and(|f| f.frames.len() >= FRAMES_PER_TRACK)
                }))
    }

    /// Adds the blocks of a cluster's data; returns how many bytes belonged to the cluster
    /// (all of them, or up to the first level-1 element for an unknown-size cluster).
    pub fn add_cluster(&mut self, data: &[u8], tracks: &[TrackEntry]) -> usize {
        let mut cluster_time = 0i64;
        let mut pos = 0usize;
        while pos < data.len() {
            let Some(h) = read_header(&data[pos..]) else {
                break;
            };
            if is_level1(h.id) {
                return pos;
            }
            let start = pos + h.header_len;
            let end = h
                .size
                .and_then(|s| usize::try_from(s).ok())
                .and_then(|s| start.checked_add(s))
                .map_or(data.len(), |e| e.min(data.len()));
            let body = &data[start.min(end)..end];
            match h.id {
                ids::TIMESTAMP => {
                    cluster_time = body.iter().fold(0i64, |a, &b| (a << 8) | i64::from(b));
                }
                ids::SIMPLE_BLOCK => self.add_block(body, cluster_time, tracks),
                ids::BLOCK_GROUP => {
                    for c in Elements::new(body) {
                        if c.id == ids::BLOCK {
                            self.add_block(c.data, cluster_time, tracks);
                        }
                    }
                }
                _ => {}
            }
            pos = end;
        }
        data.len()
    }

    fn add_block(&mut self, block: &[u8], cluster_time: i64, tracks: &[TrackEntry]) {
        let Some((Some(track), n)) = read_size(block) else {
            return;
        };
        let Some(rest) = block.get(n..) else { return };
        if rest.len() < 3 {
            return;
        }
        let relative = i64::from(i16::from_be_bytes([rest[0], rest[1]]));
        let flags = rest[2];
        let payload = &rest[3..];
        let entry = self.tracks.entry(track).or_default();
        entry.blocks_seen += 1;
        if entry.frames.len() >= FRAMES_PER_TRACK || self.total >= MAX_TOTAL {
            return;
        }
        entry.timestamps.push(cluster_time.saturating_add(relative));
        let stripped = tracks
            .iter()
            .find(|t| t.number == track)
            .and_then(|t| t.stripped_header.as_deref())
            .unwrap_or(&[]);
        for frame in unlace(payload, (flags >> 1) & 3) {
            if entry.frames.len() >= FRAMES_PER_TRACK {
                break;
            }
            let mut f = Vec::with_capacity((stripped.len() + frame.len()).min(MAX_FRAME));
            f.extend_from_slice(stripped);
            f.extend_from_slice(&frame[..frame.len().min(MAX_FRAME)]);
            self.total += f.len();
            entry.frames.push(f);
        }
    }
}

fn is_level1(id: u32) -> bool {
    matches!(
        id,
        ids::CLUSTER
            | ids::CUES
            | ids::TAGS
            | ids::SEEK_HEAD
            | ids::INFO
            | ids::TRACKS
            | ids::CHAPTERS
            | ids::ATTACHMENTS
    )
}

/// Splits a block payload into frames. `lacing`: 0 none, 1 Xiph, 2 fixed, 3 EBML.
fn unlace(payload: &[u8], lacing: u8) -> Vec<&[u8]> {
    if lacing == 0 {
        return vec![payload];
    }
    let Some((&count_minus_one, mut rest)) = payload.split_first() else {
        return Vec::new();
    };
    let count = usize::from(count_minus_one) + 1;
    let mut sizes = Vec::with_capacity(count);
    match lacing {
        1 => {
            for _ in 0..count - 1 {
                let mut size = 0usize;
                loop {
                    let Some((&b, r)) = rest.split_first() else {
                        return Vec::new();
                    };
                    rest = r;
                    size += usize::from(b);
                    if b != 255 {
                        break;
                    }
                }
                sizes.push(size);
            }
        }
        2 => {
            let each = rest.len() / count;
            sizes.extend(std::iter::repeat_n(each, count - 1));
        }
        _ => {
            let Some((Some(first), n)) = read_size(rest) else {
                return Vec::new();
            };
            rest = &rest[n..];
            let mut size = first as i64;
            sizes.push(size.max(0) as usize);
            for _ in 1..count - 1 {
                let Some((Some(raw), n)) = read_size(rest) else {
                    return Vec::new();
                };
                rest = &rest[n..];
                let bias = (1i64 << (7 * n - 1)) - 1;
                size += raw as i64 - bias;
                if size < 0 {
                    return Vec::new();
                }
                sizes.push(size as usize);
            }
        }
    }
    let mut frames = Vec::with_capacity(count);
    for size in sizes {
        if size > rest.len() {
            return frames;
        }
        let (f, r) = rest.split_at(size);
        frames.push(f);
        rest = r;
    }
    frames.push(rest);
    frames
}

#[cfg(test)]
mod tests {
    use super::unlace;

    #[test]
    fn xiph_lacing() {
        // 3 frames: sizes 2, 1, rest (1)
        let p = [2, 2, 1, 0xA, 0xB, 0xC, 0xD];
        let f = unlace(&p, 1);
        assert_eq!(f, vec![&[0xA, 0xB][..], &[0xC][..], &[0xD][..]]);
    }

    #[test]
    fn hostile_lacing_is_empty_not_panic() {
        assert!(unlace(&[5, 255, 255], 1).is_empty());
        assert!(unlace(&[1, 0x40], 3).is_empty());
    }
}
