//! Container parsers: they walk a file's structure and hand codec data to `codec`.

pub mod adts;
pub mod mkv;
pub mod mp4;

/// What a file's first bytes say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// ISO base media file format: MP4, MOV, M4A, 3GP, fragments.
    Mp4,
    /// EBML: Matroska or WebM.
    Matroska,
    /// Nothing we read.
    Unknown,
}

/// Guesses the container from the first bytes of a file.
pub fn probe(head: &[u8]) -> Kind {
    if head.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
        return Kind::Matroska;
    }
    if mp4::probe(head) {
        return Kind::Mp4;
    }
    Kind::Unknown
}
