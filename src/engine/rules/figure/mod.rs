//! The `figure` rule family.

use serde::Deserialize;

use super::Rule;

/// `[figure]` in `copydesk.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct FigureConfig {}

impl FigureConfig {
    pub fn validate(&self) -> Result<(), String> {
        Ok(())
    }
}

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![]
}

/// What the siblings say about the figure at `offset` in the draft, as Markdown for a hover;
/// `None` when there is no figure there.
pub fn hover(_cx: &super::Context<'_>, _offset: usize) -> Option<String> {
    None
}
