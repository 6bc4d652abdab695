//! mediainfo-rs: a pure-Rust reader of media metadata that reports what MediaInfo 24.12 reports.
//!
//! ```no_run
//! let report = mediainfo_rs::analyze_path("movie.mp4").unwrap();
//! for stream in &report.streams {
//!     println!("{} {:?}", stream.kind().name(), stream.get("Format"));
//! }
//! ```

pub mod bits;
pub mod bytes;
pub mod codec;
pub mod container;
pub mod error;
pub mod fuzzing;
pub mod render;
pub mod report;
pub mod source;

pub use error::{Error, Result};
pub use report::{Stream, StreamKind};

use source::{FileSource, Source, read_up_to};
use std::path::Path;

/// What an analysis found: MediaInfo's streams, General first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub streams: Vec<Stream>,
}

impl Report {
    /// The General stream.
    pub fn general(&self) -> Option<&Stream> {
        self.streams.first()
    }
}

/// Analyzes the bytes of `src`. `name` is the file's name as the caller gave it (MediaInfo
/// reports it as `CompleteName` and derives the folder and extension fields from it).
pub fn analyze(src: &dyn Source, name: &str) -> Result<Report> {
    let head = read_up_to(src, 0, 64)?;
    let mut streams = match container::probe(&head) {
        container::Kind::Mp4 => {
            let file = container::mp4::Mp4File::read(src)?;
            if file.accepted() {
                report::mp4::streams(&file, src)
            } else {
                unknown(src)
            }
        }
        container::Kind::Matroska => matroska(src, 0)?.unwrap_or_else(|| unknown(src)),
        container::Kind::Unknown => match container::mkv::find_ebml(src)? {
            // MediaInfo finds an EBML header after leading junk too.
            Some(at) => matroska(src, at)?.unwrap_or_else(|| unknown(src)),
            None => adts(src)?.unwrap_or_else(|| unknown(src)),
        },
    };
    report::complete(&mut streams, name);
    Ok(Report { streams })
}

/// A file MediaInfo does not recognise: a General stream with its size.
fn unknown(src: &dyn Source) -> Vec<Stream> {
    let mut g = Stream::new(StreamKind::General);
    g.set("FileSize", src.len().to_string());
    vec![g]
}

/// A Matroska or WebM file whose EBML header starts at `start` (`None`: another EBML type).
fn matroska(src: &dyn Source, start: u64) -> Result<Option<Vec<Stream>>> {
    let mut codecs = report::mkv::Codecs::default();
    let Some(file) = container::mkv::MkvFile::read(src, start, &mut codecs)? else {
        return Ok(None);
    };
    Ok(Some(report::mkv::streams(&file, codecs)))
}

/// A raw ADTS (AAC) file, when the file starts with chained ADTS frames.
fn adts(src: &dyn Source) -> Result<Option<Vec<Stream>>> {
    if !container::adts::probe(src)? {
        return Ok(None);
    }
    Ok(container::adts::read(src)?.map(|f| report::adts::streams(&f)))
}

/// Analyzes a local file, adding its modification date as MediaInfo does.
pub fn analyze_path(path: impl AsRef<Path>) -> Result<Report> {
    let path = path.as_ref();
    let src = FileSource::open(path)?;
    let mut report = analyze(&src, &path.to_string_lossy())?;
    if let Some(modified) = src.modified()
        && let Some(g) = report.streams.first_mut()
    {
        report::add_file_dates(g, modified);
    }
    Ok(report)
}
