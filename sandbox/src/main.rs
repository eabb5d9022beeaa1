//! `tollgate-sandbox`: runs the Wix Inbox sandbox in the foreground on 127.0.0.1.
//!
//! ```text
//! tollgate-sandbox [--port N] [--api-key KEY] [--site-id GUID]
//!                  [--app-id ID --app-secret SECRET] [--token-ttl SECONDS]
//! ```
//!
//! Prints `sandbox listening on http://127.0.0.1:PORT`, then serves until Ctrl-C. The flags
//! are [`tollgate_sandbox::args`], the same as `tollgate sandbox`'s.

use std::process::ExitCode;

use tollgate_sandbox::args::{self, USAGE};
use tollgate_sandbox::Sandbox;

#[tokio::main]
async fn main() -> ExitCode {
    let config = match args::parse(std::env::args().skip(1)) {
        Ok(Some(config)) => config,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("tollgate-sandbox: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let sandbox = match Sandbox::start_with(config).await {
        Ok(sandbox) => sandbox,
        Err(error) => {
            eprintln!("tollgate-sandbox: cannot listen: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("sandbox listening on {}", sandbox.base_url());
    match sandbox.serve_until_ctrl_c().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("tollgate-sandbox: cannot wait for Ctrl-C: {error}");
            ExitCode::FAILURE
        }
    }
}
