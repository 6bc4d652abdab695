//! Hostile input: truncated and corrupted files must give a report or an error, never a panic
//! or a hang. Uses a small MP4 built here, and a few corpus files when `../shared` is present.

use mediainfo_rs::container::mp4::boxes::build as bx;
use mediainfo_rs::source::MemorySource;

/// A tiny but complete MP4: ftyp, moov with one video track (avc1/avcC), mdat.
fn tiny_mp4() -> Vec<u8> {
    fn full(kind: &[u8; 4], payload: &[u8]) -> Vec<u8> {
        let mut p = vec![0, 0, 0, 0];
        p.extend_from_slice(payload);
        bx(kind, &p)
    }
    // Offsets below count the version/flags word, which `full` adds back.
    let mut mvhd = [0u8; 100];
    mvhd[12..16].copy_from_slice(&1000u32.to_be_bytes()); // timescale
    mvhd[16..20].copy_from_slice(&1000u32.to_be_bytes()); // duration
    let mut tkhd = [0u8; 84];
    tkhd[3] = 1; // enabled
    tkhd[12..16].copy_from_slice(&1u32.to_be_bytes()); // track id
    tkhd[20..24].copy_from_slice(&1000u32.to_be_bytes()); // duration
    tkhd[40..44].copy_from_slice(&0x0001_0000u32.to_be_bytes()); // matrix a
    tkhd[56..60].copy_from_slice(&0x0001_0000u32.to_be_bytes()); // matrix d
    tkhd[76..80].copy_from_slice(&(320u32 << 16).to_be_bytes());
    tkhd[80..84].copy_from_slice(&(240u32 << 16).to_be_bytes());
    let mut mdhd = [0u8; 24];
    mdhd[12..16].copy_from_slice(&25u32.to_be_bytes()); // timescale
    mdhd[16..20].copy_from_slice(&25u32.to_be_bytes()); // duration
    let mut hdlr = vec![0u8; 4];
    hdlr.extend_from_slice(b"vide");
    hdlr.extend_from_slice(&[0; 12]);
    hdlr.extend_from_slice(b"VideoHandler\0");
    let mut avc1 = vec![0u8; 78];
    avc1[7] = 1;
    avc1[24..26].copy_from_slice(&320u16.to_be_bytes());
    avc1[26..28].copy_from_slice(&240u16.to_be_bytes());
    let avcc = [
        1, 0x42, 0xC0, 0x1E, 0xFF, 0xE1, 0, 4, 0x67, 0x42, 0xC0, 0x1E, 1, 0, 2, 0x68, 0xCE,
    ];
    avc1.extend(bx(b"avcC", &avcc));
    let mut stsd = vec![0, 0, 0, 1];
    stsd.extend(bx(b"avc1", &avc1));
    let stts = [0, 0, 0, 1, 0, 0, 0, 25, 0, 0, 0, 1];
    let stsc = [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 25, 0, 0, 0, 1];
    let mut stsz = vec![0, 0, 0, 0, 0, 0, 0, 25];
    for _ in 0..25 {
        stsz.extend_from_slice(&4u32.to_be_bytes());
    }
    let stco = [0, 0, 0, 1, 0, 0, 0, 0];
    let stbl = [
        full(b"stsd", &stsd),
        full(b"stts", &stts),
        full(b"stsc", &stsc),
        full(b"stsz", &stsz),
        full(b"stco", &stco),
    ]
    .concat();
    let minf = [full(b"vmhd", &[0; 8]), bx(b"stbl", &stbl)].concat();
    let mdia = [
        full(b"mdhd", &mdhd[4..]),
        full(b"hdlr", &hdlr),
        bx(b"minf", &minf),
    ]
    .concat();
    let trak = [full(b"tkhd", &tkhd[4..]), bx(b"mdia", &mdia)].concat();
    let moov = [full(b"mvhd", &mvhd[4..]), bx(b"trak", &trak)].concat();
    [
        bx(b"ftyp", b"isom\0\0\x02\0isomavc1"),
        bx(b"moov", &moov),
        bx(b"mdat", &[0u8; 100]),
    ]
    .concat()
}

fn analyze(bytes: &[u8]) {
    let _ = mediainfo_rs::analyze(&MemorySource::new(bytes), "x.mp4");
}

#[test]
fn tiny_mp4_reports_its_track() {
    let bytes = tiny_mp4();
    let report = mediainfo_rs::analyze(&MemorySource::new(&bytes), "x.mp4").unwrap();
    let video = report
        .streams
        .iter()
        .find(|s| s.kind() == mediainfo_rs::StreamKind::Video);
    assert_eq!(video.and_then(|v| v.get("Width")), Some("320"));
    assert_eq!(video.and_then(|v| v.get("FrameCount")), Some("25"));
}

#[test]
fn every_prefix_and_byte_flip_is_survived() {
    let bytes = tiny_mp4();
    for len in 0..bytes.len() {
        analyze(&bytes[..len]);
    }
    for i in 0..bytes.len() {
        for v in [0x00, 0xFF, 0x7F, 0x80] {
            let mut b = bytes.clone();
            b[i] = v;
            analyze(&b);
        }
    }
}

#[test]
fn corpus_prefixes_are_survived() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let files = ["w3schools-mov_bbb/mov_bbb.mp4", "pymediainfo/sample.mp4"];
    let mut tried = 0;
    for f in files {
        let Ok(bytes) = std::fs::read(shared.join(f)) else {
            continue;
        };
        tried += 1;
        let step = (bytes.len() / 200).max(1);
        for len in (0..bytes.len()).step_by(step) {
            analyze(&bytes[..len]);
        }
    }
    if tried == 0 {
        println!("SKIPPED corpus prefixes: no corpus at {}", shared.display());
    }
}

#[test]
fn fixture_prefixes_and_flips_are_survived() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/media");
    for name in [
        "mkv-avc-aac.mkv",
        "webm-opus.webm",
        "fragmented.mp4",
        "quicktime.mov",
    ] {
        let bytes = std::fs::read(dir.join(name)).expect("fixture");
        let step = (bytes.len() / 300).max(1);
        for len in (0..bytes.len()).step_by(step) {
            analyze(&bytes[..len]);
        }
        // Flip bytes in the metadata at the start, where headers and sizes live.
        for i in (0..bytes.len().min(4096)).step_by(7) {
            let mut b = bytes.clone();
            b[i] ^= 0xFF;
            analyze(&b);
        }
    }
}
