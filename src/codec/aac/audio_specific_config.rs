//! `AudioSpecificConfig()` (ISO/IEC 14496-3 1.6.2.1), as stored in an MP4 `esds`
//! DecoderSpecificInfo or a Matroska `CodecPrivate`, read the way MediaInfo reads it.

use super::program_config::ProgramConfigElement;
use super::{SAMPLING_FREQUENCIES, sampling_frequency, sampling_frequency_index_of};
use crate::bits::BitReader;
use crate::codec::usac::UsacConfig;

/// How an SBR or PS tool is signalled in the AudioSpecificConfig.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExtensionSignal {
    /// Hierarchical signalling (audioObjectType 5 or 29 first): "not backward compatible".
    Hierarchical,
    /// Backward-compatible signalling after the core config (sync extension 0x2b7 / 0x548),
    /// with its present flag.
    Explicit { present: bool },
}

/// A parsed AudioSpecificConfig.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AudioSpecificConfig {
    /// The first audioObjectType read (5 or 29 for hierarchical SBR/PS).
    pub signalled_object_type: u8,
    /// The core audioObjectType (after the hierarchical extension, if any).
    pub audio_object_type: u8,
    /// samplingFrequencyIndex; for an explicit rate (index 15), MediaInfo's nearest index.
    pub sampling_frequency_index: u8,
    /// The core sampling rate in Hz (0 when the index is reserved).
    pub sampling_frequency: u32,
    pub channel_configuration: u8,
    /// 1024 or 960 (GASpecificConfig frameLengthFlag); for USAC the output frame length.
    pub frame_length: u16,
    pub core_coder_delay: Option<u16>,
    pub extension_flag: bool,
    /// The PCE of a GASpecificConfig with channelConfiguration 0, when MediaInfo accepts it.
    pub program_config: Option<ProgramConfigElement>,
    /// The SBR output rate signalled by the config (extensionSamplingFrequency), if any.
    pub extension_sampling_frequency: Option<u32>,
    pub sbr: Option<ExtensionSignal>,
    pub ps: Option<ExtensionSignal>,
    /// epConfig of error-resilient object types.
    pub ep_config: Option<u8>,
    /// The channel count an ALSSpecificConfig gives (audioObjectType 36).
    pub als_channels: Option<u32>,
    /// MediaInfo does not parse the frames of this config (unsupported object type or
    /// unsupported error protection): it stops right after the config.
    pub frames_unparsed: bool,
    /// The UsacConfig of object type 42.
    pub usac: Option<UsacConfig>,
}

impl AudioSpecificConfig {
    /// The fields every config has, with 1024-sample frames and nothing else signalled: what
    /// the parser starts from, and all an ADTS header carries.
    pub fn plain(
        object_type: u8,
        sampling_frequency_index: u8,
        sampling_frequency: u32,
        channel_configuration: u8,
    ) -> Self {
        AudioSpecificConfig {
            signalled_object_type: object_type,
            audio_object_type: object_type,
            sampling_frequency_index,
            sampling_frequency,
            channel_configuration,
            frame_length: 1024,
            core_coder_delay: None,
            extension_flag: false,
            program_config: None,
            extension_sampling_frequency: None,
            sbr: None,
            ps: None,
            ep_config: None,
            als_channels: None,
            frames_unparsed: false,
            usac: None,
        }
    }

    /// Parses an AudioSpecificConfig. Returns `None` when even the first fields are missing.
    pub fn parse(data: &[u8]) -> Option<Self> {
        let mut r = BitReader::new(data);
        let first = object_type(&mut r)?;
        let mut sfi = r.u8(4)?;
        let core_rate = if sfi == 0xF {
            let f = r.u32(24)?;
            sfi = sampling_frequency_index_of(f);
            f
        } else {
            sampling_frequency(sfi)
        };
        let channel_configuration = r.u8(4)?;
        let mut asc = AudioSpecificConfig::plain(first, sfi, core_rate, channel_configuration);
        if first == 5 || first == 29 {
            asc.sbr = Some(ExtensionSignal::Hierarchical);
            if first == 29 {
                asc.ps = Some(ExtensionSignal::Hierarchical);
            }
            let ext_index = r.u8(4)?;
            asc.extension_sampling_frequency = Some(if ext_index == 0xF {
                r.u32(24)?
            } else {
                sampling_frequency(ext_index)
            });
            asc.audio_object_type = object_type(&mut r)?;
            if asc.audio_object_type == 22 {
                r.skip(4)?; // extensionChannelConfiguration
            }
        }
        // The rest is optional for MediaInfo: a truncated tail keeps what was read.
        let _ = asc.parse_tail(&mut r);
        Some(asc)
    }

    fn parse_tail(&mut self, r: &mut BitReader) -> Option<()> {
        let aot = self.audio_object_type;
        match aot {
            1..=4 | 6 | 7 | 17 | 19..=23 => self.ga_specific_config(r)?,
            36 => {
                r.skip(5)?; // fillBits
                return self.als_specific_config(r);
            }
            // Other object types have their own configs, which carry no AAC fields; their
            // frames are not parsed (see `AacParser`).
            42 => return self.usac_config(r),
            8 | 9 | 12 | 24..=28 | 32..=39 => return Some(()),
            _ => {
                self.frames_unparsed = true;
                return Some(());
            }
        }
        if matches!(aot, 17 | 19..=27 | 39) {
            let ep = r.u8(2)?;
            self.ep_config = Some(ep);
            if ep == 2 || ep == 3 {
                // ErrorProtectionSpecificConfig is not read here, so the position of a
                // sync extension after it is unknown.
                return Some(());
            }
        }
        if self.sbr.is_none() && r.remaining() >= 16 && r.u32(11)? == 0x2b7 {
            let ext_type = object_type(r)?;
            if ext_type == 5 {
                let present = r.bit()?;
                self.sbr = Some(ExtensionSignal::Explicit { present });
                if present {
                    self.extension_sampling_frequency = Some(extension_rate(r)?);
                    if r.remaining() >= 12 && r.u32(11)? == 0x548 {
                        let ps_present = r.bit()?;
                        self.ps = Some(ExtensionSignal::Explicit {
                            present: ps_present,
                        });
                    }
                }
            } else if ext_type == 29 {
                let present = r.bit()?;
                self.sbr = Some(ExtensionSignal::Explicit { present });
                if present {
                    self.extension_sampling_frequency = Some(extension_rate(r)?);
                }
                r.skip(4)?; // extensionChannelConfiguration
            }
        }
        Some(())
    }

    /// ALSSpecificConfig (ISO/IEC 14496-3 11.1): MediaInfo looks for its "ALS\0" marker bit by
    /// bit, then takes the sampling rate and channel count from it, and forgets the
    /// AudioSpecificConfig's channel configuration.
    fn als_specific_config(&mut self, r: &mut BitReader) -> Option<()> {
        while r.remaining() >= 32 && r.peek_padded(32) != 0x414C_5300 {
            r.skip(1)?;
        }
        r.skip(32)?; // als_id
        let rate = r.u32(32)?;
        r.skip(32)?; // samples
        let channels = r.u32(16)?;
        self.als_channels = Some(channels + 1);
        self.channel_configuration = 0;
        self.sampling_frequency = rate;
        Some(())
    }

    /// A UsacConfig (ISO/IEC 23003-3 5.2): its coreSbrFrameLengthIndex gives the output frame
    /// length MediaInfo reports as SamplesPerFrame (768, 1024, 2048 or 4096).
    fn usac_config(&mut self, r: &mut BitReader) -> Option<()> {
        let usac = UsacConfig::parse(r)?;
        const OUTPUT_FRAME_LENGTHS: [u16; 5] = [768, 1024, 2048, 2048, 4096];
        if let Some(&len) = OUTPUT_FRAME_LENGTHS.get(usize::from(usac.core_sbr_frame_length_index))
        {
            self.frame_length = len;
        }
        self.usac = Some(usac);
        Some(())
    }

    fn ga_specific_config(&mut self, r: &mut BitReader) -> Option<()> {
        self.frame_length = if r.bit()? { 960 } else { 1024 };
        if r.bit()? {
            self.core_coder_delay = Some(r.u32(14)? as u16);
        }
        self.extension_flag = r.bit()?;
        if self.channel_configuration == 0 {
            let pce = ProgramConfigElement::parse(r)?;
            if !pce_is_trusted(&pce) {
                // MediaInfo rejects the PCE and skips the rest of the config.
                let rest = r.remaining();
                r.skip(rest)?;
                return Some(());
            }
            self.program_config = Some(pce);
        }
        let aot = self.audio_object_type;
        if aot == 6 || aot == 20 {
            r.skip(3)?; // layerNr
        }
        if self.extension_flag {
            if aot == 22 {
                r.skip(5 + 11)?; // numOfSubFrame, layer_length
            }
            if matches!(aot, 17 | 19 | 20 | 23) {
                r.skip(3)?; // the three resilience flags
            }
            if r.bit()? {
                // extensionFlag3: MediaInfo skips everything after it.
                let rest = r.remaining();
                r.skip(rest)?;
            }
        }
        Some(())
    }
}

/// MediaInfo's sanity check of a PCE: a known sampling frequency and at most 24 channels.
pub(super) fn pce_is_trusted(pce: &ProgramConfigElement) -> bool {
    SAMPLING_FREQUENCIES
        .get(usize::from(pce.sampling_frequency_index))
        .is_some_and(|&f| f != 0)
        && pce.channel_count() <= 24
}

/// `GetAudioObjectType()`: 5 bits, with the escape value 31 extended by 6 more bits.
fn object_type(r: &mut BitReader) -> Option<u8> {
    let t = r.u8(5)?;
    if t == 31 {
        Some(32 + r.u8(6)?)
    } else {
        Some(t)
    }
}

/// extensionSamplingFrequencyIndex, with its explicit 24-bit rate for index 15.
fn extension_rate(r: &mut BitReader) -> Option<u32> {
    let index = r.u8(4)?;
    if index == 0xF {
        r.u32(24)
    } else {
        Some(sampling_frequency(index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usac_output_frame_length() {
        // USAC (42), 48 kHz, stereo; UsacConfig at 48 kHz with coreSbrFrameLengthIndex 3.
        let asc = AudioSpecificConfig::parse(&[0xF9, 0x46, 0x43, 0x60]).unwrap();
        assert_eq!(
            (asc.audio_object_type, asc.sampling_frequency),
            (42, 48_000)
        );
        assert_eq!(asc.frame_length, 2048);
    }

    #[test]
    fn lc_stereo_44100() {
        let asc = AudioSpecificConfig::parse(&[0x12, 0x10]).unwrap();
        assert_eq!(asc.audio_object_type, 2);
        assert_eq!(asc.sampling_frequency, 44100);
        assert_eq!(asc.channel_configuration, 2);
        assert_eq!(asc.frame_length, 1024);
        assert_eq!(asc.sbr, None);
    }

    #[test]
    fn explicit_sbr_and_ps_sync_extensions() {
        // LC 22050 Hz mono, then 0x2b7, SBR present at 44100 Hz, then 0x548 PS present.
        let asc = AudioSpecificConfig::parse(&[0x13, 0x88, 0x56, 0xe5, 0xa5, 0x48, 0x80]).unwrap();
        assert_eq!(asc.sampling_frequency, 22050);
        assert_eq!(asc.sbr, Some(ExtensionSignal::Explicit { present: true }));
        assert_eq!(asc.extension_sampling_frequency, Some(44100));
        assert_eq!(asc.ps, Some(ExtensionSignal::Explicit { present: true }));
    }

    #[test]
    fn hierarchical_sbr() {
        // AOT 5, 24000 Hz, stereo, extension 48000 Hz, core AOT 2, GA config.
        let asc = AudioSpecificConfig::parse(&[0x2b, 0x11, 0x88, 0x00]).unwrap();
        assert_eq!(asc.signalled_object_type, 5);
        assert_eq!(asc.audio_object_type, 2);
        assert_eq!(asc.sampling_frequency, 24000);
        assert_eq!(asc.extension_sampling_frequency, Some(48000));
        assert_eq!(asc.sbr, Some(ExtensionSignal::Hierarchical));
    }

    #[test]
    fn real_configs_from_corpus() {
        // fate-suite File6 (HE-AACv2 with implicit PS): SBR signalled, PS not.
        let asc = AudioSpecificConfig::parse(&[0x13, 0x88, 0x56, 0xe5, 0xa0]).unwrap();
        assert_eq!(
            (asc.sampling_frequency, asc.channel_configuration),
            (22050, 1)
        );
        assert_eq!(asc.sbr, Some(ExtensionSignal::Explicit { present: true }));
        assert_eq!(asc.extension_sampling_frequency, Some(44100));
        assert_eq!(asc.ps, None);
        // fate-suite tones_nero_44100_stereo_aac_he: PS explicitly absent ("No (Explicit)").
        let asc = AudioSpecificConfig::parse(&[0x13, 0x90, 0x56, 0xe5, 0xa5, 0x48, 0x00]).unwrap();
        assert_eq!(asc.channel_configuration, 2);
        assert_eq!(asc.ps, Some(ExtensionSignal::Explicit { present: false }));
        // mp4parse-rust invalid_userdata: hierarchical SBR (mp4a-40-5).
        let asc = AudioSpecificConfig::parse(&[0x2b, 0x11, 0x88, 0x00]).unwrap();
        assert_eq!(asc.sbr, Some(ExtensionSignal::Hierarchical));
    }

    #[test]
    fn escape_object_type_and_empty_input() {
        // AOT 31 + 6 bits (0b000111 → 39, ER AAC ELD).
        let asc = AudioSpecificConfig::parse(&[0xf8, 0xf1, 0x20, 0x00]).unwrap();
        assert_eq!(asc.audio_object_type, 39);
        assert!(AudioSpecificConfig::parse(&[]).is_none());
    }
}
