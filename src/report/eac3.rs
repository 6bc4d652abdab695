//! MediaInfo's E-AC-3 fields (File_Ac3 for bsid 11 to 16), from the syncframes of the first
//! blocks: the first independent substream describes the stream.

use crate::codec::eac3::Eac3Bsi;
use crate::report::Stream;

use super::ac3::SERVICE;

/// Fills an E-AC-3 stream from its syncframes (dependent substreams are not described).
/// `dec3` is the MP4 EC3SpecificBox's payload, when the stream comes with one.
pub fn fill_audio(s: &mut Stream, frames: &[Eac3Bsi], dec3: Option<&[u8]>) {
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
    fill_joc(s, frames, dec3);
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

/// Joint object coding (Dolby Atmos in E-AC-3), as File_Ac3 decides it: one object count in
/// the JOC payloads of at least an eighth of the frames. Then the complexity index (the
/// container's, and the stream's `addbsi` one when it differs), the dynamic objects and the
/// bed channels of the last object audio metadata.
fn fill_joc(s: &mut Stream, frames: &[Eac3Bsi], dec3: Option<&[u8]>) {
    let mut counts: Vec<(u8, usize)> = Vec::new();
    let mut stream_complexity = None;
    let mut objects = None;
    let mut bed = None;
    for f in frames {
        if let Some(e) = f.emdf {
            // Every container resets what the previous one said.
            stream_complexity = None;
            objects = e.dynamic_objects;
            bed = e.bed_mask;
            if let Some(n) = e.joc_objects {
                match counts.iter_mut().find(|(v, _)| *v == n) {
                    Some((_, c)) => *c += 1,
                    None => counts.push((n, 1)),
                }
            }
        }
        if !counts.is_empty() && f.addbsi_complexity.is_some() {
            stream_complexity = f.addbsi_complexity;
        }
    }
    let has_joc = matches!(counts.as_slice(), [(_, c)] if *c >= super::ac3::FRAMES / 8 || *c >= frames.len() / 8);
    if !has_joc {
        return;
    }
    s.set(
        "Format_Commercial_IfAny",
        "Dolby Digital Plus with Dolby Atmos",
    );
    s.set("Format_AdditionalFeatures", "JOC");
    s.set("Format/Info", "Enhanced AC-3 with Joint Object Coding");
    let container = dec3.and_then(crate::codec::eac3::dec3_joc_complexity);
    let mut complexity = Vec::new();
    if dec3.is_some() {
        match (container, stream_complexity) {
            (Some(c), _) => complexity.push(c.to_string()),
            (None, Some(_)) => complexity.push("Not present".to_string()),
            _ => {}
        }
    }
    if let Some(c) = stream_complexity.filter(|&c| Some(c) != container) {
        complexity.push(c.to_string());
    }
    if dec3.is_some() && container.is_some() && stream_complexity.is_none() {
        complexity.push("Not present".to_string());
    }
    if !complexity.is_empty() {
        s.set("ComplexityIndex", complexity.join(" / "));
    }
    if let Some(n) = objects {
        s.set("NumberOfDynamicObjects", n.to_string());
    }
    if let Some(mask) = bed {
        let layout = crate::codec::emdf::bed_layout(mask);
        let count = if layout.is_empty() {
            0
        } else {
            layout.split(' ').count()
        };
        s.set("BedChannelCount", count.to_string());
        s.set(
            "BedChannelCount/String",
            if count == 1 {
                "1 channel".to_string()
            } else {
                format!("{count} channels")
            },
        );
        s.set("BedChannelConfiguration", layout);
    }
}
