//! MediaInfo's per-field option flags: whether a field shows in the text view and in the
//! XML/JSON views (from its Stream/<Kind>.csv, via `tools/gen-databases.py`).

use crate::report::strings::table;
use crate::report::{Field, StreamKind, db};

/// The flags of a field of MediaInfo's table (`stream_options.tsv` lists every kind's table
/// in the same order, which a test checks).
fn table_flags(kind: StreamKind, name: &str) -> Option<&'static str> {
    row_flags(kind, table::position(kind, name)?)
}

/// The flags of row `row` of the `kind` table.
fn row_flags(kind: StreamKind, row: usize) -> Option<&'static str> {
    let span = db::FIELD_FLAGS[kind as usize].get(row)?;
    Some(db::stream_options_text(span.at, span.len))
}

/// [`of`] for a field of a `kind` stream, by the table row it carries.
fn field_flags(kind: StreamKind, f: &Field) -> Option<&'static str> {
    match f.row() {
        Some(row) => row_flags(kind, row),
        None => extra(f.name()),
    }
}

/// Flags MediaInfo's parsers give fields outside the table (`Fill_SetOptions`).
fn extra(name: &str) -> Option<&'static str> {
    Some(match name {
        "Demux_InitBytes"
        | "IsTruncated"
        | "Source_Delay"
        | "Source_Delay_Source"
        | "Source_List"
        // File_Mpegv's own field.
        | "intra_dc_precision" => "N NT",
        "Duration_Source" | "FrameCount_Source" | "SamplingCount_Source" => "N NTN",
        "GainControl_Present" | "UniversalAdID_Registry" | "UniversalAdID_Value" => "N NTY",
        "MaxSlicesCount" => "N NTY",
        "UniversalAdID/String" => "Y NTN",
        // File_Ac3's own fields.
        "dialnorm" | "dialnorm_Average" | "dialnorm_Minimum" | "compr" | "dynrng" => "N NT",
        "bsid" | "acmod" | "lfeon" | "dsurmod" | "cmixlev" | "surmixlev" | "mixlevel" => "N NT",
        "ltrtcmixlev" | "ltrtsurmixlev" | "lorocmixlev" | "lorosurmixlev" => "N NT",
        "ltrtcmixlev/String"
        | "ltrtsurmixlev/String"
        | "lorocmixlev/String"
        | "lorosurmixlev/String" => "Y NTN",
        "compr_Average" | "compr_Minimum" | "compr_Maximum" | "compr_Count" => "N NT",
        "dynrng_Average" | "dynrng_Minimum" | "dynrng_Maximum" | "dynrng_Count" => "N NT",
        "dsurmod/String" | "cmixlev/String" | "surmixlev/String" | "mixlevel/String" => "Y NTN",
        "dialnorm_Maximum" | "dialnorm_Count" => "N NTN",
        "compr_Average/String" | "compr_Minimum/String" | "compr_Maximum/String" => "N NTN",
        "dynrng_Average/String" | "dynrng_Minimum/String" | "dynrng_Maximum/String" => "N NTN",
        "dialnorm/String"
        | "dialnorm_Average/String"
        | "dialnorm_Minimum/String"
        | "dialnorm_Maximum/String"
        | "compr/String"
        | "dynrng/String" => "Y NTN",
        "adconvtyp" | "dmixmod" | "roomtyp" => "Y NTY",
        "BedChannelCount" => "N NIY",
        // File_Eia608's own fields.
        "CaptionServiceName" | "InternalDetectionKind" => "N NT",
        "BedChannelCount/String" => "Y NIN",
        // File_Usac / File_Mpegh3da.
        "ChannelMode" => "N NTY",
        "DrcSets_Count" | "Loudness_Count" | "Loudness_Count_Album" => "N NI",
        "SignalGroupCount" | "GroupCount" | "SwitchGroupCount" | "GroupPresetCount" => "N NIY",
        _ => return crate::report::ac4::field_options(name).or_else(|| nested(name)),
    })
}

/// Flags File_Mpegh3da gives the fields of its `SignalGroup<n>`, `Group<n>`… blocks.
fn nested(name: &str) -> Option<&'static str> {
    let (head, sub) = name.split_once(' ')?;
    let word = head.trim_end_matches(|c: char| c.is_ascii_digit());
    if word.len() == head.len()
        || !matches!(
            word,
            "SignalGroup" | "Group" | "SwitchGroup" | "GroupPreset"
        )
    {
        return None;
    }
    Some(match sub {
        "Pos" => "N NIY",
        "Channel(s)" | "ChannelMode" => "N NTY",
        "Channel(s)/String" => "Y NTN",
        "ChannelPositions" | "ChannelPositions/String2" | "NumberOfObjects" => "N YTY",
        "NumberOfObjects/String" => "Y YTN",
        "DrcSets_Count" | "Loudness_Count" | "Loudness_Count_Album" => "N NI",
        _ => return None,
    })
}

/// The option flags of a field MediaInfo's table knows, or that a parser set explicitly.
pub fn of(kind: StreamKind, name: &str) -> Option<&'static str> {
    table_flags(kind, name).or_else(|| extra(name))
}

/// Whether the text view shows the field. Fields outside the table (container tags, chapter
/// entries) show.
pub fn in_text(kind: StreamKind, name: &str) -> bool {
    text_shows(kind, of(kind, name), name)
}

/// [`in_text`] for a field of a `kind` stream (its table row is known already).
pub fn field_in_text(kind: StreamKind, f: &Field) -> bool {
    text_shows(kind, field_flags(kind, f), f.name())
}

/// The text view's rule on a `kind` field named `name` whose flags are `flags`.
fn text_shows(kind: StreamKind, flags: Option<&'static str>, name: &str) -> bool {
    // File_Mpeg4 makes HEIF items' Image streams from video streams: fields the Image table
    // lacks keep the options they had as video fields.
    let flags = match (kind, flags) {
        (StreamKind::Image, None) => table_flags(StreamKind::Video, name),
        (_, flags) => flags,
    };
    flags.is_none_or(|o| o.starts_with('Y'))
}

/// Whether MediaInfo's XML and JSON views show the field (the fifth flag). A field outside the
/// table shows unless its flags say no.
pub fn in_json(kind: StreamKind, name: &str) -> bool {
    json_shows(table_flags(kind, name), name)
}

/// [`in_json`] for a field of a `kind` stream (its table row is known already).
pub fn field_in_json(kind: StreamKind, f: &Field) -> bool {
    json_shows(f.row().and_then(|row| row_flags(kind, row)), f.name())
}

/// The XML and JSON views' rule on a field named `name` whose table flags are `table`.
fn json_shows(table: Option<&'static str>, name: &str) -> bool {
    match table {
        Some(o) => o.as_bytes().get(4) == Some(&b'Y'),
        None => extra(name).is_none_or(|o| o.as_bytes().get(4).is_none_or(|&b| b == b'Y')),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_follow_the_field_table() {
        let text = include_str!("../report/db/stream_options.tsv");
        for kind in StreamKind::ALL {
            let names: Vec<&str> = text
                .lines()
                .filter_map(|l| l.split_once('\t'))
                .filter(|(k, _)| *k == kind.name())
                .map(|(_, rest)| rest.split('\t').next().unwrap_or(""))
                .collect();
            let rows: Vec<&str> = table::rows(kind).iter().map(|r| r.0).collect();
            assert_eq!(names, rows, "{kind:?}");
            // Names are unique within a table (lookups by name find the one row).
            let unique: std::collections::HashSet<&str> = rows.iter().copied().collect();
            assert_eq!(unique.len(), rows.len(), "{kind:?}");
        }
        assert_eq!(of(StreamKind::General, "Count"), Some("N NI"));
        assert!(in_text(StreamKind::Video, "Format/String"));
        assert!(!in_text(StreamKind::Video, "Format"));
        assert!(in_json(StreamKind::Video, "Format"));
    }
}
