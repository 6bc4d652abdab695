//! Output forms, all read from the same Streams.

pub mod json;
pub mod labels;
pub mod mediainfo_json;
pub mod options;
pub mod pymediainfo;
pub mod text;

use crate::report::strings::table;
use crate::report::{Field, Stream};

/// A stream's fields in MediaInfo's order: the field table's order, then fields the table does
/// not know, in the order they were set.
pub fn ordered_fields(s: &Stream) -> Vec<&Field> {
    let mut known: Vec<(usize, &Field)> = Vec::with_capacity(s.fields().len());
    let mut extra: Vec<&Field> = Vec::new();
    for f in s.fields() {
        match table::position(s.kind, &f.name) {
            Some(p) => known.push((p, f)),
            None => extra.push(f),
        }
    }
    // Stable: a name set twice keeps its order (fields are unique by name anyway).
    known.sort_by_key(|(p, _)| *p);
    known.into_iter().map(|(_, f)| f).chain(extra).collect()
}

/// A stream's fields in MediaInfo's order with their labels (see [`labels::ExtraLabels`]).
pub fn labeled_fields(s: &Stream) -> Vec<(&Field, String)> {
    let mut extra = labels::ExtraLabels::default();
    ordered_fields(s)
        .into_iter()
        .map(|f| {
            let label = if table::position(s.kind, &f.name).is_some() {
                labels::label(&f.name)
            } else {
                extra.next(&f.name)
            };
            (f, label)
        })
        .collect()
}

/// pymediainfo's `to_data()` JSON.
pub fn pymediainfo(streams: &[Stream]) -> String {
    pymediainfo::render(streams)
}

/// MediaInfo's `--Output=JSON`.
pub fn mediainfo_json(streams: &[Stream]) -> String {
    mediainfo_json::render(streams)
}

/// MediaInfo's text view.
pub fn text(streams: &[Stream]) -> String {
    text::render(streams)
}
