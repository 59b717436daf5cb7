//! What the official Vapi schema says, compiled in.
//!
//! The tables below mirror `$defs/CreateCustomerDTO` and `$defs/AssistantOverrides`
//! in `shared/vapi/customer-schema.json` (Vapi's public OpenAPI spec). A test
//! compares them with that file, so a schema update that adds or renames a
//! property fails the suite instead of silently rejecting good rows.

/// The `CreateCustomerDTO` properties, in the schema's order (the JSONL key order).
pub const CUSTOMER_FIELDS: [&str; 9] = [
    "numberE164CheckEnabled",
    "extension",
    "assistantOverrides",
    "squadOverrides",
    "number",
    "sipUri",
    "name",
    "email",
    "externalId",
];

/// `number`: minimum length in characters.
pub const NUMBER_MIN_CHARS: usize = 3;
/// `number`: maximum length in characters.
pub const NUMBER_MAX_CHARS: usize = 40;
/// `name`, `email`, `externalId`: maximum length in characters.
pub const TEXT_MAX_CHARS: usize = 40;
/// `extension`: maximum length in characters.
pub const EXTENSION_MAX_CHARS: usize = 10;

/// The JSON type csv2dto checks for an `AssistantOverrides` property.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// A string, optionally with a maximum length in characters.
    String(Option<usize>),
    /// A string from a fixed set.
    Enum(&'static [&'static str]),
    /// A number within an inclusive range.
    Number(f64, f64),
    /// `true` or `false`.
    Boolean,
    /// A JSON object (free-form, such as `variableValues`).
    Object,
    /// A JSON array.
    Array,
    /// A nested schema (a provider union, a plan): passed through for the API to check.
    Nested,
}

impl Kind {
    /// True when a CSV cell for this property is text, not JSON.
    pub fn is_text(self) -> bool {
        matches!(self, Kind::String(_) | Kind::Enum(_))
    }

    /// Short description for messages and `csv2dto fields`.
    pub fn describe(self) -> String {
        match self {
            Kind::String(None) => "string".into(),
            Kind::String(Some(n)) => format!("string of at most {n} characters"),
            Kind::Enum(values) => format!("one of {}", values.join(", ")),
            Kind::Number(lo, hi) => format!("number from {lo} to {hi}"),
            Kind::Boolean => "true or false".into(),
            Kind::Object => "JSON object".into(),
            Kind::Array => "JSON array".into(),
            Kind::Nested => "JSON value (checked by the API)".into(),
        }
    }
}

/// Values of `firstMessageMode`.
pub const FIRST_MESSAGE_MODES: &[&str] = &[
    "assistant-speaks-first",
    "assistant-speaks-first-with-model-generated-message",
    "assistant-waits-for-user",
];

/// Every `AssistantOverrides` property, in the schema's order, with the kind checked.
pub const ASSISTANT_OVERRIDES: &[(&str, Kind)] = &[
    ("transcriber", Kind::Nested),
    ("model", Kind::Nested),
    ("voice", Kind::Nested),
    ("firstMessage", Kind::String(None)),
    ("firstMessageInterruptionsEnabled", Kind::Boolean),
    ("firstMessageMode", Kind::Enum(FIRST_MESSAGE_MODES)),
    ("voicemailDetection", Kind::Nested),
    ("clientMessages", Kind::Array),
    ("serverMessages", Kind::Array),
    ("maxDurationSeconds", Kind::Number(10.0, 43200.0)),
    ("backgroundSound", Kind::Nested),
    ("modelOutputInMessagesEnabled", Kind::Boolean),
    ("transportConfigurations", Kind::Array),
    ("observabilityPlan", Kind::Nested),
    ("credentials", Kind::Array),
    ("hooks", Kind::Array),
    ("tools:append", Kind::Array),
    ("variableValues", Kind::Object),
    ("name", Kind::String(Some(40))),
    ("voicemailMessage", Kind::String(Some(1000))),
    ("endCallMessage", Kind::String(Some(1000))),
    ("endCallPhrases", Kind::Array),
    ("compliancePlan", Kind::Nested),
    ("metadata", Kind::Object),
    ("backgroundSpeechDenoisingPlan", Kind::Nested),
    ("analysisPlan", Kind::Nested),
    ("artifactPlan", Kind::Nested),
    ("startSpeakingPlan", Kind::Nested),
    ("stopSpeakingPlan", Kind::Nested),
    ("monitorPlan", Kind::Nested),
    ("credentialIds", Kind::Array),
    ("server", Kind::Nested),
    ("keypadInputPlan", Kind::Nested),
];

/// The kind of an `AssistantOverrides` property, or None when the API does not know it.
pub fn override_kind(name: &str) -> Option<Kind> {
    ASSISTANT_OVERRIDES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, k)| *k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// The official schema, or None (with a note) when `shared/` is absent outside CI.
    pub(crate) fn official_schema() -> Option<serde_json::Value> {
        let path =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/vapi/customer-schema.json");
        match std::fs::read_to_string(&path) {
            Ok(text) => Some(serde_json::from_str(&text).expect("customer-schema.json is JSON")),
            Err(e) if std::env::var_os("CI").is_some() => {
                panic!(
                    "{} is missing ({e}); CI must have ../shared beside the checkout",
                    path.display()
                )
            }
            Err(e) => {
                eprintln!("note: skipping schema comparison, {}: {e}", path.display());
                None
            }
        }
    }

    fn keys(v: &serde_json::Value) -> Vec<String> {
        v["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    }

    #[test]
    fn customer_fields_match_the_official_schema_in_order() {
        let Some(schema) = official_schema() else {
            return;
        };
        assert_eq!(keys(&schema["$defs"]["CreateCustomerDTO"]), CUSTOMER_FIELDS);
    }

    #[test]
    fn override_properties_match_the_official_schema_in_order() {
        let Some(schema) = official_schema() else {
            return;
        };
        let ao = &schema["$defs"]["AssistantOverrides"];
        let ours: Vec<&str> = ASSISTANT_OVERRIDES.iter().map(|(n, _)| *n).collect();
        assert_eq!(keys(ao), ours);
        for (name, kind) in ASSISTANT_OVERRIDES {
            let p = &ao["properties"][name];
            match kind {
                Kind::String(max) => {
                    assert_eq!(p["type"], "string", "{name}");
                    assert_eq!(p["maxLength"].as_u64().map(|n| n as usize), *max, "{name}");
                }
                Kind::Enum(values) => {
                    let theirs: Vec<&str> = p["enum"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|v| v.as_str().unwrap())
                        .collect();
                    assert_eq!(&theirs, values, "{name}");
                }
                Kind::Number(lo, hi) => {
                    assert_eq!(p["minimum"].as_f64(), Some(*lo), "{name}");
                    assert_eq!(p["maximum"].as_f64(), Some(*hi), "{name}");
                }
                Kind::Boolean => assert_eq!(p["type"], "boolean", "{name}"),
                Kind::Object => assert_eq!(p["type"], "object", "{name}"),
                Kind::Array => assert_eq!(p["type"], "array", "{name}"),
                Kind::Nested => assert!(p.get("type").is_none() || p["type"] == "object", "{name}"),
            }
        }
    }

    #[test]
    fn customer_limits_match_the_official_schema() {
        let Some(schema) = official_schema() else {
            return;
        };
        let p = &schema["$defs"]["CreateCustomerDTO"]["properties"];
        assert_eq!(p["number"]["minLength"], NUMBER_MIN_CHARS as u64);
        assert_eq!(p["number"]["maxLength"], NUMBER_MAX_CHARS as u64);
        for f in ["name", "email", "externalId"] {
            assert_eq!(p[f]["maxLength"], TEXT_MAX_CHARS as u64, "{f}");
        }
        assert_eq!(p["extension"]["maxLength"], EXTENSION_MAX_CHARS as u64);
    }
}
