//! `tollgate check --batch`: one Send Message request per line of a JSON Lines file, read as a
//! stream (memory stays flat however long the file), each line checked as `check` checks a
//! file, every invalid or unreadable line reported with its number, then a summary.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};

use tollgate::wix::protocol::ValidationError;
use tollgate::Violations;

use crate::check::{display_name, Format};
use crate::exit::Exit;
use crate::request_file::{self, Unreadable};

/// A line longer than this keeps its buffer only until the next line: one huge line must not
/// hold its memory for the rest of the file.
const KEPT_LINE_CAPACITY: usize = 1 << 20;

/// What one line turned out to be.
enum Verdict {
    Valid,
    Invalid(Violations),
    Unreadable(String),
}

/// How many lines of each kind were read.
#[derive(Default, serde::Serialize)]
struct Summary {
    lines: u64,
    valid: u64,
    invalid: u64,
    unreadable: u64,
}

pub(crate) fn run(input: &str, format: Format) -> Exit {
    let reader: Box<dyn Read> = if input == "-" {
        Box::new(io::stdin().lock())
    } else {
        match File::open(input) {
            Ok(file) => Box::new(file),
            Err(error) => {
                eprintln!("tollgate: cannot read {}: {error}", display_name(input));
                return Exit::Unusable;
            }
        }
    };
    let stdout = io::stdout().lock();
    let mut report = Report { out: io::BufWriter::with_capacity(64 * 1024, stdout), format };
    match check_lines(BufReader::with_capacity(64 * 1024, reader), &mut report) {
        Ok(summary) => {
            let written = report.summary(&summary).and_then(|()| report.out.flush());
            if let Err(error) = written {
                eprintln!("tollgate: cannot write the report: {error}");
                return Exit::Unusable;
            }
            if summary.valid == summary.lines {
                Exit::Ok
            } else {
                Exit::Invalid
            }
        }
        Err(Failure::Read(error)) => {
            let _ = report.out.flush();
            eprintln!("tollgate: cannot read {}: {error}", display_name(input));
            Exit::Unusable
        }
        Err(Failure::Write(error)) => {
            eprintln!("tollgate: cannot write the report: {error}");
            Exit::Unusable
        }
    }
}

/// Why the batch stopped before its end.
enum Failure {
    Read(io::Error),
    Write(io::Error),
}

/// Checks every line of `reader`, reporting as it goes; blank lines are skipped but counted
/// in the numbering, so that a number points at the line an editor shows.
fn check_lines(reader: impl BufRead, report: &mut Report<impl Write>) -> Result<Summary, Failure> {
    let mut summary = Summary::default();
    let mut lines = Lines { reader, buffer: Vec::new(), number: 0 };
    while let Some((number, line)) = lines.next().map_err(Failure::Read)? {
        let request = line.trim_ascii();
        if request.is_empty() {
            continue;
        }
        summary.lines += 1;
        match verdict(request) {
            Verdict::Valid => summary.valid += 1,
            Verdict::Invalid(violations) => {
                summary.invalid += 1;
                report.invalid(number, &violations).map_err(Failure::Write)?;
            }
            Verdict::Unreadable(reason) => {
                summary.unreadable += 1;
                report.unreadable(number, &reason).map_err(Failure::Write)?;
            }
        }
    }
    Ok(summary)
}

/// The lines of a stream, numbered from 1, read into one buffer that every line reuses.
struct Lines<R> {
    reader: R,
    buffer: Vec<u8>,
    number: u64,
}

impl<R: BufRead> Lines<R> {
    fn next(&mut self) -> io::Result<Option<(u64, &[u8])>> {
        if self.buffer.capacity() > KEPT_LINE_CAPACITY {
            self.buffer = Vec::new();
        }
        self.buffer.clear();
        if self.reader.read_until(b'\n', &mut self.buffer)? == 0 {
            return Ok(None);
        }
        self.number += 1;
        Ok(Some((self.number, &self.buffer)))
    }
}

/// One line, checked as `tollgate check` checks a file; a clean line (the usual case) is
/// answered by the quick check alone.
fn verdict(request: &[u8]) -> Verdict {
    if request_file::is_clean(request) {
        return Verdict::Valid;
    }
    match request_file::check(request) {
        Ok(checked) if checked.violations.is_empty() => Verdict::Valid,
        Ok(checked) => Verdict::Invalid(checked.violations),
        Err(Unreadable(reason)) => Verdict::Unreadable(reason),
    }
}

/// Where the findings go, as text lines or JSON Lines.
struct Report<W> {
    out: W,
    format: Format,
}

impl<W: Write> Report<W> {
    fn invalid(&mut self, line: u64, violations: &Violations) -> io::Result<()> {
        match self.format {
            Format::Text => {
                violations.iter().try_for_each(|violation| writeln!(self.out, "line {line}: {violation}"))
            }
            Format::Json => {
                let entry = InvalidLine { line, violations: ValidationError::from(violations) };
                self.json_line(&entry)
            }
        }
    }

    fn unreadable(&mut self, line: u64, reason: &str) -> io::Result<()> {
        match self.format {
            Format::Text => writeln!(self.out, "line {line}: unreadable: {reason}"),
            Format::Json => self.json_line(&UnreadableLine { line, unreadable: reason }),
        }
    }

    fn summary(&mut self, summary: &Summary) -> io::Result<()> {
        match self.format {
            Format::Text => writeln!(
                self.out,
                "{} lines: {} valid, {} invalid, {} unreadable",
                summary.lines, summary.valid, summary.invalid, summary.unreadable
            ),
            Format::Json => self.json_line(&SummaryLine { summary }),
        }
    }

    fn json_line(&mut self, entry: &impl serde::Serialize) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, entry)?;
        self.out.write_all(b"\n")
    }
}

/// `{"line": 3, "fieldViolations": [...]}`: Wix's shape, with the line it is about.
#[derive(serde::Serialize)]
struct InvalidLine {
    line: u64,
    #[serde(flatten)]
    violations: ValidationError,
}

/// `{"line": 4, "unreadable": "not JSON: ..."}`.
#[derive(serde::Serialize)]
struct UnreadableLine<'a> {
    line: u64,
    unreadable: &'a str,
}

/// `{"summary": {"lines": 10, "valid": 7, "invalid": 2, "unreadable": 1}}`, always last.
#[derive(serde::Serialize)]
struct SummaryLine<'a> {
    summary: &'a Summary,
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID: &str = r#"{"conversationId":"6202c3bb-f263-3c16-8c90-d6387d9ed420","message":{"content":{"basic":{"items":[{"text":"Hey!"}]}}}}"#;

    fn checked(input: &str, format: Format) -> (Summary, String) {
        let mut report = Report { out: Vec::new(), format };
        let Ok(summary) = check_lines(input.as_bytes(), &mut report) else {
            panic!("reading a slice cannot fail")
        };
        report.summary(&summary).unwrap();
        (summary, String::from_utf8(report.out).unwrap())
    }

    #[test]
    fn numbers_lines_as_an_editor_does_and_skips_blank_ones() {
        let input = format!("{VALID}\n\n  \r\n{{\"conversationId\":\"x\"}}\r\n{VALID}");
        let (summary, text) = checked(&input, Format::Text);
        assert_eq!((summary.lines, summary.valid, summary.invalid, summary.unreadable), (3, 2, 1, 0));
        assert_eq!(
            text.lines().collect::<Vec<_>>(),
            [
                "line 4: conversationId: must be a GUID (8-4-4-4-12 hexadecimal digits) [FORMAT]",
                "line 4: message: is required [REQUIRED_FIELD]",
                "3 lines: 2 valid, 1 invalid, 0 unreadable",
            ]
        );
    }

    #[test]
    fn lines_share_one_buffer_that_a_huge_line_does_not_keep() {
        let huge = "x".repeat(2 * KEPT_LINE_CAPACITY);
        let input = format!("short\n{huge}\nshort again\nlast");
        let mut lines = Lines { reader: input.as_bytes(), buffer: Vec::new(), number: 0 };
        assert_eq!(lines.next().unwrap(), Some((1, &b"short\n"[..])));
        assert_eq!(
            lines.next().unwrap().map(|(number, line)| (number, line.len())),
            Some((2, huge.len() + 1))
        );
        assert_eq!(lines.next().unwrap(), Some((3, &b"short again\n"[..])));
        assert!(lines.buffer.capacity() <= KEPT_LINE_CAPACITY, "the huge line's buffer was kept");
        let small = lines.buffer.as_ptr();
        assert_eq!(lines.next().unwrap(), Some((4, &b"last"[..])));
        assert_eq!(lines.buffer.as_ptr(), small, "a small line reuses the buffer");
        assert_eq!(lines.next().unwrap(), None);
    }
}
