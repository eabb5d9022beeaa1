//! `tollgate check`: every problem in a request, with its wire path.

use std::io::Read;
use std::path::Path;

use clap::{Args, ValueEnum};
use tollgate::Violations;

use crate::check_batch;
use crate::exit::Exit;
use crate::request_file;

#[derive(Args)]
pub(crate) struct CheckArgs {
    /// The request as JSON: a file, or `-` for standard input; with `--batch`, JSON Lines.
    #[arg(default_value = "-")]
    input: String,
    /// Read one request per line (JSON Lines) and report each invalid line by its number,
    /// then a summary. Exit status: 0 every line valid, 1 some line invalid or unreadable,
    /// 2 the file itself unreadable.
    #[arg(long)]
    batch: bool,
    /// `text`: one line per problem; `json`: Wix-shaped `{"fieldViolations": [...]}` (with
    /// `--batch`, one JSON object per reported line and a last `{"summary": ...}`).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Format {
    Text,
    Json,
}

pub(crate) fn run(args: &CheckArgs) -> Exit {
    if args.batch {
        return check_batch::run(&args.input, args.format);
    }
    let bytes = match read_input(&args.input) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("tollgate: cannot read {}: {error}", display_name(&args.input));
            return Exit::Unusable;
        }
    };
    let checked = match request_file::check(&bytes) {
        Ok(checked) => checked,
        Err(request_file::Unreadable(reason)) => {
            eprintln!("tollgate: {} is unreadable: {reason}", display_name(&args.input));
            return Exit::Unusable;
        }
    };
    print_findings(&checked.violations, args.format);
    if checked.violations.is_empty() {
        Exit::Ok
    } else {
        Exit::Invalid
    }
}

fn print_findings(violations: &Violations, format: Format) {
    match format {
        Format::Json => {
            let body = tollgate::wix::protocol::ValidationError::from(violations);
            println!("{}", serde_json::to_string_pretty(&body).unwrap_or_default());
        }
        Format::Text if violations.is_empty() => println!("valid"),
        Format::Text => println!("{violations}"),
    }
}

/// The bytes of `input`: a file, or standard input for `-`.
pub(crate) fn read_input(input: &str) -> std::io::Result<Vec<u8>> {
    if input == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes)?;
        Ok(bytes)
    } else {
        std::fs::read(Path::new(input))
    }
}

pub(crate) fn display_name(input: &str) -> &str {
    if input == "-" {
        "standard input"
    } else {
        input
    }
}
