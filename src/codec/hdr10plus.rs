//! SMPTE ST 2094-40 (HDR10+) dynamic metadata in an ITU-T T.35 payload (country 0xB5,
//! provider 0x003C, oriented code 0x0001, application 4), as MediaInfo reads it: the
//! application version, and whether the values fit the HDR10+ profiles A/B.

use crate::bits::BitReader;

/// What MediaInfo keeps of an HDR10+ payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hdr10Plus {
    pub application_version: u8,
    /// The values fit HDR10+ (MediaInfo then names profile A or B).
    pub is_hdr10plus: bool,
    /// Profile B (tone mapping present) rather than A.
    pub tone_mapping: bool,
}

/// Reads a T.35 payload (country code first); `None` when it is not HDR10+ or is cut short.
pub fn parse_t35(data: &[u8]) -> Option<Hdr10Plus> {
    if data.get(..6)? != [0xB5, 0x00, 0x3C, 0x00, 0x01, 0x04] {
        return None;
    }
    let application_version = *data.get(6)?;
    let mut h = Hdr10Plus {
        application_version,
        is_hdr10plus: false,
        tone_mapping: false,
    };
    if application_version <= 1 {
        let (fits, tone_mapping) = metadata(&mut BitReader::new(&data[7..]))?;
        h.is_hdr10plus = fits;
        h.tone_mapping = tone_mapping;
    }
    Some(h)
}

/// The metadata body: whether it fits HDR10+, and the (last window's) tone mapping flag.
fn metadata(r: &mut BitReader) -> Option<(bool, bool)> {
    let windows = r.u8(2)?;
    for _ in 1..windows {
        r.skip(16 * 6 + 8 + 16 * 3 + 1)?;
    }
    let targeted_max_luminance = r.u32(27)?;
    let targeted_actual_peak = r.bit()?;
    if targeted_actual_peak {
        let rows = r.u32(5)?;
        let cols = r.u32(5)?;
        r.skip((rows * cols * 4) as usize)?;
    }
    let mut fits = true;
    let mut percentages = [0u8; 16];
    let mut percentiles = [0u32; 16];
    let (mut count, mut bright) = (0u8, 0u32);
    for _ in 0..windows {
        for _ in 0..4 {
            if r.u32(17)? > 100_000 {
                fits = false;
            }
        }
        count = r.u8(4)?;
        for i in 0..usize::from(count) {
            percentages[i] = r.u8(7)?;
            percentiles[i] = r.u32(17)?;
        }
        bright = r.u32(10)?;
    }
    let mastering_actual_peak = r.bit()?;
    if mastering_actual_peak {
        let rows = r.u32(5)?;
        let cols = r.u32(5)?;
        r.skip((rows * cols * 4) as usize)?;
    }
    let (mut tone_mapping, mut anchors) = (false, 0u8);
    for _ in 0..windows {
        tone_mapping = r.bit()?;
        if tone_mapping {
            r.skip(24)?;
            anchors = r.u8(4)?;
            r.skip(usize::from(anchors) * 10)?;
        }
    }
    let saturation = r.bit()?;
    if saturation {
        r.skip(6)?;
    }
    if windows != 1
        || targeted_actual_peak
        || count != 9
        || bright != 0
        || mastering_actual_peak
        || (percentages[2] > 100 && percentages[2] != 0xFF)
        || (!tone_mapping && targeted_max_luminance != 0)
        || (tone_mapping && anchors > 9)
        || saturation
    {
        fits = false;
    }
    const PERCENTAGES: [u8; 9] = [1, 5, 10, 25, 50, 75, 90, 95, 99];
    if fits && (percentages[..9] != PERCENTAGES || percentiles[..9].iter().any(|&p| p > 100_000)) {
        fits = false;
    }
    Some((fits, tone_mapping))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_hdr10plus() {
        assert_eq!(parse_t35(&[0xB5, 0x00, 0x31]), None);
        // Version 2: named, never a profile.
        let h = parse_t35(&[0xB5, 0x00, 0x3C, 0x00, 0x01, 0x04, 0x02]).unwrap();
        assert_eq!(h.application_version, 2);
        assert!(!h.is_hdr10plus);
    }
}
