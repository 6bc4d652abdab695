//! MediaInfo's lookup tables (codec IDs per container, formats, languages), extracted from
//! MediaInfoLib 24.12 by `tools/gen-databases.py` and embedded as text.

use std::collections::HashMap;
use std::sync::OnceLock;

/// A table of rows keyed by their first column.
struct Table {
    rows: HashMap<&'static str, Vec<&'static str>>,
}

impl Table {
    fn parse(text: &'static str) -> Table {
        let mut rows = HashMap::new();
        for line in text.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            if let Some(&key) = cols.first() {
                // The first row of a key wins, as in MediaInfo's loader.
                rows.entry(key).or_insert(cols);
            }
        }
        Table { rows }
    }

    fn get(&self, key: &str, col: usize) -> Option<&'static str> {
        self.rows
            .get(key)
            .and_then(|r| r.get(col).copied())
            .filter(|v| !v.is_empty())
    }
}

macro_rules! table {
    ($fn:ident, $file:literal) => {
        fn $fn() -> &'static Table {
            static T: OnceLock<Table> = OnceLock::new();
            T.get_or_init(|| Table::parse(include_str!(concat!("db/", $file))))
        }
    };
}

table!(general_mpeg4, "codecid_general_mpeg4.tsv");
table!(video_mpeg4, "codecid_video_mpeg4.tsv");
table!(audio_mpeg4, "codecid_audio_mpeg4.tsv");
table!(text_mpeg4, "codecid_text_mpeg4.tsv");
table!(other_mpeg4, "codecid_other_mpeg4.tsv");
table!(video_matroska, "codecid_video_matroska.tsv");
table!(audio_matroska, "codecid_audio_matroska.tsv");
table!(text_matroska, "codecid_text_matroska.tsv");
table!(video_riff, "codecid_video_riff.tsv");
table!(audio_riff, "codecid_audio_riff.tsv");
table!(formats, "format.tsv");
table!(iso639_1, "iso639_1.tsv");
table!(iso639_2, "iso639_2.tsv");
table!(language_names, "language_names.tsv");
table!(translations, "labels.tsv");

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
        CodecIdTable::GeneralMpeg4 => general_mpeg4(),
        CodecIdTable::VideoMpeg4 => video_mpeg4(),
        CodecIdTable::AudioMpeg4 => audio_mpeg4(),
        CodecIdTable::TextMpeg4 => text_mpeg4(),
        CodecIdTable::OtherMpeg4 => other_mpeg4(),
        CodecIdTable::VideoMatroska => video_matroska(),
        CodecIdTable::AudioMatroska => audio_matroska(),
        CodecIdTable::TextMatroska => text_matroska(),
        CodecIdTable::VideoRiff => video_riff(),
        CodecIdTable::AudioRiff => audio_riff(),
    };
    t.rows.get(id)?;
    Some(CodecIdInfo {
        format: t.get(id, 1),
        hint: t.get(id, 2),
        info: t.get(id, 3),
        url: t.get(id, 4),
        profile: t.get(id, 5),
        version: t.get(id, 6),
        color_space: t.get(id, 7),
        chroma_subsampling: t.get(id, 8),
        bit_depth: t.get(id, 9),
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
    let t = formats();
    t.rows.get(name)?;
    Some(FormatInfo {
        long_name: t.get(name, 1),
        commercial: t.get(name, 2),
        info: t.get(name, 5),
        extensions: t.get(name, 6),
        internet_media_type: t.get(name, 7),
        url: t.get(name, 8),
        compression_mode: t.get(name, 9),
    })
}

/// ISO 639-2 (three letters) to ISO 639-1 (two letters), when one exists.
pub fn iso639_1_of(code3: &str) -> Option<&'static str> {
    iso639_1().get(code3, 1)
}

/// ISO 639-1 (two letters) to ISO 639-2 (three letters).
pub fn iso639_2_of(code2: &str) -> Option<&'static str> {
    iso639_2().get(code2, 1)
}

/// English name of a language code as MediaInfo's language file gives it (`en` → `English`).
pub fn language_name(code: &str) -> Option<&'static str> {
    language_names().get(code, 1)
}

/// MediaInfo's English text for an internal name (`GeneralCompliance` → `General
/// compliance`, `Genre_002` → `Country`), from its language file.
pub fn translation(key: &str) -> Option<&'static str> {
    translations().get(key, 1)
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
