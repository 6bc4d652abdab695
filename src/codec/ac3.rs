//! AC-3 (Dolby Digital) syncframes: the bit stream information the report uses.

use crate::bits::BitReader;

/// Sampling rates by `fscod`.
pub const SAMPLING_RATES: [u32; 3] = [48_000, 44_100, 32_000];
/// Bit rates in kbit/s by `frmsizecod / 2`.
pub const BIT_RATES: [u32; 19] = [
    32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512, 576, 640,
];
/// Frame sizes in bytes at 44.1 kHz by `frmsizecod / 2` (before the odd codes' padding word).
const SIZES_44100: [u16; 19] = [
    138, 174, 208, 242, 278, 348, 416, 486, 556, 696, 834, 974, 1114, 1392, 1670, 1950, 2228, 2506,
    2786,
];

/// The extended bit stream information of an alternate syntax stream (`bsid` 6).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Xbsi1 {
    pub dmixmod: u8,
    pub ltrtcmixlev: u8,
    pub ltrtsurmixlev: u8,
    pub lorocmixlev: u8,
    pub lorosurmixlev: u8,
}

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
    /// The compression gain word, when present.
    pub compr: Option<u8>,
    /// Audio production information: mixing level and room type.
    pub mixlevel_roomtyp: Option<(u8, u8)>,
    /// `xbsi1` (bsid 6), when present.
    pub xbsi1: Option<Xbsi1>,
    /// `adconvtyp` of `xbsi2` (bsid 6): HDCD conversion.
    pub adconvtyp: bool,
}

/// The size in bytes of a syncframe (`AC3_FrameSize_Get`); 0 for a reserved code.
pub fn frame_size(frmsizecod: u8, fscod: u8) -> usize {
    let id = usize::from(frmsizecod / 2);
    let size = match (fscod, BIT_RATES.get(id)) {
        (0, Some(&kbps)) => kbps * 4,
        (1, Some(_)) => u32::from(SIZES_44100[id]) + u32::from(frmsizecod % 2) * 2,
        (2, Some(&kbps)) => kbps * 6,
        // The last row of MediaInfo's table.
        (0, None) if id == 26 => 768,
        _ => 0,
    };
    size as usize
}

/// CRC-16 (polynomial 0x8005, MSB first) of each byte value, computed at compile time.
const CRC16_TABLE: [u16; 256] = {
    let mut t = [0u16; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = (i as u16) << 8;
        let mut bit = 0;
        while bit < 8 {
            c = if c & 0x8000 != 0 {
                (c << 1) ^ 0x8005
            } else {
                c << 1
            };
            bit += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
};

/// [`CRC16_TABLE`] extended for eight bytes at a time (slicing-by-8): row `k` is the CRC of
/// each byte value followed by `k` zero bytes.
const CRC16_SLICES: [[u16; 256]; 8] = {
    let mut t = [[0u16; 256]; 8];
    t[0] = CRC16_TABLE;
    let mut k = 1;
    while k < 8 {
        let mut i = 0;
        while i < 256 {
            let prev = t[k - 1][i];
            t[k][i] = (prev << 8) ^ CRC16_TABLE[(prev >> 8) as usize];
            i += 1;
        }
        k += 1;
    }
    t
};

/// One byte into a CRC-16 (polynomial 0x8005, MSB first).
fn crc16_byte(crc: u16, byte: u8) -> u16 {
    (crc << 8) ^ CRC16_TABLE[usize::from((crc >> 8) as u8 ^ byte)]
}

/// `data` into a CRC-16 (polynomial 0x8005, MSB first), eight bytes per step.
fn crc16(mut crc: u16, data: &[u8]) -> u16 {
    let t = &CRC16_SLICES;
    let mut words = data.chunks_exact(8);
    for w in &mut words {
        let x = crc ^ u16::from_be_bytes([w[0], w[1]]);
        crc = t[7][usize::from(x >> 8)]
            ^ t[6][usize::from(x as u8)]
            ^ t[5][usize::from(w[2])]
            ^ t[4][usize::from(w[3])]
            ^ t[3][usize::from(w[4])]
            ^ t[2][usize::from(w[5])]
            ^ t[1][usize::from(w[6])]
            ^ t[0][usize::from(w[7])];
    }
    words.remainder().iter().fold(crc, |c, &b| crc16_byte(c, b))
}

/// Whether a syncframe's CRCs hold (File_Ac3's `CRC_Compute`: the CRC over the first 5/8 of
/// the frame, then over the whole frame, both after the syncword). MediaInfo loses sync on a
/// frame that fails and does not parse it.
pub fn crc_ok(frame: &[u8]) -> bool {
    let Some(&[_, _, _, _, code, b5]) = frame.get(..6) else {
        return false;
    };
    let bsid = b5 >> 3;
    let size = frame_size(code & 0x3F, code >> 6);
    if size < 6 || frame.len() < size {
        return false;
    }
    // AC-3 (bsid up to 9): crc1 covers the first 5/8 of the frame, and MediaInfo reads the
    // last two bytes inverted when the byte before them ends with a set bit.
    let ac3 = bsid <= 9;
    let five_eighths = ((size >> 2) + (size >> 4)) << 1;
    if !(3..=size - 3).contains(&five_eighths) {
        // Not a size of the tables' (all are 128 bytes or more).
        return crc_ok_bytewise(frame, size, ac3, five_eighths);
    }
    let crc = crc16(0, &frame[2..five_eighths]);
    if ac3 && crc != 0 {
        return false;
    }
    let crc = crc16(crc, &frame[five_eighths..size - 2]);
    let crc = if ac3 && frame[size - 3] & 1 != 0 {
        crc16_byte(crc16_byte(crc, !frame[size - 2]), !frame[size - 1])
    } else {
        crc16(crc, &frame[size - 2..size])
    };
    crc == 0
}

/// [`crc_ok`] byte by byte, as File_Ac3 walks the frame (any size).
fn crc_ok_bytewise(frame: &[u8], size: usize, ac3: bool, five_eighths: usize) -> bool {
    let mut crc: u16 = 0;
    let mut at = 2;
    while at < size {
        crc = crc16_byte(crc, frame[at]);
        if at == size - 3 && ac3 && frame[at] & 1 != 0 {
            crc = crc16_byte(crc, !frame[at + 1]);
            crc = crc16_byte(crc, !frame[at + 2]);
            at += 2;
        }
        at += 1;
        if at == five_eighths && ac3 && crc != 0 {
            break;
        }
    }
    crc == 0
}

impl Bsi {
    /// A syncframe's information when MediaInfo parses the frame: its CRCs must hold.
    pub fn from_frame(frame: &[u8]) -> Option<Bsi> {
        if !crc_ok(frame) {
            return None;
        }
        Bsi::parse(frame)
    }

    /// Parses the start of a syncframe (0x0B77 first), as File_Ac3 reads it: its mixing level
    /// is read on 8 bits (the syntax has 5), which shifts what follows the same way.
    /// E-AC-3 (bsid > 10) is not read here.
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
        let mut bsi = Bsi {
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
            compr: None,
            mixlevel_roomtyp: None,
            xbsi1: None,
            adconvtyp: false,
        };
        // What follows the dialogue normalization is optional to the report: a frame cut
        // short keeps what was read.
        let _ = bsi.parse_rest(&mut r);
        Some(bsi)
    }

    /// Compression gain, production information and the extended information of `bsid` 6.
    fn parse_rest(&mut self, r: &mut BitReader) -> Option<()> {
        if r.bit()? {
            self.compr = Some(r.u8(8)?);
        }
        if r.bit()? {
            r.skip(8)?; // langcod
        }
        if r.bit()? {
            let mixlevel = r.u8(8)?;
            self.mixlevel_roomtyp = Some((mixlevel, r.u8(2)?));
        }
        if self.acmod == 0 {
            r.skip(5)?; // dialnorm2
            if r.bit()? {
                r.skip(8)?; // compr2
            }
            if r.bit()? {
                r.skip(8)?; // langcod2
            }
            if r.bit()? {
                r.skip(10)?; // mixlevel2, roomtyp2
            }
        }
        r.skip(2)?; // copyrightb, origbs
        if self.bsid == 6 {
            if r.bit()? {
                self.xbsi1 = Some(Xbsi1 {
                    dmixmod: r.u8(2)?,
                    ltrtcmixlev: r.u8(3)?,
                    ltrtsurmixlev: r.u8(3)?,
                    lorocmixlev: r.u8(3)?,
                    lorosurmixlev: r.u8(3)?,
                });
            }
            if r.bit()? {
                r.skip(4)?; // dsurexmod, dheadphonmod
                self.adconvtyp = r.bit()?;
            }
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_sizes_and_a_broken_crc() {
        assert_eq!(frame_size(28, 0), 1536);
        assert_eq!(frame_size(29, 1), 1672);
        assert_eq!(frame_size(0, 2), 192);
        assert_eq!(frame_size(60, 0), 0);
        let mut frame = vec![0u8; 1536];
        frame[..6].copy_from_slice(&[0x0B, 0x77, 0x12, 0x34, 28, 0x40]);
        assert!(!crc_ok(&frame));
        assert!(!crc_ok(&frame[..100]));
    }

    #[test]
    fn sliced_crc_matches_the_bytewise_walk() {
        // Frames of every size code, with crc1 and crc2 made to hold by solving for the two
        // bytes before each check point, and with flipped bytes.
        let mut seed = 0x1234_5678u32;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed as u8
        };
        for fscod in 0..3u8 {
            for frmsizecod in 0..38u8 {
                for bsid in [8u8, 16] {
                    let size = frame_size(frmsizecod, fscod);
                    if size < 6 {
                        continue;
                    }
                    let mut frame: Vec<u8> = (0..size).map(|_| next()).collect();
                    frame[..2].copy_from_slice(&[0x0B, 0x77]);
                    frame[4] = fscod << 6 | frmsizecod;
                    frame[5] = bsid << 3;
                    let five_eighths = ((size >> 2) + (size >> 4)) << 1;
                    for flip in [None, Some(size / 2), Some(size - 1)] {
                        let mut f = frame.clone();
                        if let Some(at) = flip {
                            f[at] ^= 0x10;
                        }
                        let slow = crc_ok_bytewise(&f, size, bsid <= 9, five_eighths);
                        assert_eq!(crc_ok(&f), slow, "{fscod} {frmsizecod} {bsid} {flip:?}");
                    }
                    // crc2 made to hold over the whole frame (after the syncword).
                    let crc = crc16(0, &frame[2..size - 2]);
                    frame[size - 2..].copy_from_slice(&crc.to_be_bytes());
                    frame[size - 3] &= 0xFE;
                    let crc = crc16(0, &frame[2..size - 2]);
                    frame[size - 2..].copy_from_slice(&crc.to_be_bytes());
                    let slow = crc_ok_bytewise(&frame, size, bsid <= 9, five_eighths);
                    assert_eq!(crc_ok(&frame), slow);
                    if bsid > 9 {
                        assert!(slow, "{fscod} {frmsizecod}");
                    }
                }
            }
        }
    }

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
        let bytes = crate::bits::pack_bits(bits);
        let b = Bsi::parse(&bytes).unwrap();
        assert_eq!(
            (b.acmod, b.lfeon, b.dialnorm, b.frmsizecod),
            (7, true, 27, 28)
        );
        assert!(Bsi::parse(&[0x0B, 0x78, 0, 0, 0, 0]).is_none());
    }
}
