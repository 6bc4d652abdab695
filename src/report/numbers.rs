//! Number formatting as MediaInfo's raw values use it.

/// `value` with exactly `decimals` digits after the point, rounded to nearest (the way
/// MediaInfo's `From_Number(float, precision)` prints).
pub fn fixed(value: f64, decimals: usize) -> String {
    let s = format!("{value:.decimals$}");
    // Avoid "-0" / "-0.000".
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

/// Like [`fixed`]; with 0 decimals gives an integer string.
pub fn rounded(value: f64, decimals: usize) -> String {
    fixed(value, decimals)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(fixed(23.976_023, 3), "23.976");
        assert_eq!(rounded(10006.9, 0), "10007");
        assert_eq!(fixed(-0.0001, 3), "0.000");
    }
}
