#![no_main]
//! See `mediainfo_rs::fuzzing::mp4_items`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::mp4_items(data));
