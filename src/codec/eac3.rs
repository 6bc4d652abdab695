//! E-AC-3 (Dolby Digital Plus) syncframes: the bit stream information MediaInfo reads
//! (File_Ac3's `bsi` for bsid 11 to 16).

use crate::bits::BitReader;
use crate::codec::emdf::{self, Emdf};

/// The bit stream information of one E-AC-3 syncframe.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Eac3Bsi {
    /// 0 independent, 1 dependent, 2 AC-3 converted.
    pub strmtyp: u8,
    pub substreamid: u8,
    /// Frame size in 16-bit words, minus one.
    pub frmsiz: u16,
    pub fscod: u8,
    pub fscod2: u8,
    /// Audio blocks per frame code (3: six blocks).
    pub numblkscod: u8,
    pub acmod: u8,
    pub lfeon: bool,
    pub bsid: u8,
    pub dialnorm: u8,
    pub compr: Option<u8>,
    /// Dependent substreams' channel map.
    pub chanmap: Option<u16>,
    pub bsmod: u8,
    pub dsurmod: Option<u8>,
    /// Mixing metadata: down-mix mode and levels, when the frame has them.
    pub dmixmod: Option<u8>,
    pub ltrtcmixlev: Option<u8>,
    pub lorocmixlev: Option<u8>,
    pub ltrtsurmixlev: Option<u8>,
    pub lorosurmixlev: Option<u8>,
    /// Production information: (mixlevel, roomtyp).
    pub production: Option<(u8, u8)>,
    /// The JOC complexity index some encoders put in `addbsi` (its first byte's low bit set,
    /// the index in the second byte).
    pub addbsi_complexity: Option<u8>,
    /// The frame's EMDF container (Dolby Atmos metadata), when File_Ac3 finds one.
    pub emdf: Option<Emdf>,
}

/// Sampling rates by `fscod2` (reduced rates).
pub const SAMPLING_RATES2: [u32; 3] = [24_000, 22_050, 16_000];

impl Eac3Bsi {
    /// The frame's length in bytes.
    pub fn frame_len(&self) -> usize {
        (usize::from(self.frmsiz) + 1) * 2
    }

    /// Audio blocks per frame (samples per frame / 256).
    pub fn blocks(&self) -> u32 {
        if self.numblkscod == 3 {
            6
        } else {
            u32::from(self.numblkscod) + 1
        }
    }

    /// Sampling rate in Hz.
    pub fn sampling_rate(&self) -> u32 {
        if self.fscod == 3 {
            SAMPLING_RATES2[usize::from(self.fscod2.min(2))]
        } else {
            crate::codec::ac3::SAMPLING_RATES[usize::from(self.fscod)]
        }
    }

    /// Parses the start of a syncframe (0x0B77, bsid 11 to 16).
    pub fn parse(frame: &[u8]) -> Option<Eac3Bsi> {
        let mut r = BitReader::new(frame);
        if r.u32(16)? != 0x0B77 {
            return None;
        }
        let mut b = Eac3Bsi {
            strmtyp: r.u8(2)?,
            substreamid: r.u8(3)?,
            frmsiz: r.u32(11)? as u16,
            fscod: r.u8(2)?,
            ..Default::default()
        };
        if b.fscod == 3 {
            b.fscod2 = r.u8(2)?;
            b.numblkscod = 3;
        } else {
            b.numblkscod = r.u8(2)?;
        }
        b.acmod = r.u8(3)?;
        b.lfeon = r.bit()?;
        b.bsid = r.u8(5)?;
        if !(11..=16).contains(&b.bsid) {
            return None;
        }
        b.dialnorm = r.u8(5)?;
        if r.bit()? {
            b.compr = Some(r.u8(8)?);
        }
        if b.acmod == 0 {
            r.skip(5)?;
            if r.bit()? {
                r.skip(8)?;
            }
        }
        if b.strmtyp == 1 && r.bit()? {
            b.chanmap = Some(r.u32(16)? as u16);
        }
        if r.bit()? {
            b.mixing_metadata(&mut r)?;
        }
        if r.bit()? {
            b.bsmod = r.u8(3)?;
            r.skip(2)?; // copyrightb, origbs
            if b.acmod == 2 {
                b.dsurmod = Some(r.u8(2)?);
                r.skip(2)?; // dheadphonmod
            }
            if b.acmod >= 6 {
                r.skip(2)?; // dsurexmod
            }
            if r.bit()? {
                let mixlevel = r.u8(5)?;
                let roomtyp = r.u8(2)?;
                r.skip(1)?;
                b.production = Some((mixlevel, roomtyp));
            }
            if b.acmod == 0 && r.bit()? {
                r.skip(8)?;
            }
            if b.fscod < 3 {
                r.skip(1)?; // sourcefscod
            }
        }
        // The rest of the header is optional for the fields above.
        let _ = b.additional_bsi(&mut r);
        if let Some(frame) = frame.get(..b.frame_len()) {
            b.emdf = frame_emdf(frame, r.remaining());
        }
        Some(b)
    }

    /// `convsync`, the converted stream's block id, and `addbsi`.
    fn additional_bsi(&mut self, r: &mut BitReader) -> Option<()> {
        if self.strmtyp == 0 && self.numblkscod != 3 {
            r.skip(1)?; // convsync
        }
        if self.strmtyp == 2 && (self.numblkscod == 3 || r.bit()?) {
            r.skip(6)?; // frmsizecod
        }
        if r.bit()? {
            let len = usize::from(r.u8(6)?) + 1;
            let first = r.u8(8)?;
            if len >= 2 {
                let second = r.u8(8)?;
                if first & 1 != 0 {
                    self.addbsi_complexity = Some(second);
                }
            }
        }
        Some(())
    }

    /// `mixmdate`'s contents (down-mix levels, program scales, mixing data).
    fn mixing_metadata(&mut self, r: &mut BitReader) -> Option<()> {
        let acmod = self.acmod;
        if acmod > 2 {
            self.dmixmod = Some(r.u8(2)?);
        }
        if acmod & 1 != 0 && acmod > 2 {
            self.ltrtcmixlev = Some(r.u8(3)?);
            self.lorocmixlev = Some(r.u8(3)?);
        }
        if acmod > 4 {
            self.ltrtsurmixlev = Some(r.u8(3)?);
            self.lorosurmixlev = Some(r.u8(3)?);
        }
        if self.lfeon && r.bit()? {
            r.skip(5)?;
        }
        if self.strmtyp == 0 {
            if r.bit()? {
                r.skip(6)?;
            }
            if acmod == 0 && r.bit()? {
                r.skip(6)?;
            }
            if r.bit()? {
                r.skip(6)?;
            }
            match r.u8(2)? {
                1 => r.skip(5)?,
                2 => r.skip(12)?,
                3 => {
                    let len = usize::from(r.u8(5)?);
                    if r.bit()? {
                        r.skip(6 + 1 + 3)?;
                        // Left, centre, right, left and right surround, LFE, down-mix scales.
                        for _ in 0..7 {
                            if r.bit()? {
                                r.skip(4)?;
                            }
                        }
                        if r.bit()? {
                            for _ in 0..2 {
                                if r.bit()? {
                                    r.skip(4)?;
                                }
                            }
                        }
                    }
                    if r.bit()? {
                        r.skip(5)?;
                        if r.bit()? {
                            r.skip(7)?;
                            if r.bit()? {
                                r.skip(7)?;
                            }
                        }
                    }
                    r.skip(8 * (len + 2))?;
                }
                _ => {}
            }
            if acmod < 2 {
                if r.bit()? {
                    r.skip(14)?;
                }
                if acmod == 0 && r.bit()? {
                    r.skip(14)?;
                }
            }
            if r.bit()? {
                if self.numblkscod == 0 {
                    r.skip(5)?;
                } else {
                    for _ in 0..self.blocks() {
                        if r.bit()? {
                            r.skip(5)?;
                        }
                    }
                }
            }
        }
        Some(())
    }
}

/// The JOC complexity index of an MP4 `dec3` box (EC3SpecificBox): after the independent
/// substreams, `flag_ec3_extension_type_a` and `complexity_index_type_a`. `None` when the box
/// has no such extension.
pub fn dec3_joc_complexity(data: &[u8]) -> Option<u8> {
    let mut r = BitReader::new(data);
    r.skip(13)?; // data_rate
    let substreams = r.u8(3)?;
    for _ in 0..=substreams {
        r.skip(2 + 5 + 1 + 1 + 3 + 3 + 1 + 3)?;
        let dependents = r.u8(4)?;
        r.skip(if dependents > 0 { 9 } else { 1 })?;
    }
    if r.remaining() == 0 {
        return None;
    }
    r.skip(7)?;
    if r.bit()? { r.u8(8) } else { None }
}

/// The EMDF container File_Ac3 reads in a whole syncframe: one found before the auxiliary
/// data and CRC at the frame's end (`remaining`: the bits left after the header).
fn frame_emdf(frame: &[u8], remaining: usize) -> Option<Emdf> {
    let size = frame.len();
    if size < 4 {
        return None;
    }
    // auxdatae, then auxdatal before it, sit just ahead of the 16-bit CRC.
    let mut at_end = 18;
    if frame[size - 3] & 0x02 != 0 {
        let auxdatal = (usize::from(frame[size - 4]) << 6) | usize::from(frame[size - 3] >> 2);
        at_end += auxdatal + 14;
    }
    if remaining < at_end {
        return None;
    }
    let pos = emdf::find(frame)?;
    (at_end < size * 8 - pos).then(|| emdf::parse(frame, pos))
}

/// The syncframes of a buffer, one after another (a Matroska block holds an access unit: the
/// independent substream and its dependent ones).
pub fn frames(data: &[u8]) -> Vec<Eac3Bsi> {
    let mut out = Vec::new();
    let mut rest = data;
    while let Some(b) = Eac3Bsi::parse(rest) {
        out.push(b);
        let Some(next) = rest.get(b.frame_len()..) else {
            break;
        };
        rest = next;
        if out.len() >= 16 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_an_independent_5_1_frame() {
        // 0B77, strmtyp 0, substream 0, frmsiz 767 (1536 bytes), fscod 0, numblkscod 3,
        // acmod 7, lfeon 1, bsid 16, dialnorm 31, no compr, no mixmdate, no infomdate.
        let fields: [(u32, u32); 13] = [
            (0x0B77, 16),
            (0, 2),
            (0, 3),
            (767, 11),
            (0, 2),
            (3, 2),
            (7, 3),
            (1, 1),
            (16, 5),
            (31, 5),
            (0, 1),
            (0, 1),
            (0, 1),
        ];
        let bytes = crate::bits::pack_bits(fields);
        let b = Eac3Bsi::parse(&bytes).unwrap();
        assert_eq!((b.acmod, b.lfeon, b.bsid, b.dialnorm), (7, true, 16, 31));
        assert_eq!(
            (b.frame_len(), b.blocks(), b.sampling_rate()),
            (1536, 6, 48_000)
        );
    }
}
