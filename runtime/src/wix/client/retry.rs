//! When to send again, and after how long.

use std::cell::Cell;
use std::time::{Duration, SystemTime};

/// How a client retries. It retries only where Wix certainly did not act on the request —
/// a refused connection, 429 and 503 — since Send Message has no idempotency key and a
/// second post after an ambiguous failure could deliver the message twice.
///
/// ```
/// use std::time::Duration;
/// use tollgate::wix::RetryPolicy;
///
/// let patient = RetryPolicy { max_retries: 5, ..RetryPolicy::default() };
/// let never = RetryPolicy::none();
/// assert_eq!(never.max_retries, 0);
/// assert_eq!(patient.max_retry_after, Duration::from_secs(30));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The first backoff; it doubles with each retry.
    pub base_delay: Duration,
    /// The longest backoff the client computes itself.
    pub max_delay: Duration,
    /// The longest `Retry-After` the client waits for; a longer one ends the send with the
    /// server's answer, so that the caller decides.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        RetryPolicy { max_retries: 0, ..RetryPolicy::default() }
    }

    /// The wait before retry number `retry` (1 for the first): "full jitter", a uniformly
    /// random part of the exponential backoff, and never less than what the server asked.
    pub(crate) fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        let exponential = self.base_delay.saturating_mul(1u32 << retry.saturating_sub(1).min(16));
        let ceiling = exponential.min(self.max_delay);
        let jittered = ceiling.mul_f64(random_unit());
        retry_after.map_or(jittered, |asked| asked.max(jittered))
    }
}

/// `Retry-After`: delay-seconds or an HTTP date, as a wait from now.
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
}

/// A number in `[0, 1)`, from a per-thread xorshift seeded by the clock: jitter needs to
/// differ between clients, not to be unpredictable.
fn random_unit() -> f64 {
    thread_local! {
        static STATE: Cell<u64> = Cell::new(
            SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0x9e37_79b9, |since| since.as_secs() ^ u64::from(since.subsec_nanos()) << 32)
                | 1,
        );
    }
    STATE.with(|state| {
        let mut x = state.get();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        state.set(x);
        let high = u32::try_from(x >> 32).unwrap_or(u32::MAX);
        f64::from(high) / (f64::from(u32::MAX) + 1.0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_within_its_ceiling_and_honours_retry_after() {
        let policy = RetryPolicy::default();
        for retry in 1..=10 {
            let ceiling = policy.base_delay.saturating_mul(1 << (retry - 1)).min(policy.max_delay);
            for _ in 0..100 {
                assert!(policy.delay(retry, None) <= ceiling);
            }
        }
        let asked = Duration::from_secs(7);
        assert!(policy.delay(1, Some(asked)) >= asked);
    }

    #[test]
    fn jitter_spreads_the_delays() {
        let policy = RetryPolicy::default();
        let delays: std::collections::HashSet<Duration> = (0..50).map(|_| policy.delay(3, None)).collect();
        assert!(delays.len() > 10, "{delays:?}");
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        assert_eq!(parse_retry_after("120"), Some(Duration::from_mins(2)));
        assert_eq!(parse_retry_after(" 0 "), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), Some(Duration::ZERO));
        let later = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(90));
        let wait = parse_retry_after(&later).unwrap();
        assert!(wait > Duration::from_secs(80) && wait <= Duration::from_secs(90), "{wait:?}");
        assert_eq!(parse_retry_after("soon"), None);
        assert_eq!(parse_retry_after("-5"), None);
    }
}
