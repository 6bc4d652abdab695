//! VP9 facts → MediaInfo fields (File_Vp9): the CodecPrivate features, then the first frame's
//! header.

use crate::codec::vp9::{Vp9Features, Vp9Frame, chroma_subsampling};

use super::Stream;
use super::colour;

/// Fills what MediaInfo's VP9 parser reports from the Matroska CodecPrivate features and the
/// first frame it accepted.
pub fn fill_video(s: &mut Stream, features: &Vp9Features, first: Option<&Vp9Frame>) {
    s.set("Format", "VP9");
    if let Some(v) = features.profile {
        s.set("Format_Profile", v.to_string());
    }
    if let Some(v) = features.level {
        s.set("Format_Level", format!("{:.1}", f32::from(v) / 10.0));
    }
    if let Some(v) = features.bit_depth {
        s.set("BitDepth", v.to_string());
    }
    if let Some(v) = features.chroma.filter(|&v| v < 4) {
        // Features 0 and 1 are 4:2:0 (two sitings), 2 is 4:2:2, 3 (4:4:4) has no name.
        s.set(
            "ChromaSubsampling",
            chroma_subsampling([3, 3, 2, 0][usize::from(v)]),
        );
        if v < 2 {
            s.set("ChromaSubsampling_Position", format!("Type {v}"));
        }
    }
    let Some(f) = first.filter(|f| f.valid) else {
        return;
    };
    if let Some((w, h)) = f.size {
        // A stream parser's picture size is also its sampled size.
        s.set("Width", w.to_string());
        s.set("Height", h.to_string());
        s.set("Sampled_Width", w.to_string());
        s.set("Sampled_Height", h.to_string());
    }
    if let Some(c) = &f.color {
        s.set("Format_Profile", f.profile.to_string());
        s.set("BitDepth", c.bit_depth.to_string());
        s.set("ColorSpace", colour::matrix_color_space(c.matrix));
        s.set("matrix_coefficients", colour::matrix(c.matrix));
        s.set("matrix_coefficients_Source", "Stream");
        if c.matrix != 0 {
            s.set("ChromaSubsampling", chroma_subsampling(c.subsampling));
            let range = if c.full_range == Some(true) {
                "Full"
            } else {
                "Limited"
            };
            s.set("colour_range", range);
            s.set("colour_range_Source", "Stream");
        }
    }
}
