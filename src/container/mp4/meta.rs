//! File and track metadata: `udta` strings, iTunes `meta`/`ilst` items, QuickTime `keys`.

use crate::bytes::ByteReader;

use super::boxes::{Boxes, find};

/// One metadata item as the file stores it.
#[derive(Clone, Debug, PartialEq)]
pub struct Tag {
    /// The item's four-character code (`©too`, `gsst`) or, for QuickTime `mdta`, its key name.
    pub key: String,
    pub value: TagValue,
    /// Where the item sits: a QuickTime `udta` string, or an item of an `ilst` list.
    pub origin: TagOrigin,
}

/// Where a metadata item was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TagOrigin {
    UserData,
    /// An `ilst` item; `handler` is the metadata type of its `meta` box's `hdlr` (`mdir` for
    /// iTunes items, `mdta` for QuickTime keys), `meta` for a `udta/meta` without one, zero
    /// for a `moov/meta` without one.
    ItemList {
        handler: [u8; 4],
    },
}

/// A metadata value.
#[derive(Clone, Debug, PartialEq)]
pub enum TagValue {
    /// Text (`data` types 1 and 3, QuickTime strings).
    Text(String),
    /// Any other `data` type, as stored (cover art, trkn pairs, integers…).
    Data { type_code: u32, bytes: Vec<u8> },
}

/// A `udta/thmb` box of version 0: the image after its format code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Thumbnail {
    /// The format code before the image (`jpeg`…).
    pub format: [u8; 4],
    /// The image's size in bytes.
    pub size: u64,
    /// Its first bytes (the headers a parser needs), at most [`THUMBNAIL_HEAD`].
    pub head: Vec<u8>,
}

/// Bytes of a thumbnail kept: its headers, even after a maximal APP segment or two.
pub const THUMBNAIL_HEAD: usize = 192 << 10;

impl Thumbnail {
    /// Parses a `thmb` payload; `None` for another version or a box too short.
    pub fn parse(thmb: &[u8]) -> Option<Thumbnail> {
        let mut r = ByteReader::new(thmb);
        let (version, _) = r.version_flags()?;
        if version != 0 {
            return None;
        }
        let format = thmb.get(4..8)?.try_into().ok()?;
        let image = &thmb[8..];
        Some(Thumbnail {
            format,
            size: image.len() as u64,
            head: image[..image.len().min(THUMBNAIL_HEAD)].to_vec(),
        })
    }
}

/// Tags found in a `udta` box: each child as stored (its meaning depends on its code, see
/// `report::mp4_tags`), and the items of a nested `meta`.
pub fn parse_udta(udta: &[u8]) -> Vec<Tag> {
    let mut tags = Vec::new();
    for b in Boxes::new(udta).take(1024) {
        match &b.kind.0 {
            b"meta" => tags.extend(parse_meta(b.payload)),
            _ => tags.push(Tag {
                key: latin1(&b.kind.0),
                value: TagValue::Data {
                    type_code: u32::MAX,
                    bytes: b.payload.iter().copied().take(4096).collect(),
                },
                origin: TagOrigin::UserData,
            }),
        }
    }
    tags
}

/// Tags in a `meta` box: `ilst` items, named by `keys` when the handler is `mdta`.
pub fn parse_meta(meta: &[u8]) -> Vec<Tag> {
    // ISO `meta` is a full box; QuickTime's is not. Tell them apart by where `hdlr` sits.
    let body = if meta.get(4..8) == Some(b"hdlr") {
        meta
    } else {
        meta.get(4..).unwrap_or(&[])
    };
    parse_meta_body(body, *b"meta")
}

/// Tags in a `meta` box directly under `moov`. MediaInfo reads that one as a QuickTime
/// container only: an ISO full box's version and flags make a zero-sized first child that
/// swallows the rest (reported as a conformance error), so nothing in it is read.
pub fn parse_movie_meta(meta: &[u8]) -> Vec<Tag> {
    if meta.get(..4) == Some(&[0, 0, 0, 0]) {
        return Vec::new();
    }
    parse_meta_body(meta, [0; 4])
}

/// The items of a `meta` box's children; `handler` stands when there is no `hdlr`.
fn parse_meta_body(body: &[u8], mut handler: [u8; 4]) -> Vec<Tag> {
    if let Some(kind) = find(body, b"hdlr").and_then(|h| h.get(8..12)) {
        handler.copy_from_slice(kind);
    }
    let keys: Vec<String> = find(body, b"keys").map(parse_keys).unwrap_or_default();
    let Some(ilst) = find(body, b"ilst") else {
        return Vec::new();
    };
    let mut tags = Vec::new();
    for item in Boxes::new(ilst).take(1024) {
        let key = if !keys.is_empty() {
            let index = u32::from_be_bytes(item.kind.0) as usize;
            match index.checked_sub(1).and_then(|i| keys.get(i)) {
                Some(k) => k.clone(),
                None => latin1(&item.kind.0),
            }
        } else if item.kind == b"----" {
            match find(item.payload, b"name") {
                Some(n) => String::from_utf8_lossy(n.get(4..).unwrap_or(&[])).into_owned(),
                None => continue,
            }
        } else {
            latin1(&item.kind.0)
        };
        // An item may hold several values (two cover pictures, say).
        for data in Boxes::new(item.payload)
            .filter(|b| b.kind == b"data")
            .take(16)
        {
            if let Some(value) = parse_data(data.payload) {
                tags.push(Tag {
                    key: key.clone(),
                    value,
                    origin: TagOrigin::ItemList { handler },
                });
            }
        }
    }
    tags
}

fn parse_keys(keys: &[u8]) -> Vec<String> {
    let mut r = ByteReader::new(keys);
    if r.skip(8).is_none() {
        return Vec::new();
    }
    Boxes::new(r.rest())
        .take(1024)
        .map(|b| String::from_utf8_lossy(b.payload).into_owned())
        .collect()
}

fn parse_data(data: &[u8]) -> Option<TagValue> {
    let mut r = ByteReader::new(data);
    let type_code = r.u32()? & 0x00FF_FFFF;
    r.skip(4)?;
    let bytes = r.rest();
    Some(match type_code {
        1 | 3 => TagValue::Text(
            String::from_utf8_lossy(bytes)
                .trim_end_matches('\0')
                .to_owned(),
        ),
        _ => TagValue::Data {
            type_code,
            bytes: bytes.iter().copied().take(4096).collect(),
        },
    })
}

/// Bytes as Latin-1 text (how MediaInfo shows four-character codes such as `©too`).
pub fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| b as char).collect()
}
