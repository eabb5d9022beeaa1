//! The OAuth client-credentials exchange of `POST /oauth2/token`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The `grant_type` of an app asking for a token for one of its instances.
pub const CLIENT_CREDENTIALS: &str = "client_credentials";

/// The body of `POST /oauth2/token`, as Wix's SDK (`AppStrategy`) sends it. `Debug` leaves
/// the secret out.
///
/// ```
/// use tollgate::wix::protocol::TokenRequest;
///
/// let request = TokenRequest::client_credentials("app", "made-up-secret", "instance");
/// let json = serde_json::to_string(&request).unwrap();
/// assert_eq!(json, r#"{"grant_type":"client_credentials","client_id":"app","client_secret":"made-up-secret","instance_id":"instance"}"#);
/// assert!(!format!("{request:?}").contains("made-up-secret"));
/// ```
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TokenRequest {
    /// `client_credentials` for an app instance.
    pub grant_type: String,
    /// The app's id.
    pub client_id: String,
    /// The app's secret key.
    pub client_secret: String,
    /// The instance of the app (one site's installation) the token acts for.
    pub instance_id: String,
}

impl TokenRequest {
    /// A client-credentials request; see [`TokenRequest`].
    pub fn client_credentials(app_id: &str, app_secret: &str, instance_id: &str) -> TokenRequest {
        TokenRequest {
            grant_type: CLIENT_CREDENTIALS.to_owned(),
            client_id: app_id.to_owned(),
            client_secret: app_secret.to_owned(),
            instance_id: instance_id.to_owned(),
        }
    }
}

impl fmt::Debug for TokenRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenRequest")
            .field("grant_type", &self.grant_type)
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .field("instance_id", &self.instance_id)
            .finish()
    }
}

/// Wix's answer to a token request: the token (sent as is in `Authorization`) and how many
/// seconds it lives (14400, four hours, on Wix). `Debug` leaves the token out.
///
/// ```
/// use tollgate::wix::protocol::TokenResponse;
///
/// let answer: TokenResponse =
///     serde_json::from_str(r#"{"access_token":"made-up","token_type":"Bearer","expires_in":14400}"#).unwrap();
/// assert_eq!(answer.expires_in, 14400);
/// assert!(!format!("{answer:?}").contains("made-up"));
/// ```
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenResponse {
    /// The access token.
    pub access_token: String,
    /// `Bearer`.
    #[serde(default)]
    pub token_type: String,
    /// Its lifetime, in seconds.
    pub expires_in: u64,
}

impl fmt::Debug for TokenResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenResponse")
            .field("access_token", &"[redacted]")
            .field("token_type", &self.token_type)
            .field("expires_in", &self.expires_in)
            .finish()
    }
}
