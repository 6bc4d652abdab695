#![no_main]
//! See `mediainfo_rs::fuzzing::analyze`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::analyze(data));
