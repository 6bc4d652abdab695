#![no_main]
//! See `mediainfo_rs::fuzzing::vc3_frame`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::vc3_frame(data));
