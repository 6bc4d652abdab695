//! The report: MediaInfo's streams of named fields, and the rules that fill them.

pub mod finish;
pub mod stream;

pub use stream::{Field, Stream, StreamKind};
