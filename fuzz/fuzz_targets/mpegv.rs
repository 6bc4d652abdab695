#![no_main]
//! See `mediainfo_rs::fuzzing::mpegv_blocks`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::mpegv_blocks(data));
