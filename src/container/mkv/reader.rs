//! A small read-ahead window over a [`Source`]: the EBML walk makes many tiny reads (element
//! headers a few bytes apart), which one window serves with a single request.

use crate::Result;
use crate::source::{Source, read_up_to_into};

/// Bytes read ahead when a read misses the window. Small, because block headers in a Cluster
/// are often further apart than this and whatever lies between them is not wanted.
const WINDOW: usize = 1024;

/// Positioned reads through a window.
pub struct Reader<'a> {
    src: &'a dyn Source,
    len: u64,
    start: u64,
    buf: Vec<u8>,
}

impl<'a> Reader<'a> {
    pub fn new(src: &'a dyn Source) -> Self {
        Self {
            src,
            len: src.len(),
            start: 0,
            buf: Vec::new(),
        }
    }

    /// The source's length.
    pub fn source_len(&self) -> u64 {
        self.len
    }

    /// Up to `len` bytes at `offset` (fewer at the end of the source). `len` is the caller's to
    /// bound: it is read in one piece.
    pub fn get(&mut self, offset: u64, len: usize) -> Result<&[u8]> {
        if offset >= self.len {
            return Ok(&[]);
        }
        let end = offset.saturating_add(len as u64).min(self.len);
        let in_window = offset >= self.start && end <= self.start + self.buf.len() as u64;
        if !in_window {
            // The window moves; a failed read leaves it empty, never stale.
            self.start = offset;
            read_up_to_into(self.src, offset, len.max(WINDOW), &mut self.buf)?;
        }
        let from = (offset - self.start) as usize;
        let to = (end.saturating_sub(self.start) as usize).clamp(from, self.buf.len());
        Ok(&self.buf[from.min(to)..to])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::MemorySource;

    #[test]
    fn window_serves_nearby_reads() {
        let src = MemorySource::new((0..=255u8).cycle().take(5000).collect::<Vec<u8>>());
        let mut r = Reader::new(&src);
        assert_eq!(r.get(10, 3).unwrap(), &[10, 11, 12]);
        assert_eq!(r.get(4990, 100).unwrap().len(), 10);
        assert!(r.get(6000, 4).unwrap().is_empty());
    }
}
