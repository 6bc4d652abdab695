#![no_main]
//! See `mediainfo_rs::fuzzing::mpeg4v_blocks`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::mpeg4v_blocks(data));
