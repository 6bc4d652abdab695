#![no_main]
//! See `mediainfo_rs::fuzzing::hdr10plus_t35`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::hdr10plus_t35(data));
