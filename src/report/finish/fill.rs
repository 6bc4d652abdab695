//! What MediaInfo's `Fill` derives whenever a field gets a value: aspect ratios from each other,
//! the audio frame rate from the sampling rate, frame rate fractions and rounding, bit rate
//! merges and `Bits-(Pixel*Frame)`, the audio/text delay relative to the video.
//!
//! Parsers here fill plain fields, so [`settle`] replays these effects once for what they
//! filled; the finish rules then write through [`Streams::fill`], which applies them as
//! MediaInfo does.

use super::num::{fixed, float, float32, int, round};
use super::{Streams, generic};
use crate::report::stream::StreamKind::{self, *};

impl Streams<'_> {
    /// Sets an empty field and applies MediaInfo's side effects (its `Fill` without replace;
    /// every rule checks the field is empty first).
    pub(super) fn fill(&mut self, kind: StreamKind, pos: usize, name: &str, value: String) {
        if value.is_empty() || !self.is_empty(kind, pos, name) {
            return;
        }
        self.put(kind, pos, name, value);
        self.after_fill(kind, pos, name);
    }

    /// Sets a field, replacing its value, and applies the side effects.
    pub(super) fn replace(&mut self, kind: StreamKind, pos: usize, name: &str, value: String) {
        if value.is_empty() {
            self.clear(kind, pos, name);
            return;
        }
        self.put(kind, pos, name, value);
        self.after_fill(kind, pos, name);
    }

    /// Fills a float with `decimals` decimals (MediaInfo's float `Fill`): a frame rate also
    /// gets its fraction.
    pub(super) fn fill_float(
        &mut self,
        kind: StreamKind,
        pos: usize,
        name: &str,
        value: f64,
        decimals: usize,
        replace: bool,
    ) {
        if !replace && !self.is_empty(kind, pos, name) {
            return;
        }
        if name == "FrameRate" && kind != General {
            self.clear(kind, pos, "FrameRate_Num");
            self.clear(kind, pos, "FrameRate_Den");
            if let Some((num, den)) = frame_rate_fraction(value) {
                self.put(kind, pos, "FrameRate_Num", num);
                self.put(kind, pos, "FrameRate_Den", den);
            }
        }
        let text = fixed(value, decimals);
        if replace {
            self.replace(kind, pos, name, text);
        } else {
            self.fill(kind, pos, name, text);
        }
    }

    fn after_fill(&mut self, kind: StreamKind, pos: usize, name: &str) {
        match (kind, name) {
            (Video | Image, "DisplayAspectRatio") => {
                self.pixel_aspect_ratio_from_display(kind, pos)
            }
            (Video | Image, "PixelAspectRatio") => self.display_aspect_ratio_from_pixel(kind, pos),
            (Audio, "SamplesPerFrame" | "SamplingRate") => self.audio_frame_rate(pos),
            // A commercial name "if any" is the commercial name.
            (_, "Format_Commercial_IfAny") => {
                let v = self.get(kind, pos, name).to_owned();
                self.put(kind, pos, "Format_Commercial", v);
            }
            _ => {}
        }
        if matches!(name, "BitRate" | "BitRate_Nominal" | "BitRate_Maximum") {
            self.merge_bit_rates(kind, pos, name);
        }
        if kind == Video
            && matches!(
                name,
                "FrameRate" | "FrameRate_Nominal" | "FrameRate_Original"
            )
        {
            self.video_frame_rate(pos, name);
        }
        if kind == Video
            && matches!(
                name,
                "BitRate" | "BitRate_Nominal" | "Width" | "Height" | "FrameRate"
            )
        {
            self.bits_per_pixel_frame(pos);
        }
        if matches!(kind, Video | Audio) && name == "BitRate" {
            self.round_bit_rate(kind, pos);
        }
        if name == "Delay" {
            self.video_delay(kind, pos);
        }
    }

    /// `PixelAspectRatio_Fill`: a pixel aspect ratio (snapped to the usual fractions when
    /// within 0.1%) gives the display aspect ratio `Width/Height*PAR`, in single precision, when
    /// it is not known yet.
    fn display_aspect_ratio_from_pixel(&mut self, kind: StreamKind, pos: usize) {
        if !self.is_empty(kind, pos, "DisplayAspectRatio") {
            return;
        }
        let par = float32(self.get(kind, pos, "PixelAspectRatio"));
        let width = float32(self.get(kind, pos, "Width"));
        let height = float32(self.get(kind, pos, "Height"));
        if let Some(dar) = display_aspect_ratio_of(par, width, height) {
            self.fill_float(kind, pos, "DisplayAspectRatio", f64::from(dar), 3, false);
        }
    }

    /// `DisplayAspectRatio_Fill`: a display aspect ratio gives the pixel aspect ratio
    /// `DAR/(Width/Height)` when it is not known yet, reading "1.778" as 16/9 and "1.333" as 4/3.
    pub(super) fn pixel_aspect_ratio_from_display(&mut self, kind: StreamKind, pos: usize) {
        if !self.is_empty(kind, pos, "PixelAspectRatio") {
            return;
        }
        let text = self.get(kind, pos, "DisplayAspectRatio");
        let dar = match text {
            "1.778" => 16.0 / 9.0,
            "1.333" => 4.0 / 3.0,
            _ => float32(text),
        };
        let width = float32(self.get(kind, pos, "Width"));
        let height = float32(self.get(kind, pos, "Height"));
        if dar != 0.0 && width != 0.0 && height != 0.0 {
            let par = dar / (width / height);
            self.fill_float(kind, pos, "PixelAspectRatio", f64::from(par), 3, false);
        }
    }

    /// Audio frame rate = sampling rate / samples per frame, each the lowest non-zero of a
    /// " / " list, when unknown and the two differ (`43.066` for 44100/1024).
    pub(super) fn audio_frame_rate(&mut self, pos: usize) {
        if !self.is_empty(Audio, pos, "FrameRate") {
            return;
        }
        let lowest = |text: &str| {
            text.split(" / ")
                .map(float)
                .filter(|v| *v != 0.0)
                .fold(None, |low: Option<f64>, v| {
                    Some(low.map_or(v, |l| l.min(v)))
                })
        };
        let samples = lowest(self.get(Audio, pos, "SamplesPerFrame"));
        let rate = lowest(self.get(Audio, pos, "SamplingRate"));
        if let (Some(samples), Some(rate)) = (samples, rate)
            && samples != rate
        {
            self.fill_float(Audio, pos, "FrameRate", rate / samples, 3, false);
        }
    }

    /// A nominal bit rate within 5% of the bit rate, or a bit rate within 1% of the maximum,
    /// replaces the bit rate and is dropped (compared in single precision).
    fn merge_bit_rates(&mut self, kind: StreamKind, pos: usize, name: &str) {
        if generic(kind, "BitRate").is_none() {
            return;
        }
        if matches!(name, "BitRate" | "BitRate_Nominal") {
            let bit_rate = float32(self.get(kind, pos, "BitRate"));
            let nominal = float32(self.get(kind, pos, "BitRate_Nominal"));
            if f64::from(nominal) > f64::from(bit_rate) * 0.95
                && f64::from(nominal) < f64::from(bit_rate) * 1.05
            {
                let nominal = self.get(kind, pos, "BitRate_Nominal").to_owned();
                self.clear(kind, pos, "BitRate_Nominal");
                self.replace(kind, pos, "BitRate", nominal);
            }
        }
        if matches!(name, "BitRate" | "BitRate_Maximum") {
            let bit_rate = float32(self.get(kind, pos, "BitRate"));
            let maximum = float32(self.get(kind, pos, "BitRate_Maximum"));
            if f64::from(bit_rate) > f64::from(maximum) * 0.99
                && f64::from(bit_rate) < f64::from(maximum) * 1.01
            {
                let maximum = self.get(kind, pos, "BitRate_Maximum").to_owned();
                self.clear(kind, pos, "BitRate_Maximum");
                self.replace(kind, pos, "BitRate", maximum);
            }
        }
    }

    /// A nominal frame rate within 0.05% of the frame rate is dropped; frame rates close to a
    /// usual one are snapped to it (`Video_FrameRate_Rounding`) unless the stream states its
    /// own fraction, and a nominal or original rate equal to the frame rate is dropped.
    fn video_frame_rate(&mut self, pos: usize, name: &str) {
        if matches!(name, "FrameRate" | "FrameRate_Nominal") {
            let rate = float32(self.get(Video, pos, "FrameRate"));
            let nominal = float32(self.get(Video, pos, "FrameRate_Nominal"));
            if f64::from(nominal) > f64::from(rate) * 0.9995
                && f64::from(nominal) < f64::from(rate) * 1.0005
            {
                let nominal = self.get(Video, pos, "FrameRate_Nominal").to_owned();
                self.clear(Video, pos, "FrameRate_Nominal");
                if name == "FrameRate" {
                    self.replace(Video, pos, "FrameRate", nominal);
                }
            }
        }
        if self.is_empty(Video, pos, "FrameRate_Original_Num") {
            let value = float(self.get(Video, pos, name));
            let rounded = crate::report::strings::well_known_frame_rate(value);
            if rounded != value {
                self.fill_float(Video, pos, name, rounded, 3, true);
            }
            let rate = self.get(Video, pos, "FrameRate").to_owned();
            if self.get(Video, pos, "FrameRate_Nominal") == rate {
                self.clear(Video, pos, "FrameRate_Nominal");
            }
            if name != "FrameRate_Original" && self.get(Video, pos, "FrameRate_Original") == rate {
                self.clear(Video, pos, "FrameRate_Original");
            }
        }
    }

    /// `Bits-(Pixel*Frame)` = bit rate (else nominal) / (width × height × frame rate), single
    /// precision, 3 decimals.
    fn bits_per_pixel_frame(&mut self, pos: usize) {
        let mut bit_rate = float32(self.get(Video, pos, "BitRate"));
        if bit_rate == 0.0 {
            bit_rate = float32(self.get(Video, pos, "BitRate_Nominal"));
        }
        // MediaInfo reads width and height as 32-bit integers, then as floats.
        let width = int(self.get(Video, pos, "Width")) as i32 as f32;
        let height = int(self.get(Video, pos, "Height")) as i32 as f32;
        let pixels = width * height * float32(self.get(Video, pos, "FrameRate"));
        if bit_rate != 0.0 && pixels != 0.0 {
            let bits = f64::from(bit_rate / pixels);
            self.put(Video, pos, "Bits-(Pixel*Frame)", fixed(bits, 3));
        }
    }

    /// Snaps bit rates near a standard one (`Video_BitRate_Rounding`, `Audio_BitRate_Rounding`).
    fn round_bit_rate(&mut self, kind: StreamKind, pos: usize) {
        let format = self.get(kind, pos, "Format");
        let text = self.get(kind, pos, "BitRate");
        let bit_rate = u32::try_from(int(text)).unwrap_or(0);
        let vbr = self.get(kind, pos, "BitRate_Mode") == "VBR";
        let rounded = if kind == Video {
            standard_video_bit_rate(format, bit_rate)
        } else {
            standard_audio_bit_rate(format, bit_rate, vbr)
        };
        if rounded != bit_rate {
            self.replace(kind, pos, "BitRate", rounded.to_string());
        }
    }

    /// Audio and text `Video_Delay`: the stream's delay minus the first video's. (MediaInfo
    /// also sets `Video0_Delay`, which its output hides.)
    fn video_delay(&mut self, kind: StreamKind, pos: usize) {
        let last = |text: &str| text.rsplit(" / ").next().map(int).unwrap_or(0);
        match kind {
            Video if pos == 0 => {
                let video = int(self.get(Video, 0, "Delay"));
                for other in [Audio, Text] {
                    for p in 0..self.count(other) {
                        if !self.is_empty(other, p, "Delay") {
                            let delay = int(self.get(other, p, "Delay"));
                            self.put(
                                other,
                                p,
                                "Video_Delay",
                                delay.saturating_sub(video).to_string(),
                            );
                        }
                    }
                }
            }
            Audio | Text if self.count(Video) > 0 && !self.is_empty(Video, 0, "Delay") => {
                let delay = last(self.get(kind, pos, "Delay"));
                let video = last(self.get(Video, 0, "Delay"));
                self.put(
                    kind,
                    pos,
                    "Video_Delay",
                    delay.saturating_sub(video).to_string(),
                );
            }
            _ => {}
        }
    }
}

/// Replays, once, the side effects of the fields a parser filled: what MediaInfo's `Fill`
/// would have derived from them while parsing.
pub(super) fn settle(s: &mut Streams) {
    // Dates are reshaped as they are filled, each value of a " / " list on its own.
    for name in crate::report::dates::GENERAL_DATE_FIELDS {
        let value = s.general(name).to_owned();
        if value.is_empty() {
            continue;
        }
        let adapted: Vec<String> = value
            .split(" / ")
            .map(|v| crate::report::dates::adapt(v).unwrap_or_else(|| v.to_owned()))
            .collect();
        let adapted = adapted.join(" / ");
        if adapted != value {
            s.replace(General, 0, name, adapted);
        }
    }
    for kind in StreamKind::ALL {
        for pos in 0..s.count(kind) {
            for name in ["PixelAspectRatio", "DisplayAspectRatio"] {
                if matches!(kind, Video | Image) && !s.is_empty(kind, pos, name) {
                    s.after_fill(kind, pos, name);
                }
            }
            if kind == Audio && !s.is_empty(kind, pos, "SamplingRate") {
                s.audio_frame_rate(pos);
            }
            if kind == Video && !s.is_empty(kind, pos, "FrameRate") {
                s.video_frame_rate(pos, "FrameRate");
            }
            if !s.is_empty(kind, pos, "BitRate") {
                s.merge_bit_rates(kind, pos, "BitRate");
            }
            if kind == Video {
                s.bits_per_pixel_frame(pos);
            }
            if matches!(kind, Video | Audio) && !s.is_empty(kind, pos, "BitRate") {
                s.round_bit_rate(kind, pos);
            }
            if !s.is_empty(kind, pos, "Delay") {
                s.video_delay(kind, pos);
            }
        }
    }
}

/// The `FrameRate_Num`/`FrameRate_Den` MediaInfo stores with a frame rate it fills as a float:
/// n×1000/1001 rates (exact or rounded to 3 decimals) and integers; none for other rates.
pub fn frame_rate_fraction(rate: f64) -> Option<(String, String)> {
    if rate == 0.0 {
        return None;
    }
    let near = |scale: f64| (round(rate) as f64 - rate * scale).abs() < 0.000002;
    let mut fraction = None;
    if near(1.001) {
        fraction = Some((fixed(rate * 1001.0, 0), "1001".to_owned()));
    }
    if near(1.001001) {
        fraction = Some((fixed(rate * 1000.0, 0), "1000".to_owned()));
    }
    if rate.fract() == 0.0 && rate.abs() < f64::from(i32::MAX) {
        fraction = Some(((rate as i32).to_string(), "1".to_owned()));
    }
    fraction
}

/// The display aspect ratio a pixel aspect ratio gives (`PixelAspectRatio_Fill`): the PAR
/// snapped to a usual fraction, times `width/height`, in single precision.
pub fn display_aspect_ratio_of(par: f32, width: f32, height: f32) -> Option<f32> {
    let par = snap_pixel_aspect_ratio(par);
    (par != 0.0 && width != 0.0 && height != 0.0).then(|| width / height * par)
}

/// Snaps a pixel aspect ratio within 0.1% of a usual fraction to it (4/3 up to +1%).
fn snap_pixel_aspect_ratio(par: f32) -> f32 {
    const USUAL: [(f32, f32); 18] = [
        (12.0, 11.0),
        (10.0, 11.0),
        (16.0, 11.0),
        (16.0, 15.0),
        (40.0, 33.0),
        (24.0, 11.0),
        (20.0, 11.0),
        (32.0, 11.0),
        (80.0, 33.0),
        (18.0, 11.0),
        (15.0, 11.0),
        (64.0, 33.0),
        (160.0, 99.0),
        (4.0, 3.0),
        (3.0, 2.0),
        (2.0, 1.0),
        (59.0, 54.0),
        (8.0, 9.0),
    ];
    let mut par = par;
    for (num, den) in USUAL {
        let usual = num / den;
        let upper = if num == 4.0 { 1.01 } else { 1.001 };
        // MediaInfo compares the float against double bounds.
        if f64::from(par) > f64::from(usual) * 0.999 && f64::from(par) < f64::from(usual) * upper {
            par = usual;
        }
    }
    par
}

/// AVC-Intra 50 and 100 bit rates.
fn standard_video_bit_rate(format: &str, bit_rate: u32) -> u32 {
    match (format, bit_rate) {
        ("AVC", 54_942_720..=57_185_280) => 56_064_000,
        ("AVC", 111_390_720..=115_937_280) => 113_664_000,
        _ => bit_rate,
    }
}

/// Standard audio bit rates by format family, each with its tolerance (MPEG Audio keeps the
/// exact value when VBR).
fn standard_audio_bit_rate(format: &str, bit_rate: u32, vbr: bool) -> u32 {
    const MPEG: &[(u32, u32, u32)] = &[
        (7500, 8500, 8000),
        (15000, 17000, 16000),
        (23000, 25000, 24000),
        (31000, 33000, 32000),
        (38000, 42000, 40000),
        (46000, 50000, 48000),
        (54000, 58000, 56000),
        (62720, 65280, 64000),
        (78400, 81600, 80000),
        (94080, 97920, 96000),
        (109760, 114240, 112000),
        (125440, 130560, 128000),
        (156800, 163200, 160000),
        (188160, 195840, 192000),
        (219520, 228480, 224000),
        (250880, 261120, 256000),
        (282240, 293760, 288000),
        (313600, 326400, 320000),
        (344960, 359040, 352000),
        (376320, 391680, 384000),
        (407680, 424320, 416000),
        (439040, 456960, 448000),
    ];
    const AC3: &[(u32, u32, u32)] = &[
        (31000, 33000, 32000),
        (39000, 41000, 40000),
        (46000, 50000, 48000),
        (54000, 58000, 56000),
        (62720, 65280, 64000),
        (78400, 81600, 80000),
        (94080, 97920, 96000),
        (109760, 114240, 112000),
        (125440, 130560, 128000),
        (156800, 163200, 160000),
        (188160, 195840, 192000),
        (219520, 228480, 224000),
        (250880, 261120, 256000),
        (313600, 326400, 320000),
        (376320, 391680, 384000),
        (439040, 456960, 448000),
        (501760, 522240, 512000),
        (564480, 587520, 576000),
        (627200, 652800, 640000),
    ];
    const AAC: &[(u32, u32, u32)] = &[
        (46000, 50000, 48000),
        (64827, 67473, 66150),
        (70560, 73440, 72000),
        (94080, 97920, 96000),
        (129654, 134946, 132300),
        (141120, 146880, 144000),
        (188160, 195840, 192000),
        (259308, 269892, 264600),
        (282240, 293760, 288000),
        (345744, 359856, 352800),
        (376320, 391680, 384000),
        (518616, 539784, 529200),
        (564480, 587520, 576000),
        (648270, 674730, 661500),
    ];
    const PCM: &[(u32, u32, u32)] = &[
        (62720, 65280, 64000),
        (86436, 89964, 88200),
        (125440, 130560, 128000),
        (172872, 179928, 176400),
        (188160, 195840, 192000),
        (250880, 261120, 256000),
        (345744, 359856, 352800),
        (376320, 391680, 384000),
        (501760, 522240, 512000),
        (691488, 719712, 705600),
        (752640, 783360, 768000),
        (1003520, 1044480, 1024000),
        (1128960, 1175040, 1152000),
        (1382976, 1439424, 1411200),
        (1505280, 1566720, 1536000),
        (4515840, 4700160, 4608000),
        (6021120, 6266880, 6144000),
    ];
    const ADPCM: &[(u32, u32, u32)] = &[
        (42000, 46000, 44100),
        (62720, 65280, 64000),
        (86436, 89964, 88200),
        (125440, 130560, 128000),
        (172872, 179928, 176400),
        (188160, 195840, 192000),
        (250880, 261120, 256000),
        (345744, 359856, 352800),
        (376320, 391680, 384000),
    ];
    let table = if format.starts_with("MPEG") {
        if vbr {
            return bit_rate;
        }
        MPEG
    } else if format.starts_with("AC3") {
        AC3
    } else if format.starts_with("AAC") {
        AAC
    } else if format == "PCM" || format == "Qdesign 2" {
        PCM
    } else if format.starts_with("ADPCM") || format.starts_with("U-Law") {
        ADPCM
    } else {
        return bit_rate;
    };
    // Later ranges win, as MediaInfo tests them all in order.
    table
        .iter()
        .rev()
        .find(|(low, high, _)| (*low..=*high).contains(&bit_rate))
        .map_or(bit_rate, |(_, _, standard)| *standard)
}
