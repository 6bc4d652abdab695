//! VC-1: the Advanced profile sequence header, as File_Vc1 reads it from an MP4 `dvc1` box.

use crate::bits::BitReader;

/// The sequence header fields the report uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SequenceHeader {
    /// 0 Simple, 1 Main, 2 Complex, 3 Advanced.
    pub profile: u8,
    /// Advanced profile only (else `None`).
    pub level: Option<u8>,
    /// `colordiff_format` (1: 4:2:0).
    pub colordiff_format: u8,
    /// `max_coded_width` and `max_coded_height` (the size is `(v + 1) * 2`).
    pub coded_width: u16,
    pub coded_height: u16,
    pub interlace: bool,
    /// `aspect_ratio` code, with the custom ratio's sizes when it is 15.
    pub aspect_ratio: u8,
    pub aspect_x: u8,
    pub aspect_y: u8,
    /// Frames per second as (numerator, denominator), when signalled.
    pub frame_rate: Option<(u32, u32)>,
}

impl SequenceHeader {
    /// Parses a sequence header's payload (after its `00 00 01 0F` start code). `None` when
    /// it is cut or its profile is the forbidden one.
    pub fn parse(payload: &[u8]) -> Option<SequenceHeader> {
        let mut r = BitReader::new(payload);
        let mut h = SequenceHeader {
            profile: r.u8(2)?,
            ..Default::default()
        };
        match h.profile {
            0 | 1 => {
                r.skip(28)?;
                return Some(h);
            }
            3 => {}
            _ => return None,
        }
        h.level = Some(r.u8(3)?);
        h.colordiff_format = r.u8(2)?;
        r.skip(3 + 5 + 1)?;
        h.coded_width = r.u32(12)? as u16;
        h.coded_height = r.u32(12)? as u16;
        r.skip(1)?; // pulldown
        h.interlace = r.bit()?;
        r.skip(1 + 1 + 1 + 1)?; // tfcntrflag, finterpflag, reserved, psf
        if r.bit()? {
            // display_ext
            r.skip(14 + 14)?;
            if r.bit()? {
                h.aspect_ratio = r.u8(4)?;
                if h.aspect_ratio == 15 {
                    h.aspect_x = r.u8(8)?;
                    h.aspect_y = r.u8(8)?;
                }
            }
            if r.bit()? {
                if r.bit()? {
                    h.frame_rate = Some((r.u32(16)? + 1, 32));
                } else {
                    let nr = match r.u8(8)? {
                        1 => 24000,
                        2 => 25000,
                        3 => 30000,
                        4 => 50000,
                        5 => 60000,
                        6 => 48000,
                        7 => 72000,
                        _ => 0,
                    };
                    let dr = match r.u8(4)? {
                        1 => 1000,
                        2 => 1001,
                        _ => 0,
                    };
                    if dr != 0 {
                        h.frame_rate = Some((nr, dr));
                    }
                }
            }
            if r.bit()? {
                r.skip(24)?;
            }
        }
        Some(h)
    }

    /// The first sequence header among the start-code units of `data` (a `dvc1` box's
    /// sequence header part, or a sample).
    pub fn find(data: &[u8]) -> Option<SequenceHeader> {
        let start = data.windows(4).position(|w| w == [0, 0, 1, 0x0F])?;
        SequenceHeader::parse(&data[start + 4..])
    }
}

#[cfg(test)]
mod tests {
    use super::SequenceHeader;

    #[test]
    fn advanced_profile() {
        // The dvc1 box of fate-suite vc1-wmapro.mp4: 240x104, 4:2:0, progressive, 24 fps.
        let dvc1 = [
            0xc8, 0x80, 0x24, 0x18, 0x18, 0x3b, 0xf7, 0x25, 0x00, 0x00, 0x01, 0x0f, 0xcb, 0x84,
            0x07, 0x70, 0x33, 0x8a, 0x07, 0x78, 0x1d, 0xff, 0x9b, 0x9b, 0x80, 0x44, 0x80, 0x00,
            0x00, 0x01, 0x0e, 0x5a, 0x00, 0x40,
        ];
        let h = SequenceHeader::find(&dvc1).unwrap();
        assert_eq!((h.profile, h.level, h.colordiff_format), (3, Some(1), 1));
        assert_eq!(
            ((h.coded_width + 1) * 2, (h.coded_height + 1) * 2),
            (240, 104)
        );
        assert!(!h.interlace);
        assert_eq!(h.frame_rate, Some((24000, 1000)));
        assert_eq!(SequenceHeader::find(&dvc1[..14]), None);
    }
}
