//! MediaInfo's AC-4 fields (File_Ac4's Streams_Fill) from the `dac4` head: format, version,
//! sampling and frame rates, number of presentations.

use crate::codec::ac4::Ac4Dsi;
use crate::report::Stream;
use crate::report::numbers::fixed;

/// Fills an AC-4 stream from its decoder specific information.
pub fn fill_audio(s: &mut Stream, d: &Ac4Dsi) {
    s.set("Format", "AC-4");
    s.set("Format_Commercial_IfAny", "Dolby AC-4");
    s.set("Format_Version", format!("Version {}", d.bitstream_version));
    s.set("bitstream_version", d.bitstream_version.to_string());
    s.set("SamplingRate", d.sampling_rate().to_string());
    s.set("FrameRate", fixed(d.frame_rate(), 3));
    if d.n_presentations != 0 {
        s.set("NumberOfPresentations", d.n_presentations.to_string());
    }
}
