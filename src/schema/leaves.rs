//! The JSON type and limits of the properties inside nested plans, for
//! dotted columns such as `assistantOverrides.artifactPlan.recordingEnabled`
//! and for the plans a JSON cell holds.
//!
//! Generated from `shared/vapi/customer-schema.json`: the test below walks the
//! schema and, when it no longer matches, prints the table to paste here.
//! Where providers disagree (`voice` has one branch per provider), a
//! property takes what any of them takes: the loosest range, every word.

/// The JSON type of a property inside a nested plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leaf {
    /// `true` or `false`.
    Boolean,
    /// A number (or an integer).
    Number,
    /// A JSON array.
    Array,
    /// A JSON object.
    Object,
    /// Text, or a value its providers type differently but never as an
    /// object: the cell stays as written, and nothing can be set inside it.
    Text,
    /// `true`, `false` or one of its words (`smartEndpointingEnabled`: `livekit`).
    BooleanOrWord,
    /// A number or one of its words (Cartesia's `speed`: -1 to 1, or `fast`).
    NumberOrWord,
}

/// What a property takes beyond its JSON type. `None` and empty: no limit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// Smallest number.
    pub min: Option<f64>,
    /// Largest number.
    pub max: Option<f64>,
    /// Whole numbers only.
    pub integer: bool,
    /// Fewest characters of text.
    pub min_chars: Option<usize>,
    /// Most characters of text.
    pub max_chars: Option<usize>,
    /// The only words it takes (its enum).
    pub words: &'static [&'static str],
}

/// No limit beyond the type.
pub const ANY: Limits = Limits {
    min: None,
    max: None,
    integer: false,
    min_chars: None,
    max_chars: None,
    words: &[],
};

impl Leaf {
    /// What the property takes, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Leaf::Boolean => "true or false",
            Leaf::Number => "a number",
            Leaf::Array => "a JSON array",
            Leaf::Object => "a JSON object",
            Leaf::Text => "text",
            Leaf::BooleanOrWord => "true, false or a word",
            Leaf::NumberOrWord => "a number or a word",
        }
    }
}

impl Limits {
    /// What a property of type `leaf` with these limits takes, for messages:
    /// `a number from 0 to 0.5`, `one of `wav;l16`, `mp3``.
    pub fn describe(&self, leaf: Leaf) -> String {
        let words = || {
            let quoted: Vec<String> = self
                .words
                .iter()
                .map(|w| {
                    if w.is_empty() {
                        "\"\" (empty)".to_owned()
                    } else {
                        format!("`{w}`")
                    }
                })
                .collect();
            match quoted.len() {
                1 => quoted[0].clone(),
                n if n > 12 => format!(
                    "one of {}, ... ({n} words; see the API reference)",
                    quoted[..12].join(", ")
                ),
                _ => format!("one of {}", quoted.join(", ")),
            }
        };
        let number = || {
            let what = if self.integer {
                "a whole number"
            } else {
                "a number"
            };
            match (self.min, self.max) {
                (Some(lo), Some(hi)) => format!("{what} from {lo} to {hi}"),
                (Some(lo), None) => format!("{what} of at least {lo}"),
                (None, Some(hi)) => format!("{what} of at most {hi}"),
                (None, None) => what.to_owned(),
            }
        };
        match leaf {
            Leaf::Text if !self.words.is_empty() => words(),
            Leaf::Text => match (self.min_chars, self.max_chars) {
                (Some(lo), Some(hi)) => format!("text of {lo} to {hi} characters"),
                (Some(lo), None) => format!(
                    "text of at least {lo} character{}",
                    if lo == 1 { "" } else { "s" }
                ),
                (None, Some(hi)) => format!("text of at most {hi} characters"),
                (None, None) => "text".to_owned(),
            },
            Leaf::Number => number(),
            Leaf::BooleanOrWord => format!("true, false or {}", words()),
            Leaf::NumberOrWord => format!("{} or {}", number(), words()),
            Leaf::Boolean | Leaf::Array | Leaf::Object => leaf.describe().to_owned(),
        }
    }
}

/// The type of the property at `path` below an `AssistantOverrides`
/// property (`["artifactPlan", "recordingEnabled"]`), or None for one that
/// may be an object or something else (`voicemailDetection`), one deeper
/// than the table, or one the schema does not know: those cells stay text.
pub fn leaf(path: &[String]) -> Option<Leaf> {
    rule(&path.join(".")).map(|(leaf, _)| leaf)
}

/// `leaf` of a dotted path (`artifactPlan.recordingEnabled`), with the
/// property's limits.
pub fn rule(dotted: &str) -> Option<(Leaf, &'static Limits)> {
    // Names hold only letters, digits and `:` (a test checks), all above
    // `.`: byte order is the segment order the tables are sorted in.
    let found = LEAVES.binary_search_by(|(p, ..)| (*p).cmp(dotted));
    found.ok().map(|i| (LEAVES[i].1, &LEAVES[i].2))
}

/// The properties an object at a dotted path must hold, for every
/// provider (`model`: `provider`), or none.
pub fn required(dotted: &str) -> &'static [&'static str] {
    REQUIRED
        .binary_search_by(|(p, _)| (*p).cmp(dotted))
        .map_or(&[], |i| REQUIRED[i].1)
}

/// Whether either table has anything at or inside the top-level property
/// `key`: the free-form `variableValues` and `metadata` have nothing, and
/// their keys need no lookups.
pub fn knows_inside(key: &str) -> bool {
    TOPS.binary_search(&key).is_ok()
}

/// The top-level properties the tables below have paths in, sorted (a test
/// derives it from them).
const TOPS: [&str; 14] = [
    "analysisPlan",
    "artifactPlan",
    "backgroundSpeechDenoisingPlan",
    "compliancePlan",
    "keypadInputPlan",
    "model",
    "monitorPlan",
    "observabilityPlan",
    "server",
    "startSpeakingPlan",
    "stopSpeakingPlan",
    "transcriber",
    "voice",
    "voicemailDetection",
];

/// Objects of one to four segments whose every branch requires these
/// properties, sorted segment by segment. Generated; see the module doc.
pub const REQUIRED: &[(&str, &[&str])] = &[
    ("analysisPlan.structuredDataPlan.schema", &["type"]),
    ("analysisPlan.structuredDataPlan.schema.items", &["type"]),
    ("compliancePlan.recordingConsentPlan", &["message", "type"]),
    ("compliancePlan.recordingConsentPlan.voice", &["provider"]),
    (
        "compliancePlan.recordingConsentPlan.voice.fallbackPlan",
        &["voices"],
    ),
    ("model", &["provider"]),
    ("model.knowledgeBase", &["provider", "server"]),
    (
        "model.knowledgeBase.server.backoffPlan",
        &["baseDelaySeconds", "maxRetries", "type"],
    ),
    ("model.realtimeConfig.speechConfig", &["voiceConfig"]),
    (
        "model.realtimeConfig.speechConfig.voiceConfig",
        &["prebuiltVoiceConfig"],
    ),
    ("model.thinking", &["budgetTokens", "type"]),
    ("model.workflow", &["edges", "name", "nodes"]),
    (
        "model.workflow.compliancePlan.recordingConsentPlan",
        &["message", "type"],
    ),
    ("model.workflow.model", &["model", "provider"]),
    ("model.workflow.model.thinking", &["budgetTokens", "type"]),
    ("model.workflow.observabilityPlan", &["provider", "tags"]),
    (
        "model.workflow.server.backoffPlan",
        &["baseDelaySeconds", "maxRetries", "type"],
    ),
    (
        "model.workflow.startSpeakingPlan.smartEndpointingPlan",
        &["provider"],
    ),
    ("model.workflow.transcriber", &["provider"]),
    (
        "model.workflow.transcriber.customVocabularyConfig",
        &["vocabulary"],
    ),
    ("model.workflow.voice", &["provider"]),
    ("model.workflow.voice.fallbackPlan", &["voices"]),
    ("model.workflow.voicemailDetection", &["provider"]),
    ("observabilityPlan", &["provider", "tags"]),
    (
        "server.backoffPlan",
        &["baseDelaySeconds", "maxRetries", "type"],
    ),
    ("startSpeakingPlan.smartEndpointingPlan", &["provider"]),
    (
        "startSpeakingPlan.smartEndpointingPlan.server.backoffPlan",
        &["baseDelaySeconds", "maxRetries", "type"],
    ),
    ("transcriber", &["provider"]),
    ("transcriber.customVocabularyConfig", &["vocabulary"]),
    (
        "transcriber.server.backoffPlan",
        &["baseDelaySeconds", "maxRetries", "type"],
    ),
    ("voice", &["provider"]),
    ("voice.fallbackPlan", &["voices"]),
    (
        "voice.server.backoffPlan",
        &["baseDelaySeconds", "maxRetries", "type"],
    ),
    ("voicemailDetection", &["provider"]),
];

/// Every typed path of two to four segments, sorted. Generated; see the module doc.
pub const LEAVES: &[(&str, Leaf, Limits)] = &[
    (
        "analysisPlan.minMessagesThreshold",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            ..ANY
        },
    ),
    ("analysisPlan.outcomeIds", Leaf::Array, ANY),
    ("analysisPlan.structuredDataMultiPlan", Leaf::Array, ANY),
    ("analysisPlan.structuredDataPlan", Leaf::Object, ANY),
    (
        "analysisPlan.structuredDataPlan.enabled",
        Leaf::Boolean,
        ANY,
    ),
    ("analysisPlan.structuredDataPlan.messages", Leaf::Array, ANY),
    ("analysisPlan.structuredDataPlan.schema", Leaf::Object, ANY),
    (
        "analysisPlan.structuredDataPlan.schema.description",
        Leaf::Text,
        ANY,
    ),
    (
        "analysisPlan.structuredDataPlan.schema.enum",
        Leaf::Array,
        ANY,
    ),
    (
        "analysisPlan.structuredDataPlan.schema.format",
        Leaf::Text,
        Limits {
            words: &[
                "date",
                "date-time",
                "duration",
                "email",
                "hostname",
                "ipv4",
                "ipv6",
                "time",
                "uuid",
            ],
            ..ANY
        },
    ),
    (
        "analysisPlan.structuredDataPlan.schema.items",
        Leaf::Object,
        ANY,
    ),
    (
        "analysisPlan.structuredDataPlan.schema.pattern",
        Leaf::Text,
        ANY,
    ),
    (
        "analysisPlan.structuredDataPlan.schema.properties",
        Leaf::Object,
        ANY,
    ),
    (
        "analysisPlan.structuredDataPlan.schema.required",
        Leaf::Array,
        ANY,
    ),
    (
        "analysisPlan.structuredDataPlan.schema.title",
        Leaf::Text,
        ANY,
    ),
    (
        "analysisPlan.structuredDataPlan.schema.type",
        Leaf::Text,
        Limits {
            words: &["array", "boolean", "integer", "number", "object", "string"],
            ..ANY
        },
    ),
    (
        "analysisPlan.structuredDataPlan.timeoutSeconds",
        Leaf::Number,
        Limits {
            min: Some(1.0),
            max: Some(60.0),
            ..ANY
        },
    ),
    ("analysisPlan.successEvaluationPlan", Leaf::Object, ANY),
    (
        "analysisPlan.successEvaluationPlan.enabled",
        Leaf::Boolean,
        ANY,
    ),
    (
        "analysisPlan.successEvaluationPlan.messages",
        Leaf::Array,
        ANY,
    ),
    (
        "analysisPlan.successEvaluationPlan.rubric",
        Leaf::Text,
        Limits {
            words: &[
                "AutomaticRubric",
                "Checklist",
                "DescriptiveScale",
                "LikertScale",
                "Matrix",
                "NumericScale",
                "PassFail",
                "PercentageScale",
            ],
            ..ANY
        },
    ),
    (
        "analysisPlan.successEvaluationPlan.timeoutSeconds",
        Leaf::Number,
        Limits {
            min: Some(1.0),
            max: Some(60.0),
            ..ANY
        },
    ),
    ("analysisPlan.summaryPlan", Leaf::Object, ANY),
    ("analysisPlan.summaryPlan.enabled", Leaf::Boolean, ANY),
    ("analysisPlan.summaryPlan.messages", Leaf::Array, ANY),
    (
        "analysisPlan.summaryPlan.timeoutSeconds",
        Leaf::Number,
        Limits {
            min: Some(1.0),
            max: Some(60.0),
            ..ANY
        },
    ),
    ("artifactPlan.fullMessageHistoryEnabled", Leaf::Boolean, ANY),
    ("artifactPlan.loggingEnabled", Leaf::Boolean, ANY),
    ("artifactPlan.loggingPath", Leaf::Text, ANY),
    (
        "artifactPlan.loggingUseCustomStorageEnabled",
        Leaf::Boolean,
        ANY,
    ),
    ("artifactPlan.pcapEnabled", Leaf::Boolean, ANY),
    ("artifactPlan.pcapS3PathPrefix", Leaf::Text, ANY),
    (
        "artifactPlan.pcapUseCustomStorageEnabled",
        Leaf::Boolean,
        ANY,
    ),
    ("artifactPlan.recordingEnabled", Leaf::Boolean, ANY),
    (
        "artifactPlan.recordingFormat",
        Leaf::Text,
        Limits {
            words: &["mp3", "wav;l16"],
            ..ANY
        },
    ),
    ("artifactPlan.recordingPath", Leaf::Text, ANY),
    (
        "artifactPlan.recordingUseCustomStorageEnabled",
        Leaf::Boolean,
        ANY,
    ),
    ("artifactPlan.scorecardIds", Leaf::Array, ANY),
    ("artifactPlan.scorecards", Leaf::Array, ANY),
    ("artifactPlan.structuredOutputIds", Leaf::Array, ANY),
    ("artifactPlan.structuredOutputs", Leaf::Array, ANY),
    ("artifactPlan.transcriptPlan", Leaf::Object, ANY),
    ("artifactPlan.transcriptPlan.assistantName", Leaf::Text, ANY),
    ("artifactPlan.transcriptPlan.enabled", Leaf::Boolean, ANY),
    ("artifactPlan.transcriptPlan.userName", Leaf::Text, ANY),
    ("artifactPlan.videoRecordingEnabled", Leaf::Boolean, ANY),
    (
        "backgroundSpeechDenoisingPlan.fourierDenoisingPlan",
        Leaf::Object,
        ANY,
    ),
    (
        "backgroundSpeechDenoisingPlan.fourierDenoisingPlan.baselineOffsetDb",
        Leaf::Number,
        Limits {
            min: Some(-30.0),
            max: Some(-5.0),
            ..ANY
        },
    ),
    (
        "backgroundSpeechDenoisingPlan.fourierDenoisingPlan.baselinePercentile",
        Leaf::Number,
        Limits {
            min: Some(1.0),
            max: Some(99.0),
            ..ANY
        },
    ),
    (
        "backgroundSpeechDenoisingPlan.fourierDenoisingPlan.enabled",
        Leaf::Boolean,
        ANY,
    ),
    (
        "backgroundSpeechDenoisingPlan.fourierDenoisingPlan.mediaDetectionEnabled",
        Leaf::Boolean,
        ANY,
    ),
    (
        "backgroundSpeechDenoisingPlan.fourierDenoisingPlan.staticThreshold",
        Leaf::Number,
        Limits {
            min: Some(-80.0),
            max: Some(0.0),
            ..ANY
        },
    ),
    (
        "backgroundSpeechDenoisingPlan.fourierDenoisingPlan.windowSizeMs",
        Leaf::Number,
        Limits {
            min: Some(1000.0),
            max: Some(30000.0),
            ..ANY
        },
    ),
    (
        "backgroundSpeechDenoisingPlan.smartDenoisingPlan",
        Leaf::Object,
        ANY,
    ),
    (
        "backgroundSpeechDenoisingPlan.smartDenoisingPlan.enabled",
        Leaf::Boolean,
        ANY,
    ),
    ("compliancePlan.hipaaEnabled", Leaf::Boolean, ANY),
    ("compliancePlan.pciEnabled", Leaf::Boolean, ANY),
    ("compliancePlan.recordingConsentPlan", Leaf::Object, ANY),
    (
        "compliancePlan.recordingConsentPlan.declineTool",
        Leaf::Object,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.declineToolId",
        Leaf::Text,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.firstMessageMode",
        Leaf::Text,
        Limits {
            words: &["assistant-speaks-first", "assistant-waits-for-user"],
            ..ANY
        },
    ),
    (
        "compliancePlan.recordingConsentPlan.message",
        Leaf::Text,
        Limits {
            max_chars: Some(1000),
            ..ANY
        },
    ),
    (
        "compliancePlan.recordingConsentPlan.type",
        Leaf::Text,
        Limits {
            words: &["stay-on-line", "verbal"],
            ..ANY
        },
    ),
    (
        "compliancePlan.recordingConsentPlan.voice",
        Leaf::Object,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.autoMode",
        Leaf::Boolean,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.cachingEnabled",
        Leaf::Boolean,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.callbackUrl",
        Leaf::Text,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.chunkPlan",
        Leaf::Object,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.conversationName",
        Leaf::Text,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.conversationalContext",
        Leaf::Text,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.customGreeting",
        Leaf::Text,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.description",
        Leaf::Text,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.emotion",
        Leaf::Text,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.enableSsml",
        Leaf::Boolean,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.enableSsmlParsing",
        Leaf::Boolean,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.experimentalControls",
        Leaf::Object,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.fallbackPlan",
        Leaf::Object,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.generationConfig",
        Leaf::Object,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.inlineSpeedAlpha",
        Leaf::Text,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.instructions",
        Leaf::Text,
        Limits {
            max_chars: Some(10000),
            ..ANY
        },
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.isCustomHumeVoice",
        Leaf::Boolean,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.languageBoost",
        Leaf::Text,
        Limits {
            words: &[
                "Afrikaans",
                "Arabic",
                "Bulgarian",
                "Catalan",
                "Chinese",
                "Chinese,Yue",
                "Croatian",
                "Czech",
                "Danish",
                "Dutch",
                "English",
                "Filipino",
                "Finnish",
                "French",
                "German",
                "Greek",
                "Hebrew",
                "Hindi",
                "Hungarian",
                "Indonesian",
                "Italian",
                "Japanese",
                "Korean",
                "Malay",
                "Norwegian",
                "Nynorsk",
                "Persian",
                "Polish",
                "Portuguese",
                "Romanian",
                "Russian",
                "Slovak",
                "Slovenian",
                "Spanish",
                "Swedish",
                "Tamil",
                "Thai",
                "Turkish",
                "Ukrainian",
                "Vietnamese",
                "auto",
            ],
            ..ANY
        },
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.languageCode",
        Leaf::Text,
        Limits {
            words: &[
                "ar", "de", "en", "es", "fr", "he", "hi", "it", "ja", "ko", "nl", "pl", "pt", "ru",
                "zh",
            ],
            ..ANY
        },
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.libraryIds",
        Leaf::Array,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.mipOptOut",
        Leaf::Boolean,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.model",
        Leaf::Text,
        Limits {
            words: &[
                "Play3.0-mini",
                "PlayDialog",
                "PlayHT2.0",
                "PlayHT2.0-turbo",
                "arcana",
                "aura",
                "aura-2",
                "caruso",
                "csm-1b",
                "eleven_flash_v2",
                "eleven_flash_v2_5",
                "eleven_monolingual_v1",
                "eleven_multilingual_v2",
                "eleven_turbo_v2",
                "eleven_turbo_v2_5",
                "eleven_v3",
                "gpt-4o-mini-tts",
                "inworld-tts-1",
                "legacy",
                "lightning",
                "mist",
                "mistv2",
                "neu_fast",
                "neu_hq",
                "octave",
                "octave2",
                "sonic",
                "sonic-2",
                "sonic-2-2025-06-11",
                "sonic-3",
                "sonic-3-2025-10-27",
                "sonic-3-2026-01-12",
                "sonic-3.5",
                "sonic-3.5-2026-05-04",
                "sonic-english",
                "sonic-multilingual",
                "sonic-preview",
                "speech-02-hd",
                "speech-02-turbo",
                "speech-2.5-turbo-preview",
                "tts-1",
                "tts-1-hd",
            ],
            ..ANY
        },
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.optimizeStreamingLatency",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(4.0),
            ..ANY
        },
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.pauseBetweenBrackets",
        Leaf::Boolean,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.personaId",
        Leaf::Text,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.phonemizeBetweenBrackets",
        Leaf::Boolean,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.pitch",
        Leaf::Number,
        Limits {
            min: Some(-12.0),
            max: Some(12.0),
            ..ANY
        },
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.pronunciationDictId",
        Leaf::Text,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.pronunciationDictionary",
        Leaf::Array,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.pronunciationDictionaryLocators",
        Leaf::Array,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.properties",
        Leaf::Object,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.provider",
        Leaf::Text,
        Limits {
            words: &[
                "11labs",
                "azure",
                "cartesia",
                "custom-voice",
                "deepgram",
                "hume",
                "inworld",
                "lmnt",
                "microsoft",
                "minimax",
                "neuphonic",
                "openai",
                "playht",
                "rime-ai",
                "sesame",
                "smallest-ai",
                "tavus",
                "vapi",
                "wellsaid",
                "xai",
            ],
            ..ANY
        },
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.reduceLatency",
        Leaf::Boolean,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.region",
        Leaf::Text,
        Limits {
            words: &["china", "worldwide"],
            ..ANY
        },
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.role",
        Leaf::Text,
        Limits {
            words: &[
                "Boy",
                "Girl",
                "OlderAdultFemale",
                "OlderAdultMale",
                "SeniorFemale",
                "SeniorMale",
                "YoungAdultFemale",
                "YoungAdultMale",
            ],
            ..ANY
        },
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.server",
        Leaf::Object,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.similarityBoost",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(1.0),
            ..ANY
        },
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.speakingRate",
        Leaf::Number,
        Limits {
            min: Some(0.5),
            max: Some(1.5),
            ..ANY
        },
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.speed",
        Leaf::Number,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.stability",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(1.0),
            ..ANY
        },
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.style",
        Leaf::NumberOrWord,
        Limits {
            min: Some(0.0),
            max: Some(1.0),
            words: &[
                "adventurous",
                "angry",
                "caring",
                "cheerful",
                "confused",
                "curious",
                "determined",
                "disappointed",
                "disgusted",
                "embarrassed",
                "empathy",
                "encouraging",
                "excited",
                "fearful",
                "friendly",
                "happy",
                "hopeful",
                "jealous",
                "joyful",
                "nostalgic",
                "reflective",
                "regretful",
                "relieved",
                "sad",
                "serious",
                "shouting",
                "softvoice",
                "surprised",
                "whispering",
            ],
            ..ANY
        },
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.styleDegree",
        Leaf::Number,
        Limits {
            min: Some(0.01),
            max: Some(2.0),
            ..ANY
        },
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.styleGuidance",
        Leaf::Number,
        Limits {
            min: Some(1.0),
            max: Some(30.0),
            ..ANY
        },
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.subtitleType",
        Leaf::Text,
        Limits {
            words: &["sentence", "word"],
            ..ANY
        },
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.temperature",
        Leaf::Number,
        Limits {
            min: Some(0.1),
            max: Some(2.0),
            ..ANY
        },
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.textGuidance",
        Leaf::Number,
        Limits {
            min: Some(1.0),
            max: Some(2.0),
            ..ANY
        },
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.textNormalizationEnabled",
        Leaf::Boolean,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.useSpeakerBoost",
        Leaf::Boolean,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.version",
        Leaf::NumberOrWord,
        Limits {
            words: &["1", "2", "latest"],
            ..ANY
        },
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.voiceGuidance",
        Leaf::Number,
        Limits {
            min: Some(1.0),
            max: Some(6.0),
            ..ANY
        },
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.voiceId",
        Leaf::Text,
        ANY,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.volume",
        Leaf::Number,
        Limits {
            min: Some(0.5),
            max: Some(2.0),
            ..ANY
        },
    ),
    (
        "compliancePlan.recordingConsentPlan.waitSeconds",
        Leaf::Number,
        Limits {
            min: Some(1.0),
            max: Some(6.0),
            ..ANY
        },
    ),
    ("compliancePlan.securityFilterPlan", Leaf::Object, ANY),
    (
        "compliancePlan.securityFilterPlan.enabled",
        Leaf::Boolean,
        ANY,
    ),
    (
        "compliancePlan.securityFilterPlan.filters",
        Leaf::Array,
        ANY,
    ),
    (
        "compliancePlan.securityFilterPlan.mode",
        Leaf::Text,
        Limits {
            words: &["reject", "replace", "sanitize"],
            ..ANY
        },
    ),
    (
        "compliancePlan.securityFilterPlan.replacementText",
        Leaf::Text,
        ANY,
    ),
    (
        "keypadInputPlan.delimiters",
        Leaf::Text,
        Limits {
            words: &["", "#", "*"],
            ..ANY
        },
    ),
    ("keypadInputPlan.enabled", Leaf::Boolean, ANY),
    (
        "keypadInputPlan.timeoutSeconds",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(10.0),
            ..ANY
        },
    ),
    ("model.emotionRecognitionEnabled", Leaf::Boolean, ANY),
    ("model.fallbackModels", Leaf::Array, ANY),
    ("model.headers", Leaf::Object, ANY),
    ("model.knowledgeBase", Leaf::Object, ANY),
    (
        "model.knowledgeBase.provider",
        Leaf::Text,
        Limits {
            words: &["custom-knowledge-base"],
            ..ANY
        },
    ),
    ("model.knowledgeBase.server", Leaf::Object, ANY),
    ("model.knowledgeBase.server.backoffPlan", Leaf::Object, ANY),
    ("model.knowledgeBase.server.credentialId", Leaf::Text, ANY),
    (
        "model.knowledgeBase.server.encryptedPaths",
        Leaf::Array,
        ANY,
    ),
    ("model.knowledgeBase.server.headers", Leaf::Object, ANY),
    (
        "model.knowledgeBase.server.staticIpAddressesEnabled",
        Leaf::Boolean,
        ANY,
    ),
    (
        "model.knowledgeBase.server.timeoutSeconds",
        Leaf::Number,
        Limits {
            min: Some(1.0),
            max: Some(300.0),
            ..ANY
        },
    ),
    ("model.knowledgeBase.server.url", Leaf::Text, ANY),
    (
        "model.maxTokens",
        Leaf::Number,
        Limits {
            min: Some(50.0),
            max: Some(10000.0),
            ..ANY
        },
    ),
    ("model.messages", Leaf::Array, ANY),
    (
        "model.metadataSendMode",
        Leaf::Text,
        Limits {
            words: &["destructured", "off", "variable"],
            ..ANY
        },
    ),
    ("model.model", Leaf::Text, ANY),
    (
        "model.numFastTurns",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            ..ANY
        },
    ),
    (
        "model.promptCacheKey",
        Leaf::Text,
        Limits {
            max_chars: Some(64),
            ..ANY
        },
    ),
    (
        "model.promptCacheRetention",
        Leaf::Text,
        Limits {
            words: &["24h", "in_memory"],
            ..ANY
        },
    ),
    (
        "model.provider",
        Leaf::Text,
        Limits {
            words: &[
                "anthropic",
                "anthropic-bedrock",
                "anyscale",
                "cerebras",
                "custom-llm",
                "deep-seek",
                "deepinfra",
                "google",
                "groq",
                "inflection-ai",
                "minimax",
                "openai",
                "openrouter",
                "perplexity-ai",
                "together-ai",
                "vapi",
                "xai",
            ],
            ..ANY
        },
    ),
    ("model.realtimeConfig", Leaf::Object, ANY),
    ("model.realtimeConfig.frequencyPenalty", Leaf::Number, ANY),
    ("model.realtimeConfig.presencePenalty", Leaf::Number, ANY),
    ("model.realtimeConfig.speechConfig", Leaf::Object, ANY),
    (
        "model.realtimeConfig.speechConfig.voiceConfig",
        Leaf::Object,
        ANY,
    ),
    ("model.realtimeConfig.topK", Leaf::Number, ANY),
    ("model.realtimeConfig.topP", Leaf::Number, ANY),
    (
        "model.reasoningEffort",
        Leaf::Text,
        Limits {
            words: &["high", "low", "medium", "minimal", "none", "xhigh"],
            ..ANY
        },
    ),
    (
        "model.temperature",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(2.0),
            ..ANY
        },
    ),
    ("model.thinking", Leaf::Object, ANY),
    (
        "model.thinking.budgetTokens",
        Leaf::Number,
        Limits {
            min: Some(1024.0),
            max: Some(100000.0),
            ..ANY
        },
    ),
    (
        "model.thinking.type",
        Leaf::Text,
        Limits {
            words: &["enabled"],
            ..ANY
        },
    ),
    (
        "model.timeoutSeconds",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(300.0),
            ..ANY
        },
    ),
    ("model.toolIds", Leaf::Array, ANY),
    ("model.toolRefs", Leaf::Array, ANY),
    (
        "model.toolStrictCompatibilityMode",
        Leaf::Text,
        Limits {
            words: &[
                "strip-parameters-with-unsupported-validation",
                "strip-unsupported-validation",
            ],
            ..ANY
        },
    ),
    ("model.tools", Leaf::Array, ANY),
    ("model.url", Leaf::Text, ANY),
    (
        "model.version",
        Leaf::Text,
        Limits {
            words: &["1", "latest"],
            ..ANY
        },
    ),
    ("model.wordLevelConfidenceEnabled", Leaf::Boolean, ANY),
    ("model.workflow", Leaf::Object, ANY),
    ("model.workflow.analysisPlan", Leaf::Object, ANY),
    (
        "model.workflow.analysisPlan.minMessagesThreshold",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            ..ANY
        },
    ),
    ("model.workflow.analysisPlan.outcomeIds", Leaf::Array, ANY),
    (
        "model.workflow.analysisPlan.structuredDataMultiPlan",
        Leaf::Array,
        ANY,
    ),
    (
        "model.workflow.analysisPlan.structuredDataPlan",
        Leaf::Object,
        ANY,
    ),
    (
        "model.workflow.analysisPlan.successEvaluationPlan",
        Leaf::Object,
        ANY,
    ),
    ("model.workflow.analysisPlan.summaryPlan", Leaf::Object, ANY),
    ("model.workflow.artifactPlan", Leaf::Object, ANY),
    (
        "model.workflow.artifactPlan.fullMessageHistoryEnabled",
        Leaf::Boolean,
        ANY,
    ),
    (
        "model.workflow.artifactPlan.loggingEnabled",
        Leaf::Boolean,
        ANY,
    ),
    ("model.workflow.artifactPlan.loggingPath", Leaf::Text, ANY),
    (
        "model.workflow.artifactPlan.loggingUseCustomStorageEnabled",
        Leaf::Boolean,
        ANY,
    ),
    (
        "model.workflow.artifactPlan.pcapEnabled",
        Leaf::Boolean,
        ANY,
    ),
    (
        "model.workflow.artifactPlan.pcapS3PathPrefix",
        Leaf::Text,
        ANY,
    ),
    (
        "model.workflow.artifactPlan.pcapUseCustomStorageEnabled",
        Leaf::Boolean,
        ANY,
    ),
    (
        "model.workflow.artifactPlan.recordingEnabled",
        Leaf::Boolean,
        ANY,
    ),
    (
        "model.workflow.artifactPlan.recordingFormat",
        Leaf::Text,
        Limits {
            words: &["mp3", "wav;l16"],
            ..ANY
        },
    ),
    ("model.workflow.artifactPlan.recordingPath", Leaf::Text, ANY),
    (
        "model.workflow.artifactPlan.recordingUseCustomStorageEnabled",
        Leaf::Boolean,
        ANY,
    ),
    ("model.workflow.artifactPlan.scorecardIds", Leaf::Array, ANY),
    ("model.workflow.artifactPlan.scorecards", Leaf::Array, ANY),
    (
        "model.workflow.artifactPlan.structuredOutputIds",
        Leaf::Array,
        ANY,
    ),
    (
        "model.workflow.artifactPlan.structuredOutputs",
        Leaf::Array,
        ANY,
    ),
    (
        "model.workflow.artifactPlan.transcriptPlan",
        Leaf::Object,
        ANY,
    ),
    (
        "model.workflow.artifactPlan.videoRecordingEnabled",
        Leaf::Boolean,
        ANY,
    ),
    ("model.workflow.backgroundSound", Leaf::Text, ANY),
    (
        "model.workflow.backgroundSpeechDenoisingPlan",
        Leaf::Object,
        ANY,
    ),
    (
        "model.workflow.backgroundSpeechDenoisingPlan.fourierDenoisingPlan",
        Leaf::Object,
        ANY,
    ),
    (
        "model.workflow.backgroundSpeechDenoisingPlan.smartDenoisingPlan",
        Leaf::Object,
        ANY,
    ),
    ("model.workflow.compliancePlan", Leaf::Object, ANY),
    (
        "model.workflow.compliancePlan.hipaaEnabled",
        Leaf::Boolean,
        ANY,
    ),
    (
        "model.workflow.compliancePlan.pciEnabled",
        Leaf::Boolean,
        ANY,
    ),
    (
        "model.workflow.compliancePlan.recordingConsentPlan",
        Leaf::Object,
        ANY,
    ),
    (
        "model.workflow.compliancePlan.securityFilterPlan",
        Leaf::Object,
        ANY,
    ),
    ("model.workflow.credentialIds", Leaf::Array, ANY),
    ("model.workflow.credentials", Leaf::Array, ANY),
    ("model.workflow.edges", Leaf::Array, ANY),
    (
        "model.workflow.globalPrompt",
        Leaf::Text,
        Limits {
            max_chars: Some(5000),
            ..ANY
        },
    ),
    ("model.workflow.hooks", Leaf::Array, ANY),
    ("model.workflow.keypadInputPlan", Leaf::Object, ANY),
    (
        "model.workflow.keypadInputPlan.delimiters",
        Leaf::Text,
        Limits {
            words: &["", "#", "*"],
            ..ANY
        },
    ),
    ("model.workflow.keypadInputPlan.enabled", Leaf::Boolean, ANY),
    (
        "model.workflow.keypadInputPlan.timeoutSeconds",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(10.0),
            ..ANY
        },
    ),
    (
        "model.workflow.maxDurationSeconds",
        Leaf::Number,
        Limits {
            min: Some(10.0),
            max: Some(43200.0),
            ..ANY
        },
    ),
    ("model.workflow.model", Leaf::Object, ANY),
    ("model.workflow.model.headers", Leaf::Object, ANY),
    (
        "model.workflow.model.maxTokens",
        Leaf::Number,
        Limits {
            min: Some(50.0),
            max: Some(10000.0),
            ..ANY
        },
    ),
    ("model.workflow.model.messages", Leaf::Array, ANY),
    (
        "model.workflow.model.metadataSendMode",
        Leaf::Text,
        Limits {
            words: &["destructured", "off", "variable"],
            ..ANY
        },
    ),
    (
        "model.workflow.model.model",
        Leaf::Text,
        Limits {
            max_chars: Some(100),
            ..ANY
        },
    ),
    (
        "model.workflow.model.provider",
        Leaf::Text,
        Limits {
            words: &[
                "anthropic",
                "anthropic-bedrock",
                "custom-llm",
                "google",
                "openai",
            ],
            ..ANY
        },
    ),
    (
        "model.workflow.model.temperature",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(2.0),
            ..ANY
        },
    ),
    ("model.workflow.model.thinking", Leaf::Object, ANY),
    (
        "model.workflow.model.timeoutSeconds",
        Leaf::Number,
        Limits {
            min: Some(20.0),
            max: Some(600.0),
            ..ANY
        },
    ),
    ("model.workflow.model.url", Leaf::Text, ANY),
    ("model.workflow.monitorPlan", Leaf::Object, ANY),
    (
        "model.workflow.monitorPlan.controlAuthenticationEnabled",
        Leaf::Boolean,
        ANY,
    ),
    (
        "model.workflow.monitorPlan.controlEnabled",
        Leaf::Boolean,
        ANY,
    ),
    (
        "model.workflow.monitorPlan.listenAuthenticationEnabled",
        Leaf::Boolean,
        ANY,
    ),
    (
        "model.workflow.monitorPlan.listenEnabled",
        Leaf::Boolean,
        ANY,
    ),
    ("model.workflow.monitorPlan.monitorIds", Leaf::Array, ANY),
    (
        "model.workflow.name",
        Leaf::Text,
        Limits {
            max_chars: Some(80),
            ..ANY
        },
    ),
    ("model.workflow.nodes", Leaf::Array, ANY),
    ("model.workflow.observabilityPlan", Leaf::Object, ANY),
    (
        "model.workflow.observabilityPlan.metadata",
        Leaf::Object,
        ANY,
    ),
    (
        "model.workflow.observabilityPlan.promptName",
        Leaf::Text,
        ANY,
    ),
    (
        "model.workflow.observabilityPlan.promptVersion",
        Leaf::Number,
        Limits {
            min: Some(1.0),
            ..ANY
        },
    ),
    (
        "model.workflow.observabilityPlan.provider",
        Leaf::Text,
        Limits {
            words: &["langfuse"],
            ..ANY
        },
    ),
    ("model.workflow.observabilityPlan.tags", Leaf::Array, ANY),
    (
        "model.workflow.observabilityPlan.traceName",
        Leaf::Text,
        ANY,
    ),
    ("model.workflow.server", Leaf::Object, ANY),
    ("model.workflow.server.backoffPlan", Leaf::Object, ANY),
    ("model.workflow.server.credentialId", Leaf::Text, ANY),
    ("model.workflow.server.encryptedPaths", Leaf::Array, ANY),
    ("model.workflow.server.headers", Leaf::Object, ANY),
    (
        "model.workflow.server.staticIpAddressesEnabled",
        Leaf::Boolean,
        ANY,
    ),
    (
        "model.workflow.server.timeoutSeconds",
        Leaf::Number,
        Limits {
            min: Some(1.0),
            max: Some(300.0),
            ..ANY
        },
    ),
    ("model.workflow.server.url", Leaf::Text, ANY),
    ("model.workflow.startSpeakingPlan", Leaf::Object, ANY),
    (
        "model.workflow.startSpeakingPlan.customEndpointingRules",
        Leaf::Array,
        ANY,
    ),
    (
        "model.workflow.startSpeakingPlan.smartEndpointingEnabled",
        Leaf::BooleanOrWord,
        Limits {
            words: &["livekit"],
            ..ANY
        },
    ),
    (
        "model.workflow.startSpeakingPlan.smartEndpointingPlan",
        Leaf::Object,
        ANY,
    ),
    (
        "model.workflow.startSpeakingPlan.transcriptionEndpointingPlan",
        Leaf::Object,
        ANY,
    ),
    (
        "model.workflow.startSpeakingPlan.waitSeconds",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(5.0),
            ..ANY
        },
    ),
    ("model.workflow.stopSpeakingPlan", Leaf::Object, ANY),
    (
        "model.workflow.stopSpeakingPlan.acknowledgementPhrases",
        Leaf::Array,
        ANY,
    ),
    (
        "model.workflow.stopSpeakingPlan.backoffSeconds",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(10.0),
            ..ANY
        },
    ),
    (
        "model.workflow.stopSpeakingPlan.interruptionPhrases",
        Leaf::Array,
        ANY,
    ),
    (
        "model.workflow.stopSpeakingPlan.numWords",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(10.0),
            ..ANY
        },
    ),
    (
        "model.workflow.stopSpeakingPlan.voiceSeconds",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(0.5),
            ..ANY
        },
    ),
    ("model.workflow.transcriber", Leaf::Object, ANY),
    (
        "model.workflow.transcriber.agentContext",
        Leaf::Text,
        Limits {
            max_chars: Some(1750),
            ..ANY
        },
    ),
    (
        "model.workflow.transcriber.audioEnhancer",
        Leaf::Boolean,
        ANY,
    ),
    (
        "model.workflow.transcriber.confidenceThreshold",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(1.0),
            ..ANY
        },
    ),
    (
        "model.workflow.transcriber.contextGeneral",
        Leaf::Array,
        ANY,
    ),
    (
        "model.workflow.transcriber.customVocabulary",
        Leaf::Array,
        ANY,
    ),
    (
        "model.workflow.transcriber.customVocabularyConfig",
        Leaf::Object,
        ANY,
    ),
    (
        "model.workflow.transcriber.customVocabularyEnabled",
        Leaf::Boolean,
        ANY,
    ),
    (
        "model.workflow.transcriber.disablePartialTranscripts",
        Leaf::Boolean,
        ANY,
    ),
    (
        "model.workflow.transcriber.enableDiarization",
        Leaf::Boolean,
        ANY,
    ),
    (
        "model.workflow.transcriber.endOfTurnConfidenceThreshold",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(1.0),
            ..ANY
        },
    ),
    (
        "model.workflow.transcriber.endOfTurnSensitivity",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(1.0),
            ..ANY
        },
    ),
    (
        "model.workflow.transcriber.endUtteranceSilenceThreshold",
        Leaf::Number,
        ANY,
    ),
    (
        "model.workflow.transcriber.endpointing",
        Leaf::Number,
        Limits {
            min: Some(0.01),
            max: Some(500.0),
            ..ANY
        },
    ),
    (
        "model.workflow.transcriber.eotThreshold",
        Leaf::Number,
        Limits {
            min: Some(0.5),
            max: Some(0.9),
            ..ANY
        },
    ),
    (
        "model.workflow.transcriber.eotTimeoutMs",
        Leaf::Number,
        Limits {
            min: Some(500.0),
            max: Some(10000.0),
            ..ANY
        },
    ),
    ("model.workflow.transcriber.fallbackPlan", Leaf::Object, ANY),
    ("model.workflow.transcriber.formatTurns", Leaf::Boolean, ANY),
    ("model.workflow.transcriber.keyterm", Leaf::Array, ANY),
    (
        "model.workflow.transcriber.keytermsPrompt",
        Leaf::Array,
        ANY,
    ),
    ("model.workflow.transcriber.keywords", Leaf::Array, ANY),
    (
        "model.workflow.transcriber.language",
        Leaf::Text,
        Limits {
            words: &[
                "Arabic",
                "Bengali",
                "Bulgarian",
                "Chinese",
                "Croatian",
                "Czech",
                "Danish",
                "Dutch",
                "English",
                "Estonian",
                "Finnish",
                "French",
                "German",
                "Greek",
                "Hebrew",
                "Hindi",
                "Hungarian",
                "Indonesian",
                "Italian",
                "Japanese",
                "Korean",
                "Latvian",
                "Lithuanian",
                "Multilingual",
                "Norwegian",
                "Polish",
                "Portuguese",
                "Romanian",
                "Russian",
                "Serbian",
                "Slovak",
                "Slovenian",
                "Spanish",
                "Swahili",
                "Swedish",
                "Thai",
                "Turkish",
                "Ukrainian",
                "Vietnamese",
                "aa",
                "ab",
                "ae",
                "af",
                "af-ZA",
                "ak",
                "am",
                "am-ET",
                "an",
                "ar",
                "ar-AE",
                "ar-BH",
                "ar-DZ",
                "ar-EG",
                "ar-IL",
                "ar-IQ",
                "ar-JO",
                "ar-KW",
                "ar-LB",
                "ar-LY",
                "ar-MA",
                "ar-OM",
                "ar-PS",
                "ar-QA",
                "ar-SA",
                "ar-SY",
                "ar-TN",
                "ar-YE",
                "ar_en",
                "as",
                "auto",
                "av",
                "ay",
                "az",
                "az-AZ",
                "ba",
                "be",
                "bg",
                "bg-BG",
                "bh",
                "bi",
                "bm",
                "bn",
                "bn-IN",
                "bo",
                "br",
                "bs",
                "bs-BA",
                "ca",
                "ca-ES",
                "ce",
                "ch",
                "cmn",
                "cmn_en",
                "co",
                "cr",
                "cs",
                "cs-CZ",
                "cu",
                "cv",
                "cy",
                "cy-GB",
                "da",
                "da-DK",
                "de",
                "de-AT",
                "de-CH",
                "de-DE",
                "dv",
                "dz",
                "ee",
                "el",
                "el-GR",
                "en",
                "en-AU",
                "en-CA",
                "en-GB",
                "en-GH",
                "en-HK",
                "en-IE",
                "en-IN",
                "en-KE",
                "en-NG",
                "en-NZ",
                "en-PH",
                "en-SG",
                "en-TZ",
                "en-US",
                "en-ZA",
                "en_es",
                "en_ms",
                "en_ta",
                "eo",
                "es",
                "es-419",
                "es-AR",
                "es-BO",
                "es-CL",
                "es-CO",
                "es-CR",
                "es-CU",
                "es-DO",
                "es-EC",
                "es-ES",
                "es-GQ",
                "es-GT",
                "es-HN",
                "es-LATAM",
                "es-MX",
                "es-NI",
                "es-PA",
                "es-PE",
                "es-PR",
                "es-PY",
                "es-SV",
                "es-US",
                "es-UY",
                "es-VE",
                "et",
                "et-EE",
                "eu",
                "eu-ES",
                "fa",
                "fa-IR",
                "ff",
                "fi",
                "fi-FI",
                "fil",
                "fil-PH",
                "fj",
                "fo",
                "fr",
                "fr-BE",
                "fr-CA",
                "fr-CH",
                "fr-FR",
                "fy",
                "ga",
                "ga-IE",
                "gd",
                "gl",
                "gl-ES",
                "gn",
                "gu",
                "gu-IN",
                "gv",
                "ha",
                "haw",
                "he",
                "he-IL",
                "hi",
                "hi-IN",
                "hi-Latn",
                "ho",
                "hr",
                "hr-HR",
                "ht",
                "hu",
                "hu-HU",
                "hy",
                "hy-AM",
                "hz",
                "ia",
                "id",
                "id-ID",
                "ie",
                "ig",
                "ii",
                "ik",
                "io",
                "is",
                "is-IS",
                "it",
                "it-CH",
                "it-IT",
                "iu",
                "ja",
                "ja-JP",
                "jv",
                "jv-ID",
                "jw",
                "ka",
                "ka-GE",
                "kg",
                "ki",
                "kj",
                "kk",
                "kk-KZ",
                "kl",
                "km",
                "km-KH",
                "kn",
                "kn-IN",
                "ko",
                "ko-KR",
                "kr",
                "ks",
                "ku",
                "kv",
                "kw",
                "ky",
                "la",
                "lb",
                "lg",
                "li",
                "ln",
                "lo",
                "lo-LA",
                "lt",
                "lt-LT",
                "lu",
                "lv",
                "lv-LV",
                "mg",
                "mh",
                "mi",
                "mk",
                "mk-MK",
                "ml",
                "ml-IN",
                "mn",
                "mn-MN",
                "mr",
                "mr-IN",
                "ms",
                "ms-MY",
                "mt",
                "mt-MT",
                "multi",
                "my",
                "my-MM",
                "na",
                "nb",
                "nb-NO",
                "nd",
                "ne",
                "ne-NP",
                "ng",
                "nl",
                "nl-BE",
                "nl-NL",
                "nn",
                "no",
                "nr",
                "nv",
                "ny",
                "oc",
                "oj",
                "om",
                "or",
                "os",
                "pa",
                "pa-IN",
                "pi",
                "pl",
                "pl-PL",
                "ps",
                "ps-AF",
                "pt",
                "pt-BR",
                "pt-PT",
                "qu",
                "rm",
                "rn",
                "ro",
                "ro-RO",
                "ru",
                "ru-RU",
                "rw",
                "sa",
                "sc",
                "sd",
                "se",
                "sg",
                "si",
                "si-LK",
                "sk",
                "sk-SK",
                "sl",
                "sl-SI",
                "sm",
                "sn",
                "so",
                "so-SO",
                "sq",
                "sq-AL",
                "sr",
                "sr-RS",
                "ss",
                "st",
                "su",
                "sv",
                "sv-SE",
                "sw",
                "sw-KE",
                "sw-TZ",
                "ta",
                "ta-IN",
                "taq",
                "te",
                "te-IN",
                "tg",
                "th",
                "th-TH",
                "ti",
                "tk",
                "tl",
                "tn",
                "to",
                "tr",
                "tr-TR",
                "ts",
                "tt",
                "tw",
                "ty",
                "ug",
                "uk",
                "uk-UA",
                "ur",
                "ur-IN",
                "uz",
                "uz-UZ",
                "ve",
                "vi",
                "vi-VN",
                "vo",
                "wa",
                "wo",
                "wuu-CN",
                "xh",
                "yi",
                "yo",
                "yue",
                "yue-CN",
                "za",
                "zh",
                "zh-CN",
                "zh-CN-shandong",
                "zh-CN-sichuan",
                "zh-HK",
                "zh-Hans",
                "zh-Hant",
                "zh-TW",
                "zu",
                "zu-ZA",
            ],
            ..ANY
        },
    ),
    (
        "model.workflow.transcriber.languageBehaviour",
        Leaf::Text,
        Limits {
            words: &[
                "automatic multiple languages",
                "automatic single language",
                "manual",
            ],
            ..ANY
        },
    ),
    ("model.workflow.transcriber.languageCodes", Leaf::Array, ANY),
    (
        "model.workflow.transcriber.languageHintsStrict",
        Leaf::Boolean,
        ANY,
    ),
    ("model.workflow.transcriber.languages", Leaf::Array, ANY),
    (
        "model.workflow.transcriber.maxDelay",
        Leaf::Number,
        Limits {
            min: Some(500.0),
            max: Some(10000.0),
            ..ANY
        },
    ),
    (
        "model.workflow.transcriber.maxEndpointDelayMs",
        Leaf::Number,
        Limits {
            min: Some(500.0),
            max: Some(3000.0),
            ..ANY
        },
    ),
    (
        "model.workflow.transcriber.maxTurnSilence",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            ..ANY
        },
    ),
    (
        "model.workflow.transcriber.minEndOfTurnSilenceWhenConfident",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            ..ANY
        },
    ),
    (
        "model.workflow.transcriber.minSilenceDurationMs",
        Leaf::Number,
        Limits {
            min: Some(50.0),
            max: Some(2000.0),
            ..ANY
        },
    ),
    (
        "model.workflow.transcriber.minSpeechDurationMs",
        Leaf::Number,
        Limits {
            min: Some(50.0),
            max: Some(2000.0),
            ..ANY
        },
    ),
    (
        "model.workflow.transcriber.minimumSpeechDuration",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(5.0),
            ..ANY
        },
    ),
    ("model.workflow.transcriber.mipOptOut", Leaf::Boolean, ANY),
    (
        "model.workflow.transcriber.mode",
        Leaf::Text,
        Limits {
            words: &["balanced", "max_accuracy", "min_latency"],
            ..ANY
        },
    ),
    ("model.workflow.transcriber.model", Leaf::Text, ANY),
    (
        "model.workflow.transcriber.numeralStyle",
        Leaf::Text,
        Limits {
            words: &["spoken", "written"],
            ..ANY
        },
    ),
    ("model.workflow.transcriber.numerals", Leaf::Boolean, ANY),
    (
        "model.workflow.transcriber.operatingPoint",
        Leaf::Text,
        Limits {
            words: &["enhanced", "standard"],
            ..ANY
        },
    ),
    (
        "model.workflow.transcriber.profanityFilter",
        Leaf::Boolean,
        ANY,
    ),
    (
        "model.workflow.transcriber.prompt",
        Leaf::Text,
        Limits {
            max_chars: Some(1750),
            ..ANY
        },
    ),
    ("model.workflow.transcriber.prosody", Leaf::Boolean, ANY),
    (
        "model.workflow.transcriber.provider",
        Leaf::Text,
        Limits {
            words: &[
                "11labs",
                "assembly-ai",
                "azure",
                "cartesia",
                "custom-transcriber",
                "deepgram",
                "gladia",
                "google",
                "openai",
                "soniox",
                "speechmatics",
                "talkscriber",
                "vapi",
                "xai",
            ],
            ..ANY
        },
    ),
    ("model.workflow.transcriber.realtimeUrl", Leaf::Text, ANY),
    (
        "model.workflow.transcriber.receivePartialTranscripts",
        Leaf::Boolean,
        ANY,
    ),
    ("model.workflow.transcriber.redaction", Leaf::Array, ANY),
    (
        "model.workflow.transcriber.region",
        Leaf::Text,
        Limits {
            words: &["eu", "eu-west", "us", "us-west"],
            ..ANY
        },
    ),
    (
        "model.workflow.transcriber.removeDisfluencies",
        Leaf::Boolean,
        ANY,
    ),
    (
        "model.workflow.transcriber.segmentationMaximumTimeMs",
        Leaf::Number,
        Limits {
            min: Some(20000.0),
            max: Some(70000.0),
            ..ANY
        },
    ),
    (
        "model.workflow.transcriber.segmentationSilenceTimeoutMs",
        Leaf::Number,
        Limits {
            min: Some(100.0),
            max: Some(5000.0),
            ..ANY
        },
    ),
    (
        "model.workflow.transcriber.segmentationStrategy",
        Leaf::Text,
        Limits {
            words: &["Default", "Semantic", "Time"],
            ..ANY
        },
    ),
    ("model.workflow.transcriber.server", Leaf::Object, ANY),
    (
        "model.workflow.transcriber.silenceThresholdSeconds",
        Leaf::Number,
        Limits {
            min: Some(0.3),
            max: Some(3.0),
            ..ANY
        },
    ),
    ("model.workflow.transcriber.smartFormat", Leaf::Boolean, ANY),
    (
        "model.workflow.transcriber.speechModel",
        Leaf::Text,
        Limits {
            words: &[
                "universal-3-5-pro",
                "universal-streaming-english",
                "universal-streaming-multilingual",
            ],
            ..ANY
        },
    ),
    (
        "model.workflow.transcriber.speechThreshold",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(1.0),
            ..ANY
        },
    ),
    (
        "model.workflow.transcriber.transcriptionHint",
        Leaf::Text,
        Limits {
            max_chars: Some(600),
            ..ANY
        },
    ),
    (
        "model.workflow.transcriber.turnTaking",
        Leaf::Text,
        Limits {
            words: &["intelligent", "manual"],
            ..ANY
        },
    ),
    (
        "model.workflow.transcriber.vadAssistedEndpointingEnabled",
        Leaf::Boolean,
        ANY,
    ),
    (
        "model.workflow.transcriber.version",
        Leaf::Text,
        Limits {
            words: &["1", "latest"],
            ..ANY
        },
    ),
    ("model.workflow.transcriber.wordBoost", Leaf::Array, ANY),
    (
        "model.workflow.transcriber.wordFinalizationMaxWaitTime",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            ..ANY
        },
    ),
    ("model.workflow.voice", Leaf::Object, ANY),
    ("model.workflow.voice.autoMode", Leaf::Boolean, ANY),
    ("model.workflow.voice.cachingEnabled", Leaf::Boolean, ANY),
    ("model.workflow.voice.callbackUrl", Leaf::Text, ANY),
    ("model.workflow.voice.chunkPlan", Leaf::Object, ANY),
    ("model.workflow.voice.conversationName", Leaf::Text, ANY),
    (
        "model.workflow.voice.conversationalContext",
        Leaf::Text,
        ANY,
    ),
    ("model.workflow.voice.customGreeting", Leaf::Text, ANY),
    ("model.workflow.voice.description", Leaf::Text, ANY),
    ("model.workflow.voice.emotion", Leaf::Text, ANY),
    ("model.workflow.voice.enableSsml", Leaf::Boolean, ANY),
    ("model.workflow.voice.enableSsmlParsing", Leaf::Boolean, ANY),
    (
        "model.workflow.voice.experimentalControls",
        Leaf::Object,
        ANY,
    ),
    ("model.workflow.voice.fallbackPlan", Leaf::Object, ANY),
    ("model.workflow.voice.generationConfig", Leaf::Object, ANY),
    ("model.workflow.voice.inlineSpeedAlpha", Leaf::Text, ANY),
    (
        "model.workflow.voice.instructions",
        Leaf::Text,
        Limits {
            max_chars: Some(10000),
            ..ANY
        },
    ),
    ("model.workflow.voice.isCustomHumeVoice", Leaf::Boolean, ANY),
    (
        "model.workflow.voice.languageBoost",
        Leaf::Text,
        Limits {
            words: &[
                "Afrikaans",
                "Arabic",
                "Bulgarian",
                "Catalan",
                "Chinese",
                "Chinese,Yue",
                "Croatian",
                "Czech",
                "Danish",
                "Dutch",
                "English",
                "Filipino",
                "Finnish",
                "French",
                "German",
                "Greek",
                "Hebrew",
                "Hindi",
                "Hungarian",
                "Indonesian",
                "Italian",
                "Japanese",
                "Korean",
                "Malay",
                "Norwegian",
                "Nynorsk",
                "Persian",
                "Polish",
                "Portuguese",
                "Romanian",
                "Russian",
                "Slovak",
                "Slovenian",
                "Spanish",
                "Swedish",
                "Tamil",
                "Thai",
                "Turkish",
                "Ukrainian",
                "Vietnamese",
                "auto",
            ],
            ..ANY
        },
    ),
    (
        "model.workflow.voice.languageCode",
        Leaf::Text,
        Limits {
            words: &[
                "ar", "de", "en", "es", "fr", "he", "hi", "it", "ja", "ko", "nl", "pl", "pt", "ru",
                "zh",
            ],
            ..ANY
        },
    ),
    ("model.workflow.voice.libraryIds", Leaf::Array, ANY),
    ("model.workflow.voice.mipOptOut", Leaf::Boolean, ANY),
    (
        "model.workflow.voice.model",
        Leaf::Text,
        Limits {
            words: &[
                "Play3.0-mini",
                "PlayDialog",
                "PlayHT2.0",
                "PlayHT2.0-turbo",
                "arcana",
                "aura",
                "aura-2",
                "caruso",
                "csm-1b",
                "eleven_flash_v2",
                "eleven_flash_v2_5",
                "eleven_monolingual_v1",
                "eleven_multilingual_v2",
                "eleven_turbo_v2",
                "eleven_turbo_v2_5",
                "eleven_v3",
                "gpt-4o-mini-tts",
                "inworld-tts-1",
                "legacy",
                "lightning",
                "mist",
                "mistv2",
                "neu_fast",
                "neu_hq",
                "octave",
                "octave2",
                "sonic",
                "sonic-2",
                "sonic-2-2025-06-11",
                "sonic-3",
                "sonic-3-2025-10-27",
                "sonic-3-2026-01-12",
                "sonic-3.5",
                "sonic-3.5-2026-05-04",
                "sonic-english",
                "sonic-multilingual",
                "sonic-preview",
                "speech-02-hd",
                "speech-02-turbo",
                "speech-2.5-turbo-preview",
                "tts-1",
                "tts-1-hd",
            ],
            ..ANY
        },
    ),
    (
        "model.workflow.voice.optimizeStreamingLatency",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(4.0),
            ..ANY
        },
    ),
    (
        "model.workflow.voice.pauseBetweenBrackets",
        Leaf::Boolean,
        ANY,
    ),
    ("model.workflow.voice.personaId", Leaf::Text, ANY),
    (
        "model.workflow.voice.phonemizeBetweenBrackets",
        Leaf::Boolean,
        ANY,
    ),
    (
        "model.workflow.voice.pitch",
        Leaf::Number,
        Limits {
            min: Some(-12.0),
            max: Some(12.0),
            ..ANY
        },
    ),
    ("model.workflow.voice.pronunciationDictId", Leaf::Text, ANY),
    (
        "model.workflow.voice.pronunciationDictionary",
        Leaf::Array,
        ANY,
    ),
    (
        "model.workflow.voice.pronunciationDictionaryLocators",
        Leaf::Array,
        ANY,
    ),
    ("model.workflow.voice.properties", Leaf::Object, ANY),
    (
        "model.workflow.voice.provider",
        Leaf::Text,
        Limits {
            words: &[
                "11labs",
                "azure",
                "cartesia",
                "custom-voice",
                "deepgram",
                "hume",
                "inworld",
                "lmnt",
                "microsoft",
                "minimax",
                "neuphonic",
                "openai",
                "playht",
                "rime-ai",
                "sesame",
                "smallest-ai",
                "tavus",
                "vapi",
                "wellsaid",
                "xai",
            ],
            ..ANY
        },
    ),
    ("model.workflow.voice.reduceLatency", Leaf::Boolean, ANY),
    (
        "model.workflow.voice.region",
        Leaf::Text,
        Limits {
            words: &["china", "worldwide"],
            ..ANY
        },
    ),
    (
        "model.workflow.voice.role",
        Leaf::Text,
        Limits {
            words: &[
                "Boy",
                "Girl",
                "OlderAdultFemale",
                "OlderAdultMale",
                "SeniorFemale",
                "SeniorMale",
                "YoungAdultFemale",
                "YoungAdultMale",
            ],
            ..ANY
        },
    ),
    ("model.workflow.voice.server", Leaf::Object, ANY),
    (
        "model.workflow.voice.similarityBoost",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(1.0),
            ..ANY
        },
    ),
    (
        "model.workflow.voice.speakingRate",
        Leaf::Number,
        Limits {
            min: Some(0.5),
            max: Some(1.5),
            ..ANY
        },
    ),
    ("model.workflow.voice.speed", Leaf::Number, ANY),
    (
        "model.workflow.voice.stability",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(1.0),
            ..ANY
        },
    ),
    (
        "model.workflow.voice.style",
        Leaf::NumberOrWord,
        Limits {
            min: Some(0.0),
            max: Some(1.0),
            words: &[
                "adventurous",
                "angry",
                "caring",
                "cheerful",
                "confused",
                "curious",
                "determined",
                "disappointed",
                "disgusted",
                "embarrassed",
                "empathy",
                "encouraging",
                "excited",
                "fearful",
                "friendly",
                "happy",
                "hopeful",
                "jealous",
                "joyful",
                "nostalgic",
                "reflective",
                "regretful",
                "relieved",
                "sad",
                "serious",
                "shouting",
                "softvoice",
                "surprised",
                "whispering",
            ],
            ..ANY
        },
    ),
    (
        "model.workflow.voice.styleDegree",
        Leaf::Number,
        Limits {
            min: Some(0.01),
            max: Some(2.0),
            ..ANY
        },
    ),
    (
        "model.workflow.voice.styleGuidance",
        Leaf::Number,
        Limits {
            min: Some(1.0),
            max: Some(30.0),
            ..ANY
        },
    ),
    (
        "model.workflow.voice.subtitleType",
        Leaf::Text,
        Limits {
            words: &["sentence", "word"],
            ..ANY
        },
    ),
    (
        "model.workflow.voice.temperature",
        Leaf::Number,
        Limits {
            min: Some(0.1),
            max: Some(2.0),
            ..ANY
        },
    ),
    (
        "model.workflow.voice.textGuidance",
        Leaf::Number,
        Limits {
            min: Some(1.0),
            max: Some(2.0),
            ..ANY
        },
    ),
    (
        "model.workflow.voice.textNormalizationEnabled",
        Leaf::Boolean,
        ANY,
    ),
    ("model.workflow.voice.useSpeakerBoost", Leaf::Boolean, ANY),
    (
        "model.workflow.voice.version",
        Leaf::NumberOrWord,
        Limits {
            words: &["1", "2", "latest"],
            ..ANY
        },
    ),
    (
        "model.workflow.voice.voiceGuidance",
        Leaf::Number,
        Limits {
            min: Some(1.0),
            max: Some(6.0),
            ..ANY
        },
    ),
    ("model.workflow.voice.voiceId", Leaf::Text, ANY),
    (
        "model.workflow.voice.volume",
        Leaf::Number,
        Limits {
            min: Some(0.5),
            max: Some(2.0),
            ..ANY
        },
    ),
    (
        "model.workflow.voicemailDetection.backoffPlan",
        Leaf::Object,
        ANY,
    ),
    (
        "model.workflow.voicemailDetection.beepMaxAwaitSeconds",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(30.0),
            ..ANY
        },
    ),
    (
        "model.workflow.voicemailDetection.enabled",
        Leaf::Boolean,
        ANY,
    ),
    (
        "model.workflow.voicemailDetection.machineDetectionSilenceTimeout",
        Leaf::Number,
        Limits {
            min: Some(2000.0),
            max: Some(10000.0),
            ..ANY
        },
    ),
    (
        "model.workflow.voicemailDetection.machineDetectionSpeechEndThreshold",
        Leaf::Number,
        Limits {
            min: Some(500.0),
            max: Some(5000.0),
            ..ANY
        },
    ),
    (
        "model.workflow.voicemailDetection.machineDetectionSpeechThreshold",
        Leaf::Number,
        Limits {
            min: Some(1000.0),
            max: Some(6000.0),
            ..ANY
        },
    ),
    (
        "model.workflow.voicemailDetection.machineDetectionTimeout",
        Leaf::Number,
        Limits {
            min: Some(3.0),
            max: Some(59.0),
            ..ANY
        },
    ),
    (
        "model.workflow.voicemailDetection.provider",
        Leaf::Text,
        Limits {
            words: &["google", "openai", "twilio", "vapi"],
            ..ANY
        },
    ),
    (
        "model.workflow.voicemailDetection.type",
        Leaf::Text,
        Limits {
            words: &["audio", "transcript"],
            ..ANY
        },
    ),
    (
        "model.workflow.voicemailDetection.voicemailDetectionTypes",
        Leaf::Array,
        ANY,
    ),
    (
        "model.workflow.voicemailMessage",
        Leaf::Text,
        Limits {
            max_chars: Some(1000),
            ..ANY
        },
    ),
    ("model.workflowId", Leaf::Text, ANY),
    (
        "monitorPlan.controlAuthenticationEnabled",
        Leaf::Boolean,
        ANY,
    ),
    ("monitorPlan.controlEnabled", Leaf::Boolean, ANY),
    (
        "monitorPlan.listenAuthenticationEnabled",
        Leaf::Boolean,
        ANY,
    ),
    ("monitorPlan.listenEnabled", Leaf::Boolean, ANY),
    ("monitorPlan.monitorIds", Leaf::Array, ANY),
    ("observabilityPlan.metadata", Leaf::Object, ANY),
    ("observabilityPlan.promptName", Leaf::Text, ANY),
    (
        "observabilityPlan.promptVersion",
        Leaf::Number,
        Limits {
            min: Some(1.0),
            ..ANY
        },
    ),
    (
        "observabilityPlan.provider",
        Leaf::Text,
        Limits {
            words: &["langfuse"],
            ..ANY
        },
    ),
    ("observabilityPlan.tags", Leaf::Array, ANY),
    ("observabilityPlan.traceName", Leaf::Text, ANY),
    ("server.backoffPlan", Leaf::Object, ANY),
    (
        "server.backoffPlan.baseDelaySeconds",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(10.0),
            ..ANY
        },
    ),
    ("server.backoffPlan.excludedStatusCodes", Leaf::Array, ANY),
    (
        "server.backoffPlan.maxRetries",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(10.0),
            ..ANY
        },
    ),
    (
        "server.backoffPlan.type",
        Leaf::Text,
        Limits {
            words: &["exponential", "fixed"],
            ..ANY
        },
    ),
    ("server.credentialId", Leaf::Text, ANY),
    ("server.encryptedPaths", Leaf::Array, ANY),
    ("server.headers", Leaf::Object, ANY),
    ("server.staticIpAddressesEnabled", Leaf::Boolean, ANY),
    (
        "server.timeoutSeconds",
        Leaf::Number,
        Limits {
            min: Some(1.0),
            max: Some(300.0),
            ..ANY
        },
    ),
    ("server.url", Leaf::Text, ANY),
    ("startSpeakingPlan.customEndpointingRules", Leaf::Array, ANY),
    (
        "startSpeakingPlan.smartEndpointingEnabled",
        Leaf::BooleanOrWord,
        Limits {
            words: &["livekit"],
            ..ANY
        },
    ),
    ("startSpeakingPlan.smartEndpointingPlan", Leaf::Object, ANY),
    (
        "startSpeakingPlan.smartEndpointingPlan.provider",
        Leaf::Text,
        Limits {
            words: &["custom-endpointing-model", "livekit", "vapi"],
            ..ANY
        },
    ),
    (
        "startSpeakingPlan.smartEndpointingPlan.server",
        Leaf::Object,
        ANY,
    ),
    (
        "startSpeakingPlan.smartEndpointingPlan.server.backoffPlan",
        Leaf::Object,
        ANY,
    ),
    (
        "startSpeakingPlan.smartEndpointingPlan.server.credentialId",
        Leaf::Text,
        ANY,
    ),
    (
        "startSpeakingPlan.smartEndpointingPlan.server.encryptedPaths",
        Leaf::Array,
        ANY,
    ),
    (
        "startSpeakingPlan.smartEndpointingPlan.server.headers",
        Leaf::Object,
        ANY,
    ),
    (
        "startSpeakingPlan.smartEndpointingPlan.server.staticIpAddressesEnabled",
        Leaf::Boolean,
        ANY,
    ),
    (
        "startSpeakingPlan.smartEndpointingPlan.server.timeoutSeconds",
        Leaf::Number,
        Limits {
            min: Some(1.0),
            max: Some(300.0),
            ..ANY
        },
    ),
    (
        "startSpeakingPlan.smartEndpointingPlan.server.url",
        Leaf::Text,
        ANY,
    ),
    (
        "startSpeakingPlan.smartEndpointingPlan.waitFunction",
        Leaf::Text,
        ANY,
    ),
    (
        "startSpeakingPlan.transcriptionEndpointingPlan",
        Leaf::Object,
        ANY,
    ),
    (
        "startSpeakingPlan.transcriptionEndpointingPlan.onNoPunctuationSeconds",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(3.0),
            ..ANY
        },
    ),
    (
        "startSpeakingPlan.transcriptionEndpointingPlan.onNumberSeconds",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(3.0),
            ..ANY
        },
    ),
    (
        "startSpeakingPlan.transcriptionEndpointingPlan.onPunctuationSeconds",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(3.0),
            ..ANY
        },
    ),
    (
        "startSpeakingPlan.waitSeconds",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(5.0),
            ..ANY
        },
    ),
    ("stopSpeakingPlan.acknowledgementPhrases", Leaf::Array, ANY),
    (
        "stopSpeakingPlan.backoffSeconds",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(10.0),
            ..ANY
        },
    ),
    ("stopSpeakingPlan.interruptionPhrases", Leaf::Array, ANY),
    (
        "stopSpeakingPlan.numWords",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(10.0),
            ..ANY
        },
    ),
    (
        "stopSpeakingPlan.voiceSeconds",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(0.5),
            ..ANY
        },
    ),
    (
        "transcriber.agentContext",
        Leaf::Text,
        Limits {
            max_chars: Some(1750),
            ..ANY
        },
    ),
    ("transcriber.audioEnhancer", Leaf::Boolean, ANY),
    (
        "transcriber.confidenceThreshold",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(1.0),
            ..ANY
        },
    ),
    ("transcriber.contextGeneral", Leaf::Array, ANY),
    ("transcriber.customVocabulary", Leaf::Array, ANY),
    ("transcriber.customVocabularyConfig", Leaf::Object, ANY),
    (
        "transcriber.customVocabularyConfig.defaultIntensity",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(1.0),
            ..ANY
        },
    ),
    (
        "transcriber.customVocabularyConfig.vocabulary",
        Leaf::Array,
        ANY,
    ),
    ("transcriber.customVocabularyEnabled", Leaf::Boolean, ANY),
    ("transcriber.disablePartialTranscripts", Leaf::Boolean, ANY),
    ("transcriber.enableDiarization", Leaf::Boolean, ANY),
    (
        "transcriber.endOfTurnConfidenceThreshold",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(1.0),
            ..ANY
        },
    ),
    (
        "transcriber.endOfTurnSensitivity",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(1.0),
            ..ANY
        },
    ),
    (
        "transcriber.endUtteranceSilenceThreshold",
        Leaf::Number,
        ANY,
    ),
    (
        "transcriber.endpointing",
        Leaf::Number,
        Limits {
            min: Some(0.01),
            max: Some(500.0),
            ..ANY
        },
    ),
    (
        "transcriber.eotThreshold",
        Leaf::Number,
        Limits {
            min: Some(0.5),
            max: Some(0.9),
            ..ANY
        },
    ),
    (
        "transcriber.eotTimeoutMs",
        Leaf::Number,
        Limits {
            min: Some(500.0),
            max: Some(10000.0),
            ..ANY
        },
    ),
    ("transcriber.fallbackPlan", Leaf::Object, ANY),
    ("transcriber.fallbackPlan.transcribers", Leaf::Array, ANY),
    ("transcriber.formatTurns", Leaf::Boolean, ANY),
    ("transcriber.keyterm", Leaf::Array, ANY),
    ("transcriber.keytermsPrompt", Leaf::Array, ANY),
    ("transcriber.keywords", Leaf::Array, ANY),
    (
        "transcriber.language",
        Leaf::Text,
        Limits {
            words: &[
                "Arabic",
                "Bengali",
                "Bulgarian",
                "Chinese",
                "Croatian",
                "Czech",
                "Danish",
                "Dutch",
                "English",
                "Estonian",
                "Finnish",
                "French",
                "German",
                "Greek",
                "Hebrew",
                "Hindi",
                "Hungarian",
                "Indonesian",
                "Italian",
                "Japanese",
                "Korean",
                "Latvian",
                "Lithuanian",
                "Multilingual",
                "Norwegian",
                "Polish",
                "Portuguese",
                "Romanian",
                "Russian",
                "Serbian",
                "Slovak",
                "Slovenian",
                "Spanish",
                "Swahili",
                "Swedish",
                "Thai",
                "Turkish",
                "Ukrainian",
                "Vietnamese",
                "aa",
                "ab",
                "ae",
                "af",
                "af-ZA",
                "ak",
                "am",
                "am-ET",
                "an",
                "ar",
                "ar-AE",
                "ar-BH",
                "ar-DZ",
                "ar-EG",
                "ar-IL",
                "ar-IQ",
                "ar-JO",
                "ar-KW",
                "ar-LB",
                "ar-LY",
                "ar-MA",
                "ar-OM",
                "ar-PS",
                "ar-QA",
                "ar-SA",
                "ar-SY",
                "ar-TN",
                "ar-YE",
                "ar_en",
                "as",
                "auto",
                "av",
                "ay",
                "az",
                "az-AZ",
                "ba",
                "be",
                "bg",
                "bg-BG",
                "bh",
                "bi",
                "bm",
                "bn",
                "bn-IN",
                "bo",
                "br",
                "bs",
                "bs-BA",
                "ca",
                "ca-ES",
                "ce",
                "ch",
                "cmn",
                "cmn_en",
                "co",
                "cr",
                "cs",
                "cs-CZ",
                "cu",
                "cv",
                "cy",
                "cy-GB",
                "da",
                "da-DK",
                "de",
                "de-AT",
                "de-CH",
                "de-DE",
                "dv",
                "dz",
                "ee",
                "el",
                "el-GR",
                "en",
                "en-AU",
                "en-CA",
                "en-GB",
                "en-GH",
                "en-HK",
                "en-IE",
                "en-IN",
                "en-KE",
                "en-NG",
                "en-NZ",
                "en-PH",
                "en-SG",
                "en-TZ",
                "en-US",
                "en-ZA",
                "en_es",
                "en_ms",
                "en_ta",
                "eo",
                "es",
                "es-419",
                "es-AR",
                "es-BO",
                "es-CL",
                "es-CO",
                "es-CR",
                "es-CU",
                "es-DO",
                "es-EC",
                "es-ES",
                "es-GQ",
                "es-GT",
                "es-HN",
                "es-LATAM",
                "es-MX",
                "es-NI",
                "es-PA",
                "es-PE",
                "es-PR",
                "es-PY",
                "es-SV",
                "es-US",
                "es-UY",
                "es-VE",
                "et",
                "et-EE",
                "eu",
                "eu-ES",
                "fa",
                "fa-IR",
                "ff",
                "fi",
                "fi-FI",
                "fil",
                "fil-PH",
                "fj",
                "fo",
                "fr",
                "fr-BE",
                "fr-CA",
                "fr-CH",
                "fr-FR",
                "fy",
                "ga",
                "ga-IE",
                "gd",
                "gl",
                "gl-ES",
                "gn",
                "gu",
                "gu-IN",
                "gv",
                "ha",
                "haw",
                "he",
                "he-IL",
                "hi",
                "hi-IN",
                "hi-Latn",
                "ho",
                "hr",
                "hr-HR",
                "ht",
                "hu",
                "hu-HU",
                "hy",
                "hy-AM",
                "hz",
                "ia",
                "id",
                "id-ID",
                "ie",
                "ig",
                "ii",
                "ik",
                "io",
                "is",
                "is-IS",
                "it",
                "it-CH",
                "it-IT",
                "iu",
                "ja",
                "ja-JP",
                "jv",
                "jv-ID",
                "jw",
                "ka",
                "ka-GE",
                "kg",
                "ki",
                "kj",
                "kk",
                "kk-KZ",
                "kl",
                "km",
                "km-KH",
                "kn",
                "kn-IN",
                "ko",
                "ko-KR",
                "kr",
                "ks",
                "ku",
                "kv",
                "kw",
                "ky",
                "la",
                "lb",
                "lg",
                "li",
                "ln",
                "lo",
                "lo-LA",
                "lt",
                "lt-LT",
                "lu",
                "lv",
                "lv-LV",
                "mg",
                "mh",
                "mi",
                "mk",
                "mk-MK",
                "ml",
                "ml-IN",
                "mn",
                "mn-MN",
                "mr",
                "mr-IN",
                "ms",
                "ms-MY",
                "mt",
                "mt-MT",
                "multi",
                "my",
                "my-MM",
                "na",
                "nb",
                "nb-NO",
                "nd",
                "ne",
                "ne-NP",
                "ng",
                "nl",
                "nl-BE",
                "nl-NL",
                "nn",
                "no",
                "nr",
                "nv",
                "ny",
                "oc",
                "oj",
                "om",
                "or",
                "os",
                "pa",
                "pa-IN",
                "pi",
                "pl",
                "pl-PL",
                "ps",
                "ps-AF",
                "pt",
                "pt-BR",
                "pt-PT",
                "qu",
                "rm",
                "rn",
                "ro",
                "ro-RO",
                "ru",
                "ru-RU",
                "rw",
                "sa",
                "sc",
                "sd",
                "se",
                "sg",
                "si",
                "si-LK",
                "sk",
                "sk-SK",
                "sl",
                "sl-SI",
                "sm",
                "sn",
                "so",
                "so-SO",
                "sq",
                "sq-AL",
                "sr",
                "sr-RS",
                "ss",
                "st",
                "su",
                "sv",
                "sv-SE",
                "sw",
                "sw-KE",
                "sw-TZ",
                "ta",
                "ta-IN",
                "taq",
                "te",
                "te-IN",
                "tg",
                "th",
                "th-TH",
                "ti",
                "tk",
                "tl",
                "tn",
                "to",
                "tr",
                "tr-TR",
                "ts",
                "tt",
                "tw",
                "ty",
                "ug",
                "uk",
                "uk-UA",
                "ur",
                "ur-IN",
                "uz",
                "uz-UZ",
                "ve",
                "vi",
                "vi-VN",
                "vo",
                "wa",
                "wo",
                "wuu-CN",
                "xh",
                "yi",
                "yo",
                "yue",
                "yue-CN",
                "za",
                "zh",
                "zh-CN",
                "zh-CN-shandong",
                "zh-CN-sichuan",
                "zh-HK",
                "zh-Hans",
                "zh-Hant",
                "zh-TW",
                "zu",
                "zu-ZA",
            ],
            ..ANY
        },
    ),
    (
        "transcriber.languageBehaviour",
        Leaf::Text,
        Limits {
            words: &[
                "automatic multiple languages",
                "automatic single language",
                "manual",
            ],
            ..ANY
        },
    ),
    ("transcriber.languageCodes", Leaf::Array, ANY),
    ("transcriber.languageHintsStrict", Leaf::Boolean, ANY),
    ("transcriber.languages", Leaf::Array, ANY),
    (
        "transcriber.maxDelay",
        Leaf::Number,
        Limits {
            min: Some(500.0),
            max: Some(10000.0),
            ..ANY
        },
    ),
    (
        "transcriber.maxEndpointDelayMs",
        Leaf::Number,
        Limits {
            min: Some(500.0),
            max: Some(3000.0),
            ..ANY
        },
    ),
    (
        "transcriber.maxTurnSilence",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            ..ANY
        },
    ),
    (
        "transcriber.minEndOfTurnSilenceWhenConfident",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            ..ANY
        },
    ),
    (
        "transcriber.minSilenceDurationMs",
        Leaf::Number,
        Limits {
            min: Some(50.0),
            max: Some(2000.0),
            ..ANY
        },
    ),
    (
        "transcriber.minSpeechDurationMs",
        Leaf::Number,
        Limits {
            min: Some(50.0),
            max: Some(2000.0),
            ..ANY
        },
    ),
    (
        "transcriber.minimumSpeechDuration",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(5.0),
            ..ANY
        },
    ),
    ("transcriber.mipOptOut", Leaf::Boolean, ANY),
    (
        "transcriber.mode",
        Leaf::Text,
        Limits {
            words: &["balanced", "max_accuracy", "min_latency"],
            ..ANY
        },
    ),
    ("transcriber.model", Leaf::Text, ANY),
    (
        "transcriber.numeralStyle",
        Leaf::Text,
        Limits {
            words: &["spoken", "written"],
            ..ANY
        },
    ),
    ("transcriber.numerals", Leaf::Boolean, ANY),
    (
        "transcriber.operatingPoint",
        Leaf::Text,
        Limits {
            words: &["enhanced", "standard"],
            ..ANY
        },
    ),
    ("transcriber.profanityFilter", Leaf::Boolean, ANY),
    (
        "transcriber.prompt",
        Leaf::Text,
        Limits {
            max_chars: Some(1750),
            ..ANY
        },
    ),
    ("transcriber.prosody", Leaf::Boolean, ANY),
    (
        "transcriber.provider",
        Leaf::Text,
        Limits {
            words: &[
                "11labs",
                "assembly-ai",
                "azure",
                "cartesia",
                "custom-transcriber",
                "deepgram",
                "gladia",
                "google",
                "openai",
                "soniox",
                "speechmatics",
                "talkscriber",
                "vapi",
                "xai",
            ],
            ..ANY
        },
    ),
    ("transcriber.realtimeUrl", Leaf::Text, ANY),
    ("transcriber.receivePartialTranscripts", Leaf::Boolean, ANY),
    ("transcriber.redaction", Leaf::Array, ANY),
    (
        "transcriber.region",
        Leaf::Text,
        Limits {
            words: &["eu", "eu-west", "us", "us-west"],
            ..ANY
        },
    ),
    ("transcriber.removeDisfluencies", Leaf::Boolean, ANY),
    (
        "transcriber.segmentationMaximumTimeMs",
        Leaf::Number,
        Limits {
            min: Some(20000.0),
            max: Some(70000.0),
            ..ANY
        },
    ),
    (
        "transcriber.segmentationSilenceTimeoutMs",
        Leaf::Number,
        Limits {
            min: Some(100.0),
            max: Some(5000.0),
            ..ANY
        },
    ),
    (
        "transcriber.segmentationStrategy",
        Leaf::Text,
        Limits {
            words: &["Default", "Semantic", "Time"],
            ..ANY
        },
    ),
    ("transcriber.server", Leaf::Object, ANY),
    ("transcriber.server.backoffPlan", Leaf::Object, ANY),
    (
        "transcriber.server.backoffPlan.baseDelaySeconds",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(10.0),
            ..ANY
        },
    ),
    (
        "transcriber.server.backoffPlan.excludedStatusCodes",
        Leaf::Array,
        ANY,
    ),
    (
        "transcriber.server.backoffPlan.maxRetries",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(10.0),
            ..ANY
        },
    ),
    (
        "transcriber.server.backoffPlan.type",
        Leaf::Text,
        Limits {
            words: &["exponential", "fixed"],
            ..ANY
        },
    ),
    ("transcriber.server.credentialId", Leaf::Text, ANY),
    ("transcriber.server.encryptedPaths", Leaf::Array, ANY),
    ("transcriber.server.headers", Leaf::Object, ANY),
    (
        "transcriber.server.staticIpAddressesEnabled",
        Leaf::Boolean,
        ANY,
    ),
    (
        "transcriber.server.timeoutSeconds",
        Leaf::Number,
        Limits {
            min: Some(1.0),
            max: Some(300.0),
            ..ANY
        },
    ),
    ("transcriber.server.url", Leaf::Text, ANY),
    (
        "transcriber.silenceThresholdSeconds",
        Leaf::Number,
        Limits {
            min: Some(0.3),
            max: Some(3.0),
            ..ANY
        },
    ),
    ("transcriber.smartFormat", Leaf::Boolean, ANY),
    (
        "transcriber.speechModel",
        Leaf::Text,
        Limits {
            words: &[
                "universal-3-5-pro",
                "universal-streaming-english",
                "universal-streaming-multilingual",
            ],
            ..ANY
        },
    ),
    (
        "transcriber.speechThreshold",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(1.0),
            ..ANY
        },
    ),
    (
        "transcriber.transcriptionHint",
        Leaf::Text,
        Limits {
            max_chars: Some(600),
            ..ANY
        },
    ),
    (
        "transcriber.turnTaking",
        Leaf::Text,
        Limits {
            words: &["intelligent", "manual"],
            ..ANY
        },
    ),
    (
        "transcriber.vadAssistedEndpointingEnabled",
        Leaf::Boolean,
        ANY,
    ),
    (
        "transcriber.version",
        Leaf::Text,
        Limits {
            words: &["1", "latest"],
            ..ANY
        },
    ),
    ("transcriber.wordBoost", Leaf::Array, ANY),
    (
        "transcriber.wordFinalizationMaxWaitTime",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            ..ANY
        },
    ),
    ("voice.autoMode", Leaf::Boolean, ANY),
    ("voice.cachingEnabled", Leaf::Boolean, ANY),
    ("voice.callbackUrl", Leaf::Text, ANY),
    ("voice.chunkPlan", Leaf::Object, ANY),
    ("voice.chunkPlan.enabled", Leaf::Boolean, ANY),
    ("voice.chunkPlan.formatPlan", Leaf::Object, ANY),
    ("voice.chunkPlan.formatPlan.enabled", Leaf::Boolean, ANY),
    (
        "voice.chunkPlan.formatPlan.formattersEnabled",
        Leaf::Array,
        ANY,
    ),
    (
        "voice.chunkPlan.formatPlan.numberToDigitsCutoff",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            ..ANY
        },
    ),
    ("voice.chunkPlan.formatPlan.replacements", Leaf::Array, ANY),
    (
        "voice.chunkPlan.minCharacters",
        Leaf::Number,
        Limits {
            min: Some(1.0),
            max: Some(80.0),
            ..ANY
        },
    ),
    ("voice.chunkPlan.punctuationBoundaries", Leaf::Array, ANY),
    ("voice.conversationName", Leaf::Text, ANY),
    ("voice.conversationalContext", Leaf::Text, ANY),
    ("voice.customGreeting", Leaf::Text, ANY),
    ("voice.description", Leaf::Text, ANY),
    ("voice.emotion", Leaf::Text, ANY),
    ("voice.enableSsml", Leaf::Boolean, ANY),
    ("voice.enableSsmlParsing", Leaf::Boolean, ANY),
    ("voice.experimentalControls", Leaf::Object, ANY),
    (
        "voice.experimentalControls.emotion",
        Leaf::Text,
        Limits {
            words: &[
                "anger:high",
                "anger:highest",
                "anger:low",
                "anger:lowest",
                "curiosity:high",
                "curiosity:highest",
                "curiosity:low",
                "curiosity:lowest",
                "positivity:high",
                "positivity:highest",
                "positivity:low",
                "positivity:lowest",
                "sadness:high",
                "sadness:highest",
                "sadness:low",
                "sadness:lowest",
                "surprise:high",
                "surprise:highest",
                "surprise:low",
                "surprise:lowest",
            ],
            ..ANY
        },
    ),
    (
        "voice.experimentalControls.speed",
        Leaf::NumberOrWord,
        Limits {
            min: Some(-1.0),
            max: Some(1.0),
            words: &["fast", "fastest", "normal", "slow", "slowest"],
            ..ANY
        },
    ),
    ("voice.fallbackPlan", Leaf::Object, ANY),
    ("voice.fallbackPlan.voices", Leaf::Array, ANY),
    ("voice.generationConfig", Leaf::Object, ANY),
    ("voice.generationConfig.experimental", Leaf::Object, ANY),
    (
        "voice.generationConfig.experimental.accentLocalization",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(1.0),
            integer: true,
            ..ANY
        },
    ),
    (
        "voice.generationConfig.speed",
        Leaf::Number,
        Limits {
            min: Some(0.6),
            max: Some(1.5),
            ..ANY
        },
    ),
    (
        "voice.generationConfig.volume",
        Leaf::Number,
        Limits {
            min: Some(0.5),
            max: Some(2.0),
            ..ANY
        },
    ),
    ("voice.inlineSpeedAlpha", Leaf::Text, ANY),
    (
        "voice.instructions",
        Leaf::Text,
        Limits {
            max_chars: Some(10000),
            ..ANY
        },
    ),
    ("voice.isCustomHumeVoice", Leaf::Boolean, ANY),
    (
        "voice.languageBoost",
        Leaf::Text,
        Limits {
            words: &[
                "Afrikaans",
                "Arabic",
                "Bulgarian",
                "Catalan",
                "Chinese",
                "Chinese,Yue",
                "Croatian",
                "Czech",
                "Danish",
                "Dutch",
                "English",
                "Filipino",
                "Finnish",
                "French",
                "German",
                "Greek",
                "Hebrew",
                "Hindi",
                "Hungarian",
                "Indonesian",
                "Italian",
                "Japanese",
                "Korean",
                "Malay",
                "Norwegian",
                "Nynorsk",
                "Persian",
                "Polish",
                "Portuguese",
                "Romanian",
                "Russian",
                "Slovak",
                "Slovenian",
                "Spanish",
                "Swedish",
                "Tamil",
                "Thai",
                "Turkish",
                "Ukrainian",
                "Vietnamese",
                "auto",
            ],
            ..ANY
        },
    ),
    (
        "voice.languageCode",
        Leaf::Text,
        Limits {
            words: &[
                "ar", "de", "en", "es", "fr", "he", "hi", "it", "ja", "ko", "nl", "pl", "pt", "ru",
                "zh",
            ],
            ..ANY
        },
    ),
    ("voice.libraryIds", Leaf::Array, ANY),
    ("voice.mipOptOut", Leaf::Boolean, ANY),
    (
        "voice.model",
        Leaf::Text,
        Limits {
            words: &[
                "Play3.0-mini",
                "PlayDialog",
                "PlayHT2.0",
                "PlayHT2.0-turbo",
                "arcana",
                "aura",
                "aura-2",
                "caruso",
                "csm-1b",
                "eleven_flash_v2",
                "eleven_flash_v2_5",
                "eleven_monolingual_v1",
                "eleven_multilingual_v2",
                "eleven_turbo_v2",
                "eleven_turbo_v2_5",
                "eleven_v3",
                "gpt-4o-mini-tts",
                "inworld-tts-1",
                "legacy",
                "lightning",
                "mist",
                "mistv2",
                "neu_fast",
                "neu_hq",
                "octave",
                "octave2",
                "sonic",
                "sonic-2",
                "sonic-2-2025-06-11",
                "sonic-3",
                "sonic-3-2025-10-27",
                "sonic-3-2026-01-12",
                "sonic-3.5",
                "sonic-3.5-2026-05-04",
                "sonic-english",
                "sonic-multilingual",
                "sonic-preview",
                "speech-02-hd",
                "speech-02-turbo",
                "speech-2.5-turbo-preview",
                "tts-1",
                "tts-1-hd",
            ],
            ..ANY
        },
    ),
    (
        "voice.optimizeStreamingLatency",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(4.0),
            ..ANY
        },
    ),
    ("voice.pauseBetweenBrackets", Leaf::Boolean, ANY),
    ("voice.personaId", Leaf::Text, ANY),
    ("voice.phonemizeBetweenBrackets", Leaf::Boolean, ANY),
    (
        "voice.pitch",
        Leaf::Number,
        Limits {
            min: Some(-12.0),
            max: Some(12.0),
            ..ANY
        },
    ),
    ("voice.pronunciationDictId", Leaf::Text, ANY),
    ("voice.pronunciationDictionary", Leaf::Array, ANY),
    ("voice.pronunciationDictionaryLocators", Leaf::Array, ANY),
    ("voice.properties", Leaf::Object, ANY),
    ("voice.properties.applyGreenscreen", Leaf::Boolean, ANY),
    ("voice.properties.awsAssumeRoleArn", Leaf::Text, ANY),
    ("voice.properties.enableRecording", Leaf::Boolean, ANY),
    ("voice.properties.enableTranscription", Leaf::Boolean, ANY),
    ("voice.properties.language", Leaf::Text, ANY),
    ("voice.properties.maxCallDuration", Leaf::Number, ANY),
    (
        "voice.properties.participantAbsentTimeout",
        Leaf::Number,
        ANY,
    ),
    ("voice.properties.participantLeftTimeout", Leaf::Number, ANY),
    ("voice.properties.recordingS3BucketName", Leaf::Text, ANY),
    ("voice.properties.recordingS3BucketRegion", Leaf::Text, ANY),
    (
        "voice.provider",
        Leaf::Text,
        Limits {
            words: &[
                "11labs",
                "azure",
                "cartesia",
                "custom-voice",
                "deepgram",
                "hume",
                "inworld",
                "lmnt",
                "microsoft",
                "minimax",
                "neuphonic",
                "openai",
                "playht",
                "rime-ai",
                "sesame",
                "smallest-ai",
                "tavus",
                "vapi",
                "wellsaid",
                "xai",
            ],
            ..ANY
        },
    ),
    ("voice.reduceLatency", Leaf::Boolean, ANY),
    (
        "voice.region",
        Leaf::Text,
        Limits {
            words: &["china", "worldwide"],
            ..ANY
        },
    ),
    (
        "voice.role",
        Leaf::Text,
        Limits {
            words: &[
                "Boy",
                "Girl",
                "OlderAdultFemale",
                "OlderAdultMale",
                "SeniorFemale",
                "SeniorMale",
                "YoungAdultFemale",
                "YoungAdultMale",
            ],
            ..ANY
        },
    ),
    ("voice.server", Leaf::Object, ANY),
    ("voice.server.backoffPlan", Leaf::Object, ANY),
    (
        "voice.server.backoffPlan.baseDelaySeconds",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(10.0),
            ..ANY
        },
    ),
    (
        "voice.server.backoffPlan.excludedStatusCodes",
        Leaf::Array,
        ANY,
    ),
    (
        "voice.server.backoffPlan.maxRetries",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(10.0),
            ..ANY
        },
    ),
    (
        "voice.server.backoffPlan.type",
        Leaf::Text,
        Limits {
            words: &["exponential", "fixed"],
            ..ANY
        },
    ),
    ("voice.server.credentialId", Leaf::Text, ANY),
    ("voice.server.encryptedPaths", Leaf::Array, ANY),
    ("voice.server.headers", Leaf::Object, ANY),
    ("voice.server.staticIpAddressesEnabled", Leaf::Boolean, ANY),
    (
        "voice.server.timeoutSeconds",
        Leaf::Number,
        Limits {
            min: Some(1.0),
            max: Some(300.0),
            ..ANY
        },
    ),
    ("voice.server.url", Leaf::Text, ANY),
    (
        "voice.similarityBoost",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(1.0),
            ..ANY
        },
    ),
    (
        "voice.speakingRate",
        Leaf::Number,
        Limits {
            min: Some(0.5),
            max: Some(1.5),
            ..ANY
        },
    ),
    ("voice.speed", Leaf::Number, ANY),
    (
        "voice.stability",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(1.0),
            ..ANY
        },
    ),
    (
        "voice.style",
        Leaf::NumberOrWord,
        Limits {
            min: Some(0.0),
            max: Some(1.0),
            words: &[
                "adventurous",
                "angry",
                "caring",
                "cheerful",
                "confused",
                "curious",
                "determined",
                "disappointed",
                "disgusted",
                "embarrassed",
                "empathy",
                "encouraging",
                "excited",
                "fearful",
                "friendly",
                "happy",
                "hopeful",
                "jealous",
                "joyful",
                "nostalgic",
                "reflective",
                "regretful",
                "relieved",
                "sad",
                "serious",
                "shouting",
                "softvoice",
                "surprised",
                "whispering",
            ],
            ..ANY
        },
    ),
    (
        "voice.styleDegree",
        Leaf::Number,
        Limits {
            min: Some(0.01),
            max: Some(2.0),
            ..ANY
        },
    ),
    (
        "voice.styleGuidance",
        Leaf::Number,
        Limits {
            min: Some(1.0),
            max: Some(30.0),
            ..ANY
        },
    ),
    (
        "voice.subtitleType",
        Leaf::Text,
        Limits {
            words: &["sentence", "word"],
            ..ANY
        },
    ),
    (
        "voice.temperature",
        Leaf::Number,
        Limits {
            min: Some(0.1),
            max: Some(2.0),
            ..ANY
        },
    ),
    (
        "voice.textGuidance",
        Leaf::Number,
        Limits {
            min: Some(1.0),
            max: Some(2.0),
            ..ANY
        },
    ),
    ("voice.textNormalizationEnabled", Leaf::Boolean, ANY),
    ("voice.useSpeakerBoost", Leaf::Boolean, ANY),
    (
        "voice.version",
        Leaf::NumberOrWord,
        Limits {
            words: &["1", "2", "latest"],
            ..ANY
        },
    ),
    (
        "voice.voiceGuidance",
        Leaf::Number,
        Limits {
            min: Some(1.0),
            max: Some(6.0),
            ..ANY
        },
    ),
    ("voice.voiceId", Leaf::Text, ANY),
    (
        "voice.volume",
        Leaf::Number,
        Limits {
            min: Some(0.5),
            max: Some(2.0),
            ..ANY
        },
    ),
    ("voicemailDetection.backoffPlan", Leaf::Object, ANY),
    (
        "voicemailDetection.backoffPlan.frequencySeconds",
        Leaf::Number,
        Limits {
            min: Some(2.5),
            ..ANY
        },
    ),
    (
        "voicemailDetection.backoffPlan.maxRetries",
        Leaf::Number,
        Limits {
            min: Some(1.0),
            max: Some(10.0),
            ..ANY
        },
    ),
    (
        "voicemailDetection.backoffPlan.startAtSeconds",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            ..ANY
        },
    ),
    (
        "voicemailDetection.beepMaxAwaitSeconds",
        Leaf::Number,
        Limits {
            min: Some(0.0),
            max: Some(30.0),
            ..ANY
        },
    ),
    ("voicemailDetection.enabled", Leaf::Boolean, ANY),
    (
        "voicemailDetection.machineDetectionSilenceTimeout",
        Leaf::Number,
        Limits {
            min: Some(2000.0),
            max: Some(10000.0),
            ..ANY
        },
    ),
    (
        "voicemailDetection.machineDetectionSpeechEndThreshold",
        Leaf::Number,
        Limits {
            min: Some(500.0),
            max: Some(5000.0),
            ..ANY
        },
    ),
    (
        "voicemailDetection.machineDetectionSpeechThreshold",
        Leaf::Number,
        Limits {
            min: Some(1000.0),
            max: Some(6000.0),
            ..ANY
        },
    ),
    (
        "voicemailDetection.machineDetectionTimeout",
        Leaf::Number,
        Limits {
            min: Some(3.0),
            max: Some(59.0),
            ..ANY
        },
    ),
    (
        "voicemailDetection.provider",
        Leaf::Text,
        Limits {
            words: &["google", "openai", "twilio", "vapi"],
            ..ANY
        },
    ),
    (
        "voicemailDetection.type",
        Leaf::Text,
        Limits {
            words: &["audio", "transcript"],
            ..ANY
        },
    ),
    (
        "voicemailDetection.voicemailDetectionTypes",
        Leaf::Array,
        ANY,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;
    use std::collections::BTreeMap;

    /// The longest path the table holds, top-level property included.
    const DEPTH: usize = 4;

    fn resolve<'s>(schema: &'s Value, mut p: &'s Value) -> &'s Value {
        while let Some(r) = p["$ref"].as_str() {
            p = &schema["$defs"][r.trim_start_matches("#/$defs/")];
        }
        p
    }

    /// The alternatives `p` stands for, unions and `allOf` flattened.
    fn branches<'s>(schema: &'s Value, p: &'s Value, out: &mut Vec<&'s Value>) {
        let p = resolve(schema, p);
        match ["anyOf", "oneOf", "allOf"]
            .iter()
            .find_map(|k| p[k].as_array())
        {
            Some(alternatives) => alternatives.iter().for_each(|a| branches(schema, a, out)),
            None => out.push(p),
        }
    }

    /// A branch's JSON type (`null` aside); "text" for strings, None if unknown.
    fn type_of(b: &Value) -> Option<&str> {
        // `backoffPlan.type` says object with an enum of strings, a slip in
        // the spec; its values are the strings.
        if b["enum"]
            .as_array()
            .is_some_and(|e| e.iter().all(Value::is_string))
        {
            return Some("string");
        }
        let t = match &b["type"] {
            Value::String(t) => t.as_str(),
            Value::Array(ts) => {
                let mut ts = ts.iter().filter_map(Value::as_str).filter(|t| *t != "null");
                let t = ts.next()?;
                if ts.next().is_some() {
                    return None;
                }
                t
            }
            _ if b["properties"].is_object() => "object",
            _ => return None,
        };
        Some(t)
    }

    /// The loosest limits of the branches `bs` (numbers: the lowest minimum
    /// and highest maximum, each only if every numeric branch has one; words:
    /// all of them, only if every text branch lists its words).
    fn limits(bs: &[&Value]) -> GenLimits {
        let of = |t: &[&str]| -> Vec<&Value> {
            bs.iter()
                .copied()
                .filter(|b| type_of(b).is_some_and(|x| t.contains(&x)))
                .collect()
        };
        let (numbers, texts) = (of(&["number", "integer"]), of(&["string"]));
        let all = |vs: &[&Value], k: &str| -> Option<Vec<f64>> {
            vs.iter()
                .map(|v| v[k].as_f64())
                .collect::<Option<Vec<f64>>>()
                .filter(|x| !x.is_empty())
        };
        let mut words: Option<Vec<String>> = Some(Vec::new());
        for t in &texts {
            match (t["enum"].as_array(), words.as_mut()) {
                (Some(e), Some(w)) => {
                    w.extend(e.iter().filter_map(Value::as_str).map(String::from))
                }
                _ => words = None,
            }
        }
        let mut words = words.unwrap_or_default();
        words.sort();
        words.dedup();
        GenLimits {
            min: all(&numbers, "minimum").map(|v| v.into_iter().fold(f64::INFINITY, f64::min)),
            max: all(&numbers, "maximum").map(|v| v.into_iter().fold(f64::NEG_INFINITY, f64::max)),
            integer: !numbers.is_empty() && numbers.iter().all(|b| type_of(b) == Some("integer")),
            min_chars: all(&texts, "minLength")
                .map(|v| v.into_iter().fold(f64::INFINITY, f64::min) as usize),
            max_chars: all(&texts, "maxLength")
                .map(|v| v.into_iter().fold(f64::NEG_INFINITY, f64::max) as usize),
            words,
        }
    }

    /// `Limits`, owned, as the generator finds them.
    #[derive(Debug, PartialEq)]
    struct GenLimits {
        min: Option<f64>,
        max: Option<f64>,
        integer: bool,
        min_chars: Option<usize>,
        max_chars: Option<usize>,
        words: Vec<String>,
    }

    impl GenLimits {
        fn of(l: &Limits) -> GenLimits {
            GenLimits {
                min: l.min,
                max: l.max,
                integer: l.integer,
                min_chars: l.min_chars,
                max_chars: l.max_chars,
                words: l.words.iter().map(|w| w.to_string()).collect(),
            }
        }

        /// The table's Rust for these limits.
        fn rust(&self) -> String {
            let mut fields = Vec::new();
            if let Some(v) = self.min {
                fields.push(format!("min: Some({v:?})"));
            }
            if let Some(v) = self.max {
                fields.push(format!("max: Some({v:?})"));
            }
            if self.integer {
                fields.push("integer: true".to_owned());
            }
            if let Some(v) = self.min_chars {
                fields.push(format!("min_chars: Some({v})"));
            }
            if let Some(v) = self.max_chars {
                fields.push(format!("max_chars: Some({v})"));
            }
            if !self.words.is_empty() {
                fields.push(format!("words: &{:?}", self.words));
            }
            if fields.is_empty() {
                "ANY".to_owned()
            } else {
                format!("Limits {{ {}, ..ANY }}", fields.join(", "))
            }
        }
    }

    fn walk<'s>(
        schema: &'s Value,
        path: &mut Vec<String>,
        nodes: &[&'s Value],
        out: &mut Vec<(String, Leaf, GenLimits)>,
        required: &mut Vec<(String, Vec<String>)>,
    ) {
        let mut bs = Vec::new();
        for n in nodes {
            branches(schema, n, &mut bs);
        }
        // What every object branch requires, when only objects may be here
        // (`voicemailDetection` may be `off`: then nothing is required of a string).
        let objects: Vec<&&Value> = bs.iter().filter(|b| type_of(b) == Some("object")).collect();
        if !objects.is_empty() {
            let mut common: Option<Vec<String>> = None;
            for b in &objects {
                let mine: Vec<String> = b["required"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|r| r.as_str().map(String::from))
                    .collect();
                common = Some(match common {
                    None => mine,
                    Some(c) => c.into_iter().filter(|r| mine.contains(r)).collect(),
                });
            }
            let mut common = common.unwrap_or_default();
            common.sort();
            if !common.is_empty() {
                required.push((path.join("."), common));
            }
        }
        let types: Vec<Option<&str>> = bs.iter().map(|b| type_of(b)).collect();
        let agreed = types[0]
            .map(|t| if t == "integer" { "number" } else { t })
            .filter(|t0| {
                types
                    .iter()
                    .all(|t| t.map(|t| if t == "integer" { "number" } else { t }) == Some(*t0))
            });
        let lim = limits(&bs);
        let has = |t: &str| types.contains(&Some(t));
        let only = |allowed: &[&str]| {
            types
                .iter()
                .all(|t| t.is_some_and(|t| allowed.contains(&t)))
        };
        let leaf = match agreed {
            Some("boolean") => Some(Leaf::Boolean),
            Some("number") => Some(Leaf::Number),
            Some("array") => Some(Leaf::Array),
            Some("object") => Some(Leaf::Object),
            Some("string") => Some(Leaf::Text),
            // A boolean or number, or words (`smartEndpointingEnabled`:
            // true, false or `livekit`), when every text branch lists its words.
            _ if only(&["boolean", "string"]) && has("boolean") && !lim.words.is_empty() => {
                Some(Leaf::BooleanOrWord)
            }
            _ if only(&["number", "integer", "string"])
                && has("string")
                && !lim.words.is_empty() =>
            {
                Some(Leaf::NumberOrWord)
            }
            // Types that disagree but are never an object: text, with
            // nothing inside (`voice.speed`: number or any string).
            _ if types.iter().all(|t| t.is_some_and(|t| t != "object")) => Some(Leaf::Text),
            _ => None,
        };
        if let Some(leaf) = leaf.filter(|_| path.len() > 1) {
            let lim = match leaf {
                // Nothing is checked inside a value its providers type apart.
                Leaf::Text if agreed.is_none() => GenLimits::of(&ANY),
                Leaf::Array | Leaf::Object | Leaf::Boolean => GenLimits::of(&ANY),
                _ => lim,
            };
            out.push((path.join("."), leaf, lim));
        }
        if path.len() == DEPTH {
            return;
        }
        let mut children: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
        for b in &bs {
            for (k, v) in b["properties"].as_object().into_iter().flatten() {
                children.entry(k).or_default().push(v);
            }
        }
        for (k, vs) in children {
            path.push(k.to_string());
            walk(schema, path, &vs, out, required);
            path.pop();
        }
    }

    #[test]
    fn the_table_matches_the_official_schema() {
        let Some(schema) = crate::schema::tests::official_schema() else {
            return;
        };
        let (mut want, mut required) = (Vec::new(), Vec::new());
        let props = schema["$defs"]["AssistantOverrides"]["properties"]
            .as_object()
            .unwrap();
        for (k, v) in props {
            walk(
                &schema,
                &mut vec![k.clone()],
                &[v],
                &mut want,
                &mut required,
            );
        }
        required.sort_by(|a, b| a.0.split('.').cmp(b.0.split('.')));
        let ours: Vec<(String, Vec<String>)> = REQUIRED
            .iter()
            .map(|(p, r)| (p.to_string(), r.iter().map(|s| s.to_string()).collect()))
            .collect();
        if ours != required {
            let table: String = required
                .iter()
                .map(|(p, r)| format!("    ({p:?}, &{r:?}),\n"))
                .collect();
            std::fs::write(std::env::temp_dir().join("csv2dto-required.rs"), &table).unwrap();
            panic!("REQUIRED no longer matches the schema; the table is now (also in $TMPDIR/csv2dto-required.rs):\n{table}");
        }
        // Segment by segment, as `rule` searches.
        want.sort_by(|a, b| a.0.split('.').cmp(b.0.split('.')));
        let ours: Vec<(String, Leaf, GenLimits)> = LEAVES
            .iter()
            .map(|(p, l, lim)| (p.to_string(), *l, GenLimits::of(lim)))
            .collect();
        if ours != want {
            let table: String = want
                .iter()
                .map(|(p, l, lim)| format!("    ({p:?}, Leaf::{l:?}, {}),\n", lim.rust()))
                .collect();
            std::fs::write(std::env::temp_dir().join("csv2dto-leaves.rs"), &table).unwrap();
            panic!("LEAVES no longer matches the schema; the table is now (also in $TMPDIR/csv2dto-leaves.rs):\n{table}");
        }
    }

    #[test]
    fn lookups_find_typed_leaves_only() {
        let path = |s: &str| s.split('.').map(String::from).collect::<Vec<_>>();
        assert_eq!(
            leaf(&path("artifactPlan.recordingEnabled")),
            Some(Leaf::Boolean)
        );
        assert_eq!(
            leaf(&path("artifactPlan.recordingFormat")),
            Some(Leaf::Text)
        );
        assert_eq!(
            leaf(&path("voicemailDetection")),
            None,
            "an object or `off`"
        );
        assert_eq!(leaf(&path("artifactPlan.noSuchThing")), None);
        assert!(
            LEAVES.windows(2).all(|w| w[0].0 < w[1].0)
                && REQUIRED.windows(2).all(|w| w[0].0 < w[1].0),
            "sorted, no duplicates"
        );
        // What makes byte order the segment order `rule` relies on.
        let names = LEAVES
            .iter()
            .map(|(p, ..)| *p)
            .chain(REQUIRED.iter().map(|(p, _)| *p));
        for p in names {
            assert!(
                p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b':' || b == b'.'),
                "{p}"
            );
        }
        let mut tops: Vec<&str> = LEAVES
            .iter()
            .map(|(p, ..)| *p)
            .chain(REQUIRED.iter().map(|(p, _)| *p))
            .map(|p| p.split('.').next().unwrap())
            .collect();
        tops.sort();
        tops.dedup();
        assert_eq!(tops, TOPS, "TOPS is the tables' first segments");
        assert!(knows_inside("model") && knows_inside("voicemailDetection"));
        assert!(
            !knows_inside("variableValues") && !knows_inside("metadata") && !knows_inside("mod")
        );
    }
}
