//! Fields MediaInfo derives the moment another field is set (File__Analyze's `Fill` side
//! effects) or when it is read (MediaInfo_Internal): format descriptions from the format
//! table, `Format/String`, `Format_Commercial`, `ID/String`, the language variants and the
//! display aspect ratio's name.

use super::db;
use super::numbers::fixed;
use super::{Stream, StreamKind};
use std::borrow::Cow;

/// Applies the side effects to every stream.
pub fn apply(streams: &mut [Stream]) {
    if let Some(g) = streams.first_mut() {
        extension_check(g);
    }
    for s in streams.iter_mut() {
        format_fields(s);
        if let Some(id) = s.get("ID").map(str::to_string) {
            s.set_if_absent("ID/String", id);
        }
        language(s);
        // A time code's separator before the frames tells whether it is drop frame.
        if let Some(tc) = s.get("TimeCode_FirstFrame")
            && tc.len() >= 11
            && let Some(c @ (b':' | b';')) = tc.as_bytes().get(8).copied()
        {
            s.set_if_absent("TimeCode_DropFrame", if c == b';' { "Yes" } else { "No" });
        }
        // Image streams get none (MediaInfo fills it in its video finish).
        if s.kind() != StreamKind::Image
            && let Some(cs) = s.get("ChromaSubsampling").map(str::to_string)
        {
            let text = match s.get("ChromaSubsampling_Position") {
                Some(p) => format!("{cs} ({p})"),
                None => cs,
            };
            s.set_if_absent("ChromaSubsampling/String", text);
        }
        if matches!(s.kind(), StreamKind::Video | StreamKind::Image) {
            for name in [
                "DisplayAspectRatio",
                "DisplayAspectRatio_Original",
                "DisplayAspectRatio_CleanAperture",
            ] {
                if let Some(dar) = s.get(name).map(str::to_string) {
                    s.set_if_absent(format!("{name}/String"), aspect_ratio_name(&dar));
                }
            }
        }
    }
}

/// `FileExtension_Invalid`: the format's usual extensions, when the file's is not among them
/// (a named file without an extension has none of them).
fn extension_check(g: &mut Stream) {
    let Some(list) = g.get("Format/Extensions") else {
        return;
    };
    let ext = match g.get("FileExtension") {
        Some(ext) => ext.to_lowercase(),
        None if g.has("FileName") => String::new(),
        None => return,
    };
    if !list.split(' ').any(|e| e == ext) {
        let list = list.to_string();
        g.set("FileExtension_Invalid", list);
    }
}

/// Sets a frame rate a container fills as a float, with the `FrameRate_Num`/`FrameRate_Den`
/// MediaInfo derives from such a value.
pub fn set_frame_rate(s: &mut Stream, rate: f64) {
    s.set("FrameRate", fixed(rate, 3));
    if let Some((num, den)) = super::finish::frame_rate_fraction(rate) {
        s.set("FrameRate_Num", num);
        s.set("FrameRate_Den", den);
    }
}

/// [`set_frame_rate`] for a video stream that has no `FrameRate_Original_Num` yet: MediaInfo's
/// `Fill` then snaps a rate close to a usual one (23.987 to 23.976) at once, before any codec
/// value is merged and compared with it.
pub fn set_video_frame_rate(s: &mut Stream, rate: f64) {
    set_frame_rate(s, rate);
    if s.has("FrameRate_Original_Num") {
        return;
    }
    let value = super::finish::float(s.get("FrameRate").unwrap_or(""));
    let snapped = super::strings::well_known_frame_rate(value);
    if snapped != value {
        set_frame_rate(s, snapped);
    }
}

/// Sets a pixel aspect ratio a container fills as a float; with the width and height known
/// and no display aspect ratio yet, the display aspect ratio MediaInfo derives from it.
pub fn set_pixel_aspect_ratio(s: &mut Stream, par: f32) {
    set_pixel_aspect_ratio_of(s, "", par);
}

/// [`set_pixel_aspect_ratio`] for one family of geometry fields: `Width{suffix}`,
/// `Height{suffix}`, `PixelAspectRatio{suffix}`, `DisplayAspectRatio{suffix}` (the clean
/// aperture's are `_CleanAperture`).
pub fn set_pixel_aspect_ratio_of(s: &mut Stream, suffix: &str, par: f32) {
    // MediaInfo derives the display aspect ratio from the field's text, three decimals.
    let text = fixed(f64::from(par), 3);
    let par = text.parse::<f32>().unwrap_or(0.0);
    s.set(format!("PixelAspectRatio{suffix}"), text);
    let size = |name: &str| {
        s.get(&format!("{name}{suffix}"))
            .and_then(|v| v.parse::<f32>().ok())
            .unwrap_or(0.0)
    };
    let dar_name = format!("DisplayAspectRatio{suffix}");
    if !s.has(&dar_name)
        && let Some(dar) =
            super::finish::display_aspect_ratio_of(par, size("Width"), size("Height"))
    {
        s.set(dar_name, fixed(f64::from(dar), 3));
    }
}

/// Format/Info, Format/Url, InternetMediaType, Compression_Mode (from the format table when
/// the parser gave none), Format_Commercial and Format/String.
fn format_fields(s: &mut Stream) {
    let Some(format) = s.get("Format").map(str::to_string) else {
        return;
    };
    if let Some(info) = db::format(&format) {
        if let Some(v) = info.info {
            s.set_if_absent("Format/Info", v);
        }
        if let Some(v) = info.url {
            s.set_if_absent("Format/Url", v);
        }
        if s.kind() != StreamKind::Menu {
            if let Some(v) = info.internet_media_type {
                s.set_if_absent("InternetMediaType", v);
            }
            if s.kind() != StreamKind::General
                && let Some(v) = info.compression_mode
            {
                s.set_if_absent("Compression_Mode", v);
            }
        }
    }
    let commercial = s
        .get("Format_Commercial_IfAny")
        .map_or_else(|| format.clone(), str::to_string);
    s.set_if_absent("Format_Commercial", commercial);
    let mut text = format;
    if s.kind() != StreamKind::General
        && let Some(features) = s.get("Format_AdditionalFeatures")
    {
        text.push(' ');
        text.push_str(features);
    }
    s.set_if_absent("Format/String", text);
}

/// Canonical language code and its four variants: name, ISO 639-1, ISO 639-2, full tag.
fn language(s: &mut Stream) {
    let Some(raw) = s.get("Language") else {
        return;
    };
    // Each output lists one entry per tag of `raw`, joined by " / " (empty entries included).
    let [mut canonical, mut names, mut two, mut three, mut full]: [String; 5] = Default::default();
    for (i, tag) in raw.split(" / ").enumerate() {
        if i > 0 {
            for out in [&mut canonical, &mut names, &mut two, &mut three, &mut full] {
                out.push_str(" / ");
            }
        }
        language_tag(
            tag,
            [&mut canonical, &mut names, &mut two, &mut three, &mut full],
        );
    }
    if canonical.trim_matches([' ', '/']).is_empty() {
        s.remove("Language");
        return;
    }
    s.set("Language", canonical);
    s.set("Language/String", names.clone());
    s.set("Language/String1", names);
    s.set("Language/String2", two);
    s.set("Language/String3", three);
    s.set("Language/String4", full);
}

/// Appends one language tag's canonical code, name, ISO 639-1, ISO 639-2 and full tag to
/// `out` (nothing for an undetermined language).
fn language_tag(tag: &str, out: [&mut String; 5]) {
    let [canonical, names, two, three, full] = out;
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    let primary: Cow<str> = if first
        .bytes()
        .any(|b| !b.is_ascii() || b.is_ascii_uppercase())
    {
        Cow::Owned(first.to_lowercase())
    } else {
        Cow::Borrowed(first)
    };
    if matches!(&*primary, "mis" | "und" | "???" | "   " | "  " | "") {
        return;
    }
    // Lengths in characters, as MediaInfo's wide strings count them.
    let primary: &str = match primary.chars().count() {
        3 => db::iso639_1_of(&primary).unwrap_or(&primary),
        _ => &primary,
    };
    let code_start = canonical.len();
    canonical.push_str(primary);
    for p in &rest {
        canonical.push('-');
        canonical.push_str(p);
    }
    let code = &canonical[code_start..];
    let whole_name = if rest.len() == 1 {
        db::language_name(code)
    } else {
        None
    };
    match whole_name {
        Some(name) => names.push_str(name),
        None => {
            names.push_str(db::language_name(primary).unwrap_or(primary));
            if let [region] = rest[..] {
                names.push_str(" (");
                if region.len() == 2 && region.chars().all(|c| c.is_ascii_lowercase()) {
                    names.push_str(&region.to_uppercase());
                } else {
                    names.push_str(region);
                }
                names.push(')');
            } else {
                for p in &rest {
                    names.push('-');
                    names.push_str(p);
                }
            }
        }
    }
    match primary.chars().count() {
        2 => {
            two.push_str(primary);
            full.push_str(code);
            three.push_str(db::iso639_2_of(primary).unwrap_or(""));
        }
        3 => three.push_str(primary),
        _ => three.push_str(db::iso639_2_of(primary).unwrap_or("")),
    }
}

/// MediaInfo's name for a display aspect ratio (`16:9`, `2.40:1`…), or the ratio itself.
fn aspect_ratio_name(value: &str) -> String {
    let dar: f32 = value.parse().unwrap_or(0.0);
    let name = match dar {
        d if (1.23..1.27).contains(&d) => "5:4",
        d if (1.30..1.37).contains(&d) => "4:3",
        d if (1.45..1.55).contains(&d) => "3:2",
        d if (1.55..1.65).contains(&d) => "16:10",
        d if (1.65..1.70).contains(&d) => "5:3",
        d if (1.74..1.82).contains(&d) => "16:9",
        d if (1.82..1.88).contains(&d) => "1.85:1",
        d if (2.15..2.22).contains(&d) => "2.2:1",
        d if (2.23..2.30).contains(&d) => "2.25:1",
        d if (2.30..2.37).contains(&d) => "2.35:1",
        d if (2.37..2.395).contains(&d) => "2.39:1",
        d if (2.395..2.45).contains(&d) => "2.40:1",
        _ => return float_text(dar),
    };
    name.to_string()
}

/// A float as MediaInfo's `From_Number(float)` prints it: 3 decimals, trailing zeros kept.
fn float_text(v: f32) -> String {
    fixed(f64::from(v), 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(aspect_ratio_name("1.818"), "16:9");
        assert_eq!(aspect_ratio_name("2.400"), "2.40:1");
        assert_eq!(aspect_ratio_name("1.000"), "1.000");
    }

    #[test]
    fn language_variants() {
        let mut s = Stream::new(StreamKind::Audio);
        s.set("Language", "eng");
        language(&mut s);
        assert_eq!(s.get("Language"), Some("en"));
        assert_eq!(s.get("Language/String"), Some("English"));
        assert_eq!(s.get("Language/String3"), Some("eng"));
    }
}
