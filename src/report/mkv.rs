//! Matroska/WebM facts → MediaInfo fields: what File_Mk fills from the container itself.

use crate::codec::{aac, avc};
use crate::container::mkv::segment::TrackEntry;
use crate::container::mkv::{MkvFile, ids};
use crate::report::aac as report_aac;
use crate::report::colour;
use crate::report::db::{self, CodecIdTable};
use crate::report::{Stream, StreamKind};

use super::dates;
use super::numbers::fixed;

/// Seconds between 1970-01-01 and Matroska's epoch, 2001-01-01.
const SECONDS_1970_TO_2001: i64 = 978_307_200;

/// Builds the General stream and one stream per track.
pub fn streams(file: &MkvFile) -> Vec<Stream> {
    let mut g = Stream::new(StreamKind::General);
    fill_general(&mut g, file);
    let mut out = vec![g];
    for (order, t) in file.tracks.iter().enumerate() {
        if let Some(s) = track_stream(file, t, order) {
            out.push(s);
        }
    }
    out.extend(chapter_menus(file));
    out
}

/// One Menu stream per edition: `HH:MM:SS.mmm` = `lang:title` (titles in several languages
/// joined with ` - `), framed by Chapters_Pos_Begin/End.
fn chapter_menus(file: &MkvFile) -> Vec<Stream> {
    let editions = file
        .chapters
        .iter()
        .map(|c| c.edition)
        .max()
        .map_or(0, |m| m + 1);
    let begin = super::strings::table::rows(StreamKind::Menu).len();
    (0..editions)
        .map(|edition| {
            let mut menu = Stream::new(StreamKind::Menu);
            let chapters: Vec<_> = file
                .chapters
                .iter()
                .filter(|c| c.edition == edition)
                .collect();
            menu.set("Chapters_Pos_Begin", begin.to_string());
            for c in &chapters {
                let time = dates::milliseconds_text(c.start_ns / 1_000_000);
                let mut parts = Vec::new();
                for (lang, title) in &c.titles {
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
                    parts.push(text);
                }
                let text = if parts.is_empty() {
                    time.clone()
                } else {
                    parts.join(" - ")
                };
                menu.set(time, text);
            }
            menu.set("Chapters_Pos_End", (begin + chapters.len()).to_string());
            menu
        })
        .collect()
}

fn fill_general(g: &mut Stream, f: &MkvFile) {
    let format = if f.doc_type == "webm" {
        "WebM"
    } else {
        "Matroska"
    };
    g.set("Format", format);
    if let Some(info) = db::format(format) {
        g.set("Format/Url", info.url.unwrap_or(""));
        g.set("Format/Extensions", info.extensions.unwrap_or(""));
        g.set("InternetMediaType", info.internet_media_type.unwrap_or(""));
    }
    g.set("Format_Commercial", format);
    if f.doc_type_version > 0 {
        g.set("Format_Version", format!("Version {}", f.doc_type_version));
    }
    g.set("FileSize", f.file_size.to_string());
    let info = &f.info;
    if let Some(uid) = &info.segment_uid
        && uid.len() == 16
    {
        let v = uid.iter().fold(0u128, |a, &b| (a << 8) | u128::from(b));
        g.set("UniqueID", v.to_string());
        g.set("UniqueID/String", format!("{v} (0x{v:X})"));
    }
    if let Some(d) = info.duration {
        let ms = d * info.timestamp_scale as f64 / 1_000_000.0;
        g.set("Duration", fixed(ms, 0));
    }
    if let Some(ns) = info.date_utc {
        let secs = ns.div_euclid(1_000_000_000) + SECONDS_1970_TO_2001;
        if let Some(d) = dates::from_unix(secs) {
            g.set("Encoded_Date", d);
        }
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
    if f.has_crc32 {
        g.set("ErrorDetectionType", "Per level 1");
    }
    // Streamable when the metadata precedes the first cluster.
    let first_cluster = f.top.iter().position(|e| e.id == ids::CLUSTER);
    let tracks_at = f.top.iter().position(|e| e.id == ids::TRACKS);
    if let (Some(c), Some(t)) = (first_cluster, tracks_at) {
        g.set("IsStreamable", if t < c { "Yes" } else { "No" });
    } else if tracks_at.is_some() {
        g.set("IsStreamable", "Yes");
    }
    // Tags for the whole file, by MediaInfo's names; a later tag of a name replaces an earlier
    // one, and they are filled in name order (File_Mk keeps them in a sorted map).
    let mut general: std::collections::BTreeMap<String, String> = Default::default();
    for tag in f.tags.iter().filter(|t| t.track_uids.is_empty()) {
        if let Some((field, value)) = tag_field(&tag.name, &tag.value) {
            general.insert(field, value);
        }
    }
    for (field, value) in general {
        // The Info element's value is not repeated by an equal tag.
        if matches!(field.as_str(), "Encoded_Library" | "Encoded_Date" | "Title")
            && g.get(&field) == Some(value.as_str())
        {
            continue;
        }
        if value.is_empty() {
            continue;
        }
        // A second value for a field joins the first, as MediaInfo's Fill does.
        let value = match g.get(&field) {
            Some(old) => format!("{old} / {value}"),
            None => value,
        };
        g.set(field, value);
    }
    if !f.attachments.is_empty() {
        let names: Vec<&str> = f.attachments.iter().map(|a| a.name.as_str()).collect();
        g.set("Attachments", names.join(" / "));
    }
}

/// A Matroska tag's MediaInfo field and value (File_Mk's tag table); `None` for tags it
/// drops. `name` is the SimpleTag path, `A/B` for nested tags.
fn tag_field(name: &str, value: &str) -> Option<(String, String)> {
    let mut parts: Vec<String> = name.split('/').map(str::to_string).collect();
    let mut value = value.to_string();
    let not_a_title = |v: &str| {
        v.contains("Handler") || v.contains("handler") || v.contains("vide") || v.contains("soun")
    };
    let first = match parts[0].as_str() {
        "AERMS_OF_USE" | "TERMS_OF_USE" => "TermsOfUse",
        "BITSPS" | "COMPATIBLE_BRANDS" | "FPS" | "MAJOR_BRAND" | "MINOR_VERSION"
        | "STEREO_MODE" => return None,
        "CONTENT_TYPE" => "ContentType",
        "COPYRIGHT" => "Copyright",
        "CREATION_TIME" => {
            value.push_str(" UTC");
            "Encoded_Date"
        }
        "DATE_DIGITIZED" => {
            value.push_str(" UTC");
            "Mastered_Date"
        }
        "DATE_ENCODED" => "Encoded_Date",
        "DATE_RECORDED" => "Recorded_Date",
        "DATE_RELEASE" | "DATE_RELEASED" => "Released_Date",
        "DATE_TAGGED" => "Tagged_Date",
        "DESCRIPTION" => "Description",
        "ENCODED_BY" => "EncodedBy",
        "ENCODER" => "Encoded_Library",
        "ENCODER_SETTINGS" => "Encoded_Library_Settings",
        "HANDLER_NAME" if not_a_title(&value) => return None,
        "HANDLER_NAME" => "Title",
        "LANGUAGE" => "Language",
        "PART_NUMBER" => "Track/Position",
        "ORIGINAL_MEDIA_TYPE" => "OriginalSourceForm",
        "SAMPLE" if parts.len() == 2 && parts[1] == "PART_NUMBER" => return None,
        "SAMPLE" if parts.len() == 2 && parts[1] == "TITLE" => {
            parts.truncate(1);
            "Title_More"
        }
        "TIMECODE" if not_a_title(&value) => return None,
        "TIMECODE" => "TimeCode_FirstFrame",
        "TITLE" => "Title",
        "TOTAL_PARTS" => "Track/Position_Total",
        other => other,
    }
    .to_string();
    parts[0] = first;
    for p in parts.iter_mut() {
        match p.as_str() {
            "BARCODE" => *p = "BarCode".into(),
            "COMMENT" => *p = "Comment".into(),
            "ORIGINAL" => *p = "Original".into(),
            "URL" => *p = "Url".into(),
            _ => {}
        }
    }
    Some((parts.join("/"), value))
}

fn kind_of(t: &TrackEntry) -> Option<StreamKind> {
    Some(match t.track_type {
        1 => StreamKind::Video,
        2 => StreamKind::Audio,
        17 => StreamKind::Text,
        _ => return None,
    })
}

fn track_stream(f: &MkvFile, t: &TrackEntry, order: usize) -> Option<Stream> {
    let kind = kind_of(t)?;
    let mut s = Stream::new(kind);
    s.set("StreamOrder", order.to_string());
    s.set("ID", t.number.to_string());
    if let Some(uid) = t.uid {
        s.set("UniqueID", uid.to_string());
    }
    s.set("CodecID", t.codec_id.clone());
    let table = match kind {
        StreamKind::Video => CodecIdTable::VideoMatroska,
        StreamKind::Audio => CodecIdTable::AudioMatroska,
        _ => CodecIdTable::TextMatroska,
    };
    let lookup = db::codec_id(table, &t.codec_id).or_else(|| {
        // A_AAC/MPEG4/LC and similar fall back to their family.
        let base = t.codec_id.split('/').next().unwrap_or("");
        db::codec_id(table, base)
    });
    if let Some(info) = lookup {
        if let Some(v) = info.format {
            s.set("Format", v);
        }
        if let Some(v) = info.info {
            s.set("CodecID/Info", v);
        }
        if let Some(v) = info.url {
            s.set("CodecID/Url", v);
        }
    }
    if let Some(name) = &t.name {
        s.set("Title", name.clone());
    }
    let lang = t.language.clone().unwrap_or_else(|| "eng".to_string());
    if lang != "und" {
        let l = db::iso639_1_of(&lang).unwrap_or(&lang);
        s.set("Language", l.to_string());
    }
    s.set("Default", if t.default { "Yes" } else { "No" });
    s.set("Forced", if t.forced { "Yes" } else { "No" });

    if let Some(v) = &t.video {
        if let Some(w) = v.pixel_width {
            s.set("Width", w.saturating_sub(v.crop[2] + v.crop[3]).to_string());
        }
        if let Some(h) = v.pixel_height {
            s.set(
                "Height",
                h.saturating_sub(v.crop[0] + v.crop[1]).to_string(),
            );
        }
        if let (Some(dw), Some(dh)) = (v.display_width, v.display_height)
            && v.display_unit == 0
            && dh > 0
        {
            let mut dar = dw as f32 / dh as f32;
            if (1.777..=1.778).contains(&dar) {
                dar = 16.0 / 9.0;
            }
            if (1.333..=1.334).contains(&dar) {
                dar = 4.0 / 3.0;
            }
            s.set("DisplayAspectRatio", fixed(f64::from(dar), 3));
            if let (Some(w), Some(h)) = (v.pixel_width, v.pixel_height)
                && w > 0
            {
                s.set(
                    "PixelAspectRatio",
                    fixed(f64::from(dar * h as f32 / w as f32), 3),
                );
            }
        }
    }
    if let Some(a) = &t.audio {
        if let Some(c) = a.channels {
            s.set("Channel(s)", c.to_string());
        }
        if let Some(r) = a.output_sampling_frequency.or(a.sampling_frequency) {
            s.set("SamplingRate", fixed(r, 0));
        }
        if let Some(b) = a.bit_depth {
            s.set("BitDepth", b.to_string());
        }
    }
    if let Some(v) = &t.video {
        fill_colour(&mut s, &v.colour);
    }
    fill_track_tags(&mut s, f, t);
    if kind != StreamKind::Text {
        fill_delay(&mut s, f, t);
    }
    if kind == StreamKind::Video {
        fill_frame_rate(&mut s, f, t);
    }
    if let Some(codec) = codec_stream(f, t, kind) {
        super::merge::merge(&mut s, &codec);
        if matches!(s.get("Format"), Some("AAC" | "MPEG Audio" | "Vorbis")) {
            s.remove("BitDepth"); // not meaningful for these formats
        }
        if t.codec_id == "A_AAC"
            && let Some(&first) = t.codec_private.first()
        {
            // MediaInfo appends the audio object type to a bare A_AAC codec ID.
            s.set("CodecID", format!("A_AAC-{}", first >> 3));
        }
    }
    Some(s)
}

/// The `Colour` element's description, marked as coming from the container.
fn fill_colour(s: &mut Stream, colour: &[(u32, f64)]) {
    let mut present = false;
    let mut with_source = |s: &mut Stream, name: &str, value: &str| {
        present = true;
        if !value.is_empty() {
            s.set(name, value);
            s.set(format!("{name}_Source"), "Container");
        }
    };
    for &(id, v) in colour {
        let code = v as u8;
        match id {
            0x55B1 => {
                with_source(s, "matrix_coefficients", colour::matrix(code));
                s.set("ColorSpace", colour::matrix_color_space(code));
            }
            0x55B9 => with_source(
                s,
                "colour_range",
                match code {
                    1 => "Limited",
                    2 => "Full",
                    _ => "",
                },
            ),
            0x55BA => with_source(s, "transfer_characteristics", colour::transfer(code)),
            0x55BB => with_source(s, "colour_primaries", colour::primaries(code)),
            0x55BC => with_source(s, "MaxCLL", &(v as u64).to_string()),
            0x55BD => with_source(s, "MaxFALL", &(v as u64).to_string()),
            _ => {}
        }
    }
    if present {
        s.set("colour_description_present", "Yes");
        s.set("colour_description_present_Source", "Container");
    }
}

/// Statistics tags (trusted when written after the segment's date) and the other tags of a
/// track, as File_Mk's Streams_Finish reads them.
fn fill_track_tags(s: &mut Stream, f: &MkvFile, t: &TrackEntry) {
    let Some(uid) = t.uid else { return };
    let tags: Vec<_> = f
        .tags
        .iter()
        .filter(|tag| tag.track_uids.contains(&uid))
        .collect();
    let get = |name: &str| {
        tags.iter()
            .find(|t| t.name == name)
            .map(|t| t.value.clone())
    };
    let stats = get("_STATISTICS_TAGS");
    let has_stats = stats.is_some();
    let mut handled: Vec<&str> = vec![
        "_STATISTICS_TAGS",
        "_STATISTICS_WRITING_APP",
        "_STATISTICS_WRITING_DATE_UTC",
    ];
    if let Some(list) = &stats {
        let segment_date = f
            .info
            .date_utc
            .and_then(|ns| dates::from_unix(ns.div_euclid(1_000_000_000) + SECONDS_1970_TO_2001))
            .map(|d| d.trim_end_matches(" UTC").to_string())
            .unwrap_or_default();
        let written = get("_STATISTICS_WRITING_DATE_UTC").unwrap_or_default();
        let verified = written >= segment_date;
        for name in list.split([' ', '\0']).filter(|n| !n.is_empty()) {
            let Some(value) = get(name) else { continue };
            let field = match name {
                "BPS" => "BitRate",
                "DURATION" => "Duration",
                "NUMBER_OF_FRAMES" => "FrameCount",
                "NUMBER_OF_BYTES" => "StreamSize",
                "NUMBER_OF_BYTES_UNCOMPRESSED" => "StreamSize_Demuxed",
                _ => continue,
            };
            if let Some(k) = tags.iter().find(|t| t.name == name) {
                handled.push(k.name.as_str());
            }
            if !verified {
                let from = match field {
                    "StreamSize_Demuxed" => "Stream Size (Uncompressed)",
                    other => other,
                };
                s.set(format!("FromStats_{from}"), value);
                continue;
            }
            if field == "Duration" {
                if let Some(ms) = duration_tag_ms(&value, true) {
                    s.set("Duration", ms);
                }
            } else {
                if field == "FrameCount"
                    && s.kind == StreamKind::Text
                    && !s
                        .get("Format")
                        .is_some_and(|f| f.contains("608") || f.contains("708"))
                {
                    // For subtitles the frame count is also the count of elements.
                    s.set("ElementCount", value.clone());
                }
                s.set(field, value);
            }
        }
    }
    let mut others: std::collections::BTreeMap<String, String> = Default::default();
    for tag in &tags {
        if handled.contains(&tag.name.as_str()) {
            continue;
        }
        if !has_stats
            && tag.name == "DURATION"
            && let Some(ms) = duration_tag_ms(&tag.value, false)
        {
            s.set("Duration", ms);
            continue;
        }
        if let Some((field, value)) = tag_field(&tag.name, &tag.value) {
            others.insert(field, value);
        }
    }
    for (field, value) in others {
        // The Tracks element's language comes first.
        if value.is_empty() || (field == "Language" && s.has("Language")) {
            continue;
        }
        s.set(field, value);
    }
}

/// `HH:MM:SS.nnnnnnnnn` to milliseconds, with as many decimals as the tag has digits past the
/// millisecond (MediaInfo's rounding).
fn duration_tag_ms(value: &str, lenient: bool) -> Option<String> {
    let b = value.as_bytes();
    let strict_ok = b.len() >= 12
        && b[0..2].iter().all(u8::is_ascii_digit)
        && b[2] == b':'
        && b[3..5].iter().all(u8::is_ascii_digit)
        && b[5] == b':'
        && b[6..8].iter().all(u8::is_ascii_digit)
        && b[8] == b'.'
        && b[9..].iter().all(u8::is_ascii_digit);
    if !strict_ok && !lenient {
        return None;
    }
    let parts: Vec<&str> = value.split(':').collect();
    let mut seconds = 0f64;
    let mut decimals = 0usize;
    if let Some(h) = parts.first() {
        seconds += h.parse::<f64>().unwrap_or(0.0) * 3600.0;
    }
    if let Some(m) = parts.get(1) {
        seconds += m.parse::<f64>().unwrap_or(0.0) * 60.0;
    }
    if let Some(sec) = parts.get(2) {
        seconds += sec.parse::<f64>().unwrap_or(0.0);
        if sec.len() > 6 {
            decimals = sec.len() - 6;
        }
    }
    if !lenient {
        decimals = b.len() - 12;
    }
    Some(fixed(seconds * 1000.0, decimals))
}

/// The first block's timestamp is the track's delay.
fn fill_delay(s: &mut Stream, f: &MkvFile, t: &TrackEntry) {
    let Some(frames) = f.blocks.tracks.get(&t.number) else {
        return;
    };
    let Some(&first) = frames.timestamps.iter().min() else {
        return;
    };
    let delay = first as f64 * f.info.timestamp_scale as f64 / 1_000_000.0;
    s.set("Delay", fixed(delay, 0));
    s.set("Delay_Source", "Container");
    // Without statistics tags, a DURATION tag runs to the end of the last frame: the delay is
    // taken off, keeping the value's decimals (File_Mk).
    let has_stats = t.uid.is_some_and(|uid| {
        f.tags
            .iter()
            .any(|tag| tag.track_uids.contains(&uid) && tag.name == "_STATISTICS_TAGS")
    });
    if let Some(d) = s.get("Duration").map(str::to_string)
        && !has_stats
        && let Ok(value) = d.parse::<f64>()
        && value != 0.0
        && value >= delay
    {
        let decimals = d.find('.').map_or(0, |p| d.len() - p - 1);
        s.set("Duration", fixed(value - delay, decimals));
    }
}

/// Frame rate and mode from block timestamps and the default duration (File_Mk's rule).
fn fill_frame_rate(s: &mut Stream, f: &MkvFile, t: &TrackEntry) {
    let scale = f.info.timestamp_scale as f64;
    let mut vfr = false;
    if let Some(frames) = f.blocks.tracks.get(&t.number)
        && frames.timestamps.len() > 1
    {
        let mut ts = frames.timestamps.clone();
        ts.sort_unstable();
        let mut between: Vec<i64> = ts
            .windows(2)
            .map(|w| w[1].saturating_sub(w[0]))
            .filter(|&d| d != 0)
            .collect();
        if between.len() >= 60 + 32 {
            between.truncate(between.len() - 16);
        }
        between.sort_unstable();
        if between.len() >= 40 {
            between.truncate(between.len() - between.len() / 10);
        } else if between.len() >= 7 {
            between.truncate(between.len() - 4);
        }
        if between.len() > 2 {
            let (lo, hi) = (between[0] as f64, between[between.len() - 1] as f64);
            if lo * 0.9 < hi && lo * 1.1 > hi {
                let mut time =
                    between.iter().map(|&d| d as f64).sum::<f64>() as f32 / between.len() as f32;
                if let Some(dd) = t.default_duration {
                    let d = (dd as f64 / scale) as f32;
                    if time >= d * 0.95 && time <= d * 1.05 {
                        time = d;
                    }
                }
                if time > 0.0 {
                    let rate = 1_000_000_000.0 / time / scale as f32;
                    super::side_effects::set_frame_rate(s, f64::from(rate));
                }
            } else {
                vfr = true;
            }
        }
    }
    if !vfr
        && !s.has("FrameRate")
        && let Some(dd) = t.default_duration
        && dd > 0
        && ![32_999_999, 41_999_998, 41_999_999].contains(&dd)
    {
        let rate = 1_000_000_000.0 / dd as f32;
        super::side_effects::set_frame_rate(s, f64::from(rate));
    }
    s.set("FrameRate_Mode", if vfr { "VFR" } else { "CFR" });
}

/// A video track's coded width and height.
fn pixel_size(t: &TrackEntry) -> Option<(u64, u64)> {
    let v = t.video.as_ref()?;
    Some((v.pixel_width?, v.pixel_height?))
}

/// The codec parser's view of a track, from CodecPrivate and the first frames.
fn codec_stream(f: &MkvFile, t: &TrackEntry, kind: StreamKind) -> Option<Stream> {
    let frames = f.blocks.tracks.get(&t.number);
    if kind == StreamKind::Video && t.codec_id == "V_MPEG4/ISO/AVC" && !t.codec_private.is_empty() {
        let mut parser = avc::AvcParser::new(&t.codec_private);
        if !t.encrypted {
            for frame in frames.map(|f| f.frames.as_slice()).unwrap_or(&[]) {
                parser.push_sample(frame);
                if !parser.wants_more() {
                    break;
                }
            }
        }
        let mut codec = Stream::new(StreamKind::Video);
        super::avc::fill_video(&mut codec, parser.info());
        return Some(codec);
    }
    if kind == StreamKind::Video && t.codec_id == "V_MPEGH/ISO/HEVC" {
        let mut parser = crate::codec::hevc::HevcParser::new(&t.codec_private);
        if !t.encrypted {
            for frame in frames.map(|f| f.frames.as_slice()).unwrap_or(&[]) {
                if !parser.wants_more() {
                    break;
                }
                parser.push_sample(frame);
            }
        }
        let mut codec = Stream::new(StreamKind::Video);
        super::hevc::fill_video(&mut codec, parser.info());
        return Some(codec);
    }
    if kind == StreamKind::Video
        && t.codec_id == "V_VP9"
        && let Some(h) = frames.and_then(|f| {
            f.frames
                .iter()
                .find_map(|fr| crate::codec::vp9::Vp9Header::parse_key_frame(fr))
        })
    {
        let mut codec = Stream::new(StreamKind::Video);
        codec.set("Format", "VP9");
        codec.set("Format_Profile", h.profile.to_string());
        codec.set("BitDepth", h.bit_depth.to_string());
        codec.set("ChromaSubsampling", h.chroma_subsampling());
        if let Some((w, h)) = pixel_size(t) {
            codec.set("Sampled_Width", w.to_string());
            codec.set("Sampled_Height", h.to_string());
        }
        return Some(codec);
    }
    if kind == StreamKind::Video
        && t.codec_id == "V_AV1"
        && let Some(c) = crate::codec::av1::Av1Config::parse(&t.codec_private)
    {
        let mut codec = Stream::new(StreamKind::Video);
        super::av1::fill_video(&mut codec, &c, pixel_size(t));
        if let Some(cc) = t
            .codec_private
            .get(4..)
            .and_then(crate::codec::av1::sequence_color)
        {
            super::av1::fill_colour(&mut codec, &cc);
        }
        return Some(codec);
    }
    if kind == StreamKind::Audio
        && t.codec_id == "A_FLAC"
        && let Some(si) = crate::codec::flac::StreamInfo::from_codec_private(&t.codec_private)
    {
        let mut codec = Stream::new(StreamKind::Audio);
        super::flac::fill_audio(&mut codec, &si);
        return Some(codec);
    }
    if kind == StreamKind::Audio
        && t.codec_id == "A_VORBIS"
        && let Some(id) = crate::codec::vorbis::Identification::from_codec_private(&t.codec_private)
    {
        let mut codec = Stream::new(StreamKind::Audio);
        super::vorbis::fill_audio(&mut codec, &id);
        return Some(codec);
    }
    if kind == StreamKind::Audio && t.codec_id == "A_AC3" {
        let bsis: Vec<_> = frames
            .map(|f| f.frames.as_slice())
            .unwrap_or(&[])
            .iter()
            .filter_map(|f| crate::codec::ac3::Bsi::parse(f))
            .take(super::ac3::FRAMES)
            .collect();
        if bsis.is_empty() {
            return None;
        }
        let mut codec = Stream::new(StreamKind::Audio);
        super::ac3::fill_audio(&mut codec, &bsis);
        return Some(codec);
    }
    if kind == StreamKind::Audio
        && t.codec_id == "A_OPUS"
        && let Some(head) = crate::codec::opus::OpusHead::parse(&t.codec_private)
    {
        let mut codec = Stream::new(StreamKind::Audio);
        super::opus::fill_audio(&mut codec, &head);
        return Some(codec);
    }
    if kind == StreamKind::Audio && t.codec_id.starts_with("A_AAC") && !t.codec_private.is_empty() {
        let mut parser = aac::AacParser::new(&t.codec_private);
        if !t.encrypted {
            for frame in frames.map(|f| f.frames.as_slice()).unwrap_or(&[]) {
                parser.push_frame(frame);
                if !parser.wants_more() {
                    break;
                }
            }
        }
        let info = parser.info()?;
        let mut codec = Stream::new(StreamKind::Audio);
        report_aac::fill_audio(&mut codec, &info);
        return Some(codec);
    }
    None
}
