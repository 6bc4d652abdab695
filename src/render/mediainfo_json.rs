//! MediaInfo's own JSON view (`mediainfo --Output=JSON`, not complete).
//!
//! Fields with MediaInfo's show-in-XML flag, by internal name (escaped the MIXML way), in table
//! order, then the fields the table does not know inside `"extra"`. Durations go out in seconds,
//! `Format_Profile` is split into profile, level and tier, and a few audio fields keep only
//! their first value, as MediaInfo's exporter does.

use super::{options, ordered_fields};
use crate::report::Stream;
use crate::report::strings::table;

/// The whole JSON document for one file.
pub fn render(streams: &[Stream]) -> String {
    render_view(streams, false)
}

/// The JSON document; `complete` shows every field (`mediainfo --Output=JSON --Full`).
pub fn render_view(streams: &[Stream], complete: bool) -> String {
    let reference = streams
        .first()
        .and_then(|g| g.get("CompleteName"))
        .unwrap_or_default();
    let mut out = String::from(
        "{\n\"creatingLibrary\":{\"name\":\"MediaInfoLib\",\"version\":\"24.12\",\"url\":\"https://mediaarea.net/MediaInfo\"},\n\"media\":{\"@ref\":",
    );
    super::json::escape_utf8(&mut out, reference);
    out.push_str(",\"track\":[");
    for (i, s) in streams.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        track(&mut out, s, complete);
    }
    out.push_str("]}\n}\n");
    out
}

fn track(out: &mut String, s: &Stream, complete: bool) {
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut extra: Vec<(String, String)> = Vec::new();
    let rows = table::rows(s.kind());
    for f in ordered_fields(s) {
        if !complete && !options::field_in_json(s.kind(), f) {
            continue;
        }
        let measure = f.row().and_then(|p| rows.get(p)).map(|r| r.1);
        let known = measure.is_some();
        let name = escape_name(f.name());
        let exported = super::exported_value(&f.value);
        // A Base64 value is marked for `push_value` (a NUL never survives the encoding).
        let mut value = match exported {
            std::borrow::Cow::Owned(b64) => format!("\0{b64}"),
            std::borrow::Cow::Borrowed(v) => v.to_string(),
        };
        if measure == Some(" ms") {
            value = seconds(&value);
        }
        if name.len() > 8
            && name.ends_with("_Version")
            && let Some(v) = value.strip_prefix("Version ")
        {
            value = v.split(" / ").next().unwrap_or(v).to_string();
        }
        // Extra fields keep their raw names: nested ones (`A B`) are grouped below.
        let name = if known { name } else { f.name().to_string() };
        let target = if known { &mut fields } else { &mut extra };
        if name == "Format_Profile"
            && let Some((profile, more)) = value.split_once('@')
            && !value.contains(" / ")
        {
            target.push((name, profile.to_string()));
            let more = match more.strip_prefix('L') {
                Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => rest,
                _ => more,
            };
            match more.split_once('@') {
                Some((level, tier)) => {
                    target.push(("Format_Level".into(), level.to_string()));
                    target.push(("Format_Tier".into(), tier.to_string()));
                }
                None if more.is_empty() => {}
                None => target.push(("Format_Level".into(), more.to_string())),
            }
            continue;
        }
        if s.kind() == crate::report::StreamKind::Audio
            && matches!(
                name.as_str(),
                "Format_Profile"
                    | "SamplingRate"
                    | "Channels"
                    | "ChannelPositions"
                    | "ChannelLayout"
            )
            && let Some((first, _)) = value.split_once(" / ")
        {
            value = first.to_string();
        }
        target.push((name, value));
    }
    out.push_str("{\"@type\":");
    super::json::escape_utf8(out, s.kind().name());
    // Several streams of a kind: each says its place among them.
    if let Some(pos) = s.get("StreamKindPos") {
        out.push_str(",\"@typeorder\":");
        super::json::escape_utf8(out, pos);
    }
    for (i, (name, value)) in fields.iter().enumerate() {
        out.push_str(if i == 0 { "," } else { ",\n" });
        super::json::escape_utf8(out, name);
        out.push(':');
        push_value(out, value);
    }
    if fields.is_empty() && extra.is_empty() {
        // MediaInfo's JSON writer gives a track with nothing to show one unnamed null member
        // (seen on Menu streams of empty Nero chapter lists).
        out.push_str(",\"\":null");
    }
    if !extra.is_empty() {
        out.push_str(if fields.is_empty() { "," } else { ",\n" });
        out.push_str("\"extra\":{");
        push_nodes(out, &nest(&extra));
        out.push('}');
    }
    out.push('}');
}

/// An extra field, or a group of the fields named after it (`A` holding `A B`, `A C`).
enum Node {
    Leaf(String, String),
    Group(String, Vec<Node>),
}

/// Groups extra fields as MediaInfo's JSON exporter does: a field followed by one named
/// `<its name> <more>` becomes an array named by its last word (its own value dropped), and
/// the fields under it lose that prefix.
fn nest(fields: &[(String, String)]) -> Vec<Node> {
    fn build(fields: &[(String, String)], i: &mut usize, parent: Option<&str>) -> Vec<Node> {
        let mut nodes = Vec::new();
        while let Some((name, value)) = fields.get(*i) {
            if let Some(p) = parent
                && !(name.len() > p.len()
                    && name.starts_with(p)
                    && name[p.len()..].starts_with(' '))
            {
                break;
            }
            *i += 1;
            let relative = parent.map_or(name.as_str(), |p| &name[p.len() + 1..]);
            let opens = fields.get(*i).is_some_and(|(next, _)| {
                next.len() > name.len()
                    && next.starts_with(name.as_str())
                    && next[name.len()..].starts_with(' ')
            });
            if opens {
                let last = name.rsplit(' ').next().unwrap_or(name);
                let sub = last.trim_end_matches(|c: char| c.is_ascii_digit());
                let children = build(fields, i, Some(name));
                nodes.push(Node::Group(escape_name(sub), children));
            } else {
                nodes.push(Node::Leaf(escape_name(relative), value.clone()));
            }
        }
        nodes
    }
    build(fields, &mut 0, None)
}

fn push_nodes(out: &mut String, nodes: &[Node]) {
    for (i, node) in nodes.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match node {
            Node::Leaf(name, value) => {
                super::json::escape_utf8(out, name);
                out.push(':');
                push_value(out, value);
            }
            Node::Group(name, children) => {
                super::json::escape_utf8(out, name);
                out.push_str(":[{");
                push_nodes(out, children);
                out.push_str("}]");
            }
        }
    }
}

/// Milliseconds as seconds, three more decimals than the value had (MediaInfo's exporter).
fn seconds(ms: &str) -> String {
    let Ok(v) = ms.parse::<f64>() else {
        return ms.to_string();
    };
    let precision = 3 + ms.find('.').map_or(0, |d| ms.len() - d - 1);
    super::super::report::numbers::fixed(v / 1000.0, precision)
}

/// MediaInfo's MIXML/JSON element name escaping.
fn escape_name(name: &str) -> String {
    let mut s = String::with_capacity(name.len() + 1);
    for c in name.chars() {
        match c {
            ' ' | '/' | '*' | ',' | ':' | '@' | '.' => s.push('_'),
            '-' | '(' | ')' => {}
            c if c.is_ascii_alphanumeric() || c == '_' => s.push(c),
            _ => {}
        }
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    if s.is_empty() {
        s.push_str("Unknown");
    }
    s
}

/// A value, or MediaInfo's Base64 object for one `track` marked as encoded.
fn push_value(out: &mut String, value: &str) {
    match value.strip_prefix('\0') {
        Some(b64) => {
            out.push_str("{\"@dt\":\"binary.base64\",\"#value\":");
            super::json::escape_utf8(out, b64);
            out.push('}');
        }
        None => super::json::escape_utf8(out, value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_seconds() {
        assert_eq!(escape_name("Channel(s)"), "Channels");
        assert_eq!(escape_name("Bits-(Pixel*Frame)"), "BitsPixel_Frame");
        assert_eq!(seconds("10007"), "10.007");
        assert_eq!(seconds("968.000000"), "0.968000000");
    }

    #[test]
    fn nested_members() {
        let f = |n: &str, v: &str| (n.to_string(), v.to_string());
        let fields = [
            f("IsTruncated", "Yes"),
            f("ConformanceErrors", "2"),
            f("ConformanceErrors mdat", "Yes"),
            f("ConformanceErrors mdat GeneralCompliance", "a"),
            f("ConformanceErrors MPEG-4_", "Yes"),
            f("ConformanceErrors MPEG-4_ GeneralCompliance", "b"),
        ];
        let mut out = String::new();
        push_nodes(&mut out, &nest(&fields));
        assert_eq!(
            out,
            r#""IsTruncated":"Yes","ConformanceErrors":[{"mdat":[{"GeneralCompliance":"a"}],"MPEG4_":[{"GeneralCompliance":"b"}]}]"#
        );
    }
}
