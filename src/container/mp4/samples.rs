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
