//! ADTS frame header (ISO/IEC 13818-7 / 14496-3 1.A.2.2): the 7-byte header (9 with CRC)
//! in front of each AAC frame in raw `.aac` files and some Matroska/MPEG-TS streams.

use super::{AudioSpecificConfig, sampling_frequency};
use crate::bits::BitReader;

/// A parsed `adts_fixed_header` + `adts_variable_header`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AdtsHeader {
    /// `ID`: true for MPEG-2 ("Version 2"), false for MPEG-4 ("Version 4").
    pub mpeg2: bool,
    pub protection_absent: bool,
    /// `profile_ObjectType` + 1: an audio object type (1 = Main, 2 = LC, 3 = SSR, 4 = LTP).
    pub audio_object_type: u8,
    pub sampling_frequency_index: u8,
    pub channel_configuration: u8,
    /// Whole frame length in bytes, header included.
    pub frame_length: u16,
    /// 0x7FF means variable bitrate.
    pub buffer_fullness: u16,
    /// Raw data blocks in the frame, minus one.
    pub num_raw_data_blocks: u8,
}

impl AdtsHeader {
    /// Header size without CRC.
    pub const SIZE: usize = 7;

    /// Parses the header at the start of `data`; `None` without the 0xFFF sync word or
    /// when fewer than 7 bytes are given.
    pub fn parse(data: &[u8]) -> Option<Self> {
        let mut r = BitReader::new(data.get(..Self::SIZE)?);
        if r.u32(12)? != 0xFFF {
            return None;
        }
        let mpeg2 = r.bit()?;
        r.skip(2)?; // layer
        let protection_absent = r.bit()?;
        let audio_object_type = r.u8(2)? + 1;
        let sampling_frequency_index = r.u8(4)?;
        r.skip(1)?; // private_bit
        let channel_configuration = r.u8(3)?;
        r.skip(4)?; // original_copy, home, copyright_id_bit, copyright_id_start
        let frame_length = r.u32(13)? as u16;
        let buffer_fullness = r.u32(11)? as u16;
        let num_raw_data_blocks = r.u8(2)?;
        Some(Self {
            mpeg2,
            protection_absent,
            audio_object_type,
            sampling_frequency_index,
            channel_configuration,
            frame_length,
            buffer_fullness,
            num_raw_data_blocks,
        })
    }

    /// Bytes before the first raw data block: 7, plus 2 for the CRC when present.
    pub fn header_len(&self) -> usize {
        if self.protection_absent { 7 } else { 9 }
    }

    /// Whether the stream declares a variable bitrate (`adts_buffer_fullness` 0x7FF).
    pub fn is_vbr(&self) -> bool {
        self.buffer_fullness == 0x7FF
    }

    /// The configuration the fixed header stands for, as MediaInfo takes it for the frames:
    /// 1024-sample frames, nothing signalled about SBR or PS.
    pub fn audio_specific_config(&self) -> AudioSpecificConfig {
        AudioSpecificConfig::plain(
            self.audio_object_type,
            self.sampling_frequency_index,
            sampling_frequency(self.sampling_frequency_index),
            self.channel_configuration,
        )
    }

    /// The bytes of the first raw data block: after the header, its CRC and, with several
    /// blocks, the block positions.
    pub fn payload_offset(&self) -> usize {
        if self.num_raw_data_blocks == 0 {
            self.header_len()
        } else if self.protection_absent {
            Self::SIZE + 2
        } else {
            Self::SIZE + 2 * usize::from(self.num_raw_data_blocks) + 2
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lc_stereo_header() {
        // MPEG-4, no CRC, LC, 44100 Hz, 2 channels, 371 bytes, VBR, 1 block.
        let h = AdtsHeader::parse(&[0xFF, 0xF1, 0x50, 0x80, 0x2E, 0x7F, 0xFC]).unwrap();
        assert!(!h.mpeg2);
        assert!(h.protection_absent);
        assert_eq!(h.audio_object_type, 2);
        assert_eq!(h.sampling_frequency_index, 4);
        assert_eq!(h.channel_configuration, 2);
        assert_eq!(h.frame_length, 371);
        assert!(h.is_vbr());
        assert_eq!(h.num_raw_data_blocks, 0);
        assert_eq!(h.header_len(), 7);
    }

    #[test]
    fn rejects_bad_sync_and_short_input() {
        assert!(AdtsHeader::parse(&[0xFF, 0xE1, 0x50, 0x80, 0x2E, 0x7F, 0xFC]).is_none());
        assert!(AdtsHeader::parse(&[0xFF, 0xF1]).is_none());
    }
}
