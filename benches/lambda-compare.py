#!/usr/bin/env python3
"""The Lambda, measured on this machine: our `bootstrap` beside the Python + pymediainfo
function it replaces (benches/lambda/handler.py on awslambdaric), both started as Lambda starts
a function, against the same local Lambda Runtime API and the same local S3 server (moto's).

    benches/lambda-compare.py [--runs N] [--cold N] [--bootstrap PATH] FILE...

For each implementation it prints:
  - cold start: process start to the first answer (the first event, an analysis of the first
    FILE, is waiting when the process starts), and process start to its first
    `GET /invocation/next` (the init phase: runtime, SDK client, for Python the imports),
    median and range over --cold fresh processes, and the CPU time the process used until its
    first answer (the figure a busy machine blurs least);
  - per FILE, in a fresh process: the first invocation (cold), then --runs invocations of the
    same event (warm): median and 90th percentile of the time from handing the event out to
    receiving the answer, CPU time per warm invocation (the process's user + system time), and
    the process's peak resident set (VmHWM) after them; for ours also the GETs and bytes its
    S3 reader logged.

What it does not include: Lambda's own work before the process starts (placing the sandbox,
fetching and unpacking the zip or the layer), and real S3's latency (a GET to S3 in the same
region takes some 20-30 ms to its first byte; moto on loopback answers in a few ms but serves
bodies more slowly than S3 does).

Needs: python3 with moto[server], boto3, pymediainfo==7.0.1 and awslambdaric (pip); the musl
`bootstrap` (layer-free-deploy/build.sh). Everything listens on 127.0.0.1 only.
Environment: MEDIAINFO_BENCH_SCRATCH (default ${TMPDIR:-/tmp}/mediainfo-rs-bench): where the
figures go (last-lambda.tsv) and where the Python function's /tmp is.
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUCKET = "media"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the local S3 server ----------------------------------------------------------------------


class Moto:
    def __init__(self, work):
        self.port = free_port()
        self.log = open(work / "moto.log", "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        self.endpoint = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise SystemExit("moto's server did not start (pip install 'moto[server]')")
                time.sleep(0.1)
        import boto3
        from botocore.config import Config

        self.client = boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id="test",
            aws_secret_access_key="test",
            config=Config(s3={"addressing_style": "path"}),
        )
        self.client.create_bucket(Bucket=BUCKET)

    def put(self, key, path):
        self.client.upload_file(str(path), BUCKET, key)

    def stop(self):
        self.proc.terminate()
        self.proc.wait()
        self.log.close()


# --- the local Lambda Runtime API ------------------------------------------------------------


class RuntimeApi:
    """`GET /invocation/next` hands out queued events (blocking while there are none);
    `POST /invocation/<id>/response|error` records the answer and the time it arrived."""

    def __init__(self):
        self.cond = threading.Condition()
        self.queue = []
        self.answers = {}
        self.first_next = None
        self.init_error = None
        # Bumped when a function process is stopped: its request still waiting for an event ends.
        self.generation = 0
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def reply(self, status, body=b"", headers=()):
                self.send_response(status)
                for k, v in headers:
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                if not self.path.startswith("/2018-06-01/runtime/invocation/next"):
                    return self.reply(404)
                with api.cond:
                    generation = api.generation
                    if api.first_next is None:
                        api.first_next = time.monotonic()
                    while not api.queue and api.generation == generation:
                        api.cond.wait()
                    if api.generation != generation:
                        # The function that asked was stopped: leave the event to the next one.
                        self.close_connection = True
                        return
                    rid, body = api.queue.pop(0)
                deadline = int(time.time() * 1000) + 900_000
                self.reply(
                    200,
                    body,
                    [
                        ("Content-Type", "application/json"),
                        ("Lambda-Runtime-Aws-Request-Id", rid),
                        ("Lambda-Runtime-Deadline-Ms", str(deadline)),
                        (
                            "Lambda-Runtime-Invoked-Function-Arn",
                            "arn:aws:lambda:us-east-1:123456789012:function:mediainfo",
                        ),
                        ("Lambda-Runtime-Trace-Id", "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700"),
                    ],
                )

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                now = time.monotonic()
                parts = self.path.split("/")
                with api.cond:
                    if self.path.endswith("/init/error"):
                        api.init_error = body.decode(errors="replace")
                    elif len(parts) == 6 and parts[5] in ("response", "error"):
                        api.answers[parts[4]] = (now, parts[5], body)
                    else:
                        return self.reply(404)
                    api.cond.notify_all()
                self.reply(202, b'{"status":"OK"}', [("Content-Type", "application/json")])

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                # A function stopped while it waited in `GET /invocation/next`: expected.
                if not isinstance(sys.exc_info()[1], (ConnectionError, BrokenPipeError)):
                    super().handle_error(request, client_address)

        self.server = Server(("127.0.0.1", 0), Handler)
        self.addr = f"127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def forget_waiters(self):
        with self.cond:
            self.generation += 1
            self.cond.notify_all()

    def enqueue(self, event):
        rid = str(uuid.uuid4())
        with self.cond:
            self.queue.append((rid, json.dumps(event).encode()))
            self.cond.notify_all()
        return rid

    def wait(self, rid, proc, timeout=600):
        deadline = time.monotonic() + timeout
        with self.cond:
            while rid not in self.answers:
                if self.init_error:
                    raise RuntimeError(f"init error: {self.init_error}")
                if proc.poll() is not None:
                    raise RuntimeError(f"the function exited ({proc.returncode})")
                if time.monotonic() > deadline:
                    raise RuntimeError("no answer in time")
                self.cond.wait(0.2)
            at, kind, body = self.answers.pop(rid)
        if kind != "response":
            raise RuntimeError(f"the function answered an error: {body[:500]!r}")
        return at, body

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


# --- the functions ---------------------------------------------------------------------------


def lambda_env(api, s3, home, extra):
    """What Lambda sets for a function (the parts either implementation reads), plus `extra`."""
    env = {
        "AWS_LAMBDA_RUNTIME_API": api.addr,
        "AWS_LAMBDA_FUNCTION_NAME": "mediainfo",
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "512",
        "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/mediainfo",
        "AWS_LAMBDA_LOG_STREAM_NAME": "2026/01/01/[$LATEST]0123456789abcdef",
        "AWS_LAMBDA_LOG_FORMAT": "JSON",
        "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "AKIDTESTTESTTESTTEST",
        "AWS_SECRET_ACCESS_KEY": "test-secret",
        "AWS_SESSION_TOKEN": "test-session-token",
        "AWS_ENDPOINT_URL_S3": s3.endpoint,
        "S3_FORCE_PATH_STYLE": "true",
        "TZ": ":UTC",
        "LANG": "en_US.UTF-8",
        "PATH": "/usr/local/bin:/usr/bin/:/bin:/opt/bin",
        "HOME": str(home),
    }
    env.update(extra)
    return env


class Impl:
    def __init__(self, name, argv, cwd, env):
        self.name, self.argv, self.cwd, self.env = name, argv, cwd, env

    def start(self, api, log):
        api.first_next = None
        t0 = time.monotonic()
        proc = subprocess.Popen(
            self.argv,
            cwd=self.cwd,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        return t0, proc


def peak_rss_kb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def stop(proc):
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def analyzed_lines(log_path):
    """Our `bootstrap`'s `analyzed` log events (JSON logs): requests and bytes per object."""
    out = []
    for line in open(log_path, errors="replace"):
        try:
            fields = json.loads(line).get("fields", {})
        except ValueError:
            continue
        if fields.get("message") == "analyzed":
            out.append(fields)
    return out


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--runs", type=int, default=10, help="warm invocations per file")
    ap.add_argument("--cold", type=int, default=10, help="cold starts (fresh processes)")
    ap.add_argument(
        "--bootstrap",
        type=Path,
        default=ROOT / "target/x86_64-unknown-linux-musl/lambda/bootstrap",
    )
    ap.add_argument("--only", choices=["ours", "python"], help="measure one implementation")
    args = ap.parse_args()

    scratch = Path(
        os.environ.get("MEDIAINFO_BENCH_SCRATCH")
        or Path(os.environ.get("TMPDIR", "/tmp")) / "mediainfo-rs-bench"
    )
    scratch.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="lambda.", dir=scratch))
    home = work / "home"
    tmp = work / "tmp"
    home.mkdir()
    tmp.mkdir()
    if args.only != "python" and not args.bootstrap.is_file():
        raise SystemExit(f"no {args.bootstrap}: build it with layer-free-deploy/build.sh")

    s3 = Moto(work)
    api = RuntimeApi()
    keys = []
    for f in args.files:
        key = f"bench/{f.name}"
        s3.put(key, f)
        keys.append((f, key))
    impls = []
    if args.only != "python":
        impls.append(
            Impl("ours", [str(args.bootstrap)], str(work), lambda_env(api, s3, home, {}))
        )
    if args.only != "ours":
        handler_dir = ROOT / "benches/lambda"
        impls.append(
            Impl(
                "python",
                [sys.executable, "-m", "awslambdaric", "handler.handler"],
                str(handler_dir),
                lambda_env(
                    api,
                    s3,
                    home,
                    {"LAMBDA_TASK_ROOT": str(handler_dir), "TMPDIR": str(tmp),
                     "PYTHONDONTWRITEBYTECODE": "1"},
                ),
            )
        )

    rows = []
    try:
        for impl in impls:
            # Cold starts: the event is waiting when the process starts.
            first_file, first_key = keys[0]
            colds, inits, cold_cpus = [], [], []
            for i in range(args.cold):
                log = open(work / f"{impl.name}-cold-{i}.log", "wb")
                rid = api.enqueue({"bucket": BUCKET, "key": first_key})
                t0, proc = impl.start(api, log)
                at, _ = api.wait(rid, proc)
                colds.append((at - t0) * 1000)
                inits.append((api.first_next - t0) * 1000)
                cold_cpus.append(cpu_seconds(proc.pid) * 1000)
                stop(proc)
                api.forget_waiters()
                log.close()
            print(
                f"{impl.name:6} cold start ({first_file.name}, {args.cold} processes): "
                f"first answer median {statistics.median(colds):.1f} ms "
                f"({min(colds):.1f}-{max(colds):.1f}), init (first GET next) median "
                f"{statistics.median(inits):.1f} ms ({min(inits):.1f}-{max(inits):.1f}), "
                f"CPU to the first answer median {statistics.median(cold_cpus):.0f} ms",
                flush=True,
            )
            rows.append(
                [impl.name, "COLD", first_file.name, "", f"{statistics.median(colds):.2f}",
                 f"{min(colds):.2f}", f"{max(colds):.2f}", f"{statistics.median(inits):.2f}",
                 f"{statistics.median(cold_cpus):.2f}", "", "", "", ""]
            )
            print(
                f"{'':6} {'file':34} {'MB':>7} | {'cold_ms':>8} {'warm_ms':>8} {'p90_ms':>8}"
                f" {'cpu_ms':>7} | {'peak_MiB':>8} | {'GETs':>4} {'bytes':>10}",
                flush=True,
            )
            for f, key in keys:
                log_path = work / f"{impl.name}-{f.name}.log"
                log = open(log_path, "wb")
                event = {"bucket": BUCKET, "key": key}
                rid = api.enqueue(event)
                t0, proc = impl.start(api, log)
                at, _ = api.wait(rid, proc)
                cold = (at - t0) * 1000
                warm = []
                cpu0 = cpu_seconds(proc.pid)
                for _ in range(args.runs):
                    rid = api.enqueue(event)
                    t = time.monotonic()
                    at, _ = api.wait(rid, proc)
                    warm.append((at - t) * 1000)
                cpu = (cpu_seconds(proc.pid) - cpu0) * 1000 / max(1, args.runs)
                rss = peak_rss_kb(proc.pid) / 1024
                stop(proc)
                api.forget_waiters()
                log.close()
                gets = nbytes = ""
                if impl.name == "ours":
                    a = analyzed_lines(log_path)
                    if a:
                        gets, nbytes = a[-1].get("requests", ""), a[-1].get("bytes", "")
                size = f.stat().st_size
                print(
                    f"{'':6} {f.name:34} {size / 1e6:7.1f} | {cold:8.1f} "
                    f"{statistics.median(warm):8.1f} {pct(warm, 90):8.1f} {cpu:7.1f} | "
                    f"{rss:8.1f} | {gets!s:>4} {nbytes!s:>10}",
                    flush=True,
                )
                rows.append(
                    [impl.name, "FILE", f.name, str(size), f"{cold:.2f}",
                     f"{statistics.median(warm):.2f}", f"{pct(warm, 90):.2f}", "",
                     f"{cpu:.2f}", f"{rss:.2f}", str(gets), str(nbytes), str(args.runs)]
                )
    finally:
        api.stop()
        s3.stop()
    out = scratch / "last-lambda.tsv"
    with open(out, "w") as fh:
        fh.write(
            "impl\tkind\tfile\tsize\tcold_ms|median_ms\twarm_ms|min_ms\tp90_ms|max_ms\t"
            "init_ms\tcpu_ms\tpeak_MiB\tgets\tbytes\truns\n"
        )
        for r in rows:
            fh.write("\t".join(r) + "\n")
    print(f"(raw figures: {out}; logs: {work})")


if __name__ == "__main__":
    main()
