//! MediaInfo's DTS fields (File_Dts): the core's, or the lossless extension's (DTS-HD Master
//! Audio) when it is there, with MediaInfo's read-time names (profiles become
//! `Format_AdditionalFeatures` and the commercial name).

use crate::codec::dts::{
    DtsFrame, HD_SAMPLES_FACTOR, HD_SAMPLING_RATES, SAMPLING_RATES, SpecificBox,
};
use crate::report::Stream;

use super::channels::rename_2018;

const CHANNELS: [u8; 16] = [1, 2, 2, 2, 2, 3, 3, 4, 4, 5, 6, 6, 6, 7, 8, 8];
const RESOLUTION: [u8; 4] = [16, 20, 24, 24];
const POSITIONS: [&str; 16] = [
    "Front: C",
    "Front: C C",
    "Front: L R",
    "Front: L R",
    "Front: L R",
    "Front: L C R",
    "Front: L R, Back: C",
    "Front: L C R, Back: C",
    "Front: L R, Side: L R",
    "Front: L C R, Side: L R",
    "Front: L C C R, Side: L R",
    "Front: L C R, Side: L R",
    "Front: L R, Side: L R, Back: L R",
    "Front: L C R, Side: L R, Back: L R",
    "Front: L R, Side: L R, Back: L C C R",
    "Front: L C R, Side: L R, Back: L C R",
];
const POSITIONS2: [&str; 16] = [
    "1/0/0", "2/0/0", "2/0/0", "2/0/0", "2/0/0", "3/0/0", "2/1/0", "3/1/0", "2/2/0", "3/2/0",
    "4/2/0", "3/2/0", "2/2/2", "3/2/2", "2/2/4", "3/2/3",
];
const LAYOUT: [&str; 16] = [
    "M",
    "M M",
    "L R",
    "L R",
    "Lt Rt",
    "C L R",
    "L R Cs",
    "C L R Cs",
    "L R Ls Rs",
    "C L R Ls Rs",
    "Cl Cr L R Ls Rs",
    "C L R Ls Rs",
    "C L R Ls Rs Lrs Rrs",
    "C L R Ls Rs Lrs Rrs",
    "L R Ls Rs Rls Cs Cs Rrs",
    "C L R Ls Rs Rls Cs Rrs",
];

/// One profile's description (MediaInfo keeps one per profile and shows the first).
#[derive(Default)]
struct Profile {
    channels: String,
    positions: String,
    positions2: String,
    layout: String,
    bit_depth: String,
    sampling_rate: String,
    samples_per_frame: String,
    bit_rate: String,
    bit_rate_mode: &'static str,
    compression: &'static str,
}

/// Fills a DTS stream from the first frame MediaInfo describes it by.
pub fn fill_audio(s: &mut Stream, f: &DtsFrame) {
    let mut profiles: Vec<Profile> = Vec::new();
    let lossless = f.xll.is_some();
    if let (true, Some(sub)) = (lossless, &f.substream) {
        let xll = f.xll.unwrap_or_default();
        let mut p = Profile {
            bit_rate_mode: "VBR",
            compression: "Lossless",
            ..Default::default()
        };
        if let Some(c) = sub.total_channels {
            p.channels = c.to_string();
        }
        if let Some(mask) = sub.speaker_mask {
            p.positions = speaker_positions(mask);
            p.positions2 = speaker_positions2(mask);
            p.layout = rename_2018(&speaker_layout(mask), "DTS");
        }
        p.bit_depth = xll.bit_resolution.to_string();
        let rate = usize::from(xll.frequency_index & 15);
        p.sampling_rate = HD_SAMPLING_RATES[rate].to_string();
        p.samples_per_frame =
            (u32::from(sub.frame_duration_code) << (7 + HD_SAMPLES_FACTOR[rate])).to_string();
        profiles.push(p);
    }
    if let Some(core) = &f.core {
        let amode = usize::from(core.amode);
        let lfe = core.lfe != 0;
        let mut p = Profile {
            bit_rate_mode: "CBR",
            compression: "Lossy",
            ..Default::default()
        };
        if amode < 16 {
            p.channels = (CHANNELS[amode] + u8::from(lfe)).to_string();
            p.positions = format!("{}{}", POSITIONS[amode], if lfe { ", LFE" } else { "" });
            p.positions2 = format!("{}{}", POSITIONS2[amode], if lfe { ".1" } else { ".0" });
            let layout = format!("{}{}", LAYOUT[amode], if lfe { " LFE" } else { "" });
            p.layout = rename_2018(&layout, "DTS");
        } else {
            p.channels = "User Defined".into();
            p.positions = format!("User Defined{}", if lfe { ", LFE" } else { "" });
            p.positions2 = format!("User Defined{}", if lfe { ".1" } else { ".0" });
            p.layout = format!("User Defined{}", if lfe { " LFE" } else { "" });
        }
        p.bit_depth = RESOLUTION[usize::from(core.resolution & 3)].to_string();
        p.sampling_rate = SAMPLING_RATES[usize::from(core.sfreq & 15)].to_string();
        p.samples_per_frame = (u32::from(core.blocks) * 32).to_string();
        p.bit_rate = match core.rate {
            r if r < 25 => format!("{:.0}", core.bit_rate()),
            29 => "Open".into(),
            _ => String::new(),
        };
        profiles.push(p);
    }
    let Some(p) = profiles.first() else { return };
    s.set("Format", "DTS");
    if lossless {
        s.set("Format_AdditionalFeatures", "XLL");
        s.set("Format_Commercial_IfAny", "DTS-HD Master Audio");
    }
    s.set("Format_Settings_Mode", "16");
    s.set("Format_Settings_Endianness", "Big");
    s.set("Channel(s)", p.channels.clone());
    s.set("ChannelPositions", p.positions.clone());
    s.set("ChannelPositions/String2", p.positions2.clone());
    s.set("ChannelLayout", p.layout.clone());
    s.set("BitDepth", p.bit_depth.clone());
    s.set("SamplingRate", p.sampling_rate.clone());
    s.set("SamplesPerFrame", p.samples_per_frame.clone());
    s.set("BitRate", p.bit_rate.clone());
    s.set("BitRate_Mode", p.bit_rate_mode);
    s.set("Compression_Mode", p.compression);
}

/// What an MP4 `ddts` box says (File_Mpeg4 reads it without a DTS parser): the maximum
/// sampling rate, the bit rates, and the channel positions of the speaker mask and of the
/// core layout (both, one after the other, when both are there).
pub fn fill_specific_box(s: &mut Stream, b: &SpecificBox) {
    if b.sampling_frequency != 0 {
        s.set("SamplingRate", b.sampling_frequency.to_string());
    }
    if b.avg_bitrate != 0 {
        s.set("BitRate", b.avg_bitrate.to_string());
    }
    if b.max_bitrate != 0 {
        s.set("BitRate_Maximum", b.max_bitrate.to_string());
    }
    if b.channel_layout != 0 {
        s.append("ChannelPositions", &speaker_positions(b.channel_layout));
        s.append(
            "ChannelPositions/String2",
            &speaker_positions2(b.channel_layout),
        );
    }
    let core = usize::from(b.core_layout);
    if (1..16).contains(&core) {
        s.append("ChannelPositions", POSITIONS[core]);
        s.append("ChannelPositions/String2", POSITIONS2[core]);
    }
}

/// MediaInfo's display of DTS profiles (MediaInfo_Internal's legacy names): "Express" makes
/// the format "DTS LBR", the profiles become additional features ("MA" is "XLL") and name
/// the commercial format; `Format_Profile` itself is never shown.
pub fn display_profiles(s: &mut Stream) {
    if s.get("Format") != Some("DTS") {
        return;
    }
    let Some(profile) = s.remove("Format_Profile") else {
        return;
    };
    let profiles: Vec<&str> = profile.split(" / ").collect();
    let mut features = Vec::new();
    let mut commercial = None;
    for p in profiles.iter().rev() {
        match *p {
            "Core" => {}
            "Express" => commercial = Some("DTS Express"),
            "MA" => {
                features.push("XLL");
                commercial = Some("DTS-HD Master Audio");
            }
            "ES Matrix" => {
                features.push("ES");
                commercial = Some("DTS-ES");
            }
            "ES Discrete" | "ES Discrete without ES Matrix" => {
                features.push("XCh");
                if *p == "ES Discrete" {
                    commercial = Some("DTS-ES Discrete");
                }
            }
            other => {
                features.push(other);
                match other {
                    "x96" => commercial = Some("DTS 96/24"),
                    "X96" | "XBR" | "XXCH" => commercial = Some("DTS-HD High Resolution Audio"),
                    _ => {}
                }
            }
        }
    }
    if profiles.contains(&"Express") {
        // Only the displayed name changes: the format table's entry stays DTS's.
        if let Some(info) = crate::report::db::format("DTS") {
            if let Some(v) = info.info {
                s.set_if_absent("Format/Info", v);
            }
            if let Some(v) = info.url {
                s.set_if_absent("Format/Url", v);
            }
        }
        s.set("Format", "DTS LBR");
    }
    if !features.is_empty() && !s.has("Format_AdditionalFeatures") {
        s.set("Format_AdditionalFeatures", features.join(" "));
    }
    if let Some(c) = commercial {
        s.set("Format_Commercial_IfAny", c);
    }
}

/// `ChannelPositions` of an extension speaker activity mask.
fn speaker_positions(m: u16) -> String {
    let mut t = String::new();
    if m & 0x0003 == 0x0003 {
        t.push_str("Front: L C R");
    } else {
        if m & 0x0001 != 0 {
            t.push_str("Front: C");
        }
        if m & 0x0002 != 0 {
            t.push_str("Front: L R");
        }
    }
    for (bit, text) in [(0x0004, ", Side: L R"), (0x0010, ", Back: C")] {
        if m & bit != 0 {
            t.push_str(text);
        }
    }
    if m & 0x00A0 == 0x00A0 {
        t.push_str(", High: L C R");
    } else {
        if m & 0x0020 != 0 {
            t.push_str(", High: L R");
        }
        if m & 0x0080 != 0 {
            t.push_str(", High: C");
        }
    }
    for (bit, text) in [
        (0x0800, ", Side: L R"),
        (0x0040, ", Back: L R"),
        (0x0100, ", TopCtrSrrd"),
        (0x0200, ", Ctr: L R"),
        (0x0400, ", Wide: L R"),
        (0x2000, ", HiSide: L R"),
    ] {
        if m & bit != 0 {
            t.push_str(text);
        }
    }
    if m & 0xC000 == 0xC000 {
        t.push_str(", HiRear: L C R");
    } else {
        if m & 0x4000 != 0 {
            t.push_str(", HiRear: C");
        }
        if m & 0x8000 != 0 {
            t.push_str(", HiRear: L R");
        }
    }
    if m & 0x0008 != 0 {
        t.push_str(", LFE");
    }
    if m & 0x1000 != 0 {
        t.push_str(", LFE2");
    }
    t
}

/// `ChannelPositions/String2` of a speaker activity mask.
fn speaker_positions2(m: u16) -> String {
    let mut t = String::new();
    t.push_str(if m & 0x0003 == 0x0003 {
        "3"
    } else if m & 0x0001 != 0 {
        "1"
    } else if m & 0x0002 != 0 {
        "2"
    } else {
        "0"
    });
    if m & 0x0004 != 0 {
        t.push_str("/2");
    } else if m & 0x0840 == 0 {
        t.push_str("/0");
    }
    if m & 0x0010 != 0 {
        t.push_str("/1");
    } else if m & 0x0840 == 0 {
        t.push_str("/0");
    }
    if m & 0x00A0 == 0x00A0 {
        t.push_str(".3");
    } else {
        if m & 0x0020 != 0 {
            t.push_str(".2");
        }
        if m & 0x0080 != 0 {
            t.push_str(".2");
        }
    }
    for (bit, text) in [
        (0x0800, "/2"),
        (0x0040, "/2"),
        (0x0100, ".1"),
        (0x0200, ".2"),
        (0x0400, ".2"),
        (0x2000, ".2"),
    ] {
        if m & bit != 0 {
            t.push_str(text);
        }
    }
    if m & 0xC000 == 0xC000 {
        t.push_str(".3");
    } else {
        if m & 0x4000 != 0 {
            t.push_str(".1");
        }
        if m & 0x8000 != 0 {
            t.push_str(".2");
        }
    }
    if m & 0x0008 != 0 {
        t.push_str(".1");
    }
    if m & 0x1000 != 0 {
        t.push_str(".1");
    }
    t
}

/// `ChannelLayout` of a speaker activity mask, before the 2018 renaming.
fn speaker_layout(m: u16) -> String {
    if m == 1 {
        return "M".into();
    }
    let names = [
        (0x0001, "C"),
        (0x0002, "L R"),
        (0x0004, "Ls Rs"),
        (0x0008, "LFE"),
        (0x0010, "Cs"),
        (0x0020, "Lh Rh"),
        (0x0040, "Lsr Rsr"),
        (0x0080, "Ch"),
        (0x0100, "Oh"),
        (0x0200, "Lc Rc"),
        (0x0400, "Lw Rw"),
        (0x0800, "Lss Rss"),
        (0x1000, "LFE2"),
        (0x2000, "Lhs Rhs"),
        (0x4000, "Chr"),
        (0x8000, "Lhr"),
    ];
    names
        .iter()
        .filter(|(bit, _)| m & bit != 0)
        .map(|(_, n)| *n)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speaker_masks() {
        let m = 0x084B; // C, L R, LFE, Lsr Rsr, Lss Rss
        assert_eq!(
            speaker_positions(m),
            "Front: L C R, Side: L R, Back: L R, LFE"
        );
        assert_eq!(
            rename_2018(&speaker_layout(m), "DTS"),
            "C L R LFE Lb Rb Lss Rss"
        );
    }
}
