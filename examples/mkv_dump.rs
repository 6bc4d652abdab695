//! Prints the level-1 structure the Matroska reader found (a developer aid).
fn main() {
    for path in std::env::args().skip(1) {
        let src = mediainfo_rs::source::FileSource::open(&path).expect("open");
        match mediainfo_rs::container::mkv::MkvFile::read(&src) {
            Ok(f) => {
                println!(
                    "{path}: segment at {} size {:?}",
                    f.segment_start, f.segment_size
                );
                for e in &f.top {
                    println!("  {:#x} at {} size {:?}", e.id, e.offset, e.size);
                }
                println!(
                    "  tracks {} tags {} blocks {:?}",
                    f.tracks.len(),
                    f.tags.len(),
                    f.blocks
                        .tracks
                        .iter()
                        .map(|(k, v)| (*k, v.frames.len()))
                        .collect::<Vec<_>>()
                );
            }
            Err(e) => println!("{path}: {e}"),
        }
    }
}
