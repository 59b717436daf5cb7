//! Phone numbers: from whatever a spreadsheet holds to the E.164 string Vapi dials.
//!
//! This module is the only place that knows which phone library the crate uses
//! (`rlibphonenumber`, a port of Google's libphonenumber); everything else sees
//! [`normalize`], [`check_unchecked`], [`Region`] and [`PhoneError`], so the backend
//! can be swapped without touching callers.
//!
//! Promises:
//! - Nothing is repaired by guessing. Spreadsheet damage (Excel's scientific
//!   notation, letters typed for digits) is rejected with a stable code and a
//!   message that says how to fix the source.
//! - An extension written inline (`ext. 7`, `x7`, `;ext=7`, `#7`) is split off and
//!   returned beside the number.
//! - A number that is already canonical E.164 costs no allocation under
//!   [`PhoneCheck::Format`], and skips the library's generic parser under the
//!   stricter checks; so do the same digits written with separators
//!   (`+44 20 7946 0958`) and a North American national number (`(212) 555-0100`
//!   in a +1 region), each read as the parser would read it. Only numbers that
//!   pass take these shortcuts, and only when the parser would not take the digits
//!   after the country code for a national prefix (`+970 0 2223 4567`): anything
//!   else gets the parser's own verdict, number and message.
//!
//! Cost, measured on the conformance numbers (release build, CPU time per number on
//! a loaded 2-core machine): canonical E.164 under `format` is a byte scan (tens of
//! ns); under `possible` about 0.2–0.4 µs. Under `valid`, the verdict comes from
//! `crate::validity` (the library's rules, one union regex per region and length)
//! at about 0.2–0.25 µs for canonical E.164, where the library's own `is_valid`
//! took about 0.8 µs. Formatted or national input takes the library's full parser:
//! about 1 µs (`format`), 2–3 µs (`possible`), about 1.7 µs (`valid`); a North
//! American national number that passes skips it (about 6,400 instructions of
//! parsing saved, callgrind).
//!
//! Memory, measured with heaptrack on 100k generated rows (`--default-region US`):
//! the library's start-up (decoded metadata for every region, the parser's
//! regexes) takes about 7 MB. The library's own validity patterns cost about 12 MB
//! more, and about 4.5 MB per further worker thread, because the metadata writes
//! `\d` meaning an ASCII digit while the `regex` crate compiles it as any of the 760
//! Unicode decimal digits (about 9 times the NFA states, and lazy-DFA caches sized
//! by them, one per thread). `crate::validity` compiles its unions without Unicode,
//! so `valid` no longer builds most of those patterns (peak RSS for 1M rows with
//! `--jobs 2`: about 61 MB before, 35 MB after); the library still compiles the
//! parser's patterns the same way, and the fix for those (`\d` as `[0-9]`) belongs in
//! `rlibphonenumber`.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use rlibphonenumber::{
    CountryCodeSource, NumberLengthType, PhoneNumber, PhoneNumberFormat, PHONE_NUMBER_UTIL,
};

/// How strictly a number is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneCheck {
    /// The phone library's full validation: country code, length and the number
    /// ranges actually assigned in that country.
    Valid,
    /// Only the length is checked against what the country allows.
    Possible,
    /// Vapi's own syntax check and nothing more: `+`, then 2–15 digits, the first not 0.
    Format,
}

impl PhoneCheck {
    fn as_str(self) -> &'static str {
        match self {
            PhoneCheck::Valid => "valid",
            PhoneCheck::Possible => "possible",
            PhoneCheck::Format => "format",
        }
    }
}

impl FromStr for PhoneCheck {
    type Err = PhoneError<'static>;

    /// Accepts `valid`, `possible` or `format` (exactly, lower case).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "valid" => Ok(PhoneCheck::Valid),
            "possible" => Ok(PhoneCheck::Possible),
            "format" => Ok(PhoneCheck::Format),
            _ => Err(PhoneError::new(
                "phone_check_unknown",
                format!("unknown phone check {s:?}: use valid, possible or format"),
            )),
        }
    }
}

impl fmt::Display for PhoneCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An ISO 3166-1 alpha-2 region the phone library has numbering data for
/// (`US`, `GB`, ...). Parsed case-insensitively; displayed upper case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Region(rlibphonenumber::Region);

/// The ISO 3166-1 codes assigned to places without telephone numbers of
/// their own, which the phone library has no data for (every other code
/// it lacks is not a country code at all).
const NO_NUMBERING_PLAN: [&str; 7] = ["AQ", "BV", "GS", "HM", "PN", "TF", "UM"];

impl FromStr for Region {
    type Err = PhoneError<'static>;

    /// Fails with code `region_unknown` unless `s` is two ASCII letters naming a
    /// region the phone library knows.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let known = (s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()))
            .then(|| s.parse::<rlibphonenumber::Region>().ok())
            .flatten()
            .filter(|r| PHONE_NUMBER_UTIL.get_country_code_for_region(*r).is_some());
        known.map(Region).ok_or_else(|| {
            if NO_NUMBERING_PLAN.iter().any(|r| r.eq_ignore_ascii_case(s)) {
                // Antarctica (AQ), Bouvet Island (BV), ...: a real code, no numbers.
                PhoneError::new(
                    "region_without_numbers",
                    format!(
                        "region {s:?} has no telephone numbering plan of its own: write this \
                         row's number with its country code (+...), or give the region whose \
                         plan it uses"
                    ),
                )
            } else {
                PhoneError::new(
                    "region_unknown",
                    format!(
                        "unknown region {s:?}: use a two-letter ISO 3166-1 country code such as US, GB or DE"
                    ),
                )
            }
        })
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// A normalized number and an extension found inline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalized<'a> {
    /// The number in E.164 (`+` and digits); borrowed from the input when it
    /// already was exactly that.
    pub number: Cow<'a, str>,
    /// ASCII digits of an extension written after the number (`ext. 7` gives `7`).
    pub extension: Option<Cow<'a, str>>,
}

/// A rejected number: a stable snake_case code and a message saying how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneError<'a> {
    /// Stable machine-readable reason, e.g. `number_not_e164`.
    pub code: &'static str,
    message: Message<'a>,
}

/// What is wrong and what to do about it, for a person.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Message<'a> {
    Text(String),
    /// The number as `{:?}` shows it, then fixed text: the message of most
    /// rejected rows, written where it is read instead of allocated first.
    Quoted {
        raw: &'a str,
        rest: [&'static str; 3],
    },
}

impl<'a> PhoneError<'a> {
    fn new(code: &'static str, message: String) -> Self {
        PhoneError {
            code,
            message: Message::Text(message),
        }
    }

    /// `{raw:?}` followed by `rest`, joined.
    fn quoted(code: &'static str, raw: &'a str, rest: [&'static str; 3]) -> Self {
        PhoneError {
            code,
            message: Message::Quoted { raw, rest },
        }
    }

    /// The message, for a person.
    pub fn message(&self) -> Cow<'_, str> {
        match &self.message {
            Message::Text(text) => Cow::Borrowed(text),
            Message::Quoted { .. } => {
                let mut out = String::new();
                self.write_message(&mut out);
                Cow::Owned(out)
            }
        }
    }

    /// Appends the message to `out`, allocating nothing beyond `out`'s growth.
    pub fn write_message(&self, out: &mut String) {
        match &self.message {
            Message::Text(text) => out.push_str(text),
            Message::Quoted { raw, rest } => write_quoted(out, raw, rest),
        }
    }
}

impl fmt::Display for PhoneError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message())
    }
}

impl std::error::Error for PhoneError<'_> {}

/// `^\+[1-9][0-9]{1,14}$`, ASCII digits only (full-width digits are not digits here).
fn is_e164(s: &str) -> bool {
    let b = s.as_bytes();
    (3..=16).contains(&b.len())
        && b[0] == b'+'
        && (b'1'..=b'9').contains(&b[1])
        && b[2..].iter().all(u8::is_ascii_digit)
}

/// Excel turns long digit strings into `1.2125550199E10`; the digits past the
/// mantissa are gone, so the only fix is in the spreadsheet.
fn is_scientific(s: &str) -> bool {
    // memchr, not `split_once(['e', 'E'])`: most cells have no `e`, and the
    // generic char search cost 275 instructions a number.
    let Some(at) = memchr::memchr2(b'e', b'E', s.as_bytes()) else {
        return false;
    };
    let (mantissa, exponent) = (&s[..at], &s[at + 1..]);
    let (int, frac) = mantissa.split_once(['.', ',']).unwrap_or((mantissa, "1"));
    let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    [int, frac, exponent]
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The keys an extension column asks to dial: its digits after a marker
/// (`ext. 12`, `x12`, `#12`, `ext#12`), as an inline extension is read, or
/// the cell as written when it holds only keypad keys (`0-9`, `*`, `#`) and
/// pauses (`,`, `w`). `None` for anything else (`reception`, `N/A`, `ext.`
/// with nothing after it): Vapi would dial the letters.
pub fn extension_digits(s: &str) -> Option<&str> {
    marked_keys(s).or_else(|| {
        s.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'*' | b'#' | b',' | b'w' | b'W'))
            .then_some(s)
    })
}

/// The keys of `s` when it is an extension marker and keys (`ext. 12`,
/// `x*72`, `#12`, `,,7`), as both the number and the extension column read it.
fn marked_keys(s: &str) -> Option<&str> {
    let lower = s.get(..s.len().min(10)).unwrap_or(s).to_ascii_lowercase();
    let marker = EXTENSION_MARKERS
        .into_iter()
        .find(|m| lower.starts_with(m))?;
    let keys = after_marker(&s[marker.len()..]);
    is_keys(marker, keys).then_some(keys)
}

/// Keypad keys after extension marker `marker`: digits, and after a word
/// marker `*` and `#` too (`ext 12#`, `x*72`), as Vapi dials them; at least
/// one. After the `#` and `,` markers, digits only: `#*1` is keys as written.
fn is_keys(marker: &str, d: &str) -> bool {
    let word = !matches!(marker, "#" | ",");
    !d.is_empty()
        && d.bytes()
            .all(|b| b.is_ascii_digit() || word && matches!(b, b'*' | b'#'))
}

/// The extension's digits after its marker: `ext. 12`, `extension: 12`, `x 12`,
/// `ext#12`, and the pauses of a number dialled as `+1 212 555 0125,,7`.
fn after_marker(rest: &str) -> &str {
    rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '.' | '=' | '#' | ','))
}

/// What may start an extension, longest first where one starts another.
const EXTENSION_MARKERS: [&str; 9] = [
    ";ext=",
    "extension",
    "ext.",
    "ext:",
    "ext",
    "x.",
    "x",
    "#",
    // A pause before the extension, as phones and Twilio's sendDigits write it.
    ",",
];

/// Splits `number ext. 7`-style input. `Ok(None)` when there is no letter, `#`,
/// `;` or `,` at all; `Err` when there is one but it does not start a well-formed
/// extension. (The phone library's parser would drop a `,,7` silently.)
fn split_extension(s: &str) -> Result<Option<(&str, &str)>, PhoneError<'_>> {
    let Some(at) = s.find(|c: char| c.is_alphabetic() || matches!(c, '#' | ';' | ',')) else {
        return Ok(None);
    };
    let tail = &s[at..];
    match marked_keys(tail) {
        Some(d) if d.len() <= 20 => Ok(Some((s[..at].trim_end(), d))),
        _ if tail.contains(char::is_alphabetic) => Err(PhoneError::new(
            "number_has_letters",
            format!(
                "{s:?} contains letters: write the number with digits only \
                 (an extension may follow as \"ext. 123\")"
            ),
        )),
        _ => Err(not_e164(
            s,
            "has an unexpected '#', ';' or ',' (an extension is written \"ext. 123\")",
        )),
    }
}

fn not_e164<'a>(raw: &'a str, why: &'static str) -> PhoneError<'a> {
    PhoneError::quoted(
        "number_not_e164",
        raw,
        [
            " ",
            why,
            ": write it as + then the country code and number, e.g. +12125550123",
        ],
    )
}

fn no_country_code(raw: &str) -> PhoneError<'_> {
    if let Some(why) = unusual_start(raw) {
        return PhoneError::new("number_not_e164", format!("{raw:?} {why}"));
    }
    PhoneError::quoted(
        "number_not_e164",
        raw,
        [
            " has no country code: write it as +<country code><number> \
             or pass --default-region US (or the customers' country)",
            "",
            "",
        ],
    )
}

/// Why a number that seems to have no country code may have one after all:
/// it starts with a full-width `＋` or digit (typed with an East Asian
/// input method) or an invisible character (pasted from the web).
#[cold]
fn unusual_start(raw: &str) -> Option<String> {
    let first = raw.chars().find(|&c| !is_separator(c))?;
    match first {
        '\u{FF0B}' | '\u{FF10}'..='\u{FF19}' => Some(
            "is written in full-width characters (＋１２…): retype it with ASCII digits and +"
                .to_owned(),
        ),
        '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' => {
            Some(format!(
                "starts with an invisible character (U+{:04X}), likely pasted with it: delete it",
                u32::from(first)
            ))
        }
        _ => None,
    }
}

/// Appends `format!("{raw:?}{}", rest.concat())` to `out`, without the
/// formatting machinery when `raw` is printable ASCII without `"` or `\\`
/// (so that `{raw:?}` only adds the quotes), as the numbers of most rejected
/// rows are.
fn write_quoted(out: &mut String, raw: &str, rest: &[&str]) {
    let plain = raw
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\');
    if plain {
        out.reserve(raw.len() + 2 + rest.iter().map(|s| s.len()).sum::<usize>());
        out.push('"');
        out.push_str(raw);
        out.push('"');
    } else {
        // Writing into a String cannot fail.
        let _ = fmt::Write::write_fmt(out, format_args!("{raw:?}"));
    }
    rest.iter().for_each(|s| out.push_str(s));
}

/// Separators people put in numbers; Vapi's check runs after removing them.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '.' | '(' | ')' | '\u{2010}'..='\u{2015}' | '\u{2212}'
        )
}

/// Normalizes a phone number as found in a CSV cell.
///
/// `raw` is already trimmed of surrounding whitespace. `region` is the row's own
/// region or the default one (`None` when neither is known); a number written with
/// `+` or with the region's international prefix (`00`, `011`, ...) carries its own
/// country and overrides it. The result is E.164.
pub fn normalize<'a>(
    raw: &'a str,
    region: Option<Region>,
    check: PhoneCheck,
) -> Result<Normalized<'a>, PhoneError<'a>> {
    let raw = raw.strip_prefix('\'').unwrap_or(raw);
    if is_e164(raw) {
        // `+` and digits only: not scientific notation, no extension to split off.
        let number = match check {
            PhoneCheck::Format => Cow::Borrowed(raw),
            PhoneCheck::Valid | PhoneCheck::Possible => library_check(raw, region, check)?,
        };
        return Ok(Normalized {
            number,
            extension: None,
        });
    }
    if let Some(problem) = spreadsheet_damage(raw) {
        return Err(problem);
    }
    let (number, extension) = match split_extension(raw)? {
        Some((number, ext)) => (number, Some(Cow::Borrowed(ext))),
        None => (raw, None),
    };
    if number.is_empty() {
        return Err(not_e164(raw, "has an extension but no number"));
    }
    let number = match check {
        PhoneCheck::Format => format_only(number, region)?,
        PhoneCheck::Valid | PhoneCheck::Possible => library_check(number, region, check)?,
    };
    Ok(Normalized { number, extension })
}

/// What a spreadsheet left of a number cell (without its `'`), which no
/// check can undo: nothing but the `'`, a formula, or scientific notation.
fn spreadsheet_damage(raw: &str) -> Option<PhoneError<'_>> {
    if raw.is_empty() {
        return Some(PhoneError::new(
            "number_empty",
            "the phone number is empty: fill it in or drop the row".to_owned(),
        ));
    }
    if let Some(formula) = raw.strip_prefix('=') {
        // `="+14155550100"` (a spreadsheet's way to keep text as text) or
        // `=+14155550100`: the digits may be intact, but a formula is not a
        // number, and which value it stood for is the spreadsheet's to say.
        let shown = formula.trim_matches(|c: char| c == '"' || c.is_whitespace());
        return Some(PhoneError::new(
            "number_excel_formula",
            format!(
                "{raw:?} is a spreadsheet formula, not a number: write the number itself \
                 ({shown:?}), or export the column's values rather than its formulas"
            ),
        ));
    }
    is_scientific(raw).then(|| {
        PhoneError::new(
            "number_excel_scientific",
            format!(
                "{raw:?} is in scientific notation, so Excel has already lost digits: \
                 format the phone column as Text in the spreadsheet, retype the numbers, \
                 and export again"
            ),
        )
    })
}

/// Vapi's syntax check, after removing separators. Without `+` the region's
/// international prefix is the only thing converted.
fn format_only(number: &str, region: Option<Region>) -> Result<Cow<'_, str>, PhoneError<'_>> {
    if is_e164(number) {
        return Ok(Cow::Borrowed(number));
    }
    let plus = number.chars().find(|&c| !is_separator(c)) == Some('+');
    if !plus && region.is_none() {
        // What the rest would conclude, without copying the number first.
        return Err(no_country_code(number));
    }
    let mut compact = String::with_capacity(number.len());
    compact.extend(number.chars().filter(|&c| !is_separator(c)));
    // `+44 (0)20 ...`: the bracketed trunk zero must go, which only the library knows how to do.
    let via_library = compact.starts_with('+') && number.contains("(0)")
        || !compact.starts_with('+') && region.is_some();
    if !via_library {
        return if is_e164(&compact) {
            Ok(Cow::Owned(compact))
        } else if compact.starts_with('+') {
            Err(not_e164(number, "is not in E.164 format"))
        } else {
            Err(no_country_code(number))
        };
    }
    // Only the two readings the README promises: an international prefix
    // (`011 44 20 ...` in US), and `+cc (0)`. A leading `1` or `39` read as a
    // country code without `+`, or a `+` after an emoji or a second `'`, is
    // the library's guess, which the format check does not make.
    let wanted = if compact.starts_with('+') {
        CountryCodeSource::FromNumberWithPlusSign
    } else {
        CountryCodeSource::FromNumberWithIdd
    };
    let parsed = PHONE_NUMBER_UTIL
        .parse_and_keep_raw_input(&compact, region.map(|r| r.0))
        .ok()
        .filter(|n| n.country_code_source() == wanted);
    match parsed {
        // `+1 (0) 415 ...`: no trunk zero in that country, so the 0 stayed in
        // the number (`+104155550100`, which reaches no one).
        Some(n) if wanted == CountryCodeSource::FromNumberWithPlusSign && !is_possible(&n) => {
            Err(not_e164(
                number,
                "has a (0) that is not a trunk prefix in its country: remove the (0)",
            ))
        }
        Some(n) => {
            let e164 = n.format_as(PhoneNumberFormat::E164).into_owned();
            if is_e164(&e164) {
                Ok(Cow::Owned(e164))
            } else {
                Err(not_e164(number, "is not in E.164 format"))
            }
        }
        None if compact.starts_with('+') => Err(not_e164(number, "is not in E.164 format")),
        None => Err(PhoneError::new(
            "number_not_e164",
            format!(
                "{number:?} has no country code: write it as +<country code><number> \
                 (the format check does not apply the region {}; the possible and valid checks do)",
                region.map_or_else(String::new, |r| r.to_string())
            ),
        )),
    }
}

/// Parses with the phone library, then checks validity or possibility.
fn library_check(
    number: &str,
    region: Option<Region>,
    check: PhoneCheck,
) -> Result<Cow<'_, str>, PhoneError<'_>> {
    let canonical = is_e164(number);
    if region.is_none() && !number.starts_with('+') {
        return Err(no_country_code(number));
    }
    let passes = |n: &PhoneNumber| match check {
        PhoneCheck::Possible => is_possible(n),
        _ => crate::validity::is_valid(n),
    };
    // Canonical input that passes needs no parsing and no formatting. Anything else,
    // including canonical input that fails, gets the full parser, so verdicts stay
    // exactly the library's.
    // The digits are the parser's national number only if it would not take their
    // start for a national prefix (`+970 0 2223 4567` is +970 2223 4567 to it).
    let as_parsed = |e164: &str| {
        let Some((code, nsn)) = split_e164(e164) else {
            return false;
        };
        let digits_pass = match check {
            PhoneCheck::Possible => number_from_digits(code, nsn).is_some_and(|n| passes(&n)),
            _ => digits_are_valid(code, nsn),
        };
        digits_pass && !crate::validity::may_strip_national_prefix(code, nsn.as_bytes())
    };
    if canonical && as_parsed(number) {
        return Ok(Cow::Borrowed(number));
    }
    // The same for `+44 20 7946 0958`: the parser reads the digits of its canonical form.
    if let Some(compact) = plus_with_separators(number).filter(|c| is_e164(c) && as_parsed(c)) {
        return Ok(Cow::Owned(compact));
    }
    // The same for the commonest national form, `(212) 555-0100` in a +1 region.
    if let Some(n) = north_american(number, region).filter(|n| passes(n)) {
        let mut e164 = String::with_capacity(12);
        e164.push_str("+1");
        e164.push_str(itoa::Buffer::new().format(n.national_number));
        return Ok(Cow::Owned(e164));
    }
    let where_ = || match region {
        Some(r) if !number.starts_with('+') => format!("in region {r}"),
        _ => "for its country code".to_owned(),
    };
    let (code, verdict) = match check {
        PhoneCheck::Possible => ("number_not_possible", "does not have a possible length"),
        _ => ("number_invalid", "is not a valid phone number"),
    };
    let rejected = |why: String| {
        PhoneError::new(
            code,
            format!(
                "{number:?} {verdict} {} ({why}): check the digits, or write it as \
                 +<country code><number> if it belongs to another country",
                where_()
            ),
        )
    };
    // `+999...`: no country has the code, which says more than a length.
    let no_country = || {
        PhoneError::new(
            code,
            format!(
                "{number:?} starts with no country's calling code: check the digits after \
                 the +, or write the number without + and give its region"
            ),
        )
    };
    let n = PHONE_NUMBER_UTIL
        .parse(number, region.map(|r| r.0))
        .map_err(|e| match e {
            rlibphonenumber::ParseError::InvalidCountryCode => no_country(),
            e => rejected(e.to_string()),
        })?;
    if !passes(&n) {
        let why = match n.is_possible_with_reason() {
            Err(rlibphonenumber::ValidationError::InvalidCountryCode) => return Err(no_country()),
            Ok(NumberLengthType::IsPossibleLocalOnly) => {
                "a local number only: add its area code".to_owned()
            }
            Ok(_) => "no such number range".to_owned(),
            Err(e) => e.to_string(),
        };
        return Err(rejected(why));
    }
    let e164 = n.format_as(PhoneNumberFormat::E164);
    if e164 == number {
        return Ok(Cow::Borrowed(number));
    }
    Ok(Cow::Owned(e164.into_owned()))
}

/// The possible check: a length the number's country dials in full. A
/// length possible only locally (`555-0100` in the US, without its area
/// code) has no E.164 form: `+15550100` would reach no one.
fn is_possible(n: &PhoneNumber) -> bool {
    matches!(
        n.is_possible_with_reason(),
        Ok(NumberLengthType::IsPossible)
    )
}

/// The separators the shortcuts below accept: ASCII, and ones the library's parser
/// drops without reading anything into them.
fn is_plain_separator(b: u8) -> bool {
    matches!(b, b' ' | b'-' | b'.' | b'(' | b')')
}

/// `number` without its separators when it is `+` and then digits with only spaces, `-`,
/// `.`, `(` and `)` among them (`+1 (212) 555-0100`); the library's parser drops the
/// same separators, and they hold no extension. `None` for anything else, canonical
/// E.164 included.
fn plus_with_separators(number: &str) -> Option<String> {
    let rest = number.strip_prefix('+')?;
    let separated = rest.bytes().any(|b| !b.is_ascii_digit());
    let only_separators = rest
        .bytes()
        .all(|b| b.is_ascii_digit() || is_plain_separator(b));
    (separated && only_separators).then(|| {
        let mut compact = String::with_capacity(number.len());
        compact.push('+');
        compact.extend(rest.chars().filter(char::is_ascii_digit));
        compact
    })
}

/// The number the library's parser makes of `number` in `region`, without it, for
/// one shape: a region of country code 1 and ten digits, the first 2–9, with only
/// spaces, `-`, `.`, `(` and `)` around them. The parser would take the digits as
/// they are: no international prefix (`011`) or country code (`1`) can start
/// them, no region's national prefix pattern matches ten such digits, and those
/// separators hold no extension. A test compares the two on every +1 region.
fn north_american(number: &str, region: Option<Region>) -> Option<PhoneNumber> {
    let (mut national_number, mut digits) = (0u64, 0);
    for b in number.bytes() {
        match b {
            b'0'..=b'9' => {
                if digits == 0 && b < b'2' || digits == 10 {
                    return None;
                }
                national_number = national_number * 10 + u64::from(b - b'0');
                digits += 1;
            }
            b if is_plain_separator(b) => {}
            _ => return None,
        }
    }
    let in_plan = PHONE_NUMBER_UTIL.get_country_code_for_region(region?.0) == Some(1);
    (digits == 10 && in_plan).then(|| PhoneNumber {
        country_code: 1,
        national_number,
        ..PhoneNumber::default()
    })
}

/// Canonical E.164 cut as the library's parser cuts it: the country code, and the
/// digits after it. `None` when the country code is unknown.
fn split_e164(e164: &str) -> Option<(i32, &str)> {
    let digits = &e164[1..];
    // The country code is the shortest prefix (1 to 3 digits) the library knows.
    let mut cc = 0;
    (1..=3.min(digits.len() - 1)).find_map(|len| {
        cc = cc * 10 + i32::from(digits.as_bytes()[len - 1] - b'0');
        crate::validity::is_known_code(cc).then(|| (cc, &digits[len..]))
    })
}

/// Whether canonical digits (from `split_e164`) are a valid number: the verdict of
/// `validity::is_valid` on `number_from_digits`, from the digits themselves where
/// they are the library's national significant number, without building the number.
fn digits_are_valid(code: i32, nsn: &str) -> bool {
    let direct = if library_keeps_digits(nsn) {
        crate::validity::verdict(code, nsn.as_bytes())
    } else {
        None
    };
    direct.unwrap_or_else(|| {
        number_from_digits(code, nsn).is_some_and(|n| crate::validity::is_valid(&n))
    })
}

/// Whether `nsn` is, digit for digit, the national significant number the library
/// matches for `number_from_digits(_, nsn)`: it keeps at most ten leading zeros
/// (an all-zero number's last zero is the number itself, not a leading zero).
fn library_keeps_digits(nsn: &str) -> bool {
    let zeros = nsn.bytes().take_while(|&b| b == b'0').count();
    let leading = if zeros == nsn.len() {
        zeros.saturating_sub(1)
    } else {
        zeros
    };
    leading <= 10
}

/// The library's number for canonical digits (from `split_e164`), built straight,
/// skipping the generic parser (normalization, extension and prefix regexes).
fn number_from_digits(cc: i32, nsn: &str) -> Option<PhoneNumber> {
    let mut n = PhoneNumber {
        country_code: cc,
        national_number: nsn.parse().ok()?,
        ..PhoneNumber::default()
    };
    let zeros = nsn.bytes().take_while(|&b| b == b'0').count();
    if zeros > 0 && nsn.len() > 1 {
        n.italian_leading_zero = Some(true);
        n.number_of_leading_zeros = Some(zeros.min(nsn.len() - 1) as i32);
    }
    Some(n)
}

/// Checks a number sent with `numberE164CheckEnabled=false`: it goes to Vapi as
/// written, which accepts only `^\+?[a-zA-Z0-9]+$` (ASCII). Spreadsheet damage
/// is caught as it is with the check on, and Excel's leading `'` removed:
/// returns the number to send.
pub fn check_unchecked(raw: &str) -> Result<&str, PhoneError<'_>> {
    let raw = raw.strip_prefix('\'').unwrap_or(raw);
    if let Some(problem) = spreadsheet_damage(raw) {
        return Err(problem);
    }
    let body = raw.strip_prefix('+').unwrap_or(raw);
    if !body.is_empty() && body.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(raw)
    } else {
        Err(PhoneError::new(
            "number_bad_characters",
            format!(
                "{raw:?} has characters Vapi rejects when the E.164 check is off: \
                 use only an optional leading + then letters and digits, without spaces or punctuation"
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::shared_csv;

    proptest::proptest! {
        #[test]
        fn write_quoted_writes_what_format_debug_writes(
            raw in "(\\PC|[\"\\\\\t\u{0}\u{7f}\u{301}]){0,12}",
            rest in proptest::collection::vec(".{0,6}", 0..3),
        ) {
            let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
            let mut out = String::from("x");
            write_quoted(&mut out, &raw, &rest);
            proptest::prop_assert_eq!(out, format!("x{raw:?}{}", rest.concat()));
        }
    }

    #[test]
    fn write_quoted_takes_both_ways() {
        let quoted = |raw: &str, rest: &[&str]| {
            let mut out = String::new();
            write_quoted(&mut out, raw, rest);
            out
        };
        assert_eq!(quoted("212.555", &[" x"]), "\"212.555\" x");
        assert_eq!(quoted("a\"b", &[]), "\"a\\\"b\"");
    }

    fn us() -> Option<Region> {
        Some("US".parse().unwrap())
    }

    fn region(code: &str) -> Option<Region> {
        Some(code.parse().unwrap())
    }

    fn ok(raw: &str, region: Option<Region>, check: PhoneCheck) -> (String, Option<String>) {
        let n = normalize(raw, region, check).unwrap_or_else(|e| panic!("{raw:?}: {e}"));
        (n.number.into_owned(), n.extension.map(Cow::into_owned))
    }

    fn code(raw: &str, region: Option<Region>, check: PhoneCheck) -> &'static str {
        match normalize(raw, region, check) {
            Ok(n) => panic!("{raw:?} was accepted as {n:?}"),
            Err(e) => e.code,
        }
    }

    const ALL: [PhoneCheck; 3] = [PhoneCheck::Valid, PhoneCheck::Possible, PhoneCheck::Format];

    #[test]
    fn conformance_cases_match_libphonenumber() {
        let Some(rows) = shared_csv("cases.csv") else {
            return;
        };
        assert_eq!(rows.len(), 816);
        let mut failures = Vec::new();
        for row in &rows {
            let (input, region, expected, valid) = (&row[0], &row[1], &row[2], &row[3] == "true");
            let got = normalize(
                input.trim(),
                Some(region.parse().unwrap()),
                PhoneCheck::Valid,
            );
            let agrees = match &got {
                Ok(n) => valid && n.number == expected && n.extension.is_none(),
                Err(_) => !valid,
            };
            if !agrees {
                failures.push(format!(
                    "{input:?} {region}: expected {expected:?} {valid}, got {got:?}"
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of 816 disagree:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    /// Every region of country code 1, sorted.
    fn north_american_regions() -> Vec<Region> {
        let mut regions: Vec<Region> = PHONE_NUMBER_UTIL
            .get_supported_regions()
            .filter(|r| PHONE_NUMBER_UTIL.get_country_code_for_region(*r) == Some(1))
            .map(Region)
            .collect();
        regions.sort_by_key(|r| r.to_string());
        regions
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]

        /// `north_american` against the library's parser, in every +1 region (and
        /// GB, where it must not apply), on ten or so digits (half of them from an
        /// example number's start, so that valid ranges come up) with any separators.
        #[test]
        fn north_american_numbers_are_read_as_the_library_reads_them(
            region in 0usize..64,
            prefix in 0usize..7,
            digits in "[0-9]{9,11}",
            seps in proptest::collection::vec(proptest::sample::select(vec!["", "", "", " ", "-", ".", "(", ")", ") ", "--", "x", "+", "\u{a0}"]), 12),
            check in proptest::sample::select(vec![PhoneCheck::Valid, PhoneCheck::Possible]),
        ) {
            let regions = north_american_regions();
            let region = if region == 63 { "GB".parse().unwrap() } else { regions[region % regions.len()] };
            let example = PHONE_NUMBER_UTIL
                .get_example_number(region.0)
                .map(|n| n.national_number.to_string())
                .unwrap_or_default();
            let digits = format!("{}{}", &example[..prefix.min(example.len())], &digits[prefix.min(example.len())..]);
            let mut input = String::new();
            for (i, d) in digits.chars().enumerate() {
                input.push_str(seps[i % seps.len()]);
                input.push(d);
            }
            input.push_str(seps[digits.len() % seps.len()]);
            let input = input.trim();
            if let Some(fast) = north_american(input, Some(region)) {
                let parsed = PHONE_NUMBER_UTIL.parse(input, Some(region.0));
                proptest::prop_assert!(parsed.is_ok(), "{input:?} in {region}: {parsed:?}");
                let parsed = parsed.unwrap();
                proptest::prop_assert_eq!(
                    (fast.country_code, fast.national_number, fast.italian_leading_zero()),
                    (parsed.country_code, parsed.national_number, parsed.italian_leading_zero()),
                    "{:?} in {}", input, region
                );
                proptest::prop_assert_eq!(
                    format!("+1{}", fast.national_number),
                    parsed.format_as(PhoneNumberFormat::E164).into_owned()
                );
            }
            // And what normalize makes of it, against the library alone.
            let want = PHONE_NUMBER_UTIL
                .parse(input, Some(region.0))
                .ok()
                .filter(|n| match check {
                    PhoneCheck::Possible => is_possible(n),
                    _ => n.is_valid(),
                })
                .map(|n| n.format_as(PhoneNumberFormat::E164).into_owned());
            let got = normalize(input, Some(region), check).ok().map(|n| n.number.into_owned());
            if !input.contains(['x', '+']) && !input.is_empty() {
                proptest::prop_assert_eq!(got, want, "{:?} in {} ({:?})", input, region, check);
            }
        }
    }

    /// Every example number of every region, as canonical E.164.
    fn example_e164s() -> &'static [String] {
        static EXAMPLES: std::sync::LazyLock<Vec<String>> =
            std::sync::LazyLock::new(all_example_e164s);
        &EXAMPLES
    }

    fn all_example_e164s() -> Vec<String> {
        let mut out = Vec::new();
        let mut regions: Vec<_> = PHONE_NUMBER_UTIL.get_supported_regions().collect();
        regions.sort_by_key(|r| r.to_string());
        for region in regions {
            if let Ok(n) = PHONE_NUMBER_UTIL.get_example_number(region) {
                out.push(n.format_as(PhoneNumberFormat::E164).into_owned());
            }
            if let Ok(n) = PHONE_NUMBER_UTIL.get_example_number_for_type_and_region(
                region,
                rlibphonenumber::PhoneNumberType::Mobile,
            ) {
                out.push(n.format_as(PhoneNumberFormat::E164).into_owned());
            }
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]

        /// `+` numbers with separators (and canonical ones) against the library alone:
        /// every region's example numbers, some with a digit changed, dropped or added
        /// (a national prefix after the country code among them), in any layout.
        #[test]
        fn plus_numbers_with_separators_get_the_librarys_answer(
            example in 0usize..1000,
            edit in 0usize..4,
            at in 0usize..16,
            digit in 0u8..10,
            seps in proptest::collection::vec(proptest::sample::select(vec!["", "", "", " ", "-", ".", "(", ")", " (0)", "  ", "x", "/"]), 16),
            region in proptest::option::of(proptest::sample::select(vec!["US", "GB", "DE", "IT", "RU", "BR"])),
            check in proptest::sample::select(vec![PhoneCheck::Valid, PhoneCheck::Possible]),
        ) {
            let examples = example_e164s();
            let mut digits: Vec<u8> = examples[example % examples.len()].bytes().skip(1).collect();
            let at = 1 + at % digits.len();
            let d = b'0' + digit;
            match edit {
                1 if at < digits.len() => digits[at] = d,
                2 if at < digits.len() && digits.len() > 2 => { digits.remove(at); }
                3 => digits.insert(at.min(digits.len()), d),
                _ => {}
            }
            let mut input = String::from("+");
            for (i, &b) in digits.iter().enumerate() {
                input.push(char::from(b));
                input.push_str(seps[i % seps.len()]);
            }
            let input = input.trim_end();
            let region: Option<Region> = region.map(|r| r.parse().unwrap());
            let want = PHONE_NUMBER_UTIL
                .parse(input, region.map(|r| r.0))
                .ok()
                .filter(|n| n.extension.is_none())
                .filter(|n| match check {
                    PhoneCheck::Possible => is_possible(n),
                    _ => n.is_valid(),
                })
                .map(|n| n.format_as(PhoneNumberFormat::E164).into_owned());
            let got = normalize(input, region, check).ok().filter(|n| n.extension.is_none()).map(|n| n.number.into_owned());
            if !input.contains(['x', '/']) {
                proptest::prop_assert_eq!(got, want, "{:?} in {:?} ({:?})", input, region, check);
            }
        }
    }

    #[test]
    fn a_national_prefix_after_the_country_code_is_stripped_as_the_parser_does() {
        // The E.164 shortcut once kept the 0 of +970 0…: a possible length as written,
        // but the parser strips it (found by the proptest above).
        for input in ["+970022234567", "+970 (0)22234567", "+970 0 2223 4567"] {
            for check in [PhoneCheck::Possible, PhoneCheck::Valid] {
                let want = PHONE_NUMBER_UTIL
                    .parse(input, None)
                    .unwrap()
                    .format_as(PhoneNumberFormat::E164)
                    .into_owned();
                assert_eq!(want, "+97022234567");
                let got = normalize(input, None, check).map(|n| n.number.into_owned());
                assert_eq!(
                    got.as_deref().ok(),
                    Some("+97022234567"),
                    "{input} {check:?}"
                );
            }
        }
    }

    #[test]
    fn plus_with_separators_reads_only_its_shape() {
        let p = plus_with_separators;
        assert_eq!(p("+44 20 7946 0958").as_deref(), Some("+442079460958"));
        assert_eq!(p("+1 (212) 555-0100").as_deref(), Some("+12125550100"));
        assert_eq!(p("+442079460958"), None, "canonical");
        assert_eq!(p("44 20 7946 0958"), None, "no plus");
        assert_eq!(p("+44 20 7946 0958 x1"), None, "extension");
        assert_eq!(p("+44\u{a0}20"), None, "other spaces");
        assert_eq!(p("++44 20"), None);
    }

    #[test]
    fn north_american_reads_only_its_shape() {
        let us = Some("US".parse().unwrap());
        let n = |s: &str, r| north_american(s, r).map(|n| n.national_number);
        assert_eq!(n("(212) 555-0100", us), Some(2125550100));
        assert_eq!(n("212.555.0100", us), Some(2125550100));
        assert_eq!(n("1 212 555 0100", us), None, "country code");
        assert_eq!(n("012 555 0100", us), None, "first digit");
        assert_eq!(n("212 555 010", us), None, "nine digits");
        assert_eq!(n("212 555 01000", us), None, "eleven digits");
        assert_eq!(n("212\u{a0}555 0100", us), None, "other spaces");
        assert_eq!(n("212 555 0100", Some("GB".parse().unwrap())), None);
        assert_eq!(
            n("212 555 0100", Some("CA".parse().unwrap())),
            Some(2125550100)
        );
        assert_eq!(n("212 555 0100", None), None);
    }

    #[test]
    fn fast_path_agrees_with_full_parser_on_every_example_number() {
        let Some(rows) = shared_csv("example_numbers.csv") else {
            return;
        };
        for row in &rows {
            let e164 = format!("+{}{}", &row[1], &row[5]);
            let parsed = PHONE_NUMBER_UTIL.parse(&e164, None).unwrap();
            let (code, nsn) = split_e164(&e164).unwrap();
            let direct = number_from_digits(code, nsn).unwrap();
            assert_eq!(digits_are_valid(code, nsn), parsed.is_valid(), "{e164}");
            assert_eq!(direct.is_valid(), parsed.is_valid(), "{e164}");
            assert_eq!(is_possible(&direct), is_possible(&parsed), "{e164}");
            if direct.is_valid() {
                assert_eq!(parsed.format_as(PhoneNumberFormat::E164), e164);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5_000))]

        /// Validity straight from canonical digits agrees with validity of the number
        /// built from them and with the library, leading zeros (up to all of them) included.
        #[test]
        fn digits_are_valid_as_the_number_built_from_them(
            code in proptest::sample::select(vec![1, 7, 39, 44, 49, 61, 225, 242, 379, 800, 870, 979]),
            zeros in 0usize..14,
            rest in "[0-9]{1,14}",
        ) {
            // Up to 14 digits, as canonical E.164 allows, starting with `zeros` zeros.
            let nsn: String = ("0".repeat(zeros) + &rest).chars().take(14).collect();
            let number = number_from_digits(code, &nsn).unwrap();
            let ours = digits_are_valid(code, &nsn);
            proptest::prop_assert_eq!(ours, crate::validity::is_valid(&number), "+{} {}", code, nsn);
            proptest::prop_assert_eq!(ours, number.is_valid(), "+{} {}", code, nsn);
        }
    }

    #[test]
    fn library_keeps_the_digits_exactly_when_they_are_its_national_number() {
        for zeros in 0..=14 {
            for rest in ["", "7", "123", "6123456789"] {
                let nsn: String = ("0".repeat(zeros) + rest).chars().take(14).collect();
                if nsn.is_empty() {
                    continue;
                }
                let library = number_from_digits(39, &nsn)
                    .unwrap()
                    .get_national_significant_number();
                assert_eq!(library_keeps_digits(&nsn), library == nsn, "{nsn}");
            }
        }
    }

    #[test]
    fn digits_with_more_leading_zeros_than_the_library_keeps_are_judged_by_the_number() {
        // Eleven zeros: the library's national significant number keeps ten, so the digits
        // as written are not what it matches, and the verdict comes from the number.
        let nsn = "00000000000123";
        let number = number_from_digits(39, nsn).unwrap();
        assert_eq!(digits_are_valid(39, nsn), number.is_valid());
        assert_eq!(
            digits_are_valid(39, "0612345678"),
            number_from_digits(39, "0612345678").unwrap().is_valid()
        );
    }

    #[test]
    fn canonical_e164_is_borrowed_under_every_check() {
        for check in ALL {
            let n = normalize("+12125550160", None, check).unwrap();
            assert!(matches!(n.number, Cow::Borrowed("+12125550160")), "{check}");
        }
    }

    #[test]
    fn leading_excel_apostrophe_is_stripped() {
        for check in ALL {
            assert_eq!(ok("'+12125550160", None, check).0, "+12125550160");
        }
        assert_eq!(
            ok("'(212) 555-0160", us(), PhoneCheck::Valid).0,
            "+12125550160"
        );
    }

    #[test]
    fn spreadsheet_formulas_are_rejected_not_repaired() {
        // With a default region the library would read past the `=`: never.
        for raw in ["=+14155550100", "=\"+14155550100\"", "= \"4155550100\""] {
            for region in [None, us()] {
                for check in ALL {
                    assert_eq!(code(raw, region, check), "number_excel_formula", "{raw}");
                }
            }
        }
        let e = normalize("=\"+14155550100\"", None, PhoneCheck::Format).unwrap_err();
        assert!(
            e.message().contains("(\"+14155550100\")"),
            "{}",
            e.message()
        );
    }

    #[test]
    fn scientific_notation_is_rejected_with_a_text_column_hint() {
        for raw in [
            "1.2125550199E10",
            "2.12556E+10",
            "4.41E+11",
            "1,2125550199e10",
            "2E10",
        ] {
            for check in ALL {
                assert_eq!(code(raw, us(), check), "number_excel_scientific", "{raw}");
            }
        }
        let e = normalize("4.41E+11", None, PhoneCheck::Format).unwrap_err();
        assert!(e.message().contains("Text"), "{}", e.message());
    }

    #[test]
    fn letters_are_rejected_not_guessed() {
        for raw in [
            "212-555-0l19",
            "N/A",
            "TBD",
            "x",
            "+1 212 555 CALL",
            "+1 212 555 0111 ext. 7a",
        ] {
            for check in ALL {
                assert_eq!(
                    code(raw, us(), check),
                    "number_has_letters",
                    "{raw} {check}"
                );
            }
        }
        // Non-Latin letters count too (a Cyrillic O typed for a zero).
        assert_eq!(
            code("+1 212 555 О160", us(), PhoneCheck::Valid),
            "number_has_letters"
        );
    }

    #[test]
    fn an_extension_columns_marker_is_dropped_as_an_inline_ones_is() {
        // `ext. 12` in the column once went out as the extension.
        for (cell, want) in [
            ("ext. 12", "12"),
            ("x7", "7"),
            ("#301", "301"),
            ("EXT 5", "5"),
            ("extension: 12", "12"),
            ("ext#12", "12"),
            ("Ext. #4", "4"),
            (",,9", "9"),
            ("ext. 12#", "12#"),
            ("x*72", "*72"),
        ] {
            assert_eq!(extension_digits(cell), Some(want), "{cell}");
        }
        // Keypad keys and pauses stay as written, for the length check and the API.
        for cell in ["12", "*72#", "w123", "9,,1", "#*1"] {
            assert_eq!(extension_digits(cell), Some(cell));
        }
        // Words, and markers with no digits after them, would be dialed as letters.
        for cell in [
            "reception",
            "N/A",
            "ext.",
            "extension:",
            "x",
            "x 1a",
            "12 34",
            "١٢",
        ] {
            assert_eq!(extension_digits(cell), None, "{cell}");
        }
    }

    #[test]
    fn inline_extensions_are_split_off() {
        for raw in [
            "+1 212 555 0111 ext. 7",
            "+1 212 555 0111 ext 7",
            "+1 212 555 0111 EXT 7",
            "+1 212 555 0111 x7",
            "+1 212 555 0111 x 7",
            "+12125550111;ext=7",
            "+1 212 555 0111 #7",
            "+1 212 555 0111 extension 7",
            // Pause-dialling: the library's parser dropped the 7 without a word.
            "+1 212 555 0111,,7",
            "+12125550111,7",
            "+1 212 555 0111 , 7",
        ] {
            for check in ALL {
                let got = ok(raw, us(), check);
                assert_eq!(
                    got,
                    ("+12125550111".into(), Some("7".into())),
                    "{raw} {check}"
                );
            }
        }
        assert_eq!(
            ok("(212) 555-0111 x123", us(), PhoneCheck::Valid)
                .1
                .as_deref(),
            Some("123")
        );
        // Keypad keys after a marker, as the extension column takes them (audit 10).
        for (raw, ext) in [
            ("+12125550111 ext 12#", "12#"),
            ("+12125550111 x*72", "*72"),
        ] {
            for check in ALL {
                assert_eq!(
                    ok(raw, us(), check).1.as_deref(),
                    Some(ext),
                    "{raw} {check}"
                );
            }
        }
    }

    #[test]
    fn stray_hash_or_semicolon_is_not_e164() {
        assert_eq!(
            code("+1 212 555 0111#", us(), PhoneCheck::Valid),
            "number_not_e164"
        );
        assert_eq!(
            code("+12125550111;", us(), PhoneCheck::Format),
            "number_not_e164"
        );
        // Two numbers in one cell, or Excel's thousands separators: not an extension.
        for raw in [
            "+1 415 555 0100, +1 415 555 0101",
            "4,155,550,100",
            "+12125550111,",
        ] {
            for check in ALL {
                assert_eq!(code(raw, us(), check), "number_not_e164", "{raw} {check}");
            }
        }
    }

    #[test]
    fn format_check_removes_separators_including_unicode_spaces() {
        let raw = "+33\u{a0}1\u{202f}23.45-67 (89)";
        assert_eq!(ok(raw, None, PhoneCheck::Format).0, "+33123456789");
        assert_eq!(
            ok("+1 (212) 555\u{2013}0160", None, PhoneCheck::Format).0,
            "+12125550160"
        );
    }

    #[test]
    fn format_check_rejects_full_width_and_other_non_ascii_digits() {
        assert_eq!(
            code("+1２１２５５５０１６０", None, PhoneCheck::Format),
            "number_not_e164"
        );
        assert_eq!(
            code("+12125550１６０", us(), PhoneCheck::Format),
            "number_not_e164"
        );
        assert_eq!(
            code("＋12125550160", None, PhoneCheck::Format),
            "number_not_e164"
        );
    }

    #[test]
    fn format_check_is_syntax_only() {
        // Neither possible nor valid, but Vapi's syntax accepts it.
        assert_eq!(ok("+1 555 555", None, PhoneCheck::Format).0, "+1555555");
        for raw in [
            "+0123456",
            "+1",
            "+1234567890123456",
            "+1/212/555/0160",
            "++12125550160",
        ] {
            assert_eq!(
                code(raw, us(), PhoneCheck::Format),
                "number_not_e164",
                "{raw}"
            );
        }
    }

    #[test]
    fn no_country_code_and_no_region_hints_default_region() {
        for check in ALL {
            let e = normalize("(212) 555-0160", None, check).unwrap_err();
            assert_eq!(e.code, "number_not_e164");
            assert!(e.message().contains("--default-region"), "{}", e.message());
        }
    }

    #[test]
    fn a_full_width_or_invisible_start_is_named_not_taken_for_no_country_code() {
        // Audit 8: both were "has no country code", though both start with +.
        for check in ALL {
            let e = normalize("＋１４１５５５５０１００", None, check).unwrap_err();
            assert!(e.message().contains("full-width"), "{}", e.message());
            let e = normalize("\u{200B}+14155550100", None, check).unwrap_err();
            assert!(
                e.message().contains("invisible character (U+200B)"),
                "{}",
                e.message()
            );
        }
    }

    #[test]
    fn format_check_does_not_apply_the_region_to_national_numbers() {
        let e = normalize("(212) 555-0160", us(), PhoneCheck::Format).unwrap_err();
        assert_eq!(e.code, "number_not_e164");
        assert!(e.message().contains("US"), "{}", e.message());
    }

    #[test]
    fn international_prefix_of_the_region_is_converted() {
        for check in ALL {
            assert_eq!(
                ok("0044 20 7946 0321", region("GB"), check).0,
                "+442079460321"
            );
            assert_eq!(ok("011 44 20 7946 0321", us(), check).0, "+442079460321");
            assert_eq!(
                ok("0011 61 2 9374 4000", region("AU"), check).0,
                "+61293744000"
            );
        }
        // 00 is not the US prefix, and 011 not the British one.
        assert_eq!(
            code("0044 20 7946 0321", us(), PhoneCheck::Valid),
            "number_invalid"
        );
        assert_eq!(
            code("011 44 20 7946 0321", region("GB"), PhoneCheck::Valid),
            "number_invalid"
        );
        assert_eq!(
            code("0044 20 7946 0321", us(), PhoneCheck::Format),
            "number_not_e164"
        );
    }

    #[test]
    fn parenthesized_trunk_zero_is_dropped() {
        for check in ALL {
            assert_eq!(
                ok("+44 (0)20 7946 0321", None, check).0,
                "+442079460321",
                "{check}"
            );
            assert_eq!(
                ok("+44 (0)20 7946 0321", us(), check).0,
                "+442079460321",
                "{check}"
            );
        }
    }

    #[test]
    fn national_numbers_use_the_region() {
        assert_eq!(
            ok("020 7946 0321", region("GB"), PhoneCheck::Valid).0,
            "+442079460321"
        );
        assert_eq!(
            ok("1-212-555-0160", us(), PhoneCheck::Possible).0,
            "+12125550160"
        );
    }

    #[test]
    fn possible_checks_length_valid_checks_ranges() {
        // Right length, unassigned range: possible but not valid.
        assert_eq!(
            ok("(123) 456-7890", us(), PhoneCheck::Possible).0,
            "+11234567890"
        );
        assert_eq!(
            code("(123) 456-7890", us(), PhoneCheck::Valid),
            "number_invalid"
        );
        assert_eq!(
            code("+1 555 555", us(), PhoneCheck::Possible),
            "number_not_possible"
        );
        assert_eq!(
            code("+1 555 555", us(), PhoneCheck::Valid),
            "number_invalid"
        );
        assert_eq!(code("+15555555", us(), PhoneCheck::Valid), "number_invalid");
        let e = normalize("020 7946 0958", us(), PhoneCheck::Valid).unwrap_err();
        assert!(e.message().contains("region US"), "{}", e.message());
    }

    #[test]
    fn unknown_country_code_is_rejected() {
        assert_eq!(
            code("+999 1234 5678", us(), PhoneCheck::Valid),
            "number_invalid"
        );
        assert_eq!(
            code("+999 1234 5678", us(), PhoneCheck::Possible),
            "number_not_possible"
        );
    }

    #[test]
    fn a_country_code_no_country_has_is_named_as_such() {
        // Audit 7: `+999...` was "does not have a possible length".
        for check in [PhoneCheck::Valid, PhoneCheck::Possible] {
            for raw in ["+99912345678", "+999 1234 5678"] {
                let e = normalize(raw, None, check).unwrap_err();
                assert!(
                    e.message()
                        .contains("starts with no country's calling code"),
                    "{raw} {check}: {}",
                    e.message()
                );
            }
        }
        // A local-only length in the possible check: no E.164 form.
        let e = normalize("555-0100", us(), PhoneCheck::Possible).unwrap_err();
        assert_eq!(e.code, "number_not_possible");
        assert!(
            e.message()
                .contains("a local number only: add its area code"),
            "{}",
            e.message()
        );
    }

    #[test]
    fn the_format_check_with_a_region_resolves_only_what_the_readme_says() {
        // Audit 7: `1 (415) 555-0137` and IT `39 06 1234 5678` were read as
        // country codes without +, an emoji or a second ' before a + dropped,
        // and `+1 (0) 415 555 0100` went out as +104155550100.
        let f = PhoneCheck::Format;
        for (raw, region) in [
            ("1 (415) 555-0137", us()),
            ("415-555-0134", us()),
            ("39 06 1234 5678", "IT".parse().ok()),
            ("😀+14155550100", us()),
            ("''+12125550161", us()),
            ("+1 (0) 415 555 0100", us()),
            ("+1 (0) 415 555 0100", None),
        ] {
            assert_eq!(code(raw, region, f), "number_not_e164", "{raw}");
        }
        for (raw, region, want) in [
            ("011 44 20 7946 0958", us(), "+442079460958"),
            ("00 49 30 123456", "DE".parse().ok(), "+4930123456"),
            ("+44 (0)20 7946 0958", None, "+442079460958"),
            ("+39 (0)6 1234 5678", None, "+390612345678"),
        ] {
            assert_eq!(ok(raw, region, f).0, want, "{raw}");
        }
    }

    #[test]
    fn empty_number_is_its_own_code() {
        for check in ALL {
            assert_eq!(code("", us(), check), "number_empty");
            assert_eq!(code("'", us(), check), "number_empty");
        }
    }

    #[test]
    fn unchecked_numbers_only_need_vapis_character_set() {
        for raw in ["+12125550160", "12125550160", "+1800FLOWERS", "sip0"] {
            assert_eq!(check_unchecked(raw), Ok(raw), "{raw}");
        }
        for raw in ["+", "+1 212", "+1-212", "++1", "+1２", "''+1212", "1+2"] {
            assert_eq!(
                check_unchecked(raw).unwrap_err().code,
                "number_bad_characters",
                "{raw}"
            );
        }
    }

    #[test]
    fn unchecked_numbers_get_the_spreadsheet_clean_up_too() {
        // Audit 7: with the check off, `'1234` kept its apostrophe (rejected
        // for its characters) and Excel's damage had the generic reason.
        assert_eq!(check_unchecked("'1234"), Ok("1234"));
        assert_eq!(check_unchecked("'+14155550100"), Ok("+14155550100"));
        for (raw, want) in [
            ("", "number_empty"),
            ("'", "number_empty"),
            ("1.2E10", "number_excel_scientific"),
            ("=+12125550162", "number_excel_formula"),
            ("=\"12125550162\"", "number_excel_formula"),
        ] {
            assert_eq!(check_unchecked(raw).unwrap_err().code, want, "{raw}");
        }
    }

    #[test]
    fn regions_parse_case_insensitively_and_must_be_known() {
        assert_eq!("gb".parse::<Region>().unwrap().to_string(), "GB");
        assert_eq!(" us".parse::<Region>().unwrap_err().code, "region_unknown");
        for bad in ["ZZ", "XX", "USA", "001", "U", "", "1A"] {
            let e = bad.parse::<Region>().unwrap_err();
            assert_eq!(e.code, "region_unknown", "{bad}");
            assert!(e.message().contains(&format!("{bad:?}")), "{}", e.message());
        }
    }

    #[test]
    fn phone_check_round_trips() {
        for check in ALL {
            assert_eq!(check.to_string().parse::<PhoneCheck>(), Ok(check));
        }
        assert_eq!(
            "strict".parse::<PhoneCheck>().unwrap_err().code,
            "phone_check_unknown"
        );
    }
}
