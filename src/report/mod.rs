//! The report: MediaInfo's streams of named fields, and the rules that fill them.

pub mod identity;
pub mod stream;
pub mod strings;

pub use stream::{Field, Stream, StreamKind};
