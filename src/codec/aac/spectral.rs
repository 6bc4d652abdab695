//! Skipping `spectral_data()` (ISO/IEC 14496-3 4.4.2.7): only where each codeword ends
//! matters, never its values, so the codewords are skipped by length.
//!
//! Per codebook, a table built at compile time says, for the next [`WINDOW`] bits, how many
//! whole codewords (with their sign bits) they hold and how long those are, so a run of short
//! codewords costs one lookup. Long codewords and escapes go the long way, one at a time,
//! through the Huffman decoder.

use super::huffman::{self, Codebook, Link};
use super::tables;
use crate::bits::BitReader;

/// Bits resolved by one table lookup.
const WINDOW: u32 = 11;

/// The most sign bits after one codeword (four values per codeword in codebooks 3 and 4).
const MAX_SIGN_BITS: u32 = 4;

/// What the next [`WINDOW`] bits hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    /// Codewords wholly inside the window (0: take the long way).
    count: u8,
    /// Bits of the first codeword and its sign bits.
    first: u8,
    /// Bits of all `count` codewords and their sign bits (the last one's sign bits may
    /// reach past the window).
    total: u8,
}

/// One spectral codebook as the skipping needs it.
struct SpectralBook {
    codes: &'static Codebook,
    /// Sign bits after each symbol.
    signs: &'static [u8],
    /// Codebook 11: a value of 16 is followed by an escape sequence.
    escape: bool,
    runs: &'static [Run; 1 << WINDOW],
}

/// Skips `codewords` codewords of spectral codebook `cb` (1..=11), with their sign bits and
/// escape sequences. `None` on an unknown codebook, invalid bits or end of data (after
/// which the reader's position is unspecified: callers give up on the frame).
pub(super) fn skip(r: &mut BitReader, cb: u8, mut codewords: usize) -> Option<()> {
    let book = BOOKS.get(usize::from(cb).checked_sub(1)?)?;
    while codewords > 0 {
        // With this much left, all a run covers is in the data.
        if r.remaining() >= (WINDOW + MAX_SIGN_BITS) as usize {
            let run = book.runs[r.peek_padded(WINDOW) as usize];
            if run.count != 0 {
                if usize::from(run.count) <= codewords {
                    r.skip(usize::from(run.total))?;
                    codewords -= usize::from(run.count);
                } else {
                    r.skip(usize::from(run.first))?;
                    codewords -= 1;
                }
                continue;
            }
        }
        codeword(r, book)?;
        codewords -= 1;
    }
    Some(())
}

/// Skips one codeword the long way: Huffman decoding, sign bits, escapes.
#[inline(never)]
fn codeword(r: &mut BitReader, book: &SpectralBook) -> Option<()> {
    let symbol = usize::from(book.codes.decode(r)?);
    r.skip(usize::from(*book.signs.get(symbol)?))?;
    if book.escape {
        for v in [symbol / 17, symbol % 17] {
            if v == 16 {
                let mut bits = 4usize;
                while r.bit()? {
                    bits += 1;
                }
                r.skip(bits)?;
            }
        }
    }
    Some(())
}

/// Whether a codebook 11 symbol has an escaped value.
const fn has_escape(symbol: usize) -> bool {
    symbol / 17 == 16 || symbol % 17 == 16
}

/// The codeword at bit `at` of the `WINDOW`-bit `window`: its symbol and length, or `None`
/// when it does not end inside the window (or the bits are invalid).
const fn codeword_at(nodes: &[[Link; 2]], window: u32, at: u32) -> Option<(usize, u32)> {
    let mut node = 0usize;
    let mut pos = at;
    while pos < WINDOW {
        let bit = ((window >> (WINDOW - 1 - pos)) & 1) as usize;
        pos += 1;
        match nodes[node][bit] {
            Link::Invalid => return None,
            Link::Node(next) => node = next as usize,
            Link::Symbol(s) => return Some((s as usize, pos - at)),
        }
    }
    None
}

/// The run table of a codebook with decoding tree `nodes`.
const fn runs(nodes: &[[Link; 2]], signs: &[u8], escape: bool) -> [Run; 1 << WINDOW] {
    let mut table = [Run {
        count: 0,
        first: 0,
        total: 0,
    }; 1 << WINDOW];
    let mut window = 0;
    while window < table.len() {
        let (mut count, mut first, mut pos) = (0u8, 0u32, 0u32);
        while pos < WINDOW {
            let Some((symbol, len)) = codeword_at(nodes, window as u32, pos) else {
                break;
            };
            if escape && has_escape(symbol) {
                break;
            }
            pos += len + signs[symbol] as u32;
            if count == 0 {
                first = pos;
            }
            count += 1;
        }
        table[window] = Run {
            count,
            first: first as u8,
            total: pos as u8,
        };
        window += 1;
    }
    table
}

/// The non-zero values per symbol of an unsigned codebook whose values run `0..base`: four
/// values per symbol when `base` is 3 (codebooks 3 and 4), two otherwise. Signed codebooks
/// (1, 2, 5, 6) have no sign bits.
const fn sign_counts<const N: usize>(base: usize) -> [u8; N] {
    let mut counts = [0u8; N];
    let mut s = 0;
    while s < N {
        let values = if base == 3 {
            [s / 27, s / 9 % 3, s / 3 % 3, s % 3]
        } else {
            [s / base, s % base, 0, 0]
        };
        let mut i = 0;
        while i < 4 {
            counts[s] += (values[i] != 0) as u8;
            i += 1;
        }
        s += 1;
    }
    counts
}

const SIGNED: [u8; 81] = [0; 81];
const SIGNS_3_4: [u8; 81] = sign_counts(3);
const SIGNS_7_8: [u8; 64] = sign_counts(8);
const SIGNS_9_10: [u8; 169] = sign_counts(13);
const SIGNS_11: [u8; 289] = sign_counts(17);

macro_rules! book {
    ($codes:expr, $table:path, $signs:expr) => {
        SpectralBook {
            codes: $codes,
            signs: &$signs,
            escape: $signs.len() == SIGNS_11.len(),
            runs: &runs(
                &huffman::tree::<{ huffman::node_count(&$table) }>(&$table).0,
                &$signs,
                $signs.len() == SIGNS_11.len(),
            ),
        }
    };
}

/// Codebooks 1 to 11.
static BOOKS: [SpectralBook; 11] = [
    book!(huffman::spectral_1(), tables::SPECTRAL_1, SIGNED),
    book!(huffman::spectral_2(), tables::SPECTRAL_2, SIGNED),
    book!(huffman::spectral_3(), tables::SPECTRAL_3, SIGNS_3_4),
    book!(huffman::spectral_4(), tables::SPECTRAL_4, SIGNS_3_4),
    book!(huffman::spectral_5(), tables::SPECTRAL_5, SIGNED),
    book!(huffman::spectral_6(), tables::SPECTRAL_6, SIGNED),
    book!(huffman::spectral_7(), tables::SPECTRAL_7, SIGNS_7_8),
    book!(huffman::spectral_8(), tables::SPECTRAL_8, SIGNS_7_8),
    book!(huffman::spectral_9(), tables::SPECTRAL_9, SIGNS_9_10),
    book!(huffman::spectral_10(), tables::SPECTRAL_10, SIGNS_9_10),
    book!(huffman::spectral_11(), tables::SPECTRAL_11, SIGNS_11),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The skipping as it was before the run tables: one codeword at a time.
    fn skip_one_by_one(r: &mut BitReader, cb: u8, codewords: usize) -> Option<()> {
        let book = BOOKS.get(usize::from(cb) - 1)?;
        for _ in 0..codewords {
            codeword(r, book)?;
        }
        Some(())
    }

    #[test]
    fn runs_skip_as_one_codeword_at_a_time_does() {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut data: Vec<u8> = (0..2048)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect();
        // Runs of zeros too, where the short codewords of codebooks 1, 2 and 11 sit.
        data[512..768].fill(0);
        for cb in 1..=11 {
            for len in [0usize, 1, 2, 3, 17, 600, 2048] {
                for start in [0usize, 1, 5, 13] {
                    for codewords in [1usize, 2, 3, 5, 8, 16, 1000, 100_000] {
                        let mut a = BitReader::new(&data[..len]);
                        if a.skip(start).is_none() {
                            continue;
                        }
                        let mut b = a.clone();
                        let (sa, sb) = (
                            skip(&mut a, cb, codewords),
                            skip_one_by_one(&mut b, cb, codewords),
                        );
                        let at = format!("cb {cb} len {len} start {start} codewords {codewords}");
                        assert_eq!(sa, sb, "{at}");
                        if sa.is_some() {
                            assert_eq!(a.position(), b.position(), "{at}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn unknown_codebooks_fail() {
        let mut r = BitReader::new(&[0; 16]);
        for cb in [0, 12, 13, 14, 15] {
            assert_eq!(skip(&mut r, cb, 1), None);
        }
    }
}
