//! H.264/AVC: the decoder configuration record, SPS, PPS, SEI and slice headers, and a parser
//! a container feeds with samples.

pub mod config;
pub mod order;
pub mod pps;
pub mod sei;
pub mod slice;
pub mod sps;

pub use config::AvcConfig;
pub use pps::Pps;
pub use sps::Sps;

use crate::bits::unescape_rbsp;

/// Frames File_Avc reads at most (`Frame_Count_Valid` at MediaInfo's default parse speed);
/// it stops earlier once the GOP is known or after 8 I-frames.
pub const MAX_FRAMES: u64 = 512;

/// How many bytes of a NAL unit of `len` bytes whose header byte is `header` the parser
/// reads: parameter sets and SEI whole, a slice its first 256 bytes (the whole header of
/// `SliceHeader::parse`, reference list changes and weight tables included), anything else
/// its header byte. Lets a container fetch no more than that.
pub fn nal_bytes_used(header: u8, len: usize) -> usize {
    match header & 0x1F {
        6..=8 => len,
        1 | 5 => len.min(256),
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
    /// Largest count of slices in a picture (the last picture read does not count, as in
    /// File_Avc).
    pub max_slices: usize,
    /// The GOP structure (`M=3, N=12`) of the pictures read.
    pub gop: Option<String>,
    /// The configuration record's profile and level, when they differ from its SPS #0's
    /// (File_Avc then reports them as `MuxingMode`).
    pub container_profile: Option<(u8, u8)>,
}

/// Feeds samples (length-prefixed NAL units) through the syntax parsers, counting pictures and
/// stopping where File_Avc stops.
#[derive(Clone, Debug)]
pub struct AvcParser {
    length_size: usize,
    info: AvcInfo,
    /// File_Avc's `Frame_Count` and `Frame_Count_Valid`.
    frames: u64,
    frames_wanted: u64,
    i_frames: u64,
    slices_in_picture: usize,
    top_fields: u64,
    bottom_fields: u64,
    /// The first P picture of the current GOP was seen (`FirstPFrameInGop_IsParsed`).
    first_p_in_gop: bool,
    order: order::PictureOrder,
    /// ATSC captions (GA94 user data) seen: MediaInfo then reads on for them.
    captions: bool,
    /// The parameter sets by id, the last one of each id (File_Avc's `seq_parameter_sets`
    /// and `pic_parameter_sets`): a slice is read with the ones it refers to.
    sps_by_id: Vec<Option<Sps>>,
    pps_by_id: Vec<Option<Pps>>,
    /// File_Avc filled its report (`Status[IsFilled]`): it wants no more samples.
    filled: bool,
    /// Frames counted in the current sample (`Frame_Count_InThisBlock`).
    frames_in_sample: i64,
    /// The frame duration File_Avc takes from the SPS timing (`tc`, nanoseconds), and how far
    /// the first slices of the current sample moved the sample's decoding time by it.
    tick_ns: i64,
    dts_shift_ns: i64,
}

/// A sample whose NAL units run past its end, as File_Avc notes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RanOut {
    /// File_Avc's frame counter for the place (frames counted before this sample).
    pub frame_count: u64,
    /// How far the slices read before it in the sample moved its decoding time (ns).
    pub dts_shift_ns: i64,
}

/// Parameter set ids the standard allows: 0 to 31 for an SPS, 0 to 255 for a PPS.
const SPS_IDS: usize = 32;
const PPS_IDS: usize = 256;

impl AvcParser {
    /// Starts from an avcC payload (SPS/PPS inside it are read at once).
    pub fn new(avcc: &[u8]) -> Self {
        let mut p = AvcParser {
            length_size: 4,
            info: AvcInfo::default(),
            frames: 0,
            frames_wanted: MAX_FRAMES,
            i_frames: 0,
            slices_in_picture: 0,
            top_fields: 0,
            bottom_fields: 0,
            first_p_in_gop: false,
            order: order::PictureOrder::default(),
            captions: false,
            sps_by_id: vec![None; SPS_IDS],
            pps_by_id: vec![None; PPS_IDS],
            filled: false,
            frames_in_sample: 0,
            tick_ns: 0,
            dts_shift_ns: 0,
        };
        if let Some(c) = AvcConfig::parse(avcc) {
            p.length_size = usize::from(c.length_size);
            for nal in &c.sps {
                p.nal(nal);
            }
            let sps0 = c
                .sps
                .iter()
                .filter(|nal| nal.first().is_some_and(|h| h & 0x1F == 7))
                .filter_map(|nal| Sps::parse(nal))
                .find(|sps| sps.id == 0);
            if let Some(sps) = sps0
                && (sps.profile_idc != c.profile || sps.level_idc != c.level)
            {
                p.info.container_profile = Some((c.profile, c.level));
            }
            for nal in &c.pps {
                p.nal(nal);
            }
        }
        p
    }

    /// Whether more samples would change the report: File_Avc reads until its frame count
    /// reaches what it wants.
    pub fn wants_more(&self) -> bool {
        !self.filled
    }

    /// A new sample (File_Avc's block) begins.
    pub fn begin_sample(&mut self) {
        self.frames_in_sample = 0;
        self.dts_shift_ns = 0;
    }

    /// The current sample's NAL units ran past its end: File_Avc counts the sample as a frame
    /// when no slice did, and notes where.
    pub fn ran_out_of_data(&mut self) -> RanOut {
        if self.frames_in_sample == 0 {
            self.frames += 1;
            self.frames_in_sample += 1;
        }
        RanOut {
            frame_count: self.frames.wrapping_sub(self.frames_in_sample as u64),
            dts_shift_ns: self.dts_shift_ns,
        }
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

    /// One sample in the byte-stream format (Annex B): NAL units after `00 00 01` start codes.
    pub fn push_annex_b(&mut self, sample: &[u8]) {
        for nal in annex_b_units(sample) {
            if !self.wants_more() {
                break;
            }
            self.nal(nal);
        }
    }

    /// Whether `avcc` holds a configuration record (else samples are read as a byte stream,
    /// as File_Mpeg4 does when its avcC is empty).
    pub fn has_config(avcc: &[u8]) -> bool {
        AvcConfig::parse(avcc).is_some()
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
    pub fn info(&self) -> AvcInfo {
        let mut info = self.info.clone();
        info.gop = order::gop(&self.order.picture_types(), self.frames);
        info
    }

    fn nal(&mut self, nal: &[u8]) {
        let Some(&header) = nal.first() else { return };
        let kind = header & 0x1F;
        match kind {
            7 => {
                if let Some(sps) = Sps::parse(nal) {
                    self.order.reserve(&sps);
                    if let Some(slot) = self.sps_by_id.get_mut(sps.id as usize) {
                        *slot = Some(sps.clone());
                    }
                    // File_Avc keeps the latest SPS of each id and reports the lowest id.
                    match &self.info.sps {
                        // A repeated SPS holds back the GOP test until the next I picture.
                        Some(known) if known.id == sps.id => {
                            self.first_p_in_gop = true;
                            self.info.sps = Some(sps);
                        }
                        Some(known) if known.id < sps.id => {}
                        _ => self.info.sps = Some(sps),
                    }
                }
            }
            8 => {
                let Some(pps) = Pps::parse(nal) else { return };
                // File_Avc skips a PPS whose SPS it does not know.
                if self
                    .sps_by_id
                    .get(pps.sps_id as usize)
                    .is_some_and(Option::is_some)
                    && let Some(slot) = self.pps_by_id.get_mut(pps.id as usize)
                {
                    *slot = Some(pps.clone());
                }
                if self.info.pps.is_none() {
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
                        sei::Message::Captions => self.captions = true,
                        _ => {}
                    }
                }
            }
            1 | 5 => self.slice(nal),
            _ => {}
        }
    }
}

impl AvcParser {
    /// A slice: File_Avc's counting of pictures, I-frames and slices, the presentation order
    /// of pictures, and its tests for having read enough.
    fn slice(&mut self, nal: &[u8]) {
        let sets = |id: u32| {
            let pps = self.pps_by_id.get(id as usize)?.as_ref()?;
            let sps = self.sps_by_id.get(pps.sps_id as usize)?.as_ref()?;
            Some((sps, pps))
        };
        let Some(h) = slice::SliceHeader::parse(nal, sets) else {
            return;
        };
        let Some((sps, _)) = sets(h.pps_id) else {
            return;
        };
        let first = h.first_mb == 0;
        let intra = matches!(h.slice_type, 2 | 7);
        if let Some(tick) = tick_ns(sps, h.field_pic) {
            self.tick_ns = tick;
        }
        if first {
            // File_Avc moves the decoding time on by a tick after each picture's first slice.
            self.dts_shift_ns = self.dts_shift_ns.wrapping_add(self.tick_ns);
        }
        if first && intra {
            self.i_frames += 1;
        }
        if first && self.slices_in_picture > 0 {
            self.info.max_slices = self.info.max_slices.max(self.slices_in_picture);
            self.slices_in_picture = 1;
        } else {
            self.slices_in_picture += 1;
        }
        if first {
            if h.field_pic {
                self.info.field_pictures += 1;
            } else {
                self.info.frame_pictures += 1;
            }
        }
        if first && self.order.is_active(sps) {
            if h.field_pic {
                if h.bottom_field {
                    self.bottom_fields += 1;
                } else {
                    self.top_fields += 1;
                }
            }
            if self.order.push(&h, sps).is_err() {
                return;
            }
        }
        if first && intra {
            self.first_p_in_gop = false;
        }
        let second_field =
            !sps.frame_mbs_only && self.top_fields == self.bottom_fields && h.field_pic;
        if self.frames > 0 && (second_field || !first) {
            self.frames -= 1;
            self.frames_in_sample -= 1;
        } else if first && !self.first_p_in_gop && matches!(h.slice_type, 0 | 5) {
            self.first_p_in_gop = true;
            if self.frames <= self.frames_wanted
                && !self.captions
                && order::gop(&self.order.picture_types(), self.frames).is_some()
            {
                self.frames_wanted = self.frames;
            }
        }
        self.frames += 1;
        self.frames_in_sample += 1;
        if !self.captions && self.i_frames >= 8 {
            self.frames_wanted = self.frames_wanted.min(self.frames);
        }
        if self.frames >= self.frames_wanted {
            self.filled = true;
        }
    }
}

/// File_Avc's `tc`: a frame's (or field's) duration in nanoseconds from the SPS timing, when
/// it has one.
fn tick_ns(sps: &Sps, field_pic: bool) -> Option<i64> {
    let (units, scale, _) = sps.vui.as_ref()?.timing?;
    if units == 0 || scale == 0 {
        return None;
    }
    let per_frame = if sps.pic_order_cnt_type == 2 {
        1.0
    } else {
        2.0
    };
    let fields = if !sps.frame_mbs_only && field_pic {
        2.0
    } else {
        1.0
    };
    let tick = 1e9 / (f64::from(scale) / f64::from(units) / per_frame) / fields;
    Some(tick.round() as i64)
}

/// The NAL units of an Annex B byte stream: what follows each `00 00 01` start code, up to the
/// next one (trailing zero bytes dropped).
fn annex_b_units(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    let starts: Vec<usize> = data
        .windows(3)
        .enumerate()
        .filter(|(_, w)| *w == [0, 0, 1])
        .map(|(i, _)| i + 3)
        .collect();
    let ends: Vec<usize> = starts
        .iter()
        .skip(1)
        .map(|&next| next - 3)
        .chain(std::iter::once(data.len()))
        .collect();
    starts
        .into_iter()
        .zip(ends)
        .filter_map(move |(start, end)| {
            let nal = data.get(start..end)?;
            let trimmed = nal.len() - nal.iter().rev().take_while(|&&b| b == 0).count();
            (trimmed > 0).then(|| &nal[..trimmed])
        })
}

#[cfg(test)]
mod tests {
    #[test]
    fn annex_b_split() {
        let data = [
            0, 0, 0, 1, 9, 0x10, 0, 0, 1, 0x67, 1, 2, 0, 0, 0, 1, 0x68, 3,
        ];
        let units: Vec<&[u8]> = super::annex_b_units(&data).collect();
        assert_eq!(units, vec![&[9u8, 0x10][..], &[0x67, 1, 2], &[0x68, 3]]);
    }
}
