#![no_main]
//! See `mediainfo_rs::fuzzing::emdf_container`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::emdf_container(data));
