//! The CRC-32 of EBML `CRC-32` elements: IEEE 802.3 (reflected, polynomial 0xEDB88320, initial
//! and final value 0xFFFFFFFF), stored little-endian.

/// The byte-at-a-time table, computed at compile time.
const TABLE: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut bit = 0;
        while bit < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            bit += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
};

/// [`TABLE`] extended for eight bytes at a time (slicing-by-8): row `k` is the CRC of each byte
/// value followed by `k` zero bytes. Clusters with a CRC-32 are checked whole, so this is the
/// cost of reading such files (ffmpeg writes one per top-level element).
const SLICES: [[u32; 256]; 8] = {
    let mut t = [[0u32; 256]; 8];
    t[0] = TABLE;
    let mut k = 1;
    while k < 8 {
        let mut i = 0;
        while i < 256 {
            let prev = t[k - 1][i];
            t[k][i] = (prev >> 8) ^ TABLE[(prev & 0xFF) as usize];
            i += 1;
        }
        k += 1;
    }
    t
};

/// The CRC-32 of `data`.
pub fn crc32(data: &[u8]) -> u32 {
    let t = &SLICES;
    let mut c = !0u32;
    let mut words = data.chunks_exact(8);
    for w in &mut words {
        let x = c ^ u32::from_le_bytes([w[0], w[1], w[2], w[3]]);
        c = t[7][(x & 0xFF) as usize]
            ^ t[6][((x >> 8) & 0xFF) as usize]
            ^ t[5][((x >> 16) & 0xFF) as usize]
            ^ t[4][(x >> 24) as usize]
            ^ t[3][usize::from(w[4])]
            ^ t[2][usize::from(w[5])]
            ^ t[1][usize::from(w[6])]
            ^ t[0][usize::from(w[7])];
    }
    !words.remainder().iter().fold(c, |c, &b| {
        TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn check_value() {
        assert_eq!(super::crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn sliced_matches_bytewise() {
        let bytewise = |data: &[u8]| {
            !data.iter().fold(!0u32, |c, &b| {
                super::TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8)
            })
        };
        let data: Vec<u8> = (0..300u32).map(|i| (i * 7919 % 251) as u8).collect();
        for len in 0..data.len() {
            assert_eq!(super::crc32(&data[..len]), bytewise(&data[..len]), "{len}");
        }
    }
}
