//! `tollgate send`: one request from flags or a file, or a batch.

use std::path::PathBuf;

use clap::Args;
use tollgate::wix::inbox::{
    BasicMessageData, BasicMessagePayload, Direction, ImageMessage, Message, MessageContent,
    SendMessageRequest, SendMessageResponse, Visibility,
};
use tollgate::Validate;

use crate::batch::{self, BatchOptions};
use crate::check::read_input;
use crate::exit::Exit;
use crate::request_file;
use crate::settle::{self, Fate};
use crate::target;

// Flags are booleans by nature; each one is a separate switch on the command line.
#[allow(clippy::struct_excessive_bools)]
#[derive(Args)]
pub(crate) struct SendArgs {
    /// GUID of the conversation to add the message to.
    #[arg(long, conflicts_with_all = ["file", "batch"])]
    conversation_id: Option<String>,
    /// A text item; repeat for several (they become separate messages, in order).
    #[arg(long = "text", conflicts_with_all = ["file", "batch"])]
    texts: Vec<String>,
    /// An image item, after the text items; repeat for several.
    #[arg(long = "image-url", conflicts_with_all = ["file", "batch"])]
    image_urls: Vec<String>,
    /// Shown in notifications and lists (at most 256 characters).
    #[arg(long, conflicts_with_all = ["file", "batch"])]
    preview_text: Option<String>,
    /// Who sees the message: BUSINESS_AND_PARTICIPANT or BUSINESS.
    #[arg(long, conflicts_with_all = ["file", "batch"])]
    visibility: Option<String>,
    /// BUSINESS_TO_PARTICIPANT or PARTICIPANT_TO_BUSINESS.
    #[arg(long, conflicts_with_all = ["file", "batch"])]
    direction: Option<String>,
    /// Notify the recipient.
    #[arg(long, conflicts_with_all = ["file", "batch"])]
    notify: bool,
    /// Send the request in this JSON file (`-` for standard input) instead of building one.
    #[arg(long, conflicts_with = "batch")]
    file: Option<String>,
    /// Print the request body and send nothing.
    #[arg(long, conflicts_with = "batch")]
    dry_run: bool,
    /// Send every request of this JSON Lines file, one per line.
    #[arg(long)]
    batch: Option<PathBuf>,
    /// Batch: how many sends may be in flight at once.
    #[arg(long, default_value_t = 4, requires = "batch", value_parser = clap::value_parser!(u16).range(1..))]
    concurrency: u16,
    /// Batch: the most sends started per minute (Wix allows 200 a minute per app instance).
    #[arg(long, default_value_t = 200, requires = "batch", value_parser = clap::value_parser!(u32).range(1..))]
    rate_per_minute: u32,
    /// Batch: continue an interrupted batch. Lines the journal records as sent are skipped;
    /// lines it leaves in doubt are settled first (looked for in their conversation), and
    /// only those proven not delivered are sent again.
    #[arg(long, requires = "batch", conflicts_with = "restart")]
    resume: bool,
    /// Batch: forget the journal of an earlier run of this file and send every line again.
    #[arg(long, requires = "batch")]
    restart: bool,
    /// Send to the embedded sandbox even when Wix credentials are set.
    #[arg(long)]
    sandbox: bool,
}

pub(crate) async fn run(args: SendArgs) -> Exit {
    if let Some(path) = &args.batch {
        let options = BatchOptions {
            concurrency: usize::from(args.concurrency),
            rate_per_minute: args.rate_per_minute,
            resume: args.resume,
            restart: args.restart,
        };
        let target = match target::connect(args.sandbox).await {
            Ok(target) => target,
            Err(reason) => return unusable(&reason),
        };
        let exit = batch::run(&target.client, path, &options).await;
        if let Some(sandbox) = &target.sandbox {
            eprintln!("tollgate: the embedded sandbox received {} message(s)", sandbox.received().len());
        }
        return exit;
    }
    let request = match &args.file {
        Some(file) => match read_request(file) {
            Ok(request) => request,
            Err(exit) => return exit,
        },
        None => match request_from_flags(&args) {
            Ok(request) => request,
            Err(reason) => return unusable(&reason),
        },
    };
    if args.dry_run {
        println!("{}", serde_json::to_string_pretty(&request).unwrap_or_default());
        return match request.validate() {
            Ok(()) => Exit::Ok,
            Err(violations) => {
                eprintln!("tollgate: this request would not be sent:\n{violations}");
                Exit::Invalid
            }
        };
    }
    let target = match target::connect(args.sandbox).await {
        Ok(target) => target,
        Err(reason) => return unusable(&reason),
    };
    match settle::send(&target.client, &request).await.0 {
        Fate::Stored { message, settled } => {
            if settled {
                eprintln!(
                    "tollgate: the send failed, but the message is in the conversation: it was delivered"
                );
            }
            let stored = SendMessageResponse { message: message.map(|message| *message) };
            println!("{}", serde_json::to_string_pretty(&stored).unwrap_or_default());
            if let Some(sandbox) = &target.sandbox {
                eprintln!(
                    "tollgate: stored in the embedded sandbox ({} message(s)); it stops when tollgate exits",
                    sandbox.received().len()
                );
            }
            Exit::Ok
        }
        Fate::Invalid(detail) | Fate::NotDelivered(detail) => {
            eprintln!("tollgate: {detail}");
            Exit::Invalid
        }
        Fate::InDoubt(detail) => {
            eprintln!("tollgate: {detail}");
            Exit::MaybeDelivered
        }
    }
}

fn unusable(reason: &str) -> Exit {
    eprintln!("tollgate: {reason}");
    Exit::Unusable
}

/// A whole request from a file; any problem in it is reported, and nothing is sent.
fn read_request(file: &str) -> Result<SendMessageRequest, Exit> {
    let bytes = read_input(file).map_err(|error| unusable(&format!("cannot read {file}: {error}")))?;
    request_file::request_or_report(&bytes).map_err(|problem| match problem {
        Ok(violations) => {
            eprintln!(
                "tollgate: {file} is not a valid Send Message request; nothing was sent:\n{violations}"
            );
            Exit::Invalid
        }
        Err(request_file::Unreadable(reason)) => unusable(&format!("{file} is unreadable: {reason}")),
    })
}

/// The request the flags describe. Only the enum spellings are checked here; everything
/// else is left to validation, so that every violation is reported at once.
fn request_from_flags(args: &SendArgs) -> Result<SendMessageRequest, String> {
    let items: Vec<BasicMessageData> = args
        .texts
        .iter()
        .map(BasicMessageData::text)
        .chain(args.image_urls.iter().map(|url| BasicMessageData {
            image: Some(ImageMessage { url: url.clone(), ..ImageMessage::default() }),
            ..BasicMessageData::default()
        }))
        .collect();
    let content = MessageContent {
        basic: (!items.is_empty()).then_some(BasicMessagePayload { items }),
        preview_text: args.preview_text.clone(),
        ..MessageContent::default()
    };
    let visibility = args.visibility.as_deref().map(known::<Visibility>).transpose()?;
    let direction = args.direction.as_deref().map(known::<Direction>).transpose()?;
    Ok(SendMessageRequest {
        conversation_id: args.conversation_id.clone().unwrap_or_default(),
        message: Some(Message { content: Some(content), visibility, direction, ..Message::default() }),
        send_notifications: args.notify.then_some(true),
        ..SendMessageRequest::default()
    })
}

/// An enum value named on the command line: case-insensitive, and only values Wix documents.
fn known<T: WireEnum>(flag: &str) -> Result<T, String> {
    let wanted = flag.trim().to_ascii_uppercase().replace('-', "_");
    T::CHOICES
        .iter()
        .find(|choice| **choice == wanted)
        .map(|choice| T::from_wire_name(choice))
        .ok_or_else(|| format!("`{flag}` is not one of {}", T::CHOICES.join(", ")))
}

trait WireEnum: Sized {
    const CHOICES: &'static [&'static str];
    fn from_wire_name(name: &str) -> Self;
}

impl WireEnum for Visibility {
    const CHOICES: &'static [&'static str] = &["BUSINESS_AND_PARTICIPANT", "BUSINESS"];
    fn from_wire_name(name: &str) -> Self {
        Visibility::from_wire(name)
    }
}

impl WireEnum for Direction {
    const CHOICES: &'static [&'static str] = &["BUSINESS_TO_PARTICIPANT", "PARTICIPANT_TO_BUSINESS"];
    fn from_wire_name(name: &str) -> Self {
        Direction::from_wire(name)
    }
}
