//! The sequence parameter set, with its VUI, read as File_Hevc reads it.

use super::hrd::Hrd;
use super::ptl::ProfileTierLevel;
use crate::bits::BitReader;

/// Video usability information.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Vui {
    /// Sample aspect ratio (width, height), from the table or explicit.
    pub sar: Option<(u16, u16)>,
    /// (video_format, full range) when the video signal type is present.
    pub signal_type: Option<(u8, bool)>,
    /// (primaries, transfer, matrix) when a colour description is present.
    pub colour: Option<(u8, u8, u8)>,
    /// chroma_sample_loc_type (top field, bottom field).
    pub chroma_loc: Option<(u32, u32)>,
    pub frame_field_info: bool,
    /// (num_units_in_tick, time_scale).
    pub timing: Option<(u32, u32)>,
    pub hrd: Option<Hrd>,
}

/// The SPS fields the report and the other syntax readers use.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sps {
    pub nuh_layer_id: u8,
    pub vps_id: u8,
    pub id: u32,
    /// `None` for a multi-layer extension SPS, which takes its format from the VPS.
    pub profile: Option<ProfileTierLevel>,
    /// chroma_format_idc, luma width and height, luma and chroma bit depths: `None` for a
    /// multi-layer extension SPS.
    pub format: Option<Format>,
    /// left, right, top, bottom conformance window offsets (in chroma units).
    pub conf_win: [u32; 4],
    pub log2_max_poc_lsb: u8,
    pub max_num_reorder_pics: u32,
    pub vui: Option<Vui>,
}

/// The picture format an SPS carries itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Format {
    pub chroma_format_idc: u8,
    pub separate_colour_plane: bool,
    pub width: u32,
    pub height: u32,
    pub bit_depth_luma: u8,
    pub bit_depth_chroma: u8,
}

impl Format {
    /// ChromaArrayType (0 when colour planes are coded separately).
    pub fn chroma_array_type(&self) -> u8 {
        if self.separate_colour_plane {
            0
        } else {
            self.chroma_format_idc
        }
    }
}

impl Sps {
    /// Parses an SPS RBSP (after the NAL header). `max_sub_layers_of_vps` is
    /// `vps_max_sub_layers_minus1` of the VPS it names (looked up by the caller, which keeps
    /// no SPS whose VPS is missing). `None` where MediaInfo keeps no SPS: invalid values or
    /// syntax cut short.
    pub fn parse(
        rbsp: &[u8],
        nuh_layer_id: u8,
        vps_max_sub_layers: impl Fn(u8) -> Option<u8>,
    ) -> Option<Sps> {
        let mut r = BitReader::new(rbsp);
        let mut s = Sps {
            nuh_layer_id,
            vps_id: r.u8(4)?,
            ..Default::default()
        };
        let vps_sub_layers = vps_max_sub_layers(s.vps_id)?;
        let (max_sub_layers_minus1, multi_layer_ext) = if nuh_layer_id > 0 {
            let v = r.u8(3)?;
            (if v == 7 { vps_sub_layers } else { v }, v == 7)
        } else {
            (r.u8(3)?, false)
        };
        if !multi_layer_ext {
            r.skip(1)?; // sps_temporal_id_nesting_flag
            s.profile = Some(ProfileTierLevel::parse(
                &mut r,
                true,
                max_sub_layers_minus1,
            )?);
        }
        s.id = r.ue()?;
        let mut format = Format::default();
        if multi_layer_ext {
            if r.bit()? {
                r.skip(1)?; // sps_rep_format_idx (MediaInfo reads one bit)
            }
        } else {
            let chroma = r.ue()?;
            if chroma >= 4 {
                return None;
            }
            format.chroma_format_idc = chroma as u8;
            if chroma == 3 {
                format.separate_colour_plane = r.bit()?;
            }
            format.width = r.ue()?;
            format.height = r.ue()?;
            if r.bit()? {
                for o in s.conf_win.iter_mut() {
                    *o = r.ue()?;
                }
            }
            let luma = r.ue()?;
            if luma > 6 {
                return None;
            }
            let chroma_depth = r.ue()?;
            if chroma_depth > 6 {
                return None;
            }
            format.bit_depth_luma = luma as u8 + 8;
            format.bit_depth_chroma = chroma_depth as u8 + 8;
            s.format = Some(format);
        }
        let log2_max_poc_lsb_minus4 = r.ue()?;
        if log2_max_poc_lsb_minus4 > 12 {
            return None;
        }
        s.log2_max_poc_lsb = log2_max_poc_lsb_minus4 as u8 + 4;
        if !multi_layer_ext {
            let all = r.bit()?;
            let first = if all { 0 } else { max_sub_layers_minus1 };
            for _ in first..=max_sub_layers_minus1 {
                r.ue()?; // sps_max_dec_pic_buffering_minus1
                s.max_num_reorder_pics = r.ue()?;
                r.ue()?; // sps_max_latency_increase_plus1
            }
        }
        for _ in 0..6 {
            r.ue()?; // coding block, transform block sizes and hierarchy depths
        }
        if r.bit()? {
            // scaling_list_enabled_flag
            let infer = multi_layer_ext && r.bit()?;
            if infer {
                r.skip(6)?; // sps_scaling_list_ref_layer_id
            } else if r.bit()? {
                scaling_list_data(&mut r)?;
            }
        }
        r.skip(2)?; // amp_enabled_flag, sample_adaptive_offset_enabled_flag
        if r.bit()? {
            r.skip(8)?; // pcm sample bit depths
            r.ue()?;
            r.ue()?;
            r.skip(1)?; // pcm_loop_filter_disabled_flag
        }
        let num_short_term = r.ue()?;
        if num_short_term > 64 {
            return None;
        }
        short_term_ref_pic_sets(&mut r, num_short_term)?;
        if r.bit()? {
            // long_term_ref_pics_present_flag
            let n = r.ue()?;
            let bits = usize::from(s.log2_max_poc_lsb) + 1;
            r.skip(bits.checked_mul(n as usize)?)?;
        }
        r.skip(2)?; // sps_temporal_mvp_enabled_flag, strong_intra_smoothing_enabled_flag
        if r.bit()? {
            s.vui = Some(Vui::parse(&mut r, max_sub_layers_minus1)?);
        }
        if r.bit()? {
            extensions(&mut r, &format)?;
        }
        Some(s)
    }

    /// The picture size after the conformance window.
    pub fn size(&self) -> Option<(u32, u32)> {
        let f = self.format?;
        let (sub_w, sub_h) = match f.chroma_array_type() {
            1 => (2, 2),
            2 => (2, 1),
            _ => (1, 1),
        };
        let [l, r, t, b] = self.conf_win;
        Some((
            f.width.wrapping_sub(l.wrapping_add(r).wrapping_mul(sub_w)),
            f.height.wrapping_sub(t.wrapping_add(b).wrapping_mul(sub_h)),
        ))
    }
}

/// The range, multilayer, 3D and screen content extensions, as MediaInfo reads them.
fn extensions(r: &mut BitReader, f: &Format) -> Option<()> {
    let range = r.bit()?;
    let multilayer = r.bit()?;
    let three_d = r.bit()?;
    let scc = r.bit()?;
    let other = r.u8(4)?;
    if range {
        r.skip(9)?;
    }
    if multilayer {
        r.skip(1)?;
    }
    if three_d {
        r.skip(2)?;
        r.ue()?; // log2_ivmc_sub_pb_size_minus3
        r.skip(7)?;
        r.ue()?; // log2_texmc_sub_pb_size_minus3
        r.skip(5)?;
    }
    if scc {
        r.skip(1)?; // sps_curr_pic_ref_enabled_flag
        if r.bit()? {
            r.ue()?; // palette_max_size
            r.ue()?; // delta_palette_max_predictor_size
            if r.bit()? {
                let n = u64::from(r.ue()?) + 1;
                let comps = if f.chroma_format_idc == 0 { 1 } else { 3 };
                for comp in 0..comps {
                    let depth = if comp == 0 {
                        f.bit_depth_luma
                    } else {
                        f.bit_depth_chroma
                    };
                    let bits = n.checked_mul(u64::from(depth))?;
                    r.skip(usize::try_from(bits).ok()?)?;
                }
            }
            r.skip(3)?; // motion_vector_resolution_control_idc, intra_boundary_filtering_disabled_flag
        }
    }
    let _ = other; // any other extension: the rest is not read
    Some(())
}

impl Vui {
    fn parse(r: &mut BitReader, max_sub_layers_minus1: u8) -> Option<Vui> {
        let mut v = Vui::default();
        if r.bit()? {
            let idc = r.u8(8)?;
            if idc == 0xFF {
                v.sar = Some((r.u32(16)? as u16, r.u32(16)? as u16));
            } else if let Some(&(w, h)) = crate::codec::avc::sps::SAR.get(usize::from(idc))
                && idc != 0
            {
                v.sar = Some((w as u16, h as u16));
            }
        }
        if r.bit()? {
            r.skip(1)?; // overscan_appropriate_flag
        }
        if r.bit()? {
            let format = r.u8(3)?;
            let full = r.bit()?;
            v.signal_type = Some((format, full));
            if r.bit()? {
                v.colour = Some((r.u8(8)?, r.u8(8)?, r.u8(8)?));
            }
        }
        if r.bit()? {
            v.chroma_loc = Some((r.ue()?, r.ue()?));
        }
        r.skip(2)?; // neutral_chroma_indication_flag, field_seq_flag
        v.frame_field_info = r.bit()?;
        if r.bit()? {
            for _ in 0..4 {
                r.ue()?; // default display window offsets
            }
        }
        if r.bit()? {
            v.timing = Some((r.u32(32)?, r.u32(32)?));
            if r.bit()? {
                r.ue()?; // vui_num_ticks_poc_diff_one_minus1
            }
            if r.bit()? {
                v.hrd = Some(Hrd::parse(r, true, max_sub_layers_minus1)?);
            }
        }
        if r.bit()? {
            r.skip(3)?; // bitstream restriction flags
            for _ in 0..5 {
                r.ue()?;
            }
        }
        Some(v)
    }
}

/// `scaling_list_data()`, skipped.
pub(super) fn scaling_list_data(r: &mut BitReader) -> Option<()> {
    for size_id in 0..4u32 {
        let matrices = if size_id == 3 { 2 } else { 6 };
        for _ in 0..matrices {
            if !r.bit()? {
                r.ue()?; // scaling_list_pred_matrix_id_delta
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

/// `st_ref_pic_set()` for each of the SPS's sets, skipped (inter prediction from the set
/// before, as an SPS can only predict).
fn short_term_ref_pic_sets(r: &mut BitReader, count: u32) -> Option<()> {
    let mut num_pics = 0u64;
    for idx in 0..count {
        let inter = idx > 0 && r.bit()?;
        if inter {
            r.skip(1)?; // delta_rps_sign
            r.ue()?; // abs_delta_rps_minus1
            let mut next = 0u64;
            for _ in 0..=num_pics {
                if r.bit()? || r.bit()? {
                    next += 1; // used_by_curr_pic_flag, else use_delta_flag
                }
            }
            num_pics = next;
        } else {
            let negative = r.ue()?;
            let positive = r.ue()?;
            num_pics = u64::from(negative) + u64::from(positive);
            for _ in 0..num_pics {
                r.ue()?;
                r.skip(1)?;
            }
        }
    }
    Some(())
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
        let rbsp = crate::bits::unescape_rbsp(&X265_SPS[2..]);
        // Its VPS (ID 0) has one sub-layer.
        let sps = super::Sps::parse(&rbsp, 0, |id| (id == 0).then_some(0)).unwrap();
        let f = sps.format.unwrap();
        assert_eq!(
            (sps.size(), f.chroma_format_idc, f.bit_depth_luma),
            (Some((128, 96)), 1, 8)
        );
        let vui = sps.vui.unwrap();
        assert_eq!(vui.signal_type, Some((5, false)));
        assert_eq!(vui.timing, Some((1, 25)));
    }
}
