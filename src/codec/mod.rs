//! Codec configuration parsers: pure functions of bytes, no I/O.

pub mod aac;
pub mod avc;
pub mod opus;
