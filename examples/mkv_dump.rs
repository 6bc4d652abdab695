//! Prints what the Matroska walk found (a developer aid).
use mediainfo_rs::container::mkv::{MkvFile, NoFrames, find_ebml};

fn main() {
    for path in std::env::args().skip(1) {
        let src = mediainfo_rs::source::FileSource::open(&path).expect("open");
        let start = find_ebml(&src).ok().flatten().unwrap_or(0);
        match MkvFile::read(&src, start, &mut NoFrames) {
            Ok(Some(f)) => {
                println!("{path}: segment {:?}", f.segment);
                for t in &f.tracks {
                    println!("  track {:?} {:?} {:?}", t.number, t.kind, t.codec_id);
                }
                for (n, p) in &f.props {
                    println!(
                        "  number {n}: {} blocks, first timestamp {:?}",
                        p.blocks.packets, p.blocks.timecode_start
                    );
                }
                println!("  tags for {} targets", f.tags.len());
                for c in &f.conformance {
                    println!("  {}: {} {}", c.field, c.value, c.note);
                }
            }
            Ok(None) => println!("{path}: not Matroska"),
            Err(e) => println!("{path}: {e}"),
        }
    }
}
