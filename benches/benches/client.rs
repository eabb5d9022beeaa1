//! The client benchmark: Send Message requests against the sandbox on loopback, at a fixed
//! concurrency, comparing tollgate's `wix::Client::send_message` (validate, serialize, post,
//! read and parse the answer) with
//!
//! - **idiomatic reqwest**: the loop a user writes without tollgate, `.json(&request)` and
//!   `.json::<SendMessageResponse>()` on a `reqwest::Client::new()` (serde both ways, no
//!   validation);
//! - **raw bytes**: the HTTP floor, the same requests pre-serialized once and posted as shared
//!   bytes, the answer's bytes read and not parsed;
//! - **Wix's JavaScript SDK** (`@wix/sdk` + `@wix/inbox` on node, `sandbox/sdk-check/bench.mjs`),
//!   one node process per run, timing itself after a warm-up, its CPU from `process.cpuUsage()`.
//!   Skipped, with a note, when node or `sandbox/sdk-check/node_modules` is missing (`npm ci`
//!   there) or `TOLLGATE_BENCH_JS=0`.
//!
//! Two phases, each alternating the contenders (tollgate, idiomatic, raw, JS SDK, tollgate, ...):
//!
//! 1. **separate sandbox**: the `tollgate-sandbox` binary runs as a child process, so this
//!    process's RSS is the client's alone (the sandbox keeps every message it accepts, by
//!    design). Skipped, with a note, when the binary has not been built
//!    (`cargo build --release -p tollgate-sandbox`, or `TOLLGATE_SANDBOX_BIN=path`).
//! 2. **in-process sandbox**: `tollgate_sandbox::Sandbox::start()` on this process's runtime;
//!    its RSS includes the sandbox's storage of the run's messages.
//!
//! Each run sends `TOLLGATE_BENCH_REQUESTS` requests (default 10,000), rotating through the
//! three valid shared payloads, with `TOLLGATE_BENCH_CONCURRENCY` workers (default 32) pulling
//! from a shared counter, on a multi-thread tokio runtime; `TOLLGATE_BENCH_RUNS` runs per
//! contender (default 5). `TOLLGATE_BENCH_SANDBOX` picks the phases: `both` (default),
//! `separate` or `in-process`; `TOLLGATE_BENCH_ONLY=tollgate,raw` (keys: tollgate, idiomatic,
//! raw, js, raw-settings, typed) keeps only some contenders, e.g. to profile one. The sandbox forgets its messages before every run.
//!
//! Memory: VmRSS from `/proc/<pid>/status`, read exactly when the 10% and 50% marks of the
//! run's requests complete and when the run ends, plus a sampler thread every 100 ms for the
//! peak. CPU time per request (its threads' run time, in nanoseconds, from `/proc/<pid>/task/*/schedstat`) is reported for this
//! process and, when separate, the sandbox's: on a shared or loaded machine it says more about
//! each contender's cost than wall-clock throughput does. Every send must succeed: failures
//! are counted and reported.
//!
//! `TOLLGATE_BENCH_DIAGNOSE=1` adds two contenders to the rotation, to locate a gap, both on a
//! reqwest client with tollgate's settings (10 s connect timeout, no redirects, a user agent)
//! plus reqwest's own 30 s per-request `timeout` (tollgate's `Client` times each exchange
//! with a timer of its own instead, so these rows carry what reqwest's costs): the raw loop
//! on it, and a typed loop that serializes each request with serde_json and parses each
//! answer into `SendMessageResponse` with `serde_json::from_slice`, but does not validate and
//! has none of tollgate's own code (retries, tracing, capped reading). It also times
//! tollgate's own steps on one thread.
//!
//! CI runs it as a smoke test (`.ci/run`: a few hundred sends, debug profile) so that it keeps
//! compiling and working; the figures come from `cargo bench`.

use std::io::{BufRead as _, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use tokio::task::JoinSet;
use tollgate::wix::inbox::{SendMessageRequest, SendMessageResponse};
use tollgate::wix::{Auth, Client};
use tollgate::Validate as _;
use tollgate_sandbox::{Sandbox, SEND_MESSAGE_PATH};

/// The made-up credential both contenders send in `Authorization`.
const TOKEN: &str = "made-up-token";
/// Growth of RSS from the 10% mark to the end of a run, in KiB, still counted as flat.
const FLAT_KIB: u32 = 1024;
/// The longest the sampler thread runs (bounds its loop): one hour of 100 ms samples.
const MAX_SAMPLES: u32 = 36_000;

/// What the environment asks for.
#[derive(Clone, Copy)]
#[allow(clippy::struct_excessive_bools)] // independent switches, each read from its own variable
struct Config {
    runs: u32,
    requests: u32,
    concurrency: u32,
    separate: bool,
    in_process: bool,
    diagnose: bool,
    /// Whether Wix's JavaScript SDK can run (node and its `node_modules` are there).
    js: bool,
}

fn env_number(name: &str, default: u32) -> u32 {
    match std::env::var(name) {
        Ok(text) => match text.trim().parse::<u32>() {
            Ok(value) if value > 0 => value,
            _ => panic!("{name}={text}: expected a whole number above 0"),
        },
        Err(_) => default,
    }
}

impl Config {
    fn from_env() -> Config {
        let phases = std::env::var("TOLLGATE_BENCH_SANDBOX").unwrap_or_else(|_| "both".to_owned());
        let (separate, in_process) = match phases.as_str() {
            "both" => (true, true),
            "separate" => (true, false),
            "in-process" => (false, true),
            other => panic!("TOLLGATE_BENCH_SANDBOX={other}: expected both, separate or in-process"),
        };
        Config {
            runs: env_number("TOLLGATE_BENCH_RUNS", 5),
            requests: env_number("TOLLGATE_BENCH_REQUESTS", 10_000),
            concurrency: env_number("TOLLGATE_BENCH_CONCURRENCY", 32),
            separate,
            in_process,
            diagnose: std::env::var("TOLLGATE_BENCH_DIAGNOSE").is_ok_and(|value| value == "1"),
            js: js_sdk_available(),
        }
    }
}

impl Config {
    fn contenders(self) -> Vec<Contender> {
        let mut contenders = vec![Contender::Tollgate, Contender::Idiomatic, Contender::Raw];
        if self.js {
            contenders.push(Contender::JsSdk);
        }
        if self.diagnose {
            contenders.extend([Contender::PlainSettings, Contender::Typed]);
        }
        if let Ok(only) = std::env::var("TOLLGATE_BENCH_ONLY") {
            let keys: Vec<&str> = only.split(',').map(str::trim).collect();
            contenders.retain(|contender| keys.contains(&contender.key()));
            assert!(
                !contenders.is_empty(),
                "TOLLGATE_BENCH_ONLY={only}: expected tollgate, idiomatic, raw, js"
            );
        }
        contenders
    }
}

/// `sandbox/sdk-check`, where Wix's JavaScript SDK is installed and driven.
fn sdk_check_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../sandbox/sdk-check")
}

/// Whether the JS SDK contender can run; says why not when it cannot.
fn js_sdk_available() -> bool {
    if std::env::var("TOLLGATE_BENCH_JS").is_ok_and(|value| value == "0") {
        println!("Wix JS SDK contender skipped: TOLLGATE_BENCH_JS=0");
        return false;
    }
    if !sdk_check_dir().join("node_modules/@wix/sdk").is_dir() {
        println!("Wix JS SDK contender skipped: run `npm ci` in sandbox/sdk-check first");
        return false;
    }
    match Command::new("node").arg("--version").output() {
        Ok(output) if output.status.success() => true,
        _ => {
            println!("Wix JS SDK contender skipped: no `node` on PATH");
            false
        }
    }
}

/// The machine's load averages (1, 5, 15 minutes), as `/proc/loadavg` gives them.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(
        |_| "unknown".to_owned(),
        |text| text.split_whitespace().take(3).collect::<Vec<_>>().join(" "),
    )
}

/// VmRSS of a process, in KiB; `None` when it cannot be read (the process is gone).
fn rss_kib(pid: Option<u32>) -> Option<u32> {
    let path = match pid {
        Some(pid) => format!("/proc/{pid}/status"),
        None => "/proc/self/status".to_owned(),
    };
    let status = std::fs::read_to_string(path).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    line.trim_start_matches("VmRSS:").trim().trim_end_matches("kB").trim().parse().ok()
}

/// CPU time a process has used, in nanoseconds: the sum of its threads' run time from
/// `/proc/<pid>/task/*/schedstat` (nanosecond precision; threads that ended are not counted,
/// and the bench's threads live as long as a run), or, where that is missing, user + system
/// time from `/proc/<pid>/stat` (10 ms ticks).
fn cpu_nanos(pid: Option<u32>) -> Option<u64> {
    let process = pid.map_or_else(|| "self".to_owned(), |pid| pid.to_string());
    let from_schedstat = std::fs::read_dir(format!("/proc/{process}/task")).ok().and_then(|tasks| {
        tasks
            .map(|task| {
                let text = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
                text.split_whitespace().next()?.parse::<u64>().ok()
            })
            .sum::<Option<u64>>()
    });
    from_schedstat.or_else(|| cpu_ticks(&process).map(|ticks| ticks * 10_000_000))
}

/// CPU time (user + system) a process has used, in clock ticks of `/proc/<pid>/stat` (taken
/// as 100 a second, Linux's USER_HZ on every mainstream architecture).
fn cpu_ticks(process: &str) -> Option<u64> {
    let path = format!("/proc/{process}/stat");
    let stat = std::fs::read_to_string(path).ok()?;
    // After the command name in parentheses: field 3 (state) onwards; utime and stime are
    // fields 14 and 15.
    let mut fields = stat.rsplit_once(')')?.1.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(user + system)
}

/// Microseconds of CPU per request, from nanoseconds over `requests`.
fn cpu_micros_per_request(before: Option<u64>, after: Option<u64>, requests: u32) -> Option<f64> {
    let nanos = after?.checked_sub(before?)?;
    #[allow(clippy::cast_precision_loss)] // exact below 2^52 ns (52 days)
    Some(nanos as f64 / 1000.0 / f64::from(requests))
}

fn mib(kib: u32) -> f64 {
    f64::from(kib) / 1024.0
}

/// The contenders.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Contender {
    Tollgate,
    /// `.json(&request)` and `.json::<SendMessageResponse>()`: what a user writes without tollgate.
    Idiomatic,
    /// Pre-serialized bytes out, the answer's bytes read and not parsed: the HTTP floor.
    Raw,
    /// Wix's JavaScript SDK on node, a process of its own per run.
    JsSdk,
    /// Diagnostic only: the plain loop on a reqwest client with tollgate's settings.
    PlainSettings,
    /// Diagnostic only: serde both ways on a reqwest client with tollgate's settings; no
    /// validation, none of tollgate's own code.
    Typed,
}

impl Contender {
    /// Its name in `TOLLGATE_BENCH_ONLY`.
    fn key(self) -> &'static str {
        match self {
            Contender::Tollgate => "tollgate",
            Contender::Idiomatic => "idiomatic",
            Contender::Raw => "raw",
            Contender::JsSdk => "js",
            Contender::PlainSettings => "raw-settings",
            Contender::Typed => "typed",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Contender::Tollgate => "tollgate Client::send_message",
            Contender::Idiomatic => "idiomatic reqwest (.json both ways)",
            Contender::Raw => "raw bytes reqwest (HTTP floor)",
            Contender::JsSdk => "Wix JS SDK (node)",
            Contender::PlainSettings => "raw, tollgate's settings (diag.)",
            Contender::Typed => "+ serde both ways (diag.)",
        }
    }
}

/// Where the sandbox runs.
enum Server {
    InProcess(Sandbox),
    Separate(ChildSandbox),
}

impl Server {
    fn base_url(&self) -> String {
        match self {
            Server::InProcess(sandbox) => sandbox.base_url(),
            Server::Separate(child) => child.base_url.clone(),
        }
    }

    fn pid(&self) -> Option<u32> {
        match self {
            Server::InProcess(_) => None,
            Server::Separate(child) => Some(child.child.id()),
        }
    }

    fn label(&self) -> &'static str {
        match self {
            Server::InProcess(_) => "in-process",
            Server::Separate(_) => "separate process",
        }
    }

    /// Makes the sandbox forget the messages it accepted.
    async fn clear(&self, http: &reqwest::Client) {
        match self {
            Server::InProcess(sandbox) => sandbox.clear(),
            Server::Separate(child) => {
                let url = format!("{}/_sandbox/messages", child.base_url);
                let response = http.delete(url).send().await.expect("the sandbox answers DELETE");
                assert!(response.status().is_success(), "DELETE /_sandbox/messages: {}", response.status());
            }
        }
    }
}

/// The `tollgate-sandbox` binary as a child process; killed when dropped.
struct ChildSandbox {
    child: Child,
    base_url: String,
}

impl ChildSandbox {
    fn binary() -> PathBuf {
        if let Some(path) = std::env::var_os("TOLLGATE_SANDBOX_BIN") {
            return PathBuf::from(path);
        }
        // target/release/deps/client-HASH -> target/release/tollgate-sandbox
        let exe = std::env::current_exe().expect("the bench knows its own path");
        let profile_dir = exe.parent().and_then(std::path::Path::parent).expect("the bench runs from deps/");
        profile_dir.join("tollgate-sandbox")
    }

    fn spawn() -> Result<ChildSandbox, String> {
        let path = ChildSandbox::binary();
        if !path.is_file() {
            return Err(format!(
                "{} not found: build it with `cargo build --release -p tollgate-sandbox` \
                 (or set TOLLGATE_SANDBOX_BIN)",
                path.display()
            ));
        }
        let mut child = Command::new(&path)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|error| format!("cannot start {}: {error}", path.display()))?;
        let stdout = child.stdout.take().expect("stdout is piped");
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            let read = reader.read_line(&mut line).map(|_| line);
            let _ = sender.send(read);
            // Keep the pipe open (and drained) until the child exits, so it never writes to a
            // closed pipe; ends at the child's end of stream.
            let _ = std::io::copy(&mut reader, &mut std::io::sink());
        });
        let mut sandbox = ChildSandbox { child, base_url: String::new() };
        let line = match receiver.recv_timeout(Duration::from_secs(30)) {
            Ok(Ok(line)) => line,
            Ok(Err(error)) => return Err(format!("cannot read the sandbox's address: {error}")),
            Err(_) => return Err("the sandbox printed no address within 30 s".to_owned()),
        };
        let Some(url) = line.trim().strip_prefix("sandbox listening on ") else {
            return Err(format!("unexpected first line from the sandbox: {line:?}"));
        };
        url.clone_into(&mut sandbox.base_url);
        Ok(sandbox)
    }
}

impl Drop for ChildSandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The requests, as values for tollgate and as JSON bodies for the raw loop.
struct Payloads {
    requests: Vec<SendMessageRequest>,
    bodies: Vec<&'static [u8]>,
    /// The bodies as one JSON array in a file, for the JS SDK's script.
    file: PathBuf,
}

impl Payloads {
    fn new() -> Payloads {
        let requests = vec![
            tollgate_benches::short_text(),
            tollgate_benches::template_with_10_buttons(),
            tollgate_benches::form_with_15_fields_and_media(),
        ];
        // Serialized once, up front, and kept for the process's life: the raw loop sends
        // them without copying.
        let bodies: Vec<&'static [u8]> = requests
            .iter()
            .map(|request| &*serde_json::to_vec(request).expect("the payloads serialize").leak())
            .collect();
        let file = std::env::temp_dir().join(format!("tollgate-client-bench-{}.json", std::process::id()));
        std::fs::write(&file, serde_json::to_vec(&requests).expect("the payloads serialize"))
            .expect("the payloads file is writable");
        Payloads { requests, bodies, file }
    }
}

/// What one run shares between its workers.
struct Progress {
    next: AtomicU32,
    done: AtomicU32,
    total: u32,
    /// The 10% and 50% marks, in completed requests.
    marks: [u32; 2],
    /// RSS (this process, the sandbox process) when each mark was reached.
    at_marks: Mutex<[(Option<u32>, Option<u32>); 2]>,
    sandbox_pid: Option<u32>,
}

impl Progress {
    /// The index of the next request to send, or `None` once all are taken.
    fn take(&self) -> Option<u32> {
        let index = self.next.fetch_add(1, Ordering::Relaxed);
        (index < self.total).then_some(index)
    }

    fn complete(&self) {
        let done = self.done.fetch_add(1, Ordering::AcqRel) + 1;
        for (slot, mark) in self.marks.iter().enumerate() {
            if done == *mark {
                let reading = (rss_kib(None), self.sandbox_pid.and_then(|pid| rss_kib(Some(pid))));
                self.at_marks.lock().unwrap_or_else(PoisonError::into_inner)[slot] = reading;
            }
        }
    }
}

/// A worker's failures, with the first one's description.
#[derive(Default)]
struct Failures {
    count: u32,
    first: Option<String>,
}

impl Failures {
    fn record(&mut self, description: impl FnOnce() -> String) {
        self.count += 1;
        if self.first.is_none() {
            self.first = Some(description());
        }
    }

    fn merge(&mut self, other: Failures) {
        self.count += other.count;
        if self.first.is_none() {
            self.first = other.first;
        }
    }
}

/// The contenders' clients and what they send.
struct Bench {
    tollgate: Client,
    plain: reqwest::Client,
    /// tollgate's reqwest settings plus reqwest's per-request timeout (diagnostic).
    configured: reqwest::Client,
    url: String,
    requests: Arc<Vec<SendMessageRequest>>,
    bodies: Arc<Vec<&'static [u8]>>,
    base_url: String,
    payloads_file: PathBuf,
}

/// Posts `body` as the raw loop does: the answer's bytes for a 2xx, or what went wrong.
async fn post(
    client: &reqwest::Client,
    url: &str,
    body: impl Into<reqwest::Body>,
) -> Result<impl AsRef<[u8]>, String> {
    let response = client
        .post(url)
        .header(AUTHORIZATION, TOKEN)
        .header(CONTENT_TYPE, "application/json")
        .body(body)
        .send()
        .await
        .map_err(|error| format!("sending: {error}"))?;
    let status = response.status();
    let answer = response.bytes().await.map_err(|error| format!("reading the answer: {error}"))?;
    if status.is_success() {
        Ok(answer)
    } else {
        Err(format!("{status}: {}", String::from_utf8_lossy(&answer)))
    }
}

/// How a worker sends request `index`: each contender's loop body, on its own client.
#[allow(clippy::large_enum_variant)] // one per worker; boxing would add a hop to tollgate's loop only
enum Sender {
    Tollgate {
        client: Client,
        requests: Arc<Vec<SendMessageRequest>>,
    },
    /// The loop a user writes with reqwest alone: serde both ways through reqwest's `.json`.
    Idiomatic {
        client: reqwest::Client,
        url: String,
        requests: Arc<Vec<SendMessageRequest>>,
    },
    /// Pre-serialized bytes out, the answer's bytes in.
    Raw {
        client: reqwest::Client,
        url: String,
        bodies: Arc<Vec<&'static [u8]>>,
    },
    /// `serde_json` both ways around the raw loop's post (diagnostic).
    Typed {
        client: reqwest::Client,
        url: String,
        requests: Arc<Vec<SendMessageRequest>>,
    },
}

impl Sender {
    async fn send(&self, index: usize) -> Result<(), String> {
        match self {
            Sender::Tollgate { client, requests } => {
                let request = &requests[index % requests.len()];
                match client.send_message(request).await {
                    Ok(_) => Ok(()),
                    Err(error) => Err(format!("{error} ({:?})", error.delivery())),
                }
            }
            Sender::Idiomatic { client, url, requests } => {
                let request = &requests[index % requests.len()];
                let outcome = async {
                    let response = client.post(url).header(AUTHORIZATION, TOKEN).json(request).send().await?;
                    response.error_for_status()?.json::<SendMessageResponse>().await
                };
                outcome.await.map(drop).map_err(|error| error.to_string())
            }
            Sender::Raw { client, url, bodies } => {
                post(client, url, bodies[index % bodies.len()]).await.map(drop)
            }
            Sender::Typed { client, url, requests } => {
                let body =
                    serde_json::to_vec(&requests[index % requests.len()]).expect("the payloads serialize");
                let answer = post(client, url, body).await?;
                serde_json::from_slice::<SendMessageResponse>(answer.as_ref())
                    .map(drop)
                    .map_err(|error| format!("unreadable answer: {error}"))
            }
        }
    }
}

/// Sends requests until the run's are all taken, counting failures.
async fn worker(sender: Sender, progress: Arc<Progress>) -> Failures {
    let mut failures = Failures::default();
    while let Some(index) = progress.take() {
        if let Err(failure) = sender.send(index as usize).await {
            failures.record(|| failure);
        }
        progress.complete();
    }
    failures
}

/// One run's measurements.
struct Run {
    contender: Contender,
    seconds: f64,
    throughput: f64,
    failures: Failures,
    /// This process's RSS at the start, 10%, 50% and end of the run, in KiB.
    rss: [u32; 4],
    /// The sandbox process's, when it is separate.
    sandbox_rss: Option<[u32; 4]>,
    /// CPU time per request of this process and of the sandbox process, in microseconds.
    cpu: Option<f64>,
    sandbox_cpu: Option<f64>,
    /// The highest RSS the 100 ms sampler saw, and how many samples it took.
    peak: u32,
    samples: u32,
}

/// Samples this process's RSS every 100 ms until stopped; returns the peak and sample count.
fn start_sampler(stop: Arc<AtomicBool>) -> std::thread::JoinHandle<(u32, u32)> {
    std::thread::spawn(move || {
        let mut peak = rss_kib(None).unwrap_or(0);
        let mut samples = 1;
        while samples < MAX_SAMPLES && !stop.load(Ordering::Acquire) {
            std::thread::sleep(Duration::from_millis(100));
            peak = peak.max(rss_kib(None).unwrap_or(0));
            samples += 1;
        }
        (peak, samples)
    })
}

impl Bench {
    async fn run(
        &self,
        contender: Contender,
        requests: u32,
        concurrency: u32,
        sandbox_pid: Option<u32>,
    ) -> Run {
        if contender == Contender::JsSdk {
            // node runs as a child; the sandbox may be on this runtime, so keep it served.
            return tokio::task::block_in_place(|| self.run_js(requests, concurrency, sandbox_pid));
        }
        let progress = Arc::new(Progress {
            next: AtomicU32::new(0),
            done: AtomicU32::new(0),
            total: requests,
            marks: [requests.div_ceil(10), requests.div_ceil(2)],
            at_marks: Mutex::new([(None, None); 2]),
            sandbox_pid,
        });
        let start_rss = (rss_kib(None), sandbox_pid.and_then(|pid| rss_kib(Some(pid))));
        let start_cpu = (cpu_nanos(None), sandbox_pid.and_then(|pid| cpu_nanos(Some(pid))));
        let stop = Arc::new(AtomicBool::new(false));
        let sampler = start_sampler(Arc::clone(&stop));
        let started = Instant::now();
        let mut workers = JoinSet::new();
        for _ in 0..concurrency.min(requests) {
            let progress = Arc::clone(&progress);
            let (url, requests, bodies) =
                (self.url.clone(), Arc::clone(&self.requests), Arc::clone(&self.bodies));
            let sender = match contender {
                Contender::Tollgate => Sender::Tollgate { client: self.tollgate.clone(), requests },
                Contender::Idiomatic => Sender::Idiomatic { client: self.plain.clone(), url, requests },
                Contender::Raw => Sender::Raw { client: self.plain.clone(), url, bodies },
                Contender::PlainSettings => Sender::Raw { client: self.configured.clone(), url, bodies },
                Contender::Typed => Sender::Typed { client: self.configured.clone(), url, requests },
                Contender::JsSdk => unreachable!("the JS SDK runs in its own process"),
            };
            workers.spawn(worker(sender, progress));
        }
        let mut failures = Failures::default();
        while let Some(joined) = workers.join_next().await {
            failures.merge(joined.expect("a worker panicked"));
        }
        let seconds = started.elapsed().as_secs_f64();
        let end_rss = (rss_kib(None), sandbox_pid.and_then(|pid| rss_kib(Some(pid))));
        let end_cpu = (cpu_nanos(None), sandbox_pid.and_then(|pid| cpu_nanos(Some(pid))));
        stop.store(true, Ordering::Release);
        let (peak, sample_count) = sampler.join().expect("the sampler panicked");
        let marks = *progress.at_marks.lock().unwrap_or_else(PoisonError::into_inner);
        let readings = [start_rss, marks[0], marks[1], end_rss];
        let rss = readings.map(|(own, _)| own.unwrap_or(0));
        let sandbox_rss = sandbox_pid.map(|_| readings.map(|(_, sandbox)| sandbox.unwrap_or(0)));
        Run {
            contender,
            seconds,
            throughput: f64::from(requests) / seconds,
            failures,
            rss,
            sandbox_rss,
            cpu: cpu_micros_per_request(start_cpu.0, end_cpu.0, requests),
            sandbox_cpu: cpu_micros_per_request(start_cpu.1, end_cpu.1, requests),
            peak: peak.max(rss.into_iter().max().unwrap_or(0)),
            samples: sample_count,
        }
    }
}

impl Bench {
    /// One run of Wix's JS SDK: a node process sends `requests` after its own warm-up and
    /// reports its wall time and CPU; the sandbox's CPU is read around it. With the sandbox
    /// in-process, this process's CPU (the sandbox's) is added to node's, as the in-process
    /// CPU column counts both sides.
    fn run_js(&self, requests: u32, concurrency: u32, sandbox_pid: Option<u32>) -> Run {
        let in_process = sandbox_pid.is_none();
        let mut node = Command::new("node")
            .arg(sdk_check_dir().join("bench.mjs"))
            .env("SANDBOX_URL", &self.base_url)
            .env("BENCH_PAYLOADS", &self.payloads_file)
            .env("BENCH_REQUESTS", requests.to_string())
            .env("BENCH_CONCURRENCY", concurrency.to_string())
            .env("BENCH_WARMUP", requests.min(1000).to_string())
            .env("BENCH_TOKEN", TOKEN)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("node starts");
        let mut lines = BufReader::new(node.stdout.take().expect("stdout is piped")).lines();
        let mut next_line = || lines.next().and_then(Result::ok).unwrap_or_default();
        // The sandbox's CPU over the measured sends only: from the end of node's warm-up to
        // its report (node's start-up and warm-up are left out, as for the other contenders).
        assert_eq!(next_line(), "warmed", "bench.mjs reports the end of its warm-up");
        let sandbox_before = cpu_nanos(sandbox_pid);
        let report_line = next_line();
        let sandbox_after = cpu_nanos(sandbox_pid);
        let status = node.wait().expect("node ends");
        assert!(status.success(), "bench.mjs failed: {status}");
        let report: serde_json::Value =
            serde_json::from_str(&report_line).expect("bench.mjs prints one JSON line");
        let number = |key: &str| report[key].as_f64().unwrap_or_else(|| panic!("bench.mjs: no {key}"));
        let seconds = number("seconds");
        let mut cpu = number("cpuMicros") / f64::from(requests);
        let sandbox_cpu = cpu_micros_per_request(sandbox_before, sandbox_after, requests);
        if in_process {
            cpu += sandbox_cpu.unwrap_or(f64::NAN);
        }
        let mut failures = Failures::default();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a count from JSON
        for _ in 0..number("failures") as u32 {
            let first = report["firstFailure"].as_str().unwrap_or_default().to_owned();
            failures.record(|| first);
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // KiB, far below 2^32
        let node_rss = number("rssKib") as u32;
        Run {
            contender: Contender::JsSdk,
            seconds,
            throughput: f64::from(requests) / seconds,
            failures,
            rss: [node_rss; 4],
            sandbox_rss: sandbox_pid.map(|pid| [rss_kib(Some(pid)).unwrap_or(0); 4]),
            cpu: Some(cpu),
            sandbox_cpu: (!in_process).then_some(sandbox_cpu).flatten(),
            peak: node_rss,
            samples: 1,
        }
    }
}

/// Runs one phase against `server`: a warm-up of each contender, then `config.runs` runs of
/// each, alternating.
async fn phase(server: &Server, payloads: &Payloads, config: Config) -> Vec<Run> {
    let base_url = server.base_url();
    let tollgate = Client::builder(Auth::access_token(TOKEN))
        .base_url(base_url.clone())
        .build()
        .expect("the sandbox's URL is a loopback URL");
    let bench = Bench {
        tollgate,
        plain: reqwest::Client::new(),
        configured: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .connect_timeout(Duration::from_secs(10))
            .user_agent("tollgate/0.1.0")
            .build()
            .expect("a reqwest client"),
        url: format!("{base_url}{SEND_MESSAGE_PATH}"),
        requests: Arc::new(payloads.requests.clone()),
        bodies: Arc::new(payloads.bodies.clone()),
        base_url: base_url.clone(),
        payloads_file: payloads.file.clone(),
    };
    let control = reqwest::Client::new();
    println!("\n## sandbox: {} ({base_url})\n", server.label());
    let warm_up = config.requests.min(1000);
    for contender in config.contenders() {
        server.clear(&control).await;
        let run = bench.run(contender, warm_up, config.concurrency, server.pid()).await;
        println!(
            "warm-up {:<34} {warm_up:>7} requests  {:>9.0} req/s  failures {}",
            contender.name(),
            run.throughput,
            run.failures.count
        );
    }
    let mut runs = Vec::new();
    for round in 1..=config.runs {
        for contender in config.contenders() {
            server.clear(&control).await;
            let run = bench.run(contender, config.requests, config.concurrency, server.pid()).await;
            let sandbox = run.sandbox_rss.map_or(String::new(), |kib| {
                format!(
                    "  sandbox RSS {:.1} -> {:.1} MiB, CPU {:.1} µs/req",
                    mib(kib[0]),
                    mib(kib[3]),
                    run.sandbox_cpu.unwrap_or(f64::NAN)
                )
            });
            println!(
                "run {round}/{} {:<34} {:>6.3} s  {:>9.0} req/s  failures {}  CPU {:.1} µs/req  RSS MiB start {:.1} | 10% {:.1} | 50% {:.1} | end {:.1} | peak {:.1} ({} samples){sandbox}",
                config.runs,
                contender.name(),
                run.seconds,
                run.throughput,
                run.failures.count,
                run.cpu.unwrap_or(f64::NAN),
                mib(run.rss[0]),
                mib(run.rss[1]),
                mib(run.rss[2]),
                mib(run.rss[3]),
                mib(run.peak),
                run.samples,
            );
            if let Some(first) = &run.failures.first {
                println!("    first failure: {first}");
            }
            runs.push(run);
        }
    }
    server.clear(&control).await;
    runs
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    if values.is_empty() {
        f64::NAN
    } else if values.len() % 2 == 1 {
        values[middle]
    } else {
        f64::midpoint(values[middle - 1], values[middle])
    }
}

fn median_kib(values: impl Iterator<Item = u32>) -> u32 {
    let mut values: Vec<u32> = values.collect();
    values.sort_unstable();
    values.get(values.len() / 2).copied().unwrap_or(0)
}

/// A contender's summary over its runs in one phase.
struct Summary {
    throughput: f64,
    min: f64,
    max: f64,
    failures: u32,
    /// Median over runs of RSS at start, 10%, 50%, end; then the median and the largest
    /// growth from 10% to the end of a run, in KiB.
    rss: [u32; 4],
    growth: i64,
    growth_max: i64,
    peak: u32,
    sandbox_rss: Option<[u32; 4]>,
    /// Median CPU microseconds per request, this process and the sandbox process.
    cpu: f64,
    sandbox_cpu: Option<f64>,
}

fn summarize(runs: &[Run], contender: Contender) -> Summary {
    let mine: Vec<&Run> = runs.iter().filter(|run| run.contender == contender).collect();
    let throughputs: Vec<f64> = mine.iter().map(|run| run.throughput).collect();
    let rss = [0, 1, 2, 3].map(|at| median_kib(mine.iter().map(|run| run.rss[at])));
    let mut growths: Vec<i64> =
        mine.iter().map(|run| i64::from(run.rss[3]) - i64::from(run.rss[1])).collect();
    growths.sort_unstable();
    let sandbox_rss = mine.first().and_then(|run| run.sandbox_rss).map(|_| {
        [0, 1, 2, 3].map(|at| median_kib(mine.iter().filter_map(|run| run.sandbox_rss).map(|kib| kib[at])))
    });
    Summary {
        throughput: median(throughputs.clone()),
        min: throughputs.iter().copied().fold(f64::INFINITY, f64::min),
        max: throughputs.iter().copied().fold(0.0, f64::max),
        failures: mine.iter().map(|run| run.failures.count).sum(),
        rss,
        growth: growths.get(growths.len() / 2).copied().unwrap_or(0),
        growth_max: growths.last().copied().unwrap_or(0),
        peak: median_kib(mine.iter().map(|run| run.peak)),
        sandbox_rss,
        cpu: median(mine.iter().filter_map(|run| run.cpu).collect()),
        sandbox_cpu: mine
            .first()
            .and_then(|run| run.sandbox_cpu)
            .map(|_| median(mine.iter().filter_map(|run| run.sandbox_cpu).collect())),
    }
}

/// The table's rows for one phase: each contender, then the sandbox process's readings.
fn print_rows(label: &str, summaries: &[(Contender, Summary)]) {
    for (contender, summary) in summaries {
        #[allow(clippy::cast_precision_loss)] // growths in KiB, far below 2^52
        let (growth_mib, growth_max_mib) =
            (summary.growth as f64 / 1024.0, summary.growth_max as f64 / 1024.0);
        println!(
            "| {label} | {} | {:.0} | {:.0}–{:.0} | {} | {:.1} / {:.1} / {:.1} / {:.1} | {growth_mib:+.2} ({growth_max_mib:+.2}) MiB | {:.1} | {:.1} |",
            contender.name(),
            summary.throughput,
            summary.min,
            summary.max,
            summary.failures,
            mib(summary.rss[0]),
            mib(summary.rss[1]),
            mib(summary.rss[2]),
            mib(summary.rss[3]),
            mib(summary.peak),
            summary.cpu,
        );
    }
    for (contender, summary) in summaries {
        if let Some(kib) = summary.sandbox_rss {
            println!(
                "| {label} | (sandbox process, during {} runs) | | | | {:.1} / {:.1} / {:.1} / {:.1} | {:+.2} MiB | | {:.1} |",
                contender.name(),
                mib(kib[0]),
                mib(kib[1]),
                mib(kib[2]),
                mib(kib[3]),
                (f64::from(kib[3]) - f64::from(kib[1])) / 1024.0,
                summary.sandbox_cpu.unwrap_or(f64::NAN),
            );
        }
    }
}

fn print_summary(phases: &[(&'static str, Vec<Run>)], config: Config) {
    println!(
        "\n## summary: {} runs per contender, {} requests per run, concurrency {}\n",
        config.runs, config.requests, config.concurrency
    );
    println!(
        "| sandbox | contender | median req/s | min–max req/s | failures | RSS MiB start / 10% / 50% / end | growth 10%→end, median (max) | peak MiB | CPU µs/req |"
    );
    println!("|---|---|---:|---:|---:|---|---:|---:|---:|");
    let mut verdicts = Vec::new();
    for (label, runs) in phases {
        let summaries: Vec<(Contender, Summary)> =
            config.contenders().iter().map(|&contender| (contender, summarize(runs, contender))).collect();
        print_rows(label, &summaries);
        let throughput_of = |wanted: Contender| {
            summaries
                .iter()
                .find(|(contender, _)| *contender == wanted)
                .map_or(f64::NAN, |(_, s)| s.throughput)
        };
        let cpu_of = |wanted: Contender| {
            summaries.iter().find(|(contender, _)| *contender == wanted).map_or(f64::NAN, |(_, s)| s.cpu)
        };
        for (peer, target) in [(Contender::Idiomatic, 1.0), (Contender::Raw, 0.9)] {
            let ratio = throughput_of(Contender::Tollgate) / throughput_of(peer);
            verdicts.push(format!(
                "{label}: tollgate / {} = {ratio:.3}x throughput (target >= {target:.1}x: {}); CPU per request {:.1} / {:.1} µs = {:.3}x",
                peer.name(),
                if ratio >= target { "met" } else { "MISSED" },
                cpu_of(Contender::Tollgate),
                cpu_of(peer),
                cpu_of(Contender::Tollgate) / cpu_of(peer),
            ));
        }
        if config.js {
            verdicts.push(format!(
                "{label}: tollgate / {} = {:.2}x throughput; CPU per request {:.1} / {:.0} µs",
                Contender::JsSdk.name(),
                throughput_of(Contender::Tollgate) / throughput_of(Contender::JsSdk),
                cpu_of(Contender::Tollgate),
                cpu_of(Contender::JsSdk),
            ));
        }
        if config.diagnose {
            verdicts.push(format!(
                "{label}: (diagnostic) raw with tollgate's settings / raw = {:.3}x, \
                 + serde / raw with tollgate's settings = {:.3}x, tollgate / + serde = {:.3}x",
                throughput_of(Contender::PlainSettings) / throughput_of(Contender::Raw),
                throughput_of(Contender::Typed) / throughput_of(Contender::PlainSettings),
                throughput_of(Contender::Tollgate) / throughput_of(Contender::Typed),
            ));
        }
        for (contender, summary) in summaries.iter().filter(|(contender, _)| *contender != Contender::JsSdk) {
            let judged = if *label == "in-process" {
                "not judged: includes the sandbox's storage, and after a run the allocator reuses \
                 the heap the cleared storage freed; see the separate-process phase"
            } else if summary.growth_max <= i64::from(FLAT_KIB) {
                "flat"
            } else {
                "NOT flat"
            };
            verdicts.push(format!(
                "{label}: {} RSS growth 10%->end over {} requests: median {:+} KiB, max {:+} KiB ({judged})",
                contender.name(),
                config.requests - config.requests.div_ceil(10),
                summary.growth,
                summary.growth_max,
            ));
        }
        // Node's runs are another process's RSS.
        let own: Vec<&Run> = runs.iter().filter(|run| run.contender != Contender::JsSdk).collect();
        if let (Some(first), Some(last)) = (own.first(), own.last()) {
            let requests = u64::from(config.requests) * own.len() as u64;
            verdicts.push(format!(
                "{label}: this process's RSS from the first measured run's start to the last's end: \
                 {:.1} -> {:.1} MiB over {requests} requests",
                mib(first.rss[0]),
                mib(last.rss[3]),
            ));
        }
        let failures: Vec<String> = summaries
            .iter()
            .map(|(contender, summary)| format!("{} {}", contender.name(), summary.failures))
            .collect();
        verdicts.push(format!("{label}: failures: {}", failures.join(", ")));
    }
    println!();
    for verdict in verdicts {
        println!("{verdict}");
    }
}

/// Diagnostic: the single-thread cost, per request, of the steps tollgate takes that the raw
/// loop does not: validate, serialize, parse the answer (the idiomatic loop takes the last
/// two too). The answers are the sandbox's real answers to the three payloads.
async fn step_costs(payloads: &Payloads) {
    const ROUNDS: u32 = 20_000;
    let sandbox = Sandbox::start().await.expect("the sandbox starts on loopback");
    let url = format!("{}{SEND_MESSAGE_PATH}", sandbox.base_url());
    let http = reqwest::Client::new();
    let mut answers = Vec::new();
    for body in &payloads.bodies {
        let response = http
            .post(&url)
            .header(AUTHORIZATION, TOKEN)
            .header(CONTENT_TYPE, "application/json")
            .body(*body)
            .send()
            .await
            .expect("the sandbox answers");
        answers.push(response.bytes().await.expect("the sandbox's answer reads").to_vec());
    }
    sandbox.shutdown().await;
    let count = payloads.requests.len();
    let time = |step: &dyn Fn(usize)| {
        let started = Instant::now();
        for round in 0..ROUNDS {
            step(round as usize % count);
        }
        started.elapsed().as_secs_f64() * 1e6 / f64::from(ROUNDS)
    };
    let validate = time(&|i| assert!(std::hint::black_box(&payloads.requests[i]).validate().is_ok()));
    let serialize = time(&|i| {
        std::hint::black_box(serde_json::to_vec(&payloads.requests[i]).expect("serializes"));
    });
    let parse = time(&|i| {
        std::hint::black_box(serde_json::from_slice::<SendMessageResponse>(&answers[i]).expect("parses"));
    });
    // As tollgate's client reads an answer: UTF-8 checked once, then `from_str`.
    let parse_str = time(&|i| {
        let text = std::str::from_utf8(&answers[i]).expect("UTF-8");
        std::hint::black_box(serde_json::from_str::<SendMessageResponse>(text).expect("parses"));
    });
    let sizes: Vec<String> = payloads
        .bodies
        .iter()
        .zip(&answers)
        .map(|(body, answer)| format!("{}/{}", body.len(), answer.len()))
        .collect();
    println!(
        "\n## diagnostic: single-thread cost per request of tollgate's own steps (mean over the 3 payloads, {ROUNDS} rounds)\n"
    );
    println!("request/answer sizes in bytes: {}", sizes.join(", "));
    println!(
        "validate {validate:.2} µs | serialize {serialize:.2} µs | parse the answer {parse_str:.2} µs \
         (from_slice: {parse:.2} µs) | sum {:.2} µs",
        validate + serialize + parse_str
    );
}

fn main() {
    let config = Config::from_env();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a tokio runtime");
    println!(
        "client benchmark: {} runs per contender x {} requests, concurrency {}, tokio multi-thread ({} workers)",
        config.runs,
        config.requests,
        config.concurrency,
        runtime.metrics().num_workers()
    );
    println!("load average at start: {}", load_average());
    let payloads = Payloads::new();
    let mut phases = Vec::new();
    if config.separate {
        match ChildSandbox::spawn() {
            Ok(child) => {
                let server = Server::Separate(child);
                let runs = runtime.block_on(phase(&server, &payloads, config));
                phases.push(("separate process", runs));
            }
            Err(reason) => println!("\nseparate-process phase skipped: {reason}"),
        }
    }
    if config.in_process {
        let runs = runtime.block_on(async {
            let sandbox = Sandbox::start().await.expect("the sandbox starts on loopback");
            let server = Server::InProcess(sandbox);
            let runs = phase(&server, &payloads, config).await;
            if let Server::InProcess(sandbox) = server {
                sandbox.shutdown().await;
            }
            runs
        });
        phases.push(("in-process", runs));
    }
    if config.diagnose {
        runtime.block_on(step_costs(&payloads));
    }
    let _ = std::fs::remove_file(&payloads.file);
    println!("\nload average at end: {}", load_average());
    print_summary(&phases, config);
    let failures: u32 = phases.iter().flat_map(|(_, runs)| runs).map(|run| run.failures.count).sum();
    assert_eq!(failures, 0, "every send must succeed; {failures} failed");
}
