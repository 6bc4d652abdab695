#![no_main]
//! See `mediainfo_rs::fuzzing::av1_config`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::av1_config(data));
