//! Memory per analysis, measured: a counting global allocator records the peak heap in use
//! while each file is analyzed (fixtures always, the shared corpus when present), and hostile
//! files whose declared counts and sizes are huge must not make it grow.
//!
//! The bound (README, "Robustness"): an analysis holds at most the metadata it reads whole
//! (`moov` up to 128 MiB, Matroska metadata elements up to 16 MiB each) about twice over
//! (the bytes, and the tables parsed from them), plus fixed caps: 4 MiB of samples read at
//! once, 16 MiB of Matroska frames. Over every real file here the peak stays under
//! [`PEAK_LIMIT`].

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use mediainfo_rs::container::mp4::boxes::build as bx;
use mediainfo_rs::source::MemorySource;

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator unchanged; only counts bytes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let grow = new_size - layout.size();
                let now = CURRENT.fetch_add(grow, Ordering::Relaxed) + grow;
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                CURRENT.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Tests in this file measure one at a time (the counters are global).
static SERIAL: Mutex<()> = Mutex::new(());

/// Peak heap of one analysis of a real file, at most.
const PEAK_LIMIT: usize = 16 << 20;

/// Heap bytes an analysis of `f` held at its peak, above what was in use before it.
fn peak_of(f: impl FnOnce()) -> usize {
    let base = CURRENT.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    f();
    PEAK.load(Ordering::Relaxed).saturating_sub(base)
}

fn files_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, out);
        } else if p.extension().is_none_or(|x| x != "md") {
            out.push(p);
        }
    }
}

#[test]
fn peak_memory_per_analysis_is_small() {
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    files_under(&root.join("fixtures/media"), &mut files);
    let fixtures = files.len();
    files_under(&root.join("../shared/corpus"), &mut files);
    let mut peaks: Vec<(usize, u64, String)> = Vec::new();
    for path in &files {
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        // From disk, as the CLI reads: only what the analysis asks for is in memory.
        let peak = peak_of(|| {
            let _ = mediainfo_rs::analyze_path(path);
        });
        peaks.push((peak, size, path.display().to_string()));
    }
    peaks.sort_unstable_by(|a, b| b.cmp(a));
    println!(
        "peak heap per analysis over {} files ({fixtures} fixtures): largest",
        peaks.len()
    );
    for (peak, size, name) in peaks.iter().take(5) {
        println!("  {:>9} bytes peak, file {size:>10} bytes: {name}", peak);
    }
    for (peak, _, name) in &peaks {
        assert!(*peak <= PEAK_LIMIT, "{name}: peak heap {peak} bytes");
    }
}

/// A moov with one track whose sample tables each claim 2^32 - 1 entries in a few bytes,
/// and a trun claiming as many samples.
fn hostile_mp4() -> Vec<u8> {
    let huge = u32::MAX.to_be_bytes();
    let table = |kind: &[u8; 4], extra: &[u8]| {
        let mut p = vec![0, 0, 0, 0];
        p.extend_from_slice(extra);
        p.extend_from_slice(&huge);
        p.extend_from_slice(&[0x11; 64]);
        bx(kind, &p)
    };
    let stbl = [
        table(b"stts", &[]),
        table(b"ctts", &[]),
        table(b"stss", &[]),
        table(b"stsc", &[]),
        table(b"stsz", &[0, 0, 0, 0]),
        table(b"stco", &[]),
        table(b"co64", &[]),
        table(b"stsd", &[]),
    ]
    .concat();
    let mut hdlr = vec![0u8; 8];
    hdlr.extend_from_slice(b"vide");
    hdlr.extend_from_slice(&[0; 13]);
    let mdia = [bx(b"hdlr", &hdlr), bx(b"minf", &bx(b"stbl", &stbl))].concat();
    let moov = [
        bx(b"trak", &bx(b"mdia", &mdia)),
        bx(b"mvex", &bx(b"trex", &[0; 24])),
    ]
    .concat();
    let mut trun = vec![0, 0, 0, 0];
    trun.extend_from_slice(&huge);
    let moof = bx(b"moof", &bx(b"traf", &bx(b"trun", &trun)));
    [bx(b"ftyp", b"isom\0\0\0\0"), bx(b"moov", &moov), moof].concat()
}

#[test]
fn declared_counts_do_not_drive_allocation() {
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let file = hostile_mp4();
    assert!(file.len() < 1024);
    let peak = peak_of(|| {
        let _ = mediainfo_rs::analyze(&MemorySource::new(&file), "hostile.mp4");
    });
    // 2^32 entries of 4 bytes would be 16 GiB; what the analysis holds is a few KiB.
    assert!(
        peak < 256 << 10,
        "peak heap {peak} bytes for a {} byte file",
        file.len()
    );

    // A moov that claims more bytes than the file holds is read as far as the file goes.
    let mut cut = bx(b"ftyp", b"isom\0\0\0\0");
    cut.extend_from_slice(&(u32::MAX).to_be_bytes());
    cut.extend_from_slice(b"moov");
    cut.extend_from_slice(&[0; 100]);
    let peak = peak_of(|| {
        let _ = mediainfo_rs::analyze(&MemorySource::new(&cut), "cut.mp4");
    });
    assert!(peak < 256 << 10, "peak heap {peak} bytes for a cut moov");

    // An EBML element claiming 2^56 bytes, in a 64-byte file.
    let mut mkv = vec![0x1A, 0x45, 0xDF, 0xA3, 0x84, 0x42, 0x82, 0x81, b'w'];
    mkv.extend_from_slice(&[
        0x18, 0x53, 0x80, 0x67, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
    ]);
    mkv.extend_from_slice(&[
        0x16, 0x54, 0xAE, 0x6B, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
    ]);
    mkv.resize(64, 0);
    let peak = peak_of(|| {
        let _ = mediainfo_rs::analyze(&MemorySource::new(&mkv), "huge.mkv");
    });
    assert!(peak < 256 << 10, "peak heap {peak} bytes for a 64-byte mkv");
}

/// A 40 MiB `moov` whose one track has `stsz`, `stco` and `stss` tables of 8 MiB and a
/// `ctts` of 16 MiB, all entries real. The analysis holds the `moov` bytes and the sizes (which it sums and
/// scans), but only counts or the first entries of the rest: under 1.5 times the `moov`.
#[test]
fn real_tables_cost_about_their_bytes() {
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    const ENTRIES: u32 = 2 << 20;
    let full_box = |kind: &[u8; 4], head: &[u8], entry: &dyn Fn(u32) -> Vec<u8>| {
        let mut p = vec![0, 0, 0, 0];
        p.extend_from_slice(head);
        p.extend_from_slice(&ENTRIES.to_be_bytes());
        for i in 0..ENTRIES {
            p.extend(entry(i));
        }
        bx(kind, &p)
    };
    let stbl = [
        bx(
            b"stts",
            &[0, 0, 0, 0, 0, 0, 0, 1, 0, 0x20, 0, 0, 0, 0, 0, 1],
        ),
        full_box(b"stsz", &[0, 0, 0, 0], &|i| {
            (100 + i % 7).to_be_bytes().to_vec()
        }),
        bx(
            b"stsc",
            &[0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1],
        ),
        full_box(b"stco", &[], &|i| (4096 + i).to_be_bytes().to_vec()),
        full_box(b"ctts", &[], &|i| {
            [1u32.to_be_bytes(), i.to_be_bytes()].concat()
        }),
        full_box(b"stss", &[], &|i| (i * 12 + 1).to_be_bytes().to_vec()),
    ]
    .concat();
    let mut hdlr = vec![0u8; 8];
    hdlr.extend_from_slice(b"vide");
    hdlr.extend_from_slice(&[0; 13]);
    let mdia = [bx(b"hdlr", &hdlr), bx(b"minf", &bx(b"stbl", &stbl))].concat();
    let moov = bx(b"moov", &bx(b"trak", &bx(b"mdia", &mdia)));
    let moov_len = moov.len();
    let file = [bx(b"ftyp", b"isom\0\0\0\0"), moov].concat();
    let peak = peak_of(|| {
        let _ = mediainfo_rs::analyze(&MemorySource::new(&file), "tables.mp4");
    });
    println!("peak heap {peak} bytes for a {moov_len} byte moov");
    assert!(
        peak < moov_len * 3 / 2,
        "peak heap {peak} bytes for a {moov_len} byte moov"
    );
}

/// A `moov` over the cap is refused with an error that says so, before any of it is read.
#[test]
fn moov_over_the_cap_is_an_error() {
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let cap = mediainfo_rs::container::mp4::MAX_MOOV as usize;
    let mut file = bx(b"ftyp", b"isom\0\0\0\0");
    file.extend_from_slice(&((cap + 9) as u32).to_be_bytes());
    file.extend_from_slice(b"moov");
    file.resize(file.len() + cap + 1, 0);
    let mut result = None;
    let peak = peak_of(|| {
        result = Some(mediainfo_rs::analyze(&MemorySource::new(&file), "big.mp4"));
    });
    let err = result.unwrap().expect_err("a moov over the cap");
    assert!(
        err.to_string()
            .starts_with("moov of 134217729 bytes is larger than"),
        "{err}"
    );
    assert!(peak < 1 << 20, "peak heap {peak} bytes");
}

/// 20,000 tiny `moof`s, each a `traf` of a new track id whose `trun` claims 2^32 - 1 samples
/// with no per-sample fields: 840 KB of boxes. Each track's totals keep up to 1024 sample
/// positions, so unbounded tracks would hold 20,000 × 16 KiB = 320 MB, and counting every
/// claimed sample one by one would take 2 × 10^10 steps.
#[test]
fn many_fragment_tracks_are_bounded() {
    let _guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut file = bx(b"ftyp", b"isom\0\0\0\0");
    file.extend(bx(b"moov", &bx(b"mvex", &bx(b"trex", &[0; 24]))));
    for id in 1..=20_000u32 {
        let mut tfhd = vec![0, 0, 0, 0x18]; // default duration and size present
        tfhd.extend_from_slice(&id.to_be_bytes());
        tfhd.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 1]);
        let mut trun = vec![0, 0, 0, 0];
        trun.extend_from_slice(&u32::MAX.to_be_bytes());
        let traf = [bx(b"tfhd", &tfhd), bx(b"trun", &trun)].concat();
        file.extend(bx(b"moof", &bx(b"traf", &traf)));
    }
    let peak = peak_of(|| {
        let _ = mediainfo_rs::analyze(&MemorySource::new(&file), "fragments.mp4");
    });
    // 256 tracks followed at most, 1024 positions each: 4 MiB, plus the walk itself.
    assert!(
        peak < 8 << 20,
        "peak heap {peak} bytes for {} bytes of moofs",
        file.len()
    );
}
