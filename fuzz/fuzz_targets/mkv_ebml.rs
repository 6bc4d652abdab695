#![no_main]
//! See `mediainfo_rs::fuzzing::mkv_ebml`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::mkv_ebml(data));
