//! Fields MediaInfo derives the moment another field is set (File__Analyze's `Fill` side
//! effects) or when it is read (MediaInfo_Internal): format descriptions from the format
//! table, `Format/String`, `Format_Commercial`, `ID/String`, the language variants and the
//! display aspect ratio's name.

use super::db;
use super::numbers::fixed;
use super::{Stream, StreamKind};

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
        if s.kind != StreamKind::Image
            && let Some(cs) = s.get("ChromaSubsampling").map(str::to_string)
        {
            let text = match s.get("ChromaSubsampling_Position") {
                Some(p) => format!("{cs} ({p})"),
                None => cs,
            };
            s.set_if_absent("ChromaSubsampling/String", text);
        }
        if matches!(s.kind, StreamKind::Video | StreamKind::Image) {
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
        if s.kind != StreamKind::Menu {
            if let Some(v) = info.internet_media_type {
                s.set_if_absent("InternetMediaType", v);
            }
            if s.kind != StreamKind::General
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
    if s.kind != StreamKind::General
        && let Some(features) = s.get("Format_AdditionalFeatures")
    {
        text.push(' ');
        text.push_str(features);
    }
    s.set_if_absent("Format/String", text);
}

/// Canonical language code and its four variants: name, ISO 639-1, ISO 639-2, full tag.
fn language(s: &mut Stream) {
    let Some(raw) = s.get("Language").map(str::to_string) else {
        return;
    };
    let mut names = Vec::new();
    let mut two = Vec::new();
    let mut three = Vec::new();
    let mut full = Vec::new();
    let mut canonical = Vec::new();
    for tag in raw.split(" / ") {
        let mut parts: Vec<String> = tag.split('-').map(str::to_string).collect();
        let primary = parts[0].to_lowercase();
        if matches!(primary.as_str(), "mis" | "und" | "???" | "   " | "  ") || primary.is_empty() {
            canonical.push(String::new());
            names.push(String::new());
            two.push(String::new());
            three.push(String::new());
            full.push(String::new());
            continue;
        }
        // Lengths in characters, as MediaInfo's wide strings count them.
        parts[0] = if primary.chars().count() == 3 {
            db::iso639_1_of(&primary).map_or(primary.clone(), str::to_string)
        } else {
            primary.clone()
        };
        let code = parts.join("-");
        canonical.push(code.clone());
        let name = if parts.len() == 2 {
            db::language_name(&code).map(str::to_string)
        } else {
            None
        };
        let name = name.unwrap_or_else(|| {
            let mut n = db::language_name(&parts[0]).map_or(parts[0].clone(), str::to_string);
            if parts.len() == 2 {
                let region = &parts[1];
                let region = if region.len() == 2 && region.chars().all(|c| c.is_ascii_lowercase())
                {
                    region.to_uppercase()
                } else {
                    region.clone()
                };
                n.push_str(&format!(" ({region})"));
            } else {
                for p in &parts[1..] {
                    n.push('-');
                    n.push_str(p);
                }
            }
            n
        });
        names.push(name);
        if parts[0].chars().count() == 2 {
            two.push(parts[0].clone());
            full.push(code.clone());
        } else {
            two.push(String::new());
            full.push(String::new());
        }
        if parts[0].chars().count() == 3 {
            three.push(parts[0].clone());
        } else {
            three.push(db::iso639_2_of(&parts[0]).unwrap_or("").to_string());
        }
    }
    let canonical = canonical.join(" / ");
    if canonical.trim_matches([' ', '/']).is_empty() {
        s.remove("Language");
        return;
    }
    s.set("Language", canonical);
    let join = |v: Vec<String>| v.join(" / ");
    let name = join(names);
    s.set("Language/String", name.clone());
    s.set("Language/String1", name);
    s.set("Language/String2", join(two));
    s.set("Language/String3", join(three));
    s.set("Language/String4", join(full));
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
