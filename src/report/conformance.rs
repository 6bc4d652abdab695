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
            .map(|f| (f.name.as_str(), f.value.as_str()))
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
