//! MediaInfo's DRC and loudness fields (File_Usac's `Fill_DRC` and `Fill_Loudness`), shared by
//! USAC and MPEG-H 3D Audio: `DrcSets_Count`, `DrcSets_Effects`, `Loudness_Count`,
//! `SamplePeakLevel`, `TruePeakLevel` and one `Loudness_<meaning>` per measurement kind, each
//! with an `_Album` twin, optionally under a prefix (`Group0 …`).

use std::collections::BTreeMap;

use crate::codec::unidrc::{DrcId, DrcInfo, LoudnessInfo};
use crate::report::Stream;
use crate::report::numbers::fixed;

/// drcSetEffect bit names, LSB first.
const EFFECTS: [&str; 12] = [
    "Night",
    "Noisy",
    "Limited",
    "LowLevel",
    "Dialog",
    "General",
    "Expand",
    "Artistic",
    "Clipping",
    "Fade",
    "DuckOther",
    "DuckSelf",
];

/// Field names per methodDefinition 1..=9.
const MEANINGS: [&str; 9] = [
    "Program",
    "Anchor",
    "MaximumOfRange",
    "MaximumMomentary",
    "MaximumShortTerm",
    "Range",
    "ProductionMixingLevel",
    "RoomType",
    "ShortTerm",
];

/// An ID as MediaInfo prints it after a value: `drcSetId-downmixId`, none for the default.
fn id_label(id: &DrcId) -> String {
    if id.is_default() {
        String::new()
    } else {
        format!("{}-{}", id.drc_set_id, id.downmix_id)
    }
}

/// Values with their IDs, `value (id) / …` (empty values left out), as MediaInfo's list Fill.
fn labelled<'a>(items: impl Iterator<Item = (String, &'a DrcId)>) -> String {
    items
        .filter(|(v, _)| !v.is_empty())
        .map(|(v, id)| {
            let label = id_label(id);
            if label.is_empty() {
                v
            } else {
                format!("{v} ({label})")
            }
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The effects of a drcSetEffect, "Night & Noisy & …".
pub fn effects(bits: u16) -> String {
    (0..16)
        .filter(|i| bits & (1 << i) != 0)
        .map(|i| {
            EFFECTS
                .get(i)
                .map_or_else(|| i.to_string(), |s| (*s).to_string())
        })
        .collect::<Vec<_>>()
        .join(" & ")
}

/// One measurement's value (`Loudness_Value`).
fn measurement(definition: u8, value: Option<u8>) -> String {
    let Some(v) = value else {
        return "(Unsupported)".into();
    };
    let f = f64::from(v);
    match definition {
        0 => String::new(),
        1..=5 => format!("{} LKFS", fixed(-57.75 + f / 4.0, 2)),
        6 => {
            let lu = match v {
                0 => 0,
                1..=128 => v / 4,
                129..=204 => v / 2 - 32,
                _ => v - 134,
            };
            format!("{lu} LU")
        }
        7 => format!("{} dB", 80 + u32::from(v)),
        8 => match v {
            0 => String::new(),
            1 => "Large room".into(),
            2 => "Small room".into(),
            _ => v.to_string(),
        },
        9 => format!("{} LKFS", fixed(-116.0 + f / 2.0, 1)),
        _ => v.to_string(),
    }
}

/// A peak level code as MediaInfo prints it (0 is absent).
fn peak(code: u16, unit: &str) -> String {
    if code == 0 {
        return String::new();
    }
    format!("{} {unit}", fixed(20.0 - f64::from(code) / 32.0, 3))
}

/// Measurements of one loudnessInfo per methodDefinition, joined by " & ".
fn measurements(info: &LoudnessInfo) -> [String; 16] {
    let mut out: [String; 16] = Default::default();
    for &(definition, value) in &info.measurements {
        let slot = &mut out[usize::from(definition & 15)];
        if definition == 0 {
            continue;
        }
        if !slot.is_empty() {
            slot.push_str(" & ");
        }
        slot.push_str(&measurement(definition, value));
    }
    out
}

fn field(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix} {name}")
    }
}

/// `Fill_DRC`: the DRC sets' count and effects.
pub fn fill_drc(s: &mut Stream, prefix: &str, sets: &BTreeMap<DrcId, u16>) {
    if sets.is_empty() {
        return;
    }
    s.set(field(prefix, "DrcSets_Count"), sets.len().to_string());
    s.set(
        field(prefix, "DrcSets_Effects"),
        labelled(sets.iter().map(|(id, &bits)| (effects(bits), id))),
    );
}

/// `Fill_Loudness`: program measurements, then album ones.
pub fn fill_loudness(s: &mut Stream, prefix: &str, drc: &DrcInfo) {
    for (set, suffix) in drc.loudness.iter().zip(["", "_Album"]) {
        if set.is_empty() {
            continue;
        }
        s.set(
            field(prefix, &format!("Loudness_Count{suffix}")),
            set.len().to_string(),
        );
        s.set(
            field(prefix, &format!("SamplePeakLevel{suffix}")),
            labelled(
                set.iter()
                    .map(|(id, i)| (peak(i.sample_peak_level, "dBFS"), id)),
            ),
        );
        s.set(
            field(prefix, &format!("TruePeakLevel{suffix}")),
            labelled(
                set.iter()
                    .map(|(id, i)| (peak(i.true_peak_level, "dBTP"), id)),
            ),
        );
        let all: Vec<(&DrcId, [String; 16])> =
            set.iter().map(|(id, i)| (id, measurements(i))).collect();
        for j in 1..16 {
            let name = MEANINGS
                .get(j - 1)
                .map_or_else(|| j.to_string(), |m| (*m).to_string());
            s.set(
                field(prefix, &format!("Loudness_{name}{suffix}")),
                labelled(all.iter().map(|(id, m)| (m[j].clone(), *id))),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::StreamKind;

    #[test]
    fn effect_names() {
        assert_eq!(effects(1 << 5), "General");
        assert_eq!(effects(0b1_0111), "Night & Noisy & Limited & Dialog");
        assert_eq!(effects(1 << 13), "13");
    }

    #[test]
    fn loudness_fields() {
        let mut drc = DrcInfo::default();
        drc.loudness[0].insert(
            DrcId::default(),
            LoudnessInfo {
                sample_peak_level: 1280,
                true_peak_level: 0,
                measurements: vec![(1, Some(135))],
            },
        );
        let mut s = Stream::new(StreamKind::Audio);
        fill_loudness(&mut s, "", &drc);
        assert_eq!(s.get("Loudness_Count"), Some("1"));
        assert_eq!(s.get("SamplePeakLevel"), Some("-20.000 dBFS"));
        assert_eq!(s.get("TruePeakLevel"), None);
        assert_eq!(s.get("Loudness_Program"), Some("-24.00 LKFS"));
    }

    #[test]
    fn drc_ids_label_values() {
        let mut sets = BTreeMap::new();
        for id in 1..=2 {
            let id = DrcId {
                drc_set_id: id,
                ..Default::default()
            };
            sets.insert(id, 1 << 5);
        }
        let mut s = Stream::new(StreamKind::Audio);
        fill_drc(&mut s, "", &sets);
        assert_eq!(s.get("DrcSets_Count"), Some("2"));
        assert_eq!(
            s.get("DrcSets_Effects"),
            Some("General (1-0) / General (2-0)")
        );
    }
}
