//! Prefix-code decoding for the AAC and SBR Huffman codebooks.
//!
//! Each codebook is given as `(codeword, length)` per symbol (see `tables.rs`); a binary
//! decoding tree is built from it at compile time (`const fn`, so no process pays for it),
//! with a table that resolves the first [`LOOKUP_BITS`] bits of a codeword in one step (most
//! codewords are that short).

use super::tables;
use crate::bits::BitReader;

/// One branch of a decoding tree node.
#[derive(Clone, Copy, Debug)]
pub(super) enum Link {
    /// No codeword goes this way: the bits are invalid.
    Invalid,
    /// Continue at this node.
    Node(u16),
    /// A complete codeword for this symbol index.
    Symbol(u16),
}

/// Bits resolved by one table lookup.
const LOOKUP_BITS: u32 = 9;

/// What the next [`LOOKUP_BITS`] bits lead to.
#[derive(Clone, Copy, Debug)]
enum Lookup {
    /// The bits go nowhere (within the first `LOOKUP_BITS`).
    Invalid,
    /// A codeword of `len` bits for this symbol index.
    Symbol { symbol: u16, len: u8 },
    /// A longer codeword: continue in the tree at this node after `LOOKUP_BITS` bits.
    Node(u16),
}

/// A decoding tree: node 0 is the root, each node has a branch for bit 0 and bit 1.
#[derive(Debug)]
pub(super) struct Codebook {
    nodes: &'static [[Link; 2]],
    /// Indexed by the next `LOOKUP_BITS` bits.
    lookup: &'static [Lookup; 1 << LOOKUP_BITS],
}

/// The number of tree nodes `codes` needs (the size of [`tree`]'s array).
pub(super) const fn node_count(codes: &[(u32, u8)]) -> usize {
    tree::<{ MAX_NODES }>(codes).1
}

/// The most nodes any codebook's tree has (a bound for the sizing pass of [`node_count`]).
const MAX_NODES: usize = 1024;

/// The decoding tree of `codes` in an array of `N` nodes, and how many of them it uses.
pub(super) const fn tree<const N: usize>(codes: &[(u32, u8)]) -> ([[Link; 2]; N], usize) {
    let mut nodes = [[Link::Invalid; 2]; N];
    let mut used = 1;
    let mut symbol = 0;
    while symbol < codes.len() {
        let (code, len) = codes[symbol];
        let mut node = 0usize;
        let mut i = len as u32;
        while i > 0 {
            i -= 1;
            let bit = ((code >> i) & 1) as usize;
            if i == 0 {
                nodes[node][bit] = Link::Symbol(symbol as u16);
            } else {
                node = match nodes[node][bit] {
                    Link::Node(next) => next as usize,
                    _ => {
                        let next = used;
                        used += 1;
                        nodes[node][bit] = Link::Node(next as u16);
                        next
                    }
                };
            }
        }
        symbol += 1;
    }
    (nodes, used)
}

/// The first-[`LOOKUP_BITS`] table of `codes`, whose tree is `nodes`: each short codeword
/// fills the entries its bits start; a longer one marks the node its first `LOOKUP_BITS` bits
/// lead to. Entries no codeword starts stay invalid.
const fn lookup(codes: &[(u32, u8)], nodes: &[[Link; 2]]) -> [Lookup; 1 << LOOKUP_BITS] {
    let mut lookup = [Lookup::Invalid; 1 << LOOKUP_BITS];
    let mut symbol = 0;
    while symbol < codes.len() {
        let (code, len) = codes[symbol];
        let len = len as u32;
        symbol += 1;
        if len == 0 {
            continue;
        }
        if len <= LOOKUP_BITS {
            let first = (code << (LOOKUP_BITS - len)) as usize;
            let entry = Lookup::Symbol {
                symbol: (symbol - 1) as u16,
                len: len as u8,
            };
            let mut at = first;
            while at < first + (1 << (LOOKUP_BITS - len)) {
                lookup[at] = entry;
                at += 1;
            }
        } else {
            let prefix = code >> (len - LOOKUP_BITS);
            if let Some(node) = Codebook::node_after(nodes, prefix) {
                lookup[prefix as usize] = Lookup::Node(node);
            }
        }
    }
    lookup
}

impl Codebook {
    /// The node the `LOOKUP_BITS` bits of `prefix` lead to, MSB first.
    const fn node_after(nodes: &[[Link; 2]], prefix: u32) -> Option<u16> {
        let mut node = 0usize;
        let mut i = LOOKUP_BITS;
        while i > 0 {
            i -= 1;
            if node >= nodes.len() {
                return None;
            }
            match nodes[node][((prefix >> i) & 1) as usize] {
                Link::Node(next) => node = next as usize,
                _ => return None,
            }
        }
        Some(node as u16)
    }

    /// Reads one codeword; returns its symbol index, or `None` on invalid bits or end of data.
    /// (After `None` the reader's position is unspecified: callers give up on the frame.)
    #[inline]
    pub(super) fn decode(&self, r: &mut BitReader) -> Option<u16> {
        // Bits past the end read as zeros here; a codeword longer than what is left fails.
        let bits = r.peek_padded(LOOKUP_BITS);
        match self.lookup[bits as usize] {
            Lookup::Invalid => None,
            Lookup::Symbol { symbol, len } => {
                r.skip(usize::from(len))?;
                Some(symbol)
            }
            Lookup::Node(next) => self.decode_long(r, next),
        }
    }

    /// The rest of a codeword longer than the lookup table resolves, bit by bit from `node`.
    #[cold]
    #[inline(never)]
    fn decode_long(&self, r: &mut BitReader, node: u16) -> Option<u16> {
        r.skip(LOOKUP_BITS as usize)?;
        let mut node = usize::from(node);
        loop {
            let bit = usize::from(r.bit()?);
            match self.nodes.get(node)?[bit] {
                Link::Invalid => return None,
                Link::Node(next) => node = usize::from(next),
                Link::Symbol(s) => return Some(s),
            }
        }
    }
}

macro_rules! codebook {
    ($fn_name:ident, $table:path) => {
        pub(super) const fn $fn_name() -> &'static Codebook {
            const NODES: [[Link; 2]; node_count(&$table)] = tree(&$table).0;
            static BOOK: Codebook = Codebook {
                nodes: &NODES,
                lookup: &lookup(&$table, &NODES),
            };
            &BOOK
        }
    };
}

codebook!(scalefactor, tables::SCALEFACTOR);
codebook!(spectral_1, tables::SPECTRAL_1);
codebook!(spectral_2, tables::SPECTRAL_2);
codebook!(spectral_3, tables::SPECTRAL_3);
codebook!(spectral_4, tables::SPECTRAL_4);
codebook!(spectral_5, tables::SPECTRAL_5);
codebook!(spectral_6, tables::SPECTRAL_6);
codebook!(spectral_7, tables::SPECTRAL_7);
codebook!(spectral_8, tables::SPECTRAL_8);
codebook!(spectral_9, tables::SPECTRAL_9);
codebook!(spectral_10, tables::SPECTRAL_10);
codebook!(spectral_11, tables::SPECTRAL_11);
codebook!(sbr_t_env_1_5db, tables::T_HUFFMAN_ENV_1_5DB);
codebook!(sbr_f_env_1_5db, tables::F_HUFFMAN_ENV_1_5DB);
codebook!(sbr_t_env_bal_1_5db, tables::T_HUFFMAN_ENV_BAL_1_5DB);
codebook!(sbr_f_env_bal_1_5db, tables::F_HUFFMAN_ENV_BAL_1_5DB);
codebook!(sbr_t_env_3_0db, tables::T_HUFFMAN_ENV_3_0DB);
codebook!(sbr_f_env_3_0db, tables::F_HUFFMAN_ENV_3_0DB);
codebook!(sbr_t_env_bal_3_0db, tables::T_HUFFMAN_ENV_BAL_3_0DB);
codebook!(sbr_f_env_bal_3_0db, tables::F_HUFFMAN_ENV_BAL_3_0DB);
codebook!(sbr_t_noise_3_0db, tables::T_HUFFMAN_NOISE_3_0DB);
codebook!(sbr_t_noise_bal_3_0db, tables::T_HUFFMAN_NOISE_BAL_3_0DB);

#[cfg(test)]
mod tests {
    use super::*;

    /// The spectral codebook `cb` (1..=11).
    pub(super) fn spectral(cb: u8) -> Option<&'static Codebook> {
        Some(match cb {
            1 => spectral_1(),
            2 => spectral_2(),
            3 => spectral_3(),
            4 => spectral_4(),
            5 => spectral_5(),
            6 => spectral_6(),
            7 => spectral_7(),
            8 => spectral_8(),
            9 => spectral_9(),
            10 => spectral_10(),
            11 => spectral_11(),
            _ => return None,
        })
    }

    #[test]
    fn scalefactor_zero_delta_is_one_bit() {
        // Symbol 60 (delta 0) is the single-bit codeword `0`.
        let mut r = BitReader::new(&[0b0000_0000]);
        assert_eq!(scalefactor().decode(&mut r), Some(60));
        assert_eq!(r.position(), 1);
    }

    /// The codeword the tree alone gives (bit by bit), as before the lookup table.
    fn tree_decode(book: &Codebook, r: &mut BitReader) -> Option<u16> {
        let mut node = 0usize;
        loop {
            match book.nodes.get(node)?[usize::from(r.bit()?)] {
                Link::Invalid => return None,
                Link::Node(next) => node = usize::from(next),
                Link::Symbol(s) => return Some(s),
            }
        }
    }

    #[test]
    fn lookup_decodes_as_the_tree_does() {
        let books: Vec<&Codebook> = (1..=11)
            .filter_map(spectral)
            .chain([
                scalefactor(),
                sbr_t_env_1_5db(),
                sbr_f_env_1_5db(),
                sbr_t_env_bal_1_5db(),
                sbr_f_env_bal_1_5db(),
                sbr_t_env_3_0db(),
                sbr_f_env_3_0db(),
                sbr_t_env_bal_3_0db(),
                sbr_f_env_bal_3_0db(),
                sbr_t_noise_3_0db(),
                sbr_t_noise_bal_3_0db(),
            ])
            .collect();
        // A fixed pseudo-random stream, read to its very end (where padding must not leak).
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let data: Vec<u8> = (0..4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect();
        for book in books {
            for len in [1usize, 2, 3, 64, 4096] {
                let (mut a, mut b) = (BitReader::new(&data[..len]), BitReader::new(&data[..len]));
                loop {
                    let (sa, sb) = (book.decode(&mut a), tree_decode(book, &mut b));
                    assert_eq!(sa, sb);
                    if sa.is_none() {
                        break;
                    }
                    assert_eq!(a.position(), b.position());
                }
            }
        }
    }

    #[test]
    fn every_codebook_is_a_complete_prefix_code() {
        for cb in 1..=11 {
            let book = spectral(cb).unwrap();
            assert!(
                book.nodes
                    .iter()
                    .flatten()
                    .all(|l| !matches!(l, Link::Invalid)),
                "cb {cb}"
            );
        }
        assert!(
            scalefactor()
                .nodes
                .iter()
                .flatten()
                .all(|l| !matches!(l, Link::Invalid))
        );
    }
}
