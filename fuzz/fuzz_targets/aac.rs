#![no_main]
//! See `mediainfo_rs::fuzzing::aac_stream`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::aac_stream(data));
