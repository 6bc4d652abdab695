//! File_Mk's "copy of vids/auds": what a `V_MS/VFW/FOURCC` or `A_MS/ACM` track's Windows
//! header fills, and the RIFF codec ID MediaInfo then picks the track's parser by.

use crate::container::mkv::TrackEntry;
use crate::container::mkv::vfw::{BitmapInfoHeader, WaveFormatEx};
use crate::report::Stream;
use crate::report::db::{self, CodecIdTable};

/// The table and codec ID MediaInfo picks a track's parser by: the header's code for a VfW or
/// ACM track whose header it read, else the Matroska codec ID.
pub fn codec_key(t: &TrackEntry) -> Option<(CodecIdTable, String)> {
    use crate::container::mkv::TrackKind;
    let id = t.codec_id.as_deref()?;
    let private = t.codec_private.as_deref().unwrap_or(&[]);
    let kind = t.kind?;
    match (kind, id) {
        (TrackKind::Video, "V_MS/VFW/FOURCC") => {
            let h = BitmapInfoHeader::parse(private).filter(BitmapInfoHeader::has_fourcc)?;
            Some((CodecIdTable::VideoRiff, h.fourcc()))
        }
        (TrackKind::Audio, "A_MS/ACM") => {
            let w = WaveFormatEx::parse(private)?;
            Some((CodecIdTable::AudioRiff, format!("{:X}", w.format_tag)))
        }
        (TrackKind::Video, _) => Some((CodecIdTable::VideoMatroska, id.to_string())),
        (TrackKind::Audio, _) => Some((CodecIdTable::AudioMatroska, id.to_string())),
        (TrackKind::Text, _) => Some((CodecIdTable::TextMatroska, id.to_string())),
    }
}

/// The header's fields (File_Mk's `Segment_Tracks_TrackEntry_CodecPrivate_vids`/`_auds`).
pub fn fill_header(s: &mut Stream, t: &TrackEntry) {
    let private = t.codec_private.as_deref().unwrap_or(&[]);
    match t.codec_id.as_deref() {
        Some("V_MS/VFW/FOURCC") if s.kind() == crate::report::StreamKind::Video => {
            if let Some(h) = BitmapInfoHeader::parse(private).filter(BitmapInfoHeader::has_fourcc) {
                fill_vids(s, &h);
            }
        }
        Some("A_MS/ACM") if s.kind() == crate::report::StreamKind::Audio => {
            if let Some(w) = WaveFormatEx::parse(private) {
                fill_auds(s, &w);
            }
        }
        _ => {}
    }
}

fn fill_vids(s: &mut Stream, h: &BitmapInfoHeader) {
    let fourcc = h.fourcc();
    if h.compression == 0 {
        s.set("Format", "RGB");
    } else {
        super::fill_codec_id(s, &fourcc, CodecIdTable::VideoRiff);
    }
    s.set("Width", h.width.to_string());
    s.set("Height", h.height.to_string());
    let info = db::codec_id(CodecIdTable::VideoRiff, &fourcc);
    let color_space = info.as_ref().and_then(|i| i.color_space).unwrap_or("");
    let format = info.as_ref().and_then(|i| i.format).unwrap_or("");
    let bits = u32::from(h.bit_count);
    let depth = match &*fourcc {
        "tscc" if bits == 32 => Some(8),
        "DIV3" => Some(8),
        "DXSB" => Some(bits),
        _ if bits > 16 && color_space.contains("RGBA") => Some(bits / 4),
        _ if h.compression == 0 || color_space.contains("RGB") => {
            if bits == 32 {
                s.set("Format", "RGBA");
                Some(bits / 4)
            } else {
                Some(if bits <= 16 { 8 } else { bits / 3 })
            }
        }
        "VP62" => Some(bits / 3),
        _ if format == "H.263" || format == "VC-1" => Some(bits / 3),
        _ => None,
    };
    if let Some(d) = depth {
        s.set("BitDepth", d.to_string());
    }
}

fn fill_auds(s: &mut Stream, w: &WaveFormatEx) {
    let tag = format!("{:X}", w.format_tag);
    super::fill_codec_id(s, &tag, CodecIdTable::AudioRiff);
    let channels = if w.channels == 5 { 6 } else { w.channels };
    s.set("Channel(s)", channels.to_string());
    s.set("SamplingRate", w.samples_per_sec.to_string());
    s.set("BitRate", (u64::from(w.avg_bytes_per_sec) * 8).to_string());
    if w.bits_per_sample != 0 {
        // Not a replacement: a depth from the Audio element stays, joined.
        let depth = match s.get("BitDepth") {
            Some(old) => format!("{old} / {}", w.bits_per_sample),
            None => w.bits_per_sample.to_string(),
        };
        s.set("BitDepth", depth);
    }
    if let Some(e) = &w.extensible {
        let legacy = e.legacy_tag();
        let sub = match legacy {
            Some(l) => format!("{l:X}"),
            None => e.guid_text(),
        };
        super::fill_codec_id(s, &sub, CodecIdTable::AudioRiff);
        if legacy.is_some() {
            // The GUID replaces the codec ID the legacy code filled.
            s.set("CodecID", format!("A_MS/ACM / {}", e.guid_text()));
        }
        let mask = e.channel_mask;
        s.set("ChannelPositions", crate::report::channels::positions(mask));
        s.set(
            "ChannelPositions/String2",
            crate::report::channels::positions2(mask),
        );
        s.set("ChannelLayout", crate::report::channels::layout(mask));
    }
}
