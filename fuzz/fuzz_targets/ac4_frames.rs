#![no_main]
//! See `mediainfo_rs::fuzzing::ac4_frames`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::ac4_frames(data));
