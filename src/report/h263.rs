//! MediaInfo's H.263 fields (File_H263's Streams_Fill) and the 3GPP `d263` box's (File_Mpeg4's).

use crate::codec::h263::{H263Info, source_format_size};
use crate::report::Stream;

use super::numbers::fixed;

/// Format, the source format's size, YUV 4:2:0 8-bit, and the pixel aspect ratio with the
/// display aspect ratio it gives.
pub fn fill_video(s: &mut Stream, info: &H263Info) {
    s.set("Format", "H.263");
    let size = source_format_size(info.source_format);
    if let Some((w, h)) = size {
        s.set("Width", w.to_string());
        s.set("Height", h.to_string());
        // A size filled by a codec parser is also its sampled size (MediaInfo's Fill).
        s.set("Sampled_Width", w.to_string());
        s.set("Sampled_Height", h.to_string());
    }
    s.set("ColorSpace", "YUV");
    s.set("ChromaSubsampling", "4:2:0");
    s.set("BitDepth", "8");
    let (pw, ph) = info.par;
    if pw != 0 && ph != 0 {
        let par = f32::from(pw) / f32::from(ph);
        s.set("PixelAspectRatio", fixed(f64::from(par), 3));
        if let Some((w, h)) = size {
            s.set(
                "DisplayAspectRatio",
                fixed(f64::from(w as f32 * par / h as f32), 3),
            );
        }
    }
}

/// The `d263` (H263SpecificBox) profile and level as File_Mpeg4 names them: `BaseLine@1.0`.
/// (Its encoder vendor and version are the 3GPP boxes' common fields, see `report::mp4`.)
pub fn d263_profile(level: u8, profile: u8) -> String {
    let profile = if profile == 0 {
        "BaseLine".to_string()
    } else {
        profile.to_string()
    };
    format!("{profile}@{}", fixed(f64::from(f32::from(level) / 10.0), 1))
}
