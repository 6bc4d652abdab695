//! MediaInfo's VC-3 fields (File_Vc3's Streams_Fill) and its DNxHD/DNxHR commercial names
//! (Streams_Finish_StreamOnly).

use crate::codec::vc3::FrameHeader;
use crate::report::Stream;

use super::numbers::fixed;

/// What File_Vc3 knows of a compression ID it supports: width, height, bit depth,
/// interlaced, RGB (else YUV 4:2:2).
struct Cid {
    width: u32,
    height: u32,
    depth: u8,
    interlaced: bool,
    rgb: bool,
}

const fn cid(w: u32, h: u32, depth: u8, interlaced: bool) -> Cid {
    Cid {
        width: w,
        height: h,
        depth,
        interlaced,
        rgb: false,
    }
}

/// The compression IDs File_Vc3 takes its format from (`Vc3_FromCID_IsSupported`).
fn supported(id: u32) -> Option<Cid> {
    Some(match id {
        1235 => cid(1920, 1080, 10, false),
        1237 => cid(1920, 1080, 8, false),
        1238 => cid(1920, 1080, 8, false),
        1241 => cid(1920, 1080, 10, true),
        1242 => cid(1920, 1080, 8, true),
        1243 => cid(1920, 1080, 8, true),
        1250 => cid(1280, 720, 10, false),
        1251 => cid(1280, 720, 8, false),
        1252 => cid(1280, 720, 8, false),
        1253 => cid(1920, 1080, 8, false),
        // MediaInfo's width table has no entry for 1256.
        1256 => Cid {
            width: 0,
            height: 1080,
            depth: 10,
            interlaced: false,
            rgb: true,
        },
        1258 => cid(960, 720, 8, false),
        1259 => cid(1440, 1080, 8, false),
        1260 => cid(1440, 1080, 8, true),
        _ => return None,
    })
}

/// `HD@HQX`, `RI@LB`…: the profile and level a compression ID names.
fn profile_level(id: u32) -> String {
    let profile = match id {
        1235..=1260 => "HD",
        1270..=1275 => "RI",
        _ => "",
    };
    let level = match id {
        1256 | 1270 => "444",
        1235 | 1241 | 1250 | 1271 => "HQX",
        1238 | 1243 | 1251 | 1272 => "HQ",
        1237 | 1242 | 1252 | 1273 => "SQ",
        1253 | 1274 => "LB",
        _ => "",
    };
    format!("{profile}@{level}")
}

/// Fills the VC-3 fields from the first frame's header.
pub fn fill_video(s: &mut Stream, h: &FrameHeader) {
    s.set("Format", "VC-3");
    s.set("BitRate_Mode", if h.vbr { "VBR" } else { "CBR" });
    s.set("Format_Version", format!("Version {}", h.version));
    s.set("Format_Profile", profile_level(h.cid));
    match h.field_frame_count {
        2 => s.set("ScanOrder", "TFF"),
        3 => s.set("ScanOrder", "BFF"),
        _ => {}
    }
    // No Sampled_Width/Height: MediaInfo fills none for VC-3 in MP4 (dnxhd100_cid1260.mp4).
    if let Some(c) = supported(h.cid) {
        if c.width != 0 {
            s.set("Width", c.width.to_string());
        }
        if c.height != 0 {
            s.set("Height", c.height.to_string());
        }
        s.set("BitDepth", c.depth.to_string());
        s.set(
            "ScanType",
            if c.interlaced {
                "Interlaced"
            } else {
                "Progressive"
            },
        );
        s.set("ColorSpace", if c.rgb { "RGB" } else { "YUV" });
        if !c.rgb {
            s.set("ChromaSubsampling", "4:2:2");
        }
        // File_Vc3 compares a field index, not the width, with 1440: always 1.
        set_par(s, 1.0, c.width, c.height);
    } else if h.version <= 3 {
        let height = u32::from(h.lines) * if h.interlaced { 2 } else { 1 };
        let width = u32::from(h.samples_per_line);
        s.set("Width", width.to_string());
        s.set("Height", height.to_string());
        let depth = match h.bit_depth_code {
            1 => 8,
            2 => 10,
            3 => 12,
            _ => 0,
        };
        s.set("BitDepth", depth.to_string());
        s.set(
            "ScanType",
            if h.interlaced {
                "Interlaced"
            } else {
                "Progressive"
            },
        );
        let alpha = if h.alpha { "A" } else { "" };
        s.set(
            "ColorSpace",
            format!("{}{alpha}", if h.rgb { "RGB" } else { "YUV" }),
        );
        if !h.rgb {
            let ssc = ["4:2:2", "4:2:0", "4:4:4", ""][usize::from(h.subsampling & 3)];
            s.set(
                "ChromaSubsampling",
                format!("{ssc}{}", if h.alpha { "4" } else { "" }),
            );
        }
        let (c, n) = h.par;
        if c != 0 && n != 0 {
            set_par(s, f64::from(c) / f64::from(n), width, height);
        }
    }
    if let Some(tc) = &h.time_code {
        s.set("TimeCode_FirstFrame", tc.clone());
    }
}

/// The pixel aspect ratio, and the display aspect ratio MediaInfo's Fill derives from it.
fn set_par(s: &mut Stream, par: f64, width: u32, height: u32) {
    s.set("PixelAspectRatio", fixed(par, 3));
    if width != 0 && height != 0 {
        s.set(
            "DisplayAspectRatio",
            fixed(f64::from(width) * par / f64::from(height), 3),
        );
    }
}

/// The DNxHD or DNxHR name MediaInfo gives a VC-3 stream (`Format_Commercial_IfAny`): for an
/// HD profile, "DNxHD" and the nominal rate (Mb/s) that its height, rounded frame rate and
/// rounded bit rate (Mb/s) fall in, "x" for 10-bit; for RI, "DNxHR" and the level.
pub fn commercial_name(
    profile: &str,
    height: u64,
    frame_rate: u64,
    bit_rate: u64,
    bit_depth: u64,
) -> Option<String> {
    if let Some(level) = profile.strip_prefix("RI@") {
        return Some(format!("DNxHR {level}"));
    }
    if !profile.starts_with("HD") {
        return None;
    }
    // (lowest, highest + 1, nominal) bit rates, for each height range and frame rate.
    let ranges: &[(u64, u64, u64)] = match (height, frame_rate) {
        (900..=1300, 60) => &[(420, 440, 440), (271, 311, 290), (80, 100, 90)],
        (900..=1300, 50) => &[(347, 387, 365), (222, 262, 240), (65, 85, 75)],
        (900..=1300, 30) => &[
            (420, 440, 440),
            (200, 240, 220),
            (130, 160, 145),
            (90, 110, 100),
            (40, 50, 45),
        ],
        (900..=1300, 25) => &[
            (347, 387, 365),
            (164, 204, 185),
            (111, 131, 120),
            (74, 94, 85),
            (31, 41, 36),
        ],
        (900..=1300, 24) => &[
            (332, 372, 350),
            (156, 196, 175),
            (105, 125, 116),
            (70, 90, 80),
            (31, 41, 36),
        ],
        (600..=800, 60) => &[(200, 240, 220), (130, 160, 145), (90, 110, 100)],
        (600..=800, 50) => &[(155, 195, 175), (105, 125, 115), (75, 95, 85)],
        (600..=800, 30) => &[(100, 120, 110), (62, 82, 75), (44, 56, 50)],
        (600..=800, 25) => &[(82, 102, 90), (55, 65, 60), (38, 48, 45)],
        (600..=800, 24) => &[(78, 98, 90), (53, 63, 60), (36, 46, 41)],
        _ => &[],
    };
    let nominal = ranges
        .iter()
        .find(|(lo, hi, _)| (*lo..*hi).contains(&bit_rate))
        .map(|r| r.2)?;
    match bit_depth {
        8 => Some(format!("DNxHD {nominal}")),
        10 => Some(format!("DNxHD {nominal}x")),
        _ => None,
    }
}
