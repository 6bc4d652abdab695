//! USAC (ISO/IEC 23003-3) `UsacConfig()`, as the AudioSpecificConfig of object type 42
//! carries it, read the way MediaInfo's File_Usac reads it: the frame length, the element
//! configurations (to reach what follows them), the uniDrc configuration of an extension
//! element, and the configuration extensions with the loudness info set and stream ID.

use crate::bits::BitReader;
use crate::codec::unidrc::{self, DrcInfo, DrcState, escaped_value};

/// What MediaInfo reports of a UsacConfig beyond the AudioSpecificConfig's fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UsacConfig {
    pub core_sbr_frame_length_index: u8,
    pub channel_configuration_index: u8,
    /// streamIdentifier of an ID_CONFIG_EXT_STREAM_ID extension.
    pub stream_identifier: Option<u16>,
    /// DRC sets (version 1) and loudness; `None` when MediaInfo does not trust the config
    /// (a length past its end, or its syntax cut short), which hides them.
    pub drc: Option<DrcInfo>,
}

/// sbrRatioIndex per coreSbrFrameLengthIndex.
const SBR_RATIO: [u8; 5] = [0, 0, 2, 3, 1];

impl UsacConfig {
    /// Parses a UsacConfig. `None` when its first fields are missing.
    pub fn parse(r: &mut BitReader) -> Option<Self> {
        let mut c = UsacConfig::default();
        if r.u8(5)? == 0x1F {
            r.skip(24)?; // usacSamplingFrequency
        }
        c.core_sbr_frame_length_index = r.u8(3)?;
        c.channel_configuration_index = r.u8(5)?;
        let mut drc = DrcInfo::default();
        let trusted = c.parse_rest(r, &mut drc) == Some(true);
        if trusted {
            c.drc = Some(drc);
        }
        Some(c)
    }

    /// The rest of the config; `Some(true)` when MediaInfo trusts it and fills its fields.
    fn parse_rest(&mut self, r: &mut BitReader, drc: &mut DrcInfo) -> Option<bool> {
        if self.channel_configuration_index == 0 {
            let n = escaped_value(r, 5, 8, 16)?;
            r.skip(5 * n as usize)?; // bsOutputChannelPos
        }
        let sbr = SBR_RATIO
            .get(usize::from(self.core_sbr_frame_length_index))
            .is_none_or(|&s| s != 0);
        let mut st = DrcState::default();
        let elements = escaped_value(r, 4, 8, 16)?;
        for _ in 0..=elements {
            match r.u8(2)? {
                0 => {
                    r.skip(2)?; // tw_mdct, noiseFilling
                    if sbr {
                        sbr_config(r)?;
                    }
                }
                1 => {
                    r.skip(2)?;
                    if sbr {
                        sbr_config(r)?;
                        let stereo = r.u8(2)?;
                        if stereo != 0 && !mps212_config(r, stereo)? {
                            // MediaInfo stops at a bsFreqRes of 0, before the extensions.
                            return Some(false);
                        }
                    }
                }
                3 if !ext_element_config(r, &mut st, drc)? => return Some(false),
                _ => {}
            }
        }
        if r.bit()? {
            return self.config_extension(r, drc);
        }
        Some(true)
    }

    /// `UsacConfigExtension()`.
    fn config_extension(&mut self, r: &mut BitReader, drc: &mut DrcInfo) -> Option<bool> {
        let count = escaped_value(r, 2, 4, 8)?;
        for _ in 0..=count {
            let kind = escaped_value(r, 4, 8, 16)?;
            let length = escaped_value(r, 4, 8, 16)? as usize * 8;
            if length == 0 {
                continue;
            }
            if length > r.remaining() {
                return Some(false);
            }
            let end = r.position() + length;
            match kind {
                2 => {
                    let _ = unidrc::loudness_info_set(r, false, drc);
                }
                7 => self.stream_identifier = Some(r.u32(16)? as u16),
                _ => {}
            }
            if r.position() > end {
                return Some(false);
            }
            r.skip(end - r.position())?;
        }
        Some(true)
    }
}

/// `UsacExtElementConfig()`; `Some(false)` when its length runs past the config.
fn ext_element_config(r: &mut BitReader, st: &mut DrcState, drc: &mut DrcInfo) -> Option<bool> {
    let kind = escaped_value(r, 4, 8, 16)?;
    let length = escaped_value(r, 4, 8, 16)? as usize * 8;
    if r.bit()? {
        escaped_value(r, 8, 16, 0)?; // usacExtElementDefaultLength
    }
    r.skip(1)?; // usacExtElementPayloadFrag
    if length == 0 {
        return Some(true);
    }
    if length > r.remaining() {
        return Some(false);
    }
    let end = r.position() + length;
    if kind == 4 {
        let _ = unidrc::uni_drc_config(r, st, drc);
    }
    if r.position() > end {
        return Some(false);
    }
    r.skip(end - r.position())?;
    Some(true)
}

/// `SbrConfig()` with its `SbrDfltHeader()`.
fn sbr_config(r: &mut BitReader) -> Option<()> {
    r.skip(3 + 8)?;
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

/// `Mps212Config()`; `Some(false)` where MediaInfo gives up (bsFreqRes 0 without bands).
fn mps212_config(r: &mut BitReader, stereo_config_index: u8) -> Option<bool> {
    let freq_res = r.u8(3)?;
    r.skip(3)?; // bsFixedGainDMX
    let temp_shape = r.u8(2)?;
    r.skip(4)?; // bsDecorrConfig, bsHighRateMode, bsPhaseCoding
    if r.bit()? {
        r.skip(5)?; // bsOttBandsPhase
    } else if freq_res == 0 {
        return Some(false);
    }
    if stereo_config_index > 1 {
        r.skip(6)?; // bsResidualBands, bsPseudoLr
    }
    if temp_shape == 2 {
        r.skip(1)?;
    }
    Some(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_id_and_loudness() {
        // shaka-player audio-xhe-aac.mp4's AudioSpecificConfig.
        let asc = [
            0xF9, 0x46, 0x43, 0x62, 0x2C, 0xC0, 0x41, 0x52, 0x66, 0x06, 0x73, 0x00, 0x2B, 0x90,
            0x00, 0x01, 0x38, 0x00, 0x80, 0x00, 0x11, 0xBF, 0x2C, 0x00,
        ];
        let mut r = BitReader::new(&asc);
        r.skip(5 + 6 + 4 + 4).unwrap(); // audioObjectType 42, rate and channel indices
        let c = UsacConfig::parse(&mut r).unwrap();
        assert_eq!(c.core_sbr_frame_length_index, 3);
        assert_eq!(c.stream_identifier, Some(0));
        let drc = c.drc.unwrap();
        assert_eq!(drc.loudness[0].len(), 1);
        // A truncated config never panics.
        for n in 0..asc.len() {
            let mut r = BitReader::new(&asc[..n]);
            let _ = UsacConfig::parse(&mut r);
        }
    }
}
