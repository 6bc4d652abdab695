//! Matroska/WebM facts → MediaInfo fields: what File_Mk fills while it reads the file and in
//! its `Streams_Finish`, in that order.

mod codecs;
mod tags;
mod timing;
mod vfw;

use crate::container::mkv::{MkvFile, TrackEntry, TrackKind, TrackProps};
use crate::report::codec_id::{self, FormatFill};
use crate::report::db::{self, CodecIdTable};
use crate::report::hdr::HdrFormats;
use crate::report::{Stream, StreamKind};

pub use codecs::Codecs;

use super::dates;
use super::numbers::fixed;

/// Seconds between 1970-01-01 and Matroska's epoch, 2001-01-01.
const SECONDS_1970_TO_2001: i64 = 978_307_200;

/// Builds the General stream, one stream per track and one Menu per chapter edition.
pub fn streams(file: &MkvFile, codecs: Codecs) -> Vec<Stream> {
    let mut g = Stream::new(StreamKind::General);
    fill_general(&mut g, file);
    let mut tracks: Vec<(Stream, &TrackEntry)> = file
        .tracks
        .iter()
        .filter_map(|t| Some((entry_stream(t)?, t)))
        .collect();
    general_tags(&mut g, file, tracks.last().map(|(s, _)| s));
    let mut codecs = codecs;
    let video_count = tracks
        .iter()
        .filter(|(s, _)| s.kind() == StreamKind::Video)
        .count();
    // MediaInfo's HDR formats (SMPTE ST 2094-40 from BlockAdditionals, then ST 2086 from
    // each video track's mastering metadata) all land in the first video stream.
    let mut hdr = HdrFormats::new(2, 1);
    if let Some(h) = codecs.hdr10plus() {
        hdr.set(0, "HDR_Format", "SMPTE ST 2094 App 4");
        hdr.set(0, "HDR_Format_Version", h.application_version.to_string());
        if h.is_hdr10plus {
            let profile = if h.tone_mapping { "B" } else { "A" };
            hdr.set(
                0,
                "HDR_Format_Compatibility",
                format!("HDR10+ Profile {profile}"),
            );
        }
    }
    let first_video = tracks
        .iter()
        .position(|(s, _)| s.kind() == StreamKind::Video);
    for i in 0..tracks.len() {
        let (s, t) = &mut tracks[i];
        let codec = codecs.stream(t, file);
        let is_first = Some(i) == first_video;
        let target = HdrTarget {
            formats: &mut hdr,
            first_video: is_first,
        };
        let later = finish_track(s, t, file, &g, codec, video_count, target);
        if let (Some(fills), Some(v)) = (later, first_video) {
            super::hdr::fill_merged(&mut tracks[v].0, &fills, "Container");
        }
    }
    // MediaInfo fills its conformance report last.
    fill_conformance(&mut g, file);
    let mut out = vec![g];
    out.extend(tracks.into_iter().map(|(s, _)| s));
    out.extend(chapter_menus(file));
    out
}

fn fill_general(g: &mut Stream, f: &MkvFile) {
    let format = if f.doc_type.as_deref() == Some("webm") {
        "WebM"
    } else {
        "Matroska"
    };
    // One fill per DocType element, joined as MediaInfo joins repeated fills.
    let formats: Vec<&str> = f
        .doc_types
        .iter()
        .map(|t| if t == "webm" { "WebM" } else { "Matroska" })
        .collect();
    g.set(
        "Format",
        if formats.is_empty() {
            format.to_owned()
        } else {
            formats.join(" / ")
        },
    );
    if let Some(info) = db::format(format) {
        g.set("Format/Url", info.url.unwrap_or(""));
        g.set("Format/Extensions", info.extensions.unwrap_or(""));
        g.set("InternetMediaType", info.internet_media_type.unwrap_or(""));
    }
    g.set("Format_Commercial", format);
    if !f.doc_type_versions.is_empty() {
        let versions: Vec<String> = f
            .doc_type_versions
            .iter()
            .map(|v| format!("Version {v}"))
            .collect();
        g.set("Format_Version", versions.join(" / "));
    }
    g.set("FileSize", f.file_size.to_string());
    let info = &f.info;
    if let Some(v) = info.segment_uid {
        g.set("UniqueID", v.to_string());
        g.set("UniqueID/String", format!("{v} (0x{v:X})"));
    }
    if info.duration != 0.0 && info.timestamp_scale != 0 {
        let ms = info.duration * info.timestamp_scale as f64 / 1_000_000.0;
        g.set("Duration", fixed(ms, 0));
    }
    if let Some(date) = encoded_date(f) {
        g.set("Encoded_Date", date);
    }
    if let Some(t) = &info.title {
        g.set("Title", t.clone());
    }
    if let Some(a) = &info.writing_app {
        g.set("Encoded_Application", a.clone());
    }
    if let Some(a) = &info.muxing_app {
        g.set("Encoded_Library", a.clone());
    }
    if let Some(t) = f.error_detection {
        g.set("ErrorDetectionType", t);
    }
    if !f.crc_errors.is_empty() {
        let list: Vec<String> = f.crc_errors.iter().map(u64::to_string).collect();
        g.set("CRC_Error_Pos", list.join(" / "));
    }
    if f.segment_size_is_zero {
        g.set("SegmentSizeIsZero", "Yes");
    }
    g.set("IsStreamable", if f.not_streamable { "No" } else { "Yes" });
    if f.truncated {
        g.set("IsTruncated", "Yes");
    }
    if !f.attachments.is_empty() {
        g.set("Attachments", f.attachments.join(" / "));
    }
    if f.cover {
        g.set("Cover", "Yes");
    }
}

/// `Encoded_Date` from `DateUTC` (seconds truncated toward zero, as a 32-bit count since 1970).
fn encoded_date(f: &MkvFile) -> Option<String> {
    let ns = f.info.date_utc?;
    let secs = (ns / 1_000_000_000 + SECONDS_1970_TO_2001) as u32;
    dates::from_unix(i64::from(secs))
}

/// Conformance errors, nested by element path under `ConformanceErrors` (MediaInfo inserts a
/// nested field after the last field of its parent).
fn fill_conformance(g: &mut Stream, f: &MkvFile) {
    if f.conformance.is_empty() {
        return;
    }
    g.set("ConformanceErrors", f.conformance.len().to_string());
    let mut nested: Vec<(String, String)> = Vec::new();
    let mut insert = |name: String, value: String| {
        if nested.iter().any(|(n, _)| *n == name) {
            return;
        }
        let parent = name.rsplit_once(' ').map_or("", |(p, _)| p);
        let at = nested
            .iter()
            .rposition(|(n, _)| {
                n.strip_prefix(parent)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
            })
            .map_or(nested.len(), |i| i + 1);
        nested.insert(at, (name, value));
    };
    for c in &f.conformance {
        let full = format!("ConformanceErrors {}", c.field);
        let mut space = "ConformanceErrors".len();
        while let Some(i) = full[space + 1..].find(' ') {
            space += 1 + i;
            insert(full[..space].to_string(), "Yes".to_string());
        }
        insert(full, format!("{} {}", c.value, c.note));
    }
    for (name, value) in nested {
        g.set(name, value);
    }
}

/// File-level tags, in name order; values equal to what the Info element gave are not
/// repeated (File_Mk compares Encoded_Date and Title with the last stream it prepared).
fn general_tags(g: &mut Stream, f: &MkvFile, last: Option<&Stream>) {
    let Some(general) = f.tags.get(&0) else {
        return;
    };
    for (field, value) in general {
        let same = |s: Option<&Stream>| s.and_then(|s| s.get(field)) == Some(value.as_str());
        let skip = match field.as_str() {
            "Encoded_Library" => same(Some(g)),
            "Encoded_Date" | "Title" => same(last),
            _ => false,
        };
        if skip || value.is_empty() {
            continue;
        }
        let value = match g.get(field) {
            Some(old) => format!("{old} / {value}"),
            None => value.clone(),
        };
        g.set(field, value);
    }
}

fn stream_kind(k: TrackKind) -> StreamKind {
    match k {
        TrackKind::Video => StreamKind::Video,
        TrackKind::Audio => StreamKind::Audio,
        TrackKind::Text => StreamKind::Text,
    }
}

/// What File_Mk fills while it reads a TrackEntry.
fn entry_stream(t: &TrackEntry) -> Option<Stream> {
    let kind = stream_kind(t.kind?);
    let mut s = Stream::new(kind);
    s.set("StreamOrder", t.stream_order.to_string());
    if let Some(n) = t.number {
        s.set("ID", n.to_string());
    }
    if let Some(uid) = t.uid {
        s.set("UniqueID", uid.to_string());
    }
    if let Some(id) = &t.codec_id {
        fill_codec_id(&mut s, id, codec_table(kind));
    }
    let header_late = t.private_after_media == Some(true);
    if !header_late {
        vfw::fill_header(&mut s, t);
    }
    if let Some(name) = &t.name {
        s.set("Title", name.clone());
    }
    s.set("Language", t.language.clone());
    if let Some(m) = t.muxing_mode {
        s.set("MuxingMode", m);
    }
    if let Some(v) = &t.video {
        if let Some(w) = v.pixel_width {
            s.set("Width", w.to_string());
        }
        if let Some(h) = v.pixel_height {
            s.set("Height", h.to_string());
        }
        timing::fill_field_order(&mut s, v.field_order);
        if let Some(m) = v.stereo_mode {
            s.set("MultiView_Count", "2");
            s.set("MultiView_Layout", stereo_mode(m));
        }
    }
    if let Some(a) = &t.audio {
        s.set("Channel(s)", a.channels.to_string());
        s.set("SamplingRate", fixed(a.sampling_rate, 0));
        if let Some(b) = a.bit_depth {
            s.set("BitDepth", b.to_string());
        }
    }
    if header_late {
        vfw::fill_header(&mut s, t);
    }
    Some(s)
}

fn codec_table(kind: StreamKind) -> CodecIdTable {
    match kind {
        StreamKind::Video => CodecIdTable::VideoMatroska,
        StreamKind::Audio => CodecIdTable::AudioMatroska,
        _ => CodecIdTable::TextMatroska,
    }
}

/// MediaInfo's `CodecID_Fill`: the codec ID and what its table says of it. A second codec ID
/// (from a VfW or ACM header) joins the first.
fn fill_codec_id(s: &mut Stream, id: &str, table: CodecIdTable) {
    let joined = match s.get("CodecID") {
        Some(old) => format!("{old} / {id}"),
        None => id.to_string(),
    };
    s.set("CodecID", joined);
    if let Some(info) = db::codec_id(table, id) {
        codec_id::fill_from_table(s, &info, FormatFill::Replace);
    }
}

/// MediaInfo's names of the `StereoMode` values.
fn stereo_mode(v: u64) -> &'static str {
    match v {
        1 => "Side by Side (left eye first)",
        2 => "Top-Bottom (right eye first)",
        3 => "Top-Bottom (left eye first)",
        4 => "Checkboard (right eye first)",
        5 => "Checkboard (left eye first)",
        6 => "Row Interleaved (right eye first)",
        7 => "Row Interleaved (left eye first)",
        8 => "Column Interleaved (right eye first)",
        9 => "Column Interleaved (left eye first)",
        10 => "Anaglyph (cyan/red)",
        11 => "Side by Side (right eye first)",
        12 => "Anaglyph (green/magenta)",
        13 => "Both Eyes laced in one block (left eye first)",
        14 => "Both Eyes laced in one block (right eye first)",
        _ => "",
    }
}

/// The file's HDR formats, and whether the track being finished is the first video stream
/// (where MediaInfo fills them).
struct HdrTarget<'a> {
    formats: &'a mut HdrFormats,
    first_video: bool,
}

/// File_Mk's `Streams_Finish` for one track: colour fields, tags, aspect ratio, frame rate,
/// delay, then the codec parser's view merged in.
fn finish_track(
    s: &mut Stream,
    t: &TrackEntry,
    f: &MkvFile,
    general: &Stream,
    codec: Option<Stream>,
    video_count: usize,
    hdr: HdrTarget,
) -> Option<Vec<(&'static str, String)>> {
    let HdrTarget {
        formats: hdr,
        first_video,
    } = hdr;
    let mut later = None;
    let default_props = TrackProps::default();
    let p = f.props_of(t.number).unwrap_or(&default_props);
    let mut has_stats = false;
    let mut rate_from_tags = 0.0;
    if let Some(uid) = p.uid.filter(|&u| u != 0 && u != u64::MAX) {
        for (name, value) in &p.infos {
            fill_with_container_source(s, name, value);
        }
        if let Some(list) = f.tags.get(&uid) {
            let out = tags::fill_track_tags(s, list, general, p.default_duration);
            has_stats = out.has_stats;
            rate_from_tags = out.frame_rate;
        }
    }
    if p.display_aspect_ratio != 0.0 && s.kind() == StreamKind::Video {
        let mut dar = p.display_aspect_ratio;
        if (1.777..=1.778).contains(&dar) {
            dar = 16.0 / 9.0;
        }
        if (1.333..=1.334).contains(&dar) {
            dar = 4.0 / 3.0;
        }
        s.set("DisplayAspectRatio", fixed(f64::from(dar), 3));
        let w: u64 = s.get("Width").and_then(|v| v.parse().ok()).unwrap_or(0);
        let h: u64 = s.get("Height").and_then(|v| v.parse().ok()).unwrap_or(0);
        if w != 0 {
            s.set(
                "PixelAspectRatio",
                fixed(f64::from(dar * h as f32 / w as f32), 3),
            );
        }
    }
    if s.kind() == StreamKind::Video {
        let parser_rate = codec
            .as_ref()
            .and_then(|c| c.get("FrameRate"))
            .and_then(|v| v.parse::<f32>().ok());
        timing::fill_frame_rate(s, f, p, parser_rate, rate_from_tags);
        if super::hdr::add_mastering(hdr, 1, &p.mastering.primaries, &p.mastering.luminance)
            && hdr.get(1, "HDR_Format").is_empty()
        {
            hdr.set(1, "HDR_Format", "SMPTE ST 2086");
            hdr.set(1, "HDR_Format_Compatibility", "HDR10");
        }
        let fills = hdr.merged();
        if first_video {
            super::hdr::fill_merged(s, &fills, "Container");
        } else if !fills.is_empty() {
            later = Some(fills);
        }
    }
    if s.kind() != StreamKind::Text {
        timing::fill_delay(s, f, p, has_stats, video_count);
    }
    if let Some(codec) = codec {
        super::merge::merge(s, &codec);
        if matches!(s.get("Format"), Some("AAC" | "MPEG Audio" | "Vorbis")) {
            s.remove("BitDepth");
        }
        if matches!(s.get("Format"), Some("AC-3" | "E-AC-3" | "DTS"))
            && s.get("Channel(s)_Original") == Some("6")
            && s.get("Channel(s)") == Some("5")
        {
            s.remove("Channel(s)_Original");
            s.set("Channel(s)", "6");
        }
    }
    if s.kind() == StreamKind::Video {
        if s.get("FrameRate_Mode") == Some("VFR") && !s.has("FrameRate_Original") {
            let rate = s.remove("FrameRate").unwrap_or_default();
            s.set("FrameRate_Original", rate);
            s.remove("FrameRate_Num");
            s.remove("FrameRate_Den");
        }
        let [bottom, top, left, right] = p.crop;
        if left != 0 || right != 0 {
            let w: u64 = s.get("Width").and_then(|v| v.parse().ok()).unwrap_or(0);
            s.set("Width_Original", w.to_string());
            s.set("Width", w.saturating_sub(left + right).to_string());
            s.set("Width_Offset", left.to_string());
        }
        if top != 0 || bottom != 0 {
            let h: u64 = s.get("Height").and_then(|v| v.parse().ok()).unwrap_or(0);
            s.set("Height_Original", h.to_string());
            s.set("Height", h.saturating_sub(top + bottom).to_string());
            s.set("Height_Offset", top.to_string());
        }
        if p.frame_rate != 0.0 && !s.has("FrameRate") {
            s.set("FrameRate", fixed(p.frame_rate, 3));
        }
    }
    s.set("Default", if p.default { "Yes" } else { "No" });
    s.set("Forced", if p.forced { "Yes" } else { "No" });
    later
}

/// A colour description field filled by the container: its `_Source` is set even when the
/// value is empty (an unknown code), as MediaInfo's `Fill` does for these fields.
fn fill_with_container_source(s: &mut Stream, name: &str, value: &str) {
    const SHOWN: [&str; 5] = [
        "colour_description_present",
        "colour_range",
        "colour_primaries",
        "matrix_coefficients",
        "transfer_characteristics",
    ];
    let shown = SHOWN.contains(&name) || name == "MaxCLL" || name == "MaxFALL";
    if shown && !s.has(&format!("{name}_Source")) {
        s.set(format!("{name}_Source"), "Container");
    }
    if !value.is_empty() && !s.has(name) {
        s.set(name, value);
    }
}

/// One Menu stream per edition: `HH:MM:SS.mmm` = `lang:title` (titles in several languages
/// joined with ` - `), framed by Chapters_Pos_Begin/End.
fn chapter_menus(file: &MkvFile) -> Vec<Stream> {
    if file.info.timestamp_scale == 0 {
        return Vec::new();
    }
    let begin = super::strings::table::rows(StreamKind::Menu).len();
    file.editions
        .iter()
        .map(|atoms| {
            let mut menu = Stream::new(StreamKind::Menu);
            menu.set("Chapters_Pos_Begin", begin.to_string());
            let mut count = 0;
            for a in atoms {
                let Some(start) = a.start_ns else { continue };
                let time = dates::milliseconds_text(start / 1_000_000);
                let parts: Vec<String> = a
                    .displays
                    .iter()
                    .map(|(lang, title)| {
                        let mut text = String::new();
                        if !lang.is_empty() {
                            match db::iso639_1_of(lang) {
                                Some(two) => text.push_str(two),
                                None if lang != "und" => text.push_str(lang),
                                None => {}
                            }
                            if !text.is_empty() {
                                text.push(':');
                            }
                        }
                        text.push_str(title);
                        text
                    })
                    .collect();
                let text = if parts.is_empty() {
                    time.clone()
                } else {
                    parts.join(" - ")
                };
                // An empty title fills nothing; a second chapter at the same time joins the
                // first, as MediaInfo's Fill does.
                if text.is_empty() {
                    continue;
                }
                let text = match menu.get(&time) {
                    Some(old) => format!("{old} / {text}"),
                    None => {
                        count += 1;
                        text
                    }
                };
                menu.set(time, text);
            }
            menu.set("Chapters_Pos_End", (begin + count).to_string());
            menu
        })
        .collect()
}
