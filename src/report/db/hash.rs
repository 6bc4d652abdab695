//! The hash of the embedded tables' compile-time indexes: `build.rs` places each key by it
//! (it includes this file), lookups find the key by it. FxHash's word-at-a-time mixing.

/// The hash of `key`.
pub(crate) fn hash(key: &[u8]) -> u32 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let mut h: u64 = key.len() as u64;
    let mut chunks = key.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    // The last 0 to 7 bytes, read as two overlapping pieces (a copy into a zeroed word would
    // call memcpy, slow for a few bytes in musl); the length, hashed first, tells them apart.
    let rest = chunks.remainder();
    let n = rest.len();
    let tail = match n {
        0 => 0,
        1..=3 => u64::from(rest[0]) | u64::from(rest[n / 2]) << 8 | u64::from(rest[n - 1]) << 16,
        _ => {
            let word = |i: usize| {
                let mut w = [0u8; 4];
                w.copy_from_slice(&rest[i..i + 4]);
                u64::from(u32::from_le_bytes(w))
            };
            word(0) | word(n - 4) << 32
        }
    };
    h = (h.rotate_left(5) ^ tail).wrapping_mul(K);
    (h >> 32) as u32
}

/// The open-addressing slot table of `keys` (linear probing, at most half full): each slot
/// holds a key's index plus one, or 0 when empty. Its length is a power of two.
#[allow(dead_code)] // build.rs only
pub(crate) fn slots<'a>(keys: impl ExactSizeIterator<Item = &'a [u8]>) -> Vec<u16> {
    let n = (keys.len() * 2).next_power_of_two().max(2);
    let mut slots = vec![0u16; n];
    for (i, key) in keys.enumerate() {
        let mut at = hash(key) as usize & (n - 1);
        while slots[at] != 0 {
            at = (at + 1) & (n - 1);
        }
        slots[at] = u16::try_from(i + 1).expect("fewer than 65535 keys");
    }
    slots
}

/// The index of the key `is_key` accepts among those `slots` placed, probing from `key`'s
/// hash; `None` at the first empty slot.
#[allow(dead_code)] // not build.rs
#[inline]
pub(crate) fn find(slots: &[u16], key: &[u8], is_key: impl Fn(usize) -> bool) -> Option<usize> {
    find_hashed(slots, hash(key), is_key)
}

/// [`find`] for a key whose hash is `h` already.
#[allow(dead_code)] // not build.rs
#[inline]
pub(crate) fn find_hashed(slots: &[u16], h: u32, is_key: impl Fn(usize) -> bool) -> Option<usize> {
    let mask = slots.len().checked_sub(1)?;
    let mut at = h as usize & mask;
    // At most half full: an empty slot ends every probe; the count bounds it regardless.
    for _ in 0..slots.len() {
        let i = usize::from(*slots.get(at)?).checked_sub(1)?;
        if is_key(i) {
            return Some(i);
        }
        at = (at + 1) & mask;
    }
    None
}
