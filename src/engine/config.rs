//! `copydesk.toml`: which files make the workspace, which rules run at what severity, and the
//! house lists each rule family reads from its own section.
//!
//! ```toml
//! [files]
//! include = ["**/*.txt", "**/*.md"]
//! exclude = ["archive/**"]
//!
//! [rules]
//! "typo/repeated-word" = "error"   # off | on | error | warning | info | hint
//! style = "off"                    # a whole family
//! ```
//!
//! Invalid TOML or a wrong type is an error naming the file, line and key; an unknown key is a
//! warning, so a config written for a newer Copydesk still loads.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer};

use super::finding::Severity;
use super::rules::{
    debris::DebrisConfig, figure::FigureConfig, style::StyleConfig, typo::TypoConfig,
};
use super::siblings::SiblingsConfig;
use super::suppress::rule_matches;

pub const CONFIG_FILE: &str = "copydesk.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Config {
    pub files: FilesConfig,
    /// Rule id or family -> setting.
    pub rules: BTreeMap<String, RuleSetting>,
    pub siblings: SiblingsConfig,
    pub debris: DebrisConfig,
    pub figures: FigureConfig,
    pub typo: TypoConfig,
    pub style: StyleConfig,
    /// Where the config was read from; `None` for defaults.
    #[serde(skip)]
    pub source: Option<PathBuf>,
    #[serde(skip)]
    fingerprint: FingerprintCell,
}

/// [`Config::fingerprint`], worked out once; a clone starts without it (the clone may be
/// changed before it is used).
#[derive(Default)]
struct FingerprintCell(std::sync::OnceLock<u64>);

impl Clone for FingerprintCell {
    fn clone(&self) -> Self {
        FingerprintCell::default()
    }
}

impl fmt::Debug for FingerprintCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("_")
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct FilesConfig {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    /// Articles larger than this many bytes are skipped with a message.
    pub max_size: u64,
}

impl Default for FilesConfig {
    fn default() -> Self {
        FilesConfig {
            include: vec!["**/*.txt".into(), "**/*.md".into()],
            exclude: Vec::new(),
            max_size: 4 * 1024 * 1024,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSetting {
    Off,
    On,
    Severity(Severity),
}

impl<'de> Deserialize<'de> for RuleSetting {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Bool(bool),
            Str(String),
        }
        match Raw::deserialize(d)? {
            Raw::Bool(true) => Ok(RuleSetting::On),
            Raw::Bool(false) => Ok(RuleSetting::Off),
            Raw::Str(s) => match s.as_str() {
                "off" => Ok(RuleSetting::Off),
                "on" => Ok(RuleSetting::On),
                other => Severity::parse(other)
                    .map(RuleSetting::Severity)
                    .ok_or_else(|| {
                        serde::de::Error::custom(format!(
                            "expected one of off, on, error, warning, info, hint; found {other:?}"
                        ))
                    }),
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// A hash of every setting: equal fingerprints, equal behaviour. Computed on first use,
    /// so change a config before checking with it, not after.
    pub fn fingerprint(&self) -> u64 {
        *self
            .fingerprint
            .0
            .get_or_init(|| super::document::content_hash(&format!("{self:?}")))
    }

    /// Parse a config's text. Returns the config and warnings (unknown keys).
    pub fn parse(text: &str, path: &Path) -> Result<(Config, Vec<String>), ConfigError> {
        let err = |message: String| ConfigError {
            path: path.to_path_buf(),
            message,
        };
        let de = toml::Deserializer::parse(text).map_err(|e| err(one_line(&e.to_string())))?;
        let mut unknown = Vec::new();
        let mut config: Config = serde_ignored::deserialize(de, |p| unknown.push(p.to_string()))
            .map_err(|e| {
                let span = e.span();
                let msg = one_line(&e.to_string());
                match span.and_then(|s| key_at(text, s.start)) {
                    Some(key) => err(format!("key `{key}`: {msg}")),
                    None => err(msg),
                }
            })?;
        config.source = Some(path.to_path_buf());
        let warnings = unknown
            .into_iter()
            .map(|k| {
                let line = key_line(text, &k)
                    .map(|l| format!(", line {l}"))
                    .unwrap_or_default();
                format!("{}{line}: unknown key `{k}` (ignored)", path.display())
            })
            .collect();
        let mut warnings: Vec<String> = warnings;
        // An unknown rule name is a warning rather than an error: rules come and go.
        for key in config.rules.keys() {
            if !super::rules::registry().knows(key) {
                let line = key_line(text, key)
                    .map(|l| format!(", line {l}"))
                    .unwrap_or_default();
                warnings.push(format!(
                    "{}{line}: [rules] names `{key}`, which is no rule or family (see `copydesk rules`)",
                    path.display()
                ));
            }
        }
        config.validate().map_err(err)?;
        let root = path.parent().map(Path::to_path_buf);
        config.typo.load_files(root.as_deref()).map_err(err)?;
        Ok((config, warnings))
    }

    pub fn load(path: &Path) -> Result<(Config, Vec<String>), ConfigError> {
        let bytes = std::fs::read(path).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            message: format!("cannot read: {e}"),
        })?;
        let text = String::from_utf8(bytes).map_err(|_| ConfigError {
            path: path.to_path_buf(),
            message: "is not valid UTF-8".into(),
        })?;
        Config::parse(&text, path)
    }

    /// The defaults for a workspace without a `copydesk.toml`: files the defaults name (the house
    /// dictionary, `copydesk-words.txt`) are still read from `root`.
    pub fn default_for_root(root: &Path) -> Result<Config, ConfigError> {
        let mut config = Config::default();
        config
            .typo
            .load_files(Some(root))
            .map_err(|message| ConfigError {
                path: root.to_path_buf(),
                message,
            })?;
        Ok(config)
    }

    /// The nearest `copydesk.toml` in `dir` or its ancestors.
    pub fn find(dir: &Path) -> Option<PathBuf> {
        let mut d = Some(dir);
        while let Some(p) = d {
            let c = p.join(CONFIG_FILE);
            if c.is_file() {
                return Some(c);
            }
            d = p.parent();
        }
        None
    }

    /// Checks that need more than types: regexes compile, globs parse, lists are sane.
    fn validate(&self) -> Result<(), String> {
        for g in self.files.include.iter().chain(&self.files.exclude) {
            globset::Glob::new(g).map_err(|e| format!("[files]: bad glob {g:?}: {e}"))?;
        }
        self.debris.validate()?;
        self.figures.validate()?;
        self.typo.validate()?;
        self.style.validate()?;
        self.siblings.validate()?;
        Ok(())
    }

    /// The setting for a rule: its own id beats its family.
    pub fn rule_setting(&self, rule: &str) -> Option<RuleSetting> {
        if let Some(s) = self.rules.get(rule) {
            return Some(*s);
        }
        self.rules
            .iter()
            .filter(|(k, _)| rule_matches(k, rule))
            .max_by_key(|(k, _)| k.len())
            .map(|(_, s)| *s)
    }

    /// The directory the config lives in, the workspace root.
    pub fn root(&self) -> Option<&Path> {
        self.source.as_deref().and_then(Path::parent)
    }
}

fn one_line(s: &str) -> String {
    // toml's errors are multi-line with a snippet; keep the first line and the message.
    let lines: Vec<&str> = s
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .collect();
    match lines.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [first, .., last] => format!("{first}: {}", last.trim_start_matches(['|', ' '])),
    }
}

/// The dotted key whose value is at byte `offset`: the table header above it plus the key
/// written before `=` on that line.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line = text[line_start..].lines().next().unwrap_or("");
    let key = line.split_once('=')?.0.trim().trim_matches('"');
    let table = text[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('[') && l.ends_with(']'))
        .map(|l| l.trim_matches(['[', ']']).trim().to_string());
    Some(match table {
        Some(t) => format!("{t}.{key}"),
        None => key.to_string(),
    })
}

/// 1-based line where a dotted key path's last segment is written, best effort.
fn key_line(text: &str, key: &str) -> Option<usize> {
    let last = key.rsplit('.').next()?;
    text.lines()
        .position(|l| {
            let t = l.trim_start();
            t.starts_with(last)
                || t.starts_with(&format!("\"{last}\""))
                || t.starts_with(&format!("[{last}]"))
                || t.starts_with(&format!("[{key}]"))
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_settings_and_family_fallback() {
        let (c, w) = Config::parse(
            "[rules]\ntypo = \"off\"\n\"typo/repeated-word\" = \"error\"\n",
            Path::new("copydesk.toml"),
        )
        .unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            c.rule_setting("typo/repeated-word"),
            Some(RuleSetting::Severity(Severity::Error))
        );
        assert_eq!(c.rule_setting("typo/other"), Some(RuleSetting::Off));
        assert_eq!(c.rule_setting("debris/x"), None);
    }

    #[test]
    fn wrong_type_names_file_line_and_key() {
        let e =
            Config::parse("[files]\ninclude = 3\n", Path::new("/ws/copydesk.toml")).unwrap_err();
        let s = e.to_string();
        assert!(s.starts_with("/ws/copydesk.toml"), "{s}");
        assert!(s.contains("line 2"), "{s}");
        assert!(s.contains("include") || s.contains("sequence"), "{s}");
    }

    #[test]
    fn bad_severity_is_an_error() {
        let e = Config::parse("[rules]\ndebris = \"loud\"\n", Path::new("c.toml")).unwrap_err();
        assert!(e.message.contains("loud"), "{e}");
    }

    #[test]
    fn unknown_keys_warn() {
        let (_, w) =
            Config::parse("colour = 1\n[files]\nincludes = []\n", Path::new("c.toml")).unwrap();
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(
            w.iter()
                .any(|x| x.contains("files.includes") && x.contains("line 3")),
            "{w:?}"
        );
    }

    #[test]
    fn invalid_toml_is_an_error_with_a_line() {
        let e = Config::parse("[rules\n", Path::new("c.toml")).unwrap_err();
        assert!(e.message.contains("line 1"), "{e}");
    }
}
