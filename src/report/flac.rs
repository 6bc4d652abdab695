//! MediaInfo's FLAC fields (File_Flac's STREAMINFO rules).

use crate::codec::flac::StreamInfo;
use crate::report::Stream;

/// Sets format, bit rate mode, rate, channels, depth and MD5 (STREAMINFO).
pub fn fill_audio(s: &mut Stream, si: &StreamInfo) {
    s.set("Format", "FLAC");
    let cbr = si.frame_size_min == si.frame_size_max && si.frame_size_min != 0;
    s.set("BitRate_Mode", if cbr { "CBR" } else { "VBR" });
    s.set("SamplingRate", si.sample_rate.to_string());
    s.set("Channel(s)", si.channels.to_string());
    s.set("BitDepth", si.bits_per_sample.to_string());
    let md5: String = si.md5.iter().map(|b| format!("{b:02X}")).collect();
    s.set("MD5_Unencoded", md5);
}

/// File_Flac's metadata blocks: STREAMINFO, the Vorbis comments (the track's own fields
/// only), then at the last block the default channel layout of the channel count.
pub fn fill_metadata(s: &mut Stream, m: &crate::codec::flac::Metadata) {
    if let Some(si) = &m.stream_info {
        fill_audio(s, si);
    }
    if let Some(c) = &m.comments {
        super::vorbis_comment::fill(s, c, false);
    }
    if m.last_block_seen && !s.has("ChannelPositions") && !s.has("ChannelPositions/String2") {
        let channels: u32 = s
            .get("Channel(s)")
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let mask = match channels {
            1 => 4,
            2 => 3,
            3 => 7,
            4 => 1539,
            5 => 1543,
            6 => 1551,
            7 => 1807,
            8 => 1599,
            _ => return,
        };
        s.set("ChannelPositions", super::channels::positions(mask));
        s.set(
            "ChannelPositions/String2",
            super::channels::positions2(mask),
        );
        let layout = if mask == 4 {
            "M".to_string()
        } else {
            super::channels::layout(mask)
        };
        s.set("ChannelLayout", layout);
    }
}
