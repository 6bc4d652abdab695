//! MPEG-4 Visual (ISO/IEC 14496-2): the visual object sequence, visual object, video object
//! layer and VOP headers and the encoder's user data, read as MediaInfo's File_Mpeg4v reads
//! them from a container's codec configuration and frames.
//!
//! The parser follows File_Mpeg4v's start-code state: a start code is read only once the
//! headers before it have enabled it (a VOL needs a video object start or a visual object
//! first; VOPs need a VOL), and it stops after 30 VOPs.

use crate::bits::BitReader;

/// VOPs MediaInfo reads before it stops (its `Frame_Count_Valid` at the default parse speed).
pub const FRAMES_VALID: u32 = 30;
/// VOPs MediaInfo reads from an MP4 track (File_Mpeg4's descriptors set `Frame_Count_Valid`
/// to 1 for object type 0x20).
pub const FRAMES_VALID_MP4: u32 = 1;

/// What the video object layer header says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Vol {
    pub shape: u8,
    pub width: u16,
    pub height: u16,
    pub aspect_ratio_info: u8,
    pub par_width: u8,
    pub par_height: u8,
    /// `chroma_format`, when the VOL control parameters (or a Studio VOL) give it.
    pub chroma_format: Option<u8>,
    pub low_delay: bool,
    /// MediaInfo's combination of the two halves (as File_Mpeg4v computes it).
    pub bit_rate: Option<u32>,
    pub vbv_buffer_size: Option<u32>,
    /// Studio profiles only.
    pub frame_rate_code: Option<u8>,
    pub vop_time_increment_resolution: u16,
    pub time_size: u8,
    pub fixed_vop_time_increment: u32,
    pub interlaced: bool,
    pub sprite_enable: u8,
    pub sprite_warping_points: u8,
    pub bits_per_pixel: u8,
    pub rgb_components: bool,
    pub quant_type: bool,
    pub load_intra_quant_mat: bool,
    pub load_nonintra_quant_mat: bool,
    pub load_intra_quant_mat_grayscale: bool,
    pub load_nonintra_quant_mat_grayscale: bool,
    /// The custom matrices as MediaInfo writes them (hex pairs), or `Default`.
    pub matrix_intra: String,
    pub matrix_nonintra: String,
    pub quarter_sample: bool,
    pub complexity_estimation_disable: bool,
    pub data_partitioned: bool,
    pub reversible_vlc: bool,
    estimation: Estimation,
    newpred_enable: bool,
    reduced_resolution_vop_enable: bool,
    scalability: bool,
    enhancement_type: bool,
}

/// Complexity estimation flags: which counts a VOP header carries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Estimation {
    method: u8,
    opaque: bool,
    transparent: bool,
    intra_cae: bool,
    inter_cae: bool,
    no_update: bool,
    upsampling: bool,
    intra_blocks: bool,
    inter_blocks: bool,
    inter4v_blocks: bool,
    not_coded_blocks: bool,
    dct_coefs: bool,
    dct_lines: bool,
    vlc_symbols: bool,
    vlc_bits: bool,
    apm: bool,
    npm: bool,
    interpolate_mc_q: bool,
    forw_back_mc_q: bool,
    halfpel2: bool,
    halfpel4: bool,
    sadct: bool,
    quarterpel: bool,
}

/// What MediaInfo learned from the stream.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mpeg4vInfo {
    pub profile_and_level: u8,
    pub visual_object_type: u8,
    /// `(colour_primaries, transfer_characteristics, matrix_coefficients)` of the visual
    /// object's video signal type.
    pub colour: Option<(u8, u8, u8)>,
    /// The VOL's fields (defaults until one is read).
    pub vol: Vol,
    pub vol_parsed: bool,
    /// The encoder's user data, and what MediaInfo makes of DivX and XviD ones.
    pub library: String,
    /// Most consecutive B-VOPs.
    pub bvop_max: u32,
    /// Most VOPs in one block (2: packed bitstream).
    pub frames_in_block_max: u32,
    pub interlaced_top: u32,
    pub interlaced_bottom: u32,
    pub frames: u32,
}

/// Feeds blocks (a codec configuration, then frames) through File_Mpeg4v's state.
#[derive(Clone, Debug)]
pub struct Mpeg4vParser {
    info: Mpeg4vInfo,
    visual_object_verid: u8,
    searching: [bool; 256],
    bvop_run: u32,
    accepted: bool,
    finished: bool,
    /// VOPs read before the parser stops.
    frames_valid: u32,
}

impl Default for Mpeg4vParser {
    fn default() -> Self {
        Self::new()
    }
}

fn is_studio(profile: u8) -> bool {
    (0xE1..=0xE8).contains(&profile)
}

impl Mpeg4vParser {
    pub fn new() -> Self {
        Self::with_frames_valid(FRAMES_VALID)
    }

    /// A parser that stops after `frames_valid` VOPs (at least one).
    pub fn with_frames_valid(frames_valid: u32) -> Self {
        let mut searching = [false; 256];
        searching[0x00] = true;
        searching[0xB0] = true;
        for s in &mut searching[0xB9..] {
            *s = true;
        }
        Mpeg4vParser {
            info: Mpeg4vInfo {
                vol: Vol {
                    bits_per_pixel: 8,
                    ..Vol::default()
                },
                ..Mpeg4vInfo::default()
            },
            visual_object_verid: 1,
            searching,
            bvop_run: 0,
            accepted: false,
            finished: false,
            frames_valid: frames_valid.max(1),
        }
    }

    /// Whether MediaInfo's parser stopped (enough VOPs).
    pub fn finished(&self) -> bool {
        self.finished
    }

    /// What was learned, once MediaInfo would have accepted the stream (a VOL, or two VOPs).
    pub fn info(&self) -> Option<&Mpeg4vInfo> {
        self.accepted.then_some(&self.info)
    }

    /// One block: each enabled start code's element, up to the next start code.
    pub fn push(&mut self, block: &[u8]) {
        if self.finished {
            return;
        }
        let starts: Vec<usize> = block
            .windows(3)
            .enumerate()
            .filter(|(_, w)| *w == [0, 0, 1])
            .map(|(i, _)| i)
            .collect();
        let mut in_block = 0;
        let mut next_allowed = 0;
        for (k, &at) in starts.iter().enumerate() {
            if at < next_allowed || at + 3 >= block.len() {
                continue;
            }
            let code = block[at + 3];
            if !self.searching[usize::from(code)] {
                continue;
            }
            let end = starts
                .get(k + 1..)
                .and_then(|rest| rest.iter().find(|&&s| s >= at + 4))
                .copied()
                .unwrap_or(block.len());
            next_allowed = end;
            let payload = &block[at + 4..end];
            match code {
                0x00..=0x1F => self.video_object(payload),
                0x20..=0x2F => self.video_object_layer(payload),
                0xB0 => self.visual_object_sequence(payload),
                0xB2 => self.user_data(payload),
                0xB5 => self.visual_object(payload),
                0xB6 => {
                    in_block += 1;
                    self.info.frames_in_block_max = self.info.frames_in_block_max.max(in_block);
                    self.vop(payload);
                }
                _ => {}
            }
            if self.finished {
                return;
            }
        }
    }

    fn video_object(&mut self, payload: &[u8]) {
        if payload.is_empty() {
            self.searching[0x20] = true;
        }
    }

    fn visual_object_sequence(&mut self, payload: &[u8]) {
        let Some(&p) = payload.first() else { return };
        if p == 0 {
            return;
        }
        self.info.profile_and_level = p;
        for code in [0xB1, 0xB2, 0xB5] {
            self.searching[code] = true;
        }
    }

    fn visual_object(&mut self, payload: &[u8]) {
        let studio = is_studio(self.info.profile_and_level);
        let mut r = BitReader::new(payload);
        let _ = (|| -> Option<()> {
            if studio {
                self.visual_object_verid = r.u8(4)?;
            } else if r.bit()? {
                self.visual_object_verid = r.u8(4)?;
                r.skip(3)?;
            }
            self.info.visual_object_type = r.u8(4)?;
            let kind = self.info.visual_object_type;
            let p = self.info.profile_and_level;
            if (p < 0xE1 || (p > 0xE8 && (kind == 1 || kind == 2))) && r.bit()? {
                r.skip(4)?;
                if r.bit()? {
                    let c = (r.u8(8)?, r.u8(8)?, r.u8(8)?);
                    self.info.colour = Some(c);
                }
            }
            Some(())
        })();
        self.searching[0xB2] = true;
        for s in &mut self.searching[0x00..0x25] {
            *s = true;
        }
    }

    fn video_object_layer(&mut self, payload: &[u8]) {
        let studio = is_studio(self.info.profile_and_level);
        let mut v = std::mem::take(&mut self.info.vol);
        v.matrix_intra.clear();
        v.matrix_nonintra.clear();
        let mut r = BitReader::new(payload);
        let verid = self.visual_object_verid;
        let ok = if studio {
            studio_vol(&mut r, &mut v, &mut self.visual_object_verid)
        } else {
            vol(&mut r, &mut v, verid)
        }
        .is_some();
        self.info.vol = v;
        if ok {
            for code in [0xB2, 0xB3, 0xB6] {
                self.searching[code] = true;
            }
            self.info.vol_parsed = true;
            self.accepted = true;
        }
    }

    fn user_data(&mut self, payload: &[u8]) {
        if let Some(text) = library_text(payload) {
            if text.starts_with("build") {
                self.info.library.push(' ');
                self.info.library.push_str(&text);
            } else {
                self.info.library = text;
            }
        }
    }

    fn vop(&mut self, payload: &[u8]) {
        self.info.frames += 1;
        let studio = is_studio(self.info.profile_and_level);
        let mut r = BitReader::new(payload);
        let parsed = if studio {
            studio_vop(&mut r)
        } else {
            match self.vop_header(&mut r) {
                VopHeader::NoTime => {
                    if self.info.frames >= self.frames_valid {
                        self.accepted = true;
                        self.finished = true;
                    }
                    return;
                }
                VopHeader::Parsed(h) => Some(h),
                VopHeader::Broken => None,
            }
        };
        let Some((coding_type, coded)) = parsed else {
            return;
        };
        match (coded, coding_type) {
            (false, _) => {}
            (true, 2) => {
                self.bvop_run += 1;
                self.info.bvop_max = self.info.bvop_max.max(self.bvop_run);
            }
            _ => self.bvop_run = 0,
        }
        if self.info.frames == 2 {
            self.accepted = true;
        }
        if self.info.frames >= self.frames_valid {
            self.finished = true;
        }
    }

    /// A non-Studio VOP header: its coding type and `vop_coded`, counting field order.
    fn vop_header(&mut self, r: &mut BitReader) -> VopHeader {
        let v = &self.info.vol;
        let Some(coding_type) = r.u8(2) else {
            return VopHeader::Broken;
        };
        loop {
            match r.bit() {
                Some(true) => {}
                Some(false) => break,
                None => return VopHeader::Broken,
            }
        }
        if r.bit().is_none() {
            return VopHeader::Broken;
        }
        if v.time_size == 0 {
            return VopHeader::NoTime;
        }
        let header = (|| -> Option<(bool, Option<bool>)> {
            r.skip(usize::from(v.time_size))?;
            r.bit()?;
            let coded = r.bit()?;
            if !coded {
                return Some((false, None));
            }
            if v.newpred_enable {
                let n = (usize::from(v.time_size) + 3).min(15);
                r.skip(n)?;
                if r.bit()? {
                    r.skip(n)?;
                }
                r.skip(1)?;
            }
            if v.shape != 2 && (coding_type == 1 || (coding_type == 3 && v.sprite_enable == 2)) {
                r.skip(1)?;
            }
            if v.reduced_resolution_vop_enable && v.shape == 0 && coding_type <= 1 {
                r.skip(1)?;
            }
            if v.shape != 0 {
                if v.sprite_enable == 1 && coding_type == 0 {
                    r.skip(4 * 14)?;
                }
                if v.shape != 2 && v.scalability && v.enhancement_type {
                    r.skip(1)?;
                }
                r.skip(1)?;
                if r.bit()? {
                    r.skip(8)?;
                }
            }
            if v.shape != 2 && !v.complexity_estimation_disable && v.estimation.method == 0 {
                r.skip(estimation_bits(&v.estimation, coding_type, v.sprite_enable))?;
            }
            let mut top = None;
            if v.shape != 2 {
                r.skip(3)?;
                if v.interlaced {
                    top = Some(r.bit()?);
                    r.skip(1)?;
                }
            }
            Some((true, top))
        })();
        match header {
            Some((coded, top)) => {
                match top {
                    Some(true) => self.info.interlaced_top += 1,
                    Some(false) => self.info.interlaced_bottom += 1,
                    None => {}
                }
                VopHeader::Parsed((coding_type, coded))
            }
            None => VopHeader::Broken,
        }
    }
}

enum VopHeader {
    /// No `vop_time_increment` (no VOL read): MediaInfo only counts the VOP.
    NoTime,
    Parsed((u8, bool)),
    Broken,
}

/// The complexity estimation bits a VOP header carries for its coding type.
fn estimation_bits(e: &Estimation, coding_type: u8, sprite_enable: u8) -> usize {
    let b = |f: bool, n: usize| if f { n } else { 0 };
    let shape = b(e.opaque, 8)
        + b(e.transparent, 8)
        + b(e.intra_cae, 8)
        + b(e.inter_cae, 8)
        + b(e.no_update, 8)
        + b(e.upsampling, 8);
    let texture = b(e.intra_blocks, 8)
        + b(e.not_coded_blocks, 8)
        + b(e.dct_coefs, 8)
        + b(e.dct_lines, 8)
        + b(e.vlc_symbols, 8)
        + b(e.vlc_bits, 4);
    let inter = b(e.inter_blocks, 8)
        + b(e.inter4v_blocks, 8)
        + b(e.apm, 8)
        + b(e.npm, 8)
        + b(e.forw_back_mc_q, 8)
        + b(e.halfpel2, 8)
        + b(e.halfpel4, 8);
    match coding_type {
        0 => shape + texture + b(e.sadct, 8),
        1 => shape + texture + inter + b(e.sadct, 8) + b(e.quarterpel, 8),
        2 => {
            shape + texture + inter + b(e.interpolate_mc_q, 8) + b(e.sadct, 8) + b(e.quarterpel, 8)
        }
        3 if sprite_enable == 1 => texture + inter + b(e.interpolate_mc_q, 8),
        _ => 0,
    }
}

/// A quantiser matrix as MediaInfo writes it: 64 hex pairs, a zero repeating the last value.
fn quant_matrix(r: &mut BitReader) -> Option<String> {
    let mut m = String::new();
    let mut pos = 0;
    while pos < 64 {
        let v = r.u8(8)?;
        if v == 0 {
            if m.len() < 2 {
                break;
            }
            let last = m[m.len() - 2..].to_string();
            while pos < 64 {
                m.push_str(&last);
                pos += 1;
            }
            break;
        }
        m.push_str(&format!("{v:02X}"));
        pos += 1;
    }
    Some(m)
}

/// The grayscale matrices: read until a zero, not kept.
fn skip_gray_matrix(r: &mut BitReader) -> Option<()> {
    for _ in 0..64 {
        if r.u8(8)? == 0 {
            break;
        }
    }
    Some(())
}

fn vbv(r: &mut BitReader, v: &mut Vol, studio: bool) -> Option<()> {
    let first_rate = r.u32(15)?;
    r.skip(1)?;
    let latter_rate = r.u32(15)?;
    r.skip(1)?;
    let first_vbv = r.u32(15)?;
    r.skip(1)?;
    let latter_vbv = r.u32(3)?;
    r.skip(11 + 1 + 15 + 1)?;
    // File_Mpeg4v's combinations of the halves, kept as it computes them.
    if studio {
        v.bit_rate = Some(first_rate * 0x8000 + latter_rate);
        v.vbv_buffer_size = Some(first_vbv * 8 + latter_vbv);
    } else {
        v.bit_rate = Some(first_rate * 8 + latter_rate);
        v.vbv_buffer_size = Some(first_vbv * 0x8000 + latter_vbv);
    }
    Some(())
}

fn studio_vol(r: &mut BitReader, v: &mut Vol, verid: &mut u8) -> Option<()> {
    r.skip(1 + 8)?;
    *verid = r.u8(4)?;
    v.shape = r.u8(2)?;
    r.skip(4)?;
    v.interlaced = !r.bit()?;
    if v.shape != 2 {
        v.rgb_components = r.bit()?;
        v.chroma_format = Some(r.u8(2)?);
        v.bits_per_pixel = r.u8(4)?;
    }
    if v.shape == 0 {
        r.skip(1)?;
        v.width = r.u32(14)? as u16;
        r.skip(1)?;
        v.height = r.u32(14)? as u16;
        r.skip(1)?;
    }
    v.aspect_ratio_info = r.u8(4)?;
    if v.aspect_ratio_info == 0x0F {
        v.par_width = r.u8(8)?;
        v.par_height = r.u8(8)?;
    }
    v.frame_rate_code = Some(r.u8(4)?);
    vbv(r, v, true)?;
    v.low_delay = r.bit()?;
    Some(())
}

fn vol(r: &mut BitReader, v: &mut Vol, visual_object_verid: u8) -> Option<()> {
    let mut verid = visual_object_verid;
    r.skip(1 + 8)?;
    if r.bit()? {
        verid = r.u8(4)?;
        r.skip(3)?;
    }
    v.aspect_ratio_info = r.u8(4)?;
    if v.aspect_ratio_info == 0x0F {
        v.par_width = r.u8(8)?;
        v.par_height = r.u8(8)?;
    }
    if r.bit()? {
        v.chroma_format = Some(r.u8(2)?);
        v.low_delay = r.bit()?;
        if r.bit()? {
            vbv(r, v, false)?;
        }
    }
    v.shape = r.u8(2)?;
    let mut shape_extension = 0;
    if v.shape == 3 && verid != 1 {
        shape_extension = r.u8(4)?;
    }
    let aux_comp_count = match shape_extension {
        0 | 1 | 5 | 7 | 8 => 1,
        2 | 3 | 6 | 9 | 11 => 2,
        4 | 10 | 12 => 3,
        _ => 0,
    };
    r.skip(1)?;
    v.vop_time_increment_resolution = r.u32(16)? as u16;
    v.time_size = (0..=16u8)
        .find(|&n| u32::from(v.vop_time_increment_resolution) < (1u32 << n))
        .unwrap_or(17);
    r.skip(1)?;
    if r.bit()? {
        v.fixed_vop_time_increment = r.u32(u32::from(v.time_size))?;
    }
    if v.shape == 2 {
        if verid != 1 && r.bit()? {
            r.skip(4 + 5 * 4)?;
        }
        r.skip(1)?;
        return Some(());
    }
    if v.shape == 0 {
        r.skip(1)?;
        v.width = r.u32(13)? as u16;
        r.skip(1)?;
        v.height = r.u32(13)? as u16;
        r.skip(1)?;
    }
    v.interlaced = r.bit()?;
    r.skip(1)?;
    v.sprite_enable = r.u8(if verid == 1 { 1 } else { 2 })?;
    if v.sprite_enable == 1 || v.sprite_enable == 2 {
        if v.sprite_enable != 2 {
            r.skip(4 * 14)?;
        }
        v.sprite_warping_points = r.u8(6)?;
        r.skip(2 + 1)?;
        if v.sprite_enable != 2 {
            r.skip(1)?;
        }
    }
    if verid != 1 && v.shape != 0 {
        r.skip(1)?;
    }
    if r.bit()? {
        r.skip(4)?;
        v.bits_per_pixel = r.u8(4)?;
    }
    if v.shape == 3 {
        r.skip(3)?;
    }
    v.quant_type = r.bit()?;
    if v.quant_type {
        v.load_intra_quant_mat = r.bit()?;
        v.matrix_intra = if v.load_intra_quant_mat {
            quant_matrix(r)?
        } else {
            "Default".into()
        };
        v.load_nonintra_quant_mat = r.bit()?;
        v.matrix_nonintra = if v.load_nonintra_quant_mat {
            quant_matrix(r)?
        } else {
            "Default".into()
        };
        if v.shape == 3 {
            for _ in 0..aux_comp_count {
                v.load_intra_quant_mat_grayscale = r.bit()?;
                if v.load_intra_quant_mat_grayscale {
                    skip_gray_matrix(r)?;
                }
                v.load_nonintra_quant_mat_grayscale = r.bit()?;
                if v.load_nonintra_quant_mat_grayscale {
                    skip_gray_matrix(r)?;
                }
            }
        }
    }
    if verid != 1 {
        v.quarter_sample = r.bit()?;
    }
    v.complexity_estimation_disable = r.bit()?;
    if !v.complexity_estimation_disable {
        let e = &mut v.estimation;
        e.method = r.u8(2)?;
        if e.method <= 1 {
            if r.bit()? {
                for f in [
                    &mut e.opaque,
                    &mut e.transparent,
                    &mut e.intra_cae,
                    &mut e.inter_cae,
                    &mut e.no_update,
                    &mut e.upsampling,
                ] {
                    *f = r.bit()?;
                }
            }
            if r.bit()? {
                for f in [
                    &mut e.intra_blocks,
                    &mut e.inter_blocks,
                    &mut e.inter4v_blocks,
                    &mut e.not_coded_blocks,
                ] {
                    *f = r.bit()?;
                }
            }
            r.skip(1)?;
            if r.bit()? {
                for f in [
                    &mut e.dct_coefs,
                    &mut e.dct_lines,
                    &mut e.vlc_symbols,
                    &mut e.vlc_bits,
                ] {
                    *f = r.bit()?;
                }
            }
            if r.bit()? {
                for f in [
                    &mut e.apm,
                    &mut e.npm,
                    &mut e.interpolate_mc_q,
                    &mut e.forw_back_mc_q,
                    &mut e.halfpel2,
                    &mut e.halfpel4,
                ] {
                    *f = r.bit()?;
                }
            }
            r.skip(1)?;
            if e.method == 1 && r.bit()? {
                e.sadct = r.bit()?;
                e.quarterpel = r.bit()?;
            }
        }
    }
    r.skip(1)?;
    v.data_partitioned = r.bit()?;
    if v.data_partitioned {
        v.reversible_vlc = r.bit()?;
    }
    if verid != 1 {
        v.newpred_enable = r.bit()?;
        if v.newpred_enable {
            r.skip(3)?;
        }
        v.reduced_resolution_vop_enable = r.bit()?;
    }
    v.scalability = r.bit()?;
    if v.scalability {
        let hierarchy = r.bit()?;
        r.skip(4 + 1 + 5 * 4)?;
        v.enhancement_type = r.bit()?;
        if v.shape == 1 && !hierarchy {
            r.skip(2 + 5 * 4)?;
        }
    }
    Some(())
}

/// A Studio VOP header: coding type and `vop_coded`.
fn studio_vop(r: &mut BitReader) -> Option<(u8, bool)> {
    // time_code_smpte12m (72 bits), temporal_reference, vop_structure.
    r.skip(72 + 10 + 2)?;
    let coding_type = r.u8(2)?;
    Some((coding_type, r.bit()?))
}

/// The printable text of an encoder user data element, as File_Mpeg4v picks it out of junk
/// (at least four characters).
fn library_text(data: &[u8]) -> Option<String> {
    encoder_text(data).filter(|text| text.len() >= 4)
}

/// The text File_Mpeg4v and File_Mpegv pick out of an encoder user data element: from the
/// first four printable bytes to the last printable one, with their `enc` and `MPE` prefix
/// fixes. Each parser then applies its own minimum length.
pub(crate) fn encoder_text(data: &[u8]) -> Option<String> {
    let starts_text = |b: &[u8]| {
        b.iter().enumerate().all(|(i, &c)| {
            (c == 0x20 && i > 0)
                || matches!(c, 0x22 | 0x27 | 0x28)
                || (c == 0x29 && i > 0)
                || (0x30..=0x3F).contains(&c)
                || (0x41..=0x7D).contains(&c)
        })
    };
    let start = (0..data.len().saturating_sub(3)).find(|&i| starts_text(&data[i..i + 4]))?;
    let len = data[start + 4..]
        .iter()
        .take_while(|&&c| {
            c == 0x0D || c == 0x0A || (0x20..=0x3F).contains(&c) || (0x41..=0x7D).contains(&c)
        })
        .count();
    let mut text: Vec<u8> = data[start..start + 4 + len].to_vec();
    while text.len() > 3 && &text[1..4] == b"enc" {
        text.remove(0);
    }
    while text.len() > 5 && &text[3..6] == b"MPE" {
        text.remove(0);
    }
    Some(String::from_utf8_lossy(&text).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An ffmpeg `mpeg4` codec configuration: VOS (Simple@L1), VO, VO start, VOL, user data.
    const FFMPEG: &[u8] = &[
        0x00, 0x00, 0x01, 0xb0, 0x01, 0x00, 0x00, 0x01, 0xb5, 0x89, 0x13, 0x00, 0x00, 0x01, 0x00,
        0x00, 0x00, 0x01, 0x20, 0x00, 0xc4, 0x8d, 0x8a, 0xee, 0x05, 0x78, 0x05, 0x0e, 0x14, 0x43,
        0x00, 0x00, 0x01, 0xb2, b'L', b'a', b'v', b'c', b'5', b'8', b'.', b'1', b'3', b'4', b'.',
        b'1', b'0', b'0',
    ];

    #[test]
    fn ffmpeg_config() {
        let mut p = Mpeg4vParser::new();
        p.push(FFMPEG);
        let i = p.info().expect("a VOL accepts the stream");
        assert_eq!(i.profile_and_level, 1);
        assert_eq!((i.vol.width, i.vol.height), (3840, 2160));
        assert_eq!(i.vol.chroma_format, Some(1));
        assert!(i.vol.low_delay);
        assert!(!i.vol.interlaced && !i.vol.quant_type);
        assert_eq!(i.library, "Lavc58.134.100");
    }

    #[test]
    fn stops_after_frames_valid_vops() {
        // An I-VOP header: coding type 0, modulo_time_base 0, markers and flags set.
        let vop = [0, 0, 1, 0xB6, 0x1F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
        let mut mp4 = Mpeg4vParser::with_frames_valid(FRAMES_VALID_MP4);
        mp4.push(FFMPEG);
        assert!(!mp4.finished());
        mp4.push(&vop);
        assert!(mp4.finished());
        let mut mkv = Mpeg4vParser::new();
        mkv.push(FFMPEG);
        mkv.push(&vop);
        assert!(!mkv.finished());
    }

    #[test]
    fn junk_is_not_a_library() {
        assert_eq!(library_text(&[0x01, 0x02, 0x03]), None);
        assert_eq!(library_text(b"\x01XviD0050").as_deref(), Some("XviD0050"));
    }
}
