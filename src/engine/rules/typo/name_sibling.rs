//! A name the draft spells differently from its siblings.
//!
//! ## What it finds
//! A capitalised name or fixed phrase that matches one in a sibling article except for one
//! word, which is a near miss of the sibling's (a letter added, dropped, swapped or changed,
//! or a last word cut short): "Anthony Blinken" where the siblings say "Antony Blinken",
//! "Outer Space Treat" where they say "Outer Space Treaty". A last word cut to four letters or
//! more may have lost up to three letters ("Cou" for "Court" is too short to tell), or a whole
//! ending such as "-ization" when two more words of the name match ("World
//! Meteorological Organ"); a longer cut that is not an ending is another word ("County Court",
//! "County Courthouse") and is left alone. Also a single capitalised word no
//! dictionary or list knows and no other article uses, one letter from a name the siblings use
//! ("Kalashev" where they write "Kalachev"). The siblings' lines are attached as evidence.
//!
//! Nothing is reported when a sibling also uses the draft's spelling, or for inflections
//! ("Russian"/"Russia").
//!
//! ## Why it matters
//! Names are what readers and the people named notice first, and what spellcheckers know
//! least. When every other version of the story spells a name one way, the draft that spells
//! it another way is almost certainly wrong.
//!
//! ## Example
//! ```text
//! Secretary of State Anthony Blinken arrived in Beijing.
//!                    ^^^^^^^ the siblings spell it "Antony Blinken"
//! ```
//!
//! ## Fix safety
//! Safe when there is one candidate and two siblings or more write it, or the corrected name is
//! a known one (house list, bundled list, workspace); with a single sibling, also when the
//! draft's word is in no dictionary and no list. Otherwise unsafe, one fix per candidate. When
//! the draft's spelling is the known one or a sibling's looks like the misspelling, nothing is
//! reported.

use crate::engine::finding::{Finding, Severity};
use crate::engine::rules::{Context, Rule};

use super::pass;

pub struct NameSibling;

impl Rule for NameSibling {
    crate::rule_meta!("name/sibling", Severity::Warning, "name_sibling.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        pass::emit(cx, pass::NAME_SIBLING, out);
    }
}
