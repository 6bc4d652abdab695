//! `raw_data_block()` (ISO/IEC 14496-3 4.4.2.1): walks every syntactic element of one AAC
//! frame, including the full `individual_channel_stream` (section data, Huffman-coded scale
//! factors and spectral data), only to reach the fill elements and find SBR and PS data.
//!
//! The walk follows MediaInfo's reading, quirks included, so that a frame it considers
//! broken is broken here too.

use super::huffman;
use super::program_config::ProgramConfigElement;
use super::sbr::{self, SbrState};
use super::spectral;
use super::tables;
use crate::bits::BitReader;

/// What one frame revealed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct FrameEvents {
    /// The frame was read to its END element without error.
    pub ok: bool,
    /// An END element was reached.
    pub has_end: bool,
    /// An SBR extension payload was found.
    pub sbr: bool,
    /// A PS extension was found in SBR data, with a PS header known for its element.
    pub ps: bool,
    /// An enhanced SBR extension was found.
    pub esbr: bool,
    /// gain_control_data was present in some channel stream.
    pub gain_control: bool,
    /// A program_config_element in the frame, accepted by MediaInfo's sanity check.
    pub pce: Option<ProgramConfigElement>,
    /// Byte where MediaInfo's bit reader for the frame last started: 0, or just past a PCE
    /// comment (read as bytes, the bit reader restarted after it), or the frame's length
    /// when that comment ran past the end.
    pub bits_start: usize,
}

/// Codec parameters the frame syntax depends on.
#[derive(Clone, Copy, Debug)]
pub(super) struct FrameParams {
    pub sampling_frequency_index: u8,
    /// The core sampling rate, for SBR frequency tables.
    pub sampling_frequency: u32,
    pub frame_length: u16,
}

/// State carried from frame to frame.
#[derive(Clone, Debug, Default)]
pub(super) struct BlockState {
    pub sbr: SbrState,
    /// MediaInfo keeps the last channel pair's `common_window` and consults it for LTP data
    /// of any later ics_info.
    common_window: bool,
    /// What the channel stream being read keeps for its later parts.
    stream: StreamScratch,
}

/// The sections and band codebooks of the channel stream being read, kept from stream to
/// stream so that no frame allocates for them.
#[derive(Clone, Debug)]
struct StreamScratch {
    sections: Vec<Section>,
    /// Valid below `max_sfb` in the stream's groups once its section_data is read.
    band_codebooks: BandCodebooks,
}

impl Default for StreamScratch {
    fn default() -> Self {
        Self {
            sections: Vec::new(),
            band_codebooks: [[0; MAX_SFB]; MAX_GROUPS],
        }
    }
}

/// Window groups of an eight-short sequence, at most.
const MAX_GROUPS: usize = 8;

/// Scale factor bands a `max_sfb` can name, at most (6 bits).
const MAX_SFB: usize = 64;

/// The codebook of each scale factor band below `max_sfb`, per window group.
type BandCodebooks = [[u8; MAX_SFB]; MAX_GROUPS];

/// Grouping and band layout of one `ics_info`.
#[derive(Clone, Copy, Debug)]
struct IcsInfo {
    window_sequence: u8,
    eight_short: bool,
    max_sfb: u8,
    num_windows: u8,
    /// Scale factor band offsets of one window (num_swb + 1 entries, from 0).
    swb: &'static [u16],
    /// Long windows: where the spectral lines end (offsets are cut there).
    frame_length: u16,
    /// Windows in each group (one group of one window for a long window).
    group_lengths: [u8; MAX_GROUPS],
    num_groups: u8,
}

impl IcsInfo {
    fn num_window_groups(&self) -> usize {
        usize::from(self.num_groups)
    }

    fn num_swb(&self) -> usize {
        self.swb.len() - 1
    }

    /// The spectral offset of scale factor band `band` (0..=num_swb) in window group
    /// `group`: the bands of a group's windows are interleaved.
    fn offset(&self, group: usize, band: usize) -> Option<usize> {
        let line = *self.swb.get(band)?;
        Some(if self.eight_short {
            usize::from(line) * usize::from(*self.group_lengths.get(group)?)
        } else {
            usize::from(line.min(self.frame_length))
        })
    }
}

/// One section of `section_data`.
#[derive(Clone, Copy, Debug)]
struct Section {
    group: u8,
    codebook: u8,
    /// First band (below max_sfb).
    start: u8,
    /// Band after the last, saturated (past num_swb it is an error either way).
    end: u16,
}

/// Reads one raw_data_block. `events.ok` is false when the frame is broken (as MediaInfo
/// would see it); the events found before the break are still reported.
pub(super) fn parse(data: &[u8], params: FrameParams, state: &mut BlockState) -> FrameEvents {
    let mut events = FrameEvents::default();
    let mut r = BitReader::new(data);
    let mut walker = Walker {
        r: &mut r,
        params,
        state,
        events: &mut events,
        element_pos: 0,
    };
    let ok = walker.elements().is_some();
    events.ok = ok && events.has_end;
    events
}

struct Walker<'r, 'd> {
    r: &'r mut BitReader<'d>,
    params: FrameParams,
    state: &'r mut BlockState,
    events: &'r mut FrameEvents,
    /// Index of the current content element (SCE/CPE/CCE/LFE) in the frame.
    element_pos: usize,
}

impl Walker<'_, '_> {
    fn elements(&mut self) -> Option<()> {
        let mut id = 0u8;
        while self.r.remaining() > 0 {
            let prev_id = id;
            id = self.r.u8(3)?;
            match id {
                0 | 3 => {
                    self.r.skip(4)?;
                    self.individual_channel_stream(false, None)?;
                }
                1 => self.channel_pair_element()?,
                2 => self.coupling_channel_element()?,
                4 => self.data_stream_element()?,
                5 => {
                    let mut pce = ProgramConfigElement::parse_bits(self.r)?;
                    if pce.read_comment(self.r).is_none() {
                        self.events.bits_start = (self.r.position() + self.r.remaining()) / 8;
                        return None;
                    }
                    self.events.bits_start = self.r.position() / 8;
                    if super::audio_specific_config::pce_is_trusted(&pce) {
                        self.events.pce = Some(pce);
                    } else {
                        return None;
                    }
                }
                6 => self.fill_element(prev_id)?,
                _ => {
                    self.events.has_end = true;
                    return Some(());
                }
            }
            if id < 4 {
                self.element_pos += 1;
            }
        }
        // Data ran out before the END element.
        None
    }

    fn channel_pair_element(&mut self) -> Option<()> {
        self.r.skip(4)?;
        let common_window = self.r.bit()?;
        self.state.common_window = common_window;
        if common_window {
            let info = self.ics_info()?;
            let ms_mask_present = self.r.u8(2)?;
            if ms_mask_present == 1 {
                let bits = info.num_window_groups() * usize::from(info.max_sfb);
                self.r.skip(bits)?;
            }
            self.individual_channel_stream(true, Some(info))?;
            self.individual_channel_stream(true, Some(info))?;
        } else {
            self.individual_channel_stream(false, None)?;
            self.individual_channel_stream(false, None)?;
        }
        Some(())
    }

    fn coupling_channel_element(&mut self) -> Option<()> {
        self.r.skip(4)?;
        let ind_sw_cce = self.r.bit()?;
        let num_coupled = self.r.u8(3)?;
        let mut gain_lists = 0usize;
        for _ in 0..=num_coupled {
            gain_lists += 1;
            let is_cpe = self.r.bit()?;
            self.r.skip(4)?;
            if is_cpe {
                let l = self.r.bit()?;
                let r = self.r.bit()?;
                if l && r {
                    gain_lists += 1;
                }
            }
        }
        self.r.skip(1 + 1 + 2)?; // cc_domain, gain_element_sign, gain_element_scale
        let info = self.individual_channel_stream(false, None)?;
        let band_codebooks = &self.state.stream.band_codebooks;
        for _ in 1..gain_lists {
            let common = ind_sw_cce || self.r.bit()?;
            if common {
                scalefactor(self.r)?;
            } else {
                for group in band_codebooks.iter().take(info.num_window_groups()) {
                    for &cb in &group[..usize::from(info.max_sfb)] {
                        if cb != 0 {
                            scalefactor(self.r)?;
                        }
                    }
                }
            }
        }
        Some(())
    }

    fn data_stream_element(&mut self) -> Option<()> {
        self.r.skip(4)?;
        let align = self.r.bit()?;
        let mut count = usize::from(self.r.u8(8)?);
        if count == 255 {
            count += usize::from(self.r.u8(8)?);
        }
        if align {
            self.r.align();
        }
        self.r.skip(8 * count)
    }

    fn fill_element(&mut self, previous_id: u8) -> Option<()> {
        let mut count = usize::from(self.r.u8(4)?);
        if count == 15 {
            count = count + usize::from(self.r.u8(8)?) - 1;
        }
        if count == 0 {
            return Some(());
        }
        if self.r.remaining() < 8 * count {
            // MediaInfo skips the rest of the frame, which then lacks its END element.
            let rest = self.r.remaining();
            return self.r.skip(rest);
        }
        let end = self.r.position() + 8 * count;
        self.extension_payload(end, previous_id)
    }

    fn extension_payload(&mut self, end: usize, previous_id: u8) -> Option<()> {
        match self.r.u8(4)? {
            11 => self.dynamic_range_info()?,
            12 => {
                self.r.skip(4)?; // ancType, ancStart, ancStop
                while self.r.position() < end {
                    self.r.skip(8)?;
                }
            }
            ext @ (13 | 14) => {
                let found = sbr::extension_data(
                    self.r,
                    end,
                    previous_id,
                    ext == 14,
                    self.element_pos,
                    self.params.sampling_frequency,
                    &mut self.state.sbr,
                )?;
                self.events.sbr = true;
                self.events.ps |= found.ps;
                self.events.esbr |= found.esbr;
            }
            1 => {
                self.r.skip(4)?; // fill_nibble
                while self.r.position() < end {
                    self.r.skip(8)?;
                }
            }
            // EXT_DATA_ELEMENT with data_element_version ANC_DATA.
            2 if self.r.u8(4)? == 0 => {
                let mut len = 0usize;
                loop {
                    let part = self.r.u8(8)?;
                    len += usize::from(part);
                    if part != 255 {
                        break;
                    }
                }
                self.r.skip(8 * len)?;
            }
            _ => {}
        }
        sbr::skip_to(self.r, end)?;
        (self.r.position() == end).then_some(())
    }

    fn dynamic_range_info(&mut self) -> Option<()> {
        if self.r.bit()? {
            self.r.skip(8)?; // pce_instance_tag, drc_tag_reserved_bits
        }
        // MediaInfo reads excluded_chns_present but not the excluded_channels() after it.
        self.r.skip(1)?;
        let mut bands = 1usize;
        if self.r.bit()? {
            bands += usize::from(self.r.u8(4)?);
            self.r.skip(4)?; // drc_interpolation_scheme
            self.r.skip(8 * bands)?; // drc_band_top
        }
        if self.r.bit()? {
            self.r.skip(8)?; // prog_ref_level + reserved bit
        }
        self.r.skip(8 * bands) // dyn_rng_sgn, dyn_rng_ctl
    }

    /// `individual_channel_stream()`; `shared` is the ics_info of a common-window pair.
    /// Returns the band layout; the codebook of each scale factor band, per group, is left
    /// in `state.stream`.
    fn individual_channel_stream(
        &mut self,
        common_window: bool,
        shared: Option<IcsInfo>,
    ) -> Option<IcsInfo> {
        self.r.skip(8)?; // global_gain
        let info = match shared {
            Some(info) if common_window => info,
            _ => self.ics_info()?,
        };
        self.section_data(&info)?;
        self.scale_factor_data(&info)?;
        if self.r.bit()? {
            // pulse_data
            let number_pulse = usize::from(self.r.u8(2)?);
            self.r.skip(6 + (number_pulse + 1) * (5 + 4))?;
        }
        if self.r.bit()? {
            self.tns_data(&info)?;
        }
        if self.r.bit()? {
            self.events.gain_control = true;
            self.gain_control_data(&info)?;
        }
        self.spectral_data(&info)?;
        Some(info)
    }

    fn ics_info(&mut self) -> Option<IcsInfo> {
        self.r.skip(1)?; // ics_reserved_bit
        let window_sequence = self.r.u8(2)?;
        self.r.skip(1)?; // window_shape
        let sfi = usize::from(self.params.sampling_frequency_index);
        let eight_short = window_sequence == 2;
        if eight_short {
            let max_sfb = self.r.u8(4)?;
            let grouping = self.r.u8(7)?;
            let swb = tables::short_window_offsets(sfi)?;
            // A clear bit starts a new group; a set one puts the window in the last group.
            let mut group_lengths = [1u8; MAX_GROUPS];
            let mut num_groups = 1;
            for i in 0..7 {
                if grouping & (1 << (6 - i)) == 0 {
                    num_groups += 1;
                } else {
                    group_lengths[num_groups - 1] += 1;
                }
            }
            Some(IcsInfo {
                window_sequence,
                eight_short,
                max_sfb,
                num_windows: 8,
                swb,
                frame_length: self.params.frame_length,
                group_lengths,
                num_groups: num_groups as u8,
            })
        } else {
            let max_sfb = self.r.u8(6)?;
            if self.r.bit()? {
                // predictor_data_present: only LC frames are parsed, so this is LTP data.
                if self.r.bit()? {
                    self.ltp_data(max_sfb)?;
                }
                if self.state.common_window && self.r.bit()? {
                    self.ltp_data(max_sfb)?;
                }
            }
            let swb = tables::long_window_offsets(sfi)?;
            Some(IcsInfo {
                window_sequence,
                eight_short,
                max_sfb,
                num_windows: 1,
                swb,
                frame_length: self.params.frame_length,
                group_lengths: [1; MAX_GROUPS],
                num_groups: 1,
            })
        }
    }

    /// `ltp_data()` of a long window: lag, coefficient, and up to 40 `ltp_long_used` flags.
    fn ltp_data(&mut self, max_sfb: u8) -> Option<()> {
        self.r.skip(11 + 3 + usize::from(max_sfb.min(40)))
    }

    /// Reads the sections and the codebook of each band into `state.stream`.
    fn section_data(&mut self, info: &IcsInfo) -> Option<()> {
        let (len_bits, escape) = if info.eight_short {
            (3, 7u8)
        } else {
            (5, 31u8)
        };
        let max_sfb = usize::from(info.max_sfb);
        let StreamScratch {
            sections,
            band_codebooks,
        } = &mut self.state.stream;
        sections.clear();
        for (group, cbs) in band_codebooks
            .iter_mut()
            .enumerate()
            .take(info.num_window_groups())
        {
            let mut k = 0usize;
            let mut count = 0usize;
            while k < max_sfb {
                let codebook = self.r.u8(4)?;
                let mut len = 0usize;
                loop {
                    let incr = self.r.u8(len_bits)?;
                    len += usize::from(incr);
                    if incr != escape {
                        break;
                    }
                }
                let end = k + len;
                cbs[k..end.min(max_sfb)].fill(codebook);
                sections.push(Section {
                    group: group as u8,
                    codebook,
                    start: k as u8,
                    end: u16::try_from(end).unwrap_or(u16::MAX),
                });
                k = end;
                count += 1;
                if count > 64 {
                    return None;
                }
            }
        }
        Some(())
    }

    fn scale_factor_data(&mut self, info: &IcsInfo) -> Option<()> {
        let mut first_noise = true;
        let band_codebooks = &self.state.stream.band_codebooks;
        for group in band_codebooks.iter().take(info.num_window_groups()) {
            for &cb in &group[..usize::from(info.max_sfb)] {
                match cb {
                    0 => {}
                    13 if first_noise => {
                        first_noise = false;
                        self.r.skip(9)?; // dpcm_noise_nrg as PCM
                    }
                    _ => scalefactor(self.r)?,
                }
            }
        }
        Some(())
    }

    fn tns_data(&mut self, info: &IcsInfo) -> Option<()> {
        let (n_filt_bits, length_bits, order_bits) = if info.eight_short {
            (1, 4, 3)
        } else {
            (2, 6, 5)
        };
        for _ in 0..info.num_windows {
            let n_filt = self.r.u8(n_filt_bits)?;
            if n_filt == 0 {
                continue;
            }
            let start_coef_bits = if self.r.bit()? { 4 } else { 3 };
            for _ in 0..n_filt {
                self.r.skip(length_bits)?;
                let order = usize::from(self.r.u8(order_bits)?);
                if order > 0 {
                    self.r.skip(1)?; // direction
                    let compress = self.r.bit()?;
                    let coef_bits = start_coef_bits - usize::from(compress);
                    self.r.skip(order * coef_bits)?;
                }
            }
        }
        Some(())
    }

    fn gain_control_data(&mut self, info: &IcsInfo) -> Option<()> {
        // Windows, and allocation bits of the first and the other windows, per sequence.
        let (windows, first_bits, other_bits) = match info.window_sequence {
            0 => (1, 5, 5),
            1 => (2, 4, 2),
            2 => (8, 2, 2),
            _ => (2, 4, 5),
        };
        let max_band = self.r.u8(2)?;
        for _ in 0..max_band {
            for wd in 0..windows {
                let adjust_num = usize::from(self.r.u8(3)?);
                let aloc = if wd == 0 { first_bits } else { other_bits };
                self.r.skip(adjust_num * (4 + aloc))?;
            }
        }
        Some(())
    }

    /// Skips the spectral data of `state.stream.sections`. The reader is copied to a local for the
    /// loop (written back after, also on failure): through `self.r` every codeword's position
    /// went to memory.
    fn spectral_data(&mut self, info: &IcsInfo) -> Option<()> {
        let mut r = self.r.clone();
        let result = spectral_sections(&mut r, info, &self.state.stream.sections);
        *self.r = r;
        result
    }
}

/// Skips one Huffman-coded scale factor.
fn scalefactor(r: &mut BitReader) -> Option<()> {
    huffman::scalefactor().decode(r).map(|_| ())
}

fn spectral_sections(r: &mut BitReader, info: &IcsInfo, sections: &[Section]) -> Option<()> {
    for section in sections {
        let cb = section.codebook;
        if matches!(cb, 0 | 13 | 14 | 15) {
            continue;
        }
        let end = usize::from(section.end);
        if end > info.num_swb() {
            return None;
        }
        let group = usize::from(section.group);
        let from = info.offset(group, usize::from(section.start))?;
        let to = info.offset(group, end)?;
        let step = if cb < 5 { 4 } else { 2 };
        if from >= to {
            continue;
        }
        spectral::skip(r, cb, (to - from).div_ceil(step))?;
    }
    Some(())
}
