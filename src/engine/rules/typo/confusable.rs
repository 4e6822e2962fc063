//! A classic real-word confusion (countries/counties, trial/trail), decided by context.
//!
//! ## What it finds
//! A word of a known confusion group (`data/confusables.txt`: countries/counties,
//! treaty/treat, trial/trail, public/pubic, casualty/causality, statute/statue, affect/effect,
//! lose/loose, principal/principle, council/counsel, and more) used where the context calls for
//! another word of its group. The evidence, strongest first:
//!
//! 1. the siblings: one uses the other word next to the same content word ("relevant
//!    countries"), or between the same neighbours ("would not be affected"), and none uses the
//!    draft's word there;
//! 2. the workspace: at least two other articles use the other word next to the same content
//!    word, and none the draft's;
//! 3. the bundled contexts: a context listed for the other word matches ("statue of
//!    limitations" → "statute") and is more specific than any listed for the draft's word, or
//!    the draft's word is one news copy almost never means ("pubic", "causalities").
//!
//! A listed context of the draft's own word with a content word in it ("rural counties")
//! settles the matter: nothing is reported.
//!
//! ## Why it matters
//! These words are spelled right, so a spellchecker passes them, and they are one keystroke
//! apart, so they are typed for each other all the time. Some of them are embarrassing in print.
//!
//! ## Example
//! ```text
//! The plan called on the relevant counties to act.
//!                                 ^^^^^^^^ the siblings have "relevant countries"
//! ```
//!
//! ## Fix safety
//! Safe only with sibling evidence, a single candidate, and no sibling using the draft's word
//! at all. Workspace and bundled evidence give unsafe fixes: an editor confirms them.

use crate::engine::finding::{Finding, Severity};
use crate::engine::rules::{Context, Rule};

use super::pass;

pub struct Confusable;

impl Rule for Confusable {
    crate::rule_meta!("typo/confusable", Severity::Warning, "confusable.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        pass::emit(cx, pass::CONFUSABLE, out);
    }
}
