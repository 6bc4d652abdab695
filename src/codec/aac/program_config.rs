//! `program_config_element()` (ISO/IEC 14496-3 4.4.1.1): the channel elements of a program,
//! used when `channelConfiguration` is 0, and MediaInfo's channel strings derived from it.

use crate::bits::BitReader;

/// One front/side/back channel element of a PCE.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PceElement {
    /// Channel pair element (2 channels) rather than a single channel element.
    pub is_cpe: bool,
    pub tag_select: u8,
}

/// A parsed `program_config_element`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProgramConfigElement {
    pub element_instance_tag: u8,
    /// `object_type` + 1, i.e. an audio object type (1 = Main, 2 = LC…).
    pub object_type: u8,
    pub sampling_frequency_index: u8,
    pub front: Vec<PceElement>,
    pub side: Vec<PceElement>,
    pub back: Vec<PceElement>,
    pub lfe_tags: Vec<u8>,
    pub assoc_data_tags: Vec<u8>,
    /// `(cc_element_is_ind_sw, tag_select)` per valid coupling channel element.
    pub cc_elements: Vec<(bool, u8)>,
    pub mono_mixdown_element: Option<u8>,
    pub stereo_mixdown_element: Option<u8>,
    /// `(matrix_mixdown_idx, pseudo_surround_enable)`.
    pub matrix_mixdown: Option<(u8, bool)>,
    /// The comment field, decoded as UTF-8 (lossy).
    pub comment: String,
}

impl ProgramConfigElement {
    /// Parses a PCE at the reader's position. The byte alignment before the comment is
    /// relative to the start of the reader's data (the AudioSpecificConfig or the frame).
    pub fn parse(r: &mut BitReader) -> Option<Self> {
        let mut pce = Self::parse_bits(r)?;
        pce.read_comment(r)?;
        Some(pce)
    }

    /// Parses the bit-packed part of a PCE, up to and including the byte alignment before
    /// the comment (MediaInfo leaves its bit reader there and reads the comment as bytes).
    pub fn parse_bits(r: &mut BitReader) -> Option<Self> {
        let mut pce = ProgramConfigElement {
            element_instance_tag: r.u8(4)?,
            object_type: r.u8(2)? + 1,
            sampling_frequency_index: r.u8(4)?,
            ..Default::default()
        };
        let num_front = r.u8(4)?;
        let num_side = r.u8(4)?;
        let num_back = r.u8(4)?;
        let num_lfe = r.u8(2)?;
        let num_assoc = r.u8(3)?;
        let num_cc = r.u8(4)?;
        if r.bit()? {
            pce.mono_mixdown_element = Some(r.u8(4)?);
        }
        if r.bit()? {
            pce.stereo_mixdown_element = Some(r.u8(4)?);
        }
        if r.bit()? {
            pce.matrix_mixdown = Some((r.u8(2)?, r.bit()?));
        }
        let element = |r: &mut BitReader| -> Option<PceElement> {
            Some(PceElement {
                is_cpe: r.bit()?,
                tag_select: r.u8(4)?,
            })
        };
        for _ in 0..num_front {
            pce.front.push(element(r)?);
        }
        for _ in 0..num_side {
            pce.side.push(element(r)?);
        }
        for _ in 0..num_back {
            pce.back.push(element(r)?);
        }
        for _ in 0..num_lfe {
            pce.lfe_tags.push(r.u8(4)?);
        }
        for _ in 0..num_assoc {
            pce.assoc_data_tags.push(r.u8(4)?);
        }
        for _ in 0..num_cc {
            pce.cc_elements.push((r.bit()?, r.u8(4)?));
        }
        r.align();
        Some(pce)
    }

    /// Reads the byte-aligned comment that ends a PCE.
    pub fn read_comment(&mut self, r: &mut BitReader) -> Option<()> {
        let comment_bytes = r.u8(8)?;
        let mut comment = Vec::with_capacity(usize::from(comment_bytes));
        for _ in 0..comment_bytes {
            comment.push(r.u8(8)?);
        }
        self.comment = String::from_utf8_lossy(&comment).into_owned();
        Some(())
    }

    /// Channels carried by the front, side, back and LFE elements.
    pub fn channel_count(&self) -> u32 {
        let count = |v: &[PceElement]| v.iter().map(|e| if e.is_cpe { 2 } else { 1 }).sum::<u32>();
        count(&self.front) + count(&self.side) + count(&self.back) + self.lfe_tags.len() as u32
    }

    /// MediaInfo's channel description of this PCE.
    pub fn channel_layout(&self) -> PceChannels {
        PceChannels::from_pce(self)
    }
}

/// MediaInfo's reading of a PCE's channels: counts and the three strings it reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PceChannels {
    pub channels: u32,
    /// `ChannelPositions`, e.g. "Front: L C R, Side: L R, LFE".
    pub positions: String,
    /// `ChannelPositions/String2`, e.g. "3/2/0.1".
    pub positions2: String,
    /// `ChannelLayout`, e.g. "C L R Ls Rs LFE".
    pub layout: String,
}

impl PceChannels {
    fn from_pce(pce: &ProgramConfigElement) -> Self {
        let width = |e: &PceElement| if e.is_cpe { 2u32 } else { 1 };
        let mut side: Vec<PceElement> = pce.side.clone();
        let mut back: Vec<PceElement> = pce.back.clone();
        // MediaInfo treats the first back element as a side element when no side element
        // exists and there are one or two back elements (usual 5.1 / 7.1 signalling).
        if side.is_empty() && !back.is_empty() && back.len() < 3 {
            side.push(back.remove(0));
        }
        let front_ch: u32 = pce.front.iter().map(width).sum();
        let side_ch: u32 = side.iter().map(width).sum();
        let back_ch: u32 = back.iter().map(width).sum();
        let lfe_ch = pce.lfe_tags.len() as u32;
        let first_front_is_cpe = pce.front.first().is_some_and(|e| e.is_cpe);
        let unknown = |n: u32| "? ".repeat(n as usize);

        let mut positions = String::new();
        let mut layout = String::new();
        match front_ch {
            0 => {}
            1 => {
                positions.push_str("Front: C");
                layout.push_str("C ");
            }
            2 => {
                positions.push_str("Front: L R");
                layout.push_str("L R ");
            }
            3 => {
                positions.push_str("Front: L C R");
                layout.push_str(match (pce.front.len(), first_front_is_cpe) {
                    (2, true) => "L R C ",
                    (2, false) => "C L R ",
                    _ => "? ? ? ",
                });
            }
            5 => {
                positions.push_str("Front: L Lc C Rc R");
                layout.push_str(match (pce.front.len(), first_front_is_cpe) {
                    (3, true) => "Lc Rc C L R ",
                    (3, false) => "C Lc Rc L R ",
                    _ => "? ? ? ? ? ",
                });
            }
            n => {
                // MediaInfo prints the side channel count here.
                positions.push_str(&format!("Front:{side_ch}"));
                layout.push_str(&unknown(n));
            }
        }
        match side_ch {
            0 => {}
            1 => {
                positions.push_str(", Side: C");
                layout.push_str("Cs ");
            }
            2 => {
                positions.push_str(", Side: L R");
                layout.push_str("Ls Rs ");
            }
            3 => {
                positions.push_str(", Side: L C R");
                layout.push_str("? ? ? ");
            }
            n => {
                positions.push_str(&format!(", Side: {n}"));
                layout.push_str(&unknown(n));
            }
        }
        match back_ch {
            0 => {}
            1 => {
                positions.push_str(", Back: C");
                layout.push_str("Cs ");
            }
            2 => {
                positions.push_str(", Back: L R");
                layout.push_str("Lrs Rrs ");
            }
            3 => {
                positions.push_str(", Back: L C R");
                layout.push_str("Lrs Rrs Cs ");
            }
            n => {
                positions.push_str(&format!(", Back: {n}"));
                layout.push_str(&unknown(n));
            }
        }
        match lfe_ch {
            0 => {}
            1 => {
                positions.push_str(", LFE");
                layout.push_str("LFE ");
            }
            2 => {
                positions.push_str(", LFE LFE2");
                // No trailing space here, so MediaInfo's final trim eats the "2".
                layout.push_str("LFE LFE2");
            }
            n => {
                positions.push_str(&format!(", LFE: {n}"));
                layout.push_str("LFE ");
                layout.push_str(&unknown(n - 1));
            }
        }
        layout.pop();
        let positions2 = format!(
            "{front_ch}/{side_ch}/{back_ch}{}",
            if lfe_ch > 0 { ".1" } else { "" }
        );
        PceChannels {
            channels: front_ch + side_ch + back_ch + lfe_ch,
            positions,
            positions2,
            layout,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 5.1 PCE: front SCE + CPE, back CPE, one LFE (as written by common encoders).
    fn pce_5_1() -> ProgramConfigElement {
        ProgramConfigElement {
            object_type: 2,
            sampling_frequency_index: 3,
            front: vec![
                PceElement {
                    is_cpe: false,
                    tag_select: 0,
                },
                PceElement {
                    is_cpe: true,
                    tag_select: 0,
                },
            ],
            back: vec![PceElement {
                is_cpe: true,
                tag_select: 1,
            }],
            lfe_tags: vec![0],
            ..Default::default()
        }
    }

    #[test]
    fn five_one_strings() {
        let c = pce_5_1().channel_layout();
        assert_eq!(c.channels, 6);
        assert_eq!(c.positions, "Front: L C R, Side: L R, LFE");
        assert_eq!(c.positions2, "3/2/0.1");
        assert_eq!(c.layout, "C L R Ls Rs LFE");
    }

    #[test]
    fn parses_bits_and_comment() {
        // tag 0, object LC(1), sfi 3, 2 front, 0 side, 1 back, 1 lfe, 0 assoc, 0 cc,
        // no mixdowns, front SCE#0, CPE#0, back CPE#1, lfe#0, align, comment "A".
        let fields: &[(u32, u32)] = &[
            (0, 4),
            (1, 2),
            (3, 4),
            (2, 4),
            (0, 4),
            (1, 4),
            (1, 2),
            (0, 3),
            (0, 4),
            (0, 1),
            (0, 1),
            (0, 1),
            (0, 1),
            (0, 4),
            (1, 1),
            (0, 4),
            (1, 1),
            (1, 4),
            (0, 4),
        ];
        let mut w = crate::bits::pack_bits(fields.iter().copied());
        w.extend_from_slice(&[1, b'A']);
        let pce = ProgramConfigElement::parse(&mut BitReader::new(&w)).unwrap();
        assert_eq!(pce.channel_count(), 6);
        assert_eq!(pce.comment, "A");
        assert_eq!(pce.channel_layout(), pce_5_1().channel_layout());
    }

    #[test]
    fn truncated_is_none() {
        assert!(ProgramConfigElement::parse(&mut BitReader::new(&[0x12])).is_none());
    }
}
