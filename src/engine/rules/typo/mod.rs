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

    /// Read files the section names (the house dictionary), relative to the workspace root.
    /// The house dictionary file: words the desk has accepted, one per line.
    pub fn dictionary_path(&self, root: &std::path::Path) -> std::path::PathBuf {
        root.join("copydesk-words.txt")
    }

    pub fn load_files(&mut self, _root: Option<&std::path::Path>) -> Result<(), String> {
        Ok(())
    }
}

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![Box::new(repeated_word::RepeatedWord)]
}
