//! A [`Source`] over a remote object that is read by ranged requests (an S3 object).
//!
//! Each remote request costs a round trip (and, on S3, a billed GET), while the parsers issue
//! many small reads: box headers, NAL headers hopping from sample to sample. [`RangedSource`]
//! turns them into a few requests:
//!
//! - a request asks for everything from an offset to the end of the object, and its body is
//!   consumed only as far as the parser reads (read-ahead by streaming, one block at a time);
//!   the first request, at offset 0, also tells the object's length;
//! - a forward jump of at most [`Tuning::skip`] bytes past a response's position reads
//!   through the response instead of making a new request;
//! - what was received stays in a bounded block cache, so reads that come back (samples at the
//!   front after a `moov` at the end) cost nothing;
//! - up to [`Tuning::streams`] responses stay open, so that the head and the tail of a file can
//!   be read in turns without starting over.
//!
//! The transport is a [`RangeOpener`]: the Lambda's S3 client, or [`SourceOpener`] over any
//! local [`Source`] to see what a file would cost (tests, `mediainfo-rs --ranged-stats`).

use super::Source;
use std::collections::HashMap;
use std::io::{self, Read};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Starts responses holding an object's bytes from an offset to its end.
pub trait RangeOpener {
    /// One request for the bytes from `offset` to the end of the object.
    fn open(&self, offset: u64) -> io::Result<Response>;
}

/// An open response.
pub struct Response {
    /// The whole object's length (S3: the total in `Content-Range`).
    pub total_len: u64,
    /// The bytes from the requested offset on.
    pub body: Box<dyn Read + Send>,
}

/// How [`RangedSource`] trades requests against bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tuning {
    /// Cache granularity: a response is consumed and kept in blocks of this size.
    pub block: usize,
    /// Longest forward jump read through on an open response rather than with a new request.
    pub skip: u64,
    /// Bytes kept in the cache (least recently used blocks go first).
    pub cache: usize,
    /// Responses kept open at once.
    pub streams: usize,
    /// New requests made, per object, to resume after responses that broke off.
    pub retries: u32,
}

impl Default for Tuning {
    /// 64 KiB blocks; jumps of up to 1 MiB read through (in the same AWS region a new GET's
    /// latency, some 20-30 ms, buys about 1-2 MiB of transfer, and it is billed); 32 MiB of
    /// cache; two open responses (head and tail); two retries. Measured on the shared corpus
    /// (457 files: 462 requests, at most 2 per file) and on 60 MB files at 8 Mbit/s (MP4 `moov`
    /// first: 1 request, 3.2 MB; `moov` last: 2; Matroska: 1 or 2).
    fn default() -> Self {
        Self {
            block: 64 << 10,
            skip: 1 << 20,
            cache: 32 << 20,
            streams: 2,
            retries: 3,
        }
    }
}

/// Requests made and bytes received by a [`RangedSource`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RangedStats {
    /// Requests started (GETs on S3), the first one included.
    pub requests: u64,
    /// Bytes received from response bodies.
    pub bytes: u64,
    /// Time spent waiting for requests and bodies.
    pub wait: Duration,
}

/// A remote object read through a few streaming ranged requests and a block cache.
pub struct RangedSource<O> {
    opener: O,
    len: u64,
    tuning: Tuning,
    inner: Mutex<Inner>,
}

struct Inner {
    blocks: HashMap<u64, Block>,
    cached: usize,
    streams: Vec<Stream>,
    clock: u64,
    stats: RangedStats,
    failure: Option<io::Error>,
    /// Responses that broke off so far.
    breaks: u32,
}

struct Block {
    data: Vec<u8>,
    used: u64,
}

/// An open response positioned at the start of block `next`.
struct Stream {
    next: u64,
    body: Box<dyn Read + Send>,
    used: u64,
}

impl<O: RangeOpener> RangedSource<O> {
    /// Makes the first request (from offset 0), which tells the object's length.
    pub fn open(opener: O, tuning: Tuning) -> io::Result<Self> {
        let tuning = Tuning {
            block: tuning.block.max(1),
            streams: tuning.streams.max(1),
            ..tuning
        };
        let start = Instant::now();
        let first = opener.open(0)?;
        let stats = RangedStats {
            requests: 1,
            bytes: 0,
            wait: start.elapsed(),
        };
        Ok(Self {
            opener,
            len: first.total_len,
            tuning,
            inner: Mutex::new(Inner {
                blocks: HashMap::new(),
                cached: 0,
                streams: vec![Stream {
                    next: 0,
                    body: first.body,
                    used: 0,
                }],
                clock: 0,
                stats,
                failure: None,
                breaks: 0,
            }),
        })
    }

    /// Requests, bytes and waiting time so far.
    pub fn stats(&self) -> RangedStats {
        self.lock().stats
    }

    /// The first read that failed, if any (taken: a second call gives `None`). Parsers may
    /// treat a failed read as the end of the data and still report; a caller that must not
    /// answer from partial data (the Lambda) checks this after the analysis.
    pub fn take_failure(&self) -> Option<io::Error> {
        self.lock().failure.take()
    }

    /// The transport.
    pub fn opener(&self) -> &O {
        &self.opener
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while the lock was held leaves the cache consistent (blocks are inserted
        // whole), so a poisoned lock is still usable.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn block_len(&self, index: u64) -> usize {
        let start = index.saturating_mul(self.tuning.block as u64);
        self.len.saturating_sub(start).min(self.tuning.block as u64) as usize
    }

    /// Makes sure block `index` is cached, reading an open response or starting a new one.
    fn fetch(&self, inner: &mut Inner, index: u64) -> io::Result<()> {
        let skip_blocks = self.tuning.skip / self.tuning.block as u64;
        loop {
            let usable = inner
                .streams
                .iter()
                .enumerate()
                .filter(|(_, s)| s.next <= index && index - s.next <= skip_blocks)
                .max_by_key(|(_, s)| s.next)
                .map(|(i, _)| i);
            let i = match usable {
                Some(i) => i,
                None => self.start_stream(inner, index)?,
            };
            match self.advance(inner, i, index) {
                Ok(()) => return Ok(()),
                Err(e) => {
                    inner.streams.remove(i);
                    inner.breaks += 1;
                    if inner.breaks > self.tuning.retries {
                        return Err(e);
                    }
                }
            }
        }
    }

    /// Starts a request at block `index`, closing the least recently used response if too
    /// many are open; returns the new stream's position in the list.
    fn start_stream(&self, inner: &mut Inner, index: u64) -> io::Result<usize> {
        if inner.streams.len() >= self.tuning.streams
            && let Some(oldest) = (0..inner.streams.len()).min_by_key(|&i| inner.streams[i].used)
        {
            inner.streams.remove(oldest);
        }
        let start = Instant::now();
        let response = self.opener.open(index * self.tuning.block as u64);
        inner.stats.wait += start.elapsed();
        inner.stats.requests += 1;
        let response = response?;
        inner.clock += 1;
        inner.streams.push(Stream {
            next: index,
            body: response.body,
            used: inner.clock,
        });
        Ok(inner.streams.len() - 1)
    }

    /// Reads stream `i` up to and including block `index`, caching every block it passes.
    fn advance(&self, inner: &mut Inner, i: usize, index: u64) -> io::Result<()> {
        while inner.streams[i].next <= index {
            let at = inner.streams[i].next;
            let want = self.block_len(at);
            let mut data = vec![0u8; want];
            let start = Instant::now();
            let filled = read_full(&mut inner.streams[i].body, &mut data);
            inner.stats.wait += start.elapsed();
            let filled = filled?;
            inner.stats.bytes += filled as u64;
            if filled < want {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    format!(
                        "response ended at byte {} of a {}-byte object",
                        at * self.tuning.block as u64 + filled as u64,
                        self.len
                    ),
                ));
            }
            inner.clock += 1;
            let clock = inner.clock;
            let stream = &mut inner.streams[i];
            stream.next += 1;
            stream.used = clock;
            self.insert(inner, at, data);
        }
        if inner.streams[i].next * self.tuning.block as u64 >= self.len {
            inner.streams.remove(i);
        }
        Ok(())
    }

    fn insert(&self, inner: &mut Inner, index: u64, data: Vec<u8>) {
        inner.cached += data.len();
        let used = inner.clock;
        if let Some(old) = inner.blocks.insert(index, Block { data, used }) {
            inner.cached -= old.data.len();
        }
        while inner.cached > self.tuning.cache && inner.blocks.len() > 1 {
            let Some(oldest) = inner
                .blocks
                .iter()
                .filter(|(k, _)| **k != index)
                .min_by_key(|(_, b)| b.used)
                .map(|(k, _)| *k)
            else {
                break;
            };
            if let Some(b) = inner.blocks.remove(&oldest) {
                inner.cached -= b.data.len();
            }
        }
    }
}

impl<O: RangeOpener> Source for RangedSource<O> {
    fn len(&self) -> u64 {
        self.len
    }

    fn read_at(&self, offset: u64, buf: &mut [u8]) -> io::Result<usize> {
        if offset >= self.len || buf.is_empty() {
            return Ok(0);
        }
        let end = offset.saturating_add(buf.len() as u64).min(self.len);
        let block = self.tuning.block as u64;
        let mut inner = self.lock();
        let mut pos = offset;
        while pos < end {
            let index = pos / block;
            if !inner.blocks.contains_key(&index)
                && let Err(e) = self.fetch(&mut inner, index)
            {
                let copy = io::Error::new(e.kind(), e.to_string());
                inner.failure.get_or_insert(e);
                return Err(copy);
            }
            inner.clock += 1;
            let clock = inner.clock;
            let Some(b) = inner.blocks.get_mut(&index) else {
                return Err(io::Error::other("block missing after fetch"));
            };
            b.used = clock;
            let within = (pos - index * block) as usize;
            let n = (b.data.len() - within).min((end - pos) as usize);
            let at = (pos - offset) as usize;
            buf[at..at + n].copy_from_slice(&b.data[within..within + n]);
            pos += n as u64;
        }
        Ok((end - offset) as usize)
    }
}

/// Fills `buf` from `body` unless it ends first; returns the count.
fn read_full(body: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match body.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// A [`RangeOpener`] over a local [`Source`]: shows what an object would cost remotely.
pub struct SourceOpener<S> {
    source: std::sync::Arc<S>,
}

impl<S: Source + Send + Sync + 'static> SourceOpener<S> {
    pub fn new(source: S) -> Self {
        Self {
            source: std::sync::Arc::new(source),
        }
    }
}

impl<S: Source + Send + Sync + 'static> RangeOpener for SourceOpener<S> {
    fn open(&self, offset: u64) -> io::Result<Response> {
        Ok(Response {
            total_len: self.source.len(),
            body: Box::new(SourceReader {
                source: self.source.clone(),
                pos: offset,
            }),
        })
    }
}

/// A [`Source`] read sequentially from a position.
struct SourceReader<S> {
    source: std::sync::Arc<S>,
    pos: u64,
}

impl<S: Source> Read for SourceReader<S> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.source.read_at(self.pos, buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::MemorySource;
    use std::sync::atomic::{AtomicU32, Ordering};

    fn bytes(n: usize) -> Vec<u8> {
        (0..n).map(|i| (i * 7 % 251) as u8).collect()
    }

    fn source(n: usize, tuning: Tuning) -> RangedSource<SourceOpener<MemorySource<Vec<u8>>>> {
        RangedSource::open(SourceOpener::new(MemorySource::new(bytes(n))), tuning).unwrap()
    }

    fn small() -> Tuning {
        Tuning {
            block: 16,
            skip: 64,
            cache: 1 << 20,
            streams: 2,
            retries: 2,
        }
    }

    fn read(src: &dyn Source, offset: u64, len: usize) -> Vec<u8> {
        let mut buf = vec![0u8; len];
        let n = src.read_at(offset, &mut buf).unwrap();
        buf.truncate(n);
        buf
    }

    #[test]
    fn serves_the_same_bytes_as_the_object() {
        let all = bytes(1000);
        let src = source(1000, small());
        assert_eq!(src.len(), 1000);
        for (offset, len) in [(0, 5), (3, 40), (990, 50), (500, 1), (17, 983), (1000, 4)] {
            let want = &all[offset.min(1000)..(offset + len).min(1000)];
            assert_eq!(read(&src, offset as u64, len), want, "at {offset}+{len}");
        }
    }

    #[test]
    fn forward_hops_within_skip_share_one_request() {
        let src = source(10_000, small());
        for offset in (0..2000).step_by(50) {
            read(&src, offset, 5);
        }
        assert_eq!(src.stats().requests, 1);
        assert!(src.stats().bytes <= 2000 + 16);
    }

    #[test]
    fn head_then_tail_then_head_again_takes_two_requests() {
        let src = source(100_000, small());
        read(&src, 0, 8);
        read(&src, 99_000, 1000);
        read(&src, 40, 100);
        read(&src, 99_500, 10);
        assert_eq!(src.stats().requests, 2);
    }

    #[test]
    fn long_jumps_and_going_back_start_new_requests() {
        let src = source(100_000, small());
        read(&src, 0, 8);
        read(&src, 50_000, 8);
        read(&src, 20_000, 8);
        assert_eq!(src.stats().requests, 3);
        // Cached blocks cost nothing.
        read(&src, 0, 16);
        read(&src, 50_000, 16);
        assert_eq!(src.stats().requests, 3);
    }

    #[test]
    fn the_cache_stays_bounded() {
        let tuning = Tuning {
            cache: 64,
            ..small()
        };
        let src = source(10_000, tuning);
        let all = bytes(10_000);
        assert_eq!(read(&src, 0, 10_000), all);
        assert!(src.lock().cached <= 64);
        assert_eq!(read(&src, 5000, 100), &all[5000..5100]);
    }

    #[test]
    fn an_empty_object_reads_nothing() {
        let src = source(0, small());
        assert_eq!(src.len(), 0);
        assert!(read(&src, 0, 10).is_empty());
        assert_eq!(src.stats().requests, 1);
    }

    /// Bodies that break off after `limit` bytes, `breaks` times.
    struct Flaky {
        all: std::sync::Arc<Vec<u8>>,
        breaks: AtomicU32,
    }

    struct Cut {
        all: std::sync::Arc<Vec<u8>>,
        pos: usize,
        limit: usize,
    }

    impl Read for Cut {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.limit == 0 {
                return Err(io::Error::new(io::ErrorKind::ConnectionReset, "reset"));
            }
            let n = buf.len().min(self.limit).min(self.all.len() - self.pos);
            buf[..n].copy_from_slice(&self.all[self.pos..self.pos + n]);
            self.pos += n;
            self.limit -= n;
            Ok(n)
        }
    }

    impl RangeOpener for Flaky {
        fn open(&self, offset: u64) -> io::Result<Response> {
            let broken = self
                .breaks
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |b| b.checked_sub(1))
                .is_ok();
            Ok(Response {
                total_len: self.all.len() as u64,
                body: Box::new(Cut {
                    all: self.all.clone(),
                    pos: offset as usize,
                    limit: if broken { 20 } else { usize::MAX },
                }),
            })
        }
    }

    #[test]
    fn a_broken_response_is_resumed_with_a_new_request() {
        let all = std::sync::Arc::new(bytes(1000));
        let flaky = |breaks| Flaky {
            all: all.clone(),
            breaks: AtomicU32::new(breaks),
        };
        let src = RangedSource::open(flaky(2), small()).unwrap();
        assert_eq!(read(&src, 0, 1000), *all);
        assert_eq!(src.stats().requests, 3);

        let src = RangedSource::open(flaky(10), small()).unwrap();
        let mut buf = [0u8; 100];
        let err = src.read_at(0, &mut buf).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::ConnectionReset);
        let first = src.take_failure().unwrap();
        assert_eq!(first.kind(), io::ErrorKind::ConnectionReset);
        assert!(src.take_failure().is_none());
    }
}
