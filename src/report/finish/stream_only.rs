//! Rules that complete one stream from its own fields (`Streams_Finish_StreamOnly` and its
//! per-kind variants); some read the General stream's duration as a fallback.

use super::Streams;
use super::generic;
use super::num::{fixed, float, int, round, uint};
use crate::report::stream::StreamKind::{self, *};

/// One per-stream pass over every stream, generic rules first, then per kind.
pub(super) fn run(s: &mut Streams) {
    for kind in StreamKind::ALL {
        for pos in 0..s.count(kind) {
            generic_rules(s, kind, pos);
        }
    }
    for pos in 0..s.count(General) {
        general(s, pos);
    }
    for pos in 0..s.count(Video) {
        video(s, pos);
    }
    for pos in 0..s.count(Audio) {
        audio(s, pos);
    }
    for pos in 0..s.count(Text) {
        text(s, pos);
    }
}

/// Rules MediaInfo applies to every kind of stream.
fn generic_rules(s: &mut Streams, kind: StreamKind, pos: usize) {
    if s.is_empty(kind, pos, "Format") && !s.is_empty(kind, pos, "CodecID") {
        let id = s.get(kind, pos, "CodecID").to_owned();
        s.fill(kind, pos, "Format", id);
    }
    bit_rate_from_size(s, kind, pos, "BitRate", "StreamSize");
    bit_rate_from_size(s, kind, pos, "BitRate_Encoded", "StreamSize_Encoded");
    duration_from_bit_rate(s, kind, pos);
    stream_size_from_bit_rate(s, kind, pos);
    constant_bit_rate_from_maximum(s, kind, pos);
}

/// The duration a bit rate is computed over: for video, `FrameCount×1000/FrameRate` when both
/// are known (more precise than the rounded duration), else `Duration`.
fn precise_duration(s: &Streams, kind: StreamKind, pos: usize) -> f64 {
    if kind == Video
        && !s.is_empty(Video, pos, "FrameCount")
        && !s.is_empty(Video, pos, "FrameRate")
    {
        let count = uint(s.get(Video, pos, "FrameCount"));
        let rate = float(s.get(Video, pos, "FrameRate"));
        if count != 0 && rate != 0.0 {
            return count.saturating_mul(1000) as f64 / rate;
        }
    }
    float(s.get(kind, pos, "Duration"))
}

/// `BitRate = StreamSize×8×1000/Duration` (and the same for the `_Encoded` pair) for video,
/// audio, text and image streams with no bit rate. An encoded size of 0 still gives a bit rate
/// of 0; a plain size of 0 gives none.
fn bit_rate_from_size(s: &mut Streams, kind: StreamKind, pos: usize, rate: &str, size: &str) {
    if matches!(kind, General | Other | Menu)
        || generic(kind, "Duration").is_none()
        || !s.is_empty(kind, pos, rate)
        || s.is_empty(kind, pos, size)
        || s.is_empty(kind, pos, "Duration")
    {
        return;
    }
    let duration = precise_duration(s, kind, pos);
    let bytes = uint(s.get(kind, pos, size));
    let encoded = rate == "BitRate_Encoded";
    if duration > 0.0 && (encoded || bytes > 0) {
        let bits = bytes.wrapping_mul(8000) as f64;
        s.fill_float(kind, pos, rate, bits / duration, 0, false);
    }
}

/// `Duration = StreamSize×8×1000/BitRate` when the duration is unknown.
fn duration_from_bit_rate(s: &mut Streams, kind: StreamKind, pos: usize) {
    if kind == Other
        || generic(kind, "Duration").is_none()
        || generic(kind, "StreamSize").is_none()
        || !s.is_empty(kind, pos, "Duration")
        || s.is_empty(kind, pos, "StreamSize")
        || s.is_empty(kind, pos, "BitRate")
    {
        return;
    }
    let bit_rate = uint(s.get(kind, pos, "BitRate"));
    let size = uint(s.get(kind, pos, "StreamSize"));
    if bit_rate > 0 && size > 0 {
        let duration = size as f64 * 8.0 * 1000.0 / bit_rate as f64;
        s.fill_float(kind, pos, "Duration", duration, 0, false);
    }
}

/// `StreamSize = BitRate×Duration/8/1000` when the size is unknown and the bit rate is a
/// single value.
fn stream_size_from_bit_rate(s: &mut Streams, kind: StreamKind, pos: usize) {
    if kind == Other
        || generic(kind, "Duration").is_none()
        || generic(kind, "StreamSize").is_none()
        || !s.is_empty(kind, pos, "StreamSize")
        || s.is_empty(kind, pos, "BitRate")
        || s.is_empty(kind, pos, "Duration")
        || s.get(kind, pos, "BitRate").contains(" / ")
    {
        return;
    }
    let bit_rate = float(s.get(kind, pos, "BitRate"));
    let duration = float(s.get(kind, pos, "Duration"));
    if bit_rate > 0.0 && duration > 0.0 {
        let size = bit_rate * duration / 8.0 / 1000.0;
        s.fill_float(kind, pos, "StreamSize", size, 0, false);
    }
}

/// A maximum bit rate equal to the bit rate is dropped, and the mode becomes CBR if unknown.
fn constant_bit_rate_from_maximum(s: &mut Streams, kind: StreamKind, pos: usize) {
    if generic(kind, "BitRate").is_none() || s.is_empty(kind, pos, "BitRate") {
        return;
    }
    if s.get(kind, pos, "BitRate") == s.get(kind, pos, "BitRate_Maximum") {
        s.clear(kind, pos, "BitRate_Maximum");
        s.fill(kind, pos, "BitRate_Mode", "CBR".to_owned());
    }
}

/// `Audio_Channels_Total`: the sum of the audio streams' channel counts, when all are known.
fn general(s: &mut Streams, pos: usize) {
    if !s.is_empty(General, pos, "Audio_Channels_Total") {
        return;
    }
    let mut total: u64 = 0;
    for audio in 0..s.count(Audio) {
        let channels = uint(s.get(Audio, audio, "Channel(s)"));
        if channels == 0 {
            total = 0;
            break;
        }
        total = total.saturating_add(channels);
    }
    if total != 0 {
        s.fill(General, pos, "Audio_Channels_Total", total.to_string());
    }
}

/// The General duration a stream without its own falls back on, and whether to say so
/// (`*_Source` = "General_Duration": when the General format differs from the stream's).
fn duration_or_general(s: &Streams, kind: StreamKind, pos: usize, own: f64) -> (f64, bool) {
    if own != 0.0 {
        return (own, false);
    }
    let general = float(s.general("Duration"));
    // MediaInfo checks the General format against this stream's, then against the audio
    // stream at the same position (even for video streams).
    let from_general = s.general("Format") != s.get(kind, pos, "Format")
        && s.get(Audio, pos, "Format") != s.general("Format");
    (general, from_general)
}

/// Video: frame count, duration and frame rate from each other; the pixel aspect ratio from
/// the display one, else 1; the PAL/NTSC standard; intra-only formats' scan type.
fn video(s: &mut Streams, pos: usize) {
    if s.is_empty(Video, pos, "FrameCount") {
        // MediaInfo reads this duration as an integer.
        let own = int(s.get(Video, pos, "Duration")) as f64;
        let (duration, from_general) = duration_or_general(s, Video, pos, own);
        let duration = duration.trunc();
        let rate = float(s.get(Video, pos, "FrameRate"));
        if duration != 0.0 && rate != 0.0 {
            s.fill_float(Video, pos, "FrameCount", duration * rate / 1000.0, 0, false);
            if from_general {
                s.fill(
                    Video,
                    pos,
                    "FrameCount_Source",
                    "General_Duration".to_owned(),
                );
            }
        }
    }
    if s.is_empty(Video, pos, "Duration") {
        let count = uint(s.get(Video, pos, "FrameCount"));
        let rate = float(s.get(Video, pos, "FrameRate"));
        if count != 0 && rate != 0.0 {
            s.fill_float(
                Video,
                pos,
                "Duration",
                count as f64 / rate * 1000.0,
                0,
                false,
            );
            let source = s.get(Video, pos, "FrameCount_Source").to_owned();
            s.fill(Video, pos, "Duration_Source", source);
        }
    }
    if s.is_empty(Video, pos, "FrameRate") {
        let count = uint(s.get(Video, pos, "FrameCount"));
        let duration = float(s.get(Video, pos, "Duration")) / 1000.0;
        if count != 0 && duration != 0.0 {
            s.fill_float(Video, pos, "FrameRate", count as f64 / duration, 3, false);
        }
    }
    if s.is_empty(Video, pos, "PixelAspectRatio") && !s.is_empty(Video, pos, "DisplayAspectRatio") {
        s.pixel_aspect_ratio_from_display(Video, pos);
    }
    if s.is_empty(Video, pos, "PixelAspectRatio") && s.is_empty(Video, pos, "DisplayAspectRatio") {
        s.fill_float(Video, pos, "PixelAspectRatio", 1.0, 3, false);
    }
    video_standard(s, pos);
    if s.is_empty(Video, pos, "ScanType")
        && matches!(
            s.get(Video, pos, "Format"),
            "RED" | "CineForm" | "DPX" | "EXR"
        )
    {
        s.fill(Video, pos, "ScanType", "Progressive".to_owned());
    }
    if s.get(Video, pos, "ColorSpace") == "RGB" && s.get(Video, pos, "ChromaSubsampling") == "4:4:4"
    {
        s.clear(Video, pos, "ChromaSubsampling");
        // Its text form (derived when the parser filled it) goes with it.
        s.clear(Video, pos, "ChromaSubsampling/String");
    }
    super::hdr::video(s, pos);
    if s.is_empty(Video, pos, "Format_Commercial_IfAny") && s.get(Video, pos, "Format") == "VC-3" {
        let name = crate::report::vc3::commercial_name(
            s.get(Video, pos, "Format_Profile"),
            uint(s.get(Video, pos, "Height")),
            float(s.get(Video, pos, "FrameRate")).round() as u64,
            (float(s.get(Video, pos, "BitRate")) / 1_000_000.0).round() as u64,
            uint(s.get(Video, pos, "BitDepth")),
        );
        s.fill(
            Video,
            pos,
            "Format_Commercial_IfAny",
            name.unwrap_or_default(),
        );
    }
}

/// `Standard`: PAL or NTSC from the usual SD sizes at 25 or 29.970 frames per second.
fn video_standard(s: &mut Streams, pos: usize) {
    if !s.is_empty(Video, pos, "Standard") {
        return;
    }
    let width = s.get(Video, pos, "Width");
    let height = s.get(Video, pos, "Height");
    let rate = s.get(Video, pos, "FrameRate");
    let standard = match (width, rate) {
        ("720" | "704", "25.000") if height == "576" => "PAL",
        ("720" | "704", "29.970") if matches!(height, "486" | "480") => "NTSC",
        ("352", "25.000") if matches!(height, "576" | "288") => "PAL",
        ("352", "29.970") if matches!(height, "486" | "480" | "243" | "240") => "NTSC",
        _ => return,
    };
    s.fill(Video, pos, "Standard", standard.to_owned());
}

/// Audio: sampling count, duration, frame rate, samples per frame and stream size from each
/// other; AMR's single channel.
fn audio(s: &mut Streams, pos: usize) {
    if s.get(Audio, pos, "StreamSize_Encoded") == s.get(Audio, pos, "StreamSize") {
        s.clear(Audio, pos, "StreamSize_Encoded");
    }
    if s.get(Audio, pos, "BitRate_Encoded") == s.get(Audio, pos, "BitRate") {
        s.clear(Audio, pos, "BitRate_Encoded");
    }
    if s.is_empty(Audio, pos, "Channel(s)")
        && matches!(
            s.get(Audio, pos, "CodecID"),
            "samr" | "sawb" | "7A21" | "7A22"
        )
    {
        s.fill(Audio, pos, "Channel(s)", "1".to_owned());
    }
    if s.is_empty(Audio, pos, "SamplingCount") {
        let own = float(s.get(Audio, pos, "Duration"));
        let (duration, from_general) = duration_or_general(s, Audio, pos, own);
        let rate = float(s.get(Audio, pos, "SamplingRate"));
        if duration != 0.0 && rate != 0.0 {
            s.fill_float(
                Audio,
                pos,
                "SamplingCount",
                duration / 1000.0 * rate,
                0,
                false,
            );
            if from_general {
                s.fill(
                    Audio,
                    pos,
                    "SamplingCount_Source",
                    "General_Duration".to_owned(),
                );
            }
        }
    }
    if float(s.get(Audio, pos, "SamplingRate")) == float(s.get(Audio, pos, "FrameRate")) {
        s.clear(Audio, pos, "FrameRate");
    }
    if s.is_empty(Audio, pos, "SamplingRate") {
        let depth = float(s.get(Audio, pos, "BitDepth"));
        let channels = float(s.get(Audio, pos, "Channel(s)"));
        let bit_rate = float(s.get(Audio, pos, "BitRate"));
        if depth != 0.0 && channels != 0.0 && bit_rate != 0.0 {
            s.fill_float(
                Audio,
                pos,
                "SamplingRate",
                bit_rate / channels / depth,
                0,
                false,
            );
        }
    }
    if s.is_empty(Audio, pos, "SamplesPerFrame") {
        let frame_rate = float(s.get(Audio, pos, "FrameRate"));
        let rate = s
            .get(Audio, pos, "SamplingRate")
            .split(" / ")
            .map(float)
            .find(|r| *r != 0.0)
            .unwrap_or(0.0);
        if frame_rate != 0.0 && rate != 0.0 && frame_rate != rate {
            let samples = rate / frame_rate;
            let text = if samples > 1601.0 && samples < 1602.0 {
                "1601.6".to_owned()
            } else if samples > 800.0 && samples < 801.0 {
                "800.8".to_owned()
            } else {
                fixed(samples, 0)
            };
            s.fill(Audio, pos, "SamplesPerFrame", text);
        }
    }
    if s.is_empty(Audio, pos, "Duration") {
        let rate = float(s.get(Audio, pos, "SamplingRate"));
        if rate != 0.0 {
            let duration = float(s.get(Audio, pos, "SamplingCount")) * 1000.0 / rate;
            if duration != 0.0 {
                s.fill_float(Audio, pos, "Duration", duration, 0, false);
                let source = s.get(Audio, pos, "SamplingCount_Source").to_owned();
                s.fill(Audio, pos, "Duration_Source", source);
            }
        }
    }
    if s.get(Audio, pos, "BitRate_Mode") == "CBR" {
        let duration = float(s.get(Audio, pos, "Duration"));
        if s.is_empty(Audio, pos, "StreamSize") {
            let bit_rate = float(s.get(Audio, pos, "BitRate"));
            if duration != 0.0 && bit_rate != 0.0 {
                let size = duration * bit_rate / 8.0 / 1000.0;
                s.fill_float(Audio, pos, "StreamSize", size, 0, true);
            }
        }
        if s.is_empty(Audio, pos, "StreamSize_Encoded")
            && !s.is_empty(Audio, pos, "BitRate_Encoded")
        {
            let bit_rate = float(s.get(Audio, pos, "BitRate_Encoded"));
            if duration != 0.0 {
                let size = duration * bit_rate / 8.0 / 1000.0;
                s.fill_float(Audio, pos, "StreamSize_Encoded", size, 0, true);
            }
        }
    }
}

/// Text: frame rate from frame count and duration, and the frame count back.
fn text(s: &mut Streams, pos: usize) {
    if s.is_empty(Text, pos, "FrameRate") {
        let count = uint(s.get(Text, pos, "FrameCount"));
        let duration = float(s.get(Text, pos, "Duration")) / 1000.0;
        if count != 0 && duration != 0.0 {
            s.fill_float(Text, pos, "FrameRate", count as f64 / duration, 3, false);
        }
    }
    if s.is_empty(Text, pos, "FrameCount") {
        let duration = float(s.get(Text, pos, "Duration")) / 1000.0;
        let rate = float(s.get(Text, pos, "FrameRate"));
        if duration != 0.0 && rate != 0.0 {
            s.fill(Text, pos, "FrameCount", round(duration * rate).to_string());
        }
    }
}
