//! Every JSONL line produced from the samples validates against the official schema.

use std::fs;

use crate::harness::{code, copy_sample, shared, stderr, Workdir};

fn strict_validator() -> Option<jsonschema::Validator> {
    let path = shared("vapi/customer-schema.json")?;
    let mut schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    // Validate against $defs/CreateCustomerDTOStrict: unknown keys fail, as in the live API.
    schema["$ref"] = "#/$defs/CreateCustomerDTOStrict".into();
    Some(jsonschema::draft202012::new(&schema).expect("the official schema compiles"))
}

#[test]
fn sample_output_validates_against_create_customer_dto_strict() {
    let Some(validator) = strict_validator() else {
        return;
    };
    let w = Workdir::new();
    for (sample, extra) in [
        ("customers.csv", &["--phone-check", "format"][..]),
        ("overrides.csv", &[][..]),
        ("customers.csv", &[][..]),
    ] {
        copy_sample(&w, sample);
        let o = w.convert(sample, extra);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let lines = w.jsonl("out.jsonl");
        assert!(!lines.is_empty());
        for (i, line) in lines.iter().enumerate() {
            let errors: Vec<String> = validator.iter_errors(line).map(|e| e.to_string()).collect();
            assert!(
                errors.is_empty(),
                "{sample} line {}: {line}: {errors:?}",
                i + 1
            );
            for (k, v) in line.as_object().unwrap() {
                assert!(!v.is_null() && v != "", "{k} is empty in {line}");
            }
        }
    }
}

#[test]
fn the_strict_schema_catches_what_we_reject() {
    let Some(validator) = strict_validator() else {
        return;
    };
    // Guards the test above: the validator really refuses unknown keys and long names.
    assert!(!validator.is_valid(&serde_json::json!({"number": "+14155550100", "first_name": "x"})));
    assert!(
        !validator.is_valid(&serde_json::json!({"number": "+14155550100", "name": "x".repeat(41)}))
    );
    assert!(!validator.is_valid(
        &serde_json::json!({"number": "+14155550100", "assistantOverrides": {"customer": {}}})
    ));
    assert!(validator.is_valid(&serde_json::json!({"number": "+14155550100"})));
}

#[test]
fn override_values_are_accepted_exactly_when_the_strict_schema_accepts_them() {
    // Arrays' items, the JSON type of nested plans, and inside them each
    // property's type, limits, words and what every provider requires, where
    // our checks are meant to be complete. (Audit 7 found the plans' insides
    // unchecked: `voiceSeconds` 99, `recordingFormat` wav, a model without
    // its provider all went out.)
    let Some(validator) = strict_validator() else {
        return;
    };
    let cells = [
        r#"{"clientMessages":["transcript","hang"]}"#,
        r#"{"clientMessages":["bogus"]}"#,
        r#"{"serverMessages":["end-of-call-report"]}"#,
        r#"{"serverMessages":["transcript",1]}"#,
        r#"{"endCallPhrases":["bye now","ok"]}"#,
        r#"{"endCallPhrases":["a"]}"#,
        r#"{"endCallPhrases":[3]}"#,
        r#"{"credentialIds":["cred-1"]}"#,
        r#"{"credentialIds":[1]}"#,
        r#"{"voicemailDetection":"off"}"#,
        r#"{"voicemailDetection":"on"}"#,
        r#"{"voicemailDetection":{"provider":"vapi"}}"#,
        r#"{"backgroundSound":"office"}"#,
        r#"{"backgroundSound":1}"#,
        r#"{"server":"x"}"#,
        r#"{"compliancePlan":{}}"#,
        r#"{"compliancePlan":1}"#,
        r#"{"model":"gpt"}"#,
        r#"{"transportConfigurations":[1]}"#,
        r#"{"hooks":"x"}"#,
        r#"{"tools:append":[]}"#,
        r#"{"stopSpeakingPlan":{"voiceSeconds":0.3}}"#,
        r#"{"stopSpeakingPlan":{"voiceSeconds":99}}"#,
        r#"{"startSpeakingPlan":{"waitSeconds":-1}}"#,
        r#"{"startSpeakingPlan":{"smartEndpointingEnabled":"livekit","waitSeconds":0.4}}"#,
        r#"{"startSpeakingPlan":{"smartEndpointingEnabled":"false"}}"#,
        r#"{"artifactPlan":{"recordingFormat":"wav"}}"#,
        r#"{"artifactPlan":{"recordingFormat":"mp3","recordingEnabled":true}}"#,
        r#"{"artifactPlan":{"recordingEnabled":"no"}}"#,
        r#"{"keypadInputPlan":{"delimiters":"x"}}"#,
        r##"{"keypadInputPlan":{"delimiters":"#"}}"##,
        r#"{"voicemailDetection":{"provider":"nope"}}"#,
        r#"{"model":{"temperature":0.7}}"#,
        r#"{"model":{"provider":"openai","model":"gpt-4o","temperature":0.7}}"#,
        r#"{"model":{"provider":"openai","model":"gpt-4o","temperature":5}}"#,
        r#"{"voice":{"provider":"cartesia","voiceId":"v","experimentalControls":{"speed":0.5}}}"#,
        r#"{"voice":{"provider":"cartesia","voiceId":"v","experimentalControls":{"speed":"0.5"}}}"#,
    ];
    let w = Workdir::new();
    let mut csv = String::from("number,assistantOverrides\n");
    for (i, cell) in cells.iter().enumerate() {
        csv.push_str(&format!(
            "+1415555{i:04},\"{}\"\n",
            cell.replace('"', "\"\"")
        ));
    }
    w.write("in.csv", csv);
    let o = w.convert("in.csv", &["--phone-check", "format"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let valid: Vec<String> = w
        .jsonl("out.jsonl")
        .iter()
        .map(|c| c["number"].as_str().unwrap().to_owned())
        .collect();
    let mut disagreements = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        let number = format!("+1415555{i:04}");
        let candidate = serde_json::json!({
            "number": number,
            "assistantOverrides": serde_json::from_str::<serde_json::Value>(cell).unwrap(),
        });
        if validator.is_valid(&candidate) != valid.contains(&number) {
            disagreements.push(*cell);
        }
    }
    assert!(disagreements.is_empty(), "{disagreements:?}");
    assert!(
        valid.len() >= 6 && valid.len() <= cells.len() - 10,
        "{valid:?}"
    );
}

#[test]
fn dotted_columns_take_cells_as_a_spreadsheet_writes_them() {
    // `office` for a string property, `TRUE` for a boolean, `off` for the
    // word voicemailDetection allows: each was rejected as invalid_json.
    let w = Workdir::new();
    w.write(
        "in.csv",
        "number,assistantOverrides.backgroundSound,assistantOverrides.firstMessageInterruptionsEnabled,assistantOverrides.voicemailDetection\n\
         +14155550100,office,TRUE,off\n\
         +14155550101,,maybe,\n",
    );
    let o = w.convert("in.csv", &["--phone-check", "format"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let lines = w.jsonl("out.jsonl");
    assert_eq!(
        lines,
        [serde_json::json!({
            "assistantOverrides": {
                "backgroundSound": "office",
                "firstMessageInterruptionsEnabled": true,
                "voicemailDetection": "off"
            },
            "number": "+14155550100"
        })]
    );
    if let Some(validator) = strict_validator() {
        assert!(validator.is_valid(&lines[0]));
    }
    let rows = w.csv_rows("rejects.csv");
    assert!(
        rows[1][1].starts_with("assistantOverrides.firstMessageInterruptionsEnabled:invalid_json:")
            && rows[1][1].ends_with("takes true or false"),
        "{rows:?}"
    );
}

#[test]
fn dotted_columns_inside_plans_take_the_schemas_type() {
    // Inside a plan every dotted cell was a
    // string, so `recordingEnabled` went out as "false" and the API refused
    // the row. The schema's type of the property now decides.
    let w = Workdir::new();
    w.write(
        "in.csv",
        "number,assistantOverrides.artifactPlan.recordingEnabled,assistantOverrides.artifactPlan.recordingFormat,\
         assistantOverrides.stopSpeakingPlan.voiceSeconds,assistantOverrides.artifactPlan.structuredOutputIds\n\
         +14155550100,TRUE,mp3,0.3,\"[\"\"so-1\"\"]\"\n\
         +14155550101,false,,,\n\
         +14155550102,maybe,,soon,so-1\n\
         +14155550103,,,\"\"\"0.3\"\"\",\n",
    );
    let o = w.convert("in.csv", &["--phone-check", "format"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let lines = w.jsonl("out.jsonl");
    assert_eq!(
        lines,
        [
            serde_json::json!({
                "assistantOverrides": {
                    "artifactPlan": {
                        "recordingEnabled": true,
                        "recordingFormat": "mp3",
                        "structuredOutputIds": ["so-1"]
                    },
                    "stopSpeakingPlan": {"voiceSeconds": 0.3}
                },
                "number": "+14155550100"
            }),
            serde_json::json!({
                "assistantOverrides": {"artifactPlan": {"recordingEnabled": false}},
                "number": "+14155550101"
            }),
        ]
    );
    if let Some(validator) = strict_validator() {
        for line in &lines {
            assert!(validator.is_valid(line), "{line}");
        }
    }
    let rows = w.csv_rows("rejects.csv");
    let reasons: Vec<&str> = rows[1][1].split(" | ").collect();
    assert!(
        reasons[0].starts_with("assistantOverrides.artifactPlan.recordingEnabled:invalid_json:")
            && reasons[0].ends_with("`artifactPlan.recordingEnabled` takes true or false"),
        "{reasons:?}"
    );
    assert!(
        reasons[1].starts_with("assistantOverrides.stopSpeakingPlan.voiceSeconds:invalid_json:"),
        "{reasons:?}"
    );
    assert!(
        reasons[2].starts_with("assistantOverrides.artifactPlan.structuredOutputIds:invalid_json:")
            && reasons[2].ends_with("takes a JSON array"),
        "{reasons:?}"
    );
    assert_eq!(
        rows[2][1],
        "assistantOverrides.stopSpeakingPlan.voiceSeconds:invalid_override_value: `stopSpeakingPlan.voiceSeconds` must be a number from 0 to 0.5: got \"0.3\", a string"
    );
}
