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
    Variables(Vec<(&'a str, &'a str)>),
    /// Any other combination, already merged and checked.
    Object(Map<String, Value>),
}

impl Overrides<'_> {
    /// True when nothing would be written.
    pub fn is_empty(&self) -> bool {
        match self {
            Overrides::None => true,
            Overrides::Variables(v) => v.is_empty(),
            Overrides::Object(m) => m.is_empty(),
        }
    }
}

struct VariableValues<'v, 'a>(&'v [(&'a str, &'a str)]);

impl Serialize for VariableValues<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            map.serialize_entry(k, v)?;
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
            Overrides::Object(obj) => obj.serialize(s),
        }
    }
}

impl Customer<'_> {
    /// Appends this customer as one compact JSON line (with `\n`) to `out`.
    pub fn write_jsonl(&self, out: &mut Vec<u8>) {
        // Writing into a Vec cannot fail, and every map key here is a string.
        serde_json::to_writer(&mut *out, self).expect("serializing a customer into memory");
        out.push(b'\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_fields_are_omitted_and_order_is_the_schemas() {
        let c = Customer {
            number: Some("+14155550100".into()),
            name: Some("Ana"),
            extension: Some("12".into()),
            assistant_overrides: Overrides::Variables(vec![("plan", "pro")]),
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
            assistant_overrides: Overrides::Variables(Vec::new()),
            squad_overrides: Overrides::Object(Map::new()),
            ..Customer::default()
        };
        let mut out = Vec::new();
        c.write_jsonl(&mut out);
        assert_eq!(out, b"{\"sipUri\":\"sip:a@b\"}\n");
    }
}
