//! Reading a track's first samples for the codec parsers, with contiguous samples fetched in
//! one read (samples of a chunk sit back to back) to keep requests few.

use crate::source::{Source, read_up_to};

/// Largest sample handed to a codec parser; bigger ones are cut (parsers need headers only).
const MAX_SAMPLE: u32 = 1 << 20;
/// Largest single read when coalescing contiguous samples.
const MAX_RUN: u64 = 4 << 20;

/// Reads the samples at `positions` (file offset, size) in order, calling `f` with each until it
/// returns `false`. Samples past the end of the source are cut or skipped.
pub fn for_each_sample(
    src: &dyn Source,
    positions: &[(u64, u32)],
    mut f: impl FnMut(&[u8]) -> bool,
) {
    let mut i = 0;
    while i < positions.len() {
        // Extend a run of back-to-back samples.
        let start = positions[i].0;
        let mut end = start.saturating_add(u64::from(positions[i].1.min(MAX_SAMPLE)));
        let mut j = i + 1;
        while j < positions.len()
            && positions[j].0 == end
            && end - start + u64::from(positions[j].1) <= MAX_RUN
            && positions[j].1 <= MAX_SAMPLE
        {
            end += u64::from(positions[j].1);
            j += 1;
        }
        let Ok(run) = read_up_to(src, start, (end - start) as usize) else {
            return;
        };
        let mut at = 0usize;
        for &(_, size) in &positions[i..j] {
            let size = size.min(MAX_SAMPLE) as usize;
            let Some(sample) = run.get(at..(at + size).min(run.len())) else {
                return;
            };
            if sample.is_empty() || !f(sample) {
                return;
            }
            at += size;
        }
        i = j;
    }
}

/// Bytes of a NAL unit read at most: parameter sets and SEI fit, slices need only their header.
const NAL_PREFIX: usize = 64 << 10;
/// NAL units looked at, at most, per sample.
const MAX_NALS_PER_SAMPLE: usize = 256;

/// Walks the length-prefixed NAL units of the samples at `positions`, handing `f` the first
/// bytes of each NAL (as many as the codec's `bytes_used(first header byte, length)` says, at
/// most 64 KiB: parameter sets and SEI whole, a header's worth for the rest) without reading
/// slice data. `f` returns `false` to stop. Hops from NAL to NAL with small reads, so
/// multi-slice pictures are seen whole.
pub fn for_each_nal(
    src: &dyn Source,
    positions: &[(u64, u32)],
    length_size: usize,
    bytes_used: impl Fn(u8, usize) -> usize,
    mut f: impl FnMut(&[u8], bool) -> bool,
) {
    let n = length_size.clamp(1, 4);
    for &(offset, size) in positions {
        let end = offset.saturating_add(u64::from(size));
        let mut pos = offset;
        let mut first = true;
        for _ in 0..MAX_NALS_PER_SAMPLE {
            if pos.saturating_add(n as u64 + 1) > end {
                break;
            }
            let Ok(head) = read_up_to(src, pos, n + 1) else {
                return;
            };
            if head.len() < n + 1 {
                return;
            }
            let len = head[..n].iter().fold(0u64, |a, &b| (a << 8) | u64::from(b));
            let nal_start = pos + n as u64;
            if len == 0 || nal_start.saturating_add(len) > end {
                break;
            }
            let want = bytes_used(head[n], len as usize)
                .min(len as usize)
                .clamp(1, NAL_PREFIX);
            let Ok(nal) = read_up_to(src, nal_start, want) else {
                return;
            };
            if !f(&nal, first) {
                return;
            }
            first = false;
            pos = nal_start + len;
        }
    }
}
