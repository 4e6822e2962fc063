//! A word one typo away from the word the siblings use in the same place.
//!
//! ## What it finds
//! A word that differs by a small edit (a letter added, dropped, changed, or two swapped) from
//! the word a sibling article uses between the same neighbouring words: "relevant counties"
//! where a sibling has "relevant countries", "the peace trail began" where a sibling has "the
//! peace trial began". It works for any word, not a list: the siblings are the evidence.
//!
//! The neighbours must agree on at least one content word; a draft word that is itself in
//! the dictionary needs two agreeing neighbours (three when one letter is merely changed, as
//! in "rose"/"rise", which is as often a rewrite as a typo). Inflections ("plan"/"plans"),
//! British and American spellings ("favour"/"favor"), function words, and one day or month
//! for another ("Tuesday"/"Thursday": two outlets writing on different days) are never reported,
//! and nothing is reported when any sibling uses the draft's own word in that place.
//!
//! ## Why it matters
//! Real-word typos pass every spellchecker: each word is spelled correctly, only the wrong
//! one. Copy about one story told by several outlets repeats the same phrases, so a phrase
//! that matches its siblings except for one near-identical word is almost always a slip.
//!
//! ## Example
//! ```text
//! The defence asked for the murder trail to be moved.
//!                                  ^^^^^ a sibling has "the murder trial to be moved"
//! ```
//!
//! ## Fix safety
//! Safe when there is one candidate, the siblings never use the draft's word, at least two
//! neighbouring words agree, and either two siblings agree or the draft's word is not in the
//! dictionary (one sibling against a real word is a tie: it could be the sibling's typo).
//! Otherwise each candidate is offered as an unsafe fix. Known confusions (counties/countries)
//! are left to `typo/confusable`, which weighs the context as well.

use crate::engine::finding::{Finding, Severity};
use crate::engine::rules::{Context, Rule};

use super::pass;

pub struct SiblingTypo;

impl Rule for SiblingTypo {
    crate::rule_meta!("typo/sibling", Severity::Warning, "sibling.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        pass::emit(cx, pass::SIBLING, out);
    }
}
