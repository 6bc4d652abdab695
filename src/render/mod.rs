//! Output forms. Placeholder until the renderers land: each form prints the raw fields.

use crate::report::Stream;

fn fields(streams: &[Stream]) -> String {
    let mut s = String::new();
    for stream in streams {
        for f in stream.fields() {
            s.push_str(&format!(
                "{}\t{}\t{}\n",
                stream.kind.name(),
                f.name,
                f.value
            ));
        }
    }
    s
}

/// pymediainfo's `to_data()` JSON.
pub fn pymediainfo(streams: &[Stream]) -> String {
    fields(streams)
}

/// MediaInfo's `--Output=JSON`.
pub fn mediainfo_json(streams: &[Stream]) -> String {
    fields(streams)
}

/// MediaInfo's text view.
pub fn text(streams: &[Stream]) -> String {
    fields(streams)
}
