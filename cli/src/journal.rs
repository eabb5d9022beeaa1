//! The record of a batch: a JSON line before each send starts and one when it ends, each on
//! disk before the next step, so that an interrupted or killed batch resumes without losing
//! a line or sending one twice.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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
    /// Whether a resumed batch must skip the line: it was delivered, or may have been.
    pub(crate) fn is_final(self) -> bool {
        matches!(self, Outcome::Sent | Outcome::MaybeDelivered)
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
        let entry = |line, outcome| Entry { line, outcome, detail: String::new() };
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
        assert!(Outcome::MaybeDelivered.is_final() && !Outcome::Rejected.is_final());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
