//! The command line of a standalone sandbox, shared by `tollgate-sandbox` and
//! `tollgate sandbox` so that both take the same flags.
//!
//! ```
//! use tollgate_sandbox::args::parse;
//!
//! let args = ["--port", "8085", "--app-id", "app", "--app-secret", "made-up", "--token-ttl", "60"];
//! let config = parse(args.map(String::from)).unwrap().expect("not --help");
//! assert_eq!(config.bind.to_string(), "127.0.0.1:8085");
//! assert_eq!(config.apps[0].app_id, "app");
//! assert_eq!(config.token_ttl.as_secs(), 60);
//! assert!(parse(["--help".to_string()]).unwrap().is_none());
//! ```

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use crate::{AppCredentials, SandboxConfig};

/// The flags, for `--help` and for errors.
///
/// ```
/// assert!(tollgate_sandbox::args::USAGE.contains("--app-secret SECRET"));
/// ```
pub const USAGE: &str = "usage: tollgate-sandbox [--port N] [--api-key KEY] [--site-id GUID]
                        [--app-id ID --app-secret SECRET] [--token-ttl SECONDS]

Serves Wix Inbox's Send Message and List Messages (/inbox/v2/messages) and Wix's
app OAuth token endpoint (POST /oauth2/token) on 127.0.0.1 until Ctrl-C.
  --port N             port to listen on (default: an ephemeral port)
  --api-key KEY        the only API key accepted (default: any non-empty value)
  --site-id GUID       the wix-site-id header every API-key call must carry (default: not checked)
  --app-id ID          an app whose client credentials POST /oauth2/token accepts ...
  --app-secret SECRET  ... with this secret; both or neither
  --token-ttl SECONDS  how long an issued token lives (default: 14400, as on Wix)";

/// What the command line asks for; `None` for `--help`. See the [module](self) for an example.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Option<SandboxConfig>, String> {
    let mut config = SandboxConfig::default();
    let (mut port, mut app_id, mut app_secret): (u16, Option<String>, Option<String>) = (0, None, None);
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
            "--app-id" => app_id = Some(value("--app-id")?),
            "--app-secret" => app_secret = Some(value("--app-secret")?),
            "--token-ttl" => {
                let text = value("--token-ttl")?;
                let seconds: u64 = text
                    .parse()
                    .ok()
                    .filter(|seconds| *seconds > 0)
                    .ok_or(format!("--token-ttl: `{text}` is not a positive number of seconds"))?;
                config.token_ttl = Duration::from_secs(seconds);
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    match (app_id, app_secret) {
        (Some(app_id), Some(app_secret)) => config.apps.push(AppCredentials { app_id, app_secret }),
        (None, None) => {}
        _ => return Err("--app-id and --app-secret go together".to_owned()),
    }
    config.bind = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    Ok(Some(config))
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
        assert!(config.apps.is_empty());
        assert_eq!(config.token_ttl, crate::DEFAULT_TOKEN_TTL);
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
        assert!(parse(args(&["--app-id", "a"])).is_err());
        assert!(parse(args(&["--token-ttl", "0"])).is_err());
        assert!(parse(args(&["--token-ttl", "soon"])).is_err());
        assert!(parse(args(&["--help"])).unwrap().is_none());
    }
}
