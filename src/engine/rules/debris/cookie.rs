//! Cookie and consent notices: “We use cookies …”, “Accept all”, “Manage preferences”.
//!
//! ## What it finds
//! The consent banner a page shows on top of the article: a sentence in which the site says
//! it uses cookies (“We and our partners use cookies to personalise content.”), “By
//! continuing to use this site you agree …”, its buttons (“Accept all cookies”, “Reject
//! all”, “Manage preferences”, “Cookie settings”) and privacy choices (“Do not sell or share
//! my personal information”). Bare buttons such as “I agree” or “Got it” count only beside
//! other debris.
//!
//! ## Why it matters
//! Consent banners are copied with the page when a scraper takes its visible text, often at
//! the very top or bottom of the draft.
//!
//! ## Example
//! ```text
//! We use cookies to improve your experience on our site.   <- one block
//! Accept all
//! Manage preferences
//! ```
//! Left alone: stories about cookies and privacy law.
//!
//! ## Fix safety
//! Safe: the fix deletes the notice.

use super::scan::Pat;
use crate::engine::finding::{Finding, Severity};
use crate::engine::rules::{Context, Rule};

pub struct Cookie;

impl Rule for Cookie {
    crate::rule_meta!("debris/cookie", Severity::Warning, "cookie.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        super::scan::report(cx, super::Kind::Cookie, out);
    }
}

pub(super) static PATTERNS: &[Pat] = &[
    Pat::strong(
        r"^(?:we|this (?:site|website)|our (?:site|website|partners)|we and our (?:partners|vendors)|this site and its partners) (?:use|uses|store|set|and our partners use) (?:cookies|cookies and similar technologies)\b.*$",
    )
    .words(80),
    Pat::strong(
        r"^by (?:using|continuing to (?:use|browse)|browsing|clicking|visiting|staying on) (?:this|our) (?:site|website|service)\b.*\b(?:cookies|agree|consent|accept)\b.*$",
    )
    .words(80),
    Pat::strong(
        r"^(?:accept|reject|allow|decline|refuse|deny)(?: all)? (?:cookies|essential cookies|necessary cookies|non-essential cookies|optional cookies|all)$",
    ),
    Pat::strong(r"^(?:accept|reject|allow)(?: all)? (?:and|&) (?:continue|close)$"),
    Pat::strong(
        r"^(?:cookie|cookies) (?:settings|preferences|policy|consent|notice|banner|choices|declaration)$",
    ),
    Pat::strong(
        r"^(?:manage|customi[sz]e|change|update) (?:my |your )?(?:cookie |privacy |consent |ad )?(?:preferences|settings|choices|consent)$",
    ),
    Pat::strong(
        r"^(?:we value your privacy|your privacy choices|privacy preferences|consent preferences|do not sell(?: or share)? my personal information)$",
    ),
    Pat::weak(r"^(?:got it|i agree|i accept|agree|okay|ok|accept|no thanks|not now|maybe later|dismiss)$")
        .needs_company(),
];

#[cfg(test)]
mod tests {
    use crate::engine::testing::{assert_silent, covered, run};

    const RULE: &str = "debris/cookie";

    #[test]
    fn finds_the_banner_as_one_block() {
        let text = "We use cookies to improve your experience on our site.\nAccept all\nManage preferences\n\nThe ferry service will resume on Monday after a two-week strike by crews, the operator said.\n";
        let f = run(RULE, text);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(covered(text, &f)[0].ends_with("Manage preferences"));
    }

    #[test]
    fn stories_about_cookies_stay() {
        assert_silent(
            RULE,
            "Regulators said websites that use cookies must ask first, under rules that take effect in May.\n\nThe bakery sells 500 cookies a day, the owner said.\n\nAccept\n",
        );
    }
}
