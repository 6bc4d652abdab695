//! Support for the Lambda end-to-end tests: a Runtime API, an S3 server, HTTP plumbing, and
//! where the `bootstrap` binary is.

#![allow(dead_code)]

pub mod http;
pub mod moto;
pub mod runtime_api;

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Whether missing tools fail the tests (`.ci/run` sets `MEDIAINFO_E2E=require`) instead of
/// skipping them.
pub fn required() -> bool {
    std::env::var("MEDIAINFO_E2E").is_ok_and(|v| v == "require")
}

/// Skips (with a message on the terminal: written to stderr directly, which the test harness
/// does not capture) or, when the tools are required, fails.
pub fn unavailable(what: &str) {
    if required() {
        panic!("MEDIAINFO_E2E=require, but {what}");
    }
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED (Lambda tests): {what}");
}

/// The musl `bootstrap` that `layer-free-deploy/build.sh` builds (or `MEDIAINFO_BOOTSTRAP`),
/// if it exists and is newer than the sources; otherwise why not.
pub fn bootstrap() -> Result<PathBuf, String> {
    let path = match std::env::var_os("MEDIAINFO_BOOTSTRAP") {
        Some(p) => PathBuf::from(p),
        None => {
            let exe = std::env::current_exe().map_err(|e| e.to_string())?;
            // target/<profile>/deps/<test> → target
            let target = exe
                .ancestors()
                .nth(3)
                .ok_or("no target directory")?
                .to_path_buf();
            target.join("x86_64-unknown-linux-musl/lambda/bootstrap")
        }
    };
    let built = std::fs::metadata(&path)
        .and_then(|m| m.modified())
        .map_err(|_| {
            format!(
                "no {} (build it with layer-free-deploy/build.sh)",
                path.display()
            )
        })?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let newest = newest_source(&root.join("src"))
        .into_iter()
        .chain(["Cargo.toml", "Cargo.lock"].iter().filter_map(|f| {
            std::fs::metadata(root.join(f))
                .and_then(|m| m.modified())
                .ok()
        }))
        .max();
    if newest.is_some_and(|n| n > built) {
        return Err(format!(
            "{} is older than the sources (rebuild it with layer-free-deploy/build.sh)",
            path.display()
        ));
    }
    Ok(path)
}

fn newest_source(dir: &Path) -> Option<SystemTime> {
    let mut newest = None;
    for e in std::fs::read_dir(dir).ok()?.flatten() {
        let p = e.path();
        let t = if p.is_dir() {
            newest_source(&p)
        } else {
            e.metadata().and_then(|m| m.modified()).ok()
        };
        newest = newest.max(t);
    }
    newest
}

/// A fresh scratch folder under the target directory.
pub fn scratch(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe
        .ancestors()
        .nth(3)
        .unwrap()
        .join("lambda-e2e")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
