//! `tollgate check --batch`: the real binary on JSON Lines files.

use std::path::PathBuf;
use std::process::{Command, Output};

const VALID: &str = r#"{"conversationId":"6202c3bb-f263-3c16-8c90-d6387d9ed420","message":{"content":{"basic":{"items":[{"text":"Hey!"}]}}}}"#;
const DROPPED: &str = "is not a field of the Send Message request: it would be dropped, not sent";

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `lines` written to a scratch file, one per line.
fn jsonl(name: &str, lines: &[&str]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tollgate-check-batch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("requests.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    file
}

fn check_batch(args: &[&str], file: &PathBuf) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tollgate"))
        .args(["check", "--batch"])
        .args(args)
        .arg(file)
        .output()
        .expect("the binary runs")
}

/// Lines that break each kind of check `check` makes: the model's rules, a field serde would
/// drop (with its did-you-mean), a type error at its path, and bytes that are not JSON.
fn mixed_lines() -> Vec<&'static str> {
    vec![
        VALID,
        r#"{"conversationId":"42","message":{"content":{"basic":{"items":[{"text":"a","image":{}}]},"template":{}}}}"#,
        "",
        r#"{"conversationId":"6202c3bb-f263-3c16-8c90-d6387d9ed420","message":{"content":{"previewtext":"Hi","basic":{"items":[{"text":"Hey!"}]}}}}"#,
        r#"{"conversationId":"6202c3bb-f263-3c16-8c90-d6387d9ed420","message":{"content":{"basic":{"items":[{"text":42}]}}}}"#,
        "{ not json",
        VALID,
    ]
}

#[test]
fn reports_each_bad_line_by_number_with_the_texts_of_check() {
    let file = jsonl("mixed", &mixed_lines());
    let output = check_batch(&[], &file);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let report = text(&output.stdout);
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(
        lines[..5],
        [
            "line 2: conversationId: must be a GUID (8-4-4-4-12 hexadecimal digits) [FORMAT]",
            "line 2: message.content.basic.items[0].image: only one of `text`, `image`, `file` may be set, but `text` and `image` are [ONE_OF_ALIGNMENT]",
            "line 2: message.content.template: only one of `basic`, `template`, `minimal`, `form`, `system` may be set, but `basic` and `template` are [ONE_OF_ALIGNMENT]",
            &format!("line 4: message.content.previewtext: {DROPPED}; did you mean `previewText`? [UNKNOWN_FIELD]"),
            "line 5: message.content.basic.items[0].text: invalid type: integer `42`, expected a string [FORMAT]",
        ]
    );
    assert!(lines[5].starts_with("line 6: unreadable: not JSON: "), "{}", lines[5]);
    assert_eq!(lines[6], "6 lines: 2 valid, 3 invalid, 1 unreadable");
    assert_eq!(lines.len(), 7);
}

#[test]
fn json_lines_carry_the_line_number_wix_shaped_violations_and_a_last_summary() {
    let file = jsonl("json", &mixed_lines());
    let output = check_batch(&["--format", "json"], &file);
    assert_eq!(output.status.code(), Some(1));
    let entries: Vec<serde_json::Value> = text(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is one JSON object"))
        .collect();
    assert_eq!(entries.len(), 5);
    assert_eq!(entries[0]["line"], 2);
    assert_eq!(entries[0]["fieldViolations"].as_array().map(Vec::len), Some(3));
    assert_eq!(
        entries[1],
        serde_json::json!({"line": 4, "fieldViolations": [{
            "field": "message.content.previewtext",
            "description": format!("{DROPPED}; did you mean `previewText`?"),
            "violatedRule": "UNKNOWN_FIELD",
        }]})
    );
    assert_eq!(entries[2]["fieldViolations"][0]["field"], "message.content.basic.items[0].text");
    assert_eq!(entries[3]["line"], 6);
    assert!(entries[3]["unreadable"].as_str().is_some_and(|reason| reason.starts_with("not JSON")));
    assert_eq!(
        entries[4],
        serde_json::json!({"summary": {"lines": 6, "valid": 2, "invalid": 3, "unreadable": 1}})
    );
}

#[test]
fn exit_zero_when_every_line_is_valid_and_two_when_the_file_is_unreadable() {
    let file = jsonl("valid", &[VALID, VALID, "", VALID]);
    let output = check_batch(&[], &file);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout), "3 lines: 3 valid, 0 invalid, 0 unreadable\n");

    let only_unreadable = jsonl("unreadable-line", &["[1, 2"]);
    assert_eq!(check_batch(&[], &only_unreadable).status.code(), Some(1));

    let output = check_batch(&[], &PathBuf::from("/no/such/requests.jsonl"));
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("cannot read /no/such/requests.jsonl"), "{}", text(&output.stderr));
    assert!(output.stdout.is_empty());
}

#[test]
fn reads_standard_input_as_a_stream() {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_tollgate"))
        .args(["check", "--batch", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().unwrap();
    for _ in 0..1000 {
        writeln!(input, "{VALID}").unwrap();
    }
    writeln!(input, r#"{{"conversationId":"6202c3bb-f263-3c16-8c90-d6387d9ed420"}}"#).unwrap();
    drop(input);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stdout),
        "line 1001: message: is required [REQUIRED_FIELD]\n1001 lines: 1000 valid, 1 invalid, 0 unreadable\n"
    );
}
