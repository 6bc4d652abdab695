//! MediaInfo's AC-4 fields (File_Ac4's Streams_Fill): format, version, sampling and frame
//! rates, then the presentations, substream groups and substreams of the last I-frame read
//! (or of the `dac4` box when no frame was read) as nested `PresentationN …`, `GroupN …` and
//! `SubstreamN …` fields, and the channels they add up to.

use crate::codec::ac4::toc::Frames;
use crate::codec::ac4::{
    Ac4Dsi, Group, Presentation, SubstreamType, ch_mode_channels, frame_rate, objects,
};
use crate::report::Stream;
use crate::report::numbers::fixed;

const CONTENT_CLASSIFIER: [&str; 9] = [
    "Main",
    "Music and Effects",
    "Visually Impaired",
    "Hearing Impaired",
    "Dialogue",
    "Commentary",
    "Emergency",
    "Voice Over",
    "Associate",
];
/// The generic "Associate" classifier (an index past the coded ones).
const ASSOCIATE: u8 = 8;
const DIALOGUE: u8 = 4;

const CH_MODE: [&str; 16] = [
    "Mono",
    "Stereo",
    "3.0",
    "5.0",
    "5.1",
    "7.0 3/4/0",
    "7.1 3/4/0.1",
    "7.0 5/2/0",
    "7.1 5/2/0.1",
    "7.0 3/2/2",
    "7.1 3/2/2.1",
    "7.0.4",
    "7.1.4",
    "9.0.4",
    "9.1.4",
    "22.2",
];

const PRESENTATION_CONFIG: [&str; 7] = [
    "Music and Effects + Dialogue",
    "Main + Dialogue Enhancement",
    "Main + Associate",
    "Music and Effects + Dialogue + Associate",
    "Main + Dialogue Enhancement + Associate",
    "Arbitrary Substream Groups",
    "EMDF Only",
];

/// The roles of the groups of presentation configs 0 to 4 (Music and Effects = 1,
/// Dialogue = 4, Main = 0, Associate = 8).
const CONFIG_ROLES: [&[u8]; 5] = [&[1, 4], &[0, 4], &[0, 8], &[1, 4, 8], &[0, 4, 8]];

const DE_CHANNEL_CONFIG: [&str; 8] = ["", "C", "R", "R C", "L", "L C", "L R", "L R C"];

const IMMERSIVE_STEREO: [&str; 2] = ["Multichannel Content", "Dolby Atmos Content"];

const DRC_EAC3_PROFILE: [&str; 6] = [
    "",
    "Film standard",
    "Film light",
    "Music standard",
    "Music light",
    "Speech",
];
const DRC_DECODER_MODE: [&str; 4] = [
    "HomeTheaterAvr",
    "FlatPanelTv",
    "PortableSpeakers",
    "PortableHeadphones",
];

/// MediaInfo's table lookup: the name, or the number when the table has none.
fn value(table: &[&str], i: u8) -> String {
    match table.get(usize::from(i)) {
        Some(s) => (*s).to_string(),
        None => i.to_string(),
    }
}

fn loud_prac_type(i: u8) -> String {
    match i {
        1 => "ATSC A/85".into(),
        2 => "EBU R128".into(),
        3 => "ARIB TR-B32".into(),
        4 => "FreeTV OP-59".into(),
        14 => "Manual".into(),
        15 => "Consumer leveler".into(),
        _ => i.to_string(),
    }
}

fn dialgate_prac_type(i: u8) -> String {
    match i {
        1 => "Automated C or L+R".into(),
        2 => "Automated individual front channels".into(),
        3 => "Manual".into(),
        _ => i.to_string(),
    }
}

/// Speaker names of the channel bits, in File_Ac4's list order.
const CHANNEL_NAMES: [&str; 28] = [
    "L", "R", "C", "LFE", "Ls", "Rs", "Lb", "Rb", "Tfl", "Tfr", "Tsl", "Tsr", "Tbl", "Tbr", "Lw",
    "Rw", "LFE2", "Cb", "Lscr", "Rscr", "Tsl", "Tsr", "Tc", "Bfl", "Bfr", "Bfc", "Tfc", "Tbc",
];

/// The channel layout of a channel mask: File_Ac4 lists wide channels before the top layer.
/// An empty mask is a mono `M` in a one-group stream, else `C`.
pub fn channel_layout(mask: u32, groups: usize) -> String {
    if mask == 0 {
        return if groups == 1 { "M" } else { "C" }.to_string();
    }
    const REORDER: [i8; 28] = [
        0, 0, 0, 0, 0, 0, 0, 0, 6, 6, -2, -2, -2, -2, -2, -2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];
    let mut out: Vec<&str> = Vec::new();
    for (i, d) in REORDER.iter().enumerate() {
        let j = (i as i32 + i32::from(*d)) as usize;
        if mask & (1 << j) != 0 {
            out.push(CHANNEL_NAMES[j]);
        }
    }
    out.join(" ")
}

/// A channel mode's name with the optional channels of the 7.x.4 and 9.x.4 modes taken out.
fn ch_mode_name(mode: u8, back4: bool, centre: bool, top_pairs: u8) -> String {
    let mut name = value(&CH_MODE, mode).into_bytes();
    if (11..=14).contains(&mode) && name.len() > 4 {
        if !back4 {
            name[0] = name[0].wrapping_sub(2);
        }
        if !centre {
            name[0] = name[0].wrapping_sub(1);
        }
        if top_pairs != 2 {
            name[4] = name[4].wrapping_sub(2u8.wrapping_sub(top_pairs).wrapping_mul(2));
        }
    }
    let mut name = String::from_utf8_lossy(&name).into_owned();
    if matches!(mode, 13 | 14) {
        name.push_str(" (scr)");
    }
    name
}

/// Dialogue normalization in dB with two decimals; 0 is "-0.00" as MediaInfo prints the
/// negative zero it computes.
fn dialnorm(bits: u8) -> String {
    format!("{:.2}", -0.25 * f64::from(bits))
}

/// A language code's English name, or the code.
fn language_name(code: &str) -> String {
    crate::report::db::language_name(code).map_or_else(|| code.to_string(), str::to_string)
}

/// Fills an AC-4 stream from its decoder specific information and the frames read.
pub fn fill_audio(s: &mut Stream, d: &Ac4Dsi, frames: Option<&Frames>) {
    let read = frames.filter(|f| f.count > 0);
    let (version, fs, fri) = match read {
        Some(f) => (f.bitstream_version, f.fs_index, f.frame_rate_index),
        None => (d.bitstream_version, d.fs_index, d.frame_rate_index),
    };
    s.set("Format", "AC-4");
    s.set("Format_Commercial_IfAny", "Dolby AC-4");
    s.set("Format_Version", format!("Version {version}"));
    s.set("bitstream_version", version.to_string());
    s.set(
        "SamplingRate",
        if fs == 1 { "48000" } else { "44100" }.to_string(),
    );
    let rate = frame_rate(fs, fri);
    s.set("FrameRate", fixed(rate, 3));
    if let Some((num, den)) = crate::report::finish::frame_rate_fraction(rate) {
        s.set("FrameRate_Num", num);
        s.set("FrameRate_Den", den);
    }
    if let Some(f) = read
        && let Some(v) = iframe_interval(&f.iframes, rate)
    {
        s.set("IFrameInterval", v.clone());
        s.set("IFrameInterval/String", format!("{v} frames"));
    }

    let empty = Frames::default();
    let f = read.unwrap_or(&empty);
    let from_dsi = f.presentations.is_empty() && f.groups.is_empty() && f.substreams.is_empty();
    let (presentations, groups) = if from_dsi {
        (&d.presentations, &d.groups)
    } else {
        (&f.presentations, &f.groups)
    };
    if !presentations.is_empty() {
        s.set("NumberOfPresentations", presentations.len().to_string());
    }
    if !groups.is_empty() && version >= 2 {
        s.set("NumberOfGroups", groups.len().to_string());
    }
    if !f.substreams.is_empty() && !from_dsi {
        s.set("NumberOfSubstreams", f.substreams.len().to_string());
    }
    for (i, p) in presentations.iter().enumerate() {
        fill_presentation(s, i, p, groups, version);
    }
    if version >= 2 {
        for (i, g) in groups.iter().enumerate() {
            fill_group(s, i, g, presentations, f);
        }
    }
    if !from_dsi {
        fill_substreams(s, f);
    }
    channels_from_substreams(s);
}

/// File_Ac4's I-frame interval: the one distance between I-frames, or two distances one
/// apart (then the frame rate when it is the shorter).
fn iframe_interval(iframes: &[usize], rate: f64) -> Option<String> {
    if iframes.len() < 2 {
        return None;
    }
    let mut gaps: Vec<usize> = iframes.windows(2).map(|w| w[1] - w[0]).collect();
    gaps.sort_unstable();
    gaps.dedup();
    match gaps[..] {
        [g] => Some(g.to_string()),
        [a, b] if a + 1 == b => Some(if rate as usize == a {
            fixed(rate, 3)
        } else {
            format!("{a}/{b}")
        }),
        _ => None,
    }
}

fn fill_presentation(s: &mut Stream, i: usize, p: &Presentation, groups: &[Group], version: u8) {
    let mut channel_mode = String::new();
    if p.ch_mode == Some(1) && p.immersive_stereo.is_some() {
        channel_mode = "Immersive Stereo".into();
    } else if let Some(m) = p.ch_mode {
        channel_mode = ch_mode_name(
            m,
            p.b_4_back_channels_present,
            p.b_centre_present,
            p.top_channel_pairs,
        );
    } else if p
        .groups
        .iter()
        .any(|&g| groups.get(g).is_some_and(|g| !g.channel_coded))
    {
        channel_mode = "Object Audio".into();
    }
    let config_name = match p.config {
        None => "Main".to_string(),
        Some(c) => value(&PRESENTATION_CONFIG, c),
    };
    let roles = p
        .config
        .and_then(|c| CONFIG_ROLES.get(usize::from(c)).copied());
    let mut by_classifiers = String::new();
    let mut atmos = false;
    for (k, &gi) in p.groups.iter().enumerate() {
        let Some(g) = groups.get(gi) else { continue };
        if k > 0 {
            by_classifiers.push_str(" + ");
        }
        let role = roles.and_then(|r| r.get(k).copied());
        if let Some(mut c) = g.classifier {
            if role == Some(ASSOCIATE) && matches!(c, 2 | 3 | 5) {
                c = ASSOCIATE;
            }
            by_classifiers.push_str(&value(&CONTENT_CLASSIFIER, c));
            if g.classifier == Some(DIALOGUE) && matches!(p.config, Some(1 | 4)) && k == 1 {
                by_classifiers.push_str(" Enhancement");
            }
        } else if let Some(r) = role {
            by_classifiers.push_str(&value(&CONTENT_CLASSIFIER, r));
            if r == DIALOGUE && matches!(p.config, Some(1 | 4)) && k == 1 {
                by_classifiers.push_str(" Enhancement");
            }
        } else if let Some(c) = p.config {
            by_classifiers.push_str(&c.to_string());
        } else {
            by_classifiers.push_str("Main");
        }
        if !atmos && p.version >= 2 {
            atmos = g.substreams.iter().any(|s| s.immersive_stereo == Some(1));
        }
    }
    let mut summary = channel_mode.clone();
    if !summary.is_empty() {
        summary.push(' ');
    }
    summary.push_str(&config_name);
    if !p.language.is_empty() {
        summary.push_str(&format!(" ({})", language_name(&p.language)));
    }
    let n = format!("Presentation{i}");
    s.set(&n, summary);
    s.set(format!("{n} Pos"), i.to_string());
    if let Some(x) = p.substream_index {
        s.set(format!("{n} Index"), x.to_string());
    }
    if let Some(id) = p.id {
        s.set(format!("{n} PresentationID"), id.to_string());
    }
    s.set(format!("{n} ChannelMode"), channel_mode);
    if p.config.is_some() {
        s.set(format!("{n} PresentationConfig"), config_name.clone());
    }
    if !by_classifiers.is_empty() && by_classifiers != config_name {
        s.set(
            format!("{n} PresentationConfig_ContentClassifier"),
            by_classifiers,
        );
    }
    if atmos {
        s.set(format!("{n} DolbyAtmos"), "Yes");
    }
    if let Some(b) = p.loudness.dialnorm_bits {
        s.set(format!("{n} DialogueNormalization"), dialnorm(b));
    }
    if !p.language.is_empty() {
        s.set(format!("{n} Language"), p.language.clone());
        s.set(format!("{n} Language/String"), language_name(&p.language));
    }
    if let Some(m) = p.multi_pid {
        s.set(format!("{n} MultipleStream"), if m { "Yes" } else { "No" });
    }
    fill_loudness(s, &n, &p.loudness);
    fill_drc(s, &n, &p.drc);
    let pos: Vec<String> = p.groups.iter().map(|g| g.to_string()).collect();
    let num: Vec<String> = p.groups.iter().map(|g| (g + 1).to_string()).collect();
    let linked = if version < 2 {
        "LinkedTo_Substream_Pos"
    } else {
        "LinkedTo_Group_Pos"
    };
    s.set(format!("{n} {linked}"), pos.join(" + "));
    s.set(format!("{n} {linked}/String"), num.join(" + "));
}

fn fill_loudness(s: &mut Stream, n: &str, l: &crate::codec::ac4::Loudness) {
    let prac = l.loud_prac_type.filter(|&t| t != 0);
    if l.loudspchgat.is_none()
        && l.loudrelgat.is_none()
        && prac.is_none()
        && l.max_truepk.is_none()
        && l.lra.is_none()
    {
        return;
    }
    let lkfs = |v: u16| fixed((f64::from(v) - 1024.0) / 10.0, 1);
    let p = format!("{n} Loudness");
    s.set(&p, "Yes");
    if let Some(v) = l.loudspchgat {
        let value = lkfs(v);
        s.set(format!("{p} IntegratedLoudness_Speech"), value.clone());
        let mut text = format!("{value} LKFS");
        if l.loudspchgat_dialgate_prac_type != 0 {
            let t = dialgate_prac_type(l.loudspchgat_dialgate_prac_type);
            s.set(format!("{p} IntegratedLoudness_Speech_Type"), t.clone());
            text.push_str(&format!(" ({t})"));
        }
        s.set(format!("{p} IntegratedLoudness_Speech/String"), text);
    }
    if let Some(v) = l.loudrelgat {
        let value = lkfs(v);
        s.set(format!("{p} IntegratedLoudness_Level"), value.clone());
        s.set(
            format!("{p} IntegratedLoudness_Level/String"),
            format!("{value} LKFS"),
        );
    }
    if let Some(t) = prac {
        s.set(format!("{p} AudioLoudnessStandard"), loud_prac_type(t));
        s.set(
            format!("{p} RealtimeLoudnessCorrected"),
            if l.b_loudcorr_type { "Yes" } else { "No" },
        );
        let mut corrected = if l.loud_dialgate_prac_type.is_some() {
            "Yes"
        } else {
            "No"
        }
        .to_string();
        s.set(format!("{p} DialogueCorrected"), corrected.clone());
        if let Some(d) = l.loud_dialgate_prac_type.filter(|&d| d != 0) {
            let t = dialgate_prac_type(d);
            s.set(format!("{p} DialogueCorrected_Type"), t.clone());
            corrected.push_str(&format!(" ({t})"));
        }
        s.set(format!("{p} DialogueCorrected/String"), corrected);
    }
    if let Some(v) = l.max_truepk {
        let value = lkfs(v);
        s.set(format!("{p} MaxTruePeak"), value.clone());
        s.set(format!("{p} MaxTruePeak/String"), format!("{value} dBTP"));
    }
    if let Some(v) = l.max_loudmntry {
        let value = lkfs(v);
        s.set(format!("{p} MaximumMomentaryLoudness"), value.clone());
        s.set(
            format!("{p} MaximumMomentaryLoudness/String"),
            format!("{value} LUFS"),
        );
    }
    if let Some(v) = l.lra {
        let value = fixed(f64::from(v) / 10.0, 1);
        s.set(format!("{p} Loudness_Range"), value.clone());
        let mut text = format!("{value} LU");
        if l.loudspchgat_dialgate_prac_type != 0 {
            let t = match l.lra_prac_type {
                0 => "EBU Tech 3342 v1".to_string(),
                1 => "EBU Tech 3342 v2".to_string(),
                x => x.to_string(),
            };
            s.set(format!("{p} Loudness_Range_Type"), t.clone());
            text.push_str(&format!(" ({t})"));
        }
        s.set(format!("{p} Loudness_Range/String"), text);
    }
}

/// The standard DRC curves of the E-AC-3 profiles (None: File_Ac4's "any" value).
const CURVE_PROFILES: [[Option<u8>; 13]; 6] = {
    const N: Option<u8> = None;
    const fn c(v: [u8; 13]) -> [Option<u8>; 13] {
        let mut out = [None; 13];
        let mut i = 0;
        while i < 13 {
            out[i] = if v[i] == 0xFF { None } else { Some(v[i]) };
            i += 1;
        }
        out
    }
    [
        [
            Some(0),
            Some(0),
            Some(0),
            Some(0),
            N,
            N,
            N,
            N,
            N,
            N,
            N,
            N,
            N,
        ],
        c([0, 5, 6, 24, 19, 4, 9, 20, 75, 2, 50, 15, 20]),
        c([10, 10, 6, 24, 19, 4, 9, 20, 75, 2, 50, 15, 20]),
        c([0, 5, 12, 24, 19, 4, 9, 20, 250, 2, 50, 15, 20]),
        c([10, 10, 12, 15, 29, 0xFF, 0xFF, 20, 75, 2, 50, 15, 20]),
        c([0, 5, 15, 24, 19, 4, 9, 20, 25, 2, 10, 10, 10]),
    ]
};

fn fill_drc(s: &mut Stream, n: &str, d: &crate::codec::ac4::Drc) {
    if d.eac3_profile.is_none() && d.decoders.is_empty() {
        return;
    }
    let p = format!("{n} DynamicRangeControl");
    s.set(&p, "Yes");
    if let Some(e) = d.eac3_profile {
        s.set(format!("{p} Eac3DrcProfile"), value(&DRC_EAC3_PROFILE, e));
    }
    for dec in &d.decoders {
        let v = if dec.default_profile {
            value(&DRC_EAC3_PROFILE, d.eac3_profile.unwrap_or(0xFF))
        } else if dec.curve_flag {
            let c = &dec.curve;
            let fields = [
                c.nullband_low,
                c.nullband_high,
                c.gain_max_boost,
                c.gain_max_cut,
                c.lev_max_cut,
                c.gain_section_cut,
                c.lev_section_cut,
                c.tc_attack,
                c.tc_release,
                c.tc_attack_fast,
                c.tc_release_fast,
                c.attack_threshold,
                c.release_threshold,
            ];
            // File_Ac4 compares whole curves, unset values as 0xFF: the last match wins.
            let mut name = String::new();
            for (i, profile) in CURVE_PROFILES.iter().enumerate() {
                if profile
                    .iter()
                    .zip(fields)
                    .all(|(p, f)| p.unwrap_or(0xFF) == f)
                {
                    name = value(&DRC_EAC3_PROFILE, i as u8);
                }
            }
            if name.is_empty() {
                "Custom".to_string()
            } else {
                name
            }
        } else {
            "DRC gains".to_string()
        };
        s.set(format!("{p} {}", value(&DRC_DECODER_MODE, dec.mode_id)), v);
    }
}

fn fill_group(s: &mut Stream, i: usize, g: &Group, presentations: &[Presentation], f: &Frames) {
    let n = format!("Group{i}");
    let mut configs = std::collections::BTreeSet::new();
    for p in presentations {
        for (k, &gi) in p.groups.iter().enumerate() {
            if gi != i {
                continue;
            }
            let roles = p
                .config
                .and_then(|c| CONFIG_ROLES.get(usize::from(c)).copied());
            let name = match (p.config, roles.and_then(|r| r.get(k).copied())) {
                (None, _) => "Main".to_string(),
                (Some(c), Some(r)) => {
                    let mut name = value(&CONTENT_CLASSIFIER, r);
                    if r == DIALOGUE && matches!(c, 1 | 4) && k == 1 {
                        name.push_str(" Enhancement");
                    }
                    name
                }
                (Some(c), None) => c.to_string(),
            };
            configs.insert(name);
        }
    }
    if configs.is_empty()
        && let Some(c) = g.classifier
    {
        configs.insert(value(&CONTENT_CLASSIFIER, c));
    }
    if configs.is_empty() {
        configs.insert("?".to_string());
    }
    s.set(&n, configs.into_iter().collect::<Vec<_>>().join(" / "));
    s.set(format!("{n} Pos"), i.to_string());
    if let Some(c) = g.classifier {
        s.set(format!("{n} Classifier"), value(&CONTENT_CLASSIFIER, c));
    }
    if !g.language.is_empty() {
        s.set(format!("{n} Language"), g.language.clone());
        s.set(format!("{n} Language/String"), language_name(&g.language));
    }
    s.set(
        format!("{n} ChannelCoded"),
        if g.channel_coded { "Yes" } else { "No" },
    );
    if let Some(x) = g.substreams.iter().find_map(|s| s.immersive_stereo) {
        s.set(format!("{n} ImmersiveStereo"), value(&IMMERSIVE_STEREO, x));
    }
    s.set(
        format!("{n} NumberOfSubstreams"),
        g.substreams.len().to_string(),
    );
    let mut n_objects = 0u8;
    let mut bed_total = 0u8;
    let mut bed = 0u32;
    for sub in &g.substreams {
        if !g.channel_coded
            && !sub.ajoc
            && let Some(code) = sub.n_objects_code
        {
            n_objects = n_objects.wrapping_add(objects(code, sub.lfe).unwrap_or(0xFF));
            if let Some(m) = sub.nonstd_bed_channel_assignment_mask {
                bed |= m;
                bed_total = bed_total.wrapping_add(bed_channels(m));
            }
        }
    }
    if bed != 0 {
        let count = bed_channels(bed);
        s.set(format!("{n} BedChannelCount"), count.to_string());
        s.set(
            format!("{n} BedChannelCount/String"),
            channel_count_string(count),
        );
        s.set(
            format!("{n} BedChannelConfiguration"),
            channel_layout(bed, 0),
        );
        s.set(format!("{n} ChannelMode"), bed_ch_mode(bed));
    }
    if n_objects != 0 {
        s.set(format!("{n} NumberOfObjects"), n_objects.to_string());
        if n_objects >= bed_total {
            s.set(
                format!("{n} NumberOfDynamicObjects"),
                (n_objects - bed_total).to_string(),
            );
        }
    }
    let mut pos = Vec::new();
    let mut num = Vec::new();
    for sub in &g.substreams {
        let Some(index) = sub.index else { continue };
        if !f.substream_types.contains_key(&index) {
            continue;
        }
        let p = audio_position(f, index);
        pos.push(p.to_string());
        num.push((p + 1).to_string());
    }
    s.set(format!("{n} LinkedTo_Substream_Pos"), pos.join(" + "));
    s.set(
        format!("{n} LinkedTo_Substream_Pos/String"),
        num.join(" + "),
    );
}

/// How many audio substream indexes come before `index`.
fn audio_position(f: &Frames, index: u8) -> usize {
    f.substream_types
        .range(..index)
        .filter(|(_, t)| **t == SubstreamType::Audio)
        .count()
}

/// Bed channels among the 17 of `nonstd_bed_channel_assignment_mask`.
fn bed_channels(mask: u32) -> u8 {
    (mask & 0x1_FFFF).count_ones() as u8
}

fn channel_count_string(n: u8) -> String {
    if n == 1 {
        "1 channel".to_string()
    } else {
        format!("{n} channels")
    }
}

/// A bed's channel mode as `front.lfe.top` counts, with File_Ac4's layout suffixes.
fn bed_ch_mode(mask: u32) -> String {
    use crate::codec::ac4::ch::*;
    if mask == 0 {
        return "Mono".into();
    }
    let mut counts = [0u8; 3];
    for i in 0..17 {
        let bit = mask & (1 << i);
        if bit == 0 {
            continue;
        }
        let k = match bit {
            LFE | LFE2 => 1,
            TFL | TFR | TBR | TBL => 2,
            _ => 0,
        };
        counts[k] += 1;
    }
    let digit = |n: u8| {
        if n > 9 {
            char::from(b'A' + (n - 10))
        } else {
            char::from(b'0' + n)
        }
    };
    let mut out = format!(
        "{}.{}.{}",
        digit(counts[0]),
        digit(counts[1]),
        digit(counts[2])
    );
    if counts[2] == 0 {
        out.truncate(3);
    }
    let base = L | R | C | LS | RS;
    match mask & !LFE {
        m if m == base | LB | RB => out.push_str(" 3/4/0"),
        m if m == base | LW | RW => out.push_str(" 5/2/0"),
        m if m == base | TL | TR => out.push_str(" 3/2/2"),
        _ => {}
    }
    if out.len() == 9 && out.as_bytes()[3] == b' ' && mask & LFE != 0 {
        out.push_str(".1");
    }
    out
}

fn fill_substreams(s: &mut Stream, f: &Frames) {
    let groups = &f.groups;
    for (&index, sub) in &f.substreams {
        let mut channel_mode = String::new();
        let mut immersive = String::new();
        for g in groups {
            for gs in g.substreams.iter().filter(|gs| gs.index == Some(index)) {
                let mut mode = String::new();
                let mut imm = String::new();
                if g.channel_coded {
                    mode = match gs.ch_mode {
                        Some(m) => ch_mode_name(
                            m,
                            gs.b_4_back_channels_present,
                            gs.b_centre_present,
                            gs.top_channel_pairs,
                        ),
                        None => "255".to_string(),
                    };
                    if let Some(x) = gs.immersive_stereo {
                        imm = value(&IMMERSIVE_STEREO, x);
                    }
                } else if gs.ajoc {
                    let lfe = u8::from(gs.lfe);
                    mode = format!(
                        "A-JOC {}.{lfe} ({}.{lfe} {} core)",
                        gs.n_fullband_upmix_signals,
                        gs.n_fullband_dmx_signals,
                        if gs.static_dmx { "channel" } else { "object" }
                    );
                } else if let Some(code) = gs.n_objects_code {
                    mode = match objects(code, gs.lfe) {
                        Some(k) => format!(
                            "{}{} objects",
                            k - u8::from(gs.lfe),
                            if gs.lfe { ".1" } else { "" }
                        ),
                        None => format!("n_objects_code={code} b_lfe={}", u8::from(gs.lfe)),
                    };
                }
                if !mode.is_empty() && mode != channel_mode {
                    if !channel_mode.is_empty() {
                        channel_mode.push_str(" + ");
                    }
                    channel_mode.push_str(&mode);
                }
                if !imm.is_empty() && imm != immersive {
                    if !immersive.is_empty() {
                        immersive.push_str(" + ");
                    }
                    immersive.push_str(&imm);
                }
            }
        }
        let pos = audio_position(f, index);
        let n = format!("Substream{pos}");
        s.set(
            &n,
            if channel_mode.is_empty() {
                "?".to_string()
            } else {
                channel_mode.clone()
            },
        );
        s.set(format!("{n} Pos"), pos.to_string());
        s.set(format!("{n} Index"), index.to_string());
        s.set(format!("{n} ChannelMode"), channel_mode);
        s.set(format!("{n} ImmersiveStereo"), immersive);
        for g in groups {
            for gs in g.substreams.iter().filter(|gs| gs.index == Some(index)) {
                if g.channel_coded {
                    if let Some(mask) = gs.ch_mode.and_then(|m| {
                        ch_mode_channels(
                            m,
                            gs.b_4_back_channels_present,
                            gs.b_centre_present,
                            gs.top_channels_present,
                        )
                    }) {
                        s.set(
                            format!("{n} ChannelLayout"),
                            channel_layout(mask, groups.len()),
                        );
                    }
                } else if gs.ajoc || gs.n_objects_code.is_some() {
                    let n_objects = if gs.ajoc {
                        None
                    } else {
                        let k = gs.n_objects_code.and_then(|c| objects(c, gs.lfe));
                        s.set(
                            format!("{n} NumberOfObjects"),
                            k.unwrap_or(0xFF).to_string(),
                        );
                        k
                    };
                    if let Some(m) = gs.nonstd_bed_channel_assignment_mask {
                        let bed = bed_channels(m);
                        if let Some(k) = n_objects.filter(|&k| k > bed) {
                            s.set(format!("{n} NumberOfDynamicObjects"), (k - bed).to_string());
                        }
                        s.set(format!("{n} BedChannelCount"), bed.to_string());
                        s.set(
                            format!("{n} BedChannelCount/String"),
                            channel_count_string(bed),
                        );
                        s.set(
                            format!("{n} BedChannelConfiguration"),
                            channel_layout(m, groups.len()),
                        );
                    }
                }
            }
        }
        if let Some(b) = sub.meta.loudness.dialnorm_bits {
            s.set(format!("{n} dialnorm"), dialnorm(b));
        }
        if let Some((gain, config)) = sub.meta.dialogue_enhancement() {
            s.set(format!("{n} DialogueEnhancement"), "Yes");
            s.set(format!("{n} DialogueEnhancement Enabled"), "Yes");
            if let Some(g) = gain {
                let db = (u32::from(g) + 1) * 3;
                s.set(format!("{n} DialogueEnhancement MaxGain"), db.to_string());
                s.set(
                    format!("{n} DialogueEnhancement MaxGain/String"),
                    format!("{db} dB"),
                );
                if let Some(c) = config {
                    s.set(
                        format!("{n} DialogueEnhancement ChannelConfiguration"),
                        value(&DE_CHANNEL_CONFIG, c),
                    );
                }
            }
        }
    }
}

/// MediaInfo's audio finish rule for streams with substreams: the channel layout is every
/// speaker the substreams name (`SubstreamN ChannelLayout` and `BedChannelConfiguration`),
/// once, and the channel count is their number.
fn channels_from_substreams(s: &mut Stream) {
    if s.has("ChannelLayout") {
        return;
    }
    let n: usize = s
        .get("NumberOfSubstreams")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut layout: Vec<String> = Vec::new();
    for i in 0..n.min(256) {
        for place in ["ChannelLayout", "BedChannelConfiguration"] {
            if let Some(v) = s.get(&format!("Substream{i} {place}")) {
                for word in v.split(' ').filter(|w| !w.is_empty()) {
                    if !layout.iter().any(|w| w == word) {
                        layout.push(word.to_string());
                    }
                }
            }
        }
    }
    if !layout.is_empty() {
        s.set("Channel(s)", layout.len().to_string());
        s.remove("ChannelPositions");
        s.set("ChannelLayout", layout.join(" "));
    }
}

/// The option flags File_Ac4 gives its own fields (`Fill_SetOptions`, and `Fill_Measure`'s
/// "N NFY" / "Y NFN" pairs): which show in the text view and which in JSON.
pub fn field_options(name: &str) -> Option<&'static str> {
    if name == "bitstream_version" {
        return Some("N NTN");
    }
    let (head, rest) = name.split_once(' ')?;
    let kind = head.trim_end_matches(|c: char| c.is_ascii_digit());
    if kind.len() == head.len() {
        return None;
    }
    Some(match (kind, rest) {
        ("Presentation" | "Group" | "Substream", "Pos" | "Index") => "N NIY",
        ("Presentation", "ChannelMode" | "PresentationConfig") => "N NTY",
        ("Presentation", "PresentationConfig_ContentClassifier") => "N NTY",
        ("Presentation" | "Group", "Language") => "N NTY",
        ("Presentation" | "Group", "Language/String") => "Y NTN",
        ("Presentation", "LinkedTo_Group_Pos" | "LinkedTo_Substream_Pos") => "N NIY",
        ("Presentation", "LinkedTo_Group_Pos/String" | "LinkedTo_Substream_Pos/String") => "Y NIN",
        ("Group", "LinkedTo_Substream_Pos") => "N NIY",
        ("Group", "LinkedTo_Substream_Pos/String") => "Y NIN",
        ("Group" | "Substream", "BedChannelCount") => "N NIY",
        ("Group" | "Substream", "BedChannelCount/String") => "Y NIN",
        ("Presentation", "Loudness IntegratedLoudness_Speech" | "Loudness Loudness_Range") => {
            "N NFY"
        }
        (
            "Presentation",
            "Loudness IntegratedLoudness_Speech/String" | "Loudness Loudness_Range/String",
        ) => "Y NTN",
        (
            "Presentation",
            "Loudness IntegratedLoudness_Speech_Type"
            | "Loudness DialogueCorrected"
            | "Loudness DialogueCorrected_Type"
            | "Loudness Loudness_Range_Type",
        ) => "N NTY",
        ("Presentation", "Loudness DialogueCorrected/String") => "Y NTN",
        (
            "Presentation",
            "Loudness IntegratedLoudness_Level"
            | "Loudness MaxTruePeak"
            | "Loudness MaximumMomentaryLoudness",
        )
        | ("Substream", "DialogueEnhancement MaxGain") => "N NFY",
        (
            "Presentation",
            "Loudness IntegratedLoudness_Level/String"
            | "Loudness MaxTruePeak/String"
            | "Loudness MaximumMomentaryLoudness/String",
        )
        | ("Substream", "DialogueEnhancement MaxGain/String") => "Y NFN",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_layouts() {
        use crate::codec::ac4::ch::*;
        assert_eq!(channel_layout(L | R, 1), "L R");
        assert_eq!(channel_layout(0, 1), "M");
        assert_eq!(
            channel_layout(L | R | C | TFL | TFR | LW | RW, 1),
            "L R C Lw Rw Tfl Tfr"
        );
        assert_eq!(ch_mode_name(12, false, false, 2), "4.1.4");
        assert_eq!(ch_mode_name(1, false, false, 0), "Stereo");
        assert_eq!(bed_ch_mode(L | R | C | LS | RS | LFE), "5.1");
        assert_eq!(
            (dialnorm(0).as_str(), dialnorm(92).as_str()),
            ("-0.00", "-23.00")
        );
        assert_eq!(iframe_interval(&[0, 25, 50], 25.0), Some("25".to_string()));
    }
}
