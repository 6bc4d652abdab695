//! moto's server (`pip install 'moto[server]'`) on loopback, started for the tests and stopped
//! with them: an S3-compatible store (its request log tells how many GETs each object took),
//! and IAM and Lambda endpoints for the deploy script.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::http::{decode_path, encode_path, request};

/// moto's server accepts any credentials; requests only need to look signed.
const AUTH: &str = "AWS4-HMAC-SHA256 Credential=AKIDTESTTESTTESTTEST/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0";

pub struct MotoServer {
    child: Child,
    pub addr: String,
    log: PathBuf,
}

/// How to start moto's server, if it is installed.
pub fn moto_command() -> Option<Vec<String>> {
    let ok = |cmd: &mut Command| {
        cmd.stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if ok(Command::new("python3").args(["-c", "import moto.server, flask, werkzeug"])) {
        return Some(vec!["python3".into(), "-m".into(), "moto.server".into()]);
    }
    None
}

impl MotoServer {
    pub fn start(command: &[String], work: &Path) -> MotoServer {
        Self::start_with(command, work, &[])
    }

    /// Starts the server with extra environment variables (moto's settings).
    pub fn start_with(command: &[String], work: &Path, env: &[(&str, &str)]) -> MotoServer {
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let log = work.join("moto-server.log");
        let log_file = std::fs::File::create(&log).unwrap();
        let child = Command::new(&command[0])
            .args(&command[1..])
            .envs(env.iter().copied())
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().unwrap())
            .stderr(log_file)
            .spawn()
            .expect("start moto's server");
        let addr = format!("127.0.0.1:{port}");
        let server = MotoServer { child, addr, log };
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect(&server.addr).is_err() {
            assert!(
                Instant::now() < deadline,
                "moto's server did not start:\n{}",
                server.log_text()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        server
    }

    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn create_bucket(&self, bucket: &str) {
        let r = request(
            &self.addr,
            "PUT",
            &format!("/{bucket}"),
            &[("Authorization", AUTH)],
            b"",
        )
        .unwrap();
        assert_eq!(r.status, 200, "create bucket {bucket}: {r:?}");
    }

    pub fn put(&self, bucket: &str, key: &str, body: &[u8]) {
        let r = request(
            &self.addr,
            "PUT",
            &format!("/{bucket}/{}", encode_path(key)),
            &[
                ("Authorization", AUTH),
                ("Content-Type", "application/octet-stream"),
            ],
            body,
        )
        .unwrap();
        assert_eq!(r.status, 200, "put s3://{bucket}/{key}: {r:?}");
    }

    /// The object's bytes, or `None` when it does not exist.
    pub fn get(&self, bucket: &str, key: &str) -> Option<Vec<u8>> {
        let r = request(
            &self.addr,
            "GET",
            &format!("/{bucket}/{}", encode_path(key)),
            &[("Authorization", AUTH)],
            b"",
        )
        .unwrap();
        (r.status == 200).then_some(r.body)
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// How many requests of `method` the server logged for `s3://bucket/key`.
    pub fn count(&self, method: &str, bucket: &str, key: &str) -> usize {
        let want = format!("/{bucket}/{key}");
        self.log_text()
            .lines()
            .filter_map(|l| {
                let start = l.find(&format!("\"{method} "))? + method.len() + 2;
                let rest = &l[start..];
                let path = &rest[..rest.find(" HTTP/")?];
                Some(decode_path(path.split('?').next().unwrap_or("")))
            })
            .filter(|p| *p == want)
            .count()
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
