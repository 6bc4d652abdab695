//! The decoding time and duration File_Mpeg4 hands a codec parser with each sample (its
//! `FrameInfo.DTS` and `DUR`), which the parser's conformance notes print.
//!
//! File_Mpeg4 takes the time from the time-to-sample table (`stts`, then each `trun`'s
//! durations appended), in nanoseconds, and moves it by the edit list only in its two simple
//! shapes: one edit spanning the track (the media time is taken away; a sample before it is
//! put at 0), or an empty edit then one edit (the empty one's length is added, the second's
//! media time taken away). It mixes timescales there as MediaInfo does: the edit's media time
//! is divided by the movie's timescale.

use crate::container::mp4::movie::Track;

/// The times of a track's first samples.
#[derive(Clone, Debug, Default)]
pub struct FrameTimes {
    /// Each sample's decoding time and duration, in media timescale units.
    samples: Vec<(u64, u32)>,
    media_timescale: u32,
    movie_timescale: u32,
    /// The edit list's shift, in media time units read as movie time units (MediaInfo's
    /// `Delay`), when it has one of the shapes File_Mpeg4 follows.
    delay: Option<i64>,
}

impl FrameTimes {
    /// The times of the first `count` samples of `track`, whose fragments' sample durations
    /// (after the movie's samples) are `fragment_durations`.
    pub fn new(
        track: &Track,
        fragment_durations: &[u32],
        movie_timescale: u32,
        count: usize,
    ) -> Self {
        let durations = track
            .samples
            .time_to_sample
            .iter()
            .flat_map(|&(n, d)| std::iter::repeat_n(d, n as usize))
            .chain(fragment_durations.iter().copied())
            .take(count);
        let mut dts = 0u64;
        let samples = durations
            .map(|d| {
                let at = dts;
                dts = dts.wrapping_add(u64::from(d));
                (at, d)
            })
            .collect();
        FrameTimes {
            samples,
            media_timescale: track.media.timescale,
            movie_timescale,
            delay: edit_delay(track, movie_timescale),
        }
    }

    /// Sample `index`'s decoding time and duration in nanoseconds (`None` past the table or
    /// without a media timescale: MediaInfo then has no time).
    pub fn get(&self, index: usize) -> Option<(i64, i64)> {
        let &(at, duration) = self.samples.get(index)?;
        let ts = u128::from(self.media_timescale);
        if ts == 0 {
            return None;
        }
        let mut dts = (u128::from(at) * 1_000_000_000 / ts) as i64;
        let dur = (u128::from(duration) * 1_000_000_000 / ts) as i64;
        if let Some(delay) = self.delay {
            if self.movie_timescale > 0 && -i128::from(delay) < i128::from(at as i64) {
                let shift = i128::from(delay) * 1_000_000_000 / i128::from(self.movie_timescale);
                dts = dts.wrapping_add(shift as i64);
            } else {
                dts = 0;
            }
        }
        Some((dts, dur))
    }
}

/// MediaInfo's edit list `Delay`: `Some` for any edit list (0 when its shape is not followed
/// or there is no movie timescale), `None` without one.
fn edit_delay(track: &Track, movie_timescale: u32) -> Option<i64> {
    if track.edits.is_empty() {
        return None;
    }
    // Media times as File_Mpeg4 stores them (a version 0 `elst`'s -1 is 0xFFFFFFFF).
    let media_time = |t: i64| if t < 0 { i64::from(t as u32) } else { t };
    let delay = match track.edits.as_slice() {
        [(d, t, rate)] if *d == track.header.duration && *rate == 1.0 && movie_timescale > 0 => {
            -media_time(*t)
        }
        [(d0, t0, r0), (d1, t1, r1)]
            if *t0 == -1
                && d0.checked_add(*d1) == Some(track.header.duration)
                && *r0 == 1.0
                && *r1 == 1.0
                && movie_timescale > 0 =>
        {
            (*d0 as i64).wrapping_sub(media_time(*t1))
        }
        _ => 0,
    };
    Some(delay)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn track(stts: &[(u32, u32)], edits: &[(u64, i64, f64)], duration: u64) -> Track {
        let mut t = Track::default();
        t.samples.time_to_sample = stts.to_vec();
        t.edits = edits.to_vec();
        t.header.duration = duration;
        t.media.timescale = 12288;
        t
    }

    #[test]
    fn edit_before_the_sample_puts_it_at_zero() {
        // One edit over the whole track starting at media time 1024: samples at or before it
        // are at 0, later ones are moved (by 1024 movie units of 1/1000 s).
        let t = track(&[(10, 512)], &[(417, 1024, 1.0)], 417);
        let times = FrameTimes::new(&t, &[], 1000, 10);
        assert_eq!(times.get(0), Some((0, 41_666_666)));
        assert_eq!(times.get(2), Some((0, 41_666_666)));
        assert_eq!(times.get(3).map(|t| t.0), Some(125_000_000 - 1_024_000_000));
        assert_eq!(times.get(10), None);
    }

    #[test]
    fn fragments_follow_the_movie() {
        let t = track(&[], &[], 0);
        let times = FrameTimes::new(&t, &[1001; 30], 1000, 30);
        assert_eq!(
            times.get(29).map(|t| t.0),
            Some(29 * 1001 * 1_000_000_000 / 12288)
        );
    }
}
