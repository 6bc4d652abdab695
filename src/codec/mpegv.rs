//! MPEG-1 and MPEG-2 Video (ISO/IEC 11172-2, 13818-2): the sequence header and its
//! extensions, GOP headers, picture headers and picture coding extensions, read as
//! MediaInfo's File_Mpegv reads them from a container's codec configuration and frames.
//!
//! Start codes are read in File_Mpegv's order of enabling: nothing but a sequence header
//! until one is read; then pictures, user data, extensions and GOP headers; the first slice
//! of a picture counts the frame. The parser stops once MediaInfo would fill the stream
//! (512 frames, or 8 I-frames).

use crate::bits::BitReader;
use std::collections::BTreeMap;

/// Frames File_Mpegv reads before it fills the stream (its `Frame_Count_Valid` at the
/// default parse speed).
pub const FRAMES_VALID: u32 = 512;
/// I-frames after which File_Mpegv has seen enough.
const IFRAMES_VALID: u32 = 8;
/// Longest GOP pattern kept (File_Mpegv grows it by one letter a picture; it can only reach
/// [`FRAMES_VALID`] before the parser stops).
const GOP_PATTERN_MAX: usize = FRAMES_VALID as usize + 1;

/// MPEG-1/2 frame rates by `frame_rate_code` (`Mpegv_frame_rate`).
pub const FRAME_RATES: [f64; 16] = [
    0.0,
    24000.0 / 1001.0,
    24.0,
    25.0,
    30000.0 / 1001.0,
    30.0,
    50.0,
    60000.0 / 1001.0,
    60.0,
    0.0,
    0.0,
    0.0,
    0.0,
    0.0,
    0.0,
    0.0,
];

/// The first GOP header's time code and flags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GopTimeCode {
    pub hours: u8,
    pub minutes: u8,
    pub seconds: u8,
    pub frames: u8,
    pub drop_frame: bool,
    pub closed: bool,
    pub broken_link: bool,
}

/// A frame picture's field flags, kept by presentation position for the pulldown check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldFlags {
    pub top_field_first: bool,
    pub repeat_first_field: bool,
}

/// What MediaInfo learned from the stream.
#[derive(Clone, Debug, PartialEq)]
pub struct MpegvInfo {
    /// 2 once an extension start code was read.
    pub mpeg_version: u8,
    pub horizontal_size_value: u16,
    pub vertical_size_value: u16,
    pub horizontal_size_extension: u8,
    pub vertical_size_extension: u8,
    pub aspect_ratio_information: u8,
    pub frame_rate_code: u8,
    pub frame_rate_extension_n: u8,
    pub frame_rate_extension_d: u8,
    /// The frame rate as File_Mpegv keeps it (the code's, times the extension's ratio).
    pub frame_rate: f64,
    pub bit_rate_value: u32,
    /// False when two sequence headers disagree on the bit rate.
    pub bit_rate_value_valid: bool,
    pub bit_rate_extension: u16,
    pub vbv_buffer_size_value: u16,
    pub vbv_buffer_size_extension: u8,
    /// The last picture header's `vbv_delay`.
    pub vbv_delay: u16,
    pub load_intra_quantiser_matrix: bool,
    pub load_non_intra_quantiser_matrix: bool,
    /// The first custom matrices, as hex pairs.
    pub matrix_intra: String,
    pub matrix_nonintra: String,
    pub profile_and_level_escape: bool,
    pub profile_and_level_indication: u8,
    pub profile: Option<u8>,
    pub level: Option<u8>,
    pub progressive_sequence: bool,
    pub chroma_format: u8,
    pub low_delay: bool,
    pub video_format: u8,
    /// `(colour_primaries, transfer_characteristics, matrix_coefficients)`.
    pub colour: Option<(u8, u8, u8)>,
    pub display_horizontal_size: u16,
    pub display_vertical_size: u16,
    pub intra_dc_precision: Option<u8>,
    /// Frames counted (a field pair counts once).
    pub frames: u32,
    pub progressive_frames: u32,
    pub interlaced_top: u32,
    pub interlaced_bottom: u32,
    pub picture_structure_field: u32,
    pub picture_structure_frame: u32,
    pub bvops: u32,
    /// Frame pictures' field flags by presentation position.
    pub field_flags: Vec<Option<FieldFlags>>,
    /// How many GOPs had each picture-type pattern (`IBBPBBP…`), from the first I-frame on.
    pub gop_patterns: BTreeMap<String, u64>,
    /// The first GOP header, when its time code is trusted.
    pub first_gop: Option<GopTimeCode>,
    pub gops_closed: u32,
    pub gops_open: u32,
    /// Whether a time code went backwards or stayed at zero.
    pub time_code_untrusted: bool,
    /// The first frame's time: seconds, frames.
    pub time_begin: Option<(u64, u8)>,
    /// The encoder's user data, and what MediaInfo makes of known ones.
    pub library: String,
    pub library_name: String,
    pub library_version: String,
}

impl Default for MpegvInfo {
    fn default() -> Self {
        MpegvInfo {
            mpeg_version: 1,
            horizontal_size_value: 0,
            vertical_size_value: 0,
            horizontal_size_extension: 0,
            vertical_size_extension: 0,
            aspect_ratio_information: 0,
            frame_rate_code: 0,
            frame_rate_extension_n: 0,
            frame_rate_extension_d: 0,
            frame_rate: 0.0,
            bit_rate_value: 0,
            bit_rate_value_valid: false,
            bit_rate_extension: 0,
            vbv_buffer_size_value: 0,
            vbv_buffer_size_extension: 0,
            vbv_delay: 0,
            load_intra_quantiser_matrix: false,
            load_non_intra_quantiser_matrix: false,
            matrix_intra: String::new(),
            matrix_nonintra: String::new(),
            profile_and_level_escape: false,
            profile_and_level_indication: 0,
            profile: None,
            level: None,
            progressive_sequence: true,
            chroma_format: 1,
            low_delay: false,
            video_format: 5,
            colour: None,
            display_horizontal_size: 0,
            display_vertical_size: 0,
            intra_dc_precision: None,
            frames: 0,
            progressive_frames: 0,
            interlaced_top: 0,
            interlaced_bottom: 0,
            picture_structure_field: 0,
            picture_structure_frame: 0,
            bvops: 0,
            field_flags: Vec::new(),
            gop_patterns: BTreeMap::new(),
            first_gop: None,
            gops_closed: 0,
            gops_open: 0,
            time_code_untrusted: false,
            time_begin: None,
            library: String::new(),
            library_name: String::new(),
            library_version: String::new(),
        }
    }
}

impl MpegvInfo {
    pub fn width(&self) -> u32 {
        0x1000 * u32::from(self.horizontal_size_extension) + u32::from(self.horizontal_size_value)
    }

    pub fn height(&self) -> u32 {
        0x1000 * u32::from(self.vertical_size_extension) + u32::from(self.vertical_size_value)
    }
}

/// Feeds blocks (a codec configuration, then frames) through File_Mpegv's state.
#[derive(Clone, Debug)]
pub struct MpegvParser {
    info: MpegvInfo,
    searching: [bool; 256],
    sequence_header_parsed: bool,
    accepted: bool,
    filled: bool,
    frames_valid: u32,
    time_code_untrusted_now: bool,
    // Picture state.
    temporal_reference: u16,
    temporal_reference_old: Option<u16>,
    picture_coding_type: Option<u8>,
    picture_structure: u8,
    first_field_found: bool,
    iframe_count: u32,
    field_offset: usize,
    gop_current: String,
    // Time code state.
    time_current: Option<(u64, u8)>,
    gop_first_pass: bool,
}

impl Default for MpegvParser {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether everything after `consumed` bytes is zero (File_Mpegv's `FILLING_BEGIN`: trailing
/// zero bytes are padding, anything else makes the element untrusted and unused).
fn rest_is_zero(payload: &[u8], consumed: usize) -> bool {
    payload
        .get(consumed..)
        .is_none_or(|r| r.iter().all(|&b| b == 0))
}

/// Bytes a bit reader has consumed, rounded up to the byte (File_Mpegv's `BS_End`).
fn consumed(r: &BitReader) -> usize {
    r.position().div_ceil(8)
}

impl MpegvParser {
    pub fn new() -> Self {
        let mut searching = [false; 256];
        searching[0xB3] = true;
        MpegvParser {
            info: MpegvInfo::default(),
            searching,
            sequence_header_parsed: false,
            accepted: false,
            filled: false,
            frames_valid: FRAMES_VALID,
            time_code_untrusted_now: false,
            temporal_reference: 0,
            temporal_reference_old: None,
            picture_coding_type: None,
            picture_structure: 3,
            first_field_found: false,
            iframe_count: 0,
            field_offset: 0,
            gop_current: String::new(),
            time_current: None,
            gop_first_pass: false,
        }
    }

    /// Whether MediaInfo's parser has filled the stream (enough frames).
    pub fn finished(&self) -> bool {
        self.filled
    }

    /// What was learned, once MediaInfo would have accepted the stream (a slice after a
    /// picture header).
    pub fn info(&self) -> Option<&MpegvInfo> {
        self.accepted.then_some(&self.info)
    }

    /// A codec configuration block (an `esds` DecoderSpecificInfo): its GOP time codes are not
    /// trusted (File_Mpeg4_Descriptors sets `TimeCodeIsNotTrustable` around it).
    pub fn push_config(&mut self, block: &[u8]) {
        self.time_code_untrusted_now = true;
        self.push(block);
        self.time_code_untrusted_now = self.info.time_code_untrusted;
    }

    /// One block: each enabled start code's element, up to the next start code.
    pub fn push(&mut self, block: &[u8]) {
        if self.filled {
            return;
        }
        let mut at = match find_start(block, 0) {
            Some(a) => a,
            None => return,
        };
        while at + 3 < block.len() {
            let code = block[at + 3];
            let next = find_start(block, at + 4);
            let end = next.unwrap_or(block.len());
            if self.searching[usize::from(code)] {
                let payload = &block[at + 4..end];
                match code {
                    0x00 => self.picture(payload),
                    0x01..=0xAF => self.slice(),
                    0xB2 => self.user_data(payload),
                    0xB3 => self.sequence_header(payload),
                    0xB5 => self.extension(payload),
                    0xB8 => self.group(payload),
                    _ => {}
                }
                if self.filled {
                    return;
                }
            }
            match next {
                Some(n) => at = n,
                None => break,
            }
        }
    }

    fn sequence_header(&mut self, p: &[u8]) {
        let i = &mut self.info;
        let mut r = BitReader::new(p);
        let parsed = (|| -> Option<u32> {
            i.horizontal_size_value = r.u32(12)? as u16;
            i.vertical_size_value = r.u32(12)? as u16;
            i.aspect_ratio_information = r.u8(4)?;
            i.frame_rate_code = r.u8(4)?;
            let bit_rate = r.u32(18)?;
            r.skip(1)?;
            i.vbv_buffer_size_value = r.u32(10)? as u16;
            r.skip(1)?;
            i.load_intra_quantiser_matrix = r.bit()?;
            if i.load_intra_quantiser_matrix {
                let m = matrix(&mut r)?;
                if i.matrix_intra.is_empty() {
                    i.matrix_intra = m;
                }
            }
            i.load_non_intra_quantiser_matrix = r.bit()?;
            if i.load_non_intra_quantiser_matrix {
                let m = matrix(&mut r)?;
                if i.matrix_nonintra.is_empty() {
                    i.matrix_nonintra = m;
                }
            }
            Some(bit_rate)
        })();
        let Some(bit_rate) = parsed else { return };
        // FILLING_BEGIN_PRECISE: the element must end with the header (zero padding aside).
        if !rest_is_zero(p, consumed(&r)) {
            return;
        }
        self.temporal_reference_adapt();
        let i = &mut self.info;
        if i.bit_rate_value_valid && bit_rate != i.bit_rate_value {
            i.bit_rate_value_valid = false;
        } else if i.bit_rate_value == 0 {
            i.bit_rate_value = bit_rate;
            i.bit_rate_value_valid = true;
        }
        for code in [0x00, 0xB2, 0xB5, 0xB8] {
            self.searching[code] = true;
        }
        if i.frames < self.frames_valid {
            i.frame_rate = FRAME_RATES[usize::from(i.frame_rate_code & 0x0F)];
        }
        self.sequence_header_parsed = true;
        self.first_field_found = false;
    }

    fn extension(&mut self, p: &[u8]) {
        self.info.mpeg_version = 2;
        let mut r = BitReader::new(p);
        let Some(id) = r.u8(4) else { return };
        match id {
            1 => self.sequence_extension(&mut r, p),
            2 => {
                let i = &mut self.info;
                let _ = (|| -> Option<()> {
                    i.video_format = r.u8(3)?;
                    if r.bit()? {
                        i.colour = Some((r.u8(8)?, r.u8(8)?, r.u8(8)?));
                    }
                    i.display_horizontal_size = r.u32(14)? as u16;
                    r.skip(1)?;
                    i.display_vertical_size = r.u32(14)? as u16;
                    Some(())
                })();
            }
            8 => self.picture_coding_extension(&mut r, p),
            _ => {}
        }
    }

    fn sequence_extension(&mut self, r: &mut BitReader, p: &[u8]) {
        let i = &mut self.info;
        let ok = (|| -> Option<()> {
            i.profile_and_level_escape = r.peek_padded(1) != 0;
            if i.profile_and_level_escape {
                i.profile_and_level_indication = r.u8(8)?;
            } else {
                r.skip(1)?;
                i.profile = Some(r.u8(3)?);
                i.level = Some(r.u8(4)?);
            }
            i.progressive_sequence = r.bit()?;
            i.chroma_format = r.u8(2)?;
            i.horizontal_size_extension = r.u8(2)?;
            i.vertical_size_extension = r.u8(2)?;
            i.bit_rate_extension = r.u32(12)? as u16;
            r.skip(1)?;
            i.vbv_buffer_size_extension = r.u8(8)?;
            i.low_delay = r.bit()?;
            i.frame_rate_extension_n = r.u8(2)?;
            i.frame_rate_extension_d = r.u8(5)?;
            Some(())
        })()
        .is_some();
        if ok && rest_is_zero(p, consumed(r)) && i.frame_rate_extension_d != 0 {
            i.frame_rate *= f64::from(i.frame_rate_extension_n) + 1.0;
            i.frame_rate /= f64::from(i.frame_rate_extension_d) + 1.0;
        }
    }

    fn picture_coding_extension(&mut self, r: &mut BitReader, p: &[u8]) {
        let fields = (|| -> Option<(u8, u8, bool, bool, bool)> {
            r.skip(16)?;
            let dc = r.u8(2)?;
            let structure = r.u8(2)?;
            let tff = r.bit()?;
            r.skip(5)?;
            let rff = r.bit()?;
            r.skip(1)?;
            let progressive = r.bit()?;
            if r.bit()? {
                r.skip(1 + 3 + 1 + 7 + 8)?;
            }
            Some((dc, structure, tff, rff, progressive))
        })();
        let Some((dc, structure, tff, rff, progressive)) = fields else {
            return;
        };
        self.info.intra_dc_precision = Some(dc);
        self.picture_structure = structure;
        if !rest_is_zero(p, consumed(r)) {
            return;
        }
        let flags = FieldFlags {
            top_field_first: tff,
            repeat_first_field: rff,
        };
        let i = &mut self.info;
        if !progressive {
            if structure == 3 {
                if tff {
                    i.interlaced_top += 1;
                } else {
                    i.interlaced_bottom += 1;
                }
                i.picture_structure_frame += 1;
                self.first_field_found = false;
                self.set_field_flags(flags);
            } else {
                if !self.first_field_found {
                    if structure == 1 {
                        i.interlaced_top += 1;
                    } else {
                        i.interlaced_bottom += 1;
                    }
                }
                self.first_field_found = !self.first_field_found;
                i.picture_structure_field += 1;
            }
        } else {
            i.progressive_frames += 1;
            if tff {
                i.interlaced_top += 1;
            } else {
                i.interlaced_bottom += 1;
            }
            i.picture_structure_frame += 1;
            if structure == 3 {
                self.set_field_flags(flags);
            }
        }
    }

    fn set_field_flags(&mut self, flags: FieldFlags) {
        let at = self.field_offset + usize::from(self.temporal_reference);
        let v = &mut self.info.field_flags;
        if v.len() <= at {
            v.resize(at + 1, None);
        }
        v[at] = Some(flags);
    }

    /// File_Mpegv's `temporal_reference_Adapt`: a new sequence or GOP starts its temporal
    /// references after the ones seen, the oldest dropped past 0x800.
    fn temporal_reference_adapt(&mut self) {
        self.temporal_reference_old = None;
        let v = &mut self.info.field_flags;
        self.field_offset = v.len();
        if self.field_offset >= 0x800 {
            v.drain(..0x400);
            self.field_offset -= 0x400;
        }
    }

    fn group(&mut self, p: &[u8]) {
        if p.len() < 4 {
            return;
        }
        let drop_frame = p[0] & 0x80 != 0;
        let hours = (p[0] & 0x7C) >> 2;
        let minutes = ((p[0] & 0x03) << 4) | (p[1] >> 4);
        let seconds = ((p[1] & 0x07) << 3) | (p[2] >> 5);
        let frames = ((p[2] & 0x1F) << 1) | (p[3] >> 7);
        let closed = p[3] & 0x40 != 0;
        let broken_link = p[3] & 0x20 != 0;
        if !rest_is_zero(p, 4) {
            return;
        }
        self.temporal_reference_adapt();
        if self.time_code_untrusted_now {
            return;
        }
        if self.time_current == Some((0, 0)) && (hours, minutes, seconds, frames) == (0, 0, 0, 0) {
            // A time code that stays at zero says nothing.
            self.time_code_untrusted_now = true;
            self.info.time_code_untrusted = true;
            self.info.first_gop = None;
            return;
        }
        self.time_current = Some((
            3600 * u64::from(hours) + 60 * u64::from(minutes) + u64::from(seconds),
            frames,
        ));
        if !self.gop_first_pass {
            self.gop_first_pass = true;
            self.info.first_gop = Some(GopTimeCode {
                hours,
                minutes,
                seconds,
                frames,
                drop_frame,
                closed,
                broken_link,
            });
            self.info.gops_closed = 0;
            self.info.gops_open = 0;
        }
        if closed {
            self.info.gops_closed += 1;
        } else {
            self.info.gops_open += 1;
        }
    }

    fn picture(&mut self, p: &[u8]) {
        let old_type = self.picture_coding_type;
        let mut r = BitReader::new(p);
        let header = (|| -> Option<(u16, u8, u16)> {
            let tr = r.u32(10)? as u16;
            let kind = r.u8(3)?;
            let vbv_delay = r.u32(16)? as u16;
            if kind == 2 || kind == 3 {
                r.skip(4)?;
            }
            if kind == 3 {
                r.skip(4)?;
            }
            while r.peek_padded(1) != 0 {
                r.skip(9)?;
            }
            Some((tr, kind, vbv_delay))
        })();
        let Some((tr, kind, vbv_delay)) = header else {
            return;
        };
        self.temporal_reference = tr;
        self.picture_coding_type = Some(kind);
        self.info.vbv_delay = vbv_delay;
        if !rest_is_zero(p, consumed(&r)) {
            return;
        }
        self.picture_structure = 3;
        if kind == 1 && !self.first_field_found {
            if !self.gop_current.is_empty() {
                let pattern = std::mem::take(&mut self.gop_current);
                *self.info.gop_patterns.entry(pattern).or_insert(0) += 1;
            }
            self.gop_current.push('I');
        } else if !self.gop_current.is_empty()
            && !self.first_field_found
            && self.gop_current.len() < GOP_PATTERN_MAX
        {
            self.gop_current
                .push_str(["", "I", "P", "B", "D", "", "", ""][usize::from(kind & 7)]);
        }
        if kind == 1 && old_type == Some(1) && !self.first_field_found {
            self.temporal_reference_old = None;
        }
        for s in &mut self.searching[0x01..=0xAF] {
            *s = true;
        }
    }

    fn slice(&mut self) {
        let tr = self.temporal_reference;
        let kind = self.picture_coding_type.unwrap_or(0);
        if !self.time_code_untrusted_now
            && self.gop_first_pass
            && let Some((cur_s, cur_f)) = self.time_current
        {
            let rate = self.info.frame_rate;
            let earlier = |(bs, bf): (u64, u8)| {
                self.info.frames < 16
                    && cur_s as f64 * rate + f64::from(cur_f) + f64::from(tr)
                        < bs as f64 * rate + f64::from(bf)
            };
            if self.info.time_begin.is_none_or(earlier) {
                self.info.time_begin = Some((cur_s, cur_f.wrapping_add(tr as u8)));
            }
            if let Some((bs, bf)) = self.info.time_begin
                && (cur_s < bs
                    || (cur_s == bs && u32::from(cur_f) + u32::from(tr as u8) < u32::from(bf)))
            {
                // The time code went back (a loop).
                self.time_code_untrusted_now = true;
                self.info.time_code_untrusted = true;
            }
        }
        let i = &mut self.info;
        if self.temporal_reference_old == Some(tr) {
            i.frames = i.frames.saturating_sub(1);
        } else {
            self.temporal_reference_old = Some(tr);
        }
        if kind == 1 {
            self.iframe_count += 1;
        }
        i.frames += 1;
        if kind == 3 {
            i.bvops += 1;
        }
        for s in &mut self.searching[0x01..=0xAF] {
            *s = false;
        }
        self.accepted = true;
        if self.iframe_count == IFRAMES_VALID {
            self.frames_valid = i.frames;
        }
        if i.frames >= self.frames_valid {
            self.filled = true;
        }
    }

    fn user_data(&mut self, p: &[u8]) {
        if p.len() >= 4 {
            let id = u32::from_be_bytes([p[0], p[1], p[2], p[3]]);
            // Captions, AFD and SCTE 20 user data carry no library name.
            if matches!(id, 0x434301F8 | 0x44544731 | 0x47413934) || p[0] == 0x03 {
                return;
            }
        }
        let Some(mut text) = library_text(p) else {
            return;
        };
        let trimmed = text.trim_start_matches('0').len();
        text.drain(..text.len() - trimmed);
        if text.is_empty() {
            return;
        }
        let i = &mut self.info;
        if text.starts_with("build") {
            i.library.push(' ');
            i.library.push_str(&text);
        } else {
            i.library = text.clone();
        }
        let lib = i.library.as_str();
        let after = |begin: &str, end: &str| -> String {
            let Some(at) = lib.find(begin) else {
                return String::new();
            };
            let rest = &lib[at + begin.len()..];
            if end.is_empty() {
                rest.to_string()
            } else {
                rest.find(end)
                    .map(|e| rest[..e].to_string())
                    .unwrap_or_default()
            }
        };
        let (name, version) = if text.starts_with("Created with Nero") {
            ("Ahead Nero".to_string(), i.library_version.clone())
        } else if lib.starts_with("encoded by avi2mpg1 ver ") {
            ("avi2mpg1".into(), after("encoded by avi2mpg1 ver ", ""))
        } else if lib.starts_with("encoded by TMPGEnc (ver. ") {
            ("TMPGEnc".into(), after("encoded by TMPGEnc (ver. ", ")"))
        } else if lib.starts_with("encoded by TMPGEnc 4.0 XPress Version. ") {
            (
                "TMPGEnc XPress".into(),
                after("encoded by TMPGEnc 4.0 XPress Version. ", ""),
            )
        } else if lib.starts_with("encoded by TMPGEnc MPEG Editor ") {
            ("TMPGEnc MPEG Editor".into(), after("Version. ", ""))
        } else if lib.starts_with("encoded by TMPGEnc ") {
            ("TMPGEnc".into(), after("encoded by TMPGEnc ", ""))
        } else if lib.starts_with("MPEG Encoder v") {
            (
                "MPEG Encoder by Tristan Savatier".into(),
                after("MPEG Encoder v", " by"),
            )
        } else {
            (lib.to_string(), i.library_version.clone())
        };
        i.library_name = name;
        i.library_version = version;
    }
}

/// The next `00 00 01` at or after `from`.
fn find_start(block: &[u8], from: usize) -> Option<usize> {
    block
        .get(from..)?
        .windows(3)
        .position(|w| w == [0, 0, 1])
        .map(|p| p + from)
}

/// A quantiser matrix as MediaInfo writes it: 64 hex pairs.
fn matrix(r: &mut BitReader) -> Option<String> {
    let mut m = String::with_capacity(128);
    for _ in 0..64 {
        m.push_str(&format!("{:02X}", r.u8(8)?));
    }
    Some(m)
}

/// The printable text of an encoder user data element, as File_Mpegv picks it out of junk
/// (any length: File_Mpegv, unlike File_Mpeg4v, keeps a text shorter than four characters).
fn library_text(data: &[u8]) -> Option<String> {
    super::mpeg4v::encoder_text(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The start of ffmpeg's first XDCAM HD422 frame (176x144, 4:2:2, interlaced, BT.709):
    /// sequence header, sequence and sequence display extensions, GOP, I-picture, picture
    /// coding extension, the first bytes of a slice.
    const XD5C: &[u8] = &[
        0x00, 0x00, 0x01, 0xb3, 0x0b, 0x00, 0x90, 0x13, 0xff, 0xff, 0xe0, 0x18, 0x00, 0x00, 0x01,
        0xb5, 0x18, 0x54, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x01, 0xb5, 0x2b, 0x01, 0x01, 0x01,
        0x02, 0xc2, 0x04, 0x80, 0x00, 0x00, 0x01, 0xb8, 0x00, 0x08, 0x00, 0x40, 0x00, 0x00, 0x01,
        0x00, 0x00, 0x0f, 0xff, 0xf8, 0x00, 0x00, 0x01, 0xb5, 0x8f, 0xff, 0xf3, 0x80, 0x00, 0x00,
        0x00, 0x01, 0x01, 0x23, 0x7c, 0xe1, 0x18,
    ];

    #[test]
    fn xdcam_frame() {
        let mut p = MpegvParser::new();
        p.push(XD5C);
        let i = p.info().expect("a slice accepts the stream");
        assert_eq!((i.width(), i.height()), (176, 144));
        assert_eq!(i.mpeg_version, 2);
        assert!(i.profile_and_level_escape);
        assert_eq!(i.profile_and_level_indication, 0x85);
        assert_eq!(i.chroma_format, 2);
        assert!(!i.progressive_sequence);
        assert_eq!(i.colour, Some((1, 1, 1)));
        assert_eq!(
            (i.frames, i.interlaced_top, i.progressive_frames),
            (1, 1, 0)
        );
        assert_eq!(i.frame_rate, 25.0);
        assert_eq!(i.intra_dc_precision, Some(0));
        let gop = i.first_gop.expect("a GOP header");
        assert!(gop.closed && !gop.drop_frame);
        assert_eq!(i.time_begin, Some((0, 0)));
    }

    #[test]
    fn configuration_time_codes_are_not_trusted() {
        let mut p = MpegvParser::new();
        p.push_config(XD5C);
        assert_eq!(p.info().and_then(|i| i.first_gop), None);
    }

    #[test]
    fn nothing_before_a_sequence_header() {
        let mut p = MpegvParser::new();
        p.push(&XD5C[36..]);
        assert!(p.info().is_none());
    }

    #[test]
    fn stops_after_eight_i_frames() {
        let mut p = MpegvParser::new();
        for _ in 0..8 {
            assert!(!p.finished());
            p.push(XD5C);
        }
        assert!(p.finished());
        assert_eq!(p.info().map(|i| i.frames), Some(8));
    }

    #[test]
    fn library_text_skips_junk() {
        assert_eq!(library_text(&[0x01, 0x02]), None);
        assert_eq!(library_text(b"\x01\x02Lavc58").as_deref(), Some("Lavc58"));
    }
}
