//! Advertisement markers: “Advertisement”, “Sponsored”, “Story continues below”, ad-network
//! widgets.
//!
//! ## What it finds
//! The labels ad slots leave behind: “Advertisement” (in several languages), “ADVERTISING”,
//! “Story continues below advertisement”, “Continue reading below”, “Sponsored”, “Promoted
//! content”, “Paid partner content”, “Ads by …”, “Supported by …”, lines naming a
//! recommendation network (Taboola, Outbrain, Teads…), “Skip ad”, “Report this ad”,
//! “Scroll to continue with content”. “Advertising” in ordinary case and “Powered by …”
//! count only beside other debris, in the head or tail, or when they recur.
//!
//! ## Why it matters
//! Ad labels are scattered between paragraphs, where they interrupt the copy and are easy to
//! overlook in a long draft.
//!
//! ## Example
//! ```text
//! The tunnel will open in 2027, the agency said.
//! Advertisement                                  <- marker
//! Engineers found the rock softer than expected.
//! ```
//! Left alone: sentences about advertising (“Advertising revenue fell 8 percent.”).
//!
//! ## Fix safety
//! Safe: the fix deletes the line. Weak markers confirmed by one kind of evidence get an
//! unsafe fix.

use super::line::LineView;
use super::scan::{Cand, Pat};
use super::Kind;
use crate::engine::finding::{Finding, Severity};
use crate::engine::rules::{Context, Rule};

pub struct Advert;

impl Rule for Advert {
    crate::rule_meta!("debris/advert", Severity::Warning, "advert.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        super::scan::report(cx, Kind::Advert, out);
    }
}

pub(super) static PATTERNS: &[Pat] = &[
    Pat::strong(
        r"^(?:advertisement|advertisements|advert|adverts|ad|ads|anzeige|annonce|publicité|publicidad|pubblicità|reklame|reklama|werbung|advertentie)$",
    ),
    Pat::strong(r"^advertisement ?[-–—:]? ?(?:scroll|continue|story continues|article continues)\b.*$"),
    Pat::strong(r"^(?:the )?(?:story|article|text|content|report|post) continues (?:below|after)\b.*$")
        .words(10),
    Pat::strong(r"^continue reading (?:below|after (?:the )?(?:ad|advertisement|advert|break))\b.*$"),
    Pat::strong(r"^.{0,40}sponsored$").words(5),
    Pat::strong(
        r"^(?:sponsored|promoted|paid|partner|branded|advertiser)(?: (?:content|links?|stories|story|posts?|partner content|feature|message|by \S.*|from \S.*))+$",
    )
    .words(8),
    Pat::strong(
        r"\b(?:taboola|outbrain|revcontent|zergnet|teads|mgid|adchoices|ad choices|doubleclick|adsense|nativo|sharethrough)\b",
    )
    .words(10),
    Pat::strong(r"^(?:skip|close|report|hide|remove|block|mute) (?:this )?(?:ad|ads|advert|advertisement)$"),
    Pat::strong(
        r"^(?:from|message from|a word from|brought to you by) (?:our |a |the )?(?:sponsors?|partners?|advertisers?)\b.*$",
    )
    .words(8),
    Pat::strong(r"^why (?:am i seeing|this) (?:this )?ad\b.*$"),
    Pat::strong(r"^(?:scroll|swipe) (?:down |up )?(?:to|for) (?:continue|read|keep reading|more|next)\b.*$")
        .words(10),
    Pat::strong(r"^ads? (?:by|via|from) \S.*$").words(6),
    Pat::strong(r"^(?:promoted|sponsored|presented|brought to you|supported|paid for) by \S.*$").words(8),
    Pat::weak(r"^advertising$"),
    Pat::weak(r"^powered by \S.*$").words(6),
    Pat::weak(r"^undo$"),
];

/// "ADVERTISING" in capitals is a slot label, not a section heading.
pub(super) fn line(l: &LineView<'_>) -> Option<Cand> {
    (l.raw == "ADVERTISING" || l.raw == "ADVERTISEMENT" || l.raw == "- Advertisement -")
        .then(|| Cand::strong(Kind::Advert))
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{assert_fixed, assert_silent, covered, run};

    const RULE: &str = "debris/advert";

    #[test]
    fn finds_markers_between_paragraphs() {
        let text = "The tunnel will open in 2027, the agency said on Tuesday after a review.\n\nAdvertisement\n\nEngineers found the rock softer than expected during the first survey.\n\nStory continues below advertisement\n\nThe cost has risen by a third since the contract was signed in 2021.\n";
        let f = run(RULE, text);
        assert_eq!(
            covered(text, &f),
            ["Advertisement", "Story continues below advertisement"]
        );
        assert_fixed(
            RULE,
            text,
            "The tunnel will open in 2027, the agency said on Tuesday after a review.\n\nEngineers found the rock softer than expected during the first survey.\n\nThe cost has risen by a third since the contract was signed in 2021.\n",
        );
    }

    #[test]
    fn recurring_weak_markers_count() {
        let text = "The tunnel will open in 2027, the agency said on Tuesday after a long review.\n\nAdvertising\n\nEngineers found the rock softer than expected during the first survey of the route.\n\nAdvertising\n\nThe cost has risen by a third since the contract was signed in 2021, the agency said.\n";
        assert_eq!(run(RULE, text).len(), 2);
    }

    #[test]
    fn sentences_about_advertising_stay() {
        assert_silent(
            RULE,
            "Advertising revenue fell 8 percent in the quarter, the company said on Tuesday.\n\nAdvertising\n\nThe company will cut 200 jobs this year as it moves its printing plant out of the city.\n",
        );
    }
}
