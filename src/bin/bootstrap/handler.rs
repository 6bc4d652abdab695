//! One invocation: read the event, analyze each object it names, answer.

use std::sync::Arc;
use std::time::Instant;

use aws_sdk_s3::Client;
use aws_sdk_s3::primitives::ByteStream;
use mediainfo_rs::source::Source;
use mediainfo_rs::source::s3::{self, S3Error, S3Object};
use serde_json::Value;
use serde_json::value::RawValue;
use tokio::sync::Semaphore;
use tracing::{info, warn};

use crate::events::{self, Defaults, Item, Options, Output, Request};
use crate::response::{BatchResponse, BatchResult, Entry, Failure, ItemFailure, Results, raw};

/// The function's settings, from the environment only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// `BUCKET_NAME`, `S3_KEY`, `MEDIAINFO_OUTPUT`.
    pub defaults: Defaults,
    /// `OUTPUT_BUCKET`: write each report there as a sidecar.
    pub output_bucket: Option<String>,
    /// `OUTPUT_PREFIX`: sidecar keys are `OUTPUT_PREFIX` + key + `.json` (`.txt` for text).
    pub output_prefix: String,
    /// `MEDIAINFO_CONCURRENCY`: objects analyzed at once in a multi-object event (default: one
    /// per 128 MB of the function's memory, 1 to 8).
    pub concurrency: usize,
}

impl Config {
    /// Reads the settings through `var` (the process environment in the function).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Config, String> {
        let var = |name: &str| var(name).filter(|v| !v.is_empty());
        let output =
            match var("MEDIAINFO_OUTPUT") {
                Some(o) => Some(Output::parse(&o).ok_or_else(|| {
                    format!("MEDIAINFO_OUTPUT={o:?}: use pymediainfo, json or text")
                })?),
                None => None,
            };
        let memory: usize = var("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
            .and_then(|m| m.parse().ok())
            .unwrap_or(512);
        let concurrency = match var("MEDIAINFO_CONCURRENCY") {
            Some(c) => c
                .parse::<usize>()
                .ok()
                .filter(|&c| (1..=64).contains(&c))
                .ok_or_else(|| format!("MEDIAINFO_CONCURRENCY={c:?}: use a number from 1 to 64"))?,
            None => (memory / 128).clamp(1, 8),
        };
        Ok(Config {
            defaults: Defaults {
                bucket: var("BUCKET_NAME"),
                key: var("S3_KEY"),
                output,
            },
            output_bucket: var("OUTPUT_BUCKET"),
            output_prefix: var("OUTPUT_PREFIX").unwrap_or_default(),
            concurrency,
        })
    }

    /// Whether `object` is one of this function's own sidecars (so a notification on the
    /// output bucket does not analyze what the function wrote).
    pub fn is_own_output(&self, object: &S3Object) -> bool {
        self.output_bucket.as_deref() == Some(object.bucket.as_str())
            && object.key.starts_with(&self.output_prefix)
            && (object.key.ends_with(".json") || object.key.ends_with(".txt"))
    }

    fn sidecar_key(&self, key: &str, output: Output) -> String {
        let ext = if output == Output::Text {
            "txt"
        } else {
            "json"
        };
        format!("{}{key}.{ext}", self.output_prefix)
    }
}

/// The process-wide state: one S3 client for every invocation.
pub struct App {
    pub s3: Client,
    /// A configuration error is reported by every invocation, not by a failed start.
    pub config: Result<Config, String>,
}

/// One object's report, rendered.
struct Done {
    /// The answer's JSON (for text, a JSON string).
    json: String,
    /// Where the sidecar went.
    sidecar: Option<String>,
    /// One line for Batch Operations' completion report.
    summary: String,
}

impl App {
    pub async fn handle(self: Arc<Self>, event: Value) -> Result<Box<RawValue>, Failure> {
        let config = self
            .config
            .as_ref()
            .map_err(|e| Failure::new("InvalidConfiguration", e.clone()))?;
        let request = events::parse(&event, &config.defaults)
            .map_err(|e| Failure::new("InvalidEvent", e.0))?;
        match request {
            Request::Direct { object, options } => {
                let done = self.clone().process(object, options).await?;
                RawValue::from_string(done.json)
                    .map_err(|e| Failure::new("InternalError", format!("rendered JSON: {e}")))
            }
            Request::Records {
                items,
                sqs,
                options,
            } => {
                let ids: Vec<Option<String>> = items.iter().map(|r| r.message_id.clone()).collect();
                let outcomes = self
                    .clone()
                    .run_all(items.into_iter().map(|r| r.item).collect(), options)
                    .await;
                let mut failures: Vec<ItemFailure> = Vec::new();
                let mut transient = Vec::new();
                let mut results = Vec::new();
                for (outcome, id) in outcomes.into_iter().zip(ids) {
                    // Only what may pass is worth another delivery or invocation; the rest
                    // (a missing key, a denied access) is reported in `results` and logged.
                    if let Some(f) = &outcome.failure
                        && f.transient
                    {
                        if let Some(id) = &id
                            && !failures.iter().any(|x| &x.item_identifier == id)
                        {
                            failures.push(ItemFailure {
                                item_identifier: id.clone(),
                            });
                        }
                        transient.push((outcome.uri.clone(), f.clone()));
                    }
                    results.push(outcome.entry);
                }
                if !sqs && let Some((uri, first)) = transient.first() {
                    // Asynchronous sources (S3, SNS, EventBridge) retry a failed invocation:
                    // fail it when trying again may help.
                    return Err(Failure {
                        error_type: first.error_type.clone(),
                        message: format!(
                            "{} of {} objects failed for a reason that may pass (first: {uri}: \
                             {}); failing the invocation so that Lambda retries it",
                            transient.len(),
                            results.len(),
                            first.message
                        ),
                        transient: true,
                    });
                }
                raw(&Results {
                    results,
                    batch_item_failures: sqs.then_some(failures),
                })
            }
            Request::Batch {
                schema,
                invocation_id,
                tasks,
                options,
            } => {
                let mut results = Vec::new();
                let mut runnable = Vec::new();
                for t in &tasks {
                    match &t.object {
                        Ok(o) => runnable.push(Item::Object(o.clone())),
                        Err(e) => runnable.push(Item::Skip {
                            bucket: None,
                            key: None,
                            reason: format!("InvalidEvent: {e}"),
                        }),
                    }
                }
                let outcomes = self.clone().run_all(runnable, options).await;
                for (task, outcome) in tasks.into_iter().zip(outcomes) {
                    let (code, string) = match (&outcome.failure, &outcome.done) {
                        (Some(f), _) => (
                            if f.transient {
                                "TemporaryFailure"
                            } else {
                                "PermanentFailure"
                            },
                            format!("{}: {}", f.error_type, f.message),
                        ),
                        (None, Some(d)) => (
                            "Succeeded",
                            d.sidecar.clone().unwrap_or_else(|| d.summary.clone()),
                        ),
                        (None, None) => (
                            "PermanentFailure",
                            outcome.entry.skipped.clone().unwrap_or_default(),
                        ),
                    };
                    results.push(BatchResult {
                        task_id: task.task_id,
                        result_code: code,
                        result_string: string,
                    });
                }
                raw(&BatchResponse {
                    invocation_schema_version: schema,
                    treat_missing_keys_as: "PermanentFailure",
                    invocation_id,
                    results,
                })
            }
        }
    }

    /// Runs the items, at most `concurrency` at once, keeping their order.
    async fn run_all(self: Arc<Self>, items: Vec<Item>, options: Options) -> Vec<Outcome> {
        let limit = self.config.as_ref().map_or(1, |c| c.concurrency);
        let semaphore = Arc::new(Semaphore::new(limit));
        let mut tasks = Vec::with_capacity(items.len());
        for item in items {
            let app = self.clone();
            let semaphore = semaphore.clone();
            tasks.push(tokio::spawn(async move {
                let _permit = semaphore.acquire_owned().await;
                app.outcome(item, options).await
            }));
        }
        let mut out = Vec::with_capacity(tasks.len());
        for t in tasks {
            out.push(t.await.unwrap_or_else(|e| {
                Outcome::failed(
                    None,
                    Failure::new("InternalError", format!("an item's task failed: {e}")),
                )
            }));
        }
        out
    }

    async fn outcome(self: Arc<Self>, item: Item, options: Options) -> Outcome {
        let object = match item {
            Item::Object(o) => o,
            Item::Skip {
                bucket,
                key,
                reason,
            } => {
                return Outcome {
                    entry: Entry {
                        s3_uri: bucket
                            .as_ref()
                            .zip(key.as_ref())
                            .map(|(b, k)| format!("s3://{b}/{k}")),
                        bucket,
                        key,
                        skipped: Some(reason),
                        ..empty_entry()
                    },
                    uri: String::new(),
                    failure: None,
                    done: None,
                };
            }
        };
        let mut entry = Entry {
            bucket: Some(object.bucket.clone()),
            key: Some(object.key.clone()),
            version_id: object.version_id.clone(),
            s3_uri: Some(object.uri()),
            ..empty_entry()
        };
        let uri = object.uri();
        if self.config.as_ref().is_ok_and(|c| c.is_own_output(&object)) {
            entry.skipped = Some("a sidecar written by this function (OUTPUT_BUCKET)".to_owned());
            return Outcome {
                entry,
                uri,
                failure: None,
                done: None,
            };
        }
        match self.process(object, options).await {
            Ok(done) => {
                entry.report = RawValue::from_string(done.json.clone()).ok();
                entry.sidecar = done.sidecar.clone();
                Outcome {
                    entry,
                    uri,
                    failure: None,
                    done: Some(done),
                }
            }
            Err(f) => {
                entry.error_type = Some(f.error_type.clone());
                entry.error_message = Some(f.message.clone());
                Outcome {
                    entry,
                    uri,
                    failure: Some(f),
                    done: None,
                }
            }
        }
    }

    /// Analyzes one object (on a blocking thread), then writes its sidecar if configured.
    async fn process(self: Arc<Self>, object: S3Object, options: Options) -> Result<Done, Failure> {
        let uri = object.uri();
        let client = self.s3.clone();
        let handle = tokio::runtime::Handle::current();
        let started = Instant::now();
        let task_object = object.clone();
        let analyzed = tokio::task::spawn_blocking(move || {
            analyze_blocking(client, handle, task_object, options)
        })
        .await
        .unwrap_or_else(|e| {
            let what = if e.is_panic() {
                panic_message(e.into_panic())
            } else {
                e.to_string()
            };
            Err(Failure::new(
                "InternalError",
                format!("the analysis of {uri} failed: {what}"),
            ))
        });
        let elapsed = started.elapsed().as_millis() as u64;
        let analyzed = match analyzed {
            Ok(a) => {
                info!(
                    uri = %uri,
                    size = a.len,
                    requests = a.stats.requests,
                    bytes = a.stats.bytes,
                    s3_ms = a.stats.wait.as_millis() as u64,
                    ms = elapsed,
                    "analyzed"
                );
                a
            }
            Err(f) => {
                warn!(uri = %uri, error_type = %f.error_type, ms = elapsed, "failed: {}", f.message);
                return Err(f);
            }
        };
        let sidecar = match self.config.as_ref().ok().and_then(|c| {
            c.output_bucket
                .as_ref()
                .map(|b| (b.clone(), c.sidecar_key(&object.key, options.output)))
        }) {
            Some((bucket, key)) => Some(
                self.write_sidecar(&bucket, &key, &analyzed, options)
                    .await?,
            ),
            None => None,
        };
        Ok(Done {
            json: analyzed.json,
            sidecar,
            summary: analyzed.summary,
        })
    }

    async fn write_sidecar(
        &self,
        bucket: &str,
        key: &str,
        analyzed: &Analyzed,
        options: Options,
    ) -> Result<String, Failure> {
        let (body, content_type) = match options.output {
            Output::Text => (
                analyzed.text.clone().unwrap_or_default(),
                "text/plain; charset=utf-8",
            ),
            _ => (analyzed.json.clone(), "application/json"),
        };
        let target = format!("s3://{bucket}/{key}");
        self.s3
            .put_object()
            .bucket(bucket)
            .key(key)
            .content_type(content_type)
            .body(ByteStream::from(body.into_bytes()))
            .send()
            .await
            .map_err(|e| {
                let code = e
                    .as_service_error()
                    .and_then(aws_sdk_s3::error::ProvideErrorMetadata::code)
                    .unwrap_or("no answer")
                    .to_owned();
                let transient = e.as_service_error().is_none()
                    || e.raw_response().is_some_and(|r| r.status().as_u16() >= 500);
                Failure {
                    error_type: "SidecarWriteFailed".to_owned(),
                    message: format!(
                        "writing {target} failed ({code}): {}",
                        mediainfo_rs::error::chain(&e)
                    ),
                    transient,
                }
            })?;
        info!(sidecar = %target, "sidecar written");
        Ok(target)
    }
}

/// What one item came to.
struct Outcome {
    entry: Entry,
    uri: String,
    failure: Option<Failure>,
    done: Option<Done>,
}

impl Outcome {
    fn failed(uri: Option<String>, f: Failure) -> Outcome {
        Outcome {
            entry: Entry {
                s3_uri: uri.clone(),
                error_type: Some(f.error_type.clone()),
                error_message: Some(f.message.clone()),
                ..empty_entry()
            },
            uri: uri.unwrap_or_default(),
            failure: Some(f),
            done: None,
        }
    }
}

fn empty_entry() -> Entry {
    Entry {
        bucket: None,
        key: None,
        version_id: None,
        s3_uri: None,
        report: None,
        sidecar: None,
        skipped: None,
        error_type: None,
        error_message: None,
    }
}

/// The analysis of one object, on a blocking thread.
struct Analyzed {
    json: String,
    /// The plain text view, for a text sidecar.
    text: Option<String>,
    summary: String,
    len: u64,
    stats: mediainfo_rs::source::RangedStats,
}

fn analyze_blocking(
    client: Client,
    handle: tokio::runtime::Handle,
    object: S3Object,
    options: Options,
) -> Result<Analyzed, Failure> {
    let uri = object.uri();
    let src = s3::open(client, handle, object).map_err(|e| io_failure(&uri, e))?;
    let result = mediainfo_rs::analyze(&src, &uri);
    // A read that failed part-way (S3 throttled, a connection lost) must not yield a report
    // made from partial data, even where the parser carried on without those bytes.
    if let Some(e) = src.take_failure() {
        return Err(io_failure(&uri, e));
    }
    let mut report = result.map_err(|e| match e {
        mediainfo_rs::Error::Io(io) => io_failure(&uri, io),
        other => Failure::new("AnalysisError", format!("{uri}: {other}")),
    })?;
    if let Some(modified) = src.opener().last_modified()
        && let Some(g) = report.streams.first_mut()
    {
        mediainfo_rs::report::add_file_dates(g, modified);
    }
    let (json, text) = render(&report, options);
    Ok(Analyzed {
        json,
        text,
        summary: summary(&report),
        len: src.len(),
        stats: src.stats(),
    })
}

/// The report as the answer's JSON, and the plain text view when that is the form.
fn render(report: &mediainfo_rs::Report, options: Options) -> (String, Option<String>) {
    use mediainfo_rs::render;
    match options.output {
        Output::Pymediainfo => (render::pymediainfo(&report.streams), None),
        Output::Json => (
            render::mediainfo_json::render_view(&report.streams, options.full)
                .trim_end()
                .to_owned(),
            None,
        ),
        Output::Text => {
            let text = render::text::render_view(&report.streams, options.full);
            let json = serde_json::to_string(&text).unwrap_or_else(|_| "\"\"".to_owned());
            (json, Some(text))
        }
    }
}

/// One line about a report: `MPEG-4, 60.000 s; Video: AVC 1920x1080; Audio: AAC 2 ch`.
pub fn summary(report: &mediainfo_rs::Report) -> String {
    let mut parts = Vec::new();
    for s in &report.streams {
        let format = s.get("Format").unwrap_or("");
        let mut part = match s.kind() {
            mediainfo_rs::StreamKind::General => {
                let mut p = if format.is_empty() {
                    "not media".to_owned()
                } else {
                    format.to_owned()
                };
                if let Some(ms) = s.get("Duration").and_then(|d| d.parse::<f64>().ok()) {
                    p.push_str(&format!(", {:.3} s", ms / 1000.0));
                }
                p
            }
            kind => format!("{}: {format}", kind.name()),
        };
        if let (Some(w), Some(h)) = (s.get("Width"), s.get("Height")) {
            part.push_str(&format!(" {w}x{h}"));
        }
        if let Some(c) = s.get("Channel(s)") {
            part.push_str(&format!(" {c} ch"));
        }
        parts.push(part);
    }
    parts.join("; ")
}

/// An I/O error from the S3 source as a failure with S3's own error type.
fn io_failure(uri: &str, e: std::io::Error) -> Failure {
    match S3Error::find(&e) {
        Some(s3) => Failure {
            error_type: s3.error_type().to_owned(),
            message: s3.to_string(),
            transient: s3.is_transient(),
        },
        None => Failure {
            error_type: "S3ReadFailed".to_owned(),
            message: format!("reading {uri} failed: {e}"),
            transient: true,
        },
    }
}

fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(vars: &[(&str, &str)]) -> Result<Config, String> {
        Config::from_vars(|n| {
            vars.iter()
                .find(|(k, _)| *k == n)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn configuration_from_the_environment() {
        let c = config(&[]).unwrap();
        assert_eq!(c.concurrency, 4);
        assert_eq!(c.output_bucket, None);
        let c = config(&[
            ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"),
            ("BUCKET_NAME", "b"),
            ("S3_KEY", "k"),
            ("MEDIAINFO_OUTPUT", "JSON"),
            ("OUTPUT_BUCKET", "out"),
            ("OUTPUT_PREFIX", "mediainfo/"),
        ])
        .unwrap();
        assert_eq!(c.concurrency, 1);
        assert_eq!(c.defaults.output, Some(Output::Json));
        assert_eq!(
            c.sidecar_key("a/b.mp4", Output::Json),
            "mediainfo/a/b.mp4.json"
        );
        assert_eq!(
            c.sidecar_key("a/b.mp4", Output::Text),
            "mediainfo/a/b.mp4.txt"
        );
        assert!(
            config(&[("MEDIAINFO_OUTPUT", "xml")])
                .unwrap_err()
                .contains("MEDIAINFO_OUTPUT")
        );
        assert!(config(&[("MEDIAINFO_CONCURRENCY", "0")]).is_err());
    }

    #[test]
    fn own_sidecars_are_recognized() {
        let c = config(&[("OUTPUT_BUCKET", "b"), ("OUTPUT_PREFIX", "out/")]).unwrap();
        let o = |b: &str, k: &str| S3Object {
            bucket: b.into(),
            key: k.into(),
            version_id: None,
        };
        assert!(c.is_own_output(&o("b", "out/x.mp4.json")));
        assert!(!c.is_own_output(&o("b", "in/x.mp4")));
        assert!(!c.is_own_output(&o("other", "out/x.mp4.json")));
    }

    #[test]
    fn summaries() {
        let src = mediainfo_rs::source::FileSource::open(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/media/seed-baseline-faststart.mp4"
        ))
        .unwrap();
        let report = mediainfo_rs::analyze(&src, "x.mp4").unwrap();
        let s = summary(&report);
        assert!(s.starts_with("MPEG-4, "), "{s}");
        assert!(s.contains("Video: AVC 960x400"), "{s}");
        assert!(s.contains("Audio: AAC 2 ch"), "{s}");
        let empty =
            mediainfo_rs::analyze(&mediainfo_rs::source::MemorySource::new(b"hello"), "x").unwrap();
        assert_eq!(summary(&empty), "not media");
    }
}
