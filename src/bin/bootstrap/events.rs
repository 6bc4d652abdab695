//! What an invocation asks for: the event shapes the function accepts, turned into objects to
//! analyze and the shape of the answer.
//!
//! | event | recognized by | answer |
//! |---|---|---|
//! | direct invoke | `bucket` + `key`, or `s3_uri` | the report itself |
//! | empty (`{}` or `null`) | nothing else | the report of `BUCKET_NAME`/`S3_KEY` |
//! | S3 notification | `Records[].s3` | `{"results": [...]}` |
//! | SQS (S3, SNS or EventBridge messages inside) | `Records[].eventSource == "aws:sqs"` | `{"results": [...], "batchItemFailures": [...]}` |
//! | SNS (an S3 notification inside) | `Records[].Sns` | `{"results": [...]}` |
//! | EventBridge | `source == "aws.s3"`, `detail-type` | `{"results": [...]}` |
//! | S3 Batch Operations 1.0 / 2.0 | `invocationSchemaVersion` + `tasks` | the Batch Operations answer |
//!
//! Keys in notifications, EventBridge events and Batch Operations tasks are URL-encoded (`+`
//! for a space), as AWS sends them; keys in a direct invoke are taken as they are.

use mediainfo_rs::source::s3::S3Object;
use serde_json::Value;

/// The output form of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// pymediainfo's `to_data()`: `{"tracks": [...]}`.
    Pymediainfo,
    /// MediaInfo's `--Output=JSON`.
    Json,
    /// MediaInfo's text view, as a JSON string.
    Text,
}

impl Output {
    pub fn parse(s: &str) -> Option<Output> {
        match s.to_ascii_lowercase().as_str() {
            "pymediainfo" | "to_data" => Some(Output::Pymediainfo),
            "json" | "mediainfo" => Some(Output::Json),
            "text" => Some(Output::Text),
            _ => None,
        }
    }
}

/// How to render reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    pub output: Output,
    /// MediaInfo's complete view (`--Full`), for `json` and `text`.
    pub full: bool,
}

/// The environment's part in reading events.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Defaults {
    /// `BUCKET_NAME`: the bucket of an empty event, or of a direct invoke with only a key.
    pub bucket: Option<String>,
    /// `S3_KEY`: the key of an empty event.
    pub key: Option<String>,
    /// `MEDIAINFO_OUTPUT`: the output form when the event names none.
    pub output: Option<Output>,
}

/// One object an event names, or why it is left alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Object(S3Object),
    /// Not an object to analyze (a deletion, a test event); the reason is reported.
    Skip {
        bucket: Option<String>,
        key: Option<String>,
        reason: String,
    },
}

/// One Batch Operations task.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Task {
    pub task_id: String,
    pub object: Result<S3Object, String>,
}

/// What an invocation asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// One object; the answer is its report.
    Direct { object: S3Object, options: Options },
    /// Objects from notifications; the answer lists a result per item.
    Records {
        items: Vec<Record>,
        /// The event came through SQS: answer `batchItemFailures` too.
        sqs: bool,
        options: Options,
    },
    /// An S3 Batch Operations invocation.
    Batch {
        schema: String,
        invocation_id: String,
        tasks: Vec<Task>,
        options: Options,
    },
}

/// An item and the SQS message it came in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub item: Item,
    pub message_id: Option<String>,
}

/// An event that cannot be read. Its message says what was expected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidEvent(pub String);

fn invalid(msg: impl Into<String>) -> InvalidEvent {
    InvalidEvent(msg.into())
}

/// Reads an invocation's event.
pub fn parse(event: &Value, defaults: &Defaults) -> Result<Request, InvalidEvent> {
    let default_options = Options {
        output: defaults.output.unwrap_or(Output::Pymediainfo),
        full: false,
    };
    let empty = match event {
        Value::Null => true,
        Value::Object(m) => m.is_empty(),
        _ => false,
    };
    if empty {
        let (Some(bucket), Some(key)) = (&defaults.bucket, &defaults.key) else {
            return Err(invalid(
                "empty event, and BUCKET_NAME and S3_KEY are not both set in the environment; \
                 invoke with {\"bucket\": ..., \"key\": ...} or {\"s3_uri\": \"s3://bucket/key\"}",
            ));
        };
        return Ok(Request::Direct {
            object: object(bucket, key, None)?,
            options: default_options,
        });
    }
    let Value::Object(map) = event else {
        return Err(invalid(format!(
            "the event must be a JSON object, not {}",
            kind_of(event)
        )));
    };
    if map.contains_key("invocationSchemaVersion") && map.contains_key("tasks") {
        return batch(event, default_options);
    }
    if let Some(records) = map.get("Records") {
        let records = records
            .as_array()
            .ok_or_else(|| invalid("\"Records\" must be an array"))?;
        let mut items = Vec::new();
        let mut sqs = false;
        for (i, r) in records.iter().enumerate() {
            if r.get("eventSource").and_then(Value::as_str) == Some("aws:sqs") {
                sqs = true;
                let id = r
                    .get("messageId")
                    .and_then(Value::as_str)
                    .map(str::to_owned);
                let body = r.get("body").and_then(Value::as_str).unwrap_or("");
                for item in message_items(body, &format!("Records[{i}].body"))? {
                    items.push(Record {
                        item,
                        message_id: id.clone(),
                    });
                }
            } else {
                for item in record_items(r, &format!("Records[{i}]"))? {
                    items.push(Record {
                        item,
                        message_id: None,
                    });
                }
            }
        }
        return Ok(Request::Records {
            items,
            sqs,
            options: default_options,
        });
    }
    if map.contains_key("detail-type") {
        return Ok(Request::Records {
            items: eventbridge_items(event)?
                .into_iter()
                .map(|item| Record {
                    item,
                    message_id: None,
                })
                .collect(),
            sqs: false,
            options: default_options,
        });
    }
    if is_test_event(event) {
        return Ok(Request::Records {
            items: vec![test_event_skip()],
            sqs: false,
            options: default_options,
        });
    }
    direct(event, defaults, default_options)
}

fn direct(
    event: &Value,
    defaults: &Defaults,
    mut options: Options,
) -> Result<Request, InvalidEvent> {
    let version = optional_str(event, "version_id")?;
    let object = if let Some(uri) = optional_str(event, "s3_uri")? {
        let (bucket, key) = split_s3_uri(&uri)?;
        object(&bucket, &key, version)?
    } else {
        let key = optional_str(event, "key")?;
        let bucket = optional_str(event, "bucket")?.or_else(|| defaults.bucket.clone());
        match (bucket, key) {
            (Some(b), Some(k)) => object(&b, &k, version)?,
            (None, Some(_)) => {
                return Err(invalid(
                    "\"key\" without \"bucket\" (and no BUCKET_NAME in the environment)",
                ));
            }
            _ => {
                return Err(invalid(
                    "unrecognized event: expected {\"bucket\": ..., \"key\": ...}, \
                     {\"s3_uri\": \"s3://bucket/key\"}, an S3 notification (Records[].s3), \
                     an SQS or SNS message holding one, an EventBridge \"Object Created\" event, \
                     or an S3 Batch Operations invocation",
                ));
            }
        }
    };
    if let Some(o) = optional_str(event, "output")? {
        options.output = Output::parse(&o).ok_or_else(|| {
            invalid(format!(
                "unknown \"output\" {o:?}: use \"pymediainfo\", \"json\" or \"text\""
            ))
        })?;
    }
    match event.get("full") {
        None | Some(Value::Null) => {}
        Some(Value::Bool(b)) => options.full = *b,
        Some(_) => return Err(invalid("\"full\" must be true or false")),
    }
    Ok(Request::Direct { object, options })
}

fn batch(event: &Value, mut options: Options) -> Result<Request, InvalidEvent> {
    let schema = event["invocationSchemaVersion"]
        .as_str()
        .ok_or_else(|| invalid("\"invocationSchemaVersion\" must be a string"))?
        .to_owned();
    if schema != "1.0" && schema != "2.0" {
        return Err(invalid(format!(
            "S3 Batch Operations invocation schema {schema:?} is not supported (1.0 and 2.0 are)"
        )));
    }
    let invocation_id = event
        .get("invocationId")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("Batch Operations event without \"invocationId\""))?
        .to_owned();
    if let Some(args) = event
        .pointer("/job/userArguments")
        .and_then(Value::as_object)
    {
        if let Some(o) = args.get("output").and_then(Value::as_str) {
            options.output = Output::parse(o)
                .ok_or_else(|| invalid(format!("unknown userArguments.output {o:?}")))?;
        }
        if let Some(f) = args.get("full").and_then(Value::as_str) {
            options.full = f.eq_ignore_ascii_case("true") || f == "1";
        }
    }
    let tasks = event["tasks"]
        .as_array()
        .ok_or_else(|| invalid("\"tasks\" must be an array"))?;
    let tasks = tasks
        .iter()
        .map(|t| {
            let task_id = t
                .get("taskId")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned();
            Task {
                task_id,
                object: batch_object(t).map_err(|e| e.0),
            }
        })
        .collect();
    Ok(Request::Batch {
        schema,
        invocation_id,
        tasks,
        options,
    })
}

fn batch_object(task: &Value) -> Result<S3Object, InvalidEvent> {
    let key = task
        .get("s3Key")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("task without \"s3Key\""))?;
    let bucket = match task.get("s3Bucket").and_then(Value::as_str) {
        Some(b) => b.to_owned(),
        None => {
            let arn = task
                .get("s3BucketArn")
                .and_then(Value::as_str)
                .ok_or_else(|| invalid("task without \"s3Bucket\" or \"s3BucketArn\""))?;
            bucket_from_arn(arn)?
        }
    };
    let version = task
        .get("s3VersionId")
        .and_then(Value::as_str)
        .map(str::to_owned);
    object(&bucket, &url_decode(key)?, version)
}

/// `arn:aws:s3:::bucket` (or with region and account, as the documentation shows) → bucket.
fn bucket_from_arn(arn: &str) -> Result<String, InvalidEvent> {
    let last = arn.rsplit(':').next().unwrap_or("");
    if !arn.starts_with("arn:") || last.is_empty() {
        return Err(invalid(format!("not an S3 bucket ARN: {arn:?}")));
    }
    Ok(last.to_owned())
}

/// Items of a record that did not come through SQS: S3 notification or SNS envelope.
fn record_items(record: &Value, at: &str) -> Result<Vec<Item>, InvalidEvent> {
    if let Some(s3) = record.get("s3") {
        let event_name = record
            .get("eventName")
            .and_then(Value::as_str)
            .unwrap_or("");
        let bucket = s3
            .pointer("/bucket/name")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid(format!("{at}.s3.bucket.name missing")))?;
        let raw_key = s3
            .pointer("/object/key")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid(format!("{at}.s3.object.key missing")))?;
        let key = url_decode(raw_key)?;
        if !event_name.is_empty() && !event_name.starts_with("ObjectCreated") {
            return Ok(vec![Item::Skip {
                bucket: Some(bucket.to_owned()),
                key: Some(key),
                reason: format!("event {event_name} does not create an object"),
            }]);
        }
        let version = s3
            .pointer("/object/versionId")
            .and_then(Value::as_str)
            .map(str::to_owned);
        return Ok(vec![Item::Object(object(bucket, &key, version)?)]);
    }
    if let Some(message) = record.pointer("/Sns/Message").and_then(Value::as_str) {
        return message_items(message, &format!("{at}.Sns.Message"));
    }
    Err(invalid(format!(
        "{at} is neither an S3 notification record, an SQS message nor an SNS message"
    )))
}

/// Items of a message body (SQS body or SNS message): an S3 notification, an SNS envelope,
/// an EventBridge event or S3's test event.
fn message_items(body: &str, at: &str) -> Result<Vec<Item>, InvalidEvent> {
    let v: Value =
        serde_json::from_str(body).map_err(|e| invalid(format!("{at} is not JSON: {e}")))?;
    if is_test_event(&v) {
        return Ok(vec![test_event_skip().item]);
    }
    if let Some(records) = v.get("Records").and_then(Value::as_array) {
        let mut out = Vec::new();
        for (i, r) in records.iter().enumerate() {
            out.extend(record_items(r, &format!("{at}.Records[{i}]"))?);
        }
        return Ok(out);
    }
    if v.get("Type").and_then(Value::as_str) == Some("Notification")
        && let Some(m) = v.get("Message").and_then(Value::as_str)
    {
        return message_items(m, &format!("{at}.Message"));
    }
    if v.get("detail-type").is_some() {
        return eventbridge_items(&v);
    }
    Err(invalid(format!(
        "{at} holds no S3 notification, SNS notification or EventBridge event"
    )))
}

fn eventbridge_items(event: &Value) -> Result<Vec<Item>, InvalidEvent> {
    let detail_type = event
        .get("detail-type")
        .and_then(Value::as_str)
        .unwrap_or("");
    if event.get("source").and_then(Value::as_str) != Some("aws.s3") {
        return Err(invalid(format!(
            "EventBridge event from {:?}, not from aws.s3",
            event.get("source").and_then(Value::as_str).unwrap_or("")
        )));
    }
    let bucket = event
        .pointer("/detail/bucket/name")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("EventBridge event without detail.bucket.name"))?;
    let key = event
        .pointer("/detail/object/key")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("EventBridge event without detail.object.key"))?;
    let key = url_decode(key)?;
    if detail_type != "Object Created" {
        return Ok(vec![Item::Skip {
            bucket: Some(bucket.to_owned()),
            key: Some(key),
            reason: format!("EventBridge {detail_type:?} does not create an object"),
        }]);
    }
    let version = event
        .pointer("/detail/object/version-id")
        .and_then(Value::as_str)
        .map(str::to_owned);
    Ok(vec![Item::Object(object(bucket, &key, version)?)])
}

/// S3's `s3:TestEvent`, sent when a notification is configured.
fn is_test_event(v: &Value) -> bool {
    v.get("Event").and_then(Value::as_str) == Some("s3:TestEvent")
}

fn test_event_skip() -> Record {
    Record {
        item: Item::Skip {
            bucket: None,
            key: None,
            reason: "S3 test event".to_owned(),
        },
        message_id: None,
    }
}

fn object(bucket: &str, key: &str, version_id: Option<String>) -> Result<S3Object, InvalidEvent> {
    if bucket.is_empty() {
        return Err(invalid("empty bucket name"));
    }
    if key.is_empty() {
        return Err(invalid("empty key"));
    }
    Ok(S3Object {
        bucket: bucket.to_owned(),
        key: key.to_owned(),
        version_id: version_id.filter(|v| !v.is_empty() && v != "null"),
    })
}

/// `s3://bucket/key` → (bucket, key); the key is taken as it is (not URL-decoded).
pub fn split_s3_uri(uri: &str) -> Result<(String, String), InvalidEvent> {
    let rest = uri
        .strip_prefix("s3://")
        .ok_or_else(|| invalid(format!("\"s3_uri\" must start with s3://, got {uri:?}")))?;
    match rest.split_once('/') {
        Some((b, k)) if !b.is_empty() && !k.is_empty() => Ok((b.to_owned(), k.to_owned())),
        _ => Err(invalid(format!(
            "\"s3_uri\" must be s3://bucket/key, got {uri:?}"
        ))),
    }
}

/// Decodes a URL-encoded key as AWS's own examples do (Python's `unquote_plus`): `+` is a
/// space, `%XX` a byte; a `%` not followed by two hex digits stays as it is.
pub fn url_decode(s: &str) -> Result<String, InvalidEvent> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() && hex(b[i + 1]).is_some() && hex(b[i + 2]).is_some() => {
                out.push(hex(b[i + 1]).unwrap_or(0) * 16 + hex(b[i + 2]).unwrap_or(0));
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| invalid(format!("key {s:?} decodes to invalid UTF-8")))
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

fn optional_str(event: &Value, name: &str) -> Result<Option<String>, InvalidEvent> {
    match event.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(invalid(format!(
            "\"{name}\" must be a string, not {}",
            kind_of(other)
        ))),
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(bucket: &str, key: &str, version: Option<&str>) -> S3Object {
        S3Object {
            bucket: bucket.into(),
            key: key.into(),
            version_id: version.map(str::to_owned),
        }
    }

    const PY: Options = Options {
        output: Output::Pymediainfo,
        full: false,
    };

    fn direct_object(r: Request) -> (S3Object, Options) {
        match r {
            Request::Direct { object, options } => (object, options),
            other => panic!("not direct: {other:?}"),
        }
    }

    fn record_items(r: Request) -> (Vec<Record>, bool) {
        match r {
            Request::Records { items, sqs, .. } => (items, sqs),
            other => panic!("not records: {other:?}"),
        }
    }

    #[test]
    fn direct_invoke() {
        let d = Defaults::default();
        let r = parse(&json!({"bucket": "b", "key": "a b+c.mp4"}), &d).unwrap();
        assert_eq!(direct_object(r), (obj("b", "a b+c.mp4", None), PY));
        let r = parse(
            &json!({"s3_uri": "s3://b/dir/x%20y.mkv", "output": "json"}),
            &d,
        )
        .unwrap();
        let (o, opts) = direct_object(r);
        assert_eq!(o, obj("b", "dir/x%20y.mkv", None));
        assert_eq!(opts.output, Output::Json);
        let r = parse(
            &json!({"bucket": "b", "key": "k", "version_id": "v1", "output": "text", "full": true}),
            &d,
        )
        .unwrap();
        assert_eq!(
            direct_object(r),
            (
                obj("b", "k", Some("v1")),
                Options {
                    output: Output::Text,
                    full: true
                }
            )
        );
    }

    #[test]
    fn direct_invoke_errors_say_what_is_expected() {
        let d = Defaults::default();
        for (event, needle) in [
            (json!({"s3_uri": "https://x/y"}), "s3://"),
            (json!({"s3_uri": "s3://bucket-only"}), "s3://bucket/key"),
            (json!({"key": "k"}), "without \"bucket\""),
            (
                json!({"bucket": "b", "key": "k", "output": "xml"}),
                "unknown \"output\"",
            ),
            (json!({"bucket": 3, "key": "k"}), "must be a string"),
            (json!({"hello": "world"}), "unrecognized event"),
            (json!([1, 2]), "JSON object"),
            (json!({}), "BUCKET_NAME"),
        ] {
            let e = parse(&event, &d).unwrap_err();
            assert!(e.0.contains(needle), "{event}: {e}");
        }
    }

    #[test]
    fn empty_event_uses_the_environment() {
        let d = Defaults {
            bucket: Some("envb".into()),
            key: Some("env/k.mp4".into()),
            output: Some(Output::Json),
        };
        for event in [json!({}), Value::Null] {
            let (o, opts) = direct_object(parse(&event, &d).unwrap());
            assert_eq!(o, obj("envb", "env/k.mp4", None));
            assert_eq!(opts.output, Output::Json);
        }
        // A key alone takes the bucket from the environment.
        let (o, _) = direct_object(parse(&json!({"key": "other"}), &d).unwrap());
        assert_eq!(o, obj("envb", "other", None));
    }

    fn s3_record(name: &str, bucket: &str, key: &str) -> Value {
        json!({
            "eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1",
            "eventName": name,
            "s3": {"s3SchemaVersion": "1.0", "bucket": {"name": bucket, "arn": format!("arn:aws:s3:::{bucket}")},
                   "object": {"key": key, "size": 1024, "eTag": "x", "versionId": "3", "sequencer": "0A"}}
        })
    }

    #[test]
    fn s3_notifications_decode_keys() {
        let event = json!({"Records": [
            s3_record("ObjectCreated:Put", "b", "my+video+%281%29.mp4"),
            s3_record("ObjectCreated:CompleteMultipartUpload", "b", "caf%C3%A9/a%2Bb.mkv"),
            s3_record("ObjectRemoved:Delete", "b", "gone.mp4"),
        ]});
        let (items, sqs) = record_items(parse(&event, &Defaults::default()).unwrap());
        assert!(!sqs);
        assert_eq!(
            items[0].item,
            Item::Object(obj("b", "my video (1).mp4", Some("3")))
        );
        assert_eq!(
            items[1].item,
            Item::Object(obj("b", "café/a+b.mkv", Some("3")))
        );
        assert!(
            matches!(&items[2].item, Item::Skip { reason, .. } if reason.contains("ObjectRemoved"))
        );
    }

    #[test]
    fn sqs_wrapped_notifications_keep_message_ids() {
        let inner = json!({"Records": [s3_record("ObjectCreated:Put", "b", "a+b.mp4")]});
        let sns = json!({"Type": "Notification", "MessageId": "m", "Message": inner.to_string()});
        let eb = json!({"version": "0", "detail-type": "Object Created", "source": "aws.s3",
                        "detail": {"bucket": {"name": "b"}, "object": {"key": "e+b.mp4", "size": 5}}});
        let test = json!({"Service": "Amazon S3", "Event": "s3:TestEvent", "Bucket": "b"});
        let event = json!({"Records": [
            {"messageId": "1", "eventSource": "aws:sqs", "body": inner.to_string()},
            {"messageId": "2", "eventSource": "aws:sqs", "body": sns.to_string()},
            {"messageId": "3", "eventSource": "aws:sqs", "body": eb.to_string()},
            {"messageId": "4", "eventSource": "aws:sqs", "body": test.to_string()},
        ]});
        let (items, sqs) = record_items(parse(&event, &Defaults::default()).unwrap());
        assert!(sqs);
        let ids: Vec<_> = items.iter().map(|r| r.message_id.as_deref()).collect();
        assert_eq!(ids, [Some("1"), Some("2"), Some("3"), Some("4")]);
        assert_eq!(items[0].item, Item::Object(obj("b", "a b.mp4", Some("3"))));
        assert_eq!(items[1].item, items[0].item);
        assert_eq!(items[2].item, Item::Object(obj("b", "e b.mp4", None)));
        assert!(matches!(&items[3].item, Item::Skip { reason, .. } if reason == "S3 test event"));
    }

    #[test]
    fn sqs_body_that_is_not_json_is_invalid() {
        let event =
            json!({"Records": [{"messageId": "1", "eventSource": "aws:sqs", "body": "hello"}]});
        let e = parse(&event, &Defaults::default()).unwrap_err();
        assert!(e.0.contains("Records[0].body is not JSON"), "{e}");
    }

    #[test]
    fn sns_records() {
        let inner = json!({"Records": [s3_record("ObjectCreated:Copy", "b", "x.mp4")]});
        let event =
            json!({"Records": [{"EventSource": "aws:sns", "Sns": {"Message": inner.to_string()}}]});
        let (items, sqs) = record_items(parse(&event, &Defaults::default()).unwrap());
        assert!(!sqs);
        assert_eq!(items[0].item, Item::Object(obj("b", "x.mp4", Some("3"))));
    }

    #[test]
    fn eventbridge_object_created() {
        let event = json!({
            "version": "0", "id": "17793124", "detail-type": "Object Created", "source": "aws.s3",
            "account": "111122223333", "time": "2021-11-12T00:00:00Z", "region": "ca-central-1",
            "resources": ["arn:aws:s3:::b"],
            "detail": {"version": "0", "bucket": {"name": "b"},
                       "object": {"key": "dir/a+b%21.mov", "size": 5, "etag": "e", "version-id": "v9", "sequencer": "6"},
                       "request-id": "r", "requester": "1", "source-ip-address": "1.2.3.4", "reason": "PutObject"}
        });
        let (items, _) = record_items(parse(&event, &Defaults::default()).unwrap());
        assert_eq!(
            items[0].item,
            Item::Object(obj("b", "dir/a b!.mov", Some("v9")))
        );
        let mut deleted = event.clone();
        deleted["detail-type"] = json!("Object Deleted");
        let (items, _) = record_items(parse(&deleted, &Defaults::default()).unwrap());
        assert!(matches!(items[0].item, Item::Skip { .. }));
        let mut other = event;
        other["source"] = json!("aws.ec2");
        assert!(parse(&other, &Defaults::default()).is_err());
    }

    #[test]
    fn batch_operations_1_0_and_2_0() {
        let v1 = json!({
            "invocationSchemaVersion": "1.0", "invocationId": "inv1",
            "job": {"id": "job1"},
            "tasks": [{"taskId": "t1", "s3Key": "a+b%2B.mp4", "s3VersionId": "1",
                       "s3BucketArn": "arn:aws:s3:us-east-1:0123456788:awsexamplebucket1"}]
        });
        match parse(&v1, &Defaults::default()).unwrap() {
            Request::Batch {
                schema,
                invocation_id,
                tasks,
                options,
            } => {
                assert_eq!((schema.as_str(), invocation_id.as_str()), ("1.0", "inv1"));
                assert_eq!(options, PY);
                assert_eq!(tasks[0].task_id, "t1");
                assert_eq!(
                    tasks[0].object,
                    Ok(obj("awsexamplebucket1", "a b+.mp4", Some("1")))
                );
            }
            other => panic!("{other:?}"),
        }
        let v2 = json!({
            "invocationSchemaVersion": "2.0", "invocationId": "inv2",
            "job": {"id": "job2", "userArguments": {"output": "json", "full": "true"}},
            "tasks": [{"taskId": "t2", "s3Key": "k.mkv", "s3VersionId": null, "s3Bucket": "b2"},
                      {"taskId": "t3", "s3VersionId": null, "s3Bucket": "b2"}]
        });
        match parse(&v2, &Defaults::default()).unwrap() {
            Request::Batch { tasks, options, .. } => {
                assert_eq!(
                    options,
                    Options {
                        output: Output::Json,
                        full: true
                    }
                );
                assert_eq!(tasks[0].object, Ok(obj("b2", "k.mkv", None)));
                assert!(tasks[1].object.as_ref().unwrap_err().contains("s3Key"));
            }
            other => panic!("{other:?}"),
        }
        let v3 = json!({"invocationSchemaVersion": "3.0", "invocationId": "i", "tasks": []});
        assert!(parse(&v3, &Defaults::default()).is_err());
    }

    #[test]
    fn url_decoding() {
        assert_eq!(url_decode("a+b%20c%2Bd").unwrap(), "a b c+d");
        assert_eq!(url_decode("100%").unwrap(), "100%");
        assert_eq!(url_decode("%zz%4").unwrap(), "%zz%4");
        assert_eq!(url_decode("%E2%82%AC").unwrap(), "€");
        assert!(url_decode("%FF").is_err());
    }
}
