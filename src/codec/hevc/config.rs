//! The HEVC decoder configuration record (`hvcC`, also Matroska's CodecPrivate) and the
//! layered one (`lhvC`): the NAL unit length size and the parameter sets they carry.
//! MediaInfo takes no field from the record itself, only from the NAL units in it.

/// A configuration record's NAL units (headers included) and length field size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HevcConfig<'a> {
    /// Bytes of the length field before each NAL unit in samples (1 to 4).
    pub length_size: u8,
    pub nal_units: Vec<&'a [u8]>,
}

impl<'a> HevcConfig<'a> {
    /// Parses an `hvcC` payload.
    pub fn parse(data: &'a [u8]) -> Option<HevcConfig<'a>> {
        Self::parse_record(data, 21)
    }

    /// Parses an `lhvC` payload (no profile, chroma, bit depth or frame rate fields).
    pub fn parse_layered(data: &'a [u8]) -> Option<HevcConfig<'a>> {
        Self::parse_record(data, 4)
    }

    /// `fixed`: bytes before the lengthSizeMinusOne byte.
    fn parse_record(data: &'a [u8], fixed: usize) -> Option<HevcConfig<'a>> {
        let length_size = (data.get(fixed)? & 3) + 1;
        let arrays = *data.get(fixed + 1)?;
        let mut pos = fixed + 2;
        let mut nal_units = Vec::new();
        'arrays: for _ in 0..arrays {
            let Some(count) = data.get(pos + 1..pos + 3) else {
                break;
            };
            let count = u16::from_be_bytes([count[0], count[1]]);
            pos += 3;
            for _ in 0..count {
                let Some(len) = data.get(pos..pos + 2) else {
                    break 'arrays;
                };
                let len = usize::from(u16::from_be_bytes([len[0], len[1]]));
                pos += 2;
                // A length under two bytes or past the end stops the reading (MediaInfo
                // keeps what it read before).
                let Some(nal) = data.get(pos..pos + len).filter(|_| len >= 2) else {
                    break 'arrays;
                };
                nal_units.push(nal);
                pos += len;
            }
        }
        Some(HevcConfig {
            length_size,
            nal_units,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nal_units() {
        let mut r = vec![
            1u8, 0x01, 0x60, 0, 0, 0, 0x90, 0, 0, 0, 0, 0, 93, 0xF0, 0, 0xFC, 0xFD, 0xF8, 0xF8, 0,
            0, 0x0F, 2,
        ];
        r.extend_from_slice(&[0xA0, 0, 1, 0, 3, 0x40, 0x01, 0x0C]);
        r.extend_from_slice(&[0xA1, 0, 1, 0, 9, 0x42]); // cut short
        let c = HevcConfig::parse(&r).unwrap();
        assert_eq!(c.length_size, 4);
        assert_eq!(c.nal_units, vec![&[0x40, 0x01, 0x0C][..]]);
        assert!(HevcConfig::parse(&r[..10]).is_none());
    }
}
