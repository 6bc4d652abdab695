//! The box tree as MediaInfo walks it, for its conformance report.
//!
//! MediaInfo descends only into the boxes its parser table marks as lists, reads box headers
//! with its own quirks (a zero size runs to the end of the *file*, a size below 8 too, an ISO
//! `meta` full box under `moov` is read as a plain container), and flags every box whose
//! declared size runs past its parent's end. This module reproduces that walk over bytes
//! already in memory and records those overflows; `report::mp4::conformance` words them.

use super::boxes::FourCC;

/// A box whose declared size runs past the end of its parent (or of the file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overflow {
    /// Box types from the top level down to the offending box.
    pub path: Vec<FourCC>,
    /// Declared size less the header, as MediaInfo reads it.
    pub size: u64,
    /// Bytes left in the parent after the header.
    pub permitted: u64,
    /// File offset just after the header.
    pub offset: u64,
}

/// What the walk needs to know about the file.
#[derive(Clone, Copy, Debug)]
pub struct WalkContext {
    pub file_size: u64,
    /// MediaInfo's `IsQt()`: no `ftyp`, or `qt  ` as major or compatible brand. Picks the
    /// layout of audio sample entries.
    pub quicktime: bool,
}

/// A list box: MediaInfo parses its children as boxes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum List {
    /// Top-level `meta` (HEIF).
    Meta,
    MetaGrpl,
    MetaIinf,
    MetaIprp,
    MetaIref,
    Jp2h,
    Mfra,
    Moof,
    Traf,
    Moov,
    Cmov,
    /// `moov/meta`: a plain container to MediaInfo, even when it is an ISO full box.
    MoovMeta,
    /// `keys` under `moov/meta` or `moov/udta/meta`.
    Keys,
    Ilst,
    IlstItem,
    Mvex,
    Trak,
    Edts,
    Mdia,
    Imap,
    ImapSean,
    ImapSeanIn,
    Minf,
    Code,
    CodeSean,
    Dinf,
    Dref,
    Gmhd,
    GmhdTmcd,
    Stbl,
    Stsd,
    /// A sample description (`avc1`, `mp4a`, …) of the current track.
    Entry,
    Mebx,
    MebxKeys,
    MebxKeysPhdr,
    Stpp,
    Tmcd,
    Tx3g,
    EntryJp2h,
    Sinf,
    Vexu,
    VexuEyes,
    Wave,
    Tapt,
    Tref,
    TrakUdta,
    Udta,
    DcMD,
    DcME,
    Hnti,
    UdtaMeta,
    Tags,
    Tseg,
}

/// The list a child box of `parent` is, or `None` for a box MediaInfo reads as a whole.
fn child_list(parent: Option<List>, code: &[u8; 4]) -> Option<List> {
    use List::*;
    Some(match (parent, code) {
        (None, b"jp2h") => Jp2h,
        (None, b"meta") => Meta,
        (None, b"mfra") => Mfra,
        (None, b"moof") => Moof,
        (None, b"moov") => Moov,
        (Some(Meta), b"grpl") => MetaGrpl,
        (Some(Meta), b"iinf") => MetaIinf,
        (Some(Meta), b"iprp") => MetaIprp,
        (Some(Meta), b"iref") => MetaIref,
        (Some(Moof), b"traf") => Traf,
        (Some(Moov), b"cmov") => Cmov,
        (Some(Moov), b"meta") => MoovMeta,
        (Some(Moov), b"mvex") => Mvex,
        (Some(Moov), b"trak") => Trak,
        (Some(Moov), b"udta") => Udta,
        (Some(MoovMeta | UdtaMeta), b"keys") => Keys,
        (Some(MoovMeta | UdtaMeta), b"ilst") => Ilst,
        (Some(Ilst), _) => IlstItem,
        (Some(Trak), b"edts") => Edts,
        (Some(Trak), b"mdia") => Mdia,
        (Some(Trak), b"tapt") => Tapt,
        (Some(Trak), b"tref") => Tref,
        (Some(Trak), b"udta") => TrakUdta,
        (Some(Mdia), b"imap") => Imap,
        (Some(Mdia), b"minf") => Minf,
        (Some(Imap), b"sean") => ImapSean,
        (Some(ImapSean), b"\0\0in") => ImapSeanIn,
        (Some(Minf), b"code") => Code,
        (Some(Minf), b"dinf") => Dinf,
        (Some(Minf), b"gmhd") => Gmhd,
        (Some(Minf), b"stbl") => Stbl,
        (Some(Code), b"sean") => CodeSean,
        (Some(Dinf), b"dref") => Dref,
        (Some(Gmhd), b"tmcd") => GmhdTmcd,
        (Some(Stbl), b"stsd") => Stsd,
        (Some(Stsd), b"mebx") => Mebx,
        (Some(Stsd), b"stpp") => Stpp,
        (Some(Stsd), b"text") => return None,
        (Some(Stsd), b"tmcd") => Tmcd,
        (Some(Stsd), b"tx3g") => Tx3g,
        (Some(Stsd), _) => Entry,
        (Some(Mebx), b"keys") => MebxKeys,
        (Some(MebxKeys), b"PHDR") => MebxKeysPhdr,
        (Some(Entry), b"jp2h") => EntryJp2h,
        (Some(Entry), b"sinf") => Sinf,
        (Some(Entry), b"vexu") => Vexu,
        (Some(Entry), b"wave") => Wave,
        (Some(Vexu), b"eyes") => VexuEyes,
        (Some(Udta), b"DcMD") => DcMD,
        (Some(Udta), b"hnti") => Hnti,
        (Some(Udta), b"meta") => UdtaMeta,
        (Some(Udta), b"tags") => Tags,
        (Some(DcMD), b"DcME") => DcME,
        (Some(Tags), b"tseg") => Tseg,
        _ => return None,
    })
}

/// What MediaInfo's header reader makes of the bytes at one position.
enum Header {
    /// Padding MediaInfo skips without complaint.
    Junk(u64),
    /// A box: its type, header length and declared size (whole box).
    Box {
        code: [u8; 4],
        header_len: u64,
        size: u64,
    },
    /// Not enough bytes for a header: MediaInfo gives up on the rest of the parent.
    Stop,
}

/// Reads a header at `pos` (file offset) from `bytes` (what the file has from there on);
/// `remaining` is what the parent has left.
fn read_header(bytes: &[u8], pos: u64, remaining: u64, file_size: u64, top: bool) -> Header {
    let be32 = |at: usize| -> Option<u32> {
        Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
    };
    if remaining == 2 && bytes.get(..2) == Some(&[0, 0]) {
        return Header::Junk(2);
    }
    let Some(size32) = be32(0).filter(|_| remaining >= 4) else {
        return Header::Stop;
    };
    if size32 == 0 && (remaining == 4 || remaining == 8) {
        return Header::Junk(4);
    }
    let Some(mut code) = be32(4).filter(|_| remaining >= 8).map(u32::to_be_bytes) else {
        return Header::Stop;
    };
    match &code {
        b"3dvf" => code = *b"moov",
        b"avid" => code = *b"mdat",
        _ => {}
    }
    let to_file_end = file_size.saturating_sub(pos);
    let (header_len, size) = match size32 {
        0 if top && code == [0; 4] => {
            code = *b"mdat";
            (0, to_file_end)
        }
        0 | 2..=7 => (8, to_file_end),
        1 => {
            let Some(large) = bytes.get(8..16).filter(|_| remaining >= 16) else {
                return Header::Stop;
            };
            match u64::from_be_bytes(large.try_into().unwrap_or_default()) {
                // "Block can't have a size of 0": MediaInfo drops the rest of the parent.
                0 => return Header::Stop,
                large => (16, large),
            }
        }
        n => (8, u64::from(n)),
    };
    Header::Box {
        code,
        header_len,
        size: size.max(header_len),
    }
}

/// Walks the children of a list box.
struct Walker<'a> {
    ctx: WalkContext,
    issues: &'a mut Vec<Overflow>,
    path: Vec<FourCC>,
    /// The current track's handler type (`vide`, `soun`, …), from `mdia/hdlr`.
    handler: [u8; 4],
    /// The metadata type named by the `hdlr` of the current `meta` (`mdta` for keys).
    meta_type: [u8; 4],
    /// `stsd` version, which picks the audio entry layout in ISO files.
    stsd_version: u8,
    /// Sample descriptions already walked in the current `stsd`.
    entries_seen: usize,
}

/// Most boxes looked at in one walk (a guard against pathological files).
const MAX_BOXES: usize = 100_000;

impl Walker<'_> {
    /// Walks the boxes in `data`, which starts at file offset `base`; the parent ends at
    /// `end` (file offset), possibly past what `data` holds when the file is cut.
    fn walk(&mut self, list: Option<List>, data: &[u8], base: u64, end: u64, budget: &mut usize) {
        let mut pos = base;
        while pos < end && *budget > 0 {
            *budget -= 1;
            let Some(bytes) = usize::try_from(pos - base).ok().and_then(|i| data.get(i..)) else {
                return;
            };
            let top = list.is_none();
            let (code, header_len, size) =
                match read_header(bytes, pos, end - pos, self.ctx.file_size, top) {
                    Header::Junk(n) => {
                        pos += n;
                        continue;
                    }
                    Header::Stop => return,
                    Header::Box {
                        code,
                        header_len,
                        size,
                    } => (code, header_len, size),
                };
            let data_start = pos + header_len;
            let declared_end = pos.saturating_add(size);
            self.path.push(FourCC(code));
            if declared_end > end {
                self.issues.push(Overflow {
                    path: self.path.clone(),
                    size: size - header_len,
                    permitted: end.saturating_sub(data_start),
                    offset: data_start,
                });
            }
            let box_end = declared_end.min(end);
            let child = child_list(list, &code);
            if code == *b"hdlr" {
                self.note_handler(list, bytes, header_len);
            }
            if let Some(child) = child
                && let Some(payload) = bytes.get(header_len as usize..)
            {
                let len = usize::try_from(box_end - data_start).unwrap_or(usize::MAX);
                let payload = &payload[..len.min(payload.len())];
                // Sample descriptions are read only once complete.
                let complete = payload.len() as u64 == box_end - data_start;
                if let Some(skip) = self.prefix(child, &code, payload)
                    && (complete || !matches!(child, List::Entry | List::Stpp | List::Tmcd))
                {
                    let skip = skip.min(payload.len());
                    self.enter(child);
                    self.walk(
                        Some(child),
                        &payload[skip..],
                        data_start + skip as u64,
                        box_end,
                        budget,
                    );
                }
            }
            self.path.pop();
            pos = box_end.max(pos + 1);
        }
    }

    /// State MediaInfo resets or sets when it enters a list.
    fn enter(&mut self, list: List) {
        match list {
            List::Trak => self.handler = [0; 4],
            List::MoovMeta => self.meta_type = [0; 4],
            List::UdtaMeta => self.meta_type = *b"meta",
            _ => {}
        }
    }

    /// Handler types that steer later parsing.
    fn note_handler(&mut self, list: Option<List>, bytes: &[u8], header_len: u64) {
        let at = header_len as usize + 8;
        let Some(kind) = bytes.get(at..at + 4) else {
            return;
        };
        let kind: [u8; 4] = kind.try_into().unwrap_or_default();
        match list {
            Some(List::Mdia) => self.handler = kind,
            Some(List::MoovMeta | List::UdtaMeta) => self.meta_type = kind,
            _ => {}
        }
    }

    /// Bytes a list's own parser reads before its children, or `None` when MediaInfo skips
    /// the children altogether.
    fn prefix(&mut self, list: List, code: &[u8; 4], payload: &[u8]) -> Option<usize> {
        use List::*;
        Some(match list {
            Meta => 4,
            MetaIref => {
                if payload.first().is_some_and(|&v| v > 1) {
                    return None;
                }
                4
            }
            MetaIinf => 6,
            MetaIprp => 0,
            UdtaMeta => {
                if payload.first().is_some_and(|&v| v > 0) {
                    return None;
                }
                4
            }
            Keys => {
                if self.meta_type != *b"mdta" {
                    return None;
                }
                8
            }
            Imap | ImapSean | ImapSeanIn | Code | CodeSean => 12,
            Dref => 8,
            Stsd => {
                self.stsd_version = payload.first().copied().unwrap_or(0);
                self.entries_seen = 0;
                8
            }
            Entry => {
                let at = self.entry_prefix(code, payload);
                self.entries_seen += 1;
                return at;
            }
            Mebx => 8,
            Stpp => {
                let mut at = 8;
                for _ in 0..3 {
                    let nul = payload.get(at..)?.iter().position(|&b| b == 0);
                    at += nul.map_or(payload.len() - at, |n| n + 1);
                }
                at
            }
            Tmcd => {
                let rest = payload.len().checked_sub(25)?;
                let next = payload
                    .get(28..32)
                    .map(|b| u32::from_be_bytes(b.try_into().unwrap_or_default()) as usize);
                if rest == 3 || (rest >= 7 && next.is_some_and(|n| rest >= 7 + n)) {
                    28
                } else {
                    26
                }
            }
            Tx3g => {
                if payload.len() > 42 && payload.get(38..42) == Some(b"ftab") {
                    34
                } else {
                    38
                }
            }
            _ => 0,
        })
    }

    /// Where the children of a sample description start, by the track's kind.
    fn entry_prefix(&self, code: &[u8; 4], payload: &[u8]) -> Option<usize> {
        let kind = match &self.handler {
            b"vide" => b'v',
            b"soun" => b'a',
            b"text" | b"sbtl" | b"clcp" | b"subp" | b"subt" => b't',
            b"data" | b"twen" | b"tmcd" | b"hint" | b"ocsm" | b"odsm" | b"sdsm" => b'o',
            _ => match code {
                b"mp4a" => b'a',
                b"mp4v" => b'v',
                _ => b'o',
            },
        };
        let kind = if kind == b'o' && code == b"avc1" {
            b'v'
        } else {
            kind
        };
        // MediaInfo reads the boxes after a first description's fixed fields only when they
        // look like a box (a type of letters and digits); otherwise it parses descriptors.
        let first = self.entries_seen == 0;
        let looks_like_box = |at: usize| {
            payload.get(at + 4..at + 8).is_some_and(|c| {
                c.iter()
                    .all(|&b| (b'A'..=b'z').contains(&b) || b.is_ascii_digit())
            })
        };
        match kind {
            b'v' => {
                let at = visual_prefix(payload);
                (!first || looks_like_box(at)).then_some(at)
            }
            b'a' => self.audio_prefix(payload),
            b't' => (payload.len() > 16).then_some(8),
            _ => (!first || looks_like_box(8)).then_some(8),
        }
    }

    fn audio_prefix(&self, payload: &[u8]) -> Option<usize> {
        let version = payload
            .get(8..10)
            .map_or(0, |b| u16::from_be_bytes([b[0], b[1]]));
        if !self.ctx.quicktime && (self.stsd_version != 0 || version == 0) {
            return (self.stsd_version <= 1).then_some(28);
        }
        match version {
            0 => Some(28),
            1 => Some(44),
            2 => Some(64),
            _ => None,
        }
    }
}

/// Visual sample entry: 78 bytes of fixed fields, then a colour table for palettised depths.
fn visual_prefix(payload: &[u8]) -> usize {
    let be16 = |at: usize| {
        payload
            .get(at..at + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
    };
    let (Some(depth), Some(table_id)) = (be16(74), be16(76)) else {
        return 78;
    };
    let greyscale = (depth > 0x20 && depth < 0x40) || depth == 1;
    if greyscale || !(2..=8).contains(&depth) || table_id != 0 {
        return 78;
    }
    let start = payload
        .get(78..82)
        .map_or(0, |b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
    let end = u32::from(be16(84).unwrap_or(0));
    let colours = u64::from(end.saturating_sub(start)) + u64::from(end >= start);
    (86 + colours * 8).min(payload.len() as u64) as usize
}

/// Checks one top-level box: its header against the file's end. `head` holds the file's bytes
/// from `offset` (at least the header).
pub fn check_top(ctx: WalkContext, head: &[u8], offset: u64, issues: &mut Vec<Overflow>) {
    let end = ctx.file_size;
    if let Header::Box {
        code,
        header_len,
        size,
    } = read_header(head, offset, end.saturating_sub(offset), end, true)
        && offset.saturating_add(size) > end
    {
        issues.push(Overflow {
            path: vec![FourCC(code)],
            size: size - header_len,
            permitted: end.saturating_sub(offset + header_len),
            offset: offset + header_len,
        });
    }
}

/// Walks the children of a top-level list box (`moov`, `moof`, `meta`…) whose payload
/// `payload` starts at file offset `base` and whose box ends at `end` (clamped to the file).
pub fn check_list(
    ctx: WalkContext,
    code: FourCC,
    payload: &[u8],
    base: u64,
    end: u64,
    issues: &mut Vec<Overflow>,
) {
    let Some(list) = child_list(None, &code.0) else {
        return;
    };
    let mut w = Walker {
        ctx,
        issues,
        path: vec![code],
        handler: [0; 4],
        meta_type: [0; 4],
        stsd_version: 0,
        entries_seen: 0,
    };
    let Some(skip) = w.prefix(list, &code.0, payload) else {
        return;
    };
    let skip = skip.min(payload.len());
    let mut budget = MAX_BOXES;
    w.walk(
        Some(list),
        &payload[skip..],
        base + skip as u64,
        end,
        &mut budget,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::container::mp4::boxes::build as boxed;

    #[test]
    fn iso_meta_under_moov_overflows_to_the_file_end() {
        // moov { meta (full box) { hdlr } }: MediaInfo reads the version/flags as a zero size.
        let hdlr = boxed(b"hdlr", &[0; 24]);
        let mut meta_payload = vec![0, 0, 0, 0];
        meta_payload.extend_from_slice(&hdlr);
        let meta = boxed(b"meta", &meta_payload);
        let ctx = WalkContext {
            file_size: 8 + meta.len() as u64 + 100,
            quicktime: false,
        };
        let mut issues = Vec::new();
        check_list(
            ctx,
            FourCC(*b"moov"),
            &meta,
            8,
            8 + meta.len() as u64,
            &mut issues,
        );
        assert_eq!(issues.len(), 1);
        let i = &issues[0];
        assert_eq!(
            i.path,
            vec![FourCC(*b"moov"), FourCC(*b"meta"), FourCC([0, 0, 0, 32])]
        );
        assert_eq!(i.offset, 8 + 8 + 8);
        assert_eq!(i.permitted, meta.len() as u64 - 16);
        assert_eq!(i.size, ctx.file_size - (8 + 8) - 8);
    }

    #[test]
    fn top_level_box_past_the_file_end() {
        let head = [0, 0, 0, 100, b'm', b'd', b'a', b't'];
        let mut issues = Vec::new();
        let ctx = WalkContext {
            file_size: 60,
            quicktime: false,
        };
        check_top(ctx, &head, 10, &mut issues);
        assert_eq!(issues[0].size, 92);
        assert_eq!(issues[0].permitted, 42);
        assert_eq!(issues[0].offset, 18);
    }
}
