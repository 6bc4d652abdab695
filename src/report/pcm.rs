//! PCM audio in MP4/MOV sample entries: endianness, sign, bit depth and the constant bit rate,
//! as MediaInfo's PCM parser reports them.

use crate::container::mp4::sample_entry::SampleEntry;
use crate::report::Stream;

/// Whether a sample entry's code is one of the PCM layouts.
pub fn is_pcm(code: &[u8; 4]) -> bool {
    matches!(
        code,
        b"twos"
            | b"sowt"
            | b"raw "
            | b"in24"
            | b"in32"
            | b"fl32"
            | b"fl64"
            | b"lpcm"
            | b"ipcm"
            | b"NONE"
    )
}

/// Fills the PCM fields of an audio stream from its sample entry.
pub fn fill(s: &mut Stream, e: &SampleEntry) {
    let Some(a) = &e.audio else { return };
    // `enda` (QuickTime): non-zero means little-endian.
    let enda_little = e
        .child(b"enda")
        .and_then(|b| b.get(..2))
        .is_some_and(|b| b[0] != 0 || b[1] != 0);
    let pcmc = e.child(b"pcmC");
    let (little, sign, depth) = match &e.format.0 {
        b"twos" => (false, "Signed", a.sample_size),
        b"sowt" => (true, "Signed", a.sample_size),
        b"raw " | b"NONE" => (true, "Unsigned", 8),
        b"in24" => (enda_little, "Signed", 24),
        b"in32" => (enda_little, "Signed", 32),
        b"fl32" => (enda_little, "Float", 32),
        b"fl64" => (enda_little, "Float", 64),
        b"lpcm" => {
            let flags = a.lpcm_flags;
            let sign = if flags & 1 != 0 {
                "Float"
            } else if flags & 4 != 0 {
                "Signed"
            } else {
                "Unsigned"
            };
            (flags & 2 == 0, sign, a.sample_size)
        }
        b"ipcm" => {
            let little = pcmc.and_then(|p| p.get(4)).is_some_and(|f| f & 1 != 0);
            let depth = pcmc
                .and_then(|p| p.get(5))
                .map_or(a.sample_size, |&d| u32::from(d));
            (little, "Signed", depth)
        }
        _ => return,
    };
    s.set("Format", "PCM");
    let endianness = if little { "Little" } else { "Big" };
    if sign == "Float" {
        s.set("Format_Settings", format!("{endianness} / Float"));
        s.set("Format_Settings_Endianness", endianness);
    } else {
        s.set("Format_Settings", format!("{endianness} / {sign}"));
        s.set("Format_Settings_Endianness", endianness);
        s.set("Format_Settings_Sign", sign);
    }
    if depth > 0 {
        s.set("BitDepth", depth.to_string());
    }
    s.set("BitRate_Mode", "CBR");
    let rate = a.sample_rate as u64;
    if rate > 0 && depth > 0 && a.channels > 0 {
        s.set(
            "BitRate",
            (rate * u64::from(a.channels) * u64::from(depth)).to_string(),
        );
    }
}
