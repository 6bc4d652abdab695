//! HEIF / AVIF item metadata: the top-level `meta` box of a still-image file.
//!
//! Lists what the boxes say, as File_Mpeg4 reads them: the item entries (`iinf`/`infe`), their
//! data lengths (`iloc`), references between items (`iref`), the property boxes (`ipco`) and
//! which items they belong to (`ipma`), the primary item (`pitm`). Turning those into Image
//! streams is MediaInfo's business and lives in `report::mp4::items`. Every count in these
//! boxes is bounded by the bytes that hold it and by the caps below.

use crate::bytes::ByteReader;

use super::boxes::{Boxes, FourCC};

/// Most item entries, locations, references or properties kept.
const MAX_ENTRIES: usize = 4096;
/// Most children of `meta` whose order is remembered.
const MAX_CHILDREN: usize = 256;
/// Largest property payload kept (an `hvcC` with its parameter sets, an ICC profile).
const MAX_PROPERTY: usize = 64 << 10;

/// One `infe`: an item's ID and type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ItemEntry {
    pub id: u32,
    /// `hvc1`, `av01`, `grid`, `Exif`, `mime`…
    pub item_type: FourCC,
    /// Non-zero `protection_index`: the item is encrypted.
    pub protected: bool,
}

/// One `iref` reference: `from` refers to each of `to` with meaning `kind` (`thmb`, `auxl`…).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemReference {
    pub kind: FourCC,
    pub from: u32,
    pub to: Vec<u32>,
}

/// One property box of `ipco`, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Property {
    pub kind: FourCC,
    /// The payload after the box header (full boxes keep their version and flags).
    pub payload: Vec<u8>,
}

/// One `ipma` entry: the 1-based property indexes an item is associated with (0 is none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Association {
    pub item: u32,
    pub properties: Vec<u16>,
}

/// What a top-level `meta` holds about items.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Items {
    /// The `meta` children, in file order (which decides the order items become streams).
    pub children: Vec<FourCC>,
    /// `pitm`.
    pub primary: Option<u32>,
    /// `infe` entries, in file order.
    pub entries: Vec<ItemEntry>,
    /// `iloc`: each item's extent lengths added up, in file order (an ID may repeat).
    pub lengths: Vec<(u32, u64)>,
    pub references: Vec<ItemReference>,
    /// The first `ipco`'s boxes, in order.
    pub properties: Vec<Property>,
    /// The first `ipma`'s entries, in order.
    pub associations: Vec<Association>,
}

impl Items {
    /// Reads the payload of a top-level `meta` (a full box: version and flags first).
    pub fn parse(meta: &[u8]) -> Items {
        let mut items = Items::default();
        for b in Boxes::new(meta.get(4..).unwrap_or(&[])).take(MAX_CHILDREN) {
            items.children.push(b.kind);
            match &b.kind.0 {
                b"pitm" => items.primary = items.primary.or(parse_pitm(b.payload)),
                b"iinf" => parse_iinf(b.payload, &mut items.entries),
                b"iloc" => parse_iloc(b.payload, &mut items.lengths),
                b"iref" => parse_iref(b.payload, &mut items.references),
                b"iprp" if items.properties.is_empty() && items.associations.is_empty() => {
                    parse_iprp(b.payload, &mut items)
                }
                _ => {}
            }
        }
        items
    }

    /// Whether the `meta` names any item at all.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.properties.is_empty() && self.lengths.is_empty()
    }
}

/// `pitm`: version 0 has a 16-bit ID, version 1 a 32-bit one.
fn parse_pitm(p: &[u8]) -> Option<u32> {
    let mut r = ByteReader::new(p);
    match r.version_flags()?.0 {
        0 => r.u16().map(u32::from),
        1 => r.u32(),
        _ => None,
    }
}

/// `iinf`: MediaInfo reads a 16-bit entry count whatever the version, so the entries start
/// six bytes in (a version 1 box's 32-bit count is then misread as a box header).
fn parse_iinf(p: &[u8], out: &mut Vec<ItemEntry>) {
    for b in Boxes::new(p.get(6..).unwrap_or(&[])) {
        if out.len() >= MAX_ENTRIES {
            break;
        }
        if b.kind == b"infe"
            && let Some(e) = parse_infe(b.payload)
        {
            out.push(e);
        }
    }
}

/// `infe` versions 2 and 3 (the ones MediaInfo reads).
fn parse_infe(p: &[u8]) -> Option<ItemEntry> {
    let mut r = ByteReader::new(p);
    let id = match r.version_flags()?.0 {
        2 => u32::from(r.u16()?),
        3 => r.u32()?,
        _ => return None,
    };
    let protection = r.u16()?;
    let item_type = FourCC(r.array()?);
    Some(ItemEntry {
        id,
        item_type,
        protected: protection != 0,
    })
}

/// `iloc` versions 0 and 1: per item, the sum of its extent lengths. Item IDs are read as
/// 16 bits and lengths kept to 32 bits, as MediaInfo does; a field wider than 64 bits ends
/// the list.
fn parse_iloc(p: &[u8], out: &mut Vec<(u32, u64)>) {
    let mut r = ByteReader::new(p);
    let Some((version, _)) = r.version_flags() else {
        return;
    };
    if version > 1 {
        return;
    }
    let mut bits = crate::bits::BitReader::new(r.rest());
    let mut read = || -> Option<()> {
        let offset_size = bits.u32(4)? * 8;
        let length_size = bits.u32(4)? * 8;
        let base_offset_size = bits.u32(4)? * 8;
        let index_size = bits.u32(4)? * 8;
        let index_size = if version == 1 { index_size } else { 0 };
        let item_count = bits.u32(16)?;
        let field = |bits: &mut crate::bits::BitReader, n: u32| -> Option<u64> {
            match n {
                0 => Some(0),
                1..=64 => bits.bits(n),
                _ => None,
            }
        };
        for _ in 0..item_count {
            if out.len() >= MAX_ENTRIES {
                break;
            }
            let id = bits.u32(16)?;
            if version == 1 {
                bits.u32(16)?; // reserved, construction_method
            }
            bits.u32(16)?; // data_reference_index
            field(&mut bits, base_offset_size)?;
            let extent_count = bits.u32(16)?;
            let mut total = 0u64;
            let mut complete = true;
            for _ in 0..extent_count {
                let ok = field(&mut bits, index_size)
                    .and_then(|_| field(&mut bits, offset_size))
                    .and_then(|_| field(&mut bits, length_size));
                match ok {
                    Some(len) => total += len & 0xFFFF_FFFF,
                    None => {
                        complete = false;
                        break;
                    }
                }
            }
            out.push((id, total));
            if !complete {
                return None;
            }
        }
        Some(())
    };
    let _ = read();
}

/// `iref` versions 0 (16-bit IDs) and 1 (32-bit IDs).
fn parse_iref(p: &[u8], out: &mut Vec<ItemReference>) {
    let mut r = ByteReader::new(p);
    let Some((version, _)) = r.version_flags() else {
        return;
    };
    if version > 1 {
        return;
    }
    let id = |r: &mut ByteReader| -> Option<u32> {
        if version == 0 {
            r.u16().map(u32::from)
        } else {
            r.u32()
        }
    };
    for b in Boxes::new(r.rest()) {
        if out.len() >= MAX_ENTRIES {
            break;
        }
        let mut r = ByteReader::new(b.payload);
        let Some(from) = id(&mut r) else { continue };
        let count = r.u16().unwrap_or(0);
        let to: Vec<u32> = (0..count).map_while(|_| id(&mut r)).collect();
        out.push(ItemReference {
            kind: b.kind,
            from,
            to,
        });
    }
}

/// `iprp`: its first `ipco` and first `ipma`.
fn parse_iprp(p: &[u8], items: &mut Items) {
    let mut seen_ipco = false;
    let mut seen_ipma = false;
    for b in Boxes::new(p) {
        match &b.kind.0 {
            b"ipco" if !seen_ipco => {
                seen_ipco = true;
                items.properties = Boxes::new(b.payload)
                    .take(MAX_ENTRIES)
                    .map(|c| Property {
                        kind: c.kind,
                        payload: c.payload[..c.payload.len().min(MAX_PROPERTY)].to_vec(),
                    })
                    .collect();
            }
            b"ipma" if !seen_ipma => {
                seen_ipma = true;
                items.associations = parse_ipma(b.payload);
            }
            _ => {}
        }
    }
}

/// `ipma`: version 0 has 16-bit item IDs, flag bit 0 picks 15-bit property indexes.
fn parse_ipma(p: &[u8]) -> Vec<Association> {
    let mut out = Vec::new();
    let mut r = ByteReader::new(p);
    let Some((version, flags)) = r.version_flags() else {
        return out;
    };
    let count = r.u32().unwrap_or(0);
    for _ in 0..count {
        if out.len() >= MAX_ENTRIES {
            break;
        }
        let item = if version < 1 {
            r.u16().map(u32::from)
        } else {
            r.u32()
        };
        let (Some(item), Some(n)) = (item, r.u8()) else {
            break;
        };
        let mut properties = Vec::with_capacity(usize::from(n));
        for _ in 0..n {
            let index = if flags & 1 != 0 {
                r.u16().map(|v| v & 0x7FFF)
            } else {
                r.u8().map(|v| u16::from(v & 0x7F))
            };
            match index {
                Some(i) => properties.push(i),
                None => break,
            }
        }
        out.push(Association { item, properties });
    }
    out
}

/// `ispe` (version 0): width and height.
pub fn spatial_extent(p: &[u8]) -> Option<(u32, u32)> {
    let mut r = ByteReader::new(p);
    if r.version_flags()?.0 != 0 {
        return None;
    }
    Some((r.u32()?, r.u32()?))
}

/// `pixi`: bits per channel, one per channel (as many as the bytes hold).
pub fn channel_depths(p: &[u8]) -> Option<Vec<u8>> {
    let mut r = ByteReader::new(p);
    r.version_flags()?;
    let n = r.u8()?;
    Some((0..n).map_while(|_| r.u8()).collect())
}

/// `irot`: the angle, in quarter turns anticlockwise.
pub fn rotation(p: &[u8]) -> Option<u8> {
    p.first().map(|b| b & 3)
}

/// `imir`: the mirror axis bit (set: horizontal axis).
pub fn mirror_axis(p: &[u8]) -> Option<bool> {
    p.first().map(|b| b & 1 != 0)
}

/// `pasp`: horizontal and vertical spacing.
pub fn pixel_aspect(p: &[u8]) -> Option<(u32, u32)> {
    let mut r = ByteReader::new(p);
    Some((r.u32()?, r.u32()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::mp4::boxes::build as boxed;

    #[test]
    fn reads_items_and_properties() {
        let mut iinf = vec![0, 0, 0, 0, 0, 1];
        iinf.extend(boxed(
            b"infe",
            &[2, 0, 0, 0, 0, 7, 0, 0, b'h', b'v', b'c', b'1', 0],
        ));
        // iloc v0: offset 4 bytes, length 4 bytes; one item (7) with two extents.
        let iloc = [
            0, 0, 0, 0, 0x44, 0x00, 0, 1, 0, 7, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0,
            0, 0, 5,
        ];
        let ipco = boxed(b"ispe", &[0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 200]);
        let ipma = [0, 0, 0, 0, 0, 0, 0, 1, 0, 7, 1, 0x81];
        let mut iprp = boxed(b"ipco", &ipco);
        iprp.extend(boxed(b"ipma", &ipma));
        let iref = {
            let mut p = vec![0, 0, 0, 0];
            p.extend(boxed(b"thmb", &[0, 8, 0, 1, 0, 7]));
            p
        };
        let mut meta = vec![0, 0, 0, 0];
        meta.extend(boxed(b"pitm", &[0, 0, 0, 0, 0, 7]));
        meta.extend(boxed(b"iinf", &iinf));
        meta.extend(boxed(b"iloc", &iloc));
        meta.extend(boxed(b"iref", &iref));
        meta.extend(boxed(b"iprp", &iprp));
        let items = Items::parse(&meta);
        assert_eq!(items.primary, Some(7));
        assert_eq!(items.entries.len(), 1);
        assert_eq!(items.entries[0].item_type, FourCC(*b"hvc1"));
        assert_eq!(items.lengths, vec![(7, 15)]);
        assert_eq!(items.references[0].from, 8);
        assert_eq!(items.references[0].to, vec![7]);
        assert_eq!(
            spatial_extent(&items.properties[0].payload),
            Some((256, 200))
        );
        assert_eq!(items.associations[0].properties, vec![1]);
    }

    #[test]
    fn huge_counts_are_bounded() {
        let ipma = [0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 1, 200];
        assert_eq!(parse_ipma(&ipma).len(), 1);
        let mut out = Vec::new();
        parse_iloc(&[0, 0, 0, 0, 0xFF, 0xF0, 0xFF, 0xFF], &mut out);
        assert!(out.len() <= 1);
    }
}
