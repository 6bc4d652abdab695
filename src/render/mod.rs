//! Output forms, all read from the same Streams.

mod json;
pub mod labels;
pub mod pymediainfo;

use crate::report::strings::table;
use crate::report::{Field, Stream};

/// A stream's fields in MediaInfo's order: the field table's order, then fields the table does
/// not know, in the order they were set.
pub fn ordered_fields(s: &Stream) -> Vec<&Field> {
    let rows = table::rows(s.kind);
    let position = |name: &str| rows.iter().position(|(n, _)| *n == name);
    let mut known: Vec<(usize, &Field)> = Vec::new();
    let mut extra: Vec<&Field> = Vec::new();
    for f in s.fields() {
        match position(&f.name) {
            Some(p) => known.push((p, f)),
            None => extra.push(f),
        }
    }
    known.sort_by_key(|(p, _)| *p);
    known.into_iter().map(|(_, f)| f).chain(extra).collect()
}

/// pymediainfo's `to_data()` JSON.
pub fn pymediainfo(streams: &[Stream]) -> String {
    pymediainfo::render(streams)
}

fn fields(streams: &[Stream]) -> String {
    let mut s = String::new();
    for stream in streams {
        for f in ordered_fields(stream) {
            s.push_str(&format!(
                "{}\t{}\t{}\n",
                stream.kind.name(),
                f.name,
                f.value
            ));
        }
    }
    s
}

/// MediaInfo's `--Output=JSON` (placeholder: the raw fields until the JSON view lands).
pub fn mediainfo_json(streams: &[Stream]) -> String {
    fields(streams)
}

/// MediaInfo's text view (placeholder: the raw fields until the text view lands).
pub fn text(streams: &[Stream]) -> String {
    fields(streams)
}
