//! `csv2dto fields`: what a CSV header may say, without reading the source.
//!
//! Printed from the same tables the converter uses (`schema`, `mapping`), so
//! it cannot drift from what csv2dto actually accepts.

use std::fmt::Write as _;

use crate::mapping::{Field, ALIASES};
use crate::schema::{
    ASSISTANT_OVERRIDES, CUSTOMER_FIELDS, EXTENSION_MAX_CHARS, NUMBER_MAX_CHARS, NUMBER_MIN_CHARS,
    TEXT_MAX_CHARS,
};

fn field_note(name: &str) -> String {
    match name {
        "number" => format!(
            "phone number, {NUMBER_MIN_CHARS}-{NUMBER_MAX_CHARS} characters, E.164 unless numberE164CheckEnabled is false"
        ),
        "name" | "email" | "externalId" => format!("text, at most {TEXT_MAX_CHARS} characters"),
        "extension" => format!("text, at most {EXTENSION_MAX_CHARS} characters"),
        "sipUri" => "sip: URI (a row needs number or sipUri)".into(),
        "numberE164CheckEnabled" => "true or false".into(),
        "assistantOverrides" => {
            "JSON object per cell, or columns named assistantOverrides.<property>".into()
        }
        "squadOverrides" => "JSON object per cell, or columns named squadOverrides.<path>".into(),
        _ => String::new(),
    }
}

/// The text `csv2dto fields` prints.
pub fn text() -> String {
    let mut s = String::new();
    let aliases = |f: Field| -> Vec<&str> {
        ALIASES
            .iter()
            .filter(|(_, t)| *t == f)
            .map(|(a, _)| *a)
            .collect()
    };
    s += "CreateCustomerDTO fields (JSONL key order) and the header names that map to them.\n";
    s += "Headers match ignoring case, spaces, dashes and underscores; --map overrides.\n\n";
    let _ = writeln!(s, "{:<24} {:<46} NOTES", "FIELD", "HEADER ALIASES");
    for name in CUSTOMER_FIELDS {
        let field = Field::ALL.iter().find(|f| f.name() == name).copied();
        let a = field.map(aliases).unwrap_or_default().join(", ");
        let _ = writeln!(s, "{name:<24} {a:<46} {}", field_note(name));
    }
    let _ = writeln!(
        s,
        "{:<24} {:<46} not a DTO field: ISO 3166 region for national numbers",
        "(region)",
        aliases(Field::Region).join(", ")
    );
    s += "\nOther columns become assistantOverrides.variableValues.<header> \
          (--extra-columns variables, the default), or are ignored or refused.\n\n";
    s += "assistantOverrides properties csv2dto checks \
          (columns assistantOverrides.<property>):\n";
    for (prop, kind) in ASSISTANT_OVERRIDES {
        let _ = writeln!(s, "  {prop:<34} {}", kind.describe());
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn lists_fields_aliases_and_overrides() {
        let t = super::text();
        for needle in [
            "externalId",
            "phonenumber",
            "firstMessageMode",
            "variableValues",
        ] {
            assert!(t.contains(needle), "{needle}");
        }
    }
}
