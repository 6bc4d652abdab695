//! MP4 conformance errors as MediaInfo's File_Mpeg4 words them: boxes whose size runs past
//! their parent (`Element size … is more than maximal permitted size …`) and a file cut
//! before the end its last top-level box declares (`IsTruncated`).

use crate::container::mp4::Mp4File;
use crate::container::mp4::boxes::FourCC;
use crate::report::Stream;
use crate::report::conformance::Conformance;

/// Fills the General stream's conformance fields. `fed` are the samples the codec parsers
/// were handed: MediaInfo reads them in file order, and the first one that runs past the end
/// of the file is an element too big for what is left (its report is merged at the end, hence
/// "conf").
pub fn fill_general(g: &mut Stream, file: &Mp4File, fed: &[(u64, u32)]) {
    let mut c = Conformance::default();
    for o in &file.overflows {
        let place: Vec<String> = o.path.iter().map(|&code| element_name(code)).collect();
        c.error(
            format!("{} GeneralCompliance", place.join(" ")),
            format!(
                "Element size {} is more than maximal permitted size {} (offset 0x{:X})",
                o.size, o.permitted, o.offset
            ),
        );
        // A top-level box past the end of the file: the file is truncated. MediaInfo adds
        // offset and size in 64-bit unsigned arithmetic, so a size that wraps the sum never
        // compares past the end and reports nothing.
        if o.path.len() == 1
            && let Some(expected) = o.offset.checked_add(o.size)
        {
            g.set("IsTruncated", "Yes");
            c.error(
                "MPEG-4_ GeneralCompliance",
                format!(
                    "File size {} is less than expected size {expected} (offset 0x{:X})",
                    file.file_size, o.offset
                ),
            );
        }
    }
    let cut = fed
        .iter()
        .filter(|&&(offset, size)| {
            // A sample starting past the end is never reached: MediaInfo stops at the end.
            offset < file.file_size && offset.saturating_add(u64::from(size)) > file.file_size
        })
        .min_by_key(|&&(offset, _)| offset);
    if let Some(&(offset, size)) = cut {
        c.error(
            "mdat GeneralCompliance",
            format!(
                "Element size {size} is more than maximal permitted size {} (conf, offset 0x{offset:X})",
                file.file_size.saturating_sub(offset)
            ),
        );
    }
    c.fill(g);
}

/// A four-character code as MediaInfo's `From_CC4` writes it: its characters, or `0x` and
/// hex digits when a byte is a control character (trailing NULs dropped).
pub fn cc4_text(code: FourCC) -> String {
    let mut text = String::new();
    let bytes = code.0;
    for (i, &b) in bytes.iter().enumerate() {
        if b < 0x20 {
            let rest_zero = bytes[i + 1..].iter().all(|&r| r == 0);
            if i == 3 || (i != 0 && rest_zero) {
                break;
            }
            text = format!(
                "0x{:02X}{:02X}{:02X}{:02X}",
                bytes[0], bytes[1], bytes[2], bytes[3]
            );
            break;
        }
        text.push(b as char);
    }
    text
}

/// A box type as MediaInfo names an element: its [`cc4_text`], spaces trimmed, `_` after a
/// final digit so that the name never ends with a number.
fn element_name(code: FourCC) -> String {
    let text = cc4_text(code);
    let mut name = text.trim_matches(' ').to_string();
    if name.is_empty() {
        return "0x20202020".into();
    }
    if name.ends_with(|c: char| c.is_ascii_digit()) {
        name.push('_');
    }
    // MediaInfo stores unknown field names as Latin-1: the UTF-8 bytes of a non-ASCII name
    // become one character each.
    name.bytes().map(char::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_names() {
        assert_eq!(element_name(FourCC(*b"moov")), "moov");
        assert_eq!(element_name(FourCC([0, 0, 0, 0x20])), "0x00000020_");
        assert_eq!(element_name(FourCC([0, 0x1F, b'i', b'n'])), "0x001F696E");
        assert_eq!(element_name(FourCC(*b"    ")), "0x20202020");
        assert_eq!(element_name(FourCC(*b"ab  ")), "ab");
        assert_eq!(element_name(FourCC(*b"mp4v")), "mp4v");
        assert_eq!(element_name(FourCC(*b"avc1")), "avc1_");
    }
}
