//! Typos a spellchecker misses (`typo/…`) and misspelt names (`name/…`).

use serde::Deserialize;

use super::Rule;

mod repeated_word;

/// `[typo]` in `copydesk.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TypoConfig {}

impl TypoConfig {
    pub fn validate(&self) -> Result<(), String> {
        Ok(())
    }
}

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![Box::new(repeated_word::RepeatedWord)]
}
