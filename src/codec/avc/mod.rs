//! H.264/AVC: the decoder configuration record, SPS, PPS, SEI and slice headers, and a parser
//! a container feeds with samples.

pub mod config;
pub mod pps;
pub mod sei;
pub mod slice;
pub mod sps;

pub use config::AvcConfig;
pub use pps::Pps;
pub use sps::Sps;

use crate::bits::unescape_rbsp;

/// Frames looked at, at most, before the report is settled.
pub const MAX_FRAMES: usize = 64;

/// How many bytes of a NAL unit of `len` bytes whose header byte is `header` the parser
/// reads: parameter sets and SEI whole, a slice its first 64 bytes (see `SliceHeader::parse`),
/// anything else its header byte. Lets a container fetch no more than that.
pub fn nal_bytes_used(header: u8, len: usize) -> usize {
    match header & 0x1F {
        6..=8 => len,
        1 | 5 => len.min(64),
        _ => len.min(1),
    }
}

/// What the report needs from an AVC stream.
#[derive(Clone, Debug, Default)]
pub struct AvcInfo {
    pub sps: Option<Sps>,
    pub pps: Option<Pps>,
    /// Frames coded as frames / as fields (first slice of each picture).
    pub frame_pictures: usize,
    pub field_pictures: usize,
    /// The first `pic_struct` of a pic_timing SEI, when the SPS says it is present.
    pub first_pic_struct: Option<u8>,
    /// The encoder's user-data SEI text (x264 and alike).
    pub encoder_text: Option<String>,
    /// Largest count of slices in a picture.
    pub max_slices: usize,
}

/// Feeds samples (length-prefixed NAL units) through the syntax parsers.
#[derive(Clone, Debug)]
pub struct AvcParser {
    length_size: usize,
    info: AvcInfo,
    frames: usize,
    slices_in_picture: usize,
}

impl AvcParser {
    /// Starts from an avcC payload (SPS/PPS inside it are read at once).
    pub fn new(avcc: &[u8]) -> Self {
        let mut p = AvcParser {
            length_size: 4,
            info: AvcInfo::default(),
            frames: 0,
            slices_in_picture: 0,
        };
        if let Some(c) = AvcConfig::parse(avcc) {
            p.length_size = usize::from(c.length_size);
            for nal in &c.sps {
                p.nal(nal);
            }
            for nal in &c.pps {
                p.nal(nal);
            }
        }
        p
    }

    /// Whether more samples would change the report.
    pub fn wants_more(&self) -> bool {
        self.frames < MAX_FRAMES
    }

    /// One sample: NAL units each preceded by a big-endian length of `length_size` bytes.
    pub fn push_sample(&mut self, sample: &[u8]) {
        let mut rest = sample;
        let n = self.length_size.clamp(1, 4);
        while rest.len() > n {
            let len = rest[..n]
                .iter()
                .fold(0usize, |a, &b| (a << 8) | usize::from(b));
            rest = &rest[n..];
            if len == 0 || len > rest.len() {
                break;
            }
            let (nal, tail) = rest.split_at(len);
            self.nal(nal);
            rest = tail;
        }
    }

    /// Annex B data: NAL units each after a `00 00 01` start code (AVI-style streams).
    pub fn push_annex_b(&mut self, data: &[u8]) {
        let starts: Vec<usize> = data
            .windows(3)
            .enumerate()
            .filter(|(_, w)| *w == [0, 0, 1])
            .map(|(i, _)| i + 3)
            .collect();
        for (k, &start) in starts.iter().enumerate() {
            let mut end = starts.get(k + 1).map_or(data.len(), |&next| next - 3);
            // Zero bytes before the next start code (a four-byte one) are not the NAL's.
            while end > start && data[end - 1] == 0 && k + 1 < starts.len() {
                end -= 1;
            }
            if start < end {
                self.nal(&data[start..end]);
            }
        }
    }

    /// Bytes of the length field before each NAL unit in samples.
    pub fn length_size(&self) -> usize {
        self.length_size
    }

    /// One NAL unit, or its first bytes: a slice is read from its header only.
    pub fn push_nal(&mut self, nal: &[u8]) {
        self.nal(nal);
    }

    /// What was learned.
    pub fn info(&self) -> &AvcInfo {
        &self.info
    }

    fn nal(&mut self, nal: &[u8]) {
        let Some(&header) = nal.first() else { return };
        let kind = header & 0x1F;
        match kind {
            7 => {
                if let Some(sps) = Sps::parse(nal)
                    && self.info.sps.is_none()
                {
                    self.info.sps = Some(sps);
                }
            }
            8 => {
                if self.info.pps.is_none()
                    && let Some(pps) = Pps::parse(nal)
                {
                    self.info.pps = Some(pps);
                }
            }
            6 => {
                let rbsp = unescape_rbsp(&nal[1..]);
                for m in sei::parse(&rbsp, self.info.sps.as_ref()) {
                    match m {
                        sei::Message::UserData(text) if self.info.encoder_text.is_none() => {
                            self.info.encoder_text = Some(text)
                        }
                        sei::Message::PicStruct(p) if self.info.first_pic_struct.is_none() => {
                            self.info.first_pic_struct = Some(p)
                        }
                        _ => {}
                    }
                }
            }
            1 | 5 => {
                let (Some(sps), Some(pps)) = (&self.info.sps, &self.info.pps) else {
                    return;
                };
                let Some(h) = slice::SliceHeader::parse(nal, sps, pps) else {
                    return;
                };
                if h.first_mb == 0 {
                    if self.slices_in_picture > self.info.max_slices {
                        self.info.max_slices = self.slices_in_picture;
                    }
                    self.slices_in_picture = 0;
                    self.frames += 1;
                    if h.field_pic {
                        self.info.field_pictures += 1;
                    } else {
                        self.info.frame_pictures += 1;
                    }
                }
                self.slices_in_picture += 1;
            }
            _ => {}
        }
    }
}
