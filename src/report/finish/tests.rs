//! Literal inputs and the values MediaInfo 24.12 prints for them (taken from corpus files).

use super::*;

mod devdump;

fn stream(kind: StreamKind, fields: &[(&str, &str)]) -> Stream {
    let mut s = Stream::new(kind);
    for (name, value) in fields {
        s.set(name, *value);
    }
    s
}

fn assert_fields(s: &Stream, expected: &[(&str, &str)]) {
    for (name, value) in expected {
        assert_eq!(s.get(name), Some(*value), "{} {name}", s.kind().name());
    }
}

/// pymediainfo/mp4-with-audio.mp4: one CBR AAC track.
#[test]
fn audio_only_mp4_totals() {
    let mut streams = vec![
        stream(
            StreamKind::General,
            &[
                ("Format", "MPEG-4"),
                ("FileSize", "1493"),
                ("Duration", "47"),
            ],
        ),
        stream(
            StreamKind::Audio,
            &[
                ("Format", "AAC"),
                ("Duration", "47"),
                ("BitRate_Mode", "CBR"),
                ("BitRate", "127993"),
                ("Channel(s)", "2"),
                ("SamplesPerFrame", "1024"),
                ("SamplingRate", "44100"),
                ("StreamSize", "743"),
            ],
        ),
    ];
    finish(&mut streams);
    assert_fields(
        &streams[0],
        &[
            ("OverallBitRate_Mode", "CBR"),
            ("OverallBitRate", "254128"),
            ("StreamSize", "750"),
            ("StreamSize_Proportion", "0.50234"),
            ("Audio_Channels_Total", "2"),
        ],
    );
    assert_fields(
        &streams[1],
        &[
            ("SamplingCount", "2073"),
            ("FrameRate", "43.066"),
            ("StreamSize_Proportion", "0.49766"),
        ],
    );
}

/// sample.audio.mp4: no bit rate mode, so no overall mode; a bit rate from size and duration.
#[test]
fn bit_rate_from_stream_size_and_duration() {
    let mut streams = vec![
        stream(
            StreamKind::General,
            &[
                ("Format", "MPEG-4"),
                ("FileSize", "10790"),
                ("Duration", "1023"),
            ],
        ),
        stream(
            StreamKind::Audio,
            &[
                ("Format", "AAC"),
                ("Duration", "1023"),
                ("SamplingRate", "44100"),
                ("StreamSize", "9529"),
            ],
        ),
    ];
    finish(&mut streams);
    assert_eq!(streams[0].get("OverallBitRate_Mode"), None);
    assert_fields(
        &streams[0],
        &[("OverallBitRate", "84379"), ("StreamSize", "1261")],
    );
    assert_fields(
        &streams[1],
        &[
            ("BitRate", "74518"),
            ("SamplingCount", "45114"),
            ("StreamSize_Proportion", "0.88313"),
        ],
    );
}

/// sample_fragmented_clearkey.mp4's video: aspect ratios from the size alone, bits per pixel,
/// the General frame rate and count.
#[test]
fn video_aspect_ratios_and_general_frame_fields() {
    let mut streams = vec![
        stream(
            StreamKind::General,
            &[("FileSize", "107032"), ("Duration", "1068")],
        ),
        stream(
            StreamKind::Video,
            &[
                ("Format", "AVC"),
                ("Duration", "1001"),
                ("BitRate", "686776"),
                ("Width", "1080"),
                ("Height", "720"),
                ("FrameRate", "29.970"),
                ("FrameCount", "30"),
                ("StreamSize", "85933"),
            ],
        ),
    ];
    finish(&mut streams);
    assert_fields(
        &streams[1],
        &[
            ("PixelAspectRatio", "1.000"),
            ("DisplayAspectRatio", "1.500"),
            ("Bits-(Pixel*Frame)", "0.029"),
            ("StreamSize_Proportion", "0.80287"),
        ],
    );
    assert_fields(
        &streams[0],
        &[
            ("FrameRate", "29.970"),
            ("FrameCount", "30"),
            ("OverallBitRate", "801738"),
        ],
    );
}

/// A display aspect ratio gives the pixel one, "1.778" read as exactly 16/9 (MediaInfo's
/// formula: 16/9 / (720/576) = 1.4222).
#[test]
fn pixel_aspect_ratio_from_display() {
    let mut streams = vec![
        stream(StreamKind::General, &[]),
        stream(
            StreamKind::Video,
            &[
                ("Width", "720"),
                ("Height", "576"),
                ("DisplayAspectRatio", "1.778"),
            ],
        ),
    ];
    finish(&mut streams);
    assert_fields(&streams[1], &[("PixelAspectRatio", "1.422")]);
}

/// lego-vp8-vorbis.webm: frame and sample counts from the General duration, and the durations
/// back, each saying where it came from.
#[test]
fn counts_from_general_duration() {
    let mut streams = vec![
        stream(
            StreamKind::General,
            &[("Format", "WebM"), ("Duration", "5568")],
        ),
        stream(
            StreamKind::Video,
            &[("Format", "VP8"), ("FrameRate", "30.000")],
        ),
        stream(
            StreamKind::Audio,
            &[("Format", "Vorbis"), ("SamplingRate", "48000")],
        ),
    ];
    finish(&mut streams);
    assert_fields(
        &streams[1],
        &[
            ("FrameCount", "167"),
            ("FrameCount_Source", "General_Duration"),
            ("Duration", "5567"),
            ("Duration_Source", "General_Duration"),
        ],
    );
    assert_fields(
        &streams[2],
        &[
            ("SamplingCount", "267264"),
            ("SamplingCount_Source", "General_Duration"),
            ("Duration", "5568"),
            ("Duration_Source", "General_Duration"),
        ],
    );
    assert_fields(
        &streams[0],
        &[("FrameRate", "30.000"), ("FrameCount", "167")],
    );
}

/// General duration from the longest stream; audio delay relative to the video.
#[test]
fn general_duration_and_video_delay() {
    let mut streams = vec![
        stream(StreamKind::General, &[]),
        stream(StreamKind::Video, &[("Duration", "1001"), ("Delay", "0")]),
        stream(StreamKind::Audio, &[("Duration", "1068"), ("Delay", "62")]),
    ];
    finish(&mut streams);
    assert_fields(&streams[0], &[("Duration", "1068")]);
    assert_fields(&streams[2], &[("Video_Delay", "62")]);
}

#[test]
fn frame_rate_fractions() {
    let pair = |n: &str, d: &str| Some((n.to_owned(), d.to_owned()));
    assert_eq!(frame_rate_fraction(30000.0 / 1001.0), pair("30000", "1001"));
    assert_eq!(frame_rate_fraction(29.97), pair("29970", "1000"));
    assert_eq!(frame_rate_fraction(25.0), pair("25", "1"));
    assert_eq!(frame_rate_fraction(44100.0 / 1024.0), None);
}

/// Nothing to derive from, nothing derived; an empty file does not panic.
#[test]
fn empty_streams() {
    let mut none: Vec<Stream> = Vec::new();
    finish(&mut none);
    let mut streams = vec![stream(
        StreamKind::Video,
        &[("Width", "0"), ("Height", "-5"), ("FrameRate", "x")],
    )];
    finish(&mut streams);
    assert_eq!(streams[0].get("DisplayAspectRatio"), None);
}
