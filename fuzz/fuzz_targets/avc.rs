#![no_main]
//! See `mediainfo_rs::fuzzing::avc_nals`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::avc_nals(data));
