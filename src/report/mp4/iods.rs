//! The initial object descriptor's profile level (`iods`), which File_Mpeg4 puts on the track
//! its `ES_ID_Inc` names as `Format_Profile` (AAC, whose profile field is taken, as
//! `Format_Level`).

use crate::container::mp4::esds::IodProfile;
use crate::report::{Stream, StreamKind};

/// Profile names of `audioProfileLevelIndication`, by MediaInfo's profile number.
const AUDIO_PROFILES: [&str; 19] = [
    "",
    "Main Audio",
    "Scalable Audio",
    "Speech Audio",
    "Synthesis Audio",
    "High Quality Audio",
    "Low Delay Audio",
    "Natural Audio",
    "Mobile Audio Internetworking",
    "AAC",
    "High Efficiency AAC",
    "High Efficiency AAC v2",
    "Low Delay AAC",
    "Low Delay AAC v2",
    "Baseline MPEG Surround",
    "High Definition AAC",
    "ALS Simple",
    "Baseline USAC",
    "Extended HE AAC",
];

/// (profile number, level) for each `audioProfileLevelIndication` below 0x58 (ISO/IEC
/// 14496-3 table 1.14, as MediaInfo maps it; 0 is none and reserved values are (0, 0)).
const AUDIO_LEVELS: [(u8, u8); 88] = [
    (0, 0),
    (1, 1),
    (1, 2),
    (1, 3),
    (1, 4),
    (2, 1),
    (2, 2),
    (2, 3),
    (2, 4),
    (3, 1),
    (3, 2),
    (4, 1),
    (4, 2),
    (4, 3),
    (5, 1),
    (5, 2),
    (5, 3),
    (5, 4),
    (5, 5),
    (5, 6),
    (5, 7),
    (5, 8),
    (6, 1),
    (6, 2),
    (6, 3),
    (6, 4),
    (6, 5),
    (6, 6),
    (6, 7),
    (6, 8),
    (7, 1),
    (7, 2),
    (7, 3),
    (7, 4),
    (8, 1),
    (8, 2),
    (8, 3),
    (8, 4),
    (8, 5),
    (8, 6),
    (9, 1),
    (9, 2),
    (9, 4),
    (9, 5),
    (10, 2),
    (10, 3),
    (10, 4),
    (10, 5),
    (11, 2),
    (11, 3),
    (11, 4),
    (11, 5),
    (12, 1),
    (14, 1),
    (14, 2),
    (14, 3),
    (14, 4),
    (14, 5),
    (14, 6),
    (15, 1),
    (16, 1),
    (0, 0),
    (0, 0),
    (0, 0),
    (0, 0),
    (0, 0),
    (0, 0),
    (0, 0),
    (17, 1),
    (17, 2),
    (17, 3),
    (17, 4),
    (18, 1),
    (18, 2),
    (18, 3),
    (18, 4),
    (13, 1),
    (0, 0),
    (0, 0),
    (0, 0),
    (9, 6),
    (9, 7),
    (10, 6),
    (10, 7),
    (11, 6),
    (11, 7),
    (18, 6),
    (18, 7),
];

/// MediaInfo's text for a profile level: `Main Audio@L1`, a visual profile's name, or the
/// number when it has no name (none for 0xFE, "unspecified").
fn text(p: &IodProfile) -> String {
    let named = if p.audio {
        match AUDIO_LEVELS.get(usize::from(p.level)) {
            Some(&(profile, level)) if profile != 0 => {
                let name = AUDIO_PROFILES[usize::from(profile)];
                if level != 0 {
                    format!("{name}@L{level}")
                } else {
                    name.to_string()
                }
            }
            _ => String::new(),
        }
    } else {
        super::super::mpeg4v::profile_level(p.level).to_string()
    };
    if named.is_empty() && p.level != 0xFE {
        p.level.to_string()
    } else {
        named
    }
}

/// Puts the profile on the stream of track `track_id` when the descriptor is for it.
pub fn fill(s: &mut Stream, iods: Option<&IodProfile>, track_id: u32) {
    let Some(p) = iods else { return };
    let kind = if p.audio {
        StreamKind::Audio
    } else {
        StreamKind::Video
    };
    if p.track_id != track_id || s.kind() != kind {
        return;
    }
    let value = text(p);
    if value.is_empty() {
        return;
    }
    if !s.has("Format_Profile") {
        s.set("Format_Profile", value);
    } else if kind == StreamKind::Audio
        && s.get("Format").is_some_and(|f| f.contains("AAC"))
        && !s.has("Format_Level")
    {
        s.set("Format_Level", value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_texts() {
        let audio = |level| IodProfile {
            track_id: 1,
            audio: true,
            level,
        };
        assert_eq!(text(&audio(0x01)), "Main Audio@L1");
        assert_eq!(text(&audio(0x0F)), "High Quality Audio@L2");
        assert_eq!(text(&audio(0x2C)), "High Efficiency AAC@L2");
        assert_eq!(text(&audio(0xFE)), "");
        assert_eq!(text(&audio(0x60)), "96");
    }
}
