//! The JSON type of the properties inside nested plans, for dotted columns
//! such as `assistantOverrides.artifactPlan.recordingEnabled`.
//!
//! Generated from `shared/vapi/customer-schema.json`: the test below walks the
//! schema and, when it no longer matches, prints the table to paste here.

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
}

impl Leaf {
    /// What the property takes, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Leaf::Boolean => "true or false",
            Leaf::Number => "a number",
            Leaf::Array => "a JSON array",
            Leaf::Object => "a JSON object",
            Leaf::Text => "text",
        }
    }
}

/// The type of the property at `path` below an `AssistantOverrides`
/// property (`["artifactPlan", "recordingEnabled"]`), or None for one that
/// may be an object or something else (`voicemailDetection`), one deeper
/// than the table, or one the schema does not know: those cells stay text.
pub fn leaf(path: &[String]) -> Option<Leaf> {
    let key = path.join(".");
    LEAVES
        .binary_search_by(|(p, _)| (*p).cmp(key.as_str()))
        .ok()
        .map(|i| LEAVES[i].1)
}

/// Every typed path of two to four segments, sorted. Generated; see the module doc.
pub const LEAVES: &[(&str, Leaf)] = &[
    ("analysisPlan.minMessagesThreshold", Leaf::Number),
    ("analysisPlan.outcomeIds", Leaf::Array),
    ("analysisPlan.structuredDataMultiPlan", Leaf::Array),
    ("analysisPlan.structuredDataPlan", Leaf::Object),
    ("analysisPlan.structuredDataPlan.enabled", Leaf::Boolean),
    ("analysisPlan.structuredDataPlan.messages", Leaf::Array),
    ("analysisPlan.structuredDataPlan.schema", Leaf::Object),
    (
        "analysisPlan.structuredDataPlan.schema.description",
        Leaf::Text,
    ),
    ("analysisPlan.structuredDataPlan.schema.enum", Leaf::Array),
    ("analysisPlan.structuredDataPlan.schema.format", Leaf::Text),
    ("analysisPlan.structuredDataPlan.schema.items", Leaf::Object),
    ("analysisPlan.structuredDataPlan.schema.pattern", Leaf::Text),
    (
        "analysisPlan.structuredDataPlan.schema.properties",
        Leaf::Object,
    ),
    (
        "analysisPlan.structuredDataPlan.schema.required",
        Leaf::Array,
    ),
    ("analysisPlan.structuredDataPlan.schema.title", Leaf::Text),
    ("analysisPlan.structuredDataPlan.schema.type", Leaf::Text),
    (
        "analysisPlan.structuredDataPlan.timeoutSeconds",
        Leaf::Number,
    ),
    ("analysisPlan.successEvaluationPlan", Leaf::Object),
    ("analysisPlan.successEvaluationPlan.enabled", Leaf::Boolean),
    ("analysisPlan.successEvaluationPlan.messages", Leaf::Array),
    ("analysisPlan.successEvaluationPlan.rubric", Leaf::Text),
    (
        "analysisPlan.successEvaluationPlan.timeoutSeconds",
        Leaf::Number,
    ),
    ("analysisPlan.summaryPlan", Leaf::Object),
    ("analysisPlan.summaryPlan.enabled", Leaf::Boolean),
    ("analysisPlan.summaryPlan.messages", Leaf::Array),
    ("analysisPlan.summaryPlan.timeoutSeconds", Leaf::Number),
    ("artifactPlan.fullMessageHistoryEnabled", Leaf::Boolean),
    ("artifactPlan.loggingEnabled", Leaf::Boolean),
    ("artifactPlan.loggingPath", Leaf::Text),
    ("artifactPlan.loggingUseCustomStorageEnabled", Leaf::Boolean),
    ("artifactPlan.pcapEnabled", Leaf::Boolean),
    ("artifactPlan.pcapS3PathPrefix", Leaf::Text),
    ("artifactPlan.pcapUseCustomStorageEnabled", Leaf::Boolean),
    ("artifactPlan.recordingEnabled", Leaf::Boolean),
    ("artifactPlan.recordingFormat", Leaf::Text),
    ("artifactPlan.recordingPath", Leaf::Text),
    (
        "artifactPlan.recordingUseCustomStorageEnabled",
        Leaf::Boolean,
    ),
    ("artifactPlan.scorecardIds", Leaf::Array),
    ("artifactPlan.scorecards", Leaf::Array),
    ("artifactPlan.structuredOutputIds", Leaf::Array),
    ("artifactPlan.structuredOutputs", Leaf::Array),
    ("artifactPlan.transcriptPlan", Leaf::Object),
    ("artifactPlan.transcriptPlan.assistantName", Leaf::Text),
    ("artifactPlan.transcriptPlan.enabled", Leaf::Boolean),
    ("artifactPlan.transcriptPlan.userName", Leaf::Text),
    ("artifactPlan.videoRecordingEnabled", Leaf::Boolean),
    (
        "backgroundSpeechDenoisingPlan.fourierDenoisingPlan",
        Leaf::Object,
    ),
    (
        "backgroundSpeechDenoisingPlan.fourierDenoisingPlan.baselineOffsetDb",
        Leaf::Number,
    ),
    (
        "backgroundSpeechDenoisingPlan.fourierDenoisingPlan.baselinePercentile",
        Leaf::Number,
    ),
    (
        "backgroundSpeechDenoisingPlan.fourierDenoisingPlan.enabled",
        Leaf::Boolean,
    ),
    (
        "backgroundSpeechDenoisingPlan.fourierDenoisingPlan.mediaDetectionEnabled",
        Leaf::Boolean,
    ),
    (
        "backgroundSpeechDenoisingPlan.fourierDenoisingPlan.staticThreshold",
        Leaf::Number,
    ),
    (
        "backgroundSpeechDenoisingPlan.fourierDenoisingPlan.windowSizeMs",
        Leaf::Number,
    ),
    (
        "backgroundSpeechDenoisingPlan.smartDenoisingPlan",
        Leaf::Object,
    ),
    (
        "backgroundSpeechDenoisingPlan.smartDenoisingPlan.enabled",
        Leaf::Boolean,
    ),
    ("compliancePlan.hipaaEnabled", Leaf::Boolean),
    ("compliancePlan.pciEnabled", Leaf::Boolean),
    ("compliancePlan.recordingConsentPlan", Leaf::Object),
    (
        "compliancePlan.recordingConsentPlan.declineTool",
        Leaf::Object,
    ),
    (
        "compliancePlan.recordingConsentPlan.declineToolId",
        Leaf::Text,
    ),
    (
        "compliancePlan.recordingConsentPlan.firstMessageMode",
        Leaf::Text,
    ),
    ("compliancePlan.recordingConsentPlan.message", Leaf::Text),
    ("compliancePlan.recordingConsentPlan.type", Leaf::Text),
    ("compliancePlan.recordingConsentPlan.voice", Leaf::Object),
    (
        "compliancePlan.recordingConsentPlan.voice.autoMode",
        Leaf::Boolean,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.cachingEnabled",
        Leaf::Boolean,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.callbackUrl",
        Leaf::Text,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.chunkPlan",
        Leaf::Object,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.conversationName",
        Leaf::Text,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.conversationalContext",
        Leaf::Text,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.customGreeting",
        Leaf::Text,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.description",
        Leaf::Text,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.emotion",
        Leaf::Text,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.enableSsml",
        Leaf::Boolean,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.enableSsmlParsing",
        Leaf::Boolean,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.experimentalControls",
        Leaf::Object,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.fallbackPlan",
        Leaf::Object,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.generationConfig",
        Leaf::Object,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.inlineSpeedAlpha",
        Leaf::Text,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.instructions",
        Leaf::Text,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.isCustomHumeVoice",
        Leaf::Boolean,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.languageBoost",
        Leaf::Text,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.languageCode",
        Leaf::Text,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.libraryIds",
        Leaf::Array,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.mipOptOut",
        Leaf::Boolean,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.model",
        Leaf::Text,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.optimizeStreamingLatency",
        Leaf::Number,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.pauseBetweenBrackets",
        Leaf::Boolean,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.personaId",
        Leaf::Text,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.phonemizeBetweenBrackets",
        Leaf::Boolean,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.pitch",
        Leaf::Number,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.pronunciationDictId",
        Leaf::Text,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.pronunciationDictionary",
        Leaf::Array,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.pronunciationDictionaryLocators",
        Leaf::Array,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.properties",
        Leaf::Object,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.provider",
        Leaf::Text,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.reduceLatency",
        Leaf::Boolean,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.region",
        Leaf::Text,
    ),
    ("compliancePlan.recordingConsentPlan.voice.role", Leaf::Text),
    (
        "compliancePlan.recordingConsentPlan.voice.server",
        Leaf::Object,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.similarityBoost",
        Leaf::Number,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.speakingRate",
        Leaf::Number,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.speed",
        Leaf::Number,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.stability",
        Leaf::Number,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.style",
        Leaf::Text,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.styleDegree",
        Leaf::Number,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.styleGuidance",
        Leaf::Number,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.subtitleType",
        Leaf::Text,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.temperature",
        Leaf::Number,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.textGuidance",
        Leaf::Number,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.textNormalizationEnabled",
        Leaf::Boolean,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.useSpeakerBoost",
        Leaf::Boolean,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.version",
        Leaf::Text,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.voiceGuidance",
        Leaf::Number,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.voiceId",
        Leaf::Text,
    ),
    (
        "compliancePlan.recordingConsentPlan.voice.volume",
        Leaf::Number,
    ),
    (
        "compliancePlan.recordingConsentPlan.waitSeconds",
        Leaf::Number,
    ),
    ("compliancePlan.securityFilterPlan", Leaf::Object),
    ("compliancePlan.securityFilterPlan.enabled", Leaf::Boolean),
    ("compliancePlan.securityFilterPlan.filters", Leaf::Array),
    ("compliancePlan.securityFilterPlan.mode", Leaf::Text),
    (
        "compliancePlan.securityFilterPlan.replacementText",
        Leaf::Text,
    ),
    ("keypadInputPlan.delimiters", Leaf::Text),
    ("keypadInputPlan.enabled", Leaf::Boolean),
    ("keypadInputPlan.timeoutSeconds", Leaf::Number),
    ("model.emotionRecognitionEnabled", Leaf::Boolean),
    ("model.fallbackModels", Leaf::Array),
    ("model.headers", Leaf::Object),
    ("model.knowledgeBase", Leaf::Object),
    ("model.knowledgeBase.provider", Leaf::Text),
    ("model.knowledgeBase.server", Leaf::Object),
    ("model.knowledgeBase.server.backoffPlan", Leaf::Object),
    ("model.knowledgeBase.server.credentialId", Leaf::Text),
    ("model.knowledgeBase.server.encryptedPaths", Leaf::Array),
    ("model.knowledgeBase.server.headers", Leaf::Object),
    (
        "model.knowledgeBase.server.staticIpAddressesEnabled",
        Leaf::Boolean,
    ),
    ("model.knowledgeBase.server.timeoutSeconds", Leaf::Number),
    ("model.knowledgeBase.server.url", Leaf::Text),
    ("model.maxTokens", Leaf::Number),
    ("model.messages", Leaf::Array),
    ("model.metadataSendMode", Leaf::Text),
    ("model.model", Leaf::Text),
    ("model.numFastTurns", Leaf::Number),
    ("model.promptCacheKey", Leaf::Text),
    ("model.promptCacheRetention", Leaf::Text),
    ("model.provider", Leaf::Text),
    ("model.realtimeConfig", Leaf::Object),
    ("model.realtimeConfig.frequencyPenalty", Leaf::Number),
    ("model.realtimeConfig.presencePenalty", Leaf::Number),
    ("model.realtimeConfig.speechConfig", Leaf::Object),
    (
        "model.realtimeConfig.speechConfig.voiceConfig",
        Leaf::Object,
    ),
    ("model.realtimeConfig.topK", Leaf::Number),
    ("model.realtimeConfig.topP", Leaf::Number),
    ("model.reasoningEffort", Leaf::Text),
    ("model.temperature", Leaf::Number),
    ("model.thinking", Leaf::Object),
    ("model.thinking.budgetTokens", Leaf::Number),
    ("model.thinking.type", Leaf::Text),
    ("model.timeoutSeconds", Leaf::Number),
    ("model.toolIds", Leaf::Array),
    ("model.toolRefs", Leaf::Array),
    ("model.toolStrictCompatibilityMode", Leaf::Text),
    ("model.tools", Leaf::Array),
    ("model.url", Leaf::Text),
    ("model.version", Leaf::Text),
    ("model.wordLevelConfidenceEnabled", Leaf::Boolean),
    ("model.workflow", Leaf::Object),
    ("model.workflow.analysisPlan", Leaf::Object),
    (
        "model.workflow.analysisPlan.minMessagesThreshold",
        Leaf::Number,
    ),
    ("model.workflow.analysisPlan.outcomeIds", Leaf::Array),
    (
        "model.workflow.analysisPlan.structuredDataMultiPlan",
        Leaf::Array,
    ),
    (
        "model.workflow.analysisPlan.structuredDataPlan",
        Leaf::Object,
    ),
    (
        "model.workflow.analysisPlan.successEvaluationPlan",
        Leaf::Object,
    ),
    ("model.workflow.analysisPlan.summaryPlan", Leaf::Object),
    ("model.workflow.artifactPlan", Leaf::Object),
    (
        "model.workflow.artifactPlan.fullMessageHistoryEnabled",
        Leaf::Boolean,
    ),
    ("model.workflow.artifactPlan.loggingEnabled", Leaf::Boolean),
    ("model.workflow.artifactPlan.loggingPath", Leaf::Text),
    (
        "model.workflow.artifactPlan.loggingUseCustomStorageEnabled",
        Leaf::Boolean,
    ),
    ("model.workflow.artifactPlan.pcapEnabled", Leaf::Boolean),
    ("model.workflow.artifactPlan.pcapS3PathPrefix", Leaf::Text),
    (
        "model.workflow.artifactPlan.pcapUseCustomStorageEnabled",
        Leaf::Boolean,
    ),
    (
        "model.workflow.artifactPlan.recordingEnabled",
        Leaf::Boolean,
    ),
    ("model.workflow.artifactPlan.recordingFormat", Leaf::Text),
    ("model.workflow.artifactPlan.recordingPath", Leaf::Text),
    (
        "model.workflow.artifactPlan.recordingUseCustomStorageEnabled",
        Leaf::Boolean,
    ),
    ("model.workflow.artifactPlan.scorecardIds", Leaf::Array),
    ("model.workflow.artifactPlan.scorecards", Leaf::Array),
    (
        "model.workflow.artifactPlan.structuredOutputIds",
        Leaf::Array,
    ),
    ("model.workflow.artifactPlan.structuredOutputs", Leaf::Array),
    ("model.workflow.artifactPlan.transcriptPlan", Leaf::Object),
    (
        "model.workflow.artifactPlan.videoRecordingEnabled",
        Leaf::Boolean,
    ),
    ("model.workflow.backgroundSound", Leaf::Text),
    ("model.workflow.backgroundSpeechDenoisingPlan", Leaf::Object),
    (
        "model.workflow.backgroundSpeechDenoisingPlan.fourierDenoisingPlan",
        Leaf::Object,
    ),
    (
        "model.workflow.backgroundSpeechDenoisingPlan.smartDenoisingPlan",
        Leaf::Object,
    ),
    ("model.workflow.compliancePlan", Leaf::Object),
    ("model.workflow.compliancePlan.hipaaEnabled", Leaf::Boolean),
    ("model.workflow.compliancePlan.pciEnabled", Leaf::Boolean),
    (
        "model.workflow.compliancePlan.recordingConsentPlan",
        Leaf::Object,
    ),
    (
        "model.workflow.compliancePlan.securityFilterPlan",
        Leaf::Object,
    ),
    ("model.workflow.credentialIds", Leaf::Array),
    ("model.workflow.credentials", Leaf::Array),
    ("model.workflow.edges", Leaf::Array),
    ("model.workflow.globalPrompt", Leaf::Text),
    ("model.workflow.hooks", Leaf::Array),
    ("model.workflow.keypadInputPlan", Leaf::Object),
    ("model.workflow.keypadInputPlan.delimiters", Leaf::Text),
    ("model.workflow.keypadInputPlan.enabled", Leaf::Boolean),
    (
        "model.workflow.keypadInputPlan.timeoutSeconds",
        Leaf::Number,
    ),
    ("model.workflow.maxDurationSeconds", Leaf::Number),
    ("model.workflow.model", Leaf::Object),
    ("model.workflow.model.headers", Leaf::Object),
    ("model.workflow.model.maxTokens", Leaf::Number),
    ("model.workflow.model.messages", Leaf::Array),
    ("model.workflow.model.metadataSendMode", Leaf::Text),
    ("model.workflow.model.model", Leaf::Text),
    ("model.workflow.model.provider", Leaf::Text),
    ("model.workflow.model.temperature", Leaf::Number),
    ("model.workflow.model.thinking", Leaf::Object),
    ("model.workflow.model.timeoutSeconds", Leaf::Number),
    ("model.workflow.model.url", Leaf::Text),
    ("model.workflow.monitorPlan", Leaf::Object),
    (
        "model.workflow.monitorPlan.controlAuthenticationEnabled",
        Leaf::Boolean,
    ),
    ("model.workflow.monitorPlan.controlEnabled", Leaf::Boolean),
    (
        "model.workflow.monitorPlan.listenAuthenticationEnabled",
        Leaf::Boolean,
    ),
    ("model.workflow.monitorPlan.listenEnabled", Leaf::Boolean),
    ("model.workflow.monitorPlan.monitorIds", Leaf::Array),
    ("model.workflow.name", Leaf::Text),
    ("model.workflow.nodes", Leaf::Array),
    ("model.workflow.observabilityPlan", Leaf::Object),
    ("model.workflow.observabilityPlan.metadata", Leaf::Object),
    ("model.workflow.observabilityPlan.promptName", Leaf::Text),
    (
        "model.workflow.observabilityPlan.promptVersion",
        Leaf::Number,
    ),
    ("model.workflow.observabilityPlan.provider", Leaf::Text),
    ("model.workflow.observabilityPlan.tags", Leaf::Array),
    ("model.workflow.observabilityPlan.traceName", Leaf::Text),
    ("model.workflow.server", Leaf::Object),
    ("model.workflow.server.backoffPlan", Leaf::Object),
    ("model.workflow.server.credentialId", Leaf::Text),
    ("model.workflow.server.encryptedPaths", Leaf::Array),
    ("model.workflow.server.headers", Leaf::Object),
    (
        "model.workflow.server.staticIpAddressesEnabled",
        Leaf::Boolean,
    ),
    ("model.workflow.server.timeoutSeconds", Leaf::Number),
    ("model.workflow.server.url", Leaf::Text),
    ("model.workflow.startSpeakingPlan", Leaf::Object),
    (
        "model.workflow.startSpeakingPlan.customEndpointingRules",
        Leaf::Array,
    ),
    (
        "model.workflow.startSpeakingPlan.smartEndpointingEnabled",
        Leaf::Text,
    ),
    (
        "model.workflow.startSpeakingPlan.smartEndpointingPlan",
        Leaf::Object,
    ),
    (
        "model.workflow.startSpeakingPlan.transcriptionEndpointingPlan",
        Leaf::Object,
    ),
    ("model.workflow.startSpeakingPlan.waitSeconds", Leaf::Number),
    ("model.workflow.stopSpeakingPlan", Leaf::Object),
    (
        "model.workflow.stopSpeakingPlan.acknowledgementPhrases",
        Leaf::Array,
    ),
    (
        "model.workflow.stopSpeakingPlan.backoffSeconds",
        Leaf::Number,
    ),
    (
        "model.workflow.stopSpeakingPlan.interruptionPhrases",
        Leaf::Array,
    ),
    ("model.workflow.stopSpeakingPlan.numWords", Leaf::Number),
    ("model.workflow.stopSpeakingPlan.voiceSeconds", Leaf::Number),
    ("model.workflow.transcriber", Leaf::Object),
    ("model.workflow.transcriber.agentContext", Leaf::Text),
    ("model.workflow.transcriber.audioEnhancer", Leaf::Boolean),
    (
        "model.workflow.transcriber.confidenceThreshold",
        Leaf::Number,
    ),
    ("model.workflow.transcriber.contextGeneral", Leaf::Array),
    ("model.workflow.transcriber.customVocabulary", Leaf::Array),
    (
        "model.workflow.transcriber.customVocabularyConfig",
        Leaf::Object,
    ),
    (
        "model.workflow.transcriber.customVocabularyEnabled",
        Leaf::Boolean,
    ),
    (
        "model.workflow.transcriber.disablePartialTranscripts",
        Leaf::Boolean,
    ),
    (
        "model.workflow.transcriber.enableDiarization",
        Leaf::Boolean,
    ),
    (
        "model.workflow.transcriber.endOfTurnConfidenceThreshold",
        Leaf::Number,
    ),
    (
        "model.workflow.transcriber.endOfTurnSensitivity",
        Leaf::Number,
    ),
    (
        "model.workflow.transcriber.endUtteranceSilenceThreshold",
        Leaf::Number,
    ),
    ("model.workflow.transcriber.endpointing", Leaf::Number),
    ("model.workflow.transcriber.eotThreshold", Leaf::Number),
    ("model.workflow.transcriber.eotTimeoutMs", Leaf::Number),
    ("model.workflow.transcriber.fallbackPlan", Leaf::Object),
    ("model.workflow.transcriber.formatTurns", Leaf::Boolean),
    ("model.workflow.transcriber.keyterm", Leaf::Array),
    ("model.workflow.transcriber.keytermsPrompt", Leaf::Array),
    ("model.workflow.transcriber.keywords", Leaf::Array),
    ("model.workflow.transcriber.language", Leaf::Text),
    ("model.workflow.transcriber.languageBehaviour", Leaf::Text),
    ("model.workflow.transcriber.languageCodes", Leaf::Array),
    (
        "model.workflow.transcriber.languageHintsStrict",
        Leaf::Boolean,
    ),
    ("model.workflow.transcriber.languages", Leaf::Array),
    ("model.workflow.transcriber.maxDelay", Leaf::Number),
    (
        "model.workflow.transcriber.maxEndpointDelayMs",
        Leaf::Number,
    ),
    ("model.workflow.transcriber.maxTurnSilence", Leaf::Number),
    (
        "model.workflow.transcriber.minEndOfTurnSilenceWhenConfident",
        Leaf::Number,
    ),
    (
        "model.workflow.transcriber.minSilenceDurationMs",
        Leaf::Number,
    ),
    (
        "model.workflow.transcriber.minSpeechDurationMs",
        Leaf::Number,
    ),
    (
        "model.workflow.transcriber.minimumSpeechDuration",
        Leaf::Number,
    ),
    ("model.workflow.transcriber.mipOptOut", Leaf::Boolean),
    ("model.workflow.transcriber.mode", Leaf::Text),
    ("model.workflow.transcriber.model", Leaf::Text),
    ("model.workflow.transcriber.numeralStyle", Leaf::Text),
    ("model.workflow.transcriber.numerals", Leaf::Boolean),
    ("model.workflow.transcriber.operatingPoint", Leaf::Text),
    ("model.workflow.transcriber.profanityFilter", Leaf::Boolean),
    ("model.workflow.transcriber.prompt", Leaf::Text),
    ("model.workflow.transcriber.prosody", Leaf::Boolean),
    ("model.workflow.transcriber.provider", Leaf::Text),
    ("model.workflow.transcriber.realtimeUrl", Leaf::Text),
    (
        "model.workflow.transcriber.receivePartialTranscripts",
        Leaf::Boolean,
    ),
    ("model.workflow.transcriber.redaction", Leaf::Array),
    ("model.workflow.transcriber.region", Leaf::Text),
    (
        "model.workflow.transcriber.removeDisfluencies",
        Leaf::Boolean,
    ),
    (
        "model.workflow.transcriber.segmentationMaximumTimeMs",
        Leaf::Number,
    ),
    (
        "model.workflow.transcriber.segmentationSilenceTimeoutMs",
        Leaf::Number,
    ),
    (
        "model.workflow.transcriber.segmentationStrategy",
        Leaf::Text,
    ),
    ("model.workflow.transcriber.server", Leaf::Object),
    (
        "model.workflow.transcriber.silenceThresholdSeconds",
        Leaf::Number,
    ),
    ("model.workflow.transcriber.smartFormat", Leaf::Boolean),
    ("model.workflow.transcriber.speechModel", Leaf::Text),
    ("model.workflow.transcriber.speechThreshold", Leaf::Number),
    ("model.workflow.transcriber.transcriptionHint", Leaf::Text),
    ("model.workflow.transcriber.turnTaking", Leaf::Text),
    (
        "model.workflow.transcriber.vadAssistedEndpointingEnabled",
        Leaf::Boolean,
    ),
    ("model.workflow.transcriber.version", Leaf::Text),
    ("model.workflow.transcriber.wordBoost", Leaf::Array),
    (
        "model.workflow.transcriber.wordFinalizationMaxWaitTime",
        Leaf::Number,
    ),
    ("model.workflow.voice", Leaf::Object),
    ("model.workflow.voice.autoMode", Leaf::Boolean),
    ("model.workflow.voice.cachingEnabled", Leaf::Boolean),
    ("model.workflow.voice.callbackUrl", Leaf::Text),
    ("model.workflow.voice.chunkPlan", Leaf::Object),
    ("model.workflow.voice.conversationName", Leaf::Text),
    ("model.workflow.voice.conversationalContext", Leaf::Text),
    ("model.workflow.voice.customGreeting", Leaf::Text),
    ("model.workflow.voice.description", Leaf::Text),
    ("model.workflow.voice.emotion", Leaf::Text),
    ("model.workflow.voice.enableSsml", Leaf::Boolean),
    ("model.workflow.voice.enableSsmlParsing", Leaf::Boolean),
    ("model.workflow.voice.experimentalControls", Leaf::Object),
    ("model.workflow.voice.fallbackPlan", Leaf::Object),
    ("model.workflow.voice.generationConfig", Leaf::Object),
    ("model.workflow.voice.inlineSpeedAlpha", Leaf::Text),
    ("model.workflow.voice.instructions", Leaf::Text),
    ("model.workflow.voice.isCustomHumeVoice", Leaf::Boolean),
    ("model.workflow.voice.languageBoost", Leaf::Text),
    ("model.workflow.voice.languageCode", Leaf::Text),
    ("model.workflow.voice.libraryIds", Leaf::Array),
    ("model.workflow.voice.mipOptOut", Leaf::Boolean),
    ("model.workflow.voice.model", Leaf::Text),
    (
        "model.workflow.voice.optimizeStreamingLatency",
        Leaf::Number,
    ),
    ("model.workflow.voice.pauseBetweenBrackets", Leaf::Boolean),
    ("model.workflow.voice.personaId", Leaf::Text),
    (
        "model.workflow.voice.phonemizeBetweenBrackets",
        Leaf::Boolean,
    ),
    ("model.workflow.voice.pitch", Leaf::Number),
    ("model.workflow.voice.pronunciationDictId", Leaf::Text),
    ("model.workflow.voice.pronunciationDictionary", Leaf::Array),
    (
        "model.workflow.voice.pronunciationDictionaryLocators",
        Leaf::Array,
    ),
    ("model.workflow.voice.properties", Leaf::Object),
    ("model.workflow.voice.provider", Leaf::Text),
    ("model.workflow.voice.reduceLatency", Leaf::Boolean),
    ("model.workflow.voice.region", Leaf::Text),
    ("model.workflow.voice.role", Leaf::Text),
    ("model.workflow.voice.server", Leaf::Object),
    ("model.workflow.voice.similarityBoost", Leaf::Number),
    ("model.workflow.voice.speakingRate", Leaf::Number),
    ("model.workflow.voice.speed", Leaf::Number),
    ("model.workflow.voice.stability", Leaf::Number),
    ("model.workflow.voice.style", Leaf::Text),
    ("model.workflow.voice.styleDegree", Leaf::Number),
    ("model.workflow.voice.styleGuidance", Leaf::Number),
    ("model.workflow.voice.subtitleType", Leaf::Text),
    ("model.workflow.voice.temperature", Leaf::Number),
    ("model.workflow.voice.textGuidance", Leaf::Number),
    (
        "model.workflow.voice.textNormalizationEnabled",
        Leaf::Boolean,
    ),
    ("model.workflow.voice.useSpeakerBoost", Leaf::Boolean),
    ("model.workflow.voice.version", Leaf::Text),
    ("model.workflow.voice.voiceGuidance", Leaf::Number),
    ("model.workflow.voice.voiceId", Leaf::Text),
    ("model.workflow.voice.volume", Leaf::Number),
    (
        "model.workflow.voicemailDetection.backoffPlan",
        Leaf::Object,
    ),
    (
        "model.workflow.voicemailDetection.beepMaxAwaitSeconds",
        Leaf::Number,
    ),
    ("model.workflow.voicemailDetection.enabled", Leaf::Boolean),
    (
        "model.workflow.voicemailDetection.machineDetectionSilenceTimeout",
        Leaf::Number,
    ),
    (
        "model.workflow.voicemailDetection.machineDetectionSpeechEndThreshold",
        Leaf::Number,
    ),
    (
        "model.workflow.voicemailDetection.machineDetectionSpeechThreshold",
        Leaf::Number,
    ),
    (
        "model.workflow.voicemailDetection.machineDetectionTimeout",
        Leaf::Number,
    ),
    ("model.workflow.voicemailDetection.provider", Leaf::Text),
    ("model.workflow.voicemailDetection.type", Leaf::Text),
    (
        "model.workflow.voicemailDetection.voicemailDetectionTypes",
        Leaf::Array,
    ),
    ("model.workflow.voicemailMessage", Leaf::Text),
    ("model.workflowId", Leaf::Text),
    ("monitorPlan.controlAuthenticationEnabled", Leaf::Boolean),
    ("monitorPlan.controlEnabled", Leaf::Boolean),
    ("monitorPlan.listenAuthenticationEnabled", Leaf::Boolean),
    ("monitorPlan.listenEnabled", Leaf::Boolean),
    ("monitorPlan.monitorIds", Leaf::Array),
    ("observabilityPlan.metadata", Leaf::Object),
    ("observabilityPlan.promptName", Leaf::Text),
    ("observabilityPlan.promptVersion", Leaf::Number),
    ("observabilityPlan.provider", Leaf::Text),
    ("observabilityPlan.tags", Leaf::Array),
    ("observabilityPlan.traceName", Leaf::Text),
    ("server.backoffPlan", Leaf::Object),
    ("server.backoffPlan.baseDelaySeconds", Leaf::Number),
    ("server.backoffPlan.excludedStatusCodes", Leaf::Array),
    ("server.backoffPlan.maxRetries", Leaf::Number),
    ("server.backoffPlan.type", Leaf::Text),
    ("server.credentialId", Leaf::Text),
    ("server.encryptedPaths", Leaf::Array),
    ("server.headers", Leaf::Object),
    ("server.staticIpAddressesEnabled", Leaf::Boolean),
    ("server.timeoutSeconds", Leaf::Number),
    ("server.url", Leaf::Text),
    ("startSpeakingPlan.customEndpointingRules", Leaf::Array),
    ("startSpeakingPlan.smartEndpointingEnabled", Leaf::Text),
    ("startSpeakingPlan.smartEndpointingPlan", Leaf::Object),
    (
        "startSpeakingPlan.smartEndpointingPlan.provider",
        Leaf::Text,
    ),
    (
        "startSpeakingPlan.smartEndpointingPlan.server",
        Leaf::Object,
    ),
    (
        "startSpeakingPlan.smartEndpointingPlan.server.backoffPlan",
        Leaf::Object,
    ),
    (
        "startSpeakingPlan.smartEndpointingPlan.server.credentialId",
        Leaf::Text,
    ),
    (
        "startSpeakingPlan.smartEndpointingPlan.server.encryptedPaths",
        Leaf::Array,
    ),
    (
        "startSpeakingPlan.smartEndpointingPlan.server.headers",
        Leaf::Object,
    ),
    (
        "startSpeakingPlan.smartEndpointingPlan.server.staticIpAddressesEnabled",
        Leaf::Boolean,
    ),
    (
        "startSpeakingPlan.smartEndpointingPlan.server.timeoutSeconds",
        Leaf::Number,
    ),
    (
        "startSpeakingPlan.smartEndpointingPlan.server.url",
        Leaf::Text,
    ),
    (
        "startSpeakingPlan.smartEndpointingPlan.waitFunction",
        Leaf::Text,
    ),
    (
        "startSpeakingPlan.transcriptionEndpointingPlan",
        Leaf::Object,
    ),
    (
        "startSpeakingPlan.transcriptionEndpointingPlan.onNoPunctuationSeconds",
        Leaf::Number,
    ),
    (
        "startSpeakingPlan.transcriptionEndpointingPlan.onNumberSeconds",
        Leaf::Number,
    ),
    (
        "startSpeakingPlan.transcriptionEndpointingPlan.onPunctuationSeconds",
        Leaf::Number,
    ),
    ("startSpeakingPlan.waitSeconds", Leaf::Number),
    ("stopSpeakingPlan.acknowledgementPhrases", Leaf::Array),
    ("stopSpeakingPlan.backoffSeconds", Leaf::Number),
    ("stopSpeakingPlan.interruptionPhrases", Leaf::Array),
    ("stopSpeakingPlan.numWords", Leaf::Number),
    ("stopSpeakingPlan.voiceSeconds", Leaf::Number),
    ("transcriber.agentContext", Leaf::Text),
    ("transcriber.audioEnhancer", Leaf::Boolean),
    ("transcriber.confidenceThreshold", Leaf::Number),
    ("transcriber.contextGeneral", Leaf::Array),
    ("transcriber.customVocabulary", Leaf::Array),
    ("transcriber.customVocabularyConfig", Leaf::Object),
    (
        "transcriber.customVocabularyConfig.defaultIntensity",
        Leaf::Number,
    ),
    ("transcriber.customVocabularyConfig.vocabulary", Leaf::Array),
    ("transcriber.customVocabularyEnabled", Leaf::Boolean),
    ("transcriber.disablePartialTranscripts", Leaf::Boolean),
    ("transcriber.enableDiarization", Leaf::Boolean),
    ("transcriber.endOfTurnConfidenceThreshold", Leaf::Number),
    ("transcriber.endOfTurnSensitivity", Leaf::Number),
    ("transcriber.endUtteranceSilenceThreshold", Leaf::Number),
    ("transcriber.endpointing", Leaf::Number),
    ("transcriber.eotThreshold", Leaf::Number),
    ("transcriber.eotTimeoutMs", Leaf::Number),
    ("transcriber.fallbackPlan", Leaf::Object),
    ("transcriber.fallbackPlan.transcribers", Leaf::Array),
    ("transcriber.formatTurns", Leaf::Boolean),
    ("transcriber.keyterm", Leaf::Array),
    ("transcriber.keytermsPrompt", Leaf::Array),
    ("transcriber.keywords", Leaf::Array),
    ("transcriber.language", Leaf::Text),
    ("transcriber.languageBehaviour", Leaf::Text),
    ("transcriber.languageCodes", Leaf::Array),
    ("transcriber.languageHintsStrict", Leaf::Boolean),
    ("transcriber.languages", Leaf::Array),
    ("transcriber.maxDelay", Leaf::Number),
    ("transcriber.maxEndpointDelayMs", Leaf::Number),
    ("transcriber.maxTurnSilence", Leaf::Number),
    ("transcriber.minEndOfTurnSilenceWhenConfident", Leaf::Number),
    ("transcriber.minSilenceDurationMs", Leaf::Number),
    ("transcriber.minSpeechDurationMs", Leaf::Number),
    ("transcriber.minimumSpeechDuration", Leaf::Number),
    ("transcriber.mipOptOut", Leaf::Boolean),
    ("transcriber.mode", Leaf::Text),
    ("transcriber.model", Leaf::Text),
    ("transcriber.numeralStyle", Leaf::Text),
    ("transcriber.numerals", Leaf::Boolean),
    ("transcriber.operatingPoint", Leaf::Text),
    ("transcriber.profanityFilter", Leaf::Boolean),
    ("transcriber.prompt", Leaf::Text),
    ("transcriber.prosody", Leaf::Boolean),
    ("transcriber.provider", Leaf::Text),
    ("transcriber.realtimeUrl", Leaf::Text),
    ("transcriber.receivePartialTranscripts", Leaf::Boolean),
    ("transcriber.redaction", Leaf::Array),
    ("transcriber.region", Leaf::Text),
    ("transcriber.removeDisfluencies", Leaf::Boolean),
    ("transcriber.segmentationMaximumTimeMs", Leaf::Number),
    ("transcriber.segmentationSilenceTimeoutMs", Leaf::Number),
    ("transcriber.segmentationStrategy", Leaf::Text),
    ("transcriber.server", Leaf::Object),
    ("transcriber.server.backoffPlan", Leaf::Object),
    (
        "transcriber.server.backoffPlan.baseDelaySeconds",
        Leaf::Number,
    ),
    (
        "transcriber.server.backoffPlan.excludedStatusCodes",
        Leaf::Array,
    ),
    ("transcriber.server.backoffPlan.maxRetries", Leaf::Number),
    ("transcriber.server.backoffPlan.type", Leaf::Text),
    ("transcriber.server.credentialId", Leaf::Text),
    ("transcriber.server.encryptedPaths", Leaf::Array),
    ("transcriber.server.headers", Leaf::Object),
    ("transcriber.server.staticIpAddressesEnabled", Leaf::Boolean),
    ("transcriber.server.timeoutSeconds", Leaf::Number),
    ("transcriber.server.url", Leaf::Text),
    ("transcriber.silenceThresholdSeconds", Leaf::Number),
    ("transcriber.smartFormat", Leaf::Boolean),
    ("transcriber.speechModel", Leaf::Text),
    ("transcriber.speechThreshold", Leaf::Number),
    ("transcriber.transcriptionHint", Leaf::Text),
    ("transcriber.turnTaking", Leaf::Text),
    ("transcriber.vadAssistedEndpointingEnabled", Leaf::Boolean),
    ("transcriber.version", Leaf::Text),
    ("transcriber.wordBoost", Leaf::Array),
    ("transcriber.wordFinalizationMaxWaitTime", Leaf::Number),
    ("voice.autoMode", Leaf::Boolean),
    ("voice.cachingEnabled", Leaf::Boolean),
    ("voice.callbackUrl", Leaf::Text),
    ("voice.chunkPlan", Leaf::Object),
    ("voice.chunkPlan.enabled", Leaf::Boolean),
    ("voice.chunkPlan.formatPlan", Leaf::Object),
    ("voice.chunkPlan.formatPlan.enabled", Leaf::Boolean),
    ("voice.chunkPlan.formatPlan.formattersEnabled", Leaf::Array),
    (
        "voice.chunkPlan.formatPlan.numberToDigitsCutoff",
        Leaf::Number,
    ),
    ("voice.chunkPlan.formatPlan.replacements", Leaf::Array),
    ("voice.chunkPlan.minCharacters", Leaf::Number),
    ("voice.chunkPlan.punctuationBoundaries", Leaf::Array),
    ("voice.conversationName", Leaf::Text),
    ("voice.conversationalContext", Leaf::Text),
    ("voice.customGreeting", Leaf::Text),
    ("voice.description", Leaf::Text),
    ("voice.emotion", Leaf::Text),
    ("voice.enableSsml", Leaf::Boolean),
    ("voice.enableSsmlParsing", Leaf::Boolean),
    ("voice.experimentalControls", Leaf::Object),
    ("voice.experimentalControls.emotion", Leaf::Text),
    ("voice.experimentalControls.speed", Leaf::Text),
    ("voice.fallbackPlan", Leaf::Object),
    ("voice.fallbackPlan.voices", Leaf::Array),
    ("voice.generationConfig", Leaf::Object),
    ("voice.generationConfig.experimental", Leaf::Object),
    (
        "voice.generationConfig.experimental.accentLocalization",
        Leaf::Number,
    ),
    ("voice.generationConfig.speed", Leaf::Number),
    ("voice.generationConfig.volume", Leaf::Number),
    ("voice.inlineSpeedAlpha", Leaf::Text),
    ("voice.instructions", Leaf::Text),
    ("voice.isCustomHumeVoice", Leaf::Boolean),
    ("voice.languageBoost", Leaf::Text),
    ("voice.languageCode", Leaf::Text),
    ("voice.libraryIds", Leaf::Array),
    ("voice.mipOptOut", Leaf::Boolean),
    ("voice.model", Leaf::Text),
    ("voice.optimizeStreamingLatency", Leaf::Number),
    ("voice.pauseBetweenBrackets", Leaf::Boolean),
    ("voice.personaId", Leaf::Text),
    ("voice.phonemizeBetweenBrackets", Leaf::Boolean),
    ("voice.pitch", Leaf::Number),
    ("voice.pronunciationDictId", Leaf::Text),
    ("voice.pronunciationDictionary", Leaf::Array),
    ("voice.pronunciationDictionaryLocators", Leaf::Array),
    ("voice.properties", Leaf::Object),
    ("voice.properties.applyGreenscreen", Leaf::Boolean),
    ("voice.properties.awsAssumeRoleArn", Leaf::Text),
    ("voice.properties.enableRecording", Leaf::Boolean),
    ("voice.properties.enableTranscription", Leaf::Boolean),
    ("voice.properties.language", Leaf::Text),
    ("voice.properties.maxCallDuration", Leaf::Number),
    ("voice.properties.participantAbsentTimeout", Leaf::Number),
    ("voice.properties.participantLeftTimeout", Leaf::Number),
    ("voice.properties.recordingS3BucketName", Leaf::Text),
    ("voice.properties.recordingS3BucketRegion", Leaf::Text),
    ("voice.provider", Leaf::Text),
    ("voice.reduceLatency", Leaf::Boolean),
    ("voice.region", Leaf::Text),
    ("voice.role", Leaf::Text),
    ("voice.server", Leaf::Object),
    ("voice.server.backoffPlan", Leaf::Object),
    ("voice.server.backoffPlan.baseDelaySeconds", Leaf::Number),
    ("voice.server.backoffPlan.excludedStatusCodes", Leaf::Array),
    ("voice.server.backoffPlan.maxRetries", Leaf::Number),
    ("voice.server.backoffPlan.type", Leaf::Text),
    ("voice.server.credentialId", Leaf::Text),
    ("voice.server.encryptedPaths", Leaf::Array),
    ("voice.server.headers", Leaf::Object),
    ("voice.server.staticIpAddressesEnabled", Leaf::Boolean),
    ("voice.server.timeoutSeconds", Leaf::Number),
    ("voice.server.url", Leaf::Text),
    ("voice.similarityBoost", Leaf::Number),
    ("voice.speakingRate", Leaf::Number),
    ("voice.speed", Leaf::Number),
    ("voice.stability", Leaf::Number),
    ("voice.style", Leaf::Text),
    ("voice.styleDegree", Leaf::Number),
    ("voice.styleGuidance", Leaf::Number),
    ("voice.subtitleType", Leaf::Text),
    ("voice.temperature", Leaf::Number),
    ("voice.textGuidance", Leaf::Number),
    ("voice.textNormalizationEnabled", Leaf::Boolean),
    ("voice.useSpeakerBoost", Leaf::Boolean),
    ("voice.version", Leaf::Text),
    ("voice.voiceGuidance", Leaf::Number),
    ("voice.voiceId", Leaf::Text),
    ("voice.volume", Leaf::Number),
    ("voicemailDetection.backoffPlan", Leaf::Object),
    (
        "voicemailDetection.backoffPlan.frequencySeconds",
        Leaf::Number,
    ),
    ("voicemailDetection.backoffPlan.maxRetries", Leaf::Number),
    (
        "voicemailDetection.backoffPlan.startAtSeconds",
        Leaf::Number,
    ),
    ("voicemailDetection.beepMaxAwaitSeconds", Leaf::Number),
    ("voicemailDetection.enabled", Leaf::Boolean),
    (
        "voicemailDetection.machineDetectionSilenceTimeout",
        Leaf::Number,
    ),
    (
        "voicemailDetection.machineDetectionSpeechEndThreshold",
        Leaf::Number,
    ),
    (
        "voicemailDetection.machineDetectionSpeechThreshold",
        Leaf::Number,
    ),
    ("voicemailDetection.machineDetectionTimeout", Leaf::Number),
    ("voicemailDetection.provider", Leaf::Text),
    ("voicemailDetection.type", Leaf::Text),
    ("voicemailDetection.voicemailDetectionTypes", Leaf::Array),
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

    fn walk<'s>(
        schema: &'s Value,
        path: &mut Vec<String>,
        nodes: &[&'s Value],
        out: &mut Vec<(String, Leaf)>,
    ) {
        let mut bs = Vec::new();
        for n in nodes {
            branches(schema, n, &mut bs);
        }
        let types: Vec<Option<&str>> = bs.iter().map(|b| type_of(b)).collect();
        let agreed = types[0].filter(|_| types.iter().all(|t| *t == types[0]));
        let leaf = match agreed {
            Some("boolean") => Some(Leaf::Boolean),
            Some("number" | "integer") => Some(Leaf::Number),
            Some("array") => Some(Leaf::Array),
            Some("object") => Some(Leaf::Object),
            Some("string") => Some(Leaf::Text),
            // Types that disagree but are never an object: text, with
            // nothing inside (`voice.speed`: number or string).
            _ if types.iter().all(|t| t.is_some_and(|t| t != "object")) => Some(Leaf::Text),
            _ => None,
        };
        if let Some(leaf) = leaf.filter(|_| path.len() > 1) {
            out.push((path.join("."), leaf));
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
            walk(schema, path, &vs, out);
            path.pop();
        }
    }

    #[test]
    fn the_table_matches_the_official_schema() {
        let Some(schema) = crate::schema::tests::official_schema() else {
            return;
        };
        let mut want = Vec::new();
        let props = schema["$defs"]["AssistantOverrides"]["properties"]
            .as_object()
            .unwrap();
        for (k, v) in props {
            walk(&schema, &mut vec![k.clone()], &[v], &mut want);
        }
        want.sort_by(|a, b| a.0.cmp(&b.0));
        let ours: Vec<(String, Leaf)> = LEAVES.iter().map(|(p, l)| (p.to_string(), *l)).collect();
        if ours != want {
            let table: String = want
                .iter()
                .map(|(p, l)| format!("    ({p:?}, Leaf::{l:?}),\n"))
                .collect();
            panic!("LEAVES no longer matches the schema; the table is now:\n{table}");
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
            LEAVES.windows(2).all(|w| w[0].0 < w[1].0),
            "sorted, no duplicates"
        );
    }
}
