//! FLAC: the STREAMINFO metadata block (Matroska's CodecPrivate is `fLaC` + metadata blocks).

/// STREAMINFO's fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StreamInfo {
    pub frame_size_min: u32,
    pub frame_size_max: u32,
    pub sample_rate: u32,
    pub channels: u8,
    pub bits_per_sample: u8,
    pub samples: u64,
    pub md5: [u8; 16],
}

impl StreamInfo {
    /// Parses the STREAMINFO body (34 bytes).
    pub fn parse(b: &[u8]) -> Option<StreamInfo> {
        let b = b.get(..34)?;
        let u24 = |i: usize| u32::from_be_bytes([0, b[i], b[i + 1], b[i + 2]]);
        let packed = u64::from_be_bytes(b[10..18].try_into().ok()?);
        Some(StreamInfo {
            frame_size_min: u24(4),
            frame_size_max: u24(7),
            sample_rate: (packed >> 44) as u32,
            channels: ((packed >> 41) & 7) as u8 + 1,
            bits_per_sample: ((packed >> 36) & 31) as u8 + 1,
            samples: packed & 0xF_FFFF_FFFF,
            md5: b[18..34].try_into().ok()?,
        })
    }

    /// STREAMINFO out of `fLaC` + the first metadata block.
    pub fn from_codec_private(data: &[u8]) -> Option<StreamInfo> {
        if data.get(..4)? != b"fLaC" || data.get(4)? & 0x7F != 0 {
            return None;
        }
        Self::parse(data.get(8..)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streaminfo_from_private() {
        let mut p = b"fLaC".to_vec();
        p.extend_from_slice(&[0x80, 0, 0, 34]);
        p.extend_from_slice(&[0x10, 0, 0x10, 0, 0, 0, 0x10, 0, 0x20, 0]);
        // 48000 Hz, 2 channels, 16 bits, 1000 samples
        let packed: u64 = (48_000u64 << 44) | (1 << 41) | (15 << 36) | 1000;
        p.extend_from_slice(&packed.to_be_bytes());
        p.extend_from_slice(&[0xAB; 16]);
        let si = StreamInfo::from_codec_private(&p).unwrap();
        assert_eq!(
            (si.sample_rate, si.channels, si.bits_per_sample, si.samples),
            (48_000, 2, 16, 1000)
        );
        assert!(StreamInfo::from_codec_private(b"fLaC\x00\x00").is_none());
    }
}

/// The metadata blocks MediaInfo reads from `fLaC` + blocks: STREAMINFO and the Vorbis
/// comments (other blocks are skipped), and whether the last block was reached.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    pub stream_info: Option<StreamInfo>,
    pub comments: Option<crate::codec::vorbis::Comments>,
    pub last_block_seen: bool,
}

impl Metadata {
    /// Walks the blocks after `fLaC`; a block cut short ends the walk.
    pub fn parse(data: &[u8]) -> Option<Metadata> {
        Some(Metadata::parse_blocks(data.strip_prefix(b"fLaC")?))
    }

    /// Walks metadata blocks without the `fLaC` marker (an MP4 `dfLa` box's payload after its
    /// version and flags); a block cut short ends the walk.
    pub fn parse_blocks(blocks: &[u8]) -> Metadata {
        let mut rest = blocks;
        let mut m = Metadata::default();
        while rest.len() >= 4 {
            let last = rest[0] & 0x80 != 0;
            let kind = rest[0] & 0x7F;
            let len = u32::from_be_bytes([0, rest[1], rest[2], rest[3]]) as usize;
            let Some(body) = rest.get(4..4 + len) else {
                break;
            };
            match kind {
                0 if m.stream_info.is_none() => m.stream_info = StreamInfo::parse(body),
                4 => m.comments = crate::codec::vorbis::Comments::parse(body),
                _ => {}
            }
            rest = &rest[4 + len..];
            if last {
                m.last_block_seen = true;
                break;
            }
        }
        m
    }
}
