//! Field labels as MediaInfo's English view names them, and the OLDXML tags made from them.

use std::borrow::Cow;

use crate::report::db;

fn translate(word: &str) -> &str {
    db::label_text(word).unwrap_or(word)
}

/// The English label of a field: `/String…` suffixes dropped, and both halves of a `A/B` name
/// translated (MediaInfo_Config's Info_Name_Text rule).
/// Borrowed (from `name` or the label table) unless both halves of an `A/B` name are needed
/// or a suffix sits mid-name: most fields cost no allocation.
pub fn label(name: &str) -> Cow<'_, str> {
    // The usual name: at most one `/String`, as its last part (`Duration/String3`).
    if let Some(at) = find_string_suffix(name)
        && find_string_suffix(&name[at + 1..]).is_none()
        && matches!(&name.as_bytes()[at + 7..], [] | [b'1'..=b'9'])
    {
        return translated(&name[..at]);
    }
    if find_string_suffix(name).is_none() {
        return translated(name);
    }
    // Anything else the slow way: each suffix removed in turn, as MediaInfo does.
    let mut base = name.to_string();
    for n in ["1", "2", "3", "4", "5", "6", "7", "8", "9", ""] {
        base = base.replace(&format!("/String{n}"), "");
    }
    Cow::Owned(translated(&base).into_owned())
}

/// Where `/String` first occurs in `name`: a plain byte scan (labels are short; `str::find`'s
/// two-way searcher cost more to set up per label than the scan takes).
fn find_string_suffix(name: &str) -> Option<usize> {
    name.as_bytes().windows(7).position(|w| w == b"/String")
}

/// `base` with both halves of an `A/B` name translated.
fn translated(base: &str) -> Cow<'_, str> {
    match base.split_once('/') {
        Some((a, b)) => {
            let (a, b) = (translate(a), translate(b));
            let mut s = String::with_capacity(a.len() + 1 + b.len());
            s.push_str(a);
            s.push('/');
            s.push_str(b);
            Cow::Owned(s)
        }
        None => Cow::Borrowed(translate(base)),
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
    /// The label of the next extra field, `name`; `following` is the name of the field after
    /// it, which decides whether `name` is numbered (`Presentation0` followed by
    /// `Presentation0 Pos` shows as `Presentation #1`).
    pub fn next(&mut self, name: &str, following: Option<&str>) -> String {
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
        let own = if nested { &name[after_space..] } else { name };
        let parent = following.is_some_and(|next| {
            !own.is_empty()
                && next.get(after_space..after_space + own.len()) == Some(own)
                && next.as_bytes().get(after_space + own.len()) == Some(&b' ')
        });
        let shown = if parent && let Some(numbered) = numbered(own, nested.then_some(spaces)) {
            numbered
        } else if nested {
            let own = &name[after_space..];
            let mut l = " ".repeat(spaces) + translate(own.strip_suffix("/String").unwrap_or(own));
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

/// The label of a field that has nested fields after it and whose name (or `-`-separated
/// parts of it) ends in a number: each numbered part translated, with ` #` and the number
/// plus one (MediaInfo counts from 1 in views). `None` when no part is numbered. `indent` is
/// the depth of a nested field.
fn numbered(name: &str, indent: Option<usize>) -> Option<String> {
    let mut parts = Vec::new();
    for part in name.split('-') {
        let text = part.trim_end_matches(|c: char| c.is_ascii_digit());
        if text.len() != part.len() {
            // Digits beyond u64 read as MediaInfo's To_int64u would fail: as 0.
            let n = part[text.len()..].parse::<u64>().unwrap_or(0);
            parts.push((text, n.saturating_add(1)));
        }
    }
    if parts.is_empty() {
        return None;
    }
    let mut out = String::new();
    for (i, (text, n)) in parts.into_iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if i == 0
            && let Some(spaces) = indent
        {
            out.extend(std::iter::repeat_n(' ', spaces));
        }
        let translated = translate(text);
        out.push_str(if translated.is_empty() {
            text
        } else {
            translated
        });
        let b = out.as_bytes();
        if b.len() > 1 && b[b.len() - 1] == b'_' && b[b.len() - 2].is_ascii_digit() {
            out.pop();
        }
        out.push_str(" #");
        out.push_str(&n.to_string());
    }
    Some(out)
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
        let labels: Vec<String> = names
            .iter()
            .enumerate()
            .map(|(i, n)| extra.next(n, names.get(i + 1).copied()))
            .collect();
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
