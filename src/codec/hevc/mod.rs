//! H.265/HEVC: the decoder configuration record, parameter sets (VPS, SPS with VUI and HRD,
//! PPS), SEI and slice segment headers, and a parser a container feeds with samples, which
//! keeps what File_Hevc keeps.

pub mod config;
pub mod hrd;
pub mod pps;
pub mod ptl;
pub mod sei;
pub mod sps;
pub mod vps;

pub use config::HevcConfig;
pub use pps::Pps;
pub use sps::Sps;
pub use vps::Vps;

use crate::bits::unescape_rbsp;

/// Pictures File_Hevc parses before it is filled (its `Frame_Count_Valid` at MediaInfo's
/// default parse speed); a container stops feeding it then.
pub const MAX_FRAMES: usize = 16;
/// IDR pictures after which File_Hevc is filled early.
const MAX_IDR_FRAMES: usize = 8;

/// Parameter set IDs MediaInfo keeps (VPS and SPS IDs are 4 bits, PPS IDs below 64).
const MAX_VPS: usize = 16;
const MAX_SPS: usize = 16;
const MAX_PPS: usize = 64;

/// NAL unit types.
const VPS_NUT: u8 = 32;
const SPS_NUT: u8 = 33;
const PPS_NUT: u8 = 34;
const PREFIX_SEI_NUT: u8 = 39;
const SUFFIX_SEI_NUT: u8 = 40;

/// A NAL unit's type, from its first header byte.
pub fn nal_type(header: u8) -> u8 {
    (header >> 1) & 0x3F
}

/// How many bytes of a NAL unit of `len` bytes whose first header byte is `header` the parser
/// reads: parameter sets and SEI whole, a slice segment the start of its header, anything
/// else its two header bytes. Lets a container fetch no more than that.
pub fn nal_bytes_used(header: u8, len: usize) -> usize {
    match nal_type(header) {
        VPS_NUT..=PPS_NUT | PREFIX_SEI_NUT | SUFFIX_SEI_NUT => len,
        0..=9 | 16..=21 => len.min(64),
        _ => len.min(2),
    }
}

/// The encoder's own text, from the last user-data SEI that had one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EncoderText {
    /// x265's "x265 (build N) - version - H.265/HEVC codec - … - options: …", as bytes.
    X265(Vec<u8>),
    /// Ateme's library name and version.
    Ateme(String),
}

/// What the report needs from an HEVC stream.
#[derive(Clone, Debug, Default)]
pub struct HevcInfo {
    /// Video parameter sets by ID.
    pub vps: Vec<Option<Vps>>,
    /// Sequence parameter sets by ID (of every layer).
    pub sps: Vec<Option<Sps>>,
    /// The chroma sample location of the last SPS that signalled one.
    pub chroma_loc: Option<(u32, u32)>,
    pub encoder: Option<EncoderText>,
    /// The first mastering display colour volume: primaries (x, y pairs), then max and min
    /// luminance.
    pub mastering: Option<([u16; 8], [u32; 2])>,
    /// The last non-zero MaxCLL and MaxFALL.
    pub max_cll: Option<u16>,
    pub max_fall: Option<u16>,
    /// The last alternative transfer characteristics.
    pub preferred_transfer: Option<u8>,
    /// Pictures seen (first slice segments whose PPS is known).
    pub frames: usize,
}

/// Feeds a configuration record and samples (length-prefixed NAL units) through the syntax
/// parsers.
#[derive(Clone, Debug)]
pub struct HevcParser {
    length_size: usize,
    info: HevcInfo,
    pps: Vec<Option<Pps>>,
    idr_frames: usize,
    /// Pictures after which the parser is filled (MediaInfo lowers it after 8 IDR pictures).
    frames_wanted: usize,
    /// Parameter sets from an `lhvC` replace none already known.
    keep_known: bool,
}

impl Default for HevcParser {
    fn default() -> Self {
        HevcParser {
            length_size: 4,
            info: HevcInfo {
                vps: vec![None; MAX_VPS],
                sps: vec![None; MAX_SPS],
                ..Default::default()
            },
            pps: vec![None; MAX_PPS],
            idr_frames: 0,
            frames_wanted: MAX_FRAMES,
            keep_known: false,
        }
    }
}

impl HevcParser {
    /// Starts from an `hvcC` payload (its parameter sets are read at once).
    pub fn new(hvcc: &[u8]) -> Self {
        let mut p = HevcParser::default();
        if let Some(c) = HevcConfig::parse(hvcc) {
            p.length_size = usize::from(c.length_size);
            for nal in c.nal_units {
                p.nal(nal);
            }
        }
        p
    }

    /// Reads an `lhvC` payload (the parameter sets of the other layers): an ID already known
    /// keeps its set.
    pub fn push_layered_config(&mut self, lhvc: &[u8]) {
        if let Some(c) = HevcConfig::parse_layered(lhvc) {
            self.keep_known = true;
            for nal in c.nal_units {
                self.nal(nal);
            }
            self.keep_known = false;
        }
    }

    /// Whether more samples would change the report.
    pub fn wants_more(&self) -> bool {
        self.info.frames < self.frames_wanted
    }

    /// Bytes of the length field before each NAL unit in samples.
    pub fn length_size(&self) -> usize {
        self.length_size
    }

    /// One sample: NAL units each preceded by a big-endian length of `length_size` bytes.
    pub fn push_sample(&mut self, sample: &[u8]) {
        let n = self.length_size.clamp(1, 4);
        let mut rest = sample;
        while rest.len() > n {
            let len = rest[..n]
                .iter()
                .fold(0usize, |a, &b| (a << 8) | usize::from(b));
            rest = &rest[n..];
            if len < 2 || len > rest.len() {
                break;
            }
            let (nal, tail) = rest.split_at(len);
            self.nal(nal);
            rest = tail;
        }
    }

    /// One NAL unit, or its first [`nal_bytes_used`] bytes.
    pub fn push_nal(&mut self, nal: &[u8]) {
        self.nal(nal);
    }

    /// What was learned.
    pub fn info(&self) -> &HevcInfo {
        &self.info
    }

    fn nal(&mut self, nal: &[u8]) {
        let (Some(&h0), Some(&h1)) = (nal.first(), nal.get(1)) else {
            return;
        };
        let kind = nal_type(h0);
        let layer = ((h0 & 1) << 5) | (h1 >> 3);
        // MediaInfo drops trailing zero bytes before it removes emulation prevention.
        let body = &nal[2..];
        let trimmed = body.len() - body.iter().rev().take_while(|&&b| b == 0).count();
        let body = &body[..trimmed];
        match kind {
            VPS_NUT => {
                if let Some(v) = Vps::parse(&unescape_rbsp(body)) {
                    let id = usize::from(v.id);
                    if !(self.keep_known && self.info.vps[id].is_some()) {
                        self.info.vps[id] = Some(v);
                    }
                }
            }
            SPS_NUT => {
                let vps = &self.info.vps;
                let lookup = |id: u8| {
                    vps[usize::from(id)]
                        .as_ref()
                        .map(|v| v.max_sub_layers_minus1)
                };
                if let Some(s) = Sps::parse(&unescape_rbsp(body), layer, lookup) {
                    let Some(slot) = self.info.sps.get_mut(s.id as usize) else {
                        return;
                    };
                    if self.keep_known && slot.is_some() {
                        return;
                    }
                    if let Some(loc) = s.vui.as_ref().and_then(|v| v.chroma_loc) {
                        self.info.chroma_loc = Some(loc);
                    }
                    *slot = Some(s);
                }
            }
            PPS_NUT => {
                let sps = &self.info.sps;
                if let Some(p) =
                    Pps::parse(&unescape_rbsp(body), |id| sps[usize::from(id)].is_some())
                {
                    let slot = &mut self.pps[usize::from(p.id)];
                    if !(self.keep_known && slot.is_some()) {
                        *slot = Some(p);
                    }
                }
            }
            PREFIX_SEI_NUT | SUFFIX_SEI_NUT => {
                for m in sei::parse(&unescape_rbsp(body)) {
                    self.sei(m);
                }
            }
            0..=9 | 16..=21 => self.slice(kind, &unescape_rbsp(body)),
            _ => {}
        }
    }

    fn sei(&mut self, m: sei::Message) {
        let info = &mut self.info;
        match m {
            sei::Message::X265(text) => info.encoder = Some(EncoderText::X265(text)),
            sei::Message::Ateme(text) => info.encoder = Some(EncoderText::Ateme(text)),
            sei::Message::MasteringDisplay {
                primaries,
                luminance,
            } => {
                info.mastering.get_or_insert((primaries, luminance));
            }
            sei::Message::LightLevel { max_cll, max_fall } => {
                if max_cll != 0 {
                    info.max_cll = Some(max_cll);
                }
                if max_fall != 0 {
                    info.max_fall = Some(max_fall);
                }
            }
            sei::Message::PreferredTransfer(t) => info.preferred_transfer = Some(t),
        }
    }

    /// A slice segment: counts pictures by their first segment, as File_Hevc does.
    fn slice(&mut self, kind: u8, rbsp: &[u8]) {
        let mut r = crate::bits::BitReader::new(rbsp);
        let Some(first) = r.bit() else { return };
        if (16..=23).contains(&kind) && r.skip(1).is_none() {
            return;
        }
        let Some(pps_id) = r.ue() else { return };
        if self
            .pps
            .get(pps_id as usize)
            .and_then(Option::as_ref)
            .is_none()
            || !first
        {
            return;
        }
        if kind == 19 || kind == 20 {
            self.idr_frames += 1;
        }
        self.info.frames += 1;
        if self.idr_frames >= MAX_IDR_FRAMES && self.info.frames < self.frames_wanted {
            self.frames_wanted = self.info.frames;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parameter sets of `fixtures/media/hevc-main.mp4` (x265, 320x180, Main@L2).
    const VPS: [u8; 24] = [
        0x40, 0x01, 0x0C, 0x01, 0xFF, 0xFF, 0x01, 0x60, 0x00, 0x00, 0x03, 0x00, 0x90, 0x00, 0x00,
        0x03, 0x00, 0x00, 0x03, 0x00, 0x3C, 0x95, 0x98, 0x09,
    ];
    const SPS: [u8; 43] = [
        0x42, 0x01, 0x01, 0x01, 0x60, 0x00, 0x00, 0x03, 0x00, 0x90, 0x00, 0x00, 0x03, 0x00, 0x00,
        0x03, 0x00, 0x3C, 0xA0, 0x0A, 0x08, 0x0B, 0x9F, 0x79, 0x65, 0x66, 0x92, 0x4C, 0xAF, 0x01,
        0x68, 0x08, 0x00, 0x00, 0x03, 0x00, 0x08, 0x00, 0x00, 0x03, 0x00, 0xC8, 0x40,
    ];
    const PPS: [u8; 7] = [0x44, 0x01, 0xC1, 0x72, 0xB4, 0x22, 0x40];

    fn parser() -> HevcParser {
        let mut p = HevcParser::default();
        for nal in [&VPS[..], &SPS[..], &PPS[..]] {
            p.push_nal(nal);
        }
        p
    }

    #[test]
    fn x265_parameter_sets() {
        let p = parser();
        let sps = p.info().sps[0].as_ref().unwrap();
        let profile = sps.profile.unwrap();
        assert_eq!((profile.profile_idc, profile.level_idc), (1, 60));
        let f = sps.format.unwrap();
        assert_eq!((f.width, f.height, f.chroma_format_idc), (320, 184, 1));
        assert_eq!(sps.size(), Some((320, 180)));
        let vui = sps.vui.as_ref().unwrap();
        assert_eq!(vui.timing, Some((1, 25)));
        assert_eq!(vui.signal_type, Some((5, false)));
        assert!(p.pps[0].is_some());
    }

    #[test]
    fn sps_needs_its_vps() {
        let mut p = HevcParser::default();
        p.push_nal(&SPS);
        p.push_nal(&PPS);
        assert!(p.info().sps[0].is_none() && p.pps[0].is_none());
    }

    #[test]
    fn cut_parameter_sets_are_dropped() {
        for n in 2..SPS.len() - 8 {
            let mut p = HevcParser::default();
            p.push_nal(&VPS);
            p.push_nal(&SPS[..n]);
            assert!(p.info().sps[0].is_none(), "SPS cut at {n}");
        }
    }

    #[test]
    fn frames_are_counted_from_first_slices() {
        let mut p = parser();
        // An IDR slice (type 19) with first_slice_segment_in_pic_flag set, PPS 0.
        let idr = [0x26, 0x01, 0xAF, 0x00];
        let mut pushed = 0;
        while p.wants_more() && pushed < MAX_FRAMES {
            p.push_sample(&[0, 0, 0, 4, idr[0], idr[1], idr[2], idr[3]]);
            pushed += 1;
        }
        // Eight IDR pictures are enough for MediaInfo.
        assert_eq!(p.info().frames, MAX_IDR_FRAMES);
        assert!(!p.wants_more());
    }
}
