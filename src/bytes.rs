//! A bounds-checked big-endian reader over a byte slice, for box and descriptor payloads.

/// Reads big-endian integers from a slice; every read returns `None` past the end.
#[derive(Clone, Debug)]
pub struct ByteReader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> ByteReader<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Self { data, pos: 0 }
    }

    /// Bytes consumed.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Bytes left.
    pub fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }

    /// The unread bytes.
    pub fn rest(&self) -> &'a [u8] {
        &self.data[self.pos..]
    }

    /// Takes the next `n` bytes.
    pub fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.data.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }

    /// Takes the next `N` bytes as an array.
    pub fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.bytes(N)?.try_into().ok()
    }

    pub fn skip(&mut self, n: usize) -> Option<()> {
        self.bytes(n).map(|_| ())
    }

    pub fn u8(&mut self) -> Option<u8> {
        self.array::<1>().map(|a| a[0])
    }

    pub fn u16(&mut self) -> Option<u16> {
        self.array().map(u16::from_be_bytes)
    }

    pub fn u24(&mut self) -> Option<u32> {
        let [a, b, c] = self.array()?;
        Some(u32::from_be_bytes([0, a, b, c]))
    }

    pub fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_be_bytes)
    }

    pub fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_be_bytes)
    }

    pub fn i16(&mut self) -> Option<i16> {
        self.array().map(i16::from_be_bytes)
    }

    pub fn i32(&mut self) -> Option<i32> {
        self.array().map(i32::from_be_bytes)
    }

    pub fn i64(&mut self) -> Option<i64> {
        self.array().map(i64::from_be_bytes)
    }

    /// A full box's version and flags.
    pub fn version_flags(&mut self) -> Option<(u8, u32)> {
        let v = self.u32()?;
        Some(((v >> 24) as u8, v & 0x00FF_FFFF))
    }
}

/// Text as MediaInfo's `From_UTF8` decodes a C string: up to the first NUL, and empty when a
/// byte sequence is not UTF-8 (ZenLib checks only the lead and continuation bits).
pub fn utf8_c_string(bytes: &[u8]) -> String {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    let bytes = &bytes[..end];
    let mut out = String::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let len = match b {
            0x00..=0x7F => 1,
            _ if b & 0xE0 == 0xC0 => 2,
            _ if b & 0xF0 == 0xE0 => 3,
            _ if b & 0xF8 == 0xF0 => 4,
            _ => return String::new(),
        };
        let Some(tail) = bytes.get(i + 1..i + len) else {
            return String::new();
        };
        if tail.iter().any(|&c| c & 0xC0 != 0x80) {
            return String::new();
        }
        let lead = u32::from(b) & [0x7F, 0x1F, 0x0F, 0x07][len - 1];
        let code = tail
            .iter()
            .fold(lead, |v, &c| (v << 6) | u32::from(c & 0x3F));
        out.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
        i += len;
    }
    out
}

/// Whether `a` and `b` hold the same bytes, compared a word at a time. `==` on slices calls
/// the C library's `memcmp`, which musl (the shipped static build) runs a byte at a time; the
/// report compares field names thousands of times per file, mostly short ones.
#[inline]
pub fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let u64_at = |s: &[u8], i: usize| {
        s.get(i..i + 8)
            .map(|w| u64::from_ne_bytes(w.try_into().unwrap_or([0; 8])))
    };
    let u32_at = |s: &[u8], i: usize| {
        s.get(i..i + 4)
            .map(|w| u32::from_ne_bytes(w.try_into().unwrap_or([0; 4])))
    };
    match n {
        0 => true,
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..=7 => u32_at(a, 0) == u32_at(b, 0) && u32_at(a, n - 4) == u32_at(b, n - 4),
        _ => {
            // Whole words, then the last eight bytes (overlapping the last word read).
            let mut i = 0;
            while i + 8 <= n {
                if u64_at(a, i) != u64_at(b, i) {
                    return false;
                }
                i += 8;
            }
            i == n || u64_at(a, n - 8) == u64_at(b, n - 8)
        }
    }
}

/// [`same`] for text.
#[inline]
pub fn same_text(a: &str, b: &str) -> bool {
    same(a.as_bytes(), b.as_bytes())
}

#[cfg(test)]
mod utf8_tests {
    #[test]
    fn c_strings() {
        assert_eq!(super::utf8_c_string(b"x265\0tail"), "x265");
        assert_eq!(super::utf8_c_string("é".as_bytes()), "é");
        assert_eq!(super::utf8_c_string(&[b'a', 0x89, b'b']), "");
    }

    #[test]
    fn same_agrees_with_eq() {
        let texts: [&[u8]; 8] = [
            b"",
            b"a",
            b"b",
            b"Duration",
            b"Duratioo",
            b"Duration/String3",
            b"Duration/String4",
            b"Format_Settings_CABAC",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(super::same(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }
}
