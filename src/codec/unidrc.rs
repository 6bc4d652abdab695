//! MPEG-D DRC (ISO/IEC 23003-4) configuration as USAC and MPEG-H 3D Audio carry it: the
//! effects of the DRC sets and the loudness measurements, read the way MediaInfo's File_Usac
//! reads them (what it skips is skipped here too).
//!
//! Every count comes from a few bits, so no allocation here exceeds a few dozen entries.

use std::collections::BTreeMap;

use crate::bits::BitReader;

/// Identifies a DRC set or a loudness measurement: MediaInfo orders and labels them by it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DrcId {
    pub drc_set_id: u8,
    pub downmix_id: u8,
    pub eq_set_id: u8,
}

impl DrcId {
    /// The default (all zero) ID, which MediaInfo does not label.
    pub fn is_default(&self) -> bool {
        self.drc_set_id == 0 && self.downmix_id == 0 && self.eq_set_id == 0
    }
}

/// One `loudnessInfo()`: peak levels (raw 12-bit codes, 0 meaning absent) and measurements.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoudnessInfo {
    pub sample_peak_level: u16,
    pub true_peak_level: u16,
    /// (methodDefinition, methodValue) in stream order; a methodDefinition MediaInfo cannot
    /// read (10 and up) ends the list with `None` as its value.
    pub measurements: Vec<(u8, Option<u8>)>,
}

/// What a DRC configuration says, as MediaInfo keeps it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DrcInfo {
    /// drcSetEffect bits of each DRC set MediaInfo shows.
    pub drc_sets: BTreeMap<DrcId, u16>,
    /// Loudness measurements: `[0]` per program, `[1]` per album.
    pub loudness: [BTreeMap<DrcId, LoudnessInfo>; 2],
}

/// Parsing state shared by the DRC structures.
#[derive(Clone, Debug, Default)]
pub struct DrcState {
    pub base_channel_count: u8,
    /// targetChannelCount per downmixId.
    downmix_channels: BTreeMap<u8, u8>,
    /// bandCount of each gain set of the last drcCoefficientsUniDrc.
    gain_set_bands: Vec<u8>,
}

/// `escapedValue(nBits1, nBits2, nBits3)` (ISO/IEC 23003-3 table 16).
pub fn escaped_value(r: &mut BitReader, n1: u32, n2: u32, n3: u32) -> Option<u32> {
    let mut v = r.u32(n1)?;
    if v == (1 << n1) - 1 {
        let add = r.u32(n2)?;
        v += add;
        if n3 != 0 && add == (1 << n2) - 1 {
            v += r.u32(n3)?;
        }
    }
    Some(v)
}

/// Runs `body` over a sub-structure of `bits` bits, then moves to its end. `None` when the
/// structure does not fit or `body` read past its end.
fn bounded(
    r: &mut BitReader,
    bits: usize,
    body: impl FnOnce(&mut BitReader) -> Option<()>,
) -> Option<()> {
    if bits > r.remaining() {
        return None;
    }
    let end = r.position() + bits;
    let _ = body(r);
    if r.position() > end {
        return None;
    }
    r.skip(end - r.position())
}

/// `uniDrcConfig()` of a USAC configuration (version 0 structures, and the V1 extension).
pub fn uni_drc_config(r: &mut BitReader, st: &mut DrcState, out: &mut DrcInfo) -> Option<()> {
    st.downmix_channels.clear();
    out.drc_sets.clear();
    out.loudness[0].clear();
    out.loudness[1].clear();
    if r.bit()? {
        r.skip(18)?; // bsSampleRate
    }
    let downmix_count = r.u8(7)?;
    let (coef_basic, instr_basic) = if r.bit()? {
        (r.u8(3)?, r.u8(4)?)
    } else {
        (0, 0)
    };
    let coef_count = r.u8(3)?;
    let instr_count = r.u8(6)?;
    // channelLayout()
    st.base_channel_count = r.u8(7)?;
    if r.bit()? && r.u8(8)? == 0 {
        r.skip(7 * usize::from(st.base_channel_count))?; // speakerPosition
    }
    for _ in 0..downmix_count {
        downmix_instructions(r, st, false)?;
    }
    for _ in 0..coef_basic {
        r.skip(4 + 7)?; // drcLocation, drcCharacteristic
    }
    for _ in 0..instr_basic {
        drc_instructions_basic(r)?;
    }
    for _ in 0..coef_count {
        drc_coefficients_uni_drc(r, st, false)?;
    }
    for _ in 0..instr_count {
        // Version 0 sets are not shown.
        drc_instructions_uni_drc(r, st, false)?;
    }
    if r.bit()? {
        uni_drc_config_extension(r, st, out)?;
    }
    Some(())
}

/// `uniDrcConfigExtension()`: the V1 downmixes, coefficients and DRC sets.
pub fn uni_drc_config_extension(
    r: &mut BitReader,
    st: &mut DrcState,
    out: &mut DrcInfo,
) -> Option<()> {
    extensions(r, |ext_type, r| {
        if ext_type != 2 {
            return Some(());
        }
        if r.bit()? {
            for _ in 0..r.u8(7)? {
                downmix_instructions(r, st, true)?;
            }
        }
        if r.bit()? {
            for _ in 0..r.u8(3)? {
                drc_coefficients_uni_drc(r, st, true)?;
            }
            for _ in 0..r.u8(6)? {
                let (id, effect) = drc_instructions_uni_drc(r, st, true)?;
                out.drc_sets.insert(id, effect);
            }
        }
        // loudEqInstructions and eq are not read (the rest is skipped).
        Some(())
    })
}

/// `downmixInstructions()` / `downmixInstructionsV1()`.
fn downmix_instructions(r: &mut BitReader, st: &mut DrcState, v1: bool) -> Option<()> {
    let id = r.u8(7)?;
    let target = r.u8(7)?;
    r.skip(8)?; // targetLayout
    if r.bit()? {
        if v1 {
            r.skip(4)?; // bsDownmixOffset
        }
        let per = if v1 { 5 } else { 4 };
        r.skip(usize::from(target) * usize::from(st.base_channel_count) * per)?;
    }
    st.downmix_channels.insert(id, target);
    Some(())
}

fn drc_instructions_basic(r: &mut BitReader) -> Option<()> {
    r.skip(6 + 4 + 7)?; // drcSetId, drcLocation, downmixId
    if r.bit()? {
        let n = r.u8(3)?;
        r.skip(7 * usize::from(n.saturating_sub(1)))?;
    }
    let effect = r.u32(16)?;
    if effect & (3 << 10) == 0 && r.bit()? {
        r.skip(8)?;
    }
    target_loudness(r)
}

/// drcSetTargetLoudnessPresent and what follows it.
fn target_loudness(r: &mut BitReader) -> Option<()> {
    if r.bit()? {
        r.skip(6)?;
        if r.bit()? {
            r.skip(6)?;
        }
    }
    Some(())
}

/// One V1 characteristic list (left or right).
fn characteristics(r: &mut BitReader) -> Option<()> {
    for _ in 0..r.u8(4)? {
        if r.bit()? {
            let nodes = r.u8(2)?;
            r.skip((usize::from(nodes) + 1) * 13)?;
        } else {
            r.skip(6 + 4 + 4 + 1)?;
        }
    }
    Some(())
}

/// `drcCoefficientsUniDrc()` / `drcCoefficientsUniDrcV1()`: only the gain sets' band counts
/// matter later.
pub fn drc_coefficients_uni_drc(r: &mut BitReader, st: &mut DrcState, v1: bool) -> Option<()> {
    r.skip(4)?; // drcLocation
    if r.bit()? {
        r.skip(15)?; // bsDrcFrameSize
    }
    if v1 {
        let left = r.bit()?;
        if left {
            characteristics(r)?;
        }
        let _right = r.bit()?;
        // MediaInfo reads the right characteristics when the left ones are present.
        if left {
            characteristics(r)?;
        }
        if r.bit()? {
            for _ in 0..r.u8(4)? {
                for _ in 0..4 {
                    if r.bit()? {
                        r.skip(5)?;
                    }
                }
            }
        }
        r.skip(6)?; // gainSequenceCount
    }
    let count = r.u8(6)?;
    st.gain_set_bands.clear();
    for _ in 0..count {
        let profile = r.u8(2)?;
        r.skip(3)?; // gainInterpolationType, fullFrame, timeAlignment
        if r.bit()? {
            r.skip(11)?; // bsTimeDeltaMin
        }
        let mut bands = 1;
        if profile != 3 {
            bands = r.u8(4)?;
            let band_type = bands > 1 && r.bit()?;
            for _ in 0..bands {
                if v1 {
                    if r.bit()? {
                        r.skip(6)?; // bsIndex
                    }
                    if r.bit()? {
                        let cicp = r.bit()?;
                        r.skip(if cicp { 7 } else { 8 })?;
                    }
                } else {
                    r.skip(7)?; // drcCharacteristic
                }
            }
            for _ in 1..bands {
                r.skip(if band_type { 4 } else { 10 })?;
            }
        }
        st.gain_set_bands.push(bands);
    }
    Some(())
}

/// `drcInstructionsUniDrc()` / `drcInstructionsUniDrcV1()`: the set's ID and drcSetEffect.
pub fn drc_instructions_uni_drc(
    r: &mut BitReader,
    st: &DrcState,
    v1: bool,
) -> Option<(DrcId, u16)> {
    let mut channels = st.base_channel_count;
    let drc_set_id = r.u8(6)?;
    if v1 {
        r.skip(4)?; // drcSetComplexityLevel
    }
    r.skip(4)?; // drcLocation
    let downmix_present = if v1 { r.bit()? } else { true };
    let mut downmix_id = 0;
    if downmix_present {
        downmix_id = r.u8(7)?;
        let apply = if v1 { r.bit()? } else { downmix_id != 0 };
        let additional = if r.bit()? {
            let n = r.u8(3)?;
            r.skip(7 * usize::from(n))?;
            n
        } else {
            0
        };
        if (!v1 || apply) && downmix_id != 0 && downmix_id != 0x7F && additional == 0 {
            channels = st.downmix_channels.get(&downmix_id).copied().unwrap_or(1);
        } else if (!v1 || apply) && (downmix_id == 0x7F || additional != 0) {
            channels = 1;
        }
    }
    let effect = r.u32(16)? as u16;
    let ducking = effect & (3 << 10) != 0;
    if !ducking {
        if r.bit()? {
            r.skip(8)?; // bsLimiterPeakTarget
        }
    } else {
        channels = st.base_channel_count;
    }
    target_loudness(r)?;
    if r.bit()? {
        r.skip(6)?; // dependsOnDrcSet
    } else {
        r.skip(1)?; // noIndependentUse
    }
    if v1 {
        r.skip(1)?; // requiresEq
    }
    let mut groups = [false; 64];
    let mut c = 0u32;
    while c < u32::from(channels) {
        let index = r.u8(6)?;
        groups[usize::from(index)] = true;
        if ducking && r.bit()? {
            r.skip(4)?; // bsDuckingScaling
        }
        if r.bit()? {
            c += u32::from(r.u8(5)?) + 1;
        }
        c += 1;
    }
    if !ducking {
        for index in (1..64).filter(|&i| groups[i]) {
            let bands = if v1 {
                st.gain_set_bands.get(index - 1).copied().unwrap_or(0)
            } else {
                1
            };
            for _ in 0..bands {
                if v1 {
                    for _ in 0..2 {
                        if r.bit()? {
                            r.skip(4)?;
                        }
                    }
                }
                if r.bit()? {
                    r.skip(8)?; // bsAttenuationScaling, bsAmplificationScaling
                }
                if r.bit()? {
                    r.skip(6)?; // bsGainSign, bsGainOffset
                }
            }
            if v1 && bands == 1 && r.bit()? {
                r.skip(4)?; // shapeFilterIndex
            }
        }
    }
    let id = DrcId {
        drc_set_id,
        downmix_id,
        eq_set_id: 0,
    };
    Some((id, effect))
}

/// Bits of methodValue per methodDefinition.
const METHOD_VALUE_BITS: [u32; 10] = [8, 8, 8, 8, 8, 8, 8, 5, 2, 8];

/// `loudnessInfo()` / `loudnessInfoV1()`.
pub fn loudness_info(r: &mut BitReader, v1: bool) -> Option<(DrcId, LoudnessInfo)> {
    let drc_set_id = r.u8(6)?;
    let eq_set_id = if v1 { r.u8(6)? } else { 0 };
    let downmix_id = r.u8(7)?;
    let mut info = LoudnessInfo::default();
    if r.bit()? {
        info.sample_peak_level = r.u32(12)? as u16;
    }
    if r.bit()? {
        info.true_peak_level = r.u32(12)? as u16;
        r.skip(4 + 2)?; // measurementSystem, reliability
    }
    let count = r.u8(4)?;
    for _ in 0..count {
        let definition = r.u8(4)?;
        let Some(&bits) = METHOD_VALUE_BITS.get(usize::from(definition)) else {
            info.measurements.push((definition, None));
            break;
        };
        let value = r.u8(bits)?;
        r.skip(4 + 2)?; // measurementSystem, reliability
        info.measurements.push((definition, Some(value)));
    }
    let id = DrcId {
        drc_set_id,
        downmix_id,
        eq_set_id,
    };
    Some((id, info))
}

/// Whether a loudnessInfo stopped at a methodDefinition MediaInfo cannot read.
pub fn is_unsupported(info: &LoudnessInfo) -> bool {
    info.measurements.last().is_some_and(|m| m.1.is_none())
}

/// `loudnessInfoSet()` / `loudnessInfoSetV1()` of USAC.
pub fn loudness_info_set(r: &mut BitReader, v1: bool, out: &mut DrcInfo) -> Option<()> {
    let album = r.u8(6)?;
    let count = r.u8(6)?;
    for _ in 0..album {
        let (id, info) = loudness_info(r, v1)?;
        out.loudness[1].insert(id, info);
    }
    for _ in 0..count {
        let (id, info) = loudness_info(r, v1)?;
        out.loudness[0].insert(id, info);
    }
    if !v1 && r.bit()? {
        loudness_info_set_extension(r, out)?;
    }
    Some(())
}

/// `loudnessInfoSetExtension()`: the V1 loudness set.
pub fn loudness_info_set_extension(r: &mut BitReader, out: &mut DrcInfo) -> Option<()> {
    extensions(r, |ext_type, r| {
        if ext_type == 1 {
            loudness_info_set(r, true, out)?;
        }
        Some(())
    })
}

/// An extension list (uniDrcConfigExtension, loudnessInfoSetExtension): 4-bit types until 0,
/// each with a sized payload that `body` reads within its bounds.
fn extensions(
    r: &mut BitReader,
    mut body: impl FnMut(u8, &mut BitReader) -> Option<()>,
) -> Option<()> {
    loop {
        let ext_type = r.u8(4)?;
        if ext_type == 0 {
            return Some(());
        }
        let size_bits = u32::from(r.u8(4)?) + 4;
        let bits = r.u32(size_bits)? as usize + 1;
        bounded(r, bits, |r| body(ext_type, r))?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bits::pack_bits;

    #[test]
    fn escaped_values() {
        let data = pack_bits([(15, 4), (255, 8), (2, 16)]);
        assert_eq!(
            escaped_value(&mut BitReader::new(&data), 4, 8, 16),
            Some(15 + 255 + 2)
        );
        let data = pack_bits([(3, 4)]);
        assert_eq!(escaped_value(&mut BitReader::new(&data), 4, 8, 16), Some(3));
    }

    #[test]
    fn loudness_with_program_measurement() {
        // drcSetId 0, downmixId 0, sample peak 1280 (-20 dBFS), no true peak, one program
        // loudness measurement of 135 (-24 LKFS).
        let data = pack_bits([
            (0, 6),
            (0, 7),
            (1, 1),
            (1280, 12),
            (0, 1),
            (1, 4),
            (1, 4),
            (135, 8),
            (2, 4),
            (3, 2),
        ]);
        let (id, info) = loudness_info(&mut BitReader::new(&data), false).unwrap();
        assert!(id.is_default());
        assert_eq!(info.sample_peak_level, 1280);
        assert_eq!(info.measurements, vec![(1, Some(135))]);
    }

    #[test]
    fn truncated_input_fails_cleanly() {
        let mut st = DrcState::default();
        let mut out = DrcInfo::default();
        assert!(uni_drc_config(&mut BitReader::new(&[0xFF; 3]), &mut st, &mut out).is_none());
        assert!(loudness_info(&mut BitReader::new(&[]), true).is_none());
    }
}
