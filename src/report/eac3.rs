//! MediaInfo's E-AC-3 fields (File_Ac3 for bsid 11 to 16), from the syncframes of the first
//! blocks: the first independent substream describes the stream.

use crate::codec::eac3::Eac3Bsi;
use crate::report::Stream;

use super::ac3::SERVICE;

/// Fills an E-AC-3 stream from its syncframes (dependent substreams are not described).
pub fn fill_audio(s: &mut Stream, frames: &[Eac3Bsi]) {
    let Some(first) = frames.iter().find(|f| f.strmtyp != 1) else {
        return;
    };
    let last = frames.last().unwrap_or(first);
    s.set("Format", "E-AC-3");
    s.set("Format_Commercial_IfAny", "Dolby Digital Plus");
    s.set("Format_Settings_Endianness", "Big");
    s.set("BitRate_Mode", "CBR");
    let rate = first.sampling_rate();
    s.set("SamplingRate", rate.to_string());
    let bytes = first.frame_len() as u64;
    s.set(
        "BitRate",
        (bytes * u64::from(rate) / 32 / u64::from(last.blocks())).to_string(),
    );
    let (kind, kind_text) = SERVICE[usize::from(first.bsmod & 7)];
    s.set("ServiceKind", kind);
    s.set("ServiceKind/String", kind_text);
    super::ac3::fill_channels(s, first.acmod, first.lfeon);
    let bsid = frames.iter().map(|f| f.bsid).max().unwrap_or(first.bsid);
    s.set("bsid", bsid.to_string());
    let db = -i32::from(if first.dialnorm == 0 {
        31
    } else {
        first.dialnorm
    });
    s.set("dialnorm", db.to_string());
    s.set("dialnorm/String", format!("{db} dB"));
    if let Some(c) = first.compr {
        let value = if c == 0 { 0.0 } else { super::ac3::compr_db(c) };
        s.set("compr", format!("{value:.2}"));
        s.set("compr/String", format!("{value:.2} dB"));
    }
    if first.acmod == 2 {
        // Read from the frame's information metadata; 0 without it.
        let d = first.dsurmod.unwrap_or(0);
        if d == 2 {
            s.set("Format_Settings", "Dolby Surround");
            s.set("Format_Settings_Mode", "Dolby Surround");
        }
        s.set("dsurmod", d.to_string());
        let text = match d {
            1 => "Not Dolby Surround encoded",
            2 => "Dolby Surround encoded",
            _ => "",
        };
        s.set("dsurmod/String", text);
    }
    s.set("acmod", first.acmod.to_string());
    s.set("lfeon", u8::from(first.lfeon).to_string());
    s.set("SamplesPerFrame", (256 * last.blocks()).to_string());
    if let Some((mixlevel, roomtyp)) = first.production {
        let level = (80 + u32::from(mixlevel)).to_string();
        s.set("mixlevel", level.clone());
        s.set("mixlevel/String", format!("{level} dB"));
        let name = match roomtyp {
            1 => "Large",
            2 => "Small",
            3 => "3",
            _ => "",
        };
        s.set("roomtyp", name);
    }
    if let Some(d) = first.dmixmod {
        let name = match d {
            1 => "Lt/Rt",
            2 => "Lo/Ro",
            3 => "3",
            _ => "",
        };
        s.set("dmixmod", name);
        for (field, v) in [
            ("ltrtcmixlev", first.ltrtcmixlev),
            ("ltrtsurmixlev", first.ltrtsurmixlev),
            ("lorocmixlev", first.lorocmixlev),
            ("lorosurmixlev", first.lorosurmixlev),
        ] {
            // MediaInfo fills the levels whenever the down-mix mode is known.
            let text = match v.unwrap_or(u8::MAX) {
                7 => "-inf".to_string(),
                i => format!("{:.1}", 3.0f32 - f32::from(i) * 1.5),
            };
            s.set(field, text.clone());
            s.set(format!("{field}/String"), format!("{text} dB"));
        }
    }
    super::ac3::dialnorm_statistics(s, frames.iter().map(|f| f.dialnorm));
    // File_Ac3 marks "no value" with 255, so a real code 255 (-0.28 dB) is never counted.
    super::ac3::compr_statistics(
        s,
        frames.iter().filter_map(|f| f.compr).filter(|&c| c != 255),
    );
}
