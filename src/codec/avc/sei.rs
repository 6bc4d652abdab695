//! Supplemental enhancement information: the encoder's user data and picture timing.

use super::sps::Sps;
use crate::bits::BitReader;

/// SEI messages the report uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    /// user_data_unregistered from an encoder that writes text (x264, eavc).
    UserData(String),
    /// pic_timing's `pic_struct`.
    PicStruct(u8),
    /// ATSC A/53 captions (user_data_registered_itu_t_t35, `GA94`, type 3).
    Captions,
}

/// x264's and eavc's user-data UUIDs (first 8 bytes).
const TEXT_UUIDS: [[u8; 8]; 2] = [
    [0xDC, 0x45, 0xE9, 0xBD, 0xE6, 0xD9, 0x48, 0xB7],
    [0xFB, 0x57, 0x4A, 0x60, 0xAC, 0x92, 0x4E, 0x68],
];

/// Parses the messages of an SEI RBSP (emulation prevention already removed).
pub fn parse(rbsp: &[u8], sps: Option<&Sps>) -> Vec<Message> {
    let mut out = Vec::new();
    let mut pos = 0usize;
    while pos < rbsp.len() && out.len() < 64 {
        let mut kind = 0usize;
        while let Some(&b) = rbsp.get(pos) {
            pos += 1;
            kind += usize::from(b);
            if b != 0xFF {
                break;
            }
        }
        let mut size = 0usize;
        while let Some(&b) = rbsp.get(pos) {
            pos += 1;
            size += usize::from(b);
            if b != 0xFF {
                break;
            }
        }
        let Some(payload) = rbsp.get(pos..pos.saturating_add(size)) else {
            break;
        };
        pos += size;
        match kind {
            5 if payload.len() >= 16 && TEXT_UUIDS.iter().any(|u| payload.starts_with(u)) => {
                let text = &payload[16..];
                let text = text.strip_suffix(&[0]).unwrap_or(text);
                if let Ok(t) = std::str::from_utf8(text) {
                    out.push(Message::UserData(t.to_string()));
                }
            }
            4 if payload.len() > 7
                && payload[0] == 0xB5
                && payload[1..3] == [0x00, 0x31]
                && &payload[3..7] == b"GA94"
                && payload[7] == 3 =>
            {
                out.push(Message::Captions);
            }
            1 => {
                if let Some(p) = sps.and_then(|s| pic_struct(payload, s)) {
                    out.push(Message::PicStruct(p));
                }
            }
            _ => {}
        }
        if rbsp.get(pos) == Some(&0x80) && pos + 1 == rbsp.len() {
            break;
        }
    }
    out
}

fn pic_struct(payload: &[u8], sps: &Sps) -> Option<u8> {
    let vui = sps.vui.as_ref()?;
    if !vui.pic_struct_present {
        return None;
    }
    let hrd = vui.nal_hrd.as_ref().or(vui.vcl_hrd.as_ref());
    let mut r = BitReader::new(payload);
    if let Some(h) = hrd {
        r.skip(h.cpb_removal_delay_length as usize)?;
        r.skip(h.dpb_output_delay_length as usize)?;
    }
    r.u8(4)
}
