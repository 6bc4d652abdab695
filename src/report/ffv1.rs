//! MediaInfo's FFV1 fields (File_Ffv1): version, coder, bit depth, slices, error detection,
//! intra-only GOP, colour space and chroma subsampling from the parameters, scan type and
//! aspect ratio from the first frame's slice headers.

use crate::codec::ffv1::{Frame, Parameters};
use crate::report::Stream;
use crate::report::numbers::fixed;

/// Fills an FFV1 stream from the parameters in force (configuration record or first keyframe)
/// and the first frame.
pub fn fill_video(s: &mut Stream, params: Option<&Parameters>, frame: Option<&Frame>) {
    s.set("Format", "FFV1");
    if let Some(p) = params {
        let mut version = format!("Version {}", p.version);
        if (3..=4).contains(&p.version) {
            version.push_str(&format!(".{}", p.micro_version));
        }
        s.set("Format_Version", version);
    }
    s.set("BitRate_Mode", "VBR");
    let Some(p) = params.filter(|p| p.valid) else {
        return;
    };
    s.set(
        "coder_type",
        match p.coder_type {
            0 => "Golomb Rice",
            _ => "Range Coder",
        },
    );
    s.set("BitDepth", p.bits_per_raw_sample.to_string());
    if p.version > 1 {
        let slices = (p.num_h_slices * p.num_v_slices).to_string();
        s.set("MaxSlicesCount", slices.clone());
        s.set("Format_Settings_SliceCount", slices);
        if p.version >= 3 {
            if p.ec != 0 {
                s.set("ErrorDetectionType", "Per slice");
            }
            if p.micro_version != 0 && p.intra != 0 {
                s.set("Format_Settings_GOP", "N=1");
            }
        }
    }
    let mut space = match p.colorspace_type {
        0 if p.chroma_planes => "YUV".to_string(),
        0 => "Y".to_string(),
        _ => "RGB".to_string(),
    };
    if p.alpha_plane {
        space.push('A');
    }
    s.set("ColorSpace", space);
    if p.colorspace_type == 0 && p.chroma_planes {
        let chroma = match (p.h_chroma_subsample_log2, p.v_chroma_subsample_log2) {
            (0, 0) => "4:4:4",
            (1, 0) => "4:2:2",
            (1, 1) => "4:2:0",
            (2, 0) => "4:1:1",
            (2, 1) => "4:1:0",
            (2, 2) => "4:1:0 (4x4)",
            _ => "",
        };
        if !chroma.is_empty() {
            let chroma = if p.alpha_plane {
                format!("{chroma}:4")
            } else {
                chroma.to_string()
            };
            s.set("ChromaSubsampling", chroma);
        }
    }
    let Some(f) = frame else { return };
    match f.picture_structure {
        Some(1) => {
            s.set("ScanType", "Interlaced");
            s.set("ScanOrder", "TFF");
        }
        Some(2) => {
            s.set("ScanType", "Interlaced");
            s.set("ScanOrder", "BFF");
        }
        Some(3) => s.set("ScanType", "Progressive"),
        _ => {}
    }
    if f.sar.0 != 0 && f.sar.1 != 0 {
        s.set(
            "PixelAspectRatio",
            fixed(f64::from(f.sar.0) / f64::from(f.sar.1), 3),
        );
    }
}
