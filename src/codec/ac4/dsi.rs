//! The MP4 `dac4` box payload (`ac4_dsi_v1`, ETSI TS 103 190-2 annex E) as File_Ac4 reads it:
//! the stream head, then each presentation's `ac4_presentation_v1_dsi` with its substream
//! groups (each presentation gets groups of its own).

use super::{Bits, Group, GroupSubstream, Presentation, SubstreamType, channel_mask_channels};

/// Presentations read at most (a count has 9 bits; each needs at least two bytes anyway).
const MAX_PRESENTATIONS: usize = 512;

/// The decoder specific information of an AC-4 track.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ac4Dsi {
    pub bitstream_version: u8,
    /// 0: 44.1 kHz, 1: 48 kHz.
    pub fs_index: u8,
    pub frame_rate_index: u8,
    pub n_presentations: u16,
    pub presentations: Vec<Presentation>,
    pub groups: Vec<Group>,
}

impl Ac4Dsi {
    /// Parses a `dac4` payload. `None` for a DSI version or bitstream version MediaInfo does
    /// not read (above 1 and 2) or a box too short for its head.
    pub fn parse(data: &[u8]) -> Option<Ac4Dsi> {
        let mut r = Bits::new(data);
        if r.u8(3) > 1 {
            return None;
        }
        let bitstream_version = r.u8(7);
        if bitstream_version > 2 {
            return None;
        }
        let fs_index = r.u8(1);
        let frame_rate_index = r.u8(4);
        let n_presentations = r.get(9) as u16;
        if r.overrun() {
            return None;
        }
        if bitstream_version > 1 && r.flag() {
            r.skip(16); // short_program_id
            if r.flag() {
                r.skip(128); // program_uuid
            }
        }
        bitrate_dsi(&mut r);
        r.align();
        let mut at = r.position() / 8;
        let mut dsi = Ac4Dsi {
            bitstream_version,
            fs_index,
            frame_rate_index,
            n_presentations,
            presentations: Vec::new(),
            groups: Vec::new(),
        };
        for _ in 0..usize::from(n_presentations).min(MAX_PRESENTATIONS) {
            let mut p = Presentation::default();
            if let Some(&version) = data.get(at) {
                p.version = version;
                let mut bytes = usize::from(data.get(at + 1).copied().unwrap_or(0));
                at += 2;
                if bytes == 0xFF {
                    let add = data
                        .get(at..at + 2)
                        .map_or(0, |b| u16::from_be_bytes([b[0], b[1]]));
                    bytes += usize::from(add);
                    at += 2;
                }
                let body = data
                    .get(at.min(data.len())..(at + bytes).min(data.len()))
                    .unwrap_or(&[]);
                if matches!(version, 1 | 2) {
                    presentation_v1(&mut Bits::new(body), &mut p, &mut dsi.groups);
                }
                at += bytes;
            }
            dsi.presentations.push(p);
        }
        super::compute(&mut dsi.presentations, &dsi.groups, true);
        Some(dsi)
    }

    /// The sampling rate in Hz.
    pub fn sampling_rate(&self) -> u32 {
        if self.fs_index == 1 { 48_000 } else { 44_100 }
    }

    /// The frame rate in frames per second (0 when reserved).
    pub fn frame_rate(&self) -> f64 {
        super::frame_rate(self.fs_index, self.frame_rate_index)
    }
}

/// `ac4_bitrate_dsi`: mode, rate and precision, not reported.
fn bitrate_dsi(r: &mut Bits) {
    r.skip(2 + 32 + 32);
}

/// `ac4_presentation_v1_dsi`.
fn presentation_v1(r: &mut Bits, p: &mut Presentation, groups: &mut Vec<Group>) {
    let config = r.u8(5);
    let mut add_emdf = config == 6;
    if !add_emdf {
        p.config = (config != 0x1F).then_some(config);
        r.skip(3); // mdcompat
        if r.flag() {
            p.id = Some(r.get(5));
        }
        r.skip(2 + 2 + 5 + 10); // frame rate multiply / fraction, emdf version, key id
        if r.flag() {
            // b_presentation_channel_coded
            let mode = r.u8(5);
            p.ch_mode = Some(mode);
            if (11..=14).contains(&mode) {
                p.b_4_back_channels_present = r.flag();
                p.top_channel_pairs = r.u8(2);
            }
            r.skip(24); // presentation_channel_mask_v1
        }
        if r.flag() && r.flag() {
            // b_presentation_core_differs, b_presentation_core_channel_coded
            p.ch_mode_core = Some(r.u8(2));
        }
        if r.flag() {
            // b_presentation_filter
            r.skip(1);
            let n = r.get(8) as usize;
            r.skip(n * 8);
        }
        match p.config {
            None => substream_group(r, p, groups),
            Some(c) => {
                p.multi_pid = Some(r.flag());
                let n = match c {
                    0..=2 => 2,
                    3 | 4 => 3,
                    5 => usize::from(r.u8(3)) + 2,
                    _ => 0,
                };
                for _ in 0..n {
                    substream_group(r, p, groups);
                }
                if c > 5 {
                    let n = r.get(7) as usize;
                    r.skip(n * 8);
                }
            }
        }
        r.skip(1); // b_pre_virtualized
        add_emdf = r.flag();
    }
    if add_emdf {
        let n = r.get(7) as usize;
        r.skip(n * 15);
    }
    if r.flag() {
        bitrate_dsi(r);
    }
    if r.flag() {
        // b_alternative: alternative_info (File_Ac4 reads name_len targets).
        r.align();
        let name_len = r.get(16) as usize;
        r.skip(name_len * 8);
        r.skip(5);
        r.skip(name_len * 11);
    }
}

/// `ac4_substream_group_dsi`: appends a group and refers the presentation to it.
fn substream_group(r: &mut Bits, p: &mut Presentation, groups: &mut Vec<Group>) {
    p.groups.push(groups.len());
    let mut g = Group::default();
    r.skip(1); // b_substreams_present
    g.hsf_ext = r.flag();
    g.channel_coded = r.flag();
    let n = r.get(8);
    for _ in 0..n {
        let mut s = GroupSubstream {
            kind: SubstreamType::Audio,
            ..Default::default()
        };
        r.skip(2); // dsi_sf_multiplier
        if r.flag() {
            r.skip(5); // substream_bitrate_indicator
        }
        if g.channel_coded {
            let _channels = channel_mask_channels(r.get(24));
        } else {
            s.ajoc = r.flag();
            if s.ajoc {
                s.static_dmx = r.flag();
                if !s.static_dmx {
                    s.n_fullband_dmx_signals = r.u8(4) + 1;
                }
                s.n_fullband_upmix_signals = r.u8(6) + 1;
            }
            r.skip(4); // bed / dynamic / ISF objects, reserved
        }
        g.substreams.push(s);
        if r.overrun() {
            break;
        }
    }
    if r.flag() {
        g.classifier = Some(r.u8(3));
        if r.flag() {
            let n = r.u8(6);
            g.language = (0..n).map(|_| language_char(r.u8(8))).collect();
        }
    }
    groups.push(g);
}

/// A language tag byte as File_Ac4 keeps it: ASCII, anything else as `?`.
pub(crate) fn language_char(b: u8) -> char {
    if b < 0x80 { char::from(b) } else { '?' }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_dsi_head() {
        // dsi version 1, bitstream version 2, 48 kHz, 25 fps, 1 presentation.
        // 001 0000010 1 0010 000000001 → 0010 0000 1010 0100 0000 0001
        let d = Ac4Dsi::parse(&[0x20, 0xA4, 0x01]).unwrap();
        assert_eq!(
            (
                d.bitstream_version,
                d.fs_index,
                d.frame_rate_index,
                d.n_presentations
            ),
            (2, 1, 2, 1)
        );
        assert_eq!((d.sampling_rate(), d.frame_rate()), (48_000, 25.0));
        assert_eq!(d.presentations.len(), 1);
        assert_eq!(Ac4Dsi::parse(&[0x40]), None);
    }

    #[test]
    fn reads_presentations_and_groups() {
        // shaka-player's audio-ac-4.mp4: one 7.1.4 presentation, one English main group.
        let data = [
            0x20, 0xa4, 0x01, 0x40, 0x00, 0x00, 0x30, 0x1f, 0xff, 0xff, 0xff, 0xe0, 0x01, 0x13,
            0xfa, 0x80, 0x00, 0x00, 0x58, 0x80, 0x00, 0x1d, 0xfd, 0x40, 0x40, 0x00, 0x03, 0xbc,
            0x42, 0x65, 0x6e, 0x00, 0xc0,
        ];
        let d = Ac4Dsi::parse(&data).unwrap();
        let p = &d.presentations[0];
        assert_eq!(
            (p.version, p.config, p.id, p.ch_mode),
            (1, None, Some(0), Some(12))
        );
        assert_eq!(p.groups, vec![0]);
        assert_eq!(p.language, "en");
        let g = &d.groups[0];
        assert_eq!(
            (g.classifier, g.channel_coded, g.substreams.len()),
            (Some(0), true, 1)
        );
    }
}
