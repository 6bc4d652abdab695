//! The picture parameter set (only what the report and slice headers need).

use crate::bits::{BitReader, unescape_rbsp};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pps {
    pub id: u32,
    pub sps_id: u32,
    /// `entropy_coding_mode_flag`: CABAC.
    pub cabac: bool,
    pub bottom_field_pic_order_in_frame_present: bool,
    pub num_ref_idx_l0_default_active_minus1: u32,
    pub num_ref_idx_l1_default_active_minus1: u32,
    pub weighted_pred: bool,
    pub weighted_bipred_idc: u8,
    pub deblocking_filter_control_present: bool,
    pub redundant_pic_cnt_present: bool,
}

impl Pps {
    /// Parses a whole PPS NAL unit (header byte included). The fields after the slice-group
    /// description keep their defaults when the PPS is cut short.
    pub fn parse(nal: &[u8]) -> Option<Pps> {
        let rbsp = unescape_rbsp(nal.get(1..)?);
        let mut r = BitReader::new(&rbsp);
        let mut p = Pps {
            id: r.ue()?,
            sps_id: r.ue()?,
            cabac: r.bit()?,
            bottom_field_pic_order_in_frame_present: r.bit()?,
            ..Default::default()
        };
        let _ = p.parse_rest(&mut r);
        Some(p)
    }

    fn parse_rest(&mut self, r: &mut BitReader) -> Option<()> {
        let groups_minus1 = r.ue()?;
        if groups_minus1 > 0 {
            if groups_minus1 > 7 {
                return None;
            }
            match r.ue()? {
                0 => {
                    for _ in 0..=groups_minus1 {
                        r.ue()?;
                    }
                }
                2 => {
                    for _ in 0..groups_minus1 {
                        r.ue()?;
                        r.ue()?;
                    }
                }
                3..=5 => {
                    r.bit()?;
                    r.ue()?;
                }
                6 => {
                    let units = r.ue()?.checked_add(1)?;
                    let bits = u32::BITS - groups_minus1.leading_zeros();
                    r.skip(usize::try_from(units).ok()?.checked_mul(bits as usize)?)?;
                }
                _ => {}
            }
        }
        self.num_ref_idx_l0_default_active_minus1 = r.ue()?;
        self.num_ref_idx_l1_default_active_minus1 = r.ue()?;
        self.weighted_pred = r.bit()?;
        self.weighted_bipred_idc = r.u8(2)?;
        r.se()?; // pic_init_qp_minus26
        r.se()?; // pic_init_qs_minus26
        r.se()?; // chroma_qp_index_offset
        self.deblocking_filter_control_present = r.bit()?;
        r.bit()?; // constrained_intra_pred
        self.redundant_pic_cnt_present = r.bit()?;
        Some(())
    }
}
