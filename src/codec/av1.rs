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

/// The OBUs of a buffer (configOBUs or a frame): (obu_type, payload). Sizes are read as
/// MediaInfo reads them (a leb128 size after every header); a cut OBU ends the walk.
pub fn obus(data: &[u8]) -> Vec<(u8, &[u8])> {
    let mut out = Vec::new();
    let mut rest = data;
    while let Some((&header, tail)) = rest.split_first() {
        let mut tail = tail;
        if header & 4 != 0 {
            let Some(t) = tail.get(1..) else { break };
            tail = t;
        }
        let mut size = 0u64;
        let mut len = 0;
        loop {
            let Some(&b) = tail.get(len) else {
                return out;
            };
            size |= u64::from(b & 0x7F) << (7 * len);
            len += 1;
            if b & 0x80 == 0 || len == 8 {
                break;
            }
        }
        let tail = &tail[len..];
        let Some(payload) = usize::try_from(size).ok().and_then(|s| tail.get(..s)) else {
            break;
        };
        out.push(((header >> 3) & 0xF, payload));
        rest = &tail[payload.len()..];
    }
    out
}

/// What MediaInfo reads from a sequence header OBU.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SequenceHeader {
    pub profile: u8,
    /// `seq_level_idx[0]` (31: no level).
    pub level_idx: u8,
    pub max_width: u32,
    pub max_height: u32,
    pub bit_depth: u8,
    pub monochrome: bool,
    /// (primaries, transfer, matrix) when described.
    pub description: Option<(u8, u8, u8)>,
    /// `color_range` (MediaInfo reads none for monochrome and sRGB streams).
    pub full_range: Option<bool>,
    pub subsampling_x: bool,
    pub subsampling_y: bool,
    pub chroma_sample_position: u8,
}

impl SequenceHeader {
    /// The codes MediaInfo uses when the header describes no colours.
    pub fn codes(&self) -> (u8, u8, u8) {
        self.description.unwrap_or((2, 2, 2))
    }

    /// sRGB: BT.709 primaries, sRGB transfer, identity matrix.
    pub fn is_srgb(&self) -> bool {
        self.codes() == (1, 13, 0)
    }

    /// The first sequence header OBU of a buffer of OBUs (configOBUs or a sample) that parses.
    pub fn find(data: &[u8]) -> Option<SequenceHeader> {
        obus(data)
            .into_iter()
            .filter(|(kind, _)| *kind == 1)
            .find_map(|(_, payload)| SequenceHeader::parse(payload))
    }

    /// Parses a sequence header OBU's payload.
    pub fn parse(payload: &[u8]) -> Option<SequenceHeader> {
        let mut r = crate::bits::BitReader::new(payload);
        let profile = r.u8(3)?;
        r.skip(1)?;
        let reduced = r.bit()?;
        let mut level_idx = 0;
        if reduced {
            level_idx = r.u8(5)?;
        } else {
            let timing = r.bit()?;
            let mut decoder_model = false;
            let mut buffer_delay_length = 0;
            if timing {
                r.skip(64)?;
                if r.bit()? {
                    r.ue()?;
                }
                decoder_model = r.bit()?;
                if decoder_model {
                    buffer_delay_length = r.u32(5)? + 1;
                    r.skip(32 + 5 + 5)?;
                }
            }
            r.skip(1)?; // initial_display_delay_present_flag: MediaInfo reads no delays
            let ops = r.u32(5)? + 1;
            for i in 0..ops {
                r.skip(12)?;
                let idx = r.u8(5)?;
                if i == 0 {
                    level_idx = idx;
                }
                if idx > 7 {
                    r.skip(1)?;
                }
                if timing && decoder_model && r.bit()? {
                    r.skip(2 * buffer_delay_length as usize + 1)?;
                }
            }
        }
        let w_bits = r.u32(4)? + 1;
        let h_bits = r.u32(4)? + 1;
        let max_width = r.u32(w_bits)? + 1;
        let max_height = r.u32(h_bits)? + 1;
        if !reduced && r.bit()? {
            r.skip(7)?;
        }
        r.skip(3)?;
        if !reduced {
            r.skip(4)?;
            let order_hint = r.bit()?;
            if order_hint {
                r.skip(2)?;
            }
            let force_screen = if r.bit()? { 2 } else { r.u8(1)? };
            if force_screen > 0 && !r.bit()? {
                r.skip(1)?;
            }
            if order_hint {
                r.skip(3)?;
            }
        }
        r.skip(3)?;
        let high = r.bit()?;
        let mut bit_depth = if high { 10 } else { 8 };
        if profile >= 2 && high && r.bit()? {
            bit_depth += 2;
        }
        let monochrome = if profile == 1 { false } else { r.bit()? };
        let description = if r.bit()? {
            Some((r.u8(8)?, r.u8(8)?, r.u8(8)?))
        } else {
            None
        };
        let mut h = SequenceHeader {
            profile,
            level_idx,
            max_width,
            max_height,
            bit_depth,
            monochrome,
            description,
            full_range: None,
            subsampling_x: true,
            subsampling_y: true,
            chroma_sample_position: 0,
        };
        if monochrome {
            h.full_range = Some(true);
        } else if h.is_srgb() {
            h.subsampling_x = false;
            h.subsampling_y = false;
        } else {
            h.full_range = Some(r.bit()?);
            match profile {
                0 => {}
                1 => {
                    h.subsampling_x = false;
                    h.subsampling_y = false;
                }
                _ if bit_depth == 12 => {
                    h.subsampling_x = r.bit()?;
                    h.subsampling_y = h.subsampling_x && r.bit()?;
                }
                _ => h.subsampling_y = false,
            }
            if h.subsampling_x && h.subsampling_y {
                h.chroma_sample_position = r.u8(2)?;
            }
        }
        r.skip(1)?; // separate_uv_delta_q
        r.skip(1)?; // film_grain_params_present
        Some(h)
    }
}

#[cfg(test)]
mod sequence_tests {
    #[test]
    fn sequence_header() {
        let obus = [
            0x0a, 0x0e, 0x00, 0x00, 0x00, 0x2c, 0xd5, 0x9f, 0x3f, 0xc0, 0x2f, 0x85, 0x09, 0x12,
            0x09, 0x04,
        ];
        let list = super::obus(&obus);
        assert_eq!(list[0].0, 1);
        let h = super::SequenceHeader::parse(list[0].1).unwrap();
        assert_eq!((h.profile, h.bit_depth), (0, 10));
        assert_eq!(h.description, Some((9, 18, 9)));
        assert_eq!(h.full_range, Some(false));
    }
}
