//! A loop for instruction counts: one step of the validation path, `N` times, on one shared
//! payload, so that `valgrind --tool=callgrind` (or `perf stat -e instructions`) measures it
//! without the wall-clock noise of a shared machine.
//!
//! ```text
//! cargo build --release -p tollgate-benches --example count
//! benches/count.sh   # runs it under callgrind: instructions per call, per payload and step
//! ```
//!
//! Arguments: `STEP PAYLOAD N`, with `STEP` one of `validate` (`validate()` on the typed
//! value), `from_slice` (bytes to `SendMessageRequest`), `bytes` (both). The per-call figure is
//! the difference between two runs (`N` and `0`) divided by `N`: setup cancels out.

use std::hint::black_box;
use std::process::ExitCode;

use tollgate::wix::inbox::SendMessageRequest;
use tollgate::Validate;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [step, payload, n] = args.as_slice() else {
        eprintln!("usage: count validate|from_slice|bytes PAYLOAD N");
        return ExitCode::from(2);
    };
    let Some((_, typed)) = tollgate_benches::payloads().into_iter().find(|(name, _)| name == payload) else {
        eprintln!("count: no payload named {payload}");
        return ExitCode::from(2);
    };
    let Ok(n) = n.parse::<usize>() else {
        eprintln!("count: N must be a number");
        return ExitCode::from(2);
    };
    let bytes = serde_json::to_vec(&typed).expect("serializable");
    let mut verdicts = 0usize;
    for _ in 0..n {
        let valid = match step.as_str() {
            "validate" => black_box(&typed).validate().is_ok(),
            "from_slice" => serde_json::from_slice::<SendMessageRequest>(black_box(&bytes)).is_ok(),
            "bytes" => serde_json::from_slice::<SendMessageRequest>(black_box(&bytes))
                .is_ok_and(|request| request.validate().is_ok()),
            other => {
                eprintln!("count: unknown step {other}");
                return ExitCode::from(2);
            }
        };
        verdicts += usize::from(valid);
    }
    println!("{verdicts}");
    ExitCode::SUCCESS
}
