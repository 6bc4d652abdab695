//! Sample tables (stbl): timing, sizes and positions of a track's samples.
//!
//! Entry counts come from the file and are never trusted: every table keeps only as many
//! entries as its box really holds.

use crate::bytes::ByteReader;

use super::boxes::Boxes;

/// Chunk offsets kept: every caller of [`SampleTable::first_samples`] asks for at most 1024
/// samples, and a chunk holds at least one, so more offsets are never read. Keeping them all
/// would double a `moov` of chunk offsets in memory (`stco` entries widen to 64 bits).
pub const MAX_CHUNKS: usize = 4096;

/// The parts of `stbl` the report needs: the tables it sums or scans in full (`stts`,
/// `stsz`, `stsc`), and only counts or the first entries of the others, so that memory per
/// track stays at most about the size of its boxes.
#[derive(Clone, Debug, Default)]
pub struct SampleTable {
    /// `stts` present (possibly empty).
    pub has_time_to_sample: bool,
    /// `stts`: runs of (sample count, sample delta).
    pub time_to_sample: Vec<(u32, u32)>,
    /// `ctts` present (its offsets are not needed by the report, so they are not kept).
    pub has_composition_offsets: bool,
    /// `stss`: how many sync samples it lists; `None` when absent (every sample is a sync
    /// sample). The sample numbers themselves are not kept.
    pub sync_samples: Option<u32>,
    /// `stsc`: (first chunk, samples per chunk, sample description index).
    pub sample_to_chunk: Vec<(u32, u32, u32)>,
    /// `stsz`/`stz2`: the constant size, or 0 when sizes are listed.
    pub constant_size: u32,
    /// Number of samples `stsz` declares.
    pub sample_count: u32,
    /// Listed sizes (empty when `constant_size` is set).
    pub sizes: Vec<u32>,
    /// `stco`/`co64` chunk offsets: the first [`MAX_CHUNKS`] only, which is all that
    /// [`SampleTable::first_samples`] can reach.
    pub chunk_offsets: Vec<u64>,
    /// Number of chunk offsets the box holds (bounded by its bytes, not its declared count).
    pub chunk_count: u32,
    /// `sdtp` present.
    pub has_sdtp: bool,
}

impl SampleTable {
    /// Parses the children of an `stbl` box (except `stsd`, read elsewhere).
    pub fn parse(stbl: &[u8]) -> SampleTable {
        let mut t = SampleTable::default();
        for b in Boxes::new(stbl) {
            let mut r = ByteReader::new(b.payload);
            match &b.kind.0 {
                b"stts" => {
                    t.has_time_to_sample = true;
                    t.time_to_sample = read_pairs(&mut r, |a, b| (a, b));
                }
                b"ctts" => t.has_composition_offsets = true,
                b"stss" => t.sync_samples = Some(entry_count(&mut r, 4)),
                b"stsc" => t.sample_to_chunk = read_stsc(&mut r),
                b"stsz" => read_stsz(&mut r, &mut t),
                b"stz2" => read_stz2(&mut r, &mut t),
                b"stco" => read_chunk_offsets(&mut r, 4, &mut t),
                b"co64" => read_chunk_offsets(&mut r, 8, &mut t),
                b"sdtp" => t.has_sdtp = true,
                _ => {}
            }
        }
        t
    }

    /// Number of samples: from `stsz`, else from `stts`.
    pub fn samples(&self) -> u64 {
        if self.sample_count > 0 {
            u64::from(self.sample_count)
        } else {
            self.time_to_sample
                .iter()
                .fold(0u64, |a, &(c, _)| a.saturating_add(u64::from(c)))
        }
    }

    /// Sum of all sample durations, in media timescale units.
    pub fn total_duration(&self) -> u64 {
        self.time_to_sample.iter().fold(0u64, |a, &(c, d)| {
            a.saturating_add(u64::from(c) * u64::from(d))
        })
    }

    /// Sum of all sample sizes in bytes.
    pub fn total_size(&self) -> u64 {
        if self.constant_size > 0 {
            u64::from(self.constant_size) * u64::from(self.sample_count)
        } else {
            self.sizes
                .iter()
                .fold(0u64, |a, &s| a.saturating_add(u64::from(s)))
        }
    }

    /// Size of sample `i` (0-based).
    pub fn size_of(&self, i: usize) -> Option<u32> {
        if self.constant_size > 0 {
            (i < self.sample_count as usize).then_some(self.constant_size)
        } else {
            self.sizes.get(i).copied()
        }
    }

    /// Positions of the first samples: (file offset, size), in decoding order, at most `max`.
    pub fn first_samples(&self, max: usize) -> Vec<(u64, u32)> {
        let mut out = Vec::new();
        let mut sample = 0usize;
        for (chunk_offset, per_chunk) in self.chunks() {
            let mut offset = chunk_offset;
            for _ in 0..per_chunk {
                if out.len() >= max {
                    return out;
                }
                let Some(size) = self.size_of(sample) else {
                    return out;
                };
                out.push((offset, size));
                offset = offset.saturating_add(u64::from(size));
                sample += 1;
            }
        }
        out
    }

    /// Each known chunk's offset and sample count, in chunk order (stsc applied to stco).
    pub fn chunks(&self) -> impl Iterator<Item = (u64, u32)> + '_ {
        // The stsc entries that apply so far: the longest prefix whose first chunks are all at
        // or before the current chunk; the last of them gives its samples per chunk. The
        // prefix only grows, so one pass over both tables (not chunks × entries).
        let mut applying = 0usize;
        self.chunk_offsets
            .iter()
            .enumerate()
            .map(move |(ci, &chunk_offset)| {
                let chunk_number = ci as u64 + 1;
                while self
                    .sample_to_chunk
                    .get(applying)
                    .is_some_and(|e| u64::from(e.0) <= chunk_number)
                {
                    applying += 1;
                }
                let per_chunk = applying
                    .checked_sub(1)
                    .map_or(0, |i| self.sample_to_chunk[i].1);
                (chunk_offset, per_chunk)
            })
    }
}

/// Reads a full box header then `entry_count` pairs of u32, bounded by the bytes present.
fn read_pairs<T>(r: &mut ByteReader, f: impl Fn(u32, u32) -> T) -> Vec<T> {
    let Some(count) = r.version_flags().and_then(|_| r.u32()) else {
        return Vec::new();
    };
    let count = (count as usize).min(r.remaining() / 8);
    let mut v = Vec::with_capacity(count);
    for _ in 0..count {
        match (r.u32(), r.u32()) {
            (Some(a), Some(b)) => v.push(f(a, b)),
            _ => break,
        }
    }
    v
}

/// Reads a full box header and an entry count, bounded by the entries of `width` bytes present.
fn entry_count(r: &mut ByteReader, width: usize) -> u32 {
    let Some(count) = r.version_flags().and_then(|_| r.u32()) else {
        return 0;
    };
    count.min(u32::try_from(r.remaining() / width).unwrap_or(u32::MAX))
}

/// `stco` (`width` 4) or `co64` (8): the count, and the first [`MAX_CHUNKS`] offsets.
fn read_chunk_offsets(r: &mut ByteReader, width: usize, t: &mut SampleTable) {
    t.chunk_count = entry_count(r, width);
    let kept = (t.chunk_count as usize).min(MAX_CHUNKS);
    t.chunk_offsets = (0..kept)
        .map_while(|_| {
            if width == 4 {
                r.u32().map(u64::from)
            } else {
                r.u64()
            }
        })
        .collect();
}

fn read_stsc(r: &mut ByteReader) -> Vec<(u32, u32, u32)> {
    let Some(count) = r.version_flags().and_then(|_| r.u32()) else {
        return Vec::new();
    };
    let count = (count as usize).min(r.remaining() / 12);
    (0..count)
        .map_while(|_| Some((r.u32()?, r.u32()?, r.u32()?)))
        .collect()
}

fn read_stsz(r: &mut ByteReader, t: &mut SampleTable) {
    let Some((size, count)) = r.version_flags().and_then(|_| Some((r.u32()?, r.u32()?))) else {
        return;
    };
    t.constant_size = size;
    t.sample_count = count;
    if size == 0 {
        let n = (count as usize).min(r.remaining() / 4);
        t.sizes = (0..n).map_while(|_| r.u32()).collect();
    }
}

fn read_stz2(r: &mut ByteReader, t: &mut SampleTable) {
    let Some((field, count)) = r
        .version_flags()
        .and_then(|_| Some((r.u32()? & 0xFF, r.u32()?)))
    else {
        return;
    };
    t.sample_count = count;
    let n = count as usize;
    t.sizes = match field {
        4 => {
            let bytes = r.rest();
            (0..n.min(bytes.len() * 2))
                .map(|i| {
                    let b = bytes[i / 2];
                    u32::from(if i % 2 == 0 { b >> 4 } else { b & 0x0F })
                })
                .collect()
        }
        8 => r.rest().iter().take(n).map(|&b| u32::from(b)).collect(),
        16 => {
            let k = n.min(r.remaining() / 2);
            (0..k).map_while(|_| r.u16().map(u32::from)).collect()
        }
        _ => Vec::new(),
    };
}

#[cfg(test)]
mod tests {
    use super::SampleTable;

    #[test]
    fn first_samples_follow_stsc_runs() {
        let t = SampleTable {
            sample_to_chunk: vec![(1, 2, 1), (3, 1, 1)],
            chunk_offsets: vec![100, 200, 300, 400],
            sizes: vec![10, 11, 12, 13, 14, 15],
            ..Default::default()
        };
        assert_eq!(
            t.chunks().collect::<Vec<_>>(),
            vec![(100, 2), (200, 2), (300, 1), (400, 1)]
        );
        let p = t.first_samples(16);
        assert_eq!(
            p,
            vec![
                (100, 10),
                (110, 11),
                (200, 12),
                (212, 13),
                (300, 14),
                (400, 15)
            ]
        );
        // Entries out of order stop the run where they stop being in order, as before.
        let t = SampleTable {
            sample_to_chunk: vec![(1, 1, 1), (5, 3, 1), (2, 2, 1)],
            ..t
        };
        assert_eq!(t.first_samples(3), vec![(100, 10), (200, 11), (300, 12)]);
    }

    /// Hostile tables (many chunks, many stsc entries that give no samples) take one pass,
    /// not chunks × entries (which here would be 10^10 steps).
    #[test]
    fn first_samples_is_linear() {
        let t = SampleTable {
            sample_to_chunk: vec![(1, 0, 1); 100_000],
            chunk_offsets: vec![0; 100_000],
            ..Default::default()
        };
        assert!(t.first_samples(1024).is_empty());
    }
}
