//! Aggregator and syndication footers: “Source link”, “Read the original article”,
//! “Originally published on …”, “The post … appeared first on …”.
//!
//! ## What it finds
//! Lines an aggregator or a syndication partner adds to say where the copy came from: a bare
//! “Source link” or “Source URL”, invitations to read the original (“Read the full story at
//! the Courier”, “View original article”), provenance notes (“This article originally
//! appeared on …”, “Originally published in …”, “Republished with permission from …”,
//! “A version of this article appears in print on …”), and the RSS footer “The post …
//! appeared first on …”. A lone “Source:” or “Via …” counts only beside other debris.
//!
//! ## Why it matters
//! The lines describe another site's page, not the article; in a draft they make the copy
//! look lifted.
//!
//! ## Example
//! ```text
//! The Associated Press contributed to this article.   <- stays
//!
//! Source link                                          <- syndication footer
//! ```
//! Left alone: agency credits (“The Associated Press contributed to this article.”,
//! “(Reporting by …; Editing by …)”) and sentences that cite a source.
//!
//! ## Fix safety
//! Safe: the fix deletes the line.

use super::scan::Pat;
use crate::engine::finding::{Finding, Severity};
use crate::engine::rules::{Context, Rule};

pub struct Syndication;

impl Rule for Syndication {
    crate::rule_meta!("debris/syndication", Severity::Warning, "syndication.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        super::scan::report(cx, super::Kind::Syndication, out);
    }
}

pub(super) static PATTERNS: &[Pat] = &[
    Pat::strong(r"^source (?:link|url|article|page)$"),
    Pat::weak(r"^(?:source|via|h/t|hat tip|courtesy(?: of)?)(?: ?: ?\S.*)?$")
        .words(6)
        .needs_company(),
    Pat::strong(
        r"^(?:read|view|see|go to|visit|continue reading|open) (?:the )?(?:original|full|complete|source|entire) (?:article|story|post|report|piece|text|version)\b.*$",
    )
    .words(14),
    Pat::strong(
        r"^(?:this|the) (?:article|story|post|piece|report|column|interview|essay|content) (?:was |is |has been )?(?:originally |first )?(?:appeared|appears|published|ran|posted|reprinted|republished|syndicated|reproduced) (?:on|in|at|by|with|from) .*$",
    )
    .words(25),
    Pat::strong(r"^(?:originally|first) (?:published|posted|appeared|ran) (?:on|in|at|by)\b.*$").words(20),
    Pat::strong(r"^(?:the|this) (?:post|article|entry) .* (?:appeared|was published) first on .*$").words(40),
    Pat::strong(
        r"^(?:republished|reprinted|reproduced|syndicated) (?:with permission |by permission |by arrangement )?(?:from|by|courtesy of|via|with) .*$",
    )
    .words(20),
    Pat::strong(r"^a version of this (?:article|story|review|column) (?:appears|appeared) in print\b.*$")
        .words(60),
    Pat::strong(r"^continue reading (?:at|on) \S.*$").words(10),
    Pat::strong(r"^(?:click|tap) (?:here )?to read (?:the )?(?:full|original|complete|rest|entire)\b.*$")
        .words(15),
];

#[cfg(test)]
mod tests {
    use crate::engine::testing::{assert_silent, covered, run};

    const RULE: &str = "debris/syndication";

    #[test]
    fn finds_provenance_footers() {
        let text = "The mill will close in June, the owners said.\n\nThe Associated Press contributed to this article.\n\nSource link\n\nThis story originally appeared on Valley Ledger.\n";
        let f = run(RULE, text);
        assert_eq!(covered(text, &f).len(), 1, "{f:#?}");
        assert!(covered(text, &f)[0].starts_with("Source link"));
        assert!(covered(text, &f)[0].ends_with("Valley Ledger."));
    }

    #[test]
    fn agency_credits_and_sources_in_prose_stay() {
        assert_silent(
            RULE,
            "(Reporting by Ana Ruiz; Editing by Tom Hale)\n\nThe Associated Press contributed to this article.\n\nThe source of the leak was never found, the inquiry said in its final report on Thursday.\n",
        );
    }
}
