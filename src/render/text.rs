//! MediaInfo's default text view.

use super::{labeled_fields_where, options};
use crate::report::{Field, Stream};

/// Width of the name column (MediaInfo's `Config_Text_ColumnSize`).
const NAME_COLUMN: usize = 40;

/// The text view of one file, as `mediainfo FILE` prints it.
pub fn render(streams: &[Stream]) -> String {
    render_view(streams, false)
}

/// The text view; `complete` shows every field (`mediainfo --Full`).
pub fn render_view(streams: &[Stream], complete: bool) -> String {
    let mut out = String::new();
    for s in streams {
        out.push_str(s.kind().name());
        if let Some(pos) = s.get("StreamKindPos") {
            out.push_str(" #");
            out.push_str(pos);
        }
        out.push('\n');
        let shown = |f: &Field| complete || options::field_in_text(s.kind(), f);
        for (f, name) in labeled_fields_where(s, shown) {
            // The name column is 40 characters (not bytes): longer names are cut, shorter ones
            // padded; then " : ".
            let mut width = 0;
            for c in name.chars().take(NAME_COLUMN) {
                out.push(c);
                width += 1;
            }
            out.extend(std::iter::repeat_n(' ', NAME_COLUMN - width));
            out.push_str(" : ");
            out.push_str(&f.value);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}
