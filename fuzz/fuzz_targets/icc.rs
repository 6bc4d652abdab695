#![no_main]
//! See `mediainfo_rs::fuzzing::icc_profile`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::icc_profile(data));
