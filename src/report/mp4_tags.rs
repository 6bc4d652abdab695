//! iTunes/QuickTime metadata items → General fields, following File_Mpeg4's metadata table.

use crate::container::mp4::meta::{Tag, TagOrigin, TagValue};
use crate::report::Stream;

/// The General field a four-character item code maps to (`None`: MediaInfo drops it).
fn field_for_code(code: &[u8]) -> Option<String> {
    let name = match code {
        b"\xa9alb" | b"albm" => "Album",
        b"\xa9ard" | b"\xa9dir" => "Director",
        b"\xa9arg" => "Arranger",
        b"\xa9ART" | b"\xa9aut" | b"\xa9prf" | b"auth" | b"perf" => "Performer",
        b"\xa9con" | b"\xa9sol" => "Conductor",
        b"\xa9cmt" | b"\xa9req" => "Comment",
        b"\xa9cpy" | b"cprt" => "Copyright",
        b"\xa9day" | b"year" => "Recorded_Date",
        b"\xa9des" | b"\xa9inf" | b"dscp" => "Title_More",
        b"\xa9dis" => "TermsOfUse",
        b"\xa9edl" => "Tagged_Date",
        b"\xa9enc" | b"\xa9swr" | b"\xa9too" | b"tool" => "Encoded_Application",
        b"\xa9fmt" => "Origin",
        b"\xa9gen" | b"gnre" => "Genre",
        b"\xa9grp" | b"grup" => "Grouping",
        b"\xa9hos" => "HostComputer",
        b"\xa9key" => "Keywords",
        b"\xa9lyr" => "Lyrics",
        b"\xa9mak" => "Make",
        b"\xa9mod" => "Model",
        b"\xa9nam" | b"name" | b"titl" => "Title",
        b"\xa9ope" => "Original/Performer",
        b"\xa9prd" => "Producer",
        b"\xa9PRD" => "Product",
        b"\xa9sne" => "SoundEngineer",
        b"\xa9src" => "DistributedBy",
        b"\xa9st3" => "Subtitle",
        b"\xa9url" => "Track/Url",
        b"\xa9wrn" => "Warning",
        b"\xa9wrt" => "Composer",
        b"\xa9xpd" => "ExecutiveProducer",
        b"aART" => "Album/Performer",
        b"akID" => "AppleStoreAccountType",
        b"apID" => "AppleStoreAccount",
        b"atID" => "AlbumTitleID",
        b"catg" => "Category",
        b"cnID" => "AppleStoreCatalogID",
        b"cpil" => "Compilation",
        b"desc" | b"sdes" => "Description",
        b"disk" | b"tves" => "Part",
        b"egid" => "EpisodeGlobalUniqueID",
        b"flvr" => "Flavour",
        b"geID" => "GenreID",
        b"hdvd" => "HDVideo",
        b"itnu" => "iTunesU",
        b"kind" | b"tagc" => "ServiceKind",
        b"keyw" => "Keyword",
        b"ldes" => "LongDescription",
        b"pcst" => "Podcast",
        b"pgap" => return None,
        b"plID" => "PlayListID",
        b"purd" => "PurchaseDate",
        b"purl" => "PodcastURL",
        b"rate" | b"rtng" => "Rating",
        b"sfID" => "AppleStoreCountry",
        b"soaa" => "Album/Performer/Sort",
        b"soal" => "Album/Sort",
        b"soar" => "Performer/Sort",
        b"soco" => "Composer/Sort",
        b"sonm" | b"sosn" => "Title/Sort",
        b"stik" => "ContentType",
        b"tmpo" => "BPM",
        b"trkn" => "Track",
        b"tven" => "Part_ID",
        b"tvnn" => "TVNetworkName",
        b"tvsh" => "Collection",
        b"tvsn" => "Season",
        b"xid " => "Vendor",
        // Unknown codes name the field themselves, without bytes outside ASCII.
        _ => {
            return Some(
                code.iter()
                    .filter(|b| b.is_ascii())
                    .map(|&b| b as char)
                    .collect(),
            );
        }
    };
    Some(name.to_string())
}

/// The General field a named item (`----` mean/name, QuickTime `mdta` keys) maps to.
fn field_for_name(name: &str) -> Option<String> {
    Some(
        match name {
            "com.apple.quicktime.copyright" => "Copyright",
            "com.apple.quicktime.displayname" => "Title",
            "com.apple.finalcutstudio.media.uuid" => "Media/UUID",
            "com.apple.finalcutstudio.media.history.uuid" => "Media/History/UUID",
            "aspect_ratio" => "DisplayAspectRatio",
            "date_recorded" => "Recorded_Date",
            "DATE" => "Encoded_Date",
            "iTunEXTC" => "ContentRating",
            "iTunNORM" | "iTunes_CDDB_IDs" | "iTunSMPB" => return None,
            "PERFORMER" => "Performer",
            "PUBLISHER" => "Publisher",
            other => other,
        }
        .to_string(),
    )
}

/// Adds the General fields for `tags`, in file order. Repeated fields accumulate as
/// MediaInfo's `A / B`. Returns the fields some items give the audio stream instead (Nero's
/// encoder tags), to be set in that order.
pub fn fill(g: &mut Stream, tags: &[Tag]) -> Vec<(&'static str, String)> {
    let mut audio = Vec::new();
    for tag in tags {
        let code = code_bytes(&tag.key);
        let bytes: Vec<u8> = code.map(|c| c.to_vec()).unwrap_or_default();
        let Some(field) = (match code {
            Some(c) => field_for_code(&c),
            None => field_for_name(&tag.key),
        }) else {
            continue;
        };
        if field.is_empty() {
            continue;
        }
        let handler = match tag.origin {
            TagOrigin::ItemList { handler } => handler,
            TagOrigin::UserData => {
                if let TagValue::Data { bytes: payload, .. } = &tag.value
                    && let Some((field, value)) = user_data(&bytes, &field, payload)
                    && !value.is_empty()
                    && !g.has(field)
                {
                    // A user-data string does not add to what is already there.
                    g.set(field, value);
                }
                continue;
            }
        };
        let Some(value) = item_value(g, &field, &bytes, &tag.value) else {
            continue;
        };
        match &handler {
            // iTunes items: a value already there is not repeated.
            b"mdir" => {
                if nero_audio(&field, &value, &mut audio) {
                    continue;
                }
                let value = mdir_value(g, &field, value);
                if !value.is_empty() && g.get(&field) != Some(value.as_str()) {
                    g.append(&field, &value);
                }
            }
            // QuickTime keys and items of a `udta/meta` without handler replace.
            b"mdta" if KEYS_FOR_STREAMS.contains(&tag.key.as_str()) => {}
            b"mdta" if quicktime_key(g, &tag.key, &value) => {}
            b"mdta" => {
                let value = match field.as_str() {
                    "Recorded_Date" if value.len() >= 10 && &value[4..5] == ":" => {
                        let mut v = value.into_bytes();
                        v[4] = b'-';
                        v[7] = b'-';
                        String::from_utf8_lossy(&v).into_owned()
                    }
                    _ => value,
                };
                g.set(&field, value);
            }
            b"meta" => g.set(&field, value),
            _ => {}
        }
    }
    audio
}

/// QuickTime keys File_Mpeg4 gives a field of their own; `false` for the others.
fn quicktime_key(g: &mut Stream, key: &str, value: &str) -> bool {
    match key {
        "com.apple.quicktime.comment" => g.set("Comment", value),
        "com.apple.quicktime.description" => g.set("Description", value),
        "com.apple.finalcutstudio.media.uuid" => g.append("Media/UUID", value),
        "com.apple.finalcutstudio.media.history.uuid" => g.append("Media/History/UUID", value),
        "com.universaladid.idregistry" | "com.universaladid.idvalue" => {
            let registry = key.ends_with("idregistry");
            g.append(
                if registry {
                    "UniversalAdID_Registry"
                } else {
                    "UniversalAdID_Value"
                },
                value,
            );
            let other = if registry {
                "UniversalAdID_Value"
            } else {
                "UniversalAdID_Registry"
            };
            if g.has(other) {
                // MediaInfo writes the value just read, then the registry (so a registry
                // read last names itself twice).
                let registry_value = g.get("UniversalAdID_Registry").unwrap_or("").to_string();
                g.set(
                    "UniversalAdID/String",
                    format!("{value} ({registry_value})"),
                );
            }
        }
        _ => return false,
    }
    true
}

/// Fills a track's stream from its `udta` children. File_Mpeg4 reads each as plain text up to
/// its first NUL (whatever the method its code has for the movie's `udta`, binary items and
/// `pgap` aside), keeps the last value per field, and fills them in field-name order after the
/// track's other fields, adding to a value already there.
pub fn fill_track(s: &mut Stream, tags: &[Tag]) {
    let mut infos = std::collections::BTreeMap::new();
    for tag in tags.iter().filter(|t| t.origin == TagOrigin::UserData) {
        let (TagValue::Data { bytes: payload, .. }, Some(code)) =
            (&tag.value, code_bytes(&tag.key))
        else {
            continue;
        };
        let Some(field) = field_for_code(&code) else {
            continue;
        };
        if field.is_empty() || is_binary_item(&code) {
            continue;
        }
        let end = payload
            .iter()
            .position(|&b| b == 0)
            .unwrap_or(payload.len());
        let Ok(value) = std::str::from_utf8(&payload[..end]) else {
            continue;
        };
        if !value.is_empty() {
            infos.insert(field, value.to_owned());
        }
    }
    for (field, value) in infos {
        s.append(&field, &value);
    }
}

/// The four bytes of a four-character code kept as Latin-1 text.
fn code_bytes(key: &str) -> Option<[u8; 4]> {
    let code: Vec<u32> = key.chars().map(|c| c as u32).collect();
    (code.len() == 4 && code.iter().all(|&c| c <= 0xFF))
        .then(|| [code[0] as u8, code[1] as u8, code[2] as u8, code[3] as u8])
}

/// Items File_Mpeg4's metadata table reads as binary (or ignores).
fn is_binary_item(code: &[u8]) -> bool {
    matches!(
        code,
        b"akID"
            | b"atID"
            | b"cpil"
            | b"disk"
            | b"egid"
            | b"flvr"
            | b"geID"
            | b"hdvd"
            | b"itnu"
            | b"kind"
            | b"pcst"
            | b"plID"
            | b"rate"
            | b"rtng"
            | b"sfID"
            | b"stik"
            | b"tmpo"
            | b"trkn"
            | b"tven"
            | b"pgap"
    )
}

/// The General field and value File_Mpeg4 reads from a `moov/udta` child: the dated boxes
/// it parses itself, or a string read by the method its metadata table gives the code
/// (`Metadata_Get`): QuickTime international strings by default, 3GPP asset strings
/// (version, flags, language, text) for `titl`, `perf`, `auth`…, plain strings after a
/// version for `©nam`, `tagc`, `tool`; binary items and its other own boxes give nothing.
fn user_data<'a>(code: &[u8], field: &'a str, payload: &[u8]) -> Option<(&'a str, String)> {
    let text = |b: &[u8]| match std::str::from_utf8(b) {
        Ok(t) => t.trim_end_matches('\0').to_owned(),
        Err(_) => b.iter().map(|&c| c as char).collect::<String>(),
    };
    match code {
        b"date" => return Some(("Recorded_Date", text(payload))),
        b"yrrc" => {
            let y = payload.get(4..6)?;
            return Some((
                "Released_Date",
                u16::from_be_bytes([y[0], y[1]]).to_string(),
            ));
        }
        // ISO keywords are one UTF-8 string; 3GPP ones (a list after a language) give none.
        b"kywd" if !is_3gpp_keywords(payload) => return Some(("Keywords", text(payload))),
        // Boxes File_Mpeg4 parses with their own readers, not as text.
        b"AllF" | b"chpl" | b"clsf" | b"DcMD" | b"FIEL" | b"free" | b"FXTC" | b"hinf" | b"hinv"
        | b"hnti" | b"ID32" | b"kywd" | b"loci" | b"LOOP" | b"MCPS" | b"ndrm" | b"nsav"
        | b"PANA" | b"ptv " | b"rtng" | b"Sel0" | b"tags" | b"WLOC" | b"thmb" | b"XMP_"
        | b"Xtra" => return None,
        // Binary items and those MediaInfo ignores.
        _ if is_binary_item(code) => return None,
        b"aART" | b"albm" | b"auth" | b"cprt" | b"dscp" | b"gnre" | b"perf" | b"soal" | b"titl"
        | b"year" => {
            let rest = payload.get(6..)?;
            let value = if rest.starts_with(&[0xFE, 0xFF]) {
                utf16be(&rest[2..])
            } else {
                text(rest)
            };
            return Some((field, value));
        }
        b"\xa9nam" | b"tagc" | b"tool" => return Some((field, text(payload.get(4..)?))),
        _ => {}
    }
    quicktime_strings(payload).map(|v| (field, v))
}

/// File_Mpeg4's guess that a `kywd` payload is 3GPP's: the count at byte 2 is followed by
/// as many length-prefixed keywords that fit the box.
fn is_3gpp_keywords(p: &[u8]) -> bool {
    if p.len() <= 3 {
        return false;
    }
    let count = p[2];
    let mut at = 2usize;
    for _ in 0..count {
        if at == p.len() {
            return false;
        }
        let size = usize::from(p[at]);
        at += 1;
        if p.len() - at < size {
            return false;
        }
        at += size;
    }
    true
}

/// File_Mpeg4's reading of QuickTime international strings (`Method_String`): a run of
/// (16-bit size, language, text) or (32-bit size, text) entries, the first non-empty one
/// kept; `None` when the bytes do not look like that (control characters, sizes that do not
/// add up to the box).
fn quicktime_strings(p: &[u8]) -> Option<String> {
    let be16 = |at: usize| {
        p.get(at..at + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]) as usize)
    };
    let be32 = |at: usize| {
        p.get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let max = p.len().checked_sub(4)?;
    let wide = be32(0).is_some_and(|n| n != 0 && n <= max);
    if !wide && !be16(0).is_some_and(|n| n != 0 && n <= max) {
        return None;
    }
    let mut value = String::new();
    let mut pos = 0;
    let mut count = 0;
    while p.len() - pos > 4 {
        let raw = if wide {
            let n = be32(pos)?;
            pos += 4;
            let raw = p.get(pos..pos.checked_add(n)?)?;
            pos += n;
            raw
        } else {
            let n = be16(pos)?;
            if n == 0 {
                return None;
            }
            pos += 4;
            let raw = p.get(pos..pos + n)?;
            pos += n;
            raw
        };
        if value.is_empty() && !raw.is_empty() {
            if raw.len() > 1 && (raw.starts_with(&[0xFE, 0xFF]) || raw[0] == 0) {
                value = utf16be(raw.strip_prefix(&[0xFE, 0xFF]).unwrap_or(raw));
            }
            if value.is_empty() {
                value = match std::str::from_utf8(raw) {
                    Ok(t) => t.to_owned(),
                    Err(_) => raw.iter().map(|&c| c as char).collect(),
                };
            }
            value.truncate(value.trim_end_matches('\0').len());
            if value
                .chars()
                .any(|c| c < ' ' && !matches!(c, '\t' | '\r' | '\n'))
            {
                return None;
            }
        }
        // Zero padding after an entry ends the list (when short).
        let rest = &p[pos..];
        let probe = &rest[..rest.len().min(0x100)];
        if probe.iter().all(|&b| b == 0) {
            if rest.len() >= 0x100 {
                return None;
            }
            pos = p.len();
        }
        count += 1;
        if count > 0x100 {
            return None;
        }
    }
    // MediaInfo fills only when the entries account for every byte.
    (pos == p.len()).then_some(value)
}

fn utf16be(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]))
        .collect();
    String::from_utf16_lossy(&units)
        .trim_end_matches('\0')
        .to_owned()
}

/// Nero's encoder items (`©too` "Nero AAC codec / 1.5.4.0", `cdec` "ndaudio 1.5.4.0 / -q …")
/// name the audio stream's library (File_Mpeg4 fills them there, replacing, not in General).
fn nero_audio(field: &str, value: &str, audio: &mut Vec<(&'static str, String)>) -> bool {
    let mut parts = value.split(" / ");
    let (first, second) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    if field == "Encoded_Application" && value.starts_with("Nero AAC codec") {
        audio.push(("Encoded_Library_Name", first.to_owned()));
        audio.push(("Encoded_Library_Version", second.to_owned()));
        return true;
    }
    if field == "cdec"
        && let Some(version) = first.strip_prefix("ndaudio ")
    {
        audio.push(("Encoded_Library_Name", version.to_owned()));
        audio.push(("Encoded_Library_Settings", second.to_owned()));
        return true;
    }
    false
}

/// QuickTime keys File_Mpeg4 keeps for its streams (or its vendor) rather than General.
const KEYS_FOR_STREAMS: [&str; 4] = [
    "com.apple.quicktime.version",
    "com.apple.quicktime.player.version",
    "com.android.capture.fps",
    "aspect_ratio",
];

/// The value of QuickTime key `name`, as MediaInfo reads it.
pub fn keyed_value(tags: &[Tag], name: &str) -> Option<String> {
    let tag = tags.iter().find(|t| {
        t.key == name && matches!(t.origin, TagOrigin::ItemList { handler } if &handler == b"mdta")
    })?;
    let mut scratch = Stream::new(crate::report::StreamKind::General);
    item_value(&mut scratch, "", &[], &tag.value)
}

/// What MediaInfo's `data` reader makes of an item's value (File_Mpeg4's
/// `moov_meta_ilst_xxxx_data`). Track and part numbers and cover art fill their own fields
/// and give `None`.
fn item_value(g: &mut Stream, field: &str, code: &[u8], value: &TagValue) -> Option<String> {
    let (type_code, bytes) = match value {
        TagValue::Text(t) => return Some(t.clone()),
        TagValue::Data { type_code, bytes } => (*type_code, bytes.as_slice()),
    };
    // Track and disc numbers are read as binary whatever their type says.
    let type_code = if matches!(code, b"trkn" | b"disk") {
        0
    } else {
        type_code
    };
    let unsigned = |b: &[u8]| b.iter().fold(0u64, |a, &x| (a << 8) | u64::from(x));
    let integer = |signed: bool| match bytes.len() {
        1 | 2 | 4 | 8 => {
            let v = unsigned(bytes);
            Some(if signed {
                let shift = 64 - 8 * bytes.len() as u32;
                (((v << shift) as i64) >> shift).to_string()
            } else {
                v.to_string()
            })
        }
        _ => Some("Unknown kind of integer value!".into()),
    };
    match type_code {
        0 => match code {
            b"trkn" | b"disk" => {
                if bytes.len() >= 6 {
                    let pos = u16::from_be_bytes([bytes[2], bytes[3]]);
                    let total = u16::from_be_bytes([bytes[4], bytes[5]]);
                    if pos != 0 {
                        g.set(format!("{field}/Position"), pos.to_string());
                    }
                    if total != 0 {
                        g.set(format!("{field}/Position_Total"), total.to_string());
                    }
                }
                None
            }
            b"covr" => {
                g.append("Cover", "Yes");
                None
            }
            // ID3v1 genre numbers, one-based; the name is looked up later.
            b"gnre" => match bytes {
                [hi, lo] => {
                    let genre = u16::from_be_bytes([*hi, *lo]);
                    (genre != 0).then(|| (genre - 1).to_string())
                }
                _ => None,
            },
            _ => Some("(Binary)".into()),
        },
        2 => Some("UTF-16 encoding not yet supported".into()),
        13 | 14 if code == b"covr" => {
            g.append("Cover", "Yes");
            None
        }
        13 | 14 => Some("(Binary)".into()),
        21 | 0x4C => integer(true),
        22 | 0x4D => integer(false),
        23 => Some(float_text(f64::from(f32::from_bits(
            unsigned(bytes.get(..4)?) as u32,
        )))),
        24 => Some(float_text(f64::from_bits(unsigned(bytes.get(..8)?)))),
        0x47 => Some(
            bytes
                .chunks_exact(4)
                .map(|c| float_text(f64::from(f32::from_be_bytes([c[0], c[1], c[2], c[3]]))))
                .collect::<Vec<_>>()
                .join(","),
        ),
        _ => Some("Unknown kind of value!".into()),
    }
}

/// A float as ZenLib's `From_Number` prints it by default (3 decimals).
fn float_text(v: f64) -> String {
    crate::report::numbers::fixed(v, 3)
}

/// File_Mpeg4's renaming of iTunes item values (flags, content kinds, ratings…).
fn mdir_value(g: &mut Stream, field: &str, value: String) -> String {
    match field {
        "Compilation" | "HDVideo" | "iTunesU" | "Podcast" => {
            if value == "1" {
                "Yes".into()
            } else {
                String::new()
            }
        }
        "BPM" if value == "0" => String::new(),
        "ContentType" => match value.as_str() {
            "0" => "Movie",
            "1" => "Music",
            "2" => "Audiobook",
            "5" => "Whacked Bookmark",
            "6" => "Music Video",
            "9" => "Short Film",
            "10" => "TV Show",
            "11" => "Booklet",
            "14" => "Ringtone",
            "21" => "Podcast",
            _ => "Unknown Type",
        }
        .into(),
        "AppleStoreAccountType" => {
            let name = if value == "0" { "iTunes" } else { "AOL" };
            g.append("ServiceName", name);
            name.into()
        }
        "Rating" => match value.as_str() {
            "0" => "None",
            "2" => "Clean",
            _ => "Explicit",
        }
        .into(),
        _ => value,
    }
}
