//! The `figure` rule family: figures that disagree with the sibling articles.
//!
//! [`extract`] finds and normalises the figures of an article (cached per analysis);
//! [`conflict`] aligns a draft's figures with its siblings' and reports disagreements;
//! [`cluster`] keeps what is derived from a set of siblings across keystrokes.

use serde::Deserialize;

use super::Rule;

pub mod cluster;
pub mod conflict;
pub mod extract;

/// `[figures]` in `copydesk.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct FigureConfig {}

impl FigureConfig {
    pub fn validate(&self) -> Result<(), String> {
        Ok(())
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
