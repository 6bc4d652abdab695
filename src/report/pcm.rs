//! PCM audio in MP4/MOV sample entries: endianness, sign, bit depth and the constant bit rate,
//! as MediaInfo's PCM parser reports them.

use crate::container::mp4::sample_entry::SampleEntry;
use crate::container::mp4::sample_table::SampleTable;
use crate::report::Stream;

/// Whether a sample entry's code is one of the PCM layouts.
pub fn is_pcm(code: &[u8; 4]) -> bool {
    matches!(
        code,
        b"twos"
            | b"sowt"
            | b"raw "
            | b"in24"
            | b"in32"
            | b"fl32"
            | b"fl64"
            | b"lpcm"
            | b"ipcm"
            | b"NONE"
    )
}

/// Fills the PCM fields of an audio stream from its sample entry.
pub fn fill(s: &mut Stream, e: &SampleEntry) {
    let Some(a) = &e.audio else { return };
    // `enda` (QuickTime): non-zero means little-endian.
    let enda_little = e
        .child(b"enda")
        .and_then(|b| b.get(..2))
        .is_some_and(|b| b[0] != 0 || b[1] != 0);
    let pcmc = e.child(b"pcmC");
    // File_Mpeg4 hands File_Pcm a default sign of "Signed", which the float layouts keep; a
    // QuickTime v2 float entry's endianness is marked as float, which File_Pcm names nowhere.
    let (little, sign, depth) = match &e.format.0 {
        b"twos" => (Some(false), "Signed", a.sample_size),
        b"sowt" => (Some(true), "Signed", a.sample_size),
        b"raw " | b"NONE" => (Some(true), "Unsigned", 8),
        b"in24" => (Some(enda_little), "Signed", 24),
        b"in32" => (Some(enda_little), "Signed", 32),
        b"fl32" => (Some(enda_little), "Signed", 32),
        b"fl64" => (Some(enda_little), "Signed", 64),
        b"lpcm" => {
            let flags = a.lpcm_flags;
            if flags & 1 != 0 {
                (None, "Signed", a.sample_size)
            } else {
                let sign = if flags & 4 != 0 { "Signed" } else { "Unsigned" };
                (Some(flags & 2 == 0), sign, a.sample_size)
            }
        }
        b"ipcm" => {
            let little = pcmc.and_then(|p| p.get(4)).is_some_and(|f| f & 1 != 0);
            let depth = pcmc
                .and_then(|p| p.get(5))
                .map_or(a.sample_size, |&d| u32::from(d));
            (Some(little), "Signed", depth)
        }
        _ => return,
    };
    s.set("Format", "PCM");
    match little {
        Some(little) => {
            let endianness = if little { "Little" } else { "Big" };
            s.set("Format_Settings", format!("{endianness} / {sign}"));
            s.set("Format_Settings_Endianness", endianness);
        }
        None => s.set("Format_Settings", sign),
    }
    s.set("Format_Settings_Sign", sign);
    if depth > 0 {
        s.set("BitDepth", depth.to_string());
    }
    s.set("BitRate_Mode", "CBR");
    let rate = a.sample_rate as u64;
    if rate > 0 && depth > 0 && a.channels > 0 {
        s.set(
            "BitRate",
            (rate * u64::from(a.channels) * u64::from(depth)).to_string(),
        );
    }
}

/// File_Pcm's fields for a stream known by a codec name (Matroska's `A_PCM/…`) and the
/// container's channel count, sampling rate and bit depth: format settings (endianness,
/// sign), constant bit rate.
pub fn fill_from_codec(s: &mut Stream, codec: &str, channels: u64, rate: u32, depth: Option<u64>) {
    // The sign of an integer layout follows the bit depth (unsigned 8-bit).
    let mut sign = depth.map(|d| if d == 8 { 'U' } else { 'S' });
    let endianness = match codec {
        "A_PCM/FLOAT/IEEE" => {
            sign = Some('F');
            Some('L')
        }
        "A_PCM/INT/BIG" => Some('B'),
        "A_PCM/INT/LIT" | "A_PCM/INT/LITTLE" => Some('L'),
        "A_PCM/INT/FLOAT" => {
            sign = Some('F');
            Some('B')
        }
        // WAVE_FORMAT_PCM (an ACM header): little-endian signed above 8 bits.
        "1" => match depth {
            Some(d) if d > 8 => Some('L'),
            _ => None,
        },
        _ => None,
    };
    s.set("Format", "PCM");
    s.set("BitRate_Mode", "CBR");
    if rate != 0 {
        s.set("SamplingRate", rate.to_string());
    }
    let endianness = match endianness {
        Some('B') => "Big",
        Some('L') => "Little",
        _ => "",
    };
    let sign = match sign {
        Some('S') => "Signed",
        Some('U') => "Unsigned",
        _ => "",
    };
    let settings: Vec<&str> = [endianness, sign]
        .into_iter()
        .filter(|v| !v.is_empty())
        .collect();
    s.set("Format_Settings", settings.join(" / "));
    s.set("Format_Settings_Endianness", endianness);
    s.set("Format_Settings_Sign", sign);
    if let Some(d) = depth {
        s.set("BitDepth", d.to_string());
    }
    if channels != 0 {
        s.set("Channel(s)", channels.to_string());
    }
    if let Some(d) = depth
        && rate != 0
        && channels != 0
    {
        s.set(
            "BitRate",
            u64::from(rate)
                .saturating_mul(d)
                .saturating_mul(channels)
                .to_string(),
        );
    }
}

/// The sample size File_Mpeg4 takes from a PCM audio entry: the entry's own field, except a
/// QuickTime version 1 entry's hard-coded 16 (then bytes per frame over channels, when that
/// agrees with bytes per sample), and the code's usual size when the field says nothing.
pub fn entry_sample_size(e: &SampleEntry, quicktime: bool) -> u32 {
    let Some(a) = &e.audio else { return 0 };
    let iso = !quicktime && (e.stsd_version != 0 || a.version == 0);
    let mut size = a.sample_size;
    if !iso && a.version == 1 && a.sample_size == 16 {
        size = 0;
        if a.bytes_per_frame > 0 && a.channels > 0 {
            size = a.bytes_per_frame.saturating_mul(8) / a.channels;
            if size % 8 == 0 && size / 8 != a.bytes_per_sample {
                size = 0; // "It is maybe not PCM, ignoring"
            }
        }
    }
    if size == 0 {
        size = match &e.format.0 {
            b"raw " => 8,
            b"NONE" | b"twos" | b"sowt" => 16,
            b"in24" => 24,
            b"fl32" | b"in32" => 32,
            b"fl64" | b"in64" => 64,
            _ => 0,
        };
    }
    size
}

/// What File_Mpeg4 multiplies a PCM track's one-byte `stsz` sample size by: the bytes of one
/// sample of every channel, unless the track's duration says another factor (1 to 32) makes
/// the samples' total size within 0.5% of what the duration, bit depth, sampling rate and
/// channel count give.
pub fn stsz_multiplier(e: &SampleEntry, quicktime: bool, duration_ms: u64, count: u32) -> u64 {
    let Some(a) = &e.audio else { return 1 };
    let depth = u64::from(entry_sample_size(e, quicktime));
    let channels = u64::from(a.channels);
    let rate = a.sample_rate.round() as u64;
    let theory = duration_ms as f64 * depth as f64 * rate as f64 * channels as f64 / 8000.0;
    let real = u64::from(count);
    (1..=32u64)
        .find(|m| {
            let v = (real * m) as f64; // at most 2^32 * 32: no overflow
            v > theory * 0.995 && v < theory * 1.005
        })
        .unwrap_or(channels.saturating_mul(depth) / 8)
}

/// Blocks File_Pcm must see before it reports itself filled, when it is the only parser.
const PCM_FRAMES_VALID: u64 = 16;

/// Largest PCM track (bytes) with companion parsers that still gets a count past 16 blocks.
const COMPANIONS_SMALL_TRACK: u64 = 48 * 1024;

/// The frame count MediaInfo gives a file whose only stream is PCM audio: the position
/// (0-based) of the last block File_Mpeg4 handed the PCM parsers, which its generic audio
/// finish takes as a frame count once parsing ended at the end of the file. A block is a
/// sample when `stsz` lists sizes, else a whole chunk. File_Pcm is filled after 16 blocks,
/// and File_Mpeg4 then jumps to the end; the companion parsers (channel grouping for a mono
/// track, SMPTE ST 337 detection at 48 kHz) lower that to 3 blocks for chunks of a quarter
/// second or more; with more blocks than that, the count is the 16th block's position again
/// when the track holds few bytes, else none (parsing ends elsewhere). Measured with
/// MediaInfo 24.12: 48,000 bytes still counted, 51,200 not; the bound between is assumed.
/// `frame_bytes` is the stream's bit depth times its channel count, in bytes, as reported;
/// `track_bytes` its stream size.
pub fn block_frame_count(
    e: &SampleEntry,
    st: &SampleTable,
    audio_pos: usize,
    frame_bytes: u64,
    track_bytes: u64,
) -> Option<u64> {
    let a = e.audio.as_ref()?;
    let companions = (a.channels == 1 && audio_pos.is_multiple_of(2))
        || (a.channels >= 2 && a.sample_size <= 32 && a.sample_rate as u32 == 48_000);
    let frames_valid = match st.sample_to_chunk.first() {
        Some(&(_, per_chunk, _)) if companions && per_chunk >= 48_000 / 4 => 3,
        _ => PCM_FRAMES_VALID,
    };
    let blocks = if st.constant_size == 0 {
        // One block per listed sample of non-zero size, as far as the chunks reach.
        let reach = usize::try_from(frames_valid + 1).unwrap_or(usize::MAX);
        st.first_samples(reach)
            .iter()
            .filter(|&&(_, size)| size > 0)
            .count() as u64
    } else {
        if frame_bytes == 0 || u64::from(st.constant_size) <= frame_bytes {
            u64::from(st.chunk_count)
        } else {
            u64::from(st.sample_count)
        }
    };
    match blocks {
        0 => None,
        n if n <= frames_valid => Some(n - 1),
        _ if !companions => Some(frames_valid - 1),
        _ if frames_valid == PCM_FRAMES_VALID && track_bytes <= COMPANIONS_SMALL_TRACK => {
            Some(frames_valid - 1)
        }
        _ => None,
    }
}
