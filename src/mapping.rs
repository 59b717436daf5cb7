//! Header → field plan: which column feeds which DTO field, decided once per file.
//!
//! Matching is by exact field name, then case-insensitively with spaces,
//! dashes and underscores ignored, through a small alias table (see README,
//! "Column mapping"). Dotted headers such as `assistantOverrides.firstMessage`
//! set one override property; every other column follows the extra-columns
//! policy (by default it becomes a template variable, like Vapi's own CSV
//! upload). Problems that would make every row wrong are fatal here, before
//! any row is read.

use std::fmt;
use std::str::FromStr;

use crate::dto::VarName;
use crate::schema;
use crate::schema::leaves::Leaf;

/// A destination of a column that is not a template variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// `number`
    Number,
    /// `name`
    Name,
    /// `email`
    Email,
    /// `externalId`
    ExternalId,
    /// `extension`
    Extension,
    /// `sipUri`
    SipUri,
    /// `numberE164CheckEnabled`
    NumberE164CheckEnabled,
    /// `assistantOverrides` (a JSON object per cell)
    AssistantOverrides,
    /// `squadOverrides` (a JSON object per cell)
    SquadOverrides,
    /// Not a DTO field: the region (ISO 3166 alpha-2) for reading national numbers.
    Region,
}

/// Number of `Field` variants (the size of a plan's column table).
pub const FIELD_COUNT: usize = 10;

impl Field {
    /// Every field, in table order.
    pub const ALL: [Field; FIELD_COUNT] = [
        Field::Number,
        Field::Name,
        Field::Email,
        Field::ExternalId,
        Field::Extension,
        Field::SipUri,
        Field::NumberE164CheckEnabled,
        Field::AssistantOverrides,
        Field::SquadOverrides,
        Field::Region,
    ];

    /// The name used in JSON, messages and `--map`.
    pub fn name(self) -> &'static str {
        match self {
            Field::Number => "number",
            Field::Name => "name",
            Field::Email => "email",
            Field::ExternalId => "externalId",
            Field::Extension => "extension",
            Field::SipUri => "sipUri",
            Field::NumberE164CheckEnabled => "numberE164CheckEnabled",
            Field::AssistantOverrides => "assistantOverrides",
            Field::SquadOverrides => "squadOverrides",
            Field::Region => "region",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Header aliases (after normalization: lower case, no spaces, dashes or underscores).
pub const ALIASES: &[(&str, Field)] = &[
    ("number", Field::Number),
    ("phone", Field::Number),
    ("phonenumber", Field::Number),
    ("mobile", Field::Number),
    ("cell", Field::Number),
    ("tel", Field::Number),
    ("name", Field::Name),
    ("fullname", Field::Name),
    ("email", Field::Email),
    ("externalid", Field::ExternalId),
    ("id", Field::ExternalId),
    ("extension", Field::Extension),
    ("ext", Field::Extension),
    ("sipuri", Field::SipUri),
    ("sip", Field::SipUri),
    ("numbere164checkenabled", Field::NumberE164CheckEnabled),
    ("assistantoverrides", Field::AssistantOverrides),
    ("squadoverrides", Field::SquadOverrides),
    ("country", Field::Region),
    ("region", Field::Region),
    ("countrycode", Field::Region),
];

/// Columns written by csv2dto into rejects and warnings files; ignored when fed back in.
pub const CONTROL_COLUMNS: [&str; 3] = ["_line", "_errors", "_warnings"];

/// Which overrides object a dotted column writes into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Root {
    /// `assistantOverrides`
    Assistant,
    /// `squadOverrides`
    Squad,
}

impl Root {
    /// The DTO field name.
    pub fn name(self) -> &'static str {
        match self {
            Root::Assistant => "assistantOverrides",
            Root::Squad => "squadOverrides",
        }
    }
}

/// Where a column's values go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A DTO field (or the region column).
    Field(Field),
    /// A property path inside an overrides object.
    Path {
        /// Which object.
        root: Root,
        /// Property names from the root, at least one.
        path: Vec<String>,
    },
    /// Dropped.
    Ignore,
}

impl FromStr for Target {
    type Err = String;

    /// `number`, `externalId`, ... (any alias), `assistantOverrides.a.b`, `squadOverrides.a`, or `ignore`.
    fn from_str(s: &str) -> Result<Target, String> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("ignore") {
            return Ok(Target::Ignore);
        }
        if let Some(target) = dotted_target(s) {
            return target;
        }
        match_alias(s).map(Target::Field).ok_or_else(|| {
            format!(
                "`{s}` is not a field: use one of {}, a path such as assistantOverrides.variableValues.plan, or ignore",
                Field::ALL.map(Field::name).join(", ")
            )
        })
    }
}

/// What to do with columns that map to no field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExtraColumns {
    /// `assistantOverrides.variableValues.<header as written>` (Vapi's CSV upload rule).
    #[default]
    Variables,
    /// Drop them.
    Ignore,
    /// Refuse the file, naming them.
    Error,
}

impl FromStr for ExtraColumns {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "variables" => Ok(ExtraColumns::Variables),
            "ignore" => Ok(ExtraColumns::Ignore),
            "error" => Ok(ExtraColumns::Error),
            _ => Err(format!("`{s}`: expected variables, ignore or error")),
        }
    }
}

/// One explicit mapping: a `--map 'Header=target'` flag or a `[map]` entry of `--config`.
#[derive(Clone, Debug)]
pub struct MapEntry {
    /// The header as the user wrote it.
    pub header: String,
    /// What the column feeds.
    pub target: Target,
    /// Where the user wrote it, for messages: `--map 'Tel=number'`, or the
    /// config file and its entry.
    pub from: String,
    /// From `--config`: a `--map` flag for the same column replaces it.
    pub from_config: bool,
}

impl MapEntry {
    /// A `--map` flag's entry.
    pub fn flag(header: &str, target: Target, entry: &str) -> MapEntry {
        MapEntry {
            header: header.trim().to_string(),
            target,
            from: format!("--map '{entry}'"),
            from_config: false,
        }
    }
}

/// How headers map: explicit `--map` entries and the extra-columns policy.
#[derive(Clone, Debug, Default)]
pub struct MappingOptions {
    /// Explicit entries, `--config`'s first, then `--map`'s, in order.
    pub explicit: Vec<MapEntry>,
    /// Policy for unmapped columns.
    pub extra: ExtraColumns,
}

/// A dotted-path column.
#[derive(Clone, Debug, PartialEq)]
pub struct PathColumn {
    /// Column index.
    pub col: usize,
    /// Which overrides object.
    pub root: Root,
    /// Property path (first segment is an `AssistantOverrides` property).
    pub path: Vec<String>,
    /// Whether the cell is parsed as JSON (the property is not text).
    pub json: bool,
}

/// A template-variable column.
#[derive(Clone, Debug, PartialEq)]
pub struct VariableColumn {
    /// Column index.
    pub col: usize,
    /// Variable name: the header as written (trimmed).
    pub name: VarName,
}

/// The checked mapping of one file's header.
#[derive(Clone, Debug)]
pub struct Plan {
    /// Number of columns in the header (rows with another count are ragged).
    pub width: usize,
    /// Header names as written, trimmed and cleaned of invisible characters.
    pub headers: Vec<String>,
    fields: [Option<usize>; FIELD_COUNT],
    /// Dotted-path columns, in header order.
    pub paths: Vec<PathColumn>,
    /// Template-variable columns, in header order.
    pub variables: Vec<VariableColumn>,
    /// Columns copied to a rejects file (all but `_line`/`_errors`/`_warnings`).
    pub kept: Vec<usize>,
    /// Warnings about the header itself: (column, code, message).
    pub warnings: Vec<(usize, &'static str, String)>,
}

/// A header problem; the caller adds the file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderError(pub String);

impl Plan {
    /// The column feeding `field`, if any.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.fields[field.index()]
    }

    /// Whether column `i` is a `_line`/`_errors`/`_warnings` column of a
    /// fed-back file, read but ignored.
    pub fn is_control(&self, i: usize) -> bool {
        self.headers
            .get(i)
            .is_some_and(|h| CONTROL_COLUMNS.contains(&h.as_str()))
    }

    /// Whether this is a rejects file fed back: it has `_line`/`_errors`
    /// (or `_warnings`) columns, read but not kept.
    pub fn is_fed_back(&self) -> bool {
        self.kept.len() < self.width
    }

    /// The header names of the kept columns (for the rejects file).
    pub fn kept_headers(&self) -> impl Iterator<Item = &str> {
        self.kept.iter().map(|&i| self.headers[i].as_str())
    }

    /// Builds the plan for a header row.
    pub fn build(raw_headers: &[String], opts: &MappingOptions) -> Result<Plan, HeaderError> {
        let headers: Vec<String> = raw_headers.iter().map(|h| clean_header(h)).collect();
        let mut plan = Plan {
            width: headers.len(),
            headers,
            fields: [None; FIELD_COUNT],
            paths: Vec::new(),
            variables: Vec::new(),
            kept: Vec::new(),
            warnings: Vec::new(),
        };
        let mut targets: Vec<Option<Target>> = vec![None; plan.width];
        // The entry that mapped each column, if one did: in a clash, the other
        // column is the one to ignore, not the user's own choice.
        let mut mapped_by: Vec<Option<&MapEntry>> = vec![None; plan.width];
        for entry in &opts.explicit {
            let col = plan.find_header(&entry.header).ok_or_else(|| {
                HeaderError(format!(
                    "{}: no column is named `{}` (columns seen: {})",
                    entry.from,
                    entry.header,
                    plan.seen()
                ))
            })?;
            if let Some(first) = mapped_by[col] {
                // `phone` and `Phone` both find a `Phone` column: which one is
                // meant is the user's call, not the order of the entries. Only
                // the command line replaces the config.
                // The same entry twice (`--map Tel=number --map Tel=number`) is no clash.
                if first.from_config == entry.from_config && first.target != entry.target {
                    return Err(HeaderError(format!(
                        "{} and {} both name column `{}`; keep one",
                        first.from, entry.from, plan.headers[col]
                    )));
                }
            }
            mapped_by[col] = Some(entry);
            targets[col] = Some(entry.target.clone());
        }
        for (col, header) in plan.headers.iter().enumerate() {
            if targets[col].is_some() {
                continue;
            }
            targets[col] = if CONTROL_COLUMNS.contains(&header.as_str()) || header.is_empty() {
                Some(Target::Ignore)
            } else if let Some(t) = dotted_target(header) {
                Some(t.map_err(|e| HeaderError(format!("column `{header}`: {e}")))?)
            } else {
                match_alias(header).map(Target::Field)
            };
        }
        let mut extra = Vec::new();
        for (col, target) in targets.into_iter().enumerate() {
            let header = &plan.headers[col];
            if !CONTROL_COLUMNS.contains(&header.as_str()) {
                plan.kept.push(col);
            }
            match target {
                Some(Target::Field(f)) => {
                    if let Some(prev) = plan.fields[f.index()] {
                        return Err(plan.clash(prev, col, f.name(), &mapped_by));
                    }
                    plan.fields[f.index()] = Some(col);
                }
                Some(Target::Path { root, path }) => {
                    // Two paths to one place: refused by `overlap` below.
                    let json = if let [key] = &path[..] {
                        schema::override_kind(key).is_some_and(|k| !k.is_text())
                    } else {
                        schema::leaves::leaf(&path).is_some_and(|l| l != Leaf::Text)
                    };
                    plan.paths.push(PathColumn {
                        col,
                        root,
                        path,
                        json,
                    });
                }
                Some(Target::Ignore) => {}
                None => extra.push(col),
            }
        }
        match opts.extra {
            ExtraColumns::Variables => {
                for col in extra {
                    // Two columns of one name: refused by `overlap` below.
                    let name = plan.headers[col].clone();
                    if name.contains(char::is_whitespace) {
                        plan.warnings.push((
                            col,
                            "variable_name_has_space",
                            format!("template variable `{name}` has a space: in Vapi templates write it as {{{{ [\"{name}\"] }}}}, or rename the column"),
                        ));
                    }
                    plan.variables.push(VariableColumn {
                        col,
                        name: VarName::new(&name),
                    });
                }
            }
            ExtraColumns::Ignore => {}
            ExtraColumns::Error if !extra.is_empty() => {
                let names: Vec<String> = extra
                    .iter()
                    .map(|&c| format!("`{}`", plan.headers[c]))
                    .collect();
                return Err(HeaderError(format!(
                    "columns {} map to no field (--extra-columns error); rename them, --map them, or use --extra-columns variables|ignore",
                    names.join(", ")
                )));
            }
            ExtraColumns::Error => {}
        }
        plan.overlap(&mapped_by)?;
        if plan.column(Field::Number).is_none() {
            // With a sipUri column the file is usable, and a `Telephone`
            // column no alias matches would silently become a variable, with
            // every row blamed on its empty SIP cell.
            for v in &plan.variables {
                let name = normalize(&v.name);
                if ["phone", "mobile", "cell", "tel", "number"]
                    .iter()
                    .any(|hint| name.contains(hint))
                {
                    plan.warnings.push((
                        v.col,
                        "unmapped_phone_column",
                        format!(
                            "`{}` looks like phone numbers but no alias matches it, so it became a template variable; pass --map '{}=number' if it holds the numbers",
                            v.name, v.name
                        ),
                    ));
                }
            }
        }
        if plan.column(Field::Number).is_none() && plan.column(Field::SipUri).is_none() {
            return Err(HeaderError(format!(
                "no column maps to `number` or `sipUri` (columns seen: {}); name one `number` (or phone, mobile, cell, tel) or pass --map 'Your Header=number'",
                plan.seen()
            )));
        }
        Ok(plan)
    }

    fn find_header(&self, wanted: &str) -> Option<usize> {
        let wanted = clean_header(wanted);
        self.headers.iter().position(|h| *h == wanted).or_else(|| {
            self.headers
                .iter()
                .position(|h| normalize(h) == normalize(&wanted))
        })
    }

    fn seen(&self) -> String {
        self.headers
            .iter()
            .map(|h| format!("`{h}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Refuses two columns that set one place in an overrides object
    /// (a variable column `plan` and `assistantOverrides.variableValues.plan`),
    /// or one a property inside the other's text (`variableValues.a` and
    /// `variableValues.a.b`): one of the two values would be lost on every
    /// row. A property inside an object column (`assistantOverrides.model`
    /// and `assistantOverrides.model.temperature`) is merged into it, as
    /// documented. Sorting puts such pairs side by side, so thousands of
    /// columns cost one sort, not a comparison of every pair.
    fn overlap(&self, mapped_by: &[Option<&MapEntry>]) -> Result<(), HeaderError> {
        let holds_object = |path: &[String]| match path {
            [key] => schema::override_kind(key).is_some_and(|k| k.has_properties()),
            _ => schema::leaves::leaf(path) == Some(schema::leaves::Leaf::Object),
        };
        let mut places: Vec<(Root, Vec<&str>, usize, bool)> = self
            .paths
            .iter()
            .map(|p| {
                let path = p.path.iter().map(String::as_str).collect();
                (p.root, path, p.col, p.json && holds_object(&p.path))
            })
            .chain(self.variables.iter().map(|v| {
                (
                    Root::Assistant,
                    vec!["variableValues", v.name.as_str()],
                    v.col,
                    false,
                )
            }))
            .collect();
        places.sort_unstable();
        for pair in places.windows(2) {
            let ((root, outer, a, object), (inner_root, inner, b, _)) = (&pair[0], &pair[1]);
            let same = inner.len() == outer.len();
            if root != inner_root || !inner.starts_with(outer) || (*object && !same) {
                continue;
            }
            let place = format!("`{}.{}`", root.name(), outer.join("."));
            let what = if same {
                place
            } else {
                format!("{place} and a property inside it")
            };
            return Err(self.clash(*a.min(b), *a.max(b), &what, mapped_by));
        }
        Ok(())
    }

    /// Two columns for one target; the fix offered ignores the one no
    /// `--map` or `[map]` entry named (`mapped_by`), else the second.
    fn clash(
        &self,
        first: usize,
        second: usize,
        what: &str,
        mapped_by: &[Option<&MapEntry>],
    ) -> HeaderError {
        let ignore = if mapped_by[second].is_some() && mapped_by[first].is_none() {
            first
        } else {
            second
        };
        HeaderError(format!(
            "columns `{}` (column {}) and `{}` (column {}) both map to {what}; remove one or pass --map '{}=ignore'",
            self.headers[first],
            first + 1,
            self.headers[second],
            second + 1,
            self.headers[ignore]
        ))
    }
}

/// Trims a header and removes invisible characters (BOM, NBSP, zero-width spaces).
pub fn clean_header(raw: &str) -> String {
    let visible: String = raw
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'
            )
        })
        .map(|c| {
            if c == '\u{a0}' || c == '\u{202f}' {
                ' '
            } else {
                c
            }
        })
        .collect();
    visible.trim().to_string()
}

/// The matching key of a header: lower case, without spaces, dashes and underscores.
pub fn normalize(header: &str) -> String {
    header
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

fn match_alias(header: &str) -> Option<Field> {
    let key = normalize(header);
    ALIASES
        .iter()
        .find(|(alias, _)| *alias == key)
        .map(|(_, f)| *f)
}

/// `assistantOverrides.a.b` / `squadOverrides.a`: Some(result) when the header is dotted.
fn dotted_target(header: &str) -> Option<Result<Target, String>> {
    let (head, rest) = header.split_once('.')?;
    let root = match normalize(head).as_str() {
        "assistantoverrides" => Root::Assistant,
        "squadoverrides" => Root::Squad,
        _ => return None,
    };
    let path: Vec<String> = rest.split('.').map(|s| s.trim().to_string()).collect();
    if path.iter().any(String::is_empty) {
        return Some(Err(format!("`{header}` has an empty path segment")));
    }
    if schema::override_kind(&path[0]).is_none() {
        return Some(Err(format!(
            "`{}` is not an AssistantOverrides property (the API refuses unknown keys); see `csv2dto fields`",
            path[0]
        )));
    }
    if path.len() > 1 && schema::override_kind(&path[0]).is_some_and(|k| !k.has_properties()) {
        return Some(Err(format!(
            "`{}` is not an object, so `{header}` cannot set a property inside it",
            path[0]
        )));
    }
    // Inside plans too: `model.temperature` is a number, `model.tools` an array.
    for end in 2..path.len() {
        if let Some(leaf) = schema::leaves::leaf(&path[..end]).filter(|l| *l != Leaf::Object) {
            return Some(Err(format!(
                "`{}` takes {}, so `{header}` cannot set a property inside it",
                path[..end].join("."),
                leaf.describe()
            )));
        }
    }
    Some(Ok(Target::Path { root, path }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(headers: &[&str]) -> Result<Plan, HeaderError> {
        plan_with(headers, &MappingOptions::default())
    }

    fn plan_with(headers: &[&str], opts: &MappingOptions) -> Result<Plan, HeaderError> {
        let h: Vec<String> = headers.iter().map(|s| s.to_string()).collect();
        Plan::build(&h, opts)
    }

    #[test]
    fn aliases_match_case_and_separators_insensitively() {
        for h in [
            "Phone Number",
            "phone_number",
            "PHONE",
            "mobile",
            "Cell",
            "tel",
            "number",
        ] {
            let p = plan(&[h, "x"]).unwrap();
            assert_eq!(p.column(Field::Number), Some(0), "{h}");
        }
        let p = plan(&[
            "number",
            "Full Name",
            "E-mail",
            "External ID",
            "EXT",
            "SIP URI",
        ])
        .unwrap();
        assert_eq!(p.column(Field::Name), Some(1));
        assert_eq!(p.column(Field::Email), Some(2));
        assert_eq!(p.column(Field::ExternalId), Some(3));
        assert_eq!(p.column(Field::Extension), Some(4));
        assert_eq!(p.column(Field::SipUri), Some(5));
        assert_eq!(
            plan(&["sip", "id"]).unwrap().column(Field::ExternalId),
            Some(1)
        );
    }

    #[test]
    fn headers_are_trimmed_and_cleaned_of_invisible_characters() {
        let p = plan(&["\u{feff} phone\u{200b} ", "\u{a0}Plan\u{a0}"]).unwrap();
        assert_eq!(p.column(Field::Number), Some(0));
        assert_eq!(
            p.variables,
            vec![VariableColumn {
                col: 1,
                name: "Plan".into()
            }]
        );
    }

    #[test]
    fn missing_destination_is_fatal_and_names_the_columns() {
        let e = plan(&["first", "last"]).unwrap_err();
        assert!(e.0.contains("`first`, `last`"), "{}", e.0);
        assert!(e.0.contains("--map"), "{}", e.0);
    }

    #[test]
    fn two_columns_for_one_field_is_fatal_and_names_both() {
        let e = plan(&["phone", "name", "Mobile"]).unwrap_err();
        assert!(
            e.0.contains("`phone`") && e.0.contains("`Mobile`") && e.0.contains("number"),
            "{}",
            e.0
        );
    }

    #[test]
    fn a_clash_with_the_users_own_mapping_offers_to_ignore_the_other_column() {
        let opts = MappingOptions {
            explicit: vec![MapEntry::flag(
                "name",
                "number".parse().unwrap(),
                "name=number",
            )],
            ..MappingOptions::default()
        };
        let e = plan_with(&["phone", "name"], &opts).unwrap_err();
        assert!(e.0.ends_with("pass --map 'phone=ignore'"), "{}", e.0);
        // Without --map, the second column is the one offered.
        let e = plan(&["phone", "Mobile"]).unwrap_err();
        assert!(e.0.ends_with("pass --map 'Mobile=ignore'"), "{}", e.0);
    }

    #[test]
    fn explicit_map_overrides_matching() {
        let opts = MappingOptions {
            explicit: vec![
                MapEntry::flag("Kontakt", "number".parse().unwrap(), "Kontakt=number"),
                MapEntry::flag("phone", Target::Ignore, "phone=ignore"),
            ],
            ..MappingOptions::default()
        };
        let p = plan_with(&["phone", "Kontakt"], &opts).unwrap();
        assert_eq!(p.column(Field::Number), Some(1));
        assert!(p.variables.is_empty());
        let e = plan_with(&["number"], &opts).unwrap_err();
        assert!(
            e.0.starts_with("--map 'Kontakt=number': no column is named `Kontakt`"),
            "{}",
            e.0
        );
    }

    #[test]
    fn two_entries_for_one_column_are_refused_not_resolved_by_order() {
        // `phone` and `Phone` in `[map]` both find the
        // `Phone` column; the later entry won silently.
        let opts = MappingOptions {
            explicit: vec![
                MapEntry::flag("phone", "number".parse().unwrap(), "phone=number"),
                MapEntry::flag("Phone", "name".parse().unwrap(), "Phone=name"),
            ],
            ..MappingOptions::default()
        };
        let e = plan_with(&["Phone", "Kontakt"], &opts).unwrap_err();
        // The same entry twice means one thing: no clash.
        let twice = MappingOptions {
            explicit: vec![
                MapEntry::flag("Tel2", "number".parse().unwrap(), "Tel2=number"),
                MapEntry::flag("Tel2", "number".parse().unwrap(), "Tel2=number"),
            ],
            ..MappingOptions::default()
        };
        assert!(plan_with(&["Tel2"], &twice).is_ok());
        assert_eq!(
            e.0,
            "--map 'phone=number' and --map 'Phone=name' both name column `Phone`; keep one"
        );
    }

    #[test]
    fn dotted_paths_and_their_json_typing() {
        let p = plan(&[
            "number",
            "assistantOverrides.firstMessage",
            "assistantOverrides.variableValues.plan",
            "assistantOverrides.maxDurationSeconds",
            "assistantOverrides.metadata",
            "squadOverrides.firstMessage",
            "assistantOverrides.artifactPlan.recordingEnabled",
            "assistantOverrides.artifactPlan.recordingFormat",
            "assistantOverrides.metadata.vip",
        ])
        .unwrap();
        let json: Vec<bool> = p.paths.iter().map(|c| c.json).collect();
        // Inside a plan the schema's type decides; inside free-form objects
        // (`metadata`, `variableValues`) cells stay text.
        assert_eq!(
            json,
            vec![false, false, true, true, false, true, false, false]
        );
        assert_eq!(p.paths[1].path, vec!["variableValues", "plan"]);
        assert_eq!(p.paths[4].root, Root::Squad);
        assert!(plan(&["number", "assistantOverrides.bogus"])
            .unwrap_err()
            .0
            .contains("bogus"));
        assert!(plan(&["number", "assistantOverrides.firstMessage.x"]).is_err());
        // Inside plans too: each built an object the API refuses.
        for (header, why) in [
            (
                "assistantOverrides.model.temperature.x",
                "`model.temperature` takes a number",
            ),
            (
                "assistantOverrides.model.tools.name",
                "`model.tools` takes a JSON array",
            ),
            (
                "assistantOverrides.model.messages.0.content",
                "`model.messages` takes a JSON array",
            ),
            (
                "assistantOverrides.artifactPlan.recordingEnabled.x",
                "`artifactPlan.recordingEnabled` takes true or false",
            ),
            (
                "assistantOverrides.model.provider.x",
                "`model.provider` takes text",
            ),
            (
                "assistantOverrides.voice.style.x",
                "`voice.style` takes a number or a word",
            ),
        ] {
            let e = plan(&["number", header]).unwrap_err();
            assert!(e.0.contains(why), "{header}: {}", e.0);
        }
        // `backoffPlan.type` is text, whatever the spec's slip says.
        let p = plan(&["number", "assistantOverrides.server.backoffPlan.type"]).unwrap();
        assert!(!p.paths[0].json);
    }

    #[test]
    fn columns_that_set_one_place_or_one_inside_another_are_refused() {
        // Each of these lost one value on every row.
        let vv = "assistantOverrides.variableValues";
        for (headers, place) in [
            (
                vec!["number", "plan", "plan"],
                "`assistantOverrides.variableValues.plan`",
            ),
            (
                vec!["number", "plan", &format!("{vv}.plan")],
                "`assistantOverrides.variableValues.plan`",
            ),
            (
                vec!["number", &format!("{vv}.a"), &format!("{vv}.a.b")],
                "`assistantOverrides.variableValues.a` and a property inside it",
            ),
            (
                vec!["number", "a", &format!("{vv}.a.b")],
                "`assistantOverrides.variableValues.a` and a property inside it",
            ),
        ] {
            let e = plan(&headers).unwrap_err();
            assert!(
                e.0.contains(&format!("both map to {place};")),
                "{headers:?}: {}",
                e.0
            );
        }
        // Neighbours that do not overlap are fine, as are the two roots, and
        // a property inside an object column is merged into it.
        plan(&[
            "number",
            "a",
            "ab",
            &format!("{vv}.a b"),
            "assistantOverrides.model",
            "assistantOverrides.model.temperature",
            "squadOverrides.model",
        ])
        .unwrap();
        // A --map onto an existing variable's place is the same clash.
        let opts = MappingOptions {
            explicit: vec![MapEntry::flag(
                "tier",
                format!("{vv}.plan").parse().unwrap(),
                "tier=…",
            )],
            ..MappingOptions::default()
        };
        let e = plan_with(&["number", "plan", "tier"], &opts).unwrap_err();
        assert!(e.0.ends_with("pass --map 'plan=ignore'"), "{}", e.0);
    }

    #[test]
    fn a_phone_like_column_no_alias_matches_is_pointed_out() {
        let p = plan(&["Telephone", "SIP URI"]).unwrap();
        assert_eq!(p.warnings.len(), 1);
        assert_eq!(p.warnings[0].1, "unmapped_phone_column");
        assert!(p.warnings[0]
            .2
            .ends_with("pass --map 'Telephone=number' if it holds the numbers"));
        // With a number column there is nothing to point out.
        assert!(plan(&["phone", "MobilePhone2"])
            .unwrap()
            .warnings
            .is_empty());
    }

    #[test]
    fn fifty_thousand_variable_columns_map_and_a_late_duplicate_is_found() {
        // The duplicate check is one sort, not a comparison of every pair
        // (which took 76 s for 200,000 columns; timed by hand, not here).
        let mut headers = vec!["number".to_string()];
        headers.extend((0..50_000).map(|i| format!("v{i}")));
        let p = Plan::build(&headers, &MappingOptions::default()).unwrap();
        assert_eq!(p.variables.len(), 50_000);
        headers.push("v7".to_string());
        let e = Plan::build(&headers, &MappingOptions::default()).unwrap_err();
        assert!(
            e.0.contains("`v7` (column 9) and `v7` (column 50002)"),
            "{}",
            e.0
        );
    }

    #[test]
    fn extra_column_policies() {
        let p = plan(&["number", "account tier", "plan"]).unwrap();
        let names: Vec<&str> = p.variables.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, vec!["account tier", "plan"]);
        assert_eq!(p.warnings.len(), 1);
        assert_eq!(
            (p.warnings[0].0, p.warnings[0].1),
            (1, "variable_name_has_space")
        );
        assert!(
            p.warnings[0].2.contains(r#"{{ ["account tier"] }}"#),
            "{}",
            p.warnings[0].2
        );
        let ignore = MappingOptions {
            extra: ExtraColumns::Ignore,
            ..Default::default()
        };
        assert!(plan_with(&["number", "plan"], &ignore)
            .unwrap()
            .variables
            .is_empty());
        let error = MappingOptions {
            extra: ExtraColumns::Error,
            ..Default::default()
        };
        let e = plan_with(&["number", "plan", "tier"], &error).unwrap_err();
        assert!(e.0.contains("`plan`, `tier`"), "{}", e.0);
    }

    #[test]
    fn control_columns_of_a_rejects_file_are_ignored_and_not_kept() {
        let p = plan(&["_line", "_errors", "number", "plan"]).unwrap();
        assert_eq!(p.kept, vec![2, 3]);
        assert_eq!(p.variables.len(), 1);
        assert_eq!(p.kept_headers().collect::<Vec<_>>(), vec!["number", "plan"]);
    }

    #[test]
    fn target_parsing() {
        assert_eq!(
            "sip uri".parse::<Target>().unwrap(),
            Target::Field(Field::SipUri)
        );
        assert_eq!(
            "assistantOverrides.variableValues.x"
                .parse::<Target>()
                .unwrap(),
            Target::Path {
                root: Root::Assistant,
                path: vec!["variableValues".into(), "x".into()]
            }
        );
        assert!("nonsense".parse::<Target>().is_err());
    }
}
