#![no_main]
//! See `mediainfo_rs::fuzzing::jpeg_headers`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::jpeg_headers(data));
