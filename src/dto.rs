//! The serde type of Vapi's `CreateCustomerDTO`, as csv2dto writes it.
//!
//! Fields borrow from the CSV record wherever the value is written as read,
//! so a valid row costs no per-field allocation. Absent fields are skipped:
//! the API rejects `null` where a string belongs, and unknown keys anywhere.
//! Field order is the schema's (see `schema::CUSTOMER_FIELDS`).

use std::borrow::Cow;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::{Map, Value};

/// `,"name":` for `JsonObject::field`, from one of the DTO's own field
/// names, which need no escaping.
macro_rules! key {
    ($name:literal) => {
        concat!(",\"", $name, "\":")
    };
}

/// One customer object, ready to serialize as a JSONL line.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Customer<'a> {
    /// Whether the API checks `number` as E.164 (absent = the API's default, true).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number_e164_check_enabled: Option<bool>,
    /// Extension dialed after the call is answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension: Option<Cow<'a, str>>,
    /// Per-customer assistant settings and template variables.
    #[serde(skip_serializing_if = "Overrides::is_empty")]
    pub assistant_overrides: Overrides<'a>,
    /// The same, for squad-based calls.
    #[serde(skip_serializing_if = "Overrides::is_empty")]
    pub squad_overrides: Overrides<'a>,
    /// Phone number (E.164 unless the check is off).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<Cow<'a, str>>,
    /// SIP URI.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sip_uri: Option<&'a str>,
    /// Name, for the user's own reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<&'a str>,
    /// Email.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<&'a str>,
    /// The user's own identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<&'a str>,
}

/// Template variables as (name, value) pairs in column order. Lists hold a
/// handful, so the first four live inline and most rows allocate nothing.
pub type Variables<'a> = smallvec::SmallVec<[(&'a VarName, &'a str); 4]>;

/// A template variable's name (a column header), with its JSON key written
/// once per file instead of escaped again on every row: on 100k generated
/// rows with two variable columns, 1.7% of all instructions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarName {
    name: String,
    /// `,"name":`, as `JsonObject::field` takes it.
    field: String,
}

impl VarName {
    /// The variable called `name`.
    pub fn new(name: &str) -> Self {
        let mut field = b",".to_vec();
        json_str(&mut field, name);
        field.push(b':');
        VarName {
            name: name.to_owned(),
            field: String::from_utf8(field).expect("JSON text of a str is UTF-8"),
        }
    }

    /// The name as the header spells it.
    pub fn as_str(&self) -> &str {
        &self.name
    }
}

impl From<&str> for VarName {
    fn from(name: &str) -> Self {
        VarName::new(name)
    }
}

impl std::ops::Deref for VarName {
    type Target = str;

    fn deref(&self) -> &str {
        &self.name
    }
}

impl std::fmt::Display for VarName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

/// An `assistantOverrides` object: absent, template variables only, or a full JSON object.
///
/// The variables-only shape is by far the most common (extra CSV columns) and
/// serializes straight from the record without building a JSON tree.
#[derive(Debug, Default)]
pub enum Overrides<'a> {
    /// No overrides for this row.
    #[default]
    None,
    /// Only `variableValues`, as (name, value) pairs in column order.
    Variables(Variables<'a>),
    /// Any other combination, already merged and checked: the object, then
    /// the template variables (if any) as its last key, `variableValues`.
    /// Variables are only kept apart when the object has no `variableValues`
    /// of its own, so that they need no JSON tree; otherwise they are merged in.
    Object(Map<String, Value>, Variables<'a>),
}

impl Overrides<'_> {
    /// True when nothing would be written.
    pub fn is_empty(&self) -> bool {
        match self {
            Overrides::None => true,
            Overrides::Variables(v) => v.is_empty(),
            Overrides::Object(m, v) => m.is_empty() && v.is_empty(),
        }
    }
}

struct VariableValues<'v, 'a>(&'v [(&'a VarName, &'a str)]);

impl Serialize for VariableValues<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            map.serialize_entry(&k.name, v)?;
        }
        map.end()
    }
}

impl Serialize for Overrides<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Overrides::None => s.serialize_map(Some(0))?.end(),
            Overrides::Variables(vars) => {
                let mut map = s.serialize_map(Some(1))?;
                map.serialize_entry("variableValues", &VariableValues(vars))?;
                map.end()
            }
            Overrides::Object(obj, vars) => {
                let mut map = s.serialize_map(Some(obj.len() + usize::from(!vars.is_empty())))?;
                for (k, v) in obj {
                    map.serialize_entry(k, v)?;
                }
                if !vars.is_empty() {
                    map.serialize_entry("variableValues", &VariableValues(vars))?;
                }
                map.end()
            }
        }
    }
}

impl Customer<'_> {
    /// Appends this customer as one compact JSON line (with `\n`) to `out`.
    ///
    /// Written by hand, byte for byte what `serde_json::to_writer(self)` writes
    /// (a test compares the two), without serde's per-field dispatch: this
    /// runs once per valid row.
    pub fn write_jsonl(&self, out: &mut Vec<u8>) {
        let mut obj = JsonObject::open(out);
        if let Some(b) = self.number_e164_check_enabled {
            obj.field(key!("numberE164CheckEnabled"))
                .extend_from_slice(if b { b"true" } else { b"false" });
        }
        if let Some(v) = &self.extension {
            json_str(obj.field(key!("extension")), v);
        }
        for (name, o) in [
            (key!("assistantOverrides"), &self.assistant_overrides),
            (key!("squadOverrides"), &self.squad_overrides),
        ] {
            if !o.is_empty() {
                o.write_json(obj.field(name));
            }
        }
        for (name, v) in [
            (key!("number"), self.number.as_deref()),
            (key!("sipUri"), self.sip_uri),
            (key!("name"), self.name),
            (key!("email"), self.email),
            (key!("externalId"), self.external_id),
        ] {
            if let Some(v) = v {
                json_str(obj.field(name), v);
            }
        }
        obj.close().push(b'\n');
    }
}

impl Overrides<'_> {
    fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            Overrides::None => out.extend_from_slice(b"{}"),
            Overrides::Variables(vars) => {
                out.extend_from_slice(b"{\"variableValues\":");
                write_variables(out, vars);
                out.push(b'}');
            }
            Overrides::Object(o, vars) => {
                // Writing into a Vec cannot fail, and a JSON object's keys are strings.
                serde_json::to_writer(&mut *out, o).expect("serializing JSON into memory");
                if !vars.is_empty() {
                    // Reopen the object for its last key.
                    out.pop();
                    if !o.is_empty() {
                        out.push(b',');
                    }
                    out.extend_from_slice(b"\"variableValues\":");
                    write_variables(out, vars);
                    out.push(b'}');
                }
            }
        }
    }
}

/// Writes template variables as one JSON object, in column order.
fn write_variables(out: &mut Vec<u8>, vars: &[(&VarName, &str)]) {
    let mut obj = JsonObject::open(out);
    for (k, v) in vars {
        json_str(obj.field(&k.field), v);
    }
    obj.close();
}

/// A JSON object being written: `{`, then `"key":` with commas between, then `}`.
struct JsonObject<'o> {
    out: &'o mut Vec<u8>,
    empty: bool,
}

impl<'o> JsonObject<'o> {
    fn open(out: &'o mut Vec<u8>) -> Self {
        out.push(b'{');
        JsonObject { out, empty: true }
    }

    /// Writes a key given as `,"key":` (`key!(name)` for the DTO's own field
    /// names, `VarName::field` for a variable's): the comma, quotes and colon
    /// come with it, so this is one copy; the value follows.
    fn field(&mut self, key: &str) -> &mut Vec<u8> {
        debug_assert!(key.starts_with(",\"") && key.ends_with("\":"));
        let key = if std::mem::take(&mut self.empty) {
            &key[1..]
        } else {
            key
        };
        self.out.extend_from_slice(key.as_bytes());
        self.out
    }

    fn close(self) -> &'o mut Vec<u8> {
        self.out.push(b'}');
        self.out
    }
}

/// How serde_json escapes each byte: 0 for none, `u` for `\u00XX`, else the letter after `\`.
const ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b'u';
        b += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0A] = b'n';
    t[0x0C] = b'f';
    t[0x0D] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// Where the first byte that needs escaping is, if any: a control byte, `"`
/// or `\\`. Texts of 16 bytes or more (emails, ids, JSON) are searched 16
/// bytes at a step with SSE2, which every x86_64 processor has: on 100k
/// generated rows that is 1.1% fewer instructions in all, 1.8% for valid rows.
fn first_escape(bytes: &[u8]) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    if bytes.len() >= 16 {
        return first_escape_sse2(bytes);
    }
    first_escape_swar(bytes)
}

/// `first_escape` for 16 bytes or more, 16 at a time. The last block may
/// overlap the one before; none of its bytes there hit.
#[cfg(target_arch = "x86_64")]
fn first_escape_sse2(bytes: &[u8]) -> Option<usize> {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };
    let n = bytes.len();
    debug_assert!(n >= 16);
    let hits = |at: usize| {
        assert!(at + 16 <= n);
        // SAFETY: the 16 bytes at `at` are in `bytes` (asserted), read unaligned;
        // SSE2 is part of every x86_64 target.
        unsafe {
            let x = _mm_loadu_si128(bytes.as_ptr().add(at).cast());
            let control = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1F)), x);
            let quote = _mm_cmpeq_epi8(x, _mm_set1_epi8(0x22));
            let backslash = _mm_cmpeq_epi8(x, _mm_set1_epi8(0x5C));
            _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), control)) as u32
        }
    };
    let mut at = 0;
    loop {
        let block = at.min(n - 16);
        let h = hits(block);
        if h != 0 {
            return Some(block + h.trailing_zeros() as usize);
        }
        at += 16;
        if at >= n {
            return None;
        }
    }
}

/// `first_escape` eight bytes at a time in a `u64`. A text of eight bytes or
/// more ends with one word read over the last eight, overlapping what was
/// already looked at.
fn first_escape_swar(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // Each term sets the high bit of the bytes of `x` below `n` (n <= 0x80), and
    // of none under the first of them: a borrow only runs upwards, so the lowest
    // bit set is exact. Little-endian: the lowest bit is the first byte.
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x;
    let hits = |at: usize| {
        let x = u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
        (below(x, 0x20) | below(x ^ (ONES * 0x22), 1) | below(x ^ (ONES * 0x5C), 1)) & HIGH
    };
    let n = bytes.len();
    if n < 8 {
        return bytes.iter().position(|&b| ESCAPE[usize::from(b)] != 0);
    }
    let mut at = 0;
    loop {
        // The last word may overlap the one before; none of its bytes there hit.
        let word = at.min(n - 8);
        let h = hits(word);
        if h != 0 {
            return Some(word + (h.trailing_zeros() / 8) as usize);
        }
        at += 8;
        if at >= n {
            return None;
        }
    }
}

/// Appends `s` as a JSON string, escaped exactly as serde_json does.
fn json_str(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut rest = s.as_bytes();
    out.reserve(rest.len() + 2);
    out.push(b'"');
    while let Some(i) = first_escape(rest) {
        out.extend_from_slice(&rest[..i]);
        let b = rest[i];
        match ESCAPE[usize::from(b)] {
            b'u' => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xF)],
            ]),
            letter => out.extend_from_slice(&[b'\\', letter]),
        }
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_fields_are_omitted_and_order_is_the_schemas() {
        let plan = VarName::new("plan");
        let c = Customer {
            number: Some("+14155550100".into()),
            name: Some("Ana"),
            extension: Some("12".into()),
            assistant_overrides: Overrides::Variables([(&plan, "pro")].into_iter().collect()),
            ..Customer::default()
        };
        let mut out = Vec::new();
        c.write_jsonl(&mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"extension\":\"12\",\"assistantOverrides\":{\"variableValues\":{\"plan\":\"pro\"}},\"number\":\"+14155550100\",\"name\":\"Ana\"}\n"
        );
    }

    #[test]
    fn empty_overrides_are_not_written() {
        let c = Customer {
            sip_uri: Some("sip:a@b"),
            assistant_overrides: Overrides::Variables(Variables::new()),
            squad_overrides: Overrides::Object(Map::new(), Variables::new()),
            ..Customer::default()
        };
        let mut out = Vec::new();
        c.write_jsonl(&mut out);
        assert_eq!(out, b"{\"sipUri\":\"sip:a@b\"}\n");
    }

    fn serde_line(c: &Customer) -> Vec<u8> {
        let mut line = serde_json::to_vec(c).unwrap();
        line.push(b'\n');
        line
    }

    fn text() -> impl proptest::strategy::Strategy<Value = String> {
        // Escapes, controls, quotes, DEL and multi-byte characters.
        proptest::string::string_regex("[a-z\"\\\\/\\x00-\\x1f\\x7f é☎😀]{0,8}").unwrap()
    }

    #[test]
    fn one_byte_to_escape_is_found_at_every_place_of_every_length() {
        // Long clean runs reach the last, overlapping block of both searches,
        // which random bytes full of escapes seldom do.
        for n in 1..50 {
            for at in 0..n {
                for b in [0u8, 0x1F, 0x20, 0x22, 0x5C, 0x7F, 0x80, 0xFF] {
                    let mut bytes = vec![b'a'; n];
                    bytes[at] = b;
                    let want = (ESCAPE[usize::from(b)] != 0).then_some(at);
                    assert_eq!(first_escape(&bytes), want, "{b:#x} at {at} of {n}");
                    assert_eq!(first_escape_swar(&bytes), want, "{b:#x} at {at} of {n}");
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_first_byte_to_escape_is_found_exactly(
            // Bytes next to the thresholds (0x1F/0x20, around `"` and `\\`, 0x7F/0x80)
            // are where a borrow between bytes would show.
            bytes in proptest::collection::vec(
                proptest::sample::select(vec![0u8, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, b'a', 0x7F, 0x80, 0xC3, 0xFF]),
                0..40,
            ),
        ) {
            let want = bytes.iter().position(|&b| ESCAPE[usize::from(b)] != 0);
            proptest::prop_assert_eq!(first_escape(&bytes), want);
            proptest::prop_assert_eq!(first_escape_swar(&bytes), want);
        }

        #[test]
        fn jsonl_lines_are_exactly_what_serde_json_writes(
            e164 in proptest::option::of(proptest::bool::ANY),
            strings in proptest::collection::vec(proptest::option::of(text()), 6),
            vars in proptest::option::of(proptest::collection::vec((text(), text()), 0..3)),
            object in proptest::option::of(proptest::collection::vec((text(), text()), 0..3)),
            object_vars in proptest::collection::vec((text(), text()), 0..3),
        ) {
            let s = |i: usize| strings[i].as_deref();
            let names = |vars: &[(String, String)]| -> Vec<VarName> {
                vars.iter().map(|(k, _)| VarName::new(k)).collect()
            };
            let var_names = vars.as_deref().map(names).unwrap_or_default();
            let object_var_names = names(&object_vars);
            let c = Customer {
                number_e164_check_enabled: e164,
                extension: s(0).map(Cow::Borrowed),
                number: s(1).map(Cow::Borrowed),
                sip_uri: s(2),
                name: s(3),
                email: s(4),
                external_id: s(5),
                assistant_overrides: match &vars {
                    None => Overrides::None,
                    Some(v) => Overrides::Variables(var_names.iter().zip(v).map(|(k, (_, v))| (k, v.as_str())).collect()),
                },
                squad_overrides: match &object {
                    None => Overrides::None,
                    Some(o) => Overrides::Object(
                        o.iter().map(|(k, v)| (k.clone(), Value::from(v.as_str()))).collect(),
                        object_var_names.iter().zip(&object_vars).map(|(k, (_, v))| (k, v.as_str())).collect(),
                    ),
                },
            };
            let mut ours = Vec::new();
            c.write_jsonl(&mut ours);
            proptest::prop_assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(serde_line(&c)).unwrap());
        }
    }
}
