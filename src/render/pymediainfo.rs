//! pymediainfo 7.0.1's `to_data()`: the complete OLDXML view turned into keys the way
//! pymediainfo's `Track` does it, printed as `json.dumps` prints it.

use super::json::{escape_ascii, push_key};
use super::labeled_fields;
use super::labels::xml_name;
use crate::report::Stream;
use rustc_hash::FxHashMap;

/// One value of a track dict.
enum Value {
    Text(String),
    /// An integer, kept as its decimal digits (Matroska IDs exceed 64 bits).
    Int(String),
    List(Vec<String>),
}

/// `{"tracks": [...]}` exactly as `json.dumps(MediaInfo.parse(f).to_data())` prints it.
pub fn render(streams: &[Stream]) -> String {
    let mut out = String::from("{\"tracks\": [");
    for (i, s) in streams.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        track(&mut out, s);
    }
    out.push_str("]}");
    out
}

fn track(out: &mut String, s: &Stream) {
    let mut keys: Vec<(String, Value)> =
        vec![("track_type".into(), Value::Text(s.kind().name().into()))];
    // Where each key sits in `keys` (tracks have a hundred keys or more: no linear scans).
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    index.insert("track_type".into(), 0);
    let mut repeated: Vec<String> = Vec::new();
    for (f, label) in labeled_fields(s) {
        let value = super::exported_value(&f.value).into_owned();
        let key = key_of(&label);
        if !index.contains_key(&key) {
            index.insert(key.clone(), keys.len());
            keys.push((key, Value::Text(value)));
        } else {
            let other = format!("other_{key}");
            match index.get(&other) {
                Some(&i) => {
                    if let Value::List(l) = &mut keys[i].1 {
                        l.push(value);
                    }
                }
                None => {
                    index.insert(other.clone(), keys.len());
                    keys.push((other, Value::List(vec![value])));
                }
            }
            repeated.push(key);
        }
    }
    // Repeated keys become integers when a value is one (pymediainfo's conversion).
    for key in repeated {
        let Some(&i) = index.get(&key) else {
            continue;
        };
        let Some(&o) = index.get(&format!("other_{key}")) else {
            continue;
        };
        let current = match &keys[i].1 {
            Value::Text(t) => t.clone(),
            _ => continue,
        };
        if let Some(n) = python_int(&current) {
            keys[i].1 = Value::Int(n);
            continue;
        }
        let others = match &keys[o].1 {
            Value::List(l) => l,
            _ => continue,
        };
        if let Some(n) = others.iter().find_map(|v| python_int(v)) {
            keys[i].1 = Value::Int(n);
            if let Value::List(l) = &mut keys[o].1 {
                l.push(current);
            }
        }
    }
    out.push('{');
    for (j, (k, v)) in keys.iter().enumerate() {
        if j > 0 {
            out.push_str(", ");
        }
        push_key(out, k);
        match v {
            Value::Text(t) => escape_ascii(out, t),
            Value::Int(n) => out.push_str(n),
            Value::List(l) => {
                out.push('[');
                for (n, item) in l.iter().enumerate() {
                    if n > 0 {
                        out.push_str(", ");
                    }
                    escape_ascii(out, item);
                }
                out.push(']');
            }
        }
    }
    out.push('}');
}

/// pymediainfo's key for a field: the OLDXML tag of its label, lower-cased, without leading
/// or trailing whitespace and underscores, `id` as
/// `track_id`.
fn key_of(label: &str) -> String {
    let mut key = xml_name(label).to_lowercase();
    let trimmed = key.trim().trim_matches('_');
    if trimmed.len() != key.len() {
        key = trimmed.to_string();
    }
    if key == "id" {
        key = "track_id".into();
    }
    key
}

/// Python's `int(str)`: optional whitespace and sign, digits with single underscores between
/// them. Returns the canonical decimal text.
fn python_int(s: &str) -> Option<String> {
    let t = s.trim_matches(|c: char| c.is_whitespace());
    let (neg, digits) = match t.as_bytes().first()? {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '_')
    {
        return None;
    }
    let clean: String = digits.chars().filter(|&c| c != '_').collect();
    let trimmed = clean.trim_start_matches('0');
    let body = if trimmed.is_empty() { "0" } else { trimmed };
    Some(if neg && body != "0" {
        format!("-{body}")
    } else {
        body.to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::StreamKind;

    #[test]
    fn ints_follow_python() {
        assert_eq!(python_int(" 42 ").as_deref(), Some("42"));
        assert_eq!(python_int("1_000").as_deref(), Some("1000"));
        assert_eq!(python_int("23.976"), None);
        assert_eq!(python_int("007").as_deref(), Some("7"));
    }

    #[test]
    fn repeated_fields_become_int_and_other() {
        let mut s = Stream::new(StreamKind::Video);
        s.set("Duration", "10000");
        s.set("Duration/String", "10 s 0 ms");
        s.set("ID", "1");
        s.set("ID/String", "1");
        s.set("Format", "AVC");
        let json = render(&[s]);
        assert!(json.contains("\"duration\": 10000, \"other_duration\": [\"10 s 0 ms\"]"));
        assert!(json.contains("\"track_id\": 1"));
        assert!(json.contains("\"format\": \"AVC\""));
    }
}
