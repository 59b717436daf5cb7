//! Compiled unions of the phone library's patterns, as `validity` matches them: one
//! pattern or a union of several as a fully compiled DFA (`Matcher`), several patterns
//! walked together with every match reported (`DfaSet`, `PatternSet`), and the regex
//! crate's engines as the fallback for anything that does not fit a DFA.

use regex::bytes::{Regex, RegexBuilder, RegexSetBuilder};
use regex_automata::dfa::{dense, Automaton, StartKind};
use regex_automata::nfa::thompson;
use regex_automata::util::syntax;
use regex_automata::util::{primitives::StateID, start};
use regex_automata::{Anchored, MatchKind};

use super::MIN_WRAPPED_LEN;

/// A compiled union of full-match patterns.
pub(super) enum Matcher {
    Never,
    Always,
    /// Fully compiled: a match is one walk over the table, and workers share it
    /// without a search cache to contend for.
    Dfa(Box<Dfa>),
    /// What a union too big for `Dfa` is left as (a lazy DFA behind a cache pool).
    Regex(Regex),
}

/// A dense DFA answering anchored searches only, with its start state (the patterns
/// start with `^`, so the state for the start of the text).
pub(super) struct Dfa {
    pub(super) dfa: dense::DFA<Vec<u32>>,
    start: StateID,
}

impl Dfa {
    /// Whether the DFA matches a prefix of `haystack`; `None` if it gives up (it
    /// has no quit bytes, so it never does). A walk over the table, stopping at
    /// the first match, as the crate's search loop does without its set-up.
    fn is_match(&self, haystack: &[u8]) -> Option<bool> {
        let dfa = &self.dfa;
        let mut state = self.start;
        for &b in haystack {
            state = dfa.next_state(state, b);
            if dfa.is_special_state(state) {
                // Matches show one byte late: this one ended before `b`.
                if dfa.is_match_state(state) {
                    return Some(true);
                }
                if dfa.is_dead_state(state) {
                    return Some(false);
                }
                if dfa.is_quit_state(state) {
                    return None;
                }
            }
        }
        Some(dfa.is_match_state(dfa.next_eoi_state(state)))
    }
}

/// The most memory one union's DFA may take, as built and while being built. Unions
/// of phone patterns take a few kB to a few hundred; anything over is left to `Regex`.
const DFA_SIZE_LIMIT: usize = 1 << 20;

impl Matcher {
    /// Matches what any of `patterns` full-matches as the library compiles them; `None`
    /// when the union does not compile.
    pub(super) fn any_of<'p>(
        patterns: impl IntoIterator<Item = Option<&'p str>>,
    ) -> Option<Matcher> {
        match union_of(patterns) {
            Ok(union) => Matcher::compile(&union),
            Err(trivial) => Some(trivial),
        }
    }

    /// The library's prefix match of a stored `^(?:…)$` pattern (its `anchor_start`: the
    /// pattern without the `$`): a missing pattern never matches, one too short to be
    /// wrapped always does. `None` when it does not compile.
    pub(super) fn anchor_start(pattern: Option<&str>) -> Option<Matcher> {
        match pattern {
            None => Some(Matcher::Never),
            Some(p) if p.len() < MIN_WRAPPED_LEN => Some(Matcher::Always),
            Some(p) => Matcher::compile(p.strip_suffix('$')?),
        }
    }

    /// Compiles without Unicode classes: `\d` is then `[0-9]` instead of every Unicode
    /// digit, a far smaller automaton, and the same verdicts on national significant
    /// numbers, which are ASCII digits only. A DFA when one fits `DFA_SIZE_LIMIT`.
    pub(super) fn compile(pattern: &str) -> Option<Matcher> {
        let dfa = dfa_builder(MatchKind::LeftmostFirst).build(pattern);
        if let Ok(dfa) = dfa {
            let anchored = start::Config::new().anchored(Anchored::Yes);
            if let Ok(start) = dfa.start_state(&anchored) {
                return Some(Matcher::Dfa(Box::new(Dfa { dfa, start })));
            }
        }
        RegexBuilder::new(pattern)
            .unicode(false)
            .build()
            .ok()
            .map(Matcher::Regex)
    }

    /// Whether the pattern matches at the start of `nsn` (the patterns carry their
    /// own `$` where the match must be whole). `None`: ask the library.
    pub(super) fn is_match(&self, nsn: &[u8]) -> Option<bool> {
        match self {
            Matcher::Never => Some(false),
            Matcher::Always => Some(true),
            Matcher::Dfa(dfa) => dfa.is_match(nsn),
            Matcher::Regex(r) => Some(r.is_match(nsn)),
        }
    }
}

/// How every DFA here is built: anchored searches only, within `DFA_SIZE_LIMIT`, and
/// without Unicode classes (see `Matcher::compile`).
fn dfa_builder(match_kind: MatchKind) -> dense::Builder {
    let mut builder = dense::Builder::new();
    builder
        .configure(
            dense::Config::new()
                .start_kind(StartKind::Anchored)
                .match_kind(match_kind)
                .dfa_size_limit(Some(DFA_SIZE_LIMIT))
                .determinize_size_limit(Some(DFA_SIZE_LIMIT)),
        )
        .syntax(syntax::Config::new().unicode(false).utf8(false))
        .thompson(thompson::Config::new().utf8(false));
    builder
}

/// One pattern matching what any of `patterns` full-matches, each keeping its own
/// anchors and groups; `Err` with the answer when no regex is needed.
pub(super) fn union_of<'p>(
    patterns: impl IntoIterator<Item = Option<&'p str>>,
) -> Result<String, Matcher> {
    let patterns: Vec<&str> = patterns.into_iter().flatten().collect();
    if patterns.iter().any(|p| p.len() < MIN_WRAPPED_LEN) {
        return Err(Matcher::Always);
    }
    if patterns.is_empty() {
        return Err(Matcher::Never);
    }
    Ok(patterns
        .iter()
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|"))
}

/// Start-anchored patterns searched together: which of them match at the start.
pub(super) enum PatternSet {
    /// Fully compiled: one walk over a table reports every pattern.
    Dfa(Box<DfaSet>),
    /// What a set too big for `DfaSet` is left as.
    Regex(regex::bytes::RegexSet),
}

impl PatternSet {
    /// Compiled as `Matcher::compile` compiles one pattern; `None` when they do not compile.
    pub(super) fn compile(patterns: &[&str]) -> Option<PatternSet> {
        if let Some(set) = DfaSet::build(patterns) {
            return Some(PatternSet::Dfa(Box::new(set)));
        }
        RegexSetBuilder::new(patterns)
            .unicode(false)
            .build()
            .ok()
            .map(PatternSet::Regex)
    }

    /// Calls `found` with the index of every pattern matching `haystack`, at least once.
    pub(super) fn for_each_match(&self, haystack: &[u8], found: impl FnMut(usize)) {
        match self {
            PatternSet::Dfa(set) => set.for_each_match(haystack, found),
            PatternSet::Regex(set) => set.matches(haystack).iter().for_each(found),
        }
    }
}

/// A dense DFA over several start-anchored patterns that keeps every match (the
/// `MatchKind::All` a regex set uses), so one walk finds all the patterns that match.
pub(super) struct DfaSet {
    dfa: dense::DFA<Vec<u32>>,
    start: StateID,
}

impl DfaSet {
    /// `None` when the patterns do not compile to a DFA within `DFA_SIZE_LIMIT`.
    pub(super) fn build(patterns: &[&str]) -> Option<DfaSet> {
        let dfa = dfa_builder(MatchKind::All).build_many(patterns).ok()?;
        let start = dfa
            .start_state(&start::Config::new().anchored(Anchored::Yes))
            .ok()?;
        Some(DfaSet { dfa, start })
    }

    /// Walks `haystack` up to its end, or to where no pattern can match any more,
    /// reporting the patterns of every match state on the way: at least once each
    /// pattern that matches some prefix (the patterns are anchored at the start, so
    /// one whose match must reach the end has its `$`).
    pub(super) fn for_each_match(&self, haystack: &[u8], mut found: impl FnMut(usize)) {
        let dfa = &self.dfa;
        let mut report = |state| {
            for i in 0..dfa.match_len(state) {
                found(dfa.match_pattern(state, i).as_usize());
            }
        };
        let mut state = self.start;
        for &b in haystack {
            state = dfa.next_state(state, b);
            if dfa.is_special_state(state) {
                // Matches show one byte late: these ended before `b`.
                if dfa.is_match_state(state) {
                    report(state);
                } else if dfa.is_dead_state(state) {
                    return;
                }
            }
        }
        let eoi = dfa.next_eoi_state(state);
        if dfa.is_match_state(eoi) {
            report(eoi);
        }
    }
}
