//! The `style` rule family.

use serde::Deserialize;

use super::Rule;

/// `[style]` in `copydesk.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct StyleConfig {}

impl StyleConfig {
    pub fn validate(&self) -> Result<(), String> {
        Ok(())
    }
}

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![]
}
