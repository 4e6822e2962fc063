//! A plain misspelling: a word no dictionary knows, one slip away from one it does.
//!
//! ## What it finds
//! Lower-case words that are not in the bundled Hunspell en_US dictionary (SCOWL; British
//! spellings are accepted too), the house dictionary (`[typo] words` and the
//! `copydesk-words.txt` file), the words the siblings use, or the names found in the
//! workspace, and that are one edit from a dictionary word or a sibling's word: "goverment",
//! "recieved". Capitalised words inside a sentence are names (see `name/…`); a capitalised
//! sentence opener is reported only for an obvious slip ("Teh"). Words in web addresses,
//! e-mail addresses, handles and hashtags are skipped, and so is an unknown word with no near
//! neighbour (a foreign word, a new coinage): precision first.
//!
//! ## Why it matters
//! Misspellings make copy look careless, and in a language server they are cheap to catch.
//!
//! ## Example
//! ```text
//! The goverment said it would respond.
//!     ^^^^^^^^^ not in the dictionary: "government"?
//! ```
//! Code actions: one fix per candidate, "Add to house dictionary" (appends the word to the
//! house dictionary file, picked up at once), and "Ignore in this article", which inserts
//! `<!-- copydesk-ignore-word WORD -->` at the top of the article.
//!
//! ## Fix safety
//! Safe only when there is one candidate and a sibling uses it; otherwise the candidates (at
//! most three) are unsafe fixes. "Ignore in this article" is unsafe too: it never applies by
//! itself.

use crate::engine::finding::{Finding, Severity};
use crate::engine::rules::{Context, Rule};

use super::pass;

pub struct Spelling;

impl Rule for Spelling {
    crate::rule_meta!("typo/spelling", Severity::Warning, "spelling.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        pass::emit(cx, pass::SPELLING, out);
    }
}
