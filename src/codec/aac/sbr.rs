//! SBR extension payloads (`sbr_extension_data()`, ISO/IEC 14496-3 4.4.2.8) read far enough
//! to reach their `sbr_extension()` and detect Parametric Stereo (`EXTENSION_ID_PS`).
//!
//! Reaching it means decoding the SBR envelope and noise data, whose sizes depend on the
//! frequency band tables derived from the SBR header; these are computed as MediaInfo
//! computes them (in single-precision floats), so that the same headers are accepted.

use super::huffman::{self, Codebook};
use super::sampling_frequency_index_of;
use crate::bits::BitReader;

/// SBR and PS headers seen so far, per content element position in the frame.
#[derive(Clone, Debug, Default)]
pub(super) struct SbrState {
    headers: Vec<Option<SbrHeader>>,
    ps_headers: Vec<bool>,
}

/// What an SBR extension payload revealed.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct SbrFound {
    pub ps: bool,
    pub esbr: bool,
}

/// An `sbr_header()` with its derived band counts.
#[derive(Clone, Copy, Debug)]
struct SbrHeader {
    amp_res: bool,
    start_freq: u8,
    stop_freq: u8,
    xover_band: u8,
    freq_scale: u8,
    alter_scale: bool,
    noise_bands: u8,
    /// Envelope bands at low and high frequency resolution.
    num_env_bands: [u8; 2],
    num_noise_bands: u8,
}

/// Per-channel grid and coding direction of one `sbr_data()`.
#[derive(Clone, Copy, Debug, Default)]
struct ChannelGrid {
    amp_res: bool,
    num_env: u8,
    num_noise: u8,
    freq_res: [bool; 8],
    df_env: [bool; 8],
    df_noise: [bool; 2],
}

/// Advances to bit position `end` if before it (never backwards).
pub(super) fn skip_to(r: &mut BitReader, end: usize) -> Option<()> {
    let pos = r.position();
    if pos < end {
        r.skip(end - pos)
    } else {
        Some(())
    }
}

/// Reads one `sbr_extension_data()` ending at bit `end`, for the element of type
/// `element_id` (0 = SCE, 1 = CPE) at position `element_pos`.
pub(super) fn extension_data(
    r: &mut BitReader,
    end: usize,
    element_id: u8,
    crc: bool,
    element_pos: usize,
    core_sampling_frequency: u32,
    state: &mut SbrState,
) -> Option<SbrFound> {
    let mut found = SbrFound::default();
    if state.headers.len() <= element_pos {
        state.headers.resize(element_pos + 1, None);
    }
    if crc {
        r.skip(10)?;
    }
    if r.bit()? {
        let header = SbrHeader::parse(r)?;
        state.headers[element_pos] = header.with_bands(core_sampling_frequency.saturating_mul(2));
    }
    if let Some(header) = state.headers[element_pos] {
        let mut data = SbrData {
            r: &mut *r,
            header,
            element_pos,
            state,
            found: &mut found,
        };
        match element_id {
            0 => data.single_channel_element()?,
            1 => data.channel_pair_element()?,
            _ => {}
        }
    }
    skip_to(r, end)?;
    Some(found)
}

impl SbrHeader {
    fn parse(r: &mut BitReader) -> Option<Self> {
        let amp_res = r.bit()?;
        let start_freq = r.u8(4)?;
        let stop_freq = r.u8(4)?;
        let xover_band = r.u8(3)?;
        r.skip(2)?; // bs_reserved
        let extra_1 = r.bit()?;
        let extra_2 = r.bit()?;
        let (freq_scale, alter_scale, noise_bands) = if extra_1 {
            (r.u8(2)?, r.bit()?, r.u8(2)?)
        } else {
            (2, true, 2)
        };
        if extra_2 {
            r.skip(2 + 2 + 1 + 1)?; // limiter bands/gains, interpol_freq, smoothing_mode
        }
        Some(SbrHeader {
            amp_res,
            start_freq,
            stop_freq,
            xover_band,
            freq_scale,
            alter_scale,
            noise_bands,
            num_env_bands: [0; 2],
            num_noise_bands: 0,
        })
    }

    /// Derives the band counts for the SBR output rate; `None` when MediaInfo's
    /// computation rejects the header (and then ignores SBR data until the next header).
    fn with_bands(mut self, sbr_rate: u32) -> Option<Self> {
        let index = usize::from(sampling_frequency_index_of(sbr_rate));
        let start_min = *START_MIN.get(index)?;
        let offset = *K0_OFFSET.get(index)?.get(usize::from(self.start_freq))?;
        let k0 = u8::try_from(i16::from(start_min) + i16::from(offset)).ok()?;
        let k2 = k2(self.stop_freq, sbr_rate, k0);
        if k2 <= k0 {
            return None;
        }
        let max_span = match index {
            0..=3 => 32,
            4 => 35,
            _ => 48,
        };
        if k2 - k0 > max_span {
            return None;
        }
        let master = if self.freq_scale == 0 {
            master_linear(k0, k2, self.alter_scale)
        } else {
            master_log(k0, k2, self.freq_scale, self.alter_scale)?
        };
        let n_master = master.len().checked_sub(1)?;
        let xover = usize::from(self.xover_band);
        if n_master <= xover {
            return None;
        }
        let high = u8::try_from(n_master - xover).ok()?;
        self.num_env_bands = [high.div_ceil(2), high];
        let kx = *master.get(xover)?;
        if kx > 32 {
            return None;
        }
        self.num_noise_bands = if self.noise_bands == 0 {
            1
        } else {
            let n = band_count(false, self.noise_bands, kx, k2);
            if n > 5 {
                return None;
            }
            n.max(1)
        };
        Some(self)
    }
}

/// Minimum start band k0 per sampling frequency index 0..=9 of the SBR output rate
/// (index 9 uses the 40 kHz values, as MediaInfo does).
const START_MIN: [u8; 10] = [7, 7, 10, 11, 12, 16, 16, 17, 24, 32];

/// Offsets added to `START_MIN` per `bs_start_freq`, per sampling frequency index 0..=9.
const K0_OFFSET: [[i8; 16]; 10] = [
    [-2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 9, 11, 13, 16, 20, 24],
    [-2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 9, 11, 13, 16, 20, 24],
    [-4, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 9, 11, 13, 16, 20],
    [-4, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 9, 11, 13, 16, 20],
    [-4, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 9, 11, 13, 16, 20],
    [-6, -4, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 9, 11, 13, 16],
    [-5, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 9, 11, 13, 16],
    [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 9, 11, 13],
    [-8, -7, -6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7],
    [
        -20, -19, -18, -17, -16, -15, -14, -13, -12, -11, -10, -8, -6, -4, -2, 0,
    ],
];

/// Rounds like a C cast of `x + 0.5` to a signed 8-bit integer.
fn round_i8(x: f32) -> i8 {
    (x + 0.5) as i8
}

/// Upper SBR band k2 from `bs_stop_freq`.
fn k2(stop_freq: u8, rate: u32, k0: u8) -> u8 {
    match stop_freq {
        14 => return (2 * u16::from(k0)).min(64) as u8,
        15 => return (3 * u16::from(k0)).min(64) as u8,
        _ => {}
    }
    let base: u64 = if rate < 32000 {
        6000
    } else if rate < 64000 {
        8000
    } else {
        10000
    };
    let rate = u64::from(rate.max(1));
    let stop_min = (((2 * base * 128) / rate + 1) >> 1).min(64) as u8;
    let stop_min = stop_min.max(1);
    let power = (64.0f32 / f32::from(stop_min)).powf(1.0 / 13.0);
    let mut value = f32::from(stop_min);
    let mut previous = round_i8(value);
    let mut diffs = [0u8; 13];
    for d in &mut diffs {
        value *= power;
        let next = round_i8(value);
        *d = next.wrapping_sub(previous) as u8;
        previous = next;
    }
    diffs.sort_unstable();
    let mut k = stop_min;
    for &d in diffs.iter().take(usize::from(stop_freq)) {
        k = k.wrapping_add(d);
    }
    k.min(64)
}

/// Number of bands between `a0` and `a1` at `bands` per octave (optionally warped).
fn band_count(warp: bool, bands: u8, a0: u8, a1: u8) -> u8 {
    let mut div = 2.0f64.ln() as f32;
    if warp {
        div *= 1.3;
    }
    let ratio = f32::from(a1) / f32::from(a0.max(1));
    (f32::from(bands) * ratio.ln() / div + 0.5) as u8
}

/// Master frequency table for `bs_freq_scale` 0 (linear bands).
fn master_linear(k0: u8, k2: u8, alter_scale: bool) -> Vec<u8> {
    let span = k2 - k0;
    let (dk, num_bands) = if alter_scale {
        (1i16, ((span + 2) >> 2) << 1)
    } else {
        (2i16, (span >> 1) << 1)
    };
    let mut widths = vec![dk; usize::from(num_bands)];
    let mut diff = i16::from(k2) - (i16::from(k0) + i16::from(num_bands) * dk);
    if diff != 0 && !widths.is_empty() {
        let (step, mut k): (i16, i16) = if diff > 0 {
            (-1, i16::from(num_bands) - 1)
        } else {
            (1, 0)
        };
        while diff != 0 {
            let Some(w) = usize::try_from(k).ok().and_then(|k| widths.get_mut(k)) else {
                break;
            };
            *w -= step;
            k += step;
            diff += step;
        }
    }
    let mut master = Vec::with_capacity(widths.len() + 1);
    let mut f = k0;
    master.push(f);
    for w in widths {
        f = f.wrapping_add(w as u8);
        master.push(f);
    }
    master
}

/// Band widths of `num_bands` bands growing geometrically from `from` to `to`.
fn geometric_widths(from: u8, to: u8, num_bands: u8) -> Vec<u8> {
    let power = (f32::from(to) / f32::from(from.max(1))).powf(1.0 / f32::from(num_bands));
    let mut value = f32::from(from);
    let mut previous = round_i8(value);
    (0..num_bands)
        .map(|_| {
            value *= power;
            let next = round_i8(value);
            let d = next.wrapping_sub(previous) as u8;
            previous = next;
            d
        })
        .collect()
}

/// Master frequency table for `bs_freq_scale` 1..=3 (logarithmic bands, maybe two regions).
fn master_log(k0: u8, k2: u8, freq_scale: u8, alter_scale: bool) -> Option<Vec<u8>> {
    let bands = [6u8, 5, 4][usize::from(freq_scale.clamp(1, 3) - 1)];
    let two_regions = f32::from(k2) / f32::from(k0) > 2.2449;
    let k1 = if two_regions {
        k0.saturating_mul(2)
    } else {
        k2
    };
    let num_bands0 = band_count(false, bands, k0, k1).wrapping_mul(2);
    if num_bands0 == 0 || num_bands0 >= 64 {
        return None;
    }
    let mut widths0 = geometric_widths(k0, k1, num_bands0);
    widths0.sort_unstable();
    let mut master = vec![k0];
    for &w in &widths0 {
        if w == 0 {
            return None;
        }
        master.push(master.last()?.wrapping_add(w));
    }
    if !two_regions {
        return Some(master);
    }
    let num_bands1 = band_count(alter_scale, bands, k1, k2).wrapping_mul(2);
    if num_bands1 == 0 || u16::from(num_bands0) + u16::from(num_bands1) >= 64 {
        return None;
    }
    let mut widths1 = geometric_widths(k1, k2, num_bands1);
    let last0 = *widths0.last()?;
    if widths1.first().is_some_and(|&w| w < last0) {
        widths1.sort_unstable();
        let change = last0.wrapping_sub(widths1[0]);
        widths1[0] = last0;
        if let Some(last) = widths1.last_mut() {
            *last = last.wrapping_sub(change);
        }
    }
    widths1.sort_unstable();
    let mut f = k1;
    for &w in &widths1 {
        if w == 0 {
            return None;
        }
        f = f.wrapping_add(w);
        master.push(f);
    }
    Some(master)
}

/// Reader of one `sbr_data()`.
struct SbrData<'r, 'd> {
    r: &'r mut BitReader<'d>,
    header: SbrHeader,
    element_pos: usize,
    state: &'r mut SbrState,
    found: &'r mut SbrFound,
}

impl SbrData<'_, '_> {
    fn single_channel_element(&mut self) -> Option<()> {
        if self.r.bit()? {
            self.r.skip(4)?; // bs_reserved
        }
        let mut ch = self.grid()?;
        self.dtdf(&mut ch)?;
        self.invf()?;
        self.envelope(&ch, false)?;
        self.noise(&ch, false)?;
        if self.r.bit()? {
            self.sinusoidal_coding()?;
        }
        self.extended_data()
    }

    fn channel_pair_element(&mut self) -> Option<()> {
        if self.r.bit()? {
            self.r.skip(8)?; // bs_reserved ×2
        }
        let coupling = self.r.bit()?;
        let mut ch0 = self.grid()?;
        let mut ch1 = if coupling { ch0 } else { self.grid()? };
        self.dtdf(&mut ch0)?;
        self.dtdf(&mut ch1)?;
        self.invf()?;
        if !coupling {
            self.invf()?;
        }
        self.envelope(&ch0, false)?;
        if coupling {
            self.noise(&ch0, false)?;
            self.envelope(&ch1, true)?;
        } else {
            self.envelope(&ch1, false)?;
            self.noise(&ch0, false)?;
        }
        self.noise(&ch1, coupling)?;
        if self.r.bit()? {
            self.sinusoidal_coding()?;
        }
        if self.r.bit()? {
            self.sinusoidal_coding()?;
        }
        self.extended_data()
    }

    fn grid(&mut self) -> Option<ChannelGrid> {
        let mut g = ChannelGrid {
            amp_res: self.header.amp_res,
            ..Default::default()
        };
        let pointer_bits = |n: u8| (f64::from(n + 1).ln() / 2.0f64.ln()).ceil() as usize;
        match self.r.u8(2)? {
            0 => {
                g.num_env = 1 << self.r.u8(2)?;
                if g.num_env == 1 {
                    g.amp_res = false;
                }
                let res = self.r.bit()?;
                g.freq_res = [res; 8];
            }
            1 => {
                self.r.skip(2)?; // bs_var_bord_1
                g.num_env = self.r.u8(2)? + 1;
                self.r
                    .skip(2 * usize::from(g.num_env - 1) + pointer_bits(g.num_env))?;
                for env in (0..usize::from(g.num_env)).rev() {
                    g.freq_res[env] = self.r.bit()?;
                }
            }
            class => {
                let (rel0, rel1) = if class == 2 {
                    self.r.skip(2)?;
                    (self.r.u8(2)?, 0)
                } else {
                    self.r.skip(4)?;
                    (self.r.u8(2)?, self.r.u8(2)?)
                };
                g.num_env = rel0 + rel1 + 1;
                self.r
                    .skip(2 * usize::from(rel0 + rel1) + pointer_bits(g.num_env))?;
                for env in 0..usize::from(g.num_env) {
                    g.freq_res[env] = self.r.bit()?;
                }
            }
        }
        g.num_noise = if g.num_env > 1 { 2 } else { 1 };
        Some(g)
    }

    fn dtdf(&mut self, g: &mut ChannelGrid) -> Option<()> {
        for env in 0..usize::from(g.num_env) {
            g.df_env[env] = self.r.bit()?;
        }
        for noise in 0..usize::from(g.num_noise) {
            g.df_noise[noise] = self.r.bit()?;
        }
        Some(())
    }

    fn invf(&mut self) -> Option<()> {
        self.r.skip(2 * usize::from(self.header.num_noise_bands))
    }

    fn envelope(&mut self, g: &ChannelGrid, balance: bool) -> Option<()> {
        let (t, f, start_bits): (&Codebook, &Codebook, usize) = match (balance, g.amp_res) {
            (true, true) => (
                huffman::sbr_t_env_bal_3_0db(),
                huffman::sbr_f_env_bal_3_0db(),
                5,
            ),
            (true, false) => (
                huffman::sbr_t_env_bal_1_5db(),
                huffman::sbr_f_env_bal_1_5db(),
                6,
            ),
            (false, true) => (huffman::sbr_t_env_3_0db(), huffman::sbr_f_env_3_0db(), 6),
            (false, false) => (huffman::sbr_t_env_1_5db(), huffman::sbr_f_env_1_5db(), 7),
        };
        for env in 0..usize::from(g.num_env) {
            let bands = self.header.num_env_bands[usize::from(g.freq_res[env])];
            if g.df_env[env] {
                for _ in 0..bands {
                    t.decode(self.r)?;
                }
            } else {
                self.r.skip(start_bits)?;
                for _ in 1..bands {
                    f.decode(self.r)?;
                }
            }
        }
        Some(())
    }

    fn noise(&mut self, g: &ChannelGrid, balance: bool) -> Option<()> {
        let (t, f) = if balance {
            (
                huffman::sbr_t_noise_bal_3_0db(),
                huffman::sbr_f_env_bal_3_0db(),
            )
        } else {
            (huffman::sbr_t_noise_3_0db(), huffman::sbr_f_env_3_0db())
        };
        let bands = self.header.num_noise_bands;
        for noise in 0..usize::from(g.num_noise) {
            if g.df_noise[noise] {
                for _ in 0..bands {
                    t.decode(self.r)?;
                }
            } else {
                self.r.skip(5)?;
                for _ in 1..bands {
                    f.decode(self.r)?;
                }
            }
        }
        Some(())
    }

    fn sinusoidal_coding(&mut self) -> Option<()> {
        self.r.skip(usize::from(self.header.num_env_bands[1]))
    }

    /// `bs_extended_data` and its `sbr_extension()` list: PS (id 2) or enhanced SBR (id 3).
    fn extended_data(&mut self) -> Option<()> {
        if !self.r.bit()? {
            return Some(());
        }
        let mut count = usize::from(self.r.u8(4)?);
        if count == 15 {
            count += usize::from(self.r.u8(8)?);
        }
        if self.r.remaining() < 8 * count {
            let rest = self.r.remaining();
            return self.r.skip(rest);
        }
        let end = self.r.position() + 8 * count;
        while end.saturating_sub(self.r.position()) > 7 {
            match self.r.u8(2)? {
                2 => self.ps_data(end)?,
                3 => {
                    self.found.esbr = true;
                    skip_to(self.r, end)?;
                }
                _ => skip_to(self.r, end)?,
            }
        }
        skip_to(self.r, end)
    }

    /// `ps_data()`: only its header matters; PS counts once a header is known.
    fn ps_data(&mut self, end: usize) -> Option<()> {
        let pos = self.element_pos;
        if self.state.ps_headers.len() <= pos {
            self.state.ps_headers.resize(pos + 1, false);
        }
        if self.r.bit()? {
            // enable_ps_header: enable_iid (+ iid_mode), enable_icc (+ icc_mode), enable_ext.
            if self.r.bit()? {
                self.r.skip(3)?;
            }
            if self.r.bit()? {
                self.r.skip(3)?;
            }
            self.r.skip(1)?;
            self.state.ps_headers[pos] = true;
        }
        if self.state.ps_headers[pos] {
            self.found.ps = true;
        }
        skip_to(self.r, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_header_at_44100_has_bands() {
        // bs_start_freq 5, bs_stop_freq 9, xover 0, default scale (2, alter, 2 noise bands).
        let h = SbrHeader {
            amp_res: true,
            start_freq: 5,
            stop_freq: 9,
            xover_band: 0,
            freq_scale: 2,
            alter_scale: true,
            noise_bands: 2,
            num_env_bands: [0; 2],
            num_noise_bands: 0,
        }
        .with_bands(44100)
        .unwrap();
        assert!(h.num_env_bands[1] > 0);
        assert_eq!(h.num_env_bands[0], h.num_env_bands[1].div_ceil(2));
        assert!((1..=5).contains(&h.num_noise_bands));
    }
}
