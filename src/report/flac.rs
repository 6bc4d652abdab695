//! MediaInfo's FLAC fields (File_Flac's STREAMINFO rules).

use crate::codec::flac::StreamInfo;
use crate::report::Stream;

/// Sets format, bit rate mode, rate, channels, depth, MD5 and the default channel layout.
pub fn fill_audio(s: &mut Stream, si: &StreamInfo) {
    s.set("Format", "FLAC");
    let cbr = si.frame_size_min == si.frame_size_max && si.frame_size_min != 0;
    s.set("BitRate_Mode", if cbr { "CBR" } else { "VBR" });
    s.set("SamplingRate", si.sample_rate.to_string());
    s.set("Channel(s)", si.channels.to_string());
    s.set("BitDepth", si.bits_per_sample.to_string());
    let md5: String = si.md5.iter().map(|b| format!("{b:02X}")).collect();
    s.set("MD5_Unencoded", md5);
    let layout = match si.channels {
        1 => Some(("Front: C", "1/0/0", "M")),
        2 => Some(("Front: L R", "2/0/0", "L R")),
        3 => Some(("Front: L C R", "3/0/0", "L R C")),
        6 => Some(("Front: L C R, Side: L R, LFE", "3/2/0.1", "L R C LFE Ls Rs")),
        _ => None,
    };
    if let Some((positions, short, layout)) = layout {
        s.set("ChannelPositions", positions);
        s.set("ChannelPositions/String2", short);
        s.set("ChannelLayout", layout);
    }
}
