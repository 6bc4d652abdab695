//! Prefix-code decoding for the AAC and SBR Huffman codebooks.
//!
//! Each codebook is given as `(codeword, length)` per symbol (see `tables.rs`); a binary
//! decoding tree is built from it once, on first use.

use std::sync::OnceLock;

use super::tables;
use crate::bits::BitReader;

/// One branch of a decoding tree node.
#[derive(Clone, Copy, Debug)]
enum Link {
    /// No codeword goes this way: the bits are invalid.
    Invalid,
    /// Continue at this node.
    Node(u16),
    /// A complete codeword for this symbol index.
    Symbol(u16),
}

/// A decoding tree: node 0 is the root, each node has a branch for bit 0 and bit 1.
#[derive(Debug)]
pub(super) struct Codebook {
    nodes: Vec<[Link; 2]>,
}

impl Codebook {
    fn build(codes: &[(u32, u8)]) -> Self {
        let mut nodes = vec![[Link::Invalid; 2]];
        for (symbol, &(code, len)) in codes.iter().enumerate() {
            let mut node = 0usize;
            for i in (0..u32::from(len)).rev() {
                let bit = ((code >> i) & 1) as usize;
                if i == 0 {
                    nodes[node][bit] = Link::Symbol(symbol as u16);
                } else {
                    node = match nodes[node][bit] {
                        Link::Node(next) => usize::from(next),
                        _ => {
                            nodes.push([Link::Invalid; 2]);
                            let next = nodes.len() - 1;
                            nodes[node][bit] = Link::Node(next as u16);
                            next
                        }
                    };
                }
            }
        }
        Self { nodes }
    }

    /// Reads one codeword; returns its symbol index, or `None` on invalid bits or end of data.
    pub(super) fn decode(&self, r: &mut BitReader) -> Option<u16> {
        let mut node = 0usize;
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
        pub(super) fn $fn_name() -> &'static Codebook {
            static BOOK: OnceLock<Codebook> = OnceLock::new();
            BOOK.get_or_init(|| Codebook::build(&$table))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalefactor_zero_delta_is_one_bit() {
        // Symbol 60 (delta 0) is the single-bit codeword `0`.
        let mut r = BitReader::new(&[0b0000_0000]);
        assert_eq!(scalefactor().decode(&mut r), Some(60));
        assert_eq!(r.position(), 1);
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
