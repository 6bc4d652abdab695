//! HDR summary fields (`Streams_Finish_StreamOnly_Video`): HDR10 compatibility kept only when
//! the colours fit it, then `HDR_Format/String` and `HDR_Format_Commercial`.

use super::Streams;
use super::num::uint;
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
    let compatibility = split(s.get(Video, pos, "HDR_Format_Compatibility"), n);
    for field in [
        "HDR_Format_Commercial",
        "HDR_Format_Version",
        "HDR_Format_Profile",
        "HDR_Format_Level",
        "HDR_Format_Settings",
        "HDR_Format_Compression",
    ] {
        let values = split(s.get(Video, pos, field), n);
        for (j, v) in values.into_iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            let mut v = v;
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
