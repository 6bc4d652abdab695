#![no_main]
//! See `mediainfo_rs::fuzzing::hevc_nals`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::hevc_nals(data));
