//! Writes a JSON Lines file of Send Message requests for `tollgate check --batch`: the shared
//! payloads (`tollgate_benches::payloads()`) in a fixed mix, with lines that break each kind of
//! check the command makes (the model's rules, a field serde would drop, a type error, bytes
//! that are not JSON).
//!
//! ```text
//! cargo run --release -p tollgate-benches --example jsonl -- 1000000 > requests.jsonl
//! ```
//!
//! Every 20 lines: 7 `short_text`, 4 `template_10_buttons`, 4 `form_15_fields_media`,
//! 2 `invalid_5_violations`, 1 misspelt field, 1 type error, 1 unreadable line; so 15 of 20
//! lines are valid. The last line of the summary on standard error says how many of each.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

/// The mix, by index into `lines()`, in the order written.
const CYCLE: [usize; 20] = [0, 1, 0, 2, 0, 3, 0, 1, 4, 2, 0, 1, 0, 2, 5, 3, 0, 1, 2, 6];

/// The kinds of line, serialized once.
fn lines() -> Vec<Vec<u8>> {
    let mut lines: Vec<Vec<u8>> = tollgate_benches::payloads()
        .iter()
        .map(|(_, request)| serde_json::to_vec(request).expect("serializable"))
        .collect();
    let short = String::from_utf8(lines[0].clone()).expect("JSON is UTF-8");
    lines.push(short.replace("\"previewText\"", "\"previewtext\"").into_bytes());
    lines.push(short.replace("\"Hey!\"", "42").into_bytes());
    lines.push(short.as_bytes()[..short.len() / 2].to_vec());
    lines
}

fn main() -> ExitCode {
    let Some(count) = std::env::args().nth(1).and_then(|n| n.parse::<usize>().ok()) else {
        eprintln!("usage: jsonl LINES > FILE.jsonl");
        return ExitCode::from(2);
    };
    let lines = lines();
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut written = [0usize; 7];
    for index in (0..count).map(|i| CYCLE[i % CYCLE.len()]) {
        let line = &lines[index];
        if out.write_all(line).and_then(|()| out.write_all(b"\n")).is_err() {
            eprintln!("jsonl: cannot write");
            return ExitCode::FAILURE;
        }
        written[index] += 1;
    }
    if out.flush().is_err() {
        return ExitCode::FAILURE;
    }
    let valid = written[0] + written[1] + written[2];
    let invalid = written[3] + written[4] + written[5];
    eprintln!("{count} lines: {valid} valid, {invalid} invalid, {} unreadable", written[6]);
    ExitCode::SUCCESS
}
