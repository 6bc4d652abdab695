//! HEIF / AVIF items → Image streams, as File_Mpeg4 makes them.
//!
//! MediaInfo reads each item as a video track would be read, then turns it into an Image
//! stream. Its rules, reproduced here with their quirks because users compare outputs:
//! - An `infe` makes a stream (not for `Exif`, `mime` or `uri` items) and names the format:
//!   `grid`, `dimg`, `iden` and `iovl` by name, any other type through the codec ID table.
//! - Properties are applied in `ipco` order to the items `ipma` lists for them. Only the
//!   properties MediaInfo applies count in the property index: `auxC`, `lsel`, `rloc` and
//!   unknown boxes do not, so after one of them every later property goes to the items of
//!   the next index.
//! - A property's plain fields (`ispe`, `pixi`, `pasp`, `colr`, `irot`, `imir`) land in the
//!   stream made *last*, not necessarily the item's own; a configuration box (`av1C`, `hvcC`,
//!   `avcC`) goes to the item itself and names itself in `CodecConfigurationBox` (for `av1C`,
//!   every item after the first of one property records the previous item's ID instead).
//! - Items other than the primary (`pitm`) are `Default: No`; references (`iref`) are listed
//!   under MediaInfo's names (`Thumbnail` / `Thumbnail for`…) in name order.
//! - The stream size is the sum of the item's `iloc` extents; the video fields are copied
//!   into the Image stream, all but the frame rate and the sampled size.

use std::collections::BTreeMap;

use crate::codec::{av1, hevc};
use crate::container::mp4::boxes::FourCC;
use crate::container::mp4::items::{self, Items};
use crate::render::ordered_fields;
use crate::report::codec_id::{self, FormatFill};
use crate::report::db::{self, CodecIdTable};
use crate::report::numbers::fixed;
use crate::report::{Stream, StreamKind};

/// One item as MediaInfo's stream table holds it.
#[derive(Default)]
struct Slot {
    /// Index of its stream in `Builder::streams`, once it has one.
    stream: Option<usize>,
    size: u64,
    /// References, by MediaInfo's field name.
    infos: BTreeMap<&'static str, Vec<u32>>,
    /// Configuration box codes, as `CodecConfigurationBox` lists them.
    config_boxes: Vec<u32>,
    /// The codec parser's view, from the last configuration box.
    codec: Option<Stream>,
}

struct Builder<'a> {
    items: &'a Items,
    slots: BTreeMap<u32, Slot>,
    /// Video-kind streams in the order they were made, with their item IDs.
    streams: Vec<(u32, Stream)>,
}

impl Builder<'_> {
    /// MediaInfo's `META_CREATESTREAM`: the item's stream, made if it has none yet (the new
    /// one then becomes the last stream).
    fn create(&mut self, id: u32) {
        let slot = self.slots.entry(id).or_default();
        if slot.stream.is_none() {
            slot.stream = Some(self.streams.len());
            let mut s = Stream::new(StreamKind::Video);
            s.set("ID", id.to_string());
            self.streams.push((id, s));
        }
    }

    /// The stream made last: where MediaInfo's plain fills go.
    fn last(&mut self) -> Option<&mut Stream> {
        self.streams.last_mut().map(|(_, s)| s)
    }

    fn entries(&mut self) {
        for e in &self.items.entries {
            let skip = matches!(&e.item_type.0, b"Exif" | b"mime" | b"uri\0");
            if skip {
                continue;
            }
            self.create(e.id);
            let Some(s) = self.last() else { continue };
            let format = match &e.item_type.0 {
                b"dimg" => Some("Derived Image"),
                b"grid" => Some("Grid"),
                b"iden" => Some("Identity"),
                b"iovl" => Some("Image Overlay"),
                _ => None,
            };
            match format {
                Some(f) => s.append("Format", f),
                None => codec_id_fill(s, &e.item_type.to_text()),
            }
            if e.protected {
                s.append("Encrypted", "Yes");
            }
        }
    }

    fn lengths(&mut self) {
        for &(id, len) in &self.items.lengths {
            let slot = self.slots.entry(id).or_default();
            slot.size = slot.size.saturating_add(len);
        }
    }

    fn references(&mut self) {
        for r in &self.items.references {
            let (from, to) = reference_names(r.kind);
            for &target in &r.to {
                let entry = self.slots.entry(r.from).or_default();
                entry.infos.entry(to).or_default().push(target);
                let entry = self.slots.entry(target).or_default();
                entry.infos.entry(from).or_default().push(r.from);
            }
        }
    }

    fn properties(&mut self) {
        if self.items.associations.is_empty() {
            return;
        }
        // Items per property index, each once, in the order ipma names them.
        let mut per_property: Vec<Vec<u32>> = Vec::new();
        for a in &self.items.associations {
            for &index in a.properties.iter().filter(|&&i| i != 0) {
                let i = usize::from(index - 1);
                if i >= per_property.len() {
                    per_property.resize(i + 1, Vec::new());
                }
                if !per_property[i].contains(&a.item) {
                    per_property[i].push(a.item);
                }
            }
        }
        let mut index = 0usize;
        for p in &self.items.properties {
            if !counts_as_property(p) {
                continue;
            }
            let targets = per_property.get(index).cloned().unwrap_or_default();
            index += 1;
            // An av1C records, for every item after the first, the previous item's ID.
            let mut code = p.kind.as_u32();
            for id in targets {
                self.create(id);
                self.apply(p, id, &mut code);
            }
        }
    }

    /// Applies one property to item `id` (plain fields go to the last stream).
    fn apply(&mut self, p: &items::Property, id: u32, code: &mut u32) {
        let payload = p.payload.as_slice();
        match &p.kind.0 {
            b"ispe" => {
                let Some((w, h)) = items::spatial_extent(payload) else {
                    return;
                };
                let Some(s) = self.last() else { return };
                if w != 0 {
                    s.set("Width", w.to_string());
                }
                if h != 0 {
                    s.set("Height", h.to_string());
                }
            }
            b"pixi" => {
                let Some(depths) = items::channel_depths(payload) else {
                    return;
                };
                let mut distinct = depths.clone();
                distinct.sort_unstable();
                distinct.dedup();
                if let ([d], Some(s)) = (distinct.as_slice(), self.last()) {
                    s.append("BitDepth", &d.to_string());
                }
            }
            b"pasp" => {
                if let Some((h, v)) = items::pixel_aspect(payload)
                    && v != 0
                    && let Some(s) = self.last()
                {
                    s.remove("DisplayAspectRatio");
                    s.set("PixelAspectRatio", fixed(f64::from(h as f32 / v as f32), 3));
                }
            }
            b"colr" => {
                if let Some(s) = self.last() {
                    super::fill_colr(s, payload);
                }
            }
            b"irot" => {
                if let Some(angle) = items::rotation(payload)
                    && let Some(s) = self.last()
                {
                    let degrees = -90 * i32::from(angle);
                    s.append("Rotation", &degrees.to_string());
                    if degrees != 0 {
                        s.append("Rotation/String", &format!("{degrees}\u{b0}"));
                    }
                }
            }
            b"imir" => {
                if let Some(axis) = items::mirror_axis(payload)
                    && let Some(s) = self.last()
                {
                    s.append("Mirror", if axis { "Horizontal" } else { "Vertical" });
                }
            }
            b"av1C" => {
                let slot = self.slots.entry(id).or_default();
                slot.config_boxes.push(*code);
                *code = id;
                slot.codec = av1_codec(payload);
            }
            b"hvcC" => {
                let slot = self.slots.entry(id).or_default();
                slot.config_boxes.push(p.kind.as_u32());
                slot.codec = hevc_codec(payload);
            }
            b"avcC" => {
                let slot = self.slots.entry(id).or_default();
                slot.config_boxes.push(p.kind.as_u32());
                let mut codec = Stream::new(StreamKind::Video);
                let parser = crate::codec::avc::AvcParser::new(payload);
                crate::report::avc::fill_video(&mut codec, &parser.info());
                slot.codec = Some(codec);
            }
            _ => {}
        }
    }

    /// File_Mpeg4's `Streams_Finish` for each item, in ID order, then the move to Image.
    fn finish(mut self) -> Vec<Stream> {
        let mut streams: Vec<Option<Stream>> =
            self.streams.drain(..).map(|(_, s)| Some(s)).collect();
        let mut out = Vec::new();
        for (&id, slot) in &self.slots {
            let Some(mut s) = slot.stream.and_then(|i| streams.get_mut(i)?.take()) else {
                continue;
            };
            let enabled = self.items.primary.is_none_or(|p| p == id);
            if !enabled {
                s.set("Default", "No");
            }
            for (name, ids) in &slot.infos {
                let list: Vec<String> = ids.iter().map(u32::to_string).collect();
                s.set(*name, list.join(","));
            }
            if let Some(codec) = &slot.codec {
                super::merge_codec(&mut s, codec);
            }
            let boxes: Vec<String> = slot
                .config_boxes
                .iter()
                .map(|&c| super::conformance::cc4_text(FourCC(c.to_be_bytes())))
                .collect();
            s.set("CodecConfigurationBox", boxes.join("+"));
            out.push(to_image(&s, slot.size));
        }
        out
    }
}

/// MediaInfo's `CodecID_Fill` with its MPEG-4 video table: the codec ID and what the table
/// says of it.
fn codec_id_fill(s: &mut Stream, code: &str) {
    s.append("CodecID", code);
    if let Some(info) = db::codec_id(CodecIdTable::VideoMpeg4, code) {
        codec_id::fill_from_table(s, &info, FormatFill::Replace);
    }
}

/// Whether MediaInfo's property index counts this box (it applies it to items).
fn counts_as_property(p: &items::Property) -> bool {
    match &p.kind.0 {
        // A non-zero version stops ispe before it reaches its items.
        b"ispe" => p.payload.first() == Some(&0),
        b"av1C" | b"avcC" | b"clap" | b"clli" | b"colr" | b"hvcC" | b"imir" | b"irot" | b"mdcv"
        | b"pasp" | b"pixi" => true,
        _ => false,
    }
}

/// MediaInfo's field names for a reference type: (on the target, on the source).
fn reference_names(kind: FourCC) -> (&'static str, &'static str) {
    match &kind.0 {
        b"auxl" => ("Auxilary", "Auxilary for"),
        b"cdsc" => ("Describes", "Describes for"),
        b"dimg" => ("Derived", "Derived for"),
        b"iloc" => ("Location", "Location for"),
        b"thmb" => ("Thumbnail", "Thumbnail for"),
        _ => ("Reference", "Reference for"),
    }
}

/// What File_Av1 reports from an `av1C`: only the sequence header of its configOBUs.
fn av1_codec(av1c: &[u8]) -> Option<Stream> {
    let header = av1::SequenceHeader::find(av1c.get(4..)?)?;
    let mut codec = Stream::new(StreamKind::Video);
    crate::report::av1::fill_sequence_header(&mut codec, &header);
    Some(codec)
}

/// What File_Hevc reports from an `hvcC` and its parameter sets (no samples: an item is one
/// coded picture MediaInfo does not parse).
fn hevc_codec(hvcc: &[u8]) -> Option<Stream> {
    hevc::HevcConfig::parse(hvcc)?;
    let parser = hevc::HevcParser::new(hvcc);
    let mut codec = Stream::new(StreamKind::Video);
    crate::report::hevc::fill_video(&mut codec, parser.info());
    // File_Hevc sets no scan type.
    codec.remove("ScanType");
    Some(codec)
}

/// The Image stream MediaInfo makes of an item's video stream: its stream size, then every
/// video field but the frame rate and sampled size, video table order first.
fn to_image(video: &Stream, size: u64) -> Stream {
    let mut image = Stream::new(StreamKind::Image);
    if size != 0 {
        image.set("StreamSize", size.to_string());
    }
    for f in ordered_fields(video) {
        if matches!(f.name(), "FrameRate" | "Sampled_Width" | "Sampled_Height") {
            continue;
        }
        image.set(f.name(), f.value.clone());
    }
    image
}

/// The Image streams of a file's items.
pub fn streams(items: &Items) -> Vec<Stream> {
    let mut b = Builder {
        items,
        slots: BTreeMap::new(),
        streams: Vec::new(),
    };
    let mut done = [false; 4];
    for child in &items.children {
        let step = match &child.0 {
            b"iinf" => 0,
            b"iloc" => 1,
            b"iref" => 2,
            b"iprp" => 3,
            _ => continue,
        };
        if std::mem::replace(&mut done[step], true) {
            continue;
        }
        match step {
            0 => b.entries(),
            1 => b.lengths(),
            2 => b.references(),
            _ => b.properties(),
        }
    }
    b.finish()
}
