//! MediaInfo's AMR fields (File_Amr) for a container's sample entry: File_Mpeg4 runs the
//! parser on no data, so the codec ID alone says narrow or wide band.

use crate::report::Stream;

/// Fills an AMR stream from its codec ID's profile (`Narrow band`, `Wide band`): one channel
/// and the codec's sample depth (13 bits narrow band, 14 wide band).
pub fn fill_from_codec(s: &mut Stream, profile: Option<&str>) {
    let wide = profile == Some("Wide band");
    s.set("Format", "AMR");
    s.set("Channel(s)", "1");
    s.set(
        "Format_Profile",
        if wide { "Wide band" } else { "Narrow band" },
    );
    s.set("BitDepth", if wide { "14" } else { "13" });
}
