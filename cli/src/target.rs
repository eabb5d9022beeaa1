//! Where messages go: Wix, when credentials are set; otherwise the embedded sandbox.

use tollgate::wix::{Auth, Client, ConfigError};
use tollgate_sandbox::Sandbox;

use crate::exit::Exit;

/// A client, and the sandbox it sends to when it is the embedded one.
pub(crate) struct Target {
    pub(crate) client: Client,
    /// Kept alive for as long as the client sends to it.
    pub(crate) sandbox: Option<Sandbox>,
}

/// Wix with the environment's credentials; the embedded sandbox when there are none (or
/// when asked), saying so on standard error.
pub(crate) async fn connect(force_sandbox: bool) -> Result<Target, String> {
    match Client::from_env() {
        Ok(client) if !force_sandbox => {
            eprintln!("tollgate: sending to {}", client.base_url());
            Ok(Target { client, sandbox: None })
        }
        Err(ConfigError::NoCredentials) | Ok(_) => {
            let sandbox =
                Sandbox::start().await.map_err(|error| format!("cannot start the sandbox: {error}"))?;
            let client = Client::builder(Auth::access_token("embedded-sandbox"))
                .base_url(sandbox.base_url())
                .build()
                .map_err(|error| error.to_string())?;
            let why = if force_sandbox {
                "--sandbox given"
            } else {
                "no WIX_API_KEY, WIX_APP_ID or WIX_ACCESS_TOKEN set"
            };
            eprintln!(
                "tollgate: {why}: sending to the embedded sandbox at {}; nothing reaches Wix",
                sandbox.base_url()
            );
            Ok(Target { client, sandbox: Some(sandbox) })
        }
        Err(error) => Err(error.to_string()),
    }
}

/// `tollgate sandbox`: the sandbox's own flags ([`tollgate_sandbox::args`]); serve in the
/// foreground until Ctrl-C.
pub(crate) async fn serve_sandbox(args: Vec<String>) -> Exit {
    let config = match tollgate_sandbox::args::parse(args) {
        Ok(Some(config)) => config,
        Ok(None) => {
            println!("{}", tollgate_sandbox::args::USAGE.replacen("tollgate-sandbox", "tollgate sandbox", 1));
            return Exit::Ok;
        }
        Err(message) => {
            eprintln!("tollgate sandbox: {message}\n\n{}", tollgate_sandbox::args::USAGE);
            return Exit::Unusable;
        }
    };
    let (port, has_apps) = (config.bind.port(), !config.apps.is_empty());
    let sandbox = match Sandbox::start_with(config).await {
        Ok(sandbox) => sandbox,
        Err(error) => {
            eprintln!("tollgate: cannot start the sandbox on port {port}: {error}");
            return Exit::Unusable;
        }
    };
    println!("sandbox listening on {}", sandbox.base_url());
    println!("send to it with: WIX_ACCESS_TOKEN=any WIX_BASE_URL={} tollgate send ...", sandbox.base_url());
    if has_apps {
        println!(
            "or as the app: WIX_APP_ID=... WIX_APP_SECRET=... WIX_INSTANCE_ID=any WIX_BASE_URL={} tollgate send ...",
            sandbox.base_url()
        );
    }
    match sandbox.serve_until_ctrl_c().await {
        Ok(()) => Exit::Ok,
        Err(error) => {
            eprintln!("tollgate: cannot listen for Ctrl-C ({error}); stopped");
            Exit::Unusable
        }
    }
}
