#![no_main]
//! See `mediainfo_rs::fuzzing::eac3_frames`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::eac3_frames(data));
