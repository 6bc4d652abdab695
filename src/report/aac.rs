//! MediaInfo's fields for an AAC audio stream, from [`AacInfo`].

use crate::codec::aac::{AacInfo, ToolStatus};
use crate::report::Stream;

/// MediaInfo's `Format` per audio object type (empty when it has none).
fn format_name(aot: u8) -> &'static str {
    match aot {
        1..=4 => "AAC",
        5 => "SBR",
        6 => "AAC scalable",
        7 => "TwinVQ",
        8 => "CELP",
        9 => "HVXC",
        12 => "TTSI",
        13 => "Main synthetic",
        14 => "Wavetable synthesis",
        15 => "General MIDI",
        16 => "Algorithmic Synthesis and Audio FX",
        17 | 19 | 20 => "ER AAC",
        21 => "ER TwinVQ",
        22 => "ER BSAC",
        23 => "ER AAC LD",
        24 => "ER CELP",
        25 => "ER HVXC",
        26 => "ER HILN",
        27 => "ER Parametric",
        28 => "SSC",
        29 => "ParametricStereo",
        32 => "Layer-1",
        33 => "Layer-2",
        34 => "Layer-3",
        35 => "DST",
        36 => "ALS",
        37 | 38 => "SLS",
        39 => "ER AAC ELD",
        40 => "SMR Simple",
        41 => "SMR Main",
        42 => "USAC",
        _ => "",
    }
}

/// MediaInfo's internal profile per object type, before SBR/PS upgrade it.
fn base_profile(aot: u8) -> &'static str {
    match aot {
        1 => "Main",
        2 | 17 => "LC",
        3 => "SSR",
        4 | 19 => "LTP",
        37 => "non-core",
        _ => "",
    }
}

/// Channel count per channelConfiguration (8..=13 are the later AAC additions).
const CHANNELS: [u8; 16] = [0, 1, 2, 3, 4, 5, 6, 8, 2, 3, 4, 7, 8, 24, 8, 12];

/// `ChannelPositions` per channelConfiguration 1..=13.
const POSITIONS: [&str; 14] = [
    "",
    "Front: C",
    "Front: L R",
    "Front: L C R",
    "Front: L C R, Back: C",
    "Front: L C R, Side: L R",
    "Front: L C R, Side: L R, LFE",
    "Front: L C R, Side: L R, Back: L R, LFE",
    "Dual mono",
    "Front: L R, Back: C",
    "Front: L C R, Back: L R",
    "Front: L C R, Back: L C R, LFE",
    "Front: L C R, Back: L L R R, LFE",
    "",
];

/// `ChannelPositions/String2` per channelConfiguration 1..=13.
const POSITIONS2: [&str; 14] = [
    "", "1/0/0", "2/0/0", "3/0/0", "3/0/1", "3/2/0", "3/2/0.1", "3/4/0.1", "1+1", "2/0/1", "3/2/0",
    "3/2/1.1", "3/2/2.1", "",
];

/// `ChannelLayout` per channelConfiguration 1..=13 (1 is "M", mono).
const LAYOUTS: [&str; 14] = [
    "",
    "M",
    "L R",
    "C L R",
    "C L R Cs",
    "C L R Ls Rs",
    "C L R Ls Rs LFE",
    "C L R Ls Rs Lw Rw LFE",
    "C C",
    "L R Cs",
    "L R Ls Rs",
    "C L R Ls Rs Cs LFE",
    "C L R Ls Rs Lsr Rsr LFE",
    "C L R Lw Rw Lss Rss Lsr Rsr Cs LFE LFE2 Cv Lv Rv Lvss Rvss Ts Lvr Rvr Cvr Cb Lb Rb",
];

/// MediaInfo's `SamplingRate/String`: "44.1 kHz", "48.0 kHz", "8 000 Hz".
pub fn sampling_rate_string(rate: u32) -> String {
    let special = match rate {
        11024 => Some("11.024"),
        11025 => Some("11.025"),
        22050 => Some("22.05"),
        44100 => Some("44.1"),
        88200 => Some("88.2"),
        176400 => Some("176.4"),
        352800 => Some("352.8"),
        _ => None,
    };
    if let Some(s) = special {
        return format!("{s} kHz");
    }
    if rate > 10_000_000 {
        format!("{:.1} MHz", f64::from(rate) / 1e6)
    } else if rate > 10000 {
        let khz = f64::from(rate) / 1000.0;
        if rate > 100_000 {
            format!("{khz:.0} kHz")
        } else {
            format!("{khz:.1} kHz")
        }
    } else {
        format!("{} Hz", group_thousands(rate))
    }
}

/// "8000" → "8 000", MediaInfo's thousands separator.
fn group_thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Fills the codec-level fields MediaInfo 24.12 sets for an AAC (MPEG-4 Audio) stream.
///
/// Sets, by internal name and when applicable: `Format`, `Format/String`, `Format/Info`,
/// `Format_Commercial`, `Format_Commercial_IfAny`, `Format_Settings`,
/// `Format_Settings_SBR`(+`/String`), `Format_Settings_PS`(+`/String`),
/// `Format_AdditionalFeatures`, `Channel(s)`(+`/String`), `ChannelPositions`,
/// `ChannelPositions/String2`, `ChannelLayout`, `SamplesPerFrame`, `SamplingRate`
/// (+`/String`), `Compression_Mode`(+`/String`), `Errors`, `GainControl_Present`.
///
/// Not set (container business): `Format_Profile` (MediaInfo shows the MP4
/// audioProfileLevelIndication there, e.g. "Main Audio@L1"), CodecID, ID, Duration, BitRate
/// (and its mode), StreamSize, FrameCount, SamplingCount and FrameRate (which MediaInfo
/// derives as SamplingRate / SamplesPerFrame).
pub fn fill_audio(stream: &mut Stream, info: &AacInfo) {
    let format = format_name(info.audio_object_type);
    let sbr_present = info.sbr.is_some_and(ToolStatus::present);
    let ps_present = info.ps.is_some_and(ToolStatus::present);

    // MediaInfo's internal Format_Profile, from which the displayed fields derive.
    let profile = if ps_present {
        "HE-AACv2"
    } else if info.esbr && sbr_present {
        "HE-AAC+eSBR"
    } else if sbr_present {
        "HE-AAC"
    } else {
        base_profile(info.audio_object_type)
    };
    let additional = match format {
        "AAC" => match profile {
            "HE-AACv2" => "LC SBR PS",
            "HE-AAC+eSBR" => "LC SBR eSBR",
            "HE-AAC" => "LC SBR",
            p if p.contains("LC") => "LC",
            p if p.contains("LTP") => "LTP",
            p if p.contains("Main") => "Main",
            p if p.contains("SSR") => "SSR",
            _ => "",
        },
        "ER AAC" => match profile {
            p if p.contains("LC") => "LC",
            p if p.contains("LTP") => "LTP",
            _ => "",
        },
        _ => "",
    };
    let commercial = match (format, profile) {
        ("AAC", "HE-AAC+eSBR") => Some("HE-AAC eSBR"),
        ("AAC", "HE-AACv2") => Some("HE-AACv2"),
        ("AAC", "HE-AAC") => Some("HE-AAC"),
        _ => None,
    };

    stream.set("Format", format);
    if additional.is_empty() {
        stream.set("Format/String", format);
    } else {
        stream.set("Format/String", format!("{format} {additional}"));
    }
    if format == "AAC" {
        stream.set(
            "Format/Info",
            match profile {
                "HE-AACv2" => {
                    "Advanced Audio Codec Low Complexity with Spectral Band Replication and Parametric Stereo"
                }
                "HE-AAC+eSBR" => {
                    "Advanced Audio Codec Low Complexity with Enhanced Spectral Band Replication"
                }
                "HE-AAC" => "Advanced Audio Codec Low Complexity with Spectral Band Replication",
                "LC" => "Advanced Audio Codec Low Complexity",
                _ => "Advanced Audio Codec",
            },
        );
    }
    stream.set("Format_Commercial", commercial.unwrap_or(format));
    if let Some(c) = commercial {
        stream.set("Format_Commercial_IfAny", c);
    }

    let settings = format_settings(info.sbr, info.ps);
    stream.set("Format_Settings", settings);
    if let Some(s) = info.sbr.map(tool_string) {
        stream.set("Format_Settings_SBR", s.clone());
        stream.set("Format_Settings_SBR/String", s);
    }
    if let Some(s) = info.ps.map(tool_string) {
        stream.set("Format_Settings_PS", s.clone());
        stream.set("Format_Settings_PS/String", s);
    }
    stream.set("Format_AdditionalFeatures", additional);

    fill_channels(stream, info, ps_present);

    let spf_multiplier = if format == "AAC" && sbr_present { 2 } else { 1 };
    stream.set(
        "SamplesPerFrame",
        (u32::from(info.frame_length) * spf_multiplier).to_string(),
    );
    let rate = if sbr_present && info.sbr_sampling_frequency != 0 {
        info.sbr_sampling_frequency
    } else {
        info.sampling_frequency
    };
    if rate != 0 {
        stream.set("SamplingRate", rate.to_string());
        stream.set("SamplingRate/String", sampling_rate_string(rate));
    }
    if format == "AAC" {
        stream.set("Compression_Mode", "Lossy");
        stream.set("Compression_Mode/String", "Lossy");
    }
    if let Some(e) = info.errors {
        stream.set("Errors", e);
    }
    if info.gain_control_present {
        stream.set("GainControl_Present", "Yes");
    }
    if let Some(usac) = &info.usac {
        if let Some(id) = usac.stream_identifier {
            stream.set("streamIdentifier", id.to_string());
        }
        // File_Usac fills them once the whole UsacConfig is read and trusted.
        if let Some(drc) = &usac.drc {
            super::loudness::fill_drc(stream, "", &drc.drc_sets);
            super::loudness::fill_loudness(stream, "", drc);
        }
    }
}

/// "Yes (Explicit)", "No (Explicit)", "Yes (NBC)", "Yes (Implicit)".
fn tool_string(status: ToolStatus) -> String {
    match status {
        ToolStatus::Explicit { present: true } => "Yes (Explicit)",
        ToolStatus::Explicit { present: false } => "No (Explicit)",
        ToolStatus::Nbc => "Yes (NBC)",
        ToolStatus::Implicit => "Yes (Implicit)",
    }
    .to_owned()
}

fn signalling_word(status: ToolStatus) -> &'static str {
    match status {
        ToolStatus::Explicit { .. } => "Explicit",
        ToolStatus::Nbc => "NBC",
        ToolStatus::Implicit => "Implicit",
    }
}

/// `Format_Settings`: the SBR signalling, with a different PS signalling put in front
/// ("Implicit / Explicit").
fn format_settings(sbr: Option<ToolStatus>, ps: Option<ToolStatus>) -> String {
    let mut settings = match sbr {
        Some(s) if s.present() => signalling_word(s).to_owned(),
        _ => String::new(),
    };
    if let Some(p) = ps.filter(|p| p.present()) {
        let word = signalling_word(p);
        if settings != word {
            settings = if settings.is_empty() {
                word.to_owned()
            } else {
                format!("{word} / {settings}")
            };
        }
    }
    settings
}

fn fill_channels(stream: &mut Stream, info: &AacInfo, ps_present: bool) {
    let config = usize::from(info.channel_configuration);
    let (count, positions, positions2, layout) = if config != 0 {
        let layout = LAYOUTS
            .get(config)
            .map_or_else(|| format!("ChannelLayout{config}"), |s| (*s).to_owned());
        (
            CHANNELS.get(config).map_or(0, |&c| u32::from(c)),
            POSITIONS.get(config).copied().unwrap_or("").to_owned(),
            POSITIONS2.get(config).copied().unwrap_or("").to_owned(),
            layout,
        )
    } else if let Some(pce) = &info.program_config {
        let c = pce.channel_layout();
        (c.channels, c.positions, c.positions2, c.layout)
    } else {
        let count = info.als_channels.unwrap_or(0);
        (count, String::new(), String::new(), String::new())
    };
    let (count, positions, layout) = if ps_present {
        (2, "Front: L R".to_owned(), "L R".to_owned())
    } else {
        (count, positions, layout)
    };
    if count != 0 {
        stream.set("Channel(s)", count.to_string());
        stream.set(
            "Channel(s)/String",
            if count == 1 {
                "1 channel".to_owned()
            } else {
                format!("{count} channels")
            },
        );
    }
    stream.set("ChannelPositions", positions);
    stream.set("ChannelPositions/String2", positions2);
    stream.set("ChannelLayout", layout);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_strings() {
        assert_eq!(sampling_rate_string(44100), "44.1 kHz");
        assert_eq!(sampling_rate_string(48000), "48.0 kHz");
        assert_eq!(sampling_rate_string(8000), "8 000 Hz");
        assert_eq!(sampling_rate_string(96000), "96.0 kHz");
        assert_eq!(sampling_rate_string(12000), "12.0 kHz");
    }

    #[test]
    fn settings_order() {
        let exp = Some(ToolStatus::Explicit { present: true });
        assert_eq!(
            format_settings(exp, Some(ToolStatus::Implicit)),
            "Implicit / Explicit"
        );
        assert_eq!(format_settings(exp, exp), "Explicit");
        assert_eq!(
            format_settings(Some(ToolStatus::Nbc), Some(ToolStatus::Implicit)),
            "Implicit / NBC"
        );
        assert_eq!(
            format_settings(Some(ToolStatus::Explicit { present: false }), None),
            ""
        );
    }
}
