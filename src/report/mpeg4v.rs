//! MediaInfo's MPEG-4 Visual fields (File_Mpeg4v's `Streams_Fill`): profile, size and aspect,
//! colour, the coding tools (BVOP, GMC, QPel, matrix), scan type, the encoder library.

use crate::codec::mpeg4v::Mpeg4vInfo;
use crate::report::numbers::fixed;
use crate::report::side_effects::set_frame_rate;
use crate::report::{Stream, colour, db};

/// `Mpeg4v_Profile_Level`.
pub fn profile_level(v: u8) -> &'static str {
    match v {
        0x01 => "Simple@L1",
        0x02 => "Simple@L2",
        0x03 => "Simple@L3",
        0x04 => "Simple@L4a",
        0x05 => "Simple@L5",
        0x06 => "Simple@L6",
        0x08 => "Simple@L0",
        0x09 => "Simple@L0b",
        0x10 => "Simple Scalable@L0",
        0x11 => "Simple Scalable@L1",
        0x12 => "Simple Scalable@L2",
        0x15 | 0x7F => "AVC",
        0x21 => "Core@L1",
        0x22 => "Core@L2",
        0x32 => "Main@L2",
        0x33 => "Main@L3",
        0x34 => "Main@L4",
        0x42 => "N-bit@L2",
        0x51 => "Scalable Texture@L1",
        0x61 => "Simple Face Animation@L1",
        0x62 => "Simple Face Animation@L2",
        0x63 => "Simple FBA@L1",
        0x64 => "Simple FBA@L2",
        0x71 => "Basic Animated Texture@L1",
        0x72 => "Basic Animated Texture@L2",
        0x81 => "Hybrid@L1",
        0x82 => "Hybrid@L2",
        0x91 => "Advanced Real Time Simple@L1",
        0x92 => "Advanced Real Time Simple@L2",
        0x93 => "Advanced Real Time Simple@L3",
        0x94 => "Advanced Real Time Simple@L4",
        0xA1 => "Core Scalable@L1",
        0xA2 => "Core Scalable@L2",
        0xA3 => "Core Scalable@L3",
        0xB1 => "Advanced Coding Efficiency@L1",
        0xB2 => "Advanced Coding Efficiency@L2",
        0xB3 => "Advanced Coding Efficiency@L3",
        0xB4 => "Advanced Coding Efficiency@L4",
        0xC1 => "Advanced Core@L1",
        0xC2 => "Advanced Core@L2",
        0xD1 => "Advanced Scalable Texture@L1",
        0xD2 => "Advanced Scalable Texture@L2",
        0xD3 => "Advanced Scalable Texture@L3",
        0xE1 => "Simple Studio@L1",
        0xE2 => "Simple Studio@L2",
        0xE3 => "Simple Studio@L3",
        0xE4 => "Simple Studio@L4",
        0xE5 => "Core Studio@L1",
        0xE6 => "Core Studio@L2",
        0xE7 => "Core Studio@L3",
        0xE8 => "Core Studio@L4",
        0xEB => "Simple Studio@L5",
        0xEC => "Simple Studio@L6",
        0xF0 => "Advanced Simple@L0",
        0xF1 => "Advanced Simple@L1",
        0xF2 => "Advanced Simple@L2",
        0xF3 => "Advanced Simple@L3",
        0xF4 => "Advanced Simple@L4",
        0xF5 => "Advanced Simple@L5",
        0xF7 => "Advanced Simple@L3b",
        0xF8 => "Fine Granularity Scalable@L0",
        0xF9 => "Fine Granularity Scalable@L1",
        0xFA => "Fine Granularity Scalable@L2",
        0xFB => "Fine Granularity Scalable@L3",
        0xFC => "Fine Granularity Scalable@L4",
        0xFD => "Fine Granularity Scalable@L5",
        _ => "",
    }
}

/// MPEG-1/2 frame rates by `frame_rate_code` (Studio VOLs use them).
const FRAME_RATES: [f64; 9] = [
    0.0,
    24000.0 / 1001.0,
    24.0,
    25.0,
    30000.0 / 1001.0,
    30.0,
    50.0,
    60000.0 / 1001.0,
    60.0,
];

/// Fills an MPEG-4 Visual stream from what the parser learned.
pub fn fill_video(s: &mut Stream, i: &Mpeg4vInfo) {
    let v = &i.vol;
    s.set("Format", "MPEG-4 Visual");
    if i.profile_and_level > 0 {
        s.set("Format_Profile", profile_level(i.profile_and_level));
    }
    if let Some(code) = v.frame_rate_code {
        let rate = FRAME_RATES.get(usize::from(code)).copied().unwrap_or(0.0);
        if rate > 0.0 {
            set_frame_rate(s, rate);
        }
    }
    if let Some(b) = v.bit_rate {
        s.set("BitRate_Nominal", b.wrapping_mul(400).to_string());
    }
    if let Some(b) = v.vbv_buffer_size {
        s.set("BufferSize", b.wrapping_mul(2048).to_string());
    }
    if v.fixed_vop_time_increment != 0 && v.vop_time_increment_resolution != 0 {
        let rate = f64::from(
            f32::from(v.vop_time_increment_resolution) / v.fixed_vop_time_increment as f32,
        );
        set_frame_rate(s, rate);
    }
    if v.height != 0 {
        s.set("Width", v.width.to_string());
        s.set("Height", v.height.to_string());
        s.set("Sampled_Width", v.width.to_string());
        s.set("Sampled_Height", v.height.to_string());
        let par: f32 = match v.aspect_ratio_info {
            0x02 => 12.0 / 11.0,
            0x03 => 10.0 / 11.0,
            0x04 => 16.0 / 11.0,
            0x05 => 40.0 / 33.0,
            0x0F if v.par_height != 0 => f32::from(v.par_width) / f32::from(v.par_height),
            _ => 1.0,
        };
        s.set("PixelAspectRatio", fixed(f64::from(par), 3));
        let dar = f32::from(v.width) / f32::from(v.height) * par;
        s.set("DisplayAspectRatio", fixed(f64::from(dar), 3));
    }
    s.set("ColorSpace", if v.rgb_components { "RGB" } else { "YUV" });
    s.set("BitDepth", v.bits_per_pixel.to_string());
    if let Some(c) = v.chroma_format.filter(|&c| c < 4) {
        let name = ["", "4:2:0", "4:2:2", "4:4:4"][usize::from(c)];
        if !name.is_empty() {
            s.set("ChromaSubsampling", name);
        }
    }
    if let Some((p, t, m)) = i.colour {
        let set = |s: &mut Stream, name: &str, value: &str| {
            colour::set_with_source(s, name, value, "Stream");
        };
        set(s, "colour_description_present", "Yes");
        set(s, "colour_primaries", colour::primaries(p));
        set(s, "transfer_characteristics", colour::transfer(t));
        set(s, "matrix_coefficients", colour::matrix(m));
        let space = colour::matrix_color_space(m);
        if !space.is_empty() {
            s.set("ColorSpace", space);
        }
    }
    if v.low_delay {
        s.set("Format_Settings_BVOP", "No");
    } else {
        s.append("Format_Settings", "BVOP");
        s.set("Format_Settings_BVOP", "Yes");
    }
    let warping = v.sprite_warping_points;
    if warping != 0 {
        s.append("Format_Settings", &format!("GMC{warping}"));
    }
    s.set("Format_Settings_GMC", warping.to_string());
    if v.quarter_sample {
        s.append("Format_Settings", "QPel");
        s.set("Format_Settings_QPel", "Yes");
    } else {
        s.set("Format_Settings_QPel", "No");
    }
    if !v.quant_type {
        s.set("Format_Settings_Matrix", "Default (H.263)");
    } else if v.load_intra_quant_mat_grayscale || v.load_nonintra_quant_mat_grayscale {
        s.append("Format_Settings", "Custom Matrix (Gray)");
        s.set("Format_Settings_Matrix", "Custom (Gray)");
    } else if v.load_intra_quant_mat || v.load_nonintra_quant_mat {
        s.append("Format_Settings", "Custom Matrix");
        s.set("Format_Settings_Matrix", "Custom");
        s.append("Format_Settings_Matrix_Data", &v.matrix_intra);
        s.append("Format_Settings_Matrix_Data", &v.matrix_nonintra);
    } else {
        s.set("Format_Settings_Matrix", "Default (MPEG)");
    }
    if v.interlaced {
        s.set("ScanType", "Interlaced");
        let (top, bottom) = (i.interlaced_top, i.interlaced_bottom);
        if (top == 0) != (bottom == 0) {
            s.set("ScanOrder", if top != 0 { "TFF" } else { "BFF" });
        }
    } else {
        s.set("ScanType", "Progressive");
    }
    if !i.library.is_empty() {
        fill_library(s, &i.library);
    }
    if i.bvop_max != 0
        && let Some(settings) = s.get("Format_Settings")
    {
        let settings = settings.replace("BVOP", &format!("BVOP{}", i.bvop_max));
        s.set("Format_Settings", settings);
        s.set("Format_Settings_BVOP", i.bvop_max.to_string());
    }
    if i.frames_in_block_max == 2 {
        s.set("MuxingMode", "Packed bitstream");
    }
}

/// `Encoded_Library` and, for DivX and XviD, its name, version and date.
fn fill_library(s: &mut Stream, library: &str) {
    s.set("Encoded_Library", library);
    let after = |begin: &str, end: &str| -> String {
        let Some(at) = library.find(begin) else {
            return String::new();
        };
        let rest = &library[at + begin.len()..];
        if end.is_empty() {
            return rest.to_string();
        }
        rest.find(end)
            .map(|e| rest[..e].to_string())
            .unwrap_or_default()
    };
    let (mut name, mut version, mut date) = (String::new(), String::new(), String::new());
    if library.starts_with("DivX50") {
        name = "DivX".into();
        let mut build = after("Build", "");
        if build.is_empty() {
            build = after("b", "p");
        }
        if build.is_empty() {
            build = after("b", "");
        }
        version = db::divx_library(&build, 1).map_or(build.clone(), str::to_string);
        date = db::divx_library(&build, 2).unwrap_or("").to_string();
    }
    if library.starts_with("XviD") {
        name = "XviD".into();
        if !library.contains("build=") {
            let build = after("XviD", "").replace('C', "");
            let build = build.trim_start_matches('0').to_string();
            version = db::xvid_library(&build, 1).map_or(build.clone(), str::to_string);
            date = db::xvid_library(&build, 2).unwrap_or("").to_string();
        } else {
            version = after("XviD", "");
            let d = after(" build=", "");
            if d.len() == 10 && d.is_ascii() {
                date = format!("{}-{}-{} UTC", &d[..4], &d[5..7], &d[8..]);
            }
        }
    }
    for (field, value) in [
        ("Encoded_Library_Name", name),
        ("Encoded_Library_Version", version),
        ("Encoded_Library_Date", date),
    ] {
        if !value.is_empty() {
            s.set(field, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::StreamKind;

    #[test]
    fn xvid_library() {
        let mut s = Stream::new(StreamKind::Video);
        fill_library(&mut s, "XviD0050");
        assert_eq!(s.get("Encoded_Library_Name"), Some("XviD"));
        assert_eq!(s.get("Encoded_Library_Version"), Some("1.2.1"));
    }
}
