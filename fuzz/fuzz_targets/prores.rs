#![no_main]
//! See `mediainfo_rs::fuzzing::prores_frame`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::prores_frame(data));
