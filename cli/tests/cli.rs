//! The real `tollgate` binary, run as a person would, against an in-process sandbox.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use tokio::process::Command;
use tollgate_sandbox::{Fault, Route, Sandbox};

const VALID: &str = r#"{"conversationId":"6202c3bb-f263-3c16-8c90-d6387d9ed420","message":{"content":{"basic":{"items":[{"text":"Hey!"}]}}}}"#;
const API_KEY: &str = "IST.made-up-cli-key-0123456789";

/// The binary, with no Wix credentials from the environment it runs in.
fn tollgate() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tollgate"));
    for variable in [
        "WIX_API_KEY",
        "WIX_SITE_ID",
        "WIX_ACCESS_TOKEN",
        "WIX_BASE_URL",
        "WIX_APP_ID",
        "WIX_APP_SECRET",
        "WIX_INSTANCE_ID",
    ] {
        command.env_remove(variable);
    }
    command.kill_on_drop(true);
    command
}

/// The binary, pointed at `sandbox` as if it were Wix.
fn tollgate_to(sandbox: &Sandbox) -> Command {
    let mut command = tollgate();
    command.env("WIX_ACCESS_TOKEN", API_KEY).env("WIX_BASE_URL", sandbox.base_url());
    command
}

/// The binary with `args`, reading `stdin`.
async fn run_with_stdin(args: &[&str], stdin: &str) -> Output {
    use tokio::io::AsyncWriteExt;
    let mut command = tollgate();
    command.args(args);
    command
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = command.spawn().expect("the binary runs");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.as_bytes()).await.unwrap();
    drop(input);
    child.wait_with_output().await.unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tollgate-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Waits until `sandbox` has seen `count` Send Message requests; false after `limit`.
async fn wait_for_sends(sandbox: &Sandbox, count: usize, limit: Duration) -> bool {
    tokio::time::timeout(limit, async {
        while sandbox.requests_seen() < count {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    })
    .await
    .is_ok()
}

/// `tollgate sandbox ARGS` in the background, and the URL it prints.
async fn sandbox_command(args: &[&str]) -> (tokio::process::Child, String) {
    let mut child =
        tollgate().arg("sandbox").args(args).stdout(std::process::Stdio::piped()).spawn().unwrap();
    let mut stdout = tokio::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    tokio::io::AsyncBufReadExt::read_line(&mut stdout, &mut first).await.unwrap();
    let url = first.trim().strip_prefix("sandbox listening on ").expect("the URL is printed").to_owned();
    // Keep reading what it prints, so that it never writes to a closed pipe.
    tokio::spawn(async move { tokio::io::copy(&mut stdout, &mut tokio::io::sink()).await });
    (child, url)
}

/// `tollgate send --batch` on `batch` against `sandbox` in the background, as fast as
/// `concurrency` allows; its output captured (to read after an interrupt) or discarded.
fn start_batch(
    sandbox: &Sandbox,
    batch: &std::path::Path,
    concurrency: usize,
    capture: bool,
) -> tokio::process::Child {
    let output = || if capture { std::process::Stdio::piped() } else { std::process::Stdio::null() };
    tollgate_to(sandbox)
        .args(["send", "--concurrency", &concurrency.to_string(), "--rate-per-minute", "60000", "--batch"])
        .arg(batch)
        .stdout(output())
        .stderr(output())
        .spawn()
        .unwrap()
}

/// Sends `signal` (`-INT`, `-KILL`) to `child`.
fn signal(child: &tokio::process::Child, signal: &str) {
    let sent =
        std::process::Command::new("kill").args([signal, &child.id().unwrap().to_string()]).status().unwrap();
    assert!(sent.success());
}

/// Ctrl-C to a foreground sandbox: it stops, with status 0.
async fn interrupt_sandbox(mut child: tokio::process::Child) {
    signal(&child, "-INT");
    let status =
        tokio::time::timeout(Duration::from_secs(10), child.wait()).await.expect("it stops").unwrap();
    assert_eq!(status.code(), Some(0));
}

#[tokio::test]
async fn check_valid_input_exits_zero() {
    let output = run_with_stdin(&["check", "-"], VALID).await;
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout).trim(), "valid");
}

#[tokio::test]
async fn check_reports_every_violation_with_path_and_rule() {
    let dir = scratch("check-invalid");
    let file = dir.join("request.json");
    std::fs::write(&file, r#"{"conversationId":"42","message":{"content":{"basic":{"items":[{"text":"a","image":{}}]},"template":{}}}}"#).unwrap();
    let output = tollgate().arg("check").arg(&file).output().await.unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stdout).lines().collect::<Vec<_>>(),
        [
            "conversationId: must be a GUID (8-4-4-4-12 hexadecimal digits) [FORMAT]",
            "message.content.basic.items[0].image: only one of `text`, `image`, `file` may be set, but `text` and `image` are [ONE_OF_ALIGNMENT]",
            "message.content.template: only one of `basic`, `template`, `minimal`, `form`, `system` may be set, but `basic` and `template` are [ONE_OF_ALIGNMENT]",
        ]
    );
}

#[tokio::test]
async fn check_reports_fields_serde_would_drop_and_type_errors_with_their_paths() {
    let misspelt = r#"{"conversationId":"6202c3bb-f263-3c16-8c90-d6387d9ed420","message":{"content":{"previewtext":"Hi","basic":{"items":[{"text":"Hey!","colour":"red"}]}}}}"#;
    let output = run_with_stdin(&["check", "--format", "json", "-"], misspelt).await;
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    assert_eq!(
        report,
        serde_json::json!({"fieldViolations": [
            {"field": "message.content.previewtext", "description": "is not a field of the Send Message request: it would be dropped, not sent; did you mean `previewText`?", "violatedRule": "UNKNOWN_FIELD"},
            {"field": "message.content.basic.items[0].colour", "description": "is not a field of the Send Message request: it would be dropped, not sent", "violatedRule": "UNKNOWN_FIELD"},
        ]})
    );

    let wrong_type = r#"{"conversationId":"6202c3bb-f263-3c16-8c90-d6387d9ed420","message":{"content":{"basic":{"items":[{"text":42}]}}}}"#;
    let output = run_with_stdin(&["check", "-"], wrong_type).await;
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stdout).trim(),
        "message.content.basic.items[0].text: invalid type: integer `42`, expected a string [FORMAT]"
    );
}

#[tokio::test]
async fn check_suggests_the_nearest_field_of_the_object_it_is_in() {
    let misspelt = r#"{"conversationId":"6202c3bb-f263-3c16-8c90-d6387d9ed420","mesage":{},"message":{"content":{"basic":{"itmes":[],"items":[{"txt":"Hey!","image":{"url":"https://example.com/a.png","widht":3}}]}}}}"#;
    let output = run_with_stdin(&["check", "-"], misspelt).await;
    let lines: Vec<String> = text(&output.stdout).lines().map(str::to_owned).collect();
    let dropped = "is not a field of the Send Message request: it would be dropped, not sent";
    assert_eq!(
        lines,
        [
            format!("mesage: {dropped}; did you mean `message`? [UNKNOWN_FIELD]"),
            format!("message.content.basic.itmes: {dropped}; did you mean `items`? [UNKNOWN_FIELD]"),
            format!("message.content.basic.items[0].txt: {dropped}; did you mean `text`? [UNKNOWN_FIELD]"),
            format!("message.content.basic.items[0].image.widht: {dropped}; did you mean `width`? [UNKNOWN_FIELD]"),
        ]
    );
}

#[tokio::test]
async fn check_reads_numbers_as_proto3_json_and_reports_the_rest_at_their_path() {
    let with_width = |width: &str| {
        format!(
            r#"{{"conversationId":"6202c3bb-f263-3c16-8c90-d6387d9ed420","message":{{"content":{{"basic":{{"items":[{{"image":{{"url":"https://example.com/a.png","width":{width}}}}}]}}}}}}}}"#
        )
    };
    for good in ["100", r#""100""#, "100.0", "-3", "2147483647"] {
        let output = run_with_stdin(&["check", "-"], &with_width(good)).await;
        assert_eq!((output.status.code(), text(&output.stdout).trim()), (Some(0), "valid"), "{good}");
    }
    for bad in ["1.5", r#""abc""#, "2147483648", r#""1.5""#, "true"] {
        let output = run_with_stdin(&["check", "-"], &with_width(bad)).await;
        assert_eq!(output.status.code(), Some(1), "{bad}");
        let report = text(&output.stdout);
        assert!(
            report.starts_with("message.content.basic.items[0].image.width: ")
                && report.trim_end().ends_with("[FORMAT]"),
            "{bad}: {report}"
        );
    }
    // A plain `string` with `@minLength 1` left out: what Wix's server says of it.
    let minimal =
        r#"{"conversationId":"6202c3bb-f263-3c16-8c90-d6387d9ed420","message":{"content":{"minimal":{}}}}"#;
    let output = run_with_stdin(&["check", "-"], minimal).await;
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stdout).trim(),
        "message.content.minimal.text: must be at least 1 character long (it is 0) [MIN_LENGTH]"
    );
}

#[tokio::test]
async fn check_unreadable_input_exits_two() {
    let output = run_with_stdin(&["check", "-"], "{ not json").await;
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("unreadable"), "{}", text(&output.stderr));
    let output = tollgate().args(["check", "/no/such/request.json"]).output().await.unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("cannot read /no/such/request.json"));
}

#[tokio::test]
async fn send_builds_the_request_from_flags_and_prints_the_stored_message() {
    let sandbox = Sandbox::start().await.unwrap();
    let output = tollgate_to(&sandbox)
        .args([
            "send",
            "--conversation-id",
            "6202c3bb-f263-3c16-8c90-d6387d9ed420",
            "--text",
            "one",
            "--text",
            "two",
        ])
        .args([
            "--image-url",
            "https://example.com/a.png",
            "--preview-text",
            "one",
            "--visibility",
            "business",
        ])
        .args(["--direction", "BUSINESS_TO_PARTICIPANT", "--notify"])
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stored: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(stored["message"]["id"].as_str().is_some_and(tollgate::rules::is_guid), "{stored}");
    let received = sandbox.received();
    assert_eq!(received.len(), 1);
    assert_eq!(
        serde_json::to_value(&received[0]).unwrap(),
        serde_json::json!({
            "conversationId": "6202c3bb-f263-3c16-8c90-d6387d9ed420",
            "sendNotifications": true,
            "message": {
                "visibility": "BUSINESS",
                "direction": "BUSINESS_TO_PARTICIPANT",
                "content": {
                    "previewText": "one",
                    "basic": {"items": [{"text": "one"}, {"text": "two"}, {"image": {"url": "https://example.com/a.png"}}]}
                }
            }
        })
    );
    assert!(!text(&output.stderr).contains(API_KEY));
}

#[tokio::test]
async fn send_without_credentials_uses_the_embedded_sandbox_and_says_so() {
    let output = tollgate()
        .args(["send", "--conversation-id", "6202c3bb-f263-3c16-8c90-d6387d9ed420", "--text", "Hey!"])
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("embedded sandbox"), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("nothing reaches Wix"));
    let stored: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(stored["message"]["sequence"], "1");
}

#[tokio::test]
async fn an_invalid_send_and_a_dry_run_send_nothing() {
    let sandbox = Sandbox::start().await.unwrap();
    let output = tollgate_to(&sandbox)
        .args(["send", "--conversation-id", "nope", "--text", ""])
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let errors = text(&output.stderr);
    assert!(errors.contains("conversationId: must be a GUID"), "{errors}");
    assert!(
        errors.contains("message.content.basic.items[0].text: must be at least 1 character long"),
        "{errors}"
    );

    let output = tollgate_to(&sandbox)
        .args([
            "send",
            "--dry-run",
            "--conversation-id",
            "6202c3bb-f263-3c16-8c90-d6387d9ed420",
            "--text",
            "Hey!",
        ])
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let body: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(body, serde_json::from_str::<serde_json::Value>(VALID).unwrap());
    assert_eq!(sandbox.requests_seen(), 0);
}

#[tokio::test]
async fn send_file_rejects_a_misspelt_field_instead_of_dropping_it() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = scratch("send-file");
    let file = dir.join("request.json");
    std::fs::write(&file, VALID.replace("\"message\"", "\"mesage\"")).unwrap();
    let output = tollgate_to(&sandbox).args(["send", "--file"]).arg(&file).output().await.unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("mesage: is not a field"), "{}", text(&output.stderr));
    assert_eq!(sandbox.requests_seen(), 0);

    std::fs::write(&file, VALID).unwrap();
    let output = tollgate_to(&sandbox).args(["send", "--file"]).arg(&file).output().await.unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(sandbox.received().len(), 1);
}

/// A batch file of `count` valid requests, each with its own text `line N`.
fn batch_file(dir: &Path, count: usize) -> PathBuf {
    let lines: Vec<String> = (1..=count).map(|n| VALID.replace("Hey!", &format!("line {n}"))).collect();
    let path = dir.join("messages.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

/// The texts the sandbox received, in order.
fn received_texts(sandbox: &Sandbox) -> Vec<String> {
    sandbox
        .received()
        .into_iter()
        .map(|request| {
            let content = request.message.unwrap().content.unwrap();
            content.basic.unwrap().items[0].text.clone().unwrap()
        })
        .collect()
}

#[tokio::test]
async fn a_batch_retries_a_rate_limit_and_reports_a_rejected_line() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = scratch("batch-faults");
    let batch = batch_file(&dir, 5);
    // One request at a time, so the faults meet known lines: line 1 is rate-limited once,
    // then sent; lines 2 and 3 pass; line 4 is rejected; line 5 passes.
    let pass = || Fault::Delay { millis: 0 };
    sandbox.inject(Fault::Status { status: 429, body: "{}".into(), retry_after: Some("0".into()) });
    for fault in [pass(), pass(), pass()] {
        sandbox.inject(fault);
    }
    sandbox.inject(Fault::Status {
        status: 400,
        body: r#"{"message":"conversation is closed","details":{"applicationError":{"code":"CONVERSATION_CLOSED"}}}"#.into(),
        retry_after: None,
    });
    let output = tollgate_to(&sandbox)
        .args(["send", "--concurrency", "1", "--rate-per-minute", "60000", "--batch"])
        .arg(&batch)
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}\n{}", text(&output.stdout), text(&output.stderr));
    let summary = text(&output.stdout);
    assert!(summary.contains("sent: 4"), "{summary}");
    assert!(summary.contains("rejected: 1"), "{summary}");
    assert!(
        summary.contains("line 4: Wix rejected the request with status 400 (CONVERSATION_CLOSED)"),
        "{summary}"
    );
    assert_eq!(received_texts(&sandbox), ["line 1", "line 2", "line 3", "line 5"]);
    assert_eq!(sandbox.requests_seen(), 6, "line 1 twice (429, then sent), one each for the rest");
}

#[tokio::test]
async fn a_batch_reports_invalid_lines_without_sending_them() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = scratch("batch-invalid");
    let path = dir.join("messages.jsonl");
    std::fs::write(&path, format!("{VALID}\n\n{{\"conversationId\": \"nope\"}}\nnot json\n{VALID}\n"))
        .unwrap();
    let output = tollgate_to(&sandbox)
        .args(["send", "--rate-per-minute", "60000", "--batch"])
        .arg(&path)
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let summary = text(&output.stdout);
    assert!(summary.contains("sent: 2"), "{summary}");
    assert!(summary.contains("line 3: conversationId: must be a GUID"), "{summary}");
    assert!(summary.contains("line 4: unreadable"), "{summary}");
    assert_eq!(sandbox.received().len(), 2);
}

#[tokio::test]
async fn an_interrupted_batch_resumes_without_sending_any_line_twice() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = scratch("batch-resume");
    let batch = batch_file(&dir, 12);
    // Slow sends, so that Ctrl-C lands while some are in flight and most are not started.
    for _ in 0..12 {
        sandbox.inject(Fault::Delay { millis: 300 });
    }
    let mut child = start_batch(&sandbox, &batch, 2, true);
    assert!(wait_for_sends(&sandbox, 3, Duration::from_secs(30)).await, "the batch never started");
    signal(&child, "-INT");
    let output = tokio::time::timeout(Duration::from_secs(30), async {
        let status = child.wait().await.unwrap();
        let mut stdout = String::new();
        tokio::io::AsyncReadExt::read_to_string(child.stdout.as_mut().unwrap(), &mut stdout).await.unwrap();
        (status, stdout)
    })
    .await
    .expect("the batch stops after Ctrl-C");
    assert_eq!(output.0.code(), Some(130), "{}", output.1);
    assert!(output.1.contains("not sent (interrupted)"), "{}", output.1);
    assert!(output.1.contains("--resume"), "{}", output.1);
    let first_run = received_texts(&sandbox);
    assert!(!first_run.is_empty() && first_run.len() < 12, "{first_run:?}");

    let output = tollgate_to(&sandbox)
        .args(["send", "--rate-per-minute", "60000", "--batch"])
        .arg(&batch)
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "without --resume, an earlier journal stops the run");
    assert!(text(&output.stderr).contains("--resume"));

    let output = tollgate_to(&sandbox)
        .args(["send", "--rate-per-minute", "60000", "--resume", "--batch"])
        .arg(&batch)
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}\n{}", text(&output.stdout), text(&output.stderr));
    let summary = text(&output.stdout);
    assert!(summary.contains(&format!("sent: 12 ({} in earlier runs)", first_run.len())), "{summary}");
    let mut texts = received_texts(&sandbox);
    texts.sort_by_key(|text| text[5..].parse::<usize>().unwrap());
    let expected: Vec<String> = (1..=12).map(|n| format!("line {n}")).collect();
    assert_eq!(texts, expected, "every line exactly once");
}

#[tokio::test]
async fn the_sandbox_command_serves_until_interrupted() {
    let (child, url) = sandbox_command(&["--port", "0"]).await;
    let output = tollgate()
        .env("WIX_ACCESS_TOKEN", "made-up")
        .env("WIX_BASE_URL", &url)
        .args([
            "send",
            "--conversation-id",
            "6202c3bb-f263-3c16-8c90-d6387d9ed420",
            "--text",
            "to the standalone sandbox",
        ])
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    interrupt_sandbox(child).await;
}

#[tokio::test]
async fn a_batch_draws_a_progress_bar_on_a_terminal_and_plain_lines_elsewhere() {
    let sandbox = Sandbox::start().await.unwrap();
    let dir = scratch("batch-progress");
    let batch = batch_file(&dir, 3);

    let piped = tollgate_to(&sandbox)
        .args(["send", "--rate-per-minute", "60000", "--batch"])
        .arg(&batch)
        .output()
        .await
        .unwrap();
    assert_eq!(piped.status.code(), Some(0));
    let lines = text(&piped.stderr);
    for n in 1..=3 {
        assert!(lines.contains(&format!("line {n}: sent")), "{lines}");
    }
    assert!(!lines.contains("sent or settled"), "no bar when standard error is not a terminal:\n{lines}");

    // `script` gives the command a pseudo-terminal, as a person's shell would.
    let command = format!(
        "{} send --rate-per-minute 60000 --restart --batch {}",
        env!("CARGO_BIN_EXE_tollgate"),
        batch.display()
    );
    let on_terminal = tollgate_to(&sandbox);
    let mut script = Command::new("script");
    script.args(["-qfec", &command, "/dev/null"]);
    for (key, value) in on_terminal.as_std().get_envs() {
        match value {
            Some(value) => script.env(key, value),
            None => script.env_remove(key),
        };
    }
    let output = script.output().await.expect("util-linux `script` runs the command on a pty");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
    let screen = text(&output.stdout);
    assert!(screen.contains("sent or settled"), "the bar is drawn on a terminal:\n{screen}");
    assert!(screen.contains("sent: 3"), "{screen}");
}

/// Sends `text`; each test send has its own, since settling cannot tell identical
/// messages sent close together apart.
async fn send_text(sandbox: &Sandbox, text: &str) -> Output {
    tollgate_to(sandbox)
        .args(["send", "--conversation-id", "6202c3bb-f263-3c16-8c90-d6387d9ed420", "--text", text])
        .output()
        .await
        .unwrap()
}

#[tokio::test]
async fn send_settles_a_send_left_in_doubt_before_exiting() {
    let sandbox = Sandbox::start().await.unwrap();
    sandbox.inject(Fault::DropConnection);
    let output = send_text(&sandbox, "first").await;
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("it was delivered"), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains(r#""sequence": "1""#), "{}", text(&output.stdout));

    sandbox.inject(Fault::DropBeforeStoring);
    let output = send_text(&sandbox, "second").await;
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("settled: not in the conversation"), "{}", text(&output.stderr));

    sandbox.inject(Fault::DropConnection);
    for _ in 0..4 {
        sandbox.inject_on(
            Route::ListMessages,
            Fault::Status { status: 500, body: "{}".into(), retry_after: None },
        );
    }
    let output = send_text(&sandbox, "third").await;
    assert_eq!(output.status.code(), Some(3), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("still in doubt"), "{}", text(&output.stderr));
    assert_eq!(sandbox.received().len(), 2, "settling never sends");
}

/// The journal's last outcome per line.
fn journal_outcomes(batch: &Path) -> std::collections::HashMap<u64, String> {
    let mut journal = batch.as_os_str().to_owned();
    journal.push(".journal");
    std::fs::read_to_string(journal)
        .unwrap()
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .map(|entry| (entry["line"].as_u64().unwrap(), entry["outcome"].as_str().unwrap().to_owned()))
        .collect()
}

/// A batch killed with SIGKILL mid-run, some of its sends in flight, resumed: every line is
/// stored exactly once and none is left in doubt.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_killed_mid_run_resumes_with_every_line_stored_exactly_once() {
    const LINES: usize = 200;
    let sandbox = Sandbox::start().await.unwrap();
    let dir = scratch("batch-kill");
    let batch = batch_file(&dir, LINES);
    // Slow sends, so that the kill lands with sends in flight; early on, some dropped
    // connections, after and before storing, for the run to settle as it goes.
    for n in 0..LINES {
        sandbox.inject(match n % 25 {
            7 if n < 50 => Fault::DropConnection,
            19 if n < 50 => Fault::DropBeforeStoring,
            _ => Fault::Delay { millis: 40 },
        });
    }
    let mut child = start_batch(&sandbox, &batch, 8, false);
    assert!(wait_for_sends(&sandbox, 80, Duration::from_mins(1)).await, "the batch never got going");
    signal(&child, "-KILL");
    assert_eq!(child.wait().await.unwrap().code(), None, "killed by a signal");
    // Let the sandbox finish what the killed process had sent: settle after the attempt ended.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let outcomes = journal_outcomes(&batch);
    let in_flight = outcomes.values().filter(|outcome| *outcome == "in_flight").count();
    assert!(in_flight > 0, "the kill landed between sends: {outcomes:?}");
    let stored_before = sandbox.received().len();

    let output = tollgate_to(&sandbox)
        .args(["send", "--rate-per-minute", "60000", "--concurrency", "8", "--resume", "--batch"])
        .arg(&batch)
        .output()
        .await
        .unwrap();
    let summary = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{summary}\n{}", text(&output.stderr));
    assert!(summary.contains(&format!("sent: {LINES}")), "{summary}");
    assert!(summary.contains("0 still in doubt"), "{summary}");
    let texts = received_texts(&sandbox);
    let unique: std::collections::BTreeSet<&String> = texts.iter().collect();
    let duplicates = texts.len() - unique.len();
    let expected: std::collections::BTreeSet<String> = (1..=LINES).map(|n| format!("line {n}")).collect();
    assert_eq!(
        unique.into_iter().cloned().collect::<std::collections::BTreeSet<_>>(),
        expected,
        "every line stored"
    );
    assert_eq!(duplicates, 0, "no line stored twice");
    let left_in_doubt =
        journal_outcomes(&batch).values().filter(|o| *o == "maybe_delivered" || *o == "in_flight").count();
    assert_eq!(left_in_doubt, 0);
    println!(
        "kill -9 and resume: {LINES} lines, {in_flight} in flight at the kill, {stored_before} stored before it; \
         after the resume {} stored, {duplicates} duplicates, {left_in_doubt} in doubt\n{summary}",
        texts.len()
    );
}

/// `tollgate sandbox` with app credentials, and `tollgate send` as that app from the
/// environment (`WIX_APP_ID`, `WIX_APP_SECRET`, `WIX_INSTANCE_ID`).
#[tokio::test]
async fn the_sandbox_command_serves_an_app_and_send_authenticates_as_it() {
    let (child, url) = sandbox_command(&[
        "--port",
        "0",
        "--app-id",
        "cli-app",
        "--app-secret",
        "made-up-cli-secret",
        "--token-ttl",
        "60",
    ])
    .await;
    let send_as = |secret: &'static str| {
        let mut command = tollgate();
        command
            .env("WIX_APP_ID", "cli-app")
            .env("WIX_APP_SECRET", secret)
            .env("WIX_INSTANCE_ID", "an-instance")
            .env("WIX_BASE_URL", &url)
            .args([
                "send",
                "--conversation-id",
                "6202c3bb-f263-3c16-8c90-d6387d9ed420",
                "--text",
                "as the app",
            ]);
        command
    };
    let output = send_as("made-up-cli-secret").output().await.unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains(r#""appId": "cli-app""#), "{}", text(&output.stdout));
    let output = send_as("made-up-wrong-secret").output().await.unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("token endpoint refused"), "{stderr}");
    assert!(!stderr.contains("made-up-wrong-secret"), "{stderr}");
    interrupt_sandbox(child).await;
}

#[tokio::test]
async fn the_sandbox_command_takes_the_sandbox_binarys_flags() {
    let output = tollgate().args(["sandbox", "--help"]).output().await.unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(text(&output.stdout).contains("--token-ttl SECONDS"), "{}", text(&output.stdout));
    let output = tollgate().args(["sandbox", "--app-id", "lonely"]).output().await.unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("--app-id and --app-secret go together"),
        "{}",
        text(&output.stderr)
    );
}
