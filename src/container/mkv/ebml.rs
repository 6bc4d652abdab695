//! EBML: variable-length integers, element headers, and a bounds-checked walk over elements.

/// An element ID (with its length-marker bits kept, as Matroska specs write them).
pub type Id = u32;

/// Reads an element ID (1 to 4 bytes). Returns the ID and its length.
pub fn read_id(data: &[u8]) -> Option<(Id, usize)> {
    let first = *data.first()?;
    let len = first.leading_zeros() as usize + 1;
    if len > 4 {
        return None;
    }
    let bytes = data.get(..len)?;
    let id = bytes.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
    Some((id, len))
}

/// Reads a size (1 to 8 bytes). `None` inside the pair means "unknown size" (all value bits set).
pub fn read_size(data: &[u8]) -> Option<(Option<u64>, usize)> {
    let first = *data.first()?;
    let len = first.leading_zeros() as usize + 1;
    if len > 8 {
        return None;
    }
    let bytes = data.get(..len)?;
    let mask = if len == 8 { 0 } else { 0xFFu8 >> len };
    let mut value = u64::from(first & mask);
    for &b in &bytes[1..] {
        value = (value << 8) | u64::from(b);
    }
    let all_ones = value == (1u64 << (7 * len)) - 1;
    Some((if all_ones { None } else { Some(value) }, len))
}

/// An EBML variable-length value as MediaInfo reads it (`Get_EB`): the single byte `0xFF`
/// means "unlimited" (the rest of the parent); any other length keeps its value, so an
/// eight-byte all-ones size is 2^56 - 1 and overruns its parent, as MediaInfo reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vint {
    Value(u64),
    Unlimited,
}

/// Reads an EBML variable-length unsigned value (1 to 8 bytes); returns it and its length. A
/// first byte of 0 (no length marker) is MediaInfo's "EBML integer parsing error": value 0 over
/// one byte.
pub fn read_eb(data: &[u8]) -> Option<(Vint, usize)> {
    let first = *data.first()?;
    if first == 0xFF {
        return Some((Vint::Unlimited, 1));
    }
    if first == 0 {
        return Some((Vint::Value(0), 1));
    }
    let len = first.leading_zeros() as usize + 1;
    let bytes = data.get(..len)?;
    let mask = if len == 8 { 0 } else { 0xFFu8 >> len };
    let value = bytes[1..]
        .iter()
        .fold(u64::from(first & mask), |v, &b| (v << 8) | u64::from(b));
    Some((Vint::Value(value), len))
}

/// Reads an EBML signed value (EBML lacing size differences): the unsigned value less half its
/// range.
pub fn read_es(data: &[u8]) -> Option<(i64, usize)> {
    let first = *data.first()?;
    if first == 0 {
        return None;
    }
    let len = first.leading_zeros() as usize + 1;
    let bytes = data.get(..len)?;
    let mask = if len == 8 { 0 } else { 0xFFu8 >> len };
    let value = bytes[1..]
        .iter()
        .fold(u64::from(first & mask), |v, &b| (v << 8) | u64::from(b));
    let bias = (1i64 << (7 * len - 1)) - 1;
    Some((value as i64 - bias, len))
}

/// MediaInfo's name of an element: its ID without the length marker, in hexadecimal
/// (`0x8538067` for the Segment).
pub fn code_of(id: u64) -> u64 {
    let len = (64 - id.leading_zeros()).div_ceil(8).max(1);
    id & ((1u64 << (7 * len)) - 1)
}

/// An element header: ID, data size (unknown for live streams), and header length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    pub id: Id,
    pub size: Option<u64>,
    pub header_len: usize,
}

/// Parses an element header at the start of `data`.
pub fn read_header(data: &[u8]) -> Option<Header> {
    let (id, id_len) = read_id(data)?;
    let (size, size_len) = read_size(data.get(id_len..)?)?;
    Some(Header {
        id,
        size,
        header_len: id_len + size_len,
    })
}

/// An element inside a byte slice.
#[derive(Clone, Copy, Debug)]
pub struct Element<'a> {
    pub id: Id,
    pub data: &'a [u8],
    /// Offset of the element's header within the walked slice.
    pub offset: usize,
}

impl<'a> Element<'a> {
    /// The data as an unsigned integer (big-endian, up to 8 bytes).
    pub fn uint(&self) -> Option<u64> {
        (self.data.len() <= 8).then(|| self.data.iter().fold(0u64, |a, &b| (a << 8) | u64::from(b)))
    }

    /// The data as a signed integer.
    pub fn int(&self) -> Option<i64> {
        let n = self.data.len();
        if n == 0 || n > 8 {
            return (n == 0).then_some(0);
        }
        let u = self.uint()?;
        let shift = 64 - 8 * n as u32;
        Some(((u << shift) as i64) >> shift)
    }

    /// The data as a float (4 or 8 bytes).
    pub fn float(&self) -> Option<f64> {
        match self.data.len() {
            0 => Some(0.0),
            4 => Some(f64::from(f32::from_be_bytes(self.data.try_into().ok()?))),
            8 => Some(f64::from_be_bytes(self.data.try_into().ok()?)),
            _ => None,
        }
    }

    /// The data as text (UTF-8, lossy, without trailing NULs).
    pub fn text(&self) -> String {
        let end = self
            .data
            .iter()
            .position(|&b| b == 0)
            .unwrap_or(self.data.len());
        String::from_utf8_lossy(&self.data[..end]).into_owned()
    }

    /// The children of a master element.
    pub fn children(&self) -> Elements<'a> {
        Elements::new(self.data)
    }
}

/// Iterates over the elements packed in `data`; an element whose size runs past the end (or is
/// unknown) is cut to what is there.
#[derive(Clone, Debug)]
pub struct Elements<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Elements<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Self { data, pos: 0 }
    }
}

impl<'a> Iterator for Elements<'a> {
    type Item = Element<'a>;

    fn next(&mut self) -> Option<Element<'a>> {
        let rest = self.data.get(self.pos..)?;
        let h = read_header(rest)?;
        let start = h.header_len;
        let end = match h.size {
            Some(s) => usize::try_from(s)
                .ok()
                .and_then(|s| start.checked_add(s))
                .map_or(rest.len(), |e| e.min(rest.len())),
            None => rest.len(),
        };
        let data = rest.get(start..end)?;
        let offset = self.pos;
        self.pos += end;
        Some(Element {
            id: h.id,
            data,
            offset,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vints() {
        assert_eq!(read_id(&[0x1A, 0x45, 0xDF, 0xA3]), Some((0x1A45_DFA3, 4)));
        assert_eq!(read_size(&[0x81]), Some((Some(1), 1)));
        assert_eq!(read_size(&[0x40, 0x02]), Some((Some(2), 2)));
        assert_eq!(read_size(&[0xFF]), Some((None, 1)));
        assert_eq!(
            read_size(&[0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]),
            Some((None, 8))
        );
        assert_eq!(read_size(&[0x00]), None);
    }

    #[test]
    fn signed() {
        let e = Element {
            id: 0,
            data: &[0xFF, 0xFE],
            offset: 0,
        };
        assert_eq!(e.int(), Some(-2));
    }
}
