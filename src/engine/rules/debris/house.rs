//! House patterns from `[debris.<kind>]` in `copydesk.toml`, compiled once per configuration.

use std::collections::{HashMap, HashSet};

use regex::{RegexSet, RegexSetBuilder};
use serde::Deserialize;

use super::line::{key_of, LineView};
use super::scan::{Action, Cand, Strength};
use super::{DebrisConfig, Kind};

/// Longest house regex accepted, in characters.
const MAX_PATTERN_LEN: usize = 500;
/// Most house entries (phrases, prefixes and patterns together) per kind.
const MAX_ENTRIES: usize = 500;
/// Compiled-size limit of the house regexes, so no pattern can make checking slow.
const SIZE_LIMIT: usize = 2 << 20;

/// One kind's house lists.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct HouseKind {
    /// Whole lines, compared without regard to case, spacing, or a trailing colon or arrow.
    pub phrases: Vec<String>,
    /// The line starts with the phrase, followed by the end of the word.
    pub prefixes: Vec<String>,
    /// Regular expressions (the `regex` crate's syntax) matched against the trimmed line,
    /// case-insensitive.
    pub patterns: Vec<String>,
}

#[derive(Debug, Default)]
pub(super) struct House {
    /// Changes whenever the lists change; scans cached with an analysis are keyed by it.
    pub fingerprint: u64,
    allow: HashSet<String>,
    phrases: HashMap<String, Kind>,
    prefixes: Vec<(String, Kind)>,
    patterns: Option<RegexSet>,
    pattern_kinds: Vec<Kind>,
}

impl House {
    /// Compile the house lists, or say clearly which entry is wrong.
    pub fn build(c: &DebrisConfig) -> Result<House, String> {
        House::compile(c, true)
    }

    /// Compile what compiles, skipping bad entries (configs built in code, never validated).
    pub fn lenient(c: &DebrisConfig) -> House {
        House::compile(c, false).unwrap_or_default()
    }

    fn compile(c: &DebrisConfig, strict: bool) -> Result<House, String> {
        let mut h = House::default();
        let mut fp_src = String::new();
        for a in &c.allow {
            let k = key_of(a);
            if !k.is_empty() {
                fp_src.push_str(&format!("allow:{k}\n"));
                h.allow.insert(k);
            }
        }
        let mut pats: Vec<String> = Vec::new();
        for (kind, hk) in c.house_kinds() {
            let section = format!("[debris.{}]", kind.name());
            let n = hk.phrases.len() + hk.prefixes.len() + hk.patterns.len();
            if n > MAX_ENTRIES {
                if strict {
                    return Err(format!(
                        "{section}: {n} entries; at most {MAX_ENTRIES} are allowed"
                    ));
                }
                continue;
            }
            for p in &hk.phrases {
                let k = key_of(p);
                if k.is_empty() {
                    if strict {
                        return Err(format!("{section} phrases: {p:?} is empty"));
                    }
                    continue;
                }
                fp_src.push_str(&format!("{section}phrase:{k}\n"));
                h.phrases.insert(k, kind);
            }
            for p in &hk.prefixes {
                let k = key_of(p);
                if k.is_empty() {
                    if strict {
                        return Err(format!("{section} prefixes: {p:?} is empty"));
                    }
                    continue;
                }
                fp_src.push_str(&format!("{section}prefix:{k}\n"));
                h.prefixes.push((k, kind));
            }
            for p in &hk.patterns {
                if let Err(e) = check_pattern(p) {
                    if strict {
                        return Err(format!("{section} patterns: bad regex {p:?}: {e}"));
                    }
                    continue;
                }
                fp_src.push_str(&format!("{section}pattern:{p}\n"));
                pats.push(p.clone());
                h.pattern_kinds.push(kind);
            }
        }
        if !pats.is_empty() {
            match RegexSetBuilder::new(&pats)
                .case_insensitive(true)
                .size_limit(SIZE_LIMIT * 4)
                .dfa_size_limit(SIZE_LIMIT * 4)
                .build()
            {
                Ok(set) => h.patterns = Some(set),
                Err(e) => {
                    if strict {
                        return Err(format!(
                            "[debris] patterns: together they are too large: {}",
                            one_line(&e.to_string())
                        ));
                    }
                    h.pattern_kinds.clear();
                }
            }
        }
        h.fingerprint = if fp_src.is_empty() {
            0
        } else {
            xxhash_rust::xxh3::xxh3_64(fp_src.as_bytes()) | 1
        };
        Ok(h)
    }

    /// The house never wants this line reported.
    pub fn allows(&self, l: &LineView<'_>) -> bool {
        !self.allow.is_empty() && self.allow.contains(&*l.key)
    }

    /// A house entry that matches the line, as a strong candidate of its kind.
    pub fn classify(&self, l: &LineView<'_>) -> Option<Cand> {
        let kind = self
            .phrases
            .get(&*l.key)
            .copied()
            .or_else(|| {
                self.prefixes
                    .iter()
                    .find(|(p, _)| {
                        l.key.starts_with(p.as_str())
                            && l.key[p.len()..]
                                .chars()
                                .next()
                                .is_none_or(|c| !c.is_alphanumeric())
                    })
                    .map(|(_, k)| *k)
            })
            .or_else(|| {
                let set = self.patterns.as_ref()?;
                let i = set.matches(&l.plain).iter().next()?;
                self.pattern_kinds.get(i).copied()
            })?;
        Some(Cand {
            kind,
            strength: Strength::Strong,
            heading: kind == Kind::RelatedLinks,
            need: super::scan::Need::Zone,
            certain: true,
            action: Action::Delete,
        })
    }
}

fn check_pattern(p: &str) -> Result<(), String> {
    if p.chars().count() > MAX_PATTERN_LEN {
        return Err(format!("longer than {MAX_PATTERN_LEN} characters"));
    }
    regex::RegexBuilder::new(p)
        .case_insensitive(true)
        .size_limit(SIZE_LIMIT)
        .dfa_size_limit(SIZE_LIMIT)
        .build()
        .map(|_| ())
        .map_err(|e| one_line(&e.to_string()))
}

fn one_line(s: &str) -> String {
    let lines: Vec<&str> = s
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.chars().all(|c| c == '^' || c == ' '))
        .collect();
    lines.join(" ")
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::engine::config::Config;

    #[test]
    fn bad_regex_is_a_clear_config_error() {
        let e = Config::parse(
            "[debris.promo]\npatterns = ['^(unclosed']\n",
            Path::new("copydesk.toml"),
        )
        .unwrap_err();
        assert!(e.message.contains("[debris.promo]"), "{e}");
        assert!(e.message.contains("bad regex"), "{e}");
    }

    #[test]
    fn huge_regex_is_refused() {
        // A counted repetition that would compile to a large automaton.
        let e = Config::parse(
            "[debris.advert]\npatterns = ['(\\w{1,100}){1,100}x']\n",
            Path::new("copydesk.toml"),
        )
        .unwrap_err();
        assert!(e.message.contains("[debris.advert]"), "{e}");
        let long = format!("[debris.advert]\npatterns = ['{}']\n", "a".repeat(600));
        let e = Config::parse(&long, Path::new("copydesk.toml")).unwrap_err();
        assert!(e.message.contains("longer than"), "{e}");
    }

    #[test]
    fn unknown_kind_section_warns() {
        let (_, w) =
            Config::parse("[debris.sharebar]\nphrases = ['x']\n", Path::new("c.toml")).unwrap();
        assert!(w.iter().any(|x| x.contains("sharebar")), "{w:?}");
    }
}
