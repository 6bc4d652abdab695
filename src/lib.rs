//! mediainfo-rs: a pure-Rust reader of media metadata that reports what MediaInfo 24.12 reports.

pub mod bits;
pub mod bytes;
pub mod container;
pub mod codec;
pub mod error;
pub mod report;
pub mod source;

pub use error::{Error, Result};
