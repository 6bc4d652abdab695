//! The first frames of each track, from the first Clusters: SimpleBlocks and BlockGroups,
//! with Xiph, EBML and fixed-size lacing undone and header stripping restored.

use std::collections::BTreeMap;

use super::ebml::{read_header, read_size};
use super::ids;
use super::segment::TrackEntry;
use crate::Result;
use crate::codec::avc::AvcConfig;
use crate::source::{Source, read_up_to};

/// Frames kept per track.
pub const FRAMES_PER_TRACK: usize = 128;
/// Bytes kept per frame (codec parsers need headers, not whole pictures).
const MAX_FRAME: usize = 256 << 10;
/// Bytes kept for all tracks together.
const MAX_TOTAL: usize = 16 << 20;
/// Clusters up to this size are read in one request; larger ones header by header.
const SMALL_CLUSTER: u64 = 256 << 10;

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

    /// Reads the blocks of the cluster whose data spans `start..end` in `src` (the caller
    /// caps `end`); returns how many bytes belonged to the cluster (all of them, or up to the
    /// first level-1 element for an unknown-size cluster).
    ///
    /// Only headers and the bytes a kept frame needs are read: a block of a track that has
    /// its frames is counted from its header alone, and an AVC frame is read NAL by NAL as
    /// far as the AVC parser looks (see [`avc_frame`]). What is kept is what reading the
    /// whole cluster and keeping its frames would keep, but for AVC slice data.
    pub fn read_cluster(
        &mut self,
        src: &dyn Source,
        start: u64,
        end: u64,
        tracks: &[TrackEntry],
    ) -> Result<u64> {
        let limit = end.min(src.len());
        let mut r = Window::new(src, limit);
        if limit.saturating_sub(start) <= SMALL_CLUSTER {
            // One request for the whole of a small cluster.
            r.bytes(start, SMALL_CLUSTER as usize)?;
        }
        let mut cluster_time = 0i64;
        let mut pos = start;
        while pos < limit {
            let Some(h) = read_header(r.bytes(pos, 12)?) else {
                break;
            };
            if is_level1(h.id) {
                return Ok(pos - start);
            }
            let body = pos + h.header_len as u64;
            let body_end = h
                .size
                .and_then(|s| body.checked_add(s))
                .map_or(limit, |e| e.min(limit));
            let body = body.min(body_end);
            match h.id {
                ids::TIMESTAMP => {
                    // Bytes before the last eight shift out of the value.
                    let from = body.max(body_end.saturating_sub(8));
                    let bytes = r.bytes(from, (body_end - from) as usize)?;
                    cluster_time = bytes.iter().fold(0i64, |a, &b| (a << 8) | i64::from(b));
                }
                ids::SIMPLE_BLOCK => {
                    self.read_block(&mut r, body, body_end, cluster_time, tracks)?
                }
                ids::BLOCK_GROUP => {
                    // The group's children, cut at its end as `Elements` would cut them.
                    let mut child = body;
                    while child < body_end {
                        let head = r.bytes(child, 12)?;
                        let head = &head[..head.len().min((body_end - child) as usize)];
                        let Some(c) = read_header(head) else {
                            break;
                        };
                        let data = child + c.header_len as u64;
                        let data_end = c
                            .size
                            .and_then(|s| data.checked_add(s))
                            .map_or(body_end, |e| e.min(body_end));
                        if c.id == ids::BLOCK {
                            self.read_block(&mut r, data, data_end, cluster_time, tracks)?;
                        }
                        child = data_end;
                    }
                }
                _ => {}
            }
            pos = body_end;
        }
        Ok(limit.saturating_sub(start))
    }

    /// One SimpleBlock or Block whose bytes span `from..to`.
    fn read_block(
        &mut self,
        r: &mut Window,
        from: u64,
        to: u64,
        cluster_time: i64,
        tracks: &[TrackEntry],
    ) -> Result<()> {
        // Track number (a size-like vint of up to 8 bytes), timestamp, flags.
        let head = r.bytes(from, ((to - from) as usize).min(11))?;
        let Some((Some(track), n)) = read_size(head) else {
            return Ok(());
        };
        let Some(rest) = head.get(n..) else {
            return Ok(());
        };
        if rest.len() < 3 {
            return Ok(());
        }
        let relative = i64::from(i16::from_be_bytes([rest[0], rest[1]]));
        let flags = rest[2];
        let payload = from + n as u64 + 3;
        let payload_len = (to - payload) as usize;
        let entry = self.tracks.entry(track).or_default();
        entry.blocks_seen += 1;
        if entry.frames.len() >= FRAMES_PER_TRACK || self.total >= MAX_TOTAL {
            return Ok(());
        }
        entry.timestamps.push(cluster_time.saturating_add(relative));
        let track = tracks.iter().find(|t| t.number == track);
        let stripped = track
            .and_then(|t| t.stripped_header.as_deref())
            .unwrap_or(&[]);
        let lacing = (flags >> 1) & 3;
        if lacing == 0 {
            let len = payload_len.min(MAX_FRAME);
            let frame = match track.and_then(avc_length_size) {
                Some(n) if stripped.is_empty() => avc_frame(r, payload, len, n)?,
                _ => {
                    let mut f = Vec::with_capacity(stripped.len() + len);
                    f.extend_from_slice(stripped);
                    f.extend_from_slice(r.bytes(payload, len)?);
                    f
                }
            };
            // Counted at the frame's own size, whichever bytes of it were kept.
            self.total += stripped.len() + len;
            entry.frames.push(frame);
            return Ok(());
        }
        let payload = r.bytes(payload, payload_len)?.to_vec();
        for frame in unlace(&payload, lacing) {
            if entry.frames.len() >= FRAMES_PER_TRACK {
                break;
            }
            let mut f = Vec::with_capacity((stripped.len() + frame.len()).min(MAX_FRAME));
            f.extend_from_slice(stripped);
            f.extend_from_slice(&frame[..frame.len().min(MAX_FRAME)]);
            self.total += f.len();
            entry.frames.push(f);
        }
        Ok(())
    }
}

/// The NAL length size of an AVC track's frames, as the AVC parser takes it (4 when the
/// configuration record does not parse); `None` for other tracks.
fn avc_length_size(t: &TrackEntry) -> Option<usize> {
    if t.codec_id != "V_MPEG4/ISO/AVC" {
        return None;
    }
    let n = AvcConfig::parse(&t.codec_private).map_or(4, |c| usize::from(c.length_size));
    Some(n.clamp(1, 4))
}

/// An AVC frame of `len` bytes at `at`, with each NAL unit cut to what the AVC parser reads
/// of it ([`crate::codec::avc::nal_bytes_used`]) and its length field rewritten: walking the
/// result meets the same NAL units, in the same order, with the same bytes the parser uses,
/// as walking the whole frame (the walk stops at the same zero or overlong length).
fn avc_frame(r: &mut Window, at: u64, len: usize, n: usize) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut pos = 0usize;
    while len - pos > n {
        let head = r.bytes(at + pos as u64, n + 1)?;
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
        let keep = crate::codec::avc::nal_bytes_used(kind, nal_len);
        out.extend_from_slice(&keep.to_be_bytes()[size_of::<usize>() - n..]);
        out.extend_from_slice(r.bytes(at + pos as u64, keep)?);
        pos += nal_len;
    }
    Ok(out)
}

/// Reads inside one cluster: each read fetches at least [`Window::AHEAD`] bytes (never past
/// the cluster's end), so the element and block headers that follow each other, and small
/// frames, come from one request; bytes already fetched are not fetched again.
struct Window<'s> {
    src: &'s dyn Source,
    limit: u64,
    at: u64,
    buf: Vec<u8>,
}

impl<'s> Window<'s> {
    const AHEAD: usize = 256;

    fn new(src: &'s dyn Source, limit: u64) -> Self {
        Self {
            src,
            limit,
            at: 0,
            buf: Vec::new(),
        }
    }

    /// Up to `len` bytes at `offset`; fewer at the cluster's or the source's end.
    fn bytes(&mut self, offset: u64, len: usize) -> Result<&[u8]> {
        let room =
            |from: u64| usize::try_from(self.limit.saturating_sub(from)).unwrap_or(usize::MAX);
        let len = len.min(room(offset));
        let buffered = self.at + self.buf.len() as u64;
        if offset < self.at || offset + len as u64 > buffered {
            let want = len.max(Self::AHEAD).min(room(offset));
            if offset >= self.at && offset <= buffered {
                // Keep what is already here from `offset` on; read only the rest.
                self.buf.drain(..(offset - self.at) as usize);
                let more = want - self.buf.len();
                self.buf.extend(read_up_to(self.src, buffered, more)?);
            } else {
                self.buf = read_up_to(self.src, offset, want)?;
            }
            self.at = offset;
        }
        let start = (offset - self.at) as usize;
        let end = (start + len).min(self.buf.len());
        Ok(&self.buf[start.min(end)..end])
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

#[cfg(test)]
mod avc_tests {
    use super::{Window, avc_frame};
    use crate::codec::avc::nal_bytes_used;
    use crate::source::MemorySource;

    /// The NAL units AvcParser::push_sample meets in `frame`, cut to the bytes it reads.
    fn walk(frame: &[u8], n: usize) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        let mut rest = frame;
        while rest.len() > n {
            let len = rest[..n]
                .iter()
                .fold(0usize, |a, &b| (a << 8) | usize::from(b));
            rest = &rest[n..];
            if len == 0 || len > rest.len() {
                break;
            }
            let (nal, tail) = rest.split_at(len);
            out.push(nal[..nal_bytes_used(nal[0], len)].to_vec());
            rest = tail;
        }
        out
    }

    #[test]
    fn cut_frames_walk_like_whole_ones() {
        let nal = |kind: u8, len: usize| {
            let mut v = (len as u32).to_be_bytes().to_vec();
            v.push(kind);
            v.extend((1..len).map(|i| i as u8));
            v
        };
        let mut frame = Vec::new();
        for (kind, len) in [
            (9, 2),
            (6, 700),
            (0x65, 5000),
            (0x41, 30),
            (0x41, 3000),
            (12, 9),
        ] {
            frame.extend(nal(kind, len));
        }
        frame.extend([0, 0, 0x40, 0, 0x41, 1, 2]); // an overlong length ends the walk
        for cut in [frame.len(), frame.len() - 7, 6000, 712, 5] {
            let src = MemorySource::new(&frame[..]);
            let mut r = Window::new(&src, frame.len() as u64);
            let small = avc_frame(&mut r, 0, cut, 4).unwrap();
            assert_eq!(walk(&small, 4), walk(&frame[..cut], 4), "cut at {cut}");
            assert!(small.len() < 1000);
        }
    }
}
