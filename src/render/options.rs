//! MediaInfo's per-field option flags: whether a field shows in the text view and in the
//! XML/JSON views (from its Stream/<Kind>.csv, via `tools/gen-databases.py`).

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::report::StreamKind;

fn table() -> &'static HashMap<(StreamKind, &'static str), &'static str> {
    static T: OnceLock<HashMap<(StreamKind, &'static str), &'static str>> = OnceLock::new();
    T.get_or_init(|| {
        include_str!("../report/db/stream_options.tsv")
            .lines()
            .filter_map(|l| {
                let mut c = l.split('\t');
                let kind = StreamKind::from_name(c.next()?)?;
                Some(((kind, c.next()?), c.next().unwrap_or("")))
            })
            .collect()
    })
}

/// Flags MediaInfo's parsers give fields outside the table (`Fill_SetOptions`).
fn extra(name: &str) -> Option<&'static str> {
    Some(match name {
        "Demux_InitBytes"
        | "IsTruncated"
        | "Source_Delay"
        | "Source_Delay_Source"
        | "Source_List" => "N NT",
        "Duration_Source" | "FrameCount_Source" | "SamplingCount_Source" => "N NTN",
        "GainControl_Present" | "UniversalAdID_Registry" | "UniversalAdID_Value" => "N NTY",
        "UniversalAdID/String" => "Y NTN",
        "dialnorm" | "dialnorm_Average" | "dialnorm_Minimum" | "compr" | "dynrng" => "N NT",
        "dialnorm_Maximum" | "dialnorm_Count" | "compr_Count" | "dynrng_Count" => "N NTN",
        "dialnorm/String"
        | "dialnorm_Average/String"
        | "dialnorm_Minimum/String"
        | "dialnorm_Maximum/String"
        | "compr/String"
        | "dynrng/String" => "Y NTN",
        _ => return None,
    })
}

/// The option flags of a field MediaInfo's table knows, or that a parser set explicitly.
pub fn of(kind: StreamKind, name: &str) -> Option<&'static str> {
    table().get(&(kind, name)).copied().or_else(|| extra(name))
}

/// Whether the text view shows the field. Fields outside the table (container tags, chapter
/// entries) show.
pub fn in_text(kind: StreamKind, name: &str) -> bool {
    of(kind, name).is_none_or(|o| o.starts_with('Y'))
}

/// Whether MediaInfo's XML and JSON views show the field (the fifth flag). A field outside the
/// table shows unless its flags say no.
pub fn in_json(kind: StreamKind, name: &str) -> bool {
    match table().get(&(kind, name)) {
        Some(o) => o.as_bytes().get(4) == Some(&b'Y'),
        None => extra(name).is_none_or(|o| o.as_bytes().get(4).is_none_or(|&b| b == b'Y')),
    }
}
