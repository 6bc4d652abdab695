//! The few English words of MediaInfo's language table that human-readable fields use: unit
//! words with their plural forms (key ends in 0, 1, 2 or 3) and translated enumerations.
//! A key MediaInfo does not know translates to itself.

/// The English text of `key`, if MediaInfo's table has it.
pub fn translate(key: &str) -> Option<&'static str> {
    let text = match key {
        " bit1" => " bit",
        " bit2" | " bit3" => " bits",
        " Byte1" => " Byte",
        " Byte2" | " Byte3" => " Bytes",
        " channel1" => " channel",
        " channel2" | " channel3" => " channels",
        " character1" => " character",
        " character2" | " character3" => " characters",
        " dB0" => "0 dB",
        " dB1" | " dB2" | " dB3" => " dB",
        " fps1" | " fps2" | " fps3" => " FPS",
        " frame1" => " frame",
        " frame2" | " frame3" => " frames",
        " pixel1" => " pixel",
        " pixel2" | " pixel3" => " pixels",
        " slice per frame1" => " slice per frame",
        " slice per frame2" | " slice per frame3" => " slices per frame",
        " warppoint0" => "No warppoints",
        " warppoint1" => " warppoint",
        " warppoint2" | " warppoint3" => " warppoints",
        " bps" => " b/s",
        " Kbps" => " kb/s",
        " Mbps" => " Mb/s",
        " Gbps" => " Gb/s",
        " Hz" => " Hz",
        " KHz" => " kHz",
        " MHz" => " MHz",
        " GHz" => " GHz",
        " KiB" => " KiB",
        " MiB" => " MiB",
        " GiB" => " GiB",
        "h" => " h",
        "mn" => " min",
        "s" => " s",
        "ms" => " ms",
        "BitRate_Mode_CBR" => "Constant",
        "BitRate_Mode_VBR" => "Variable",
        "Compression_Mode_Lossless" => "Lossless",
        "Compression_Mode_Lossy" => "Lossy",
        "Delay_Source_Container" => "Container",
        "Delay_Source_Stream" => "Raw stream",
        "Format_Settings_Matrix_Custom" => "Custom",
        "Format_Settings_Matrix_Default" => "Default",
        "FrameRate_Mode_CFR" => "Constant",
        "FrameRate_Mode_VFR" => "Variable",
        "Gop_OpenClosed_Closed" => "Closed",
        "Gop_OpenClosed_Open" => "Open",
        "Interlaced_BFF" => "Bottom Field First",
        "Interlaced_Interlaced" => "Interlaced",
        "Interlaced_PPF" => "Progressive",
        "Interlaced_Progressive" => "Progressive",
        "Interlaced_TFF" => "Top Field First",
        "StoreMethod_InterleavedFields" => "Interleaved fields",
        "StoreMethod_SeparatedFields" => "Separated fields",
        "StoreMethod_SeparatedFields_1" => "Separated fields (1 field per block)",
        "StoreMethod_SeparatedFields_2" => "Separated fields (2 fields per block)",
        _ => return None,
    };
    Some(text)
}

/// [`translate`] of `head` followed by `tail`, without building the key on the heap when it
/// is short (measure keys such as `" pixel"` + `"2"`).
pub fn translate_joined(head: &str, tail: &str) -> Option<&'static str> {
    let mut buf = [0u8; 48];
    let len = head.len() + tail.len();
    let Some(key) = buf.get_mut(..len) else {
        return translate(&format!("{head}{tail}"));
    };
    key[..head.len()].copy_from_slice(head.as_bytes());
    key[head.len()..].copy_from_slice(tail.as_bytes());
    translate(std::str::from_utf8(key).ok()?)
}

/// The English text of `key`, or `key` itself when MediaInfo has no translation.
pub fn word(key: &str) -> String {
    translate(key).unwrap_or(key).to_owned()
}

/// Translates `prefix` + `value` (e.g. `Interlaced_` + `TFF`), falling back to `value`.
pub fn enumeration(prefix: &str, value: &str) -> String {
    translate(&format!("{prefix}{value}"))
        .unwrap_or(value)
        .to_owned()
}
