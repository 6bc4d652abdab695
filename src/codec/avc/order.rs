//! Pictures in presentation order, kept as File_Avc keeps them (its `TemporalReferences`):
//! each picture's slice type in a window of slots indexed by picture order count. The GOP
//! structure MediaInfo reports, and the moment it stops reading, come from these slots.

use super::slice::SliceHeader;
use super::sps::Sps;

/// One picture (or field) in its slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Picture {
    slice_type: u32,
    top: bool,
}

/// The slice types as MediaInfo prints them in its picture-type strings.
const SLICE_TYPES: [&str; 10] = ["P", "B", "I", "SP", "SI", "P", "B", "I", "SP", "SI"];

/// Largest window: `4 × 2^16` slots (the largest picture order count range).
const MAX_RESERVED: usize = 1 << 17;

/// The presentation-order window and the picture order count state.
#[derive(Clone, Debug, Default)]
pub struct PictureOrder {
    slots: Vec<Option<Picture>>,
    reserved: usize,
    offset: usize,
    min: usize,
    max: usize,
    last: usize,
    poc_min: Option<i64>,
    prev_poc_msb: i64,
    prev_poc_lsb: Option<u32>,
    prev_top_order: Option<u32>,
    prev_frame_num: Option<u32>,
    prev_frame_num_offset: Option<u32>,
    /// Types of pictures that left the window, oldest first.
    previous: String,
}

/// A slice the window cannot place (MediaInfo's "Problem in temporal references").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfWindow;

impl PictureOrder {
    /// Makes room for `sps`'s picture order count range (it only grows).
    pub fn reserve(&mut self, sps: &Sps) {
        let max = match sps.pic_order_cnt_type {
            0 if sps.log2_max_poc_lsb <= 16 => 1usize << sps.log2_max_poc_lsb,
            1 | 2 if sps.log2_max_frame_num <= 16 => 2usize << sps.log2_max_frame_num,
            _ => 0,
        };
        if max > self.reserved && max <= MAX_RESERVED {
            self.slots.resize(4 * max, None);
            self.reserved = max;
        }
    }

    /// Whether pictures can be placed (picture order count types 0 and 2 with a window).
    pub fn is_active(&self, sps: &Sps) -> bool {
        self.reserved > 0 && sps.pic_order_cnt_type != 1
    }

    /// Places the first slice of a picture.
    pub fn push(&mut self, h: &SliceHeader, sps: &Sps) -> Result<(), OutOfWindow> {
        let reserved = self.reserved;
        if sps.log2_max_poc_lsb > 16 || sps.log2_max_frame_num > 16 {
            // Beyond the standard's ranges (4 to 16): no window holds such counts.
            return Err(OutOfWindow);
        }
        let mut poc: i64 = match sps.pic_order_cnt_type {
            0 => {
                let max_lsb = 1i64 << sps.log2_max_poc_lsb;
                if h.idr {
                    self.prev_poc_msb = 0;
                    self.prev_poc_lsb = Some(0);
                    self.offset = self.max + self.max % 2;
                    self.poc_min = Some(0);
                } else if h.mmco5 {
                    self.prev_poc_msb = 0;
                    self.prev_poc_lsb = if h.bottom_field {
                        Some(0)
                    } else {
                        self.prev_top_order
                    };
                }
                let lsb = i64::from(h.pic_order_cnt_lsb);
                let msb = match self.prev_poc_lsb.map(i64::from) {
                    None => {
                        let margin = 2 * (i64::from(sps.max_num_ref_frames) + 3);
                        if margin < lsb {
                            self.min = (lsb - margin) as usize;
                        }
                        0
                    }
                    Some(prev) if lsb < prev && prev - lsb >= max_lsb / 2 => {
                        self.prev_poc_msb + max_lsb
                    }
                    Some(prev) if lsb > prev && lsb - prev > max_lsb / 2 => {
                        self.prev_poc_msb - max_lsb
                    }
                    Some(_) => self.prev_poc_msb,
                };
                let top = msb + lsb;
                let bottom = if h.field_pic {
                    top + i64::from(h.delta_pic_order_cnt_bottom)
                } else {
                    msb + lsb
                };
                self.prev_poc_msb = msb;
                self.prev_poc_lsb = Some(h.pic_order_cnt_lsb);
                self.prev_top_order = Some(top as u32);
                if h.bottom_field { bottom } else { top }
            }
            _ => {
                let max_frame_num = 1u32 << sps.log2_max_frame_num;
                if h.mmco5 {
                    self.prev_frame_num_offset = Some(0);
                }
                let offset = if h.idr {
                    self.offset = self.max + self.max % 2;
                    0
                } else {
                    match (self.prev_frame_num_offset, self.prev_frame_num) {
                        (None, _) => 0,
                        (Some(o), prev) if prev.is_none_or(|p| p > h.frame_num) => {
                            o.wrapping_add(max_frame_num)
                        }
                        (Some(o), _) => o,
                    }
                };
                let mut order = 0u32;
                if !h.idr {
                    order = offset.wrapping_add(h.frame_num).wrapping_mul(2);
                    if h.nal_ref_idc == 0 && order != 0 {
                        order -= 1;
                    }
                }
                self.prev_frame_num = Some(h.frame_num);
                self.prev_frame_num_offset = Some(offset);
                i64::from(order)
            }
        };

        let poc_min = *self.poc_min.get_or_insert(poc);
        if poc < poc_min {
            if poc < 0 {
                let base =
                    usize::try_from(self.offset as i64 + poc_min).map_err(|_| OutOfWindow)?;
                let insert = (poc_min - poc) as usize;
                let limit = 4 * reserved;
                if base + insert >= limit
                    || base >= limit
                    || insert + self.max >= limit
                    || self.max >= limit
                    || self.max.wrapping_sub(base) >= limit
                {
                    return Err(OutOfWindow);
                }
                self.slots
                    .splice(base..base, std::iter::repeat_n(None, insert));
                self.offset += insert;
                self.last += insert;
                self.max += insert;
                self.poc_min = Some(poc);
            } else if self.min as i64 > self.offset as i64 + poc {
                self.min = (self.offset as i64 + poc) as usize;
            }
        }
        if poc < 0 && (self.offset as i64) < -poc {
            return Err(OutOfWindow);
        }

        if self.offset as i64 + poc >= 3 * reserved as i64 {
            let spread = self.max.saturating_sub(self.offset);
            let spread = spread + spread % 2;
            if spread >= reserved && poc >= reserved as i64 {
                self.offset += reserved;
                poc -= reserved as i64;
                self.poc_min = self.poc_min.map(|m| m - (reserved / 2) as i64);
                match sps.pic_order_cnt_type {
                    0 => self.prev_poc_msb -= reserved as i64,
                    _ => {
                        self.prev_frame_num_offset = self
                            .prev_frame_num_offset
                            .map(|o| o.wrapping_sub((reserved / 2) as u32))
                    }
                }
            }
            while self.offset as i64 + poc >= 3 * reserved as i64 {
                if self.offset == 0 {
                    // No shift brings the picture into the window (MediaInfo's loop would
                    // spin forever on such a picture order count): it cannot be placed.
                    return Err(OutOfWindow);
                }
                self.shift_out(reserved);
            }
        }

        let at = usize::try_from(self.offset as i64 + poc).map_err(|_| OutOfWindow)?;
        self.last = at;
        if h.field_pic
            && sps.pic_order_cnt_type == 2
            && self.slots.get(self.last).is_some_and(Option::is_some)
        {
            self.last += 1;
        }
        if self.max <= self.last {
            self.max = self.last + if sps.frame_mbs_only { 2 } else { 1 };
        }
        if self.min > self.last {
            self.min = self.last;
        }
        let slot = self.slots.get_mut(self.last).ok_or(OutOfWindow)?;
        *slot = Some(Picture {
            slice_type: h.slice_type,
            top: !h.bottom_field,
        });
        Ok(())
    }

    /// Moves the oldest `reserved` slots out of the window, keeping their types.
    fn shift_out(&mut self, reserved: usize) {
        for pos in 0..reserved.min(self.slots.len()) {
            match self.slots[pos].take() {
                Some(p) if pos % 2 == 0 => {
                    self.previous.push_str(SLICE_TYPES[p.slice_type as usize])
                }
                Some(_) => {}
                None if !self.previous.is_empty() && pos % 2 == 0 => self.previous.push(' '),
                None => {}
            }
        }
        let keep = self.slots.len();
        if self.previous.len() >= 8 * keep {
            let cut = self.previous.len() - keep;
            self.previous.drain(..cut);
        }
        self.slots.drain(..reserved.min(self.slots.len()));
        self.slots.resize(4 * reserved, None);
        let back = |v: usize| v.saturating_sub(reserved);
        self.offset = back(self.offset);
        self.min = back(self.min);
        self.max = back(self.max);
        self.last = back(self.last);
    }

    /// The picture types in presentation order (frames only: even slots), a space for each
    /// missing picture once the stream has started.
    pub fn picture_types(&self) -> String {
        let mut out = self.previous.clone();
        for (pos, slot) in self.slots.iter().enumerate() {
            match slot {
                Some(p) if pos % 2 == 0 => out.push_str(SLICE_TYPES[p.slice_type as usize]),
                Some(_) => {}
                None if !out.is_empty() && pos % 2 == 0 => out.push(' '),
                None => {}
            }
        }
        out
    }
}

/// MediaInfo's GOP description (`M=3, N=12`) of a picture-type string, when four GOPs in a
/// row (after the first) agree; `frames` is how many frames were counted.
pub fn gop(picture_types: &str, frames: u64) -> Option<String> {
    let mut types = picture_types.to_string();
    if let Some(limit) = types.find(' ') {
        if limit > types.len() / 2 {
            types.truncate(limit);
        } else {
            types = types
                .split(' ')
                .filter(|s| !s.is_empty())
                .fold(String::new(), |best, s| {
                    if s.len() > best.len() {
                        s.to_string()
                    } else {
                        best
                    }
                });
        }
    }
    let bytes = types.as_bytes();
    let find = |c: u8, from: usize| {
        bytes[from.min(bytes.len())..]
            .iter()
            .position(|&b| b == c)
            .map(|p| p + from)
    };
    let mut gops: Vec<Option<String>> = Vec::new();
    let (mut frame_count, mut b_frames_max) = (0usize, 0usize);
    let mut i1 = find(b'I', 0);
    while let Some(first) = i1 {
        let next = find(b'I', first + 1);
        if let Some(second) = next {
            let mut ps: Vec<usize> = Vec::new();
            let mut at = first;
            while let Some(p) = find(b'P', at + 1).filter(|&p| p < second) {
                ps.push(p);
                at = p;
            }
            if ps.len() > 1 && ps[0] > first + 1 && ps[ps.len() - 1] == second - 1 {
                ps.pop();
            }
            let mut text = String::new();
            let mut ok = true;
            if let Some(&p0) = ps.first() {
                let delta = p0 - first;
                ok = ps.windows(2).all(|w| w[1] - w[0] == delta);
                if ok {
                    text.push_str(&format!("M={delta}, "));
                    b_frames_max = b_frames_max.max(delta);
                }
            }
            gops.push(ok.then(|| {
                text.push_str(&format!("N={}", second - first));
                text
            }));
            frame_count += second - first;
        }
        i1 = next;
    }
    if (frame_count + b_frames_max) as u64 > frames && !gops.is_empty() {
        gops.pop();
    }
    if gops.len() > 4 {
        gops.remove(0);
    }
    if gops.len() >= 4 && gops.iter().all(|g| *g == gops[0]) {
        return gops[0].clone();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::gop;

    #[test]
    fn gop_strings() {
        assert_eq!(
            gop("IPPPIPPPIPPPIPPPIPPPI", 21).as_deref(),
            Some("M=1, N=4")
        );
        assert_eq!(
            gop("IBBPBBPIBBPBBPIBBPBBPIBBPBBPIBBPBBPI", 40).as_deref(),
            Some("M=3, N=7")
        );
        assert_eq!(gop("IBBIBBIBBIBBIBBIBB", 18).as_deref(), Some("N=3"));
        assert_eq!(gop("IPPPIPPPI", 9), None);
    }
}
