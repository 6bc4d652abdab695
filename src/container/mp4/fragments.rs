//! Movie fragments (`moof`/`traf`/`trun`): per-track totals of samples, durations and sizes.

use crate::bytes::ByteReader;

use super::boxes::Boxes;

/// What the fragments hold for one track.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FragmentTotals {
    pub track_id: u32,
    pub samples: u64,
    /// Sum of sample durations, in media timescale units.
    pub duration: u64,
    /// Sum of the sample sizes `trun` lists (MediaInfo does not count sizes that come from
    /// defaults).
    pub size: u64,
    /// File offsets and sizes of the first samples (for codec parsing).
    pub first_samples: Vec<(u64, u32)>,
    /// The durations of those first samples, in media timescale units.
    pub first_durations: Vec<u32>,
    /// The first runs (`trun`s): data offset and sample count, as far as they cover the
    /// first samples.
    pub first_runs: Vec<(u64, u32)>,
    /// Distinct sample durations seen (up to a few), for frame rate mode decisions.
    pub durations_seen: Vec<u32>,
}

/// Fragment defaults for a track (from `trex`).
#[derive(Clone, Copy, Debug, Default)]
pub struct TrackDefaults {
    pub duration: u32,
    pub size: u32,
}

/// How many sample positions to remember per track.
const FIRST_SAMPLES: usize = 1024;
/// Tracks followed at most (a `traf` of any further track id is skipped), so that many tiny
/// `traf`s cannot each claim a track's worth of memory.
const MAX_TRACKS: usize = 256;
/// Samples at most counted from one `trun` without per-sample fields (its count is all
/// there is).
const MAX_DEFAULT_SAMPLES: u64 = 1 << 20;

/// Adds one `moof` (payload at file offset `moof_start` of the box itself) to the totals.
pub fn add_moof(
    moof: &[u8],
    moof_start: u64,
    defaults: impl Fn(u32) -> TrackDefaults,
    totals: &mut Vec<FragmentTotals>,
) {
    for traf in Boxes::new(moof).filter(|b| b.kind == b"traf").take(256) {
        let mut track_id = 0;
        let mut base = moof_start;
        let mut d = TrackDefaults::default();
        for b in Boxes::new(traf.payload).take(4096) {
            let mut r = ByteReader::new(b.payload);
            match &b.kind.0 {
                b"tfhd" => {
                    let Some((_, flags)) = r.version_flags() else {
                        continue;
                    };
                    track_id = r.u32().unwrap_or(0);
                    d = defaults(track_id);
                    if flags & 0x01 != 0 {
                        base = r.u64().unwrap_or(base);
                    }
                    if flags & 0x02 != 0 {
                        r.skip(4);
                    }
                    if flags & 0x08 != 0 {
                        d.duration = r.u32().unwrap_or(d.duration);
                    }
                    if flags & 0x10 != 0 {
                        d.size = r.u32().unwrap_or(d.size);
                    }
                }
                b"trun" => {
                    let i = match totals.iter().position(|t| t.track_id == track_id) {
                        Some(i) => i,
                        None if totals.len() >= MAX_TRACKS => continue,
                        None => {
                            totals.push(FragmentTotals {
                                track_id,
                                ..Default::default()
                            });
                            totals.len() - 1
                        }
                    };
                    add_trun(&mut r, base, d, &mut totals[i]);
                }
                _ => {}
            }
        }
    }
}

fn add_trun(r: &mut ByteReader, base: u64, d: TrackDefaults, t: &mut FragmentTotals) -> Option<()> {
    let (_, flags) = r.version_flags()?;
    let count = r.u32()?;
    let mut offset = base;
    if flags & 0x01 != 0 {
        offset = base.checked_add_signed(i64::from(r.i32()?))?;
    }
    if flags & 0x04 != 0 {
        r.skip(4)?;
    }
    let per_sample = [0x100, 0x200, 0x400, 0x800]
        .iter()
        .filter(|&&f| flags & f != 0)
        .count()
        * 4;
    if t.first_samples.len() < FIRST_SAMPLES && count > 0 {
        t.first_runs.push((offset, count));
    }
    let Some(fits) = r.remaining().checked_div(per_sample) else {
        // No per-sample fields: every sample has the defaults. The count alone is untrusted,
        // so it is capped, and added up at once rather than sample by sample.
        let count = u64::from(count).min(MAX_DEFAULT_SAMPLES);
        t.samples = t.samples.saturating_add(count);
        t.duration = t.duration.saturating_add(count * u64::from(d.duration));
        // Sizes from the defaults are not counted (see `FragmentTotals::size`).
        let keep = (FIRST_SAMPLES - t.first_samples.len().min(FIRST_SAMPLES)) as u64;
        for _ in 0..count.min(keep) {
            t.first_samples.push((offset, d.size));
            t.first_durations.push(d.duration);
            offset = offset.saturating_add(u64::from(d.size));
        }
        if count > 0 && t.durations_seen.len() < 8 && !t.durations_seen.contains(&d.duration) {
            t.durations_seen.push(d.duration);
        }
        return Some(());
    };
    let count = (count as usize).min(fits);
    for _ in 0..count {
        let duration = if flags & 0x100 != 0 {
            r.u32()?
        } else {
            d.duration
        };
        let size = if flags & 0x200 != 0 { r.u32()? } else { d.size };
        if flags & 0x400 != 0 {
            r.skip(4)?;
        }
        if flags & 0x800 != 0 {
            r.skip(4)?;
        }
        t.samples += 1;
        t.duration = t.duration.saturating_add(u64::from(duration));
        if flags & 0x200 != 0 {
            t.size = t.size.saturating_add(u64::from(size));
        }
        if t.first_samples.len() < FIRST_SAMPLES {
            t.first_samples.push((offset, size));
            t.first_durations.push(duration);
        }
        if t.durations_seen.len() < 8 && !t.durations_seen.contains(&duration) {
            t.durations_seen.push(duration);
        }
        offset = offset.saturating_add(u64::from(size));
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxed(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut b = (8 + body.len() as u32).to_be_bytes().to_vec();
        b.extend_from_slice(kind);
        b.extend_from_slice(body);
        b
    }

    #[test]
    fn runs_samples_and_durations() {
        // tfhd: track 2, default duration 1024 and size 6; a trun of 2 samples with sizes
        // at data offset 100, then one of 3 default samples at offset 300.
        let mut tfhd = vec![0, 0, 0, 0x18];
        tfhd.extend(2u32.to_be_bytes());
        tfhd.extend(1024u32.to_be_bytes());
        tfhd.extend(6u32.to_be_bytes());
        let mut trun1 = vec![0, 0, 0x02, 0x01];
        trun1.extend(2u32.to_be_bytes());
        trun1.extend(100i32.to_be_bytes());
        trun1.extend(10u32.to_be_bytes());
        trun1.extend(20u32.to_be_bytes());
        let mut trun2 = vec![0, 0, 0, 0x01];
        trun2.extend(3u32.to_be_bytes());
        trun2.extend(300i32.to_be_bytes());
        let traf = boxed(
            b"traf",
            &[
                boxed(b"tfhd", &tfhd),
                boxed(b"trun", &trun1),
                boxed(b"trun", &trun2),
            ]
            .concat(),
        );
        let mut totals = Vec::new();
        add_moof(&traf, 1000, |_| TrackDefaults::default(), &mut totals);
        let t = &totals[0];
        assert_eq!(t.track_id, 2);
        assert_eq!(t.first_runs, vec![(1100, 2), (1300, 3)]);
        assert_eq!(
            t.first_samples,
            vec![(1100, 10), (1110, 20), (1300, 6), (1306, 6), (1312, 6)]
        );
        assert_eq!(t.first_durations, vec![1024; 5]);
        assert_eq!(t.duration, 5 * 1024);
    }
}
