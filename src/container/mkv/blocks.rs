//! Block headers and lacing, as MediaInfo splits a block into frames.

use super::ebml::{Vint, read_eb, read_es};

/// A SimpleBlock's or Block's header: track number, relative timestamp, flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BlockHeader {
    pub track: u64,
    /// Length of the track number.
    pub track_len: usize,
    pub timecode: i16,
    pub flags: u8,
}

impl BlockHeader {
    /// Reads the header at the start of a block's data (`None` when it is cut short). A track
    /// number of `0xFF` ("unlimited") is the rest of the block, as MediaInfo reads it.
    pub fn parse(data: &[u8], block_size: u64) -> Option<BlockHeader> {
        let (track, track_len) = read_eb(data)?;
        let track = match track {
            Vint::Value(v) => v,
            Vint::Unlimited => block_size.saturating_sub(1),
        };
        let rest = data.get(track_len..track_len + 3)?;
        Some(BlockHeader {
            track,
            track_len,
            timecode: i16::from_be_bytes([rest[0], rest[1]]),
            flags: rest[2],
        })
    }

    /// Lacing: 0 none, 1 Xiph, 2 fixed, 3 EBML.
    pub fn lacing(&self) -> u8 {
        (self.flags >> 1) & 3
    }
}

/// The lace sizes of a block whose payload (after the flags byte) is `total` bytes long and
/// starts with `head`; returns the sizes and the length of the lacing header. As MediaInfo:
/// sizes that overrun the block make one lace of everything after the header, and fixed-size
/// lacing may leave bytes after its last lace.
pub fn lace_sizes(lacing: u8, head: &[u8], total: u64) -> (Vec<u64>, u64) {
    if lacing == 0 {
        return (vec![total], 0);
    }
    let Some(&count_minus_one) = head.first() else {
        return (vec![total], 0);
    };
    let mut pos = 1usize;
    let count = u64::from(count_minus_one) + 1;
    let mut sizes = Vec::with_capacity(count as usize);
    let rest = |pos: usize| total.saturating_sub(pos as u64);
    match lacing {
        1 => {
            let mut sum = 0u64;
            for _ in 0..count_minus_one {
                let mut size = 0u64;
                loop {
                    let Some(&b) = head.get(pos) else {
                        return (vec![rest(pos)], pos as u64);
                    };
                    pos += 1;
                    size += u64::from(b);
                    if b != 0xFF {
                        break;
                    }
                }
                sum += size;
                sizes.push(size);
            }
            if sum > rest(pos) {
                return (vec![rest(pos)], pos as u64);
            }
            sizes.push(rest(pos) - sum);
        }
        2 => {
            let each = rest(pos) / count;
            sizes.resize(count as usize, each);
        }
        _ => {
            let Some((first, n)) = head.get(pos..).and_then(read_eb) else {
                return (vec![rest(pos)], pos as u64);
            };
            pos += n;
            let mut size = match first {
                Vint::Value(v) => v,
                Vint::Unlimited => rest(pos),
            };
            let mut sum = size;
            sizes.push(size);
            for _ in 1..count_minus_one {
                let Some((diff, n)) = head.get(pos..).and_then(read_es) else {
                    return (vec![rest(pos)], pos as u64);
                };
                pos += n;
                size = size.wrapping_add(diff as u64);
                sum = sum.wrapping_add(size);
                sizes.push(size);
            }
            if sum > rest(pos) || sizes.iter().any(|&s| s > rest(pos)) {
                return (vec![rest(pos)], pos as u64);
            }
            sizes.push(rest(pos) - sum);
        }
    }
    (sizes, pos as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xiph_lacing() {
        // 3 frames of 2, 1 and the rest (1) bytes.
        let p = [2, 2, 1, 0xA, 0xB, 0xC, 0xD];
        assert_eq!(lace_sizes(1, &p, p.len() as u64), (vec![2, 1, 1], 3));
    }

    #[test]
    fn ebml_lacing() {
        // 3 frames: 2, 2 + (-1) = 1, rest.
        let p = [2, 0x82, 0xBE, 1, 2, 3, 4, 5];
        assert_eq!(lace_sizes(3, &p, p.len() as u64), (vec![2, 1, 2], 3));
    }

    #[test]
    fn fixed_lacing_leaves_a_remainder() {
        let p = [1, 1, 2, 3, 4, 5];
        assert_eq!(lace_sizes(2, &p, p.len() as u64), (vec![2, 2], 1));
    }

    #[test]
    fn hostile_lacing_is_one_lace() {
        assert_eq!(lace_sizes(1, &[5, 255, 255], 3), (vec![0], 3));
        assert_eq!(lace_sizes(1, &[1, 200, 1], 3), (vec![1], 2));
        assert_eq!(lace_sizes(3, &[1, 0x40], 2), (vec![1], 1));
    }
}
