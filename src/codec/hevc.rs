//! HEVC: the decoder configuration record (`hvcC`, also Matroska's CodecPrivate).

/// The `hvcC` fields the report uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HevcConfig {
    pub profile_idc: u8,
    pub tier: u8,
    pub level_idc: u8,
    pub chroma_format: u8,
    pub bit_depth_luma: u8,
    pub bit_depth_chroma: u8,
}

impl HevcConfig {
    /// Parses an `hvcC` payload (version 1).
    pub fn parse(data: &[u8]) -> Option<HevcConfig> {
        if *data.first()? != 1 || data.len() < 23 {
            return None;
        }
        Some(HevcConfig {
            profile_idc: data[1] & 0x1F,
            tier: (data[1] >> 5) & 1,
            level_idc: data[12],
            chroma_format: data[16] & 3,
            bit_depth_luma: (data[17] & 7) + 8,
            bit_depth_chroma: (data[18] & 7) + 8,
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn parses_main_record() {
        let mut r = vec![
            1u8, 0x01, 0x60, 0, 0, 0, 0x90, 0, 0, 0, 0, 0, 63, 0xF0, 0, 0xFC, 0xFD, 0xF8, 0xF8, 0,
            0, 0x0F, 0,
        ];
        r[12] = 63;
        let c = super::HevcConfig::parse(&r).unwrap();
        assert_eq!(
            (
                c.profile_idc,
                c.level_idc,
                c.chroma_format,
                c.bit_depth_luma
            ),
            (1, 63, 1, 8)
        );
    }
}
