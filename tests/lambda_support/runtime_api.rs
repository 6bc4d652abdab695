//! A local Lambda Runtime API (`/2018-06-01/runtime/invocation/next`, `.../response`,
//! `.../error`, `/runtime/init/error`) and a `bootstrap` process started on it as Lambda
//! starts one: a clean environment with Lambda's variables, the task root as working folder.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::http::{Reply, Request, serve};

/// What the function answered to one event.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// `POST .../response`: the body.
    Response(serde_json::Value),
    /// `POST .../error`: `errorType`, `errorMessage`.
    Error {
        error_type: String,
        error_message: String,
    },
}

impl Answer {
    /// The response, or a panic saying what came instead.
    pub fn ok(self) -> serde_json::Value {
        match self {
            Answer::Response(v) => v,
            Answer::Error {
                error_type,
                error_message,
            } => panic!("the function failed: {error_type}: {error_message}"),
        }
    }
}

#[derive(Default)]
struct State {
    queue: VecDeque<(String, String)>,
    answers: HashMap<String, Answer>,
    init_error: Option<String>,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

/// A `bootstrap` process and the Runtime API it polls.
pub struct Function {
    shared: Arc<Shared>,
    child: Child,
    log: PathBuf,
    next_id: u64,
}

impl Function {
    /// Starts `bootstrap` with Lambda's environment plus `env`.
    pub fn start(bootstrap: &Path, work: &Path, name: &str, env: &[(&str, String)]) -> Function {
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
        });
        let s = shared.clone();
        let addr = serve(move |req| runtime_api(&s, req));
        let task_root = work.join(format!("task-{name}"));
        std::fs::create_dir_all(&task_root).unwrap();
        let log = work.join(format!("bootstrap-{name}.log"));
        let log_file = std::fs::File::create(&log).unwrap();
        let mut cmd = Command::new(bootstrap);
        cmd.env_clear()
            .current_dir(&task_root)
            .env("AWS_LAMBDA_RUNTIME_API", addr.to_string())
            .env("AWS_LAMBDA_FUNCTION_NAME", format!("mediainfo-{name}"))
            .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
            .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512")
            .env(
                "AWS_LAMBDA_LOG_GROUP_NAME",
                format!("/aws/lambda/mediainfo-{name}"),
            )
            .env(
                "AWS_LAMBDA_LOG_STREAM_NAME",
                "2026/01/01/[$LATEST]0123456789abcdef",
            )
            .env("AWS_LAMBDA_LOG_FORMAT", "JSON")
            .env("AWS_EXECUTION_ENV", "AWS_Lambda_provided.al2023")
            .env("LAMBDA_TASK_ROOT", &task_root)
            .env("_HANDLER", "bootstrap")
            .env("TZ", ":UTC")
            .env("LANG", "en_US.UTF-8")
            .env("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin")
            .env("AWS_REGION", "us-east-1")
            .env("AWS_DEFAULT_REGION", "us-east-1")
            .env("AWS_ACCESS_KEY_ID", "AKIDTESTTESTTESTTEST")
            .env("AWS_SECRET_ACCESS_KEY", "test-secret")
            .env("AWS_SESSION_TOKEN", "test-session-token")
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().unwrap())
            .stderr(log_file);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd.spawn().expect("start bootstrap");
        Function {
            shared,
            child,
            log,
            next_id: 0,
        }
    }

    /// Sends one event and waits for the answer (at most 120 s).
    pub fn invoke(&mut self, event: &serde_json::Value) -> Answer {
        self.next_id += 1;
        let id = format!("00000000-0000-4000-8000-{:012}", self.next_id);
        {
            let mut st = self.shared.state.lock().unwrap();
            st.queue.push_back((id.clone(), event.to_string()));
        }
        self.shared.changed.notify_all();
        let deadline = Instant::now() + Duration::from_secs(120);
        let mut st = self.shared.state.lock().unwrap();
        loop {
            if let Some(a) = st.answers.remove(&id) {
                return a;
            }
            if let Some(e) = &st.init_error {
                panic!("bootstrap reported an init error: {e}\n{}", self.log_text());
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("bootstrap exited ({status}):\n{}", self.log_text());
            }
            assert!(
                Instant::now() < deadline,
                "no answer to {event} within 120 s:\n{}",
                self.log_text()
            );
            st = self
                .shared
                .changed
                .wait_timeout(st, Duration::from_millis(200))
                .unwrap()
                .0;
        }
    }

    /// Whether the process is still running (a failed invocation must not end it).
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// What the function logged so far.
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The function's JSON log lines whose message is `message`, as their `fields`.
    pub fn log_events(&self, message: &str) -> Vec<serde_json::Value> {
        self.log_text()
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("fields").cloned())
            .filter(|f| f.get("message").and_then(|m| m.as_str()) == Some(message))
            .collect()
    }
}

impl Drop for Function {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn runtime_api(shared: &Shared, req: Request) -> Reply {
    const BASE: &str = "/2018-06-01/runtime";
    let path = req.path.split('?').next().unwrap_or("").to_owned();
    if req.method == "GET" && path == format!("{BASE}/invocation/next") {
        let mut st = shared.state.lock().unwrap();
        loop {
            if let Some((id, body)) = st.queue.pop_front() {
                let deadline = SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .unwrap()
                    .as_millis()
                    + 300_000;
                return Reply::new(200, body)
                    .with("Content-Type", "application/json")
                    .with("Lambda-Runtime-Aws-Request-Id", id)
                    .with("Lambda-Runtime-Deadline-Ms", deadline.to_string())
                    .with(
                        "Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:us-east-1:123456789012:function:mediainfo",
                    )
                    .with(
                        "Lambda-Runtime-Trace-Id",
                        "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1",
                    );
            }
            st = shared.changed.wait(st).unwrap();
        }
    }
    if req.method == "POST"
        && let Some(rest) = path.strip_prefix(&format!("{BASE}/invocation/"))
        && let Some((id, what)) = rest.split_once('/')
    {
        let answer = match what {
            "response" => Answer::Response(serde_json::from_slice(&req.body).unwrap_or_else(|e| {
                serde_json::Value::String(format!(
                    "NOT JSON ({e}): {}",
                    String::from_utf8_lossy(&req.body)
                ))
            })),
            "error" => {
                let v: serde_json::Value =
                    serde_json::from_slice(&req.body).unwrap_or(serde_json::Value::Null);
                Answer::Error {
                    error_type: v["errorType"].as_str().unwrap_or("").to_owned(),
                    error_message: v["errorMessage"].as_str().unwrap_or("").to_owned(),
                }
            }
            _ => return Reply::new(404, "unknown invocation path"),
        };
        shared
            .state
            .lock()
            .unwrap()
            .answers
            .insert(id.to_owned(), answer);
        shared.changed.notify_all();
        return Reply::new(202, r#"{"status":"OK"}"#).with("Content-Type", "application/json");
    }
    if req.method == "POST" && path == format!("{BASE}/init/error") {
        shared.state.lock().unwrap().init_error = Some(String::from_utf8_lossy(&req.body).into());
        shared.changed.notify_all();
        return Reply::new(202, r#"{"status":"OK"}"#);
    }
    Reply::new(
        404,
        format!("no such Runtime API path: {} {}", req.method, req.path),
    )
}
