//! `tollgate`: check Wix Send Message requests, send them one at a time or in batches, and run
//! the local sandbox server.
//!
//! With no `WIX_API_KEY`/`WIX_ACCESS_TOKEN` in the environment, `send` starts the sandbox in
//! this process and sends there, and says so: nothing reaches Wix.

mod batch;
mod check;
mod check_batch;
mod dropped;
mod exit;
mod journal;
mod request_file;
mod send;
mod suggest;
mod target;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use exit::Exit;

/// Check and send Wix Inbox Send Message requests.
#[derive(Parser)]
#[command(name = "tollgate", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Log what happens to standard error (requests, retries), never credentials.
    #[arg(short, long, global = true)]
    verbose: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Check a Send Message request (JSON), or one per line with `--batch`, and report every
    /// violation with its wire path.
    ///
    /// Exit status: 0 valid, 1 invalid, 2 unreadable input.
    Check(check::CheckArgs),
    /// Build a request from flags or read it from a file, validate it and send it; or send a
    /// batch of requests from a JSON Lines file.
    ///
    /// Exit status: 0 sent; 1 invalid or rejected (nothing delivered); 2 unusable input or
    /// configuration; 3 a message may have been delivered (check before sending again);
    /// 130 interrupted.
    Send(Box<send::SendArgs>),
    /// Run the sandbox server in the foreground and print its URL.
    Sandbox {
        /// The port to listen on, on 127.0.0.1; 0 picks a free one.
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// The Authorization value to accept; any non-empty value when not given.
        #[arg(long)]
        api_key: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.verbose {
        tracing_subscriber::fmt()
            .with_writer(std::io::stderr)
            .with_env_filter(tracing_subscriber::EnvFilter::new("info"))
            .init();
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("tollgate: cannot start the async runtime: {error}");
            return Exit::Unusable.into();
        }
    };
    let exit = runtime.block_on(async {
        match cli.command {
            Command::Check(args) => check::run(&args),
            Command::Send(args) => send::run(*args).await,
            Command::Sandbox { port, api_key } => target::serve_sandbox(port, api_key).await,
        }
    });
    exit.into()
}
