#![no_main]
//! See `mediainfo_rs::fuzzing::mpegh_config`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::mpegh_config(data));
