//! H.263: picture headers (PSC, temporal reference, PTYPE and PLUSPTYPE) as File_H263 reads
//! them, and a parser a container feeds with frames.

use crate::bits::BitReader;

/// Pictures File_H263 counts before it is filled (at MediaInfo's default parse speed).
pub const MAX_FRAMES: usize = 8;

/// What one picture header says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PictureHeader {
    pub temporal_reference: u8,
    /// Source format (1 sub-QCIF … 5 16CIF; 6 custom, 7 extended PTYPE), the last one read.
    pub source_format: Option<u8>,
    /// The pixel aspect ratio of a PLUSPTYPE header's custom picture format.
    pub par: Option<(u8, u8)>,
    /// Whether the header was read to its end with its marker bits right (File_H263 counts
    /// no picture otherwise).
    pub complete: bool,
}

/// Pixel aspect ratios by PLUSPTYPE code (0 and codes over 5 name none).
const PAR: [(u8, u8); 6] = [(0, 0), (12, 11), (10, 11), (16, 11), (40, 33), (0, 0)];

/// Luma width and height by source format.
pub fn source_format_size(format: u8) -> Option<(u32, u32)> {
    match format {
        1 => Some((128, 96)),
        2 => Some((176, 144)),
        3 => Some((352, 288)),
        4 => Some((704, 576)),
        5 => Some((1408, 1152)),
        _ => None,
    }
}

/// Whether `b` starts with what File_H263 synchronises on: a picture start code, PTYPE's
/// marker bits and a source format other than 0.
fn is_sync(b: &[u8]) -> bool {
    b.len() >= 5
        && b[0] == 0
        && b[1] == 0
        && b[2] & 0xFC == 0x80
        && b[3] & 3 == 2
        && b[4] & 0x1C != 0
}

impl PictureHeader {
    /// Parses the header at the start of `data` (the picture start code first); `None` when
    /// even the temporal reference is cut. Fields read before a cut or an unknown UFEP are
    /// kept, as File_H263 keeps them.
    pub fn parse(data: &[u8]) -> Option<PictureHeader> {
        let mut r = BitReader::new(data);
        r.skip(22)?; // picture start code
        let mut h = PictureHeader {
            temporal_reference: r.u8(8)?,
            source_format: None,
            par: None,
            complete: false,
        };
        h.complete = h.rest(&mut r).unwrap_or(false);
        Some(h)
    }

    /// PTYPE and PLUSPTYPE: whether they were read whole with correct markers. A wrong
    /// marker makes MediaInfo skip the rest, which it then reads as zeros: a PLUSPTYPE's pixel
    /// aspect ratio code 0 names none.
    fn rest(&mut self, r: &mut BitReader) -> Option<bool> {
        if r.u8(2)? != 0b10 {
            return Some(false);
        }
        r.skip(3)?; // split screen, document camera, freeze release
        let format = r.u8(3)?;
        self.source_format = Some(format);
        if format != 7 {
            r.skip(5)?; // coding type, UMV, SAC, AP, PB-frames
            return Some(true);
        }
        let zeroed = |h: &mut Self| {
            h.par = Some((0, 0));
            Some(false)
        };
        match r.u8(3)? {
            0 => {}
            1 => {
                self.source_format = Some(r.u8(3)?);
                r.skip(11)?; // OPPTYPE mode flags
                if r.u8(4)? != 0b1000 {
                    return zeroed(self);
                }
            }
            _ => return Some(false),
        }
        r.skip(6)?; // picture type, RPR, RRU, rounding type
        if r.u8(3)? != 0b001 {
            return zeroed(self);
        }
        r.skip(1 + 2)?; // CPM, PSBI
        // MediaInfo reads a custom picture format after every PLUSPTYPE, with four-bit width
        // and height indications.
        let code = r.u8(4)?;
        r.skip(4)?; // picture width indication
        let marker = r.bit()?;
        r.skip(4)?; // picture height indication
        self.par = Some(if code == 0xF {
            if marker { (r.u8(8)?, r.u8(8)?) } else { (0, 0) }
        } else {
            PAR.get(usize::from(code)).copied().unwrap_or((0, 0))
        });
        Some(marker)
    }
}

/// What the report needs from an H.263 stream.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct H263Info {
    /// The last counted picture's source format.
    pub source_format: u8,
    /// The pixel aspect ratio (12:11 unless a PLUSPTYPE header changed it).
    pub par: (u8, u8),
    /// Pictures counted.
    pub frames: usize,
}

/// File_H263's state over the frames a container hands it.
#[derive(Clone, Debug)]
pub struct H263Parser {
    info: H263Info,
    last_tr: Option<u8>,
}

impl Default for H263Parser {
    fn default() -> Self {
        H263Parser {
            info: H263Info {
                par: (12, 11),
                ..Default::default()
            },
            last_tr: None,
        }
    }
}

impl H263Parser {
    /// Whether more frames would change the report.
    pub fn wants_more(&self) -> bool {
        self.info.frames < MAX_FRAMES
    }

    /// One frame (a sample): its picture header, from where File_H263 synchronises.
    pub fn push_frame(&mut self, frame: &[u8]) {
        let Some(start) = (0..frame.len()).find(|&i| is_sync(&frame[i..])) else {
            return;
        };
        let Some(h) = PictureHeader::parse(&frame[start..]) else {
            return;
        };
        // A temporal reference equal to the last one (the first picture's included) or too
        // far from it is out of order: the count starts again and the header is not read.
        let tr = h.temporal_reference;
        let last = *self.last_tr.get_or_insert(tr);
        if tr == last || (tr.wrapping_sub(last) > 8 && last.wrapping_sub(tr) > 8) {
            self.info.frames = 0;
            return;
        }
        self.last_tr = Some(tr);
        if let Some(f) = h.source_format {
            self.info.source_format = f;
        }
        if let Some(par) = h.par {
            self.info.par = par;
        }
        if !h.complete {
            return;
        }
        if matches!(self.info.source_format, 1..=5) {
            self.info.frames += 1;
        } else {
            self.info.frames = 0;
        }
    }

    /// What was learned, once a picture was counted.
    pub fn info(&self) -> Option<H263Info> {
        (self.info.frames > 0).then_some(self.info)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first bytes of the first three frames of `fixtures/media/h263.3gp` (ffmpeg's
    /// H.263 encoder, QCIF) and `fixtures/media/h263p.mov` (H.263+, CIF in a PLUSPTYPE).
    const QCIF: [[u8; 12]; 3] = [
        [
            0x00, 0x00, 0x80, 0x02, 0x08, 0x04, 0x1E, 0x73, 0xE8, 0x0C, 0x00, 0x70,
        ],
        [
            0x00, 0x00, 0x80, 0x06, 0x0A, 0x02, 0x02, 0x9E, 0x25, 0x17, 0x4F, 0x52,
        ],
        [
            0x00, 0x00, 0x80, 0x0E, 0x0A, 0x02, 0x02, 0x9F, 0xB0, 0xE9, 0x30, 0x1E,
        ],
    ];
    const PLUS: [[u8; 12]; 3] = [
        [
            0x00, 0x00, 0x80, 0x02, 0x1C, 0xB8, 0x21, 0x00, 0x13, 0xC0, 0x11, 0x00,
        ],
        [
            0x00, 0x00, 0x80, 0x06, 0x1C, 0xB8, 0x21, 0x04, 0x93, 0xC0, 0x09, 0x00,
        ],
        [
            0x00, 0x00, 0x80, 0x0A, 0x1C, 0xB8, 0x21, 0x04, 0x13, 0xC0, 0x09, 0x00,
        ],
    ];

    #[test]
    fn qcif_pictures_are_counted_after_the_first() {
        let mut p = H263Parser::default();
        p.push_frame(&QCIF[0]);
        assert_eq!(p.info(), None);
        p.push_frame(&QCIF[1]);
        p.push_frame(&QCIF[2]);
        let info = p.info().unwrap();
        assert_eq!(
            (info.source_format, info.par, info.frames),
            (2, (12, 11), 2)
        );
    }

    #[test]
    fn plusptype_headers() {
        // UFEP 1 names CIF; MediaInfo's reading of a custom picture format that is not there
        // meets a wrong marker bit, so no picture is counted.
        let h = PictureHeader::parse(&PLUS[1]).unwrap();
        assert_eq!(
            h,
            PictureHeader {
                temporal_reference: 1,
                source_format: Some(3),
                par: Some((0, 0)),
                complete: false
            }
        );
        let mut p = H263Parser::default();
        for f in PLUS {
            p.push_frame(&f);
        }
        assert_eq!(p.info(), None);
    }

    #[test]
    fn cut_headers_never_panic() {
        let mut p = H263Parser::default();
        for n in 0..12 {
            p.push_frame(&PLUS[1][..n]);
            p.push_frame(&QCIF[1][..n]);
        }
    }
}
