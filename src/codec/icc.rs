//! ICC colour profiles: the header fields MediaInfo reports (File_Icc).

/// The profile's data colour space as MediaInfo names it (`RGB`, `CMYK`, `YCbCr`…), when the
/// header is one MediaInfo accepts: complete (128 bytes and a tag count), a declared size not
/// below what is there, version 2 or 4.
pub fn colour_space(profile: &[u8]) -> Option<String> {
    if profile.len() < 132 {
        return None;
    }
    let size = u32::from_be_bytes(profile[0..4].try_into().ok()?) as usize;
    if size < profile.len() || !matches!(profile[8], 2 | 4) {
        return None;
    }
    let code: [u8; 4] = profile[16..20].try_into().ok()?;
    Some(
        match &code {
            b"CMY " => "CMY",
            b"CMYK" => "CMYK",
            b"GRAY" => "Y",
            b"HLS " => "HLS",
            b"HSV " => "HSV",
            b"Lab " => "Lab",
            b"Luv " => "Luv",
            b"RGB " => "RGB",
            b"XYZ " => "XYZ",
            b"YCbr" => "YCbCr",
            b"Yxy " => "xyY",
            other => return Some(other.iter().map(|&b| b as char).collect()),
        }
        .to_string(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn header() {
        let mut p = vec![0u8; 200];
        p[0..4].copy_from_slice(&200u32.to_be_bytes());
        p[8] = 4;
        p[16..20].copy_from_slice(b"RGB ");
        assert_eq!(super::colour_space(&p).as_deref(), Some("RGB"));
        p[8] = 3;
        assert_eq!(super::colour_space(&p), None);
    }
}
