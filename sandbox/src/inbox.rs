//! What a sandbox remembers: its configuration, the messages it stored, the tokens it
//! issued, the faults queued per route, and its counters.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use tollgate::wix::inbox::{IdentificationData, Message, SendMessageRequest};

use crate::{ids, AppCredentials, Fault, Route, SandboxConfig, SANDBOX_APP_ID};

/// What a sandbox remembers. Shared by every connection; all methods take `&self`.
///
/// ```
/// use tollgate_sandbox::handler::Inbox;
/// use tollgate_sandbox::{Fault, Route, SandboxConfig};
///
/// let inbox = Inbox::new(&SandboxConfig::default());
/// inbox.inject(Fault::MalformedJson);
/// inbox.inject_on(Route::Token, Fault::DropConnection);
/// assert_eq!(inbox.arrive(), Some(Fault::MalformedJson));
/// assert_eq!(inbox.arrive(), None);
/// assert_eq!(inbox.arrive_at(Route::Token), Some(Fault::DropConnection));
/// assert_eq!(inbox.requests_seen(), 2);
/// assert_eq!(inbox.requests_seen_on(Route::Token), 1);
/// ```
pub struct Inbox {
    pub(crate) api_key: Option<String>,
    pub(crate) site_id: Option<String>,
    pub(crate) apps: Vec<AppCredentials>,
    pub(crate) token_ttl: Duration,
    max_body_bytes: usize,
    memory: Mutex<Memory>,
}

/// A message as stored, with the conversation it belongs to.
#[derive(Clone)]
pub(crate) struct Stored {
    pub(crate) conversation_id: String,
    pub(crate) message: Message,
}

/// An access token the sandbox issued.
#[derive(Clone)]
pub(crate) struct Issued {
    pub(crate) app_id: String,
    pub(crate) expires: Instant,
}

#[derive(Default)]
struct Memory {
    received: Vec<SendMessageRequest>,
    stored: Vec<Stored>,
    tokens: HashMap<String, Issued>,
    faults: HashMap<Route, VecDeque<Fault>>,
    /// The last `sequence` given out.
    sequence: i64,
    requests_seen: HashMap<Route, usize>,
}

impl fmt::Debug for Inbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let memory = self.memory();
        f.debug_struct("Inbox")
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("site_id", &self.site_id)
            .field("apps", &self.apps)
            .field("token_ttl", &self.token_ttl)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("stored", &memory.stored.len())
            .field("tokens", &memory.tokens.len())
            .field("faults", &memory.faults)
            .field("requests_seen", &memory.requests_seen)
            .finish_non_exhaustive()
    }
}

impl Inbox {
    /// An empty inbox that checks requests as `config` says (its `bind` is not used here).
    ///
    /// ```
    /// # use tollgate_sandbox::{handler::Inbox, SandboxConfig};
    /// let inbox = Inbox::new(&SandboxConfig { max_body_bytes: 10, ..SandboxConfig::default() });
    /// assert_eq!(inbox.max_body_bytes(), 10);
    /// ```
    pub fn new(config: &SandboxConfig) -> Inbox {
        Inbox {
            api_key: config.api_key.clone(),
            site_id: config.site_id.clone(),
            apps: config.apps.clone(),
            token_ttl: config.token_ttl,
            max_body_bytes: config.max_body_bytes,
            memory: Mutex::new(Memory::default()),
        }
    }

    /// A lock that a panic elsewhere cannot poison for good: the memory stays consistent
    /// between statements.
    fn memory(&self) -> MutexGuard<'_, Memory> {
        self.memory.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Request bodies longer than this get `413`.
    ///
    /// ```
    /// # use tollgate_sandbox::{handler::Inbox, SandboxConfig};
    /// assert_eq!(Inbox::new(&SandboxConfig::default()).max_body_bytes(), 1 << 20);
    /// ```
    pub fn max_body_bytes(&self) -> usize {
        self.max_body_bytes
    }

    /// The accepted Send Message requests, in order, as they were sent.
    ///
    /// ```
    /// # use tollgate_sandbox::{handler::Inbox, SandboxConfig};
    /// assert!(Inbox::new(&SandboxConfig::default()).received().is_empty());
    /// ```
    pub fn received(&self) -> Vec<SendMessageRequest> {
        self.memory().received.clone()
    }

    /// How many requests [arrived](Inbox::arrive) at Send Message.
    ///
    /// ```
    /// # use tollgate_sandbox::{handler::Inbox, SandboxConfig};
    /// assert_eq!(Inbox::new(&SandboxConfig::default()).requests_seen(), 0);
    /// ```
    pub fn requests_seen(&self) -> usize {
        self.requests_seen_on(Route::SendMessage)
    }

    /// How many requests [arrived](Inbox::arrive_at) at `route`; see [`Inbox`].
    pub fn requests_seen_on(&self, route: Route) -> usize {
        self.memory().requests_seen.get(&route).copied().unwrap_or(0)
    }

    /// Queues `fault` for a later Send Message request.
    ///
    /// ```
    /// # use tollgate_sandbox::{handler::Inbox, Fault, SandboxConfig};
    /// let inbox = Inbox::new(&SandboxConfig::default());
    /// inbox.inject(Fault::Delay { millis: 1 });
    /// assert_eq!(inbox.arrive(), Some(Fault::Delay { millis: 1 }));
    /// ```
    pub fn inject(&self, fault: Fault) {
        self.inject_on(Route::SendMessage, fault);
    }

    /// Queues `fault` for a later request to `route`; see [`Inbox`].
    pub fn inject_on(&self, route: Route, fault: Fault) {
        self.memory().faults.entry(route).or_default().push_back(fault);
    }

    /// Forgets the stored messages, the issued tokens and the queued faults; the counters
    /// keep counting.
    ///
    /// ```
    /// # use tollgate_sandbox::{handler::Inbox, Fault, SandboxConfig};
    /// let inbox = Inbox::new(&SandboxConfig::default());
    /// inbox.inject(Fault::MalformedJson);
    /// inbox.clear();
    /// assert_eq!(inbox.arrive(), None);
    /// ```
    pub fn clear(&self) {
        let mut memory = self.memory();
        memory.received.clear();
        memory.stored.clear();
        memory.tokens.clear();
        memory.faults.clear();
    }

    /// Makes every issued token unknown, as if Wix had revoked them: the next call with one
    /// gets `401`.
    ///
    /// ```
    /// # use tollgate_sandbox::{handler::Inbox, SandboxConfig};
    /// Inbox::new(&SandboxConfig::default()).revoke_tokens();
    /// ```
    pub fn revoke_tokens(&self) {
        self.memory().tokens.clear();
    }

    /// Counts a request that reached Send Message and takes the next queued fault, if any.
    ///
    /// ```
    /// # use tollgate_sandbox::{handler::Inbox, SandboxConfig};
    /// let inbox = Inbox::new(&SandboxConfig::default());
    /// assert_eq!(inbox.arrive(), None);
    /// assert_eq!(inbox.requests_seen(), 1);
    /// ```
    pub fn arrive(&self) -> Option<Fault> {
        self.arrive_at(Route::SendMessage)
    }

    /// Counts a request that reached `route` and takes its next queued fault, if any. The
    /// server calls it once per request, before reading the body. See [`Inbox`].
    pub fn arrive_at(&self, route: Route) -> Option<Fault> {
        let mut memory = self.memory();
        *memory.requests_seen.entry(route).or_default() += 1;
        memory.faults.get_mut(&route).and_then(VecDeque::pop_front)
    }

    /// Stores an accepted request, sent by `app_id` (the sandbox's own app for API-key
    /// calls), and returns its message as stored: `id`, `sequence`, `createdDate`, `appId`
    /// and `sender` filled in.
    pub(crate) fn store(&self, request: SendMessageRequest, app_id: Option<&str>) -> Message {
        let app_id = app_id.unwrap_or(SANDBOX_APP_ID).to_owned();
        let mut message = request.message.clone().unwrap_or_default();
        message.id = Some(ids::guid());
        message.created_date = Some(ids::now());
        message.app_id = Some(app_id.clone());
        message.sender = Some(IdentificationData { app_id: Some(app_id), ..IdentificationData::default() });
        let mut memory = self.memory();
        memory.sequence += 1;
        message.sequence = Some(memory.sequence);
        let conversation_id = request.conversation_id.clone();
        memory.stored.push(Stored { conversation_id, message: message.clone() });
        memory.received.push(request);
        message
    }

    /// The stored messages of `conversation_id`, oldest first.
    pub(crate) fn conversation(&self, conversation_id: &str) -> Vec<Message> {
        let memory = self.memory();
        memory
            .stored
            .iter()
            .filter(|stored| stored.conversation_id == conversation_id)
            .map(|stored| stored.message.clone())
            .collect()
    }

    /// Remembers an issued token.
    pub(crate) fn issue(&self, token: String, issued: Issued) {
        self.memory().tokens.insert(token, issued);
    }

    /// The token `value`, if the sandbox issued it (expired or not).
    pub(crate) fn issued(&self, value: &str) -> Option<Issued> {
        self.memory().tokens.get(value).cloned()
    }
}
