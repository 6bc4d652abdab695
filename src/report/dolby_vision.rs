//! MediaInfo's HDR fields from a Dolby Vision configuration record (`File__Analyze::dvcC`).

use crate::codec::dolby_vision::DolbyVisionConfig;
use crate::report::Stream;

/// The codec family a profile's bitstream is named by (`dvhe.08`), else its 2-digit number.
fn profile_family(profile: u8) -> String {
    match profile {
        0 | 1 | 9 => "dvav".into(),
        2..=8 => "dvhe".into(),
        10 => "dav1".into(),
        20 => "dvh1".into(),
        32 => "davc".into(),
        34 => "dvh8".into(),
        p => format!("{p:02}"),
    }
}

/// Names of `dv_bl_signal_compatibility_id` values (empty: unnamed, shown as the number).
pub const COMPATIBILITY: [&str; 7] = ["", "HDR10", "SDR", "", "HLG", "", "Blu-ray"];

/// Fills the record's HDR fields into the container's video stream.
pub fn fill(s: &mut Stream, c: &DolbyVisionConfig) {
    s.set("HDR_Format", "Dolby Vision");
    if !c.is_known_version() {
        s.set("HDR_Format_Version", c.version_major.to_string());
        return;
    }
    s.set(
        "HDR_Format_Version",
        format!("{}.{}", c.version_major, c.version_minor),
    );
    s.set(
        "HDR_Format_Profile",
        format!("{}.{:02}", profile_family(c.profile), c.profile),
    );
    s.set("HDR_Format_Level", format!("{:02}", c.level));
    let layers: Vec<&str> = [
        (c.bl_present, "BL"),
        (c.el_present, "EL"),
        (c.rpu_present, "RPU"),
    ]
    .into_iter()
    .filter_map(|(present, name)| present.then_some(name))
    .collect();
    if let Some(compression) = match c.md_compression {
        0 => Some("None"),
        1 => Some("Limited"),
        3 => Some("Extended"),
        _ => None,
    } {
        s.set("HDR_Format_Compression", compression);
    }
    if !layers.is_empty() {
        s.set("HDR_Format_Settings", layers.join("+"));
    }
    if c.compatibility_id != 0 {
        let name = COMPATIBILITY
            .get(usize::from(c.compatibility_id))
            .filter(|n| !n.is_empty())
            .map_or_else(|| c.compatibility_id.to_string(), |n| n.to_string());
        s.set("HDR_Format_Compatibility", name);
    }
}
