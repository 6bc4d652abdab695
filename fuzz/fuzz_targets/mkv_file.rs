#![no_main]
//! See `mediainfo_rs::fuzzing::mkv_file`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::mkv_file(data));
