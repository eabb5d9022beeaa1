//! The record of a batch: a JSON line before each send starts (with the time it starts) and
//! one when it ends, each on disk before the next step, so that an interrupted or killed
//! batch resumes without losing a line or sending one twice: a line left in flight is
//! settled by its start time.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// What happened to one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Outcome {
    /// Wix (or the sandbox) stored it.
    Sent,
    /// Wix answered that it did not accept it; sending again is safe.
    Rejected,
    /// It broke the model's rules (or was not a request) and was not sent.
    Invalid,
    /// It may have been delivered: it must not be sent again without a check.
    MaybeDelivered,
    /// Its send had started; a line whose last entry says so was in flight when the run
    /// ended, and reads back as `MaybeDelivered`.
    InFlight,
}

impl Outcome {
    /// Whether a resumed batch skips the line: it was delivered.
    pub(crate) fn is_final(self) -> bool {
        self == Outcome::Sent
    }

    /// Whether a resumed batch must settle the line before deciding: it may have been
    /// delivered.
    pub(crate) fn in_doubt(self) -> bool {
        matches!(self, Outcome::MaybeDelivered | Outcome::InFlight)
    }
}

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Entry {
    /// The line of the batch file, counted from 1.
    pub(crate) line: usize,
    pub(crate) outcome: Outcome,
    /// The stored message's id, or why it was not sent.
    pub(crate) detail: String,
    /// When the send began, in milliseconds since the Unix epoch: what settling a line in
    /// doubt looks back to. Absent in journals written before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) started_ms: Option<u64>,
}

impl Entry {
    /// An entry with no start time.
    pub(crate) fn new(line: usize, outcome: Outcome, detail: impl Into<String>) -> Entry {
        Entry { line, outcome, detail: detail.into(), started_ms: None }
    }

    /// When the send began.
    pub(crate) fn started(&self) -> Option<SystemTime> {
        self.started_ms.map(|millis| UNIX_EPOCH + Duration::from_millis(millis))
    }
}

/// `time` in milliseconds since the Unix epoch.
pub(crate) fn millis(time: SystemTime) -> Option<u64> {
    time.duration_since(UNIX_EPOCH).ok().and_then(|since| u64::try_from(since.as_millis()).ok())
}

/// An open journal, shared by the sends in flight.
pub(crate) struct Journal {
    file: Mutex<File>,
}

/// `messages.jsonl` → `messages.jsonl.journal`.
pub(crate) fn path_for(batch: &Path) -> PathBuf {
    let mut name = batch.as_os_str().to_owned();
    name.push(".journal");
    PathBuf::from(name)
}

/// The latest entry per line; a line still in flight reads as possibly delivered. A torn
/// last line (a crash mid-write) is ignored: if it was the `InFlight` entry, the send never
/// started; if it was the outcome, the `InFlight` entry before it stands.
pub(crate) fn read(path: &Path) -> io::Result<HashMap<usize, Entry>> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(HashMap::new()),
        Err(error) => return Err(error),
    };
    let mut entries = HashMap::new();
    for line in BufReader::new(file).lines() {
        let line = line?;
        if let Ok(entry) = serde_json::from_str::<Entry>(&line) {
            entries.insert(entry.line, entry);
        }
    }
    for entry in entries.values_mut().filter(|entry| entry.outcome == Outcome::InFlight) {
        entry.outcome = Outcome::MaybeDelivered;
        "the run ended while it was being sent".clone_into(&mut entry.detail);
    }
    Ok(entries)
}

impl Journal {
    /// Opens the journal for appending; `fresh` empties it first.
    pub(crate) fn open(path: &Path, fresh: bool) -> io::Result<Journal> {
        let file = OpenOptions::new().create(true).append(!fresh).write(true).truncate(fresh).open(path)?;
        Ok(Journal { file: Mutex::new(file) })
    }

    /// Appends `entry` and pushes it to disk before returning.
    pub(crate) fn record(&self, entry: &Entry) -> io::Result<()> {
        let mut line = serde_json::to_vec(entry).map_err(io::Error::other)?;
        line.push(b'\n');
        let mut file = self.file.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        file.write_all(&line)?;
        file.sync_data()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_entry_per_line_wins_and_a_torn_line_is_ignored() {
        let dir = std::env::temp_dir().join(format!("tollgate-journal-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("batch.jsonl.journal");
        let journal = Journal::open(&path, true).unwrap();
        let entry = |line, outcome| Entry::new(line, outcome, "");
        journal.record(&entry(1, Outcome::Rejected)).unwrap();
        journal.record(&entry(2, Outcome::Sent)).unwrap();
        journal.record(&entry(1, Outcome::Sent)).unwrap();
        journal.record(&entry(4, Outcome::InFlight)).unwrap();
        drop(journal);
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"{\"line\": 3, \"outc")
            .unwrap();
        let entries = read(&path).unwrap();
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[&1].outcome, Outcome::Sent);
        assert_eq!(entries[&4].outcome, Outcome::MaybeDelivered);
        assert!(read(&dir.join("missing")).unwrap().is_empty());
        assert!(
            Outcome::Sent.is_final() && !Outcome::MaybeDelivered.is_final() && !Outcome::Rejected.is_final()
        );
        assert!(Outcome::MaybeDelivered.in_doubt() && !Outcome::Sent.in_doubt());
        let started = Entry { started_ms: Some(1_700_000_000_123), ..entry(5, Outcome::InFlight) };
        let text = serde_json::to_string(&started).unwrap();
        let back: Entry = serde_json::from_str(&text).unwrap();
        assert_eq!(back.started(), Some(UNIX_EPOCH + Duration::from_millis(1_700_000_000_123)));
        assert_eq!(millis(UNIX_EPOCH + Duration::from_millis(42)), Some(42));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
