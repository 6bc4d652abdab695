//! EMDF (Extensible Metadata Delivery Format, ETSI TS 102 366 annex H) containers inside AC-3
//! and E-AC-3 syncframes, as File_Ac3 finds and reads them: the Dolby Atmos object audio
//! metadata (OAMD, payload 11) and joint object coding (JOC, payload 14) headers.

use crate::bits::BitReader;

/// The EMDF sync word.
const SYNC: u32 = 0x5838;

/// What File_Ac3 keeps of one EMDF container.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Emdf {
    /// `joc_num_objects` of a JOC payload.
    pub joc_objects: Option<u8>,
    /// Dynamic objects counted by the OAMD payload's program assignment.
    pub dynamic_objects: Option<u8>,
    /// The bed's channels as a non-standard bed channel assignment mask (17 bits).
    pub bed_mask: Option<u32>,
}

/// `variable_bits(n)`: groups of `n` bits, each followed by a continuation flag.
fn variable_bits(r: &mut BitReader, n: u32) -> Option<u32> {
    let mut value = 0u32;
    // A u32 holds at most 32 / n groups; longer runs are corrupt.
    for _ in 0..=32 / n {
        value = value.wrapping_add(r.u32(n)?);
        if !r.bit()? {
            return Some(value);
        }
        value = value.wrapping_shl(n).wrapping_add(1 << n);
    }
    None
}

/// The bit offset of the first EMDF container in `frame`, found as File_Ac3 finds it: a sync
/// word at any bit position whose container's structure checks out, with more than 18 bits
/// (the frame's auxiliary-data flag and CRC) after it.
pub fn find(frame: &[u8]) -> Option<usize> {
    let total = frame.len() * 8;
    let mut r = BitReader::new(frame);
    let mut pos = 0;
    while total - pos > 18 {
        if r.peek_padded(16) == SYNC && container_checks_out(frame, pos) {
            return Some(pos);
        }
        r.skip(1)?;
        pos += 1;
    }
    None
}

/// File_Ac3's plausibility test of a container starting at bit `pos`.
fn container_checks_out(frame: &[u8], pos: usize) -> bool {
    let check = || -> Option<bool> {
        let mut r = BitReader::new(frame);
        r.skip(pos + 16)?;
        let size = usize::from(r.u32(16)? as u16) * 8 + 17;
        if size > r.remaining() {
            return Some(false);
        }
        if r.u8(2)? != 0 {
            return Some(false); // emdf_version
        }
        if r.u8(3)? == 7 {
            variable_bits(&mut r, 3)?; // key_id
        }
        loop {
            let id = r.u32(5)?;
            if id == 0 {
                break;
            }
            if id == 0x1F {
                variable_bits(&mut r, 5)?;
            }
            if payload_config(&mut r)? {
                return Some(false); // codecdatae must be 0
            }
            let size = variable_bits(&mut r, 8)? as usize;
            r.skip(size * 8)?;
        }
        let primary = match r.u8(2)? {
            0 => return Some(false),
            1 => 8,
            2 => 32,
            _ => 128,
        };
        let secondary = [0, 8, 32, 128][usize::from(r.u8(2)?)];
        r.skip(primary + secondary)?;
        Some(r.remaining() >= 17)
    };
    check().unwrap_or(false)
}

/// Reads the container at bit `pos` of `frame` (see [`find`]). A payload that reads past
/// its size ends the container, as in File_Ac3.
pub fn parse(frame: &[u8], pos: usize) -> Emdf {
    let mut out = Emdf::default();
    let _ = read_container(frame, pos, &mut out);
    out
}

fn read_container(frame: &[u8], pos: usize, out: &mut Emdf) -> Option<()> {
    let mut r = BitReader::new(frame);
    r.skip(pos + 16)?;
    let _length = r.u32(16)?;
    let mut version = r.u32(2)?;
    if version == 3 {
        version += variable_bits(&mut r, 2)?;
    }
    if version != 0 {
        return Some(());
    }
    if r.u32(3)? == 7 {
        variable_bits(&mut r, 3)?; // key_id
    }
    loop {
        let mut id = r.u32(5)?;
        if id == 0x1F {
            id += variable_bits(&mut r, 5)?;
        }
        if id == 0 {
            return Some(());
        }
        payload_config(&mut r)?;
        let size = variable_bits(&mut r, 8)? as usize * 8;
        let end = r.position() + size;
        match id {
            11 => {
                let _ = object_audio_metadata(&mut r, out);
            }
            14 => {
                r.skip(3)?; // joc_dmx_config_idx
                out.joc_objects = Some(r.u8(6)? + 1);
            }
            _ => {}
        }
        if r.position() > end {
            return Some(());
        }
        r.skip(end - r.position())?;
    }
}

/// `emdf_payload_config`; says whether it carried codec data (skipped).
fn payload_config(r: &mut BitReader) -> Option<bool> {
    let smploffste = r.bit()?;
    if smploffste {
        r.skip(12)?;
    }
    if r.bit()? {
        variable_bits(r, 11)?; // duration
    }
    if r.bit()? {
        variable_bits(r, 2)?; // groupid
    }
    let codecdata = r.bit()?;
    if codecdata {
        r.skip(8)?;
    }
    if !r.bit()? {
        // discard_unknown_payload clear
        let aligned = !smploffste && r.bit()?;
        if aligned {
            r.skip(2)?;
        }
        if smploffste || aligned {
            r.skip(7)?;
        }
    }
    Some(codecdata)
}

/// `object_audio_metadata_payload`'s object count and program assignment.
fn object_audio_metadata(r: &mut BitReader, out: &mut Emdf) -> Option<()> {
    if r.u8(2)? == 3 {
        r.skip(3)?; // oa_md_version_bits_ext
    }
    let bits = r.u8(5)?;
    let mut objects = bits + 1;
    if bits == 0x1F {
        objects = objects.wrapping_add(r.u8(7)?);
    }
    out.dynamic_objects = Some(objects);
    if r.bit()? {
        // b_dyn_object_only_program: an LFE is a bed of its own.
        if r.bit()? {
            out.bed_mask = Some(1 << 3);
            out.dynamic_objects = Some(objects.wrapping_sub(1));
        }
        return Some(());
    }
    let content = r.u8(4)?;
    if content & 1 != 0 {
        r.skip(1)?; // b_bed_object_chan_distribute
        let beds = if r.bit()? { r.u8(3)? + 2 } else { 1 };
        for _ in 0..beds {
            if !r.bit()? {
                // not LFE only
                out.bed_mask = Some(if r.bit()? {
                    standard_to_nonstandard(r.u32(10)? as u16)
                } else {
                    r.u32(17)?
                });
            }
        }
    }
    if content & 2 != 0 {
        r.skip(3)?; // intermediate_spatial_format_idx
    }
    out.dynamic_objects = Some(if content & 4 != 0 {
        let mut bits = r.u8(5)?;
        if bits == 0x1F {
            bits = bits.wrapping_add(r.u8(7)?);
        }
        bits.wrapping_add(1)
    } else {
        0
    });
    Some(())
}

/// Channels per bit of a standard bed channel assignment mask (pairs count two).
const STANDARD_BED_CHANNELS: [u8; 10] = [2, 1, 1, 2, 2, 2, 2, 2, 2, 1];

/// A standard `bed_channel_assignment_mask` as its non-standard equivalent.
fn standard_to_nonstandard(mask: u16) -> u32 {
    let mut out = 0u32;
    let mut j = 0;
    for (i, &n) in STANDARD_BED_CHANNELS.iter().enumerate() {
        if mask & (1 << i) != 0 {
            out |= 1 << j;
            j += 1;
            if n > 1 {
                out |= 1 << j;
                j += 1;
            }
        } else {
            j += u32::from(n);
        }
    }
    out
}

/// Channel names by bit of a non-standard bed channel assignment mask.
const BED_CHANNELS: [&str; 17] = [
    "L", "R", "C", "LFE", "Ls", "Rs", "Lrs", "Rrs", "Lvh", "Rvh", "Lts", "Rts", "Lrh", "Rrh", "Lw",
    "Rw", "LFE2",
];

/// MediaInfo's listing order: the wide pair right after the rear surrounds.
const BED_ORDER: [usize; 17] = [0, 1, 2, 3, 4, 5, 6, 7, 14, 15, 8, 9, 10, 11, 12, 13, 16];

/// The bed's channel layout ("L R C LFE Ls Rs").
pub fn bed_layout(mask: u32) -> String {
    BED_ORDER
        .iter()
        .filter(|&&bit| mask & (1 << bit) != 0)
        .map(|&bit| BED_CHANNELS[bit])
        .collect::<Vec<_>>()
        .join(" ")
}

/// A container with a JOC payload (10 objects) and an OAMD payload (a 5.1 bed and 10 dynamic
/// objects), for tests and fuzzing seeds.
pub const SAMPLE: [u8; 21] = [
    0x58, 0x38, 0x00, 0x0E, 0x03, 0x82, 0x04, 0x04, 0x80, 0x58, 0x41, 0x02, 0x4A, 0x20, 0x7A, 0x40,
    0x40, 0x00, 0x00, 0x00, 0x00,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_joc_and_object_metadata() {
        assert_eq!(find(&SAMPLE), Some(0));
        let e = parse(&SAMPLE, 0);
        assert_eq!(e.joc_objects, Some(10));
        assert_eq!(e.dynamic_objects, Some(10));
        assert_eq!(
            e.bed_mask.map(bed_layout).as_deref(),
            Some("L R C LFE Ls Rs")
        );
        // Shifted by three bits, it is found at bit 3.
        let mut shifted = Vec::new();
        let mut carry = 0u8;
        for &b in &SAMPLE {
            shifted.push(carry | (b >> 3));
            carry = b << 5;
        }
        assert_eq!(find(&shifted), Some(3));
        assert_eq!(parse(&shifted, 3), e);
    }

    #[test]
    fn bed_masks() {
        // L/R pair, C, LFE, Ls/Rs pair in the standard mask: bits 0, 1, 2, 3.
        let mask = standard_to_nonstandard(0b1111);
        assert_eq!(bed_layout(mask), "L R C LFE Ls Rs");
        assert_eq!(bed_layout(1 << 3), "LFE");
        assert_eq!(bed_layout((1 << 14) | (1 << 8) | 1), "L Lw Lvh");
    }

    #[test]
    fn finds_nothing_in_noise() {
        assert_eq!(find(&[0u8; 64]), None);
        assert_eq!(find(&[0x58, 0x38, 0xFF, 0xFF]), None);
        let e = parse(&[0x58, 0x38], 0);
        assert_eq!(e, Emdf::default());
    }
}
