//! Who is calling: API keys, and the app tokens of `POST /oauth2/token`.

use std::time::Instant;

use tollgate::wix::protocol::{
    ErrorBody, TokenRequest, TokenResponse, CLIENT_CREDENTIALS, SITE_ID_HEADER, UNAUTHENTICATED,
};

use crate::handler::{header, Reply};
use crate::ids;
use crate::inbox::{Inbox, Issued};

/// The prefix of every token the sandbox issues; an `Authorization` value with it must be a
/// live token, never an API key.
///
/// ```
/// assert_eq!(tollgate_sandbox::TOKEN_PREFIX, "OAUTH2.sandbox.");
/// ```
pub const TOKEN_PREFIX: &str = "OAUTH2.sandbox.";

/// A caller that passed the checks.
pub(crate) enum Caller {
    /// An API key (or, with no key configured, any value that is not a token).
    ApiKey,
    /// An app, by the token it was issued.
    App { app_id: String },
}

impl Caller {
    pub(crate) fn app_id(&self) -> Option<&str> {
        match self {
            Caller::ApiKey => None,
            Caller::App { app_id } => Some(app_id),
        }
    }
}

/// Checks `Authorization` (and, for an API key, `wix-site-id`): `401` for a missing value,
/// a wrong key, or a token that is unknown or expired; `403` for a wrong site.
pub(crate) fn authenticate(inbox: &Inbox, headers: &[(&str, &[u8])]) -> Result<Caller, Reply> {
    let given = match header(headers, "authorization") {
        None | Some([]) => {
            return Err(unauthenticated(
                "missing Authorization header",
                "The request carries no API key or access token in its Authorization header.",
            ))
        }
        Some(given) => String::from_utf8_lossy(given).into_owned(),
    };
    if let Some(issued) = inbox.issued(&given) {
        if Instant::now() >= issued.expires {
            return Err(unauthenticated(
                "access token expired",
                "Ask POST /oauth2/token for a new access token.",
            ));
        }
        return Ok(Caller::App { app_id: issued.app_id });
    }
    if given.starts_with(TOKEN_PREFIX) {
        return Err(unauthenticated(
            "unknown access token",
            "This sandbox did not issue the access token, or revoked it.",
        ));
    }
    if inbox.api_key.as_ref().is_some_and(|key| *key != given) {
        return Err(unauthenticated(
            "invalid API key or access token",
            "The Authorization header does not hold the key this sandbox accepts.",
        ));
    }
    if let Some(site_id) = &inbox.site_id {
        if header(headers, SITE_ID_HEADER) != Some(site_id.as_bytes()) {
            return Err(Reply::error(
                403,
                &ErrorBody::application(
                    "FORBIDDEN",
                    "wix-site-id header missing or wrong",
                    "The wix-site-id header does not name the site this sandbox serves.",
                ),
            ));
        }
    }
    Ok(Caller::ApiKey)
}

fn unauthenticated(message: &str, description: &str) -> Reply {
    Reply::error(401, &ErrorBody::application(UNAUTHENTICATED, message, description))
}

/// `POST /oauth2/token`: client credentials of a configured app → a token that lives
/// [`SandboxConfig::token_ttl`](crate::SandboxConfig::token_ttl).
///
/// `400` for a body that is not a token request, another `grant_type` or no `instance_id`;
/// `401` for an unknown app or a wrong secret.
pub(crate) fn respond(inbox: &Inbox, body: &[u8]) -> Reply {
    let request: TokenRequest = match serde_json::from_slice(body) {
        Ok(request) => request,
        Err(error) => return bad_request(&format!("not a token request: {error}")),
    };
    if request.grant_type != CLIENT_CREDENTIALS {
        return bad_request(&format!(
            "unsupported grant_type `{}`; use client_credentials",
            request.grant_type
        ));
    }
    if request.instance_id.trim().is_empty() {
        return bad_request("instance_id is required");
    }
    let known = inbox
        .apps
        .iter()
        .any(|app| app.app_id == request.client_id && app.app_secret == request.client_secret);
    if !known {
        return unauthenticated(
            "invalid client credentials",
            "No app with this client_id and client_secret is installed.",
        );
    }
    let token = format!("{TOKEN_PREFIX}{}", ids::guid());
    let expires = Instant::now() + inbox.token_ttl;
    inbox.issue(token.clone(), Issued { app_id: request.client_id, expires });
    let answer = TokenResponse {
        access_token: token,
        token_type: "Bearer".to_owned(),
        expires_in: inbox.token_ttl.as_secs(),
    };
    Reply::json(200, &serde_json::to_value(answer).unwrap_or_default())
}

fn bad_request(message: &str) -> Reply {
    Reply::error(400, &ErrorBody::application("INVALID_ARGUMENT", message, message))
}
