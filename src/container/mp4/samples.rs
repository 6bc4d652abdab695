//! Reading a track's first samples for the codec parsers, with contiguous samples fetched in
//! one read (samples of a chunk sit back to back) to keep requests few.

use crate::source::{Source, read_up_to, read_up_to_into};

/// Largest sample handed to a codec parser; bigger ones are cut (parsers need headers only).
const MAX_SAMPLE: u32 = 1 << 20;
/// Largest single read when coalescing contiguous samples.
const MAX_RUN: u64 = 4 << 20;

/// Reads the samples at `positions` (file offset, size) in order, calling `f` with each until it
/// returns `false`. Samples past the end of the source are cut or skipped. Returns how many
/// samples were handed to `f`.
pub fn for_each_sample(
    src: &dyn Source,
    positions: &[(u64, u32)],
    mut f: impl FnMut(&[u8]) -> bool,
) -> usize {
    let mut handed = 0;
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
            return handed;
        };
        let mut at = 0usize;
        for &(_, size) in &positions[i..j] {
            let size = size.min(MAX_SAMPLE) as usize;
            let Some(sample) = run.get(at..(at + size).min(run.len())) else {
                return handed;
            };
            if sample.is_empty() {
                return handed;
            }
            handed += 1;
            if !f(sample) {
                return handed;
            }
            at += size;
        }
        i = j;
    }
    handed
}

/// Bytes of a NAL unit read at most: parameter sets and SEI fit, slices need only their header.
const NAL_PREFIX: usize = 64 << 10;
/// NAL units looked at, at most, per sample.
const MAX_NALS_PER_SAMPLE: usize = 256;
/// Empty NAL units (zero lengths) stepped over, at most, per sample: a run of zero bytes is
/// walked a few bytes at a time, so it is bounded apart from the units that are read (80 KiB
/// of zeros with 4-byte lengths; a sample past that is left there).
const MAX_EMPTY_NALS_PER_SAMPLE: usize = 1 << 14;

/// Bytes read at once at a sample's start (or where a NAL unit's header falls outside what
/// was read): a small frame, or the first NAL headers of a large one, come in one request.
const WINDOW: usize = 1024;

/// How a codec's MediaInfo parser steps through the length-prefixed NAL units of a sample.
#[derive(Clone, Copy, Debug)]
pub struct Framing {
    /// Bytes of the length field before each NAL unit (1 to 4).
    pub length_size: usize,
    /// File_Avc's way with a zero length: it still reads the byte after the length field as
    /// the unit's header, so the empty unit takes `length_size + 1` bytes, and goes on.
    /// Otherwise a zero length ends the sample.
    pub zero_length_reads_header: bool,
}

/// What [`for_each_nal`] meets, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NalEvent<'a> {
    /// Sample `index` of the positions begins.
    Sample(usize),
    /// The first bytes of a NAL unit, its header byte first.
    Nal(&'a [u8]),
    /// The next length field, or the NAL unit it announces, runs past the end of the sample
    /// (at file offset `end`): the rest of the sample is skipped. File_Avc reports this as a
    /// bitstream that ran out of data.
    RanOut { end: u64 },
}

/// Walks the length-prefixed NAL units of the samples at `positions`, handing `f` the first
/// bytes of each NAL (as many as the codec's `bytes_used(first header byte, length)` says, at
/// most 64 KiB: parameter sets and SEI whole, a header's worth for the rest) without reading
/// slice data, and telling where each sample starts and where one runs out. `f` returns
/// `false` to stop. Reads a window at each sample's start and hops from NAL to NAL past it, so
/// multi-slice pictures are seen whole.
/// Returns how many samples were entered (the one `f` stopped in included).
pub fn for_each_nal(
    src: &dyn Source,
    positions: &[(u64, u32)],
    framing: Framing,
    bytes_used: impl Fn(u8, usize) -> usize,
    mut f: impl FnMut(NalEvent) -> bool,
) -> usize {
    let n = framing.length_size.clamp(1, 4);
    let mut entered = 0;
    // Buffers reused from sample to sample: the window at the sample's start (or where a
    // header fell outside it), and a NAL unit's bytes read apart from the window.
    let (mut window, mut apart) = (Vec::new(), Vec::new());
    for (index, &(offset, size)) in positions.iter().enumerate() {
        entered += 1;
        if !f(NalEvent::Sample(index)) {
            return entered;
        }
        let end = offset.saturating_add(u64::from(size));
        let mut window_start = offset;
        if read_up_to_into(src, offset, (size as usize).min(WINDOW), &mut window).is_err() {
            return entered;
        }
        // The bytes [at, at + len) of the sample, from the window when it holds them.
        fn bytes(window: &[u8], window_start: u64, at: u64, len: usize) -> Option<&[u8]> {
            let from = usize::try_from(at.checked_sub(window_start)?).ok()?;
            window.get(from..from.checked_add(len)?)
        }
        let mut pos = offset;
        let (mut units, mut empty) = (0, 0);
        while units < MAX_NALS_PER_SAMPLE && empty < MAX_EMPTY_NALS_PER_SAMPLE && pos < end {
            if pos.saturating_add(n as u64 + 1) > end {
                // Too few bytes left for a length field and a header byte.
                if !f(NalEvent::RanOut { end }) {
                    return entered;
                }
                break;
            }
            // The length field and the header byte (at most 5 bytes), copied out.
            let mut head = [0u8; 5];
            match bytes(&window, window_start, pos, n + 1) {
                Some(h) => head[..=n].copy_from_slice(h),
                None => {
                    let len = ((end - pos) as usize).min(WINDOW);
                    if read_up_to_into(src, pos, len, &mut window).is_err() {
                        return entered;
                    }
                    window_start = pos;
                    match bytes(&window, window_start, pos, n + 1) {
                        Some(h) => head[..=n].copy_from_slice(h),
                        None => return entered,
                    }
                }
            }
            let len = head[..n].iter().fold(0u64, |a, &b| (a << 8) | u64::from(b));
            let nal_start = pos + n as u64;
            if len == 0 {
                if !framing.zero_length_reads_header {
                    break;
                }
                empty += 1;
                pos = nal_start + 1;
                continue;
            }
            if nal_start.saturating_add(len) > end {
                if !f(NalEvent::RanOut { end }) {
                    return entered;
                }
                break;
            }
            units += 1;
            let need = bytes_used(head[n], len as usize)
                .min(len as usize)
                .clamp(1, NAL_PREFIX);
            let nal = match bytes(&window, window_start, nal_start, need) {
                Some(b) => b,
                None => {
                    if read_up_to_into(src, nal_start, need, &mut apart).is_err() {
                        return entered;
                    }
                    &apart[..]
                }
            };
            if !f(NalEvent::Nal(nal)) {
                return entered;
            }
            pos = nal_start + len;
        }
    }
    entered
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::MemorySource;

    /// The events of walking `data` as one sample with 4-byte lengths.
    fn walk(data: &[u8], zero_length_reads_header: bool) -> Vec<String> {
        let src = MemorySource::new(data.to_vec());
        let framing = Framing {
            length_size: 4,
            zero_length_reads_header,
        };
        let mut out = Vec::new();
        for_each_nal(
            &src,
            &[(0, data.len() as u32)],
            framing,
            |_, n| n,
            |e| {
                out.push(match e {
                    NalEvent::Sample(i) => format!("sample {i}"),
                    NalEvent::Nal(nal) => format!("nal {nal:?}"),
                    NalEvent::RanOut { end } => format!("ran out {end}"),
                });
                true
            },
        );
        out
    }

    #[test]
    fn zero_lengths_and_running_out() {
        // A 2-byte unit, an empty one (its "header" is the next byte), then a length past the
        // end.
        let data = [0, 0, 0, 2, 9, 1, 0, 0, 0, 0, 7, 0, 0, 0, 9, 5];
        assert_eq!(
            walk(&data, true),
            ["sample 0", "nal [9, 1]", "ran out 16"].map(String::from)
        );
        assert_eq!(
            walk(&data, false),
            ["sample 0", "nal [9, 1]"].map(String::from)
        );
        // Fewer bytes left than a length field and a header byte.
        assert_eq!(
            walk(&[0, 0, 0, 1, 9, 0, 0, 0, 1], true),
            ["sample 0", "nal [9]", "ran out 9"].map(String::from)
        );
        // A sample that ends where its last unit ends is whole.
        assert_eq!(
            walk(&[0, 0, 0, 1, 9], true),
            ["sample 0", "nal [9]"].map(String::from)
        );
    }
}
