//! VC-3 (Avid DNxHD/DNxHR): the frame header as File_Vc3 reads it.

use crate::bits::BitReader;

/// The header fields the report uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrameHeader {
    /// Header version number (HVN).
    pub version: u8,
    pub vbr: bool,
    /// Field/frame count (FFC): 1 progressive, 2 interlaced TFF, 3 interlaced BFF.
    pub field_frame_count: u8,
    pub alpha: bool,
    /// Active lines per frame (ALPF) and samples per line (SPL).
    pub lines: u16,
    pub samples_per_line: u16,
    /// Pixel aspect ratio numerator and denominator (PARC, PARN).
    pub par: (u16, u16),
    /// Sample bit depth code (SBD: 1 8-bit, 2 10-bit, 3 12-bit).
    pub bit_depth_code: u8,
    /// Source scan type (SST): interlaced.
    pub interlaced: bool,
    /// Compression ID (CID).
    pub cid: u32,
    /// Sub-sampling control (SSC: 0 4:2:2, 1 4:2:0, 2 4:4:4).
    pub subsampling: u8,
    /// Colour format (CLF): RGB.
    pub rgb: bool,
    /// The first frame's time code, `HH:MM:SS:FF` (`;` before the frames when drop-frame).
    pub time_code: Option<String>,
}

/// Header size File_Vc3 needs before it reads a frame.
pub const HEADER_SIZE: usize = 0x280;

impl FrameHeader {
    /// Parses a frame's header. `None` when the header is cut, its size field is below
    /// 0x280 or a marker bit is wrong (MediaInfo then counts no frame). Of a header of a
    /// version over 3 MediaInfo reads only the size, scan type and compression ID fields.
    pub fn parse(frame: &[u8]) -> Option<FrameHeader> {
        if frame.len() < HEADER_SIZE {
            return None;
        }
        let size = u32::from_be_bytes([frame[0], frame[1], frame[2], frame[3]]);
        if size < HEADER_SIZE as u32 {
            return None;
        }
        // What File_Vc3 reads of every header, whatever its version.
        let g = &frame[0x18..];
        let mut h = FrameHeader {
            version: frame[4],
            lines: u16::from_be_bytes([g[0], g[1]]),
            samples_per_line: u16::from_be_bytes([g[2], g[3]]),
            interlaced: g[10] & 0x04 != 0,
            cid: u32::from_be_bytes([frame[0x28], frame[0x29], frame[0x2A], frame[0x2B]]),
            ..Default::default()
        };
        if h.version > 3 {
            return Some(h);
        }
        let mut r = BitReader::new(&frame[5..]);
        // Coding control A.
        let mut ok = r.u8(3)? == 0;
        h.vbr = r.bit()?;
        ok &= r.u8(2)? == 0;
        h.field_frame_count = r.u8(2)?;
        ok &= r.u8(2)? == 0b10;
        r.skip(2)?; // MACF, CRCF
        ok &= r.u8(4)? == 0;
        ok &= r.u8(5)? == 0b10100;
        r.skip(2)?; // PMA, LLA
        h.alpha = r.bit()?;
        // Image geometry at 0x18.
        ok &= g[4] >> 4 == 0;
        let (parc1, parn1) = (u16::from((g[4] >> 2) & 3), u16::from(g[4] & 3));
        h.par = (
            (parc1 << 8) | u16::from(g[7]),
            (parn1 << 8) | u16::from(g[8]),
        );
        h.bit_depth_code = g[9] >> 5;
        ok &= g[9] & 0x1F == 0b11000;
        ok &= g[10] & 0xFB == 0b1000_1000;
        // Coding control B.
        let b = frame[0x2C];
        h.subsampling = (b >> 5) & 3;
        ok &= b & 0x18 == 0;
        h.rgb = b & 1 != 0;
        // Time code: its flag, six zero bits, then a zero bit (or the flag, in the wrong
        // order), then eight bytes.
        let t = frame[0x30];
        ok &= t & 0x7E == 0 && !(t & 0x80 != 0 && t & 1 != 0);
        if t & 0x81 != 0 {
            h.time_code = time_code(&frame[0x31..0x39]);
        }
        // User data control: a label, then 0001.
        ok &= frame[0x5F] & 0x0F == 0b0001;
        ok.then_some(h)
    }
}

/// The SMPTE time code's digits (eight bytes, each a binary group nibble first), when they
/// are valid.
fn time_code(t: &[u8]) -> Option<String> {
    let lo = |b: u8| b & 0x0F;
    let (ffu, fft, df) = (lo(t[0]), t[1] & 3, t[1] & 0x04 != 0);
    let (ssu, sst) = (lo(t[2]), t[3] & 7);
    let (mmu, mmt) = (lo(t[4]), t[5] & 7);
    let (hhu, hht) = (lo(t[6]), t[7] & 3);
    if ffu >= 10 || ssu >= 10 || sst >= 6 || mmu >= 10 || mmt >= 6 || hhu >= 10 {
        return None;
    }
    let sep = if df { ';' } else { ':' };
    Some(format!("{hht}{hhu}:{mmt}{mmu}:{sst}{ssu}{sep}{fft}{ffu}"))
}
