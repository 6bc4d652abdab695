//! Timing fields File_Mk derives from the blocks it read: the video frame rate and its mode
//! (from 129 block timestamps), the delay (the first timestamp), and the field order.

use crate::container::mkv::{MkvFile, TrackProps};
use crate::report::Stream;

use super::super::numbers::fixed;
use super::super::side_effects::set_frame_rate;

/// `FieldOrder`: scan type, order and how fields are stored.
pub fn fill_field_order(s: &mut Stream, field_order: Option<u64>) {
    let Some(v) = field_order else { return };
    if matches!(v, 1 | 9 | 6 | 14) {
        s.set("ScanType", "Interlaced");
    }
    match v {
        1 | 9 => s.set("ScanOrder", "TFF"),
        6 | 14 => s.set("ScanOrder", "BFF"),
        _ => {}
    }
    match v {
        1 | 6 => {
            s.set("ScanType_StoreMethod_FieldsPerBlock", "2");
            s.set("ScanType_StoreMethod", "SeparatedFields");
        }
        9 | 14 => s.set("ScanType_StoreMethod", "InterleavedFields"),
        _ => {}
    }
}

/// Frame rate and mode of a video track. `parser_rate` is the codec parser's frame rate,
/// `rate_from_tags` the statistics tags' (0: none).
pub fn fill_frame_rate(
    s: &mut Stream,
    f: &MkvFile,
    p: &TrackProps,
    parser_rate: Option<f32>,
    rate_from_tags: f64,
) {
    let scale = f.info.timestamp_scale;
    let default_duration = p.default_duration;
    let mut vfr = false;
    let mut rely_on_parser = false;
    if p.blocks.durations.len() > 2 {
        vfr = true;
    } else if p.blocks.timecodes.len() > 1 {
        let mut ts = p.blocks.timecodes.clone();
        ts.sort_unstable();
        let mut between: Vec<i64> = ts
            .windows(2)
            .map(|w| w[1].wrapping_sub(w[0]) as i64)
            .filter(|&d| d != 0)
            .collect();
        if between.len() >= 60 + 32 {
            between.truncate(between.len() - 16);
        }
        between.sort_unstable();
        if between.len() > 2 {
            // Three equal values in a row from the top: what lies above are missing frames.
            let mut i = between.len() - 1;
            let mut previous = between[i];
            loop {
                i -= 1;
                if between[i] == previous && between[i - 1] == previous {
                    break;
                }
                previous = between[i];
                if i <= 2 {
                    break;
                }
            }
            if i > between.len() / 2 {
                between.truncate(i + 2);
            }
        }
        if between.len() >= 40 {
            between.truncate(between.len() - between.len() / 10);
        } else if between.len() >= 7 {
            between.truncate(between.len() - 4);
        }
        let n = between.len();
        if n > 2
            && (between[0] as f64) * 0.9 < between[n - 1] as f64
            && (between[0] as f64) * 1.1 > between[n - 1] as f64
            && scale != 0
        {
            let mut time = 0f32;
            for &b in &between {
                time += b as f32;
            }
            time /= n as f32;
            if default_duration != 0 {
                let dd = (default_duration / scale) as f64;
                if f64::from(time) >= dd * 0.95 && f64::from(time) <= dd * 1.05 {
                    time = default_duration as f32 / scale as f32;
                }
            }
            if time != 0.0 {
                let mut rate = 1_000_000_000f32 / time / scale as f32;
                if let Some(parser) = parser_rate.filter(|&r| r != 0.0) {
                    if parser * 2.0 > rate * 0.9 && parser * 2.0 < rate * 1.1 {
                        rate /= 2.0;
                    }
                    if parser > rate * 0.99 && parser < rate * 1.01 {
                        rely_on_parser = true;
                    }
                }
                if rate_from_tags != 0.0 {
                    let tolerance = rate_from_tags * (scale as f64 * 0.000_000_001_002_1);
                    let r = f64::from(rate);
                    if r < rate_from_tags - tolerance || r > rate_from_tags + tolerance {
                        vfr = true;
                    }
                } else if !rely_on_parser {
                    set_frame_rate(s, f64::from(rate));
                }
            }
        } else if n > 2 {
            vfr = true;
        }
    }
    if !vfr
        && !rely_on_parser
        && !s.has("FrameRate")
        && default_duration != 0
        && ![32_999_999, 41_999_998, 41_999_999].contains(&default_duration)
    {
        let rate = 1_000_000_000f32 / default_duration as f32;
        set_frame_rate(s, f64::from(rate));
    }
    s.set("FrameRate_Mode", if vfr { "VFR" } else { "CFR" });
}

/// The first block's timestamp is the track's delay; without statistics tags a duration
/// (running to the end of the last frame) loses it, keeping its decimals.
pub fn fill_delay(s: &mut Stream, f: &MkvFile, p: &TrackProps, has_stats: bool, _videos: usize) {
    let scale = f.info.timestamp_scale;
    let Some(start) = p.blocks.timecode_start else {
        return;
    };
    if scale == 0 {
        return;
    }
    let delay = start as f64 * scale as f64 / 1_000_000.0;
    s.set("Delay", fixed(delay, 0));
    s.set("Delay_Source", "Container");
    let Some(d) = s.get("Duration").map(str::to_string) else {
        return;
    };
    let value: f64 = d.parse().unwrap_or(0.0);
    if !has_stats && value != 0.0 && value >= delay {
        let decimals = d.find('.').map_or(0, |p| d.len() - p - 1);
        s.set("Duration", fixed(value - delay, decimals));
    }
}
