//! FFV1 (RFC 9043): the parameters (from the configuration record of versions 2 and up, or a
//! version 0/1 keyframe) and the first frame's slice headers, read with the range coder as
//! MediaInfo's File_Ffv1 reads them.

/// Range coder contexts of one symbol reader.
const STATES: usize = 32;

/// The default state transition table.
const DEFAULT_TRANSITIONS: [u8; 256] = [
    0, 0, 0, 0, 0, 0, 0, 0, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37,
    37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 56, 57, 58, 59,
    60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 75, 76, 77, 78, 79, 80, 81, 82,
    83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103,
    104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 114, 115, 116, 117, 118, 119, 120, 121,
    122, 123, 124, 125, 126, 127, 128, 129, 130, 131, 132, 133, 133, 134, 135, 136, 137, 138, 139,
    140, 141, 142, 143, 144, 145, 146, 147, 148, 149, 150, 151, 152, 152, 153, 154, 155, 156, 157,
    158, 159, 160, 161, 162, 163, 164, 165, 166, 167, 168, 169, 170, 171, 171, 172, 173, 174, 175,
    176, 177, 178, 179, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 190, 191, 192, 194,
    194, 195, 196, 197, 198, 199, 200, 201, 202, 202, 204, 205, 206, 207, 208, 209, 209, 210, 211,
    212, 213, 215, 215, 216, 217, 218, 219, 220, 220, 222, 223, 224, 225, 226, 227, 227, 229, 229,
    230, 231, 232, 234, 234, 235, 236, 237, 238, 239, 240, 241, 242, 243, 244, 245, 246, 247, 248,
    248, 0, 0, 0, 0, 0, 0, 0,
];

/// File_Ffv1's range decoder (a byte-lazy form of FFmpeg's): reads past the end give zeros,
/// then false.
struct RangeCoder<'a> {
    data: &'a [u8],
    pos: usize,
    current: u32,
    mask: u32,
    one: [u8; 256],
    zero: [u8; 256],
}

impl<'a> RangeCoder<'a> {
    fn new(data: &'a [u8], transitions: &[u8; 256]) -> Self {
        let mut rc = RangeCoder {
            data,
            pos: 1,
            current: data.first().copied().map_or(0, u32::from),
            mask: 0xFF,
            one: [0; 256],
            zero: [0; 256],
        };
        rc.set_transitions(transitions);
        rc
    }

    fn set_transitions(&mut self, t: &[u8; 256]) {
        self.one = *t;
        self.zero[0] = 0;
        for i in 1..256 {
            self.zero[i] = self.one[256 - i].wrapping_neg();
        }
    }

    fn bit(&mut self, state: &mut u8) -> bool {
        if self.mask < 0x100 {
            self.current <<= 8;
            match self.pos.cmp(&self.data.len()) {
                std::cmp::Ordering::Less => self.current |= u32::from(self.data[self.pos]),
                std::cmp::Ordering::Greater => return false,
                std::cmp::Ordering::Equal => {}
            }
            self.pos += 1;
            self.mask <<= 8;
        }
        let split = (self.mask.wrapping_mul(u32::from(*state))) >> 8;
        self.mask -= split;
        if self.current < self.mask {
            *state = self.zero[usize::from(*state)];
            false
        } else {
            self.current -= self.mask;
            self.mask = split;
            *state = self.one[usize::from(*state)];
            true
        }
    }

    /// A symbol's magnitude; `None` when it is too long (MediaInfo then stops the stream).
    fn magnitude(&mut self, s: &mut [u8; STATES]) -> Option<(u32, usize)> {
        if self.bit(&mut s[0]) {
            return Some((0, 0));
        }
        let mut e = 0usize;
        while self.bit(&mut s[1 + e.min(9)]) {
            e += 1;
            if e > 31 {
                self.pos = self.data.len() + 1;
                self.mask = 0;
                return None;
            }
        }
        let mut a = 1u32;
        for i in (0..e).rev() {
            a <<= 1;
            if self.bit(&mut s[22 + i.min(9)]) {
                a += 1;
            }
        }
        Some((a, e))
    }

    fn symbol_u(&mut self, s: &mut [u8; STATES]) -> u32 {
        self.magnitude(s).map_or(0, |(a, _)| a)
    }

    fn symbol_s(&mut self, s: &mut [u8; STATES]) -> i32 {
        match self.magnitude(s) {
            Some((0, _)) | None => 0,
            Some((a, e)) => {
                if self.bit(&mut s[11 + e.min(10)]) {
                    -(a as i32)
                } else {
                    a as i32
                }
            }
        }
    }

    fn underrun(&self) -> bool {
        self.pos - usize::from(self.mask >= 0x100) > self.data.len()
    }
}

/// The stream parameters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parameters {
    pub version: u32,
    pub micro_version: u32,
    /// Whether the parameters were read to their end (MediaInfo's `Parameters_IsValid`); the
    /// version alone is known otherwise.
    pub valid: bool,
    pub coder_type: u32,
    pub colorspace_type: u32,
    pub bits_per_raw_sample: u32,
    pub chroma_planes: bool,
    pub h_chroma_subsample_log2: u32,
    pub v_chroma_subsample_log2: u32,
    pub alpha_plane: bool,
    pub num_h_slices: u32,
    pub num_v_slices: u32,
    pub quant_table_count: u32,
    pub ec: u32,
    pub intra: u32,
    transitions: Vec<u8>,
}

impl Parameters {
    /// From a configuration record (versions 2 and up; its last four bytes are a CRC).
    pub fn from_record(record: &[u8], width: u32, height: u32) -> Option<Parameters> {
        let body = record.get(..record.len().checked_sub(4)?)?;
        let mut rc = RangeCoder::new(body, &DEFAULT_TRANSITIONS);
        Self::read(&mut rc, true, width, height)
    }

    /// File_Ffv1's `Parameters()`: `None` before a version is known.
    fn read(rc: &mut RangeCoder, in_record: bool, width: u32, height: u32) -> Option<Parameters> {
        let mut s = [128u8; STATES];
        let mut p = Parameters {
            version: rc.symbol_u(&mut s),
            ..Parameters::default()
        };
        if (in_record && p.version <= 1) || (!in_record && p.version > 1) {
            return Some(p);
        }
        if p.version == 2 || p.version > 4 {
            return Some(p);
        }
        if p.version >= 3 {
            p.micro_version = rc.symbol_u(&mut s);
        }
        if (p.version == 3 && p.micro_version < 4) || p.version == 4 {
            return Some(p);
        }
        p.coder_type = rc.symbol_u(&mut s);
        if p.coder_type > 2 {
            return Some(p);
        }
        let mut transitions = DEFAULT_TRANSITIONS;
        if p.coder_type == 2 {
            let one = rc.one;
            for (t, &base) in transitions.iter_mut().zip(one.iter()).skip(1) {
                let v = rc.symbol_s(&mut s) + i32::from(base);
                *t = u8::try_from(v).ok()?;
            }
        }
        p.transitions = transitions.to_vec();
        p.colorspace_type = rc.symbol_u(&mut s);
        if p.colorspace_type > 1 {
            return Some(p);
        }
        p.bits_per_raw_sample = 8;
        if p.version != 0 {
            p.bits_per_raw_sample = rc.symbol_u(&mut s);
            if p.bits_per_raw_sample > 64 {
                return Some(p);
            }
            if p.bits_per_raw_sample == 0 {
                p.bits_per_raw_sample = 8;
            }
        }
        p.chroma_planes = rc.bit(&mut s[0]);
        p.h_chroma_subsample_log2 = rc.symbol_u(&mut s);
        p.v_chroma_subsample_log2 = rc.symbol_u(&mut s);
        p.alpha_plane = rc.bit(&mut s[0]);
        (p.num_h_slices, p.num_v_slices, p.quant_table_count) = (1, 1, 1);
        if p.version > 1 {
            let h = rc.symbol_u(&mut s);
            if h >= width {
                return Some(p);
            }
            let v = rc.symbol_u(&mut s);
            if v >= height {
                return Some(p);
            }
            p.num_h_slices = h + 1;
            p.num_v_slices = v + 1;
            p.quant_table_count = rc.symbol_u(&mut s);
            if p.quant_table_count > 8 {
                return Some(p);
            }
        }
        let mut context_counts = Vec::new();
        for _ in 0..p.quant_table_count {
            let Some(c) = quant_table_set(rc) else {
                return Some(p);
            };
            context_counts.push(c);
        }
        for &count in &context_counts {
            let present = p.version >= 2 && rc.bit(&mut s[0]);
            if present {
                for _ in 0..u64::from(count) * STATES as u64 {
                    rc.symbol_s(&mut s);
                    if rc.underrun() {
                        break;
                    }
                }
            }
        }
        if p.version >= 3 {
            p.ec = rc.symbol_u(&mut s);
            if p.ec > 1 {
                return Some(p);
            }
            if p.micro_version != 0 {
                p.intra = rc.symbol_u(&mut s);
                if p.intra > 1 {
                    return Some(p);
                }
            }
        }
        p.valid = true;
        Some(p)
    }
}

/// One quantisation table set (five tables); its context count.
fn quant_table_set(rc: &mut RangeCoder) -> Option<u32> {
    let mut scale: i64 = 1;
    for _ in 0..5 {
        let mut s = [128u8; STATES];
        let mut v: i64 = 0;
        let mut k = 0u32;
        while k < 128 {
            let len = rc.symbol_u(&mut s);
            if u64::from(k) + u64::from(len) >= 128 {
                return None;
            }
            k += len + 1;
            v += 1;
        }
        scale *= 2 * v - 1;
        if scale > 32768 {
            return None;
        }
    }
    Some(((scale + 1) / 2) as u32)
}

/// What MediaInfo reads of the first frame.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Frame {
    pub keyframe: bool,
    /// Parameters a version 0/1 keyframe carries.
    pub parameters: Option<Parameters>,
    /// The last slice header's `picture_structure` and sample aspect ratio.
    pub picture_structure: Option<u32>,
    pub sar: (u32, u32),
}

impl Frame {
    /// Reads a frame: the keyframe flag, a version 0/1 keyframe's parameters, and (version 3)
    /// the slice headers, slices found from their footers at the frame's end.
    pub fn parse(data: &[u8], record: Option<&Parameters>, width: u32, height: u32) -> Frame {
        let mut f = Frame::default();
        if data.is_empty() {
            return f;
        }
        let mut rc = RangeCoder::new(data, &DEFAULT_TRANSITIONS);
        let mut s = [128u8; STATES];
        f.keyframe = rc.bit(&mut s[0]);
        if record.is_none() && f.keyframe {
            f.parameters = Parameters::read(&mut rc, false, width, height);
        }
        let Some(p) = record.or(f.parameters.as_ref()).filter(|p| p.valid) else {
            return f;
        };
        if p.version < 3 {
            return f;
        }
        let tail = 3 + if p.ec == 1 { 5 } else { 0 };
        let mut sizes = Vec::new();
        let mut end = data.len();
        while end > 0 {
            if end < tail {
                sizes.clear();
                break;
            }
            let at = end - tail;
            let size = (usize::from(data[at]) << 16 | usize::from(data[at + 1]) << 8)
                | usize::from(data[at + 2]);
            let size = size + tail;
            if size > end {
                sizes.clear();
                break;
            }
            end -= size;
            sizes.insert(0, size);
        }
        let transitions: [u8; 256] = p
            .transitions
            .as_slice()
            .try_into()
            .unwrap_or(DEFAULT_TRANSITIONS);
        let planes = 2 + usize::from(p.alpha_plane);
        let mut start = 0;
        for (i, &size) in sizes.iter().enumerate() {
            let slice = &data[start..start + size - tail];
            let header = if i == 0 {
                rc.data = &data[..size - tail];
                rc.set_transitions(&transitions);
                slice_header(&mut rc, p, planes)
            } else {
                let mut fresh = RangeCoder::new(slice, &transitions);
                slice_header(&mut fresh, p, planes)
            };
            if let Some((structure, sar)) = header {
                f.picture_structure = Some(structure);
                f.sar = sar;
            }
            start += size;
        }
        f
    }
}

/// A version 3 slice header: `picture_structure` and the sample aspect ratio, `None` when the
/// slice position or table index is out of range (MediaInfo stops reading the header there).
fn slice_header(rc: &mut RangeCoder, p: &Parameters, planes: usize) -> Option<(u32, (u32, u32))> {
    let mut s = [128u8; STATES];
    let x = rc.symbol_u(&mut s);
    if x >= p.num_h_slices {
        return None;
    }
    let y = rc.symbol_u(&mut s);
    if y >= p.num_h_slices {
        return None;
    }
    let w = rc.symbol_u(&mut s);
    if u64::from(x) + u64::from(w) + 1 > u64::from(p.num_h_slices) {
        return None;
    }
    let h = rc.symbol_u(&mut s);
    if u64::from(y) + u64::from(h) + 1 > u64::from(p.num_v_slices) {
        return None;
    }
    for _ in 0..planes {
        if rc.symbol_u(&mut s) >= p.quant_table_count {
            return None;
        }
    }
    let structure = rc.symbol_u(&mut s);
    let num = rc.symbol_u(&mut s);
    let den = rc.symbol_u(&mut s);
    Some((structure, (num, den)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The configuration record of an ffmpeg FFV1 version 3 encode (4 slices, slice CRCs).
    const RECORD: [u8; 42] = [
        0x56, 0x2b, 0x84, 0xd1, 0x9c, 0x05, 0x2f, 0x41, 0x3c, 0x60, 0x26, 0xe9, 0x5c, 0x37, 0x6f,
        0x5d, 0x1b, 0x76, 0x97, 0x9d, 0x3a, 0xc9, 0xc4, 0x20, 0x43, 0x1e, 0x8b, 0x9f, 0x55, 0x20,
        0x51, 0x2f, 0x4e, 0xf8, 0xa1, 0x68, 0x3b, 0x9b, 0x17, 0x13, 0x7c, 0x03,
    ];

    #[test]
    fn version3_record() {
        let p = Parameters::from_record(&RECORD, 128, 96).unwrap();
        assert!(p.valid);
        assert_eq!((p.version, p.micro_version, p.coder_type), (3, 4, 0));
        assert_eq!((p.num_h_slices * p.num_v_slices, p.ec), (4, 1));
        assert_eq!((p.colorspace_type, p.bits_per_raw_sample), (0, 8));
        assert!(p.chroma_planes && !p.alpha_plane);
    }

    #[test]
    fn zero_symbol() {
        // A first context state of 128 and a high first byte decode a one bit: symbol 0.
        let data = [0xFF, 0xFF, 0xFF, 0xFF];
        let mut rc = RangeCoder::new(&data, &DEFAULT_TRANSITIONS);
        let mut s = [128u8; STATES];
        assert_eq!(rc.symbol_u(&mut s), 0);
    }
}
