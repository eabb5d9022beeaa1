//! The sandbox over real sockets, with a minimal HTTP/1.1 client written on `TcpStream`.

use std::collections::HashSet;
use std::io;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::net::TcpStream;
use tollgate::wix::inbox::SendMessageRequest;
use tollgate_sandbox::handler::{respond, Inbox};
use tollgate_sandbox::{Fault, Sandbox, SandboxConfig, SANDBOX_APP_ID};

const VALID: &str = r#"{"conversationId":"6202c3bb-f263-3c16-8c90-d6387d9ed420","message":{"content":{"basic":{"items":[{"text":"Hey!"}]}}}}"#;
const SEND: &str = "/inbox/v2/messages";

// ---------------------------------------------------------------------------------------------
// A plain HTTP/1.1 client.

#[derive(Debug)]
struct HttpResponse {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl HttpResponse {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("body is not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
}

async fn write_all(stream: &TcpStream, mut buf: &[u8]) -> io::Result<()> {
    while !buf.is_empty() {
        stream.writable().await?;
        match stream.try_write(buf) {
            Ok(n) => buf = &buf[n..],
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Reads until `done` says the bytes so far are enough, or until end of stream. A reset
/// connection counts as the end of the stream.
async fn read_until(stream: &TcpStream, done: impl Fn(&[u8]) -> bool) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    while !done(&out) {
        stream.readable().await?;
        match stream.try_read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => out.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
            Err(e) if e.kind() == io::ErrorKind::ConnectionReset => break,
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

fn request_bytes(method: &str, path: &str, headers: &[(&str, &str)], body: &[u8], close: bool) -> Vec<u8> {
    let mut out = format!("{method} {path} HTTP/1.1\r\nHost: sandbox\r\nContent-Length: {}\r\n", body.len());
    if close {
        out.push_str("Connection: close\r\n");
    }
    for (name, value) in headers {
        out.push_str(name);
        out.push_str(": ");
        out.push_str(value);
        out.push_str("\r\n");
    }
    out.push_str("\r\n");
    let mut out = out.into_bytes();
    out.extend_from_slice(body);
    out
}

/// A complete response at the start of `raw`, with how many bytes it took; `None` when
/// `raw` holds no complete response.
fn parse_response(raw: &[u8]) -> Option<(HttpResponse, usize)> {
    let head_end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..head_end]).ok()?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next()?;
    let mut parts = status_line.splitn(3, ' ');
    if parts.next()? != "HTTP/1.1" {
        return None;
    }
    let status: u16 = parts.next()?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .map(|line| {
            let (name, value) = line.split_once(':').unwrap_or((line, ""));
            (name.trim().to_ascii_lowercase(), value.trim().to_owned())
        })
        .collect();
    let rest = &raw[head_end + 4..];
    let find = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    let (body, used) = if let Some(length) = find("content-length") {
        let length: usize = length.parse().ok()?;
        if rest.len() < length {
            return None;
        }
        (rest[..length].to_vec(), length)
    } else if find("transfer-encoding").is_some_and(|te| te.eq_ignore_ascii_case("chunked")) {
        let mut body = Vec::new();
        let mut at = 0;
        loop {
            let line_end = rest[at..].windows(2).position(|w| w == b"\r\n")? + at;
            let size =
                usize::from_str_radix(std::str::from_utf8(&rest[at..line_end]).ok()?.trim(), 16).ok()?;
            at = line_end + 2;
            if size == 0 {
                if rest.len() < at + 2 {
                    return None;
                }
                break (body, at + 2);
            }
            if rest.len() < at + size + 2 {
                return None;
            }
            body.extend_from_slice(&rest[at..at + size]);
            at += size + 2;
        }
    } else if status == 204 || status == 304 {
        (Vec::new(), 0)
    } else {
        (rest.to_vec(), rest.len())
    };
    Some((HttpResponse { status, headers, body }, head_end + 4 + used))
}

/// One request on a fresh connection with `Connection: close`; reads to end of stream.
async fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> HttpResponse {
    let stream = TcpStream::connect(addr).await.expect("connect");
    write_all(&stream, &request_bytes(method, path, headers, body, true)).await.expect("write");
    let raw = read_until(&stream, |_| false).await.expect("read");
    let (response, _) = parse_response(&raw)
        .unwrap_or_else(|| panic!("no complete response in {:?}", String::from_utf8_lossy(&raw)));
    response
}

async fn send(addr: SocketAddr, body: &str) -> HttpResponse {
    http(
        addr,
        "POST",
        SEND,
        &[("Authorization", "test-key"), ("Content-Type", "application/json")],
        body.as_bytes(),
    )
    .await
}

fn is_guid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
}

fn is_rfc3339_millis_utc(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 24
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            19 => *c == b'.',
            23 => *c == b'Z',
            _ => c.is_ascii_digit(),
        })
}

fn violations(response: &HttpResponse) -> Vec<(String, String)> {
    let body = response.json();
    body["details"]["validationError"]["fieldViolations"]
        .as_array()
        .unwrap_or_else(|| panic!("no fieldViolations in {body}"))
        .iter()
        .map(|v| {
            assert!(v["description"].is_string(), "{v}");
            (v["field"].as_str().unwrap().to_owned(), v["violatedRule"].as_str().unwrap().to_owned())
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Send Message.

#[tokio::test]
async fn a_valid_message_is_stored_and_answered_as_stored() {
    let sandbox = Sandbox::start().await.unwrap();
    let response = send(sandbox.addr(), VALID).await;
    assert_eq!(response.status, 200, "{response:?}");
    assert_eq!(response.header("content-type"), Some("application/json"));
    assert!(is_guid(response.header("x-wix-request-id").unwrap()));

    let body = response.json();
    let message = &body["message"];
    assert!(is_guid(message["id"].as_str().unwrap()), "{message}");
    assert_eq!(message["sequence"], "1");
    assert!(is_rfc3339_millis_utc(message["createdDate"].as_str().unwrap()), "{message}");
    assert_eq!(message["appId"], SANDBOX_APP_ID);
    assert_eq!(message["sender"], json!({"appId": SANDBOX_APP_ID}));
    assert_eq!(message["content"], json!({"basic": {"items": [{"text": "Hey!"}]}}));

    let sent: SendMessageRequest = serde_json::from_str(VALID).unwrap();
    assert_eq!(sandbox.received(), vec![sent.clone()]);
    assert_eq!(sandbox.requests_seen(), 1);

    let listed = http(sandbox.addr(), "GET", "/_sandbox/messages", &[], b"").await;
    assert_eq!(listed.status, 200);
    assert_eq!(listed.json(), json!([serde_json::to_value(&sent).unwrap()]));

    let second = send(sandbox.addr(), VALID).await.json();
    assert_eq!(second["message"]["sequence"], "2");
    assert_ne!(second["message"]["id"], message["id"]);
    assert_eq!(sandbox.received().len(), 2);
}

#[tokio::test]
async fn a_missing_empty_or_wrong_key_is_401_and_nothing_is_stored() {
    let sandbox =
        Sandbox::start_with(SandboxConfig { api_key: Some("secret".into()), ..SandboxConfig::default() })
            .await
            .unwrap();
    let addr = sandbox.addr();
    for headers in [&[][..], &[("Authorization", "")][..], &[("Authorization", "wrong")][..]] {
        let response = http(addr, "POST", SEND, headers, VALID.as_bytes()).await;
        assert_eq!(response.status, 401, "{headers:?}");
        let body = response.json();
        assert!(body["message"].is_string());
        assert_eq!(body["details"]["applicationError"]["code"], "UNAUTHENTICATED");
        assert!(body["details"]["applicationError"]["description"].is_string());
        assert_eq!(body["details"]["applicationError"]["data"], json!({}));
        assert!(!String::from_utf8_lossy(&response.body).contains("wrong"));
    }
    assert!(sandbox.received().is_empty());
    let ok = http(addr, "POST", SEND, &[("Authorization", "secret")], VALID.as_bytes()).await;
    assert_eq!(ok.status, 200);
    assert_eq!(sandbox.received().len(), 1);
    assert_eq!(sandbox.requests_seen(), 4);
}

#[tokio::test]
async fn without_a_configured_key_any_non_empty_key_passes() {
    let sandbox = Sandbox::start().await.unwrap();
    let response =
        http(sandbox.addr(), "POST", SEND, &[("Authorization", "anything")], VALID.as_bytes()).await;
    assert_eq!(response.status, 200);
    let response = http(sandbox.addr(), "POST", SEND, &[], VALID.as_bytes()).await;
    assert_eq!(response.status, 401);
}

#[tokio::test]
async fn a_missing_or_wrong_site_id_is_403() {
    let site = "0f7e4c2a-1b3d-4e5f-8a9b-0c1d2e3f4a5b";
    let sandbox =
        Sandbox::start_with(SandboxConfig { site_id: Some(site.into()), ..SandboxConfig::default() })
            .await
            .unwrap();
    let addr = sandbox.addr();
    let missing = http(addr, "POST", SEND, &[("Authorization", "k")], VALID.as_bytes()).await;
    let wrong =
        http(addr, "POST", SEND, &[("Authorization", "k"), ("wix-site-id", "other")], VALID.as_bytes()).await;
    for response in [&missing, &wrong] {
        assert_eq!(response.status, 403);
        assert_eq!(response.json()["details"]["applicationError"]["code"], "FORBIDDEN");
    }
    assert!(sandbox.received().is_empty());
    let right =
        http(addr, "POST", SEND, &[("Authorization", "k"), ("Wix-Site-Id", site)], VALID.as_bytes()).await;
    assert_eq!(right.status, 200);
}

#[tokio::test]
async fn unreadable_json_is_400_with_a_format_violation() {
    let sandbox = Sandbox::start().await.unwrap();
    for body in ["", "{", "not json", "[1, 2]", "null", r#"{"conversationId": 5"#] {
        let response = send(sandbox.addr(), body).await;
        assert_eq!(response.status, 400, "{body}");
        assert_eq!(violations(&response), vec![(String::new(), "FORMAT".to_owned())], "{body}");
        assert!(response.json()["message"].is_string());
    }
    // A value of the wrong type, with its wire path.
    let wrong_type = r#"{"conversationId":"6202c3bb-f263-3c16-8c90-d6387d9ed420","message":{"content":{"basic":{"items":[{"text":42}]}}}}"#;
    let response = send(sandbox.addr(), wrong_type).await;
    assert_eq!(response.status, 400);
    assert_eq!(
        violations(&response),
        vec![("message.content.basic.items[0].text".to_owned(), "FORMAT".to_owned())]
    );
    assert!(sandbox.received().is_empty());
}

#[tokio::test]
async fn an_invalid_request_is_400_with_every_violation() {
    let sandbox = Sandbox::start().await.unwrap();
    let response = send(sandbox.addr(), r#"{"conversationId":"not-a-guid","message":{}}"#).await;
    assert_eq!(response.status, 400);
    let found = violations(&response);
    assert!(found.contains(&("conversationId".to_owned(), "FORMAT".to_owned())), "{found:?}");
    assert!(found.contains(&("message.content".to_owned(), "REQUIRED_FIELD".to_owned())), "{found:?}");
    assert!(response.json()["message"].as_str().unwrap().contains("conversationId"));

    let two_payloads = r#"{"conversationId":"6202c3bb-f263-3c16-8c90-d6387d9ed420","message":{"content":{"basic":{"items":[{"text":"a"}]},"minimal":{"text":"b"}}}}"#;
    let response = send(sandbox.addr(), two_payloads).await;
    assert_eq!(response.status, 400);
    assert!(violations(&response).iter().any(|(_, rule)| rule == "ONE_OF_ALIGNMENT"), "{response:?}");
    assert!(sandbox.received().is_empty());
}

#[tokio::test]
async fn a_body_over_the_limit_is_413() {
    let sandbox =
        Sandbox::start_with(SandboxConfig { max_body_bytes: 256, ..SandboxConfig::default() }).await.unwrap();
    let padded = format!(
        r#"{{"conversationId":"6202c3bb-f263-3c16-8c90-d6387d9ed420","message":{{"content":{{"previewText":"{}","basic":{{"items":[{{"text":"Hey!"}}]}}}}}}}}"#,
        "p".repeat(200)
    );
    assert!(padded.len() > 256);
    let response = send(sandbox.addr(), &padded).await;
    assert_eq!(response.status, 413);
    assert_eq!(response.json()["details"]["applicationError"]["code"], "PAYLOAD_TOO_LARGE");
    assert!(sandbox.received().is_empty());
    assert_eq!(send(sandbox.addr(), VALID).await.status, 200);
}

#[tokio::test]
async fn a_body_far_over_the_default_limit_is_413_not_a_reset() {
    let sandbox = Sandbox::start().await.unwrap();
    let huge = format!(r#"{{"conversationId":"{}"}}"#, "x".repeat(3 * 1024 * 1024));
    let response = send(sandbox.addr(), &huge).await;
    assert_eq!(response.status, 413);
    assert!(sandbox.received().is_empty());
}

// ---------------------------------------------------------------------------------------------
// Faults.

#[tokio::test]
async fn a_status_fault_answers_as_told_without_processing() {
    let sandbox = Sandbox::start().await.unwrap();
    let body = r#"{"message":"slow down","details":{"applicationError":{"code":"TOO_MANY_REQUESTS"}}}"#;
    sandbox.inject(Fault::Status { status: 429, body: body.into(), retry_after: Some("7".into()) });
    let response = send(sandbox.addr(), VALID).await;
    assert_eq!(response.status, 429);
    assert_eq!(response.header("retry-after"), Some("7"));
    assert_eq!(response.body, body.as_bytes());
    assert_eq!(response.header("content-type"), Some("application/json"));
    assert!(response.header("x-wix-request-id").is_some());
    assert!(sandbox.received().is_empty());
    assert_eq!(sandbox.requests_seen(), 1);

    // Without Retry-After, and even without a valid Authorization.
    sandbox.inject(Fault::Status { status: 503, body: String::new(), retry_after: None });
    let response = http(sandbox.addr(), "POST", SEND, &[], VALID.as_bytes()).await;
    assert_eq!(response.status, 503);
    assert_eq!(response.header("retry-after"), None);
    assert!(response.body.is_empty());

    assert_eq!(send(sandbox.addr(), VALID).await.status, 200);
}

#[tokio::test]
async fn a_delay_fault_delays_then_handles_normally() {
    let sandbox = Sandbox::start().await.unwrap();
    sandbox.inject(Fault::Delay { millis: 300 });
    let started = Instant::now();
    let response = send(sandbox.addr(), VALID).await;
    assert!(started.elapsed() >= Duration::from_millis(300), "{:?}", started.elapsed());
    assert_eq!(response.status, 200);
    assert_eq!(sandbox.received().len(), 1);
}

#[tokio::test]
async fn a_malformed_json_fault_stores_and_answers_broken_json() {
    let sandbox = Sandbox::start().await.unwrap();
    sandbox.inject(Fault::MalformedJson);
    let response = send(sandbox.addr(), VALID).await;
    assert_eq!(response.status, 200);
    assert!(!response.body.is_empty());
    assert!(serde_json::from_slice::<Value>(&response.body).is_err());
    assert_eq!(sandbox.received().len(), 1);
}

#[tokio::test]
async fn an_oversized_fault_stores_and_answers_a_long_body() {
    let sandbox = Sandbox::start().await.unwrap();
    sandbox.inject(Fault::Oversized { bytes: 3 * 1024 * 1024 + 7 });
    let response = send(sandbox.addr(), VALID).await;
    assert_eq!(response.status, 200);
    assert!(response.body.len() >= 3 * 1024 * 1024 + 7);
    assert_eq!(response.header("content-length"), Some(response.body.len().to_string().as_str()));
    assert!(response.body.starts_with(br#"{"message":{"id":""#));
    assert_eq!(sandbox.received().len(), 1);

    sandbox.inject(Fault::Oversized { bytes: 3 });
    let small = send(sandbox.addr(), VALID).await;
    assert!(small.body.len() >= 3);
}

#[tokio::test]
async fn a_drop_connection_fault_stores_then_closes_without_a_response() {
    let sandbox = Sandbox::start().await.unwrap();
    // A keep-alive connection opened before the fault, which must survive it.
    let bystander = TcpStream::connect(sandbox.addr()).await.unwrap();
    let keep_alive = request_bytes("POST", SEND, &[("Authorization", "k")], VALID.as_bytes(), false);
    write_all(&bystander, &keep_alive).await.unwrap();
    let raw = read_until(&bystander, |raw| parse_response(raw).is_some()).await.unwrap();
    assert_eq!(parse_response(&raw).unwrap().0.status, 200);

    sandbox.inject(Fault::DropConnection);
    let victim = TcpStream::connect(sandbox.addr()).await.unwrap();
    write_all(&victim, &request_bytes("POST", SEND, &[("Authorization", "k")], VALID.as_bytes(), true))
        .await
        .unwrap();
    let raw = tokio::time::timeout(Duration::from_secs(10), read_until(&victim, |_| false))
        .await
        .expect("the connection is closed")
        .unwrap();
    assert!(parse_response(&raw).is_none(), "{:?}", String::from_utf8_lossy(&raw));
    assert!(raw.is_empty(), "no byte of a response: {:?}", String::from_utf8_lossy(&raw));
    assert_eq!(sandbox.requests_seen(), 2);
    assert_eq!(sandbox.received().len(), 2, "the server acted");

    // The other connection, and new ones, are still served.
    write_all(&bystander, &keep_alive).await.unwrap();
    let raw = read_until(&bystander, |raw| parse_response(raw).is_some()).await.unwrap();
    let (response, _) = parse_response(&raw).expect("the bystander is answered");
    assert_eq!(response.json()["message"]["sequence"], "3");
    assert_eq!(send(sandbox.addr(), VALID).await.status, 200);
    assert_eq!(sandbox.received().len(), 4);
}

#[tokio::test]
async fn faults_are_consumed_in_order_one_per_request() {
    let sandbox = Sandbox::start().await.unwrap();
    sandbox.inject(Fault::Status { status: 503, body: "{}".into(), retry_after: None });
    // Queued over HTTP too, in the documented JSON.
    let queued = http(
        sandbox.addr(),
        "POST",
        "/_sandbox/faults",
        &[],
        br#"{"kind":"status","status":500,"body":"{\"message\":\"boom\"}"}"#,
    )
    .await;
    assert_eq!(queued.status, 204);
    let queued = http(sandbox.addr(), "POST", "/_sandbox/faults", &[], br#"{"kind":"malformedJson"}"#).await;
    assert_eq!(queued.status, 204);

    let statuses = [
        send(sandbox.addr(), VALID).await,
        send(sandbox.addr(), VALID).await,
        send(sandbox.addr(), VALID).await,
        send(sandbox.addr(), VALID).await,
    ];
    assert_eq!(statuses.iter().map(|r| r.status).collect::<Vec<_>>(), [503, 500, 200, 200]);
    assert_eq!(statuses[1].body, br#"{"message":"boom"}"#);
    assert!(serde_json::from_slice::<Value>(&statuses[2].body).is_err());
    assert!(serde_json::from_slice::<Value>(&statuses[3].body).is_ok());
    assert_eq!(sandbox.requests_seen(), 4);
    assert_eq!(sandbox.received().len(), 2);
}

#[tokio::test]
async fn a_fault_that_is_not_a_fault_is_refused() {
    let sandbox = Sandbox::start().await.unwrap();
    for body in [&b"{}"[..], br#"{"kind":"explode"}"#, br#"{"kind":"status","status":42}"#, b"nope"] {
        let response = http(sandbox.addr(), "POST", "/_sandbox/faults", &[], body).await;
        assert_eq!(response.status, 400, "{}", String::from_utf8_lossy(body));
    }
    assert_eq!(send(sandbox.addr(), VALID).await.status, 200);
}

#[tokio::test]
async fn clearing_forgets_messages_and_faults() {
    let sandbox = Sandbox::start().await.unwrap();
    assert_eq!(send(sandbox.addr(), VALID).await.status, 200);
    sandbox.inject(Fault::MalformedJson);
    let cleared = http(sandbox.addr(), "DELETE", "/_sandbox/messages", &[], b"").await;
    assert_eq!(cleared.status, 204);
    assert!(sandbox.received().is_empty());
    assert_eq!(send(sandbox.addr(), VALID).await.status, 200);
    assert!(serde_json::from_slice::<Value>(&send(sandbox.addr(), VALID).await.body).is_ok());

    sandbox.inject(Fault::DropConnection);
    sandbox.clear();
    assert!(sandbox.received().is_empty());
    assert_eq!(send(sandbox.addr(), VALID).await.status, 200);
    let listed = http(sandbox.addr(), "GET", "/_sandbox/messages", &[], b"").await;
    assert_eq!(listed.json().as_array().unwrap().len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Routes, ids, lifecycle.

#[tokio::test]
async fn anything_else_is_404_json() {
    let sandbox = Sandbox::start().await.unwrap();
    for (method, path) in [
        ("GET", "/"),
        ("PUT", SEND),
        ("GET", "/oauth2/token"),
        ("POST", "/inbox/v2/messages/"),
        ("POST", "/inbox/v1/messages"),
        ("GET", "/_sandbox/faults"),
    ] {
        let response = http(sandbox.addr(), method, path, &[("Authorization", "k")], b"").await;
        assert_eq!(response.status, 404, "{method} {path}");
        assert_eq!(response.header("content-type"), Some("application/json"));
        assert_eq!(response.json(), json!({"message": "not found"}));
    }
    assert_eq!(sandbox.requests_seen(), 0);
}

#[tokio::test]
async fn every_response_has_its_own_request_id() {
    let sandbox = Sandbox::start().await.unwrap();
    let mut ids = HashSet::new();
    for i in 0..10 {
        let response = match i % 3 {
            0 => send(sandbox.addr(), VALID).await,
            1 => send(sandbox.addr(), "{").await,
            _ => http(sandbox.addr(), "GET", "/nowhere", &[], b"").await,
        };
        let id = response.header("x-wix-request-id").expect("x-wix-request-id").to_owned();
        assert!(ids.insert(id));
    }
}

#[tokio::test]
async fn shutdown_stops_the_server() {
    let sandbox = Sandbox::start().await.unwrap();
    let addr = sandbox.addr();
    assert_eq!(sandbox.base_url(), format!("http://127.0.0.1:{}", addr.port()));
    assert_eq!(send(addr, VALID).await.status, 200);
    sandbox.shutdown().await;
    assert!(TcpStream::connect(addr).await.is_err());
}

#[tokio::test]
async fn dropping_the_sandbox_stops_it() {
    let sandbox = Sandbox::start().await.unwrap();
    let addr = sandbox.addr();
    drop(sandbox);
    let deadline = Instant::now() + Duration::from_secs(5);
    while TcpStream::connect(addr).await.is_ok() {
        assert!(Instant::now() < deadline, "still listening");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

// ---------------------------------------------------------------------------------------------
// `respond` without a network.

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n as u64)).unwrap()
    }
}

#[test]
fn respond_never_panics_on_garbage() {
    let inbox = Inbox::new(&SandboxConfig {
        api_key: Some("key".into()),
        site_id: Some("site".into()),
        max_body_bytes: 4096,
        ..SandboxConfig::default()
    });
    let good_headers: [(&str, &[u8]); 2] = [("authorization", b"key"), ("wix-site-id", b"site")];
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    let valid_two = br#"{"conversationId":"6202c3bb-f263-3c16-8c90-d6387d9ed420","sendAs":"CALLER","message":{"badges":[{"text":"x","iconUrl":"https://e.com/a.png"}],"content":{"previewText":"p","form":{"title":"t","fields":[{"name":"n","value":"v"}],"media":[{"image":{"url":"u","width":3}}]}}}}"#;
    let alphabet = b"{}[]\":,0123456789.eE+-truefalsnul \\u\xff\x00abcdefxyz";
    let mut accepted = 0;
    for round in 0..600 {
        let body: Vec<u8> = match round % 3 {
            0 => (0..rng.below(300)).map(|_| u8::try_from(rng.next() & 0xff).unwrap()).collect(),
            1 => (0..rng.below(300)).map(|_| alphabet[rng.below(alphabet.len())]).collect(),
            _ => {
                let mut body = if round % 2 == 0 { VALID.as_bytes().to_vec() } else { valid_two.to_vec() };
                for _ in 0..=rng.below(4) {
                    let at = rng.below(body.len() + 1);
                    match rng.below(3) {
                        0 if at < body.len() => {
                            body.remove(at);
                        }
                        1 if at < body.len() => body[at] = alphabet[rng.below(alphabet.len())],
                        _ => body.insert(at, alphabet[rng.below(alphabet.len())]),
                    }
                }
                body
            }
        };
        let reply = respond(&inbox, &good_headers, &body);
        assert!(
            matches!(reply.status, 200 | 400),
            "{} for {:?}",
            reply.status,
            String::from_utf8_lossy(&body)
        );
        let json: Value = serde_json::from_slice(&reply.body).expect("every answer is JSON");
        if reply.status == 200 {
            accepted += 1;
            assert!(json["message"]["id"].is_string());
        } else {
            assert!(json["details"]["validationError"]["fieldViolations"].is_array(), "{json}");
        }
        // Garbage headers, too.
        let name = String::from_utf8_lossy(&body[..body.len().min(12)]).into_owned();
        let reply = respond(&inbox, &[(name.as_str(), &body), ("authorization", &body)], &body);
        assert!(serde_json::from_slice::<Value>(&reply.body).is_ok());
        accepted += usize::from(reply.status == 200);
    }
    assert_eq!(inbox.received().len(), accepted);
    // Deep nesting and a body at the limit.
    let deep = format!("{}{}", "[".repeat(2_000), "]".repeat(2_000));
    assert_eq!(respond(&inbox, &good_headers, deep.as_bytes()).status, 400);
    let deep_object = format!(r#"{{"message":{}1{}}}"#, r#"{"a":"#.repeat(5_000), "}".repeat(5_000));
    assert_eq!(respond(&inbox, &good_headers, &deep_object.as_bytes()[..4096]).status, 400);
    assert_eq!(respond(&inbox, &good_headers, &[b' '; 4097]).status, 413);
}

// ---------------------------------------------------------------------------------------------
// App OAuth and List Messages.

const APP: &str = "an-app";
const SECRET: &str = "made-up-secret";

async fn app_sandbox(ttl: Duration) -> Sandbox {
    Sandbox::start_with(SandboxConfig {
        apps: vec![tollgate_sandbox::AppCredentials { app_id: APP.into(), app_secret: SECRET.into() }],
        token_ttl: ttl,
        ..SandboxConfig::default()
    })
    .await
    .unwrap()
}

async fn token_request(sandbox: &Sandbox, body: &Value) -> HttpResponse {
    let body = body.to_string();
    http(sandbox.addr(), "POST", "/oauth2/token", &[("Content-Type", "application/json")], body.as_bytes())
        .await
}

fn credentials(secret: &str) -> Value {
    json!({"grant_type": "client_credentials", "client_id": APP, "client_secret": secret, "instance_id": "i"})
}

#[tokio::test]
async fn the_token_endpoint_issues_tokens_for_configured_apps_only() {
    let sandbox = app_sandbox(Duration::from_secs(90)).await;
    let issued = token_request(&sandbox, &credentials(SECRET)).await;
    assert_eq!(issued.status, 200);
    let body = issued.json();
    assert!(body["access_token"].as_str().unwrap().starts_with(tollgate_sandbox::TOKEN_PREFIX), "{body}");
    assert_eq!((body["token_type"].clone(), body["expires_in"].clone()), (json!("Bearer"), json!(90)));
    let token = body["access_token"].as_str().unwrap().to_owned();
    let sent = http(sandbox.addr(), "POST", SEND, &[("Authorization", &token)], VALID.as_bytes()).await;
    assert_eq!(sent.status, 200);
    assert_eq!(sent.json()["message"]["sender"]["appId"], APP);

    let wrong = token_request(&sandbox, &credentials("wrong")).await;
    assert_eq!(wrong.status, 401);
    assert_eq!(wrong.json()["details"]["applicationError"]["code"], "UNAUTHENTICATED");
    let mut other_grant = credentials(SECRET);
    other_grant["grant_type"] = json!("refresh_token");
    assert_eq!(token_request(&sandbox, &other_grant).await.status, 400);
    let mut no_instance = credentials(SECRET);
    no_instance["instance_id"] = json!("");
    assert_eq!(token_request(&sandbox, &no_instance).await.status, 400);
    assert_eq!(sandbox.requests_seen_on(tollgate_sandbox::Route::Token), 4);
}

#[tokio::test]
async fn expired_revoked_and_unknown_tokens_get_wix_shaped_401s() {
    let sandbox = app_sandbox(Duration::from_secs(1)).await;
    let token = token_request(&sandbox, &credentials(SECRET)).await.json()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let expired = http(sandbox.addr(), "POST", SEND, &[("Authorization", &token)], VALID.as_bytes()).await;
    assert_eq!(expired.status, 401);
    assert_eq!(expired.json()["message"], "access token expired");
    let fresh = token_request(&sandbox, &credentials(SECRET)).await.json()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    sandbox.revoke_tokens();
    let unknown = format!("{}not-issued", tollgate_sandbox::TOKEN_PREFIX);
    for token in [fresh, unknown] {
        let refused =
            http(sandbox.addr(), "POST", SEND, &[("Authorization", &token)], VALID.as_bytes()).await;
        assert_eq!(refused.status, 401);
        assert_eq!(refused.json()["details"]["applicationError"]["code"], "UNAUTHENTICATED");
    }
    assert!(sandbox.received().is_empty());
}

#[tokio::test]
async fn faults_can_be_queued_per_route_over_http() {
    let sandbox = app_sandbox(Duration::from_secs(90)).await;
    let fault = br#"{"kind": "status", "status": 502, "body": "{}"}"#;
    for route in ["token", "list"] {
        let queued =
            http(sandbox.addr(), "POST", &format!("/_sandbox/faults?route={route}"), &[], fault).await;
        assert_eq!(queued.status, 204, "{route}");
    }
    assert_eq!(
        http(sandbox.addr(), "POST", "/_sandbox/faults?route=elsewhere", &[], fault).await.status,
        400
    );
    assert_eq!(token_request(&sandbox, &credentials(SECRET)).await.status, 502);
    assert_eq!(token_request(&sandbox, &credentials(SECRET)).await.status, 200);
    let list = format!("{SEND}?conversationId=6202c3bb-f263-3c16-8c90-d6387d9ed420&visibility=BUSINESS");
    assert_eq!(http(sandbox.addr(), "GET", &list, &[("Authorization", "k")], b"").await.status, 502);
    let listed = http(sandbox.addr(), "GET", &list, &[("Authorization", "k")], b"").await;
    assert_eq!(listed.status, 200);
    assert_eq!(listed.json(), json!({"pagingMetadata": {"count": 0, "cursors": {}}}));
    assert_eq!(send(sandbox.addr(), VALID).await.status, 200, "the send route had no fault queued");
}

#[tokio::test]
async fn a_drop_before_storing_fault_stores_nothing_and_answers_nothing() {
    let sandbox = Sandbox::start().await.unwrap();
    sandbox.inject(Fault::DropBeforeStoring);
    let stream = TcpStream::connect(sandbox.addr()).await.unwrap();
    let request = request_bytes("POST", SEND, &[("Authorization", "k")], VALID.as_bytes(), true);
    write_all(&stream, &request).await.unwrap();
    let raw = read_until(&stream, |_| false).await.unwrap_or_default();
    assert!(raw.is_empty(), "no byte of a response: {:?}", String::from_utf8_lossy(&raw));
    assert!(sandbox.received().is_empty());
    assert_eq!(sandbox.requests_seen(), 1);
}
