//! Merging a codec parser's stream into the container's stream, as MediaInfo's `Merge` does.
//!
//! The codec's values replace the container's, except where MediaInfo trusts the container
//! more: picture size, aspect ratios, frame rate and its mode, scan type and order, and colour
//! space (video); the channel fields (audio); the frame rate (text). There the container's
//! value stays and the codec's goes to the `_Original` field. Colour description fields keep
//! both sources (`colour_primaries_Source` = `Container` / `Stream`, or `_Original`).

use super::{Stream, StreamKind};

/// Video fields whose source (container or stream) MediaInfo shows beside the value.
const SHOW_SOURCE: [&str; 9] = [
    "colour_description_present",
    "colour_range",
    "colour_primaries",
    "matrix_coefficients",
    "transfer_characteristics",
    "MasteringDisplay_ColorPrimaries",
    "MasteringDisplay_Luminance",
    "MaxCLL",
    "MaxFALL",
];

/// Video fields where the container's value wins; the codec's goes to `<name>_Original`.
const VIDEO_CONTAINER_WINS: [&str; 6] = [
    "Width",
    "Height",
    "PixelAspectRatio",
    "DisplayAspectRatio",
    "ScanType",
    "ColorSpace",
];

/// HDR fields, `HDR_Format` to `HDR_Format_Compatibility` in MediaInfo's order: when the
/// container and the codec name different formats, both lists are kept, container first.
const HDR: [&str; 9] = [
    "HDR_Format",
    "HDR_Format/String",
    "HDR_Format_Commercial",
    "HDR_Format_Version",
    "HDR_Format_Profile",
    "HDR_Format_Level",
    "HDR_Format_Settings",
    "HDR_Format_Compression",
    "HDR_Format_Compatibility",
];

/// Audio channel fields, compared together.
const AUDIO_CHANNELS: [&str; 4] = [
    "Channel(s)",
    "ChannelLayout",
    "ChannelPositions",
    "ChannelPositions/String2",
];

fn is_source_companion(name: &str) -> bool {
    SHOW_SOURCE.iter().any(|f| {
        name.strip_prefix(f)
            .is_some_and(|rest| matches!(rest, "_Source" | "_Original" | "_Original_Source"))
    })
}

/// Merges `codec` (a parser's view of the stream) into `container`.
pub fn merge(container: &mut Stream, codec: &Stream) {
    let kind = container.kind();
    let saved = |names: &[&'static str], s: &Stream| -> Vec<(&'static str, Option<String>)> {
        names
            .iter()
            .map(|&n| (n, s.get(n).map(str::to_string)))
            .collect()
    };
    let video_saved = saved(&VIDEO_CONTAINER_WINS, container);
    let rate_saved = saved(
        &[
            "FrameRate",
            "FrameRate_Num",
            "FrameRate_Den",
            "FrameRate_Mode",
        ],
        container,
    );
    let scan_order = container.get("ScanOrder").map(str::to_string);
    let hdr_saved = saved(&HDR, container);
    let channels_saved = saved(&AUDIO_CHANNELS, container);
    let delay_saved = saved(
        &["Delay", "Delay_Settings", "Delay_DropFrame", "Delay_Source"],
        container,
    );
    let codec_delay_from_container = codec.get("Delay_Source") == Some("Container");

    for f in codec.fields() {
        if kind == StreamKind::Video
            && (SHOW_SOURCE.contains(&f.name()) || is_source_companion(f.name()))
        {
            continue;
        }
        container.set(f.name(), f.value.clone());
    }
    // MediaInfo's Merge fills the parser's nested details (`ConformanceErrors AVC …`) into
    // the container's stream one by one, so there they are counted.
    if codec
        .fields()
        .iter()
        .any(|f| f.name().starts_with("ConformanceErrors "))
    {
        container.count_nested_fields();
    }
    if kind == StreamKind::Video {
        // A colour field the codec has a source for is merged even without a value.
        for name in SHOW_SOURCE {
            merge_with_source(container, codec, name);
        }
    }

    if kind == StreamKind::Video {
        for (name, value) in &video_saved {
            let Some(value) = value else { continue };
            let now = container.get(name).map(str::to_string);
            if now.as_deref() == Some(value.as_str()) {
                continue;
            }
            if *name == "ScanType" && value == "Interlaced" && now.as_deref() == Some("MBAFF") {
                continue;
            }
            // One colour space extending the other (RGB from an ICC profile, RGBA from the
            // codec): the codec's stays.
            if *name == "ColorSpace"
                && now
                    .as_deref()
                    .is_some_and(|n| n.starts_with(value.as_str()) || value.starts_with(n))
            {
                continue;
            }
            if let Some(now) = now {
                container.set(format!("{name}_Original"), now);
            }
            container.set(name, value.clone());
        }
        restore_frame_rate(container, codec, &rate_saved);
        merge_hdr(container, codec, &hdr_saved);
        let scan_original = container.get("ScanType_Original").map(str::to_string);
        if scan_original.as_deref() != Some("Progressive")
            && ((scan_order.is_some() && scan_order.as_deref() != container.get("ScanOrder"))
                || scan_original.is_some())
        {
            if let Some(now) = container.get("ScanOrder").map(str::to_string) {
                container.set("ScanOrder_Original", now);
            }
            match &scan_order {
                Some(v) => container.set("ScanOrder", v.clone()),
                None => {
                    container.remove("ScanOrder");
                }
            }
        }
    }
    if kind == StreamKind::Text {
        restore_frame_rate(container, codec, &rate_saved);
    }
    if kind == StreamKind::Audio {
        merge_channels(container, &channels_saved);
    }
    if !codec_delay_from_container {
        // A codec delay of another source than the container's (a GOP time code's) goes to
        // `Delay_Original*`, the container's staying.
        let container_source = delay_saved[3].1.as_deref().filter(|v| !v.is_empty());
        let moved = container_source.is_some_and(|c| container.get("Delay_Source") != Some(c));
        for (name, value) in delay_saved {
            if moved {
                let original = name.replacen("Delay", "Delay_Original", 1);
                match container.get(name).map(str::to_string) {
                    Some(now) => container.set(original, now),
                    None => {
                        container.remove(&original);
                    }
                }
            }
            match value {
                Some(v) => container.set(name, v),
                None if moved => {
                    container.remove(name);
                }
                None => {}
            }
        }
    }
}

/// One of the colour description fields: both sources are kept.
fn merge_with_source(container: &mut Stream, codec: &Stream, name: &str) {
    let value = codec.get(name).unwrap_or_default().to_string();
    let source_name = format!("{name}_Source");
    let Some(codec_source) = codec.get(&source_name).map(str::to_string) else {
        return;
    };
    match container.get(&source_name).map(str::to_string) {
        Some(container_source) => {
            if container.get(name).unwrap_or_default() == value {
                if container_source != codec_source {
                    container.set(&source_name, format!("{container_source} / {codec_source}"));
                }
            } else {
                container.set(format!("{name}_Original_Source"), codec_source);
                container.set(format!("{name}_Original"), value);
            }
        }
        None => {
            container.set(&source_name, codec_source);
            container.set(name, value);
        }
    }
}

/// Container and codec HDR formats that differ are listed side by side, field by field
/// (`Dolby Vision / SMPTE ST 2086`, `1.0 / `), unless the codec's list already holds the
/// container's format.
fn merge_hdr(container: &mut Stream, codec: &Stream, saved: &[(&'static str, Option<String>)]) {
    let value = |i: usize| saved[i].1.clone().unwrap_or_default();
    let format = value(0);
    let codec_format = codec.get("HDR_Format").unwrap_or_default();
    if format.is_empty() || codec_format.is_empty() || format == codec_format {
        return;
    }
    if codec_format.split(" / ").any(|f| f == format) {
        return;
    }
    for (i, name) in HDR.iter().enumerate() {
        let mut v = value(i);
        let codec_value = codec.get(name).unwrap_or_default();
        if !v.is_empty() || !codec_value.is_empty() {
            v.push_str(" / ");
        }
        v.push_str(codec_value);
        if v.is_empty() {
            container.remove(name);
        } else {
            container.set(*name, v);
        }
    }
}

/// The container's frame rate and mode win over the codec's.
fn restore_frame_rate(
    container: &mut Stream,
    codec: &Stream,
    saved: &[(&'static str, Option<String>)],
) {
    let get = |n: &str| {
        saved
            .iter()
            .find(|(k, _)| *k == n)
            .and_then(|(_, v)| v.clone())
    };
    let (rate, num, den, mode) = (
        get("FrameRate"),
        get("FrameRate_Num"),
        get("FrameRate_Den"),
        get("FrameRate_Mode"),
    );
    let differs = |v: &Option<String>, name: &str| {
        v.as_ref()
            .is_some_and(|v| Some(v.as_str()) != container.get(name))
    };
    if differs(&rate, "FrameRate")
        || differs(&num, "FrameRate_Num")
        || differs(&den, "FrameRate_Den")
    {
        for (field, value) in [
            ("FrameRate", rate),
            ("FrameRate_Num", num),
            ("FrameRate_Den", den),
        ] {
            let original = format!(
                "FrameRate_Original{}",
                field.strip_prefix("FrameRate").unwrap_or("")
            );
            container.set(&original, codec.get(field).unwrap_or_default());
            container.set(field, value.unwrap_or_default());
        }
    }
    if let Some(mode) = mode
        && container.get("FrameRate_Mode") != Some(mode.as_str())
    {
        let now = container
            .get("FrameRate_Mode")
            .unwrap_or_default()
            .to_string();
        container.set("FrameRate_Mode_Original", now);
        container.set("FrameRate_Mode", mode);
    }
}

/// Channel fields: if any container value disagrees with the codec's, the container's values
/// are kept and the codec's go to `_Original` fields.
fn merge_channels(container: &mut Stream, saved: &[(&'static str, Option<String>)]) {
    let all_ok = saved.iter().all(|(name, value)| {
        let Some(value) = value else { return true };
        let now = container.get(name).unwrap_or_default();
        now == value || now.split(" / ").any(|p| p == value)
    });
    if all_ok {
        return;
    }
    for (name, value) in saved {
        let value = value.clone().unwrap_or_default();
        let now = container.get(name).unwrap_or_default().to_string();
        if now != value {
            // The `/String2` original is kept by MediaInfo under a name no view prints.
            if !name.contains('/') {
                container.set(format!("{name}_Original"), now);
            }
            container.set(name, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn container_frame_rate_mode_wins() {
        let mut c = Stream::new(StreamKind::Video);
        c.set("FrameRate_Mode", "CFR");
        c.set("Width", "320");
        let mut p = Stream::new(StreamKind::Video);
        p.set("FrameRate_Mode", "VFR");
        p.set("Width", "320");
        p.set("Format", "AVC");
        merge(&mut c, &p);
        assert_eq!(c.get("FrameRate_Mode"), Some("CFR"));
        assert_eq!(c.get("FrameRate_Mode_Original"), Some("VFR"));
        assert_eq!(c.get("Format"), Some("AVC"));
        assert_eq!(c.get("Width_Original"), None);
    }

    #[test]
    fn hdr_formats_listed_side_by_side() {
        let mut c = Stream::new(StreamKind::Video);
        c.set("HDR_Format", "Dolby Vision");
        c.set("HDR_Format_Version", "1.0");
        let mut p = Stream::new(StreamKind::Video);
        p.set("HDR_Format", "SMPTE ST 2086");
        p.set("HDR_Format_Compatibility", "HDR10");
        merge(&mut c, &p);
        assert_eq!(c.get("HDR_Format"), Some("Dolby Vision / SMPTE ST 2086"));
        assert_eq!(c.get("HDR_Format_Version"), Some("1.0 / "));
        assert_eq!(c.get("HDR_Format_Compatibility"), Some(" / HDR10"));
        assert_eq!(c.get("HDR_Format_Level"), None);
    }

    #[test]
    fn colour_sources_combine() {
        let mut c = Stream::new(StreamKind::Video);
        c.set("colour_primaries", "BT.709");
        c.set("colour_primaries_Source", "Container");
        let mut p = Stream::new(StreamKind::Video);
        p.set("colour_primaries", "BT.709");
        p.set("colour_primaries_Source", "Stream");
        merge(&mut c, &p);
        assert_eq!(c.get("colour_primaries_Source"), Some("Container / Stream"));
    }
}
