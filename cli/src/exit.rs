//! The exit statuses, one meaning each.

use std::process::ExitCode;

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exit {
    /// Valid, or sent.
    Ok,
    /// Invalid or rejected: nothing was delivered.
    Invalid,
    /// The input or the configuration could not be used.
    Unusable,
    /// A message may have been delivered: check before sending it again.
    MaybeDelivered,
    /// Stopped by Ctrl-C before every message was sent.
    Interrupted,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(match exit {
            Exit::Ok => 0,
            Exit::Invalid => 1,
            Exit::Unusable => 2,
            Exit::MaybeDelivered => 3,
            Exit::Interrupted => 130,
        })
    }
}
