//! Opus: the identification header (`OpusHead`), as Matroska's CodecPrivate carries it.

/// The fields of an `OpusHead` the report uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpusHead {
    pub channels: u8,
    pub pre_skip: u16,
    /// The input sample rate (informational; 0 when unknown).
    pub input_sample_rate: u32,
    pub mapping_family: u8,
}

impl OpusHead {
    /// Parses `OpusHead` (magic included).
    pub fn parse(data: &[u8]) -> Option<OpusHead> {
        if data.get(..8)? != b"OpusHead" {
            return None;
        }
        Some(OpusHead {
            channels: *data.get(9)?,
            pre_skip: u16::from_le_bytes([*data.get(10)?, *data.get(11)?]),
            input_sample_rate: u32::from_le_bytes(data.get(12..16)?.try_into().ok()?),
            mapping_family: *data.get(18)?,
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn parses_head() {
        let mut h = b"OpusHead".to_vec();
        h.extend_from_slice(&[1, 2, 0x38, 0x01, 0x80, 0xBB, 0, 0, 0, 0, 0]);
        let p = super::OpusHead::parse(&h).unwrap();
        assert_eq!(
            (
                p.channels,
                p.pre_skip,
                p.input_sample_rate,
                p.mapping_family
            ),
            (2, 312, 48000, 0)
        );
    }
}
