//! VP9: the uncompressed header of a key frame (profile, bit depth, colour space and
//! subsampling), and the `vpcC` configuration record.

use crate::bits::BitReader;

/// What a key frame header says of the stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Vp9Header {
    pub profile: u8,
    pub bit_depth: u8,
    /// VP9 colour space code (7 = RGB).
    pub color_space: u8,
    pub subsampling_x: bool,
    pub subsampling_y: bool,
}

impl Vp9Header {
    /// Parses a frame; `None` unless it is a shown key frame.
    pub fn parse_key_frame(frame: &[u8]) -> Option<Vp9Header> {
        let mut r = BitReader::new(frame);
        if r.u8(2)? != 2 {
            return None;
        }
        let low = r.u8(1)?;
        let high = r.u8(1)?;
        let profile = (high << 1) | low;
        if profile == 3 {
            r.skip(1)?;
        }
        if r.bit()? {
            return None; // show_existing_frame
        }
        let key = !r.bit()?;
        r.skip(2)?; // show_frame, error_resilient_mode
        if !key || r.u32(24)? != 0x49_8342 {
            return None;
        }
        let bit_depth = if profile >= 2 {
            if r.bit()? { 12 } else { 10 }
        } else {
            8
        };
        let color_space = r.u8(3)?;
        let (mut sx, mut sy) = (true, true);
        if color_space != 7 {
            r.skip(1)?; // color_range
            if profile == 1 || profile == 3 {
                sx = r.bit()?;
                sy = r.bit()?;
            }
        } else {
            sx = false;
            sy = false;
        }
        Some(Vp9Header {
            profile,
            bit_depth,
            color_space,
            subsampling_x: sx,
            subsampling_y: sy,
        })
    }

    /// The chroma subsampling as MediaInfo writes it.
    pub fn chroma_subsampling(&self) -> &'static str {
        match (self.subsampling_x, self.subsampling_y) {
            (true, true) => "4:2:0",
            (true, false) => "4:2:2",
            (false, true) => "4:4:0",
            (false, false) => "4:4:4",
        }
    }
}

/// The chroma subsampling a `vpcC` record declares (`None` when unknown).
pub fn vpcc_chroma_subsampling(vpcc: &[u8]) -> Option<&'static str> {
    // Full box header (4), profile (1), level (1), then bitDepth(4) chromaSubsampling(3) …
    let b = *vpcc.get(6)?;
    Some(match (b >> 1) & 7 {
        0 | 1 => "4:2:0",
        2 => "4:2:2",
        3 => "4:4:4",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_frame_header() {
        // frame_marker 10, profile 0, show_existing 0, frame_type 0 (key), show 1, err 0,
        // sync 49 83 42, color_space 2, range 0.
        let bytes = [0b1000_0010, 0x49, 0x83, 0x42, 0b0100_0000];
        let h = Vp9Header::parse_key_frame(&bytes).unwrap();
        assert_eq!((h.profile, h.bit_depth, h.color_space), (0, 8, 2));
        assert_eq!(h.chroma_subsampling(), "4:2:0");
    }
}
