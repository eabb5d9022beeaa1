//! `tollgate`: check Wix Send Message requests, send them one at a time or in batches, and run
//! the local sandbox server.
//!
//! With no Wix credentials in the environment (`WIX_API_KEY`, `WIX_APP_ID`,
//! `WIX_ACCESS_TOKEN`), `send` starts the sandbox in this process and sends there, and says
//! so: nothing reaches Wix.

mod batch;
mod check;
mod check_batch;
mod dropped;
mod exit;
mod journal;
mod request_file;
mod send;
mod settle;
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
    /// A send that fails after its request left is settled before exiting: the conversation
    /// is listed to see whether the message arrived.
    ///
    /// Exit status: 0 sent; 1 invalid or rejected (nothing delivered); 2 unusable input or
    /// configuration; 3 a message may have been delivered and settling could not tell
    /// (check before sending again); 130 interrupted.
    Send(Box<send::SendArgs>),
    /// Run the sandbox server in the foreground and print its URL.
    ///
    /// Takes the flags of `tollgate-sandbox` (one parser serves both): --port N, --api-key
    /// KEY, --site-id GUID, --app-id ID --app-secret SECRET, --token-ttl SECONDS. See
    /// `tollgate sandbox --help`.
    #[command(disable_help_flag = true)]
    Sandbox {
        /// The sandbox's flags.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
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
            Command::Sandbox { args } => target::serve_sandbox(args).await,
        }
    });
    exit.into()
}
