#![no_main]
//! See `mediainfo_rs::fuzzing::ac4_dsi`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::ac4_dsi(data));
