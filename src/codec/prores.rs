//! Apple ProRes: the frame header as File_ProRes reads it from a sample's start.

/// The frame header fields the report uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FrameHeader {
    /// `prrf` (ProRes RAW): its header is skipped, the fields after `height` stay 0.
    pub raw: bool,
    pub version: u16,
    /// `creatorID`, a four-character code (`apl0`: Apple).
    pub creator: [u8; 4],
    pub width: u16,
    pub height: u16,
    /// 2: 4:2:2, 3: 4:4:4.
    pub chrominance_factor: u8,
    /// 0: progressive, 1: interlaced top field first, 2: bottom field first.
    pub frame_type: u8,
    pub primaries: u8,
    pub transfer: u8,
    pub matrix: u8,
    /// Non-zero when the frame carries an alpha channel.
    pub alpha_info: u8,
}

/// Bytes of a sample's start that hold the whole frame header (both quantisation matrices
/// included) and the first picture header.
pub const HEADER_PREFIX: usize = 8 + 20 + 128 + 8;

impl FrameHeader {
    /// Parses a frame (`icpf`, or `prrf` for RAW). `None` when it is neither, is cut before
    /// the end of its header, its header size disagrees with the fields read, or the first
    /// picture header is implausibly small (MediaInfo rejects the stream then).
    pub fn parse(frame: &[u8]) -> Option<FrameHeader> {
        let be16 = |at: usize| {
            frame
                .get(at..at + 2)
                .map(|b| u16::from_be_bytes([b[0], b[1]]))
        };
        let name = frame.get(4..8)?;
        let raw = match name {
            b"icpf" => false,
            b"prrf" => true,
            _ => return None,
        };
        let header_size = usize::from(be16(8)?);
        let mut h = FrameHeader {
            raw,
            version: be16(10)?,
            creator: frame.get(12..16)?.try_into().ok()?,
            width: be16(16)?,
            height: be16(18)?,
            ..Default::default()
        };
        if raw {
            return Some(h);
        }
        let b = frame.get(20..28)?;
        h.chrominance_factor = b[0] >> 6;
        h.frame_type = (b[0] >> 2) & 3;
        h.primaries = b[2];
        h.transfer = b[3];
        h.matrix = b[4];
        h.alpha_info = b[5] & 0x0F;
        let matrices = usize::from(b[7] & 2 != 0) + usize::from(b[7] & 1 != 0);
        let end = 28 + 64 * matrices;
        if end != 8 + header_size {
            return None;
        }
        // The first picture header: its size in bits and its data size.
        let picture = frame.get(end..end + 5)?;
        let data_size = u32::from_be_bytes([picture[1], picture[2], picture[3], picture[4]]);
        if picture[0] < 64 || data_size < 8 {
            return None;
        }
        Some(h)
    }
}

#[cfg(test)]
mod tests {
    use super::FrameHeader;

    #[test]
    fn parses_interlaced_422() {
        let mut f = vec![0, 0, 0, 0];
        f.extend_from_slice(b"icpf");
        f.extend_from_slice(&[0, 20, 0, 0]);
        f.extend_from_slice(b"apl0");
        f.extend_from_slice(&[0x07, 0x80, 0x04, 0x38]);
        f.extend_from_slice(&[0x88, 0, 1, 1, 1, 0, 0, 0]);
        f.extend_from_slice(&[64, 0, 0, 0, 8]);
        let h = FrameHeader::parse(&f).unwrap();
        assert_eq!((h.width, h.height, h.frame_type), (1920, 1080, 2));
        assert_eq!(
            (h.chrominance_factor, h.matrix, &h.creator),
            (2, 1, b"apl0")
        );
        f[9] = 21; // header size off by one
        assert_eq!(FrameHeader::parse(&f), None);
        assert_eq!(FrameHeader::parse(&f[..20]), None);
    }
}
