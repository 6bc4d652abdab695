//! `avcC`: the AVCDecoderConfigurationRecord.

use crate::bytes::ByteReader;

/// The record's fields and parameter sets (each a whole NAL unit).
#[derive(Clone, Debug, Default)]
pub struct AvcConfig {
    pub profile: u8,
    pub compatibility: u8,
    pub level: u8,
    pub length_size: u8,
    pub sps: Vec<Vec<u8>>,
    pub pps: Vec<Vec<u8>>,
}

impl AvcConfig {
    pub fn parse(data: &[u8]) -> Option<AvcConfig> {
        let mut r = ByteReader::new(data);
        let _version = r.u8()?;
        let mut c = AvcConfig {
            profile: r.u8()?,
            compatibility: r.u8()?,
            level: r.u8()?,
            length_size: (r.u8()? & 3) + 1,
            ..Default::default()
        };
        let count = r.u8()? & 0x1F;
        for _ in 0..count {
            let len = usize::from(r.u16()?);
            c.sps.push(r.bytes(len)?.to_vec());
        }
        let count = r.u8().unwrap_or(0);
        for _ in 0..count {
            let Some(len) = r.u16() else { break };
            let Some(b) = r.bytes(usize::from(len)) else {
                break;
            };
            c.pps.push(b.to_vec());
        }
        Some(c)
    }
}
