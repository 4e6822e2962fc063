//! What a rule reports: a [`Finding`] with byte ranges, fixes and evidence in other articles.

use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::document::Document;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    // Ordered from least to most severe so `>=` means "at least as severe".
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s {
            "hint" => Severity::Hint,
            "info" => Severity::Info,
            "warning" | "warn" => Severity::Warning,
            "error" => Severity::Error,
            _ => return None,
        })
    }
}

/// How far a fix can be trusted (the vocabulary of ruff).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Mechanical and certain: applied by `check --fix` and "fix all".
    Safe,
    /// Probably right, but an editor decides: applied only with `--unsafe-fixes` or one by one.
    Unsafe,
    /// Shown as a suggestion, never applied automatically.
    DisplayOnly,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
            Applicability::DisplayOnly => "display-only",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

impl Edit {
    pub fn replace(range: Range<usize>, replacement: impl Into<String>) -> Self {
        Edit {
            range,
            replacement: replacement.into(),
        }
    }
    pub fn delete(range: Range<usize>) -> Self {
        Edit::replace(range, "")
    }
}

#[derive(Debug, Clone)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix {
            title: title.into(),
            applicability: Applicability::Safe,
            edits,
        }
    }
    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix {
            title: title.into(),
            applicability: Applicability::Unsafe,
            edits,
        }
    }
}

/// Evidence elsewhere: a range in another (or the same) article.
#[derive(Debug, Clone)]
pub struct Related {
    /// The article the range points into; holding it keeps conversions to line/column exact
    /// even if the file changes on disk afterwards.
    pub doc: Arc<Document>,
    pub range: Range<usize>,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct Finding {
    /// `family/name`, e.g. `typo/repeated-word`.
    pub rule: &'static str,
    pub severity: Severity,
    pub range: Range<usize>,
    pub message: String,
    pub fixes: Vec<Fix>,
    pub related: Vec<Related>,
    /// Set by [`Finding::with_severity`]: the rule chose a severity for this occurrence
    /// (say, a lower one when the evidence is mixed). Otherwise the engine fills in the
    /// rule's default. A severity set in `copydesk.toml` wins over both.
    pub(crate) explicit_severity: bool,
    /// For spelling findings: the word an editor may add to the house dictionary. The editor
    /// integrations offer "Add to house dictionary" for findings that set it.
    pub word: Option<String>,
}

impl Finding {
    /// The finding with its range and its fixes' edits moved by `by` bytes (a paragraph's
    /// findings placed in the draft, or taken out of it). Evidence is left where it is.
    pub fn moved(mut self, by: isize) -> Finding {
        let mv = |r: &mut Range<usize>| {
            *r = r.start.wrapping_add_signed(by)..r.end.wrapping_add_signed(by);
        };
        mv(&mut self.range);
        for fix in &mut self.fixes {
            for e in &mut fix.edits {
                mv(&mut e.range);
            }
        }
        self
    }

    /// A finding at the rule's default severity; the engine applies configured overrides.
    pub fn new(rule: &'static str, range: Range<usize>, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity: Severity::Warning,
            range,
            message: message.into(),
            fixes: Vec::new(),
            related: Vec::new(),
            explicit_severity: false,
            word: None,
        }
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fixes.push(fix);
        self
    }

    pub fn with_related(mut self, related: Related) -> Self {
        self.related.push(related);
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self.explicit_severity = true;
        self
    }

    pub fn family(&self) -> &'static str {
        self.rule.split('/').next().unwrap_or(self.rule)
    }
}
