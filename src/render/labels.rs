//! Field labels as MediaInfo's English view names them, and the OLDXML tags made from them.

use std::collections::HashMap;
use std::sync::OnceLock;

fn translations() -> &'static HashMap<&'static str, &'static str> {
    static T: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    T.get_or_init(|| {
        include_str!("../report/db/labels.tsv")
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .collect()
    })
}

fn translate(word: &str) -> &str {
    translations().get(word).copied().unwrap_or(word)
}

/// The English label of a field: `/String…` suffixes dropped, and both halves of a `A/B` name
/// translated (MediaInfo_Config's Info_Name_Text rule).
pub fn label(name: &str) -> String {
    let mut base = name.to_string();
    if base.contains("/String") {
        for n in ["1", "2", "3", "4", "5", "6", "7", "8", "9", ""] {
            base = base.replace(&format!("/String{n}"), "");
        }
    }
    match base.split_once('/') {
        Some((a, b)) => format!("{}/{}", translate(a), translate(b)),
        None => translate(&base).to_string(),
    }
}

/// An XML element name made from a label (MediaInfo's `Xml_Name_Escape`).
pub fn xml_name(label: &str) -> String {
    let mut s = String::with_capacity(label.len() + 1);
    if label.starts_with(|c: char| c.is_ascii_digit()) {
        s.push('_');
    }
    for c in label.chars() {
        match c {
            ' ' | '/' | '(' | ')' | '*' | ',' | ':' | '@' => s.push('_'),
            c if c.is_ascii_alphanumeric() || c == '_' => s.push(c),
            _ => {}
        }
    }
    if s.is_empty() {
        s.push_str("Unknown");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_tags() {
        assert_eq!(label("Duration/String3"), "Duration");
        assert_eq!(label("Format/Extensions"), "Format/Extensions usually used");
        assert_eq!(
            xml_name(&label("Format_Settings_CABAC")),
            "Format_settings__CABAC"
        );
        assert_eq!(xml_name(&label("Bits-(Pixel*Frame)")), "Bits__Pixel_Frame_");
    }
}
