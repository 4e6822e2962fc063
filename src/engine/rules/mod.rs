//! The rule registry. A rule is one file that opens with a `//!` doc comment in fixed sections
//! (what it finds, why it matters, an example, fix safety); that comment is what
//! `copydesk explain RULE` prints, read from the file's own source at compile time.

use std::sync::{Arc, OnceLock};

use super::analysis::Analysis;
use super::config::Config;
use super::corpus::{Corpus, Sibling};
use super::finding::{Finding, Severity};

pub mod debris;
pub mod figure;
pub mod quote;
pub mod style;
pub mod typo;

/// The rule families, in the order `copydesk rules` lists them.
pub const FAMILIES: &[&str] = &["debris", "typo", "name", "figure", "quote", "style"];

/// What a rule sees: the draft, its siblings, the workspace and the configuration.
pub struct Context<'a> {
    pub analysis: &'a Analysis,
    /// The other articles about the same story, best match first.
    pub siblings: &'a [Sibling],
    pub corpus: &'a Corpus,
    pub config: &'a Config,
}

impl<'a> Context<'a> {
    /// A context with no workspace: the draft alone.
    pub fn standalone(analysis: &'a Analysis, corpus: &'a Corpus, config: &'a Config) -> Self {
        Context {
            analysis,
            siblings: &[],
            corpus,
            config,
        }
    }

    pub fn sibling_analyses(&self) -> impl Iterator<Item = &Arc<Analysis>> {
        self.siblings.iter().map(|s| &s.analysis)
    }
}

/// See [`Rule::scope`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Document,
    Paragraph,
}

pub trait Rule: Send + Sync {
    /// `family/name`.
    fn id(&self) -> &'static str;
    fn default_severity(&self) -> Severity;
    /// The rule file's source; its leading `//!` comment is the documentation.
    fn source(&self) -> &'static str;
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>);

    /// How much of the draft the rule reads to judge a paragraph (under `config`). A
    /// paragraph-scope rule is run on each paragraph alone and its findings are reused while
    /// the paragraph's text does not change; say so only when the rule never looks outside the
    /// paragraph (no counts over the draft, no "first use" in an earlier paragraph).
    fn scope(&self, _config: &Config) -> Scope {
        Scope::Document
    }

    fn doc(&self) -> String {
        doc_of(self.source())
    }
    /// The first paragraph of the documentation, on one line.
    fn summary(&self) -> String {
        self.doc()
            .lines()
            .map(str::trim)
            .take_while(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Implements the `id`, `default_severity` and `source` methods of [`Rule`] for a rule whose
/// documentation is the `//!` comment at the top of `$file` (relative to the calling file).
#[macro_export]
macro_rules! rule_meta {
    ($id:expr, $severity:expr, $file:expr) => {
        fn id(&self) -> &'static str {
            $id
        }
        fn default_severity(&self) -> $crate::engine::finding::Severity {
            $severity
        }
        fn source(&self) -> &'static str {
            include_str!($file)
        }
    };
}

/// The leading `//!` lines of a Rust source file, without the markers.
pub fn doc_of(source: &str) -> String {
    let mut out = String::new();
    for line in source.lines() {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix("//!") {
            out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            out.push('\n');
        } else if t.is_empty() && out.is_empty() {
            continue;
        } else {
            break;
        }
    }
    out.trim_end().to_string()
}

pub struct Registry {
    pub rules: Vec<Box<dyn Rule>>,
}

impl Registry {
    pub fn get(&self, id: &str) -> Option<&dyn Rule> {
        self.rules.iter().find(|r| r.id() == id).map(|r| r.as_ref())
    }

    /// `key` is a rule id or a family.
    pub fn knows(&self, key: &str) -> bool {
        FAMILIES.contains(&key) || self.rules.iter().any(|r| r.id() == key)
    }
}

pub fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let mut rules: Vec<Box<dyn Rule>> = Vec::new();
        rules.extend(debris::rules());
        rules.extend(typo::rules());
        rules.extend(figure::rules());
        rules.extend(quote::rules());
        rules.extend(style::rules());
        let mut seen = std::collections::HashSet::new();
        for r in &rules {
            assert!(seen.insert(r.id()), "rule id {} registered twice", r.id());
            assert!(
                FAMILIES.contains(&r.id().split('/').next().unwrap_or("")),
                "rule id {} is not family/name",
                r.id()
            );
        }
        Registry { rules }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_documented_in_sections() {
        for r in &registry().rules {
            let doc = r.doc();
            assert!(!doc.is_empty(), "{} has no doc comment", r.id());
            for section in [
                "## What it finds",
                "## Why it matters",
                "## Example",
                "## Fix safety",
            ] {
                assert!(doc.contains(section), "{} doc lacks {section:?}", r.id());
            }
        }
    }
}

/// Workspace-wide indexes the rule families keep in the corpus.
pub fn corpus_indexes() -> Vec<Box<dyn super::corpus::CorpusIndex>> {
    vec![Box::<typo::TypoIndex>::default()]
}
