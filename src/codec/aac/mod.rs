//! AAC: AudioSpecificConfig, program_config_element, ADTS and raw frames (SBR/PS detection).
//!
//! [`AacParser`] follows what MediaInfo does with an MP4/Matroska AAC track: it reads the
//! AudioSpecificConfig, then up to 128 access units (ParseSpeed 0.5) looking for implicit
//! SBR and PS signalling, and reports the result as an [`AacInfo`].

mod adts;
mod audio_specific_config;
mod huffman;
mod program_config;
mod raw_data_block;
mod sbr;
mod spectral;
mod tables;

pub use adts::AdtsHeader;
pub use audio_specific_config::{AudioSpecificConfig, ExtensionSignal};
pub use program_config::{PceChannels, PceElement, ProgramConfigElement};

use raw_data_block::{BlockState, FrameParams};

/// Sampling rates by samplingFrequencyIndex, as MediaInfo tabulates them (indices 13, 14
/// reserved; 15 and up are the USAC extension values).
pub const SAMPLING_FREQUENCIES: [u32; 31] = [
    96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350, 0, 0,
    57600, 51200, 40000, 38400, 34150, 28800, 25600, 20000, 19200, 17075, 14400, 12800, 9600, 0, 0,
    0,
];

/// The rate of samplingFrequencyIndex `index` (0 when reserved or out of range).
pub fn sampling_frequency(index: u8) -> u32 {
    SAMPLING_FREQUENCIES
        .get(usize::from(index))
        .copied()
        .unwrap_or(0)
}

/// The samplingFrequencyIndex nearest to an explicit rate (ISO/IEC 14496-3 table 4.82).
pub fn sampling_frequency_index_of(rate: u32) -> u8 {
    match rate {
        92017.. => 0,
        75132.. => 1,
        55426.. => 2,
        46009.. => 3,
        37566.. => 4,
        27713.. => 5,
        23004.. => 6,
        18783.. => 7,
        13856.. => 8,
        11502.. => 9,
        9391.. => 10,
        _ => 11,
    }
}

/// Frames MediaInfo parses before it stops at ParseSpeed 0.5.
pub const FRAMES_TO_PARSE: u64 = 128;

/// How MediaInfo ends up describing SBR or PS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToolStatus {
    /// Signalled in the config, backward-compatible way: present or explicitly absent.
    Explicit { present: bool },
    /// Signalled hierarchically (object type 5 / 29): "NBC", not backward compatible.
    Nbc,
    /// Not signalled, but found in the frames.
    Implicit,
}

impl ToolStatus {
    /// Whether the tool is in use.
    pub fn present(self) -> bool {
        !matches!(self, ToolStatus::Explicit { present: false })
    }

    fn from_signal(signal: ExtensionSignal) -> Self {
        match signal {
            ExtensionSignal::Hierarchical => ToolStatus::Nbc,
            ExtensionSignal::Explicit { present } => ToolStatus::Explicit { present },
        }
    }
}

/// What the report needs from an AAC stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AacInfo {
    /// The core audio object type (2 = LC…; the inner one for hierarchical SBR/PS).
    pub audio_object_type: u8,
    /// The core sampling rate in Hz (0 if unknown).
    pub sampling_frequency: u32,
    /// The SBR output rate in Hz: the explicit extension rate, or twice the core rate.
    pub sbr_sampling_frequency: u32,
    pub channel_configuration: u8,
    /// The channel count of an ALS configuration (no positions come with it).
    pub als_channels: Option<u32>,
    /// The PCE MediaInfo takes channels from (config's, or the latest in-frame one).
    pub program_config: Option<ProgramConfigElement>,
    /// 1024 or 960 samples per frame (before SBR doubling).
    pub frame_length: u16,
    pub sbr: Option<ToolStatus>,
    pub ps: Option<ToolStatus>,
    /// Enhanced SBR found in the frames.
    pub esbr: bool,
    /// MediaInfo's "Errors" field: "Missing ID_END" once a frame did not parse.
    pub errors: Option<&'static str>,
    /// MediaInfo's "GainControl_Present": gain control data seen while parsing frames.
    pub gain_control_present: bool,
    /// Frames accepted as valid so far (MediaInfo's internal frame count).
    pub frames_parsed: u64,
    /// The UsacConfig of a USAC stream (stream ID, DRC and loudness).
    pub usac: Option<crate::codec::usac::UsacConfig>,
}

/// Feeds a track's access units through MediaInfo's AAC logic.
#[derive(Clone, Debug)]
pub struct AacParser {
    config: Option<AudioSpecificConfig>,
    params: FrameParams,
    block: BlockState,
    /// Frames to accept before stopping, as MediaInfo's `Frame_Count_Valid`.
    frames_wanted: u64,
    frames_ok: u64,
    finished: bool,
    // Frame-derived state, reset by MediaInfo whenever a frame fails.
    implicit_sbr: bool,
    implicit_ps: bool,
    esbr: bool,
    frame_pce: Option<ProgramConfigElement>,
    // Sticky fields written straight into the stream by MediaInfo.
    errors: Option<&'static str>,
    gain_control: bool,
}

impl AacParser {
    /// Starts from the AudioSpecificConfig bytes (esds DecoderSpecificInfo, CodecPrivate).
    /// Invalid config bytes leave a parser that reports nothing and wants no frames.
    pub fn new(audio_specific_config: &[u8]) -> Self {
        let config = AudioSpecificConfig::parse(audio_specific_config);
        Self::from_config(config)
    }

    /// Starts from an already parsed config.
    pub fn from_config(config: Option<AudioSpecificConfig>) -> Self {
        let params = FrameParams {
            sampling_frequency_index: config.as_ref().map_or(15, |c| c.sampling_frequency_index),
            sampling_frequency: config.as_ref().map_or(0, |c| c.sampling_frequency),
            frame_length: config.as_ref().map_or(1024, |c| c.frame_length),
        };
        let finished = config.as_ref().is_none_or(|c| c.frames_unparsed);
        AacParser {
            config,
            params,
            block: BlockState::default(),
            frames_wanted: FRAMES_TO_PARSE,
            frames_ok: 0,
            finished,
            implicit_sbr: false,
            implicit_ps: false,
            esbr: false,
            frame_pce: None,
            errors: None,
            gain_control: false,
        }
    }

    /// The parsed AudioSpecificConfig, if valid.
    pub fn config(&self) -> Option<&AudioSpecificConfig> {
        self.config.as_ref()
    }

    /// Whether MediaInfo would still read frames of this track.
    pub fn wants_more(&self) -> bool {
        !self.finished
    }

    /// Feeds one raw access unit (an MP4 sample or a Matroska frame, no ADTS header).
    ///
    /// Returns, for a frame MediaInfo finds broken (untrusted or without an END element),
    /// where in the frame its "ran out of data" conformance error points: MediaInfo adds the
    /// bit reader's size in bits, not bytes, to the offset at which that reader started
    /// (0, or past a PCE comment), so the figure lands well past the frame.
    pub fn push_frame(&mut self, frame: &[u8]) -> Option<u64> {
        if self.finished || frame.is_empty() {
            return None;
        }
        let config = self.config.as_ref()?;
        if config.audio_object_type != 2 {
            // MediaInfo only walks LC frames; any other object type stops after one frame.
            self.frames_wanted = self.frames_ok;
            self.count_frame();
            return None;
        }
        if self.params.sampling_frequency_index >= 13 {
            self.count_frame();
            return None;
        }
        let sbr_known = config.sbr.is_some();
        let ps_known = config.ps.is_some();
        let events = raw_data_block::parse(frame, self.params, &mut self.block);
        self.gain_control |= events.gain_control;
        if !events.has_end && self.errors.is_none() {
            self.errors = Some("Missing ID_END");
        }
        if events.ok {
            if events.sbr && !sbr_known {
                self.implicit_sbr = true;
            }
            // PS is only reported once SBR is, and never over an explicit "No".
            if events.ps && !ps_known && (sbr_known || self.implicit_sbr) {
                self.implicit_ps = true;
            }
            self.esbr |= events.esbr;
            if events.pce.is_some() {
                self.frame_pce = events.pce;
            }
            self.count_frame();
        } else {
            self.implicit_sbr = false;
            self.implicit_ps = false;
            self.esbr = false;
            self.frame_pce = None;
        }
        (!events.ok).then(|| {
            let start = events.bits_start.min(frame.len()) as u64;
            start + 8 * (frame.len() as u64 - start)
        })
    }

    fn count_frame(&mut self) {
        self.frames_ok += 1;
        if self.frames_ok >= self.frames_wanted {
            self.finished = true;
        }
    }

    /// What MediaInfo reports from the config and the frames seen so far.
    pub fn info(&self) -> Option<AacInfo> {
        let c = self.config.as_ref()?;
        let sbr = c
            .sbr
            .map(ToolStatus::from_signal)
            .or(self.implicit_sbr.then_some(ToolStatus::Implicit));
        let ps =
            c.ps.map(ToolStatus::from_signal)
                .or(self.implicit_ps.then_some(ToolStatus::Implicit));
        let core = c.sampling_frequency;
        Some(AacInfo {
            audio_object_type: c.audio_object_type,
            sampling_frequency: core,
            sbr_sampling_frequency: c
                .extension_sampling_frequency
                .unwrap_or(core.saturating_mul(2)),
            channel_configuration: c.channel_configuration,
            als_channels: c.als_channels,
            program_config: self.frame_pce.clone().or_else(|| c.program_config.clone()),
            frame_length: c.frame_length,
            sbr,
            ps,
            esbr: self.esbr,
            errors: self.errors,
            gain_control_present: self.gain_control,
            frames_parsed: self.frames_ok,
            usac: c.usac.clone(),
        })
    }
}
