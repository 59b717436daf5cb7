//! `assistantOverrides` / `squadOverrides` per row: merge the three sources, then check.
//!
//! Sources, later winning on the same key and objects merged deeply: the JSON
//! column, the dotted-path columns, then template-variable columns. The merged
//! object is checked against the official property list (the API refuses
//! unknown keys) and the types of the properties a CSV realistically sets.

use serde_json::{Map, Value};

use crate::dto::Overrides;
use crate::schema::leaves::{Leaf, Limits};
use crate::schema::{self, Kind, Shape};

/// A problem with one row's overrides: stable code and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideError {
    /// Stable code (`invalid_json`, `overrides_not_object`, ...).
    pub code: &'static str,
    /// What is wrong and how to fix it.
    pub message: String,
    /// The column to fix.
    pub source: Source,
}

/// Which of a row's [`Sources`] a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The JSON column.
    Json,
    /// `Sources::paths[i]`.
    Path(usize),
}

fn err(code: &'static str, message: String, source: Source) -> OverrideError {
    OverrideError {
        code,
        message,
        source,
    }
}

/// The inputs of one overrides object for one row (cells already trimmed, empty ones left out).
#[derive(Debug, Default)]
pub struct Sources<'r> {
    /// The JSON column's cell.
    pub json: Option<&'r str>,
    /// (path, is_json, cell) for each dotted column with a value.
    pub paths: Vec<(&'r [String], bool, &'r str)>,
    /// (name, value) of each template variable with a value.
    pub variables: crate::dto::Variables<'r>,
}

/// Merges and checks one row's sources. Returns every problem found.
pub fn build<'r>(src: Sources<'r>) -> Result<Overrides<'r>, Vec<OverrideError>> {
    if src.json.is_none() && src.paths.is_empty() {
        // The common case: only extra columns. Nothing to parse, nothing to check.
        return Ok(if src.variables.is_empty() {
            Overrides::None
        } else {
            Overrides::Variables(src.variables)
        });
    }
    let mut errors = Vec::new();
    let mut obj = Map::new();
    if let Some(text) = src.json {
        match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(m)) => {
                if m.values().any(may_be_inexact) {
                    errors.extend(inexact_number(text, Source::Json));
                }
                for (k, v) in m.iter().filter(|(_, v)| v.is_object()) {
                    nested_problems(&mut k.clone(), 1, v, Source::Json, &mut errors);
                }
                obj = m;
            }
            Ok(other) => errors.push(err(
                "overrides_not_object",
                format!(
                    "must be a JSON object like {{\"firstMessage\":\"Hi\"}}, not {}",
                    json_type(&other)
                ),
                Source::Json,
            )),
            Err(e) => errors.push(err(
                "invalid_json",
                format!("not valid JSON: {e}"),
                Source::Json,
            )),
        }
    }
    // The top-level key each path column sets: a problem with a key is in the
    // last column that set it (the JSON column when none did). A column whose
    // value was refused set nothing: its key's value is another column's.
    let mut keys: Vec<&str> = src
        .paths
        .iter()
        .map(|(path, ..)| path[0].as_str())
        .collect();
    for (i, (path, is_json, cell)) in src.paths.into_iter().enumerate() {
        let value = if is_json {
            match typed_cell(path, cell) {
                Ok(v) => {
                    if let Some(e) = may_be_inexact(&v)
                        .then(|| inexact_number(cell, Source::Path(i)))
                        .flatten()
                    {
                        errors.push(e);
                        keys[i] = "";
                        continue;
                    }
                    if v.is_object() {
                        let before = errors.len();
                        let depth = path.len();
                        nested_problems(
                            &mut path.join("."),
                            depth,
                            &v,
                            Source::Path(i),
                            &mut errors,
                        );
                        if errors.len() > before {
                            keys[i] = "";
                            continue;
                        }
                    }
                    v
                }
                Err((code, message)) => {
                    // The column named in the reason is this path's own.
                    errors.push(err(code, message, Source::Path(i)));
                    keys[i] = "";
                    continue;
                }
            }
        } else if path.len() > 1 {
            // Text inside a plan: its words and length (`recordingFormat`).
            match nested_cell(path, cell) {
                Ok(v) => v,
                Err((code, message)) => {
                    errors.push(err(code, message, Source::Path(i)));
                    keys[i] = "";
                    continue;
                }
            }
        } else {
            Value::String(cell.to_string())
        };
        if let Err(holder) = set_path(&mut obj, path, value) {
            errors.push(err(
                "invalid_override_value",
                format!(
                    "`{holder}, so `{}` cannot be set inside it; leave one of the two empty",
                    path.join(".")
                ),
                Source::Path(i),
            ));
            keys[i] = "";
        }
    }
    // Variables become the object's last key. Without a `variableValues` of
    // the object's own they are written from the record as they are (an
    // object, which the check would pass); otherwise they are merged into it.
    let mut variables = src.variables;
    // A `variableValues` that is no object is rejected by `check`; merging
    // the variables into it would replace it and hide that.
    if !variables.is_empty() && obj.get("variableValues").is_some_and(Value::is_object) {
        let vars: Map<String, Value> = variables
            .drain(..)
            .map(|(k, v)| (k.to_string(), Value::String(v.to_string())))
            .collect();
        merge(&mut obj, "variableValues", Value::Object(vars));
    }
    check(&obj, &keys, &mut errors);
    for (key, value) in obj.iter().filter(|(_, v)| v.is_object()) {
        let source = keys
            .iter()
            .rposition(|k| k == key)
            .map_or(Source::Json, Source::Path);
        missing_required(&mut key.clone(), 1, value, source, &mut errors);
    }
    if errors.is_empty() {
        Ok(Overrides::Object(obj, variables))
    } else {
        Err(errors)
    }
}

/// A problem with the first number in JSON `text` (outside strings) whose
/// digits a JSON number does not keep: the API's JavaScript reads it as the
/// nearest double and writes that back in its shortest form, so an account
/// number past 2^53 (`9007199254740993`), or a value written with more
/// digits than a double holds (`12345678901234567890.0`, `0.10000000000000000001`),
/// would arrive changed, without a word. Written as a string it arrives as it is.
/// Round values pass (`10000000000000000` is `1e16`), as do all numbers of up
/// to 15 significant digits in a double's range.
fn inexact_number(text: &str, source: Source) -> Option<OverrideError> {
    let bytes = text.as_bytes();
    let (mut i, mut in_string) = (0, false);
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'-' | b'0'..=b'9' => {
                let start = i - 1;
                while i < bytes.len()
                    && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    i += 1;
                }
                let token = &text[start..i];
                if let Some(arrives) = changed_number(token) {
                    return Some(err(
                        "inexact_json_number",
                        format!(
                            "{token} would reach the API as {arrives} (a JSON number keeps about \
                             16 significant digits): write it with fewer digits, or as a string, \
                             \"{token}\", where the property takes text"
                        ),
                        source,
                    ));
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether `v` holds a number whose token may have lost digits: a float (a
/// token with a fraction or exponent, or an integer past 64 bits), or an
/// integer past 2^53. Integers up to 2^53 were read exactly, so the common
/// cell (`{"maxDurationSeconds":600}`) is never scanned as text.
fn may_be_inexact(v: &Value) -> bool {
    const EXACT: u64 = 1 << 53;
    match v {
        Value::Number(n) => {
            n.is_f64()
                || n.as_u64().is_some_and(|x| x > EXACT)
                || n.as_i64().is_some_and(|x| x.unsigned_abs() > EXACT)
        }
        Value::Array(items) => items.iter().any(may_be_inexact),
        Value::Object(map) => map.values().any(may_be_inexact),
        _ => false,
    }
}

/// The number a JSON reader such as JavaScript makes of `token`, written as
/// JavaScript writes it, when that is not the value of `token`; None when the
/// value survives (or `token` is no number).
fn changed_number(token: &str) -> Option<String> {
    let written = Decimal::parse(token)?;
    // Up to 15 significant digits survive a double, well inside its range.
    if written.digits.len() <= 15 && (-290..=290).contains(&written.exponent) {
        return None;
    }
    let read: f64 = token.parse().ok()?;
    // `{:e}` is the shortest form that reads back as the same double.
    let shortest = format!("{read:e}");
    if Decimal::parse(&shortest)? == written {
        return None;
    }
    // JavaScript's own form: plain digits from 1e-7 up to 1e21.
    Some(if read != 0.0 && !(1e-7..1e21).contains(&read.abs()) {
        shortest
    } else {
        read.to_string()
    })
}

/// A decimal number's value as significant digits times a power of ten.
#[derive(Debug, PartialEq, Eq)]
struct Decimal {
    negative: bool,
    /// Without leading or trailing zeros; empty for zero.
    digits: String,
    /// The value is `digits` × 10^`exponent`.
    exponent: i64,
}

impl Decimal {
    /// Reads a JSON-style number (`-12.50e3`); None for anything else.
    fn parse(token: &str) -> Option<Decimal> {
        let (negative, rest) = match token.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, token),
        };
        let (mantissa, exp) = match rest.find(['e', 'E']) {
            Some(at) => (&rest[..at], rest[at + 1..].parse::<i64>().ok()?),
            None => (rest, 0),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let all = format!("{int}{frac}");
        if int.is_empty() || !all.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let digits = all.trim_start_matches('0').trim_end_matches('0');
        if digits.is_empty() {
            return Some(Decimal {
                negative: false,
                digits: String::new(),
                exponent: 0,
            });
        }
        let trailing_zeros = all.len() - all.trim_end_matches('0').len();
        let exponent = exp
            .checked_sub(frac.len() as i64)?
            .checked_add(trailing_zeros as i64)?;
        Some(Decimal {
            negative,
            digits: digits.to_string(),
            exponent,
        })
    }
}

/// The value of a column for property `key` whose cell is not text: a
/// boolean as spreadsheets write it (`TRUE`, and the spellings
/// `numberE164CheckEnabled` takes), a word the property allows besides an
/// object (`off`), or else JSON; the error says what the property takes.
///
/// Inside a nested plan (`artifactPlan.recordingEnabled`) the schema's type
/// of that property decides, and a value of another type is refused here.
fn typed_cell(path: &[String], cell: &str) -> Result<Value, (&'static str, String)> {
    let [key] = path else {
        return nested_cell(path, cell);
    };
    let kind = schema::override_kind(key);
    match kind {
        Some(Kind::Boolean) => {
            if let Some(b) = crate::validate::parse_bool(cell) {
                return Ok(Value::Bool(b));
            }
        }
        Some(Kind::Nested(Shape::ObjectOr(words))) if words.contains(&cell) => {
            return Ok(Value::String(cell.to_owned()));
        }
        _ => {}
    }
    serde_json::from_str::<Value>(cell).map_err(|e| {
        let message = match kind {
            Some(kind) => format!("not valid JSON ({e}): `{key}` takes {}", kind.describe()),
            None => format!("not valid JSON: {e}"),
        };
        ("invalid_json", message)
    })
}

/// The value of a dotted column inside a nested plan whose property the
/// schema types (`schema::leaves`): a spreadsheet boolean, a word it takes,
/// or JSON of that type, within its limits.
fn nested_cell(path: &[String], cell: &str) -> Result<Value, (&'static str, String)> {
    let dotted = path.join(".");
    let Some((leaf, limits)) = schema::leaves::rule(&dotted) else {
        return Ok(Value::String(cell.to_owned()));
    };
    let boolean = matches!(leaf, Leaf::Boolean | Leaf::BooleanOrWord)
        .then(|| crate::validate::parse_bool(cell))
        .flatten();
    let value = match (leaf, boolean) {
        (Leaf::Text, _) => Value::String(cell.to_owned()),
        (Leaf::BooleanOrWord | Leaf::NumberOrWord, _) if limits.words.contains(&cell) => {
            Value::String(cell.to_owned())
        }
        (_, Some(b)) => Value::Bool(b),
        _ => serde_json::from_str::<Value>(cell).map_err(|e| {
            let takes = format!("`{dotted}` takes {}", limits.describe(leaf));
            if limits.words.is_empty() {
                ("invalid_json", format!("not valid JSON ({e}): {takes}"))
            } else {
                // `on` where `livekit` or a boolean goes: a wrong word, not bad JSON.
                (
                    "invalid_override_value",
                    format!("{cell:?} is not a word it takes: {takes}"),
                )
            }
        })?,
    };
    match leaf_problem(leaf, limits, &value) {
        None => Ok(value),
        Some(problem) => Err((
            "invalid_override_value",
            format!("`{dotted}` must be {}: {problem}", limits.describe(leaf)),
        )),
    }
}

/// Why `value` does not fit a property of type `leaf` with `limits`, if it
/// does not. A null is left to the API (many properties take one).
fn leaf_problem(leaf: Leaf, limits: &Limits, value: &Value) -> Option<String> {
    let got = || match value.to_string() {
        text if text.chars().count() <= 40 => format!("got {text}, {}", json_type(value)),
        _ => format!("got {}", json_type(value)),
    };
    let number = |n: &serde_json::Number| {
        let x = n.as_f64().unwrap_or(f64::NAN);
        let whole = n.is_i64() || n.is_u64() || x.fract() == 0.0;
        let out = x.is_nan()
            || limits.min.is_some_and(|lo| x < lo)
            || limits.max.is_some_and(|hi| x > hi)
            || limits.integer && !whole;
        out.then(|| format!("got {n}"))
    };
    let word = |s: &str| {
        (!limits.words.is_empty() && !limits.words.contains(&s)).then(|| format!("got `{s}`"))
    };
    match (leaf, value) {
        (_, Value::Null) => None,
        (Leaf::Boolean | Leaf::BooleanOrWord, Value::Bool(_)) => None,
        (Leaf::Number | Leaf::NumberOrWord, Value::Number(n)) => number(n),
        (Leaf::BooleanOrWord | Leaf::NumberOrWord, Value::String(s)) => word(s),
        (Leaf::Text, Value::String(s)) => word(s).or_else(|| {
            let n = s.chars().count();
            let short = limits.min_chars.is_some_and(|lo| n < lo);
            let long = limits.max_chars.is_some_and(|hi| n > hi);
            (short || long)
                .then(|| format!("it has {n} character{}", if n == 1 { "" } else { "s" }))
        }),
        (Leaf::Array, Value::Array(_)) | (Leaf::Object, Value::Object(_)) => None,
        _ => Some(got()),
    }
}

/// Checks what a JSON value holds inside the plan at `dotted` (`model`
/// for `{"model":{"temperature":5}}`, `depth` segments) against
/// `schema::leaves`, down to the table's depth: each property's type and
/// limits. Properties the table does not know are left to the API, as are
/// array items.
fn nested_problems(
    dotted: &mut String,
    depth: usize,
    value: &Value,
    source: Source,
    errors: &mut Vec<OverrideError>,
) {
    let Some(map) = plan_object(dotted, depth, value) else {
        return;
    };
    for (k, v) in map {
        with_key(dotted, k, |dotted| match schema::leaves::rule(dotted) {
            Some((leaf, limits)) => {
                if let Some(problem) = leaf_problem(leaf, limits, v) {
                    errors.push(err(
                        "invalid_override_value",
                        format!("`{dotted}` must be {}: {problem}", limits.describe(leaf)),
                        source,
                    ));
                } else if leaf == Leaf::Object {
                    nested_problems(dotted, depth + 1, v, source, errors);
                }
            }
            // A property typed apart by providers may hold typed ones inside.
            None if v.is_object() && depth + 1 < 4 => {
                nested_problems(dotted, depth + 1, v, source, errors);
            }
            None => {}
        });
    }
}

/// Reports the properties the plan at `dotted` (`depth` segments) lacks
/// that the API requires of it whatever its provider (`model` without
/// `provider`, as a lone `model.temperature` column makes it), and so on
/// inside it to four levels.
fn missing_required(
    dotted: &mut String,
    depth: usize,
    value: &Value,
    source: Source,
    errors: &mut Vec<OverrideError>,
) {
    let Some(map) = plan_object(dotted, depth, value) else {
        return;
    };
    let missing: Vec<&str> = schema::leaves::required(dotted)
        .iter()
        .copied()
        .filter(|r| !map.contains_key(*r))
        .collect();
    if let Some(first) = missing.first() {
        errors.push(err(
            "invalid_override_value",
            format!(
                "`{dotted}` has no `{}`, which the API requires of it: add {}, as a key in the JSON \
                 or a dotted column ending in `{dotted}.{first}`",
                missing.join("`, `"),
                if missing.len() > 1 { "them" } else { "it" },
            ),
            source,
        ));
    }
    if depth < 4 {
        for (k, v) in map.iter().filter(|(_, v)| v.is_object()) {
            with_key(dotted, k, |dotted| {
                missing_required(dotted, depth + 1, v, source, errors)
            });
        }
    }
}

/// `value`'s properties when it is an object the checks look inside: below
/// the top level, or a top-level plan (`dotted`) the schema table describes.
fn plan_object<'v>(dotted: &str, depth: usize, value: &'v Value) -> Option<&'v Map<String, Value>> {
    let Value::Object(map) = value else {
        return None;
    };
    (depth > 1 || schema::leaves::knows_inside(dotted)).then_some(map)
}

/// Runs `f` on `dotted` extended by `.key`, then takes the key off again.
fn with_key(dotted: &mut String, key: &str, f: impl FnOnce(&mut String)) {
    let len = dotted.len();
    dotted.push('.');
    dotted.push_str(key);
    f(dotted);
    dotted.truncate(len);
}

/// Sets `path` in `obj`, creating objects on the way and merging objects
/// deeply. A value on the way that is no object (`"model": [1]`,
/// `"voicemailDetection": "off"`) is an error naming it, not replaced: the
/// row said something else there, and it would be lost.
fn set_path(obj: &mut Map<String, Value>, path: &[String], value: Value) -> Result<(), String> {
    match path {
        [] => Ok(()),
        [last] => {
            merge(obj, last, value);
            Ok(())
        }
        [first, rest @ ..] => {
            let slot = obj
                .entry(first.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            match slot {
                Value::Object(inner) => {
                    set_path(inner, rest, value).map_err(|e| format!("{first}.{e}"))
                }
                Value::String(s) if s.chars().count() <= 40 => Err(format!("{first}` is {s:?}")),
                other => Err(format!("{first}` is {}", json_type(other))),
            }
        }
    }
}

/// Puts `value` at `key`: objects merge key by key, anything else replaces.
fn merge(obj: &mut Map<String, Value>, key: &str, value: Value) {
    match (obj.get_mut(key), value) {
        (Some(Value::Object(existing)), Value::Object(new)) => {
            for (k, v) in new {
                merge(existing, &k, v);
            }
        }
        (_, value) => {
            obj.insert(key.to_string(), value);
        }
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Checks each top-level key; `keys[i]` is the key path column `i` set.
fn check(obj: &Map<String, Value>, keys: &[&str], errors: &mut Vec<OverrideError>) {
    for (key, value) in obj {
        let source = keys
            .iter()
            .rposition(|k| k == key)
            .map_or(Source::Json, Source::Path);
        let Some(kind) = schema::override_kind(key) else {
            errors.push(err(
                "unknown_override_key",
                format!("`{key}` is not an AssistantOverrides property (the API refuses unknown keys); see `csv2dto fields`"),
                source,
            ));
            continue;
        };
        if let Some(problem) = kind_problem(kind, value) {
            errors.push(err(
                "invalid_override_value",
                format!("`{key}` must be {}: {problem}", kind.describe()),
                source,
            ));
        }
    }
}

fn kind_problem(kind: Kind, value: &Value) -> Option<String> {
    let got = || format!("got {}", json_type(value));
    match (kind, value) {
        (Kind::String(None), Value::String(_)) => None,
        (Kind::String(Some(max)), Value::String(s)) => {
            let n = s.chars().count();
            (n > max).then(|| format!("it has {n} characters"))
        }
        (Kind::Text(min, max), Value::String(s)) => {
            let n = s.chars().count();
            (!(min..=max).contains(&n))
                .then(|| format!("`{s}` has {n} character{}", if n == 1 { "" } else { "s" }))
        }
        (Kind::Enum(values), Value::String(s)) => {
            (!values.contains(&s.as_str())).then(|| format!("got `{s}`"))
        }
        (Kind::Number(lo, hi), Value::Number(n)) => {
            let x = n.as_f64().unwrap_or(f64::NAN);
            (!(lo..=hi).contains(&x)).then(|| format!("got {n}"))
        }
        (Kind::Array(item), Value::Array(items)) => items.iter().enumerate().find_map(|(i, v)| {
            kind_problem(*item, v).map(|problem| format!("item {} {problem}", i + 1))
        }),
        (Kind::Nested(Shape::ObjectOr(values)), Value::String(s)) => {
            (!values.contains(&s.as_str())).then(|| format!("got `{s}`"))
        }
        (Kind::Boolean, Value::Bool(_))
        | (Kind::Object, Value::Object(_))
        | (Kind::Nested(Shape::Object | Shape::ObjectOr(_)), Value::Object(_))
        | (Kind::Nested(Shape::String), Value::String(_)) => None,
        _ => Some(got()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(r: Result<Overrides<'_>, Vec<OverrideError>>) -> Vec<&'static str> {
        r.unwrap_err().into_iter().map(|e| e.code).collect()
    }

    fn object(r: Result<Overrides<'_>, Vec<OverrideError>>) -> Value {
        match r.unwrap() {
            Overrides::Object(m, vars) => serde_json::to_value(Overrides::Object(m, vars)).unwrap(),
            other => panic!("expected an object, got {other:?}"),
        }
    }

    #[test]
    fn variables_only_take_the_fast_shape() {
        let plan = "plan".into();
        let r = build(Sources {
            variables: [(&plan, "pro")].into_iter().collect(),
            ..Default::default()
        })
        .unwrap();
        assert!(matches!(r, Overrides::Variables(v) if v.as_slice() == [(&plan, "pro")]));
        assert!(matches!(
            build(Sources::default()).unwrap(),
            Overrides::None
        ));
    }

    #[test]
    fn later_sources_win_and_objects_merge_deeply() {
        let path_fm = vec!["firstMessage".to_string()];
        let path_plan = vec!["variableValues".to_string(), "plan".to_string()];
        let path_meta = vec!["metadata".to_string()];
        let (plan, tier) = ("plan".into(), "tier".into());
        let r = build(Sources {
            json: Some(
                r#"{"firstMessage":"a","variableValues":{"plan":"x","keep":"k"},"metadata":{"a":1}}"#,
            ),
            paths: vec![
                (&path_fm, false, "b"),
                (&path_plan, false, "y"),
                (&path_meta, true, r#"{"b":2}"#),
            ],
            variables: [(&plan, "z"), (&tier, "gold")].into_iter().collect(),
        });
        assert_eq!(
            object(r),
            serde_json::json!({"firstMessage":"b","variableValues":{"plan":"z","keep":"k","tier":"gold"},"metadata":{"a":1,"b":2}})
        );
    }

    #[test]
    fn typed_columns_take_spreadsheet_booleans_and_allowed_words() {
        let (flag, vm, dur) = (
            vec!["firstMessageInterruptionsEnabled".to_string()],
            vec!["voicemailDetection".to_string()],
            vec!["maxDurationSeconds".to_string()],
        );
        let r = build(Sources {
            paths: vec![(&flag, true, "TRUE"), (&vm, true, "off")],
            ..Default::default()
        });
        assert_eq!(
            object(r),
            serde_json::json!({"firstMessageInterruptionsEnabled": true, "voicemailDetection": "off"})
        );
        // Anything else is JSON, and the message says what the property takes.
        let e = build(Sources {
            paths: vec![(&flag, true, "sometimes"), (&dur, true, "ten")],
            ..Default::default()
        })
        .unwrap_err();
        assert!(
            e[0].message
                .ends_with("`firstMessageInterruptionsEnabled` takes true or false"),
            "{}",
            e[0].message
        );
        assert!(
            e[1].message
                .ends_with("`maxDurationSeconds` takes number from 10 to 43200"),
            "{}",
            e[1].message
        );
        assert_eq!(e[1].source, Source::Path(1));
    }

    #[test]
    fn cells_inside_plans_take_the_schemas_type() {
        let path = |s: &str| s.split('.').map(String::from).collect::<Vec<_>>();
        let cell = |p: &str, c: &str| nested_cell(&path(p), c);
        assert_eq!(
            cell("artifactPlan.recordingEnabled", "No"),
            Ok(Value::Bool(false))
        );
        assert_eq!(cell("model.temperature", "0.5"), Ok(serde_json::json!(0.5)));
        assert_eq!(
            cell("artifactPlan.transcriptPlan", r#"{"enabled":true}"#),
            Ok(serde_json::json!({"enabled": true}))
        );
        // Text, and what the schema does not type, stays as written.
        assert_eq!(
            cell("model.provider", "openai"),
            Ok(Value::String("openai".into()))
        );
        assert_eq!(
            cell("model.noSuchKey", "42"),
            Ok(Value::String("42".into()))
        );
        assert_eq!(
            cell("model.temperature", "warm").unwrap_err().0,
            "invalid_json"
        );
        assert_eq!(
            cell("artifactPlan.transcriptPlan", "[1]"),
            Err((
                "invalid_override_value",
                "`artifactPlan.transcriptPlan` must be a JSON object: got [1], an array".into()
            ))
        );
    }

    #[test]
    fn cells_inside_plans_keep_the_schemas_limits_and_words() {
        // Audit 7: `smartEndpointingEnabled` = false went out as "false",
        // `speed` = 0.5 as "0.5", and `voiceSeconds` = 99, `recordingFormat`
        // = wav went out unchecked: lines the API refuses.
        let path = |s: &str| s.split('.').map(String::from).collect::<Vec<_>>();
        let cell = |p: &str, c: &str| nested_cell(&path(p), c);
        let flag = "startSpeakingPlan.smartEndpointingEnabled";
        assert_eq!(cell(flag, "FALSE"), Ok(Value::Bool(false)));
        assert_eq!(cell(flag, "livekit"), Ok(Value::String("livekit".into())));
        assert_eq!(
            cell(flag, "on"),
            Err((
                "invalid_override_value",
                "\"on\" is not a word it takes: `startSpeakingPlan.smartEndpointingEnabled` \
                 takes true, false or `livekit`"
                    .into()
            ))
        );
        let speed = "voice.experimentalControls.speed";
        assert_eq!(cell(speed, "0.5"), Ok(serde_json::json!(0.5)));
        assert_eq!(cell(speed, "fast"), Ok(Value::String("fast".into())));
        assert_eq!(cell(speed, "2").unwrap_err().0, "invalid_override_value");
        assert_eq!(
            cell("stopSpeakingPlan.voiceSeconds", "99"),
            Err((
                "invalid_override_value",
                "`stopSpeakingPlan.voiceSeconds` must be a number from 0 to 0.5: got 99".into()
            ))
        );
        assert_eq!(
            cell("startSpeakingPlan.waitSeconds", "-1").unwrap_err().0,
            "invalid_override_value"
        );
        assert_eq!(
            cell("artifactPlan.recordingFormat", "wav"),
            Err((
                "invalid_override_value",
                "`artifactPlan.recordingFormat` must be one of `mp3`, `wav;l16`: got `wav`".into()
            ))
        );
        assert_eq!(
            cell("artifactPlan.recordingFormat", "mp3"),
            Ok(Value::String("mp3".into()))
        );
        // Providers that type a property apart: what any of them takes.
        assert_eq!(cell("voice.style", "0.5"), Ok(serde_json::json!(0.5)));
        assert_eq!(
            cell("voice.style", "cheerful"),
            Ok(Value::String("cheerful".into()))
        );
    }

    #[test]
    fn plans_in_json_cells_are_checked_inside_to_the_tables_depth() {
        let (model, temp) = (
            vec!["model".to_string()],
            vec!["model".to_string(), "temperature".to_string()],
        );
        let e = build(Sources {
            json: Some(
                r#"{"voicemailDetection":{"provider":"nope"},"artifactPlan":{"recordingEnabled":"no","transcriptPlan":{"enabled":1}}}"#,
            ),
            paths: vec![(&model, true, r#"{"provider":"openai","model":"gpt-4o","temperature":5}"#)],
            ..Default::default()
        })
        .unwrap_err();
        let got: Vec<(&str, Source)> = e.iter().map(|e| (e.message.as_str(), e.source)).collect();
        assert_eq!(
            got,
            vec![
                (
                    "`voicemailDetection.provider` must be one of `google`, `openai`, `twilio`, `vapi`: got `nope`",
                    Source::Json
                ),
                (
                    "`artifactPlan.recordingEnabled` must be true or false: got \"no\", a string",
                    Source::Json
                ),
                (
                    "`artifactPlan.transcriptPlan.enabled` must be true or false: got 1, a number",
                    Source::Json
                ),
                (
                    "`model.temperature` must be a number from 0 to 2: got 5",
                    Source::Path(0)
                ),
            ],
        );
        // Within the limits, and with nulls and unknown keys left to the API, it passes.
        let provider = vec!["model".to_string(), "provider".to_string()];
        assert!(build(Sources {
            json: Some(
                r#"{"artifactPlan":{"recordingEnabled":false,"recordingFormat":null,"x":1}}"#
            ),
            paths: vec![(&temp, true, "1.5"), (&provider, false, "openai")],
            ..Default::default()
        })
        .is_ok());
    }

    #[test]
    fn a_plan_without_what_every_provider_requires_is_rejected() {
        // A lone model.temperature column made `{"model":{"temperature":0.5}}`
        // on every row: a model without a provider, which the API refuses.
        let temp = vec!["model".to_string(), "temperature".to_string()];
        let e = build(Sources {
            paths: vec![(&temp, true, "0.5")],
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(
            e,
            vec![err(
                "invalid_override_value",
                "`model` has no `provider`, which the API requires of it: add it, as a key in \
                 the JSON or a dotted column ending in `model.provider`"
                    .into(),
                Source::Path(0)
            )]
        );
        // Deeper too, every missing key named once, charged to the JSON cell.
        let e = build(Sources {
            json: Some(r#"{"server":{"url":"https://x.example","backoffPlan":{"maxRetries":1}}}"#),
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].message.starts_with(
                "`server.backoffPlan` has no `baseDelaySeconds`, `type`, which the API requires of it: add them"
            ) && e[0].source == Source::Json,
            "{e:?}"
        );
        // `voicemailDetection` may be `off`: nothing is required of the word.
        let vm = vec!["voicemailDetection".to_string()];
        assert!(build(Sources {
            paths: vec![(&vm, true, "off")],
            ..Default::default()
        })
        .is_ok());
    }

    #[test]
    fn a_variable_values_that_is_no_object_is_rejected_even_beside_variables() {
        // Double-encoded JSON in variableValues was once replaced
        // by the variable columns' object, so the row passed without it.
        let plan = "plan".into();
        let vars: crate::dto::Variables = [(&plan, "basic")].into_iter().collect();
        let e = build(Sources {
            json: Some(r#"{"variableValues":"{\"tier\":\"gold\"}"}"#),
            variables: vars,
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(e[0].code, "invalid_override_value", "{e:?}");
    }

    #[test]
    fn a_column_inside_a_value_that_is_no_object_is_an_error_not_a_replacement() {
        // `[1]` or "gpt-4o" for model was once dropped when a
        // model.temperature column had a value; `off` became voicemail on.
        let (model, temp) = (
            vec!["model".to_string()],
            vec!["model".into(), "temperature".into()],
        );
        let e = build(Sources {
            paths: vec![(&model, true, "[1]"), (&temp, true, "0.5")],
            ..Default::default()
        })
        .unwrap_err();
        assert!(e.iter().any(|e| e.code == "invalid_override_value"
            && e.source == Source::Path(1)
            && e.message == "`model` is an array, so `model.temperature` cannot be set inside it; leave one of the two empty"), "{e:?}");
        // The array itself is the model column's problem, not the dotted one's:
        // it was charged to the last column with the key, twice on one column.
        assert!(
            e.iter().any(|e| e.source == Source::Path(0)
                && e.message.starts_with("`model` must be JSON object")),
            "{e:?}"
        );
        assert_eq!(e.len(), 2, "{e:?}");
        let vm: Vec<String> = vec!["voicemailDetection".into(), "provider".into()];
        let e = build(Sources {
            json: Some(r#"{"voicemailDetection":"off"}"#),
            paths: vec![(&vm, false, "twilio")],
            ..Default::default()
        })
        .unwrap_err();
        assert!(
            e[0].message
                .starts_with("`voicemailDetection` is \"off\", so"),
            "{e:?}"
        );
        // An object is merged into, as documented.
        assert!(build(Sources {
            json: Some(r#"{"model":{"provider":"openai","model":"gpt-4o"}}"#),
            paths: vec![(&temp, true, "0.5")],
            ..Default::default()
        })
        .is_ok());
    }

    #[test]
    fn floats_come_out_as_the_double_they_denote() {
        // Without serde_json's `float_roundtrip`, 742 of 3,000 random floats
        // came out as a neighbouring double (7.33256e205 → 7.3325599999999995e+205).
        for t in [
            "7.33256e205",
            "6.28310344114089e-15",
            "3.526924e-43",
            "8.2695909812e119",
        ] {
            let text = format!(r#"{{"metadata":{{"a":{t}}}}}"#);
            let Ok(Overrides::Object(obj, _)) = build(Sources {
                json: Some(&text),
                ..Default::default()
            }) else {
                panic!("{t} rejected")
            };
            let out = serde_json::to_string(&obj["metadata"]["a"]).unwrap();
            assert_eq!(
                out.parse::<f64>(),
                t.parse::<f64>(),
                "{t} came out as {out}"
            );
        }
    }

    #[test]
    fn a_changed_number_is_shown_as_javascript_would_write_it() {
        for (token, arrives) in [
            ("9007199254740993", Some("9007199254740992")),
            ("-12345678901234567890.0", Some("-12345678901234567000")),
            ("1.00000000000000000001e300", Some("1e300")),
            ("0.0000000123456789012345678", Some("1.2345678901234567e-8")),
            ("0.000000012345678901234567", None),
            ("1e-400", Some("0")),
            ("10000000000000000", None),
            ("1000000000000000000000000000000", None),
            ("0.30000000000000004", None),
            ("7.33256e205", None),
            ("-0", None),
            ("12", None),
        ] {
            assert_eq!(changed_number(token).as_deref(), arrives, "{token}");
        }
        assert_eq!(
            Decimal::parse("-0012.3400e2"),
            Some(Decimal {
                negative: true,
                digits: "1234".into(),
                exponent: 0
            })
        );
        assert_eq!(Decimal::parse("1-2"), None);
    }

    #[test]
    fn numbers_a_json_number_cannot_hold_exactly_are_rejected_with_the_fix() {
        let meta = vec!["metadata".to_string()];
        for (text, bad) in [
            // A fraction or an exponent does not hide lost digits.
            (
                r#"{"metadata":{"a":9007199254740993e0}}"#,
                Some("9007199254740993e0"),
            ),
            (
                r#"{"metadata":{"a":12345678901234567890.0}}"#,
                Some("12345678901234567890.0"),
            ),
            (
                r#"{"metadata":{"a":0.10000000000000000001}}"#,
                Some("0.10000000000000000001"),
            ),
            (r#"{"metadata":{"a":1e-400}}"#, Some("1e-400")),
            // Held exactly, but written back as 9223372036854776000.
            (
                r#"{"metadata":{"a":9223372036854775808}}"#,
                Some("9223372036854775808"),
            ),
            (
                r#"{"metadata":{"a":0.1,"b":-0.0,"c":1e23,"d":123456789012345e-300,"e":2.5E+3}}"#,
                None,
            ),
            (
                r#"{"metadata":{"acct":12345678901234567890123}}"#,
                Some("12345678901234567890123"),
            ),
            (
                r#"{"metadata":{"acct":-9007199254740993}}"#,
                Some("-9007199254740993"),
            ),
            (
                r#"{"metadata":{"acct":9007199254740992,"b":1.5e300}}"#,
                None,
            ),
            (r#"{"metadata":{"acct":10000000000000000}}"#, None),
            (r#"{"metadata":{"acct":"12345678901234567890123"}}"#, None),
            (
                r#"{"metadata":{"12345678901234567890123":"\"99999999999999999999"}}"#,
                None,
            ),
        ] {
            let got = build(Sources {
                json: Some(text),
                ..Default::default()
            });
            match bad {
                Some(token) => {
                    let e = got.unwrap_err();
                    assert_eq!(e[0].code, "inexact_json_number", "{text}");
                    assert!(
                        e[0].message.ends_with(&format!(
                            "or as a string, \"{token}\", where the property takes text"
                        )),
                        "{}",
                        e[0].message
                    );
                }
                None => assert!(got.is_ok(), "{text}"),
            }
        }
        // In a dotted column too, named by its own column.
        let e = build(Sources {
            paths: vec![(&meta, true, r#"{"acct":123456789012345678901}"#)],
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(
            (e[0].code, e[0].source),
            ("inexact_json_number", Source::Path(0))
        );
    }

    #[test]
    fn bad_json_is_a_reject_with_the_parsers_message() {
        let e = build(Sources {
            json: Some("{\"firstMessage\": "),
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(e[0].code, "invalid_json");
        assert!(e[0].message.contains("line 1"), "{}", e[0].message);
        assert_eq!(
            codes(build(Sources {
                json: Some("[1]"),
                ..Default::default()
            })),
            vec!["overrides_not_object"]
        );
        assert_eq!(
            codes(build(Sources {
                json: Some("\"hi\""),
                ..Default::default()
            })),
            vec!["overrides_not_object"]
        );
    }

    #[test]
    fn deep_nesting_is_a_reject_not_a_crash() {
        let deep = format!(
            "{{\"metadata\":{}{}}}",
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        assert_eq!(
            codes(build(Sources {
                json: Some(&deep),
                ..Default::default()
            })),
            vec!["invalid_json"]
        );
    }

    #[test]
    fn unknown_keys_and_wrong_types_are_all_reported() {
        let e = codes(build(Sources {
            json: Some(
                r#"{"foo":1,"firstMessage":3,"maxDurationSeconds":5,"firstMessageMode":"speak-now","variableValues":[],"voicemailMessage":"ok"}"#,
            ),
            ..Default::default()
        }));
        assert_eq!(
            e,
            vec![
                "unknown_override_key",
                "invalid_override_value",
                "invalid_override_value",
                "invalid_override_value",
                "invalid_override_value"
            ]
        );
        // Array items and the JSON type of nested plans are checked too; the
        // message names the item.
        let e = build(Sources {
            json: Some(
                r#"{"endCallPhrases":["bye now","a"],"server":"x","voicemailDetection":"off"}"#,
            ),
            ..Default::default()
        })
        .unwrap_err();
        let messages: Vec<&str> = e.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`endCallPhrases` must be JSON array, each item string of 2 to 140 characters: item 2 `a` has 1 character",
                "`server` must be JSON object (its properties checked to four levels, the rest by the API): got a string",
            ]
        );
        let long = format!("{{\"endCallMessage\":\"{}\"}}", "é".repeat(1001));
        assert_eq!(
            codes(build(Sources {
                json: Some(&long),
                ..Default::default()
            })),
            vec!["invalid_override_value"]
        );
        let ok = format!(
            "{{\"endCallMessage\":\"{}\",\"maxDurationSeconds\":43200}}",
            "é".repeat(1000)
        );
        assert!(build(Sources {
            json: Some(&ok),
            ..Default::default()
        })
        .is_ok());
    }
}
