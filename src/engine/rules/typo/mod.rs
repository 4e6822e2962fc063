//! Typos a spellchecker misses (`typo/…`) and misspelt names (`name/…`).
//!
//! All rules but `typo/repeated-word` share one pass over the draft ([`pass`]): it decides,
//! paragraph by paragraph, which rule owns each suspicious word (a name rule first, then
//! `typo/sibling`, `typo/confusable`, `typo/spelling`), so a word is reported once. The pass is
//! memoised per paragraph text and workspace state, so a keystroke re-checks one paragraph.
//!
//! ## `[typo]` in `copydesk.toml`
//! ```toml
//! [typo]
//! names = ["Konstantin Kalachev", "Ministry of Things"]   # house names (fixed spellings)
//! words = ["livestream", "Kalachev"]                      # words the spelling rule accepts
//! dictionary = "copydesk-words.txt"   # the house dictionary: one word a line (default name)
//! ```
//! "Add to house dictionary" appends a word to the house dictionary file (relative to the
//! workspace root). `<!-- copydesk-ignore-word WORD ... -->` anywhere in an article makes the
//! spelling and name rules accept those words in that article ("Ignore in this article").

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;

use super::Rule;

mod confusable;
pub mod data;
pub mod dictionary;
pub mod index;
mod name_misspelt;
mod name_sibling;
pub mod pass;
mod repeated_word;
mod sibling;
mod spelling;
pub mod text;

pub use index::TypoIndex;

/// The default house dictionary file, relative to the workspace root.
pub const DEFAULT_DICTIONARY: &str = "copydesk-words.txt";

/// `[typo]` in `copydesk.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TypoConfig {
    /// House names: proper names and fixed phrases spelled the house's way.
    pub names: Vec<String>,
    /// Words the spelling rule accepts.
    pub words: Vec<String>,
    /// The house dictionary file (one word a line), relative to the workspace root.
    pub dictionary: Option<String>,
    /// Words read from the house dictionary file by [`TypoConfig::load_files`].
    #[serde(skip)]
    pub dictionary_words: Vec<String>,
    #[serde(skip)]
    fingerprint: OnceLock<u64>,
}

impl TypoConfig {
    pub fn validate(&self) -> Result<(), String> {
        for n in &self.names {
            if n.trim().is_empty() {
                return Err("[typo] names: an empty name".into());
            }
        }
        for w in &self.words {
            if w.trim().is_empty() || w.trim().contains(char::is_whitespace) {
                return Err(format!(
                    "[typo] words: {w:?} is not one word (put names in [typo] names)"
                ));
            }
        }
        if let Some(d) = &self.dictionary {
            if d.trim().is_empty() {
                return Err("[typo] dictionary: an empty file name".into());
            }
        }
        Ok(())
    }

    /// The house dictionary file: `[typo] dictionary`, or `copydesk-words.txt`, in `root`.
    pub fn dictionary_path(&self, root: &Path) -> PathBuf {
        root.join(self.dictionary.as_deref().unwrap_or(DEFAULT_DICTIONARY))
    }

    /// Read the house dictionary (a missing file is an empty dictionary).
    pub fn load_files(&mut self, root: Option<&Path>) -> Result<(), String> {
        self.dictionary_words.clear();
        self.fingerprint = OnceLock::new();
        let Some(root) = root else {
            return Ok(());
        };
        let path = self.dictionary_path(root);
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                self.dictionary_words = parse_word_list(&text);
                Ok(())
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if self.dictionary.is_some() {
                    // Named but not there yet: "Add to house dictionary" will create it.
                }
                Ok(())
            }
            Err(e) => Err(format!(
                "[typo] dictionary: cannot read {}: {e}",
                path.display()
            )),
        }
    }

    /// Every house word (config and dictionary file), lower case.
    pub fn house_words(&self) -> HashSet<String> {
        self.words
            .iter()
            .chain(&self.dictionary_words)
            .map(|w| text::norm(w.trim()))
            .collect()
    }

    /// Changes whenever anything the rules read from this section changes. The content hash
    /// is computed once (call [`TypoConfig::load_files`] after changing the lists in place);
    /// the list lengths are mixed in on every call, so an appended word is seen at once.
    pub fn fingerprint(&self) -> u64 {
        let lens = (self.names.len() as u64) << 42
            ^ (self.words.len() as u64) << 21
            ^ self.dictionary_words.len() as u64;
        lens ^ *self.fingerprint.get_or_init(|| {
            let mut h = 0xC0DE_u64;
            for s in self
                .names
                .iter()
                .chain(&self.words)
                .chain(&self.dictionary_words)
            {
                h = text::pair(h, text::hash(s));
                h = text::pair(h, 0x7);
            }
            h
        })
    }
}

/// Words of a house dictionary file: one a line, `#` starts a comment.
pub fn parse_word_list(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(repeated_word::RepeatedWord),
        Box::new(sibling::SiblingTypo),
        Box::new(confusable::Confusable),
        Box::new(spelling::Spelling),
        Box::new(name_sibling::NameSibling),
        Box::new(name_misspelt::NameMisspelt),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_reads_the_house_dictionary() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("copydesk-words.txt"),
            "Kalachev\n# comment\nlivestream  # trailing\n",
        )
        .unwrap();
        let mut c = TypoConfig::default();
        c.load_files(Some(dir.path())).unwrap();
        assert_eq!(c.dictionary_words, vec!["Kalachev", "livestream"]);
        assert!(c.house_words().contains("kalachev"));
        assert_eq!(
            c.dictionary_path(dir.path()),
            dir.path().join("copydesk-words.txt")
        );
        let mut missing = TypoConfig {
            dictionary: Some("nope.txt".into()),
            ..Default::default()
        };
        missing.load_files(Some(dir.path())).unwrap();
        assert!(missing.dictionary_words.is_empty());
    }

    #[test]
    fn bad_words_are_config_errors() {
        let c = TypoConfig {
            words: vec!["two words".into()],
            ..Default::default()
        };
        assert!(c.validate().is_err());
    }
}
