//! The `debris` rule family.

use serde::Deserialize;

use super::Rule;

/// `[debris]` in `copydesk.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DebrisConfig {}

impl DebrisConfig {
    pub fn validate(&self) -> Result<(), String> {
        Ok(())
    }
}

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![]
}
