//! MediaInfo's VC-1 fields from the sequence header (File_Vc1's Streams_Accept and
//! Streams_Fill).

use crate::codec::vc1::SequenceHeader;
use crate::report::Stream;

use super::numbers::fixed;

/// Fills the stream File_Vc1 describes from a sequence header (no frame read: an interlaced
/// stream's scan type, which its frames decide, is left out).
pub fn fill_video(s: &mut Stream, h: &SequenceHeader) {
    s.set("Format", "VC-1");
    s.set("BitDepth", "8");
    let mut profile =
        ["Simple", "Main", "Complex", "Advanced"][usize::from(h.profile & 3)].to_string();
    if let Some(level) = h.level.filter(|_| h.profile == 3) {
        profile.push_str(&format!("@L{level}"));
    }
    s.set("Format_Profile", profile);
    s.set("ColorSpace", "YUV");
    if h.colordiff_format == 1 {
        s.set("ChromaSubsampling", "4:2:0");
    }
    if h.coded_width != 0 && h.coded_height != 0 {
        let (w, h) = (
            (u32::from(h.coded_width) + 1) * 2,
            (u32::from(h.coded_height) + 1) * 2,
        );
        // A stream parser's picture size is also its sampled size.
        for (name, v) in [
            ("Width", w),
            ("Height", h),
            ("Sampled_Width", w),
            ("Sampled_Height", h),
        ] {
            s.set(name, v.to_string());
        }
    }
    // Codes 1 to 13 are H.264's sample aspect ratios; 0 and 14 (reserved) count as 1.
    let par = if h.aspect_ratio != 15 {
        match crate::codec::avc::sps::SAR.get(usize::from(h.aspect_ratio)) {
            Some(&(x, y)) if (1..=13).contains(&h.aspect_ratio) => x as f32 / y as f32,
            _ => 1.0,
        }
    } else if h.aspect_y != 0 {
        f32::from(h.aspect_x) / f32::from(h.aspect_y)
    } else {
        1.0
    };
    s.set("PixelAspectRatio", fixed(f64::from(par), 3));
    if let Some((num, den)) = h.frame_rate {
        let rate = f64::from(num) / f64::from(den);
        s.set("FrameRate", fixed(rate, 3));
        // What MediaInfo's Fill derives from a frame rate.
        if let Some((n, d)) = crate::report::finish::frame_rate_fraction(rate) {
            s.set("FrameRate_Num", n);
            s.set("FrameRate_Den", d);
        }
    }
    if !h.interlace {
        s.set("ScanType", "Progressive");
    }
}
