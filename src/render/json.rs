//! JSON string escaping: as Python's `json.dumps` (ensure_ascii) prints it for pymediainfo's
//! form, and as MediaInfo's own JSON writes it (UTF-8 kept).

/// Appends `"key": `.
pub fn push_key(out: &mut String, key: &str) {
    escape_ascii(out, key);
    out.push_str(": ");
}

/// Appends `s` as a JSON string with every non-ASCII character as `\uXXXX` (surrogate pairs
/// above the BMP), like `json.dumps(..., ensure_ascii=True)`.
pub fn escape_ascii(out: &mut String, s: &str) {
    escape(out, s, true);
}

/// Appends `s` as a JSON string the way MediaInfo's JSON view writes it: quotes, backslashes
/// and control characters escaped, everything else kept as UTF-8.
pub fn escape_utf8(out: &mut String, s: &str) {
    escape(out, s, false);
}

fn escape(out: &mut String, s: &str, ascii: bool) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' if ascii => out.push_str("\\b"),
            '\u{0C}' if ascii => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (ascii && (c as u32) > 0x7E) => {
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
