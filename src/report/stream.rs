//! Streams: what MediaInfo calls a track in its output, as named string fields.
//!
//! A field is named by MediaInfo's internal name (`Duration`, `Duration/String3`,
//! `Format_Settings_CABAC`), exactly as `--Language=raw` prints it, and holds the English value
//! MediaInfo prints. Fields MediaInfo's table does not know (container tags like `gsst`) are kept
//! too, under the name the file gives them. Renderers put fields in MediaInfo's table order.

use std::borrow::Cow;

use crate::bytes::same_text;
use crate::report::strings::table;

/// MediaInfo's stream kinds, in the order MediaInfo lists streams.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StreamKind {
    General,
    Video,
    Audio,
    Text,
    Other,
    Image,
    Menu,
}

impl StreamKind {
    /// All kinds, in MediaInfo's order.
    pub const ALL: [StreamKind; 7] = [
        StreamKind::General,
        StreamKind::Video,
        StreamKind::Audio,
        StreamKind::Text,
        StreamKind::Other,
        StreamKind::Image,
        StreamKind::Menu,
    ];

    /// The kind's name as MediaInfo prints it (`Video`).
    pub fn name(self) -> &'static str {
        match self {
            StreamKind::General => "General",
            StreamKind::Video => "Video",
            StreamKind::Audio => "Audio",
            StreamKind::Text => "Text",
            StreamKind::Other => "Other",
            StreamKind::Image => "Image",
            StreamKind::Menu => "Menu",
        }
    }

    /// Parses a kind name as MediaInfo prints it.
    pub fn from_name(name: &str) -> Option<StreamKind> {
        StreamKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// One named value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// MediaInfo's internal field name, e.g. `BitRate/String`: borrowed from MediaInfo's field
    /// table when it is one of its names (most are), owned otherwise (container tags).
    name: Cow<'static, str>,
    /// The name's row in MediaInfo's field table of the stream's kind, found once when the
    /// field is added (ordering and the per-field options read it for every rendering).
    row: Option<u16>,
    /// The value as MediaInfo prints it in English.
    pub value: String,
}

impl Field {
    /// MediaInfo's internal field name, e.g. `BitRate/String`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The field's row in MediaInfo's table for its stream's kind (the order fields are
    /// printed in); `None` for fields the table does not know.
    pub fn row(&self) -> Option<usize> {
        self.row.map(usize::from)
    }
}

/// One stream (track) of the report.
#[derive(Clone, Debug)]
pub struct Stream {
    /// The stream's kind, fixed at creation (the field index is by the kind's table rows).
    kind: StreamKind,
    fields: Vec<Field>,
    /// Per row of the kind's field table: the index in `fields` of that row's field, plus
    /// one; 0 when unset. Empty until the first field the table knows is set. Lookups by a
    /// known name cost one hash instead of a scan of every field.
    by_row: Vec<u32>,
    /// MediaInfo recounted its fields after inserting nested ones (a nested value was added
    /// to), so its `Count` includes them.
    nested_counted: bool,
}

/// Streams are equal when their kind and fields are.
impl PartialEq for Stream {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind && self.fields == other.fields
    }
}

impl Eq for Stream {}

impl Stream {
    /// An empty stream of `kind`.
    pub fn new(kind: StreamKind) -> Self {
        Self {
            kind,
            fields: Vec::new(),
            by_row: Vec::new(),
            nested_counted: false,
        }
    }

    /// The stream's kind (fixed at creation: the field index is by the kind's table rows).
    pub fn kind(&self) -> StreamKind {
        self.kind
    }

    /// Marks that MediaInfo's count of this stream's fields includes the nested ones.
    pub fn count_nested_fields(&mut self) {
        self.nested_counted = true;
    }

    /// Whether MediaInfo's count of this stream's fields includes the nested ones.
    pub fn nested_fields_counted(&self) -> bool {
        self.nested_counted
    }

    /// Sets `name` to `value`, replacing an earlier value. An empty value removes the field,
    /// as MediaInfo never prints empty fields. Line breaks become " / " (MediaInfo's
    /// `CarriageReturnReplace`), a trailing one dropped.
    pub fn set(&mut self, name: impl AsRef<str>, value: impl Into<String>) {
        let name = name.as_ref();
        let mut value = value.into();
        if value.bytes().any(|b| b == b'\r' || b == b'\n') {
            value = value.replace("\r\n", " / ").replace(['\r', '\n'], " / ");
            if let Some(v) = value.strip_suffix(" / ") {
                value = v.to_string();
            }
        }
        if value.is_empty() {
            self.remove(name);
            return;
        }
        let known = table::known(self.kind, name);
        let at = match known {
            Some((_, row)) => self.index_of_row(row),
            None => self.index_of_unknown(name),
        };
        if let Some(i) = at {
            self.fields[i].value = value;
            return;
        }
        let (name, row) = match known {
            Some((known, row)) => (Cow::Borrowed(known), u16::try_from(row).ok()),
            None => (Cow::Owned(name.to_owned()), None),
        };
        if let Some(row) = row {
            let rows = table::rows(self.kind).len();
            if self.by_row.len() < rows {
                self.by_row.resize(rows, 0);
            }
            if let (Some(slot), Ok(i)) = (
                self.by_row.get_mut(usize::from(row)),
                u32::try_from(self.fields.len() + 1),
            ) {
                *slot = i;
            }
        }
        self.fields.push(Field { name, row, value });
    }

    /// The index in `fields` of the field at table row `row`.
    fn index_of_row(&self, row: usize) -> Option<usize> {
        let i = self.by_row.get(row)?.checked_sub(1)?;
        Some(i as usize)
    }

    /// The index in `fields` of the field the table does not know named `name`.
    fn index_of_unknown(&self, name: &str) -> Option<usize> {
        self.fields
            .iter()
            .position(|f| f.row.is_none() && same_text(&f.name, name))
    }

    /// The index in `fields` of `name`.
    fn index_of(&self, name: &str) -> Option<usize> {
        match table::known(self.kind, name) {
            Some((_, row)) => self.index_of_row(row),
            None => self.index_of_unknown(name),
        }
    }

    /// MediaInfo's `Fill` without replacement: a value already there gets ` / ` and the new
    /// one after it. An empty value changes nothing (MediaInfo ignores it rather than clearing).
    pub fn append(&mut self, name: impl AsRef<str>, value: &str) {
        if value.is_empty() {
            return;
        }
        let name = name.as_ref();
        match self.get(name) {
            Some(old) => {
                let joined = format!("{old} / {value}");
                self.set(name, joined);
            }
            None => self.set(name, value),
        }
    }

    /// Sets `name` only if it has no value yet.
    pub fn set_if_absent(&mut self, name: impl AsRef<str>, value: impl Into<String>) {
        if self.get(name.as_ref()).is_none() {
            self.set(name, value);
        }
    }

    /// The value of `name`, if set.
    pub fn get(&self, name: &str) -> Option<&str> {
        let i = self.index_of(name)?;
        Some(self.fields[i].value.as_str())
    }

    /// The value of the field at row `row` of the kind's table, if set.
    pub fn get_row(&self, row: usize) -> Option<&str> {
        let i = self.index_of_row(row)?;
        Some(self.fields[i].value.as_str())
    }

    /// Whether `name` has a value.
    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Removes `name`; returns its value.
    pub fn remove(&mut self, name: &str) -> Option<String> {
        let i = self.index_of(name)?;
        let removed = self.fields.remove(i);
        if let Some(row) = removed.row {
            self.by_row[usize::from(row)] = 0;
        }
        // The fields after it moved down by one.
        for f in &self.fields[i..] {
            if let Some(row) = f.row {
                self.by_row[usize::from(row)] -= 1;
            }
        }
        Some(removed.value)
    }

    /// Fields in the order they were set.
    pub fn fields(&self) -> &[Field] {
        &self.fields
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_follow_removals() {
        // Known names (indexed by table row) mixed with names the table lacks (scanned).
        let mut s = Stream::new(StreamKind::General);
        for (name, value) in [
            ("Format", "MPEG-4"),
            ("my tag", "1"),
            ("Duration", "10"),
            ("FileSize", "20"),
            ("other tag", "2"),
        ] {
            s.set(name, value);
        }
        assert_eq!(s.remove("Format").as_deref(), Some("MPEG-4"));
        assert_eq!(s.remove("my tag").as_deref(), Some("1"));
        assert_eq!(s.get("Format"), None);
        assert_eq!(s.get("Duration"), Some("10"));
        assert_eq!(s.get("FileSize"), Some("20"));
        assert_eq!(s.get("other tag"), Some("2"));
        s.set("Duration", "11");
        s.set("Format", "Matroska");
        s.set("FileSize", "");
        let names: Vec<(&str, &str)> = s.fields().iter().map(|f| (f.name(), &*f.value)).collect();
        assert_eq!(
            names,
            [
                ("Duration", "11"),
                ("other tag", "2"),
                ("Format", "Matroska")
            ]
        );
        assert_eq!(s.get("FileSize"), None);
        let row = s.fields()[2].row().expect("Format is in the table");
        assert_eq!(s.get_row(row), Some("Matroska"));
    }

    #[test]
    fn append_joins_and_ignores_empty_values() {
        let mut s = Stream::new(StreamKind::General);
        s.append("Encoded_Library", "");
        assert!(!s.has("Encoded_Library"));
        s.append("Encoded_Library", "a");
        s.append("Encoded_Library", "");
        s.append("Encoded_Library", "b");
        assert_eq!(s.get("Encoded_Library"), Some("a / b"));
    }
}
