//! MediaInfo's AC-3 fields (File_Ac3), from the first syncframes.

use crate::codec::ac3::{BIT_RATES, Bsi, SAMPLING_RATES};
use crate::report::Stream;

/// Frames MediaInfo looks at.
pub const FRAMES: usize = 32;

pub(crate) const POSITIONS: [&str; 8] = [
    "Dual mono",
    "Front: C",
    "Front: L R",
    "Front: L C R",
    "Front: L R,   Back: C",
    "Front: L C R, Back: C",
    "Front: L R,   Side: L R",
    "Front: L C R, Side: L R",
];
pub(crate) const POSITIONS2: [&str; 8] = [
    "1+1", "1/0/0", "2/0/0", "3/0/0", "2/1/0", "3/1/0", "2/2/0", "3/2/0",
];
pub(crate) const LAYOUT: [&str; 8] = [
    "M M",
    "M",
    "L R",
    "L R C",
    "L R S",
    "L R C Cs",
    "L R Ls Rs",
    "L R C Ls Rs",
];
pub(crate) const LAYOUT_LFE: [&str; 8] = [
    "1+1 LFE",
    "C LFE",
    "L R LFE",
    "L R C LFE",
    "L R S LFE",
    "L R C LFE Cs",
    "L R LFE Ls Rs",
    "L R C LFE Ls Rs",
];
pub(crate) const CHANNELS: [u8; 8] = [2, 1, 2, 3, 3, 4, 4, 5];
pub(crate) const SERVICE: [(&str, &str); 8] = [
    ("CM", "Complete Main"),
    ("ME", "Music and Effects"),
    ("VI", "Visually Impaired"),
    ("HI", "Hearing Impaired"),
    ("D", "Dialogue"),
    ("C", "Commentary"),
    ("E", "Emergency"),
    ("VO", "Voice Over"),
];

/// Fills an AC-3 audio stream from the syncframes seen (the first one describes the stream;
/// dialogue normalization is summarized over all).
pub fn fill_audio(s: &mut Stream, frames: &[Bsi]) {
    let Some(first) = frames.first() else { return };
    s.set("Format", "AC-3");
    s.set("Format_Commercial_IfAny", "Dolby Digital");
    s.set("Format_Settings_Endianness", "Big");
    s.set("BitRate_Mode", "CBR");
    let divider = if first.bsid == 9 { 2 } else { 1 };
    if let Some(&kbps) = BIT_RATES.get(usize::from(first.frmsizecod / 2)) {
        s.set("BitRate", (kbps * 1000 / divider).to_string());
    }
    fill_channels(s, first.acmod, first.lfeon);
    // MediaInfo's SamplesPerFrame follows the highest bsid seen: 768 for the half-rate
    // bsid 9 (its "unofficial hack"), none for bsid 10.
    match frames.iter().map(|b| b.bsid).max() {
        Some(0..=8) => s.set("SamplesPerFrame", "1536"),
        Some(9) => s.set("SamplesPerFrame", "768"),
        _ => {}
    }
    s.set(
        "SamplingRate",
        (SAMPLING_RATES[usize::from(first.fscod)] / divider).to_string(),
    );
    let (kind, kind_text) = SERVICE[usize::from(first.bsmod & 7)];
    s.set("ServiceKind", kind);
    s.set("ServiceKind/String", kind_text);
    s.set("bsid", first.bsid.to_string());
    let db = |d: u8| -i32::from(if d == 0 { 31 } else { d });
    s.set("dialnorm", db(first.dialnorm).to_string());
    s.set("dialnorm/String", format!("{} dB", db(first.dialnorm)));
    if let Some(c) = first.compr {
        let value = if c == 0 {
            "0.00".to_string()
        } else {
            format!("{:.2}", compr_db(c))
        };
        s.set("compr", value.clone());
        s.set("compr/String", format!("{value} dB"));
    }
    if let Some(d) = first.dsurmod {
        s.set("dsurmod", d.to_string());
        let text = [
            "",
            "Not Dolby Surround encoded",
            "Dolby Surround encoded",
            "",
        ];
        let text = text[usize::from(d & 3)];
        if !text.is_empty() {
            s.set("dsurmod/String", text);
        }
    }
    s.set("acmod", first.acmod.to_string());
    s.set("lfeon", u8::from(first.lfeon).to_string());
    // File_Ac3's "other metadata": the mix levels of the first frame.
    if let Some(c) = first.cmixlev.filter(|&c| c <= 2) {
        let value = format!("{:.1}", -3.0 - f32::from(c) * 1.5);
        s.set("cmixlev", value.clone());
        s.set("cmixlev/String", format!("{value} dB"));
    }
    if let Some(m) = first.surmixlev.filter(|&m| m <= 2) {
        let value = if m == 2 {
            "-inf".to_string()
        } else {
            (-3 - i32::from(m) * 3).to_string()
        };
        s.set("surmixlev", format!("{value} dB"));
        s.set("surmixlev/String", format!("{value} dB"));
    }
    if let Some((mixlevel, roomtyp)) = first.mixlevel_roomtyp {
        let value = (80 + u32::from(mixlevel)).to_string();
        s.set("mixlevel", value.clone());
        s.set("mixlevel/String", format!("{value} dB"));
        if roomtyp != 0 {
            s.set("roomtyp", ["Large", "Small", "3"][usize::from(roomtyp - 1)]);
        }
    }
    if let Some(x) = first.xbsi1 {
        if x.dmixmod != 0 {
            s.set(
                "dmixmod",
                ["Lt/Rt", "Lo/Ro", "3"][usize::from(x.dmixmod - 1)],
            );
        }
        for (name, index) in [
            ("ltrtcmixlev", x.ltrtcmixlev),
            ("ltrtsurmixlev", x.ltrtsurmixlev),
            ("lorocmixlev", x.lorocmixlev),
            ("lorosurmixlev", x.lorosurmixlev),
        ] {
            let value = level(index);
            s.set(name, value.clone());
            s.set(format!("{name}/String"), format!("{value} dB"));
        }
        if first.adconvtyp {
            s.set("adconvtyp", "HDCD");
        }
    }
    dialnorm_statistics(s, frames.iter().map(|f| f.dialnorm));
    // File_Ac3 keeps 0xFF as its "no value" mark, so a gain word of 0xFF is not counted.
    compr_statistics(
        s,
        frames.iter().filter_map(|f| f.compr).filter(|&c| c != 0xFF),
    );
}

/// Channel count, positions and layout from `acmod` and `lfeon` (AC-3 and E-AC-3 alike).
pub(crate) fn fill_channels(s: &mut Stream, acmod: u8, lfeon: bool) {
    let acmod = usize::from(acmod & 7);
    let mut channels = CHANNELS[acmod];
    let mut positions = POSITIONS[acmod].to_string();
    let mut positions2 = POSITIONS2[acmod].to_string();
    if lfeon {
        channels += 1;
        positions.push_str(", LFE");
        positions2.push_str(".1");
    }
    s.set("Channel(s)", channels.to_string());
    s.set("ChannelPositions", positions);
    s.set("ChannelPositions/String2", positions2);
    s.set(
        "ChannelLayout",
        if lfeon {
            LAYOUT_LFE[acmod]
        } else {
            LAYOUT[acmod]
        },
    );
}

/// A downmix level code in dB (`AC3_Level_Value`: 3 dB down by 1.5 dB steps, 7 is -inf).
fn level(index: u8) -> String {
    if index == 7 {
        "-inf".to_string()
    } else {
        format!("{:.1}", 3.0 - f32::from(index) * 1.5)
    }
}

/// Dialogue normalization over the frames seen: average (taken on intensities), the
/// quietest and loudest values, and the count (File_Ac3's Streams_Finish).
pub(crate) fn dialnorm_statistics(s: &mut Stream, dialnorms: impl Iterator<Item = u8>) {
    let mut min_raw = 1u8;
    let mut max_raw = 31u8;
    let mut sum = 0f64;
    let mut count = 0usize;
    for d in dialnorms {
        let raw = if d == 0 { 31 } else { d };
        min_raw = min_raw.max(raw);
        max_raw = max_raw.min(raw);
        sum += 10f64.powf(-f64::from(d) / 10.0);
        count += 1;
    }
    if count == 0 {
        return;
    }
    let average = (sum / count as f64).log10() * 10.0;
    let average = format!("{average:.0}");
    s.set("dialnorm_Average", average.clone());
    s.set("dialnorm_Average/String", format!("{average} dB"));
    s.set("dialnorm_Minimum", (-i32::from(min_raw)).to_string());
    s.set(
        "dialnorm_Minimum/String",
        format!("{} dB", -i32::from(min_raw)),
    );
    s.set("dialnorm_Maximum", (-i32::from(max_raw)).to_string());
    s.set(
        "dialnorm_Maximum/String",
        format!("{} dB", -i32::from(max_raw)),
    );
    s.set("dialnorm_Count", count.to_string());
}

/// `compr` values of the high nibble (6.02 dB steps), File_Ac3's `AC3_compr`.
pub(crate) const COMPR: [f64; 16] = [
    6.02, 12.04, 18.06, 24.08, 30.10, 36.12, 42.14, 48.16, -42.14, -36.12, -30.10, -24.08, -18.06,
    -12.04, -6.02, 0.00,
];

/// A `compr` code in dB (the statistics take code 0 through the formula too; only the
/// first frame's value treats it as 0 dB).
pub(crate) fn compr_db(c: u8) -> f64 {
    COMPR[usize::from(c >> 4)]
        + 20.0 * ((f64::from(0x10 + (c & 0x0F)) as f32 / 32.0) as f64).log10()
}

/// Heavy compression over the frames that carry it: average (on intensities), extremes and
/// count (File_Ac3's Streams_Finish).
pub(crate) fn compr_statistics(s: &mut Stream, comprs: impl Iterator<Item = u8>) {
    let (mut min, mut max, mut sum, mut count) = (47.89f64, -48.16f64, 0f64, 0usize);
    for c in comprs {
        let v = compr_db(c);
        min = min.min(v);
        max = max.max(v);
        sum += 10f64.powf(v / 10.0);
        count += 1;
    }
    if count == 0 {
        return;
    }
    let average = (sum / count as f64).log10() * 10.0;
    for (name, v) in [
        ("compr_Average", average),
        ("compr_Minimum", min),
        ("compr_Maximum", max),
    ] {
        s.set(name, format!("{v:.2}"));
        s.set(format!("{name}/String"), format!("{v:.2} dB"));
    }
    s.set("compr_Count", count.to_string());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gains_and_levels_in_db() {
        assert_eq!(format!("{:.2}", compr_db(0xFF)), "-0.28");
        assert_eq!(format!("{:.2}", compr_db(0x10)), "6.02");
        assert_eq!(level(4), "-3.0");
        assert_eq!(level(7), "-inf");
    }
}
