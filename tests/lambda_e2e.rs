//! The Lambda end to end, with no AWS account: the real musl `bootstrap` (as deployed) is
//! started as Lambda starts it, against a local Lambda Runtime API and a local S3 server
//! (moto's) holding the fixtures, and fed every kind of event. Its answers must equal the
//! CLI's for the same files (but for the name fields, which come from the S3 key), the GETs
//! per object must stay within the design's budget, and errors must have their documented
//! `errorType`. A second test points the function at a fake S3 that answers errors.
//!
//! Needs `layer-free-deploy/build.sh` (the binary) and `pip install 'moto[server]'`; without
//! them it says SKIPPED, unless `MEDIAINFO_E2E=require` (as in `.ci/run`) makes that a failure.

mod lambda_support;
mod media_layout;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

use lambda_support::http::{Reply, serve};
use lambda_support::moto::{MotoServer, moto_command};
use lambda_support::runtime_api::{Answer, Function};
use lambda_support::{scratch, unavailable};
use media_layout::{Layout, layout, padded_at_end, padded_before_moov};
use mediainfo_rs::source::FileSource;
use serde_json::{Value, json};

const BUCKET: &str = "media";
const OUT_BUCKET: &str = "reports";

/// An object in the S3 server and the local file with the same bytes.
struct Object {
    key: String,
    local: PathBuf,
    layout: Layout,
    size: u64,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Fixtures, a few multi-megabyte corpus files when `../shared` is there, two 48 MiB objects
/// made from fixtures, a key with characters that need encoding, a file that is not media and
/// an empty one.
fn upload(s3: &MotoServer, work: &Path) -> Vec<Object> {
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    let fixtures = root().join("fixtures/media");
    let mut names: Vec<_> = std::fs::read_dir(&fixtures)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for n in names {
        files.push((format!("fixtures/{n}"), fixtures.join(&n)));
    }
    let corpus = std::env::var_os("MEDIAINFO_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared"))
        .join("corpus");
    for rel in [
        "baldgirl/oceans.mp4",
        "gopro-gpmf-parser/max-heromode.mp4",
        "fate-suite/video/h264/242_4.mkv",
        "fate-suite/video/h264/test7_cut.mkv",
        "metadata-extractor-images/sample_iPod.m4v",
    ] {
        let p = corpus.join(rel);
        if p.is_file() {
            files.push((format!("corpus/{rel}"), p));
        }
    }
    let pad = 48 << 20;
    let made = [
        (
            "big/moov-at-end+free.mp4",
            padded_before_moov(
                &std::fs::read(fixtures.join("seed-baseline-moov-at-end.mp4")).unwrap(),
                pad,
            ),
        ),
        (
            "big/faststart+free.mp4",
            padded_at_end(
                &std::fs::read(fixtures.join("seed-baseline-faststart.mp4")).unwrap(),
                pad,
            ),
        ),
        (
            "uploads/my video (1)+é.mp4",
            std::fs::read(fixtures.join("seed-baseline-faststart.mp4")).unwrap(),
        ),
        ("misc/notes.txt", b"these are not media\n".to_vec()),
        ("misc/empty.bin", Vec::new()),
    ];
    for (key, bytes) in made {
        let local = work.join("local").join(key);
        std::fs::create_dir_all(local.parent().unwrap()).unwrap();
        std::fs::write(&local, bytes).unwrap();
        files.push((key.to_owned(), local));
    }
    files
        .into_iter()
        .map(|(key, local)| {
            let bytes = std::fs::read(&local).unwrap();
            s3.put(BUCKET, &key, &bytes);
            let src = FileSource::open(&local).unwrap();
            Object {
                key,
                layout: layout(&src),
                size: bytes.len() as u64,
                local,
            }
        })
        .collect()
}

/// The CLI's output for a local file.
fn cli(args: &[&str], file: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_mediainfo-rs"))
        .args(args)
        .arg(file)
        .output()
        .unwrap();
    assert!(out.status.success(), "CLI failed on {}", file.display());
    String::from_utf8(out.stdout).unwrap()
}

/// Fields that name the file (from the key in the Lambda, from the path in the CLI) or date it
/// (the S3 object's Last-Modified against the file's mtime).
const NAME_FIELDS: &[&str] = &[
    "complete_name",
    "folder_name",
    "file_name",
    "file_extension",
    "file_name_extension",
    "file_last_modification_date",
    "file_last_modification_date__local",
    "@ref",
    "CompleteName",
    "FolderName",
    "FileName",
    "FileExtension",
    "FileNameExtension",
    "File_Modified_Date",
    "File_Modified_Date_Local",
];

fn without_names(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| !NAME_FIELDS.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), without_names(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_names).collect()),
        other => other.clone(),
    }
}

/// The text view without the lines that name or date the file.
fn text_without_names(t: &str) -> String {
    t.lines()
        .filter(|l| {
            let label = l.split(" : ").next().unwrap_or("").trim_end();
            !matches!(
                label,
                "Complete name"
                    | "Folder name"
                    | "File name extension"
                    | "File name"
                    | "File extension"
                    | "File last modification date"
                    | "File last modification date (local)"
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The name fields MediaInfo derives from `s3://bucket/key`.
fn expected_names(bucket: &str, key: &str) -> Value {
    let uri = format!("s3://{bucket}/{key}");
    let (folder, file) = uri.rsplit_once('/').unwrap();
    let (name, ext) = match file.rsplit_once('.') {
        Some((n, e)) => (n, Some(e)),
        None => (file, None),
    };
    let mut v = json!({
        "complete_name": uri,
        "folder_name": folder,
        "file_name": name,
        "file_name_extension": file,
    });
    if let Some(e) = ext {
        v["file_extension"] = json!(e);
    }
    v
}

fn assert_names(answer: &Value, bucket: &str, key: &str) {
    let general = &answer["tracks"][0];
    let want = expected_names(bucket, key);
    for (k, v) in want.as_object().unwrap() {
        assert_eq!(&general[k], v, "{key}: {k}");
    }
}

/// `quote_plus`, as S3 encodes keys in notifications.
fn quote_plus(key: &str) -> String {
    let mut out = String::new();
    for b in key.bytes() {
        match b {
            b' ' => out.push('+'),
            b if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) => out.push(b as char),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn s3_record(event_name: &str, bucket: &str, key: &str) -> Value {
    json!({
        "eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1",
        "eventTime": "2026-01-01T00:00:00.000Z", "eventName": event_name,
        "userIdentity": {"principalId": "EXAMPLE"},
        "requestParameters": {"sourceIPAddress": "127.0.0.1"},
        "responseElements": {"x-amz-request-id": "C3D13FE58DE4C810", "x-amz-id-2": "x"},
        "s3": {"s3SchemaVersion": "1.0", "configurationId": "mediainfo",
               "bucket": {"name": bucket, "ownerIdentity": {"principalId": "EXAMPLE"},
                          "arn": format!("arn:aws:s3:::{bucket}")},
               "object": {"key": quote_plus(key), "size": 1, "eTag": "0", "sequencer": "0A1B2C3D4E5F678901"}}
    })
}

fn eventbridge(bucket: &str, key: &str) -> Value {
    json!({
        "version": "0", "id": "17793124-05d4-b198-2fde-7ededc63b103",
        "detail-type": "Object Created", "source": "aws.s3", "account": "123456789012",
        "time": "2026-01-01T00:00:00Z", "region": "us-east-1",
        "resources": [format!("arn:aws:s3:::{bucket}")],
        "detail": {"version": "0", "bucket": {"name": bucket},
                   "object": {"key": quote_plus(key), "size": 1, "etag": "0", "sequencer": "617f08299329d189"},
                   "request-id": "N4N7GDK58NMKJ12R", "requester": "123456789012",
                   "source-ip-address": "1.2.3.4", "reason": "PutObject"}
    })
}

fn sqs(messages: &[(&str, Value)]) -> Value {
    let records: Vec<Value> = messages
        .iter()
        .map(|(id, body)| {
            json!({
                "messageId": id, "receiptHandle": "AQEB", "body": body.to_string(),
                "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "1767225600000",
                               "SenderId": "AIDAIENQZJOLO23YVJ4VO", "ApproximateFirstReceiveTimestamp": "1767225600001"},
                "messageAttributes": {}, "md5OfBody": "0", "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:media-events", "awsRegion": "us-east-1"
            })
        })
        .collect();
    json!({ "Records": records })
}

fn function_env<'a>(s3: &MotoServer, extra: &[(&'a str, &str)]) -> Vec<(&'a str, String)> {
    let mut env = vec![
        ("AWS_ENDPOINT_URL_S3", s3.endpoint()),
        ("S3_FORCE_PATH_STYLE", "true".to_owned()),
    ];
    env.extend(extra.iter().map(|(k, v)| (*k, (*v).to_owned())));
    env
}

/// The requests, bytes and time the function logged for its last analysis of `uri`.
fn logged(f: &Function, uri: &str) -> Value {
    f.log_events("analyzed")
        .into_iter()
        .rev()
        .find(|e| e["uri"] == uri)
        .unwrap_or_else(|| panic!("no 'analyzed' log line for {uri}:\n{}", f.log_text()))
}

#[test]
fn lambda_end_to_end() {
    let bootstrap = match lambda_support::bootstrap() {
        Ok(p) => p,
        Err(why) => return unavailable(&why),
    };
    let Some(moto) = moto_command() else {
        return unavailable("moto's server is not installed (pip install 'moto[server]')");
    };
    let work = scratch("moto");
    let s3 = MotoServer::start(&moto, &work);
    s3.create_bucket(BUCKET);
    s3.create_bucket(OUT_BUCKET);
    let objects = upload(&s3, &work);
    let mut f = Function::start(
        &bootstrap,
        &work,
        "main",
        &function_env(
            &s3,
            &[("BUCKET_NAME", BUCKET), ("S3_KEY", "fixtures/aac-mono.m4a")],
        ),
    );

    // Direct invokes: every object, against the CLI, within the GET budget.
    let mut answers: BTreeMap<String, Value> = BTreeMap::new();
    println!("object\tlayout\tsize\tGETs\tbytes received\tS3 ms\tms");
    for o in &objects {
        let gets_before = s3.count("GET", BUCKET, &o.key);
        let answer = f.invoke(&json!({"bucket": BUCKET, "key": o.key})).ok();
        let want: Value =
            serde_json::from_str(&cli(&["--output", "pymediainfo"], &o.local)).unwrap();
        assert_eq!(
            without_names(&answer),
            without_names(&want),
            "{}: the Lambda's answer differs from the CLI's",
            o.key
        );
        assert_names(&answer, BUCKET, &o.key);
        let gets = (s3.count("GET", BUCKET, &o.key) - gets_before) as u64;
        let log = logged(&f, &format!("s3://{BUCKET}/{}", o.key));
        assert_eq!(
            log["requests"].as_u64(),
            Some(gets),
            "{}: logged requests",
            o.key
        );
        if let Some(budget) = o.layout.budget() {
            assert!(
                gets <= budget,
                "{} ({:?}): {gets} GETs, budget {budget}",
                o.key,
                o.layout
            );
        }
        if o.size > 0 {
            assert_eq!(
                s3.count("HEAD", BUCKET, &o.key),
                0,
                "{}: HEAD on the fast path",
                o.key
            );
        }
        if o.key.starts_with("big/") {
            let bytes = log["bytes"].as_u64().unwrap();
            assert!(
                bytes < 1 << 20,
                "{}: {bytes} bytes received of {}",
                o.key,
                o.size
            );
        }
        println!(
            "{}\t{:?}\t{}\t{gets}\t{}\t{}\t{}",
            o.key, o.layout, o.size, log["bytes"], log["s3_ms"], log["ms"]
        );
        answers.insert(o.key.clone(), answer);
    }
    let answer = |key: &str| answers[key].clone();

    // The other output forms.
    let mkv = objects
        .iter()
        .find(|o| o.key == "fixtures/mkv-avc-aac.mkv")
        .unwrap();
    for (event, args) in [
        (
            json!({"s3_uri": format!("s3://{BUCKET}/{}", mkv.key), "output": "json"}),
            vec!["--output", "json"],
        ),
        (
            json!({"bucket": BUCKET, "key": mkv.key, "output": "json", "full": true}),
            vec!["--output", "json", "--full"],
        ),
    ] {
        let got = f.invoke(&event).ok();
        let want: Value = serde_json::from_str(&cli(&args, &mkv.local)).unwrap();
        assert_eq!(without_names(&got), without_names(&want), "{event}");
        assert_eq!(got["media"]["@ref"], format!("s3://{BUCKET}/{}", mkv.key));
    }
    let got = f
        .invoke(&json!({"bucket": BUCKET, "key": mkv.key, "output": "text"}))
        .ok();
    assert_eq!(
        text_without_names(got.as_str().unwrap()),
        text_without_names(&cli(&[], &mkv.local)),
        "text view"
    );
    assert!(
        got.as_str()
            .unwrap()
            .contains(&format!("s3://{BUCKET}/{}", mkv.key))
    );

    // An empty event: BUCKET_NAME and S3_KEY from the environment.
    assert_eq!(f.invoke(&json!({})).ok(), answer("fixtures/aac-mono.m4a"));

    // An S3 notification with a URL-encoded key, and a deletion that is skipped.
    let odd = "uploads/my video (1)+é.mp4";
    let got = f
        .invoke(&json!({"Records": [
            s3_record("ObjectCreated:Put", BUCKET, odd),
            s3_record("ObjectRemoved:Delete", BUCKET, "fixtures/gone.mp4"),
        ]}))
        .ok();
    let results = got["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["s3_uri"], format!("s3://{BUCKET}/{odd}"));
    assert_eq!(results[0]["report"], answer(odd));
    assert!(
        results[1]["skipped"]
            .as_str()
            .unwrap()
            .contains("ObjectRemoved")
    );
    assert!(got.get("batchItemFailures").is_none());

    // SQS messages holding a notification, one for a missing key, and an EventBridge event.
    let got = f
        .invoke(&sqs(&[
            ("m1", json!({"Records": [s3_record("ObjectCreated:Put", BUCKET, "fixtures/webm-opus.webm")]})),
            ("m2", json!({"Records": [s3_record("ObjectCreated:Put", BUCKET, "fixtures/missing.mp4")]})),
            ("m3", eventbridge(BUCKET, "fixtures/quicktime.mov")),
        ]))
        .ok();
    let results = got["results"].as_array().unwrap();
    assert_eq!(results[0]["report"], answer("fixtures/webm-opus.webm"));
    assert_eq!(results[1]["errorType"], "NoSuchKey");
    assert!(
        results[1]["errorMessage"]
            .as_str()
            .unwrap()
            .contains("s3://media/fixtures/missing.mp4")
    );
    assert_eq!(results[2]["report"], answer("fixtures/quicktime.mov"));
    // A missing key will not come back: its message is not delivered again.
    assert_eq!(got["batchItemFailures"], json!([]));

    // EventBridge directly.
    let got = f.invoke(&eventbridge(BUCKET, odd)).ok();
    assert_eq!(got["results"][0]["report"], answer(odd));

    // S3 Batch Operations, schema 1.0 (bucket ARN) and 2.0 (bucket name, user arguments).
    let got = f
        .invoke(&json!({
            "invocationSchemaVersion": "1.0", "invocationId": "YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo",
            "job": {"id": "f3cc4f60-61f6-4a2b-8a21-d07600c373ce"},
            "tasks": [
                {"taskId": "t1", "s3Key": quote_plus(odd), "s3VersionId": null, "s3BucketArn": format!("arn:aws:s3:::{BUCKET}")},
                {"taskId": "t2", "s3Key": "fixtures/missing.mp4", "s3VersionId": null, "s3BucketArn": format!("arn:aws:s3:::{BUCKET}")},
            ]
        }))
        .ok();
    assert_eq!(got["invocationSchemaVersion"], "1.0");
    assert_eq!(got["treatMissingKeysAs"], "PermanentFailure");
    assert_eq!(
        got["invocationId"],
        "YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo"
    );
    assert_eq!(got["results"][0]["taskId"], "t1");
    assert_eq!(got["results"][0]["resultCode"], "Succeeded");
    assert!(
        got["results"][0]["resultString"]
            .as_str()
            .unwrap()
            .starts_with("MPEG-4, 2.0"),
        "{got}"
    );
    assert_eq!(got["results"][1]["resultCode"], "PermanentFailure");
    assert!(
        got["results"][1]["resultString"]
            .as_str()
            .unwrap()
            .starts_with("NoSuchKey: ")
    );
    let got = f
        .invoke(&json!({
            "invocationSchemaVersion": "2.0", "invocationId": "inv2",
            "job": {"id": "ry77cd60-61f6-4a2b-8a21-d07600c874gf", "userArguments": {"output": "json"}},
            "tasks": [{"taskId": "t3", "s3Key": "fixtures/webm-opus.webm", "s3VersionId": null, "s3Bucket": BUCKET}]
        }))
        .ok();
    assert_eq!(got["invocationSchemaVersion"], "2.0");
    assert_eq!(got["results"][0]["resultCode"], "Succeeded");
    assert!(
        got["results"][0]["resultString"]
            .as_str()
            .unwrap()
            .starts_with("WebM"),
        "{got}"
    );

    // Errors: each with its type, and the process lives on.
    for (event, error_type, needle) in [
        (
            json!({"bucket": BUCKET, "key": "nope/missing.mp4"}),
            "NoSuchKey",
            "s3://media/nope/missing.mp4",
        ),
        (
            json!({"bucket": "no-such-bucket", "key": "a.mp4"}),
            "NoSuchBucket",
            "s3://no-such-bucket/a.mp4",
        ),
        (
            json!({"s3_uri": "https://example.com/a.mp4"}),
            "InvalidEvent",
            "s3://",
        ),
        (
            json!({"hello": "world"}),
            "InvalidEvent",
            "unrecognized event",
        ),
        (
            json!({"bucket": BUCKET, "key": "fixtures/aac-mono.m4a", "output": "xml"}),
            "InvalidEvent",
            "output",
        ),
    ] {
        match f.invoke(&event) {
            Answer::Error {
                error_type: t,
                error_message: m,
            } => {
                assert_eq!(t, error_type, "{event}: {m}");
                assert!(m.contains(needle), "{event}: {m}");
            }
            Answer::Response(r) => panic!("{event} answered {r}"),
        }
        assert!(f.is_running(), "a failed invocation ended the process");
    }
    assert_eq!(
        f.invoke(&json!({"bucket": BUCKET, "key": "fixtures/aac-mono.m4a"}))
            .ok(),
        answer("fixtures/aac-mono.m4a")
    );
    drop(f);

    // Sidecars: written where OUTPUT_BUCKET/OUTPUT_PREFIX say, equal to the answer; a
    // notification about a sidecar is not analyzed again.
    let mut f = Function::start(
        &bootstrap,
        &work,
        "sidecar",
        &function_env(
            &s3,
            &[
                ("OUTPUT_BUCKET", OUT_BUCKET),
                ("OUTPUT_PREFIX", "mediainfo/"),
            ],
        ),
    );
    let got = f
        .invoke(&json!({"Records": [s3_record("ObjectCreated:Put", BUCKET, odd)]}))
        .ok();
    let sidecar_key = format!("mediainfo/{odd}.json");
    assert_eq!(
        got["results"][0]["sidecar"],
        format!("s3://{OUT_BUCKET}/{sidecar_key}")
    );
    let written: Value =
        serde_json::from_slice(&s3.get(OUT_BUCKET, &sidecar_key).expect("the sidecar")).unwrap();
    assert_eq!(written, answer(odd));
    let got = f
        .invoke(&json!({"Records": [s3_record("ObjectCreated:Put", OUT_BUCKET, &sidecar_key)]}))
        .ok();
    assert!(
        got["results"][0]["skipped"]
            .as_str()
            .unwrap()
            .contains("sidecar"),
        "{got}"
    );
    let got = f
        .invoke(&json!({
            "invocationSchemaVersion": "2.0", "invocationId": "inv3", "job": {"id": "j"},
            "tasks": [{"taskId": "t4", "s3Key": "fixtures/aac-mono.m4a", "s3VersionId": null, "s3Bucket": BUCKET}]
        }))
        .ok();
    assert_eq!(
        got["results"][0]["resultString"],
        format!("s3://{OUT_BUCKET}/mediainfo/fixtures/aac-mono.m4a.json")
    );
    assert!(
        s3.get(OUT_BUCKET, "mediainfo/fixtures/aac-mono.m4a.json")
            .is_some()
    );
}

/// A fake S3 that answers errors: each gets its documented `errorType`, and the SDK retries
/// what may pass.
#[test]
fn lambda_s3_errors() {
    let bootstrap = match lambda_support::bootstrap() {
        Ok(p) => p,
        Err(why) => return unavailable(&why),
    };
    let hits: Arc<Mutex<BTreeMap<String, usize>>> = Arc::default();
    let h = hits.clone();
    let addr = serve(move |req| {
        let path = req.path.split('?').next().unwrap_or("").to_owned();
        *h.lock().unwrap().entry(path.clone()).or_default() += 1;
        let error = |status: u16, code: &str, message: &str| {
            Reply::new(
                status,
                format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code>\
                     <Message>{message}</Message><RequestId>R</RequestId><HostId>H</HostId></Error>"
                ),
            )
            .with("Content-Type", "application/xml")
        };
        match path.as_str() {
            "/fake/denied.mp4" => error(403, "AccessDenied", "Access Denied"),
            "/fake/throttled.mp4" => error(503, "SlowDown", "Please reduce your request rate."),
            "/fake/failing.mp4" => error(500, "InternalError", "We encountered an internal error."),
            "/fake/cut.mp4" => Reply::new(206, vec![0u8; 100])
                .with("Content-Range", "bytes 0-999/1000")
                .with("Content-Type", "application/octet-stream"),
            _ => error(404, "NoSuchKey", "The specified key does not exist."),
        }
    });
    let work = scratch("fake-s3");
    let mut f = Function::start(
        &bootstrap,
        &work,
        "errors",
        &[
            ("AWS_ENDPOINT_URL_S3", format!("http://{addr}")),
            ("S3_FORCE_PATH_STYLE", "true".into()),
        ],
    );
    for (key, error_type, needle, attempts) in [
        (
            "denied.mp4",
            "AccessDenied",
            "access denied to s3://fake/denied.mp4",
            1,
        ),
        ("throttled.mp4", "S3Throttled", "SlowDown", 3),
        ("failing.mp4", "S3Error", "InternalError", 3),
        (
            "cut.mp4",
            "S3ReadFailed",
            "ended at byte 100 of a 1000-byte object",
            // The first GET and three resumptions.
            4,
        ),
        ("absent.mp4", "NoSuchKey", "s3://fake/absent.mp4", 1),
    ] {
        match f.invoke(&json!({"bucket": "fake", "key": key})) {
            Answer::Error {
                error_type: t,
                error_message: m,
            } => {
                assert_eq!(t, error_type, "{key}: {m}");
                assert!(m.contains(needle), "{key}: {m}");
            }
            Answer::Response(r) => panic!("{key} answered {r}"),
        }
        assert_eq!(
            hits.lock().unwrap().get(&format!("/fake/{key}")).copied(),
            Some(attempts),
            "{key}: requests"
        );
        assert!(f.is_running());
    }
    // Batch Operations: what may pass is a TemporaryFailure, the rest PermanentFailure.
    let got = f
        .invoke(&json!({
            "invocationSchemaVersion": "2.0", "invocationId": "i", "job": {"id": "j"},
            "tasks": [
                {"taskId": "a", "s3Key": "throttled.mp4", "s3VersionId": null, "s3Bucket": "fake"},
                {"taskId": "b", "s3Key": "denied.mp4", "s3VersionId": null, "s3Bucket": "fake"},
            ]
        }))
        .ok();
    assert_eq!(got["results"][0]["resultCode"], "TemporaryFailure", "{got}");
    assert_eq!(got["results"][1]["resultCode"], "PermanentFailure", "{got}");
    // From SQS, only the message whose object may succeed later is delivered again.
    let got = f
        .invoke(&sqs(&[
            (
                "m1",
                json!({"Records": [s3_record("ObjectCreated:Put", "fake", "throttled.mp4")]}),
            ),
            (
                "m2",
                json!({"Records": [s3_record("ObjectCreated:Put", "fake", "denied.mp4")]}),
            ),
        ]))
        .ok();
    assert_eq!(got["results"][0]["errorType"], "S3Throttled", "{got}");
    assert_eq!(got["results"][1]["errorType"], "AccessDenied", "{got}");
    assert_eq!(got["batchItemFailures"], json!([{"itemIdentifier": "m1"}]));
    // An S3 notification whose object is throttled fails the invocation, so Lambda retries.
    match f.invoke(&json!({"Records": [s3_record("ObjectCreated:Put", "fake", "throttled.mp4")]})) {
        Answer::Error { error_type, .. } => assert_eq!(error_type, "S3Throttled"),
        Answer::Response(r) => panic!("answered {r}"),
    }
}
