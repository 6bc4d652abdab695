//! Output forms, all read from the same Streams.

pub mod json;
pub mod labels;
pub mod mediainfo_json;
pub mod options;
pub mod pymediainfo;
pub mod text;

use std::borrow::Cow;

use crate::report::{Field, Stream};

/// A stream's fields in MediaInfo's order: the field table's order, then fields the table does
/// not know, in the order they were set.
pub fn ordered_fields(s: &Stream) -> Vec<&Field> {
    let mut known: Vec<(usize, &Field)> = Vec::with_capacity(s.fields().len());
    let mut extra: Vec<&Field> = Vec::new();
    for f in s.fields() {
        match f.row() {
            Some(p) => known.push((p, f)),
            None => extra.push(f),
        }
    }
    // Stable: a name set twice keeps its order (fields are unique by name anyway).
    known.sort_by_key(|(p, _)| *p);
    known.into_iter().map(|(_, f)| f).chain(extra).collect()
}

/// A stream's fields in MediaInfo's order with their labels (see [`labels::ExtraLabels`]).
pub fn labeled_fields(s: &Stream) -> Vec<(&Field, Cow<'_, str>)> {
    labeled_fields_where(s, |_| true)
}

/// [`labeled_fields`] of the fields `keep` accepts. The label of a field outside the table
/// depends on the fields before it, so all of those are labeled, kept or not.
pub fn labeled_fields_where<'a>(
    s: &'a Stream,
    keep: impl Fn(&Field) -> bool,
) -> Vec<(&'a Field, Cow<'a, str>)> {
    let mut extra = labels::ExtraLabels::default();
    let fields = ordered_fields(s);
    let mut out = Vec::with_capacity(fields.len());
    for (i, f) in fields.iter().enumerate() {
        let label = if f.row().is_some() {
            if !keep(f) {
                continue;
            }
            labels::label(f.name())
        } else {
            let label = extra.next(f.name(), fields.get(i + 1).map(|n| n.name()));
            if !keep(f) {
                continue;
            }
            Cow::Owned(label)
        };
        out.push((*f, label));
    }
    out
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

/// A value as MediaInfo's XML and JSON exporters write it: one holding a control character
/// goes out as the Base64 of its UTF-8 bytes (`Content_Encode_Modifying`).
pub fn exported_value(value: &str) -> std::borrow::Cow<'_, str> {
    if !value.chars().any(|c| (c as u32) < 0x20) {
        return std::borrow::Cow::Borrowed(value);
    }
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = value.as_bytes();
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod export_tests {
    #[test]
    fn base64_for_control_characters() {
        assert_eq!(super::exported_value("plain"), "plain");
        assert_eq!(
            super::exported_value("LAME3.100\u{d9}\u{4}\u{c9}\u{bf}"),
            "TEFNRTMuMTAww5kEw4nCvw=="
        );
    }
}
