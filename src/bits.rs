//! Bit-level reading for codec syntax (MSB first), Exp-Golomb codes, and RBSP unescaping.
//!
//! Every read is bounds-checked and returns `None` past the end, so a parser built on it
//! turns truncated input into an error instead of a panic.

/// A big-endian bit reader over a byte slice.
#[derive(Clone, Debug)]
pub struct BitReader<'a> {
    data: &'a [u8],
    /// Position in bits from the start of `data`.
    pos: usize,
}

impl<'a> BitReader<'a> {
    /// Starts reading at the first bit of `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Self { data, pos: 0 }
    }

    /// Bits consumed so far.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Bits left to read.
    pub fn remaining(&self) -> usize {
        (self.data.len() * 8).saturating_sub(self.pos)
    }

    /// Reads one bit.
    pub fn bit(&mut self) -> Option<bool> {
        let byte = *self.data.get(self.pos / 8)?;
        let bit = (byte >> (7 - (self.pos % 8))) & 1;
        self.pos += 1;
        Some(bit == 1)
    }

    /// Reads `n` bits (0..=64) as an unsigned integer.
    pub fn bits(&mut self, n: u32) -> Option<u64> {
        if n > 64 || (n as usize) > self.remaining() {
            return None;
        }
        let mut value = 0u64;
        let mut left = n;
        while left > 0 {
            let byte = self.data[self.pos / 8];
            let offset = (self.pos % 8) as u32;
            let take = (8 - offset).min(left);
            let chunk = (byte >> (8 - offset - take)) & ((1u16 << take) - 1) as u8;
            value = (value << take) | u64::from(chunk);
            self.pos += take as usize;
            left -= take;
        }
        Some(value)
    }

    /// The next `n` bits (0..=32) without consuming them, bits past the end read as zeros
    /// (for table lookups that then check the length they used against [`Self::remaining`]).
    #[inline]
    pub fn peek_padded(&self, n: u32) -> u32 {
        let n = n.min(32);
        if n == 0 {
            return 0;
        }
        let byte = self.pos / 8;
        let word = match self.data.get(byte..byte + 8) {
            Some(&[a, b, c, d, e, f, g, h]) => u64::from_be_bytes([a, b, c, d, e, f, g, h]),
            _ => {
                let mut window = [0u8; 8];
                let rest = self.data.get(byte..).unwrap_or(&[]);
                window[..rest.len().min(8)].copy_from_slice(&rest[..rest.len().min(8)]);
                u64::from_be_bytes(window)
            }
        };
        // Eight bytes hold the 32 bits after any bit offset within the first.
        let shift = 64 - (self.pos % 8) as u32 - n;
        ((word >> shift) & ((1u64 << n) - 1)) as u32
    }

    /// Reads `n` bits (0..=32) as a `u32`.
    pub fn u32(&mut self, n: u32) -> Option<u32> {
        debug_assert!(n <= 32);
        self.bits(n.min(32)).map(|v| v as u32)
    }

    /// Reads `n` bits (0..=8) as a `u8`.
    pub fn u8(&mut self, n: u32) -> Option<u8> {
        debug_assert!(n <= 8);
        self.bits(n.min(8)).map(|v| v as u8)
    }

    /// Skips `n` bits.
    pub fn skip(&mut self, n: usize) -> Option<()> {
        if n > self.remaining() {
            return None;
        }
        self.pos += n;
        Some(())
    }

    /// Advances to the next byte boundary.
    pub fn align(&mut self) {
        self.pos = self.pos.div_ceil(8) * 8;
        self.pos = self.pos.min(self.data.len() * 8);
    }

    /// Whether the reader sits on a byte boundary.
    pub fn is_aligned(&self) -> bool {
        self.pos.is_multiple_of(8)
    }

    /// Reads an unsigned Exp-Golomb code, `ue(v)`. Codes longer than 32 bits are rejected.
    pub fn ue(&mut self) -> Option<u32> {
        let mut zeros = 0u32;
        while !self.bit()? {
            zeros += 1;
            if zeros > 31 {
                return None;
            }
        }
        let rest = self.bits(zeros)?;
        u32::try_from((1u64 << zeros) - 1 + rest).ok()
    }

    /// Reads a signed Exp-Golomb code, `se(v)`.
    pub fn se(&mut self) -> Option<i32> {
        let k = i64::from(self.ue()?);
        let v = if k % 2 == 1 { (k + 1) / 2 } else { -(k / 2) };
        i32::try_from(v).ok()
    }

    /// H.264's `more_rbsp_data()`: true while bits other than the final stop bit and its
    /// trailing zeros remain.
    pub fn more_rbsp_data(&self) -> bool {
        let total = self.data.len() * 8;
        if self.pos >= total {
            return false;
        }
        // Find the last set bit (the rbsp_stop_one_bit).
        let Some(last_byte) = self.data.iter().rposition(|&b| b != 0) else {
            return false;
        };
        let trailing = self.data[last_byte].trailing_zeros() as usize;
        let stop_bit = last_byte * 8 + (7 - trailing);
        self.pos < stop_bit
    }
}

/// Removes emulation-prevention bytes (`00 00 03` → `00 00`) from a NAL unit payload.
/// The result is never longer than the input.
pub fn unescape_rbsp(nal: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(nal.len());
    let mut zeros = 0usize;
    for &b in nal {
        if zeros >= 2 && b == 3 {
            zeros = 0;
            continue;
        }
        zeros = if b == 0 { zeros + 1 } else { 0 };
        out.push(b);
    }
    out
}

/// [`unescape_rbsp`] into a caller's buffer: the unescaped bytes until `out` is full or `nal`
/// ends. Always a prefix of `unescape_rbsp(nal)`, so a syntax that fits in it reads the same;
/// lets a parser that needs only a NAL unit's first bytes skip copying the rest.
pub fn unescape_rbsp_into<'a>(nal: &[u8], out: &'a mut [u8]) -> &'a [u8] {
    let mut n = 0usize;
    let mut zeros = 0usize;
    for &b in nal {
        if n == out.len() {
            break;
        }
        if zeros >= 2 && b == 3 {
            zeros = 0;
            continue;
        }
        zeros = if b == 0 { zeros + 1 } else { 0 };
        out[n] = b;
        n += 1;
    }
    &out[..n]
}

/// Test helper: packs `(value, width)` fields MSB first, as bitstream syntax writes them; a
/// last partial byte is padded with zeros.
#[cfg(test)]
pub(crate) fn pack_bits(fields: impl IntoIterator<Item = (u32, u32)>) -> Vec<u8> {
    let mut bytes = Vec::new();
    let (mut acc, mut n) = (0u64, 0u32);
    for (v, w) in fields {
        acc = (acc << w) | u64::from(v);
        n += w;
        while n >= 8 {
            bytes.push((acc >> (n - 8)) as u8);
            n -= 8;
        }
    }
    if n > 0 {
        bytes.push((acc << (8 - n)) as u8);
    }
    bytes
}

#[cfg(test)]
mod tests {
    #[test]
    fn peek_pads_past_the_end() {
        let mut r = super::BitReader::new(&[0b1010_1100, 0b0101_0011]);
        assert_eq!(r.peek_padded(4), 0b1010);
        r.skip(3).unwrap();
        assert_eq!(r.peek_padded(9), 0b0_1100_0101);
        r.skip(10).unwrap();
        assert_eq!(r.peek_padded(8), 0b0110_0000);
        assert_eq!(r.peek_padded(32), 0b011 << 29);
        r.skip(3).unwrap();
        assert_eq!(r.peek_padded(5), 0);
    }

    use super::*;

    #[test]
    fn reads_bits_across_bytes() {
        let mut r = BitReader::new(&[0b1010_1100, 0b0101_0011]);
        assert_eq!(r.bits(3), Some(0b101));
        assert_eq!(r.bits(7), Some(0b011_0001));
        assert_eq!(r.bits(6), Some(0b01_0011));
        assert_eq!(r.bit(), None);
    }

    #[test]
    fn exp_golomb() {
        // 1 -> 0, 010 -> 1, 011 -> 2, 00100 -> 3
        let mut r = BitReader::new(&[0b1010_0110, 0b0100_0000]);
        assert_eq!(r.ue(), Some(0));
        assert_eq!(r.ue(), Some(1));
        assert_eq!(r.ue(), Some(2));
        assert_eq!(r.ue(), Some(3));
        let mut r = BitReader::new(&[0b0100_1100]);
        assert_eq!(r.se(), Some(1));
        assert_eq!(r.se(), Some(-1));
    }

    #[test]
    fn hostile_golomb_is_none() {
        let mut r = BitReader::new(&[0, 0, 0, 0, 0, 0]);
        assert_eq!(r.ue(), None);
    }

    #[test]
    fn unescape() {
        assert_eq!(unescape_rbsp(&[0, 0, 3, 1, 0, 0, 3]), vec![0, 0, 1, 0, 0]);
        let nal = [0, 0, 3, 1, 0, 0, 3, 0, 0, 3, 3, 7];
        let full = unescape_rbsp(&nal);
        for size in 0..=full.len() + 1 {
            let mut buf = vec![0u8; size];
            let part = unescape_rbsp_into(&nal, &mut buf);
            assert_eq!(part, &full[..size.min(full.len())]);
        }
    }

    #[test]
    fn more_rbsp() {
        let r = BitReader::new(&[0b1000_0000]);
        assert!(!r.more_rbsp_data());
        let r = BitReader::new(&[0b1100_0000]);
        assert!(r.more_rbsp_data());
    }
}
