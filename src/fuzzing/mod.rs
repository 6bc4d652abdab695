//! Entry points for fuzzing: one function per parser layer, each taking arbitrary bytes.
//!
//! The cargo-fuzz targets in `fuzz/` are one-line wrappers around these, and
//! `tests/fuzz_replay.rs` runs the same functions over seeds cut from the fixtures and over
//! every committed crash input (`fuzz/regressions/<target>/`), so a fuzz finding stays a
//! plain test. None of these may panic, hang or allocate without bound, whatever the bytes.
//!
//! Inputs that carry several units (NAL units, AAC frames) are framed as a sequence of
//! 16-bit big-endian lengths, each followed by that many bytes ([`split_framed`]).

use crate::codec::{
    aac, ac3, ac4, av1, avc, dolby_vision, dts, eac3, emdf, ffv1, flac, h263, hdr10plus, hevc, icc,
    mpeg4v, mpega, mpegh, mpegv, opus, prores, vc1, vc3, vorbis, vp9,
};
use crate::container::{mkv, mp4};
use crate::report::{Stream, StreamKind};
use crate::source::MemorySource;

pub mod seeds;

/// A fuzz target: its name (the file in `fuzz/fuzz_targets/`) and its body.
pub type Target = (&'static str, fn(&[u8]));

/// Every target, in the order `fuzz/run` runs them.
pub const TARGETS: &[Target] = &[
    ("analyze", analyze),
    ("mp4_file", mp4_file),
    ("mp4_moov", mp4_moov),
    ("mp4_items", mp4_items),
    ("mkv_file", mkv_file),
    ("mkv_ebml", mkv_ebml),
    ("avc", avc_nals),
    ("aac", aac_stream),
    ("hevc", hevc_nals),
    ("h263", h263_frames),
    ("av1", av1_config),
    ("vp9", vp9_frame),
    ("opus", opus_head),
    ("vorbis", vorbis_headers),
    ("flac", flac_streaminfo),
    ("ac3", ac3_frame),
    ("eac3", eac3_frames),
    ("emdf", emdf_container),
    ("dts", dts_frame),
    ("ac4", ac4_dsi),
    ("ac4_frames", ac4_frames),
    ("mpegh", mpegh_config),
    ("mpega", mpega_stream),
    ("mpeg4v", mpeg4v_blocks),
    ("mpegv", mpegv_blocks),
    ("ffv1", ffv1_frame),
    ("vc3", vc3_frame),
    ("prores", prores_frame),
    ("vc1", vc1_sequence),
    ("dolby_vision", dolby_vision_config),
    ("hdr10plus", hdr10plus_t35),
    ("icc", icc_profile),
    ("eia608", eia608_sample),
    ("jpeg", jpeg_headers),
];

/// The target of a name.
pub fn target(name: &str) -> Option<fn(&[u8])> {
    TARGETS.iter().find(|t| t.0 == name).map(|t| t.1)
}

/// Splits `data` into units, each a 16-bit big-endian length then its bytes; a last unit cut
/// short is kept as far as it goes.
pub fn split_framed(data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = data;
    while rest.len() >= 2 {
        let len = usize::from(u16::from_be_bytes([rest[0], rest[1]]));
        let body = &rest[2..];
        let (unit, tail) = body.split_at(len.min(body.len()));
        out.push(unit);
        rest = tail;
    }
    out
}

/// Frames `units` as [`split_framed`] reads them (for seeds and tests).
pub fn join_framed<'a>(units: impl IntoIterator<Item = &'a [u8]>) -> Vec<u8> {
    let mut out = Vec::new();
    for u in units {
        let u = &u[..u.len().min(usize::from(u16::MAX))];
        out.extend_from_slice(&(u.len() as u16).to_be_bytes());
        out.extend_from_slice(u);
    }
    out
}

/// The whole analysis of a file held in memory, rendered in every output form.
pub fn analyze(data: &[u8]) {
    let src = MemorySource::new(data);
    // The name picks nothing but the extension fields; any name will do.
    if let Ok(report) = crate::analyze(&src, "fuzz.mp4") {
        let _ = crate::render::pymediainfo(&report.streams);
        let _ = crate::render::mediainfo_json::render_view(&report.streams, true);
        let _ = crate::render::text::render_view(&report.streams, false);
        let _ = crate::render::text::render_view(&report.streams, true);
    }
}

/// The MP4 top-level walk (`ftyp`, `moov`, `moof`s) over a whole file.
pub fn mp4_file(data: &[u8]) {
    let _ = mp4::Mp4File::read(&MemorySource::new(data));
}

/// A `moov` payload: the movie, its tracks and sample tables, sample descriptions and their
/// configuration boxes; the same bytes also as `stbl`, `stsd`, `esds`, `udta`, `meta` and `moof`.
pub fn mp4_moov(data: &[u8]) {
    let movie = mp4::movie::Movie::parse(data);
    for t in &movie.tracks {
        let s = &t.samples;
        let _ = (s.samples(), s.total_duration(), s.total_size());
        let _ = s.first_samples(1024);
        for e in &t.entries {
            if let Some(esds) = e.child(b"esds") {
                let _ = mp4::esds::parse(esds);
            }
        }
    }
    let _ = mp4::sample_table::SampleTable::parse(data).first_samples(1024);
    for layout in [
        mp4::sample_entry::EntryLayout::Visual,
        mp4::sample_entry::EntryLayout::Audio,
        mp4::sample_entry::EntryLayout::Other,
    ] {
        let _ = mp4::sample_entry::parse_stsd(data, layout, 8);
    }
    let _ = mp4::esds::parse(data);
    let _ = mp4::meta::parse_udta(data);
    let _ = mp4::meta::parse_meta(data);
    let mut totals = Vec::new();
    mp4::fragments::add_moof(data, 0, |_| Default::default(), &mut totals);
}

/// A top-level `meta` payload (HEIF / AVIF items): the item parser, its property readers on
/// every property, and the Image streams MediaInfo's rules make of them.
pub fn mp4_items(data: &[u8]) {
    let items = mp4::items::Items::parse(data);
    for p in &items.properties {
        let b = p.payload.as_slice();
        let _ = (mp4::items::spatial_extent(b), mp4::items::channel_depths(b));
        let _ = (mp4::items::rotation(b), mp4::items::mirror_axis(b));
        let _ = mp4::items::pixel_aspect(b);
    }
    let _ = crate::report::mp4::items::streams(&items);
}

/// A frame sink that takes every frame of every track (so the walk reads and unlaces all the
/// blocks it reaches), up to a bound.
struct AllFrames(usize);

impl mkv::FrameSink for AllFrames {
    fn has_parser(&mut self, _track: &mkv::TrackEntry) -> bool {
        true
    }
    fn frame(&mut self, _track: u64, _frame: &[u8]) -> bool {
        self.0 += 1;
        self.0 < 4096
    }
}

/// The Matroska walk over a whole file: EBML header, Segment, SeekHead, first Clusters, every
/// frame handed to a sink.
pub fn mkv_file(data: &[u8]) {
    let _ = mkv::MkvFile::read(&MemorySource::new(data), 0, &mut AllFrames(0));
}

/// EBML elements: the walk and every value reading, and the block header and lacing readers
/// on the same bytes.
pub fn mkv_ebml(data: &[u8]) {
    use mkv::ebml::Elements;
    fn walk(data: &[u8], depth: u32) {
        for e in Elements::new(data).take(4096) {
            let _ = (e.uint(), e.int(), e.float(), e.text());
            if depth < 8 {
                walk(e.data, depth + 1);
            }
        }
    }
    walk(data, 0);
    let _ = mkv::ebml::read_id(data);
    let _ = mkv::ebml::read_size(data);
    let _ = mkv::ebml::read_eb(data);
    let _ = mkv::ebml::read_es(data);
    let _ = mkv::ebml::read_header(data);
    let _ = (
        mkv::segment::uint(data),
        mkv::segment::float(data),
        mkv::segment::text(data),
        mkv::segment::uint128(data),
    );
    if let Some(h) = mkv::blocks::BlockHeader::parse(data, data.len() as u64) {
        let _ = h.lacing();
    }
    for lacing in 0..4 {
        let _ = mkv::blocks::lace_sizes(lacing, data, data.len() as u64);
    }
}

/// AVC: framed NAL units through the stream parser (SPS, PPS, SEI, slice headers in order),
/// each also parsed alone; the whole input also as an `avcC` record and as one sample.
pub fn avc_nals(data: &[u8]) {
    let mut parser = avc::AvcParser::new(data);
    parser.push_sample(data);
    let mut stream = avc::AvcParser::new(&[]);
    for nal in split_framed(data) {
        let _ = avc::Sps::parse(nal);
        let _ = avc::Pps::parse(nal);
        stream.push_nal(nal);
    }
    if let Some(sps) = &stream.info().sps {
        let _ = (sps.size(), sps.stored_size(), sps.chroma_array_type());
    }
}

/// AAC: a framed AudioSpecificConfig (the first unit) then raw access units through the
/// frame parser (raw_data_block, SBR/PS, PCE); the whole input also as an ADTS header.
pub fn aac_stream(data: &[u8]) {
    let _ = aac::AdtsHeader::parse(data);
    let _ = aac::AudioSpecificConfig::parse(data);
    let units = split_framed(data);
    let Some((config, frames)) = units.split_first() else {
        return;
    };
    let mut parser = aac::AacParser::new(config);
    for frame in frames {
        if !parser.wants_more() {
            break;
        }
        parser.push_frame(frame);
    }
    if let Some(info) = parser.info()
        && let Some(pce) = &info.program_config
    {
        let _ = (pce.channel_count(), pce.channel_layout());
    }
}

/// HEVC: a framed `hvcC` record (the first unit) then NAL units through the stream parser
/// (VPS, SPS, PPS, SEI, slice headers) and the report's HEVC rules; the whole input also as an
/// `hvcC`, an `lhvC` and one sample.
pub fn hevc_nals(data: &[u8]) {
    let mut whole = hevc::HevcParser::new(data);
    whole.push_layered_config(data);
    whole.push_sample(data);
    let units = split_framed(data);
    let Some((config, nals)) = units.split_first() else {
        return;
    };
    let mut parser = hevc::HevcParser::new(config);
    for nal in nals {
        if !parser.wants_more() {
            break;
        }
        parser.push_nal(nal);
    }
    let mut s = crate::report::Stream::new(crate::report::StreamKind::Video);
    crate::report::hevc::fill_video(&mut s, parser.info());
}

/// H.263: framed frames through the picture-header parser and the report's H.263 rules; the
/// whole input also as a `d263` box's profile and level.
pub fn h263_frames(data: &[u8]) {
    let mut parser = h263::H263Parser::default();
    for frame in split_framed(data) {
        parser.push_frame(frame);
    }
    let mut s = crate::report::Stream::new(crate::report::StreamKind::Video);
    if let Some(info) = parser.info() {
        crate::report::h263::fill_video(&mut s, &info);
    }
    if let [_, _, _, _, _, level, profile, ..] = *data {
        s.set(
            "Format_Profile",
            crate::report::h263::d263_profile(level, profile),
        );
    }
}

/// AV1: the `av1C` record and the sequence header OBU after its 4 fixed bytes.
pub fn av1_config(data: &[u8]) {
    if let Some(c) = av1::Av1Config::parse(data) {
        let _ = c.bit_depth();
    }
    let _ = av1::SequenceHeader::find(data.get(4..).unwrap_or(&[]));
    let _ = av1::SequenceHeader::find(data);
}

/// VP9: a frame's uncompressed header and the CodecPrivate features.
pub fn vp9_frame(data: &[u8]) {
    let _ = vp9::Vp9Frame::parse(data);
    let _ = vp9::Vp9Features::parse(data);
}

/// Opus: `OpusHead`.
pub fn opus_head(data: &[u8]) {
    let _ = opus::OpusHead::parse(data);
}

/// Vorbis: the Xiph-laced CodecPrivate and a bare identification header.
pub fn vorbis_headers(data: &[u8]) {
    let _ = vorbis::Identification::from_codec_private(data);
    let _ = vorbis::Identification::parse(data);
}

/// FLAC: `fLaC` + STREAMINFO, and a bare STREAMINFO body.
pub fn flac_streaminfo(data: &[u8]) {
    let _ = flac::StreamInfo::from_codec_private(data);
    let _ = flac::StreamInfo::parse(data);
}

/// AC-3: a syncframe's bit stream information.
pub fn ac3_frame(data: &[u8]) {
    let _ = ac3::Bsi::parse(data);
}

/// E-AC-3: the syncframes of an access unit (independent and dependent substreams).
pub fn eac3_frames(data: &[u8]) {
    for f in eac3::frames(data) {
        let _ = (f.frame_len(), f.blocks(), f.sampling_rate());
    }
}

/// EMDF: a container found anywhere in the bytes (as in a syncframe), and one read at the start.
pub fn emdf_container(data: &[u8]) {
    if let Some(pos) = emdf::find(data) {
        let e = emdf::parse(data, pos);
        let _ = e.bed_mask.map(emdf::bed_layout);
    }
    let _ = emdf::parse(data, 0);
}

/// DTS: a frame (core, extension substream, lossless extension) and an MP4 `ddts` box.
pub fn dts_frame(data: &[u8]) {
    if let Some(core) = dts::DtsFrame::parse(data).core {
        let _ = core.bit_rate();
    }
    let _ = dts::SpecificBox::parse(data);
}

/// AC-4: an MP4 `dac4` box.
pub fn ac4_dsi(data: &[u8]) {
    if let Some(d) = ac4::Ac4Dsi::parse(data) {
        let _ = (d.sampling_rate(), d.frame_rate());
    }
}

/// AC-4: a `dac4` payload then raw frames (MP4 samples), in framed pieces, and MediaInfo's
/// rules over them.
pub fn ac4_frames(data: &[u8]) {
    let pieces = split_framed(data);
    let Some((dsi, frames)) = pieces.split_first() else {
        return;
    };
    let dsi = ac4::Ac4Dsi::parse(dsi).unwrap_or_default();
    let mut f = ac4::toc::Frames::default();
    for frame in frames.iter().take(ac4::toc::FRAMES) {
        f.push(frame);
    }
    let mut s = crate::report::Stream::new(crate::report::StreamKind::Audio);
    crate::report::ac4::fill_audio(&mut s, &dsi, Some(&f));
}

/// MPEG-H 3D Audio: an MP4 `mhaC` box payload, then MediaInfo's rules over it.
pub fn mpegh_config(data: &[u8]) {
    if let Some(c) = mpegh::Mpegh3daConfig::parse_mhac(data) {
        crate::report::mpegh::fill_audio(&mut Stream::new(StreamKind::Audio), &c);
    }
}

/// MPEG audio: a stream handed over in framed pieces (as Matroska blocks or MP4 samples come),
/// then MediaInfo's rules over what the parser learned.
pub fn mpega_stream(data: &[u8]) {
    let mut p = mpega::MpegaParser::new();
    for piece in split_framed(data) {
        p.push(piece);
    }
    if let Some(info) = p.info() {
        crate::report::mpega::fill_audio(&mut Stream::new(StreamKind::Audio), &info);
    }
}

/// MPEG-4 Visual: framed blocks (a VOL, then VOPs) through the parser and the report's rules.
pub fn mpeg4v_blocks(data: &[u8]) {
    let mut p = mpeg4v::Mpeg4vParser::new();
    for block in split_framed(data) {
        p.push(block);
    }
    if let Some(info) = p.info() {
        crate::report::mpeg4v::fill_video(&mut Stream::new(StreamKind::Video), info);
    }
}

/// MPEG-1/2 Video: framed blocks (a codec configuration, then frames) through the parser and
/// the report's rules.
pub fn mpegv_blocks(data: &[u8]) {
    let mut p = mpegv::MpegvParser::new();
    let blocks = split_framed(data);
    if let Some((config, frames)) = blocks.split_first() {
        p.push_config(config);
        for block in frames {
            p.push(block);
        }
    }
    if let Some(info) = p.info() {
        crate::report::mpegv::fill_video(&mut Stream::new(StreamKind::Video), info);
    }
}

/// FFV1: a configuration record and a first frame (two framed units), for a picture size taken
/// from the first two bytes (up to 4096x4096), then the report's rules.
pub fn ffv1_frame(data: &[u8]) {
    let (Some(&w), Some(&h)) = (data.first(), data.get(1)) else {
        return;
    };
    let (width, height) = (16 * (1 + u32::from(w)), 16 * (1 + u32::from(h)));
    let units = split_framed(data.get(2..).unwrap_or(&[]));
    let params = units
        .first()
        .and_then(|r| ffv1::Parameters::from_record(r, width, height));
    let frame = units
        .get(1)
        .map(|f| ffv1::Frame::parse(f, params.as_ref(), width, height));
    crate::report::ffv1::fill_video(
        &mut Stream::new(StreamKind::Video),
        params.as_ref(),
        frame.as_ref(),
    );
}

/// VC-3 (DNxHD/DNxHR): a frame header and the report's rules.
pub fn vc3_frame(data: &[u8]) {
    if let Some(h) = vc3::FrameHeader::parse(data) {
        crate::report::vc3::fill_video(&mut Stream::new(StreamKind::Video), &h);
    }
}

/// ProRes: a frame header and the report's rules.
pub fn prores_frame(data: &[u8]) {
    if let Some(h) = prores::FrameHeader::parse(data) {
        crate::report::prores::fill_video(&mut Stream::new(StreamKind::Video), &h);
    }
}

/// VC-1: a sequence header found among start-code units (a `dvc1` box) and the report's
/// rules.
pub fn vc1_sequence(data: &[u8]) {
    if let Some(h) = vc1::SequenceHeader::find(data) {
        crate::report::vc1::fill_video(&mut Stream::new(StreamKind::Video), &h);
    }
}

/// Dolby Vision: a `dvcC`/`dvvC` record and the report's rules.
pub fn dolby_vision_config(data: &[u8]) {
    if let Some(c) = dolby_vision::DolbyVisionConfig::parse(data) {
        crate::report::dolby_vision::fill(&mut Stream::new(StreamKind::Video), &c);
    }
}

/// HDR10+: an ITU-T T.35 payload (SMPTE ST 2094-40).
pub fn hdr10plus_t35(data: &[u8]) {
    let _ = hdr10plus::parse_t35(data);
}

/// ICC profiles (MP4 `colr` prof): the colour space MediaInfo names.
pub fn icc_profile(data: &[u8]) {
    let _ = icc::colour_space(data);
}

/// JPEG: the headers up to the first frame header, through the report's JPEG rules as an
/// image and as a video frame; the input also as a `udta/thmb` payload.
pub fn jpeg_headers(data: &[u8]) {
    use crate::codec::jpeg;
    if let Some(info) = jpeg::parse(data) {
        for kind in [StreamKind::Image, StreamKind::Video] {
            crate::report::jpeg::fill(&mut Stream::new(kind), &info);
        }
    }
    if let Some(t) = mp4::meta::Thumbnail::parse(data) {
        let _ = jpeg::parse(&t.head);
    }
}

/// EIA-608: the input as a `c608` sample (its `cdat`/`cdt2` atoms, one parser per field) and
/// as bare byte pairs, then each service through the report's EIA-608 rules.
pub fn eia608_sample(data: &[u8]) {
    use crate::codec::eia608;
    let mut fields = [eia608::Eia608Parser::new(), eia608::Eia608Parser::new()];
    for (i, (field, pairs)) in eia608::sample_atoms(data).enumerate() {
        let parser = &mut fields[usize::from(field - 1)];
        parser.set_time(Some(i as u64 * 1000), Some(10), i as u64);
        parser.push_pairs(pairs);
    }
    let mut bare = eia608::Eia608Parser::new();
    bare.set_time(Some(0), Some(u64::MAX / 2), 0);
    bare.push_pairs(data);
    for info in fields.iter().chain([&bare]).map(|p| p.info()) {
        for position in 0..4 {
            let mut s = Stream::new(StreamKind::Text);
            crate::report::eia608::fill_service(&mut s, &info, position);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn framing_round_trips() {
        let units: [&[u8]; 3] = [b"ab", b"", b"xyz"];
        let joined = join_framed(units);
        assert_eq!(split_framed(&joined), units.to_vec());
        // A cut last unit is kept as far as it goes; a lone length byte is dropped.
        assert_eq!(split_framed(&[0, 5, 1, 2]), vec![&[1, 2][..]]);
        assert!(split_framed(&[0]).is_empty());
    }

    #[test]
    fn every_target_survives_empty_and_tiny_input() {
        for (_, f) in TARGETS {
            for input in [&[][..], &[0], &[0xFF; 3], &[0; 64]] {
                f(input);
            }
        }
    }
}
