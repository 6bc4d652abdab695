//! MediaInfo's EIA-608 fields (File_Eia608's Streams_Fill and Streams_Finish) for one caption
//! service.
//!
//! MediaInfo leaves the captions of an MP4 once its other streams are filled and probes them
//! further on (File_Eia608 then says it "jumped"): the event and line counts and the end times
//! are not reported, only the first command, first change and first display.

use crate::codec::eia608::Eia608Info;
use crate::report::Stream;

use super::numbers::fixed;

/// Format, stream size (captions take no bytes of their own), bit rate mode, the service's
/// name, and the times of its first command, change and display.
pub fn fill_service(s: &mut Stream, info: &Eia608Info, position: usize) {
    s.set("Format", "EIA-608");
    s.set("StreamSize", "0");
    s.set("BitRate_Mode", "CBR");
    if let Some(name) = info.service_name(position) {
        s.set("ID", name.clone());
        s.set("CaptionServiceName", name);
    }
    let Some(service) = info.services.get(position).copied().flatten() else {
        return;
    };
    if service.first_display.is_none() {
        // A command opened the service, but it never showed a caption.
        s.set("InternalDetectionKind", "Command");
    }
    if let Some(t) = service.first_command_ns {
        s.set("Duration_Start_Command", milliseconds(t));
    }
    if let Some(t) = service.first_change_ns {
        s.set("Duration_Start", milliseconds(t));
    }
    if let Some((frames, kind)) = service.first_display {
        s.set("FirstDisplay_Delay_Frames", frames.to_string());
        s.set("FirstDisplay_Type", kind.name());
    }
}

/// A time in ns as File_Eia608 keeps it (milliseconds in a 32-bit float) and prints it.
fn milliseconds(ns: u64) -> String {
    fixed(f64::from((ns as f64 / 1e6) as f32), 3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::eia608::Eia608Parser;
    use crate::report::StreamKind;

    #[test]
    fn a_pop_on_service() {
        let mut p = Eia608Parser::new();
        p.set_time(Some(100_100_000), Some(111_222_222), 1);
        p.push_pairs(&[0x94, 0x20, 0x94, 0x20, 0x94, 0x70, 0xC8, 0x49, 0x94, 0x2F]);
        let mut s = Stream::new(StreamKind::Text);
        fill_service(&mut s, &p.info(), 0);
        assert_eq!(s.get("ID"), Some("CC1"));
        assert_eq!(s.get("CaptionServiceName"), Some("CC1"));
        assert_eq!(s.get("Duration_Start_Command"), Some("100.100"));
        assert_eq!(s.get("Duration_Start"), Some("544.989"));
        assert_eq!(s.get("FirstDisplay_Delay_Frames"), Some("1"));
        assert_eq!(s.get("FirstDisplay_Type"), Some("PopOn"));
        assert_eq!(s.get("StreamSize"), Some("0"));
        assert!(!s.has("InternalDetectionKind"));
    }
}
