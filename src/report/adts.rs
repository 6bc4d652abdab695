//! MediaInfo's streams for a raw ADTS file (File_Aac in ADTS mode): General "ADTS" and one
//! AAC audio stream described by the first frame header and the frames read.

use super::{Stream, StreamKind, aac, db, finish};
use crate::container::adts::AdtsFile;

/// The General and Audio streams of an ADTS file.
pub fn streams(file: &AdtsFile) -> Vec<Stream> {
    let mut g = Stream::new(StreamKind::General);
    g.set("Format", "ADTS");
    if let Some(info) = db::format("ADTS") {
        g.set("Format/Extensions", info.extensions.unwrap_or(""));
    }
    g.set("FileSize", file.size.to_string());

    let mut a = Stream::new(StreamKind::Audio);
    if let Some(info) = &file.aac {
        aac::fill_audio(&mut a, info);
    }
    let h = &file.first;
    a.set(
        "Format_Version",
        if h.mpeg2 { "Version 2" } else { "Version 4" },
    );
    a.set("CodecID", h.audio_object_type.to_string());
    finish::parser_side_effects(&mut a);
    // MediaInfo knows the frame count only when its frame limit let it reach the end.
    if file.whole_file && file.frames > 0 {
        a.set("FrameCount", file.frames.to_string());
    }
    a.set("StreamSize", file.size.to_string());
    vec![g, a]
}
