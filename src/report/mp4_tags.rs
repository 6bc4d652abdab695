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
/// MediaInfo's `A / B`.
pub fn fill(g: &mut Stream, tags: &[Tag]) {
    for tag in tags {
        let code = tag.key.chars().map(|c| c as u32).collect::<Vec<_>>();
        let is_code = code.len() == 4 && code.iter().all(|&c| c <= 0xFF);
        let bytes: Vec<u8> = code.iter().map(|&c| c as u8).collect();
        let Some(field) = (if is_code {
            field_for_code(&bytes)
        } else {
            field_for_name(&tag.key)
        }) else {
            continue;
        };
        if field.is_empty() {
            continue;
        }
        let value = match &tag.value {
            TagValue::Text(t) => t.clone(),
            TagValue::Integer(i) => i.to_string(),
            TagValue::Data { type_code, bytes } => match (field.as_str(), type_code) {
                ("Track" | "Part", _) if bytes.len() >= 6 => {
                    let pos = u16::from_be_bytes([bytes[2], bytes[3]]);
                    let total = u16::from_be_bytes([bytes[4], bytes[5]]);
                    if pos != 0 {
                        g.set(format!("{field}/Position"), pos.to_string());
                    }
                    if total != 0 {
                        g.set(format!("{field}/Position_Total"), total.to_string());
                    }
                    continue;
                }
                ("covr", 0 | 13 | 14) => {
                    append(g, "Cover", "Yes");
                    continue;
                }
                _ => continue,
            },
        };
        let value = match field.as_str() {
            "Compilation" | "HDVideo" | "iTunesU" | "Podcast" => {
                if value == "1" {
                    "Yes".to_string()
                } else {
                    continue;
                }
            }
            "BPM" if value == "0" => continue,
            "Rating" => match value.as_str() {
                "0" => "None".to_string(),
                "2" => "Clean".to_string(),
                _ => "Explicit".to_string(),
            },
            _ => value,
        };
        if value.is_empty() {
            continue;
        }
        if tag.origin == TagOrigin::UserData && g.has(&field) {
            // A QuickTime user-data string does not add to what an item list already said.
            continue;
        }
        append(g, &field, &value);
    }
}

/// MediaInfo's `Fill` without replacement: a second value is joined with ` / `.
fn append(g: &mut Stream, field: &str, value: &str) {
    match g.get(field) {
        Some(old) => {
            let joined = format!("{old} / {value}");
            g.set(field, joined);
        }
        None => g.set(field, value),
    }
}
