#![no_main]
//! See `mediainfo_rs::fuzzing::dolby_vision_config`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::dolby_vision_config(data));
