//! Writes seed corpora for the fuzz targets: `fuzz_seeds OUT_DIR FILE...` cuts seeds out of
//! each file (see `mediainfo_rs::fuzzing::seeds`) and adds the built-in codec seeds, one file
//! per seed under `OUT_DIR/<target>/`, named by a hash of its bytes. Run by `fuzz/make-corpus`.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

use mediainfo_rs::fuzzing::{TARGETS, seeds};

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next() else {
        eprintln!("usage: fuzz_seeds OUT_DIR FILE...");
        std::process::exit(2);
    };
    let out = Path::new(&out);
    let mut all = seeds::builtin();
    for file in args {
        all.extend(seeds::from_file(&std::fs::read(&file)?));
    }
    for (target, _) in TARGETS {
        std::fs::create_dir_all(out.join(target))?;
    }
    for (target, bytes) in &all {
        let mut h = DefaultHasher::new();
        bytes.hash(&mut h);
        std::fs::write(out.join(target).join(format!("{:016x}", h.finish())), bytes)?;
    }
    for (target, _) in TARGETS {
        let n = all.iter().filter(|s| s.0 == *target).count();
        println!("{target}: {n} seeds");
    }
    Ok(())
}
