//! Field labels as MediaInfo's English view names them, and the OLDXML tags made from them.

use crate::report::StreamKind;
use crate::report::db;
use crate::report::strings::table;

fn translate(word: &str) -> &str {
    db::translation(word).unwrap_or(word)
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

/// The labels of a stream's fields, in display order. A name with spaces that continues the
/// path of the field before it (`ConformanceErrors moov` after `ConformanceErrors`) is a
/// nested detail: MediaInfo labels it with its last level, translated, indented by one space
/// per level, without the `_` that keeps a level name from ending in a digit.
/// Fields outside `kind`'s table are translated as a whole (`Title/Sort` stays so), table
/// fields half by half (`Performer/Sort` is `Performer/Sorted by`).
pub fn labels(kind: StreamKind, names: &[&str]) -> Vec<String> {
    let rows = table::rows(kind);
    let plain = |name: &str| {
        if rows.iter().any(|(n, _)| *n == name) {
            label(name)
        } else {
            translate(name.strip_suffix("/String").unwrap_or(name)).to_string()
        }
    };
    let mut out: Vec<String> = Vec::with_capacity(names.len());
    for (pos, name) in names.iter().enumerate() {
        let Some(last_space) = name.rfind(' ') else {
            out.push(plain(name));
            continue;
        };
        let levels = name.matches(' ').count();
        let parent = &name[..last_space];
        let nested = pos > 0 && {
            let previous = names[pos - 1];
            let indent = out[pos - 1].len() - out[pos - 1].trim_start_matches(' ').len();
            previous.starts_with(parent) && levels - 1 <= indent
        };
        if !nested {
            out.push(plain(name));
            continue;
        }
        let mut last = translate(&name[last_space + 1..]).to_string();
        if last.len() > 1
            && last.ends_with('_')
            && last[..last.len() - 1].ends_with(|c: char| c.is_ascii_digit())
        {
            last.pop();
        }
        out.push(format!("{}{last}", " ".repeat(levels)));
    }
    out
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

    #[test]
    fn nested_labels() {
        let names = [
            "ConformanceErrors",
            "ConformanceErrors moov",
            "ConformanceErrors moov 0x00000020_",
            "ConformanceErrors moov 0x00000020_ GeneralCompliance",
            "ConformanceErrors MPEG-4_",
            "Menu For",
        ];
        assert_eq!(
            labels(StreamKind::General, &names),
            vec![
                "Conformance errors",
                " moov",
                "  0x00000020",
                "   General compliance",
                " MPEG-4",
                "Menu For",
            ]
        );
    }
}
