//! CSV records with the exact physical line each one starts on.
//!
//! The `csv` crate skips blank lines before it notes a record's position, so
//! its line numbers drift after a blank line or a CRLF file. Rejects must name
//! the line a person sees in an editor, blank lines must be counted, a huge
//! field must not be held in memory, and an unterminated quote at the end of
//! the file must be reported rather than silently swallowing the rest. This
//! module drives `csv_core` itself to keep all four promises, reusing one
//! input buffer and the caller's record buffers.

use std::io::{self, Read};

use csv_core::{ReadRecordResult, Reader as CoreReader, ReaderBuilder as CoreBuilder};

use crate::swar::{find_any, for_each_byte};

const INPUT_BUFFER: usize = 64 * 1024;

/// Something about a record's bytes that makes it unusable as data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordIssue {
    /// Fields were larger than the limit: each kept only its first bytes, up
    /// to the limit and never past the start of a UTF-8 character. In field
    /// order, at least one.
    FieldTooLarge(Vec<Cut>),
    /// The file ended inside a quoted field.
    UnterminatedQuote,
    /// A quoted field's closing quote is followed by text (`"He said "hi"
    /// twice`): the quotes do not pair up, so the record may have taken in
    /// the lines of other rows. csv_core would keep the text and go on.
    StrayQuote,
}

/// How the quotes of a record read by csv_core pair up, byte by byte, so
/// that a closing quote followed by text is caught (csv_core accepts it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Quotes {
    /// At the start of a field.
    #[default]
    FieldStart,
    /// Inside a field that did not open with a quote: quotes are text.
    Unquoted,
    /// Inside a quoted field.
    Quoted,
    /// A quote inside a quoted field: `""`, or the closing quote.
    QuoteInQuoted,
    /// Spaces after a closing quote (`"abc"  ,`): padding some exporters
    /// write, which csv_core keeps in the value; no data is lost.
    Closed,
    /// A closing quote was followed by text.
    Stray,
}

impl Quotes {
    fn feed(&mut self, bytes: &[u8], delimiter: u8) {
        for &b in bytes {
            *self = match (*self, b) {
                (Quotes::Stray, _) => return,
                (Quotes::FieldStart, b'"') => Quotes::Quoted,
                (Quotes::Quoted, b'"') => Quotes::QuoteInQuoted,
                (Quotes::Quoted, _) => Quotes::Quoted,
                (Quotes::QuoteInQuoted, b'"') => Quotes::Quoted,
                (_, b) if b == delimiter || b == b'\n' || b == b'\r' => Quotes::FieldStart,
                (Quotes::QuoteInQuoted | Quotes::Closed, b' ') => Quotes::Closed,
                (Quotes::QuoteInQuoted | Quotes::Closed, _) => Quotes::Stray,
                (Quotes::FieldStart | Quotes::Unquoted, _) => Quotes::Unquoted,
            };
        }
    }
}

/// A field the reader cut because it was over the limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cut {
    /// Zero-based index of the field.
    pub field: usize,
    /// How many bytes the field really had.
    pub bytes: u64,
    /// The limit it was cut to (it kept at most this many bytes, fewer
    /// where a character would have been split).
    pub limit: usize,
}

/// One CSV record: its fields, where it starts and what went wrong reading it.
#[derive(Clone, Debug, Default)]
pub struct Record {
    data: Vec<u8>,
    ends: Vec<usize>,
    len: usize,
    /// Fields in `data` are separated by one delimiter byte (a plain line
    /// kept as read) rather than packed back to back.
    separated: bool,
    /// `separated`, with a comma for delimiter: `data` is the line as a CSV
    /// writer would write these fields.
    comma_line: bool,
    /// Physical line (1-based) on which the record starts.
    pub line: u64,
    /// How many physical lines the record spans (at least 1).
    pub lines: u64,
    /// Set when the record could not be read as intended.
    pub issue: Option<RecordIssue>,
}

impl Record {
    /// Whether the reader cut a field of this record at the limit.
    pub fn was_cut(&self) -> bool {
        matches!(self.issue, Some(RecordIssue::FieldTooLarge(_)))
    }

    /// Number of fields.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True for a record without fields (never produced by the reader).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The bytes of field `i`, if it exists.
    pub fn get(&self, i: usize) -> Option<&[u8]> {
        self.range(i).map(|r| &self.data[r])
    }

    /// Where field `i` lies in `bytes()`, if it exists.
    pub fn range(&self, i: usize) -> Option<std::ops::Range<usize>> {
        if i >= self.len {
            return None;
        }
        let start = if i == 0 {
            0
        } else {
            self.ends[i - 1] + usize::from(self.separated)
        };
        Some(start..self.ends[i])
    }

    /// The record as a CSV line with `,` between fields, when it was read
    /// as one: no quoting was needed, so this is exactly what writing its
    /// fields would produce.
    pub fn comma_line(&self) -> Option<&[u8]> {
        self.comma_line.then(|| self.bytes())
    }

    /// All fields in order.
    pub fn iter(&self) -> impl Iterator<Item = &[u8]> + '_ {
        (0..self.len).map(move |i| self.get(i).unwrap_or_default())
    }

    /// True when every field is empty or only ASCII whitespace: a blank line,
    /// or a row of bare delimiters such as the `,,,,` spreadsheets leave behind.
    pub fn is_blank(&self) -> bool {
        // Nearly every record starts with a visible byte: decide on it alone.
        if self
            .get(0)
            .and_then(<[u8]>::first)
            .is_some_and(|b| !b.is_ascii_whitespace())
        {
            return false;
        }
        self.iter().all(|f| f.iter().all(u8::is_ascii_whitespace))
    }

    /// The bytes every field is cut from, in order: without quoting, and
    /// with or without ASCII delimiter bytes between fields.
    pub fn bytes(&self) -> &[u8] {
        let used = if self.len == 0 {
            0
        } else {
            self.ends[self.len - 1]
        };
        &self.data[..used]
    }

    /// Builds a record from fields; for tests and callers that synthesize rows.
    pub fn from_fields<I, F>(line: u64, fields: I) -> Record
    where
        I: IntoIterator<Item = F>,
        F: AsRef<[u8]>,
    {
        let mut rec = Record {
            line,
            lines: 1,
            ..Record::default()
        };
        for f in fields {
            rec.data.extend_from_slice(f.as_ref());
            rec.ends.push(rec.data.len());
        }
        rec.len = rec.ends.len();
        rec
    }

    /// Frees the buffers if they hold more than `keep` bytes (after a long
    /// row): the reader grows them again when it needs to.
    pub fn shed(&mut self, keep: usize) {
        if self.data.capacity() > keep {
            self.data = Vec::new();
        }
        if self.ends.capacity() * std::mem::size_of::<usize>() > keep {
            self.ends = Vec::new();
        }
    }

    fn clear(&mut self) {
        self.len = 0;
        self.issue = None;
        self.lines = 1;
        self.separated = false;
        self.comma_line = false;
    }
}

/// Reads records from a byte stream, tracking lines and limits.
pub struct RecordReader<R> {
    core: CoreReader,
    src: R,
    buf: Box<[u8]>,
    pos: usize,
    filled: usize,
    eof: bool,
    line: u64,
    pending_cr: bool,
    blank_lines: u64,
    max_field: usize,
    scratch: Vec<u8>,
    delimiter: u8,
    /// Whether plain lines may skip the CSV state machine (see `read_plain`).
    plain_lines: bool,
    /// Fail on a record whose unpaired quotes ran past the field limit
    /// (`runaway`); off only in tests of the cutting itself.
    fail_runaway: bool,
}

impl<R: Read> RecordReader<R> {
    /// A reader splitting on `delimiter`, keeping at most `max_field_bytes` of any field.
    pub fn new(src: R, delimiter: u8, max_field_bytes: usize) -> RecordReader<R> {
        RecordReader {
            core: CoreBuilder::new().delimiter(delimiter).build(),
            src,
            buf: vec![0; INPUT_BUFFER].into_boxed_slice(),
            pos: 0,
            filled: 0,
            eof: false,
            line: 1,
            pending_cr: false,
            blank_lines: 0,
            max_field: max_field_bytes.max(1),
            scratch: vec![0; INPUT_BUFFER],
            delimiter,
            plain_lines: delimiter.is_ascii() && !matches!(delimiter, b'"' | b'\r' | b'\n'),
            fail_runaway: true,
        }
    }

    /// Lets fields have one byte more than the limit given to `new`: the
    /// `'` that `--rejects-excel-safe` puts before a cell exactly at the
    /// limit. The validator rejects such a cell that is not guarded.
    pub fn allow_guard_byte(&mut self) {
        self.max_field += 1;
    }

    /// Physically empty lines skipped so far.
    pub fn blank_lines(&self) -> u64 {
        self.blank_lines
    }

    /// The line the reader is on (1-based): after the last record, the line count plus one.
    pub fn line(&self) -> u64 {
        self.line
    }

    fn refill(&mut self) -> io::Result<()> {
        if self.pos < self.filled || self.eof {
            return Ok(());
        }
        loop {
            match self.src.read(&mut self.buf) {
                Ok(0) => {
                    self.eof = true;
                    self.pos = 0;
                    self.filled = 0;
                    return Ok(());
                }
                Ok(n) => {
                    self.pos = 0;
                    self.filled = n;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// Skips line breaks before a record, counting the blank lines among them.
    /// Returns false at the end of input.
    ///
    /// `pending_cr` means the last byte consumed was a CR whose line is not yet
    /// counted: an LF after it completes a CRLF, anything else makes it a lone CR.
    fn skip_blank_lines(&mut self) -> io::Result<bool> {
        loop {
            self.refill()?;
            if self.eof {
                return Ok(false);
            }
            while self.pos < self.filled {
                match self.buf[self.pos] {
                    b'\n' => {
                        if !std::mem::take(&mut self.pending_cr) {
                            self.blank_lines += 1;
                        }
                        self.line += 1;
                    }
                    b'\r' => {
                        if self.pending_cr {
                            self.line += 1;
                        }
                        self.blank_lines += 1;
                        self.pending_cr = true;
                    }
                    _ => {
                        if std::mem::take(&mut self.pending_cr) {
                            self.line += 1;
                        }
                        return Ok(true);
                    }
                }
                self.pos += 1;
            }
        }
    }

    /// Reads the next record into `rec`, reusing its buffers. False at the end of input.
    pub fn read(&mut self, rec: &mut Record) -> io::Result<bool> {
        rec.clear();
        if !self.skip_blank_lines()? {
            return Ok(false);
        }
        rec.line = self.line;
        if rec.data.is_empty() {
            rec.data.resize(256, 0);
        }
        if rec.ends.is_empty() {
            rec.ends.resize(16, 0);
        }
        if self.plain_lines && self.read_plain(rec) {
            return Ok(true);
        }
        let (mut outlen, mut endlen) = (0usize, 0usize);
        // Bytes of an oversized field that were parsed but not kept.
        let mut discarded = 0usize;
        // Set while the rest of an oversized field is parsed into `scratch`
        // and counted: the field is always the record's last cut so far.
        let mut discarding = false;
        // The last byte consumed: a line break (the record's own terminator, once
        // it ends), and a CR in particular (a CRLF may be split between reads).
        let (mut ended_with_break, mut after_cr) = (false, false);
        let mut quotes = Quotes::default();
        loop {
            self.refill()?;
            if self.eof && !discarding {
                let found = self.finish_at_eof(rec, outlen, endlen, discarded)?;
                if quotes == Quotes::Stray && rec.issue.is_none() {
                    rec.issue = Some(RecordIssue::StrayQuote);
                }
                self.runaway(rec, quotes == Quotes::Stray, quotes == Quotes::Quoted)?;
                if ended_with_break && rec.issue == Some(RecordIssue::UnterminatedQuote) {
                    // The file's final line break is not one more line of the record.
                    rec.lines = rec.lines.saturating_sub(1).max(1);
                }
                return Ok(found);
            }
            let input = &self.buf[self.pos..self.filled];
            let out: &mut [u8] = if discarding {
                &mut self.scratch
            } else {
                // Room for one byte past the limit: a field that fills it is too large,
                // however much spare capacity a recycled record has.
                let field_start = if endlen == 0 { 0 } else { rec.ends[endlen - 1] };
                let cap = (field_start + self.max_field + 1).min(rec.data.len());
                &mut rec.data[outlen..cap]
            };
            let (res, nin, nout, nend) = self.core.read_record(input, out, &mut rec.ends[endlen..]);
            let consumed = &input[..nin];
            quotes.feed(consumed, self.delimiter);
            let breaks = line_breaks(consumed, after_cr);
            self.line += breaks;
            rec.lines += breaks;
            if let Some(&last) = consumed.last() {
                after_cr = last == b'\r';
                self.pending_cr = after_cr;
                ended_with_break = matches!(last, b'\n' | b'\r');
            }
            self.pos += nin;
            for end in &mut rec.ends[endlen..endlen + nend] {
                *end -= discarded;
            }
            if discarding {
                if nend > 0 {
                    // The oversized field ended inside the scratch buffer: keep what follows it.
                    let field_end_in_scratch = rec.ends[endlen] - outlen;
                    let tail = &self.scratch[field_end_in_scratch..nout];
                    if rec.data.len() < outlen + tail.len() {
                        rec.data.resize(outlen + tail.len(), 0);
                    }
                    rec.data[outlen..outlen + tail.len()].copy_from_slice(tail);
                    discarded += field_end_in_scratch;
                    for end in &mut rec.ends[endlen + 1..endlen + nend] {
                        *end -= field_end_in_scratch;
                    }
                    rec.ends[endlen] = outlen;
                    count_cut(rec, field_end_in_scratch);
                    outlen += tail.len();
                    discarding = false;
                    // The tail may hold more of the next, unfinished field than
                    // the limit allows (a panic before, found by the reader's proptest).
                    let field_start = rec.ends[endlen + nend - 1];
                    if outlen - field_start > self.max_field {
                        let keep = self.cut(rec, endlen + nend, field_start, outlen);
                        discarded += outlen - keep;
                        outlen = keep;
                        discarding = true;
                    }
                } else {
                    discarded += nout;
                    count_cut(rec, nout);
                }
            } else {
                outlen += nout;
            }
            endlen += nend;
            match res {
                ReadRecordResult::InputEmpty => continue,
                // Scratch is reused from its start on the next call.
                ReadRecordResult::OutputFull if discarding => continue,
                ReadRecordResult::OutputFull => {
                    let field_start = if endlen == 0 { 0 } else { rec.ends[endlen - 1] };
                    let field_len = outlen - field_start;
                    if field_len > self.max_field {
                        // Keep only the first bytes up to the limit; count the rest.
                        let keep = self.cut(rec, endlen, field_start, outlen);
                        discarded += outlen - keep;
                        outlen = keep;
                        discarding = true;
                    } else if outlen < rec.data.len() {
                        // The cap was set for a field that ended in this call;
                        // the next call sets it for the current one.
                    } else {
                        let grow = rec.data.len().max(256);
                        rec.data.resize(rec.data.len() + grow, 0);
                    }
                }
                ReadRecordResult::OutputEndsFull => {
                    let grow = rec.ends.len().max(16);
                    rec.ends.resize(rec.ends.len() + grow, 0);
                }
                ReadRecordResult::Record => {
                    rec.len = endlen;
                    self.enforce_limit(rec);
                    if quotes == Quotes::Stray && rec.issue.is_none() {
                        rec.issue = Some(RecordIssue::StrayQuote);
                    }
                    // At the end of input while discarding, csv_core closes the field itself.
                    let open = self.eof && quotes == Quotes::Quoted;
                    if ended_with_break {
                        // The line break that ends the record is not a line of it.
                        rec.lines -= 1;
                        if after_cr {
                            // Nor counted yet: `skip_blank_lines` counts a CR, or the
                            // CRLF it starts, once it sees the next byte.
                            self.line -= 1;
                        }
                    }
                    self.runaway(rec, quotes == Quotes::Stray, open)?;
                    return Ok(true);
                }
                ReadRecordResult::End => return Ok(false),
            }
        }
    }

    /// Ends the record being read when the input ends.
    ///
    /// csv_core would close an open quoted field silently at the end of input,
    /// so the parser is first given a line break: outside quotes it ends the
    /// record as usual; inside quotes it becomes part of the field, which shows
    /// the quote was never closed. That byte is then taken off again.
    fn finish_at_eof(
        &mut self,
        rec: &mut Record,
        outlen: usize,
        mut endlen: usize,
        discarded: usize,
    ) -> io::Result<bool> {
        let first_new_end = endlen;
        if rec.data.len() <= outlen {
            rec.data.resize(outlen + 1, 0);
        }
        if rec.ends.len() <= endlen + 1 {
            rec.ends.resize(endlen + 2, 0);
        }
        let (res, _, nout, nend) =
            self.core
                .read_record(b"\n", &mut rec.data[outlen..], &mut rec.ends[endlen..]);
        endlen += nend;
        if res != ReadRecordResult::Record {
            rec.issue.get_or_insert(RecordIssue::UnterminatedQuote);
            let (_, _, _, nend) =
                self.core
                    .read_record(b"", &mut rec.data[outlen + nout..], &mut rec.ends[endlen..]);
            endlen += nend;
            if endlen > 0 {
                rec.ends[endlen - 1] -= nout;
            }
        }
        for end in &mut rec.ends[first_new_end..endlen] {
            *end -= discarded;
        }
        rec.len = endlen;
        self.enforce_limit(rec);
        Ok(endlen > 0)
    }

    /// Cuts fields over the limit that slipped past the streaming check (fields
    /// parsed into the scratch buffer right after an oversized one), so every
    /// record keeps at most `max_field` bytes per field and says so.
    /// The common record, a whole line in the buffer without any quote, split
    /// with a SIMD search for the line end and a SWAR one for the delimiters
    /// instead of csv_core's byte-at-a-time machine. What it reads is what
    /// csv_core reads (a test compares the two on random input): fields end
    /// at the delimiter, the record at the first CR or LF, which is consumed.
    /// A line with a quote goes to `read_quoted`; anything else (a line
    /// running past the buffer, a line longer than the field limit) is left
    /// to csv_core.
    fn read_plain(&mut self, rec: &mut Record) -> bool {
        let input = &self.buf[self.pos..self.filled];
        let Some(end) = memchr::memchr3(b'\n', b'\r', b'"', input) else {
            return false;
        };
        if input[end] == b'"' {
            return self.read_quoted(rec);
        }
        if end > self.max_field {
            return false;
        }
        // The line is kept as read; fields are cut from it between delimiters.
        let line = &input[..end];
        if rec.data.len() < end {
            rec.data.resize(end, 0);
        }
        rec.data[..end].copy_from_slice(line);
        let terminator = input[end];
        let mut n = 0;
        let ends = &mut rec.ends;
        let mut push = |stop| {
            set_end(ends, n, stop);
            n += 1;
        };
        for_each_byte(line, self.delimiter, &mut push);
        push(end);
        rec.separated = true;
        rec.comma_line = self.delimiter == b',';
        rec.len = n;
        self.took_record(end + 1, 0, terminator);
        true
    }

    /// Fails the read when a record whose quotes do not pair up (`stray`, or
    /// never closed) also had a field cut at the limit: the cut bytes are
    /// likely the rows of other customers, which neither output could hold.
    /// A large cell whose quotes pair up is cut and rejected as usual.
    fn runaway(&self, rec: &Record, stray: bool, unterminated: bool) -> io::Result<()> {
        if !(stray || unterminated) || !rec.was_cut() || !self.fail_runaway {
            return Ok(());
        }
        let what = if stray {
            format!(
                "a quoted field in the row that starts here has a closing quote followed by \
                 text, so its quotes do not pair up, and the row ran over {} lines",
                rec.lines
            )
        } else {
            "a quoted field opened here is never closed, and it ran to the end of the file"
                .to_owned()
        };
        Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "line {}: {what}, past the --max-field-bytes limit of {} bytes: the rows it took \
                 in cannot be kept, so the file is not converted; fix the quotes (a quote inside \
                 a quoted cell is written twice: \"\")",
                rec.line, self.max_field
            ),
        ))
    }

    /// Moves past a record the fast paths read: `used` bytes, terminator
    /// included, with `newlines` line breaks inside quotes.
    fn took_record(&mut self, used: usize, newlines: u64, terminator: u8) {
        let lf = terminator == b'\n';
        self.pending_cr = !lf;
        self.line += newlines + u64::from(lf);
        self.pos += used;
    }

    /// A record with quoted fields, whole in the buffer and read as csv_core
    /// reads it: a quoted field opens with a quote at the field's start and
    /// closes with a quote right before a delimiter or line end; inside, `""`
    /// is a quote and line breaks are text. Anything else (a quote inside an
    /// unquoted field, text after a closing quote, a record running past the
    /// buffer or over the field limit) returns false, for csv_core, having
    /// changed nothing but `rec`'s buffers.
    fn read_quoted(&mut self, rec: &mut Record) -> bool {
        // The limit bounds the record's buffer, as the line length does for plain lines.
        let end = self.filled.min(self.pos + self.max_field);
        let Some((used, newlines, stop)) =
            quoted_record(&self.buf[self.pos..end], self.delimiter, rec)
        else {
            return false;
        };
        rec.lines = 1 + newlines;
        self.took_record(used, newlines, stop);
        true
    }

    fn enforce_limit(&self, rec: &mut Record) {
        let max = self.max_field;
        let mut start = 0;
        let mut over = false;
        for i in 0..rec.len {
            if rec.ends[i] - start > max {
                over = true;
                break;
            }
            start = rec.ends[i];
        }
        if !over {
            return;
        }
        let (mut read_at, mut write_at) = (0, 0);
        let mut found = Vec::new();
        for i in 0..rec.len {
            let end = rec.ends[i];
            let field = &rec.data[read_at..end];
            let keep = if field.len() > max {
                found.push(Cut {
                    field: i,
                    bytes: field.len() as u64,
                    limit: max,
                });
                char_floor(field, max)
            } else {
                field.len()
            };
            rec.data.copy_within(read_at..read_at + keep, write_at);
            write_at += keep;
            read_at = end;
            rec.ends[i] = write_at;
        }
        match &mut rec.issue {
            Some(RecordIssue::FieldTooLarge(cuts)) => {
                cuts.extend(found);
                cuts.sort_unstable_by_key(|c| c.field);
            }
            // Also after an unterminated quote, as when the cut is found while
            // streaming: the cut cells must be marked, and its message names the
            // unbalanced quote as the likely cause.
            _ => rec.issue = Some(RecordIssue::FieldTooLarge(found)),
        }
    }

    /// Records field `field` (at `rec.data[start..end]`, over the limit) as cut
    /// and returns where its kept bytes end: at the limit, or before it so that
    /// no UTF-8 character is split.
    fn cut(&self, rec: &mut Record, field: usize, start: usize, end: usize) -> usize {
        let cut = Cut {
            field,
            bytes: (end - start) as u64,
            limit: self.max_field,
        };
        match &mut rec.issue {
            Some(RecordIssue::FieldTooLarge(cuts)) => cuts.push(cut),
            _ => rec.issue = Some(RecordIssue::FieldTooLarge(vec![cut])),
        }
        start + char_floor(&rec.data[start..end], self.max_field)
    }
}

/// Adds `bytes` more discarded bytes to the record's last cut field.
fn count_cut(rec: &mut Record, bytes: usize) {
    if let Some(RecordIssue::FieldTooLarge(cuts)) = &mut rec.issue {
        if let Some(last) = cuts.last_mut() {
            last.bytes += bytes as u64;
        }
    }
}

/// How many of `field`'s first `max` bytes (`field` is longer) to keep so
/// that no UTF-8 character is split: `max`, less the 1 to 3 bytes of a
/// character that would run past it. Bytes that are not UTF-8 are cut at `max`.
fn char_floor(field: &[u8], max: usize) -> usize {
    let is_continuation = |b: u8| b & 0xC0 == 0x80;
    (max.saturating_sub(3)..=max)
        .rev()
        .find(|&n| !is_continuation(field[n]))
        .unwrap_or(max)
}

/// Line breaks in `bytes` as an editor counts them: an LF, a CR and a CRLF each
/// end one line. `after_cr`: the byte before `bytes` was a CR, so an LF first
/// completes that CRLF rather than ending a line of its own.
fn line_breaks(bytes: &[u8], after_cr: bool) -> u64 {
    // Most quoted cells hold no line break: one search says so.
    let Some(first) = memchr::memchr2(b'\n', b'\r', bytes) else {
        return 0;
    };
    let mut breaks = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', &bytes[first..]).map(|i| i + first) {
        let prev_is_cr = if i == 0 {
            after_cr
        } else {
            bytes[i - 1] == b'\r'
        };
        breaks += u64::from(bytes[i] == b'\r' || !prev_is_cr);
    }
    breaks
}

/// Records where field `n` ends, growing `ends` (whose length is its capacity
/// here: the reader writes into it by index) when it is full.
fn set_end(ends: &mut Vec<usize>, n: usize, end: usize) {
    if n == ends.len() {
        ends.resize((n * 2).max(16), 0);
    }
    ends[n] = end;
}

/// Reads one record with quoted fields from the start of `input` into `rec`
/// (see `RecordReader::read_quoted`). Returns the bytes it took, terminator
/// included, the line breaks inside quotes, and the terminator.
///
/// Quoted cells are mostly JSON, with a `""` every few bytes: searches are
/// SWAR scans (`find_any`), whose set-up is a few instructions, not SIMD ones.
fn quoted_record(input: &[u8], delimiter: u8, rec: &mut Record) -> Option<(usize, u64, u8)> {
    let data = &mut rec.data;
    let (mut at, mut out, mut n) = (0, 0, 0);
    let mut copy = |from: &[u8], out: &mut usize| {
        let to = *out + from.len();
        if data.len() < to {
            // Grown as needed, not to `input`'s size: that is the rest of the buffer.
            data.resize(to.max(data.len() * 2), 0);
        }
        data[*out..to].copy_from_slice(from);
        *out = to;
    };
    loop {
        if input.get(at) == Some(&b'"') {
            at += 1;
            loop {
                let q = find_any(&input[at..], [b'"'])?;
                copy(&input[at..at + q], &mut out);
                at += q + 1;
                match input.get(at) {
                    Some(b'"') => {
                        copy(b"\"", &mut out);
                        at += 1;
                    }
                    Some(&b) if b == delimiter || b == b'\n' || b == b'\r' => break,
                    _ => return None,
                }
            }
        } else {
            let rest = &input[at..];
            let len = find_any(rest, [delimiter, b'\n', b'\r', b'"'])?;
            if rest[len] == b'"' {
                return None;
            }
            copy(&rest[..len], &mut out);
            at += len;
        }
        set_end(&mut rec.ends, n, out);
        n += 1;
        let stop = input[at];
        at += 1;
        if stop == delimiter {
            // Kept between fields, as on a plain line.
            copy(&[delimiter], &mut out);
            continue;
        }
        rec.separated = true;
        rec.len = n;
        // Outside quotes a line break ends the record: every other one is text.
        let newlines = line_breaks(&input[..at - 1], false);
        return Some((at, newlines, stop));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn quotes_pair_up_or_are_stray_however_the_bytes_are_split() {
        let cases: [(&[u8], Quotes); 10] = [
            (b"\"a\"  ,b\n", Quotes::FieldStart),
            (b"\"a\" x,b", Quotes::Stray),
            (b"a,\"b\",c\n", Quotes::FieldStart),
            (b"a,\"b\"\"c\"\n", Quotes::FieldStart),
            (b"12\" pizza,\"x\"\n", Quotes::FieldStart),
            (b"\"line\nbreak\"", Quotes::QuoteInQuoted),
            (b"\"open", Quotes::Quoted),
            (b"\"He said \"hi\" twice", Quotes::Stray),
            (b"\"a\" ,b", Quotes::Unquoted),
            (b"x;\"a\"b", Quotes::Unquoted),
        ];
        for (bytes, want) in cases {
            let mut whole = Quotes::default();
            whole.feed(bytes, b',');
            assert_eq!(whole, want, "{}", String::from_utf8_lossy(bytes));
            for cut in 0..bytes.len() {
                let mut split = Quotes::default();
                split.feed(&bytes[..cut], b',');
                split.feed(&bytes[cut..], b',');
                assert_eq!(split, want, "cut at {cut}");
            }
        }
    }

    use super::*;

    fn read_all(data: &[u8], max: usize) -> (Vec<Record>, u64) {
        let mut r = RecordReader::new(data, b',', max);
        let mut out = Vec::new();
        let mut rec = Record::default();
        while r.read(&mut rec).unwrap() {
            out.push(rec.clone());
        }
        (out, r.blank_lines())
    }

    fn fields(r: &Record) -> Vec<String> {
        r.iter()
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect()
    }

    #[test]
    fn lines_are_physical_lines_after_blank_lines_and_crlf() {
        let data = b"a,b\n1,2\n\n\n3,4\r\n\r\n\"x\ny\",5\n,\n6,7";
        let (recs, blanks) = read_all(data, 1 << 20);
        let lines: Vec<u64> = recs.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 2, 5, 7, 9, 10]);
        assert_eq!(blanks, 3);
        assert_eq!(fields(&recs[3]), vec!["x\ny", "5"]);
        assert_eq!(recs[3].lines, 2);
        assert!(recs[4].is_blank());
    }

    #[test]
    fn leading_blank_lines_and_crlf_only_file() {
        let (recs, blanks) = read_all(b"\n\na\r\n\r\nb\r\n\r\n", 1 << 20);
        let lines: Vec<u64> = recs.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![3, 5]);
        assert_eq!(blanks, 4);
    }

    #[test]
    fn lone_cr_line_ends_count_as_lines() {
        let (recs, _) = read_all(b"a\rb\r\rc", 1 << 20);
        let lines: Vec<u64> = recs.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 2, 4]);
    }

    #[test]
    fn line_breaks_inside_quotes_count_in_cr_only_files_too() {
        // A classic Mac export: CR is the only line end, inside quotes as well.
        let data = b"number,name\r+1,\"two\rlines\"\rbad,x\r+2,\"open\rq\r";
        for step in [1, 3, data.len()] {
            for plain_lines in [true, false] {
                let (recs, _, _) = read_with(data, step, 1 << 20, plain_lines);
                let at: Vec<(u64, u64)> = recs.iter().map(|r| (r.0, r.1)).collect();
                assert_eq!(at, [(1, 1), (2, 2), (4, 1), (5, 2)], "step {step}");
                assert_eq!(recs[3].2, Some(RecordIssue::UnterminatedQuote));
            }
        }
        // A CRLF inside quotes is one line break, also when a read splits it.
        let data = b"a,\"x\r\ny\"\r\nb\n";
        for step in 1..=data.len() {
            let (recs, _, _) = read_with(data, step, 1 << 20, false);
            let at: Vec<(u64, u64)> = recs.iter().map(|r| (r.0, r.1)).collect();
            assert_eq!(at, [(1, 2), (3, 1)], "step {step}");
        }
    }

    #[test]
    fn unterminated_quote_at_end_is_flagged() {
        let (recs, _) = read_all(b"a,b\n1,\"open\nmore\nstuff", 1 << 20);
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[1].issue, Some(RecordIssue::UnterminatedQuote));
        assert_eq!(recs[1].line, 2);
        assert_eq!(recs[1].lines, 3);
        let (recs, _) = read_all(b"a,b\n1,\"open\nmore\nstuff\n", 1 << 20);
        assert_eq!(recs[1].lines, 3, "a final line break is not a fourth line");
        let (ok, _) = read_all(b"a,b\n1,\"closed\nfine\"", 1 << 20);
        assert_eq!(ok[1].issue, None);
    }

    #[test]
    fn oversized_field_is_cut_and_flagged_and_later_fields_survive() {
        let big = "x".repeat(5000);
        let data = format!("a,b,c\n1,{big},3\n4,5,6\n");
        let (recs, _) = read_all(data.as_bytes(), 100);
        assert_eq!(
            recs[1].issue,
            Some(RecordIssue::FieldTooLarge(vec![Cut {
                field: 1,
                bytes: 5000,
                limit: 100
            }]))
        );
        assert_eq!(recs[1].get(1).unwrap().len(), 100);
        assert_eq!(recs[1].get(2).unwrap(), b"3");
        assert_eq!(fields(&recs[2]), vec!["4", "5", "6"]);
    }

    #[test]
    fn huge_single_line_is_bounded() {
        // A 3 MB line without a newline: the record keeps at most the limit.
        let data = vec![b'z'; 3 << 20];
        let (recs, _) = read_all(&data, 1 << 16);
        assert_eq!(recs.len(), 1);
        assert!(recs[0].data.len() < 1 << 18);
        assert!(matches!(
            recs[0].issue,
            Some(RecordIssue::FieldTooLarge(ref cuts)) if cuts == &[Cut { field: 0, bytes: 3 << 20, limit: 1 << 16 }]
        ));
    }

    #[test]
    fn field_limit_holds_in_a_recycled_record_with_spare_capacity() {
        // Found by tests/cli/fuzz.rs: a record buffer grown by an earlier, longer
        // record let a later field past the limit without a FieldTooLarge flag.
        let wide = vec!["y".repeat(90); 6].join(",");
        let mid = "z".repeat(300);
        let data = format!("{wide}\n{mid},ok\n");
        let mut r = RecordReader::new(data.as_bytes(), b',', 100);
        let mut rec = Record::default();
        assert!(r.read(&mut rec).unwrap());
        assert_eq!(rec.issue, None, "six fields under the limit");
        assert!(r.read(&mut rec).unwrap());
        assert_eq!(
            rec.issue,
            Some(RecordIssue::FieldTooLarge(vec![Cut {
                field: 0,
                bytes: 300,
                limit: 100
            }]))
        );
        assert_eq!(rec.get(0).unwrap().len(), 100);
        assert_eq!(rec.get(1).unwrap(), b"ok");
        // Exactly at the limit is fine.
        let (ok, _) = read_all(format!("{}\n", "q".repeat(100)).as_bytes(), 100);
        assert_eq!(ok[0].issue, None);
    }

    #[test]
    fn fields_after_an_oversized_one_are_limited_too() {
        let data = format!("{},{},c\n", "x".repeat(500), "w".repeat(300));
        let (recs, _) = read_all(data.as_bytes(), 100);
        assert_eq!(
            recs[0].issue,
            Some(RecordIssue::FieldTooLarge(vec![
                Cut {
                    field: 0,
                    bytes: 500,
                    limit: 100
                },
                Cut {
                    field: 1,
                    bytes: 300,
                    limit: 100
                }
            ]))
        );
        let lens: Vec<usize> = recs[0].iter().map(<[u8]>::len).collect();
        assert_eq!(lens, vec![100, 100, 1]);
    }

    #[test]
    fn a_read_error_mid_stream_is_returned_not_a_panic() {
        struct Failing(usize);
        impl Read for Failing {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                if self.0 == 0 {
                    return Err(io::Error::other("device went away"));
                }
                self.0 -= 1;
                buf[..5].copy_from_slice(b"a,\"b\n");
                Ok(5)
            }
        }
        let mut r = RecordReader::new(Failing(3), b',', 1 << 20);
        let mut rec = Record::default();
        let err = loop {
            match r.read(&mut rec) {
                Ok(true) => continue,
                Ok(false) => panic!("a failing source must not look like a clean end"),
                Err(e) => break e,
            }
        };
        assert_eq!(err.to_string(), "device went away");
    }

    #[test]
    fn matches_csv_spectrum_quoting() {
        let (recs, _) = read_all(b"a,b\n\"x \"\"q\"\", y\",2\n", 1 << 20);
        assert_eq!(fields(&recs[1]), vec!["x \"q\", y", "2"]);
    }

    /// A source handing out at most `step` bytes a call, to cut records at buffer ends.
    struct Trickle<'d> {
        data: &'d [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    type Seen = (Vec<(u64, u64, Option<RecordIssue>, Vec<Vec<u8>>)>, u64, u64);

    fn read_with(data: &[u8], step: usize, max: usize, plain_lines: bool) -> Seen {
        let mut r = RecordReader::new(Trickle { data, step }, b',', max);
        r.plain_lines = plain_lines;
        // Random bytes pair quotes up rarely: what is compared here is the cutting.
        r.fail_runaway = false;
        let mut out = Vec::new();
        let mut rec = Record::default();
        while r.read(&mut rec).unwrap() {
            let fields = rec.iter().map(<[u8]>::to_vec).collect();
            out.push((rec.line, rec.lines, rec.issue.clone(), fields));
        }
        (out, r.blank_lines(), r.line())
    }

    proptest::proptest! {
        #[test]
        fn plain_lines_read_exactly_as_csv_core_reads_them(
            data in proptest::collection::vec(proptest::sample::select(b"ab,,\"\r\n\n \xc3".to_vec()), 0..300),
            step in 1usize..400,
            max in proptest::sample::select(vec![3usize, 8, 1 << 20]),
        ) {
            let fast = read_with(&data, step, max, true);
            let slow = read_with(&data, step, max, false);
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    /// Line breaks as an editor counts them, for the reference below.
    fn editor_breaks(bytes: &[u8]) -> u64 {
        let crlf = bytes.windows(2).filter(|w| w == b"\r\n").count();
        (bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count() - crlf) as u64
    }

    /// One generated field: plain (`a`, `b`) or quoted (anything, `""` for a quote).
    fn field() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
        use proptest::prelude::*;
        prop_oneof![
            proptest::collection::vec(proptest::sample::select(b"ab".to_vec()), 1..4),
            proptest::collection::vec(
                proptest::sample::select(vec![&b"a"[..], b",", b"\r", b"\n", b"\r\n", b"\"\""]),
                0..6
            )
            .prop_map(|parts| [&b"\""[..], &parts.concat(), b"\""].concat()),
        ]
    }

    proptest::proptest! {
        #[test]
        fn lines_are_where_an_editor_shows_each_record_start(
            records in proptest::collection::vec(
                (
                    proptest::collection::vec(field(), 1..4),
                    proptest::sample::select(vec![&b"\n"[..], b"\r", b"\r\n"]),
                    proptest::sample::select(vec![&b""[..], b"\n", b"\r", b"\r\n", b"\n\n"]),
                ),
                1..12,
            ),
            step in 1usize..64,
            plain_lines in proptest::bool::ANY,
        ) {
            // The expected line of each record, from where it starts in the text.
            let (mut data, mut want) = (Vec::new(), Vec::new());
            for (fields, end, blank) in &records {
                let text = fields.join(&b","[..]);
                want.push((1 + editor_breaks(&data), 1 + editor_breaks(&text)));
                data.extend_from_slice(&text);
                data.extend_from_slice(end);
                data.extend_from_slice(blank);
            }
            let (recs, _, _) = read_with(&data, step, 1 << 20, plain_lines);
            let got: Vec<(u64, u64)> = recs.iter().map(|r| (r.0, r.1)).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }

    proptest::proptest! {
        /// Exactly the fields over the limit are cut and listed, with their
        /// real sizes, whatever path reads them (fast paths, csv_core
        /// streaming, the scratch buffer after a cut), and a cut keeps the
        /// longest prefix that ends on a character boundary.
        #[test]
        fn exactly_the_oversized_fields_are_cut_each_on_a_character_boundary(
            fields in proptest::collection::vec(
                (
                    proptest::collection::vec(
                        proptest::sample::select(vec!["a", "é", "€", "😀", ",", "\n", "\"\""]),
                        0..40,
                    ),
                    proptest::bool::ANY,
                ),
                1..6,
            ),
            max in 1usize..24,
            step in 1usize..80,
            plain_lines in proptest::bool::ANY,
        ) {
            // A first field that is never blank, so the line is never a blank line.
            let mut values = vec!["k".to_string()];
            let mut line = vec!["k".to_string()];
            for (parts, quoted) in &fields {
                let raw = parts.concat();
                let needs_quotes = raw.contains([',', '\n', '"']);
                let value = raw.replace("\"\"", "\"");
                if *quoted || needs_quotes {
                    line.push(format!("\"{raw}\""));
                } else {
                    line.push(raw);
                }
                values.push(value);
            }
            let data = format!("{}\nn\n", line.join(","));
            let (recs, _, _) = read_with(data.as_bytes(), step, max, plain_lines);
            let want_cuts: Vec<Cut> = values
                .iter()
                .enumerate()
                .filter(|(_, v)| v.len() > max)
                .map(|(field, v)| Cut { field, bytes: v.len() as u64, limit: max })
                .collect();
            let want_fields: Vec<Vec<u8>> = values
                .iter()
                .map(|v| {
                    let keep = (0..=max.min(v.len())).rev().find(|&n| v.is_char_boundary(n)).unwrap();
                    v.as_bytes()[..keep].to_vec()
                })
                .collect();
            let want_issue = (!want_cuts.is_empty()).then_some(RecordIssue::FieldTooLarge(want_cuts));
            proptest::prop_assert_eq!(&recs[0].2, &want_issue);
            proptest::prop_assert_eq!(&recs[0].3, &want_fields);
            proptest::prop_assert_eq!(&recs[1].3, &vec![b"n".to_vec()], "the next record starts where it should");
        }
    }

    #[test]
    fn a_cut_backs_off_to_the_start_of_the_character_it_would_split() {
        // "é" is 2 bytes: a limit of 5 keeps two of them, not two and a half.
        let data = format!("{}\n", "é".repeat(50));
        let (recs, _) = read_all(data.as_bytes(), 5);
        assert_eq!(recs[0].get(0).unwrap(), "éé".as_bytes());
        // A limit of 1 keeps nothing rather than half a character.
        let (recs, _) = read_all(data.as_bytes(), 1);
        assert_eq!(recs[0].get(0).unwrap(), b"");
        // Bytes that are not UTF-8 are cut at the limit.
        let (recs, _) = read_all(&[0x80; 40], 5);
        assert_eq!(recs[0].get(0).unwrap(), [0x80; 5]);
    }

    #[test]
    fn plain_lines_take_the_fast_path() {
        // Guards the proptest above against comparing csv_core with itself.
        let mut r = RecordReader::new(&b"a,b\nc"[..], b',', 100);
        let mut rec = Record::default();
        r.refill().unwrap();
        assert!(r.read_plain(&mut rec));
        assert_eq!(rec.iter().collect::<Vec<_>>(), [b"a", b"b"]);
        assert!(!r.read_plain(&mut rec), "no line end in the buffer");
    }

    #[test]
    fn quoted_records_take_the_fast_path() {
        // Guards the proptest above against comparing csv_core with itself here too.
        let data = b"\"a,\"\"b\"\"\",\"line\nbreak\",\"\",c\r\nnext,\"x\"y\n";
        let mut r = RecordReader::new(&data[..], b',', 100);
        let mut rec = Record::default();
        r.refill().unwrap();
        assert!(r.read_plain(&mut rec));
        assert_eq!(
            rec.iter().collect::<Vec<_>>(),
            [&b"a,\"b\""[..], b"line\nbreak", b"", b"c"]
        );
        assert_eq!((rec.lines, rec.comma_line()), (2, None));
        assert!(r.skip_blank_lines().unwrap());
        assert_eq!(r.line(), 3);
        assert!(
            !r.read_plain(&mut rec),
            "text after a closing quote is csv_core's"
        );
    }

    #[test]
    fn a_long_field_right_after_a_cut_one_is_cut_too_not_a_panic() {
        // Found by the proptest above: after an oversized field, the rest of the
        // chunk held more of the next field than the limit, and slicing panicked.
        let data = b"\"aaa\" ,\"aa\r\ra\raaaa\ra\raa\"\"\raaa";
        let (recs, _, _) = read_with(data, 13, 3, false);
        assert_eq!(
            recs[0].2,
            Some(RecordIssue::FieldTooLarge(vec![
                Cut {
                    field: 0,
                    bytes: 4,
                    limit: 3
                },
                Cut {
                    field: 1,
                    bytes: 20,
                    limit: 3
                }
            ]))
        );
        assert!(recs.iter().all(|r| r.3.iter().all(|f| f.len() <= 3)));
    }
}
