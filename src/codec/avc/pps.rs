//! The picture parameter set (only what the report and slice headers need).

use crate::bits::{BitReader, unescape_rbsp};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pps {
    pub id: u32,
    pub sps_id: u32,
    /// `entropy_coding_mode_flag`: CABAC.
    pub cabac: bool,
    pub bottom_field_pic_order_in_frame_present: bool,
}

impl Pps {
    /// Parses a whole PPS NAL unit (header byte included).
    pub fn parse(nal: &[u8]) -> Option<Pps> {
        let rbsp = unescape_rbsp(nal.get(1..)?);
        let mut r = BitReader::new(&rbsp);
        Some(Pps {
            id: r.ue()?,
            sps_id: r.ue()?,
            cabac: r.bit()?,
            bottom_field_pic_order_in_frame_present: r.bit()?,
        })
    }
}
