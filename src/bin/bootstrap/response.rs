//! The answers the function gives, and its errors (`errorType` / `errorMessage`).

use lambda_runtime::Diagnostic;
use serde::Serialize;
use serde_json::value::RawValue;

/// Why an invocation or one object failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// `errorType`: `InvalidEvent`, `NoSuchKey`, `NoSuchBucket`, `AccessDenied`, `S3Throttled`,
    /// `S3Error`, `S3Unreachable`, `S3ProtocolError`, `S3ReadFailed` (a response broke off,
    /// after retries), `AnalysisError`, `SidecarWriteFailed`, `InvalidConfiguration`,
    /// `InternalError`.
    pub error_type: String,
    pub message: String,
    /// Whether the same request may succeed later (throttling, 5xx, network).
    pub transient: bool,
}

impl Failure {
    pub fn new(error_type: &str, message: impl Into<String>) -> Self {
        Self {
            error_type: error_type.to_owned(),
            message: message.into(),
            transient: false,
        }
    }
}

impl From<Failure> for Diagnostic {
    fn from(f: Failure) -> Self {
        Diagnostic {
            error_type: f.error_type,
            error_message: f.message,
        }
    }
}

/// One entry of `{"results": [...]}`.
#[derive(Debug, Serialize)]
pub struct Entry {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bucket: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_id: Option<String>,
    /// `s3://bucket/key`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub s3_uri: Option<String>,
    /// The report, in the requested output form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<Box<RawValue>>,
    /// Where the report was also written (`OUTPUT_BUCKET`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sidecar: Option<String>,
    /// Why the item was not analyzed (a deletion, a test event, the function's own output).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
    #[serde(rename = "errorType", skip_serializing_if = "Option::is_none")]
    pub error_type: Option<String>,
    #[serde(rename = "errorMessage", skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
}

/// `{"results": [...]}`, and for SQS `batchItemFailures`: the messages whose objects failed for
/// a reason that may pass, to be delivered again (event source mappings with
/// `ReportBatchItemFailures`).
#[derive(Debug, Serialize)]
pub struct Results {
    pub results: Vec<Entry>,
    #[serde(rename = "batchItemFailures", skip_serializing_if = "Option::is_none")]
    pub batch_item_failures: Option<Vec<ItemFailure>>,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct ItemFailure {
    #[serde(rename = "itemIdentifier")]
    pub item_identifier: String,
}

/// The answer S3 Batch Operations expects.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchResponse {
    pub invocation_schema_version: String,
    pub treat_missing_keys_as: &'static str,
    pub invocation_id: String,
    pub results: Vec<BatchResult>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchResult {
    pub task_id: String,
    /// `Succeeded`, `TemporaryFailure` (Batch Operations tries again) or `PermanentFailure`.
    pub result_code: &'static str,
    /// On success: the sidecar's `s3://` URI, or a one-line summary of the report. On failure:
    /// `errorType: errorMessage`.
    pub result_string: String,
}

/// Any answer as raw JSON, so that reports go out byte for byte as rendered.
pub fn raw<T: Serialize>(value: &T) -> Result<Box<RawValue>, Failure> {
    let text = serde_json::to_string(value)
        .map_err(|e| Failure::new("InternalError", format!("serializing the answer: {e}")))?;
    RawValue::from_string(text)
        .map_err(|e| Failure::new("InternalError", format!("serializing the answer: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_leave_out_what_they_do_not_have() {
        let ok = Entry {
            bucket: Some("b".into()),
            key: Some("k".into()),
            version_id: None,
            s3_uri: Some("s3://b/k".into()),
            report: Some(RawValue::from_string(r#"{"tracks": [ ]}"#.into()).unwrap()),
            sidecar: None,
            skipped: None,
            error_type: None,
            error_message: None,
        };
        let failed = Entry {
            report: None,
            error_type: Some("NoSuchKey".into()),
            error_message: Some("no such key: s3://b/k".into()),
            ..ok_clone(&ok)
        };
        let answer = Results {
            results: vec![ok, failed],
            batch_item_failures: Some(vec![ItemFailure {
                item_identifier: "m1".into(),
            }]),
        };
        assert_eq!(
            raw(&answer).unwrap().get(),
            r#"{"results":[{"bucket":"b","key":"k","s3_uri":"s3://b/k","report":{"tracks": [ ]}},{"bucket":"b","key":"k","s3_uri":"s3://b/k","errorType":"NoSuchKey","errorMessage":"no such key: s3://b/k"}],"batchItemFailures":[{"itemIdentifier":"m1"}]}"#
        );
    }

    fn ok_clone(e: &Entry) -> Entry {
        Entry {
            bucket: e.bucket.clone(),
            key: e.key.clone(),
            version_id: e.version_id.clone(),
            s3_uri: e.s3_uri.clone(),
            report: None,
            sidecar: None,
            skipped: None,
            error_type: None,
            error_message: None,
        }
    }

    #[test]
    fn batch_answer_shape() {
        let answer = BatchResponse {
            invocation_schema_version: "2.0".into(),
            treat_missing_keys_as: "PermanentFailure",
            invocation_id: "inv".into(),
            results: vec![BatchResult {
                task_id: "t".into(),
                result_code: "Succeeded",
                result_string: "s3://out/k.json".into(),
            }],
        };
        assert_eq!(
            raw(&answer).unwrap().get(),
            r#"{"invocationSchemaVersion":"2.0","treatMissingKeysAs":"PermanentFailure","invocationId":"inv","results":[{"taskId":"t","resultCode":"Succeeded","resultString":"s3://out/k.json"}]}"#
        );
    }
}
