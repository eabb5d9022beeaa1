//! `tollgate send --batch`: many requests, with bounded concurrency, a start rate, a journal
//! for `--resume`, progress, and a summary that accounts for every line.

use std::collections::{BTreeMap, HashMap};
use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tokio::sync::{watch, Semaphore};
use tokio::task::JoinSet;
use tokio::time::MissedTickBehavior;
use tollgate::wix::inbox::SendMessageRequest;
use tollgate::wix::Client;

use crate::exit::Exit;
use crate::journal::{self, Entry, Journal, Outcome};
use crate::request_file;
use crate::settle::{self, Fate};

/// A line of the batch, parsed.
type Line = (usize, SendMessageRequest);

/// How a batch is sent.
pub(crate) struct BatchOptions {
    pub(crate) concurrency: usize,
    pub(crate) rate_per_minute: u32,
    pub(crate) resume: bool,
    pub(crate) restart: bool,
}

pub(crate) async fn run(client: &Client, path: &Path, options: &BatchOptions) -> Exit {
    let (journal, earlier) = match open_journal(path, options) {
        Ok(opened) => opened,
        Err(reason) => {
            eprintln!("tollgate: {reason}");
            return Exit::Unusable;
        }
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("tollgate: cannot read {}: {error}", path.display());
            return Exit::Unusable;
        }
    };
    let mut summary = Summary::default();
    let (mut pending, in_doubt) = read_lines(&text, &earlier, &journal, &mut summary);
    if !in_doubt.is_empty() {
        pending.extend(settle_in_doubt(client, in_doubt, &journal, &mut summary).await);
        pending.sort_by_key(|(number, _)| *number);
    }
    send_all(client, pending, options, &journal, &mut summary).await;
    summary.print(path);
    summary.exit()
}

/// The journal to write, and what an earlier run recorded when resuming. Refuses to start
/// over a journal without `--resume` or `--restart`: that run's lines may have been sent.
fn open_journal(
    path: &Path,
    options: &BatchOptions,
) -> Result<(Arc<Journal>, HashMap<usize, Entry>), String> {
    let journal_path = journal::path_for(path);
    let earlier = if options.resume {
        journal::read(&journal_path)
            .map_err(|error| format!("cannot read the journal {}: {error}", journal_path.display()))?
    } else {
        if journal_path.exists() && !options.restart {
            return Err(format!(
                "{} records an earlier run of this batch: add --resume to continue it (lines sent \
                 before are skipped), or --restart to send every line again",
                journal_path.display()
            ));
        }
        HashMap::new()
    };
    let journal = Journal::open(&journal_path, !options.resume)
        .map_err(|error| format!("cannot write the journal {}: {error}", journal_path.display()))?;
    Ok((Arc::new(journal), earlier))
}

/// The requests still to send, by line number, and the lines an earlier run left in doubt
/// (with their journal entry); lines sent in an earlier run and lines that are not valid
/// requests go straight to the summary.
fn read_lines(
    text: &str,
    earlier: &HashMap<usize, Entry>,
    journal: &Journal,
    summary: &mut Summary,
) -> (Vec<Line>, Vec<(Line, Entry)>) {
    let (mut pending, mut in_doubt) = (Vec::new(), Vec::new());
    for (index, line) in text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty()) {
        let number = index + 1;
        let entry = earlier.get(&number);
        if let Some(entry) = entry.filter(|entry| entry.outcome.is_final()) {
            summary.earlier(entry.clone());
            continue;
        }
        let detail = match request_file::check(line.as_bytes()) {
            Ok(checked) => match checked.request {
                Some(request) if checked.violations.is_empty() => {
                    match entry.filter(|entry| entry.outcome.in_doubt()) {
                        Some(entry) => in_doubt.push(((number, request), entry.clone())),
                        None => pending.push((number, request)),
                    }
                    continue;
                }
                _ => checked.violations.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "),
            },
            Err(request_file::Unreadable(reason)) => format!("unreadable: {reason}"),
        };
        summary.record(journal, Entry::new(number, Outcome::Invalid, detail));
    }
    (pending, in_doubt)
}

/// Settles each line an earlier run left in doubt, before anything is sent: a line found in
/// its conversation is recorded as sent, one proven absent is returned to be sent again, and
/// one that still cannot be told stays in doubt (and is not sent).
async fn settle_in_doubt(
    client: &Client,
    in_doubt: Vec<(Line, Entry)>,
    journal: &Journal,
    summary: &mut Summary,
) -> Vec<Line> {
    eprintln!("tollgate: settling {} line(s) an earlier run left in doubt", in_doubt.len());
    let mut resend = Vec::new();
    for ((number, request), entry) in in_doubt {
        match settle::earlier(client, &request, entry.started(), &entry.detail).await {
            Fate::Stored { message, .. } => {
                summary.settled.delivered += 1;
                let id = message.and_then(|message| message.id).unwrap_or_default();
                summary.record(journal, Entry::new(number, Outcome::Sent, id));
                summary.from_earlier_runs += 1;
            }
            Fate::NotDelivered(_) => {
                summary.settled.not_delivered += 1;
                resend.push((number, request));
            }
            Fate::InDoubt(detail) | Fate::Invalid(detail) => {
                summary.settled.in_doubt += 1;
                let entry = Entry { outcome: Outcome::MaybeDelivered, detail, ..entry };
                summary.record(journal, entry);
            }
        }
    }
    resend
}

/// Sends `pending` at most `concurrency` at a time and `rate_per_minute` starts a minute,
/// until done or Ctrl-C: then no new send starts, those in flight finish, and the rest are
/// listed as not sent.
async fn send_all(
    client: &Client,
    pending: Vec<Line>,
    options: &BatchOptions,
    journal: &Arc<Journal>,
    summary: &mut Summary,
) {
    let progress = Progress::new(pending.len());
    let (stop, mut stopped) = watch::channel(false);
    let ctrl_c = tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            let _ = stop.send(true);
        }
    });
    let in_flight = Arc::new(Semaphore::new(options.concurrency));
    let mut starts =
        tokio::time::interval(Duration::from_secs_f64(60.0 / f64::from(options.rate_per_minute)));
    starts.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut sends = JoinSet::new();
    let mut queue = pending.into_iter();
    while let Some((number, request)) = queue.next() {
        let permit = tokio::select! {
            biased;
            () = until_stopped(&mut stopped) => {
                summary.not_started(number);
                queue.by_ref().for_each(|(number, _)| summary.not_started(number));
                break;
            }
            permit = async {
                starts.tick().await;
                Arc::clone(&in_flight).acquire_owned().await
            } => permit.expect("the semaphore is never closed"),
        };
        let started_ms = journal::millis(std::time::SystemTime::now());
        let entry = Entry { started_ms, ..Entry::new(number, Outcome::InFlight, "") };
        if let Err(error) = journal.record(&entry) {
            eprintln!("tollgate: cannot write the journal, stopping before line {number}: {error}");
            summary.not_started(number);
            queue.by_ref().for_each(|(number, _)| summary.not_started(number));
            break;
        }
        let client = client.clone();
        sends.spawn(async move {
            let (fate, _) = settle::send(&client, &request).await;
            drop(permit);
            (entry, fate)
        });
        while let Some(joined) = sends.try_join_next() {
            summary.sent(journal, &progress, joined);
        }
    }
    while let Some(joined) = sends.join_next().await {
        summary.sent(journal, &progress, joined);
    }
    ctrl_c.abort();
    progress.finish();
}

async fn until_stopped(stopped: &mut watch::Receiver<bool>) {
    while !*stopped.borrow_and_update() {
        if stopped.changed().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

/// Progress on standard error: a bar on a terminal, a line per finished send otherwise.
enum Progress {
    Bar(ProgressBar),
    Lines,
}

impl Progress {
    fn new(total: usize) -> Self {
        if !std::io::stderr().is_terminal() {
            return Progress::Lines;
        }
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("{bar:40} {pos}/{len} sent or settled, {elapsed} {msg}")
        {
            bar.set_style(style);
        }
        Progress::Bar(bar)
    }

    fn settled(&self, entry: &Entry) {
        let line = format!("line {}: {} {}", entry.line, outcome_word(entry.outcome), entry.detail);
        match self {
            Progress::Bar(bar) => {
                if entry.outcome != Outcome::Sent {
                    bar.println(line);
                }
                bar.inc(1);
            }
            Progress::Lines => eprintln!("{}", line.trim_end()),
        }
    }

    fn finish(&self) {
        if let Progress::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

fn outcome_word(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Sent => "sent",
        Outcome::Rejected => "rejected",
        Outcome::Invalid => "invalid, not sent",
        Outcome::MaybeDelivered => "may have been delivered",
        Outcome::InFlight => "in flight",
    }
}

/// Every line's fate, for the closing report and the exit status.
#[derive(Default)]
struct Summary {
    lines: BTreeMap<usize, Entry>,
    from_earlier_runs: usize,
    not_started: Vec<usize>,
    /// What settling the lines an earlier run left in doubt found.
    settled: SettledCounts,
}

#[derive(Default)]
struct SettledCounts {
    delivered: usize,
    not_delivered: usize,
    in_doubt: usize,
}

impl Summary {
    fn earlier(&mut self, entry: Entry) {
        self.from_earlier_runs += 1;
        self.lines.insert(entry.line, entry);
    }

    fn not_started(&mut self, line: usize) {
        self.not_started.push(line);
    }

    fn record(&mut self, journal: &Journal, entry: Entry) {
        if let Err(error) = journal.record(&entry) {
            eprintln!("tollgate: cannot write line {} to the journal: {error}", entry.line);
        }
        self.lines.insert(entry.line, entry);
    }

    /// A send task's end: `in_flight` is the entry journaled when it began.
    fn sent(
        &mut self,
        journal: &Journal,
        progress: &Progress,
        joined: Result<(Entry, Fate), tokio::task::JoinError>,
    ) {
        let Ok((in_flight, fate)) = joined else {
            // A send task cannot panic short of a bug; its line stays in flight in the
            // journal, which reads back as in doubt and is settled on --resume.
            return;
        };
        let (outcome, detail) = match fate {
            Fate::Stored { message, .. } => {
                (Outcome::Sent, message.and_then(|message| message.id).unwrap_or_default())
            }
            Fate::NotDelivered(detail) => (Outcome::Rejected, detail),
            Fate::Invalid(detail) => (Outcome::Invalid, detail),
            Fate::InDoubt(detail) => (Outcome::MaybeDelivered, detail),
        };
        let entry = Entry { outcome, detail, ..in_flight };
        progress.settled(&entry);
        self.record(journal, entry);
    }

    fn count(&self, outcome: Outcome) -> usize {
        self.lines.values().filter(|entry| entry.outcome == outcome).count()
    }

    fn print(&self, path: &Path) {
        println!("batch {}:", path.display());
        let earlier = if self.from_earlier_runs > 0 {
            format!(" ({} in earlier runs)", self.from_earlier_runs)
        } else {
            String::new()
        };
        println!("  sent: {}{earlier}", self.count(Outcome::Sent));
        let SettledCounts { delivered, not_delivered, in_doubt } = self.settled;
        if delivered + not_delivered + in_doubt > 0 {
            println!(
                "  settled from the journal: {delivered} delivered, {not_delivered} not delivered (sent now), \
                 {in_doubt} still in doubt"
            );
        }
        for (title, outcomes) in [
            ("rejected", &[Outcome::Rejected, Outcome::Invalid][..]),
            ("may have been delivered (check before sending again)", &[Outcome::MaybeDelivered][..]),
        ] {
            let entries: Vec<&Entry> =
                self.lines.values().filter(|entry| outcomes.contains(&entry.outcome)).collect();
            if entries.is_empty() {
                continue;
            }
            println!("  {title}: {}", entries.len());
            for entry in entries {
                println!("    line {}: {}", entry.line, entry.detail);
            }
        }
        if !self.not_started.is_empty() {
            let lines: Vec<String> = self.not_started.iter().map(ToString::to_string).collect();
            println!("  not sent (interrupted): {} — lines {}", lines.len(), lines.join(", "));
            println!("  run the same command with --resume to send them");
        }
    }

    fn exit(&self) -> Exit {
        if !self.not_started.is_empty() {
            Exit::Interrupted
        } else if self.count(Outcome::MaybeDelivered) > 0 {
            Exit::MaybeDelivered
        } else if self.count(Outcome::Rejected) + self.count(Outcome::Invalid) > 0 {
            Exit::Invalid
        } else {
            Exit::Ok
        }
    }
}
