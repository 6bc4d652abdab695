//! The table of contents of raw AC-4 frames (`raw_ac4_toc`, ETSI TS 103 190-2 §6.2.1) and
//! the substreams it sizes, read frame after frame as File_Ac4 reads MP4 samples: I-frames
//! are read until one yields audio substreams; every frame updates the stream head
//! (version, sampling and frame rates).

use std::collections::BTreeMap;

use super::dsi::language_char;
use super::{Bits, Group, GroupSubstream, Presentation, SubstreamType};

/// What the substreams of the last I-frame carry, by substream index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AudioSubstream {
    pub iframe: bool,
    pub meta: super::substream::Metadata,
}

/// The state File_Ac4 keeps across frames.
#[derive(Clone, Debug, Default)]
pub struct Frames {
    pub bitstream_version: u8,
    pub fs_index: u8,
    pub frame_rate_index: u8,
    /// Frames seen.
    pub count: usize,
    /// Numbers of the I-frames seen.
    pub iframes: Vec<usize>,
    pub presentations: Vec<Presentation>,
    pub groups: Vec<Group>,
    pub substreams: BTreeMap<u8, AudioSubstream>,
    /// Types of the substream indexes ever seen (File_Ac4 never forgets one).
    pub substream_types: BTreeMap<u8, SubstreamType>,
    // The TOC being read.
    frame_rate_factor: u8,
    max_group_index: u8,
    n_substreams: u8,
    substream_sizes: Vec<u32>,
    payload_base: u32,
}

/// Frames File_Ac4 reads before it reports (its `Frame_Count_Valid` in an MP4 track).
pub const FRAMES: usize = 128;

impl Frames {
    /// Reads one raw frame (an MP4 sample).
    pub fn push(&mut self, frame: &[u8]) {
        let mut r = Bits::new(frame);
        if self.toc(&mut r) {
            r.align();
            let start = (r.position() / 8).min(frame.len());
            self.substreams_of(&frame[start..]);
        }
        self.count += 1;
    }

    /// `raw_ac4_toc`; false when the frame is not read further (not an I-frame).
    fn toc(&mut self, r: &mut Bits) -> bool {
        let mut version = r.u8(2);
        if version == 3 {
            version = r.variable(2).wrapping_add(3) as u8;
        }
        self.bitstream_version = version;
        r.skip(10); // sequence_counter
        if r.flag() {
            // b_wait_frames
            if r.u8(3) != 0 {
                r.skip(2); // br_code
            }
        }
        self.fs_index = r.u8(1);
        self.frame_rate_index = r.u8(4);
        if !r.flag() {
            // Not an I-frame: File_Ac4 reads only I-frames (and the frames that complete a
            // high frame rate substream, not supported here).
            return false;
        }
        self.iframes.push(self.count);
        if !self.substreams.is_empty() {
            // File_Ac4 reads an I-frame only until one gave it audio substreams.
            return false;
        }
        self.presentations.clear();
        self.groups.clear();
        self.substreams.clear();
        self.max_group_index = 0;
        let n_presentations = if r.flag() {
            1
        } else if r.flag() {
            (r.variable(2).wrapping_add(2)) as u8
        } else {
            0
        };
        self.payload_base = 0;
        if r.flag() {
            self.payload_base = r.get(5) + 1;
            if self.payload_base == 32 {
                self.payload_base = r.variable(3).wrapping_add(32);
            }
        }
        if version <= 1 {
            let mut presentations = vec![Presentation::default(); usize::from(n_presentations)];
            for p in presentations.iter_mut() {
                self.presentation_v0(r, p);
            }
            self.presentations = presentations;
            self.substream_index_table(r);
            super::compute(&mut self.presentations, &self.groups, false);
            return true;
        }
        if r.flag() {
            // b_program_id
            r.skip(16);
            if r.flag() {
                r.skip(128);
            }
        }
        let mut presentations = vec![Presentation::default(); usize::from(n_presentations)];
        for p in presentations.iter_mut() {
            self.presentation_v1(r, p);
        }
        self.presentations = presentations;
        let n_groups = usize::from(self.max_group_index) + 1;
        for _ in 0..n_groups {
            let mut g = Group::default();
            self.substream_group(r, &mut g);
            self.groups.push(g);
        }
        self.substream_index_table(r);
        super::compute(&mut self.presentations, &self.groups, false);
        true
    }

    /// `frame_rate_multiply_info`.
    fn frame_rate_multiply(&mut self, r: &mut Bits) {
        // Whether a multiplier is coded, and whether it may be 4.
        let (coded, up_to_4) = match self.frame_rate_index {
            0 | 1 | 7..=9 => (true, false),
            2..=4 => (true, true),
            _ => (false, false),
        };
        self.frame_rate_factor = 1;
        if coded && r.flag() {
            self.frame_rate_factor = if up_to_4 && r.flag() { 4 } else { 2 };
        }
    }

    /// `frame_rate_fractions_info`.
    fn frame_rate_fractions(&self, r: &mut Bits, p: &mut Presentation) {
        // Whether a fraction is coded, and whether it may be 4.
        let (coded, up_to_4) = match self.frame_rate_index {
            5..=9 => (self.frame_rate_factor == 1, false),
            10..=12 => (true, true),
            _ => (false, false),
        };
        if coded && r.flag() {
            p.frame_rate_fraction_minus1 += 1;
            if up_to_4 && r.flag() {
                p.frame_rate_fraction_minus1 += 2;
            }
        }
    }

    /// `emdf_info`.
    fn emdf_info(&mut self, r: &mut Bits) {
        if r.u8(2) == 3 {
            r.variable(2);
        }
        if r.u8(3) == 7 {
            r.variable(3);
        }
        if r.flag() {
            let index = r.index2();
            self.substream_types
                .insert(index, SubstreamType::EmdfPayloads);
        }
        // emdf_protection
        let primary = r.u8(2);
        let secondary = r.u8(2);
        for length in [primary, secondary] {
            r.skip(match length {
                1 => 8,
                2 => 32,
                3 => 128,
                _ => 0,
            });
        }
    }

    /// `ac4_presentation_info` (bitstream versions 0 and 1): substreams described in
    /// place, each making a group of its own.
    fn presentation_v0(&mut self, r: &mut Bits, p: &mut Presentation) {
        p.groups.clear();
        p.frame_rate_fraction_minus1 = 0;
        let single = r.flag();
        if !single {
            let mut c = r.u8(3);
            if c == 7 {
                c = c.wrapping_add(r.variable(2) as u8);
            }
            p.config = Some(c);
        }
        p.version = r.unary();
        let add_emdf = if !single && p.config == Some(6) {
            true
        } else {
            r.skip(3); // mdcompat
            if r.flag() {
                p.id = Some(r.variable(2));
            }
            self.frame_rate_multiply(r);
            self.emdf_info(r);
            if single {
                self.substream_info(r, p);
            } else {
                let hsf_ext = r.flag();
                let n = match p.config {
                    Some(0..=2) => 2,
                    Some(3 | 4) => 3,
                    Some(5) => 1,
                    _ => {
                        self.config_ext_info(r);
                        0
                    }
                };
                for k in 0..n {
                    self.substream_info(r, p);
                    if k == 0 && hsf_ext {
                        // The main substream's high frequencies.
                        let mut s = self
                            .groups
                            .last()
                            .and_then(|g| g.substreams.first().cloned())
                            .unwrap_or_default();
                        self.hsf_ext(r, &mut s, true);
                        if let Some(first) = self
                            .groups
                            .last_mut()
                            .and_then(|g| g.substreams.first_mut())
                        {
                            *first = s;
                        }
                    }
                }
            }
            r.skip(1); // b_pre_virtualized
            r.flag()
        };
        if add_emdf {
            let mut n = r.u8(2);
            if n == 0 {
                n = (r.variable(2).wrapping_add(4)) as u8;
            }
            for _ in 0..n {
                self.emdf_info(r);
            }
        }
    }

    /// `ac4_substream_info` (bitstream versions 0 and 1): one channel-coded substream, as
    /// one group per frame rate factor.
    fn substream_info(&mut self, r: &mut Bits, p: &mut Presentation) {
        let mut mode = channel_mode_v0(r);
        if mode == Some(12) {
            mode = Some(12u8.wrapping_add(r.variable(2) as u8));
        }
        if self.fs_index == 1 && r.flag() {
            r.skip(1); // sf_multiplier
        }
        if r.flag() {
            r.short_or_long(3, 5, 1); // bitrate_indicator
        }
        if matches!(mode, Some(7..=10)) {
            r.skip(1); // add_ch_base
        }
        let mut content = Group::default();
        if r.flag() {
            self.content_type(r, &mut content);
        }
        let iframes: Vec<bool> = (0..self.frame_rate_factor).map(|_| r.flag()).collect();
        let index = r.index2();
        for (i, &iframe) in iframes.iter().enumerate() {
            let index = index.wrapping_add(i as u8);
            p.groups.push(self.groups.len());
            self.groups.push(Group {
                substreams: vec![GroupSubstream {
                    kind: SubstreamType::Audio,
                    index: Some(index),
                    iframe,
                    sus_ver: false,
                    ch_mode: mode,
                    ..Default::default()
                }],
                classifier: content.classifier,
                language: content.language.clone(),
                channel_coded: true,
                hsf_ext: false,
            });
            self.substream_types.insert(index, SubstreamType::Audio);
        }
    }

    /// `ac4_presentation_v1_info`.
    fn presentation_v1(&mut self, r: &mut Bits, p: &mut Presentation) {
        p.groups.clear();
        p.frame_rate_fraction_minus1 = 0;
        let single_group = r.flag();
        if !single_group {
            let mut c = r.u8(3);
            if c == 7 {
                c = c.wrapping_add(r.variable(2) as u8);
            }
            p.config = Some(c);
        }
        p.version = if self.bitstream_version != 1 {
            r.unary()
        } else {
            0
        };
        let add_emdf;
        let mut multi_pid = None;
        if !single_group && p.config == Some(6) {
            add_emdf = true;
        } else {
            if self.bitstream_version != 1 {
                r.skip(3); // mdcompat
            }
            if r.flag() {
                p.id = Some(r.variable(2));
            }
            self.frame_rate_multiply(r);
            self.frame_rate_fractions(r, p);
            self.emdf_info(r);
            if r.flag() {
                r.skip(1); // b_enable_presentation
            }
            if single_group {
                self.sgi_specifier(r, p);
            } else {
                multi_pid = Some(r.flag());
                let n = match p.config {
                    Some(0..=2) => 2,
                    Some(3 | 4) => 3,
                    Some(5) => {
                        let mut n = r.u8(2) + 2;
                        if n == 5 {
                            n = (r.variable(2).wrapping_add(5)) as u8;
                        }
                        n
                    }
                    _ => {
                        self.config_ext_info(r);
                        0
                    }
                };
                for _ in 0..n {
                    self.sgi_specifier(r, p);
                }
            }
            r.skip(1); // b_pre_virtualized
            add_emdf = r.flag();
            // ac4_presentation_substream_info
            p.alternative = r.flag();
            p.pres_ndot = r.flag();
            let index = r.index2();
            p.substream_index = Some(index);
            self.substream_types
                .insert(index, SubstreamType::Presentation);
        }
        if add_emdf {
            let mut n = r.u8(2);
            if n == 0 {
                n = (r.variable(2).wrapping_add(4)) as u8;
            }
            for _ in 0..n {
                self.emdf_info(r);
            }
        }
        p.multi_pid = multi_pid;
    }

    /// `presentation_config_ext_info` (bitstream version 2: skipped bytes only).
    fn config_ext_info(&mut self, r: &mut Bits) {
        let mut n = r.get(5);
        if r.flag() {
            // File_Ac4 keeps the extension's low 8 bits, shifted.
            n = u32::from(r.variable(2) as u8) << 5;
        }
        r.skip(n as usize * 8);
    }

    /// `ac4_sgi_specifier` (bitstream version 2: a group index).
    fn sgi_specifier(&mut self, r: &mut Bits, p: &mut Presentation) {
        let mut index = r.u8(3);
        if index == 7 {
            index = index.wrapping_add(r.variable(2) as u8);
        }
        self.max_group_index = self.max_group_index.max(index);
        p.groups.push(usize::from(index));
    }

    /// `ac4_substream_group_info`.
    fn substream_group(&mut self, r: &mut Bits, g: &mut Group) {
        let present = r.flag();
        g.hsf_ext = r.flag();
        let n = if r.flag() {
            1u8
        } else {
            let mut n = r.u8(2) + 2;
            if n == 5 {
                n = n.wrapping_add(r.variable(2) as u8);
            }
            n
        };
        g.channel_coded = r.flag();
        if g.channel_coded {
            for pos in 0..n {
                let mut s = GroupSubstream {
                    sus_ver: self.bitstream_version != 1 || r.flag(),
                    ..Default::default()
                };
                self.substream_chan(r, &mut s, usize::from(pos), present);
                if g.hsf_ext {
                    self.hsf_ext(r, &mut s, present);
                }
                g.substreams.push(s);
            }
        } else {
            if r.flag() {
                // b_oamd_substream
                let mut s = GroupSubstream::default();
                r.skip(1); // b_oamd_ndot
                if present {
                    let index = r.index2();
                    s.kind = SubstreamType::Oamd;
                    s.index = Some(index);
                    self.substream_types.insert(index, SubstreamType::Oamd);
                }
                g.substreams.push(s);
            }
            // File_Ac4 resizes the list to the substream count: an OAMD entry is the first.
            g.substreams
                .resize(usize::from(n), GroupSubstream::default());
            for s in g.substreams.iter_mut() {
                s.ajoc = r.flag();
                if s.ajoc {
                    self.substream_ajoc(r, s, present);
                } else {
                    self.substream_obj(r, s, present);
                }
                if g.hsf_ext {
                    self.hsf_ext(r, s, present);
                }
            }
        }
        if r.flag() {
            self.content_type(r, g);
        }
    }

    /// `ac4_hsf_ext_substream_info`.
    fn hsf_ext(&mut self, r: &mut Bits, s: &mut GroupSubstream, present: bool) {
        if present {
            let index = r.index2();
            s.hsf_index = Some(index);
            self.substream_types
                .insert(index, SubstreamType::HsfExtension);
        }
    }

    /// The tail shared by the substream infos: rate flags, I-frame flags, index.
    fn substream_tail(&mut self, r: &mut Bits, s: &mut GroupSubstream, present: bool) {
        if self.fs_index == 1 && r.flag() {
            r.skip(1); // sf_multiplier
        }
        if r.flag() {
            r.short_or_long(3, 5, 1); // bitrate_indicator
        }
        if matches!(s.ch_mode, Some(7..=10)) {
            r.skip(1); // add_ch_base
        }
        let mut first = false;
        for i in 0..self.frame_rate_factor {
            let b = r.flag();
            if i == 0 {
                first = b;
            }
        }
        if present {
            let index = r.index2();
            s.index = Some(index);
            s.iframe = first;
            self.substream_types.insert(index, SubstreamType::Audio);
        }
    }

    /// `ac4_substream_info_chan`.
    fn substream_chan(&mut self, r: &mut Bits, s: &mut GroupSubstream, pos: usize, present: bool) {
        s.kind = SubstreamType::Audio;
        let mut mode = channel_mode(r);
        if mode == Some(16) {
            mode = Some(16u8.wrapping_add(r.variable(2) as u8));
        }
        s.ch_mode = mode;
        // File_Ac4 compares presentations' group indexes with the substream's position in
        // its group.
        let v2 = self
            .presentations
            .iter()
            .any(|p| p.version == 2 && p.groups.contains(&pos));
        if v2 && let Some(m @ 5..=10) = s.ch_mode {
            s.immersive_stereo = Some(m - 5);
            s.ch_mode = Some(1);
        }
        s.ch_mode_core = match s.ch_mode {
            Some(11 | 13) => Some(5),
            Some(12 | 14) => Some(6),
            _ => None,
        };
        if matches!(s.ch_mode, Some(11..=14)) {
            s.b_4_back_channels_present = r.flag();
            s.b_centre_present = r.flag();
            let top = r.u8(2);
            s.top_channels_present = Some(top);
            s.top_channel_pairs = match top {
                1 | 2 => 1,
                3 => 2,
                _ => 0,
            };
        }
        self.substream_tail(r, s, present);
    }

    /// `ac4_substream_info_ajoc`.
    fn substream_ajoc(&mut self, r: &mut Bits, s: &mut GroupSubstream, present: bool) {
        s.sus_ver = true;
        s.kind = SubstreamType::Audio;
        s.lfe = r.flag();
        s.static_dmx = r.flag();
        if s.static_dmx {
            s.n_fullband_dmx_signals = 5;
        } else {
            s.n_fullband_dmx_signals = r.u8(4) + 1;
            bed_dyn_obj_assignment(r, s, s.n_fullband_dmx_signals);
        }
        if r.flag() {
            oamd_common_data(r);
        }
        s.n_fullband_upmix_signals = r.u8(4) + 1;
        if s.n_fullband_upmix_signals == 16 {
            s.n_fullband_upmix_signals = (r.variable(3).wrapping_add(16)) as u8;
        }
        bed_dyn_obj_assignment(r, s, s.n_fullband_upmix_signals);
        self.substream_tail(r, s, present);
        if s.static_dmx {
            s.ch_mode_core = Some(3 + u8::from(s.lfe));
        }
    }

    /// `ac4_substream_info_obj`.
    fn substream_obj(&mut self, r: &mut Bits, s: &mut GroupSubstream, present: bool) {
        s.sus_ver = true;
        s.kind = SubstreamType::Audio;
        s.n_objects_code = Some(r.u8(3));
        s.dynamic_objects = r.flag();
        if s.dynamic_objects {
            s.lfe = r.flag();
        } else {
            s.lfe = false;
            if r.flag() {
                // b_bed_objects
                if r.flag() {
                    // b_bed_start
                    let mask = if r.flag() {
                        super::bed_chan_assign_code_channels(r.u8(3))
                    } else if r.flag() {
                        r.get(17)
                    } else {
                        super::std_bed_channels(r.get(10) as u16)
                    };
                    s.nonstd_bed_channel_assignment_mask = Some(mask);
                    apply_bed_lfe(s);
                }
            } else if r.flag() {
                // b_isf
                if r.flag() {
                    r.skip(3); // isf_config
                }
            } else {
                let n = r.get(4) as usize;
                r.skip(n * 8);
            }
        }
        self.substream_tail(r, s, present);
    }

    /// `content_type`.
    fn content_type(&mut self, r: &mut Bits, g: &mut Group) {
        let classifier = r.u8(3);
        if r.flag() {
            if r.flag() {
                r.skip(1 + 16); // b_start_tag, language_tag_chunk
            } else {
                let n = r.u8(6);
                g.language = (0..n).map(|_| language_char(r.u8(8))).collect();
            }
        }
        g.classifier = Some(classifier);
    }

    /// `substream_index_table`.
    fn substream_index_table(&mut self, r: &mut Bits) {
        let mut n = r.u8(2);
        if n == 0 {
            n = (r.variable(2).wrapping_add(4)) as u8;
        }
        self.n_substreams = n;
        self.substream_sizes.clear();
        let sized = n != 1 || r.flag();
        if sized {
            for _ in 0..n {
                let more = r.flag();
                let mut size = r.get(10) as u16;
                if more {
                    size = size.wrapping_add((r.variable(2) as u16).wrapping_shl(10));
                }
                self.substream_sizes.push(u32::from(size));
            }
        }
    }

    /// The substreams after the TOC (`raw_ac4_frame_substreams`): presentation substreams
    /// first (presentation loudness and DRC), then each audio substream's metadata.
    fn substreams_of(&mut self, data: &[u8]) {
        let base = self.payload_base as usize;
        if base > data.len() {
            return;
        }
        let data = &data[base..];
        if self.substream_sizes.is_empty() {
            self.substream_sizes.push(data.len() as u32);
        }
        let sizes = std::mem::take(&mut self.substream_sizes);
        let body = |i: usize| {
            let start: usize = sizes[..i].iter().map(|&s| s as usize).sum();
            let end = start.saturating_add(sizes[i] as usize);
            &data[start.min(data.len())..end.min(data.len())]
        };
        for p in 0..self.presentations.len() {
            let pres = &self.presentations[p];
            if pres.version < 1 {
                continue;
            }
            let i = usize::from(pres.substream_index.unwrap_or(0xFF));
            if i >= sizes.len() {
                // File_Ac4 gives up on the frame's substreams.
                return;
            }
            if sizes[i] != 0 {
                super::substream::presentation_substream(&mut self.presentations[p], body(i));
            }
        }
        for i in 0..usize::from(self.n_substreams).min(sizes.len()) {
            let index = i as u8;
            if self.substream_types.get(&index) == Some(&SubstreamType::Audio) {
                self.audio_substream(index, body(i));
            }
        }
    }

    /// `ac4_substream`: records the substream and reads its metadata.
    fn audio_substream(&mut self, index: u8, data: &[u8]) {
        // The group substream it belongs to (File_Ac4 takes the last one found).
        let mut found = None;
        for (gi, g) in self.groups.iter().enumerate() {
            for (si, s) in g.substreams.iter().enumerate() {
                if s.index == Some(index) {
                    found = Some((gi, si));
                }
            }
        }
        let Some((gi, si)) = found else {
            return;
        };
        let iframe = self.groups[gi].substreams[si].iframe;
        let entry = self.substreams.entry(index).or_insert(AudioSubstream {
            iframe,
            ..Default::default()
        });
        let group = &self.groups[gi];
        super::substream::audio_substream(
            &mut entry.meta,
            group,
            &group.substreams[si],
            iframe,
            data,
        );
    }
}

/// `channel_mode` of `ac4_substream_info`: a prefix code (None: not a code).
fn channel_mode_v0(r: &mut Bits) -> Option<u8> {
    // (length in bits, code) for modes 0 to 12.
    const CODES: [(u32, u32); 13] = [
        (1, 0b0),
        (2, 0b10),
        (4, 0b1100),
        (4, 0b1101),
        (4, 0b1110),
        (7, 0b1111000),
        (7, 0b1111001),
        (7, 0b1111010),
        (7, 0b1111011),
        (7, 0b1111100),
        (7, 0b1111101),
        (7, 0b1111110),
        (7, 0b1111111),
    ];
    prefix_code(r, &CODES, 7)
}

/// Reads one of `codes` ((length, code) by value); None, `fail_bits` read, when none fits.
fn prefix_code(r: &mut Bits, codes: &[(u32, u32)], fail_bits: usize) -> Option<u8> {
    for (mode, &(len, code)) in codes.iter().enumerate() {
        if (len as usize) <= r.remaining() && r.peek(len) == code {
            r.skip(len as usize);
            return Some(mode as u8);
        }
    }
    r.skip(fail_bits);
    None
}

/// `channel_mode` of `ac4_substream_info_chan`: a prefix code (None: not a code).
fn channel_mode(r: &mut Bits) -> Option<u8> {
    // (length in bits, code) for modes 0 to 16.
    const CODES: [(u32, u32); 17] = [
        (1, 0b0),
        (2, 0b10),
        (4, 0b1100),
        (4, 0b1101),
        (4, 0b1110),
        (7, 0b1111000),
        (7, 0b1111001),
        (7, 0b1111010),
        (7, 0b1111011),
        (7, 0b1111100),
        (7, 0b1111101),
        (8, 0b11111100),
        (8, 0b11111101),
        (9, 0b111111100),
        (9, 0b111111101),
        (9, 0b111111110),
        (9, 0b111111111),
    ];
    prefix_code(r, &CODES, 9)
}

/// A bed's LFE as both the substream flag and the mask say.
fn apply_bed_lfe(s: &mut GroupSubstream) {
    if let Some(mask) = s.nonstd_bed_channel_assignment_mask.as_mut() {
        if s.lfe {
            *mask |= super::ch::LFE;
        } else {
            s.lfe = *mask & super::ch::LFE != 0;
        }
    }
}

/// `bed_dyn_obj_assignment`.
fn bed_dyn_obj_assignment(r: &mut Bits, s: &mut GroupSubstream, n_signals: u8) {
    if r.flag() {
        return; // b_dyn_objects_only
    }
    if r.flag() {
        r.skip(3); // isf_config
        return;
    }
    let mask = if r.flag() {
        super::bed_chan_assign_code_channels(r.u8(3))
    } else if r.flag() {
        if r.flag() {
            r.get(17)
        } else {
            super::std_bed_channels(r.get(10) as u16)
        }
    } else {
        let n = if n_signals > 1 {
            let bits = u32::BITS - u32::from(n_signals - 1).leading_zeros();
            // n_bed_signals_minus1 + 1, up to 256: counted in u32 (255 + 1 overflows a u8).
            u32::from(r.u8(bits)) + 1
        } else {
            1
        };
        let mut mask = 0u32;
        for _ in 0..n {
            mask |= 1 << r.u8(4);
        }
        mask
    };
    s.nonstd_bed_channel_assignment_mask = Some(mask);
    apply_bed_lfe(s);
}

/// `oamd_common_data`, skipped.
fn oamd_common_data(r: &mut Bits) {
    if !r.flag() {
        r.skip(5); // master_screen_size_ratio_code
    }
    r.skip(1); // b_bed_object_chan_distribute
    if r.flag() {
        let mut n = u32::from(r.u8(1)) + 1;
        if n == 2 {
            n = n.wrapping_add(r.variable(2)) & 0xFF;
        }
        r.skip(n as usize * 8);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_modes_are_prefix_codes() {
        let mut r = Bits::new(&[0b1011_1000]);
        assert_eq!(channel_mode(&mut r), Some(1));
        assert_eq!(channel_mode(&mut r), Some(4));
    }

    #[test]
    fn reads_a_real_iframe() {
        // The first frame of androidx-media's sample_ac4.mp4 (the ac4_frames seed).
        let seed = crate::fuzzing::seeds::builtin()
            .into_iter()
            .find(|s| s.0 == "ac4_frames")
            .unwrap()
            .1;
        let pieces = crate::fuzzing::split_framed(&seed);
        let mut f = Frames::default();
        f.push(pieces[1]);
        f.push(pieces[1]); // a second I-frame is not read: substreams are known
        assert_eq!(
            (f.bitstream_version, f.fs_index, f.frame_rate_index),
            (2, 1, 2)
        );
        assert_eq!(f.iframes, vec![0, 1]);
        let p = &f.presentations[0];
        assert_eq!((p.version, p.id, p.substream_index), (2, Some(0), Some(0)));
        assert_eq!((p.ch_mode, p.immersive_stereo), (Some(1), Some(0)));
        assert_eq!(p.loudness.dialnorm_bits, Some(92));
        assert_eq!(p.loudness.loud_prac_type, Some(1));
        assert_eq!(p.drc.eac3_profile, Some(1));
        assert_eq!(p.drc.decoders.len(), 4);
        let g = &f.groups[0];
        assert_eq!((g.classifier, g.language.as_str()), (Some(0), "en"));
        assert_eq!(g.substreams[0].index, Some(1));
        let sub = &f.substreams[&1];
        assert_eq!(sub.meta.dialogue_enhancement(), Some((Some(2), Some(0))));
    }

    #[test]
    fn damaged_frames_do_not_panic() {
        let mut f = Frames::default();
        for len in 0..64usize {
            let data: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8 | 0x21).collect();
            f.push(&data);
            f.push(&vec![0xFF; len]);
        }
        assert_eq!(f.count, 128);
    }
}
