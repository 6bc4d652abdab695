//! Where bytes come from. A [`Source`] knows nothing of media: a length and positioned reads.
//!
//! Parsers read through [`Counted`], which tallies requests and bytes so that the CLI's
//! `--stats` and the benchmarks can show how little of a file an analysis touches.
//! [`ranged`] serves remote objects (the Lambda's S3 source, `s3`, behind the `lambda` feature)
//! with few requests.

mod file;
mod memory;
pub mod ranged;
#[cfg(feature = "lambda")]
pub mod s3;

pub use file::FileSource;
pub use memory::MemorySource;
pub use ranged::{RangedSource, RangedStats};

use std::io;
use std::sync::atomic::{AtomicU64, Ordering};

/// Random-access bytes of known length.
pub trait Source {
    /// Total length in bytes.
    fn len(&self) -> u64;

    /// Whether the source holds no bytes.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Fills as much of `buf` as lies before the end, starting at `offset`; returns the count.
    /// Fewer bytes than `buf.len()` means the end was reached.
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> io::Result<usize>;
}

impl<S: Source + ?Sized> Source for &S {
    fn len(&self) -> u64 {
        (**self).len()
    }
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> io::Result<usize> {
        (**self).read_at(offset, buf)
    }
}

/// Requests and bytes a source served.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadStats {
    pub requests: u64,
    pub bytes: u64,
}

/// A source wrapper that counts what was read.
#[derive(Debug)]
pub struct Counted<S> {
    inner: S,
    requests: AtomicU64,
    bytes: AtomicU64,
}

impl<S: Source> Counted<S> {
    pub fn new(inner: S) -> Self {
        Self {
            inner,
            requests: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
        }
    }

    /// What was read so far.
    pub fn stats(&self) -> ReadStats {
        ReadStats {
            requests: self.requests.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
        }
    }

    /// The wrapped source.
    pub fn into_inner(self) -> S {
        self.inner
    }
}

impl<S: Source> Source for Counted<S> {
    fn len(&self) -> u64 {
        self.inner.len()
    }
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read_at(offset, buf)?;
        self.requests.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Reads exactly `len` bytes at `offset`, or fails with [`crate::Error::Truncated`] when the
/// source ends first. `len` is the caller's responsibility to bound (it allocates).
pub fn read_exact_at(src: &dyn Source, offset: u64, len: usize) -> crate::Result<Vec<u8>> {
    let mut buf = Vec::new();
    read_exact_into(src, offset, len, &mut buf)?;
    Ok(buf)
}

/// [`read_exact_at`] into `buf` (replacing its contents), which keeps its allocation: for
/// readers that refill one buffer many times. On an error `buf` is left empty.
pub fn read_exact_into(
    src: &dyn Source,
    offset: u64,
    len: usize,
    buf: &mut Vec<u8>,
) -> crate::Result<()> {
    buf.clear();
    let truncated = || crate::Error::Truncated {
        offset,
        needed: len as u64,
    };
    if (len as u64) > src.len().saturating_sub(offset) {
        return Err(truncated());
    }
    buf.resize(len, 0);
    let mut filled = 0;
    while filled < len {
        let error = match src.read_at(offset + filled as u64, &mut buf[filled..]) {
            Ok(0) => truncated(),
            Ok(n) => {
                filled += n;
                continue;
            }
            Err(e) => e.into(),
        };
        buf.clear();
        return Err(error);
    }
    Ok(())
}

/// Reads up to `len` bytes at `offset`, fewer if the source ends first.
pub fn read_up_to(src: &dyn Source, offset: u64, len: usize) -> crate::Result<Vec<u8>> {
    let mut buf = Vec::new();
    read_up_to_into(src, offset, len, &mut buf)?;
    Ok(buf)
}

/// [`read_up_to`] into `buf` (replacing its contents), keeping its allocation; left empty on
/// an error.
pub fn read_up_to_into(
    src: &dyn Source,
    offset: u64,
    len: usize,
    buf: &mut Vec<u8>,
) -> crate::Result<()> {
    let available = src.len().saturating_sub(offset);
    let len = len.min(usize::try_from(available).unwrap_or(usize::MAX));
    read_exact_into(src, offset, len, buf)
}
