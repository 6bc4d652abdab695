//! MPEG-4 descriptors: inside `esds` the decoder configuration and its specific info, inside
//! `iods` the profile levels of the initial object descriptor.

use crate::bytes::ByteReader;

/// What `esds` says about an elementary stream.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EsDescriptor {
    pub es_id: u16,
    /// `objectTypeIndication` (0x40 = MPEG-4 Audio, 0x21 = AVC, 0x6B = MP3…).
    pub object_type: u8,
    pub stream_type: u8,
    pub buffer_size: u32,
    pub max_bitrate: u32,
    pub avg_bitrate: u32,
    /// DecoderSpecificInfo (e.g. the AudioSpecificConfig).
    pub specific_info: Vec<u8>,
}

/// Parses an `esds` full-box payload.
pub fn parse(esds: &[u8]) -> Option<EsDescriptor> {
    let mut r = ByteReader::new(esds);
    r.version_flags()?;
    let (tag, body) = descriptor(&mut r)?;
    let mut d = EsDescriptor::default();
    if tag == 0x03 {
        parse_es(body, &mut d)?;
    } else if tag == 0x04 {
        parse_decoder_config(body, &mut d)?;
    } else {
        return None;
    }
    Some(d)
}

fn parse_es(body: &[u8], d: &mut EsDescriptor) -> Option<()> {
    let mut r = ByteReader::new(body);
    d.es_id = r.u16()?;
    let flags = r.u8()?;
    if flags & 0x80 != 0 {
        r.skip(2)?;
    }
    if flags & 0x40 != 0 {
        let len = r.u8()?;
        r.skip(usize::from(len))?;
    }
    if flags & 0x20 != 0 {
        r.skip(2)?;
    }
    while r.remaining() > 0 {
        let (tag, inner) = descriptor(&mut r)?;
        if tag == 0x04 {
            parse_decoder_config(inner, d)?;
        }
    }
    Some(())
}

fn parse_decoder_config(body: &[u8], d: &mut EsDescriptor) -> Option<()> {
    let mut r = ByteReader::new(body);
    d.object_type = r.u8()?;
    d.stream_type = r.u8()? >> 2;
    d.buffer_size = r.u24()?;
    d.max_bitrate = r.u32()?;
    d.avg_bitrate = r.u32()?;
    while r.remaining() > 0 {
        let Some((tag, inner)) = descriptor(&mut r) else {
            break;
        };
        if tag == 0x05 {
            d.specific_info = inner.to_vec();
            break;
        }
    }
    Some(())
}

/// The one profile level an `iods` names, bound to a track (MediaInfo's `ES_ID_Infos`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IodProfile {
    /// The track its first `ES_ID_Inc` names (`u32::MAX` when none does).
    pub track_id: u32,
    /// Whether it is the audio profile level (else the visual one).
    pub audio: bool,
    /// The profile level indication.
    pub level: u8,
}

/// Parses an `iods` full-box payload. MediaInfo keeps a profile only from an MP4_IOD (tag
/// 0x10) whose five profile levels are all "none" (0xFF) but one, the audio or the visual.
pub fn parse_iods(iods: &[u8]) -> Option<IodProfile> {
    let mut r = ByteReader::new(iods);
    r.version_flags()?;
    let (tag, body) = descriptor(&mut r)?;
    if tag != 0x10 {
        return None;
    }
    let mut r = ByteReader::new(body);
    let flags = r.u16()?;
    if flags & 0x20 != 0 {
        // URL_Flag: a URL instead of profile levels.
        return None;
    }
    let levels = r.bytes(5)?;
    let mut named = levels.iter().enumerate().filter(|(_, l)| **l != 0xFF);
    let (index, &level) = named.next()?;
    if named.next().is_some() || !(index == 2 || index == 3) {
        return None;
    }
    let mut track_id = u32::MAX;
    while r.remaining() > 0 {
        let Some((tag, inner)) = descriptor(&mut r) else {
            break;
        };
        if tag == 0x0E
            && let Some(id) = ByteReader::new(inner).u32()
            && id != u32::MAX
        {
            track_id = id;
            break;
        }
    }
    Some(IodProfile {
        track_id,
        audio: index == 2,
        level,
    })
}

/// Reads a descriptor tag and its body; the length (7 bits a byte, up to 4 bytes) is cut to
/// the bytes present.
fn descriptor<'a>(r: &mut ByteReader<'a>) -> Option<(u8, &'a [u8])> {
    let tag = r.u8()?;
    let mut len = 0usize;
    for _ in 0..4 {
        let b = r.u8()?;
        len = (len << 7) | usize::from(b & 0x7F);
        if b & 0x80 == 0 {
            break;
        }
    }
    let len = len.min(r.remaining());
    Some((tag, r.bytes(len)?))
}

#[cfg(test)]
mod tests {
    #[test]
    fn parses_iods_audio_profile() {
        // MP4_IOD, audio profile level 1 only, ES_ID_Inc of track 1 (fate-suite al04_44).
        let iods = [
            0, 0, 0, 0, 0x10, 0x80, 0x80, 0x80, 0x10, 0x00, 0x4F, 0xFF, 0xFF, 0x01, 0xFF, 0xFF,
            0x0E, 0x80, 0x80, 0x80, 0x04, 0, 0, 0, 1,
        ];
        let p = super::parse_iods(&iods).unwrap();
        assert_eq!((p.track_id, p.audio, p.level), (1, true, 1));
        // ffmpeg's: audio and visual both "unspecified" (0xFE): two levels, nothing kept.
        let two = [
            0, 0, 0, 0, 0x10, 7, 0x00, 0x4F, 0xFF, 0xFF, 0xFE, 0xFE, 0xFF,
        ];
        assert_eq!(super::parse_iods(&two), None);
    }

    #[test]
    fn parses_aac_esds() {
        let esds = [
            0, 0, 0, 0, 0x03, 0x19, 0x00, 0x02, 0x00, 0x04, 0x11, 0x40, 0x15, 0x00, 0x00, 0x00,
            0x00, 0x01, 0x77, 0x00, 0x00, 0x01, 0x77, 0x00, 0x05, 0x02, 0x12, 0x10, 0x06, 0x01,
            0x02,
        ];
        let d = super::parse(&esds).unwrap();
        assert_eq!(d.object_type, 0x40);
        assert_eq!(d.max_bitrate, 0x0001_7700);
        assert_eq!(d.specific_info, vec![0x12, 0x10]);
    }
}
