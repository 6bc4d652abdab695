//! An S3 object as a [`Source`](super::Source): ranged `GetObject`s through the AWS SDK,
//! served by [`RangedSource`]'s read-ahead and cache (feature `lambda`).
//!
//! The parsers are synchronous; the SDK is async. [`S3Opener`] is called from a blocking thread
//! (run the analysis in `tokio::task::spawn_blocking`) and waits on the runtime's handle for
//! each request and each chunk of a body, so the runtime's workers never block.
//!
//! Each request asks for `bytes=OFFSET-` (to the end of the object); the first one, at 0,
//! tells the object's size through `Content-Range`, so no `HeadObject` is needed (but for an
//! empty object, which has no range to ask for).

use super::ranged::{RangeOpener, RangedSource, Response, Tuning};
use aws_sdk_s3::Client;
use aws_sdk_s3::config::http::HttpResponse;
use aws_sdk_s3::error::{ProvideErrorMetadata, SdkError};
use std::io;
use std::pin::Pin;
use std::sync::Mutex;
use std::time::SystemTime;
use tokio::io::{AsyncBufRead, AsyncReadExt};
use tokio::runtime::Handle;

/// Why S3 did not give an object's bytes. Carried inside `io::Error`s (see [`S3Error::find`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum S3Error {
    /// The key does not exist (404 `NoSuchKey`).
    #[error("no such key: {uri}")]
    NoSuchKey { uri: String },
    /// The bucket does not exist (404 `NoSuchBucket`).
    #[error("no such bucket: {uri}")]
    NoSuchBucket { uri: String },
    /// 403. S3 also answers this for a missing key when the caller may not list the bucket.
    #[error(
        "access denied to {uri} (S3 also says this of a missing key when the role lacks \
         s3:ListBucket): {message}"
    )]
    AccessDenied { uri: String, message: String },
    /// S3 kept answering 503 `SlowDown` (or another throttling code) after the SDK's retries.
    #[error("S3 throttled the requests for {uri} ({code}), after retries: {message}")]
    Throttled {
        uri: String,
        code: String,
        message: String,
    },
    /// Any other error answer from S3 (after the SDK's retries for 5xx).
    #[error("S3 answered {code} for {uri}: {message}")]
    Service {
        uri: String,
        code: String,
        message: String,
        /// HTTP status, when there was a response.
        status: Option<u16>,
    },
    /// No answer: connection, DNS, TLS or timeout failure (after retries).
    #[error("S3 could not be reached for {uri}: {message}")]
    Unreachable { uri: String, message: String },
    /// An answer that breaks the protocol (no `Content-Range` total, a body cut short).
    #[error("unexpected S3 answer for {uri}: {message}")]
    Protocol { uri: String, message: String },
}

impl S3Error {
    /// A short, stable name for the Lambda's `errorType`.
    pub fn error_type(&self) -> &'static str {
        match self {
            S3Error::NoSuchKey { .. } => "NoSuchKey",
            S3Error::NoSuchBucket { .. } => "NoSuchBucket",
            S3Error::AccessDenied { .. } => "AccessDenied",
            S3Error::Throttled { .. } => "S3Throttled",
            S3Error::Service { .. } => "S3Error",
            S3Error::Unreachable { .. } => "S3Unreachable",
            S3Error::Protocol { .. } => "S3ProtocolError",
        }
    }

    /// Whether trying again later may succeed (throttling, 5xx, network).
    pub fn is_transient(&self) -> bool {
        match self {
            S3Error::Throttled { .. } | S3Error::Unreachable { .. } => true,
            S3Error::Service { status, .. } => status.is_none_or(|s| s >= 500),
            _ => false,
        }
    }

    /// The S3 error inside an `io::Error`, if that is what it carries.
    pub fn find(e: &io::Error) -> Option<&S3Error> {
        e.get_ref()
            .and_then(|inner| inner.downcast_ref::<S3Error>())
    }

    fn into_io(self) -> io::Error {
        let kind = match self {
            S3Error::NoSuchKey { .. } | S3Error::NoSuchBucket { .. } => io::ErrorKind::NotFound,
            S3Error::AccessDenied { .. } => io::ErrorKind::PermissionDenied,
            S3Error::Unreachable { .. } => io::ErrorKind::TimedOut,
            S3Error::Protocol { .. } => io::ErrorKind::InvalidData,
            _ => io::ErrorKind::Other,
        };
        io::Error::new(kind, self)
    }
}

/// One S3 object (optionally one version of it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct S3Object {
    pub bucket: String,
    pub key: String,
    pub version_id: Option<String>,
}

impl S3Object {
    /// `s3://bucket/key`: the object's name in reports and messages.
    pub fn uri(&self) -> String {
        format!("s3://{}/{}", self.bucket, self.key)
    }
}

/// Ranged `GetObject`s on one object.
pub struct S3Opener {
    client: Client,
    handle: Handle,
    object: S3Object,
    last_modified: Mutex<Option<SystemTime>>,
}

impl S3Opener {
    /// `handle` is the runtime the client's I/O runs on; call [`RangeOpener::open`] only from
    /// outside it (a blocking thread).
    pub fn new(client: Client, handle: Handle, object: S3Object) -> Self {
        Self {
            client,
            handle,
            object,
            last_modified: Mutex::new(None),
        }
    }

    /// The object's `Last-Modified`, once a request has answered.
    pub fn last_modified(&self) -> Option<SystemTime> {
        *self.last_modified.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn error<E>(&self, e: SdkError<E, HttpResponse>) -> S3Error
    where
        E: ProvideErrorMetadata + std::error::Error + 'static,
    {
        let uri = self.object.uri();
        let status = e.raw_response().map(|r| r.status().as_u16());
        match &e {
            SdkError::ServiceError(se) => {
                let err = se.err();
                let code = err
                    .code()
                    .map(str::to_owned)
                    .unwrap_or_else(|| match status {
                        Some(404) => "NotFound".to_owned(),
                        Some(403) => "AccessDenied".to_owned(),
                        Some(s) => format!("HTTP {s}"),
                        None => "Unknown".to_owned(),
                    });
                let message = err
                    .message()
                    .map(str::to_owned)
                    .unwrap_or_else(|| code.clone());
                match code.as_str() {
                    "NoSuchKey" | "NotFound" => S3Error::NoSuchKey { uri },
                    "NoSuchBucket" => S3Error::NoSuchBucket { uri },
                    "AccessDenied" | "Forbidden" | "AllAccessDisabled" => {
                        S3Error::AccessDenied { uri, message }
                    }
                    "SlowDown"
                    | "Throttling"
                    | "ThrottlingException"
                    | "RequestLimitExceeded"
                    | "TooManyRequests"
                    | "ServiceUnavailable" => S3Error::Throttled { uri, code, message },
                    _ => S3Error::Service {
                        uri,
                        code,
                        message,
                        status,
                    },
                }
            }
            SdkError::TimeoutError(_) | SdkError::DispatchFailure(_) => S3Error::Unreachable {
                uri,
                message: crate::error::chain(&e),
            },
            _ => S3Error::Protocol {
                uri,
                message: crate::error::chain(&e),
            },
        }
    }

    /// The length of an object whose first byte cannot be asked for (S3 answers 416).
    fn head_len(&self) -> Result<u64, S3Error> {
        let head = self
            .client
            .head_object()
            .bucket(&self.object.bucket)
            .key(&self.object.key)
            .set_version_id(self.object.version_id.clone());
        let out = self
            .handle
            .block_on(head.send())
            .map_err(|e| self.error(e))?;
        self.note_modified(out.last_modified());
        Ok(out.content_length().unwrap_or(0).max(0) as u64)
    }

    fn note_modified(&self, t: Option<&aws_sdk_s3::primitives::DateTime>) {
        if let Some(t) = t.and_then(|t| SystemTime::try_from(*t).ok()) {
            *self.last_modified.lock().unwrap_or_else(|e| e.into_inner()) = Some(t);
        }
    }

    fn get(&self, offset: u64) -> Result<Response, S3Error> {
        let request = self
            .client
            .get_object()
            .bucket(&self.object.bucket)
            .key(&self.object.key)
            .set_version_id(self.object.version_id.clone())
            .range(format!("bytes={offset}-"));
        let out = match self.handle.block_on(request.send()) {
            Ok(out) => out,
            Err(e) => {
                let err = self.error(e);
                if offset == 0
                    && matches!(&err, S3Error::Service { code, status, .. }
                        if code == "InvalidRange" || *status == Some(416))
                {
                    // Only an empty object has no byte 0.
                    let len = self.head_len()?;
                    if len == 0 {
                        return Ok(Response {
                            total_len: 0,
                            body: Box::new(io::empty()),
                        });
                    }
                }
                return Err(err);
            }
        };
        self.note_modified(out.last_modified());
        let (total_len, skip) = match out.content_range().and_then(parse_content_range) {
            Some((start, total)) if start == offset => (total, 0),
            Some((start, _)) => {
                return Err(S3Error::Protocol {
                    uri: self.object.uri(),
                    message: format!("asked for bytes from {offset}, got from {start}"),
                });
            }
            // A store that ignores Range sends the whole object.
            None => match out.content_length() {
                Some(len) if len >= 0 => (len as u64, offset),
                _ => {
                    return Err(S3Error::Protocol {
                        uri: self.object.uri(),
                        message: "neither Content-Range nor Content-Length".to_owned(),
                    });
                }
            },
        };
        Ok(Response {
            total_len,
            body: Box::new(BodyReader {
                body: Box::pin(out.body.into_async_read()),
                handle: self.handle.clone(),
                skip,
                uri: self.object.uri(),
            }),
        })
    }
}

impl RangeOpener for S3Opener {
    fn open(&self, offset: u64) -> io::Result<Response> {
        self.get(offset).map_err(S3Error::into_io)
    }
}

/// An S3 object with read-ahead and cache: what the Lambda analyzes.
pub type S3Source = RangedSource<S3Opener>;

/// Opens `object` with the default [`Tuning`]: one `GetObject` (which fails here for a missing
/// key, a denied access…; the error is an [`S3Error`] inside the `io::Error`).
pub fn open(client: Client, handle: Handle, object: S3Object) -> io::Result<S3Source> {
    RangedSource::open(S3Opener::new(client, handle, object), Tuning::default())
}

/// A response body read synchronously from a blocking thread.
struct BodyReader {
    body: Pin<Box<dyn AsyncBufRead + Send>>,
    handle: Handle,
    /// Bytes still to drop at the start (a store that ignored the range).
    skip: u64,
    uri: String,
}

impl io::Read for BodyReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.skip > 0 {
            let mut sink = [0u8; 16 << 10];
            let want = sink
                .len()
                .min(usize::try_from(self.skip).unwrap_or(usize::MAX));
            let n = self.read_body(&mut sink[..want])?;
            if n == 0 {
                return Ok(0);
            }
            self.skip -= n as u64;
        }
        self.read_body(buf)
    }
}

impl BodyReader {
    fn read_body(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let body = &mut self.body;
        self.handle.block_on(body.read(buf)).map_err(|e| {
            S3Error::Protocol {
                uri: self.uri.clone(),
                message: format!("reading the body failed: {e}"),
            }
            .into_io()
        })
    }
}

/// `bytes START-END/TOTAL` → (START, TOTAL).
fn parse_content_range(value: &str) -> Option<(u64, u64)> {
    let rest = value.trim().strip_prefix("bytes")?.trim_start();
    let (range, total) = rest.split_once('/')?;
    let (start, _end) = range.split_once('-')?;
    Some((start.trim().parse().ok()?, total.trim().parse().ok()?))
}
