//! MediaInfo's fields for an MPEG-H 3D Audio stream (File_Mpegh3da's `Streams_Fill`), from
//! [`Mpegh3daConfig`]: profile/level with the compatible sets, rate and frame length, the
//! reference layout's channels, the DRC and loudness of the whole stream, and one
//! `SignalGroup<n>` block per signal group.

use crate::codec::mpegh::{Mpegh3daConfig, SIGNAL_GROUP_OBJECT, SpeakerLayout};
use crate::report::Stream;
use crate::report::channels::rename_2018;

const FORMAT: &str = "MPEG-H 3D Audio";

/// Channel counts per CICP speaker layout index (0 unknown; 1..=20 defined).
const CHANNELS: [u8; 21] = [
    0, 1, 2, 3, 4, 5, 6, 8, 2, 3, 4, 7, 8, 24, 8, 12, 10, 12, 14, 12, 14,
];

/// `ChannelPositions` and `ChannelPositions/String2` per CICP layout (AAC's, 1..=12).
const POSITIONS: [(&str, &str); 13] = [
    ("", ""),
    ("Front: C", "1/0/0"),
    ("Front: L R", "2/0/0"),
    ("Front: L C R", "3/0/0"),
    ("Front: L C R, Back: C", "3/0/1"),
    ("Front: L C R, Side: L R", "3/2/0"),
    ("Front: L C R, Side: L R, LFE", "3/2/0.1"),
    ("Front: L C R, Side: L R, Back: L R, LFE", "3/4/0.1"),
    ("Dual mono", "1+1"),
    ("Front: L R, Back: C", "2/0/1"),
    ("Front: L C R, Back: L R", "3/2/0"),
    ("Front: L C R, Back: L C R, LFE", "3/2/1.1"),
    ("Front: L C R, Back: L L R R, LFE", "3/2/2.1"),
];

/// CICP speakers of each CICP layout 1..=20, in MPEG-H order.
const LAYOUTS: [&[u8]; 20] = [
    &[2],
    &[0, 1],
    &[0, 1, 2],
    &[0, 1, 2, 10],
    &[0, 1, 2, 4, 5],
    &[0, 1, 2, 3, 4, 5],
    &[0, 1, 2, 3, 4, 5, 15, 16],
    &[2, 2],
    &[0, 1, 10],
    &[0, 1, 4, 5],
    &[0, 1, 2, 3, 4, 5, 10],
    &[0, 1, 2, 3, 4, 5, 8, 9],
    &[
        15, 16, 2, 26, 8, 9, 0, 1, 10, 36, 13, 14, 32, 33, 19, 25, 20, 21, 23, 24, 22, 29, 27, 28,
    ],
    &[0, 1, 2, 3, 4, 5, 17, 18],
    &[0, 1, 2, 26, 8, 9, 36, 13, 14, 32, 33, 22],
    &[0, 1, 2, 3, 4, 5, 17, 18, 30, 31],
    &[0, 1, 2, 3, 4, 5, 17, 18, 19, 30, 31, 25],
    &[0, 1, 2, 3, 4, 5, 41, 42, 17, 18, 19, 30, 31, 25],
    &[0, 1, 2, 3, 8, 9, 13, 14, 17, 18, 20, 21],
    &[0, 1, 2, 3, 8, 9, 13, 14, 32, 33, 20, 21, 37, 38],
];

/// Name and height class (0 middle, 1 LFE, 2 upper, 3 bottom) of each CICP speaker index.
const SPEAKERS: [(&str, u8); 43] = [
    ("L", 0),
    ("R", 0),
    ("C", 0),
    ("LFE", 1),
    ("Ls", 0),
    ("Rs", 0),
    ("Lc", 0),
    ("Rc", 0),
    ("Lsr", 0),
    ("Rsr", 0),
    ("Cs", 0),
    ("Lsd", 0),
    ("Rsd", 0),
    ("Lss", 0),
    ("Rss", 0),
    ("Lw", 0),
    ("Rw", 0),
    ("Lv", 2),
    ("Rv", 2),
    ("Cv", 2),
    ("Lvr", 2),
    ("Rvr", 2),
    ("Cvr", 2),
    ("Lvss", 2),
    ("Rvss", 2),
    ("Ts", 2),
    ("LFE2", 1),
    ("Lb", 3),
    ("Rb", 3),
    ("Cb", 3),
    ("Lvs", 2),
    ("Rvs", 2),
    ("Lv", 2),
    ("Rv", 2),
    ("L", 0),
    ("R", 0),
    ("LFE3", 1),
    ("Lscr", 0),
    ("Rscr", 0),
    ("Lsch", 0),
    ("Rsch", 0),
    ("Lsr", 0),
    ("Rsr", 0),
];

const SIGNAL_GROUP_TYPES: [&str; 4] = ["Channels", "Object", "SAOC", "HOA"];
const PROFILES: [&str; 4] = ["Main", "High", "LC", "BL"];

/// `Main@L1`… from an mpegh3daProfileLevelIndication (a number past the known ones).
pub fn profile(indication: u8) -> String {
    match indication {
        0 => String::new(),
        20.. => indication.to_string(),
        i => format!(
            "{}@L{}",
            PROFILES[usize::from((i - 1) / 5)],
            (i - 1) % 5 + 1
        ),
    }
}

/// A list of CICP speakers as names.
fn speaker_names(speakers: &[u8]) -> String {
    speakers
        .iter()
        .map(|&i| {
            SPEAKERS
                .get(usize::from(i))
                .map_or_else(|| i.to_string(), |s| s.0.to_string())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The channel mode of a list of CICP speakers: `5.1`, `7.1.4`, `22.2`.
fn speaker_mode(speakers: &[u8]) -> String {
    let mut n = [0usize; 5];
    for &i in speakers {
        n[SPEAKERS.get(usize::from(i)).map_or(4, |s| usize::from(s.1))] += 1;
    }
    if speakers.len() == 24 && n[..4] == [10, 2, 9, 3] {
        return "22.2".into();
    }
    let mut mode = format!("{}.{}", n[0], n[1]);
    if n[2] != 0 || n[3] != 0 {
        mode.push_str(&format!(".{}", n[2]));
        if n[3] != 0 {
            mode.push_str(&format!(".{}", n[3]));
        }
    }
    if n[4] != 0 {
        mode.push_str(&format!("+{}", n[4]));
    }
    mode
}

/// "1 channel", "12 channels"; "10 objects".
fn counted(n: u32, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

fn name(prefix: &str, field: &str) -> String {
    format!("{prefix}{field}")
}

/// `Streams_Fill_ChannelLayout`: the channel fields of a layout, under `prefix`
/// (`"SignalGroup0 "`, or nothing for the stream's reference layout).
fn fill_layout(s: &mut Stream, prefix: &str, layout: &SpeakerLayout, group_type: Option<u8>) {
    let cicp = usize::from(layout.cicp_layout);
    let channels = CHANNELS.get(cicp).copied().unwrap_or(0);
    if channels != 0 {
        let speakers = LAYOUTS[cicp - 1];
        let (mode, list) = if cicp == 1 {
            ("M".to_string(), "M".to_string())
        } else {
            (speaker_mode(speakers), speaker_names(speakers))
        };
        s.set(name(prefix, "Channel(s)"), channels.to_string());
        if !prefix.is_empty() {
            let mut text = counted(u32::from(channels), "channel");
            if mode.len() > 3 || (mode.len() == 3 && !mode.ends_with('0')) {
                text = format!("{text} ({mode})");
            }
            s.set(name(prefix, "Channel(s)/String"), text);
        }
        let (positions, positions2) = POSITIONS.get(cicp).copied().unwrap_or_default();
        s.set(name(prefix, "ChannelPositions"), positions);
        s.set(name(prefix, "ChannelPositions/String2"), positions2);
        s.set(name(prefix, "ChannelMode"), mode);
        s.set(name(prefix, "ChannelLayout"), rename_2018(&list, FORMAT));
    } else if layout.num_speakers != 0 {
        let n = layout.num_speakers;
        if group_type == Some(SIGNAL_GROUP_OBJECT) {
            s.set(name(prefix, "NumberOfObjects"), n.to_string());
            s.set(name(prefix, "NumberOfObjects/String"), counted(n, "object"));
        } else {
            s.set(name(prefix, "Channel(s)"), n.to_string());
            s.set(name(prefix, "Channel(s)/String"), counted(n, "channel"));
        }
        let cicp_list: Option<Vec<u8>> = if !layout.cicp_speakers.is_empty() {
            Some(layout.cicp_speakers.clone())
        } else {
            layout.speakers.iter().map(|sp| sp.cicp).collect()
        };
        match cicp_list {
            Some(list) if !list.is_empty() => {
                s.set(name(prefix, "ChannelMode"), speaker_mode(&list));
                s.set(
                    name(prefix, "ChannelLayout"),
                    rename_2018(&speaker_names(&list), FORMAT),
                );
            }
            _ => {
                let text = layout
                    .speakers
                    .iter()
                    .map(|sp| match sp.cicp {
                        Some(i) => speaker_names(&[i]),
                        None => {
                            let height = match (sp.elevation, sp.elevation_direction) {
                                (0, _) => 'M',
                                (_, true) => 'B',
                                _ => 'U',
                            };
                            let side = if sp.azimuth != 0 && sp.azimuth != 180 {
                                if sp.azimuth_direction { "L" } else { "R" }
                            } else {
                                ""
                            };
                            format!("{height}_{side}{:03}", sp.azimuth)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
                s.set(name(prefix, "ChannelLayout"), rename_2018(&text, FORMAT));
            }
        }
    } else if layout.cicp_layout != 0 {
        s.set(
            name(prefix, "ChannelLayout"),
            layout.cicp_layout.to_string(),
        );
    }
}

/// Fills the codec-level fields MediaInfo 24.12 sets for an MPEG-H 3D Audio stream.
pub fn fill_audio(s: &mut Stream, c: &Mpegh3daConfig) {
    s.set("Format", FORMAT);
    let mut profile_text = profile(c.profile_level);
    for &set in &c.compatible_sets {
        profile_text.push_str(", ");
        profile_text.push_str(&profile(set));
    }
    s.set("Format_Profile", profile_text);
    if c.sampling_frequency != 0 {
        s.set("SamplingRate", c.sampling_frequency.to_string());
    }
    if let Some(len) = c.frame_length() {
        s.set("SamplesPerFrame", len.to_string());
    }
    fill_layout(s, "", &c.reference_layout, None);
    if !c.signal_groups.is_empty() {
        s.set("SignalGroupCount", c.signal_groups.len().to_string());
    }
    if let Some(main) = c.drc.get(&(0, 0)) {
        super::loudness::fill_drc(s, "", &main.drc_sets);
        super::loudness::fill_loudness(s, "", main);
    }
    for (i, g) in c.signal_groups.iter().enumerate() {
        let e = format!("SignalGroup{i}");
        s.set(&e, "Yes");
        s.set(format!("{e} Pos"), i.to_string());
        let type_name = SIGNAL_GROUP_TYPES.get(usize::from(g.kind));
        if let Some(t) = type_name {
            s.set(format!("{e} Type"), *t);
        }
        let prefix = format!("{e} ");
        fill_layout(s, &prefix, &g.layout, Some(g.kind));
        let summary = match g.kind {
            0 => s
                .get(&name(&prefix, "Channel(s)/String"))
                .map(str::to_string),
            1 => s
                .get(&name(&prefix, "NumberOfObjects/String"))
                .map(str::to_string),
            k => Some(type_name.map_or_else(|| k.to_string(), |t| (*t).to_string())),
        };
        if let Some(summary) = summary {
            s.set(&e, summary);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles() {
        assert_eq!(profile(0x10), "BL@L1");
        assert_eq!(profile(0x0D), "LC@L3");
        assert_eq!(profile(0x12), "BL@L3");
        assert_eq!(profile(1), "Main@L1");
        assert_eq!(profile(42), "42");
    }

    #[test]
    fn layouts() {
        assert_eq!(speaker_mode(LAYOUTS[18]), "7.1.4");
        assert_eq!(
            rename_2018(&speaker_names(LAYOUTS[18]), FORMAT),
            "L R C LFE Lb Rb Lss Rss Tfl Tfr Tbl Tbr"
        );
        assert_eq!(speaker_mode(LAYOUTS[12]), "22.2");
        assert_eq!(speaker_mode(LAYOUTS[5]), "5.1");
    }

    #[test]
    fn object_group() {
        let mut c = Mpegh3daConfig {
            profile_level: 0x0D,
            compatible_sets: vec![0x12],
            sampling_frequency: 48000,
            core_sbr_frame_length_index: 1,
            ..Default::default()
        };
        c.reference_layout.cicp_layout = 19;
        c.signal_groups.push(crate::codec::mpegh::SignalGroup {
            kind: SIGNAL_GROUP_OBJECT,
            signals: 10,
            layout: SpeakerLayout {
                num_speakers: 10,
                ..Default::default()
            },
        });
        let mut s = Stream::new(crate::report::StreamKind::Audio);
        fill_audio(&mut s, &c);
        assert_eq!(s.get("Format_Profile"), Some("LC@L3, BL@L3"));
        assert_eq!(s.get("Channel(s)"), Some("12"));
        assert_eq!(s.get("ChannelPositions"), None);
        assert_eq!(s.get("ChannelMode"), Some("7.1.4"));
        assert_eq!(s.get("SamplesPerFrame"), Some("1024"));
        assert_eq!(s.get("SignalGroup0"), Some("10 objects"));
        assert_eq!(s.get("SignalGroup0 NumberOfObjects"), Some("10"));
    }
}
