//! `--config FILE.toml`: the options a team keeps, merged under the command line.
//!
//! The file is read before options are checked: its values fill in what the
//! command line left unsaid, and every flag given on the command line wins.
//! Unknown keys are an error that names the key, so a typo never silently
//! does nothing.
//!
//! ```toml
//! extra_columns = "ignore"      # variables | ignore | error
//! default_region = "DE"
//! phone_check = "possible"      # valid | possible | format
//! e164_check = true             # false = --no-e164-check
//! max_rejects = 100
//! max_reject_rate = 0.02
//! dedupe = ["number"]           # --dedupe number
//!
//! [map]                         # header = field, like --map 'Header=field'
//! "Kontakt Telefon" = "number"
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::cli::{CommonArgs, NightlyArgs};
use crate::dedupe::parse_keys;
use crate::error::{Error, Result};
use crate::mapping::{ExtraColumns, Target};
use crate::phone::{PhoneCheck, Region};

/// The keys a config file may hold.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Header → field, as `--map 'Header=field'`.
    #[serde(default)]
    pub map: BTreeMap<String, String>,
    /// `--extra-columns`.
    pub extra_columns: Option<String>,
    /// `--default-region`.
    pub default_region: Option<String>,
    /// `--phone-check`.
    pub phone_check: Option<String>,
    /// `false` is `--no-e164-check`.
    pub e164_check: Option<bool>,
    /// `--max-rejects`.
    pub max_rejects: Option<u64>,
    /// `--max-reject-rate`.
    pub max_reject_rate: Option<f64>,
    /// `--dedupe`: the key columns that make a row a duplicate (rejected).
    pub dedupe: Option<Vec<String>>,
}

impl Config {
    /// Reads and parses `path`; any problem is a usage error naming the file (and key).
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::Usage(format!("--config {}: cannot read: {e}", path.display())))?;
        Config::load_str(&text, path)
    }

    /// Parses `text`, the contents of `path`.
    fn load_str(text: &str, path: &Path) -> Result<Config> {
        toml::from_str(text).map_err(|e| {
            Error::Usage(format!(
                "--config {}: {}",
                path.display(),
                toml_problem(text, &e)
            ))
        })
    }
}

/// Reads `common.config`, if given, and fills in what the command line did not say.
pub fn apply(common: &mut CommonArgs, nightly: Option<&mut NightlyArgs>) -> Result<()> {
    let Some(path) = common.config.clone() else {
        return Ok(());
    };
    let cfg = Config::load(&path)?;
    cfg.check(&path)?;
    merge(common, nightly, cfg)
}

/// A TOML error as one line: where (line, column and the line itself) and
/// what, in the words of the keys rather than of Rust's types.
fn toml_problem(text: &str, e: &toml::de::Error) -> String {
    let what = e
        .message()
        .trim_end()
        .replace('\n', "; ")
        .replace("expected u64", "expected a whole number, 0 or more")
        .replace("expected f64", "expected a number")
        .replace("expected a sequence", "expected a list, e.g. [\"number\"]");
    let Some(span) = e.span() else {
        return what;
    };
    let before = &text[..span.start.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    let shown = text.lines().nth(line - 1).unwrap_or("").trim();
    format!("line {line}, column {column} (`{shown}`): {what}")
}

impl Config {
    /// Checks each value as its flag's value is checked, so that a bad one is
    /// named by file and key rather than as a flag nobody typed. A value a flag
    /// overrides is checked too: the file is wrong either way.
    fn check(&self, path: &Path) -> Result<()> {
        // `value` is shown as the file would write it (a TOML literal).
        let bad = |key: &str, value: &dyn std::fmt::Debug, why: &str| {
            Error::Usage(format!(
                "--config {}: {key} = {value:?}: {why}",
                path.display()
            ))
        };
        if let Some(v) = &self.phone_check {
            v.parse::<PhoneCheck>()
                .map_err(|e| bad("phone_check", v, &e.message()))?;
        }
        if let Some(v) = &self.default_region {
            v.parse::<Region>()
                .map_err(|e| bad("default_region", v, &e.message()))?;
        }
        if let Some(v) = &self.extra_columns {
            v.parse::<ExtraColumns>()
                .map_err(|e| bad("extra_columns", v, &e))?;
        }
        if let Some(keys) = &self.dedupe {
            if keys.is_empty() {
                return Err(bad(
                    "dedupe",
                    keys,
                    "name at least one key column, e.g. [\"number\"], or leave the key out",
                ));
            }
            parse_keys(&keys.join(",")).map_err(|e| bad("dedupe", keys, &e))?;
        }
        if let Some(r) = self.max_reject_rate {
            if !(0.0..=1.0).contains(&r) {
                return Err(bad(
                    "max_reject_rate",
                    &r,
                    "expected a fraction from 0 to 1 (0.02 means 2%)",
                ));
            }
        }
        for (header, field) in &self.map {
            field
                .parse::<Target>()
                .map_err(|e| bad(&format!("map.{header:?}"), field, &e))?;
        }
        Ok(())
    }
}

fn merge(common: &mut CommonArgs, nightly: Option<&mut NightlyArgs>, cfg: Config) -> Result<()> {
    // Command-line entries come last and replace a config entry for the same header.
    let given: Vec<String> = common
        .map
        .iter()
        .filter_map(|m| m.rsplit_once('=').map(|(h, _)| h.trim().to_string()))
        .collect();
    common.config_map = cfg
        .map
        .into_iter()
        .filter(|(h, _)| !given.contains(&h.trim().to_string()))
        .collect();
    common.extra_columns = common.extra_columns.take().or(cfg.extra_columns);
    common.default_region = common.default_region.take().or(cfg.default_region);
    common.phone_check = common.phone_check.take().or(cfg.phone_check);
    common.dedupe = common
        .dedupe
        .take()
        .or(cfg.dedupe.map(|keys| keys.join(",")));
    if cfg.e164_check == Some(false) {
        common.no_e164_check = true;
    }
    if let Some(n) = nightly {
        n.max_rejects = n.max_rejects.or(cfg.max_rejects);
        n.max_reject_rate = n.max_reject_rate.or(cfg.max_reject_rate);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn common(args: &[&str]) -> CommonArgs {
        let mut v = vec!["csv2dto", "check", "in.csv"];
        v.extend_from_slice(args);
        match crate::cli::Cli::parse_from(v).command {
            crate::cli::Command::Check(c) => c.common,
            _ => unreachable!(),
        }
    }

    #[test]
    fn flags_win_and_config_fills_in() {
        let cfg: Config = toml::from_str(
            "phone_check = \"format\"\nextra_columns = \"ignore\"\nmax_rejects = 5\n\
             [map]\n\"Tel\" = \"number\"\n\"Nom\" = \"name\"\n",
        )
        .unwrap();
        let mut c = common(&["--phone-check", "possible", "--map", "Nom=ignore"]);
        let cfg = Config {
            dedupe: Some(vec!["number".into(), "name".into()]),
            ..cfg
        };
        let mut n = NightlyArgs::default();
        merge(&mut c, Some(&mut n), cfg).unwrap();
        assert_eq!(c.phone_check.as_deref(), Some("possible"));
        assert_eq!(c.extra_columns.as_deref(), Some("ignore"));
        assert_eq!(c.map, vec!["Nom=ignore"]);
        assert_eq!(c.config_map, vec![("Tel".into(), "number".into())]);
        assert_eq!(n.max_rejects, Some(5));
        assert_eq!(c.dedupe.as_deref(), Some("number,name"));
    }

    #[test]
    fn bad_values_are_named_by_file_and_key() {
        for (text, want) in [
            (
                "phone_check = \"nope\"",
                "phone_check = \"nope\": unknown phone check",
            ),
            (
                "default_region = \"ZZ\"",
                "default_region = \"ZZ\": unknown region",
            ),
            ("extra_columns = \"keep\"", "extra_columns = \"keep\": "),
            (
                "dedupe = [\"number\", \"nmae\"]",
                "dedupe = [\"number\", \"nmae\"]: ",
            ),
            ("dedupe = []", "dedupe = []: name at least one key column"),
            (
                "max_reject_rate = 2.0",
                "max_reject_rate = 2.0: expected a fraction",
            ),
            (
                "[map]\n\"Tel\" = \"nonsense\"",
                "map.\"Tel\" = \"nonsense\": ",
            ),
        ] {
            let cfg: Config = toml::from_str(text).unwrap();
            let e = cfg.check(Path::new("team.toml")).unwrap_err().to_string();
            assert!(e.contains(&format!("--config team.toml: {want}")), "{e}");
            assert!(!e.contains("_unknown"), "no internal code: {e}");
        }
        let good: Config = toml::from_str(
            "phone_check = \"format\"\ndefault_region = \"de\"\nextra_columns = \"ignore\"\n\
             dedupe = [\"number\"]\n[map]\n\"Tel\" = \"number\"\n",
        )
        .unwrap();
        good.check(Path::new("team.toml")).unwrap();
    }

    #[test]
    fn toml_errors_say_where_in_words_not_types() {
        for (text, want) in [
            ("max_rejects = \"500\"\n", "line 1, column 15 (`max_rejects = \"500\"`): invalid type: string \"500\", expected a whole number, 0 or more"),
            ("max_rejects = -1\n", "line 1, column 15 (`max_rejects = -1`): invalid value: integer `-1`, expected a whole number, 0 or more"),
            ("phone_check = \"valid\"\ndedupe = \"number\"\n", "line 2, column 10 (`dedupe = \"number\"`): invalid type: string \"number\", expected a list, e.g. [\"number\"]"),
            ("e164_check = true\ndedupe = [number]\n", "line 2, column 11"),
        ] {
            let e = Config::load_str(text, Path::new("team.toml")).unwrap_err().to_string();
            assert!(e.starts_with(&format!("--config team.toml: {want}")), "{e}");
            assert!(!e.contains('\n'), "one line: {e:?}");
        }
    }

    #[test]
    fn unknown_keys_are_named() {
        let e = toml::from_str::<Config>("phone_chek = \"format\"\n").unwrap_err();
        assert!(e.message().contains("phone_chek"), "{}", e.message());
    }
}
