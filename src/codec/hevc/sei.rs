//! Supplemental enhancement information: the messages File_Hevc turns into fields (encoder
//! user data, mastering display, content light level, preferred transfer characteristics).

/// One SEI message the report uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    /// user_data_unregistered text from x265 (and encoders that reuse its UUID), as bytes: a
    /// NUL may end it or sit inside it.
    X265(Vec<u8>),
    /// user_data_unregistered text from Ateme's encoder.
    Ateme(String),
    /// mastering_display_colour_volume: display primaries and white point (x, y pairs in
    /// 0.00002 units, in stream order), then max and min luminance (0.0001 cd/m²).
    MasteringDisplay {
        primaries: [u16; 8],
        luminance: [u32; 2],
    },
    /// content_light_level_info: MaxCLL and MaxFALL (cd/m²).
    LightLevel { max_cll: u16, max_fall: u16 },
    /// alternative_transfer_characteristics.
    PreferredTransfer(u8),
}

const X265_UUID: [u8; 8] = [0x2C, 0xA2, 0xDE, 0x09, 0xB5, 0x17, 0x47, 0xDB];
const ATEME_UUID: [u8; 8] = [0x42, 0x7F, 0xCC, 0x9B, 0xB8, 0x92, 0x48, 0x21];

/// Messages at most read from one SEI NAL unit.
const MAX_MESSAGES: usize = 64;

/// The messages of an SEI RBSP (after the NAL header, emulation prevention removed), in order.
pub fn parse(rbsp: &[u8]) -> Vec<Message> {
    let mut out = Vec::new();
    let mut pos = 0usize;
    // MediaInfo reads messages while two bytes or more are left.
    while pos + 1 < rbsp.len() && out.len() < MAX_MESSAGES {
        let Some((kind, size, start)) = header(rbsp, pos) else {
            break;
        };
        let end = start.saturating_add(size);
        // A payload running past the end is read as far as it goes (MediaInfo pads it with
        // zeros).
        let payload = &rbsp[start.min(rbsp.len())..end.min(rbsp.len())];
        if let Some(m) = message(kind, payload) {
            out.push(m);
        }
        if end >= rbsp.len() {
            break;
        }
        pos = end;
    }
    out
}

/// payloadType, payloadSize and where the payload starts.
fn header(rbsp: &[u8], mut pos: usize) -> Option<(usize, usize, usize)> {
    let mut read = || -> Option<usize> {
        let mut v = 0usize;
        loop {
            let b = *rbsp.get(pos)?;
            pos += 1;
            v += usize::from(b);
            if b != 0xFF {
                return Some(v);
            }
        }
    };
    let kind = read()?;
    let size = read()?;
    Some((kind, size, pos))
}

fn message(kind: usize, p: &[u8]) -> Option<Message> {
    match kind {
        5 if p.len() >= 16 => {
            let text = &p[16..];
            if p.starts_with(&X265_UUID) {
                Some(Message::X265(text.to_vec()))
            } else if p.starts_with(&ATEME_UUID) {
                let len = text.iter().position(|&b| b == 0).unwrap_or(text.len());
                Some(Message::Ateme(
                    String::from_utf8_lossy(&text[..len]).into_owned(),
                ))
            } else {
                None
            }
        }
        137 if p.len() >= 24 => {
            let u16_at = |i: usize| u16::from_be_bytes([p[i], p[i + 1]]);
            let u32_at = |i: usize| u32::from_be_bytes([p[i], p[i + 1], p[i + 2], p[i + 3]]);
            let mut primaries = [0u16; 8];
            for (i, v) in primaries.iter_mut().enumerate() {
                *v = u16_at(i * 2);
            }
            Some(Message::MasteringDisplay {
                primaries,
                luminance: [u32_at(16), u32_at(20)],
            })
        }
        144 if p.len() >= 4 => Some(Message::LightLevel {
            max_cll: u16::from_be_bytes([p[0], p[1]]),
            max_fall: u16::from_be_bytes([p[2], p[3]]),
        }),
        147 if !p.is_empty() => Some(Message::PreferredTransfer(p[0])),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mastering_and_light_level() {
        // The two prefix SEI NAL units of an x265 HDR10 encode (master-display, max-cll),
        // after their NAL headers.
        let mastering = [
            0x89, 0x18, 0x33, 0xC2, 0x86, 0xC4, 0x1D, 0x4C, 0x0B, 0xB8, 0x84, 0xD0, 0x3E, 0x80,
            0x3D, 0x13, 0x40, 0x42, 0x00, 0x98, 0x96, 0x80, 0x00, 0x00, 0x03, 0x00, 0x01, 0x80,
        ];
        let light = [0x90, 0x04, 0x03, 0xE8, 0x01, 0x90, 0x80];
        assert_eq!(
            parse(&crate::bits::unescape_rbsp(&mastering)),
            vec![Message::MasteringDisplay {
                primaries: [13250, 34500, 7500, 3000, 34000, 16000, 15635, 16450],
                luminance: [10_000_000, 1],
            }]
        );
        assert_eq!(
            parse(&light),
            vec![Message::LightLevel {
                max_cll: 1000,
                max_fall: 400
            }]
        );
    }

    #[test]
    fn cut_payload_is_read_as_far_as_it_goes() {
        assert!(parse(&[0x89, 0x18, 0x33]).is_empty());
        assert!(parse(&[0xFF, 0xFF]).is_empty());
    }
}
