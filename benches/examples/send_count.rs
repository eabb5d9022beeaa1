//! A loop for instruction counts of the send path: `N` sends by one contender to an
//! in-process sandbox on a current-thread runtime, so that `valgrind --tool=callgrind` counts
//! the client's work without the shared machine's load and thread scheduling.
//!
//! ```text
//! cargo build --release -p tollgate-benches --example send_count
//! valgrind --tool=callgrind target/release/examples/send_count tollgate 2000   # and 0
//! ```
//!
//! Arguments: `CONTENDER N`, with `CONTENDER` one of `tollgate` (`Client::send_message`),
//! `idiomatic` (reqwest with `.json(&request)` and `.json::<SendMessageResponse>()`) or `raw`
//! (pre-serialized bytes out, the answer's bytes in), as in `benches/client.rs`. Every run first
//! sends 20 warm-up requests (connection, pool, allocator), then `N` rotating through the
//! three valid shared payloads. The sandbox's share is the same for every contender, so the
//! difference between two contenders' per-send counts, `(I(N) − I(0)) / N`, is theirs.

use std::process::ExitCode;

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use tollgate::wix::inbox::{SendMessageRequest, SendMessageResponse};
use tollgate::wix::{Auth, Client};
use tollgate_sandbox::{Sandbox, SEND_MESSAGE_PATH};

const TOKEN: &str = "made-up-token";
const WARM_UP: usize = 20;

/// One contender's way to send request `index`.
#[allow(clippy::large_enum_variant)] // one value per run; boxing would add a hop to tollgate's sends only
enum Contender {
    Tollgate(Client),
    Idiomatic(reqwest::Client, String),
    Raw(reqwest::Client, String, Vec<&'static [u8]>),
}

impl Contender {
    async fn send(&self, requests: &[SendMessageRequest], index: usize) -> bool {
        let request = &requests[index % requests.len()];
        match self {
            Contender::Tollgate(client) => client.send_message(request).await.is_ok(),
            Contender::Idiomatic(client, url) => {
                let outcome = async {
                    let response = client.post(url).header(AUTHORIZATION, TOKEN).json(request).send().await?;
                    response.error_for_status()?.json::<SendMessageResponse>().await
                };
                outcome.await.is_ok()
            }
            Contender::Raw(client, url, bodies) => {
                let body = bodies[index % bodies.len()];
                let sent = client
                    .post(url)
                    .header(AUTHORIZATION, TOKEN)
                    .header(CONTENT_TYPE, "application/json")
                    .body(body)
                    .send()
                    .await;
                match sent {
                    Ok(response) => response.status().is_success() && response.bytes().await.is_ok(),
                    Err(_) => false,
                }
            }
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [contender, n] = args.as_slice() else {
        eprintln!("usage: send_count CONTENDER N (tollgate, idiomatic or raw)");
        return ExitCode::from(2);
    };
    let Ok(n) = n.parse::<usize>() else {
        eprintln!("send_count: N must be a number");
        return ExitCode::from(2);
    };
    let requests: Vec<SendMessageRequest> =
        tollgate_benches::payloads().into_iter().take(3).map(|(_, request)| request).collect();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    runtime.block_on(async {
        let sandbox = Sandbox::start().await.expect("the sandbox starts on loopback");
        let url = format!("{}{SEND_MESSAGE_PATH}", sandbox.base_url());
        let contender = match contender.as_str() {
            "tollgate" => Contender::Tollgate(
                Client::builder(Auth::access_token(TOKEN))
                    .base_url(sandbox.base_url())
                    .build()
                    .expect("a loopback URL"),
            ),
            "idiomatic" => Contender::Idiomatic(reqwest::Client::new(), url),
            "raw" => {
                // Serialized once, shared by every send without a copy (as in `benches/client.rs`).
                let bodies = requests
                    .iter()
                    .map(|request| &*serde_json::to_vec(request).expect("serializes").leak())
                    .collect();
                Contender::Raw(reqwest::Client::new(), url, bodies)
            }
            other => {
                eprintln!("send_count: unknown contender {other}");
                return ExitCode::from(2);
            }
        };
        let mut sent = 0;
        for index in 0..WARM_UP + n {
            sent += usize::from(contender.send(&requests, index).await);
        }
        sandbox.shutdown().await;
        println!("{sent}");
        if sent == WARM_UP + n {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    })
}
