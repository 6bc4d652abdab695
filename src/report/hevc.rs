//! MediaInfo's HEVC fields from the decoder configuration record.

use crate::codec::hevc::HevcConfig;
use crate::report::Stream;

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
    s.set("ColorSpace", if c.chroma_format == 0 { "Y" } else { "YUV" });
    if let Some((w, h)) = size {
        s.set("Sampled_Width", w.to_string());
        s.set("Sampled_Height", h.to_string());
    }
    s.set("ScanType", "Progressive");
}
