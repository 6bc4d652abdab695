//! Dolby Vision: the decoder configuration record (`dvcC`/`dvvC` in MP4, the same bytes in
//! Matroska's BlockAdditionMapping).

/// The configuration record's fields.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DolbyVisionConfig {
    pub version_major: u8,
    /// The fields below are read only for the versions MediaInfo knows (1 to 3); they are 0
    /// otherwise.
    pub version_minor: u8,
    pub profile: u8,
    pub level: u8,
    pub rpu_present: bool,
    pub el_present: bool,
    pub bl_present: bool,
    /// `dv_bl_signal_compatibility_id` (0: none signalled).
    pub compatibility_id: u8,
    pub md_compression: u8,
}

impl DolbyVisionConfig {
    /// Whether the version is one whose layout is known (MediaInfo reads the rest only then).
    pub fn is_known_version(&self) -> bool {
        (1..=3).contains(&self.version_major)
    }

    /// Parses a record; `None` when it is cut before the profile and layer flags.
    pub fn parse(data: &[u8]) -> Option<DolbyVisionConfig> {
        let (&version_major, rest) = data.split_first()?;
        let mut c = DolbyVisionConfig {
            version_major,
            ..Default::default()
        };
        if !c.is_known_version() {
            return Some(c);
        }
        let (&version_minor, rest) = rest.split_first()?;
        c.version_minor = version_minor;
        let mut r = crate::bits::BitReader::new(rest);
        c.profile = r.u8(7)?;
        c.level = r.u8(6)?;
        c.rpu_present = r.bit()?;
        c.el_present = r.bit()?;
        c.bl_present = r.bit()?;
        // The compatibility ID is read whatever the version (seen in version 1 records too).
        if r.remaining() > 0 {
            c.compatibility_id = r.u8(4)?;
            c.md_compression = r.u8(2)?;
        }
        Some(c)
    }
}

#[cfg(test)]
mod tests {
    use super::DolbyVisionConfig;

    #[test]
    fn parses_profile_8_1() {
        // dvvC of fate-suite dovi-p81.mp4: version 1.0, profile 8, level 4, BL+RPU, HDR10.
        let c = DolbyVisionConfig::parse(&[1, 0, 0x10, 0x25, 0x10, 0, 0, 0]).unwrap();
        assert_eq!((c.profile, c.level, c.compatibility_id), (8, 4, 1));
        assert!(c.rpu_present && !c.el_present && c.bl_present);
        assert_eq!(DolbyVisionConfig::parse(&[1, 0, 0x10]), None);
        assert_eq!(DolbyVisionConfig::parse(&[7]).unwrap().version_major, 7);
    }
}
