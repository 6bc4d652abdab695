//! MediaInfo's default text view.

use super::{labeled_fields, options};
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
        for (f, name) in labeled_fields(s) {
            if !complete && !options::in_text(s.kind, &f.name) {
                continue;
            }
            // `{name:<41}`: padded to 41 characters (not bytes), as `format!` would.
            out.push_str(&name);
            out.extend(std::iter::repeat_n(
                ' ',
                41usize.saturating_sub(name.chars().count()),
            ));
            out.push_str(": ");
            out.push_str(&f.value);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}
