//! MediaInfo's `CodecID_Fill`: what its codec table says of a codec ID, written into a stream.

use crate::report::Stream;
use crate::report::db::CodecIdInfo;

/// How the table's format meets a format the stream already has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatFill {
    /// The table's format wins (the codec ID is read before the codec).
    Replace,
    /// A format already found (e.g. from the `esds` object type) stays.
    KeepExisting,
}

/// Fills the format, codec ID info, hint and URL, format version and profile, colour space
/// and chroma subsampling the table gives, and the bit depth unless the stream has one.
pub fn fill_from_table(s: &mut Stream, info: &CodecIdInfo, format: FormatFill) {
    if let Some(f) = info.format {
        match format {
            FormatFill::Replace => s.set("Format", f),
            FormatFill::KeepExisting => s.set_if_absent("Format", f),
        }
    }
    for (name, value) in [
        ("CodecID/Info", info.info),
        ("CodecID/Hint", info.hint),
        ("CodecID/Url", info.url),
        ("Format_Version", info.version),
        ("Format_Profile", info.profile),
        ("ColorSpace", info.color_space),
        ("ChromaSubsampling", info.chroma_subsampling),
    ] {
        if let Some(v) = value {
            s.set(name, v);
        }
    }
    if let Some(depth) = info.bit_depth {
        s.set_if_absent("BitDepth", depth);
    }
}
