//! JPEG (ITU T.81) headers, as File_Jpeg reads them: the marker segments up to the first
//! frame header (SOFn), with the JFIF, AVI1 and Adobe application segments before it that
//! decide the colour space and the interlacement.

/// One frame component: identifier and sampling factors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Component {
    pub id: u8,
    pub h: u8,
    pub v: u8,
}

/// What the headers before the first scan say.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JpegInfo {
    /// Sample precision (bits).
    pub precision: u8,
    /// Lines of the frame header (a field's, for interlaced AVI1 frames).
    pub height: u16,
    pub width: u16,
    pub components: Vec<Component>,
    /// An APP0 JFIF segment came before the frame header.
    pub jfif: bool,
    /// The transform of an APP14 Adobe segment (version 100) before the frame header.
    pub adobe_transform: Option<u8>,
    /// The AVI1 polarity byte (0 progressive, 1 top field first, 2 bottom field first).
    pub avi1_polarity: Option<u8>,
    /// AVI1 says "one field" (polarity 0) but the frame holds two images.
    pub avi1_two_fields: bool,
}

impl JpegInfo {
    /// Whether the frame is one field of two (File_Jpeg then doubles the height).
    pub fn interlaced(&self) -> bool {
        self.avi1_two_fields || matches!(self.avi1_polarity, Some(1 | 2))
    }
}

/// Markers without a length (TEM, RSTn, SOI, EOI; JPEG 2000's SOC and SOD).
fn standalone(marker: u8) -> bool {
    matches!(marker, 0x01 | 0xD0..=0xD9 | 0x4F | 0x93)
}

/// Whether a marker is a frame header (SOF0-3, 5-7, 9-11, 13-15).
fn is_sof(marker: u8) -> bool {
    matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC)
}

/// Parses the headers of a JPEG image (it must start with SOI); `None` when it is not one or
/// no frame header comes before the first scan or the end of the bytes.
pub fn parse(data: &[u8]) -> Option<JpegInfo> {
    if data.len() < 3 || data[..2] != [0xFF, 0xD8] || data[2] != 0xFF {
        return None;
    }
    let mut info = JpegInfo::default();
    let mut at = 2usize;
    loop {
        // Resynchronise on the next marker (fill bytes and stray data are skipped).
        while at + 1 < data.len() && (data[at] != 0xFF || matches!(data[at + 1], 0x00 | 0xFF)) {
            at += 1;
        }
        let marker = *data.get(at + 1)?;
        at += 2;
        if standalone(marker) {
            if marker == 0xD9 {
                return None;
            }
            continue;
        }
        let len = usize::from(u16::from_be_bytes([*data.get(at)?, *data.get(at + 1)?]));
        let body = data
            .get(at + 2..at + len.max(2))
            .unwrap_or(&data[(at + 2).min(data.len())..]);
        match marker {
            0xE0 => app0(body, data, &mut info),
            0xEE if body.len() >= 12 && &body[..6] == b"Adobe\0" && body[6] == 100 => {
                info.adobe_transform = Some(body[11]);
            }
            m if is_sof(m) => {
                frame_header(body, &mut info)?;
                return Some(info);
            }
            0xDA => return None,
            _ => {}
        }
        at += len.max(2);
        if at >= data.len() {
            return None;
        }
    }
}

fn app0(body: &[u8], image: &[u8], info: &mut JpegInfo) {
    match body.get(..4) {
        Some(b"JFIF") => info.jfif = true,
        Some(b"AVI1") => {
            let Some(&polarity) = body.get(4) else {
                return;
            };
            info.avi1_polarity = Some(polarity);
            // Polarity 0 with field sizes that cut the frame in two JPEG images.
            if polarity == 0 && body.len() >= 14 {
                let be =
                    |i: usize| u32::from_be_bytes([body[i], body[i + 1], body[i + 2], body[i + 3]]);
                let (field, less_padding) = (be(6) as usize, be(10) as usize);
                let n = image.len();
                if field != 0
                    && field != n
                    && less_padding > 1
                    && less_padding <= n
                    && image[less_padding - 2..less_padding] == [0xFF, 0xD9]
                    && field + 1 < n
                    && image[field..field + 2] == [0xFF, 0xD8]
                {
                    info.avi1_two_fields = true;
                }
            }
        }
        _ => {}
    }
}

fn frame_header(body: &[u8], info: &mut JpegInfo) -> Option<()> {
    let b = body.get(..6)?;
    info.precision = b[0];
    info.height = u16::from_be_bytes([b[1], b[2]]);
    info.width = u16::from_be_bytes([b[3], b[4]]);
    let count = usize::from(b[5]);
    // Each component takes 3 bytes: only those present are read.
    info.components = body[6..]
        .chunks_exact(3)
        .take(count)
        .map(|c| Component {
            id: c[0],
            h: c[1] >> 4,
            v: c[1] & 0x0F,
        })
        .collect();
    (info.components.len() == count).then_some(())
}

/// File_Jpeg's colour space: from the Adobe transform, else from the component count and
/// identifiers (and whether a JFIF header came first).
pub fn colour_space(info: &JpegInfo) -> Option<&'static str> {
    let c = &info.components;
    let n = c.len();
    match info.adobe_transform {
        Some(1) => return (n == 3).then_some("YUV"),
        Some(2) => return (n == 4).then_some("YUVK"),
        _ => {}
    }
    let count = |id: u8| c.iter().filter(|x| x.id == id).count();
    let ids = |want: &[u8]| c.iter().map(|x| x.id).eq(want.iter().copied());
    let transform_unknown_or_zero = matches!(info.adobe_transform, None | Some(0));
    match n {
        1 => Some("Y"),
        2 => Some("YA"),
        3 => {
            if !info.jfif && count(b'R') == 1 && count(b'G') == 1 && count(b'B') == 1 {
                Some("RGB")
            } else if (count(b'Y') == 1
                && ((count(b'C') == 1 && count(b'c') == 1) || count(b'C') == 2))
                || info.jfif
                || info.adobe_transform == Some(0)
                || ids(&[0, 1, 2])
                || ids(&[1, 2, 3])
            {
                Some("YUV")
            } else if transform_unknown_or_zero {
                Some("RGB")
            } else {
                None
            }
        }
        4 => {
            if !info.jfif
                && count(b'R') == 1
                && count(b'G') == 1
                && count(b'B') == 1
                && count(b'A') == 1
            {
                Some("RGBA")
            } else if (count(b'Y') == 1
                && count(b'A') == 1
                && ((count(b'C') == 1 && count(b'c') == 1) || count(b'C') == 2))
                || info.jfif
                || ids(&[0, 1, 2, 3])
                || ids(&[1, 2, 3, 4])
            {
                Some("YUVA")
            } else if (count(b'C') == 1 && count(b'M') == 1 && count(b'Y') == 1 && count(b'K') == 1)
                || transform_unknown_or_zero
            {
                Some("CMYK")
            } else {
                None
            }
        }
        _ => None,
    }
}

/// File_Jpeg's chroma subsampling, from the sampling factors of 3 or 4 components whose
/// second and third are 1×1 (4:4:4 only for a YUV colour space); ":?" when a fourth
/// component is sampled unlike the first.
pub fn chroma_subsampling(info: &JpegInfo, colour_space: Option<&str>) -> Option<String> {
    let c = &info.components;
    if !(c.len() == 3 || c.len() == 4) || (c[1].h, c[1].v, c[2].h, c[2].v) != (1, 1, 1, 1) {
        return None;
    }
    let base = match (c[0].h, c[0].v) {
        (1, 1) if colour_space.is_some_and(|s| s.starts_with("YUV")) => "4:4:4",
        (2, 1) => "4:2:2",
        (2, 2) => "4:2:0",
        (4, 1) => "4:1:1",
        (4, 2) => "4:1:0",
        _ => return None,
    };
    let mut s = base.to_string();
    if c.len() > 3 && (c[3].h, c[3].v) != (c[0].h, c[0].v) {
        s.push_str(":?");
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SOI, APP0 JFIF, DQT (stub), SOF0 with the given components, SOS.
    fn image(components: &[(u8, u8)]) -> Vec<u8> {
        let mut d = vec![0xFF, 0xD8];
        d.extend([0xFF, 0xE0, 0, 16]);
        d.extend(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        d.extend([0xFF, 0xDB, 0, 3, 0]);
        let len = 8 + 3 * components.len() as u16;
        d.extend([0xFF, 0xC0]);
        d.extend(len.to_be_bytes());
        d.extend([8, 0x02, 0x1C, 0x03, 0xC0, components.len() as u8]);
        for &(id, hv) in components {
            d.extend([id, hv, 0]);
        }
        d.extend([0xFF, 0xDA, 0, 2]);
        d
    }

    #[test]
    fn baseline_yuv_420() {
        let info = parse(&image(&[(1, 0x22), (2, 0x11), (3, 0x11)])).unwrap();
        assert_eq!((info.width, info.height, info.precision), (960, 540, 8));
        assert!(info.jfif);
        let cs = colour_space(&info);
        assert_eq!(cs, Some("YUV"));
        assert_eq!(chroma_subsampling(&info, cs).as_deref(), Some("4:2:0"));
        let info = parse(&image(&[(1, 0x11), (2, 0x11), (3, 0x11)])).unwrap();
        assert_eq!(
            chroma_subsampling(&info, colour_space(&info)).as_deref(),
            Some("4:4:4")
        );
    }

    #[test]
    fn rgb_without_jfif() {
        let mut d = image(&[(b'R', 0x11), (b'G', 0x11), (b'B', 0x11)]);
        d.drain(2..20);
        let info = parse(&d).unwrap();
        assert!(!info.jfif);
        assert_eq!(colour_space(&info), Some("RGB"));
        assert_eq!(chroma_subsampling(&info, Some("RGB")), None);
    }

    #[test]
    fn not_jpeg_or_cut() {
        assert_eq!(parse(b"\x89PNG\r\n"), None);
        let d = image(&[(1, 0x22), (2, 0x11), (3, 0x11)]);
        for n in 0..d.len() - 4 {
            // Cut inside the frame header or before it: no answer, no panic.
            let _ = parse(&d[..n]);
        }
        assert_eq!(parse(&d[..30]), None);
    }
}
