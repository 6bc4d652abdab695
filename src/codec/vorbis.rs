//! Vorbis: the identification header, from Matroska's Xiph-laced CodecPrivate.

/// The identification header's fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Identification {
    pub channels: u8,
    pub sampling_rate: u32,
    pub bitrate_maximum: u32,
    pub bitrate_nominal: u32,
    pub bitrate_minimum: u32,
}

impl Identification {
    /// Parses an identification packet (`\x01vorbis` first). Only version 0 is known.
    pub fn parse(packet: &[u8]) -> Option<Identification> {
        if packet.get(..7)? != b"\x01vorbis" {
            return None;
        }
        let le = |i: usize| -> Option<u32> {
            Some(u32::from_le_bytes(packet.get(i..i + 4)?.try_into().ok()?))
        };
        if le(7)? != 0 {
            return None;
        }
        Some(Identification {
            channels: *packet.get(11)?,
            sampling_rate: le(12)?,
            bitrate_maximum: le(16)?,
            bitrate_nominal: le(20)?,
            bitrate_minimum: le(24)?,
        })
    }

    /// The identification packet out of a Matroska CodecPrivate (Xiph lacing of the three
    /// headers: count, then the first sizes in 255-sums).
    pub fn from_codec_private(data: &[u8]) -> Option<Identification> {
        let (&count, mut rest) = data.split_first()?;
        if count == 0 {
            return Self::parse(rest);
        }
        let mut first = 0usize;
        loop {
            let (&b, r) = rest.split_first()?;
            rest = r;
            first += usize::from(b);
            if b != 255 {
                break;
            }
        }
        // Skip the remaining sizes (count - 1 of them).
        for _ in 1..count {
            loop {
                let (&b, r) = rest.split_first()?;
                rest = r;
                if b != 255 {
                    break;
                }
            }
        }
        Self::parse(rest.get(..first)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identification_from_laced_private() {
        let mut id = b"\x01vorbis".to_vec();
        id.extend_from_slice(&0u32.to_le_bytes());
        id.push(2);
        id.extend_from_slice(&44_100u32.to_le_bytes());
        id.extend_from_slice(&0u32.to_le_bytes());
        id.extend_from_slice(&128_000u32.to_le_bytes());
        id.extend_from_slice(&0u32.to_le_bytes());
        id.extend_from_slice(&[0xB8, 1]);
        let mut private = vec![2, id.len() as u8, 3];
        private.extend_from_slice(&id);
        private.extend_from_slice(b"\x03vo\x05");
        let v = Identification::from_codec_private(&private).unwrap();
        assert_eq!(
            (v.channels, v.sampling_rate, v.bitrate_nominal),
            (2, 44_100, 128_000)
        );
        assert!(Identification::from_codec_private(&[2, 255]).is_none());
    }
}
