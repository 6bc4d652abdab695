//! Numbers as MediaInfo reads and writes them in field values.
//!
//! MediaInfo keeps every value as a string and converts on use: integers and floats are read from
//! the longest numeric prefix (`"29.970 / 30"` reads as 29.97, `"47.5"` as the integer 47, text
//! as 0), and floats are written with a fixed count of decimals, rounded from the exact binary
//! value (C's `%.Nf`, which Rust's `{:.N}` matches).

pub use crate::report::numbers::{fixed, round};

/// The integer at the start of `s` (C++ `istream >> int64`): optional sign, then digits. Text,
/// an empty string or an overflow read as 0.
pub fn int(s: &str) -> i64 {
    let (negative, digits) = sign_and_digits(s);
    let Some(magnitude) = digits_value(digits) else {
        return 0;
    };
    if negative {
        0i64.checked_sub_unsigned(magnitude).unwrap_or(0)
    } else {
        i64::try_from(magnitude).unwrap_or(0)
    }
}

/// The unsigned integer at the start of `s` (C++ `istream >> uint64`). A minus sign wraps, as
/// C++ does (`"-1"` reads as `u64::MAX`).
pub fn uint(s: &str) -> u64 {
    let (negative, digits) = sign_and_digits(s);
    match digits_value(digits) {
        Some(v) if negative => v.wrapping_neg(),
        Some(v) => v,
        None => 0,
    }
}

/// The float at the start of `s` (C++ `istream >> double`); 0 when there is none.
pub fn float(s: &str) -> f64 {
    float_prefix(s).and_then(|p| p.parse().ok()).unwrap_or(0.0)
}

/// The float at the start of `s`, in single precision (C++ `istream >> float`), as MediaInfo
/// reads aspect ratios and some bit rates.
pub fn float32(s: &str) -> f32 {
    float_prefix(s).and_then(|p| p.parse().ok()).unwrap_or(0.0)
}

fn sign_and_digits(s: &str) -> (bool, &str) {
    let s = s.trim_start();
    let (negative, rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let end = rest
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(rest.len());
    (negative, &rest[..end])
}

fn digits_value(digits: &str) -> Option<u64> {
    if digits.is_empty() {
        return None;
    }
    digits.parse().ok()
}

/// The longest prefix of `s` that reads as a decimal float, if any.
fn float_prefix(s: &str) -> Option<&str> {
    let s = s.trim_start();
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let int_start = i;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let mut mantissa_digits = i - int_start;
    if b.get(i) == Some(&b'.') {
        let frac_start = i + 1;
        let mut j = frac_start;
        while b.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        mantissa_digits += j - frac_start;
        i = j;
    }
    if mantissa_digits == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(b.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let exp_start = j;
        while b.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        if j > exp_start {
            i = j;
        }
    }
    s.get(..i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numeric_prefixes() {
        assert_eq!(int("47.5"), 47);
        assert_eq!(int("-3"), -3);
        assert_eq!(int("abc"), 0);
        assert_eq!(uint("1493"), 1493);
        assert_eq!(uint("-1"), u64::MAX);
        assert_eq!(uint("99999999999999999999"), 0);
        assert_eq!(float("29.970 / 30"), 29.97);
        assert_eq!(float(".5"), 0.5);
        assert_eq!(float("1e3x"), 1000.0);
        assert_eq!(float("1e"), 1.0);
        assert_eq!(float("."), 0.0);
        assert_eq!(float32("1.778"), 1.778f32);
    }

    #[test]
    fn writes_fixed_decimals_like_printf() {
        assert_eq!(fixed(44100.0 / 1024.0, 3), "43.066");
        assert_eq!(fixed(2.5, 0), "2");
        assert_eq!(fixed(0.125, 2), "0.12");
        assert_eq!(fixed(126468.08510638298, 0), "126468");
    }

    #[test]
    fn rounds_half_up() {
        assert_eq!(round(2.5), 3);
        assert_eq!(round(2.4999), 2);
        assert_eq!(round(f64::MAX), i64::MAX);
    }
}
