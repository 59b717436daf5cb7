//! Phone numbers (placeholder until the libphonenumber-backed module lands).

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// How strictly a number is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PhoneCheck {
    /// Valid for its region.
    #[default]
    Valid,
    /// Possible length.
    Possible,
    /// Syntax only.
    Format,
}

impl FromStr for PhoneCheck {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "valid" => Ok(PhoneCheck::Valid),
            "possible" => Ok(PhoneCheck::Possible),
            "format" => Ok(PhoneCheck::Format),
            _ => Err(format!("`{s}`: expected valid, possible or format")),
        }
    }
}

impl fmt::Display for PhoneCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PhoneCheck::Valid => "valid",
            PhoneCheck::Possible => "possible",
            PhoneCheck::Format => "format",
        })
    }
}

/// ISO 3166-1 alpha-2 region.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region([u8; 2]);

impl FromStr for Region {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let b = s.trim().as_bytes();
        if b.len() == 2 && b.iter().all(u8::is_ascii_alphabetic) {
            Ok(Region([
                b[0].to_ascii_uppercase(),
                b[1].to_ascii_uppercase(),
            ]))
        } else {
            Err(format!(
                "`{s}` is not an ISO 3166-1 alpha-2 region code such as US or DE"
            ))
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(std::str::from_utf8(&self.0).unwrap_or("??"))
    }
}

/// A normalized number and an extension found inline.
#[derive(Debug, PartialEq)]
pub struct Normalized<'a> {
    /// The number to write.
    pub number: Cow<'a, str>,
    /// An extension written inline.
    pub extension: Option<Cow<'a, str>>,
}

/// A rejected number.
#[derive(Debug, PartialEq)]
pub struct PhoneError {
    /// Stable code.
    pub code: &'static str,
    /// Message.
    pub message: String,
}

fn is_e164(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 3
        && b.len() <= 16
        && b[0] == b'+'
        && (b'1'..=b'9').contains(&b[1])
        && b[2..].iter().all(u8::is_ascii_digit)
}

/// Normalizes a number.
pub fn normalize<'a>(
    raw: &'a str,
    _region: Option<Region>,
    _check: PhoneCheck,
) -> Result<Normalized<'a>, PhoneError> {
    let raw = raw.strip_prefix('\'').unwrap_or(raw);
    if is_e164(raw) {
        return Ok(Normalized {
            number: Cow::Borrowed(raw),
            extension: None,
        });
    }
    let cleaned: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    if is_e164(&cleaned) {
        return Ok(Normalized {
            number: Cow::Owned(cleaned),
            extension: None,
        });
    }
    Err(PhoneError {
        code: "number_not_e164",
        message: format!("`{raw}` is not E.164"),
    })
}

/// Vapi's rule with the E.164 check off.
pub fn check_unchecked(raw: &str) -> Result<(), PhoneError> {
    let b = raw.strip_prefix('+').unwrap_or(raw).as_bytes();
    if !b.is_empty() && b.iter().all(u8::is_ascii_alphanumeric) {
        Ok(())
    } else {
        Err(PhoneError {
            code: "number_invalid_chars",
            message: format!("`{raw}` may hold only an optional + then letters and digits"),
        })
    }
}
