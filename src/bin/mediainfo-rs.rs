//! `mediainfo-rs FILE...`: MediaInfo's views of media files, from a pure-Rust parser.

use std::io::Write;
use std::process::ExitCode;

use mediainfo_rs::source::{Counted, FileSource};

const USAGE: &str =
    "usage: mediainfo-rs [--output text|json|pymediainfo|fields] [-f|--full] [--stats] [--ranged-stats] FILE...
  --output text         MediaInfo's text view (default; also --Output=TEXT)
  --output json         MediaInfo's JSON (also --Output=JSON)
  --output pymediainfo  pymediainfo's to_data() JSON, as the Lambda answers
  --output fields       every field by MediaInfo's internal name (tab-separated; for debugging)
  -f, --full            the complete field set (also --Full)
  --stats               print reads and bytes read per file on stderr
  --ranged-stats        print the ranged requests and bytes the Lambda's S3 reader would need";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Output {
    Text,
    Json,
    Pymediainfo,
    Fields,
}

fn main() -> ExitCode {
    let mut output = Output::Text;
    let mut full = false;
    let mut stats = false;
    let mut ranged_stats = false;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let lower = arg.to_ascii_lowercase();
        let value = if lower == "--output" {
            args.next().map(|v| v.to_ascii_lowercase())
        } else {
            lower.strip_prefix("--output=").map(str::to_string)
        };
        if lower == "--output" || lower.starts_with("--output=") {
            output = match value.as_deref() {
                Some("text") => Output::Text,
                Some("json") => Output::Json,
                Some("pymediainfo") => Output::Pymediainfo,
                Some("fields") => Output::Fields,
                _ => {
                    eprintln!("mediainfo-rs: unknown output form\n{USAGE}");
                    return ExitCode::from(2);
                }
            };
            continue;
        }
        match lower.as_str() {
            "-f" | "--full" => full = true,
            "--stats" => stats = true,
            "--ranged-stats" => ranged_stats = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ if arg.starts_with('-') && arg.len() > 1 => {
                eprintln!("mediainfo-rs: unknown option {arg}\n{USAGE}");
                return ExitCode::from(2);
            }
            _ => files.push(arg),
        }
    }
    if files.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let mut failed = false;
    let mut out = String::new();
    for file in &files {
        if ranged_stats {
            print_ranged_stats(file);
        }
        match analyze(file, stats) {
            Ok(report) => out.push_str(&render(&report, output, full)),
            Err(e) => {
                // One write (stderr is unbuffered: eprintln! writes each piece).
                let _ =
                    std::io::stderr().write_all(format!("mediainfo-rs: {file}: {e}\n").as_bytes());
                failed = true;
            }
        }
    }
    let _ = std::io::stdout().write_all(out.as_bytes());
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn analyze(file: &str, stats: bool) -> mediainfo_rs::Result<mediainfo_rs::Report> {
    let file_source = FileSource::open(file)?;
    let modified = file_source.modified();
    let src = Counted::new(file_source);
    let mut report = mediainfo_rs::analyze(&src, file)?;
    if let Some(modified) = modified
        && let Some(g) = report.streams.first_mut()
    {
        mediainfo_rs::report::add_file_dates(g, modified);
    }
    if stats {
        let s = src.stats();
        eprintln!("{file}: {} reads, {} bytes read", s.requests, s.bytes);
    }
    Ok(report)
}

/// What the Lambda would ask of S3 for this file: its reader over the local file.
fn print_ranged_stats(file: &str) {
    use mediainfo_rs::source::ranged::{RangedSource, SourceOpener, Tuning};
    let Ok(src) = FileSource::open(file) else {
        return;
    };
    let Ok(ranged) = RangedSource::open(SourceOpener::new(src), Tuning::default()) else {
        return;
    };
    let _ = mediainfo_rs::analyze(&ranged, file);
    let s = ranged.stats();
    eprintln!(
        "{file}: {} ranged requests, {} bytes received (as the Lambda reads S3)",
        s.requests, s.bytes
    );
}

fn render(report: &mediainfo_rs::Report, output: Output, full: bool) -> String {
    use mediainfo_rs::render;
    match output {
        Output::Pymediainfo => render::pymediainfo(&report.streams) + "\n",
        Output::Json => render::mediainfo_json::render_view(&report.streams, full),
        Output::Text => render::text::render_view(&report.streams, full),
        Output::Fields => {
            let mut s = String::new();
            for stream in &report.streams {
                for f in render::ordered_fields(stream) {
                    s.push_str(&format!(
                        "{}\t{}\t{}\n",
                        stream.kind().name(),
                        f.name(),
                        f.value
                    ));
                }
            }
            s
        }
    }
}
