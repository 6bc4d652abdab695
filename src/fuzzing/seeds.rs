//! Seed inputs for the fuzz targets, cut out of real files with the project's own parsers:
//! whole files for the file-level targets, `moov` and Segment payloads for the container
//! targets, configuration records and first frames for the codec targets. Used by
//! `fuzz/make-corpus` (through `examples/fuzz_seeds.rs`) and by `tests/fuzz_replay.rs`.

use crate::codec::avc::AvcConfig;
use crate::codec::hevc;
use crate::container::{self, mkv, mp4};
use crate::source::MemorySource;

use super::join_framed;

/// Files larger than this give no whole-file seed (fuzzers work best on small inputs).
const MAX_FILE_SEED: usize = 1 << 20;
/// Container payloads are cut to this.
const MAX_PAYLOAD_SEED: usize = 64 << 10;
/// Samples or frames taken per track.
const FRAMES: usize = 8;
/// NAL units taken per AVC track.
const NALS: usize = 24;
/// Bytes kept of each frame or NAL unit.
const MAX_UNIT: usize = 2048;

/// A seed: the target's name and the input.
pub type Seed = (&'static str, Vec<u8>);

/// Seeds cut out of one file's bytes.
pub fn from_file(bytes: &[u8]) -> Vec<Seed> {
    let mut out = Vec::new();
    if bytes.len() <= MAX_FILE_SEED {
        out.push(("analyze", bytes.to_vec()));
    }
    match container::probe(&bytes[..bytes.len().min(64)]) {
        container::Kind::Mp4 => from_mp4(bytes, &mut out),
        container::Kind::Matroska => from_mkv(bytes, &mut out),
        container::Kind::Unknown => {}
    }
    out
}

fn cut(b: &[u8], max: usize) -> Vec<u8> {
    b[..b.len().min(max)].to_vec()
}

fn from_mp4(bytes: &[u8], out: &mut Vec<Seed>) {
    if bytes.len() <= MAX_FILE_SEED {
        out.push(("mp4_file", bytes.to_vec()));
    }
    let src = MemorySource::new(bytes);
    let Ok(file) = mp4::Mp4File::read(&src) else {
        return;
    };
    let mut moofs = 0;
    for b in &file.top {
        let start = (b.offset + b.header_len) as usize;
        let end = b.offset.saturating_add(b.size).min(bytes.len() as u64) as usize;
        let Some(payload) = bytes.get(start..end) else {
            continue;
        };
        if b.kind == b"moov" || (b.kind == b"moof" && moofs < 2) {
            moofs += usize::from(b.kind == b"moof");
            out.push(("mp4_moov", cut(payload, MAX_PAYLOAD_SEED)));
        }
        if b.kind == b"meta" {
            out.push(("mp4_items", cut(payload, MAX_PAYLOAD_SEED)));
        }
    }
    let Some(movie) = &file.movie else { return };
    for track in &movie.tracks {
        let mut positions = track.samples.first_samples(FRAMES);
        if positions.is_empty()
            && let Some(f) = file.fragment_totals(track.header.id)
        {
            positions = f.first_samples.iter().copied().take(FRAMES).collect();
        }
        let frames = || {
            let mut frames = Vec::new();
            mp4::samples::for_each_sample(&src, &positions, |s| {
                frames.push(cut(s, MAX_UNIT));
                frames.len() < FRAMES
            });
            frames
        };
        for e in &track.entries {
            if let Some(avcc) = e.child(b"avcC") {
                out.push(("avc", avcc.to_vec()));
                let length_size = AvcConfig::parse(avcc).map_or(4, |c| usize::from(c.length_size));
                let mut nals = avc_parameter_sets(avcc);
                mp4::samples::for_each_nal(
                    &src,
                    &positions,
                    mp4::samples::Framing {
                        length_size,
                        zero_length_reads_header: true,
                    },
                    crate::codec::avc::nal_bytes_used,
                    |event| {
                        if let mp4::samples::NalEvent::Nal(nal) = event {
                            nals.push(cut(nal, MAX_UNIT));
                        }
                        nals.len() < NALS
                    },
                );
                out.push(("avc", join_framed(nals.iter().map(Vec::as_slice))));
            }
            if let Some(hvcc) = e.child(b"hvcC") {
                // The record, then the NAL units of the first samples.
                let length_size = hevc::HevcParser::new(hvcc).length_size();
                let mut units = vec![hvcc.to_vec()];
                mp4::samples::for_each_nal(
                    &src,
                    &positions,
                    mp4::samples::Framing {
                        length_size,
                        zero_length_reads_header: false,
                    },
                    hevc::nal_bytes_used,
                    |event| {
                        if let mp4::samples::NalEvent::Nal(nal) = event {
                            units.push(cut(nal, MAX_UNIT));
                        }
                        units.len() < NALS
                    },
                );
                out.push(("hevc", join_framed(units.iter().map(Vec::as_slice))));
            }
            let video_format = crate::report::db::codec_id(
                crate::report::db::CodecIdTable::VideoMpeg4,
                &e.format.to_text(),
            )
            .and_then(|i| i.format);
            let esds_type = e
                .child(b"esds")
                .and_then(mp4::esds::parse)
                .map(|d| (d.object_type, d.specific_info));
            let mpegv_config = match &esds_type {
                Some((0x60..=0x65 | 0x6A, info)) if e.format == b"mp4v" => Some(info.clone()),
                _ if video_format == Some("MPEG Video") => Some(Vec::new()),
                _ => None,
            };
            if let Some(config) = mpegv_config {
                let units = std::iter::once(config).chain(frames());
                let units: Vec<Vec<u8>> = units.collect();
                out.push(("mpegv", join_framed(units.iter().map(Vec::as_slice))));
            }
            if video_format == Some("H.263") {
                out.push(("h263", join_framed(frames().iter().map(Vec::as_slice))));
            }
            if let Some(c) = e.child(b"av1C") {
                out.push(("av1", c.to_vec()));
            }
            if let Some(d) = e.child(b"esds").and_then(mp4::esds::parse)
                && d.object_type == 0x40
            {
                let mut units = vec![d.specific_info.clone()];
                units.extend(frames());
                out.push(("aac", join_framed(units.iter().map(Vec::as_slice))));
            }
            if e.format == b"ac-3" {
                out.extend(frames().into_iter().take(2).map(|f| ("ac3", f)));
            }
            if e.format == b"ec-3" {
                out.extend(frames().into_iter().take(2).map(|f| ("eac3", f)));
                out.extend(frames().into_iter().take(2).map(|f| ("emdf", f)));
            }
            if let Some(b) = e.child(b"ddts") {
                out.push(("dts", b.to_vec()));
            }
            if e.child(b"esds")
                .and_then(mp4::esds::parse)
                .is_some_and(|d| matches!(d.object_type, 0xA9..=0xAC | 0xD4))
            {
                out.extend(frames().into_iter().take(2).map(|f| ("dts", f)));
            }
            if let Some(b) = e.child(b"dac4") {
                out.push(("ac4", b.to_vec()));
            }
            if let Some(b) = e.child(b"mhaC") {
                out.push(("mpegh", b.to_vec()));
            }
        }
    }
}

fn avc_parameter_sets(avcc: &[u8]) -> Vec<Vec<u8>> {
    AvcConfig::parse(avcc)
        .map(|c| c.sps.into_iter().chain(c.pps).collect())
        .unwrap_or_default()
}

/// A frame sink that keeps the first frames of every track.
#[derive(Default)]
struct FirstFrames(std::collections::BTreeMap<u64, Vec<Vec<u8>>>);

impl mkv::FrameSink for FirstFrames {
    fn has_parser(&mut self, _track: &mkv::TrackEntry) -> bool {
        true
    }
    fn frame(&mut self, track: u64, frame: &[u8]) -> bool {
        let frames = self.0.entry(track).or_default();
        if frames.len() < FRAMES {
            frames.push(cut(frame, MAX_UNIT));
        }
        frames.len() < FRAMES
    }
}

fn from_mkv(bytes: &[u8], out: &mut Vec<Seed>) {
    if bytes.len() <= MAX_FILE_SEED {
        out.push(("mkv_file", bytes.to_vec()));
    }
    let src = MemorySource::new(bytes);
    let mut sink = FirstFrames::default();
    let Ok(Some(file)) = mkv::MkvFile::read(&src, 0, &mut sink) else {
        return;
    };
    if let Some((start, _)) = file.segment {
        let start = (start as usize).min(bytes.len());
        out.push(("mkv_ebml", cut(&bytes[start..], MAX_PAYLOAD_SEED)));
    }
    for t in &file.tracks {
        let frames: Vec<Vec<u8>> = t
            .number
            .and_then(|n| sink.0.get(&n))
            .cloned()
            .unwrap_or_default();
        if let Some(f) = frames.first() {
            out.push(("mkv_ebml", cut(f, MAX_UNIT)));
        }
        let private = t.codec_private.clone().unwrap_or_default();
        match t.codec_id.as_deref().unwrap_or("") {
            "V_MPEG4/ISO/AVC" => {
                out.push(("avc", private.clone()));
                let length_size =
                    AvcConfig::parse(&private).map_or(4, |c| usize::from(c.length_size));
                let mut nals = avc_parameter_sets(&private);
                for f in &frames {
                    nals.extend(length_prefixed(f, length_size).map(|n| cut(n, MAX_UNIT)));
                }
                nals.truncate(NALS);
                out.push(("avc", join_framed(nals.iter().map(Vec::as_slice))));
            }
            id if id.starts_with("A_AAC") => {
                let units =
                    std::iter::once(private.as_slice()).chain(frames.iter().map(Vec::as_slice));
                out.push(("aac", join_framed(units)));
            }
            "V_MPEGH/ISO/HEVC" => {
                let length_size = hevc::HevcParser::new(&private).length_size();
                let mut units = vec![private.clone()];
                for f in &frames {
                    units.extend(length_prefixed(f, length_size).map(|n| cut(n, MAX_UNIT)));
                }
                units.truncate(NALS);
                out.push(("hevc", join_framed(units.iter().map(Vec::as_slice))));
            }
            "V_MPEG1" | "V_MPEG2" => {
                let units =
                    std::iter::once(private.as_slice()).chain(frames.iter().map(Vec::as_slice));
                out.push(("mpegv", join_framed(units)));
            }
            "V_AV1" => out.push(("av1", private)),
            "V_VP9" => out.extend(frames.into_iter().take(2).map(|f| ("vp9", f))),
            "A_OPUS" => out.push(("opus", private)),
            "A_VORBIS" => out.push(("vorbis", private)),
            "A_FLAC" => out.push(("flac", private)),
            "A_AC3" => out.extend(frames.into_iter().take(2).map(|f| ("ac3", f))),
            "A_EAC3" => out.extend(frames.into_iter().take(2).map(|f| ("eac3", f))),
            id if id.starts_with("A_DTS") => {
                out.extend(frames.into_iter().take(2).map(|f| ("dts", f)))
            }
            _ => {}
        }
    }
}

/// The NAL units of a length-prefixed sample.
fn length_prefixed(sample: &[u8], n: usize) -> impl Iterator<Item = &[u8]> {
    let mut rest = sample;
    std::iter::from_fn(move || {
        let len = rest
            .get(..n)?
            .iter()
            .fold(0usize, |a, &b| (a << 8) | usize::from(b));
        let nal = rest.get(n..n.checked_add(len)?)?;
        rest = &rest[n + len..];
        Some(nal)
    })
}

/// Hand-made valid inputs for the codec targets that no fixture exercises (HEVC, AV1, VP9,
/// Vorbis, FLAC, AC-3), built the way the parsers' unit tests build them.
pub fn builtin() -> Vec<Seed> {
    let mut out: Vec<Seed> = vec![
        (
            "hevc",
            crate::fuzzing::join_framed([&[
                1, 0x01, 0x60, 0, 0, 0, 0x90, 0, 0, 0, 0, 0, 63, 0xF0, 0, 0xFC, 0xFD, 0xF8, 0xF8,
                0, 0, 0x0F, 0,
            ][..]]),
        ),
        // av1C of a 10-bit BT.2020/HLG stream, with its sequence header OBU.
        (
            "av1",
            vec![
                0x81, 0x09, 0x4C, 0x00, 0x0a, 0x0e, 0x00, 0x00, 0x00, 0x2c, 0xd5, 0x9f, 0x3f, 0xc0,
                0x2f, 0x85, 0x09, 0x12, 0x09, 0x04,
            ],
        ),
        // A top-level meta: an hvc1 item with ispe and pixi properties, and a thumbnail.
        ("mp4_items", heif_meta()),
        ("vp9", vec![0b1000_0010, 0x49, 0x83, 0x42, 0b0100_0000]),
        // The head of a 5.1 E-AC-3 syncframe (bsid 16, compr present).
        (
            "eac3",
            vec![
                0x0B, 0x77, 0x01, 0xFF, 0x3F, 0x84, 0xBF, 0xE1, 0x06, 0x20, 0x00, 0x00, 0x00, 0x02,
                0x00, 0x00, 0x00, 0x07, 0xF7, 0xA1, 0x00, 0xFD, 0xB6, 0xA0,
            ],
        ),
        // An EMDF container with JOC and object audio metadata payloads.
        ("emdf", crate::codec::emdf::SAMPLE.to_vec()),
        // The head of a DTS core frame, and a `ddts` box (48 kHz, 192 kb/s, L R).
        (
            "dts",
            vec![
                0x7F, 0xFE, 0x80, 0x01, 0xFC, 0x3C, 0x1F, 0xF0, 0xB0, 0xC0, 0x01, 0x38, 0x00, 0x03,
                0xEF, 0x7F, 0xE0, 0x06, 0xC9, 0x14, 0x00, 0x04, 0xC9, 0x24,
            ],
        ),
        (
            "dts",
            vec![
                0x00, 0x00, 0xBB, 0x80, 0x00, 0x02, 0xEE, 0x00, 0x00, 0x02, 0xEE, 0x00, 0x18, 0xE4,
                0x7C, 0x00, 0x04, 0x00, 0x02, 0x40,
            ],
        ),
        // An `mhaC` box: MPEG-H Baseline L1, 48 kHz mono, four DRC sets and a loudness info
        // (androidx-media's sample_mhm1_bl_cicp1.mp4).
        (
            "mpegh",
            vec![
                0x01, 0x10, 0x01, 0x00, 0x3C, 0x10, 0x19, 0x40, 0x40, 0x00, 0x36, 0x60, 0x69, 0xE2,
                0xC1, 0x10, 0x08, 0x81, 0x20, 0x44, 0x01, 0x10, 0x00, 0x02, 0x07, 0xFD, 0x80, 0x20,
                0x10, 0x80, 0x00, 0x10, 0x36, 0x64, 0x01, 0x59, 0x00, 0xC4, 0x00, 0x00, 0x81, 0x90,
                0x02, 0x80, 0x02, 0x08, 0x00, 0x00, 0xBB, 0xF8, 0x04, 0x00, 0x6D, 0x38, 0xC0, 0x08,
                0x50, 0x08, 0x00, 0x0A, 0x80, 0x04, 0x61, 0xCB, 0x00,
            ],
        ),
        // A `dac4` box: DSI version 1, bitstream version 2, 48 kHz, 25 fps, one presentation.
        (
            "ac4",
            vec![
                0x20, 0xA4, 0x02, 0x40, 0x00, 0x00, 0x00, 0x1F, 0xFF, 0xFF, 0xFF, 0xE0, 0x02, 0x12,
                0xF8, 0x80, 0x00, 0x00, 0x42, 0x00, 0x00, 0x02, 0x50, 0x10, 0x00, 0x00, 0x03, 0x10,
                0x99, 0x5B, 0xA0, 0x80, 0x01, 0x12, 0xF8, 0x80, 0x00, 0x00, 0x42, 0x00, 0x00, 0x02,
                0x50, 0x10, 0x00, 0x00, 0x03, 0x10, 0x99, 0x5B, 0x80, 0x80,
            ],
        ),
    ];
    // AC-4: the `dac4` above, then the first frame of androidx-media's sample_ac4.mp4 (an
    // I-frame: one stereo presentation with loudness, DRC and dialogue enhancement metadata).
    let frame: Vec<u8> = AC4_FRAME
        .concat()
        .as_bytes()
        .chunks(2)
        .filter_map(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok())
        .collect();
    let dac4 = out
        .iter()
        .find(|s| s.0 == "ac4")
        .map(|s| s.1.clone())
        .unwrap_or_default();
    out.push((
        "ac4_frames",
        crate::fuzzing::join_framed([&dac4[..], &frame[..]]),
    ));
    // Three MPEG-1 Layer III frames, 128 kb/s at 44.1 kHz (417 bytes each), in one piece.
    let mut mp3 = Vec::new();
    for _ in 0..3 {
        mp3.extend_from_slice(&[0xFF, 0xFB, 0x90, 0x00]);
        mp3.resize(mp3.len() + 413, 0);
    }
    out.push(("mpega", crate::fuzzing::join_framed([&mp3[..]])));
    // MPEG-4 Visual from ffmpeg's encoder (32x32): VOS, VO, VOL, user data, GOV; then a VOP.
    let vol: &[u8] = &[
        0x00, 0x00, 0x01, 0xB0, 0x01, 0x00, 0x00, 0x01, 0xB5, 0x89, 0x13, 0x00, 0x00, 0x01, 0x00,
        0x00, 0x00, 0x01, 0x20, 0x00, 0xC4, 0x8D, 0x88, 0x00, 0x0D, 0x01, 0x04, 0x04, 0x14, 0x43,
        0x00, 0x00, 0x01, 0xB2, 0x4C, 0x61, 0x76, 0x63, 0x35, 0x39, 0x2E, 0x33, 0x37, 0x2E, 0x31,
        0x30, 0x30, 0x00, 0x00, 0x01, 0xB3, 0x00, 0x10, 0x07,
    ];
    let vop: &[u8] = &[
        0x00, 0x00, 0x01, 0xB6, 0x16, 0x04, 0xD8, 0x46, 0x07, 0x80, 0xFC, 0xFC,
    ];
    out.push(("mpeg4v", crate::fuzzing::join_framed([vol, vop])));
    // MPEG-2 Video from ffmpeg's encoder (176x144 XDCAM HD422): no configuration, then a
    // frame's sequence header and extensions, GOP, picture and coding extension, a slice start.
    let frame: &[u8] = &[
        0x00, 0x00, 0x01, 0xB3, 0x0B, 0x00, 0x90, 0x13, 0xFF, 0xFF, 0xE0, 0x18, 0x00, 0x00, 0x01,
        0xB5, 0x18, 0x54, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x01, 0xB5, 0x2B, 0x01, 0x01, 0x01,
        0x02, 0xC2, 0x04, 0x80, 0x00, 0x00, 0x01, 0xB8, 0x00, 0x08, 0x00, 0x40, 0x00, 0x00, 0x01,
        0x00, 0x00, 0x0F, 0xFF, 0xF8, 0x00, 0x00, 0x01, 0xB5, 0x8F, 0xFF, 0xF3, 0x80, 0x00, 0x00,
        0x00, 0x01, 0x01, 0x23, 0x7C, 0xE1, 0x18,
    ];
    out.push(("mpegv", crate::fuzzing::join_framed([&[][..], frame])));
    // An FFV1 version 3 record from ffmpeg (32x32, 4 slices), for a 32x32 picture.
    let record: &[u8] = &[
        0x56, 0x19, 0xE8, 0x33, 0xEC, 0x3D, 0xFC, 0xF2, 0x6A, 0xC0, 0x6F, 0x43, 0xB9, 0x4D, 0x6E,
        0x02, 0x66, 0x74, 0xCB, 0x52, 0xA5, 0xB9, 0x42, 0x05, 0x01, 0x0E, 0xA8, 0x29, 0x0A, 0x47,
        0xB6, 0xBE, 0xA2, 0x3F, 0xE2, 0x72, 0x3A, 0x0C, 0xB8, 0xB2, 0x03, 0x89,
    ];
    let mut ffv1 = vec![1, 1];
    ffv1.extend(crate::fuzzing::join_framed([record]));
    out.push(("ffv1", ffv1));
    // The 640-byte header of a DNxHR LB frame from ffmpeg (256x128, 4:2:2), mostly zeros.
    let mut vc3 = vec![0u8; 640];
    for (i, b) in [
        (2, 2),
        (3, 128),
        (4, 3),
        (5, 1),
        (6, 128),
        (7, 160),
        (25, 128),
        (26, 1),
        (30, 128),
        (33, 56),
        (34, 136),
        (42, 4),
        (43, 250),
        (44, 128),
        (95, 1),
    ] {
        vc3[i] = b;
    }
    out.push(("vc3", vc3));
    // The start of a ProRes 422 frame: a 148-byte header with both quantisation matrices,
    // 1920x1080 interlaced bottom field first, BT.709, then a picture header.
    let mut prores = vec![0, 0, 0, 0];
    prores.extend_from_slice(b"icpf");
    prores.extend_from_slice(&[0, 148, 0, 0]);
    prores.extend_from_slice(b"apl0");
    prores.extend_from_slice(&[0x07, 0x80, 0x04, 0x38, 0x88, 0, 1, 1, 1, 0, 0, 3]);
    prores.extend((0..128).map(|i| 4 + (i % 60) as u8));
    prores.extend_from_slice(&[64, 0, 0, 0x10, 0, 0, 0x80, 0x33, 0, 0, 0, 0]);
    out.push(("prores", prores));
    // A dvc1 box (Advanced profile, 240x104, 24 fps) with its sequence and entry point.
    out.push((
        "vc1",
        vec![
            0xc8, 0x80, 0x24, 0x18, 0x18, 0x3b, 0xf7, 0x25, 0x00, 0x00, 0x01, 0x0f, 0xcb, 0x84,
            0x07, 0x70, 0x33, 0x8a, 0x07, 0x78, 0x1d, 0xff, 0x9b, 0x9b, 0x80, 0x44, 0x80, 0x00,
            0x00, 0x01, 0x0e, 0x5a, 0x00, 0x40,
        ],
    ));
    // A dvcC record: version 1.0, profile 7, level 4, EL+RPU, Blu-ray compatible.
    let mut dovi = vec![1, 0, 0x0E, 0x26, 0x60];
    dovi.resize(24, 0);
    out.push(("dolby_vision", dovi));
    // An HDR10+ T.35 payload: one window, everything else zero.
    let mut t35 = vec![0xB5, 0x00, 0x3C, 0x00, 0x01, 0x04, 0x01, 0x40];
    t35.resize(96, 0);
    out.push(("hdr10plus", t35));
    // An ICC version 4 header of an RGB display profile, with an empty tag table.
    let mut icc = vec![0u8; 132];
    icc[..4].copy_from_slice(&132u32.to_be_bytes());
    icc[8] = 4;
    icc[12..16].copy_from_slice(b"mntr");
    icc[16..20].copy_from_slice(b"RGB ");
    icc[20..24].copy_from_slice(b"XYZ ");
    icc[36..40].copy_from_slice(b"acsp");
    out.push(("icc", icc));
    // A c608 sample: a pop-on caption on field 1 (RCL, PAC, "HI", EOC) and an XDS programme
    // name on field 2.
    let mut c608 = Vec::new();
    for (kind, pairs) in [
        (
            b"cdat",
            &b"\x94\x20\x94\x20\x94\x70\xc8\x49\x94\x2f\x94\x2f"[..],
        ),
        (b"cdt2", &b"\x01\x03\xce\xe5\x8f\x1d"[..]),
    ] {
        c608.extend_from_slice(&(8 + pairs.len() as u32).to_be_bytes());
        c608.extend_from_slice(kind);
        c608.extend_from_slice(pairs);
    }
    out.push(("eia608", c608));
    // JPEG headers: SOI, APP0 JFIF, SOF0 of a 16x16 YUV 4:2:0 image, SOS.
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16];
    jpeg.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    jpeg.extend_from_slice(&[
        0xFF, 0xC0, 0, 17, 8, 0, 16, 0, 16, 3, 1, 0x22, 0, 2, 0x11, 1,
    ]);
    jpeg.extend_from_slice(&[3, 0x11, 1, 0xFF, 0xDA, 0, 2]);
    out.push(("jpeg", jpeg));
    let mut opus = b"OpusHead".to_vec();
    opus.extend_from_slice(&[1, 2, 0x38, 0x01, 0x80, 0xBB, 0, 0, 0, 0, 0]);
    out.push(("opus", opus));
    let mut id = b"\x01vorbis".to_vec();
    id.extend_from_slice(&0u32.to_le_bytes());
    id.push(2);
    id.extend_from_slice(&44_100u32.to_le_bytes());
    id.extend_from_slice(&[0, 0, 0, 0, 0, 0xF4, 1, 0, 0, 0, 0, 0, 0xB8, 1]);
    let mut vorbis = vec![2, id.len() as u8, 3];
    vorbis.extend_from_slice(&id);
    vorbis.extend_from_slice(b"\x03vo\x05");
    out.push(("vorbis", vorbis));
    let mut flac = b"fLaC".to_vec();
    flac.extend_from_slice(&[0x80, 0, 0, 34, 0x10, 0, 0x10, 0, 0, 0, 0x10, 0, 0x20, 0]);
    let packed: u64 = (48_000u64 << 44) | (1 << 41) | (15 << 36) | 1000;
    flac.extend_from_slice(&packed.to_be_bytes());
    flac.extend_from_slice(&[0xAB; 16]);
    out.push(("flac", flac));
    // 0B77, CRC, 48 kHz 384 kb/s, bsid 8, 3/2 with LFE, dialnorm 27.
    out.push((
        "ac3",
        vec![0x0B, 0x77, 0, 0, 0x1C, 0x40, 0xE1, 0xD8, 0, 0, 0, 0],
    ));
    out
}

/// A small HEIF `meta` payload for the item parser's seed.
fn heif_meta() -> Vec<u8> {
    use crate::container::mp4::boxes::build as boxed;
    let mut iinf = vec![0, 0, 0, 0, 0, 2];
    iinf.extend(boxed(
        b"infe",
        &[2, 0, 0, 0, 0, 1, 0, 0, b'h', b'v', b'c', b'1', 0],
    ));
    iinf.extend(boxed(
        b"infe",
        &[2, 0, 0, 0, 0, 2, 0, 0, b'h', b'v', b'c', b'1', 0],
    ));
    let iloc = [
        0, 0, 0, 0, 0x44, 0, 0, 2, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 10, 0, 2, 0, 0, 0, 1, 0,
        0, 1, 10, 0, 0, 0, 5,
    ];
    let mut iref = vec![0, 0, 0, 0];
    iref.extend(boxed(b"thmb", &[0, 2, 0, 1, 0, 1]));
    let mut ipco = boxed(b"ispe", &[0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 200]);
    ipco.extend(boxed(b"pixi", &[0, 0, 0, 0, 3, 8, 8, 8]));
    ipco.extend(boxed(b"irot", &[1]));
    let ipma = [0, 0, 0, 0, 0, 0, 0, 2, 0, 1, 2, 0x81, 2, 0, 2, 2, 1, 0x83];
    let mut iprp = boxed(b"ipco", &ipco);
    iprp.extend(boxed(b"ipma", &ipma));
    let mut meta = vec![0, 0, 0, 0];
    meta.extend(boxed(b"pitm", &[0, 0, 0, 0, 0, 1]));
    meta.extend(boxed(b"iinf", &iinf));
    meta.extend(boxed(b"iloc", &iloc));
    meta.extend(boxed(b"iref", &iref));
    meta.extend(boxed(b"iprp", &iprp));
    meta
}

/// A raw AC-4 frame (360 bytes, hex), for the `ac4_frames` seed.
const AC4_FRAME: [&str; 8] = [
    "bfcee59c20022a0097e0b104cadd0150825c82d8f8009dac1aa65b09c890a2581195f42a5a4000246ffd0e0140a01000",
    "003e00007c0001dcee00a0da08486412506036daaaab6aaad555556db55556d555aaaaaadb6aaaadaaab555555b6d555",
    "5b5556aaaaa8000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
    "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
    "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
    "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
    "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
    "000000000000000000000000000000000000000000000000",
];

#[cfg(test)]
mod tests {
    use crate::codec::{
        ac3, av1, dolby_vision, ffv1, flac, hdr10plus, hevc, icc, mpeg4v, mpega, mpegv, opus,
        prores, vc1, vc3, vorbis, vp9,
    };

    /// A seed that its parser rejects would only teach the fuzzer the error paths.
    #[test]
    fn builtin_seeds_are_valid() {
        for (target, b) in super::builtin() {
            let ok = match target {
                "hevc" => crate::fuzzing::split_framed(&b)
                    .first()
                    .is_some_and(|c| hevc::HevcConfig::parse(c).is_some()),
                "av1" => {
                    av1::Av1Config::parse(&b).is_some()
                        && av1::SequenceHeader::find(&b[4..]).is_some()
                }
                "vp9" => vp9::Vp9Frame::parse(&b).is_some(),
                "opus" => opus::OpusHead::parse(&b).is_some(),
                "vorbis" => vorbis::Identification::from_codec_private(&b).is_some(),
                "flac" => flac::StreamInfo::from_codec_private(&b).is_some(),
                "ac3" => {
                    ac3::Bsi::parse(&b).is_some_and(|h| h.acmod == 7 && h.lfeon && h.dialnorm == 27)
                }
                "mp4_items" => {
                    let items = crate::container::mp4::items::Items::parse(&b);
                    items.entries.len() == 2
                        && items.lengths.len() == 2
                        && items.references.len() == 1
                        && items.properties.len() == 3
                        && items.associations.len() == 2
                }
                "eac3" => !crate::codec::eac3::frames(&b).is_empty(),
                "emdf" => crate::codec::emdf::find(&b)
                    .is_some_and(|p| crate::codec::emdf::parse(&b, p).joc_objects.is_some()),
                "dts" => {
                    crate::codec::dts::DtsFrame::parse(&b).core.is_some()
                        || crate::codec::dts::SpecificBox::parse(&b).is_some()
                }
                "ac4" => crate::codec::ac4::Ac4Dsi::parse(&b).is_some(),
                "ac4_frames" => {
                    let pieces = crate::fuzzing::split_framed(&b);
                    let mut f = crate::codec::ac4::toc::Frames::default();
                    pieces.iter().skip(1).for_each(|p| f.push(p));
                    pieces.len() == 2 && f.presentations.len() == 1 && f.substreams.len() == 1
                }
                "mpegh" => crate::codec::mpegh::Mpegh3daConfig::parse_mhac(&b)
                    .is_some_and(|c| !c.drc.is_empty()),
                "mpega" => crate::fuzzing::split_framed(&b)
                    .first()
                    .is_some_and(|f| mpega::FrameHeader::parse(f).is_some()),
                "mpeg4v" => {
                    let mut p = mpeg4v::Mpeg4vParser::new();
                    for block in crate::fuzzing::split_framed(&b) {
                        p.push(block);
                    }
                    p.info().is_some()
                }
                "mpegv" => {
                    let mut p = mpegv::MpegvParser::new();
                    let blocks = crate::fuzzing::split_framed(&b);
                    blocks.iter().skip(1).for_each(|block| p.push(block));
                    p.info().is_some_and(|i| i.frames == 1)
                }
                "ffv1" => crate::fuzzing::split_framed(&b[2..])
                    .first()
                    .is_some_and(|r| ffv1::Parameters::from_record(r, 32, 32).is_some()),
                "vc3" => vc3::FrameHeader::parse(&b).is_some(),
                "prores" => prores::FrameHeader::parse(&b)
                    .is_some_and(|h| (h.width, h.frame_type) == (1920, 2)),
                "vc1" => vc1::SequenceHeader::find(&b).is_some_and(|h| h.frame_rate.is_some()),
                "dolby_vision" => dolby_vision::DolbyVisionConfig::parse(&b)
                    .is_some_and(|c| (c.profile, c.compatibility_id) == (7, 6)),
                "hdr10plus" => hdr10plus::parse_t35(&b).is_some(),
                "icc" => icc::colour_space(&b).as_deref() == Some("RGB"),
                "eia608" => crate::codec::eia608::sample_atoms(&b).count() == 2,
                "jpeg" => crate::codec::jpeg::parse(&b).is_some_and(|i| i.width == 16),
                _ => false,
            };
            assert!(ok, "builtin {target} seed does not parse");
        }
    }
}
