//! AC-3 (Dolby Digital) syncframes: the bit stream information the report uses.

use crate::bits::BitReader;

/// Sampling rates by `fscod`.
pub const SAMPLING_RATES: [u32; 3] = [48_000, 44_100, 32_000];
/// Bit rates in kbit/s by `frmsizecod / 2`.
pub const BIT_RATES: [u32; 19] = [
    32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512, 576, 640,
];

/// The bit stream information of one AC-3 syncframe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bsi {
    pub fscod: u8,
    pub frmsizecod: u8,
    pub bsid: u8,
    pub bsmod: u8,
    pub acmod: u8,
    pub lfeon: bool,
    pub dialnorm: u8,
    /// Centre and surround mix levels and the Dolby Surround mode, when the mode has them.
    pub cmixlev: Option<u8>,
    pub surmixlev: Option<u8>,
    pub dsurmod: Option<u8>,
}

impl Bsi {
    /// Parses the start of a syncframe (0x0B77 first). E-AC-3 (bsid > 10) is not read here.
    pub fn parse(frame: &[u8]) -> Option<Bsi> {
        let mut r = BitReader::new(frame);
        if r.u32(16)? != 0x0B77 {
            return None;
        }
        r.skip(16)?; // crc1
        let fscod = r.u8(2)?;
        let frmsizecod = r.u8(6)?;
        let bsid = r.u8(5)?;
        if bsid > 10 || fscod == 3 {
            return None;
        }
        let bsmod = r.u8(3)?;
        let acmod = r.u8(3)?;
        let (mut cmixlev, mut surmixlev, mut dsurmod) = (None, None, None);
        if acmod & 1 != 0 && acmod != 1 {
            cmixlev = Some(r.u8(2)?);
        }
        if acmod & 4 != 0 {
            surmixlev = Some(r.u8(2)?);
        }
        if acmod == 2 {
            dsurmod = Some(r.u8(2)?);
        }
        let lfeon = r.bit()?;
        let dialnorm = r.u8(5)?;
        Some(Bsi {
            fscod,
            frmsizecod,
            bsid,
            bsmod,
            acmod,
            lfeon,
            dialnorm,
            cmixlev,
            surmixlev,
            dsurmod,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_5_1_frame_header() {
        // 0B77, crc, fscod=0 frmsizecod=28 (384 kb/s), bsid=8 bsmod=0 acmod=7,
        // cmixlev/surmixlev, lfeon=1, dialnorm=27.
        let mut bits: Vec<(u32, u32)> = vec![
            (0x0B77, 16),
            (0, 16),
            (0, 2),
            (28, 6),
            (8, 5),
            (0, 3),
            (7, 3),
        ];
        bits.extend([(0, 2), (0, 2), (1, 1), (27, 5)]);
        let mut bytes = Vec::new();
        let (mut acc, mut n) = (0u64, 0u32);
        for (v, w) in bits {
            acc = (acc << w) | u64::from(v);
            n += w;
            while n >= 8 {
                bytes.push((acc >> (n - 8)) as u8);
                n -= 8;
            }
        }
        bytes.push((acc << (8 - n)) as u8);
        let b = Bsi::parse(&bytes).unwrap();
        assert_eq!(
            (b.acmod, b.lfeon, b.dialnorm, b.frmsizecod),
            (7, true, 27, 28)
        );
        assert!(Bsi::parse(&[0x0B, 0x78, 0, 0, 0, 0]).is_none());
    }
}
