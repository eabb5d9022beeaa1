//! `tollgate-sandbox`: runs the Wix Inbox sandbox in the foreground on 127.0.0.1.
//!
//! ```text
//! tollgate-sandbox [--port N] [--api-key KEY] [--site-id GUID]
//! ```
//!
//! Prints `sandbox listening on http://127.0.0.1:PORT`, then serves until Ctrl-C.

use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;

use tollgate_sandbox::{Sandbox, SandboxConfig};

const USAGE: &str = "usage: tollgate-sandbox [--port N] [--api-key KEY] [--site-id GUID]

Serves Wix Inbox's Send Message (POST /inbox/v2/messages) on 127.0.0.1 until Ctrl-C.
  --port N         port to listen on (default: an ephemeral port)
  --api-key KEY    the only Authorization value accepted (default: any non-empty value)
  --site-id GUID   the wix-site-id header every call must carry (default: not checked)";

/// What the command line asks for; `None` for `--help`.
fn parse(args: impl IntoIterator<Item = String>) -> Result<Option<SandboxConfig>, String> {
    let mut config = SandboxConfig::default();
    let mut port: u16 = 0;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag.to_owned(), Some(value.to_owned())),
            _ => (arg, None),
        };
        let mut value =
            |name: &str| inline.clone().or_else(|| args.next()).ok_or(format!("{name} needs a value"));
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--port" => {
                let text = value("--port")?;
                port = text.parse().map_err(|_| format!("--port: `{text}` is not a port number"))?;
            }
            "--api-key" => config.api_key = Some(value("--api-key")?),
            "--site-id" => config.site_id = Some(value("--site-id")?),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    config.bind = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    Ok(Some(config))
}

#[tokio::main]
async fn main() -> ExitCode {
    let config = match parse(std::env::args().skip(1)) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn defaults_to_an_ephemeral_loopback_port() {
        let config = parse(args(&[])).unwrap().unwrap();
        assert_eq!(config.bind.to_string(), "127.0.0.1:0");
        assert_eq!(config.api_key, None);
    }

    #[test]
    fn reads_port_key_and_site() {
        let config = parse(args(&["--port", "8085", "--api-key=k=1", "--site-id", "s"])).unwrap().unwrap();
        assert_eq!(config.bind.to_string(), "127.0.0.1:8085");
        assert_eq!(config.api_key.as_deref(), Some("k=1"));
        assert_eq!(config.site_id.as_deref(), Some("s"));
    }

    #[test]
    fn refuses_bad_arguments() {
        assert!(parse(args(&["--port", "http"])).is_err());
        assert!(parse(args(&["--port"])).is_err());
        assert!(parse(args(&["--verbose"])).is_err());
        assert!(parse(args(&["--help"])).unwrap().is_none());
    }
}
