//! `hrd_parameters()`: the delay field lengths SEI parsing needs and the schedules.

use crate::bits::BitReader;

/// One CPB schedule: bit rate (bit/s), buffer size (bits), constant bit rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub bit_rate: u64,
    pub cpb_size: u64,
    pub cbr: bool,
}

/// What MediaInfo keeps of an `hrd_parameters()`: the common delay lengths (when NAL or VCL
/// parameters are present) and the last sub-layer's NAL and VCL schedules.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hrd {
    /// Present when NAL or VCL HRD parameters are.
    pub common: Option<HrdCommon>,
    pub nal: Option<Vec<Schedule>>,
    pub vcl: Option<Vec<Schedule>>,
}

/// The field lengths of buffering-period and picture-timing SEI.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HrdCommon {
    pub sub_pic_params: bool,
    pub au_cpb_removal_delay_length: u8,
    pub dpb_output_delay_length: u8,
    pub dpb_output_delay_du_length: u8,
    pub initial_cpb_removal_delay_length: u8,
}

impl Hrd {
    /// Reads `hrd_parameters(commonInfPresentFlag, maxNumSubLayersMinus1)`. `None` when the
    /// syntax is cut or a CPB count is impossible (MediaInfo then distrusts the whole set).
    pub fn parse(
        r: &mut BitReader,
        common_present: bool,
        max_sub_layers_minus1: u8,
    ) -> Option<Hrd> {
        let (mut nal_present, mut vcl_present) = (false, false);
        let mut common = HrdCommon {
            au_cpb_removal_delay_length: 1,
            dpb_output_delay_length: 1,
            dpb_output_delay_du_length: 1,
            initial_cpb_removal_delay_length: 1,
            ..Default::default()
        };
        let (mut bit_rate_scale, mut cpb_size_scale) = (0u32, 0u32);
        if common_present {
            nal_present = r.bit()?;
            vcl_present = r.bit()?;
            if nal_present || vcl_present {
                common.sub_pic_params = r.bit()?;
                if common.sub_pic_params {
                    r.skip(8 + 5 + 1)?; // tick_divisor_minus2, du_cpb_removal_delay_increment_length_minus1, sub_pic_cpb_params_in_pic_timing_sei_flag
                    common.dpb_output_delay_du_length = r.u8(5)? + 1;
                }
                bit_rate_scale = r.u32(4)?;
                cpb_size_scale = r.u32(4)?;
                if common.sub_pic_params {
                    r.skip(4)?; // cpb_size_du_scale
                }
                common.initial_cpb_removal_delay_length = r.u8(5)? + 1;
                common.au_cpb_removal_delay_length = r.u8(5)? + 1;
                common.dpb_output_delay_length = r.u8(5)? + 1;
            }
        }
        let mut hrd = Hrd::default();
        for _ in 0..=max_sub_layers_minus1 {
            let general = r.bit()?;
            let within_cvs = if general { true } else { r.bit()? };
            let mut low_delay = false;
            if within_cvs {
                r.ue()?; // elemental_duration_in_tc_minus1
            } else {
                low_delay = r.bit()?;
            }
            let mut cpb_cnt_minus1 = 0;
            if !low_delay {
                cpb_cnt_minus1 = r.ue()?;
                if cpb_cnt_minus1 > 31 {
                    return None;
                }
            }
            if nal_present || vcl_present {
                hrd.common = Some(common);
            }
            for (present, slot) in [(nal_present, &mut hrd.nal), (vcl_present, &mut hrd.vcl)] {
                if present {
                    let s = schedules(
                        r,
                        common.sub_pic_params,
                        bit_rate_scale,
                        cpb_size_scale,
                        cpb_cnt_minus1,
                    )?;
                    // A lone 64 bit/s schedule is a placeholder MediaInfo does not trust.
                    if !(s.len() == 1 && s[0].bit_rate == 64) {
                        *slot = Some(s);
                    }
                }
            }
        }
        Some(hrd)
    }
}

/// `sub_layer_hrd_parameters()`: one schedule per CPB.
fn schedules(
    r: &mut BitReader,
    sub_pic: bool,
    bit_rate_scale: u32,
    cpb_size_scale: u32,
    cpb_cnt_minus1: u32,
) -> Option<Vec<Schedule>> {
    let mut out = Vec::with_capacity(cpb_cnt_minus1 as usize + 1);
    for _ in 0..=cpb_cnt_minus1 {
        let bit_rate = (u64::from(r.ue()?) + 1) << (6 + bit_rate_scale);
        let cpb_size = (u64::from(r.ue()?) + 1) << (4 + cpb_size_scale);
        if sub_pic {
            r.ue()?;
            r.ue()?;
        }
        let cbr = r.bit()?;
        out.push(Schedule {
            bit_rate,
            cpb_size,
            cbr,
        });
    }
    Some(out)
}
