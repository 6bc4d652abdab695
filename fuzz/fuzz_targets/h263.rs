#![no_main]
//! See `mediainfo_rs::fuzzing::h263_frames`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::h263_frames(data));
