#![no_main]
//! See `mediainfo_rs::fuzzing::vorbis_headers`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::vorbis_headers(data));
