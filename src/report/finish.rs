//! MediaInfo's generic derivations: the raw fields it computes from other fields of the same
//! stream or of other streams once a parser is done (`File__Analyze_Streams_Finish.cpp`), and
//! the values its `Fill` derives as a side effect (`File__Analyze_Streams.cpp`).
//!
//! Container parsers fill each stream with what the file says (durations in ms, sizes in bytes,
//! frame counts, dimensions, sampling rates, the General `FileSize`…); [`finish`] then adds what
//! MediaInfo 24.12 derives from them: bit rates, stream sizes, frame rates and counts, aspect
//! ratios, the General totals, proportions. Only raw values: the `/String*` variants are the
//! strings module's job.

mod fill;
mod hdr;
mod inter_streams;
mod num;
mod proportion;
mod stream_only;

use super::stream::{Stream, StreamKind};

pub use fill::{display_aspect_ratio_of, frame_rate_fraction};
pub use num::{float, round};

/// Applies MediaInfo's derivations to a file's streams (General first, then the others in
/// MediaInfo's order), in MediaInfo's order: the side effects of filling the parser's fields,
/// then `Streams_Finish_Global`'s alternation of per-stream and cross-stream passes, then the
/// raw values of its human-readable pass.
pub fn finish(streams: &mut [Stream]) {
    let mut s = Streams::new(streams);
    fill::settle(&mut s);
    // Streams_Finish_Global: StreamOnly twice, then InterStreams and StreamOnly three times.
    stream_only::run(&mut s);
    mpeg4_commercial_name(&mut s);
    stream_only::run(&mut s);
    for _ in 0..3 {
        inter_streams::run(&mut s);
        stream_only::run(&mut s);
    }
    proportion::run(&mut s);
}

/// File_Mpeg4's `Streams_Finish_CommercialNames`: the commercial name of a file's only video
/// stream (found by its StreamOnly pass, run first) names the file too, `MPEG-4 DNxHD 100`.
fn mpeg4_commercial_name(s: &mut Streams) {
    use StreamKind::{General, Video};
    let name = s.get(Video, 0, "Format_Commercial_IfAny").to_string();
    if s.general("Format") != "MPEG-4" || s.count(Video) != 1 || name.is_empty() {
        return;
    }
    let full = format!("{} {name}", s.general("Format"));
    s.put(General, 0, "Format_Commercial_IfAny", name);
    s.put(General, 0, "Format_Commercial", full);
}

/// What a codec parser's own `Fill` derives in its stream before MediaInfo merges it into the
/// container's stream: the audio frame rate from the sampling rate and samples per frame.
pub fn parser_side_effects(stream: &mut Stream) {
    if stream.kind() != StreamKind::Audio {
        return;
    }
    let mut one = [std::mem::replace(stream, Stream::new(StreamKind::Audio))];
    Streams::new(&mut one).audio_frame_rate(0);
    let [done] = one;
    *stream = done;
}

/// The streams of one file, addressed as MediaInfo does: by kind and position within the kind.
pub(crate) struct Streams<'a> {
    streams: &'a mut [Stream],
    /// Indices into `streams`, per kind in [`StreamKind::ALL`] order.
    by_kind: [Vec<usize>; 7],
}

impl<'a> Streams<'a> {
    fn new(streams: &'a mut [Stream]) -> Self {
        let mut by_kind: [Vec<usize>; 7] = Default::default();
        for (i, stream) in streams.iter().enumerate() {
            by_kind[kind_index(stream.kind())].push(i);
        }
        Self { streams, by_kind }
    }

    /// How many streams of `kind` there are.
    fn count(&self, kind: StreamKind) -> usize {
        self.by_kind[kind_index(kind)].len()
    }

    fn stream(&self, kind: StreamKind, pos: usize) -> Option<&Stream> {
        let i = *self.by_kind[kind_index(kind)].get(pos)?;
        self.streams.get(i)
    }

    fn stream_mut(&mut self, kind: StreamKind, pos: usize) -> Option<&mut Stream> {
        let i = *self.by_kind[kind_index(kind)].get(pos)?;
        self.streams.get_mut(i)
    }

    /// The value of `name`, or "" (MediaInfo's `Retrieve`): a missing stream or field is empty.
    fn get(&self, kind: StreamKind, pos: usize, name: &str) -> &str {
        self.stream(kind, pos)
            .and_then(|s| s.get(name))
            .unwrap_or("")
    }

    /// Whether `name` is empty (unset).
    fn is_empty(&self, kind: StreamKind, pos: usize, name: &str) -> bool {
        self.get(kind, pos, name).is_empty()
    }

    fn general(&self, name: &str) -> &str {
        self.get(StreamKind::General, 0, name)
    }

    /// Removes `name` (MediaInfo's `Clear`).
    fn clear(&mut self, kind: StreamKind, pos: usize, name: &str) {
        if let Some(s) = self.stream_mut(kind, pos) {
            s.remove(name);
        }
    }

    /// Sets `name` without any side effect.
    fn put(&mut self, kind: StreamKind, pos: usize, name: &str, value: String) {
        if let Some(s) = self.stream_mut(kind, pos) {
            s.set(name, value);
        }
    }
}

fn kind_index(kind: StreamKind) -> usize {
    StreamKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

/// The field MediaInfo's generic name `generic` maps to in `kind`, if that kind has it
/// (`Fill_Parameter`). Other and Menu streams have no generic size or bit rate fields, and
/// General has no generic bit rate: MediaInfo's cross-stream rules read them as empty.
fn generic(kind: StreamKind, generic: &'static str) -> Option<&'static str> {
    use StreamKind::*;
    let known = match generic {
        "Duration" | "FrameRate" | "FrameCount" => !matches!(kind, Image),
        "StreamSize" => !matches!(kind, Other | Menu),
        "StreamSize_Encoded" | "Source_StreamSize" | "Source_StreamSize_Encoded" => {
            matches!(kind, Video | Audio | Text)
        }
        "BitRate" | "BitRate_Mode" | "BitRate_Encoded" | "BitRate_Maximum" | "BitRate_Nominal" => {
            matches!(kind, Video | Audio | Text)
        }
        _ => false,
    };
    known.then_some(generic)
}

#[cfg(test)]
mod tests;
