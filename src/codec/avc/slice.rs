//! Slice headers, up to the field flags.

use super::pps::Pps;
use super::sps::Sps;
use crate::bits::{BitReader, unescape_rbsp};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SliceHeader {
    pub first_mb: u32,
    pub slice_type: u32,
    pub frame_num: u32,
    pub field_pic: bool,
    pub bottom_field: bool,
}

impl SliceHeader {
    /// Parses the start of a slice NAL unit (header byte included). Only the first bytes are
    /// unescaped: the fields needed sit at the start.
    pub fn parse(nal: &[u8], sps: &Sps, _pps: &Pps) -> Option<SliceHeader> {
        let head = nal.get(1..nal.len().min(64))?;
        let rbsp = unescape_rbsp(head);
        let mut r = BitReader::new(&rbsp);
        let first_mb = r.ue()?;
        let slice_type = r.ue()?;
        let _pps_id = r.ue()?;
        if sps.separate_colour_plane {
            r.skip(2)?;
        }
        let frame_num = r.u32(sps.log2_max_frame_num.min(16))?;
        let (mut field_pic, mut bottom_field) = (false, false);
        if !sps.frame_mbs_only {
            field_pic = r.bit()?;
            if field_pic {
                bottom_field = r.bit()?;
            }
        }
        Some(SliceHeader {
            first_mb,
            slice_type,
            frame_num,
            field_pic,
            bottom_field,
        })
    }
}
