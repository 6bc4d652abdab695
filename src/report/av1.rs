//! MediaInfo's AV1 fields from the first sequence header File_Av1 reads.

use crate::report::{Stream, colour};

/// What MediaInfo's AV1 parser fills from the first sequence header it reads (the av1C
/// fields themselves are skipped).
pub fn fill_sequence_header(s: &mut Stream, h: &crate::codec::av1::SequenceHeader) {
    s.set("Format", "AV1");
    let profile = match h.profile {
        0 => "Main",
        1 => "High",
        2 => "Professional",
        _ => "",
    };
    let level = if h.level_idx == 31 {
        String::new()
    } else {
        format!("@L{}.{}", 2 + (h.level_idx >> 2), h.level_idx & 3)
    };
    s.set("Format_Profile", format!("{profile}{level}"));
    // A stream parser's picture size is also its sampled size.
    for (name, v) in [
        ("Width", h.max_width),
        ("Height", h.max_height),
        ("Sampled_Width", h.max_width),
        ("Sampled_Height", h.max_height),
    ] {
        s.set(name, v.to_string());
    }
    s.set("BitDepth", h.bit_depth.to_string());
    let space = if h.monochrome {
        "Y"
    } else if h.is_srgb() {
        "RGB"
    } else {
        "YUV"
    };
    s.set("ColorSpace", space);
    if space == "YUV" {
        let chroma = match (h.subsampling_x, h.subsampling_y) {
            (true, true) => "4:2:0",
            (true, false) => "4:2:2",
            _ => "4:4:4",
        };
        s.set("ChromaSubsampling", chroma);
        if h.subsampling_x && h.subsampling_y {
            let position = match h.chroma_sample_position {
                1 => "Type 0",
                2 => "Type 2",
                3 => "3",
                _ => "",
            };
            s.set("ChromaSubsampling_Position", position);
        }
    }
    let stream = |s: &mut Stream, name: &str, value: &str| {
        s.set(name, value);
        s.set(format!("{name}_Source"), "Stream");
    };
    if let Some((p, t, m)) = h.description {
        stream(s, "colour_description_present", "Yes");
        stream(s, "colour_primaries", colour::primaries(p));
        stream(s, "transfer_characteristics", colour::transfer(t));
        stream(s, "matrix_coefficients", colour::matrix(m));
    }
    if let Some(full) = h.full_range.filter(|_| h.monochrome || !h.is_srgb()) {
        stream(s, "colour_range", if full { "Full" } else { "Limited" });
    }
}
