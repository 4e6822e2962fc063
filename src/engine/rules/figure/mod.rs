//! The `figure` rule family: figures that disagree with the sibling articles.
//!
//! [`extract`] finds and normalises the figures of an article (cached per analysis);
//! [`conflict`] aligns a draft's figures with its siblings' and reports disagreements;
//! [`cluster`] keeps what is derived from a set of siblings across keystrokes.
//!
//! ```toml
//! [figures]
//! ignore_kinds = ["ordinal"]   # percent, money, age, date, duration, measure, ordinal, count
//! ```

use serde::Deserialize;

use super::Rule;

pub mod cluster;
pub mod conflict;
pub mod extract;

/// The kinds `[figures] ignore_kinds` may name.
pub const KINDS: &[&str] = &[
    "percent", "money", "age", "date", "duration", "measure", "ordinal", "count",
];

/// `[figures]` in `copydesk.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct FigureConfig {
    /// Kinds of figure never compared with the siblings.
    pub ignore_kinds: Vec<String>,
}

impl FigureConfig {
    pub fn validate(&self) -> Result<(), String> {
        for k in &self.ignore_kinds {
            if !KINDS.contains(&k.as_str()) {
                return Err(format!(
                    "[figures] ignore_kinds: unknown kind {k:?} (expected one of {})",
                    KINDS.join(", ")
                ));
            }
        }
        Ok(())
    }

    /// Is a figure of this kind ignored?
    pub fn ignores(&self, kind: extract::Kind) -> bool {
        use extract::Kind::*;
        let name = match kind {
            Percent | PercentPoints => "percent",
            Money(_) => "money",
            Age => "age",
            Date => "date",
            ShortDuration | LongDuration => "duration",
            Measure(_) => "measure",
            Ordinal => "ordinal",
            Count => "count",
        };
        self.ignore_kinds.iter().any(|k| k == name)
    }
}

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![Box::new(conflict::Conflict)]
}

/// What the siblings say about the figure at `offset` in the draft, as Markdown for a hover;
/// `None` when there is no figure there.
pub fn hover(cx: &super::Context<'_>, offset: usize) -> Option<String> {
    conflict::hover(cx, offset)
}
