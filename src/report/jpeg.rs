//! MediaInfo's JPEG fields (File_Jpeg's frame header fill).

use crate::codec::jpeg::{self, JpegInfo};
use crate::report::{Stream, StreamKind};

/// Format, bit depth, size (a field's height doubled for interlaced AVI1 frames), colour
/// space and chroma subsampling; for video, the internet media type and the AVI1
/// interlacement.
pub fn fill(s: &mut Stream, info: &JpegInfo) {
    s.set("Format", "JPEG");
    if s.kind() == StreamKind::Video {
        s.set("InternetMediaType", "video/JPEG");
        let scan = match info.avi1_polarity {
            _ if info.avi1_two_fields => Some((None, "Interlaced", None)),
            Some(0) => Some((Some("PPF"), "Progressive", None)),
            Some(1) => Some((Some("TFF"), "Interlaced", Some("TFF"))),
            Some(2) => Some((Some("BFF"), "Interlaced", Some("BFF"))),
            _ => None,
        };
        if let Some((interlacement, scan_type, order)) = scan {
            if let Some(i) = interlacement {
                s.set("Interlacement", i);
            }
            s.set("ScanType", scan_type);
            if let Some(o) = order {
                s.set("ScanOrder", o);
            }
        }
    }
    s.set("BitDepth", info.precision.to_string());
    let height = u32::from(info.height) * if info.interlaced() { 2 } else { 1 };
    s.set("Height", height.to_string());
    s.set("Width", info.width.to_string());
    if s.kind() == StreamKind::Video {
        // A size filled by a codec parser is also its sampled size (MediaInfo's Fill).
        s.set("Sampled_Width", info.width.to_string());
        s.set("Sampled_Height", height.to_string());
    }
    let colour_space = jpeg::colour_space(info);
    if let Some(c) = colour_space {
        s.set("ColorSpace", c);
    }
    if let Some(c) = jpeg::chroma_subsampling(info, colour_space) {
        s.set("ChromaSubsampling", c);
    }
}
