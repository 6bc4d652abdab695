//! Durations in milliseconds as MediaInfo writes them: "1 h 2 min", "10 s 7 ms",
//! "00:00:10.007", and SMPTE-like time codes "00:00:10:00" / "00:30:09;20" (drop frame).

use std::fmt::Write;

use super::english::translate;

/// The three spellings of a duration of `ms` milliseconds:
/// (`/String1` every unit, `/String2` the two largest, `/String3` HH:MM:SS.mmm), and the hours.
pub struct Spelled {
    pub full: String,
    pub short: String,
    pub clock: String,
    pub hours: u64,
}

/// Spells `ms` (may be negative).
pub fn spell(ms: i64) -> Spelled {
    let negative = ms < 0;
    let mut rest = ms.unsigned_abs();
    let sign = if negative { "-" } else { "" };
    let mut full = String::with_capacity(24);
    let mut short = String::with_capacity(16);
    let mut clock = String::with_capacity(16);
    full.push_str(sign);
    short.push_str(sign);
    clock.push_str(sign);

    // Writing to a String cannot fail.
    let push = |s: &mut String, n: u64, unit: &str| {
        if s.len() > sign.len() {
            s.push(' ');
        }
        let _ = write!(s, "{n}{}", translate(unit).unwrap_or(unit));
    };
    // The short form's length without the sign (MediaInfo tests it before the sign is added).
    let short_len = |s: &String| s.len() - sign.len();

    let hours = rest / 3_600_000;
    if hours > 0 {
        push(&mut full, hours, "h");
        push(&mut short, hours, "h");
        let _ = write!(clock, "{hours:02}:");
        rest -= hours * 3_600_000;
    } else {
        clock.push_str("00:");
    }

    let minutes = rest / 60_000;
    if minutes > 0 || hours > 0 {
        push(&mut full, minutes, "mn");
        if short_len(&short) < 5 {
            push(&mut short, minutes, "mn");
        }
        let _ = write!(clock, "{minutes:02}:");
        rest -= minutes * 60_000;
    } else {
        clock.push_str("00:");
    }

    let seconds = rest / 1000;
    if seconds > 0 || minutes > 0 || hours > 0 {
        push(&mut full, seconds, "s");
        if hours == 0 {
            push(&mut short, seconds, "s");
        }
        let _ = write!(clock, "{seconds:02}.");
        rest -= seconds * 1000;
    } else {
        clock.push_str("00.");
    }

    if rest > 0 || seconds > 0 || minutes > 0 || hours > 0 {
        push(&mut full, rest, "ms");
        if hours == 0 && minutes == 0 {
            push(&mut short, rest, "ms");
        }
    }
    let _ = write!(clock, "{rest:03}");

    Spelled {
        full,
        short,
        clock,
        hours,
    }
}

/// The time code of frame number `frames` at `fps` whole frames per second (HH:MM:SS:FF, with
/// `;` before the frames and the SMPTE frame numbers skipped when `drop_frame`). None when
/// the hours do not fit.
pub fn timecode(frames: i64, fps: u32, drop_frame: bool) -> Option<String> {
    let negative = frames < 0;
    let mut frames = frames.unsigned_abs();
    let rate = u64::from(fps.max(1));
    let frames_max = rate - 1;
    let dropped = if drop_frame { 1 + frames_max / 30 } else { 0 };
    let (dropped2, dropped18) = (dropped * 2, dropped * 18);

    let ten_minutes = (600 * rate).checked_sub(dropped18).filter(|&d| d > 0)?;
    let one_minute = (60 * rate).checked_sub(dropped2).filter(|&d| d > 0)?;
    let tens = frames / ten_minutes;
    let units = (frames - tens * ten_minutes) / one_minute;
    frames = frames.saturating_add(dropped18 * tens + dropped2 * units);
    if units != 0 && (frames / rate).is_multiple_of(60) && frames % rate < dropped2 {
        frames -= dropped2;
    }

    let hours = frames / (rate * 3600);
    if hours > u64::from(u32::MAX) {
        return None;
    }
    let total_seconds = frames / rate;
    let mut tc = format!("{hours:02}");
    if negative {
        tc.insert(0, '-');
    }
    tc.push_str(&format!(
        ":{:02}:{:02}",
        (total_seconds / 60) % 60,
        total_seconds % 60
    ));
    if frames_max == 0 {
        return Some(tc);
    }
    tc.push(if drop_frame { ';' } else { ':' });
    let width = frames_max.to_string().len().max(2);
    tc.push_str(&format!("{:0width$}", frames % rate));
    Some(tc)
}

/// MediaInfo's snapping of a measured frame rate to the well-known one it is close to.
pub fn well_known_frame_rate(fps: f64) -> f64 {
    const SNAPS: [(f64, f64, f64); 15] = [
        (9.990, 10.010, 10.000),
        (11.984, 11.994, 11.988),
        (11.994, 12.010, 12.000),
        (14.980, 14.990, 14.985),
        (14.990, 15.010, 15.000),
        (23.952, 23.988, 23.976),
        (23.988, 24.024, 24.000),
        (24.975, 25.025, 25.000),
        (29.940, 29.985, 29.970),
        (29.970, 30.030, 30.000),
        (23.952 * 2.0, 23.988 * 2.0, 23.976 * 2.0),
        (23.988 * 2.0, 24.024 * 2.0, 24.000 * 2.0),
        (24.975 * 2.0, 25.025 * 2.0, 25.000 * 2.0),
        (29.940 * 2.0, 29.985 * 2.0, 29.970 * 2.0),
        (29.970 * 2.0, 30.030 * 2.0, 30.000 * 2.0),
    ];
    let snapped = SNAPS
        .iter()
        .find(|(lo, hi, _)| fps > *lo && fps <= *hi)
        .map_or(fps, |s| s.2);
    if (snapped - fps).abs() >= 0.000999999 {
        snapped
    } else {
        fps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spells_durations() {
        let d = spell(10_007);
        assert_eq!(
            (d.full.as_str(), d.short.as_str()),
            ("10 s 7 ms", "10 s 7 ms")
        );
        assert_eq!(d.clock, "00:00:10.007");
        let d = spell(3_723_456);
        assert_eq!(d.full, "1 h 2 min 3 s 456 ms");
        assert_eq!(d.short, "1 h 2 min");
        assert_eq!(d.clock, "01:02:03.456");
        let d = spell(125_000);
        assert_eq!(d.short, "2 min 5 s");
        assert_eq!(spell(0).clock, "00:00:00.000");
        assert_eq!(spell(0).full, "");
        let d = spell(-40);
        assert_eq!(
            (d.full.as_str(), d.clock.as_str()),
            ("-40 ms", "-00:00:00.040")
        );
        assert_eq!(spell(360_000_000).short, "100 h");
    }

    #[test]
    fn time_codes() {
        assert_eq!(timecode(250, 25, false).unwrap(), "00:00:10:00");
        // 29.97 drop frame: 1800 frames is 00:01:00;02.
        assert_eq!(timecode(1800, 30, true).unwrap(), "00:01:00;02");
        assert_eq!(timecode(54_250, 30, true).unwrap(), "00:30:10;04");
        // 59.94 drops 4 frame numbers per minute.
        assert_eq!(timecode(3600, 60, true).unwrap(), "00:01:00;04");
        assert_eq!(timecode(86_400 * 24 + 5, 24, false).unwrap(), "24:00:00:05");
        assert_eq!(timecode(3, 1, false).unwrap(), "00:00:03");
    }
}
