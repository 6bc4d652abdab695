//! AC-4 (Dolby AC-4, ETSI TS 103 190): the MP4 `dac4` box (`ac4_dsi_v1`, [`dsi`]) and the
//! table of contents at the head of each raw frame ([`toc`]), read as File_Ac4 reads them:
//! presentations, the substream groups they refer to, and the substreams of each group.
//!
//! Both give the same model ([`Presentation`], [`Group`], [`GroupSubstream`]); `compute`
//! derives each presentation's channel mode and language from its groups.

pub mod dsi;
pub mod substream;
pub mod toc;

pub use dsi::Ac4Dsi;

use crate::bits::BitReader;

/// Frame rates by `frame_rate_index`, for 44.1 kHz (`fs_index` 0) and 48 kHz (1) streams
/// (0: reserved).
pub const FRAME_RATES: [[f64; 16]; 2] = [
    [
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        11025.0 / 512.0,
        0.0,
        0.0,
    ],
    [
        24000.0 / 1001.0,
        24.0,
        25.0,
        30000.0 / 1001.0,
        30.0,
        48000.0 / 1001.0,
        48.0,
        50.0,
        60000.0 / 1001.0,
        60.0,
        100.0,
        120000.0 / 1001.0,
        120.0,
        12000.0 / 512.0,
        0.0,
        0.0,
    ],
];

/// The frame rate for a sampling rate index and a frame rate index (0 when reserved).
pub fn frame_rate(fs_index: u8, frame_rate_index: u8) -> f64 {
    FRAME_RATES[usize::from(fs_index & 1)][usize::from(frame_rate_index & 15)]
}

/// What a substream of a frame carries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SubstreamType {
    #[default]
    Unknown,
    Audio,
    HsfExtension,
    EmdfPayloads,
    Presentation,
    Oamd,
}

/// Loudness metadata (`basic_metadata`, `further_loudness_info`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loudness {
    pub dialnorm_bits: Option<u8>,
    pub loud_prac_type: Option<u8>,
    pub loud_dialgate_prac_type: Option<u8>,
    pub b_loudcorr_type: bool,
    pub max_truepk: Option<u16>,
    pub loudrelgat: Option<u16>,
    pub loudspchgat: Option<u16>,
    pub loudspchgat_dialgate_prac_type: u8,
    pub lra: Option<u16>,
    pub lra_prac_type: u8,
    pub max_loudmntry: Option<u16>,
}

/// A DRC compression curve (`drc_compression_curve`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DrcCurve {
    pub nullband_low: u8,
    pub nullband_high: u8,
    pub gain_max_boost: u8,
    pub gain_max_cut: u8,
    pub lev_max_cut: u8,
    pub gain_section_cut: u8,
    pub lev_section_cut: u8,
    pub tc_attack: u8,
    pub tc_release: u8,
    pub tc_attack_fast: u8,
    pub tc_release_fast: u8,
    pub attack_threshold: u8,
    pub release_threshold: u8,
}

/// One decoder mode of a `drc_config`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DrcDecoder {
    pub mode_id: u8,
    pub repeat_id: Option<u8>,
    pub default_profile: bool,
    /// `drc_compression_curve_flag` (also set for a default or repeated profile).
    pub curve_flag: bool,
    /// The curve read (all 0xFF before its fields; zeros when never read).
    pub curve: DrcCurve,
    pub gains_config: u8,
}

/// Dynamic range control metadata.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drc {
    pub decoders: Vec<DrcDecoder>,
    pub eac3_profile: Option<u8>,
}

/// One presentation: a way to play the stream, made of substream groups.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Presentation {
    /// Indexes into the group list.
    pub groups: Vec<usize>,
    pub version: u8,
    pub id: Option<u32>,
    /// `presentation_config` (None: a single substream group).
    pub config: Option<u8>,
    pub multi_pid: Option<bool>,
    /// The index of its presentation substream (version 1 and later).
    pub substream_index: Option<u8>,
    pub frame_rate_fraction_minus1: u8,
    /// `b_alternative` and `b_pres_ndot` of its presentation substream info.
    pub alternative: bool,
    pub pres_ndot: bool,
    pub loudness: Loudness,
    pub drc: Drc,

    // Computed by `compute` (or, from a dsi, read).
    pub ch_mode: Option<u8>,
    pub ch_mode_core: Option<u8>,
    pub immersive_stereo: Option<u8>,
    pub n_substreams: u8,
    pub b_4_back_channels_present: bool,
    pub b_centre_present: bool,
    pub top_channel_pairs: u8,
    pub language: String,
}

/// A substream of a substream group.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GroupSubstream {
    pub kind: SubstreamType,
    pub index: Option<u8>,
    pub iframe: bool,
    pub sus_ver: bool,
    pub ch_mode: Option<u8>,
    pub b_4_back_channels_present: bool,
    pub b_centre_present: bool,
    pub top_channels_present: Option<u8>,
    pub hsf_index: Option<u8>,
    pub ajoc: bool,
    pub static_dmx: bool,
    pub n_fullband_upmix_signals: u8,
    pub n_fullband_dmx_signals: u8,
    pub n_objects_code: Option<u8>,
    pub dynamic_objects: bool,
    pub lfe: bool,
    pub nonstd_bed_channel_assignment_mask: Option<u32>,
    pub ch_mode_core: Option<u8>,
    pub immersive_stereo: Option<u8>,
    pub top_channel_pairs: u8,
}

/// A substream group: substreams with one role (content type) in presentations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Group {
    pub substreams: Vec<GroupSubstream>,
    pub classifier: Option<u8>,
    /// The language tag bytes, a byte of 0x80 or more read as `?`.
    pub language: String,
    pub channel_coded: bool,
    pub hsf_ext: bool,
}

/// Channel bits of `nonstd_bed_channel_assignment_mask` and beyond (File_Ac4's order).
pub mod ch {
    pub const L: u32 = 1 << 0;
    pub const R: u32 = 1 << 1;
    pub const C: u32 = 1 << 2;
    pub const LFE: u32 = 1 << 3;
    pub const LS: u32 = 1 << 4;
    pub const RS: u32 = 1 << 5;
    pub const LB: u32 = 1 << 6;
    pub const RB: u32 = 1 << 7;
    pub const TFL: u32 = 1 << 8;
    pub const TFR: u32 = 1 << 9;
    pub const TL: u32 = 1 << 10;
    pub const TR: u32 = 1 << 11;
    pub const TBL: u32 = 1 << 12;
    pub const TBR: u32 = 1 << 13;
    pub const LW: u32 = 1 << 14;
    pub const RW: u32 = 1 << 15;
    pub const LFE2: u32 = 1 << 16;
    pub const CB: u32 = 1 << 17;
    pub const LSCR: u32 = 1 << 18;
    pub const RSCR: u32 = 1 << 19;
    pub const TSL: u32 = 1 << 20;
    pub const TSR: u32 = 1 << 21;
    pub const TC: u32 = 1 << 22;
    pub const BFL: u32 = 1 << 23;
    pub const BFR: u32 = 1 << 24;
    pub const BFC: u32 = 1 << 25;
    pub const TFC: u32 = 1 << 26;
    pub const TBC: u32 = 1 << 27;
    /// File_Ac4 gives Vhl/Vhr the bits of Tfc/Tbc.
    pub const VHL: u32 = 1 << 26;
    pub const VHR: u32 = 1 << 27;
}

/// Channels of each `channel_mode` (7.0 3/2/2 names Vhl twice, as File_Ac4 does).
const CH_MODE_CHANNELS: [u32; 16] = {
    use ch::*;
    [
        0,
        L | R,
        L | R | C,
        L | R | C | LS | RS,
        L | R | C | LS | RS | LFE,
        L | R | C | LS | RS | LB | RB,
        L | R | C | LS | RS | LB | RB | LFE,
        L | R | C | LS | RS | LW | RW,
        L | R | C | LS | RS | LW | RW | LFE,
        L | R | C | LS | RS | VHL,
        L | R | C | LS | RS | VHL | LFE,
        L | R | C | LS | RS | LB | RB | TFL | TFR | TBL | TBR,
        L | R | C | LS | RS | LB | RB | TFL | TFR | TBL | TBR | LFE,
        L | R | C | LS | RS | LB | RB | TFL | TFR | TBL | TBR | LSCR | RSCR,
        L | R | C | LS | RS | LB | RB | TFL | TFR | TBL | TBR | LSCR | RSCR | LFE,
        L | R
            | C
            | LS
            | RS
            | LB
            | RB
            | LW
            | RW
            | CB
            | TFC
            | TBC
            | TFL
            | TFR
            | TBL
            | TBR
            | TSL
            | TSR
            | TC
            | BFL
            | BFR
            | BFC
            | LFE
            | LFE2,
    ]
};

/// The channels of a substream's channel mode, with the optional channels of the 7.x.4 and
/// 9.x.4 modes as the substream says (File_Ac4's `Ac4_ch_mode_2_nonstd`, LFE removed when
/// there is no centre as it does).
pub fn ch_mode_channels(
    ch_mode: u8,
    b_4_back_channels_present: bool,
    b_centre_present: bool,
    top_channels_present: Option<u8>,
) -> Option<u32> {
    let mut v = *CH_MODE_CHANNELS.get(usize::from(ch_mode))?;
    if (11..=14).contains(&ch_mode) {
        let top = top_channels_present.unwrap_or(0xFF);
        if !b_4_back_channels_present {
            v &= !(ch::LB | ch::RB);
        }
        if !b_centre_present {
            v &= !ch::LFE;
        }
        if top <= 1 {
            v &= !(ch::TBL | ch::TBR);
        }
        if top == 0 || top == 2 {
            v &= !(ch::TFL | ch::TFR);
        }
    }
    Some(v)
}

/// Channel masks of `presentation_channel_mask_v1` / `dsi_substream_channel_mask` bits.
const CHANNEL_MASK: [u32; 19] = {
    use ch::*;
    [
        L | R,
        C,
        LS | RS,
        LB | RB,
        TFL | TFR,
        TBL | TBR,
        LFE,
        TL | TR,
        TSL | TSR,
        TFC,
        TBC,
        TC,
        LFE2,
        BFL | BFR,
        BFC,
        CB,
        LSCR | RSCR,
        LW | RW,
        VHL | VHR,
    ]
};

/// The channels of a dsi channel mask.
pub fn channel_mask_channels(mask: u32) -> u32 {
    CHANNEL_MASK
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .fold(0, |acc, (_, c)| acc | c)
}

/// Channels of `bed_chan_assign_code`.
pub fn bed_chan_assign_code_channels(code: u8) -> u32 {
    use ch::*;
    const V: [u32; 8] = [
        L | R,
        L | R | C,
        L | R | C | LS | RS | LFE,
        L | R | C | LS | RS | TL | TR | LFE,
        L | R | C | LS | RS | TFL | TFR | TBL | TBR | LFE,
        L | R | C | LS | RS | LB | RB | LFE,
        L | R | C | LS | RS | LB | RB | TL | TR | LFE,
        L | R | C | LS | RS | LB | RB | TFL | TFR | TBL | TBR | LFE,
    ];
    V[usize::from(code & 7)]
}

/// Channels of a 10-bit `std_bed_channel_assignment_mask` (one or two channels per bit).
pub fn std_bed_channels(mask: u16) -> u32 {
    const WIDTH: [u8; 10] = [2, 1, 1, 2, 2, 2, 2, 2, 2, 1];
    let mut out = 0u32;
    let mut j = 0u32;
    for (i, &w) in WIDTH.iter().enumerate() {
        if mask & (1 << i) != 0 {
            out |= 1 << j;
            j += 1;
            if w > 1 {
                out |= 1 << j;
                j += 1;
            }
        } else {
            j += u32::from(w);
        }
    }
    out
}

/// The number of objects of `n_objects_code` (None: reserved).
pub fn objects(n_objects_code: u8, lfe: bool) -> Option<u8> {
    match n_objects_code {
        0..=3 => Some(n_objects_code + u8::from(lfe)),
        4 => Some(5 + u8::from(lfe)),
        _ => None,
    }
}

/// The smallest channel mode holding both (File_Ac4's `Superset`; None stands for absent).
pub fn superset(a: Option<u8>, b: Option<u8>) -> Option<u8> {
    let a = a.filter(|&m| m <= 15);
    let b = b.filter(|&m| m <= 15);
    let (a, b) = match (a, b) {
        (None, None) => return None,
        (None, Some(m)) | (Some(m), None) => return Some(m),
        (Some(a), Some(b)) => (a, b),
    };
    if a == 15 || b == 15 {
        return Some(15);
    }
    const MODES: [[u8; 3]; 16] = [
        [1, 0, 0],
        [2, 0, 0],
        [3, 0, 0],
        [5, 0, 0],
        [5, 1, 0],
        [7, 0, 0],
        [7, 1, 0],
        [7, 0, 1],
        [7, 1, 1],
        [7, 0, 2],
        [7, 1, 2],
        [7, 0, 4],
        [7, 1, 4],
        [9, 0, 4],
        [9, 1, 4],
        [22, 2, 0],
    ];
    let (ma, mb) = (MODES[usize::from(a)], MODES[usize::from(b)]);
    (0..15u8).find(|&p| {
        let m = MODES[usize::from(p)];
        (0..3).all(|k| ma[k] <= m[k] && mb[k] <= m[k])
    })
}

/// Derives each presentation's channel mode, immersive stereo flag and language from its
/// groups (File_Ac4's `ac4_toc_Compute`). From a dsi only languages and substream counts
/// are derived: the channel mode was read.
pub fn compute(presentations: &mut [Presentation], groups: &[Group], from_dsi: bool) {
    for p in presentations.iter_mut() {
        let (mut obj, mut obj_adaptive) = (false, false);
        p.language.clear();
        for &g in &p.groups {
            let Some(group) = groups.get(g) else {
                continue;
            };
            if !group.language.is_empty() && matches!(group.classifier, Some(0 | 1 | 4)) {
                if !p.language.is_empty() {
                    p.language.push_str(" / ");
                }
                p.language.push_str(&group.language);
            }
            for s in group
                .substreams
                .iter()
                .filter(|s| s.kind == SubstreamType::Audio)
            {
                p.n_substreams = p.n_substreams.wrapping_add(1);
                if from_dsi {
                    continue;
                }
                if group.channel_coded {
                    p.ch_mode = superset(p.ch_mode, s.ch_mode);
                    p.ch_mode_core = superset(p.ch_mode_core, s.ch_mode_core);
                } else {
                    obj = true;
                    if s.ajoc && s.static_dmx {
                        p.ch_mode_core = superset(p.ch_mode_core, s.ch_mode_core);
                    } else {
                        obj_adaptive = true;
                    }
                }
                if s.immersive_stereo.is_some() && p.immersive_stereo.is_none() {
                    p.immersive_stereo = s.immersive_stereo;
                }
                if matches!(s.ch_mode, Some(11..=14)) {
                    p.b_4_back_channels_present |= s.b_4_back_channels_present;
                    p.b_centre_present |= s.b_centre_present;
                    p.top_channel_pairs = p.top_channel_pairs.max(s.top_channel_pairs);
                }
            }
        }
        if obj {
            p.ch_mode = None;
        }
        if obj_adaptive || p.ch_mode_core == p.ch_mode {
            p.ch_mode_core = None;
        }
    }
}

/// A bit reader that reads zeros past the end, as MediaInfo's does (a cut or damaged
/// structure still yields what was read, and loops on flags end).
pub(crate) struct Bits<'a> {
    r: BitReader<'a>,
    overrun: bool,
}

impl<'a> Bits<'a> {
    pub(crate) fn new(data: &'a [u8]) -> Self {
        Self {
            r: BitReader::new(data),
            overrun: false,
        }
    }

    /// Whether a read went past the end.
    pub(crate) fn overrun(&self) -> bool {
        self.overrun
    }

    /// Bits left.
    pub(crate) fn remaining(&self) -> usize {
        if self.overrun { 0 } else { self.r.remaining() }
    }

    /// Bits read so far.
    pub(crate) fn position(&self) -> usize {
        self.r.position()
    }

    pub(crate) fn get(&mut self, n: u32) -> u32 {
        if self.overrun {
            return 0;
        }
        match self.r.u32(n.min(32)) {
            Some(v) => v,
            None => {
                self.overrun = true;
                0
            }
        }
    }

    pub(crate) fn u8(&mut self, n: u32) -> u8 {
        self.get(n.min(8)) as u8
    }

    pub(crate) fn flag(&mut self) -> bool {
        self.get(1) == 1
    }

    pub(crate) fn skip(&mut self, n: usize) {
        if self.overrun {
            return;
        }
        if self.r.skip(n).is_none() {
            self.overrun = true;
        }
    }

    /// The next `n` bits (up to 16) without reading them (zeros past the end).
    pub(crate) fn peek(&self, n: u32) -> u32 {
        if self.overrun {
            return 0;
        }
        if n as usize <= self.r.remaining() {
            self.r.peek_padded(n)
        } else {
            0
        }
    }

    pub(crate) fn align(&mut self) {
        let rest = self.r.position() % 8;
        if rest != 0 {
            self.skip(8 - rest);
        }
    }

    /// `variable_bits(n)`.
    pub(crate) fn variable(&mut self, n: u32) -> u32 {
        let mut v: u32 = 0;
        loop {
            v = v.wrapping_add(self.get(n));
            if !self.flag() {
                return v;
            }
            v = v.wrapping_shl(n).wrapping_add(1 << n);
        }
    }

    /// A field of `short` bits, or `long` bits when the short value is `escape`.
    pub(crate) fn short_or_long(&mut self, short: u32, long: u32, escape: u32) {
        let n = if self.peek(short) == escape {
            long
        } else {
            short
        };
        self.skip(n as usize);
    }

    /// A unary count: the number of 1 bits before a 0.
    pub(crate) fn unary(&mut self) -> u8 {
        let mut n = 0u8;
        while self.flag() {
            n = n.wrapping_add(1);
        }
        n
    }

    /// An index of 2 bits, extended by `variable_bits(2)` when 3.
    pub(crate) fn index2(&mut self) -> u8 {
        let v = self.u8(2);
        if v == 3 {
            (self.variable(2).wrapping_add(3)) as u8
        } else {
            v
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn supersets_and_channels() {
        assert_eq!(superset(None, Some(1)), Some(1));
        assert_eq!(superset(Some(1), Some(3)), Some(3));
        assert_eq!(superset(Some(2), Some(1)), Some(2));
        assert_eq!(superset(None, None), None);
        assert_eq!(ch_mode_channels(1, false, false, None), Some(ch::L | ch::R));
        assert_eq!(channel_mask_channels(0b11), ch::L | ch::R | ch::C);
        assert_eq!(std_bed_channels(0b1), ch::L | ch::R);
        assert_eq!(objects(4, true), Some(6));
    }

    #[test]
    fn bits_read_zeros_past_the_end() {
        // variable_bits(1) of 1 1 1 0: (1 << 1) + 2 + 1.
        let mut b = Bits::new(&[0b1110_0000]);
        assert_eq!(b.variable(1), 5);
        assert_eq!(b.get(8), 0);
        assert!(b.overrun());
        assert!(!b.flag());
    }
}
