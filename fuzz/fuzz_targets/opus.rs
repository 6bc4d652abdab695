#![no_main]
//! See `mediainfo_rs::fuzzing::opus_head`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::opus_head(data));
