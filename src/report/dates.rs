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

/// General fields whose values MediaInfo reshapes as dates when they are filled.
pub const GENERAL_DATE_FIELDS: [&str; 17] = [
    "Duration_Start",
    "Duration_End",
    "Released_Date",
    "Original/Released_Date",
    "Recorded_Date",
    "Encoded_Date",
    "Tagged_Date",
    "Written_Date",
    "Mastered_Date",
    "Encoded_Library_Date",
    "File_Created_Date",
    "File_Created_Date_Local",
    "File_Modified_Date",
    "File_Modified_Date_Local",
    "Added_Date",
    "Played_First_Date",
    "Played_Last_Date",
];

/// MediaInfo's `DateTime_Adapt` for ISO 8601 text: `YYYY[-MM[-DD[(T| )hh:mm:ss[.f][Z|±hh[:mm]]]]]`
/// with `T` printed as a space, `Z` and `+00:00` as a ` UTC` suffix (a `UTC ` prefix too).
/// `None` when the text is not such a date or is already in that shape.
pub fn adapt(value: &str) -> Option<String> {
    let (mut v, mut utc) = match value.strip_prefix("UTC ") {
        Some(rest) => (rest.as_bytes().to_vec(), true),
        None => (value.as_bytes().to_vec(), false),
    };
    let digit = |v: &[u8], i: usize| v.get(i).is_some_and(u8::is_ascii_digit);
    let done = |v: Vec<u8>, utc: bool| {
        let mut out = String::from_utf8(v).ok()?;
        if utc {
            out.push_str(" UTC");
        }
        (out != value).then_some(out)
    };
    if !(0..4).all(|i| digit(&v, i)) || v.get(4).is_some_and(|&c| c != b'-') {
        return None;
    }
    for (len, sep) in [(4, None), (7, Some(4)), (10, Some(7))] {
        if v.len() == len {
            return done(v, utc);
        }
        if let Some(at) = sep
            && (v.len() <= at + 2 || v[at] != b'-' || !digit(&v, at + 1) || !digit(&v, at + 2))
        {
            return None;
        }
    }
    if v.len() <= 11 {
        return None;
    }
    if v[10] == b'T' {
        v[10] = b' ';
    }
    if v[10] == b',' && v[11] == b' ' {
        v.remove(10);
    }
    let time_ok = v.len() > 18
        && digit(&v, 11)
        && digit(&v, 12)
        && v[13] == b':'
        && digit(&v, 14)
        && digit(&v, 15)
        && v[16] == b':'
        && digit(&v, 17)
        && digit(&v, 18);
    if !time_ok {
        return None;
    }
    let mut i = 19;
    if v.get(i) == Some(&b'.') {
        i += 1;
        while digit(&v, i) {
            i += 1;
        }
    }
    if v.len() == i {
        return done(v, utc);
    }
    if v[i] == b'Z' {
        if v.len() != i + 1 {
            return None;
        }
        v.pop();
        return done(v, true);
    }
    if v.len() <= i + 2 || !matches!(v[i], b'+' | b'-') || !digit(&v, i + 1) || !digit(&v, i + 2) {
        return None;
    }
    if v.len() == i + 3 {
        return done(v, utc);
    }
    if v.len() != i + 6 || v[i + 3] != b':' || !digit(&v, i + 4) || !digit(&v, i + 5) {
        return None;
    }
    if &v[i + 1..i + 3] == b"00" && &v[i + 4..i + 6] == b"00" {
        v.truncate(i);
        utc = true;
    }
    done(v, utc)
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

    #[test]
    fn adapts_iso_dates() {
        use super::adapt;
        assert_eq!(
            adapt("2021-05-16T19:27:55Z").as_deref(),
            Some("2021-05-16 19:27:55 UTC")
        );
        assert_eq!(adapt("2020-11-20T15:04:02+0100"), None);
        assert_eq!(
            adapt("2020-11-20T15:04:02+00:00").as_deref(),
            Some("2020-11-20 15:04:02 UTC")
        );
        assert_eq!(adapt("UTC 2019").as_deref(), Some("2019 UTC"));
        assert_eq!(adapt("2014-02-12 06:02:33 UTC"), None);
        assert_eq!(adapt("2019"), None);
    }
}
