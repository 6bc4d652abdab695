//! MPEG audio (MP1/MP2/MP3): frame headers, the Xing/Info and VBRI headers, the LAME tag and
//! encoder strings, read as MediaInfo's File_Mpega reads a stream handed to it in pieces.

/// Frames MediaInfo reads before it fills the stream (its `Frame_Count_Valid` at the default
/// parse speed).
pub const FRAMES_VALID: u32 = 128;

/// Kilobits per second by version (2.5, reserved, 2, 1), layer (reserved, 3, 2, 1) and index.
const BIT_RATES: [[[u16; 16]; 4]; 4] = [
    [
        [0; 16],
        [
            0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0,
        ],
        [
            0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0,
        ],
        [
            0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256, 0,
        ],
    ],
    [[0; 16]; 4],
    [
        [0; 16],
        [
            0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0,
        ],
        [
            0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0,
        ],
        [
            0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256, 0,
        ],
    ],
    [
        [0; 16],
        [
            0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0,
        ],
        [
            0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 0,
        ],
        [
            0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448, 0,
        ],
    ],
];
const SAMPLING_RATES: [[u32; 4]; 4] = [
    [11025, 12000, 8000, 0],
    [0; 4],
    [22050, 24000, 16000, 0],
    [44100, 48000, 32000, 0],
];
/// Samples per frame / 8, by version and layer.
const COEFFICIENTS: [[u32; 4]; 4] = [
    [0, 72, 144, 12],
    [0; 4],
    [0, 72, 144, 12],
    [0, 144, 144, 12],
];
const SLOT_SIZES: [u32; 4] = [0, 1, 1, 4];
/// The bit rate mode a LAME tag's method implies.
const LAME_MODES: [&str; 16] = [
    "", "CBR", "VBR", "VBR", "VBR", "VBR", "VBR", "", "CBR", "VBR", "", "", "", "", "", "",
];

/// One frame header.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FrameHeader {
    /// 0: MPEG-2.5, 2: MPEG-2, 3: MPEG-1.
    pub id: u8,
    /// 1: layer 3, 2: layer 2, 3: layer 1.
    pub layer: u8,
    pub protection: bool,
    pub bitrate_index: u8,
    pub sampling_frequency: u8,
    pub padding: bool,
    pub mode: u8,
    pub mode_extension: u8,
    pub emphasis: u8,
}

impl FrameHeader {
    /// Parses four header bytes; `None` without the sync word or with a value MediaInfo
    /// rejects (a false start).
    pub fn parse(b: &[u8]) -> Option<FrameHeader> {
        let b = b.get(..4)?;
        if b[0] != 0xFF || b[1] & 0xE0 != 0xE0 {
            return None;
        }
        let h = FrameHeader {
            id: (b[1] >> 3) & 3,
            layer: (b[1] >> 1) & 3,
            protection: b[1] & 1 != 0,
            bitrate_index: b[2] >> 4,
            sampling_frequency: (b[2] >> 2) & 3,
            padding: b[2] & 2 != 0,
            mode: b[3] >> 6,
            mode_extension: (b[3] >> 4) & 3,
            emphasis: b[3] & 3,
        };
        (h.sampling_rate() != 0 && h.bit_rate_kbps() != 0 && h.frame_size() != 0).then_some(h)
    }

    pub fn bit_rate_kbps(&self) -> u16 {
        BIT_RATES[usize::from(self.id)][usize::from(self.layer)][usize::from(self.bitrate_index)]
    }

    pub fn sampling_rate(&self) -> u32 {
        SAMPLING_RATES[usize::from(self.id)][usize::from(self.sampling_frequency)]
    }

    /// The frame's size in bytes, header included.
    pub fn frame_size(&self) -> usize {
        let rate = self.sampling_rate();
        let coefficient = COEFFICIENTS[usize::from(self.id)][usize::from(self.layer)];
        let slot = SLOT_SIZES[usize::from(self.layer)];
        if rate == 0 || coefficient == 0 || slot == 0 {
            return 0;
        }
        let slots = u64::from(coefficient) * u64::from(self.bit_rate_kbps()) * 1000
            / u64::from(rate)
            + u64::from(self.padding);
        (slots * u64::from(slot)) as usize
    }

    /// Channels by mode (mono for mode 3).
    pub fn channels(&self) -> u8 {
        if self.mode == 3 { 1 } else { 2 }
    }
}

/// What MediaInfo knows once it fills the stream, and what it keeps learning after.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MpegaInfo {
    /// The last frame header read when the stream was filled.
    pub header: FrameHeader,
    /// More than one bit rate among the frames read by then (no VBR header).
    pub several_bit_rates: bool,
    /// Frame count of a Xing/Info or VBRI header, and whether it said "Info" (CBR).
    pub vbr_frames: u32,
    pub vbr_is_cbr: bool,
    /// The stream's size a Xing header gives, less its own frame.
    pub vbr_file_size: u32,
    /// The LAME tag's bit rate mode, minimum and nominal rates (bits per second).
    pub lame_mode: Option<&'static str>,
    pub bit_rate_minimum: Option<u32>,
    pub bit_rate_nominal: Option<u32>,
    /// The encoder's name as stored (bytes; MediaInfo reads them as UTF-8 or Latin-1) and the
    /// settings a LAME tag gives.
    pub library: Option<Vec<u8>>,
    pub library_settings: String,
    pub frames: u32,
}

/// Feeds a stream of MPEG audio frames given in pieces (container blocks), as File_Mpega
/// parses a stream a container hands it (`IsSub`).
#[derive(Clone, Debug, Default)]
pub struct MpegaParser {
    /// Bytes not parsed yet (at most a few frames: see `push`).
    buf: Vec<u8>,
    info: MpegaInfo,
    bit_rates: Vec<u16>,
    xing_scale: u32,
    filled: Option<(FrameHeader, bool)>,
    last: Option<FrameHeader>,
    frames_valid: u32,
    synced: bool,
}

/// Whether `b` starts like a frame header (File_Mpega's quick test: the sync word, a bit
/// rate index other than 15, a sampling rate index other than 3).
fn looks_like_header(b: &[u8]) -> bool {
    b.len() >= 3
        && b[0] == 0xFF
        && b[1] & 0xE0 == 0xE0
        && b[2] & 0xF0 != 0xF0
        && b[2] & 0x0C != 0x0C
}

/// Where File_Mpega's `Synchronize` finds the first frame in `b`: `Ok(offset)` of a header
/// whose next headers (up to three) are coherent, or whose frame ends the data at hand; `Err(n)`
/// when more data is needed, the first `n` bytes being junk.
fn synchronize(b: &[u8]) -> Result<usize, usize> {
    let mut pos = 0;
    'search: while pos + 4 <= b.len() {
        if !looks_like_header(&b[pos..]) {
            pos += 1;
            continue;
        }
        // The first frame and up to three next ones; the zero bytes after a frame count
        // as part of the frame (padding).
        let mut end = pos;
        for next in 0..3 {
            let Some(h) = FrameHeader::parse(&b[end..]) else {
                pos += 1;
                continue 'search;
            };
            end += h.frame_size();
            if end == b.len() {
                return Ok(pos);
            }
            while end + 4 <= b.len() && b[end] == 0 {
                end += 1;
            }
            if end + 4 > b.len() {
                // Only the third frame may end past the data at hand.
                return if next == 2 { Ok(pos) } else { Err(pos) };
            }
            if !looks_like_header(&b[end..]) {
                // A malformed first frame holding a VBR header (after zero bytes only).
                let vbr_header = next == 0 && {
                    let mut found = false;
                    let mut at = pos + 4;
                    while at + 4 < end {
                        if matches!(&b[at..at + 4], b"Info" | b"VBRI" | b"Xing") {
                            found = true;
                            break;
                        }
                        if b[at] != 0 {
                            break;
                        }
                        at += 1;
                    }
                    found
                };
                if vbr_header {
                    return Ok(pos);
                }
                pos += 1;
                continue 'search;
            }
        }
        return Ok(pos);
    }
    // The last bytes that may begin a header are kept.
    let sync = |at: usize| b[at] == 0xFF && b[at + 1] & 0xE0 == 0xE0;
    if b.len() - pos == 3 && !sync(pos) {
        pos += 1;
    }
    if b.len() - pos == 2 && !sync(pos) {
        pos += 1;
    }
    if b.len() - pos == 1 && b[pos] != 0 {
        pos += 1;
    }
    Err(pos)
}

impl MpegaParser {
    pub fn new() -> Self {
        MpegaParser {
            frames_valid: FRAMES_VALID,
            ..Default::default()
        }
    }

    /// Whether frames still change the report (MediaInfo keeps counting after it filled the
    /// stream, without effect).
    pub fn wants_more(&self) -> bool {
        self.filled.is_none()
    }

    /// What was learned; `None` before a frame was read.
    pub fn info(&self) -> Option<MpegaInfo> {
        let last = self.last?;
        let mut info = self.info.clone();
        let (header, several) = self.filled.unwrap_or((last, self.bit_rates.len() > 1));
        info.header = header;
        info.several_bit_rates = several;
        Some(info)
    }

    /// One piece of the stream.
    pub fn push(&mut self, data: &[u8]) {
        if !self.wants_more() {
            return;
        }
        let mut buf = std::mem::take(&mut self.buf);
        buf.extend_from_slice(data);
        let mut pos = 0;
        while self.wants_more() {
            if !self.synced {
                match synchronize(&buf[pos..]) {
                    Ok(at) => {
                        pos += at;
                        self.synced = true;
                    }
                    Err(junk) => {
                        pos += junk;
                        break;
                    }
                }
            }
            // Zero bytes between frames are padding; a frame that does not start where the
            // last one ended loses the sync.
            while pos < buf.len() && buf[pos] == 0 {
                pos += 1;
            }
            if pos + 4 > buf.len() {
                break;
            }
            let Some(h) = FrameHeader::parse(&buf[pos..]) else {
                self.synced = false;
                continue;
            };
            let end = pos + h.frame_size();
            if end > buf.len() {
                break;
            }
            self.frame(h, &buf[pos + 4..end], buf.len() - pos - 4);
            pos = end;
        }
        buf.drain(..pos.min(buf.len()));
        // Frames are a few KiB at most: a stream that never syncs keeps only its last bytes.
        if buf.len() > 1 << 16 {
            buf.drain(..buf.len() - 4);
        }
        self.buf = buf;
    }

    /// One frame (its bytes after the header; `available`: the bytes at hand from there on).
    fn frame(&mut self, h: FrameHeader, data: &[u8], available: usize) {
        self.last = Some(h);
        if self.info.frames < 3 && !self.xing(&h, data, available) {
            self.vbri(data, available);
        }
        self.info.frames += 1;
        if self.info.library.is_none() && self.info.frames < self.frames_valid {
            self.encoders(data);
        }
        let rate = h.bit_rate_kbps();
        if !self.bit_rates.contains(&rate) {
            self.bit_rates.push(rate);
        }
        // Inside a container MediaInfo stops as soon as it has seen two bit rates and a library.
        if self.bit_rates.len() > 1 && self.info.library.is_some() {
            self.frames_valid = self.info.frames;
        }
        if self.info.frames >= self.frames_valid {
            self.filled = Some((h, self.bit_rates.len() > 1));
        }
    }

    /// A Xing or Info header in the first frames.
    fn xing(&mut self, h: &FrameHeader, data: &[u8], available: usize) -> bool {
        let offset = match (h.id == 3, h.mode == 3) {
            (true, true) => 17,
            (true, false) => 32,
            (false, true) => 9,
            (false, false) => 17,
        };
        if offset + 128 >= available {
            return false;
        }
        let tag = &data.get(offset..offset + 4).unwrap_or(&[]);
        if *tag != b"Xing" && *tag != b"Info" {
            return false;
        }
        let flags = u32::from_be_bytes(match data.get(offset + 4..offset + 8) {
            Some(f) => [f[0], f[1], f[2], f[3]],
            None => return false,
        });
        let size = 8
            + if flags & 1 != 0 { 4 } else { 0 }
            + if flags & 2 != 0 { 4 } else { 0 }
            + if flags & 4 != 0 { 100 } else { 0 }
            + if flags & 8 != 0 { 4 } else { 0 }
            + if flags & 16 != 0 { 348 } else { 0 };
        if size > data.len().saturating_sub(offset) {
            return false;
        }
        let be32 = |at: usize| {
            data.get(at..at + 4)
                .map_or(0, |b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        };
        let mut at = offset + 8;
        if flags & 1 != 0 {
            self.info.vbr_frames = be32(at);
            self.info.vbr_is_cbr = *tag == b"Info";
            at += 4;
        }
        if flags & 2 != 0 {
            let size = be32(at);
            if size as usize > 4 + data.len() {
                self.info.vbr_file_size = size - 4 - data.len() as u32;
            }
            at += 4;
        }
        if flags & 4 != 0 {
            at += 100;
        }
        if flags & 8 != 0 {
            self.xing_scale = be32(at);
            at += 4;
        }
        let lib = data.get(at..at + 4).unwrap_or(&[]);
        if flags & 16 != 0 || matches!(lib, b"LAME" | b"GOGO" | b"L3.9") {
            self.lame(&data[at.min(data.len())..]);
        }
        true
    }

    /// A Fraunhofer VBRI header (version 1).
    fn vbri(&mut self, data: &[u8], available: usize) {
        const OFFSET: usize = 32;
        if OFFSET + 32 >= available {
            return;
        }
        let Some(v) = data.get(OFFSET..OFFSET + 18) else {
            return;
        };
        if &v[..4] != b"VBRI" || v[4..6] != [0, 1] {
            return;
        }
        self.info.vbr_frames = u32::from_be_bytes([v[14], v[15], v[16], v[17]]);
    }

    /// A LAME tag (or the bare encoder string of older versions).
    fn lame(&mut self, tag: &[u8]) {
        let info_tag = tag.len() >= 9 && {
            let (name, t) = (&tag[..4], tag);
            (name == b"LAME"
                && t[5] == b'.'
                && (t[4] > b'3'
                    || (t[4] == b'3' && t[6] == b'9')
                    || (t[4] == b'3' && t[8].is_ascii_digit())))
                || (name == b"LAME" && t[4] == b'H')
                || (name == b"L3.9" && t[4] == b'9')
        };
        if !info_tag {
            self.info.library = Some(tag.iter().take(20).copied().collect());
            return;
        }
        if tag.len() < 36 {
            self.info.library = Some(tag[..tag.len().min(9)].to_vec());
            return;
        }
        self.info.library = Some(tag[..9].to_vec());
        let flags = tag[9];
        let method = usize::from(flags & 0x0F);
        if flags & 0xF0 <= 0x20 {
            self.info.lame_mode = Some(LAME_MODES[method]).filter(|m| !m.is_empty());
            if method == 1 || method == 8 {
                self.info.vbr_frames = 0;
            }
        }
        let lowpass = tag[10];
        let bit_rate = tag[20];
        let stereo_mode = (tag[24] >> 2) & 7;
        let mut s = String::from("-m ");
        s.push_str(["m", "s", "d", "j", "f", "a", "i", ""][usize::from(stereo_mode)]);
        if self.xing_scale <= 100 {
            let scale = 100 - self.xing_scale;
            s.push_str(&format!(" -V {} -q {}", scale / 10, scale % 10));
        }
        if lowpass != 0 {
            let value = if !lowpass.is_multiple_of(10) {
                format!("{:.1}", f32::from(lowpass) / 10.0)
            } else {
                (lowpass / 10).to_string()
            };
            s.push_str(&format!(" -lowpass {value}"));
        }
        match method {
            2 | 9 => s.push_str(" --abr"),
            3 => s.push_str(" --vbr-old"),
            4 => s.push_str(" --vbr-new"),
            5 => s.push_str(" --vbr-mt"),
            _ => {}
        }
        if bit_rate != 0 && bit_rate != 0xFF {
            match method {
                1 | 8 => s.push_str(&format!(" -b {bit_rate}")),
                2 | 9 => {
                    self.info.bit_rate_nominal = Some(u32::from(bit_rate) * 1000);
                    s.push_str(&format!(" {bit_rate}"));
                }
                3..=5 => {
                    self.info.bit_rate_minimum = Some(u32::from(bit_rate) * 1000);
                    s.push_str(&format!(" -b {bit_rate}"));
                }
                _ => {}
            }
        }
        self.info.library_settings.push_str(&s);
    }

    /// An encoder's name written in a frame (LAME's padding, mp3PRO, Gogo).
    fn encoders(&mut self, data: &[u8]) {
        let find = |needle: &[u8]| data.windows(needle.len()).position(|w| w == needle);
        if let Some(at) = find(b"LAME")
            && at + 8 <= data.len()
        {
            let len = if at + 20 <= data.len() { 20 } else { 8 };
            let mut lib = data[at..at + len].to_vec();
            while lib.last().is_some_and(|b| matches!(b, b'A' | b'U' | 0xAA)) {
                lib.pop();
            }
            self.info.library = Some(lib);
            return;
        }
        if let Some(at) = find(b"RCA mp3PRO Encoder")
            && at + 23 < data.len()
        {
            let mut lib = b"RCA ".to_vec();
            lib.extend_from_slice(data.get(18..23).unwrap_or(&[]));
            self.info.library = Some(lib);
            return;
        }
        if let Some(at) = find(b"THOMSON mp3PRO Encoder")
            && at + 29 < data.len()
        {
            let mut lib = b"Thomson ".to_vec();
            lib.extend_from_slice(data.get(22..28).unwrap_or(&[]));
            self.info.library = Some(lib);
            return;
        }
        if find(b"MPGE").is_some() {
            self.info.library = Some(b"Gogo <3.0".to_vec());
        } else if find(b"GOGO").is_some() {
            self.info.library = Some(b"Gogo >=3.0".to_vec());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header() {
        // MPEG-1 layer 3, 128 kb/s, 44.1 kHz, mono.
        let h = FrameHeader::parse(&[0xFF, 0xFB, 0x90, 0xC4]).unwrap();
        assert_eq!(
            (h.id, h.layer, h.bit_rate_kbps(), h.sampling_rate()),
            (3, 1, 128, 44100)
        );
        assert_eq!((h.frame_size(), h.channels()), (417, 1));
    }

    /// A silent MPEG-1 layer 3 frame, 128 kb/s, 44.1 kHz, mono (417 bytes).
    fn frame() -> Vec<u8> {
        let mut f = vec![0xFF, 0xFB, 0x90, 0xC4];
        f.resize(417, 0x55);
        f
    }

    #[test]
    fn sync_after_junk_and_across_pieces() {
        let mut stream = b"\xFF\xFBjunk".to_vec();
        for _ in 0..3 {
            stream.extend(frame());
        }
        let mut p = MpegaParser::new();
        // The first piece ends inside the second frame: the sync waits for more data.
        p.push(&stream[..600]);
        assert!(p.info().is_none());
        p.push(&stream[600..]);
        let info = p.info().unwrap();
        assert_eq!((info.frames, info.header.bit_rate_kbps()), (3, 128));
    }

    #[test]
    fn xing_frame_count() {
        let mut f = frame();
        // Mono MPEG-1: the Xing header is 21 bytes into the frame; frame count and size.
        f[21..33].copy_from_slice(b"Xing\0\0\0\x03\0\0\0\x64");
        f[33..37].copy_from_slice(&(417u32 * 100).to_be_bytes());
        let mut stream = f;
        stream.extend(frame());
        let mut p = MpegaParser::new();
        p.push(&stream);
        let info = p.info().unwrap();
        assert_eq!((info.vbr_frames, info.vbr_is_cbr), (100, false));
        assert_eq!(info.vbr_file_size, 417 * 99);
    }

    #[test]
    fn lame_padding() {
        let mut frame = vec![0xFF, 0xFB, 0x90, 0xC4];
        frame.resize(417, 0);
        frame[200..220].copy_from_slice(b"LAME3.100UUUUUUUUUUU");
        let mut p = MpegaParser::new();
        p.push(&frame);
        assert_eq!(
            p.info().unwrap().library.as_deref(),
            Some(&b"LAME3.100"[..])
        );
    }
}
