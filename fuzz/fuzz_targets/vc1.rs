#![no_main]
//! See `mediainfo_rs::fuzzing::vc1_sequence`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::vc1_sequence(data));
