//! HEVC: the decoder configuration record (`hvcC`, also Matroska's CodecPrivate), and the
//! encoder's user-data SEI among its NAL units.

use crate::bits::{BitReader, unescape_rbsp};

/// The `hvcC` fields the report uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HevcConfig {
    pub profile_idc: u8,
    pub tier: u8,
    pub level_idc: u8,
    pub chroma_format: u8,
    pub bit_depth_luma: u8,
    pub bit_depth_chroma: u8,
}

impl HevcConfig {
    /// Parses an `hvcC` payload (version 1).
    pub fn parse(data: &[u8]) -> Option<HevcConfig> {
        if *data.first()? != 1 || data.len() < 23 {
            return None;
        }
        Some(HevcConfig {
            profile_idc: data[1] & 0x1F,
            tier: (data[1] >> 5) & 1,
            level_idc: data[12],
            chroma_format: data[16] & 3,
            bit_depth_luma: (data[17] & 7) + 8,
            bit_depth_chroma: (data[18] & 7) + 8,
        })
    }
}

/// The NAL units of an `hvcC`'s arrays (bounded by the record's length).
pub fn config_nal_units(data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let Some(&arrays) = data.get(22) else {
        return out;
    };
    let mut pos = 23;
    for _ in 0..arrays {
        let Some(count) = data.get(pos + 1..pos + 3) else {
            break;
        };
        let count = u16::from_be_bytes([count[0], count[1]]);
        pos += 3;
        for _ in 0..count {
            let Some(len) = data.get(pos..pos + 2) else {
                return out;
            };
            let len = usize::from(u16::from_be_bytes([len[0], len[1]]));
            let Some(nal) = data.get(pos + 2..pos + 2 + len) else {
                return out;
            };
            out.push(nal);
            pos += 2 + len;
        }
    }
    out
}

/// What MediaInfo keeps of a sequence parameter set (layer 0).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sps {
    pub chroma_format_idc: u8,
    pub width: u32,
    pub height: u32,
    /// Conformance window offsets (left, right, top, bottom), in chroma units.
    pub conf_win: [u32; 4],
    pub bit_depth_luma: u8,
    pub bit_depth_chroma: u8,
    pub vui: Option<Vui>,
}

/// The VUI fields MediaInfo reports.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Vui {
    /// Sample aspect ratio (from the table or explicit).
    pub sar: Option<(u32, u32)>,
    /// `video_format` and `video_full_range_flag`, when the video signal type is present.
    pub signal: Option<(u8, bool)>,
    /// `(colour_primaries, transfer_characteristics, matrix_coefficients)`.
    pub colour: Option<(u8, u8, u8)>,
    pub chroma_loc: Option<(u32, u32)>,
    /// `(num_units_in_tick, time_scale)`.
    pub timing: Option<(u32, u32)>,
}

impl Sps {
    /// The cropped size (conformance window applied in luma samples).
    pub fn size(&self) -> (u32, u32) {
        let (sub_w, sub_h) = match self.chroma_format_idc {
            1 => (2, 2),
            2 => (2, 1),
            _ => (1, 1),
        };
        let [l, r, t, b] = self.conf_win;
        (
            self.width
                .wrapping_sub(l.wrapping_add(r).wrapping_mul(sub_w)),
            self.height
                .wrapping_sub(t.wrapping_add(b).wrapping_mul(sub_h)),
        )
    }

    /// Parses an SPS NAL unit (two-byte header first); `None` for another layer or when it is
    /// cut short or invalid where File_Hevc gives up.
    pub fn parse(nal: &[u8]) -> Option<Sps> {
        let header = nal.get(..2)?;
        if (header[0] >> 1) & 0x3F != 33 || ((header[0] & 1) << 5 | header[1] >> 3) != 0 {
            return None;
        }
        let rbsp = unescape_rbsp(&nal[2..]);
        let mut r = BitReader::new(&rbsp);
        r.skip(4)?;
        let max_sub_layers = r.u8(3)?;
        r.skip(1)?;
        profile_tier_level(&mut r, max_sub_layers)?;
        r.ue()?;
        let mut sps = Sps {
            chroma_format_idc: u8::try_from(r.ue()?).ok().filter(|&c| c < 4)?,
            ..Sps::default()
        };
        if sps.chroma_format_idc == 3 {
            r.skip(1)?;
        }
        sps.width = r.ue()?;
        sps.height = r.ue()?;
        if r.bit()? {
            for v in &mut sps.conf_win {
                *v = r.ue()?;
            }
        }
        sps.bit_depth_luma = u8::try_from(r.ue()?).ok().filter(|&d| d <= 6)? + 8;
        sps.bit_depth_chroma = u8::try_from(r.ue()?).ok().filter(|&d| d <= 6)? + 8;
        let poc_lsb_bits = r.ue()?.checked_add(4).filter(|&b| b <= 16)?;
        let ordering_all = r.bit()?;
        let first = if ordering_all { 0 } else { max_sub_layers };
        for _ in first..=max_sub_layers {
            r.ue()?;
            r.ue()?;
            r.ue()?;
        }
        for _ in 0..6 {
            r.ue()?;
        }
        if r.bit()? && r.bit()? {
            scaling_list_data(&mut r)?;
        }
        r.skip(2)?;
        if r.bit()? {
            r.skip(8)?;
            r.ue()?;
            r.ue()?;
            r.skip(1)?;
        }
        let sets = r.ue()?;
        if sets > 64 {
            return None;
        }
        short_term_ref_pic_sets(&mut r, sets)?;
        if r.bit()? {
            let n = r.ue()?;
            for _ in 0..n {
                r.skip(poc_lsb_bits as usize + 1)?;
            }
        }
        r.skip(2)?;
        if r.bit()? {
            sps.vui = Some(vui(&mut r, max_sub_layers)?);
        }
        Some(sps)
    }
}

/// `profile_tier_level(1, max_sub_layers_minus1)`, skipped.
fn profile_tier_level(r: &mut BitReader, max_sub_layers: u8) -> Option<()> {
    r.skip(2 + 1 + 5 + 32 + 4 + 43 + 1 + 8)?;
    let mut present = Vec::new();
    for _ in 0..max_sub_layers {
        present.push((r.bit()?, r.bit()?));
    }
    if max_sub_layers > 0 {
        r.skip(2 * (8 - usize::from(max_sub_layers)))?;
    }
    for (profile, level) in present {
        if profile {
            r.skip(88)?;
        }
        if level {
            r.skip(8)?;
        }
    }
    Some(())
}

fn scaling_list_data(r: &mut BitReader) -> Option<()> {
    for size_id in 0..4u32 {
        let step = if size_id == 3 { 3 } else { 1 };
        for _ in (0..6).step_by(step) {
            if !r.bit()? {
                r.ue()?;
            } else {
                let coefs = 64.min(1 << (4 + (size_id << 1)));
                if size_id > 1 {
                    r.se()?;
                }
                for _ in 0..coefs {
                    r.se()?;
                }
            }
        }
    }
    Some(())
}

/// The SPS's short-term reference picture sets, skipped (inter prediction counts pictures
/// from the previous set, as File_Hevc does).
fn short_term_ref_pic_sets(r: &mut BitReader, sets: u32) -> Option<()> {
    let mut pics = 0u32;
    for idx in 0..sets {
        let inter = idx != 0 && r.bit()?;
        if inter {
            r.skip(1)?;
            r.ue()?;
            let mut count = 0;
            for _ in 0..=pics {
                if r.bit()? || r.bit()? {
                    count += 1;
                }
            }
            pics = count;
        } else {
            let negative = r.ue()?;
            let positive = r.ue()?;
            pics = negative.checked_add(positive)?;
            for _ in 0..pics {
                r.ue()?;
                r.skip(1)?;
            }
        }
    }
    Some(())
}

fn vui(r: &mut BitReader, max_sub_layers: u8) -> Option<Vui> {
    let mut v = Vui::default();
    if r.bit()? {
        let idc = r.u8(8)?;
        if idc == 0xFF {
            v.sar = Some((r.u32(16)?, r.u32(16)?));
        } else if (1..=16).contains(&idc) {
            v.sar = Some(crate::codec::avc::sps::SAR[usize::from(idc)]);
        }
    }
    if r.bit()? {
        r.skip(1)?;
    }
    if r.bit()? {
        let format = r.u8(3)?;
        let full = r.bit()?;
        v.signal = Some((format, full));
        if r.bit()? {
            v.colour = Some((r.u8(8)?, r.u8(8)?, r.u8(8)?));
        }
    }
    if r.bit()? {
        v.chroma_loc = Some((r.ue()?, r.ue()?));
    }
    r.skip(3)?;
    if r.bit()? {
        for _ in 0..4 {
            r.ue()?;
        }
    }
    if r.bit()? {
        v.timing = Some((r.u32(32)?, r.u32(32)?));
        if r.bit()? {
            r.ue()?;
        }
        if r.bit()? {
            hrd_parameters(r, max_sub_layers)?;
        }
    }
    if r.bit()? {
        r.skip(3)?;
        for _ in 0..5 {
            r.ue()?;
        }
    }
    Some(v)
}

/// `hrd_parameters(1, max_sub_layers_minus1)`, skipped.
fn hrd_parameters(r: &mut BitReader, max_sub_layers: u8) -> Option<()> {
    let nal = r.bit()?;
    let vcl = r.bit()?;
    let mut sub_pic = false;
    if nal || vcl {
        sub_pic = r.bit()?;
        if sub_pic {
            r.skip(8 + 5 + 1 + 5)?;
        }
        r.skip(8)?;
        if sub_pic {
            r.skip(4)?;
        }
        r.skip(15)?;
    }
    for _ in 0..=max_sub_layers {
        let general = r.bit()?;
        let within_cvs = general || r.bit()?;
        let mut low_delay = false;
        if within_cvs {
            r.ue()?;
        } else {
            low_delay = r.bit()?;
        }
        let mut cpb_cnt = 1;
        if !low_delay {
            cpb_cnt = r.ue()?.checked_add(1).filter(|&c| c <= 32)?;
        }
        for present in [nal, vcl] {
            if present {
                for _ in 0..cpb_cnt {
                    r.ue()?;
                    r.ue()?;
                    if sub_pic {
                        r.ue()?;
                        r.ue()?;
                    }
                    r.skip(1)?;
                }
            }
        }
    }
    Some(())
}

/// x265's user-data UUID (`2CA2DE09-B517-47DB-BB55-A4FE7FC2FC4E`).
const X265_UUID: [u8; 16] = [
    0x2C, 0xA2, 0xDE, 0x09, 0xB5, 0x17, 0x47, 0xDB, 0xBB, 0x55, 0xA4, 0xFE, 0x7F, 0xC2, 0xFC, 0x4E,
];

/// The text of x265's user-data SEI message in a prefix or suffix SEI NAL unit, as MediaInfo
/// takes it (the whole payload, or all but a final NUL; none if a NUL comes earlier).
pub fn x265_text(nal: &[u8]) -> Option<String> {
    let kind = (nal.first()? >> 1) & 0x3F;
    if kind != 39 && kind != 40 {
        return None;
    }
    let rbsp = unescape_rbsp(nal.get(2..)?);
    let mut pos = 0;
    while pos < rbsp.len() {
        let mut read = || {
            let mut v = 0usize;
            loop {
                let b = *rbsp.get(pos)?;
                pos += 1;
                v += usize::from(b);
                if b != 0xFF {
                    return Some(v);
                }
            }
        };
        let payload_type = read()?;
        let size = read()?;
        let payload = rbsp.get(pos..pos + size)?;
        pos += size;
        if payload_type == 5 && payload.len() >= 16 && payload[..16] == X265_UUID {
            let text = &payload[16..];
            let nul = text.iter().position(|&b| b == 0).unwrap_or(text.len());
            if nul + 1 < text.len() {
                return None;
            }
            return Some(String::from_utf8_lossy(&text[..nul]).into_owned());
        }
        if rbsp.get(pos) == Some(&0x80) && pos + 1 == rbsp.len() {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    /// An x265 SPS (128x96, 4:2:0, 8-bit, VUI with the video signal type and 25 fps timing),
    /// from an ffmpeg libx265 encode of its test pattern.
    const X265_SPS: [u8; 41] = [
        0x42, 0x01, 0x01, 0x01, 0x60, 0x00, 0x00, 0x03, 0x00, 0x90, 0x00, 0x00, 0x03, 0x00, 0x00,
        0x03, 0x00, 0x1e, 0xa0, 0x10, 0x20, 0x61, 0x65, 0x95, 0x9a, 0x49, 0x32, 0xbc, 0x05, 0xa0,
        0x20, 0x00, 0x00, 0x03, 0x00, 0x20, 0x00, 0x00, 0x03, 0x03, 0x21,
    ];

    #[test]
    fn x265_sps() {
        let sps = super::Sps::parse(&X265_SPS).unwrap();
        assert_eq!(
            (sps.size(), sps.chroma_format_idc, sps.bit_depth_luma),
            ((128, 96), 1, 8)
        );
        let vui = sps.vui.unwrap();
        assert_eq!(vui.signal, Some((5, false)));
        assert_eq!(vui.timing, Some((1, 25)));
    }

    #[test]
    fn x265_user_data() {
        let mut nal = vec![0x4E, 0x01, 0x05, 20];
        nal.extend_from_slice(&super::X265_UUID);
        nal.extend_from_slice(b"x26\0");
        nal.push(0x80);
        assert_eq!(super::x265_text(&nal).as_deref(), Some("x26"));
    }

    #[test]
    fn parses_main_record() {
        let mut r = vec![
            1u8, 0x01, 0x60, 0, 0, 0, 0x90, 0, 0, 0, 0, 0, 63, 0xF0, 0, 0xFC, 0xFD, 0xF8, 0xF8, 0,
            0, 0x0F, 0,
        ];
        r[12] = 63;
        let c = super::HevcConfig::parse(&r).unwrap();
        assert_eq!(
            (
                c.profile_idc,
                c.level_idc,
                c.chroma_format,
                c.bit_depth_luma
            ),
            (1, 63, 1, 8)
        );
    }
}
