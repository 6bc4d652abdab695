//! Slice headers, read to their end as File_Avc reads them: a header that runs out of data
//! does not count.

use super::pps::Pps;
use super::sps::Sps;
use crate::bits::{BitReader, unescape_rbsp, unescape_rbsp_into};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SliceHeader {
    pub first_mb: u32,
    pub slice_type: u32,
    /// The picture parameter set the slice refers to.
    pub pps_id: u32,
    pub frame_num: u32,
    pub field_pic: bool,
    pub bottom_field: bool,
    /// `pic_order_cnt_lsb` (picture order count type 0).
    pub pic_order_cnt_lsb: u32,
    pub delta_pic_order_cnt_bottom: i32,
    /// An IDR picture (NAL unit type 5).
    pub idr: bool,
    /// `nal_ref_idc` of the NAL unit.
    pub nal_ref_idc: u8,
    /// A memory management control operation 5 (reset) is present.
    pub mmco5: bool,
}

/// Most reference-list modifications or memory operations read in one header.
const MAX_OPERATIONS: usize = 64;

/// Bytes of a slice unescaped on the stack first: a usual header (tens of bytes) fits, so the rest of the
/// slice (often kilobytes) is neither copied nor allocated; a longer header is read again
/// from the whole NAL unit.
const HEADER_PREFIX: usize = 64;

impl SliceHeader {
    /// Parses a slice NAL unit's header (header byte included), with the parameter sets `sets`
    /// gives for its `pic_parameter_set_id`. `None` when the header does not fit in `nal`, is
    /// not valid, or refers to parameter sets `sets` does not know (File_Avc skips such a
    /// slice).
    pub fn parse<'a>(
        nal: &[u8],
        sets: impl Fn(u32) -> Option<(&'a Sps, &'a Pps)>,
    ) -> Option<SliceHeader> {
        let head = *nal.first()?;
        let body = nal.get(1..)?;
        let mut buf = [0u8; HEADER_PREFIX];
        let prefix = unescape_rbsp_into(body, &mut buf);
        match Self::parse_rbsp(head, prefix, &sets) {
            None if prefix.len() == HEADER_PREFIX => {
                Self::parse_rbsp(head, &unescape_rbsp(body), &sets)
            }
            h => h,
        }
    }

    /// The header from its unescaped bytes `rbsp`, after the NAL header byte `head`.
    fn parse_rbsp<'a>(
        head: u8,
        rbsp: &[u8],
        sets: &impl Fn(u32) -> Option<(&'a Sps, &'a Pps)>,
    ) -> Option<SliceHeader> {
        let mut r = BitReader::new(rbsp);
        let mut h = SliceHeader {
            idr: head & 0x1F == 5,
            nal_ref_idc: (head >> 5) & 3,
            ..Default::default()
        };
        h.first_mb = r.ue()?;
        h.slice_type = r.ue()?;
        if h.slice_type >= 10 {
            return None;
        }
        h.pps_id = r.ue()?;
        let (sps, pps) = sets(h.pps_id)?;
        if sps.separate_colour_plane {
            r.skip(2)?;
        }
        h.frame_num = r.u32(sps.log2_max_frame_num.min(32))?;
        if !sps.frame_mbs_only {
            h.field_pic = r.bit()?;
            if h.field_pic {
                h.bottom_field = r.bit()?;
            }
        }
        if h.idr {
            r.ue()?; // idr_pic_id
        }
        if sps.pic_order_cnt_type == 0 {
            h.pic_order_cnt_lsb = r.u32(sps.log2_max_poc_lsb.min(32))?;
            if pps.bottom_field_pic_order_in_frame_present && !h.field_pic {
                h.delta_pic_order_cnt_bottom = r.se()?;
            }
        }
        if sps.pic_order_cnt_type == 1 && !sps.delta_pic_order_always_zero {
            r.se()?;
            if pps.bottom_field_pic_order_in_frame_present && !h.field_pic {
                r.se()?;
            }
        }
        if pps.redundant_pic_cnt_present {
            r.ue()?;
        }
        let kind = h.slice_type % 5;
        if kind == 1 {
            r.bit()?; // direct_spatial_mv_pred_flag
        }
        let (mut l0, mut l1) = (
            pps.num_ref_idx_l0_default_active_minus1,
            pps.num_ref_idx_l1_default_active_minus1,
        );
        if matches!(kind, 0 | 1 | 3) && r.bit()? {
            l0 = r.ue()?;
            if kind == 1 {
                l1 = r.ue()?;
            }
        }
        if kind != 2 && kind != 4 {
            ref_pic_list_modification(&mut r)?;
        }
        if kind == 1 {
            ref_pic_list_modification(&mut r)?;
        }
        if (pps.weighted_pred && matches!(kind, 0 | 3))
            || (pps.weighted_bipred_idc == 1 && kind == 1)
        {
            pred_weight_table(&mut r, kind, l0, l1, sps.chroma_array_type())?;
        }
        if h.nal_ref_idc != 0 {
            h.mmco5 = dec_ref_pic_marking(&mut r, h.idr)?;
        }
        if pps.cabac && kind != 2 && kind != 4 {
            r.ue()?; // cabac_init_idc
        }
        r.se()?; // slice_qp_delta
        if kind == 3 || kind == 4 {
            if kind == 3 {
                r.bit()?; // sp_for_switch_flag
            }
            r.se()?; // slice_qs_delta
        }
        if pps.deblocking_filter_control_present && r.ue()? != 1 {
            r.se()?;
            r.se()?;
        }
        Some(h)
    }
}

/// One list of `ref_pic_list_modification()`, after its flag.
fn ref_pic_list_modification(r: &mut BitReader) -> Option<()> {
    if !r.bit()? {
        return Some(());
    }
    for _ in 0..MAX_OPERATIONS {
        match r.ue()? {
            0..=2 => {
                r.ue()?;
            }
            3 => return Some(()),
            _ => return None,
        }
    }
    None
}

fn pred_weight_table(r: &mut BitReader, kind: u32, l0: u32, l1: u32, chroma: u32) -> Option<()> {
    r.ue()?;
    if chroma != 0 {
        r.ue()?;
    }
    let lists: &[u32] = if kind == 1 { &[l0, l1] } else { &[l0] };
    for &count in lists {
        if count > 31 {
            return None;
        }
        for _ in 0..=count {
            if r.bit()? {
                r.se()?;
                r.se()?;
            }
            if chroma != 0 && r.bit()? {
                for _ in 0..4 {
                    r.se()?;
                }
            }
        }
    }
    Some(())
}

/// `dec_ref_pic_marking()`; whether an operation 5 (reset of the picture order) is present.
fn dec_ref_pic_marking(r: &mut BitReader, idr: bool) -> Option<bool> {
    if idr {
        r.skip(2)?;
        return Some(false);
    }
    let mut reset = false;
    if r.bit()? {
        for _ in 0..MAX_OPERATIONS {
            let op = r.ue()?;
            match op {
                0 => return Some(reset),
                1 | 2 | 4 | 6 => {
                    r.ue()?;
                }
                3 => {
                    r.ue()?;
                    r.ue()?;
                }
                5 => reset = true,
                _ => {}
            }
            if r.remaining() == 0 {
                return Some(reset);
            }
        }
    }
    Some(reset)
}
