//! MP4/MOV facts → MediaInfo fields: what File_Mpeg4 fills from the container itself.
//!
//! Codec-level fields come from the codec modules (`report::avc`, `report::aac`); the generic
//! derivations (bit rates, General duration, stream sizes) come later, in `report::finish`.

use crate::codec::{aac, avc, hevc};
use crate::container::mp4::boxes::FourCC;
use crate::container::mp4::boxes::find;
use crate::container::mp4::movie::{Movie, Track};
use crate::container::mp4::sample_entry::SampleEntry;
use crate::container::mp4::sample_table::SampleTable;
use crate::container::mp4::{Mp4File, esds, samples};
use crate::report::aac as report_aac;
use crate::report::avc as report_avc;
use crate::report::codec_id::{self, FormatFill};
use crate::report::colour;
use crate::report::conformance::{Conformance, Occurrences, Place, ran_out_of_data};
use crate::report::db::{self, CodecIdTable};
use crate::report::{Stream, StreamKind};
use crate::source::Source;

pub mod captions;
pub mod conformance;
pub mod frame_times;
pub mod iods;
pub mod items;
pub mod timecode;

use timecode::TimeCode;

use super::dates;
use super::numbers::{fixed, half_up, rounded};

/// One track's stream and what later steps need from the track.
pub struct TrackStream<'a> {
    pub stream: Stream,
    pub track: &'a Track,
}

/// Builds the General stream and one stream per track.
pub fn streams(file: &Mp4File, src: &dyn Source) -> Vec<Stream> {
    let mut general = Stream::new(StreamKind::General);
    let audio_hints = fill_general(&mut general, file);
    let mut out = vec![general];
    // Samples handed to codec parsers, all tracks together (for where MediaInfo stops).
    let mut fed: Vec<(u64, u32)> = Vec::new();
    if let Some(movie) = &file.movie {
        // A text track is a chapter list (a Menu) when a track before it names it so:
        // File_Mpeg4 decides as it reads the track's handler.
        let chapter_ids = |order: usize| -> Vec<u32> {
            movie.tracks[..order]
                .iter()
                .flat_map(chapter_references)
                .collect()
        };
        let kinds: Vec<Option<StreamKind>> = (movie.tracks.iter().enumerate())
            .map(|(order, t)| handler_kind(t, &chapter_ids(order)))
            .collect();
        let timecodes: Vec<TimeCode> = (movie.tracks.iter().enumerate())
            .filter_map(|(i, t)| TimeCode::read(movie, i, track_duration(movie, t), src))
            .collect();
        let timing = Timing {
            associations: timecode::associate(movie, &kinds, &timecodes),
            timecodes,
        };
        for (order, track) in movie.tracks.iter().enumerate() {
            let ids = chapter_ids(order);
            let Some(s) = track_stream(file, movie, track, order, &ids, &timing, src, &mut fed)
            else {
                continue;
            };
            if s.kind() == StreamKind::Text && captions::is_c608(track) {
                let c = captions::streams(s, file, track, src);
                if let Some(rating) = c.law_rating {
                    out[0].set("LawRating", rating);
                }
                if let Some(title) = c.title {
                    out[0].set_if_absent("Title", title);
                }
                out.extend(c.streams);
            } else {
                out.push(s);
            }
        }
    }
    if let Some(thumbnail) = file.movie.as_ref().and_then(|m| m.thumbnail.as_ref()) {
        // File_Mpeg4 reads a `udta/thmb` image as a file of its own: a JPEG one makes an
        // Image stream the size of the image.
        out[0].append("Cover_Type", "Thumbnail");
        if let Some(info) = crate::codec::jpeg::parse(&thumbnail.head) {
            let mut image = Stream::new(StreamKind::Image);
            super::jpeg::fill(&mut image, &info);
            image.set("StreamSize", thumbnail.size.to_string());
            out.push(image);
        }
    }
    if let Some(meta_items) = &file.items {
        out.extend(items::streams(meta_items));
    }
    if let Some(chapters) = file.movie.as_ref().and_then(|m| m.nero_chapters.as_ref()) {
        let mut menu = Stream::new(StreamKind::Menu);
        let list: Vec<(u64, String)> = chapters
            .iter()
            .map(|(t, title)| (t / 10_000, title.clone()))
            .collect();
        add_chapters(&mut menu, &list);
        out.push(menu);
    }
    // QuickTime stereo without a channel layout is reported as front left/right.
    if out[0].get("Format_Profile") == Some("QuickTime") {
        for s in out.iter_mut().filter(|s| s.kind() == StreamKind::Audio) {
            if s.get("Channel(s)") == Some("2")
                && !s.has("ChannelLayout")
                && !s.has("ChannelPositions")
            {
                s.set("ChannelPositions", "Front: L R");
                s.set("ChannelLayout", "L R");
            }
        }
    }
    if let Some(movie) = &file.movie {
        fill_pcm_block_frame_count(&mut out, file, movie);
    }
    let has_video = out.iter().any(|s| s.kind() == StreamKind::Video);
    let has_image = out.iter().any(|s| s.kind() == StreamKind::Image);
    let has_audio = out.iter().any(|s| s.kind() == StreamKind::Audio);
    if !has_video && !has_image && has_audio {
        out[0].set("InternetMediaType", "audio/mp4");
    }
    if let Some(audio) = out.iter_mut().find(|s| s.kind() == StreamKind::Audio) {
        for (name, value) in audio_hints {
            audio.set(name, value);
        }
    }
    conformance::fill_general(&mut out[0], file, &fed);
    out
}

/// A file whose one stream is PCM audio gets the frame count File_Mpeg4's generic audio
/// finish takes from the last block it parsed ([`super::pcm::block_frame_count`]).
fn fill_pcm_block_frame_count(out: &mut [Stream], file: &Mp4File, movie: &Movie) {
    if is_fragmented(file)
        || out
            .iter()
            .filter(|s| s.kind() != StreamKind::General)
            .count()
            != 1
    {
        return;
    }
    let Some(audio) = out.iter_mut().find(|s| s.kind() == StreamKind::Audio) else {
        return;
    };
    // Every other track's blocks would move the count: only one track may hold samples.
    let mut tracks = movie
        .tracks
        .iter()
        .filter(|t| t.samples.sample_count > 0 || t.samples.chunk_count > 0);
    let (Some(track), None) = (tracks.next(), tracks.next()) else {
        return;
    };
    let Some(e) = track.entries.first() else {
        return;
    };
    let format = db::codec_id(CodecIdTable::AudioMpeg4, &e.format.to_text()).and_then(|i| i.format);
    if format != Some("PCM") || audio.has("FrameCount") {
        return;
    }
    let field = |name: &str| audio.get(name).and_then(|v| v.parse::<u64>().ok());
    let frame_bytes = field("BitDepth").unwrap_or(0) * field("Channel(s)").unwrap_or(0) / 8;
    let track_bytes = field("StreamSize").unwrap_or(0);
    if let Some(count) =
        super::pcm::block_frame_count(e, &track.samples, 0, frame_bytes, track_bytes)
    {
        audio.set("FrameCount", count.to_string());
    }
}

/// Fills the General stream; returns the fields its tags give the audio stream.
fn fill_general(g: &mut Stream, file: &Mp4File) -> Vec<(&'static str, String)> {
    let mut audio_hints = Vec::new();
    let brand = file
        .file_type
        .as_ref()
        .map(|f| conformance::cc4_text(f.major_brand))
        .unwrap_or_default();
    let brand_info = db::codec_id(CodecIdTable::GeneralMpeg4, &brand);
    // A brand MediaInfo does not know names the format itself.
    let format = if file.file_type.is_none() {
        "QuickTime".to_string()
    } else {
        brand_info
            .and_then(|i| i.format)
            .map_or_else(|| brand.clone(), str::to_string)
    };
    let format = format.as_str();
    g.set("Format", format);
    if let Some(info) = db::format(format) {
        g.set_if_absent("Format/Info", info.info.unwrap_or(""));
        g.set_if_absent("Format/Url", info.url.unwrap_or(""));
        g.set("Format/Extensions", info.extensions.unwrap_or(""));
        g.set("InternetMediaType", info.internet_media_type.unwrap_or(""));
    }
    g.set("Format_Commercial", format);
    if let Some(ft) = &file.file_type {
        let info = db::codec_id(CodecIdTable::GeneralMpeg4, &brand);
        if let Some(profile) = info.and_then(|i| i.profile) {
            g.set("Format_Profile", profile);
        }
        g.set("CodecID", brand.clone());
        let mut codec_string = brand.clone();
        if brand == "qt  " {
            let v = ft.minor_version;
            let mut version = format!(
                "{}.{}",
                bcd_text(&(v >> 16).to_be_bytes()[2..]),
                bcd_text(&[(v >> 8) as u8])
            );
            if v & 0xFF != 0 {
                version.push('.');
                version.push_str(&bcd_text(&[v as u8]));
            }
            g.set("CodecID_Version", version.clone());
            codec_string.push(' ');
            codec_string.push_str(&version);
        }
        let compatible: Vec<String> = ft
            .compatible_brands
            .iter()
            .filter(|b| b.0 != [0; 4])
            .map(|&b| conformance::cc4_text(b))
            .collect();
        if !ft.compatible_brands.is_empty() {
            let joined = compatible.join("/");
            g.set("CodecID_Compatible", joined.clone());
            codec_string.push_str(&format!(" ({joined})"));
        }
        g.set("CodecID/String", codec_string);
        // The brand table's description column (CodecID_Fill's General CodecID_Info).
        if let Some(hint) = info.and_then(|i| i.hint) {
            g.set("CodecID/Hint", hint);
        }
        if let Some(url) = info.and_then(|i| i.url) {
            g.set("CodecID/Url", url);
        }
    }
    g.set("FileSize", file.file_size.to_string());

    // Header, data and footer sizes come from the first `mdat`.
    if let Some(mdat) = file.top.iter().find(|b| b.kind == b"mdat") {
        g.set("HeaderSize", mdat.offset.to_string());
        // A cut file's mdat counts only up to the end of the file.
        let size = mdat.size.min(file.file_size.saturating_sub(mdat.offset));
        g.set("DataSize", size.to_string());
        let end = mdat.offset.saturating_add(size);
        g.set("FooterSize", file.file_size.saturating_sub(end).to_string());
        let moov_first = file
            .top
            .iter()
            .position(|b| b.kind == b"moov")
            .is_some_and(|m| {
                file.top
                    .iter()
                    .position(|b| b.kind == b"mdat")
                    .is_some_and(|d| m < d)
            });
        g.set("IsStreamable", if moov_first { "Yes" } else { "No" });
    }

    if let Some(movie) = &file.movie {
        if let Some(d) = dates::from_1904(movie.header.creation_time) {
            g.set("Encoded_Date", d);
        }
        if let Some(d) = dates::from_1904(movie.header.modification_time) {
            g.set("Tagged_Date", d);
        }
        audio_hints.extend(super::mp4_tags::fill(g, &movie.tags));
        fill_vendor(g, movie);
    }
    audio_hints
}

/// Renders BCD-ish version bytes as MediaInfo's `From_CC2`/`From_CC1` do: hex digits.
fn bcd_text(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// The encoder named by the handlers' manufacturer codes (one code for all, else none), with
/// the QuickTime version from the metadata keys.
fn fill_vendor(g: &mut Stream, movie: &Movie) {
    let mut vendor = 0u32;
    for &m in movie
        .tracks
        .iter()
        .flat_map(|t| t.handler_manufacturers.iter())
    {
        if m == 0 {
            continue;
        }
        if vendor == 0 {
            vendor = m;
        } else if vendor != m {
            vendor = u32::MAX;
        }
    }
    if vendor == 0 || vendor == u32::MAX {
        return;
    }
    let name = match &vendor.to_be_bytes() {
        b"3IVX" => "3ivX".to_string(),
        b"appl" => "Apple QuickTime".to_string(),
        b"niko" => "Nikon".to_string(),
        b"olym" => "Olympus".to_string(),
        b"omne" => "Omneon".to_string(),
        other => super::super::container::mp4::meta::latin1(other),
    };
    let version = movie
        .tags
        .iter()
        .find(|t| {
            t.key == "com.apple.quicktime.version" || t.key == "com.apple.quicktime.player.version"
        })
        .and_then(|t| match &t.value {
            crate::container::mp4::meta::TagValue::Text(v) => {
                Some(v.split(' ').next().unwrap_or("").to_string())
            }
            _ => None,
        })
        .unwrap_or_default();
    let library = if version.is_empty() {
        name.clone()
    } else {
        format!("{name} {version}")
    };
    g.set("Encoded_Library", library);
    g.set("Encoded_Library_Name", name);
    if !version.is_empty() {
        g.set("Encoded_Library_Version", version);
    }
}

/// The tracks `track` names as its chapter lists (`tref/chap`).
fn chapter_references(track: &Track) -> impl Iterator<Item = u32> + '_ {
    track
        .references
        .iter()
        .filter(|(k, _)| k == &b"chap")
        .flat_map(|(_, ids)| ids.iter().copied())
}

fn handler_kind(track: &Track, chapter_ids: &[u32]) -> Option<StreamKind> {
    let h = track.handler?;
    Some(match &h.0 {
        b"vide" => StreamKind::Video,
        b"soun" => StreamKind::Audio,
        b"text" | b"sbtl" if chapter_ids.contains(&track.header.id) => StreamKind::Menu,
        b"text" | b"sbtl" | b"clcp" | b"subp" | b"subt" => StreamKind::Text,
        // Handlers File_Mpeg4 makes Other streams of, whatever their media header.
        b"data" | b"twen" | b"tmcd" | b"hint" | b"ocsm" | b"odsm" | b"sdsm" => StreamKind::Other,
        // Other handlers (`pict`, `auxv`…): the media header decides (vmhd, smhd, sthd).
        _ => match track.media_info_header.map(|h| h.0) {
            Some(ref h) if h == b"vmhd" => StreamKind::Video,
            Some(ref h) if h == b"smhd" => StreamKind::Audio,
            Some(ref h) if h == b"sthd" => StreamKind::Text,
            _ => StreamKind::Other,
        },
    })
}

/// The movie's time code tracks and what they give the other tracks.
struct Timing {
    timecodes: Vec<TimeCode>,
    associations: Vec<(usize, timecode::Association)>,
}

#[allow(clippy::too_many_arguments)]
fn track_stream(
    file: &Mp4File,
    movie: &Movie,
    track: &Track,
    order: usize,
    chapter_ids: &[u32],
    timing: &Timing,
    src: &dyn Source,
    fed: &mut Vec<(u64, u32)>,
) -> Option<Stream> {
    let kind = handler_kind(track, chapter_ids)?;
    let mut s = Stream::new(kind);
    s.set("StreamOrder", order.to_string());
    // File_Mpeg4 names a subtitle handler other than QuickTime's `text` as the muxing mode.
    if kind == StreamKind::Text && track.handler.is_some_and(|h| &h.0 == b"sbtl") {
        s.set("MuxingMode", "sbtl");
    }
    if track.has_header {
        s.set("ID", track.header.id.to_string());
    }
    let entry = track.entries.first();

    if kind == StreamKind::Other {
        let handler = track.handler.map(FourCC::to_text).unwrap_or_default();
        let kind_name = match handler.as_str() {
            "tmcd" => {
                s.set("Format", "QuickTime TC");
                "Time code"
            }
            "data" => "Data",
            "hint" => "Hint",
            "twen" => "Tween",
            "ocsm" => "Object content information",
            "odsm" => "Object description",
            "sdsm" => "Scene description",
            _ => "",
        };
        if !kind_name.is_empty() {
            s.set("Type", kind_name);
        } else {
            s.set("Type", handler);
        }
    }

    if let Some(e) = entry {
        fill_sample_entry(&mut s, kind, e, file.is_quicktime());
        if kind == StreamKind::Video
            && let Some(c) = e
                .child(b"dvcC")
                .or_else(|| e.child(b"dvvC"))
                .and_then(crate::codec::dolby_vision::DolbyVisionConfig::parse)
        {
            super::dolby_vision::fill(&mut s, &c);
        }
        // Avid's resolution atom: its number of fields (1 progressive, 2 interlaced). Every
        // sample description's replaces the one before.
        let ares_fields = track.entries.iter().filter_map(|e| {
            e.child(b"ARES")
                .filter(|a| a.len() >= 24)
                .map(|a| be_u32(a, 20))
        });
        for fields in ares_fields.filter(|_| kind == StreamKind::Video) {
            match fields {
                1 => s.set("ScanType", "Progressive"),
                2 => s.set("ScanType", "Interlaced"),
                _ => {}
            }
        }
    }
    if kind == StreamKind::Text && s.get("Format") == Some("Timed Text") {
        // File_Mpeg4 counts, as it reads `stsz`, the samples long enough to hold text (an
        // empty sample is its 2-byte length alone).
        let st = &track.samples;
        let events = if st.constant_size > 0 {
            if st.constant_size > 2 {
                st.sample_count
            } else {
                0
            }
        } else {
            st.sizes.iter().filter(|&&n| n > 2).count() as u32
        };
        s.set("Events_Total", events.to_string());
    }
    // gama (a 16.16 gamma): File_Mpeg4 reads it in every sample description, not the first
    // only.
    if kind == StreamKind::Video {
        for g in track.entries.iter().filter_map(|e| e.child(b"gama")) {
            if g.len() >= 4 && be_u32(g, 0) != 0 {
                s.append("Gamma", &fixed(f64::from(be_u32(g, 0) as f32 / 65536.0), 3));
            }
        }
    }

    // Language and dates come from the track's headers, before anything computed at the end
    // (where a stream kind's table lacks them, their order shows in the text view).
    let lang = language(track.media.language);
    if track.has_media_header && !lang.is_empty() && lang != "und" {
        let l = db::iso639_1_of(&lang).unwrap_or(&lang);
        s.set("Language", l.to_string());
    }
    if let Some(l) = track.extended_language.as_deref().filter(|l| !l.is_empty()) {
        s.set("Language", l);
    }
    if let Some(d) = dates::from_1904(track.header.creation_time) {
        s.set("Encoded_Date", d);
    }
    if let Some(d) = dates::from_1904(track.header.modification_time) {
        s.set("Tagged_Date", d);
    }
    for (_, a) in timing.associations.iter().filter(|(i, _)| *i == order) {
        a.apply(&mut s);
    }
    // File_Mpeg4 says CBR while reading a constant sample size (stsz), before the references.
    if track.samples.constant_size > 0 && track.samples.sample_count > 1 && !s.has("BitRate_Mode") {
        s.set("BitRate_Mode", "CBR");
    }
    fill_references(&mut s, movie, track);
    let is_timecode = track.handler.is_some_and(|h| h == b"tmcd");
    if is_timecode {
        // A timecode track is a clock, not a stream of media: no codec ID, sizes or counts.
        s.remove("CodecID");
        if let Some(e) = entry {
            fill_timecode(&mut s, e);
        }
        if let Some(d) = tkhd_duration_ms(movie, track) {
            s.set("Duration", d);
        }
        let fragmented = is_fragmented(file);
        let stts_duration = track.samples.total_duration()
            + file
                .fragment_totals(track.header.id)
                .map_or(0, |f| f.duration);
        fill_mdhd_duration(&mut s, track, stts_duration, fragmented);
        fill_bit_rate_mode(&mut s, &track.samples, fragmented);
        if let Some(tc) = timing.timecodes.iter().find(|t| t.track_index == order) {
            tc.fill_other(&mut s);
        }
    } else {
        fill_timing(&mut s, file, movie, track);
    }

    // Title, flags.
    let title = &track.handler_name;
    let is_handler_text = title.contains("Handler")
        || title.contains(" handler")
        || title.starts_with("Gestionnaire ")
        || title.starts_with("Module ")
        || title.starts_with("Gestor ")
        || title.starts_with("Procedura ");
    if !title.is_empty() && !is_handler_text {
        s.set("Title", title.clone());
    }
    if track.header.alternate_group != 0 {
        s.set("AlternateGroup", track.header.alternate_group.to_string());
    }
    if kind != StreamKind::Menu {
        let enabled = track.header.flags & 1 != 0;
        if enabled {
            if s.has("AlternateGroup") {
                s.set("Default", "Yes");
            }
        } else {
            s.set("Default", "No");
        }
    }
    if kind == StreamKind::Text {
        s.set("Forced", "No");
    }

    if kind == StreamKind::Video {
        fill_video_geometry(&mut s, track);
        fill_keyed_video_hints(&mut s, movie);
    }
    if let Some(e) = entry
        && let Some(codec) = codec_stream(file, track, e, kind, src, fed)
    {
        merge_codec(&mut s, &codec);
    }
    if kind == StreamKind::Audio && entry.is_some_and(|e| super::pcm::is_pcm(&e.format.0)) {
        fed.extend(pcm_chunks(&s, file, track));
    }
    super::mp4_tags::fill_track(&mut s, &track.tags);
    iods::fill(&mut s, movie.iods.as_ref(), track.header.id);
    if kind == StreamKind::Menu {
        // A chapter track reports its chapters, not its samples.
        s.remove("FrameCount");
        s.remove("StreamSize");
        s.remove("Source_FrameCount");
        s.remove("Source_StreamSize");
        // No sample could be read (cut off, say): MediaInfo's text parser never ran.
        let chapters = chapter_samples(track, src);
        if !chapters.is_empty() {
            add_chapters(&mut s, &chapters);
        }
    }
    // MediaInfo names the configuration boxes last, after the timing fields and references.
    if let Some(boxes) = s.remove("CodecConfigurationBox") {
        s.set("CodecConfigurationBox", boxes);
    }
    // A track reusing an earlier track's ID: File_Mpeg4 keeps it under another ID and says so.
    if movie.tracks[..order]
        .iter()
        .any(|t| t.header.id == track.header.id)
    {
        s.set("ConformanceErrors", "Yes");
        s.set("ConformanceErrors tkhd", "Yes");
        s.set(
            "ConformanceErrors tkhd track_ID",
            format!(
                "track_ID {} is already used by another track",
                track.header.id
            ),
        );
    }
    Some(s)
}

/// Track references MediaInfo reports (chapters both ways, timed metadata), filled before the
/// timing fields as File_Mpeg4 does (their order shows where a kind's table lacks them).
fn fill_references(s: &mut Stream, movie: &Movie, track: &Track) {
    // Chapter references, both ways, whatever the streams' kinds.
    let menus: Vec<String> = chapter_references(track).map(|id| id.to_string()).collect();
    if !menus.is_empty() {
        s.set("Menus", menus.join(","));
    }
    let users: Vec<String> = movie
        .tracks
        .iter()
        .filter(|t| chapter_references(t).any(|id| id == track.header.id))
        .map(|t| t.header.id.to_string())
        .collect();
    if !users.is_empty() {
        s.set("Menu For", users.join(","));
    }
    // Timed metadata tracks describing this one (`tref/cdsc`), in track order.
    let metas: Vec<String> = movie
        .tracks
        .iter()
        .flat_map(|t| {
            t.references
                .iter()
                .filter(|(k, _)| k == &b"cdsc")
                .flat_map(|(_, ids)| ids.iter())
                .filter(|&&id| id == track.header.id)
                .map(move |_| t.header.id.to_string())
        })
        .collect();
    if !metas.is_empty() {
        s.set("Metas", metas.join(","));
    }
}

/// What QuickTime keys say about the video: an aspect ratio (`a:b` or a number) when the
/// container has none, the capture frame rate (File_Mpeg4 keeps both for its video streams).
fn fill_keyed_video_hints(s: &mut Stream, movie: &Movie) {
    let keyed = |name: &str| super::mp4_tags::keyed_value(&movie.tags, name);
    if !s.has("DisplayAspectRatio")
        && let Some(dar) = keyed("aspect_ratio")
    {
        let value = match dar.split_once(':') {
            Some((w, h)) => {
                let (w, h) = (w.trim().parse::<f64>(), h.trim().parse::<f64>());
                match (w, h) {
                    (Ok(w), Ok(h)) if h != 0.0 => fixed(w / h, 3),
                    _ => dar,
                }
            }
            None => dar,
        };
        s.set("DisplayAspectRatio", value);
    }
    if !s.has("FrameRate_Real")
        && let Some(fps) = keyed("com.android.capture.fps")
    {
        s.set("FrameRate_Real", fps);
    }
}

/// Chapters at most read from a chapter track.
const MAX_CHAPTERS: usize = 1024;

/// The chapters of a QuickTime chapter track: each text sample's start time (ms) and text.
fn chapter_samples(track: &Track, src: &dyn Source) -> Vec<(u64, String)> {
    let ts = u64::from(track.media.timescale);
    if ts == 0 {
        return Vec::new();
    }
    let mut starts = Vec::new();
    let mut t = 0u64;
    for &(count, delta) in &track.samples.time_to_sample {
        for _ in 0..count {
            if starts.len() >= MAX_CHAPTERS {
                break;
            }
            starts.push(t);
            t = t.saturating_add(u64::from(delta));
        }
    }
    let mut out = Vec::new();
    let positions = track.samples.first_samples(MAX_CHAPTERS);
    samples::for_each_sample(src, &positions, |sample| {
        let len = sample
            .get(..2)
            .map_or(0, |b| usize::from(u16::from_be_bytes([b[0], b[1]])));
        let text = sample.get(2..2 + len).unwrap_or(&[]);
        let title = if text.starts_with(&[0xFE, 0xFF]) {
            let units: Vec<u16> = text[2..]
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        } else {
            String::from_utf8_lossy(text).into_owned()
        };
        let start = starts.get(out.len()).copied().unwrap_or(0);
        out.push(((start as f64 * 1000.0 / ts as f64) as u64, title));
        true
    });
    out
}

/// Chapter fields: `HH:MM:SS.mmm` = title, framed by Chapters_Pos_Begin/End (their positions
/// after MediaInfo's Menu field table).
/// An empty title adds no field; a repeated time adds its title to the first one's.
fn add_chapters(menu: &mut Stream, chapters: &[(u64, String)]) {
    let begin = crate::report::strings::table::rows(StreamKind::Menu).len();
    menu.set("Chapters_Pos_Begin", begin.to_string());
    let mut added = 0;
    for (ms, title) in chapters.iter().filter(|(_, t)| !t.is_empty()) {
        let name = super::dates::milliseconds_text(*ms);
        if !menu.has(&name) {
            added += 1;
        }
        menu.append(name, title);
    }
    menu.set("Chapters_Pos_End", (begin + added).to_string());
}

/// The times File_Mpeg4 gives File_Avc with the first `count` samples of `track`.
fn avc_frame_times(file: &Mp4File, track: &Track, count: usize) -> frame_times::FrameTimes {
    let fragments = file
        .fragment_totals(track.header.id)
        .map_or(&[][..], |f| f.first_durations.as_slice());
    let movie_timescale = file.movie.as_ref().map_or(0, |m| m.header.timescale);
    frame_times::FrameTimes::new(track, fragments, movie_timescale, count)
}

/// Bytes read from the start of each sample of an AVC track without configuration record.
const ANNEX_B_PREFIX: u32 = 64 << 10;

/// Samples MediaInfo's MP4 parser hands a codec parser at most, per stream.
const MAX_CODEC_SAMPLES: usize = 1024;

/// The codec parser's view of a track, from its configuration and first samples.
fn codec_stream(
    file: &Mp4File,
    track: &Track,
    e: &SampleEntry,
    kind: StreamKind,
    src: &dyn Source,
    fed: &mut Vec<(u64, u32)>,
) -> Option<Stream> {
    let reach = Reach::default();
    let before = fed.len();
    let codec = codec_stream_from(file, track, e, kind, src, fed, &reach);
    // The parser read every sample before the cut one (or there were none): it met it.
    if fed.len() - before == reach.reachable.get() {
        fed.extend(reach.cut.get());
    }
    codec
}

/// How far a track's samples can be read: how many lie wholly in the file, and the sample
/// after them that starts in the file but runs past its end.
#[derive(Default)]
struct Reach {
    reachable: std::cell::Cell<usize>,
    cut: std::cell::Cell<Option<(u64, u32)>>,
}

/// [`codec_stream`]; `reach` learns where the samples it may read stop.
fn codec_stream_from(
    file: &Mp4File,
    track: &Track,
    e: &SampleEntry,
    kind: StreamKind,
    src: &dyn Source,
    fed: &mut Vec<(u64, u32)>,
    reach: &Reach,
) -> Option<Stream> {
    // The samples a codec parser can be given. One that starts in the file but runs past its
    // end is an element too big for what is left: File_Mpeg4 reports it (see `fed`) and
    // parses nothing from there on.
    let positions = || -> Vec<(u64, u32)> {
        // The movie's samples, then the fragments'. File_Mpeg4 adds each `trun` as a chunk
        // of the sample table, so a constant size in `stsz` still sizes every sample.
        let mut p = track.samples.first_samples(MAX_CODEC_SAMPLES);
        if let Some(f) = file.fragment_totals(track.header.id) {
            let room = MAX_CODEC_SAMPLES.saturating_sub(p.len());
            let size = track.samples.constant_size;
            if size > 0 {
                let runs = f.first_runs.iter().flat_map(|&(offset, count)| {
                    (0..u64::from(count))
                        .map(move |k| (offset.saturating_add(k * u64::from(size)), size))
                });
                p.extend(runs.take(room));
            } else {
                p.extend(f.first_samples.iter().take(room));
            }
        }
        if let Some(i) = p
            .iter()
            .position(|&(o, n)| o.saturating_add(u64::from(n)) > file.file_size)
        {
            if p[i].0 < file.file_size {
                reach.cut.set(Some(p[i]));
            }
            p.truncate(i);
        }
        reach.reachable.set(p.len());
        p
    };
    let encrypted = e.child(b"sinf").is_some();
    if kind == StreamKind::Video
        && let Some(avcc) = e.child(b"avcC")
    {
        // An encrypted track's samples are read like any other's (NAL and slice headers are
        // usually in the clear), except when a second sample description follows: File_Mpeg4
        // then finishes the parser the first one made before any sample.
        let mut parser = avc::AvcParser::new(avcc);
        let framing = samples::Framing {
            length_size: parser.length_size(),
            zero_length_reads_header: true,
        };
        let finished_early = encrypted && track.entries.len() > 1;
        let mut ran_out = Occurrences::default();
        if !finished_early {
            let positions = positions();
            let n = if avc::AvcParser::has_config(avcc) {
                let times = avc_frame_times(file, track, positions.len());
                let mut sample = 0;
                samples::for_each_nal(src, &positions, framing, avc::nal_bytes_used, |event| {
                    match event {
                        samples::NalEvent::Sample(i) => {
                            sample = i;
                            parser.begin_sample();
                        }
                        samples::NalEvent::Nal(nal) => parser.push_nal(nal),
                        // File_Avc says nothing of a sample that reaches the end of the file.
                        samples::NalEvent::RanOut { end } if end < file.file_size => {
                            let r = parser.ran_out_of_data();
                            // Its time is the sample's decoding time as moved by the slices
                            // read, less one frame duration (the frame it just counted).
                            let time = times
                                .get(sample)
                                .map(|(dts, dur)| dts.wrapping_add(r.dts_shift_ns) - dur);
                            let place = Place {
                                frame: Some(sample as u64),
                                time,
                                offset: Some(end),
                            };
                            ran_out.add(r.frame_count, place);
                        }
                        samples::NalEvent::RanOut { .. } => {}
                    }
                    parser.wants_more()
                })
            } else {
                // No configuration record: the samples are read as a byte stream, their
                // first bytes only (parameter sets, SEI and the first slices sit there).
                let heads: Vec<(u64, u32)> = positions
                    .iter()
                    .map(|&(offset, size)| (offset, size.min(ANNEX_B_PREFIX)))
                    .collect();
                samples::for_each_sample(src, &heads, |sample| {
                    parser.push_annex_b(sample);
                    parser.wants_more()
                })
            };
            fed.extend_from_slice(&positions[..n]);
        }
        let mut codec = Stream::new(StreamKind::Video);
        report_avc::fill_video(&mut codec, &parser.info());
        if let Some(note) = ran_out.note() {
            let mut c = Conformance::default();
            c.error("AVC GeneralCompliance", ran_out_of_data(&note));
            c.fill(&mut codec);
        }
        return Some(codec);
    }
    // Each description's av1C replaces File_Mpeg4's AV1 parser: the last one is used. File_Av1
    // skips the record's fields and reads its configOBUs, then the samples, and describes the
    // stream by the first sequence header it meets.
    if kind == StreamKind::Video
        && e.child(b"av1C").is_some()
        && let Some(av1c) = track.entries.iter().rev().find_map(|e| e.child(b"av1C"))
    {
        let mut header = av1c
            .get(4..)
            .and_then(crate::codec::av1::SequenceHeader::find);
        if header.is_none() {
            samples::for_each_sample(src, &positions(), |sample| {
                header = crate::codec::av1::SequenceHeader::find(sample);
                header.is_none()
            });
        }
        let mut codec = Stream::new(StreamKind::Video);
        super::av1::fill_sequence_header(&mut codec, &header?);
        return Some(codec);
    }
    // Each description's hvcC replaces File_Mpeg4's HEVC parser: the last one is used.
    if kind == StreamKind::Video
        && e.child(b"hvcC").is_some()
        && let Some((hvcc, last)) = track
            .entries
            .iter()
            .rev()
            .find_map(|e| e.child(b"hvcC").map(|c| (c, e)))
    {
        let mut parser = hevc::HevcParser::new(hvcc);
        if let Some(lhvc) = last.child(b"lhvC") {
            parser.push_layered_config(lhvc);
        }
        let framing = samples::Framing {
            length_size: parser.length_size(),
            zero_length_reads_header: false,
        };
        samples::for_each_nal(src, &positions(), framing, hevc::nal_bytes_used, |event| {
            if let samples::NalEvent::Nal(nal) = event {
                parser.push_nal(nal);
            }
            parser.wants_more()
        });
        let mut codec = Stream::new(StreamKind::Video);
        super::hevc::fill_video(&mut codec, parser.info());
        return Some(codec);
    }
    if kind == StreamKind::Video
        && let Some(config) = mpeg4_visual_config(e)
    {
        return mpeg4_visual_stream(&config, &positions(), src, fed);
    }
    if kind == StreamKind::Video
        && let Some(config) = mpeg_video_config(e)
    {
        return mpeg_video_stream(&config, &positions(), src, fed);
    }
    if kind == StreamKind::Audio && !encrypted && is_mpeg_audio(e) {
        let mut parser = crate::codec::mpega::MpegaParser::new();
        samples::for_each_sample(src, &positions(), |frame| {
            parser.push(frame);
            parser.wants_more()
        });
        let mut codec = Stream::new(StreamKind::Audio);
        super::mpega::fill_audio(&mut codec, &parser.info()?);
        return Some(codec);
    }
    let format = db::codec_id(CodecIdTable::VideoMpeg4, &e.format.to_text()).and_then(|i| i.format);
    if kind == StreamKind::Video && format == Some("H.263") {
        let mut parser = crate::codec::h263::H263Parser::default();
        samples::for_each_sample(src, &positions(), |frame| {
            parser.push_frame(frame);
            parser.wants_more()
        });
        let mut codec = Stream::new(StreamKind::Video);
        super::h263::fill_video(&mut codec, &parser.info()?);
        return Some(codec);
    }
    if kind == StreamKind::Video && format == Some("VC-3") {
        // File_Vc3 is filled by the first frame whose header it reads: only headers are read.
        let size = crate::codec::vc3::HEADER_SIZE as u32;
        let heads: Vec<(u64, u32)> = positions()
            .iter()
            .map(|&(offset, n)| (offset, n.min(size)))
            .collect();
        let mut header = None;
        samples::for_each_sample(src, &heads, |frame| {
            header = crate::codec::vc3::FrameHeader::parse(frame);
            header.is_none()
        });
        let mut codec = Stream::new(StreamKind::Video);
        super::vc3::fill_video(&mut codec, &header?);
        return Some(codec);
    }
    if kind == StreamKind::Video
        && let Some(header) = e
            .child(b"dvc1")
            .and_then(crate::codec::vc1::SequenceHeader::find)
    {
        // The dvc1 box of an Advanced profile stream carries its sequence header.
        let mut codec = Stream::new(StreamKind::Video);
        super::vc1::fill_video(&mut codec, &header);
        return Some(codec);
    }
    if kind == StreamKind::Video && format == Some("DV") {
        // File_DvDif reads the samples; no DV field is decoded here, but whether the first
        // sample can be read at all is known (see `Reach`).
        positions();
        return None;
    }
    if kind == StreamKind::Video && format == Some("ProRes") {
        // File_ProRes describes the stream by the first frame, or rejects it.
        let size = crate::codec::prores::HEADER_PREFIX as u32;
        let first = positions()
            .first()
            .map(|&(offset, n)| (offset, n.min(size)));
        let mut header = None;
        samples::for_each_sample(src, first.as_slice(), |frame| {
            header = crate::codec::prores::FrameHeader::parse(frame);
            false
        });
        let mut codec = Stream::new(StreamKind::Video);
        super::prores::fill_video(&mut codec, &header?);
        return Some(codec);
    }
    if kind == StreamKind::Video && format == Some("JPEG") {
        // File_Jpeg describes the stream by the first frame header it reads.
        let positions = positions();
        let mut info = None;
        samples::for_each_sample(src, &positions[..positions.len().min(8)], |frame| {
            info = crate::codec::jpeg::parse(frame);
            info.is_none()
        });
        let mut codec = Stream::new(StreamKind::Video);
        super::jpeg::fill(&mut codec, &info?);
        return Some(codec);
    }
    let esds_type = e
        .child(b"esds")
        .and_then(esds::parse)
        .map(|d| d.object_type);
    let dolby = match (&e.format.0, esds_type) {
        (b"ec-3", _) | (b"mp4a", Some(0xA6)) => Some(true),
        (b"mp4a", Some(0xA5 | 0xD3)) => Some(false),
        _ => None,
    };
    if kind == StreamKind::Audio
        && let Some(c) = e
            .child(b"mhaC")
            .and_then(crate::codec::mpegh::Mpegh3daConfig::parse_mhac)
    {
        // File_Mpegh3da describes the stream by the mhaC box (the samples are not read).
        let mut codec = Stream::new(StreamKind::Audio);
        super::mpegh::fill_audio(&mut codec, &c);
        return Some(codec);
    }
    if kind == StreamKind::Audio
        && let Some(d) = e.child(b"dac4").and_then(crate::codec::ac4::Ac4Dsi::parse)
    {
        // File_Ac4 reads the AC4SpecificBox, then the first samples as raw frames (encrypted
        // ones too).
        let mut frames = crate::codec::ac4::toc::Frames::default();
        let positions = positions();
        let n = samples::for_each_sample(src, &positions, |sample| {
            frames.push(sample);
            frames.count < crate::codec::ac4::toc::FRAMES
        });
        fed.extend_from_slice(&positions[..n]);
        let mut codec = Stream::new(StreamKind::Audio);
        super::ac4::fill_audio(&mut codec, &d, Some(&frames));
        return Some(codec);
    }
    if kind == StreamKind::Audio && !encrypted && dolby == Some(true) {
        // File_Ac3 describes the stream once it has seen 32 syncframes.
        let mut frames = Vec::new();
        let positions = positions();
        let n = samples::for_each_sample(src, &positions, |sample| {
            frames.extend(crate::codec::eac3::frames(sample));
            frames.len() < super::ac3::FRAMES
        });
        fed.extend_from_slice(&positions[..n]);
        if frames.is_empty() {
            return None;
        }
        let mut codec = Stream::new(StreamKind::Audio);
        super::eac3::fill_audio(&mut codec, &frames, e.child(b"dec3"));
        return Some(codec);
    }
    if kind == StreamKind::Audio
        && !encrypted
        && matches!(esds_type, Some(0xA9..=0xAC | 0xD4))
        && &e.format.0 == b"mp4a"
    {
        // DTS in an esds: File_Dts reads the samples and describes the stream by its first
        // frame with a core or an extension substream.
        let mut first = None;
        let positions = positions();
        let n = samples::for_each_sample(src, &positions, |sample| {
            let f = crate::codec::dts::DtsFrame::parse(sample);
            if f.core.is_some() || f.substream.is_some() {
                first = Some(f);
            }
            first.is_none()
        });
        fed.extend_from_slice(&positions[..n]);
        let mut codec = Stream::new(StreamKind::Audio);
        super::dts::fill_audio(&mut codec, first.as_ref()?);
        return Some(codec);
    }
    match (&e.format.0, kind) {
        (b"ac-3", StreamKind::Audio) | (b"mp4a", StreamKind::Audio)
            if dolby == Some(false) || &e.format.0 == b"ac-3" =>
        {
            let mut bsis = Vec::new();
            let positions = positions();
            let n = samples::for_each_sample(src, &positions, |frame| {
                bsis.extend(crate::codec::ac3::Bsi::from_frame(frame));
                bsis.len() < super::ac3::FRAMES
            });
            fed.extend_from_slice(&positions[..n]);
            if bsis.is_empty() {
                return None;
            }
            let mut codec = Stream::new(StreamKind::Audio);
            super::ac3::fill_audio(&mut codec, &bsis);
            Some(codec)
        }
        (b"mp4a" | b"enca", StreamKind::Audio) => {
            let d = e.child(b"esds").and_then(esds::parse)?;
            if d.object_type != 0x40 || d.specific_info.is_empty() {
                return None;
            }
            let mut parser = aac::AacParser::new(&d.specific_info);
            // File_Aac keeps only the last broken frame's error, and none for a frame that
            // reaches the end of the file.
            let mut ran_out = None;
            if !encrypted {
                let positions = positions();
                let mut next = positions.iter();
                let n = samples::for_each_sample(src, &positions, |frame| {
                    let (start, size) = next.next().copied().unwrap_or_default();
                    if let Some(at) = parser.push_frame(frame)
                        && start.saturating_add(u64::from(size)) < file.file_size
                    {
                        ran_out = Some(start.saturating_add(at));
                    }
                    parser.wants_more()
                });
                fed.extend_from_slice(&positions[..n]);
            }
            let info = parser.info()?;
            let mut codec = Stream::new(StreamKind::Audio);
            report_aac::fill_audio(&mut codec, &info);
            let mut c = Conformance::default();
            if let Some(offset) = ran_out {
                c.error(
                    "AAC GeneralCompliance",
                    ran_out_of_data(&format!("conf, offset 0x{offset:X}")),
                );
            }
            // File_Aac's CMAF check reads the USAC channelConfigurationIndex, which is 0 for
            // every other object type.
            let index = info
                .usac
                .as_ref()
                .map_or(0, |u| u.channel_configuration_index);
            if is_cmaf(file) && index != 1 && index != 2 {
                c.error(
                    "Crosscheck CMAF channelConfiguration",
                    format!(
                        "CMAF does not permit USAC UsacConfig channelConfigurationIndex {index}, permitted values are 1 and 2"
                    ),
                );
            }
            c.fill(&mut codec);
            Some(codec)
        }
        _ => None,
    }
}

/// Whether the file is CMAF: a `cmfc`, `cmff`, `cmfl` or `cmfs` brand in its `ftyp`.
fn is_cmaf(file: &Mp4File) -> bool {
    file.file_type.as_ref().is_some_and(|ft| {
        std::iter::once(&ft.major_brand)
            .chain(&ft.compatible_brands)
            .any(|b| {
                [b"cmfc", b"cmff", b"cmfl", b"cmfs"]
                    .iter()
                    .any(|c| *b == *c)
            })
    })
}

/// The DecoderSpecificInfo of an `mp4v` entry whose `esds` names MPEG-4 Visual (object type
/// 0x20): File_Mpeg4's descriptors hand it to File_Mpeg4v before the samples.
fn mpeg4_visual_config(e: &SampleEntry) -> Option<Vec<u8>> {
    if &e.format.0 != b"mp4v" {
        return None;
    }
    let d = e.child(b"esds").and_then(esds::parse)?;
    (d.object_type == 0x20).then_some(d.specific_info)
}

/// MPEG-4 Visual: the VOL from the configuration, then VOPs from the first samples, as far as
/// File_Mpeg4v reads them in MP4 (one VOP).
fn mpeg4_visual_stream(
    config: &[u8],
    positions: &[(u64, u32)],
    src: &dyn Source,
    fed: &mut Vec<(u64, u32)>,
) -> Option<Stream> {
    use crate::codec::mpeg4v::{FRAMES_VALID_MP4, Mpeg4vParser};
    let mut parser = Mpeg4vParser::with_frames_valid(FRAMES_VALID_MP4);
    parser.push(config);
    if !parser.finished() {
        let n = samples::for_each_sample(src, positions, |sample| {
            parser.push(sample);
            !parser.finished()
        });
        fed.extend_from_slice(&positions[..n]);
    }
    let mut codec = Stream::new(StreamKind::Video);
    super::mpeg4v::fill_video(&mut codec, parser.info()?);
    Some(codec)
}

/// Whether File_Mpeg4 reads a video sample entry with File_Mpegv, and the configuration it
/// hands it first: `mp4v` with an MPEG-1/2 Video object type (0x60-0x65, 0x6A) gives its
/// DecoderSpecificInfo; entries the codec table names MPEG Video (`m2v1`, `xdv*`, `mx*p`…)
/// have none.
fn mpeg_video_config(e: &SampleEntry) -> Option<Vec<u8>> {
    if &e.format.0 == b"mp4v" {
        let d = e.child(b"esds").and_then(esds::parse)?;
        return matches!(d.object_type, 0x60..=0x65 | 0x6A).then_some(d.specific_info);
    }
    let format = db::codec_id(CodecIdTable::VideoMpeg4, &e.format.to_text()).and_then(|i| i.format);
    (format == Some("MPEG Video")).then(Vec::new)
}

/// MPEG-1/2 Video: the configuration (its time codes untrusted), then the first samples
/// until File_Mpegv fills the stream.
fn mpeg_video_stream(
    config: &[u8],
    positions: &[(u64, u32)],
    src: &dyn Source,
    fed: &mut Vec<(u64, u32)>,
) -> Option<Stream> {
    use crate::codec::mpegv::MpegvParser;
    let mut parser = MpegvParser::new();
    parser.push_config(config);
    if !parser.finished() {
        let n = samples::for_each_sample(src, positions, |sample| {
            parser.push(sample);
            !parser.finished()
        });
        fed.extend_from_slice(&positions[..n]);
    }
    let mut codec = Stream::new(StreamKind::Video);
    super::mpegv::fill_video(&mut codec, parser.info()?);
    Some(codec)
}

/// Whether MediaInfo reads a sample entry's samples with its MPEG audio parser: `.mp3`, the
/// ACM tag 0x55 (`ms\0\x55`), or `mp4a` with an MPEG-1/2 audio object type.
fn is_mpeg_audio(e: &SampleEntry) -> bool {
    match &e.format.0 {
        b".mp3" | b"ms\0\x55" => true,
        b"mp4a" => e
            .child(b"esds")
            .and_then(esds::parse)
            .is_some_and(|d| matches!(d.object_type, 0x69 | 0x6B)),
        _ => false,
    }
}

/// Merges the codec's stream, then applies File_Mpeg4's fix-ups after a merge: the
/// container's duration stays, and a bit depth means nothing for AAC.
fn merge_codec(s: &mut Stream, codec: &Stream) {
    let duration = s.get("Duration").map(str::to_string);
    if s.kind() == StreamKind::Audio
        && let Some(channels) = codec.get("Channel(s)")
    {
        // The codec's configuration is read with the sample entry, so its channel count
        // replaces the entry's rather than competing with it.
        s.set("Channel(s)", channels.to_string());
    }
    super::merge::merge(s, codec);
    if s.kind() == StreamKind::Video
        && let Some(d) = duration
    {
        s.set("Duration", d);
    }
    if s.kind() == StreamKind::Audio
        && matches!(s.get("Format"), Some("AAC" | "MPEG Audio" | "Vorbis"))
    {
        s.remove("BitDepth");
    }
}

/// Configuration boxes MediaInfo names in `CodecConfigurationBox`.
const CONFIGURATION_BOXES: [&[u8; 4]; 11] = [
    b"av1C", b"avcC", b"avcE", b"dvcC", b"dvvC", b"glbl", b"hvcC", b"lhvC", b"hvcE", b"mhaC",
    b"vvcC",
];

/// Format, codec ID and the fixed fields of the first sample description.
fn fill_sample_entry(s: &mut Stream, kind: StreamKind, e: &SampleEntry, quicktime: bool) {
    let table = match kind {
        StreamKind::Video => CodecIdTable::VideoMpeg4,
        StreamKind::Audio => CodecIdTable::AudioMpeg4,
        StreamKind::Text | StreamKind::Menu => CodecIdTable::TextMpeg4,
        _ => CodecIdTable::OtherMpeg4,
    };
    // Protected entries (encv, enca…) name their original format in sinf/frma.
    let original = e
        .child(b"sinf")
        .and_then(|sinf| find(sinf, b"frma"))
        .and_then(|f| f.get(..4))
        .map(|f| FourCC([f[0], f[1], f[2], f[3]]));
    let format = original.unwrap_or(e.format);
    let code = format.to_text();
    // MediaInfo builds the codec ID as it reads: the entry's code, the esds object type
    // after a dash, the original format of a protected entry after " / ", and last the AAC
    // object type its parser adds (`mp4a-40-2`, `enca-40 / mp4a-2`).
    let mut codec_id = e.format.to_text();
    let esds = e.child(b"esds").and_then(esds::parse);
    if let Some(d) = &esds
        && matches!(&format.0, b"mp4a" | b"mp4v" | b"mp4s")
    {
        codec_id.push_str(&format!("-{:02X}", d.object_type));
    }
    // Each protection scheme (`sinf`) names the original format again.
    for frma in e
        .children
        .iter()
        .filter(|(k, _)| &k.0 == b"sinf")
        .filter_map(|(_, sinf)| find(sinf, b"frma"))
        .filter_map(|f| f.get(..4))
    {
        let f = FourCC([frma[0], frma[1], frma[2], frma[3]]);
        codec_id.push_str(&format!(" / {}", f.to_text()));
    }
    if let Some(d) = &esds
        && matches!(&format.0, b"mp4a" | b"mp4v" | b"mp4s")
    {
        let object_format = mpeg4_any_object_format(d.object_type).or(match kind {
            StreamKind::Audio => mpeg4_audio_object_format(d.object_type),
            StreamKind::Text => mpeg4_text_object_format(d.object_type),
            _ => mpeg4_video_object_format(d.object_type),
        });
        if let Some(f) = object_format {
            s.set("Format", f);
        }
        if d.object_type == 0x40
            && let Some(&first) = d.specific_info.first()
        {
            // The first audioObjectType, escape value included (`mp4a-40-36` for ALS).
            let aot = aac::AudioSpecificConfig::parse(&d.specific_info)
                .map_or(first >> 3, |asc| asc.signalled_object_type);
            codec_id.push_str(&format!("-{aot}"));
        }
    }
    s.set("CodecID", codec_id);
    match &e.format.0 {
        b"enca" if kind == StreamKind::Audio => s.set("Encryption", "Encrypted"),
        b"drms" if kind == StreamKind::Audio => s.set("Encryption", "iTunes"),
        _ => {}
    }
    // An Other stream has no bit rate fields for the descriptor's rates to land in.
    if let Some(d) = &esds
        && kind != StreamKind::Other
    {
        fill_esds_bitrates(s, d);
    }
    if let Some(max) = e
        .child(b"btrt")
        .and_then(|b| b.get(4..8))
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        .filter(|&m| m > 0)
    {
        s.set("BitRate_Maximum", max.to_string());
    }
    // MediaInfo's CodecID_Fill: what its codec table says of the code. A VobSub `mp4s`
    // entry is looked up as `subp`, as File_Mpeg4_Descriptors does.
    let vobsub = kind == StreamKind::Text && esds.as_ref().is_some_and(|d| d.object_type == 0xE0);
    let table_code = if vobsub { "subp" } else { code.as_str() };
    if let Some(info) = db::codec_id(table, table_code) {
        codec_id::fill_from_table(s, &info, FormatFill::KeepExisting);
    }
    if kind == StreamKind::Video {
        fill_raw_video_depth(s, &code, e);
    }
    if kind == StreamKind::Menu && code == "text" {
        // A QuickTime text track used for chapters is reported as timed text.
        s.set("Format", "Timed Text");
        s.remove("CodecID/Url");
    }
    if code == "tx3g" {
        // The timed-text parser names it with a capital T, unlike the codec table.
        s.set("Format", "Timed Text");
    }
    if code == "stpp"
        && e.xml_namespace
            .as_deref()
            .is_some_and(|n| n.contains("smpte-tt"))
    {
        // File_Mpeg4 names SMPTE-TT (IMSC) subtitles TTML; other namespaces stay `stpp`.
        s.set("Format", "TTML");
    }
    // A protected entry whose original format MediaInfo does not know keeps what its codec
    // table says of the entry's own code ("enca": "(Encrypted)").
    if !s.has("Format")
        && original.is_some()
        && let Some(f) = db::codec_id(table, &e.format.to_text()).and_then(|i| i.format)
    {
        s.set("Format", f);
    }
    // A codec ID MediaInfo does not know names the format itself.
    if !s.has("Format") {
        s.set("Format", code.clone());
    }
    if let Some(v) = &e.visual {
        s.set("Width", v.width.to_string());
        s.set("Height", v.height.to_string());
    }
    if let Some(a) = &e.audio {
        // An ISO audio entry's channel count means something only in a version 1 stsd or
        // for PCM (File_Mpeg4 ignores the fixed "2" otherwise); QuickTime's always counts.
        let iso = !quicktime && (e.stsd_version != 0 || a.version == 0);
        let pcm =
            db::codec_id(CodecIdTable::AudioMpeg4, &code).and_then(|i| i.format) == Some("PCM");
        // MediaInfo reports no zero channel count.
        if a.channels > 0 && (!iso || e.stsd_version == 1 || pcm) {
            s.set("Channel(s)", a.channels.to_string());
        }
        // File_Mpeg4 does not trust AMR narrow band entries: 8 kHz mono.
        let (rate, channels) = if &e.format.0 == b"samr" {
            (8000.0, Some(1))
        } else {
            (a.sample_rate, None)
        };
        if rate > 0.0 {
            s.set("SamplingRate", rounded(rate, 0));
        }
        if let Some(c) = channels {
            s.set("Channel(s)", c.to_string());
        }
        // File_Mpeg4 takes the entry's sample size as the bit depth (not for mp4a and
        // Microsoft "ms.." codes): in an ISO entry only for version 1 or PCM, in a QuickTime
        // version 1 entry only when it is not the hard-coded 16 (PCM's is worked out apart).
        let sample_size = match (iso, a.version) {
            (true, _) if e.stsd_version == 1 || pcm => a.sample_size,
            (true, _) => 0,
            (false, 1) if a.sample_size == 16 => 0,
            _ => a.sample_size,
        };
        if sample_size != 0 && &e.format.0 != b"mp4a" && !e.format.0.starts_with(b"ms") {
            s.set_if_absent("BitDepth", sample_size.to_string());
        }
    }
    if kind == StreamKind::Audio
        && let Some(info) = db::codec_id(CodecIdTable::AudioMpeg4, &code)
        && info.format == Some("AMR")
    {
        super::amr::fill_from_codec(s, info.profile);
    }
    if let Some(c) = e.child(b"colr") {
        fill_colr(s, c);
    }
    if kind == StreamKind::Video
        && let Some(&[fields, detail, ..]) = e.child(b"fiel")
    {
        fill_fiel(s, fields, detail);
    }
    if kind == StreamKind::Audio
        && let Some(c) = e.child(b"alac")
    {
        fill_alac(s, c);
    }
    // FLAC in ISO-BMFF: File_Mpeg4 hands a version 0 `dfLa` box's metadata blocks to
    // File_Flac (STREAMINFO gives the channels, bit depth and MD5 the entry does not).
    if kind == StreamKind::Audio
        && let Some([0, _, _, _, blocks @ ..]) = e.child(b"dfLa")
    {
        let m = crate::codec::flac::Metadata::parse_blocks(blocks);
        super::flac::fill_metadata(s, &m);
    }
    // 3GPP decoder configurations name the encoder (and H.263's profile and level).
    if kind == StreamKind::Video
        && let Some(c) = e.child(b"d263")
        && let [v0, v1, v2, v3, version, level, profile, ..] = *c
    {
        s.set("Format_Profile", super::h263::d263_profile(level, profile));
        fill_3gpp_vendor(s, [v0, v1, v2, v3], version);
    }
    if kind == StreamKind::Audio
        && let Some(c) = e.child(b"damr")
        && let [v0, v1, v2, v3, version, ..] = *c
    {
        fill_3gpp_vendor(s, [v0, v1, v2, v3], version);
    }
    if kind == StreamKind::Audio && super::pcm::is_pcm(&format.0) {
        super::pcm::fill(s, e);
    }
    if kind == StreamKind::Audio
        && [b"dac3", b"dec3", b"dac4", b"ddts", b"dmlp"]
            .iter()
            .any(|k| e.child(k).is_some())
    {
        // File_Mpeg4 drops the entry's channel count next to these boxes ("always wrong").
        s.remove("Channel(s)");
    }
    if kind == StreamKind::Audio
        && let Some(b) = e
            .child(b"ddts")
            .and_then(crate::codec::dts::SpecificBox::parse)
    {
        super::dts::fill_specific_box(s, &b);
    }
    if kind == StreamKind::Audio {
        super::dts::display_profiles(s);
    }
    if let Some(c) = e.child(b"chan") {
        fill_chan(s, c);
    }
    let boxes: Vec<String> = e
        .children
        .iter()
        .filter(|(k, _)| CONFIGURATION_BOXES.contains(&&k.0))
        .map(|(k, _)| k.to_text())
        .collect();
    if !boxes.is_empty() {
        s.set("CodecConfigurationBox", boxes.join("+"));
    }
}

/// The encoder a 3GPP decoder configuration (d263, damr) names: vendor and version.
fn fill_3gpp_vendor(s: &mut Stream, vendor: [u8; 4], version: u8) {
    let name = match &vendor {
        b"FFMP" => "FFMpeg".to_string(),
        b"MOTO" | b"moto" => "Motorola".to_string(),
        b"PHLP" => "Philips".to_string(),
        b"appl" => "Apple".to_string(),
        b"noki" => "Nokia".to_string(),
        other => crate::container::mp4::meta::latin1(other),
    };
    s.set("Encoded_Library", format!("{name} {version}"));
    let text = if version != 0 {
        format!("{name} Revision {version}")
    } else {
        name.clone()
    };
    s.set("Encoded_Library/String", text);
    s.set("Encoded_Library_Name", name);
    s.set("Encoded_Library_Version", version.to_string());
}

/// The ALAC specific box (after version and flags: frame length, compatible version, sample
/// size, three Rice parameters, channels, max run, max frame bytes, bit rate, sampling rate).
fn fill_alac(s: &mut Stream, c: &[u8]) {
    // MediaInfo reads it only when it has exactly that size.
    if c.len() != 28 {
        return;
    }
    let be32 = |at: usize| u32::from_be_bytes([c[at], c[at + 1], c[at + 2], c[at + 3]]);
    let (depth, channels, bit_rate, rate) = (c[9], c[13], be32(20), be32(24));
    if depth != 0 {
        s.set("BitDepth", depth.to_string());
    }
    if channels != 0 {
        s.set("Channel(s)", channels.to_string());
    }
    if bit_rate != 0 {
        s.set("BitRate_Nominal", bit_rate.to_string());
    }
    if rate != 0 {
        s.set("SamplingRate", rate.to_string());
    }
}

/// `colr` with an `nclx`/`nclc` colour description (the first one met), marked as coming from
/// the container.
fn fill_colr(s: &mut Stream, c: &[u8]) {
    let Some(kind) = c.get(..4) else { return };
    if kind == b"prof" {
        // An ICC profile: only its colour space is reported (it adds to the stream's).
        if let Some(space) = crate::codec::icc::colour_space(&c[4..]) {
            s.set("ColorSpace_ICC", space);
        }
        return;
    }
    let little = kind == b"clcn";
    if !(kind == b"nclx" || kind == b"nclc" || little) || s.has("colour_description_present") {
        return;
    }
    // An nclx without its flags byte is cut short: MediaInfo reads none of it.
    if kind == b"nclx" && c.len() < 11 {
        return;
    }
    let Some(v) = c.get(4..10) else { return };
    let read = |i: usize| {
        let (a, b) = (v[i], v[i + 1]);
        if little { a } else { b }
    };
    let (p, t, m) = (read(0), read(2), read(4));
    let source = |s: &mut Stream, name: &str, value: &str| {
        colour::set_with_source(s, name, value, "Container")
    };
    source(s, "colour_description_present", "Yes");
    source(s, "colour_primaries", colour::primaries(p));
    source(s, "transfer_characteristics", colour::transfer(t));
    source(s, "matrix_coefficients", colour::matrix(m));
    if m != 2 {
        s.set("ColorSpace", colour::matrix_color_space(m));
    }
    if kind == b"nclx"
        && let Some(&flags) = c.get(10)
    {
        source(
            s,
            "colour_range",
            if flags & 0x80 != 0 { "Full" } else { "Limited" },
        );
    }
}

/// `chan` (QuickTime channel layout) with a layout tag: positions and layout by MediaInfo's
/// table of Core Audio layouts. Bitmap and per-channel descriptions are not read yet.
fn fill_chan(s: &mut Stream, c: &[u8]) {
    let Some(tag) = c
        .get(4..8)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    else {
        return;
    };
    if tag <= 0x10000 {
        return;
    }
    let (positions, layout) = match tag >> 16 {
        100 => ("Front: C", "C"),
        101 => ("Front: L R", "L R"),
        102 => ("Front: L R (Headphones)", "L R"),
        103 => ("Front: L R (Matrix)", "Lt Rt"),
        108 => ("Front: L R, Side: L R", "L R Ls Rs"),
        113 => ("Front: L C R", "L R C"),
        114 => ("Front: L C R", "C L R"),
        117 => ("Front: L C R, Side: L R", "L R C Ls Rs"),
        118 => ("Front: L C R, Side: L R", "L R Ls Rs C"),
        119 => ("Front: L C R, Side: L R", "L C R Ls Rs"),
        120 => ("Front: L C R, Side: L R", "C L R Ls Rs"),
        121 => ("Front: L C R, Side: L R, LFE", "L R C LFE Ls Rs"),
        122 => ("Front: L C R, Side: L R, LFE", "L R Ls Rs C LFE"),
        123 => ("Front: L C R, Side: L R, LFE", "L C R Ls Rs LFE"),
        124 => ("Front: L C R, Side: L R, LFE", "C L R Ls Rs LFE"),
        128 => (
            "Front: L C R, Side: L R, Back: L R, LFE",
            "L R C LFE Ls Rs Lrs Rrs",
        ),
        129 => (
            "Front: L C R, Side: L R, Back: L R, LFE",
            "L R Ls Rs C LFE Lc Rc",
        ),
        131 => ("Front: L R, Back: C", "L R Cs"),
        132 => ("Front: L R, Side: L R", "L R Ls Rs"),
        133 => ("Front: L R, LFE", "L R LFE"),
        136 => ("Front: L C R, LFE", "L R C LFE"),
        138 => ("Front: L R, Back: L R, LFE", "L R Ls Rs LFE"),
        _ => return,
    };
    s.set("ChannelPositions", positions);
    s.set("ChannelLayout", layout);
}

/// The format an MPEG-4 `objectTypeIndication` names for a video stream.
fn mpeg4_video_object_format(object_type: u8) -> Option<&'static str> {
    Some(match object_type {
        0x20 => "MPEG-4 Visual",
        0x21 => "AVC",
        0x23 => "HEVC",
        0x60..=0x65 => "MPEG Video",
        0x6A => "MPEG Video",
        0x6C => "JPEG",
        0x6D => "PNG",
        _ => return None,
    })
}

/// Text formats named by an `esds` object type (File_Mpeg4_Descriptors).
fn mpeg4_text_object_format(object_type: u8) -> Option<&'static str> {
    Some(match object_type {
        0x08 => "Streaming Text",
        0xE0 => "VobSub",
        _ => return None,
    })
}

/// Nominal and maximum bit rates from the decoder configuration descriptor: CBR when the
/// maximum is absent or within 0.5% of the average (File_Mpeg4_Descriptors).
fn fill_esds_bitrates(s: &mut Stream, d: &esds::EsDescriptor) {
    let buggy =
        d.buffer_size == d.avg_bitrate && d.buffer_size == d.max_bitrate && d.buffer_size == 0x1000;
    if d.avg_bitrate == 0 || buggy {
        return;
    }
    s.set("BitRate_Nominal", d.avg_bitrate.to_string());
    let avg = f64::from(d.avg_bitrate);
    if d.max_bitrate == 0
        || (d.max_bitrate >= d.avg_bitrate && f64::from(d.max_bitrate) <= avg * 1.005)
    {
        s.set("BitRate_Mode", "CBR");
    } else {
        s.set("BitRate_Mode", "VBR");
        s.set("BitRate_Maximum", d.max_bitrate.to_string());
    }
}

/// The formats an MPEG-4 `objectTypeIndication` names whatever the stream's kind (systems
/// streams: scene and object descriptions).
fn mpeg4_any_object_format(object_type: u8) -> Option<&'static str> {
    Some(match object_type {
        0x01 => "System",
        0x02 => "System Core",
        0xA2 => "3GPP2",
        0xDD | 0xDE => "Ogg",
        _ => return None,
    })
}

/// The format an MPEG-4 `objectTypeIndication` names for an audio stream.
fn mpeg4_audio_object_format(object_type: u8) -> Option<&'static str> {
    Some(match object_type {
        0x40 | 0x66..=0x68 => "AAC",
        0x69 | 0x6B => "MPEG Audio",
        0xA5 => "AC-3",
        0xA6 => "E-AC-3",
        0xA9..=0xAC => "DTS",
        0xAD => "Opus",
        0xE1 => "QCELP",
        _ => return None,
    })
}

/// A track header's duration in milliseconds, as MediaInfo rounds it.
fn tkhd_duration_ms(movie: &Movie, track: &Track) -> Option<String> {
    let ts = u64::from(movie.header.timescale);
    let d = track.header.duration;
    (ts > 0 && d != u64::from(u32::MAX) && d != u64::MAX)
        .then(|| half_up(d as f64 * 1000.0 / ts as f64))
}

/// A `tmcd` sample description: the timecode's frame rate.
fn fill_timecode(s: &mut Stream, e: &SampleEntry) {
    // name: a 16-bit size, a language, the text (after a control byte some writers put first).
    if let Some(n) = e.child(b"name")
        && let Some(size) = n
            .get(..2)
            .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
    {
        let mut text = n.get(4..).unwrap_or(&[]);
        let mut size = size;
        if size > 0 && text.first().is_some_and(|&b| b < 0x20) {
            text = &text[1..];
            size -= 1;
        }
        let name = String::from_utf8_lossy(&text[..size.min(text.len())]).into_owned();
        if !name.is_empty() {
            s.append("Title", &name);
        }
    }
    let Some(p) = e.raw.get(8..24) else { return };
    let timescale = u32::from_be_bytes([p[8], p[9], p[10], p[11]]);
    let frame_duration = u32::from_be_bytes([p[12], p[13], p[14], p[15]]);
    if timescale > 0 && frame_duration > 0 {
        super::side_effects::set_frame_rate(s, f64::from(timescale as f32 / frame_duration as f32));
    }
}

/// The track header's duration, rescaled as File_Mpeg4 does when it reads mdhd: a duration
/// within 1% of the media duration in another timescale was written in the media's.
fn track_duration(movie: &Movie, track: &Track) -> u64 {
    let mvhd_ts = u64::from(movie.header.timescale);
    let mdhd_ts = u64::from(track.media.timescale);
    let tkhd = track.header.duration as f64;
    let mdhd = track.media.duration as f64;
    if tkhd * 1.01 >= mdhd * 0.99
        && tkhd * 0.99 <= mdhd * 1.01
        && mdhd_ts > 0
        && mvhd_ts > 0
        && mvhd_ts != mdhd_ts
    {
        let ratio = mdhd_ts as f64 / mvhd_ts as f64;
        (tkhd / ratio).round() as u64
    } else {
        track.header.duration
    }
}

/// MediaInfo's IsFragmented: set once a `moof` is read, not by `mvex` alone.
fn is_fragmented(file: &Mp4File) -> bool {
    file.top.iter().any(|b| b.kind == b"moof")
}

/// Duration, frame count, stream size, Source_* and frame rate from tkhd/mdhd/stts/stsz,
/// following File_Mpeg4's Streams_Finish.
fn fill_timing(s: &mut Stream, file: &Mp4File, movie: &Movie, track: &Track) {
    let mvhd_ts = u64::from(movie.header.timescale);
    let mdhd_ts = u64::from(track.media.timescale);
    let tkhd_duration = track_duration(movie, track);
    let tkhd_unknown =
        track.header.duration == u64::from(u32::MAX) || track.header.duration == u64::MAX;
    if mvhd_ts > 0 && (!tkhd_unknown || tkhd_duration != track.header.duration) {
        s.set(
            "Duration",
            half_up(tkhd_duration as f64 * 1000.0 / mvhd_ts as f64),
        );
    }

    let st = &track.samples;
    let fragmented = is_fragmented(file);
    let frag = file.fragment_totals(track.header.id);
    let stts_duration = st
        .total_duration()
        .saturating_add(frag.map_or(0, |f| f.duration));
    let stts_frames: u64 = st
        .time_to_sample
        .iter()
        .map(|&(c, _)| u64::from(c))
        .fold(0u64, |a, c| a.saturating_add(c))
        .saturating_add(frag.map_or(0, |f| f.samples));
    // PCM tracks often list one-byte samples: File_Mpeg4 scales them to whole sample frames.
    let entry = track.entries.first();
    let pcm_format = entry
        .filter(|_| s.kind() == StreamKind::Audio)
        .and_then(|e| db::codec_id(CodecIdTable::AudioMpeg4, &e.format.to_text()))
        .and_then(|i| i.format);
    let is_pcm = matches!(pcm_format, Some("PCM" | "ADPCM"));
    let multiplier = pcm_size_multiplier(s, file, track);
    let stsz_size = st
        .total_size()
        .saturating_mul(multiplier)
        .saturating_add(frag.map_or(0, |f| f.size));
    let summary = SttsSummary::of(&st.time_to_sample, mdhd_ts > 0);
    let frag_durations = frag.map(|f| f.durations_seen.as_slice()).unwrap_or(&[]);
    let stts_min = frag_durations.iter().copied().chain(summary.min).min();
    let stts_max = frag_durations.iter().copied().chain(summary.max).max();
    let single_tick_samples =
        st.time_to_sample.len() == 1 && (mdhd_ts >= 100) && st.time_to_sample[0].1 == 1;

    if fragmented {
        // A track with no samples in the fragments keeps its track header's duration.
        if mdhd_ts > 0 && stts_duration > 0 {
            let d = (stts_duration as f32 / mdhd_ts as f32 * 1000.0) as f64;
            s.set("Duration", rounded(d, 0));
        }
        // An audio track with no samples in the fragments reports no frame count.
        if stts_frames > 0 || s.kind() != StreamKind::Audio {
            s.set("FrameCount", stts_frames.to_string());
        }
    }

    let edge = |frame: Option<u32>, normal: Option<u32>| -> Option<String> {
        let (f, n) = (frame?, normal?);
        Some(rounded(
            f64::from((f as i32).wrapping_sub(n as i32) as f32 * 1000.0 / mdhd_ts as f32),
            0,
        ))
    };
    let normal_after_first = st.time_to_sample.get(1).map(|e| e.1);
    let first_frame = edge(summary.first_frame, normal_after_first);
    let last_frame = edge(
        summary.last_frame,
        st.time_to_sample
            .get(usize::from(summary.first_frame.is_some()))
            .map(|e| e.1),
    );
    if mvhd_ts > 0 && mdhd_ts > 0 {
        let d_stts = stts_duration as f32 / mdhd_ts as f32;
        let d_h = tkhd_duration.saturating_add(1) as f32 / mvhd_ts as f32;
        let d_l = tkhd_duration.saturating_sub(1) as f32 / mvhd_ts as f32;
        if !fragmented && d_stts != 0.0 && !(d_stts >= d_l && d_stts <= d_h) {
            s.set("Source_Duration", rounded(f64::from(d_stts * 1000.0), 0));
            if let Some(v) = &first_frame {
                s.set("Source_Duration_FirstFrame", v.clone());
            }
            if let Some(v) = &last_frame {
                s.set("Source_Duration_LastFrame", v.clone());
            }
            if !single_tick_samples && !is_pcm && stts_frames > 0 {
                s.set("Source_FrameCount", stts_frames.to_string());
            }
            if stsz_size > 0 {
                s.set("Source_StreamSize", stsz_size.to_string());
            }
            s.set(
                "Duration",
                rounded(f64::from(tkhd_duration as f32 / mvhd_ts as f32 * 1000.0), 0),
            );
            let frame_count = match (stts_min, stts_max) {
                (Some(a), Some(b)) if a == b && a > 0 => {
                    (tkhd_duration as f64 / mvhd_ts as f64 * mdhd_ts as f64 / f64::from(a)).round()
                        as u64
                }
                _ => {
                    let max_ticks =
                        (tkhd_duration as f64 / mvhd_ts as f64 * mdhd_ts as f64).round() as u64;
                    let mut ticks = 0u64;
                    let mut count = 0u64;
                    for &(c, d) in &st.time_to_sample {
                        let complete = u64::from(c) * u64::from(d);
                        if ticks.saturating_add(complete) >= max_ticks {
                            if d > 0 {
                                count += ((max_ticks - ticks) as f64 / f64::from(d)).round() as u64;
                            }
                            break;
                        }
                        ticks += complete;
                        count = count.saturating_add(u64::from(c));
                    }
                    count
                }
            };
            if !single_tick_samples && !is_pcm {
                s.set("FrameCount", frame_count.to_string());
            }
            if st.constant_size > 0 {
                s.set(
                    "StreamSize",
                    frame_count
                        .saturating_mul(u64::from(st.constant_size))
                        .saturating_mul(multiplier)
                        .to_string(),
                );
            } else if frame_count as usize <= st.sizes.len() {
                let size: u64 = st.sizes[..frame_count as usize]
                    .iter()
                    .map(|&x| u64::from(x))
                    .sum();
                s.set("StreamSize", size.to_string());
            }
        } else {
            if !s.has("Duration") {
                s.set("Duration", rounded(f64::from(d_stts * 1000.0), 0));
            }
            if let Some(v) = &first_frame {
                s.set("Duration_FirstFrame", v.clone());
            }
            if let Some(v) = &last_frame {
                s.set("Duration_LastFrame", v.clone());
            }
            if !single_tick_samples && !is_pcm && !s.has("FrameCount") && stts_frames > 0 {
                s.set("FrameCount", stts_frames.to_string());
            }
            // File_Mpeg4 fills this one through the generic field table, which has no stream
            // size for Other streams.
            if stsz_size > 0 && s.kind() != StreamKind::Other {
                s.set("StreamSize", stsz_size.to_string());
            }
        }
    }
    // File_Mpeg4 fills a video or text track's frame count as it reads stts, even when it
    // is empty.
    if matches!(s.kind(), StreamKind::Video | StreamKind::Text)
        && st.has_time_to_sample
        && !s.has("FrameCount")
    {
        s.set("FrameCount", stts_frames.to_string());
    }

    // Edit list delay.
    let mut delay = 0f64;
    match track.edits.as_slice() {
        [(d, t, rate)] if *d == track.header.duration && *rate == 1.0 && mvhd_ts > 0 => {
            delay = -(*t as f64);
            if mdhd_ts > 0 {
                delay /= mdhd_ts as f64;
            }
        }
        [(d0, t0, r0), (d1, _, r1)]
            if *t0 == -1
                && d0.checked_add(*d1) == Some(track.header.duration)
                && *r0 == 1.0
                && *r1 == 1.0
                && mvhd_ts > 0 =>
        {
            delay = *d0 as f64 / mvhd_ts as f64;
        }
        _ => {}
    }
    if delay != 0.0 && s.has("Source_Duration") {
        // The time code's delay, as it was filled (rounded; the first of several).
        delay += super::finish::float(s.get("Delay").unwrap_or("")) / 1000.0;
        // A delay from elsewhere than one container value is kept as the original.
        if let Some(source) = s.get("Delay_Source").filter(|v| *v != "Container") {
            let (source, value) = (source.to_string(), s.get("Delay").map(str::to_string));
            if let Some(value) = value {
                s.append("Delay_Original", &value);
            }
            s.append("Delay_Original_Source", &source);
        }
        s.set("Source_Delay", rounded(delay * 1000.0, 0));
        s.set("Source_Delay_Source", "Container");
    }

    // Frame rate for video, from the sample durations.
    if s.kind() == StreamKind::Video
        && mdhd_ts > 0
        && let (Some(min), Some(max)) = (stts_min, stts_max)
        && min > 0
        && max > 0
    {
        let ts = mdhd_ts as f32;
        if min != max && ts / min as f32 - ts / max as f32 >= 0.001 {
            s.set("FrameRate_Minimum", fixed(f64::from(ts / max as f32), 3));
            s.set("FrameRate_Maximum", fixed(f64::from(ts / min as f32), 3));
            if stts_duration > 0 {
                let rate = stts_frames as f32 / stts_duration as f32 * ts;
                super::side_effects::set_video_frame_rate(s, f64::from(rate));
            }
            s.set("FrameRate_Mode", "VFR");
        } else {
            super::side_effects::set_video_frame_rate(s, f64::from(ts / max as f32));
            s.set("FrameRate_Mode", "CFR");
        }
    }

    fill_mdhd_duration(s, track, stts_duration, fragmented);
    fill_bit_rate_mode(s, st, fragmented);
}

/// What File_Mpeg4 multiplies a PCM track's one-byte `stsz` sample size by (1 for other
/// tracks); needs the stream's Duration.
fn pcm_size_multiplier(s: &Stream, file: &Mp4File, track: &Track) -> u64 {
    let st = &track.samples;
    let Some(e) = track.entries.first() else {
        return 1;
    };
    let format = db::codec_id(CodecIdTable::AudioMpeg4, &e.format.to_text()).and_then(|i| i.format);
    if s.kind() != StreamKind::Audio || st.constant_size != 1 || format != Some("PCM") {
        return 1;
    }
    let duration = s.get("Duration").and_then(|d| d.parse().ok()).unwrap_or(0);
    super::pcm::stsz_multiplier(e, file.is_quicktime(), duration, st.sample_count)
}

/// The first chunks of a PCM track as File_Mpeg4 reads them from the file: one element per
/// chunk (its samples are not framed apart).
fn pcm_chunks(s: &Stream, file: &Mp4File, track: &Track) -> Vec<(u64, u32)> {
    let st = &track.samples;
    if st.constant_size == 0 {
        return Vec::new();
    }
    let sample_bytes =
        u64::from(st.constant_size).saturating_mul(pcm_size_multiplier(s, file, track));
    st.chunks()
        .take(MAX_CODEC_SAMPLES)
        .map(|(offset, n)| {
            let size = sample_bytes.saturating_mul(u64::from(n));
            (offset, u32::try_from(size).unwrap_or(u32::MAX))
        })
        .collect()
}

/// Coherency (every track, time codes too): the media duration when it differs from the sum
/// of the sample durations.
fn fill_mdhd_duration(s: &mut Stream, track: &Track, stts_duration: u64, fragmented: bool) {
    let (mdhd_duration, mdhd_ts) = (track.media.duration, track.media.timescale);
    if !fragmented && stts_duration != mdhd_duration && mdhd_ts > 0 {
        s.set(
            "mdhd_Duration",
            rounded(f64::from(mdhd_duration as f32 / mdhd_ts as f32 * 1000.0), 0),
        );
    }
}

/// The bit rate mode File_Mpeg4 infers at the end from the spread of the listed sample sizes of
/// a track without sync samples (a constant size said CBR earlier, see `track_stream`).
fn fill_bit_rate_mode(s: &mut Stream, st: &SampleTable, fragmented: bool) {
    if s.kind() != StreamKind::Menu
        && !s.has("BitRate_Mode")
        && st.sync_samples.is_none()
        && !st.sizes.is_empty()
        && !fragmented
    {
        let min = st.sizes.iter().copied().min().unwrap_or(0);
        let max = st.sizes.iter().copied().max().unwrap_or(0);
        let mode = if f64::from(min) * 1.01 < f64::from(max) {
            "VBR"
        } else {
            "CBR"
        };
        s.set("BitRate_Mode", mode);
    }
}

/// The sample-duration statistics File_Mpeg4 keeps while reading `stts`: a lone first or last
/// sample with an odd duration is set apart and does not count towards the minimum and maximum.
#[derive(Clone, Copy, Debug, Default)]
struct SttsSummary {
    min: Option<u32>,
    max: Option<u32>,
    first_frame: Option<u32>,
    last_frame: Option<u32>,
}

impl SttsSummary {
    fn of(entries: &[(u32, u32)], has_timescale: bool) -> SttsSummary {
        let n = entries.len();
        let mut min = u32::MAX;
        let mut max = 0u32;
        let mut frames = 0u64;
        let mut first_frame = None;
        let mut last_frame = None;
        for (pos, &(count, duration)) in entries.iter().enumerate() {
            if pos == 1 && (2..=3).contains(&n) && frames == 1 && duration != max && has_timescale {
                first_frame = Some(entries[0].1);
                min = duration;
                max = duration;
            }
            if (2..=3).contains(&n)
                && pos + 1 == n
                && count == 1
                && min == max
                && duration != max
                && has_timescale
            {
                last_frame = Some(duration);
            } else {
                min = min.min(duration);
                max = max.max(duration);
            }
            frames += u64::from(count);
        }
        SttsSummary {
            min: (min != u32::MAX).then_some(min),
            max: (n > 0).then_some(max),
            first_frame,
            last_frame,
        }
    }
}

/// Display aspect ratio from the track header (when it disagrees with the sample size), pixel
/// aspect ratio from `pasp`, and rotation from the matrix, as File_Mpeg4 fills them.
fn fill_video_geometry(s: &mut Stream, track: &Track) {
    let m = &track.header.matrix;
    let a = m[0] as f32 / 65536.0;
    let b = m[1] as f32 / 65536.0;
    let d = m[4] as f32 / 65536.0;
    let tkhd_w = track.header.width as f32 / 65536.0;
    let tkhd_h = track.header.height as f32 / 65536.0;
    let tkhd_dar = if tkhd_h * d != 0.0 {
        (tkhd_w * a) / (tkhd_h * d)
    } else {
        0.0
    };
    let entry = track.entries.first();
    let (w, h) = entry
        .and_then(|e| e.visual.as_ref())
        .map_or((0, 0), |v| (v.width, v.height));
    if tkhd_dar != 0.0 && h != 0 && (tkhd_dar - f32::from(w) / f32::from(h)).abs() >= f32::EPSILON {
        s.set("DisplayAspectRatio", fixed(f64::from(tkhd_dar), 3));
        s.set(
            "PixelAspectRatio",
            fixed(f64::from(tkhd_dar / f32::from(w) * f32::from(h)), 3),
        );
    }
    // MediaInfo divides by 3.14159, not by π: keep its value so rotations print the same.
    #[allow(clippy::approx_constant)]
    const MEDIAINFO_PI: f64 = 3.14159;
    let mut rotation = (f64::from(b).atan2(f64::from(a)) * 180.0 / MEDIAINFO_PI) as f32;
    if rotation < 0.0 {
        rotation += 360.0;
    }
    s.set("Rotation", fixed(f64::from(rotation), 3));
    if rotation != 0.0 {
        s.set(
            "Rotation/String",
            format!("{}\u{b0}", fixed(f64::from(rotation), 0)),
        );
    }
    if let Some(e) = entry {
        let mut par = 0.0;
        match &e.format.0 {
            b"encv" => s.set("Encryption", "Encrypted"),
            b"drms" => s.set("Encryption", "iTunes"),
            _ => {}
        }
        if let Some(p) = e.child(b"pasp")
            && let (Some(hs), Some(vs)) = (p.get(0..4), p.get(4..8))
        {
            let h_spacing = u32::from_be_bytes([hs[0], hs[1], hs[2], hs[3]]);
            let v_spacing = u32::from_be_bytes([vs[0], vs[1], vs[2], vs[3]]);
            if v_spacing != 0 {
                par = h_spacing as f32 / v_spacing as f32;
                s.remove("DisplayAspectRatio");
                super::side_effects::set_pixel_aspect_ratio(s, par);
            }
        }
        // clap: the clean aperture's size, with pasp's pixel aspect ratio (0 without one).
        if let Some(c) = e.child(b"clap")
            && let [wn, wd, hn, hd] = [0, 4, 8, 12].map(|i| be_u32(c, i))
            && [wn, wd, hn, hd].iter().all(|&v| v != 0)
        {
            let width = f64::from(wn as f32 / wd as f32);
            let height = f64::from(hn as f32 / hd as f32);
            s.set("Width_CleanAperture", fixed(width, 0));
            s.set("Height_CleanAperture", fixed(height, 0));
            super::side_effects::set_pixel_aspect_ratio_of(s, "_CleanAperture", par);
        }
    }
}

/// Bit depths File_Mpeg4 knows from the code: v210 and AVrp are 10-bit; uncompressed RGB
/// (`raw `, `rle `) has the entry's depth over its components, a depth of 33 to 63 (or 1)
/// being greyscale.
fn fill_raw_video_depth(s: &mut Stream, code: &str, e: &SampleEntry) {
    match code {
        "v210" | "V210" | "AVrp" => s.append("BitDepth", "10"),
        "raw " | "rle " => {
            let depth = e.visual.as_ref().map_or(0, |v| v.depth);
            let (grey, depth) = match depth {
                0x21..=0x3F => (true, depth - 0x20),
                1 => (true, 1),
                d => (false, d),
            };
            if grey {
                s.set("ColorSpace", "Y");
                s.append("BitDepth", &depth.to_string());
            } else if depth == 32 {
                s.set("ColorSpace", "RGBA");
                s.append("BitDepth", &(depth / 4).to_string());
            } else {
                s.append("BitDepth", &(depth / 3).to_string());
            }
        }
        _ => {}
    }
}

/// fiel (QuickTime field handling): the scan type, and for interlaced pictures the field
/// order and how fields are stored (details 1 and 6 separated, 9 and 14 interleaved; 1 and 9
/// top field first, as File_Mpeg4 reads them).
fn fill_fiel(s: &mut Stream, fields: u8, detail: u8) {
    match fields {
        1 => s.set("ScanType", "Progressive"),
        2 => {
            s.set("ScanType", "Interlaced");
            match detail {
                1 | 9 => s.set("ScanOrder", "TFF"),
                6 | 14 => s.set("ScanOrder", "BFF"),
                _ => {}
            }
            match detail {
                1 | 6 => {
                    s.set("ScanType_StoreMethod_FieldsPerBlock", "2");
                    s.set("ScanType_StoreMethod", "SeparatedFields");
                }
                9 | 14 => s.set("ScanType_StoreMethod", "InterleavedFields"),
                _ => {}
            }
        }
        _ => {}
    }
}

/// The big-endian `u32` at `at`, 0 past the end.
fn be_u32(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4)
        .map_or(0, |v| u32::from_be_bytes([v[0], v[1], v[2], v[3]]))
}

/// The mdhd language: packed ISO 639-2/T letters, or a QuickTime language number.
fn language(code: u16) -> String {
    if code == 0x7FFF || code == 0xFFFF {
        return String::new();
    }
    if code < 0x400 {
        return quicktime_language(code).to_string();
    }
    [(code >> 10) & 0x1F, (code >> 5) & 0x1F, code & 0x1F]
        .iter()
        .map(|&c| char::from((c as u8).wrapping_add(0x60)))
        .collect()
}

/// Macintosh language codes, as MediaInfo names them.
fn quicktime_language(code: u16) -> &'static str {
    match code {
        0 => "en",
        1 => "fr",
        2 => "de",
        3 => "it",
        4 => "nl",
        5 => "sv",
        6 => "es",
        7 => "da",
        8 => "pt",
        9 => "no",
        10 => "he",
        11 => "ja",
        12 => "ar",
        13 => "fi",
        14 => "el",
        15 => "is",
        16 => "mt",
        17 => "tr",
        18 => "hr",
        19 => "zh-tw",
        20 => "ur",
        21 => "hi",
        22 => "th",
        23 => "ko",
        24 => "lt",
        25 => "pl",
        26 => "hu",
        27 => "et",
        28 => "lv",
        31 => "fa",
        32 => "ru",
        33 => "zh-cn",
        34 => "nl",
        35 => "ga",
        36 => "sq",
        37 => "ro",
        38 => "cs",
        39 => "sk",
        40 => "sl",
        41 => "yi",
        42 => "sr",
        43 => "mk",
        44 => "bg",
        45 => "uk",
        46 => "be",
        47 => "uz",
        48 => "kk",
        49 => "az",
        50 => "az",
        51 => "hy",
        52 => "ka",
        53 => "mo",
        54 => "ky",
        55 => "tg",
        56 => "tk",
        57 => "mn",
        58 => "mn",
        59 => "ps",
        60 => "ku",
        61 => "ks",
        62 => "sd",
        63 => "bo",
        64 => "ne",
        65 => "sa",
        66 => "mr",
        67 => "bn",
        68 => "as",
        69 => "gu",
        70 => "pa",
        71 => "or",
        72 => "ml",
        73 => "kn",
        74 => "ta",
        75 => "te",
        76 => "si",
        77 => "my",
        78 => "km",
        79 => "lo",
        80 => "vi",
        81 => "id",
        82 => "tl",
        83 => "ms",
        84 => "ms",
        85 => "am",
        86 => "ti",
        87 => "om",
        88 => "so",
        89 => "sw",
        90 => "rw",
        91 => "rn",
        92 => "ny",
        93 => "mg",
        94 => "eo",
        128 => "cy",
        129 => "eu",
        130 => "ca",
        131 => "la",
        132 => "qu",
        133 => "gn",
        134 => "ay",
        135 => "tt",
        136 => "ug",
        137 => "dz",
        138 => "jv",
        139 => "su",
        140 => "gl",
        141 => "af",
        142 => "br",
        143 => "iu",
        144 => "gd",
        145 => "gv",
        146 => "ga",
        147 => "to",
        148 => "el",
        _ => "",
    }
}
