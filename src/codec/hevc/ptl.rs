//! `profile_tier_level()`: the general profile, tier and level, and the constraint flags
//! MediaInfo reads from it (sub-layer entries are skipped).

use crate::bits::BitReader;

/// The general part of a `profile_tier_level()`. Fields a layer does not signal stay zero,
/// as MediaInfo's default-constructed entry has them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProfileTierLevel {
    pub profile_space: u8,
    pub tier: bool,
    pub profile_idc: u8,
    pub progressive_source: bool,
    pub interlaced_source: bool,
    pub frame_only: bool,
    pub max_12bit: bool,
    pub max_10bit: bool,
    pub max_8bit: bool,
    pub max_14bit: bool,
    pub level_idc: u8,
}

impl ProfileTierLevel {
    /// Reads a `profile_tier_level(profilePresentFlag, maxNumSubLayersMinus1)`.
    pub fn parse(
        r: &mut BitReader,
        profile_present: bool,
        max_sub_layers_minus1: u8,
    ) -> Option<ProfileTierLevel> {
        let mut p = ProfileTierLevel::default();
        if profile_present {
            p.profile_space = r.u8(2)?;
            p.tier = r.bit()?;
            p.profile_idc = r.u8(5)?;
            r.skip(32)?; // general_profile_compatibility_flag[32]
            p.progressive_source = r.bit()?;
            p.interlaced_source = r.bit()?;
            r.skip(1)?; // general_non_packed_constraint_flag
            p.frame_only = r.bit()?;
            p.max_12bit = r.bit()?;
            p.max_10bit = r.bit()?;
            p.max_8bit = r.bit()?;
            // max_422chroma, max_420chroma, max_monochrome, intra, one_picture_only,
            // lower_bit_rate
            r.skip(6)?;
            p.max_14bit = r.bit()?;
            r.skip(34)?; // general_reserved_zero_33bits, general_inbld_flag
        }
        p.level_idc = r.u8(8)?;
        let n = usize::from(max_sub_layers_minus1.min(7));
        let mut present = [(false, false); 7];
        for flags in present.iter_mut().take(n) {
            *flags = (r.bit()?, r.bit()?);
        }
        if n > 0 {
            r.skip(2 * (8 - n))?; // reserved_zero_2bits
        }
        for &(profile, level) in present.iter().take(n) {
            if profile {
                r.skip(88)?;
            }
            if level {
                r.skip(8)?;
            }
        }
        Some(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_profile_level_60() {
        // The profile_tier_level of fixtures/media/hevc-main.mp4's SPS (x265): Main, Main
        // tier, level 60 (2), progressive source.
        let bytes = [
            0x01, 0x60, 0x00, 0x00, 0x03, 0x00, 0x90, 0x00, 0x00, 0x03, 0x00, 0x00, 0x03, 0x00,
            0x3C,
        ];
        let rbsp = crate::bits::unescape_rbsp(&bytes);
        let p = ProfileTierLevel::parse(&mut BitReader::new(&rbsp), true, 0).unwrap();
        assert_eq!((p.profile_idc, p.tier, p.level_idc), (1, false, 60));
        assert!(p.progressive_source && !p.interlaced_source && p.frame_only);
    }
}
