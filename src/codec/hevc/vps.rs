//! The video parameter set: its profile_tier_level entries (one per layer set MediaInfo
//! reads, the base one first) and the view IDs of a multiview (MV-HEVC) extension.

use super::hrd;
use super::ptl::ProfileTierLevel;
use crate::bits::BitReader;

/// Layers the extension's tables are sized for (MediaInfo's arrays: vps_max_layers_minus1 is
/// clamped to 62).
const MAX_LAYERS: usize = 63;

/// What the report needs from a VPS.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Vps {
    pub id: u8,
    pub max_sub_layers_minus1: u8,
    /// The base profile_tier_level, then those of the extension.
    pub profiles: Vec<ProfileTierLevel>,
    /// `view_id_val` by view order index (64 entries, `None` when not signalled); empty when
    /// the extension has no view IDs.
    pub view_ids: Vec<Option<u16>>,
}

impl Vps {
    /// Parses a VPS RBSP (after the two-byte NAL header, emulation prevention removed).
    /// `None` where MediaInfo keeps no VPS: invalid counts, truncated syntax, an extension it
    /// does not read.
    pub fn parse(rbsp: &[u8]) -> Option<Vps> {
        let mut r = BitReader::new(rbsp);
        let id = r.u8(4)?;
        let base_layer_internal = r.bit()?;
        r.skip(1)?; // vps_base_layer_available_flag
        let max_layers_minus1 = r.u8(6)?;
        if max_layers_minus1 == 63 {
            return None;
        }
        let max_sub_layers_minus1 = r.u8(3)?;
        if max_sub_layers_minus1 > 6 {
            return None;
        }
        r.skip(1 + 16)?; // vps_temporal_id_nesting_flag, vps_reserved_0xffff_16bits
        let mut profiles = vec![ProfileTierLevel::parse(
            &mut r,
            true,
            max_sub_layers_minus1,
        )?];
        let ordering_all = r.bit()?;
        let first = if ordering_all {
            0
        } else {
            max_sub_layers_minus1
        };
        for _ in first..=max_sub_layers_minus1 {
            r.ue()?;
            r.ue()?;
            r.ue()?;
        }
        let max_layer_id = r.u8(6)?;
        let num_layer_sets_minus1 = r.ue()?;
        if num_layer_sets_minus1 >= 1024 {
            return None;
        }
        let flags = (num_layer_sets_minus1 as usize) * (usize::from(max_layer_id) + 1);
        r.skip(flags)?; // layer_id_included_flag
        if r.bit()? {
            r.skip(32)?; // vps_num_units_in_tick
            if r.u32(32)? == 0 {
                return None;
            }
            if r.bit()? {
                r.ue()?; // vps_num_ticks_poc_diff_one_minus1
            }
            let mut count = r.ue()?;
            if count > 1024 {
                count = 0;
            }
            for i in 0..count {
                r.ue()?; // hrd_layer_set_idx
                let common = if i > 0 { r.bit()? } else { true };
                hrd::Hrd::parse(&mut r, common, max_sub_layers_minus1)?;
            }
        }
        let mut view_ids = Vec::new();
        if r.bit()? {
            extension(
                &mut r,
                base_layer_internal,
                max_layers_minus1,
                max_sub_layers_minus1,
                &mut profiles,
                &mut view_ids,
            )?;
        }
        Some(Vps {
            id,
            max_sub_layers_minus1,
            profiles,
            view_ids,
        })
    }

    /// Views with an ID (MediaInfo's `MultiView_Count`), when the extension signals them.
    pub fn view_count(&self) -> Option<usize> {
        (!self.view_ids.is_empty()).then(|| self.view_ids.iter().flatten().count())
    }
}

/// `vps_extension()` as far as MediaInfo reads it: the layers' scalability dimensions, view
/// IDs, dependencies (for the count of layer sets) and the extra profile_tier_level entries.
fn extension(
    r: &mut BitReader,
    base_layer_internal: bool,
    max_layers_minus1: u8,
    max_sub_layers_minus1: u8,
    profiles: &mut Vec<ProfileTierLevel>,
    view_ids: &mut Vec<Option<u16>>,
) -> Option<()> {
    while !r.is_aligned() {
        r.skip(1)?; // vps_extension_alignment_bit_equal_to_one
    }
    if max_layers_minus1 > 0 && base_layer_internal {
        profiles.push(ProfileTierLevel::parse(r, false, max_sub_layers_minus1)?);
    }
    let splitting = r.bit()?;
    let mut mask = [false; 16];
    for m in mask.iter_mut() {
        *m = r.bit()?;
    }
    let num_types = mask.iter().filter(|&&m| m).count();
    let mut id_len = [0u8; 16];
    for len in id_len
        .iter_mut()
        .take(num_types - usize::from(splitting).min(num_types))
    {
        *len = r.u8(3)? + 1;
        if *len > 6 {
            return None;
        }
    }
    let nuh_layer_id_present = r.bit()?;
    if splitting {
        return None; // not supported by MediaInfo
    }
    let max_layers = usize::from(max_layers_minus1.min(62));
    let mut dimension_id = [[0u8; 16]; MAX_LAYERS];
    let mut layer_id_in_nuh = [0u8; MAX_LAYERS];
    for i in 1..=max_layers {
        layer_id_in_nuh[i] = if nuh_layer_id_present {
            r.u8(6)?
        } else {
            i as u8
        };
        for j in 0..num_types {
            dimension_id[i][j] = r.u8(u32::from(id_len[j]))?;
        }
    }
    let view_id_len = r.u8(4)?;
    // ViewOrderIdx by nuh_layer_id (0xFF: none), from the second scalability dimension.
    let mut view_order = [0xFFu8; 64];
    let mut num_views = 1usize;
    for i in 0..=max_layers {
        let lid = usize::from(layer_id_in_nuh[i]);
        let mut j = 0;
        for (sm, &present) in mask.iter().enumerate() {
            if sm == 1 {
                view_order[lid] = if present { dimension_id[i][j] } else { 0 };
            }
            if present {
                j += 1;
            }
        }
        if i > 0 && (0..i).all(|k| view_order[lid] != view_order[usize::from(layer_id_in_nuh[k])]) {
            num_views += 1;
        }
    }
    if view_id_len > 0 {
        view_ids.resize(64, None);
        // MediaInfo indexes ViewOrderIdx by view here, not by layer ID.
        for &order in view_order.iter().take(num_views.min(64)) {
            if order != 0xFF {
                view_ids[usize::from(order)] = Some(r.u32(u32::from(view_id_len))? as u16);
            }
        }
    }
    let mut direct = [[false; MAX_LAYERS]; MAX_LAYERS];
    for (i, row) in direct.iter_mut().enumerate().take(max_layers + 1).skip(1) {
        for flag in row.iter_mut().take(i) {
            *flag = r.bit()?;
        }
    }
    add_layer_set_bits(&direct, &layer_id_in_nuh, max_layers, r)?;
    if r.bit()? {
        r.skip(3 * (max_layers + 1))?; // sub_layers_vps_max_minus1
    }
    if r.bit()? {
        let pairs = max_layers * (max_layers + 1) / 2;
        r.skip(3 * pairs)?; // max_tid_il_ref_pics_plus1
    }
    r.skip(1)?; // default_ref_layers_active_flag
    let num_ptl_minus1 = r.ue()?;
    let first = if base_layer_internal { 2 } else { 1 };
    for _ in first..=num_ptl_minus1 {
        if profiles.len() > 1024 {
            return None;
        }
        let present = r.bit()?;
        profiles.push(ProfileTierLevel::parse(r, present, max_sub_layers_minus1)?);
    }
    Some(())
}

/// The dependency tree partitions (F.7.4.3.1.1) and the `highest_layer_idx_plus1` fields of the
/// additional layer sets, skipped.
fn add_layer_set_bits(
    direct: &[[bool; MAX_LAYERS]; MAX_LAYERS],
    layer_id_in_nuh: &[u8; MAX_LAYERS],
    max_layers: usize,
    r: &mut BitReader,
) -> Option<()> {
    let n = max_layers + 1;
    // DependencyFlag[i][j]: layer j is a (direct or indirect) reference of layer i.
    let mut dependency = [[false; MAX_LAYERS]; MAX_LAYERS];
    for i in 0..n {
        for j in 0..n {
            dependency[i][j] = direct[i][j];
            for k in 0..i {
                if direct[i][k] && dependency[k][j] {
                    dependency[i][j] = true;
                }
            }
        }
    }
    let mut num_direct_ref = [0usize; 64];
    let mut predicted: Vec<Vec<u8>> = vec![Vec::new(); 64];
    for i in 0..n {
        let lid = usize::from(layer_id_in_nuh[i]);
        num_direct_ref[lid] = (0..n).filter(|&j| direct[i][j]).count();
        predicted[lid] = (0..n)
            .filter(|&j| dependency[j][i])
            .map(|j| layer_id_in_nuh[j])
            .collect();
    }
    let mut in_list = [false; 64];
    let mut partition_sizes = Vec::new();
    for &lid in layer_id_in_nuh.iter().take(n) {
        let lid = usize::from(lid);
        if num_direct_ref[lid] == 0 {
            let mut h = 1usize;
            for &p in &predicted[lid] {
                if !in_list[usize::from(p)] {
                    h += 1;
                    in_list[usize::from(p)] = true;
                }
            }
            partition_sizes.push(h);
        }
    }
    if partition_sizes.len() <= 1 {
        return Some(());
    }
    let count = r.ue()?;
    let bits: usize = partition_sizes[1..]
        .iter()
        .map(|&size| (usize::BITS - size.leading_zeros()) as usize) // ceil(log2(size + 1))
        .sum();
    if bits > 0 {
        let total = bits.checked_mul(count as usize)?;
        r.skip(total)?;
    }
    Some(())
}
