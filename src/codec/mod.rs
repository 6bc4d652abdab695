//! Codec configuration parsers: pure functions of bytes, no I/O.

pub mod aac;
pub mod ac3;
pub mod ac4;
pub mod av1;
pub mod avc;
pub mod dolby_vision;
pub mod dts;
pub mod eac3;
pub mod eia608;
pub mod emdf;
pub mod ffv1;
pub mod flac;
pub mod h263;
pub mod hdr10plus;
pub mod hevc;
pub mod icc;
pub mod jpeg;
pub mod mpeg4v;
pub mod mpega;
pub mod opus;
pub mod prores;
pub mod vc1;
pub mod vc3;
pub mod vorbis;
pub mod vp9;
