//! H.264/AVC: SPS, PPS, SEI and slice headers.
