//! MediaInfo's MPEG audio fields (File_Mpega's `Streams_Fill` and `Streams_Finish`): version,
//! layer, mode, bit rate and its mode, the encoder library and its settings.

use crate::codec::mpega::MpegaInfo;
use crate::report::Stream;

/// Fills an MPEG audio stream.
pub fn fill_audio(s: &mut Stream, i: &MpegaInfo) {
    s.set("Format", "MPEG Audio");
    if i.frames == 0 {
        return;
    }
    let h = &i.header;
    let mut mode = i.lame_mode.unwrap_or("").to_string();
    if i.vbr_frames == 0 && i.several_bit_rates {
        mode = "VBR".into();
    }
    let version = ["Version 2.5", "", "Version 2", "Version 1"][usize::from(h.id & 3)];
    let layer = ["", "Layer 3", "Layer 2", "Layer 1"][usize::from(h.layer & 3)];
    if !version.is_empty() {
        s.set("Format_Version", version);
    }
    if !layer.is_empty() {
        s.set("Format_Profile", layer);
    }
    let mut settings = Vec::new();
    let channel_mode = ["", "Joint stereo", "Dual mono", ""][usize::from(h.mode & 3)];
    if !channel_mode.is_empty() {
        settings.push(channel_mode);
        s.set("Format_Settings_Mode", channel_mode);
    }
    let extension = [
        "",
        "Intensity Stereo",
        "MS Stereo",
        "Intensity Stereo + MS Stereo",
    ][usize::from(h.mode_extension & 3)];
    if !extension.is_empty() {
        settings.push(extension);
        s.set("Format_Settings_ModeExtension", extension);
    }
    let emphasis = ["", "50/15ms", "Reserved", "CCITT"][usize::from(h.emphasis & 3)];
    if !emphasis.is_empty() {
        settings.push(emphasis);
        s.set("Format_Settings_Emphasis", emphasis);
    }
    if !settings.is_empty() {
        s.set("Format_Settings", settings.join(" / "));
    }
    s.set("SamplingRate", h.sampling_rate().to_string());
    s.set("Channel(s)", h.channels().to_string());
    if i.vbr_frames == 0 && mode != "VBR" {
        mode = "CBR".into();
        s.set("BitRate", (u32::from(h.bit_rate_kbps()) * 1000).to_string());
    }
    // File_Mpega's Streams_Finish: a Xing/VBRI header gives the frame count, its size the
    // stream size and bit rate.
    let rate = h.sampling_rate();
    let (per_frame, divider) = match (h.id, h.layer) {
        (3, 3) => (384u32, 48u32),
        (2 | 0, 3) => (1152, 24),
        (2 | 0, 1) => (576, 72),
        _ => (1152, 144),
    };
    let mut frame_count = 0u64;
    if i.vbr_frames > 0 {
        frame_count = u64::from(i.vbr_frames);
        if i.vbr_file_size != 0 && rate != 0 {
            let length = i.vbr_file_size as f32 / i.vbr_frames as f32;
            let bit_rate = (length * rate as f32 / divider as f32).round() as i64;
            if bit_rate != 0 {
                s.set("BitRate", bit_rate.to_string());
            }
        }
        mode = if i.vbr_is_cbr { "CBR" } else { "VBR" }.into();
    }
    if i.vbr_file_size != 0 {
        s.set("StreamSize", i.vbr_file_size.to_string());
    }
    if !mode.is_empty() {
        s.set("BitRate_Mode", mode.clone());
    }
    if frame_count == 0 && i.vbr_file_size != 0 && mode == "CBR" && rate != 0 {
        let coefficient = match (h.id, h.layer) {
            (_, 3) => 12.0,
            (3, _) | (_, 2) => 144.0,
            _ => 72.0,
        };
        let slot = if h.layer == 3 { 4.0 } else { 1.0 };
        let size = coefficient * f64::from(h.bit_rate_kbps()) * 1000.0 / f64::from(rate) * slot;
        if size != 0.0 {
            frame_count = (f64::from(i.vbr_file_size) / size).round() as u64;
        }
    }
    if frame_count != 0 && rate != 0 {
        s.set("FrameCount", frame_count.to_string());
        s.set(
            "SamplingCount",
            (frame_count * u64::from(per_frame)).to_string(),
        );
        let fps = f64::from(rate) / f64::from(per_frame);
        s.set("FrameRate", crate::report::numbers::fixed(fps, 3));
    }
    if let Some(b) = i.bit_rate_minimum {
        s.set("BitRate_Minimum", b.to_string());
    }
    if let Some(b) = i.bit_rate_nominal {
        s.set("BitRate_Nominal", b.to_string());
    }
    if let Some(lib) = &i.library {
        // UTF-8 when it is, else Latin-1 (as MediaInfo converts the stored bytes).
        // Read as a C string: up to the first NUL.
        let lib = &lib[..lib.iter().position(|&b| b == 0).unwrap_or(lib.len())];
        let text = match std::str::from_utf8(lib) {
            Ok(t) => t.to_string(),
            Err(_) => lib.iter().map(|&b| char::from(b)).collect(),
        };
        if !text.is_empty() {
            s.set("Encoded_Library", text);
            if !i.library_settings.is_empty() {
                s.set("Encoded_Library_Settings", i.library_settings.clone());
            }
        }
    }
}
