//! Property tests (proptest): readers against writers written here, the AAC
//! AudioSpecificConfig parser against a generator of valid configs, and random damage to the
//! fixtures (cuts, byte changes, inserted and removed ranges), which must give a report or an
//! error. `tests/robustness.rs` walks prefixes and flips systematically; here the damage is
//! random, anywhere in the file, and several changes at once.

use std::time::{Duration, Instant};

use mediainfo_rs::bits::BitReader;
use mediainfo_rs::codec::aac::{AudioSpecificConfig, ExtensionSignal, sampling_frequency};
use mediainfo_rs::container::mkv::ebml::{Elements, read_header, read_id, read_size};
use mediainfo_rs::container::mp4::boxes::Boxes;
use mediainfo_rs::source::MemorySource;
use proptest::prelude::*;

/// MSB-first bit writer, the inverse of `BitReader`.
#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    bits: usize,
}

impl BitWriter {
    fn put(&mut self, value: u64, n: u32) {
        for i in (0..n).rev() {
            if self.bits.is_multiple_of(8) {
                self.bytes.push(0);
            }
            let bit = (value >> i) & 1;
            let last = self.bytes.last_mut().expect("a byte");
            *last |= (bit as u8) << (7 - self.bits % 8);
            self.bits += 1;
        }
    }
    fn bit(&mut self, b: bool) {
        self.put(u64::from(b), 1);
    }
    fn ue(&mut self, v: u32) {
        let x = u64::from(v) + 1;
        let len = 64 - x.leading_zeros();
        self.put(0, len - 1);
        self.put(x, len);
    }
    fn se(&mut self, v: i32) {
        let k = if v > 0 {
            2 * i64::from(v) - 1
        } else {
            -2 * i64::from(v)
        };
        self.ue(u32::try_from(k).expect("se range"));
    }
    fn align(&mut self) {
        self.bits = self.bits.div_ceil(8) * 8;
    }
}

#[derive(Clone, Debug)]
enum Field {
    Bits(u32, u64),
    Bit(bool),
    Ue(u32),
    Se(i32),
}

fn field() -> impl Strategy<Value = Field> {
    prop_oneof![
        (0u32..=64, any::<u64>())
            .prop_map(|(n, v)| Field::Bits(n, if n == 64 { v } else { v & ((1u64 << n) - 1) })),
        any::<bool>().prop_map(Field::Bit),
        // ue(v) codes up to 2^32 - 2 (32 leading zeros would be a 33-bit code).
        (0u32..u32::MAX).prop_map(Field::Ue),
        (-i32::MAX..=i32::MAX).prop_map(Field::Se),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn bit_reader_round_trips(fields in prop::collection::vec(field(), 0..40)) {
        let mut w = BitWriter::default();
        for f in &fields {
            match *f {
                Field::Bits(n, v) => w.put(v, n),
                Field::Bit(b) => w.bit(b),
                Field::Ue(v) => w.ue(v),
                Field::Se(v) => w.se(v),
            }
        }
        let written = w.bits;
        let mut r = BitReader::new(&w.bytes);
        for f in &fields {
            match *f {
                Field::Bits(n, v) => prop_assert_eq!(r.bits(n), Some(v)),
                Field::Bit(b) => prop_assert_eq!(r.bit(), Some(b)),
                Field::Ue(v) => prop_assert_eq!(r.ue(), Some(v)),
                Field::Se(v) => prop_assert_eq!(r.se(), Some(v)),
            }
        }
        prop_assert_eq!(r.position(), written);
        let pad = w.bytes.len() * 8 - written;
        prop_assert_eq!(r.remaining(), pad);
        prop_assert_eq!(r.bits(pad as u32 + 1), None);
        prop_assert_eq!(r.position(), written, "a failed read consumes nothing");
    }

    #[test]
    fn ebml_sizes_round_trip(len in 1usize..=8, raw in any::<u64>()) {
        let max = (1u64 << (7 * len)) - 1; // all ones: "unknown"
        let value = raw % max;
        let mut bytes = value.to_be_bytes()[8 - len..].to_vec();
        bytes[0] |= 0x80 >> (len - 1);
        prop_assert_eq!(read_size(&bytes), Some((Some(value), len)));
        // The all-ones value of every length means an unknown size.
        let mut unknown = vec![0xFFu8; len];
        unknown[0] = (0xFF >> (len - 1)) as u8;
        prop_assert_eq!(read_size(&unknown), Some((None, len)));
        // Cut short, it is no size at all.
        prop_assert_eq!(read_size(&bytes[..len - 1]), None);
    }

    #[test]
    fn ebml_elements_round_trip(
        elements in prop::collection::vec(
            (1usize..=4, any::<u32>(), 1usize..=8, prop::collection::vec(any::<u8>(), 0..40)),
            0..12,
        )
    ) {
        let mut data = Vec::new();
        let mut want = Vec::new();
        for (id_len, id_raw, size_len, payload) in &elements {
            // An ID of `id_len` bytes: its marker bit in the first byte, any bits after it.
            let mut id = id_raw.to_be_bytes()[4 - id_len..].to_vec();
            id[0] = (id[0] & (0x7F >> (id_len - 1))) | (0x80 >> (id_len - 1));
            let id_value = id.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b));
            prop_assert_eq!(read_id(&id), Some((id_value, *id_len)));
            let size_len = (*size_len).max(if payload.len() >= 127 { 2 } else { 1 });
            let mut size = (payload.len() as u64).to_be_bytes()[8 - size_len..].to_vec();
            size[0] |= 0x80 >> (size_len - 1);
            data.extend_from_slice(&id);
            data.extend_from_slice(&size);
            let h = read_header(&data[data.len() - id.len() - size.len()..]).expect("header");
            prop_assert_eq!((h.id, h.size, h.header_len), (id_value, Some(payload.len() as u64), id_len + size_len));
            data.extend_from_slice(payload);
            want.push((id_value, payload.clone()));
        }
        let got: Vec<(u32, Vec<u8>)> = Elements::new(&data).map(|e| (e.id, e.data.to_vec())).collect();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn mp4_boxes_round_trip(
        boxes in prop::collection::vec((any::<[u8; 4]>(), any::<bool>(), prop::collection::vec(any::<u8>(), 0..40)), 0..12)
    ) {
        let mut data = Vec::new();
        for (kind, large, payload) in &boxes {
            let kind = if kind == b"uuid" { *b"uuiD" } else { *kind };
            if *large {
                data.extend_from_slice(&1u32.to_be_bytes());
                data.extend_from_slice(&kind);
                data.extend_from_slice(&(payload.len() as u64 + 16).to_be_bytes());
            } else {
                data.extend_from_slice(&(payload.len() as u32 + 8).to_be_bytes());
                data.extend_from_slice(&kind);
            }
            data.extend_from_slice(payload);
        }
        let got: Vec<(Vec<u8>, bool)> = Boxes::new(&data).map(|b| (b.payload.to_vec(), b.truncated)).collect();
        let want: Vec<(Vec<u8>, bool)> = boxes.iter().map(|b| (b.2.clone(), false)).collect();
        prop_assert_eq!(got, want);
    }
}

/// A valid AudioSpecificConfig, described by its fields (channelConfiguration 0 with a PCE).
#[derive(Clone, Debug)]
struct Asc {
    object_type: u8,
    /// Hierarchical SBR (5) or SBR+PS (29) in front of the core type, with the output rate.
    hierarchical: Option<(u8, Rate)>,
    rate: Rate,
    channels: u8,
    frame_960: bool,
    core_coder_delay: Option<u16>,
    extension_flag: bool,
    /// A backward-compatible SBR (and PS) sync extension: (SBR present, rate, PS present).
    sync: Option<(bool, Rate, Option<bool>)>,
    /// The program_config_element of channelConfiguration 0.
    pce: Pce,
}

/// A program_config_element MediaInfo trusts (a known rate, at most 24 channels): its channel
/// elements as (is a pair, tag) and a comment.
#[derive(Clone, Debug)]
struct Pce {
    rate_index: u8,
    front: Vec<(bool, u8)>,
    side: Vec<(bool, u8)>,
    back: Vec<(bool, u8)>,
    lfe: Vec<u8>,
    comment: Vec<u8>,
}

impl Pce {
    fn channels(&self) -> u32 {
        let n = |v: &[(bool, u8)]| v.iter().map(|e| if e.0 { 2 } else { 1 }).sum::<u32>();
        n(&self.front) + n(&self.side) + n(&self.back) + self.lfe.len() as u32
    }

    fn write(&self, w: &mut BitWriter) {
        w.put(0, 4); // element_instance_tag
        w.put(1, 2); // object_type: LC
        w.put(u64::from(self.rate_index), 4);
        for n in [self.front.len(), self.side.len(), self.back.len()] {
            w.put(n as u64, 4);
        }
        w.put(self.lfe.len() as u64, 2);
        w.put(0, 3); // assoc data
        w.put(0, 4); // coupling channels
        w.put(0, 3); // no mono, stereo or matrix mixdown
        for (pair, tag) in self.front.iter().chain(&self.side).chain(&self.back) {
            w.bit(*pair);
            w.put(u64::from(*tag), 4);
        }
        for tag in &self.lfe {
            w.put(u64::from(*tag), 4);
        }
        w.align();
        w.put(self.comment.len() as u64, 8);
        for &b in &self.comment {
            w.put(u64::from(b), 8);
        }
    }
}

fn pce() -> impl Strategy<Value = Pce> {
    let elements = |max| prop::collection::vec((any::<bool>(), 0u8..16), 0..=max);
    (
        0u8..=12,
        elements(4),
        elements(3),
        elements(3),
        prop::collection::vec(0u8..16, 0..=2),
        prop::collection::vec(b'a'..=b'z', 0..8),
    )
        .prop_map(|(rate_index, front, side, back, lfe, comment)| Pce {
            rate_index,
            front,
            side,
            back,
            lfe,
            comment,
        })
}

#[derive(Clone, Copy, Debug)]
enum Rate {
    Index(u8),
    Explicit(u32),
}

impl Rate {
    fn hz(self) -> u32 {
        match self {
            Rate::Index(i) => sampling_frequency(i),
            Rate::Explicit(f) => f,
        }
    }
    fn write(self, w: &mut BitWriter) {
        match self {
            Rate::Index(i) => w.put(u64::from(i), 4),
            Rate::Explicit(f) => {
                w.put(15, 4);
                w.put(u64::from(f), 24);
            }
        }
    }
}

fn rate() -> impl Strategy<Value = Rate> {
    prop_oneof![
        (0u8..=12).prop_map(Rate::Index),
        (1u32..(1 << 24)).prop_map(Rate::Explicit),
    ]
}

fn asc() -> impl Strategy<Value = Asc> {
    // GA object types with a GASpecificConfig: Main, LC, SSR, LTP, scalable, TwinVQ, and the
    // error-resilient ones (17, 19..=23, epConfig 0 or 1 follows).
    let ga = prop::sample::select(vec![1u8, 2, 3, 4, 6, 7, 17, 19, 20, 21, 22, 23]);
    (
        ga,
        prop::option::of((prop::sample::select(vec![5u8, 29]), rate())),
        rate(),
        0u8..=7,
        any::<bool>(),
        prop::option::of(0u16..(1 << 14)),
        any::<bool>(),
        prop::option::of((any::<bool>(), rate(), prop::option::of(any::<bool>()))),
        pce(),
    )
        .prop_map(
            |(object_type, hierarchical, rate, channels, frame_960, delay, ext, sync, pce)| Asc {
                object_type,
                hierarchical,
                rate,
                channels,
                frame_960,
                core_coder_delay: delay,
                extension_flag: ext,
                // A sync extension follows only a config without hierarchical signalling.
                sync: if hierarchical.is_some() { None } else { sync },
                pce,
            },
        )
}

impl Asc {
    fn encode(&self) -> Vec<u8> {
        let mut w = BitWriter::default();
        let first = self.hierarchical.map_or(self.object_type, |h| h.0);
        w.put(u64::from(first), 5);
        self.rate.write(&mut w);
        w.put(u64::from(self.channels), 4);
        if let Some((_, ext_rate)) = self.hierarchical {
            ext_rate.write(&mut w);
            w.put(u64::from(self.object_type), 5);
            if self.object_type == 22 {
                w.put(0, 4);
            }
        }
        // GASpecificConfig
        w.bit(self.frame_960);
        w.bit(self.core_coder_delay.is_some());
        if let Some(d) = self.core_coder_delay {
            w.put(u64::from(d), 14);
        }
        w.bit(self.extension_flag);
        if self.channels == 0 {
            self.pce.write(&mut w);
        }
        if matches!(self.object_type, 6 | 20) {
            w.put(0, 3);
        }
        if self.extension_flag {
            if self.object_type == 22 {
                w.put(0, 16);
            }
            if matches!(self.object_type, 17 | 19 | 20 | 23) {
                w.put(0, 3);
            }
            w.bit(false); // extensionFlag3
        }
        if matches!(self.object_type, 17 | 19..=23) {
            w.put(0, 2); // epConfig 0
        }
        if let Some((sbr, rate, ps)) = self.sync {
            w.put(0x2b7, 11);
            w.put(5, 5);
            w.bit(sbr);
            if sbr {
                rate.write(&mut w);
                if let Some(ps) = ps {
                    w.put(0x548, 11);
                    w.bit(ps);
                }
            }
        }
        w.align();
        w.bytes
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn audio_specific_config_agrees_with_generator(a in asc()) {
        let bytes = a.encode();
        let p = AudioSpecificConfig::parse(&bytes).expect("a valid config parses");
        prop_assert_eq!(p.audio_object_type, a.object_type);
        prop_assert_eq!(p.signalled_object_type, a.hierarchical.map_or(a.object_type, |h| h.0));
        prop_assert_eq!(p.sampling_frequency, a.rate.hz());
        prop_assert_eq!(p.channel_configuration, a.channels);
        prop_assert_eq!(p.frame_length, if a.frame_960 { 960 } else { 1024 });
        prop_assert_eq!(p.core_coder_delay, a.core_coder_delay);
        prop_assert_eq!(p.extension_flag, a.extension_flag);
        match &p.program_config {
            Some(pce) => {
                prop_assert_eq!(a.channels, 0);
                prop_assert_eq!(pce.channel_count(), a.pce.channels());
                prop_assert_eq!(pce.sampling_frequency_index, a.pce.rate_index);
                prop_assert_eq!(pce.front.len(), a.pce.front.len());
                prop_assert_eq!(pce.side.len(), a.pce.side.len());
                prop_assert_eq!(pce.back.len(), a.pce.back.len());
                prop_assert_eq!(&pce.lfe_tags, &a.pce.lfe);
                prop_assert_eq!(pce.comment.as_bytes(), &a.pce.comment[..]);
            }
            None => prop_assert!(a.channels != 0, "the PCE of channelConfiguration 0 is read"),
        }
        if matches!(a.object_type, 17 | 19..=23) {
            prop_assert_eq!(p.ep_config, Some(0));
        }
        match (a.hierarchical, a.sync) {
            (Some((kind, ext_rate)), _) => {
                prop_assert_eq!(p.sbr, Some(ExtensionSignal::Hierarchical));
                let ps = (kind == 29).then_some(ExtensionSignal::Hierarchical);
                prop_assert_eq!(p.ps, ps);
                prop_assert_eq!(p.extension_sampling_frequency, Some(ext_rate.hz()));
            }
            (None, Some((sbr, rate, ps))) => {
                prop_assert_eq!(p.sbr, Some(ExtensionSignal::Explicit { present: sbr }));
                if sbr {
                    prop_assert_eq!(p.extension_sampling_frequency, Some(rate.hz()));
                    prop_assert_eq!(p.ps, ps.map(|present| ExtensionSignal::Explicit { present }));
                } else {
                    prop_assert_eq!(p.extension_sampling_frequency, None);
                    prop_assert_eq!(p.ps, None);
                }
            }
            (None, None) => {
                prop_assert_eq!(p.sbr, None);
                prop_assert_eq!(p.ps, None);
                prop_assert_eq!(p.extension_sampling_frequency, None);
            }
        }
        // Any cut of a valid config is parsed or rejected, never a panic.
        for n in 0..bytes.len() {
            let _ = AudioSpecificConfig::parse(&bytes[..n]);
        }
    }
}

/// The fixtures the damage properties start from (both containers, fragments, QuickTime).
const FIXTURES: [&str; 6] = [
    "seed-baseline-faststart.mp4",
    "seed-baseline-moov-at-end.mp4",
    "fragmented.mp4",
    "quicktime.mov",
    "mkv-avc-aac.mkv",
    "webm-opus.webm",
];

fn fixture(i: usize) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/media")
        .join(FIXTURES[i % FIXTURES.len()]);
    std::fs::read(path).expect("fixture")
}

/// Generous: this catches hangs (an unbounded loop), not slowness.
const HANG: Duration = Duration::from_secs(10);

/// Analyzes damaged bytes: a report (its General stream first) or an error, soon.
fn survives(bytes: &[u8]) -> Result<(), TestCaseError> {
    let start = Instant::now();
    let result = mediainfo_rs::analyze(&MemorySource::new(bytes), "damaged.mp4");
    if let Ok(report) = &result {
        prop_assert_eq!(
            report.general().map(|g| g.kind()),
            Some(mediainfo_rs::StreamKind::General)
        );
        let _ = mediainfo_rs::render::pymediainfo(&report.streams);
        let _ = mediainfo_rs::render::text(&report.streams);
    }
    prop_assert!(
        start.elapsed() < HANG,
        "analysis took {:?}",
        start.elapsed()
    );
    Ok(())
}

#[derive(Clone, Debug)]
enum Damage {
    Set(usize, u8),
    Insert(usize, Vec<u8>),
    Remove(usize, usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    // Positions are fractions of the file (in 1/65536), so they fall anywhere in it.
    prop_oneof![
        4 => (any::<u16>(), any::<u8>()).prop_map(|(p, v)| Damage::Set(p as usize, v)),
        1 => (any::<u16>(), prop::collection::vec(any::<u8>(), 1..16)).prop_map(|(p, b)| Damage::Insert(p as usize, b)),
        1 => (any::<u16>(), 1usize..64).prop_map(|(p, n)| Damage::Remove(p as usize, n)),
    ]
}

fn apply(bytes: &mut Vec<u8>, d: &Damage) {
    let at = |p: usize, len: usize| p * len / 65536;
    match d {
        Damage::Set(p, v) if !bytes.is_empty() => {
            let i = at(*p, bytes.len());
            bytes[i] = *v;
        }
        Damage::Insert(p, b) => {
            let i = at(*p, bytes.len() + 1);
            bytes.splice(i..i, b.iter().copied());
        }
        Damage::Remove(p, n) if !bytes.is_empty() => {
            let i = at(*p, bytes.len());
            let end = (i + n).min(bytes.len());
            bytes.drain(i..end);
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_prefix_of_a_fixture_survives(f in 0usize..FIXTURES.len(), cut in any::<u16>()) {
        let bytes = fixture(f);
        let n = usize::from(cut) * bytes.len() / 65536;
        survives(&bytes[..n])?;
    }

    #[test]
    fn any_single_byte_change_survives(f in 0usize..FIXTURES.len(), pos in any::<u16>(), value in any::<u8>()) {
        let mut bytes = fixture(f);
        apply(&mut bytes, &Damage::Set(usize::from(pos), value));
        survives(&bytes)?;
    }

    #[test]
    fn any_few_changes_survive(f in 0usize..FIXTURES.len(), damages in prop::collection::vec(damage(), 1..8)) {
        let mut bytes = fixture(f);
        for d in &damages {
            apply(&mut bytes, d);
        }
        survives(&bytes)?;
    }
}
