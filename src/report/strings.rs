//! Human-readable variants of numeric fields, as MediaInfo 24.12 adds them once parsing is done.
//!
//! MediaInfo's field table gives some fields a unit ("measure"); after parsing it walks every
//! field of every stream and, from the raw value alone (plus a few neighbours), writes the
//! variants that follow it in the table:
//!
//! - sizes (`FileSize`, `StreamSize`, `Source_StreamSize`, `StreamSize_Encoded`, …):
//!   `/String` … `/String5` ("3.52 MiB (72%)") and `…_Proportion` ("0.72194");
//! - bit rates and sampling rates: `/String` ("1 116 kb/s", "44.1 kHz");
//! - durations and delays: `/String` … `/String5` ("10 s 7 ms", "00:00:10.007", time code);
//! - other measured values: `/String` ("1 920 pixels", "2 channels", "25.000 FPS",
//!   "21.533 FPS (1024 SPF)", "8 bits", "2 frames");
//! - yes/no flags: `/String`;
//! - enumerations MediaInfo translates: `BitRate_Mode/String`, `OverallBitRate_Mode/String`,
//!   `FrameRate_Mode/String`, `Compression_Mode/String`, `ScanType/String`, `ScanOrder/String`,
//!   `ScanType_StoreMethod/String`, `Delay_Source/String`, `Gop_OpenClosed/String`,
//!   `Format_Settings_Matrix/String`, `Interlacement/String`;
//! - `Encoded_Application/String` and `Encoded_Library/String` when the parser did not set them.
//!
//! [`owns`] tells which fields these are; [`fill_strings`] computes them.

pub(crate) mod duration;
pub use duration::well_known_frame_rate;
mod english;
pub mod number;
pub mod table;

use super::numbers::{fixed, round};
use crate::report::{Stream, StreamKind};
use number::{to_f32, to_f64, to_i64, to_u64, with_measure};

/// What the rules need to know beyond the stream being filled.
struct Context {
    /// The General stream's `FileSize`, as MediaInfo reads it (through a 32-bit float).
    file_size: f64,
    /// The General stream's `Format` is MXF (time code tracks of the source package first).
    is_mxf: bool,
    /// `TimeCode_FirstFrame` of Other streams of type "Time code", with whether they describe
    /// the source package, in stream order.
    timecode_tracks: Vec<(String, bool)>,
    /// Every stream's `TimeCode_FirstFrame`, in stream order.
    first_frames: Vec<String>,
}

impl Context {
    fn new(streams: &[Stream]) -> Self {
        let general = streams.iter().find(|s| s.kind() == StreamKind::General);
        let get = |name: &str| general.and_then(|g| g.get(name)).unwrap_or("");
        let timecode_tracks = streams
            .iter()
            .filter(|s| s.kind() == StreamKind::Other && s.get("Type") == Some("Time code"))
            .filter_map(|s| {
                let tc = s.get("TimeCode_FirstFrame")?;
                Some((
                    tc.to_owned(),
                    s.get("TimeCode_Settings") == Some("Source Package"),
                ))
            })
            .collect();
        let first_frames = streams
            .iter()
            .filter_map(|s| s.get("TimeCode_FirstFrame").map(str::to_owned))
            .collect();
        Context {
            file_size: f64::from(to_f64(get("FileSize")) as f32),
            is_mxf: get("Format") == "MXF",
            timecode_tracks,
            first_frames,
        }
    }
}

/// Adds every human-readable variant MediaInfo derives from raw fields, in all `streams`
/// (General first, as MediaInfo orders them). Run it once all raw values are set; it replaces
/// earlier values of the fields it owns.
pub fn fill_strings(streams: &mut [Stream]) {
    let ctx = Context::new(streams);
    for stream in streams.iter_mut() {
        fill_stream(stream, &ctx);
    }
}

/// Whether `name` is a field [`fill_strings`] writes in a `kind` stream.
pub fn owns(kind: StreamKind, name: &str) -> bool {
    if TRANSLATED.iter().any(|t| {
        (kind == StreamKind::Video || !t.video_only)
            && name.strip_suffix("/String") == Some(t.field)
    }) || matches!(
        name,
        "Encoded_Application/String" | "Encoded_Library/String"
    ) || (kind == StreamKind::General && name == "OverallBitRate_Mode/String")
        || (kind != StreamKind::General && name == "BitRate_Mode/String")
    {
        return true;
    }
    if !name.contains("/String") && !name.ends_with("_Proportion") {
        return false;
    }
    let rows = table::rows(kind);
    rows.iter().enumerate().any(|(i, (base, measure))| {
        let reach = match measure {
            "" => 0,
            " ms" if kind == StreamKind::Audio && base.starts_with("Interleave_") => 0,
            " byte" | " ms" => 6,
            _ => 1,
        };
        let is_variant = (1..=reach).any(|k| {
            rows.get(i + k).is_some_and(|r| {
                r.0 == name
                    && name
                        .strip_prefix(base)
                        .is_some_and(|s| s.starts_with("/String"))
            })
        });
        is_variant || (measure == " byte" && proportion_of(kind, base).is_some_and(|p| p == name))
    })
}

/// The field holding the share of the file of size field `name`, if MediaInfo computes one
/// for that kind (never for Other streams; General and Image only for `StreamSize`).
fn proportion_of(kind: StreamKind, name: &str) -> Option<&'static str> {
    match (kind, name) {
        (StreamKind::Other | StreamKind::Menu, _) => None,
        (_, "StreamSize") => Some("StreamSize_Proportion"),
        (StreamKind::General | StreamKind::Image, _) => None,
        (_, "StreamSize_Encoded") => Some("StreamSize_Encoded_Proportion"),
        (_, "Source_StreamSize") => Some("Source_StreamSize_Proportion"),
        _ => None,
    }
}

/// An enumeration whose `/String` MediaInfo translates through its language table.
struct Translated {
    field: &'static str,
    prefix: &'static str,
    video_only: bool,
}

const fn tr(field: &'static str, prefix: &'static str, video_only: bool) -> Translated {
    Translated {
        field,
        prefix,
        video_only,
    }
}

const TRANSLATED: [Translated; 15] = [
    tr("Format_Settings_Matrix", "Format_Settings_Matrix_", true),
    tr("ScanType", "Interlaced_", true),
    tr("ScanType_Original", "Interlaced_", true),
    tr("ScanOrder", "Interlaced_", true),
    tr("ScanOrder_Stored", "Interlaced_", true),
    tr("ScanOrder_Original", "Interlaced_", true),
    tr("FrameRate_Mode", "FrameRate_Mode_", true),
    tr("Gop_OpenClosed", "Gop_OpenClosed_", true),
    tr("Gop_OpenClosed_FirstFrame", "Gop_OpenClosed_", true),
    tr("Compression_Mode", "Compression_Mode_", false),
    tr("Delay_Source", "Delay_Source_", false),
    // Not a plain prefix: handled by `translations`, listed so `owns` knows them.
    tr("ScanType_StoreMethod", "", true),
    tr("Interlacement", "", true),
    tr("OverallBitRate_Mode", "", false),
    tr("BitRate_Mode", "", false),
];

fn fill_stream(stream: &mut Stream, ctx: &Context) {
    let kind = stream.kind();
    let rows = table::rows(kind);
    for (i, (name, measure)) in rows.iter().enumerate() {
        // The walk fills later rows: each row is read as it is reached.
        let Some(value) = stream.get_row(i) else {
            continue;
        };
        if measure.is_empty() && !translates(kind, name) {
            continue;
        }
        let value = value.to_owned();
        let next = |k: usize| rows.get(i + k).map_or("", |r| r.0);
        match measure {
            "" => {}
            " byte" => sizes(stream, ctx, name, &value, next),
            " bps" | " Hz" => rate(stream, name, measure, &value, next(1)),
            " ms" => durations(stream, ctx, name, &value, next),
            "Yes" => stream.set(next(1), value.clone()),
            _ => measured(stream, name, measure, &value, next(1)),
        }
        translations(stream, name, &value);
    }
    // Fields outside the table have no unit, but the rules by name apply to them too.
    let extra: Vec<(String, String)> = stream
        .fields()
        .iter()
        .filter(|f| translates(kind, f.name()) && f.row().is_none())
        .map(|f| (f.name().to_string(), f.value.clone()))
        .collect();
    for (name, value) in extra {
        translations(stream, &name, &value);
    }
}

/// The `/String…` variants of a size in bytes, and its share of the file.
fn sizes(
    stream: &mut Stream,
    ctx: &Context,
    name: &str,
    value: &str,
    next: impl Fn(usize) -> &'static str,
) {
    let mut f1 = to_i64(value) as f32;
    let mut pow3 = 0;
    while f1 >= 1024.0 {
        f1 /= 1024.0;
        pow3 += 1;
    }
    let (i2, i3, i4) = if f1 >= 100.0 {
        (0, 0, 1)
    } else if f1 >= 10.0 {
        (0, 1, 2)
    } else {
        (1, 2, 3)
    };
    let (measure, always_same) = match pow3 {
        0 => (" Byte", false),
        1 => (" KiB", true),
        2 => (" MiB", true),
        3 => (" GiB", true),
        4 => (" TiB", true),
        _ => (" ?iB", true),
    };
    let f1 = f64::from(f1);
    let text = |decimals: usize| with_measure(&fixed(f1, decimals), measure, always_same);
    stream.set(next(2), text(0));
    stream.set(next(3), text(i2));
    stream.set(next(4), text(i3));
    stream.set(next(5), text(i4));

    let f2 = f64::from(to_f64(value) as f32);
    let file_size = ctx.file_size;
    match proportion_of(stream.kind(), name) {
        Some(prop) if file_size > 0.0 && f2 * 100.0 / file_size <= 100.0 => {
            stream.set(prop, fixed(f2 / file_size, 5));
            let with_share = format!("{} ({}%)", text(i3), fixed(f2 * 100.0 / file_size, 0));
            stream.set(next(6), with_share.clone());
            stream.set(next(1), with_share);
        }
        _ => stream.set(next(1), text(i3)),
    }
}

/// `/String` of a bit rate or a frequency: b/s below 10 kb/s, then kb/s, Mb/s, Gb/s.
fn rate(stream: &mut Stream, name: &str, measure: &str, value: &str, target: &str) {
    let is_pcm_like = stream.kind() == StreamKind::Audio
        && name == "BitRate"
        && matches!(
            stream.get("Format"),
            Some("PCM" | "ADPCM" | "U-Law" | "Qdesign 1" | "Qdesign 2" | "DTS")
        );
    let is_sampling_rate = stream.kind() == StreamKind::Audio && name == "SamplingRate";
    let scaled = |letter: char| {
        let mut m = measure.to_owned();
        m.insert(1, letter);
        m
    };
    let texts: Vec<String> = value
        .split(" / ")
        .map(|item| {
            let n = to_u64(item);
            if n == 0 && item.as_bytes().first().is_none_or(|&b| b > b'9') {
                return english::word(item);
            }
            let known = match n {
                66_150 if is_pcm_like => Some("66.15"),
                132_300 if is_pcm_like => Some("132.3"),
                176_400 if is_pcm_like || is_sampling_rate => Some("176.4"),
                264_600 if is_pcm_like => Some("264.6"),
                352_800 if is_pcm_like || is_sampling_rate => Some("352.8"),
                529_200 if is_pcm_like => Some("529.2"),
                705_600 if is_pcm_like => Some("705.6"),
                1_411_200 if is_pcm_like => Some("1411.2"),
                11_024 if is_sampling_rate => Some("11.024"),
                11_025 if is_sampling_rate => Some("11.025"),
                22_050 if is_sampling_rate => Some("22.05"),
                44_100 if is_sampling_rate => Some("44.1"),
                88_200 if is_sampling_rate => Some("88.2"),
                _ => None,
            };
            if let Some(k) = known {
                return with_measure(k, &scaled('K'), true);
            }
            let nf = n as f32;
            let (div, letter, whole_above) = if n > 10_000_000_000 {
                (1e9, 'G', 100_000_000_000)
            } else if n > 10_000_000 {
                (1e6, 'M', 100_000_000)
            } else if n > 10_000 {
                (1e3, 'K', 100_000)
            } else {
                return with_measure(&n.to_string(), measure, true);
            };
            let decimals = if n > whole_above { 0 } else { 1 };
            with_measure(&fixed(f64::from(nf / div), decimals), &scaled(letter), true)
        })
        .collect();
    stream.set(target, texts.join(" / "));
}

/// `/String` … `/String5` of a duration in milliseconds.
fn durations(
    stream: &mut Stream,
    ctx: &Context,
    name: &str,
    value: &str,
    next: impl Fn(usize) -> &'static str,
) {
    if stream.kind() == StreamKind::Audio
        && matches!(name, "Interleave_Duration" | "Interleave_Preload")
    {
        return;
    }
    for k in 1..=6 {
        stream.remove(next(k));
    }
    let has_string5 = next(6).strip_prefix(name) == Some("/String5");
    // The six variants, each its items' non-empty texts joined by " / ".
    let mut out: [String; 6] = Default::default();
    let add = |out: &mut String, text: &str| {
        if !text.is_empty() {
            if !out.is_empty() {
                out.push_str(" / ");
            }
            out.push_str(text);
        }
    };
    for item in value.split(" / ") {
        if item.chars().any(|c| !"0123456789.+-".contains(c)) {
            add(&mut out[0], item);
            continue;
        }
        let spelled = duration::spell(to_i64(item));
        add(&mut out[0], &spelled.short);
        add(&mut out[1], &spelled.full);
        add(&mut out[2], &spelled.short);
        add(&mut out[3], &spelled.clock);
        if spelled.hours <= 0xFF && has_string5 {
            add(&mut out[5], &spelled.clock);
            if let Some(tc) = timecode_of(stream, ctx, name, item) {
                out[5].push_str(" (");
                out[5].push_str(&tc);
                out[5].push(')');
                add(&mut out[4], &tc);
            }
        }
    }
    for (k, text) in out.into_iter().enumerate() {
        stream.set(next(k + 1), text);
    }
}

/// The `/String4` time code of a duration item, when the stream has a usable frame rate.
fn timecode_of(stream: &Stream, ctx: &Context, name: &str, item: &str) -> Option<String> {
    let frame_rate = if stream.kind() == StreamKind::Audio {
        stream
            .get("TimeCode_FirstFrame_FrameRate")
            .or_else(|| stream.get("Dolby_Atmos_Metadata AssociatedVideo_FrameRate"))
    } else {
        stream.get("FrameRate")
    }?;
    let fps = to_f64(frame_rate);
    let fps_whole = round(fps);
    let counted = (name == "Duration")
        .then(|| stream.get("FrameCount"))
        .flatten()
        .filter(|_| !matches!(stream.kind(), StreamKind::Text | StreamKind::Audio));
    let frame_count = match counted {
        Some(c) => c.to_owned(),
        None => fixed(
            f64::from(to_f32(item)) * duration::well_known_frame_rate(fps) / 1000.0,
            0,
        ),
    };
    if fps_whole == 0 || fps_whole >= 256 {
        return None;
    }
    let drop_frame = drop_frame(stream, ctx, frame_rate);
    let fps32 = to_f32(frame_rate);
    let frames_max = round(f64::from(fps32 - 1.0)) as u32;
    duration::timecode(to_i64(&frame_count), frames_max.wrapping_add(1), drop_frame)
}

/// Whether a time code separator says drop frame (`;`) or not (`:`); None if it is no time code.
fn tc_drop_frame(tc: &str) -> Option<bool> {
    let b = tc.as_bytes();
    if b.len() < 11 || b.get(2) != Some(&b':') || b.get(5) != Some(&b':') {
        return None;
    }
    match b.get(8) {
        Some(b':') => Some(false),
        Some(b';') => Some(true),
        _ => None,
    }
}

/// Whether durations of `stream` are counted in drop-frame time code: from the stream's
/// delay, a time code track, its own or every stream's first time code, else from the frame
/// rate being just below a multiple of 30.
fn drop_frame(stream: &Stream, ctx: &Context, frame_rate: &str) -> bool {
    if let Some(d) = stream
        .get("Delay_Original_DropFrame")
        .and_then(tc_drop_frame)
    {
        return d;
    }
    for step in if ctx.is_mxf { 0..2 } else { 1..2 } {
        let found = ctx
            .timecode_tracks
            .iter()
            .filter(|(_, source)| step == 1 || *source)
            .find_map(|(tc, _)| tc_drop_frame(tc));
        if let Some(d) = found {
            return d;
        }
    }
    if let Some(d) = stream.get("TimeCode_FirstFrame").and_then(tc_drop_frame) {
        return d;
    }
    let mut agreed = None;
    for d in ctx.first_frames.iter().filter_map(|tc| tc_drop_frame(tc)) {
        match agreed {
            None => agreed = Some(d),
            Some(a) if a == d => {}
            Some(_) => {
                agreed = None;
                break;
            }
        }
    }
    if let Some(d) = agreed {
        return d;
    }
    let fps = to_f32(frame_rate);
    let whole = round(f64::from(fps)) as i32;
    whole % 30 == 0 && fps >= whole as f32 / 1.002 && fps < whole as f32
}

/// `/String` of a value with a unit ("1 920 pixels"), with MediaInfo's additions for
/// channels (channel mode), frame rates (num/den, SPF) and the 120 fps 24/30 mode.
fn measured(stream: &mut Stream, name: &str, measure: &str, value: &str, target: &str) {
    if stream.kind() == StreamKind::Audio
        && name == "BitDepth_Detected"
        && stream.get("BitDepth") == Some(value)
    {
        return;
    }
    let get = |n: &str| stream.get(n).unwrap_or("").to_owned();
    let mut texts: Vec<String> = Vec::new();
    let frame_rates: Vec<String> = value.split(" / ").map(str::to_owned).collect();
    for item in value.split(" / ") {
        let mut text = with_measure(item, measure, false);
        if stream.kind() == StreamKind::Audio && name == "Channel(s)" {
            let mode = get("ChannelMode");
            if mode.len() > 3 || (mode.len() == 3 && !mode.ends_with('0')) {
                text = format!("{text} ({mode})");
            }
        }
        if name == "FrameRate" {
            let (num, den) = (get("FrameRate_Num"), get("FrameRate_Den"));
            let fr = frame_rates.get(texts.len()).map_or("", String::as_str);
            if !fr.is_empty() && !num.is_empty() && !den.is_empty() && to_i64(&den) as u32 != 1 {
                text = with_measure(&format!("{fr} ({num}/{den})"), " fps", false);
            }
        }
        if name == "FrameRate_Original"
            && matches!(stream.kind(), StreamKind::Video | StreamKind::Text)
        {
            let (num, den) = (get("FrameRate_Original_Num"), get("FrameRate_Original_Den"));
            if !num.is_empty() && !den.is_empty() && to_i64(&den) as u32 != 1 {
                text = with_measure(&format!("{value} ({num}/{den})"), " fps", false);
            }
        }
        if stream.kind() == StreamKind::Video
            && name == "FrameRate"
            && to_i64(value) as u32 == 120
            && to_i64(&get("FrameRate_Minimum")) as u32 == 24
            && to_i64(&get("FrameRate_Maximum")) as u32 == 30
        {
            text = with_measure(&format!("{value} (24/30)"), " fps", false);
        }
        texts.push(text);
        if stream.kind() == StreamKind::Audio && name == "FrameRate" {
            let spf = get("SamplesPerFrame");
            if !spf.is_empty() {
                let mut spf: Vec<&str> = spf.split(" / ").collect();
                let first = texts.len() - 1;
                while texts.len() < spf.len() {
                    let last = texts.last().cloned().unwrap_or_default();
                    texts.push(last);
                }
                while spf.len() < texts.len() {
                    let last = spf.last().copied().unwrap_or_default();
                    spf.push(last);
                }
                for (t, s) in texts.iter_mut().zip(&spf).skip(first) {
                    t.push_str(&format!(" ({s} SPF)"));
                }
            }
        }
    }
    stream.set(target, texts.join(" / "));
}

/// The translated `/String` of enumerations and the encoder names.
/// Whether [`translations`] may write anything for a `kind` field named `name`: the rest are
/// skipped without a copy of their value.
fn translates(kind: StreamKind, name: &str) -> bool {
    match name {
        "OverallBitRate_Mode" => kind == StreamKind::General,
        "BitRate_Mode" => kind != StreamKind::General,
        "ScanType_StoreMethod" | "Interlacement" => kind == StreamKind::Video,
        _ => {
            name.starts_with("Encoded_Application")
                || name.starts_with("Encoded_Library")
                || TRANSLATED.iter().any(|t| {
                    t.field == name
                        && !t.prefix.is_empty()
                        && (kind == StreamKind::Video || !t.video_only)
                })
        }
    }
}

fn translations(stream: &mut Stream, name: &str, value: &str) {
    let kind = stream.kind();
    let mode_field = if kind == StreamKind::General {
        "OverallBitRate_Mode"
    } else {
        "BitRate_Mode"
    };
    if name == mode_field {
        let translated: Vec<String> = value
            .split(" / ")
            .map(|v| english::word(&format!("BitRate_Mode_{v}")))
            .collect();
        let translated = translated.join(" / ");
        let text = if translated.starts_with("BitRate_Mode_") {
            value.to_owned()
        } else {
            translated
        };
        stream.set(format!("{name}/String"), text);
    }
    for (prefix, target) in [
        ("Encoded_Application", "Encoded_Application/String"),
        ("Encoded_Library", "Encoded_Library/String"),
    ] {
        let is_part = name
            .strip_prefix(prefix)
            .is_some_and(|s| matches!(s, "" | "_CompanyName" | "_Name" | "_Version" | "_Date"));
        if is_part && !stream.has(target) {
            let text = encoder_text(stream, prefix);
            stream.set(target, text);
        }
    }
    let plain = TRANSLATED.iter().find(|t| {
        t.field == name && !t.prefix.is_empty() && (kind == StreamKind::Video || !t.video_only)
    });
    if let Some(t) = plain {
        stream.set(
            format!("{name}/String"),
            english::enumeration(t.prefix, value),
        );
    }
    if kind == StreamKind::Video && name == "ScanType_StoreMethod" {
        let mut key = format!("StoreMethod_{value}");
        if let Some(per_block) = stream.get("ScanType_StoreMethod_FieldsPerBlock") {
            key = format!("{key}_{per_block}");
        }
        let text = english::translate(&key).map_or_else(|| value.to_owned(), str::to_owned);
        stream.set("ScanType_StoreMethod/String", text);
    }
    if kind == StreamKind::Video && name == "Interlacement" && !stream.has("Interlacement/String") {
        let text = if value.len() == 3 {
            english::word(&format!("Interlaced_{value}"))
        } else {
            english::word(value)
        };
        stream.set("Interlacement/String", text);
    }
}

/// "Company Name Version (Date)" of an encoder, or its single-field name.
fn encoder_text(stream: &Stream, prefix: &str) -> String {
    let part = |s: &str| stream.get(&format!("{prefix}{s}")).unwrap_or("");
    let name = part("_Name");
    if name.is_empty() {
        return part("").to_owned();
    }
    let mut text = String::new();
    let company = part("_CompanyName");
    if !company.is_empty() {
        text.push_str(company);
        text.push(' ');
    }
    text.push_str(name);
    let version = part("_Version");
    if !version.is_empty() {
        text.push(' ');
        text.push_str(version);
    }
    let date = part("_Date");
    if !date.is_empty() {
        text.push_str(&format!(" ({date})"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(kind: StreamKind, fields: &[(&str, &str)]) -> Stream {
        let mut s = Stream::new(kind);
        for (n, v) in fields {
            s.set(*n, *v);
        }
        s
    }

    fn filled(streams: Vec<Stream>) -> Vec<Stream> {
        let mut streams = streams;
        fill_strings(&mut streams);
        streams
    }

    fn one(kind: StreamKind, fields: &[(&str, &str)]) -> Stream {
        let mut v = filled(vec![stream(kind, fields)]);
        v.pop().unwrap_or_else(|| Stream::new(kind))
    }

    #[test]
    fn durations_with_time_codes() {
        let v = one(
            StreamKind::Video,
            &[
                ("Duration", "10007"),
                ("FrameRate", "25.000"),
                ("FrameCount", "250"),
            ],
        );
        assert_eq!(v.get("Duration/String"), Some("10 s 7 ms"));
        assert_eq!(v.get("Duration/String1"), Some("10 s 7 ms"));
        assert_eq!(v.get("Duration/String2"), Some("10 s 7 ms"));
        assert_eq!(v.get("Duration/String3"), Some("00:00:10.007"));
        assert_eq!(v.get("Duration/String4"), Some("00:00:10:00"));
        assert_eq!(
            v.get("Duration/String5"),
            Some("00:00:10.007 (00:00:10:00)")
        );

        let g = one(StreamKind::General, &[("Duration", "3723456")]);
        assert_eq!(g.get("Duration/String"), Some("1 h 2 min"));
        assert_eq!(g.get("Duration/String1"), Some("1 h 2 min 3 s 456 ms"));
        assert_eq!(g.get("Duration/String3"), Some("01:02:03.456"));
        assert_eq!(g.get("Duration/String4"), None);
        assert_eq!(g.get("Duration/String5"), Some("01:02:03.456"));

        // 29.97 and 59.94 count in drop frame, 23.976 does not.
        let ntsc = one(
            StreamKind::Video,
            &[
                ("Duration", "60060"),
                ("FrameRate", "29.970"),
                ("FrameCount", "1800"),
            ],
        );
        assert_eq!(ntsc.get("Duration/String4"), Some("00:01:00;02"));
        let p60 = one(
            StreamKind::Video,
            &[
                ("Duration", "60060"),
                ("FrameRate", "59.940"),
                ("FrameCount", "3600"),
            ],
        );
        assert_eq!(p60.get("Duration/String4"), Some("00:01:00;04"));
        let film = one(
            StreamKind::Video,
            &[
                ("Duration", "60018"),
                ("FrameRate", "23.976"),
                ("FrameCount", "1439"),
            ],
        );
        assert_eq!(film.get("Duration/String4"), Some("00:00:59:23"));

        // Audio has no time code without a time code frame rate; delays may be negative.
        let a = one(StreamKind::Audio, &[("Duration", "3623"), ("Delay", "-40")]);
        assert_eq!(a.get("Duration/String4"), None);
        assert_eq!(a.get("Duration/String5"), Some("00:00:03.623"));
        assert_eq!(a.get("Delay/String"), Some("-40 ms"));
        assert_eq!(a.get("Delay/String3"), Some("-00:00:00.040"));
    }

    #[test]
    fn bit_rates_and_frequencies() {
        let rate = |v: &str| {
            one(StreamKind::Video, &[("BitRate", v)])
                .get("BitRate/String")
                .map(str::to_owned)
        };
        assert_eq!(rate("800").as_deref(), Some("800 b/s"));
        assert_eq!(rate("10000").as_deref(), Some("10 000 b/s"));
        assert_eq!(rate("15556").as_deref(), Some("15.6 kb/s"));
        assert_eq!(rate("96000").as_deref(), Some("96.0 kb/s"));
        assert_eq!(rate("259000").as_deref(), Some("259 kb/s"));
        assert_eq!(rate("1116000").as_deref(), Some("1 116 kb/s"));
        assert_eq!(rate("15000000").as_deref(), Some("15.0 Mb/s"));
        assert_eq!(rate("150000000").as_deref(), Some("150 Mb/s"));
        assert_eq!(rate("Variable").as_deref(), Some("Variable"));

        let a = one(
            StreamKind::Audio,
            &[
                ("SamplingRate", "44100"),
                ("BitRate", "1411200"),
                ("Format", "PCM"),
            ],
        );
        assert_eq!(a.get("SamplingRate/String"), Some("44.1 kHz"));
        assert_eq!(a.get("BitRate/String"), Some("1 411.2 kb/s"));
        let a = one(StreamKind::Audio, &[("SamplingRate", "48000")]);
        assert_eq!(a.get("SamplingRate/String"), Some("48.0 kHz"));
        let g = one(StreamKind::General, &[("OverallBitRate", "85927")]);
        assert_eq!(g.get("OverallBitRate/String"), Some("85.9 kb/s"));
    }

    #[test]
    fn sizes_and_proportions() {
        let streams = filled(vec![
            stream(
                StreamKind::General,
                &[("FileSize", "5368709120"), ("StreamSize", "1000")],
            ),
            stream(StreamKind::Video, &[("StreamSize", "5000000")]),
            stream(StreamKind::Other, &[("StreamSize", "18")]),
        ]);
        let g = &streams[0];
        assert_eq!(g.get("FileSize/String"), Some("5.00 GiB"));
        assert_eq!(g.get("FileSize/String1"), Some("5 GiB"));
        assert_eq!(g.get("FileSize/String2"), Some("5.0 GiB"));
        assert_eq!(g.get("FileSize/String3"), Some("5.00 GiB"));
        assert_eq!(g.get("FileSize/String4"), Some("5.000 GiB"));
        assert_eq!(g.get("StreamSize/String"), Some("1 000 Bytes (0%)"));
        assert_eq!(g.get("StreamSize_Proportion"), Some("0.00000"));
        let v = &streams[1];
        assert_eq!(v.get("StreamSize/String"), Some("4.77 MiB (0%)"));
        assert_eq!(v.get("StreamSize/String5"), Some("4.77 MiB (0%)"));
        assert_eq!(v.get("StreamSize_Proportion"), Some("0.00093"));
        // Other streams get no share of the file.
        let o = &streams[2];
        assert_eq!(o.get("StreamSize/String"), Some("18.0 Bytes"));
        assert_eq!(o.get("StreamSize_Proportion"), None);

        // A share of exactly 2.5% rounds to even, as C's printf does.
        let streams = filled(vec![
            stream(StreamKind::General, &[("FileSize", "1000")]),
            stream(StreamKind::Audio, &[("StreamSize", "25")]),
        ]);
        assert_eq!(streams[1].get("StreamSize/String"), Some("25.0 Bytes (2%)"));
        assert_eq!(streams[1].get("StreamSize_Proportion"), Some("0.02500"));
        assert_eq!(streams[0].get("FileSize/String"), Some("1 000 Bytes"));
    }

    #[test]
    fn measured_values() {
        let v = one(
            StreamKind::Video,
            &[
                ("Width", "1920"),
                ("Height", "320"),
                ("BitDepth", "8"),
                ("FrameRate", "23.976"),
                ("FrameRate_Num", "24000"),
                ("FrameRate_Den", "1001"),
                ("Format_Settings_RefFrames", "2"),
                ("Format_Settings_CABAC", "Yes"),
                ("ScanType", "MBAFF"),
                ("FrameRate_Mode", "CFR"),
            ],
        );
        assert_eq!(v.get("Width/String"), Some("1 920 pixels"));
        assert_eq!(v.get("Height/String"), Some("320 pixels"));
        assert_eq!(v.get("BitDepth/String"), Some("8 bits"));
        assert_eq!(v.get("FrameRate/String"), Some("23.976 (24000/1001) FPS"));
        assert_eq!(v.get("Format_Settings_RefFrames/String"), Some("2 frames"));
        assert_eq!(v.get("Format_Settings_CABAC/String"), Some("Yes"));
        assert_eq!(v.get("ScanType/String"), Some("MBAFF"));
        assert_eq!(v.get("FrameRate_Mode/String"), Some("Constant"));

        let a = one(
            StreamKind::Audio,
            &[
                ("Channel(s)", "1"),
                ("FrameRate", "43.066"),
                ("SamplesPerFrame", "1024"),
                ("BitRate_Mode", "VBR"),
                ("Compression_Mode", "Lossy"),
            ],
        );
        assert_eq!(a.get("Channel(s)/String"), Some("1 channel"));
        assert_eq!(a.get("FrameRate/String"), Some("43.066 FPS (1024 SPF)"));
        assert_eq!(a.get("BitRate_Mode/String"), Some("Variable"));
        assert_eq!(a.get("Compression_Mode/String"), Some("Lossy"));
    }

    #[test]
    fn encoder_names() {
        let v = one(
            StreamKind::Video,
            &[
                ("Encoded_Library", "x264 - core 148"),
                ("Encoded_Library_Name", "x264"),
                ("Encoded_Library_Version", "core 148"),
            ],
        );
        assert_eq!(v.get("Encoded_Library/String"), Some("x264 core 148"));
        let g = one(
            StreamKind::General,
            &[("Encoded_Application", "Lavf57.25.100")],
        );
        assert_eq!(g.get("Encoded_Application/String"), Some("Lavf57.25.100"));
    }

    #[test]
    fn ownership() {
        assert!(owns(StreamKind::Video, "Duration/String4"));
        assert!(owns(StreamKind::Video, "StreamSize_Proportion"));
        assert!(owns(StreamKind::General, "FileSize/String4"));
        assert!(owns(StreamKind::Audio, "BitRate_Mode/String"));
        assert!(!owns(StreamKind::Other, "StreamSize_Proportion"));
        assert!(!owns(StreamKind::Video, "Format/String"));
        assert!(!owns(StreamKind::Video, "Duration"));
        assert!(!owns(StreamKind::Audio, "Interleave_Duration/String"));
    }
}
