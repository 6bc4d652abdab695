//! Codec configuration parsers: pure functions of bytes, no I/O.

pub mod aac;
pub mod ac3;
pub mod av1;
pub mod avc;
pub mod flac;
pub mod h263;
pub mod hevc;
pub mod opus;
pub mod vorbis;
pub mod vp9;
