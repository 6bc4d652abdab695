//! QuickTime closed caption tracks (`c608`): File_Mpeg4 reads each sample's `cdat` (field 1)
//! and `cdt2` (field 2) atoms with one EIA-608 parser per field, then makes one Text stream of
//! each field's first service, in place of the track's.

use crate::codec::eia608::{Eia608Info, Eia608Parser, sample_atoms};
use crate::container::mp4::Mp4File;
use crate::container::mp4::movie::Track;
use crate::container::mp4::samples;
use crate::report::Stream;
use crate::source::Source;

/// Caption samples read at most (MediaInfo probes the rest of the captions elsewhere in the
/// file, and reports nothing more about the first ones from there).
const MAX_SAMPLES: usize = 1024;

/// What the caption samples gave: the track's streams, and the General fields its XDS
/// packets give.
pub struct Captions {
    pub streams: Vec<Stream>,
    /// General `Title`, when the General stream has none.
    pub title: Option<String>,
    /// General `LawRating`.
    pub law_rating: Option<String>,
}

/// Whether the track's first sample description is a `c608` one.
pub fn is_c608(track: &Track) -> bool {
    track
        .entries
        .first()
        .is_some_and(|e| &e.format.0 == b"c608")
}

/// Reads the track's first samples and turns its stream `s` into the streams of what they
/// hold. No caption atom read: the stream stays as it is.
pub fn streams(s: Stream, file: &Mp4File, track: &Track, src: &dyn Source) -> Captions {
    let (positions, durations) = sample_positions(file, track);
    let timescale = u64::from(track.media.timescale);
    let mut fields = [Eia608Parser::new(), Eia608Parser::new()];
    let mut seen = false;
    let mut ticks = 0u64;
    let mut index = 0usize;
    samples::for_each_sample(src, &positions, |sample| {
        let duration = u64::from(durations.get(index).copied().unwrap_or(0));
        // File_Mpeg4's clock: decoding times from the sample durations, in ns, spread evenly
        // over the pairs of each atom.
        let dts = (timescale != 0).then(|| ns(ticks, timescale));
        let dur = (timescale != 0).then(|| ns(duration, timescale));
        for (field, pairs) in sample_atoms(sample) {
            seen = true;
            let parser = &mut fields[usize::from(field - 1)];
            let step = dur
                .filter(|_| pairs.len() > 1)
                .map(|d| d / (pairs.len() / 2) as u64);
            parser.set_time(dts, step, index as u64);
            parser.push_pairs(pairs);
        }
        ticks = ticks.saturating_add(duration);
        index += 1;
        true
    });
    if !seen {
        return Captions {
            streams: vec![s],
            title: None,
            law_rating: None,
        };
    }
    let infos = fields.map(|p| p.info());
    Captions {
        streams: split(s, &infos),
        title: infos.iter().find_map(|i| i.program_name.clone()),
        law_rating: infos.iter().rev().find_map(|i| i.law_rating.clone()),
    }
}

fn ns(ticks: u64, timescale: u64) -> u64 {
    (u128::from(ticks) * 1_000_000_000 / u128::from(timescale)) as u64
}

/// The first samples' positions and durations, from the sample table or else the fragments.
fn sample_positions(file: &Mp4File, track: &Track) -> (Vec<(u64, u32)>, Vec<u32>) {
    let positions = track.samples.first_samples(MAX_SAMPLES);
    if !positions.is_empty() {
        let durations = track
            .samples
            .time_to_sample
            .iter()
            .flat_map(|&(count, delta)| std::iter::repeat_n(delta, count as usize))
            .take(positions.len())
            .collect();
        return (positions, durations);
    }
    match file.fragment_totals(track.header.id) {
        Some(f) => (
            f.first_samples.iter().copied().take(MAX_SAMPLES).collect(),
            f.first_durations.clone(),
        ),
        None => (Vec::new(), Vec::new()),
    }
}

/// One stream per field with a service, the track's fields under the parser's: its ID is the
/// track's and the service's, its size goes to the encoded size of the first.
fn split(mut s: Stream, infos: &[Eia608Info; 2]) -> Vec<Stream> {
    let encoded = s
        .remove("StreamSize_Encoded")
        .into_iter()
        .chain(s.remove("StreamSize"))
        .find(|v| v.parse::<u64>().is_ok_and(|n| n != 0));
    let track_id = s.remove("ID").unwrap_or_default();
    let mut out = Vec::new();
    for (field, info) in (1u8..).zip(infos) {
        let Some(position) = info.services.iter().position(Option::is_some) else {
            continue;
        };
        let mut t = s.clone();
        t.set("ID", format!("608-{field}"));
        t.set("MuxingMode", "Final Cut");
        super::super::eia608::fill_service(&mut t, info, position);
        let service_id = t.get("ID").unwrap_or_default().to_string();
        t.set("ID", format!("{track_id}-{service_id}"));
        if let Some(size) = &encoded {
            let size = if out.is_empty() { size.as_str() } else { "0" };
            t.set("StreamSize_Encoded", size);
        }
        out.push(t);
    }
    out
}
