//! Inline promos: “READ MORE: …”, “Read more:”, “ALSO READ: …”, “RELATED: …”, “Click here …”,
//! “Watch: …”, “[Read: …]”.
//!
//! ## What it finds
//! A line that starts with a promo marker (read more, also read, see also, related, watch,
//! listen, don't miss, must read, up next…) followed by a colon, a bar or a dash and a
//! headline of at most 25 words, or the same inside brackets. A marker with nothing after it
//! (“Read more:”, “More games news:”) is a widget heading: the headline-like lines under it
//! go with it. Also “Click here …”, “Click to enlarge”, “Continue reading the main story”
//! and “Check out more …”.
//!
//! ## Why it matters
//! Sites put links to their other stories between paragraphs. In a draft the link is gone and
//! the promo reads as a sentence about an unrelated story, in the middle of the copy.
//!
//! ## Example
//! ```text
//! Talks resume on Monday.
//! READ MORE : Floods Force Evacuation Of Riverside Town   <- promo
//! Both sides said progress was possible.
//! ```
//! Left alone: “Analysis: …”, “Opinion: …” and other labels of the article's own headline,
//! and sentences such as “Read more about the study on the university's website.”
//!
//! ## Fix safety
//! Safe: the fix deletes the line (and the list under a bare marker in the tail). List items
//! taken from between paragraphs on the evidence of their vocabulary get an unsafe fix.

use std::sync::LazyLock;

use regex::Regex;

use super::line::{count_words, LineView};
use super::scan::{Cand, Pat};
use super::Kind;
use crate::engine::finding::{Finding, Severity};
use crate::engine::rules::{Context, Rule};

pub struct Promo;

impl Rule for Promo {
    crate::rule_meta!("debris/promo", Severity::Warning, "promo.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        super::scan::report(cx, Kind::Promo, out);
    }
}

pub(super) static PATTERNS: &[Pat] = &[
    // A bare marker heads a list: "Read more:", "READ MORE", "Related:", "More games news:"
    Pat::heading(
        r"^(?:read more|also read|read also|see also|related|related (?:stories|articles|links|coverage|reading)|must read|more to read|further reading)$",
    ),
    Pat::heading(
        r"^(?:more|other|latest|recent|further) (?:\S+ ){0,3}(?:news|stories|articles|coverage|reading|headlines|links)$",
    )
    .words(6),
    Pat::strong(r"^(?:read more|more)(?: read more| more)+$"),
    Pat::strong(r"^(?:click|tap) (?:here|the link|below|the button)\b.*$").words(25),
    Pat::strong(
        r"^(?:click|tap) to (?:enlarge|expand|view|read|watch|play|share|see|open|subscribe|download|learn)\b.*$",
    ),
    Pat::strong(
        r"^continue reading(?: the main story| below| this (?:story|article)| the story)?$",
    ),
    Pat::strong(r"^check out (?:more|our|the latest|all|other)\b.*$"),
    Pat::weak(
        r"^(?:learn more|find out more|get more info|more info|more information|see more|view all|see all|show all|show more|read more|more)$",
    ),
];

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:read more|also read|read also|also see|see also|related|related (?:story|stories|article|articles|content|link|links|coverage|reading|video)|read|read next|watch|watch now|watch live|watch the video|listen|must read|must see|must watch|don't miss|recommended|trending|top story|editor's pick|up next|more|more on this(?: story)?|more coverage|previously|today's top story) ?[:|›»>–—] ?(\S.*)$",
    )
    .expect("promo marker regex")
});

/// "READ MORE : headline", "Related: headline", "[Read: headline]".
pub(super) fn line(l: &LineView<'_>) -> Option<Cand> {
    if l.words > 30 {
        return None;
    }
    let c = MARKER.captures(&l.key)?;
    let rest = c.get(1).map_or("", |m| m.as_str());
    let n = count_words(rest);
    if n == 0 || n > 25 {
        return None;
    }
    // A headline, not a paragraph: at most one sentence.
    let sentences = rest.trim_end_matches(['.', '!', '?']).matches(". ").count();
    if sentences > 0 {
        return None;
    }
    Some(Cand::strong(Kind::Promo))
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{assert_fixed, assert_silent, covered, run};

    const RULE: &str = "debris/promo";

    #[test]
    fn finds_promos_in_their_many_spellings() {
        for promo in [
            "READ MORE : Floods Force Evacuation Of Riverside Town",
            "Read more: Floods force evacuation of riverside town",
            "ALSO READ: Floods force evacuation",
            "RELATED: Floods force evacuation of riverside town",
            "Watch: Drone footage of the flooded valley",
            "[Read: Why the valley floods every spring]",
            "Click here to see the full list of closures",
            "Don't miss — The week's best photographs",
        ] {
            let text = format!("Talks between the two unions resumed on Monday in the capital, officials said.\n{promo}\nBoth sides said progress was possible after a week of meetings in the city.\n");
            let f = run(RULE, &text);
            assert_eq!(covered(&text, &f), [promo], "{promo}");
        }
    }

    #[test]
    fn fix_keeps_the_paragraphs_apart() {
        assert_fixed(
            RULE,
            "Talks resumed on Monday in the capital.\n\nREAD MORE: Floods force evacuation\n\nBoth sides said progress was possible.\n",
            "Talks resumed on Monday in the capital.\n\nBoth sides said progress was possible.\n",
        );
    }

    #[test]
    fn headline_labels_and_sentences_stay() {
        assert_silent(
            RULE,
            "Analysis: Why the talks stalled\n\nRead more about the study on the university's website.\n\nWatch: the figures show a steady decline since 2019. Officials expect the trend to continue into next year.\n",
        );
    }
}
