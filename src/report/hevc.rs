//! MediaInfo's HEVC fields from the decoder configuration record.

use crate::codec::hevc::HevcConfig;
use crate::report::Stream;
use crate::report::numbers::fixed;

/// `Main@L3.1@Main`: profile, level (level_idc / 30) and tier.
pub fn profile_level_tier(c: &HevcConfig) -> String {
    let profile = match c.profile_idc {
        1 => "Main".to_string(),
        2 => "Main 10".to_string(),
        3 => "Main Still".to_string(),
        4 => "Format Range".to_string(),
        5 => "High Throughput".to_string(),
        6 => "Multiview Main".to_string(),
        7 => "Scalable Main".to_string(),
        8 => "3D Main".to_string(),
        9 => "Screen Content".to_string(),
        10 => "Scalable Format Range".to_string(),
        n => n.to_string(),
    };
    let major = c.level_idc / 30;
    let minor = (c.level_idc % 30) / 3;
    let level = if minor == 0 {
        major.to_string()
    } else {
        format!("{major}.{minor}")
    };
    let tier = if c.tier == 1 { "High" } else { "Main" };
    format!("{profile}@L{level}@{tier}")
}

/// Format, profile@level@tier, bit depth, chroma subsampling, colour space, sampled size and
/// scan type (progressive: field coding is signalled in the SPS, not read yet).
pub fn fill_video(s: &mut Stream, c: &HevcConfig, size: Option<(u64, u64)>) {
    s.set("Format", "HEVC");
    s.set("Format_Profile", profile_level_tier(c));
    if c.bit_depth_luma == c.bit_depth_chroma {
        s.set("BitDepth", c.bit_depth_luma.to_string());
    }
    s.set(
        "ChromaSubsampling",
        match c.chroma_format {
            0 => "4:0:0",
            1 => "4:2:0",
            2 => "4:2:2",
            _ => "4:4:4",
        },
    );
    // File_Hevc names no colour space for 4:4:4.
    match c.chroma_format {
        0 => s.set("ColorSpace", "Y"),
        1 | 2 => s.set("ColorSpace", "YUV"),
        _ => {}
    }
    if let Some((w, h)) = size {
        s.set("Sampled_Width", w.to_string());
        s.set("Sampled_Height", h.to_string());
    }
    s.set("ScanType", "Progressive");
}

/// The encoder library fields of x265's user data: "x265 (build 79) - 1.9:[Linux]… -
/// H.265/HEVC codec - … - options: 720x576 fps=25/1 bitdepth=8 wpp ctu=64 …" (the size,
/// frame rate and bit depth options are left out, as MediaInfo repeats them elsewhere).
pub fn fill_x265(s: &mut Stream, text: &str) {
    let mut library = String::new();
    let mut settings: Vec<&str> = Vec::new();
    for (i, part) in text.split(" - ").enumerate() {
        if part.starts_with("options: ") {
            settings = part
                .split(' ')
                .filter(|o| {
                    !o.is_empty()
                        && *o != "options:"
                        && !o.starts_with(|c: char| c.is_ascii_digit())
                        && !o.starts_with("fps=")
                        && !o.starts_with("bitdepth=")
                })
                .collect();
        } else if i == 0 {
            let clean = part.trim_matches(|c: char| (c as u32) < 0x30);
            library = clean.split(' ').next().unwrap_or("").to_string();
        } else if i == 1 && library.starts_with("x265") {
            let version = part.split(" 8bpp").next().unwrap_or(part);
            library = format!("{library} - {version}");
        }
    }
    if library.is_empty() {
        return;
    }
    s.set("Encoded_Library", library.clone());
    match library.strip_prefix("x265 - ") {
        Some(version) => {
            s.set("Encoded_Library_Name", "x265");
            s.set("Encoded_Library_Version", version);
        }
        None => s.set("Encoded_Library_Name", library.clone()),
    }
    if !settings.is_empty() {
        s.set("Encoded_Library_Settings", settings.join(" / "));
    }
}

/// File_Hevc's fields from the sequence parameter set (`Streams_Fill` for an SPS): cropped and
/// stored size, colour space, chroma subsampling, bit depth, and the VUI's frame rate, aspect
/// ratio, video signal type and colour description (with their `_Source`).
pub fn fill_sps(s: &mut Stream, sps: &crate::codec::hevc::Sps) {
    use crate::report::colour;
    let (width, height) = sps.size();
    s.set("Width", width.to_string());
    s.set("Height", height.to_string());
    s.set("Sampled_Width", width.to_string());
    s.set("Sampled_Height", height.to_string());
    let [l, r, t, b] = sps.conf_win;
    if l != 0 || r != 0 {
        s.set("Stored_Width", sps.width.to_string());
    }
    if t != 0 || b != 0 {
        s.set("Stored_Height", sps.height.to_string());
    }
    s.remove("ColorSpace");
    s.remove("ChromaSubsampling");
    match sps.chroma_format_idc {
        0 => s.set("ColorSpace", "Y"),
        1 | 2 => s.set("ColorSpace", "YUV"),
        _ => {}
    }
    let chroma = ["", "4:2:0", "4:2:2", "4:4:4"][usize::from(sps.chroma_format_idc & 3)];
    if !chroma.is_empty() {
        s.set("ChromaSubsampling", chroma);
    }
    s.remove("BitDepth");
    if sps.bit_depth_luma == sps.bit_depth_chroma {
        s.set("BitDepth", sps.bit_depth_luma.to_string());
    }
    let Some(vui) = &sps.vui else { return };
    if let Some((units, scale)) = vui.timing
        && units != 0
        && scale != 0
    {
        super::side_effects::set_frame_rate(s, f64::from(scale as f32 / units as f32));
    }
    if let Some((w, h)) = vui.sar
        && w != 0
        && h != 0
    {
        let par = w as f32 / h as f32;
        s.set("PixelAspectRatio", fixed(f64::from(par), 3));
        if width != 0 && height != 0 {
            let dar = width as f32 * par / height as f32;
            s.set("DisplayAspectRatio", fixed(f64::from(dar), 3));
        }
    }
    if let Some((format, full)) = vui.signal {
        let standard = ["Component", "PAL", "NTSC", "SECAM", "MAC", "", "", ""];
        let name = standard[usize::from(format & 7)];
        if !name.is_empty() {
            s.set("Standard", name);
        }
        // The source is filled even for a code MediaInfo has no name for.
        let set = |s: &mut Stream, name: &str, value: &str| {
            if !value.is_empty() {
                s.set(name, value);
            }
            s.set(format!("{name}_Source"), "Stream");
        };
        set(s, "colour_range", if full { "Full" } else { "Limited" });
        if let Some((p, t, m)) = vui.colour {
            set(s, "colour_description_present", "Yes");
            set(s, "colour_primaries", colour::primaries(p));
            set(s, "transfer_characteristics", colour::transfer(t));
            set(s, "matrix_coefficients", colour::matrix(m));
            if m != 2 {
                let space = colour::matrix_color_space(m);
                if space.is_empty() {
                    s.remove("ColorSpace");
                } else {
                    s.set("ColorSpace", space);
                }
            }
        }
    }
    if let Some((top, bottom)) = vui.chroma_loc {
        let mut v = format!("Type {top}");
        if bottom != top {
            v.push_str(&format!(" / Type {bottom}"));
        }
        s.set("ChromaSubsampling_Position", v);
    }
}
