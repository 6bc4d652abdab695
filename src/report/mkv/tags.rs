//! A track's tags as File_Mk's `Streams_Finish` reads them: statistics tags (trusted when
//! written after the segment's date, otherwise kept as `FromStats_*`), the frame rate they
//! imply, ffmpeg's `DURATION`, then every other tag in name order.

use std::collections::BTreeMap;

use crate::report::{Stream, StreamKind};

use super::super::numbers::fixed;

/// What the statistics tags told the rest of `Streams_Finish`.
#[derive(Clone, Copy, Debug, Default)]
pub struct TagOutcome {
    /// `_STATISTICS_TAGS` was present.
    pub has_stats: bool,
    /// Frame count over duration from trusted statistics (0: none).
    pub frame_rate: f64,
}

/// Fills the tags of one track (`tags`: MediaInfo's name → value map for its UID).
pub fn fill_track_tags(
    s: &mut Stream,
    tags: &BTreeMap<String, String>,
    general: &Stream,
    default_duration: u64,
) -> TagOutcome {
    let mut items = tags.clone();
    let mut out = TagOutcome::default();
    if let Some(list) = items.remove("_STATISTICS_TAGS") {
        out.has_stats = true;
        let segment_date = general
            .get("Encoded_Date")
            .unwrap_or("")
            .replace(" UTC", "");
        let segment_date = segment_date.split(" / ").next().unwrap_or("").to_string();
        let app = items.remove("_STATISTICS_WRITING_APP").unwrap_or_default();
        let written = items
            .remove("_STATISTICS_WRITING_DATE_UTC")
            .unwrap_or_default();
        let verified = written >= segment_date;
        if !verified {
            s.set(
                "Statistics Tags Issue",
                format!(
                    "{app} {written} / {} {segment_date}",
                    general.get("Encoded_Application").unwrap_or("")
                ),
            );
        }
        let mut duration = 0.0;
        let mut frame_count = 0.0;
        for name in list.split([' ', '\0']).filter(|n| !n.is_empty()) {
            let Some(value) = items.remove(name) else {
                continue;
            };
            let field = match name {
                "BPS" => "BitRate",
                "DURATION" => "Duration",
                "NUMBER_OF_FRAMES" => "FrameCount",
                "NUMBER_OF_BYTES" => "StreamSize",
                "NUMBER_OF_BYTES_UNCOMPRESSED" => {
                    if verified {
                        "StreamSize_Demuxed"
                    } else {
                        "Stream Size (Uncompressed)"
                    }
                }
                "SOURCE_ID" => {
                    if verified {
                        items.insert("OriginalSourceMedium_ID".into(), source_id(&value, false));
                        items.insert(
                            "OriginalSourceMedium_ID/String".into(),
                            source_id(&value, true),
                        );
                        items.insert("OriginalSourceMedium".into(), source_medium(&value).into());
                        continue;
                    }
                    "OriginalSourceMedium_ID"
                }
                other => other,
            };
            if !verified {
                items.insert(format!("FromStats_{field}"), value);
                continue;
            }
            match name {
                "DURATION" => {
                    let (seconds, decimals) = hms_seconds(&value);
                    duration = seconds;
                    items.insert("Duration".into(), fixed(seconds * 1000.0, decimals));
                }
                "NUMBER_OF_FRAMES" => {
                    frame_count = value.trim().parse::<f64>().unwrap_or(0.0);
                    if s.kind() == StreamKind::Text {
                        let format = s.get("Format").unwrap_or("");
                        if !format.contains("608") && !format.contains("708") {
                            items.insert("ElementCount".into(), value.clone());
                        }
                    }
                    items.insert("FrameCount".into(), value);
                }
                "BPS" | "NUMBER_OF_BYTES" | "NUMBER_OF_BYTES_UNCOMPRESSED" => {
                    items.insert(field.into(), value);
                }
                _ => {
                    items.insert(format!("FromStats_{field}"), value);
                }
            }
        }
        if duration != 0.0 && frame_count != 0.0 {
            out.frame_rate = statistics_frame_rate(frame_count, duration, default_duration);
            super::super::side_effects::set_frame_rate(s, out.frame_rate);
        }
    }
    for (name, value) in &items {
        if !out.has_stats
            && name == "DURATION"
            && let Some(ms) = strict_duration_ms(value)
        {
            s.set("Duration", ms);
            continue;
        }
        if name == "Language" && s.has("Language") {
            continue;
        }
        if value.is_empty() {
            continue;
        }
        let value = match s.get(name) {
            Some(old) if !old.is_empty() => format!("{old} / {value}"),
            _ => value.clone(),
        };
        s.set(name, value);
    }
    out
}

/// `HH:MM:SS.nnnnnnnnn` read leniently (MediaInfo's statistics duration): seconds, and the
/// decimals to keep past the millisecond.
fn hms_seconds(value: &str) -> (f64, usize) {
    let parts: Vec<&str> = value.split(':').collect();
    let num = |s: &str| parse_leading_f64(s);
    let mut seconds = 0.0;
    let mut decimals = 0;
    if let Some(h) = parts.first() {
        seconds += num(h) * 3600.0;
    }
    if let Some(m) = parts.get(1) {
        seconds += num(m) * 60.0;
    }
    if let Some(sec) = parts.get(2) {
        seconds += num(sec);
        if sec.len() > 6 {
            decimals = sec.len() - 6;
        }
    }
    (seconds, decimals)
}

/// The number at the start of `s` (`To_float64`: trailing garbage ignored, 0 when none).
fn parse_leading_f64(s: &str) -> f64 {
    let end = s
        .char_indices()
        .take_while(|&(i, c)| c.is_ascii_digit() || c == '.' || (i == 0 && (c == '-' || c == '+')))
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0);
    s[..end].parse().unwrap_or(0.0)
}

/// ffmpeg's `DURATION` tag without statistics: only the strict `HH:MM:SS.fraction` form, in
/// milliseconds with as many decimals as digits past the millisecond.
fn strict_duration_ms(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let digit = |i: usize| b[i].is_ascii_digit();
    if b.len() < 12
        || !(digit(0) && digit(1) && b[2] == b':' && digit(3) && digit(4) && b[5] == b':')
        || !(digit(6) && digit(7) && b[8] == b'.')
        || !b[9..].iter().all(u8::is_ascii_digit)
    {
        return None;
    }
    let d = |i: usize| f64::from(b[i] - b'0');
    let mut seconds = d(0) * 36000.0 + d(1) * 3600.0 + d(3) * 600.0 + d(4) * 60.0;
    seconds += d(6) * 10.0 + d(7);
    for (i, _) in b.iter().enumerate().skip(9) {
        seconds += d(i) / 10f64.powi(i as i32 - 8);
    }
    Some(fixed(seconds * 1000.0, b.len() - 12))
}

/// Frame count over duration, snapped to a 1.001 rate when the duration's millisecond
/// precision (or the default duration) says so.
fn statistics_frame_rate(frames: f64, duration: f64, default_duration: u64) -> f64 {
    let mut rate = frames / duration;
    let round = |v: f64| v.round();
    let near_1001 = round(rate) - rate * 1.001;
    if near_1001 > -0.0001 && near_1001 < 0.0001 {
        let r = round(rate);
        let d1001 = frames / r * 1.001000;
        let d1000 = frames / r * 1.001001;
        let mut can_1001 = false;
        let mut can_1000 = false;
        if ((d1000 - d1001) * 10000.0).abs() >= 15.0 {
            let text = fixed(duration, 3);
            can_1001 = text == fixed(d1001, 3);
            can_1000 = text == fixed(d1000, 3);
            if can_1001 && !can_1000 {
                rate = r / 1.001;
            }
            if can_1000 && !can_1001 {
                rate = r / 1.001001;
            }
        }
        if can_1000 == can_1001 && default_duration != 0 {
            let dd = 1_000_000_000.0 / default_duration as f64;
            let a = round(dd) - dd * 1.001000;
            if a > -0.000002 && a < 0.000002 {
                rate = r / 1.001;
            }
            let b = round(dd) - dd * 1.001001;
            if b > -0.000002 && b < 0.000002 {
                rate = r / 1.001001;
            }
        }
    }
    rate
}

/// Blu-ray or DVD source IDs from mkvmerge's `SOURCE_ID` (`00xxxx` / `01xxxx`).
fn source_medium(v: &str) -> &'static str {
    match v.as_bytes() {
        [b'0', b'0', ..] if v.len() == 6 => "Blu-ray",
        [b'0', b'1', ..] if v.len() == 6 => "DVD-Video",
        _ => "",
    }
}

fn source_id(v: &str, hex: bool) -> String {
    if v.len() != 6 || !(v.starts_with("00") || v.starts_with("01")) {
        return v.to_string();
    }
    let Ok(n) = u16::from_str_radix(&v[2..], 16) else {
        return v.to_string();
    };
    let hex_id = |n: u16| format!("0x{n:X}");
    if v.starts_with("00") {
        return if hex { hex_id(n) } else { n.to_string() };
    }
    let (id1, id2) = (n & 0xFF, n >> 8);
    match (hex, id2) {
        (false, 0) => id1.to_string(),
        (false, _) => format!("{id1}-{id2}"),
        (true, 0) => hex_id(id1),
        (true, _) => format!("{}{}", hex_id(id1), hex_id(id2)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(
            strict_duration_ms("00:00:01.001000000").as_deref(),
            Some("1001.000000")
        );
        assert_eq!(strict_duration_ms("0:00:01.001"), None);
        assert_eq!(hms_seconds("00:00:02.080000000"), (2.08, 6));
    }

    #[test]
    fn rate_from_statistics() {
        let r = statistics_frame_rate(240.0, 10.01, 41_708_333);
        assert!((r - 24000.0 / 1001.0).abs() < 1e-9);
    }
}
