//! Credentials, kept out of every `Debug`, `Display`, error and log line.

use std::fmt;

use reqwest::header::HeaderValue;

/// A credential. Its text leaves this type only to go into the `Authorization` header.
///
/// ```
/// use tollgate::wix::Secret;
///
/// let secret = Secret::new("IST.made-up-key");
/// assert_eq!(format!("{secret:?} {secret}"), "Secret([redacted]) [redacted]");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// A credential ready to send: the header value is built once (marked sensitive, so that
/// no `Debug` of a request shows it), not per request.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Authorization {
    secret: Secret,
    /// `None` when the credential is not a valid header value (a control character): the
    /// call then fails before anything is sent.
    header: Option<HeaderValue>,
}

impl Authorization {
    pub(crate) fn new(secret: Secret) -> Self {
        let header = HeaderValue::from_str(secret.expose()).ok().map(|mut header| {
            header.set_sensitive(true);
            header
        });
        Authorization { secret, header }
    }

    /// The `Authorization` header's value.
    pub(crate) fn header(&self) -> Option<&HeaderValue> {
        self.header.as_ref()
    }
}

impl fmt::Debug for Authorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Authorization([redacted])")
    }
}

/// How calls to Wix are authorized.
///
/// ```
/// use tollgate::wix::Auth;
///
/// let auth = Auth::api_key("IST.made-up-key", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
/// assert!(!format!("{auth:?}").contains("made-up-key"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Auth {
    /// An API key, for site-level calls: sent with the site's id in `wix-site-id`.
    ApiKey {
        /// The API key.
        key: Secret,
        /// The GUID of the site the calls act on.
        site_id: String,
    },
    /// An OAuth access token.
    AccessToken(Secret),
    /// A Wix app acting for one of its instances (OAuth client credentials): the client
    /// asks `POST /oauth2/token` for an access token, caches it, and asks again shortly
    /// before it expires or when Wix answers `401`.
    App {
        /// The app's id (`client_id`).
        app_id: String,
        /// The app's secret key (`client_secret`).
        app_secret: Secret,
        /// The instance of the app (one site's installation) the calls act for.
        instance_id: String,
    },
}

/// What is wrong with the configuration a client was asked to use.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigError {
    /// None of `WIX_API_KEY`, `WIX_APP_ID` or `WIX_ACCESS_TOKEN` is set.
    NoCredentials,
    /// Some of `WIX_APP_ID`, `WIX_APP_SECRET`, `WIX_INSTANCE_ID` are set, not all three.
    IncompleteApp {
        /// The variable that is missing.
        missing: &'static str,
    },
    /// `WIX_API_KEY` is set without `WIX_SITE_ID`, which an API key needs.
    MissingSiteId,
    /// The base URL is not one a client may send to.
    BaseUrl {
        /// The URL as given.
        url: String,
        /// Why it is refused.
        reason: &'static str,
    },
    /// The HTTP client could not be set up.
    Http(String),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::NoCredentials => f.write_str(
                "no Wix credentials: set WIX_API_KEY with WIX_SITE_ID, WIX_APP_ID with WIX_APP_SECRET \
                 and WIX_INSTANCE_ID, or WIX_ACCESS_TOKEN",
            ),
            ConfigError::IncompleteApp { missing } => write!(
                f,
                "app credentials need WIX_APP_ID, WIX_APP_SECRET and WIX_INSTANCE_ID together: {missing} is not set"
            ),
            ConfigError::MissingSiteId => {
                f.write_str("WIX_API_KEY is set but WIX_SITE_ID is not: an API key needs the site's id")
            }
            ConfigError::BaseUrl { url, reason } => write!(f, "base URL `{url}` refused: {reason}"),
            ConfigError::Http(message) => write!(f, "the HTTP client could not be set up: {message}"),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Auth {
    /// An API key for the site `site_id`.
    pub fn api_key(key: impl Into<String>, site_id: impl Into<String>) -> Self {
        Auth::ApiKey { key: Secret::new(key), site_id: site_id.into() }
    }

    /// An OAuth access token.
    pub fn access_token(token: impl Into<String>) -> Self {
        Auth::AccessToken(Secret::new(token))
    }

    /// App credentials: the app's id and secret key, and the instance the calls act for.
    ///
    /// ```
    /// use tollgate::wix::Auth;
    ///
    /// let auth = Auth::app("app-id", "made-up-secret", "instance-id");
    /// assert!(!format!("{auth:?}").contains("made-up-secret"));
    /// ```
    pub fn app(
        app_id: impl Into<String>,
        app_secret: impl Into<String>,
        instance_id: impl Into<String>,
    ) -> Self {
        Auth::App {
            app_id: app_id.into(),
            app_secret: Secret::new(app_secret),
            instance_id: instance_id.into(),
        }
    }

    /// Reads, in this order: `WIX_API_KEY` with `WIX_SITE_ID`; `WIX_APP_ID` with
    /// `WIX_APP_SECRET` and `WIX_INSTANCE_ID`; `WIX_ACCESS_TOKEN`.
    pub fn from_env() -> Result<Self, ConfigError> {
        Auth::from_vars(|name| std::env::var(name).ok())
    }

    /// [`Auth::from_env`] over any source of variables; empty values count as unset.
    ///
    /// ```
    /// use tollgate::wix::{Auth, ConfigError};
    ///
    /// let vars = |name: &str| (name == "WIX_ACCESS_TOKEN").then(|| "made-up-token".to_string());
    /// assert_eq!(Auth::from_vars(vars), Ok(Auth::access_token("made-up-token")));
    /// assert_eq!(Auth::from_vars(|_| None), Err(ConfigError::NoCredentials));
    ///
    /// let app = |name: &str| match name {
    ///     "WIX_APP_ID" => Some("app".to_string()),
    ///     "WIX_APP_SECRET" => Some("made-up-secret".to_string()),
    ///     "WIX_INSTANCE_ID" => Some("instance".to_string()),
    ///     _ => None,
    /// };
    /// assert_eq!(Auth::from_vars(app), Ok(Auth::app("app", "made-up-secret", "instance")));
    /// let partial = |name: &str| (name == "WIX_APP_ID").then(|| "app".to_string());
    /// assert_eq!(Auth::from_vars(partial), Err(ConfigError::IncompleteApp { missing: "WIX_APP_SECRET" }));
    /// ```
    pub fn from_vars(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| get(name).filter(|value| !value.trim().is_empty());
        if let Some(key) = get("WIX_API_KEY") {
            let site_id = get("WIX_SITE_ID").ok_or(ConfigError::MissingSiteId)?;
            return Ok(Auth::api_key(key, site_id));
        }
        let app = ["WIX_APP_ID", "WIX_APP_SECRET", "WIX_INSTANCE_ID"].map(|name| (name, get(name)));
        if app.iter().any(|(_, value)| value.is_some()) {
            if let Some((missing, _)) = app.iter().find(|(_, value)| value.is_none()) {
                return Err(ConfigError::IncompleteApp { missing });
            }
            let [app_id, app_secret, instance_id] = app.map(|(_, value)| value.unwrap_or_default());
            return Ok(Auth::app(app_id, app_secret, instance_id));
        }
        get("WIX_ACCESS_TOKEN").map(Auth::access_token).ok_or(ConfigError::NoCredentials)
    }

    /// The `Authorization` value of a credential that is sent as it is; `None` for app
    /// credentials, which are exchanged for a token first.
    pub(crate) fn fixed_authorization(&self) -> Option<&Secret> {
        match self {
            Auth::ApiKey { key, .. } => Some(key),
            Auth::AccessToken(token) => Some(token),
            Auth::App { .. } => None,
        }
    }

    pub(crate) fn site_id(&self) -> Option<&str> {
        match self {
            Auth::ApiKey { site_id, .. } => Some(site_id),
            Auth::AccessToken(_) | Auth::App { .. } => None,
        }
    }

    /// The app the calls are made as, when it is known.
    pub(crate) fn app_id(&self) -> Option<&str> {
        match self {
            Auth::App { app_id, .. } => Some(app_id),
            Auth::ApiKey { .. } | Auth::AccessToken(_) => None,
        }
    }
}
