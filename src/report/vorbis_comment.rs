//! Vorbis comments (Vorbis, FLAC, Opus tags) → MediaInfo fields (File_VorbisCom): the vendor
//! string as the encoding library, and the comments MediaInfo puts in the audio stream.
//!
//! MediaInfo fills some comments in the track's stream and others in the General stream; a
//! container that keeps only the track's stream (Matroska) drops the latter, so only what
//! lands in the track's stream is filled here. `common` says whether the "common" comments
//! (title, encoder, description…) land there too (yes for Vorbis in Matroska, not for FLAC).

use super::Stream;
use super::db;
use crate::codec::vorbis::Comments;

/// Fills the track's stream from a comment header.
pub fn fill(s: &mut Stream, c: &Comments, common: bool) {
    fill_vendor(s, &c.vendor);
    let mut artists: Vec<String> = Vec::new();
    let mut performers: Vec<String> = Vec::new();
    let mut accompaniments: Vec<String> = Vec::new();
    let mut album_artists: Vec<String> = Vec::new();
    for comment in &c.comments {
        let (key, value) = comment.split_once('=').unwrap_or((comment.as_str(), ""));
        let key = key.to_uppercase();
        let value = value.to_string();
        let specific = match key.as_str() {
            "LANGUAGE" => {
                if value.starts_with("Director") {
                    Some(("Language_More", value.clone()))
                } else {
                    let inner = between(&value, "[", "]");
                    Some(("Language", inner.unwrap_or(value.clone())))
                }
            }
            "REPLAYGAIN_TRACK_GAIN" => Some(("ReplayGain_Gain", decimals(&value, 2))),
            "REPLAYGAIN_TRACK_PEAK" => Some(("ReplayGain_Peak", decimals(&value, 6))),
            "WAVEFORMATEXTENSIBLE_CHANNEL_MASK" => {
                if let Some(mask) = channel_mask(&value) {
                    s.set("ChannelPositions", super::channels::positions(mask));
                    s.set(
                        "ChannelPositions/String2",
                        super::channels::positions2(mask),
                    );
                    s.set("ChannelLayout", super::channels::layout(mask));
                }
                None
            }
            "VALID_BITS" if value.trim().parse::<u64>().is_ok_and(|v| v != 0) => {
                Some(("BitDepth_Detected", value.clone()))
            }
            "HDCD" if value != "0" => Some(("HDCD", "Yes".into())),
            _ => None,
        };
        if let Some((field, v)) = specific {
            append(s, field, v);
            continue;
        }
        if !common {
            continue;
        }
        let field = match key.as_str() {
            "ALBUM ARTIST" | "ALBUMARTIST" => {
                album_artists.push(value);
                continue;
            }
            "ARTIST" => {
                artists.push(value);
                continue;
            }
            "PERFORMER" => {
                performers.push(value);
                continue;
            }
            "ENSEMBLE" => {
                accompaniments.push(value);
                continue;
            }
            "ALBUM" => "Album",
            "ALBUM_COMMENT" | "COMMENT" | "COMMENTS" => "Comment",
            "AUTHOR" => "WrittenBy",
            "CLASS" => "ContentType",
            "CODINGHISTORY" => "Encoded_Library_Settings",
            "COMPOSER" => "Composer",
            "CONDUCTOR" => "Conductor",
            "CONTACT" | "PUBLISHER" => "Publisher",
            "COPYRIGHT" => "Copyright",
            "DATE" => {
                s.set("Recorded_Date", value);
                continue;
            }
            "DESCRIPTION" => "Description",
            "DISC" | "DISCNUMBER" => {
                s.set("Part", value);
                continue;
            }
            "DISCTOTAL" | "TOTALDISCS" => {
                if s.get("Part/Position_Total") == Some(value.as_str()) {
                    continue;
                }
                "Part/Position_Total"
            }
            "ENCODEDBY" | "ENCODED-BY" => "EncodedBy",
            "ENCODER" | "ENCODED_USING" => "Encoded_Application",
            "ENCODER_URL" => "Encoded_Application/Url",
            "GENRE" => "Genre",
            "LABEL" => "Label",
            "LICENCE" | "LICENSE" => "TermsOfUse",
            "LYRICS" => "Lyrics",
            "LOCATION" => "Recorded/Location",
            "MUSICBRAINZ_SORTNAME" => "Performer/Sort",
            "ORGANIZATION" | "ORIGINATOR" => "Producer",
            "REPLAYGAIN_ALBUM_GAIN" => {
                append(s, "Album_ReplayGain_Gain", decimals(&value, 2));
                continue;
            }
            "REPLAYGAIN_ALBUM_PEAK" => {
                append(s, "Album_ReplayGain_Peak", decimals(&value, 6));
                continue;
            }
            "REFERENCE" => "Producer_Reference",
            "TITLE" => "Title",
            "TOTALTRACKS" => {
                if s.get("Track/Position_Total") == Some(value.as_str()) {
                    continue;
                }
                "Track/Position_Total"
            }
            "VERSION" => "Track_More",
            "BPM" => "BPM",
            "YEAR" => {
                if s.get("Recorded_Date") == Some(value.as_str()) {
                    continue;
                }
                "Recorded_Date"
            }
            _ => continue,
        };
        append(s, field, value);
    }
    if !common {
        return;
    }
    if !performers.is_empty() {
        append(s, "Performer", performers.join(" / "));
    }
    if !artists.is_empty() && artists != performers {
        let field = if performers.is_empty() {
            "Performer"
        } else {
            "Composer"
        };
        append(s, field, artists.join(" / "));
    }
    if !accompaniments.is_empty() && accompaniments != artists && accompaniments != performers {
        append(s, "Accompaniment", accompaniments.join(" / "));
    }
    if !album_artists.is_empty() {
        let field = if performers == artists || performers.is_empty() {
            "Album/Performer"
        } else {
            "Album/Composer"
        };
        append(s, field, album_artists.join(" / "));
    }
}

/// The vendor string: `Encoded_Library`, with its name, version and date where MediaInfo
/// recognises them (its table of libVorbis releases, or the `name I date` pattern).
fn fill_vendor(s: &mut Stream, vendor: &str) {
    let plain = vendor.replace(';', "");
    let mut version = db::vorbis_library(&plain, 1).unwrap_or("").to_string();
    let mut date = db::vorbis_library(&plain, 2).unwrap_or("").to_string();
    let mut name = String::new();
    if version.is_empty() {
        if let Some((n, d)) = vendor.split_once(" I ") {
            name = n.to_string();
            date = d.to_string();
            if date.chars().count() > 9 {
                version = date.chars().skip(9).collect();
                if !version.contains('(') {
                    version = version.replace(' ', ".");
                    date = date.chars().take(8).collect();
                }
            }
        } else if vendor.chars().count() > 9
            && vendor
                .get(vendor.len().saturating_sub(8)..)
                .is_some_and(|t| leading_u32(t) > 20_000_000)
        {
            name = vendor[..vendor.len() - 9].to_string();
            date = vendor[vendor.len() - 8..].to_string();
            if let Some(p) = name.rfind(' ')
                && p + 2 < name.len()
                && name[p + 1..].starts_with(|c: char| c.is_ascii_digit())
            {
                version = name[p + 1..].to_string();
                name.truncate(p);
            }
        } else if vendor.contains("aoTuV ") {
            name = "aoTuV".into();
            version = between(vendor, "aoTuV ", "[").unwrap_or_default();
            date = between(vendor, "[", "]").unwrap_or_default();
        } else if vendor.contains("Lancer ") {
            name = "Lancer".into();
            date = between(vendor, "[", "]").unwrap_or_default();
        }
        if version.is_empty() {
            version = date.clone();
        }
        if date.chars().count() == 8 && date.is_ascii() {
            date = format!("{}-{}-{}", &date[..4], &date[4..6], &date[6..]);
        }
    }
    for (needle, n) in [
        ("libFLAC", "libFLAC"),
        ("libVorbis I", "libVorbis"),
        ("libTheora I", "libTheora"),
    ] {
        if vendor.contains(needle) {
            name = n.into();
        }
    }
    if vendor.starts_with("AO; aoTuV") {
        name = "aoTuV".into();
    }
    if vendor.starts_with("BS; Lancer") {
        name = "Lancer".into();
    }
    append(s, "Encoded_Library", vendor.to_string());
    append(s, "Encoded_Library_Name", name);
    append(s, "Encoded_Library_Version", version);
    append(s, "Encoded_Library_Date", date);
}

/// Fills without replacing: a second value joins the first (MediaInfo's `Fill`).
fn append(s: &mut Stream, field: &str, value: String) {
    if value.is_empty() {
        return;
    }
    let value = match s.get(field) {
        Some(old) if !old.is_empty() => format!("{old} / {value}"),
        _ => value,
    };
    s.set(field, value);
}

/// ZenLib's `SubString(begin, end)`: the text between the first `begin` and the next `end`
/// (to the end when `end` is empty or absent).
fn between(s: &str, begin: &str, end: &str) -> Option<String> {
    let from = s.find(begin)? + begin.len();
    let rest = &s[from..];
    Some(match rest.find(end) {
        Some(to) if !end.is_empty() => rest[..to].to_string(),
        _ => rest.to_string(),
    })
}

fn leading_u32(s: &str) -> u64 {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().unwrap_or(0)
}

fn decimals(v: &str, n: usize) -> String {
    let f: f64 = v
        .trim()
        .trim_end_matches(|c: char| !c.is_ascii_digit())
        .split_whitespace()
        .next()
        .and_then(|t| t.parse().ok())
        .unwrap_or(0.0);
    format!("{f:.n$}")
}

/// A `0x…` hexadecimal channel mask (up to 8 digits; stops at the first non-digit).
fn channel_mask(v: &str) -> Option<u32> {
    let hex = v.strip_prefix("0x").or_else(|| v.strip_prefix("0X"))?;
    if v.len() <= 2 || v.len() >= 10 {
        return None;
    }
    let digits: String = hex.chars().take_while(char::is_ascii_hexdigit).collect();
    Some(u32::from_str_radix(&digits, 16).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::StreamKind;

    #[test]
    fn vendors() {
        let mut s = Stream::new(StreamKind::Audio);
        fill_vendor(&mut s, "Xiph.Org libVorbis I 20150105 (⛄⛄⛄⛄)");
        assert_eq!(s.get("Encoded_Library_Name"), Some("libVorbis"));
        assert_eq!(s.get("Encoded_Library_Version"), Some("(⛄⛄⛄⛄)"));
        assert_eq!(s.get("Encoded_Library_Date"), Some("20150105 (⛄⛄⛄⛄)"));
        let mut s = Stream::new(StreamKind::Audio);
        fill_vendor(&mut s, "reference libFLAC 1.3.2 20170101");
        assert_eq!(s.get("Encoded_Library_Name"), Some("libFLAC"));
        assert_eq!(s.get("Encoded_Library_Version"), Some("1.3.2"));
        assert_eq!(s.get("Encoded_Library_Date"), Some("2017-01-01"));
        let mut s = Stream::new(StreamKind::Audio);
        fill_vendor(&mut s, "Xiph.Org libVorbis I 20030909");
        assert_eq!(s.get("Encoded_Library_Version"), Some("1.0.1"));
        assert_eq!(s.get("Encoded_Library_Date"), Some("2003-09-09"));
    }
}
