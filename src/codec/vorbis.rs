//! Vorbis: the identification header, from Matroska's Xiph-laced CodecPrivate.

/// The identification header's fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Identification {
    pub channels: u8,
    pub sampling_rate: u32,
    pub bitrate_maximum: u32,
    pub bitrate_nominal: u32,
    pub bitrate_minimum: u32,
}

impl Identification {
    /// Parses an identification packet (`\x01vorbis` first). Only version 0 is known.
    pub fn parse(packet: &[u8]) -> Option<Identification> {
        if packet.get(..7)? != b"\x01vorbis" {
            return None;
        }
        let le = |i: usize| -> Option<u32> {
            Some(u32::from_le_bytes(packet.get(i..i + 4)?.try_into().ok()?))
        };
        if le(7)? != 0 {
            return None;
        }
        Some(Identification {
            channels: *packet.get(11)?,
            sampling_rate: le(12)?,
            bitrate_maximum: le(16)?,
            bitrate_nominal: le(20)?,
            bitrate_minimum: le(24)?,
        })
    }

    /// The identification packet out of a Matroska CodecPrivate (Xiph lacing of the three
    /// headers: count, then the first sizes in 255-sums).
    pub fn from_codec_private(data: &[u8]) -> Option<Identification> {
        let (&count, mut rest) = data.split_first()?;
        if count == 0 {
            return Self::parse(rest);
        }
        let mut first = 0usize;
        loop {
            let (&b, r) = rest.split_first()?;
            rest = r;
            first += usize::from(b);
            if b != 255 {
                break;
            }
        }
        // Skip the remaining sizes (count - 1 of them).
        for _ in 1..count {
            loop {
                let (&b, r) = rest.split_first()?;
                rest = r;
                if b != 255 {
                    break;
                }
            }
        }
        Self::parse(rest.get(..first)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identification_from_laced_private() {
        let mut id = b"\x01vorbis".to_vec();
        id.extend_from_slice(&0u32.to_le_bytes());
        id.push(2);
        id.extend_from_slice(&44_100u32.to_le_bytes());
        id.extend_from_slice(&0u32.to_le_bytes());
        id.extend_from_slice(&128_000u32.to_le_bytes());
        id.extend_from_slice(&0u32.to_le_bytes());
        id.extend_from_slice(&[0xB8, 1]);
        let mut private = vec![2, id.len() as u8, 3];
        private.extend_from_slice(&id);
        private.extend_from_slice(b"\x03vo\x05");
        let v = Identification::from_codec_private(&private).unwrap();
        assert_eq!(
            (v.channels, v.sampling_rate, v.bitrate_nominal),
            (2, 44_100, 128_000)
        );
        assert!(Identification::from_codec_private(&[2, 255]).is_none());
    }
}

/// The packets of a Xiph-laced buffer as MediaInfo's Ogg parser splits a Matroska
/// CodecPrivate: a count, the first sizes as 255-sums, and the rest for the last packet.
pub fn xiph_packets(data: &[u8]) -> Vec<&[u8]> {
    let Some((&count, mut rest)) = data.split_first() else {
        return Vec::new();
    };
    let mut sizes = Vec::with_capacity(usize::from(count));
    for _ in 0..count {
        let mut size = 0usize;
        loop {
            let Some((&b, r)) = rest.split_first() else {
                return Vec::new();
            };
            rest = r;
            size += usize::from(b);
            if b != 255 {
                break;
            }
        }
        sizes.push(size);
    }
    let mut out = Vec::with_capacity(sizes.len() + 1);
    for size in sizes {
        let (p, r) = rest.split_at(size.min(rest.len()));
        out.push(p);
        rest = r;
    }
    out.push(rest);
    out
}

/// A Vorbis comment header (the payload after its `\x03vorbis` signature, or a FLAC
/// VORBIS_COMMENT block): vendor string and `KEY=value` comments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comments {
    pub vendor: String,
    pub comments: Vec<String>,
}

impl Comments {
    /// Parses the header; comments cut short end the list.
    pub fn parse(data: &[u8]) -> Option<Comments> {
        let le = |d: &[u8], i: usize| -> Option<usize> {
            Some(u32::from_le_bytes(d.get(i..i + 4)?.try_into().ok()?) as usize)
        };
        let vendor_len = le(data, 0)?;
        let vendor = data.get(4..4usize.checked_add(vendor_len)?)?;
        let mut pos = 4 + vendor_len;
        let count = le(data, pos)?;
        pos += 4;
        let mut comments = Vec::new();
        for _ in 0..count.min(4096) {
            let Some(len) = le(data, pos) else { break };
            let Some(text) = pos
                .checked_add(4 + len)
                .and_then(|end| data.get(pos + 4..end))
            else {
                break;
            };
            comments.push(text_of(text));
            pos += 4 + len;
        }
        Some(Comments {
            vendor: std::str::from_utf8(vendor)
                .map(str::to_string)
                .unwrap_or_default(),
            comments,
        })
    }
}

/// UTF-8 text, or ISO 8859-1 when it is not valid UTF-8 (MediaInfo's retry).
fn text_of(b: &[u8]) -> String {
    match std::str::from_utf8(b) {
        Ok(s) => s.to_string(),
        Err(_) => b.iter().map(|&c| char::from(c)).collect(),
    }
}

/// A little-endian bit reader (Vorbis packs its headers from the lowest bit up).
struct LeBits<'a> {
    data: &'a [u8],
    pos: usize,
}

impl LeBits<'_> {
    fn read(&mut self, n: u32) -> Option<u32> {
        if n > 32 || self.pos + n as usize > self.data.len() * 8 {
            return None;
        }
        let mut v = 0u64;
        for i in 0..n as usize {
            let bit = (self.data[(self.pos + i) / 8] >> ((self.pos + i) % 8)) & 1;
            v |= u64::from(bit) << i;
        }
        self.pos += n as usize;
        Some(v as u32)
    }
}

fn ilog(mut v: u32) -> u32 {
    let mut n = 0;
    while v != 0 {
        n += 1;
        v >>= 1;
    }
    n
}

/// The floor types MediaInfo reads from a setup header (the payload after its `\x05vorbis`
/// signature). MediaInfo reads the codebooks, then one 16-bit type per counted floor without
/// the floors' bodies, so every type after the first is whatever bits follow it; `None` when
/// a codebook cannot be read (MediaInfo then reports no floor).
pub fn setup_floor_types(data: &[u8]) -> Option<Vec<u16>> {
    let (&count, bits) = data.split_first()?;
    let mut r = LeBits { data: bits, pos: 0 };
    for _ in 0..=count {
        if r.read(24)? != 0x56_4342 {
            return None;
        }
        let dimensions = r.read(16)?;
        let entries = r.read(24)?;
        if r.read(1)? == 0 {
            let sparse = r.read(1)? == 1;
            for _ in 0..entries {
                if !sparse || r.read(1)? == 1 {
                    r.read(5)?;
                }
            }
        } else {
            r.read(5)?;
            let mut i = 0;
            while i < entries {
                // Every read takes bits, so zero counts end with the data at worst.
                let num = r.read(ilog(entries - i))?;
                i = i.saturating_add(num).min(entries);
            }
        }
        let lookup = r.read(4)?;
        if lookup > 2 {
            return None;
        }
        if lookup > 0 {
            r.read(32)?;
            r.read(32)?;
            let value_bits = r.read(4)? + 1;
            r.read(1)?;
            let values: u64 = if lookup == 1 {
                lookup1_values(entries, dimensions)
            } else {
                u64::from(entries) * u64::from(dimensions)
            };
            for _ in 0..values {
                r.read(value_bits)?;
            }
        }
    }
    let times = r.read(6)?;
    for _ in 0..=times {
        r.read(16)?;
    }
    let floors = r.read(6)?;
    let mut types = Vec::new();
    for _ in 0..floors {
        match r.read(16) {
            Some(t) => types.push(t as u16),
            None => break,
        }
    }
    Some(types)
}

/// The largest integer whose `dimensions`-th power does not exceed `entries`.
fn lookup1_values(entries: u32, dimensions: u32) -> u64 {
    if dimensions == 0 {
        return 0;
    }
    let mut vals =
        (f64::from(entries as f32).powf(f64::from(1.0f32 / dimensions as f32))).floor() as i64;
    for _ in 0..64 {
        let pow = |b: i64| -> u128 {
            (0..dimensions).fold(1u128, |a, _| a.saturating_mul(b.max(0) as u128))
        };
        let (acc, acc1) = (pow(vals), pow(vals + 1));
        if acc <= u128::from(entries) && acc1 > u128::from(entries) {
            break;
        } else if acc > u128::from(entries) {
            vals -= 1;
        } else {
            vals += 1;
        }
    }
    vals.max(0) as u64
}

#[cfg(test)]
mod more_tests {
    use super::*;

    #[test]
    fn packets_and_comments() {
        let p = xiph_packets(&[2, 3, 1, b'a', b'b', b'c', b'd', b'e', b'f']);
        assert_eq!(p, vec![&b"abc"[..], &b"d"[..], &b"ef"[..]]);
        let mut c = 3u32.to_le_bytes().to_vec();
        c.extend_from_slice(b"Lib");
        c.extend_from_slice(&1u32.to_le_bytes());
        c.extend_from_slice(&5u32.to_le_bytes());
        c.extend_from_slice(b"A=\xe9bc");
        let parsed = Comments::parse(&c).unwrap();
        assert_eq!(parsed.vendor, "Lib");
        assert_eq!(parsed.comments, vec!["A=ébc".to_string()]);
    }
}
