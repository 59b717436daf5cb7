//! Duplicate rows: the same customer twice in one file.
//!
//! A row's key is the combination of the chosen fields (`--dedupe
//! number,email`: rows are duplicates when both are equal), computed in the
//! workers from the mapped customer (so `number` compares the normalized
//! E.164 form) and checked in input order by the writer, which is the only
//! place that sees rows in order. Keys are stored as 128-bit hashes with the
//! first line: a `HashMap<[u64; 2], u64>` slot is 24 bytes plus one control
//! byte, so a distinct key costs about 29 to 57 bytes depending on how full
//! the table is (10 million keys: roughly 300 to 570 MB), only when asked for.
//! Without `--dedupe`, duplicate destinations are counted as warnings using
//! at most `WARN_CAPACITY` 64-bit keys in a table of its own (12 bytes a
//! slot, about 14 MB when full, grown in place: see `compact`), so memory
//! stays flat for any file size.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::str::FromStr;

use xxhash_rust::xxh3::{xxh3_128, Xxh3};

use crate::dto::Customer;

mod compact;

/// A field a duplicate key can be built from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyField {
    /// `number`, normalized.
    Number,
    /// `sipUri`.
    SipUri,
    /// `externalId`.
    ExternalId,
    /// `email`, compared case-insensitively.
    Email,
}

impl FromStr for KeyField {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim() {
            "number" => Ok(KeyField::Number),
            "sipUri" => Ok(KeyField::SipUri),
            "externalId" => Ok(KeyField::ExternalId),
            "email" => Ok(KeyField::Email),
            other => Err(format!(
                "`{other}`: dedupe keys are number, sipUri, externalId and email"
            )),
        }
    }
}

impl fmt::Display for KeyField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeyField::Number => "number",
            KeyField::SipUri => "sipUri",
            KeyField::ExternalId => "externalId",
            KeyField::Email => "email",
        })
    }
}

impl KeyField {
    /// The DTO field the key is read from.
    pub fn field(self) -> crate::mapping::Field {
        use crate::mapping::Field;
        match self {
            KeyField::Number => Field::Number,
            KeyField::SipUri => Field::SipUri,
            KeyField::ExternalId => Field::ExternalId,
            KeyField::Email => Field::Email,
        }
    }
}

/// Parses `number,email`.
pub fn parse_keys(s: &str) -> Result<Vec<KeyField>, String> {
    s.split(',').map(str::parse).collect()
}

/// A row's key: a 128-bit hash of the chosen fields.
pub type Key = [u64; 2];

/// The key of `c` over `fields`, or None when all of them are empty.
///
/// The hash is of each field in turn: its length (8 bytes, little-endian)
/// and its bytes (an email lowercased), or one 0xFF byte when it is empty.
/// `number` is the number and its extension: two people behind one
/// switchboard number are two customers.
pub fn key_of(c: &Customer<'_>, fields: &[KeyField]) -> Option<Key> {
    let sip = c.sip_uri.map(sip_key);
    let values = fields.iter().map(|f| {
        let value = match f {
            KeyField::Number => c.number.as_deref(),
            KeyField::SipUri => sip.as_deref(),
            KeyField::ExternalId => c.external_id,
            KeyField::Email => c.email,
        };
        (*f == KeyField::Email, value)
    });
    if values.clone().all(|(_, v)| v.is_none()) {
        return None;
    }
    // Most keys fit a small buffer, hashed in one call: the streaming
    // hasher's state alone is bigger than a whole key.
    let mut buf = [0u8; 192];
    let mut len = 0;
    let mut fits = true;
    for (fold, value) in values.clone() {
        let Some(v) = value else {
            fits &= len < buf.len();
            if fits {
                buf[len] = 0xFF;
                len += 1;
            }
            continue;
        };
        let end = len + 8 + v.len();
        fits &= end <= buf.len();
        if !fits {
            break;
        }
        buf[len..len + 8].copy_from_slice(&(v.len() as u64).to_le_bytes());
        let dest = &mut buf[len + 8..end];
        dest.copy_from_slice(v.as_bytes());
        if fold {
            dest.make_ascii_lowercase();
        }
        len = end;
    }
    let mut k = if fits {
        xxh3_128(&buf[..len])
    } else {
        streamed(values)
    };
    // The extension is mixed in only where there is one, so the common row
    // pays one test for it (a part of its own cost every row 60 instructions).
    if let Some(ext) = c.extension.as_deref() {
        if fields.contains(&KeyField::Number) && c.number.is_some() {
            k = with_extension(k, ext);
        }
    }
    Some([k as u64, (k >> 64) as u64])
}

/// A SIP URI as compared: its scheme and host in lower case, as RFC 3261
/// compares them (`SIP:alice@Example.com` is `sip:alice@example.com`); the
/// user part keeps its case, which is significant.
fn sip_key(uri: &str) -> std::borrow::Cow<'_, str> {
    let host_at = uri.find('@').map_or(0, |at| at + 1);
    let scheme_end = uri.find(':').map_or(0, |c| c + 1).min(host_at.max(1));
    let (scheme, user, host) = if host_at == 0 {
        (uri, "", "")
    } else {
        (
            &uri[..scheme_end],
            &uri[scheme_end..host_at],
            &uri[host_at..],
        )
    };
    if !scheme
        .bytes()
        .chain(host.bytes())
        .any(|b| b.is_ascii_uppercase())
    {
        return std::borrow::Cow::Borrowed(uri);
    }
    std::borrow::Cow::Owned(format!(
        "{}{user}{}",
        scheme.to_ascii_lowercase(),
        host.to_ascii_lowercase()
    ))
}

/// A number key `k` made distinct per extension: the hash of `k` and `ext`.
#[cold]
fn with_extension(k: u128, ext: &str) -> u128 {
    let mut h = Xxh3::new();
    h.update(&k.to_le_bytes());
    h.update(ext.as_bytes());
    h.digest128()
}

/// `key_of`'s hash over the same bytes, for keys too long for its buffer.
fn streamed<'a>(values: impl Iterator<Item = (bool, Option<&'a str>)>) -> u128 {
    let mut h = Xxh3::new();
    for (fold, value) in values {
        match value {
            Some(v) => {
                h.update(&(v.len() as u64).to_le_bytes());
                if fold {
                    for chunk in v.as_bytes().chunks(64) {
                        let mut lower = [0u8; 64];
                        lower[..chunk.len()].copy_from_slice(chunk);
                        lower.make_ascii_lowercase();
                        h.update(&lower[..chunk.len()]);
                    }
                } else {
                    h.update(v.as_bytes());
                }
            }
            None => h.update(&[0xFF]),
        }
    }
    h.digest128()
}

/// Keys are already uniform hashes: the table uses their first half as is.
#[derive(Default)]
struct FirstHalf(u64);

impl Hasher for FirstHalf {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // A `[u64; 2]` key arrives as its 16 raw bytes (after a length, see below).
        if let Some(first) = bytes.first_chunk::<8>() {
            self.0 = u64::from_ne_bytes(*first);
        }
    }
    fn write_usize(&mut self, _: usize) {}
}

/// Keys tracked for duplicate warnings when `--dedupe` is not given.
pub const WARN_CAPACITY: usize = 900_000;

type Identity = BuildHasherDefault<FirstHalf>;

/// Remembers keys in input order.
#[derive(Debug)]
pub struct Seen(Table);

#[derive(Debug)]
enum Table {
    /// For `--dedupe`: full 128-bit keys, every one kept, so no two customers
    /// are ever confused.
    Exact(HashMap<Key, u64, Identity>),
    /// For warnings: half-keys and 32-bit lines, at most a cap of them.
    Capped(compact::Compact),
}

impl Seen {
    /// An unbounded set (for `--dedupe`).
    pub fn unbounded() -> Seen {
        Seen(Table::Exact(HashMap::default()))
    }

    /// A compact set that stops growing at `cap` keys (for warnings).
    pub fn capped(cap: usize) -> Seen {
        Seen(Table::Capped(compact::Compact::new(cap)))
    }

    /// True once a capped set stopped taking new keys.
    pub fn is_full(&self) -> bool {
        matches!(&self.0, Table::Capped(t) if t.is_full())
    }

    /// The first line `key` was seen on, or None (and remembers `line`).
    pub fn check(&mut self, key: Key, line: u64) -> Option<u64> {
        match &mut self.0 {
            Table::Exact(first) => match first.entry(key) {
                Entry::Occupied(e) => Some(*e.get()),
                Entry::Vacant(e) => {
                    e.insert(line);
                    None
                }
            },
            Table::Capped(first) => first.check(key[0], line),
        }
    }

    /// Starts loading what `check(key, ..)` will read, so that checking keys a
    /// few places behind their prefetch overlaps their waits on memory.
    pub fn prefetch(&self, key: Key) {
        if let Table::Capped(first) = &self.0 {
            first.prefetch(key[0]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn customer<'a>(number: &'a str, email: Option<&'a str>) -> Customer<'a> {
        Customer {
            number: Some(Cow::Borrowed(number)),
            email,
            ..Customer::default()
        }
    }

    #[test]
    fn keys_combine_fields_and_fold_email_case() {
        let k = |c: &Customer| key_of(c, &[KeyField::Number, KeyField::Email]);
        assert_eq!(
            k(&customer("+1", Some("A@x.io"))),
            k(&customer("+1", Some("a@X.io")))
        );
        assert_ne!(k(&customer("+1", Some("a@x.io"))), k(&customer("+1", None)));
        assert_ne!(
            k(&customer("+1", Some("a@x.io"))),
            k(&customer("+2", Some("a@x.io")))
        );
        assert_eq!(key_of(&Customer::default(), &[KeyField::Email]), None);
    }

    #[test]
    fn sip_uris_compare_scheme_and_host_without_case() {
        let k = |uri: &'static str| {
            key_of(
                &Customer {
                    sip_uri: Some(uri),
                    ..Customer::default()
                },
                &[KeyField::SipUri],
            )
        };
        assert_eq!(k("SIP:alice@Example.com"), k("sip:alice@example.com"));
        assert_eq!(k("sip:PBX.example.com"), k("sip:pbx.example.com"));
        assert_ne!(
            k("sip:Alice@example.com"),
            k("sip:alice@example.com"),
            "the user part is case-sensitive"
        );
    }

    #[test]
    fn the_number_key_includes_the_extension() {
        // Reception and sales behind one switchboard
        // number were rejected as duplicates of each other.
        let with = |ext: Option<&'static str>| Customer {
            extension: ext.map(Cow::Borrowed),
            ..customer("+12125550160", None)
        };
        let k = |c: &Customer| key_of(c, &[KeyField::Number]);
        assert_ne!(k(&with(Some("101"))), k(&with(Some("102"))));
        assert_ne!(k(&with(Some("101"))), k(&with(None)));
        assert_eq!(k(&with(Some("101"))), k(&with(Some("101"))));
    }

    proptest::proptest! {
        #[test]
        fn keys_hash_the_same_bytes_as_the_streaming_hasher(
            number in proptest::option::of("[+0-9]{0,120}"),
            extension in proptest::option::of("[0-9]{1,10}"),
            email in proptest::option::of("[a-zA-Z@.]{0,200}"),
            external_id in proptest::option::of("[a-z-]{0,60}"),
        ) {
            let c = Customer {
                number: number.as_deref().map(Cow::Borrowed),
                extension: extension.as_deref().map(Cow::Borrowed),
                email: email.as_deref(),
                external_id: external_id.as_deref(),
                ..Customer::default()
            };
            let fields = [KeyField::Number, KeyField::Email, KeyField::ExternalId];
            let values = [
                (false, c.number.as_deref()),
                (true, c.email),
                (false, c.external_id),
            ];
            let want = values
                .iter()
                .any(|(_, v)| v.is_some())
                .then(|| streamed(values.into_iter()))
                .map(|k| match (&c.number, &c.extension) {
                    (Some(_), Some(ext)) => with_extension(k, ext),
                    _ => k,
                })
                .map(|k| [k as u64, (k >> 64) as u64]);
            proptest::prop_assert_eq!(key_of(&c, &fields), want);
        }
    }

    #[test]
    fn long_emails_fold_case_too() {
        let long = format!("{}@x.io", "a".repeat(300));
        let upper = long.to_uppercase();
        let k = |c: &Customer| key_of(c, &[KeyField::Number, KeyField::Email]);
        assert_eq!(
            k(&customer("+1", Some(&long))),
            k(&customer("+1", Some(&upper)))
        );
    }

    #[test]
    fn seen_reports_the_first_line_and_caps() {
        let mut s = Seen::unbounded();
        assert_eq!(s.check([1, 1], 2), None);
        assert_eq!(s.check([1, 1], 9), Some(2));
        let mut c = Seen::capped(1);
        assert_eq!(c.check([1, 1], 2), None);
        assert_eq!(c.check([2, 2], 3), None);
        assert!(c.is_full());
        assert_eq!(c.check([2, 2], 4), None, "not remembered once full");
        assert_eq!(c.check([1, 1], 5), Some(2));
    }

    #[test]
    fn parse_keys_names_the_bad_key() {
        assert_eq!(
            parse_keys("number, email").unwrap(),
            vec![KeyField::Number, KeyField::Email]
        );
        assert!(parse_keys("phone").unwrap_err().contains("`phone`"));
    }
}
