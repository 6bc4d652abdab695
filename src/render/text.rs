//! MediaInfo's default text view.

use super::labels::labels;
use super::{options, ordered_fields};
use crate::report::Stream;

/// The text view of one file, as `mediainfo FILE` prints it.
pub fn render(streams: &[Stream]) -> String {
    render_view(streams, false)
}

/// The text view; `complete` shows every field (`mediainfo --Full`).
pub fn render_view(streams: &[Stream], complete: bool) -> String {
    let mut out = String::new();
    for s in streams {
        out.push_str(s.kind.name());
        if let Some(pos) = s.get("StreamKindPos") {
            out.push_str(" #");
            out.push_str(pos);
        }
        out.push('\n');
        let fields = ordered_fields(s);
        let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
        for (f, name) in fields.iter().zip(labels(s.kind, &names)) {
            if !complete && !options::in_text(s.kind, &f.name) {
                continue;
            }
            out.push_str(&format!("{name:<41}: {}\n", f.value));
        }
        out.push('\n');
    }
    out
}
