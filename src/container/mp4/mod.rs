//! ISO base media files (MP4, MOV, M4A, 3GP, fragmented MP4): the top-level walk.
//!
//! Only box headers are read at the top level; `ftyp`, `moov` and `moof` are read whole (within
//! size caps), `mdat` never: codec parsers later read just the samples they need.

pub mod boxes;
pub mod esds;
pub mod fragments;
pub mod items;
pub mod meta;
pub mod movie;
pub mod sample_entry;
pub mod sample_table;
pub mod samples;
pub mod structure;

use crate::source::{Source, read_exact_at, read_up_to};
use crate::{Error, Result};

use boxes::{BoxHeader, FourCC};
use fragments::{FragmentTotals, TrackDefaults};
use movie::Movie;
use structure::{Overflow, WalkContext};

/// Largest `moov` read into memory. An analysis holds the `moov` and its parsed tables, about
/// twice its size; 128 MiB of `moov` describes days of video, and twice that still fits a
/// Lambda of 512 MB.
pub const MAX_MOOV: u64 = 128 << 20;
/// Largest `moof` read into memory.
const MAX_MOOF: u64 = 16 << 20;
/// Largest top-level `meta` (HEIF item metadata) read into memory.
const MAX_META: u64 = 4 << 20;
/// Most top-level boxes walked.
const MAX_TOP_BOXES: usize = 100_000;

/// Top-level box types that start an ISO-BMFF file.
const FIRST_BOXES: [&[u8; 4]; 14] = [
    b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot", b"moof", b"styp", b"sidx",
    b"uuid", b"jP  ", b"pdin", b"meta",
];

/// Whether `head` looks like the start of an ISO-BMFF file.
pub fn probe(head: &[u8]) -> bool {
    head.get(4..8)
        .is_some_and(|k| FIRST_BOXES.iter().any(|b| &b[..] == k))
}

/// `ftyp`.
#[derive(Clone, Debug, Default)]
pub struct FileType {
    pub major_brand: FourCC,
    pub minor_version: u32,
    pub compatible_brands: Vec<FourCC>,
}

impl Default for FourCC {
    fn default() -> Self {
        FourCC(*b"    ")
    }
}

/// One top-level box: its type, where it starts and how long it is.
#[derive(Clone, Copy, Debug)]
pub struct TopBox {
    pub kind: FourCC,
    pub offset: u64,
    pub header_len: u64,
    pub size: u64,
}

/// What the top-level walk found.
#[derive(Clone, Debug, Default)]
pub struct Mp4File {
    pub file_size: u64,
    pub file_type: Option<FileType>,
    pub top: Vec<TopBox>,
    pub movie: Option<Movie>,
    /// Sample totals from `moof`s, per track.
    pub fragments: Vec<FragmentTotals>,
    /// The walk stopped at a broken or cut box.
    pub truncated: bool,
    /// Boxes whose declared size runs past their parent, as MediaInfo walks the tree.
    pub overflows: Vec<Overflow>,
    /// Where the last top-level box says the file ends, when that is past its real end.
    pub expected_size: Option<u64>,
    /// HEIF / AVIF items of the first top-level `meta` that names any.
    pub items: Option<items::Items>,
}

impl Mp4File {
    /// Walks the top-level boxes of `src`.
    pub fn read(src: &dyn Source) -> Result<Mp4File> {
        let file_size = src.len();
        let mut f = Mp4File {
            file_size,
            ..Default::default()
        };
        let mut offset = 0u64;
        while offset < file_size && f.top.len() < MAX_TOP_BOXES {
            let head = read_up_to(src, offset, 16)?;
            let Some(h) = BoxHeader::parse(&head) else {
                f.truncated = true;
                break;
            };
            let size = h.size.unwrap_or(file_size - offset);
            let top = TopBox {
                kind: h.kind,
                offset,
                header_len: h.header_len,
                size,
            };
            f.top.push(top);
            let end = offset.saturating_add(size);
            structure::check_top(f.walk_context(), &head, offset, &mut f.overflows);
            if end > file_size {
                f.truncated = true;
                f.expected_size = Some(end);
            }
            f.read_box(src, &top)?;
            if end <= offset {
                break;
            }
            offset = end;
        }
        Ok(f)
    }

    /// Whether File_Mpeg4 accepts the file: it does on `ftyp`, `moov`, `mdat`, `jp2c` or a
    /// free-space box; a file of `moof`s or `sidx` alone stays unrecognised.
    pub fn accepted(&self) -> bool {
        self.top.iter().any(|b| {
            matches!(
                &b.kind.0,
                b"ftyp" | b"moov" | b"mdat" | b"jp2c" | b"free" | b"skip" | b"wide"
            )
        })
    }

    fn read_box(&mut self, src: &dyn Source, b: &TopBox) -> Result<()> {
        let payload_start = b.offset + b.header_len;
        let available = self.file_size.saturating_sub(payload_start);
        let len = b.size.saturating_sub(b.header_len).min(available);
        match &b.kind.0 {
            b"ftyp" => {
                let p = read_exact_at(src, payload_start, len.min(4096) as usize)?;
                self.file_type = parse_ftyp(&p);
            }
            b"moov" if self.movie.is_none() => {
                if len > MAX_MOOV {
                    return Err(Error::TooLarge {
                        what: "moov",
                        size: len,
                        limit: MAX_MOOV,
                    });
                }
                let p = read_exact_at(src, payload_start, len as usize)?;
                self.check_list(b, &p);
                self.movie = Some(Movie::parse(&p));
            }
            b"moof" if len <= MAX_MOOF => {
                let p = read_exact_at(src, payload_start, len as usize)?;
                self.check_list(b, &p);
                let trex: Vec<(u32, u32, u32)> = self
                    .movie
                    .as_ref()
                    .map(|m| m.trex.clone())
                    .unwrap_or_default();
                let defaults = |id: u32| {
                    trex.iter()
                        .find(|t| t.0 == id)
                        .map(|t| TrackDefaults {
                            duration: t.1,
                            size: t.2,
                        })
                        .unwrap_or_default()
                };
                fragments::add_moof(&p, b.offset, defaults, &mut self.fragments);
            }
            b"meta" if len <= MAX_META => {
                let p = read_exact_at(src, payload_start, len as usize)?;
                self.check_list(b, &p);
                if self.items.is_none() {
                    let found = items::Items::parse(&p);
                    if !found.is_empty() {
                        self.items = Some(found);
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// What MediaInfo's box walk needs to know about this file.
    fn walk_context(&self) -> WalkContext {
        WalkContext {
            file_size: self.file_size,
            quicktime: self.is_quicktime(),
        }
    }

    /// Records the overflows in the children of top-level box `b`, whose payload is `p`.
    fn check_list(&mut self, b: &TopBox, p: &[u8]) {
        let end = b.offset.saturating_add(b.size).min(self.file_size);
        let start = b.offset + b.header_len;
        structure::check_list(
            self.walk_context(),
            b.kind,
            p,
            start,
            end,
            &mut self.overflows,
        );
    }

    /// MediaInfo's `IsQt()`: no `ftyp`, or `qt  ` as the major or a compatible brand.
    pub fn is_quicktime(&self) -> bool {
        self.file_type.as_ref().is_none_or(|ft| {
            ft.major_brand == b"qt  " || ft.compatible_brands.iter().any(|b| b == &b"qt  ")
        })
    }

    /// Fragment totals for a track id.
    pub fn fragment_totals(&self, track_id: u32) -> Option<&FragmentTotals> {
        self.fragments.iter().find(|t| t.track_id == track_id)
    }
}

fn parse_ftyp(p: &[u8]) -> Option<FileType> {
    let major = FourCC(p.get(0..4)?.try_into().ok()?);
    let minor = u32::from_be_bytes(p.get(4..8)?.try_into().ok()?);
    let compatible_brands = p
        .get(8..)
        .unwrap_or(&[])
        .chunks_exact(4)
        .map(|c| FourCC([c[0], c[1], c[2], c[3]]))
        .collect();
    Some(FileType {
        major_brand: major,
        minor_version: minor,
        compatible_brands,
    })
}
