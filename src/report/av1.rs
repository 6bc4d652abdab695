//! MediaInfo's AV1 fields from the configuration record.

use crate::codec::av1::{Av1Config, ColorConfig};
use crate::report::{Stream, colour};

/// The colour description of the sequence header, marked as coming from the stream.
pub fn fill_colour(s: &mut Stream, c: &ColorConfig) {
    let set = |s: &mut Stream, n: &str, v: &str| colour::set_with_source(s, n, v, "Stream");
    if let Some((p, t, m)) = c.description {
        set(s, "colour_description_present", "Yes");
        set(
            s,
            "colour_range",
            if c.full_range { "Full" } else { "Limited" },
        );
        set(s, "colour_primaries", colour::primaries(p));
        set(s, "transfer_characteristics", colour::transfer(t));
        set(s, "matrix_coefficients", colour::matrix(m));
    }
}

/// Format, profile@level, bit depth, chroma subsampling and colour space.
pub fn fill_video(s: &mut Stream, c: &Av1Config, size: Option<(u64, u64)>) {
    s.set("Format", "AV1");
    let profile = match c.profile {
        0 => "Main",
        1 => "High",
        2 => "Professional",
        _ => "",
    };
    let level = format!("{}.{}", 2 + (c.level_idx >> 2), c.level_idx & 3);
    s.set("Format_Profile", format!("{profile}@L{level}"));
    s.set("BitDepth", c.bit_depth().to_string());
    s.set("ColorSpace", if c.monochrome { "Y" } else { "YUV" });
    let chroma = if c.monochrome {
        "4:0:0"
    } else {
        match (c.subsampling_x, c.subsampling_y) {
            (true, true) => "4:2:0",
            (true, false) => "4:2:2",
            _ => "4:4:4",
        }
    };
    s.set("ChromaSubsampling", chroma);
    if let Some((w, h)) = size {
        s.set("Sampled_Width", w.to_string());
        s.set("Sampled_Height", h.to_string());
    }
}
