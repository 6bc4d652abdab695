//! A source over a local file, read with positioned reads (no seeking state).

use super::Source;
use std::fs::File;
use std::io;
use std::path::Path;
use std::time::SystemTime;

/// A local file.
#[derive(Debug)]
pub struct FileSource {
    file: File,
    len: u64,
    /// Its modification time, from the metadata read at open (no second stat by path).
    modified: Option<SystemTime>,
}

impl FileSource {
    /// Opens `path` for reading.
    pub fn open(path: impl AsRef<Path>) -> io::Result<Self> {
        let file = File::open(path)?;
        let meta = file.metadata()?;
        if meta.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "is a directory",
            ));
        }
        Ok(Self {
            file,
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }

    /// The file's modification time, when the system gives one.
    pub fn modified(&self) -> Option<SystemTime> {
        self.modified
    }
}

impl Source for FileSource {
    fn len(&self) -> u64 {
        self.len
    }

    fn read_at(&self, offset: u64, buf: &mut [u8]) -> io::Result<usize> {
        if offset >= self.len {
            return Ok(0);
        }
        let want = buf
            .len()
            .min(usize::try_from(self.len - offset).unwrap_or(usize::MAX));
        let mut filled = 0;
        while filled < want {
            let n = read_at_os(&self.file, &mut buf[filled..want], offset + filled as u64)?;
            if n == 0 {
                break;
            }
            filled += n;
        }
        Ok(filled)
    }
}

#[cfg(unix)]
fn read_at_os(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at_os(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, offset)
}
