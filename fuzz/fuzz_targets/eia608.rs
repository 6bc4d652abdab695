#![no_main]
//! See `mediainfo_rs::fuzzing::eia608_sample`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::eia608_sample(data));
