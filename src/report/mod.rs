//! The report: MediaInfo's streams of named fields, and the rules that fill them.

pub mod aac;
pub mod ac3;
pub mod ac4;
pub mod adts;
pub mod amr;
pub mod av1;
pub mod avc;
pub mod channels;
pub mod codec_id;
pub mod colour;
pub mod conformance;
pub mod dates;
pub mod db;
pub mod dolby_vision;
pub mod dts;
pub mod eac3;
pub mod eia608;
pub mod ffv1;
pub mod finish;
pub mod flac;
pub mod h263;
pub mod hdr;
pub mod hevc;
pub mod identity;
pub mod jpeg;
pub mod loudness;
pub mod merge;
pub mod mkv;
pub mod mp4;
pub mod mp4_tags;
pub mod mpeg4v;
pub mod mpega;
pub mod mpegh;
pub mod mpegv;
pub mod numbers;
pub mod opus;
pub mod pcm;
pub mod prores;
pub mod side_effects;
pub mod stream;
pub mod strings;
pub mod vc1;
pub mod vc3;
pub mod vorbis;
pub mod vorbis_comment;
pub mod vp9;

pub use stream::{Field, Stream, StreamKind};

/// Runs the steps every container shares once its streams hold their raw fields: MediaInfo's
/// generic derivations, identity fields and human-readable variants.
pub fn complete(streams: &mut [Stream], name: &str) {
    // MediaInfo lists streams by kind (General, Video, Audio, Text, Other, Image, Menu),
    // keeping the file's order within a kind.
    streams.sort_by_key(|s| s.kind());
    if let Some(g) = streams.first_mut() {
        identity::fill_file_name(g, name);
    }
    side_effects::apply(streams);
    finish::finish(streams);
    side_effects::apply(streams);
    strings::fill_strings(streams);
    identity::fill_identity(streams);
}

/// File modification date fields (`File_Modified_Date`, `File_Modified_Date_Local`).
pub fn add_file_dates(general: &mut Stream, modified: std::time::SystemTime) {
    if let Ok(d) = modified.duration_since(std::time::UNIX_EPOCH)
        && let Some(utc) = dates::from_unix(d.as_secs() as i64)
    {
        let local = utc.trim_end_matches(" UTC").to_string();
        general.set("File_Modified_Date", utc);
        general.set("File_Modified_Date_Local", local);
    }
}
