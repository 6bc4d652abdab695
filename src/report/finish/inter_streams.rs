//! Rules that complete the General stream from the others, and a stream from the General one
//! (`Streams_Finish_InterStreams`).

use super::Streams;
use super::generic;
use super::num::{float, int, round, uint};
use crate::report::stream::StreamKind::{self, *};

/// One cross-stream pass, in MediaInfo's order.
pub(super) fn run(s: &mut Streams) {
    if s.count(General) == 0 {
        return;
    }
    duration_from_streams(s);
    stream_size_from_sizes(s);
    overall_bit_rate_from_single_audio(s);
    overall_bit_rate_from_size(s);
    duration_from_overall_bit_rate(s);
    short_video_nominal_bit_rate(s);
    video_bit_rate_from_overall(s);
    stream_size_from_remainder(s);
    overall_bit_rate_mode(s);
    frame_rate_and_count_from_video(s);
    titles(s);
}

/// The streams after General, as (kind, position), in MediaInfo's order.
fn non_general(s: &Streams, kinds: &[StreamKind]) -> Vec<(StreamKind, usize)> {
    kinds
        .iter()
        .flat_map(|&kind| (0..s.count(kind)).map(move |pos| (kind, pos)))
        .collect()
}

/// General `Duration`, when unknown: the longest stream duration, in whole ms.
fn duration_from_streams(s: &mut Streams) {
    if !s.is_empty(General, 0, "Duration") {
        return;
    }
    let longest = non_general(s, &[Video, Audio, Text, Other, Image, Menu])
        .into_iter()
        .filter(|&(kind, _)| generic(kind, "Duration").is_some())
        .map(|(kind, pos)| uint(s.get(kind, pos, "Duration")))
        .max()
        .unwrap_or(0);
    if longest > 0 {
        s.fill(General, 0, "Duration", longest.to_string());
    }
}

/// A stream's size as the General totals count it: its encoded size, else its size.
fn counted_size(s: &Streams, kind: StreamKind, pos: usize) -> Option<u64> {
    ["StreamSize_Encoded", "StreamSize"]
        .into_iter()
        .filter(|name| generic(kind, name).is_some())
        .map(|name| s.get(kind, pos, name))
        .find(|value| !value.is_empty())
        .map(uint)
}

/// General `StreamSize` (the container's overhead) = `FileSize` minus the sizes of the video,
/// audio, text and image streams, when all are known and it leaves more than 8 bytes.
fn stream_size_from_sizes(s: &mut Streams) {
    if !s.is_empty(General, 0, "StreamSize") {
        return;
    }
    let mut total: u64 = 0;
    for (kind, pos) in non_general(s, &[Video, Audio, Text, Image]) {
        match counted_size(s, kind, pos) {
            Some(size) => total = total.wrapping_add(size),
            None => return,
        }
    }
    let file_size = uint(s.general("FileSize"));
    if total > 0 && total < file_size && file_size - total > 8 {
        s.fill(General, 0, "StreamSize", (file_size - total).to_string());
    }
}

/// General `OverallBitRate` of a lone audio stream (an audio-only format, or one with a header)
/// when the duration is unknown: the audio's encoded bit rate, else its bit rate.
fn overall_bit_rate_from_single_audio(s: &mut Streams) {
    if !s.is_empty(General, 0, "Duration")
        || !s.is_empty(General, 0, "OverallBitRate")
        || s.count(Video) != 0
        || s.count(Audio) != 1
        || uint(s.get(Audio, 0, "BitRate")) == 0
        || (s.general("Format") != s.get(Audio, 0, "Format")
            && s.is_empty(General, 0, "HeaderSize"))
    {
        return;
    }
    let encoded = s.get(Audio, 0, "BitRate_Encoded");
    let value = if encoded.is_empty() {
        s.get(Audio, 0, "BitRate")
    } else {
        encoded
    };
    s.fill(General, 0, "OverallBitRate", value.to_owned());
}

/// General `OverallBitRate = FileSize×8×1000/Duration`. (MediaInfo means to use the video's
/// frame-exact duration when it matches, but compares against a field that is still empty, so
/// it never does.)
fn overall_bit_rate_from_size(s: &mut Streams) {
    if !s.is_empty(General, 0, "OverallBitRate")
        || uint(s.general("Duration")) == 0
        || s.is_empty(General, 0, "FileSize")
    {
        return;
    }
    let duration = float(s.general("Duration"));
    let bits = uint(s.general("FileSize")).wrapping_mul(8000) as f64;
    s.fill_float(General, 0, "OverallBitRate", bits / duration, 0, false);
}

/// General `Duration = FileSize×8×1000/OverallBitRate` when only the bit rate is known.
fn duration_from_overall_bit_rate(s: &mut Streams) {
    if !s.is_empty(General, 0, "Duration") || uint(s.general("OverallBitRate")) == 0 {
        return;
    }
    let duration = float(s.general("FileSize")) * 8.0 * 1000.0 / float(s.general("OverallBitRate"));
    s.fill_float(General, 0, "Duration", duration, 0, false);
}

/// A lone video stream of a file under 4 s (or of unknown duration) takes its nominal bit rate
/// as its bit rate.
fn short_video_nominal_bit_rate(s: &mut Streams) {
    if s.count(Video) == 1 && s.is_empty(Video, 0, "BitRate") && uint(s.general("Duration")) < 4000
    {
        let nominal = s.get(Video, 0, "BitRate_Nominal").to_owned();
        s.fill(Video, 0, "BitRate", nominal);
        s.clear(Video, 0, "BitRate_Nominal");
    }
}

/// Container overhead MediaInfo assumes when estimating a video bit rate from the overall one:
/// (ratio, minus) for the whole file, the video, the audio and the text.
struct Overhead {
    general: (f64, f64),
    video: (f64, f64),
    audio: (f64, f64),
    text: (f64, f64),
}

impl Overhead {
    fn for_format(format: &str) -> Self {
        let all = |ratio, minus| Self {
            general: (ratio, minus),
            video: (ratio, minus),
            audio: (ratio, minus),
            text: (ratio, minus),
        };
        match format {
            "MPEG-TS" => Self {
                general: (0.98, 0.0),
                video: (0.97, 0.0),
                audio: (0.96, 0.0),
                text: (0.96, 0.0),
            },
            "MPEG-PS" | "Matroska" => all(0.99, 0.0),
            "MXF" => all(1.0, 1000.0),
            _ => Self {
                general: (0.98, 5000.0),
                video: (0.98, 2000.0),
                audio: (0.98, 2000.0),
                text: (0.98, 2000.0),
            },
        }
    }
}

/// A lone video stream without a bit rate gets the overall bit rate minus the audio and text
/// bit rates, less the container's assumed overhead, when that leaves at least 10 kb/s (and a
/// stream size from it).
fn video_bit_rate_from_overall(s: &mut Streams) {
    if s.count(Video) != 1
        || s.general("OverallBitRate").len() <= 4
        || !s.is_empty(Video, 0, "BitRate")
        || !s.is_empty(Video, 0, "BitRate_Encoded")
        || uint(s.general("Duration")) < 1000
    {
        return;
    }
    let o = Overhead::for_format(s.general("Format"));
    let mut video = float(s.general("OverallBitRate")) * o.general.0 - o.general.1;
    let mut valid = true;
    let numeric = |v: &str| v.bytes().next().is_some_and(|b| b <= b'9');
    for pos in 0..s.count(Audio) {
        let encoded = s.get(Audio, pos, "BitRate_Encoded");
        let plain = s.get(Audio, pos, "BitRate");
        let audio = if numeric(encoded) {
            float(encoded)
        } else if numeric(plain) {
            float(plain)
        } else {
            valid = false;
            0.0
        };
        if valid {
            video -= audio / o.audio.0 + o.audio.1;
        }
    }
    for pos in 0..s.count(Text) {
        let encoded = s.get(Text, pos, "BitRate_Encoded");
        let text = float(if encoded.is_empty() {
            s.get(Text, pos, "BitRate")
        } else {
            encoded
        });
        video -= text / o.text.0 + o.text.1;
    }
    if !valid || video < 10000.0 {
        return;
    }
    let video = video * o.video.0 - o.video.1;
    s.fill_float(Video, 0, "BitRate", video, 0, false);
    if s.is_empty(Video, 0, "StreamSize") && !s.is_empty(Video, 0, "Duration") {
        let count = uint(s.get(Video, 0, "FrameCount"));
        let rate = float(s.get(Video, 0, "FrameRate"));
        let duration = if count != 0 && rate != 0.0 {
            count.saturating_mul(1000) as f64 / rate
        } else {
            float(s.get(Video, 0, "Duration"))
        };
        if duration != 0.0 {
            let size = round(video / 8.0 * duration / 1000.0);
            s.fill(Video, 0, "StreamSize", size.to_string());
        }
    }
}

/// General `StreamSize` again, now counting every video, audio, text, other and image stream
/// (a text stream may count 0): `FileSize` minus their sizes, when 0 or more than 8.
fn stream_size_from_remainder(s: &mut Streams) {
    if !s.is_empty(General, 0, "StreamSize") || s.is_empty(General, 0, "FileSize") {
        return;
    }
    let mut remainder = int(s.general("FileSize"));
    for (kind, pos) in non_general(s, &[Video, Audio, Text, Other, Image]) {
        let size = counted_size(s, kind, pos).unwrap_or(0);
        if size > 0 || kind == Text {
            remainder = remainder.wrapping_sub(size as i64);
        } else {
            return;
        }
    }
    if remainder == 0 || remainder > 8 {
        s.fill(General, 0, "StreamSize", remainder.to_string());
    }
}

/// General `OverallBitRate_Mode`: CBR when every stream is CBR, VBR when one is VBR. Streams
/// without a bit rate mode field (other, image) make it not CBR.
fn overall_bit_rate_mode(s: &mut Streams) {
    if !s.is_empty(General, 0, "OverallBitRate_Mode") {
        return;
    }
    let streams = non_general(s, &[Video, Audio, Text, Other, Image]);
    if streams.is_empty() {
        return;
    }
    let mode = |&(kind, pos): &(StreamKind, usize)| {
        generic(kind, "BitRate_Mode").map_or("", |name| s.get(kind, pos, name))
    };
    let cbr = streams.iter().all(|st| mode(st) == "CBR");
    let vbr = streams.iter().any(|st| mode(st) == "VBR");
    if cbr {
        s.fill(General, 0, "OverallBitRate_Mode", "CBR".to_owned());
    }
    if vbr {
        s.fill(General, 0, "OverallBitRate_Mode", "VBR".to_owned());
    }
}

/// General `FrameRate` and `FrameCount`: the first video stream's (the count not for a
/// truncated file).
fn frame_rate_and_count_from_video(s: &mut Streams) {
    if s.count(Video) == 0 {
        return;
    }
    if s.is_empty(General, 0, "FrameRate") {
        let rate = s.get(Video, 0, "FrameRate").to_owned();
        s.fill(General, 0, "FrameRate", rate);
    }
    if s.is_empty(General, 0, "FrameCount") && s.is_empty(General, 0, "IsTruncated") {
        let count = s.get(Video, 0, "FrameCount").to_owned();
        s.fill(General, 0, "FrameCount", count);
    }
}

/// `Title` and `Movie` (files with video, outside a collection) or `Track` stand for each
/// other, and a numeric genre is an ID3v1 genre number (MediaInfo's `Tags`).
fn titles(s: &mut Streams) {
    let genre = s.general("Genre");
    if !genre.is_empty() && genre.len() < 4 && genre.starts_with(|c: char| c.is_ascii_digit()) {
        let key = format!("Genre_{genre:0>3}");
        if let Some(name) = crate::report::db::translation(&key) {
            s.replace(General, 0, "Genre", name.to_owned());
        }
    }
    let movie_like = s.count(Video) > 0 && s.is_empty(General, 0, "Collection");
    for (title, movie, track) in [
        ("Title", "Movie", "Track"),
        ("Title_More", "Movie_More", "Track_More"),
        ("Title/Url", "Movie/Url", "Track/Url"),
    ] {
        if !s.is_empty(General, 0, title)
            && s.is_empty(General, 0, movie)
            && s.is_empty(General, 0, track)
        {
            let value = s.general(title).to_owned();
            s.fill(General, 0, if movie_like { movie } else { track }, value);
        }
    }
    for (title, movie, track) in [
        ("Title", "Movie", "Track"),
        ("Title_More", "Movie_More", "Track_More"),
        ("Title/Url", "Movie/Url", "Track/Url"),
    ] {
        for source in [movie, track] {
            if s.is_empty(General, 0, title) && !s.is_empty(General, 0, source) {
                let value = s.general(source).to_owned();
                s.fill(General, 0, title, value);
            }
        }
    }
}
