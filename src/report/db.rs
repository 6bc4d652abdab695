//! MediaInfo's lookup tables (codec IDs per container, formats, languages), extracted from
//! MediaInfoLib 24.12 by `tools/gen-databases.py` and embedded as text. `build.rs` indexes
//! them at compile time (rows as offsets into the text, a hash table of their keys), so
//! nothing is parsed or indexed when a process starts.

mod hash;

/// A row of an embedded table: its line at `at` (`len` bytes), whose key is the first
/// `key_len` bytes.
pub(crate) struct Row {
    at: u32,
    key_len: u16,
    len: u16,
}

/// An embedded table: its rows (the first row of a key kept, as in MediaInfo's loader) and
/// the hash slots of their keys.
pub(crate) struct Table {
    text: &'static str,
    rows: &'static [Row],
    slots: &'static [u16],
}

/// A field name of `stream_options.tsv` (at `at`, `len` bytes) and its row within its kind.
pub(crate) struct FieldName {
    pub(crate) at: u32,
    pub(crate) len: u16,
    pub(crate) row: u16,
    /// The name's [`hash::hash`]: a probe compares it before the text.
    pub(crate) hash: u32,
}

/// A byte range of `stream_options.tsv`.
pub(crate) struct Span {
    pub(crate) at: u32,
    pub(crate) len: u16,
}

include!(concat!(env!("OUT_DIR"), "/db_index.rs"));

/// The row of the field `name` in `kind`'s table (its index in the kind's rows).
pub(crate) fn field_row(kind: usize, name: &str) -> Option<usize> {
    field_name_row(kind, name).map(|(_, row)| row)
}

/// `name` as stored in the field table (the same text, borrowed for the program's life) and
/// its row, if it is one of a `kind` stream's fields.
pub(crate) fn field_name_row(kind: usize, name: &str) -> Option<(&'static str, usize)> {
    let names = FIELD_NAMES.get(kind)?;
    let key = name.as_bytes();
    let h = hash::hash(key);
    let text = STREAM_OPTIONS.as_bytes();
    let i = hash::find_hashed(FIELD_SLOTS[kind], h, |i| {
        let n = &names[i];
        n.hash == h
            && usize::from(n.len) == key.len()
            && text
                .get(n.at as usize..n.at as usize + key.len())
                .is_some_and(|t| crate::bytes::same(t, key))
    })?;
    let n = &names[i];
    Some((stream_options_text(n.at, n.len), usize::from(n.row)))
}

/// The text at `at` (`len` bytes) in `stream_options.tsv`.
pub(crate) fn stream_options_text(at: u32, len: u16) -> &'static str {
    let at = at as usize;
    STREAM_OPTIONS.get(at..at + usize::from(len)).unwrap_or("")
}

impl Table {
    /// The line whose key is `key`.
    fn row(&self, key: &str) -> Option<&'static str> {
        let text = self.text;
        let span = |r: &Row, len: usize| text.get(r.at as usize..r.at as usize + len);
        let i = hash::find(self.slots, key.as_bytes(), |i| {
            span(&self.rows[i], usize::from(self.rows[i].key_len))
                .is_some_and(|k| crate::bytes::same_text(k, key))
        })?;
        span(&self.rows[i], usize::from(self.rows[i].len))
    }

    /// Column `col` of `key`'s row, when not empty.
    fn get(&self, key: &str, col: usize) -> Option<&'static str> {
        self.row(key)
            .and_then(|r| r.split('\t').nth(col))
            .filter(|v| !v.is_empty())
    }

    /// The first `N` columns of `key`'s row (`None` for an empty or missing one).
    fn columns<const N: usize>(&self, key: &str) -> Option<[Option<&'static str>; N]> {
        let mut cols = [None; N];
        for (slot, v) in cols.iter_mut().zip(self.row(key)?.split('\t')) {
            *slot = Some(v).filter(|v| !v.is_empty());
        }
        Some(cols)
    }
}

/// Which codec ID table to look in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodecIdTable {
    GeneralMpeg4,
    VideoMpeg4,
    AudioMpeg4,
    TextMpeg4,
    OtherMpeg4,
    VideoMatroska,
    AudioMatroska,
    TextMatroska,
    VideoRiff,
    AudioRiff,
}

/// What MediaInfo knows of a codec ID.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CodecIdInfo {
    pub format: Option<&'static str>,
    pub hint: Option<&'static str>,
    pub info: Option<&'static str>,
    pub url: Option<&'static str>,
    /// Profile (or description) column.
    pub profile: Option<&'static str>,
    pub version: Option<&'static str>,
    pub color_space: Option<&'static str>,
    pub chroma_subsampling: Option<&'static str>,
    pub bit_depth: Option<&'static str>,
}

/// Looks a codec ID up.
pub fn codec_id(table: CodecIdTable, id: &str) -> Option<CodecIdInfo> {
    let t = match table {
        CodecIdTable::GeneralMpeg4 => &GENERAL_MPEG4,
        CodecIdTable::VideoMpeg4 => &VIDEO_MPEG4,
        CodecIdTable::AudioMpeg4 => &AUDIO_MPEG4,
        CodecIdTable::TextMpeg4 => &TEXT_MPEG4,
        CodecIdTable::OtherMpeg4 => &OTHER_MPEG4,
        CodecIdTable::VideoMatroska => &VIDEO_MATROSKA,
        CodecIdTable::AudioMatroska => &AUDIO_MATROSKA,
        CodecIdTable::TextMatroska => &TEXT_MATROSKA,
        CodecIdTable::VideoRiff => &VIDEO_RIFF,
        CodecIdTable::AudioRiff => &AUDIO_RIFF,
    };
    let [
        _,
        format,
        hint,
        info,
        url,
        profile,
        version,
        color_space,
        chroma_subsampling,
        bit_depth,
    ] = t.columns::<10>(id)?;
    Some(CodecIdInfo {
        format,
        hint,
        info,
        url,
        profile,
        version,
        color_space,
        chroma_subsampling,
        bit_depth,
    })
}

/// What MediaInfo knows of a format name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FormatInfo {
    pub long_name: Option<&'static str>,
    pub commercial: Option<&'static str>,
    pub info: Option<&'static str>,
    pub extensions: Option<&'static str>,
    pub internet_media_type: Option<&'static str>,
    pub url: Option<&'static str>,
    pub compression_mode: Option<&'static str>,
}

/// Looks a format name up (`MPEG-4`, `AVC`, `AAC`…).
pub fn format(name: &str) -> Option<FormatInfo> {
    let [
        _,
        long_name,
        commercial,
        _,
        _,
        info,
        extensions,
        internet_media_type,
        url,
        compression_mode,
    ] = FORMATS.columns::<10>(name)?;
    Some(FormatInfo {
        long_name,
        commercial,
        info,
        extensions,
        internet_media_type,
        url,
        compression_mode,
    })
}

/// A known Vorbis vendor string's release (column 1: version, 2: date).
pub fn vorbis_library(vendor: &str, col: usize) -> Option<&'static str> {
    VORBIS_LIBRARIES.get(vendor, col)
}

/// A DivX build's release (column 1: version, 2: date).
pub fn divx_library(build: &str, col: usize) -> Option<&'static str> {
    DIVX_LIBRARIES.get(build, col)
}

/// An XviD build's release (column 1: version, 2: date).
pub fn xvid_library(build: &str, col: usize) -> Option<&'static str> {
    XVID_LIBRARIES.get(build, col)
}

/// ISO 639-2 (three letters) to ISO 639-1 (two letters), when one exists.
pub fn iso639_1_of(code3: &str) -> Option<&'static str> {
    ISO639_1.get(code3, 1)
}

/// ISO 639-1 (two letters) to ISO 639-2 (three letters).
pub fn iso639_2_of(code2: &str) -> Option<&'static str> {
    ISO639_2.get(code2, 1)
}

/// English name of a language code as MediaInfo's language file gives it (`en` → `English`).
pub fn language_name(code: &str) -> Option<&'static str> {
    LANGUAGE_NAMES.get(code, 1)
}

/// The text after the first tab of `key`'s row of the language file (the view's label).
pub(crate) fn label_text(key: &str) -> Option<&'static str> {
    TRANSLATIONS
        .row(key)
        .and_then(|r| r.split_once('\t'))
        .map(|(_, v)| v)
}

/// MediaInfo's English text for an internal name (`GeneralCompliance` → `General
/// compliance`, `Genre_002` → `Country`), from its language file.
pub fn translation(key: &str) -> Option<&'static str> {
    TRANSLATIONS.get(key, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(
            codec_id(CodecIdTable::GeneralMpeg4, "mp42").and_then(|c| c.profile),
            Some("Base Media / Version 2")
        );
        assert_eq!(
            format("AVC").and_then(|f| f.info),
            Some("Advanced Video Codec")
        );
        assert_eq!(iso639_1_of("eng"), Some("en"));
    }
}
