//! MediaInfo's Opus fields (File_Opus's identification header rules).

use crate::codec::opus::OpusHead;
use crate::report::Stream;

/// Channel positions, their short form and layout for Vorbis channel order, 1 to 8 channels.
const LAYOUTS: [(&str, &str, &str); 8] = [
    ("Front: C", "1/0/0", "M"),
    ("Front: L R", "2/0/0", "L R"),
    ("Front: L C R", "3/0/0", "L R C"),
    ("Front: L R,   Rear: L R", "2/0/2", "L R BL BR"),
    ("Front: L C R, Back: L R", "3/0/2", "L R BL BR LFE"),
    ("Front: L C R, Back: L R, LFE", "3/0/2.1", "L R C BL BR LFE"),
    (
        "Front: L C R, Side: L R, Back: C, LFE",
        "3/2/1.1",
        "L R C SL SR BC LFE",
    ),
    (
        "Front: L C R, Side: L R, Back: L R, LFE",
        "3/2/2.1",
        "L R C SL SR BL BR LFE",
    ),
];

/// Sets Format, sampling rate, channels and, for mapping families 0 and 1, the positions.
pub fn fill_audio(s: &mut Stream, head: &OpusHead) {
    s.set("Format", "Opus");
    let rate = if head.input_sample_rate != 0 {
        head.input_sample_rate
    } else {
        48_000
    };
    s.set("SamplingRate", rate.to_string());
    s.set("Channel(s)", head.channels.to_string());
    let mapped = match head.mapping_family {
        0 => head.channels <= 2,
        1 => true,
        _ => false,
    };
    if mapped && (1..=8).contains(&head.channels) {
        let (positions, short, layout) = LAYOUTS[usize::from(head.channels) - 1];
        s.set("ChannelPositions", positions);
        s.set("ChannelPositions/String2", short);
        s.set(
            "ChannelLayout",
            super::channels::rename_2018(layout, "Opus"),
        );
    }
}
