#![no_main]
//! See `mediainfo_rs::fuzzing::mpega_stream`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::mpega_stream(data));
