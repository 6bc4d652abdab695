//! Number formatting as MediaInfo's raw values use it.

/// `value` with exactly `decimals` digits after the point, rounded to nearest (the way
/// MediaInfo's `From_Number(float, precision)` prints).
/// A negative value that rounds to zero keeps its sign ("-0"), as C++ streams print it.
pub fn fixed(value: f64, decimals: usize) -> String {
    format!("{value:.decimals$}")
}

/// Like [`fixed`]; with 0 decimals gives an integer string.
pub fn rounded(value: f64, decimals: usize) -> String {
    fixed(value, decimals)
}

/// `value` rounded half up to an integer (ZenLib's `float64_int64s`, which File_Mpeg4 uses
/// where it computes a value before filling it, e.g. track durations), unlike [`rounded`].
pub fn half_up(value: f64) -> String {
    round(value).to_string()
}

/// Rounds half up to an integer, saturating (ZenLib's `float64_int64s`: truncate, then add one
/// when the dropped fraction is at least one half; NaN gives 0).
pub fn round(value: f64) -> i64 {
    // `as` saturates and maps NaN to 0.
    let truncated = value as i64;
    if value - truncated as f64 >= 0.5 {
        truncated.saturating_add(1)
    } else {
        truncated
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(fixed(23.976_023, 3), "23.976");
        assert_eq!(rounded(10006.9, 0), "10007");
        assert_eq!(fixed(-0.0001, 3), "-0.000");
        assert_eq!(half_up(10510.5), "10511");
        assert_eq!(round(f64::NAN), 0);
        assert_eq!(round(-2.5), -2);
        assert_eq!(fixed(0.125, 2), "0.12");
        assert_eq!(fixed(2.5, 0), "2");
    }
}
