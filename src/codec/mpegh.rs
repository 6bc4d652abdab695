//! MPEG-H 3D Audio (ISO/IEC 23008-3): the `mhaC` MHADecoderConfigurationRecord and its
//! `mpegh3daConfig()`, read the way MediaInfo's File_Mpegh3da reads them: profile and level,
//! sampling rate and frame length, the reference speaker layout, the signal groups, the DRC
//! sets and loudness of the uniDrc configuration, and the compatible profile/level sets.
//!
//! Not read (skipped by their lengths): the audio scene information (groups, switch groups
//! and presets), downmix and HOA matrices; MHAS packets in the samples (a `mhm1` track
//! with an `mhaC` is described by the box, as MediaInfo does).

use std::collections::BTreeMap;

use crate::bits::BitReader;
use crate::codec::unidrc::{self, DrcInfo, DrcState, escaped_value};

/// One loudspeaker of a flexible speaker layout (mpegh3daSpeakerDescription).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Speaker {
    /// The CICP speaker index, when the speaker is given by one.
    pub cicp: Option<u8>,
    pub azimuth: u16,
    /// AzimuthDirection (MediaInfo prints it as `L`).
    pub azimuth_direction: bool,
    pub elevation: u8,
    /// ElevationDirection (below the listener).
    pub elevation_direction: bool,
    pub lfe: bool,
}

/// `SpeakerConfig3d()`: a CICP layout, a list of CICP speakers or a flexible description.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpeakerLayout {
    /// CICPspeakerLayoutIdx (0 when the layout is given otherwise).
    pub cicp_layout: u8,
    /// numSpeakers of a speaker list or flexible layout (the signal count for objects).
    pub num_speakers: u32,
    /// CICP speaker indices of a speakerLayoutType 1 layout.
    pub cicp_speakers: Vec<u8>,
    /// Speakers of a flexible (speakerLayoutType 2) layout.
    pub speakers: Vec<Speaker>,
}

/// `signalGroupType` values.
pub const SIGNAL_GROUP_CHANNELS: u8 = 0;
pub const SIGNAL_GROUP_OBJECT: u8 = 1;

/// One signal group of `Signals3d()`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignalGroup {
    /// signalGroupType: 0 channels, 1 objects, 2 SAOC, 3 HOA.
    pub kind: u8,
    pub signals: u32,
    pub layout: SpeakerLayout,
}

/// What MediaInfo reports of an `mpegh3daConfig()`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mpegh3daConfig {
    pub profile_level: u8,
    /// CompatibleSetIndication values of the CompatibleProfileLevelSet extension.
    pub compatible_sets: Vec<u8>,
    /// The sampling rate in Hz (0 when the index is reserved).
    pub sampling_frequency: u32,
    pub core_sbr_frame_length_index: u8,
    pub reference_layout: SpeakerLayout,
    pub signal_groups: Vec<SignalGroup>,
    /// DRC sets and loudness by (instructions/loudness type, group or preset ID); type 0 is
    /// the whole stream.
    pub drc: BTreeMap<(u8, u8), DrcInfo>,
}

/// coreSbrFrameLengthIndex → (sbrRatioIndex, output frame length).
const FRAME_LENGTHS: [(u8, u16); 5] = [(0, 768), (0, 1024), (2, 2048), (3, 2048), (1, 4096)];

impl Mpegh3daConfig {
    /// Parses an `mhaC` box payload (MHADecoderConfigurationRecord).
    pub fn parse_mhac(data: &[u8]) -> Option<Self> {
        // configurationVersion, mpegh3daProfileLevelIndication, referenceChannelLayout,
        // mpegh3daConfigLength: the config itself says all of it again.
        Self::parse(data.get(5..)?)
    }

    /// Parses an `mpegh3daConfig()`. `None` when its fixed head is missing; a config cut
    /// short later keeps what was read.
    pub fn parse(data: &[u8]) -> Option<Self> {
        let mut r = BitReader::new(data);
        let mut c = Mpegh3daConfig {
            profile_level: r.u8(8)?,
            ..Default::default()
        };
        let index = r.u8(5)?;
        c.sampling_frequency = if index == 0x1F {
            r.u32(24)?
        } else {
            crate::codec::aac::sampling_frequency(index)
        };
        c.core_sbr_frame_length_index = r.u8(3)?;
        r.skip(2)?; // cfg_reserved, receiverDelayCompensation
        c.reference_layout = speaker_config(&mut r)?;
        let _ = c.parse_rest(&mut r);
        Some(c)
    }

    /// The output frame length (SamplesPerFrame), when the index is known.
    pub fn frame_length(&self) -> Option<u16> {
        FRAME_LENGTHS
            .get(usize::from(self.core_sbr_frame_length_index))
            .map(|f| f.1)
    }

    fn sbr_ratio(&self) -> u8 {
        FRAME_LENGTHS
            .get(usize::from(self.core_sbr_frame_length_index))
            .map_or(0, |f| f.0)
    }

    fn parse_rest(&mut self, r: &mut BitReader) -> Option<()> {
        self.framework_config(r)?;
        let mut elements = Vec::new();
        self.decoder_config(r, &mut elements)?;
        if r.bit()? {
            self.config_extension(r, &elements)?;
        }
        Some(())
    }

    /// `FrameworkConfig3d()` / `Signals3d()`.
    fn framework_config(&mut self, r: &mut BitReader) -> Option<()> {
        let groups = r.u8(5)? + 1;
        for _ in 0..groups {
            let kind = r.u8(3)?;
            let signals = escaped_value(r, 5, 8, 16)? + 1;
            let mut layout = SpeakerLayout::default();
            match kind {
                SIGNAL_GROUP_CHANNELS => {
                    layout = if r.bit()? {
                        speaker_config(r)?
                    } else {
                        self.reference_layout.clone()
                    };
                }
                2 if r.bit()? => layout = speaker_config(r)?,
                1 | 3 => layout.num_speakers = signals,
                _ => {}
            }
            self.signal_groups.push(SignalGroup {
                kind,
                signals,
                layout,
            });
        }
        Some(())
    }

    /// `mpegh3daDecoderConfig()`: element configs, kept only as far as the extensions need
    /// them (their types).
    fn decoder_config(&mut self, r: &mut BitReader, elements: &mut Vec<u8>) -> Option<()> {
        let count = escaped_value(r, 4, 8, 16)? + 1;
        r.skip(1)?; // elementLengthPresent
        let sbr = self.sbr_ratio();
        for _ in 0..count {
            let kind = r.u8(2)?;
            match kind {
                0 => {
                    core_config(r)?;
                    if sbr != 0 {
                        sbr_config(r)?;
                    }
                }
                1 => self.cpe_config(r, sbr)?,
                3 => self.ext_element_config(r, elements)?,
                _ => {}
            }
            elements.push(kind);
        }
        Some(())
    }

    /// `mpegh3daChannelPairElementConfig()`.
    fn cpe_config(&self, r: &mut BitReader, sbr: u8) -> Option<()> {
        let signals: u32 = self.signal_groups.iter().map(|g| g.signals).sum();
        // floor(log2(signals - 1)) + 1 bits.
        let n_bits = match signals.saturating_sub(1) {
            0 => 0,
            v => 32 - v.leading_zeros(),
        } as usize;
        if core_config(r)? {
            r.skip(1)?; // igfIndependentTiling
        }
        let mut stereo = 0;
        if sbr != 0 {
            sbr_config(r)?;
            stereo = r.u8(2)?;
        }
        if stereo != 0 {
            mps212_config(r, stereo)?;
        }
        let qce = r.u8(2)?;
        if qce != 0 && r.bit()? {
            r.skip(n_bits)?; // shiftChannel0
        }
        if r.bit()? {
            r.skip(n_bits)?; // shiftChannel1
        }
        if sbr == 0 && qce == 0 {
            r.skip(1)?; // lpdStereoIndex
        }
        Some(())
    }

    /// `mpegh3daExtElementConfig()`.
    fn ext_element_config(&mut self, r: &mut BitReader, elements: &[u8]) -> Option<()> {
        let kind = escaped_value(r, 4, 8, 16)?;
        let length = escaped_value(r, 4, 8, 16)? as usize * 8;
        if r.bit()? {
            escaped_value(r, 8, 16, 0)?; // usacExtElementDefaultLength
        }
        r.skip(1)?; // usacExtElementPayloadFrag
        let start = r.position();
        match kind {
            4 => self.uni_drc_config(r)?,
            5 => {
                // ObjectMetadataConfig()
                r.skip(1)?; // lowDelayMetadataCoding
                if !r.bit()? {
                    r.skip(6)?; // frameLength
                }
                if r.bit()? {
                    r.skip(self.objects_of_next_element(elements) as usize)?;
                }
                r.skip(2)?; // hasDynamicObjectPriority, hasUniformSpread
            }
            10 => {
                // TccConfig(): tccMode per core element so far.
                let core = elements.iter().filter(|&&e| e <= 1).count();
                r.skip(2 * core)?;
            }
            _ => {}
        }
        skip_to(r, start, length)
    }

    /// MediaInfo's `num_objects_Get`: the signal count of the group whose first signal
    /// follows the core elements read so far.
    fn objects_of_next_element(&self, elements: &[u8]) -> u32 {
        let in_elements = elements.iter().filter(|&&e| e <= 1).count() as u64;
        let mut so_far = 0u64;
        for g in &self.signal_groups {
            if so_far == in_elements {
                return g.signals;
            }
            so_far += u64::from(g.signals);
        }
        0
    }

    /// `mpegh3daUniDrcConfig()`.
    fn uni_drc_config(&mut self, r: &mut BitReader) -> Option<()> {
        let coefficients = r.u8(3)?;
        let instructions = r.u8(6)?;
        let mut st = DrcState::default();
        st.base_channel_count = r.u8(7)?;
        for _ in 0..coefficients {
            unidrc::drc_coefficients_uni_drc(r, &mut st, false)?;
        }
        for _ in 0..instructions {
            let kind = if r.peek_padded(1) == 1 {
                r.u8(2)?
            } else {
                r.u8(1)?
            };
            let id = match kind {
                2 => r.u8(7)?,
                3 => r.u8(5)?,
                _ => 0,
            };
            let (drc_id, effect) = unidrc::drc_instructions_uni_drc(r, &st, false)?;
            self.drc
                .entry((kind, id))
                .or_default()
                .drc_sets
                .insert(drc_id, effect);
        }
        if r.bit()? {
            // Its V1 sets are not shown for MPEG-H.
            unidrc::uni_drc_config_extension(r, &mut st, &mut DrcInfo::default())?;
        }
        if r.bit()? {
            self.loudness_info_set(r)?;
        }
        Some(())
    }

    /// `mpegh3daLoudnessInfoSet()`.
    fn loudness_info_set(&mut self, r: &mut BitReader) -> Option<()> {
        let count = r.u8(6)?;
        for _ in 0..count {
            let kind = r.u8(2)?;
            let id = match kind {
                1 | 2 => r.u8(7)?,
                3 => r.u8(5)?,
                _ => 0,
            };
            let (drc_id, info) = unidrc::loudness_info(r, false)?;
            let unsupported = unidrc::is_unsupported(&info);
            self.drc.entry((kind, id)).or_default().loudness[0].insert(drc_id, info);
            if unsupported {
                return Some(());
            }
        }
        if r.bit()? {
            for _ in 0..r.u8(6)? {
                let (drc_id, info) = unidrc::loudness_info(r, false)?;
                self.drc.entry((0, 0)).or_default().loudness[1].insert(drc_id, info);
            }
        }
        if r.bit()? {
            unidrc::loudness_info_set_extension(r, &mut DrcInfo::default())?;
        }
        Some(())
    }

    /// `mpegh3daConfigExtension()`.
    fn config_extension(&mut self, r: &mut BitReader, _elements: &[u8]) -> Option<()> {
        let count = escaped_value(r, 2, 4, 8)? + 1;
        for _ in 0..count {
            let kind = escaped_value(r, 4, 8, 16)?;
            let length = escaped_value(r, 4, 8, 16)? as usize * 8;
            if length == 0 {
                continue;
            }
            let start = r.position();
            match kind {
                2 => self.loudness_info_set(r)?,
                7 => {
                    // CompatibleProfileLevelSet()
                    let sets = r.u8(4)?;
                    r.skip(4)?;
                    self.compatible_sets.clear();
                    for _ in 0..=sets {
                        self.compatible_sets.push(r.u8(8)?);
                    }
                }
                _ => {}
            }
            skip_to(r, start, length)?;
        }
        Some(())
    }
}

/// Moves to the end of a structure of `length` bits that started at `start`, unless its
/// syntax already went past it (MediaInfo then carries on from there).
fn skip_to(r: &mut BitReader, start: usize, length: usize) -> Option<()> {
    let end = start.saturating_add(length);
    if r.position() < end {
        r.skip(end - r.position())?;
    }
    Some(())
}

/// `mpegh3daCoreConfig()`; returns enhancedNoiseFilling.
fn core_config(r: &mut BitReader) -> Option<bool> {
    r.skip(3)?; // tw_mdct, fullbandLpd, noiseFilling
    let enhanced = r.bit()?;
    if enhanced {
        r.skip(4 + 5 + 4)?; // igf flags, igfStartIndex, igfStopIndex
    }
    Some(enhanced)
}

/// `SbrConfig()` with its `SbrDfltHeader()`.
fn sbr_config(r: &mut BitReader) -> Option<()> {
    r.skip(3 + 8)?; // harmonicSBR, bs_interTes, bs_pvc, dflt_start_freq, dflt_stop_freq
    let extra1 = r.bit()?;
    let extra2 = r.bit()?;
    if extra1 {
        r.skip(5)?;
    }
    if extra2 {
        r.skip(6)?;
    }
    Some(())
}

/// `Mps212Config()`.
fn mps212_config(r: &mut BitReader, stereo_config_index: u8) -> Option<()> {
    const FREQ_RES: [u8; 8] = [0, 28, 20, 14, 10, 7, 5, 4];
    let bands = FREQ_RES[usize::from(r.u8(3)?)];
    r.skip(3)?; // bsFixedGainDMX
    let temp_shape = r.u8(2)?;
    r.skip(2 + 1 + 1)?; // bsDecorrConfig, bsHighRateMode, bsPhaseCoding
    if r.bit()? {
        r.skip(5)?; // bsOttBandsPhase
    } else if bands == 0 {
        // MediaInfo stops reading this config (bsFreqRes 0 is not allowed).
        return Some(());
    }
    if stereo_config_index > 1 {
        r.skip(5 + 1)?; // bsResidualBands, bsPseudoLr
    }
    if temp_shape == 2 {
        r.skip(1)?; // bSEnvQuantMode
    }
    Some(())
}

/// Azimuth, AzimuthDirection, elevation, ElevationDirection and LFE of the CICP speakers,
/// by CICP speaker index (MediaInfo's table).
const CICP_SPEAKERS: [(u16, bool, u8, bool, bool); 43] = [
    (30, false, 0, false, false),
    (30, true, 0, false, false),
    (0, false, 0, false, false),
    (0, false, 15, true, true),
    (110, false, 0, false, false),
    (110, true, 0, false, false),
    (22, false, 0, false, false),
    (22, true, 0, false, false),
    (135, false, 0, false, false),
    (135, true, 0, false, false),
    (180, false, 0, false, false),
    (135, false, 0, false, false),
    (135, true, 0, false, false),
    (90, false, 0, false, false),
    (90, true, 0, false, false),
    (60, false, 0, false, false),
    (60, true, 0, false, false),
    (30, false, 35, false, false),
    (30, true, 35, false, false),
    (0, false, 35, false, false),
    (135, false, 35, false, false),
    (135, true, 35, false, false),
    (180, false, 35, false, false),
    (90, false, 35, false, false),
    (90, true, 35, false, false),
    (0, false, 90, false, false),
    (45, false, 15, true, true),
    (45, false, 15, true, false),
    (45, true, 15, true, false),
    (0, false, 15, true, false),
    (110, false, 35, false, false),
    (110, true, 35, false, false),
    (45, false, 35, false, false),
    (45, true, 35, false, false),
    (45, false, 0, false, false),
    (45, true, 0, false, false),
    (45, true, 15, true, true),
    (2, false, 0, false, false),
    (2, true, 0, false, false),
    (1, false, 0, false, false),
    (1, true, 0, false, false),
    (150, false, 0, false, false),
    (150, true, 0, false, false),
];

/// `SpeakerConfig3d()`.
fn speaker_config(r: &mut BitReader) -> Option<SpeakerLayout> {
    let kind = r.u8(2)?;
    let mut layout = SpeakerLayout::default();
    if kind == 0 {
        layout.cicp_layout = r.u8(6)?;
        return Some(layout);
    }
    layout.num_speakers = escaped_value(r, 5, 8, 16)? + 1;
    if kind == 1 {
        for _ in 0..layout.num_speakers {
            layout.cicp_speakers.push(r.u8(7)?);
        }
    } else if kind == 2 {
        let precise = r.bit()?;
        let mut i = 0;
        while i < layout.num_speakers {
            let s = speaker_description(r, precise)?;
            if s.azimuth != 0 && s.azimuth != 180 && r.bit()? {
                i += 1; // alsoAddSymmetricPair
            }
            layout.speakers.push(s);
            i += 1;
        }
    }
    Some(layout)
}

/// `mpegh3daSpeakerDescription()`.
fn speaker_description(r: &mut BitReader, precise: bool) -> Option<Speaker> {
    if r.bit()? {
        let index = r.u8(7)?;
        return Some(match CICP_SPEAKERS.get(usize::from(index)) {
            Some(&(azimuth, azimuth_direction, elevation, elevation_direction, lfe)) => Speaker {
                cicp: Some(index),
                azimuth,
                azimuth_direction,
                elevation,
                elevation_direction,
                lfe,
            },
            None => Speaker {
                cicp: Some(index),
                ..Default::default()
            },
        });
    }
    let mut s = Speaker::default();
    match r.u8(2)? {
        1 => s.elevation = 35,
        2 => {
            s.elevation = 15;
            s.elevation_direction = true;
        }
        3 => {
            let index = r.u8(if precise { 7 } else { 5 })?;
            s.elevation = index.saturating_mul(if precise { 1 } else { 5 });
            if s.elevation != 0 {
                s.elevation_direction = r.bit()?;
            }
        }
        _ => {}
    }
    let index = r.u8(if precise { 8 } else { 6 })?;
    s.azimuth = u16::from(index) * if precise { 1 } else { 5 };
    if s.azimuth != 0 && s.azimuth != 180 {
        s.azimuth_direction = r.bit()?;
    }
    s.lfe = r.bit()?;
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn baseline_mono_with_drc_and_loudness() {
        // androidx-media sample_mhm1_bl_cicp1.mp4's mhaC.
        let c = Mpegh3daConfig::parse_mhac(&hex(
            "011001003c1019404000366069e2c110088120440110000207fd8020108000103664015900c4\
             00008190028002080000bbf804006d38c0085008000a800461cb00",
        ))
        .unwrap();
        assert_eq!(c.profile_level, 0x10);
        assert_eq!(c.sampling_frequency, 48000);
        assert_eq!(c.frame_length(), Some(1024));
        assert_eq!(c.reference_layout.cicp_layout, 1);
        assert_eq!(c.signal_groups.len(), 1);
        assert_eq!(c.signal_groups[0].kind, SIGNAL_GROUP_CHANNELS);
        let main = &c.drc[&(0, 0)];
        assert_eq!(main.drc_sets.len(), 4);
        assert_eq!(main.loudness[0].len(), 1);
    }

    #[test]
    fn low_complexity_objects_with_compatible_set() {
        // androidx-media sample_mpegh_mha1.mp4's mhaC.
        let c = Mpegh3daConfig::parse_mhac(&hex(
            "010d13001a0d1944c053acc0d48fffefec40000000000000000c008e400240",
        ))
        .unwrap();
        assert_eq!(c.profile_level, 0x0D);
        assert_eq!(c.reference_layout.cicp_layout, 19);
        assert_eq!(c.signal_groups[0].kind, SIGNAL_GROUP_OBJECT);
        assert_eq!(c.signal_groups[0].signals, 10);
        assert_eq!(c.compatible_sets, vec![0x12]);
    }

    #[test]
    fn truncated_configs_do_not_panic() {
        let full = hex("011001003c1019404000366069e2c110088120440110000207fd8020108000103664");
        for n in 0..full.len() {
            let _ = Mpegh3daConfig::parse_mhac(&full[..n]);
        }
        assert!(Mpegh3daConfig::parse_mhac(&[1, 2]).is_none());
    }
}
