//! The fields every MediaInfo stream has about itself and its siblings, and the file name.
//!
//! - every stream: `Count` (how many fields MediaInfo holds for it: its kind's whole table plus
//!   the fields outside the table, e.g. container tags), `StreamCount`, `StreamKind`,
//!   `StreamKind/String`, `StreamKindID`, `StreamKindPos` (only when several of a kind);
//! - General: `VideoCount` … `MenuCount`, `<Kind>_Format_List`, `<Kind>_Format_WithHint_List`,
//!   `<Kind>_Codec_List`, `<Kind>_Language_List` (joined with " / " from the streams'
//!   `Format/String`, `CodecID/Hint` and `Language/String`), `Audio_Channels_Total`;
//! - General, from the path: `CompleteName`, `FolderName`, `FileName`, `FileExtension`,
//!   `FileNameExtension`.

use crate::report::strings::{number, table};
use crate::report::{Stream, StreamKind};

/// The General stream's fields that sum up the other streams.
const LIST_SUFFIXES: [&str; 4] = [
    "_Format_List",
    "_Format_WithHint_List",
    "_Codec_List",
    "_Language_List",
];

/// Fills the identity fields of all `streams` (in MediaInfo's order, General first) and the
/// General stream's per-kind counts and lists. Run it last: `Count` counts the other fields.
pub fn fill_identity(streams: &mut [Stream]) {
    for kind in StreamKind::ALL {
        let count = streams.iter().filter(|s| s.kind() == kind).count();
        for (pos, stream) in streams.iter_mut().filter(|s| s.kind() == kind).enumerate() {
            stream.set("StreamCount", count.to_string());
            stream.set("StreamKind", kind.name());
            stream.set("StreamKind/String", kind.name());
            stream.set("StreamKindID", pos.to_string());
            if count > 1 {
                stream.set("StreamKindPos", (pos + 1).to_string());
            } else {
                stream.remove("StreamKindPos");
            }
        }
    }

    let summary = general_summary(streams);
    if let Some(general) = streams.iter_mut().find(|s| s.kind() == StreamKind::General) {
        for (name, value) in summary {
            general.set(name, value);
        }
    }

    for stream in streams.iter_mut() {
        let count = field_count(stream);
        stream.set("Count", count.to_string());
    }
}

/// Whether `name` is a field [`fill_identity`] or [`fill_file_name`] writes in a `kind` stream.
pub fn owns(kind: StreamKind, name: &str) -> bool {
    if matches!(
        name,
        "Count"
            | "StreamCount"
            | "StreamKind"
            | "StreamKind/String"
            | "StreamKindID"
            | "StreamKindPos"
    ) {
        return true;
    }
    if kind != StreamKind::General {
        return false;
    }
    if matches!(
        name,
        "Audio_Channels_Total"
            | "CompleteName"
            | "FolderName"
            | "FileName"
            | "FileExtension"
            | "FileNameExtension"
    ) {
        return true;
    }
    StreamKind::ALL[1..].iter().any(|k| {
        name.strip_prefix(k.name())
            .is_some_and(|rest| rest == "Count" || LIST_SUFFIXES.contains(&rest))
    })
}

/// How many fields MediaInfo holds for `stream`: its kind's table, plus the fields outside it.
/// Details nested under another field (`ConformanceErrors moov` under `ConformanceErrors`) are
/// inserted by MediaInfo without updating the count, so they are not counted, unless a value
/// was later added to one of them (that recounts every field).
pub fn field_count(stream: &Stream) -> usize {
    let rows = table::rows(stream.kind());
    let fields = stream.fields();
    let nested = |name: &str| {
        name.rsplit_once(' ').is_some_and(|(parent, _)| {
            fields.iter().any(|g| {
                g.name() != name
                    && g.name()
                        .strip_prefix(parent)
                        .is_some_and(|r| r.is_empty() || r.starts_with(' '))
            })
        })
    };
    let all = stream.nested_fields_counted();
    let extra = fields
        .iter()
        .filter(|f| !f.name().starts_with(' ') && f.row().is_none() && (all || !nested(f.name())))
        .count();
    rows.len() + extra
}

/// The General fields derived from the other streams, as (name, value).
fn general_summary(streams: &[Stream]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for kind in &StreamKind::ALL[1..] {
        let of_kind: Vec<&Stream> = streams.iter().filter(|s| s.kind() == *kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let k = kind.name();
        out.push((format!("{k}Count"), of_kind.len().to_string()));
        let field = |name: &str| -> Vec<String> {
            of_kind
                .iter()
                .map(|s| s.get(name).unwrap_or("").to_owned())
                .collect()
        };
        let formats = join_list(&field("Format/String"));
        let with_hints: Vec<String> = of_kind
            .iter()
            .map(|s| {
                let format = s.get("Format/String").unwrap_or("");
                match s.get("CodecID/Hint") {
                    Some(hint) => format!("{format} ({hint})"),
                    None => format.to_owned(),
                }
            })
            .collect();
        out.push((format!("{k}_Format_List"), formats.clone()));
        out.push((format!("{k}_Format_WithHint_List"), join_list(&with_hints)));
        out.push((format!("{k}_Codec_List"), formats));
        out.push((
            format!("{k}_Language_List"),
            join_list(&field("Language/String")),
        ));
    }
    let audio: Vec<u64> = streams
        .iter()
        .filter(|s| s.kind() == StreamKind::Audio)
        .map(|s| number::to_u64(s.get("Channel(s)").unwrap_or("")))
        .collect();
    if !audio.contains(&0) {
        let total = audio.iter().fold(0u64, |a, &c| a.wrapping_add(c));
        if total != 0 {
            out.push(("Audio_Channels_Total".to_owned(), total.to_string()));
        }
    }
    out
}

/// Items joined with " / ", or nothing when every item is empty (MediaInfo keeps empty items
/// between others, e.g. "English / ").
fn join_list(items: &[String]) -> String {
    if items.iter().all(String::is_empty) {
        return String::new();
    }
    items.join(" / ")
}

/// Sets the General stream's name fields from the path MediaInfo was given.
pub fn fill_file_name(general: &mut Stream, path: &str) {
    let (folder, name, extension) = if path.contains("://") {
        split_url(path)
    } else {
        let file_start = path.rfind('/').map_or(0, |p| p + 1);
        let folder = path.rfind('/').map_or("", |p| &path[..p]);
        let file = &path[file_start..];
        match file.rfind('.') {
            Some(dot) => (folder, &file[..dot], &file[dot + 1..]),
            None => (folder, file, ""),
        }
    };
    general.set("CompleteName", complete_url(path));
    general.set("FolderName", folder);
    general.set("FileName", name);
    general.set("FileExtension", extension);
    let name_ext = if extension.is_empty() {
        name.to_owned()
    } else {
        format!("{name}.{extension}")
    };
    general.set("FileNameExtension", name_ext);
}

/// A URL without its password (`scheme://user:secret@host` shows as `scheme://user@host`).
fn complete_url(path: &str) -> String {
    if !path.contains("://") {
        return path.to_owned();
    }
    let colon = path.get(6..).and_then(|s| s.find(':')).map(|p| p + 6);
    match (colon, path.find('@')) {
        (Some(begin), Some(end)) if begin < end => format!("{}{}", &path[..begin], &path[end..]),
        _ => path.to_owned(),
    }
}

/// Folder, name and extension of a URL, query string excluded.
fn split_url(path: &str) -> (&str, &str, &str) {
    let url = path.split('?').next().unwrap_or(path);
    let Some(sep) = url.rfind(['/', '\\']) else {
        return ("", "", "");
    };
    let folder = &url[..sep];
    let file = &url[sep + 1..];
    match file.rfind('.') {
        Some(dot) => (folder, &file[..dot], &file[dot + 1..]),
        None => (folder, file, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_name_fields() {
        let mut g = Stream::new(StreamKind::General);
        fill_file_name(&mut g, "baldgirl/oceans.mp4");
        assert_eq!(g.get("CompleteName"), Some("baldgirl/oceans.mp4"));
        assert_eq!(g.get("FolderName"), Some("baldgirl"));
        assert_eq!(g.get("FileName"), Some("oceans"));
        assert_eq!(g.get("FileExtension"), Some("mp4"));
        assert_eq!(g.get("FileNameExtension"), Some("oceans.mp4"));

        let mut g = Stream::new(StreamKind::General);
        fill_file_name(&mut g, "a.b/noext");
        assert_eq!(g.get("FolderName"), Some("a.b"));
        assert_eq!(g.get("FileName"), Some("noext"));
        assert_eq!(g.get("FileExtension"), None);
        assert_eq!(g.get("FileNameExtension"), Some("noext"));
    }

    #[test]
    fn counts_and_lists() {
        let mut streams = vec![Stream::new(StreamKind::General)];
        for (format, lang, ch) in [("AAC LC", Some("English"), "2"), ("AC-3", None, "6")] {
            let mut a = Stream::new(StreamKind::Audio);
            a.set("Format/String", format);
            if let Some(l) = lang {
                a.set("Language/String", l);
            }
            a.set("Channel(s)", ch);
            streams.push(a);
        }
        let mut v = Stream::new(StreamKind::Video);
        v.set("Format/String", "AVC");
        v.set("CodecConfigurationBox", "avcC");
        streams.push(v);
        fill_identity(&mut streams);
        let g = &streams[0];
        assert_eq!(g.get("AudioCount"), Some("2"));
        assert_eq!(g.get("VideoCount"), Some("1"));
        assert_eq!(g.get("TextCount"), None);
        assert_eq!(g.get("Audio_Format_List"), Some("AAC LC / AC-3"));
        assert_eq!(g.get("Audio_Language_List"), Some("English / "));
        assert_eq!(g.get("Video_Language_List"), None);
        assert_eq!(g.get("Audio_Channels_Total"), Some("8"));
        assert_eq!(g.get("Count"), Some("349"));
        assert_eq!(streams[1].get("StreamKindPos"), Some("1"));
        assert_eq!(streams[2].get("StreamKindID"), Some("1"));
        assert_eq!(streams[3].get("StreamKindPos"), None);
        assert_eq!(streams[3].get("Count"), Some("391"));
        assert_eq!(streams[3].get("StreamKind/String"), Some("Video"));
    }
}
