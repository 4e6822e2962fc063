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
