//! JSON string escaping as Python's `json.dumps` (ensure_ascii) prints it.

/// Appends `"key": `.
pub fn push_key(out: &mut String, key: &str) {
    escape_ascii(out, key);
    out.push_str(": ");
}

/// Appends `s` as a JSON string with every non-ASCII character as `\uXXXX` (surrogate pairs
/// above the BMP), like `json.dumps(..., ensure_ascii=True)`.
pub fn escape_ascii(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0C}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7E => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_like_python() {
        let mut s = String::new();
        super::escape_ascii(&mut s, "é\"\u{1F600}");
        assert_eq!(s, "\"\\u00e9\\\"\\ud83d\\ude00\"");
    }
}
