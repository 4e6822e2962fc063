//! Copyright lines, “All rights reserved”, and site-footer links.
//!
//! ## What it finds
//! Lines that open with “©”, “(c)” or “Copyright” and a year or a holder, lines that say
//! “All rights reserved”, wire-service reuse notices (“This material may not be published,
//! broadcast, rewritten or redistributed.”), and the links of a site's footer (“Terms of
//! Use”, “Privacy Policy”, “Contact us”, “Site index”) when they sit beside other debris or in
//! the tail of the article.
//!
//! ## Why it matters
//! The copyright line belongs to the page the text was taken from; left in a draft it
//! credits the wrong publisher, and the footer links are meaningless in print.
//!
//! ## Example
//! ```text
//! Copyright 2024 The Valley Ledger. All rights reserved.   <- copyright line
//! ```
//! Left alone: stories about copyright (“Copyright holders sued the service in May.”).
//!
//! ## Fix safety
//! Safe: the fix deletes the line. Footer links confirmed by one kind of evidence only get
//! an unsafe fix.

use super::scan::Pat;
use crate::engine::finding::{Finding, Severity};
use crate::engine::rules::{Context, Rule};

pub struct Copyright;

impl Rule for Copyright {
    crate::rule_meta!("debris/copyright", Severity::Warning, "copyright.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        super::scan::report(cx, super::Kind::Copyright, out);
    }
}

pub(super) static PATTERNS: &[Pat] = &[
    Pat::strong(r"^(?:©|\(c\)|copyright ©|copyright \(c\)|copyright \d{4}|copr\.? \d{4}).*$").words(30),
    Pat::strong(r"^copyright\b.*(?:\b\d{4}\b|©|all rights reserved).*$").words(30),
    Pat::strong(r"\ball rights reserved\b").words(30),
    Pat::strong(
        r"^this (?:material|article|content|story) (?:may not|must not|cannot|can not) be (?:published|reproduced|broadcast|rewritten|redistributed|copied|republished)\b.*$",
    )
    .words(40),
    Pat::strong(r"^(?:no part of this|unauthori[sz]ed (?:reproduction|use|copying|distribution))\b.*$").words(40),
    Pat::weak(
        r"^(?:terms(?: of (?:use|service|sale))?|terms (?:and|&) conditions(?: apply)?|privacy(?: policy| notice| statement| center| centre)?|cookie policy|contact(?: us)?|about(?: us)?|accessibility(?: statement)?|site ?map|site index|help|careers|advertise(?: with us)?|permissions|feedback|corrections|ethics policy|code of conduct|faq|masthead|manage subscription|your ad choices|do not sell my (?:personal )?info(?:rmation)?|read the terms of use|open in the app|go to home page|back to top)$",
    ),
];

#[cfg(test)]
mod tests {
    use crate::engine::testing::{assert_silent, covered, run};

    const RULE: &str = "debris/copyright";

    #[test]
    fn finds_copyright_and_footer_lines() {
        let text = "The plant will reopen in the spring after repairs to the main line, the operator said.\n\nCopyright 2024 The Valley Ledger. All rights reserved.\n\nPrivacy Policy\n\nTerms of Use\n";
        let f = run(RULE, text);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(covered(text, &f)[0].starts_with("Copyright 2024"));
        assert!(covered(text, &f)[0].ends_with("Terms of Use"));
    }

    #[test]
    fn stories_about_copyright_stay() {
        assert_silent(
            RULE,
            "Copyright holders sued the service in May, saying it had copied their songs without paying.\n\nContact\n\nThe court will hear the case in the autumn, a spokesman for the plaintiffs said on Friday.\n",
        );
    }
}
