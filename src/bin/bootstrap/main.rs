//! `bootstrap`: the AWS Lambda function (custom runtime `provided.al2023`, no layer). It
//! analyzes S3 objects with ranged reads and answers with pymediainfo's `to_data()` (or
//! MediaInfo's JSON or text). Events, answers and settings: see `events`, `response` and
//! `handler`, and the README's Lambda section.
//!
//! Settings come from the environment only: credentials, region and endpoint as Lambda sets
//! them (see [`s3_config`]), `S3_FORCE_PATH_STYLE=true` for S3-compatible stores
//! that need path-style addressing (MinIO, Ceph, a local test server), the log level and format
//! (`AWS_LAMBDA_LOG_LEVEL` or `RUST_LOG`, `AWS_LAMBDA_LOG_FORMAT=JSON`), and those of
//! [`handler::Config`].

mod events;
mod handler;
mod response;

use std::sync::Arc;

use aws_sdk_s3::config::{RequestChecksumCalculation, ResponseChecksumValidation};
use lambda_runtime::{LambdaEvent, service_fn};
use serde_json::Value;
use tracing_subscriber::filter::LevelFilter;

use handler::{App, Config};

// One thread runs the runtime (the Runtime API client, the S3 connections); analyses run on
// blocking threads (`spawn_blocking`). Lambda gives a function one or two vCPUs, so the
// multi-threaded scheduler bought nothing but size.
#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_runtime::Error> {
    init_logging();
    let app = Arc::new(App {
        s3: aws_sdk_s3::Client::from_conf(s3_config(|name| std::env::var(name).ok()).await),
        config: Config::from_vars(|name| std::env::var(name).ok()),
    });
    lambda_runtime::run(service_fn(move |event: LambdaEvent<Value>| {
        app.clone().handle(event.payload)
    }))
    .await
}

/// The S3 client's settings, from the environment as Lambda sets it: credentials from
/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`, the region from
/// `AWS_REGION` (or `AWS_DEFAULT_REGION`), an endpoint from `AWS_ENDPOINT_URL_S3` (or
/// `AWS_ENDPOINT_URL`) and path-style addressing from `S3_FORCE_PATH_STYLE`.
///
/// Not `aws_config::load`: its default chains (profile files, SSO, web identity and assume-role
/// through STS, ECS and EC2 metadata) are never needed in Lambda, which hands every function
/// its credentials in those variables (with the multi-threaded scheduler they were 0.6 MB of
/// the binary). Retries and timeouts are the SDK's defaults for the latest behavior version,
/// as before.
async fn s3_config(var: impl Fn(&str) -> Option<String>) -> aws_sdk_s3::Config {
    use aws_config::environment::{
        EnvironmentVariableCredentialsProvider, EnvironmentVariableRegionProvider,
    };
    use aws_config::meta::region::ProvideRegion;
    let region = EnvironmentVariableRegionProvider::new().region().await;
    let mut s3 = aws_sdk_s3::Config::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .credentials_provider(EnvironmentVariableCredentialsProvider::new())
        .region(region)
        // Checksums only where S3 requires them: ranged GETs cannot be validated against a
        // whole-object checksum, and some S3-compatible stores reject the newer defaults.
        .response_checksum_validation(ResponseChecksumValidation::WhenRequired)
        .request_checksum_calculation(RequestChecksumCalculation::WhenRequired);
    let endpoint = var("AWS_ENDPOINT_URL_S3")
        .or_else(|| var("AWS_ENDPOINT_URL"))
        .filter(|url| !url.is_empty());
    if let Some(url) = endpoint {
        s3 = s3.endpoint_url(url);
    }
    if var("S3_FORCE_PATH_STYLE").is_some_and(|v| is_true(&v)) {
        s3 = s3.force_path_style(true);
    }
    s3.build()
}

/// Logs to stdout as Lambda's logging config asks: the level from `AWS_LAMBDA_LOG_LEVEL`, else
/// `RUST_LOG` (a level name such as `debug`; default `INFO`), JSON lines when
/// `AWS_LAMBDA_LOG_FORMAT=JSON`. Like `lambda_runtime`'s default subscriber, without its
/// per-target filter directives, whose regex engine added 0.36 MB to the binary.
fn init_logging() {
    let var = |name| std::env::var(name).ok();
    let level = var("AWS_LAMBDA_LOG_LEVEL")
        .or_else(|| var("RUST_LOG"))
        .and_then(|v| v.parse::<LevelFilter>().ok())
        .unwrap_or(LevelFilter::INFO);
    let fmt = tracing_subscriber::fmt()
        .with_target(false)
        .without_time()
        .with_max_level(level);
    if var("AWS_LAMBDA_LOG_FORMAT").is_some_and(|f| f.eq_ignore_ascii_case("json")) {
        fmt.json().init();
    } else {
        fmt.init();
    }
}

fn is_true(v: &str) -> bool {
    matches!(v.to_ascii_lowercase().as_str(), "1" | "true" | "yes" | "on")
}
