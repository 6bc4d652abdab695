//! SMPTE ST 2086 mastering display metadata as MediaInfo names it
//! (`Get_MasteringDisplayColorVolume`): primaries matched to a known colour space or spelled
//! out, luminance range, and the `HDR_Format` they imply.

use super::Stream;
use super::colour;

/// Primaries of the colour spaces MediaInfo recognises: G, B, R, white point (x then y, in
/// 0.00002 units), with the code whose name it prints.
const KNOWN: [(u8, [u16; 8]); 4] = [
    (1, [15000, 30000, 7500, 3000, 32000, 16500, 15635, 16450]),
    (9, [8500, 39850, 6550, 2300, 35400, 14600, 15635, 16450]),
    (11, [13250, 34500, 7500, 3000, 34000, 16000, 15700, 17550]),
    (12, [13250, 34500, 7500, 3000, 34000, 16000, 15635, 16450]),
];

/// The primaries (three colour pairs in any order, then the white point) as MediaInfo names
/// them.
pub fn primaries_text(values: [u16; 8]) -> String {
    let (mut g, mut b, mut r) = (4, 4, 4);
    for c in 0..3 {
        let (x, y) = (values[c * 2], values[c * 2 + 1]);
        if x < 17500 && y < 17500 {
            b = c;
        } else if i32::from(y) - i32::from(x) >= 0 {
            g = c;
        } else {
            r = c;
        }
    }
    if (r | b | g) >= 4 {
        (g, b, r) = (0, 1, 2);
    }
    for (code, known) in KNOWN {
        let near = |v: u16, k: u16, lo: u16, hi: u16| v >= k - lo && v < k + hi;
        let matches = (0..2).all(|j| {
            near(values[g * 2 + j], known[j], 25, 25)
                && near(values[b * 2 + j], known[2 + j], 25, 25)
                && near(values[r * 2 + j], known[4 + j], 25, 25)
                && near(values[6 + j], known[6 + j], 2, 3)
        });
        if matches {
            return colour::primaries(code).to_string();
        }
    }
    let v = |i: usize| format!("{:.6}", f64::from(values[i]) / 50000.0);
    format!(
        "R: x={} y={}, G: x={} y={}, B: x={} y={}, White point: x={} y={}",
        v(r * 2),
        v(r * 2 + 1),
        v(g * 2),
        v(g * 2 + 1),
        v(b * 2),
        v(b * 2 + 1),
        v(6),
        v(7)
    )
}

/// The luminance range (min, max in 0.0001 cd/m²): the maximum without decimals when whole.
pub fn luminance_text(min: u32, max: u32) -> String {
    let max_f = f64::from(max) / 10000.0;
    let max_f32 = f64::from(max as f32 / 10000.0);
    let decimals = if max_f - max_f32 == 0.0 { 0 } else { 4 };
    format!(
        "min: {:.4} cd/m2, max: {:.*} cd/m2",
        f64::from(min) / 10000.0,
        decimals,
        max_f
    )
}

/// The mastering display fields of one parser (MediaInfo's `Get_MasteringDisplayColorVolume`),
/// into format `format` of `hdr`: the primaries only while none are there (the first ones are
/// kept), the luminance each time. Returns whether either field has a value.
pub fn add_mastering(
    hdr: &mut HdrFormats,
    format: usize,
    primaries: &[Option<u16>; 8],
    luminance: &[Option<u32>; 2],
) -> bool {
    if hdr
        .get(format, "MasteringDisplay_ColorPrimaries")
        .is_empty()
    {
        let primaries: Option<[u16; 8]> = primaries
            .iter()
            .copied()
            .collect::<Option<Vec<u16>>>()
            .and_then(|v| v.try_into().ok());
        if let Some(p) = primaries {
            hdr.set(format, "MasteringDisplay_ColorPrimaries", primaries_text(p));
        }
        if let [Some(min), Some(max)] = luminance {
            hdr.set(
                format,
                "MasteringDisplay_Luminance",
                luminance_text(*min, *max),
            );
        }
    }
    !hdr.get(format, "MasteringDisplay_ColorPrimaries")
        .is_empty()
        || !hdr.get(format, "MasteringDisplay_Luminance").is_empty()
}

/// HDR fields in MediaInfo's field order; those up to `HDR_Format_Compatibility` always list
/// every format, the others only when the formats disagree.
const FIELDS: [&str; 11] = [
    "HDR_Format",
    "HDR_Format_Commercial",
    "HDR_Format_Version",
    "HDR_Format_Profile",
    "HDR_Format_Level",
    "HDR_Format_Settings",
    "HDR_Format_Compatibility",
    "MasteringDisplay_ColorPrimaries",
    "MasteringDisplay_Luminance",
    "MaxCLL",
    "MaxFALL",
];
const LAST_LISTED: usize = 6;

/// A parser's HDR fields per format before MediaInfo merges them (its `HDR` map), formats by
/// precedence; `st2086` is the SMPTE ST 2086 format's index (a list that starts with another
/// format stops there).
#[derive(Clone, Debug)]
pub struct HdrFormats {
    values: Vec<[String; FIELDS.len()]>,
    st2086: usize,
}

impl HdrFormats {
    pub fn new(formats: usize, st2086: usize) -> Self {
        HdrFormats {
            values: vec![Default::default(); formats],
            st2086,
        }
    }

    fn index(field: &str) -> usize {
        FIELDS
            .iter()
            .position(|f| *f == field)
            .expect("a known HDR field")
    }

    pub fn get(&self, format: usize, field: &str) -> &str {
        &self.values[format][Self::index(field)]
    }

    pub fn set(&mut self, format: usize, field: &str, value: impl Into<String>) {
        self.values[format][Self::index(field)] = value.into();
    }

    /// The merged fields MediaInfo fills (appending) into the first video stream.
    pub fn merged(&self) -> Vec<(&'static str, String)> {
        let n = self.values.len();
        let present: Vec<bool> = self.values.iter().map(|v| !v[0].is_empty()).collect();
        let Some(first) = present.iter().position(|&p| p) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, field) in FIELDS.iter().enumerate() {
            let value = |i: usize| self.values[i][k].as_str();
            if k > LAST_LISTED {
                let mut first_value: Option<&str> = None;
                let mut differs = false;
                for i in (first..n).filter(|&i| present[i]) {
                    let v = value(i);
                    if v.is_empty() {
                        continue;
                    }
                    match first_value {
                        None => first_value = Some(v),
                        Some(f) if f != v => {
                            differs = true;
                            break;
                        }
                        _ => {}
                    }
                }
                if !differs {
                    if let Some(v) = first_value {
                        out.push((*field, v.to_string()));
                    }
                    continue;
                }
            }
            let list: Vec<&str> = (first..n)
                .take_while(|&i| first == self.st2086 || i < self.st2086)
                .filter(|&i| present[i])
                .map(value)
                .collect();
            let joined = list.join(" / ");
            if !list.is_empty() && joined.len() > (list.len() - 1) * 3 {
                out.push((*field, joined));
            }
        }
        out
    }
}

/// Fills merged HDR fields into a stream as MediaInfo's non-replacing `Fill` does (appended
/// to a value already there); mastering fields get their `_Source`.
pub fn fill_merged(s: &mut Stream, fields: &[(&'static str, String)], source: &str) {
    for (name, value) in fields {
        let joined = match s.get(name) {
            Some(old) if !old.is_empty() => format!("{old} / {value}"),
            _ => value.clone(),
        };
        s.set(*name, joined);
        if name.starts_with("Mastering") || name.starts_with("MaxC") || name.starts_with("MaxF") {
            s.set(format!("{name}_Source"), source);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            primaries_text([13250, 34500, 7500, 3000, 34000, 16000, 15635, 16450]),
            "Display P3"
        );
        assert_eq!(
            luminance_text(300000, 400000),
            "min: 30.0000 cd/m2, max: 40 cd/m2"
        );
        assert_eq!(
            luminance_text(100, 10_000_000),
            "min: 0.0100 cd/m2, max: 1000 cd/m2"
        );
    }
}
