//! VP9: the uncompressed header of a frame (profile, bit depth, colour space, range and
//! subsampling, frame size) and the Matroska CodecPrivate feature list. MediaInfo reads no
//! MP4 `vpcC`: there the codec ID names VP9 and its YUV 4:2:0.

use crate::bits::BitReader;

/// What MediaInfo's VP9 parser reads from the first frame it accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Vp9Frame {
    /// The frame marker and sync code were right (MediaInfo fills nothing otherwise).
    pub valid: bool,
    pub profile: u8,
    /// Colour configuration (key frames and intra-only frames of profile > 0).
    pub color: Option<Vp9Color>,
    /// Frame size (with the render size when the frame has one), when the frame carries it.
    pub size: Option<(u32, u32)>,
}

/// The `bitdepth_colorspace_sampling` part of a header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Vp9Color {
    pub bit_depth: u8,
    /// The colour space as an ISO/IEC 23091-2 matrix code (VP9's CS_* mapped as MediaInfo
    /// maps them; 0 is sRGB).
    pub matrix: u8,
    /// `yuv_range_flag` (absent for sRGB).
    pub full_range: Option<bool>,
    /// `subsampling_x << 1 | subsampling_y` (3 for 4:2:0 profiles).
    pub subsampling: u8,
}

/// VP9 colour spaces to matrix codes (CS_UNKNOWN, BT_601, BT_709, SMPTE_170, SMPTE_240,
/// BT_2020, reserved, sRGB).
const MATRIX: [u8; 8] = [2, 5, 1, 6, 7, 9, 2, 0];

impl Vp9Frame {
    /// Parses a frame's uncompressed header; `None` for the frames MediaInfo passes over
    /// (reserved profiles, `show_existing_frame`). A header cut short yields what it holds.
    pub fn parse(frame: &[u8]) -> Option<Vp9Frame> {
        let mut r = BitReader::new(frame);
        let marker_ok = r.u8(2)? == 2;
        let low = r.u8(1)?;
        let high = r.u8(1)?;
        let mut profile = (high << 1) | low;
        if profile == 3 {
            profile += r.u8(1)? << 2;
        }
        if profile > 3 || r.bit()? {
            return None;
        }
        let mut out = Vp9Frame {
            valid: marker_ok,
            profile,
            color: None,
            size: None,
        };
        let Some(key) = r.bit().map(|b| !b) else {
            return Some(out);
        };
        let (Some(show), Some(error_resilient)) = (r.bit(), r.bit()) else {
            return Some(out);
        };
        // bit 0: sync code, bit 1: colour configuration, bit 2: refresh flags.
        let parts = if key {
            3
        } else if show {
            let Some(intra_only) = r.bit() else {
                return Some(out);
            };
            if !error_resilient {
                r.skip(1);
            }
            if intra_only {
                if profile > 0 { 7 } else { 5 }
            } else {
                0
            }
        } else {
            0
        };
        if parts == 0 {
            return Some(out);
        }
        match r.u32(24) {
            Some(0x49_8342) => {}
            Some(_) => out.valid = false,
            None => return Some(out),
        }
        if parts & 2 != 0 {
            let bit_depth = if profile > 1 {
                if r.bit()? { 12 } else { 10 }
            } else {
                8
            };
            let matrix = MATRIX[usize::from(r.u8(3)?)];
            let mut color = Vp9Color {
                bit_depth,
                matrix,
                full_range: None,
                subsampling: 3,
            };
            if matrix != 0 {
                color.full_range = Some(r.bit()?);
                if profile == 1 || profile == 3 {
                    let x = r.u8(1)?;
                    let y = r.u8(1)?;
                    color.subsampling = (x << 1) | y;
                    r.skip(1);
                }
            }
            out.color = Some(color);
        } else {
            r.skip(1);
        }
        if parts & 4 != 0 {
            r.skip(8);
        }
        let (Some(mut w), Some(mut h)) = (r.u32(16), r.u32(16)) else {
            return Some(out);
        };
        if r.bit() == Some(true)
            && let (Some(rw), Some(rh)) = (r.u32(16), r.u32(16))
        {
            (w, h) = (rw, rh);
        }
        out.size = Some((w + 1, h + 1));
        Some(out)
    }
}

/// The chroma subsampling MediaInfo names for a `subsampling` code (4:4:4 has no name).
pub fn chroma_subsampling(code: u8) -> &'static str {
    match code {
        1 => "4:4:0",
        2 => "4:2:2",
        3 => "4:2:0",
        _ => "",
    }
}

/// The features of a Matroska VP9 CodecPrivate: profile, level, bit depth, chroma subsampling.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Vp9Features {
    pub profile: Option<u8>,
    /// Level times ten.
    pub level: Option<u8>,
    pub bit_depth: Option<u8>,
    /// 0 4:2:0 vertical, 1 4:2:0 colocated, 2 4:2:2, 3 4:4:4.
    pub chroma: Option<u8>,
}

impl Vp9Features {
    /// Reads the ID/size/value list; unknown or odd-sized features are skipped.
    pub fn parse(data: &[u8]) -> Vp9Features {
        let mut f = Vp9Features::default();
        let mut rest = data;
        while let [id, size, tail @ ..] = rest {
            let size = usize::from(*size);
            let Some(value) = tail.get(..size) else { break };
            if size == 1 {
                let v = Some(value[0]);
                match id {
                    1 => f.profile = v,
                    2 => f.level = v,
                    3 => f.bit_depth = v,
                    4 => f.chroma = v,
                    _ => {}
                }
            }
            rest = &tail[size..];
        }
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_frame_header() {
        // frame_marker 10, profile 0, show_existing 0, frame_type 0 (key), show 1, err 0,
        // sync 49 83 42, color_space 2 (BT.709), range 0, then 16+16 bits of size.
        let bytes = [
            0b1000_0010,
            0x49,
            0x83,
            0x42,
            0b0100_0000,
            0,
            0x40,
            0,
            0x20,
            0,
        ];
        let f = Vp9Frame::parse(&bytes).unwrap();
        let c = f.color.unwrap();
        assert_eq!((f.profile, c.bit_depth, c.matrix), (0, 8, 1));
        assert_eq!(c.full_range, Some(false));
        assert_eq!(chroma_subsampling(c.subsampling), "4:2:0");
    }

    #[test]
    fn features() {
        let f = Vp9Features::parse(&[1, 1, 0, 2, 1, 31, 4, 1, 1, 9, 2, 0, 0]);
        assert_eq!(f.profile, Some(0));
        assert_eq!(f.level, Some(31));
        assert_eq!(f.chroma, Some(1));
    }
}
