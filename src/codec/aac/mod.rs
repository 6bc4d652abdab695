//! AAC: AudioSpecificConfig, program_config_element, ADTS and raw frames (SBR/PS detection).
