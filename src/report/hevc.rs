//! MediaInfo's HEVC fields (File_Hevc's Streams_Fill), from what the HEVC parser kept.
//!
//! Sets: Format, Format_Profile (from a multi-layer VPS, else the SPS), MultiView_Count,
//! Width/Height after the conformance window (also Sampled_Width/Height),
//! Stored_Width/Height, ColorSpace, ChromaSubsampling (+ position), BitDepth, FrameRate from
//! VUI timing, PixelAspectRatio and DisplayAspectRatio from the VUI, Standard, the colour
//! description and range (with `_Source` = Stream), the preferred transfer characteristics,
//! the mastering display's HDR fields, MaxCLL/MaxFALL, and the encoder library fields from
//! x265's or Ateme's user data. File_Hevc sets no scan type: a container's (MP4 `fiel`) is the
//! only one.

use crate::codec::hevc::ptl::ProfileTierLevel;
use crate::codec::hevc::{EncoderText, HevcInfo, Sps};
use crate::report::hdr::HdrFormats;
use crate::report::{Stream, colour};

use super::numbers::fixed;

/// Profile names by `general_profile_idc`.
fn profile_name(idc: u8) -> &'static str {
    match idc {
        1 => "Main",
        2 => "Main 10",
        3 => "Main Still",
        4 => "Format Range",
        5 => "High Throughput",
        6 => "Multiview Main",
        7 => "Scalable Main",
        8 => "3D Main",
        9 => "Screen Content",
        10 => "Scalable Format Range",
        _ => "",
    }
}

/// `Main@L3.1@Main`: profile (a multiview or scalable one with the bit depth its constraint
/// flags allow), level (level_idc / 30, one decimal unless level_idc is a multiple of 10) and
/// tier. Empty for a profile space other than 0.
pub fn profile_level_tier(p: &ProfileTierLevel) -> String {
    let mut s = String::new();
    if p.profile_space != 0 {
        return s;
    }
    if p.profile_idc != 0 {
        s.push_str(profile_name(p.profile_idc));
        if matches!(p.profile_idc, 6 | 7) && !p.max_8bit {
            let extra = match (p.max_10bit, p.max_12bit, p.max_14bit) {
                (true, _, _) => 1,
                (false, true, _) => 2,
                (false, false, true) => 3,
                (false, false, false) => 4,
            };
            s.push_str(&format!(" {}", 8 + extra * 2));
        }
    }
    if p.level_idc != 0 {
        if p.profile_idc != 0 {
            s.push('@');
        }
        let decimals = if p.level_idc.is_multiple_of(10) { 0 } else { 1 };
        s.push('L');
        s.push_str(&fixed(f64::from(f32::from(p.level_idc) / 30.0), decimals));
        s.push('@');
        s.push_str(if p.tier { "High" } else { "Main" });
    }
    s
}

/// Fills the HEVC fields of a video stream.
pub fn fill_video(s: &mut Stream, info: &HevcInfo) {
    s.set("Format", "HEVC");
    // A VPS with more than one layer names the profile (MV-HEVC's "Multiview Main").
    for vps in info.vps.iter().flatten() {
        if vps.profiles.len() < 2 {
            continue;
        }
        if let Some(p) = vps.profiles.last()
            && !s.has("Format_Profile")
        {
            s.set("Format_Profile", profile_level_tier(p));
        }
        if let Some(n) = vps.view_count() {
            s.set("MultiView_Count", n.to_string());
        }
    }
    // MediaInfo fills from every base-layer SPS without replacing; streams carry one.
    if let Some(sps) = info.sps.iter().flatten().find(|sps| sps.nuh_layer_id == 0) {
        fill_sps(s, sps, info.preferred_transfer);
    }
    if let Some(text) = &info.encoder {
        fill_encoder(s, text);
    }
    fill_hdr(s, info);
    if let Some(v) = info.max_cll {
        colour::set_with_source(s, "MaxCLL", &format!("{v} cd/m2"), "Stream");
    }
    if let Some(v) = info.max_fall {
        colour::set_with_source(s, "MaxFALL", &format!("{v} cd/m2"), "Stream");
    }
    if let Some((top, bottom)) = info.chroma_loc {
        let mut v = format!("Type {top}");
        if bottom != top {
            v.push_str(&format!(" / Type {bottom}"));
        }
        s.set("ChromaSubsampling_Position", v);
    }
}

/// File_Hevc's HDR formats, by precedence (SMPTE ST 2094-10, ST 2094-40, ETSI TS 103 433,
/// HDR Vivid, SMPTE ST 2086); only the last, from the mastering display SEI, is read here.
const HDR_FORMATS: usize = 5;
const HDR_ST2086: usize = 4;

/// The HDR fields of the first mastering display colour volume SEI: SMPTE ST 2086 (HDR10
/// compatible), its primaries and luminance, merged as File_Hevc merges its formats.
fn fill_hdr(s: &mut Stream, info: &HevcInfo) {
    let Some((primaries, [max, min])) = info.mastering else {
        return;
    };
    let mut hdr = HdrFormats::new(HDR_FORMATS, HDR_ST2086);
    hdr.set(HDR_ST2086, "HDR_Format", "SMPTE ST 2086");
    hdr.set(HDR_ST2086, "HDR_Format_Compatibility", "HDR10");
    super::hdr::add_mastering(
        &mut hdr,
        HDR_ST2086,
        &primaries.map(Some),
        &[Some(min), Some(max)],
    );
    super::hdr::fill_merged(s, &hdr.merged(), "Stream");
}

/// A colour description field and its `_Source` (the stream itself).
fn set_with_source(s: &mut Stream, name: &str, value: &str) {
    colour::set_with_source(s, name, value, "Stream");
}

/// The fields of one base-layer SPS.
fn fill_sps(s: &mut Stream, sps: &Sps, preferred_transfer: Option<u8>) {
    if let Some(p) = &sps.profile
        && !s.has("Format_Profile")
    {
        s.set("Format_Profile", profile_level_tier(p));
    }
    let Some(format) = sps.format else { return };
    let (width, height) = sps.size().unwrap_or_default();
    s.set("Width", width.to_string());
    s.set("Height", height.to_string());
    // A size filled by a codec parser is also its sampled size (MediaInfo's Fill).
    s.set("Sampled_Width", width.to_string());
    s.set("Sampled_Height", height.to_string());
    let [left, right, top, bottom] = sps.conf_win;
    if left != 0 || right != 0 {
        s.set("Stored_Width", format.width.to_string());
    }
    if top != 0 || bottom != 0 {
        s.set("Stored_Height", format.height.to_string());
    }
    s.set(
        "ColorSpace",
        match format.chroma_format_idc {
            0 => "Y",
            1 | 2 => "YUV",
            _ => "",
        },
    );
    s.set(
        "ChromaSubsampling",
        match format.chroma_format_idc {
            1 => "4:2:0",
            2 => "4:2:2",
            3 => "4:4:4",
            _ => "",
        },
    );
    if format.bit_depth_luma == format.bit_depth_chroma {
        s.set("BitDepth", format.bit_depth_luma.to_string());
    }
    // The preferred transfer comes first; a VUI colour description adds its own after it.
    if let Some(t) = preferred_transfer.filter(|&t| t != 2) {
        set_with_source(s, "transfer_characteristics", colour::transfer(t));
    }
    let Some(vui) = &sps.vui else { return };
    if let Some((units, scale)) = vui.timing
        && units != 0
        && scale != 0
    {
        let rate = f64::from(scale as f32 / units as f32);
        super::side_effects::set_frame_rate(s, rate);
    }
    if let Some((w, h)) = vui.sar
        && w != 0
        && h != 0
    {
        let par = f32::from(w) / f32::from(h);
        s.set("PixelAspectRatio", fixed(f64::from(par), 3));
        if width != 0 && height != 0 {
            s.set(
                "DisplayAspectRatio",
                fixed(f64::from(width as f32 * par / height as f32), 3),
            );
        }
    }
    if let Some((video_format, full_range)) = vui.signal_type {
        s.set("Standard", super::avc::video_format(video_format));
        set_with_source(
            s,
            "colour_range",
            if full_range { "Full" } else { "Limited" },
        );
        if let Some((p, t, m)) = vui.colour {
            set_with_source(s, "colour_description_present", "Yes");
            set_with_source(s, "colour_primaries", colour::primaries(p));
            let transfer = colour::transfer(t);
            match s.get("transfer_characteristics") {
                Some(before) if !transfer.is_empty() => {
                    let joined = format!("{before} / {transfer}");
                    s.set("transfer_characteristics", joined);
                }
                _ => set_with_source(s, "transfer_characteristics", transfer),
            }
            set_with_source(s, "matrix_coefficients", colour::matrix(m));
            if m != 2 {
                s.set("ColorSpace", colour::matrix_color_space(m));
            }
        }
    }
}

/// Encoder library fields from user data: x265's " - "-separated text (name, version, …,
/// `options: …`) or Ateme's name and version.
fn fill_encoder(s: &mut Stream, text: &EncoderText) {
    let (library, name, version, settings) = match text {
        EncoderText::X265(bytes) => x265_fields(bytes),
        EncoderText::Ateme(text) => {
            let (mut name, mut version) = (String::new(), String::new());
            if text.starts_with("ATEME ")
                && let Some(pos) = text.find(|c: char| c.is_ascii_digit())
                && text[..pos].ends_with(' ')
            {
                name = text[..pos - 1].to_string();
                version = text[pos..].to_string();
            }
            (text.clone(), name, version, String::new())
        }
    };
    s.set("Encoded_Library", library);
    s.set("Encoded_Library_Name", name);
    s.set("Encoded_Library_Version", version);
    s.set("Encoded_Library_Settings", settings);
}

/// x265's text as File_Hevc splits it: the first part's first word names the library, the
/// second part (cut before " 8bpp") is its version when the library is x265, and everything
/// after "options: " is the settings, one space-separated option at a time, without those
/// that repeat the picture format (a leading digit, `fps=`, `bitdepth=`). Bytes after a NUL in
/// a value are dropped, as MediaInfo's C strings drop them.
fn x265_fields(data: &[u8]) -> (String, String, String, String) {
    let c_str = crate::bytes::utf8_c_string;
    let find = |from: usize, pat: &[u8]| {
        data.get(from..)
            .and_then(|rest| rest.windows(pat.len()).position(|w| w == pat))
            .map(|p| p + from)
    };
    let mut library = String::new();
    let mut settings = String::new();
    let mut before = 0usize;
    let mut part = 0usize;
    loop {
        let end = find(before, b" - ").unwrap_or(data.len());
        if data[before..].starts_with(b"options: ") {
            settings.clear();
            let options = data[before..]
                .split(|&b| b == b' ')
                .filter(|o| !o.is_empty())
                .filter(|o| {
                    *o != b"options:"
                        && !o[0].is_ascii_digit()
                        && !o.starts_with(b"fps=")
                        && !o.starts_with(b"bitdepth=")
                });
            // Added one by one, a separator only after a non-empty value: options that are
            // not UTF-8 (empty once decoded) leave no trace at the start.
            for o in options {
                if !settings.is_empty() {
                    settings.push_str(" / ");
                }
                settings.push_str(&c_str(o));
            }
        } else {
            let value = &data[before..end];
            if part == 0 {
                // Signed chars below '0' are trimmed at both ends (bytes over 0x7F among them).
                let low = |b: &u8| (*b as i8) < 0x30;
                let start = value.iter().position(|b| !low(b)).unwrap_or(value.len());
                let stop = value.iter().rposition(|b| !low(b)).map_or(start, |p| p + 1);
                let mut v = &value[start..stop.max(start)];
                if let Some(space) = v.iter().position(|&b| b == b' ') {
                    v = &v[..space];
                }
                library = c_str(v);
            } else if part == 1 && library.starts_with("x265") {
                let mut v = value;
                if let Some(p) = v.windows(5).position(|w| w == b" 8bpp") {
                    v = &v[..p];
                }
                library.push_str(" - ");
                library.push_str(&c_str(v));
            }
        }
        before = end;
        if before + 3 <= data.len() {
            before += 3;
        }
        part += 1;
        if before >= data.len() {
            break;
        }
    }
    let (name, version) = match library.strip_prefix("x265 - ") {
        Some(v) => ("x265".to_string(), v.to_string()),
        None => (library.clone(), String::new()),
    };
    (library, name, version, settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles() {
        let mut p = ProfileTierLevel {
            profile_idc: 1,
            level_idc: 93,
            ..Default::default()
        };
        assert_eq!(profile_level_tier(&p), "Main@L3.1@Main");
        p.level_idc = 120;
        p.tier = true;
        assert_eq!(profile_level_tier(&p), "Main@L4@High");
        p.profile_idc = 6;
        p.max_8bit = true;
        p.level_idc = 156;
        p.tier = false;
        assert_eq!(profile_level_tier(&p), "Multiview Main@L5.2@Main");
        p.max_8bit = false;
        p.max_10bit = true;
        assert_eq!(profile_level_tier(&p), "Multiview Main 10@L5.2@Main");
    }

    #[test]
    fn x265_text() {
        let text = b"x265 (build 199) - 3.5+1-f0c1022b6:[Linux][GCC 10.3.0][64 bit] 8bit+10bit+12bit - H.265/HEVC codec - Copyright 2013-2018 (c) Multicoreware, Inc - http://x265.org - options: cpuid=1111039 frame-threads=5 wpp 1920x1080 fps=25/1 bitdepth=8 no-pmode\0";
        let (library, name, version, settings) = x265_fields(text);
        assert_eq!(
            library,
            "x265 - 3.5+1-f0c1022b6:[Linux][GCC 10.3.0][64 bit] 8bit+10bit+12bit"
        );
        assert_eq!(name, "x265");
        assert_eq!(
            version,
            "3.5+1-f0c1022b6:[Linux][GCC 10.3.0][64 bit] 8bit+10bit+12bit"
        );
        assert_eq!(settings, "cpuid=1111039 / frame-threads=5 / wpp / no-pmode");
        let (library, name, _, settings) = x265_fields(b"Visionular-265-core.V1.4.4.3-3-g674be90");
        assert_eq!(library, "Visionular-265-core.V1.4.4.3-3-g674be90");
        assert_eq!(name, library);
        assert_eq!(settings, "");
    }
}
