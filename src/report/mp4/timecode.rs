//! QuickTime time code tracks: what File_Mpeg4 reads of a `tmcd` entry, what its
//! File_Mpeg4_TimeCode parser makes of the first sample (the first frame's time code, the
//! frame count, the last frame's time code and the delay it gives), and the fields
//! TimeCode_Associate puts on the streams the time code is for.

use crate::container::mp4::movie::Movie;
use crate::container::mp4::sample_entry::TimeCodeFields;
use crate::container::mp4::samples;
use crate::report::numbers::rounded;
use crate::report::strings::duration;
use crate::report::{Stream, StreamKind};
use crate::source::Source;

/// A time code track as File_Mpeg4_TimeCode sees it.
#[derive(Clone, Debug)]
pub struct TimeCode {
    /// The track's index in the movie.
    pub track_index: usize,
    fields: TimeCodeFields,
    /// Frames per second of the time code (the entry's, or derived from its frame rate).
    frames: u8,
    /// Time code frames per entry frame (above 1 for 50/60 fps counted as 25/30).
    multiplier: u64,
    /// The time code's frame rate, drop frames accounted for.
    rate: f64,
    /// Frames the first edit skips, and its length in time code frames.
    first_edit_offset: i64,
    first_edit_duration: Option<u64>,
    /// The first sample's frame number (with the edit offset); None when it could not be read.
    first: Option<i64>,
    /// Samples in the track.
    sample_count: u32,
    /// Track duration (movie timescale, rescaled as mdhd does), movie timescale, media
    /// duration and timescale.
    tkhd_duration: u64,
    mvhd_timescale: u64,
    mdhd_duration: u64,
    mdhd_timescale: u64,
}

impl TimeCode {
    /// The time code of a track whose first sample description is `tmcd`, its first sample
    /// read from `src`.
    pub fn read(
        movie: &Movie,
        track_index: usize,
        tkhd_duration: u64,
        src: &dyn Source,
    ) -> Option<Self> {
        let track = movie.tracks.get(track_index)?;
        let mut fields = track.entries.first()?.timecode?;
        // "Bug in one file".
        if fields.timescale == 25 && fields.frame_duration == 100 {
            fields.timescale = 2500;
        }
        let mut frames = fields.frames;
        let multiplier = if fields.frame_duration > 0 && frames > 0 {
            (u64::from(fields.timescale) + u64::from(fields.frame_duration / 2))
                / u64::from(fields.frame_duration)
                / u64::from(frames)
        } else {
            1
        };
        let rate = if fields.timescale > 0 && fields.frame_duration > 0 {
            let rate = f64::from(fields.timescale) / f64::from(fields.frame_duration);
            if frames == 0 {
                frames = (rate.round() as u64 / multiplier.max(1)) as u8;
            }
            rate
        } else {
            let mut rate = f64::from(frames);
            if fields.drop_frame {
                let mut to_remove = 0;
                let mut covered = 0;
                while frames > covered {
                    to_remove += 108;
                    covered += 30;
                }
                let per_hour = rate * 3600.0;
                rate *= (per_hour - f64::from(to_remove)) / per_hour;
            }
            rate
        };

        // The first edit that is not empty offsets the time code (in time code frames).
        let media_timescale = track.media.timescale;
        let frame_in_media = i64::from(fields.frame_duration.wrapping_mul(media_timescale));
        let mut first_edit_offset = 0i64;
        let mut first_edit_duration = None;
        if frame_in_media > 0
            && let Some(&(duration, media_time, _)) =
                track.edits.iter().find(|e| e.1 as u32 != u32::MAX)
        {
            let media_time = media_time as u64;
            first_edit_offset = (media_time.wrapping_mul(u64::from(fields.timescale))
                / frame_in_media as u64) as i64;
            first_edit_duration =
                Some(duration.wrapping_mul(u64::from(fields.timescale)) / frame_in_media as u64);
        }

        let mut first = None;
        let positions = track.samples.first_samples(1);
        samples::for_each_sample(src, &positions, |sample| {
            if let Some(b) = sample.get(..4) {
                let value = u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
                let value = if fields.negative_times {
                    i64::from(value as i32)
                } else {
                    i64::from(value)
                };
                first = Some(value.saturating_add(first_edit_offset));
            }
            false
        });
        Some(TimeCode {
            track_index,
            fields,
            frames,
            multiplier,
            rate,
            first_edit_offset,
            first_edit_duration,
            first,
            sample_count: track.samples.sample_count,
            tkhd_duration,
            mvhd_timescale: u64::from(movie.header.timescale),
            mdhd_duration: track.media.duration,
            mdhd_timescale: u64::from(media_timescale),
        })
    }

    /// The delay (ms) the first frame's time code stands for; None without a frame rate.
    fn delay(&self) -> Option<String> {
        let first = self.first.filter(|_| self.rate > 0.0)?;
        // File_Mpeg4_TimeCode multiplies in unsigned 64-bit: a negative time wraps.
        let ms = (first as u64)
            .wrapping_mul(self.multiplier)
            .wrapping_mul(1000);
        Some(rounded(ms as f64 / self.rate, 0))
    }

    /// The time code `frames` frames of the time code's full rate (the entry's frames per
    /// second times the multiplier) after midnight.
    fn timecode_at(&self, frames: i64) -> Option<String> {
        if self.frames == 0 {
            return None;
        }
        let fps = u64::from(self.frames).saturating_mul(self.multiplier.max(1));
        duration::timecode(frames, u32::try_from(fps).ok()?, self.fields.drop_frame)
    }

    /// A sample's frame number in frames of the full rate.
    fn full_rate(&self, sample_frame: i64) -> i64 {
        sample_frame.saturating_mul(i64::try_from(self.multiplier.max(1)).unwrap_or(i64::MAX))
    }

    /// The Other stream's fields from File_Mpeg4_TimeCode: first frame's time code, frame
    /// count, whether the time code is stripped (one sample) and the last frame's time code.
    pub fn fill_other(&self, s: &mut Stream) {
        let Some(first) = self.first else { return };
        let first = self.full_rate(first);
        let Some(first_tc) = self.timecode_at(first) else {
            return;
        };
        s.set("TimeCode_FirstFrame", first_tc);
        let m = self.multiplier as f64;
        let frame_count = |seconds: f64| {
            let f = seconds * self.rate * m;
            let n = f.round() as i64;
            if f - n as f64 > 0.01 { n + 1 } else { n }
        };
        let count = if u64::from(self.frames) == self.mdhd_timescale {
            match self.first_edit_duration {
                Some(d) if self.mvhd_timescale > 0 => {
                    frame_count(d as f64 / self.mvhd_timescale as f64)
                }
                Some(_) => 0,
                None => (self.mdhd_duration as i64).saturating_sub(self.first_edit_offset),
            }
        } else if self.mvhd_timescale > 0 {
            frame_count(self.tkhd_duration as f64 / self.mvhd_timescale as f64)
        } else {
            0
        };
        if count != 0 {
            s.set("FrameCount", count.to_string());
        }
        // Only a single-sample track is read whole: more samples need the parser's walk over
        // them (discontinuities, last sample's duration), not done here.
        if self.sample_count == 1 {
            s.set("TimeCode_Stripped", "Yes");
            if count != 0
                && let Some(last) = self.timecode_at(first.saturating_add(count - 1))
            {
                s.set("TimeCode_LastFrame", last);
            }
        }
    }
}

/// What TimeCode_Associate gives a stream: the time code's delay and settings.
#[derive(Clone, Debug)]
pub struct Association {
    delay: Option<String>,
    drop_frame: bool,
    h24: bool,
    is_visual: bool,
}

impl Association {
    /// Fills the stream as TimeCode_Associate does (every field without replacement).
    pub fn apply(&self, s: &mut Stream) {
        let yes_no = |b: bool| if b { "Yes" } else { "No" };
        if s.kind() == StreamKind::Video {
            s.append(
                "Delay_Settings",
                &format!("DropFrame={}", yes_no(self.drop_frame)),
            );
            s.append("Delay_Settings", &format!("24HourMax={}", yes_no(self.h24)));
            s.append(
                "Delay_Settings",
                &format!("IsVisual={}", yes_no(self.is_visual)),
            );
        }
        if s.kind() != StreamKind::Other {
            if let Some(d) = &self.delay {
                s.append("Delay", d);
            }
            s.append("Delay_DropFrame", yes_no(self.drop_frame));
            s.append("Delay_Source", "Container");
        }
    }
}

/// The IDs File_Mpeg4 keeps its tracks by: a track reusing an earlier track's ID gets the
/// first free one from 2^31 up.
pub fn internal_ids(movie: &Movie) -> Vec<u32> {
    let mut ids: Vec<u32> = Vec::with_capacity(movie.tracks.len());
    for t in &movie.tracks {
        let mut id = t.header.id;
        if ids.contains(&id) {
            id = (1u32 << 31..u32::MAX)
                .find(|i| !ids.contains(i))
                .unwrap_or(u32::MAX);
        }
        ids.push(id);
    }
    ids
}

/// TimeCode_Associate for every time code track, in track ID order: the associations each
/// track gets, by track index. `kinds` is every track's stream kind (None: no stream).
pub fn associate(
    movie: &Movie,
    kinds: &[Option<StreamKind>],
    timecodes: &[TimeCode],
) -> Vec<(usize, Association)> {
    // Tracks by ID (File_Mpeg4's map), with the time code track their tref names.
    let ids = internal_ids(movie);
    let mut tracks: Vec<(u32, usize, Option<StreamKind>, Option<u32>)> = movie
        .tracks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let tc = t
                .references
                .iter()
                .rev()
                .filter(|(k, _)| k == &b"tmcd")
                .find_map(|(_, ids)| ids.first().copied());
            (ids[i], i, kinds.get(i).copied().flatten(), tc)
        })
        .collect();
    tracks.sort_by_key(|t| t.0);
    let mut by_id: Vec<(u32, &TimeCode)> = timecodes
        .iter()
        .map(|tc| (ids[tc.track_index], tc))
        .collect();
    by_id.sort_by_key(|t| t.0);

    let mut out = Vec::new();
    for (tc_id, tc) in by_id {
        // One referring track: the time code is for every track.
        let referring: Vec<u32> = tracks.iter().filter_map(|t| t.3).collect();
        if referring.len() == 1 {
            for t in tracks.iter_mut() {
                t.3 = Some(referring[0]);
            }
        }
        let general = !tracks.iter().any(|t| t.3 == Some(tc_id));
        let association = Association {
            delay: tc.delay(),
            drop_frame: tc.fields.drop_frame,
            h24: tc.fields.h24,
            is_visual: movie.tracks[tc.track_index].timecode_is_visual,
        };
        for &(_, index, kind, refers_to) in &tracks {
            if kind.is_some() && (general || refers_to == Some(tc_id)) {
                out.push((index, association.clone()));
            }
        }
    }
    out
}
