//! The metadata File_Ac4 reads from the substreams of a frame (ETSI TS 103 190-2 §6.2.2
//! and §4.2.14): each audio substream's `metadata()` up to its dialogue enhancement
//! configuration, and each presentation substream's loudness and DRC. What follows in a
//! presentation substream (group gains, custom downmix, loudness correction) is not read.

use super::{Bits, Drc, DrcCurve, DrcDecoder, Group, GroupSubstream, Loudness, Presentation};

/// What an audio substream's metadata says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    pub loudness: Loudness,
    pub drc: Drc,
    /// `b_dialog` (from the content type or the substream).
    pub dialog: bool,
    pub dialog_max_gain: Option<u8>,
    /// `b_de_data_present`, with the configuration read.
    pub de_present: bool,
    pub de_max_gain: Option<u8>,
    pub de_channel_config: Option<u8>,
}

impl Metadata {
    /// Dialogue enhancement as File_Ac4 reports it: whether present, its maximum gain code
    /// and its channel configuration (from the substream's dialogue flags first).
    pub fn dialogue_enhancement(&self) -> Option<(Option<u8>, Option<u8>)> {
        if self.dialog {
            Some((self.dialog_max_gain, None))
        } else if self.de_present {
            Some((self.de_max_gain, self.de_channel_config))
        } else {
            None
        }
    }
}

/// Whether a channel mode has an LFE, a centre, L/R, Ls/Rs, Lrs/Rrs, Lw/Rw, Vhl/Vhr.
fn has_lfe(m: u8) -> bool {
    matches!(m, 4 | 6 | 8 | 10 | 12 | 14 | 15)
}

/// Reads an audio substream (`ac4_substream`) into `meta`: the audio is skipped by its size,
/// then `metadata()`.
pub(crate) fn audio_substream(
    meta: &mut Metadata,
    group: &Group,
    s: &GroupSubstream,
    iframe: bool,
    data: &[u8],
) {
    let mut r = Bits::new(data);
    let mut audio_size = r.get(15) as usize;
    if r.flag() {
        audio_size = audio_size.wrapping_add((r.variable(7) as usize).wrapping_shl(15));
    }
    r.skip(audio_size.saturating_mul(8));
    // Object substreams are read with the channel mode of their object count.
    let ch_mode = if group.channel_coded || s.ajoc {
        s.ch_mode
    } else {
        match s.n_objects_code {
            Some(c @ 1..=4) => {
                let m = c - 1;
                Some(if m == 3 && s.lfe { 4 } else { m })
            }
            _ => None,
        }
    };
    let classifier = group.classifier;
    let associated = classifier.is_some_and(|c| c > 1);
    meta.dialog = classifier == Some(4);
    basic_metadata(&mut r, &mut meta.loudness, ch_mode, s.sus_ver);
    extended_metadata(&mut r, meta, associated, ch_mode, s.sus_ver);
    // tools_metadata
    r.skip(7);
    if r.flag() {
        r.variable(3);
    }
    if !s.sus_ver {
        drc_frame(&mut r, &mut meta.drc, iframe);
    }
    // dialog_enhancement, as far as its configuration.
    meta.de_present = r.flag();
    if meta.de_present {
        let config = iframe || r.flag();
        if config {
            r.skip(2); // de_method
            meta.de_max_gain = Some(r.u8(2));
            meta.de_channel_config = Some(r.u8(3));
        }
    }
}

/// `basic_metadata`: loudness, and the mixing information it holds skipped.
fn basic_metadata(r: &mut Bits, l: &mut Loudness, ch_mode: Option<u8>, sus_ver: bool) {
    if !sus_ver {
        l.dialnorm_bits = Some(r.u8(7));
    }
    if !r.flag() {
        return; // b_more_basic_metadata
    }
    if !sus_ver {
        if r.flag() {
            further_loudness_info(r, l, sus_ver, false);
        }
    } else if r.flag() {
        r.skip(8); // substream_loudness_bits
        if r.flag() {
            further_loudness_info(r, l, sus_ver, false);
        }
    }
    match ch_mode {
        Some(1) => {
            let b_prev_dmx_info = r.flag();
            if b_prev_dmx_info {
                r.skip(3 + 2); // pre_dmixtyp_2ch, phase90_info_2ch
            }
        }
        Some(m) if m > 1 => {
            if !sus_ver && r.flag() {
                // b_stereo_dmx_coeff
                r.skip(6);
                if r.flag() {
                    r.skip(5);
                }
                if r.flag() {
                    r.skip(6);
                }
                if r.flag() {
                    r.skip(5);
                }
                if has_lfe(m) && r.flag() {
                    r.skip(5);
                }
                r.skip(2); // preferred_dmx_method
            }
            if matches!(m, 3 | 4) {
                if r.flag() {
                    r.skip(3);
                }
                if r.flag() {
                    r.skip(4);
                }
            }
            if (5..=10).contains(&m) && r.flag() {
                match m {
                    5 | 6 => r.skip(2),
                    9 | 10 => r.skip(1),
                    _ => {}
                }
            }
            r.skip(2 + 1 + 1); // phase90_info_mc, surround and LFE attenuation known
        }
        _ => {}
    }
    if r.flag() {
        r.skip(1); // dc_block_on
    }
}

/// `extended_metadata`: the dialogue flags, the rest skipped.
fn extended_metadata(
    r: &mut Bits,
    meta: &mut Metadata,
    associated: bool,
    ch_mode: Option<u8>,
    sus_ver: bool,
) {
    let m = ch_mode.unwrap_or(0xFF);
    if sus_ver {
        meta.dialog = r.flag();
    } else if associated {
        for _ in 0..3 {
            if r.flag() {
                r.skip(8); // scale_main, scale_main_centre, scale_main_front
            }
        }
        if m == 0 {
            r.skip(8); // pan_associated
        }
    }
    if meta.dialog {
        if r.flag() {
            meta.dialog_max_gain = Some(r.u8(2));
        }
        if r.flag() {
            r.skip(if m == 0 { 8 } else { 8 + 8 + 2 });
        }
    }
    if r.flag() {
        // b_channels_classifier
        if (m == 0 || (2..=15).contains(&m)) && r.flag() {
            r.skip(1); // b_c_active, b_c_has_dialog
        }
        if (1..=15).contains(&m) {
            for _ in 0..2 {
                if r.flag() {
                    r.skip(1);
                }
            }
        }
        if (3..=15).contains(&m) {
            r.skip(2);
        }
        if matches!(m, 5 | 6 | 11..=15) {
            r.skip(2);
        }
        if matches!(m, 7 | 8 | 15) {
            r.skip(2);
        }
        if matches!(m, 9 | 10) {
            r.skip(2);
        }
        if has_lfe(m) {
            r.skip(1);
        }
    }
    if r.flag() {
        r.skip(4); // event_probability
    }
}

/// `further_loudness_info`.
fn further_loudness_info(r: &mut Bits, l: &mut Loudness, sus_ver: bool, presentation: bool) {
    let full = presentation || !sus_ver;
    if full {
        if r.u8(2) == 3 {
            r.skip(4); // extended_loudness_version
        }
        let prac = r.u8(4);
        l.loud_prac_type = Some(prac);
        if prac != 0 {
            if r.flag() {
                l.loud_dialgate_prac_type = Some(r.u8(3));
            }
            l.b_loudcorr_type = r.flag();
        }
    } else {
        r.skip(1); // b_loudcorr_dialgate
    }
    if r.flag() {
        l.loudrelgat = Some(r.get(11) as u16);
    }
    if r.flag() {
        l.loudspchgat = Some(r.get(11) as u16);
        l.loudspchgat_dialgate_prac_type = r.u8(3);
    }
    for _ in 0..3 {
        if r.flag() {
            r.skip(11); // loudstrm3s, max_loudstrm3s, truepk
        }
    }
    if r.flag() {
        l.max_truepk = Some(r.get(11) as u16);
    }
    if full && r.flag() {
        // b_prgmbndy
        while !r.flag() && !r.overrun() {}
        r.skip(1); // b_end_or_start
        if r.flag() {
            r.skip(11);
        }
    }
    if r.flag() {
        l.lra = Some(r.get(10) as u16);
        l.lra_prac_type = r.u8(3);
    }
    if r.flag() {
        r.skip(11); // loudmntry
    }
    if r.flag() {
        l.max_loudmntry = Some(r.get(11) as u16);
    }
    if sus_ver && r.flag() {
        r.skip(8); // rtllcomp
    }
    if r.flag() {
        // b_extension
        let mut size = r.u8(5);
        if size == 31 {
            size = (r.variable(4).wrapping_add(31)) as u8;
        }
        if !sus_ver {
            size = size.wrapping_sub(1);
            if r.flag() {
                size = size.wrapping_sub(8);
                r.skip(8);
            }
        }
        r.skip(usize::from(size));
    }
}

/// `drc_frame`.
fn drc_frame(r: &mut Bits, d: &mut Drc, iframe: bool) {
    if !r.flag() {
        return;
    }
    if iframe {
        drc_config(r, d);
    }
    // drc_data
    let mut curve = false;
    for dec in &d.decoders {
        if dec.curve_flag {
            curve = true;
            continue;
        }
        let mut size = r.get(6) as u16;
        if r.flag() {
            size = size.wrapping_add((r.variable(2) as u16).wrapping_shl(6));
        }
        let version = r.u8(2);
        let mut used = 0usize;
        if version <= 1 {
            r.skip(7); // drc_gain_val
            used = 7;
        }
        if version >= 1 {
            // File_Ac4 skips the rest of the gain set (past the end when it does not fit).
            let rest = usize::from(size)
                .checked_sub(2 + used)
                .unwrap_or(usize::MAX);
            r.skip(rest);
        }
    }
    if curve {
        r.skip(1 + 2); // drc_reset_flag, drc_reserved
    }
}

/// `drc_config`: the decoder modes (a repeated one copies its source's settings).
fn drc_config(r: &mut Bits, d: &mut Drc) {
    let n = usize::from(r.u8(3)) + 1;
    d.decoders.clear();
    for _ in 0..n {
        d.decoders.push(drc_decoder_mode(r));
    }
    for i in 0..n {
        let Some(repeat) = d.decoders[i].repeat_id else {
            continue;
        };
        if let Some(j) = (0..n).find(|&j| j != i && d.decoders[j].mode_id == repeat) {
            let mode_id = d.decoders[i].mode_id;
            d.decoders[i] = d.decoders[j].clone();
            d.decoders[i].mode_id = mode_id;
            d.decoders[i].curve_flag = true;
        }
    }
    d.eac3_profile = Some(r.u8(3));
}

/// `drc_decoder_mode_config`.
fn drc_decoder_mode(r: &mut Bits) -> DrcDecoder {
    let mut d = DrcDecoder {
        mode_id: r.u8(3),
        ..Default::default()
    };
    if d.mode_id > 3 {
        r.skip(10); // drc_output_level_from, drc_output_level_to
    }
    if r.flag() {
        d.repeat_id = Some(r.u8(3));
        d.curve_flag = true;
    } else if r.flag() {
        d.default_profile = true;
        d.curve_flag = true;
    } else if r.flag() {
        d.curve_flag = true;
        d.curve = compression_curve(r);
    } else {
        d.gains_config = r.u8(2);
    }
    d
}

/// `drc_compression_curve` (fields not coded stay 0xFF).
fn compression_curve(r: &mut Bits) -> DrcCurve {
    let mut c = DrcCurve {
        nullband_low: 0xFF,
        nullband_high: 0xFF,
        gain_max_boost: 0xFF,
        gain_max_cut: 0xFF,
        lev_max_cut: 0xFF,
        gain_section_cut: 0xFF,
        lev_section_cut: 0xFF,
        tc_attack: 0xFF,
        tc_release: 0xFF,
        tc_attack_fast: 0xFF,
        tc_release_fast: 0xFF,
        attack_threshold: 0xFF,
        release_threshold: 0xFF,
    };
    c.nullband_low = r.u8(4);
    c.nullband_high = r.u8(4);
    c.gain_max_boost = r.u8(4);
    if c.gain_max_boost != 0 {
        r.skip(5);
        if r.flag() {
            r.skip(4 + 5);
        }
    }
    c.gain_max_cut = r.u8(5);
    if c.gain_max_cut != 0 {
        c.lev_max_cut = r.u8(6);
        if r.flag() {
            c.gain_section_cut = r.u8(5);
            c.lev_section_cut = r.u8(5);
        }
    }
    if !r.flag() {
        c.tc_attack = r.u8(8);
        c.tc_release = r.u8(8);
        c.tc_attack_fast = r.u8(8);
        c.tc_release_fast = r.u8(8);
        if r.flag() {
            c.attack_threshold = r.u8(5);
            c.release_threshold = r.u8(5);
        }
    }
    c
}

/// Reads a presentation substream (`ac4_presentation_substream`) into `p`: dialogue
/// normalization, loudness and DRC.
pub(crate) fn presentation_substream(p: &mut Presentation, data: &[u8]) {
    let mut r = Bits::new(data);
    if p.alternative {
        let mut name_len = 32usize;
        if r.flag() && r.flag() {
            name_len = usize::from(r.u8(5));
        }
        r.skip(name_len * 8);
        let mut n = r.u8(2) + 1;
        if n == 4 {
            n = n.wrapping_add(r.variable(2) as u8);
        }
        for _ in 0..n {
            r.skip(3 + 4);
            for bits in [4, 6, 5] {
                if r.flag() {
                    r.skip(bits);
                }
            }
            for _ in 0..p.n_substreams {
                if r.flag() && r.flag() {
                    r.variable(2);
                }
            }
            if r.overrun() {
                break;
            }
        }
    }
    if r.flag() {
        // b_additional_data
        let mut n = usize::from(r.u8(4)) + 1;
        if n == 16 {
            n = n.wrapping_add(r.variable(2) as usize) & 0xFF;
        }
        r.align();
        r.flag(); // dolby_atmos_indicator (reported by File_Ac4 only as a flag it never sets)
        r.skip((n * 8).saturating_sub(1));
    }
    p.loudness.dialnorm_bits = Some(r.u8(7));
    if r.flag() {
        further_loudness_info(&mut r, &mut p.loudness, true, true);
    }
    r.skip(5); // drc_metadata_size_value
    if r.flag() {
        r.variable(3);
    }
    drc_frame(&mut r, &mut p.drc, p.pres_ndot);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presentation_loudness_and_drc() {
        // dialnorm 92 (-23 dB), no further loudness, DRC size 0, b_drc_present, one mode
        // (Home theater AVR) with the default profile, E-AC-3 profile 1.
        let bits = [
            "0", "1011100", "0", "00000", "0", "1", "000", "000", "0", "1", "001",
        ]
        .concat();
        let mut data = vec![0u8; 8];
        for (i, b) in bits.bytes().enumerate() {
            if b == b'1' {
                data[i / 8] |= 0x80 >> (i % 8);
            }
        }
        let mut p = Presentation {
            pres_ndot: true,
            ..Default::default()
        };
        presentation_substream(&mut p, &data);
        assert_eq!(p.loudness.dialnorm_bits, Some(92));
        assert_eq!(p.drc.eac3_profile, Some(1));
        assert_eq!(p.drc.decoders.len(), 1);
        assert!(p.drc.decoders[0].default_profile);
    }
}
