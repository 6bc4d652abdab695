//! MediaInfo's conformance report: errors a parser found, grouped by where it found them.
//!
//! Each error has a place (the parser's element path, e.g. `moov meta 0x00000020_`, then
//! `GeneralCompliance` or a field name) and a message. MediaInfo fills `ConformanceErrors`
//! with the number of distinct errors, a `Yes` field for each level of each place
//! (`ConformanceErrors moov`, `ConformanceErrors moov meta`, …) and the messages themselves,
//! joining two messages of the same place with " / ". Nested fields sit right after their
//! parent's last descendant (MediaInfo's insertion rule), so the report is built as a tree.

use super::Stream;

/// MediaInfo's message for a codec parser that reached the end of a frame's data before the
/// end of its syntax, with where (`conf, offset 0x…`, `frame …, time …, offset …`).
pub fn ran_out_of_data(place: &str) -> String {
    format!(
        "Bitstream parsing ran out of data to read before the end of the syntax was reached, \
         most probably the bitstream is malformed ({place})"
    )
}

/// A time in nanoseconds as MediaInfo prints it in conformance notes: rounded to the
/// millisecond (halves away from zero), `HH:MM:SS.mmm`, with a `-` before a time before zero.
pub fn time_text(ns: i64) -> String {
    let ms = if ns >= 0 {
        ns.saturating_add(500_000)
    } else {
        ns.saturating_sub(500_000)
    } / 1_000_000;
    let sign = if ms < 0 { "-" } else { "" };
    let ms = ms.unsigned_abs();
    format!(
        "{sign}{:02}:{:02}:{:02}.{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// Where an error was met: the frame (its index in the track), the presentation time in
/// nanoseconds and the file offset, each when known.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Place {
    pub frame: Option<u64>,
    pub time: Option<i64>,
    pub offset: Option<u64>,
}

/// Places listed at most for one error (MediaInfo's default `Conformance_Limit`); more are
/// shown as `...`.
const OCCURRENCES_LIMIT: usize = 32;

/// The places one error was met, as MediaInfo lists them in its note: an error met again in
/// the next frame extends the last entry to a range (`[first..last]`), else starts a new entry
/// (entries joined by `+`).
#[derive(Clone, Debug, Default)]
pub struct Occurrences {
    entries: Vec<Occurrence>,
    more: bool,
}

#[derive(Clone, Copy, Debug)]
struct Occurrence {
    /// The parser's frame counter where the entry started and, for a range, where it ended.
    count: u64,
    last_count: Option<u64>,
    first: Place,
    last: Option<Place>,
}

impl Occurrences {
    /// One more place; `count` is the parser's frame counter there (MediaInfo's
    /// `Frame_Count`, which decides whether the place continues the last entry).
    pub fn add(&mut self, count: u64, place: Place) {
        if self.entries.len() >= OCCURRENCES_LIMIT {
            self.more = true;
            return;
        }
        if let Some(e) = self.entries.last_mut() {
            // MediaInfo's unsigned test: the same frame or the next one, after the first or
            // after the last of the entry.
            let last = e.last_count.unwrap_or(u64::MAX);
            if count.wrapping_sub(e.count) <= 1 || count.wrapping_sub(last) <= 1 {
                e.last_count = Some(count);
                e.last = Some(place);
                return;
            }
        }
        self.entries.push(Occurrence {
            count,
            last_count: None,
            first: place,
            last: None,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// What goes between the parentheses after the message (`frame [0..2], time …, offset
    /// …`): each of frames, times and offsets that is known for some entry. `None` when
    /// nothing is known.
    pub fn note(&self) -> Option<String> {
        let frames = self.column(|p| p.frame.map(|f| f.to_string()));
        let times = self.column(|p| p.time.map(time_text));
        let offsets = self.column(|p| p.offset.map(|o| format!("0x{o:X}")));
        let parts: Vec<String> = [("frame", frames), ("time", times), ("offset", offsets)]
            .into_iter()
            .filter_map(|(name, c)| c.map(|c| format!("{name} {c}")))
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    /// One column of the note (entries joined by `+`, a range as `[a..b]`, `?` where
    /// unknown), or `None` when no entry knows it.
    fn column(&self, get: impl Fn(&Place) -> Option<String>) -> Option<String> {
        let mut known = 0;
        let mut cells: Vec<String> = self
            .entries
            .iter()
            .map(|e| match get(&e.first) {
                Some(first) => {
                    known += 1;
                    match e.last.as_ref().and_then(&get) {
                        Some(last) => format!("[{first}..{last}]"),
                        None => first,
                    }
                }
                None => "?".to_string(),
            })
            .collect();
        if self.more {
            cells.push("...".to_string());
        }
        (known > 0).then(|| cells.join("+"))
    }
}

/// The errors of one stream, in the order they were found.
#[derive(Clone, Debug, Default)]
pub struct Conformance {
    errors: Vec<(String, String)>,
}

impl Conformance {
    /// Records `message` at `place` (space-separated levels, the last one the field name).
    /// An error already recorded at the same place is not counted twice.
    pub fn error(&mut self, place: impl Into<String>, message: impl Into<String>) {
        let e = (place.into(), message.into());
        if !self.errors.contains(&e) {
            self.errors.push(e);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// Fills `ConformanceErrors` and its nested fields into `s`.
    pub fn fill(&self, s: &mut Stream) {
        if self.errors.is_empty() {
            return;
        }
        s.set("ConformanceErrors", self.errors.len().to_string());
        let mut root = Node::default();
        let mut joined = false;
        for (place, message) in &self.errors {
            let mut node = &mut root;
            for level in place.split(' ') {
                node = node.child(level);
            }
            match &mut node.value {
                Some(v) => {
                    v.push_str(" / ");
                    v.push_str(message);
                    joined = true;
                }
                None => node.value = Some(message.clone()),
            }
        }
        root.fill(s, "ConformanceErrors");
        if joined {
            // Adding to an existing field makes MediaInfo recount all of them.
            s.count_nested_fields();
        }
    }
}

/// One level of the report tree: its children in first-seen order, and a message for leaves.
#[derive(Default)]
struct Node {
    children: Vec<(String, Node)>,
    value: Option<String>,
}

impl Node {
    fn child(&mut self, name: &str) -> &mut Node {
        let i = match self.children.iter().position(|(n, _)| n == name) {
            Some(i) => i,
            None => {
                self.children.push((name.to_string(), Node::default()));
                self.children.len() - 1
            }
        };
        &mut self.children[i].1
    }

    fn fill(&self, s: &mut Stream, prefix: &str) {
        for (name, node) in &self.children {
            let field = format!("{prefix} {name}");
            s.set(&field, node.value.clone().unwrap_or_else(|| "Yes".into()));
            node.fill(s, &field);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::StreamKind;

    #[test]
    fn times() {
        assert_eq!(time_text(23_913_000_000), "00:00:23.913");
        assert_eq!(time_text(8_508_600_000), "00:00:08.509");
        assert_eq!(time_text(-33_366_666), "-00:00:00.033");
        assert_eq!(time_text(-400_000), "00:00:00.000");
        assert_eq!(time_text(3_600_000_000_000 * 100), "100:00:00.000");
    }

    #[test]
    fn occurrence_ranges() {
        let at = |frame: u64, offset: u64| Place {
            frame: Some(frame),
            time: None,
            offset: Some(offset),
        };
        let mut o = Occurrences::default();
        o.add(0, at(0, 0x10));
        assert_eq!(o.note().as_deref(), Some("frame 0, offset 0x10"));
        o.add(1, at(1, 0x20));
        o.add(2, at(2, 0x30));
        o.add(5, at(7, 0x40));
        assert_eq!(
            o.note().as_deref(),
            Some("frame [0..2]+7, offset [0x10..0x30]+0x40")
        );
        for i in 0..40 {
            o.add(10 + 2 * i, at(10 + 2 * i, 0));
        }
        assert!(o.note().unwrap().ends_with("+0x0+..."));
        assert_eq!(o.entries.len(), OCCURRENCES_LIMIT);
        assert!(Occurrences::default().note().is_none());
    }

    #[test]
    fn nests_and_joins() {
        let mut c = Conformance::default();
        c.error("mdat GeneralCompliance", "a");
        c.error("MPEG-4_ GeneralCompliance", "b");
        c.error("mdat GeneralCompliance", "c");
        c.error("mdat GeneralCompliance", "c");
        let mut s = Stream::new(StreamKind::General);
        c.fill(&mut s);
        let names: Vec<(&str, &str)> = s
            .fields()
            .iter()
            .map(|f| (f.name(), f.value.as_str()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("ConformanceErrors", "3"),
                ("ConformanceErrors mdat", "Yes"),
                ("ConformanceErrors mdat GeneralCompliance", "a / c"),
                ("ConformanceErrors MPEG-4_", "Yes"),
                ("ConformanceErrors MPEG-4_ GeneralCompliance", "b"),
            ]
        );
    }
}
