//! MediaInfo's lookup tables (codec IDs per container, formats, languages), extracted from
//! MediaInfoLib 24.12 by `tools/gen-databases.py` and embedded as text.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// The lines of an embedded table (as `split_terminator('\n')`), found by a plain byte scan:
/// the tables are parsed on every start, and `str`'s pattern searchers cost more per call
/// than these short lines take to scan.
pub(crate) fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = find_byte(rest.as_bytes(), b'\n');
        let line = &rest[..end.unwrap_or(rest.len())];
        rest = &rest[end.map_or(rest.len(), |e| e + 1)..];
        Some(line)
    })
}

/// `s.split_once('\t')`, by a byte scan.
pub(crate) fn split_tab(s: &str) -> Option<(&str, &str)> {
    let at = find_byte(s.as_bytes(), b'\t')?;
    Some((&s[..at], &s[at + 1..]))
}

/// The index of the first `needle` in `hay`, eight bytes at a time (the classic zero-byte
/// test on the XOR with the needle repeated: the lowest flagged byte is the first match).
fn find_byte(hay: &[u8], needle: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let pattern = ONES * u64::from(needle);
    let mut chunks = hay.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word) ^ pattern;
        let zeros = x.wrapping_sub(ONES) & !x & HIGHS;
        if zeros != 0 {
            return Some(base + (zeros.trailing_zeros() / 8) as usize);
        }
        base += 8;
    }
    let tail = chunks.remainder().iter().position(|&b| b == needle)?;
    Some(base + tail)
}

/// A table of rows keyed by their first column. Rows stay the embedded text's lines, split
/// into columns only when looked up: building the table is one pass of hashing.
struct Table {
    rows: FxHashMap<&'static str, &'static str>,
}

impl Table {
    fn parse(text: &'static str) -> Table {
        let mut rows = FxHashMap::default();
        rows.reserve(text.len() / 40);
        for line in lines(text) {
            let key = split_tab(line).map_or(line, |(key, _)| key);
            // The first row of a key wins, as in MediaInfo's loader.
            rows.entry(key).or_insert(line);
        }
        Table { rows }
    }

    fn get(&self, key: &str, col: usize) -> Option<&'static str> {
        self.rows
            .get(key)
            .and_then(|r| r.split('\t').nth(col))
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
table!(vorbis_libraries, "library_vorbiscom.tsv");
table!(divx_libraries, "library_divx.tsv");
table!(xvid_libraries, "library_xvid.tsv");
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

/// A known Vorbis vendor string's release (column 1: version, 2: date).
pub fn vorbis_library(vendor: &str, col: usize) -> Option<&'static str> {
    vorbis_libraries().get(vendor, col)
}

/// A DivX build's release (column 1: version, 2: date).
pub fn divx_library(build: &str, col: usize) -> Option<&'static str> {
    divx_libraries().get(build, col)
}

/// An XviD build's release (column 1: version, 2: date).
pub fn xvid_library(build: &str, col: usize) -> Option<&'static str> {
    xvid_libraries().get(build, col)
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
    fn byte_search() {
        let text = b"ab\tcdefghij\tkl\nmnopqrstuvwxyz\x89\n";
        for needle in [b'\t', b'\n', b'a', b'z', 0x89, b'#'] {
            for start in 0..text.len() {
                let hay = &text[start..];
                assert_eq!(
                    find_byte(hay, needle),
                    hay.iter().position(|&b| b == needle)
                );
            }
        }
    }

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
