//! AC-4 (Dolby AC-4, ETSI TS 103 190): the head of the MP4 `dac4` box (AC4SpecificBox's
//! `ac4_dsi_v1`) as File_Ac4 reads it first: versions, sampling rate and frame rate codes,
//! and the number of presentations. The presentations themselves are not read.

use crate::bits::BitReader;

/// Frame rates by `frame_rate_index`, for 44.1 kHz (`fs_index` 0) and 48 kHz (1) streams
/// (0: reserved).
pub const FRAME_RATES: [[f64; 16]; 2] = [
    [
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        11025.0 / 512.0,
        0.0,
        0.0,
    ],
    [
        24000.0 / 1001.0,
        24.0,
        25.0,
        30000.0 / 1001.0,
        30.0,
        48000.0 / 1001.0,
        48.0,
        50.0,
        60000.0 / 1001.0,
        60.0,
        100.0,
        120000.0 / 1001.0,
        120.0,
        12000.0 / 512.0,
        0.0,
        0.0,
    ],
];

/// The fixed head of an `ac4_dsi_v1`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ac4Dsi {
    pub bitstream_version: u8,
    /// 0: 44.1 kHz, 1: 48 kHz.
    pub fs_index: u8,
    pub frame_rate_index: u8,
    pub n_presentations: u16,
}

impl Ac4Dsi {
    /// Parses the head of a `dac4` payload. `None` for a DSI version or bitstream version
    /// MediaInfo does not read (above 1 and 2) or a cut box.
    pub fn parse(data: &[u8]) -> Option<Ac4Dsi> {
        let mut r = BitReader::new(data);
        if r.u8(3)? > 1 {
            return None;
        }
        let bitstream_version = r.u8(7)?;
        if bitstream_version > 2 {
            return None;
        }
        Some(Ac4Dsi {
            bitstream_version,
            fs_index: r.u8(1)?,
            frame_rate_index: r.u8(4)?,
            n_presentations: r.u32(9)? as u16,
        })
    }

    /// The sampling rate in Hz.
    pub fn sampling_rate(&self) -> u32 {
        if self.fs_index == 1 { 48_000 } else { 44_100 }
    }

    /// The frame rate in frames per second (0 when reserved).
    pub fn frame_rate(&self) -> f64 {
        FRAME_RATES[usize::from(self.fs_index & 1)][usize::from(self.frame_rate_index & 15)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_dsi_head() {
        // dsi version 1, bitstream version 2, 48 kHz, 25 fps, 1 presentation.
        // 001 0000010 1 0010 000000001 → 0010 0000 1010 0100 0000 0001
        let d = Ac4Dsi::parse(&[0x20, 0xA4, 0x01]).unwrap();
        assert_eq!(
            (
                d.bitstream_version,
                d.fs_index,
                d.frame_rate_index,
                d.n_presentations
            ),
            (2, 1, 2, 1)
        );
        assert_eq!((d.sampling_rate(), d.frame_rate()), (48_000, 25.0));
        assert_eq!(Ac4Dsi::parse(&[0x40]), None);
    }
}
