//! ISO-BMFF box headers and a bounds-checked walk over the boxes in a byte slice.

use std::fmt;

/// One box with a 32-bit size header, for building small files in tests and fuzz seeds (a size
/// past `u32::MAX` saturates; nothing here reads files).
pub fn build(code: &[u8; 4], payload: &[u8]) -> Vec<u8> {
    let size = u32::try_from(payload.len().saturating_add(8)).unwrap_or(u32::MAX);
    let mut v = Vec::with_capacity(payload.len().saturating_add(8));
    v.extend_from_slice(&size.to_be_bytes());
    v.extend_from_slice(code);
    v.extend_from_slice(payload);
    v
}

/// A four-character code.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FourCC(pub [u8; 4]);

impl FourCC {
    pub const fn new(s: &[u8; 4]) -> Self {
        FourCC(*s)
    }

    /// The code as text, bytes outside ASCII shown as MediaInfo does (Latin-1).
    pub fn to_text(self) -> String {
        self.0.iter().map(|&b| b as char).collect()
    }

    pub fn as_u32(self) -> u32 {
        u32::from_be_bytes(self.0)
    }
}

impl fmt::Debug for FourCC {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.to_text())
    }
}

impl PartialEq<&[u8; 4]> for FourCC {
    fn eq(&self, other: &&[u8; 4]) -> bool {
        &self.0 == *other
    }
}

/// A box header as read from the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BoxHeader {
    pub kind: FourCC,
    /// Bytes of the header itself (8, 16 with a 64-bit size, +16 for `uuid`).
    pub header_len: u64,
    /// Whole box size including the header; `None` when the box runs to the end of its parent.
    pub size: Option<u64>,
}

impl BoxHeader {
    /// Parses a header from the start of `data` (at least 8 bytes, 16 for 64-bit sizes).
    /// Returns `None` when `data` is too short or the size is smaller than the header.
    pub fn parse(data: &[u8]) -> Option<BoxHeader> {
        let size32 = u32::from_be_bytes(data.get(0..4)?.try_into().ok()?);
        let kind = FourCC(data.get(4..8)?.try_into().ok()?);
        let (mut header_len, size) = match size32 {
            0 => (8, None),
            1 => {
                let large = u64::from_be_bytes(data.get(8..16)?.try_into().ok()?);
                (16, Some(large))
            }
            n => (8, Some(u64::from(n))),
        };
        if kind == b"uuid" {
            header_len += 16;
        }
        if let Some(s) = size
            && s < header_len
        {
            return None;
        }
        Some(BoxHeader {
            kind,
            header_len,
            size,
        })
    }
}

/// A box inside a byte slice: its type and its payload (after the header).
#[derive(Clone, Copy, Debug)]
pub struct BoxRef<'a> {
    pub kind: FourCC,
    pub payload: &'a [u8],
    /// Offset of the box start within the slice that was walked.
    pub offset: usize,
    /// Set when the declared size ran past the parent: the payload was cut to what is there.
    pub truncated: bool,
}

/// Iterates over the boxes packed in `data`. Stops at the first header that does not fit;
/// a box whose size runs past the end is returned cut short and marked `truncated`.
#[derive(Clone, Debug)]
pub struct Boxes<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Boxes<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Self { data, pos: 0 }
    }

    /// The bytes left over after the last whole box (junk or a cut header).
    pub fn rest(&self) -> &'a [u8] {
        self.data.get(self.pos..).unwrap_or(&[])
    }
}

impl<'a> Iterator for Boxes<'a> {
    type Item = BoxRef<'a>;

    fn next(&mut self) -> Option<BoxRef<'a>> {
        let rest = self.data.get(self.pos..)?;
        let header = BoxHeader::parse(rest)?;
        let header_len = usize::try_from(header.header_len).ok()?;
        if rest.len() < header_len {
            return None;
        }
        let (end, truncated) = match header.size {
            None => (rest.len(), false),
            Some(s) => match usize::try_from(s) {
                Ok(s) if s <= rest.len() => (s, false),
                _ => (rest.len(), true),
            },
        };
        let payload = rest.get(header_len..end)?;
        let offset = self.pos;
        self.pos = if truncated {
            self.data.len()
        } else {
            self.pos + end
        };
        Some(BoxRef {
            kind: header.kind,
            payload,
            offset,
            truncated,
        })
    }
}

/// Finds the first child box of `kind` in `data`.
pub fn find<'a>(data: &'a [u8], kind: &[u8; 4]) -> Option<&'a [u8]> {
    Boxes::new(data).find(|b| b.kind == kind).map(|b| b.payload)
}

/// Follows a path of box types from `data` down, e.g. `&[b"mdia", b"minf", b"stbl"]`.
pub fn find_path<'a>(data: &'a [u8], path: &[&[u8; 4]]) -> Option<&'a [u8]> {
    path.iter().try_fold(data, |d, k| find(d, k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_and_cuts() {
        let data = [
            0, 0, 0, 12, b'f', b'r', b'e', b'e', 1, 2, 3, 4, // free, 4 bytes payload
            0, 0, 0, 99, b'm', b'd', b'a', b't', 9, // runs past the end
        ];
        let v: Vec<_> = Boxes::new(&data).collect();
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].payload, &[1, 2, 3, 4]);
        assert!(v[1].truncated);
        assert_eq!(v[1].payload, &[9]);
    }

    #[test]
    fn rejects_size_below_header() {
        assert!(BoxHeader::parse(&[0, 0, 0, 4, b'a', b'b', b'c', b'd']).is_none());
    }
}
