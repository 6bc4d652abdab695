//! The Windows headers a `V_MS/VFW/FOURCC` or `A_MS/ACM` track carries as its CodecPrivate:
//! `BITMAPINFOHEADER` and `WAVEFORMATEX` (little-endian), as File_Mk reads them.

/// `BITMAPINFOHEADER`, and the codec's own data after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BitmapInfoHeader<'a> {
    pub size: u32,
    pub width: u32,
    pub height: u32,
    pub bit_count: u16,
    /// The compression code, read as big-endian characters (`DIV3`).
    pub compression: u32,
    /// What follows the 40-byte header, up to `size` (the codec's configuration).
    pub extra: &'a [u8],
}

fn le32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn le16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

impl<'a> BitmapInfoHeader<'a> {
    pub fn parse(data: &'a [u8]) -> Option<Self> {
        if data.len() < 40 {
            return None;
        }
        let size = le32(data, 0)?;
        let end = (size as usize).clamp(40, data.len());
        Some(BitmapInfoHeader {
            size,
            width: le32(data, 4)?,
            height: le32(data, 8)?,
            bit_count: le16(data, 14)?,
            compression: u32::from_be_bytes(data[16..20].try_into().ok()?),
            extra: &data[40..end],
        })
    }

    /// Whether the compression code is four printable characters (or 0, raw RGB): MediaInfo
    /// ignores the header otherwise.
    pub fn has_fourcc(&self) -> bool {
        self.compression == 0
            || self
                .compression
                .to_be_bytes()
                .iter()
                .all(|b| (0x20..=0x7E).contains(b))
    }

    /// The compression code as text.
    pub fn fourcc(&self) -> String {
        self.compression
            .to_be_bytes()
            .iter()
            .map(|&b| char::from(b))
            .collect()
    }
}

/// `WAVEFORMATEX`, and the `WAVE_FORMAT_EXTENSIBLE` fields when they are there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WaveFormatEx {
    pub format_tag: u16,
    pub channels: u16,
    pub samples_per_sec: u32,
    pub avg_bytes_per_sec: u32,
    pub bits_per_sample: u16,
    pub extensible: Option<Extensible>,
}

/// `WAVE_FORMAT_EXTENSIBLE`'s extra fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extensible {
    pub valid_bits_per_sample: u16,
    pub channel_mask: u32,
    /// The sub-format GUID's bytes as stored (little-endian fields first).
    pub sub_format: [u8; 16],
}

impl Extensible {
    /// The legacy format tag of a `XXXX0000-0000-0010-8000-00AA00389B71` sub-format.
    pub fn legacy_tag(&self) -> Option<u16> {
        const TAIL: [u8; 12] = [
            0, 0, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38,
        ];
        let g = &self.sub_format;
        (g[2..14] == TAIL && g[14..] == [0x9B, 0x71]).then(|| u16::from_le_bytes([g[0], g[1]]))
    }

    /// The sub-format GUID as MediaInfo writes it (`00000001-0000-0010-8000-00AA00389B71`).
    pub fn guid_text(&self) -> String {
        let g = &self.sub_format;
        format!(
            "{:08X}-{:04X}-{:04X}-{:02X}{:02X}-{}",
            u32::from_le_bytes([g[0], g[1], g[2], g[3]]),
            u16::from_le_bytes([g[4], g[5]]),
            u16::from_le_bytes([g[6], g[7]]),
            g[8],
            g[9],
            g[10..]
                .iter()
                .map(|b| format!("{b:02X}"))
                .collect::<String>()
        )
    }
}

impl WaveFormatEx {
    pub fn parse(data: &[u8]) -> Option<Self> {
        let mut w = WaveFormatEx {
            format_tag: le16(data, 0)?,
            channels: le16(data, 2)?,
            samples_per_sec: le32(data, 4)?,
            avg_bytes_per_sec: le32(data, 8)?,
            bits_per_sample: le16(data, 14)?,
            extensible: None,
        };
        let option_size = le16(data, 16).unwrap_or(0);
        if w.format_tag == 0xFFFE && option_size > 0 {
            w.extensible = (|| {
                Some(Extensible {
                    valid_bits_per_sample: le16(data, 18)?,
                    channel_mask: le32(data, 20)?,
                    sub_format: data.get(24..40)?.try_into().ok()?,
                })
            })();
        }
        Some(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bitmap_header() {
        let mut b = vec![0u8; 44];
        b[0] = 44;
        b[4] = 0x40; // width 576
        b[5] = 0x02;
        b[8] = 0xB0; // height 432
        b[9] = 0x01;
        b[14] = 24;
        b[16..20].copy_from_slice(b"DIV3");
        let h = BitmapInfoHeader::parse(&b).unwrap();
        assert_eq!((h.width, h.height, h.bit_count), (576, 432, 24));
        assert_eq!(h.fourcc(), "DIV3");
        assert!(h.has_fourcc());
        assert_eq!(h.extra.len(), 4);
    }

    #[test]
    fn pcm_guid() {
        let mut g = [0u8; 16];
        g[0] = 1;
        g[4..].copy_from_slice(&[
            0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71,
        ]);
        let e = Extensible {
            valid_bits_per_sample: 16,
            channel_mask: 3,
            sub_format: g,
        };
        assert_eq!(e.legacy_tag(), Some(1));
        assert_eq!(e.guid_text(), "00000001-0000-0010-8000-00AA00389B71");
    }
}
