//! The codec parsers of a Matroska file: which tracks MediaInfo parses (File_Mk's
//! `CodecID_Manage`), the frames each parser takes while the Clusters are read, and the
//! parser's view of the stream afterwards.

use std::collections::BTreeMap;

use crate::codec::{aac, avc, hevc};
use crate::container::mkv::{FrameSink, MkvFile, NalLayout, TrackEntry, TrackKind};
use crate::report::db::{self, CodecIdTable};
use crate::report::{Stream, StreamKind};

/// What a track's parser has taken in.
enum Feed {
    /// AVC, and whether its frames are in Annex B form (a VfW track's).
    Avc(Box<avc::AvcParser>, bool),
    Aac(Box<aac::AacParser>),
    /// HEVC: File_Hevc's state (the CodecPrivate's parameter sets and SEI, then frames until it
    /// is filled; it never finishes itself inside Matroska).
    Hevc(Box<hevc::HevcParser>),
    /// AC-3: syncframe headers (every frame until the 300-block limit, as for E-AC-3).
    Ac3(Vec<crate::codec::ac3::Bsi>),
    /// E-AC-3: the syncframes of each block (MediaInfo's AC-3 parser never stops itself in
    /// Matroska: every frame until the 300-block limit).
    Eac3(Vec<crate::codec::eac3::Eac3Bsi>),
    /// MPEG-4 Visual: File_Mpeg4v's state (it stops after 30 VOPs).
    Mpeg4v(Box<crate::codec::mpeg4v::Mpeg4vParser>),
    /// MPEG-1/2 Video: File_Mpegv's state (it stops learning once it fills the stream).
    Mpegv(Box<crate::codec::mpegv::MpegvParser>),
    /// FFV1: whether a configuration record came (and what it held), and the first frame
    /// (MediaInfo's parser stops after it).
    Ffv1 {
        record: Option<Option<crate::codec::ffv1::Parameters>>,
        size: (u32, u32),
        frame: Option<crate::codec::ffv1::Frame>,
    },
    /// MPEG audio: File_Mpega's state (it takes frames to the 300-packet limit, filling the
    /// stream after 128 frames, or two bit rates and a library).
    Mpega(Box<crate::codec::mpega::MpegaParser>),
    /// DTS: the first frame with a core or an extension substream (MediaInfo describes the
    /// stream by its first frame and never finishes the parser here).
    Dts(Option<crate::codec::dts::DtsFrame>),
    /// VP9: the first frame MediaInfo parses.
    Vp9(Option<Vec<u8>>),
    /// The first frames, kept whole for a parser that reads them at the end.
    Frames(Vec<Vec<u8>>),
    /// A parser MediaInfo has and that reports nothing from frames here: it stops after
    /// `left` more frames (`None`: only the 300-packet limit stops it).
    Other {
        left: Option<u32>,
    },
}

/// The parsers of one file, by track number.
#[derive(Default)]
pub struct Codecs {
    feeds: BTreeMap<u64, Feed>,
    /// The first HDR10+ payload of a `BlockAdditional` (BlockAddID 4), any track.
    hdr10plus: Option<crate::codec::hdr10plus::Hdr10Plus>,
}

/// MediaInfo's format name for a track's codec ID (its Matroska table).
fn format_of(t: &TrackEntry) -> Option<&'static str> {
    let (table, id) = super::vfw::codec_key(t)?;
    db::codec_id(table, &id)?.format
}

/// Whether the track's codec ID is a VfW or ACM header's (MediaInfo's parsers then read
/// frames as in AVI: AVC in Annex B form).
fn is_riff(t: &TrackEntry) -> bool {
    matches!(
        super::vfw::codec_key(t),
        Some((CodecIdTable::VideoRiff | CodecIdTable::AudioRiff, _))
    )
}

/// The parser MediaInfo creates for a track, if any.
fn new_feed(t: &TrackEntry) -> Option<Feed> {
    let codec_id = t.codec_id.as_deref().unwrap_or("");
    let private = t.codec_private.as_deref().unwrap_or(&[]);
    Some(match format_of(t) {
        Some("AVC") if is_riff(t) => {
            // The codec's data after the VfW header reaches the parser first.
            let mut p = avc::AvcParser::new(&[]);
            if let Some(h) = crate::container::mkv::vfw::BitmapInfoHeader::parse(private) {
                p.push_annex_b(h.extra);
            }
            Feed::Avc(Box::new(p), true)
        }
        Some("AVC") => Feed::Avc(Box::new(avc::AvcParser::new(private)), false),
        Some("AAC") => Feed::Aac(Box::new(aac::AacParser::new(private))),
        Some("HEVC") => Feed::Hevc(Box::new(hevc::HevcParser::new(private))),
        Some("AC-3" | "TrueHD") => Feed::Ac3(Vec::new()),
        Some("E-AC-3") => Feed::Eac3(Vec::new()),
        Some("DTS") => Feed::Dts(None),
        Some("MPEG Audio") => Feed::Mpega(Box::new(crate::codec::mpega::MpegaParser::new())),
        Some("FFV1") => {
            use crate::container::mkv::vfw::BitmapInfoHeader;
            let header = is_riff(t)
                .then(|| BitmapInfoHeader::parse(private))
                .flatten();
            let video = t.video.clone().unwrap_or_default();
            let size = (
                video
                    .pixel_width
                    .map(|w| w as u32)
                    .or(header.as_ref().map(|h| h.width)),
                video
                    .pixel_height
                    .map(|h| h as u32)
                    .or(header.as_ref().map(|h| h.height)),
            );
            let size = (size.0.unwrap_or(u32::MAX), size.1.unwrap_or(u32::MAX));
            // The codec's data (after a VfW header) is the configuration record.
            let data = match &header {
                Some(h) => h.extra,
                None => private,
            };
            let record = (!data.is_empty())
                .then(|| crate::codec::ffv1::Parameters::from_record(data, size.0, size.1));
            Feed::Ffv1 {
                record,
                size,
                frame: None,
            }
        }
        Some("MPEG-4 Visual") => {
            // The codec configuration reaches the parser first (after a VfW header, what
            // follows it).
            let mut p = crate::codec::mpeg4v::Mpeg4vParser::new();
            if is_riff(t) {
                if let Some(h) = crate::container::mkv::vfw::BitmapInfoHeader::parse(private) {
                    p.push(h.extra);
                }
            } else {
                p.push(private);
            }
            Feed::Mpeg4v(Box::new(p))
        }
        Some("MPEG Video") => {
            // The CodecPrivate (after a VfW header, what follows it) reaches the parser first.
            let mut p = crate::codec::mpegv::MpegvParser::new();
            if is_riff(t) {
                if let Some(h) = crate::container::mkv::vfw::BitmapInfoHeader::parse(private) {
                    p.push(h.extra);
                }
            } else {
                p.push(private);
            }
            Feed::Mpegv(Box::new(p))
        }
        Some("VP9") => Feed::Vp9(None),
        // MediaInfo's AV1 parser stops after 8 frame headers.
        Some("AV1") => Feed::Frames(Vec::new()),
        Some("VP8") => Feed::Other { left: Some(32) },
        // The three headers in the CodecPrivate finish MediaInfo's Ogg parser: the first
        // block goes to a finished parser, which stops the payload search.
        Some("Vorbis" | "Theora") if crate::codec::vorbis::xiph_packets(private).len() >= 3 => {
            Feed::Other { left: Some(1) }
        }
        Some(
            "HuffYUV" | "VC-1" | "Dirac" | "ProRes" | "Theora" | "Vorbis" | "Flac" | "WavPack"
            | "PCM",
        ) => Feed::Other { left: None },
        _ if codec_id.starts_with("A_OPUS")
            || codec_id.starts_with("V_REAL/")
            || codec_id.starts_with("A_REAL/") =>
        {
            Feed::Other { left: None }
        }
        _ => return None,
    })
}

impl FrameSink for Codecs {
    fn block_additional(&mut self, track: u64, id: u64, data: &[u8]) {
        // File_Mk reads an ITU-T T.35 payload when no mapping names the ID.
        let _ = track;
        if id == 4 && self.hdr10plus.is_none() {
            self.hdr10plus = crate::codec::hdr10plus::parse_t35(data);
        }
    }

    fn frame_limit(&self, track: u64) -> usize {
        match self.feeds.get(&track) {
            Some(Feed::Avc(p, _)) if !p.wants_more() => 0,
            Some(Feed::Mpega(p)) if !p.wants_more() => 0,
            Some(Feed::Hevc(p)) if !p.wants_more() => 0,
            _ => 256 << 10,
        }
    }

    fn nal_layout(&self, track: u64) -> Option<NalLayout> {
        match self.feeds.get(&track) {
            Some(Feed::Avc(p, false)) => Some(NalLayout {
                length_size: p.length_size().clamp(1, 4),
                bytes_used: avc::nal_bytes_used,
            }),
            Some(Feed::Hevc(p)) => Some(NalLayout {
                length_size: p.length_size().clamp(1, 4),
                bytes_used: hevc::nal_bytes_used,
            }),
            _ => None,
        }
    }

    fn has_parser(&mut self, t: &TrackEntry) -> bool {
        let (Some(number), Some(feed)) = (t.number, new_feed(t)) else {
            return false;
        };
        self.feeds.entry(number).or_insert(feed);
        true
    }

    fn frame(&mut self, track: u64, frame: &[u8]) -> bool {
        let Some(feed) = self.feeds.get_mut(&track) else {
            return false;
        };
        match feed {
            Feed::Avc(p, annex_b) => {
                if !p.wants_more() {
                } else if *annex_b {
                    p.push_annex_b(frame);
                } else {
                    p.push_sample(frame);
                }
                // MediaInfo's AVC parser never finishes itself inside Matroska: it takes
                // frames until the 300-packet limit (their bytes are not needed here).
                true
            }
            Feed::Aac(p) => {
                p.push_frame(frame);
                p.wants_more()
            }
            Feed::Hevc(p) => {
                if p.wants_more() {
                    p.push_sample(frame);
                }
                true
            }
            Feed::Ac3(bsis) => {
                if bsis.len() < 4096 {
                    bsis.extend(crate::codec::ac3::Bsi::from_frame(frame));
                }
                true
            }
            Feed::Eac3(frames) => {
                if frames.len() < 4096 {
                    frames.extend(crate::codec::eac3::frames(frame));
                }
                true
            }
            Feed::Mpeg4v(p) => {
                p.push(frame);
                !p.finished()
            }
            Feed::Mpegv(p) => {
                p.push(frame);
                !p.finished()
            }
            Feed::Mpega(p) => {
                p.push(frame);
                true
            }
            Feed::Ffv1 {
                record,
                size,
                frame: first,
            } => {
                if first.is_none() && !frame.is_empty() {
                    let params = record.as_ref().map(|r| r.as_ref());
                    // A record that did not parse leaves the parameters unknown.
                    let params = match params {
                        Some(Some(p)) => Some(p),
                        Some(None) => return false,
                        None => None,
                    };
                    *first = Some(crate::codec::ffv1::Frame::parse(
                        frame, params, size.0, size.1,
                    ));
                }
                false
            }
            Feed::Dts(first) => {
                if first.is_none() {
                    let f = crate::codec::dts::DtsFrame::parse(frame);
                    if f.core.is_some() || f.substream.is_some() {
                        *first = Some(f);
                    }
                }
                true
            }
            Feed::Vp9(first) => {
                // MediaInfo's VP9 parser reads one frame (frames it cannot place are skipped).
                if crate::codec::vp9::Vp9Frame::parse(frame).is_some() {
                    *first = Some(frame.to_vec());
                    return false;
                }
                true
            }
            Feed::Frames(frames) => {
                frames.push(frame.to_vec());
                frames.len() < 8
            }
            Feed::Other { left } => match left {
                Some(0) => false,
                Some(n) => {
                    *n -= 1;
                    *n > 0
                }
                None => true,
            },
        }
    }
}

impl Codecs {
    /// The HDR10+ metadata a BlockAdditional carried.
    pub fn hdr10plus(&self) -> Option<crate::codec::hdr10plus::Hdr10Plus> {
        self.hdr10plus
    }

    /// The codec parser's view of track `t` (from its CodecPrivate and the frames it took):
    /// an empty stream when MediaInfo has a parser that found nothing, `None` without one.
    pub fn stream(&mut self, t: &TrackEntry, f: &MkvFile) -> Option<Stream> {
        let kind = match t.kind? {
            TrackKind::Video => StreamKind::Video,
            TrackKind::Audio => StreamKind::Audio,
            TrackKind::Text => return None,
        };
        let parsed = self.parse(t, f);
        match parsed {
            Some(s) => Some(s),
            None => new_feed(t).map(|_| Stream::new(kind)),
        }
    }

    fn parse(&mut self, t: &TrackEntry, f: &MkvFile) -> Option<Stream> {
        let kind = match t.kind? {
            TrackKind::Video => StreamKind::Video,
            TrackKind::Audio => StreamKind::Audio,
            TrackKind::Text => return None,
        };
        let codec_id = t.codec_id.as_deref().unwrap_or("");
        let private = t.codec_private.as_deref().unwrap_or(&[]);
        // A file without Clusters still has its parsers (and their CodecPrivate).
        let feed = t
            .number
            .and_then(|n| self.feeds.remove(&n))
            .or_else(|| new_feed(t));
        let _ = f;
        let mut codec = Stream::new(kind);
        match (feed, format_of(t)) {
            (Some(Feed::Avc(parser, _)), _) if !private.is_empty() => {
                super::super::avc::fill_video(&mut codec, &parser.info());
            }
            (Some(Feed::Hevc(parser)), _) => {
                super::super::hevc::fill_video(&mut codec, parser.info());
            }
            (Some(Feed::Vp9(first)), _) => {
                let features = crate::codec::vp9::Vp9Features::parse(private);
                let first = first
                    .as_deref()
                    .and_then(crate::codec::vp9::Vp9Frame::parse);
                super::super::vp9::fill_video(&mut codec, &features, first.as_ref());
            }
            (feed, Some("AV1")) => {
                // The first sequence header, from the CodecPrivate's configOBUs or a frame.
                let frames = match feed {
                    Some(Feed::Frames(frames)) => frames,
                    _ => Vec::new(),
                };
                let mut sources = std::iter::once(private.get(4..).unwrap_or(&[]))
                    .chain(frames.iter().map(Vec::as_slice));
                let header = sources.find_map(crate::codec::av1::SequenceHeader::find)?;
                super::super::av1::fill_sequence_header(&mut codec, &header);
            }
            (_, Some("Flac")) => {
                let m = crate::codec::flac::Metadata::parse(private)?;
                m.stream_info.as_ref()?;
                super::super::flac::fill_metadata(&mut codec, &m);
            }
            (_, Some("Vorbis")) => {
                // The three Xiph-laced headers: identification, comments, setup.
                use crate::codec::vorbis;
                let packets = vorbis::xiph_packets(private);
                let id = vorbis::Identification::parse(packets.first()?)?;
                super::super::vorbis::fill_audio(&mut codec, &id);
                for p in packets.iter().skip(1) {
                    match p.split_first() {
                        Some((3, rest)) => {
                            if let Some(c) = rest.get(6..).and_then(vorbis::Comments::parse) {
                                super::super::vorbis_comment::fill(&mut codec, &c, true);
                            }
                        }
                        Some((5, rest)) => {
                            let types = rest.get(6..).and_then(vorbis::setup_floor_types);
                            super::super::vorbis::fill_floors(
                                &mut codec,
                                &types.unwrap_or_default(),
                            );
                        }
                        _ => {}
                    }
                }
            }
            (Some(Feed::Ac3(bsis)), Some("AC-3")) => {
                if bsis.is_empty() {
                    return None;
                }
                super::super::ac3::fill_audio(&mut codec, &bsis);
            }
            (_, Some("PCM")) => {
                let a = t.audio.clone().unwrap_or_default();
                // MediaInfo hands the parser the stream's channel count, rate and depth.
                let channels = if t.audio.is_some() {
                    a.channels & 0xFF
                } else {
                    0
                };
                let rate = if t.audio.is_some() {
                    crate::report::numbers::fixed(a.sampling_rate, 0)
                        .parse()
                        .unwrap_or(0)
                } else {
                    0
                };
                let mut depth = a.bit_depth.map(|d| d & 0xFF).filter(|&d| d != 0);
                let (mut channels, mut rate) = (channels, rate);
                let mut key = codec_id.to_string();
                if is_riff(t)
                    && let Some(w) = crate::container::mkv::vfw::WaveFormatEx::parse(private)
                {
                    // The ACM header's values, unless the Audio element's came after them.
                    key = format!("{:X}", w.format_tag);
                    if channels == 0 {
                        channels = u64::from(if w.channels == 5 { 6 } else { w.channels } & 0xFF);
                    }
                    if rate == 0 {
                        rate = w.samples_per_sec;
                    }
                    if depth.is_none() && w.bits_per_sample != 0 {
                        depth = Some(u64::from(w.bits_per_sample & 0xFF));
                    }
                }
                super::super::pcm::fill_from_codec(&mut codec, &key, channels, rate, depth);
            }
            (Some(Feed::Ffv1 { record, frame, .. }), _) => {
                let params = match &record {
                    Some(r) => r.as_ref(),
                    None => frame.as_ref().and_then(|f| f.parameters.as_ref()),
                };
                super::super::ffv1::fill_video(&mut codec, params, frame.as_ref());
            }
            (Some(Feed::Mpega(p)), _) => {
                super::super::mpega::fill_audio(&mut codec, &p.info()?);
            }
            (Some(Feed::Mpeg4v(p)), _) => {
                super::super::mpeg4v::fill_video(&mut codec, p.info()?);
            }
            (Some(Feed::Mpegv(p)), _) => {
                super::super::mpegv::fill_video(&mut codec, p.info()?);
            }
            (Some(Feed::Dts(first)), _) => {
                super::super::dts::fill_audio(&mut codec, first.as_ref()?);
            }
            (Some(Feed::Eac3(frames)), _) => {
                if frames.is_empty() {
                    return None;
                }
                super::super::eac3::fill_audio(&mut codec, &frames, None);
            }
            (_, _) if codec_id.starts_with("A_OPUS") => {
                let head = crate::codec::opus::OpusHead::parse(private)?;
                super::super::opus::fill_audio(&mut codec, &head);
            }
            (Some(Feed::Aac(parser)), _) if !private.is_empty() => {
                let info = parser.info()?;
                super::super::aac::fill_audio(&mut codec, &info);
            }
            _ => return None,
        }
        if codec_id == "A_AAC"
            && let Some(&first) = private.first()
        {
            // MediaInfo appends the audio object type to a bare A_AAC codec ID.
            codec.set("CodecID", format!("A_AAC-{}", first >> 3));
        }
        super::super::finish::parser_side_effects(&mut codec);
        Some(codec)
    }
}
