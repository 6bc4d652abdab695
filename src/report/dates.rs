//! Dates as MediaInfo prints them: `2014-02-12 06:02:33 UTC`.

/// Seconds between 1904-01-01 (QuickTime's epoch) and 1970-01-01.
const SECONDS_1904_TO_1970: u64 = 2_082_844_800;

/// A QuickTime/ISO timestamp (seconds since 1904), or `None` when unset (0).
pub fn from_1904(seconds: u64) -> Option<String> {
    if seconds == 0 {
        return None;
    }
    let unix = i64::try_from(seconds).ok()? - SECONDS_1904_TO_1970 as i64;
    from_unix(unix)
}

/// Seconds since 1970 as `YYYY-MM-DD HH:MM:SS UTC`.
pub fn from_unix(seconds: i64) -> Option<String> {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    if !(0..=9999).contains(&y) {
        return None;
    }
    Some(format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    ))
}

/// Milliseconds as `HH:MM:SS.mmm` (MediaInfo's `Duration_From_Milliseconds`).
pub fn milliseconds_text(ms: u64) -> String {
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    #[test]
    fn quicktime_epoch() {
        // 2014-02-12 06:02:33 UTC
        assert_eq!(
            super::from_unix(1_392_184_953).as_deref(),
            Some("2014-02-12 06:02:33 UTC")
        );
        assert_eq!(super::from_1904(0), None);
    }
}
