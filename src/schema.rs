//! What the official Vapi schema says, compiled in.
//!
//! The tables below mirror `$defs/CreateCustomerDTO` and `$defs/AssistantOverrides`
//! in `shared/vapi/customer-schema.json` (Vapi's public OpenAPI spec). A test
//! compares them with that file, so a schema update that adds or renames a
//! property fails the suite instead of silently rejecting good rows.

pub mod leaves;

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
    /// A string of `min` to `max` characters (the items of `endCallPhrases`).
    Text(usize, usize),
    /// A string from a fixed set.
    Enum(&'static [&'static str]),
    /// A number within an inclusive range.
    Number(f64, f64),
    /// `true` or `false`.
    Boolean,
    /// A JSON object (free-form, such as `variableValues`).
    Object,
    /// A JSON array whose every item is of this kind.
    Array(&'static Kind),
    /// A nested schema (a provider union, a plan): its JSON type is checked
    /// here, what is inside it by the API (those schemas change with every
    /// new provider, model and voice).
    Nested(Shape),
}

/// The JSON type of a [`Kind::Nested`] property.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shape {
    /// An object.
    Object,
    /// An object, or one of these strings (`voicemailDetection` can be `"off"`).
    ObjectOr(&'static [&'static str]),
    /// A string (`backgroundSound`: `off`, `office` or an audio file's URL).
    String,
}

impl Kind {
    /// True when a CSV cell for this property is text, not JSON.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Kind::String(_) | Kind::Text(..) | Kind::Enum(_) | Kind::Nested(Shape::String)
        )
    }

    /// True when the property is an object whose properties a dotted column
    /// (`assistantOverrides.voice.voiceId`) may set.
    pub fn has_properties(self) -> bool {
        matches!(
            self,
            Kind::Object | Kind::Nested(Shape::Object | Shape::ObjectOr(_))
        )
    }

    /// Short description for messages and `csv2dto fields`.
    pub fn describe(self) -> String {
        match self {
            Kind::String(None) => "string".into(),
            Kind::String(Some(n)) => format!("string of at most {n} characters"),
            Kind::Text(min, max) => format!("string of {min} to {max} characters"),
            Kind::Enum(values) => format!("one of {}", values.join(", ")),
            Kind::Number(lo, hi) => format!("number from {lo} to {hi}"),
            Kind::Boolean => "true or false".into(),
            Kind::Object => "JSON object".into(),
            Kind::Array(item) => format!("JSON array, each item {}", item.describe()),
            Kind::Nested(Shape::Object) => {
                "JSON object (its properties checked to four levels, the rest by the API)".into()
            }
            Kind::Nested(Shape::ObjectOr(values)) => format!(
                "JSON object (its properties checked to four levels, the rest by the API) or {}",
                values
                    .iter()
                    .map(|v| format!("\"{v}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Kind::Nested(Shape::String) => "JSON string (checked by the API)".into(),
        }
    }
}

/// Values of `firstMessageMode`.
pub const FIRST_MESSAGE_MODES: &[&str] = &[
    "assistant-speaks-first",
    "assistant-speaks-first-with-model-generated-message",
    "assistant-waits-for-user",
];

/// Values of the items of `clientMessages`.
pub const CLIENT_MESSAGES: &[&str] = &[
    "conversation-update",
    "assistant.speechStarted",
    "function-call",
    "function-call-result",
    "hang",
    "language-changed",
    "metadata",
    "model-output",
    "speech-update",
    "status-update",
    "transcript",
    "tool-calls",
    "tool-calls-result",
    "tool.completed",
    "transfer-update",
    "user-interrupted",
    "voice-input",
    "workflow.node.started",
    "assistant.started",
];

/// Values of the items of `serverMessages`.
pub const SERVER_MESSAGES: &[&str] = &[
    "assistant.started",
    "assistant.speechStarted",
    "conversation-update",
    "end-of-call-report",
    "function-call",
    "hang",
    "language-changed",
    "language-change-detected",
    "model-output",
    "phone-call-control",
    "speech-update",
    "status-update",
    "transcript",
    r#"transcript[transcriptType="final"]"#,
    "tool-calls",
    "transfer-destination-request",
    "handoff-destination-request",
    "transfer-update",
    "user-interrupted",
    "voice-input",
    "chat.created",
    "chat.deleted",
    "session.created",
    "session.updated",
    "session.deleted",
    "call.deleted",
    "call.delete.failed",
    "call.artifact.upload",
];

const NESTED: Kind = Kind::Nested(Shape::Object);

/// Every `AssistantOverrides` property, in the schema's order, with the kind checked.
pub const ASSISTANT_OVERRIDES: &[(&str, Kind)] = &[
    ("transcriber", NESTED),
    ("model", NESTED),
    ("voice", NESTED),
    ("firstMessage", Kind::String(None)),
    ("firstMessageInterruptionsEnabled", Kind::Boolean),
    ("firstMessageMode", Kind::Enum(FIRST_MESSAGE_MODES)),
    (
        "voicemailDetection",
        Kind::Nested(Shape::ObjectOr(&["off"])),
    ),
    ("clientMessages", Kind::Array(&Kind::Enum(CLIENT_MESSAGES))),
    ("serverMessages", Kind::Array(&Kind::Enum(SERVER_MESSAGES))),
    ("maxDurationSeconds", Kind::Number(10.0, 43200.0)),
    ("backgroundSound", Kind::Nested(Shape::String)),
    ("modelOutputInMessagesEnabled", Kind::Boolean),
    ("transportConfigurations", Kind::Array(&NESTED)),
    ("observabilityPlan", NESTED),
    ("credentials", Kind::Array(&NESTED)),
    ("hooks", Kind::Array(&NESTED)),
    ("tools:append", Kind::Array(&NESTED)),
    ("variableValues", Kind::Object),
    ("name", Kind::String(Some(40))),
    ("voicemailMessage", Kind::String(Some(1000))),
    ("endCallMessage", Kind::String(Some(1000))),
    ("endCallPhrases", Kind::Array(&Kind::Text(2, 140))),
    ("compliancePlan", NESTED),
    ("metadata", Kind::Object),
    ("backgroundSpeechDenoisingPlan", NESTED),
    ("analysisPlan", NESTED),
    ("artifactPlan", NESTED),
    ("startSpeakingPlan", NESTED),
    ("stopSpeakingPlan", NESTED),
    ("monitorPlan", NESTED),
    ("credentialIds", Kind::Array(&Kind::String(None))),
    ("server", NESTED),
    ("keypadInputPlan", NESTED),
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
            assert_kind(&schema, name, *kind, &ao["properties"][name]);
        }
    }

    /// `p` with its `$ref` (or single-entry `allOf`) followed, as often as it takes.
    fn resolve<'s>(
        schema: &'s serde_json::Value,
        mut p: &'s serde_json::Value,
    ) -> &'s serde_json::Value {
        loop {
            if let Some(r) = p["$ref"].as_str() {
                p = &schema["$defs"][r.trim_start_matches("#/$defs/")];
            } else if let Some([only]) = p["allOf"].as_array().map(Vec::as_slice) {
                p = only;
            } else {
                return p;
            }
        }
    }

    /// The JSON types `p` allows at its top level, with the strings of its enums.
    fn top_types(schema: &serde_json::Value, p: &serde_json::Value) -> (Vec<String>, Vec<String>) {
        let p = resolve(schema, p);
        if let Some(alternatives) = p["anyOf"].as_array() {
            let (mut types, mut strings) = (Vec::new(), Vec::new());
            for a in alternatives {
                let (t, s) = top_types(schema, a);
                types.extend(t);
                strings.extend(s);
            }
            types.sort();
            types.dedup();
            return (types, strings);
        }
        let types = match &p["type"] {
            serde_json::Value::String(t) => vec![t.clone()],
            other => panic!("no single type in {other}"),
        };
        let strings = p["enum"]
            .as_array()
            .map(|v| v.iter().map(|s| s.as_str().unwrap().to_owned()).collect())
            .unwrap_or_default();
        (types, strings)
    }

    fn assert_kind(schema: &serde_json::Value, name: &str, kind: Kind, p: &serde_json::Value) {
        let p = resolve(schema, p);
        let types = || top_types(schema, p);
        match kind {
            Kind::String(max) => {
                assert_eq!(p["type"], "string", "{name}");
                assert_eq!(p["maxLength"].as_u64().map(|n| n as usize), max, "{name}");
            }
            Kind::Text(min, max) => {
                assert_eq!(p["type"], "string", "{name}");
                assert_eq!(p["minLength"].as_u64(), Some(min as u64), "{name}");
                assert_eq!(p["maxLength"].as_u64(), Some(max as u64), "{name}");
            }
            Kind::Enum(values) => assert_eq!(
                types(),
                (
                    vec!["string".into()],
                    values.iter().map(|v| v.to_string()).collect()
                ),
                "{name}"
            ),
            Kind::Number(lo, hi) => {
                assert_eq!(p["minimum"].as_f64(), Some(lo), "{name}");
                assert_eq!(p["maximum"].as_f64(), Some(hi), "{name}");
            }
            Kind::Boolean => assert_eq!(p["type"], "boolean", "{name}"),
            Kind::Object => assert_eq!(p["type"], "object", "{name}"),
            Kind::Array(item) => {
                assert_eq!(p["type"], "array", "{name}");
                assert_kind(schema, &format!("{name}[]"), *item, &p["items"]);
            }
            Kind::Nested(Shape::Object) => assert_eq!(types().0, ["object"], "{name}"),
            Kind::Nested(Shape::ObjectOr(values)) => {
                assert_eq!(
                    types(),
                    (
                        vec!["object".into(), "string".into()],
                        values.iter().map(|v| v.to_string()).collect()
                    ),
                    "{name}"
                )
            }
            Kind::Nested(Shape::String) => assert_eq!(types().0, ["string"], "{name}"),
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
