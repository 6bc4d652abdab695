//! DTS: the core frame header, the extension substream header with its first asset
//! descriptor, and the lossless (XLL) extension's channel sets, as MediaInfo's File_Dts reads
//! them. Only the 16-bit big-endian form (Matroska's) is read.

use crate::bits::BitReader;

/// Core sampling rates by `SFREQ`.
pub const SAMPLING_RATES: [u32; 16] = [
    0, 8000, 16000, 32000, 0, 0, 11025, 22050, 44100, 0, 0, 12000, 24000, 48000, 96000, 192000,
];
/// Extension substream sampling rates by index.
pub const HD_SAMPLING_RATES: [u32; 16] = [
    8000, 16000, 32000, 64000, 128000, 22050, 44100, 88200, 176400, 352800, 12000, 24000, 48000,
    96000, 192000, 384000,
];
/// log2 of samples per frame-duration unit past 128, by extension sampling rate index.
pub const HD_SAMPLES_FACTOR: [u8; 16] = [0, 1, 2, 3, 4, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5];

const CORE_SYNC: u32 = 0x7FFE_8001;
const SUBSTREAM_SYNC: u32 = 0x6458_2025;
const XLL_SYNC: u32 = 0x41A2_9547;

/// The core frame header.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CoreHeader {
    /// PCM sample blocks (of 32 samples).
    pub blocks: u16,
    /// Frame size in bytes.
    pub frame_size: u32,
    pub amode: u8,
    pub sfreq: u8,
    pub rate: u8,
    pub auxiliary: bool,
    pub extension_descriptor: u8,
    pub extended_coding: bool,
    pub lfe: u8,
    /// Source PCM resolution code (2 bits; the third is `es`).
    pub resolution: u8,
    pub es: bool,
}

impl CoreHeader {
    /// Parses a core frame (sync word first).
    pub fn parse(data: &[u8]) -> Option<CoreHeader> {
        let mut r = BitReader::new(data);
        if r.u32(32)? != CORE_SYNC {
            return None;
        }
        r.skip(1 + 5)?;
        let crc_present = r.bit()?;
        let blocks = r.u32(7)? as u16 + 1;
        let frame_size = r.u32(14)? + 1;
        let mut h = CoreHeader {
            blocks,
            frame_size,
            amode: r.u8(6)?,
            sfreq: r.u8(4)?,
            rate: r.u8(5)?,
            ..Default::default()
        };
        r.skip(3)?;
        h.auxiliary = r.bit()?;
        r.skip(1)?;
        h.extension_descriptor = r.u8(3)?;
        h.extended_coding = r.bit()?;
        r.skip(1)?;
        h.lfe = r.u8(2)?;
        r.skip(1)?;
        if crc_present {
            r.skip(16)?;
        }
        r.skip(1 + 4 + 2)?;
        h.resolution = r.u8(2)?;
        h.es = r.bit()?;
        Some(h)
    }

    /// The bit rate MediaInfo computes from the frame size (the `RATE` code only says when it
    /// is known).
    pub fn bit_rate(&self) -> f64 {
        let rate = SAMPLING_RATES[usize::from(self.sfreq & 15)];
        if rate == 0 {
            return 0.0;
        }
        f64::from(self.frame_size) * 8.0 / (f64::from(self.blocks) * 32.0) * f64::from(rate)
    }
}

/// The extension substream header and its first asset's descriptor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Substream {
    /// The substream's size in bytes.
    pub size: u32,
    /// `ExSSFrameDurationCode` + 1.
    pub frame_duration_code: u8,
    pub bit_resolution: Option<u8>,
    pub max_sample_rate: Option<u8>,
    pub total_channels: Option<u8>,
    pub speaker_mask: Option<u16>,
    /// Channels map one to one to speakers (channel sets then carry masks).
    pub one_to_one: bool,
    /// Header length in bytes (assets follow).
    pub header_len: usize,
    pub asset_sizes: Vec<u32>,
}

/// CRC-16/CCITT as DTS uses it (0 over a block ending in its CRC means intact).
fn crc_ccitt(data: &[u8]) -> u16 {
    let mut c: u16 = 0xFFFF;
    for &b in data {
        let mut x = (c >> 8) ^ u16::from(b);
        x ^= x >> 4;
        c = (c << 8) ^ (x << 12) ^ (x << 5) ^ x;
    }
    c
}

impl Substream {
    /// Parses an extension substream (sync word first); `None` when its header CRC fails.
    pub fn parse(data: &[u8]) -> Option<Substream> {
        let mut r = BitReader::new(data);
        if r.u32(32)? != SUBSTREAM_SYNC {
            return None;
        }
        r.skip(8)?;
        let index = r.u8(2)?;
        let blown_up = r.bit()?;
        let extra = if blown_up { 4 } else { 0 };
        let header_size = r.u32(8 + extra)? as usize;
        if header_size < 4 {
            return None;
        }
        // The CRC covers the header from the user-defined byte's successor.
        if crc_ccitt(data.get(5..5 + header_size - 4)?) != 0 {
            return None;
        }
        let mut s = Substream {
            size: r.u32(16 + extra)? + 1,
            header_len: header_size + 1,
            ..Default::default()
        };
        let static_fields = r.bit()?;
        let (mut assets, mut presentations) = (1, 1);
        if static_fields {
            r.skip(2)?;
            s.frame_duration_code = r.u8(3)? + 1;
            if r.bit()? {
                r.skip(36)?;
            }
            presentations = r.u8(3)? + 1;
            assets = r.u8(3)? + 1;
            let mut masks = Vec::new();
            for _ in 0..presentations {
                masks.push(r.u32(u32::from(index) + 1)?);
            }
            for m in &masks {
                for _ in (0..=index).step_by(2) {
                    if m % 2 == 1 {
                        r.skip(8)?;
                    }
                }
            }
            if r.bit()? {
                r.skip(2)?;
                let bits = 4 + u32::from(r.u8(2)?) * 4;
                let configs = r.u8(2)? + 1;
                for _ in 0..configs {
                    r.skip(bits as usize)?;
                }
            }
        }
        let _ = presentations;
        for _ in 0..assets {
            s.asset_sizes.push(r.u32(16 + extra)? + 1);
        }
        // The first asset's descriptor.
        r.skip(9 + 3)?;
        if static_fields {
            if r.bit()? {
                r.skip(4)?;
            }
            if r.bit()? {
                r.skip(24)?;
            }
            if r.bit()? {
                let len = r.u32(10)? as usize + 1;
                r.skip(8 * len)?;
            }
            s.bit_resolution = Some(r.u8(5)? + 1);
            s.max_sample_rate = Some(r.u8(4)?);
            let channels = r.u8(8)?.wrapping_add(1);
            s.total_channels = Some(channels);
            s.one_to_one = r.bit()?;
            if s.one_to_one {
                if channels > 2 {
                    r.skip(1)?;
                }
                if channels > 6 {
                    r.skip(1)?;
                }
                if r.bit()? {
                    let bits = 4 + u32::from(r.u8(2)?) * 4;
                    s.speaker_mask = Some(r.u32(bits)? as u16);
                }
            }
        }
        Some(s)
    }
}

/// What the lossless extension's channel set headers say.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Xll {
    /// The largest channel set resolution.
    pub bit_resolution: u8,
    /// The largest channel set sampling rate index.
    pub frequency_index: u8,
}

/// Looks for an intact XLL header in an asset and reads its channel sets.
pub fn find_xll(asset: &[u8]) -> Option<Xll> {
    let at = asset.windows(4).position(|w| w == XLL_SYNC.to_be_bytes())?;
    let body = &asset[at + 4..];
    let begin = u16::from_be_bytes([*body.first()?, *body.get(1)?]);
    if begin >> 12 != 0 {
        return None;
    }
    let header_size = usize::from((begin >> 4) as u8);
    if header_size < 8 || crc_ccitt(body.get(..header_size - 3)?) != 0 {
        return None;
    }
    let mut r = BitReader::new(body);
    r.skip(12)?;
    let frame_size_bits = r.u32(5)? + 1;
    r.skip(frame_size_bits as usize)?;
    let sets = r.u8(4)? + 1;
    let mut xll = Xll::default();
    let mut pos = header_size - 3;
    let mut any = false;
    for _ in 0..sets {
        let head = body.get(pos..pos + 2)?;
        let size = usize::from(u16::from_be_bytes([head[0], head[1]]) >> 6);
        if crc_ccitt(body.get(pos..pos + size + 1)?) != 0 {
            break;
        }
        let mut c = BitReader::new(&body[pos..]);
        c.skip(10)?;
        let channels = c.u32(4)? + 1;
        c.skip(channels as usize)?;
        let resolution = c.u8(5)? + 1;
        c.skip(5)?;
        let frequency = c.u8(4)?;
        if !any || resolution > xll.bit_resolution {
            xll.bit_resolution = resolution;
        }
        if !any || frequency > xll.frequency_index {
            xll.frequency_index = frequency;
        }
        any = true;
        pos += size + 1;
    }
    any.then_some(xll)
}

/// What one Matroska block of a DTS track holds: a core frame and its extension substream.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DtsFrame {
    pub core: Option<CoreHeader>,
    pub substream: Option<Substream>,
    pub xll: Option<Xll>,
}

impl DtsFrame {
    /// Splits a block: the core frame (by its size), then the substream (by its size).
    pub fn parse(data: &[u8]) -> DtsFrame {
        let mut f = DtsFrame::default();
        let mut rest = data;
        if let Some(core) = CoreHeader::parse(rest) {
            rest = rest.get(core.frame_size as usize..).unwrap_or(&[]);
            f.core = Some(core);
        }
        if let Some(s) = Substream::parse(rest) {
            let assets = rest.get(s.header_len..).unwrap_or(&[]);
            let first = s.asset_sizes.first().copied().unwrap_or(0) as usize;
            f.xll = find_xll(assets.get(..first.min(assets.len())).unwrap_or(&[]));
            f.substream = Some(s);
        }
        f
    }
}

/// An MP4 `ddts` box (DTSSpecificBox, ETSI TS 102 114 annex E): the stream's maximum
/// sampling rate, bit rates and channel layouts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SpecificBox {
    pub sampling_frequency: u32,
    pub max_bitrate: u32,
    pub avg_bitrate: u32,
    /// The core's `AMODE`-style layout (0: none).
    pub core_layout: u8,
    /// The speaker activity mask of the whole stream (0: none).
    pub channel_layout: u16,
}

impl SpecificBox {
    /// Parses the box's payload (after its header).
    pub fn parse(data: &[u8]) -> Option<SpecificBox> {
        let mut r = BitReader::new(data);
        let sampling_frequency = r.u32(32)?;
        let max_bitrate = r.u32(32)?;
        let avg_bitrate = r.u32(32)?;
        r.skip(8 + 2 + 5 + 1)?; // pcmSampleDepth, FrameDuration, StreamConstruction, CoreLFEPresent
        let core_layout = r.u8(6)?;
        r.skip(14 + 1 + 3)?; // CoreSize, StereoDownmix, RepresentationType
        let channel_layout = r.u32(16)? as u16;
        Some(SpecificBox {
            sampling_frequency,
            max_bitrate,
            avg_bitrate,
            core_layout,
            channel_layout,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ccitt() {
        // A block followed by its own CRC checks to zero.
        let data = b"123456789";
        let c = crc_ccitt(data);
        let mut with = data.to_vec();
        with.extend_from_slice(&c.to_be_bytes());
        assert_eq!(crc_ccitt(&with), 0);
    }

    #[test]
    fn core_header() {
        // Sync, normal frame, 16 blocks (512 samples), 2013 bytes, 3/2 (AMODE 9), 48 kHz,
        // RATE 24, LFE, 24-bit.
        let fields: [(u32, u32); 23] = [
            (0x7FFE_8001, 32),
            (1, 1),
            (31, 5),
            (0, 1),
            (15, 7),
            (2012, 14),
            (9, 6),
            (13, 4),
            (24, 5),
            (0, 3),
            (0, 1),
            (0, 1),
            (0, 3),
            (0, 1),
            (0, 1),
            (1, 2),
            (0, 1),
            (0, 1),
            (7, 4),
            (0, 2),
            (2, 2),
            (0, 1),
            (0, 6),
        ];
        let bytes = crate::bits::pack_bits(fields);
        let h = CoreHeader::parse(&bytes).unwrap();
        assert_eq!((h.blocks, h.frame_size, h.amode, h.lfe), (16, 2013, 9, 1));
        assert_eq!(h.bit_rate(), 1_509_750.0);
    }
}
