//! MediaInfo's ProRes fields from the first frame header (File_ProRes).

use crate::codec::prores::FrameHeader;
use crate::report::{Stream, colour};

/// The encoder `creatorID` names.
fn creator(code: &[u8; 4]) -> String {
    match code {
        b"apl0" => "Apple".into(),
        b"arri" => "Arnold & Richter Cine Technik".into(),
        b"aja0" => "AJA Kona Hardware".into(),
        _ => crate::container::mp4::boxes::FourCC(*code).to_text(),
    }
}

/// Fills the stream File_ProRes describes from its first frame.
pub fn fill_video(s: &mut Stream, h: &FrameHeader) {
    s.set("Format", "ProRes");
    s.set("Format_Version", format!("Version {}", h.version));
    // A stream parser's picture size is also its sampled size.
    for (name, v) in [
        ("Width", h.width),
        ("Height", h.height),
        ("Sampled_Width", h.width),
        ("Sampled_Height", h.height),
    ] {
        s.set(name, v.to_string());
    }
    s.set("Encoded_Library", creator(&h.creator));
    let chroma = match h.chrominance_factor {
        2 => "4:2:2",
        3 => "4:4:4",
        _ => "",
    };
    s.set("ChromaSubsampling", chroma);
    let (scan, order) = match h.frame_type {
        0 => ("Progressive", ""),
        1 => ("Interlaced", "TFF"),
        2 => ("Interlaced", "BFF"),
        _ => ("", ""),
    };
    s.set("ScanType", scan);
    s.set("ScanOrder", order);
    let stream = |s: &mut Stream, n: &str, v: &str| colour::set_with_source(s, n, v, "Stream");
    stream(s, "colour_description_present", "Yes");
    let alpha = if h.alpha_info != 0 { "A" } else { "" };
    // Some streams write all three codes 0 for "unknown" (instead of 2).
    if h.primaries != 0 || h.transfer != 0 || h.matrix != 0 {
        stream(s, "colour_primaries", colour::primaries(h.primaries));
        stream(s, "transfer_characteristics", colour::transfer(h.transfer));
        stream(s, "matrix_coefficients", colour::matrix(h.matrix));
        if h.matrix != 2 {
            s.set(
                "ColorSpace",
                format!("{}{alpha}", colour::matrix_color_space(h.matrix)),
            );
        }
    } else if h.chrominance_factor == 2 {
        // Subsampled: surely YUV.
        s.set("ColorSpace", format!("YUV{alpha}"));
    }
}
