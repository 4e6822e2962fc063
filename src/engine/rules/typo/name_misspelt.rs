//! A near miss of a known name (house list, names in the news, names the workspace uses).
//!
//! ## What it finds
//! A capitalised name or fixed phrase that matches a known name except for one word, which is
//! a near miss (a letter added, dropped, swapped or changed, or a last word cut short:
//! "Outer Space Treat", "Nuclear Non-Proliferation Traety"), and a single capitalised word that
//! no dictionary knows and no other article uses, one letter from a known name ("Bejing").
//! Known names come from `[typo] names` in `copydesk.toml`, from `data/names.txt` (treaties,
//! institutions, heads of state and government, capitals), and from capitalised names used by
//! at least two other articles of the workspace. Siblings are `name/sibling`'s business.
//!
//! A two-word name whose odd word is a dictionary word is left alone ("Warsaw Pace" could be
//! prose), and so is a draft spelling that is itself a known name.
//!
//! ## Why it matters
//! Misspelt names are among the commonest corrections newspapers print, and spellcheckers
//! either flag every name or none.
//!
//! ## Example
//! ```text
//! Talks resumed in Bejing on Monday.
//!                  ^^^^^^ looks like a misspelling of the name "Beijing"
//! ```
//!
//! ## Fix safety
//! Safe when there is one candidate from the house list or the bundled list; a name known only
//! from other articles gives an unsafe fix.

use crate::engine::finding::{Finding, Severity};
use crate::engine::rules::{Context, Rule};

use super::pass;

pub struct NameMisspelt;

impl Rule for NameMisspelt {
    crate::rule_meta!("name/misspelt", Severity::Warning, "name_misspelt.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        pass::emit(cx, pass::NAME_MISSPELT, out);
    }
}
