//! HDR summary fields (`Streams_Finish_StreamOnly_Video`): HDR10 compatibility kept only when
//! the colours fit it, then `HDR_Format/String` and `HDR_Format_Commercial`.

use super::Streams;
use super::num::uint;
use crate::report::dolby_vision::COMPATIBILITY;
use crate::report::stream::StreamKind::Video;

/// The HDR rules for video stream `pos`.
pub(super) fn video(s: &mut Streams, pos: usize) {
    let depth = s.get(Video, pos, "BitDepth");
    if s.get(Video, pos, "HDR_Format_Compatibility")
        .starts_with("HDR10")
        && ((!depth.is_empty() && uint(depth) < 10)
            || s.get(Video, pos, "colour_primaries") != "BT.2020"
            || s.get(Video, pos, "transfer_characteristics") != "PQ"
            || s.is_empty(Video, pos, "MasteringDisplay_ColorPrimaries"))
    {
        s.clear(Video, pos, "HDR_Format_Compatibility");
    }
    if !s.is_empty(Video, pos, "HDR_Format/String") || s.is_empty(Video, pos, "HDR_Format") {
        return;
    }
    let split = |v: &str, n: usize| {
        let mut parts: Vec<String> = v.split(" / ").map(str::to_string).collect();
        parts.resize(n, String::new());
        parts
    };
    let mut summary: Vec<String> = s
        .get(Video, pos, "HDR_Format")
        .split(" / ")
        .map(str::to_string)
        .collect();
    let n = summary.len();
    let mut commercial = summary.clone();
    let dolby_vision = summary.iter().rposition(|f| f == "Dolby Vision");
    let compatibility = split(s.get(Video, pos, "HDR_Format_Compatibility"), n);
    for field in [
        "HDR_Format_Commercial",
        "HDR_Format_Version",
        "HDR_Format_Profile",
        "HDR_Format_Level",
        "HDR_Format_Settings",
        "HDR_Format_Compression",
    ] {
        let mut values = split(s.get(Video, pos, field), n);
        for j in 0..n {
            // The list walked may be replaced by a shorter one (see below): missing is empty.
            let mut v = values.get(j).cloned().unwrap_or_default();
            if v.is_empty() {
                continue;
            }
            match field {
                "HDR_Format_Version" => summary[j].push_str(", Version "),
                "HDR_Format_Level" => summary[j].push('.'),
                "HDR_Format_Compression" => {
                    if let Some(first) = v.get(..1) {
                        v = first.to_lowercase() + &v[1..];
                    }
                    if v.chars().count() == 4 {
                        v = v.chars().take(2).collect();
                    }
                    v.push_str(" metadata compression");
                    summary[j].push_str(", ");
                }
                _ => summary[j].push_str(", "),
            }
            summary[j].push_str(&v);
            if field == "HDR_Format_Version" && Some(j) == dolby_vision {
                // Dolby Vision's profile number and compatibility ID follow its version
                // (`Profile 8.1`). MediaInfo reads the profile and then the compatibility
                // lists into the list it is walking: the versions of the formats after Dolby
                // Vision are taken from those lists (`SMPTE ST 2086, Version HDR10`).
                let profiles = s.get(Video, pos, "HDR_Format_Profile");
                if profiles.is_empty() {
                    values = Vec::new();
                    continue;
                }
                values = split(profiles, n);
                let Some(dot) = values[j].find('.') else {
                    continue;
                };
                let mut number = &values[j][dot + 1..];
                if number.starts_with('0') {
                    number = &number[1..];
                }
                summary[j].push_str(", Profile ");
                summary[j].push_str(number);
                let compatibilities = s.get(Video, pos, "HDR_Format_Compatibility");
                if compatibilities.is_empty() {
                    values = Vec::new();
                    continue;
                }
                values = split(compatibilities, n);
                if let Some(id) = COMPATIBILITY.iter().position(|c| *c == values[j]) {
                    summary[j].push_str(&format!(".{id:x}"));
                }
            }
        }
    }
    for (j, c) in compatibility.iter().enumerate() {
        if c.is_empty() {
            continue;
        }
        summary[j].push_str(&format!(", {c} compatible"));
        let mut name = c.clone();
        let mut cut = name.find(' ');
        if let Some(i) = cut
            && name[i + 1..].starts_with(|ch: char| ch.is_ascii_digit())
        {
            cut = name[i + 1..].find(' ').map(|k| i + 1 + k);
        }
        if let Some(i) = cut {
            name.truncate(i);
        }
        commercial[j] = name;
    }
    s.fill(Video, pos, "HDR_Format/String", summary.join(" / "));
    s.fill(Video, pos, "HDR_Format_Commercial", commercial.join(" / "));
}
