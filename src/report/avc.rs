//! MediaInfo's AVC fields (File_Avc's Streams_Fill), from what the AVC parser learned.
//!
//! Sets: Format, Format_Profile, Format_Level is left in the combined profile string as
//! MediaInfo's complete view shows it, Format_Settings (CABAC, reference frames), the CABAC and
//! reference-frame fields, Width/Height (cropped), Stored_Width/Height, Sampled_Width/Height,
//! PixelAspectRatio/DisplayAspectRatio from the VUI, FrameRate and FrameRate_Mode from VUI
//! timing, ColorSpace, ChromaSubsampling (+ position), BitDepth, ScanType/ScanOrder, the colour
//! description (with `_Source` = Stream), Standard, the HRD bit rate fields and BufferSize, and
//! the encoder library fields from x264-style user data. Container fields (duration, sizes,
//! IDs) are left to the container.

use crate::codec::avc::{AvcInfo, Sps};
use crate::report::{Stream, colour};

use super::numbers::fixed;

/// Profile names by `profile_idc`, in MediaInfo's lookup order (the first entry whose id is not
/// below the profile's wins, as MediaInfo's sorted search does).
const PROFILES: [(u8, &str); 17] = [
    (44, "CAVLC 4:4:4 Intra"),
    (66, "Baseline"),
    (77, "Main"),
    (83, "Scalable Baseline"),
    (86, "Scalable High"),
    (88, "Extended"),
    (100, "High"),
    (110, "High 10"),
    (118, "Multiview High"),
    (122, "High 4:2:2"),
    (128, "Stereo High"),
    (134, "MFC High"),
    (135, "MFC Depth High"),
    (138, "Multiview Depth High"),
    (139, "Enhanced Multiview Depth High"),
    (144, "Multiview High"),
    (244, "High 4:4:4 Predictive"),
];

/// `Main@L3.1`-style profile and level, with the constraint flags that rename a profile.
pub fn profile_level(profile: u8, level: u8, constraints: u8) -> String {
    let set = |n: u8| constraints & (0x80 >> n) != 0;
    let mut name: Option<&str> = None;
    if set(1) && profile == 66 {
        name = Some("Constrained Baseline");
    }
    if set(3) {
        name = match profile {
            86 => Some("Scalable High Intra"),
            110 => Some("High 10 Intra"),
            122 => Some("High 4:2:2 Intra"),
            244 => Some("High 4:4:4 Intra"),
            _ => name,
        };
    }
    if set(4) {
        name = if set(5) {
            match profile {
                83 => Some("Scalable Constrained Baseline"),
                86 => Some("Scalable Constrained High"),
                100 => Some("Constrained High"),
                _ => name,
            }
        } else {
            match profile {
                100 => Some("Progressive High"),
                110 => Some("Progressive High 10"),
                _ => name,
            }
        };
    }
    let mut s = match name {
        Some(n) => n.to_string(),
        None if profile == 0 => String::new(),
        None => PROFILES
            .iter()
            .find(|(id, _)| *id >= profile)
            .map_or_else(|| profile.to_string(), |(_, n)| (*n).to_string()),
    };
    if level != 0 {
        if !s.is_empty() {
            s.push('@');
        }
        s.push('L');
        let is_1b = level == 9 || (level == 11 && set(3) && matches!(profile, 66 | 77 | 88));
        if is_1b {
            s.push_str("1b");
        } else {
            s.push_str(&(level / 10).to_string());
            if !level.is_multiple_of(10) {
                s.push('.');
                s.push_str(&(level % 10).to_string());
            }
        }
    }
    s
}

/// Fills the AVC fields of a video stream.
pub fn fill_video(s: &mut Stream, info: &AvcInfo) {
    s.set("Format", "AVC");
    let Some(sps) = &info.sps else { return };
    if let Some((profile, level)) = info.container_profile {
        s.set(
            "MuxingMode",
            format!("Container profile={}", profile_level(profile, level, 0)),
        );
    }
    let (width, height) = sps.size();
    let (stored_w, stored_h) = sps.stored_size();
    if let Some(vui) = &sps.vui {
        if let Some((units, scale, fixed_rate)) = vui.timing {
            if !fixed_rate {
                s.set("FrameRate_Mode", "VFR");
            } else if units != 0 && scale != 0 {
                // Two ticks a frame (MediaInfo keeps 2 for field-coded streams as well).
                let frame_rate = f64::from(scale as f32 / units as f32 / 2.0);
                super::side_effects::set_frame_rate(s, frame_rate);
            }
        }
        if let Some((w, h)) = vui.sar
            && w != 0
            && h != 0
        {
            let par = w as f32 / h as f32;
            s.set("PixelAspectRatio", fixed(f64::from(par), 3));
            if width != 0 && height != 0 {
                s.set(
                    "DisplayAspectRatio",
                    fixed(f64::from(width as f32 * par / height as f32), 3),
                );
            }
        }
        if let Some((top, bottom)) = vui.chroma_loc {
            let mut v = format!("Type {top}");
            if bottom != top {
                v.push_str(&format!(" / Type {bottom}"));
            }
            s.set("ChromaSubsampling_Position", v);
        }
        if let Some(fmt) = vui.video_format {
            s.set("Standard", video_format(fmt));
            set_with_source(
                s,
                "colour_range",
                if vui.full_range { "Full" } else { "Limited" },
            );
            if let Some((p, t, m)) = vui.colour {
                set_with_source(s, "colour_description_present", "Yes");
                set_with_source(s, "colour_primaries", colour::primaries(p));
                set_with_source(s, "transfer_characteristics", colour::transfer(t));
                set_with_source(s, "matrix_coefficients", colour::matrix(m));
                if m != 2 {
                    s.set("ColorSpace", colour::matrix_color_space(m));
                }
            }
        }
        fill_hrd(s, sps);
    }
    s.set(
        "Format_Profile",
        profile_level(sps.profile_idc, sps.level_idc, sps.constraint_flags),
    );
    s.set("Width", width.to_string());
    s.set("Height", height.to_string());
    s.set("Sampled_Width", width.to_string());
    s.set("Sampled_Height", height.to_string());
    if sps.crop[0] != 0 || sps.crop[1] != 0 {
        s.set("Stored_Width", stored_w.to_string());
    }
    if sps.crop[2] != 0 || sps.crop[3] != 0 {
        s.set("Stored_Height", stored_h.to_string());
    }
    fill_scan(s, sps, info);
    let mut settings = Vec::new();
    if let Some(pps) = &info.pps {
        if pps.cabac {
            settings.push("CABAC".to_string());
        }
        s.set(
            "Format_Settings_CABAC",
            if pps.cabac { "Yes" } else { "No" },
        );
        s.set(
            "Format_Settings_CABAC/String",
            if pps.cabac { "Yes" } else { "No" },
        );
    }
    if sps.max_num_ref_frames > 0 {
        let n = sps.max_num_ref_frames;
        settings.push(format!("{n} Ref Frames"));
        s.set("Format_Settings_RefFrames", n.to_string());
        s.set(
            "Format_Settings_RefFrames/String",
            format!("{n} frame{}", if n == 1 { "" } else { "s" }),
        );
    }
    if !settings.is_empty() {
        s.set("Format_Settings", settings.join(" / "));
    }
    if !s.has("ColorSpace") {
        s.set(
            "ColorSpace",
            match sps.chroma_format_idc {
                0 => "Y",
                1 | 2 => "YUV",
                _ => "",
            },
        );
    }
    s.set(
        "ChromaSubsampling",
        match sps.chroma_format_idc {
            1 => "4:2:0",
            2 => "4:2:2",
            3 => "4:4:4",
            _ => "",
        },
    );
    if sps.bit_depth_luma == sps.bit_depth_chroma {
        s.set("BitDepth", sps.bit_depth_luma.to_string());
    }
    if let Some(gop) = &info.gop {
        s.set("Format_Settings_GOP", gop.as_str());
    }
    if info.max_slices > 1 {
        s.set("Format_Settings_SliceCount", info.max_slices.to_string());
    }
    if let Some(text) = &info.encoder_text {
        fill_encoder(s, text);
    }
}

/// `video_format` as MediaInfo names it in `Standard` (H.264 and H.265 share the table).
pub fn video_format(v: u8) -> &'static str {
    [
        "Component",
        "PAL",
        "NTSC",
        "SECAM",
        "MAC",
        "",
        "Reserved",
        "Reserved",
    ][usize::from(v & 7)]
}

/// A colour description field and its `_Source` (the stream itself).
fn set_with_source(s: &mut Stream, name: &str, value: &str) {
    colour::set_with_source(s, name, value, "Stream");
}

/// Buffer size, and CBR/VBR with the nominal or maximum rate when all schedules agree.
fn fill_hrd(s: &mut Stream, sps: &Sps) {
    let Some(vui) = &sps.vui else { return };
    let mut rate: Option<u64> = None;
    let mut rate_valid = true;
    let mut cbr: Option<bool> = None;
    let mut cbr_valid = true;
    for hrd in [&vui.nal_hrd, &vui.vcl_hrd].into_iter().flatten() {
        for &(r, size, c) in &hrd.sched {
            s.append("BufferSize", &size.to_string());
            match rate {
                Some(prev) if prev != r => rate_valid = false,
                None => rate = Some(r),
                _ => {}
            }
            match cbr {
                Some(prev) if prev != c => cbr_valid = false,
                None => cbr = Some(c),
                _ => {}
            }
        }
    }
    if let Some(c) = cbr
        && cbr_valid
    {
        s.set("BitRate_Mode", if c { "CBR" } else { "VBR" });
        if let Some(r) = rate
            && rate_valid
        {
            s.set(
                if c {
                    "BitRate_Nominal"
                } else {
                    "BitRate_Maximum"
                },
                r.to_string(),
            );
        }
    }
}

/// Scan type from the coding structure and the first picture timing.
fn fill_scan(s: &mut Stream, sps: &Sps, info: &AvcInfo) {
    let frames = info.frame_pictures;
    let fields = info.field_pictures;
    if sps.mb_adaptive_frame_field && frames > 0 {
        s.set("ScanType", "MBAFF");
    } else if sps.frame_mbs_only || (frames > 0 && fields == 0) {
        match info.first_pic_struct {
            Some(3) => {
                s.set("ScanType", "Interlaced");
                s.set("ScanOrder", "TFF");
            }
            Some(4) => {
                s.set("ScanType", "Interlaced");
                s.set("ScanOrder", "BFF");
            }
            _ => s.set("ScanType", "Progressive"),
        }
    } else if fields > 0 {
        s.set("ScanType", "Interlaced");
    }
    match info.first_pic_struct {
        Some(1 | 2) => s.set("ScanType_StoreMethod", "SeparatedFields"),
        Some(3 | 4) => s.set("ScanType_StoreMethod", "InterleavedFields"),
        _ => {}
    }
    if !s.has("ScanOrder") {
        match info.first_pic_struct {
            Some(1 | 3) => s.set("ScanOrder", "TFF"),
            Some(2 | 4) => s.set("ScanOrder", "BFF"),
            _ => {}
        }
    }
}

/// Encoder library fields from x264-style user data: "x264 - core 164 r3095 baee400 -
/// H.264/MPEG-4 AVC codec - … - options: cabac=1 ref=3 …".
fn fill_encoder(s: &mut Stream, text: &str) {
    let mut library = String::new();
    let mut settings: Vec<&str> = Vec::new();
    for (i, part) in text.split(" - ").enumerate() {
        if let Some(options) = part.strip_prefix("options: ") {
            settings = options.split(' ').filter(|o| !o.is_empty()).collect();
            continue;
        }
        let clean = part.trim_matches(|c: char| (c as u32) < 0x30);
        if i == 0 {
            library = clean.to_string();
        } else if i == 1 && library.starts_with("x264") {
            library.push_str(" - ");
            library.push_str(part);
        }
    }
    if library.is_empty() {
        return;
    }
    s.set("Encoded_Library", library.clone());
    if let Some(version) = library.strip_prefix("x264 - ") {
        s.set("Encoded_Library_Name", "x264");
        s.set("Encoded_Library_Version", version);
    } else if let Some(version) = library.strip_prefix("eavc ") {
        s.set("Encoded_Library_Name", "eavc");
        s.set("Encoded_Library_Version", version);
    } else {
        s.set("Encoded_Library_Name", library.clone());
    }
    if !settings.is_empty() {
        s.set("Encoded_Library_Settings", settings.join(" / "));
        if let Some(rate) = settings.iter().find_map(|o| o.strip_prefix("bitrate=")) {
            s.set_if_absent("BitRate_Nominal", format!("{rate}000"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles() {
        assert_eq!(profile_level(66, 30, 0xC0), "Constrained Baseline@L3");
        assert_eq!(profile_level(100, 31, 0), "High@L3.1");
        assert_eq!(profile_level(77, 11, 0x10), "Main@L1b");
        assert_eq!(profile_level(110, 52, 0x10), "High 10 Intra@L5.2");
    }
}
