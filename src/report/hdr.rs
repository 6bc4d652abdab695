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

/// Fills the mastering display fields (and `HDR_Format` SMPTE ST 2086 with HDR10
/// compatibility, which the finish rules drop when the colours do not fit) from values a
/// parser of kind `source` (`Container` or `Stream`) read.
pub fn fill_mastering(
    s: &mut Stream,
    primaries: &[Option<u16>; 8],
    luminance: &[Option<u32>; 2],
    source: &str,
) {
    let primaries: Option<[u16; 8]> = primaries
        .iter()
        .copied()
        .collect::<Option<Vec<u16>>>()
        .and_then(|v| v.try_into().ok());
    let p = primaries.map(primaries_text);
    let l = match luminance {
        [Some(min), Some(max)] => Some(luminance_text(*min, *max)),
        _ => None,
    };
    if p.is_none() && l.is_none() {
        return;
    }
    s.set_if_absent("HDR_Format", "SMPTE ST 2086");
    s.set_if_absent("HDR_Format_Compatibility", "HDR10");
    for (name, value) in [
        ("MasteringDisplay_ColorPrimaries", p),
        ("MasteringDisplay_Luminance", l),
    ] {
        if let Some(v) = value {
            s.set(name, v);
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
