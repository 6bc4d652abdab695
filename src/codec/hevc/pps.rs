//! The picture parameter set: what a slice segment header needs from it.

use crate::bits::BitReader;

/// The PPS fields slice headers depend on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pps {
    pub id: u8,
    pub sps_id: u8,
    pub dependent_slice_segments_enabled: bool,
    pub num_extra_slice_header_bits: u8,
}

impl Pps {
    /// Parses a PPS RBSP (after the NAL header). `sps_exists` tells whether the SPS it names
    /// was kept (MediaInfo keeps no PPS otherwise). `None` for invalid IDs or cut syntax.
    pub fn parse(rbsp: &[u8], sps_exists: impl Fn(u8) -> bool) -> Option<Pps> {
        let mut r = BitReader::new(rbsp);
        let id = r.ue()?;
        if id >= 64 {
            return None;
        }
        let sps_id = r.ue()?;
        if sps_id >= 16 || !sps_exists(sps_id as u8) {
            return None;
        }
        let p = Pps {
            id: id as u8,
            sps_id: sps_id as u8,
            dependent_slice_segments_enabled: r.bit()?,
            num_extra_slice_header_bits: {
                r.skip(1)?; // output_flag_present_flag
                r.u8(3)?
            },
        };
        r.skip(2)?; // sign_data_hiding_flag, cabac_init_present_flag
        r.ue()?; // num_ref_idx_l0_default_active_minus1
        r.ue()?; // num_ref_idx_l1_default_active_minus1
        r.se()?; // init_qp_minus26
        r.skip(2)?; // constrained_intra_pred_flag, transform_skip_enabled_flag
        if r.bit()? {
            r.ue()?; // diff_cu_qp_delta_depth
        }
        r.se()?;
        r.se()?; // pps_cb_qp_offset, pps_cr_qp_offset
        r.skip(4)?; // chroma qp offsets, weighted pred and bipred, transquant bypass
        let tiles = r.bit()?;
        r.skip(1)?; // entropy_coding_sync_enabled_flag
        if tiles {
            let columns = r.ue()?;
            let rows = r.ue()?;
            if !r.bit()? {
                for _ in 0..u64::from(columns) + u64::from(rows) {
                    r.ue()?;
                }
            }
            r.skip(1)?; // loop_filter_across_tiles_enabled_flag
        }
        r.skip(1)?; // pps_loop_filter_across_slices_enabled_flag
        if r.bit()? {
            r.skip(1)?; // deblocking_filter_override_enabled_flag
            if !r.bit()? {
                r.se()?;
                r.se()?;
            }
        }
        if r.bit()? {
            super::sps::scaling_list_data(&mut r)?;
        }
        r.skip(1)?; // lists_modification_present_flag
        r.ue()?; // log2_parallel_merge_level_minus2
        r.skip(1)?; // slice_segment_header_extension_present_flag
        r.skip(1)?; // pps_extension_flag: the rest is not read either way
        Some(p)
    }
}
