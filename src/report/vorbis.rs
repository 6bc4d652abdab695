//! MediaInfo's Vorbis fields (File_Vorbis's identification header rules).

use crate::codec::vorbis::Identification;
use crate::report::Stream;

/// Format, bit rates and their mode, channels and sampling rate.
pub fn fill_audio(s: &mut Stream, id: &Identification) {
    s.set("Format", "Vorbis");
    // The rates are signed: zero or negative means unset.
    let valid = |v: u32| v != 0 && v < 0x8000_0000;
    if valid(id.bitrate_maximum) {
        s.set("BitRate_Maximum", id.bitrate_maximum.to_string());
    }
    if valid(id.bitrate_nominal) {
        s.set("BitRate", id.bitrate_nominal.to_string());
    }
    if valid(id.bitrate_minimum) {
        s.set("BitRate_Minimum", id.bitrate_minimum.to_string());
    }
    let cbr = id.bitrate_nominal != 0
        && id.bitrate_maximum == id.bitrate_nominal
        && id.bitrate_nominal == id.bitrate_minimum;
    s.set("BitRate_Mode", if cbr { "CBR" } else { "VBR" });
    s.set("Channel(s)", id.channels.to_string());
    s.set("SamplingRate", id.sampling_rate.to_string());
}

/// The setup header's floor types as MediaInfo reads them (`Format_Settings_Floor`, and
/// `Floor0` in the settings for a type-0 floor).
pub fn fill_floors(s: &mut Stream, types: &[u16]) {
    for &t in types {
        let join = |s: &mut Stream, field: &str, v: String| {
            let v = match s.get(field) {
                Some(old) => format!("{old} / {v}"),
                None => v,
            };
            s.set(field, v);
        };
        join(s, "Format_Settings_Floor", t.to_string());
        if t == 0 {
            join(s, "Format_Settings", "Floor0".to_string());
        }
    }
}
