//! Raw ADTS files (`.aac`): a run of ADTS frames, each an AAC raw data block behind a 7- or
//! 9-byte header. MediaInfo (File_Aac, ADTS mode) takes the configuration from the first
//! header and reads up to 128 frames for implicit SBR and PS.

use crate::Result;
use crate::codec::aac::{AacInfo, AacParser, AdtsHeader, FRAMES_TO_PARSE};
use crate::source::{Source, read_up_to};

/// samplingFrequencyIndex values MediaInfo's synchronisation accepts.
const SAMPLING_INDICES: u8 = 13;

/// What an ADTS file says.
#[derive(Clone, Debug)]
pub struct AdtsFile {
    /// The first frame's header: the stream's format version, object type, rate, channels.
    pub first: AdtsHeader,
    /// The AAC facts after the frames read.
    pub aac: Option<AacInfo>,
    /// Frames read.
    pub frames: u64,
    /// Whether the frames read reach the end of the file (MediaInfo then knows the count).
    pub whole_file: bool,
    /// The file's size (the audio stream's size: no tags are read).
    pub size: u64,
}

/// Whether `head` starts with an ADTS header with a valid sampling rate index.
fn header_at(head: &[u8]) -> Option<AdtsHeader> {
    let h = AdtsHeader::parse(head)?;
    // MediaInfo's sync: 0xFFF, layer 0, a known rate, a frame longer than its header.
    let layer_zero = head.get(1).is_some_and(|b| b & 0x06 == 0);
    (layer_zero && h.sampling_frequency_index < SAMPLING_INDICES && h.frame_length > 7).then_some(h)
}

/// Whether the file starts with ADTS frames: the first header, and up to three more chained
/// behind it (or the end of the file), as MediaInfo checks before it accepts ADTS.
pub fn probe(src: &dyn Source) -> Result<bool> {
    let len = src.len();
    let mut offset = 0u64;
    for _ in 0..3 {
        let head = read_up_to(src, offset, AdtsHeader::SIZE)?;
        let Some(h) = header_at(&head) else {
            return Ok(false);
        };
        offset += u64::from(h.frame_length);
        if offset == len {
            return Ok(true);
        }
        if offset > len {
            return Ok(false);
        }
    }
    read_up_to(src, offset, AdtsHeader::SIZE).map(|h| header_at(&h).is_some())
}

/// Reads the frames MediaInfo reads. `None` when the file does not start with an ADTS header.
pub fn read(src: &dyn Source) -> Result<Option<AdtsFile>> {
    let len = src.len();
    let head = read_up_to(src, 0, AdtsHeader::SIZE)?;
    let Some(first) = header_at(&head) else {
        return Ok(None);
    };
    let mut parser = AacParser::from_config(Some(first.audio_specific_config()));
    let mut offset = 0u64;
    let mut frames = 0u64;
    while frames < FRAMES_TO_PARSE && offset < len {
        // The 13-bit frame length bounds each read to 8191 bytes.
        let head = read_up_to(src, offset, AdtsHeader::SIZE)?;
        let Some(h) = header_at(&head) else { break };
        let frame_len = u64::from(h.frame_length);
        if offset + frame_len > len {
            break;
        }
        let frame = read_up_to(src, offset, usize::from(h.frame_length))?;
        if let Some(payload) = frame.get(h.payload_offset()..) {
            parser.push_frame(payload);
        }
        frames += 1;
        offset += frame_len;
    }
    Ok(Some(AdtsFile {
        first,
        aac: parser.info(),
        frames,
        whole_file: offset == len,
        size: len,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::MemorySource;

    /// A 16-byte ADTS frame: MPEG-4, LC, 44100 Hz, mono, no CRC, VBR, an empty payload.
    fn frame() -> Vec<u8> {
        let mut f = vec![0xFF, 0xF1, 0x50, 0x40, 0x02, 0x1F, 0xFC];
        f.resize(16, 0);
        f
    }

    #[test]
    fn reads_chained_frames_to_the_end() {
        let data: Vec<u8> = (0..5).flat_map(|_| frame()).collect();
        assert!(probe(&MemorySource::new(&data)).unwrap());
        let file = read(&MemorySource::new(&data)).unwrap().unwrap();
        assert_eq!(file.frames, 5);
        assert!(file.whole_file);
        assert_eq!(file.first.channel_configuration, 1);
    }

    #[test]
    fn rejects_broken_chains_and_other_bytes() {
        let mut data = frame();
        data.extend_from_slice(&[0u8; 20]);
        assert!(!probe(&MemorySource::new(&data)).unwrap());
        assert!(!probe(&MemorySource::new([0xFFu8, 0xF1])).unwrap());
        assert!(read(&MemorySource::new([1u8, 2, 3])).unwrap().is_none());
    }
}
