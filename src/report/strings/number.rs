//! Number reading and writing as MediaInfo's strings do it: lenient prefix parsing, fixed
//! decimals, one thousands separator and English unit words with their plural forms.

use super::english;

/// The leading number of `s` (sign, digits, one point, complete exponent) after spaces.
fn numeric_prefix(s: &str) -> &str {
    let t = s.trim_start();
    let bytes = t.as_bytes();
    let mut end = 0;
    if matches!(bytes.first(), Some(b'+' | b'-')) {
        end = 1;
    }
    let mut seen_digit = false;
    let mut seen_dot = false;
    while let Some(&b) = bytes.get(end) {
        if b.is_ascii_digit() {
            seen_digit = true;
        } else if b == b'.' && !seen_dot {
            seen_dot = true;
        } else {
            break;
        }
        end += 1;
    }
    if !seen_digit {
        return "";
    }
    // Optional exponent, only if complete.
    if matches!(bytes.get(end), Some(b'e' | b'E')) {
        let mut e = end + 1;
        if matches!(bytes.get(e), Some(b'+' | b'-')) {
            e += 1;
        }
        let start = e;
        while bytes.get(e).is_some_and(u8::is_ascii_digit) {
            e += 1;
        }
        if e > start {
            end = e;
        }
    }
    t.get(..end).unwrap_or("")
}

/// The leading floating-point number of `s`, 0 when there is none (as a C++ stream reads it).
pub fn to_f64(s: &str) -> f64 {
    numeric_prefix(s).parse().unwrap_or(0.0)
}

/// The leading number of `s` read as a 32-bit float.
pub fn to_f32(s: &str) -> f32 {
    numeric_prefix(s).parse().unwrap_or(0.0)
}

/// The leading integer of `s`, rounded up when a decimal part above one half follows
/// (MediaInfo's default integer reading); 0 when there is none.
pub fn to_i64(s: &str) -> i64 {
    let t = s.trim_start();
    let bytes = t.as_bytes();
    let mut end = usize::from(matches!(bytes.first(), Some(b'+' | b'-')));
    let digits_start = end;
    while bytes.get(end).is_some_and(u8::is_ascii_digit) {
        end += 1;
    }
    if end == digits_start {
        return 0;
    }
    let Some(i) = t.get(..end).and_then(|p| p.parse::<i64>().ok()) else {
        return 0;
    };
    if s.contains('.') && to_f32(s) - i as f32 > 0.5 {
        return i.saturating_add(1);
    }
    i
}

/// [`to_i64`] as MediaInfo's unsigned reading, where a negative number wraps around.
pub fn to_u64(s: &str) -> u64 {
    to_i64(s) as u64
}

/// `count` followed by the English `measure` (MediaInfo's internal unit key such as `" pixel"`),
/// with MediaInfo's plural form and a space as thousands separator before the last 3 integer
/// digits. Non-numeric counts are returned as they are. `always_same` skips plural forms.
pub fn with_measure(count: &str, measure: &str, always_same: bool) -> String {
    if count.is_empty() || count.chars().any(|c| !"0123456789.+-/*() ".contains(c)) {
        return count.to_owned();
    }
    let always_same = always_same || english::translate_joined(measure, "1").is_none();
    let form = (!always_same).then(|| plural_form(count));
    // The measure's text for plural form `f` (the key itself when MediaInfo has none).
    let unit = |text: &mut String, f: &str| match english::translate_joined(measure, f) {
        Some(t) => text.push_str(t),
        None => {
            text.push_str(measure);
            text.push_str(f);
        }
    };
    let mut text = String::with_capacity(count.len() + 1 + measure.len() + 8);
    if form == Some(0) {
        unit(&mut text, "0");
        return text;
    }
    text.push_str(count);
    let mut dot = text.find('.').unwrap_or(text.len());
    if dot > 3 && text.starts_with('-') {
        dot -= 1;
    }
    if dot > 3 {
        text.insert(dot - 3, ' ');
    }
    match form {
        Some(f) => unit(&mut text, ["0", "1", "2", "3"][usize::from(f.min(3))]),
        None => text.push_str(english::translate(measure).unwrap_or(measure)),
    }
    text
}

/// MediaInfo's plural form of a count: 0 (exactly "0"), 1 (one), 2 (few) or 3 (many).
fn plural_form(count: &str) -> u8 {
    let n = to_i64(count) as u32;
    let hundreds = n / 100;
    let tens = (n - hundreds * 100) / 10;
    let units = n - hundreds * 100 - tens * 10;
    match (hundreds, tens, units) {
        (0, 0, 0) if count.len() == 1 => 0,
        (0, 0, 0..=1) => 1,
        (_, 1, _) => 3,
        (_, _, 2..=4) => 2,
        _ => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers_leniently() {
        assert_eq!(to_i64("3600"), 3600);
        assert_eq!(to_i64("40.6"), 41);
        assert_eq!(to_i64("40.5"), 40);
        assert_eq!(to_i64("-12"), -12);
        assert_eq!(to_i64("abc"), 0);
        assert_eq!(to_f64("23.976 fps"), 23.976);
        assert_eq!(to_f64(""), 0.0);
    }

    #[test]
    fn measures_and_plurals() {
        assert_eq!(with_measure("1920", " pixel", false), "1 920 pixels");
        assert_eq!(with_measure("1", " channel", false), "1 channel");
        assert_eq!(with_measure("2", " channel", false), "2 channels");
        assert_eq!(with_measure("0", " Byte", false), " Byte0");
        assert_eq!(with_measure("0.00", " Byte", false), "0.00 Byte");
        assert_eq!(with_measure("1234567", " pixel", false), "1234 567 pixels");
        assert_eq!(with_measure("25.000", " fps", false), "25.000 FPS");
        assert_eq!(with_measure("0", " warppoint", false), "No warppoints");
        assert_eq!(with_measure("Unknown", " bit", false), "Unknown");
    }

    #[test]
    fn fixed_rounds_the_binary_value() {}
}
