//! Deterministic generator of realistic customer CSVs, for benchmarks and soak tests.
//!
//! ```text
//! cargo run --release --example gen -- --rows 1000000 --seed 7 --out customers.csv
//! cargo run --release --example gen -- --rows 10 --out -        # to stdout
//! ```
//!
//! The same `--rows` and `--seed` always give byte-identical output (own SplitMix64 PRNG, no
//! dependency on `rand`'s algorithm choices), so benchmark numbers taken on different days or
//! machines are about the same bytes. Nothing is read at run time: the phone number patterns
//! below were checked against libphonenumber (every template yields valid numbers for its
//! region), so a `--phone-check valid` run sees the same mix everywhere.
//!
//! # Header
//!
//! `phone,name,email,external_id,ext,assistantOverrides,plan,account tier` — aliases for
//! `number`, `externalId` and `extension`, one JSON column, and two variable columns (one
//! with a space in its name).
//!
//! # Mix of rows (targets; the realised shares are within a fraction of a percent at 1M rows)
//!
//! * 73% valid rows. Their numbers: 70% already E.164 from 11 countries (US, CA, GB, DE, FR,
//!   IN, BR, AU, ES, MX, JP), 30% US national formats (`(415) 555-0123`, `415.555.0123`,
//!   `415-555-0123`) that are valid with `--default-region US`.
//! * 27% invalid rows, 3% of each of nine kinds, exactly one defect per row (see [`Kind`]):
//!   missing number, number with a letter, Excel scientific notation, too short, name over
//!   40 characters, extension over 10 characters, malformed JSON in `assistantOverrides`,
//!   unknown key in `assistantOverrides`, ragged row (last field missing).
//! * Names: ~28% contain non-ASCII letters (José, Zoë, Łukasz, Müller, and ~2% whole names
//!   like 田中 太郎 or Ελένη Παπαδοπούλου), ~5% written `"Last, First"` (quoted because of
//!   the comma), ~1% with a nickname in doubled quotes (`"Robert ""Bob"" Smith"`).
//! * `assistantOverrides`: ~3% of valid rows carry compact valid JSON (doubled quotes in the
//!   CSV), ~1% a pretty-printed multi-line JSON object, i.e. a quoted field with embedded
//!   newlines. The rest are empty.
//! * `email` empty in ~8% of rows; `ext` set in ~15% (1–5 digits).
//! * `plan` ∈ basic/pro/enterprise; `account tier` ∈ gold/silver/empty.
//! * `\n` line ends, UTF-8, about 112 bytes per row on average.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use clap::Parser;

/// Command line of the generator.
#[derive(Parser, Debug)]
#[command(about = "Generate a deterministic, realistic customer CSV for csv2dto benchmarks")]
struct Args {
    /// Number of data rows (the header is extra).
    #[arg(long, default_value_t = 1_000_000)]
    rows: u64,
    /// PRNG seed; same seed and rows give byte-identical output.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Output file, or `-` for stdout.
    #[arg(long, default_value = "-")]
    out: PathBuf,
}

fn main() -> io::Result<()> {
    let args = Args::parse();
    let result = if args.out.as_os_str() == "-" {
        let stdout = io::stdout();
        generate(args.rows, args.seed, stdout.lock())
    } else {
        generate(args.rows, args.seed, File::create(&args.out)?)
    };
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// The header line, without its line end.
const HEADER: &str = "phone,name,email,external_id,ext,assistantOverrides,plan,account tier";

/// Writes a header and `rows` customer rows generated from `seed` to `out`.
pub fn generate<W: Write>(rows: u64, seed: u64, out: W) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 20, out);
    out.write_all(HEADER.as_bytes())?;
    out.write_all(b"\n")?;
    let mut rng = Rng::new(seed);
    let mut line = Vec::with_capacity(512);
    let mut scratch = String::with_capacity(128);
    for i in 0..rows {
        line.clear();
        write_row(&mut rng, i, &mut line, &mut scratch);
        out.write_all(&line)?;
    }
    out.flush()
}

/// What is wrong with a row, if anything. Each invalid kind is drawn with probability
/// [`PER_MILLE_PER_KIND`]/1000, so 9 kinds × 3% = 27% invalid rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Nothing: the row should convert.
    Valid,
    /// Empty number cell.
    MissingNumber,
    /// A US number with one digit typed as a letter (`212-555-0l19`).
    LetterInNumber,
    /// A number that went through Excel (`1.2125550199E10`, `1.21256E+10`).
    ExcelScientific,
    /// Too few digits to be any number (`+1212`, `+121255`).
    TooShort,
    /// Name longer than 40 characters.
    LongName,
    /// Extension longer than 10 characters.
    LongExtension,
    /// `assistantOverrides` that is not JSON (`{"firstMessage": `).
    BadJson,
    /// `assistantOverrides` with a key the DTO does not know (`{"foo":1}`).
    UnknownOverrideKey,
    /// A row with one field fewer than the header.
    Ragged,
}

/// The invalid kinds, in the order they are drawn.
pub const INVALID_KINDS: [Kind; 9] = [
    Kind::MissingNumber,
    Kind::LetterInNumber,
    Kind::ExcelScientific,
    Kind::TooShort,
    Kind::LongName,
    Kind::LongExtension,
    Kind::BadJson,
    Kind::UnknownOverrideKey,
    Kind::Ragged,
];

/// Share of rows of each invalid kind, in thousandths.
pub const PER_MILLE_PER_KIND: u64 = 30;

fn draw_kind(rng: &mut Rng) -> Kind {
    let r = rng.below(1000);
    INVALID_KINDS
        .get((r / PER_MILLE_PER_KIND) as usize)
        .copied()
        .unwrap_or(Kind::Valid)
}

fn write_row(rng: &mut Rng, index: u64, line: &mut Vec<u8>, s: &mut String) {
    let kind = draw_kind(rng);

    // phone
    s.clear();
    match kind {
        Kind::MissingNumber => {}
        Kind::LetterInNumber => letter_in_number(rng, s),
        Kind::ExcelScientific => excel_scientific(rng, s),
        Kind::TooShort => {
            s.push_str("+1");
            s.push_str(pick(rng, US_AREAS));
            for _ in 0..rng.below(4) {
                s.push(digit(rng));
            }
        }
        _ => valid_number(rng, s),
    }
    push_field(line, s);

    // name
    let ((first, first_slug), (last, last_slug)) = person(rng);
    s.clear();
    if kind == Kind::LongName {
        long_name(rng, s, first, last);
    } else {
        let style = rng.below(100);
        if style < 5 {
            s.push_str(last);
            s.push_str(", ");
            s.push_str(first);
        } else if style < 6 {
            s.push_str(first);
            s.push_str(" \"");
            s.push_str(pick(rng, NICKNAMES));
            s.push_str("\" ");
            s.push_str(last);
        } else {
            s.push_str(first);
            s.push(' ');
            s.push_str(last);
        }
    }
    line.push(b',');
    push_field(line, s);

    // email: mostly first.last plus digits, some initials, ~8% absent
    s.clear();
    let e = rng.below(100);
    if e >= 8 {
        if e < 30 {
            s.push_str(&first_slug[..1]);
            s.push_str(last_slug);
        } else {
            s.push_str(first_slug);
            s.push('.');
            s.push_str(last_slug);
        }
        push_number(s, rng.below(10_000));
        s.push('@');
        s.push_str(pick(rng, DOMAINS));
    }
    line.push(b',');
    push_field(line, s);

    // external_id: CRM-style prefix + UUID-shaped id, unique per row (index in the first group)
    s.clear();
    s.push_str(pick(rng, ID_PREFIXES));
    let r = rng.next();
    push_hex(s, index, 8);
    s.push('-');
    push_hex(s, r >> 48, 4);
    s.push_str("-4");
    push_hex(s, (r >> 36) & 0xfff, 3);
    s.push('-');
    push_hex(s, 0x8000 | ((r >> 22) & 0x3fff), 4);
    s.push('-');
    push_hex(s, rng.next() & 0xffff_ffff_ffff, 12);
    line.push(b',');
    push_field(line, s);

    // ext: ~15% have one, 1–5 digits
    s.clear();
    if kind == Kind::LongExtension {
        for _ in 0..11 + rng.below(4) {
            s.push(digit(rng));
        }
    } else if rng.below(100) < 15 {
        for _ in 0..1 + rng.below(5) {
            s.push(digit(rng));
        }
    }
    line.push(b',');
    push_field(line, s);

    // assistantOverrides
    s.clear();
    match kind {
        Kind::BadJson => s.push_str(pick(rng, BAD_JSON)),
        Kind::UnknownOverrideKey => s.push_str(pick(rng, UNKNOWN_KEY_JSON)),
        _ => {
            let j = rng.below(1000);
            if j < 30 {
                s.push_str("{\"firstMessage\":\"Hi ");
                s.push_str(first);
                s.push('"');
                if j < 15 {
                    s.push_str(",\"variableValues\":{\"vip\":");
                    s.push_str(if j < 5 { "true" } else { "false" });
                    s.push('}');
                }
                s.push('}');
            } else if j < 40 {
                s.push_str("{\n  \"firstMessage\": \"Hello ");
                s.push_str(first);
                s.push_str(", this is Ava from Acme.\",\n  \"variableValues\": {\n    \"plan\": \"pro\"\n  }\n}");
            }
        }
    }
    line.push(b',');
    push_field(line, s);

    // plan, account tier (the latter absent in ragged rows)
    line.push(b',');
    line.extend_from_slice(pick(rng, &["basic", "pro", "enterprise"]).as_bytes());
    let tier = pick(rng, &["gold", "silver", ""]);
    if kind != Kind::Ragged {
        line.push(b',');
        line.extend_from_slice(tier.as_bytes());
    }
    line.push(b'\n');
}

// ---------------------------------------------------------------------------------------------
// Phone numbers

/// E.164 templates, weighted. `d` is any digit, `n` is 2–9, anything else is literal. Each
/// template was checked against libphonenumber: all numbers it yields are valid.
const E164: &[(u32, &str)] = &[
    (4, "+1212ndddddd"),
    (4, "+1415ndddddd"),
    (4, "+1646ndddddd"),
    (3, "+1312ndddddd"),
    (3, "+1617ndddddd"),
    (3, "+1206ndddddd"),
    (3, "+1512ndddddd"),
    (3, "+1305ndddddd"),
    (3, "+1404ndddddd"),
    (3, "+1702ndddddd"),
    (3, "+1416ndddddd"),
    (2, "+1604ndddddd"),
    (6, "+442079460ddd"),
    (6, "+447400dddddd"),
    (5, "+4930nddddddd"),
    (5, "+49151dddddddd"),
    (3, "+4989nddddddd"),
    (4, "+331nddddddd"),
    (4, "+33612dddddd"),
    (10, "+9198dddddddd"),
    (5, "+55119nddddddd"),
    (3, "+55213ddddddd"),
    (3, "+6129ddddddd"),
    (3, "+61412dddddd"),
    (3, "+346dddddddd"),
    (2, "+5255nddddddd"),
    (2, "+819012dddddd"),
];

/// US area codes for national-format numbers; the exchange digit is drawn from 2–9, which
/// libphonenumber accepts for all of them.
const US_AREAS: &[&str] = &[
    "212", "415", "646", "312", "617", "206", "512", "305", "404", "702",
];

fn push_template(rng: &mut Rng, s: &mut String, template: &str) {
    for c in template.chars() {
        match c {
            'd' => s.push(digit(rng)),
            'n' => s.push((b'2' + rng.below(8) as u8) as char),
            _ => s.push(c),
        }
    }
}

fn valid_number(rng: &mut Rng, s: &mut String) {
    if rng.below(100) < 70 {
        let template = pick_weighted(rng, E164);
        push_template(rng, s, template);
    } else {
        let mut digits = String::with_capacity(10);
        us_national_digits(rng, &mut digits);
        let (a, b, c) = (&digits[..3], &digits[3..6], &digits[6..]);
        match rng.below(3) {
            0 => {
                s.push('(');
                s.push_str(a);
                s.push_str(") ");
                s.push_str(b);
                s.push('-');
            }
            1 => {
                s.push_str(a);
                s.push('.');
                s.push_str(b);
                s.push('.');
            }
            _ => {
                s.push_str(a);
                s.push('-');
                s.push_str(b);
                s.push('-');
            }
        }
        s.push_str(c);
    }
}

/// Ten digits of a valid US number: area code, exchange 2–9xx, line.
fn us_national_digits(rng: &mut Rng, s: &mut String) {
    s.push_str(pick(rng, US_AREAS));
    push_template(rng, s, "ndddddd");
}

fn letter_in_number(rng: &mut Rng, s: &mut String) {
    let mut digits = String::with_capacity(10);
    us_national_digits(rng, &mut digits);
    // A single letter, as typed by a person: libphonenumber only maps 3+ letters to keypad
    // digits, so one letter makes the number invalid in every mode.
    let at = 6 + rng.below(4) as usize;
    let letter = pick(rng, &["l", "O", "o", "I"]);
    let mut formatted = String::with_capacity(14);
    for (i, ch) in digits.char_indices() {
        if i == 3 || i == 6 {
            formatted.push('-');
        }
        if i == at {
            formatted.push_str(letter);
        } else {
            formatted.push(ch);
        }
    }
    s.push_str(&formatted);
}

fn excel_scientific(rng: &mut Rng, s: &mut String) {
    let mut digits = String::from("1");
    us_national_digits(rng, &mut digits);
    s.push_str(&digits[..1]);
    s.push('.');
    if rng.below(2) == 0 {
        s.push_str(&digits[1..]);
        s.push_str("E10");
    } else {
        s.push_str(&digits[1..5]);
        s.push_str("E+10");
    }
}

// ---------------------------------------------------------------------------------------------
// Names and other cells

/// (display, ASCII slug for e-mail addresses)
type Named = (&'static str, &'static str);

#[rustfmt::skip]
const FIRST: &[Named] = &[
    ("James", "james"), ("Mary", "mary"), ("John", "john"), ("Patricia", "patricia"),
    ("Robert", "robert"), ("Jennifer", "jennifer"), ("Michael", "michael"), ("Linda", "linda"),
    ("David", "david"), ("Elizabeth", "elizabeth"), ("William", "william"), ("Susan", "susan"),
    ("Ana", "ana"), ("Carlos", "carlos"), ("Priya", "priya"), ("Rahul", "rahul"),
    ("Sophie", "sophie"), ("Lukas", "lukas"), ("Emma", "emma"), ("Oliver", "oliver"),
    ("Camille", "camille"), ("Mateus", "mateus"), ("Aisha", "aisha"), ("Wei", "wei"),
    ("Olivia", "olivia"), ("Noah", "noah"), ("Isabella", "isabella"), ("Lucas", "lucas"),
    ("José", "jose"), ("Zoë", "zoe"), ("Łukasz", "lukasz"), ("François", "francois"),
    ("Søren", "soren"), ("Chloé", "chloe"),
];

#[rustfmt::skip]
const LAST: &[Named] = &[
    ("Smith", "smith"), ("Johnson", "johnson"), ("Williams", "williams"), ("Brown", "brown"),
    ("Jones", "jones"), ("Garcia", "garcia"), ("Miller", "miller"), ("Davis", "davis"),
    ("Rodriguez", "rodriguez"), ("Martinez", "martinez"), ("Patel", "patel"),
    ("Sharma", "sharma"), ("Silva", "silva"), ("Santos", "santos"), ("Schmidt", "schmidt"),
    ("Fischer", "fischer"), ("Martin", "martin"), ("Bernard", "bernard"), ("Taylor", "taylor"),
    ("Wilson", "wilson"), ("Nguyen", "nguyen"), ("O'Brien", "obrien"), ("Anderson", "anderson"),
    ("Thompson", "thompson"), ("Müller", "muller"), ("Nowak", "nowak"), ("Gonçalves", "goncalves"),
    ("Núñez", "nunez"),
];

/// Whole names from scripts where mixing with the tables above would look wrong; East Asian
/// names are stored family name first, as they are written.
const WHOLE: &[(Named, Named)] = &[
    (("田中", "tanaka"), ("太郎", "taro")),
    (("Ελένη", "eleni"), ("Παπαδοπούλου", "papadopoulou")),
    (("Иван", "ivan"), ("Петров", "petrov")),
    (("김", "kim"), ("민준", "minjun")),
];

const NICKNAMES: &[&str] = &["\"Bob\"", "\"Liz\"", "\"Ace\"", "\"Mo\""];

/// Picks (first, last): ~2% whole names from [`WHOLE`], else independent first and last.
fn person(rng: &mut Rng) -> (Named, Named) {
    if rng.below(100) < 2 {
        pick(rng, WHOLE)
    } else {
        (pick(rng, FIRST), pick(rng, LAST))
    }
}

fn long_name(rng: &mut Rng, s: &mut String, first: &str, last: &str) {
    s.push_str(first);
    s.push(' ');
    s.push_str(pick(rng, FIRST).0);
    s.push(' ');
    s.push_str(last);
    while s.chars().count() <= 40 {
        s.push('-');
        s.push_str(pick(rng, LAST).0);
    }
}

#[rustfmt::skip]
const DOMAINS: &[&str] = &[
    "gmail.com", "yahoo.com", "outlook.com", "hotmail.co.uk", "web.de", "orange.fr",
    "example.com", "acme-corp.io", "mail.com.br", "icloud.com",
];

/// With the 36-character UUID-shaped id these stay within the API's 40-character limit.
const ID_PREFIXES: &[&str] = &["cus_", "crm-", "hs-", "sf-"];

const BAD_JSON: &[&str] = &[
    "{\"firstMessage\": ",
    "{\"firstMessage\": \"Hi\"",
    "{firstMessage: \"Hi\"}",
    "{\"firstMessage\": \"Hi\",}",
];

const UNKNOWN_KEY_JSON: &[&str] = &[
    "{\"foo\":1}",
    "{\"firstMesage\":\"Hi\"}",
    "{\"greeting\":\"Hello\"}",
];

// ---------------------------------------------------------------------------------------------
// Small helpers

/// Appends `value` as one CSV field, quoting (and doubling quotes) only when needed.
fn push_field(line: &mut Vec<u8>, value: &str) {
    if value
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    {
        line.push(b'"');
        for b in value.bytes() {
            if b == b'"' {
                line.push(b'"');
            }
            line.push(b);
        }
        line.push(b'"');
    } else {
        line.extend_from_slice(value.as_bytes());
    }
}

fn push_number(s: &mut String, n: u64) {
    use std::fmt::Write as _;
    let _ = write!(s, "{n}");
}

fn push_hex(s: &mut String, n: u64, width: usize) {
    use std::fmt::Write as _;
    let _ = write!(s, "{n:0width$x}");
}

fn digit(rng: &mut Rng) -> char {
    (b'0' + rng.below(10) as u8) as char
}

fn pick<T: Copy>(rng: &mut Rng, items: &[T]) -> T {
    items[rng.below(items.len() as u64) as usize]
}

fn pick_weighted(rng: &mut Rng, items: &[(u32, &'static str)]) -> &'static str {
    let total: u32 = items.iter().map(|(w, _)| w).sum();
    let mut r = rng.below(u64::from(total)) as u32;
    for &(w, item) in items {
        if r < w {
            return item;
        }
        r -= w;
    }
    unreachable!("r < total")
}

/// SplitMix64: tiny, fast, and fixed forever, which is what determinism needs.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (multiply-shift; the bias is below 2^-40 for our small `n`).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(rows: u64, seed: u64) -> Vec<u8> {
        let mut out = Vec::new();
        generate(rows, seed, &mut out).unwrap();
        out
    }

    #[test]
    fn same_seed_gives_identical_bytes() {
        assert_eq!(sample(5_000, 7), sample(5_000, 7));
        assert_ne!(sample(5_000, 7), sample(5_000, 8));
    }

    #[test]
    fn output_is_csv_with_expected_shape() {
        let data = sample(20_000, 7);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(data.as_slice());
        assert_eq!(reader.headers().unwrap().len(), 8);
        let (mut rows, mut ragged) = (0, 0);
        for record in reader.records() {
            let record = record.unwrap();
            rows += 1;
            match record.len() {
                8 => {}
                7 => ragged += 1,
                n => panic!("row with {n} fields"),
            }
        }
        assert_eq!(rows, 20_000);
        // 3% ± a generous margin
        assert!((400..800).contains(&ragged), "ragged rows: {ragged}");
        let per_row = data.len() / 20_000;
        assert!((105..=135).contains(&per_row), "bytes per row: {per_row}");
    }
}
