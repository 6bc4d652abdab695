//! The raw values of MediaInfo's human-readable pass: each stream size's share of the file.

use super::Streams;
use super::generic;
use super::num::{fixed, float};
use crate::report::stream::StreamKind;

/// `StreamSize_Proportion` (and the `_Encoded`, `Source_` and `Source_…_Encoded` variants) =
/// size / General `FileSize` with 5 decimals, both first rounded to single precision as
/// MediaInfo does, when the size is at most the file size.
pub(super) fn run(s: &mut Streams) {
    let file_size = f64::from(float(s.general("FileSize")) as f32);
    if file_size <= 0.0 {
        return;
    }
    for kind in StreamKind::ALL {
        for pos in 0..s.count(kind) {
            for size in [
                "StreamSize",
                "StreamSize_Encoded",
                "Source_StreamSize",
                "Source_StreamSize_Encoded",
            ] {
                if generic(kind, size).is_none() || s.is_empty(kind, pos, size) {
                    continue;
                }
                let bytes = f64::from(float(s.get(kind, pos, size)) as f32);
                if bytes * 100.0 / file_size <= 100.0 {
                    let name = format!("{size}_Proportion");
                    s.put(kind, pos, &name, fixed(bytes / file_size, 5));
                }
            }
        }
    }
}
