#![no_main]
//! See `mediainfo_rs::fuzzing::flac_streaminfo`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| mediainfo_rs::fuzzing::flac_streaminfo(data));
