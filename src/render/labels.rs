//! Field labels as MediaInfo's English view names them, and the OLDXML tags made from them.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::report::db;

fn translations() -> &'static FxHashMap<&'static str, &'static str> {
    static T: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();
    T.get_or_init(|| {
        let text = include_str!("../report/db/labels.tsv");
        let mut map = FxHashMap::default();
        map.reserve(1024);
        map.extend(db::lines(text).filter_map(db::split_tab));
        map
    })
}

fn translate(word: &str) -> &str {
    translations().get(word).copied().unwrap_or(word)
}

/// The English label of a field: `/String…` suffixes dropped, and both halves of a `A/B` name
/// translated (MediaInfo_Config's Info_Name_Text rule).
pub fn label(name: &str) -> String {
    // The usual name: at most one `/String`, as its last part (`Duration/String3`).
    if let Some(at) = name.find("/String")
        && !name[at + 1..].contains("/String")
        && matches!(&name.as_bytes()[at + 7..], [] | [b'1'..=b'9'])
    {
        return translated(&name[..at]);
    }
    if !name.contains("/String") {
        return translated(name);
    }
    // Anything else the slow way: each suffix removed in turn, as MediaInfo does.
    let mut base = name.to_string();
    for n in ["1", "2", "3", "4", "5", "6", "7", "8", "9", ""] {
        base = base.replace(&format!("/String{n}"), "");
    }
    translated(&base)
}

/// `base` with both halves of an `A/B` name translated.
fn translated(base: &str) -> String {
    match base.split_once('/') {
        Some((a, b)) => {
            let (a, b) = (translate(a), translate(b));
            let mut s = String::with_capacity(a.len() + 1 + b.len());
            s.push_str(a);
            s.push('/');
            s.push_str(b);
            s
        }
        None => translate(base).to_string(),
    }
}

/// Labels of fields MediaInfo's table does not know, which depend on the field before:
/// MediaInfo shows a field `A B` that follows a field of its parent `A` (conformance reports)
/// indented by its depth, by its last word.
#[derive(Default)]
pub struct ExtraLabels {
    previous: Option<(String, String)>,
}

impl ExtraLabels {
    /// The label of the next extra field, `name`.
    pub fn next(&mut self, name: &str) -> String {
        self.next_before(name, None)
    }

    /// The label of the next extra field, `name`, followed by the field `following`: a field
    /// that opens a block (`SignalGroup0` before `SignalGroup0 Pos`) shows its trailing numbers
    /// one-based after `#` (`Signal group #1`).
    pub fn next_before(&mut self, name: &str, following: Option<&str>) -> String {
        let spaces = name.matches(' ').count();
        let after_space = name.rfind(' ').map_or(0, |i| i + 1);
        let mut nested = name.starts_with(' ');
        if let Some((prev_name, prev_label)) = &self.previous
            && !nested
            && spaces > 0
        {
            let j = if after_space >= 2 && after_space - 2 == prev_name.len() {
                2
            } else {
                1
            };
            let cut = after_space - j;
            let indent = prev_label.find(|c| c != ' ').unwrap_or(usize::MAX);
            if cut <= prev_name.len()
                && name.get(..cut) == prev_name.get(..cut)
                && spaces - 1 <= indent
            {
                nested = true;
            }
        }
        let opens = following.is_some_and(|f| {
            f.len() > name.len() && f.starts_with(name) && f.as_bytes()[name.len()] == b' '
        });
        let relative = if nested { &name[after_space..] } else { name };
        let numbered = if opens { numbered(relative) } else { None };
        let shown = if let Some(label) = numbered {
            if nested {
                " ".repeat(spaces) + &label
            } else {
                label
            }
        } else if nested {
            let last = &name[after_space..];
            let mut l =
                " ".repeat(spaces) + translate(last.strip_suffix("/String").unwrap_or(last));
            let b = l.as_bytes();
            if b.len() > 1 && b[b.len() - 1] == b'_' && b[b.len() - 2].is_ascii_digit() {
                l.pop();
            }
            l
        } else {
            // Language_Get translates an extra field's whole name (no `A/B` split).
            translate(name.strip_suffix("/String").unwrap_or(name)).to_string()
        };
        if !name.starts_with(' ') {
            self.previous = Some((name.to_string(), shown.clone()));
        }
        shown
    }
}

/// The label of a block-opening name whose `-`-separated parts end in numbers: each such
/// part translated and numbered from one (`SignalGroup0` → `Signal group #1`); `None` when no
/// part has a number.
fn numbered(name: &str) -> Option<String> {
    let parts: Vec<String> = name
        .split('-')
        .filter_map(|part| {
            let text = part.trim_end_matches(|c: char| c.is_ascii_digit());
            let n: u64 = part[text.len()..].parse().ok()?;
            Some(format!("{} #{}", translate(text), n.saturating_add(1)))
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
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
        let mut extra = ExtraLabels::default();
        let labels: Vec<String> = names.iter().map(|n| extra.next(n)).collect();
        assert_eq!(
            labels,
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
