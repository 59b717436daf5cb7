//! One row in, one customer or a list of reasons out.
//!
//! The rules are the API's own (see `schema` and README, "Error codes"): a row
//! the API would refuse is rejected here, with every reason found, each a
//! stable code plus a message saying how to fix it. Valid rows borrow their
//! strings from the record, so mapping allocates only for what it changes.

use std::borrow::Cow;
use std::fmt;

use crate::dto::{Customer, Overrides, Variables};
use crate::mapping::{Field, Plan, Root};
use crate::overrides::{self, Source, Sources};
use crate::phone::{self, PhoneCheck, Region};
use crate::records::{Cut, Record, RecordIssue};
use crate::schema::{EXTENSION_MAX_CHARS, NUMBER_MAX_CHARS, NUMBER_MIN_CHARS, TEXT_MAX_CHARS};

/// One reason a row was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The column (header as written) or DTO field the problem is in.
    pub field: String,
    /// Stable identifier, listed in README.
    pub code: &'static str,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl RowError {
    /// Appends the `Display` form, `field:code: message`, without the formatting machinery.
    pub fn write_to(&self, out: &mut Vec<u8>) {
        self.write_with(out, |out, text| out.extend_from_slice(text));
    }

    /// `write_to`, with the field and message (the parts that can hold any text)
    /// appended by `text`, e.g. escaped for a quoted CSV field.
    pub fn write_with(&self, out: &mut Vec<u8>, text: impl Fn(&mut Vec<u8>, &[u8])) {
        text(out, self.field.as_bytes());
        out.push(b':');
        out.extend_from_slice(self.code.as_bytes());
        out.extend_from_slice(b": ");
        text(out, self.message.as_bytes());
    }
}

impl fmt::Display for RowError {
    /// `field:code: message`, the form used in the rejects file.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.field, self.code, self.message)
    }
}

/// One row's reasons to reject it, kept from row to row: a reason's strings
/// keep their buffers when the list is cleared, so once the first rows have
/// warmed them, a rejected row's reasons cost no allocation.
#[derive(Debug, Default)]
pub struct Reasons {
    all: Vec<RowError>,
    /// How many of `all` belong to the current row.
    len: usize,
}

impl Reasons {
    /// The current row's reasons, in the order found.
    pub fn as_slice(&self) -> &[RowError] {
        &self.all[..self.len]
    }

    /// True when the row has none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Forgets the row's reasons, keeping their buffers for the next row.
    pub fn clear(&mut self) {
        self.len = 0;
    }

    /// Moves the row's reasons out (their buffers go with them), leaving none.
    pub fn take(&mut self) -> Vec<RowError> {
        let taken = self.all.drain(..self.len).collect();
        self.len = 0;
        taken
    }

    /// Adds a reason, written into the next slot's buffers.
    fn push(&mut self, field: &str, code: &'static str, message: impl Message) {
        if self.len == self.all.len() {
            self.all.push(RowError {
                field: String::new(),
                code,
                message: String::new(),
            });
        }
        let slot = &mut self.all[self.len];
        self.len += 1;
        slot.field.clear();
        slot.field.push_str(field);
        slot.code = code;
        slot.message.clear();
        message.write_into(&mut slot.message);
    }
}

/// A reason's message, written into a kept buffer: text, or `format_args!`
/// so that nothing is allocated on the way.
trait Message {
    fn write_into(self, out: &mut String);
}

impl Message for &str {
    fn write_into(self, out: &mut String) {
        out.push_str(self);
    }
}

impl Message for String {
    fn write_into(self, out: &mut String) {
        out.push_str(&self);
    }
}

impl Message for &crate::phone::PhoneError<'_> {
    fn write_into(self, out: &mut String) {
        self.write_message(out);
    }
}

impl Message for fmt::Arguments<'_> {
    fn write_into(self, out: &mut String) {
        // Writing into a String cannot fail.
        let _ = fmt::Write::write_fmt(out, self);
    }
}

/// A row that passed: the customer, and anything worth telling that is not a reason to reject.
#[derive(Debug, Default)]
pub struct Checked<'r> {
    /// The customer to write.
    pub customer: Customer<'r>,
    /// Warnings (same shape as errors), e.g. `email_syntax`.
    pub warnings: Vec<RowError>,
}

/// The checked validation settings.
#[derive(Clone, Debug)]
pub struct ValidateOptions {
    /// E.164 check for rows without a `numberE164CheckEnabled` value (`--no-e164-check` sets false).
    pub e164_default: bool,
    /// How strictly numbers are checked.
    pub phone_check: PhoneCheck,
    /// Region for national numbers when the row has none.
    pub default_region: Option<Region>,
    /// `--rejects-excel-safe`: the rejects file guards formula-like cells with
    /// a leading `'`, and a fed-back rejects file (one with `_line`/`_errors`
    /// columns) has that guard taken off again before its cells are read.
    pub excel_safe: bool,
    /// `--max-field-bytes`: with `excel_safe`, the reader of a fed-back
    /// rejects file allows one byte more (a guard's), and a cell that is
    /// over the limit without one is rejected here.
    pub max_field_bytes: usize,
    /// `--dedupe`: a row of a fed-back rejects file that was rejected as a
    /// `duplicate` is rejected again (the row it repeats is in the earlier
    /// run's output, which this run does not see).
    pub dedupe: bool,
}

impl Default for ValidateOptions {
    fn default() -> Self {
        ValidateOptions {
            e164_default: true,
            phone_check: PhoneCheck::Valid,
            default_region: None,
            excel_safe: false,
            max_field_bytes: usize::MAX,
            dedupe: false,
        }
    }
}

/// Maps and validates rows of one file.
pub struct Validator<'p> {
    plan: &'p Plan,
    opts: &'p ValidateOptions,
    unguard: bool,
    /// Whether any column feeds `squadOverrides` (most files have none).
    squad_columns: bool,
    /// What a U+FFFD in a cell stands for, when it stands for lost bytes
    /// (see `decoded_from`).
    decoded_from: Option<Replaced>,
    /// The `_errors` column of a fed-back rejects file, with `--dedupe`.
    earlier_errors: Option<usize>,
}

struct Ctx<'p, 'r, 'e> {
    plan: &'p Plan,
    rec: &'r Record,
    errors: &'e mut Reasons,
    unguard: bool,
    /// The record's bytes as text when they are UTF-8 without NUL: checked
    /// once for the row instead of once a cell.
    text: Option<&'r str>,
    decoded_from: Option<Replaced>,
}

/// What a U+FFFD in a cell stands for.
#[derive(Clone, Copy, Debug)]
enum Replaced {
    /// Bytes that were not text in this encoding, replaced by its decoder.
    Decoded(&'static str),
    /// In a fed-back rejects file: the mark of bytes the first run could not
    /// read, which must not pass as an ordinary character now.
    FedBack,
}

impl Replaced {
    /// The reason for a cell (`at`: the offset of the U+FFFD) or a row.
    #[cold]
    fn message(self, at: Option<usize>) -> String {
        let at = at.map_or(String::new(), |at| format!(" at offset {at}"));
        match self {
            Replaced::Decoded(encoding) => format!(
                "the input has bytes here that are not {encoding} text (shown as \u{FFFD}{at}); fix them in the file, or pass the right --encoding"
            ),
            Replaced::FedBack => format!(
                "holds \u{FFFD}{at}, where the first run found bytes that were not text; type the right characters in"
            ),
        }
    }
}

/// `rec`'s bytes as text, or None when some cell must be checked on its own.
fn clean_text(rec: &Record, decoded: bool) -> Option<&str> {
    let bytes = rec.bytes();
    if memchr::memchr(0, bytes).is_some() {
        return None;
    }
    if decoded && memchr::memmem::find(bytes, REPLACEMENT).is_some() {
        return None;
    }
    simdutf8::basic::from_utf8(bytes).ok()
}

/// U+FFFD in UTF-8: what the decoder writes for bytes that are not text in
/// the input's encoding.
const REPLACEMENT: &[u8] = "\u{FFFD}".as_bytes();

/// `s` without surrounding whitespace; the common untrimmed cell costs two byte tests.
fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => s,
        // Empty cells are common: nothing to trim.
        (None, _) => s,
        _ => s.trim(),
    }
}

impl<'p, 'r> Ctx<'p, 'r, '_> {
    fn push(&mut self, field: &str, code: &'static str, message: impl Message) {
        self.errors.push(field, code, message);
    }

    fn header(&self, col: usize) -> &'p str {
        &self.plan.headers[col]
    }

    /// The trimmed text of a column, None when empty or unreadable (recording why).
    #[inline]
    fn cell(&mut self, col: usize) -> Option<&'r str> {
        let range = self.rec.range(col)?;
        // `get` also checks that the cell starts and ends on character
        // boundaries: valid text overall does not make every cut of it valid.
        if let Some(s) = self.text.and_then(|t| t.get(range.clone())) {
            let s = if self.unguard {
                // The guard is one ASCII byte, so what is left starts on a character.
                &s[s.len() - crate::output::strip_excel_guard(s.as_bytes()).len()..]
            } else {
                s
            };
            return Some(trim(s)).filter(|s| !s.is_empty());
        }
        self.checked_cell(col)
    }

    /// `cell` for a row whose bytes are not clean text as a whole, or a cell that
    /// does not start or end on a character: checked on its own. Kept out of
    /// `cell`, which runs for every cell of every row, so that it stays small.
    #[cold]
    #[inline(never)]
    fn checked_cell(&mut self, col: usize) -> Option<&'r str> {
        let mut bytes = self.rec.get(col)?;
        if self.unguard {
            bytes = crate::output::strip_excel_guard(bytes);
        }
        if bytes.contains(&0) {
            let header = self.header(col);
            self.push(
                header,
                "nul_byte",
                "contains a NUL byte (file damage?); remove it",
            );
            return None;
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                if let Some(replaced) = self.decoded_from {
                    if let Some(at) = memchr::memmem::find(s.as_bytes(), REPLACEMENT) {
                        let header = self.header(col);
                        self.push(header, "undecodable_text", replaced.message(Some(at)));
                        return None;
                    }
                }
                Some(trim(s)).filter(|s| !s.is_empty())
            }
            Err(e) => {
                let header = self.header(col);
                self.push(
                    header,
                    "invalid_utf8",
                    format_args!(
                        "byte 0x{:02X} at offset {} is not UTF-8; re-save the file as UTF-8 or pass --encoding",
                        bytes[e.valid_up_to()],
                        e.valid_up_to()
                    ),
                );
                None
            }
        }
    }

    fn field(&mut self, field: Field) -> Option<(&'p str, &'r str)> {
        let col = self.plan.column(field)?;
        self.cell(col).map(|v| (self.header(col), v))
    }

    fn max_chars(&mut self, header: &str, value: &str, max: usize, code: &'static str) {
        // Bytes bound characters from above: most values need no count.
        if value.len() > max {
            let n = value.chars().count();
            if n > max {
                self.push(
                    header,
                    code,
                    format_args!("has {n} characters; the API allows at most {max}"),
                );
            }
        }
    }
}

impl<'p> Validator<'p> {
    /// A validator for rows of the file `plan` was built from.
    pub fn new(plan: &'p Plan, opts: &'p ValidateOptions) -> Validator<'p> {
        // Only a rejects file fed back in can carry guards we added.
        let is_rejects_file = plan.is_fed_back();
        Validator {
            plan,
            opts,
            unguard: opts.excel_safe && is_rejects_file,
            squad_columns: plan.column(Field::SquadOverrides).is_some()
                || plan.paths.iter().any(|p| p.root == Root::Squad),
            // Its U+FFFD marks bytes the first run could not read.
            decoded_from: is_rejects_file.then_some(Replaced::FedBack),
            earlier_errors: plan
                .headers
                .iter()
                .position(|h| h == "_errors")
                .filter(|_| opts.dedupe && is_rejects_file),
        }
    }

    /// The cells of a guarded fed-back rejects file over the limit once
    /// their guard is off: the reader let them have one byte more, for a
    /// guard (see `RecordReader::allow_guard_byte`).
    #[cold]
    fn over_limit_unguarded(&self, rec: &Record, errors: &mut Reasons) {
        let max = self.opts.max_field_bytes;
        for &col in &self.plan.kept {
            let Some(cell) = rec.get(col) else { continue };
            let bytes = crate::output::strip_excel_guard(cell).len();
            if bytes > max {
                errors.push(
                    &self.plan.headers[col],
                    "field_too_large",
                    format_args!(
                        "has {bytes} bytes, over the --max-field-bytes limit of {max}; shorten it"
                    ),
                );
            }
        }
    }

    /// Rows come from input decoded from `encoding` (not UTF-8), whose decoder
    /// turns bytes that are not text into U+FFFD: a cell holding one is
    /// rejected (`undecodable_text`), as a stray byte in UTF-8 input is
    /// (`invalid_utf8`), instead of passing with the character replaced.
    pub fn decoded_from(mut self, encoding: Option<&'static str>) -> Self {
        if let Some(encoding) = encoding {
            self.decoded_from = Some(Replaced::Decoded(encoding));
        }
        self
    }

    /// The plan rows are read with.
    pub fn plan(&self) -> &'p Plan {
        self.plan
    }

    /// Maps `rec` onto a customer, or returns every reason it cannot be one.
    pub fn check<'r>(&self, rec: &'r Record) -> Result<Checked<'r>, Vec<RowError>>
    where
        'p: 'r,
    {
        let (mut out, mut errors) = (Checked::default(), Reasons::default());
        if self.check_into(rec, &mut errors, &mut out) {
            Ok(out)
        } else {
            Err(errors.take())
        }
    }

    /// `check` in place, for the pipeline's hot loop: fills `out` (a default
    /// `Checked` on entry) and returns true, or adds the reasons to `errors`
    /// (empty on entry) and returns false. The caller clears and reuses
    /// `errors`, and the ~400-byte customer is built where it stays.
    pub fn check_into<'r>(
        &self,
        rec: &'r Record,
        errors: &mut Reasons,
        out: &mut Checked<'r>,
    ) -> bool
    where
        'p: 'r,
    {
        debug_assert!(errors.is_empty());
        let plan = self.plan;
        if let Some(issue) = &rec.issue {
            record_issue(plan, rec, issue, errors);
            // A cut `_errors` cell of a fed-back rejects file is no reason:
            // the column is dropped anyway.
            if !errors.is_empty() {
                // A cut row can be ragged too: say so now, not after the fix.
                if matches!(issue, RecordIssue::FieldTooLarge(_)) && !fits(rec, plan.width) {
                    ragged(errors, plan, rec.len());
                }
                return false;
            }
        }
        if !fits(rec, plan.width) {
            ragged(errors, plan, rec.len());
            // Bytes that were not text in the input's encoding (a UTF-16 file
            // with an odd last byte) explain such a row better than its count.
            if let Some(replaced) = self.decoded_from {
                if memchr::memmem::find(rec.bytes(), REPLACEMENT).is_some() {
                    errors.push("row", "undecodable_text", replaced.message(None));
                }
            }
            return false;
        }
        if let Some(col) = self.earlier_errors {
            earlier_duplicate(rec.get(col).unwrap_or_default(), errors);
        }
        if self.unguard {
            self.over_limit_unguarded(rec, errors);
        }
        let mut cx = Ctx {
            plan,
            rec,
            errors,
            unguard: self.unguard,
            text: clean_text(rec, self.decoded_from.is_some()),
            decoded_from: self.decoded_from,
        };
        let customer = &mut out.customer;

        let e164 = match cx.field(Field::NumberE164CheckEnabled) {
            Some((header, v)) => match parse_bool(v) {
                Some(b) => {
                    customer.number_e164_check_enabled = Some(b);
                    b
                }
                None => {
                    cx.push(
                        header,
                        "invalid_boolean",
                        format_args!("`{v}` is not true/false/1/0/yes/no"),
                    );
                    self.opts.e164_default
                }
            },
            None => {
                if !self.opts.e164_default {
                    customer.number_e164_check_enabled = Some(false);
                }
                self.opts.e164_default
            }
        };
        let region = match cx.field(Field::Region) {
            Some((header, v)) => match v.parse::<Region>() {
                Ok(r) => Some(r),
                // A number with its own country code needs no region.
                Err(e)
                    if e.code == "region_without_numbers" && self.number_is_international(&cx) =>
                {
                    None
                }
                Err(e) => {
                    cx.push(header, "invalid_region", &e);
                    None
                }
            },
            None => self.opts.default_region,
        };

        let mut inline_extension = None;
        // A destination cell that is there but unreadable (a NUL, undecodable
        // bytes) has its own reason: it is not missing.
        let reasons_before = cx.errors.as_slice().len();
        let mut number = cx.field(Field::Number);
        let mut unreadable = number.is_none() && cx.errors.as_slice().len() > reasons_before;
        if number.is_some_and(|(_, raw)| raw == "'") && self.has_value(&cx, Field::SipUri) {
            // Only Excel's apostrophe: an empty cell, in a row that is called
            // by its SIP URI (alone, the row has `number_empty`).
            number = None;
        }
        if let Some((header, raw)) = number {
            if e164 {
                match phone::normalize(raw, region, self.opts.phone_check) {
                    Ok(n) => {
                        inline_extension = n.extension;
                        customer.number = Some(n.number);
                    }
                    Err(e) => cx.push(header, e.code, &e),
                }
            } else {
                match phone::check_unchecked(raw) {
                    Ok(number) => customer.number = Some(Cow::Borrowed(number)),
                    Err(e) => cx.push(header, e.code, &e),
                }
            }
            if let Some(n) = &customer.number {
                let chars = n.chars().count();
                if !(NUMBER_MIN_CHARS..=NUMBER_MAX_CHARS).contains(&chars) {
                    cx.push(
                        header,
                        "number_length",
                        format_args!("has {chars} characters; the API needs {NUMBER_MIN_CHARS} to {NUMBER_MAX_CHARS}"),
                    );
                    customer.number = None;
                }
            }
        }

        // `ext. 12` in the extension column is `12`, as it is written inline:
        // Vapi would dial the letters, so a cell of other words is rejected.
        let extension =
            cx.field(Field::Extension).and_then(
                |(header, col)| match crate::phone::extension_digits(col) {
                    Some(keys) => Some((header, keys)),
                    None => {
                        cx.push(
                            header,
                            "invalid_extension",
                            format_args!(
                                "{col:?} is not an extension Vapi can dial: write its digits \
                             (0-9, * and #; w or , to pause), e.g. 123, or leave the cell empty"
                            ),
                        );
                        None
                    }
                },
            );
        customer.extension = match (extension, inline_extension) {
            (Some((header, col)), Some(inline)) if col != inline => {
                cx.push(
                    header,
                    "extension_conflict",
                    format_args!("the number has extension `{inline}` written inline but this column says `{col}`; keep one"),
                );
                None
            }
            (Some((_, col)), _) => Some(Cow::Borrowed(col)),
            (None, inline) => inline,
        };
        if let Some(ext) = customer.extension.clone() {
            let header = extension.map_or("extension", |(h, _)| h);
            cx.max_chars(header, &ext, EXTENSION_MAX_CHARS, "extension_too_long");
        }

        let reasons_before = cx.errors.as_slice().len();
        let sip = cx.field(Field::SipUri);
        unreadable |= sip.is_none() && cx.errors.as_slice().len() > reasons_before;
        if let Some((header, uri)) = sip {
            match sip_problem(uri) {
                None => customer.sip_uri = Some(uri),
                Some(why) => cx.push(header, "invalid_sip_uri", why),
            }
        }
        if number.is_none() && sip.is_none() && !unreadable {
            // Named by the file's own column for numbers (or else for SIP URIs).
            let column = [Field::Number, Field::SipUri]
                .into_iter()
                .find_map(|f| self.plan.column(f))
                .map_or("number", |col| cx.header(col));
            cx.push(
                column,
                "missing_destination",
                "the row has neither a number nor a sipUri; fill one in or remove the row",
            );
        }

        let warnings = &mut out.warnings;
        for (field, code, slot) in [
            (Field::Name, "name_too_long", &mut customer.name),
            (Field::Email, "email_too_long", &mut customer.email),
            (
                Field::ExternalId,
                "external_id_too_long",
                &mut customer.external_id,
            ),
        ] {
            if let Some((header, v)) = cx.field(field) {
                cx.max_chars(header, v, TEXT_MAX_CHARS, code);
                *slot = Some(v);
            }
        }

        self.overrides(&mut cx, Root::Assistant, &mut customer.assistant_overrides);
        if self.squad_columns {
            self.overrides(&mut cx, Root::Squad, &mut customer.squad_overrides);
        }

        if let Some(email) = customer.email {
            if !plausible_email(email) {
                warnings.push(RowError {
                    field: plan
                        .column(Field::Email)
                        .map_or("email".into(), |c| plan.headers[c].clone()),
                    code: "email_syntax",
                    message: format!(
                        "`{email}` does not look like an email address (name@example.com)"
                    ),
                });
            }
        }

        cx.errors.is_empty()
    }

    /// Sets `slot` (`Overrides::None` on entry) to the row's `root` overrides.
    /// Whether the row's number cell starts with `+` (after Excel's `'`).
    fn number_is_international(&self, cx: &Ctx<'p, '_, '_>) -> bool {
        self.raw(cx, Field::Number)
            .is_some_and(|cell| cell.strip_prefix(b"'").unwrap_or(cell).starts_with(b"+"))
    }

    /// Whether the row has a non-empty cell for `field`.
    fn has_value(&self, cx: &Ctx<'p, '_, '_>, field: Field) -> bool {
        self.raw(cx, field).is_some_and(|cell| !cell.is_empty())
    }

    /// The bytes of the row's cell for `field`, without surrounding ASCII
    /// space, unchecked: for a glance at another cell, not for its value.
    fn raw<'r>(&self, cx: &Ctx<'p, 'r, '_>, field: Field) -> Option<&'r [u8]> {
        let col = self.plan.column(field)?;
        cx.rec.get(col).map(<[u8]>::trim_ascii)
    }

    fn overrides<'r>(&self, cx: &mut Ctx<'p, 'r, '_>, root: Root, slot: &mut Overrides<'r>)
    where
        'p: 'r,
    {
        let plan = self.plan;
        let json_field = match root {
            Root::Assistant => Field::AssistantOverrides,
            Root::Squad => Field::SquadOverrides,
        };
        let json = cx.field(json_field);
        let (mut paths, mut path_headers) = (Vec::new(), Vec::new());
        for p in plan.paths.iter().filter(|p| p.root == root) {
            if let Some(v) = cx.cell(p.col) {
                paths.push((&p.path[..], p.json, v));
                path_headers.push(cx.header(p.col));
            }
        }
        // Variables are gathered where the customer keeps them: most rows have
        // nothing else, and the ~140-byte list is then never moved.
        *slot = Overrides::Variables(Variables::new());
        let Overrides::Variables(variables) = slot else {
            unreachable!("just set");
        };
        if root == Root::Assistant {
            for var in &plan.variables {
                if let Some(v) = cx.cell(var.col) {
                    variables.push((&var.name, v));
                }
            }
        }
        if json.is_none() && paths.is_empty() {
            if variables.is_empty() {
                *slot = Overrides::None;
            }
            return;
        }
        let src = Sources {
            json: json.map(|(_, v)| v),
            paths,
            variables: std::mem::take(variables),
        };
        *slot = match overrides::build(src) {
            Ok(o) => o,
            Err(errors) => {
                for e in errors {
                    // Named by the column that holds the problem, as the file spells it.
                    let column = match e.source {
                        Source::Path(i) => path_headers[i],
                        Source::Json => json.map_or(root.name(), |(header, _)| header),
                    };
                    cx.push(column, e.code, e.message);
                }
                Overrides::None
            }
        };
    }
}

/// The `ragged_row` reason, counting the columns a person sees: the
/// `_line`/`_errors` columns of a fed-back file are left out.
fn ragged(errors: &mut Reasons, plan: &Plan, fields: usize) {
    let control = plan.width - plan.kept.len();
    let (fields, width) = (fields.saturating_sub(control), plan.width - control);
    errors.push(
        "row",
        "ragged_row",
        format_args!(
            "has {fields} field{} but the header has {width}; check for a missing or extra delimiter or an unquoted delimiter inside a value",
            if fields == 1 { "" } else { "s" }
        ),
    );
}

/// Whether `rec` has the header's width, or one more field that is empty:
/// the trailing delimiter many SQL and CRM exports put on data rows only
/// (`+14155550100;Ana;` under `phone;name`), which holds nothing to lose.
fn fits(rec: &Record, width: usize) -> bool {
    rec.len() == width || rec.len() == width + 1 && rec.get(width).is_some_and(<[u8]>::is_empty)
}

fn record_issue(plan: &Plan, rec: &Record, issue: &RecordIssue, errors: &mut Reasons) {
    match issue {
        RecordIssue::FieldTooLarge(cuts) => {
            for &Cut { field, bytes, .. } in cuts.iter().filter(|c| !plan.is_control(c.field)) {
                errors.push(
                    &plan.headers.get(field).map_or_else(
                        || Cow::Owned(format!("column {}", field + 1)),
                        |h| Cow::Borrowed(h.as_str()),
                    ),
                    "field_too_large",
                    format_args!(
                        "has {bytes} bytes, over the --max-field-bytes limit; only the first {} bytes are kept in this file, marked with a final … (check for an unbalanced quote)",
                        rec.get(field).map_or(0, <[u8]>::len)
                    ),
                );
            }
        }
        RecordIssue::StrayQuote => errors.push(
            "row",
            "stray_quote",
            format_args!(
                "a quoted field in this row has a closing quote followed by text, so its quotes do not pair up{}; \
                 write a quote inside a quoted cell twice (\"\"), or remove the stray one",
                if rec.lines > 1 {
                    format!(", and the row ran over {} lines, which may be other rows", rec.lines)
                } else {
                    String::new()
                }
            ),
        ),
        RecordIssue::UnterminatedQuote => errors.push(
            "row",
            "unterminated_quote",
            format_args!(
                "a quoted field opened here is never closed: the rest of the file ({} line{}) was read into this row; add the closing quote",
                rec.lines,
                if rec.lines == 1 { "" } else { "s" }
            ),
        ),
    }
}

/// Rejects again a row the run that wrote this rejects file rejected as a
/// `duplicate` (its `_errors` cell, `Phone:duplicate: same Phone as line 2,
/// which was kept`): the row it repeats went out in that run, so sending
/// this one would call the customer twice. Emptying the cell sends it.
#[cold]
fn earlier_duplicate(cell: &[u8], errors: &mut Reasons) {
    let Ok(cell) = std::str::from_utf8(cell) else {
        return;
    };
    for reason in cell.split(" | ") {
        if let Some((field, message)) = reason.split_once(":duplicate: ") {
            errors.push(
                field,
                "duplicate",
                format_args!(
                    "rejected as a duplicate in the run that wrote this file ({message}); delete \
                     the row, or empty its _errors cell if it is not a duplicate"
                ),
            );
            return;
        }
    }
}

/// A strict email check: a local part, `@`, and a domain with a dot; no display name or IP literal.
pub fn plausible_email(s: &str) -> bool {
    // Most addresses are plain dot-atoms, which the checker below always accepts;
    // checking that shape first spares its parsing and allocation on nearly every row.
    simple_email(s) || strict_email(s)
}

/// Bytes allowed in an RFC 5322 atom (`atext`), as a lookup table.
const ATEXT: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric()
            || matches!(c, b'!' | b'#'..=b'\'' | b'*' | b'+' | b'-' | b'/' | b'=' | b'?' | b'^'..=b'`' | b'{'..=b'~');
        b += 1;
    }
    t
};

/// Letters and digits, for domain labels, as a lookup table.
const ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// `atom(.atom)*@label(.label)+` in ASCII: a subset of what `strict_email` accepts.
/// One pass over the bytes, a table lookup each: this runs for nearly every row.
fn simple_email(s: &str) -> bool {
    let s = s.as_bytes();
    // Atoms of atext joined by single dots, up to the `@` (not atext).
    let mut at = 0;
    while let Some(&b) = s.get(at) {
        // A dot must follow an atom character.
        if !(ATEXT[usize::from(b)] || b == b'.' && at > 0 && s[at - 1] != b'.') {
            break;
        }
        at += 1;
    }
    if s.get(at) != Some(&b'@') || at == 0 || s[at - 1] == b'.' || at > 64 {
        return false;
    }
    // Labels of letters, digits and inner hyphens, 1 to 63 bytes, at least two.
    let domain = &s[at + 1..];
    if domain.len() > 253 {
        return false;
    }
    let (mut label_start, mut dots) = (0, 0);
    for (i, &b) in domain.iter().enumerate() {
        if ALNUM[usize::from(b)] {
            continue;
        }
        match b {
            b'-' if i > label_start => {}
            b'.' if i > label_start && domain[i - 1] != b'-' && i - label_start <= 63 => {
                dots += 1;
                label_start = i + 1;
            }
            _ => return false,
        }
    }
    let last = domain.len() - label_start;
    dots > 0 && (1..=63).contains(&last) && domain.last() != Some(&b'-')
}

fn strict_email(s: &str) -> bool {
    let strict = email_address::Options {
        minimum_sub_domains: 2,
        allow_domain_literal: false,
        allow_display_text: false,
        ..email_address::Options::default()
    };
    email_address::EmailAddress::parse_with_options(s, strict).is_ok()
}

/// `true/false/1/0/yes/no`, case-insensitive.
pub fn parse_bool(v: &str) -> Option<bool> {
    const TRUE: [&str; 3] = ["true", "1", "yes"];
    const FALSE: [&str; 3] = ["false", "0", "no"];
    if TRUE.iter().any(|t| t.eq_ignore_ascii_case(v)) {
        Some(true)
    } else if FALSE.iter().any(|f| f.eq_ignore_ascii_case(v)) {
        Some(false)
    } else {
        None
    }
}

/// Why a SIP URI is unusable, or None: `sip:`/`sips:` then `user@host` or `host`.
fn sip_problem(uri: &str) -> Option<String> {
    // `get` rather than slicing: a multi-byte character may straddle byte 4 or 5.
    let scheme = |n: usize, s: &str| uri.get(..n).is_some_and(|p| p.eq_ignore_ascii_case(s));
    let rest = if scheme(4, "sip:") {
        &uri[4..]
    } else if scheme(5, "sips:") {
        &uri[5..]
    } else {
        return Some(format!(
            "`{uri}` must start with sip: or sips: (e.g. sip:alice@example.com)"
        ));
    };
    if rest.chars().any(char::is_whitespace) {
        return Some(format!("`{uri}` contains whitespace"));
    }
    let host = match rest.rsplit_once('@') {
        Some(("", _)) => return Some(format!("`{uri}` has an empty user before @")),
        Some((_, host)) => host,
        None => rest,
    };
    let hostname = host.split([';', '?']).next().unwrap_or("");
    let hostname = hostname.rsplit_once(':').map_or(hostname, |(h, port)| {
        if port.bytes().all(|b| b.is_ascii_digit()) {
            h
        } else {
            hostname
        }
    });
    if hostname.is_empty() {
        return Some(format!("`{uri}` has no host (e.g. sip:alice@example.com)"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::MappingOptions;

    #[test]
    fn sip_uri_with_a_multibyte_character_at_the_scheme_boundary_is_rejected_not_a_panic() {
        // Found by tests/cli/fuzz.rs: `a0Aé` made `uri[..4]` split the `é`.
        for uri in ["a0Aé", "sipé", "sip:é@x", "é"] {
            let _ = sip_problem(uri);
        }
        assert!(sip_problem("a0Aé").is_some());
    }

    fn plan(headers: &[&str]) -> Plan {
        let h: Vec<String> = headers.iter().map(|s| s.to_string()).collect();
        Plan::build(&h, &MappingOptions::default()).unwrap()
    }

    fn run(
        headers: &[&str],
        row: &[&str],
        opts: &ValidateOptions,
    ) -> Result<String, Vec<&'static str>> {
        let p = plan(headers);
        let rec = Record::from_fields(2, row.iter().map(|s| s.as_bytes()));
        let result = match Validator::new(&p, opts).check(&rec) {
            Ok(c) => {
                let mut out = Vec::new();
                c.customer.write_jsonl(&mut out);
                Ok(String::from_utf8(out).unwrap().trim_end().to_string())
            }
            Err(e) => Err(e.iter().map(|e| e.code).collect()),
        };
        result
    }

    /// The (column, code) of each reason a row is rejected for.
    fn columns(headers: &[&str], row: &[&str]) -> Vec<(String, &'static str)> {
        let p = plan(headers);
        let rec = Record::from_fields(2, row.iter().map(|s| s.as_bytes()));
        let errors = match Validator::new(&p, &fmt_opts()).check(&rec) {
            Ok(_) => return Vec::new(),
            Err(e) => e.iter().map(|e| (e.field.clone(), e.code)).collect(),
        };
        errors
    }

    #[test]
    fn reasons_name_the_column_that_holds_the_problem() {
        // The file's own header for numbers, not the DTO field's name.
        assert_eq!(
            columns(&["phone", "name"], &["", "Ana"]),
            [("phone".to_string(), "missing_destination")]
        );
        // An override problem names the dotted column that set the key, and
        // the JSON column (as the file spells it) for keys only it set.
        let h = [
            "number",
            "Assistant Overrides",
            "assistantOverrides.maxDurationSeconds",
        ];
        assert_eq!(
            columns(&h, &["+14155550100", r#"{"firstMessage":3}"#, "5"]),
            [
                ("Assistant Overrides".to_string(), "invalid_override_value"),
                (h[2].to_string(), "invalid_override_value")
            ]
        );
        assert_eq!(
            columns(&h, &["+14155550100", r#"{"maxDurationSeconds":60}"#, "{"]),
            [(h[2].to_string(), "invalid_json")]
        );
    }

    fn fmt_opts() -> ValidateOptions {
        ValidateOptions {
            phone_check: PhoneCheck::Format,
            ..ValidateOptions::default()
        }
    }

    #[test]
    fn a_lone_apostrophe_in_the_number_is_empty_beside_a_sip_uri() {
        // Audit 7: such a row was rejected as number_empty, while the
        // same row with the number cell empty passed as a SIP call.
        let h = &["number", "sipUri"];
        for number in ["'", ""] {
            assert_eq!(
                run(h, &[number, "sip:a@example.com"], &fmt_opts()),
                Ok(r#"{"sipUri":"sip:a@example.com"}"#.to_string()),
                "{number:?}"
            );
        }
        assert_eq!(run(h, &["'", ""], &fmt_opts()), Err(vec!["number_empty"]));
        // With the E.164 check off, Excel's apostrophe goes too.
        let h = &["number", "numberE164CheckEnabled"];
        assert_eq!(
            run(h, &["'1234", "false"], &fmt_opts()),
            Ok(r#"{"numberE164CheckEnabled":false,"number":"1234"}"#.to_string())
        );
        assert_eq!(
            run(h, &["1.2E10", "false"], &fmt_opts()),
            Err(vec!["number_excel_scientific"])
        );
    }

    #[test]
    fn a_region_without_numbers_is_no_reason_for_an_international_number() {
        // Audit 7: `AQ` (Antarctica, numbered from Norfolk Island's +672)
        // was "unknown", and rejected the row though its number had a country code.
        let h = &["number", "country"];
        let valid = ValidateOptions::default();
        assert_eq!(
            run(h, &["+672 3 22123", "AQ"], &valid),
            Ok(r#"{"number":"+672322123"}"#.to_string())
        );
        assert_eq!(
            run(h, &["3 22123", "AQ"], &valid),
            Err(vec!["invalid_region", "number_not_e164"])
        );
        assert_eq!(
            run(h, &["+672 3 22123", "QQ"], &valid),
            Err(vec!["invalid_region"])
        );
        assert!("AQ"
            .parse::<crate::phone::Region>()
            .unwrap_err()
            .message()
            .contains("has no telephone numbering plan of its own"));
    }

    #[test]
    fn valid_row_maps_trims_and_omits_empty_fields() {
        let out = run(
            &["phone", "name", "email"],
            &[" +14155550100 ", " Ana ", ""],
            &fmt_opts(),
        )
        .unwrap();
        assert_eq!(out, r#"{"number":"+14155550100","name":"Ana"}"#);
    }

    #[test]
    fn collects_every_error_of_a_row() {
        let long = "x".repeat(41);
        let e = run(
            &["number", "name", "email", "externalId", "extension"],
            &["+0123", &long, &long, &long, "12345678901"],
            &fmt_opts(),
        )
        .unwrap_err();
        assert_eq!(
            e,
            vec![
                "number_not_e164",
                "extension_too_long",
                "name_too_long",
                "email_too_long",
                "external_id_too_long"
            ]
        );
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        let forty = "é".repeat(40);
        assert!(run(&["number", "name"], &["+14155550100", &forty], &fmt_opts()).is_ok());
        let e = run(
            &["number", "name"],
            &["+14155550100", &format!("{forty}é")],
            &fmt_opts(),
        )
        .unwrap_err();
        assert_eq!(e, vec!["name_too_long"]);
    }

    #[test]
    fn missing_destination_and_sip_uris() {
        assert_eq!(
            run(&["number", "name"], &["", "Ana"], &fmt_opts()).unwrap_err(),
            vec!["missing_destination"]
        );
        assert!(run(&["sipUri"], &["sip:alice@example.com"], &fmt_opts()).is_ok());
        assert!(run(
            &["sipUri"],
            &["SIPS:pbx.example.com:5061;transport=tls"],
            &fmt_opts()
        )
        .is_ok());
        for bad in [
            "alice@example.com",
            "sip:",
            "sip:@host",
            "sip:alice@",
            "sip:a b@c",
        ] {
            assert_eq!(
                run(&["sipUri"], &[bad], &fmt_opts()).unwrap_err(),
                vec!["invalid_sip_uri"],
                "{bad}"
            );
        }
    }

    #[test]
    fn e164_flag_column_and_default() {
        let h = &["number", "numberE164CheckEnabled"];
        assert_eq!(
            run(h, &["1234", "FALSE"], &fmt_opts()).unwrap(),
            r#"{"numberE164CheckEnabled":false,"number":"1234"}"#
        );
        assert_eq!(
            run(h, &["+14155550100", "yes"], &fmt_opts()).unwrap(),
            r#"{"numberE164CheckEnabled":true,"number":"+14155550100"}"#
        );
        assert_eq!(
            run(h, &["+14155550100", "maybe"], &fmt_opts()).unwrap_err(),
            vec!["invalid_boolean"]
        );
        assert_eq!(
            run(h, &["12-34", "no"], &fmt_opts()).unwrap_err(),
            vec!["number_bad_characters"]
        );
        let off = ValidateOptions {
            e164_default: false,
            ..fmt_opts()
        };
        assert_eq!(
            run(&["number"], &["abc"], &off).unwrap(),
            r#"{"numberE164CheckEnabled":false,"number":"abc"}"#
        );
        assert_eq!(
            run(&["number"], &["ab"], &off).unwrap_err(),
            vec!["number_length"]
        );
    }

    #[test]
    fn a_trailing_empty_field_on_data_rows_is_no_ragged_row() {
        // Audit 8: `+14155550100;Ana;` under `phone;name` (a common export
        // shape) rejected every row as ragged_row.
        let h = &["number", "name"];
        assert_eq!(
            run(h, &["+14155550100", "Ana", ""], &fmt_opts()),
            Ok(r#"{"number":"+14155550100","name":"Ana"}"#.to_string())
        );
        // Anything in the extra field, or two extra fields, is ragged; and
        // the counts are the fields a person sees, in words.
        assert_eq!(
            run(h, &["+14155550100", "Ana", "x"], &fmt_opts()),
            Err(vec!["ragged_row"])
        );
        assert_eq!(
            run(h, &["+14155550100", "Ana", "", ""], &fmt_opts()),
            Err(vec!["ragged_row"])
        );
        let p = plan(&["_line", "_errors", "number", "name"]);
        let rec = Record::from_fields(2, ["7", "x", "+14155550100"]);
        let opts = fmt_opts();
        let e = Validator::new(&p, &opts).check(&rec).unwrap_err();
        assert!(
            e[0].message
                .starts_with("has 1 field but the header has 2;"),
            "{}",
            e[0].message
        );
    }

    #[test]
    fn ragged_rows_and_record_issues() {
        assert_eq!(
            run(&["number", "name"], &["+14155550100"], &fmt_opts()).unwrap_err(),
            vec!["ragged_row"]
        );
        let p = plan(&["number"]);
        let mut rec = Record::from_fields(2, ["+14155550100"]);
        rec.issue = Some(RecordIssue::UnterminatedQuote);
        let opts = fmt_opts();
        assert_eq!(
            Validator::new(&p, &opts).check(&rec).unwrap_err()[0].code,
            "unterminated_quote"
        );
        // A cut row that is ragged too says both at once.
        let p = plan(&["number", "name", "email"]);
        let mut rec = Record::from_fields(2, ["+14155550100", "Ann"]);
        rec.issue = Some(RecordIssue::FieldTooLarge(vec![crate::records::Cut {
            field: 1,
            bytes: 90,
            limit: 3,
        }]));
        let codes: Vec<&str> = Validator::new(&p, &opts)
            .check(&rec)
            .unwrap_err()
            .iter()
            .map(|e| e.code)
            .collect();
        assert_eq!(codes, ["field_too_large", "ragged_row"]);
        // A decoded file's lone bad byte at the end (an odd
        // last byte of UTF-16) is named as such, not only as a short row.
        let p = plan(&["number", "name"]);
        let rec = Record::from_fields(3, ["\u{FFFD}"]);
        let v = Validator::new(&p, &opts).decoded_from(Some("UTF-16LE"));
        let codes: Vec<&str> = v.check(&rec).unwrap_err().iter().map(|e| e.code).collect();
        assert_eq!(codes, ["ragged_row", "undecodable_text"]);
    }

    #[test]
    fn bad_bytes_reject_the_row() {
        let p = plan(&["number", "name"]);
        let opts = fmt_opts();
        let rec = Record::from_fields(2, [&b"+14155550100"[..], b"Jos\xe9"]);
        let e = Validator::new(&p, &opts).check(&rec).unwrap_err();
        assert_eq!((e[0].field.as_str(), e[0].code), ("name", "invalid_utf8"));
        let rec = Record::from_fields(2, [&b"+14155550100"[..], b"A\0B"]);
        assert_eq!(
            Validator::new(&p, &opts).check(&rec).unwrap_err()[0].code,
            "nul_byte"
        );
        // In the number: that one reason, not also "neither a number nor a
        // sipUri"; an empty number still is missing.
        let rec = Record::from_fields(2, [&b"+1415\x005550100"[..], b"Ana"]);
        let e = Validator::new(&p, &opts).check(&rec).unwrap_err();
        let codes: Vec<&str> = e.iter().map(|e| e.code).collect();
        assert_eq!(codes, ["nul_byte"]);
    }

    #[test]
    fn a_character_split_across_cells_is_invalid_even_when_the_row_reads_as_text() {
        // `é` is C3 A9: cut between two cells, each half is invalid UTF-8,
        // though the record's bytes back to back are valid.
        let p = plan(&["number", "name", "email"]);
        let opts = fmt_opts();
        let rec = Record::from_fields(2, [&b"+14155550100"[..], b"Jos\xc3", b"\xa9@x.io"]);
        let e = Validator::new(&p, &opts).check(&rec).unwrap_err();
        let codes: Vec<_> = e.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(codes, [("name", "invalid_utf8"), ("email", "invalid_utf8")]);
    }

    #[test]
    fn cells_are_trimmed_of_unicode_whitespace_on_the_fast_path() {
        let p = plan(&["number", "name"]);
        let opts = fmt_opts();
        let rec = Record::from_fields(
            2,
            [&b" +14155550100\t"[..], "\u{a0}Zo\u{eb}\u{2003}".as_bytes()],
        );
        let c = Validator::new(&p, &opts).check(&rec).unwrap();
        assert_eq!(c.customer.name, Some("Zo\u{eb}"));
        assert_eq!(c.customer.number.as_deref(), Some("+14155550100"));
    }

    #[test]
    fn squad_overrides_come_from_their_own_columns_only() {
        let json = &["number", "squadOverrides", "plan"];
        assert_eq!(
            run(
                json,
                &["+14155550100", r#"{"firstMessage":"s"}"#, "pro"],
                &fmt_opts()
            )
            .unwrap(),
            r#"{"assistantOverrides":{"variableValues":{"plan":"pro"}},"squadOverrides":{"firstMessage":"s"},"number":"+14155550100"}"#
        );
        let path = &["number", "squadOverrides.firstMessage"];
        assert_eq!(
            run(path, &["+14155550100", "Hi"], &fmt_opts()).unwrap(),
            r#"{"squadOverrides":{"firstMessage":"Hi"},"number":"+14155550100"}"#
        );
        assert_eq!(
            run(json, &["+14155550100", "[1]", ""], &fmt_opts()).unwrap_err(),
            vec!["overrides_not_object"]
        );
    }

    #[test]
    fn overrides_from_all_three_sources() {
        let h = &[
            "number",
            "assistantOverrides",
            "assistantOverrides.firstMessage",
            "plan",
        ];
        assert_eq!(
            run(
                h,
                &[
                    "+14155550100",
                    r#"{"firstMessage":"a","metadata":{"k":1}}"#,
                    "Hi Ana",
                    "pro"
                ],
                &fmt_opts()
            )
            .unwrap(),
            r#"{"assistantOverrides":{"firstMessage":"Hi Ana","metadata":{"k":1},"variableValues":{"plan":"pro"}},"number":"+14155550100"}"#
        );
        assert_eq!(
            run(h, &["+14155550100", "{", "", ""], &fmt_opts()).unwrap_err(),
            vec!["invalid_json"]
        );
        assert_eq!(
            run(
                h,
                &["+14155550100", r#"{"customer":1}"#, "", ""],
                &fmt_opts()
            )
            .unwrap_err(),
            vec!["unknown_override_key"]
        );
    }

    #[test]
    fn reasons_reused_for_the_next_row_keep_nothing_of_the_last() {
        let mut r = Reasons::default();
        r.push(
            "phone",
            "number_not_e164",
            "a long message about the number",
        );
        r.push(
            "name",
            "name_too_long",
            format_args!("has {} characters", 41),
        );
        assert_eq!(r.as_slice().len(), 2);
        r.clear();
        assert!(r.is_empty());
        r.push("row", "ragged_row", String::from("short"));
        let want = RowError {
            field: "row".into(),
            code: "ragged_row",
            message: "short".into(),
        };
        assert_eq!(r.as_slice(), std::slice::from_ref(&want));
        assert_eq!(r.take(), [want]);
        assert!(r.is_empty());
        r.push("email", "c", "m");
        assert_eq!(r.as_slice()[0].to_string(), "email:c: m");
    }

    #[test]
    fn variables_are_the_last_key_of_a_json_cells_object() {
        let h = &["number", "assistantOverrides", "plan"];
        for (cell, want) in [
            ("{}", r#"{"variableValues":{"plan":"pro"}}"#),
            (
                r#"{"firstMessage":"a"}"#,
                r#"{"firstMessage":"a","variableValues":{"plan":"pro"}}"#,
            ),
            // The cell's own variables are merged, in its key's place.
            (
                r#"{"variableValues":{"a":"x","plan":"y"},"firstMessage":"a"}"#,
                r#"{"variableValues":{"a":"x","plan":"pro"},"firstMessage":"a"}"#,
            ),
        ] {
            assert_eq!(
                run(h, &["+14155550100", cell, "pro"], &fmt_opts()).unwrap(),
                format!(r#"{{"assistantOverrides":{want},"number":"+14155550100"}}"#),
                "{cell}"
            );
        }
        assert_eq!(
            run(h, &["+14155550100", "{}", ""], &fmt_opts()).unwrap(),
            r#"{"number":"+14155550100"}"#
        );
        // Not an object: rejected, as without variables; the columns'
        // variables no longer replace it and hide it.
        assert_eq!(
            run(
                h,
                &["+14155550100", r#"{"variableValues":[1]}"#, "pro"],
                &fmt_opts()
            )
            .unwrap_err(),
            vec!["invalid_override_value"]
        );
    }

    #[test]
    fn implausible_emails_are_warnings_not_rejects() {
        let p = plan(&["number", "E-Mail"]);
        let opts = fmt_opts();
        for (email, warned) in [
            ("ana@example.com", false),
            ("ana@localhost", true),
            ("ana.example.com", true),
            ("Ana <a@b.co>", true),
            ("a@[10.0.0.1]", true),
        ] {
            let rec = Record::from_fields(2, ["+14155550100", email]);
            let checked = Validator::new(&p, &opts).check(&rec).unwrap();
            assert_eq!(checked.warnings.len(), usize::from(warned), "{email}");
            if warned {
                assert_eq!(
                    (checked.warnings[0].field.as_str(), checked.warnings[0].code),
                    ("E-Mail", "email_syntax")
                );
            }
        }
    }

    #[test]
    fn the_simple_email_shape_never_accepts_what_the_strict_checker_refuses() {
        let cases = [
            "ana@example.com",
            "a.b-c+d@mail.co.uk",
            "x@y.z",
            "o'neil@example.ie",
            "a..b@example.com",
            ".a@example.com",
            "a.@example.com",
            "a@-example.com",
            "a@example-.com",
            "a@example",
            "a@example..com",
            "a b@example.com",
            "\"quoted\"@example.com",
            "ana@exa_mple.com",
            "josé@example.com",
            "a@b@c.com",
            "@example.com",
            "ana@",
            "ana@[1.2.3.4]",
            "Ana <a@b.co>",
            "a@1.2",
            "a@b.c0m",
            "UPPER@EXAMPLE.COM",
            "a{b}@example.org",
        ];
        for c in cases {
            if simple_email(c) {
                assert!(
                    strict_email(c),
                    "{c}: fast path accepts what the checker refuses"
                );
            }
        }
        assert!(simple_email("ana@example.com") && simple_email("a.b-c+d@mail.co.uk"));
        assert!(simple_email("x@a-b.c-d.io") && simple_email("a@b.c0m"));
        // The table is exactly RFC 5322's atext.
        let atext: Vec<u8> = (0..=255u8).filter(|&b| ATEXT[usize::from(b)]).collect();
        let mut want: Vec<u8> = (b'0'..=b'9')
            .chain(b'A'..=b'Z')
            .chain(b'a'..=b'z')
            .collect();
        want.extend_from_slice(b"!#$%&'*+-/=?^_`{|}~");
        want.sort_unstable();
        assert_eq!(atext, want);
    }

    #[test]
    fn parse_bool_accepts_the_documented_words_only() {
        for (s, b) in [
            ("TRUE", true),
            ("1", true),
            ("Yes", true),
            ("false", false),
            ("0", false),
            ("NO", false),
        ] {
            assert_eq!(parse_bool(s), Some(b), "{s}");
        }
        assert_eq!(parse_bool("y"), None);
    }

    /// The first `simple_email`, byte by byte with branches: the reference for the table one.
    fn simple_email_reference(s: &str) -> bool {
        let s = s.as_bytes();
        let Some(at) = memchr::memchr(b'@', s) else {
            return false;
        };
        let (local, domain) = (&s[..at], &s[at + 1..]);
        if local.len() > 64 || domain.len() > 253 {
            return false;
        }
        // Atoms of atext joined by single dots (the local part's length bounds each atom).
        let mut after_dot = true;
        for &b in local {
            if b == b'.' {
                if after_dot {
                    return false;
                }
                after_dot = true;
            } else if ATEXT[usize::from(b)] {
                after_dot = false;
            } else {
                return false;
            }
        }
        if after_dot {
            return false;
        }
        // Labels of letters, digits and inner hyphens, 1 to 63 bytes, at least two.
        let (mut label, mut dots, mut prev) = (0usize, 0usize, b'.');
        for &b in domain {
            if b == b'.' {
                if label == 0 || prev == b'-' {
                    return false;
                }
                dots += 1;
                label = 0;
            } else if b.is_ascii_alphanumeric() || (b == b'-' && label > 0) {
                label += 1;
                if label > 63 {
                    return false;
                }
            } else {
                return false;
            }
            prev = b;
        }
        dots > 0 && label > 0 && prev != b'-'
    }

    proptest::proptest! {
        #[test]
        fn the_simple_email_table_accepts_what_the_byte_loop_accepted(
            email in "[a-c.@\\-+_\"' é0-9]{0,14}|[a-z]{1,3}(\\.[a-z]{0,3}){0,2}@[a-z0-9\\-.]{0,6}(\\.[a-z0-9\\-]{0,4}){0,3}|[a-z]{60,66}@[a-z]{1,3}\\.[a-z]{60,66}|[a-z]{1,3}@[a-z]{60,66}\\.[a-z]{2,3}",
        ) {
            proptest::prop_assert_eq!(simple_email(&email), simple_email_reference(&email), "{}", email);
        }

        #[test]
        fn the_simple_email_shape_is_a_subset_of_the_strict_one(
            email in "[a-c.@\\-+_\"' é\\[\\]0-9]{0,12}|[a-z]{1,3}(\\.[a-z]{1,3}){0,2}@[a-z0-9\\-]{0,4}(\\.[a-z0-9\\-]{0,4}){0,3}",
        ) {
            if simple_email(&email) {
                proptest::prop_assert!(strict_email(&email), "{email}");
            }
        }
    }
}
