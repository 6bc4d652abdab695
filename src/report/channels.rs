//! Channel descriptions MediaInfo builds from a WAVEFORMATEXTENSIBLE channel mask
//! (`ExtensibleWave_ChannelMask*`), and the 2018 channel names it prints in `ChannelLayout`
//! (`ChannelLayout_2018_Rename`: `BL` becomes `Lb`, `SL` `Ls`…).

/// `ChannelPositions` of a mask: `Front: L C R, Side: L R, Back: C, LFE`.
pub fn positions(mask: u32) -> String {
    let mut t = String::new();
    if mask & 0x0007 != 0 {
        t.push_str("Front:");
    }
    for (bit, name) in [(0x0001, " L"), (0x0004, " C"), (0x0002, " R")] {
        if mask & bit != 0 {
            t.push_str(name);
        }
    }
    if mask & 0x0600 != 0 {
        t.push_str(", Side:");
    }
    for (bit, name) in [(0x0200, " L"), (0x0400, " R")] {
        if mask & bit != 0 {
            t.push_str(name);
        }
    }
    if mask & 0x0130 != 0 {
        t.push_str(", Back:");
    }
    for (bit, name) in [(0x0010, " L"), (0x0100, " C"), (0x0020, " R")] {
        if mask & bit != 0 {
            t.push_str(name);
        }
    }
    if mask & 0x0008 != 0 {
        t.push_str(", LFE");
    }
    t
}

/// `ChannelPositions/String2` of a mask: `3/2/1.1`.
pub fn positions2(mask: u32) -> String {
    let count = |bits: &[u32]| bits.iter().filter(|&&b| mask & b != 0).count();
    let mut t = format!(
        "{}/{}/{}",
        count(&[0x0001, 0x0004, 0x0002]),
        count(&[0x0200, 0x0400]),
        count(&[0x0010, 0x0100, 0x0020])
    );
    if mask & 0x0008 != 0 {
        t.push_str(".1");
    }
    t
}

/// `ChannelLayout` of a mask, in the 2018 names.
pub fn layout(mask: u32) -> String {
    const NAMES: [&str; 18] = [
        "FL", "FR", "FC", "LFE", "BL", "BR", "FLC", "FRC", "BC", "SL", "SR", "TC", "TFL", "TFC",
        "TFR", "TBL", "TBC", "TBR",
    ];
    let raw: Vec<&str> = NAMES
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, n)| *n)
        .collect();
    rename_2018(&raw.join(" "), "")
}

/// The 2018 names of a space-separated channel list (MediaInfo applies them to every
/// `ChannelLayout` it prints; AAC-family formats have a few more).
pub fn rename_2018(layout: &str, format: &str) -> String {
    const RENAMES: [(&str, &str); 67] = [
        ("BC", "Cb"),
        ("BL", "Lb"),
        ("BR", "Rb"),
        ("BS", "Rb"),
        ("CI", "Bfc"),
        ("CL", "Ls"),
        ("CR", "Rs"),
        ("Ch", "Tfc"),
        ("Chr", "Tbc"),
        ("Cl", "Ls"),
        ("Cr", "Rs"),
        ("Cs", "Cb"),
        ("Cv", "Tfc"),
        ("Cvr", "Tbc"),
        ("FC", "C"),
        ("FL", "L"),
        ("FLC", "Lc"),
        ("FR", "R"),
        ("FRC", "Rc"),
        ("LC", "Lc"),
        ("LI", "Bfl"),
        ("LS", "Ls"),
        ("Lfh", "Tfl"),
        ("Lh", "Tfl"),
        ("Lhr", "Tbl"),
        ("Lhs", "Tfl"),
        ("Lrh", "Tbl"),
        ("Lrs", "Lb"),
        ("Lsc", "Lscr"),
        ("Lsr", "Lb"),
        ("Ltm", "Tsl"),
        ("Lts", "Tsl"),
        ("Lv", "Tfl"),
        ("Lvh", "Tfl"),
        ("Lvr", "Tbl"),
        ("Lvss", "Tsl"),
        ("Oh", "Tc"),
        ("Rfh", "Tfrr"),
        ("Rh", "Tfr"),
        ("Rhr", "Tbr"),
        ("Rhs", "Tfr"),
        ("RC", "Rc"),
        ("RI", "Bfr"),
        ("RS", "Rs"),
        ("Rls", "Lb"),
        ("Rrh", "Tbr"),
        ("Rrs", "Rb"),
        ("Rsc", "Rscr"),
        ("Rsr", "Rb"),
        ("Rtm", "Tsr"),
        ("Rts", "Tsr"),
        ("Rv", "Tfr"),
        ("Rvh", "Tfr"),
        ("Rvr", "Tbr"),
        ("Rvss", "Tsr"),
        ("S", "Cb"),
        ("SL", "Ls"),
        ("SR", "Rs"),
        ("SW", "LFE"),
        ("TBC", "Tbc"),
        ("TBL", "Tbl"),
        ("TBR", "Tbr"),
        ("TC", "Tc"),
        ("TFC", "Tfc"),
        ("TFL", "Tfl"),
        ("TFR", "Tfr"),
        ("Ts", "Tc"),
    ];
    const AAC: [(&str, &str); 7] = [
        ("Cb", "Bfc"),
        ("Lb", "Bfl"),
        ("Rb", "Bfr"),
        ("Ltf", "Tfl"),
        ("Rtf", "Tfr"),
        ("Ltr", "Tbl"),
        ("Rtr", "Tbr"),
    ];
    let aac = matches!(format, "AAC" | "USAC" | "MPEG-H 3D Audio" | "DTS-UHD");
    layout
        .split(' ')
        .map(|name| {
            let mut out = name;
            if let Some((_, to)) = RENAMES.iter().find(|(from, _)| *from == name) {
                out = to;
            }
            if aac && let Some((_, to)) = AAC.iter().find(|(from, _)| *from == name) {
                out = to;
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        assert_eq!(positions(0x60F), "Front: L C R, Side: L R, LFE");
        assert_eq!(positions2(0x60F), "3/2/0.1");
        assert_eq!(layout(0x60F), "L R C LFE Ls Rs");
        assert_eq!(layout(0x3F), "L R C LFE Lb Rb");
        assert_eq!(rename_2018("L R C BL BR LFE", "Opus"), "L R C Lb Rb LFE");
    }
}
