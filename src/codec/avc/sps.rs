//! The sequence parameter set, with its VUI and HRD parameters.

use crate::bits::{BitReader, unescape_rbsp};

/// HRD parameters: one entry per scheduling pattern, with the delay field lengths.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hrd {
    /// (bit rate in bit/s, CPB size in bits, CBR flag) per SchedSel.
    pub sched: Vec<(u64, u64, bool)>,
    pub cpb_removal_delay_length: u32,
    pub dpb_output_delay_length: u32,
    pub time_offset_length: u32,
}

/// Video usability information.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Vui {
    pub sar: Option<(u32, u32)>,
    pub video_format: Option<u8>,
    pub full_range: bool,
    /// (primaries, transfer, matrix) when a colour description is present.
    pub colour: Option<(u8, u8, u8)>,
    pub chroma_loc: Option<(u32, u32)>,
    /// (num_units_in_tick, time_scale, fixed_frame_rate).
    pub timing: Option<(u32, u32, bool)>,
    pub nal_hrd: Option<Hrd>,
    pub vcl_hrd: Option<Hrd>,
    pub pic_struct_present: bool,
}

/// The parts of an SPS the report and the slice-header reader need.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sps {
    pub profile_idc: u8,
    /// constraint_set0..5 flags as the byte carries them (set0 in the top bit).
    pub constraint_flags: u8,
    pub level_idc: u8,
    pub id: u32,
    pub chroma_format_idc: u32,
    pub separate_colour_plane: bool,
    pub bit_depth_luma: u32,
    pub bit_depth_chroma: u32,
    pub log2_max_frame_num: u32,
    pub pic_order_cnt_type: u32,
    pub log2_max_poc_lsb: u32,
    pub delta_pic_order_always_zero: bool,
    pub max_num_ref_frames: u32,
    pub pic_width_in_mbs: u32,
    pub pic_height_in_map_units: u32,
    pub frame_mbs_only: bool,
    pub mb_adaptive_frame_field: bool,
    /// left, right, top, bottom crop offsets.
    pub crop: [u32; 4],
    pub vui: Option<Vui>,
}

impl Sps {
    /// Parses a whole SPS NAL unit (header byte included).
    pub fn parse(nal: &[u8]) -> Option<Sps> {
        let rbsp = unescape_rbsp(nal.get(1..)?);
        let mut r = BitReader::new(&rbsp);
        let mut s = Sps {
            profile_idc: r.u8(8)?,
            constraint_flags: r.u8(8)?,
            level_idc: r.u8(8)?,
            id: r.ue()?,
            chroma_format_idc: 1,
            bit_depth_luma: 8,
            bit_depth_chroma: 8,
            ..Default::default()
        };
        if matches!(
            s.profile_idc,
            100 | 110 | 122 | 244 | 44 | 83 | 86 | 118 | 128 | 138 | 139 | 134 | 135
        ) {
            s.chroma_format_idc = r.ue()?;
            if s.chroma_format_idc == 3 {
                s.separate_colour_plane = r.bit()?;
            }
            s.bit_depth_luma = r.ue()?.checked_add(8)?;
            s.bit_depth_chroma = r.ue()?.checked_add(8)?;
            r.bit()?; // qpprime_y_zero_transform_bypass
            if r.bit()? {
                let lists = if s.chroma_format_idc == 3 { 12 } else { 8 };
                for i in 0..lists {
                    if r.bit()? {
                        skip_scaling_list(&mut r, if i < 6 { 16 } else { 64 })?;
                    }
                }
            }
        }
        s.log2_max_frame_num = r.ue()?.checked_add(4)?;
        s.pic_order_cnt_type = r.ue()?;
        match s.pic_order_cnt_type {
            0 => s.log2_max_poc_lsb = r.ue()?.checked_add(4)?,
            1 => {
                s.delta_pic_order_always_zero = r.bit()?;
                r.se()?;
                r.se()?;
                let n = r.ue()?;
                if n > 255 {
                    return None;
                }
                for _ in 0..n {
                    r.se()?;
                }
            }
            _ => {}
        }
        s.max_num_ref_frames = r.ue()?;
        r.bit()?; // gaps_in_frame_num_value_allowed
        s.pic_width_in_mbs = r.ue()?.checked_add(1)?;
        s.pic_height_in_map_units = r.ue()?.checked_add(1)?;
        s.frame_mbs_only = r.bit()?;
        if !s.frame_mbs_only {
            s.mb_adaptive_frame_field = r.bit()?;
        }
        r.bit()?; // direct_8x8_inference
        if r.bit()? {
            for c in s.crop.iter_mut() {
                *c = r.ue()?;
            }
        }
        if r.bit().unwrap_or(false) {
            s.vui = parse_vui(&mut r);
        }
        Some(s)
    }

    /// ChromaArrayType (0 when colour planes are coded separately).
    pub fn chroma_array_type(&self) -> u32 {
        if self.separate_colour_plane {
            0
        } else {
            self.chroma_format_idc
        }
    }

    /// Coded width and height, before cropping.
    pub fn stored_size(&self) -> (u32, u32) {
        let h_mul = if self.frame_mbs_only { 1 } else { 2 };
        (
            self.pic_width_in_mbs.saturating_mul(16),
            self.pic_height_in_map_units.saturating_mul(16 * h_mul),
        )
    }

    /// Display width and height, after cropping.
    pub fn size(&self) -> (u32, u32) {
        let (w, h) = self.stored_size();
        let (sub_w, sub_h) = match self.chroma_array_type() {
            1 => (2, 2),
            2 => (2, 1),
            _ => (1, 1),
        };
        let crop_x = sub_w;
        let crop_y = sub_h * if self.frame_mbs_only { 1 } else { 2 };
        let [l, rr, t, b] = self.crop;
        (
            w.saturating_sub(l.saturating_add(rr).saturating_mul(crop_x)),
            h.saturating_sub(t.saturating_add(b).saturating_mul(crop_y)),
        )
    }
}

fn skip_scaling_list(r: &mut BitReader, size: usize) -> Option<()> {
    let mut last = 8i32;
    let mut next = 8i32;
    for _ in 0..size {
        if next != 0 {
            let delta = r.se()?;
            // In i64: a hostile delta (up to ±2^31) must not overflow; the result is 0..256.
            next = (i64::from(last) + i64::from(delta) + 256).rem_euclid(256) as i32;
        }
        if next != 0 {
            last = next;
        }
    }
    Some(())
}

fn parse_vui(r: &mut BitReader) -> Option<Vui> {
    let mut v = Vui::default();
    if r.bit()? {
        let idc = r.u8(8)?;
        v.sar = match idc {
            255 => Some((r.u32(16)?, r.u32(16)?)),
            1..=16 => Some(SAR[usize::from(idc)]),
            _ => None,
        };
    }
    if r.bit()? {
        r.bit()?; // overscan_appropriate
    }
    if r.bit()? {
        v.video_format = Some(r.u8(3)?);
        v.full_range = r.bit()?;
        if r.bit()? {
            v.colour = Some((r.u8(8)?, r.u8(8)?, r.u8(8)?));
        }
    }
    if r.bit()? {
        v.chroma_loc = Some((r.ue()?, r.ue()?));
    }
    if r.bit()? {
        v.timing = Some((r.u32(32)?, r.u32(32)?, r.bit()?));
    }
    // A single schedule at 64 bit/s is a placeholder some encoders write: not trusted.
    let trusted = |h: Hrd| (!(h.sched.len() == 1 && h.sched[0].0 == 64)).then_some(h);
    let nal = r.bit()?;
    if nal {
        v.nal_hrd = trusted(parse_hrd(r)?);
    }
    let vcl = r.bit()?;
    if vcl {
        v.vcl_hrd = trusted(parse_hrd(r)?);
    }
    if nal || vcl {
        r.bit()?; // low_delay_hrd
    }
    v.pic_struct_present = r.bit()?;
    Some(v)
}

fn parse_hrd(r: &mut BitReader) -> Option<Hrd> {
    let mut count = r.ue()?.saturating_add(1);
    let bit_rate_scale = r.u32(4)?;
    let cpb_size_scale = r.u32(4)?;
    if count > 32 {
        count = 1; // as MediaInfo: an impossible count is read as one schedule
    }
    let mut h = Hrd::default();
    for _ in 0..count {
        // 32-bit arithmetic on the value, as MediaInfo computes it.
        let rate = u64::from(r.ue()?.wrapping_add(1)) << (6 + bit_rate_scale);
        let size = u64::from(r.ue()?.wrapping_add(1)) << (4 + cpb_size_scale);
        let cbr = r.bit()?;
        h.sched.push((rate, size, cbr));
    }
    r.u32(5)?; // initial_cpb_removal_delay_length
    h.cpb_removal_delay_length = r.u32(5)? + 1;
    h.dpb_output_delay_length = r.u32(5)? + 1;
    h.time_offset_length = r.u32(5)?;
    Some(h)
}

/// Sample aspect ratios by `aspect_ratio_idc` (H.264 and H.265 share the table).
pub(crate) const SAR: [(u32, u32); 17] = [
    (0, 0),
    (1, 1),
    (12, 11),
    (10, 11),
    (16, 11),
    (40, 33),
    (24, 11),
    (20, 11),
    (32, 11),
    (80, 33),
    (18, 11),
    (15, 11),
    (64, 33),
    (160, 99),
    (4, 3),
    (3, 2),
    (2, 1),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn baseline_sps() {
        // 640x360 High profile SPS from an ffmpeg encode (crop bottom 8 lines).
        let nal = [
            0x67, 0x64, 0x00, 0x1e, 0xac, 0xd9, 0x40, 0xa0, 0x2f, 0xf9, 0x70, 0x11, 0x00, 0x00,
            0x03, 0x03, 0xe9, 0x00, 0x00, 0xea, 0x60, 0x0f, 0x16, 0x2d, 0x96,
        ];
        let s = Sps::parse(&nal).unwrap();
        assert_eq!(s.profile_idc, 100);
        assert_eq!(s.level_idc, 30);
        assert_eq!(s.size(), (640, 360));
        assert!(s.frame_mbs_only);
    }

    #[test]
    fn truncated_sps_is_none() {
        assert!(Sps::parse(&[0x67, 0x64]).is_none());
    }
}
