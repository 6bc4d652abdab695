//! AV1: the codec configuration record (`av1C`, also Matroska's CodecPrivate).

/// The `av1C` fields the report uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Av1Config {
    pub profile: u8,
    pub level_idx: u8,
    pub tier: u8,
    pub high_bitdepth: bool,
    pub twelve_bit: bool,
    pub monochrome: bool,
    pub subsampling_x: bool,
    pub subsampling_y: bool,
}

impl Av1Config {
    /// Parses an `av1C` payload (marker bit and version 1 first).
    pub fn parse(data: &[u8]) -> Option<Av1Config> {
        let (&b0, rest) = data.split_first()?;
        if b0 != 0x81 {
            return None;
        }
        let (&b1, rest) = rest.split_first()?;
        let &b2 = rest.first()?;
        Some(Av1Config {
            profile: b1 >> 5,
            level_idx: b1 & 0x1F,
            tier: b2 >> 7,
            high_bitdepth: b2 & 0x40 != 0,
            twelve_bit: b2 & 0x20 != 0,
            monochrome: b2 & 0x10 != 0,
            subsampling_x: b2 & 0x08 != 0,
            subsampling_y: b2 & 0x04 != 0,
        })
    }

    /// Bits per sample.
    pub fn bit_depth(&self) -> u8 {
        match (self.high_bitdepth, self.twelve_bit) {
            (true, true) => 12,
            (true, false) => 10,
            _ => 8,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn parses_main_10_bit() {
        let c = super::Av1Config::parse(&[0x81, 0x09, 0x4C, 0x00]).unwrap();
        assert_eq!((c.profile, c.level_idx, c.bit_depth()), (0, 9, 10));
        assert!(c.subsampling_x && c.subsampling_y);
    }
}
