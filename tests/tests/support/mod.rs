//! What the client suites share: made-up credentials, sandboxes and clients wired to them.

#![allow(dead_code, unreachable_pub)]

use std::time::Duration;

use tollgate::wix::inbox::{Message, MessageContent, SendMessageRequest};
use tollgate::wix::{Auth, Client, RetryPolicy};
use tollgate_sandbox::{AppCredentials, Sandbox, SandboxConfig};

pub const APP_ID: &str = "9e1c6a4f-2b7d-4c3e-8f5a-1d2c3b4a5e6f";
pub const APP_SECRET: &str = "made-up-app-secret-0123456789";
pub const INSTANCE_ID: &str = "3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f";
pub const CONVERSATION: &str = "6202c3bb-f263-3c16-8c90-d6387d9ed420";

pub fn text_request(text: &str) -> SendMessageRequest {
    SendMessageRequest::builder()
        .conversation_id(CONVERSATION)
        .message(Message::builder().content(MessageContent::text(text)))
        .build()
        .expect("a valid request")
}

/// Fast retries, so that a test of several retries takes milliseconds.
pub fn quick_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        max_retry_after: Duration::from_secs(5),
    }
}

/// A sandbox that knows the test app, with tokens living `ttl`.
pub async fn app_sandbox(ttl: Duration) -> Sandbox {
    Sandbox::start_with(SandboxConfig {
        apps: vec![AppCredentials { app_id: APP_ID.into(), app_secret: APP_SECRET.into() }],
        token_ttl: ttl,
        ..SandboxConfig::default()
    })
    .await
    .expect("the sandbox starts")
}

pub fn client_with(sandbox: &Sandbox, auth: Auth, retry: RetryPolicy) -> Client {
    Client::builder(auth)
        .base_url(sandbox.base_url())
        .retry(retry)
        .timeout(Duration::from_secs(5))
        .build()
        .expect("a loopback base URL is allowed")
}

pub fn app_client(sandbox: &Sandbox) -> Client {
    client_with(sandbox, Auth::app(APP_ID, APP_SECRET, INSTANCE_ID), quick_retries())
}

/// Collects everything logged, from every crate, at every level.
#[derive(Clone, Default)]
pub struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    /// Captures every log line at TRACE on this thread until the guard is dropped.
    pub fn start() -> (Captured, tracing::subscriber::DefaultGuard) {
        let logs = Captured::default();
        let writer = logs.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        (logs, tracing::subscriber::set_default(subscriber))
    }

    /// Everything logged so far.
    pub fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}
