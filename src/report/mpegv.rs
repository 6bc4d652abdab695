//! MediaInfo's MPEG-1/2 Video fields (File_Mpegv's `Streams_Fill` and `Streams_Finish`):
//! version, profile, size and aspect, frame rate, bit rate mode and buffer, scan type and
//! order, matrix, time code and GOP structure, the encoder library.

use crate::codec::mpegv::MpegvInfo;
use crate::report::numbers::{fixed, rounded};
use crate::report::side_effects::set_frame_rate;
use crate::report::{Stream, colour};

/// `Mpegv_profile_and_level_indication_profile`.
const PROFILES: [&str; 8] = [
    "0",
    "High",
    "Spatially Scalable",
    "SNR Scalable",
    "Main",
    "Simple",
    "6",
    "7",
];

/// `Mpegv_profile_and_level_indication_level`.
const LEVELS: [&str; 16] = [
    "0",
    "1",
    "2",
    "3",
    "High",
    "4",
    "High 1440",
    "5",
    "Main",
    "6",
    "Low",
    "7",
    "8",
    "9",
    "10",
    "11",
];

/// Profiles signalled with the escape bit (`Mpegv_profile_and_level_indication`).
fn escaped_profile(v: u8) -> &'static str {
    match v {
        0x82 => "4:2:2@High",
        0x85 => "4:2:2@Main",
        0x8A => "Multi-view@High",
        0x8B => "Multi-view@High-1440",
        0x8D => "Multi-view@Main",
        0x8E => "Multi-view@Low",
        _ => "",
    }
}

/// MPEG-1 pixel aspect ratios (height over width) by `aspect_ratio_information`.
const ASPECT_RATIO_1: [f32; 16] = [
    0.0, 1.0, 0.6735, 0.7031, 0.7615, 0.8055, 0.8437, 0.8935, 0.9375, 0.9815, 1.0255, 1.0695,
    1.1250, 1.1575, 1.2015, 0.0,
];

/// MPEG-2 display aspect ratios by `aspect_ratio_information`.
const ASPECT_RATIO_2: [f32; 16] = [
    0.0,
    1.0,
    4.0 / 3.0,
    16.0 / 9.0,
    2.21,
    0.0,
    0.0,
    0.0,
    0.0,
    0.0,
    0.0,
    0.0,
    0.0,
    0.0,
    0.0,
    0.0,
];

/// `Mpegv_video_format`.
const VIDEO_FORMATS: [&str; 8] = ["Component", "PAL", "NTSC", "SECAM", "MAC", "", "", ""];

/// GOPs of another pattern than the most common one that still make a fixed GOP (MediaInfo's
/// `VariableGopDetection_Occurences`).
const VARIABLE_GOP_OCCURRENCES: u64 = 4;

/// Fills an MPEG Video stream from what the parser learned (File_Mpegv inside a container:
/// its `IsSub` fields included).
pub fn fill_video(s: &mut Stream, i: &MpegvInfo) {
    let mpeg2 = i.mpeg_version == 2;
    s.set("Format", "MPEG Video");
    if mpeg2 {
        s.set("Format_Version", "Version 2");
        s.set("Format_Commercial", "MPEG-2 Video");
    } else {
        s.set("Format_Version", "Version 1");
        s.set("Format_Commercial", "MPEG-1 Video");
    }
    let (width, height) = (i.width(), i.height());
    s.set("Width", width.to_string());
    s.set("Height", height.to_string());
    s.set("Sampled_Width", width.to_string());
    s.set("Sampled_Height", height.to_string());
    let chroma = usize::from(i.chroma_format & 3);
    let subsampling = ["", "4:2:0", "4:2:2", "4:4:4"][chroma];
    if !subsampling.is_empty() {
        s.set("ChromaSubsampling", subsampling);
    }
    let space = ["", "YUV", "YUV", ""][chroma];
    if !space.is_empty() {
        s.set("ColorSpace", space);
    }
    s.set("BitDepth", "8");
    fill_aspect_ratio(s, i, width, height);
    let rate = frame_rate(i);
    if rate > 0.0 {
        set_frame_rate(s, rate);
    }
    let vbr = i.vbv_delay == 0xFFFF || (!mpeg2 && i.bit_rate_value == 0x3FFFF);
    s.set("BitRate_Mode", if vbr { "VBR" } else { "CBR" });
    if i.bit_rate_value_valid && (i.bit_rate_extension > 0 || i.bit_rate_value != 0x3FFFF) {
        let max = ((u32::from(i.bit_rate_extension) << 12).wrapping_add(i.bit_rate_value))
            .wrapping_mul(400);
        s.set("BitRate_Maximum", max.to_string());
    }
    fill_scan(s, i);
    fill_profile(s, i);
    let standard = VIDEO_FORMATS[usize::from(i.video_format & 7)];
    if !standard.is_empty() {
        s.set("Standard", standard);
    }
    if let Some((p, t, m)) = i.colour {
        let set = |s: &mut Stream, name: &str, value: &str| {
            colour::set_with_source(s, name, value, "Stream");
        };
        set(s, "colour_description_present", "Yes");
        set(s, "colour_primaries", colour::primaries(p));
        set(s, "transfer_characteristics", colour::transfer(t));
        set(s, "matrix_coefficients", colour::matrix(m));
        if m != 2 {
            let space = colour::matrix_color_space(m);
            if !space.is_empty() {
                s.set("ColorSpace", space);
            }
        }
    }
    if i.load_intra_quantiser_matrix || i.load_non_intra_quantiser_matrix {
        s.append("Format_Settings", "CustomMatrix");
        s.set("Format_Settings_Matrix", "Custom");
        s.append("Format_Settings_Matrix_Data", &i.matrix_intra);
        s.append("Format_Settings_Matrix_Data", &i.matrix_nonintra);
    } else {
        s.set("Format_Settings_Matrix", "Default");
    }
    if i.library.len() >= 8 {
        s.set("Encoded_Library", i.library.as_str());
        if !i.library_name.is_empty() {
            s.set("Encoded_Library_Name", i.library_name.as_str());
        }
        if !i.library_version.is_empty() {
            s.set("Encoded_Library_Version", i.library_version.as_str());
        }
    }
    fill_time_code(s, i, rate);
    if i.bvops > 0 {
        s.append("Format_Settings", "BVOP");
        s.set("Format_Settings_BVOP", "Yes");
    } else {
        s.set("Format_Settings_BVOP", "No");
    }
    let buffer = 2048u32.wrapping_mul(
        (u32::from(i.vbv_buffer_size_extension) << 10) + u32::from(i.vbv_buffer_size_value),
    );
    s.set("BufferSize", buffer.to_string());
    if let Some(dc) = i.intra_dc_precision {
        s.set("intra_dc_precision", (8 + u32::from(dc)).to_string());
    }
    fill_commercial_name(s);
    fill_gop(s, i);
}

/// File_Mpegv's frame rate: the code's, times the extension's ratio.
fn frame_rate(i: &MpegvInfo) -> f64 {
    let base = crate::codec::mpegv::FRAME_RATES[usize::from(i.frame_rate_code & 0x0F)];
    base * (f64::from(i.frame_rate_extension_n) + 1.0) / (f64::from(i.frame_rate_extension_d) + 1.0)
}

fn fill_aspect_ratio(s: &mut Stream, i: &MpegvInfo, width: u32, height: u32) {
    let ari = usize::from(i.aspect_ratio_information & 0x0F);
    let dar = |v: f32| fixed(f64::from(v), 3);
    if i.mpeg_version == 2 {
        if ari == 0 {
            // Forbidden: no aspect ratio.
        } else if ari == 1 {
            s.set("PixelAspectRatio", "1.000");
        } else if i.display_horizontal_size != 0 && i.display_vertical_size != 0 {
            if i.vertical_size_value != 0 && ASPECT_RATIO_2[ari] != 0.0 {
                let v = width as f32 / height as f32 * ASPECT_RATIO_2[ari]
                    / (f32::from(i.display_horizontal_size) / f32::from(i.display_vertical_size));
                s.set("DisplayAspectRatio", dar(v));
            }
        } else if ASPECT_RATIO_2[ari] != 0.0 {
            s.set("DisplayAspectRatio", dar(ASPECT_RATIO_2[ari]));
        }
    } else if i.vertical_size_value != 0 && ASPECT_RATIO_1[ari] != 0.0 {
        let v = width as f32 / height as f32 / ASPECT_RATIO_1[ari];
        s.set("DisplayAspectRatio", dar(v));
    }
}

fn fill_scan(s: &mut Stream, i: &MpegvInfo) {
    if i.mpeg_version != 2 {
        s.set("ScanType", "Progressive");
        return;
    }
    let frames = i.frames;
    let progressive = i.progressive_frames;
    if progressive != 0 && progressive != frames && progressive != frames + 1 {
        // Mixed.
        return;
    }
    if frames == 0 {
        return;
    }
    let (top, bottom) = (i.interlaced_top, i.interlaced_bottom);
    let one_order = (top == 0) != (bottom == 0);
    if i.progressive_sequence || progressive == frames || progressive == frames + 1 {
        s.set("ScanType", "Progressive");
        if !i.progressive_sequence && one_order {
            s.set("ScanOrder", if top != 0 { "TFF" } else { "BFF" });
        }
    } else {
        s.set("ScanType", "Interlaced");
        if one_order {
            s.set("ScanOrder", if top != 0 { "TFF" } else { "BFF" });
        }
        let (field, frame) = (i.picture_structure_field, i.picture_structure_frame);
        if (field == 0) != (frame == 0) {
            s.set(
                "Format_Settings_PictureStructure",
                if field != 0 { "Field" } else { "Frame" },
            );
        }
    }
    let mut pattern = String::new();
    for f in i.field_flags.iter().flatten() {
        pattern.push(if f.top_field_first { 'T' } else { 'B' });
        pattern.push(if f.repeat_first_field { '3' } else { '2' });
    }
    if pattern.contains('3') {
        let rate = i.frame_rate;
        if pattern.contains("T2T3B2B3T2T3B2B3") || pattern.contains("B2B3T2T3B2B3T2T3") {
            s.set("ScanOrder", "2:3 Pulldown");
            s.set("FrameRate", fixed(rate * 24.0 / 30.0, 3));
            s.set("ScanType", "Progressive");
        }
        if pattern.contains("T2T2T2T2T2T2T2T2T2T2T2T3B2B2B2B2B2B2B2B2B2B2B2B3")
            || pattern.contains("B2B2B2B2B2B2B2B2B2B2B2B3T2T2T2T2T2T2T2T2T2T2T2T3")
        {
            s.set("ScanOrder", "2:2:2:2:2:2:2:2:2:2:2:3 Pulldown");
            s.set("FrameRate", fixed(rate * 24.0 / 25.0, 3));
            s.set("ScanType", "Progressive");
        }
    }
}

fn fill_profile(s: &mut Stream, i: &MpegvInfo) {
    let name = if i.profile_and_level_escape {
        escaped_profile(i.profile_and_level_indication).to_string()
    } else if let (Some(p), Some(l)) = (i.profile, i.level) {
        format!(
            "{}@{}",
            PROFILES[usize::from(p & 7)],
            LEVELS[usize::from(l & 0x0F)]
        )
    } else {
        return;
    };
    if !name.is_empty() {
        s.set("Format_Profile", name);
    }
}

/// The first GOP header's time code: `Delay`, its settings, `TimeCode_FirstFrame`, and
/// whether GOPs are open or closed.
fn fill_time_code(s: &mut Stream, i: &MpegvInfo, rate: f64) {
    let (Some(gop), Some((seconds, frames))) = (i.first_gop, i.time_begin) else {
        return;
    };
    if i.time_code_untrusted {
        return;
    }
    let mut begin = seconds as f64 * 1000.0;
    if rate != 0.0 {
        begin += f64::from(frames) * 1000.0 / rate;
    }
    s.set("Delay", rounded(begin, 0));
    let flag = |b: bool| if b { "1" } else { "0" };
    s.set(
        "Delay_Settings",
        format!(
            "drop_frame_flag={} / closed_gop={} / broken_link={}",
            flag(gop.drop_frame),
            flag(gop.closed),
            flag(gop.broken_link)
        ),
    );
    s.set("Delay_Source", "Stream");
    s.set("Delay_DropFrame", if gop.drop_frame { "Yes" } else { "No" });
    let (closed, open) = (i.gops_closed, i.gops_open);
    if closed + open >= 4 && ((gop.closed && closed == 1) || closed == 0 || open == 0) {
        if open != 0 {
            s.set("Gop_OpenClosed", "Open");
            if gop.closed {
                s.set("Gop_OpenClosed_FirstFrame", "Closed");
            }
        } else {
            s.set("Gop_OpenClosed", "Closed");
        }
    }
    s.set(
        "TimeCode_FirstFrame",
        format!(
            "{:02}:{:02}:{:02}{}{:02}",
            gop.hours,
            gop.minutes,
            gop.seconds,
            if gop.drop_frame { ';' } else { ':' },
            gop.frames
        ),
    );
    s.set("TimeCode_Source", "Group of pictures header");
}

/// `Format_Settings_GOP` from the GOP patterns seen (File_Mpegv's `Streams_Finish`).
fn fill_gop(s: &mut Stream, i: &MpegvInfo) {
    let total: u64 = i.gop_patterns.values().sum();
    if total < 4 {
        return;
    }
    let mut best: Option<(&String, u64)> = None;
    for (k, &v) in &i.gop_patterns {
        if best.is_none_or(|(_, m)| v > m) {
            best = Some((k, v));
        }
    }
    let Some((pattern, _)) = best else { return };
    let others: u64 = i
        .gop_patterns
        .iter()
        .filter(|(k, _)| *k != pattern)
        .map(|(_, v)| v)
        .sum();
    if others < total / 2 && others < VARIABLE_GOP_OCCURRENCES {
        let (mut m, mut m_max) = (1, 1);
        for c in pattern.bytes().skip(1) {
            if c == b'B' {
                m += 1;
                m_max = m_max.max(m);
            } else {
                m = 1;
            }
        }
        let mut gop = String::new();
        if m_max > 1 {
            gop.push_str(&format!("M={m_max}, "));
        }
        gop.push_str(&format!("N={}", pattern.len()));
        s.set("Format_Settings_GOP", gop);
    } else {
        s.set("Format_Settings_GOP", "Variable");
    }
}

/// HDV's commercial names, by the fields File_Mpegv has filled (a commercial name "if any"
/// is the stream's commercial name too).
fn fill_commercial_name(s: &mut Stream) {
    if let Some(name) = hdv_name(s) {
        s.set("Format_Commercial_IfAny", name);
        s.set("Format_Commercial", name);
    }
}

fn hdv_name(s: &Stream) -> Option<&'static str> {
    let get = |n: &str| s.get(n).unwrap_or("").to_string();
    if get("Format_Version") != "Version 2"
        || get("DisplayAspectRatio") != "1.778"
        || get("BitDepth") != "8"
        || get("ChromaSubsampling") != "4:2:0"
    {
        return None;
    }
    let num = |n: &str| get(n).parse::<u64>().unwrap_or(0);
    let (w, h, scan, rate, profile) = (
        get("Width"),
        get("Height"),
        get("ScanType"),
        get("FrameRate"),
        get("Format_Profile"),
    );
    let (bit_rate, bit_rate_max) = (num("BitRate"), num("BitRate_Maximum"));
    let rate_in = |list: &[&str]| list.contains(&rate.as_str());
    if w == "1280"
        && h == "720"
        && scan == "Progressive"
        && rate_in(&[
            "60.000", "59.940", "30.000", "29.970", "24.000", "23.976", "50.000", "25.000",
        ])
        && (profile == "Main@High" || profile == "Main@High 1440")
        && bit_rate < 20_000_000
        && bit_rate_max < 20_000_000
    {
        return Some("HDV 720p");
    }
    if w == "1440"
        && h == "1080"
        && profile == "Main@High 1440"
        && bit_rate < 27_000_000
        && bit_rate_max < 27_000_000
    {
        if scan == "Interlaced" && rate_in(&["30.000", "29.970", "50.000", "25.000"]) {
            return Some("HDV 1080i");
        }
        if scan == "Progressive"
            && rate_in(&["30.000", "29.970", "24.000", "23.976", "50.000", "25.000"])
        {
            return Some("HDV 1080p");
        }
    }
    None
}
